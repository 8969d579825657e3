//! The soak: the real app (egui_kittest, kiosk mode, 1920×1080, a store in a
//! temporary folder) under a stream of random taps, drags, pinches, keys and
//! pasted text across every screen, with scripted pledges and idle resets in
//! between. It must end with no panic, every thanked pledge in the store,
//! and memory flat after warm-up.
//!
//! CI runs 3,000 events. The full soak is 100,000:
//!
//! ```sh
//! STORYKIOSK_SOAK=100000 cargo test --test soak -- --nocapture
//! ```
//!
//! It runs with glibc's allocator set as the kiosk is deployed (see
//! `GLIBC_TUNABLES` below).

#![allow(clippy::unwrap_used, reason = "a test: a failed step should panic")]

mod common;

use common::kiosk::{
    self, LANDSCAPE, button, finger_down, finger_move, finger_up, settle, type_on_keys,
};
use egui::{Event, Key, Modifiers, Pos2, Role};
use egui_kittest::{Harness, kittest::Queryable};
use storykiosk::{
    app::{KioskApp, Startup},
    config::KioskConfig,
    content,
    pledge::Store,
    screens::{Mode, pledge::Step},
};

type H = Harness<'static, KioskApp>;

/// A small, seeded generator, so a failing run can be repeated.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pos(&mut self) -> Pos2 {
        Pos2::new(
            self.below(LANDSCAPE.x as u64) as f32,
            self.below(LANDSCAPE.y as u64) as f32,
        )
    }
}

/// Resident memory of this process, in MiB (Linux).
fn rss_mib() -> f64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: f64 = statm
        .split_whitespace()
        .nth(1)
        .and_then(|p| p.parse().ok())
        .unwrap_or(0.0);
    pages * 4096.0 / (1024.0 * 1024.0)
}

/// Textures egui holds (fonts and photos), in megapixels.
fn texture_mpx(h: &H) -> f64 {
    let tex = h.ctx.tex_manager();
    let tex = tex.read();
    tex.allocated()
        .map(|(_, meta)| (meta.size[0] * meta.size[1]) as f64)
        .sum::<f64>()
        / 1e6
}

/// A visitor who pledges from wherever the app is: home, the form, a
/// preset, a name and email typed on the on-screen keys, confirm.
fn pledge(h: &mut H) {
    kiosk::advance(h, 10_000.0);
    h.run();
    h.get_by_label("Touch the screen to begin").click();
    settle(h);
    button(h, "Pledge");
    button(h, "HK$1,000");
    button(h, "Next");
    for (field, text) in [("Name", "Ann Lee"), ("Email", "ann@ex.hk")] {
        kiosk::press(h, Role::TextInput, field);
        type_on_keys(h, text);
        button(h, "Done");
    }
    button(h, "Next");
    button(h, "Confirm my pledge");
}

/// One random thing a visitor (or a cat on the keyboard) does.
fn random_event(h: &mut H, rng: &mut Rng) {
    match rng.below(100) {
        // Taps, most of all.
        0..=54 => kiosk::tap(h, rng.pos()),
        // Drags and swipes.
        55..=69 => {
            let from = rng.pos();
            let to = rng.pos();
            finger_down(h, from);
            for i in 1..=4 {
                finger_move(h, from + (to - from) * (i as f32 / 4.0));
            }
            finger_up(h, to);
        }
        // Pinches.
        70..=76 => {
            let center = rng.pos();
            let from = 50.0 + rng.below(400) as f32;
            let to = 50.0 + rng.below(400) as f32;
            kiosk::pinch(h, center, from, to, 3);
        }
        // Keys of a physical keyboard.
        77..=88 => {
            let keys = [
                Key::ArrowRight,
                Key::ArrowLeft,
                Key::Space,
                Key::PageDown,
                Key::PageUp,
                Key::Enter,
                Key::Escape,
                Key::Backspace,
                Key::Tab,
                Key::F11,
            ];
            let key = keys[rng.below(keys.len() as u64) as usize];
            for pressed in [true, false] {
                h.input_mut().events.push(Event::Key {
                    key,
                    physical_key: None,
                    pressed,
                    repeat: false,
                    modifiers: Modifiers::NONE,
                });
            }
            h.step();
        }
        // Typed or pasted text: emoji, Chinese, control characters, long.
        89..=94 => {
            let texts = [
                "a",
                "陳大文",
                "🙂👍🏽",
                "\u{0007}\u{001b}[31m\r\n\t",
                "\u{202e}evil\u{200b}",
            ];
            let mut text = texts[rng.below(texts.len() as u64) as usize].to_owned();
            if rng.below(10) == 0 {
                text = "x".repeat(10_000);
            }
            h.input_mut().events.push(Event::Paste(text.clone()));
            h.input_mut().events.push(Event::Text(text));
            h.step();
        }
        // Time passes: a few seconds, or long enough for the idle reset.
        95..=98 => kiosk::advance(h, 1.0 + rng.below(5) as f64),
        _ => {
            kiosk::advance(h, 200.0);
            kiosk::advance(h, 20.0);
        }
    }
}

