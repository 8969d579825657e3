//! The pledge store: one SQLite file in the data folder, in WAL mode with
//! `synchronous=FULL`, so a pledge the kiosk has thanked someone for is on
//! disk before the thanks appear, and survives a power cut.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags};

use super::seal::SealError;
use crate::owner_only;

mod hub;
mod insert;
mod paddle;
mod query;
mod row;
mod schema;
mod settings;

pub use hub::{HubBacklog, NotInHub};
pub use paddle::{Calling, LevelCount, MAX_PADDLE, PaddleEntry, UNDO_WINDOW, UndoRefused};
pub use query::{CurrencyTotal, ExportMark, Gift, Since, Stats};
pub use row::{
    Kind, NewPledge, PledgeRow, SealedDetails, Status, frequency_str, mask, parse_frequency,
};

/// The store's file name inside the data folder.
pub const STORE_FILE: &str = "pledges.sqlite";

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

/// The open store.
pub struct Store {
    conn: Connection,
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
