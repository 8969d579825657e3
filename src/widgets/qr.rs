//! A QR code drawn as squares, with a quiet zone, named for screen readers.

use egui::{Pos2, Rect, Response, Sense, Ui, Vec2, WidgetInfo};

use crate::theme::Look;

/// The blank border scanners need, in modules on each side.
const QUIET_MODULES: f32 = 4.0;

/// Draws `data` as a QR code `side` points square, named `alt`. Dark
/// modules are drawn in the text colour on the surface colour, which the
/// theme keeps at a readable contrast.
pub fn qr_code(ui: &mut Ui, data: &str, side: f32, alt: &str, look: &Look) -> Response {
    let (rect, response) = ui.allocate_exact_size(Vec2::splat(side), Sense::hover());
    let name = alt.to_owned();
    response.widget_info(|| WidgetInfo::labeled(egui::Role::Image, true, name.clone()));
    let Ok(code) = qrcode::QrCode::new(data.as_bytes()) else {
        return response;
    };
    let n = code.width();
    // Four modules of quiet zone on every side, as scanners expect.
    let module = side / (n as f32 + QUIET_MODULES * 2.0);
    let painter = ui.painter();
    painter.rect_filled(rect, 0.0, look.colors.surface);
    let origin = rect.min + Vec2::splat(QUIET_MODULES * module);
    let colors = code.to_colors();
    for (i, color) in colors.iter().enumerate() {
        if *color == qrcode::Color::Dark {
            let (x, y) = ((i % n) as f32, (i / n) as f32);
            let min = origin + Vec2::new(x * module, y * module);
            painter.rect_filled(
                Rect::from_min_size(Pos2::new(min.x, min.y), Vec2::splat(module + 0.5)),
                0.0,
                look.colors.text,
            );
        }
    }
    response
}
