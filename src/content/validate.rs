//! The checks `storykiosk validate` runs after parsing: missing translations,
//! texts too long for their place, unsorted years, presets out of range,
//! missing or undecodable images, and the like. Each problem is located by
//! the path of the value it is about (see [`super::locate`]).

use std::{collections::BTreeSet, io::Cursor};

use super::{
    ImageCheck, MAX_IMAGE_BYTES, PACK_FILES, PackSource, Pos, Problem,
    locate::{Locations, field, index},
    model::*,
};

/// The layout limits, in columns (a Chinese, Japanese or Korean character
/// counts as two), that keep each text inside its place on screen at the
/// largest text size. `docs/content-packs.md` lists the same numbers.
pub mod limits {
    /// The pack title on the attract loop.
    pub const PACK_TITLE: usize = 48;
    /// Story, timeline and chapter headings.
    pub const HEADING: usize = 60;
    /// One paragraph of the story.
    pub const PARAGRAPH: usize = 900;
    /// A figure's label.
    pub const FIGURE_LABEL: usize = 60;
    /// A figure's unit, such as "%".
    pub const FIGURE_UNIT: usize = 12;
    /// A figure's source note.
    pub const FIGURE_SOURCE: usize = 120;
    /// A timeline event's title.
    pub const EVENT_TITLE: usize = 60;
    /// A timeline event's body.
    pub const EVENT_BODY: usize = 480;
    /// A photo caption.
    pub const CAPTION: usize = 160;
    /// A photo credit.
    pub const CREDIT: usize = 80;
    /// A photo's alt text.
    pub const ALT: usize = 300;
    /// A currency symbol.
    pub const CURRENCY_SYMBOL: usize = 6;
    /// The collection statement's text.
    pub const STATEMENT: usize = 1600;
    /// One consent's sentence.
    pub const CONSENT: usize = 240;
    /// Most timeline events a pack may have.
    pub const MAX_EVENTS: usize = 100;
    /// Most preset amounts.
    pub const MAX_PRESETS: usize = 8;
    /// The widest or tallest image, in pixels.
    pub const MAX_IMAGE_SIDE: u32 = 12_000;
    /// The most pixels in one image (50 megapixels).
    pub const MAX_IMAGE_PIXELS: u64 = 50_000_000;
    /// The smallest and largest size of small text (credits, notes), in
    /// points at 1080p; no text size a visitor picks goes beyond these.
    pub const SMALL_PX: [f32; 2] = [12.0, 48.0];
    /// Body text's.
    pub const BODY_PX: [f32; 2] = [16.0, 64.0];
    /// Button labels'.
    pub const BUTTON_PX: [f32; 2] = [16.0, 72.0];
    /// Headings'.
    pub const HEADING_PX: [f32; 2] = [18.0, 96.0];
    /// Screen titles'.
    pub const TITLE_PX: [f32; 2] = [20.0, 128.0];
    /// Headline figures'.
    pub const FIGURE_PX: [f32; 2] = [24.0, 200.0];
    /// The largest touch size, small, medium and large gap the kiosk uses,
    /// in points at 1080p: a theme may give more (up to 200 and 128), but
    /// then the top bar, the navigation and the keyboard would leave too
    /// little of a screen for its content. `validate` warns.
    pub const USED_TOUCH_PX: f32 = 120.0;
    /// See [`USED_TOUCH_PX`].
    pub const USED_SPACING_PX: [f32; 3] = [24.0, 48.0, 96.0];
}

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
}

