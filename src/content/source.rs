//! Where a pack's files come from: compiled into the binary, or a folder.

use std::{
    borrow::Cow,
    fs,
    io::{self, Read},
    path::{Component, Path, PathBuf},
};

/// Every file of `assets/pack/`, as (path relative to the pack, bytes).
static BUNDLED: &[(&str, &[u8])] = include!(concat!(env!("OUT_DIR"), "/bundled_pack.rs"));

/// Where a pack is read from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PackSource {
    /// The IJM Hong Kong pack compiled into the binary.
    Bundled,
    /// A pack folder on disk, given with `--content DIR`.
    Dir(PathBuf),
}

/// Why a file of a pack could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// There is no such file.
    #[error("file not found")]
    NotFound,
    /// The path leaves the pack folder, or is absolute.
    #[error("the path {0:?} must stay inside the pack folder (no \"..\", no leading \"/\")")]
    OutsidePack(String),
    /// The file is larger than a pack file of its kind may be.
    #[error("the file is larger than {limit_mib} MiB")]
    TooLarge {
        /// The limit, in MiB.
        limit_mib: u64,
    },
    /// Any other I/O error, such as missing permissions.
    #[error("cannot read the file: {0}")]
    Io(#[from] io::Error),
}

impl PackSource {
    /// A short name for messages: the folder, or `<bundled>`.
    pub fn label(&self) -> String {
        match self {
            PackSource::Bundled => "<bundled>".to_owned(),
            PackSource::Dir(dir) => dir.display().to_string(),
        }
    }

    /// Reads `rel` (a `/`-separated path inside the pack), refusing files of
    /// more than `limit_bytes` so that a hostile pack cannot exhaust memory.
    pub fn read(&self, rel: &str, limit_bytes: u64) -> Result<Cow<'static, [u8]>, ReadError> {
        let rel_path = Path::new(rel);
        let safe = !rel.is_empty()
            && rel_path
                .components()
                .all(|c| matches!(c, Component::Normal(_)));
        if !safe {
            return Err(ReadError::OutsidePack(rel.to_owned()));
        }
        let too_large = ReadError::TooLarge {
            limit_mib: limit_bytes.div_ceil(1024 * 1024),
        };
        match self {
            PackSource::Bundled => {
                let bytes = BUNDLED
                    .iter()
                    .find(|(name, _)| *name == rel)
                    .map(|(_, bytes)| *bytes)
                    .ok_or(ReadError::NotFound)?;
                if bytes.len() as u64 > limit_bytes {
                    return Err(too_large);
                }
                Ok(Cow::Borrowed(bytes))
            }
            PackSource::Dir(dir) => {
                let file = fs::File::open(dir.join(rel_path)).map_err(|e| match e.kind() {
                    io::ErrorKind::NotFound => ReadError::NotFound,
                    _ => ReadError::Io(e),
                })?;
                // Sized once from the file's length: growing the buffer as
                // it reads would copy a photo several times over.
                let expected = file.metadata().map_or(0, |m| m.len()).min(limit_bytes + 1);
                let mut bytes = Vec::with_capacity(usize::try_from(expected).unwrap_or(0));
                file.take(limit_bytes + 1).read_to_end(&mut bytes)?;
                if bytes.len() as u64 > limit_bytes {
                    return Err(too_large);
                }
                Ok(Cow::Owned(bytes))
            }
        }
    }
}

impl PackSource {
    /// The files directly in the pack's folder `folder` (such as `fonts`),
    /// as paths relative to the pack (`fonts/NotoSansJP.otf`), sorted; none
    /// if there is no such folder.
    pub fn list(&self, folder: &str) -> Vec<String> {
        let mut files: Vec<String> = match self {
            PackSource::Bundled => BUNDLED
                .iter()
                .filter_map(|(name, _)| {
                    let rest = name.strip_prefix(folder)?.strip_prefix('/')?;
                    (!rest.contains('/')).then(|| (*name).to_owned())
                })
                .collect(),
            PackSource::Dir(dir) => fs::read_dir(dir.join(folder))
                .map(|entries| {
                    entries
                        .filter_map(Result::ok)
                        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
                        .filter_map(|e| {
                            let name = e.file_name().into_string().ok()?;
                            (!name.starts_with('.')).then(|| format!("{folder}/{name}"))
                        })
                        .collect()
                })
                .unwrap_or_default(),
        };
        files.sort();
        files
    }
}

/// The bundled pack's files, as (path relative to the pack, bytes).
pub fn bundled_files() -> &'static [(&'static str, &'static [u8])] {
    BUNDLED
}

/// Why `export-pack` could not write the bundled pack.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The folder exists and holds files; nothing was written.
    #[error("{0} already exists and is not empty; choose a new folder so nothing is overwritten")]
    NotEmpty(PathBuf),
    /// Creating a folder or writing a file failed.
    #[error("cannot write {path}: {source}")]
    Write {
        /// The file or folder being written.
        path: PathBuf,
        /// The underlying error.
        source: io::Error,
    },
}

/// Writes the bundled pack into `dir` (created if needed; it must be empty)
/// as a starting point for authors. Returns how many files were written.
pub fn export_bundled(dir: &Path) -> Result<usize, ExportError> {
    let write_err = |path: &Path| {
        let path = path.to_path_buf();
        move |source| ExportError::Write { path, source }
    };
    if let Ok(mut entries) = fs::read_dir(dir)
        && entries.next().is_some()
    {
        return Err(ExportError::NotEmpty(dir.to_path_buf()));
    }
    for (rel, bytes) in BUNDLED {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(write_err(parent))?;
        }
        fs::write(&path, bytes).map_err(write_err(&path))?;
    }
    Ok(BUNDLED.len())
}
