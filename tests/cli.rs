//! The staff commands of the binary: `set-pin` stores only a hash.

#![allow(
    clippy::unwrap_used,
    reason = "helpers of tests: a failed step should panic"
)]

use std::{
    io::Write,
    path::Path,
    process::{Command, Stdio},
};

use storykiosk::config::KioskConfig;

fn set_pin(args: &[&str], pin: &str) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_storykiosk"))
        .args(args)
        .arg("set-pin")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{pin}\n").as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn set_pin_writes_an_argon2_hash_into_the_data_dir() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let out = set_pin(&["--data-dir", data.to_str().unwrap()], "2468");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let path = data.join("kiosk.ron");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("$argon2id$") && !text.contains("2468"),
        "{text}"
    );
    let config = KioskConfig::load(&path).unwrap().unwrap();
    assert!(config.verify_pin("2468"));

    // Setting it again keeps the kiosk and event ids.
    let mut edited = config.clone();
    edited.event_id = "gala-2026".to_owned();
    edited.save(&path).unwrap();
    let out = set_pin(&["--config", path.to_str().unwrap()], "97531");
    assert!(out.status.success());
    let config = KioskConfig::load(&path).unwrap().unwrap();
    assert_eq!(config.event_id, "gala-2026");
    assert!(config.verify_pin("97531") && !config.verify_pin("2468"));
}

#[test]
fn set_pin_refuses_a_bad_pin_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    for pin in ["12", "abcd", ""] {
        let out = set_pin(&["--data-dir", dir.path().to_str().unwrap()], pin);
        assert!(!out.status.success(), "{pin:?} was accepted");
        assert!(String::from_utf8_lossy(&out.stderr).contains("4 to 12 digits"));
    }
    assert!(!dir.path().join("kiosk.ron").exists());
}

fn storykiosk(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_storykiosk"))
        .args(args)
        .output()
        .unwrap()
}

