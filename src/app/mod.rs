//! The eframe application: the [`KioskApp`] struct, its start-up and the
//! thin `eframe::App` impl; each of its jobs lives in a file of its own:
//!
//! - `logic.rs`: a frame before drawing: timers, input, the store's replies;
//! - `ui.rs`: drawing the screen showing and its overlays;
//! - [`action`]: applying what screens asked for, once, after the frame;
//! - `staff.rs`: the PIN pad and the staff screen's data;
//! - `pack_state.rs`: an override pack reloaded, watched and installed;
//! - `frame.rs`: the look, the clear colour, the glyph atlas, the title;
//! - `zoom.rs`: the scale that fits the design to the screen, set before
//!   each pass;
//! - `launch.rs`: `run`, the window and the photos decoded before it opens.

mod action;
pub mod drives;
mod frame;
mod hub;
pub mod images;
mod launch;
mod logic;
mod pack_state;
pub mod paddle;
pub mod probe;
mod shrink;
mod staff;
pub mod total;
mod ui;
mod visitor;
mod zoom;

#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub use launch::restart_with_allocator_setting;
pub use launch::{
    FirstScreen, GLIBC_TUNABLES, PackLoad, opens_on_photos, prefetch, print_problems, run,
};
pub use zoom::design_zoom;

use std::{path::PathBuf, sync::Arc, time::Duration};

use egui::{Pos2, Rect, Vec2, ViewportCommand};

pub use self::visitor::Visitor;
use crate::{
    config::KioskConfig,
    content::{
        LoadReport, Pack, Problem, fill,
        watch::{PackChange, PackWatcher},
    },
    pledge::{PledgeRow, Reply, Request, Stats, Writer},
    screens::{
        self, Action, Mode, Screen, ScreenCx, ScreenId,
        admin::{AdminView, PinPad},
    },
    session::{CornerTaps, IdlePhase, IdleTimer, PinLock},
    theme::Look,
};
use images::{ImageCache, Prefetch};
use staff::Staff;

/// The short side of the screen, in points, that layouts are designed for:
/// every screen is scaled so its short side is this many points.
pub const DESIGN_SHORT_SIDE: f32 = 1080.0;
/// A press held longer than this is not a tap (fingers are slower than mice).
const TAP_MAX_SECS: f64 = 1.0;

/// What the app starts with.
pub struct Startup {
    /// Kiosk or presenter.
    pub mode: Mode,
    /// The pack, and how loading it went.
    pub report: LoadReport,
    /// The kiosk's config.
    pub config: KioskConfig,
    /// Where pledges are stored.
    pub data_dir: PathBuf,
    /// Start-up choices from the command line.
    pub options: Options,
    /// Photos already decoding for the first frame ([`prefetch`]).
    pub prefetch: Option<Prefetch>,
}

/// Start-up choices from the command line.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// Presenter mode: the screen to open on (and return to); the story if
    /// none. Kiosk mode always opens on the attract loop.
    pub screen: Option<ScreenId>,
    /// Presenter mode: start full screen (F11 and Escape still leave it).
    pub fullscreen: bool,
    /// Reload the override pack when its files change.
    pub watch: bool,
    /// Lay screens out only: no pledge store (the layout check of
    /// `storykiosk validate`, [`probe`]).
    pub without_store: bool,
}

/// The formats of the language a visitor reads, made again only when the
/// pack or the language changes.
pub(crate) struct FormatsFor {
    pack: Arc<Pack>,
    locale: String,
    formats: crate::content::format::LocaleFormats,
}

impl FormatsFor {
    /// The formats of `locale` in `pack`.
    pub(crate) fn new(pack: &Arc<Pack>, locale: &str) -> Self {
        Self {
            pack: Arc::clone(pack),
            locale: locale.to_owned(),
            formats: crate::content::format::LocaleFormats::for_pack_locale(
                &pack.manifest,
                &pack.pledge.currency,
                locale,
            ),
        }
    }

    /// The formats of `locale` in `pack`, made afresh if they changed.
    pub(crate) fn get(
        &mut self,
        pack: &Arc<Pack>,
        locale: &str,
    ) -> &crate::content::format::LocaleFormats {
        if !Arc::ptr_eq(&self.pack, pack) || self.locale != locale {
            *self = Self::new(pack, locale);
        }
        &self.formats
    }
}

