//! The event total screen reads the store the kiosk writes: total, count,
//! thermometer, and first names only of donors who opted in.

#![allow(
    clippy::unwrap_used,
    reason = "helpers of tests: a failed step should panic"
)]

use std::time::{Duration, Instant};

use egui_kittest::{Harness, kittest::Queryable};
use storykiosk::{
    app::total::TotalApp,
    content::{Frequency, Pack},
    pledge::{NewPledge, PledgeDraft, Store},
};

fn pledge(store: &mut Store, amount: u64, name: &str, consents: &[&str], anonymous: bool) {
    let pack = Pack::bundled().unwrap();
    let pledge = PledgeDraft {
        amount_minor: Some(amount),
        frequency: Some(Frequency::OneTime),
        name: name.into(),
        email: "a@example.hk".into(),
        anonymous,
        consents: consents.iter().map(|c| (*c).to_owned()).collect(),
        ..PledgeDraft::default()
    }
    .validate(&pack.pledge)
    .unwrap();
    store
        .insert(&NewPledge::on(&pack, pledge, "en", "k", "gala"))
        .unwrap();
}

fn wait_for(h: &mut Harness<'static, TotalApp>, label: &str) -> Duration {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(10) {
        h.run_ok();
        if h.query_by_label(label).is_some() {
            return start.elapsed();
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("{label:?} never appeared");
}

#[test]
fn totals_names_of_those_who_opted_in_and_updates() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in(dir.path()).unwrap();
    pledge(
        &mut store,
        100_000,
        "Chan Tai Man",
        &["thank_publicly"],
        false,
    );
    pledge(
        &mut store,
        30_000,
        "Secret Person",
        &["thank_publicly"],
        true,
    );
    pledge(&mut store, 50_000, "Quiet Donor", &["email_updates"], false);
    let data_dir = dir.path().to_path_buf();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1920.0, 1080.0))
        .with_max_steps(200)
        .with_render_cursor(false)
        .wgpu()
        .build_eframe(move |cc| {
            TotalApp::new(
                &cc.egui_ctx,
                std::sync::Arc::new(Pack::bundled().unwrap()),
                data_dir,
                "gala".into(),
                None,
            )
        });
    wait_for(&mut h, "HK$1,800");
    h.get_by_label("of our HK$500,000 goal  ·  3 pledges");
    // Only the donor who opted in and did not ask to stay anonymous.
    h.get_by_label("Thank you:  Chan");
    assert!(
        h.query_by_label_contains("Secret").is_none()
            && h.query_by_label_contains("Quiet").is_none()
    );
    h.snapshot("total-1920x1080");

    pledge(
        &mut store,
        200_000,
        "Lee Ka Yan",
        &["thank_publicly"],
        false,
    );
    let took = wait_for(&mut h, "HK$3,800");
    eprintln!("the total screen showed a new pledge {took:?} after it landed");
    h.get_by_label("Thank you:  Lee  ·  Chan");
}

mod big_screen {
    //! The projector's screen with the food bank's evening (`event.ron`:
    //! levels, a matching gift, slides): gifts celebrated one after
    //! another, the level being called, snapshots in both languages.

    use std::{path::Path, sync::Arc};

    use chrono::Utc;
    use egui_kittest::{Harness, kittest::Queryable};
    use storykiosk::{
        app::total::TotalApp,
        content::{self, Frequency, Pack},
        pledge::{
            NewPledge, PledgeDraft, Store,
            store::{Calling, PaddleEntry},
        },
        session::big_screen::{COUNT_UP_SECS, ENTRANCE_SECS},
    };

