//! The paddle entry screen (`storykiosk --paddle-entry`) driven as a
//! volunteer does, rendered headless (egui_kittest on wgpu): the staff PIN,
//! choosing the level being called, paddle numbers on the keypad, an
//! amount of its own, and undo; each step checked in the real store.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests: a failed step should panic"
)]

mod common;

use std::{path::Path, sync::Arc, time::Duration};

use egui_kittest::{Harness, kittest::Queryable};
use storykiosk::{
    app::paddle::PaddleApp,
    config::KioskConfig,
    content::{self, Pack},
    pledge::{
        Status, Store,
        store::{Kind, PaddleEntry, UNDO_WINDOW},
    },
};

fn banco() -> Arc<Pack> {
    let report =
        content::load_or_bundled(Some(&common::packs_dir().join("banco-alimentos"))).unwrap();
    assert!(!report.fell_back, "{:?}", report.problems);
    report.pack
}

/// A laptop's data folder with a staff PIN, at event `gala`.
fn laptop() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut config = KioskConfig {
        kiosk_id: "paddles".into(),
        event_id: "gala".into(),
        ..Default::default()
    };
    config.set_pin("2468").unwrap();
    config.save(&dir.path().join("kiosk.ron")).unwrap();
    dir
}

fn harness(pack: Arc<Pack>, dir: &Path, size: (f32, f32)) -> Harness<'static, PaddleApp> {
    let config = KioskConfig::load(&dir.join("kiosk.ron")).unwrap().unwrap();
    let data_dir = dir.to_path_buf();
    Harness::builder()
        .with_size(egui::vec2(size.0, size.1))
        .with_max_steps(200)
        .with_render_cursor(false)
        .wgpu()
        .build_eframe(move |cc| PaddleApp::new(&cc.egui_ctx, pack, data_dir, config))
}

fn tap(h: &mut Harness<'static, PaddleApp>, name: &str) {
    h.get_by_label(name).click();
    h.run_ok();
}

/// Types `digits` on the keypad and taps `enter`.
fn keys(h: &mut Harness<'static, PaddleApp>, digits: &str, enter: &str) {
    for d in digits.chars() {
        tap(h, &d.to_string());
    }
    tap(h, enter);
}

/// Waits (up to 10 s) for the PIN, checked on its own thread, to open the
/// screen.
fn unlock(h: &mut Harness<'static, PaddleApp>, pin: &str, enter: &str) {
    keys(h, pin, enter);
    let start = std::time::Instant::now();
    while h.state().locked() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the PIN never opened the screen"
        );
        std::thread::sleep(Duration::from_millis(20));
        h.run_ok();
    }
}

fn save(h: &mut Harness<'static, PaddleApp>, name: &str) {
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("paddle");
    std::fs::create_dir_all(&out).unwrap();
    h.render().unwrap().save(out.join(name)).unwrap();
}

