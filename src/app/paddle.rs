//! The paddle entry app (`storykiosk --paddle-entry`): a volunteer's
//! laptop or tablet during the paddle raise, behind the staff PIN. The
//! volunteer chooses the level being called, then enters paddle numbers as
//! they are read out; each is a pledge of kind `paddle` in this machine's
//! store, sent to the gala hub like any other. An entry can be undone for
//! two minutes, as a cancellation of its own.

use std::{path::PathBuf, sync::Arc, sync::mpsc};

use chrono::Utc;

use crate::{
    config::KioskConfig,
    content::{Pack, StringKey, fill},
    hub::send::{KioskInfo, Sender},
    pledge::{
        PledgeRow, Store,
        store::{Calling, LevelCount, MAX_PADDLE, PaddleEntry, UNDO_WINDOW},
    },
    screens::{
        self, Action, ScreenCx,
        admin::{PadMessage, PinPad},
        paddle::{Choice, PaddleAction, PaddleView, Said, Typing},
    },
    session::admin::PinLock,
    theme::Look,
};

use super::images::ImageCache;

/// Entries listed on the screen.
pub const RECENT: usize = 8;
/// The most digits of an amount of its own (in whole units of the
/// currency).
pub const MAX_AMOUNT_DIGITS: usize = 9;

/// The paddle entry app.
pub struct PaddleApp {
    pack: Arc<Pack>,
    formats: super::FormatsFor,
    look: Look,
    images: ImageCache,
    config: KioskConfig,
    store: Result<Store, String>,
    sender: Option<Sender>,
    pad: Option<PinPad>,
    pin_lock: PinLock,
    pin_check: Option<mpsc::Receiver<bool>>,
    /// What is being recorded.
    pub choice: Choice,
    /// The amount typed for [`Choice::Other`], whole units.
    pub amount_digits: String,
    /// The paddle number being typed.
    pub paddle_digits: String,
    typing: Typing,
    recent: Vec<PledgeRow>,
    levels: Vec<LevelCount>,
    /// What the last step said.
    pub said: Option<Said>,
}

impl PaddleApp {
    /// The app for `config`'s event, recording into the store in
    /// `data_dir` and sending to the hub the settings name, if any.
    pub fn new(
        ctx: &egui::Context,
        pack: Arc<Pack>,
        data_dir: PathBuf,
        config: KioskConfig,
    ) -> Self {
        // Read at arm's length, tapped fast: the theme's largest text and
        // keys.
        let largest = pack.theme.type_scale.text_scales.len().saturating_sub(1);
        let look = Look::for_visitor(&pack.theme, false, largest);
        crate::theme::install_fonts(ctx, &pack.fonts);
        ctx.all_styles_mut(|style| *style = look.style(style));
        let store = Store::open_in(&data_dir).map_err(|e| e.to_string());
        let mut pin_lock = PinLock::default();
        if let Ok(store) = &store {
            pin_lock.restore(store.pin_failures().unwrap_or(0), 0.0);
        }
        let sender = match (&config.hub, config.pledge_blocker()) {
            (Some(link), None) => {
                let repaint = ctx.clone();
                Sender::start(
                    data_dir,
                    link.clone(),
                    KioskInfo {
                        kiosk_id: config.kiosk_id.clone(),
                        event_id: config.event_id.clone(),
                        pack_id: pack.manifest.id.clone(),
                        pack_version: pack.manifest.version.clone(),
                        started_at: Utc::now(),
                        problem: None,
                    },
                    move || repaint.request_repaint(),
                )
                .map_err(|e| eprintln!("storykiosk: cannot start sending to the hub: {e}"))
                .ok()
            }
            _ => None,
        };
        let mut app = Self {
            images: ImageCache::new(ctx, pack.source.clone()),
            formats: super::FormatsFor::new(&pack, &pack.manifest.default_locale),
            pack,
            look,
            config,
            store,
            sender,
            pad: None,
            pin_lock,
            pin_check: None,
            choice: Choice::Nothing,
            amount_digits: String::new(),
            paddle_digits: String::new(),
            typing: Typing::Paddle,
            recent: Vec::new(),
            levels: Vec::new(),
            said: None,
        };
        app.lock();
        app.refresh();
        app
    }

