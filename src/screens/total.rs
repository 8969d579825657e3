//! The event total screen, for a projector at the gala: the evening's total
//! in figures read from the back of the ballroom, a gauge toward the goal
//! the whole height of the screen (its width in portrait), each new gift
//! celebrated in turn, the paddle raise's level being called and the
//! matching gift's progress, and between gifts the pack's slides.
//!
//! Drawn in rectangles of fixed shares of the screen, so nothing moves when
//! a figure grows; what changes from moment to moment comes from
//! [`crate::session::big_screen::Show`].

use egui::{Align2, Color32, Pos2, Rect, Stroke, Vec2, WidgetInfo};

use super::ScreenCx;
use crate::{
    content::{Gala, Slide, StringKey, fill},
    pledge::total::Total,
    session::big_screen::{Celebration, Show},
    widgets::ImageState,
};

/// What the screen shows now.
pub struct BigScreen<'a> {
    /// The latest reading, or why there is none.
    pub total: &'a Result<Total, String>,
    /// The celebrations, the figure counting, the slide.
    pub show: &'a Show,
}

/// Draws the total screen.
pub fn ui(ui: &mut egui::Ui, cx: &ScreenCx<'_>, view: &BigScreen<'_>) {
    let look = cx.look;
    let total = match view.total {
        Ok(t) => t,
        Err(e) => {
            let text = fill(cx.s(StringKey::AdminStoreFailed), &[("error", e)]);
            ui.label(look.text(text, look.heading_pt).color(look.colors.danger));
            return;
        }
    };
    // While counting, whole units of the currency (cents flickering past
    // read as noise); the exact figure once it lands.
    let figure = match view.show.figure(cx.now) {
        moving if view.show.counting(cx.now) => {
            let unit = 10u64.pow(u32::from(cx.pack.pledge.currency.minor_exponent()));
            moving - moving % unit
        }
        still => still,
    };
    let rect = super::sound(ui.max_rect().shrink(look.space_large));
    let portrait = ScreenCx::portrait(ui);
    let gap = look.space_large;
    let (gauge_rect, main) = if portrait {
        let h = (rect.height() * 0.045).max(look.space_large);
        let gauge = Rect::from_min_max(Pos2::new(rect.left(), rect.bottom() - h), rect.max);
        (
            gauge,
            Rect::from_min_max(rect.min, Pos2::new(rect.right(), gauge.top() - gap)),
        )
    } else {
        let w = (rect.width() * 0.08).max(look.space_large * 2.0);
        let gauge = Rect::from_min_max(rect.min, Pos2::new(rect.left() + w, rect.bottom()));
        (
            gauge,
            Rect::from_min_max(Pos2::new(gauge.right() + gap * 2.0, rect.top()), rect.max),
        )
    };
    gauge(ui, cx, gauge_rect, figure, portrait);
    let main = super::sound(main);
    let mut y = main.top();
    // The heading, then the total as large as fits.
    let title_h = look.title_pt * 1.3;
    label_at(
        ui,
        row(main, y, title_h),
        cx.s(StringKey::TotalTitle),
        look.title_pt,
        look.colors.text,
    );
    y += title_h;
    let amount = cx.fmt.money(figure);
    let max_pt = (main.height() * if portrait { 0.12 } else { 0.2 }).max(look.figure_pt);
    let size = super::story::fitted_size(ui, &amount, max_pt, main.width());
    let figure_h = size * 1.25;
    label_at(
        ui,
        row(main, y, figure_h),
        &amount,
        size,
        look.colors.accent,
    );
    y += figure_h;
    let goal = fill(
        cx.s(StringKey::TotalOfGoal),
        &[("goal", &cx.fmt.money(cx.pack.goal_minor()))],
    );
    let count = fill(
        cx.s(StringKey::TotalCount),
        &[("count", &cx.fmt.number(total.stats.event_count))],
    );
    let sub_pt = look.heading_pt * 1.25;
    label_at(
        ui,
        row(main, y, sub_pt * 1.4),
        &format!("{goal}  ·  {count}"),
        sub_pt,
        look.colors.text,
    );
    y += sub_pt * 1.4 + gap;
    // The level being called and the matching gift, side by side.
    let names_h = if total.names.is_empty() {
        0.0
    } else {
        look.heading_pt * 1.6
    };
    if let Some(event) = &cx.pack.event {
        let cards = cards(total, event, figure);
        if !cards.is_empty() {
            let card_h =
                (main.height() * if portrait { 0.17 } else { 0.25 }).max(look.heading_pt * 4.0);
            let band = row(main, y, card_h);
            let w = (band.width() - gap * (cards.len() as f32 - 1.0)) / cards.len() as f32;
            for (i, card) in cards.iter().enumerate() {
                let x = band.left() + i as f32 * (w + gap);
                let r =
                    Rect::from_min_size(Pos2::new(x, band.top()), Vec2::new(w.max(1.0), card_h));
                draw_card(ui, cx, r, card);
            }
            y += card_h + gap;
        }
    }
    let stage = super::sound(Rect::from_min_max(
        Pos2::new(main.left(), y),
        Pos2::new(main.right(), main.bottom() - names_h),
    ));
    match view.show.celebrating() {
        Some(c) => celebration(ui, cx, stage, c),
        None => {
            if let Some(event) = &cx.pack.event
                && !event.slides.is_empty()
            {
                let slide = &event.slides[view.show.slide(event.slides.len())];
                draw_slide(ui, cx, stage, slide);
            }
        }
    }
    if !total.names.is_empty() {
        let names = format!(
            "{}:  {}",
            cx.s(StringKey::TotalThanks),
            total.names.join("  ·  ")
        );
        let r = Rect::from_min_max(Pos2::new(main.left(), main.bottom() - names_h), main.max);
        label_at(ui, r, &names, look.heading_pt, look.colors.text_muted);
    }
    if let Some(seen) = &total.hub {
        stale_badge(ui, cx, seen);
    }
}

