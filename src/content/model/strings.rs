//! `strings.ron`: the words on buttons, messages and prompts.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Text;

/// Every UI string, keyed by what it is for (`strings.ron`):
///
/// ```ron
/// {
///     nav_story: {"en": "Story", "zh-HK": "故事"},
/// }
/// ```
///
/// An unknown key is an error. A key the pack leaves out is a warning, and the
/// bundled pack's text is shown instead, so an older pack keeps working when a
/// new version of storykiosk adds a string.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Strings(pub BTreeMap<StringKey, Text>);

macro_rules! string_keys {
    ($( $(#[doc = $doc:literal])* $variant:ident = $name:literal, $limit:literal; )*) => {
        /// The name of one UI string. The docs of each variant say where it
        /// shows; the number of columns it may take is in [`StringKey::max_columns`].
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum StringKey {
            $( $(#[doc = $doc])* $variant, )*
        }

        impl StringKey {
            /// Every key, in declaration order.
            pub const ALL: &'static [StringKey] = &[$(StringKey::$variant,)*];

            /// The key as written in `strings.ron`.
            pub fn name(self) -> &'static str {
                match self { $(StringKey::$variant => $name,)* }
            }

            /// The most columns the text may take (a Chinese, Japanese or
            /// Korean character counts as two), so that it fits its button
            /// or line at the largest text size.
            pub fn max_columns(self) -> usize {
                match self { $(StringKey::$variant => $limit,)* }
            }
        }
    };
}

string_keys! {
    /// The navigation button that goes back to the start.
    NavHome = "nav_home", 16;
    /// The navigation button to the founder's story.
    NavStory = "nav_story", 16;
    /// The navigation button to the timeline.
    NavTimeline = "nav_timeline", 16;
    /// The navigation button to the photo panels.
    NavPhotos = "nav_photos", 16;
    /// The navigation button to the pledge form.
    NavPledge = "nav_pledge", 16;
    /// The call on the attract loop, such as "Touch to begin".
    TouchToBegin = "touch_to_begin", 40;
    /// The heading of the idle countdown, such as "Are you still there?".
    IdleTitle = "idle_title", 40;
    /// The line under it; `{secs}` becomes the seconds left.
    IdleBody = "idle_body", 120;
    /// The button that cancels the idle countdown.
    IdleContinue = "idle_continue", 24;
    /// Shown where the pledge form will be, until pledging is switched on.
    PledgeUnavailable = "pledge_unavailable", 200;
    /// The close button of the full-screen photo viewer.
    ViewerClose = "viewer_close", 16;
    /// The viewer's button to the next photo.
    ViewerNext = "viewer_next", 16;
    /// The viewer's button to the previous photo.
    ViewerPrevious = "viewer_previous", 16;
    /// A hint under the timeline track, such as "Drag, or tap a year".
    TimelineHint = "timeline_hint", 60;
    /// A hint on the photo panels, such as "Tap a photo to see it large".
    PhotosHint = "photos_hint", 60;
    /// The heading of the staff PIN pad.
    PinTitle = "pin_title", 40;
    /// Shown after a wrong PIN.
    PinWrong = "pin_wrong", 80;
    /// Shown while the pad is locked; `{secs}` becomes the seconds left.
    PinLocked = "pin_locked", 120;
    /// Shown when the kiosk has no PIN yet, with how to set one.
    PinNotSet = "pin_not_set", 200;
    /// The PIN pad's enter key.
    PinEnter = "pin_enter", 12;
    /// The PIN pad's cancel button.
    PinCancel = "pin_cancel", 16;
    /// The backspace key of keypads and keyboards.
    KeyBackspace = "key_backspace", 12;
    /// The admin screen's heading.
    AdminTitle = "admin_title", 40;
    /// The admin button back to the kiosk.
    AdminClose = "admin_close", 32;
    /// The admin button that quits the app.
    AdminQuit = "admin_quit", 32;
    /// The heading of the content pack section.
    AdminPack = "admin_pack", 40;
    /// Shown when the override pack is broken; `{dir}` is its folder.
    AdminPackFellBack = "admin_pack_fell_back", 200;
    /// Above the list of problems; `{dir}` is the pack's folder.
    AdminPackProblems = "admin_pack_problems", 120;
    /// Shown when the pack has no problems.
    AdminPackOk = "admin_pack_ok", 80;
}

impl Strings {
    /// The text for `key` in `locale`, or "" if the pack has none (a loaded
    /// pack always has every key; see [`crate::content::Pack`]).
    pub fn get<'a>(&'a self, key: StringKey, locale: &str, fallback: &str) -> &'a str {
        self.0.get(&key).map_or("", |t| t.get(locale, fallback))
    }
}
