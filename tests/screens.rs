//! Every screen, driven through the real app headless (egui_kittest), by
//! accessible names and with touch events injected the way eframe sends
//! them; and a snapshot image of each screen in landscape and portrait.

#![allow(
    clippy::unwrap_used,
    reason = "helpers of tests: a failed step should panic"
)]

mod common;

use common::kiosk::{self, LANDSCAPE, PORTRAIT, new_harness, settle};
use egui::{Pos2, Vec2};
use egui_kittest::kittest::Queryable;
use storykiosk::screens::{Mode, ScreenId};

fn snapshot_every_screen(size: Vec2, tag: &str) {
    let mut config = storykiosk::config::KioskConfig::default();
    config.set_pin("2468").unwrap();
    let report = storykiosk::content::load_or_bundled(None).unwrap();
    let mut h = kiosk::harness_with(size, Mode::Kiosk, config, report);
    settle(&mut h);
    h.snapshot(format!("attract-{tag}"));
    h.get_by_label("Touch the screen to begin").click();
    settle(&mut h);
    // Let the figures finish counting.
    kiosk::advance(&mut h, 2.0);
    settle(&mut h);
    assert_eq!(h.state().visitor().screen, ScreenId::Story);
    h.snapshot(format!("story-{tag}"));
    for (button, screen, name) in [
        ("Timeline", ScreenId::Timeline, "timeline"),
        ("Photos", ScreenId::Photos, "photos"),
        ("Pledge", ScreenId::Pledge, "pledge"),
    ] {
        go(&mut h, button);
        kiosk::advance(&mut h, 2.0);
        settle(&mut h);
        assert_eq!(h.state().visitor().screen, screen);
        h.snapshot(format!("{name}-{tag}"));
    }
    go(&mut h, "Photos");
    h.get_all_by_label(
        "A row of narrow townhouses at dusk; one upstairs window glows with lamplight.",
    )
    .next()
    .unwrap()
    .click();
    settle(&mut h);
    h.snapshot(format!("viewer-{tag}"));
    h.get_by_label("Close").click();
    settle(&mut h);

    // Staff: the PIN pad after a wrong PIN, then the admin screen.
    kiosk::corner_taps(&mut h, 5);
    kiosk::enter_pin(&mut h, "1111");
    h.snapshot(format!("pinpad-{tag}"));
    kiosk::enter_pin(&mut h, "2468");
    // The store answers on its own thread: wait for the totals.
    kiosk::step_until(&mut h, "the totals", |h| {
        h.query_by_label_contains("Today:").is_some()
    });
    h.get_by_label_contains("Today: 0 pledges");
    // The export folder is a fresh temporary one on every run: hide its line.
    let folder = h.get_by_label_contains("/exports").rect();
    h.mask(egui::Rect::from_x_y_ranges(0.0..=size.x, folder.y_range()));
    h.snapshot(format!("admin-{tag}"));
    h.get_by_label("Back to the kiosk").click();
    settle(&mut h);

    // The idle countdown.
    kiosk::advance(&mut h, 92.5);
    h.run();
    h.snapshot(format!("idle-{tag}"));
}

#[test]
fn snapshots_landscape() {
    snapshot_every_screen(LANDSCAPE, "1920x1080");
}

#[test]
fn snapshots_portrait() {
    snapshot_every_screen(PORTRAIT, "1080x1920");
}

#[test]
fn attract_then_story_by_touch() {
    let mut h = new_harness(LANDSCAPE, Mode::Kiosk);
    settle(&mut h);
    assert_eq!(h.state().visitor().screen, ScreenId::Attract);
    kiosk::tap(&mut h, Pos2::new(960.0, 500.0));
    settle(&mut h);
    assert_eq!(h.state().visitor().screen, ScreenId::Story);
    for name in ["Home", "Story", "Timeline", "Photos", "Pledge"] {
        let node = h.get_by_role_and_label(egui::Role::Button, name);
        let r = node.rect();
        assert!(
            r.width() >= 64.0 && r.height() >= 64.0,
            "{name} is only {r:?}"
        );
    }
}

#[test]
fn presenter_mode_starts_on_the_story() {
    let mut h = new_harness(Vec2::new(1280.0, 800.0), Mode::Presenter);
    settle(&mut h);
    assert_eq!(h.state().visitor().screen, ScreenId::Story);
}

fn go(h: &mut egui_kittest::Harness<'static, storykiosk::app::KioskApp>, tab: &str) {
    h.get_by_role_and_label(egui::Role::Button, tab).click();
    settle(h);
}