/// A row of `rect` from `y`, `h` high.
fn row(rect: Rect, y: f32, h: f32) -> Rect {
    super::sound(Rect::from_min_size(
        Pos2::new(rect.left(), y),
        Vec2::new(rect.width(), h),
    ))
}

/// `text` in `r`, one line cut short with "…" if it must be, readable by a
/// screen reader.
fn label_at(ui: &mut egui::Ui, r: Rect, text: &str, pt: f32, color: Color32) {
    ui.scope_builder(egui::UiBuilder::new().max_rect(r), |ui| {
        ui.add(egui::Label::new(egui::RichText::new(text).size(pt).color(color)).truncate());
    });
}

/// `text` in `r`, wrapped and centred, readable by a screen reader.
fn paragraph_at(ui: &mut egui::Ui, r: Rect, text: &str, pt: f32, color: Color32) {
    ui.scope_builder(egui::UiBuilder::new().max_rect(r), |ui| {
        ui.vertical_centered(|ui| {
            ui.add(egui::Label::new(egui::RichText::new(text).size(pt).color(color)).wrap());
        });
    });
}

/// A card beside the total: its heading, its figure, and a bar.
struct Card {
    heading: CardText,
    figure: CardText,
    share: f32,
}

enum CardText {
    Calling(u64),
    Progress(u64, u32),
    Gifts(u64),
    Matching,
    Matched(u64),
}

/// The cards for `total`: the level being called (if one is), and the
/// matching gift (if the evening has one).
fn cards(total: &Total, event: &Gala, figure: u64) -> Vec<Card> {
    let mut cards = Vec::new();
    if let Some(level) = total.calling.and_then(|c| c.level_minor) {
        let gifts = total.gifts_at(level);
        let hoped = event
            .levels
            .iter()
            .find(|l| l.amount_minor == level)
            .map(|l| l.hoped);
        cards.push(Card {
            heading: CardText::Calling(level),
            figure: match hoped {
                Some(hoped) => CardText::Progress(gifts, hoped),
                None => CardText::Gifts(gifts),
            },
            share: hoped.map_or(0.0, |h| (gifts as f32 / h.max(1) as f32).min(1.0)),
        });
    }
    if let Some(matching) = &event.matching {
        let matched = event.matched_minor(figure);
        cards.push(Card {
            heading: CardText::Matching,
            figure: CardText::Matched(matched),
            share: (matched as f64 / matching.up_to_minor.max(1) as f64).min(1.0) as f32,
        });
    }
    cards
}

