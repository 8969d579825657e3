//! The "still there?" countdown that covers the screen before an idle reset.
//! Any touch cancels it; so does its big button.

use egui::{Align, Layout, RichText};

use super::{Action, ScreenCx};
use crate::{
    content::{StringKey, fill},
    widgets::{BigButton, ButtonKind},
};

/// Draws the countdown over everything, with `secs_left` to go.
pub fn overlay(ctx: &egui::Context, cx: &ScreenCx<'_>, secs_left: f64, actions: &mut Vec<Action>) {
    let look = cx.look;
    let screen = ctx.content_rect();
    egui::Area::new(cx.id("idle-overlay"))
        .order(egui::Order::Foreground)
        .fixed_pos(screen.min)
        .show(ctx, |ui| {
            ui.set_min_size(screen.size());
            ui.painter()
                .rect_filled(screen, 0.0, look.colors.background);
            let card_w = (look.body_pt * super::story::MEASURE_EMS)
                .min(screen.width() - 2.0 * look.space_large);
            let card = super::sound(egui::Rect::from_center_size(
                screen.center(),
                egui::vec2(card_w, screen.height() / 2.0),
            ));
            ui.scope_builder(egui::UiBuilder::new().max_rect(card), |ui| {
                // The largest sizes a theme allows make it taller than its
                // half of the screen: it scrolls then.
                let width = super::steady_width(ui);
                egui::ScrollArea::vertical()
                    .id_salt(cx.id("idle-scroll"))
                    .auto_shrink([false, true])
                    .show(ui, |ui| {
                        super::steady(ui, width);
                        ui.with_layout(Layout::top_down(Align::Center), |ui| {
                            ui.label(
                                RichText::new(cx.s(StringKey::IdleTitle))
                                    .size(look.title_pt)
                                    .color(look.colors.text),
                            );
                            ui.add_space(look.space_large);
                            let secs = secs_left.ceil().max(0.0) as u64;
                            let body =
                                fill(cx.s(StringKey::IdleBody), &[("secs", &secs.to_string())]);
                            ui.label(
                                RichText::new(body)
                                    .size(look.heading_pt)
                                    .color(look.colors.text),
                            );
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
