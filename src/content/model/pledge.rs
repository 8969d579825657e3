//! `pledge.ron`: what the pledge form offers and asks.

use serde::{Deserialize, Serialize};

use super::Text;

/// Everything the pledge form offers (`pledge.ron`). Amounts are integers in
/// the currency's minor unit (cents): HK$1,000 is `100000`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PledgeOptions {
    /// The one currency pledges are made in.
    pub currency: Currency,
    /// The preset amounts shown as large buttons, in minor units, smallest
    /// first; from 1 to 8 of them, each within `min_minor..=max_minor`.
    pub presets_minor: Vec<u64>,
    /// The smallest amount a visitor may pledge, in minor units.
    pub min_minor: u64,
    /// The largest amount a visitor may pledge, in minor units.
    pub max_minor: u64,
    /// The frequencies offered, first one preselected: `OneTime`, `Monthly`.
    pub frequencies: Vec<Frequency>,
    /// Which donor fields the form shows, and which must be filled in.
    pub donor_fields: DonorFields,
    /// The personal information collection statement shown before the first
    /// field.
    pub statement: Statement,
    /// The separate consents a donor may give, each an un-ticked box.
    pub consents: Vec<Consent>,
    /// The `id` of the consent that lets the total screen thank the donor
    /// by first name; without it, no names are shown there.
    #[serde(default)]
    pub public_name_consent: Option<String>,
    /// The event's fundraising goal in minor units, for the total screen.
    pub event_goal_minor: u64,
}

/// A currency, as ISO 4217 has it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Currency {
    /// The ISO 4217 code, three capital letters, such as `"HKD"`.
    pub code: String,
    /// The symbol, per language, such as `"HK$"`; without it, the one the
    /// language usually writes (CLDR's: "€", "CHF", "CA$" in English, "$"
    /// in Canadian French). Where it goes, before or after the amount and
    /// with or without a space, is the language's rule, not the pack's.
    #[serde(default)]
    pub symbol: Option<Text>,
    /// How many decimal places the minor unit has; optional, and if given
    /// it must be ISO 4217's for the code (2 for HKD, 0 for JPY, 3 for KWD).
    #[serde(default)]
    pub exponent: Option<u8>,
}

impl Currency {
    /// The decimal places of the minor unit: ISO 4217's for the code (a
    /// pack that validates gives no other), else the pack's, else 2.
    pub fn minor_exponent(&self) -> u8 {
        crate::content::format::iso_exponent(&self.code)
            .or(self.exponent)
            .unwrap_or(2)
    }
}

/// How often a pledge repeats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Frequency {
    /// A single gift.
    OneTime,
    /// A gift every month.
    Monthly,
}

/// Whether the form shows a donor field, and whether it must be filled in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FieldRule {
    /// Shown, and the pledge cannot be made without it.
    Required,
    /// Shown, and may be left empty.
    Optional,
    /// Not shown at all.
    Hidden,
}

/// The rule for each donor field.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DonorFields {
    /// The donor's name.
    pub name: FieldRule,
    /// The donor's email address.
    pub email: FieldRule,
    /// The donor's phone number.
    pub phone: FieldRule,
    /// A dedication, such as "In memory of my mother".
    pub dedication: FieldRule,
    /// Whether the form offers an "anonymous" toggle, which keeps the donor's
    /// name off every public screen.
    pub allow_anonymous: bool,
}

/// The personal information collection statement (PICS).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Statement {
    /// The statement's version, recorded with each pledge, such as
    /// `"2026-11"`. Change it whenever the wording changes.
    pub version: String,
    /// The statement's heading.
    pub title: Text,
    /// The statement itself.
    pub text: Text,
}

/// One purpose a donor may consent to, such as email updates.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Consent {
    /// A short stable name recorded with the pledge, such as `"email_updates"`.
    pub id: String,
    /// The sentence beside the box.
    pub text: Text,
}