#[test]
fn timeline_drags_snaps_and_jumps_to_a_tapped_year() {
    let mut h = new_harness(LANDSCAPE, Mode::Presenter);
    settle(&mut h);
    go(&mut h, "Timeline");
    assert_eq!(h.state().visitor().timeline.selected(), 0);
    let years: Vec<Pos2> = ["1997", "2000", "2003", "2004"]
        .iter()
        .map(|y| {
            h.get_by_role_and_label(egui::Role::Button, y)
                .rect()
                .center()
        })
        .collect();
    // Drag the handle from 1997 to a little past 2004, and let go.
    let handle = Pos2::new(
        years[0].x,
        h.get_by_role_and_label(egui::Role::Slider, "25 years, step by step")
            .rect()
            .top()
            + 40.0,
    );
    let past = Pos2::new(years[3].x + (years[3].x - years[2].x) * 0.3, handle.y);
    kiosk::swipe(&mut h, handle, past, 8);
    settle(&mut h);
    assert_eq!(h.state().visitor().timeline.selected(), 3, "snaps to 2004");
    h.get_by_label("Training a justice system");

    // Tap a year far away.
    let y2020 = h
        .get_by_role_and_label(egui::Role::Button, "2020")
        .rect()
        .center();
    kiosk::tap(&mut h, y2020);
    settle(&mut h);
    assert_eq!(h.state().visitor().timeline.selected(), 6);
    h.get_by_label("7,000 freed in two days");

    // Swipe the card to the left: the next event; a short swipe: no change.
    kiosk::swipe(
        &mut h,
        Pos2::new(1400.0, 500.0),
        Pos2::new(1000.0, 510.0),
        6,
    );
    settle(&mut h);
    assert_eq!(h.state().visitor().timeline.selected(), 7);
    kiosk::swipe(
        &mut h,
        Pos2::new(1000.0, 500.0),
        Pos2::new(1080.0, 500.0),
        4,
    );
    settle(&mut h);
    assert_eq!(h.state().visitor().timeline.selected(), 7);
    kiosk::swipe(
        &mut h,
        Pos2::new(1000.0, 500.0),
        Pos2::new(1500.0, 500.0),
        6,
    );
    settle(&mut h);
    assert_eq!(h.state().visitor().timeline.selected(), 6);
}

#[test]
fn timeline_works_for_three_events_and_for_forty() {
    let mut snapshots = egui_kittest::SnapshotResults::new();
    for n in [3usize, 40] {
        let mut report = storykiosk::content::load_or_bundled(None).unwrap();
        let mut pack = (*report.pack).clone();
        let template = pack.timeline.events[0].clone();
        pack.timeline.events = (0..n)
            .map(|i| {
                let mut e = template.clone();
                e.year = 1980 + i as i32;
                e
            })
            .collect();
        report.pack = std::sync::Arc::new(pack);
        let mut h = kiosk::harness_with(LANDSCAPE, Mode::Presenter, Default::default(), report);
        settle(&mut h);
        go(&mut h, "Timeline");
        let last = (1980 + n - 1).to_string();
        let zone = h.get_by_role_and_label(egui::Role::Button, &last).rect();
        assert!(zone.width() > 0.0);
        kiosk::tap(&mut h, zone.center());
        settle(&mut h);
        assert_eq!(h.state().visitor().timeline.selected(), n - 1, "{n} events");
        h.snapshot(format!("timeline-{n}-events-1920x1080"));
        snapshots.extend_harness(&mut h);
    }
    snapshots.unwrap();
}

