//! The pledge flow through the real app (egui_kittest), tapping the
//! on-screen keys as a visitor would, down to the row in SQLite.

#![allow(
    clippy::unwrap_used,
    reason = "helpers of tests: a failed step should panic"
)]

mod common;

use common::kiosk::{self, LANDSCAPE, PORTRAIT, button, kiosk_in, settle, type_on_keys};
use egui::Role;
use egui_kittest::{Harness, kittest::Queryable};
use storykiosk::{
    app::KioskApp,
    content::Frequency,
    pledge::{Status, Store, store::STORE_FILE},
    screens::{ScreenId, pledge::Step},
};

type H = Harness<'static, KioskApp>;

fn to_pledge_form(h: &mut H) {
    h.get_by_label("Touch the screen to begin").click();
    settle(h);
    button(h, "Pledge");
}

fn tap_field(h: &mut H, label: &str) {
    kiosk::press(h, Role::TextInput, label);
}

/// Fills the details step: name and email typed on the keyboard, phone on
/// the keypad, one consent ticked.
fn fill_details(h: &mut H) {
    tap_field(h, "Name");
    type_on_keys(h, "Chan Tai Man");
    button(h, "Done");
    tap_field(h, "Email");
    type_on_keys(h, "tai@example.hk");
    button(h, "Done");
    tap_field(h, "Phone (optional)");
    for key in ["+", "8", "5", "2", "9", "1", "2", "3", "4", "5", "6", "7"] {
        button(h, key);
    }
    button(h, "Done");
    tick(h, "Send me occasional email updates about IJM's work.");
}

/// Ticks the check box named `label`, scrolling it into view first.
fn tick(h: &mut H, label: &str) {
    kiosk::press(h, Role::CheckBox, label);
}

/// From the details step: review, confirm, and find the pledge refused
/// with the staff message, never a thank-you.
fn confirm_expecting_the_staff_message(h: &mut H) {
    button(h, "Next");
    button(h, "Confirm my pledge");
    wait_for_thanks(h);
    assert!(matches!(h.state().visitor().pledge.step, Step::Failed(_)));
    h.get_by_label("Please ask a member of staff");
    assert!(
        h.query_by_label_contains("Thank you").is_none(),
        "never a false thank-you"
    );
}

fn wait_for_thanks(h: &mut H) {
    kiosk::wait_for_store(h);
}

#[test]
fn preset_typed_details_consent_confirm_thanks_and_the_row_is_right() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = kiosk_in(dir.path(), LANDSCAPE);
    to_pledge_form(&mut h);
    button(&mut h, "HK$1,000");
    button(&mut h, "Every month");
    button(&mut h, "Next");
    assert_eq!(h.state().visitor().pledge.step, Step::Details);
    h.get_by_label("How we use your details");
    fill_details(&mut h);
    h.snapshot("pledge-details-1920x1080");
    button(&mut h, "Next");
    assert_eq!(h.state().visitor().pledge.step, Step::Review);
    h.get_by_label("HK$1,000 every month");
    h.get_by_label("Name: Chan Tai Man");
    h.snapshot("pledge-review-1920x1080");
    // Nothing of the donor's is on disk before they confirm.
    let store = Store::open_read_only(&dir.path().join(STORE_FILE)).unwrap();
    assert!(store.all(None).unwrap().is_empty());
    drop(store);
    button(&mut h, "Confirm my pledge");
    wait_for_thanks(&mut h);
    h.get_by_label("Thank you, Chan!");
    h.get_by_label_contains("HK$1,000");
    // The reference (in the text and the QR code) differs on every run.
    let qr = h
        .get_by_role_and_label(Role::Image, "QR code for the online giving page")
        .rect();
    let body = h.get_by_label_contains("Your reference is").rect();
    h.mask(qr);
    h.mask(body);
    h.snapshot("pledge-thanks-1920x1080");

    let store = Store::open_in(dir.path()).unwrap();
    let rows = store.all(None).unwrap();
    assert_eq!(rows.len(), 1);
    let row = &rows[0];
    assert_eq!(
        (row.amount_minor, row.currency.as_str(), row.frequency),
        (100_000, "HKD", Frequency::Monthly)
    );
    assert_eq!(row.name.as_deref(), Some("Chan Tai Man"));
    assert_eq!(row.email.as_deref(), Some("tai@example.hk"));
    assert_eq!(row.phone.as_deref(), Some("+85291234567"));
    assert_eq!(row.dedication, None);
    assert!(!row.anonymous);
    assert_eq!(row.consents, ["email_updates"]);
    assert_eq!(
        (row.kiosk_id.as_str(), row.event_id.as_str()),
        ("door-1", "gala-2026")
    );
    assert_eq!(
        (
            row.pack_id.as_str(),
            row.pack_version.as_str(),
            row.locale.as_str()
        ),
        ("ijm-hk-25", "1.0.0", "en")
    );
    assert_eq!(row.statement_version, "2026-11");
    assert_eq!(row.status, Status::Pending);
    h.get_by_label_contains(&row.reference);

    // The thank-you times out to the attract loop, and the details are gone.
    kiosk::advance(&mut h, 31.0);
    h.run();
    let v = h.state().visitor();
    assert_eq!(v.screen, ScreenId::Attract);
    assert!(v.pledge.draft.name.is_empty() && v.pledge.draft.email.is_empty());
}

