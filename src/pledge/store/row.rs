//! A pledge as stored: its row, its status, the details sealed in it, and a
//! new pledge ready to insert.

use std::fmt;

use chrono::{DateTime, Utc};

use super::super::ValidPledge;
use crate::{
    content::{Frequency, Pack},
    pledge::seal::Recipient,
};

/// Where a pledge stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Made at the kiosk; staff have not followed it up yet.
    Pending,
    /// The donor confirmed it.
    Confirmed,
    /// The money arrived.
    Fulfilled,
    /// Withdrawn.
    Cancelled,
}

impl Status {
    /// The word stored and exported.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pending => "pending",
            Status::Confirmed => "confirmed",
            Status::Fulfilled => "fulfilled",
            Status::Cancelled => "cancelled",
        }
    }

    /// The status stored as `s` (anything unknown is pending).
    pub fn parse(s: &str) -> Status {
        match s {
            "confirmed" => Status::Confirmed,
            "fulfilled" => Status::Fulfilled,
            "cancelled" => Status::Cancelled,
            _ => Status::Pending,
        }
    }
}

/// How a pledge was made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A visitor on the kiosk's pledge form.
    Kiosk,
    /// A paddle raised during the paddle raise, entered by a volunteer
    /// (`--paddle-entry`): a paddle number and an amount, no donor details.
    Paddle,
    /// The undoing of a paddle entry ([`PledgeRow::cancels`] names it): a
    /// row of its own, so nothing is ever deleted, and the hub (where a
    /// kiosk may only add rows) learns of it like any other entry. Its
    /// amount is the amount it takes back.
    Cancellation,
}

impl Kind {
    /// The word stored and exported.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Kiosk => "kiosk",
            Kind::Paddle => "paddle",
            Kind::Cancellation => "cancellation",
        }
    }

    /// The kind stored as `s` (anything unknown is a kiosk pledge).
    pub fn parse(s: &str) -> Kind {
        match s {
            "paddle" => Kind::Paddle,
            "cancellation" => Kind::Cancellation,
            _ => Kind::Kiosk,
        }
    }
}

/// The frequency as stored.
pub fn frequency_str(f: Frequency) -> &'static str {
    match f {
        Frequency::OneTime => "one_time",
        Frequency::Monthly => "monthly",
    }
}

/// The frequency stored as `s`.
pub fn parse_frequency(s: &str) -> Frequency {
    if s == "monthly" {
        Frequency::Monthly
    } else {
        Frequency::OneTime
    }
}

/// A validated pledge and where it was made, ready to insert.
#[derive(Clone, PartialEq, Eq)]
pub struct NewPledge {
    /// The donor's pledge.
    pub pledge: ValidPledge,
    /// This kiosk.
    pub kiosk_id: String,
    /// This event.
    pub event_id: String,
    /// The content pack shown.
    pub pack_id: String,
    /// Its version.
    pub pack_version: String,
    /// The visitor's language.
    pub locale: String,
    /// ISO 4217 code.
    pub currency: String,
    /// The decimal places of its minor unit, as the pack showed the amount.
    pub currency_exponent: u8,
    /// The organisation's public key, if the kiosk seals donors' details:
    /// then name, email, phone and dedication are stored only sealed to it.
    pub seal_to: Option<Recipient>,
    /// The first name to thank in public, if the donor asked for that.
    pub public_name: Option<String>,
}

impl NewPledge {
    /// `pledge`, made in `locale` at kiosk `kiosk_id` for event `event_id`
    /// on `pack`'s form: the pack's id, version and currency, and the first
    /// name to thank in public if the donor ticked the pack's consent for
    /// it. Not sealed ([`NewPledge::seal_to`] says to whom, if it is).
    pub fn on(
        pack: &Pack,
        pledge: ValidPledge,
        locale: &str,
        kiosk_id: &str,
        event_id: &str,
    ) -> Self {
        let public_name = pledge.public_first_name(pack.pledge.public_name_consent.as_deref());
        NewPledge {
            pledge,
            kiosk_id: kiosk_id.to_owned(),
            event_id: event_id.to_owned(),
            pack_id: pack.manifest.id.clone(),
            pack_version: pack.manifest.version.clone(),
            locale: locale.to_owned(),
            currency: pack.pledge.currency.code.clone(),
            currency_exponent: pack.pledge.currency.minor_exponent(),
            seal_to: None,
            public_name,
        }
    }
}

impl fmt::Debug for NewPledge {
    /// The donor's details are hidden (the pledge's own `Debug` too).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NewPledge")
            .field("pledge", &self.pledge)
            .field("kiosk_id", &self.kiosk_id)
            .field("event_id", &self.event_id)
            .field("pack_id", &self.pack_id)
            .field("pack_version", &self.pack_version)
            .field("locale", &self.locale)
            .field("currency", &self.currency)
            .field("currency_exponent", &self.currency_exponent)
            .field("sealed", &self.seal_to.is_some())
            .field(
                "public_name",
                &crate::pledge::draft::Hidden(self.public_name.as_deref()),
            )
            .finish()
    }
}

/// The donor's details as sealed: RON of this, inside an age file.
#[derive(Default, serde::Serialize, serde::Deserialize)]
pub struct SealedDetails {
    /// The pledge's id, sealed with its details, so details moved into
    /// another row are caught when opened ([`SealedDetails::belongs_to`]).
    /// `None` in details sealed before storykiosk recorded it.
    #[serde(default)]
    pub pledge_id: Option<String>,
    /// Name.
    pub name: Option<String>,
    /// Email.
    pub email: Option<String>,
    /// Phone.
    pub phone: Option<String>,
    /// Dedication.
    pub dedication: Option<String>,
}

