//! Launching the app: [`run`] opens the window, and [`prefetch`] starts
//! decoding the first screen's photos before it is open.

use super::*;
use crate::content;

/// Whether the app opens on the photo panels, whose photos [`prefetch`]
/// decodes before the window is open.
pub fn opens_on_photos(mode: Mode, options: Options) -> bool {
    mode == Mode::Presenter && options.screen == Some(ScreenId::Photos)
}

/// Starts decoding the photos the first frame will show, given the
/// window's size in points as eframe is about to open it (the largest
/// monitor's, for a full-screen window). Only the photo panels are
/// guessed: the one screen that opens on many photos at once (the others
/// show one at a time, and the kiosk's attract loop fades its first photo
/// in anyway). `None` when there is nothing to guess.
///
/// The window's scale factor is not known yet and is taken to be 1 (as
/// the kiosk's service sets it); on a screen scaled otherwise the guess is
/// wrong, and the photos the first frames do not ask for are dropped.
pub fn prefetch(pack: &Pack, mode: Mode, options: Options, window: Vec2) -> Option<Prefetch> {
    let photos = &pack.photos.photos;
    // Without a monitor to shrink it to, the kiosk's window keeps the
    // size it asked for, which says nothing of the screen.
    let known = window.x > 0.0 && window.y > 0.0 && window.max_elem() < KIOSK_WINDOW_POINTS;
    if !opens_on_photos(mode, options) || !known || photos.is_empty() {
        return None;
    }
    // As `fit_zoom` scales it: the short side is `DESIGN_SHORT_SIDE` points.
    let pixels_per_point = design_zoom(window.min_elem(), 1.0);
    let look = Look::for_visitor(&pack.theme, false, 0);
    let tile = screens::photos::first_tile(window / pixels_per_point, photos.len(), &look)
        * pixels_per_point;
    let requests: Vec<(String, Vec2)> = photos.iter().map(|p| (p.file.clone(), tile)).collect();
    Prefetch::start(&pack.source, &requests, MAX_TEXTURE_SIDE)
}

/// Opens the window and runs until it is closed. `startup` gives the rest
/// of what the app needs; it is called once the window and GL are up, so
/// that work it waits for (reading the pack) can run beside theirs.
/// `on_window_size` hears the window's size in points just before the
/// window is made (see [`prefetch`]).
pub fn run(
    mode: Mode,
    options: Options,
    on_window_size: impl FnOnce(Vec2) + 'static,
    startup: impl FnOnce() -> anyhow::Result<Startup> + 'static,
) -> anyhow::Result<()> {
    // The pack's title replaces this once the app is created, before the
    // window is first shown (`KioskApp::show_title`).
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("storykiosk")
        .with_app_id("storykiosk")
        // An empty icon. Given none, eframe decodes egui's own logo at
        // every start for an icon that on Linux never reaches the window
        // (`_NET_WM_ICON` stays unset either way; checked with xprop).
        .with_icon(Arc::new(egui::IconData::default()));
    viewport = match mode {
        // A window manager makes it fullscreen. Without one (a bare X
        // session), the window places and sizes itself over the whole
        // screen: eframe shrinks this size to the largest monitor.
        Mode::Kiosk => viewport
            .with_position([0.0, 0.0])
            .with_inner_size([KIOSK_WINDOW_POINTS; 2])
            .with_fullscreen(true)
            .with_decorations(false)
            .with_window_level(egui::WindowLevel::AlwaysOnTop),
        Mode::Presenter if options.fullscreen => viewport
            .with_position([0.0, 0.0])
            .with_inner_size([KIOSK_WINDOW_POINTS; 2])
            .with_min_inner_size([640.0, 400.0])
            .with_fullscreen(true),
        Mode::Presenter => viewport
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([640.0, 400.0])
            .with_resizable(true),
    };
    let options = eframe::NativeOptions {
        viewport,
        // Flat colours and photos need no dithering, and on a software
        // renderer it costs every pixel of every frame.
        dithering: false,
        // Added by the app once it has started (`SYSTEM_FONTS_AFTER_SECS`).
        system_font_fallback: false,
        // Called just before the window is made, with its size settled.
        window_builder: Some(Box::new(move |builder: egui::ViewportBuilder| {
            if let Some(size) = builder.inner_size {
                on_window_size(size);
            }
            builder
        })),
        ..Default::default()
    };
    // eframe wraps an app creator's error in its own words; the kiosk's own
    // error (a broken bundled pack) is kept here and reported as it is.
    let failed = std::rc::Rc::new(std::cell::RefCell::new(None));
    let creator_failed = std::rc::Rc::clone(&failed);
    let result = eframe::run_native(
        "storykiosk",
        options,
        Box::new(move |cc| match startup() {
            Ok(startup) => {
                let mut app = KioskApp::new(&cc.egui_ctx, startup);
                app.system_fonts_pending = true;
                Ok(Box::new(app))
            }
            Err(e) => {
                let message = format!("{e:#}");
                *creator_failed.borrow_mut() = Some(e);
                Err(message.into())
            }
        }),
    );
    match (result, failed.take()) {
        (_, Some(e)) => Err(e),
        (Ok(()), None) => Ok(()),
        (Err(e), None) => Err(anyhow::anyhow!("cannot open the kiosk window: {e}")),
    }
}

