//! Frame cost: the CPU time of one frame (egui layout plus tessellation, no
//! GPU) on every screen at 1920×1080, driven through the real app in a
//! headless `egui::Context`, including the timeline mid-drag, the photo
//! viewer mid-pinch and the on-screen keyboard while typing.
//!
//! Criterion reports the mean and median of each; every single frame is also
//! timed on its own, and the median and 99th percentile of those are printed
//! at the end (criterion has no percentiles). Run with `cargo bench --bench
//! frames`; the figures and how to read them are in docs/PERFORMANCE.md.

#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a benchmark: a failed step should stop it"
)]

#[path = "../tests/common/mod.rs"]
mod common;

use std::{
    cell::RefCell,
    time::{Duration, Instant},
};

use common::kiosk::{LANDSCAPE, finger_down, finger_move, finger_up};
use criterion::{Criterion, criterion_group, criterion_main};
use eframe::App;
use egui::{Event, Pos2, TouchDeviceId, TouchId, TouchPhase, Vec2, accesskit::Role};
use egui_kittest::{Harness, kittest::Queryable};
use storykiosk::{
    app::{KioskApp, Startup},
    config::KioskConfig,
    content,
    screens::Mode,
};

type H = Harness<'static, KioskApp>;

/// The app on the bundled pack at 1080p, with no renderer: the harness only
/// finds buttons by name to reach a screen; frames are then timed directly.
fn harness(mode: Mode) -> H {
    common::kiosk::headless(
        LANDSCAPE,
        Startup {
            mode,
            report: content::load_or_bundled(None).unwrap(),
            config: KioskConfig::default(),
            data_dir: tempfile::tempdir().unwrap().keep(),
            options: Default::default(),
            prefetch: None,
        },
    )
}

/// Runs frames until every photo asked for is decoded and on screen.
fn settle(h: &mut H) {
    for _ in 0..1000 {
        h.run();
        if !h.state().images_pending() {
            h.run();
            return;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    panic!("photos never finished decoding");
}

fn button(h: &mut H, name: &str) {
    h.get_by_role_and_label(Role::Button, name).scroll_to_me();
    h.run();
    h.get_by_role_and_label(Role::Button, name).click();
    h.run();
    settle(h);
}

/// The input of one frame, as eframe would give it: the clock moves on by
/// 1/60 s, and `events` happen.
struct Clock {
    time: f64,
    /// The window, in pixels.
    size: Vec2,
    /// Pixels per point, as the monitor gives them (2 on a 4K screen that
    /// eframe lays out as 1920×1080 points).
    native_ppp: f32,
}

impl Clock {
    /// As eframe gives it: the window in points at the context's zoom.
    fn input(&mut self, ctx: &egui::Context, events: Vec<Event>) -> egui::RawInput {
        let points = self.size / (self.native_ppp * ctx.zoom_factor());
        self.time += 1.0 / 60.0;
        let mut viewports = egui::ViewportIdMap::default();
        viewports.insert(
            egui::ViewportId::ROOT,
            egui::ViewportInfo {
                native_pixels_per_point: Some(self.native_ppp),
                ..Default::default()
            },
        );
        egui::RawInput {
            viewports,
            screen_rect: Some(egui::Rect::from_min_size(Pos2::ZERO, points)),
            time: Some(self.time),
            predicted_dt: 1.0 / 60.0,
            events,
            ..Default::default()
        }
    }
}

/// One frame: the app's logic and ui, then tessellation into meshes.
fn frame(ctx: &egui::Context, app: &mut impl App, f: &mut eframe::Frame, input: egui::RawInput) {
    let output = ctx.run_ui(input, |ui| {
        app.logic(ui.ctx(), f);
        app.ui(ui, f);
    });
    let meshes = ctx.tessellate(output.shapes, output.pixels_per_point);
    std::hint::black_box(meshes);
}

/// Every frame's time, per bench, for the percentiles.
#[derive(Default)]
struct Samples(RefCell<Vec<(String, Vec<Duration>)>>);

impl Samples {
    fn push(&self, name: &str, d: Duration) {
        let mut all = self.0.borrow_mut();
        if all.last().is_none_or(|(n, _)| n != name) {
            all.push((name.to_owned(), Vec::new()));
        }
        if let Some((_, v)) = all.last_mut() {
            v.push(d);
        }
    }

    fn report(&self) {
        println!("\nsingle frames (all criterion iterations):");
        println!(
            "{:<28} {:>8} {:>10} {:>10} {:>10}",
            "screen", "frames", "median µs", "p99 µs", "max µs"
        );
        for (name, v) in self.0.borrow_mut().iter_mut() {
            v.sort();
            let at = |q: f64| v[((v.len() - 1) as f64 * q).round() as usize].as_secs_f64() * 1e6;
            println!(
                "{name:<28} {:>8} {:>10.0} {:>10.0} {:>10.0}",
                v.len(),
                at(0.5),
                at(0.99),
                at(1.0)
            );
        }
    }
}

/// Times frames of the app in `h`; before each, `events(i)` gives the
/// input of frame `i`.
fn bench_screen(
    c: &mut Criterion,
    samples: &Samples,
    name: &str,
    h: &mut H,
    mut events: impl FnMut(u64) -> Vec<Event>,
) {
    let ctx = h.ctx.clone();
    // The harness turned AccessKit on to find buttons; eframe only does so
    // when a screen reader is listening.
    ctx.disable_accesskit();
    let mut clock = Clock {
        time: ctx.input(|i| i.time),
        size: LANDSCAPE,
        native_ppp: 1.0,
    };
    let mut f = eframe::Frame::_new_kittest();
    let app = h.state_mut();
    let mut i = 0u64;
    // Warm caches (fonts, galleys, textures) as a running kiosk has them.
    for _ in 0..30 {
        frame(&ctx, app, &mut f, clock.input(&ctx, events(i)));
        i += 1;
    }
    c.bench_function(name, |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let input = clock.input(&ctx, events(i));
                i += 1;
                let start = Instant::now();
                frame(&ctx, app, &mut f, input);
                let d = start.elapsed();
                samples.push(name, d);
                total += d;
            }
            total
        });
    });
    // Back to the harness, which finds buttons through AccessKit.
    ctx.enable_accesskit();
}

