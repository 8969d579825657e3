//! The manifest's checks: the pack's id and title, its locales, fonts,
//! links and timings.

use std::collections::BTreeSet;

use super::{Checker, limits};
use crate::content::{
    locate::{field, index},
    model::*,
};

/// The manifest: id, version, title, locales, timings and the giving link.
pub(super) fn manifest(c: &mut Checker<'_>, m: &Manifest) {
    let id_ok = !m.id.is_empty()
        && m.id.len() <= 64
        && m.id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !id_ok {
        c.error("id", "the pack id must be 1 to 64 lower-case letters, digits or dashes, such as \"ijm-hk-25\"");
    }
    if m.version.trim().is_empty() || m.version.len() > 32 {
        c.error(
            "version",
            "the version must be 1 to 32 characters, such as \"1.0.0\"",
        );
    }
    c.text("title", &m.title, limits::PACK_TITLE);
    if m.locales.is_empty() {
        c.error(
            "locales",
            "list at least one locale, such as (code: \"en\", name: \"English\")",
        );
    }
    let mut seen = BTreeSet::new();
    for (i, l) in m.locales.iter().enumerate() {
        locale(c, &index("locales", i), l, &mut seen);
    }
    if !m.locales.iter().any(|l| l.code == m.default_locale) {
        c.error(
            "default_locale",
            format!(
                "the default locale {:?} is not one of the listed locales",
                m.default_locale
            ),
        );
    }
    timings(c, &m.timings);
    online_giving_url(c, &m.online_giving_url);
}

/// One locale: a language tag the CLDR knows (or one it formats as), not
/// listed twice, and named.
fn locale<'m>(c: &mut Checker<'_>, path: &str, l: &'m Locale, seen: &mut BTreeSet<&'m str>) {
    let code_ok = !l.code.is_empty()
        && l.code.len() <= 16
        && l.code
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-');
    let cldr = crate::content::format::cldr_locale(&l.code, l.formats_as.as_deref());
    if !code_ok || crate::content::format::cldr_locale(&l.code, None).is_none() {
        c.error(
            &field(path, "code"),
            format!(
                "{:?} is not a language tag such as \"en\", \"fr-CA\" or \"zh-HK\"",
                l.code
            ),
        );
    } else if let Some(tag) = &l.formats_as
        && cldr.is_none()
    {
        c.error(
            &field(path, "formats_as"),
            format!("{tag:?} is not a language tag such as \"zh-Hant\" or \"fr-CA\""),
        );
    } else if let Some(locale) = &cldr
        && !crate::content::format::cldr_knows(locale)
    {
        let here = if l.formats_as.is_some() {
            field(path, "formats_as")
        } else {
            field(path, "code")
        };
        c.warn(
            &here,
            format!(
                "the Unicode CLDR has no data for {locale}: its numbers and dates are written the international way (1,234.5; 2013-03), and the keyboard offers no letters beyond a to z"
            ),
        );
    }
    if !seen.insert(l.code.as_str()) {
        c.error(
            &field(path, "code"),
            format!("the locale {:?} is listed twice", l.code),
        );
    }
    if l.name.trim().is_empty() {
        c.error(&field(path, "name"), "the language's name is empty");
    }
}

/// The timings, each within what a kiosk can live with.
fn timings(c: &mut Checker<'_>, t: &Timings) {
    for (name, value, min, max) in [
        ("idle_timeout_secs", t.idle_timeout_secs, 10, 3600),
        ("idle_countdown_secs", t.idle_countdown_secs, 3, 120),
        ("attract_slide_secs", t.attract_slide_secs, 2, 120),
        ("thanks_timeout_secs", t.thanks_timeout_secs, 5, 600),
    ] {
        c.range(&field("timings", name), name, value, min, max);
    }
}

/// The online giving link: https, short, no spaces, and with `{ref}`.
fn online_giving_url(c: &mut Checker<'_>, url: &str) {
    if !url.starts_with("https://") || url.len() > 300 || url.chars().any(char::is_whitespace) {
        c.error(
            "online_giving_url",
            "the online giving link must be an https:// address of at most 300 characters, without spaces",
        );
    } else if !url.contains("{ref}") {
        c.warn(
            "online_giving_url",
            "the online giving link has no {ref}, so donors' phones cannot carry their pledge reference",
        );
    }
}