/// Checks every file that parsed. `texts` holds each file's text in
/// [`PACK_FILES`] order.
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
        PACK_FILES
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

    if let Some(m) = parsed.manifest {
        manifest(
            &mut Checker::new(
                super::MANIFEST_FILE,
                text_of(super::MANIFEST_FILE),
                &locales,
                problems,
                coverage.as_ref(),
            ),
            m,
        );
    }
    if let Some(s) = parsed.story {
        story(
            &mut Checker::new(
                super::STORY_FILE,
                text_of(super::STORY_FILE),
                &locales,
                problems,
                coverage.as_ref(),
            ),
            s,
            photo_ids.as_ref(),
        );
    }
    if let Some(t) = parsed.timeline {
        timeline(
            &mut Checker::new(
                super::TIMELINE_FILE,
                text_of(super::TIMELINE_FILE),
                &locales,
                problems,
                coverage.as_ref(),
            ),
            t,
            photo_ids.as_ref(),
        );
    }
    if let Some(p) = parsed.photos {
        photos(
            &mut Checker::new(
                super::PHOTOS_FILE,
                text_of(super::PHOTOS_FILE),
                &locales,
                problems,
                coverage.as_ref(),
            ),
            p,
            source,
            images,
        );
    }
    if let Some(p) = parsed.pledge {
        pledge(
            &mut Checker::new(
                super::PLEDGE_FILE,
                text_of(super::PLEDGE_FILE),
                &locales,
                problems,
                coverage.as_ref(),
            ),
            p,
        );
    }
    if let Some(t) = parsed.theme {
        theme(
            &mut Checker::new(
                super::THEME_FILE,
                text_of(super::THEME_FILE),
                &locales,
                problems,
                coverage.as_ref(),
            ),
            t,
        );
    }
    if let Some(s) = parsed.strings {
        strings(
            &mut Checker::new(
                super::STRINGS_FILE,
                text_of(super::STRINGS_FILE),
                &locales,
                problems,
                coverage.as_ref(),
            ),
            s,
            fallback_strings,
        );
    }
    if let Some(log) = coverage {
        log.report(problems);
    }
}

fn manifest(c: &mut Checker<'_>, m: &Manifest) {
    let id_ok = !m.id.is_empty()
        && m.id.len() <= 64
        && m.id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !id_ok {
        c.error("id", "the pack id must be 1 to 64 lower-case letters, digits or dashes, such as \"ijm-hk-25\"");
    }
    if m.version.trim().is_empty() || m.version.len() > 32 {
        c.error(
            "version",
            "the version must be 1 to 32 characters, such as \"1.0.0\"",
        );
    }
    c.text("title", &m.title, limits::PACK_TITLE);
    if m.locales.is_empty() {
        c.error(
            "locales",
            "list at least one locale, such as (code: \"en\", name: \"English\")",
        );
    }
    let mut seen = BTreeSet::new();
    for (i, l) in m.locales.iter().enumerate() {
        let path = index("locales", i);
        let code_ok = !l.code.is_empty()
            && l.code.len() <= 16
            && l.code
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-');
        let cldr = super::format::cldr_locale(&l.code, l.formats_as.as_deref());
        if !code_ok || super::format::cldr_locale(&l.code, None).is_none() {
            c.error(
                &field(&path, "code"),
                format!(
                    "{:?} is not a language tag such as \"en\", \"fr-CA\" or \"zh-HK\"",
                    l.code
                ),
            );
        } else if let Some(tag) = &l.formats_as
            && cldr.is_none()
        {
            c.error(
                &field(&path, "formats_as"),
                format!("{tag:?} is not a language tag such as \"zh-Hant\" or \"fr-CA\""),
            );
        } else if let Some(locale) = &cldr
            && !super::format::cldr_knows(locale)
        {
            let here = if l.formats_as.is_some() {
                field(&path, "formats_as")
            } else {
                field(&path, "code")
            };
            c.warn(
                &here,
                format!(
                    "the Unicode CLDR has no data for {locale}: its numbers and dates are written the international way (1,234.5; 2013-03), and the keyboard offers no letters beyond a to z"
                ),
            );
        }
        if !seen.insert(l.code.as_str()) {
            c.error(
                &field(&path, "code"),
                format!("the locale {:?} is listed twice", l.code),
            );
        }
        if l.name.trim().is_empty() {
            c.error(&field(&path, "name"), "the language's name is empty");
        }
    }
    if !m.locales.iter().any(|l| l.code == m.default_locale) {
        c.error(
            "default_locale",
            format!(
                "the default locale {:?} is not one of the listed locales",
                m.default_locale
            ),
        );
    }
    let t = &m.timings;
    c.range(
        "timings.idle_timeout_secs",
        "idle_timeout_secs",
        t.idle_timeout_secs,
        10,
        3600,
    );
    c.range(
        "timings.idle_countdown_secs",
        "idle_countdown_secs",
        t.idle_countdown_secs,
        3,
        120,
    );
    c.range(
        "timings.attract_slide_secs",
        "attract_slide_secs",
        t.attract_slide_secs,
        2,
        120,
    );
    c.range(
        "timings.thanks_timeout_secs",
        "thanks_timeout_secs",
        t.thanks_timeout_secs,
        5,
        600,
    );
    let url = &m.online_giving_url;
    if !url.starts_with("https://") || url.len() > 300 || url.chars().any(char::is_whitespace) {
        c.error(
            "online_giving_url",
            "the online giving link must be an https:// address of at most 300 characters, without spaces",
        );
    } else if !url.contains("{ref}") {
        c.warn(
            "online_giving_url",
            "the online giving link has no {ref}, so donors' phones cannot carry their pledge reference",
        );
    }
}

