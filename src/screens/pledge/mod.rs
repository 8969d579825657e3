//! The pledge form: an amount (presets, or another amount on a keypad) and
//! how often, then the donor's details under the collection statement with
//! an on-screen keyboard, then a review, then the thank-you (only once the
//! pledge is on disk) or, if it could not be saved, a calm message to ask
//! staff. Nothing typed is lost on a validation error or a failed save.

use egui::{ScrollArea, scroll_area::ScrollSource};

use super::{Action, ScreenCx};
use crate::{
    content::{Frequency, StringKey, fill},
    pledge::{
        DraftField, FieldError, FieldErrors, PledgeDraft, PledgeRow,
        draft::{MAX_DEDICATION_CHARS, MAX_EMAIL_CHARS, MAX_NAME_CHARS, MAX_PHONE_CHARS},
    },
    widgets::{BigButton, ButtonKind, keyboard::KeyboardState},
};

mod amount;
mod details;
mod review;
mod typing;

/// The most of the form's height the keyboard or keypad takes.
const MAX_KEYS_SHARE: f32 = 0.6;

/// Where the visitor is in the form.
#[derive(Clone, Debug, PartialEq)]
pub enum Step {
    /// Choosing the amount and frequency.
    Amount,
    /// Typing their details.
    Details,
    /// Checking everything before confirming.
    Review,
    /// Waiting for the store to say the pledge is on disk.
    Saving,
    /// The pledge is committed.
    Thanks(Box<Thanks>),
    /// The pledge could not be saved; the message is for staff.
    Failed(String),
}

/// What the thank-you screen shows: only what the donor just saw.
#[derive(Clone, PartialEq)]
pub struct Thanks {
    /// The first name, unless the donor chose to be anonymous.
    pub first_name: Option<String>,
    /// The amount, in minor units.
    pub amount_minor: u64,
    /// The pledge reference.
    pub reference: String,
    /// When the thank-you appeared (for its timeout).
    pub shown_at: f64,
}

impl std::fmt::Debug for Thanks {
    /// The first name is hidden.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Thanks")
            .field(
                "first_name",
                &crate::pledge::draft::Hidden(self.first_name.as_deref()),
            )
            .field("amount_minor", &self.amount_minor)
            .field("reference", &self.reference)
            .field("shown_at", &self.shown_at)
            .finish()
    }
}

/// The pledge screen's state: everything this visitor typed. Its `Debug`
/// hides the donor's details (those of [`PledgeDraft`] and [`Thanks`]).
#[derive(Debug)]
pub struct PledgeScreen {
    /// What has been typed and chosen.
    pub draft: PledgeDraft,
    /// The step showing.
    pub step: Step,
    /// Digits of another amount being typed, in whole units.
    other: Option<String>,
    /// The field the keyboard types into.
    active: Option<DraftField>,
    keyboard: KeyboardState,
    /// The letters the keyboard offers on a long press, for the visitor's
    /// language (made again when it changes).
    letters: Option<(String, crate::content::letters::Letters)>,
    errors: FieldErrors,
    ticket: Option<u64>,
}

impl Drop for PledgeScreen {
    /// The session is over (an idle reset, a thank-you timing out, Home):
    /// every buffer that held the visitor's details is zeroed.
    fn drop(&mut self) {
        use zeroize::Zeroize;
        self.draft.wipe();
        self.other.zeroize();
        if let Step::Thanks(thanks) = &mut self.step {
            thanks.first_name.zeroize();
        }
    }
}

impl PledgeScreen {
    /// An empty form, with the pack's first frequency chosen.
    pub fn new(first_frequency: Option<Frequency>) -> Self {
        let mut draft = PledgeDraft {
            frequency: first_frequency,
            ..PledgeDraft::default()
        };
        // Room for the longest allowed text up front, so typing never
        // moves a field (leaving a copy behind that the wipe cannot reach).
        draft.name.reserve(MAX_NAME_CHARS * 4);
        draft.email.reserve(MAX_EMAIL_CHARS * 4);
        draft.phone.reserve(MAX_PHONE_CHARS * 4);
        draft.dedication.reserve(MAX_DEDICATION_CHARS * 4);
        Self {
            draft,
            step: Step::Amount,
            other: None,
            active: None,
            keyboard: KeyboardState::default(),
            letters: None,
            errors: FieldErrors::default(),
            ticket: None,
        }
    }

