//! Content packs end to end: the bundled pack is clean, every broken pack in
//! `tests/packs/broken/` yields exactly the problems its `expect.txt` lists
//! (at the right `file:line:col`), a broken override falls back to the
//! bundled pack, and the `validate` and `export-pack` commands behave.

#![allow(
    clippy::unwrap_used,
    reason = "helpers of tests: a failed step should panic"
)]

mod common;

use std::{fs, path::Path, process::Command};

use storykiosk::content::{self, ImageCheck, Pack, PackSource};

fn bundled() -> Pack {
    Pack::bundled().unwrap()
}

#[test]
fn bundled_pack_validates_without_a_single_problem() {
    let loaded = content::load(&PackSource::Bundled, ImageCheck::Decode, None);
    let problems: Vec<String> = loaded.problems.iter().map(ToString::to_string).collect();
    assert!(problems.is_empty(), "{problems:#?}");
    let pack = loaded.pack.unwrap();
    assert_eq!(pack.manifest.id, "ijm-hk-25");
    let locales: Vec<_> = pack
        .manifest
        .locales
        .iter()
        .map(|l| l.code.as_str())
        .collect();
    assert_eq!(locales, ["en", "zh-HK"]);
    assert!(pack.photos.photos.len() >= 6);
}

#[test]
fn bundled_photos_are_original_and_large() {
    for photo in &bundled().photos.photos {
        let bytes = PackSource::Bundled
            .read(&photo.file, content::MAX_IMAGE_BYTES)
            .unwrap();
        let (w, h) = image::ImageReader::new(std::io::Cursor::new(&bytes[..]))
            .with_guessed_format()
            .unwrap()
            .into_dimensions()
            .unwrap();
        assert!(w.max(h) >= 2000, "{} is only {w}×{h}", photo.file);
    }
}

/// The facts the issue asks the bundled story to tell, as they must appear
/// somewhere in its English text.
#[test]
fn bundled_pack_tells_the_whole_arc() {
    let pack = bundled();
    let mut all = String::new();
    let mut add = |t: &content::Text| {
        all.push_str(t.exact("en").unwrap());
        all.push('\n');
    };
    for ch in &pack.story.chapters {
        add(&ch.title);
        ch.paragraphs.iter().for_each(&mut add);
    }
    for e in &pack.timeline.events {
        add(&e.title);
        add(&e.body);
    }
    for needle in [
        "1997",
        "five cases",
        "20 cases",
        "60 Minutes",
        "Philippines, Thailand and India",
        "Chennai",
        "Kenya",
        "Uganda",
        "Cambodia",
        "37 girls",
        "73%",
        "Gates Foundation",
        "20%",
        "79%",
        "7,000",
        "brick kiln",
        "Dominican Republic",
        "76,000",
        "7.3 million",
        "half a billion",
    ] {
        assert!(all.contains(needle), "the story never mentions {needle:?}");
    }
    let years: Vec<i32> = pack.timeline.events.iter().map(|e| e.year).collect();
    for year in [1997, 2000, 2003, 2010, 2020, 2021] {
        assert!(years.contains(&year), "no timeline event in {year}");
    }
    let figures: Vec<u64> = pack.story.figures.iter().map(|f| f.value).collect();
    for value in [76_063, 7_300_000, 500_000_000] {
        assert!(figures.contains(&value), "no headline figure {value}");
    }
}

#[test]
fn bundled_themes_reach_wcag_aa_contrast() {
    let theme = bundled().theme;
    for (name, palette) in [
        ("palette", &theme.palette),
        ("high_contrast", &theme.high_contrast),
    ] {
        for (fg, bg, ratio) in content::contrast_pairs(palette) {
            assert!(ratio >= 4.5, "{name}: {fg} on {bg} is only {ratio:.2}:1");
        }
    }
}

#[test]
fn minimal_pack_is_valid() {
    let loaded = content::load(
        &PackSource::Dir(common::packs_dir().join("minimal")),
        ImageCheck::Decode,
        Some(&bundled().strings),
    );
    assert!(loaded.problems.is_empty(), "{:#?}", loaded.problems);
    assert_eq!(loaded.pack.unwrap().manifest.id, "minimal");
}