fn story(c: &mut Checker<'_>, s: &Story, photo_ids: Option<&BTreeSet<&str>>) {
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

fn timeline(c: &mut Checker<'_>, t: &Timeline, photo_ids: Option<&BTreeSet<&str>>) {
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

fn photos(c: &mut Checker<'_>, p: &Photos, source: &PackSource, images: ImageCheck) {
    if p.photos.is_empty() {
        c.error("photos", "list at least one photo");
    }
    let mut ids = BTreeSet::new();
    for (i, photo) in p.photos.iter().enumerate() {
        let path = index("photos", i);
        if photo.id.trim().is_empty() {
            c.error(&field(&path, "id"), "the photo id is empty");
        } else if !ids.insert(photo.id.as_str()) {
            c.error(
                &field(&path, "id"),
                format!("the photo id {:?} is used twice", photo.id),
            );
        }
        c.text(&field(&path, "caption"), &photo.caption, limits::CAPTION);
        c.text(&field(&path, "credit"), &photo.credit, limits::CREDIT);
        c.text(&field(&path, "alt"), &photo.alt, limits::ALT);
        let fp = photo.focal_point;
        if !(0.0..=1.0).contains(&fp.x) || !(0.0..=1.0).contains(&fp.y) {
            c.error(
                &field(&path, "focal_point"),
                "the focal point's x and y must each be from 0.0 to 1.0",
            );
        }
        if images != ImageCheck::Skip {
            match check_image(source, &photo.file, images) {
                Err(message) => {
                    c.error(&field(&path, "file"), format!("{}: {message}", photo.file));
                }
                Ok(size) => {
                    if let Some(message) = too_small(size) {
                        c.warn(&field(&path, "file"), format!("{}: {message}", photo.file));
                    }
                }
            }
        }
    }
}

/// How much the full-screen photo viewer may enlarge a photo on a
/// 1920×1080 screen before it looks blurred from a step away.
const MAX_ENLARGEMENT: f64 = 1.5;

/// A warning when a photo of `size` pixels is so small that the
/// full-screen viewer enlarges it past [`MAX_ENLARGEMENT`] on a 1080p
/// screen (the viewer fits it to the screen, whichever side is tighter).
fn too_small([w, h]: [u32; 2]) -> Option<String> {
    let enlarged = (1920.0 / f64::from(w.max(1))).min(1080.0 / f64::from(h.max(1)));
    (enlarged > MAX_ENLARGEMENT).then(|| {
        format!(
            "the image is {w}×{h} pixels: the full-screen viewer shows it {enlarged:.1} times its size on a 1920×1080 screen, and it looks blurred; use one at least 1920 pixels wide or 1080 tall (about 2400×1600 is plenty)"
        )
    })
}

/// Checks one image file; the error says what is wrong with it. Returns its
/// size in pixels.
pub(super) fn check_image(
    source: &PackSource,
    file: &str,
    how: ImageCheck,
) -> Result<[u32; 2], String> {
    let bytes = source
        .read(file, MAX_IMAGE_BYTES)
        .map_err(|e| e.to_string())?;
    let is_jpeg = reader_format_is_jpeg(&bytes);
    // A JPEG's size comes from the same walk that checks it is whole (the
    // general reader would first copy the file).
    let walk = is_jpeg.then(|| jpeg_walk(&bytes));
    let (w, h) = match walk {
        Some(JpegWalk {
            size: Some([w, h]), ..
        }) => (w, h),
        _ => {
            let reader = image::ImageReader::new(Cursor::new(&bytes[..]))
                .with_guessed_format()
                .map_err(|e| e.to_string())?;
            match reader.format() {
                Some(image::ImageFormat::Jpeg | image::ImageFormat::Png) => {}
                _ => return Err("not a JPEG or PNG image".to_owned()),
            }
            reader
                .into_dimensions()
                .map_err(|e| format!("cannot read the image: {e}"))?
        }
    };
    if w == 0
        || h == 0
        || w > limits::MAX_IMAGE_SIDE
        || h > limits::MAX_IMAGE_SIDE
        || u64::from(w) * u64::from(h) > limits::MAX_IMAGE_PIXELS
    {
        return Err(format!(
            "the image is {w}×{h} pixels; at most {} pixels a side and {} megapixels fit",
            limits::MAX_IMAGE_SIDE,
            limits::MAX_IMAGE_PIXELS / 1_000_000
        ));
    }
    if walk.is_some_and(|walk| !walk.complete) {
        // The JPEG decoder fills a cut-off file with grey rather than fail.
        return Err("the JPEG file is cut off before its end; copy it again".to_owned());
    }
    if how == ImageCheck::Decode {
        let mut reader = image::ImageReader::new(Cursor::new(&bytes[..]))
            .with_guessed_format()
            .map_err(|e| e.to_string())?;
        let mut limits = image::Limits::default();
        limits.max_image_width = Some(limits::MAX_IMAGE_SIDE);
        limits.max_image_height = Some(limits::MAX_IMAGE_SIDE);
        limits.max_alloc = Some(limits::MAX_IMAGE_PIXELS * 4 + 1024);
        reader.limits(limits);
        reader
            .decode()
            .map_err(|e| format!("cannot decode the image: {e}"))?;
    }
    Ok([w, h])
}

fn reader_format_is_jpeg(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xFF, 0xD8])
}

