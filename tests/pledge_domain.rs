//! The pledge domain without a window: validation (with proptest over
//! hostile Unicode), money, and the SQLite store.

#![allow(
    clippy::unwrap_used,
    reason = "helpers of tests: a failed step should panic"
)]

mod common;

use common::SmallDisk;
use proptest::prelude::*;
use storykiosk::{
    content::{FieldRule, Frequency, Pack, PledgeOptions},
    pledge::{
        DraftField, FieldError, NewPledge, PledgeDraft, Status, Store,
        draft::{MAX_NAME_CHARS, clean},
        export,
        store::{Since, mask},
    },
};

fn options() -> PledgeOptions {
    Pack::bundled().unwrap().pledge
}

fn good_draft() -> PledgeDraft {
    PledgeDraft {
        amount_minor: Some(100_000),
        frequency: Some(Frequency::Monthly),
        name: "  Chan Tai Man ".into(),
        email: "tai.man@example.hk".into(),
        phone: "+852 9123 4567".into(),
        dedication: String::new(),
        anonymous: false,
        consents: ["email_updates".to_owned(), "made_up".to_owned()].into(),
    }
}

#[test]
fn a_good_draft_becomes_a_trimmed_pledge_with_the_statement_version() {
    let p = good_draft().validate(&options()).unwrap();
    assert_eq!(p.amount_minor, 100_000);
    assert_eq!(p.frequency, Frequency::Monthly);
    assert_eq!(p.name.as_deref(), Some("Chan Tai Man"));
    assert_eq!(p.dedication, None);
    assert_eq!(
        p.consents,
        ["email_updates"],
        "only consents the pack lists"
    );
    assert_eq!(p.statement_version, "2026-11");
    assert_eq!(good_draft().first_name().as_deref(), Some("Chan"));
}

#[test]
fn every_problem_is_reported_by_field_and_the_draft_is_untouched() {
    let opts = options();
    let draft = PledgeDraft {
        amount_minor: Some(100),
        frequency: None,
        name: "   ".into(),
        email: "not-an-email".into(),
        phone: "12ab".into(),
        ..PledgeDraft::default()
    };
    let before = draft.clone();
    let errors = draft.validate(&opts).unwrap_err();
    assert_eq!(draft, before);
    assert_eq!(
        errors.get(DraftField::Amount),
        Some(&FieldError::BelowMinimum { min_minor: 5000 })
    );
    assert_eq!(
        errors.get(DraftField::Frequency),
        Some(&FieldError::Required)
    );
    assert_eq!(errors.get(DraftField::Name), Some(&FieldError::Required));
    assert_eq!(
        errors.get(DraftField::Email),
        Some(&FieldError::InvalidEmail)
    );
    assert_eq!(
        errors.get(DraftField::Phone),
        Some(&FieldError::InvalidPhone)
    );
    let too_much = PledgeDraft {
        amount_minor: Some(opts.max_minor + 1),
        ..good_draft()
    };
    assert!(matches!(
        too_much
            .validate(&opts)
            .unwrap_err()
            .get(DraftField::Amount),
        Some(FieldError::AboveMaximum { .. })
    ));
}

#[test]
fn hidden_fields_are_never_kept_and_optional_ones_may_be_empty() {
    let mut opts = options();
    opts.donor_fields.phone = FieldRule::Hidden;
    opts.donor_fields.email = FieldRule::Optional;
    let draft = PledgeDraft {
        email: String::new(),
        ..good_draft()
    };
    let p = draft.validate(&opts).unwrap();
    assert_eq!((&p.phone, &p.email), (&None, &None));
    opts.donor_fields.allow_anonymous = false;
    let p = PledgeDraft {
        anonymous: true,
        ..good_draft()
    }
    .validate(&opts)
    .unwrap();
    assert!(!p.anonymous, "anonymous only where the pack offers it");
}

#[test]
fn control_characters_are_stripped_and_every_script_is_kept() {
    assert_eq!(clean("Chan\tTai\u{0}Man\u{1b}[31m\n"), "ChanTaiMan[31m");
    assert_eq!(clean("陳大文 👩‍👩‍👧 محمد"), "陳大文 👩‍👩‍👧 محمد");
    let p = PledgeDraft {
        name: "陳大文\u{7}".into(),
        ..good_draft()
    }
    .validate(&options())
    .unwrap();
    assert_eq!(p.name.as_deref(), Some("陳大文"));
}

