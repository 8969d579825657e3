//! The interface strings' checks: every key present, within its room, with
//! the placeholders it takes and no other.

use super::Checker;
use crate::content::{locate::field, model::*};

/// The `{name}` placeholders in `text`, in order: a name is letters,
/// digits and `_` between braces; other braces are text.
pub(super) fn placeholders_in(text: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let len = after
            .find(|ch: char| !(ch.is_alphanumeric() || ch == '_'))
            .unwrap_or(after.len());
        if len > 0 && after[len..].starts_with('}') {
            names.push(&after[..len]);
            rest = &after[len + 1..];
        } else {
            rest = after;
        }
    }
    names
}

/// Each language's text for `key` has every placeholder the key takes and
/// no other: a translator's `{cuont}` would reach the screen as written,
/// and a text that leaves out `{amount}` would not say how much.
fn placeholders(c: &mut Checker<'_>, key: StringKey, text: &Text) {
    let takes = key.placeholders();
    let list = |names: &[&str]| {
        names
            .iter()
            .map(|n| format!("{{{n}}}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    for (locale, s) in &text.0 {
        let here = field(key.name(), locale);
        let found = placeholders_in(s);
        for name in found.iter().filter(|n| !takes.contains(n)) {
            let takes = if takes.is_empty() {
                "this text takes none".to_owned()
            } else {
                format!("this text takes {}", list(takes))
            };
            c.error(
                &here,
                format!("the {locale:?} text has {{{name}}}, which is never filled in; {takes}"),
            );
        }
        for name in takes.iter().filter(|n| !found.contains(n)) {
            c.error(
                &here,
                format!("the {locale:?} text leaves out {{{name}}}; it must show it"),
            );
        }
    }
}

pub(super) fn strings(c: &mut Checker<'_>, s: &Strings, fallback: Option<&Strings>) {
    for key in StringKey::ALL {
        match s.0.get(key) {
            Some(text) => {
                c.text(key.name(), text, key.max_columns());
                placeholders(c, *key, text);
            }
            None if fallback.is_some() => c.warn(
                "",
                format!(
                    "{} is missing; the bundled pack's text is shown",
                    key.name()
                ),
            ),
            None => c.error("", format!("{} is missing", key.name())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::placeholders_in;

    #[test]
    fn placeholders_are_names_in_braces_and_other_braces_are_text() {
        assert_eq!(
            placeholders_in("{count} pledges to {file}"),
            ["count", "file"]
        );
        assert_eq!(placeholders_in("{ } {a b} {} { {secs"), Vec::<&str>::new());
        assert_eq!(placeholders_in("{{amount}}"), ["amount"]);
        assert_eq!(placeholders_in("{數字}"), ["數字"]);
    }
}
