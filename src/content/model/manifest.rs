//! `manifest.ron`: who the pack is, which languages it speaks, and its timings.

use serde::{Deserialize, Serialize};

use super::Text;

/// The pack's identity, languages, timings and online giving link.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// A stable identifier for the pack, such as `"ijm-hk-25"`: lower-case
    /// letters, digits and dashes. It is recorded with every pledge.
    pub id: String,
    /// The organisation's or exhibition's title, shown on the attract loop and
    /// as the window title.
    pub title: Text,
    /// The pack's version, such as `"1.0.0"`; recorded with every pledge so
    /// staff know which wording a donor saw.
    pub version: String,
    /// The languages this pack offers, in the order the language switch shows
    /// them. Every text in the pack has one entry per locale listed here.
    pub locales: Vec<Locale>,
    /// The locale shown at start and after every idle reset; one of `locales`.
    pub default_locale: String,
    /// Idle, attract and thank-you timings.
    pub timings: Timings,
    /// Where a donor can complete a gift online. `{ref}` in it is replaced by
    /// the pledge's reference code, for the QR code on the thank-you screen.
    pub online_giving_url: String,
}

/// One language the pack offers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Locale {
    /// A BCP 47 language tag such as `"en"` or `"zh-HK"`.
    pub code: String,
    /// The language's name in itself, such as `"English"` or `"中文"`: the
    /// language switch shows it to a visitor who reads that language.
    pub name: String,
    /// Optional: the language tag whose CLDR conventions write this
    /// language's numbers, money and dates, when they should not be
    /// `code`'s own. The bundled pack writes `zh-HK` as `zh-Hant` does
    /// ("730萬"; Hong Kong's CLDR data says "7.3M").
    #[serde(default)]
    pub formats_as: Option<String>,
}

/// How long things wait, in seconds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Timings {
    /// In kiosk mode, seconds without a touch before the "still there?"
    /// countdown starts (10 to 3600; 90 is a good default at a gala).
    pub idle_timeout_secs: u32,
    /// Seconds the "still there?" countdown runs before the kiosk resets to
    /// the attract loop and forgets the visitor (3 to 120).
    pub idle_countdown_secs: u32,
    /// Seconds each attract-loop slide stays on screen (2 to 120).
    pub attract_slide_secs: u32,
    /// Seconds the thank-you screen stays before returning to the attract
    /// loop (5 to 600).
    pub thanks_timeout_secs: u32,
}