fn card_text(cx: &ScreenCx<'_>, text: &CardText) -> String {
    match text {
        CardText::Calling(amount) => fill(
            cx.s(StringKey::TotalCalling),
            &[("amount", &cx.fmt.money(*amount))],
        ),
        CardText::Progress(gifts, hoped) => fill(
            cx.s(StringKey::PaddleProgress),
            &[
                ("count", &cx.fmt.number(*gifts)),
                ("hoped", &cx.fmt.number(u64::from(*hoped))),
            ],
        ),
        CardText::Gifts(gifts) => fill(
            cx.s(StringKey::TotalCount),
            &[("count", &cx.fmt.number(*gifts))],
        ),
        CardText::Matching => {
            let Some(m) = cx.pack.event.as_ref().and_then(|e| e.matching.as_ref()) else {
                return String::new();
            };
            fill(
                cx.s(StringKey::TotalMatching),
                &[
                    ("sponsor", cx.tr(&m.sponsor)),
                    ("limit", &cx.fmt.money(m.up_to_minor)),
                ],
            )
        }
        CardText::Matched(amount) => fill(
            cx.s(StringKey::TotalMatched),
            &[("amount", &cx.fmt.money(*amount))],
        ),
    }
}

fn draw_card(ui: &mut egui::Ui, cx: &ScreenCx<'_>, r: Rect, card: &Card) {
    let look = cx.look;
    let c = &look.colors;
    ui.painter().rect_filled(r, look.radius_large, c.surface);
    let inner = super::sound(r.shrink(look.space_medium));
    let heading = card_text(cx, &card.heading);
    let heading_h = ui
        .painter()
        .layout(
            heading.clone(),
            look.font(look.heading_pt),
            c.text,
            inner.width(),
        )
        .size()
        .y
        + look.space_small;
    paragraph_at(
        ui,
        row(inner, inner.top(), heading_h),
        &heading,
        look.heading_pt,
        c.text,
    );
    let bar_h = look.space_medium.max(inner.height() * 0.08);
    let bar = Rect::from_min_max(Pos2::new(inner.left(), inner.bottom() - bar_h), inner.max);
    // The figure between the heading and the bar, as large as fits there.
    let room = (bar.top() - look.space_small - (inner.top() + heading_h)).max(1.0);
    let figure = card_text(cx, &card.figure);
    let figure_pt = super::story::fitted_size(
        ui,
        &figure,
        (room / 1.25).min(look.figure_pt),
        inner.width(),
    );
    let figure_r = row(
        inner,
        bar.top() - look.space_small - figure_pt * 1.25,
        figure_pt * 1.25,
    );
    ui.scope_builder(egui::UiBuilder::new().max_rect(figure_r), |ui| {
        ui.vertical_centered(|ui| {
            ui.add(egui::Label::new(look.text(figure, figure_pt).color(c.accent)).truncate());
        });
    });
    ui.painter().rect_filled(bar, bar_h / 2.0, c.background);
    let filled = Rect::from_min_max(
        bar.min,
        Pos2::new(bar.left() + bar.width() * card.share, bar.bottom()),
    );
    ui.painter().rect_filled(filled, bar_h / 2.0, c.accent);
    ui.painter().rect_stroke(
        bar,
        bar_h / 2.0,
        Stroke::new(look.line_pt(), c.accent),
        egui::StrokeKind::Inside,
    );
}