/// Every case in `tests/packs/broken/` gives exactly the problems in its
/// `expect.txt`, each at its `file:line:col`. `UPDATE_EXPECT=1` rewrites the
/// files from what the validator says, for review in the diff.
#[test]
fn broken_packs_report_every_problem_where_it_is() {
    let broken = common::packs_dir().join("broken");
    let mut cases: Vec<_> = fs::read_dir(&broken)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cases.sort();
    assert!(
        cases.len() >= 15,
        "the corpus has only {} cases",
        cases.len()
    );
    let fallback = bundled().strings;
    let mut failures = Vec::new();
    for case in &cases {
        let dir = common::assemble_case(case);
        let loaded = content::load(
            &PackSource::Dir(dir.path().to_path_buf()),
            ImageCheck::Decode,
            Some(&fallback),
        );
        let got: Vec<String> = loaded.problems.iter().map(ToString::to_string).collect();
        let expect_file = case.join("expect.txt");
        if std::env::var_os("UPDATE_EXPECT").is_some() {
            let text: String = got.iter().map(|l| format!("{l}\n")).collect();
            fs::write(&expect_file, text).unwrap();
            continue;
        }
        // An empty expect.txt: a pack with no problem at all.
        let expected: Vec<String> = fs::read_to_string(&expect_file)
            .unwrap_or_else(|_| panic!("{} has no expect.txt", case.display()))
            .lines()
            .map(str::to_owned)
            .collect();
        if got != expected {
            failures.push(format!(
                "{}:\n  expected {expected:#?}\n  got {got:#?}",
                case.display()
            ));
        }
        let has_errors = expected.iter().any(|l| l.contains(": error: "));
        assert_eq!(
            loaded.pack.is_some(),
            !has_errors,
            "{}: a pack is usable exactly when it has no errors",
            case.display()
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_broken_override_falls_back_to_the_bundled_pack() {
    let dir = common::assemble_case(&common::packs_dir().join("broken/many-at-once"));
    let report = content::load_or_bundled(Some(dir.path())).unwrap();
    assert!(report.fell_back);
    assert_eq!(report.pack.manifest.id, "ijm-hk-25");
    assert_eq!(report.requested.as_deref(), Some(dir.path()));
    assert!(report.problems.iter().filter(|p| p.is_error()).count() >= 4);

    let missing = dir.path().join("no-such-folder");
    let report = content::load_or_bundled(Some(&missing)).unwrap();
    assert!(report.fell_back);
    assert_eq!(report.pack.manifest.id, "ijm-hk-25");
    assert_eq!(report.problems.len(), content::PACK_FILES.len());
}

#[test]
fn a_good_override_is_used() {
    let report = content::load_or_bundled(Some(&common::packs_dir().join("minimal"))).unwrap();
    assert!(!report.fell_back);
    assert_eq!(report.pack.manifest.id, "minimal");
}

#[test]
fn an_override_missing_a_string_borrows_the_bundled_text() {
    // A missing string is only a warning: the pack loads, with the bundled
    // words in the gap.
    let dir = common::assemble_case(&common::packs_dir().join("broken/missing-string"));
    let loaded = content::load(
        &PackSource::Dir(dir.path().to_path_buf()),
        ImageCheck::Header,
        Some(&bundled().strings),
    );
    assert!(
        loaded.problems.iter().all(|p| !p.is_error()),
        "{:#?}",
        loaded.problems
    );
    let pack = loaded.pack.unwrap();
    assert_eq!(pack.string(content::StringKey::NavPhotos, "en"), "Photos");
    assert_eq!(pack.string(content::StringKey::NavPhotos, "zh-HK"), "相片");
}

fn storykiosk() -> Command {
    Command::new(env!("CARGO_BIN_EXE_storykiosk"))
}

#[test]
fn validate_command_prints_file_line_col_and_exits_1() {
    let dir = common::assemble_case(&common::packs_dir().join("broken/many-at-once"));
    let out = storykiosk()
        .arg("validate")
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    let prefix = dir.path().display().to_string();
    let expected =
        fs::read_to_string(common::packs_dir().join("broken/many-at-once/expect.txt")).unwrap();
    for line in expected.lines() {
        assert!(
            stderr.contains(&format!("{prefix}/{line}")),
            "missing {line:?} in:\n{stderr}"
        );
    }

    let out = storykiosk().arg("validate").output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn export_pack_writes_a_valid_pack_and_never_overwrites() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("my-pack");
    let out = storykiosk().arg("export-pack").arg(&dir).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for (rel, bytes) in content::bundled_files() {
        assert_eq!(&fs::read(dir.join(rel)).unwrap(), bytes, "{rel}");
    }
    let out = storykiosk().arg("validate").arg(&dir).output().unwrap();
    assert_eq!(out.status.code(), Some(0));

    fs::write(dir.join("story.ron"), "mine").unwrap();
    let out = storykiosk().arg("export-pack").arg(&dir).output().unwrap();
    assert!(!out.status.success());
    assert_eq!(fs::read_to_string(dir.join("story.ron")).unwrap(), "mine");
    assert!(String::from_utf8_lossy(&out.stderr).contains("not empty"));
}

#[test]
fn a_pack_path_cannot_escape_its_folder() {
    let source = PackSource::Dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/packs/minimal"));
    for rel in ["../minimal/story.ron", "/etc/passwd", "", "photos/../../x"] {
        assert!(
            matches!(
                source.read(rel, 1024),
                Err(content::ReadError::OutsidePack(_))
            ),
            "{rel:?}"
        );
    }
}

/// A pack's own fonts: used for coverage (no warning with the font, one
/// per language without it); a font without its licence, a file that is
/// not a font, and one that claims to be but is not are reported.
#[test]
fn a_pack_brings_its_own_fonts_with_their_licence() {
    let dir = common::assemble_case(&common::packs_dir().join("broken/pack-font"));
    let loaded = content::load(
        &PackSource::Dir(dir.path().to_path_buf()),
        ImageCheck::Decode,
        Some(&bundled().strings),
    );
    assert!(loaded.problems.is_empty(), "{:#?}", loaded.problems);
    let pack = loaded.pack.unwrap();
    assert_eq!(pack.fonts.len(), 1);
    assert_eq!(pack.fonts[0].file, "fonts/NotoSansJP-Subset.otf");

    fs::remove_file(dir.path().join("fonts/OFL.txt")).unwrap();
    fs::write(
        dir.path().join("fonts/notes.md"),
        "where the font came from",
    )
    .unwrap();
    fs::write(
        dir.path().join("fonts/Broken.ttf"),
        b"<html>not a font</html>",
    )
    .unwrap();
    let loaded = content::load(
        &PackSource::Dir(dir.path().to_path_buf()),
        ImageCheck::Header,
        Some(&bundled().strings),
    );
    let got: Vec<String> = loaded.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        got,
        [
            "fonts/Broken.ttf:1:1: error: not a TrueType or OpenType font the kiosk can draw with (a .ttc collection or a .woff web font will not do: use one face as .ttf or .otf)",
            "fonts/notes.md:1:1: warning: not a font (.ttf or .otf) nor a licence; the kiosk does not use it",
            "fonts/NotoSansJP-Subset.otf:1:1: warning: fonts/ holds no licence (OFL.txt, LICENSE.txt): put the font's licence beside it, as font licences ask, so staff know the kiosk may show it",
        ]
    );
    assert!(loaded.pack.is_none(), "a broken font is an error");
}

/// `validate` lays the pack's fixed-place texts out on the real screens
/// with the real fonts at its largest text size, and says, at the text,
/// which would wrap, shrink or be cut: a navigation label of 15 columns at
/// a text size of 2.0 on a portrait screen, a long title in the top bar.
/// The bundled pack has none.
#[test]
fn validate_finds_labels_too_long_for_their_place() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("pack");
    assert!(
        storykiosk()
            .arg("export-pack")
            .arg(&dir)
            .status()
            .unwrap()
            .success()
    );
    let edit = |file: &str, from: &str, to: &str| {
        let path = dir.join(file);
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{from} in {file}");
        fs::write(&path, text.replacen(from, to, 1)).unwrap();
    };
    edit(
        "theme.ron",
        "text_scales: [1.0, 1.2, 1.4]",
        "text_scales: [1.0, 1.5, 2.0]",
    );
    edit(
        "strings.ron",
        r#""en": "Pledge","#,
        r#""en": "Promesse de don","#,
    );
    edit(
        "manifest.ron",
        r#""en": "25 Years of Justice","#,
        r#""en": "Twenty-five years of justice for the poorest","#,
    );
    let out = storykiosk().arg("validate").arg(&dir).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "warnings only");
    let stderr = String::from_utf8(out.stderr).unwrap();
    let prefix = dir.display().to_string();
    for expected in [
        "/strings.ron:8:24: warning: the \"en\" text \"Promesse de don\" is drawn at 66% of its size to fit its place (the story, 1080×1920 points, the largest text size); shorten it",
        "/strings.ron:8:52: warning: the \"zh-HK\" text \"承諾捐款\" is drawn at 66% of its size to fit its place",
        "/manifest.ron:5:15: warning: the \"en\" text \"Twenty-five years of justice for the poorest\" is cut short with \"…\"",
        "/strings.ron:172:15: warning: the \"en\" text \"Confirm my pledge\" takes 2 lines on its button (the pledge review",
    ] {
        assert!(
            stderr.contains(&format!("{prefix}{expected}")),
            "missing {expected:?} in:\n{stderr}"
        );
    }

    let out = storykiosk().arg("validate").output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("the pack is valid (0 warning(s))"),
        "{stdout}"
    );
}

