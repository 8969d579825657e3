//! The founder's story: headline figures that count up once when they come
//! into view, then the chapters in a readable column with their photos
//! beside them (above them on a portrait screen).

use egui::{Align, Pos2, Vec2};

use super::{Action, ScreenCx};
use crate::{
    content::{Chapter, Figure, FigureStyle},
    widgets::{PhotoTile, figure::counted},
};

/// The widest a column of body text may be, in multiples of the body size:
/// about 70 Latin characters a line, the comfortable reading width.
pub const MEASURE_EMS: f32 = 32.0;

/// The story screen's state: which figures have started counting, and the
/// chapter the keyboard last moved to.
#[derive(Debug, Default)]
pub struct StoryScreen {
    figure_started: Vec<Option<f64>>,
    chapter: usize,
    scroll_to: Option<usize>,
}

impl StoryScreen {
    /// The next chapter (presenter keys).
    pub fn next(&mut self, chapters: usize) {
        self.chapter = (self.chapter + 1).min(chapters.saturating_sub(1));
        self.scroll_to = Some(self.chapter);
    }

    /// The previous chapter (presenter keys).
    pub fn previous(&mut self) {
        self.chapter = self.chapter.saturating_sub(1);
        self.scroll_to = Some(self.chapter);
    }

    /// The chapter the keyboard last moved to.
    pub fn chapter(&self) -> usize {
        self.chapter
    }
}

impl super::Screen for StoryScreen {
    /// Draws the story.
    fn ui(&mut self, ui: &mut egui::Ui, cx: &ScreenCx<'_>, _actions: &mut Vec<Action>) {
        let look = cx.look;
        let pack = cx.pack;
        self.figure_started.resize(pack.story.figures.len(), None);
        let portrait = ScreenCx::portrait(ui);
        let scroll_to = self.scroll_to.take();
        super::scroll_column(ui, super::column_area(cx.id("story-scroll")), |ui| {
            let full = ui.available_width();
            let margin = look.space_large;
            let inner = full - 2.0 * margin;
            // Landscape: text column plus photo column. Portrait: one column.
            let photo_w = if portrait {
                0.0
            } else {
                (inner * 0.4).min(inner - look.body_pt * 20.0).max(0.0)
            };
            let text_w = (inner - photo_w - if photo_w > 0.0 { margin } else { 0.0 })
                .min(look.body_pt * MEASURE_EMS);
            let block_w = text_w + if photo_w > 0.0 { margin + photo_w } else { 0.0 };
            let left = ui.max_rect().left() + (full - block_w) / 2.0;

            ui.add_space(margin);
            ui.scope_builder(
                egui::UiBuilder::new().max_rect(egui::Rect::from_min_size(
                    Pos2::new(left, ui.cursor().top()),
                    Vec2::new(block_w, f32::INFINITY),
                )),
                |ui| {
                    ui.set_width(block_w);
                    ui.label(look.text(cx.tr(&pack.story.title), look.title_pt));
                    ui.add_space(margin);
                    self.figures(ui, cx);
                    for (i, chapter) in pack.story.chapters.iter().enumerate() {
                        ui.add_space(margin);
                        let top = ui.cursor().top();
                        chapter_block(ui, cx, chapter, text_w, photo_w, portrait);
                        if scroll_to == Some(i) {
                            let rect = egui::Rect::from_min_max(
                                Pos2::new(left, top),
                                Pos2::new(left + block_w, top + look.heading_pt),
                            );
                            ui.scroll_to_rect(rect, Some(Align::TOP));
                        }
                    }
                    ui.add_space(margin);
                },
            );
        });
    }
}

impl StoryScreen {
    fn figures(&mut self, ui: &mut egui::Ui, cx: &ScreenCx<'_>) {
        let figures = &cx.pack.story.figures;
        let started = &mut self.figure_started;
        let look = cx.look;
        // Up to three cards a row, as many rows as it takes; one size for
        // every number, the largest at which all fit their cards.
        let per_row = figures.len().clamp(1, MAX_FIGURES_A_ROW);
        let cols_n = per_row as f32;
        let col_w = (ui.available_width() - look.space_small * (cols_n - 1.0)) / cols_n;
        let card_inner = col_w - 2.0 * card_padding(look, col_w);
        let number_pt = figures
            .iter()
            .map(|f| fitted_size(ui, &figure_text(cx, f, f.value), look.figure_pt, card_inner))
            .fold(look.figure_pt, f32::min);
        for (r, row) in figures.chunks(per_row).enumerate() {
            ui.columns(per_row, |cols| {
                for (j, (col, figure)) in cols.iter_mut().zip(row).enumerate() {
                    let i = r * per_row + j;
                    let rect = figure_card(col, cx, figure, started[i], number_pt, true);
                    // Count up once, from the first frame the card is in view.
                    if started[i].is_none()
                        && col.is_rect_visible(rect)
                        && col.clip_rect().contains_rect(rect)
                    {
                        started[i] = Some(cx.now);
                        col.ctx().request_repaint();
                    }
                }
            });
        }
    }
}

/// The most figure cards side by side.
const MAX_FIGURES_A_ROW: usize = 3;

/// The padding inside a figure card `width` points wide: the theme's,
/// but never more than a sixth of the card.
fn card_padding(look: &crate::theme::Look, width: f32) -> f32 {
    look.space_medium.min(width / 6.0).max(0.0)
}