fn touch(id: u64, phase: TouchPhase, pos: Pos2) -> Event {
    Event::Touch {
        device_id: TouchDeviceId(1),
        id: TouchId(id),
        phase,
        pos,
        force: None,
    }
}

fn frames(c: &mut Criterion) {
    let samples = Samples::default();

    // The attract loop, as it animates.
    let mut h = harness(Mode::Kiosk);
    settle(&mut h);
    bench_screen(c, &samples, "attract", &mut h, |_| Vec::new());

    // The story, timeline and photo grid, still.
    let mut h = harness(Mode::Presenter);
    settle(&mut h);
    bench_screen(c, &samples, "story", &mut h, |_| Vec::new());
    button(&mut h, "Timeline");
    bench_screen(c, &samples, "timeline", &mut h, |_| Vec::new());

    // The timeline with a finger dragging the handle back and forth.
    let y = h
        .get_by_role_and_label(Role::Slider, "25 years, step by step")
        .rect()
        .top()
        + 40.0;
    let x0 = h
        .get_by_role_and_label(Role::Button, "1997")
        .rect()
        .center()
        .x;
    let x1 = h
        .get_by_role_and_label(Role::Button, "2021")
        .rect()
        .center()
        .x;
    finger_down(&mut h, Pos2::new(x0, y));
    finger_move(&mut h, Pos2::new(x0 + 20.0, y));
    bench_screen(c, &samples, "timeline mid-drag", &mut h, |i| {
        let t = (i % 120) as f32 / 60.0;
        let t = if t > 1.0 { 2.0 - t } else { t };
        let p = Pos2::new(x0 + (x1 - x0) * t, y);
        vec![touch(0, TouchPhase::Move, p), Event::PointerMoved(p)]
    });
    finger_up(&mut h, Pos2::new(x0, y));
    settle(&mut h);

    button(&mut h, "Photos");
    bench_screen(c, &samples, "photos", &mut h, |_| Vec::new());

    // The viewer with two fingers pinching in and out.
    let tile = h
        .get_by_label(
            "A row of narrow townhouses at dusk; one upstairs window glows with lamplight.",
        )
        .rect()
        .center();
    common::kiosk::tap(&mut h, tile);
    settle(&mut h);
    bench_screen(c, &samples, "photo viewer", &mut h, |_| Vec::new());
    let center = Pos2::new(960.0, 500.0);
    let at = |gap: f32| {
        (
            center - Vec2::new(gap / 2.0, 0.0),
            center + Vec2::new(gap / 2.0, 0.0),
        )
    };
    let (a, b) = at(200.0);
    finger_down(&mut h, a);
    h.input_mut().events.push(touch(1, TouchPhase::Start, b));
    h.step();
    bench_screen(c, &samples, "photo viewer mid-pinch", &mut h, |i| {
        let t = (i % 60) as f32 / 30.0;
        let t = if t > 1.0 { 2.0 - t } else { t };
        let (a, b) = at(200.0 + 400.0 * t);
        vec![
            touch(0, TouchPhase::Move, a),
            Event::PointerMoved(a),
            touch(1, TouchPhase::Move, b),
        ]
    });
    let (a, b) = at(200.0);
    h.input_mut().events.push(touch(1, TouchPhase::End, b));
    h.step();
    finger_up(&mut h, a);
    h.get_by_label("Close").click();
    settle(&mut h);

    // The pledge form, then the details step with the keyboard open, typing.
    button(&mut h, "Pledge");
    bench_screen(c, &samples, "pledge amount", &mut h, |_| Vec::new());
    button(&mut h, "HK$1,000");
    button(&mut h, "Next");
    h.get_by_role_and_label(Role::TextInput, "Name").click();
    h.run();
    settle(&mut h);
    let key_a = h.get_by_role_and_label(Role::Button, "a").rect().center();
    let key_back = h
        .get_by_role_and_label(Role::Button, "Backspace")
        .rect()
        .center();
    let tap = |p: Pos2, down: bool| {
        let mut e = vec![
            touch(
                0,
                if down {
                    TouchPhase::Start
                } else {
                    TouchPhase::End
                },
                p,
            ),
            Event::PointerMoved(p),
            Event::PointerButton {
                pos: p,
                button: egui::PointerButton::Primary,
                pressed: down,
                modifiers: egui::Modifiers::NONE,
            },
        ];
        if !down {
            e.push(Event::PointerGone);
        }
        e
    };
    bench_screen(c, &samples, "keyboard typing", &mut h, |i| match i % 4 {
        0 => tap(key_a, true),
        1 => tap(key_a, false),
        2 => tap(key_back, true),
        _ => tap(key_back, false),
    });

    total_screen(c, &samples);
    samples.report();
}

