//! The paddle raise in the store: a volunteer's entries (a paddle number
//! and an amount, no donor details), their undoing as cancellations that
//! are rows of their own, the level being called, and each level's gifts.

use std::time::Duration;

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};

use super::{PledgeRow, Store, StoreError, timestamp};
use crate::content::Pack;

/// The highest paddle number (five digits: a ballroom never has more).
pub const MAX_PADDLE: u32 = 99_999;

/// How long after it was made an entry may be undone.
pub const UNDO_WINDOW: Duration = Duration::from_secs(120);

/// A paddle raised at a level, or for an amount of its own, as a volunteer
/// enters it: no donor details exist.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PaddleEntry {
    /// The paddle's number, 1 to [`MAX_PADDLE`].
    pub paddle: u32,
    /// The amount, in minor units.
    pub amount_minor: u64,
    /// This laptop (the kiosk id in its settings).
    pub kiosk_id: String,
    /// This event.
    pub event_id: String,
    /// The pack's id.
    pub pack_id: String,
    /// Its version.
    pub pack_version: String,
    /// The language of the entry screen.
    pub locale: String,
    /// The pack's currency, ISO 4217.
    pub currency: String,
    /// Its minor unit's decimal places.
    pub currency_exponent: u8,
}

impl PaddleEntry {
    /// Paddle `paddle` for `amount_minor` in `pack`'s currency, entered in
    /// `locale` at `kiosk_id` for `event_id`.
    pub fn on(
        pack: &Pack,
        paddle: u32,
        amount_minor: u64,
        locale: &str,
        kiosk_id: &str,
        event_id: &str,
    ) -> Self {
        PaddleEntry {
            paddle,
            amount_minor,
            kiosk_id: kiosk_id.to_owned(),
            event_id: event_id.to_owned(),
            pack_id: pack.manifest.id.clone(),
            pack_version: pack.manifest.version.clone(),
            locale: locale.to_owned(),
            currency: pack.pledge.currency.code.clone(),
            currency_exponent: pack.pledge.currency.minor_exponent(),
        }
    }
}

/// Why an entry could not be undone.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum UndoRefused {
    /// No pledge has that id.
    #[error("there is no entry {0}")]
    Unknown(String),
    /// It is a visitor's pledge or a cancellation, not a paddle entry.
    #[error("only a paddle entry can be undone here")]
    NotPaddle,
    /// It was undone already.
    #[error("paddle {0} was undone already")]
    Already(u32),
    /// Its two minutes are over.
    #[error("paddle {0} was entered more than two minutes ago: ask the office to cancel it")]
    TooLate(u32),
}

/// Gifts at one amount.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LevelCount {
    /// The amount, in minor units.
    pub amount_minor: u64,
    /// Paddles raised at it, not undone.
    pub gifts: u64,
}

impl Store {
    /// Commits a paddle entry durably and returns it as stored.
    pub fn insert_paddle(&mut self, entry: &PaddleEntry) -> Result<PledgeRow, StoreError> {
        self.insert_paddle_at(entry, Utc::now())
    }

    /// As [`Store::insert_paddle`], stamped `created_at`.
    pub fn insert_paddle_at(
        &mut self,
        entry: &PaddleEntry,
        created_at: DateTime<Utc>,
    ) -> Result<PledgeRow, StoreError> {
        let too_big = |what: &str| {
            StoreError::Sqlite(rusqlite::Error::ToSqlConversionFailure(
                format!("{what} out of range").into(),
            ))
        };
        if entry.paddle == 0 || entry.paddle > MAX_PADDLE {
            return Err(too_big("paddle number"));
        }
        let amount = i64::try_from(entry.amount_minor).map_err(|_| too_big("amount"))?;
        let id = uuid::Uuid::now_v7().to_string();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        insert_with_reference(|reference| {
            tx.execute(
                "INSERT INTO pledges (id, reference, created_at, kiosk_id, event_id, pack_id, \
                 pack_version, locale, amount_minor, currency, currency_exponent, frequency, \
                 anonymous, consents, statement_version, kind, paddle, seq) VALUES \
                 (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 'one_time', 1, '', '', 'paddle', ?12, \
                 (SELECT COALESCE(MAX(seq), 0) + 1 FROM pledges))",
                params![
                    id,
                    reference,
                    timestamp(created_at),
                    entry.kiosk_id,
                    entry.event_id,
                    entry.pack_id,
                    entry.pack_version,
                    entry.locale,
                    amount,
                    entry.currency,
                    entry.currency_exponent,
                    entry.paddle,
                ],
            )
        })?;
        tx.commit()?;
        self.by_id(&id)?
            .ok_or(StoreError::Sqlite(rusqlite::Error::QueryReturnedNoRows))
    }

