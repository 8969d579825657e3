//! The eframe application. `logic()` runs the timers (idle, admin gesture),
//! takes finished photo decodes and keyboard commands; `ui()` draws the
//! current screen and its overlays; [`action`] applies what screens asked
//! for, once, after the frame.

mod action;
pub mod images;
mod visitor;

use std::{path::PathBuf, sync::Arc, time::Duration};

use egui::{Pos2, Rect, Vec2, ViewportCommand};

pub use self::visitor::Visitor;
use crate::{
    config::KioskConfig,
    content::{LoadReport, Pack},
    screens::{
        self, Action, Mode, ScreenCx, ScreenId,
        admin::{PackStatus, PinPad},
    },
    session::{CornerTaps, IdlePhase, IdleTimer, PinLock},
    theme::Look,
};
use images::ImageCache;

/// The short side of the screen, in points, that layouts are designed for:
/// every screen is scaled so its short side is this many points.
pub const DESIGN_SHORT_SIDE: f32 = 1080.0;
/// A press held longer than this is not a tap (fingers are slower than mice).
const TAP_MAX_SECS: f64 = 1.0;

/// What the app starts with.
pub struct Startup {
    /// Kiosk or presenter.
    pub mode: Mode,
    /// The pack, and how loading it went.
    pub report: LoadReport,
    /// The kiosk's config.
    pub config: KioskConfig,
}

/// The kiosk application.
pub struct KioskApp {
    pack: Arc<Pack>,
    requested: Option<PathBuf>,
    problems: Vec<crate::content::Problem>,
    fell_back: bool,
    config: KioskConfig,
    mode: Mode,
    look: Look,
    visitor: Visitor,
    idle: IdleTimer,
    corner: CornerTaps,
    pin_lock: PinLock,
    pin_pad: Option<PinPad>,
    admin_open: bool,
    images: ImageCache,
    quitting: bool,
    fullscreen: bool,
    /// Presenter keys read in `logic()`, applied to the screen in `ui()`.
    step: Option<Step>,
}

/// A presenter key's move.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    Next,
    Previous,
}

impl KioskApp {
    /// A new app, styled on `ctx`.
    pub fn new(ctx: &egui::Context, startup: Startup) -> Self {
        let Startup {
            mode,
            report,
            config,
        } = startup;
        let pack = report.pack;
        let now = ctx.input(|i| i.time);
        let scale = pack
            .theme
            .type_scale
            .text_scales
            .first()
            .copied()
            .unwrap_or(1.0);
        let look = Look::new(&pack.theme, false, scale);
        ctx.all_styles_mut(|style| *style = look.style(style));
        ctx.options_mut(|o| {
            o.input_options.max_click_dist = look.tap_slop_px();
            o.input_options.max_click_duration = TAP_MAX_SECS;
            o.zoom_with_keyboard = false;
            if mode == Mode::Kiosk {
                o.quit_shortcuts.clear();
            }
        });
        let timings = &pack.manifest.timings;
        Self {
            idle: IdleTimer::new(
                f64::from(timings.idle_timeout_secs),
                f64::from(timings.idle_countdown_secs),
                now,
            ),
            visitor: Visitor::new(&pack, mode, now, 0),
            images: ImageCache::new(ctx, pack.source.clone()),
            requested: report.requested,
            problems: report.problems,
            fell_back: report.fell_back,
            pack,
            config,
            mode,
            look,
            corner: CornerTaps::default(),
            pin_lock: PinLock::default(),
            pin_pad: None,
            admin_open: false,
            quitting: false,
            fullscreen: mode == Mode::Kiosk,
            step: None,
        }
    }

    /// The visitor's session (for tests).
    pub fn visitor(&self) -> &Visitor {
        &self.visitor
    }

    /// Whether the admin screen is open (for tests).
    pub fn admin_open(&self) -> bool {
        self.admin_open
    }

    /// Whether the PIN pad is open (for tests).
    pub fn pin_pad_open(&self) -> bool {
        self.pin_pad.is_some()
    }

    /// Whether photos are still being decoded (tests wait for them before a
    /// snapshot).
    pub fn images_pending(&self) -> bool {
        self.images.pending()
    }

    /// Pixels held in photo textures, for memory checks.
    pub fn texture_pixels(&self) -> usize {
        self.images.texture_pixels()
    }

    /// Forgets the visitor: back to the start, nothing of theirs kept.
    fn reset_visitor(&mut self, now: f64) {
        self.visitor = Visitor::new(&self.pack, self.mode, now, self.visitor.epoch + 1);
        self.pin_pad = None;
        self.admin_open = false;
        self.idle.touch(now);
    }

