//! A photo cropped to a tile around its focal point, or, until it has
//! loaded or if it cannot be, a neutral tile (with its description when it
//! failed). Its accessible name is the photo's alt text.

use egui::{Align2, Pos2, Rect, Response, Sense, Ui, Vec2, Widget, WidgetInfo};

use crate::theme::Look;

/// Where a photo's texture stands.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ImageState {
    /// Being decoded off the UI thread.
    Loading,
    /// Ready to draw: the texture and its size in pixels.
    Ready {
        /// The texture.
        texture: egui::TextureId,
        /// Its size in pixels, for the aspect ratio.
        size: Vec2,
    },
    /// Missing or undecodable.
    Failed,
}

/// How a photo fills its rectangle.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fit {
    /// Fill the rectangle, cropping around the focal point.
    Cover,
    /// Show the whole photo, letterboxed.
    Contain,
}

/// A photo tile.
pub struct PhotoTile<'a> {
    state: ImageState,
    alt: &'a str,
    focal: Pos2,
    size: Vec2,
    look: &'a Look,
    fit: Fit,
    clickable: bool,
}

impl<'a> PhotoTile<'a> {
    /// A tile of `size` points showing `state`, described by `alt`, cropped
    /// around `focal` (fractions of width and height).
    pub fn new(state: ImageState, alt: &'a str, focal: Pos2, size: Vec2, look: &'a Look) -> Self {
        Self {
            state,
            alt,
            focal,
            size,
            look,
            fit: Fit::Cover,
            clickable: false,
        }
    }

    /// Sets how the photo fills the tile.
    pub fn fit(mut self, fit: Fit) -> Self {
        self.fit = fit;
        self
    }

    /// Makes the tile a button (its name stays the alt text).
    pub fn clickable(mut self) -> Self {
        self.clickable = true;
        self
    }
}

/// The part of a texture of `tex` pixels to show in a rectangle of `rect`
/// points so that it is covered, keeping `focal` in view.
pub fn cover_uv(tex: Vec2, rect: Vec2, focal: Pos2) -> Rect {
    if tex.x <= 0.0 || tex.y <= 0.0 || rect.x <= 0.0 || rect.y <= 0.0 {
        return Rect::from_min_max(Pos2::ZERO, Pos2::new(1.0, 1.0));
    }
    let tex_aspect = tex.x / tex.y;
    let rect_aspect = rect.x / rect.y;
    let (w, h) = if tex_aspect > rect_aspect {
        (rect_aspect / tex_aspect, 1.0)
    } else {
        (1.0, tex_aspect / rect_aspect)
    };
    let x = (focal.x - w / 2.0).clamp(0.0, 1.0 - w);
    let y = (focal.y - h / 2.0).clamp(0.0, 1.0 - h);
    Rect::from_min_size(Pos2::new(x, y), Vec2::new(w, h))
}

/// The largest rectangle of `tex`'s aspect that fits in `rect`, centred.
pub fn contain_rect(tex: Vec2, rect: Rect) -> Rect {
    if tex.x <= 0.0 || tex.y <= 0.0 {
        return rect;
    }
    let scale = (rect.width() / tex.x).min(rect.height() / tex.y);
    Rect::from_center_size(rect.center(), tex * scale)
}

/// The neutral tile shown while a photo loads, and, with its description,
/// when it cannot be shown at all.
pub fn paint_placeholder(
    painter: &egui::Painter,
    rect: Rect,
    state: ImageState,
    alt: &str,
    look: &Look,
) {
    painter.rect_filled(rect, look.radius_small, look.colors.surface);
    if state == ImageState::Failed {
        let galley = painter.layout(
            alt.to_owned(),
            look.font(look.small_pt),
            look.colors.text_muted,
            rect.width() - 2.0 * look.space_medium,
        );
        let pos = Align2::CENTER_CENTER
            .align_size_within_rect(galley.size(), rect)
            .min;
        painter.galley(pos, galley, look.colors.text_muted);
    }
}

impl Widget for PhotoTile<'_> {
    fn ui(self, ui: &mut Ui) -> Response {
        let sense = if self.clickable {
            Sense::click()
        } else {
            Sense::hover()
        };
        let (rect, response) = ui.allocate_exact_size(self.size, sense);
        let role = if self.clickable {
            egui::Role::Button
        } else {
            egui::Role::Image
        };
        let alt = self.alt.to_owned();
        response.widget_info(|| WidgetInfo::labeled(role, true, alt.clone()));
        if !ui.is_rect_visible(rect) {
            return response;
        }
        let look = self.look;
        let painter = ui.painter_at(rect);
        match self.state {
            ImageState::Ready { texture, size } => match self.fit {
                Fit::Cover => {
                    let uv = cover_uv(size, rect.size(), self.focal);
                    painter.image(texture, rect, uv, crate::theme::NO_TINT);
                }
                Fit::Contain => {
                    let shown = contain_rect(size, rect);
                    let full = Rect::from_min_max(Pos2::ZERO, Pos2::new(1.0, 1.0));
                    painter.image(texture, shown, full, crate::theme::NO_TINT);
                }
            },
            ImageState::Loading | ImageState::Failed => {
                paint_placeholder(&painter, rect, self.state, self.alt, look);
            }
        }
        if self.clickable && response.is_pointer_button_down_on() {
            painter.rect_stroke(
                rect,
                look.radius_small,
                egui::Stroke::new(look.focus_stroke_pt(), look.colors.focus),
                egui::StrokeKind::Inside,
            );
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cover_crops_around_the_focal_point_and_stays_inside() {
        // A 3:2 photo in a square: a third of the width is cut.
        let uv = cover_uv(
            Vec2::new(300.0, 200.0),
            Vec2::splat(100.0),
            Pos2::new(0.5, 0.5),
        );
        assert!((uv.width() - 2.0 / 3.0).abs() < 1e-6 && (uv.height() - 1.0).abs() < 1e-6);
        assert!((uv.center().x - 0.5).abs() < 1e-6);
        let left = cover_uv(
            Vec2::new(300.0, 200.0),
            Vec2::splat(100.0),
            Pos2::new(0.0, 0.5),
        );
        assert_eq!(left.min.x, 0.0);
        let right = cover_uv(
            Vec2::new(300.0, 200.0),
            Vec2::splat(100.0),
            Pos2::new(1.0, 0.5),
        );
        assert!((right.max.x - 1.0).abs() < 1e-6);
        // A tall tile of a wide photo.
        let tall = cover_uv(
            Vec2::new(300.0, 200.0),
            Vec2::new(100.0, 300.0),
            Pos2::new(0.5, 0.5),
        );
        assert!(tall.width() < 0.3 && (tall.height() - 1.0).abs() < 1e-6);
    }

    #[test]
    fn contain_fits_whole() {
        let r = contain_rect(
            Vec2::new(300.0, 200.0),
            Rect::from_min_size(Pos2::ZERO, Vec2::splat(150.0)),
        );
        assert_eq!(r.size(), Vec2::new(150.0, 100.0));
        assert_eq!(r.center(), Pos2::new(75.0, 75.0));
    }
}
