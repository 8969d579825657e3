//! The timeline: the current event as a card (photo, year, title, body,
//! figure) over a full-width slider marked with every year. Drag the handle
//! or swipe the card; it snaps to the nearest event. Tap a year to jump.

use egui::{Pos2, Rect, Sense, Vec2, scroll_area::ScrollSource};

use super::{Action, ScreenCx, story::figure_card};
use crate::{
    content::StringKey,
    widgets::{PhotoTile, TimelineSlider},
};

/// A swipe longer than this share of the card's width moves one event.
const SWIPE_FRACTION: f32 = 0.15;

/// The timeline's state.
#[derive(Debug, Default)]
pub struct TimelineScreen {
    /// The event shown, and where the handle settles.
    selected: usize,
    /// Where the handle is drawn, as a fractional event index: it follows a
    /// drag, then glides to `selected`.
    position: f32,
    /// How far the current swipe has moved, in points.
    swipe_dx: f32,
    /// When the figure of the selected event started counting.
    figure_started: Option<f64>,
    last_now: Option<f64>,
}

impl TimelineScreen {
    /// The event shown.
    pub fn selected(&self) -> usize {
        self.selected
    }

    /// Shows event `i` (clamped), gliding the handle there.
    pub fn select(&mut self, i: usize, events: usize) {
        let i = i.min(events.saturating_sub(1));
        if i != self.selected {
            self.selected = i;
            self.figure_started = None;
        }
    }

    /// The next event (presenter keys).
    pub fn next(&mut self, events: usize) {
        self.select(self.selected + 1, events);
    }

    /// The previous event (presenter keys).
    pub fn previous(&mut self, events: usize) {
        self.select(self.selected.saturating_sub(1), events);
    }
}

impl super::Screen for TimelineScreen {
    /// Draws the timeline.
    fn ui(&mut self, ui: &mut egui::Ui, cx: &ScreenCx<'_>, _actions: &mut Vec<Action>) {
        let look = cx.look;
        let events = &cx.pack.timeline.events;
        let n = events.len();
        if n == 0 {
            return;
        }
        self.selected = self.selected.min(n - 1);
        let dt = self.last_now.map_or(0.0, |t| (cx.now - t) as f32);
        self.last_now = Some(cx.now);

        let margin = look.space_medium;
        let portrait = ScreenCx::portrait(ui);
        // Title at the top, slider and hint at the bottom, the card between;
        // the title and hint take two lines at most.
        let texts = |ui: &egui::Ui, width: f32| {
            let title = look.rows(
                ui,
                cx.tr(&cx.pack.timeline.title),
                look.heading_pt,
                look.colors.text,
                width,
                2,
            );
            let hint = look.rows(
                ui,
                cx.s(StringKey::TimelineHint),
                look.small_pt,
                look.colors.text_muted,
                width,
                2,
            );
            (title, hint)
        };
        // The card needs room for a few lines; where the screen is too short
        // for that (the largest sizes a theme allows, all at once), the whole
        // timeline scrolls instead. Measured as if a scroll bar took its
        // width, so that it showing does not change the answer (which would
        // show and hide it in turn, frame after frame).
        let scroll = &ui.spacing().scroll;
        let bar = scroll.bar_width + scroll.bar_inner_margin + scroll.bar_outer_margin;
        let width = ui.max_rect().width() - 2.0 * margin;
        let (title, hint) = texts(ui, width - bar);
        let slider_h = look.track_height_pt();
        let bottom_h = slider_h + look.space_small + hint.size().y;
        let min_card = (look.body_pt * 6.0).max(look.min_touch_pt * 2.0) + 2.0 * look.space_medium;
        let needed = 4.0 * margin + title.size().y + min_card + bottom_h;
        if needed <= ui.max_rect().height() {
            let full = ui.max_rect();
            let texts = texts(ui, width);
            self.layout(ui, cx, full, texts, portrait, dt);
        } else {
            // Drags move the slider, so only the bar and the wheel scroll.
            let area = super::column_area(cx.id("timeline-scroll"))
                .scroll_source(ScrollSource::SCROLL_BAR | ScrollSource::MOUSE_WHEEL);
            super::scroll_column(ui, area, |ui| {
                let room = Vec2::new(ui.available_width(), needed);
                let (full, _) = ui.allocate_exact_size(room, Sense::hover());
                self.layout(ui, cx, full, (title, hint), portrait, dt);
            });
        }
    }
}