#[test]
fn a_ten_thousand_character_name_is_refused_not_truncated() {
    let draft = PledgeDraft {
        name: "a".repeat(10_000),
        ..good_draft()
    };
    let errors = draft.validate(&options()).unwrap_err();
    assert_eq!(
        errors.get(DraftField::Name),
        Some(&FieldError::TooLong {
            max: MAX_NAME_CHARS
        })
    );
    assert_eq!(draft.name.len(), 10_000, "nothing typed is lost");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Any Unicode at all, of any length, never panics; what validates is
    /// clean, trimmed and within limits.
    #[test]
    fn arbitrary_text_never_panics_and_what_passes_is_clean(
        name in "\\PC{0,300}|[\\u{0}-\\u{1f}\\u{202e}\\u{200f}\\u{1F600}-\\u{1F64F}a-z ]{0,50}",
        email in "\\PC{0,80}",
        phone in "[0-9 +()\\-]{0,40}|\\PC{0,20}",
        dedication in "\\PC{0,400}",
        amount in proptest::option::of(any::<u64>()),
    ) {
        let draft = PledgeDraft {
            amount_minor: amount,
            frequency: Some(Frequency::OneTime),
            name, email, phone, dedication,
            ..PledgeDraft::default()
        };
        if let Ok(p) = draft.validate(&options()) {
            for v in [&p.name, &p.email, &p.phone, &p.dedication].into_iter().flatten() {
                prop_assert!(!v.chars().any(char::is_control));
                prop_assert_eq!(v.trim(), v.as_str());
                prop_assert!(!v.is_empty());
            }
            prop_assert!(p.name.as_ref().is_some_and(|n| n.chars().count() <= MAX_NAME_CHARS));
            prop_assert!(p.amount_minor >= 5000 && p.amount_minor <= 50_000_000);
        }
    }

    /// A valid pledge with any name survives the store exactly.
    #[test]
    fn any_valid_name_round_trips_through_the_store(name in "[\\p{L}\\p{M}\\p{N}\\p{So} '.-]{1,100}") {
        prop_assume!(!name.trim().is_empty());
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open_in(dir.path()).unwrap();
        let pledge = PledgeDraft { name: name.clone(), ..good_draft() }.validate(&options()).unwrap();
        let row = store.insert(&new_pledge(pledge)).unwrap();
        prop_assert_eq!(row.name.as_deref(), Some(name.trim()));
    }
}

fn new_pledge(pledge: storykiosk::pledge::ValidPledge) -> NewPledge {
    NewPledge {
        public_name: None,
        ..NewPledge::on(&Pack::bundled().unwrap(), pledge, "zh-HK", "door-1", "gala")
    }
}

#[test]
fn a_new_store_is_migrated_in_wal_mode_and_private() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_in(&dir.path().join("made/for/us")).unwrap();
    assert_eq!(store.schema_version().unwrap(), 7);
    assert_eq!(store.journal_mode().unwrap(), "wal");
    assert_eq!(store.integrity_check().unwrap(), "ok");
    drop(store);
    // Opening again migrates nothing and keeps the data.
    let store = Store::open_in(&dir.path().join("made/for/us")).unwrap();
    assert_eq!(store.schema_version().unwrap(), 7);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.path().join("made/for/us/pledges.sqlite"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

#[test]
fn every_field_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in(dir.path()).unwrap();
    let pledge = PledgeDraft {
        dedication: "For Mum 💐".into(),
        anonymous: true,
        ..good_draft()
    }
    .validate(&options())
    .unwrap();
    let stored = store.insert(&new_pledge(pledge.clone())).unwrap();
    let back = store.by_id(&stored.id).unwrap().unwrap();
    assert_eq!(back, stored);
    assert_eq!(
        uuid::Uuid::parse_str(&back.id).unwrap().get_version_num(),
        7
    );
    assert_eq!(back.reference.len(), 7);
    assert!((chrono::Utc::now() - back.created_at).num_seconds().abs() < 60);
    assert_eq!(
        (back.kiosk_id.as_str(), back.event_id.as_str()),
        ("door-1", "gala")
    );
    assert_eq!(
        (back.pack_id.as_str(), back.pack_version.as_str()),
        ("ijm-hk-25", "1.0.0")
    );
    assert_eq!(back.locale, "zh-HK");
    assert_eq!(
        (back.amount_minor, back.currency.as_str()),
        (100_000, "HKD")
    );
    assert_eq!(back.frequency, Frequency::Monthly);
    assert_eq!(back.name.as_deref(), Some("Chan Tai Man"));
    assert_eq!(back.email.as_deref(), Some("tai.man@example.hk"));
    assert_eq!(back.phone.as_deref(), Some("+852 9123 4567"));
    assert_eq!(back.dedication.as_deref(), Some("For Mum 💐"));
    assert!(back.anonymous);
    assert_eq!(back.consents, ["email_updates"]);
    assert_eq!(back.statement_version, "2026-11");
    assert_eq!(back.status, Status::Pending);
    assert!(
        !format!("{back:?}").contains("Tai Man"),
        "Debug masks the name"
    );
    assert_eq!(mask("Chan Tai Man"), "C*** T** M**");
}

