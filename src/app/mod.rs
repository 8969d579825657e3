//! The eframe application. `logic()` runs the timers (idle, admin gesture),
//! takes finished photo decodes and keyboard commands; `ui()` draws the
//! current screen and its overlays; [`action`] applies what screens asked
//! for, once, after the frame.

mod action;
pub mod drives;
pub mod images;
pub mod probe;
mod shrink;
pub mod total;
mod visitor;

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
        self, Action, Mode, ScreenCx, ScreenId,
        admin::{AdminView, PinPad},
    },
    session::{CornerTaps, IdlePhase, IdleTimer, PinLock},
    theme::Look,
};
use images::{ImageCache, Prefetch};

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
    pin_pad: Option<PinPad>,
    /// A PIN being checked on its own thread (argon2 is slow on purpose,
    /// and a frame must not wait for it): the answer arrives here.
    pin_check: Option<std::sync::mpsc::Receiver<bool>>,
    admin_open: bool,
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
    admin_summary: Option<Result<(Stats, Vec<PledgeRow>), String>>,
    admin_refreshed_at: f64,
    export_message: Option<String>,
    drives: Vec<PathBuf>,
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
        let repaint = ctx.clone();
        let writer = (!options.without_store)
            .then(|| {
                Writer::start(data_dir.clone(), move || repaint.request_repaint())
                    .map_err(|e| {
                        eprintln!("storykiosk: cannot start the pledge store's thread: {e}")
                    })
                    .ok()
            })
            .flatten();
        let pack = report.pack;
        let now = ctx.input(|i| i.time);
        let watcher = report
            .requested
            .clone()
            .filter(|_| options.watch)
            .and_then(|dir| {
                let repaint = ctx.clone();
                let strings = Pack::bundled().map(|b| b.strings).unwrap_or_default();
                PackWatcher::start(dir, strings, move || repaint.request_repaint())
                    .map_err(|e| eprintln!("storykiosk: cannot watch the pack: {e}"))
                    .ok()
            });
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
            pin_pad: None,
            pin_check: None,
            admin_open: false,
            quitting: false,
            fullscreen: mode == Mode::Kiosk || options.fullscreen,
            start_screen: options.screen.filter(|_| mode == Mode::Presenter),
            step: None,
            data_dir,
            writer,
            next_ticket: 1,
            admin_summary: None,
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
            admin_refreshed_at: f64::NEG_INFINITY,
            export_message: None,
            drives: Vec::new(),
        };
        app.next_clear = app.wanted_clear(now);
        app.cleared.set(app.next_clear);
        app
    }

    /// The colour the window should be cleared to for a frame drawn at
    /// `now`: the background, or the attract loop's stage while a figure
    /// slide holds still (see [`AttractScreen::backdrop`]).
    fn wanted_clear(&self, now: f64) -> egui::Color32 {
        let attract = !self.admin_open && self.visitor.screen == ScreenId::Attract;
        attract
            .then(|| self.visitor.attract.backdrop(&self.pack, &self.look, now))
            .flatten()
            .unwrap_or(self.look.colors.background)
    }

    /// Recomputes the look when the visitor changes text size or contrast.
    fn sync_look(&mut self, ctx: &egui::Context) {
        let prefs = self.visitor.prefs;
        let look = Look::for_visitor(&self.pack.theme, prefs.high_contrast, prefs.text_size);
        if look != self.look {
            ctx.all_styles_mut(|style| *style = look.style(style));
            self.look = look;
        }
    }

    /// Names the window after the pack (what window lists, task bars and
    /// screen readers show).
    fn show_title(ctx: &egui::Context, pack: &Pack) {
        let title = pack.tr(&pack.manifest.title, &pack.manifest.default_locale);
        ctx.send_viewport_cmd(ViewportCommand::Title(title.to_owned()));
    }

    /// Tunes input for fingers; in kiosk mode no shortcut quits.
    fn input_options(ctx: &egui::Context, look: &Look, mode: Mode) {
        ctx.options_mut(|o| {
            o.input_options.max_click_dist = look.tap_slop_px();
            o.input_options.max_click_duration = TAP_MAX_SECS;
            o.zoom_with_keyboard = false;
            if mode == Mode::Kiosk {
                o.quit_shortcuts.clear();
            } else {
                o.quit_shortcuts = egui::Options::default().quit_shortcuts;
            }
        });
    }

    /// Reads the content pack again (staff changed it), and starts a fresh
    /// session on it.
    fn reload_pack(&mut self, ctx: &egui::Context, now: f64) {
        match crate::content::load_or_bundled(self.requested.as_deref()) {
            Ok(report) => {
                self.pack_kept = false;
                self.install_pack(ctx, report.pack, report.problems, report.fell_back, now);
            }
            Err(problems) => {
                for p in problems {
                    eprintln!("storykiosk: <bundled>/{p}");
                }
            }
        }
    }

    /// What `--watch` found: a sound pack waits for the visitor's session to
    /// end (the attract loop, in kiosk mode) before it replaces the one on
    /// show; a broken one is reported and the last good pack stays.
    fn watch_pack(&mut self, ctx: &egui::Context, now: f64) {
        if let Some(change) = self.watcher.as_ref().and_then(PackWatcher::try_recv) {
            match change {
                PackChange::Loaded(pack, problems) => {
                    self.pack_kept = false;
                    self.pending_pack = Some((Arc::new(*pack), problems));
                }
                PackChange::Rejected(problems) => {
                    eprintln!("storykiosk: the changed pack has errors; the last good pack stays");
                    for p in &problems {
                        eprintln!("{p}");
                    }
                    self.problems = problems;
                    self.pack_kept = true;
                    self.pending_pack = None;
                }
            }
        }
        let between_visitors = self.mode == Mode::Presenter
            || (self.visitor.screen == ScreenId::Attract && !self.admin_open);
        if between_visitors && let Some((pack, problems)) = self.pending_pack.take() {
            eprintln!("storykiosk: the changed pack is sound; showing it");
            self.install_pack(ctx, pack, problems, false, now);
        }
    }

    /// Shows `pack` from now on, with a fresh session.
    fn install_pack(
        &mut self,
        ctx: &egui::Context,
        pack: Arc<Pack>,
        problems: Vec<Problem>,
        fell_back: bool,
        now: f64,
    ) {
        Self::show_title(ctx, &pack);
        if pack
            .fonts
            .iter()
            .map(|f| &f.file)
            .ne(self.pack.fonts.iter().map(|f| &f.file))
            || pack
                .fonts
                .iter()
                .zip(&self.pack.fonts)
                .any(|(a, b)| a.bytes != b.bytes)
        {
            crate::theme::install_fonts(ctx, &pack.fonts);
        }
        self.pack = pack;
        self.problems = problems;
        self.fell_back = fell_back;
        self.look = Look::for_visitor(&self.pack.theme, false, 0);
        let look = self.look.clone();
        ctx.all_styles_mut(|style| *style = look.style(style));
        self.images = ImageCache::new(ctx, self.pack.source.clone());
        let timings = &self.pack.manifest.timings;
        self.idle = IdleTimer::new(
            f64::from(timings.idle_timeout_secs),
            f64::from(timings.idle_countdown_secs),
            now,
        );
        let admin_open = self.admin_open;
        self.reset_visitor(now);
        self.admin_open = admin_open;
    }

    /// The visitor's session (for tests).
    pub fn visitor(&self) -> &Visitor {
        &self.visitor
    }

    /// Whether the admin screen is open (for tests).
    pub fn admin_open(&self) -> bool {
        self.admin_open
    }

    /// Whether the PIN pad is open (for tests).
    pub fn pin_pad_open(&self) -> bool {
        self.pin_pad.is_some()
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

    /// Forgets the visitor: back to the start, nothing of theirs kept.
    fn reset_visitor(&mut self, now: f64) {
        self.visitor = Visitor::new(&self.pack, self.mode, now, self.visitor.epoch + 1)
            .starting_on(self.start_screen);
        // egui keeps each widget's state (scroll offsets, areas) by id, and
        // ids carry the session's epoch: forget the last visitor's, or they
        // would pile up over days of visitors.
        self.ctx.memory_mut(|m| {
            m.data.clear();
            m.reset_areas();
        });
        self.pin_pad = None;
        self.admin_open = false;
        self.idle.touch(now);
        self.fresh_glyph_atlas();
    }

    /// egui's glyph atlas only grows (up to 4096 px square, 64 MiB, kept by
    /// egui and again by the GPU) until it is nearly full. A visitor who
    /// read everything in Chinese at a larger text size leaves it several
    /// times its size at start, so the next visitor starts with fonts built
    /// afresh: their glyphs are drawn again as they are needed.
    fn fresh_glyph_atlas(&self) {
        let grown = self
            .atlas_at_start
            .is_some_and(|start| self.ctx.fonts(|f| f.font_image_size())[1] > start[1]);
        if grown {
            // Setting the providers makes egui rebuild its fonts, atlas and
            // all, at the start of the next pass.
            self.ctx
                .set_font_providers(self.system_fonts.iter().cloned().collect());
        }
    }

    /// Scales the UI so the short side of the screen is
    /// [`DESIGN_SHORT_SIDE`] points: sizes in the theme are "at 1080p".
    pub(crate) fn fit_zoom(ctx: &egui::Context) {
        let (short_points, native) = ctx.input(|i| {
            let r = i.content_rect();
            (
                r.width().min(r.height()),
                i.viewport().native_pixels_per_point.unwrap_or(1.0),
            )
        });
        if let Some(zoom) = zoom_change(short_points, ctx.zoom_factor(), native) {
            ctx.set_zoom_factor(zoom);
        }
    }

    fn read_input(&mut self, ctx: &egui::Context, now: f64) {
        let corner = Rect::from_min_size(Pos2::ZERO, Vec2::splat(self.look.min_touch_px));
        let (active, presses, keys) = ctx.input(|i| {
            let active = i.events.iter().any(|e| {
                matches!(
                    e,
                    egui::Event::PointerButton { .. }
                        | egui::Event::PointerMoved(_)
                        | egui::Event::Touch { .. }
                        | egui::Event::Key { .. }
                        | egui::Event::Text(_)
                        | egui::Event::Ime(_)
                        | egui::Event::MouseWheel { .. }
                        // A screen reader's press is a visitor's too.
                        | egui::Event::AccessKitActionRequest(_)
                )
            });
            let presses: Vec<Pos2> = i
                .events
                .iter()
                .filter_map(|e| match e {
                    egui::Event::PointerButton {
                        pos, pressed: true, ..
                    } => Some(*pos),
                    _ => None,
                })
                .collect();
            let keys: Vec<egui::Key> = i
                .events
                .iter()
                .filter_map(|e| match e {
                    egui::Event::Key {
                        key, pressed: true, ..
                    } => Some(*key),
                    _ => None,
                })
                .collect();
            (active, presses, keys)
        });
        if active {
            self.idle.touch(now);
        }
        for pos in presses {
            if corner.contains(pos) {
                if self.corner.tap(now) && self.pin_pad.is_none() && !self.admin_open {
                    self.open_pin_pad(now);
                }
            } else {
                self.corner.interrupt();
            }
        }
        if self.pin_pad.is_some() || self.admin_open {
            return;
        }
        for key in keys {
            match key {
                egui::Key::ArrowRight | egui::Key::Space | egui::Key::PageDown => {
                    self.step = Some(Step::Next)
                }
                egui::Key::ArrowLeft | egui::Key::PageUp => self.step = Some(Step::Previous),
                egui::Key::F11 if self.mode == Mode::Presenter => {
                    self.fullscreen = !self.fullscreen;
                    ctx.send_viewport_cmd(ViewportCommand::Fullscreen(self.fullscreen));
                }
                egui::Key::Escape if self.mode == Mode::Presenter && self.fullscreen => {
                    self.fullscreen = false;
                    ctx.send_viewport_cmd(ViewportCommand::Fullscreen(false));
                }
                _ => {}
            }
        }
    }

    /// Takes what the pledge store has answered.
    fn store_replies(&mut self, now: f64) {
        let Some(writer) = &self.writer else { return };
        while let Some(reply) = writer.try_recv() {
            match reply {
                Reply::Inserted { ticket, result } => {
                    let result = result.as_deref().map_err(String::as_str);
                    if let Err(e) = result {
                        eprintln!("storykiosk: a pledge could not be saved: {e}");
                    }
                    self.visitor.pledge.saved(ticket, result, now);
                }
                Reply::Opened(result) => {
                    if let Ok(opened) = &result {
                        self.pin_lock.restore(opened.pin_failures, now);
                    }
                    let locale = &self.visitor.locale;
                    if let Ok(opened) = &result
                        && opened.sealing_required
                        && self.pledge_blocker.is_none()
                        && !matches!(self.config.seal_recipient(), Ok(Some(_)))
                    {
                        // Settings that lost their key: no pledge is taken
                        // rather than one stored readable.
                        let why = crate::pledge::StoreError::SealingRequired.to_string();
                        eprintln!("storykiosk: pledges are switched off: {why}");
                        self.pledge_blocker = Some(why);
                    }
                    self.store_notice = match result.map(|o| o.set_aside) {
                        Ok(None) => None,
                        Ok(Some(aside)) => {
                            let notice = fill(
                                self.pack
                                    .string(crate::content::StringKey::AdminStoreSetAside, locale),
                                &[("file", &aside.display().to_string())],
                            );
                            eprintln!("storykiosk: {notice}");
                            Some(notice)
                        }
                        Err(e) => {
                            eprintln!("storykiosk: the pledge store cannot be opened: {e}");
                            Some(fill(
                                self.pack
                                    .string(crate::content::StringKey::AdminStoreFailed, locale),
                                &[("error", &e)],
                            ))
                        }
                    };
                }
                Reply::Summary(summary) => self.admin_summary = Some(summary),
                Reply::PinFailuresStored(Err(e)) => {
                    eprintln!("storykiosk: cannot store the count of wrong PINs: {e}");
                }
                Reply::PinFailuresStored(Ok(())) => {}
                Reply::Exported(result) => {
                    let locale = &self.visitor.locale;
                    self.export_message = Some(match result {
                        Ok((path, rows)) => fill(
                            self.pack
                                .string(crate::content::StringKey::AdminExported, locale),
                            &[
                                ("count", &rows.to_string()),
                                ("file", &path.display().to_string()),
                            ],
                        ),
                        Err(e) => fill(
                            self.pack
                                .string(crate::content::StringKey::AdminExportFailed, locale),
                            &[("error", &e)],
                        ),
                    });
                }
            }
        }
    }

    /// Asks the store for fresh totals and looks for drives again.
    fn refresh_admin(&mut self, now: f64) {
        self.admin_refreshed_at = now;
        self.drives = drives::export_targets(&self.data_dir);
        let sent = self.writer.as_ref().is_some_and(|w| {
            w.send(Request::Summary {
                event_id: self.config.event_id.clone(),
                currency: self.pack.pledge.currency.code.clone(),
                recent: ADMIN_RECENT,
            })
        });
        if !sent {
            self.admin_summary = Some(Err("the pledge store's thread is not running".to_owned()));
        }
    }

    /// Checks `pin` on its own thread; [`Self::pin_answer`] takes the
    /// answer in a later frame.
    pub(super) fn check_pin(&mut self, ctx: &egui::Context, pin: String) {
        let (answer, inbox) = std::sync::mpsc::channel();
        let config = self.config.clone();
        let repaint = ctx.clone();
        let pin = zeroize::Zeroizing::new(pin);
        let started = std::thread::Builder::new()
            .name("pin-check".to_owned())
            .spawn(move || {
                let _ = answer.send(config.verify_pin(&pin));
                repaint.request_repaint();
            });
        match started {
            Ok(_) => self.pin_check = Some(inbox),
            Err(e) => eprintln!("storykiosk: cannot check the PIN: {e}"),
        }
    }

    /// The answer to a PIN being checked, if it has come: the right PIN
    /// opens the staff screen; a wrong one counts toward the lock, which
    /// is stored so that it outlives a restart.
    fn pin_answer(&mut self, now: f64) {
        use screens::admin::PadMessage;
        let Some(inbox) = &self.pin_check else { return };
        let right = match inbox.try_recv() {
            Ok(right) => right,
            Err(std::sync::mpsc::TryRecvError::Empty) => return,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => false,
        };
        self.pin_check = None;
        if right {
            self.pin_lock.succeeded();
            // Unless staff closed the pad meanwhile.
            self.admin_open = self.pin_pad.take().is_some();
        } else {
            self.pin_lock.failed(now);
            let message = match self.pin_lock.locked_for(now) {
                Some(secs) => PadMessage::Locked(secs),
                None => PadMessage::Wrong,
            };
            if self.pin_pad.is_some() {
                self.pin_pad = Some(PinPad::new(message));
            }
        }
        let failures = self.pin_lock.failures();
        if let Some(w) = &self.writer {
            w.send(Request::PinFailures(failures));
        }
    }

    fn open_pin_pad(&mut self, now: f64) {
        use screens::admin::PadMessage;
        let message = if self.config.pin_hash.is_none() {
            PadMessage::NotSet
        } else if let Some(why) = self.config.pin_hash_problem() {
            // Setting the PIN again is the way out, as for no PIN.
            eprintln!("storykiosk: the staff PIN cannot be checked: {why}");
            PadMessage::NotSet
        } else if let Some(secs) = self.pin_lock.locked_for(now) {
            PadMessage::Locked(secs)
        } else {
            PadMessage::None
        };
        self.pin_pad = Some(PinPad::new(message));
    }

    fn apply_step(&mut self, step: Step) {
        let v = &mut self.visitor;
        let pack = &self.pack;
        match (v.screen, step) {
            (ScreenId::Attract, _) => v.screen = ScreenId::Story,
            (ScreenId::Story, Step::Next) => v.story.next(pack.story.chapters.len()),
            (ScreenId::Story, Step::Previous) => v.story.previous(),
            (ScreenId::Timeline, Step::Next) => v.timeline.next(pack.timeline.events.len()),
            (ScreenId::Timeline, Step::Previous) => v.timeline.previous(pack.timeline.events.len()),
            (ScreenId::Photos, Step::Next) => v.photos.next(pack.photos.photos.len()),
            (ScreenId::Photos, Step::Previous) => v.photos.previous(),
            (ScreenId::Pledge | ScreenId::Admin, _) => {}
        }
    }
}