/// The allocator setting the kiosk always runs with (the binary restarts
/// itself with it): glibc hands large freed blocks (decoded photos)
/// straight back to the system. Without it, glibc's per-thread arenas keep
/// them, and resident memory creeps up over tens of thousands of events
/// (measured: 142 MiB after 10,000 events without it, 74 MiB with it)
/// although nothing leaks.
use storykiosk::cli::GLIBC_TUNABLES;

#[test]
fn random_use_loses_no_pledge_and_memory_stays_flat() {
    if std::env::var("GLIBC_TUNABLES").is_err() {
        // Run this test again in a child process that has the setting from
        // its start, as the systemd unit and the kiosk session give the app.
        let status = std::process::Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "random_use_loses_no_pledge_and_memory_stays_flat",
                "--nocapture",
            ])
            .env("GLIBC_TUNABLES", GLIBC_TUNABLES)
            .status()
            .unwrap();
        assert!(status.success(), "the soak failed (see its output above)");
        return;
    }
    let events: u64 = std::env::var("STORYKIOSK_SOAK")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(3_000);
    let seed: u64 = std::env::var("STORYKIOSK_SOAK_SEED")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0x5eed_1234_abcd_0001);
    let dir = tempfile::tempdir().unwrap();
    let mut config = KioskConfig {
        kiosk_id: "soak".into(),
        event_id: "soak".into(),
        ..KioskConfig::default()
    };
    // A PIN random taps will not guess (the pad locks after a few tries).
    config.set_pin("73916428").unwrap();
    // No renderer: nothing is drawn to pixels, so the memory measured is
    // the app's and egui's own.
    let mut h = kiosk::headless(
        LANDSCAPE,
        Startup {
            mode: Mode::Kiosk,
            report: content::load_or_bundled(None).unwrap(),
            config,
            data_dir: dir.path().to_path_buf(),
            options: Default::default(),
            prefetch: None,
        },
    );
    // The soak types emoji on purpose. The test harness panics on a glyph
    // no bundled font has; the real app draws it from the computer's fonts,
    // or as a box (egui's default), and so does the soak.
    h.ctx
        .set_missing_glyph_policy(egui::MissingGlyphPolicy::Tofu);
    settle(&mut h);
    let mut rng = Rng(seed);
    let mut thanked = 0usize;
    let mut in_thanks = false;
    let warm_up = events / 10;
    let mut after_warm_up = None;
    let mut peak_rss = 0.0f64;
    let mut peak_tex = 0.0f64;
    for i in 0..events {
        if i % 500 == 250 {
            pledge(&mut h);
        } else {
            random_event(&mut h, &mut rng);
        }
        // Count every thank-you a visitor saw; each is a promise that the
        // pledge is on disk.
        let thanks = matches!(h.state().visitor().pledge.step, Step::Thanks(_));
        if thanks && !in_thanks {
            thanked += 1;
        }
        in_thanks = thanks;
        if matches!(h.state().visitor().pledge.step, Step::Saving) {
            // Let the store answer before anything else happens, as the
            // thank-you would be seen.
            for _ in 0..200 {
                h.run();
                if !matches!(h.state().visitor().pledge.step, Step::Saving) {
                    break;
                }
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            let thanks = matches!(h.state().visitor().pledge.step, Step::Thanks(_));
            if thanks && !in_thanks {
                thanked += 1;
            }
            in_thanks = thanks;
        }
        if i == warm_up {
            after_warm_up = Some((rss_mib(), texture_mpx(&h)));
        }
        if i > warm_up && i % 100 == 0 {
            peak_rss = peak_rss.max(rss_mib());
            peak_tex = peak_tex.max(texture_mpx(&h));
        }
        if i % (events / 10).max(1) == 0 {
            println!(
                "soak: event {i}: RSS {:.1} MiB, textures {:.2} Mpx, {thanked} thanked",
                rss_mib(),
                texture_mpx(&h)
            );
        }
    }
    // Let the last decodes and store replies land.
    kiosk::advance(&mut h, 1.0);
    h.run();
    let (end_rss, end_tex) = (rss_mib(), texture_mpx(&h));
    let (warm_rss, warm_tex) = after_warm_up.unwrap();
    let rows = Store::open_read_only(&dir.path().join(storykiosk::pledge::store::STORE_FILE))
        .unwrap()
        .all(None)
        .unwrap();
    println!(
        "soak: {events} events (seed {seed:#x}), {thanked} thank-yous, {} rows stored; \
         RSS after warm-up {warm_rss:.1} MiB, peak {peak_rss:.1}, end {end_rss:.1}; \
         textures after warm-up {warm_tex:.2} Mpx, peak {peak_tex:.2}, end {end_tex:.2}",
        rows.len()
    );
    assert!(
        thanked >= (events / 500) as usize,
        "the scripted pledges were thanked"
    );
    assert_eq!(rows.len(), thanked, "every thanked pledge is in the store");
    // Textures: never more than a few screens' worth (1080p is 2.07 Mpx),
    // whatever the visitor did.
    assert!(
        peak_tex < 6.0 * 2.07,
        "textures peaked at {peak_tex:.2} Mpx"
    );
    // Memory: no steady growth after warm-up (allocator noise aside).
    assert!(
        end_rss - warm_rss < 64.0,
        "RSS grew from {warm_rss:.1} to {end_rss:.1} MiB"
    );
}