/// What walking a JPEG's marker segments found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct JpegWalk {
    /// Width and height from the frame header, if the walk reached one.
    pub size: Option<[u32; 2]>,
    /// Whether the walk reached the end-of-image marker: the file is whole.
    pub complete: bool,
}

/// Walks a JPEG's marker segments to its end-of-image marker, reading the
/// image's size from the frame header on the way.
pub(super) fn jpeg_walk(b: &[u8]) -> JpegWalk {
    let mut found = JpegWalk {
        size: None,
        complete: false,
    };
    let mut i = 2;
    loop {
        if b.get(i) != Some(&0xFF) {
            return found;
        }
        i += 1;
        // Any number of 0xFF fill bytes may precede a marker.
        let marker = loop {
            match b.get(i) {
                Some(0xFF) => i += 1,
                Some(&m) => {
                    i += 1;
                    break m;
                }
                None => return found,
            }
        };
        match marker {
            0xD9 => {
                found.complete = true;
                return found;
            }
            0x01 | 0xD0..=0xD7 => continue,
            _ => {
                let (Some(&hi), Some(&lo)) = (b.get(i), b.get(i + 1)) else {
                    return found;
                };
                let len = usize::from(u16::from_be_bytes([hi, lo]));
                if len < 2 {
                    return found;
                }
                // Start of frame (any coding but the DHT, JPG and DAC
                // markers that share the range): precision, height, width.
                if matches!(marker, 0xC0..=0xCF)
                    && !matches!(marker, 0xC4 | 0xC8 | 0xCC)
                    && found.size.is_none()
                    && let Some(&[_, h1, h0, w1, w0]) = b.get(i + 2..i + 7)
                {
                    found.size = Some([
                        u32::from(u16::from_be_bytes([w1, w0])),
                        u32::from(u16::from_be_bytes([h1, h0])),
                    ]);
                }
                i += len;
                if marker == 0xDA {
                    // Entropy-coded data runs until a marker other than a
                    // stuffed 0xFF00 or a restart marker; memchr finds each
                    // 0xFF many bytes at a time.
                    loop {
                        let Some(at) = b.get(i..).and_then(|rest| memchr::memchr(0xFF, rest))
                        else {
                            return found;
                        };
                        i += at;
                        match b.get(i + 1) {
                            Some(&n) if n != 0 && !(0xD0..=0xD7).contains(&n) => break,
                            Some(_) => i += 1,
                            None => return found,
                        }
                    }
                }
            }
        }
    }
}