#[test]
fn stats_count_today_and_this_event() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in(dir.path()).unwrap();
    for amount in [30_000, 50_000] {
        let p = PledgeDraft {
            amount_minor: Some(amount),
            ..good_draft()
        }
        .validate(&options())
        .unwrap();
        store.insert(&new_pledge(p)).unwrap();
    }
    let mut other = new_pledge(good_draft().validate(&options()).unwrap());
    other.event_id = "another-night".into();
    store.insert(&other).unwrap();
    let s = store
        .stats("gala", storykiosk::pledge::worker::local_day_start(), "HKD")
        .unwrap();
    assert_eq!((s.event_count, s.event_minor), (2, 80_000));
    assert_eq!((s.today_count, s.today_minor), (3, 180_000));
    assert_eq!(store.recent(2).unwrap().len(), 2);
}

#[test]
fn a_reader_works_while_a_writer_writes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pledges.sqlite");
    let mut writer = Store::open(&path).unwrap();
    writer
        .insert(&new_pledge(good_draft().validate(&options()).unwrap()))
        .unwrap();
    let reader_path = path.clone();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let stop_reader = stop.clone();
    let reader = std::thread::spawn(move || {
        let reader = Store::open_read_only(&reader_path).unwrap();
        let mut seen = Vec::new();
        while !stop_reader.load(std::sync::atomic::Ordering::Relaxed) {
            seen.push(
                reader
                    .stats("gala", chrono::DateTime::UNIX_EPOCH, "HKD")
                    .unwrap()
                    .event_count,
            );
        }
        seen
    });
    for _ in 0..50 {
        writer
            .insert(&new_pledge(good_draft().validate(&options()).unwrap()))
            .unwrap();
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let seen = reader.join().unwrap();
    assert!(!seen.is_empty());
    assert!(
        seen.windows(2).all(|w| w[0] <= w[1]),
        "counts never go back"
    );
    assert!(seen.iter().all(|&c| (1..=51).contains(&c)));
}

#[test]
fn export_writes_every_field_privately_and_then_only_what_is_new() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in(dir.path()).unwrap();
    let empty = dir.path().join("empty.csv");
    assert_eq!(
        export::export_to(&store, &empty, &Since::Start).unwrap().0,
        0
    );
    assert_eq!(
        std::fs::read_to_string(&empty).unwrap().trim_end(),
        format!("\u{feff}{}", export::HEADER.join(","))
    );

    let evil = PledgeDraft {
        name: "=HYPERLINK(\"http://x\")".into(),
        ..good_draft()
    };
    store
        .insert(&new_pledge(evil.validate(&options()).unwrap()))
        .unwrap();
    let out = dir.path().join("all.csv");
    let (rows, last) = export::export_to(&store, &out, &Since::Start).unwrap();
    assert_eq!(rows, 1);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("'=HYPERLINK"), "{text}");
    assert!(text.contains("1000.00") && text.contains("monthly") && text.contains("2026-11"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&out).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    store
        .record_export(&last.unwrap(), rows, "all.csv")
        .unwrap();
    store
        .insert(&new_pledge(good_draft().validate(&options()).unwrap()))
        .unwrap();
    let (new_rows, _) = export::export_to(
        &store,
        &dir.path().join("new.csv"),
        &Since::Export(store.last_export().unwrap().unwrap()),
    )
    .unwrap();
    assert_eq!(new_rows, 1);
}