    /// Scales the UI so the short side of the screen is
    /// [`DESIGN_SHORT_SIDE`] points: sizes in the theme are "at 1080p".
    fn fit_zoom(ctx: &egui::Context) {
        let (short_points, native) = ctx.input(|i| {
            let r = i.content_rect();
            (
                r.width().min(r.height()),
                i.viewport().native_pixels_per_point.unwrap_or(1.0),
            )
        });
        let physical = short_points * ctx.pixels_per_point();
        if physical <= 0.0 || native <= 0.0 {
            return;
        }
        let zoom = physical / DESIGN_SHORT_SIDE / native;
        if (zoom - ctx.zoom_factor()).abs() > 0.005 {
            ctx.set_zoom_factor(zoom);
        }
    }

    fn read_input(&mut self, ctx: &egui::Context, now: f64) {
        let corner = Rect::from_min_size(Pos2::ZERO, Vec2::splat(self.look.min_touch_px));
        let (active, presses, keys) = ctx.input(|i| {
            let active = i.events.iter().any(|e| {
                matches!(
                    e,
                    egui::Event::PointerButton { .. }
                        | egui::Event::PointerMoved(_)
                        | egui::Event::Touch { .. }
                        | egui::Event::Key { .. }
                        | egui::Event::Text(_)
                        | egui::Event::MouseWheel { .. }
                )
            });
            let presses: Vec<Pos2> = i
                .events
                .iter()
                .filter_map(|e| match e {
                    egui::Event::PointerButton {
                        pos, pressed: true, ..
                    } => Some(*pos),
                    _ => None,
                })
                .collect();
            let keys: Vec<egui::Key> = i
                .events
                .iter()
                .filter_map(|e| match e {
                    egui::Event::Key {
                        key, pressed: true, ..
                    } => Some(*key),
                    _ => None,
                })
                .collect();
            (active, presses, keys)
        });
        if active {
            self.idle.touch(now);
        }
        for pos in presses {
            if corner.contains(pos) {
                if self.corner.tap(now) && self.pin_pad.is_none() && !self.admin_open {
                    self.open_pin_pad(now);
                }
            } else {
                self.corner.interrupt();
            }
        }
        if self.pin_pad.is_some() || self.admin_open {
            return;
        }
        for key in keys {
            match key {
                egui::Key::ArrowRight | egui::Key::Space | egui::Key::PageDown => {
                    self.step = Some(Step::Next)
                }
                egui::Key::ArrowLeft | egui::Key::PageUp => self.step = Some(Step::Previous),
                egui::Key::F11 if self.mode == Mode::Presenter => {
                    self.fullscreen = !self.fullscreen;
                    ctx.send_viewport_cmd(ViewportCommand::Fullscreen(self.fullscreen));
                }
                egui::Key::Escape if self.mode == Mode::Presenter && self.fullscreen => {
                    self.fullscreen = false;
                    ctx.send_viewport_cmd(ViewportCommand::Fullscreen(false));
                }
                _ => {}
            }
        }
    }

    fn open_pin_pad(&mut self, now: f64) {
        use screens::admin::PadMessage;
        let message = if self.config.pin_hash.is_none() {
            PadMessage::NotSet
        } else if let Some(secs) = self.pin_lock.locked_for(now) {
            PadMessage::Locked(secs)
        } else {
            PadMessage::None
        };
        self.pin_pad = Some(PinPad::new(message));
    }

    fn apply_step(&mut self, step: Step) {
        let v = &mut self.visitor;
        let pack = &self.pack;
        match (v.screen, step) {
            (ScreenId::Attract, _) => v.screen = ScreenId::Story,
            (ScreenId::Story, Step::Next) => v.story.next(pack.story.chapters.len()),
            (ScreenId::Story, Step::Previous) => v.story.previous(),
            (ScreenId::Timeline, Step::Next) => v.timeline.next(pack.timeline.events.len()),
            (ScreenId::Timeline, Step::Previous) => v.timeline.previous(pack.timeline.events.len()),
            (ScreenId::Photos, Step::Next) => v.photos.next(pack.photos.photos.len()),
            (ScreenId::Photos, Step::Previous) => v.photos.previous(),
            (ScreenId::Pledge | ScreenId::Admin, _) => {}
        }
    }
}

