//! The one place where what screens asked for changes the app's state.

use egui::ViewportCommand;

use super::{KioskApp, staff::Staff};
use crate::{
    pledge::{NewPledge, Request},
    screens::{Action, Mode, ScreenId, admin::PadMessage},
};

impl KioskApp {
    /// Applies one action, after the frame that produced it.
    pub(super) fn apply(&mut self, ctx: &egui::Context, action: Action, now: f64) {
        match action {
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
                    self.staff = Staff::Pin(super::PinPad::new(PadMessage::Locked(secs)));
                } else if !self.pin_checking() {
                    // The digits go; the pad stays until the answer.
                    self.staff = Staff::Pin(super::PinPad::new(PadMessage::None));
                    self.check_pin(ctx, pin);
                }
            }
            Action::ClosePinPad | Action::CloseAdmin => self.staff = Staff::Closed,
            Action::Quit => {
                self.quitting = true;
                ctx.send_viewport_cmd(ViewportCommand::Close);
            }
            Action::SubmitPledge(pledge) => self.submit_pledge(*pledge, now),
            Action::Export { dir, only_new } => self.export(dir, only_new),
            Action::ReloadPack => self.reload_pack(ctx, now),
            Action::SetLocale(code) => {
                if self.pack.manifest.locales.iter().any(|l| l.code == code) {
                    // Only the language changes: everything typed stays.
                    self.visitor.locale = code;
                }
            }
            Action::NextTextSize => {
                let sizes = self.pack.theme.type_scale.text_scales.len().max(1);
                self.visitor.prefs.text_size = (self.visitor.prefs.text_size + 1) % sizes;
            }
            Action::ToggleContrast => {
                self.visitor.prefs.high_contrast = !self.visitor.prefs.high_contrast;
            }
            Action::SwitchMode => self.switch_mode(ctx),
            // The paddle entry screen is an app of its own.
            Action::Paddle(_) => {}
        }
    }

    /// A pledge confirmed: sent to the store's thread, or the staff message
    /// if pledges are off.
    fn submit_pledge(&mut self, pledge: crate::pledge::ValidPledge, now: f64) {
        let ticket = self.next_ticket;
        self.next_ticket += 1;
        if let Some(why) = self.pledge_blocker.clone() {
            // Never stored under the wrong event, nor readable when
            // it was meant to be sealed: the staff message instead.
            self.visitor.pledge.saving(ticket);
            self.visitor.pledge.saved(ticket, Err(&why), now);
            return;
        }
        let new = NewPledge {
            seal_to: self.config.seal_recipient().ok().flatten(),
            ..NewPledge::on(
                &self.pack,
                pledge,
                &self.visitor.locale,
                &self.config.kiosk_id,
                &self.config.event_id,
            )
        };
        self.visitor.pledge.saving(ticket);
        let sent = self.writer.as_ref().is_some_and(|w| {
            w.send(Request::Insert {
                ticket,
                pledge: Box::new(new),
            })
        });
        if !sent {
            self.visitor
                .pledge
                .saved(ticket, Err("the pledge store's thread is not running"), now);
        }
    }

    /// An export asked for on the staff screen, sent to the store's thread.
    fn export(&mut self, dir: std::path::PathBuf, only_new: bool) {
        let Some(panel) = self.staff.admin() else {
            return;
        };
        if let Err(e) = std::fs::create_dir_all(&dir) {
            panel.export_message = Some(e.to_string());
            return;
        }
        let sent = self.writer.as_ref().is_some_and(|w| {
            w.send(Request::Export {
                dir,
                only_new,
                kiosk_id: self.config.kiosk_id.clone(),
            })
        });
        if !sent {
            panel.export_message = Some("the pledge store's thread is not running".to_owned());
        }
        // Totals change after an export's bookkeeping; refresh soon.
        panel.refreshed_at = f64::NEG_INFINITY;
    }

    /// Kiosk mode to presenter mode or back: the window follows.
    fn switch_mode(&mut self, ctx: &egui::Context) {
        self.mode = match self.mode {
            Mode::Kiosk => Mode::Presenter,
            Mode::Presenter => Mode::Kiosk,
        };
        let kiosk = self.mode == Mode::Kiosk;
        self.fullscreen = kiosk;
        ctx.send_viewport_cmd(ViewportCommand::Fullscreen(kiosk));
        ctx.send_viewport_cmd(ViewportCommand::Decorations(!kiosk));
        ctx.send_viewport_cmd(ViewportCommand::WindowLevel(if kiosk {
            egui::WindowLevel::AlwaysOnTop
        } else {
            egui::WindowLevel::Normal
        }));
        super::KioskApp::input_options(ctx, &self.look, self.mode);
    }
}