    /// Undoes the paddle entry `id`, made less than [`UNDO_WINDOW`] before
    /// `now`: stores its cancellation (a row of its own, kind
    /// `cancellation`, with the entry's paddle and amount) and marks the
    /// entry cancelled, in one transaction. Returns the cancellation, or
    /// why it was refused (`Ok(Err(..))`), changing nothing.
    pub fn undo_paddle(
        &mut self,
        id: &str,
        now: DateTime<Utc>,
    ) -> Result<Result<PledgeRow, UndoRefused>, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let found: Option<(String, String, Option<u32>, String)> = tx
            .query_row(
                "SELECT kind, status, paddle, created_at FROM pledges WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?;
        let Some((kind, status, paddle, created)) = found else {
            return Ok(Err(UndoRefused::Unknown(id.to_owned())));
        };
        let (Some(paddle), "paddle") = (paddle, kind.as_str()) else {
            return Ok(Err(UndoRefused::NotPaddle));
        };
        if status == "cancelled" {
            return Ok(Err(UndoRefused::Already(paddle)));
        }
        let age = DateTime::parse_from_rfc3339(&created)
            .map(|t| now.signed_duration_since(t.with_timezone(&Utc)))
            .ok();
        if age.is_none_or(|age| age.to_std().is_ok_and(|age| age > UNDO_WINDOW)) {
            return Ok(Err(UndoRefused::TooLate(paddle)));
        }
        let cancel_id = uuid::Uuid::now_v7().to_string();
        insert_with_reference(|reference| {
            tx.execute(
                "INSERT INTO pledges (id, reference, created_at, kiosk_id, event_id, pack_id, \
                 pack_version, locale, amount_minor, currency, currency_exponent, frequency, \
                 anonymous, consents, statement_version, kind, paddle, cancels, seq) \
                 SELECT ?1, ?2, ?3, kiosk_id, event_id, pack_id, pack_version, locale, \
                 amount_minor, currency, currency_exponent, frequency, 1, '', '', \
                 'cancellation', paddle, id, (SELECT MAX(seq) + 1 FROM pledges) \
                 FROM pledges WHERE id = ?4",
                params![cancel_id, reference, timestamp(now), id],
            )
        })?;
        tx.execute(
            "UPDATE pledges SET status = 'cancelled' WHERE id = ?1",
            [id],
        )?;
        tx.commit()?;
        Ok(self
            .by_id(&cancel_id)?
            .ok_or(UndoRefused::Unknown(cancel_id)))
    }

    /// This event's newest paddle entries (not their cancellations), newest
    /// first: what the volunteer's screen lists.
    pub fn recent_paddles(
        &self,
        event_id: &str,
        limit: usize,
    ) -> Result<Vec<PledgeRow>, StoreError> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {} FROM pledges WHERE kind = 'paddle' AND event_id = ?1 \
             ORDER BY seq DESC LIMIT ?2",
            super::row::COLUMNS
        ))?;
        let rows = stmt.query_map(
            params![event_id, i64::try_from(limit).unwrap_or(i64::MAX)],
            super::row::row_to_pledge,
        )?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// This event's paddle gifts in `currency` at each amount, not undone,
    /// by amount.
    pub fn paddle_levels(
        &self,
        event_id: &str,
        currency: &str,
    ) -> Result<Vec<LevelCount>, StoreError> {
        if self.schema_version()? < 7 {
            return Ok(Vec::new());
        }
        let mut stmt = self.conn.prepare(
            "SELECT amount_minor, COUNT(*) FROM pledges WHERE kind = 'paddle' \
             AND status != 'cancelled' AND event_id = ?1 AND currency = ?2 \
             GROUP BY amount_minor ORDER BY amount_minor",
        )?;
        let rows = stmt.query_map(params![event_id, currency], |r| {
            Ok(LevelCount {
                amount_minor: u64::try_from(r.get::<_, i64>(0)?).unwrap_or(0),
                gifts: u64::try_from(r.get::<_, i64>(1)?).unwrap_or(0),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The level the auctioneer is calling, and since when, as the paddle
    /// entry screen last set it; `None` if it never did.
    pub fn calling(&self) -> Result<Option<Calling>, StoreError> {
        if self.schema_version()? < 7 {
            return Ok(None);
        }
        let value = super::settings::setting(&self.conn, "calling")?;
        Ok(value.and_then(|v| Calling::parse(&v)))
    }

    /// Sets the level being called.
    pub fn set_calling(&self, calling: Calling) -> Result<(), StoreError> {
        Ok(super::settings::set_setting(
            &self.conn,
            "calling",
            &calling.to_string(),
        )?)
    }
}

/// The level being called in the paddle raise.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Calling {
    /// The level's amount, in minor units; `None` between levels.
    pub level_minor: Option<u64>,
    /// When the volunteer chose it (the newest choice of any volunteer is
    /// the one shown).
    pub since: DateTime<Utc>,
}

impl Calling {
    /// Stored as the amount (or `-`) and the time.
    fn parse(value: &str) -> Option<Calling> {
        let (level, since) = value.split_once(' ')?;
        Some(Calling {
            level_minor: if level == "-" {
                None
            } else {
                Some(level.parse().ok()?)
            },
            since: DateTime::parse_from_rfc3339(since)
                .ok()?
                .with_timezone(&Utc),
        })
    }
}

impl std::fmt::Display for Calling {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.level_minor {
            Some(level) => write!(f, "{level} {}", timestamp(self.since)),
            None => write!(f, "- {}", timestamp(self.since)),
        }
    }
}

/// Runs `insert` with a fresh random reference, again on the rare
/// collision with a stored one.
pub(super) fn insert_with_reference<T>(
    insert: impl Fn(&str) -> rusqlite::Result<T>,
) -> rusqlite::Result<()> {
    let mut attempts = 0;
    loop {
        let reference = crate::pledge::reference::random();
        match insert(&reference) {
            Err(rusqlite::Error::SqliteFailure(e, Some(msg)))
                if e.code == rusqlite::ErrorCode::ConstraintViolation
                    && msg.contains("reference")
                    && attempts < 8 =>
            {
                attempts += 1;
            }
            Err(e) => return Err(e),
            Ok(_) => return Ok(()),
        }
    }
}
