//! Staff access: the PIN pad (checked on its own thread, the lock kept in
//! the store) and the staff screen's totals and drives.

use super::*;

impl KioskApp {
    /// Asks the store for fresh totals and looks for drives again.
    pub(super) fn refresh_admin(&mut self, now: f64) {
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
    pub(super) fn pin_answer(&mut self, now: f64) {
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
        self.pin_pad = Some(PinPad::new(message));
    }
}
