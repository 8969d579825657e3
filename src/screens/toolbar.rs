//! The visitor's controls, always in reach: the language switch (named in
//! the other language, "中文" while in English), the text size ("Aa") and
//! the high-contrast switch.

use egui::{Align, Layout};

use super::{Action, ScreenCx};
use crate::{content::StringKey, widgets::BigButton};

/// The visitor's display preferences (forgotten at the idle reset).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Prefs {
    /// Which of the theme's text sizes, from 0.
    pub text_size: usize,
    /// The high-contrast palette.
    pub high_contrast: bool,
}

/// Draws the controls right-aligned in `ui` and returns the one tapped.
pub fn toolbar(ui: &mut egui::Ui, cx: &ScreenCx<'_>, prefs: Prefs) -> Option<Action> {
    let look = cx.look;
    let mut action = None;
    ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
        ui.spacing_mut().item_spacing.x = look.space_small;
        let contrast =
            BigButton::new(cx.s(StringKey::HighContrast), look).selected(prefs.high_contrast);
        if ui.add(contrast).clicked() {
            action = Some(Action::ToggleContrast);
        }
        let name = cx
            .s(StringKey::TextSizeName)
            .replace("{level}", &(prefs.text_size + 1).to_string());
        let size = BigButton::new(cx.s(StringKey::TextSizeButton), look).accessible_name(&name);
        if ui.add(size).clicked() {
            action = Some(Action::NextTextSize);
        }
        // One switch per other language, each named in its own language.
        for locale in cx.pack.manifest.locales.iter().rev() {
            if locale.code == cx.locale {
                continue;
            }
            if ui.add(BigButton::new(&locale.name, look)).clicked() {
                action = Some(Action::SetLocale(locale.code.clone()));
            }
        }
    });
    action
}
