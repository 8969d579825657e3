//! The one place where what screens asked for changes the app's state.

use egui::ViewportCommand;

use super::KioskApp;
use crate::screens::{Action, ScreenId, admin::PadMessage};

impl KioskApp {
    /// Applies one action, after the frame that produced it.
    pub(super) fn apply(&mut self, ctx: &egui::Context, action: Action, now: f64) {
        match action {
            Action::Go(ScreenId::Admin) => {}
            Action::Go(screen) => {
                if screen == ScreenId::Attract {
                    // Home: the next visitor starts fresh.
                    self.reset_visitor(now);
                }
                self.visitor.screen = screen;
            }
            Action::StillHere => self.idle.touch(now),
            Action::PinEntered(pin) => {
                if let Some(secs) = self.pin_lock.locked_for(now) {
                    self.pin_pad = Some(super::PinPad::new(PadMessage::Locked(secs)));
                } else if self.config.verify_pin(&pin) {
                    self.pin_lock.succeeded();
                    self.pin_pad = None;
                    self.admin_open = true;
                } else {
                    self.pin_lock.failed(now);
                    let message = match self.pin_lock.locked_for(now) {
                        Some(secs) => PadMessage::Locked(secs),
                        None => PadMessage::Wrong,
                    };
                    self.pin_pad = Some(super::PinPad::new(message));
                }
            }
            Action::ClosePinPad => self.pin_pad = None,
            Action::CloseAdmin => self.admin_open = false,
            Action::Quit => {
                self.quitting = true;
                ctx.send_viewport_cmd(ViewportCommand::Close);
            }
        }
    }
}
