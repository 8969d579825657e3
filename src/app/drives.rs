//! Where staff can export pledges: folders on mounted removable drives
//! (USB sticks under /media, /run/media or /mnt; on Windows, each
//! removable drive's letter, `E:\`), and the kiosk's own exports folder as
//! a last resort.

use std::path::{Path, PathBuf};

/// The folders removable drives are mounted under, in the order listed.
#[cfg(not(windows))]
const MOUNT_ROOTS: [&str; 3] = ["/media", "/run/media", "/mnt"];

/// Mounted drives: `/media/USER/STICK`, `/media/STICK`, `/run/media/USER/STICK`
/// or `/mnt/STICK`, each a writable folder; then `data_dir/exports`.
pub fn export_targets(data_dir: &Path) -> Vec<PathBuf> {
    let mut found = removable_drives();
    found.retain(|p| writable(p));
    found.push(data_dir.join("exports"));
    found
}

/// The removable drives Windows has given a letter, in letter order.
#[cfg(windows)]
fn removable_drives() -> Vec<PathBuf> {
    winsafe::GetLogicalDriveStrings()
        .unwrap_or_default()
        .into_iter()
        .filter(|root| winsafe::GetDriveType(Some(root)) == winsafe::co::DRIVE::REMOVABLE)
        .map(PathBuf::from)
        .collect()
}

/// Drives mounted under the usual folders.
#[cfg(not(windows))]
fn removable_drives() -> Vec<PathBuf> {
    let mut found = Vec::new();
    for root in MOUNT_ROOTS {
        for entry in read_dirs(Path::new(root)) {
            // /media/USER/STICK or /media/STICK: a folder with folders in
            // it that are mount points is a user folder.
            let inner = read_dirs(&entry);
            let mounted: Vec<PathBuf> = inner.into_iter().filter(|p| is_mount_point(p)).collect();
            if !mounted.is_empty() {
                found.extend(mounted);
            } else if is_mount_point(&entry) {
                found.push(entry);
            }
        }
    }
    found
}

#[cfg(not(windows))]
fn read_dirs(dir: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_dir())
                .collect()
        })
        .unwrap_or_default();
    dirs.sort();
    dirs
}

/// A folder on a different device than its parent is where a drive is
/// mounted.
#[cfg(not(windows))]
fn is_mount_point(p: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (std::fs::metadata(p), p.parent().map(std::fs::metadata)) {
            (Ok(me), Some(Ok(parent))) => me.dev() != parent.dev(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = p;
        false
    }
}

fn writable(p: &Path) -> bool {
    std::fs::metadata(p).is_ok_and(|m| !m.permissions().readonly())
}