#[test]
fn other_amount_on_the_keypad_within_the_bounds() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = kiosk_in(dir.path(), PORTRAIT);
    to_pledge_form(&mut h);
    button(&mut h, "Other amount");
    for d in ["2", "5"] {
        button(&mut h, d);
    }
    h.snapshot("pledge-amount-other-1080x1920");
    // HK$25 is below the HK$50 minimum: an inline message, nothing lost.
    button(&mut h, "Next");
    h.get_by_label("The smallest pledge is HK$50.");
    assert_eq!(h.state().visitor().pledge.step, Step::Amount);
    button(&mut h, "0");
    assert_eq!(h.state().visitor().pledge.draft.amount_minor, Some(25_000));
    button(&mut h, "Next");
    assert_eq!(h.state().visitor().pledge.step, Step::Details);
    fill_details(&mut h);
    button(&mut h, "Next");
    h.get_by_label("HK$250, once");
    button(&mut h, "Confirm my pledge");
    wait_for_thanks(&mut h);
    let rows = Store::open_in(dir.path()).unwrap().all(None).unwrap();
    assert_eq!(rows[0].amount_minor, 25_000);
    assert_eq!(rows[0].frequency, Frequency::OneTime);
}

#[test]
fn an_unusable_data_dir_shows_the_staff_message_and_keeps_what_was_typed() {
    let dir = tempfile::tempdir().unwrap();
    // A data folder that cannot be created: its parent is a file.
    std::fs::write(dir.path().join("not-a-folder"), b"").unwrap();
    let data = dir.path().join("not-a-folder/data");
    let mut h = kiosk_in(&data, LANDSCAPE);
    to_pledge_form(&mut h);
    button(&mut h, "HK$300");
    button(&mut h, "Next");
    fill_details(&mut h);
    confirm_expecting_the_staff_message(&mut h);
    h.snapshot("pledge-failed-1920x1080");
    assert!(!data.exists(), "nothing was written");
    // The kiosk keeps running and the typed data stays for staff to retry.
    button(&mut h, "Change");
    h.get_by_label("Name: Chan Tai Man");
    assert_eq!(h.state().visitor().pledge.draft.email, "tai@example.hk");
}

#[test]
fn the_idle_reset_clears_every_field() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = kiosk_in(dir.path(), LANDSCAPE);
    to_pledge_form(&mut h);
    button(&mut h, "HK$500");
    button(&mut h, "Next");
    fill_details(&mut h);
    tick(&mut h, "Give anonymously: keep my name off public screens");
    assert!(!h.state().visitor().pledge.draft.name.is_empty());
    kiosk::advance(&mut h, 101.0);
    h.run();
    let v = h.state().visitor();
    assert_eq!(v.screen, ScreenId::Attract);
    assert_eq!(
        v.pledge.draft,
        storykiosk::pledge::PledgeDraft {
            frequency: Some(Frequency::OneTime),
            ..Default::default()
        }
    );
    assert_eq!(v.pledge.step, Step::Amount);
    // The next visitor sees an empty form.
    h.get_by_label("Touch the screen to begin").click();
    settle(&mut h);
    button(&mut h, "Pledge");
    button(&mut h, "HK$500");
    button(&mut h, "Next");
    assert_eq!(
        h.get_by_role_and_label(Role::TextInput, "Name")
            .value()
            .as_deref(),
        Some("")
    );
    assert!(h.query_by_label_contains("Chan").is_none());
}

