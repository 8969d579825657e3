//! The scale that fits the design (1080 points on the short side) to the
//! screen, set before each pass so the first frame is drawn at its size.

use super::*;

impl KioskApp {
    /// Scales the UI so the short side of the screen is
    /// [`DESIGN_SHORT_SIDE`] points: sizes in the theme are "at 1080p".
    pub(crate) fn fit_zoom(ctx: &egui::Context) {
        let (short_points, native) = ctx.input(|i| {
            let r = i.content_rect();
            (
                r.width().min(r.height()),
                i.viewport().native_pixels_per_point.unwrap_or(1.0),
            )
        });
        if let Some(zoom) = zoom_change(short_points, ctx.zoom_factor(), native) {
            ctx.set_zoom_factor(zoom);
        }
    }

    /// Prepares a frame's input: the zoom set before the pass, events that
    /// change nothing dropped (eframe's `raw_input_hook`).
    pub(crate) fn prepare_input(&mut self, ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        if self.trace_frames {
            // The kinds of event only: a trace must not log what a donor
            // types.
            let kinds: Vec<String> = raw_input
                .events
                .iter()
                .map(|e| {
                    let debug = format!("{e:?}");
                    let end = debug.find([' ', '(', '{']).unwrap_or(debug.len());
                    debug[..end].to_owned()
                })
                .collect();
            eprintln!(
                "storykiosk: input {kinds:?}, window {:?}",
                raw_input.screen_rect
            );
        }
        drop_events_that_change_nothing(raw_input, ctx.input(|i| i.modifiers));
        zoom_before_the_pass(ctx, raw_input);
        // egui makes its glyph atlas as wide as the largest texture the GPU
        // allows (16384 px with Mesa), and keeps it twice: in memory and on
        // the GPU. A narrower atlas holds the same glyphs in a fraction of
        // the memory; photos never need more than this either.
        raw_input.max_texture_side = Some(
            raw_input
                .max_texture_side
                .unwrap_or(MAX_TEXTURE_SIDE)
                .min(MAX_TEXTURE_SIDE),
        );
    }
}

/// Removes the events that change nothing in egui or in the app: the
/// window gaining focus (only losing it matters: egui then lets go of held
/// keys), and "modifiers changed" when every such event in the frame leaves
/// the `modifiers` egui already has (winit sends both whenever the window
/// gains focus). egui answers any event with one more frame after the one
/// that handles it, and on a software renderer a frame costs ~36 ms of CPU
/// (the photo panels at 1920×1080); at start-up that time is taken from
/// the photo decoders.
pub(super) fn drop_events_that_change_nothing(
    raw_input: &mut egui::RawInput,
    modifiers: egui::Modifiers,
) {
    let modifiers_stay = raw_input.events.iter().all(|e| match e {
        egui::Event::ModifiersChanged(m) => *m == modifiers,
        // Losing focus clears the modifiers; a change after it is real.
        egui::Event::WindowFocused(false) => false,
        _ => true,
    });
    raw_input.events.retain(|e| match e {
        egui::Event::WindowFocused(true) => false,
        egui::Event::ModifiersChanged(_) => !modifiers_stay,
        _ => true,
    });
}

/// The zoom that makes a screen whose short side is `short_px` pixels
/// [`DESIGN_SHORT_SIDE`] points, at `native` pixels per point.
pub fn design_zoom(short_px: f32, native: f32) -> f32 {
    short_px / DESIGN_SHORT_SIDE / native
}

/// The zoom that scales a screen whose short side is `short_points` points
/// at zoom `old` (and `native` pixels per point) to [`DESIGN_SHORT_SIDE`]
/// points; `None` when `old` already does, or the sizes are not known.
pub(super) fn zoom_change(short_points: f32, old: f32, native: f32) -> Option<f32> {
    let short_px = short_points * old * native;
    if short_px <= 0.0 || native <= 0.0 {
        return None;
    }
    let zoom = design_zoom(short_px, native);
    ((zoom - old).abs() > 0.005).then_some(zoom)
}

/// Sets the zoom for the pass `raw_input` starts, before it starts, so that
/// even the first frame (and the first after a resize) is laid out at the
/// size it is shown at: set later (`fit_zoom`, in `logic()`), it takes
/// effect a pass late, and that pass draws, and asks for photos, at the
/// wrong size. egui-winit gave `raw_input` in points at the old zoom; they
/// are converted.
pub(super) fn zoom_before_the_pass(ctx: &egui::Context, raw_input: &mut egui::RawInput) {
    let Some(rect) = raw_input.screen_rect else {
        return;
    };
    let native = raw_input.viewport().native_pixels_per_point.unwrap_or(1.0);
    let old = ctx.zoom_factor();
    let Some(zoom) = zoom_change(rect.width().min(rect.height()), old, native) else {
        return;
    };
    ctx.options_mut(|o| o.zoom_factor = zoom);
    let ratio = old / zoom;
    let scale = |p: Pos2| (p.to_vec2() * ratio).to_pos2();
    raw_input.screen_rect = Some(Rect::from_min_max(scale(rect.min), scale(rect.max)));
    for event in &mut raw_input.events {
        match event {
            egui::Event::PointerMoved(pos)
            | egui::Event::PointerButton { pos, .. }
            | egui::Event::Touch { pos, .. } => *pos = scale(*pos),
            _ => {}
        }
    }
}
