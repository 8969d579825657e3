//! The kiosk's data (its pledge store and settings) is for its own user:
//! the data folder is made 0700 and every file 0600 from the moment it is
//! created, never widened and narrowed afterwards. Modes found wider (a
//! store restored from a backup, a settings file copied from another
//! kiosk, a folder made by hand) are narrowed at start, with a line in the
//! log.
//!
//! On Windows the files get the access list of the folder they are made
//! in. The default data folder is in the user's own profile
//! (`%LOCALAPPDATA%`), which Windows lets in only that user, SYSTEM and
//! the administrators; storykiosk does not set access lists itself (see
//! packaging/windows.md: the one place it could be tried, Wine, keeps
//! access lists as Unix modes, and a list set there came back as mode
//! 0777, so the code could not be checked).

use std::{fs, io, path::Path};

/// A folder's mode.
pub const FOLDER_MODE: u32 = 0o700;
/// A file's mode.
pub const FILE_MODE: u32 = 0o600;

/// Creates `dir` and any missing parents, owner-only.
pub fn create_dir(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, FOLDER_MODE);
    builder.create(dir)
}

/// Options that create a new file, owner-only, never through a link and
/// never an existing file.
pub fn new_file_options() -> fs::OpenOptions {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(FILE_MODE).custom_flags(
            (rustix::fs::OFlags::NOFOLLOW | rustix::fs::OFlags::CLOEXEC).bits() as i32,
        );
    }
    options
}

/// Narrows `path` to `mode` if others (or its group) may use it, and says
/// so in the log. A missing file is left alone.
pub fn narrow(path: &Path, mode: u32) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let meta = match fs::symlink_metadata(path) {
            Ok(meta) => meta,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(e),
        };
        let old = meta.permissions().mode() & 0o777;
        if old & !mode != 0 {
            fs::set_permissions(path, fs::Permissions::from_mode(mode))?;
            eprintln!(
                "storykiosk: {} was readable by others (mode {old:o}); made it owner-only ({mode:o})",
                path.display()
            );
        }
    }
    #[cfg(not(unix))]
    let _ = (path, mode);
    Ok(())
}
