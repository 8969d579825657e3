//! Any bytes as a sealed file, and as an export to open: `pledges decrypt`
//! reads files that came back from a kiosk on a USB stick. Opening never
//! panics, and a forged file never opens.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use storykiosk::pledge::{
    export::open_sealed,
    seal::{self, Identity},
};

static KEY: OnceLock<Vec<Identity>> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let keys = KEY.get_or_init(|| vec![Identity::generate().unwrap()]);
    // Random bytes cannot carry a valid MAC for a key made in this run.
    assert!(seal::open(keys, data).is_err());
    let _ = open_sealed(keys, data, std::io::sink());
});
