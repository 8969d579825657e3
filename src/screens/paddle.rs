//! The paddle entry screen (`storykiosk --paddle-entry`): the giving levels
//! to choose the one being called, the paddle number typed on a big keypad,
//! and the last entries, each with an Undo for two minutes.

use chrono::{DateTime, Utc};
use egui::{Align, Layout, Rect};

use super::{Action, ScreenCx};
use crate::{
    content::{Level, StringKey, fill},
    pledge::{
        PledgeRow, Status,
        store::{LevelCount, UNDO_WINDOW},
    },
    widgets::{
        BigButton, ButtonKind,
        keypad::{KeypadKey, KeypadLabels, keypad_all},
    },
};

/// What the next paddle is recorded at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    /// Nothing chosen yet, or between levels.
    Nothing,
    /// A level of the pack's `event.ron`, in minor units.
    Level(u64),
    /// An amount typed for this gift.
    Other,
}

/// Which figure the keypad types into.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Typing {
    /// The amount of a gift of its own.
    Amount,
    /// The paddle number.
    Paddle,
}

/// What the volunteer asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PaddleAction {
    /// Record at this from now on.
    Choose(Choice),
    /// A key of the keypad (or the keyboard).
    Key(KeypadKey),
    /// Type into this figure.
    TypeInto(Typing),
    /// Undo the entry with this id.
    Undo(String),
    /// Lock the screen behind the staff PIN.
    Lock,
}

/// What the last step said.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Said {
    /// The words.
    pub text: String,
    /// Whether it went wrong.
    pub problem: bool,
}

/// What the screen shows.
pub struct PaddleView<'a> {
    /// The pack's giving levels.
    pub levels: &'a [Level],
    /// This laptop's gifts at each amount.
    pub gifts: &'a [LevelCount],
    /// What is being recorded.
    pub choice: Choice,
    /// The amount typed for another amount, whole units.
    pub amount_digits: &'a str,
    /// The paddle number typed.
    pub paddle_digits: &'a str,
    /// Which the keypad types into.
    pub typing: Typing,
    /// The newest entries, newest first.
    pub recent: &'a [PledgeRow],
    /// What the last step said.
    pub said: Option<&'a Said>,
    /// Now, for the Undo windows.
    pub now: DateTime<Utc>,
}

/// Draws the screen: levels, then the figures and keypad, then the last
/// entries; side by side in landscape, one above the other in portrait.
pub fn ui(ui: &mut egui::Ui, cx: &ScreenCx<'_>, view: &PaddleView<'_>, actions: &mut Vec<Action>) {
    let look = cx.look;
    let rect = super::sound(ui.max_rect().shrink(look.space_large));
    let gap = look.space_large;
    let (levels, entry, recent) = if ScreenCx::portrait(ui) {
        let top = rect.top() + rect.height() * 0.36;
        let bottom = rect.top() + rect.height() * 0.76;
        (
            Rect::from_min_max(rect.min, egui::pos2(rect.right(), top - gap / 2.0)),
            Rect::from_min_max(
                egui::pos2(rect.left(), top + gap / 2.0),
                egui::pos2(rect.right(), bottom - gap / 2.0),
            ),
            Rect::from_min_max(egui::pos2(rect.left(), bottom + gap / 2.0), rect.max),
        )
    } else {
        let a = rect.left() + rect.width() * 0.3;
        let b = rect.left() + rect.width() * 0.68;
        (
            Rect::from_min_max(rect.min, egui::pos2(a - gap / 2.0, rect.bottom())),
            Rect::from_min_max(
                egui::pos2(a + gap / 2.0, rect.top()),
                egui::pos2(b - gap / 2.0, rect.bottom()),
            ),
            Rect::from_min_max(egui::pos2(b + gap / 2.0, rect.top()), rect.max),
        )
    };
    column(ui, cx, "paddle-levels", levels, |ui| {
        level_choices(ui, cx, view, actions)
    });
    column(ui, cx, "paddle-entry", entry, |ui| {
        entry_pad(ui, cx, view, actions)
    });
    column(ui, cx, "paddle-recent", recent, |ui| {
        recent_entries(ui, cx, view, actions)
    });
}

