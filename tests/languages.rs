//! English and Traditional Chinese everywhere, and accessibility for every
//! visitor: the language switch, Chinese snapshots of every screen (kittest
//! fails on a missing glyph), the largest text size, high contrast, and a
//! committed pledge announced to assistive technology.

#![allow(
    clippy::unwrap_used,
    reason = "helpers of tests: a failed step should panic"
)]

mod common;

use common::kiosk::{self, LANDSCAPE, PORTRAIT, settle};
use egui::{Pos2, Role, Vec2};
use egui_kittest::{
    Harness, SnapshotResults,
    kittest::{By, NodeT, Queryable},
};
use storykiosk::{
    app::KioskApp,
    config::KioskConfig,
    content,
    screens::{Mode, ScreenId},
};

type H = Harness<'static, KioskApp>;

fn kiosk(size: Vec2) -> H {
    let mut config = KioskConfig::default();
    config.set_pin("2468").unwrap();
    let mut h = kiosk::harness_with(
        size,
        Mode::Kiosk,
        config,
        content::load_or_bundled(None).unwrap(),
    );
    settle(&mut h);
    h
}

fn button(h: &mut H, name: &str) {
    h.get_by_role_and_label(Role::Button, name).scroll_to_me();
    h.run();
    h.get_by_role_and_label(Role::Button, name).click();
    settle(h);
}

