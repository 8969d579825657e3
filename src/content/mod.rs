//! Content packs: the RON files and images that hold every word, figure,
//! photo, colour and timing the kiosk shows; loading them, checking them, and
//! falling back to the bundled pack when an override is broken.

pub mod format;
pub mod letters;
pub mod locate;
pub mod model;
mod problem;
mod source;
mod validate;
pub mod watch;

use std::{path::Path, sync::Arc};

use serde::de::DeserializeOwned;

pub use locate::Pos;
pub use model::*;
pub use problem::{Problem, Severity};
pub use source::{ExportError, PackSource, ReadError, bundled_files, export_bundled};
pub use validate::{columns, contrast_pairs, limits};

/// Every RON file a pack can hold, in the order they are checked and
/// their problems listed: the seven a pack must have ([`PACK_FILES`]), then
/// those it may leave out ([`OPTIONAL_FILES`]).
pub const ALL_FILES: [&str; 8] = [
    MANIFEST_FILE,
    STORY_FILE,
    TIMELINE_FILE,
    PHOTOS_FILE,
    PLEDGE_FILE,
    THEME_FILE,
    STRINGS_FILE,
    EVENT_FILE,
];
/// The RON files every pack has.
pub const PACK_FILES: &[&str] = ALL_FILES.split_at(7).0;
/// The files a pack may leave out: the evening (goal, paddle raise levels,
/// matching gift, slides).
pub const OPTIONAL_FILES: &[&str] = ALL_FILES.split_at(7).1;
/// The evening: the total screen's goal, levels, matching gift and slides.
pub const EVENT_FILE: &str = "event.ron";
/// Identity, languages and timings.
pub const MANIFEST_FILE: &str = "manifest.ron";
/// The founder's story and headline figures.
pub const STORY_FILE: &str = "story.ron";
/// The timeline's events.
pub const TIMELINE_FILE: &str = "timeline.ron";
/// The photo list.
pub const PHOTOS_FILE: &str = "photos.ron";
/// The pledge form's options.
pub const PLEDGE_FILE: &str = "pledge.ron";
/// Colours, type and spacing.
pub const THEME_FILE: &str = "theme.ron";
/// Button labels and messages.
pub const STRINGS_FILE: &str = "strings.ron";

/// The largest RON file a pack may hold.
pub const MAX_RON_BYTES: u64 = 2 * 1024 * 1024;
/// The largest image file a pack may hold.
pub const MAX_IMAGE_BYTES: u64 = 64 * 1024 * 1024;
/// The folder of a pack's own fonts.
pub const FONTS_DIR: &str = "fonts";
/// The largest font file a pack may hold (a whole Noto Sans CJK face is
/// about 16 MB).
pub const MAX_FONT_BYTES: u64 = 32 * 1024 * 1024;
/// The most fonts a pack may hold.
pub const MAX_FONTS: usize = 8;

/// A font the pack brings in its `fonts/` folder, used before the bundled
/// fonts for every text the kiosk shows.
#[derive(Clone)]
pub struct PackFont {
    /// Its file, such as `fonts/NotoSansJP-Regular.otf`.
    pub file: String,
    /// The file's bytes, shared with the text renderer when it is installed.
    pub bytes: Arc<Vec<u8>>,
}

impl std::fmt::Debug for PackFont {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PackFont({}, {} bytes)", self.file, self.bytes.len())
    }
}

