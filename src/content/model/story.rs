//! `story.ron`: the founder's story in chapters, and the headline figures.

use serde::{Deserialize, Serialize};

use super::Text;

/// The founder's story (`story.ron`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Story {
    /// The story's heading, shown above the first chapter.
    pub title: Text,
    /// The chapters, in reading order; at least one.
    pub chapters: Vec<Chapter>,
    /// The headline figures shown as large counting numbers; at least one.
    pub figures: Vec<Figure>,
}

/// One chapter of the story.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Chapter {
    /// The chapter heading.
    pub title: Text,
    /// The paragraphs, in order; at least one.
    pub paragraphs: Vec<Text>,
    /// The `id` of a photo in `photos.ron` shown beside the chapter, if any.
    #[serde(default)]
    pub photo: Option<String>,
}

/// A headline figure such as "76,063 people rescued".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    /// The number itself, exactly (write `7300000`, not `7.3`). The kiosk
    /// counts up to it and formats it for the visitor's language.
    pub value: u64,
    /// How the number is written: `Exact` gives every digit ("76,063"),
    /// `Compact` rounds to a short form ("7.3 million", "730萬"),
    /// `Percent` makes it a percentage ("85%", "85 %", "%85").
    #[serde(default)]
    pub style: FigureStyle,
    /// What comes right after the number, such as `" meals"` or `"食"`;
    /// none for a count. A language that needs none may leave its text
    /// empty (`""`).
    #[serde(default)]
    pub unit: Option<Text>,
    /// What the number counts, shown under it.
    pub label: Text,
    /// Where the number comes from, shown small under the label.
    #[serde(default)]
    pub source: Option<Text>,
}

/// How a [`Figure`] is written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum FigureStyle {
    /// Every digit, grouped as the language groups them: 76,063; 76 063.
    #[default]
    Exact,
    /// A short form, as the language says it: 7.3 million, 7,3 millions,
    /// 730萬, 730万.
    Compact,
    /// A percentage: the value 85 is "85%" in English, "85 %" in French,
    /// "%85" in Turkish.
    Percent,
}