/// A store from before schema 3 (no exponent per pledge) is brought up to
/// date with each row's exponent from ISO 4217: yen have none, dinars
/// three, and a code ISO 4217 does not list keeps the 2 older exports used.
#[test]
fn older_stores_get_each_pledges_exponent_from_iso_4217() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pledges.sqlite");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(
            "CREATE TABLE pledges (
                id TEXT PRIMARY KEY, reference TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL,
                kiosk_id TEXT NOT NULL, event_id TEXT NOT NULL, pack_id TEXT NOT NULL,
                pack_version TEXT NOT NULL, locale TEXT NOT NULL,
                amount_minor INTEGER NOT NULL CHECK (amount_minor > 0), currency TEXT NOT NULL,
                frequency TEXT NOT NULL, donor_name TEXT, donor_email TEXT, donor_phone TEXT,
                dedication TEXT, anonymous INTEGER NOT NULL, consents TEXT NOT NULL,
                statement_version TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'pending');
            CREATE TABLE exports (id INTEGER PRIMARY KEY, exported_at TEXT NOT NULL,
                up_to TEXT NOT NULL, rows INTEGER NOT NULL, destination TEXT NOT NULL);
            ALTER TABLE pledges ADD COLUMN sealed BLOB;
            ALTER TABLE pledges ADD COLUMN public_name TEXT;
            PRAGMA user_version = 2;",
        )
        .unwrap();
        for (i, currency) in ["HKD", "JPY", "KWD", "XYZ"].iter().enumerate() {
            conn.execute(
                "INSERT INTO pledges VALUES (?1, ?2, '2026-11-26T19:00:00.000000Z', 'k', 'e', 'p',
                 '1', 'en', 1000, ?3, 'one_time', NULL, NULL, NULL, NULL, 0, '', 's', 'pending',
                 NULL, NULL)",
                rusqlite::params![format!("id{i}"), format!("REF{i}"), currency],
            )
            .unwrap();
        }
        // An export made then, and a pledge after it.
        conn.execute_batch(
            "INSERT INTO exports (exported_at, up_to, rows, destination)
                 VALUES ('2026-11-26T19:05:00Z', '2026-11-26T19:00:00.000000Z', 4, 'x.csv');
             INSERT INTO pledges VALUES ('id9', 'REF9', '2026-11-26T19:10:00.000000Z', 'k', 'e',
                 'p', '1', 'en', 500, 'HKD', 'one_time', NULL, NULL, NULL, NULL, 0, '', 's',
                 'pending', NULL, NULL);",
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), 7);
    // Numbered in the order of their times; the old export reached the
    // fourth, so the one after it is new.
    let mark = store.last_export().unwrap().unwrap();
    assert_eq!(mark.up_to_seq, 4);
    let new: Vec<_> = store.select(&Since::Export(mark)).unwrap();
    assert_eq!(
        new.iter()
            .map(|p| (p.seq, p.reference.as_str()))
            .collect::<Vec<_>>(),
        [(5, "REF9")]
    );
    let exponents: Vec<(String, u8)> = store
        .all(None)
        .unwrap()
        .into_iter()
        .map(|p| (p.currency.clone(), p.currency_exponent))
        .collect();
    assert_eq!(
        exponents,
        [
            ("HKD".to_owned(), 2),
            ("JPY".to_owned(), 0),
            ("KWD".to_owned(), 3),
            ("XYZ".to_owned(), 2),
            ("HKD".to_owned(), 2)
        ]
    );
}

/// A kiosk whose clock steps back (a board that restores an old time after
/// a power cut) stamps new pledges earlier than the last export; "new since
/// the last export" must still bring them, and only them.
#[test]
fn pledges_made_after_the_clock_went_back_are_in_the_next_new_export() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in(dir.path()).unwrap();
    let pledge = || new_pledge(good_draft().validate(&options()).unwrap());
    let evening = chrono::Utc::now();
    store.insert_at(&pledge(), evening).unwrap();
    let first = dir.path().join("first.csv");
    let (rows, last) = export::export_to(&store, &first, &Since::Start).unwrap();
    assert_eq!(rows, 1);
    store
        .record_export(&last.unwrap(), rows, "first.csv")
        .unwrap();
    // The power comes back with last week's time.
    let last_week = evening - chrono::Duration::days(7);
    let late = store.insert_at(&pledge(), last_week).unwrap();
    let later = store
        .insert_at(&pledge(), last_week + chrono::Duration::seconds(30))
        .unwrap();
    let second = dir.path().join("second.csv");
    let since = Since::Export(store.last_export().unwrap().unwrap());
    let (rows, _) = export::export_to(&store, &second, &since).unwrap();
    let text = std::fs::read_to_string(&second).unwrap();
    assert_eq!(rows, 2, "{text}");
    assert!(
        text.contains(&late.reference) && text.contains(&later.reference),
        "{text}"
    );
}