impl KioskApp {
    /// What a frame does before drawing, shown or not: timers, replies from
    /// the store, a changed pack (eframe's `logic`).
    pub(crate) fn tick(&mut self, ctx: &egui::Context) {
        let now = ctx.input(|i| i.time);
        if self.system_fonts_pending && now >= SYSTEM_FONTS_AFTER_SECS {
            // Reading the computer's font list takes a thread a while; by now
            // the first screen is up.
            self.system_fonts_pending = false;
            let provider: Arc<dyn egui::FontProvider> =
                Arc::new(egui_system_font_provider::SystemFontProvider::new());
            ctx.add_font_provider(Arc::clone(&provider));
            self.system_fonts = Some(provider);
        } else if self.system_fonts_pending {
            ctx.request_repaint_after(Duration::from_secs_f64(SYSTEM_FONTS_AFTER_SECS - now));
        }
        Self::fit_zoom(ctx);
        self.images.logic(now);
        if ctx.input(|i| i.viewport().close_requested())
            && self.mode == Mode::Kiosk
            && !self.quitting
        {
            // Alt+F4 and the like: a visitor has no way out.
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
        }
        self.read_input(ctx, now);
        if let Some(step) = self.step.take() {
            self.apply_step(step);
        }
        self.store_replies(now);
        self.pin_answer(now);
        self.watch_pack(ctx, now);
        let thanks_secs = f64::from(self.pack.manifest.timings.thanks_timeout_secs);
        if self.visitor.pledge.thanks_over(now, thanks_secs) {
            // The donor's details go with the session.
            self.reset_visitor(now);
        } else if matches!(self.visitor.pledge.step, screens::pledge::Step::Thanks(_)) {
            ctx.request_repaint_after(Duration::from_secs(1));
        }
        if self.admin_open {
            if now - self.admin_refreshed_at >= ADMIN_REFRESH_SECS {
                self.refresh_admin(now);
            }
            ctx.request_repaint_after(Duration::from_secs_f64(ADMIN_REFRESH_SECS));
        }
        if self.mode == Mode::Kiosk {
            if self.visitor.screen == ScreenId::Attract
                && self.pin_pad.is_none()
                && !self.admin_open
            {
                // Nobody to ask "still there?": the attract loop is the idle state.
                self.idle.touch(now);
            }
            match self.idle.phase(now) {
                IdlePhase::Expired => self.reset_visitor(now),
                IdlePhase::Active { .. } | IdlePhase::Countdown { .. } => {}
            }
            if let Some(secs) = self.idle.secs_to_next_change(now) {
                ctx.request_repaint_after(Duration::from_secs_f64(secs.max(0.01)));
            }
        }
    }

