//! The pledge store: one SQLite file in the data folder, in WAL mode with
//! `synchronous=FULL`, so a pledge the kiosk has thanked someone for is on
//! disk before the thanks appear, and survives a power cut.

use std::{
    fmt,
    path::{Path, PathBuf},
};

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags, OptionalExtension, params};

use super::{
    ValidPledge,
    seal::{self, Recipient, SealError},
};
use crate::{content::Frequency, owner_only};

/// The store's file name inside the data folder.
pub const STORE_FILE: &str = "pledges.sqlite";

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

/// Why the store could not do something.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite said no: a full disk, a read-only folder, a locked or corrupt
    /// file.
    #[error("the pledge store failed: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The data folder could not be created.
    #[error("cannot create the data folder {path}: {source}")]
    Folder {
        /// The folder.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// A file or folder of the store could not be created owner-only, or
    /// narrowed to that.
    #[error("cannot make {path} readable by the kiosk's user only: {source}")]
    OwnerOnly {
        /// The file or folder.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// SQLite's check found the file damaged.
    #[error("the pledge store is damaged: {0}")]
    Damaged(String),
    /// A damaged store could not be renamed out of the way.
    #[error("cannot move the damaged pledge store {path} aside: {source}")]
    SetAside {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// The donor's details could not be sealed (no random numbers).
    #[error("cannot seal the donor's details: {0}")]
    Seal(#[from] SealError),
    /// The store has held sealed pledges and the pledge is not sealed:
    /// the settings lost their key (a copied or missing kiosk.ron).
    #[error(
        "this pledge store holds sealed pledges, but the kiosk settings have no seal_to key, \
         so donors' details would be stored readable: run `storykiosk seal-to KEY` with the \
         organisation's public key, or `storykiosk seal-off` to store them readable on purpose"
    )]
    SealingRequired,
    /// The file was written by a newer storykiosk.
    #[error("the pledge store is from a newer storykiosk (schema {found}, this one knows {known})")]
    TooNew {
        /// The file's schema version.
        found: i64,
        /// The newest this build knows.
        known: i64,
    },
}

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

    fn parse(s: &str) -> Status {
        match s {
            "confirmed" => Status::Confirmed,
            "fulfilled" => Status::Fulfilled,
            "cancelled" => Status::Cancelled,
            _ => Status::Pending,
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

fn parse_frequency(s: &str) -> Frequency {
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
                &super::draft::Hidden(self.public_name.as_deref()),
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
}

impl fmt::Debug for PledgeRow {
    /// Donor details never reach logs: they are masked here.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PledgeRow")
            .field("id", &self.id)
            .field("reference", &self.reference)
            .field("amount_minor", &self.amount_minor)
            .field("name", &super::draft::Hidden(self.name.as_deref()))
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

/// The open store.
pub struct Store {
    conn: Connection,
}

const COLUMNS: &str = "id, reference, created_at, kiosk_id, event_id, pack_id, pack_version, locale, \
     amount_minor, currency, frequency, donor_name, donor_email, donor_phone, dedication, \
     anonymous, consents, statement_version, status, sealed, public_name, currency_exponent, seq";

fn row_to_pledge(row: &rusqlite::Row<'_>) -> rusqlite::Result<PledgeRow> {
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
    })
}

fn sealing_required(conn: &Connection) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM settings WHERE key = 'sealing' AND value = 'required')",
        [],
        |r| r.get(0),
    )
}

fn set_sealing(conn: &Connection, value: &str) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO settings (key, value) VALUES ('sealing', ?1) \
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [value],
    )?;
    Ok(())
}

/// `details` as RON, sealed to `to` (the clear text wiped after).
fn seal_details(to: &Recipient, details: &SealedDetails) -> Result<Vec<u8>, StoreError> {
    let text = zeroize::Zeroizing::new(
        ron::to_string(details).map_err(|e| rusqlite::Error::ToSqlConversionFailure(e.into()))?,
    );
    Ok(seal::seal(to, text.as_bytes())?)
}

/// A timestamp as stored: RFC 3339 in UTC with microseconds, which sorts as
/// text in time order.
pub fn timestamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

