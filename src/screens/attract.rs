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
        let on_stage_colour = backdrop.is_some() && cx.cleared == look.colors.accent;
        if cx.cleared != look.colors.background && !on_stage_colour {
            // Cleared for another slide (the first frame of a fade).
            painter.rect_filled(rect, 0.0, look.colors.background);
        }
        let line = match slide {
            Some(Slide::Photo(i)) => cx.tr(&cx.pack.photos.photos[i].caption),
            _ => cx.tr(&cx.pack.story.title),
        };
        let band = Band::measure(ui, cx, rect, line, &call);
        match slide {
            Some(Slide::Photo(i)) => photo_slide(ui, cx, i, at, band.stage),
            Some(Slide::Figure(i)) => {
                let mut painter = painter.clone();
                if on_stage_colour {
                    painter.rect_filled(band.rect, 0.0, look.colors.background);
                } else {
                    painter.multiply_opacity(at.entrance as f32);
                    painter.rect_filled(band.stage, 0.0, look.colors.accent);
                }
                figure_slide(ui, cx, &painter, i, band.stage);
            }
            None => {}
        }
        let next_photo = prefetch(ui, cx, &slides, slide, at, band.stage);
        band.paint(&painter, look);
        wake_up(ui, at, next_photo);
        if response.clicked() {
            actions.push(Action::Go(ScreenId::Story));
        }
    }
}

/// The band at the bottom of the loop (the pack's title, a line about the
/// slide, and the call to touch in its pill), laid out before anything is
/// drawn so that nothing overlaps; and the stage above it.
struct Band {
    title: std::sync::Arc<egui::Galley>,
    line: std::sync::Arc<egui::Galley>,
    call: std::sync::Arc<egui::Galley>,
    pill: Vec2,
    /// The band itself.
    rect: Rect,
    /// The slide's room, above the band.
    stage: Rect,
}

impl Band {
    /// Two lines of title, three of the slide's `line` and two of the
    /// `call` at most (cut short with "…"), or one of each where the
    /// largest sizes a theme allows would leave the slide no room.
    fn measure(ui: &egui::Ui, cx: &ScreenCx<'_>, rect: Rect, line: &str, call: &str) -> Band {
        let look = cx.look;
        let width = rect.width() - 2.0 * look.space_large;
        let title_text = cx.tr(&cx.pack.manifest.title);
        let lay_out = |rows: [usize; 3]| {
            let title = look.rows(
                ui,
                title_text,
                look.heading_pt,
                look.colors.text_muted,
                width,
                rows[0],
            );
            let line = look.rows(ui, line, look.heading_pt, look.colors.text, width, rows[1]);
            let call = look.rows(
                ui,
                call,
                look.heading_pt,
                look.colors.on_accent,
                width - 2.0 * look.space_large,
                rows[2],
            );
            (title, line, call)
        };
        let (mut title, mut line_g, mut call_g) = lay_out([2, 3, 2]);
        if title.size().y + line_g.size().y + call_g.size().y > rect.height() * 0.5 {
            (title, line_g, call_g) = lay_out([1, 1, 1]);
        }
        for (g, text) in [(&title, title_text), (&call_g, call)] {
            if g.elided {
                crate::widgets::misfit::note(ui.ctx(), text, crate::widgets::misfit::How::Cut);
            }
        }
        let pill = Vec2::new(
            call_g.size().x + look.space_large * 2.0,
            look.min_touch_pt
                .max(call_g.size().y + look.space_medium * 2.0),
        );
        let height = look.space_large
            + title.size().y
            + look.space_small
            + line_g.size().y
            + look.space_large
            + pill.y
            + look.space_large;
        let band = crate::screens::sound(Rect::from_min_max(
            Pos2::new(rect.left(), (rect.bottom() - height).max(rect.top())),
            rect.max,
        ));
        let stage = crate::screens::sound(Rect::from_min_max(
            rect.min,
            Pos2::new(rect.right(), band.top()),
        ));
        Band {
            title,
            line: line_g,
            call: call_g,
            pill,
            rect: band,
            stage,
        }
    }