/// The projector's total screen at 3840×2160 (the food bank's evening:
/// a level being called, the matching gift, first names), celebrating a
/// paddle and then still between gifts.
fn total_screen(c: &mut Criterion, samples: &Samples) {
    use std::sync::Arc;
    use storykiosk::{
        app::total::TotalApp,
        pledge::{
            Store,
            store::{Calling, PaddleEntry},
        },
    };
    const UHD: Vec2 = Vec2::new(3840.0, 2160.0);
    let pack = content::load_or_bundled(Some(&common::packs_dir().join("banco-alimentos")))
        .unwrap()
        .pack;
    let dir = tempfile::tempdir().unwrap().keep();
    let mut store = Store::open_in(&dir).unwrap();
    for (paddle, amount) in [(11, 100_000), (12, 25_000), (13, 100_000)] {
        let entry = PaddleEntry::on(&pack, paddle, amount, "es", "paletas", "gala");
        store.insert_paddle(&entry).unwrap();
    }
    store
        .set_calling(Calling {
            level_minor: Some(100_000),
            since: chrono::Utc::now(),
        })
        .unwrap();
    let app_pack = Arc::clone(&pack);
    let app_dir = dir.clone();
    let mut h = Harness::builder().with_size(UHD).build_eframe(move |cc| {
        TotalApp::new(&cc.egui_ctx, app_pack, app_dir, "gala".into(), None)
    });
    let start = Instant::now();
    while h
        .state()
        .total()
        .as_ref()
        .map_or(0, |t| t.stats.event_count)
        < 3
    {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the store was never read"
        );
        h.step();
        std::thread::sleep(Duration::from_millis(10));
    }
    let ctx = h.ctx.clone();
    // 3840×2160 pixels of a monitor at 1 pixel a point: the app zooms to
    // 1080 points on the short side, as it does under eframe.
    let mut clock = Clock {
        time: ctx.input(|i| i.time),
        size: UHD,
        native_ppp: 1.0,
    };
    let mut f = eframe::Frame::_new_kittest();
    // Warm (the zoom, the glyphs at their sizes), as a running screen is.
    for _ in 0..30 {
        frame(&ctx, h.state_mut(), &mut f, clock.input(&ctx, Vec::new()));
    }
    // A screen that has celebrated a gift already (its words drawn once at
    // their sizes), then another paddle, celebrated while frames are timed.
    for paddle in [14, 15] {
        store
            .insert_paddle(&PaddleEntry::on(
                &pack, paddle, 100_000, "es", "paletas", "gala",
            ))
            .unwrap();
        while h.state().show().celebrating().is_none() {
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "never celebrated"
            );
            frame(&ctx, h.state_mut(), &mut f, clock.input(&ctx, Vec::new()));
            std::thread::sleep(Duration::from_millis(10));
        }
        if paddle == 14 {
            while h.state().show().celebrating().is_some() {
                frame(&ctx, h.state_mut(), &mut f, clock.input(&ctx, Vec::new()));
            }
        }
    }
    let app = h.state_mut();
    for (name, frames) in [
        ("total screen 4K celebrating", 60),
        ("total screen 4K still", 300),
    ] {
        // The celebration's first 60 frames (a second), then frames after
        // it, with the figure still.
        let mut n = 0;
        c.bench_function(name, |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let input = clock.input(&ctx, Vec::new());
                    let started = Instant::now();
                    frame(&ctx, app, &mut f, input);
                    let d = started.elapsed();
                    if n < frames || name.ends_with("still") {
                        samples.push(name, d);
                    }
                    n += 1;
                    total += d;
                }
                total
            });
        });
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(50)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = frames
}
criterion_main!(benches);