/// Reads the fonts in the pack's `fonts/` folder: TrueType or OpenType
/// files (`.ttf`, `.otf`), beside their licence. A file that is not a font
/// it can use is an error; anything else that is not a licence, a warning.
fn read_fonts(source: &PackSource, problems: &mut Vec<Problem>) -> Vec<PackFont> {
    let files = source.list(FONTS_DIR);
    let lower = |f: &str| f.rsplit('/').next().unwrap_or(f).to_ascii_lowercase();
    let is_font = |f: &str| {
        let name = lower(f);
        name.ends_with(".ttf") || name.ends_with(".otf")
    };
    let is_licence = |f: &str| {
        let name = lower(f);
        ["ofl", "license", "licence", "copying"]
            .iter()
            .any(|p| name.starts_with(p))
    };
    let mut fonts = Vec::new();
    for file in &files {
        if is_licence(file) {
            continue;
        }
        if !is_font(file) {
            problems.push(Problem::warning(
                file,
                Pos::START,
                "not a font (.ttf or .otf) nor a licence; the kiosk does not use it",
            ));
            continue;
        }
        if fonts.len() == MAX_FONTS {
            problems.push(Problem::error(
                file,
                Pos::START,
                format!("a pack may bring at most {MAX_FONTS} fonts"),
            ));
            continue;
        }
        let bytes = match source.read(file, MAX_FONT_BYTES) {
            Ok(bytes) => bytes.into_owned(),
            Err(e) => {
                problems.push(Problem::error(file, Pos::START, e.to_string()));
                continue;
            }
        };
        if crate::fonts::font_characters(&bytes).is_none_or(|n| n == 0) {
            problems.push(Problem::error(
                file,
                Pos::START,
                "not a TrueType or OpenType font the kiosk can draw with (a .ttc collection or a .woff web font will not do: use one face as .ttf or .otf)",
            ));
            continue;
        }
        fonts.push(PackFont {
            file: file.clone(),
            bytes: Arc::new(bytes),
        });
    }
    if let Some(first) = fonts.first()
        && !files.iter().any(|f| is_licence(f))
    {
        problems.push(Problem::warning(
            &first.file,
            Pos::START,
            "fonts/ holds no licence (OFL.txt, LICENSE.txt): put the font's licence beside it, as font licences ask, so staff know the kiosk may show it",
        ));
    }
    fonts
}

/// A loaded, checked, immutable content pack. Screens read it every frame
/// through an `Arc`.
#[derive(Clone, Debug)]
pub struct Pack {
    /// `manifest.ron`.
    pub manifest: Manifest,
    /// `story.ron`.
    pub story: Story,
    /// `timeline.ron`.
    pub timeline: Timeline,
    /// `photos.ron`.
    pub photos: Photos,
    /// `pledge.ron`.
    pub pledge: PledgeOptions,
    /// `theme.ron`.
    pub theme: Theme,
    /// `strings.ron`, with any key the pack left out taken from the bundled
    /// pack.
    pub strings: Strings,
    /// `event.ron`, if the pack has one.
    pub event: Option<Gala>,
    /// The fonts the pack brings (`fonts/`), drawn with before the bundled
    /// ones.
    pub fonts: Vec<PackFont>,
    /// Where the pack's images are read from.
    pub source: PackSource,
}

/// How thoroughly images are checked while loading.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImageCheck {
    /// Not at all (the bundled pack, checked by its tests).
    Skip,
    /// Read each image's header: it exists, is JPEG or PNG, and its size is
    /// within bounds. Cheap enough for every start.
    Header,
    /// Decode every image completely (`storykiosk validate`), which also
    /// finds truncated files.
    Decode,
}

/// What loading a pack produced: the pack, if it is usable, and every
/// problem found in it.
#[derive(Debug)]
pub struct Loaded {
    /// The pack; `None` if any problem is an error.
    pub pack: Option<Pack>,
    /// Every problem found, errors and warnings, in file order.
    pub problems: Vec<Problem>,
}