#[test]
fn photo_viewer_swipes_pinches_double_taps_and_closes() {
    let mut h = new_harness(LANDSCAPE, Mode::Kiosk);
    settle(&mut h);
    h.get_by_label("Touch the screen to begin").click();
    settle(&mut h);
    go(&mut h, "Photos");
    let tile = h
        .get_by_label(
            "A row of narrow townhouses at dusk; one upstairs window glows with lamplight.",
        )
        .rect()
        .center();
    kiosk::tap(&mut h, tile);
    settle(&mut h);
    assert_eq!(h.state().visitor().photos.viewer.as_ref().unwrap().index, 0);

    // Swipe left: the next photo.
    kiosk::swipe(&mut h, Pos2::new(1400.0, 400.0), Pos2::new(700.0, 400.0), 8);
    settle(&mut h);
    assert_eq!(h.state().visitor().photos.viewer.as_ref().unwrap().index, 1);
    h.get_by_role_and_label(
        egui::Role::Image,
        "A stylised map of dots with glowing points joined by arcs of light.",
    );

    // Pinch out: zoomed in.
    kiosk::pinch(&mut h, Pos2::new(960.0, 400.0), 200.0, 500.0, 8);
    settle(&mut h);
    let zoom = h.state().visitor().photos.viewer.as_ref().unwrap().zoom;
    assert!(zoom > 2.0, "zoom {zoom}");
    // While zoomed, a drag pans instead of changing photo.
    kiosk::swipe(&mut h, Pos2::new(1200.0, 400.0), Pos2::new(900.0, 400.0), 6);
    settle(&mut h);
    let v = h.state().visitor().photos.viewer.clone().unwrap();
    assert_eq!(v.index, 1);
    assert!(v.pan.x < 0.0, "pan {:?}", v.pan);

    // Double tap: back to the whole photo; again: zoomed in.
    for expect_zoomed in [false, true] {
        kiosk::tap(&mut h, Pos2::new(960.0, 400.0));
        kiosk::tap(&mut h, Pos2::new(960.0, 400.0));
        settle(&mut h);
        let zoom = h.state().visitor().photos.viewer.as_ref().unwrap().zoom;
        assert_eq!(zoom > 1.0, expect_zoomed, "zoom {zoom}");
        kiosk::advance(&mut h, 1.0);
    }
    h.get_by_label("Close").click();
    settle(&mut h);
    assert!(h.state().visitor().photos.viewer.is_none());
}

#[test]
fn idle_countdown_then_a_full_reset() {
    let mut h = new_harness(LANDSCAPE, Mode::Kiosk);
    settle(&mut h);
    h.get_by_label("Touch the screen to begin").click();
    settle(&mut h);
    go(&mut h, "Timeline");
    h.get_by_role_and_label(egui::Role::Button, "2010").click();
    settle(&mut h);
    go(&mut h, "Photos");
    h.get_by_label(
        "A wide horizon at dawn where countless small lights gather into one bright line.",
    )
    .click();
    settle(&mut h);
    let epoch = h.state().visitor().epoch;

    // Quiet for most of the timeout (90 s in the pack): nothing happens.
    // (Waiting for photo decodes moves the app's clock on a little.)
    kiosk::advance(&mut h, 80.0);
    settle(&mut h);
    assert!(h.query_by_label("Are you still there?").is_none());
    // Past it: the countdown; a touch anywhere cancels it.
    kiosk::advance(&mut h, 11.0);
    h.run();
    h.get_by_label("Are you still there?");
    h.get_by_label_contains("this kiosk will start over in");
    kiosk::tap(&mut h, Pos2::new(300.0, 300.0));
    settle(&mut h);
    assert!(h.query_by_label("Are you still there?").is_none());
    assert_eq!(h.state().visitor().screen, ScreenId::Photos);
    assert!(h.state().visitor().photos.viewer.is_some());

    // Quiet through the countdown: back to the attract loop, all forgotten.
    kiosk::advance(&mut h, 91.0);
    h.run();
    h.get_by_label("I'm still here");
    kiosk::advance(&mut h, 10.0);
    settle(&mut h);
    let v = h.state().visitor();
    assert_eq!(v.screen, ScreenId::Attract);
    assert_eq!(v.timeline.selected(), 0);
    assert!(v.photos.viewer.is_none());
    assert_eq!(v.locale, "en");
    assert_eq!(v.epoch, epoch + 1);
    h.get_by_label("Touch the screen to begin");
    // The attract loop itself never asks whether anyone is there.
    kiosk::advance(&mut h, 600.0);
    h.run();
    assert!(h.query_by_label("Are you still there?").is_none());
    assert_eq!(h.state().visitor().epoch, epoch + 1);
}

#[test]
fn presenter_keys_move_through_chapters_and_events() {
    let mut h = new_harness(Vec2::new(1366.0, 768.0), Mode::Presenter);
    settle(&mut h);
    for _ in 0..3 {
        h.key_press(egui::Key::ArrowRight);
    }
    h.key_press(egui::Key::PageUp);
    h.key_press(egui::Key::Space);
    settle(&mut h);
    assert_eq!(h.state().visitor().story.chapter(), 3);
    go(&mut h, "Timeline");
    h.key_press(egui::Key::PageDown);
    h.key_press(egui::Key::ArrowRight);
    h.key_press(egui::Key::ArrowLeft);
    settle(&mut h);
    assert_eq!(h.state().visitor().timeline.selected(), 1);
    // Presenter mode never idles out.
    kiosk::advance(&mut h, 3600.0);
    settle(&mut h);
    assert_eq!(h.state().visitor().screen, ScreenId::Timeline);
}

