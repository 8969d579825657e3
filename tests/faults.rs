//! Faults a kiosk meets: a full disk, a read-only data folder, a damaged
//! store file, and a content pack changed (or broken) while it runs.
//!
//! The disk tests mount a small tmpfs, which needs root (or passwordless
//! sudo). Without it they are skipped with a message, except on CI
//! (CI=true), where they must run.

#![allow(clippy::unwrap_used, reason = "a test: a failed step should panic")]

mod common;

use std::{
    fs,
    path::{Path, PathBuf},
    process::Command,
    time::Duration,
};

use common::kiosk::{self, LANDSCAPE, button, settle, step_until, type_on_keys, wait_for_store};
use egui::Role;
use egui_kittest::{Harness, kittest::Queryable};
use storykiosk::{
    app::KioskApp,
    config::KioskConfig,
    content,
    pledge::{Store, store::STORE_FILE},
    screens::{Mode, ScreenId, pledge::Step},
};

type H = Harness<'static, KioskApp>;

/// A tmpfs mounted for the length of a test.
struct Mount(PathBuf);

impl Mount {
    /// Mounts a tmpfs of `size` (e.g. "1m") with `opts` at `dir`. `None`
    /// where this machine does not allow it (and we are not on CI).
    fn tmpfs(dir: &Path, size: &str, opts: &str) -> Option<Mount> {
        let options = format!("size={size},mode=0755{opts}");
        let args = ["mount", "-t", "tmpfs", "-o", &options, "tmpfs"];
        let root = Command::new("id").arg("-u").output().ok()?;
        let ok = if String::from_utf8_lossy(&root.stdout).trim() == "0" {
            Command::new(args[0]).args(&args[1..]).arg(dir).status()
        } else {
            Command::new("sudo").arg("-n").args(args).arg(dir).status()
        }
        .is_ok_and(|s| s.success());
        if ok {
            Some(Mount(dir.to_path_buf()))
        } else if std::env::var("CI").as_deref() == Ok("true") {
            panic!(
                "cannot mount a tmpfs at {}: CI must run this test as root",
                dir.display()
            );
        } else {
            eprintln!("skipped: mounting a tmpfs needs root or passwordless sudo");
            None
        }
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let umount = |cmd: &mut Command| cmd.arg("-l").arg(&self.0).status();
        let _ = umount(&mut Command::new("umount"))
            .ok()
            .filter(|s| s.success())
            .or_else(|| umount(Command::new("sudo").args(["-n", "umount"])).ok());
    }
}

/// From the attract loop to the review step of a HK$1,000 pledge.
fn fill_pledge(h: &mut H, name: &str) {
    h.get_by_label("Touch the screen to begin").click();
    settle(h);
    button(h, "Pledge");
    button(h, "HK$1,000");
    button(h, "Next");
    for (field, text) in [("Name", name), ("Email", "ann@ex.hk")] {
        h.get_by_role_and_label(Role::TextInput, field).click();
        h.run();
        type_on_keys(h, text);
        button(h, "Done");
    }
    button(h, "Next");
}

fn thanked(h: &H) -> bool {
    matches!(h.state().visitor().pledge.step, Step::Thanks(_))
}

fn rows(dir: &Path) -> usize {
    Store::open_read_only(&dir.join(STORE_FILE))
        .unwrap()
        .all(None)
        .unwrap()
        .len()
}

#[test]
fn a_full_disk_shows_the_staff_message_and_pledging_works_once_there_is_space() {
    let tmp = tempfile::tempdir().unwrap();
    let Some(_mount) = Mount::tmpfs(tmp.path(), "2m", "") else {
        return;
    };
    let data = tmp.path().join("data");
    let mut h = kiosk::kiosk_in(&data, LANDSCAPE);
    fill_pledge(&mut h, "Ann");
    button(&mut h, "Confirm my pledge");
    wait_for_store(&mut h);
    assert!(thanked(&h), "the first pledge fits");
    kiosk::advance(&mut h, 60.0);
    h.run();

    // Fill the disk to the last byte.
    let filler = tmp.path().join("filler");
    {
        use std::io::Write;
        let mut f = fs::File::create(&filler).unwrap();
        let block = vec![0u8; 64 * 1024];
        while f.write_all(&block).is_ok() {}
        while f.write_all(&[0u8; 512]).is_ok() {}
        let _ = f.sync_all();
    }
    fill_pledge(&mut h, "Bo");
    button(&mut h, "Confirm my pledge");
    wait_for_store(&mut h);
    assert!(matches!(h.state().visitor().pledge.step, Step::Failed(_)));
    h.get_by_label("Please ask a member of staff");
    assert!(
        h.query_by_label_contains("Thank you").is_none(),
        "never a false thank-you"
    );

    // Space again: the same visitor's pledge goes through on a retry.
    fs::remove_file(&filler).unwrap();
    button(&mut h, "Try again");
    wait_for_store(&mut h);
    assert!(thanked(&h), "pledging works again once there is space");
    h.get_by_label("Thank you, Bo!");
    assert_eq!(rows(&data), 2, "both thanked pledges are stored");
}

