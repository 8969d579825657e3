//! The second step: the donor's details under the collection statement,
//! anonymity and the pack's consents.

use egui::Align;

use super::{PledgeScreen, Step, subheading, two_buttons};
use crate::{
    content::{FieldRule, StringKey, fill},
    pledge::DraftField,
    screens::{Action, ScreenCx},
    widgets::{Check, TextField},
};

impl PledgeScreen {
    /// The details step: statement, fields, anonymity, consents, and Back
    /// and Next.
    pub(super) fn details_step(&mut self, ui: &mut egui::Ui, cx: &ScreenCx<'_>) -> Option<Action> {
        let look = cx.look;
        let opts = &cx.pack.pledge;
        super::heading(ui, cx, cx.s(StringKey::DetailsHeading));
        statement(ui, cx);
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
            if rule != FieldRule::Hidden {
                self.field(ui, cx, field, rule, key);
                ui.add_space(look.space_small);
            }
        }
        if rules.allow_anonymous {
            let mut anonymous = self.draft.anonymous;
            ui.add(Check::new(&mut anonymous, cx.s(StringKey::Anonymous), look));
            self.draft.anonymous = anonymous;
        }
        self.consents(ui, cx);
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

    /// One field, labelled (as optional if it is), with its error; a tap
    /// makes it the one typed into.
    fn field(
        &mut self,
        ui: &mut egui::Ui,
        cx: &ScreenCx<'_>,
        field: DraftField,
        rule: FieldRule,
        key: StringKey,
    ) {
        let label = if rule == FieldRule::Optional {
            fill(cx.s(StringKey::FieldOptional), &[("label", cx.s(key))])
        } else {
            cx.s(key).to_owned()
        };
        let error = self.error_text(cx, field);
        let value = self.value(field).to_owned();
        let active = self.active == Some(field);
        let response = TextField::new(&label, &value, cx.look)
            .error(error.as_deref())
            .active(active)
            .show(ui);
        if response.clicked() {
            self.active = Some(field);
            response.scroll_to_me(Some(Align::Center));
        }
        if active && field != DraftField::Phone {
            input_method_here(ui, cx, response.rect);
        }
    }

    /// The pack's consents, each a box to tick.
    fn consents(&mut self, ui: &mut egui::Ui, cx: &ScreenCx<'_>) {
        let consents = &cx.pack.pledge.consents;
        if consents.is_empty() {
            return;
        }
        subheading(ui, cx, cx.s(StringKey::ConsentsHeading));
        for consent in consents {
            let mut ticked = self.draft.consents.contains(&consent.id);
            let check = Check::new(&mut ticked, cx.tr(&consent.text), cx.look);
            if ui.add(check).changed() {
                if ticked {
                    self.draft.consents.insert(consent.id.clone());
                } else {
                    self.draft.consents.remove(&consent.id);
                }
            }
        }
    }
}

/// The collection statement, which comes before the first field.
fn statement(ui: &mut egui::Ui, cx: &ScreenCx<'_>) {
    let look = cx.look;
    let statement = &cx.pack.pledge.statement;
    egui::Frame::new()
        .fill(look.colors.surface)
        .corner_radius(look.radius_small)
        .inner_margin(look.space_medium)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(look.text(cx.tr(&statement.title), look.body_pt).strong());
            ui.label(look.text(cx.tr(&statement.text), look.small_pt));
        });
}

/// Tells the computer's input method (Chinese, Japanese, Korean on a
/// physical keyboard) where the field at `field` is, so it may type there
/// too: its words arrive as commits.
fn input_method_here(ui: &egui::Ui, cx: &ScreenCx<'_>, field: egui::Rect) {
    let to_global = ui
        .ctx()
        .layer_transform_to_global(ui.layer_id())
        .unwrap_or_default();
    let rect = to_global * field;
    let cursor_rect = egui::Rect::from_min_size(
        rect.right_top(),
        egui::vec2(cx.look.border_pt(), rect.height()),
    );
    ui.output_mut(|o| {
        o.ime = Some(egui::output::IMEOutput {
            purpose: egui::IMEPurpose::Normal,
            rect,
            cursor_rect,
            should_interrupt_composition: false,
        });
    });
}
