// An empty eframe window: one heading, one button, one small image,
// the floor any egui kiosk pays before its own work.
fn main() -> eframe::Result {
    let options = eframe::NativeOptions {
        viewport: eframe::egui::ViewportBuilder::default().with_fullscreen(true),
        ..Default::default()
    };
    eframe::run_ui_native("floor", options, |ui, _frame| {
        ui.heading("Floor");
        let _ = ui.button("A button");
        let tex = ui.ctx().load_texture(
            "img",
            eframe::egui::ColorImage::from_rgb([64, 64], &[200u8; 64 * 64 * 3]),
            Default::default(),
        );
        ui.image((tex.id(), eframe::egui::vec2(64.0, 64.0)));
    })
}
