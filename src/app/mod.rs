//! The eframe application: holds the pack and the visitor's session, and
//! draws the current screen.

use std::sync::Arc;

use crate::{
    content::Pack,
    screens::{ScreenCx, story::StoryScreen},
    theme::Look,
};

/// The kiosk application.
pub struct KioskApp {
    pack: Arc<Pack>,
    locale: String,
    look: Look,
    story: StoryScreen,
}

impl KioskApp {
    /// A new app showing `pack`, styled on `ctx`.
    pub fn new(ctx: &egui::Context, pack: Arc<Pack>) -> Self {
        let locale = pack.manifest.default_locale.clone();
        let scale = pack
            .theme
            .type_scale
            .text_scales
            .first()
            .copied()
            .unwrap_or(1.0);
        let look = Look::new(&pack.theme, false, scale);
        // Both egui themes get the pack's look, so the OS's dark mode changes nothing.
        ctx.all_styles_mut(|style| *style = look.style(style));
        Self {
            pack,
            locale,
            look,
            story: StoryScreen,
        }
    }
}

impl eframe::App for KioskApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let cx = ScreenCx {
            pack: &self.pack,
            locale: &self.locale,
            look: &self.look,
        };
        egui::CentralPanel::default()
            .frame(egui::Frame::new().fill(self.look.colors.background))
            .show(ui, |ui| self.story.ui(ui, &cx));
    }

    fn clear_color(&self, _visuals: &egui::Visuals) -> [f32; 4] {
        self.look.colors.background.to_normalized_gamma_f32()
    }
}

/// Opens the window and runs until it is closed.
pub fn run(pack: Arc<Pack>) -> anyhow::Result<()> {
    let title = pack
        .tr(&pack.manifest.title, &pack.manifest.default_locale)
        .to_owned();
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(&title)
            .with_app_id("storykiosk")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([640.0, 480.0]),
        ..Default::default()
    };
    eframe::run_native(
        "storykiosk",
        options,
        Box::new(move |cc| Ok(Box::new(KioskApp::new(&cc.egui_ctx, pack)))),
    )
    .map_err(|e| anyhow::anyhow!("cannot open the kiosk window: {e}"))
}
