//! Drawing a frame: the screen showing, the navigation, the toolbar and
//! the overlays (idle countdown, PIN pad).

use super::*;

impl KioskApp {
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
        let on_attract = self.staff.is_closed() && self.visitor.screen == ScreenId::Attract;
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
            cleared,
        };
        let mut actions: Vec<Action> = Vec::new();
        // The window is cleared to the background colour (`clear_color`),
        // so panels on it draw no fill of their own: on a software renderer
        // every full-screen fill is a pass over two million pixels.
        let background = egui::Frame::new();
        let v = &mut self.visitor;
        if let Staff::Admin(panel) = &self.staff {
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
                summary: panel.summary.as_ref(),
                // Pledges are off for the first, so it comes first.
                store_notice: settings_notice.as_deref().or(self.store_notice.as_deref()),
                pack_kept: self.pack_kept,
                event_id: &self.config.event_id,
                drives: &panel.drives,
                export_message: panel.export_message.as_deref(),
                mode: self.mode,
            };
            egui::CentralPanel::default()
                .frame(background)
                .show(ui, |ui| screens::admin::ui(ui, &cx, &view, &mut actions));
        } else if v.screen == ScreenId::Attract {
            egui::CentralPanel::default()
                .frame(egui::Frame::NONE)
                .show(ui, |ui| v.attract.ui(ui, &cx, &mut actions));
            // The visitor's controls float at the top right of the loop.
            let area = egui::Area::new(cx.id("attract-toolbar"))
                .order(egui::Order::Foreground)
                .anchor(
                    egui::Align2::RIGHT_TOP,
                    egui::vec2(-self.look.space_medium, self.look.space_medium),
                );
            let room =
                ctx.content_rect().width() - 2.0 * self.look.space_medium - self.look.min_touch_pt;
            area.show(&ctx, |ui| {
                ui.horizontal(|ui| screens::toolbar::toolbar(ui, &cx, cx.prefs, room, &mut actions))
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
                        ui.add_space(self.look.min_touch_pt);
                        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                            // The controls first, with most of the room;
                            // the pack's title on one line in the rest,
                            // cut short with "…" if it must be.
                            let room = ui.available_width() * 0.8;
                            screens::toolbar::toolbar(ui, &cx, cx.prefs, room, &mut actions);
                            let look = &self.look;
                            let title = cx.tr(&cx.pack.manifest.title);
                            let galley = look.rows(
                                ui,
                                title,
                                look.body_pt,
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
                    screens::nav::nav_bar(ui, &cx, v.screen, &mut actions)
                });
            egui::CentralPanel::default()
                .frame(background)
                .show(ui, |ui| {
                    let screen: &mut dyn Screen = match v.screen {
                        // The attract loop has its own branch above.
                        ScreenId::Attract => &mut v.attract,
                        ScreenId::Story => &mut v.story,
                        ScreenId::Timeline => &mut v.timeline,
                        ScreenId::Photos => &mut v.photos,
                        ScreenId::Pledge => &mut v.pledge,
                    };
                    screen.ui(ui, &cx, &mut actions);
                });
        }
        if self.mode == Mode::Kiosk
            && let IdlePhase::Countdown { secs_left } = self.idle.phase(now)
        {
            screens::idle::overlay(&ctx, &cx, secs_left, &mut actions);
        }
        if let Staff::Pin(pad) = &mut self.staff {
            pad.ui(&ctx, &cx, &mut actions);
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
