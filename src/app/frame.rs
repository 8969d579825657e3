//! The look of the frame being drawn: the visitor's look kept in step
//! with their choices, the clear colour, a fresh glyph atlas, the window's
//! title and the input settings for touch.

use super::*;

impl KioskApp {
    /// The colour the window should be cleared to for a frame drawn at
    /// `now`: the background, or the attract loop's stage while a figure
    /// slide holds still (see [`AttractScreen::backdrop`]).
    pub(super) fn wanted_clear(&self, now: f64) -> egui::Color32 {
        let attract = self.staff.is_closed() && self.visitor.screen == ScreenId::Attract;
        attract
            .then(|| self.visitor.attract.backdrop(&self.pack, &self.look, now))
            .flatten()
            .unwrap_or(self.look.colors.background)
    }

    /// Recomputes the look when the visitor changes text size or contrast.
    pub(super) fn sync_look(&mut self, ctx: &egui::Context) {
        let prefs = self.visitor.prefs;
        let look = Look::for_visitor(&self.pack.theme, prefs.high_contrast, prefs.text_size);
        if look != self.look {
            ctx.all_styles_mut(|style| *style = look.style(style));
            self.look = look;
        }
    }

    /// egui's glyph atlas only grows (up to 4096 px square, 64 MiB, kept by
    /// egui and again by the GPU) until it is nearly full. A visitor who
    /// read everything in Chinese at a larger text size leaves it several
    /// times its size at start, so the next visitor starts with fonts built
    /// afresh: their glyphs are drawn again as they are needed.
    pub(super) fn fresh_glyph_atlas(&self) {
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

    /// Names the window after the pack (what window lists, task bars and
    /// screen readers show).
    pub(super) fn show_title(ctx: &egui::Context, pack: &Pack) {
        let title = pack.tr(&pack.manifest.title, &pack.manifest.default_locale);
        ctx.send_viewport_cmd(ViewportCommand::Title(title.to_owned()));
    }

    /// Tunes input for fingers; in kiosk mode no shortcut quits.
    pub(super) fn input_options(ctx: &egui::Context, look: &Look, mode: Mode) {
        ctx.options_mut(|o| {
            o.input_options.max_click_dist = look.tap_slop_pt();
            o.input_options.max_click_duration = TAP_MAX_SECS;
            o.zoom_with_keyboard = false;
            if mode == Mode::Kiosk {
                o.quit_shortcuts.clear();
            } else {
                o.quit_shortcuts = egui::Options::default().quit_shortcuts;
            }
        });
    }
}