#[test]
fn kiosk_refuses_to_close_and_has_no_escape() {
    let mut h = new_harness(LANDSCAPE, Mode::Kiosk);
    settle(&mut h);
    h.input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    h.step();
    let commands = &h.output().viewport_output[&egui::ViewportId::ROOT].commands;
    assert!(
        commands.contains(&egui::ViewportCommand::CancelClose),
        "{commands:?}"
    );
    h.key_press(egui::Key::Escape);
    h.key_press(egui::Key::F11);
    let commands = &h.output().viewport_output[&egui::ViewportId::ROOT].commands;
    assert!(!commands.iter().any(|c| matches!(
        c,
        egui::ViewportCommand::Fullscreen(_) | egui::ViewportCommand::Close
    )));
}

#[test]
fn admin_gesture_then_a_wrong_pin_then_the_right_one() {
    let mut config = storykiosk::config::KioskConfig::default();
    config.set_pin("2468").unwrap();
    let report = storykiosk::content::load_or_bundled(None).unwrap();
    let mut h = kiosk::harness_with(LANDSCAPE, Mode::Kiosk, config, report);
    settle(&mut h);
    h.get_by_label("Touch the screen to begin").click();
    settle(&mut h);
    // Four taps are not enough, nor are five slow ones.
    kiosk::corner_taps(&mut h, 4);
    assert!(!h.state().pin_pad_open());
    kiosk::advance(&mut h, 4.0);
    kiosk::corner_taps(&mut h, 1);
    assert!(!h.state().pin_pad_open());
    kiosk::advance(&mut h, 4.0);
    kiosk::corner_taps(&mut h, 5);
    assert!(h.state().pin_pad_open());
    h.get_by_label("Staff PIN");

    kiosk::enter_pin(&mut h, "1357");
    h.get_by_label("That PIN is not right.");
    assert!(!h.state().admin_open());
    kiosk::enter_pin(&mut h, "2468");
    assert!(h.state().admin_open());
    h.get_by_label("Staff settings");
    h.get_by_label("No problems found.");
    h.get_by_label("Quit storykiosk").click();
    h.step();
    let commands = &h.output().viewport_output[&egui::ViewportId::ROOT].commands;
    assert!(
        commands.contains(&egui::ViewportCommand::Close),
        "{commands:?}"
    );
}

#[test]
fn five_wrong_pins_lock_the_pad() {
    let mut config = storykiosk::config::KioskConfig::default();
    config.set_pin("2468").unwrap();
    let report = storykiosk::content::load_or_bundled(None).unwrap();
    let mut h = kiosk::harness_with(LANDSCAPE, Mode::Presenter, config, report);
    settle(&mut h);
    kiosk::corner_taps(&mut h, 5);
    for _ in 0..5 {
        kiosk::enter_pin(&mut h, "0000");
    }
    h.get_by_label_contains("Try again in 30 seconds");
    // Even the right PIN is refused while locked.
    kiosk::enter_pin(&mut h, "2468");
    assert!(!h.state().admin_open());
    kiosk::advance(&mut h, 31.0);
    kiosk::enter_pin(&mut h, "2468");
    assert!(h.state().admin_open());
}

#[test]
fn without_a_pin_the_gesture_tells_staff_how_to_set_one() {
    let mut h = new_harness(LANDSCAPE, Mode::Presenter);
    settle(&mut h);
    kiosk::corner_taps(&mut h, 5);
    h.get_by_label_contains("storykiosk set-pin");
    assert!(h.query_by_label("Enter").is_none());
    h.get_by_label("Cancel").click();
    settle(&mut h);
    assert!(!h.state().pin_pad_open());
}

#[test]
fn a_broken_override_shows_its_problems_on_the_admin_screen() {
    let dir = common::assemble_case(&common::packs_dir().join("broken/many-at-once"));
    let report = storykiosk::content::load_or_bundled(Some(dir.path())).unwrap();
    let mut config = storykiosk::config::KioskConfig::default();
    config.set_pin("2468").unwrap();
    let mut h = kiosk::harness_with(LANDSCAPE, Mode::Presenter, config, report);
    settle(&mut h);
    kiosk::corner_taps(&mut h, 5);
    kiosk::enter_pin(&mut h, "2468");
    h.get_by_label_contains("has errors, so the bundled pack is showing instead");
    h.get_by_label_contains("timeline.ron:5:16: error: the year 1997 appears twice");
}

