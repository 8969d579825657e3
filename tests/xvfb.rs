//! The real binary under Xvfb with a window manager, as a gala kiosk runs
//! it: in `--kiosk` mode it fills the screen, what it shows is not blank,
//! and a screen reader (AT-SPI) finds by name, in English and then in
//! Chinese after pressing the language switch, the navigation, the amount
//! buttons, the keyboard's keys and the form's fields.
//!
//! It also checks, with strace, that the app opens no network socket, and
//! that the window is named after the pack it shows (read beside the window).
//!
//! Needs Xvfb, matchbox-window-manager, x11-utils, ImageMagick, D-Bus, strace,
//! at-spi2-core and python3-pyatspi (`.ci/run` installs them). Without them
//! it skips, except when `CI=true`, where it fails.

#![allow(
    clippy::unwrap_used,
    reason = "helpers of tests: a failed step should panic"
)]

use std::{collections::HashSet, path::Path, process::Command};

const TOOLS: [&str; 9] = [
    "/usr/bin/strace",
    "/usr/bin/Xvfb",
    "/usr/bin/matchbox-window-manager",
    "/usr/bin/xwininfo",
    "/usr/bin/import",
    "/usr/bin/dbus-run-session",
    "/usr/bin/dbus-send",
    "/usr/libexec/at-spi-bus-launcher",
    "/usr/bin/python3",
];

/// Whether the tools are here; in CI their absence is a failure.
fn tools_present() -> bool {
    let missing: Vec<&str> = TOOLS
        .iter()
        .copied()
        .filter(|t| !Path::new(t).exists())
        .collect();
    let pyatspi = Command::new("/usr/bin/python3")
        .args(["-c", "import pyatspi"])
        .output()
        .is_ok_and(|o| o.status.success());
    if missing.is_empty() && pyatspi {
        return true;
    }
    let why = format!("missing {missing:?}, pyatspi importable: {pyatspi}");
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("the Xvfb test cannot run in CI: {why}; .ci/run should have installed them");
    }
    eprintln!("skipping the Xvfb test: {why} (run .ci/run, or install them, to run it)");
    false
}

#[test]
fn kiosk_mode_is_fullscreen_not_blank_and_readable_by_a_screen_reader() {
    if !tools_present() {
        return;
    }
    let out = tempfile::tempdir().unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/xvfb/run-kiosk.sh");
    let status = Command::new(&script)
        .arg(env!("CARGO_BIN_EXE_storykiosk"))
        .arg(out.path())
        .arg("1920x1080")
        .status()
        .unwrap();
    let log = std::fs::read_to_string(out.path().join("app.log")).unwrap_or_default();
    assert!(status.success(), "run-kiosk.sh failed; app log:\n{log}");

    // Fullscreen: the kiosk window covers the whole 1920x1080 screen.
    let window = std::fs::read_to_string(out.path().join("window.txt")).unwrap();
    let field = |name: &str| -> i64 {
        window
            .lines()
            .find_map(|l| l.trim().strip_prefix(name))
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or_else(|| panic!("no {name} in:\n{window}"))
    };
    assert_eq!(
        (
            field("Absolute upper-left X:"),
            field("Absolute upper-left Y:"),
            field("Width:"),
            field("Height:")
        ),
        (0, 0, 1920, 1080),
        "{window}"
    );

    // Started without the allocator setting, it runs with it.
    let allocator = std::fs::read_to_string(out.path().join("allocator.txt")).unwrap();
    assert_eq!(
        allocator.trim(),
        format!("GLIBC_TUNABLES={}", storykiosk::cli::GLIBC_TUNABLES)
    );

    // No network: through all of that the app opened sockets only for the
    // display and the accessibility bus (local), never an internet one.
    let sockets = std::fs::read_to_string(out.path().join("sockets.txt")).unwrap();
    assert!(
        sockets.contains("socket(AF_UNIX"),
        "the trace saw the display's socket:\n{sockets}"
    );
    let network: Vec<&str> = sockets
        .lines()
        .filter(|l| l.contains("AF_INET") || l.contains("AF_PACKET") || l.contains("AF_NETLINK"))
        .collect();
    assert!(network.is_empty(), "network sockets: {network:#?}");

    // Not blank: many colours, and no single colour covering nearly all.
    let shot = image::open(out.path().join("screen.png"))
        .unwrap()
        .to_rgb8();
    let mut counts = std::collections::HashMap::new();
    for p in shot.pixels() {
        *counts.entry(p.0).or_insert(0usize) += 1;
    }
    let commonest = counts.values().max().copied().unwrap_or(0);
    assert!(counts.len() > 50, "only {} colours on screen", counts.len());
    assert!(
        commonest < shot.pixels().len() * 9 / 10,
        "one colour covers {commonest} of {} pixels",
        shot.pixels().len()
    );

    // A screen reader pressed "Touch the screen to begin" and now finds the
    // navigation by name.
    let names = std::fs::read_to_string(out.path().join("names.txt")).unwrap();
    let buttons: HashSet<&str> = names
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .filter(|(role, _)| role.contains("button"))
        .map(|(_, name)| name)
        .collect();
    for name in ["Home", "Story", "Timeline", "Photos", "Pledge"] {
        assert!(
            buttons.contains(name),
            "no button {name:?} in the accessibility tree:\n{names}"
        );
    }
    assert!(
        names.contains("A row of narrow townhouses at dusk"),
        "photos expose their alt text:\n{names}"
    );

    // In both languages: the amount buttons, the keyboard's keys, the form's
    // fields with their labels, and the navigation after the switch.
    let read = |file: &str| std::fs::read_to_string(out.path().join(file)).unwrap();
    let has = |text: &str, role: &str, name: &str| {
        text.lines()
            .filter_map(|l| l.split_once('\t'))
            .any(|(r, n)| r.contains(role) && n == name)
    };
    let (amounts, form, form_zh, amounts_zh, names_zh) = (
        read("amounts.txt"),
        read("form.txt"),
        read("form-zh.txt"),
        read("amounts-zh.txt"),
        read("names-zh.txt"),
    );
    for name in [
        "HK$300",
        "HK$500",
        "HK$1,000",
        "HK$3,000",
        "Other amount",
        "中文",
    ] {
        assert!(has(&amounts, "button", name), "no {name:?} in:\n{amounts}");
    }
    for name in [
        "q",
        "a",
        "z",
        "Shift",
        "Caps Lock",
        "Backspace",
        "Space",
        "@",
        ".com",
        "Done",
        "123",
    ] {
        assert!(has(&form, "button", name), "no key {name:?} in:\n{form}");
    }
    for name in ["Name", "Email", "Phone (optional)", "Dedication (optional)"] {
        assert!(has(&form, "entry", name), "no field {name:?} in:\n{form}");
    }
    for name in ["大寫鎖定", "刪除", "空格", "完成", "English"] {
        assert!(
            has(&form_zh, "button", name),
            "no key {name:?} in:\n{form_zh}"
        );
    }
    for name in ["姓名", "電郵", "電話（可選填）", "獻辭（可選填）"] {
        assert!(
            has(&form_zh, "entry", name),
            "no field {name:?} in:\n{form_zh}"
        );
    }
    for name in ["HK$1,000", "其他金額", "一次", "每月"] {
        assert!(
            has(&amounts_zh, "button", name),
            "no {name:?} in:\n{amounts_zh}"
        );
    }
    for name in ["主頁", "故事", "時間線", "相片", "承諾捐款"] {
        assert!(
            has(&names_zh, "button", name),
            "no {name:?} in the Chinese navigation:\n{names_zh}"
        );
    }
}