fn pledge(c: &mut Checker<'_>, p: &PledgeOptions) {
    let cur = &p.currency;
    currency(c, cur);
    if p.min_minor == 0 {
        c.error("min_minor", "the minimum must be more than 0");
    }
    if p.min_minor > p.max_minor {
        c.error(
            "min_minor",
            format!(
                "the minimum {} is more than the maximum {}",
                p.min_minor, p.max_minor
            ),
        );
    }
    // Keep amounts far from overflow in totals of many pledges.
    c.range(
        "max_minor",
        "the maximum",
        p.max_minor,
        1,
        1_000_000_000_000,
    );
    if p.presets_minor.is_empty() || p.presets_minor.len() > limits::MAX_PRESETS {
        c.error(
            "presets_minor",
            format!("list 1 to {} preset amounts", limits::MAX_PRESETS),
        );
    }
    for (i, &amount) in p.presets_minor.iter().enumerate() {
        let path = index("presets_minor", i);
        if amount < p.min_minor || amount > p.max_minor {
            c.error(
                &path,
                format!(
                    "the preset {amount} is outside the minimum {} and maximum {} (amounts are in minor units: {amount} is {} {})",
                    p.min_minor,
                    p.max_minor,
                    super::format::decimal(amount, cur.minor_exponent()),
                    cur.code
                ),
            );
        }
        if i > 0 && p.presets_minor[i - 1] >= amount {
            c.error(&path, "list the presets smallest first, each once");
        }
    }
    if p.frequencies.is_empty() {
        c.error(
            "frequencies",
            "offer at least one frequency: OneTime or Monthly",
        );
    }
    for (i, f) in p.frequencies.iter().enumerate() {
        if p.frequencies[..i].contains(f) {
            c.error(&index("frequencies", i), format!("{f:?} is listed twice"));
        }
    }
    let d = &p.donor_fields;
    if [d.name, d.email, d.phone]
        .iter()
        .all(|r| *r == FieldRule::Hidden)
    {
        c.error(
            "donor_fields",
            "show at least one of name, email and phone, or staff cannot follow a pledge up",
        );
    }
    if p.statement.version.trim().is_empty() {
        c.error(
            "statement.version",
            "the statement needs a version, recorded with every pledge",
        );
    }
    c.text("statement.title", &p.statement.title, limits::HEADING);
    c.text("statement.text", &p.statement.text, limits::STATEMENT);
    let mut ids = BTreeSet::new();
    for (i, consent) in p.consents.iter().enumerate() {
        let path = index("consents", i);
        let id_ok = !consent.id.is_empty()
            && consent
                .id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if !id_ok {
            c.error(&field(&path, "id"), "a consent id is lower-case letters, digits and underscores, such as \"email_updates\"");
        } else if !ids.insert(consent.id.as_str()) {
            c.error(
                &field(&path, "id"),
                format!("the consent id {:?} is used twice", consent.id),
            );
        }
        c.text(&field(&path, "text"), &consent.text, limits::CONSENT);
    }
    if let Some(id) = &p.public_name_consent
        && !p.consents.iter().any(|c| &c.id == id)
    {
        c.error(
            "public_name_consent",
            format!("there is no consent with id {id:?} in consents"),
        );
    }
    if p.event_goal_minor == 0 {
        c.error("event_goal_minor", "the event goal must be more than 0");
    }
}

/// The currency: a code ISO 4217 lists, that money can be pledged in,
/// still in use, and the exponent (if the pack gives one) its own.
fn currency(c: &mut Checker<'_>, cur: &Currency) {
    let iso = iso_currency::Currency::from_code(&cur.code);
    match iso {
        None => c.error(
            "currency.code",
            format!(
                "{:?} is not an ISO 4217 currency code; use the three capital letters of one, such as \"HKD\", \"EUR\" or \"JPY\"",
                cur.code
            ),
        ),
        Some(iso) => {
            if iso.is_fund() || iso.is_special() || iso.exponent().is_none() {
                c.error(
                    "currency.code",
                    format!(
                        "{} ({}) is not a currency donors can pledge in; use a national currency's code",
                        cur.code,
                        iso.name()
                    ),
                );
            } else if let Some(now) = iso.is_superseded() {
                c.warn(
                    "currency.code",
                    format!(
                        "{} ({}) has been replaced by {} ({}); check the code",
                        cur.code,
                        iso.name(),
                        now.code(),
                        now.name()
                    ),
                );
            }
            if let (Some(given), Some(own)) = (cur.exponent, iso.exponent())
                && u16::from(given) != own
            {
                c.error(
                    "currency.exponent",
                    format!(
                        "{} has {own} decimal place(s) (ISO 4217), not {given}; write exponent: {own}, or leave the exponent out",
                        cur.code
                    ),
                );
            }
        }
    }
    if let Some(symbol) = &cur.symbol {
        c.text("currency.symbol", symbol, limits::CURRENCY_SYMBOL);
    }
}

