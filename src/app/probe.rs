//! The layout check of `storykiosk validate`: the real screens, laid out
//! headless with the real fonts (the pack's own among them) at the pack's
//! largest text size on the narrowest and shortest screens the kiosk
//! supports, in every language of the pack, listening for the labels that
//! do not fit their place ([`crate::widgets::misfit`]): a button's label
//! that wraps or shrinks, a line cut short. Nothing is drawn to pixels and
//! nothing is stored.

use std::sync::Arc;

use egui::{Pos2, Rect, Vec2};

use super::{KioskApp, Options, Startup};
use crate::{
    config::KioskConfig,
    content::{LoadReport, Pack},
    pledge::DraftField,
    screens::{
        Mode, ScreenId,
        admin::{PadMessage, PinPad},
        pledge::{Step, Thanks},
    },
    widgets::misfit::{self, How},
};

/// The screens checked, in points: every supported screen is one of these
/// once scaled (its short side is 1080 points), from 4:3 to 16:9, portrait
/// and landscape.
pub const SCREENS: [Vec2; 4] = [
    Vec2::new(SHORT, SHORT * 16.0 / 9.0),
    Vec2::new(SHORT, SHORT * 4.0 / 3.0),
    Vec2::new(SHORT * 4.0 / 3.0, SHORT),
    Vec2::new(SHORT * 16.0 / 9.0, SHORT),
];

/// Every screen's short side, in points.
const SHORT: f32 = super::DESIGN_SHORT_SIDE;

/// A text that did not fit, and where.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    /// The pack's language.
    pub locale: String,
    /// The screen (of [`SCREENS`]).
    pub screen: Vec2,
    /// What the visitor was looking at.
    pub step: &'static str,
    /// The text as laid out.
    pub text: String,
    /// How it did not fit.
    pub how: How,
}

/// Every text of `pack` that does not fit its place, in each language, at
/// its largest text size, on each of [`SCREENS`]; each text once (on the
/// first screen it misfits on).
pub fn misfits(pack: &Arc<Pack>) -> Vec<Found> {
    let mut found: Vec<Found> = Vec::new();
    for locale in &pack.manifest.locales {
        for screen in SCREENS {
            for f in tour(pack, &locale.code, screen) {
                if !found
                    .iter()
                    .any(|o| o.locale == f.locale && o.text == f.text)
                {
                    found.push(f);
                }
            }
        }
    }
    found
}

/// The steps of a visitor's tour, each set up on the app directly.
const STEPS: [&str; 15] = [
    "the attract loop",
    "the story",
    "the timeline",
    "the photo panels",
    "the photo viewer",
    "the pledge amounts",
    "the amount keypad",
    "the keyboard",
    "the phone keypad",
    "the pledge review",
    "the pledge that could not be saved",
    "the thank-you",
    "the idle countdown",
    "the staff PIN pad",
    "the staff screen",
];

fn tour(pack: &Arc<Pack>, locale: &str, screen: Vec2) -> Vec<Found> {
    let ctx = egui::Context::default();
    let report = LoadReport {
        pack: Arc::clone(pack),
        requested: None,
        problems: Vec::new(),
        fell_back: false,
    };
    let mut app = KioskApp::new(
        &ctx,
        Startup {
            mode: Mode::Kiosk,
            report,
            config: KioskConfig::default(),
            data_dir: std::path::PathBuf::new(),
            options: Options {
                without_store: true,
                ..Options::default()
            },
            prefetch: None,
        },
    );
    let largest = pack.theme.type_scale.text_scales.len().saturating_sub(1);
    let mut time = 0.0;
    let mut found = Vec::new();
    for step in STEPS {
        set_up(&mut app, pack, step, locale, largest);
        misfit::listen(&ctx);
        // Three passes: the first lays out, the next settle what depends
        // on the last (panel sizes, scroll areas).
        for _ in 0..3 {
            time += 1.0 / 30.0;
            let mut input = egui::RawInput {
                screen_rect: Some(Rect::from_min_size(Pos2::ZERO, screen)),
                time: Some(if step == "the idle countdown" {
                    time + f64::from(pack.manifest.timings.idle_timeout_secs) + 1.0
                } else {
                    time
                }),
                ..egui::RawInput::default()
            };
            app.prepare_input(&ctx, &mut input);
            let mut output = ctx.run_ui(input, |ui| {
                app.tick(ui.ctx());
                app.draw(ui);
            });
            // Nothing is drawn: the glyph atlas's changes go nowhere.
            output.textures_delta.clear();
        }
        found.extend(misfit::take(&ctx).into_iter().map(|m| Found {
            locale: locale.to_owned(),
            screen,
            step,
            text: m.text,
            how: m.how,
        }));
    }
    found
}

