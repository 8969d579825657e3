//! The guest side of `scripts/power-cut.sh`: runs inside a virtual machine
//! whose power the host cuts at random moments.
//!
//!   power_cut_guest DATA_DIR
//!
//! First it reports what survived the last cut: SQLite's integrity check of
//! the pledge store in DATA_DIR and the reference of every pledge in it
//! (`CHECK …`, `HAVE …` lines). Then it takes pledges for ever through the
//! kiosk's own store thread (`storykiosk::pledge::Writer`, as the app does)
//! and prints `ACK <reference>` the moment each is committed, which is the
//! moment the kiosk would show the thank-you. Its output goes to the
//! machine's serial console, which the host keeps.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test program: a failure should stop it loudly"
)]

use std::{io::Write, path::PathBuf, time::Duration};

use storykiosk::{
    content::{Frequency, Pack},
    pledge::{NewPledge, PledgeDraft, Reply, Request, Store, Writer, store::STORE_FILE},
};

fn main() {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .expect("usage: power_cut_guest DATA_DIR"),
    );
    let mut out = std::io::stdout().lock();
    let path = dir.join(STORE_FILE);
    if path.exists() {
        // Opened as the kiosk opens it at start (the WAL recovered).
        let store = Store::open(&path).expect("the store does not open");
        writeln!(out, "CHECK integrity={}", store.integrity_check().unwrap()).unwrap();
        let rows = store.all(None).unwrap();
        writeln!(out, "CHECK rows={}", rows.len()).unwrap();
        for row in rows {
            writeln!(out, "HAVE {}", row.reference).unwrap();
        }
    } else {
        writeln!(out, "CHECK integrity=none rows=0").unwrap();
    }
    writeln!(out, "CHECK done").unwrap();
    out.flush().unwrap();

    let pack = Pack::bundled().expect("the bundled pack");
    let options = &pack.pledge;
    let writer = Writer::start(dir, || {}).unwrap();
    let mut ticket = 0u64;
    loop {
        ticket += 1;
        let pledge = PledgeDraft {
            amount_minor: Some(10_000 + (ticket % 90) * 1000),
            frequency: Some(Frequency::OneTime),
            name: format!("Visitor {ticket}"),
            email: format!("visitor{ticket}@example.hk"),
            ..PledgeDraft::default()
        }
        .validate(options)
        .unwrap();
        writer.send(Request::Insert {
            ticket,
            pledge: Box::new(NewPledge::on(&pack, pledge, "en", "power-cut", "power-cut")),
        });
        loop {
            match writer.try_recv() {
                Some(Reply::Inserted {
                    result: Ok(row), ..
                }) => {
                    writeln!(out, "ACK {}", row.reference).unwrap();
                    out.flush().unwrap();
                    break;
                }
                Some(Reply::Inserted { result: Err(e), .. }) => {
                    writeln!(out, "FAILED {e}").unwrap();
                    break;
                }
                Some(_) => {}
                None => std::thread::sleep(Duration::from_millis(1)),
            }
        }
    }
}
