//! The checks `storykiosk validate` runs after parsing: missing translations,
//! texts too long for their place, unsorted years, presets out of range,
//! missing or undecodable images, and the like. Each problem is located by
//! the path of the value it is about (see [`super::locate`]).

use std::collections::BTreeSet;

use super::{
    ALL_FILES, ImageCheck, PackSource, Pos, Problem,
    locate::{Locations, field},
    model::*,
};

mod gala;
pub mod limits;
mod manifest;
mod photos;
mod pledge;
mod story;
mod strings;
mod theme;

pub use theme::contrast_pairs;
use {
    gala::gala,
    manifest::manifest,
    photos::photos,
    pledge::pledge,
    story::{story, timeline},
    strings::strings,
    theme::theme,
};

/// How many columns `s` takes on one line: two for each wide (Chinese,
/// Japanese, Korean, full-width) character, one for others.
pub fn columns(s: &str) -> usize {
    s.chars()
        .map(|c| {
            let u = u32::from(c);
            let wide = matches!(u,
                0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF
                | 0x4E00..=0x9FFF | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
                | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x1F300..=0x1FAFF
                | 0x20000..=0x3FFFD);
            if wide { 2 } else { 1 }
        })
        .sum()
}

/// A parse error in words a pack author can act on.
pub(super) fn describe_ron_error(code: &ron::Error) -> String {
    match code {
        ron::Error::Eof => {
            "the file ends too early: a bracket, brace or quote is probably not closed".to_owned()
        }
        ron::Error::ExceededRecursionLimit => {
            "the values are nested too deeply (more than 128 levels)".to_owned()
        }
        ron::Error::TrailingCharacters => {
            "there is more text after the end of the file's value; remove it, or check the brackets"
                .to_owned()
        }
        ron::Error::NoSuchEnumVariant {
            found,
            outer: Some(outer),
            ..
        } if outer == "StringKey" => format!(
            "`{found}` is not a string the kiosk knows; docs/content-packs.md lists them all"
        ),
        other => other.to_string(),
    }
}

/// The characters each language's texts use that no font has, gathered
/// across the pack and reported once per language.
struct CoverageLog {
    coverage: crate::fonts::Coverage,
    missing: std::cell::RefCell<std::collections::BTreeMap<String, Missing>>,
}

/// What one language's texts lack.
struct Missing {
    /// The characters, each once, in the order met.
    chars: Vec<char>,
    /// How many texts hold one.
    texts: usize,
    /// The first such text.
    first: (&'static str, Pos),
}

impl CoverageLog {
    /// Notes the characters of `text` (in `locale`, at `at`) no font has.
    fn note(&self, locale: &str, text: &str, at: (&'static str, Pos)) {
        let lacking = self.coverage.missing(text);
        if lacking.is_empty() {
            return;
        }
        let mut missing = self.missing.borrow_mut();
        let entry = missing.entry(locale.to_owned()).or_insert(Missing {
            chars: Vec::new(),
            texts: 0,
            first: at,
        });
        entry.texts += 1;
        for c in lacking {
            if !entry.chars.contains(&c) {
                entry.chars.push(c);
            }
        }
    }

    /// One warning per language, at its first text that lacks a character.
    fn report(self, problems: &mut Vec<Problem>) {
        for (locale, m) in self.missing.into_inner() {
            let shown: Vec<String> = m
                .chars
                .iter()
                .take(8)
                .map(|c| format!("{c} (U+{:04X})", u32::from(*c)))
                .collect();
            let more = if m.chars.len() > shown.len() {
                ", …"
            } else {
                ""
            };
            let count = match m.chars.len() {
                1 => "1 character".to_owned(),
                n => format!("{n} characters"),
            };
            let texts = match m.texts {
                1 => "in this text".to_owned(),
                n => format!("in {n} texts, the first of them here"),
            };
            problems.push(Problem::warning(
                m.first.0,
                m.first.1,
                format!(
                    "the {locale:?} texts use {count} that no font of the kiosk or the pack has, {texts}: {}{more}; put a font that has them, with its licence, in the pack's fonts/ folder, or they show only where the computer has a font for them",
                    shown.join(", ")
                ),
            ));
        }
    }
}

/// Reports problems in one file, located by value path.
struct Checker<'a> {
    file: &'static str,
    loc: Locations,
    locales: &'a [String],
    problems: &'a mut Vec<Problem>,
    /// `None` for the bundled pack at start (its tests check coverage).
    coverage: Option<&'a CoverageLog>,
}

impl<'a> Checker<'a> {
    fn new(
        file: &'static str,
        text: &str,
        locales: &'a [String],
        problems: &'a mut Vec<Problem>,
        coverage: Option<&'a CoverageLog>,
    ) -> Self {
        Self {
            file,
            loc: Locations::index(text),
            locales,
            problems,
            coverage,
        }
    }