    /// Prepares a frame's input: the zoom set before the pass, events that
    /// change nothing dropped (eframe's `raw_input_hook`).
    pub(crate) fn prepare_input(&mut self, ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        if self.trace_frames {
            // The kinds of event only: a trace must not log what a donor
            // types.
            let kinds: Vec<String> = raw_input
                .events
                .iter()
                .map(|e| {
                    let debug = format!("{e:?}");
                    let end = debug.find([' ', '(', '{']).unwrap_or(debug.len());
                    debug[..end].to_owned()
                })
                .collect();
            eprintln!(
                "storykiosk: input {kinds:?}, window {:?}",
                raw_input.screen_rect
            );
        }
        drop_events_that_change_nothing(raw_input, ctx.input(|i| i.modifiers));
        zoom_before_the_pass(ctx, raw_input);
        // egui makes its glyph atlas as wide as the largest texture the GPU
        // allows (16384 px with Mesa), and keeps it twice: in memory and on
        // the GPU. A narrower atlas holds the same glyphs in a fraction of
        // the memory; photos never need more than this either.
        raw_input.max_texture_side = Some(
            raw_input
                .max_texture_side
                .unwrap_or(MAX_TEXTURE_SIDE)
                .min(MAX_TEXTURE_SIDE),
        );
    }

