//! The navigation bar along the bottom of every screen but the attract loop:
//! large buttons named Home, Story, Timeline, Photos and Pledge in the
//! visitor's language.

use super::{Action, ScreenCx, ScreenId};
use crate::{content::StringKey, widgets::BigButton};

/// The buttons, in order.
const TABS: [(StringKey, ScreenId); 5] = [
    (StringKey::NavHome, ScreenId::Attract),
    (StringKey::NavStory, ScreenId::Story),
    (StringKey::NavTimeline, ScreenId::Timeline),
    (StringKey::NavPhotos, ScreenId::Photos),
    (StringKey::NavPledge, ScreenId::Pledge),
];

/// Draws the bar; `current` is marked as selected. Every button is as
/// tall as the tallest (a label that wraps makes them all two lines tall).
pub fn nav_bar(ui: &mut egui::Ui, cx: &ScreenCx<'_>, current: ScreenId, actions: &mut Vec<Action>) {
    let look = cx.look;
    ui.columns(TABS.len(), |cols| {
        let button = |col: &egui::Ui, key: StringKey, screen: ScreenId| {
            BigButton::new(cx.s(key), look)
                .selected(screen == current)
                .exact_width(col.available_width())
        };
        let height = cols
            .iter()
            .zip(TABS)
            .map(|(col, (key, screen))| button(col, key, screen).size(col).y)
            .fold(0.0, f32::max);
        for (col, (key, screen)) in cols.iter_mut().zip(TABS) {
            if col
                .add(button(col, key, screen).min_height(height))
                .clicked()
            {
                actions.push(Action::Go(screen));
            }
        }
    });
}