/// `storykiosk pledges decrypt --identity IDENTITY INPUT [--out OUT]`.
/// `storykiosk pledges new-key --out KEY`, which must succeed; returns the
/// public key it printed.
fn new_key(key: &Path) -> String {
    let o = storykiosk(&["pledges", "new-key", "--out", key.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout)
        .unwrap()
        .split_whitespace()
        .find(|w| w.starts_with("age1"))
        .unwrap()
        .to_owned()
}

/// `storykiosk pledges export --out CSV --data-dir DATA` with `extra`
/// arguments.
fn export(data: &Path, csv: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["pledges", "export", "--out", csv.to_str().unwrap()];
    args.extend(["--data-dir", data.to_str().unwrap()]);
    args.extend(extra);
    storykiosk(&args)
}

/// `storykiosk pledges export` of every pledge in `data` to `csv`, which
/// must succeed.
fn export_all(data: &Path, csv: &Path) {
    let o = export(data, csv, &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

fn decrypt(identity: &Path, input: &Path, out: Option<&Path>) -> std::process::Output {
    let mut args = vec![
        "pledges",
        "decrypt",
        "--identity",
        identity.to_str().unwrap(),
        input.to_str().unwrap(),
    ];
    if let Some(out) = out {
        args.extend(["--out", out.to_str().unwrap()]);
    }
    storykiosk(&args)
}

#[test]
fn pledges_export_and_stats_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    let out = dir.path().join("empty.csv");

    // No store yet: a header-only CSV, and stats say so.
    let o = export(Path::new(data), &out, &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(std::fs::read_to_string(&out).unwrap().lines().count(), 1);

    for amount in [30_000, 100_000] {
        store_pledge(dir.path(), None, "Wong Siu Ming", amount);
    }
    let all = dir.path().join("all.csv");
    let o = export(Path::new(data), &all, &[]);
    assert!(o.status.success());
    assert_eq!(std::fs::read_to_string(&all).unwrap().lines().count(), 3);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&all).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    // Since the last export: nothing new.
    let new = dir.path().join("new.csv");
    let o = export(Path::new(data), &new, &["--since", "last-export"]);
    assert!(o.status.success());
    assert_eq!(std::fs::read_to_string(&new).unwrap().lines().count(), 1);
    let since = dir.path().join("since.csv");
    let o = export(Path::new(data), &since, &["--since", "2000-01-01"]);
    assert!(o.status.success());
    assert_eq!(std::fs::read_to_string(&since).unwrap().lines().count(), 3);
    // An export never replaces a file: it says so and leaves it.
    let o = export(Path::new(data), &new, &[]);
    assert!(!o.status.success());
    let said = String::from_utf8_lossy(&o.stderr);
    assert!(said.contains("already exists"), "{said}");
    assert_eq!(std::fs::read_to_string(&new).unwrap().lines().count(), 1);
    let o = export(Path::new(data), &new, &["--since", "yesterday-ish"]);
    assert!(!o.status.success());

    let o = stats_in(data, "C.UTF-8");
    assert!(o.contains("event event: 2 pledges, HK$1,300\n"), "{o}");
}

/// `storykiosk pledges stats` for the store in `data`, in a terminal whose
/// language is `lang`.
fn stats_in(data: &str, lang: &str) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_storykiosk"))
        .args(["pledges", "stats", "--data-dir", data])
        .env_remove("LC_ALL")
        .env_remove("LC_NUMERIC")
        .env("LANG", lang)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap()
}

/// Each pledge keeps its currency's exponent: the export writes yen with no
/// decimals and dinars with three, and stats write money as money, each
/// currency on its own, in the terminal's language.
#[test]
fn exports_and_stats_use_each_pledges_own_currency() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    store_pledge(dir.path(), None, "Wong Siu Ming", 130_000);
    store_pledge_in(dir.path(), "JPY", 0, 10_000);
    store_pledge_in(dir.path(), "KWD", 3, 1_250);
    let out = dir.path().join("all.csv");
    let o = export(Path::new(data), &out, &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let csv = std::fs::read_to_string(&out).unwrap();
    for amounts in [
        ",130000,1300.00,HKD,",
        ",10000,10000,JPY,",
        ",1250,1.250,KWD,",
    ] {
        assert!(csv.contains(amounts), "{amounts} in {csv}");
    }
    let en = stats_in(data, "C.UTF-8");
    assert!(
        en.contains("all time: 3 pledges, HK$1,300 (1) + ¥10,000 (1) + KWD\u{a0}1.250 (1)\n"),
        "{en}"
    );
    assert!(en.contains("today: 3 pledges,"), "{en}");
    let fr = stats_in(data, "fr_CA.UTF-8");
    assert!(
        fr.contains(
            "all time: 3 pledges, 1\u{a0}300\u{a0}$\u{a0}HK (1) + 10\u{a0}000\u{a0}¥ (1) + 1,250\u{a0}KWD (1)\n"
        ),
        "{fr}"
    );
}

/// A one-time pledge of `amount_minor` in `currency` (minor units of
/// `exponent` places), made with a pack in that currency.
fn store_pledge_in(dir: &std::path::Path, currency: &str, exponent: u8, amount_minor: u64) {
    use storykiosk::{
        content::{Frequency, Pack},
        pledge::{NewPledge, PledgeDraft, Store},
    };
    let mut options = Pack::bundled().unwrap().pledge;
    options.currency.code = currency.into();
    options.min_minor = 1;
    let pledge = PledgeDraft {
        amount_minor: Some(amount_minor),
        frequency: Some(Frequency::OneTime),
        name: "Sato".into(),
        email: "sato@example.jp".into(),
        ..PledgeDraft::default()
    }
    .validate(&options)
    .unwrap();
    Store::open_in(dir)
        .unwrap()
        .insert(&NewPledge {
            pledge,
            kiosk_id: "k".into(),
            event_id: "event".into(),
            pack_id: "other".into(),
            pack_version: "1.0.0".into(),
            locale: "ja".into(),
            currency: currency.into(),
            currency_exponent: exponent,
            seal_to: None,
            public_name: None,
        })
        .unwrap();
}

/// A monthly pledge of `amount_minor` from `name` (with an email, phone and
/// dedication made from its first word), sealed to `to` if given, in
/// `dir`'s store.
fn store_pledge(dir: &std::path::Path, to: Option<&str>, name: &str, amount_minor: u64) {
    try_store_pledge(dir, to, name, amount_minor).unwrap();
}

/// [`store_pledge`], or why the store refused it.
fn try_store_pledge(
    dir: &std::path::Path,
    to: Option<&str>,
    name: &str,
    amount_minor: u64,
) -> Result<storykiosk::pledge::PledgeRow, storykiosk::pledge::StoreError> {
    let first = name.split(' ').next().unwrap();
    let phone = if first == "Chan" {
        "+85291234567"
    } else {
        "+85261110000"
    };
    use storykiosk::{
        content::{Frequency, Pack},
        pledge::{NewPledge, PledgeDraft, Store},
    };
    let options = Pack::bundled().unwrap().pledge;
    let pledge = PledgeDraft {
        amount_minor: Some(amount_minor),
        frequency: Some(Frequency::Monthly),
        name: name.into(),
        email: format!("{first}@example.hk"),
        phone: phone.into(),
        dedication: format!("=For {first}'s mother"),
        consents: ["thank_publicly".to_owned()].into(),
        ..PledgeDraft::default()
    }
    .validate(&options)
    .unwrap();
    let public_name = pledge.public_first_name(Some("thank_publicly"));
    Store::open_in(dir).unwrap().insert(&NewPledge {
        pledge,
        kiosk_id: "k".into(),
        event_id: "event".into(),
        pack_id: "ijm-hk-25".into(),
        pack_version: "1.0.0".into(),
        locale: "en".into(),
        currency: "HKD".into(),
        currency_exponent: 2,
        seal_to: to.map(|r| r.parse().unwrap()),
        public_name,
    })
}

/// Every file of the store, as bytes: the database and its journal.
fn store_bytes(dir: &std::path::Path) -> Vec<u8> {
    let mut all = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.to_string_lossy().contains("pledges.sqlite") {
            all.extend(std::fs::read(path).unwrap());
        }
    }
    all
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[test]
fn sealed_details_stay_sealed_on_the_kiosk_and_open_at_the_office() {
    let dir = tempfile::tempdir().unwrap();
    let office = dir.path().join("office.key");
    let data = dir.path().join("data");
    let data_arg = data.to_str().unwrap();

    // At the office: a key pair. The secret key file is owner-only, and
    // making it again over the old one is refused.
    let public = new_key(&office);
    let key_text = std::fs::read_to_string(&office).unwrap();
    assert!(key_text.contains("AGE-SECRET-KEY-1") && key_text.contains(&public));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&office).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let again = storykiosk(&["pledges", "new-key", "--out", office.to_str().unwrap()]);
    assert!(!again.status.success());
    assert_eq!(std::fs::read_to_string(&office).unwrap(), key_text);

    // On the kiosk: a wrong key is refused and not saved; the right one is.
    let bad = storykiosk(&["seal-to", "age1notakey", "--data-dir", data_arg]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("not an age public key"));
    assert!(!data.join("kiosk.ron").exists());
    let o = storykiosk(&["seal-to", &public, "--data-dir", data_arg]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let config = KioskConfig::load(&data.join("kiosk.ron")).unwrap().unwrap();
    assert_eq!(config.seal_to.as_deref(), Some(public.as_str()));

    // A pledge made before sealing, and one after.
    store_pledge(&data, None, "Lee Ka Yan", 50_000);
    store_pledge(&data, Some(&public), "Chan Tai Man", 50_000);
    let bytes = store_bytes(&data);
    assert!(contains(&bytes, "Lee Ka Yan"), "the check can see a name");
    for secret in [
        "Chan Tai Man",
        "Chan@example",
        "For Chan's mother",
        "91234567",
    ] {
        assert!(!contains(&bytes, secret), "{secret} is in the store");
    }
    let total =
        storykiosk::pledge::total::read(&data, "event", "HKD", Some("thank_publicly")).unwrap();
    assert_eq!(total.stats.event_count, 2);
    assert_eq!(total.names, ["Chan", "Lee"]);

    // The export carries the sealed details as they are.
    let csv = dir.path().join("export.csv");
    export_all(&data, &csv);
    let exported = std::fs::read_to_string(&csv).unwrap();
    let header = exported.lines().next().unwrap();
    assert!(header.split(',').any(|h| h == "sealed"), "{header}");
    assert!(!exported.contains("Chan Tai Man") && exported.contains("Lee Ka Yan"));
    assert!(
        exported.contains(",YWdlLWVuY3J5cHRpb24ub3JnL3Yx"),
        "{exported}"
    );

    // At the office it opens, with the formula guard on what was sealed.
    let opened = dir.path().join("opened.csv");
    let o = decrypt(&office, &csv, Some(&opened));
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stderr).contains("opened 1 of 2"));
    let text = std::fs::read_to_string(&opened).unwrap();
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header = reader.headers().unwrap().clone();
    let at = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let chan = rows
        .iter()
        .find(|r| r[at("name")].contains("Chan"))
        .unwrap();
    assert_eq!(&chan[at("name")], "Chan Tai Man");
    assert_eq!(&chan[at("email")], "Chan@example.hk");
    assert_eq!(&chan[at("phone")], "'+85291234567");
    assert_eq!(&chan[at("dedication")], "'=For Chan's mother");
    assert_eq!(&chan[at("sealed")], "");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&opened).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    // Another organisation's key opens nothing, and says so; the row is
    // written as it was, not lost.
    let other = dir.path().join("other.key");
    assert!(
        storykiosk(&["pledges", "new-key", "--out", other.to_str().unwrap()])
            .status
            .success()
    );
    let o = decrypt(&other, &csv, None);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("stays sealed") && err.contains("another key"),
        "{err}"
    );
    let stdout = String::from_utf8(o.stdout).unwrap();
    assert!(stdout.contains(",YWdlLWVuY3J5cHRpb24ub3JnL3Yx") && !stdout.contains("Chan Tai Man"));
    // Opening over the export itself is refused, and the export is intact.
    let o = decrypt(&office, &csv, Some(&csv));
    assert!(!o.status.success());
    assert_eq!(std::fs::read_to_string(&csv).unwrap(), exported);
    // Not an identity file at all.
    let o = decrypt(&csv, &csv, None);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("AGE-SECRET-KEY-1"));
}