    /// `letter` in capitals as the keyboard writes it for the visitor's
    /// language (for tests: Turkish "i" is "İ").
    pub fn keyboard_upper(&self, letter: &str) -> String {
        match &self.letters {
            Some((_, letters)) => letters.upper(letter),
            None => letter.to_uppercase(),
        }
    }

    /// Whether a long press's alternatives are showing (for tests).
    pub fn alternatives_open(&self) -> bool {
        self.keyboard.alternatives_open()
    }

    /// Opens the keypad for another amount (the layout check).
    pub fn open_other_amount(&mut self) {
        self.step = Step::Amount;
        self.other = Some(String::new());
    }

    /// Shows the details with the keyboard (or keypad) typing into `field`
    /// (the layout check).
    pub fn type_into(&mut self, field: DraftField) {
        self.step = Step::Details;
        self.active = Some(field);
    }

    /// The save in flight, if any.
    pub fn ticket(&self) -> Option<u64> {
        self.ticket
    }

    /// The app sent the pledge to the store under `ticket`.
    pub fn saving(&mut self, ticket: u64) {
        self.ticket = Some(ticket);
        self.step = Step::Saving;
    }

    /// The store answered `ticket`: committed (thank the donor) or not (ask
    /// staff, keeping everything typed).
    pub fn saved(&mut self, ticket: u64, result: Result<&PledgeRow, &str>, now: f64) {
        if self.ticket != Some(ticket) {
            return;
        }
        self.ticket = None;
        self.step = match result {
            Ok(row) => Step::Thanks(Box::new(Thanks {
                first_name: if row.anonymous {
                    None
                } else {
                    self.draft.first_name()
                },
                amount_minor: row.amount_minor,
                reference: row.reference.clone(),
                shown_at: now,
            })),
            Err(message) => Step::Failed(message.to_owned()),
        };
    }

    /// Whether the thank-you has been up for `secs`.
    pub fn thanks_over(&self, now: f64, secs: f64) -> bool {
        matches!(&self.step, Step::Thanks(t) if now - t.shown_at >= secs)
    }
}

impl super::Screen for PledgeScreen {
    /// Draws the current step.
    fn ui(&mut self, ui: &mut egui::Ui, cx: &ScreenCx<'_>, actions: &mut Vec<Action>) {
        self.typing_from_a_physical_keyboard(ui);
        // The keyboard or keypad sits at the bottom while a field is active.
        let typing = self.step == Step::Details && self.active.is_some();
        if typing {
            let frame = egui::Frame::new()
                .fill(cx.look.colors.surface)
                .inner_margin(cx.look.space_small);
            // At most a little over half the screen, so the field typed
            // into stays in view; keys that need more (the largest touch
            // size a theme allows, on a short screen) scroll.
            let most = ui.available_height() * MAX_KEYS_SHARE;
            egui::Panel::bottom(cx.id("pledge-keys"))
                .frame(frame)
                .show_separator_line(false)
                .show(ui, |ui| {
                    let area = ScrollArea::vertical()
                        .id_salt(cx.id("pledge-keys-scroll"))
                        .max_height(most)
                        .min_scrolled_height(most)
                        .scroll_source(ScrollSource::SCROLL_BAR | ScrollSource::MOUSE_WHEEL);
                    super::scroll_column(ui, area, |ui| self.keys(ui, cx));
                });
        }
        let area = super::column_area(cx.id("pledge-scroll").with(self.step_index()));
        super::scroll_column(ui, area, |ui| {
            let look = cx.look;
            let width = (look.body_pt * super::story::MEASURE_EMS)
                .min(ui.available_width() - 2.0 * look.space_large);
            ui.add_space(look.space_large);
            ui.horizontal(|ui| {
                ui.add_space(((ui.available_width() - width) / 2.0).max(0.0));
                ui.vertical(|ui| {
                    ui.set_width(width);
                    actions.extend(match self.step.clone() {
                        Step::Amount => self.amount_step(ui, cx),
                        Step::Details => self.details_step(ui, cx),
                        Step::Review => self.review_step(ui, cx),
                        Step::Saving => {
                            heading(ui, cx, cx.s(StringKey::Saving));
                            None
                        }
                        Step::Thanks(thanks) => review::thanks_step(ui, cx, &thanks),
                        Step::Failed(_) => self.failed_step(ui, cx),
                    });
                    ui.add_space(look.space_large);
                });
            });
        });
    }
}

