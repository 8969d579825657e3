//! Typing into the active field: from the on-screen keyboard or keypad
//! (the phone field), or from a physical keyboard and its input method.

use super::{PledgeScreen, Step};
use crate::{
    content::StringKey,
    pledge::{
        DraftField,
        draft::{MAX_DEDICATION_CHARS, MAX_EMAIL_CHARS, MAX_NAME_CHARS, MAX_PHONE_CHARS, clean},
    },
    screens::ScreenCx,
    widgets::{
        keyboard::{KeyEvent, KeyboardLabels, KeyboardLetters, keyboard},
        keypad::{KeypadKey, KeypadLabels, keypad},
    },
};

impl PledgeScreen {
    pub(super) fn value(&self, field: DraftField) -> &str {
        match field {
            DraftField::Name => &self.draft.name,
            DraftField::Email => &self.draft.email,
            DraftField::Phone => &self.draft.phone,
            DraftField::Dedication => &self.draft.dedication,
            DraftField::Amount | DraftField::Frequency => "",
        }
    }

    /// Types `text` into the active field, cleaned, within its limit.
    fn type_text(&mut self, text: &str) {
        let (target, max) = match self.active {
            Some(DraftField::Name) => (&mut self.draft.name, MAX_NAME_CHARS),
            Some(DraftField::Email) => (&mut self.draft.email, MAX_EMAIL_CHARS),
            Some(DraftField::Phone) => (&mut self.draft.phone, MAX_PHONE_CHARS),
            Some(DraftField::Dedication) => (&mut self.draft.dedication, MAX_DEDICATION_CHARS),
            _ => return,
        };
        // A paste longer than the limit is cut at the limit, as a field on
        // paper runs out of room; validation still checks the whole.
        let room = max.saturating_sub(target.chars().count());
        target.extend(clean(text).chars().take(room));
        if let Some(field) = self.active {
            self.errors.0.retain(|(f, _)| *f != field);
        }
    }

    fn backspace(&mut self) {
        let target = match self.active {
            Some(DraftField::Name) => &mut self.draft.name,
            Some(DraftField::Email) => &mut self.draft.email,
            Some(DraftField::Phone) => &mut self.draft.phone,
            Some(DraftField::Dedication) => &mut self.draft.dedication,
            _ => return,
        };
        target.pop();
    }

    /// A physical keyboard types into the active field too.
    pub(super) fn typing_from_a_physical_keyboard(&mut self, ui: &egui::Ui) {
        if self.step != Step::Details || self.active.is_none() {
            return;
        }
        let events = ui.input(|i| i.events.clone());
        for event in events {
            match event {
                egui::Event::Text(t)
                | egui::Event::Paste(t)
                | egui::Event::Ime(egui::ImeEvent::Commit(t))
                    if self.active != Some(DraftField::Phone) =>
                {
                    self.type_text(&t)
                }
                egui::Event::Key {
                    key: egui::Key::Backspace,
                    pressed: true,
                    ..
                } if self.active != Some(DraftField::Phone) => {
                    self.backspace();
                }
                egui::Event::Key {
                    key: egui::Key::Enter,
                    pressed: true,
                    ..
                } => self.active = None,
                _ => {}
            }
        }
    }

    pub(super) fn keys(&mut self, ui: &mut egui::Ui, cx: &ScreenCx<'_>) {
        let look = cx.look;
        if self.active == Some(DraftField::Phone) {
            let labels = KeypadLabels {
                backspace: cx.s(StringKey::KeyBackspace),
                enter: Some(cx.s(StringKey::KeyDone)),
                plus: true,
            };
            match keypad(ui, look, &labels) {
                Some(KeypadKey::Digit(d)) => self.type_text(&d.to_string()),
                Some(KeypadKey::Plus) => self.type_text("+"),
                Some(KeypadKey::Backspace) => self.backspace(),
                Some(KeypadKey::Enter) => self.active = None,
                None => {}
            }
            return;
        }
        let labels = KeyboardLabels {
            shift: cx.s(StringKey::KeyShift),
            caps: cx.s(StringKey::KeyCaps),
            backspace: cx.s(StringKey::KeyBackspace),
            space: cx.s(StringKey::KeySpace),
            done: cx.s(StringKey::KeyDone),
            symbols: cx.s(StringKey::KeySymbols),
            letters: cx.s(StringKey::KeyLetters),
        };
        if self.letters.as_ref().is_none_or(|(l, _)| l != cx.locale) {
            self.letters = Some((
                cx.locale.to_owned(),
                crate::content::letters::Letters::for_pack(&cx.pack.manifest, cx.locale),
            ));
        }
        let Some((_, letters)) = &self.letters else {
            return;
        };
        let upper = |s: &str| letters.upper(s);
        let keyboard_letters = KeyboardLetters {
            under: letters.by_key(),
            upper: &upper,
        };
        match keyboard(ui, look, &mut self.keyboard, &labels, &keyboard_letters) {
            Some(KeyEvent::Text(t)) => self.type_text(&t),
            Some(KeyEvent::Backspace) => self.backspace(),
            Some(KeyEvent::Done) => self.active = None,
            None => {}
        }
    }
}