/// Prints `problems` of the pack at `label`, one per line, to the log.
pub fn print_problems(label: &str, problems: &[Problem]) {
    for p in problems {
        eprintln!("{}", p.display_in(label));
    }
}

/// How the app will open, for decoding its first photos early.
pub struct FirstScreen {
    /// Kiosk or presenter.
    pub mode: Mode,
    /// Start-up choices.
    pub options: Options,
    /// The window's size in points, sent just before it is made.
    pub window_size: std::sync::mpsc::Receiver<egui::Vec2>,
}

/// How long the pack thread waits to hear the window's size before it
/// leaves the photos to the first frame. eframe tells it ~60 ms after
/// start; the app's first frame waits for this thread.
const WINDOW_SIZE_WAIT: std::time::Duration = std::time::Duration::from_millis(500);

/// The content pack being read, and the Chinese font inflated, on a thread
/// of their own.
pub struct PackLoad {
    dir: Option<PathBuf>,
    /// `None` when no thread could be started: [`PackLoad::wait`] then reads
    /// the pack itself.
    thread: Option<std::thread::JoinHandle<Loaded>>,
}

/// What the pack thread hands over: the pack, or why even the bundled one
/// is broken; and the photos decoding for the first frame.
type Loaded = (Result<content::LoadReport, Vec<Problem>>, Option<Prefetch>);

impl PackLoad {
    /// Starts reading the pack in `dir` (the bundled one with `None`).
    pub fn start(dir: Option<PathBuf>, first_screen: Option<FirstScreen>) -> Self {
        let for_thread = dir.clone();
        let thread = std::thread::Builder::new()
            .name("pack-load".into())
            .spawn(move || {
                let report = content::load_or_bundled(for_thread.as_deref());
                // The first frame needs the Chinese font as well. Inflating
                // it here, after the pack, keeps all this work on one core
                // and leaves the other to the window and GL.
                crate::fonts::noto_sans_tc();
                let prefetch = match (&report, first_screen) {
                    (Ok(report), Some(first)) => first
                        .window_size
                        .recv_timeout(WINDOW_SIZE_WAIT)
                        .ok()
                        .and_then(|size| prefetch(&report.pack, first.mode, first.options, size)),
                    _ => None,
                };
                (report, prefetch)
            })
            .ok();
        Self { dir, thread }
    }

    /// The loaded pack, with an override's problems logged, and the photos
    /// decoding for the first frame; an error only when the bundled pack
    /// itself is broken (a defective build).
    pub fn wait(self) -> anyhow::Result<(content::LoadReport, Option<Prefetch>)> {
        let (loaded, prefetch) = match self.thread {
            Some(thread) => thread
                .join()
                .map_err(|_| anyhow::anyhow!("reading the content pack crashed"))?,
            None => (content::load_or_bundled(self.dir.as_deref()), None),
        };
        let report = loaded.map_err(|problems| {
            print_problems("<bundled>", &problems);
            anyhow::anyhow!("the bundled content pack is broken; this build is defective")
        })?;
        if let Some(dir) = &report.requested {
            let label = dir.display().to_string();
            print_problems(&label, &report.problems);
            if report.fell_back {
                eprintln!("storykiosk: {label} has errors; showing the bundled pack instead");
            }
        }
        Ok((report, prefetch))
    }
}

/// glibc's allocator keeps the large blocks that photo decoding and textures
/// free, so a kiosk's memory creeps over days of use (docs/PERFORMANCE.md);
/// with this setting it hands them straight back to the system.
pub const GLIBC_TUNABLES: &str = "glibc.malloc.mmap_threshold=262144";

/// The systemd unit and the session script start the kiosk with
/// [`GLIBC_TUNABLES`]; started any other way (by hand, by another launcher),
/// it starts itself again with it, once, before doing anything else. The
/// setting can only be given to glibc before the process starts.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub fn restart_with_allocator_setting() {
    use std::os::unix::process::CommandExt;
    const MARK: &str = "STORYKIOSK_RESTARTED";
    if std::env::var_os("GLIBC_TUNABLES").is_some() || std::env::var_os(MARK).is_some() {
        return;
    }
    let Ok(exe) = std::env::current_exe() else {
        return;
    };
    // `exec` returns only if it failed; then the kiosk runs on as it is.
    let err = std::process::Command::new(exe)
        .args(std::env::args_os().skip(1))
        .env("GLIBC_TUNABLES", GLIBC_TUNABLES)
        .env(MARK, "1")
        .exec();
    eprintln!(
        "storykiosk: cannot restart with GLIBC_TUNABLES={GLIBC_TUNABLES} ({err}); running without it"
    );
}