impl StoreError {
    /// Whether the file itself is damaged (not a database, or corrupt), so
    /// a fresh store is the way on.
    pub fn is_damage(&self) -> bool {
        use rusqlite::ffi::ErrorCode;
        match self {
            StoreError::Damaged(_) => true,
            StoreError::Sqlite(rusqlite::Error::SqliteFailure(e, _)) => {
                matches!(e.code, ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt)
            }
            _ => false,
        }
    }
}

impl Store {
    /// Opens the store in `dir` as [`Store::open_in`] does; if the file is
    /// damaged, renames it (and its journal files) to
    /// `pledges.sqlite.damaged-<time>`, never deleting it, and starts a
    /// fresh store. Returns the store and where a damaged file went.
    pub fn open_in_or_set_aside(dir: &Path) -> Result<(Store, Option<PathBuf>), StoreError> {
        let checked = Self::open_in(dir).and_then(|store| {
            let verdict = store.quick_check()?;
            if verdict == "ok" {
                Ok(store)
            } else {
                Err(StoreError::Damaged(verdict))
            }
        });
        match checked {
            Ok(store) => Ok((store, None)),
            Err(e) if e.is_damage() => {
                let path = dir.join(STORE_FILE);
                let stamp = Utc::now().format("%Y%m%dT%H%M%SZ");
                let aside = dir.join(format!("{STORE_FILE}.damaged-{stamp}"));
                for suffix in ["", "-wal", "-shm"] {
                    let from = PathBuf::from(format!("{}{suffix}", path.display()));
                    if from.exists() {
                        let to = PathBuf::from(format!("{}{suffix}", aside.display()));
                        std::fs::rename(&from, &to).map_err(|source| StoreError::SetAside {
                            path: from.display().to_string(),
                            source,
                        })?;
                    }
                }
                Ok((Self::open_in(dir)?, Some(aside)))
            }
            Err(e) => Err(e),
        }
    }

    /// Opens (creating if needed) the store in `dir`, and brings its schema
    /// up to date.
    pub fn open_in(dir: &Path) -> Result<Store, StoreError> {
        let folder_err = |source| StoreError::Folder {
            path: dir.display().to_string(),
            source,
        };
        owner_only::create_dir(dir).map_err(folder_err)?;
        Self::open(&dir.join(STORE_FILE))
    }