/// A scrolling column in `rect`.
fn column(
    ui: &mut egui::Ui,
    cx: &ScreenCx<'_>,
    id: &str,
    rect: Rect,
    add: impl FnOnce(&mut egui::Ui),
) {
    ui.scope_builder(egui::UiBuilder::new().max_rect(super::sound(rect)), |ui| {
        super::scroll_column(ui, super::column_area(cx.id(id)), |ui| {
            ui.with_layout(Layout::top_down(Align::Min), add);
        });
    });
}

/// The title, the levels (each with its gifts against those hoped for),
/// another amount, and none.
fn level_choices(
    ui: &mut egui::Ui,
    cx: &ScreenCx<'_>,
    view: &PaddleView<'_>,
    actions: &mut Vec<Action>,
) {
    let look = cx.look;
    ui.horizontal_wrapped(|ui| {
        ui.label(look.text(cx.s(StringKey::PaddleTitle), look.title_pt));
        let lock = BigButton::new(cx.s(StringKey::PaddleLock), look).kind(ButtonKind::Secondary);
        if ui.add(lock).clicked() {
            actions.push(Action::Paddle(PaddleAction::Lock));
        }
    });
    ui.add_space(look.space_medium);
    ui.label(look.text(cx.s(StringKey::PaddleLevels), look.heading_pt));
    let width = ui.available_width();
    let mut choose = |ui: &mut egui::Ui, text: &str, choice: Choice| {
        let button = BigButton::new(text, look)
            .selected(view.choice == choice)
            .min_width(width)
            .fit();
        if ui.add(button).clicked() {
            actions.push(Action::Paddle(PaddleAction::Choose(choice)));
        }
    };
    for level in view.levels {
        let gifts = view
            .gifts
            .iter()
            .find(|g| g.amount_minor == level.amount_minor)
            .map_or(0, |g| g.gifts);
        let progress = fill(
            cx.s(StringKey::PaddleProgress),
            &[
                ("count", &cx.fmt.number(gifts)),
                ("hoped", &cx.fmt.number(u64::from(level.hoped))),
            ],
        );
        let text = format!("{}  ·  {progress}", cx.fmt.money(level.amount_minor));
        choose(ui, &text, Choice::Level(level.amount_minor));
    }
    choose(ui, cx.s(StringKey::PaddleOther), Choice::Other);
    choose(ui, cx.s(StringKey::PaddleNoLevel), Choice::Nothing);
}

