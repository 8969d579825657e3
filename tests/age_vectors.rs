//! The age format's own test vectors (C2SP/CCTV, `age/testdata`), those
//! that apply to what storykiosk opens: X25519 files, not armored, no
//! passphrase (tests/age-vectors/README.md). Each must give the outcome it
//! expects: the payload with its SHA-256 for `success`, "sealed to another
//! key" for `no match`, and "damaged" for a header, HMAC or payload
//! failure. The few storykiosk refuses on purpose are listed with why, and
//! must stay refused (so the list stays true).

#![allow(
    clippy::unwrap_used,
    reason = "helpers of tests: a failed step should panic"
)]

use std::{io::Read, path::Path};

use sha2::{Digest, Sha256};
use storykiosk::pledge::seal::{self, Identity, SealError};

/// Vectors storykiosk refuses on purpose, and why.
const REFUSED: &[(&str, &str)] = &[
    (
        "stream_257_chunks",
        "over 1 MiB: a sealed record is a pledge's details, a few hundred bytes",
    ),
    (
        "stream_257_chunks_full",
        "over 1 MiB: a sealed record is a pledge's details, a few hundred bytes",
    ),
    (
        "stream_258_chunks",
        "over 1 MiB: a sealed record is a pledge's details, a few hundred bytes",
    ),
];

struct Vector {
    name: String,
    expect: String,
    payload: Option<String>,
    identities: Vec<Identity>,
    file: Vec<u8>,
}

fn read(path: &Path) -> Vector {
    let data = std::fs::read(path).unwrap();
    let split = data.windows(2).position(|w| w == b"\n\n").unwrap();
    let header = std::str::from_utf8(&data[..split]).unwrap();
    let mut body = data[split + 2..].to_vec();
    let (mut expect, mut payload, mut keys) = (String::new(), None, String::new());
    for line in header.lines() {
        let (key, value) = line.split_once(": ").unwrap();
        match key {
            "expect" => expect = value.to_owned(),
            "payload" => payload = Some(value.to_owned()),
            "identity" => keys.push_str(&format!("{value}\n")),
            "compressed" => {
                assert_eq!(value, "zlib");
                let mut plain = Vec::new();
                flate2::read::ZlibDecoder::new(body.as_slice())
                    .read_to_end(&mut plain)
                    .unwrap();
                body = plain;
            }
            _ => {}
        }
    }
    Vector {
        name: path.file_name().unwrap().to_string_lossy().into_owned(),
        expect,
        payload,
        identities: Identity::parse_file(&keys).unwrap(),
        file: body,
    }
}

/// Whether `result` is what `v` expects; `Err` says what happened instead.
fn outcome(
    v: &Vector,
    result: &Result<zeroize::Zeroizing<Vec<u8>>, SealError>,
) -> Result<(), String> {
    match (v.expect.as_str(), result) {
        ("success", Ok(plain)) => {
            let hash: String = Sha256::digest(plain.as_slice())
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            if Some(&hash) == v.payload.as_ref() {
                Ok(())
            } else {
                Err(format!("payload {hash}, expected {:?}", v.payload))
            }
        }
        ("no match", Err(SealError::NotForThisKey)) => Ok(()),
        ("header failure" | "HMAC failure" | "payload failure", Err(SealError::Damaged(_))) => {
            Ok(())
        }
        (expect, got) => Err(format!(
            "expected {expect}, got {:?}",
            got.as_ref().map(|p| p.len())
        )),
    }
}

#[test]
fn every_applicable_age_test_vector_gives_its_outcome() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/age-vectors");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_none())
        .collect();
    names.sort();
    assert_eq!(names.len(), 66, "the vendored set changed");
    let mut wrong = Vec::new();
    let mut passed = 0;
    for path in &names {
        let v = read(path);
        let result = seal::open(&v.identities, &v.file);
        let refused = REFUSED.iter().find(|(n, _)| *n == v.name);
        match (outcome(&v, &result), refused) {
            (Ok(()), None) => passed += 1,
            (Err(why), None) => wrong.push(format!("{}: {why}", v.name)),
            (_, Some((_, reason))) => {
                // Refused on purpose: it must still be refused, as damaged.
                if !matches!(result, Err(SealError::Damaged(_))) {
                    wrong.push(format!(
                        "{} is listed as refused ({reason}) but was not",
                        v.name
                    ));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} passed; wrong:\n{}",
        passed,
        wrong.join("\n")
    );
    assert_eq!(passed, names.len() - REFUSED.len());
}
