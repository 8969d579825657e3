//! The store's schema: the migrations in order, and bringing a file up to
//! date.

use rusqlite::params;

use super::{Store, StoreError};

/// Schema migrations, in order; `PRAGMA user_version` counts those applied.
const MIGRATIONS: &[&str] = &[
    // 1: pledges and export bookkeeping.
    "CREATE TABLE pledges (
        id TEXT PRIMARY KEY,
        reference TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        kiosk_id TEXT NOT NULL,
        event_id TEXT NOT NULL,
        pack_id TEXT NOT NULL,
        pack_version TEXT NOT NULL,
        locale TEXT NOT NULL,
        amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
        currency TEXT NOT NULL,
        frequency TEXT NOT NULL CHECK (frequency IN ('one_time', 'monthly')),
        donor_name TEXT,
        donor_email TEXT,
        donor_phone TEXT,
        dedication TEXT,
        anonymous INTEGER NOT NULL CHECK (anonymous IN (0, 1)),
        consents TEXT NOT NULL,
        statement_version TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'pending'
            CHECK (status IN ('pending', 'confirmed', 'fulfilled', 'cancelled'))
    );
    CREATE INDEX pledges_by_event ON pledges (event_id, created_at);
    CREATE INDEX pledges_by_time ON pledges (created_at);
    CREATE TABLE exports (
        id INTEGER PRIMARY KEY,
        exported_at TEXT NOT NULL,
        up_to TEXT NOT NULL,
        rows INTEGER NOT NULL,
        destination TEXT NOT NULL
    );",
    // 2: donor details sealed to the organisation's key (an age file), and
    // the first name of a donor who asked to be thanked in public, which
    // the total screen shows even when the rest is sealed.
    "ALTER TABLE pledges ADD COLUMN sealed BLOB;
    ALTER TABLE pledges ADD COLUMN public_name TEXT;",
    // 3: the currency's exponent (decimal places of its minor unit) as the
    // pack had it, so an amount is read back as it was shown. Rows stored
    // before take ISO 4217's for their code ([`backfill_exponents`]).
    "ALTER TABLE pledges ADD COLUMN currency_exponent INTEGER
        CHECK (currency_exponent BETWEEN 0 AND 4);",
    // 4: the order pledges were stored in, counted by the store itself:
    // "new since the last export" follows it, never the clock, which can
    // step back. Rows stored before are numbered in the order of their
    // times; an export made before remembers the highest number at or
    // below the time it reached.
    "ALTER TABLE pledges ADD COLUMN seq INTEGER;
    UPDATE pledges SET seq = numbered.n FROM (
        SELECT id, ROW_NUMBER() OVER (ORDER BY created_at, rowid) AS n FROM pledges
    ) AS numbered WHERE pledges.id = numbered.id;
    CREATE UNIQUE INDEX pledges_by_seq ON pledges (seq);
    ALTER TABLE exports ADD COLUMN up_to_seq INTEGER;
    UPDATE exports SET up_to_seq = (
        SELECT COALESCE(MAX(seq), 0) FROM pledges WHERE created_at <= exports.up_to
    );",
    // 5: the store's own settings. `sealing` is 'required' once a sealed
    // pledge is stored (so settings that lost their key cannot quietly
    // store details in the clear), 'off' when staff turned it off.
    "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    INSERT INTO settings (key, value) SELECT 'sealing', 'required'
        WHERE EXISTS (SELECT 1 FROM pledges WHERE sealed IS NOT NULL);",
    // 6: when the gala hub committed each pledge (this kiosk's clock), so
    // a pledge is sent until the hub has it, and only then marked.
    "ALTER TABLE pledges ADD COLUMN hub_sent_at TEXT;
    CREATE INDEX pledges_unsent ON pledges (seq) WHERE hub_sent_at IS NULL;",
    // 7: the paddle raise. A pledge is a visitor's at the kiosk, a paddle
    // entered by a volunteer (its number, no donor details), or the
    // cancellation of one: a row of its own naming the entry it undoes,
    // which is marked cancelled too. At most one cancellation per entry.
    // `calling` in settings is the level the auctioneer is calling.
    "ALTER TABLE pledges ADD COLUMN kind TEXT NOT NULL DEFAULT 'kiosk'
        CHECK (kind IN ('kiosk', 'paddle', 'cancellation'));
    ALTER TABLE pledges ADD COLUMN paddle INTEGER CHECK (paddle > 0);
    ALTER TABLE pledges ADD COLUMN cancels TEXT REFERENCES pledges (id);
    CREATE UNIQUE INDEX pledges_cancels ON pledges (cancels) WHERE cancels IS NOT NULL;",
];

/// Gives the rows stored before schema 3 the exponent ISO 4217 gives their
/// currency; a code ISO 4217 does not list (older versions accepted any
/// three capitals) gets 2, as exports then wrote it.
fn backfill_exponents(tx: &rusqlite::Transaction<'_>) -> rusqlite::Result<()> {
    let codes: Vec<String> = tx
        .prepare("SELECT DISTINCT currency FROM pledges WHERE currency_exponent IS NULL")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for code in codes {
        let exponent = crate::content::format::iso_exponent(&code)
            .filter(|e| *e <= 4)
            .unwrap_or(2);
        tx.execute(
            "UPDATE pledges SET currency_exponent = ?1 WHERE currency = ?2 AND currency_exponent IS NULL",
            params![exponent, code],
        )?;
    }
    Ok(())
}

impl Store {
    /// Brings the file up to date, one migration per transaction. Each
    /// reads the version inside its own write transaction, so two
    /// connections opening one file at once (the store's thread and the
    /// hub's sender) apply each migration once.
    pub(super) fn migrate(&mut self) -> Result<(), StoreError> {
        let known = MIGRATIONS.len() as i64;
        // Up to date, the common case: no write lock taken.
        let version: i64 = self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?;
        if version == known {
            return Ok(());
        }
        loop {
            let tx = self
                .conn
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            let version: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
            if version > known {
                return Err(StoreError::TooNew {
                    found: version,
                    known,
                });
            }
            let Some(sql) = usize::try_from(version)
                .ok()
                .and_then(|v| MIGRATIONS.get(v))
            else {
                return Ok(());
            };
            tx.execute_batch(sql)?;
            if version == 2 {
                backfill_exponents(&tx)?;
            }
            tx.pragma_update(None, "user_version", version + 1)?;
            tx.commit()?;
        }
    }
}