#[test]
fn admin_totals_and_export_after_a_pledge() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = kiosk_in(dir.path(), LANDSCAPE);
    to_pledge_form(&mut h);
    button(&mut h, "HK$3,000");
    button(&mut h, "Next");
    fill_details(&mut h);
    button(&mut h, "Next");
    button(&mut h, "Confirm my pledge");
    wait_for_thanks(&mut h);
    button(&mut h, "Done");
    for _ in 0..5 {
        kiosk::tap(&mut h, egui::Pos2::new(20.0, 20.0));
    }
    settle(&mut h);
    for d in "2468".chars() {
        button(&mut h, &d.to_string());
    }
    button(&mut h, "Enter");
    settle(&mut h);
    assert!(h.state().admin_open());
    kiosk::step_until(&mut h, "the totals", |h| {
        h.query_by_label_contains("Today: 1 pledges").is_some()
    });
    h.get_by_label("Today: 1 pledges, HK$3,000");
    h.get_by_label("Event gala-2026: 1 pledges, HK$3,000");
    h.get_by_label_contains("C*** T** M**");
    assert!(
        h.query_by_label_contains("Chan Tai Man").is_none(),
        "names are masked"
    );
    h.get_all_by_role_and_label(Role::Button, "All pledges")
        .last()
        .unwrap()
        .click();
    kiosk::step_until(&mut h, "the export", |h| {
        h.query_by_label_contains("Wrote 1 pledges").is_some()
    });
    h.get_by_label_contains("Wrote 1 pledges to");
    let exports: Vec<_> = std::fs::read_dir(dir.path().join("exports"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(exports.len(), 1);
    let csv = std::fs::read_to_string(&exports[0]).unwrap();
    assert_eq!(csv.lines().count(), 2);
    assert!(csv.contains("Chan Tai Man") && csv.contains("300000"));
}

#[test]
fn the_keyboard_types_capitals_symbols_and_a_physical_keyboard_works_too() {
    let mut snapshots = egui_kittest::SnapshotResults::new();
    for (size, tag) in [(LANDSCAPE, "1920x1080"), (PORTRAIT, "1080x1920")] {
        let dir = tempfile::tempdir().unwrap();
        let mut h = kiosk_in(dir.path(), size);
        to_pledge_form(&mut h);
        button(&mut h, "HK$500");
        button(&mut h, "Next");
        tap_field(&mut h, "Email");
        button(&mut h, "Caps Lock");
        type_on_keys(&mut h, "AB");
        button(&mut h, "Caps Lock");
        type_on_keys(&mut h, "c9@x.");
        button(&mut h, ".com");
        button(&mut h, "Backspace");
        assert_eq!(h.state().visitor().pledge.draft.email, "ABc9@x..co");
        h.snapshot(format!("pledge-keyboard-{tag}"));
        // A physical keyboard, and a paste with control characters.
        h.event(egui::Event::Text("z".into()));
        h.event(egui::Event::Paste("\u{1b}[0m\tq".into()));
        h.run();
        assert_eq!(h.state().visitor().pledge.draft.email, "ABc9@x..coz[0mq");
        snapshots.extend_harness(&mut h);
    }
    snapshots.unwrap();
}

#[test]
fn sealed_kiosk_thanks_by_first_name_from_memory_and_stores_no_details() {
    use storykiosk::pledge::seal::Identity;
    let dir = tempfile::tempdir().unwrap();
    let office = Identity::generate().unwrap();
    let mut h = kiosk::kiosk_configured(dir.path(), LANDSCAPE, |c| {
        c.seal_to = Some(office.recipient().to_string());
    });
    to_pledge_form(&mut h);
    button(&mut h, "HK$1,000");
    button(&mut h, "Next");
    fill_details(&mut h);
    tick(&mut h, "Show my first name on tonight's thank-you screen.");
    button(&mut h, "Next");
    button(&mut h, "Confirm my pledge");
    wait_for_thanks(&mut h);
    h.get_by_label("Thank you, Chan!");

    let rows = Store::open_in(dir.path()).unwrap().all(None).unwrap();
    let row = &rows[0];
    assert_eq!(
        (row.name.as_ref(), row.email.as_ref(), row.phone.as_ref()),
        (None, None, None)
    );
    assert_eq!(row.public_name.as_deref(), Some("Chan"));
    assert_eq!(row.consents, ["email_updates", "thank_publicly"]);
    let details = storykiosk::pledge::store::SealedDetails::from_bytes(
        &storykiosk::pledge::seal::open(&[office], row.sealed.as_deref().unwrap()).unwrap(),
    )
    .unwrap();
    assert_eq!(details.name.as_deref(), Some("Chan Tai Man"));
    assert_eq!(details.phone.as_deref(), Some("+85291234567"));
    let total =
        storykiosk::pledge::total::read(dir.path(), "gala-2026", "HKD", Some("thank_publicly"))
            .unwrap();
    assert_eq!(
        (total.stats.event_count, total.names.as_slice()),
        (1, &["Chan".to_owned()][..])
    );
}

/// A visitor pledges and is asked to see staff; nothing more than the
/// `stored` pledges already there is stored, what they typed stays, and
/// staff open their screen (which the caller reads).
fn a_pledge_is_refused_and_staff_open_their_screen(
    h: &mut H,
    dir: &std::path::Path,
    stored: usize,
) {
    to_pledge_form(h);
    button(h, "HK$300");
    button(h, "Next");
    fill_details(h);
    confirm_expecting_the_staff_message(h);
    let rows = Store::open_in(dir).unwrap().all(None).unwrap();
    assert_eq!(rows.len(), stored, "a pledge was stored in the clear");
    // The typed details stay for staff; the admin screen names the cause.
    button(h, "Change");
    h.get_by_label("Name: Chan Tai Man");
    kiosk::corner_taps(h, 5);
    kiosk::enter_pin(h, "2468");
    assert!(h.state().admin_open());
}

#[test]
fn a_seal_key_that_is_not_a_key_takes_no_pledge_and_tells_staff() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = kiosk::kiosk_configured(dir.path(), LANDSCAPE, |c| {
        c.seal_to = Some("age1 pasted badly".to_owned());
    });
    a_pledge_is_refused_and_staff_open_their_screen(&mut h, dir.path(), 0);
    h.get_by_label_contains(
        "Pledges are switched off: the kiosk settings cannot be used (seal_to:",
    );
}

