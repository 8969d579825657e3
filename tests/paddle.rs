//! The paddle raise's entries in the store and at the hub: a paddle entry,
//! its undoing as a cancellation of its own, the level being called, and
//! totals that stay exact whatever order entries and cancellations reach
//! the hub in (a real SQLite file, a real PostgreSQL cluster).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests: a failed step should panic"
)]

mod common;

use std::time::{Duration, Instant};

use chrono::Utc;
use common::pg::{self, Cluster};
use storykiosk::{
    config::KioskConfig,
    content::Pack,
    hub::{
        self,
        send::{KioskInfo, Sender},
        total::TotalQuery,
    },
    pledge::{
        PledgeRow, Store,
        store::{Calling, Kind, LevelCount, PaddleEntry, Status, UndoRefused},
    },
};

/// Paddle `paddle` for `amount` (minor units) at laptop `kiosk`.
fn entry(paddle: u32, amount: u64, kiosk: &str) -> PaddleEntry {
    PaddleEntry::on(
        &Pack::bundled().unwrap(),
        paddle,
        amount,
        "en",
        kiosk,
        "gala",
    )
}

#[test]
fn a_paddle_entry_is_undone_by_a_cancellation_of_its_own_within_two_minutes() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in(dir.path()).unwrap();
    assert_eq!(store.schema_version().unwrap(), 7);
    let now = Utc::now();
    let first = store
        .insert_paddle(&entry(101, 5_000_000, "paddles"))
        .unwrap();
    let second = store
        .insert_paddle(&entry(7, 5_000_000, "paddles"))
        .unwrap();
    let third = store
        .insert_paddle(&entry(88, 1_000_000, "paddles"))
        .unwrap();
    let visitor = store
        .insert(&pg::new_pledge(20_000, "paddles", "gala"))
        .unwrap();
    let old = store
        .insert_paddle_at(
            &entry(5, 100_000, "paddles"),
            now - chrono::Duration::seconds(121),
        )
        .unwrap();
    assert_eq!((first.kind, first.paddle), (Kind::Paddle, Some(101)));
    assert_eq!((first.name.as_deref(), first.anonymous), (None, true));
    assert_eq!(visitor.kind, Kind::Kiosk);

    let undone = store.undo_paddle(&second.id, Utc::now()).unwrap().unwrap();
    assert_eq!(undone.kind, Kind::Cancellation);
    assert_eq!(undone.cancels.as_deref(), Some(second.id.as_str()));
    assert_eq!((undone.paddle, undone.amount_minor), (Some(7), 5_000_000));
    assert!(undone.seq > old.seq);
    assert_eq!(
        store.by_id(&second.id).unwrap().unwrap().status,
        Status::Cancelled
    );
    // Refused, changing nothing: twice, too late, a visitor's pledge, a
    // cancellation, an unknown id.
    let refused =
        |store: &mut Store, id: &str| store.undo_paddle(id, Utc::now()).unwrap().unwrap_err();
    assert_eq!(refused(&mut store, &second.id), UndoRefused::Already(7));
    assert_eq!(refused(&mut store, &old.id), UndoRefused::TooLate(5));
    assert_eq!(refused(&mut store, &visitor.id), UndoRefused::NotPaddle);
    assert_eq!(refused(&mut store, &undone.id), UndoRefused::NotPaddle);
    assert!(matches!(
        refused(&mut store, "nope"),
        UndoRefused::Unknown(_)
    ));
    assert_eq!(store.all(None).unwrap().len(), 6);

    // Totals count the entries that stand, once.
    let stats = store
        .stats("gala", now - chrono::Duration::hours(1), "HKD")
        .unwrap();
    assert_eq!(stats.event_count, 4);
    assert_eq!(stats.event_minor, 5_000_000 + 1_000_000 + 20_000 + 100_000);
    assert_eq!(
        store.paddle_levels("gala", "HKD").unwrap(),
        [
            LevelCount {
                amount_minor: 100_000,
                gifts: 1
            },
            LevelCount {
                amount_minor: 1_000_000,
                gifts: 1
            },
            LevelCount {
                amount_minor: 5_000_000,
                gifts: 1
            },
        ]
    );
    let listed: Vec<u32> = store
        .recent_paddles("gala", 10)
        .unwrap()
        .iter()
        .filter_map(|r| r.paddle)
        .collect();
    assert_eq!(listed, [5, 88, 7, 101]);
    assert_eq!(third.status, Status::Pending);

    // Paddle numbers are 1 to 99999.
    assert!(store.insert_paddle(&entry(0, 100, "paddles")).is_err());
    assert!(
        store
            .insert_paddle(&entry(100_000, 100, "paddles"))
            .is_err()
    );

    // The level being called survives a restart.
    assert_eq!(store.calling().unwrap(), None);
    let calling = Calling {
        level_minor: Some(5_000_000),
        since: Utc::now(),
    };
    store.set_calling(calling).unwrap();
    drop(store);
    let store = Store::open_in(dir.path()).unwrap();
    let back = store.calling().unwrap().unwrap();
    assert_eq!(back.level_minor, Some(5_000_000));
    assert!((back.since - calling.since).num_milliseconds().abs() < 1);
    let between = Calling {
        level_minor: None,
        since: Utc::now(),
    };
    store.set_calling(between).unwrap();
    assert_eq!(store.calling().unwrap().unwrap().level_minor, None);

    // The export carries the kind, the paddle and what a cancellation
    // undoes.
    let out = dir.path().join("out.csv");
    storykiosk::pledge::export::export_to(&store, &out, &storykiosk::pledge::store::Since::Start)
        .unwrap();
    let csv = std::fs::read_to_string(&out).unwrap();
    let mut reader = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let header = reader.headers().unwrap().clone();
    let at = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let cancellation = rows
        .iter()
        .find(|r| r[at("kind")] == *"cancellation")
        .unwrap();
    assert_eq!(&cancellation[at("cancels")], second.id);
    assert_eq!(&cancellation[at("paddle")], "7");
    let undone_row = rows.iter().find(|r| r[at("id")] == second.id).unwrap();
    assert_eq!(
        (&undone_row[at("kind")], &undone_row[at("status")]),
        ("paddle", "cancelled")
    );
    let visitor_row = rows.iter().find(|r| r[at("id")] == visitor.id).unwrap();
    assert_eq!(
        (&visitor_row[at("kind")], &visitor_row[at("paddle")]),
        ("kiosk", "")
    );
}

