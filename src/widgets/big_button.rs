//! A large, touch-sized button whose accessible name is its text.

use std::sync::Arc;

use egui::{Align2, Rect, Response, Sense, Stroke, StrokeKind, Ui, Vec2, Widget, WidgetInfo};

use super::misfit;
use crate::theme::Look;

/// The most lines a button's label takes before it shrinks.
const MAX_ROWS: usize = 2;
/// The smallest a button's label shrinks to, in points.
const MIN_FONT_PX: f32 = 8.0;

/// How prominent a button is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ButtonKind {
    /// Filled with the accent colour: the main action on a screen.
    Primary,
    /// Outlined on the surface colour: every other action.
    Secondary,
}

/// A button at least the theme's touch size in both directions.
pub struct BigButton<'a> {
    text: &'a str,
    look: &'a Look,
    kind: ButtonKind,
    /// `Some` for a button that marks a current choice (a navigation tab).
    selected: Option<bool>,
    min_width: f32,
    font_pt: f32,
    fit: bool,
    name: Option<&'a str>,
    hint: Option<&'a str>,
    min_height: f32,
    exact: bool,
}

impl<'a> BigButton<'a> {
    /// A secondary button labelled `text`.
    pub fn new(text: &'a str, look: &'a Look) -> Self {
        Self {
            text,
            look,
            kind: ButtonKind::Secondary,
            selected: None,
            min_width: look.min_touch_pt,
            font_pt: look.button_pt,
            fit: false,
            name: None,
            hint: None,
            min_height: 0.0,
            exact: false,
        }
    }

    /// Small text in the top right corner, such as the first of a key's
    /// long-press alternatives ("é" on "e"); not part of its name.
    pub fn hint(mut self, hint: &'a str) -> Self {
        self.hint = Some(hint);
        self
    }

    /// Sets the prominence.
    pub fn kind(mut self, kind: ButtonKind) -> Self {
        self.kind = kind;
        self
    }

    /// Marks the button as the current choice (a navigation tab). Shown by
    /// a fill and a bar under the text, so it does not rely on colour alone.
    pub fn selected(mut self, selected: bool) -> Self {
        self.selected = Some(selected);
        self
    }

    /// Makes the button at least `width` points wide.
    pub fn min_width(mut self, width: f32) -> Self {
        self.min_width = self.min_width.max(width);
        self
    }

    /// Makes the button exactly `width` points wide, even narrower than the
    /// theme's touch size: for keys that must all fit across the screen
    /// (ten in a keyboard's row), where a large touch size cannot.
    pub fn exact_width(mut self, width: f32) -> Self {
        self.min_width = width.max(1.0);
        self.exact = true;
        self
    }

    /// The size the button takes when its label is on one line: for placing
    /// it in a rectangle of its own.
    pub fn natural_size(&self, ui: &Ui) -> Vec2 {
        let look = self.look;
        let galley = ui.painter().layout_no_wrap(
            self.text.to_owned(),
            look.font(self.font_pt),
            look.colors.text,
        );
        Vec2::new(
            (galley.size().x + 2.0 * look.space_medium).max(self.min_width),
            (galley.size().y + 2.0 * look.space_small).max(look.min_touch_pt),
        )
    }

    /// What screen readers call the button, when its face says less (a
    /// face of "Aa" is named "Text size 2").
    pub fn accessible_name(mut self, name: &'a str) -> Self {
        self.name = Some(name);
        self
    }

    /// Keeps the label on one line within `min_width`, shrinking its type
    /// if it must (a keyboard key such as "Backspace").
    pub fn fit(mut self) -> Self {
        self.fit = true;
        self
    }

    /// Uses `pt` points for the label instead of the button size.
    pub fn font_pt(mut self, pt: f32) -> Self {
        self.font_pt = pt;
        self
    }
}