#[test]
fn a_read_only_data_folder_keeps_the_story_and_shows_the_staff_message() {
    let tmp = tempfile::tempdir().unwrap();
    let Some(_mount) = Mount::tmpfs(tmp.path(), "1m", ",ro") else {
        return;
    };
    let mut h = kiosk::kiosk_in(tmp.path(), LANDSCAPE);
    // The story runs.
    h.get_by_label("Touch the screen to begin").click();
    settle(&mut h);
    assert_eq!(h.state().visitor().screen, ScreenId::Story);
    button(&mut h, "Timeline");
    button(&mut h, "Photos");
    settle(&mut h);
    // Pledging says to ask staff, never thank you.
    kiosk::advance(&mut h, 200.0);
    kiosk::advance(&mut h, 20.0);
    h.run();
    fill_pledge(&mut h, "Cy");
    button(&mut h, "Confirm my pledge");
    wait_for_store(&mut h);
    assert!(matches!(h.state().visitor().pledge.step, Step::Failed(_)));
    h.get_by_label("Please ask a member of staff");
    assert!(h.query_by_label_contains("Thank you").is_none());
}

#[test]
fn a_damaged_store_is_moved_aside_a_fresh_one_starts_and_the_admin_screen_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let garbage = b"this was a pledge store before the power cut\0\xff\xfe".repeat(200);
    fs::write(dir.path().join(STORE_FILE), &garbage).unwrap();
    let mut h = kiosk::kiosk_in(dir.path(), LANDSCAPE);
    // The bad file is renamed, never deleted, with its bytes intact.
    let aside: Vec<PathBuf> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains(".damaged-"))
        .collect();
    assert_eq!(aside.len(), 1, "{aside:?}");
    assert_eq!(fs::read(&aside[0]).unwrap(), garbage);
    // The admin screen says so.
    h.get_by_label("Touch the screen to begin").click();
    settle(&mut h);
    kiosk::corner_taps(&mut h, 5);
    kiosk::enter_pin(&mut h, "2468");
    assert!(h.state().admin_open());
    h.get_by_label_contains("The pledge store was damaged");
    h.get_by_label_contains(&aside[0].display().to_string());
    h.get_by_label("Back to the kiosk").click();
    settle(&mut h);
    // And a fresh store takes pledges.
    kiosk::advance(&mut h, 200.0);
    kiosk::advance(&mut h, 20.0);
    h.run();
    fill_pledge(&mut h, "Di");
    button(&mut h, "Confirm my pledge");
    wait_for_store(&mut h);
    assert!(thanked(&h));
    assert_eq!(rows(dir.path()), 1);
}

#[test]
fn a_watched_pack_reloads_when_it_changes_and_a_broken_change_keeps_the_last_good_one() {
    let pack = tempfile::tempdir().unwrap();
    content::export_bundled(pack.path()).unwrap();
    let data = tempfile::tempdir().unwrap();
    let mut config = KioskConfig::default();
    config.set_pin("2468").unwrap();
    let report = content::load_or_bundled(Some(pack.path())).unwrap();
    assert!(!report.fell_back);
    let mut h = kiosk::headless(
        LANDSCAPE,
        storykiosk::app::Startup {
            // Presenter mode shows a change at once (kiosk mode waits for
            // the attract loop); its top bar names the pack.
            mode: Mode::Presenter,
            report,
            config,
            data_dir: data.path().to_path_buf(),
            options: storykiosk::app::Options {
                watch: true,
                ..Default::default()
            },
            prefetch: None,
        },
    );
    settle(&mut h);
    h.get_by_label("25 Years of Justice");

    // Staff save a new title: it shows.
    let manifest = pack.path().join("manifest.ron");
    let good = fs::read_to_string(&manifest).unwrap();
    fs::write(
        &manifest,
        good.replace("25 Years of Justice", "Twenty-Five Years"),
    )
    .unwrap();
    step_until(&mut h, "the new title shows", |h| {
        h.query_by_label("Twenty-Five Years").is_some()
    });

    // A half-written file: the last good pack stays, and staff are told.
    fs::write(&manifest, &good[..good.len() / 2]).unwrap();
    std::thread::sleep(Duration::from_millis(3500));
    for _ in 0..10 {
        h.run();
    }
    h.get_by_label("Twenty-Five Years");
    kiosk::corner_taps(&mut h, 5);
    kiosk::enter_pin(&mut h, "2468");
    h.get_by_label_contains("the change has errors, so the last good version is still showing");
    h.get_by_label_contains("manifest.ron:");

    // Deleted altogether: still the last good pack.
    fs::remove_file(&manifest).unwrap();
    std::thread::sleep(Duration::from_millis(3500));
    for _ in 0..10 {
        h.run();
    }
    h.get_by_label_contains("the change has errors");

    // Fixed: it loads again.
    fs::write(
        &manifest,
        good.replace("25 Years of Justice", "Years of Justice"),
    )
    .unwrap();
    h.get_by_label("Back to the kiosk").click();
    h.run();
    step_until(&mut h, "the fixed pack shows", |h| {
        h.query_by_label("Years of Justice").is_some()
    });
}
