//! A gala evening end to end against a real PostgreSQL hub: three kiosks
//! take visitors' pledges and a volunteer's laptop takes the paddle raise
//! (driven through its own screen), 300 entries in all with some undone,
//! each sent by the real sender; the big screen (the real total screen,
//! rendered) follows the hub throughout, and its final total equals the
//! hub's sum to the cent. Screenshots of the evening go to
//! `target/tmp/evening/` (docs/screenshots holds the ones looked at).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests: a failed step should panic"
)]

mod common;

use std::{
    path::Path,
    sync::Arc,
    time::{Duration, Instant},
};

use chrono::Utc;
use common::pg;
use egui_kittest::{
    Harness,
    kittest::{NodeT, Queryable},
};
use storykiosk::{
    app::{paddle::PaddleApp, total::TotalApp},
    config::KioskConfig,
    content::{self, Frequency, Pack},
    hub::send::{KioskInfo, Sender},
    pledge::{NewPledge, PledgeDraft, Store, store::Kind},
};

const VISITORS_PER_KIOSK: usize = 80;
const PADDLES: usize = 60;

fn banco() -> Arc<Pack> {
    let report =
        content::load_or_bundled(Some(&common::packs_dir().join("banco-alimentos"))).unwrap();
    assert!(!report.fell_back, "{:?}", report.problems);
    report.pack
}

fn settings(dir: &Path) -> KioskConfig {
    KioskConfig::load(&dir.join("kiosk.ron")).unwrap().unwrap()
}

fn sender(dir: &Path, pack: &Pack) -> Sender {
    let s = settings(dir);
    Sender::start(
        dir.to_path_buf(),
        s.hub.unwrap(),
        KioskInfo {
            kiosk_id: s.kiosk_id,
            event_id: s.event_id,
            pack_id: pack.manifest.id.clone(),
            pack_version: pack.manifest.version.clone(),
            started_at: Utc::now(),
            problem: None,
        },
        || {},
    )
    .unwrap()
}

/// A small generator of the evening's amounts and names (the seed is
/// printed, so a run can be repeated).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<'a, T>(&mut self, from: &'a [T]) -> &'a T {
        &from[(self.next() % from.len() as u64) as usize]
    }
}

fn visitor_pledge(pack: &Pack, amount: u64, name: &str, thanked: bool, kiosk: &str) -> NewPledge {
    let pledge = PledgeDraft {
        amount_minor: Some(amount),
        frequency: Some(Frequency::OneTime),
        name: name.into(),
        email: "invitado@example.es".into(),
        consents: if thanked {
            vec!["thank_publicly".to_owned()]
        } else {
            Vec::new()
        }
        .into_iter()
        .collect(),
        ..PledgeDraft::default()
    }
    .validate(&pack.pledge)
    .unwrap();
    NewPledge::on(pack, pledge, "es", kiosk, "gala")
}

type Screen = Harness<'static, TotalApp>;
type Laptop = Harness<'static, PaddleApp>;

fn tap(h: &mut Laptop, name: &str) {
    h.get_by_label(name).click();
    h.run_ok();
}

fn paddle_keys(h: &mut Laptop, number: u32) {
    for d in number.to_string().chars() {
        tap(h, &d.to_string());
    }
    tap(h, "Registrar");
}

/// A few frames of the big screen (its own clock, and real time for the
/// hub's thread).
fn watch(screen: &mut Screen, frames: usize) {
    for _ in 0..frames {
        screen.step();
        std::thread::sleep(Duration::from_millis(2));
    }
}

fn shot(screen: &mut Screen, name: &str) {
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("evening");
    std::fs::create_dir_all(&out).unwrap();
    screen.render().unwrap().save(out.join(name)).unwrap();
}

