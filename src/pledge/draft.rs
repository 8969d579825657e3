//! What a visitor has typed so far, and its validation into a pledge that may
//! be stored. Validation never changes the draft: nothing typed is lost.

use std::collections::BTreeSet;

use crate::content::{FieldRule, Frequency, PledgeOptions};

/// The longest name kept, in characters.
pub const MAX_NAME_CHARS: usize = 100;
/// The longest email address (RFC 5321's path limit).
pub const MAX_EMAIL_CHARS: usize = 254;
/// The longest phone number as typed.
pub const MAX_PHONE_CHARS: usize = 32;
/// The longest dedication.
pub const MAX_DEDICATION_CHARS: usize = 200;

/// A field of the form, for messages next to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DraftField {
    /// The amount.
    Amount,
    /// One-time or monthly.
    Frequency,
    /// The donor's name.
    Name,
    /// The donor's email.
    Email,
    /// The donor's phone.
    Phone,
    /// The dedication.
    Dedication,
}

/// What is wrong with one field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldError {
    /// It must be filled in.
    Required,
    /// It is longer than `max` characters.
    TooLong {
        /// The limit.
        max: usize,
    },
    /// It is not an email address.
    InvalidEmail,
    /// It is not a phone number.
    InvalidPhone,
    /// The amount is below the minimum (in minor units).
    BelowMinimum {
        /// The minimum.
        min_minor: u64,
    },
    /// The amount is above the maximum (in minor units).
    AboveMaximum {
        /// The maximum.
        max_minor: u64,
    },
    /// The frequency is not one the pack offers.
    NotOffered,
}

/// Every problem of a draft, in form order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldErrors(pub Vec<(DraftField, FieldError)>);

impl FieldErrors {
    /// The problem with `field`, if any.
    pub fn get(&self, field: DraftField) -> Option<&FieldError> {
        self.0.iter().find(|(f, _)| *f == field).map(|(_, e)| e)
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// A donor's detail in `{:?}` output (a log line, a panic message): only
/// whether there is one, never what it is.
pub struct Hidden<'a>(pub Option<&'a str>);

impl std::fmt::Debug for Hidden<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            None => f.write_str("None"),
            Some("") => f.write_str("\"\""),
            Some(_) => f.write_str("<hidden>"),
        }
    }
}

/// The pledge form's contents as typed.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct PledgeDraft {
    /// The chosen amount, in minor units.
    pub amount_minor: Option<u64>,
    /// The chosen frequency.
    pub frequency: Option<Frequency>,
    /// The donor's name as typed.
    pub name: String,
    /// Email as typed.
    pub email: String,
    /// Phone as typed.
    pub phone: String,
    /// Dedication as typed.
    pub dedication: String,
    /// Keep the name off public screens.
    pub anonymous: bool,
    /// The ids of the consents ticked.
    pub consents: BTreeSet<String>,
}

impl std::fmt::Debug for PledgeDraft {
    /// The donor's details are hidden ([`Hidden`]).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PledgeDraft")
            .field("amount_minor", &self.amount_minor)
            .field("frequency", &self.frequency)
            .field("name", &Hidden(Some(&self.name)))
            .field("email", &Hidden(Some(&self.email)))
            .field("phone", &Hidden(Some(&self.phone)))
            .field("dedication", &Hidden(Some(&self.dedication)))
            .field("anonymous", &self.anonymous)
            .field("consents", &self.consents)
            .finish()
    }
}

/// A pledge that passed validation: trimmed, bounded, ready to store.
#[derive(Clone, PartialEq, Eq)]
pub struct ValidPledge {
    /// The amount, in minor units, within the pack's bounds.
    pub amount_minor: u64,
    /// One of the frequencies the pack offers.
    pub frequency: Frequency,
    /// The name, if given.
    pub name: Option<String>,
    /// The email, if given.
    pub email: Option<String>,
    /// The phone, if given.
    pub phone: Option<String>,
    /// The dedication, if given.
    pub dedication: Option<String>,
    /// Keep the name off public screens.
    pub anonymous: bool,
    /// Consents ticked, only ids the pack lists, sorted.
    pub consents: Vec<String>,
    /// The version of the collection statement the donor saw.
    pub statement_version: String,
}

impl std::fmt::Debug for ValidPledge {
    /// The donor's details are hidden ([`Hidden`]).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ValidPledge")
            .field("amount_minor", &self.amount_minor)
            .field("frequency", &self.frequency)
            .field("name", &Hidden(self.name.as_deref()))
            .field("email", &Hidden(self.email.as_deref()))
            .field("phone", &Hidden(self.phone.as_deref()))
            .field("dedication", &Hidden(self.dedication.as_deref()))
            .field("anonymous", &self.anonymous)
            .field("consents", &self.consents)
            .field("statement_version", &self.statement_version)
            .finish()
    }
}

impl ValidPledge {
    /// The first name to thank in public, if the donor gave a name, is not
    /// anonymous, and ticked the pack's consent for it (`consent_id`).
    pub fn public_first_name(&self, consent_id: Option<&str>) -> Option<String> {
        let consent = consent_id?;
        if self.anonymous || !self.consents.iter().any(|c| c == consent) {
            return None;
        }
        self.name
            .as_deref()?
            .split_whitespace()
            .next()
            .map(str::to_owned)
    }
}