    /// Whether the PIN pad is showing.
    pub fn locked(&self) -> bool {
        self.pad.is_some()
    }

    /// The newest entries, newest first.
    pub fn recent(&self) -> &[PledgeRow] {
        &self.recent
    }

    fn lock(&mut self) {
        let message = if self.config.pin_hash.is_none() || self.config.pin_hash_problem().is_some()
        {
            PadMessage::NotSet
        } else {
            PadMessage::None
        };
        self.pad = Some(PinPad::new(message));
    }

    /// Reads this laptop's newest entries and its gifts at each level.
    fn refresh(&mut self) {
        let Ok(store) = &self.store else { return };
        let event = &self.config.event_id;
        match (
            store.recent_paddles(event, RECENT),
            store.paddle_levels(event, &self.pack.pledge.currency.code),
        ) {
            (Ok(recent), Ok(levels)) => {
                self.recent = recent;
                self.levels = levels;
            }
            (Err(e), _) | (_, Err(e)) => self.problem(e.to_string()),
        }
    }

    fn problem(&mut self, error: String) {
        let text = fill(
            self.string(StringKey::AdminStoreFailed),
            &[("error", &error)],
        );
        self.said = Some(Said {
            text,
            problem: true,
        });
    }

    fn string(&self, key: StringKey) -> &str {
        self.pack.string(key, &self.pack.manifest.default_locale)
    }

    /// The amount the next paddle is recorded at, in minor units.
    pub fn amount_minor(&self) -> Option<u64> {
        match self.choice {
            Choice::Nothing => None,
            Choice::Level(amount) => Some(amount),
            Choice::Other => {
                let whole: u64 = self.amount_digits.parse().ok()?;
                let scale =
                    10u64.checked_pow(u32::from(self.pack.pledge.currency.minor_exponent()))?;
                whole.checked_mul(scale).filter(|m| *m > 0)
            }
        }
    }

    /// Chooses what the next paddles are recorded at; a level (or none) is
    /// what the big screen shows as being called.
    pub fn choose(&mut self, choice: Choice) {
        self.choice = choice;
        self.typing = if choice == Choice::Other && self.amount_digits.is_empty() {
            Typing::Amount
        } else {
            Typing::Paddle
        };
        if choice == Choice::Other {
            return;
        }
        let calling = Calling {
            level_minor: match choice {
                Choice::Level(amount) => Some(amount),
                _ => None,
            },
            since: Utc::now(),
        };
        let stored = match &self.store {
            Ok(store) => store.set_calling(calling).map_err(|e| e.to_string()),
            Err(e) => Err(e.clone()),
        };
        match stored {
            Ok(()) => {
                if let Some(sender) = &self.sender {
                    sender.nudge();
                }
            }
            Err(e) => self.problem(e),
        }
    }

    /// A digit, backspace or enter from the keypad (or the keyboard).
    pub fn key(&mut self, key: crate::widgets::keypad::KeypadKey) {
        use crate::widgets::keypad::KeypadKey;
        let (digits, max) = match self.typing {
            Typing::Amount => (&mut self.amount_digits, MAX_AMOUNT_DIGITS),
            Typing::Paddle => (&mut self.paddle_digits, 5),
        };
        match key {
            KeypadKey::Digit(d) if digits.len() < max && !(d == 0 && digits.is_empty()) => {
                digits.push(char::from(b'0' + d));
            }
            KeypadKey::Backspace => {
                digits.pop();
            }
            KeypadKey::Enter => match self.typing {
                Typing::Amount if self.amount_minor().is_some() => self.typing = Typing::Paddle,
                Typing::Amount => {}
                Typing::Paddle => self.record(),
            },
            _ => {}
        }
    }

