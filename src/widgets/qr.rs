//! A QR code, black on white with its quiet zone whatever the theme, named
//! for screen readers.

use egui::{
    ColorImage, Pos2, Rect, Response, Sense, Stroke, StrokeKind, TextureHandle, TextureOptions, Ui,
    Vec2, WidgetInfo,
};

use crate::theme::Look;

/// The blank border scanners need, in modules on each side.
const QUIET_MODULES: usize = 4;

use crate::theme::{NO_TINT, QR_DARK as DARK, QR_LIGHT as LIGHT};

/// The code for `data` as an image of one pixel per module, quiet zone
/// included; `None` if `data` is too long for a QR code.
fn modules(data: &str) -> Option<ColorImage> {
    let code = qrcode::QrCode::new(data.as_bytes()).ok()?;
    let n = code.width();
    let side = n + 2 * QUIET_MODULES;
    let mut image = ColorImage::filled([side, side], LIGHT);
    for (i, color) in code.to_colors().iter().enumerate() {
        if *color == qrcode::Color::Dark {
            let (x, y) = (QUIET_MODULES + i % n, QUIET_MODULES + i / n);
            image.pixels[y * side + x] = DARK;
        }
    }
    Some(image)
}

/// Draws `data` as a QR code at most `side` points square, named `alt`:
/// black modules on white, with four modules of quiet zone, each module a
/// whole number of screen pixels and drawn without smoothing, so no edge
/// is blurred. On a dark theme the white square is edged in the theme's
/// muted text colour.
pub fn qr_code(ui: &mut Ui, data: &str, side: f32, alt: &str, look: &Look) -> Response {
    let id = egui::Id::unique(("qr-code", data));
    let texture: Option<TextureHandle> = ui
        .ctx()
        .data(|d| d.get_temp::<TextureHandle>(id))
        .or_else(|| {
            let texture = ui
                .ctx()
                .load_texture("qr-code", modules(data)?, TextureOptions::NEAREST);
            ui.ctx().data_mut(|d| d.insert_temp(id, texture.clone()));
            Some(texture)
        });
    let count = texture.as_ref().map_or(29, |t| t.size()[0]) as f32;
    let ppp = ui.ctx().pixels_per_point();
    let module_px = (side * ppp / count).floor().max(1.0);
    let side = module_px * count / ppp;
    let (rect, response) = ui.allocate_exact_size(Vec2::splat(side), Sense::hover());
    let name = alt.to_owned();
    response.widget_info(|| WidgetInfo::labeled(egui::Role::Image, true, name.clone()));
    let Some(texture) = texture else {
        return response;
    };
    if ui.is_rect_visible(rect) {
        // On a pixel boundary, so every module covers whole pixels.
        let min = Pos2::new(
            (rect.min.x * ppp).round() / ppp,
            (rect.min.y * ppp).round() / ppp,
        );
        let square = Rect::from_min_size(min, Vec2::splat(side));
        let painter = ui.painter();
        if look.colors.background.intensity() < 0.5 {
            painter.rect_stroke(
                square,
                0.0,
                Stroke::new(look.border_pt(), look.colors.text_muted),
                StrokeKind::Outside,
            );
        }
        painter.image(
            texture.id(),
            square,
            Rect::from_min_max(Pos2::ZERO, Pos2::new(1.0, 1.0)),
            NO_TINT,
        );
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dark_modules_on_a_light_quiet_zone() {
        let image = modules("https://example.org/give?ref=ABC123").unwrap();
        let side = image.size[0];
        assert_eq!(image.size, [side, side]);
        // The quiet zone is light all round.
        for i in 0..side {
            for q in 0..QUIET_MODULES {
                for p in [[i, q], [q, i], [i, side - 1 - q], [side - 1 - q, i]] {
                    assert_eq!(image.pixels[p[1] * side + p[0]], LIGHT, "{p:?}");
                }
            }
        }
        // The finder pattern's corner is dark.
        assert_eq!(image.pixels[QUIET_MODULES * side + QUIET_MODULES], DARK);
        assert!(modules(&"x".repeat(8000)).is_none());
    }
}
