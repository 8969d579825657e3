//! The event total screen's app (`storykiosk --total-screen`): reads the
//! store (or the hub) on its own thread; redraws at most 30 times a second
//! while something moves, and not at all while nothing does. L shows the
//! next language (they also take turns every 20 s), C switches the
//! high-contrast palette, F11 full screen.

use std::{path::PathBuf, sync::Arc, sync::mpsc};

use egui::ViewportCommand;

use crate::{
    content::Pack,
    hub::{HubLink, total::TotalQuery},
    pledge::total::{self, Total},
    screens::{self, ScreenCx},
    session::big_screen::Show,
    theme::Look,
};

use super::images::ImageCache;

/// The total screen.
pub struct TotalApp {
    pack: Arc<Pack>,
    formats: super::FormatsFor,
    look: Look,
    high_contrast: bool,
    show: Show,
    images: ImageCache,
    total: Result<Total, String>,
    readings: Option<mpsc::Receiver<Result<Total, String>>>,
    fullscreen: bool,
    /// `STORYKIOSK_TRACE_FRAMES` is set: each frame's time and what asked
    /// for it, on standard error.
    trace_frames: bool,
}

impl TotalApp {
    /// A total screen for `event_id`, reading the store in `data_dir`, and
    /// the gala hub if the settings name one (then it counts every kiosk).
    pub fn new(
        ctx: &egui::Context,
        pack: Arc<Pack>,
        data_dir: PathBuf,
        event_id: String,
        hub: Option<HubLink>,
    ) -> Self {
        let look = Look::for_visitor(&pack.theme, false, 0);
        crate::theme::install_fonts(ctx, &pack.fonts);
        ctx.all_styles_mut(|style| *style = projector_style(&look, style));
        let repaint = ctx.clone();
        let notify = move || repaint.request_repaint();
        let currency = pack.pledge.currency.code.clone();
        let name_consent = pack.names_shown_with().map(str::to_owned);
        let readings = match hub {
            Some(link) => {
                let query = TotalQuery {
                    event_id,
                    currency,
                    name_consent,
                };
                crate::hub::total::watch(link, data_dir, query, notify)
            }
            None => total::watch(data_dir, event_id, currency, name_consent, notify),
        }
        .map_err(|e| eprintln!("storykiosk: cannot start reading the store: {e}"))
        .ok();
        Self {
            images: ImageCache::new(ctx, pack.source.clone()),
            formats: super::FormatsFor::new(&pack, &pack.manifest.default_locale),
            pack,
            look,
            high_contrast: false,
            show: Show::default(),
            total: Ok(Total::default()),
            readings,
            fullscreen: true,
            trace_frames: std::env::var_os("STORYKIOSK_TRACE_FRAMES").is_some(),
        }
    }

    /// The latest reading (for tests).
    pub fn total(&self) -> &Result<Total, String> {
        &self.total
    }

    /// The celebrations and the figure (for tests).
    pub fn show(&self) -> &Show {
        &self.show
    }

    /// The language showing.
    pub fn showing_locale(&self) -> String {
        self.locale()
    }

    fn locale(&self) -> String {
        let locales = &self.pack.manifest.locales;
        locales.get(self.show.locale(locales.len())).map_or_else(
            || self.pack.manifest.default_locale.clone(),
            |l| l.code.clone(),
        )
    }

    fn set_contrast(&mut self, ctx: &egui::Context, high: bool) {
        self.high_contrast = high;
        self.look = Look::for_visitor(&self.pack.theme, high, 0);
        ctx.all_styles_mut(|style| *style = projector_style(&self.look, style));
    }
}

/// The look's style, with each glyph drawn once at each size: text at a
/// projector's sizes gains nothing visible from quarter-pixel positions,
/// and four copies of each digit a few hundred pixels tall fill the glyph
/// atlas, which egui then clears and draws again mid-celebration.
fn projector_style(look: &Look, style: &egui::Style) -> egui::Style {
    let mut style = look.style(style);
    style.visuals.text_options.subpixel_binning = false;
    style
}

impl eframe::App for TotalApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        super::KioskApp::fit_zoom(ctx);
        let now = ctx.input(|i| i.time);
        if let Some(rx) = &self.readings {
            while let Ok(reading) = rx.try_recv() {
                if let Ok(total) = &reading {
                    self.show.take(total, now);
                }
                self.total = reading;
            }
        }
        let (f11, escape, language, contrast) = ctx.input(|i| {
            (
                i.key_pressed(egui::Key::F11),
                i.key_pressed(egui::Key::Escape),
                i.key_pressed(egui::Key::L),
                i.key_pressed(egui::Key::C),
            )
        });
        if language {
            self.show.next_locale(now);
        }
        if contrast {
            self.set_contrast(ctx, !self.high_contrast);
        }
        let slides = self.pack.event.as_ref().map_or(0, |e| e.slides.len());
        let due = self
            .show
            .tick(now, slides, self.pack.manifest.locales.len());
        if let Some(secs) = due {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(secs));
        }
        if f11 || (escape && self.fullscreen) {
            self.fullscreen = f11 && !self.fullscreen;
            ctx.send_viewport_cmd(ViewportCommand::Fullscreen(self.fullscreen));
        }
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let now = ui.input(|i| i.time);
        if self.trace_frames {
            eprintln!(
                "storykiosk: total screen frame at {:.1} ms, asked for by {:?}",
                now * 1000.0,
                ui.ctx().repaint_causes()
            );
        }
        let locale = self.locale();
        let fmt = self.formats.get(&self.pack, &locale);
        let cx = ScreenCx::for_staff(&self.pack, &locale, fmt, &self.look, &self.images, now);
        egui::CentralPanel::default()
            .frame(egui::Frame::new().fill(self.look.colors.background))
            .show(ui, |ui| {
                let view = screens::total::BigScreen {
                    total: &self.total,
                    show: &self.show,
                };
                screens::total::ui(ui, &cx, &view);
            });
    }

    fn clear_color(&self, _visuals: &egui::Visuals) -> [f32; 4] {
        self.look.colors.background.to_normalized_gamma_f32()
    }
}

/// Opens the total screen and runs until it is closed.
pub fn run(
    pack: Arc<Pack>,
    data_dir: PathBuf,
    event_id: String,
    hub: Option<HubLink>,
) -> anyhow::Result<()> {
    let title = pack
        .tr(&pack.manifest.title, &pack.manifest.default_locale)
        .to_owned();
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(&title)
            .with_app_id("storykiosk-total")
            .with_position([0.0, 0.0])
            .with_inner_size([16384.0, 16384.0])
            .with_fullscreen(true),
        dithering: false,
        system_font_fallback: false,
        ..Default::default()
    };
    eframe::run_native(
        "storykiosk-total",
        options,
        Box::new(move |cc| {
            // Donors' names may be in any script: the computer's fonts are a
            // fallback for what the bundled ones lack.
            cc.egui_ctx.add_font_provider(Arc::new(
                egui_system_font_provider::SystemFontProvider::new(),
            ));
            Ok(Box::new(TotalApp::new(
                &cc.egui_ctx,
                pack,
                data_dir,
                event_id,
                hub,
            )))
        }),
    )
    .map_err(|e| anyhow::anyhow!("cannot open the total screen: {e}"))
}
