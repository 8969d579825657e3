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

/// Draws the bar; `current` is marked as selected.
pub fn nav_bar(ui: &mut egui::Ui, cx: &ScreenCx<'_>, current: ScreenId) -> Option<Action> {
    let look = cx.look;
    let mut action = None;
    ui.columns(TABS.len(), |cols| {
        for (col, (key, screen)) in cols.iter_mut().zip(TABS) {
            let width = col.available_width();
            let button = BigButton::new(cx.s(key), look)
                .selected(screen == current)
                .min_width(width);
            if col.add(button).clicked() {
                action = Some(Action::Go(screen));
            }
        }
    });
    action
}
