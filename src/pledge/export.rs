//! CSV export of pledges for staff: every field, one row per pledge, to a
//! file readable by its owner only.

use std::{
    fs,
    io::{self, Write},
    path::{Path, PathBuf},
};

use chrono::{DateTime, Utc};

use super::store::{PledgeRow, Store, StoreError, frequency_str, timestamp};

/// The CSV header, in column order.
pub const HEADER: [&str; 20] = [
    "id",
    "reference",
    "created_at",
    "kiosk_id",
    "event_id",
    "pack_id",
    "pack_version",
    "locale",
    "amount_minor",
    "amount",
    "currency",
    "frequency",
    "name",
    "email",
    "phone",
    "dedication",
    "anonymous",
    "consents",
    "statement_version",
    "status",
];

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Reading the store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Writing the file failed (a full or removed USB stick, say).
    #[error("cannot write {path}: {source}")]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
}

/// A text cell made safe for spreadsheets: one that starts like a formula
/// gets a leading apostrophe, so `=HYPERLINK(..)` in a name stays text.
fn cell(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_owned()
    }
}

/// `amount_minor` as a plain decimal, such as "1000.00".
fn decimal(amount_minor: u64, exponent: u32) -> String {
    if exponent == 0 {
        return amount_minor.to_string();
    }
    let unit = 10u64.pow(exponent.min(9));
    format!(
        "{}.{:0width$}",
        amount_minor / unit,
        amount_minor % unit,
        width = exponent as usize
    )
}

/// The exponent of an ISO 4217 currency (2 unless it is one of the common
/// exceptions); exports use it to write the amount as a decimal.
fn exponent_of(currency: &str) -> u32 {
    match currency {
        "JPY" | "KRW" | "VND" | "CLP" | "ISK" | "UGX" | "XAF" | "XOF" => 0,
        "BHD" | "JOD" | "KWD" | "OMR" | "TND" => 3,
        _ => 2,
    }
}

fn record(p: &PledgeRow) -> [String; 20] {
    let opt = |v: &Option<String>| cell(v.as_deref().unwrap_or(""));
    [
        p.id.clone(),
        p.reference.clone(),
        timestamp(p.created_at),
        cell(&p.kiosk_id),
        cell(&p.event_id),
        cell(&p.pack_id),
        cell(&p.pack_version),
        p.locale.clone(),
        p.amount_minor.to_string(),
        decimal(p.amount_minor, exponent_of(&p.currency)),
        p.currency.clone(),
        frequency_str(p.frequency).to_owned(),
        opt(&p.name),
        opt(&p.email),
        opt(&p.phone),
        opt(&p.dedication),
        if p.anonymous { "yes" } else { "no" }.to_owned(),
        p.consents.join(" "),
        p.statement_version.clone(),
        p.status.as_str().to_owned(),
    ]
}

/// Writes `rows` as CSV (the header first, even with no rows).
pub fn write_csv<W: Write>(out: W, rows: &[PledgeRow]) -> Result<(), csv::Error> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(HEADER)?;
    for p in rows {
        w.write_record(record(p))?;
    }
    w.flush()?;
    Ok(())
}

/// Creates `path` for writing, owner-only, replacing an old file.
pub fn create_private(path: &Path) -> io::Result<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let file = options.open(path)?;
    #[cfg(unix)]
    {
        // An existing file keeps its mode on open; make sure of it.
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(fs::Permissions::from_mode(0o600))?;
    }
    Ok(file)
}

/// Exports the pledges created after `since` (all of them with `None`) to
/// `path`, flushed to the device before returning; returns how many rows,
/// and the newest row's time (or `None` when there were none).
pub fn export_to(
    store: &Store,
    path: &Path,
    since: Option<DateTime<Utc>>,
) -> Result<(usize, Option<DateTime<Utc>>), ExportError> {
    let rows = store.all(since)?;
    let write_err = |source| ExportError::Write {
        path: path.to_path_buf(),
        source,
    };
    let file = create_private(path).map_err(write_err)?;
    let mut buffered = io::BufWriter::new(file);
    write_csv(&mut buffered, &rows).map_err(|e| write_err(io::Error::other(e)))?;
    let file = buffered
        .into_inner()
        .map_err(|e| write_err(e.into_error()))?;
    file.sync_all().map_err(write_err)?;
    Ok((rows.len(), rows.last().map(|r| r.created_at)))
}

/// A file name for an export made now by `kiosk_id`:
/// `pledges-gala-door-1-20261126-193512.csv`.
pub fn file_name(kiosk_id: &str, now: DateTime<chrono::Local>) -> String {
    let safe: String = kiosk_id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .take(40)
        .collect();
    format!("pledges-{safe}-{}.csv", now.format("%Y%m%d-%H%M%S"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_that_look_like_formulas_stay_text() {
        assert_eq!(cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(cell("+852 9123 4567"), "'+852 9123 4567");
        assert_eq!(cell("Chan Tai Man"), "Chan Tai Man");
        assert_eq!(decimal(100_050, 2), "1000.50");
        assert_eq!(decimal(5, 2), "0.05");
        assert_eq!(decimal(1500, 0), "1500");
    }

    #[test]
    fn an_empty_store_exports_a_header() {
        let mut out = Vec::new();
        write_csv(&mut out, &[]).unwrap();
        assert_eq!(String::from_utf8(out).unwrap().trim_end(), HEADER.join(","));
    }
}
