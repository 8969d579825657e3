//! `timeline.ron`: the dated events the timeline slider moves through.

use serde::{Deserialize, Serialize};

use super::{Figure, Text};

/// The timeline (`timeline.ron`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Timeline {
    /// The timeline's heading.
    pub title: Text,
    /// The events, oldest first: from 1 to 100 of them, each (year, month)
    /// later than the one before.
    pub events: Vec<Event>,
}

/// One event on the timeline.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// The year, such as `1997`.
    pub year: i32,
    /// The month, 1 to 12, when two events share a year or the month matters.
    #[serde(default)]
    pub month: Option<u8>,
    /// The event's title, shown on its card.
    pub title: Text,
    /// A few sentences about the event.
    pub body: Text,
    /// The `id` of a photo in `photos.ron` shown on the card, if any.
    #[serde(default)]
    pub photo: Option<String>,
    /// A figure shown large on the card, if any.
    #[serde(default)]
    pub figure: Option<Figure>,
}
