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
pub const HEADER: [&str; 24] = [
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
    // kiosk (a visitor's pledge), paddle (entered during the paddle
    // raise), or cancellation (undoes the entry whose id is in `cancels`;
    // its amount is the amount taken back).
    "kind",
    "paddle",
    "cancels",
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

fn record(p: &PledgeRow) -> [String; 24] {
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
        p.kind.as_str().to_owned(),
        p.paddle.map(|n| n.to_string()).unwrap_or_default(),
        p.cancels.clone().unwrap_or_default(),
    ]
}

/// UTF-8's byte-order mark, which tells Excel the file is UTF-8 (without
/// it, Excel reads the system's legacy code page and a Chinese name turns
/// into mojibake). LibreOffice, Python's `utf-8-sig` and pandas skip it.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A CSV writer as spreadsheets expect: the byte-order mark first, and
/// Windows line ends.
fn spreadsheet_writer<W: Write>(mut out: W) -> Result<csv::Writer<W>, csv::Error> {
    out.write_all(BOM)?;
    Ok(csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out))
}

/// `input` without a leading byte-order mark.
fn skip_bom<R: io::Read>(input: R) -> Result<impl io::Read, csv::Error> {
    let mut input = io::BufReader::new(input);
    if io::BufRead::fill_buf(&mut input)?.starts_with(BOM) {
        io::BufRead::consume(&mut input, BOM.len());
    }
    Ok(input)
}

/// Writes `rows` as CSV (the header first, even with no rows), for
/// spreadsheets ([`BOM`], CRLF).
pub fn write_csv<W: Write>(out: W, rows: &[PledgeRow]) -> Result<(), csv::Error> {
    let mut w = spreadsheet_writer(out)?;
    w.write_record(HEADER)?;
    for p in rows {
        w.write_record(record(p))?;
    }
    w.flush()?;
    Ok(())
}

/// Writes a new file, readable by its owner only, in `dir` under the first
/// of `names` that no file has, and returns its path. The file appears
/// whole or not at all: it is written under a temporary name created
/// exclusively (never through a link planted there), flushed to the
/// device, renamed into place only if the name is still free, and the
/// folder is flushed too. On failure (a full or pulled stick) the
/// temporary file is removed and no file has any of `names`. An existing
/// file is never replaced: when every name is taken, the error is
/// [`io::ErrorKind::AlreadyExists`].
pub fn write_new(
    dir: &Path,
    names: &[String],
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<PathBuf> {
    let first = names
        .first()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "no file name"))?;
    let taken = |name: &String| fs::symlink_metadata(dir.join(name)).is_ok();
    if names.iter().all(taken) {
        return Err(already_exists());
    }
    let (temporary, file) = create_temporary(dir, first)?;
    let written = (|| {
        let mut buffered = io::BufWriter::new(file);
        write(&mut buffered)?;
        let file = buffered.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        drop(file);
        let path = rename_to_free_name(&temporary, dir, names)?;
        sync_folder(dir)?;
        Ok(path)
    })();
    if written.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    written
}

fn already_exists() -> io::Error {
    io::Error::new(
        io::ErrorKind::AlreadyExists,
        "a file with that name already exists (an export never replaces one)",
    )
}

