//! The pledge options' checks: amounts, presets, frequencies, the donor
//! fields, consents, the collection statement and the currency.

use std::collections::BTreeSet;

use super::{Checker, limits};
use crate::content::{
    locate::{field, index},
    model::*,
};

/// The pledge options: amounts, frequencies, donor fields, the statement,
/// consents, the event's goal and the currency.
pub(super) fn pledge(c: &mut Checker<'_>, p: &PledgeOptions) {
    currency(c, &p.currency);
    amounts(c, p);
    if p.frequencies.is_empty() {
        c.error(
            "frequencies",
            "offer at least one frequency: OneTime or Monthly",
        );
    }
    for (i, f) in p.frequencies.iter().enumerate() {
        if p.frequencies[..i].contains(f) {
            c.error(&index("frequencies", i), format!("{f:?} is listed twice"));
        }
    }
    let d = &p.donor_fields;
    if [d.name, d.email, d.phone]
        .iter()
        .all(|r| *r == FieldRule::Hidden)
    {
        c.error(
            "donor_fields",
            "show at least one of name, email and phone, or staff cannot follow a pledge up",
        );
    }
    if p.statement.version.trim().is_empty() {
        c.error(
            "statement.version",
            "the statement needs a version, recorded with every pledge",
        );
    }
    c.text("statement.title", &p.statement.title, limits::HEADING);
    c.text("statement.text", &p.statement.text, limits::STATEMENT);
    consents(c, p);
    if p.event_goal_minor == 0 {
        c.error("event_goal_minor", "the event goal must be more than 0");
    }
}

/// The minimum, the maximum and the presets between them, smallest first.
fn amounts(c: &mut Checker<'_>, p: &PledgeOptions) {
    let cur = &p.currency;
    if p.min_minor == 0 {
        c.error("min_minor", "the minimum must be more than 0");
    }
    if p.min_minor > p.max_minor {
        c.error(
            "min_minor",
            format!(
                "the minimum {} is more than the maximum {}",
                p.min_minor, p.max_minor
            ),
        );
    }
    // Keep amounts far from overflow in totals of many pledges.
    c.range(
        "max_minor",
        "the maximum",
        p.max_minor,
        1,
        1_000_000_000_000,
    );
    if p.presets_minor.is_empty() || p.presets_minor.len() > limits::MAX_PRESETS {
        c.error(
            "presets_minor",
            format!("list 1 to {} preset amounts", limits::MAX_PRESETS),
        );
    }
    for (i, &amount) in p.presets_minor.iter().enumerate() {
        let path = index("presets_minor", i);
        if amount < p.min_minor || amount > p.max_minor {
            c.error(
                &path,
                format!(
                    "the preset {amount} is outside the minimum {} and maximum {} (amounts are in minor units: {amount} is {} {})",
                    p.min_minor,
                    p.max_minor,
                    crate::content::format::decimal(amount, cur.minor_exponent()),
                    cur.code
                ),
            );
        }
        if i > 0 && p.presets_minor[i - 1] >= amount {
            c.error(&path, "list the presets smallest first, each once");
        }
    }
}

/// The consents: ids well formed and used once, texts within their room,
/// and the consent that lets a name be shown among them.
fn consents(c: &mut Checker<'_>, p: &PledgeOptions) {
    let mut ids = BTreeSet::new();
    for (i, consent) in p.consents.iter().enumerate() {
        let path = index("consents", i);
        let id_ok = !consent.id.is_empty()
            && consent
                .id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if !id_ok {
            c.error(&field(&path, "id"), "a consent id is lower-case letters, digits and underscores, such as \"email_updates\"");
        } else if !ids.insert(consent.id.as_str()) {
            c.error(
                &field(&path, "id"),
                format!("the consent id {:?} is used twice", consent.id),
            );
        }
        c.text(&field(&path, "text"), &consent.text, limits::CONSENT);
    }
    if let Some(id) = &p.public_name_consent
        && !p.consents.iter().any(|c| &c.id == id)
    {
        c.error(
            "public_name_consent",
            format!("there is no consent with id {id:?} in consents"),
        );
    }
}

/// The currency: a code ISO 4217 lists, that money can be pledged in,
/// still in use, and the exponent (if the pack gives one) its own.
fn currency(c: &mut Checker<'_>, cur: &Currency) {
    let iso = iso_currency::Currency::from_code(&cur.code);
    match iso {
        None => c.error(
            "currency.code",
            format!(
                "{:?} is not an ISO 4217 currency code; use the three capital letters of one, such as \"HKD\", \"EUR\" or \"JPY\"",
                cur.code
            ),
        ),
        Some(iso) => {
            if iso.is_fund() || iso.is_special() || iso.exponent().is_none() {
                c.error(
                    "currency.code",
                    format!(
                        "{} ({}) is not a currency donors can pledge in; use a national currency's code",
                        cur.code,
                        iso.name()
                    ),
                );
            } else if let Some(now) = iso.is_superseded() {
                c.warn(
                    "currency.code",
                    format!(
                        "{} ({}) has been replaced by {} ({}); check the code",
                        cur.code,
                        iso.name(),
                        now.code(),
                        now.name()
                    ),
                );
            }
            if let (Some(given), Some(own)) = (cur.exponent, iso.exponent())
                && u16::from(given) != own
            {
                c.error(
                    "currency.exponent",
                    format!(
                        "{} has {own} decimal place(s) (ISO 4217), not {given}; write exponent: {own}, or leave the exponent out",
                        cur.code
                    ),
                );
            }
        }
    }
    if let Some(symbol) = &cur.symbol {
        c.text("currency.symbol", symbol, limits::CURRENCY_SYMBOL);
    }
}
