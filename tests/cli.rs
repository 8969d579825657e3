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
