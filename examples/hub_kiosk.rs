//! A simulated kiosk for the hub's fault tests and benchmark: it stores
//! pledges in its own SQLite store exactly as the kiosk app does, and
//! forwards them with the app's own sender, without a window.
//!
//! ```text
//! hub_kiosk DATA_DIR PLEDGES [EVERY_MS]
//! ```
//!
//! DATA_DIR holds the kiosk's settings (`storykiosk hub join ... --data-dir
//! DATA_DIR`). It stores PLEDGES pledges, EVERY_MS apart (0 by default),
//! then waits until the hub has every pledge of the store and prints
//! `stored N, sent all in MS ms`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test tool: a failed step should stop it"
)]

use std::{
    path::PathBuf,
    time::{Duration, Instant},
};

use storykiosk::{
    config::KioskConfig,
    content::{Frequency, Pack},
    hub::send::{KioskInfo, Sender},
    pledge::{NewPledge, PledgeDraft, Store},
};

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().expect("DATA_DIR"));
    let count: usize = args.next().expect("PLEDGES").parse().expect("a number");
    let every = Duration::from_millis(args.next().map_or(0, |a| a.parse().expect("ms")));
    let settings = KioskConfig::load(&dir.join("kiosk.ron"))
        .expect("readable settings")
        .expect("settings: run storykiosk hub join first");
    let link = settings.hub.clone().expect("a hub in the settings");
    let pack = Pack::bundled().unwrap();
    let sender = Sender::start(
        dir.clone(),
        link,
        KioskInfo {
            kiosk_id: settings.kiosk_id.clone(),
            event_id: settings.event_id.clone(),
            pack_id: pack.manifest.id.clone(),
            pack_version: pack.manifest.version.clone(),
            started_at: chrono::Utc::now(),
            problem: None,
        },
        || {},
    )
    .unwrap();
    let mut store = Store::open_in(&dir).unwrap();
    // Amounts vary with the process id and the pledge's number, so two
    // kiosks' totals differ.
    let seed = u64::from(std::process::id());
    let start = Instant::now();
    for i in 0..count as u64 {
        let amount = 5_000 + (seed.wrapping_mul(2_654_435_761).wrapping_add(i * 7_919)) % 995_000;
        let pledge = PledgeDraft {
            amount_minor: Some(amount),
            frequency: Some(Frequency::OneTime),
            name: "Chan Tai Man".into(),
            email: "chan@example.hk".into(),
            ..PledgeDraft::default()
        }
        .validate(&pack.pledge)
        .unwrap();
        let new = NewPledge::on(&pack, pledge, "en", &settings.kiosk_id, &settings.event_id);
        store.insert(&new).unwrap();
        sender.nudge();
        if !every.is_zero() {
            std::thread::sleep(every);
        }
    }
    loop {
        let state = sender.state();
        if state.connected && store.unsent(1).unwrap().is_empty() {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    println!(
        "stored {count}, sent all in {} ms",
        start.elapsed().as_millis()
    );
}