/// Reads, parses and checks the pack at `source`, collecting every problem
/// rather than stopping at the first. `fallback_strings` fills UI strings the
/// pack leaves out (with a warning); without it a missing string is an error.
pub fn load(source: &PackSource, images: ImageCheck, fallback_strings: Option<&Strings>) -> Loaded {
    let mut problems = Vec::new();
    let mut texts: Vec<Option<String>> = Vec::with_capacity(ALL_FILES.len());
    for file in PACK_FILES {
        texts.push(read_text(source, file, false, &mut problems));
    }
    for file in OPTIONAL_FILES {
        texts.push(read_text(source, file, true, &mut problems));
    }
    let [manifest, story, timeline, photos, pledge, theme, strings] =
        [0, 1, 2, 3, 4, 5, 6].map(|i| texts[i].as_deref());
    let manifest = parse::<Manifest>(MANIFEST_FILE, manifest, &mut problems);
    let story = parse::<Story>(STORY_FILE, story, &mut problems);
    let timeline = parse::<Timeline>(TIMELINE_FILE, timeline, &mut problems);
    let photos = parse::<Photos>(PHOTOS_FILE, photos, &mut problems);
    let pledge = parse::<PledgeOptions>(PLEDGE_FILE, pledge, &mut problems);
    let theme = parse::<Theme>(THEME_FILE, theme, &mut problems);
    let strings = parse::<Strings>(STRINGS_FILE, strings, &mut problems);
    let event = parse::<Gala>(EVENT_FILE, texts[7].as_deref(), &mut problems);
    let fonts = read_fonts(source, &mut problems);

    validate::check(
        &validate::Parsed {
            manifest: manifest.as_ref(),
            story: story.as_ref(),
            timeline: timeline.as_ref(),
            photos: photos.as_ref(),
            pledge: pledge.as_ref(),
            theme: theme.as_ref(),
            strings: strings.as_ref(),
            event: event.as_ref(),
        },
        &texts,
        source,
        images,
        fallback_strings,
        &fonts,
        &mut problems,
    );
    problems.sort_by(|a, b| {
        let order = |f: &str| ALL_FILES.iter().position(|p| *p == f).unwrap_or(usize::MAX);
        (order(&a.file), a.pos.line, a.pos.col).cmp(&(order(&b.file), b.pos.line, b.pos.col))
    });
    let usable = !problems.iter().any(Problem::is_error);
    let pack = match (manifest, story, timeline, photos, pledge, theme, strings) {
        (
            Some(manifest),
            Some(story),
            Some(timeline),
            Some(photos),
            Some(pledge),
            Some(theme),
            Some(mut strings),
        ) if usable => {
            if let Some(fallback) = fallback_strings {
                for (key, text) in &fallback.0 {
                    strings.0.entry(*key).or_insert_with(|| text.clone());
                }
            }
            Some(Pack {
                manifest,
                story,
                timeline,
                photos,
                pledge,
                theme,
                strings,
                event,
                fonts,
                source: source.clone(),
            })
        }
        _ => None,
    };
    Loaded { pack, problems }
}

/// The text of `file`; `None`, with the problem noted, if it cannot be
/// read, except an `optional` file left out, which is no problem.
fn read_text(
    source: &PackSource,
    file: &str,
    optional: bool,
    problems: &mut Vec<Problem>,
) -> Option<String> {
    let bytes = match source.read(file, MAX_RON_BYTES) {
        Ok(bytes) => bytes,
        Err(ReadError::NotFound) if optional => return None,
        Err(e) => {
            problems.push(Problem::error(file, Pos::START, e.to_string()));
            return None;
        }
    };
    match String::from_utf8(bytes.into_owned()) {
        Ok(text) => Some(text),
        Err(e) => {
            let bytes = e.as_bytes();
            let valid = e.utf8_error().valid_up_to();
            let before = String::from_utf8_lossy(&bytes[..valid]);
            let line = 1 + before.matches('\n').count();
            let col = 1 + before.rsplit('\n').next().map_or(0, |l| l.chars().count());
            problems.push(Problem::error(
                file,
                Pos { line, col },
                "the file is not valid UTF-8 text; save it as UTF-8",
            ));
            None
        }
    }
}

/// The ron options every pack file is read with: `Some(..)` may be left out.
pub fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
}

fn parse<T: DeserializeOwned>(
    file: &str,
    text: Option<&str>,
    problems: &mut Vec<Problem>,
) -> Option<T> {
    match ron_options().from_str::<T>(text?) {
        Ok(value) => Some(value),
        Err(e) => {
            let pos = settle(
                text?,
                Pos {
                    line: e.span.start.line.max(1),
                    col: e.span.start.col.max(1),
                },
            );
            problems.push(Problem::error(
                file,
                pos,
                validate::describe_ron_error(&e.code),
            ));
            None
        }
    }
}