impl Drop for ValidPledge {
    /// The donor's details are zeroed once the pledge has been stored.
    fn drop(&mut self) {
        use zeroize::Zeroize;
        self.name.zeroize();
        self.email.zeroize();
        self.phone.zeroize();
        self.dedication.zeroize();
    }
}

/// Removes what must never reach the store or a screen: control characters
/// (a pasted tab, newline or escape) and line or paragraph separators.
/// Every script, emoji and joiner is kept.
pub fn clean(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_control() && !matches!(c, '\u{2028}' | '\u{2029}'))
        .collect()
}

/// `s` cleaned and trimmed; `None` if nothing is left.
fn present(s: &str) -> Option<String> {
    let s = clean(s);
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

fn email_ok(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !s.chars().any(char::is_whitespace)
}

fn phone_ok(s: &str) -> bool {
    let digits = s.chars().filter(char::is_ascii_digit).count();
    (6..=15).contains(&digits)
        && s.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '+' | ' ' | '-' | '(' | ')'))
        && s.chars().skip(1).all(|c| c != '+')
}

impl PledgeDraft {
    /// Overwrites every typed byte with zeros, then empties the form: what
    /// a visitor typed does not linger in memory after their session.
    pub fn wipe(&mut self) {
        use zeroize::Zeroize;
        self.name.zeroize();
        self.email.zeroize();
        self.phone.zeroize();
        self.dedication.zeroize();
        self.amount_minor = None;
        self.anonymous = false;
        self.consents.clear();
    }

    /// The first name to thank the donor by: the first word of the name.
    pub fn first_name(&self) -> Option<String> {
        present(&self.name).and_then(|n| n.split_whitespace().next().map(str::to_owned))
    }

    /// Checks the amount and frequency only (the first step of the form).
    pub fn validate_amount(&self, options: &PledgeOptions) -> FieldErrors {
        let mut errors = Vec::new();
        match self.amount_minor {
            None => errors.push((DraftField::Amount, FieldError::Required)),
            Some(a) if a < options.min_minor => errors.push((
                DraftField::Amount,
                FieldError::BelowMinimum {
                    min_minor: options.min_minor,
                },
            )),
            Some(a) if a > options.max_minor => errors.push((
                DraftField::Amount,
                FieldError::AboveMaximum {
                    max_minor: options.max_minor,
                },
            )),
            Some(_) => {}
        }
        match self.frequency {
            Some(f) if options.frequencies.contains(&f) => {}
            Some(_) => errors.push((DraftField::Frequency, FieldError::NotOffered)),
            None => errors.push((DraftField::Frequency, FieldError::Required)),
        }
        FieldErrors(errors)
    }

    /// Checks the donor's details only (the second step of the form).
    pub fn validate_details(&self, options: &PledgeOptions) -> FieldErrors {
        let rules = &options.donor_fields;
        let mut errors = Vec::new();
        let mut text =
            |field, value: &str, rule: FieldRule, max: usize, check: fn(&str) -> bool, bad| {
                if rule == FieldRule::Hidden {
                    return;
                }
                match present(value) {
                    None if rule == FieldRule::Required => {
                        errors.push((field, FieldError::Required))
                    }
                    None => {}
                    Some(v) if v.chars().count() > max => {
                        errors.push((field, FieldError::TooLong { max }))
                    }
                    Some(v) if !check(&v) => errors.push((field, bad)),
                    Some(_) => {}
                }
            };
        let any = |_: &str| true;
        text(
            DraftField::Name,
            &self.name,
            rules.name,
            MAX_NAME_CHARS,
            any,
            FieldError::Required,
        );
        text(
            DraftField::Email,
            &self.email,
            rules.email,
            MAX_EMAIL_CHARS,
            email_ok,
            FieldError::InvalidEmail,
        );
        text(
            DraftField::Phone,
            &self.phone,
            rules.phone,
            MAX_PHONE_CHARS,
            phone_ok,
            FieldError::InvalidPhone,
        );
        text(
            DraftField::Dedication,
            &self.dedication,
            rules.dedication,
            MAX_DEDICATION_CHARS,
            any,
            FieldError::Required,
        );
        FieldErrors(errors)
    }

    /// Parses the whole draft into a pledge, or says what is wrong with each
    /// field. The draft itself is left as it was.
    pub fn validate(&self, options: &PledgeOptions) -> Result<ValidPledge, FieldErrors> {
        let mut errors = self.validate_amount(options);
        errors.0.extend(self.validate_details(options).0);
        if !errors.is_empty() {
            return Err(errors);
        }
        let (Some(amount_minor), Some(frequency)) = (self.amount_minor, self.frequency) else {
            return Err(errors);
        };
        let shown = |rule: FieldRule, value: &str| {
            if rule == FieldRule::Hidden {
                None
            } else {
                present(value)
            }
        };
        let rules = &options.donor_fields;
        Ok(ValidPledge {
            amount_minor,
            frequency,
            name: shown(rules.name, &self.name),
            email: shown(rules.email, &self.email),
            phone: shown(rules.phone, &self.phone),
            dedication: shown(rules.dedication, &self.dedication),
            anonymous: self.anonymous && rules.allow_anonymous,
            consents: options
                .consents
                .iter()
                .filter(|c| self.consents.contains(&c.id))
                .map(|c| c.id.clone())
                .collect(),
            statement_version: options.statement.version.clone(),
        })
    }
}
