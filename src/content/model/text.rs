//! Localised text: every word a visitor can read is a map from locale to text.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// A text in every locale the pack offers, written in RON as a map:
/// `{"en": "Our story", "zh-HK": "我們的故事"}`.
///
/// Keys are locale codes as listed in the manifest (`en`, `zh-HK`, …).
/// Validation reports a locale that is missing, and a key the manifest does
/// not list.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Text(pub BTreeMap<String, String>);

impl Text {
    /// The text in `locale`, or else in `fallback` (the pack's default
    /// locale), or else any text at all. Never panics; an empty map gives "".
    pub fn get<'a>(&'a self, locale: &str, fallback: &str) -> &'a str {
        self.0
            .get(locale)
            .or_else(|| self.0.get(fallback))
            .or_else(|| self.0.values().next())
            .map_or("", String::as_str)
    }

    /// The text in exactly `locale`, if the pack has one.
    pub fn exact(&self, locale: &str) -> Option<&str> {
        self.0.get(locale).map(String::as_str)
    }

    /// Builds a text from `(locale, text)` pairs; handy in tests and tools.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        Self(
            pairs
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect(),
        )
    }
}