impl TimelineScreen {
    /// Lays the timeline out in `full`, with its title and hint laid out.
    fn layout(
        &mut self,
        ui: &mut egui::Ui,
        cx: &ScreenCx<'_>,
        full: Rect,
        (title, hint): (std::sync::Arc<egui::Galley>, std::sync::Arc<egui::Galley>),
        portrait: bool,
        dt: f32,
    ) {
        let look = cx.look;
        let margin = look.space_medium;
        let area = full.shrink(margin);
        ui.painter()
            .galley(area.min, title.clone(), look.colors.text);
        let slider_h = look.track_height_pt();
        let bottom_h = slider_h + look.space_small + hint.size().y;
        let card = super::sound(Rect::from_min_max(
            Pos2::new(area.left(), area.top() + title.size().y + margin),
            Pos2::new(area.right(), area.bottom() - bottom_h - margin),
        ));

        let swipe = self.swipe(ui, cx, card);
        self.card(ui, cx, card, portrait);
        let slider_rect = Rect::from_min_size(
            Pos2::new(full.left(), area.bottom() - bottom_h),
            Vec2::new(full.width(), slider_h),
        );
        let slider = self.slider(ui, cx, slider_rect);
        let hint_at = Pos2::new(
            area.center().x - hint.size().x / 2.0,
            slider_rect.bottom() + look.space_small,
        );
        ui.painter().galley(hint_at, hint, look.colors.text_muted);
        if !swipe.dragged() && !slider.dragged() {
            self.glide(ui, look, dt);
        }
    }

    /// A swipe across the card moves the handle with the finger, and on
    /// letting go goes to the next or previous event if it went far enough.
    fn swipe(&mut self, ui: &mut egui::Ui, cx: &ScreenCx<'_>, card: Rect) -> egui::Response {
        let n = cx.pack.timeline.events.len();
        let swipe = ui.interact(card, cx.id("timeline-swipe"), Sense::drag());
        if swipe.dragged() {
            self.swipe_dx += swipe.drag_delta().x;
            let offset = -self.swipe_dx / card.width().max(1.0);
            self.position = (self.selected as f32 + offset).clamp(0.0, (n - 1) as f32);
        }
        if swipe.drag_stopped() {
            let moved = -self.swipe_dx / card.width().max(1.0);
            let target = if moved > SWIPE_FRACTION {
                self.selected + 1
            } else if moved < -SWIPE_FRACTION {
                self.selected.saturating_sub(1)
            } else {
                self.selected
            };
            self.select(target, n);
            self.swipe_dx = 0.0;
        }
        swipe
    }

    /// The slider in `rect`, labelled by year (and month only where two
    /// events share a year); a drag, a release or a tap on a year selects.
    fn slider(&mut self, ui: &mut egui::Ui, cx: &ScreenCx<'_>, rect: Rect) -> egui::Response {
        let events = &cx.pack.timeline.events;
        let n = events.len();
        let labels: Vec<String> = events
            .iter()
            .map(|e| {
                let shared = events.iter().filter(|o| o.year == e.year).count() > 1;
                cx.fmt.year_month(e.year, e.month.filter(|_| shared))
            })
            .collect();
        let name = cx.tr(&cx.pack.timeline.title);
        let out = ui
            .scope_builder(egui::UiBuilder::new().max_rect(rect), |ui| {
                TimelineSlider::new(&labels, self.position, self.selected, name, cx.look).show(ui)
            })
            .inner;
        if let Some(pos) = out.dragged_to {
            self.position = pos;
            self.select(pos.round() as usize, n);
        }
        if out.released {
            self.select(self.position.round() as usize, n);
        }
        if let Some(i) = out.jumped_to {
            self.select(i, n);
        }
        out.response
    }