/// The thank-you's QR code decodes, from the rendered screen, to the
/// online giving link with this pledge's reference, on the bundled light
/// theme and on a dark one (where it stays black on white).
#[test]
fn the_qr_code_decodes_on_a_light_and_a_dark_theme() {
    use storykiosk::content::{Color, LoadReport};
    let bundled = storykiosk::content::load_or_bundled(None).unwrap().pack;
    let mut dark = (*bundled).clone();
    let hex = |s: &str| Color::try_from(s.to_owned()).unwrap();
    let p = &mut dark.theme.palette;
    p.background = hex("#101418");
    p.surface = hex("#1E252C");
    p.text = hex("#F2F2F2");
    p.text_muted = hex("#B8C0C8");
    p.accent = hex("#7FC8FF");
    p.on_accent = hex("#0A1A28");
    for (tag, pack) in [("light", bundled), ("dark", std::sync::Arc::new(dark))] {
        let dir = tempfile::tempdir().unwrap();
        let mut config = storykiosk::config::KioskConfig {
            kiosk_id: "door-1".into(),
            event_id: "gala-2026".into(),
            ..Default::default()
        };
        config.set_pin("2468").unwrap();
        let report = LoadReport {
            pack,
            requested: None,
            problems: Vec::new(),
            fell_back: false,
        };
        let mut h = kiosk::harness_in(
            LANDSCAPE,
            storykiosk::screens::Mode::Kiosk,
            config,
            report,
            dir.path().to_path_buf(),
        );
        settle(&mut h);
        to_pledge_form(&mut h);
        button(&mut h, "HK$500");
        button(&mut h, "Next");
        tap_field(&mut h, "Name");
        type_on_keys(&mut h, "Lee");
        button(&mut h, "Done");
        tap_field(&mut h, "Email");
        type_on_keys(&mut h, "lee@example.hk");
        button(&mut h, "Done");
        button(&mut h, "Next");
        button(&mut h, "Confirm my pledge");
        wait_for_thanks(&mut h);
        let Step::Thanks(thanks) = &h.state().visitor().pledge.step else {
            panic!("{tag}: no thank-you");
        };
        let expected = format!("https://www.ijm.org.hk/donate?ref={}", thanks.reference);
        let image = h.render().unwrap();
        // Kept for a look: target/tmp/thanks-qr-{light,dark}.png.
        image
            .save(
                std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
                    .join(format!("thanks-qr-{tag}.png")),
            )
            .unwrap();
        let codes = common::qr_codes(image::DynamicImage::ImageRgba8(image).to_luma8());
        assert_eq!(codes, [expected], "{tag} theme");
    }
}

