//! An on-screen keyboard: QWERTY letters with shift and caps lock, a page of
//! digits and symbols, `@` and `.com` for email, space, backspace and done.
//! Every key is at least the theme's touch size and is named for screen
//! readers by its character or its label ("Backspace", "Shift", …).

use egui::{Ui, Vec2};

use super::{BigButton, ButtonKind};
use crate::theme::Look;

/// Which page of keys shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Page {
    /// Letters.
    #[default]
    Letters,
    /// Digits and symbols.
    Symbols,
}

/// The keyboard's own state: the page, and shift and caps lock.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct KeyboardState {
    /// The page showing.
    pub page: Page,
    /// The next letter is a capital (cleared after one).
    pub shift: bool,
    /// Every letter is a capital until caps lock is pressed again.
    pub caps: bool,
}

/// The labels of keys that are not characters, in the visitor's language.
pub struct KeyboardLabels<'a> {
    /// Shift.
    pub shift: &'a str,
    /// Caps lock.
    pub caps: &'a str,
    /// Backspace.
    pub backspace: &'a str,
    /// The space bar.
    pub space: &'a str,
    /// Done: closes the keyboard.
    pub done: &'a str,
    /// To the digits and symbols page.
    pub symbols: &'a str,
    /// Back to the letters.
    pub letters: &'a str,
}

/// What a key press means for the text being typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyEvent {
    /// Insert this text.
    Text(String),
    /// Delete the last character.
    Backspace,
    /// Close the keyboard.
    Done,
}

const LETTER_ROWS: [&str; 3] = ["qwertyuiop", "asdfghjkl", "zxcvbnm"];
const SYMBOL_ROWS: [&str; 3] = ["1234567890", "-/:;()&$\"'", "%*,?!_#+="];

enum Key<'a> {
    Char(char),
    Shift,
    Caps,
    Backspace,
    Space,
    Dot,
    DotCom,
    At,
    Page(Page, &'a str),
    Done,
}

impl KeyboardState {
    fn upper(&self) -> bool {
        self.shift || self.caps
    }
}

/// Draws the keyboard across the available width and returns what was
/// pressed this frame.
pub fn keyboard(
    ui: &mut Ui,
    look: &Look,
    state: &mut KeyboardState,
    labels: &KeyboardLabels<'_>,
) -> Option<KeyEvent> {
    let gap = look.space_small;
    let key_w =
        ((ui.available_width() - 9.0 * gap) / 10.0).clamp(look.min_touch_px, look.key_width_px());
    let row_w = |keys: f32| keys * key_w + (keys - 1.0).max(0.0) * gap;
    let full = row_w(10.0);
    let mut event = None;
    let rows = match state.page {
        Page::Letters => LETTER_ROWS,
        Page::Symbols => SYMBOL_ROWS,
    };
    ui.spacing_mut().item_spacing = Vec2::splat(gap);
    for (r, chars) in rows.iter().enumerate() {
        let mut keys: Vec<(Key<'_>, f32)> = chars.chars().map(|c| (Key::Char(c), 1.0)).collect();
        if r == 2 {
            // Shift (letters only) and backspace fill out the last row.
            let spare = 10.0 - chars.chars().count() as f32;
            if state.page == Page::Letters {
                keys.insert(0, (Key::Shift, spare / 2.0));
                keys.push((Key::Backspace, spare / 2.0));
            } else {
                keys.push((Key::Backspace, spare));
            }
        }
        event = event.or(key_row(ui, look, state, labels, &keys, key_w, full));
    }
    let toggle = match state.page {
        Page::Letters => (Key::Page(Page::Symbols, labels.symbols), 1.0),
        Page::Symbols => (Key::Page(Page::Letters, labels.letters), 1.0),
    };
    let bottom = [
        toggle,
        (Key::Caps, 1.5),
        (Key::At, 1.0),
        (Key::Space, 3.0),
        (Key::Dot, 1.0),
        (Key::DotCom, 1.0),
        (Key::Done, 1.5),
    ];
    event = event.or(key_row(ui, look, state, labels, &bottom, key_w, full));
    event
}

fn key_row(
    ui: &mut Ui,
    look: &Look,
    state: &mut KeyboardState,
    labels: &KeyboardLabels<'_>,
    keys: &[(Key<'_>, f32)],
    key_w: f32,
    full: f32,
) -> Option<KeyEvent> {
    let gap = look.space_small;
    let units: f32 = keys.iter().map(|(_, w)| w).sum();
    let unit_w = (full - (keys.len() as f32 - 1.0) * gap) / units.max(1.0);
    let mut event = None;
    ui.horizontal(|ui| {
        ui.add_space(((ui.available_width() - full) / 2.0).max(0.0));
        for (key, width) in keys {
            let w = (unit_w * width).max(key_w.min(unit_w * width));
            let upper = state.upper();
            let owned;
            let (text, kind, selected) = match key {
                Key::Char(c) => {
                    owned = if upper {
                        c.to_uppercase().collect()
                    } else {
                        c.to_string()
                    };
                    (owned.as_str(), ButtonKind::Secondary, None)
                }
                Key::Shift => (labels.shift, ButtonKind::Secondary, Some(state.shift)),
                Key::Caps => (labels.caps, ButtonKind::Secondary, Some(state.caps)),
                Key::Backspace => (labels.backspace, ButtonKind::Secondary, None),
                Key::Space => (labels.space, ButtonKind::Secondary, None),
                Key::Dot => (".", ButtonKind::Secondary, None),
                Key::DotCom => (".com", ButtonKind::Secondary, None),
                Key::At => ("@", ButtonKind::Secondary, None),
                Key::Page(_, label) => (*label, ButtonKind::Secondary, None),
                Key::Done => (labels.done, ButtonKind::Primary, None),
            };
            let mut button = BigButton::new(text, look).kind(kind).min_width(w).fit();
            if let Some(on) = selected {
                button = button.selected(on);
            }
            let clicked = ui
                .add_sized(Vec2::new(w, look.min_touch_px), button)
                .clicked();
            if !clicked {
                continue;
            }
            event = match key {
                Key::Char(_) => {
                    state.shift = false;
                    Some(KeyEvent::Text(text.to_owned()))
                }
                Key::Shift => {
                    state.shift = !state.shift;
                    None
                }
                Key::Caps => {
                    state.caps = !state.caps;
                    state.shift = false;
                    None
                }
                Key::Backspace => Some(KeyEvent::Backspace),
                Key::Space => Some(KeyEvent::Text(" ".to_owned())),
                Key::Dot => Some(KeyEvent::Text(".".to_owned())),
                Key::DotCom => Some(KeyEvent::Text(".com".to_owned())),
                Key::At => Some(KeyEvent::Text("@".to_owned())),
                Key::Page(page, _) => {
                    state.page = *page;
                    None
                }
                Key::Done => Some(KeyEvent::Done),
            };
        }
    });
    event
}