/// Puts the app on `step`, in `locale` at text size `text_size`.
fn set_up(app: &mut KioskApp, pack: &Pack, step: &str, locale: &str, text_size: usize) {
    let v = &mut app.visitor;
    v.locale = locale.to_owned();
    v.prefs.text_size = text_size;
    app.staff = super::staff::Staff::Closed;
    v.photos.viewer = None;
    v.screen = match step {
        "the attract loop" => ScreenId::Attract,
        "the story" | "the idle countdown" => ScreenId::Story,
        "the timeline" => ScreenId::Timeline,
        "the photo panels" | "the photo viewer" => ScreenId::Photos,
        _ => ScreenId::Pledge,
    };
    let opts = &pack.pledge;
    match step {
        "the photo viewer" => v.photos.open(0),
        "the pledge amounts" => v.pledge.step = Step::Amount,
        "the amount keypad" => v.pledge.open_other_amount(),
        "the keyboard" => v.pledge.type_into(DraftField::Name),
        "the phone keypad" => v.pledge.type_into(DraftField::Phone),
        "the pledge review" | "the pledge that could not be saved" | "the thank-you" => {
            let d = &mut v.pledge.draft;
            d.amount_minor = opts.presets_minor.first().copied();
            d.frequency = opts.frequencies.first().copied();
            d.name = "Chan Tai Man".into();
            d.email = "chan@example.org".into();
            d.phone = "+852 9123 4567".into();
            d.dedication = "For my mother".into();
            d.consents = opts.consents.iter().map(|c| c.id.clone()).collect();
            v.pledge.step = match step {
                "the pledge review" => Step::Review,
                "the pledge that could not be saved" => Step::Failed(String::new()),
                _ => Step::Thanks(Box::new(Thanks {
                    first_name: Some("Chan".into()),
                    amount_minor: opts
                        .presets_minor
                        .first()
                        .copied()
                        .unwrap_or(opts.min_minor),
                    reference: "ABC-123".into(),
                    shown_at: 0.0,
                })),
            };
        }
        "the staff PIN pad" => app.staff = super::staff::Staff::Pin(PinPad::new(PadMessage::Wrong)),
        "the staff screen" => {
            app.staff = super::staff::Staff::Admin(super::staff::AdminPanel::new())
        }
        _ => {}
    }
}

/// Where a text of the pack is: its file and value path, and the text as
/// written (placeholders and all).
struct Source {
    file: &'static str,
    path: String,
    written: String,
}

/// Every text of `pack` in `locale` that the screens put in a place of
/// fixed size, with where it is written.
fn sources(pack: &Pack, locale: &str) -> Vec<Source> {
    use crate::content::{
        MANIFEST_FILE, PLEDGE_FILE, STORY_FILE, STRINGS_FILE, StringKey, TIMELINE_FILE,
        locate::{field, index},
    };
    let mut out = Vec::new();
    let mut add = |file, path: String, text: Option<&str>| {
        if let Some(text) = text {
            out.push(Source {
                file,
                path: field(&path, locale),
                written: text.to_owned(),
            });
        }
    };
    for key in StringKey::ALL {
        add(
            STRINGS_FILE,
            key.name().to_owned(),
            pack.strings.0.get(key).and_then(|t| t.exact(locale)),
        );
    }
    add(
        MANIFEST_FILE,
        "title".into(),
        pack.manifest.title.exact(locale),
    );
    add(STORY_FILE, "title".into(), pack.story.title.exact(locale));
    add(
        TIMELINE_FILE,
        "title".into(),
        pack.timeline.title.exact(locale),
    );
    for (i, f) in pack.story.figures.iter().enumerate() {
        add(
            STORY_FILE,
            field(&index("figures", i), "label"),
            f.label.exact(locale),
        );
    }
    // Language names are written once, not per language.
    for (i, l) in pack.manifest.locales.iter().enumerate() {
        out.push(Source {
            file: MANIFEST_FILE,
            path: field(&index("locales", i), "name"),
            written: l.name.clone(),
        });
    }
    // Amounts on the preset buttons, as this language writes them.
    let fmt = crate::content::format::LocaleFormats::for_pack_locale(
        &pack.manifest,
        &pack.pledge.currency,
        locale,
    );
    for (i, amount) in pack.pledge.presets_minor.iter().enumerate() {
        out.push(Source {
            file: PLEDGE_FILE,
            path: index("presets_minor", i),
            written: fmt.money(*amount),
        });
    }
    out
}