    /// Opens (creating if needed) the store file at `path`.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let file_err = |source: std::io::Error| StoreError::OwnerOnly {
            path: path.display().to_string(),
            source,
        };
        // Made owner-only before SQLite opens it (an empty file is an empty
        // database); SQLite gives its WAL and shared-memory files the same
        // mode. Files found wider are narrowed.
        match owner_only::new_file_options().open(path) {
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(file_err(e)),
        }
        if let Some(folder) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            owner_only::narrow(folder, owner_only::FOLDER_MODE).map_err(file_err)?;
        }
        for suffix in ["", "-wal", "-shm"] {
            let file = PathBuf::from(format!("{}{suffix}", path.display()));
            owner_only::narrow(&file, owner_only::FILE_MODE).map_err(file_err)?;
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let mut store = Store { conn };
        store.migrate()?;
        Ok(store)
    }

    /// Opens the store at `path` for reading only (the total screen, the
    /// `pledges` commands), never creating it.
    pub fn open_read_only(path: &Path) -> Result<Store, StoreError> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        Ok(Store { conn })
    }

    fn migrate(&mut self) -> Result<(), StoreError> {
        let version: i64 = self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?;
        let known = MIGRATIONS.len() as i64;
        if version > known {
            return Err(StoreError::TooNew {
                found: version,
                known,
            });
        }
        for (i, sql) in MIGRATIONS
            .iter()
            .enumerate()
            .skip(usize::try_from(version).unwrap_or(0))
        {
            let tx = self.conn.transaction()?;
            tx.execute_batch(sql)?;
            if i == 2 {
                backfill_exponents(&tx)?;
            }
            tx.pragma_update(None, "user_version", i as i64 + 1)?;
            tx.commit()?;
        }
        Ok(())
    }

    /// The schema version (`PRAGMA user_version`).
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    /// The journal mode SQLite reports, such as "wal".
    pub fn journal_mode(&self) -> Result<String, StoreError> {
        Ok(self
            .conn
            .pragma_query_value(None, "journal_mode", |r| r.get(0))?)
    }

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
        let amount = i64::try_from(p.amount_minor)
            .map_err(|_| rusqlite::Error::ToSqlConversionFailure("amount too large".into()))?;
        // Sealed, the details exist in the clear only in this process's
        // memory, never in the file (nor its journal).
        let (sealed, clear) = match &new.seal_to {
            Some(to) => {
                let details = SealedDetails {
                    pledge_id: Some(id.clone()),
                    name: p.name.clone(),
                    email: p.email.clone(),
                    phone: p.phone.clone(),
                    dedication: p.dedication.clone(),
                };
                (Some(seal_details(to, &details)?), None)
            }
            None => (None, Some(p)),
        };
        // The check and the insert in one write transaction, so another
        // process (`seal-off`, say) cannot come between them.
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        if sealed.is_none() && sealing_required(&tx)? {
            return Err(StoreError::SealingRequired);
        }
        // A reference is six random characters; retry the rare collision.
        let mut attempts = 0;
        loop {
            let reference = super::reference::random();
            let result = tx.execute(
                &format!(
                    "INSERT INTO pledges ({COLUMNS}) VALUES \
                     (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, 'pending', ?19, ?20, ?21, \
                     (SELECT COALESCE(MAX(seq), 0) + 1 FROM pledges))"
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
            );
            match result {
                Err(rusqlite::Error::SqliteFailure(e, Some(msg)))
                    if e.code == rusqlite::ErrorCode::ConstraintViolation
                        && msg.contains("reference")
                        && attempts < 8 =>
                {
                    attempts += 1;
                }
                Err(e) => return Err(e.into()),
                Ok(_) => {
                    if sealed.is_some() {
                        set_sealing(&tx, "required")?;
                    }
                    tx.commit()?;
                    return self
                        .by_id(&id)?
                        .ok_or(StoreError::Sqlite(rusqlite::Error::QueryReturnedNoRows));
                }
            }
        }
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
        let (today_count, today_sum): (i64, i64) = self.conn.query_row(
            "SELECT COUNT(*), COALESCE(SUM(amount_minor), 0) FROM pledges \
             WHERE created_at >= ?1 AND status != 'cancelled' AND currency = ?2",
            params![timestamp(day_start), currency],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let (event_count, event_sum): (i64, i64) = self.conn.query_row(
            "SELECT COUNT(*), COALESCE(SUM(amount_minor), 0) FROM pledges \
             WHERE event_id = ?1 AND status != 'cancelled' AND currency = ?2",
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
        let mut stmt = self.conn.prepare(
            "SELECT currency, currency_exponent, COUNT(*), COALESCE(SUM(amount_minor), 0) \
             FROM pledges WHERE status != 'cancelled' AND created_at >= ?1 \
             AND (?2 IS NULL OR event_id = ?2) \
             GROUP BY currency, currency_exponent ORDER BY currency, currency_exponent",
        )?;
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
        let value: Option<String> = self
            .conn
            .query_row(
                "SELECT value FROM settings WHERE key = 'pin_failures'",
                [],
                |r| r.get(0),
            )
            .optional()?;
        Ok(value.and_then(|v| v.parse().ok()).unwrap_or(0))
    }

    /// Stores the count of wrong staff PINs.
    pub fn set_pin_failures(&self, failures: u32) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO settings (key, value) VALUES ('pin_failures', ?1) \
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [failures.to_string()],
        )?;
        Ok(())
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

    /// SQLite's quicker check (no index cross-checks): "ok" when sound.
    pub fn quick_check(&self) -> Result<String, StoreError> {
        Ok(self
            .conn
            .query_row("PRAGMA quick_check", [], |r| r.get(0))?)
    }

    /// SQLite's own check of the file: "ok" when it is sound.
    pub fn integrity_check(&self) -> Result<String, StoreError> {
        Ok(self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?)
    }
}