    fn banco() -> Arc<Pack> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/packs/banco-alimentos");
        let report = content::load_or_bundled(Some(&dir)).unwrap();
        assert!(!report.fell_back, "{:?}", report.problems);
        report.pack
    }

    /// A visitor's pledge of `amount` cents, thanked by first name.
    fn visitor(store: &mut Store, pack: &Pack, amount: u64, name: &str) {
        let pledge = PledgeDraft {
            amount_minor: Some(amount),
            frequency: Some(Frequency::OneTime),
            name: name.into(),
            email: "a@example.es".into(),
            consents: ["thank_publicly".to_owned()].into(),
            ..PledgeDraft::default()
        }
        .validate(&pack.pledge)
        .unwrap();
        store
            .insert(&NewPledge::on(pack, pledge, "es", "puerta", "gala"))
            .unwrap();
    }

    fn paddle(store: &mut Store, pack: &Pack, number: u32, amount: u64) {
        store
            .insert_paddle(&PaddleEntry::on(
                pack, number, amount, "es", "paletas", "gala",
            ))
            .unwrap();
    }

    fn screen(pack: Arc<Pack>, dir: &Path, size: (f32, f32)) -> Harness<'static, TotalApp> {
        let data_dir = dir.to_path_buf();
        Harness::builder()
            .with_size(egui::vec2(size.0, size.1))
            .with_max_steps(400)
            .with_render_cursor(false)
            .wgpu()
            .build_eframe(move |cc| {
                TotalApp::new(&cc.egui_ctx, pack, data_dir, "gala".into(), None)
            })
    }

    /// Steps (real time for the store's thread, the harness's own time for
    /// the screen) until `done`, within 10 s.
    fn until(
        h: &mut Harness<'static, TotalApp>,
        what: &str,
        done: impl Fn(&Harness<'static, TotalApp>) -> bool,
    ) {
        let start = std::time::Instant::now();
        while !done(h) {
            assert!(
                start.elapsed() < std::time::Duration::from_secs(10),
                "never: {what}"
            );
            h.step();
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    }

    #[test]
    fn gifts_arriving_together_are_celebrated_one_after_another_and_the_total_lands_exactly() {
        let pack = banco();
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open_in(dir.path()).unwrap();
        visitor(&mut store, &pack, 2_000, "Ana");
        let mut h = screen(Arc::clone(&pack), dir.path(), (1920.0, 1080.0));
        until(&mut h, "the first reading", |h| {
            h.state()
                .total()
                .as_ref()
                .is_ok_and(|t| t.stats.event_count == 1)
        });
        // Made before the screen started: not celebrated.
        assert!(h.state().show().celebrating().is_none());
        // Four gifts land at once: two visitors, two paddles.
        visitor(&mut store, &pack, 5_000, "Mei");
        paddle(&mut store, &pack, 42, 100_000);
        paddle(&mut store, &pack, 7, 25_000);
        visitor(&mut store, &pack, 1_500, "Jon");
        let mut seen: Vec<String> = Vec::new();
        let start = std::time::Instant::now();
        while seen.len() < 4 || h.state().show().celebrating().is_some() {
            assert!(
                start.elapsed() < std::time::Duration::from_secs(30),
                "celebrated only {seen:?}"
            );
            h.step();
            if let Some(c) = h.state().show().celebrating() {
                let c_paddle = c.gift.paddle;
                let what = c
                    .gift
                    .name
                    .clone()
                    .or(c_paddle.map(|p| p.to_string()))
                    .unwrap();
                if seen.last() != Some(&what) {
                    seen.push(what.clone());
                    // Each is on screen in its turn (drawn at the next
                    // frame), in whichever language is showing.
                    h.step();
                    let shown = match c_paddle {
                        Some(p) => format!(" {p}  ·  +"),
                        None => format!("{what}!"),
                    };
                    assert!(
                        h.query_all_by_label_contains(&shown).count() == 1,
                        "{shown:?} not shown once in {:#?}",
                        h.root()
                    );
                }
            }
        }
        assert_eq!(seen, ["Mei", "42", "7", "Jon"]);
        // Counted up to the total exactly, to the cent.
        until(&mut h, "the total", |h| {
            h.query_by_label("1335\u{a0}€").is_some() || h.query_by_label("€1,335").is_some()
        });
        let total = h.state().total().as_ref().unwrap().stats.event_minor;
        assert_eq!(total, 2_000 + 5_000 + 100_000 + 25_000 + 1_500);
        assert_eq!(h.state().show().figure(h.ctx.input(|i| i.time)), total);
        // Between gifts, the evening's slides; C for high contrast. Saved
        // to be looked at.
        let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("total");
        std::fs::create_dir_all(&out).unwrap();
        h.step();
        assert!(h.state().show().celebrating().is_none());
        h.render()
            .unwrap()
            .save(out.join("slide-1920x1080.png"))
            .unwrap();
        h.key_press(egui::Key::C);
        h.step();
        h.render()
            .unwrap()
            .save(out.join("slide-contrast-1920x1080.png"))
            .unwrap();
    }

    #[test]
    fn the_projector_screen_in_both_languages_at_three_sizes() {
        let pack = banco();
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open_in(dir.path()).unwrap();
        visitor(&mut store, &pack, 5_000, "Lucía");
        paddle(&mut store, &pack, 11, 100_000);
        paddle(&mut store, &pack, 12, 100_000);
        visitor(&mut store, &pack, 2_500, "Pau");
        store
            .set_calling(Calling {
                level_minor: Some(100_000),
                since: Utc::now(),
            })
            .unwrap();
        let mut results = egui_kittest::SnapshotResults::new();
        for (w, hgt) in [(1920.0, 1080.0), (1080.0, 1920.0), (3840.0, 2160.0)] {
            let mut h = screen(Arc::clone(&pack), dir.path(), (w, hgt));
            until(&mut h, "the first reading", |h| {
                h.state()
                    .total()
                    .as_ref()
                    .is_ok_and(|t| t.stats.event_count == 4)
            });
            // A paddle raised at the level being called is celebrated.
            paddle(&mut store, &pack, 13, 100_000);
            // Snapshotted once it has come in and the total has counted up.
            until(&mut h, "its celebration", |h| {
                h.state().show().celebrating().is_some_and(|c| {
                    h.ctx.input(|i| i.time) >= c.started + ENTRANCE_SECS.max(COUNT_UP_SECS) + 0.05
                })
            });
            h.step();
            h.get_by_label("3075\u{a0}€");
            h.get_by_label("Se anuncia: 1000\u{a0}€");
            h.get_by_label("3 de 5");
            h.get_by_label_contains("Cooperativa del Valle iguala cada donación");
            h.get_by_label_contains("Paleta 13");
            h.snapshot(format!("total-gala-es-{w}x{hgt}"));
            // L: the other language.
            h.key_press(egui::Key::L);
            h.step();
            h.get_by_label("Now calling €1,000");
            h.get_by_label("3 of 5");
            h.snapshot(format!("total-gala-en-{w}x{hgt}"));
            results.extend_harness(&mut h);
            store
                .undo_paddle(&store.recent_paddles("gala", 1).unwrap()[0].id, Utc::now())
                .unwrap()
                .unwrap();
        }
        results.unwrap();
    }
}
