//! Helpers shared by the integration tests.

#![allow(
    dead_code,
    clippy::unwrap_used,
    reason = "each test binary uses a different part; a failed step should panic"
)]

pub mod pg;

use std::{
    fs,
    path::{Path, PathBuf},
};

/// `tests/packs/` in the source tree.
pub fn packs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/packs")
}

/// Every QR code in `image`, decoded (rqrr, the way a phone's camera
/// reads one).
pub fn qr_codes(image: image::GrayImage) -> Vec<String> {
    let mut grid = rqrr::PreparedImage::prepare(image);
    grid.detect_grids()
        .iter()
        .filter_map(|g| g.decode().ok().map(|(_, text)| text))
        .collect()
}

/// Copies every file under `from` into `to`, keeping the folder layout.
pub fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Files in a broken-pack case folder that are about the case, not part of
/// the pack.
pub const CASE_FILES: [&str; 2] = ["expect.txt", "remove.txt"];

/// Builds the pack of one broken case: `tests/packs/minimal` with the case's
/// files laid over it and the files named in its `remove.txt` deleted.
pub fn assemble_case(case: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&packs_dir().join("minimal"), dir.path());
    overlay(case, dir.path());
    if let Ok(list) = fs::read_to_string(case.join("remove.txt")) {
        for name in list.lines().filter(|l| !l.trim().is_empty()) {
            fs::remove_file(dir.path().join(name.trim())).unwrap();
        }
    }
    dir
}

