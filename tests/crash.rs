//! Power-cut safety: a child process commits pledges in a loop and says so
//! after each commit; it is killed with SIGKILL at a random moment, 50 times.
//! Every pledge it reported as committed must be there, intact, and the
//! database must pass `PRAGMA integrity_check`.
//!
//! The child is this test binary run again with `STORYKIOSK_CRASH_CHILD` set.

#![allow(
    clippy::unwrap_used,
    reason = "helpers of tests: a failed step should panic"
)]
#![cfg(unix)]

use std::{
    io::{BufRead, BufReader, Write},
    process::{Command, Stdio},
    sync::mpsc,
    time::Duration,
};

use storykiosk::{
    content::{Frequency, Pack},
    pledge::{NewPledge, PledgeDraft, Store},
};

const CHILD_ENV: &str = "STORYKIOSK_CRASH_CHILD";
const ROUNDS: usize = 50;

/// The amount of the `n`th pledge of round `round`, so each row can be
/// checked for what it should hold.
fn amount(round: usize, n: usize) -> u64 {
    5000 + (round * 10_000 + n) as u64
}

#[test]
fn child_commits_pledges_until_killed() {
    let Ok(dir) = std::env::var(CHILD_ENV) else {
        return; // Only does anything as the child.
    };
    let round: usize = std::env::var("STORYKIOSK_CRASH_ROUND")
        .unwrap()
        .parse()
        .unwrap();
    let pack = Pack::bundled().unwrap();
    let options = &pack.pledge;
    let mut store = Store::open_in(std::path::Path::new(&dir)).unwrap();
    let mut out = std::io::stdout().lock();
    for n in 0.. {
        let pledge = PledgeDraft {
            amount_minor: Some(amount(round, n)),
            frequency: Some(Frequency::Monthly),
            name: format!("Donor {round}-{n} 陳"),
            email: format!("d{round}-{n}@example.hk"),
            ..PledgeDraft::default()
        }
        .validate(options)
        .unwrap();
        let row = store
            .insert(&NewPledge::on(&pack, pledge, "en", "crash", "crash"))
            .unwrap();
        // Only now, after the commit returned, is it "thanked for".
        writeln!(out, "committed {} {round} {n}", row.id).unwrap();
        out.flush().unwrap();
    }
}

/// A tiny xorshift generator: random kill times without another dependency.
fn next(seed: &mut u64) -> u64 {
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    *seed
}

#[test]
fn fifty_sigkills_lose_no_committed_pledge() {
    if std::env::var(CHILD_ENV).is_ok() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut seed = 0x5eed_1997_2022_u64 ^ u64::from(std::process::id());
    let mut committed: Vec<(String, usize, usize)> = Vec::new();
    for round in 0..ROUNDS {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "child_commits_pledges_until_killed",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_ENV, dir.path())
            .env("STORYKIOSK_CRASH_ROUND", round.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        // Wait for the child to be writing, then kill it at a random moment.
        let first = rx
            .recv_timeout(Duration::from_secs(30))
            .expect("the child never committed");
        let mut lines = vec![first];
        std::thread::sleep(Duration::from_millis(next(&mut seed) % 150));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        reader.join().unwrap();
        lines.extend(rx.try_iter());
        // Lines of the test harness itself are not reports.
        for line in lines.iter().filter_map(|l| l.strip_prefix("committed ")) {
            let parts: Vec<&str> = line.split(' ').collect();
            let [id, r, n] = parts[..] else {
                panic!("a garbled report: {line:?}");
            };
            committed.push((id.to_owned(), r.parse().unwrap(), n.parse().unwrap()));
        }
    }
    assert!(
        committed.len() > ROUNDS,
        "only {} pledges committed",
        committed.len()
    );
    let store = Store::open_in(dir.path()).unwrap();
    assert_eq!(store.integrity_check().unwrap(), "ok");
    for (id, round, n) in &committed {
        let row = store
            .by_id(id)
            .unwrap()
            .unwrap_or_else(|| panic!("pledge {id} was lost"));
        assert_eq!(row.amount_minor, amount(*round, *n));
        assert_eq!(
            row.name.as_deref(),
            Some(format!("Donor {round}-{n} 陳").as_str())
        );
        assert_eq!(
            row.email.as_deref(),
            Some(format!("d{round}-{n}@example.hk").as_str())
        );
        assert_eq!(row.frequency, Frequency::Monthly);
    }
    eprintln!(
        "{} pledges reported committed across {ROUNDS} SIGKILLs; all present, integrity ok; {} rows in the store",
        committed.len(),
        store.all(None).unwrap().len()
    );
}
