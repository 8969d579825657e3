//! Every pack that validates works: packs generated anywhere inside the
//! limits docs/content-packs.md gives (texts up to each limit in Latin and
//! Chinese, 1 to 100 events with and without months, every figure style,
//! the extremes of every size, spacing and text scale, photos of any
//! allowed shape, any currency) are driven through every screen by a
//! visitor's taps, at every supported screen size in both orientations,
//! headless (egui_kittest). No screen may panic, and every widget must sit
//! inside the screen (or be one a scroll brings into it), with no button
//! over another and no label over a button.
//!
//! The property test runs `ANY_PACK_CASES` packs (24 by default, bounded for
//! CI); `ANY_PACK_SEED=n` replays one. The cases that broke before the
//! fixes are kept as named tests at the end.

#![allow(
    clippy::unwrap_used,
    reason = "helpers of tests: a failed step should panic"
)]

mod common;

use std::{fmt::Write as _, fs, sync::Arc};

use common::kiosk;
use egui::{Pos2, Rect, Role, Vec2};
use egui_kittest::{
    Harness,
    kittest::{By, NodeT, Queryable},
};
use storykiosk::{
    app::{KioskApp, Startup},
    config::KioskConfig,
    content::{self, *},
    screens::Mode,
};

type H = Harness<'static, KioskApp>;

/// Every supported screen, in pixels: 1280×720 to 3840×2160, 16:9, 16:10
/// and 4:3, landscape and portrait.
const SIZES: [(f32, f32); 10] = [
    (1280.0, 720.0),
    (1920.0, 1080.0),
    (3840.0, 2160.0),
    (1280.0, 800.0),
    (1024.0, 768.0),
    (720.0, 1280.0),
    (1080.0, 1920.0),
    (2160.0, 3840.0),
    (800.0, 1280.0),
    (768.0, 1024.0),
];

/// A small, repeatable random source (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// From `lo` to `hi`, both included; the ends come up often, as limits
    /// are where layouts break.
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        match self.next() % 10 {
            0..=2 => lo,
            3..=5 => hi,
            _ => lo + self.next() % (hi - lo + 1),
        }
    }

    fn float(&mut self, lo: f32, hi: f32) -> f32 {
        match self.next() % 10 {
            0..=2 => lo,
            3..=5 => hi,
            _ => lo + (hi - lo) * (self.next() % 1000) as f32 / 1000.0,
        }
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next() % items.len() as u64) as usize]
    }
}

/// The languages a generated pack may speak, with their names.
const LANGUAGES: [(&str, &str); 6] = [
    ("en", "English"),
    ("fr", "Français"),
    ("zh-HK", "中文"),
    ("es", "Español"),
    ("de", "Deutsch"),
    ("tr", "Türkçe"),
];

/// Latin words, short and long (German compounds, Turkish suffixes), with
/// the letters these languages add.
const WORDS: [&str; 16] = [
    "à",
    "de",
    "été",
    "Straße",
    "garçon",
    "niño",
    "Spendenversprechen",
    "Kinderkantine",
    "yardımlaşma",
    "ÇĞİÖŞÜ",
    "l'œuvre",
    "über",
    "Ñandú",
    "señorita",
    "Kindergartenbetreuungsplatzvergabe",
    "WWWWWWWW",
];

/// Traditional Chinese characters every bundled font has.
const HAN: &str = "公義廿五載謝謝你可選填我們的故事時間線相片承諾捐款人家國際司法援助中心香港年月日大小文字高對比完成";

/// Texts made for one pack: unique, so a visitor's tap can find each.
struct Texts {
    rng: Rng,
    n: u32,
}

impl Texts {
    /// A text for `locale` of at most `max_cols` columns (often exactly
    /// that), starting with a tag no other text has.
    fn make(&mut self, locale: &str, max_cols: usize) -> String {
        self.n += 1;
        let n = self.n;
        let chinese = locale == "zh-HK";
        let mut s = if chinese {
            let han: Vec<char> = HAN.chars().collect();
            format!(
                "{}{}",
                han[n as usize % han.len()],
                han[n as usize / han.len() % han.len()]
            )
        } else {
            format!("Q{n}")
        };
        let target = if self.rng.chance(50) {
            max_cols
        } else {
            1 + (self.rng.next() % max_cols as u64) as usize
        };
        loop {
            let next = if chinese {
                let han: Vec<char> = HAN.chars().collect();
                han[(self.rng.next() % han.len() as u64) as usize].to_string()
            } else {
                format!(" {}", self.rng.pick(&WORDS))
            };
            if content::columns(&s) + content::columns(&next) > target {
                break;
            }
            s.push_str(&next);
        }
        // Cut to the limit, keeping whole characters.
        while content::columns(&s) > max_cols {
            s.pop();
        }
        s.trim_end().to_owned()
    }