/// A USB stick can arrive with a symbolic link planted at the export's
/// name, pointing at the kiosk's own store: the export must refuse it and
/// leave the target as it was, and never replace any file already there.
#[test]
fn an_export_never_follows_a_link_nor_replaces_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in(dir.path()).unwrap();
    store
        .insert(&new_pledge(good_draft().validate(&options()).unwrap()))
        .unwrap();
    let stick = tempfile::tempdir().unwrap();
    let precious = dir.path().join("pledges.sqlite");
    let before = std::fs::read(&precious).unwrap();
    let planted = stick.path().join("pledges.csv");
    std::os::unix::fs::symlink(&precious, &planted).unwrap();
    let err = export::export_to(&store, &planted, &Since::Start).unwrap_err();
    assert!(err.to_string().contains("already exists"), "{err}");
    assert_eq!(std::fs::read(&precious).unwrap(), before);
    assert!(std::fs::symlink_metadata(&planted).unwrap().is_symlink());

    let earlier = stick.path().join("earlier.csv");
    std::fs::write(&earlier, "an earlier export").unwrap();
    assert!(export::export_to(&store, &earlier, &Since::Start).is_err());
    assert_eq!(
        std::fs::read_to_string(&earlier).unwrap(),
        "an earlier export"
    );
    // Nothing half-made is left beside them.
    let names: Vec<_> = std::fs::read_dir(stick.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

/// Two exports in the same second get two files, each whole.
#[test]
fn exports_in_the_same_second_each_get_their_own_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in(dir.path()).unwrap();
    let made = store
        .insert(&new_pledge(good_draft().validate(&options()).unwrap()))
        .unwrap();
    let stick = tempfile::tempdir().unwrap();
    let now = chrono::Local::now();
    let name = export::file_name("door-1", now);
    let mut paths = Vec::new();
    for _ in 0..3 {
        let (path, rows, _) =
            export::export_into(&store, stick.path(), &name, &Since::Start).unwrap();
        assert_eq!(rows, 1);
        paths.push(path);
    }
    paths.sort();
    paths.dedup();
    assert_eq!(paths.len(), 3, "{paths:?}");
    for path in &paths {
        let text = std::fs::read_to_string(path).unwrap();
        assert!(text.contains(&made.reference), "{}: {text}", path.display());
    }
}