#[test]
fn every_layout_size_keeps_the_navigation_on_screen() {
    for size in [
        LANDSCAPE,
        PORTRAIT,
        Vec2::new(1366.0, 768.0),
        Vec2::new(1280.0, 800.0),
    ] {
        let mut h = new_harness(size, Mode::Presenter);
        settle(&mut h);
        for tab in ["Story", "Timeline", "Photos", "Pledge"] {
            go(&mut h, tab);
            let screen = egui::Rect::from_min_size(Pos2::ZERO, size);
            for name in ["Home", "Story", "Timeline", "Photos", "Pledge"] {
                let r = h.get_by_role_and_label(egui::Role::Button, name).rect();
                // Rects are in points; the UI is scaled so the short side is 1080 points.
                let scale = size.x.min(size.y) / 1080.0;
                let physical = egui::Rect::from_min_max(
                    (r.min.to_vec2() * scale).to_pos2(),
                    (r.max.to_vec2() * scale).to_pos2(),
                );
                assert!(
                    screen.contains_rect(physical.shrink(0.5)),
                    "{name} off screen at {size:?}: {physical:?}"
                );
                assert!(
                    r.height() >= 64.0 && r.width() >= 64.0,
                    "{name} too small at {size:?}"
                );
            }
        }
    }
}

#[test]
fn presenter_f11_toggles_fullscreen_and_escape_leaves_it() {
    let mut h = new_harness(Vec2::new(1280.0, 800.0), Mode::Presenter);
    settle(&mut h);
    let fullscreen = |h: &egui_kittest::Harness<'static, storykiosk::app::KioskApp>| {
        h.output().viewport_output[&egui::ViewportId::ROOT]
            .commands
            .iter()
            .find_map(|c| match c {
                egui::ViewportCommand::Fullscreen(on) => Some(*on),
                _ => None,
            })
    };
    let press = |h: &mut egui_kittest::Harness<'static, storykiosk::app::KioskApp>, key| {
        h.key_down(key);
        h.step();
        let seen = fullscreen(h);
        h.key_up(key);
        h.step();
        seen
    };
    assert_eq!(press(&mut h, egui::Key::F11), Some(true));
    assert_eq!(press(&mut h, egui::Key::Escape), Some(false));
    assert_eq!(
        press(&mut h, egui::Key::Escape),
        None,
        "Escape does nothing more once windowed"
    );
    assert_eq!(press(&mut h, egui::Key::F11), Some(true));
    assert_eq!(press(&mut h, egui::Key::F11), Some(false));
}

#[test]
fn a_photo_that_vanishes_after_loading_shows_its_alt_text_in_a_plain_tile() {
    let dir = tempfile::tempdir().unwrap();
    common::copy_tree(&common::packs_dir().join("minimal"), dir.path());
    let report = storykiosk::content::load_or_bundled(Some(dir.path())).unwrap();
    assert!(!report.fell_back);
    // The file goes bad after the pack was checked, as on a failing USB stick.
    std::fs::write(dir.path().join("photos/a.png"), b"not a picture any more").unwrap();
    let mut h = kiosk::harness_with(LANDSCAPE, Mode::Presenter, Default::default(), report);
    settle(&mut h);
    go(&mut h, "Photos");
    h.get_by_role_and_label(egui::Role::Button, "A grey square.")
        .click();
    settle(&mut h);
    h.get_by_role_and_label(egui::Role::Image, "A grey square.");
    h.snapshot("photo-unavailable-1920x1080");
}

/// The colour drawn at `pos` (the harness draws one pixel per point).
fn pixel(h: &mut egui_kittest::Harness<'static, storykiosk::app::KioskApp>, pos: Pos2) -> [u8; 3] {
    let image = h.render().unwrap();
    let p = image.get_pixel(pos.x as u32, pos.y as u32).0;
    [p[0], p[1], p[2]]
}

fn near(got: [u8; 3], want: egui::Color32, within: u8) -> bool {
    got.iter()
        .zip(want.to_array())
        .all(|(g, w)| g.abs_diff(w) <= within)
}