    fn text(&mut self, locales: &[&str], max_cols: usize) -> Text {
        Text(
            locales
                .iter()
                .map(|l| ((*l).to_owned(), self.make(l, max_cols)))
                .collect(),
        )
    }
}

/// A generated pack, its files on disk, and what a visitor taps.
struct Generated {
    dir: tempfile::TempDir,
    pack: Pack,
    /// The seed, to replay it.
    seed: u64,
}

fn generate(seed: u64) -> Generated {
    let mut rng = Rng(seed);
    let count = rng.range(1, 3) as usize;
    let mut languages: Vec<(&str, &str)> = Vec::new();
    while languages.len() < count {
        let l = *rng.pick(&LANGUAGES);
        if !languages.contains(&l) {
            languages.push(l);
        }
    }
    let codes: Vec<&str> = languages.iter().map(|(c, _)| *c).collect();
    let mut t = Texts {
        rng: Rng(seed ^ 0xA5A5),
        n: 0,
    };
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("photos")).unwrap();

    // Photos of any allowed shape: from a 12:1 panorama to a 1:12 strip.
    let photo_count = rng.range(1, 24) as usize;
    let shapes = [
        (1200, 100),
        (100, 1200),
        (600, 400),
        (400, 600),
        (500, 500),
        (1200, 300),
    ];
    let mut photos = Vec::new();
    for i in 0..photo_count {
        let (w, h) = *rng.pick(&shapes);
        let file = format!("photos/p{i}.png");
        let shade = (i * 37 % 200) as u8 + 30;
        image::RgbImage::from_pixel(w, h, image::Rgb([shade, 90, 255 - shade]))
            .save(dir.path().join(&file))
            .unwrap();
        photos.push(Photo {
            id: format!("p{i}"),
            file,
            caption: t.text(&codes, content::limits::CAPTION),
            credit: t.text(&codes, content::limits::CREDIT),
            alt: t.text(&codes, content::limits::ALT),
            focal_point: FocalPoint {
                x: rng.float(0.0, 1.0),
                y: rng.float(0.0, 1.0),
            },
        });
    }
    let photo_id = |rng: &mut Rng| {
        rng.chance(60)
            .then(|| format!("p{}", rng.next() % photo_count as u64))
    };
    let figure = |t: &mut Texts, rng: &mut Rng| Figure {
        value: match rng.next() % 4 {
            0 => 0,
            1 => u64::MAX,
            2 => rng.range(1, 100),
            _ => rng.range(1_000, 9_999_999_999),
        },
        style: *rng.pick(&[
            FigureStyle::Exact,
            FigureStyle::Compact,
            FigureStyle::Percent,
        ]),
        unit: rng
            .chance(40)
            .then(|| t.text(&codes, content::limits::FIGURE_UNIT)),
        label: t.text(&codes, content::limits::FIGURE_LABEL),
        source: rng
            .chance(50)
            .then(|| t.text(&codes, content::limits::FIGURE_SOURCE)),
    };

    let manifest = Manifest {
        id: "generated".into(),
        title: t.text(&codes, content::limits::PACK_TITLE),
        version: "1".into(),
        locales: languages
            .iter()
            .map(|(code, name)| content::Locale {
                code: (*code).into(),
                name: (*name).into(),
                formats_as: (*code == "zh-HK").then(|| "zh-Hant".to_owned()),
            })
            .collect(),
        default_locale: codes[0].into(),
        // Long enough that no "still there?" comes before the tour asks for
        // one (each settling of the screen moves the clock on).
        timings: Timings {
            idle_timeout_secs: 3600,
            idle_countdown_secs: 10,
            attract_slide_secs: 7,
            thanks_timeout_secs: 30,
        },
        online_giving_url: "https://example.org/give?ref={ref}".into(),
    };
    let figures = (0..rng.range(1, 12))
        .map(|_| figure(&mut t, &mut rng))
        .collect();
    let story = Story {
        title: t.text(&codes, content::limits::HEADING),
        chapters: (0..rng.range(1, 6))
            .map(|_| Chapter {
                title: t.text(&codes, content::limits::HEADING),
                paragraphs: (0..rng.range(1, 3))
                    .map(|_| t.text(&codes, content::limits::PARAGRAPH))
                    .collect(),
                photo: photo_id(&mut rng),
            })
            .collect(),
        figures,
    };
    // 1 to 100 events, oldest first; some share a year, each with a month.
    let mut events = Vec::new();
    let mut year = rng.range(1, 9000) as i32;
    for _ in 0..rng.range(1, 100) {
        let share = rng.chance(30);
        let months: Vec<Option<u8>> = if share {
            vec![Some(rng.range(1, 6) as u8), Some(rng.range(7, 12) as u8)]
        } else if rng.chance(50) {
            vec![Some(rng.range(1, 12) as u8)]
        } else {
            vec![None]
        };
        for month in months {
            if events.len() == content::limits::MAX_EVENTS {
                break;
            }
            events.push(Event {
                year,
                month,
                title: t.text(&codes, content::limits::EVENT_TITLE),
                body: t.text(&codes, content::limits::EVENT_BODY),
                photo: photo_id(&mut rng),
                figure: rng.chance(30).then(|| figure(&mut t, &mut rng)),
            });
        }
        year = (year + rng.range(1, 10) as i32).min(9999);
        if year == 9999 {
            break;
        }
    }
    let timeline = Timeline {
        title: t.text(&codes, content::limits::HEADING),
        events,
    };

    let (code, exponent) = *rng.pick(&[
        ("HKD", 2u32),
        ("JPY", 0),
        ("KWD", 3),
        ("EUR", 2),
        ("CHF", 2),
    ]);
    let unit = 10u64.pow(exponent);
    let max_minor = rng.range(unit * 10, 1_000_000_000_000);
    let min_minor = rng.range(1, max_minor / 10);
    let preset_count = rng.range(1, content::limits::MAX_PRESETS as u64);
    let mut presets: Vec<u64> = (0..preset_count)
        .map(|_| rng.range(min_minor, max_minor))
        .collect();
    presets.sort_unstable();
    presets.dedup();
    let rule =
        |rng: &mut Rng| *rng.pick(&[FieldRule::Required, FieldRule::Optional, FieldRule::Hidden]);
    let mut donor_fields = DonorFields {
        name: rule(&mut rng),
        email: rule(&mut rng),
        phone: rule(&mut rng),
        dedication: rule(&mut rng),
        allow_anonymous: rng.chance(50),
    };
    if [donor_fields.name, donor_fields.email, donor_fields.phone]
        .iter()
        .all(|r| *r == FieldRule::Hidden)
    {
        donor_fields.name = FieldRule::Required;
    }
    let consents: Vec<Consent> = (0..rng.range(0, 5))
        .map(|i| Consent {
            id: format!("consent_{i}"),
            text: t.text(&codes, content::limits::CONSENT),
        })
        .collect();
    let pledge = PledgeOptions {
        currency: Currency {
            code: code.into(),
            symbol: rng
                .chance(50)
                .then(|| t.text(&codes, content::limits::CURRENCY_SYMBOL)),
            exponent: None,
        },
        presets_minor: presets,
        min_minor,
        max_minor,
        frequencies: rng
            .pick(&[
                vec![Frequency::OneTime],
                vec![Frequency::Monthly],
                vec![Frequency::OneTime, Frequency::Monthly],
                vec![Frequency::Monthly, Frequency::OneTime],
            ])
            .clone(),
        donor_fields,
        statement: Statement {
            version: "1".into(),
            title: t.text(&codes, content::limits::HEADING),
            text: t.text(&codes, content::limits::STATEMENT),
        },
        public_name_consent: consents.first().map(|c| c.id.clone()),
        consents,
        event_goal_minor: max_minor,
    };

    let bundled = Pack::bundled().unwrap();
    let mut scales: Vec<f32> = (0..rng.range(1, 5)).map(|_| rng.float(0.75, 2.0)).collect();
    scales.sort_by(f32::total_cmp);
    scales.dedup();
    let mut theme = bundled.theme.clone();
    theme.type_scale = TypeScale {
        small_px: rng.float(12.0, 48.0),
        body_px: rng.float(16.0, 64.0),
        button_px: rng.float(16.0, 72.0),
        heading_px: rng.float(18.0, 96.0),
        title_px: rng.float(20.0, 128.0),
        figure_px: rng.float(24.0, 200.0),
        text_scales: scales,
    };
    theme.spacing = Spacing {
        small_px: rng.float(0.0, 128.0),
        medium_px: rng.float(0.0, 128.0),
        large_px: rng.float(0.0, 128.0),
    };
    theme.radii = Radii {
        small_px: rng.float(0.0, 64.0),
        large_px: rng.float(0.0, 64.0),
    };
    theme.min_touch_px = rng.float(48.0, 200.0);

    let mut strings = Strings::default();
    for key in StringKey::ALL {
        let mut text = Text::default();
        for code in &codes {
            // Every placeholder the key takes, as validate requires.
            let holes: Vec<String> = key
                .placeholders()
                .iter()
                .map(|h| format!("{{{h}}}"))
                .collect();
            let room = key
                .max_columns()
                .saturating_sub(holes.iter().map(String::len).sum());
            let mut s = t.make(code, room.max(1));
            for hole in &holes {
                s.push_str(hole);
            }
            while content::columns(&s) > key.max_columns() {
                s.remove(s.char_indices().nth(2).map_or(0, |(i, _)| i));
            }
            text.0.insert((*code).into(), s);
        }
        strings.0.insert(*key, text);
    }
    let photos = Photos { photos };

    // Half the packs have an evening (event.ron), with all it allows.
    let gala = rng.chance(50).then(|| {
        let most = content::limits::MAX_AMOUNT_MINOR;
        let mut amounts: Vec<u64> = Vec::new();
        for _ in 0..rng.range(0, content::limits::MAX_LEVELS as u64) {
            amounts.push(rng.range(1, most));
        }
        amounts.sort_unstable_by(|a, b| b.cmp(a));
        amounts.dedup();
        let mut levels = Vec::new();
        for amount_minor in amounts {
            let hoped = rng.range(1, 10_000) as u32;
            levels.push(Level {
                amount_minor,
                hoped,
            });
        }
        let mut slides = Vec::new();
        for _ in 0..rng.range(0, content::limits::MAX_SLIDES as u64) {
            slides.push(match rng.next() % 3 {
                0 => Slide::Mission(MissionSlide {
                    text: t.text(&codes, content::limits::SLIDE_TEXT),
                }),
                1 => Slide::Figure(figure(&mut t, &mut rng)),
                _ => Slide::Sponsor(SponsorSlide {
                    text: t.text(&codes, content::limits::SLIDE_TEXT),
                    logo: rng.chance(70).then(|| "photos/p0.png".to_owned()),
                }),
            });
        }
        let matching = rng.chance(50).then(|| Matching {
            sponsor: t.text(&codes, content::limits::HEADING),
            up_to_minor: rng.range(1, most),
            percent: rng.range(1, 1000) as u32,
        });
        Gala {
            goal_minor: rng.range(1, most),
            levels,
            matching,
            slides,
            show_first_names: rng.chance(50),
        }
    });

    let write = |file: &str, ron: String| fs::write(dir.path().join(file), ron).unwrap();
    let ron = |v: &dyn erased::Ron| v.ron();
    write(MANIFEST_FILE, ron(&manifest));
    write(STORY_FILE, ron(&story));
    write(TIMELINE_FILE, ron(&timeline));
    write(PHOTOS_FILE, ron(&photos));
    write(PLEDGE_FILE, ron(&pledge));
    write(THEME_FILE, ron(&theme));
    write(STRINGS_FILE, ron(&strings));
    if let Some(gala) = &gala {
        write(EVENT_FILE, ron(gala));
    }

    let loaded = content::load(
        &PackSource::Dir(dir.path().to_path_buf()),
        ImageCheck::Header,
        None,
    );
    let errors: Vec<String> = loaded
        .problems
        .iter()
        .filter(|p| p.is_error())
        .map(ToString::to_string)
        .collect();
    assert!(
        errors.is_empty(),
        "seed {seed}: the generated pack is invalid:\n{}",
        errors.join("\n")
    );
    // Its evening read as written, or none.
    assert_eq!(
        loaded.pack.as_ref().and_then(|p| p.event.as_ref()),
        gala.as_ref(),
        "seed {seed}"
    );
    Generated {
        pack: loaded.pack.unwrap(),
        dir,
        seed,
    }
}

