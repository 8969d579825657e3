//! A large checkbox with its sentence: the whole row is the tap target, and
//! the tick is a drawn mark, so its state never relies on colour alone.

use egui::{Pos2, Rect, Response, Sense, Stroke, StrokeKind, Ui, Vec2, Widget, WidgetInfo};

use crate::theme::Look;

/// A checkbox bound to a `bool`.
pub struct Check<'a> {
    checked: &'a mut bool,
    text: &'a str,
    look: &'a Look,
}

impl<'a> Check<'a> {
    /// A box for `checked`, labelled `text`.
    pub fn new(checked: &'a mut bool, text: &'a str, look: &'a Look) -> Self {
        Self {
            checked,
            text,
            look,
        }
    }
}

impl Widget for Check<'_> {
    fn ui(self, ui: &mut Ui) -> Response {
        let look = self.look;
        let c = &look.colors;
        let box_side = look.min_touch_pt * 0.6;
        let gap = look.space_medium;
        let wrap = ui.available_width() - box_side - gap;
        let galley =
            ui.painter()
                .layout(self.text.to_owned(), look.font(look.body_pt), c.text, wrap);
        let size = Vec2::new(ui.available_width(), galley.size().y.max(look.min_touch_pt));
        let (rect, mut response) = ui.allocate_exact_size(size, Sense::click());
        if response.clicked() {
            *self.checked = !*self.checked;
            response.mark_changed();
        }
        let checked = *self.checked;
        let text = self.text.to_owned();
        response.widget_info(|| {
            WidgetInfo::selected(egui::Role::CheckBox, true, checked, text.clone())
        });
        if ui.is_rect_visible(rect) {
            let painter = ui.painter();
            let b = Rect::from_min_size(
                Pos2::new(rect.left(), rect.center().y - box_side / 2.0),
                Vec2::splat(box_side),
            );
            painter.rect_filled(
                b,
                look.radius_small / 2.0,
                if checked { c.accent } else { c.surface },
            );
            painter.rect_stroke(
                b,
                look.radius_small / 2.0,
                Stroke::new(look.line_pt(), c.accent),
                StrokeKind::Inside,
            );
            if checked {
                let s = Stroke::new(look.line_pt(), c.on_accent);
                let p =
                    |x: f32, y: f32| Pos2::new(b.left() + b.width() * x, b.top() + b.height() * y);
                painter.line_segment([p(0.22, 0.52), p(0.42, 0.72)], s);
                painter.line_segment([p(0.42, 0.72), p(0.8, 0.3)], s);
            }
            if response.is_pointer_button_down_on() {
                painter.rect_stroke(
                    rect,
                    look.radius_small,
                    Stroke::new(look.focus_stroke_pt(), c.focus),
                    StrokeKind::Inside,
                );
            }
            let text_pos = Pos2::new(b.right() + gap, rect.center().y - galley.size().y / 2.0);
            painter.galley(text_pos, galley, c.text);
        }
        response
    }
}

/// A ticked line on a summary: the same drawn tick as a ticked [`Check`],
/// beside `text`, not tappable. Screen readers hear it as a checked box.
pub fn ticked(ui: &mut Ui, text: &str, look: &Look) -> Response {
    let c = &look.colors;
    let box_side = look.body_pt;
    let gap = look.space_small;
    let wrap = (ui.available_width() - box_side - gap).max(1.0);
    let galley = ui
        .painter()
        .layout(text.to_owned(), look.font(look.body_pt), c.text, wrap);
    let size = Vec2::new(ui.available_width(), galley.size().y.max(box_side));
    let (rect, response) = ui.allocate_exact_size(size, Sense::hover());
    let name = text.to_owned();
    response.widget_info(|| WidgetInfo::selected(egui::Role::CheckBox, false, true, name.clone()));
    if ui.is_rect_visible(rect) {
        let painter = ui.painter();
        // The tick sits on the first line of the text.
        let first_line = galley.rows.first().map_or(box_side, |r| r.height());
        let b = Rect::from_min_size(
            Pos2::new(rect.left(), rect.top() + (first_line - box_side) / 2.0),
            Vec2::splat(box_side),
        );
        let s = Stroke::new(look.line_pt(), c.accent);
        let p = |x: f32, y: f32| Pos2::new(b.left() + b.width() * x, b.top() + b.height() * y);
        painter.line_segment([p(0.15, 0.55), p(0.4, 0.8)], s);
        painter.line_segment([p(0.4, 0.8), p(0.9, 0.25)], s);
        painter.galley(Pos2::new(b.right() + gap, rect.top()), galley, c.text);
    }
    response
}
