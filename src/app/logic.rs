//! A frame before drawing, shown or not: timers, input, the store's
//! replies, presenter keys and the idle reset.

use super::*;
use crate::{content::StringKey, pledge::worker::OpenedStore};

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
        if let Some(panel) = self.staff.admin() {
            if now - panel.refreshed_at >= ADMIN_REFRESH_SECS {
                self.refresh_admin(now);
            }
            ctx.request_repaint_after(Duration::from_secs_f64(ADMIN_REFRESH_SECS));
        }
        if self.mode == Mode::Kiosk {
            if self.visitor.screen == ScreenId::Attract && self.staff.is_closed() {
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

    pub(super) fn read_input(&mut self, ctx: &egui::Context, now: f64) {
        let corner = Rect::from_min_size(Pos2::ZERO, Vec2::splat(self.look.min_touch_pt));
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
                if self.corner.tap(now) && self.staff.is_closed() {
                    self.open_pin_pad(now);
                }
            } else {
                self.corner.interrupt();
            }
        }
        if !self.staff.is_closed() {
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
    pub(super) fn store_replies(&mut self, now: f64) {
        while let Some(reply) = self.writer.as_ref().and_then(|w| w.try_recv()) {
            match reply {
                Reply::Inserted { ticket, result } => {
                    let result = result.as_deref().map_err(String::as_str);
                    match result {
                        Err(e) => eprintln!("storykiosk: a pledge could not be saved: {e}"),
                        Ok(_) => self.nudge_hub(),
                    }
                    self.visitor.pledge.saved(ticket, result, now);
                }
                Reply::Opened(result) => {
                    self.store_opened(result, now);
                    self.tell_hub();
                }
                Reply::Summary(summary) => {
                    if let Some(panel) = self.staff.admin() {
                        panel.summary = Some(summary);
                    }
                }
                Reply::PinFailuresStored(Err(e)) => {
                    eprintln!("storykiosk: cannot store the count of wrong PINs: {e}");
                }
                Reply::PinFailuresStored(Ok(())) => {}
                Reply::Exported(result) => {
                    let message = self.exported_message(result);
                    if let Some(panel) = self.staff.admin() {
                        panel.export_message = Some(message);
                    }
                }
            }
        }
    }

    /// The store's report at start (or on a reopen mid-event): the count of
    /// wrong PINs it kept, whether pledges must be sealed, and a notice for
    /// staff if it was set aside or cannot be opened.
    fn store_opened(&mut self, result: Result<OpenedStore, String>, now: f64) {
        if let Ok(opened) = &result {
            self.pin_lock.restore(opened.pin_failures, now);
        }
        let locale = &self.visitor.locale;
        if let Ok(opened) = &result
            && opened.sealing_required
            && self.pledge_blocker.is_none()
            && !matches!(self.config.seal_recipient(), Ok(Some(_)))
        {
            // Settings that lost their key: no pledge is taken rather than
            // one stored readable.
            let why = crate::pledge::StoreError::SealingRequired.to_string();
            eprintln!("storykiosk: pledges are switched off: {why}");
            self.pledge_blocker = Some(why);
        }
        self.store_notice = match result.map(|o| o.set_aside) {
            Ok(None) => None,
            Ok(Some(aside)) => {
                let notice = fill(
                    self.pack.string(StringKey::AdminStoreSetAside, locale),
                    &[("file", &aside.display().to_string())],
                );
                eprintln!("storykiosk: {notice}");
                Some(notice)
            }
            Err(e) => {
                eprintln!("storykiosk: the pledge store cannot be opened: {e}");
                Some(fill(
                    self.pack.string(StringKey::AdminStoreFailed, locale),
                    &[("error", &e)],
                ))
            }
        };
    }

    /// What staff read after an export: how many rows went to which file,
    /// or why it failed.
    fn exported_message(&self, result: Result<(std::path::PathBuf, usize), String>) -> String {
        let locale = &self.visitor.locale;
        match result {
            Ok((path, rows)) => fill(
                self.pack.string(StringKey::AdminExported, locale),
                &[
                    ("count", &rows.to_string()),
                    ("file", &path.display().to_string()),
                ],
            ),
            Err(e) => fill(
                self.pack.string(StringKey::AdminExportFailed, locale),
                &[("error", &e)],
            ),
        }
    }

    pub(super) fn apply_step(&mut self, step: Step) {
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
            (ScreenId::Pledge, _) => {}
        }
    }

    /// Forgets the visitor: back to the start, nothing of theirs kept.
    pub(super) fn reset_visitor(&mut self, now: f64) {
        self.visitor = Visitor::new(&self.pack, self.mode, now, self.visitor.epoch + 1)
            .starting_on(self.start_screen);
        // egui keeps each widget's state (scroll offsets, areas) by id, and
        // ids carry the session's epoch: forget the last visitor's, or they
        // would pile up over days of visitors.
        self.ctx.memory_mut(|m| {
            m.data.clear();
            m.reset_areas();
        });
        self.staff = Staff::Closed;
        self.idle.touch(now);
        self.fresh_glyph_atlas();
    }
}
