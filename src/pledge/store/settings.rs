//! The store's own settings: whether sealing is required, the count of
//! wrong staff PINs, and sealing what was stored in the clear.

use rusqlite::{Connection, OptionalExtension, params};

use super::{SealedDetails, Store, StoreError, insert::seal_details};
use crate::pledge::seal::Recipient;

pub(super) fn sealing_required(conn: &Connection) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM settings WHERE key = 'sealing' AND value = 'required')",
        [],
        |r| r.get(0),
    )
}

pub(super) fn set_sealing(conn: &Connection, value: &str) -> rusqlite::Result<()> {
    set_setting(conn, "sealing", value)
}

/// The store's setting `key`, if it has one.
pub(super) fn setting(conn: &Connection, key: &str) -> rusqlite::Result<Option<String>> {
    conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
        r.get(0)
    })
    .optional()
}

/// Sets the store's setting `key` to `value`.
pub(super) fn set_setting(conn: &Connection, key: &str, value: &str) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2) \
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}

impl Store {
    /// Whether the store refuses donors' details in the clear: it has held
    /// sealed pledges and staff have not turned sealing off since.
    pub fn sealing_required(&self) -> Result<bool, StoreError> {
        Ok(sealing_required(&self.conn)?)
    }

    /// Staff turned sealing off on purpose (`storykiosk seal-off`): the
    /// store takes details in the clear until a sealed pledge is stored.
    pub fn turn_sealing_off(&self) -> Result<(), StoreError> {
        Ok(set_sealing(&self.conn, "off")?)
    }

    /// Wrong staff PINs since the last right one, as the app last stored
    /// them: the PIN pad's lock outlives a restart.
    pub fn pin_failures(&self) -> Result<u32, StoreError> {
        let value = setting(&self.conn, "pin_failures")?;
        Ok(value.and_then(|v| v.parse().ok()).unwrap_or(0))
    }

    /// Stores the count of wrong staff PINs.
    pub fn set_pin_failures(&self, failures: u32) -> Result<(), StoreError> {
        Ok(set_setting(
            &self.conn,
            "pin_failures",
            &failures.to_string(),
        )?)
    }

    /// Seals to `to` the details of every pledge stored with them in the
    /// clear, and makes SQLite forget the clear pages: `secure_delete`
    /// overwrites freed content, a VACUUM rewrites the file and the WAL is
    /// emptied. Sealing is then required ([`Store::sealing_required`]).
    /// Returns how many pledges it sealed.
    pub fn seal_existing(&mut self, to: &Recipient) -> Result<usize, StoreError> {
        self.conn.pragma_update(None, "secure_delete", "ON")?;
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let clear: Vec<(String, SealedDetails)> = tx
            .prepare(
                "SELECT id, donor_name, donor_email, donor_phone, dedication FROM pledges \
                 WHERE sealed IS NULL AND (donor_name IS NOT NULL OR donor_email IS NOT NULL \
                 OR donor_phone IS NOT NULL OR dedication IS NOT NULL)",
            )?
            .query_map([], |r| {
                Ok((
                    r.get(0)?,
                    SealedDetails {
                        pledge_id: Some(r.get(0)?),
                        name: r.get(1)?,
                        email: r.get(2)?,
                        phone: r.get(3)?,
                        dedication: r.get(4)?,
                    },
                ))
            })?
            .collect::<Result<_, _>>()?;
        for (id, details) in &clear {
            let sealed = seal_details(to, details)?;
            tx.execute(
                "UPDATE pledges SET sealed = ?1, donor_name = NULL, donor_email = NULL, \
                 donor_phone = NULL, dedication = NULL WHERE id = ?2",
                params![sealed, id],
            )?;
        }
        set_sealing(&tx, "required")?;
        tx.commit()?;
        self.conn.execute_batch("VACUUM")?;
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(clear.len())
    }
}
