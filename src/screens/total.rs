//! The event total screen, for a second monitor at the gala: the evening's
//! pledged total rising in a thermometer toward the goal, the number of
//! pledges, and the first names of donors who asked to be thanked.

use egui::{Align, Layout, Pos2, Rect, Stroke, WidgetInfo};

use super::ScreenCx;
use crate::{
    content::{StringKey, fill},
    pledge::total::Total,
};

/// Draws the total screen for `total` (or a message if it cannot be read).
pub fn ui(ui: &mut egui::Ui, cx: &ScreenCx<'_>, total: &Result<Total, String>) {
    let look = cx.look;
    let (stats, names) = match total {
        Ok(t) => (t.stats, t.names.as_slice()),
        Err(e) => {
            let text = fill(cx.s(StringKey::AdminStoreFailed), &[("error", e)]);
            ui.label(look.text(text, look.heading_pt).color(look.colors.danger));
            return;
        }
    };
    let (gauge_area, text_area) = areas(ui, cx);
    thermometer(ui, cx, gauge_area, stats.event_minor);
    ui.scope_builder(egui::UiBuilder::new().max_rect(text_area), |ui| {
        ui.with_layout(Layout::top_down(Align::Min), |ui| {
            figures(ui, cx, stats.event_minor, stats.event_count, names)
        });
    });
    if let Ok(Total {
        hub: Some(seen), ..
    }) = total
    {
        stale_badge(ui, cx, seen);
    }
}

/// While the gala hub is out of reach, a quiet line in the bottom corner
/// saying when its total was last read (the figure is that total plus this
/// kiosk's own pledges since).
fn stale_badge(ui: &mut egui::Ui, cx: &ScreenCx<'_>, seen: &crate::pledge::total::HubSeen) {
    let (false, Some(at)) = (seen.live, seen.last_updated) else {
        return;
    };
    let look = cx.look;
    let time = at.with_timezone(&chrono::Local).format("%H:%M").to_string();
    let text = fill(cx.s(StringKey::TotalLastUpdated), &[("time", &time)]);
    let corner = ui.max_rect().shrink(look.space_medium).right_bottom();
    let galley = ui.painter().layout_no_wrap(
        text.clone(),
        look.font(look.small_pt),
        look.colors.text_muted,
    );
    let rect = egui::Align2::RIGHT_BOTTOM.anchor_size(corner, galley.size());
    ui.painter()
        .galley(rect.min, galley, look.colors.text_muted);
    let response = ui.interact(rect, cx.id("total-stale"), egui::Sense::hover());
    response.widget_info(|| WidgetInfo::labeled(egui::Role::Label, true, &text));
}

/// Where the thermometer and the figures go: the thermometer on the left
/// third (the top of a portrait screen), the figures in the rest.
fn areas(ui: &egui::Ui, cx: &ScreenCx<'_>) -> (Rect, Rect) {
    let look = cx.look;
    let rect = ui.max_rect().shrink(look.space_large);
    if ScreenCx::portrait(ui) {
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
    }
}

/// The thermometer in `area`, filled (rising smoothly) to the share of the
/// event's goal that `event_minor` is, with labelled quarter marks so the
/// level reads without colour; a screen reader hears the percentage.
fn thermometer(ui: &mut egui::Ui, cx: &ScreenCx<'_>, area: Rect, event_minor: u64) {
    let look = cx.look;
    let c = &look.colors;
    let goal = cx.pack.goal_minor().max(1);
    let target = (event_minor as f64 / goal as f64).clamp(0.0, 1.0) as f32;
    let shown = ui
        .ctx()
        .animate_value_with_time(cx.id("total-fill"), target, look.count_up_secs);
    let tube_w = (area.width() * 0.3).min(look.min_touch_pt * 2.0);
    let bulb_r = tube_w;
    let tube = Rect::from_min_max(
        Pos2::new(area.center().x - tube_w / 2.0, area.top()),
        Pos2::new(area.center().x + tube_w / 2.0, area.bottom() - bulb_r * 1.5),
    );
    let bulb_c = Pos2::new(area.center().x, area.bottom() - bulb_r);
    let painter = ui.painter();
    painter.rect_filled(tube, tube_w / 2.0, c.surface);
    painter.circle_filled(bulb_c, bulb_r, c.accent);
    let fill_top = tube.bottom() - tube.height() * shown;
    let filled = Rect::from_min_max(
        Pos2::new(tube.left(), fill_top),
        Pos2::new(tube.right(), bulb_c.y),
    );
    painter.rect_filled(filled, tube_w / 2.0, c.accent);
    let line = Stroke::new(look.line_pt(), c.accent);
    painter.rect_stroke(tube, tube_w / 2.0, line, egui::StrokeKind::Outside);
    for q in 1..=4 {
        let y = tube.bottom() - tube.height() * q as f32 / 4.0;
        let mark = [
            Pos2::new(tube.right(), y),
            Pos2::new(tube.right() + look.space_medium, y),
        ];
        painter.line_segment(mark, Stroke::new(look.line_pt(), c.text));
        painter.text(
            Pos2::new(tube.right() + look.space_medium * 1.5, y),
            egui::Align2::LEFT_CENTER,
            cx.fmt.percent(q * 25),
            look.font(look.small_pt),
            c.text_muted,
        );
    }
    let percent = (event_minor as f64 * 100.0 / goal as f64).floor() as u64;
    let gauge = ui.interact(area, cx.id("total-gauge"), egui::Sense::hover());
    let percent_text = cx.fmt.percent(percent);
    gauge.widget_info(|| WidgetInfo::slider(false, percent as f64, percent_text.clone()));
}

/// The title, the total (as large as fits), the goal, the count of
/// pledges, and the names of those who asked to be thanked.
fn figures(ui: &mut egui::Ui, cx: &ScreenCx<'_>, event_minor: u64, count: u64, names: &[String]) {
    let look = cx.look;
    let goal = cx.fmt.money(cx.pack.goal_minor());
    ui.label(look.text(cx.s(StringKey::TotalTitle), look.title_pt));
    ui.add_space(look.space_medium);
    let amount = cx.fmt.money(event_minor);
    let size = super::story::fitted_size(ui, &amount, look.figure_pt * 1.5, ui.available_width());
    ui.label(look.text(amount, size).color(look.colors.accent));
    let of_goal = fill(cx.s(StringKey::TotalOfGoal), &[("goal", &goal)]);
    ui.label(look.text(of_goal, look.heading_pt));
    let count = fill(
        cx.s(StringKey::TotalCount),
        &[("count", &cx.fmt.number(count))],
    );
    ui.label(look.text(count, look.heading_pt));
    if !names.is_empty() {
        ui.add_space(look.space_large);
        ui.label(look.text(cx.s(StringKey::TotalThanks), look.heading_pt));
        ui.label(look.text(names.join("  ·  "), look.heading_pt));
    }
}
