//! The pledge form: an amount (presets, or another amount on a keypad) and
//! how often, then the donor's details under the collection statement with
//! an on-screen keyboard, then a review, then the thank-you (only once the
//! pledge is on disk) or, if it could not be saved, a calm message to ask
//! staff. Nothing typed is lost on a validation error or a failed save.

use egui::{Align, Layout, RichText, ScrollArea, scroll_area::ScrollSource};

use super::{Action, ScreenCx};
use crate::{
    content::{FieldRule, Frequency, StringKey, fill},
    pledge::{
        DraftField, FieldError, FieldErrors, PledgeDraft, PledgeRow, ValidPledge,
        draft::{MAX_DEDICATION_CHARS, MAX_EMAIL_CHARS, MAX_NAME_CHARS, MAX_PHONE_CHARS, clean},
        money,
    },
    widgets::{
        BigButton, ButtonKind, Check, TextField,
        check::ticked,
        keyboard::{KeyEvent, KeyboardLabels, KeyboardLetters, KeyboardState, keyboard},
        keypad::{KeypadKey, KeypadLabels, keypad},
        qr::qr_code,
    },
};

/// The most digits of another amount (whole units) the keypad takes for
/// a pack whose largest amount is `max_minor`: as many as that amount has,
/// so every allowed amount can be typed, and one more so that typing past
/// the maximum shows the message rather than ignoring the key.
fn max_amount_digits(max_minor: u64, currency: &crate::content::Currency) -> usize {
    let whole = max_minor / 10u64.pow(u32::from(currency.minor_exponent()).min(9));
    whole.max(1).to_string().len() + 1
}

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
                    let width = super::steady_width(ui);
                    ScrollArea::vertical()
                        .id_salt(cx.id("pledge-keys-scroll"))
                        .max_height(most)
                        .min_scrolled_height(most)
                        .scroll_source(ScrollSource::SCROLL_BAR | ScrollSource::MOUSE_WHEEL)
                        .show(ui, |ui| {
                            super::steady(ui, width);
                            self.keys(ui, cx)
                        });
                });
        }
        let width = super::steady_width(ui);
        ScrollArea::vertical()
            .id_salt(cx.id("pledge-scroll").with(self.step_index()))
            .scroll_source(ScrollSource::ALL)
            .auto_shrink([false, false])
            .show(ui, |ui| {
                super::steady(ui, width);
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
                            Step::Thanks(thanks) => thanks_step(ui, cx, &thanks),
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
            FieldError::TooLong { max } => cx.s(StringKey::ErrorTooLong).replace(
                "{max}",
                &cx.fmt.number(u64::try_from(*max).unwrap_or(u64::MAX)),
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

    fn amount_step(&mut self, ui: &mut egui::Ui, cx: &ScreenCx<'_>) -> Option<Action> {
        let look = cx.look;
        let opts = &cx.pack.pledge;
        let fmt = |m: u64| cx.fmt.money(m);
        heading(ui, cx, cx.s(StringKey::PledgeTitle));
        subheading(ui, cx, cx.s(StringKey::AmountHeading));
        let cols = if opts.presets_minor.len() > 4 { 3 } else { 2 };
        let gap = look.space_small;
        let button_w = (ui.available_width() - gap * (cols as f32 - 1.0)) / cols as f32;
        for row in opts.presets_minor.chunks(cols) {
            ui.horizontal(|ui| {
                ui.spacing_mut().item_spacing.x = gap;
                for &preset in row {
                    let chosen = self.other.is_none() && self.draft.amount_minor == Some(preset);
                    let text = fmt(preset);
                    let b = BigButton::new(&text, look)
                        .font_pt(look.heading_pt)
                        .selected(chosen)
                        .exact_width(button_w);
                    if ui.add(b).clicked() {
                        self.draft.amount_minor = Some(preset);
                        self.other = None;
                        self.errors = FieldErrors::default();
                    }
                }
            });
        }
        let other_open = self.other.is_some();
        let b = BigButton::new(cx.s(StringKey::AmountOther), look)
            .selected(other_open)
            .exact_width(ui.available_width());
        if ui.add(b).clicked() && !other_open {
            self.other = Some(String::new());
            self.draft.amount_minor = None;
        }
        if let Some(digits) = &mut self.other {
            let prompt = fill(
                cx.s(StringKey::AmountOtherPrompt),
                &[("min", &fmt(opts.min_minor)), ("max", &fmt(opts.max_minor))],
            );
            ui.label(
                RichText::new(prompt)
                    .size(look.body_pt)
                    .color(look.colors.text),
            );
            let shown = money::from_whole_units(digits, &opts.currency)
                .map(fmt)
                .unwrap_or_else(|| cx.fmt.money_empty());
            ui.label(
                RichText::new(shown)
                    .size(look.title_pt)
                    .color(look.colors.accent),
            );
            let labels = KeypadLabels {
                backspace: cx.s(StringKey::KeyBackspace),
                enter: None,
                plus: false,
            };
            match keypad(ui, look, &labels) {
                Some(KeypadKey::Digit(d))
                    if digits.len() < max_amount_digits(opts.max_minor, &opts.currency)
                        && !(digits.is_empty() && d == 0) =>
                {
                    digits.push(char::from(b'0' + d));
                }
                Some(KeypadKey::Backspace) => {
                    digits.pop();
                }
                Some(KeypadKey::Enter) => return self.go_to_details(cx),
                _ => {}
            }
            self.draft.amount_minor = money::from_whole_units(digits, &opts.currency);
        }
        field_error(ui, cx, self.error_text(cx, DraftField::Amount));

        if opts.frequencies.len() > 1 || self.errors.get(DraftField::Frequency).is_some() {
            subheading(ui, cx, cx.s(StringKey::FrequencyHeading));
            ui.horizontal(|ui| {
                let w = (ui.available_width() - look.space_small) / 2.0;
                for &f in &opts.frequencies {
                    let key = match f {
                        Frequency::OneTime => StringKey::FrequencyOneTime,
                        Frequency::Monthly => StringKey::FrequencyMonthly,
                    };
                    let b = BigButton::new(cx.s(key), look)
                        .selected(self.draft.frequency == Some(f))
                        .exact_width(w);
                    if ui.add(b).clicked() {
                        self.draft.frequency = Some(f);
                    }
                }
            });
            field_error(ui, cx, self.error_text(cx, DraftField::Frequency));
        }
        ui.add_space(look.space_large);
        let next = BigButton::new(cx.s(StringKey::Next), look)
            .kind(ButtonKind::Primary)
            .exact_width(ui.available_width());
        if ui.add(next).clicked() {
            return self.go_to_details(cx);
        }
        None
    }

    fn go_to_details(&mut self, cx: &ScreenCx<'_>) -> Option<Action> {
        self.errors = self.draft.validate_amount(&cx.pack.pledge);
        if self.errors.is_empty() {
            self.step = Step::Details;
        }
        None
    }

    fn details_step(&mut self, ui: &mut egui::Ui, cx: &ScreenCx<'_>) -> Option<Action> {
        let look = cx.look;
        let opts = &cx.pack.pledge;
        heading(ui, cx, cx.s(StringKey::DetailsHeading));
        // The collection statement comes before the first field.
        egui::Frame::new()
            .fill(look.colors.surface)
            .corner_radius(look.radius_small)
            .inner_margin(look.space_medium)
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.label(
                    RichText::new(cx.tr(&opts.statement.title))
                        .size(look.body_pt)
                        .color(look.colors.text)
                        .strong(),
                );
                ui.label(
                    RichText::new(cx.tr(&opts.statement.text))
                        .size(look.small_pt)
                        .color(look.colors.text),
                );
            });
        ui.add_space(look.space_medium);
        let rules = &opts.donor_fields;
        for (field, rule, key) in [
            (DraftField::Name, rules.name, StringKey::FieldName),
            (DraftField::Email, rules.email, StringKey::FieldEmail),
            (DraftField::Phone, rules.phone, StringKey::FieldPhone),
            (
                DraftField::Dedication,
                rules.dedication,
                StringKey::FieldDedication,
            ),
        ] {
            if rule == FieldRule::Hidden {
                continue;
            }
            let label = if rule == FieldRule::Optional {
                fill(cx.s(StringKey::FieldOptional), &[("label", cx.s(key))])
            } else {
                cx.s(key).to_owned()
            };
            let error = self.error_text(cx, field);
            let value = self.value(field).to_owned();
            let active = self.active == Some(field);
            let response = TextField::new(&label, &value, look)
                .error(error.as_deref())
                .active(active)
                .show(ui);
            if response.clicked() {
                self.active = Some(field);
                response.scroll_to_me(Some(Align::Center));
            }
            if active && field != DraftField::Phone {
                // The computer's input method (Chinese, Japanese, Korean
                // on a physical keyboard) may type here too: it is told
                // where the field is, and its words arrive as commits.
                let to_global = ui
                    .ctx()
                    .layer_transform_to_global(ui.layer_id())
                    .unwrap_or_default();
                let rect = to_global * response.rect;
                ui.output_mut(|o| {
                    o.ime = Some(egui::output::IMEOutput {
                        purpose: egui::IMEPurpose::Normal,
                        rect,
                        cursor_rect: egui::Rect::from_min_size(
                            rect.right_top(),
                            egui::vec2(look.border_pt(), rect.height()),
                        ),
                        should_interrupt_composition: false,
                    });
                });
            }
            ui.add_space(look.space_small);
        }
        if rules.allow_anonymous {
            let mut anonymous = self.draft.anonymous;
            ui.add(Check::new(&mut anonymous, cx.s(StringKey::Anonymous), look));
            self.draft.anonymous = anonymous;
        }
        if !opts.consents.is_empty() {
            subheading(ui, cx, cx.s(StringKey::ConsentsHeading));
            for consent in &opts.consents {
                let mut ticked = self.draft.consents.contains(&consent.id);
                if ui
                    .add(Check::new(&mut ticked, cx.tr(&consent.text), look))
                    .changed()
                {
                    if ticked {
                        self.draft.consents.insert(consent.id.clone());
                    } else {
                        self.draft.consents.remove(&consent.id);
                    }
                }
            }
        }
        ui.add_space(look.space_large);
        let (back, next) = two_buttons(ui, cx, StringKey::Back, StringKey::Next);
        if back {
            self.active = None;
            self.step = Step::Amount;
        }
        if next {
            self.active = None;
            self.errors = self.draft.validate_details(opts);
            if self.errors.is_empty() {
                self.step = Step::Review;
            }
        }
        None
    }

    fn review_step(&mut self, ui: &mut egui::Ui, cx: &ScreenCx<'_>) -> Option<Action> {
        let look = cx.look;
        let opts = &cx.pack.pledge;
        heading(ui, cx, cx.s(StringKey::ReviewHeading));
        let pledge = match self.draft.validate(opts) {
            Ok(p) => p,
            Err(errors) => {
                // Something changed under us: back to the step to fix it.
                self.errors = errors;
                self.step = Step::Amount;
                return None;
            }
        };
        let amount = cx.fmt.money(pledge.amount_minor);
        let line = fill(
            cx.s(match pledge.frequency {
                Frequency::OneTime => StringKey::ReviewOneTime,
                Frequency::Monthly => StringKey::ReviewMonthly,
            }),
            &[("amount", &amount)],
        );
        ui.label(
            RichText::new(line)
                .size(look.title_pt)
                .color(look.colors.accent),
        );
        for (value, key) in [
            (&pledge.name, StringKey::FieldName),
            (&pledge.email, StringKey::FieldEmail),
            (&pledge.phone, StringKey::FieldPhone),
            (&pledge.dedication, StringKey::FieldDedication),
        ] {
            if let Some(v) = value {
                let item = fill(
                    cx.s(StringKey::ReviewItem),
                    &[("label", cx.s(key)), ("value", v)],
                );
                ui.label(
                    RichText::new(item)
                        .size(look.body_pt)
                        .color(look.colors.text),
                );
            }
        }
        if pledge.anonymous {
            ticked(ui, cx.s(StringKey::Anonymous), look);
        }
        if !pledge.consents.is_empty() {
            ui.add_space(look.space_small);
            ui.label(
                RichText::new(cx.s(StringKey::ReviewConsents))
                    .size(look.body_pt)
                    .color(look.colors.text),
            );
            for consent in opts
                .consents
                .iter()
                .filter(|c| pledge.consents.contains(&c.id))
            {
                ticked(ui, cx.tr(&consent.text), look);
            }
        }
        ui.add_space(look.space_medium);
        ui.label(
            RichText::new(cx.s(StringKey::ReviewNote))
                .size(look.small_pt)
                .color(look.colors.text_muted),
        );
        ui.add_space(look.space_large);
        let (change, confirm) = two_buttons(ui, cx, StringKey::Change, StringKey::Confirm);
        if change {
            self.step = Step::Details;
        }
        confirm.then(|| Action::SubmitPledge(Box::new(pledge)))
    }

    fn failed_step(&mut self, ui: &mut egui::Ui, cx: &ScreenCx<'_>) -> Option<Action> {
        let look = cx.look;
        heading(ui, cx, cx.s(StringKey::FailedTitle));
        ui.label(
            RichText::new(cx.s(StringKey::FailedBody))
                .size(look.heading_pt)
                .color(look.colors.text),
        );
        ui.add_space(look.space_large);
        let (change, retry) = two_buttons(ui, cx, StringKey::Change, StringKey::Retry);
        if change {
            self.step = Step::Review;
        }
        if retry {
            return self
                .draft
                .validate(&cx.pack.pledge)
                .ok()
                .map(|p: ValidPledge| Action::SubmitPledge(Box::new(p)));
        }
        None
    }

    fn value(&self, field: DraftField) -> &str {
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
    fn typing_from_a_physical_keyboard(&mut self, ui: &egui::Ui) {
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

    fn keys(&mut self, ui: &mut egui::Ui, cx: &ScreenCx<'_>) {
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

fn heading(ui: &mut egui::Ui, cx: &ScreenCx<'_>, text: &str) {
    ui.label(
        RichText::new(text)
            .size(cx.look.title_pt)
            .color(cx.look.colors.text),
    );
    ui.add_space(cx.look.space_medium);
}

fn subheading(ui: &mut egui::Ui, cx: &ScreenCx<'_>, text: &str) {
    ui.add_space(cx.look.space_medium);
    ui.label(
        RichText::new(text)
            .size(cx.look.heading_pt)
            .color(cx.look.colors.text),
    );
}

fn field_error(ui: &mut egui::Ui, cx: &ScreenCx<'_>, error: Option<String>) {
    if let Some(e) = error {
        ui.label(
            RichText::new(e)
                .size(cx.look.body_pt)
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

fn thanks_step(ui: &mut egui::Ui, cx: &ScreenCx<'_>, thanks: &Thanks) -> Option<Action> {
    let look = cx.look;
    let title = match &thanks.first_name {
        Some(name) => fill(cx.s(StringKey::ThanksNamed), &[("name", name)]),
        None => cx.s(StringKey::ThanksAnonymous).to_owned(),
    };
    let heading_response = ui.label(
        RichText::new(&title)
            .size(look.title_pt)
            .color(look.colors.text),
    );
    // Screen readers announce the thanks as soon as it appears.
    ui.ctx()
        .accesskit_node_builder(heading_response.id, |node| {
            node.set_live(egui::accesskit::Live::Assertive);
        });
    ui.add_space(look.space_medium);
    let amount = cx.fmt.money(thanks.amount_minor);
    let body = fill(
        cx.s(StringKey::ThanksBody),
        &[("amount", &amount), ("ref", &thanks.reference)],
    );
    ui.label(
        RichText::new(body)
            .size(look.heading_pt)
            .color(look.colors.text),
    );
    ui.add_space(look.space_large);
    let url = fill(
        &cx.pack.manifest.online_giving_url,
        &[("ref", &thanks.reference)],
    );
    ui.with_layout(Layout::top_down(Align::Center), |ui| {
        let side = (look.min_touch_pt * 4.0).min(ui.available_width());
        qr_code(ui, &url, side, cx.s(StringKey::QrAlt), look);
        ui.label(
            RichText::new(cx.s(StringKey::ThanksQr))
                .size(look.body_pt)
                .color(look.colors.text),
        );
    });
    ui.add_space(look.space_large);
    let done = BigButton::new(cx.s(StringKey::ThanksDone), look)
        .kind(ButtonKind::Primary)
        .exact_width(ui.available_width());
    ui.add(done)
        .clicked()
        .then_some(Action::Go(super::ScreenId::Attract))
}

impl Default for PledgeScreen {
    fn default() -> Self {
        Self::new(None)
    }
}
