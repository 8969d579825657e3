//! Hostile packs, made at test time (too big to keep in git): a real
//! 20000×20000 PNG, a 10 MB text, 10,000 timeline events. Each gets a clear
//! error, the kiosk keeps the bundled pack, and `storykiosk validate` (which
//! decodes every image, as `--watch` does) finishes inside a 1 GiB
//! address-space limit instead of running out of memory.
//! (`tests/packs/broken/` holds the small ones: a PNG whose header lies, a
//! truncated JPEG, deeply nested RON, non-UTF-8 bytes and more.) Random
//! packs and form text are in the proptests at the end.

#![allow(clippy::unwrap_used, reason = "a test: a failed step should panic")]

mod common;

use std::{fs, io::Write, path::Path, process::Command};

use proptest::prelude::*;
use storykiosk::{
    content::{self, ImageCheck, PackSource},
    pledge::draft::{PledgeDraft, clean},
};

/// The minimal test pack in a temporary folder.
fn minimal() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    common::copy_tree(&common::packs_dir().join("minimal"), dir.path());
    dir
}

/// A genuine PNG of `w`×`h` black pixels (1-bit grey), written row by row
/// so the test never holds the image: 20000×20000 is a few hundred KB.
fn write_huge_png(path: &Path, w: u32, h: u32) {
    let chunk = |out: &mut Vec<u8>, kind: &[u8], data: &[u8]| {
        out.extend((data.len() as u32).to_be_bytes());
        let mut crc = flate2::Crc::new();
        crc.update(kind);
        crc.update(data);
        out.extend(kind);
        out.extend(data);
        out.extend(crc.sum().to_be_bytes());
    };
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend(w.to_be_bytes());
    ihdr.extend(h.to_be_bytes());
    ihdr.extend([1, 0, 0, 0, 0]); // 1 bit, greyscale, deflate, no filter, no interlace
    chunk(&mut png, b"IHDR", &ihdr);
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let row = vec![0u8; 1 + w.div_ceil(8) as usize];
    for _ in 0..h {
        z.write_all(&row).unwrap();
    }
    chunk(&mut png, b"IDAT", &z.finish().unwrap());
    chunk(&mut png, b"IEND", &[]);
    fs::write(path, png).unwrap();
}

/// What `storykiosk validate DIR` says, run with at most 1 GiB of address
/// space.
fn validate_bounded(dir: &Path) -> (bool, String) {
    let out = Command::new("prlimit")
        .arg("--as=1073741824")
        .arg(env!("CARGO_BIN_EXE_storykiosk"))
        .arg("validate")
        .arg(dir)
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stderr).into_owned() + &String::from_utf8_lossy(&out.stdout);
    (out.status.success(), text)
}

/// The pack at `dir` is refused with a message containing `expect`, in
/// bounded memory, and the kiosk would show the bundled pack.
fn refused(dir: &Path, expect: &str) {
    let loaded = content::load(
        &PackSource::Dir(dir.to_path_buf()),
        ImageCheck::Decode,
        None,
    );
    assert!(loaded.pack.is_none(), "the hostile pack was accepted");
    let all: Vec<String> = loaded.problems.iter().map(|p| p.to_string()).collect();
    assert!(
        all.iter().any(|p| p.contains(expect)),
        "no problem says {expect:?}: {all:#?}"
    );
    let (ok, text) = validate_bounded(dir);
    assert!(!ok, "validate passed it:\n{text}");
    assert!(
        text.contains(expect),
        "validate did not say {expect:?}:\n{text}"
    );
    assert!(
        text.contains("the kiosk would show the bundled pack instead"),
        "{text}"
    );
    let report = content::load_or_bundled(Some(dir)).unwrap();
    assert!(report.fell_back);
    assert_eq!(report.pack.manifest.id, "ijm-hk-25");
}

#[test]
fn a_20000_by_20000_image_is_refused_without_being_decoded() {
    let dir = minimal();
    write_huge_png(&dir.path().join("photos/a.png"), 20_000, 20_000);
    refused(dir.path(), "20000×20000");
}