    /// The title, the line and the call in its pill, centred.
    fn paint(self, painter: &egui::Painter, look: &Look) {
        let band = self.rect;
        let mut y = band.top() + look.space_large;
        painter.galley(
            Pos2::new(band.center().x - self.title.size().x / 2.0, y),
            self.title.clone(),
            look.colors.text_muted,
        );
        y += self.title.size().y + look.space_small;
        painter.galley(
            Pos2::new(band.center().x - self.line.size().x / 2.0, y),
            self.line.clone(),
            look.colors.text,
        );
        y += self.line.size().y + look.space_large;
        let pill =
            Rect::from_min_size(Pos2::new(band.center().x - self.pill.x / 2.0, y), self.pill);
        painter.rect_filled(pill, pill.height() / 2.0, look.colors.accent);
        painter.galley(
            Align2::CENTER_CENTER
                .align_size_within_rect(self.call.size(), pill)
                .min,
            self.call,
            look.colors.on_accent,
        );
    }
}

/// Photo `i` on the stage, fading in.
fn photo_slide(ui: &mut egui::Ui, cx: &ScreenCx<'_>, i: usize, at: SlideAt, stage: Rect) {
    let photo = &cx.pack.photos.photos[i];
    let state = cx.images.get(&photo.file, cx.px(ui, stage.size()));
    let focal = Pos2::new(photo.focal_point.x, photo.focal_point.y);
    ui.scope(|ui| {
        ui.multiply_opacity(at.entrance as f32);
        ui.put(
            stage,
            PhotoTile::new(state, cx.tr(&photo.alt), focal, stage.size(), cx.look),
        );
    });
}

/// Figure `i`, its number as large as fits and its label under it, centred
/// on the stage (painted by the caller in the stage colour).
fn figure_slide(ui: &egui::Ui, cx: &ScreenCx<'_>, painter: &egui::Painter, i: usize, stage: Rect) {
    let look = cx.look;
    let width = stage.width() - 2.0 * look.space_large;
    let figure = &cx.pack.story.figures[i];
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

/// What the next slide needs: its photo decoded shortly before it is due,
/// so it never fades in empty, and the last one let go, as it will not be
/// back for a while. Returns whether the next slide is a photo, and
/// whether its decode has been asked for.
fn prefetch(
    ui: &egui::Ui,
    cx: &ScreenCx<'_>,
    slides: &[Slide],
    slide: Option<Slide>,
    at: SlideAt,
    stage: Rect,
) -> NextPhoto {
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
    match (file(next).is_some(), prefetching) {
        (false, _) => NextPhoto::None,
        (true, false) => NextPhoto::NotYet,
        (true, true) => NextPhoto::Asked,
    }
}

/// Whether the next slide's photo is being decoded.
#[derive(Clone, Copy, PartialEq, Eq)]
enum NextPhoto {
    /// The next slide has no photo.
    None,
    /// It has one, not asked for yet.
    NotYet,
    /// Its decode has been asked for.
    Asked,
}

/// Asks for the next frame: soon while a slide fades in, otherwise at the
/// next change on screen or the moment to start decoding the next slide's
/// photo, whichever is first.
fn wake_up(ui: &egui::Ui, at: SlideAt, next_photo: NextPhoto) {
    if at.entrance < 1.0 {
        // The slide fades in from the background colour (drawn with its
        // opacity above, rather than under a veil: one pass less).
        ui.ctx()
            .request_repaint_after(Duration::from_secs_f64(1.0 / MAX_FPS));
    } else {
        let mut wake = at.secs_to_next_change;
        if next_photo == NextPhoto::NotYet {
            wake = wake.min(at.secs_to_next_slide - PREFETCH_SECS);
        }
        ui.ctx()
            .request_repaint_after(Duration::from_secs_f64(wake.max(1.0 / MAX_FPS)));
    }
}
