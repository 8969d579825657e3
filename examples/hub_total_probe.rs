//! Measures the total screen's delay through the hub: from a pledge's commit
//! on one kiosk to the total screen's reading that includes it (the reading
//! the screen's next frame draws), for `scripts/hub-bench.sh`.
//!
//! ```text
//! hub_total_probe KIOSK_DIR SCREEN_DIR PROBES [EVERY_MS]
//! ```
//!
//! Both folders are joined to the hub, with the event `probe` in their
//! settings. The kiosk stores one pledge at a time and sends it with the
//! app's sender; the screen watches with the app's total reader. Prints a
//! line per probe: when it was committed (ms since the probe started) and
//! its delay (ms); then the median and the 99th percentile of the delays.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a measuring tool: a failed step should stop it"
)]

use std::{
    path::{Path, PathBuf},
    time::{Duration, Instant},
};

use storykiosk::{
    config::KioskConfig,
    content::{Frequency, Pack},
    hub::{
        send::{KioskInfo, Sender},
        total::{self, TotalQuery},
    },
    pledge::{NewPledge, PledgeDraft, Store},
};

fn settings(dir: &Path) -> KioskConfig {
    KioskConfig::load(&dir.join("kiosk.ron"))
        .expect("readable settings")
        .expect("settings: run storykiosk hub join first")
}

fn main() {
    let mut args = std::env::args().skip(1);
    let kiosk_dir = PathBuf::from(args.next().expect("KIOSK_DIR"));
    let screen_dir = PathBuf::from(args.next().expect("SCREEN_DIR"));
    let probes: usize = args.next().expect("PROBES").parse().expect("a number");
    let every = Duration::from_millis(args.next().map_or(250, |a| a.parse().expect("ms")));
    let kiosk = settings(&kiosk_dir);
    let screen = settings(&screen_dir);
    let pack = Pack::bundled().unwrap();
    let sender = Sender::start(
        kiosk_dir.clone(),
        kiosk.hub.clone().expect("a hub"),
        KioskInfo {
            kiosk_id: kiosk.kiosk_id.clone(),
            event_id: kiosk.event_id.clone(),
            pack_id: pack.manifest.id.clone(),
            pack_version: pack.manifest.version.clone(),
            started_at: chrono::Utc::now(),
            problem: None,
        },
        || {},
    )
    .unwrap();
    let readings = total::watch(
        screen.hub.clone().expect("a hub"),
        screen_dir,
        TotalQuery {
            event_id: kiosk.event_id.clone(),
            currency: pack.pledge.currency.code.clone(),
            name_consent: None,
        },
        || {},
    )
    .unwrap();
    let mut store = Store::open_in(&kiosk_dir).unwrap();
    let mut count = 0;
    // The first reading, before any probe.
    let _ = readings.recv_timeout(Duration::from_secs(10));
    let mut delays = Vec::new();
    let start = Instant::now();
    for _ in 0..probes {
        let pledge = PledgeDraft {
            amount_minor: Some(10_000),
            frequency: Some(Frequency::OneTime),
            name: "Probe".into(),
            email: "probe@example.hk".into(),
            ..PledgeDraft::default()
        }
        .validate(&pack.pledge)
        .unwrap();
        let new = NewPledge::on(&pack, pledge, "en", &kiosk.kiosk_id, &kiosk.event_id);
        store.insert(&new).unwrap();
        let committed = Instant::now();
        sender.nudge();
        count += 1;
        // The screen's own store holds nothing: only the hub's figure moves.
        loop {
            let reading = readings
                .recv_timeout(Duration::from_secs(30))
                .expect("a reading within 30 s")
                .expect("a total");
            if reading.stats.event_count >= count && reading.hub.is_some_and(|h| h.live) {
                break;
            }
        }
        let ms = committed.elapsed().as_secs_f64() * 1000.0;
        let at = (committed - start).as_secs_f64() * 1000.0;
        println!("{at:.0} {ms:.1}");
        delays.push(ms);
        std::thread::sleep(every);
    }
    delays.sort_by(f64::total_cmp);
    let at = |q: f64| delays[((delays.len() - 1) as f64 * q).round() as usize];
    println!("median {:.1} ms, p99 {:.1} ms", at(0.5), at(0.99));
}
