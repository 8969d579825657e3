//! An override pack's life: reloaded by staff, watched for changes
//! (`--watch`), and installed between visitors.

use super::*;

impl KioskApp {
    /// Reads the content pack again (staff changed it), and starts a fresh
    /// session on it.
    pub(super) fn reload_pack(&mut self, ctx: &egui::Context, now: f64) {
        match crate::content::load_or_bundled(self.requested.as_deref()) {
            Ok(report) => {
                self.pack_kept = false;
                self.install_pack(ctx, report.pack, report.problems, report.fell_back, now);
            }
            Err(problems) => {
                for p in problems {
                    eprintln!("storykiosk: <bundled>/{p}");
                }
            }
        }
    }

    /// What `--watch` found: a sound pack waits for the visitor's session to
    /// end (the attract loop, in kiosk mode) before it replaces the one on
    /// show; a broken one is reported and the last good pack stays.
    pub(super) fn watch_pack(&mut self, ctx: &egui::Context, now: f64) {
        if let Some(change) = self.watcher.as_ref().and_then(PackWatcher::try_recv) {
            match change {
                PackChange::Loaded(pack, problems) => {
                    self.pack_kept = false;
                    self.pending_pack = Some((Arc::new(*pack), problems));
                }
                PackChange::Rejected(problems) => {
                    eprintln!("storykiosk: the changed pack has errors; the last good pack stays");
                    for p in &problems {
                        eprintln!("{p}");
                    }
                    self.problems = problems;
                    self.pack_kept = true;
                    self.pending_pack = None;
                }
            }
        }
        let between_visitors = self.mode == Mode::Presenter
            || (self.visitor.screen == ScreenId::Attract && self.staff.is_closed());
        if between_visitors && let Some((pack, problems)) = self.pending_pack.take() {
            eprintln!("storykiosk: the changed pack is sound; showing it");
            self.install_pack(ctx, pack, problems, false, now);
        }
    }

    /// Shows `pack` from now on, with a fresh session.
    pub(super) fn install_pack(
        &mut self,
        ctx: &egui::Context,
        pack: Arc<Pack>,
        problems: Vec<Problem>,
        fell_back: bool,
        now: f64,
    ) {
        Self::show_title(ctx, &pack);
        if pack
            .fonts
            .iter()
            .map(|f| &f.file)
            .ne(self.pack.fonts.iter().map(|f| &f.file))
            || pack
                .fonts
                .iter()
                .zip(&self.pack.fonts)
                .any(|(a, b)| a.bytes != b.bytes)
        {
            crate::theme::install_fonts(ctx, &pack.fonts);
        }
        self.pack = pack;
        self.problems = problems;
        self.fell_back = fell_back;
        self.tell_hub();
        self.look = Look::for_visitor(&self.pack.theme, false, 0);
        let look = self.look.clone();
        ctx.all_styles_mut(|style| *style = look.style(style));
        self.images = ImageCache::new(ctx, self.pack.source.clone());
        let timings = &self.pack.manifest.timings;
        self.idle = IdleTimer::new(
            f64::from(timings.idle_timeout_secs),
            f64::from(timings.idle_countdown_secs),
            now,
        );
        // Staff reloaded it from their screen, which stays open.
        let staff = std::mem::take(&mut self.staff);
        self.reset_visitor(now);
        self.staff = staff;
    }
}
