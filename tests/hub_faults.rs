//! The hub under faults, each test with a PostgreSQL cluster of its own to
//! stop hard and start again: kiosks (the `hub_kiosk` example: the app's
//! store and sender, without a window) taking pledges while the hub
//! crashes and one kiosk is killed; and the total screen's reading while
//! the hub comes and goes.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests: a failed step should panic"
)]

mod common;

use std::{
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use common::pg::{self, Cluster};
use storykiosk::{
    config::KioskConfig,
    content::Pack,
    hub::{self, total::TotalQuery},
    pledge::{PledgeRow, Store},
};

/// The hub made and `names` added with the real binary; each kiosk's data
/// folder joined to it.
fn hub_with_kiosks(cluster: &Cluster, names: &[&str]) -> (String, Vec<tempfile::TempDir>) {
    let db = cluster.new_database("faults");
    cluster.hub_ok(&db, &["hub", "init", &cluster.admin_url(&db)]);
    let dirs = names
        .iter()
        .map(|name| cluster.kiosk(&db, name, "gala").0)
        .collect();
    (db, dirs)
}

/// The `hub_kiosk` example, built if this test runs alone. (`cargo test
/// --test hub_faults` does not rebuild examples: after a change to the
/// library, `cargo build --example hub_kiosk` first.)
fn simulated_kiosk() -> PathBuf {
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_storykiosk"));
    let example = bin.parent().unwrap().join("examples/hub_kiosk");
    if !example.exists() {
        let built = Command::new(env!("CARGO"))
            .args(["build", "--example", "hub_kiosk"])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .status()
            .unwrap();
        assert!(built.success());
    }
    example
}

fn start_kiosk(dir: &Path, pledges: usize, every_ms: u64) -> Child {
    Command::new(simulated_kiosk())
        .arg(dir)
        .arg(pledges.to_string())
        .arg(every_ms.to_string())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Waits for a kiosk to have sent everything and end.
fn finish(mut kiosk: Child, within: Duration) {
    let start = Instant::now();
    while start.elapsed() < within {
        if let Some(status) = kiosk.try_wait().unwrap() {
            assert!(status.success(), "a kiosk failed: {status}");
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = kiosk.kill();
    panic!(
        "a kiosk had not sent everything after {within:?} (if only this test was run, \
         is target/debug/examples/hub_kiosk older than the library? \
         `cargo build --example hub_kiosk`)"
    );
}

/// A small generator (xorshift), seeded from the clock and printed, so a
/// failing order of faults can be replayed with HUB_FAULTS_SEED.
struct Rng(u64);

impl Rng {
    fn new() -> Rng {
        let seed = std::env::var("HUB_FAULTS_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap()
                    .as_nanos() as u64
                    | 1
            });
        eprintln!("HUB_FAULTS_SEED={seed}");
        Rng(seed)
    }

    fn millis(&mut self, low: u64, high: u64) -> Duration {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        Duration::from_millis(low + self.0 % (high - low))
    }
}

fn local_rows(dirs: &[tempfile::TempDir]) -> Vec<PledgeRow> {
    dirs.iter()
        .flat_map(|d| Store::open_in(d.path()).unwrap().all(None).unwrap())
        .collect()
}

#[test]
fn the_hub_holds_exactly_every_kiosks_pledges_through_crashes_and_a_killed_kiosk() {
    if !pg::available() {
        return;
    }
    let cluster = Cluster::start();
    let (db, dirs) = hub_with_kiosks(&cluster, &["door", "bar", "stage"]);
    let mut rng = Rng::new();
    let started = Instant::now();
    let mut kiosks: Vec<Option<Child>> = dirs
        .iter()
        .map(|d| Some(start_kiosk(d.path(), 250, 12)))
        .collect();
    let mut crashes = 0;
    let mut killed = false;
    // About eight seconds of faults while the kiosks take pledges.
    while started.elapsed() < Duration::from_secs(8) {
        std::thread::sleep(rng.millis(300, 1_500));
        if !killed && started.elapsed() > Duration::from_secs(2) {
            // Killed mid-send: it sends the moment each pledge is stored.
            let mut victim = kiosks[1].take().unwrap();
            victim.kill().unwrap();
            victim.wait().unwrap();
            killed = true;
            // Started again on the same store, it takes more and sends
            // what it had not.
            kiosks[1] = Some(start_kiosk(dirs[1].path(), 40, 12));
            continue;
        }
        cluster.stop_immediate();
        crashes += 1;
        std::thread::sleep(rng.millis(200, 1_500));
        cluster.pg_ctl_start();
    }
    for kiosk in kiosks.into_iter().flatten() {
        // The longest backoff is a minute.
        finish(kiosk, Duration::from_secs(120));
    }
    let local = local_rows(&dirs);
    let mut at_hub: Vec<(String, i64)> = cluster
        .admin(&db)
        .query("SELECT id::text, amount_minor FROM storykiosk.pledges", &[])
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    let mut kept: Vec<(String, i64)> = local
        .iter()
        .map(|r| (r.id.clone(), r.amount_minor as i64))
        .collect();
    at_hub.sort();
    kept.sort();
    eprintln!(
        "{} pledges on 3 kiosks, {} at the hub, after {crashes} hub crashes and a killed kiosk, \
         in {:?}",
        kept.len(),
        at_hub.len(),
        started.elapsed()
    );
    assert!(crashes >= 3 && killed);
    assert_eq!(at_hub.len(), kept.len(), "none missing, none twice");
    assert_eq!(at_hub, kept, "the same ids with the same amounts");
    let hub_sum: i64 = at_hub.iter().map(|(_, a)| a).sum();
    let local_sum: i64 = kept.iter().map(|(_, a)| a).sum();
    assert_eq!(hub_sum, local_sum, "the totals match to the cent");
}

fn pledge(store: &mut Store, kiosk: &str, amount: u64) {
    store
        .insert(&pg::new_pledge(amount, kiosk, "gala"))
        .unwrap();
}

#[test]
fn the_total_counts_every_kiosk_and_never_goes_back_while_the_hub_is_away() {
    if !pg::available() {
        return;
    }
    let cluster = Cluster::start();
    let (_db, dirs) = hub_with_kiosks(&cluster, &["door", "screen"]);
    let settings = |d: &tempfile::TempDir| {
        KioskConfig::load(&d.path().join("kiosk.ron"))
            .unwrap()
            .unwrap()
    };
    let door = &dirs[0];
    let screen = &dirs[1];
    let query = TotalQuery {
        event_id: "gala".into(),
        currency: "HKD".into(),
        name_consent: Some("thank_publicly".into()),
    };
    // The door kiosk's pledges go through its sender.
    let door_sender = hub::send::Sender::start(
        door.path().to_path_buf(),
        settings(door).hub.unwrap(),
        hub::send::KioskInfo {
            kiosk_id: "door".into(),
            event_id: "gala".into(),
            pack_id: "p".into(),
            pack_version: "1".into(),
            started_at: chrono::Utc::now(),
            problem: None,
        },
        || {},
    )
    .unwrap();
    let mut door_store = Store::open_in(door.path()).unwrap();
    pledge(&mut door_store, "door", 10_000);
    door_sender.nudge();
    // The big screen (a kiosk of its own, taking pledges too).
    let rx = hub::total::watch(
        settings(screen).hub.unwrap(),
        screen.path().to_path_buf(),
        query,
        || {},
    )
    .unwrap();
    let t = pg::reading(&rx, |t| t.stats.event_minor == 10_000);
    assert!(t.hub.unwrap().live);
    assert_eq!(t.names, ["Chan"]);
    // A commit at the door shows on the big screen.
    let committed = Instant::now();
    pledge(&mut door_store, "door", 20_000);
    door_sender.nudge();
    pg::reading(&rx, |t| {
        t.stats.event_minor == 30_000 && t.stats.event_count == 2
    });
    eprintln!("door commit to big screen total: {:?}", committed.elapsed());

    // The hub goes: the last total stays, plus the big screen kiosk's own
    // new pledge (not yet sent), with the time of the last reading.
    cluster.stop_immediate();
    let mut screen_store = Store::open_in(screen.path()).unwrap();
    pledge(&mut screen_store, "screen", 5_000);
    let away = pg::reading(&rx, |t| {
        t.hub.is_some_and(|h| !h.live) && t.stats.event_minor == 35_000
    });
    assert!(away.hub.unwrap().last_updated.is_some());
    assert_eq!(away.stats.event_count, 3);
    // The door's pledge while the hub is away is not seen yet, and nothing
    // goes back.
    pledge(&mut door_store, "door", 40_000);
    door_sender.nudge();
    std::thread::sleep(Duration::from_secs(2));
    while let Ok(r) = rx.try_recv() {
        assert!(r.unwrap().stats.event_minor >= 35_000);
    }
    // Back: every kiosk's pledges once (the big screen's own was never
    // sent: it has no sender here, so it stays counted once, from its
    // store).
    cluster.pg_ctl_start();
    let back = pg::reading(&rx, |t| {
        t.hub.is_some_and(|h| h.live) && t.stats.event_minor == 75_000
    });
    assert_eq!(back.stats.event_count, 4);
}

#[test]
fn the_big_screen_says_quietly_when_it_last_heard_from_the_hub() {
    use egui_kittest::{Harness, kittest::Queryable};
    use storykiosk::app::total::TotalApp;
    if !pg::available() {
        return;
    }
    let cluster = Cluster::start();
    let (_db, dirs) = hub_with_kiosks(&cluster, &["door", "screen"]);
    // The door's pledges, sent with the hub's own insert.
    let door = KioskConfig::load(&dirs[0].path().join("kiosk.ron"))
        .unwrap()
        .unwrap();
    let mut store = Store::open_in(dirs[0].path()).unwrap();
    pledge(&mut store, "door", 150_000);
    pledge(&mut store, "door", 250_000);
    let rows = store.all(None).unwrap();
    hub::send::send(&mut hub::connect(&door.hub.unwrap()).unwrap(), &rows).unwrap();
    let screen = KioskConfig::load(&dirs[1].path().join("kiosk.ron"))
        .unwrap()
        .unwrap();
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("hub");
    std::fs::create_dir_all(&out).unwrap();
    for (size, tag) in [
        ((1920.0, 1080.0), "1920x1080"),
        ((1080.0, 1920.0), "1080x1920"),
    ] {
        let data_dir = dirs[1].path().to_path_buf();
        let link = screen.hub.clone();
        let mut h = Harness::builder()
            .with_size(egui::vec2(size.0, size.1))
            .with_max_steps(200)
            .with_render_cursor(false)
            .wgpu()
            .build_eframe(move |cc| {
                TotalApp::new(
                    &cc.egui_ctx,
                    std::sync::Arc::new(Pack::bundled().unwrap()),
                    data_dir,
                    "gala".into(),
                    link,
                )
            });
        let wait = |h: &mut Harness<'static, TotalApp>,
                    what: &str,
                    f: &dyn Fn(&Harness<'static, TotalApp>) -> bool| {
            let start = Instant::now();
            while !f(h) {
                assert!(start.elapsed() < Duration::from_secs(20), "never: {what}");
                h.run_ok();
                std::thread::sleep(Duration::from_millis(50));
            }
        };
        wait(&mut h, "the hub's total", &|h| {
            h.query_by_label("HK$4,000").is_some()
        });
        assert!(h.query_by_label_contains("Last updated").is_none());
        cluster.stop_immediate();
        wait(&mut h, "the badge", &|h| {
            h.query_by_label_contains("Last updated").is_some()
        });
        h.get_by_label("HK$4,000");
        h.get_by_label_contains("·  2 pledges");
        h.render()
            .unwrap()
            .save(out.join(format!("total-hub-away-{tag}.png")))
            .unwrap();
        cluster.pg_ctl_start();
        wait(&mut h, "back", &|h| {
            h.query_by_label_contains("Last updated").is_none()
        });
    }
}