/// The gift being celebrated: "Thank you, Mei!" (or the paddle raised),
/// and its amount, coming in.
fn celebration(ui: &mut egui::Ui, cx: &ScreenCx<'_>, stage: Rect, c: &Celebration) {
    let look = cx.look;
    let e = c.entrance(cx.now);
    let thanks = match &c.gift.name {
        Some(name) => fill(cx.s(StringKey::ThanksNamed), &[("name", name)]),
        None => cx.s(StringKey::ThanksAnonymous).to_owned(),
    };
    let amount = format!("+{}", cx.fmt.money(c.gift.amount_minor));
    let detail = match c.gift.paddle {
        Some(p) => format!(
            "{}  ·  {amount}",
            fill(cx.s(StringKey::TotalPaddle), &[("paddle", &p.to_string())])
        ),
        None => amount,
    };
    // Whole pixels: text at a fractional offset is drawn afresh.
    let ppp = ui.ctx().pixels_per_point();
    let rise = ((1.0 - e) * look.space_large * 2.0 * ppp).round() / ppp;
    let stage = stage.translate(Vec2::Y * rise);
    let alpha = |color: Color32| color.gamma_multiply(e);
    let big = super::story::fitted_size(
        ui,
        &thanks,
        (stage.height() * 0.3)
            .min(look.figure_pt * 2.0)
            .max(look.title_pt),
        stage.width(),
    );
    let top = stage.top() + stage.height() * 0.12;
    paragraph_at(
        ui,
        row(stage, top, big * 1.3),
        &thanks,
        big,
        alpha(look.colors.text),
    );
    // One line, whatever the language.
    let sub =
        super::story::fitted_size(ui, &detail, (big * 0.6).max(look.heading_pt), stage.width());
    paragraph_at(
        ui,
        row(stage, top + big * 1.4, sub * 1.3),
        &detail,
        sub,
        alpha(look.colors.accent),
    );
}

/// A slide of the evening, centred in `stage`.
fn draw_slide(ui: &mut egui::Ui, cx: &ScreenCx<'_>, stage: Rect, slide: &Slide) {
    let look = cx.look;
    let c = &look.colors;
    let pt = (stage.height() * 0.18).clamp(look.heading_pt, look.title_pt * 1.5);
    match slide {
        Slide::Mission(m) => {
            let r = Rect::from_center_size(stage.center(), Vec2::new(stage.width(), pt * 4.0));
            paragraph_at(ui, r, cx.tr(&m.text), pt, c.text);
        }
        Slide::Figure(f) => {
            let number = super::story::figure_text(cx, f, f.value);
            let big = super::story::fitted_size(ui, &number, stage.height() * 0.35, stage.width());
            let top = stage.top() + stage.height() * 0.1;
            paragraph_at(ui, row(stage, top, big * 1.3), &number, big, c.accent);
            paragraph_at(
                ui,
                row(stage, top + big * 1.35, pt * 2.6),
                cx.tr(&f.label),
                pt,
                c.text,
            );
        }
        Slide::Sponsor(s) => {
            let mut top = stage.top() + stage.height() * 0.05;
            if let Some(logo) = &s.logo {
                let max = Vec2::new(stage.width() * 0.5, stage.height() * 0.45);
                let px = max * ui.ctx().pixels_per_point();
                if let ImageState::Ready { texture, size } = cx.images.get(logo, px) {
                    let scale = (max.x / size.x).min(max.y / size.y);
                    let shown = size * scale;
                    let r = Rect::from_min_size(
                        Pos2::new(stage.center().x - shown.x / 2.0, top),
                        shown,
                    );
                    ui.painter().image(
                        texture,
                        r,
                        Rect::from_min_max(Pos2::ZERO, Pos2::new(1.0, 1.0)),
                        crate::theme::NO_TINT,
                    );
                    top += shown.y + look.space_large;
                }
            }
            paragraph_at(ui, row(stage, top, pt * 4.0), cx.tr(&s.text), pt, c.text);
        }
    }
}