    fn at(&self, path: &str) -> Pos {
        self.loc.find(path)
    }

    fn error(&mut self, path: &str, message: impl Into<String>) {
        let pos = self.at(path);
        self.problems.push(Problem::error(self.file, pos, message));
    }

    fn warn(&mut self, path: &str, message: impl Into<String>) {
        let pos = self.at(path);
        self.problems
            .push(Problem::warning(self.file, pos, message));
    }

    /// A localised text: one non-empty entry per locale, none extra, each
    /// within `max_cols`.
    fn text(&mut self, path: &str, text: &Text, max_cols: usize) {
        self.text_of(path, text, max_cols, false);
    }

    /// As [`Self::text`], but a language may leave its text empty (a unit
    /// only one language writes), as long as not every language does.
    fn text_or_empty(&mut self, path: &str, text: &Text, max_cols: usize) {
        let present: Vec<&String> = self
            .locales
            .iter()
            .filter(|l| text.0.contains_key(*l))
            .collect();
        if !present.is_empty() && present.iter().all(|l| text.0[*l].trim().is_empty()) {
            self.error(
                path,
                "every language's text is empty; leave the field out instead",
            );
        }
        self.text_of(path, text, max_cols, true);
    }

    fn text_of(&mut self, path: &str, text: &Text, max_cols: usize, may_be_empty: bool) {
        for locale in self.locales {
            if !text.0.contains_key(locale) {
                self.error(path, format!("missing the {locale:?} text"));
            }
        }
        for (locale, s) in &text.0 {
            let here = field(path, locale);
            if !self.locales.is_empty() && !self.locales.contains(locale) {
                self.warn(
                    &here,
                    format!(
                        "{locale:?} is not one of the pack's locales ({}); this text is never shown",
                        self.locales.join(", ")
                    ),
                );
            }
            if s.trim().is_empty() {
                if !may_be_empty {
                    self.error(&here, format!("the {locale:?} text is empty"));
                }
                continue;
            }
            let cols = columns(s);
            if cols > max_cols {
                self.error(
                    &here,
                    format!(
                        "the {locale:?} text takes {cols} columns, more than the {max_cols} that fit here \
                         (a Chinese character counts as two); shorten it"
                    ),
                );
            }
            if let Some(log) = self.coverage {
                log.note(locale, s, (self.file, self.at(&here)));
            }
            if let Some(c) = s.chars().find(|c| c.is_control() && *c != '\n') {
                self.warn(
                    &here,
                    format!(
                        "the {locale:?} text holds the control character U+{:04X}, which is not shown",
                        u32::from(c)
                    ),
                );
            }
        }
    }

    fn range<T: PartialOrd + std::fmt::Display>(
        &mut self,
        path: &str,
        what: &str,
        value: T,
        min: T,
        max: T,
    ) {
        if value < min || value > max {
            self.error(
                path,
                format!("{what} is {value}; it must be from {min} to {max}"),
            );
        }
    }

