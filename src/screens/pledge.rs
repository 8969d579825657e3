//! The pledge screen. Until the pledge form lands it says, in the visitor's
//! language, that pledging opens soon and to ask staff.

use egui::{Align, Layout, RichText};

use super::ScreenCx;
use crate::content::StringKey;

/// Draws the pledge screen.
pub fn ui(ui: &mut egui::Ui, cx: &ScreenCx<'_>) {
    let look = cx.look;
    ui.with_layout(Layout::top_down(Align::Center), |ui| {
        ui.set_max_width((look.body_px * super::story::MEASURE_EMS).min(ui.available_width()));
        ui.add_space(look.space_large * 2.0);
        ui.label(
            RichText::new(cx.s(StringKey::NavPledge))
                .size(look.title_px)
                .color(look.colors.text),
        );
        ui.add_space(look.space_large);
        ui.label(
            RichText::new(cx.s(StringKey::PledgeUnavailable))
                .size(look.heading_px)
                .color(look.colors.text),
        );
    });
}
