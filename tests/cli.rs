//! The staff commands of the binary: `set-pin` stores only a hash.

#![allow(
    clippy::unwrap_used,
    reason = "helpers of tests: a failed step should panic"
)]

use std::{
    io::Write,
    process::{Command, Stdio},
};

use storykiosk::config::KioskConfig;

fn set_pin(args: &[&str], pin: &str) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_storykiosk"))
        .args(args)
        .arg("set-pin")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{pin}\n").as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn set_pin_writes_an_argon2_hash_into_the_data_dir() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let out = set_pin(&["--data-dir", data.to_str().unwrap()], "2468");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let path = data.join("kiosk.ron");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("$argon2id$") && !text.contains("2468"),
        "{text}"
    );
    let config = KioskConfig::load(&path).unwrap().unwrap();
    assert!(config.verify_pin("2468"));

    // Setting it again keeps the kiosk and event ids.
    let mut edited = config.clone();
    edited.event_id = "gala-2026".to_owned();
    edited.save(&path).unwrap();
    let out = set_pin(&["--config", path.to_str().unwrap()], "97531");
    assert!(out.status.success());
    let config = KioskConfig::load(&path).unwrap().unwrap();
    assert_eq!(config.event_id, "gala-2026");
    assert!(config.verify_pin("97531") && !config.verify_pin("2468"));
}

#[test]
fn set_pin_refuses_a_bad_pin_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    for pin in ["12", "abcd", ""] {
        let out = set_pin(&["--data-dir", dir.path().to_str().unwrap()], pin);
        assert!(!out.status.success(), "{pin:?} was accepted");
        assert!(String::from_utf8_lossy(&out.stderr).contains("4 to 12 digits"));
    }
    assert!(!dir.path().join("kiosk.ron").exists());
}

fn storykiosk(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_storykiosk"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn pledges_export_and_stats_from_the_command_line() {
    use storykiosk::{
        content::{Frequency, Pack},
        pledge::{NewPledge, PledgeDraft, Store},
    };
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    let out = dir.path().join("empty.csv");

    // No store yet: a header-only CSV, and stats say so.
    let o = storykiosk(&[
        "pledges",
        "export",
        "--out",
        out.to_str().unwrap(),
        "--data-dir",
        data,
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(std::fs::read_to_string(&out).unwrap().lines().count(), 1);

    let options = Pack::bundled().unwrap().pledge;
    let mut store = Store::open_in(dir.path()).unwrap();
    for amount in [30_000u64, 100_000] {
        let pledge = PledgeDraft {
            amount_minor: Some(amount),
            frequency: Some(Frequency::OneTime),
            name: "Wong Siu Ming".into(),
            email: "sm@example.hk".into(),
            ..PledgeDraft::default()
        }
        .validate(&options)
        .unwrap();
        store
            .insert(&NewPledge {
                pledge,
                kiosk_id: "k".into(),
                event_id: "event".into(),
                pack_id: "ijm-hk-25".into(),
                pack_version: "1.0.0".into(),
                locale: "en".into(),
                currency: "HKD".into(),
            })
            .unwrap();
    }
    let all = dir.path().join("all.csv");
    let o = storykiosk(&[
        "pledges",
        "export",
        "--out",
        all.to_str().unwrap(),
        "--data-dir",
        data,
    ]);
    assert!(o.status.success());
    assert_eq!(std::fs::read_to_string(&all).unwrap().lines().count(), 3);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&all).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    // Since the last export: nothing new.
    let new = dir.path().join("new.csv");
    let o = storykiosk(&[
        "pledges",
        "export",
        "--out",
        new.to_str().unwrap(),
        "--since",
        "last-export",
        "--data-dir",
        data,
    ]);
    assert!(o.status.success());
    assert_eq!(std::fs::read_to_string(&new).unwrap().lines().count(), 1);
    let o = storykiosk(&[
        "pledges",
        "export",
        "--out",
        new.to_str().unwrap(),
        "--since",
        "2000-01-01",
        "--data-dir",
        data,
    ]);
    assert!(o.status.success());
    assert_eq!(std::fs::read_to_string(&new).unwrap().lines().count(), 3);
    let o = storykiosk(&[
        "pledges",
        "export",
        "--out",
        new.to_str().unwrap(),
        "--since",
        "yesterday-ish",
        "--data-dir",
        data,
    ]);
    assert!(!o.status.success());

    let o = storykiosk(&["pledges", "stats", "--data-dir", data]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("event event: 2 pledge(s), 130000"), "{text}");
}
