//! The screens a visitor sees, one file each. A screen draws itself from the
//! pack and the visitor's session ([`Screen`]), and asks for what it wants
//! done with an [`Action`] instead of changing app state itself.

pub mod admin;
pub mod attract;
pub mod idle;
pub mod nav;
pub mod paddle;
pub mod photos;
pub mod pledge;
pub mod story;
pub mod timeline;
pub mod toolbar;
pub mod total;

use egui::{
    Vec2,
    scroll_area::{ScrollArea, ScrollSource},
};

use crate::{
    content::{Pack, StringKey, format::LocaleFormats},
    theme::Look,
    widgets::ImageState,
};

/// Which screen is showing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ScreenId {
    /// The attract loop.
    Attract,
    /// The founder's story.
    Story,
    /// The timeline.
    Timeline,
    /// The photo panels.
    Photos,
    /// The pledge form.
    Pledge,
}

/// How the kiosk runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Fullscreen, for strangers: no way out, idle reset, hidden cursor.
    Kiosk,
    /// A window on a staff laptop, driven by mouse and keyboard.
    Presenter,
}

/// What a screen asks the app to do; applied once, after the frame.
#[must_use]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// Show a screen.
    Go(ScreenId),
    /// The visitor is still here: cancel the idle countdown.
    StillHere,
    /// A PIN was entered on the staff pad.
    PinEntered(String),
    /// Close the PIN pad.
    ClosePinPad,
    /// Leave the admin screen.
    CloseAdmin,
    /// Quit the app (admin only).
    Quit,
    /// Commit this pledge to the store.
    SubmitPledge(Box<crate::pledge::ValidPledge>),
    /// Export pledges as CSV into a folder (admin only).
    Export {
        /// The folder, such as a USB stick's.
        dir: std::path::PathBuf,
        /// Only those since the last export.
        only_new: bool,
    },
    /// Read the content pack again (admin only).
    ReloadPack,
    /// Switch between kiosk and presenter mode (admin only).
    SwitchMode,
    /// Show everything in this locale.
    SetLocale(String),
    /// The next text size (after the largest, the first).
    NextTextSize,
    /// High contrast on or off.
    ToggleContrast,
    /// A step of the paddle entry screen (`--paddle-entry` only).
    Paddle(paddle::PaddleAction),
}

/// `r` with its far corner moved, if need be, so that it is never
/// smaller than nothing: margins and gaps a theme makes large can leave no
/// room at all, and a rectangle turned inside out breaks layout.
pub fn sound(r: egui::Rect) -> egui::Rect {
    egui::Rect::from_min_max(r.min, r.max.max(r.min))
}

/// The scroll area most screens are drawn in: vertical, filling its room,
/// and moved by a drag of any kind as well as the wheel and the bar. Give it
/// to [`scroll_column`].
pub fn column_area(id: egui::Id) -> ScrollArea {
    ScrollArea::vertical()
        .id_salt(id)
        .scroll_source(ScrollSource::ALL)
        .auto_shrink([false, false])
}

/// Shows `area` with `add` inside, laid out at a steady width: the room
/// inside `ui` less the scroll bar's, whether the bar shows or not. Laid
/// out at the room the bar leaves only while it shows, content whose height
/// depends on its width (wrapped text, a grid of photos) could fit without
/// the bar and not fit with it, and the bar would show and hide frame after
/// frame.
pub fn scroll_column<R>(
    ui: &mut egui::Ui,
    area: ScrollArea,
    add: impl FnOnce(&mut egui::Ui) -> R,
) -> R {
    let width = (ui.available_width() - ui.spacing().scroll.allocated_width()).max(1.0);
    area.show(ui, |ui| {
        ui.set_max_width(width);
        add(ui)
    })
    .inner
}

/// Lays `add` out in a column `margin` in from the left and the right of
/// `ui`, after `margin` of space at the top.
pub fn padded<R>(ui: &mut egui::Ui, margin: f32, add: impl FnOnce(&mut egui::Ui) -> R) -> R {
    ui.add_space(margin);
    ui.horizontal(|ui| {
        ui.add_space(margin);
        ui.vertical(|ui| {
            ui.set_width((ui.available_width() - margin).max(0.0));
            add(ui)
        })
        .inner
    })
    .inner
}

