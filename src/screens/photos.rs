//! The photo panels: a grid of photos with captions and credits. A tap
//! opens the full-screen viewer: swipe for the next or previous photo, pinch
//! or double-tap to zoom, drag to look around, and a large close button.

use egui::{Align2, Pos2, Rect, Sense, Vec2, WidgetInfo};

use super::{Action, ScreenCx};
use crate::{
    content::StringKey,
    theme::Look,
    widgets::{BigButton, ButtonKind, ImageState, PhotoTile},
};

/// A swipe longer than this share of the screen's width changes photo.
const SWIPE_FRACTION: f32 = 0.15;
/// The most a photo can be zoomed.
pub const MAX_ZOOM: f32 = 4.0;
/// Where a double tap zooms to.
const DOUBLE_TAP_ZOOM: f32 = 2.5;

/// How many photos a row of the grid holds.
pub fn grid_columns(portrait: bool, photos: usize) -> usize {
    if portrait { 2 } else { 4 }.min(photos.max(1))
}

/// The size of a grid tile, in points, in rows `inner` points wide on a
/// screen `screen_h` points high: 3:2, and never more than half the
/// screen's height (one photo alone does not fill a landscape screen's
/// width with a tile taller than the screen).
pub fn grid_tile(inner: f32, cols: usize, screen_h: f32, look: &Look) -> Vec2 {
    let gap = look.space_medium;
    let tile_w = ((inner - gap * (cols as f32 - 1.0)) / cols as f32)
        .min(screen_h / 2.0 * 1.5)
        .max(1.0);
    Vec2::new(tile_w, tile_w * 2.0 / 3.0)
}

/// The size, in points, of a grid tile on a screen `screen` points in size,
/// as the grid's first frame lays it out (before a scroll bar is known to
/// be needed; the bar takes a few points from the rows). For decoding the
/// photos before that frame (`app::prefetch`).
pub fn first_tile(screen: Vec2, photos: usize, look: &Look) -> Vec2 {
    let cols = grid_columns(screen.y > screen.x, photos);
    grid_tile(screen.x - 2.0 * look.space_large, cols, screen.y, look)
}

/// The full-screen viewer's state.
#[derive(Clone, Debug, PartialEq)]
pub struct Viewer {
    /// The photo shown.
    pub index: usize,
    /// 1.0 shows the whole photo.
    pub zoom: f32,
    /// How far the photo's centre is moved from the screen's, in points.
    pub pan: Vec2,
    swipe_dx: f32,
}

impl Viewer {
    fn new(index: usize) -> Self {
        Self {
            index,
            zoom: 1.0,
            pan: Vec2::ZERO,
            swipe_dx: 0.0,
        }
    }

    /// Zooms by `factor` keeping the point `at` still, with the photo's
    /// centre now at `center`.
    fn zoom_around(&mut self, factor: f32, at: Pos2, center: Pos2) {
        let new_zoom = (self.zoom * factor).clamp(1.0, MAX_ZOOM);
        let f = new_zoom / self.zoom;
        let photo_center = center + self.pan;
        let moved = at + (photo_center - at) * f;
        self.pan = moved - center;
        self.zoom = new_zoom;
        if self.zoom <= 1.0 {
            self.pan = Vec2::ZERO;
        }
    }
}

/// The photo screen's state.
#[derive(Debug, Default)]
pub struct PhotosScreen {
    /// The open viewer, if any.
    pub viewer: Option<Viewer>,
}

impl PhotosScreen {
    /// Opens the viewer on photo `index`.
    pub fn open(&mut self, index: usize) {
        self.viewer = Some(Viewer::new(index));
    }

    /// The next photo in the viewer (presenter keys).
    pub fn next(&mut self, photos: usize) {
        if let Some(v) = &mut self.viewer {
            *v = Viewer::new((v.index + 1).min(photos.saturating_sub(1)));
        }
    }

    /// The previous photo in the viewer (presenter keys).
    pub fn previous(&mut self) {
        if let Some(v) = &mut self.viewer {
            *v = Viewer::new(v.index.saturating_sub(1));
        }
    }
}

