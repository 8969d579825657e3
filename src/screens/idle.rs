//! The "still there?" countdown that covers the screen before an idle reset.
//! Any touch cancels it; so does its big button.

use egui::{Align, Layout};

use super::{Action, ScreenCx};
use crate::{
    content::{StringKey, fill},
    widgets::{BigButton, ButtonKind},
};

/// Draws the countdown over everything, with `secs_left` to go.
pub fn overlay(ctx: &egui::Context, cx: &ScreenCx<'_>, secs_left: f64, actions: &mut Vec<Action>) {
    let look = cx.look;
    super::cover(ctx, cx.id("idle-overlay"), look, |ui, screen| {
        let card_w =
            (look.body_pt * super::story::MEASURE_EMS).min(screen.width() - 2.0 * look.space_large);
        let card = super::sound(egui::Rect::from_center_size(
            screen.center(),
            egui::vec2(card_w, screen.height() / 2.0),
        ));
        ui.scope_builder(egui::UiBuilder::new().max_rect(card), |ui| {
            // The largest sizes a theme allows make it taller than its
            // half of the screen: it scrolls then.
            let area = egui::ScrollArea::vertical()
                .id_salt(cx.id("idle-scroll"))
                .auto_shrink([false, true]);
            super::scroll_column(ui, area, |ui| {
                ui.with_layout(Layout::top_down(Align::Center), |ui| {
                    ui.label(look.text(cx.s(StringKey::IdleTitle), look.title_pt));
                    ui.add_space(look.space_large);
                    let secs = secs_left.ceil().max(0.0) as u64;
                    let body = fill(cx.s(StringKey::IdleBody), &[("secs", &secs.to_string())]);
                    ui.label(look.text(body, look.heading_pt));
                    ui.add_space(look.space_large);
                    let button = BigButton::new(cx.s(StringKey::IdleContinue), look)
                        .kind(ButtonKind::Primary)
                        .font_pt(look.heading_pt);
                    if ui.add(button).clicked() {
                        actions.push(Action::StillHere);
                    }
                });
            });
        });
    });
}
