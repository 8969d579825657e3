//! The look: turns the pack's typed theme into egui's `Style` and into the
//! resolved colours and sizes that screens and widgets draw with. This is the
//! one place where a pack colour becomes an egui colour.

use egui::{Color32, CornerRadius, FontFamily, FontId, RichText, Stroke, TextStyle, Vec2};

use crate::content::{self, Palette, Theme};

/// The text style of screen titles.
pub const TITLE: &str = "title";
/// The text style of headline figures.
pub const FIGURE: &str = "figure";

/// Installs the fonts: the pack's own (its `fonts/` folder) first, then
/// egui's defaults for Latin text, then the bundled Noto Sans TC for
/// Chinese, in every family. The app adds the computer's own fonts after
/// these for anything else (an override pack's rarer characters).
pub fn install_fonts(ctx: &egui::Context, pack_fonts: &[content::PackFont]) {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert(
        crate::fonts::NOTO_SANS_TC_NAME.to_owned(),
        std::sync::Arc::new(egui::FontData::from_static(crate::fonts::noto_sans_tc())),
    );
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        let list = fonts.families.entry(family).or_default();
        // Before the icon font, after the Latin ones.
        let at = list
            .iter()
            .position(|f| f == "egui-icons")
            .unwrap_or(list.len());
        list.insert(at, crate::fonts::NOTO_SANS_TC_NAME.to_owned());
    }
    // The pack's own fonts come first: a Japanese pack's font draws its
    // kanji the Japanese way, and a brand font its Latin letters.
    for (i, font) in pack_fonts.iter().enumerate() {
        let name = format!("pack:{}", font.file);
        let bytes: egui::epaint::text::Blob = font.bytes.clone();
        fonts.font_data.insert(
            name.clone(),
            std::sync::Arc::new(egui::FontData::from_blob(bytes, 0)),
        );
        for family in [FontFamily::Proportional, FontFamily::Monospace] {
            fonts
                .families
                .entry(family)
                .or_default()
                .insert(i, name.clone());
        }
    }
    ctx.set_fonts(fonts);
}

/// The tint that draws a photo exactly as it is.
pub const NO_TINT: Color32 = Color32::WHITE;

/// The dark modules of a QR code. QR codes are read dark on light: many
/// phone cameras and decoders (zbar among them) find no code drawn light on
/// dark, so no theme's colours are used for one.
pub const QR_DARK: Color32 = Color32::BLACK;
/// The light modules and quiet zone of a QR code.
pub const QR_LIGHT: Color32 = Color32::WHITE;

/// Converts a pack colour to an egui colour.
#[expect(
    clippy::disallowed_methods,
    reason = "theme.rs is the one place where pack colours become egui colours"
)]
pub fn color(c: content::Color) -> Color32 {
    Color32::from_rgb(c.r, c.g, c.b)
}

/// Colours resolved from one of the pack's palettes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Colors {
    /// The screen's background.
    pub background: Color32,
    /// Cards and panels.
    pub surface: Color32,
    /// Body text.
    pub text: Color32,
    /// Secondary text.
    pub text_muted: Color32,
    /// Buttons and highlights.
    pub accent: Color32,
    /// Text on accent.
    pub on_accent: Color32,
    /// Confirmations.
    pub success: Color32,
    /// Errors.
    pub danger: Color32,
    /// The focus ring.
    pub focus: Color32,
}

impl Colors {
    fn from_palette(p: &Palette) -> Self {
        Self {
            background: color(p.background),
            surface: color(p.surface),
            text: color(p.text),
            text_muted: color(p.text_muted),
            accent: color(p.accent),
            on_accent: color(p.on_accent),
            success: color(p.success),
            danger: color(p.danger),
            focus: color(p.focus),
        }
    }
}

/// Everything screens draw with: colours, type sizes (already multiplied by
/// the visitor's text size), spacing, radii and timings.
#[derive(Clone, Debug, PartialEq)]
pub struct Look {
    /// The colours in use (normal or high contrast).
    pub colors: Colors,
    /// Credits and notes, in points.
    pub small_pt: f32,
    /// The theme's small text at the default text size: the smallest text
    /// the pack shows, below which a label shrunk to fit is too small.
    pub smallest_pt: f32,
    /// Body text, in points.
    pub body_pt: f32,
    /// Button labels, in points.
    pub button_pt: f32,
    /// Headings, in points.
    pub heading_pt: f32,
    /// Screen titles, in points.
    pub title_pt: f32,
    /// Headline figures, in points.
    pub figure_pt: f32,
    /// Small gap, in points.
    pub space_small: f32,
    /// Medium gap, in points.
    pub space_medium: f32,
    /// Large gap and screen margin, in points.
    pub space_large: f32,
    /// Corner radius of buttons.
    pub radius_small: f32,
    /// Corner radius of cards.
    pub radius_large: f32,
    /// The smallest tap target, in points.
    pub min_touch_pt: f32,
    /// How long figures count up, in seconds.
    pub count_up_secs: f32,
    /// How long transitions take, in seconds.
    pub transition_secs: f32,
}