impl super::Screen for PhotosScreen {
    /// Draws the grid, and the viewer over everything when it is open.
    fn ui(&mut self, ui: &mut egui::Ui, cx: &ScreenCx<'_>, actions: &mut Vec<Action>) {
        let look = cx.look;
        super::scroll_column(ui, super::column_area(cx.id("photos-scroll")), |ui| {
            super::padded(ui, look.space_large, |ui| {
                ui.label(look.text(cx.s(StringKey::NavPhotos), look.title_pt));
                ui.label(
                    look.text(cx.s(StringKey::PhotosHint), look.small_pt)
                        .color(look.colors.text_muted),
                );
                ui.add_space(look.space_medium);
                self.grid(ui, cx);
            });
        });
        if self.viewer.is_some() {
            self.viewer_ui(ui.ctx(), cx, actions);
        }
    }
}

impl PhotosScreen {
    /// The grid of photos, each with its caption and credit under it; a
    /// tap on one opens the viewer.
    fn grid(&mut self, ui: &mut egui::Ui, cx: &ScreenCx<'_>) {
        let look = cx.look;
        let photos = &cx.pack.photos.photos;
        let cols = grid_columns(ScreenCx::portrait(ui), photos.len());
        let gap = look.space_medium;
        let tile = grid_tile(
            ui.available_width(),
            cols,
            ui.ctx().content_rect().height(),
            look,
        );
        for (r, row) in photos.chunks(cols).enumerate() {
            ui.horizontal_top(|ui| {
                ui.spacing_mut().item_spacing.x = gap;
                for (c, photo) in row.iter().enumerate() {
                    ui.vertical(|ui| {
                        ui.set_width(tile.x);
                        let state = cx.images.get(&photo.file, cx.px(ui, tile));
                        let focal = Pos2::new(photo.focal_point.x, photo.focal_point.y);
                        let alt = cx.tr(&photo.alt);
                        let tile = PhotoTile::new(state, alt, focal, tile, look).clickable();
                        if ui.add(tile).clicked() {
                            self.viewer = Some(Viewer::new(r * cols + c));
                        }
                        ui.label(look.text(cx.tr(&photo.caption), look.small_pt));
                        ui.label(
                            look.text(cx.tr(&photo.credit), look.small_pt)
                                .color(look.colors.text_muted),
                        );
                    });
                }
            });
            ui.add_space(gap);
        }
    }

    /// The full-screen viewer: the photo with its gestures, the band under
    /// it (caption, credit, previous and next), and the close button with
    /// the visitor's controls over it.
    fn viewer_ui(&mut self, ctx: &egui::Context, cx: &ScreenCx<'_>, actions: &mut Vec<Action>) {
        let look = cx.look;
        let photos = &cx.pack.photos.photos;
        let Some(viewer) = &mut self.viewer else {
            return;
        };
        viewer.index = viewer.index.min(photos.len().saturating_sub(1));
        let Some(photo) = photos.get(viewer.index) else {
            self.viewer = None;
            return;
        };
        let mut close = false;
        let mut go: Option<usize> = None;
        super::cover(ctx, cx.id("photo-viewer"), look, |ui, screen| {
            let (stage, side) = viewer_layout(ui, cx, screen);
            go = gestures(ui, cx, viewer, stage, photo, photos.len());
            paint_photo(ui, cx, viewer, stage, photo);
            let band = Rect::from_min_max(Pos2::new(screen.left(), stage.bottom()), screen.max)
                .shrink(look.space_large);
            go = go.or(caption_band(ui, cx, viewer, band, side, photos.len()));
            close = close_and_controls(ui, cx, screen, actions);
        });
        if close {
            self.viewer = None;
        } else if let Some(i) = go {
            self.viewer = Some(Viewer::new(i));
        }
    }
}

/// Where the photo goes (the stage) and the size of the previous and next
/// buttons: both as wide as the wider label, on one line, but no wider
/// than a quarter of the screen (a long label shrinks to fit).
fn viewer_layout(ui: &egui::Ui, cx: &ScreenCx<'_>, screen: Rect) -> (Rect, Vec2) {
    let look = cx.look;
    let previous_text = cx.s(StringKey::ViewerPrevious);
    let next_text = cx.s(StringKey::ViewerNext);
    let side_w = BigButton::new(previous_text, look)
        .min_width(look.key_width_pt())
        .natural_size(ui)
        .x
        .max(BigButton::new(next_text, look).natural_size(ui).x)
        .min((screen.width() - 2.0 * look.space_large) / 4.0);
    let side_h = [previous_text, next_text]
        .iter()
        .map(|t| BigButton::new(t, look).exact_width(side_w).fit().size(ui).y)
        .fold(look.min_touch_pt, f32::max);
    let band_h = (look.body_pt * 2.5 + look.small_pt * 1.5).max(side_h) + look.space_large * 2.0;
    let stage = Rect::from_min_max(
        screen.min,
        Pos2::new(screen.right(), screen.bottom() - band_h),
    );
    (stage, Vec2::new(side_w, side_h))
}

