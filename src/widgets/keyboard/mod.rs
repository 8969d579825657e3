//! An on-screen keyboard: QWERTY letters with shift and caps lock, a page of
//! digits and symbols, `@` and `.com` for email, space, backspace and done.
//! A key whose letter has accented or other forms in the pack's languages
//! (e: é è ê ë …) shows the first of them small in its corner; holding it
//! for half a second opens a row of them above it, as on a phone: slide
//! onto one and lift, or lift and tap one. Every key is at least the
//! theme's touch size and is named for screen readers by its character or
//! its label ("Backspace", "Shift", …).

use std::collections::BTreeMap;

use egui::{Rect, Ui, Vec2};

use super::{BigButton, ButtonKind};
use crate::theme::Look;

mod alternatives;

use alternatives::alternatives;

/// How long a key is held before its alternatives open, in seconds: long
/// enough that a slow tap is still a tap.
pub const LONG_PRESS_SECS: f64 = 0.45;

/// Which page of keys shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Page {
    /// Letters.
    #[default]
    Letters,
    /// Digits and symbols.
    Symbols,
}

/// The row of alternatives a long press opened.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Popup {
    /// The key whose alternatives show.
    key: char,
    /// The key's rectangle, which the row sits above.
    anchor: Rect,
    /// The finger that opened it is still down: lifting it over an
    /// alternative types that one.
    held: bool,
}

/// The keyboard's own state: the page, shift and caps lock, and a long
/// press under way.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct KeyboardState {
    /// The page showing.
    pub page: Page,
    /// The next letter is a capital (cleared after one).
    pub shift: bool,
    /// Every letter is a capital until caps lock is pressed again.
    pub caps: bool,
    /// The key held down, and since when (egui's seconds).
    held: Option<(char, f64)>,
    popup: Option<Popup>,
}

impl KeyboardState {
    /// Whether a long press's alternatives are showing (for tests).
    pub fn alternatives_open(&self) -> bool {
        self.popup.is_some()
    }
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

/// The letters beyond the keys' own, and how the visitor's language writes
/// capitals.
pub struct KeyboardLetters<'a> {
    /// The alternatives under each key (a to z, `'`), in small letters, the
    /// most likely first.
    pub under: &'a BTreeMap<char, Vec<String>>,
    /// A letter in capitals, as the visitor's language writes it (Turkish
    /// "i" is "İ").
    pub upper: &'a dyn Fn(&str) -> String,
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
    letters: &KeyboardLetters<'_>,
) -> Option<KeyEvent> {
    // Ten keys and their gaps always fit across the screen: a theme's large
    // gaps or touch size give way to that.
    let gap = look.space_small.min(ui.available_width() / 60.0);
    let key_w = ((ui.available_width() - 9.0 * gap) / 10.0)
        .min(look.key_width_pt())
        .max(1.0);
    let row_w = |keys: f32| keys * key_w + (keys - 1.0).max(0.0) * gap;
    let full = row_w(10.0);
    let mut event = None;
    let rows = match state.page {
        Page::Letters => LETTER_ROWS,
        Page::Symbols => SYMBOL_ROWS,
    };
    ui.spacing_mut().item_spacing = Vec2::splat(gap);
    let mut rows_cx = Rows {
        look,
        labels,
        letters,
        key_w,
        full,
        now: ui.input(|i| i.time),
        down_somewhere: false,
    };
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
        event = event.or(rows_cx.row(ui, state, &keys));
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
    event = event.or(rows_cx.row(ui, state, &bottom));
    if !rows_cx.down_somewhere {
        state.held = None;
    }
    event.or_else(|| alternatives(ui, look, state, letters, key_w))
}

/// What every row of keys draws with.
struct Rows<'a> {
    look: &'a Look,
    labels: &'a KeyboardLabels<'a>,
    letters: &'a KeyboardLetters<'a>,
    key_w: f32,
    full: f32,
    now: f64,
    /// Whether a finger is down on a key with alternatives.
    down_somewhere: bool,
}