#[test]
fn a_10_mb_text_is_refused() {
    let dir = minimal();
    let story = fs::read_to_string(dir.path().join("story.ron")).unwrap();
    let huge = "All work and no play. ".repeat(10 * 1024 * 1024 / 22);
    let story = story.replacen("(", &format!("// {huge}\n("), 1);
    fs::write(dir.path().join("story.ron"), story).unwrap();
    refused(dir.path(), "MiB");
}

#[test]
fn ten_thousand_timeline_events_are_refused() {
    let dir = minimal();
    let mut events = String::new();
    for i in 0..10_000 {
        events.push_str(&format!(
            "(year: {}, title: {{\"en\": \"E{i}\", \"zh-HK\": \"事{i}\"}}, body: {{\"en\": \"B\", \"zh-HK\": \"內\"}}),\n",
            1000 + i / 10
        ));
    }
    fs::write(
        dir.path().join("timeline.ron"),
        format!("(title: {{\"en\": \"T\", \"zh-HK\": \"時\"}}, events: [\n{events}],)"),
    )
    .unwrap();
    refused(dir.path(), "100");
}

/// The seven files of the minimal pack, for the mutation proptest.
fn minimal_files() -> Vec<(String, Vec<u8>)> {
    content::PACK_FILES
        .iter()
        .map(|f| {
            (
                (*f).to_owned(),
                fs::read(common::packs_dir().join("minimal").join(f)).unwrap(),
            )
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any bytes in any pack file: the loader reports problems (or accepts
    /// the pack) and never panics.
    #[test]
    fn random_bytes_in_a_pack_file_never_panic(
        which in 0usize..7,
        bytes in proptest::collection::vec(any::<u8>(), 0..2048),
    ) {
        let dir = minimal();
        let files = minimal_files();
        fs::write(dir.path().join(&files[which].0), &bytes).unwrap();
        let loaded = content::load(&PackSource::Dir(dir.path().to_path_buf()), ImageCheck::Decode, None);
        prop_assert!(loaded.pack.is_some() || !loaded.problems.is_empty());
    }

    /// A real pack file with bytes flipped, cut or repeated: the same.
    #[test]
    fn mutated_pack_files_never_panic(
        which in 0usize..7,
        at in any::<prop::sample::Index>(),
        cut in any::<bool>(),
        byte in any::<u8>(),
        repeat in 0usize..64,
    ) {
        let dir = minimal();
        let files = minimal_files();
        let mut bytes = files[which].1.clone();
        let i = at.index(bytes.len().max(1)).min(bytes.len().saturating_sub(1));
        if cut {
            bytes.truncate(i);
        } else if !bytes.is_empty() {
            bytes[i] = byte;
            let piece = bytes[i..].iter().take(16).copied().collect::<Vec<_>>();
            for _ in 0..repeat {
                bytes.splice(i..i, piece.iter().copied());
            }
        }
        fs::write(dir.path().join(&files[which].0), &bytes).unwrap();
        let loaded = content::load(&PackSource::Dir(dir.path().to_path_buf()), ImageCheck::Decode, None);
        prop_assert!(loaded.pack.is_some() || !loaded.problems.is_empty());
    }

    /// Whatever is typed or pasted into the form: no control character
    /// survives, the text is otherwise kept, and validation answers.
    #[test]
    fn any_form_text_is_cleaned_and_validated(
        name in "\\PC{0,300}|[\\x00-\\x1f\\u{7f}\\u{2028}\\u{2029}a-z ]{0,50}",
        email in any::<String>(),
    ) {
        let cleaned = clean(&name);
        let dropped = |c: char| c.is_control() || matches!(c, '\u{2028}' | '\u{2029}');
        let kept_all = !cleaned.chars().any(dropped);
        prop_assert!(kept_all, "a control character survived: {:?}", cleaned);
        prop_assert_eq!(
            cleaned.chars().count(),
            name.chars().filter(|c| !dropped(*c)).count()
        );
        let options = content::Pack::bundled().unwrap().pledge;
        let draft = PledgeDraft {
            amount_minor: Some(100_000),
            frequency: options.frequencies.first().copied(),
            name: cleaned,
            email: clean(&email),
            ..PledgeDraft::default()
        };
        let _ = draft.validate(&options);
    }
}
