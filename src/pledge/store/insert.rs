//! Storing a pledge: durably, sealed if the kiosk seals, with a fresh
//! reference.

use chrono::{DateTime, Utc};
use rusqlite::params;

use super::{
    NewPledge, PledgeRow, SealedDetails, Store, StoreError, frequency_str,
    row::COLUMNS,
    settings::{sealing_required, set_sealing},
    timestamp,
};
use crate::pledge::seal::{self, Recipient};

/// `details` as RON, sealed to `to` (the clear text wiped after).
pub(super) fn seal_details(to: &Recipient, details: &SealedDetails) -> Result<Vec<u8>, StoreError> {
    let text = zeroize::Zeroizing::new(
        ron::to_string(details).map_err(|e| rusqlite::Error::ToSqlConversionFailure(e.into()))?,
    );
    Ok(seal::seal(to, text.as_bytes())?)
}

impl Store {
    /// Commits a pledge durably and returns it as stored. When this returns
    /// `Ok`, the row is on disk.
    pub fn insert(&mut self, new: &NewPledge) -> Result<PledgeRow, StoreError> {
        self.insert_at(new, Utc::now())
    }

    /// Commits a pledge as [`Store::insert`] does, stamped `created_at`:
    /// the clock's reading, which may go back (a board that restores an
    /// old time after a power cut), so nothing may rely on its order.
    pub fn insert_at(
        &mut self,
        new: &NewPledge,
        created_at: DateTime<Utc>,
    ) -> Result<PledgeRow, StoreError> {
        let p = &new.pledge;
        let id = uuid::Uuid::now_v7().to_string();
        // Sealed, the details exist in the clear only in this process's
        // memory, never in the file (nor its journal).
        let sealed = match &new.seal_to {
            Some(to) => {
                let details = SealedDetails {
                    pledge_id: Some(id.clone()),
                    name: p.name.clone(),
                    email: p.email.clone(),
                    phone: p.phone.clone(),
                    dedication: p.dedication.clone(),
                };
                Some(seal_details(to, &details)?)
            }
            None => None,
        };
        // The check and the insert in one write transaction, so another
        // process (`seal-off`, say) cannot come between them.
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        if sealed.is_none() && sealing_required(&tx)? {
            return Err(StoreError::SealingRequired);
        }
        // A reference is six random characters; retried on the rare
        // collision.
        super::paddle::insert_with_reference(|reference| {
            insert_row(&tx, new, &id, reference, created_at, sealed.as_deref())
        })?;
        if sealed.is_some() {
            set_sealing(&tx, "required")?;
        }
        tx.commit()?;
        self.by_id(&id)?
            .ok_or(StoreError::Sqlite(rusqlite::Error::QueryReturnedNoRows))
    }
}

/// Inserts the row for `new` as pledge `id` with `reference`: its details
/// `sealed`, or in the clear when the kiosk does not seal; numbered after
/// every pledge stored before it.
fn insert_row(
    tx: &rusqlite::Transaction<'_>,
    new: &NewPledge,
    id: &str,
    reference: &str,
    created_at: DateTime<Utc>,
    sealed: Option<&[u8]>,
) -> rusqlite::Result<()> {
    let p = &new.pledge;
    let amount = i64::try_from(p.amount_minor)
        .map_err(|_| rusqlite::Error::ToSqlConversionFailure("amount too large".into()))?;
    let clear = sealed.is_none().then_some(p);
    tx.execute(
        &format!(
            "INSERT INTO pledges ({COLUMNS}) VALUES \
             (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, 'pending', ?19, ?20, ?21, \
             (SELECT COALESCE(MAX(seq), 0) + 1 FROM pledges), 'kiosk', NULL, NULL)"
        ),
        params![
            id,
            reference,
            timestamp(created_at),
            new.kiosk_id,
            new.event_id,
            new.pack_id,
            new.pack_version,
            new.locale,
            amount,
            new.currency,
            frequency_str(p.frequency),
            clear.and_then(|p| p.name.as_deref()),
            clear.and_then(|p| p.email.as_deref()),
            clear.and_then(|p| p.phone.as_deref()),
            clear.and_then(|p| p.dedication.as_deref()),
            i64::from(p.anonymous),
            p.consents.join(","),
            p.statement_version,
            sealed,
            new.public_name.as_deref().filter(|_| !p.anonymous),
            new.currency_exponent,
        ],
    )?;
    Ok(())
}
