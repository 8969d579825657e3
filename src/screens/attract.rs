//! The attract loop: headline figures and photos in turn, each fading in,
//! with an inviting call to touch. It repaints only while a slide fades in
//! (at most 15 frames a second) and once when the next slide is due.

use std::time::Duration;

use egui::{Align2, Color32, Pos2, Rect, Sense, Vec2, WidgetInfo};

use super::{Action, ScreenCx, ScreenId, story::figure_text};
use crate::{
    content::{Pack, StringKey},
    session::{SlideAt, Slides},
    theme::Look,
    widgets::PhotoTile,
};

/// The attract loop never asks for more frames than this a second: a
/// 300 ms fade in five steps still reads as a fade, and on a kiosk without a GPU each
/// full-screen frame costs tens of milliseconds of CPU (docs/PERFORMANCE.md).
const MAX_FPS: f64 = 15.0;

/// The next slide's photo starts decoding this long before it is due: time
/// enough even for a 24-megapixel JPEG, and no photo is held for the rest
/// of a figure slide.
const PREFETCH_SECS: f64 = 2.0;

/// One slide.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Slide {
    Figure(usize),
    Photo(usize),
}

/// The attract loop's state: when it started.
#[derive(Debug)]
pub struct AttractScreen {
    started: f64,
}

impl AttractScreen {
    /// A loop starting its first slide at `now`.
    pub fn new(now: f64) -> Self {
        Self { started: now }
    }

    /// Which slide shows at `now`, and how far it has faded in.
    fn at(&self, pack: &Pack, look: &Look, now: f64) -> (Option<Slide>, SlideAt, Vec<Slide>) {
        let slides = Self::slides(pack);
        let clock = Slides {
            count: slides.len(),
            slide_secs: f64::from(pack.manifest.timings.attract_slide_secs),
            transition_secs: f64::from(look.transition_secs),
        };
        let at = clock.at(now - self.started);
        (slides.get(at.index).copied(), at, slides)
    }

    /// The colour the loop would have the window cleared to at `now`, if
    /// not the background: a settled figure slide's stage colour. The stage
    /// is then the clear itself and only the band below it is filled, which
    /// spares a software renderer a pass over two thirds of the screen in
    /// every such frame, the kiosk's first frame among them.
    pub fn backdrop(&self, pack: &Pack, look: &Look, now: f64) -> Option<Color32> {
        let (slide, at, _) = self.at(pack, look, now);
        Self::backdrop_of(slide, at, look)
    }

    fn backdrop_of(slide: Option<Slide>, at: SlideAt, look: &Look) -> Option<Color32> {
        (matches!(slide, Some(Slide::Figure(_))) && at.entrance >= 1.0)
            .then_some(look.colors.accent)
    }

    fn slides(pack: &Pack) -> Vec<Slide> {
        let figures = pack.story.figures.len();
        let photos = pack.photos.photos.len();
        let mut slides = Vec::with_capacity(figures + photos);
        for i in 0..figures.max(photos) {
            if i < figures {
                slides.push(Slide::Figure(i));
            }
            if i < photos {
                slides.push(Slide::Photo(i));
            }
        }
        slides
    }
}

