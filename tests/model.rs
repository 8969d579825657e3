//! The content model round-trips through RON, and the domain layer knows
//! nothing of egui.

#![allow(
    clippy::unwrap_used,
    reason = "helpers of tests: a failed step should panic"
)]

use std::{fmt::Debug, fs, path::Path};

use serde::{Serialize, de::DeserializeOwned};
use storykiosk::content::{self, Pack, Text};

fn round_trip<T: Serialize + DeserializeOwned + PartialEq + Debug>(value: &T) {
    let config =
        ron::ser::PrettyConfig::default().extensions(ron::extensions::Extensions::IMPLICIT_SOME);
    let text = ron::ser::to_string_pretty(value, config).unwrap();
    let back: T = content::ron_options()
        .from_str(&text)
        .unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(&back, value, "{text}");
}

#[test]
fn every_file_of_the_bundled_pack_round_trips() {
    let pack = Pack::bundled().unwrap();
    round_trip(&pack.manifest);
    round_trip(&pack.story);
    round_trip(&pack.timeline);
    round_trip(&pack.photos);
    round_trip(&pack.pledge);
    round_trip(&pack.theme);
    round_trip(&pack.strings);
}

#[test]
fn optional_fields_round_trip_both_ways() {
    let mut timeline = Pack::bundled().unwrap().timeline;
    let event = &mut timeline.events[0];
    event.month = Some(3);
    event.photo = None;
    event.figure = Some(content::Figure {
        value: 7_300_000,
        style: content::FigureStyle::Compact,
        unit: Some(Text::from_pairs([("en", "%"), ("zh-HK", "%")])),
        label: Text::from_pairs([("en", "protected"), ("zh-HK", "受保護")]),
        source: None,
    });
    round_trip(&timeline);
}

#[test]
fn colours_parse_only_as_hash_rrggbb() {
    let c: content::Color = ron::from_str("\"#0b5A8c\"").unwrap();
    assert_eq!((c.r, c.g, c.b), (0x0B, 0x5A, 0x8C));
    assert_eq!(c.to_string(), "#0B5A8C");
    for bad in [
        "\"0B5A8C\"",
        "\"#0B5A8\"",
        "\"#0B5A8CFF\"",
        "\"#GGGGGG\"",
        "\"#é5A8C\"",
    ] {
        assert!(ron::from_str::<content::Color>(bad).is_err(), "{bad}");
    }
    let black = content::Color { r: 0, g: 0, b: 0 };
    let white = content::Color {
        r: 255,
        g: 255,
        b: 255,
    };
    assert!((black.contrast_ratio(white) - 21.0).abs() < 1e-9);
    assert!((white.contrast_ratio(white) - 1.0).abs() < 1e-9);
}

#[test]
fn text_falls_back_to_the_default_locale_then_anything() {
    let t = Text::from_pairs([("en", "Story"), ("zh-HK", "故事")]);
    assert_eq!(t.get("zh-HK", "en"), "故事");
    assert_eq!(t.get("fr", "en"), "Story");
    assert_eq!(
        Text::from_pairs([("zh-HK", "故事")]).get("fr", "en"),
        "故事"
    );
    assert_eq!(Text::default().get("en", "en"), "");
}

/// ARCHITECTURE.md: the domain (`content`, `pledge`, `session`) never names
/// egui, so it can be tested and reused without a window.
#[test]
fn the_domain_layer_never_names_egui() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut checked = 0;
    for layer in ["content", "pledge", "session", "config.rs"] {
        let mut stack = vec![src.join(layer)];
        while let Some(path) = stack.pop() {
            if path.is_dir() {
                stack.extend(fs::read_dir(path).unwrap().map(|e| e.unwrap().path()));
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = fs::read_to_string(&path).unwrap();
                assert!(
                    !text.contains("egui") && !text.contains("eframe"),
                    "{} names egui",
                    path.display()
                );
                checked += 1;
            }
        }
    }
    assert!(checked >= 5, "only {checked} domain files found");
}