/// Names with accents are typed on the keyboard as on a phone: hold a key,
/// then tap one of the letters that open above it, or slide onto one and
/// lift. The bundled pack's English offers the letters CLDR lists for
/// names and borrowed words (é, è, ç, ñ, ú among them).
#[test]
fn accented_names_are_typed_by_holding_a_key() {
    let mut snapshots = egui_kittest::SnapshotResults::new();
    for (size, tag) in [(LANDSCAPE, "1920x1080"), (PORTRAIT, "1080x1920")] {
        let dir = tempfile::tempdir().unwrap();
        let mut h = kiosk_in(dir.path(), size);
        to_pledge_form(&mut h);
        button(&mut h, "HK$500");
        button(&mut h, "Next");
        tap_field(&mut h, "Name");
        type_on_keys(&mut h, "Hélène François Núñez");
        assert_eq!(
            h.state().visitor().pledge.draft.name,
            "Hélène François Núñez"
        );
        assert!(!h.state().visitor().pledge.alternatives_open());

        // A tap on a key types its own letter: a short press opens nothing.
        button(&mut h, "Space");
        let e = h.get_by_role_and_label(Role::Button, "e").rect().center();
        kiosk::tap(&mut h, e);
        assert!(h.state().visitor().pledge.draft.name.ends_with(" e"));

        // Hold "e", slide onto "ë" and lift: "ë".
        kiosk::finger_down(&mut h, e);
        kiosk::advance(&mut h, 0.6);
        h.step();
        assert!(h.state().visitor().pledge.alternatives_open());
        h.snapshot(format!("pledge-accents-{tag}"));
        let umlaut = h.get_by_role_and_label(Role::Button, "ë").rect().center();
        kiosk::finger_move(&mut h, egui::pos2((e.x + umlaut.x) / 2.0, umlaut.y));
        kiosk::finger_move(&mut h, umlaut);
        kiosk::finger_up(&mut h, umlaut);
        h.run();
        assert!(
            h.state().visitor().pledge.draft.name.ends_with(" eë"),
            "{}",
            h.state().visitor().pledge.draft.name
        );
        assert!(!h.state().visitor().pledge.alternatives_open());

        // Held, lifted on the key itself: the row stays; a tap elsewhere
        // closes it and types nothing from it.
        kiosk::long_press(&mut h, "a");
        assert!(h.state().visitor().pledge.alternatives_open());
        let before = h.state().visitor().pledge.draft.name.clone();
        let statement = h.get_by_label("How we use your details").rect().center();
        kiosk::tap(&mut h, statement);
        assert!(!h.state().visitor().pledge.alternatives_open());
        assert_eq!(h.state().visitor().pledge.draft.name, before);

        // Capitals: shift, then hold.
        type_on_keys(&mut h, "ÉÇ");
        assert!(h.state().visitor().pledge.draft.name.ends_with("ÉÇ"));

        // A name in Chinese from the computer's input method, on a
        // physical keyboard: the field asks for the input method, and its
        // words are typed.
        h.run();
        assert!(h.output().platform_output.ime.is_some());
        h.event(egui::Event::Ime(egui::ImeEvent::Commit("陳大文".into())));
        h.run();
        assert!(h.state().visitor().pledge.draft.name.ends_with("ÉÇ陳大文"));
        snapshots.extend_harness(&mut h);
    }
    snapshots.unwrap();
}

