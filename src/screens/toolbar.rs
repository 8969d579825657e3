//! The visitor's controls, always in reach: the language switch (named in
//! the other language, "中文" while in English), the text size ("Aa") and
//! the high-contrast switch.

use egui::{Align, Layout};

use super::{Action, ScreenCx};
use crate::{
    content::{StringKey, fill},
    widgets::BigButton,
};

/// The visitor's display preferences (forgotten at the idle reset).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Prefs {
    /// Which of the theme's text sizes, from 0.
    pub text_size: usize,
    /// The high-contrast palette.
    pub high_contrast: bool,
}

/// Draws the controls right-aligned in `ui`, in at most `room` points
/// (their labels shrink if they must), and returns the one tapped.
pub fn toolbar(
    ui: &mut egui::Ui,
    cx: &ScreenCx<'_>,
    prefs: Prefs,
    room: f32,
    actions: &mut Vec<Action>,
) {
    let look = cx.look;
    let size_name = fill(
        cx.s(StringKey::TextSizeName),
        &[("level", &(prefs.text_size + 1).to_string())],
    );
    // Right to left: contrast, text size, then one switch per other
    // language, each named in its own language.
    let mut buttons: Vec<(&str, Option<&str>, Option<bool>, Action)> = vec![
        (
            cx.s(StringKey::HighContrast),
            None,
            Some(prefs.high_contrast),
            Action::ToggleContrast,
        ),
        (
            cx.s(StringKey::TextSizeButton),
            Some(&size_name),
            None,
            Action::NextTextSize,
        ),
    ];
    for locale in cx.pack.manifest.locales.iter().rev() {
        if locale.code != cx.locale {
            buttons.push((
                &locale.name,
                None,
                None,
                Action::SetLocale(locale.code.clone()),
            ));
        }
    }
    let gap = look.space_small.min(room / 40.0);
    let natural: Vec<f32> = buttons
        .iter()
        .map(|(text, ..)| BigButton::new(text, look).natural_size(ui).x)
        .collect();
    let total: f32 = natural.iter().sum::<f32>() + gap * (buttons.len() as f32 - 1.0);
    // Short of room, every button gives up the same share of its width.
    let share = ((room - gap * (buttons.len() as f32 - 1.0)).max(1.0)
        / (total - gap * (buttons.len() as f32 - 1.0)).max(1.0))
    .min(1.0);
    ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
        ui.spacing_mut().item_spacing.x = gap;
        for ((text, name, selected, act), w) in buttons.into_iter().zip(natural) {
            // Each as wide as its label on one line (less, with the label
            // shrunk, when the row is short of room): a two-character
            // language name never breaks in two.
            let mut button = BigButton::new(text, look).exact_width(w * share).fit();
            if let Some(name) = name {
                button = button.accessible_name(name);
            }
            if let Some(on) = selected {
                button = button.selected(on);
            }
            if ui.add(button).clicked() {
                actions.push(act);
            }
        }
    });
}
