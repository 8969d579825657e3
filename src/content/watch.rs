//! `--watch`: notices when the files of an override pack change, waits until
//! they stop changing (a copy in progress), then loads and checks the whole
//! pack on its own thread, images decoded, and hands the result over. A
//! broken or half-written pack comes back as problems, so the kiosk keeps
//! the last good one. Polling, not OS notifications: it works the same on
//! every filesystem, USB sticks and network shares included, and costs one
//! directory listing a second.

use std::{
    fs,
    path::{Path, PathBuf},
    sync::mpsc,
    thread,
    time::{Duration, SystemTime},
};

use super::{ImageCheck, Pack, PackSource, Problem, Strings, load};

/// How often the folder is listed.
pub const POLL: Duration = Duration::from_secs(1);
/// Folders deeper than this, and files beyond this count, are not watched
/// (a pack has a handful of files in two levels).
const MAX_DEPTH: usize = 4;
const MAX_ENTRIES: usize = 10_000;

/// What the watcher found after a change.
#[derive(Debug)]
pub enum PackChange {
    /// The changed pack is sound (it may have warnings).
    Loaded(Box<Pack>, Vec<Problem>),
    /// The changed pack has errors (or its folder is gone): keep the last
    /// good pack.
    Rejected(Vec<Problem>),
}

/// Each file's path, size and modification time: what "changed" means.
pub type Fingerprint = Vec<(PathBuf, u64, Option<SystemTime>)>;

/// Lists `dir` (an empty list if it is missing or unreadable).
pub fn fingerprint(dir: &Path) -> Fingerprint {
    let mut out = Vec::new();
    walk(dir, 0, &mut out);
    out.sort();
    out
}

fn walk(dir: &Path, depth: usize, out: &mut Fingerprint) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        if out.len() >= MAX_ENTRIES {
            return;
        }
        let path = entry.path();
        let Ok(meta) = entry.metadata() else { continue };
        if meta.is_dir() {
            if depth < MAX_DEPTH {
                walk(&path, depth + 1, out);
            }
        } else {
            out.push((path, meta.len(), meta.modified().ok()));
        }
    }
}

/// The watcher's handle; the thread stops when it is dropped.
pub struct PackWatcher {
    changes: mpsc::Receiver<PackChange>,
}

impl PackWatcher {
    /// Watches `dir`. `fallback_strings` fills strings the pack leaves out,
    /// as at start; `notify` runs after each change is ready (the UI asks
    /// for a repaint there).
    pub fn start(
        dir: PathBuf,
        fallback_strings: Strings,
        notify: impl Fn() + Send + 'static,
    ) -> std::io::Result<Self> {
        let (tx, changes) = mpsc::channel();
        thread::Builder::new()
            .name("pack-watch".to_owned())
            .spawn(move || {
                let mut last = fingerprint(&dir);
                let mut settling = false;
                loop {
                    thread::sleep(POLL);
                    let now = fingerprint(&dir);
                    if now != last {
                        // Still being written: look again next time.
                        last = now;
                        settling = true;
                        continue;
                    }
                    if !settling {
                        continue;
                    }
                    settling = false;
                    let loaded = load(
                        &PackSource::Dir(dir.clone()),
                        ImageCheck::Decode,
                        Some(&fallback_strings),
                    );
                    let change = match loaded.pack {
                        Some(pack) => PackChange::Loaded(Box::new(pack), loaded.problems),
                        None => PackChange::Rejected(loaded.problems),
                    };
                    if tx.send(change).is_err() {
                        return;
                    }
                    notify();
                }
            })?;
        Ok(Self { changes })
    }

    /// The latest change, if one is waiting (older ones are superseded).
    pub fn try_recv(&self) -> Option<PackChange> {
        let mut latest = None;
        while let Ok(change) = self.changes.try_recv() {
            latest = Some(change);
        }
        latest
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_size_or_a_new_file_changes_the_fingerprint() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let before = fingerprint(dir.path());
        assert!(before.is_empty());
        fs::write(dir.path().join("a.ron"), "()").unwrap_or_else(|e| panic!("{e}"));
        let one = fingerprint(dir.path());
        assert_eq!(one.len(), 1);
        fs::write(dir.path().join("a.ron"), "(x)").unwrap_or_else(|e| panic!("{e}"));
        assert_ne!(fingerprint(dir.path()), one);
        assert!(fingerprint(&dir.path().join("gone")).is_empty());
    }
}