impl PledgeScreen {
    fn step_index(&self) -> u8 {
        match self.step {
            Step::Amount => 0,
            Step::Details => 1,
            Step::Review => 2,
            Step::Saving => 3,
            Step::Thanks(_) => 4,
            Step::Failed(_) => 5,
        }
    }

    fn error_text(&self, cx: &ScreenCx<'_>, field: DraftField) -> Option<String> {
        let amount = |m| cx.fmt.money(m);
        self.errors.get(field).map(|e| match e {
            FieldError::Required if matches!(field, DraftField::Amount | DraftField::Frequency) => {
                cx.s(StringKey::ErrorChoose).to_owned()
            }
            FieldError::Required => cx.s(StringKey::ErrorRequired).to_owned(),
            FieldError::TooLong { max } => fill(
                cx.s(StringKey::ErrorTooLong),
                &[(
                    "max",
                    &cx.fmt.number(u64::try_from(*max).unwrap_or(u64::MAX)),
                )],
            ),
            FieldError::InvalidEmail => cx.s(StringKey::ErrorEmail).to_owned(),
            FieldError::InvalidPhone => cx.s(StringKey::ErrorPhone).to_owned(),
            FieldError::BelowMinimum { min_minor } => fill(
                cx.s(StringKey::ErrorMinimum),
                &[("amount", &amount(*min_minor))],
            ),
            FieldError::AboveMaximum { max_minor } => fill(
                cx.s(StringKey::ErrorMaximum),
                &[("amount", &amount(*max_minor))],
            ),
            FieldError::NotOffered => cx.s(StringKey::ErrorChoose).to_owned(),
        })
    }
}

fn heading(ui: &mut egui::Ui, cx: &ScreenCx<'_>, text: &str) {
    ui.label(cx.look.text(text, cx.look.title_pt));
    ui.add_space(cx.look.space_medium);
}

fn subheading(ui: &mut egui::Ui, cx: &ScreenCx<'_>, text: &str) {
    ui.add_space(cx.look.space_medium);
    ui.label(cx.look.text(text, cx.look.heading_pt));
}

fn field_error(ui: &mut egui::Ui, cx: &ScreenCx<'_>, error: Option<String>) {
    if let Some(e) = error {
        ui.label(
            cx.look
                .text(e, cx.look.body_pt)
                .color(cx.look.colors.danger),
        );
    }
}

/// A secondary and a primary button side by side; which were tapped.
fn two_buttons(
    ui: &mut egui::Ui,
    cx: &ScreenCx<'_>,
    left: StringKey,
    right: StringKey,
) -> (bool, bool) {
    let look = cx.look;
    let mut tapped = (false, false);
    ui.horizontal(|ui| {
        let w = (ui.available_width() - look.space_medium) / 2.0;
        ui.spacing_mut().item_spacing.x = look.space_medium;
        tapped.0 = ui
            .add(BigButton::new(cx.s(left), look).exact_width(w))
            .clicked();
        tapped.1 = ui
            .add(
                BigButton::new(cx.s(right), look)
                    .kind(ButtonKind::Primary)
                    .exact_width(w),
            )
            .clicked();
    });
    tapped
}

impl Default for PledgeScreen {
    fn default() -> Self {
        Self::new(None)
    }
}