/// Draws `add` over everything else on the screen, on the look's
/// background, in an area named `id`: for overlays (the countdown, the PIN
/// pad, the photo viewer). `add` gets the whole screen's rectangle.
pub fn cover<R>(
    ctx: &egui::Context,
    id: egui::Id,
    look: &Look,
    add: impl FnOnce(&mut egui::Ui, egui::Rect) -> R,
) -> R {
    let screen = ctx.content_rect();
    egui::Area::new(id)
        .order(egui::Order::Foreground)
        .fixed_pos(screen.min)
        .show(ctx, |ui| {
            ui.set_min_size(screen.size());
            ui.painter()
                .rect_filled(screen, 0.0, look.colors.background);
            add(ui, screen)
        })
        .inner
}

/// Where screens get photos: a cache that decodes them off the UI thread.
pub trait Images {
    /// The photo at `file` (inside the pack) for showing at `size_px`
    /// pixels. Never blocks: until the decode is done it says `Loading`.
    fn get(&self, file: &str, size_px: Vec2) -> ImageState;
    /// The photo at `file` will not be shown again for a while: its
    /// textures may go at once rather than when they have not been drawn
    /// for some time.
    fn release(&self, file: &str);
}

/// The one contract of a screen a visitor sees: draw into `ui` with what
/// `cx` gives, and push what should be done into `actions`, which the app
/// applies once, after the frame (as many as the frame asked for).
pub trait Screen {
    /// Draws the screen.
    fn ui(&mut self, ui: &mut egui::Ui, cx: &ScreenCx<'_>, actions: &mut Vec<Action>);
}

/// What every screen reads while drawing.
pub struct ScreenCx<'a> {
    /// The content pack in use.
    pub pack: &'a Pack,
    /// The visitor's locale, such as `"en"`.
    pub locale: &'a str,
    /// Numbers, money and dates as the visitor's language writes them.
    pub fmt: &'a LocaleFormats,
    /// Colours and sizes.
    pub look: &'a Look,
    /// Photos.
    pub images: &'a dyn Images,
    /// Kiosk or presenter.
    pub mode: Mode,
    /// Seconds since start, from egui (so tests step it exactly).
    pub now: f64,
    /// Changes at every idle reset, so egui state keyed by it (scroll
    /// positions) starts fresh for the next visitor.
    pub epoch: u64,
    /// The visitor's text size and contrast.
    pub prefs: toolbar::Prefs,
    /// The colour the window was cleared to for this frame (the attract
    /// loop paints its stage over it, or on it).
    pub cleared: egui::Color32,
}

impl<'a> ScreenCx<'a> {
    /// The context of a staff app's own window (the total screen, paddle
    /// entry): presenter mode, the theme's own sizes and colours, no
    /// visitor to reset for.
    pub fn for_staff(
        pack: &'a Pack,
        locale: &'a str,
        fmt: &'a LocaleFormats,
        look: &'a Look,
        images: &'a dyn Images,
        now: f64,
    ) -> Self {
        ScreenCx {
            pack,
            locale,
            fmt,
            look,
            images,
            mode: Mode::Presenter,
            now,
            epoch: 0,
            prefs: toolbar::Prefs::default(),
            cleared: look.colors.background,
        }
    }
}

impl ScreenCx<'_> {
    /// A UI string in the visitor's language.
    pub fn s(&self, key: StringKey) -> &str {
        self.pack.string(key, self.locale)
    }

    /// A pack text in the visitor's language.
    pub fn tr<'t>(&self, text: &'t crate::content::Text) -> &'t str {
        self.pack.tr(text, self.locale)
    }

    /// An egui id that is new for every visitor.
    pub fn id(&self, name: &str) -> egui::Id {
        egui::Id::unique((name, self.epoch))
    }

    /// Physical pixels for `points`, at the current scale.
    pub fn px(&self, ui: &egui::Ui, points: Vec2) -> Vec2 {
        points * ui.ctx().pixels_per_point()
    }

    /// Whether the screen is taller than wide.
    pub fn portrait(ui: &egui::Ui) -> bool {
        let r = ui.ctx().content_rect();
        r.height() > r.width()
    }
}