/// The amount (for another amount) and the paddle number, each a field the
/// keypad types into, then the keypad and what the last step said.
fn entry_pad(
    ui: &mut egui::Ui,
    cx: &ScreenCx<'_>,
    view: &PaddleView<'_>,
    actions: &mut Vec<Action>,
) {
    let look = cx.look;
    let width = ui.available_width();
    match view.choice {
        Choice::Nothing => {
            // In red once a paddle was typed with nothing chosen: the
            // number waits on screen for a level.
            let color = if view.said.is_some_and(|s| s.problem) {
                look.colors.danger
            } else {
                look.colors.text
            };
            ui.label(
                look.text(cx.s(StringKey::PaddleChoose), look.heading_pt)
                    .color(color),
            );
        }
        Choice::Level(amount) => {
            ui.label(
                look.text(cx.s(StringKey::PaddleLevels), look.body_pt)
                    .color(look.colors.text_muted),
            );
            ui.label(
                look.text(cx.fmt.money(amount), look.title_pt)
                    .color(look.colors.accent),
            );
        }
        Choice::Other => {
            let amount = view
                .amount_digits
                .parse::<u64>()
                .ok()
                .map(|whole| {
                    let scale = 10u64.pow(u32::from(cx.pack.pledge.currency.minor_exponent()));
                    cx.fmt.money(whole.saturating_mul(scale))
                })
                .unwrap_or_else(|| cx.fmt.money_empty());
            field(
                ui,
                cx,
                actions,
                cx.s(StringKey::PaddleAmount),
                &amount,
                Typing::Amount,
                view.typing,
                width,
            );
        }
    }
    ui.add_space(look.space_small);
    let paddle = if view.paddle_digits.is_empty() {
        "–"
    } else {
        view.paddle_digits
    };
    field(
        ui,
        cx,
        actions,
        cx.s(StringKey::PaddleNumber),
        paddle,
        Typing::Paddle,
        view.typing,
        width,
    );
    ui.add_space(look.space_medium);
    let labels = KeypadLabels {
        backspace: cx.s(StringKey::KeyBackspace),
        enter: Some(cx.s(StringKey::PaddleRecord)),
        plus: false,
    };
    for key in keypad_all(ui, look, &labels) {
        actions.push(Action::Paddle(PaddleAction::Key(key)));
    }
    if let Some(said) = view.said.filter(|s| !s.text.is_empty()) {
        ui.add_space(look.space_small);
        let color = if said.problem {
            look.colors.danger
        } else {
            look.colors.text
        };
        ui.label(look.text(&said.text, look.heading_pt).color(color));
    }
}

/// A figure the keypad types into: its label and value, outlined when it
/// is the one being typed; a tap makes it so.
#[allow(
    clippy::too_many_arguments,
    reason = "one call site per figure, each with its own label and value"
)]
fn field(
    ui: &mut egui::Ui,
    cx: &ScreenCx<'_>,
    actions: &mut Vec<Action>,
    label: &str,
    value: &str,
    this: Typing,
    typing: Typing,
    width: f32,
) {
    let look = cx.look;
    let text = format!("{label}: {value}");
    let button = BigButton::new(&text, look)
        .selected(this == typing)
        .min_width(width)
        .font_pt(look.title_pt)
        .fit();
    if ui.add(button).clicked() {
        actions.push(Action::Paddle(PaddleAction::TypeInto(this)));
    }
}

/// The newest entries, newest first; an Undo beside each made less than
/// two minutes ago, "Undone" beside each undone.
fn recent_entries(
    ui: &mut egui::Ui,
    cx: &ScreenCx<'_>,
    view: &PaddleView<'_>,
    actions: &mut Vec<Action>,
) {
    let look = cx.look;
    ui.label(look.text(cx.s(StringKey::PaddleRecent), look.heading_pt));
    ui.add_space(look.space_small);
    for row in view.recent {
        let text = fill(
            cx.s(StringKey::PaddleRecorded),
            &[
                ("paddle", &row.paddle.unwrap_or_default().to_string()),
                ("amount", &cx.fmt.money(row.amount_minor)),
            ],
        );
        let undone = row.status == Status::Cancelled;
        let color = if undone {
            look.colors.text_muted
        } else {
            look.colors.text
        };
        let undoable = !undone
            && ((view.now - row.created_at)
                .to_std()
                .is_ok_and(|age| age < UNDO_WINDOW)
                || view.now < row.created_at);
        ui.horizontal_wrapped(|ui| {
            ui.label(look.text(&text, look.heading_pt).color(color));
            if undone {
                ui.label(
                    look.text(cx.s(StringKey::PaddleUndone), look.body_pt)
                        .color(color),
                );
            } else if undoable {
                let name = format!("{} · {text}", cx.s(StringKey::PaddleUndo));
                let undo = BigButton::new(cx.s(StringKey::PaddleUndo), look)
                    .kind(ButtonKind::Secondary)
                    .accessible_name(&name);
                if ui.add(undo).clicked() {
                    actions.push(Action::Paddle(PaddleAction::Undo(row.id.clone())));
                }
            }
        });
        ui.add_space(look.space_small);
    }
}