mod erased {
    //! RON of any pack file's model.

    /// A model value written as a pack file.
    pub trait Ron {
        fn ron(&self) -> String;
    }

    impl<T: serde::Serialize> Ron for T {
        fn ron(&self) -> String {
            ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default()).unwrap()
        }
    }
}

/// The kiosk on `pack` at `size` (pixels), headless, with PIN 2468.
fn kiosk_on(pack: &Pack, size: (f32, f32)) -> (H, tempfile::TempDir) {
    let data = tempfile::tempdir().unwrap();
    let mut config = KioskConfig {
        kiosk_id: "k".into(),
        event_id: "e".into(),
        ..KioskConfig::default()
    };
    config.set_pin("2468").unwrap();
    let report = LoadReport {
        pack: Arc::new(pack.clone()),
        requested: None,
        problems: Vec::new(),
        fell_back: false,
    };
    let startup = Startup {
        mode: Mode::Kiosk,
        report,
        config,
        data_dir: data.path().to_path_buf(),
        options: Default::default(),
        prefetch: None,
    };
    let h = if shots().is_some() {
        // Pictures to look at: drawn, and slower.
        Harness::builder()
            .with_size(Vec2::new(size.0, size.1))
            .with_step_dt(1.0 / 30.0)
            .with_max_steps(400)
            .wgpu()
            .build_eframe(move |cc| KioskApp::new(&cc.egui_ctx, startup).fill_background())
    } else {
        kiosk::headless(Vec2::new(size.0, size.1), startup)
    };
    (h, data)
}