impl Drop for SealedDetails {
    fn drop(&mut self) {
        use zeroize::Zeroize;
        self.name.zeroize();
        self.email.zeroize();
        self.phone.zeroize();
        self.dedication.zeroize();
    }
}

impl SealedDetails {
    /// Whether these details were sealed for the pledge `id` (details
    /// sealed before the id was recorded cannot say, and are taken).
    pub fn belongs_to(&self, id: &str) -> bool {
        self.pledge_id.as_deref().is_none_or(|own| own == id)
    }

    /// Reads the details back from an opened age file.
    pub fn from_bytes(bytes: &[u8]) -> Option<SealedDetails> {
        std::str::from_utf8(bytes)
            .ok()
            .and_then(|t| ron::from_str(t).ok())
    }
}

/// A stored pledge, every field.
#[derive(Clone, PartialEq, Eq)]
pub struct PledgeRow {
    /// The order it was stored in: 1 for the store's first pledge, one more
    /// for each after (whatever the clock said).
    pub seq: i64,
    /// UUIDv7.
    pub id: String,
    /// The short reference shown to the donor.
    pub reference: String,
    /// When it was committed, UTC.
    pub created_at: DateTime<Utc>,
    /// Which kiosk.
    pub kiosk_id: String,
    /// Which event.
    pub event_id: String,
    /// Which pack.
    pub pack_id: String,
    /// Which version of it.
    pub pack_version: String,
    /// The donor's language.
    pub locale: String,
    /// Amount in minor units.
    pub amount_minor: u64,
    /// ISO 4217 code.
    pub currency: String,
    /// The decimal places of its minor unit.
    pub currency_exponent: u8,
    /// One-time or monthly.
    pub frequency: Frequency,
    /// Name.
    pub name: Option<String>,
    /// Email.
    pub email: Option<String>,
    /// Phone.
    pub phone: Option<String>,
    /// Dedication.
    pub dedication: Option<String>,
    /// Keep the name off public screens.
    pub anonymous: bool,
    /// Consent ids ticked.
    pub consents: Vec<String>,
    /// The collection statement's version.
    pub statement_version: String,
    /// Where it stands.
    pub status: Status,
    /// Name, email, phone and dedication sealed to the organisation's key
    /// (an age file); the four fields above are then empty.
    pub sealed: Option<Vec<u8>>,
    /// The first name to thank in public, if the donor asked for that.
    pub public_name: Option<String>,
    /// How it was made.
    pub kind: Kind,
    /// The paddle number, for a paddle entry and its cancellation.
    pub paddle: Option<u32>,
    /// For a cancellation, the id of the entry it undoes.
    pub cancels: Option<String>,
}

impl fmt::Debug for PledgeRow {
    /// Donor details never reach logs: they are masked here.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PledgeRow")
            .field("id", &self.id)
            .field("reference", &self.reference)
            .field("amount_minor", &self.amount_minor)
            .field("kind", &self.kind)
            .field("paddle", &self.paddle)
            .field("name", &crate::pledge::draft::Hidden(self.name.as_deref()))
            .finish_non_exhaustive()
    }
}

/// A name with all but the first letter of each word hidden: "Chan Tai Man"
/// becomes "C*** T** M**", for lists staff may see over their shoulder.
pub fn mask(name: &str) -> String {
    name.split_whitespace()
        .map(|word| {
            let mut chars = word.chars();
            let first = chars.next().map(String::from).unwrap_or_default();
            first + &"*".repeat(chars.count())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

pub(super) const COLUMNS: &str = "id, reference, created_at, kiosk_id, event_id, pack_id, pack_version, locale, \
     amount_minor, currency, frequency, donor_name, donor_email, donor_phone, dedication, \
     anonymous, consents, statement_version, status, sealed, public_name, currency_exponent, seq, \
     kind, paddle, cancels";

pub(super) fn row_to_pledge(row: &rusqlite::Row<'_>) -> rusqlite::Result<PledgeRow> {
    let created: String = row.get(2)?;
    let consents: String = row.get(16)?;
    let frequency: String = row.get(10)?;
    let status: String = row.get(18)?;
    let amount: i64 = row.get(8)?;
    Ok(PledgeRow {
        id: row.get(0)?,
        reference: row.get(1)?,
        created_at: DateTime::parse_from_rfc3339(&created)
            .map(|d| d.with_timezone(&Utc))
            .map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(
                    2,
                    rusqlite::types::Type::Text,
                    Box::new(e),
                )
            })?,
        kiosk_id: row.get(3)?,
        event_id: row.get(4)?,
        pack_id: row.get(5)?,
        pack_version: row.get(6)?,
        locale: row.get(7)?,
        amount_minor: u64::try_from(amount).unwrap_or(0),
        currency: row.get(9)?,
        frequency: parse_frequency(&frequency),
        name: row.get(11)?,
        email: row.get(12)?,
        phone: row.get(13)?,
        dedication: row.get(14)?,
        anonymous: row.get::<_, i64>(15)? != 0,
        consents: consents
            .split(',')
            .filter(|c| !c.is_empty())
            .map(str::to_owned)
            .collect(),
        statement_version: row.get(17)?,
        status: Status::parse(&status),
        sealed: row.get(19)?,
        public_name: row.get(20)?,
        currency_exponent: row.get(21)?,
        seq: row.get(22)?,
        kind: Kind::parse(&row.get::<_, String>(23)?),
        paddle: row.get(24)?,
        cancels: row.get(25)?,
    })
}