    /// Draws the frame (eframe's `ui`).
    pub(crate) fn draw(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        let now = ctx.input(|i| i.time);
        if self.trace_frames {
            eprintln!(
                "storykiosk: frame at {:.1} ms, pass {}, asked for by {:?}",
                now * 1000.0,
                ctx.current_pass_index(),
                ctx.repaint_causes()
            );
        }
        if self.mode == Mode::Kiosk {
            ctx.set_cursor_icon(egui::CursorIcon::None);
        }
        self.sync_look(&ctx);
        if self.fill_background && ctx.current_pass_index() == 0 {
            // No eframe here: clear as `clear_color` would have.
            self.cleared.set(self.next_clear);
        }
        let cleared = self.cleared.get();
        let on_attract = !self.admin_open && self.visitor.screen == ScreenId::Attract;
        let under = ctx.layer_painter(egui::LayerId::background());
        if self.fill_background {
            under.rect_filled(ctx.content_rect(), 0.0, cleared);
        }
        if cleared != self.look.colors.background && !on_attract {
            // A screen shown after a frame of the attract loop cleared to its
            // stage colour (the loop itself copes with any clear).
            under.rect_filled(ctx.content_rect(), 0.0, self.look.colors.background);
        }
        let locale = self.visitor.locale.clone();
        let fmt = self.formats.get(&self.pack, &locale);
        let cx = ScreenCx {
            pack: &self.pack,
            locale: &locale,
            fmt,
            look: &self.look,
            images: &self.images,
            mode: self.mode,
            now,
            epoch: self.visitor.epoch,
            prefs: self.visitor.prefs,
        };
        let mut actions: Vec<Action> = Vec::new();
        // The window is cleared to the background colour (`clear_color`),
        // so panels on it draw no fill of their own: on a software renderer
        // every full-screen fill is a pass over two million pixels.
        let background = egui::Frame::new();
        let v = &mut self.visitor;
        if self.admin_open {
            let settings_notice = self.pledge_blocker.as_ref().map(|why| {
                fill(
                    cx.s(crate::content::StringKey::AdminSettingsBroken),
                    &[("error", why)],
                )
            });
            let view = AdminView {
                requested: self.requested.as_deref(),
                fell_back: self.fell_back,
                problems: &self.problems,
                summary: self.admin_summary.as_ref(),
                // Pledges are off for the first, so it comes first.
                store_notice: settings_notice.as_deref().or(self.store_notice.as_deref()),
                pack_kept: self.pack_kept,
                event_id: &self.config.event_id,
                drives: &self.drives,
                export_message: self.export_message.as_deref(),
                mode: self.mode,
            };
            egui::CentralPanel::default()
                .frame(background)
                .show(ui, |ui| actions.extend(screens::admin::ui(ui, &cx, &view)));
        } else if v.screen == ScreenId::Attract {
            egui::CentralPanel::default()
                .frame(egui::Frame::NONE)
                .show(ui, |ui| actions.extend(v.attract.ui(ui, &cx, cleared)));
            // The visitor's controls float at the top right of the loop.
            let area = egui::Area::new(cx.id("attract-toolbar"))
                .order(egui::Order::Foreground)
                .anchor(
                    egui::Align2::RIGHT_TOP,
                    egui::vec2(-self.look.space_medium, self.look.space_medium),
                );
            let room =
                ctx.content_rect().width() - 2.0 * self.look.space_medium - self.look.min_touch_px;
            area.show(&ctx, |ui| {
                ui.horizontal(|ui| {
                    actions.extend(screens::toolbar::toolbar(ui, &cx, cx.prefs, room))
                })
            });
        } else {
            let bar_frame = egui::Frame::new()
                .inner_margin(egui::Margin::same(self.look.space_small.round() as i8));
            egui::Panel::top(cx.id("top-bar"))
                .frame(bar_frame)
                .show_separator_line(false)
                .show(ui, |ui| {
                    ui.horizontal(|ui| {
                        // The corner stays clear for the staff gesture.
                        ui.add_space(self.look.min_touch_px);
                        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                            // The controls first, with most of the room;
                            // the pack's title on one line in the rest,
                            // cut short with "…" if it must be.
                            let room = ui.available_width() * 0.8;
                            actions.extend(screens::toolbar::toolbar(ui, &cx, cx.prefs, room));
                            let look = &self.look;
                            let title = cx.tr(&cx.pack.manifest.title);
                            let galley = look.rows(
                                ui,
                                title,
                                look.body_px,
                                look.colors.text_muted,
                                ui.available_width() - look.space_small,
                                1,
                            );
                            if galley.elided {
                                crate::widgets::misfit::note(
                                    ui.ctx(),
                                    title,
                                    crate::widgets::misfit::How::Cut,
                                );
                            }
                            ui.with_layout(
                                egui::Layout::left_to_right(egui::Align::Center),
                                |ui| ui.label(galley),
                            );
                        });
                    });
                });
            let nav_frame = egui::Frame::new()
                .fill(self.look.colors.surface)
                .inner_margin(egui::Margin::same(self.look.space_small.round() as i8));
            egui::Panel::bottom(cx.id("nav"))
                .frame(nav_frame)
                .show_separator_line(false)
                .show(ui, |ui| {
                    actions.extend(screens::nav::nav_bar(ui, &cx, v.screen))
                });
            egui::CentralPanel::default()
                .frame(background)
                .show(ui, |ui| match v.screen {
                    ScreenId::Story => v.story.ui(ui, &cx),
                    ScreenId::Timeline => v.timeline.ui(ui, &cx),
                    ScreenId::Photos => actions.extend(v.photos.ui(ui, &cx)),
                    ScreenId::Pledge => actions.extend(v.pledge.ui(ui, &cx)),
                    ScreenId::Attract | ScreenId::Admin => {}
                });
        }
        if self.mode == Mode::Kiosk
            && let IdlePhase::Countdown { secs_left } = self.idle.phase(now)
        {
            actions.extend(screens::idle::overlay(&ctx, &cx, secs_left));
        }
        if let Some(pad) = &mut self.pin_pad {
            actions.extend(pad.ui(&ctx, &cx));
        }
        for action in actions {
            self.apply(&ctx, action, now);
        }
        self.next_clear = self.wanted_clear(now);
        // Photos start decoding while this frame renders, not a frame later
        // (on the photo panels every photo shows ~100 ms sooner). Except in
        // the attract loop's first frame, the kiosk's first sight: on two
        // cores a decode beside it delayed it by ~18 ms (median of 5), and
        // its photo fades in anyway. `logic()` sends whatever is left.
        if !(self.visitor.screen == ScreenId::Attract && ctx.cumulative_frame_nr() == 0) {
            self.images.dispatch();
        }
        if self.atlas_at_start.is_none() {
            self.atlas_at_start = Some(ctx.fonts(|f| f.font_image_size()));
        }
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

