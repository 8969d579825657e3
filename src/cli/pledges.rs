//! `storykiosk pledges`: list, total and export the store's pledges, and
//! open sealed details with the organisation's key.

use std::path::Path;

use super::{Cli, PledgesCommand, config_path, data_dir};
use crate::{config::KioskConfig, content, pledge::store::Since};

/// Parses `--since`: a date (local midnight), an RFC 3339 time, or
/// "last-export" (the pledges stored after the last export, whatever the
/// clock said).
fn parse_since(since: &str, store: &crate::pledge::Store) -> anyhow::Result<Since> {
    if since == "last-export" {
        return Ok(store.last_export()?.map_or(Since::Start, Since::Export));
    }
    parse_time(since)
        .map(Since::Time)
        .map_err(|e| anyhow::anyhow!("{e}, or last-export"))
}

/// Parses a `--since` time: an RFC 3339 time, or a date (local midnight).
pub(super) fn parse_time(since: &str) -> anyhow::Result<chrono::DateTime<chrono::Utc>> {
    use chrono::{DateTime, Local, NaiveDate, Utc};
    if let Ok(t) = DateTime::parse_from_rfc3339(since) {
        return Ok(t.with_timezone(&Utc));
    }
    let date = NaiveDate::parse_from_str(since, "%Y-%m-%d").map_err(|_| {
        anyhow::anyhow!(
            "--since {since:?}: give a date like 2026-11-26, a time like 2026-11-26T19:30:00+08:00"
        )
    })?;
    let midnight = date
        .and_hms_opt(0, 0, 0)
        .and_then(|m| m.and_local_timezone(Local).earliest())
        .ok_or_else(|| anyhow::anyhow!("--since {since:?}: no such local time"))?;
    Ok(midnight.with_timezone(&Utc))
}

pub(super) fn pledges(cli: &Cli, command: &PledgesCommand) -> anyhow::Result<()> {
    use crate::pledge::{Store, export, store::STORE_FILE, worker::local_day_start};
    // At the office: neither needs a store.
    match command {
        PledgesCommand::Decrypt {
            identity,
            input,
            out,
        } => return decrypt(identity, input, out.as_deref()),
        PledgesCommand::NewKey { out } => return new_key(out),
        PledgesCommand::Export { .. } | PledgesCommand::Stats { .. } => {}
    }
    let dir = data_dir(cli)?;
    let path = dir.join(STORE_FILE);
    if !path.exists() {
        eprintln!(
            "storykiosk: no pledges have been stored in {} yet",
            dir.display()
        );
        if let PledgesCommand::Export { out, .. } = command {
            // No store is an empty store: the header alone.
            let (folder, name) = export::split(out);
            export::write_new(folder, &[name], |file| {
                export::write_csv(file, &[]).map_err(std::io::Error::other)
            })
            .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", out.display()))?;
            println!("wrote 0 pledge(s) to {}", out.display());
        }
        return Ok(());
    }
    let store = Store::open(&path)?;
    match command {
        PledgesCommand::Export { out, since } => {
            let since = match since {
                Some(s) => parse_since(s, &store)?,
                None => Since::Start,
            };
            let (rows, last) = export::export_to(&store, out, &since)?;
            if let Some(last) = last {
                store.record_export(&last, rows, &out.display().to_string())?;
            }
            println!("wrote {rows} pledge(s) to {}", out.display());
        }
        PledgesCommand::Stats { event } => {
            let config = KioskConfig::load(&config_path(cli)?)?.unwrap_or_default();
            let event = event.clone().unwrap_or(config.event_id);
            let locale = terminal_locale();
            for (what, totals) in [
                (
                    "today".to_owned(),
                    store.totals(Some(local_day_start()), None)?,
                ),
                (format!("event {event}"), store.totals(None, Some(&event))?),
                ("all time".to_owned(), store.totals(None, None)?),
            ] {
                println!("{what}: {}", money_totals(&totals, locale.as_ref()));
            }
            if let Some(last) = store.last_export()? {
                println!(
                    "last export covered the first {} pledge(s) stored{}",
                    last.up_to_seq,
                    last.up_to
                        .map(|t| format!(", the last made at {}", t.to_rfc3339()))
                        .unwrap_or_default()
                );
            }
        }
        PledgesCommand::Decrypt { .. } | PledgesCommand::NewKey { .. } => {}
    }
    Ok(())
}

