//! Drawing a frame: the screen showing, the navigation, the toolbar and
//! the overlays (idle countdown, PIN pad).

use super::*;

impl KioskApp {
    /// Draws the frame (eframe's `ui`), then applies what it asked for.
    pub(crate) fn draw(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        let now = ctx.input(|i| i.time);
        self.trace_frame(&ctx, now);
        if self.mode == Mode::Kiosk {
            ctx.set_cursor_icon(egui::CursorIcon::None);
        }
        self.sync_look(&ctx);
        let cleared = self.paint_under(&ctx);
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
        if let Staff::Admin(panel) = &self.staff {
            let notice = self.pledge_blocker.as_ref().map(|why| {
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
                store_notice: notice.as_deref().or(self.store_notice.as_deref()),
                pack_kept: self.pack_kept,
                event_id: &self.config.event_id,
                drives: &panel.drives,
                export_message: panel.export_message.as_deref(),
                mode: self.mode,
                hub: self.hub.as_ref().map(crate::hub::send::Sender::state),
            };
            egui::CentralPanel::default()
                .frame(egui::Frame::new())
                .show(ui, |ui| screens::admin::ui(ui, &cx, &view, &mut actions));
        } else if self.visitor.screen == ScreenId::Attract {
            attract(ui, &cx, &mut self.visitor.attract, &mut actions);
        } else {
            top_bar(ui, &cx, &mut actions);
            nav(ui, &cx, self.visitor.screen, &mut actions);
            body(ui, &cx, &mut self.visitor, &mut actions);
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
        self.after_frame(&ctx, now);
    }

    /// With `STORYKIOSK_TRACE_FRAMES` set, a line per frame: when, which
    /// pass, and what asked for it.
    fn trace_frame(&self, ctx: &egui::Context, now: f64) {
        if self.trace_frames {
            eprintln!(
                "storykiosk: frame at {:.1} ms, pass {}, asked for by {:?}",
                now * 1000.0,
                ctx.current_pass_index(),
                ctx.repaint_causes()
            );
        }
    }

    /// Paints under everything what the window's clear did not give this
    /// screen; returns the colour the window was cleared to.
    fn paint_under(&mut self, ctx: &egui::Context) -> egui::Color32 {
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
        cleared
    }

    /// After the frame is drawn: the next clear colour, photo decodes
    /// started, and the glyph atlas's first size noted.
    fn after_frame(&mut self, ctx: &egui::Context, now: f64) {
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

/// The attract loop over the whole screen, with the visitor's controls
/// floating at its top right.
fn attract(
    ui: &mut egui::Ui,
    cx: &ScreenCx<'_>,
    screen: &mut screens::attract::AttractScreen,
    actions: &mut Vec<Action>,
) {
    let look = cx.look;
    egui::CentralPanel::default()
        .frame(egui::Frame::NONE)
        .show(ui, |ui| screen.ui(ui, cx, actions));
    let area = egui::Area::new(cx.id("attract-toolbar"))
        .order(egui::Order::Foreground)
        .anchor(
            egui::Align2::RIGHT_TOP,
            egui::vec2(-look.space_medium, look.space_medium),
        );
    let room = ui.ctx().content_rect().width() - 2.0 * look.space_medium - look.min_touch_pt;
    area.show(ui.ctx(), |ui| {
        ui.horizontal(|ui| screens::toolbar::toolbar(ui, cx, cx.prefs, room, actions))
    });
}

/// The bar at the top: the visitor's controls with most of the room, and
/// the pack's title on one line in the rest, cut short with "…" if it must
/// be. The top-left corner stays clear for the staff gesture.
fn top_bar(ui: &mut egui::Ui, cx: &ScreenCx<'_>, actions: &mut Vec<Action>) {
    let look = cx.look;
    let frame = egui::Frame::new().inner_margin(egui::Margin::same(look.space_small.round() as i8));
    egui::Panel::top(cx.id("top-bar"))
        .frame(frame)
        .show_separator_line(false)
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.add_space(look.min_touch_pt);
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    let room = ui.available_width() * 0.8;
                    screens::toolbar::toolbar(ui, cx, cx.prefs, room, actions);
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
                    ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                        ui.label(galley)
                    });
                });
            });
        });
}

/// The navigation bar at the bottom.
fn nav(ui: &mut egui::Ui, cx: &ScreenCx<'_>, showing: ScreenId, actions: &mut Vec<Action>) {
    let look = cx.look;
    let frame = egui::Frame::new()
        .fill(look.colors.surface)
        .inner_margin(egui::Margin::same(look.space_small.round() as i8));
    egui::Panel::bottom(cx.id("nav"))
        .frame(frame)
        .show_separator_line(false)
        .show(ui, |ui| screens::nav::nav_bar(ui, cx, showing, actions));
}

/// The screen showing, between the bars. The window is cleared to the
/// background colour (`clear_color`), so it draws no fill of its own: on a
/// software renderer every full-screen fill is a pass over two million
/// pixels.
fn body(ui: &mut egui::Ui, cx: &ScreenCx<'_>, v: &mut Visitor, actions: &mut Vec<Action>) {
    egui::CentralPanel::default()
        .frame(egui::Frame::new())
        .show(ui, |ui| {
            let screen: &mut dyn Screen = match v.screen {
                // The attract loop has a branch of its own in `draw`.
                ScreenId::Attract => &mut v.attract,
                ScreenId::Story => &mut v.story,
                ScreenId::Timeline => &mut v.timeline,
                ScreenId::Photos => &mut v.photos,
                ScreenId::Pledge => &mut v.pledge,
            };
            screen.ui(ui, cx, actions);
        });
}
