//! What the gala hub has had from this store: the pledges still to send,
//! marking them sent once the hub has committed them, and what the total
//! screen adds to the hub's last total while the hub is out of reach.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};

use super::{
    PledgeRow, Store, StoreError,
    row::{COLUMNS, row_to_pledge},
    timestamp,
};

/// This store's side of the link to the hub.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HubBacklog {
    /// Pledges not yet committed at the hub.
    pub waiting: u64,
    /// When the newest pledge was made (by this kiosk's clock).
    pub last_pledge: Option<DateTime<Utc>>,
}

impl Store {
    /// Up to `limit` pledges the hub has not committed yet, oldest first.
    pub fn unsent(&self, limit: usize) -> Result<Vec<PledgeRow>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM pledges WHERE hub_sent_at IS NULL ORDER BY seq LIMIT ?1"
        ))?;
        let rows = stmt.query_map([i64::try_from(limit).unwrap_or(i64::MAX)], row_to_pledge)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Notes that the hub committed the pledges `ids` at `at`. Called only
    /// after the hub's commit: a pledge marked here is never sent again.
    pub fn mark_sent(&mut self, ids: &[String], at: DateTime<Utc>) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        {
            let mut stmt = tx.prepare_cached(
                "UPDATE pledges SET hub_sent_at = ?2 WHERE id = ?1 AND hub_sent_at IS NULL",
            )?;
            let at = timestamp(at);
            for id in ids {
                stmt.execute(params![id, at])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// How many pledges wait for the hub, and when the newest was made.
    pub fn hub_backlog(&self) -> Result<HubBacklog, StoreError> {
        let waiting: i64 = self.conn.query_row(
            "SELECT COUNT(*) FROM pledges WHERE hub_sent_at IS NULL",
            [],
            |r| r.get(0),
        )?;
        let last: Option<String> = self
            .conn
            .query_row("SELECT MAX(created_at) FROM pledges", [], |r| r.get(0))
            .optional()?
            .flatten();
        Ok(HubBacklog {
            waiting: u64::try_from(waiting).unwrap_or(0),
            last_pledge: last
                .and_then(|t| DateTime::parse_from_rfc3339(&t).ok())
                .map(|t| t.with_timezone(&Utc)),
        })
    }

    /// What this event's entries in `currency` change in the hub's last
    /// total, which held this kiosk's entries up to its count
    /// `hub_max_seq`: pledges stored after those are added (unless undone),
    /// and the cancellations stored after them of entries the hub counted
    /// are taken off.
    ///
    /// An entry sent but not yet marked sent is not counted twice, since
    /// the hub's count reaches it. A store started afresh (a damaged one
    /// set aside) numbers from 1 again: its first entries count once the
    /// hub has them.
    pub fn not_in_hub_total(
        &self,
        event_id: &str,
        currency: &str,
        hub_max_seq: i64,
    ) -> Result<NotInHub, StoreError> {
        let counted = self.counted()?;
        let (count, sum): (i64, i64) = self.conn.query_row(
            &format!(
                "SELECT COUNT(*), COALESCE(SUM(amount_minor), 0) FROM pledges \
                 WHERE event_id = ?1 AND currency = ?2 AND {counted} AND seq > ?3"
            ),
            params![event_id, currency, hub_max_seq],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let (undone, undone_sum): (i64, i64) = if self.schema_version()? >= 7 {
            self.conn.query_row(
                "SELECT COUNT(*), COALESCE(SUM(c.amount_minor), 0) FROM pledges c \
                 JOIN pledges p ON p.id = c.cancels \
                 WHERE c.kind = 'cancellation' AND c.event_id = ?1 AND c.currency = ?2 \
                 AND c.seq > ?3 AND p.seq <= ?3",
                params![event_id, currency, hub_max_seq],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?
        } else {
            (0, 0)
        };
        Ok(NotInHub {
            count: count - undone,
            sum_minor: sum - undone_sum,
            undone: u64::try_from(undone).unwrap_or(0),
            levels: self.paddle_levels_not_in_hub(event_id, currency, hub_max_seq)?,
        })
    }

    /// As [`Store::not_in_hub_total`], for the paddle gifts at each
    /// amount: (amount, gifts to add, fewer than none for undone ones).
    fn paddle_levels_not_in_hub(
        &self,
        event_id: &str,
        currency: &str,
        hub_max_seq: i64,
    ) -> Result<Vec<(u64, i64)>, StoreError> {
        if self.schema_version()? < 7 {
            return Ok(Vec::new());
        }
        let mut stmt = self.conn.prepare(
            "SELECT amount_minor, SUM(n) FROM ( \
                SELECT amount_minor, 1 AS n FROM pledges WHERE kind = 'paddle' \
                    AND status != 'cancelled' AND event_id = ?1 AND currency = ?2 AND seq > ?3 \
                UNION ALL \
                SELECT c.amount_minor, -1 FROM pledges c JOIN pledges p ON p.id = c.cancels \
                    WHERE c.kind = 'cancellation' AND c.event_id = ?1 AND c.currency = ?2 \
                    AND c.seq > ?3 AND p.seq <= ?3 \
             ) GROUP BY amount_minor ORDER BY amount_minor",
        )?;
        let rows = stmt.query_map(params![event_id, currency, hub_max_seq], |r| {
            Ok((u64::try_from(r.get::<_, i64>(0)?).unwrap_or(0), r.get(1)?))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// What this kiosk's store changes in the hub's last total.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NotInHub {
    /// Pledges to add (fewer than none when entries the hub counted were
    /// undone since).
    pub count: i64,
    /// Their sum, in minor units, likewise.
    pub sum_minor: i64,
    /// Entries the hub counted that were undone since.
    pub undone: u64,
    /// The paddle gifts to add at each amount, likewise.
    pub levels: Vec<(u64, i64)>,
}
