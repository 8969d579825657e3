//! Reading pledges back: by id, for an export, the newest, and the counts
//! and sums the admin and total screens show; where the last export ended.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};

use super::{
    PledgeRow, Store, StoreError,
    row::{COLUMNS, row_to_pledge},
    timestamp,
};

/// Which pledges an export takes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Since {
    /// All of them.
    Start,
    /// Those the clock stamped after this time.
    Time(DateTime<Utc>),
    /// Those stored after this export (by the store's own count, so a
    /// clock that stepped back loses none).
    Export(ExportMark),
}

/// Where an export ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportMark {
    /// The [`PledgeRow::seq`] of the last pledge it took.
    pub up_to_seq: i64,
    /// That pledge's time, as the clock had it.
    pub up_to: Option<DateTime<Utc>>,
}

/// Counts and sums.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Pledges made today (local time), not cancelled.
    pub today_count: u64,
    /// Their sum, in minor units.
    pub today_minor: u64,
    /// Pledges for this event, not cancelled.
    pub event_count: u64,
    /// Their sum, in minor units.
    pub event_minor: u64,
}

/// A gift as the total screen celebrates it: its amount, the first name of
/// a donor who asked to be thanked in public, or the paddle raised.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Gift {
    /// The pledge's id.
    pub id: String,
    /// Its amount, in minor units.
    pub amount_minor: u64,
    /// The first name to thank, if the donor asked for that.
    pub name: Option<String>,
    /// The paddle number, for a paddle raised.
    pub paddle: Option<u32>,
    /// The store's count of it (this kiosk's order; 0 from the hub).
    pub seq: i64,
}

/// Pledges in one currency, counted and summed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CurrencyTotal {
    /// ISO 4217 code.
    pub currency: String,
    /// The decimal places of its minor unit.
    pub exponent: u8,
    /// How many pledges.
    pub count: u64,
    /// Their sum, in minor units.
    pub sum_minor: u64,
}