/// `ANY_PACK_SHOTS=DIR`: a picture of every step goes there.
fn shots() -> Option<std::path::PathBuf> {
    std::env::var_os("ANY_PACK_SHOTS").map(std::path::PathBuf::from)
}

/// The screen's rectangle in points, as the app lays out.
fn screen(h: &H) -> Rect {
    h.ctx.content_rect()
}

/// Every problem with the layout on screen now: a widget cut off at the side
/// of the screen, one outside it that no scroll brings in, a button over
/// another, a label over a button. Widgets are egui's own record of the
/// last pass (with what of each is visible: the part inside its scroll
/// area or panel), named from the accessibility tree.
fn misplaced(h: &mut H, step: &str) -> Vec<String> {
    if let Some(dir) = shots() {
        fs::create_dir_all(&dir).unwrap();
        let name: String = step
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        if let Ok(image) = h.render() {
            image.save(dir.join(format!("{name}.png"))).unwrap();
        }
    }
    // Within a point: areas are placed on whole pixels.
    let screen = screen(h).expand(1.0);
    let names: std::collections::HashMap<u64, (String, Role)> = h
        .query_all(By::new().predicate(|_| true))
        .map(|n| {
            let node = n.accesskit_node();
            (
                node.locate().0.0,
                (node.label().unwrap_or_default(), node.role()),
            )
        })
        .collect();
    let widgets: Vec<egui::WidgetRect> = h.ctx.viewport(|v| {
        v.prev_pass
            .widgets
            .layers()
            .flat_map(|(_, w)| w.iter().copied())
            .collect()
    });
    let mut problems = Vec::new();
    let mut below: Option<(String, Role)> = None;
    // Named buttons and labels, by layer, with their visible part.
    let mut shown: Vec<(egui::LayerId, String, Role, Rect)> = Vec::new();
    for w in &widgets {
        let Some((name, role)) = names.get(&w.id.value()) else {
            continue;
        };
        let r = w.rect;
        if !r.is_positive() || name.is_empty() {
            continue;
        }
        if r.left() < screen.left() || r.right() > screen.right() {
            problems.push(format!(
                "{step}: {role:?} {name:?} at {r:?} is cut off at the side of the screen {screen:?}"
            ));
        } else if r.top() < screen.top() || r.bottom() > screen.bottom() {
            if w.interact_rect == r {
                problems.push(format!(
                    "{step}: {role:?} {name:?} at {r:?} is off the screen {screen:?}, in nothing that scrolls"
                ));
            } else {
                below = Some((name.clone(), *role));
            }
        }
        let visible = w.interact_rect.intersect(screen);
        if visible.is_positive()
            && matches!(
                role,
                Role::Button | Role::TextInput | Role::CheckBox | Role::Label
            )
        {
            shown.push((w.layer_id, name.clone(), *role, visible));
        }
    }
    for (i, (layer, a, role_a, ra)) in shown.iter().enumerate() {
        for (other, b, role_b, rb) in &shown[i + 1..] {
            let labels = [role_a, role_b]
                .iter()
                .filter(|r| ***r == Role::Label)
                .count();
            if layer != other || labels == 2 {
                continue;
            }
            let overlap = ra.intersect(*rb);
            if overlap.width() > 1.0
                && overlap.height() > 1.0
                && !ra.contains_rect(*rb)
                && !rb.contains_rect(*ra)
            {
                problems.push(format!(
                    "{step}: {role_a:?} {a:?} {ra:?} overlaps {role_b:?} {b:?} {rb:?}"
                ));
            }
        }
    }
    // Off the screen inside a scroll area: a scroll must bring it in (the
    // last such widget stands for the others before it).
    if let Some((name, role)) = below {
        let found = h
            .query_all(By::new().role(role).label(&name))
            .last()
            .map(|node| node.scroll_to_me())
            .is_some();
        if found {
            h.run();
            let r = h
                .query_all(By::new().role(role).label(&name))
                .last()
                .map(|node| node.rect());
            if let Some(r) = r
                && (r.bottom() > screen.bottom() + 1.0 || r.top() < screen.top() - 1.0)
            {
                problems.push(format!(
                    "{step}: {role:?} {name:?} at {r:?} is off the screen {screen:?} and no scroll brings it in"
                ));
            }
        }
    }
    problems
}