    fn photo_ref(&mut self, path: &str, id: Option<&String>, photo_ids: Option<&BTreeSet<&str>>) {
        if let (Some(id), Some(ids)) = (id, photo_ids)
            && !ids.contains(id.as_str())
        {
            self.error(
                path,
                format!("there is no photo with id {id:?} in photos.ron"),
            );
        }
    }

    fn figure(&mut self, path: &str, figure: &Figure) {
        self.text(&field(path, "label"), &figure.label, limits::FIGURE_LABEL);
        if let Some(unit) = &figure.unit {
            self.text_or_empty(&field(path, "unit"), unit, limits::FIGURE_UNIT);
        }
        if let Some(source) = &figure.source {
            self.text(&field(path, "source"), source, limits::FIGURE_SOURCE);
        }
    }
}

/// The parsed files, each `None` when it could not be parsed.
pub(super) struct Parsed<'a> {
    pub manifest: Option<&'a Manifest>,
    pub story: Option<&'a Story>,
    pub timeline: Option<&'a Timeline>,
    pub photos: Option<&'a Photos>,
    pub pledge: Option<&'a PledgeOptions>,
    pub theme: Option<&'a Theme>,
    pub strings: Option<&'a Strings>,
    pub event: Option<&'a Gala>,
}

/// Checks every file that parsed. `texts` holds each file's text in
/// [`ALL_FILES`] order (`None` for an optional file left out).
pub(super) fn check(
    parsed: &Parsed<'_>,
    texts: &[Option<String>],
    source: &PackSource,
    images: ImageCheck,
    fallback_strings: Option<&Strings>,
    fonts: &[super::PackFont],
    problems: &mut Vec<Problem>,
) {
    let text_of = |file: &str| {
        ALL_FILES
            .iter()
            .position(|f| *f == file)
            .and_then(|i| texts.get(i))
            .and_then(|t| t.as_deref())
            .unwrap_or("")
    };
    let locales: Vec<String> = parsed
        .manifest
        .map(|m| m.locales.iter().map(|l| l.code.clone()).collect())
        .unwrap_or_default();
    // The bundled pack at start (no image checks either) skips checking
    // its characters against the fonts; its tests check it in full.
    let coverage = (images != ImageCheck::Skip).then(|| CoverageLog {
        coverage: crate::fonts::Coverage::with_pack_fonts(fonts.iter().map(|f| &f.bytes[..])),
        missing: Default::default(),
    });
    let photo_ids: Option<BTreeSet<&str>> = parsed
        .photos
        .map(|p| p.photos.iter().map(|p| p.id.as_str()).collect());

    // Each file's checks, with a checker that locates its problems.
    let mut run = |file: &'static str, checks: &mut dyn FnMut(&mut Checker<'_>)| {
        let coverage = coverage.as_ref();
        checks(&mut Checker::new(
            file,
            text_of(file),
            &locales,
            problems,
            coverage,
        ));
    };
    if let Some(m) = parsed.manifest {
        run(super::MANIFEST_FILE, &mut |c| manifest(c, m));
    }
    if let Some(s) = parsed.story {
        run(super::STORY_FILE, &mut |c| story(c, s, photo_ids.as_ref()));
    }
    if let Some(t) = parsed.timeline {
        run(super::TIMELINE_FILE, &mut |c| {
            timeline(c, t, photo_ids.as_ref())
        });
    }
    if let Some(p) = parsed.photos {
        run(super::PHOTOS_FILE, &mut |c| photos(c, p, source, images));
    }
    if let Some(p) = parsed.pledge {
        run(super::PLEDGE_FILE, &mut |c| pledge(c, p));
    }
    if let Some(t) = parsed.theme {
        run(super::THEME_FILE, &mut |c| theme(c, t));
    }
    if let Some(s) = parsed.strings {
        run(super::STRINGS_FILE, &mut |c| {
            strings(c, s, fallback_strings)
        });
    }
    if let Some(e) = parsed.event {
        run(super::EVENT_FILE, &mut |c| gala(c, e, source, images));
    }
    if let Some(log) = coverage {
        log.report(problems);
    }
}
