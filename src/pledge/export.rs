//! CSV export of pledges for staff: every field, one row per pledge, to a
//! file readable by its owner only. Donor details sealed to the
//! organisation's key are exported sealed, and opened at the office from
//! the CSV with the secret key ([`open_sealed`]).

use std::{
    fs,
    io::{self, Write},
    path::{Path, PathBuf},
};

use chrono::DateTime;

use super::{
    seal::{self, Identity, SealError},
    store::{PledgeRow, SealedDetails, Since, Store, StoreError, frequency_str, timestamp},
};

/// The CSV header, in column order.
pub const HEADER: [&str; 21] = [
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
    // Name, email, phone and dedication sealed to the organisation's key:
    // an age file, base64. Empty when the kiosk does not seal.
    "sealed",
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

fn record(p: &PledgeRow) -> [String; 21] {
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
        crate::content::format::decimal(p.amount_minor, p.currency_exponent),
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
        p.sealed
            .as_deref()
            .map(seal::base64::encode_padded)
            .unwrap_or_default(),
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

/// Exports the pledges `since` selects to `path`, flushed to the device
/// before returning; returns how many rows, and the last of them (`None`
/// when there were none).
pub fn export_to(
    store: &Store,
    path: &Path,
    since: &Since,
) -> Result<(usize, Option<PledgeRow>), ExportError> {
    let rows = store.select(since)?;
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
    Ok((rows.len(), rows.last().cloned()))
}

/// What opening a sealed export did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Opened {
    /// Rows read (and written).
    pub rows: usize,
    /// Rows whose sealed details were opened.
    pub opened: usize,
    /// Rows left sealed: their reference and why.
    pub failed: Vec<(String, String)>,
}

/// Why opening a sealed export failed as a whole.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// The input is not a storykiosk export.
    #[error("not a storykiosk pledge export: {0}")]
    NotAnExport(String),
    /// Reading or writing the CSV failed.
    #[error(transparent)]
    Csv(#[from] csv::Error),
}

/// Reads an export (`input`) and writes it again to `out` with every sealed
/// row opened with `keys`: name, email, phone and dedication filled in, the
/// `sealed` cell emptied. A row no key opens is written as it was and
/// listed in the result, so nothing is lost.
pub fn open_sealed<R: io::Read, W: Write>(
    keys: &[Identity],
    input: R,
    out: W,
) -> Result<Opened, OpenError> {
    let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(input);
    let header = reader.headers()?.clone();
    let column = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| OpenError::NotAnExport(format!("it has no {name:?} column")))
    };
    let sealed_at = column("sealed")?;
    let reference_at = column("reference")?;
    let fields = [
        column("name")?,
        column("email")?,
        column("phone")?,
        column("dedication")?,
    ];
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(&header)?;
    let mut report = Opened::default();
    for record in reader.records() {
        let record = record?;
        report.rows += 1;
        let sealed = record.get(sealed_at).unwrap_or_default();
        if sealed.is_empty() {
            writer.write_record(&record)?;
            continue;
        }
        let opened = seal::base64::decode(sealed)
            .ok_or(SealError::Damaged("the sealed cell is not base64"))
            .and_then(|file| seal::open(keys, &file))
            .and_then(|plain| {
                SealedDetails::from_bytes(&plain)
                    .ok_or(SealError::Damaged("the sealed details are not a pledge's"))
            });
        match opened {
            Ok(details) => {
                let values = [
                    &details.name,
                    &details.email,
                    &details.phone,
                    &details.dedication,
                ];
                let mut row: Vec<String> = record.iter().map(str::to_owned).collect();
                for (at, value) in fields.into_iter().zip(values) {
                    row[at] = cell(value.as_deref().unwrap_or(""));
                }
                row[sealed_at].clear();
                writer.write_record(&row)?;
                for v in &mut row {
                    zeroize::Zeroize::zeroize(v);
                }
                report.opened += 1;
            }
            Err(e) => {
                writer.write_record(&record)?;
                let reference = record.get(reference_at).unwrap_or_default().to_owned();
                report.failed.push((reference, e.to_string()));
            }
        }
    }
    writer.flush().map_err(csv::Error::from)?;
    Ok(report)
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
    }

    #[test]
    fn an_empty_store_exports_a_header() {
        let mut out = Vec::new();
        write_csv(&mut out, &[]).unwrap();
        assert_eq!(String::from_utf8(out).unwrap().trim_end(), HEADER.join(","));
    }
}
