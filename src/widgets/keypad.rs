//! A numeric keypad of touch-sized keys, for PINs (and, later, amounts and
//! phone numbers). Each key's accessible name is its digit or its label.

use egui::{Ui, Vec2};

use super::{BigButton, ButtonKind};
use crate::theme::Look;

/// A key of the keypad.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeypadKey {
    /// A digit, 0 to 9.
    Digit(u8),
    /// Delete the last digit.
    Backspace,
    /// Done.
    Enter,
    /// A plus sign, for international phone numbers.
    Plus,
}

/// The labels of the keys that are not digits, in the visitor's language.
pub struct KeypadLabels<'a> {
    /// The backspace key.
    pub backspace: &'a str,
    /// The enter key; `None` leaves it out (the screen has its own).
    pub enter: Option<&'a str>,
    /// Offer a `+` key (phone numbers) in place of backspace's neighbour.
    pub plus: bool,
}

/// Draws the keypad (1–9 in rows, then backspace, 0, enter) and returns the
/// key tapped this frame, if any. A physical keyboard's digits, Backspace
/// and Enter work too.
pub fn keypad(ui: &mut Ui, look: &Look, labels: &KeypadLabels<'_>) -> Option<KeypadKey> {
    let mut pressed = None;
    let gap = look.space_small.min(ui.available_width() / 30.0);
    // Every key as wide as the widest label, so the rows line up; but never
    // wider than a third of the room, where a label then shrinks to fit.
    let room = ((ui.available_width() - 2.0 * gap) / 3.0).max(1.0);
    let key_w = [Some(labels.backspace), labels.enter]
        .iter()
        .flatten()
        .map(|text| BigButton::new(text, look).natural_size(ui).x)
        .fold(look.key_width_pt(), f32::max)
        .min(room);
    ui.spacing_mut().item_spacing = Vec2::splat(gap);
    let width = 3.0 * key_w + 2.0 * gap;
    for row in rows(labels.plus) {
        ui.horizontal(|ui| {
            // Centred under whatever is above it.
            ui.add_space(((ui.available_width() - width) / 2.0).max(0.0));
            if row.iter().all(|k| *k == KeypadKey::Enter) {
                // A row of its own: one wide key.
                if let Some(enter) = labels.enter
                    && key(ui, look, enter, ButtonKind::Primary, width)
                {
                    pressed = Some(KeypadKey::Enter);
                }
                return;
            }
            for k in row {
                let digit;
                let (text, kind) = match k {
                    KeypadKey::Digit(d) => {
                        digit = d.to_string();
                        (digit.as_str(), ButtonKind::Secondary)
                    }
                    KeypadKey::Backspace => (labels.backspace, ButtonKind::Secondary),
                    KeypadKey::Enter => match labels.enter {
                        Some(enter) => (enter, ButtonKind::Primary),
                        None => continue,
                    },
                    KeypadKey::Plus => ("+", ButtonKind::Secondary),
                };
                if key(ui, look, text, kind, key_w) {
                    pressed = Some(k);
                }
            }
        });
    }
    pressed.or_else(|| physical_keys(ui, labels).into_iter().next())
}

/// As [`keypad`], with every key of this frame: the key tapped and each key
/// typed on a keyboard, in order. A fast typist's "42⏎" can arrive in one
/// frame, and none of it may be lost (paddle numbers read out at speed).
pub fn keypad_all(ui: &mut Ui, look: &Look, labels: &KeypadLabels<'_>) -> Vec<KeypadKey> {
    let typed = physical_keys(ui, labels);
    let tapped = keypad(ui, look, labels);
    match tapped {
        // `keypad` gave the first typed key when none was tapped.
        Some(key) if typed.first() != Some(&key) => std::iter::once(key).chain(typed).collect(),
        _ => typed,
    }
}

/// The keypad's rows: 1–9, then backspace, 0 and enter; with a plus key
/// (phone numbers), plus, 0 and backspace, and enter in a row of its own.
fn rows(plus: bool) -> Vec<[KeypadKey; 3]> {
    let d = KeypadKey::Digit;
    let mut rows = vec![[d(1), d(2), d(3)], [d(4), d(5), d(6)], [d(7), d(8), d(9)]];
    if plus {
        rows.push([KeypadKey::Plus, d(0), KeypadKey::Backspace]);
        rows.push([KeypadKey::Enter; 3]);
    } else {
        rows.push([KeypadKey::Backspace, d(0), KeypadKey::Enter]);
    }
    rows
}

/// One key `w` wide and a touch size tall; whether it was tapped.
fn key(ui: &mut Ui, look: &Look, text: &str, kind: ButtonKind, w: f32) -> bool {
    let button = BigButton::new(text, look).kind(kind).exact_width(w).fit();
    ui.add_sized(Vec2::new(w, look.min_touch_pt), button)
        .clicked()
}

/// The keys typed on a keyboard this frame, in order.
fn physical_keys(ui: &Ui, labels: &KeypadLabels<'_>) -> Vec<KeypadKey> {
    ui.input(|i| {
        i.events
            .iter()
            .flat_map(|e| match e {
                egui::Event::Text(t) => t
                    .chars()
                    .filter_map(|c| c.to_digit(10))
                    .filter_map(|d| u8::try_from(d).ok())
                    .map(KeypadKey::Digit)
                    .collect(),
                egui::Event::Key {
                    key: egui::Key::Backspace,
                    pressed: true,
                    ..
                } => vec![KeypadKey::Backspace],
                egui::Event::Key {
                    key: egui::Key::Enter,
                    pressed: true,
                    ..
                } if labels.enter.is_some() => vec![KeypadKey::Enter],
                _ => Vec::new(),
            })
            .collect()
    })
}