/// Moves a position ron reports onto the value it is about: past the
/// whitespace before it, and back onto the opening quote of a string whose
/// content was rejected (ron points just inside it).
fn settle(text: &str, pos: Pos) -> Pos {
    let Some(line) = text.lines().nth(pos.line - 1) else {
        return pos;
    };
    let chars: Vec<char> = line.chars().collect();
    let mut col = pos.col;
    while chars.get(col - 1).is_some_and(|c| c.is_whitespace()) {
        col += 1;
    }
    if col >= 2 && chars.get(col - 2) == Some(&'"') && chars.get(col - 1) != Some(&'"') {
        col -= 1;
    }
    if col > chars.len() {
        return pos;
    }
    Pos {
        line: pos.line,
        col,
    }
}

impl Pack {
    /// The bundled pack. It is checked by the test suite, so failing here is
    /// a build defect; the error still says what is wrong rather than
    /// panicking.
    pub fn bundled() -> Result<Pack, Vec<Problem>> {
        let loaded = load(&PackSource::Bundled, ImageCheck::Skip, None);
        loaded.pack.ok_or(loaded.problems)
    }

    /// The evening's goal in minor units: `event.ron`'s, or without one
    /// `pledge.ron`'s `event_goal_minor`.
    pub fn goal_minor(&self) -> u64 {
        self.event
            .as_ref()
            .map_or(self.pledge.event_goal_minor, |e| e.goal_minor)
    }

    /// The consent that lets the total screen thank a donor by first name:
    /// `pledge.ron`'s `public_name_consent`, unless `event.ron` says no
    /// first names are shown.
    pub fn names_shown_with(&self) -> Option<&str> {
        self.pledge
            .public_name_consent
            .as_deref()
            .filter(|_| self.event.as_ref().is_none_or(|e| e.show_first_names))
    }

    /// `text` in `locale`, falling back to the pack's default locale.
    pub fn tr<'a>(&self, text: &'a Text, locale: &str) -> &'a str {
        text.get(locale, &self.manifest.default_locale)
    }

    /// The UI string `key` in `locale`.
    pub fn string(&self, key: StringKey, locale: &str) -> &str {
        self.strings.get(key, locale, &self.manifest.default_locale)
    }

    /// The photo with this `id`.
    pub fn photo(&self, id: &str) -> Option<&Photo> {
        self.photos.photos.iter().find(|p| p.id == id)
    }
}

/// The pack the kiosk runs on, and what happened on the way to it: kept for
/// the admin screen.
#[derive(Debug)]
pub struct LoadReport {
    /// The pack in use: the override if it loaded cleanly, else the bundled.
    pub pack: Arc<Pack>,
    /// The override folder that was asked for, if any.
    pub requested: Option<std::path::PathBuf>,
    /// Every problem found in the override (warnings included).
    pub problems: Vec<Problem>,
    /// True when the override was broken and the bundled pack is shown.
    pub fell_back: bool,
}

/// Loads the override pack in `dir`, or the bundled pack when `dir` is
/// `None`. A broken override never stops the kiosk: the bundled pack is used
/// and the override's problems are kept in the report.
pub fn load_or_bundled(dir: Option<&Path>) -> Result<LoadReport, Vec<Problem>> {
    let bundled = Pack::bundled()?;
    let Some(dir) = dir else {
        return Ok(LoadReport {
            pack: Arc::new(bundled),
            requested: None,
            problems: Vec::new(),
            fell_back: false,
        });
    };
    let loaded = load(
        &PackSource::Dir(dir.to_path_buf()),
        ImageCheck::Header,
        Some(&bundled.strings),
    );
    let fell_back = loaded.pack.is_none();
    Ok(LoadReport {
        pack: Arc::new(loaded.pack.unwrap_or(bundled)),
        requested: Some(dir.to_path_buf()),
        problems: loaded.problems,
        fell_back,
    })
}