/// The gauge toward the goal: a thermometer the screen's whole height in
/// landscape, a bar its whole width in portrait, with labelled quarter
/// marks so the level reads without colour; a screen reader hears the
/// percentage.
fn gauge(ui: &mut egui::Ui, cx: &ScreenCx<'_>, area: Rect, figure: u64, portrait: bool) {
    let look = cx.look;
    let c = &look.colors;
    let goal = cx.pack.goal_minor().max(1);
    let share = (figure as f64 / goal as f64).clamp(0.0, 1.0) as f32;
    let painter = ui.painter();
    let line = Stroke::new(look.line_pt() * 2.0, c.accent);
    let mark_font = look.font(look.body_pt);
    if portrait {
        let tube = Rect::from_min_max(
            area.min,
            Pos2::new(area.right(), area.bottom() - look.body_pt * 1.4),
        );
        let r = tube.height() / 2.0;
        painter.rect_filled(tube, r, c.surface);
        let filled = Rect::from_min_max(
            tube.min,
            Pos2::new(tube.left() + tube.width() * share, tube.bottom()),
        );
        painter.rect_filled(filled, r, c.accent);
        painter.rect_stroke(tube, r, line, egui::StrokeKind::Outside);
        for q in 1..=4u64 {
            let x = tube.left() + tube.width() * q as f32 / 4.0;
            painter.text(
                Pos2::new(x, area.bottom()),
                Align2::RIGHT_BOTTOM,
                cx.fmt.percent(q * 25),
                mark_font.clone(),
                c.text_muted,
            );
        }
    } else {
        let w = area.width() * 0.45;
        let bulb_r = area.width() * 0.45;
        let cx_ = area.left() + area.width() * 0.3;
        let tube = Rect::from_min_max(
            Pos2::new(cx_ - w / 2.0, area.top()),
            Pos2::new(cx_ + w / 2.0, area.bottom() - bulb_r * 1.6),
        );
        let bulb = Pos2::new(cx_, area.bottom() - bulb_r);
        painter.rect_filled(tube, w / 2.0, c.surface);
        painter.circle_filled(bulb, bulb_r, c.accent);
        let top = tube.bottom() - tube.height() * share;
        painter.rect_filled(
            Rect::from_min_max(Pos2::new(tube.left(), top), Pos2::new(tube.right(), bulb.y)),
            w / 2.0,
            c.accent,
        );
        painter.rect_stroke(tube, w / 2.0, line, egui::StrokeKind::Outside);
        for q in 1..=4u64 {
            let y = tube.bottom() - tube.height() * q as f32 / 4.0;
            painter.line_segment(
                [
                    Pos2::new(tube.right(), y),
                    Pos2::new(tube.right() + look.space_small, y),
                ],
                Stroke::new(look.line_pt(), c.text),
            );
            painter.text(
                Pos2::new(tube.right() + look.space_small * 1.5, y),
                Align2::LEFT_CENTER,
                cx.fmt.percent(q * 25),
                mark_font.clone(),
                c.text_muted,
            );
        }
    }
    let percent = (figure as f64 * 100.0 / goal as f64).floor() as u64;
    let response = ui.interact(area, cx.id("total-gauge"), egui::Sense::hover());
    let percent_text = cx.fmt.percent(percent);
    response.widget_info(|| WidgetInfo::slider(false, percent as f64, percent_text.clone()));
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
    let corner = ui.max_rect().shrink(look.space_small).right_bottom();
    let galley = ui.painter().layout_no_wrap(
        text.clone(),
        look.font(look.small_pt),
        look.colors.text_muted,
    );
    let rect = Align2::RIGHT_BOTTOM.anchor_size(corner, galley.size());
    ui.painter().rect_filled(
        rect.expand(look.space_small / 2.0),
        look.radius_small,
        look.colors.background,
    );
    ui.painter()
        .galley(rect.min, galley, look.colors.text_muted);
    let response = ui.interact(rect, cx.id("total-stale"), egui::Sense::hover());
    response.widget_info(|| WidgetInfo::labeled(egui::Role::Label, true, &text));
}