#[test]
fn an_evening_of_three_kiosks_and_a_paddle_raise_ends_on_the_hubs_sum_to_the_cent() {
    if !pg::available() {
        return;
    }
    let cluster = pg::shared();
    let db = cluster.new_database("evening");
    cluster.hub_ok(&db, &["hub", "init", &cluster.admin_url(&db)]);
    let pack = banco();
    let kiosks: Vec<tempfile::TempDir> = ["puerta", "bar", "terraza"]
        .iter()
        .map(|name| cluster.kiosk(&db, name, "gala").0)
        .collect();
    let (laptop_dir, _) = cluster.kiosk(&db, "paletas", "gala");
    let (screen_dir, _) = cluster.kiosk(&db, "pantalla", "gala");
    // The volunteer's laptop has the staff PIN.
    let mut laptop_settings = settings(laptop_dir.path());
    laptop_settings.set_pin("2468").unwrap();
    laptop_settings
        .save(&laptop_dir.path().join("kiosk.ron"))
        .unwrap();

    let seed = std::env::var("EVENING_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| Utc::now().timestamp_nanos_opt().unwrap_or(1).unsigned_abs() | 1);
    eprintln!("EVENING_SEED={seed}");
    let mut rng = Rng(seed);

    // The big screen, on the hub.
    let screen_pack = Arc::clone(&pack);
    let link = settings(screen_dir.path()).hub;
    let screen_data = screen_dir.path().to_path_buf();
    let mut screen: Screen = Harness::builder()
        .with_size(egui::vec2(1920.0, 1080.0))
        .with_max_steps(400)
        .with_render_cursor(false)
        .wgpu()
        .build_eframe(move |cc| {
            TotalApp::new(&cc.egui_ctx, screen_pack, screen_data, "gala".into(), link)
        });
    let start = Instant::now();
    while !screen
        .state()
        .total()
        .as_ref()
        .is_ok_and(|t| t.hub.is_some_and(|h| h.live))
    {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the big screen never reached the hub"
        );
        watch(&mut screen, 1);
    }

    // The volunteer's laptop, unlocked.
    let laptop_pack = Arc::clone(&pack);
    let laptop_data = laptop_dir.path().to_path_buf();
    let mut laptop: Laptop = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_max_steps(200)
        .build_eframe(move |cc| {
            PaddleApp::new(&cc.egui_ctx, laptop_pack, laptop_data, laptop_settings)
        });
    laptop.run_ok();
    for d in "2468".chars() {
        tap(&mut laptop, &d.to_string());
    }
    tap(&mut laptop, "Entrar");
    while laptop.state().locked() {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "the PIN never opened the laptop"
        );
        std::thread::sleep(Duration::from_millis(20));
        laptop.run_ok();
    }

    let senders: Vec<Sender> = kiosks.iter().map(|k| sender(k.path(), &pack)).collect();
    let mut stores: Vec<Store> = kiosks
        .iter()
        .map(|k| Store::open_in(k.path()).unwrap())
        .collect();
    let names = [
        "Lucía", "Mateo", "Carmen", "Hugo", "Sofía", "Leo", "Martina", "Nil", "Aitana", "Pau",
    ];
    let amounts = [1_000, 2_500, 5_000, 10_000, 25_000, 2_000, 7_500, 15_050];
    let levels: Vec<u64> = pack
        .event
        .as_ref()
        .unwrap()
        .levels
        .iter()
        .map(|l| l.amount_minor)
        .collect();

    // The evening: visitors at the kiosks all along; the paddle raise in
    // the middle, one level after another, with a few paddles undone.
    let mut paddles_entered: usize = 0;
    let mut undone = 0;
    let mut level = 0;
    let mut shots = 0;
    for round in 0..VISITORS_PER_KIOSK {
        for (i, store) in stores.iter_mut().enumerate() {
            let kiosk = ["puerta", "bar", "terraza"][i];
            let name = *rng.pick(&names);
            let thanked = !rng.next().is_multiple_of(3);
            store
                .insert(&visitor_pledge(
                    &pack,
                    *rng.pick(&amounts),
                    name,
                    thanked,
                    kiosk,
                ))
                .unwrap();
            senders[i].nudge();
        }
        if (20..20 + PADDLES / 2).contains(&round) {
            if paddles_entered.is_multiple_of(20) {
                let label = level_label(&laptop, &pack, levels[level % levels.len()]);
                tap(&mut laptop, &label);
                level += 1;
            }
            for _ in 0..2 {
                paddles_entered += 1;
                paddle_keys(&mut laptop, 100 + paddles_entered as u32);
            }
            if paddles_entered.is_multiple_of(12) {
                // Misheard: undone at once.
                let last = laptop.state().recent()[0].clone();
                tap(
                    &mut laptop,
                    &format!("Deshacer · {}", entry_label(&pack, &last)),
                );
                undone += 1;
            }
        }
        watch(&mut screen, 6);
        // The screenshots: a celebration, the level in progress, the
        // matching gift.
        if shots < 3 && round == 24 + shots * 4 {
            let until = Instant::now() + Duration::from_secs(10);
            while screen
                .state()
                .show()
                .celebrating()
                .is_none_or(|c| screen.ctx.input(|i| i.time) < c.started + 0.5)
                && Instant::now() < until
            {
                watch(&mut screen, 1);
            }
            shot(&mut screen, &format!("evening-{shots}.png"));
            shots += 1;
        }
    }
    tap(&mut laptop, "Entre niveles");
    assert_eq!(paddles_entered, PADDLES);

    // Every kiosk and the laptop have sent everything.
    let laptop_sender = sender(laptop_dir.path(), &pack);
    for s in senders.iter().chain(std::iter::once(&laptop_sender)) {
        let until = Instant::now() + Duration::from_secs(60);
        while !(s.state().connected && s.state().waiting == 0) {
            assert!(Instant::now() < until, "not all sent: {:?}", s.state());
            std::thread::sleep(Duration::from_millis(50));
        }
    }
    let mut admin = cluster.admin(&db);
    let row = admin
        .query_one(
            "SELECT count(*) FILTER (WHERE kind <> 'cancellation'),
                    count(*) FILTER (WHERE storykiosk.counted(p)),
                    COALESCE(sum(amount_minor) FILTER (WHERE storykiosk.counted(p)), 0)::bigint
             FROM storykiosk.pledges p WHERE event_id = 'gala'",
            &[],
        )
        .unwrap();
    let (entries, counted, hub_sum): (i64, i64, i64) = (row.get(0), row.get(1), row.get(2));
    assert_eq!(
        entries as usize,
        3 * VISITORS_PER_KIOSK + PADDLES,
        "300 entries at the hub"
    );
    assert_eq!(counted as usize, 300 - undone);
    // The same sum from every machine's own store.
    let mut local_sum = 0;
    for dir in kiosks
        .iter()
        .map(|k| k.path())
        .chain(std::iter::once(laptop_dir.path()))
    {
        let store = Store::open_in(dir).unwrap();
        for r in store.all(None).unwrap() {
            if r.kind != Kind::Cancellation && r.status != storykiosk::pledge::Status::Cancelled {
                local_sum += r.amount_minor;
            }
        }
    }
    assert_eq!(local_sum, hub_sum as u64);

    // The big screen ends on the hub's sum, to the cent, once every gift
    // has had its moment.
    let until = Instant::now() + Duration::from_secs(120);
    loop {
        watch(&mut screen, 10);
        let now = screen.ctx.input(|i| i.time);
        let app = screen.state();
        let done = app
            .total()
            .as_ref()
            .is_ok_and(|t| t.stats.event_minor == hub_sum as u64)
            && app.show().celebrating().is_none()
            && app.show().waiting() == 0
            && app.show().figure(now) == hub_sum as u64;
        if done {
            break;
        }
        assert!(
            Instant::now() < until,
            "the screen shows {} of {hub_sum} ({} waiting)",
            app.show().figure(now),
            app.show().waiting()
        );
    }
    let shown = storykiosk::content::format::LocaleFormats::for_pack_locale(
        &pack.manifest,
        &pack.pledge.currency,
        &screen.state().showing_locale(),
    )
    .money(hub_sum as u64);
    watch(&mut screen, 2);
    screen.get_by_label(&shown);
    shot(&mut screen, "evening-end.png");
    eprintln!(
        "evening: {entries} entries ({undone} undone) from 3 kiosks and a paddle laptop; hub and screen: {shown}; {:?}",
        start.elapsed()
    );
}

/// The level button's label on the laptop, as it reads now ("1000 €  ·
/// 3 de 5").
fn level_label(laptop: &Laptop, pack: &Pack, amount: u64) -> String {
    let fmt = storykiosk::content::format::LocaleFormats::for_pack_locale(
        &pack.manifest,
        &pack.pledge.currency,
        "es",
    );
    let prefix = format!("{}  ·  ", fmt.money(amount));
    laptop
        .query_all_by_role(egui::accesskit::Role::Button)
        .filter_map(|n| n.accesskit_node().label())
        .find(|l| l.starts_with(&prefix))
        .unwrap_or_else(|| panic!("no level button for {amount}"))
}

/// "Paleta 142: 1000 €", as the laptop lists an entry.
fn entry_label(pack: &Pack, row: &storykiosk::pledge::PledgeRow) -> String {
    let fmt = storykiosk::content::format::LocaleFormats::for_pack_locale(
        &pack.manifest,
        &pack.pledge.currency,
        "es",
    );
    format!(
        "Paleta {}: {}",
        row.paddle.unwrap(),
        fmt.money(row.amount_minor)
    )
}