/// Removes the events that change nothing in egui or in the app: the
/// window gaining focus (only losing it matters: egui then lets go of held
/// keys), and "modifiers changed" when every such event in the frame leaves
/// the `modifiers` egui already has (winit sends both whenever the window
/// gains focus). egui answers any event with one more frame after the one
/// that handles it, and on a software renderer a frame costs ~36 ms of CPU
/// (the photo panels at 1920×1080); at start-up that time is taken from
/// the photo decoders.
fn drop_events_that_change_nothing(raw_input: &mut egui::RawInput, modifiers: egui::Modifiers) {
    let modifiers_stay = raw_input.events.iter().all(|e| match e {
        egui::Event::ModifiersChanged(m) => *m == modifiers,
        // Losing focus clears the modifiers; a change after it is real.
        egui::Event::WindowFocused(false) => false,
        _ => true,
    });
    raw_input.events.retain(|e| match e {
        egui::Event::WindowFocused(true) => false,
        egui::Event::ModifiersChanged(_) => !modifiers_stay,
        _ => true,
    });
}

/// The zoom that makes a screen whose short side is `short_px` pixels
/// [`DESIGN_SHORT_SIDE`] points, at `native` pixels per point.
pub fn design_zoom(short_px: f32, native: f32) -> f32 {
    short_px / DESIGN_SHORT_SIDE / native
}