/// The two packs of other organisations (tests/packs/banco-alimentos:
/// Spanish and English, euros; tests/packs/nachbarschaft-basel: Swiss
/// German and Turkish, Swiss francs) are sound: `validate`, layout check
/// and all, finds nothing.
#[test]
fn the_other_organisations_packs_validate_clean() {
    for pack in ["banco-alimentos", "nachbarschaft-basel"] {
        let out = storykiosk()
            .arg("validate")
            .arg(common::packs_dir().join(pack))
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && stdout.contains("the pack is valid (0 warning(s))"),
            "{pack}: {stdout}{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// A pack's evening (`event.ron`): read whole, and the total screen's goal
/// and first names follow it; a pack without one keeps `pledge.ron`'s goal.
#[test]
fn the_evening_of_a_pack_that_has_one() {
    let pack = content::load(
        &PackSource::Dir(common::packs_dir().join("banco-alimentos")),
        ImageCheck::Decode,
        None,
    )
    .pack
    .unwrap();
    let event = pack.event.as_ref().unwrap();
    assert_eq!(pack.goal_minor(), 2_000_000);
    assert_eq!(event.levels.len(), 3);
    assert_eq!(event.levels[0].amount_minor, 100_000);
    assert!(event.show_first_names);
    // Every gift doubled, up to 5,000 €.
    let matching = event.matching.as_ref().unwrap();
    assert_eq!(matching.percent, 100);
    assert_eq!(event.matched_minor(120_000), 120_000);
    assert_eq!(event.matched_minor(900_000), 500_000);
    assert_eq!(event.slides.len(), 3);
    assert!(matches!(
        &event.slides[2],
        content::Slide::Sponsor(s) if s.logo.as_deref() == Some("logos/cooperativa.png")
    ));
    let bundled = content::Pack::bundled().unwrap();
    assert!(bundled.event.is_none());
    assert_eq!(bundled.goal_minor(), bundled.pledge.event_goal_minor);
    assert_eq!(bundled.names_shown_with(), Some("thank_publicly"));
}