fn chapter_block(
    ui: &mut egui::Ui,
    cx: &ScreenCx<'_>,
    chapter: &Chapter,
    text_w: f32,
    photo_w: f32,
    portrait: bool,
) {
    let look = cx.look;
    let photo = chapter.photo.as_deref().and_then(|id| cx.pack.photo(id));
    let text = |ui: &mut egui::Ui| {
        ui.set_width(text_w);
        ui.label(look.text(cx.tr(&chapter.title), look.heading_pt));
        for paragraph in &chapter.paragraphs {
            ui.add_space(look.space_small);
            ui.label(look.text(cx.tr(paragraph), look.body_pt));
        }
    };
    match photo {
        Some(photo) if portrait => {
            let size = Vec2::new(text_w, text_w * 2.0 / 3.0);
            photo_with_caption(ui, cx, photo, size);
            ui.add_space(look.space_medium);
            ui.vertical(text);
        }
        Some(photo) if photo_w > 0.0 => {
            ui.horizontal_top(|ui| {
                ui.spacing_mut().item_spacing.x = look.space_large;
                ui.vertical(text);
                ui.vertical(|ui| {
                    photo_with_caption(ui, cx, photo, Vec2::new(photo_w, photo_w * 2.0 / 3.0))
                });
            });
        }
        _ => {
            ui.vertical(text);
        }
    }
}

fn photo_with_caption(
    ui: &mut egui::Ui,
    cx: &ScreenCx<'_>,
    photo: &crate::content::Photo,
    size: Vec2,
) {
    let look = cx.look;
    ui.set_width(size.x);
    let state = cx.images.get(&photo.file, cx.px(ui, size));
    let focal = Pos2::new(photo.focal_point.x, photo.focal_point.y);
    ui.add(PhotoTile::new(state, cx.tr(&photo.alt), focal, size, look));
    ui.label(
        look.text(cx.tr(&photo.caption), look.small_pt)
            .color(look.colors.text_muted),
    );
}

/// The text of a figure's number `value` in the visitor's language, such as
/// "76,063", "7.3 million", "730萬", "85 %" or "%85", with its unit.
pub fn figure_text(cx: &ScreenCx<'_>, figure: &Figure, value: u64) -> String {
    let number = match figure.style {
        FigureStyle::Exact => cx.fmt.number(value),
        FigureStyle::Compact => cx.fmt.compact(value),
        FigureStyle::Percent => cx.fmt.percent(value),
    };
    match &figure.unit {
        Some(unit) => format!("{number}{}", cx.tr(unit)),
        None => number,
    }
}

/// Draws a figure counting up from `started`, its number at most
/// `number_pt`, on a card if `framed`; returns its rectangle.
pub fn figure_card(
    ui: &mut egui::Ui,
    cx: &ScreenCx<'_>,
    figure: &Figure,
    started: Option<f64>,
    number_pt: f32,
    framed: bool,
) -> egui::Rect {
    let look = cx.look;
    let (value, moving) = counted(figure.value, started, cx.now, look.count_up_secs);
    if moving {
        ui.ctx().request_repaint();
    }
    // The final text sets the size, so the number does not jump as it counts.
    let final_text = figure_text(cx, figure, figure.value);
    ui.set_width(ui.available_width());
    let frame = if framed {
        egui::Frame::new()
            .fill(look.colors.surface)
            .corner_radius(look.radius_large)
            .inner_margin(card_padding(look, ui.available_width()))
    } else {
        egui::Frame::new()
    };
    let response = frame.show(ui, |ui| {
        ui.set_width(ui.available_width());
        // Columns justify their contents; a figure's label reads better ragged.
        ui.with_layout(egui::Layout::top_down(Align::Min), |ui| {
            let size = fitted_size(ui, &final_text, number_pt, ui.available_width());
            let shown = figure_text(cx, figure, value);
            // Screen readers always hear the real figure, not a moving count.
            let label = ui.label(look.text(shown, size).color(look.colors.accent));
            let label_text = final_text.clone();
            label.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::Label, true, label_text.clone())
            });
            ui.label(look.text(cx.tr(&figure.label), look.body_pt));
            if let Some(source) = &figure.source {
                ui.label(
                    look.text(cx.tr(source), look.small_pt)
                        .color(look.colors.text_muted),
                );
            }
        });
    });
    response.response.rect
}

/// The smallest size [`fitted_size`] shrinks text to.
const MIN_FITTED_PX: f32 = 4.0;

/// The largest size up to `max_pt` at which `text` fits on one line of
/// `width` points, so a long figure shrinks instead of breaking mid-number.
pub fn fitted_size(ui: &egui::Ui, text: &str, max_pt: f32, width: f32) -> f32 {
    let galley = ui.painter().layout_no_wrap(
        text.to_owned(),
        egui::FontId::proportional(max_pt),
        ui.visuals().text_color(),
    );
    let natural = galley.size().x;
    if natural <= width || natural <= 0.0 {
        max_pt
    } else {
        // Never nothing: a card with no room left still draws its number,
        // at the smallest size egui draws.
        (max_pt * width.max(0.0) / natural).max(MIN_FITTED_PX)
    }
}