impl eframe::App for KioskApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        let now = ctx.input(|i| i.time);
        Self::fit_zoom(ctx);
        self.images.logic(now);
        if ctx.input(|i| i.viewport().close_requested())
            && self.mode == Mode::Kiosk
            && !self.quitting
        {
            // Alt+F4 and the like: a visitor has no way out.
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
        }
        self.read_input(ctx, now);
        if let Some(step) = self.step.take() {
            self.apply_step(step);
        }
        if self.mode == Mode::Kiosk {
            if self.visitor.screen == ScreenId::Attract
                && self.pin_pad.is_none()
                && !self.admin_open
            {
                // Nobody to ask "still there?": the attract loop is the idle state.
                self.idle.touch(now);
            }
            match self.idle.phase(now) {
                IdlePhase::Expired => self.reset_visitor(now),
                IdlePhase::Active { .. } | IdlePhase::Countdown { .. } => {}
            }
            if let Some(secs) = self.idle.secs_to_next_change(now) {
                ctx.request_repaint_after(Duration::from_secs_f64(secs.max(0.01)));
            }
        }
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        let now = ctx.input(|i| i.time);
        if self.mode == Mode::Kiosk {
            ctx.set_cursor_icon(egui::CursorIcon::None);
        }
        let locale = self.visitor.locale.clone();
        let cx = ScreenCx {
            pack: &self.pack,
            locale: &locale,
            look: &self.look,
            images: &self.images,
            mode: self.mode,
            now,
            epoch: self.visitor.epoch,
        };
        let mut actions: Vec<Action> = Vec::new();
        let background = egui::Frame::new().fill(self.look.colors.background);
        let v = &mut self.visitor;
        if self.admin_open {
            let status = PackStatus {
                requested: self.requested.as_deref(),
                fell_back: self.fell_back,
                problems: &self.problems,
            };
            egui::CentralPanel::default()
                .frame(background)
                .show(ui, |ui| {
                    actions.extend(screens::admin::ui(ui, &cx, &status))
                });
        } else if v.screen == ScreenId::Attract {
            egui::CentralPanel::default()
                .frame(egui::Frame::NONE)
                .show(ui, |ui| actions.extend(v.attract.ui(ui, &cx)));
        } else {
            let nav_frame = egui::Frame::new()
                .fill(self.look.colors.surface)
                .inner_margin(egui::Margin::same(self.look.space_small.round() as i8));
            egui::Panel::bottom(cx.id("nav"))
                .frame(nav_frame)
                .show_separator_line(false)
                .show(ui, |ui| {
                    actions.extend(screens::nav::nav_bar(ui, &cx, v.screen))
                });
            egui::CentralPanel::default()
                .frame(background)
                .show(ui, |ui| match v.screen {
                    ScreenId::Story => v.story.ui(ui, &cx),
                    ScreenId::Timeline => v.timeline.ui(ui, &cx),
                    ScreenId::Photos => v.photos.ui(ui, &cx),
                    ScreenId::Pledge => screens::pledge::ui(ui, &cx),
                    ScreenId::Attract | ScreenId::Admin => {}
                });
        }
        if self.mode == Mode::Kiosk
            && let IdlePhase::Countdown { secs_left } = self.idle.phase(now)
        {
            actions.extend(screens::idle::overlay(&ctx, &cx, secs_left));
        }
        if let Some(pad) = &mut self.pin_pad {
            actions.extend(pad.ui(&ctx, &cx));
        }
        for action in actions {
            self.apply(&ctx, action, now);
        }
    }

    fn clear_color(&self, _visuals: &egui::Visuals) -> [f32; 4] {
        self.look.colors.background.to_normalized_gamma_f32()
    }
}

/// Opens the window and runs until it is closed.
pub fn run(startup: Startup) -> anyhow::Result<()> {
    let pack = &startup.report.pack;
    let title = pack
        .tr(&pack.manifest.title, &pack.manifest.default_locale)
        .to_owned();
    let mut viewport = egui::ViewportBuilder::default()
        .with_title(&title)
        .with_app_id("storykiosk");
    viewport = match startup.mode {
        Mode::Kiosk => viewport
            .with_fullscreen(true)
            .with_decorations(false)
            .with_window_level(egui::WindowLevel::AlwaysOnTop),
        Mode::Presenter => viewport
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([640.0, 400.0])
            .with_resizable(true),
    };
    let options = eframe::NativeOptions {
        viewport,
        ..Default::default()
    };
    eframe::run_native(
        "storykiosk",
        options,
        Box::new(move |cc| Ok(Box::new(KioskApp::new(&cc.egui_ctx, startup)))),
    )
    .map_err(|e| anyhow::anyhow!("cannot open the kiosk window: {e}"))
}