/// Where the button named `name` shows on the screen, if it does.
fn shown_rect(h: &H, name: &str) -> Option<egui::Rect> {
    let id = h
        .get_by_role_and_label(Role::Button, name)
        .accesskit_node()
        .locate()
        .0
        .0;
    h.ctx
        .viewport(|v| {
            v.prev_pass
                .widgets
                .layers()
                .flat_map(|(_, w)| w.iter())
                .find(|w| w.id.value() == id)
                .map(|w| w.interact_rect)
        })
        .filter(|r| r.is_positive())
}

/// Taps the button named `name`, scrolled into view first if it is not
/// wholly on the screen (a scroll is a visitor's activity too).
fn tap(h: &mut H, name: &str) {
    eprintln!("  tap {name:?} on {:?}", h.state().visitor().screen);
    if h.query_by_role_and_label(Role::Button, name).is_none() {
        let buttons: Vec<String> = h
            .query_all(By::new().role(Role::Button))
            .filter_map(|n| n.accesskit_node().label())
            .collect();
        panic!(
            "no button {name:?} on {:?}; the buttons: {buttons:?}",
            h.state().visitor().screen
        );
    }
    let screen = h.ctx.content_rect();
    if !shown_rect(h, name).is_some_and(|r| screen.contains_rect(r)) {
        h.get_by_role_and_label(Role::Button, name).scroll_to_me();
        h.run();
    }
    // A finger on what shows of it, as a visitor taps.
    let shown = shown_rect(h, name).unwrap_or_else(|| panic!("the button {name:?} does not show"));
    kiosk::tap(h, shown.center());
    if std::env::var_os("ANY_PACK_DEBUG").is_some() {
        for i in 0..6 {
            h.step();
            if let Ok(image) = h.render() {
                image.save(format!("/tmp/dbg-{i}.png")).unwrap();
            }
        }
    }
    h.run();
}

