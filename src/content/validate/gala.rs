//! `event.ron`'s checks: the goal, the giving levels, the matching gift and
//! the slides (their texts, and a sponsor's logo file).

use super::{Checker, limits, photos::check_image};
use crate::content::{
    ImageCheck, PackSource,
    locate::{field, index},
    model::*,
};

/// The evening: every amount within bounds, the levels largest first, each
/// text in every language and within its room, each logo a usable image.
pub(super) fn gala(c: &mut Checker<'_>, g: &Gala, source: &PackSource, images: ImageCheck) {
    c.range(
        "goal_minor",
        "the goal",
        g.goal_minor,
        1,
        limits::MAX_AMOUNT_MINOR,
    );
    levels(c, &g.levels);
    if let Some(m) = &g.matching {
        c.text("matching.sponsor", &m.sponsor, limits::HEADING);
        c.range(
            "matching.up_to_minor",
            "the matching gift's limit",
            m.up_to_minor,
            1,
            limits::MAX_AMOUNT_MINOR,
        );
        c.range("matching.percent", "the share matched", m.percent, 1, 1000);
    }
    if g.slides.len() > limits::MAX_SLIDES {
        c.error(
            "slides",
            format!("list at most {} slides", limits::MAX_SLIDES),
        );
    }
    for (i, slide) in g.slides.iter().enumerate() {
        let path = index("slides", i);
        match slide {
            Slide::Mission(m) => c.text(&field(&path, "text"), &m.text, limits::SLIDE_TEXT),
            Slide::Figure(f) => c.figure(&path, f),
            Slide::Sponsor(s) => {
                c.text(&field(&path, "text"), &s.text, limits::SLIDE_TEXT);
                if let Some(logo) = &s.logo
                    && images != ImageCheck::Skip
                    && let Err(why) = check_image(source, logo, images)
                {
                    c.error(&field(&path, "logo"), format!("{logo}: {why}"));
                }
            }
        }
    }
}

/// The levels: each amount and count within bounds, largest first, each
/// amount once.
fn levels(c: &mut Checker<'_>, levels: &[Level]) {
    if levels.len() > limits::MAX_LEVELS {
        c.error(
            "levels",
            format!("list at most {} giving levels", limits::MAX_LEVELS),
        );
    }
    for (i, level) in levels.iter().enumerate() {
        let path = index("levels", i);
        c.range(
            &field(&path, "amount_minor"),
            "the level's amount",
            level.amount_minor,
            1,
            limits::MAX_AMOUNT_MINOR,
        );
        c.range(
            &field(&path, "hoped"),
            "the number of gifts hoped for",
            level.hoped,
            1,
            10_000,
        );
        if i > 0 && levels[i - 1].amount_minor <= level.amount_minor {
            c.error(
                &field(&path, "amount_minor"),
                "list the levels largest first, each amount once",
            );
        }
    }
}