impl Look {
    /// The look a visitor chose: high contrast or not, and the
    /// `text_size`-th of the theme's `text_scales` (the first, the default
    /// size, if there is no such one).
    pub fn for_visitor(theme: &Theme, high_contrast: bool, text_size: usize) -> Self {
        let scales = &theme.type_scale.text_scales;
        let scale = scales
            .get(text_size)
            .or(scales.first())
            .copied()
            .unwrap_or(1.0);
        Self::new(theme, high_contrast, scale)
    }

    /// The look for `theme`, in high contrast or not, with type multiplied by
    /// `text_scale` (one of the theme's `text_scales`).
    pub fn new(theme: &Theme, high_contrast: bool, text_scale: f32) -> Self {
        let palette = if high_contrast {
            &theme.high_contrast
        } else {
            &theme.palette
        };
        let t = &theme.type_scale;
        // A visitor's larger text goes up to the largest size a theme may
        // give, never past it: a theme already at the top gains nothing,
        // and no line grows to a fifth of the screen.
        let scaled = |px: f32, [_, max]: [f32; 2]| (px * text_scale).min(max.max(px));
        use content::limits;
        Self {
            colors: Colors::from_palette(palette),
            small_pt: scaled(t.small_px, limits::SMALL_PX),
            smallest_pt: t.small_px * theme.type_scale.text_scales.first().copied().unwrap_or(1.0),
            body_pt: scaled(t.body_px, limits::BODY_PX),
            button_pt: scaled(t.button_px, limits::BUTTON_PX),
            heading_pt: scaled(t.heading_px, limits::HEADING_PX),
            title_pt: scaled(t.title_px, limits::TITLE_PX),
            figure_pt: scaled(t.figure_px, limits::FIGURE_PX),
            space_small: theme.spacing.small_px.min(limits::USED_SPACING_PX[0]),
            space_medium: theme.spacing.medium_px.min(limits::USED_SPACING_PX[1]),
            space_large: theme.spacing.large_px.min(limits::USED_SPACING_PX[2]),
            radius_small: theme.radii.small_px,
            radius_large: theme.radii.large_px,
            min_touch_pt: theme.min_touch_px.min(limits::USED_TOUCH_PX),
            count_up_secs: theme.animation.count_up_ms as f32 / 1000.0,
            transition_secs: theme.animation.transition_ms as f32 / 1000.0,
        }
    }

    /// A thin border, such as round a secondary button.
    pub fn border_pt(&self) -> f32 {
        (self.min_touch_pt / 32.0).max(1.0)
    }

    /// A line that must be seen from a metre away: the timeline track.
    pub fn line_pt(&self) -> f32 {
        self.border_pt() * 2.0
    }

    /// The ring round a pressed or focused control.
    pub fn focus_stroke_pt(&self) -> f32 {
        (self.min_touch_pt / 16.0).max(2.0)
    }

    /// The width of a keypad key.
    pub fn key_width_pt(&self) -> f32 {
        (self.min_touch_pt * 1.5).max(self.button_pt * 3.0)
    }

    /// The radius of the timeline handle: its diameter is a touch target.
    pub fn handle_radius_pt(&self) -> f32 {
        self.min_touch_pt / 2.0
    }

    /// The height of the timeline slider: the handle, then the year labels.
    pub fn track_height_pt(&self) -> f32 {
        self.handle_radius_pt() * 2.0 + self.space_small * 3.0 + self.small_pt * 1.5
    }

    /// The height of the navigation bar.
    pub fn nav_height_pt(&self) -> f32 {
        self.min_touch_pt.max(self.button_pt * 1.6) + self.space_small * 2.0
    }

    /// How long a tap may wander, in points, and still be a tap: a finger
    /// moves more than a mouse.
    pub fn tap_slop_pt(&self) -> f32 {
        self.min_touch_pt / 4.0
    }