/// Pinch, wheel and double-tap zoom, pan when zoomed, swipe to the next or
/// previous photo when not; returns the photo a swipe went to.
fn gestures(
    ui: &mut egui::Ui,
    cx: &ScreenCx<'_>,
    viewer: &mut Viewer,
    stage: Rect,
    photo: &crate::content::Photo,
    count: usize,
) -> Option<usize> {
    let response = ui.interact(stage, cx.id("viewer-stage"), Sense::click_and_drag());
    let alt = cx.tr(&photo.alt).to_owned();
    response.widget_info(|| WidgetInfo::labeled(egui::Role::Image, true, alt.clone()));
    if let Some(touch) = ui.input(|i| i.multi_touch()) {
        viewer.zoom_around(touch.zoom_delta, touch.center_pos, stage.center());
        viewer.pan += touch.translation_delta;
    } else if response.hovered() {
        let (zoom, at) = ui.input(|i| (i.zoom_delta(), i.pointer.hover_pos()));
        if (zoom - 1.0).abs() > f32::EPSILON {
            viewer.zoom_around(zoom, at.unwrap_or(stage.center()), stage.center());
        }
    }
    if response.double_clicked() {
        let at = response.interact_pointer_pos().unwrap_or(stage.center());
        if viewer.zoom > 1.0 {
            *viewer = Viewer::new(viewer.index);
        } else {
            viewer.zoom_around(DOUBLE_TAP_ZOOM, at, stage.center());
        }
    } else if response.dragged() && ui.input(|i| i.multi_touch().is_none()) {
        if viewer.zoom > 1.0 {
            viewer.pan += response.drag_delta();
        } else {
            viewer.swipe_dx += response.drag_delta().x;
        }
    }
    let mut go = None;
    if response.drag_stopped() {
        let moved = viewer.swipe_dx / stage.width().max(1.0);
        if moved < -SWIPE_FRACTION && viewer.index + 1 < count {
            go = Some(viewer.index + 1);
        } else if moved > SWIPE_FRACTION && viewer.index > 0 {
            go = Some(viewer.index - 1);
        }
        viewer.swipe_dx = 0.0;
    }
    go
}

/// The photo, fitted to the stage, then zoomed and panned (decoded at the
/// size the zoom needs).
fn paint_photo(
    ui: &egui::Ui,
    cx: &ScreenCx<'_>,
    viewer: &mut Viewer,
    stage: Rect,
    photo: &crate::content::Photo,
) {
    let level = if viewer.zoom > 2.0 {
        4.0
    } else if viewer.zoom > 1.0 {
        2.0
    } else {
        1.0
    };
    let fit = match cx.images.get(&photo.file, cx.px(ui, stage.size())) {
        ImageState::Ready { size, .. } => crate::widgets::photo_tile::contain_rect(size, stage),
        _ => stage,
    };
    let state = cx.images.get(&photo.file, cx.px(ui, fit.size() * level));
    let max_pan = ((fit.size() * viewer.zoom - stage.size()) / 2.0).max(Vec2::ZERO);
    viewer.pan = viewer.pan.clamp(-max_pan, max_pan);
    let shown = Rect::from_center_size(
        stage.center() + viewer.pan + Vec2::new(viewer.swipe_dx, 0.0),
        fit.size() * viewer.zoom,
    );
    let painter = ui.painter_at(stage);
    match state {
        ImageState::Ready { texture, .. } => {
            let uv = Rect::from_min_max(Pos2::ZERO, Pos2::new(1.0, 1.0));
            painter.image(texture, shown, uv, crate::theme::NO_TINT);
        }
        ImageState::Loading | ImageState::Failed => {
            // The stage already names the photo for screen readers.
            crate::widgets::photo_tile::paint_placeholder(
                &painter,
                shown.intersect(stage),
                state,
                cx.tr(&photo.alt),
                cx.look,
            );
        }
    }
}

