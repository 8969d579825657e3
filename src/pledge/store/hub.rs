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

    /// The count and sum (minor units) of this event's pledges in
    /// `currency` that the hub's last total did not hold: those not yet
    /// sent, and those stored after the last the hub then had from this
    /// kiosk (`hub_max_seq`). Cancelled pledges are left out.
    pub fn not_in_hub_total(
        &self,
        event_id: &str,
        currency: &str,
        hub_max_seq: i64,
    ) -> Result<(u64, u64), StoreError> {
        // A store that predates the hub (schema 5) has sent nothing.
        let unsent = if self.schema_version()? >= 6 {
            "hub_sent_at IS NULL"
        } else {
            "1"
        };
        let (count, sum): (i64, i64) = self.conn.query_row(
            &format!(
                "SELECT COUNT(*), COALESCE(SUM(amount_minor), 0) FROM pledges \
                 WHERE event_id = ?1 AND currency = ?2 AND status != 'cancelled' \
                 AND ({unsent} OR seq > ?3)"
            ),
            params![event_id, currency, hub_max_seq],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok((
            u64::try_from(count).unwrap_or(0),
            u64::try_from(sum).unwrap_or(0),
        ))
    }
}