fn theme(c: &mut Checker<'_>, t: &Theme) {
    let ts = &t.type_scale;
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

/// The `{name}` placeholders in `text`, in order: a name is letters,
/// digits and `_` between braces; other braces are text.
pub fn placeholders_in(text: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let len = after
            .find(|ch: char| !(ch.is_alphanumeric() || ch == '_'))
            .unwrap_or(after.len());
        if len > 0 && after[len..].starts_with('}') {
            names.push(&after[..len]);
            rest = &after[len + 1..];
        } else {
            rest = after;
        }
    }
    names
}

/// Each language's text for `key` has every placeholder the key takes and
/// no other: a translator's `{cuont}` would reach the screen as written,
/// and a text that leaves out `{amount}` would not say how much.
fn placeholders(c: &mut Checker<'_>, key: StringKey, text: &Text) {
    let takes = key.placeholders();
    let list = |names: &[&str]| {
        names
            .iter()
            .map(|n| format!("{{{n}}}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    for (locale, s) in &text.0 {
        let here = field(key.name(), locale);
        let found = placeholders_in(s);
        for name in found.iter().filter(|n| !takes.contains(n)) {
            let takes = if takes.is_empty() {
                "this text takes none".to_owned()
            } else {
                format!("this text takes {}", list(takes))
            };
            c.error(
                &here,
                format!("the {locale:?} text has {{{name}}}, which is never filled in; {takes}"),
            );
        }
        for name in takes.iter().filter(|n| !found.contains(n)) {
            c.error(
                &here,
                format!("the {locale:?} text leaves out {{{name}}}; it must show it"),
            );
        }
    }
}

fn strings(c: &mut Checker<'_>, s: &Strings, fallback: Option<&Strings>) {
    for key in StringKey::ALL {
        match s.0.get(key) {
            Some(text) => {
                c.text(key.name(), text, key.max_columns());
                placeholders(c, *key, text);
            }
            None if fallback.is_some() => c.warn(
                "",
                format!(
                    "{} is missing; the bundled pack's text is shown",
                    key.name()
                ),
            ),
            None => c.error("", format!("{} is missing", key.name())),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "a test: a failed step should stop it")]

    use super::{JpegWalk, jpeg_walk, placeholders_in};

    #[test]
    fn placeholders_are_names_in_braces_and_other_braces_are_text() {
        assert_eq!(
            placeholders_in("{count} pledges to {file}"),
            ["count", "file"]
        );
        assert_eq!(placeholders_in("{ } {a b} {} { {secs"), Vec::<&str>::new());
        assert_eq!(placeholders_in("{{amount}}"), ["amount"]);
        assert_eq!(placeholders_in("{數字}"), ["數字"]);
    }

    /// A small JPEG with busy pixels, so its compressed data holds stuffed
    /// 0xFF bytes.
    fn jpeg(w: u32, h: u32) -> Vec<u8> {
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let img = image::RgbImage::from_fn(w, h, |_, _| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let [r, g, b, ..] = seed.to_le_bytes();
            image::Rgb([r, g, b])
        });
        let mut out = Vec::new();
        img.write_with_encoder(image::codecs::jpeg::JpegEncoder::new_with_quality(
            &mut std::io::Cursor::new(&mut out),
            95,
        ))
        .unwrap();
        out
    }

    #[test]
    fn a_whole_jpeg_gives_its_size_and_every_cut_off_one_is_not_whole() {
        let whole = jpeg(97, 41);
        assert!(
            whole.windows(2).any(|p| p == [0xFF, 0x00]),
            "the test image should hold stuffed bytes"
        );
        assert_eq!(
            jpeg_walk(&whole),
            JpegWalk {
                size: Some([97, 41]),
                complete: true
            }
        );
        for len in 0..whole.len() {
            assert!(
                !jpeg_walk(&whole[..len]).complete,
                "cut at {len} of {}",
                whole.len()
            );
        }
        // Data after the end (a phone's motion photo) does not matter.
        let mut longer = whole.clone();
        longer.extend_from_slice(b"\0\0ftypmp42");
        assert!(jpeg_walk(&longer).complete);
    }

    #[test]
    fn fill_bytes_before_a_marker_are_skipped() {
        let whole = jpeg(16, 16);
        let eoi = whole.len() - 2;
        let mut filled = whole[..eoi].to_vec();
        filled.extend_from_slice(&[0xFF, 0xFF, 0xFF]);
        filled.extend_from_slice(&whole[eoi..]);
        assert_eq!(jpeg_walk(&filled), jpeg_walk(&whole));
    }
}