/// `age` and `age-keygen` (Debian package `age`), the reference tools the
/// office may use instead: required on CI, skipped elsewhere if missing.
fn age_tools() -> bool {
    let found = Command::new("age").arg("--version").output().is_ok()
        && Command::new("age-keygen").arg("--version").output().is_ok();
    if !found {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI needs the age tools (apt-get install age)"
        );
        eprintln!("skipped: age and age-keygen are not installed");
    }
    found
}

#[test]
fn sealed_files_interoperate_with_the_age_tools() {
    use storykiosk::pledge::seal::{self, Identity, Recipient};
    if !age_tools() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let key = dir.path().join("key.txt");
    let o = Command::new("age-keygen")
        .arg("-o")
        .arg(&key)
        .output()
        .unwrap();
    assert!(o.status.success());
    let keys = Identity::parse_file(&std::fs::read_to_string(&key).unwrap()).unwrap();
    let recipient: Recipient = keys[0].recipient().to_string().parse().unwrap();

    // Ours, opened by age: sizes around the 64 KiB chunk edge.
    for size in [0usize, 5, 65_536, 65_537, 200_000] {
        let text: Vec<u8> = (0..size)
            .map(|i| b"Chan Tai Man \xe9\x99\xb3 "[i % 17])
            .collect();
        let sealed = dir.path().join(format!("ours-{size}.age"));
        std::fs::write(&sealed, seal::seal(&recipient, &text).unwrap()).unwrap();
        let o = Command::new("age")
            .arg("-d")
            .arg("-i")
            .arg(&key)
            .arg(&sealed)
            .output()
            .unwrap();
        assert!(
            o.status.success(),
            "{size}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert_eq!(o.stdout, text, "{size}");
    }

    // age's, opened by ours, and a file with two recipients.
    let other = Identity::generate().unwrap();
    let plain = dir.path().join("plain.txt");
    std::fs::write(&plain, "Wong Siu Ming, sm@example.hk").unwrap();
    let theirs = dir.path().join("theirs.age");
    let o = Command::new("age")
        .args([
            "-r",
            &other.recipient().to_string(),
            "-r",
            &recipient.to_string(),
            "-o",
        ])
        .arg(&theirs)
        .arg(&plain)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let file = std::fs::read(&theirs).unwrap();
    assert_eq!(
        seal::open(&keys, &file).unwrap().as_slice(),
        b"Wong Siu Ming, sm@example.hk"
    );
    assert_eq!(
        seal::open(std::slice::from_ref(&other), &file)
            .unwrap()
            .as_slice(),
        b"Wong Siu Ming, sm@example.hk"
    );
    assert_eq!(
        seal::open(&[Identity::generate().unwrap()], &file).unwrap_err(),
        seal::SealError::NotForThisKey
    );

    // Our key file, read by age.
    let ours = dir.path().join("ours.key");
    let mine = Identity::generate().unwrap();
    std::fs::write(&ours, format!("{}\n", *mine.to_secret_string())).unwrap();
    let sealed = dir.path().join("to-mine.age");
    std::fs::write(&sealed, seal::seal(&mine.recipient(), b"ok").unwrap()).unwrap();
    let o = Command::new("age")
        .arg("-d")
        .arg("-i")
        .arg(&ours)
        .arg(&sealed)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(o.stdout, b"ok");
}

/// The systemd unit and the session script set the allocator setting
/// themselves, and the binary restarts itself with it only when nothing set
/// it: all three must say the same, or the deployed kiosk would run with
/// whatever the packaging says.
#[test]
fn the_packaging_sets_the_allocator_setting_the_binary_uses() {
    let wanted = format!("GLIBC_TUNABLES={}", storykiosk::cli::GLIBC_TUNABLES);
    for file in [
        "packaging/storykiosk.service",
        "packaging/storykiosk-session",
    ] {
        let text =
            std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(file))
                .unwrap();
        assert!(text.contains(&wanted), "{file} should set {wanted}");
    }
}

