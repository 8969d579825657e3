//! The story's and the timeline's checks: chapters, figures, events in
//! order, and the photos they name.

use std::collections::BTreeSet;

use super::{Checker, limits};
use crate::content::{
    locate::{field, index},
    model::*,
};

pub(super) fn story(c: &mut Checker<'_>, s: &Story, photo_ids: Option<&BTreeSet<&str>>) {
    c.text("title", &s.title, limits::HEADING);
    if s.chapters.is_empty() {
        c.error("chapters", "the story needs at least one chapter");
    }
    for (i, ch) in s.chapters.iter().enumerate() {
        let path = index("chapters", i);
        c.text(&field(&path, "title"), &ch.title, limits::HEADING);
        if ch.paragraphs.is_empty() {
            c.error(
                &field(&path, "paragraphs"),
                "a chapter needs at least one paragraph",
            );
        }
        for (j, p) in ch.paragraphs.iter().enumerate() {
            c.text(&index(&field(&path, "paragraphs"), j), p, limits::PARAGRAPH);
        }
        c.photo_ref(&field(&path, "photo"), ch.photo.as_ref(), photo_ids);
    }
    if s.figures.is_empty() {
        c.error("figures", "the story needs at least one headline figure");
    }
    for (i, f) in s.figures.iter().enumerate() {
        c.figure(&index("figures", i), f);
    }
}

pub(super) fn timeline(c: &mut Checker<'_>, t: &Timeline, photo_ids: Option<&BTreeSet<&str>>) {
    c.text("title", &t.title, limits::HEADING);
    if t.events.is_empty() {
        c.error("events", "the timeline needs at least one event");
    }
    if t.events.len() > limits::MAX_EVENTS {
        c.error(
            "events",
            format!(
                "the timeline has {} events; at most {} fit on the track",
                t.events.len(),
                limits::MAX_EVENTS
            ),
        );
        // Checking thousands of events one by one would only drown the
        // message that matters.
        return;
    }
    let mut previous: Option<(i32, u8, usize)> = None;
    for (i, e) in t.events.iter().enumerate() {
        let path = index("events", i);
        c.range(&field(&path, "year"), "year", e.year, 1, 9999);
        if let Some(month) = e.month {
            c.range(&field(&path, "month"), "month", month, 1, 12);
        }
        let key = (e.year, e.month.unwrap_or(0), i);
        if let Some((py, pm, pi)) = previous {
            let prev_line = c.at(&index("events", pi)).line;
            if py == key.0 && (pm == 0) != (key.1 == 0) {
                // Either order: a year on its own cannot share its year.
                c.error(
                    &field(&path, "year"),
                    format!(
                        "{} is also the year of the event on line {prev_line}; events that share a year each need a month, a different one, or merge them",
                        e.year
                    ),
                );
            } else if (py, pm) == (key.0, key.1) {
                c.error(
                    &field(&path, "year"),
                    format!(
                        "{} appears twice (also on line {prev_line}); give the events different months, or merge them",
                        when(e.year, e.month)
                    ),
                );
            } else if (py, pm) > (key.0, key.1) {
                c.error(
                    &field(&path, "year"),
                    format!(
                        "{} comes after {} (line {prev_line}); list events oldest first",
                        when(e.year, e.month),
                        when(py, (pm > 0).then_some(pm))
                    ),
                );
            }
        }
        previous = Some(key);
        c.text(&field(&path, "title"), &e.title, limits::EVENT_TITLE);
        c.text(&field(&path, "body"), &e.body, limits::EVENT_BODY);
        c.photo_ref(&field(&path, "photo"), e.photo.as_ref(), photo_ids);
        if let Some(f) = &e.figure {
            c.figure(&field(&path, "figure"), f);
        }
    }
}

fn when(year: i32, month: Option<u8>) -> String {
    match month {
        Some(m) => format!("{year}-{m:02}"),
        None => format!("the year {year}"),
    }
}