/// Whether `shown` is `written` with its `{placeholders}` filled in.
fn filled_from(written: &str, shown: &str) -> bool {
    if written == shown {
        return true;
    }
    // The fixed parts between placeholders, in order, must all be there.
    let mut parts = Vec::new();
    let mut rest = written;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        parts.push(&rest[..open]);
        rest = &rest[open + close + 1..];
    }
    parts.push(rest);
    if parts.len() == 1 || parts.iter().all(|p| p.is_empty()) {
        return false;
    }
    let Some(tail) = shown.strip_prefix(parts[0]) else {
        return false;
    };
    let mut tail = tail;
    for (i, part) in parts.iter().enumerate().skip(1) {
        if i == parts.len() - 1 {
            return tail.ends_with(part);
        }
        match tail.find(part) {
            Some(at) => tail = &tail[at + part.len()..],
            None => return false,
        }
    }
    true
}

/// The misfits as problems of the pack's files, each at the text it is
/// about (`file:line:col`); a text the screens make up (a number, a year)
/// is left out.
pub fn problems(pack: &Pack, found: &[Found]) -> Vec<crate::content::Problem> {
    use crate::content::{MAX_RON_BYTES, Problem, locate::Locations};
    let mut located: std::collections::HashMap<&'static str, Locations> = Default::default();
    let mut out = Vec::new();
    for f in found {
        // A text written as shown first; then a template it fills (a short
        // template such as "{count} of {hoped}" fits many texts).
        let candidates = sources(pack, &f.locale);
        let Some(source) = candidates
            .iter()
            .position(|s| s.written == f.text)
            .or_else(|| {
                candidates
                    .iter()
                    .position(|s| filled_from(&s.written, &f.text))
            })
            .map(|i| &candidates[i])
        else {
            continue;
        };
        let locations = located.entry(source.file).or_insert_with(|| {
            pack.source
                .read(source.file, MAX_RON_BYTES)
                .ok()
                .and_then(|b| String::from_utf8(b.into_owned()).ok())
                .map(|t| Locations::index(&t))
                .unwrap_or_default()
        });
        let pos = locations.find(&source.path);
        let screen = format!("{}×{}", f.screen.x, f.screen.y);
        let message = match f.how {
            How::Wrapped(lines) => format!(
                "the {:?} text {:?} takes {lines} lines on its button ({}, {screen} points, the largest text size); shorten it to fit on one",
                f.locale, f.text, f.step
            ),
            How::Shrunk(share) => format!(
                "the {:?} text {:?} is drawn at {:.0}% of its size to fit its place ({}, {screen} points, the largest text size); shorten it",
                f.locale,
                f.text,
                share * 100.0,
                f.step
            ),
            How::Cut => format!(
                "the {:?} text {:?} is cut short with \"…\" ({}, {screen} points, the largest text size); shorten it",
                f.locale, f.text, f.step
            ),
        };
        let problem = Problem::warning(source.file, pos, message);
        if !out.contains(&problem) {
            out.push(problem);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::filled_from;

    #[test]
    fn a_shown_text_is_matched_to_its_template() {
        assert!(filled_from("Next", "Next"));
        assert!(filled_from("{label} (optional)", "Phone (optional)"));
        assert!(filled_from("Text size {level}", "Text size 3"));
        assert!(filled_from("{a} and {b}!", "x and y!"));
        assert!(!filled_from("{a} and {b}!", "x or y!"));
        assert!(!filled_from("Next", "Back"));
        // A template of placeholders alone says nothing about a text.
        assert!(!filled_from("{label}", "anything"));
    }
}
