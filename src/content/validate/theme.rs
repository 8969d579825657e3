//! The theme's checks: sizes within what the kiosk uses, and contrast
//! between every text colour and what it is drawn on.

use super::{Checker, limits};
use crate::content::{
    locate::{field, index},
    model::*,
};

/// The theme: text sizes, spacing and touch sizes within what the kiosk
/// uses, animation times, and contrast in both palettes.
pub(super) fn theme(c: &mut Checker<'_>, t: &Theme) {
    type_scale(c, &t.type_scale);
    spacing(c, t);
    c.range(
        "animation.count_up_ms",
        "count_up_ms",
        t.animation.count_up_ms,
        0,
        10_000,
    );
    c.range(
        "animation.transition_ms",
        "transition_ms",
        t.animation.transition_ms,
        0,
        5_000,
    );
    for (name, palette) in [("palette", &t.palette), ("high_contrast", &t.high_contrast)] {
        for (fg, bg, ratio) in contrast_pairs(palette) {
            if ratio < 4.5 {
                c.warn(
                    &field(name, fg),
                    format!(
                        "{fg} on {bg} has a contrast ratio of {ratio:.2}:1; text needs at least 4.5:1 to be read easily"
                    ),
                );
            }
        }
    }
}

/// Each text size within its limits, and the sizes a visitor picks from.
fn type_scale(c: &mut Checker<'_>, ts: &TypeScale) {
    for (name, v, [min, max]) in [
        ("small_px", ts.small_px, limits::SMALL_PX),
        ("body_px", ts.body_px, limits::BODY_PX),
        ("button_px", ts.button_px, limits::BUTTON_PX),
        ("heading_px", ts.heading_px, limits::HEADING_PX),
        ("title_px", ts.title_px, limits::TITLE_PX),
        ("figure_px", ts.figure_px, limits::FIGURE_PX),
    ] {
        c.range(&field("type_scale", name), name, v, min, max);
    }
    if ts.text_scales.is_empty() || ts.text_scales.len() > 5 {
        c.error(
            "type_scale.text_scales",
            "list 1 to 5 text sizes, such as [1.0, 1.25, 1.5]",
        );
    }
    for (i, &s) in ts.text_scales.iter().enumerate() {
        let path = index("type_scale.text_scales", i);
        c.range(&path, "a text size", s, 0.75, 2.0);
        if i > 0 && ts.text_scales[i - 1] >= s {
            c.error(&path, "list the text sizes smallest first");
        }
    }
}

/// Gaps, corners and the touch size: within range, and a warning above what
/// the kiosk uses.
fn spacing(c: &mut Checker<'_>, t: &Theme) {
    for (name, v) in [
        ("small_px", t.spacing.small_px),
        ("medium_px", t.spacing.medium_px),
        ("large_px", t.spacing.large_px),
    ] {
        c.range(&field("spacing", name), name, v, 0.0, 128.0);
    }
    for (name, v) in [
        ("small_px", t.radii.small_px),
        ("large_px", t.radii.large_px),
    ] {
        c.range(&field("radii", name), name, v, 0.0, 64.0);
    }
    c.range("min_touch_px", "min_touch_px", t.min_touch_px, 48.0, 200.0);
    if t.min_touch_px > limits::USED_TOUCH_PX && t.min_touch_px <= 200.0 {
        c.warn(
            "min_touch_px",
            format!(
                "min_touch_px is {}; the kiosk uses at most {}: larger, the top bar, the navigation and the keyboard leave too little of the screen for its content",
                t.min_touch_px,
                limits::USED_TOUCH_PX
            ),
        );
    }
    for ((name, v), used) in [
        ("small_px", t.spacing.small_px),
        ("medium_px", t.spacing.medium_px),
        ("large_px", t.spacing.large_px),
    ]
    .into_iter()
    .zip(limits::USED_SPACING_PX)
    {
        if v > used && v <= 128.0 {
            c.warn(
                &field("spacing", name),
                format!("{name} is {v}; the kiosk uses at most {used}, so gaps leave room for what they separate"),
            );
        }
    }
}

/// Every text colour of a palette against every background it is drawn on,
/// with their WCAG contrast ratio.
pub fn contrast_pairs(p: &Palette) -> Vec<(&'static str, &'static str, f64)> {
    [
        ("text", p.text, "background", p.background),
        ("text", p.text, "surface", p.surface),
        ("text_muted", p.text_muted, "background", p.background),
        ("text_muted", p.text_muted, "surface", p.surface),
        ("on_accent", p.on_accent, "accent", p.accent),
        ("accent", p.accent, "background", p.background),
        ("success", p.success, "surface", p.surface),
        ("danger", p.danger, "surface", p.surface),
        ("success", p.success, "background", p.background),
        ("danger", p.danger, "background", p.background),
    ]
    .into_iter()
    .map(|(f, fc, b, bc)| (f, b, fc.contrast_ratio(bc)))
    .collect()
}
