//! Staff access: the PIN pad (checked on its own thread, the lock kept in
//! the store) and the staff screen's totals and drives.

use super::*;

/// Who is on the staff side: nobody, someone at the PIN pad, or staff on
/// their screen. Each owns what it shows, so nothing of the staff screen
/// is left over once it is closed.
#[derive(Default)]
pub(super) enum Staff {
    /// Visitors' screens only.
    #[default]
    Closed,
    /// The PIN pad is open.
    Pin(PinPad),
    /// The staff screen is open.
    Admin(AdminPanel),
}

/// The staff screen's data: totals from the store, the drives to export
/// to, and what the last export said.
pub(super) struct AdminPanel {
    /// The store's last totals and newest pledges, or why not.
    pub(super) summary: Option<Result<(Stats, Vec<PledgeRow>), String>>,
    /// When they were asked for (app seconds).
    pub(super) refreshed_at: f64,
    /// What the last export said.
    pub(super) export_message: Option<String>,
    /// Drives an export can go to.
    pub(super) drives: Vec<PathBuf>,
}

impl AdminPanel {
    /// A panel that asks for its totals at the next frame.
    pub(super) fn new() -> Self {
        Self {
            summary: None,
            refreshed_at: f64::NEG_INFINITY,
            export_message: None,
            drives: Vec::new(),
        }
    }
}

impl Staff {
    /// Whether visitors have the screen (no pad, no staff screen).
    pub(super) fn is_closed(&self) -> bool {
        matches!(self, Staff::Closed)
    }

    /// The staff screen's data, if it is open.
    pub(super) fn admin(&mut self) -> Option<&mut AdminPanel> {
        match self {
            Staff::Admin(panel) => Some(panel),
            _ => None,
        }
    }
}

impl KioskApp {
    /// Asks the store for fresh totals and looks for drives again.
    pub(super) fn refresh_admin(&mut self, now: f64) {
        let Staff::Admin(panel) = &mut self.staff else {
            return;
        };
        panel.refreshed_at = now;
        panel.drives = drives::export_targets(&self.data_dir);
        let sent = self.writer.as_ref().is_some_and(|w| {
            w.send(Request::Summary {
                event_id: self.config.event_id.clone(),
                currency: self.pack.pledge.currency.code.clone(),
                recent: ADMIN_RECENT,
            })
        });
        if !sent {
            panel.summary = Some(Err("the pledge store's thread is not running".to_owned()));
        }
    }

    /// Checks `pin` on its own thread; [`Self::pin_answer`] takes the
    /// answer in a later frame.
    pub(super) fn check_pin(&mut self, ctx: &egui::Context, pin: String) {
        if let Some(inbox) = check_pin_apart(ctx, &self.config, pin) {
            self.pin_check = Some(inbox);
        }
    }

    /// The answer to a PIN being checked, if it has come: the right PIN
    /// opens the staff screen; a wrong one counts toward the lock, which
    /// is stored so that it outlives a restart.
    pub(super) fn pin_answer(&mut self, now: f64) {
        use screens::admin::PadMessage;
        let Some(inbox) = &self.pin_check else { return };
        let right = match inbox.try_recv() {
            Ok(right) => right,
            Err(std::sync::mpsc::TryRecvError::Empty) => return,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => false,
        };
        self.pin_check = None;
        // A wrong PIN counts even if staff closed the pad meanwhile; the
        // right one opens the staff screen only from the pad.
        let pad_open = matches!(self.staff, Staff::Pin(_));
        if right {
            self.pin_lock.succeeded();
            if pad_open {
                self.staff = Staff::Admin(AdminPanel::new());
            }
        } else {
            self.pin_lock.failed(now);
            let message = match self.pin_lock.locked_for(now) {
                Some(secs) => PadMessage::Locked(secs),
                None => PadMessage::Wrong,
            };
            if pad_open {
                self.staff = Staff::Pin(PinPad::new(message));
            }
        }
        let failures = self.pin_lock.failures();
        if let Some(w) = &self.writer {
            w.send(Request::PinFailures(failures));
        }
    }

    pub(super) fn open_pin_pad(&mut self, now: f64) {
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
        self.staff = Staff::Pin(PinPad::new(message));
    }
}

/// Checks `pin` against `config` on a thread of its own (argon2 takes a
/// moment), then asks `ctx` for a frame; the answer arrives on the
/// channel. `None` if no thread could be started.
pub(super) fn check_pin_apart(
    ctx: &egui::Context,
    config: &crate::config::KioskConfig,
    pin: String,
) -> Option<std::sync::mpsc::Receiver<bool>> {
    let (answer, inbox) = std::sync::mpsc::channel();
    let config = config.clone();
    let repaint = ctx.clone();
    let pin = zeroize::Zeroizing::new(pin);
    let started = std::thread::Builder::new()
        .name("pin-check".to_owned())
        .spawn(move || {
            let _ = answer.send(config.verify_pin(&pin));
            repaint.request_repaint();
        });
    match started {
        Ok(_) => Some(inbox),
        Err(e) => {
            eprintln!("storykiosk: cannot check the PIN: {e}");
            None
        }
    }
}