fn overlay(from: &Path, to: &Path) {
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name();
        if CASE_FILES.iter().any(|f| name == *f) {
            continue;
        }
        let target = to.join(&name);
        if entry.file_type().unwrap().is_dir() {
            fs::create_dir_all(&target).unwrap();
            overlay(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

pub mod kiosk {
    //! Driving the real app headless with egui_kittest, the way a visitor
    //! would: by accessible names, and with touch events as eframe sends them.

    use std::time::Duration;

    use egui::{Event, Pos2, TouchDeviceId, TouchId, TouchPhase, Vec2};
    use egui_kittest::Harness;
    use storykiosk::{
        app::{KioskApp, Startup},
        config::KioskConfig,
        content::{self, LoadReport},
        screens::Mode,
    };

    /// Landscape 1080p.
    pub const LANDSCAPE: Vec2 = Vec2::new(1920.0, 1080.0);
    /// Portrait 1080p.
    pub const PORTRAIT: Vec2 = Vec2::new(1080.0, 1920.0);

    /// The app at `size`, in `mode`, with `config`, on the pack of
    /// `report`, storing pledges in a fresh folder of its own (kept after
    /// the test, for a look at what it stored).
    pub fn harness_with(
        size: Vec2,
        mode: Mode,
        config: KioskConfig,
        report: LoadReport,
    ) -> Harness<'static, KioskApp> {
        let data_dir = tempfile::tempdir().unwrap().keep();
        harness_in(size, mode, config, report, data_dir)
    }

    /// The app storing pledges in `data_dir`.
    pub fn harness_in(
        size: Vec2,
        mode: Mode,
        config: KioskConfig,
        report: LoadReport,
        data_dir: std::path::PathBuf,
    ) -> Harness<'static, KioskApp> {
        Harness::builder()
            .with_size(size)
            .with_step_dt(1.0 / 30.0)
            .with_max_steps(400)
            .with_render_cursor(false)
            .wgpu()
            .build_eframe(move |cc| {
                KioskApp::new(
                    &cc.egui_ctx,
                    Startup {
                        mode,
                        report,
                        config,
                        data_dir,
                        options: Default::default(),
                        prefetch: None,
                    },
                )
                .fill_background()
            })
    }

    /// The app at `size` started as `startup`, with no renderer: nothing is
    /// drawn to pixels (no snapshots), so it is quick and the memory it uses
    /// is the app's and egui's own. For the soak, the benches and tests that
    /// need no picture.
    pub fn headless(size: Vec2, startup: Startup) -> Harness<'static, KioskApp> {
        Harness::builder()
            .with_size(size)
            .with_step_dt(1.0 / 30.0)
            .with_max_steps(400)
            .build_eframe(move |cc| KioskApp::new(&cc.egui_ctx, startup))
    }

    /// The shared set-up: the bundled pack, no PIN, at `size`, in `mode`.
    pub fn new_harness(size: Vec2, mode: Mode) -> Harness<'static, KioskApp> {
        harness_with(
            size,
            mode,
            KioskConfig::default(),
            content::load_or_bundled(None).unwrap(),
        )
    }

    /// Runs until nothing moves and every photo asked for is decoded (for
    /// up to 60 s: on a loaded CI machine decodes can be slow).
    pub fn settle(h: &mut Harness<'static, KioskApp>) {
        let start = std::time::Instant::now();
        while start.elapsed() < Duration::from_secs(60) {
            h.run();
            if !h.state().images_pending() && !h.state().pin_checking() {
                h.run();
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        panic!("photos never finished decoding, or a PIN check never ended");
    }

    /// Runs the app in real time (its threads answer in their own time)
    /// until `done` holds, for at most 30 s; panics naming `what` if it
    /// never does.
    pub fn step_until(
        h: &mut Harness<'static, KioskApp>,
        what: &str,
        done: impl Fn(&Harness<'static, KioskApp>) -> bool,
    ) {
        let start = std::time::Instant::now();
        loop {
            h.run();
            if done(h) {
                return;
            }
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "never happened: {what}"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Runs the app until the store has answered a confirmed pledge (the
    /// form has left its saving step).
    pub fn wait_for_store(h: &mut Harness<'static, KioskApp>) {
        step_until(h, "the store answered the pledge", |h| {
            !matches!(
                h.state().visitor().pledge.step,
                storykiosk::screens::pledge::Step::Saving
            )
        });
    }

    /// Seconds on the app's clock.
    pub fn now(h: &Harness<'static, KioskApp>) -> f64 {
        h.ctx.input(|i| i.time)
    }

    /// Moves the app's clock forward by `secs` in one frame.
    pub fn advance(h: &mut Harness<'static, KioskApp>, secs: f64) {
        let t = now(h) + secs;
        h.input_mut().time = Some(t);
        h.step();
        // The harness keeps a time it is given; hand the clock back to it.
        h.input_mut().time = None;
    }

    fn touch(h: &mut Harness<'static, KioskApp>, id: u64, phase: TouchPhase, pos: Pos2) {
        h.input_mut().events.push(Event::Touch {
            device_id: TouchDeviceId(1),
            id: TouchId(id),
            phase,
            pos,
            force: None,
        });
    }

    fn pointer_button(h: &mut Harness<'static, KioskApp>, pos: Pos2, pressed: bool) {
        h.input_mut().events.push(Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
    }

    /// A finger goes down at `pos`, as eframe reports it: a touch, then the
    /// pointer moved there and pressed.
    pub fn finger_down(h: &mut Harness<'static, KioskApp>, pos: Pos2) {
        touch(h, 0, TouchPhase::Start, pos);
        h.input_mut().events.push(Event::PointerMoved(pos));
        pointer_button(h, pos, true);
        h.step();
    }

    /// The finger moves to `pos`.
    pub fn finger_move(h: &mut Harness<'static, KioskApp>, pos: Pos2) {
        touch(h, 0, TouchPhase::Move, pos);
        h.input_mut().events.push(Event::PointerMoved(pos));
        h.step();
    }

    /// The finger lifts at `pos`: a touch end, the pointer released, then gone.
    pub fn finger_up(h: &mut Harness<'static, KioskApp>, pos: Pos2) {
        touch(h, 0, TouchPhase::End, pos);
        pointer_button(h, pos, false);
        h.input_mut().events.push(Event::PointerGone);
        h.step();
    }

    /// A tap at `pos`.
    pub fn tap(h: &mut Harness<'static, KioskApp>, pos: Pos2) {
        finger_down(h, pos);
        finger_up(h, pos);
    }

    /// The kiosk at `size` on the bundled pack, with PIN 2468, kiosk id
    /// "door-1" and event "gala-2026", storing pledges in `dir`; settled.
    pub fn kiosk_in(dir: &std::path::Path, size: Vec2) -> Harness<'static, KioskApp> {
        kiosk_configured(dir, size, |_| {})
    }

    /// As [`kiosk_in`], with `edit` applied to the config first.
    pub fn kiosk_configured(
        dir: &std::path::Path,
        size: Vec2,
        edit: impl FnOnce(&mut KioskConfig),
    ) -> Harness<'static, KioskApp> {
        let mut config = KioskConfig {
            kiosk_id: "door-1".into(),
            event_id: "gala-2026".into(),
            ..KioskConfig::default()
        };
        config.set_pin("2468").unwrap();
        edit(&mut config);
        let mut h = harness_in(
            size,
            Mode::Kiosk,
            config,
            content::load_or_bundled(None).unwrap(),
            dir.to_path_buf(),
        );
        settle(&mut h);
        h
    }

    /// Taps the button named `name`, scrolling it into view first.
    pub fn button(h: &mut Harness<'static, KioskApp>, name: &str) {
        press(h, egui::Role::Button, name);
    }

    /// Clicks the widget of `role` named `name` (a field, a check box),
    /// scrolling it into view first.
    pub fn press(h: &mut Harness<'static, KioskApp>, role: egui::Role, name: &str) {
        use egui_kittest::kittest::Queryable;
        h.get_by_role_and_label(role, name).scroll_to_me();
        h.run();
        h.get_by_role_and_label(role, name).click();
        h.run();
    }

    /// Types `text` by tapping the on-screen keyboard's keys, in English:
    /// a letter beyond a to z by holding its key and tapping it among the
    /// alternatives, as a visitor would.
    pub fn type_on_keys(h: &mut Harness<'static, KioskApp>, text: &str) {
        type_on_keys_labelled(h, text, &KeyNames::ENGLISH);
    }

    /// The names of the keyboard's keys that are not characters.
    pub struct KeyNames<'a> {
        /// Space.
        pub space: &'a str,
        /// Shift.
        pub shift: &'a str,
        /// To digits.
        pub symbols: &'a str,
        /// Back to letters.
        pub letters: &'a str,
    }

    impl KeyNames<'static> {
        /// The bundled pack's English names.
        pub const ENGLISH: KeyNames<'static> = KeyNames {
            space: "Space",
            shift: "Shift",
            symbols: "123",
            letters: "ABC",
        };
    }

    /// Types `text` by tapping the keys, whose names are `names`.
    pub fn type_on_keys_labelled(
        h: &mut Harness<'static, KioskApp>,
        text: &str,
        names: &KeyNames<'_>,
    ) {
        use egui_kittest::kittest::Queryable;
        for c in text.chars() {
            let name = c.to_string();
            match c {
                ' ' => button(h, names.space),
                '@' | '.' => button(h, &name),
                '0'..='9' => {
                    button(h, names.symbols);
                    button(h, &name);
                    button(h, names.letters);
                }
                c => {
                    if c.is_uppercase() {
                        button(h, names.shift);
                    }
                    if h.query_by_role_and_label(egui::Role::Button, &name)
                        .is_some()
                    {
                        button(h, &name);
                        continue;
                    }
                    // Under the key of the letter it is made from.
                    let small: String = c.to_lowercase().collect();
                    let key = storykiosk::content::letters::key_of(&small)
                        .or_else(|| storykiosk::content::letters::key_of(&name))
                        .unwrap_or_else(|| panic!("{c:?} has no key"));
                    let shown: String = if c.is_uppercase() {
                        h.state().visitor().pledge.keyboard_upper(&key.to_string())
                    } else {
                        key.to_string()
                    };
                    long_press(h, &shown);
                    button(h, &name);
                }
            }
        }
    }

    /// Holds the key named `name` until its alternatives open, then lifts.
    pub fn long_press(h: &mut Harness<'static, KioskApp>, name: &str) {
        use egui_kittest::kittest::Queryable;
        let at = h
            .get_by_role_and_label(egui::Role::Button, name)
            .rect()
            .center();
        finger_down(h, at);
        advance(h, 0.6);
        h.step();
        finger_up(h, at);
        h.run();
    }

    /// `n` taps in the top-left corner (the admin gesture is five).
    pub fn corner_taps(h: &mut Harness<'static, KioskApp>, n: usize) {
        for _ in 0..n {
            tap(h, Pos2::new(20.0, 20.0));
        }
        settle(h);
    }

    /// Types `pin` on the PIN pad and presses Enter.
    pub fn enter_pin(h: &mut Harness<'static, KioskApp>, pin: &str) {
        use egui_kittest::kittest::Queryable;
        for d in pin.chars() {
            h.get_by_role_and_label(egui::Role::Button, &d.to_string())
                .click();
            h.run();
        }
        h.get_by_label("Enter").click();
        settle(h);
    }

    /// A swipe from `from` to `to` in `steps` moves.
    pub fn swipe(h: &mut Harness<'static, KioskApp>, from: Pos2, to: Pos2, steps: usize) {
        finger_down(h, from);
        for i in 1..=steps {
            finger_move(h, from + (to - from) * (i as f32 / steps as f32));
        }
        finger_up(h, to);
    }

    /// Two fingers pinch around `center`, from `from_gap` to `to_gap` points
    /// apart. The first finger also drives the pointer, as in eframe.
    pub fn pinch(
        h: &mut Harness<'static, KioskApp>,
        center: Pos2,
        from_gap: f32,
        to_gap: f32,
        steps: usize,
    ) {
        let at = |gap: f32| {
            (
                center - Vec2::new(gap / 2.0, 0.0),
                center + Vec2::new(gap / 2.0, 0.0),
            )
        };
        let (a, b) = at(from_gap);
        finger_down(h, a);
        touch(h, 1, TouchPhase::Start, b);
        h.step();
        for i in 1..=steps {
            let gap = from_gap + (to_gap - from_gap) * (i as f32 / steps as f32);
            let (a, b) = at(gap);
            touch(h, 0, TouchPhase::Move, a);
            h.input_mut().events.push(Event::PointerMoved(a));
            touch(h, 1, TouchPhase::Move, b);
            h.step();
        }
        let (a, b) = at(to_gap);
        touch(h, 1, TouchPhase::End, b);
        h.step();
        finger_up(h, a);
    }
}

/// A small tmpfs, mounted for the test (needs root, as CI has), removed on
/// drop.
pub struct SmallDisk(tempfile::TempDir);

impl SmallDisk {
    /// Mounts a tmpfs of `size` (such as "16k"); `None` (and said) where
    /// this machine does not allow it, except on CI, where it fails.
    pub fn mount(size: &str) -> Option<SmallDisk> {
        let dir = tempfile::tempdir().unwrap();
        let mounted = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir.path())
            .status()
            .is_ok_and(|s| s.success());
        if mounted {
            return Some(SmallDisk(dir));
        }
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI must be able to mount a tmpfs (run as root)"
        );
        eprintln!("skipped: cannot mount a tmpfs here (not root)");
        None
    }
}

impl SmallDisk {
    /// Where it is mounted.
    pub fn path(&self) -> &Path {
        self.0.path()
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg(self.0.path())
            .status();
    }
}