/// The band under the photo: previous, caption and credit, next; returns
/// the photo a button went to.
fn caption_band(
    ui: &mut egui::Ui,
    cx: &ScreenCx<'_>,
    viewer: &Viewer,
    band: Rect,
    side: Vec2,
    count: usize,
) -> Option<usize> {
    let look = cx.look;
    let photo = &cx.pack.photos.photos[viewer.index];
    let text_band = crate::screens::sound(band.shrink2(Vec2::new(side.x + look.space_large, 0.0)));
    let caption = look.rows(
        ui,
        cx.tr(&photo.caption),
        look.body_pt,
        look.colors.text,
        text_band.width(),
        2,
    );
    let credit = look.rows(
        ui,
        &format!(
            "{}    {} / {}",
            cx.tr(&photo.credit),
            cx.fmt.number(viewer.index as u64 + 1),
            cx.fmt.number(count as u64)
        ),
        look.small_pt,
        look.colors.text_muted,
        text_band.width(),
        1,
    );
    let credit_top = text_band.top() + caption.size().y + look.space_small;
    ui.painter()
        .galley(text_band.min, caption, look.colors.text);
    ui.painter().galley(
        Pos2::new(text_band.left(), credit_top),
        credit,
        look.colors.text_muted,
    );
    let mut go = None;
    if viewer.index > 0 {
        let r = Align2::LEFT_TOP.align_size_within_rect(side, band);
        let button = BigButton::new(cx.s(StringKey::ViewerPrevious), look)
            .exact_width(side.x)
            .fit();
        if ui.put(r, button).clicked() {
            go = Some(viewer.index - 1);
        }
    }
    if viewer.index + 1 < count {
        let r = Align2::RIGHT_TOP.align_size_within_rect(side, band);
        let button = BigButton::new(cx.s(StringKey::ViewerNext), look)
            .exact_width(side.x)
            .fit();
        if ui.put(r, button).clicked() {
            go = Some(viewer.index + 1);
        }
    }
    go
}

/// Close: large, in the corner, over the photo, with the visitor's
/// controls beside it; returns whether the viewer closes (the button or
/// Escape).
fn close_and_controls(
    ui: &mut egui::Ui,
    cx: &ScreenCx<'_>,
    screen: Rect,
    actions: &mut Vec<Action>,
) -> bool {
    let look = cx.look;
    let mut close_button = BigButton::new(cx.s(StringKey::ViewerClose), look)
        .kind(ButtonKind::Primary)
        .min_width(look.key_width_pt());
    let mut close_size = close_button.natural_size(ui);
    if close_size.x > screen.width() / 3.0 {
        close_size.x = screen.width() / 3.0;
        close_button = close_button.exact_width(close_size.x).fit();
    }
    let close_rect =
        Align2::RIGHT_TOP.align_size_within_rect(close_size, screen.shrink(look.space_large));
    let clicked = ui.put(close_rect, close_button).clicked();
    let bar = super::sound(Rect::from_min_max(
        Pos2::new(screen.left() + look.min_touch_pt * 2.0, close_rect.top()),
        Pos2::new(close_rect.left() - look.space_small, close_rect.bottom()),
    ));
    ui.scope_builder(egui::UiBuilder::new().max_rect(bar), |ui| {
        super::toolbar::toolbar(ui, cx, cx.prefs, bar.width(), actions);
    });
    clicked || ui.input(|i| i.key_pressed(egui::Key::Escape))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zoom_keeps_the_pinched_point_still_and_stays_in_bounds() {
        let mut v = Viewer::new(0);
        let center = Pos2::new(500.0, 400.0);
        let at = Pos2::new(700.0, 400.0);
        v.zoom_around(2.0, at, center);
        assert_eq!(v.zoom, 2.0);
        // The point under the fingers was 200 right of the centre; after a
        // 2x zoom the photo's centre moved 200 left so that point stays.
        assert_eq!(v.pan, Vec2::new(-200.0, 0.0));
        v.zoom_around(100.0, at, center);
        assert_eq!(v.zoom, MAX_ZOOM);
        v.zoom_around(0.01, at, center);
        assert_eq!((v.zoom, v.pan), (1.0, Vec2::ZERO));
    }
}