/// `seal-to` on a kiosk that already stored details in the clear seals
/// them too, and SQLite forgets the clear pages; `seal-off` turns sealing
/// off only when asked by name, and says what that means.
#[test]
fn seal_to_seals_what_was_stored_before_and_seal_off_says_what_it_does() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let data_arg = data.to_str().unwrap();
    let office = dir.path().join("office.key");
    let public = new_key(&office);
    store_pledge(&data, None, "Lee Ka Yan", 50_000);
    store_pledge(&data, None, "Chan Tai Man", 20_000);
    assert!(contains(&store_bytes(&data), "Lee Ka Yan"));

    let o = storykiosk(&["seal-to", &public, "--data-dir", data_arg]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let said = String::from_utf8_lossy(&o.stdout);
    assert!(said.contains("sealed the details of 2 pledge(s)"), "{said}");
    let bytes = store_bytes(&data);
    for secret in ["Lee Ka Yan", "Lee@example", "Chan Tai Man", "91234567"] {
        assert!(!contains(&bytes, secret), "{secret} is still in the store");
    }
    // At the office they open, each in its own row.
    let csv = dir.path().join("export.csv");
    export_all(&data, &csv);
    let o = decrypt(&office, &csv, None);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let opened = String::from_utf8(o.stdout).unwrap();
    assert!(opened.contains("Lee Ka Yan") && opened.contains("Chan Tai Man"));

    // Without the key in the settings, the store still refuses the clear.
    let config_path = data.join("kiosk.ron");
    let mut config = KioskConfig::load(&config_path).unwrap().unwrap();
    config.seal_to = None;
    config.save(&config_path).unwrap();
    let refused = try_store_pledge(&data, None, "Wong Siu Ming", 10_000).unwrap_err();
    assert!(refused.to_string().contains("seal-off"), "{refused}");
    // Turning it off is a command of its own, which says what it does.
    let o = storykiosk(&["seal-off", "--data-dir", data_arg]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let said = String::from_utf8_lossy(&o.stdout);
    assert!(said.contains("readable by anyone"), "{said}");
    store_pledge(&data, None, "Wong Siu Ming", 10_000);
}

/// The mode of `path`'s permission bits.
fn mode_of(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// Files copied in with modes others can read (a store restored from a
/// backup, a settings file copied from another kiosk, a data folder made by
/// hand) are made owner-only at start, with a line in the log; a folder
/// the kiosk makes is owner-only from the start, and so is every file.
#[test]
fn data_readable_by_others_is_made_private_at_start_and_said() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("made/by/the/kiosk");
    store_pledge(&data, None, "Lee Ka Yan", 50_000);
    assert_eq!(mode_of(&data), 0o700);
    for file in ["pledges.sqlite", "pledges.sqlite-wal"] {
        if data.join(file).exists() {
            assert_eq!(mode_of(&data.join(file)), 0o600, "{file}");
        }
    }
    // Made wider by hand, or copied in so.
    let wide = |path: &Path, mode: u32| {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
    };
    wide(&data, 0o755);
    wide(&data.join("pledges.sqlite"), 0o644);
    let o = storykiosk(&["pledges", "stats", "--data-dir", data.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let said = String::from_utf8_lossy(&o.stderr);
    assert!(said.contains("readable by others"), "{said}");
    assert_eq!(mode_of(&data), 0o700);
    assert_eq!(mode_of(&data.join("pledges.sqlite")), 0o600);

    // A settings file whose last write left its temporary file behind,
    // readable by others: the next write is owner-only all the same.
    let config = data.join("kiosk.ron");
    std::fs::write(data.join("kiosk.ron.tmp"), "(half").unwrap();
    wide(&data.join("kiosk.ron.tmp"), 0o644);
    KioskConfig::default().save(&config).unwrap();
    assert_eq!(mode_of(&config), 0o600);
    assert!(!data.join("kiosk.ron.tmp").exists());
}