/// Every line of the non-test code under `dirs`, with its file and number.
fn code_lines(dirs: &[&str]) -> Vec<(String, usize, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = Vec::new();
    let mut stack: Vec<_> = dirs.iter().map(|d| src.join(d)).collect();
    while let Some(path) = stack.pop() {
        if path.is_dir() {
            stack.extend(fs::read_dir(path).unwrap().map(|e| e.unwrap().path()));
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = fs::read_to_string(&path).unwrap();
            for (i, line) in text.lines().enumerate() {
                if line.trim_start().starts_with("#[cfg(test)]") {
                    break;
                }
                out.push((path.display().to_string(), i + 1, line.to_owned()));
            }
        }
    }
    out
}

/// ARCHITECTURE.md: colours and sizes come from the pack's theme, through
/// `theme.rs`; screens, widgets and the app hold no literals of either.
#[test]
fn no_colour_or_size_literal_outside_the_theme() {
    let calls = [
        "add_space(",
        ".size(",
        "splat(",
        "vec2(",
        "Vec2::new(",
        "Margin::same(",
        "circle_filled(",
        "rect_filled(",
        "corner_radius(",
        "inner_margin(",
        "Stroke::new(",
        "FontId::new(",
        "FontId::proportional(",
        "set_width(",
        "set_min_width(",
    ];
    let mut found = Vec::new();
    let lines = code_lines(&["screens", "widgets", "app"]);
    assert!(lines.len() > 500);
    for (file, n, line) in &lines {
        if line.contains("Color32::") {
            found.push(format!("{file}:{n}: {line}"));
        }
        for call in calls {
            let mut rest = line.as_str();
            while let Some(at) = rest.find(call) {
                rest = &rest[at + call.len()..];
                if rest.trim_start().starts_with(|c: char| c.is_ascii_digit()) {
                    found.push(format!("{file}:{n}: {line}"));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "literals outside theme.rs:\n{}",
        found.join("\n")
    );
}

/// Screens hold no text a visitor can read: every label comes from the pack.
#[test]
fn screens_show_no_string_literals() {
    let mut found = Vec::new();
    for (file, n, line) in code_lines(&["screens", "widgets"]) {
        for call in [
            "RichText::new(\"",
            ".label(\"",
            "BigButton::new(\"",
            "heading(\"",
        ] {
            if line.contains(call) {
                found.push(format!("{file}:{n}: {line}"));
            }
        }
    }
    assert!(
        found.is_empty(),
        "visible string literals:\n{}",
        found.join("\n")
    );
}

/// docs/content-packs.md's table of strings.ron lists every key the kiosk
/// knows, with its limit, and no key it does not know.
#[test]
fn the_docs_list_every_string_with_its_limit() {
    use storykiosk::content::StringKey;
    let docs =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/content-packs.md"))
            .unwrap();
    let section = docs
        .split("## strings.ron")
        .nth(1)
        .unwrap()
        .split("\n## ")
        .next()
        .unwrap();
    let mut documented = std::collections::BTreeMap::new();
    for row in section.lines().filter(|l| l.starts_with("| `")) {
        let cells: Vec<&str> = row.trim_matches('|').split('|').map(str::trim).collect();
        let keys: Vec<&str> = cells[0].split('`').skip(1).step_by(2).collect();
        let limits: Vec<usize> = cells
            .last()
            .unwrap()
            .split(',')
            .map(|n| n.trim().parse().unwrap())
            .collect();
        assert!(
            limits.len() == keys.len() || limits.len() == 1,
            "{row}: {} keys, {} limits",
            keys.len(),
            limits.len()
        );
        for (i, key) in keys.iter().enumerate() {
            documented.insert((*key).to_owned(), limits[i.min(limits.len() - 1)]);
        }
    }
    let known: std::collections::BTreeMap<String, usize> = StringKey::ALL
        .iter()
        .map(|k| (k.name().to_owned(), k.max_columns()))
        .collect();
    assert_eq!(documented, known);
}