    /// Glides the handle toward the selected event, `dt` seconds on.
    fn glide(&mut self, ui: &egui::Ui, look: &crate::theme::Look, dt: f32) {
        let target = self.selected as f32;
        let gap = target - self.position;
        if gap.abs() > 1e-3 {
            let speed = gap.abs().max(1.0) / look.transition_secs.max(0.05);
            let step = (speed * dt).min(gap.abs());
            self.position += step * gap.signum();
            ui.ctx().request_repaint();
        } else {
            self.position = target;
        }
    }

    fn card(&mut self, ui: &mut egui::Ui, cx: &ScreenCx<'_>, card: Rect, portrait: bool) {
        let look = cx.look;
        let event = &cx.pack.timeline.events[self.selected];
        ui.painter()
            .rect_filled(card, look.radius_large, look.colors.surface);
        let inner = super::sound(card.shrink(look.space_medium));
        let photo = event.photo.as_deref().and_then(|id| cx.pack.photo(id));
        let (photo_rect, text_rect) = card_rects(inner, photo.is_some(), portrait, look);
        let photo_rect = photo_rect.map(super::sound);
        let text_rect = super::sound(text_rect);
        if let (Some(photo), Some(rect)) = (photo, photo_rect) {
            let state = cx.images.get(&photo.file, cx.px(ui, rect.size()));
            let focal = Pos2::new(photo.focal_point.x, photo.focal_point.y);
            ui.put(
                rect,
                PhotoTile::new(state, cx.tr(&photo.alt), focal, rect.size(), look),
            );
        }
        ui.scope_builder(egui::UiBuilder::new().max_rect(text_rect), |ui| {
            let area = super::column_area(cx.id("timeline-card").with(self.selected));
            super::scroll_column(ui, area, |ui| {
                let when = cx.fmt.year_month(event.year, event.month);
                ui.label(look.text(when, look.heading_pt).color(look.colors.accent));
                ui.label(look.text(cx.tr(&event.title), look.heading_pt));
                ui.add_space(look.space_small);
                ui.label(look.text(cx.tr(&event.body), look.body_pt));
                if let Some(figure) = &event.figure {
                    ui.add_space(look.space_medium);
                    if self.figure_started.is_none() {
                        self.figure_started = Some(cx.now);
                    }
                    figure_card(
                        ui,
                        cx,
                        figure,
                        self.figure_started,
                        look.heading_pt * 1.5,
                        false,
                    );
                }
            });
        });
    }
}

/// Where a card's photo (if `has_photo`) and its text go inside `inner`:
/// the photo above the text on a portrait screen, beside it otherwise.
fn card_rects(
    inner: Rect,
    has_photo: bool,
    portrait: bool,
    look: &crate::theme::Look,
) -> (Option<Rect>, Rect) {
    if !has_photo {
        return (None, inner);
    }
    if portrait {
        let h = (inner.width() * 2.0 / 3.0).min(inner.height() * 0.45);
        let p = Rect::from_min_size(inner.min, Vec2::new(inner.width(), h));
        let text = Rect::from_min_max(
            Pos2::new(inner.left(), p.bottom() + look.space_large),
            inner.max,
        );
        (Some(p), text)
    } else {
        let w = (inner.width() * 0.45).min(inner.height() * 1.5);
        let p = Rect::from_min_size(inner.min, Vec2::new(w, inner.height().min(w * 2.0 / 3.0)));
        let text = Rect::from_min_max(
            Pos2::new(p.right() + look.space_large, inner.top()),
            inner.max,
        );
        (Some(p), text)
    }
}