/// A visitor's tour of every screen of `g` at `size` with the `text_size`th
/// text size; returns every layout problem met.
fn tour(g: &Generated, size: (f32, f32), text_size: usize) -> Vec<String> {
    let pack = &g.pack;
    let (mut h, _data) = kiosk_on(pack, size);
    h.run();
    let locale = pack.manifest.default_locale.clone();
    let s = |key: StringKey| pack.strings.get(key, &locale, &locale).to_owned();
    let mut problems = misplaced(&mut h, "attract");
    // The next slides: a figure and a photo.
    let slide = f64::from(pack.manifest.timings.attract_slide_secs);
    for i in 1..3 {
        kiosk::advance(&mut h, slide);
        h.run();
        problems.extend(misplaced(&mut h, &format!("attract slide {i}")));
    }
    h.get_by_label(&s(StringKey::TouchToBegin)).click();
    h.run();
    // The visitor's text size.
    for level in 1..=text_size {
        let name = fill(
            &s(StringKey::TextSizeName),
            &[("level", &level.to_string())],
        );
        tap(&mut h, &name);
    }
    problems.extend(misplaced(&mut h, "story"));
    for (key, step) in [
        (StringKey::NavTimeline, "timeline"),
        (StringKey::NavPhotos, "photos"),
    ] {
        tap(&mut h, &s(key));
        problems.extend(misplaced(&mut h, step));
    }
    // The last event, then the first.
    tap(&mut h, &s(StringKey::NavTimeline));
    let fmt = content::format::LocaleFormats::for_pack_locale(
        &pack.manifest,
        &pack.pledge.currency,
        &locale,
    );
    let events = &pack.timeline.events;
    for i in [events.len() - 1, 0] {
        let e = &events[i];
        let shared = events.iter().filter(|o| o.year == e.year).count() > 1;
        let label = fmt.year_month(e.year, e.month.filter(|_| shared));
        kiosk::press(&mut h, Role::Button, &label);
        problems.extend(misplaced(&mut h, &format!("timeline event {i}")));
    }
    // A photo in the viewer.
    tap(&mut h, &s(StringKey::NavPhotos));
    let alt = pack.tr(&pack.photos.photos[0].alt, &locale).to_owned();
    h.get_all_by_label(&alt).next().unwrap().scroll_to_me();
    h.run();
    h.get_all_by_label(&alt).next().unwrap().click();
    h.run();
    problems.extend(misplaced(&mut h, "viewer"));
    tap(&mut h, &s(StringKey::ViewerClose));

    // The pledge form: another amount on the keypad, then details.
    tap(&mut h, &s(StringKey::NavPledge));
    problems.extend(misplaced(&mut h, "pledge amounts"));
    tap(&mut h, &s(StringKey::AmountOther));
    problems.extend(misplaced(&mut h, "pledge keypad"));
    let min_whole = pack
        .pledge
        .min_minor
        .div_ceil(10u64.pow(u32::from(pack.pledge.currency.minor_exponent())));
    for d in min_whole.max(1).to_string().chars() {
        tap(&mut h, &d.to_string());
    }
    tap(&mut h, &s(StringKey::Next));
    assert_eq!(
        h.state().visitor().pledge.step,
        storykiosk::screens::pledge::Step::Details,
        "seed {}: typed {min_whole} for min {} max {}: {:?}",
        g.seed,
        pack.pledge.min_minor,
        pack.pledge.max_minor,
        h.state().visitor().pledge.draft.amount_minor
    );
    problems.extend(misplaced(&mut h, "pledge details"));
    let fields = &pack.pledge.donor_fields;
    for (rule, key, value) in [
        (fields.name, StringKey::FieldName, "Ann Lee"),
        (fields.email, StringKey::FieldEmail, "ann@example.org"),
        (fields.phone, StringKey::FieldPhone, "85291234567"),
        (fields.dedication, StringKey::FieldDedication, "For Mum"),
    ] {
        let label = match rule {
            FieldRule::Hidden => continue,
            FieldRule::Required => s(key),
            FieldRule::Optional => fill(&s(StringKey::FieldOptional), &[("label", &s(key))]),
        };
        if h.query_by_role_and_label(Role::TextInput, &label).is_none() {
            let fields: Vec<String> = h
                .query_all(By::new().role(Role::TextInput))
                .filter_map(|n| n.accesskit_node().label())
                .collect();
            panic!(
                "seed {}: no field {label:?} on {:?}; the fields: {fields:?}",
                g.seed,
                h.state().visitor().pledge.step
            );
        }
        kiosk::press(&mut h, Role::TextInput, &label);
        if key == StringKey::FieldPhone {
            problems.extend(misplaced(&mut h, "phone keypad"));
            for d in value.chars() {
                tap(&mut h, &d.to_string());
            }
        } else {
            problems.extend(misplaced(&mut h, &format!("keyboard for {key:?}")));
            h.event(egui::Event::Text(value.into()));
            h.run();
        }
        tap(&mut h, &s(StringKey::KeyDone));
    }
    tap(&mut h, &s(StringKey::Next));
    problems.extend(misplaced(&mut h, "pledge review"));
    tap(&mut h, &s(StringKey::Confirm));
    kiosk::wait_for_store(&mut h);
    assert!(
        matches!(
            h.state().visitor().pledge.step,
            storykiosk::screens::pledge::Step::Thanks(_)
        ),
        "seed {}: no thank-you ({:?})",
        g.seed,
        h.state().visitor().pledge.step
    );
    problems.extend(misplaced(&mut h, "thanks"));
    tap(&mut h, &s(StringKey::ThanksDone));

    // The idle countdown, the PIN pad and the staff screen.
    h.get_by_label(&s(StringKey::TouchToBegin)).click();
    h.run();
    let idle = f64::from(pack.manifest.timings.idle_timeout_secs) + 1.0;
    let still_here = s(StringKey::IdleContinue);
    kiosk::advance(&mut h, idle);
    h.run();
    assert!(
        h.query_by_role_and_label(Role::Button, &still_here)
            .is_some(),
        "seed {}: no idle countdown after {idle} s",
        g.seed
    );
    problems.extend(misplaced(&mut h, "idle countdown"));
    if h.query_by_role_and_label(Role::Button, &still_here)
        .is_none()
    {
        // Scrolling to check what lies below is a press a screen reader
        // makes, and a visitor's activity: it ended the countdown.
        kiosk::advance(&mut h, idle);
        h.run();
    }
    if shown_rect(&h, &still_here).is_some_and(|r| h.ctx.content_rect().contains_rect(r)) {
        tap(&mut h, &still_here);
    } else {
        // At the largest sizes the card scrolls; a visitor's scroll to the
        // button is already "still here".
        h.get_by_role_and_label(Role::Button, &still_here)
            .scroll_to_me();
        h.run();
    }
    assert!(
        h.query_by_role_and_label(Role::Button, &still_here)
            .is_none(),
        "seed {}: the countdown stays after \"{still_here}\"",
        g.seed
    );
    for _ in 0..5 {
        kiosk::tap(&mut h, Pos2::new(10.0, 10.0));
    }
    h.run();
    problems.extend(misplaced(&mut h, "PIN pad"));
    for d in "2468".chars() {
        h.get_by_role_and_label(Role::Button, &d.to_string())
            .click();
        h.run();
    }
    h.get_by_role_and_label(Role::Button, &s(StringKey::PinEnter))
        .click();
    h.run();
    problems.extend(misplaced(&mut h, "staff screen"));
    problems
}