/// A stick that fills up mid-export leaves no file under the export's
/// name (nothing half-written to mistake for the whole), and no temporary
/// file either; with room again, the same export succeeds.
#[test]
fn a_full_stick_leaves_no_half_written_export() {
    let Some(disk) = SmallDisk::mount("16k") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in(dir.path()).unwrap();
    for _ in 0..200 {
        store
            .insert(&new_pledge(good_draft().validate(&options()).unwrap()))
            .unwrap();
    }
    let out = disk.path().join("pledges.csv");
    let err = export::export_to(&store, &out, &Since::Start).unwrap_err();
    assert!(err.to_string().contains("No space left"), "{err}");
    let left: Vec<_> = std::fs::read_dir(disk.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(left.is_empty(), "{left:?}");
    drop(disk);
    let roomy = tempfile::tempdir().unwrap();
    let out = roomy.path().join("pledges.csv");
    assert_eq!(
        export::export_to(&store, &out, &Since::Start).unwrap().0,
        200
    );
}

/// Once a store has held sealed pledges it refuses details in the clear,
/// whatever the settings say, until staff seal again (a sealed pledge) or
/// turn sealing off on purpose.
#[test]
fn a_store_that_held_sealed_pledges_refuses_clear_details_until_staff_decide() {
    use storykiosk::pledge::seal::Identity;
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in(dir.path()).unwrap();
    let office = Identity::generate().unwrap();
    let clear = || new_pledge(good_draft().validate(&options()).unwrap());
    let sealed = || NewPledge {
        seal_to: Some(office.recipient()),
        ..clear()
    };
    // A store that never sealed takes details in the clear.
    store.insert(&clear()).unwrap();
    store.insert(&sealed()).unwrap();
    let err = store.insert(&clear()).unwrap_err();
    assert!(err.to_string().contains("holds sealed pledges"), "{err}");
    assert_eq!(store.all(None).unwrap().len(), 2);
    // The rule is the file's, not this connection's.
    drop(store);
    let mut store = Store::open_in(dir.path()).unwrap();
    assert!(store.sealing_required().unwrap());
    assert!(store.insert(&clear()).is_err());
    store.turn_sealing_off().unwrap();
    store.insert(&clear()).unwrap();
    // Sealing again makes it the rule again.
    store.insert(&sealed()).unwrap();
    assert!(store.insert(&clear()).is_err());
    assert_eq!(store.all(None).unwrap().len(), 4);
}

/// The sealed details carry their pledge's id: swapped into another row
/// (of the store or of an export), they are refused at the office rather
/// than opened as that pledge's donor.
#[test]
fn sealed_details_swapped_into_another_pledge_are_refused() {
    use storykiosk::pledge::seal::Identity;
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in(dir.path()).unwrap();
    let office = Identity::generate().unwrap();
    let sealed = |name: &str| NewPledge {
        seal_to: Some(office.recipient()),
        ..new_pledge(
            PledgeDraft {
                name: name.into(),
                ..good_draft()
            }
            .validate(&options())
            .unwrap(),
        )
    };
    let chan = store.insert(&sealed("Chan Tai Man")).unwrap();
    let lee = store.insert(&sealed("Lee Ka Yan")).unwrap();
    let mut csv = Vec::new();
    export::write_csv(&mut csv, &store.all(None).unwrap()).unwrap();
    let (chan_cell, lee_cell) = (
        storykiosk::pledge::seal::base64::encode_padded(chan.sealed.as_deref().unwrap()),
        storykiosk::pledge::seal::base64::encode_padded(lee.sealed.as_deref().unwrap()),
    );
    let text = String::from_utf8(csv)
        .unwrap()
        .replace(&chan_cell, "CHAN")
        .replace(&lee_cell, &chan_cell)
        .replace("CHAN", &lee_cell);
    let mut out = Vec::new();
    let report =
        export::open_sealed(std::slice::from_ref(&office), text.as_bytes(), &mut out).unwrap();
    assert_eq!(report.opened, 0, "{report:?}");
    assert_eq!(report.failed.len(), 2);
    assert!(report.failed[0].1.contains("another pledge"), "{report:?}");
    let out = String::from_utf8(out).unwrap();
    assert!(!out.contains("Chan Tai Man") && !out.contains("Lee Ka Yan"));
    // Unswapped, both open.
    let mut csv = Vec::new();
    export::write_csv(&mut csv, &store.all(None).unwrap()).unwrap();
    let report =
        export::open_sealed(std::slice::from_ref(&office), csv.as_slice(), Vec::new()).unwrap();
    assert_eq!(report.opened, 2, "{report:?}");
}

/// Waits for the writer's next reply.
fn next_reply(writer: &storykiosk::pledge::Writer) -> storykiosk::pledge::Reply {
    let start = std::time::Instant::now();
    loop {
        if let Some(reply) = writer.try_recv() {
            return reply;
        }
        assert!(start.elapsed().as_secs() < 30, "no reply from the store");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}

/// A store found damaged when the writer opens it again mid-event (after a
/// failed request) is set aside and a fresh one started, as at start, and
/// the staff hear of it the same way: nothing is dropped silently.
#[test]
fn a_store_set_aside_mid_event_is_reported() {
    use storykiosk::pledge::{Reply, Request, Writer, seal::Identity};
    let dir = tempfile::tempdir().unwrap();
    let writer = Writer::start(dir.path().to_path_buf(), || {}).unwrap();
    assert!(matches!(next_reply(&writer), Reply::Opened(Ok(o)) if o.set_aside.is_none()));
    let office = Identity::generate().unwrap();
    let pledge = |seal: bool| Request::Insert {
        ticket: 1,
        pledge: Box::new(NewPledge {
            seal_to: seal.then(|| office.recipient()),
            ..new_pledge(good_draft().validate(&options()).unwrap())
        }),
    };
    writer.send(pledge(true));
    assert!(matches!(
        next_reply(&writer),
        Reply::Inserted { result: Ok(_), .. }
    ));
    // A failed request (here a clear pledge the store refuses) makes the
    // writer open the store again for the next one ...
    writer.send(pledge(false));
    assert!(matches!(
        next_reply(&writer),
        Reply::Inserted { result: Err(_), .. }
    ));
    // ... by which time the disk has damaged it.
    std::fs::write(dir.path().join("pledges.sqlite"), vec![0x5a; 8192]).unwrap();
    writer.send(pledge(true));
    let mut aside = None;
    loop {
        match next_reply(&writer) {
            Reply::Opened(Ok(opened)) => aside = opened.set_aside,
            Reply::Inserted { result, .. } => {
                assert!(result.is_ok(), "{result:?}");
                break;
            }
            other => panic!("{other:?}"),
        }
    }
    let aside = aside.expect("the set-aside store was not reported");
    assert!(aside.exists(), "{}", aside.display());
}

/// No `{:?}` (a log line, a panic message) prints a donor's details: every
/// type that holds them masks them.
#[test]
fn debug_output_never_shows_a_donors_details() {
    use storykiosk::{
        pledge::Request,
        screens::{
            Action,
            pledge::{PledgeScreen, Step, Thanks},
        },
    };
    let draft = PledgeDraft {
        name: "Chan Tai Man".into(),
        email: "taiman.chan@example.hk".into(),
        phone: "+852 9123 4567".into(),
        dedication: "For my mother Mei Ling".into(),
        ..good_draft()
    };
    let valid = draft.validate(&options()).unwrap();
    let new = NewPledge {
        public_name: Some("Chan".into()),
        ..new_pledge(valid.clone())
    };
    let mut screen = PledgeScreen::new(None);
    screen.draft = draft.clone();
    let mut thanked = PledgeScreen::new(None);
    thanked.step = Step::Thanks(Box::new(Thanks {
        first_name: Some("Chan".into()),
        amount_minor: 100_000,
        reference: "ABC-123".into(),
        shown_at: 0.0,
    }));
    let printed = [
        format!("{draft:?}"),
        format!("{valid:?}"),
        format!("{new:?}"),
        format!(
            "{:?}",
            Request::Insert {
                ticket: 1,
                pledge: Box::new(new.clone())
            }
        ),
        format!("{:?}", Action::SubmitPledge(Box::new(valid.clone()))),
        format!("{screen:?}"),
        format!("{thanked:?}"),
    ];
    for text in &printed {
        for secret in [
            "Chan",
            "Tai Man",
            "taiman",
            "example.hk",
            "9123",
            "4567",
            "Mei Ling",
            "mother",
        ] {
            assert!(!text.contains(secret), "{secret:?} in {text}");
        }
    }
    // What is not personal still shows, for debugging.
    assert!(printed[1].contains("100000"), "{}", printed[1]);
}

/// Excel opens a CSV as UTF-8 only with a byte-order mark (without it a
/// Chinese name shows as mojibake on a Traditional Chinese Windows), and
/// wants Windows line ends; the export has both, and the office's
/// `decrypt` reads exports with the mark and without (older ones).
#[test]
fn exports_open_in_excel_as_utf8() {
    use storykiosk::pledge::seal::Identity;
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in(dir.path()).unwrap();
    let office = Identity::generate().unwrap();
    let chinese = PledgeDraft {
        name: "陳大文".into(),
        ..good_draft()
    };
    store
        .insert(&new_pledge(chinese.validate(&options()).unwrap()))
        .unwrap();
    store
        .insert(&NewPledge {
            seal_to: Some(office.recipient()),
            ..new_pledge(chinese.validate(&options()).unwrap())
        })
        .unwrap();
    let out = dir.path().join("export.csv");
    export::export_to(&store, &out, &Since::Start).unwrap();
    let bytes = std::fs::read(&out).unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBFid,reference,"),
        "{:?}",
        &bytes[..8]
    );
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.contains("陳大文"));
    assert_eq!(text.matches("\r\n").count(), 3, "{text}");
    for input in [
        text.as_bytes(),
        text.trim_start_matches('\u{feff}').as_bytes(),
    ] {
        let mut opened = Vec::new();
        let report =
            export::open_sealed(std::slice::from_ref(&office), input, &mut opened).unwrap();
        assert_eq!((report.rows, report.opened), (2, 1), "{report:?}");
        assert!(opened.starts_with(b"\xEF\xBB\xBFid,"));
        assert_eq!(
            String::from_utf8(opened).unwrap().matches("陳大文").count(),
            2
        );
    }
}