#[test]
fn the_attract_stage_is_the_clear_colour_and_frames_after_it_paint_their_own() {
    let report = storykiosk::content::load_or_bundled(None).unwrap();
    let look = storykiosk::theme::Look::for_visitor(&report.pack.theme, false, 0);
    let slide_secs = f64::from(report.pack.manifest.timings.attract_slide_secs);
    let fade_secs = f64::from(look.transition_secs);
    let (accent, background) = (look.colors.accent, look.colors.background);
    let stage = Pos2::new(40.0, 300.0);
    let band = Pos2::new(40.0, 1070.0);

    // A settled figure slide: the window is cleared to the stage colour and
    // only the band below it is filled.
    let mut h = new_harness(LANDSCAPE, Mode::Kiosk);
    settle(&mut h);
    let clear = eframe::App::clear_color(h.state(), &egui::Visuals::light());
    assert_eq!(clear, accent.to_normalized_gamma_f32());
    assert!(near(pixel(&mut h, stage), accent, 2));
    assert!(near(pixel(&mut h, band), background, 2));

    // The next slide, a photo, starts fading in on a window still cleared to
    // the stage colour: it fades in from the background, not from blue.
    let secs = slide_secs - kiosk::now(&h) + fade_secs * 0.1;
    kiosk::advance(&mut h, secs);
    let attract = &h.state().visitor().attract;
    assert!(
        attract
            .backdrop(&report.pack, &look, kiosk::now(&h))
            .is_none()
    );
    let got = pixel(&mut h, stage);
    assert!(
        near(got, background, 40),
        "{got:?} is not near the background"
    );
    assert!(!near(got, accent, 40));

    // A key leaves a settled figure slide before the frame is drawn: the
    // story is drawn on the background, not on the stage colour.
    let mut h = new_harness(LANDSCAPE, Mode::Kiosk);
    settle(&mut h);
    assert!(near(pixel(&mut h, stage), accent, 2));
    // One frame: the key goes down (a press and release would be two).
    h.event(egui::Event::Key {
        key: egui::Key::ArrowRight,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: egui::Modifiers::NONE,
    });
    h.step();
    assert_eq!(h.state().visitor().screen, ScreenId::Story);
    let got = pixel(&mut h, Pos2::new(40.0, 500.0));
    assert!(near(got, background, 2), "{got:?} is not the background");
}

#[test]
fn the_attract_loop_holds_only_the_photo_it_shows_or_is_about_to() {
    let report = storykiosk::content::load_or_bundled(None).unwrap();
    let slide = f64::from(report.pack.manifest.timings.attract_slide_secs);
    let mut h = new_harness(LANDSCAPE, Mode::Kiosk);
    settle(&mut h);
    let at = |h: &mut egui_kittest::Harness<'static, storykiosk::app::KioskApp>, t: f64| {
        let secs = t - kiosk::now(h);
        kiosk::advance(h, secs);
        settle(h);
    };
    // The first slide is a figure; its photo is due at `slide` s.
    assert_eq!(
        h.state().texture_pixels(),
        0,
        "a photo decoded long before it shows"
    );
    at(&mut h, slide - 3.0);
    assert_eq!(h.state().texture_pixels(), 0);
    // Two seconds before, it decodes...
    at(&mut h, slide - 1.5);
    assert!(
        h.state().texture_pixels() > 0,
        "the next photo is not ready"
    );
    // ...and shows as its slide begins.
    at(&mut h, slide + 0.1);
    assert_eq!(h.state().photos_drawn(), 1);
    // The figure slide after it lets it go.
    at(&mut h, 2.0 * slide + 1.0);
    at(&mut h, 2.0 * slide + 1.5);
    assert_eq!(h.state().photos_drawn(), 0);
    assert_eq!(
        h.state().texture_pixels(),
        0,
        "the last slide's photo is still held"
    );
}

#[test]
fn the_window_gaining_focus_costs_no_extra_frame() {
    // winit sends "focused" and "modifiers changed" whenever the window
    // gains focus; egui answers any event with one more frame, which on a
    // software renderer costs tens of milliseconds.
    let mut h = new_harness(LANDSCAPE, Mode::Presenter);
    settle(&mut h);
    let ctx = h.ctx.clone();
    let mut frame = eframe::Frame::_new_kittest();
    let mut one_frame = |h: &mut egui_kittest::Harness<'static, storykiosk::app::KioskApp>,
                         events: Vec<egui::Event>,
                         hook: bool| {
        let mut raw = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(Pos2::ZERO, LANDSCAPE)),
            time: Some(ctx.input(|i| i.time) + 1.0 / 30.0),
            events,
            ..Default::default()
        };
        let app = h.state_mut();
        if hook {
            eframe::App::raw_input_hook(app, &ctx, &mut raw);
        }
        let kept = raw.events.len();
        let mut out = ctx.run_ui(raw, |ui| {
            eframe::App::logic(app, ui.ctx(), &mut frame);
            eframe::App::ui(app, ui, &mut frame);
        });
        // Nothing renders these frames.
        out.textures_delta.clear();
        (
            kept,
            out.viewport_output[&egui::ViewportId::ROOT].repaint_delay,
        )
    };
    let gained = || {
        vec![
            egui::Event::WindowFocused(true),
            egui::Event::ModifiersChanged(egui::Modifiers::NONE),
        ]
    };
    // Through the app's input hook, nothing is left to answer.
    let (kept, next) = one_frame(&mut h, gained(), true);
    assert_eq!(kept, 0);
    assert!(
        next > std::time::Duration::ZERO,
        "asked for a frame in {next:?}"
    );
    // Without the hook, egui would ask for the next frame at once.
    let (_, next) = one_frame(&mut h, gained(), false);
    assert_eq!(next, std::time::Duration::ZERO);
    // Losing focus (egui lets go of held keys) and a real change of
    // modifiers are kept.
    let (kept, _) = one_frame(
        &mut h,
        vec![
            egui::Event::WindowFocused(false),
            egui::Event::ModifiersChanged(egui::Modifiers::SHIFT),
            egui::Event::ModifiersChanged(egui::Modifiers::NONE),
        ],
        true,
    );
    assert_eq!(kept, 3);
}

