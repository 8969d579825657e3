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
    let rows: [[KeypadKey; 3]; 4] = [
        [
            KeypadKey::Digit(1),
            KeypadKey::Digit(2),
            KeypadKey::Digit(3),
        ],
        [
            KeypadKey::Digit(4),
            KeypadKey::Digit(5),
            KeypadKey::Digit(6),
        ],
        [
            KeypadKey::Digit(7),
            KeypadKey::Digit(8),
            KeypadKey::Digit(9),
        ],
        [KeypadKey::Backspace, KeypadKey::Digit(0), KeypadKey::Enter],
    ];
    let rows = if labels.plus {
        let mut rows = rows.to_vec();
        rows[3] = [KeypadKey::Plus, KeypadKey::Digit(0), KeypadKey::Backspace];
        rows.push([KeypadKey::Enter, KeypadKey::Enter, KeypadKey::Enter]);
        rows
    } else {
        rows.to_vec()
    };
    ui.spacing_mut().item_spacing = Vec2::splat(gap);
    let width = 3.0 * key_w + 2.0 * gap;
    for row in rows {
        ui.horizontal(|ui| {
            // Centred under whatever is above it.
            ui.add_space(((ui.available_width() - width) / 2.0).max(0.0));
            if row.iter().all(|k| *k == KeypadKey::Enter) {
                // A row of its own: one wide key.
                let Some(enter) = labels.enter else { return };
                let button = BigButton::new(enter, look)
                    .kind(ButtonKind::Primary)
                    .exact_width(width)
                    .fit();
                if ui
                    .add_sized(Vec2::new(width, look.min_touch_pt), button)
                    .clicked()
                {
                    pressed = Some(KeypadKey::Enter);
                }
                return;
            }
            for key in row {
                let digit_text;
                let (text, kind) = match key {
                    KeypadKey::Digit(d) => {
                        digit_text = d.to_string();
                        (digit_text.as_str(), ButtonKind::Secondary)
                    }
                    KeypadKey::Backspace => (labels.backspace, ButtonKind::Secondary),
                    KeypadKey::Enter => match labels.enter {
                        Some(enter) => (enter, ButtonKind::Primary),
                        None => continue,
                    },
                    KeypadKey::Plus => ("+", ButtonKind::Secondary),
                };
                let button = BigButton::new(text, look)
                    .kind(kind)
                    .exact_width(key_w)
                    .fit();
                if ui
                    .add_sized(Vec2::new(key_w, look.min_touch_pt), button)
                    .clicked()
                {
                    pressed = Some(key);
                }
            }
        });
    }
    pressed.or_else(|| physical_key(ui, labels))
}

fn physical_key(ui: &Ui, labels: &KeypadLabels<'_>) -> Option<KeypadKey> {
    ui.input(|i| {
        i.events.iter().find_map(|e| match e {
            egui::Event::Text(t) => t
                .chars()
                .find_map(|c| c.to_digit(10))
                .and_then(|d| u8::try_from(d).ok())
                .map(KeypadKey::Digit),
            egui::Event::Key {
                key: egui::Key::Backspace,
                pressed: true,
                ..
            } => Some(KeypadKey::Backspace),
            egui::Event::Key {
                key: egui::Key::Enter,
                pressed: true,
                ..
            } if labels.enter.is_some() => Some(KeypadKey::Enter),
            _ => None,
        })
    })
}