/// The kiosk application.
pub struct KioskApp {
    pack: Arc<Pack>,
    /// Numbers, money and dates in the visitor's language.
    formats: FormatsFor,
    requested: Option<PathBuf>,
    problems: Vec<crate::content::Problem>,
    fell_back: bool,
    config: KioskConfig,
    mode: Mode,
    look: Look,
    visitor: Visitor,
    idle: IdleTimer,
    corner: CornerTaps,
    pin_lock: PinLock,
    /// A PIN being checked on its own thread (argon2 is slow on purpose,
    /// and a frame must not wait for it): the answer arrives here.
    pin_check: Option<std::sync::mpsc::Receiver<bool>>,
    /// The PIN pad or the staff screen, if either is open.
    staff: Staff,
    images: ImageCache,
    quitting: bool,
    fullscreen: bool,
    /// The computer's fonts are still to be added as a fallback (only in
    /// the real window: tests see the bundled fonts alone).
    system_fonts_pending: bool,
    /// The computer's fonts, once added (kept to add again when the fonts
    /// are rebuilt, see [`KioskApp::fresh_glyph_atlas`]).
    system_fonts: Option<Arc<dyn egui::FontProvider>>,
    /// The glyph atlas's size at the end of the first frame.
    atlas_at_start: Option<[usize; 2]>,
    /// The egui context the app draws into.
    ctx: egui::Context,
    /// Paint the background colour under everything (see
    /// [`KioskApp::fill_background`]).
    fill_background: bool,
    /// The colour `clear_color` gives eframe for the next frame.
    next_clear: egui::Color32,
    /// `STORYKIOSK_TRACE_FRAMES` is set: each frame's time and what asked
    /// for it go to stderr (for profiling; see docs/PERFORMANCE.md).
    trace_frames: bool,
    /// The colour the window was cleared to for the frame being drawn.
    cleared: std::cell::Cell<egui::Color32>,
    /// `--watch`: the override pack's watcher.
    watcher: Option<PackWatcher>,
    /// A changed pack, sound, waiting for the visitor's session to end.
    pending_pack: Option<(Arc<Pack>, Vec<Problem>)>,
    /// A changed pack had errors, so the last good one is still showing.
    pack_kept: bool,
    /// What the store said at start, for the admin screen: a damaged file
    /// set aside, or why it cannot be opened.
    store_notice: Option<String>,
    /// Why the kiosk settings stop pledges, for the admin screen.
    pledge_blocker: Option<String>,
    /// Presenter mode's first screen, if not the story.
    start_screen: Option<ScreenId>,
    /// Presenter keys read in `logic()`, applied to the screen in `ui()`.
    step: Option<Step>,
    data_dir: PathBuf,
    /// The pledge store's thread; `None` if it could not be started, in
    /// which case every pledge gets the staff message.
    writer: Option<Writer>,
    next_ticket: u64,
    /// The gala hub's sender, when the settings name a hub.
    hub: Option<crate::hub::send::Sender>,
    /// When the app started (the hub's status shows the uptime).
    started_at: chrono::DateTime<chrono::Utc>,
}

/// How often the admin screen refreshes its totals and drives, in seconds.
const ADMIN_REFRESH_SECS: f64 = 3.0;
/// How many recent pledges the admin screen lists.
const ADMIN_RECENT: usize = 10;

/// Seconds after start at which the computer's own fonts become a fallback
/// for characters the bundled fonts lack.
const SYSTEM_FONTS_AFTER_SECS: f64 = 2.0;

/// The widest texture the app makes (the glyph atlas, photos).
const MAX_TEXTURE_SIDE: usize = 4096;

/// The size a full-screen window asks for: eframe shrinks it to the
/// largest monitor, and the window then covers the screen even without a
/// window manager to make it full screen.
const KIOSK_WINDOW_POINTS: f32 = 16384.0;

/// The pledge store's thread on `data_dir`, which asks for a frame when
/// it answers; `None` (and said) if it cannot start.
fn start_writer(ctx: &egui::Context, data_dir: &std::path::Path) -> Option<Writer> {
    let repaint = ctx.clone();
    Writer::start(data_dir.to_owned(), move || repaint.request_repaint())
        .map_err(|e| eprintln!("storykiosk: cannot start the pledge store's thread: {e}"))
        .ok()
}

/// A watch on the override pack in `dir` (`--watch`), which asks for a
/// frame when the pack changes; `None` (and said) if it cannot start.
fn start_watcher(ctx: &egui::Context, dir: &std::path::Path) -> Option<PackWatcher> {
    let repaint = ctx.clone();
    let strings = Pack::bundled().map(|b| b.strings).unwrap_or_default();
    PackWatcher::start(dir.to_owned(), strings, move || repaint.request_repaint())
        .map_err(|e| eprintln!("storykiosk: cannot watch the pack: {e}"))
        .ok()
}

/// A presenter key's move.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    Next,
    Previous,
}