/// The language of the terminal (`LC_ALL`, `LC_NUMERIC` or `LANG`, such as
/// `fr_CA.UTF-8`), for writing numbers and money to staff; English (the
/// language of every other message here) for the C locale or one that is
/// not a language tag.
fn terminal_locale() -> Option<icu_locale::Locale> {
    ["LC_ALL", "LC_NUMERIC", "LANG"]
        .into_iter()
        .filter_map(std::env::var_os)
        .map(|v| v.to_string_lossy().into_owned())
        .find(|v| !v.is_empty())
        .and_then(|v| {
            let tag = v
                .split(['.', '@'])
                .next()
                .unwrap_or_default()
                .replace('_', "-");
            (tag != "C" && tag != "POSIX")
                .then(|| content::format::cldr_locale(&tag, None))
                .flatten()
        })
        .or_else(|| content::format::cldr_locale("en", None))
}

/// Counts and sums of pledges as staff read them: "3 pledges, HK$1,500",
/// each currency on its own when a store holds more than one.
fn money_totals(
    totals: &[crate::pledge::store::CurrencyTotal],
    locale: Option<&icu_locale::Locale>,
) -> String {
    let count: u64 = totals.iter().map(|t| t.count).sum();
    let number = content::format::LocaleFormats::new(
        locale,
        &content::Currency {
            code: "XXX".to_owned(),
            symbol: None,
            exponent: None,
        },
        None,
    );
    let mut out = format!(
        "{} pledge{}",
        number.number(count),
        if count == 1 { "" } else { "s" }
    );
    for (i, t) in totals.iter().enumerate() {
        let currency = content::Currency {
            code: t.currency.clone(),
            symbol: None,
            exponent: Some(t.exponent),
        };
        let money = content::format::LocaleFormats::new(locale, &currency, None)
            .money_with_exponent(t.sum_minor, t.exponent);
        out.push_str(if i == 0 { ", " } else { " + " });
        out.push_str(&money);
        if totals.len() > 1 {
            out.push_str(&format!(" ({})", number.number(t.count)));
        }
    }
    out
}

fn new_key(out: &Path) -> anyhow::Result<()> {
    use std::io::Write;
    let identity = crate::pledge::seal::Identity::generate()?;
    let recipient = identity.recipient();
    let mut file = crate::owner_only::new_file_options()
        .open(out)
        .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", out.display()))?;
    let text = zeroize::Zeroizing::new(format!(
        "# created: {}\n# public key: {recipient}\n{}\n",
        chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        *identity.to_secret_string()
    ));
    file.write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", out.display()))?;
    println!("public key: {recipient}");
    println!(
        "The secret key is in {}: keep it at the office, never on a kiosk. \
         On each kiosk run: storykiosk seal-to {recipient}",
        out.display()
    );
    Ok(())
}

/// `storykiosk pledges decrypt`: an error if any row stayed sealed.
fn decrypt(identity: &Path, input: &Path, out: Option<&Path>) -> anyhow::Result<()> {
    use crate::pledge::{export, seal::Identity};
    let text = zeroize::Zeroizing::new(
        std::fs::read_to_string(identity)
            .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", identity.display()))?,
    );
    let keys = Identity::parse_file(&text)?;
    if let Some(path) = out
        && std::fs::canonicalize(path)
            .ok()
            .is_some_and(|p| std::fs::canonicalize(input).is_ok_and(|i| i == p))
    {
        // Writing would empty the export before it is read.
        anyhow::bail!(
            "--out {} is the export being opened; name another file",
            path.display()
        );
    }
    let reader = std::fs::File::open(input)
        .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", input.display()))?;
    let opened = match out {
        Some(path) => {
            let write_err =
                |e: std::io::Error| anyhow::anyhow!("cannot write {}: {e}", path.display());
            let (folder, name) = export::split(path);
            // Nothing is written for an input that is not an export; the
            // reason is the input's, not the output's.
            let mut opened = Err(export::OpenError::NotAnExport(String::new()));
            let written = export::write_new(folder, &[name], |file| {
                opened = export::open_sealed(&keys, reader, file);
                match &opened {
                    Ok(_) => Ok(()),
                    Err(e) => Err(std::io::Error::other(e.to_string())),
                }
            });
            let opened = opened?;
            written.map_err(write_err)?;
            opened
        }
        None => export::open_sealed(&keys, reader, std::io::stdout().lock())?,
    };
    for (reference, why) in &opened.failed {
        eprintln!("storykiosk: pledge {reference} stays sealed: {why}");
    }
    eprintln!(
        "opened {} of {} pledge(s){}",
        opened.opened,
        opened.rows,
        out.map(|p| format!(", written to {}", p.display()))
            .unwrap_or_default()
    );
    if opened.failed.is_empty() {
        Ok(())
    } else {
        anyhow::bail!(
            "{} pledge(s) stay sealed (written as they were)",
            opened.failed.len()
        )
    }
}
