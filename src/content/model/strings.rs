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
    ($( $(#[doc = $doc:literal])* $variant:ident = $name:literal, $limit:literal $(, {$($ph:literal),+})?; )*) => {
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

            /// The placeholders the text takes, each written `{name}` in
            /// it and filled in with [`fill`]: every language's text must
            /// have each one, and no other (`validate` checks).
            pub fn placeholders(self) -> &'static [&'static str] {
                match self { $(StringKey::$variant => &[$($($ph),+)?],)* }
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
    IdleBody = "idle_body", 120, {"secs"};
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
    /// The text size button's face, such as "Aa".
    TextSizeButton = "text_size_button", 4;
    /// What screen readers call the text size button; `{level}` is 1, 2, ….
    TextSizeName = "text_size_name", 40, {"level"};
    /// The high-contrast switch.
    HighContrast = "high_contrast", 16;
    /// The heading of the staff PIN pad.
    PinTitle = "pin_title", 40;
    /// Shown after a wrong PIN.
    PinWrong = "pin_wrong", 80;
    /// Shown while the pad is locked; `{secs}` becomes the seconds left.
    PinLocked = "pin_locked", 120, {"secs"};
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
    AdminPackFellBack = "admin_pack_fell_back", 200, {"dir"};
    /// Above the list of problems; `{dir}` is the pack's folder.
    AdminPackProblems = "admin_pack_problems", 120, {"dir"};
    /// Shown when the pack has no problems.
    AdminPackOk = "admin_pack_ok", 80;
    /// The pledge form's heading.
    PledgeTitle = "pledge_title", 40;
    /// Above the amount buttons.
    AmountHeading = "amount_heading", 60;
    /// The button that opens the keypad for another amount.
    AmountOther = "amount_other", 24;
    /// Above the amount keypad; `{min}` and `{max}` become amounts.
    AmountOtherPrompt = "amount_other_prompt", 80, {"min", "max"};
    /// Above the frequency choice.
    FrequencyHeading = "frequency_heading", 60;
    /// The one-time choice.
    FrequencyOneTime = "frequency_one_time", 24;
    /// The monthly choice.
    FrequencyMonthly = "frequency_monthly", 24;
    /// Moves to the next step of the form.
    Next = "next", 16;
    /// Moves to the previous step.
    Back = "back", 16;
    /// Above the donor's details.
    DetailsHeading = "details_heading", 60;
    /// The name field's label.
    FieldName = "field_name", 32;
    /// The email field's label.
    FieldEmail = "field_email", 32;
    /// The phone field's label.
    FieldPhone = "field_phone", 32;
    /// The dedication field's label.
    FieldDedication = "field_dedication", 32;
    /// The label of an optional field; `{label}` is the field's own label.
    FieldOptional = "field_optional", 48, {"label"};
    /// The anonymous toggle.
    Anonymous = "anonymous", 60;
    /// Above the consent boxes.
    ConsentsHeading = "consents_heading", 60;
    /// Under an empty required field.
    ErrorRequired = "error_required", 60;
    /// Under a field that is too long; `{max}` is the limit.
    ErrorTooLong = "error_too_long", 80, {"max"};
    /// Under an email address that is not one.
    ErrorEmail = "error_email", 60;
    /// Under a phone number that is not one.
    ErrorPhone = "error_phone", 60;
    /// Under an amount below the minimum; `{amount}`.
    ErrorMinimum = "error_minimum", 60, {"amount"};
    /// Under an amount above the maximum; `{amount}`.
    ErrorMaximum = "error_maximum", 60, {"amount"};
    /// When no amount or frequency is chosen.
    ErrorChoose = "error_choose", 60;
    /// Above the summary before confirming.
    ReviewHeading = "review_heading", 60;
    /// The amount line for a one-time pledge; `{amount}`.
    ReviewOneTime = "review_one_time", 60, {"amount"};
    /// The amount line for a monthly pledge; `{amount}`.
    ReviewMonthly = "review_monthly", 60, {"amount"};
    /// One of the donor's details on the review: `{label}` is the field's
    /// label, `{value}` what was typed ("{label}: {value}"; French puts a
    /// space before the colon).
    ReviewItem = "review_item", 24, {"label", "value"};
    /// Under the summary: what a pledge is.
    ReviewNote = "review_note", 200;
    /// Above the consents ticked, on the review.
    ReviewConsents = "review_consents", 60;
    /// The button that commits the pledge.
    Confirm = "confirm", 32;
    /// Back from the summary to edit.
    Change = "change", 16;
    /// While the pledge is being saved.
    Saving = "saving", 60;
    /// The thank-you heading; `{name}` is the first name.
    ThanksNamed = "thanks_named", 48, {"name"};
    /// The thank-you heading without a name.
    ThanksAnonymous = "thanks_anonymous", 48;
    /// Under it; `{amount}` and `{ref}`.
    ThanksBody = "thanks_body", 160, {"amount", "ref"};
    /// Beside the QR code.
    ThanksQr = "thanks_qr", 100;
    /// What screen readers say for the QR code.
    QrAlt = "qr_alt", 100;
    /// Ends the thank-you screen.
    ThanksDone = "thanks_done", 16;
    /// When a pledge could not be saved.
    FailedTitle = "failed_title", 60;
    /// Under it.
    FailedBody = "failed_body", 200;
    /// Tries to save again.
    Retry = "retry", 24;
    /// The keyboard's shift key.
    KeyShift = "key_shift", 12;
    /// The keyboard's caps lock key.
    KeyCaps = "key_caps", 12;
    /// The space bar.
    KeySpace = "key_space", 12;
    /// Closes the keyboard.
    KeyDone = "key_done", 12;
    /// Shows digits and symbols.
    KeySymbols = "key_symbols", 8;
    /// Shows letters again.
    KeyLetters = "key_letters", 8;
    /// Heading of the pledge totals.
    AdminPledges = "admin_pledges", 40;
    /// Today's total; `{count}` and `{amount}`.
    AdminToday = "admin_today", 80, {"count", "amount"};
    /// This event's total; `{count}`, `{amount}`, `{event}`.
    AdminEvent = "admin_event", 80, {"count", "amount", "event"};
    /// Above the newest pledges.
    AdminRecent = "admin_recent", 40;
    /// Heading of the export section.
    AdminExport = "admin_export", 60;
    /// Exports every pledge.
    AdminExportAll = "admin_export_all", 32;
    /// Exports pledges since the last export.
    AdminExportNew = "admin_export_new", 32;
    /// After an export; `{count}` and `{file}`.
    AdminExported = "admin_exported", 160, {"count", "file"};
    /// When an export fails; `{error}`.
    AdminExportFailed = "admin_export_failed", 200, {"error"};
    /// When no drive is mounted.
    AdminNoDrive = "admin_no_drive", 120;
    /// Reloads the content pack.
    AdminReload = "admin_reload", 32;
    /// Switches to kiosk mode.
    AdminToKiosk = "admin_to_kiosk", 32;
    /// Switches to presenter mode.
    AdminToPresenter = "admin_to_presenter", 32;
    /// When the store cannot be read; `{error}`.
    AdminStoreFailed = "admin_store_failed", 200, {"error"};
    /// When a changed pack (`--watch`) has errors and the last good one
    /// stays; `{dir}`.
    AdminPackKept = "admin_pack_kept", 300, {"dir"};
    /// When a damaged store was renamed and a fresh one started; `{file}`.
    AdminStoreSetAside = "admin_store_set_aside", 300, {"file"};
    /// When the kiosk settings (kiosk.ron) cannot be used, so no pledges
    /// are taken; `{error}`.
    AdminSettingsBroken = "admin_settings_broken", 300, {"error"};
    /// The total screen's heading.
    TotalTitle = "total_title", 48;
    /// Under the total; `{goal}`.
    TotalOfGoal = "total_of_goal", 60, {"goal"};
    /// The number of pledges; `{count}`.
    TotalCount = "total_count", 48, {"count"};
    /// Above the donors' first names.
    TotalThanks = "total_thanks", 48;
    /// On the total screen while the gala hub is out of reach: when its
    /// total was last read; `{time}` is the time of day.
    TotalLastUpdated = "total_last_updated", 40, {"time"};
    /// The heading of the staff screen's gala hub section.
    AdminHub = "admin_hub", 40;
    /// The hub has every pledge of this kiosk.
    AdminHubConnected = "admin_hub_connected", 200;
    /// The kiosk is trying the hub for the first time since it started.
    AdminHubConnecting = "admin_hub_connecting", 200;
    /// Pledges are waiting for the hub: `{count}` of them, `{since}` the
    /// time the hub was last reached, `{reason}` why not now.
    AdminHubWaiting = "admin_hub_waiting", 400, {"count", "since", "reason"};
    /// `{since}` of [`StringKey::AdminHubWaiting`] when the hub was never
    /// reached since the kiosk started.
    AdminHubNever = "admin_hub_never", 24;
    /// The paddle entry screen's heading (`--paddle-entry`).
    PaddleTitle = "paddle_title", 32;
    /// Above the giving levels a volunteer chooses from.
    PaddleLevels = "paddle_levels", 40;
    /// The choice for no level being called.
    PaddleNoLevel = "paddle_no_level", 24;
    /// The choice for a gift of an amount of its own.
    PaddleOther = "paddle_other", 24;
    /// The label of the amount typed for another amount.
    PaddleAmount = "paddle_amount", 24;
    /// The label of the paddle number being typed.
    PaddleNumber = "paddle_number", 24;
    /// The key that records the paddle typed.
    PaddleRecord = "paddle_record", 12;
    /// An entry, in the list and once recorded; `{paddle}` its number, `{amount}` its amount.
    PaddleRecorded = "paddle_recorded", 48, {"paddle", "amount"};
    /// Undoes an entry (for two minutes after it was made).
    PaddleUndo = "paddle_undo", 12;
    /// Beside an entry that was undone.
    PaddleUndone = "paddle_undone", 16;
    /// Gifts at a level against those hoped for; `{count}` and `{hoped}`.
    PaddleProgress = "paddle_progress", 24, {"count", "hoped"};
    /// When no level or amount is chosen yet.
    PaddleChoose = "paddle_choose", 120;
    /// Above the list of the last entries.
    PaddleRecent = "paddle_recent", 32;
    /// Locks the paddle entry screen behind the staff PIN again.
    PaddleLock = "paddle_lock", 12;
    /// On the total screen during the paddle raise: the level being called; `{amount}`.
    TotalCalling = "total_calling", 48, {"amount"};
    /// On the total screen: the matching gift, `{sponsor}` its sponsor and `{limit}` the most it adds.
    TotalMatching = "total_matching", 120, {"sponsor", "limit"};
    /// Under it: what the matching gift adds so far; `{amount}`.
    TotalMatched = "total_matched", 60, {"amount"};
    /// On the total screen, a paddle raised being thanked; `{paddle}` its number.
    TotalPaddle = "total_paddle", 24, {"paddle"};
}

impl Strings {
    /// The text for `key` in `locale`, or "" if the pack has none (a loaded
    /// pack always has every key; see [`crate::content::Pack`]).
    pub fn get<'a>(&'a self, key: StringKey, locale: &str, fallback: &str) -> &'a str {
        self.0.get(&key).map_or("", |t| t.get(locale, fallback))
    }
}

/// `template` with each `{name}` of `values` replaced by its value, in one
/// pass: what a value holds is never searched for placeholders itself (a
/// donor who types "{amount}" as a name sees it as typed), and a
/// placeholder `values` does not name stays as it is.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            values
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v, close))
        });
        match value {
            Some((v, close)) => {
                out.push_str(v);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::fill;

    #[test]
    fn fills_each_placeholder_once() {
        assert_eq!(
            fill(
                "{label}: {value}",
                &[("label", "Name"), ("value", "{label}")]
            ),
            "Name: {label}"
        );
        assert_eq!(fill("{a}{a} {b} {", &[("a", "x")]), "xx {b} {");
        assert_eq!(fill("", &[("a", "x")]), "");
        assert_eq!(fill("{é}", &[("é", "ok")]), "ok");
    }
}
