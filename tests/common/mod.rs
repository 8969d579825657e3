//! Helpers shared by the integration tests.

#![allow(
    dead_code,
    clippy::unwrap_used,
    reason = "each test binary uses a different part; a failed step should panic"
)]

use std::{
    fs,
    path::{Path, PathBuf},
};

/// `tests/packs/` in the source tree.
pub fn packs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/packs")
}

/// Copies every file under `from` into `to`, keeping the folder layout.
pub fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Files in a broken-pack case folder that are about the case, not part of
/// the pack.
pub const CASE_FILES: [&str; 2] = ["expect.txt", "remove.txt"];

/// Builds the pack of one broken case: `tests/packs/minimal` with the case's
/// files laid over it and the files named in its `remove.txt` deleted.
pub fn assemble_case(case: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&packs_dir().join("minimal"), dir.path());
    overlay(case, dir.path());
    if let Ok(list) = fs::read_to_string(case.join("remove.txt")) {
        for name in list.lines().filter(|l| !l.trim().is_empty()) {
            fs::remove_file(dir.path().join(name.trim())).unwrap();
        }
    }
    dir
}

fn overlay(from: &Path, to: &Path) {
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name();
        if CASE_FILES.iter().any(|f| name == *f) {
            continue;
        }
        let target = to.join(&name);
        if entry.file_type().unwrap().is_dir() {
            fs::create_dir_all(&target).unwrap();
            overlay(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}
