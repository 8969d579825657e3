//! Any bytes as one of the seven files of an otherwise sound pack: the
//! loader must answer with a pack or problems, never panic, hang or
//! exhaust memory.
#![no_main]

use libfuzzer_sys::fuzz_target;
use storykiosk::content::{self, ImageCheck, PACK_FILES, PackSource};

fuzz_target!(|data: &[u8]| {
    let Some((&which, bytes)) = data.split_first() else {
        return;
    };
    let Ok(dir) = tempfile::tempdir() else { return };
    if content::export_bundled(dir.path()).is_err() {
        return;
    }
    let file = PACK_FILES[usize::from(which) % PACK_FILES.len()];
    if std::fs::write(dir.path().join(file), bytes).is_err() {
        return;
    }
    let loaded = content::load(
        &PackSource::Dir(dir.path().to_path_buf()),
        ImageCheck::Header,
        None,
    );
    assert!(loaded.pack.is_some() || !loaded.problems.is_empty());
});