    /// `text` at `size_pt` points in the text colour: the one way screens
    /// make styled text (another colour with `.color(..)`).
    pub fn text(&self, text: impl Into<String>, size_pt: f32) -> RichText {
        RichText::new(text).size(size_pt).color(self.colors.text)
    }

    /// A proportional font of `size_pt` points.
    pub fn font(&self, size_pt: f32) -> FontId {
        FontId::new(size_pt, FontFamily::Proportional)
    }

    /// `text` laid out `width` points wide in at most `max_rows` lines, the
    /// last ending in "…" if it had to be cut: for text in a place of fixed
    /// height (the full text stays in the accessible name).
    pub fn rows(
        &self,
        ui: &egui::Ui,
        text: &str,
        size_pt: f32,
        color: Color32,
        width: f32,
        max_rows: usize,
    ) -> std::sync::Arc<egui::Galley> {
        let mut job = egui::text::LayoutJob::simple(
            text.to_owned(),
            self.font(size_pt),
            color,
            width.max(1.0),
        );
        job.wrap.max_rows = max_rows.max(1);
        ui.painter().layout_job(job)
    }

    /// The egui style for this look: text styles, colours, spacing and
    /// touch-sized controls.
    pub fn style(&self, base: &egui::Style) -> egui::Style {
        let mut style = base.clone();
        let c = &self.colors;
        style.text_styles = [
            (TextStyle::Small, self.font(self.small_pt)),
            (TextStyle::Body, self.font(self.body_pt)),
            (TextStyle::Button, self.font(self.button_pt)),
            (TextStyle::Heading, self.font(self.heading_pt)),
            (TextStyle::Monospace, FontId::monospace(self.body_pt)),
            (TextStyle::Name(TITLE.into()), self.font(self.title_pt)),
            (TextStyle::Name(FIGURE.into()), self.font(self.figure_pt)),
        ]
        .into();

        // egui's own fades (a scroll bar appearing, a popup) are instant:
        // on a software renderer each would draw frames nobody needs. What
        // moves on screen moves by the pack's timings.
        style.animation_time = 0.0;

        let s = &mut style.spacing;
        s.item_spacing = Vec2::splat(self.space_small);
        s.button_padding = Vec2::new(self.space_medium, self.space_small);
        s.interact_size = Vec2::splat(self.min_touch_pt);
        s.icon_width = self.body_pt;
        s.icon_width_inner = self.body_pt * 0.6;
        s.icon_spacing = self.space_small;
        // A solid bar, shown whenever there is more to scroll to: nobody
        // hovers a mouse over a touch screen to find out, and a bar that
        // fades in on hover animates (draws frames) for no one.
        s.scroll = egui::style::ScrollStyle {
            bar_width: (self.min_touch_pt / 6.0).max(8.0),
            ..egui::style::ScrollStyle::solid()
        };

        let v = &mut style.visuals;
        v.dark_mode = c.background.intensity() < 0.5;
        v.override_text_color = Some(c.text);
        v.weak_text_color = Some(c.text_muted);
        v.panel_fill = c.background;
        v.window_fill = c.surface;
        v.extreme_bg_color = c.surface;
        v.faint_bg_color = c.surface;
        v.hyperlink_color = c.accent;
        v.warn_fg_color = c.danger;
        v.error_fg_color = c.danger;
        v.selection.bg_fill = c.accent;
        v.selection.stroke = Stroke::new(2.0, c.on_accent);
        v.window_corner_radius = CornerRadius::same(self.radius_large.round() as u8);
        let small = CornerRadius::same(self.radius_small.round() as u8);
        for (w, fill, text) in [
            (&mut v.widgets.noninteractive, c.background, c.text),
            (&mut v.widgets.inactive, c.accent, c.on_accent),
            (&mut v.widgets.hovered, c.accent, c.on_accent),
            (&mut v.widgets.active, c.accent, c.on_accent),
            (&mut v.widgets.open, c.accent, c.on_accent),
        ] {
            w.bg_fill = fill;
            w.weak_bg_fill = fill;
            w.fg_stroke = Stroke::new(2.0, text);
            w.corner_radius = small;
        }
        v.widgets.noninteractive.bg_stroke = Stroke::new(1.0, c.text_muted);
        v.widgets.inactive.bg_stroke = Stroke::NONE;
        v.widgets.hovered.bg_stroke = Stroke::new(3.0, c.focus);
        v.widgets.active.bg_stroke = Stroke::new(3.0, c.focus);
        v.widgets.hovered.expansion = 0.0;
        v.widgets.active.expansion = 0.0;
        style
    }
}