/// `.NAME.RANDOM.tmp` in `dir`, created here and now (never an existing
/// file or a link), owner-only.
fn create_temporary(dir: &Path, name: &str) -> io::Result<(PathBuf, fs::File)> {
    let options = crate::owner_only::new_file_options();
    let mut last = None;
    for _ in 0..8 {
        let path = dir.join(format!(".{name}.{}.tmp", uuid::Uuid::now_v7().simple()));
        match options.open(&path) {
            Ok(file) => return Ok((path, file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(already_exists))
}

/// Renames `from` to the first of `names` in `dir` that no file has, never
/// replacing one (also against a file that appears meanwhile).
fn rename_to_free_name(from: &Path, dir: &Path, names: &[String]) -> io::Result<PathBuf> {
    for name in names {
        let to = dir.join(name);
        match rename_no_replace(from, &to) {
            Ok(()) => return Ok(to),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
    }
    Err(already_exists())
}

#[cfg(target_os = "linux")]
fn rename_no_replace(from: &Path, to: &Path) -> io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    match renameat_with(CWD, from, CWD, to, RenameFlags::NOREPLACE) {
        Ok(()) => Ok(()),
        // A filesystem without the flag: check, then rename (one writer).
        Err(rustix::io::Errno::INVAL | rustix::io::Errno::NOSYS) => {
            if fs::symlink_metadata(to).is_ok() {
                Err(already_exists())
            } else {
                fs::rename(from, to)
            }
        }
        Err(e) => Err(e.into()),
    }
}

#[cfg(not(target_os = "linux"))]
fn rename_no_replace(from: &Path, to: &Path) -> io::Result<()> {
    if fs::symlink_metadata(to).is_ok() {
        return Err(already_exists());
    }
    fs::rename(from, to)
}

/// Flushes a folder's entries (the rename) to the device. A filesystem
/// that cannot sync a folder (some FAT drivers say so) has nothing more
/// to flush.
fn sync_folder(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    match fs::File::open(dir).and_then(|d| d.sync_all()) {
        Err(e) if e.kind() == io::ErrorKind::InvalidInput => Ok(()),
        other => other,
    }
    #[cfg(not(unix))]
    {
        // NTFS journals the rename itself; std cannot open a folder on
        // Windows to flush it.
        let _ = dir;
        Ok(())
    }
}

/// Exports the pledges `since` selects to the new file `path` (see
/// [`write_new`]: never replacing a file, never half-written); returns how
/// many rows, and the last of them (`None` when there were none).
pub fn export_to(
    store: &Store,
    path: &Path,
    since: &Since,
) -> Result<(usize, Option<PledgeRow>), ExportError> {
    let (dir, name) = split(path);
    export_named(store, dir, &[name], since).map(|(_, rows, last)| (rows, last))
}

/// Exports as [`export_to`] does, into `dir` under `name`, or, if a file
/// has that name (two exports in one second), `name` with "-2", "-3" …
/// before its extension; returns the file written too.
pub fn export_into(
    store: &Store,
    dir: &Path,
    name: &str,
    since: &Since,
) -> Result<(PathBuf, usize, Option<PledgeRow>), ExportError> {
    let (stem, extension) = match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => (stem, format!(".{ext}")),
        _ => (name, String::new()),
    };
    let names: Vec<String> = std::iter::once(name.to_owned())
        .chain((2..100).map(|n| format!("{stem}-{n}{extension}")))
        .collect();
    export_named(store, dir, &names, since)
}

/// A path's folder ("." for a bare name) and file name.
pub fn split(path: &Path) -> (&Path, String) {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    (dir, name)
}

fn export_named(
    store: &Store,
    dir: &Path,
    names: &[String],
    since: &Since,
) -> Result<(PathBuf, usize, Option<PledgeRow>), ExportError> {
    let rows = store.select(since)?;
    let path = write_new(dir, names, |out| {
        write_csv(out, &rows).map_err(io::Error::other)
    })
    .map_err(|source| ExportError::Write {
        path: dir.join(names.first().map_or("", String::as_str)),
        source,
    })?;
    Ok((path, rows.len(), rows.last().cloned()))
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
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(skip_bom(input)?);
    let header = reader.headers()?.clone();
    let column = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| OpenError::NotAnExport(format!("it has no {name:?} column")))
    };
    let sealed_at = column("sealed")?;
    let reference_at = column("reference")?;
    let id_at = column("id")?;
    let fields = [
        column("name")?,
        column("email")?,
        column("phone")?,
        column("dedication")?,
    ];
    let mut writer = spreadsheet_writer(out)?;
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
        let opened = open_cell(keys, sealed, record.get(id_at).unwrap_or_default());
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

/// The donor's details in one export's `sealed` cell, opened with `keys`,
/// if they belong to the pledge `id` of that row.
fn open_cell(keys: &[Identity], sealed: &str, id: &str) -> Result<SealedDetails, SealError> {
    let file =
        seal::base64::decode(sealed).ok_or(SealError::Damaged("the sealed cell is not base64"))?;
    let plain = seal::open(keys, &file)?;
    let details = SealedDetails::from_bytes(&plain)
        .ok_or(SealError::Damaged("the sealed details are not a pledge's"))?;
    if details.belongs_to(id) {
        Ok(details)
    } else {
        Err(SealError::Damaged(
            "the sealed details belong to another pledge (moved from another row)",
        ))
    }
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
        assert_eq!(
            String::from_utf8(out).unwrap().trim_end(),
            format!("\u{feff}{}", HEADER.join(","))
        );
    }
}
