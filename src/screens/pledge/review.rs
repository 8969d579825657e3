//! The last steps: the review of the pledge, the message when it could not
//! be saved, and the thank-you once it is on disk.

use egui::{Align, Layout};

use super::{PledgeScreen, Step, Thanks, heading, two_buttons};
use crate::{
    content::{Frequency, StringKey, fill},
    pledge::ValidPledge,
    screens::{Action, ScreenCx, ScreenId},
    widgets::{BigButton, ButtonKind, check::ticked, qr::qr_code},
};

impl PledgeScreen {
    pub(super) fn review_step(&mut self, ui: &mut egui::Ui, cx: &ScreenCx<'_>) -> Option<Action> {
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
        ui.label(look.text(line, look.title_pt).color(look.colors.accent));
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
                ui.label(look.text(item, look.body_pt));
            }
        }
        if pledge.anonymous {
            ticked(ui, cx.s(StringKey::Anonymous), look);
        }
        if !pledge.consents.is_empty() {
            ui.add_space(look.space_small);
            ui.label(look.text(cx.s(StringKey::ReviewConsents), look.body_pt));
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
            look.text(cx.s(StringKey::ReviewNote), look.small_pt)
                .color(look.colors.text_muted),
        );
        ui.add_space(look.space_large);
        let (change, confirm) = two_buttons(ui, cx, StringKey::Change, StringKey::Confirm);
        if change {
            self.step = Step::Details;
        }
        confirm.then(|| Action::SubmitPledge(Box::new(pledge)))
    }

    pub(super) fn failed_step(&mut self, ui: &mut egui::Ui, cx: &ScreenCx<'_>) -> Option<Action> {
        let look = cx.look;
        heading(ui, cx, cx.s(StringKey::FailedTitle));
        ui.label(look.text(cx.s(StringKey::FailedBody), look.heading_pt));
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
}

pub(super) fn thanks_step(ui: &mut egui::Ui, cx: &ScreenCx<'_>, thanks: &Thanks) -> Option<Action> {
    let look = cx.look;
    let title = match &thanks.first_name {
        Some(name) => fill(cx.s(StringKey::ThanksNamed), &[("name", name)]),
        None => cx.s(StringKey::ThanksAnonymous).to_owned(),
    };
    let heading_response = ui.label(look.text(&title, look.title_pt));
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
    ui.label(look.text(body, look.heading_pt));
    ui.add_space(look.space_large);
    let url = fill(
        &cx.pack.manifest.online_giving_url,
        &[("ref", &thanks.reference)],
    );
    ui.with_layout(Layout::top_down(Align::Center), |ui| {
        let side = (look.min_touch_pt * 4.0).min(ui.available_width());
        qr_code(ui, &url, side, cx.s(StringKey::QrAlt), look);
        ui.label(look.text(cx.s(StringKey::ThanksQr), look.body_pt));
    });
    ui.add_space(look.space_large);
    let done = BigButton::new(cx.s(StringKey::ThanksDone), look)
        .kind(ButtonKind::Primary)
        .exact_width(ui.available_width());
    ui.add(done)
        .clicked()
        .then_some(Action::Go(ScreenId::Attract))
}
