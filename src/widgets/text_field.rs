//! A form field for touch: its label, a box showing what was typed, and the
//! message under it. Tapping it makes it the field the keyboard types into.
//! Screen readers get a text input named by its label, with its value.

use egui::{Align2, Pos2, Rect, Response, Sense, Stroke, StrokeKind, Ui, Vec2, WidgetInfo};

use crate::theme::Look;

/// A field.
pub struct TextField<'a> {
    label: &'a str,
    value: &'a str,
    error: Option<&'a str>,
    active: bool,
    look: &'a Look,
}

impl<'a> TextField<'a> {
    /// A field named `label` showing `value`.
    pub fn new(label: &'a str, value: &'a str, look: &'a Look) -> Self {
        Self {
            label,
            value,
            error: None,
            active: false,
            look,
        }
    }

    /// The message under the field, if something is wrong with it.
    pub fn error(mut self, error: Option<&'a str>) -> Self {
        self.error = error;
        self
    }

    /// Whether the keyboard types into this field.
    pub fn active(mut self, active: bool) -> Self {
        self.active = active;
        self
    }

    /// Draws the field; the response is the box's (click it to type).
    pub fn show(self, ui: &mut Ui) -> Response {
        let look = self.look;
        let c = &look.colors;
        let width = ui.available_width();
        let label = ui.painter().layout(
            self.label.to_owned(),
            look.font(look.body_pt),
            c.text,
            width,
        );
        let (label_rect, _) = ui.allocate_exact_size(label.size(), Sense::hover());
        ui.painter().galley(label_rect.min, label, c.text);
        let inner_w = width - 2.0 * look.space_medium;
        let value = ui.painter().layout(
            self.value.to_owned(),
            look.font(look.body_pt),
            c.text,
            inner_w,
        );
        let height = (value.size().y + 2.0 * look.space_small).max(look.min_touch_pt);
        let (rect, response) = ui.allocate_exact_size(Vec2::new(width, height), Sense::click());
        let name = self.label.to_owned();
        let text = self.value.to_owned();
        response.widget_info(|| {
            let mut info = WidgetInfo::labeled(egui::Role::TextInput, true, name.clone());
            info.current_text_value = Some(text.clone());
            info
        });
        if ui.is_rect_visible(rect) {
            let painter = ui.painter();
            painter.rect_filled(rect, look.radius_small, c.surface);
            let (stroke_w, stroke_c) = if self.active {
                (look.focus_stroke_pt(), c.focus)
            } else if self.error.is_some() {
                (look.line_pt(), c.danger)
            } else {
                (look.border_pt(), c.text_muted)
            };
            painter.rect_stroke(
                rect,
                look.radius_small,
                Stroke::new(stroke_w, stroke_c),
                StrokeKind::Inside,
            );
            let text_pos = Align2::LEFT_CENTER
                .align_size_within_rect(
                    value.size(),
                    rect.shrink2(Vec2::new(look.space_medium, 0.0)),
                )
                .min;
            let end = text_pos + value.size();
            painter.galley(text_pos, value, c.text);
            if self.active {
                // A caret after the text shows where typing goes.
                let x = end.x + look.border_pt();
                let caret = Rect::from_min_max(
                    Pos2::new(x, end.y - look.body_pt * 1.1),
                    Pos2::new(x + look.border_pt(), end.y),
                );
                painter.rect_filled(caret, 0.0, c.text);
            }
        }
        if let Some(error) = self.error {
            let galley =
                ui.painter()
                    .layout(error.to_owned(), look.font(look.small_pt), c.danger, width);
            let (r, _) = ui.allocate_exact_size(galley.size(), Sense::hover());
            // The message is a label of its own, read after the field.
            let msg = error.to_owned();
            ui.interact(r, response.id.with("error"), Sense::hover())
                .widget_info(|| WidgetInfo::labeled(egui::Role::Label, true, msg.clone()));
            ui.painter().galley(r.min, galley, c.danger);
        }
        response
    }
}
