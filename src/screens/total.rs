//! The event total screen, for a second monitor at the gala: the evening's
//! pledged total rising in a thermometer toward the goal, the number of
//! pledges, and the first names of donors who asked to be thanked.

use egui::{Align, Layout, Pos2, Rect, RichText, Stroke, WidgetInfo};

use super::ScreenCx;
use crate::{
    content::{StringKey, fill},
    pledge::total::Total,
};

/// Draws the total screen for `total` (or a message if it cannot be read).
pub fn ui(ui: &mut egui::Ui, cx: &ScreenCx<'_>, total: &Result<Total, String>) {
    let look = cx.look;
    let c = &look.colors;
    let opts = &cx.pack.pledge;
    let fmt = |m: u64| cx.fmt.money(m);
    let rect = ui.max_rect().shrink(look.space_large);
    let (stats, names) = match total {
        Ok(t) => (t.stats, t.names.as_slice()),
        Err(e) => {
            ui.label(
                RichText::new(fill(cx.s(StringKey::AdminStoreFailed), &[("error", e)]))
                    .size(look.heading_pt)
                    .color(c.danger),
            );
            return;
        }
    };
    let goal = opts.event_goal_minor.max(1);
    let target = (stats.event_minor as f64 / goal as f64).clamp(0.0, 1.0) as f32;
    let shown = ui
        .ctx()
        .animate_value_with_time(cx.id("total-fill"), target, look.count_up_secs);

    // The thermometer on the left third.
    let portrait = ScreenCx::portrait(ui);
    let (gauge_area, text_area) = if portrait {
        let split = rect.top() + rect.height() * 0.45;
        (
            Rect::from_min_max(rect.min, Pos2::new(rect.right(), split)),
            Rect::from_min_max(Pos2::new(rect.left(), split + look.space_large), rect.max),
        )
    } else {
        let split = rect.left() + rect.width() * 0.3;
        (
            Rect::from_min_max(rect.min, Pos2::new(split, rect.bottom())),
            Rect::from_min_max(Pos2::new(split + look.space_large, rect.top()), rect.max),
        )
    };
    let tube_w = (gauge_area.width() * 0.3).min(look.min_touch_pt * 2.0);
    let bulb_r = tube_w;
    let tube = Rect::from_min_max(
        Pos2::new(gauge_area.center().x - tube_w / 2.0, gauge_area.top()),
        Pos2::new(
            gauge_area.center().x + tube_w / 2.0,
            gauge_area.bottom() - bulb_r * 1.5,
        ),
    );
    let bulb_c = Pos2::new(gauge_area.center().x, gauge_area.bottom() - bulb_r);
    let painter = ui.painter();
    painter.rect_filled(tube, tube_w / 2.0, c.surface);
    painter.circle_filled(bulb_c, bulb_r, c.accent);
    let fill_top = tube.bottom() - tube.height() * shown;
    painter.rect_filled(
        Rect::from_min_max(
            Pos2::new(tube.left(), fill_top),
            Pos2::new(tube.right(), bulb_c.y),
        ),
        tube_w / 2.0,
        c.accent,
    );
    painter.rect_stroke(
        tube,
        tube_w / 2.0,
        Stroke::new(look.line_pt(), c.accent),
        egui::StrokeKind::Outside,
    );
    // Quarter marks, labelled, so the level reads without colour.
    for q in 1..=4 {
        let y = tube.bottom() - tube.height() * q as f32 / 4.0;
        painter.line_segment(
            [
                Pos2::new(tube.right(), y),
                Pos2::new(tube.right() + look.space_medium, y),
            ],
            Stroke::new(look.line_pt(), c.text),
        );
        painter.text(
            Pos2::new(tube.right() + look.space_medium * 1.5, y),
            egui::Align2::LEFT_CENTER,
            cx.fmt.percent(q * 25),
            look.font(look.small_pt),
            c.text_muted,
        );
    }
    let percent = (stats.event_minor as f64 * 100.0 / goal as f64).floor() as u64;
    let gauge = ui.interact(gauge_area, cx.id("total-gauge"), egui::Sense::hover());
    let percent_text = cx.fmt.percent(percent);
    gauge.widget_info(|| WidgetInfo::slider(false, percent as f64, percent_text.clone()));

    ui.scope_builder(egui::UiBuilder::new().max_rect(text_area), |ui| {
        ui.with_layout(Layout::top_down(Align::Min), |ui| {
            ui.label(
                RichText::new(cx.s(StringKey::TotalTitle))
                    .size(look.title_pt)
                    .color(c.text),
            );
            ui.add_space(look.space_medium);
            let amount = fmt(stats.event_minor);
            let size =
                super::story::fitted_size(ui, &amount, look.figure_pt * 1.5, ui.available_width());
            ui.label(RichText::new(amount).size(size).color(c.accent));
            ui.label(
                RichText::new(fill(
                    cx.s(StringKey::TotalOfGoal),
                    &[("goal", &fmt(opts.event_goal_minor))],
                ))
                .size(look.heading_pt)
                .color(c.text),
            );
            ui.label(
                RichText::new(fill(
                    cx.s(StringKey::TotalCount),
                    &[("count", &cx.fmt.number(stats.event_count))],
                ))
                .size(look.heading_pt)
                .color(c.text),
            );
            if !names.is_empty() {
                ui.add_space(look.space_large);
                ui.label(
                    RichText::new(cx.s(StringKey::TotalThanks))
                        .size(look.heading_pt)
                        .color(c.text),
                );
                ui.label(
                    RichText::new(names.join("  ·  "))
                        .size(look.heading_pt)
                        .color(c.text),
                );
            }
        });
    });
}
