//! The first step: an amount (a preset, or another amount on a keypad) and
//! how often.

use super::{PledgeScreen, Step, field_error, heading, subheading};
use crate::{
    content::{Currency, Frequency, StringKey, fill},
    pledge::{DraftField, FieldErrors, money},
    screens::{Action, ScreenCx},
    widgets::{
        BigButton, ButtonKind,
        keypad::{KeypadKey, KeypadLabels, keypad},
    },
};

/// The most digits of another amount (whole units) the keypad takes for
/// a pack whose largest amount is `max_minor`: as many as that amount has,
/// so every allowed amount can be typed, and one more so that typing past
/// the maximum shows the message rather than ignoring the key.
fn max_amount_digits(max_minor: u64, currency: &Currency) -> usize {
    let whole = max_minor / 10u64.pow(u32::from(currency.minor_exponent()).min(9));
    whole.max(1).to_string().len() + 1
}

impl PledgeScreen {
    /// The amount step: presets, another amount, how often, and Next.
    pub(super) fn amount_step(&mut self, ui: &mut egui::Ui, cx: &ScreenCx<'_>) -> Option<Action> {
        let look = cx.look;
        heading(ui, cx, cx.s(StringKey::PledgeTitle));
        subheading(ui, cx, cx.s(StringKey::AmountHeading));
        self.presets(ui, cx);
        let other_open = self.other.is_some();
        let b = BigButton::new(cx.s(StringKey::AmountOther), look)
            .selected(other_open)
            .exact_width(ui.available_width());
        if ui.add(b).clicked() && !other_open {
            self.other = Some(String::new());
            self.draft.amount_minor = None;
        }
        if self.other.is_some() && self.other_amount(ui, cx) {
            return self.go_to_details(cx);
        }
        field_error(ui, cx, self.error_text(cx, DraftField::Amount));
        self.frequency(ui, cx);
        ui.add_space(look.space_large);
        let next = BigButton::new(cx.s(StringKey::Next), look)
            .kind(ButtonKind::Primary)
            .exact_width(ui.available_width());
        if ui.add(next).clicked() {
            return self.go_to_details(cx);
        }
        None
    }

    /// The pack's preset amounts, two or three a row.
    fn presets(&mut self, ui: &mut egui::Ui, cx: &ScreenCx<'_>) {
        let look = cx.look;
        let presets = &cx.pack.pledge.presets_minor;
        let cols = if presets.len() > 4 { 3 } else { 2 };
        let gap = look.space_small;
        let button_w = (ui.available_width() - gap * (cols as f32 - 1.0)) / cols as f32;
        for row in presets.chunks(cols) {
            ui.horizontal(|ui| {
                ui.spacing_mut().item_spacing.x = gap;
                for &preset in row {
                    let chosen = self.other.is_none() && self.draft.amount_minor == Some(preset);
                    let text = cx.fmt.money(preset);
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
    }

    /// Another amount: the range allowed, the amount so far and a keypad
    /// for whole units. Whether the keypad's Enter was pressed.
    fn other_amount(&mut self, ui: &mut egui::Ui, cx: &ScreenCx<'_>) -> bool {
        let look = cx.look;
        let opts = &cx.pack.pledge;
        let Some(digits) = &mut self.other else {
            return false;
        };
        let fmt = |m: u64| cx.fmt.money(m);
        let prompt = fill(
            cx.s(StringKey::AmountOtherPrompt),
            &[("min", &fmt(opts.min_minor)), ("max", &fmt(opts.max_minor))],
        );
        ui.label(look.text(prompt, look.body_pt));
        let shown = money::from_whole_units(digits, &opts.currency)
            .map(fmt)
            .unwrap_or_else(|| cx.fmt.money_empty());
        ui.label(look.text(shown, look.title_pt).color(look.colors.accent));
        let labels = KeypadLabels {
            backspace: cx.s(StringKey::KeyBackspace),
            enter: None,
            plus: false,
        };
        let most = max_amount_digits(opts.max_minor, &opts.currency);
        let entered = match keypad(ui, look, &labels) {
            Some(KeypadKey::Digit(d)) if digits.len() < most && !(digits.is_empty() && d == 0) => {
                digits.push(char::from(b'0' + d));
                false
            }
            Some(KeypadKey::Backspace) => {
                digits.pop();
                false
            }
            Some(KeypadKey::Enter) => true,
            _ => false,
        };
        if !entered {
            self.draft.amount_minor = money::from_whole_units(digits, &opts.currency);
        }
        entered
    }

    /// How often, when the pack offers a choice (or one must be made).
    fn frequency(&mut self, ui: &mut egui::Ui, cx: &ScreenCx<'_>) {
        let look = cx.look;
        let opts = &cx.pack.pledge;
        if opts.frequencies.len() <= 1 && self.errors.get(DraftField::Frequency).is_none() {
            return;
        }
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

    /// On to the details, if the amount and frequency are valid.
    pub(super) fn go_to_details(&mut self, cx: &ScreenCx<'_>) -> Option<Action> {
        self.errors = self.draft.validate_amount(&cx.pack.pledge);
        if self.errors.is_empty() {
            self.step = Step::Details;
        }
        None
    }
}