fn settings(dir: &tempfile::TempDir) -> KioskConfig {
    KioskConfig::load(&dir.path().join("kiosk.ron"))
        .unwrap()
        .unwrap()
}

fn sender(dir: &tempfile::TempDir) -> Sender {
    let settings = settings(dir);
    Sender::start(
        dir.path().to_path_buf(),
        settings.hub.unwrap(),
        KioskInfo {
            kiosk_id: settings.kiosk_id,
            event_id: settings.event_id,
            pack_id: "ijm-hk".into(),
            pack_version: "1".into(),
            started_at: Utc::now(),
            problem: None,
        },
        || {},
    )
    .unwrap()
}

/// Waits up to 60 s for the sender to have sent everything.
fn all_sent(sender: &Sender) {
    let start = Instant::now();
    while !(sender.state().connected && sender.state().waiting == 0) {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "{:?}",
            sender.state()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The event's count and sum as the hub's `event_total` gives them.
fn hub_total(client: &mut postgres::Client) -> (i64, i64) {
    let row = client
        .query_one(
            "SELECT pledges, sum_minor FROM storykiosk.event_total('gala', 'HKD')",
            &[],
        )
        .unwrap();
    (row.get(0), row.get(1))
}

#[test]
fn the_hub_total_stays_exact_whatever_order_entries_and_cancellations_arrive_in() {
    if !pg::available() {
        return;
    }
    let cluster: &Cluster = pg::shared();
    let db = cluster.new_database("paddle");
    let said = cluster.hub_ok(&db, &["hub", "init", &cluster.admin_url(&db)]);
    assert!(said.contains("now version 2 (it was 0)"), "{said}");
    let (door, _) = cluster.kiosk(&db, "door", "gala");
    let (paddles, _) = cluster.kiosk(&db, "paddles", "gala");
    let (late, _) = cluster.kiosk(&db, "late", "gala");

    // The paddle laptop: five paddles at two levels, one undone; the
    // level being called. The door: two visitors.
    let mut store = Store::open_in(paddles.path()).unwrap();
    let mut entries = Vec::new();
    for (paddle, amount) in [
        (11, 5_000_000),
        (12, 5_000_000),
        (13, 1_000_000),
        (14, 1_000_000),
        (15, 1_000_000),
    ] {
        entries.push(
            store
                .insert_paddle(&entry(paddle, amount, "paddles"))
                .unwrap(),
        );
    }
    store
        .undo_paddle(&entries[1].id, Utc::now())
        .unwrap()
        .unwrap();
    store
        .set_calling(Calling {
            level_minor: Some(1_000_000),
            since: Utc::now(),
        })
        .unwrap();
    let mut door_store = Store::open_in(door.path()).unwrap();
    door_store
        .insert(&pg::new_pledge(20_000, "door", "gala"))
        .unwrap();
    door_store
        .insert(&pg::new_pledge(30_000, "door", "gala"))
        .unwrap();
    let (paddle_sender, door_sender) = (sender(&paddles), sender(&door));
    all_sent(&paddle_sender);
    all_sent(&door_sender);

    let expected_sum = 5_000_000 + 3 * 1_000_000 + 20_000 + 30_000;
    let mut as_door = hub::connect(&settings(&door).hub.unwrap()).unwrap();
    assert_eq!(hub_total(&mut as_door), (6, expected_sum));
    let levels: Vec<(i64, i64)> = as_door
        .query(
            "SELECT amount_minor, gifts FROM storykiosk.event_levels('gala', 'HKD')",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    assert_eq!(levels, [(1_000_000, 3), (5_000_000, 1)]);
    let calling: Option<i64> = as_door
        .query_one(
            "SELECT amount_minor FROM storykiosk.event_calling('gala')",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(calling, Some(1_000_000));

    // A forged cancellation of another kiosk's entry, from the door's
    // role, takes nothing off.
    let forged = PledgeRow {
        id: uuid::Uuid::now_v7().to_string(),
        kind: Kind::Cancellation,
        cancels: Some(entries[0].id.clone()),
        seq: 99,
        ..entries[0].clone()
    };
    hub::send::send(&mut as_door, &[forged]).unwrap();
    assert_eq!(hub_total(&mut as_door), (6, expected_sum));

    // Another laptop's cancellation reaches the hub before its entry: the
    // entry never counts, whichever came first.
    let mut late_store = Store::open_in(late.path()).unwrap();
    let late_entry = late_store
        .insert_paddle(&entry(40, 700_000, "late"))
        .unwrap();
    let late_undo = late_store
        .undo_paddle(&late_entry.id, Utc::now())
        .unwrap()
        .unwrap();
    let late_entry = late_store.by_id(&late_entry.id).unwrap().unwrap();
    // As it was sent before it was undone.
    let late_entry_sent = PledgeRow {
        status: Status::Pending,
        ..late_entry
    };
    let mut as_late = hub::connect(&settings(&late).hub.unwrap()).unwrap();
    hub::send::send(&mut as_late, std::slice::from_ref(&late_undo)).unwrap();
    assert_eq!(hub_total(&mut as_late), (6, expected_sum));
    hub::send::send(&mut as_late, &[late_entry_sent]).unwrap();
    assert_eq!(hub_total(&mut as_late), (6, expected_sum));

    // The hub's export says what each kiosk's own export says.
    let rows = hub::admin::pledges(&mut cluster.admin(&db), Some("gala"), None).unwrap();
    let by_id = |id: &str| rows.iter().find(|r| r.id == id).unwrap();
    assert_eq!(by_id(&entries[1].id).status, Status::Cancelled);
    assert_eq!(
        by_id(late_undo.cancels.as_deref().unwrap()).status,
        Status::Cancelled
    );
    assert_eq!(by_id(&entries[0].id).status, Status::Pending);
    assert_eq!(
        (by_id(&entries[0].id).kind, by_id(&entries[0].id).paddle),
        (Kind::Paddle, Some(11))
    );
    let local: Vec<PledgeRow> = store.all(None).unwrap();
    for mine in &local {
        let theirs = by_id(&mine.id);
        assert_eq!(
            (
                theirs.kind,
                theirs.paddle,
                &theirs.cancels,
                theirs.status,
                theirs.amount_minor
            ),
            (
                mine.kind,
                mine.paddle,
                &mine.cancels,
                mine.status,
                mine.amount_minor
            ),
        );
    }

    // The big screen (the door kiosk's settings) shows the exact total,
    // the gifts at each level and the level being called; an undo on the
    // laptop takes its entry off.
    let rx = hub::total::watch(
        settings(&door).hub.unwrap(),
        door.path().to_path_buf(),
        TotalQuery {
            event_id: "gala".into(),
            currency: "HKD".into(),
            name_consent: None,
        },
        || {},
    )
    .unwrap();
    let shown = pg::reading(&rx, |t| {
        t.hub.is_some_and(|h| h.live) && t.stats.event_minor == expected_sum as u64
    });
    assert_eq!(shown.stats.event_count, 6);
    assert_eq!(
        (shown.gifts_at(1_000_000), shown.gifts_at(5_000_000)),
        (3, 1)
    );
    assert_eq!(shown.calling.and_then(|c| c.level_minor), Some(1_000_000));
    store
        .undo_paddle(&entries[4].id, Utc::now())
        .unwrap()
        .unwrap();
    paddle_sender.nudge();
    let after = pg::reading(&rx, |t| {
        t.stats.event_minor == expected_sum as u64 - 1_000_000
    });
    assert_eq!((after.stats.event_count, after.gifts_at(1_000_000)), (5, 2));
}

#[test]
fn a_hub_made_by_the_previous_version_is_brought_up_to_date_keeping_its_pledges() {
    if !pg::available() {
        return;
    }
    let cluster: &Cluster = pg::shared();
    let db = cluster.new_database("upgrade");
    let mut admin = cluster.admin(&db);
    assert_eq!(hub::schema::migrate_to(&mut admin, 1).unwrap(), (0, 1));
    // A pledge as a version-1 kiosk sent it (no kind, no paddle).
    admin
        .batch_execute(
            "INSERT INTO storykiosk.pledges (id, kiosk_role, kiosk_seq, reference, created_at,
                kiosk_id, event_id, pack_id, pack_version, locale, amount_minor, currency,
                currency_exponent, frequency, anonymous, consents, statement_version)
             VALUES (gen_random_uuid(), 'old_kiosk', 1, 'ABC123', now(), 'door', 'gala', 'p',
                '1', 'en', 25000, 'HKD', 2, 'one_time', false, '', '1')",
        )
        .unwrap();
    let said = cluster.hub_ok(&db, &["hub", "init", &cluster.admin_url(&db)]);
    assert!(said.contains("now version 2 (it was 1)"), "{said}");
    let (kiosk, joined) = cluster.kiosk(&db, "paddles", "gala");
    assert!(joined.contains("the link works"), "{joined}");
    let mut store = Store::open_in(kiosk.path()).unwrap();
    store.insert_paddle(&entry(3, 100_000, "paddles")).unwrap();
    all_sent(&sender(&kiosk));
    let mut as_kiosk = hub::connect(&settings(&kiosk).hub.unwrap()).unwrap();
    assert_eq!(hub_total(&mut as_kiosk), (2, 125_000));
    let kinds: Vec<String> = admin
        .query(
            "SELECT kind FROM storykiosk.pledges ORDER BY amount_minor",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(kinds, ["kiosk", "paddle"]);
}