    /// Types into the amount (for another amount) or the paddle number.
    pub fn type_into(&mut self, typing: Typing) {
        if typing == Typing::Paddle || self.choice == Choice::Other {
            self.typing = typing;
        }
    }

    /// Records the paddle typed at the amount chosen.
    pub fn record(&mut self) {
        let Some(amount) = self.amount_minor() else {
            // The screen asks for a level already (in red now); the number
            // typed waits for one.
            self.said = Some(Said {
                text: String::new(),
                problem: true,
            });
            return;
        };
        let Some(paddle) = self
            .paddle_digits
            .parse::<u32>()
            .ok()
            .filter(|p| (1..=MAX_PADDLE).contains(p))
        else {
            return;
        };
        let locale = self.pack.manifest.default_locale.clone();
        let entry = PaddleEntry::on(
            &self.pack,
            paddle,
            amount,
            &locale,
            &self.config.kiosk_id,
            &self.config.event_id,
        );
        let stored = match &mut self.store {
            Ok(store) => store.insert_paddle(&entry).map_err(|e| e.to_string()),
            Err(e) => Err(e.clone()),
        };
        match stored {
            Ok(row) => {
                self.said = Some(Said {
                    text: self.entry_text(&row),
                    problem: false,
                });
                self.paddle_digits.clear();
                if self.choice == Choice::Other {
                    // Another amount is for one gift.
                    self.amount_digits.clear();
                    self.typing = Typing::Amount;
                }
                if let Some(sender) = &self.sender {
                    sender.nudge();
                }
            }
            Err(e) => self.problem(e),
        }
        self.refresh();
    }

    /// "Paddle 42: HK$50,000".
    fn entry_text(&mut self, row: &PledgeRow) -> String {
        let locale = self.pack.manifest.default_locale.clone();
        let amount = self
            .formats
            .get(&self.pack, &locale)
            .money(row.amount_minor);
        let paddle = row.paddle.unwrap_or_default().to_string();
        fill(
            self.string(StringKey::PaddleRecorded),
            &[("paddle", &paddle), ("amount", &amount)],
        )
    }

    /// Undoes the entry `id`.
    pub fn undo(&mut self, id: &str) {
        let undone = match &mut self.store {
            Ok(store) => store
                .undo_paddle(id, Utc::now())
                .map_err(|e| e.to_string())
                .and_then(|r| r.map_err(|e| e.to_string())),
            Err(e) => Err(e.clone()),
        };
        match undone {
            Ok(row) => {
                let text = format!(
                    "{} · {}",
                    self.entry_text(&row),
                    self.string(StringKey::PaddleUndone)
                );
                self.said = Some(Said {
                    text,
                    problem: false,
                });
                if let Some(sender) = &self.sender {
                    sender.nudge();
                }
            }
            Err(e) => self.problem(e),
        }
        self.refresh();
    }

    /// Checks `pin` on its own thread.
    fn check_pin(&mut self, ctx: &egui::Context, pin: String) {
        if let Some(inbox) = super::staff::check_pin_apart(ctx, &self.config, pin) {
            self.pin_check = Some(inbox);
        }
    }

    /// The answer to the PIN being checked, once it has come.
    fn pin_answer(&mut self, now: f64) {
        let Some(inbox) = &self.pin_check else { return };
        let right = match inbox.try_recv() {
            Ok(right) => right,
            Err(mpsc::TryRecvError::Empty) => return,
            Err(mpsc::TryRecvError::Disconnected) => false,
        };
        self.pin_check = None;
        if right {
            self.pin_lock.succeeded();
            self.pad = None;
        } else {
            self.pin_lock.failed(now);
            let message = match self.pin_lock.locked_for(now) {
                Some(secs) => PadMessage::Locked(secs),
                None => PadMessage::Wrong,
            };
            self.pad = Some(PinPad::new(message));
        }
        if let Ok(store) = &self.store {
            let _ = store.set_pin_failures(self.pin_lock.failures());
        }
    }