/// Steps `h` until no photo it asked for is still decoding.
fn wait_for_photos(h: &mut egui_kittest::Harness<'static, storykiosk::app::KioskApp>) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        h.step();
        if !h.state().images_pending() {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the photos never finished decoding"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    // One more frame draws the last of them.
    h.step();
}

/// The app opening on the photo panels on a screen of `physical` pixels
/// (at one pixel per point, with the zoom set before the first pass as the
/// app's input hook sets it under eframe), with the photos decoding since
/// before its first frame as if the window were `guess` points.
fn photos_prefetched_for(
    guess: Vec2,
    physical: Vec2,
) -> egui_kittest::Harness<'static, storykiosk::app::KioskApp> {
    let report = storykiosk::content::load_or_bundled(None).unwrap();
    let options = storykiosk::app::Options {
        screen: Some(ScreenId::Photos),
        ..Default::default()
    };
    let prefetch = storykiosk::app::prefetch(&report.pack, Mode::Presenter, options, guess)
        .unwrap_or_else(|| panic!("the photo panels are not guessed"));
    assert_eq!(prefetch.len(), report.pack.photos.photos.len());
    let data = tempfile::tempdir().unwrap();
    let startup = storykiosk::app::Startup {
        mode: Mode::Presenter,
        report,
        config: Default::default(),
        data_dir: data.keep(),
        options,
        prefetch: Some(prefetch),
    };
    let zoom = storykiosk::app::design_zoom(physical.min_elem(), 1.0);
    egui_kittest::Harness::builder()
        .with_size(physical / zoom)
        .with_step_dt(1.0 / 30.0)
        .with_max_steps(400)
        .with_context_setup(move |ctx| ctx.options_mut(|o| o.zoom_factor = zoom))
        .build_eframe(move |cc| storykiosk::app::KioskApp::new(&cc.egui_ctx, startup))
}

#[test]
fn photos_decoded_before_the_first_frame_are_the_sizes_it_shows() {
    let photos = storykiosk::content::load_or_bundled(None)
        .unwrap()
        .pack
        .photos
        .photos
        .len();
    for size in [
        LANDSCAPE,
        PORTRAIT,
        Vec2::new(1280.0, 800.0),
        Vec2::new(1366.0, 768.0),
        Vec2::new(800.0, 1280.0),
        Vec2::new(3840.0, 2160.0),
    ] {
        let mut h = photos_prefetched_for(size, size);
        wait_for_photos(&mut h);
        assert_eq!(h.state().visitor().screen, ScreenId::Photos);
        assert_eq!(h.ctx.pixels_per_point(), size.min_elem() / 1080.0);
        assert_eq!(h.state().photos_drawn(), photos, "at {size:?}");
        assert_eq!(
            h.state().photo_decodes_asked(),
            0,
            "at {size:?} a frame asked for a size the prefetch did not guess"
        );
    }
}

#[test]
fn a_wrong_guess_of_the_window_costs_only_time() {
    // A screen scaled by 1.5, say: eframe gives the size in points.
    let mut h = photos_prefetched_for(LANDSCAPE / 1.5, LANDSCAPE);
    wait_for_photos(&mut h);
    let photos = h.state().photos_drawn();
    assert!(photos > 0);
    assert_eq!(
        h.state().photo_decodes_asked(),
        photos,
        "each photo is decoded again at the size shown"
    );
    // What was decoded at the guessed size goes as unused photos go: in
    // the end it holds what the same screen holds without a guess.
    let mut unguessed = photos_prefetched_for(LANDSCAPE, LANDSCAPE);
    wait_for_photos(&mut unguessed);
    for h in [&mut h, &mut unguessed] {
        // Unused photos go after 3 s and 10 frames.
        for _ in 0..12 {
            kiosk::advance(h, 0.5);
        }
        settle(h);
        assert!(!h.state().images_pending());
    }
    assert_eq!(
        h.state().texture_pixels(),
        unguessed.state().texture_pixels()
    );
}