impl KioskApp {
    /// A new app, styled on `ctx`.
    pub fn new(ctx: &egui::Context, startup: Startup) -> Self {
        let Startup {
            mode,
            report,
            config,
            data_dir,
            options,
            prefetch,
        } = startup;
        let writer = (!options.without_store)
            .then(|| start_writer(ctx, &data_dir))
            .flatten();
        let pack = report.pack;
        let now = ctx.input(|i| i.time);
        let watcher = report
            .requested
            .as_deref()
            .filter(|_| options.watch)
            .and_then(|dir| start_watcher(ctx, dir));
        let look = Look::for_visitor(&pack.theme, false, 0);
        let background = look.colors.background;
        crate::theme::install_fonts(ctx, &pack.fonts);
        ctx.all_styles_mut(|style| *style = look.style(style));
        Self::input_options(ctx, &look, mode);
        Self::show_title(ctx, &pack);
        let pledge_blocker = config.pledge_blocker();
        let timings = &pack.manifest.timings;
        let mut app = Self {
            idle: IdleTimer::new(
                f64::from(timings.idle_timeout_secs),
                f64::from(timings.idle_countdown_secs),
                now,
            ),
            visitor: Visitor::new(&pack, mode, now, 0)
                .starting_on(options.screen.filter(|_| mode == Mode::Presenter)),
            images: match prefetch {
                Some(prefetch) => ImageCache::with_prefetch(ctx, pack.source.clone(), prefetch),
                None => ImageCache::new(ctx, pack.source.clone()),
            },
            requested: report.requested,
            problems: report.problems,
            fell_back: report.fell_back,
            formats: FormatsFor::new(&pack, &pack.manifest.default_locale),
            pack,
            config,
            mode,
            look,
            corner: CornerTaps::default(),
            pin_lock: PinLock::default(),
            pin_check: None,
            staff: Staff::Closed,
            quitting: false,
            fullscreen: mode == Mode::Kiosk || options.fullscreen,
            start_screen: options.screen.filter(|_| mode == Mode::Presenter),
            step: None,
            data_dir,
            writer,
            next_ticket: 1,
            store_notice: None,
            pledge_blocker,
            ctx: ctx.clone(),
            fill_background: false,
            next_clear: background,
            trace_frames: std::env::var_os("STORYKIOSK_TRACE_FRAMES").is_some(),
            cleared: std::cell::Cell::new(background),
            system_fonts_pending: false,
            system_fonts: None,
            atlas_at_start: None,
            watcher,
            pending_pack: None,
            pack_kept: false,
            hub: None,
            started_at: chrono::Utc::now(),
        };
        app.start_hub();
        app.next_clear = app.wanted_clear(now);
        app.cleared.set(app.next_clear);
        app
    }

    /// The visitor's session (for tests).
    pub fn visitor(&self) -> &Visitor {
        &self.visitor
    }

    /// Whether the admin screen is open (for tests).
    pub fn admin_open(&self) -> bool {
        matches!(self.staff, Staff::Admin(_))
    }

    /// Whether the PIN pad is open (for tests).
    pub fn pin_pad_open(&self) -> bool {
        matches!(self.staff, Staff::Pin(_))
    }

    /// Whether a PIN is being checked (tests wait for the answer).
    pub fn pin_checking(&self) -> bool {
        self.pin_check.is_some()
    }

    /// Whether photos are still being decoded (tests wait for them before a
    /// snapshot).
    pub fn images_pending(&self) -> bool {
        self.images.pending()
    }

    /// Paints the background colour under everything, as the window's
    /// clear colour does in eframe: for renderers that clear to transparent
    /// (egui_kittest's snapshots).
    pub fn fill_background(mut self) -> Self {
        self.fill_background = true;
        self
    }

    /// How many photos the last frame drew (for the benches).
    pub fn photos_drawn(&self) -> usize {
        self.images.drawn()
    }

    /// How many photo decodes the frames have asked for, not counting
    /// those started before the first frame (for tests).
    pub fn photo_decodes_asked(&self) -> usize {
        self.images.sent()
    }

    /// Forgets every decoded photo, as a pack reload does (for the benches:
    /// a photo panel shown for the first time).
    pub fn forget_photos(&mut self, ctx: &egui::Context) {
        self.images = ImageCache::new(ctx, self.pack.source.clone());
    }

    /// Pixels held in photo textures, for memory checks.
    pub fn texture_pixels(&self) -> usize {
        self.images.texture_pixels()
    }
}

impl eframe::App for KioskApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.tick(ctx);
    }

    fn raw_input_hook(&mut self, ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        self.prepare_input(ctx, raw_input);
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.draw(ui);
    }

    fn clear_color(&self, _visuals: &egui::Visuals) -> [f32; 4] {
        // eframe asks just before each frame's `ui` and clears to it.
        self.cleared.set(self.next_clear);
        self.next_clear.to_normalized_gamma_f32()
    }
}