impl super::Screen for AttractScreen {
    /// Draws the current slide over the whole screen, on a window cleared to
    /// `cx.cleared`; a tap anywhere begins.
    fn ui(&mut self, ui: &mut egui::Ui, cx: &ScreenCx<'_>, actions: &mut Vec<Action>) {
        let cleared = cx.cleared;
        let look = cx.look;
        let (slide, at, slides) = self.at(cx.pack, look, cx.now);
        let backdrop = Self::backdrop_of(slide, at, look);
        let rect = ui.max_rect();
        let response = ui.interact(rect, cx.id("attract"), Sense::click());
        let call = cx.s(StringKey::TouchToBegin).to_owned();
        response.widget_info(|| WidgetInfo::labeled(egui::Role::Button, true, call.clone()));

        // The window is cleared to the background colour or, for a settled
        // figure slide, to its stage colour (`backdrop`): every full-screen
        // fill costs a software renderer a pass over every pixel.
        let painter = ui.painter_at(rect);
        let on_stage_colour = backdrop.is_some() && cleared == look.colors.accent;
        if cleared != look.colors.background && !on_stage_colour {
            // Cleared for another slide (the first frame of a fade).
            painter.rect_filled(rect, 0.0, look.colors.background);
        }

        // The band at the bottom: the pack's title, a line about the slide,
        // and the call to touch. Measured first, so nothing overlaps.
        let width = rect.width() - 2.0 * look.space_large;
        let line = match slide {
            Some(Slide::Photo(i)) => cx.tr(&cx.pack.photos.photos[i].caption),
            _ => cx.tr(&cx.pack.story.title),
        };
        // Two lines of title, three of the slide's line and two of the call
        // at most (cut short with "…"), or one of each where the largest
        // sizes a theme allows would leave the slide no room.
        let band = |rows: [usize; 3]| {
            let title_g = look.rows(
                ui,
                cx.tr(&cx.pack.manifest.title),
                look.heading_pt,
                look.colors.text_muted,
                width,
                rows[0],
            );
            let line_g = look.rows(ui, line, look.heading_pt, look.colors.text, width, rows[1]);
            let call_g = look.rows(
                ui,
                &call,
                look.heading_pt,
                look.colors.on_accent,
                width - 2.0 * look.space_large,
                rows[2],
            );
            (title_g, line_g, call_g)
        };
        let (mut title_g, mut line_g, mut call_g) = band([2, 3, 2]);
        if title_g.size().y + line_g.size().y + call_g.size().y > rect.height() * 0.5 {
            (title_g, line_g, call_g) = band([1, 1, 1]);
        }
        for (g, text) in [
            (&title_g, cx.tr(&cx.pack.manifest.title)),
            (&call_g, call.as_str()),
        ] {
            if g.elided {
                crate::widgets::misfit::note(ui.ctx(), text, crate::widgets::misfit::How::Cut);
            }
        }
        let pill_size = Vec2::new(
            call_g.size().x + look.space_large * 2.0,
            look.min_touch_pt
                .max(call_g.size().y + look.space_medium * 2.0),
        );
        let band_h = look.space_large
            + title_g.size().y
            + look.space_small
            + line_g.size().y
            + look.space_large
            + pill_size.y
            + look.space_large;
        let band = crate::screens::sound(Rect::from_min_max(
            Pos2::new(rect.left(), (rect.bottom() - band_h).max(rect.top())),
            rect.max,
        ));
        let stage = crate::screens::sound(Rect::from_min_max(
            rect.min,
            Pos2::new(rect.right(), band.top()),
        ));

        match slide {
            Some(Slide::Photo(i)) => {
                let photo = &cx.pack.photos.photos[i];
                let state = cx.images.get(&photo.file, cx.px(ui, stage.size()));
                let focal = Pos2::new(photo.focal_point.x, photo.focal_point.y);
                ui.scope(|ui| {
                    ui.multiply_opacity(at.entrance as f32);
                    ui.put(
                        stage,
                        PhotoTile::new(state, cx.tr(&photo.alt), focal, stage.size(), look),
                    );
                });
            }
            Some(Slide::Figure(i)) => {
                let figure = &cx.pack.story.figures[i];
                let mut painter = painter.clone();
                if on_stage_colour {
                    painter.rect_filled(band, 0.0, look.colors.background);
                } else {
                    painter.multiply_opacity(at.entrance as f32);
                    painter.rect_filled(stage, 0.0, look.colors.accent);
                }
                let text = figure_text(cx, figure, figure.value);
                let size = super::story::fitted_size(ui, &text, look.figure_pt * 2.0, width);
                let number = painter.layout_no_wrap(text, look.font(size), look.colors.on_accent);
                let label = look.rows(
                    ui,
                    cx.tr(&figure.label),
                    look.title_pt,
                    look.colors.on_accent,
                    width,
                    3,
                );
                let total_h = number.size().y + look.space_medium + label.size().y;
                let top = stage.center().y - total_h / 2.0;
                let label_top = top + number.size().y + look.space_medium;
                painter.galley(
                    Pos2::new(stage.center().x - number.size().x / 2.0, top),
                    number,
                    look.colors.on_accent,
                );
                painter.galley(
                    Pos2::new(stage.center().x - label.size().x / 2.0, label_top),
                    label,
                    look.colors.on_accent,
                );
            }
            None => {}
        }
        // Decode the next photo shortly before it is due, so it never fades
        // in empty; let the last one go, as it will not be back for a while.
        let count = slides.len().max(1);
        let next = slides.get((at.index + 1) % count).copied();
        let previous = slides.get((at.index + count - 1) % count).copied();
        let file = |slide: Option<Slide>| match slide {
            Some(Slide::Photo(i)) => Some(cx.pack.photos.photos[i].file.as_str()),
            _ => None,
        };
        let prefetching = file(next).is_some() && at.secs_to_next_slide <= PREFETCH_SECS;
        if let Some(next) = file(next).filter(|_| prefetching) {
            let _ = cx.images.get(next, cx.px(ui, stage.size()));
        }
        if let Some(previous) =
            file(previous).filter(|p| ![file(slide), file(next)].contains(&Some(*p)))
        {
            cx.images.release(previous);
        }

        let mut y = band.top() + look.space_large;
        painter.galley(
            Pos2::new(band.center().x - title_g.size().x / 2.0, y),
            title_g.clone(),
            look.colors.text_muted,
        );
        y += title_g.size().y + look.space_small;
        painter.galley(
            Pos2::new(band.center().x - line_g.size().x / 2.0, y),
            line_g.clone(),
            look.colors.text,
        );
        y += line_g.size().y + look.space_large;
        let pill =
            Rect::from_min_size(Pos2::new(band.center().x - pill_size.x / 2.0, y), pill_size);
        painter.rect_filled(pill, pill.height() / 2.0, look.colors.accent);
        painter.galley(
            Align2::CENTER_CENTER
                .align_size_within_rect(call_g.size(), pill)
                .min,
            call_g,
            look.colors.on_accent,
        );

        if at.entrance < 1.0 {
            // The slide fades in from the background colour (drawn with
            // its opacity above, rather than under a veil: one pass less).
            ui.ctx()
                .request_repaint_after(Duration::from_secs_f64(1.0 / MAX_FPS));
        } else {
            // The next change on screen, or the moment to start decoding the
            // next slide's photo, whichever is first.
            let mut wake = at.secs_to_next_change;
            if file(next).is_some() && !prefetching {
                wake = wake.min(at.secs_to_next_slide - PREFETCH_SECS);
            }
            ui.ctx()
                .request_repaint_after(Duration::from_secs_f64(wake.max(1.0 / MAX_FPS)));
        }
        if response.clicked() {
            actions.push(Action::Go(ScreenId::Story));
        }
    }
}

impl AttractScreen {}
