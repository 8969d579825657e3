//! A key's alternatives (e: é è ê ë …): a long press (or a screen
//! reader's menu action) opens them in a row above the key; slide onto one
//! and lift, or lift and tap one.

use egui::{Pos2, Rect, Ui, Vec2};

use super::{KeyEvent, KeyboardLetters, KeyboardState, LONG_PRESS_SECS, Popup, Rows};
use crate::{theme::Look, widgets::BigButton};

impl Rows<'_> {
    /// Follows a press on key `c`, which has alternatives: held for
    /// [`LONG_PRESS_SECS`], its alternatives open. True when this press
    /// opened them, so its release types nothing.
    pub(super) fn long_press(
        &mut self,
        ui: &Ui,
        state: &mut KeyboardState,
        c: char,
        response: &egui::Response,
    ) -> bool {
        // A screen reader's "menu" action opens them too.
        let asked = ui.input(|i| {
            i.has_accesskit_action_request(response.id, egui::accesskit::Action::ShowContextMenu)
        });
        ui.ctx().accesskit_node_builder(response.id, |node| {
            node.add_action(egui::accesskit::Action::ShowContextMenu);
        });
        if asked {
            state.popup = Some(Popup {
                key: c,
                anchor: response.rect,
                held: false,
            });
            return true;
        }
        if response.is_pointer_button_down_on() {
            self.down_somewhere = true;
            match state.held {
                Some((held, since)) if held == c => {
                    let waited = self.now - since;
                    if waited >= LONG_PRESS_SECS {
                        if state.popup.map(|p| p.key) != Some(c) {
                            state.popup = Some(Popup {
                                key: c,
                                anchor: response.rect,
                                held: true,
                            });
                        }
                    } else {
                        ui.ctx()
                            .request_repaint_after(std::time::Duration::from_secs_f64(
                                LONG_PRESS_SECS - waited,
                            ));
                    }
                }
                _ => state.held = Some((c, self.now)),
            }
        }
        // The release of the press that opened the row types nothing.
        state.popup.is_some_and(|p| p.key == c) && response.clicked()
    }
}

/// Draws the row of alternatives a long press opened, above its key, and
/// returns the one chosen: lifted on, or tapped.
pub(super) fn alternatives(
    ui: &mut Ui,
    look: &Look,
    state: &mut KeyboardState,
    letters: &KeyboardLetters<'_>,
    key_w: f32,
) -> Option<KeyEvent> {
    let popup = state.popup?;
    let list = letters.under.get(&popup.key)?;
    let upper = state.upper();
    let shown: Vec<String> = list
        .iter()
        .map(|l| if upper { (letters.upper)(l) } else { l.clone() })
        .collect();
    let grid = PopupGrid::above(ui, look, popup.anchor, shown.len(), key_w);
    let pointer = ui.input(|i| i.pointer.interact_pos());
    let released = ui.input(|i| i.pointer.any_released());
    let pressed = ui.input(|i| i.pointer.any_pressed());
    let under_finger = |r: Rect| popup.held && pointer.is_some_and(|p| r.contains(p));
    let (row_rect, mut chosen, rects) = grid.show(ui, look, &shown, under_finger);
    if popup.held && released {
        // The finger that opened the row lifts: over a letter, that one.
        chosen = chosen.or_else(|| {
            let p = pointer?;
            rects
                .iter()
                .find(|(r, _)| r.contains(p))
                .map(|(_, l)| l.clone())
        });
        if let Some(p) = &mut state.popup {
            p.held = false;
        }
    } else if pressed && pointer.is_some_and(|p| !row_rect.contains(p)) && !popup.held {
        // A touch anywhere else closes the row.
        state.popup = None;
    }
    let letter = chosen?;
    state.popup = None;
    state.held = None;
    state.shift = false;
    Some(KeyEvent::Text(letter))
}

/// Where the alternatives go: as many a row as fit across the screen, the
/// block centred above its key and kept on screen.
struct PopupGrid {
    min: Pos2,
    per_row: usize,
    gap: f32,
    key_w: f32,
}

impl PopupGrid {
    /// The grid for `count` keys `key_w` wide above `anchor`.
    fn above(ui: &Ui, look: &Look, anchor: Rect, count: usize, key_w: f32) -> Self {
        let screen = ui.ctx().content_rect();
        let gap = look.space_small.min(screen.width() / 60.0);
        let per_row =
            (((screen.width() - gap) / (key_w + gap)).floor() as usize).clamp(1, count.max(1));
        let rows = count.div_ceil(per_row);
        let size = Vec2::new(
            per_row as f32 * (key_w + gap) + gap,
            rows as f32 * (look.min_touch_pt + gap) + gap,
        );
        let mut min = Pos2::new(
            anchor.center().x - size.x / 2.0,
            anchor.top() - gap - size.y,
        );
        min.x = min
            .x
            .min(screen.right() - gap - size.x)
            .max(screen.left() + gap);
        min.y = min.y.max(screen.top());
        Self {
            min,
            per_row,
            gap,
            key_w,
        }
    }

    /// Draws the `shown` letters, each marked while `under_finger` says
    /// the finger is over it. The block's rectangle, the letter tapped, and
    /// each letter's rectangle.
    fn show(
        &self,
        ui: &Ui,
        look: &Look,
        shown: &[String],
        under_finger: impl Fn(Rect) -> bool,
    ) -> (Rect, Option<String>, Vec<(Rect, String)>) {
        let (gap, key_w) = (self.gap, self.key_w);
        let mut chosen = None;
        let mut rects = Vec::with_capacity(shown.len());
        let area = egui::Area::new(egui::Id::unique("keyboard-alternatives"))
            .order(egui::Order::Foreground)
            .fixed_pos(self.min)
            .show(ui.ctx(), |ui| {
                egui::Frame::new()
                    .fill(look.colors.surface)
                    .stroke(egui::Stroke::new(look.border_pt(), look.colors.accent))
                    .corner_radius(look.radius_small)
                    .inner_margin(gap)
                    .show(ui, |ui| {
                        ui.spacing_mut().item_spacing = Vec2::splat(gap);
                        for chunk in shown.chunks(self.per_row) {
                            ui.horizontal(|ui| {
                                for letter in chunk {
                                    let size = Vec2::new(key_w, look.min_touch_pt);
                                    let here = Rect::from_min_size(ui.cursor().min, size);
                                    let button = BigButton::new(letter, look)
                                        .exact_width(key_w)
                                        .fit()
                                        .selected(under_finger(here));
                                    let response = ui.add_sized(size, button);
                                    rects.push((response.rect, letter.clone()));
                                    if response.clicked() {
                                        chosen = Some(letter.clone());
                                    }
                                }
                            });
                        }
                    });
            });
        (area.response.rect, chosen, rects)
    }
}