/// The zoom that scales a screen whose short side is `short_points` points
/// at zoom `old` (and `native` pixels per point) to [`DESIGN_SHORT_SIDE`]
/// points; `None` when `old` already does, or the sizes are not known.
fn zoom_change(short_points: f32, old: f32, native: f32) -> Option<f32> {
    let short_px = short_points * old * native;
    if short_px <= 0.0 || native <= 0.0 {
        return None;
    }
    let zoom = design_zoom(short_px, native);
    ((zoom - old).abs() > 0.005).then_some(zoom)
}

/// Sets the zoom for the pass `raw_input` starts, before it starts, so that
/// even the first frame (and the first after a resize) is laid out at the
/// size it is shown at: set later (`fit_zoom`, in `logic()`), it takes
/// effect a pass late, and that pass draws, and asks for photos, at the
/// wrong size. egui-winit gave `raw_input` in points at the old zoom; they
/// are converted.
fn zoom_before_the_pass(ctx: &egui::Context, raw_input: &mut egui::RawInput) {
    let Some(rect) = raw_input.screen_rect else {
        return;
    };
    let native = raw_input.viewport().native_pixels_per_point.unwrap_or(1.0);
    let old = ctx.zoom_factor();
    let Some(zoom) = zoom_change(rect.width().min(rect.height()), old, native) else {
        return;
    };
    ctx.options_mut(|o| o.zoom_factor = zoom);
    let ratio = old / zoom;
    let scale = |p: Pos2| (p.to_vec2() * ratio).to_pos2();
    raw_input.screen_rect = Some(Rect::from_min_max(scale(rect.min), scale(rect.max)));
    for event in &mut raw_input.events {
        match event {
            egui::Event::PointerMoved(pos)
            | egui::Event::PointerButton { pos, .. }
            | egui::Event::Touch { pos, .. } => *pos = scale(*pos),
            _ => {}
        }
    }
}

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
