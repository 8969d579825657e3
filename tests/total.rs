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
    h.get_by_label("3 pledges");
    h.get_by_label("of our HK$500,000 goal");
    // Only the donor who opted in and did not ask to stay anonymous.
    h.get_by_label("Chan");
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
    h.get_by_label("Lee  ·  Chan");
}
