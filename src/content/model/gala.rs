//! `event.ron` (optional): the evening itself, for the total screen and
//! the paddle raise: the goal, the giving levels the auctioneer calls, a
//! matching gift, the slides shown between pledges, and whether first names
//! are shown.

use serde::{Deserialize, Serialize};

use super::{Figure, Text};

/// The evening (`event.ron`). A pack without it keeps the total screen as
/// it was: `pledge.ron`'s `event_goal_minor`, first names when the donor
/// ticked `public_name_consent`, no levels, no slides.
///
/// ```ron
/// (
///     goal_minor: 50000000,
///     levels: [
///         (amount_minor: 5000000, hoped: 5),
///         (amount_minor: 1000000, hoped: 10),
///     ],
///     matching: Some((
///         sponsor: {"en": "The Lee Family Foundation"},
///         up_to_minor: 10000000,
///     )),
///     slides: [
///         Mission((text: {"en": "Every gift tonight ..."})),
///     ],
/// )
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Gala {
    /// The evening's goal, in minor units; the total screen fills toward
    /// it (instead of `pledge.ron`'s `event_goal_minor`).
    pub goal_minor: u64,
    /// The giving levels of the paddle raise, largest first: the amount the
    /// auctioneer calls and how many gifts are hoped for at it. None: no
    /// paddle raise by levels (gifts off-level can still be entered).
    #[serde(default)]
    pub levels: Vec<Level>,
    /// A sponsor's promise to match the evening's gifts, if there is one.
    #[serde(default)]
    pub matching: Option<Matching>,
    /// What the total screen shows between pledges, in turn.
    #[serde(default)]
    pub slides: Vec<Slide>,
    /// Whether the total screen thanks donors by first name (those who
    /// ticked `pledge.ron`'s `public_name_consent`). `true` if left out.
    #[serde(default = "yes")]
    pub show_first_names: bool,
}

fn yes() -> bool {
    true
}

/// One giving level of the paddle raise, such as 5 gifts of HK$50,000.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    /// The amount called, in minor units.
    pub amount_minor: u64,
    /// How many gifts at this amount are hoped for.
    pub hoped: u32,
}

/// A matching gift: a sponsor adds `percent` of every gift, up to a limit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Matching {
    /// Who gives it, as the screen names them.
    pub sponsor: Text,
    /// The most the sponsor gives, in minor units.
    pub up_to_minor: u64,
    /// How much of each gift the sponsor adds: 100 doubles it (the usual
    /// match), 50 adds half. 100 if left out.
    #[serde(default = "hundred")]
    pub percent: u32,
}

fn hundred() -> u32 {
    100
}

/// A slide the total screen shows between pledges.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Slide {
    /// The mission in a sentence or two.
    Mission(MissionSlide),
    /// A headline figure, written as `story.ron`'s figures are.
    Figure(Figure),
    /// Thanks to a sponsor, with their logo.
    Sponsor(SponsorSlide),
}

/// The mission, in words.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MissionSlide {
    /// The text.
    pub text: Text,
}

/// A sponsor's thanks.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SponsorSlide {
    /// The thanks, such as "Tonight's wine is the gift of ...".
    pub text: Text,
    /// The sponsor's logo: a PNG or JPEG in the pack, such as
    /// `"photos/lee-foundation.png"`.
    #[serde(default)]
    pub logo: Option<String>,
}

impl Gala {
    /// The sum the sponsor adds to `total_minor` of gifts, within their
    /// limit.
    pub fn matched_minor(&self, total_minor: u64) -> u64 {
        self.matching.as_ref().map_or(0, |m| {
            (u128::from(total_minor) * u128::from(m.percent) / 100)
                .min(u128::from(m.up_to_minor))
                .try_into()
                .unwrap_or(m.up_to_minor)
        })
    }
}
