//! The widgets on their own, without the app around them: the on-screen
//! keyboard's shift, caps lock and 123 page, and how a big button fits its
//! label into the width it is given.

#![allow(clippy::unwrap_used, reason = "a test: a failed step should stop it")]

use std::collections::BTreeMap;

use egui::{Role, Vec2};
use egui_kittest::{Harness, kittest::Queryable};
use storykiosk::{
    content::Pack,
    theme::Look,
    widgets::{
        BigButton, ButtonKind,
        keyboard::{KeyEvent, KeyboardLabels, KeyboardLetters, KeyboardState, Page, keyboard},
    },
};

/// The bundled pack's look at its first text size.
fn look() -> Look {
    Look::for_visitor(&Pack::bundled().unwrap().theme, false, 0)
}

/// What the keyboard test drives: the keyboard's state and what it typed.
struct Typing {
    state: KeyboardState,
    typed: String,
    done: bool,
}

/// The keyboard alone across a phone-wide or a kiosk-wide window, with
/// `under` as the letters beyond a to z and Turkish capitals (i is İ).
fn keyboard_harness(width: f32) -> Harness<'static, Typing> {
    let look = look();
    let under: BTreeMap<char, Vec<String>> =
        BTreeMap::from([('e', vec!["é".to_owned(), "è".to_owned()])]);
    let typing = Typing {
        state: KeyboardState::default(),
        typed: String::new(),
        done: false,
    };
    Harness::builder()
        .with_size(Vec2::new(width, 600.0))
        .build_ui_state(
            move |ui, t: &mut Typing| {
                let labels = KeyboardLabels {
                    shift: "Shift",
                    caps: "Caps Lock",
                    backspace: "Backspace",
                    space: "Space",
                    done: "Done",
                    symbols: "123",
                    letters: "ABC",
                };
                let upper = |s: &str| match s {
                    "i" => "İ".to_owned(),
                    other => other.to_uppercase(),
                };
                let letters = KeyboardLetters {
                    under: &under,
                    upper: &upper,
                };
                match keyboard(ui, &look, &mut t.state, &labels, &letters) {
                    Some(KeyEvent::Text(s)) => t.typed.push_str(&s),
                    Some(KeyEvent::Backspace) => {
                        t.typed.pop();
                    }
                    Some(KeyEvent::Done) => t.done = true,
                    None => {}
                }
            },
            typing,
        )
}

fn tap(h: &mut Harness<'static, Typing>, name: &str) {
    h.get_by_role_and_label(Role::Button, name).click();
    h.run();
}

#[test]
fn shift_makes_one_capital_and_caps_lock_every_one_until_it_is_off() {
    for width in [480.0, 1920.0] {
        let mut h = keyboard_harness(width);
        h.run();
        tap(&mut h, "Shift");
        assert!(h.state().state.shift);
        // Under shift, the keys show capitals (the Turkish dotted İ).
        assert!(h.query_by_label("a").is_none());
        tap(&mut h, "İ");
        tap(&mut h, "s");
        assert!(!h.state().state.shift, "shift is for one letter");
        tap(&mut h, "Caps Lock");
        tap(&mut h, "T");
        tap(&mut h, "A");
        assert!(h.state().state.caps);
        tap(&mut h, "Caps Lock");
        tap(&mut h, "n");
        tap(&mut h, "Backspace");
        tap(&mut h, "Space");
        assert_eq!(h.state().typed, "İsTA ", "at {width} wide");
        tap(&mut h, "Done");
        assert!(h.state().done);
    }
}

#[test]
fn the_123_page_types_digits_and_symbols_and_abc_comes_back() {
    let mut h = keyboard_harness(800.0);
    h.run();
    tap(&mut h, "123");
    assert_eq!(h.state().state.page, Page::Symbols);
    // No shift on the symbols page; its own keys are there.
    assert!(h.query_by_role_and_label(Role::Button, "Shift").is_none());
    for key in ["1", "9", "-", "$", "#", "@", ".com"] {
        tap(&mut h, key);
    }
    assert_eq!(h.state().typed, "19-$#@.com");
    tap(&mut h, "ABC");
    assert_eq!(h.state().state.page, Page::Letters);
    tap(&mut h, "q");
    assert_eq!(h.state().typed, "19-$#@.comq");
}

/// What the button test drives: a button's label, its width, and the
/// rectangle it took.
struct Fitting {
    label: &'static str,
    width: f32,
    fit: bool,
    rect: egui::Rect,
}

fn button_harness(label: &'static str, width: f32, fit: bool) -> Harness<'static, Fitting> {
    let look = look();
    let fitting = Fitting {
        label,
        width,
        fit,
        rect: egui::Rect::NOTHING,
    };
    Harness::builder()
        .with_size(Vec2::new(1200.0, 800.0))
        .build_ui_state(
            move |ui, f: &mut Fitting| {
                let mut button = BigButton::new(f.label, &look)
                    .kind(ButtonKind::Primary)
                    .exact_width(f.width);
                if f.fit {
                    button = button.fit();
                }
                f.rect = ui.add(button).rect;
            },
            fitting,
        )
}

#[test]
fn a_big_button_keeps_its_width_and_touch_height_whatever_its_label() {
    let look = look();
    let long = "Continue to the next step of your pledge, where you can check everything";
    for (label, width, fit) in [
        ("OK", 300.0, false),
        (long, 300.0, false),
        (long, 120.0, false),
        ("Backspace", 60.0, true),
        ("Rückgängig machen", 90.0, true),
    ] {
        let mut h = button_harness(label, width, fit);
        h.run();
        let rect = h.state().rect;
        assert_eq!(rect.width(), width, "{label:?} at {width}");
        assert!(rect.height() >= look.min_touch_pt, "{label:?} at {width}");
        // Named by its whole label, however it had to be drawn.
        h.get_by_role_and_label(Role::Button, label);
    }
    // A key's label stays on one line, a key's height.
    let mut h = button_harness("Backspace", 60.0, true);
    h.run();
    assert_eq!(h.state().rect.height(), look.min_touch_pt);
    // A long label wraps to at most two lines and shrinks rather than
    // growing the button past two lines of its type.
    for width in [300.0, 120.0] {
        let mut h = button_harness(long, width, false);
        h.run();
        let most = 2.0 * look.button_pt * 1.5 + 2.0 * look.space_small;
        let height = h.state().rect.height();
        assert!(
            height <= most.max(look.min_touch_pt),
            "{height} tall at {width}"
        );
    }
}