impl BigButton<'_> {
    fn text_color(&self) -> egui::Color32 {
        let c = &self.look.colors;
        let filled = self.kind == ButtonKind::Primary || self.selected == Some(true);
        if filled { c.on_accent } else { c.text }
    }

    /// The label laid out for `available` points of width, and the
    /// button's size; `note` tells the layout check what did not fit.
    fn layout(&self, ui: &Ui, available: f32, note: bool) -> (Arc<egui::Galley>, Vec2, f32) {
        let look = self.look;
        let text_color = self.text_color();
        // A theme's large gaps never leave a label no room.
        let pad = if self.exact {
            look.space_medium.min(self.min_width / 8.0)
        } else {
            look.space_medium.min(self.min_width.max(available) / 8.0)
        };
        let galley = if self.fit {
            let natural = ui
                .painter()
                .layout_no_wrap(self.text.to_owned(), look.font(self.font_pt), text_color)
                .size()
                .x;
            let room = (self.min_width - 2.0 * look.space_small.min(self.min_width / 8.0)).max(1.0);
            let share = (room / natural.max(1.0)).min(1.0);
            if note && self.font_pt * share < look.smallest_pt {
                misfit::note(ui.ctx(), self.text, misfit::How::Shrunk(share));
            }
            ui.painter().layout_no_wrap(
                self.text.to_owned(),
                look.font(self.font_pt * share),
                text_color,
            )
        } else {
            // Up to two lines at the button's size; a longer label, or one
            // that would break a word, shrinks until it does not, so no
            // button grows taller than the screen.
            let wide = if self.exact {
                self.min_width
            } else {
                available.max(self.min_width)
            };
            let wrap = (wide - 2.0 * pad).max(1.0);
            let mut font_pt = self.font_pt;
            let mut galley =
                ui.painter()
                    .layout(self.text.to_owned(), look.font(font_pt), text_color, wrap);
            while (galley.rows.len() > MAX_ROWS || misfit::splits_a_word(&galley))
                && font_pt > MIN_FONT_PX
            {
                font_pt = (font_pt * 0.9).max(MIN_FONT_PX);
                galley =
                    ui.painter()
                        .layout(self.text.to_owned(), look.font(font_pt), text_color, wrap);
            }
            if note && font_pt < self.font_pt {
                misfit::note(
                    ui.ctx(),
                    self.text,
                    misfit::How::Shrunk(font_pt / self.font_pt),
                );
            } else if note && galley.rows.len() > 1 {
                misfit::note(ui.ctx(), self.text, misfit::How::Wrapped(galley.rows.len()));
            }
            galley
        };
        let size = Vec2::new(
            if self.fit || self.exact {
                self.min_width
            } else {
                (galley.size().x + 2.0 * pad).max(self.min_width)
            },
            (galley.size().y + 2.0 * look.space_small)
                .max(look.min_touch_pt)
                .max(self.min_height),
        );
        (galley, size, pad)
    }

    /// The size the button takes in `ui` as it is now: for lining up a
    /// row of buttons (the navigation's all as tall as the tallest).
    pub fn size(&self, ui: &Ui) -> Vec2 {
        self.layout(ui, ui.available_width(), false).1
    }

    /// Makes the button at least `height` points tall.
    pub fn min_height(mut self, height: f32) -> Self {
        self.min_height = height;
        self
    }
}

impl Widget for BigButton<'_> {
    fn ui(self, ui: &mut Ui) -> Response {
        let look = self.look;
        let c = &look.colors;
        let is_selected = self.selected == Some(true);
        let filled = self.kind == ButtonKind::Primary || is_selected;
        let text_color = self.text_color();
        let (galley, size, pad) = self.layout(ui, ui.available_width(), true);
        let (rect, response) = ui.allocate_exact_size(size, Sense::click());
        let text = self.name.unwrap_or(self.text).to_owned();
        let selected = self.selected;
        response.widget_info(|| match selected {
            // A screen reader says which tab is current: "Story, pressed".
            Some(selected) => {
                WidgetInfo::selected(egui::Role::Button, true, selected, text.clone())
            }
            None => WidgetInfo::labeled(egui::Role::Button, true, text.clone()),
        });
        if ui.is_rect_visible(rect) {
            let painter = ui.painter();
            let fill = if filled { c.accent } else { c.surface };
            painter.rect_filled(rect, look.radius_small, fill);
            let border = if response.has_focus() || response.is_pointer_button_down_on() {
                Stroke::new(look.focus_stroke_pt(), c.focus)
            } else if filled {
                Stroke::NONE
            } else {
                Stroke::new(look.border_pt(), c.accent)
            };
            painter.rect_stroke(rect, look.radius_small, border, StrokeKind::Inside);
            let text_pos = Align2::CENTER_CENTER
                .align_size_within_rect(galley.size(), rect)
                .min;
            if is_selected {
                let bar = Rect::from_center_size(
                    egui::pos2(rect.center().x, rect.bottom() - look.space_small),
                    Vec2::new(
                        galley.size().x.min(rect.width() - 2.0 * pad),
                        look.focus_stroke_pt(),
                    ),
                );
                painter.rect_filled(bar, 0.0, c.on_accent);
            }
            painter.galley(text_pos, galley, text_color);
            if let Some(hint) = self.hint {
                let hint_color = if filled { c.on_accent } else { c.text_muted };
                let g = painter.layout_no_wrap(
                    hint.to_owned(),
                    look.font((look.small_pt * 0.85).max(12.0)),
                    hint_color,
                );
                let at = rect.right_top()
                    + Vec2::new(-look.space_small - g.size().x, look.space_small / 2.0);
                painter.galley(at, g, hint_color);
            }
        }
        response
    }
}
