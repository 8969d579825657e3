//! Any text typed or pasted into the pledge form's fields: cleaning drops
//! every control character and validation always answers.
#![no_main]

use libfuzzer_sys::fuzz_target;
use storykiosk::{
    content::Pack,
    pledge::draft::{PledgeDraft, clean},
};

fuzz_target!(|text: &str| {
    let cleaned = clean(text);
    assert!(!cleaned.chars().any(char::is_control));
    let Ok(pack) = Pack::bundled() else { return };
    let options = pack.pledge;
    let mut fields = cleaned.splitn(4, '|');
    let draft = PledgeDraft {
        amount_minor: Some(100_000),
        frequency: options.frequencies.first().copied(),
        name: fields.next().unwrap_or_default().to_owned(),
        email: fields.next().unwrap_or_default().to_owned(),
        phone: fields.next().unwrap_or_default().to_owned(),
        dedication: fields.next().unwrap_or_default().to_owned(),
        ..PledgeDraft::default()
    };
    let _ = draft.validate(&options);
});