/// A kiosk whose store holds sealed pledges, started with settings that
/// lost their `seal_to` (a kiosk.ron copied from another kiosk, say), takes
/// no pledge in the clear: the visitor is asked to see staff, nothing is
/// stored, and the staff screen says why and what to run.
#[test]
fn a_store_that_held_sealed_pledges_takes_none_in_the_clear() {
    use storykiosk::{
        content::Pack,
        pledge::{NewPledge, PledgeDraft, seal::Identity},
    };
    let dir = tempfile::tempdir().unwrap();
    let office = Identity::generate().unwrap();
    let earlier = PledgeDraft {
        amount_minor: Some(50_000),
        frequency: Some(Frequency::OneTime),
        name: "Lee Ka Yan".into(),
        email: "lee@example.hk".into(),
        ..PledgeDraft::default()
    }
    .validate(&Pack::bundled().unwrap().pledge)
    .unwrap();
    Store::open_in(dir.path())
        .unwrap()
        .insert(&NewPledge {
            pledge: earlier,
            kiosk_id: "door-1".into(),
            event_id: "gala-2026".into(),
            pack_id: "ijm-hk-25".into(),
            pack_version: "1.0.0".into(),
            locale: "en".into(),
            currency: "HKD".into(),
            currency_exponent: 2,
            seal_to: Some(office.recipient()),
            public_name: None,
        })
        .unwrap();
    let mut h = kiosk::kiosk_configured(dir.path(), LANDSCAPE, |c| c.seal_to = None);
    a_pledge_is_refused_and_staff_open_their_screen(&mut h, dir.path(), 1);
    h.get_by_label_contains("holds sealed pledges");
    h.get_by_label_contains("storykiosk seal-to");
}

/// The PIN pad's lock outlives the app: pulling the plug (or a crash and
/// the service's restart) after five wrong PINs does not give five more.
#[test]
fn the_pin_lock_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = kiosk::kiosk_configured(dir.path(), LANDSCAPE, |_| {});
    kiosk::corner_taps(&mut h, 5);
    for _ in 0..5 {
        kiosk::enter_pin(&mut h, "0000");
    }
    h.get_by_label_contains("Try again in 30 seconds");
    // The count is on disk before the app goes.
    stored_pin_failures(&mut h, dir.path(), 5);
    drop(h);
    let mut h = kiosk::kiosk_configured(dir.path(), LANDSCAPE, |_| {});
    kiosk::corner_taps(&mut h, 5);
    kiosk::enter_pin(&mut h, "2468");
    assert!(!h.state().admin_open(), "a restart unlocked the pad");
    h.get_by_label_contains("Try again in");
    kiosk::advance(&mut h, 31.0);
    kiosk::enter_pin(&mut h, "2468");
    assert!(h.state().admin_open());
    // The right PIN starts the count again, on disk too.
    stored_pin_failures(&mut h, dir.path(), 0);
}

/// Runs the app until the store in `dir` holds `n` wrong PINs.
fn stored_pin_failures(h: &mut H, dir: &std::path::Path, n: u32) {
    kiosk::step_until(h, &format!("{n} wrong PINs stored"), |_| {
        Store::open_in(dir).unwrap().pin_failures().unwrap() == n
    });
}

/// A PIN hash whose argon2 settings would take far more than a second to
/// check on a kiosk (1 GiB, ten passes: a settings file edited by hand, or
/// made for a server) is refused: the pad tells staff to set the PIN again
/// rather than freeze the check for a minute at every try.
#[test]
fn a_pin_hash_too_costly_to_check_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = kiosk::kiosk_configured(dir.path(), LANDSCAPE, |c| {
        c.pin_hash = Some(
            "$argon2id$v=19$m=1048576,t=10,p=4$c29tZXNhbHRzb21lc2FsdA$\
             bWFkZXVwaGFzaG1hZGV1cGhhc2htYWRldXBoYXNoMDA"
                .to_owned(),
        );
    });
    kiosk::corner_taps(&mut h, 5);
    h.get_by_label_contains("storykiosk set-pin");
    assert!(h.query_by_label("Enter").is_none());
}
