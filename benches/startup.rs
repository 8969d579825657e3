//! The CPU side of a start, without the window: reading and checking the
//! bundled pack, inflating the Chinese font, building the app, and its
//! first frame (layout and tessellation) at 1920×1080. `measure.sh` times a
//! real start under Xvfb (docs/PERFORMANCE.md); this shows where the CPU
//! part of it goes. Run with `cargo bench --bench startup`.

#![allow(
    missing_docs,
    clippy::unwrap_used,
    reason = "a benchmark: a failed step should stop it"
)]

use std::{hint::black_box, time::Duration};

use criterion::{Criterion, criterion_group, criterion_main};
use eframe::App;
use storykiosk::{
    app::{KioskApp, Startup},
    config::KioskConfig,
    content,
    screens::Mode,
};

fn startup(c: &mut Criterion) {
    let mut group = c.benchmark_group("startup");
    group.sample_size(20);
    group.measurement_time(Duration::from_secs(5));
    group.bench_function("load the bundled pack", |b| {
        b.iter(|| content::load_or_bundled(None).unwrap());
    });
    group.bench_function("inflate the Chinese font", |b| {
        b.iter(storykiosk::fonts::inflate_noto_sans_tc);
    });
    let data_dir = tempfile::tempdir().unwrap();
    group.bench_function("app and first frame, kiosk", |b| {
        b.iter(|| {
            let ctx = egui::Context::default();
            let mut app = KioskApp::new(
                &ctx,
                Startup {
                    mode: Mode::Kiosk,
                    report: content::load_or_bundled(None).unwrap(),
                    config: KioskConfig::default(),
                    data_dir: data_dir.path().to_path_buf(),
                    options: Default::default(),
                    prefetch: None,
                },
            );
            let mut f = eframe::Frame::_new_kittest();
            let input = egui::RawInput {
                screen_rect: Some(egui::Rect::from_min_size(
                    egui::Pos2::ZERO,
                    egui::Vec2::new(1920.0, 1080.0),
                )),
                ..Default::default()
            };
            let output = ctx.run_ui(input, |ui| {
                app.logic(ui.ctx(), &mut f);
                app.ui(ui, &mut f);
            });
            black_box(ctx.tessellate(output.shapes, output.pixels_per_point))
        });
    });
    group.finish();
}

criterion_group!(benches, startup);
criterion_main!(benches);