#[test]
fn a_volunteer_enters_paddles_at_the_level_called_and_undoes_one() {
    let dir = laptop();
    let mut h = harness(banco(), dir.path(), (1920.0, 1080.0));
    h.run_ok();
    // Behind the staff PIN: a wrong one opens nothing.
    assert!(h.state().locked());
    keys(&mut h, "1111", "Entrar");
    let start = std::time::Instant::now();
    while h.query_by_label("Ese PIN no es correcto.").is_none() {
        assert!(start.elapsed() < Duration::from_secs(10));
        std::thread::sleep(Duration::from_millis(20));
        h.run_ok();
    }
    assert!(h.state().locked());
    unlock(&mut h, "2468", "Entrar");

    // Nothing chosen: a paddle is not recorded, and the screen says why.
    // The number stays, to be recorded once a level is chosen.
    keys(&mut h, "42", "Registrar");
    h.get_by_label("Elija el nivel que se anuncia, u otro importe.");
    assert!(h.state().recent().is_empty());
    assert_eq!(h.state().paddle_digits, "42");
    tap(&mut h, "Borrar");
    tap(&mut h, "Borrar");

    // The auctioneer calls 1.000 €: three paddles, one tap each after the
    // number. The level is what the big screen will show.
    tap(&mut h, "1000\u{a0}€  ·  0 de 5");
    let store = Store::open_in(dir.path()).unwrap();
    assert_eq!(store.calling().unwrap().unwrap().level_minor, Some(100_000));
    for paddle in ["42", "7", "118"] {
        keys(&mut h, paddle, "Registrar");
    }
    h.get_by_label("1000\u{a0}€  ·  3 de 5");
    // Confirmed beside the keypad, and listed.
    assert_eq!(h.query_all_by_label("Paleta 118: 1000\u{a0}€").count(), 2);
    save(&mut h, "paddle-entry-es-1920x1080.png");

    // Typed fast on a keyboard: "57" and Enter in one frame, none lost.
    h.input_mut().events.push(egui::Event::Text("57".into()));
    h.input_mut().events.push(egui::Event::Key {
        key: egui::Key::Enter,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: egui::Modifiers::NONE,
    });
    h.run_ok();
    assert_eq!(h.state().recent()[0].paddle, Some(57));
    tap(&mut h, "Deshacer · Paleta 57: 1000\u{a0}€");

    // Paddle 7 was misheard: undone, recorded as a cancellation.
    tap(&mut h, "Deshacer · Paleta 7: 1000\u{a0}€");
    h.get_by_label("1000\u{a0}€  ·  2 de 5");
    let rows = store.all(None).unwrap();
    assert_eq!(
        rows.len(),
        6,
        "paddles 42, 7, 118 and 57, and the undoing of 57 and of 7"
    );
    let seven = rows
        .iter()
        .find(|r| r.paddle == Some(7) && r.kind == Kind::Paddle)
        .unwrap();
    assert_eq!(seven.status, Status::Cancelled);
    let undo = rows
        .iter()
        .find(|r| r.kind == Kind::Cancellation && r.paddle == Some(7))
        .unwrap();
    assert_eq!(undo.cancels.as_deref(), Some(seven.id.as_str()));
    assert!(
        h.query_by_label("Deshacer · Paleta 7: 1000\u{a0}€")
            .is_none()
    );

    // The level changes to 250 €; then a gift of its own: 80 € from
    // paddle 9, typed as an amount first.
    tap(&mut h, "250\u{a0}€  ·  0 de 20");
    assert_eq!(store.calling().unwrap().unwrap().level_minor, Some(25_000));
    keys(&mut h, "5", "Registrar");
    tap(&mut h, "Otro importe");
    keys(&mut h, "80", "Registrar");
    keys(&mut h, "9", "Registrar");
    assert_eq!(h.query_all_by_label("Paleta 9: 80\u{a0}€").count(), 2);
    // Between levels: the big screen shows none.
    tap(&mut h, "Entre niveles");
    assert_eq!(store.calling().unwrap().unwrap().level_minor, None);
    let amounts: Vec<(Option<u32>, u64)> = store
        .recent_paddles("gala", 10)
        .unwrap()
        .iter()
        .map(|r| (r.paddle, r.amount_minor))
        .collect();
    assert_eq!(
        amounts,
        [
            (Some(9), 8_000),
            (Some(5), 25_000),
            (Some(57), 100_000),
            (Some(118), 100_000),
            (Some(7), 100_000),
            (Some(42), 100_000)
        ]
    );
    let stats = store
        .stats(
            "gala",
            chrono::Utc::now() - chrono::Duration::hours(1),
            "EUR",
        )
        .unwrap();
    assert_eq!((stats.event_count, stats.event_minor), (4, 233_000));
    save(&mut h, "paddle-entry-es-other-1920x1080.png");

    // Locked again with a tap.
    tap(&mut h, "Bloquear");
    assert!(h.state().locked());
}

#[test]
fn an_entry_older_than_two_minutes_offers_no_undo_and_the_store_refuses_it() {
    let dir = laptop();
    let pack = banco();
    {
        let mut store = Store::open_in(dir.path()).unwrap();
        let entry = PaddleEntry::on(&pack, 31, 5_000, "es", "paddles", "gala");
        let old = chrono::Utc::now()
            - chrono::Duration::from_std(UNDO_WINDOW).unwrap()
            - chrono::Duration::seconds(1);
        store.insert_paddle_at(&entry, old).unwrap();
        store
            .insert_paddle(&PaddleEntry {
                paddle: 32,
                ..entry
            })
            .unwrap();
    }
    let mut h = harness(pack, dir.path(), (1080.0, 1920.0));
    h.run_ok();
    unlock(&mut h, "2468", "Entrar");
    h.get_by_label("Paleta 31: 50\u{a0}€");
    assert!(
        h.query_by_label("Deshacer · Paleta 31: 50\u{a0}€")
            .is_none()
    );
    h.get_by_label("Deshacer · Paleta 32: 50\u{a0}€");
    save(&mut h, "paddle-entry-es-1080x1920.png");
}

#[test]
fn without_levels_a_pack_still_takes_gifts_of_any_amount_in_its_language() {
    let dir = laptop();
    let mut h = harness(
        Arc::new(Pack::bundled().unwrap()),
        dir.path(),
        (1280.0, 800.0),
    );
    h.run_ok();
    unlock(&mut h, "2468", "Enter");
    tap(&mut h, "Other amount");
    keys(&mut h, "50000", "Record");
    keys(&mut h, "12", "Record");
    assert_eq!(h.query_all_by_label("Paddle 12: HK$50,000").count(), 2);
    let store = Store::open_in(dir.path()).unwrap();
    let row = &store.recent_paddles("gala", 1).unwrap()[0];
    assert_eq!(
        (row.paddle, row.amount_minor, row.currency.as_str()),
        (Some(12), 5_000_000, "HKD")
    );
    save(&mut h, "paddle-entry-en-1280x800.png");
}