/// The pack is read on a thread of its own while the window and GL come up,
/// so the window is named only once the pack is in: after the override
/// pack (its own title), or, when the override is broken, after the bundled
/// pack, with the override's problems in the log.
#[test]
fn the_window_takes_the_title_of_the_pack_read_beside_it() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    use std::time::{Duration, Instant};

    if !tools_present() {
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (pack, title, in_log) in [
        ("tests/packs/minimal", "Minimal", None),
        (
            "tests/packs/broken/bad-manifest",
            "25 Years of Justice",
            Some("has errors; showing the bundled pack instead"),
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        // Xvfb picks a free display and writes its number to stdout.
        let mut xvfb = Command::new("/usr/bin/Xvfb")
            .args(["-displayfd", "1", "-screen", "0", "1280x800x24"])
            .args(["-nolisten", "tcp"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut number = String::new();
        BufReader::new(xvfb.stdout.take().unwrap())
            .read_line(&mut number)
            .unwrap();
        let display = format!(":{}", number.trim());
        let log = dir.path().join("app.log");
        let mut app = Command::new(env!("CARGO_BIN_EXE_storykiosk"))
            .arg("--kiosk")
            .arg("--content")
            .arg(root.join(pack))
            .arg("--data-dir")
            .arg(dir.path().join("data"))
            .env("DISPLAY", &display)
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .unwrap();
        let named = |title: &str| {
            Command::new("/usr/bin/xwininfo")
                .args(["-display", &display, "-name", title])
                .output()
                .is_ok_and(|o| o.status.success())
        };
        let start = Instant::now();
        let mut found = false;
        while start.elapsed() < Duration::from_secs(60) {
            found = named(title);
            if found || app.try_wait().unwrap().is_some() {
                break;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let placeholder_left = named("storykiosk");
        app.kill().ok();
        app.wait().ok();
        xvfb.kill().ok();
        xvfb.wait().ok();
        let log = std::fs::read_to_string(&log).unwrap_or_default();
        assert!(found, "{pack}: no window named {title:?}; log:\n{log}");
        assert!(
            !placeholder_left,
            "{pack}: a second window, or the title unchanged"
        );
        match in_log {
            Some(text) => assert!(log.contains(text), "{pack}: no {text:?} in:\n{log}"),
            None => assert!(!log.contains("has errors"), "{pack}: {log}"),
        }
    }
}
