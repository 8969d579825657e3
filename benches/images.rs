//! Photos: decoding and shrinking a 24-megapixel JPEG (what the decoder
//! thread does, off the UI thread), and the time from the photo panel's
//! first frame to its first photo drawn and to every photo drawn, through
//! the real app. Run with `cargo bench --bench images`.

#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a benchmark: a failed step should stop it"
)]

use std::{
    hint::black_box,
    io::Cursor,
    time::{Duration, Instant},
};

use criterion::{Criterion, criterion_group, criterion_main};
use egui::accesskit::Role;
use egui_kittest::{Harness, kittest::Queryable};
use storykiosk::{
    app::{KioskApp, Startup, images::decode_to_fit},
    config::KioskConfig,
    content,
    screens::Mode,
};

/// A 6000×4000 JPEG (24 MP) with detail everywhere, as a camera makes:
/// smooth gradients with fine noise on top, quality 85.
fn jpeg_24mp() -> Vec<u8> {
    let (w, h) = (6000u32, 4000u32);
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let noise = (seed & 31) as u8;
        image::Rgb([
            ((x * 200 / w) as u8).saturating_add(noise),
            ((y * 180 / h) as u8).saturating_add(noise / 2),
            (((x + y) * 120 / (w + h)) as u8).saturating_add(noise),
        ])
    });
    let mut out = Vec::new();
    img.write_with_encoder(image::codecs::jpeg::JpegEncoder::new_with_quality(
        &mut Cursor::new(&mut out),
        85,
    ))
    .unwrap();
    out
}

fn decode(c: &mut Criterion) {
    let jpeg = jpeg_24mp();
    eprintln!("24 MP test JPEG: {} bytes", jpeg.len());
    let mut group = c.benchmark_group("decode 6000x4000 jpeg");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    for (name, fit) in [
        ("at full size", [6000, 4000]),
        ("to full screen 1920x1080", [1920, 1080]),
        ("to a grid tile 576x384", [576, 384]),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| {
                let (image, original) = decode_to_fit(black_box(&jpeg), fit).unwrap();
                assert_eq!(original, [6000, 4000]);
                assert!(image.size[0] <= fit[0] as usize && image.size[1] <= fit[1] as usize);
                image
            });
        });
    }
    group.finish();
}

/// The app in presenter mode on the bundled pack, on the story with its
/// photos decoded, with no renderer.
fn app() -> Harness<'static, KioskApp> {
    let data_dir = tempfile::tempdir().unwrap().keep();
    let mut h = Harness::builder()
        .with_size(egui::Vec2::new(1920.0, 1080.0))
        .with_max_steps(400)
        .build_eframe(move |cc| {
            KioskApp::new(
                &cc.egui_ctx,
                Startup {
                    mode: Mode::Presenter,
                    report: content::load_or_bundled(None).unwrap(),
                    config: KioskConfig::default(),
                    data_dir,
                    options: Default::default(),
                    prefetch: None,
                },
            )
        });
    while {
        h.run();
        h.state().images_pending()
    } {
        std::thread::sleep(Duration::from_millis(2));
    }
    h
}

fn photo_panel(c: &mut Criterion) {
    let mut group = c.benchmark_group("photo panel");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    for (name, all) in [
        ("first frame to first photo", false),
        ("first frame to every photo", true),
    ] {
        group.bench_function(name, |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let mut h = app();
                    let ctx = h.ctx.clone();
                    h.state_mut().forget_photos(&ctx);
                    h.get_by_role_and_label(Role::Button, "Photos").click();
                    let start = Instant::now();
                    h.step();
                    assert_eq!(
                        h.state().photos_drawn(),
                        0,
                        "no photo is decoded yet, and the frame did not wait for one"
                    );
                    loop {
                        h.step();
                        let drawn = h.state().photos_drawn();
                        if (!all && drawn > 0) || (all && !h.state().images_pending()) {
                            break;
                        }
                        std::thread::sleep(Duration::from_micros(200));
                    }
                    total += start.elapsed();
                }
                total
            });
        });
    }
    group.finish();
}

criterion_group!(benches, decode, photo_panel);
criterion_main!(benches);