/// Every label and value a screen reader could read right now.
fn visible_words(h: &H) -> Vec<String> {
    h.query_all(By::new().predicate(|_| true))
        .flat_map(|n| {
            let node = n.accesskit_node();
            [node.label(), node.value()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Latin words allowed in Chinese text: names, brands and codes.
const LATIN_ALLOWED: [&str; 12] = [
    "IJM",
    "Gary",
    "Haugen",
    "CBS",
    "HK",
    "COVID",
    "storykiosk",
    "ABC",
    "com",
    "Aa",
    "English",
    "Shift",
];

/// Fails on an English word in what a screen reader could read, other than
/// names and codes, and what the visitor typed (`typed`).
fn assert_no_english(h: &H, screen: &str, typed: &[&str]) {
    for text in visible_words(h) {
        for word in text.split(|c: char| !c.is_ascii_alphabetic()) {
            // Capitals only are codes (a pledge reference) and acronyms.
            let code = word.chars().all(|c| c.is_ascii_uppercase());
            if word.len() >= 3 && !code && !LATIN_ALLOWED.contains(&word) && !typed.contains(&word)
            {
                panic!("English {word:?} on the {screen} screen in Chinese: {text:?}");
            }
        }
    }
}

fn attract_call(chinese: bool) -> &'static str {
    if chinese {
        "請輕觸屏幕開始"
    } else {
        "Touch the screen to begin"
    }
}

fn full_tour(size: Vec2, tag: &str, chinese: bool, larger: usize, results: &mut SnapshotResults) {
    let mut h = kiosk(size);
    if chinese {
        button(&mut h, "中文");
    }
    for _ in 0..larger {
        let name = h
            .query_all(By::new().role(Role::Button))
            .find_map(|n| {
                n.accesskit_node()
                    .label()
                    .filter(|l| l.starts_with("Text size") || l.starts_with("文字大小"))
            })
            .unwrap();
        button(&mut h, &name);
    }
    let nav = if chinese {
        ["主頁", "故事", "時間線", "相片", "承諾捐款"]
    } else {
        ["Home", "Story", "Timeline", "Photos", "Pledge"]
    };
    let snap = |h: &mut H, name: &str| {
        if chinese {
            assert_no_english(h, name, &[]);
        }
        h.snapshot(format!("{name}-{tag}"));
    };
    snap(&mut h, "attract");
    h.get_by_label(attract_call(chinese)).click();
    settle(&mut h);
    kiosk::advance(&mut h, 2.0);
    settle(&mut h);
    snap(&mut h, "story");
    for (i, name) in [(2, "timeline"), (3, "photos"), (4, "pledge")] {
        button(&mut h, nav[i]);
        kiosk::advance(&mut h, 2.0);
        settle(&mut h);
        snap(&mut h, name);
    }
    // Every navigation button stays on screen and touch-sized.
    let screen = egui::Rect::from_min_size(Pos2::ZERO, h.ctx.content_rect().size());
    for name in nav {
        let r = h.get_by_role_and_label(Role::Button, name).rect();
        assert!(
            screen.contains_rect(r.shrink(0.5)),
            "{name} off screen at {tag}: {r:?}"
        );
        assert!(
            r.height() >= 64.0 && r.width() >= 64.0,
            "{name} too small at {tag}"
        );
    }
    button(&mut h, nav[3]);
    let first_alt = if chinese {
        "黃昏時一排窄長的聯排屋，其中一扇樓上的窗透出燈光。"
    } else {
        "A row of narrow townhouses at dusk; one upstairs window glows with lamplight."
    };
    h.get_by_role_and_label(Role::Button, first_alt).click();
    settle(&mut h);
    snap(&mut h, "viewer");
    h.get_by_role_and_label(Role::Button, if chinese { "關閉" } else { "Close" })
        .click();
    settle(&mut h);
    // The idle countdown.
    kiosk::advance(&mut h, 92.5);
    h.run();
    snap(&mut h, "idle");
    results.extend_harness(&mut h);
}

#[test]
fn every_screen_in_chinese_landscape_and_portrait() {
    let mut results = SnapshotResults::new();
    full_tour(LANDSCAPE, "zh-1920x1080", true, 0, &mut results);
    full_tour(PORTRAIT, "zh-1080x1920", true, 0, &mut results);
    results.unwrap();
}

#[test]
fn every_screen_at_the_largest_text_size() {
    let mut results = SnapshotResults::new();
    full_tour(LANDSCAPE, "large-1920x1080", false, 2, &mut results);
    full_tour(PORTRAIT, "large-zh-1080x1920", true, 2, &mut results);
    full_tour(
        egui::vec2(1366.0, 768.0),
        "large-1366x768",
        false,
        2,
        &mut results,
    );
    results.unwrap();
}

#[test]
fn the_switch_is_named_in_the_other_language_and_keeps_what_was_typed() {
    let mut h = kiosk(LANDSCAPE);
    // On the attract loop already, and on every screen after.
    h.get_by_role_and_label(Role::Button, "中文");
    h.get_by_label("Touch the screen to begin").click();
    settle(&mut h);
    button(&mut h, "Pledge");
    button(&mut h, "HK$500");
    button(&mut h, "Next");
    h.get_by_role_and_label(Role::TextInput, "Name").click();
    h.run();
    for key in ["Shift", "W", "o", "n", "g"] {
        button(&mut h, key);
    }
    button(&mut h, "中文");
    assert_eq!(h.state().visitor().locale, "zh-HK");
    h.get_by_role_and_label(Role::Button, "English");
    for name in ["主頁", "故事", "時間線", "相片", "承諾捐款"] {
        h.get_by_role_and_label(Role::Button, name);
    }
    assert_eq!(
        h.get_by_role_and_label(Role::TextInput, "姓名")
            .value()
            .as_deref(),
        Some("Wong")
    );
    h.get_by_label("收集個人資料聲明");
    // The keyboard speaks Chinese too.
    h.get_by_role_and_label(Role::Button, "空格");
    h.snapshot("pledge-keyboard-zh-1920x1080");
    button(&mut h, "English");
    assert_eq!(
        h.get_by_role_and_label(Role::TextInput, "Name")
            .value()
            .as_deref(),
        Some("Wong")
    );
    button(&mut h, "中文");
    // The idle reset goes back to English.
    kiosk::advance(&mut h, 101.0);
    h.run();
    assert_eq!(h.state().visitor().screen, ScreenId::Attract);
    assert_eq!(h.state().visitor().locale, "en");
    h.get_by_role_and_label(Role::Button, "中文");
}

#[test]
fn the_whole_pledge_in_chinese_is_announced_when_committed() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = KioskConfig::default();
    config.set_pin("2468").unwrap();
    let mut h = kiosk::harness_in(
        LANDSCAPE,
        Mode::Kiosk,
        config,
        content::load_or_bundled(None).unwrap(),
        dir.path().to_path_buf(),
    );
    settle(&mut h);
    button(&mut h, "中文");
    h.get_by_label("請輕觸屏幕開始").click();
    settle(&mut h);
    button(&mut h, "承諾捐款");
    button(&mut h, "HK$1,000");
    button(&mut h, "每月");
    button(&mut h, "下一步");
    h.get_by_role_and_label(Role::TextInput, "姓名").click();
    h.run();
    for key in ["Shift", "C", "h", "a", "n"] {
        button(&mut h, key);
    }
    button(&mut h, "完成");
    h.get_by_role_and_label(Role::TextInput, "電郵").click();
    h.run();
    for key in ["c", "@", "x", ".", "h", "k"] {
        button(&mut h, key);
    }
    button(&mut h, "完成");
    assert_no_english(&h, "details", &["Chan"]);
    h.snapshot("pledge-details-zh-1920x1080");
    button(&mut h, "下一步");
    h.get_by_label("每月 HK$1,000");
    assert_no_english(&h, "review", &["Chan"]);
    button(&mut h, "確認承諾");
    kiosk::wait_for_store(&mut h);
    let heading = h.get_by_label("Chan，謝謝你！");
    assert_eq!(
        heading.accesskit_node().live(),
        egui::accesskit::Live::Assertive,
        "announced at once"
    );
    assert_no_english(&h, "thanks", &["Chan"]);
    let rows = storykiosk::pledge::Store::open_in(dir.path())
        .unwrap()
        .all(None)
        .unwrap();
    assert_eq!(rows[0].locale, "zh-HK");
}

#[test]
fn high_contrast_is_a_visitor_switch() {
    let mut h = kiosk(LANDSCAPE);
    h.get_by_label("Touch the screen to begin").click();
    settle(&mut h);
    button(&mut h, "High contrast");
    assert!(h.state().visitor().prefs.high_contrast);
    kiosk::advance(&mut h, 2.0);
    settle(&mut h);
    h.snapshot("story-contrast-1920x1080");
    button(&mut h, "Timeline");
    h.snapshot("timeline-contrast-1920x1080");
    button(&mut h, "High contrast");
    assert!(!h.state().visitor().prefs.high_contrast);
}

/// A visitor who reads everything in Chinese at a larger text size fills
/// egui's glyph atlas, which only ever grows (to 64 MiB, kept twice: by egui
/// and by the GPU). The next visitor starts with it as it was at start.
#[test]
fn an_idle_reset_gives_the_glyph_atlas_back() {
    let mut h = kiosk(LANDSCAPE);
    let atlas = |h: &H| h.ctx.fonts(|f| f.font_image_size());
    let at_start = atlas(&h);
    button(&mut h, "中文");
    for _ in 0..2 {
        let name = h
            .query_all(By::new().role(Role::Button))
            .find_map(|n| {
                n.accesskit_node()
                    .label()
                    .filter(|l| l.starts_with("文字大小"))
            })
            .unwrap();
        button(&mut h, &name);
    }
    h.get_by_label(attract_call(true)).click();
    settle(&mut h);
    for tab in ["故事", "時間線", "相片", "承諾捐款"] {
        button(&mut h, tab);
        kiosk::advance(&mut h, 2.0);
        settle(&mut h);
    }
    let grown = atlas(&h);
    assert!(
        grown[1] > at_start[1],
        "the tour should have grown the atlas: {at_start:?}, then {grown:?}"
    );

    // Nobody there: the countdown, then the reset.
    kiosk::advance(&mut h, 91.0);
    h.run();
    kiosk::advance(&mut h, 10.0);
    settle(&mut h);
    h.get_by_label(attract_call(false));
    assert_eq!(atlas(&h), at_start, "grown to {grown:?}");
}

/// A pack whose texts need a font the kiosk does not bundle (kana) brings
/// it in fonts/, and the kiosk draws with it: kittest fails on a glyph no
/// font has, and the story shows in the pack's Japanese font.
#[test]
fn a_pack_font_draws_what_no_bundled_font_can() {
    let dir = common::assemble_case(&common::packs_dir().join("broken/pack-font"));
    let report = content::load_or_bundled(Some(dir.path())).unwrap();
    assert!(!report.fell_back, "{:#?}", report.problems);
    let mut h = kiosk::harness_with(LANDSCAPE, Mode::Presenter, KioskConfig::default(), report);
    settle(&mut h);
    button(&mut h, "中文");
    h.get_by_label("こども食堂");
    h.get_by_label("みんなでごはんを食べよう。");
    h.snapshot("pack-font-story-1920x1080");
}