impl Rows<'_> {
    /// One row of `keys`, each with its share of the row's width; what
    /// was pressed.
    fn row(
        &mut self,
        ui: &mut Ui,
        state: &mut KeyboardState,
        keys: &[(Key<'_>, f32)],
    ) -> Option<KeyEvent> {
        let (look, key_w, full) = (self.look, self.key_w, self.full);
        let gap = (self.full - 10.0 * key_w) / 9.0;
        let units: f32 = keys.iter().map(|(_, w)| w).sum();
        let unit_w = (full - (keys.len() as f32 - 1.0) * gap) / units.max(1.0);
        let mut event = None;
        ui.horizontal(|ui| {
            ui.add_space(((ui.available_width() - full) / 2.0).max(0.0));
            for (key, width) in keys {
                let w = (unit_w * width).max(key_w.min(unit_w * width));
                let face = self.face(key, state);
                let mut button = BigButton::new(&face.text, look)
                    .kind(face.kind)
                    .exact_width(w)
                    .fit();
                if let Some(on) = face.selected {
                    button = button.selected(on);
                }
                if let Some(hint) = &face.hint {
                    button = button.hint(hint);
                }
                let response = ui.add_sized(Vec2::new(w, look.min_touch_pt), button);
                if let (Key::Char(c), Some(_)) = (key, &face.hint)
                    && self.long_press(ui, state, *c, &response)
                {
                    continue;
                }
                if response.clicked() {
                    event = press(key, state, face.text);
                }
            }
        });
        event
    }

    /// What `key` shows: its text (a letter in capitals while shift or
    /// caps lock is on), its kind, whether it is on (shift, caps lock),
    /// and the first of its alternatives in its corner.
    fn face(&self, key: &Key<'_>, state: &KeyboardState) -> Face {
        let labels = self.labels;
        let upper = state.upper();
        let cased = |s: &str| {
            if upper {
                (self.letters.upper)(s)
            } else {
                s.to_owned()
            }
        };
        let plain = |text: &str| Face {
            text: text.to_owned(),
            kind: ButtonKind::Secondary,
            selected: None,
            hint: None,
        };
        match key {
            Key::Char(c) => Face {
                hint: self
                    .letters
                    .under
                    .get(c)
                    .and_then(|l| l.first())
                    .map(|l| cased(l)),
                ..plain(&cased(&c.to_string()))
            },
            Key::Shift => Face {
                selected: Some(state.shift),
                ..plain(labels.shift)
            },
            Key::Caps => Face {
                selected: Some(state.caps),
                ..plain(labels.caps)
            },
            Key::Backspace => plain(labels.backspace),
            Key::Space => plain(labels.space),
            Key::Dot => plain("."),
            Key::DotCom => plain(".com"),
            Key::At => plain("@"),
            Key::Page(_, label) => plain(label),
            Key::Done => Face {
                kind: ButtonKind::Primary,
                ..plain(labels.done)
            },
        }
    }
}

/// What a key shows.
struct Face {
    text: String,
    kind: ButtonKind,
    /// On or off, for a key that stays on (shift, caps lock).
    selected: Option<bool>,
    /// The first alternative, shown small in the corner.
    hint: Option<String>,
}

/// What a tap on `key`, showing `text`, does: types, deletes, closes, or
/// changes the keyboard's own state.
fn press(key: &Key<'_>, state: &mut KeyboardState, text: String) -> Option<KeyEvent> {
    match key {
        Key::Char(_) => {
            state.shift = false;
            Some(KeyEvent::Text(text))
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
        Key::Dot | Key::DotCom | Key::At => Some(KeyEvent::Text(text)),
        Key::Page(page, _) => {
            state.page = *page;
            state.popup = None;
            None
        }
        Key::Done => Some(KeyEvent::Done),
    }
}