impl Store {
    /// The condition a pledge that counts toward totals meets: not
    /// cancelled, and not a cancellation. The total screen may read a store
    /// the kiosk has not brought up to date yet (before schema 7 there are
    /// no cancellations).
    pub(super) fn counted(&self) -> Result<&'static str, StoreError> {
        Ok(if self.schema_version()? >= 7 {
            "status != 'cancelled' AND kind != 'cancellation'"
        } else {
            "status != 'cancelled'"
        })
    }

    /// The pledge with this id.
    pub fn by_id(&self, id: &str) -> Result<Option<PledgeRow>, StoreError> {
        Ok(self
            .conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM pledges WHERE id = ?1"),
                [id],
                row_to_pledge,
            )
            .optional()?)
    }

    /// Every pledge, in the order stored; or those created after `since`
    /// by the clock.
    pub fn all(&self, since: Option<DateTime<Utc>>) -> Result<Vec<PledgeRow>, StoreError> {
        self.select(&since.map_or(Since::Start, Since::Time))
    }

    /// The pledges `since` selects, in the order they were stored.
    pub fn select(&self, since: &Since) -> Result<Vec<PledgeRow>, StoreError> {
        let (condition, value) = match since {
            Since::Start => ("seq > ?1", rusqlite::types::Value::Integer(0)),
            Since::Time(t) => ("created_at > ?1", timestamp(*t).into()),
            Since::Export(mark) => ("seq > ?1", mark.up_to_seq.into()),
        };
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {COLUMNS} FROM pledges WHERE {condition} ORDER BY seq"
        ))?;
        let rows = stmt.query_map([value], row_to_pledge)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The newest `limit` pledges, newest first.
    pub fn recent(&self, limit: usize) -> Result<Vec<PledgeRow>, StoreError> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {COLUMNS} FROM pledges ORDER BY created_at DESC, id DESC LIMIT ?1"
        ))?;
        let rows = stmt.query_map([i64::try_from(limit).unwrap_or(i64::MAX)], row_to_pledge)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Counts and sums, in `currency`, for the day that began at
    /// `day_start` and for `event_id`; cancelled pledges are left out, and
    /// so are pledges in another currency (a pack that changed currency
    /// mid-event), whose minor units are not this one's.
    pub fn stats(
        &self,
        event_id: &str,
        day_start: DateTime<Utc>,
        currency: &str,
    ) -> Result<Stats, StoreError> {
        let counted = self.counted()?;
        let (today_count, today_sum): (i64, i64) = self.conn.query_row(
            &format!(
                "SELECT COUNT(*), COALESCE(SUM(amount_minor), 0) FROM pledges \
                 WHERE created_at >= ?1 AND {counted} AND currency = ?2"
            ),
            params![timestamp(day_start), currency],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let (event_count, event_sum): (i64, i64) = self.conn.query_row(
            &format!(
                "SELECT COUNT(*), COALESCE(SUM(amount_minor), 0) FROM pledges \
                 WHERE event_id = ?1 AND {counted} AND currency = ?2"
            ),
            params![event_id, currency],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let u = |v: i64| u64::try_from(v).unwrap_or(0);
        Ok(Stats {
            today_count: u(today_count),
            today_minor: u(today_sum),
            event_count: u(event_count),
            event_minor: u(event_sum),
        })
    }

    /// For each currency and exponent, the number of pledges and their sum
    /// in minor units, made at or after `since` (all of them with `None`)
    /// and, with `event_id`, for that event; cancelled pledges left out.
    pub fn totals(
        &self,
        since: Option<DateTime<Utc>>,
        event_id: Option<&str>,
    ) -> Result<Vec<CurrencyTotal>, StoreError> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT currency, currency_exponent, COUNT(*), COALESCE(SUM(amount_minor), 0) \
             FROM pledges WHERE {} AND created_at >= ?1 \
             AND (?2 IS NULL OR event_id = ?2) \
             GROUP BY currency, currency_exponent ORDER BY currency, currency_exponent",
            self.counted()?
        ))?;
        let rows = stmt.query_map(
            params![since.map(timestamp).unwrap_or_default(), event_id],
            |r| {
                Ok(CurrencyTotal {
                    currency: r.get(0)?,
                    exponent: r.get(1)?,
                    count: u64::try_from(r.get::<_, i64>(2)?).unwrap_or(0),
                    sum_minor: u64::try_from(r.get::<_, i64>(3)?).unwrap_or(0),
                })
            },
        )?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// First names of this event's donors who ticked `consent_id` (to be
    /// thanked by name in public) and did not ask to stay anonymous, newest
    /// first.
    pub fn public_first_names(
        &self,
        event_id: &str,
        consent_id: &str,
        limit: usize,
    ) -> Result<Vec<String>, StoreError> {
        // The total screen may read a store the kiosk has not brought up to
        // date yet (schema 1 has no public_name).
        let public_name = if self.schema_version()? >= 2 {
            "public_name"
        } else {
            "NULL"
        };
        let mut stmt = self.conn.prepare(&format!(
            "SELECT donor_name, consents, {public_name} FROM pledges \
             WHERE event_id = ?1 AND anonymous = 0 AND status != 'cancelled' \
             AND (donor_name IS NOT NULL OR {public_name} IS NOT NULL) \
             ORDER BY created_at DESC"
        ))?;
        let rows = stmt.query_map([event_id], |r| {
            Ok((
                r.get::<_, Option<String>>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
            ))
        })?;
        let mut names = Vec::new();
        for row in rows {
            let (name, consents, public) = row?;
            // Stored since schema 2 only when the donor asked; older rows
            // have the name and the consent to look at.
            let first = public.or_else(|| {
                consents
                    .split(',')
                    .any(|c| c == consent_id)
                    .then(|| {
                        name.as_deref()?
                            .split_whitespace()
                            .next()
                            .map(str::to_owned)
                    })
                    .flatten()
            });
            if let Some(first) = first {
                names.push(first);
                if names.len() >= limit {
                    break;
                }
            }
        }
        Ok(names)
    }

    /// This event's newest `limit` gifts in `currency` that count toward
    /// its total, newest first, stored after this kiosk's `after_seq`.
    pub fn recent_gifts(
        &self,
        event_id: &str,
        currency: &str,
        after_seq: i64,
        limit: usize,
    ) -> Result<Vec<Gift>, StoreError> {
        let paddle = if self.schema_version()? >= 7 {
            "paddle"
        } else {
            "NULL"
        };
        let public_name = if self.schema_version()? >= 2 {
            "public_name"
        } else {
            "NULL"
        };
        let mut stmt = self.conn.prepare(&format!(
            "SELECT id, amount_minor, CASE WHEN anonymous = 0 THEN {public_name} END, {paddle}, seq \
             FROM pledges WHERE event_id = ?1 AND currency = ?2 AND {} AND seq > ?3 \
             ORDER BY seq DESC LIMIT ?4",
            self.counted()?
        ))?;
        let rows = stmt.query_map(
            params![
                event_id,
                currency,
                after_seq,
                i64::try_from(limit).unwrap_or(i64::MAX)
            ],
            |r| {
                Ok(Gift {
                    id: r.get(0)?,
                    amount_minor: u64::try_from(r.get::<_, i64>(1)?).unwrap_or(0),
                    name: r.get(2)?,
                    paddle: r.get(3)?,
                    seq: r.get(4)?,
                })
            },
        )?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Where the newest export ended, if there was one.
    pub fn last_export(&self) -> Result<Option<ExportMark>, StoreError> {
        let last: Option<(i64, String)> = self
            .conn
            .query_row(
                "SELECT up_to_seq, up_to FROM exports ORDER BY id DESC LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        Ok(last.map(|(up_to_seq, up_to)| ExportMark {
            up_to_seq,
            up_to: DateTime::parse_from_rfc3339(&up_to)
                .map(|d| d.with_timezone(&Utc))
                .ok(),
        }))
    }

    /// Notes an export of `rows` pledges into `destination`, the last of
    /// them `newest`.
    pub fn record_export(
        &self,
        newest: &PledgeRow,
        rows: usize,
        destination: &str,
    ) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO exports (exported_at, up_to, up_to_seq, rows, destination) \
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                timestamp(Utc::now()),
                timestamp(newest.created_at),
                newest.seq,
                i64::try_from(rows).unwrap_or(i64::MAX),
                destination
            ],
        )?;
        Ok(())
    }
}