/// The tour of one generated pack at one size, panicking with everything
/// wrong.
fn check(seed: u64, size: (f32, f32), text_size: Option<usize>) {
    // Said first, so a panic inside the tour can be replayed.
    eprintln!("case: ANY_PACK_SEED={seed}, {size:?}, text size {text_size:?}");
    let g = generate(seed);
    let sizes = g.pack.theme.type_scale.text_scales.len();
    let text_size = text_size.unwrap_or(sizes - 1).min(sizes - 1);
    let problems = tour(&g, size, text_size);
    let mut report = String::new();
    for p in &problems {
        let _ = writeln!(report, "  {p}");
    }
    assert!(
        problems.is_empty(),
        "seed {seed} at {size:?}, text size {text_size} (ANY_PACK_SEED={seed} to replay; pack in {}):\n{report}",
        g.dir.keep().display()
    );
}

#[test]
fn every_generated_pack_works_on_every_screen() {
    if let Some(seed) = std::env::var("ANY_PACK_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
    {
        // ANY_PACK_SIZE=768x1024: that size only.
        let only: Option<(f32, f32)> = std::env::var("ANY_PACK_SIZE").ok().and_then(|s| {
            let (w, h) = s.split_once('x')?;
            Some((w.parse().ok()?, h.parse().ok()?))
        });
        for size in SIZES.into_iter().filter(|s| only.is_none_or(|o| o == *s)) {
            for text_size in [Some(0), None] {
                check(seed, size, text_size);
            }
        }
        return;
    }
    let cases: u64 = std::env::var("ANY_PACK_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(24);
    let mut seeds = Rng(0x005E_ED0F_5707_4E1A);
    for i in 0..cases {
        let seed = seeds.next();
        // Each case at one size, every size in turn; the largest text size
        // half the time.
        let size = SIZES[i as usize % SIZES.len()];
        let text_size = if i % 2 == 0 { None } else { Some(0) };
        check(seed, size, text_size);
    }
}

// The cases that broke before the fixes, kept as they were found.

/// Runs the tour of `g` at each of `sizes`, at its largest text size.
fn tour_everywhere(g: &Generated, sizes: &[(f32, f32)]) {
    for size in sizes {
        let text_size = g.pack.theme.type_scale.text_scales.len() - 1;
        let problems = tour(g, *size, text_size);
        assert!(problems.is_empty(), "at {size:?}:\n{}", problems.join("\n"));
    }
}

/// The largest everything a theme may give (type sizes, text size 2.0,
/// gaps of 128, a touch size of 200) on the smallest screens: the timeline
/// card's photo got a negative size, the keyboard ran off the screen, the
/// top bar and navigation left the screen no room, a button grew taller
/// than the screen.
#[test]
fn the_largest_theme_at_the_smallest_screens() {
    let mut g = generate(4970151175979501481);
    let t = &mut g.pack.theme;
    t.type_scale = TypeScale {
        small_px: 48.0,
        body_px: 64.0,
        button_px: 72.0,
        heading_px: 96.0,
        title_px: 128.0,
        figure_px: 200.0,
        text_scales: vec![1.0, 2.0],
    };
    t.spacing = Spacing {
        small_px: 128.0,
        medium_px: 128.0,
        large_px: 128.0,
    };
    t.min_touch_px = 200.0;
    tour_everywhere(
        &g,
        &[
            (1280.0, 720.0),
            (720.0, 1280.0),
            (1024.0, 768.0),
            (768.0, 1024.0),
        ],
    );
}

/// A dozen figures (they made a row of a dozen cards, each too narrow for
/// its number: egui panicked on a negative font size), one panorama (its
/// tile, alone in a landscape row, was taller than the screen), and
/// amounts of eleven digits (the keypad took nine).
#[test]
fn a_dozen_figures_one_panorama_and_eleven_digit_amounts() {
    let mut g = generate(12395058317373520466);
    let p = &mut g.pack;
    let figure = p.story.figures[0].clone();
    p.story.figures = (0..12)
        .map(|i| Figure {
            value: 10u64.pow(i) + 7,
            ..figure.clone()
        })
        .collect();
    let panorama = "photos/panorama.png";
    image::RgbImage::from_pixel(1200, 100, image::Rgb([40, 90, 200]))
        .save(g.dir.path().join(panorama))
        .unwrap();
    let mut photo = p.photos.photos[0].clone();
    photo.file = panorama.into();
    p.photos.photos = vec![photo];
    let id = p.photos.photos[0].id.clone();
    for chapter in &mut p.story.chapters {
        chapter.photo = Some(id.clone());
    }
    for event in &mut p.timeline.events {
        event.photo = None;
    }
    p.pledge.currency = Currency {
        code: "JPY".into(),
        symbol: None,
        exponent: None,
    };
    p.pledge.min_minor = 54_453_605_668;
    p.pledge.max_minor = 544_536_056_681;
    p.pledge.presets_minor = vec![54_453_605_668, 544_536_056_681];
    p.pledge.event_goal_minor = 544_536_056_681;
    tour_everywhere(&g, &[(1920.0, 1080.0), (1080.0, 1920.0)]);
}

/// The generated packs that broke, at the size they broke at: a button
/// over the navigation, a photo tile taller than the screen, the PIN pad
/// taller than the screen, a scroll bar that showed and hid itself frame
/// after frame (the screen never settled).
#[test]
fn the_generated_packs_that_broke() {
    for (seed, size, text_size) in [
        (4970151175979501481, (1920.0, 1080.0), Some(0)),
        (12395058317373520466, (1280.0, 720.0), None),
        (17028442917291423366, (3840.0, 2160.0), None),
        (8202306786419745731, (768.0, 1024.0), Some(0)),
    ] {
        check(seed, size, text_size);
    }
}