    /// When the oldest Undo on screen stops being offered.
    fn next_undo_expiry(&self) -> Option<std::time::Duration> {
        let now = Utc::now();
        self.recent
            .iter()
            .filter(|r| r.status != crate::pledge::Status::Cancelled)
            .filter_map(|r| {
                let age = (now - r.created_at).to_std().ok()?;
                UNDO_WINDOW.checked_sub(age)
            })
            .min()
    }
}

impl eframe::App for PaddleApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        super::KioskApp::fit_zoom(ctx);
        let now = ctx.input(|i| i.time);
        self.pin_answer(now);
        if let Some(left) = self.next_undo_expiry() {
            ctx.request_repaint_after(left + std::time::Duration::from_millis(50));
        }
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let now = ui.input(|i| i.time);
        let mut actions = Vec::new();
        {
            let locale = self.pack.manifest.default_locale.clone();
            let fmt = self.formats.get(&self.pack, &locale);
            let cx = ScreenCx::for_staff(&self.pack, &locale, fmt, &self.look, &self.images, now);
            if let Some(pad) = &mut self.pad {
                pad.ui(ui.ctx(), &cx, &mut actions);
            } else {
                let view = PaddleView {
                    levels: self.pack.event.as_ref().map_or(&[][..], |e| &e.levels),
                    gifts: &self.levels,
                    choice: self.choice,
                    amount_digits: &self.amount_digits,
                    paddle_digits: &self.paddle_digits,
                    typing: self.typing,
                    recent: &self.recent,
                    said: self.said.as_ref(),
                    now: Utc::now(),
                };
                egui::CentralPanel::default()
                    .frame(egui::Frame::new().fill(self.look.colors.background))
                    .show(ui, |ui| screens::paddle::ui(ui, &cx, &view, &mut actions));
            }
        }
        for action in actions {
            match action {
                Action::PinEntered(_) if self.pin_check.is_some() => {}
                Action::PinEntered(pin) => match self.pin_lock.locked_for(now) {
                    None => self.check_pin(ui.ctx(), pin),
                    Some(secs) => self.pad = Some(PinPad::new(PadMessage::Locked(secs))),
                },
                Action::ClosePinPad => ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close),
                Action::Paddle(PaddleAction::Choose(choice)) => self.choose(choice),
                Action::Paddle(PaddleAction::Key(key)) => self.key(key),
                Action::Paddle(PaddleAction::TypeInto(typing)) => self.type_into(typing),
                Action::Paddle(PaddleAction::Undo(id)) => self.undo(&id),
                Action::Paddle(PaddleAction::Lock) => self.lock(),
                _ => {}
            }
        }
    }

    fn clear_color(&self, _visuals: &egui::Visuals) -> [f32; 4] {
        self.look.colors.background.to_normalized_gamma_f32()
    }
}

/// Opens the paddle entry window and runs until it is closed.
pub fn run(pack: Arc<Pack>, data_dir: PathBuf, config: KioskConfig) -> anyhow::Result<()> {
    let title = format!(
        "{} · {}",
        pack.string(StringKey::PaddleTitle, &pack.manifest.default_locale),
        pack.tr(&pack.manifest.title, &pack.manifest.default_locale)
    );
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(&title)
            .with_app_id("storykiosk-paddles")
            .with_inner_size([1280.0, 800.0])
            .with_maximized(true),
        dithering: false,
        system_font_fallback: false,
        ..Default::default()
    };
    eframe::run_native(
        "storykiosk-paddles",
        options,
        Box::new(move |cc| {
            Ok(Box::new(PaddleApp::new(
                &cc.egui_ctx,
                pack,
                data_dir,
                config,
            )))
        }),
    )
    .map_err(|e| anyhow::anyhow!("cannot open the paddle entry window: {e}"))
}