#[test]
fn the_first_frame_is_laid_out_at_the_screens_zoom() {
    // eframe gives the first frame's input in points at zoom 1; the input
    // hook sets the zoom before the pass, so the first frame is not drawn
    // (nor its photos asked for) at another size.
    let mut h = new_harness(LANDSCAPE, Mode::Presenter);
    let ctx = egui::Context::default();
    let mut raw = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            Pos2::ZERO,
            Vec2::new(1280.0, 800.0),
        )),
        events: vec![egui::Event::PointerMoved(Pos2::new(640.0, 400.0))],
        ..Default::default()
    };
    eframe::App::raw_input_hook(h.state_mut(), &ctx, &mut raw);
    let zoom = 800.0 / 1080.0;
    assert!((ctx.zoom_factor() - zoom).abs() < 1e-4);
    let rect = raw.screen_rect.unwrap();
    assert!((rect.height() - 1080.0).abs() < 0.01, "{rect:?}");
    assert!((rect.width() - 1280.0 / zoom).abs() < 0.01, "{rect:?}");
    // Positions move with the points: the middle stays the middle.
    assert!(matches!(
        raw.events[0],
        egui::Event::PointerMoved(p) if (p - rect.center()).length() < 0.01
    ));
    let mut out = ctx.run_ui(raw, |ui| {
        assert!((ui.ctx().pixels_per_point() - zoom).abs() < 1e-4);
        assert!((ui.ctx().content_rect().height() - 1080.0).abs() < 0.01);
    });
    // Nothing renders this frame.
    out.textures_delta.clear();
}

/// A pack whose first event has a month ("March 2013") crashed the app
/// the moment the timeline opened: the year label, wider than the margin
/// beside the first mark, made the slider clamp with min > max. Opened here
/// at every text size, in landscape and portrait, with a month on the first
/// and last events and on two that share a year.
#[test]
fn a_timeline_with_months_opens_at_every_text_size() {
    let report = storykiosk::content::load_or_bundled(None).unwrap();
    let mut pack = (*report.pack).clone();
    let events = &mut pack.timeline.events;
    let last = events.len() - 1;
    events[0].year = 1997;
    events[0].month = Some(3);
    events[1].year = 1997;
    events[1].month = Some(9);
    events[2].year = 1998;
    events[2].month = Some(12);
    events[last].month = Some(11);
    let sizes = pack.theme.type_scale.text_scales.len();
    let pack = std::sync::Arc::new(pack);
    for size in [LANDSCAPE, PORTRAIT] {
        let report = storykiosk::content::LoadReport {
            pack: std::sync::Arc::clone(&pack),
            requested: None,
            problems: Vec::new(),
            fell_back: false,
        };
        let mut h = kiosk::harness_with(size, Mode::Presenter, Default::default(), report);
        settle(&mut h);
        for text_size in 0..sizes {
            go(&mut h, "Timeline");
            // Only years two events share carry their months.
            for label in ["September 1997", "1998", "March 1997"] {
                h.get_by_role_and_label(egui::Role::Button, label).click();
                settle(&mut h);
            }
            assert_eq!(h.state().visitor().timeline.selected(), 0);
            // The card says it too.
            h.get_by_role_and_label(egui::Role::Label, "March 1997");
            assert_eq!(h.state().visitor().prefs.text_size, text_size);
            h.get_by_label_contains("Text size").click();
            settle(&mut h);
        }
    }
}

/// A visitor with a screen reader presses buttons through its actions, not
/// the touch screen: each press counts as activity, so the "still there?"
/// countdown does not interrupt them (it did after 90 s, whatever they did).
#[test]
fn a_screen_readers_presses_keep_the_kiosk_awake() {
    let mut h = new_harness(LANDSCAPE, Mode::Kiosk);
    settle(&mut h);
    h.get_by_label("Touch the screen to begin")
        .click_accesskit();
    settle(&mut h);
    for tab in ["Timeline", "Photos", "Story"] {
        kiosk::advance(&mut h, 60.0);
        h.get_by_role_and_label(egui::Role::Button, tab)
            .click_accesskit();
        h.run();
        assert!(
            h.query_by_label("I'm still here").is_none(),
            "the countdown showed though {tab} was pressed"
        );
    }
    assert_eq!(h.state().visitor().screen, ScreenId::Story);
    // With nobody pressing anything, it still counts down.
    kiosk::advance(&mut h, 91.0);
    h.run();
    h.get_by_label("I'm still here");
}
