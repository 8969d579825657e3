//! The founder's story: the chapters in a readable column, with the headline
//! figures above them.

use egui::{Align, Layout, RichText, ScrollArea};

use super::ScreenCx;
use crate::content::{Figure, FigureStyle, format};

/// The widest a column of body text may be, in multiples of the body size:
/// about 70 characters a line, the comfortable reading width.
const MEASURE_EMS: f32 = 32.0;

/// The story screen's state.
#[derive(Debug, Default)]
pub struct StoryScreen;

impl StoryScreen {
    /// Draws the story.
    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &ScreenCx<'_>) {
        let look = cx.look;
        let pack = cx.pack;
        let column = (look.body_px * MEASURE_EMS).min(ui.available_width());
        ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                ui.with_layout(Layout::top_down(Align::Center), |ui| {
                    ui.set_max_width(column);
                    ui.add_space(look.space_large);
                    ui.label(
                        RichText::new(pack.tr(&pack.story.title, cx.locale))
                            .size(look.title_px)
                            .color(look.colors.text),
                    );
                    ui.add_space(look.space_large);
                    let figures = &pack.story.figures;
                    ui.columns(figures.len().max(1), |cols| {
                        for (col, figure) in cols.iter_mut().zip(figures) {
                            figure_card(col, cx, figure);
                        }
                    });
                    for chapter in &pack.story.chapters {
                        ui.add_space(look.space_large);
                        ui.with_layout(Layout::top_down(Align::Min), |ui| {
                            ui.label(
                                RichText::new(pack.tr(&chapter.title, cx.locale))
                                    .size(look.heading_px)
                                    .color(look.colors.text),
                            );
                            for paragraph in &chapter.paragraphs {
                                ui.add_space(look.space_small);
                                ui.label(
                                    RichText::new(pack.tr(paragraph, cx.locale)).size(look.body_px),
                                );
                            }
                        });
                    }
                    ui.add_space(look.space_large);
                });
            });
    }
}

/// The text of a figure's number in `locale`, such as "76,063" or "73%".
pub fn figure_text(cx: &ScreenCx<'_>, figure: &Figure, value: u64) -> String {
    let number = match figure.style {
        FigureStyle::Exact => format::grouped(value),
        FigureStyle::Compact => format::compact(value, cx.locale),
    };
    match &figure.unit {
        Some(unit) => format!("{number}{}", cx.pack.tr(unit, cx.locale)),
        None => number,
    }
}

fn figure_card(ui: &mut egui::Ui, cx: &ScreenCx<'_>, figure: &Figure) {
    let look = cx.look;
    ui.set_width(ui.available_width());
    egui::Frame::new()
        .fill(look.colors.surface)
        .corner_radius(look.radius_large)
        .inner_margin(look.space_medium)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.vertical(|ui| {
                let text = figure_text(cx, figure, figure.value);
                let size = fitted_size(ui, &text, look.figure_px, ui.available_width());
                ui.label(RichText::new(text).size(size).color(look.colors.accent));
                ui.label(RichText::new(cx.pack.tr(&figure.label, cx.locale)).size(look.body_px));
            });
        });
}

/// The largest size up to `max_px` at which `text` fits on one line of
/// `width` points, so a long figure shrinks instead of breaking mid-number.
pub fn fitted_size(ui: &egui::Ui, text: &str, max_px: f32, width: f32) -> f32 {
    let galley = ui.painter().layout_no_wrap(
        text.to_owned(),
        egui::FontId::proportional(max_px),
        egui::Color32::PLACEHOLDER,
    );
    let natural = galley.size().x;
    if natural <= width || natural <= 0.0 {
        max_px
    } else {
        max_px * width / natural
    }
}
