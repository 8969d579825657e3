//! `storykiosk hub ...`: setting up the gala hub (PostgreSQL) at the office
//! or on the staff laptop, and joining a kiosk to it.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Local, Utc};
use clap::{Args, Subcommand};

use super::{Cli, config_path, data_dir};
use crate::{
    config::KioskConfig,
    hub::{self, HubLink, admin},
    pledge::export,
};

/// `storykiosk hub ...`
#[derive(Debug, Subcommand)]
pub enum HubCommand {
    /// Create the hub's schema (or bring it up to date) in an existing
    /// PostgreSQL database, and the kiosks' group role. Run it as the
    /// database's owner, such as
    /// postgresql://postgres@/gala?host=/var/run/postgresql.
    Init {
        /// The database, as a PostgreSQL URL.
        url: String,
        /// Check the hub's TLS certificate against this CA file.
        #[arg(long, value_name = "FILE")]
        ca: Option<PathBuf>,
    },
    /// Make a login for one kiosk, with a random password, and print the
    /// line to give `storykiosk hub join` on that kiosk.
    AddKiosk {
        /// The kiosk's name: lowercase letters, digits and hyphens.
        name: String,
        /// The hub's address as kiosks reach it (HOST or HOST:PORT); by
        /// default the host and port of --url.
        #[arg(long, value_name = "HOST[:PORT]")]
        host: Option<String>,
        /// How to reach the hub.
        #[command(flatten)]
        admin: AdminArgs,
    },
    /// Revoke a kiosk: its login stops working at once; its pledges stay.
    RemoveKiosk {
        /// The kiosk's name.
        name: String,
        /// How to reach the hub.
        #[command(flatten)]
        admin: AdminArgs,
    },
    /// One line per kiosk: last heard from, pack, app version, pledges
    /// waiting, last pledge, uptime, disk free and any problem it reports.
    /// A kiosk silent for over 2 minutes is flagged.
    Status {
        /// How to reach the hub.
        #[command(flatten)]
        admin: AdminArgs,
    },
    /// Write every kiosk's pledges to a CSV file (the format of `pledges
    /// export`), owner-only, never replacing a file.
    Export {
        /// The CSV file to write.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Only this event's pledges.
        #[arg(long, value_name = "EVENT")]
        event: Option<String>,
        /// Only pledges made after this: a date (2026-11-26, local
        /// midnight) or a time (2026-11-26T19:30:00+08:00).
        #[arg(long, value_name = "WHEN")]
        since: Option<String>,
        /// How to reach the hub.
        #[command(flatten)]
        admin: AdminArgs,
    },
    /// On a kiosk: forward its pledges to the hub from now on, with the
    /// line `hub add-kiosk` printed. Written into the kiosk's settings;
    /// restart the kiosk.
    Join {
        /// The line from `storykiosk hub add-kiosk`.
        line: String,
        /// The hub's CA (or its own certificate), copied into the data
        /// folder; without it (or --plain) the hub's certificate must be
        /// signed by a public authority.
        #[arg(long, value_name = "FILE", conflicts_with = "plain")]
        ca: Option<PathBuf>,
        /// Connect without TLS: anyone on the network can read the
        /// pledges and the password. Only on a network of your own.
        #[arg(long)]
        plain: bool,
    },
    /// On a kiosk: stop forwarding pledges to the hub.
    Leave,
}

/// How the administrator reaches the hub.
#[derive(Debug, Args)]
pub struct AdminArgs {
    /// The database, as a PostgreSQL URL, with a role that owns it.
    #[arg(long, value_name = "URL", env = "STORYKIOSK_HUB_URL")]
    url: String,
    /// Check the hub's TLS certificate against this CA file.
    #[arg(long, value_name = "FILE")]
    ca: Option<PathBuf>,
}

impl AdminArgs {
    fn connect(&self) -> anyhow::Result<postgres::Client> {
        hub::connect_admin(&self.url, self.ca.as_deref())
            .map_err(|e| anyhow::anyhow!("cannot reach the hub at {}: {e}", hub::redact(&self.url)))
    }
}

pub(super) fn hub(cli: &Cli, command: &HubCommand) -> anyhow::Result<()> {
    match command {
        HubCommand::Init { url, ca } => {
            let mut client = AdminArgs {
                url: url.clone(),
                ca: ca.clone(),
            }
            .connect()?;
            let (found, now) = hub::schema::init(&mut client)?;
            if found == now {
                println!("the hub's schema is up to date (version {now})");
            } else {
                println!("the hub's schema is now version {now} (it was {found})");
            }
            println!("next: storykiosk hub add-kiosk NAME, once for each kiosk");
        }
        HubCommand::AddKiosk { name, host, admin } => add_kiosk(name, host.as_deref(), admin)?,
        HubCommand::RemoveKiosk { name, admin } => {
            admin::remove_kiosk(&mut admin.connect()?, name)?;
            println!("kiosk {name} is removed: its login no longer works; its pledges stay");
        }
        HubCommand::Status { admin } => status(admin)?,
        HubCommand::Export {
            out,
            event,
            since,
            admin,
        } => {
            let since = since
                .as_deref()
                .map(super::pledges::parse_time)
                .transpose()?;
            let rows = admin::pledges(&mut admin.connect()?, event.as_deref(), since)?;
            let (folder, name) = export::split(out);
            export::write_new(folder, &[name], |file| {
                export::write_csv(file, &rows).map_err(std::io::Error::other)
            })
            .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", out.display()))?;
            println!("wrote {} pledge(s) to {}", rows.len(), out.display());
        }
        HubCommand::Join { line, ca, plain } => join(cli, line, ca.as_deref(), *plain)?,
        HubCommand::Leave => {
            let path = config_path(cli)?;
            let mut config = KioskConfig::load(&path)?.unwrap_or_default();
            config.hub = None;
            config.save(&path)?;
            println!(
                "this kiosk no longer forwards pledges to a hub (set in {}); restart the kiosk",
                path.display()
            );
        }
    }
    Ok(())
}

fn add_kiosk(name: &str, host: Option<&str>, admin: &AdminArgs) -> anyhow::Result<()> {
    admin::check_name(name)?;
    let address = match host {
        Some(host) if host.contains(':') => host.to_owned(),
        Some(host) => format!("{host}:{}", url_port(&admin.url)),
        None => {
            let config: postgres::Config = admin.url.parse().map_err(|e| {
                anyhow::anyhow!("--url is not a PostgreSQL URL (postgresql://...): {e}")
            })?;
            match config.get_hosts().first() {
                Some(postgres::config::Host::Tcp(h)) => {
                    if h == "localhost" || h.starts_with("127.") || h == "::1" {
                        eprintln!(
                            "storykiosk: kiosks on other computers cannot reach {h}: give the \
                             hub's address on the venue network with --host"
                        );
                    }
                    format!("{h}:{}", url_port(&admin.url))
                }
                _ => anyhow::bail!(
                    "--url reaches the hub through a local socket: give the hub's address on the \
                     venue network with --host HOST[:PORT]"
                ),
            }
        }
    };
    let new = admin::add_kiosk(&mut admin.connect()?, name)?;
    eprintln!(
        "kiosk {name} can now send its pledges to the hub. On that kiosk, run this (the line \
         holds its password: pass it on privately):"
    );
    println!(
        "storykiosk hub join postgresql://{}:{}@{address}/{}",
        new.role,
        new.password,
        percent_encode(&new.database)
    );
    Ok(())
}

/// The port of a PostgreSQL URL (5432 unless it names one).
fn url_port(url: &str) -> u16 {
    url.parse::<postgres::Config>()
        .ok()
        .and_then(|c| c.get_ports().first().copied())
        .unwrap_or(5432)
}

/// `text` with everything but unreserved URL characters percent-encoded.
fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

fn status(admin: &AdminArgs) -> anyhow::Result<()> {
    let kiosks = admin::status(&mut admin.connect()?)?;
    if kiosks.is_empty() {
        println!("no kiosks yet: add one with storykiosk hub add-kiosk NAME");
    }
    for k in &kiosks {
        println!("{}", status_line(k));
    }
    Ok(())
}

/// One kiosk's line for `hub status`.
pub fn status_line(k: &admin::KioskStatus) -> String {
    let local = |t: DateTime<Utc>| t.with_timezone(&Local).format("%Y-%m-%d %H:%M:%S");
    if k.removed {
        return format!("{}: removed", k.name);
    }
    let Some(b) = &k.beat else {
        return format!("{}: NOT HEARD FROM (never connected)", k.name);
    };
    let silent = k.silent_secs.unwrap_or(0);
    let mut line = format!(
        "{}: {}last heard {} ({} ago); kiosk {} at event {}; pack {} {}; storykiosk {}; \
         {} waiting to be sent; last pledge {}; up {}; disk free {}",
        k.name,
        if k.is_silent() {
            "NOT HEARD FROM FOR OVER 2 MINUTES: "
        } else {
            ""
        },
        local(b.at),
        duration(silent),
        b.kiosk_id,
        b.event_id,
        b.pack_id,
        b.pack_version,
        b.app_version,
        b.waiting,
        b.last_pledge
            .map_or("none".to_owned(), |t| local(t).to_string()),
        duration((b.at - b.started_at).num_seconds()),
        b.disk_free.map_or("unknown".to_owned(), bytes),
    );
    if let Some(problem) = &b.problem {
        line.push_str(&format!("; PROBLEM: {problem}"));
    }
    line
}

fn duration(secs: i64) -> String {
    let secs = secs.max(0);
    match secs {
        0..60 => format!("{secs} s"),
        60..3600 => format!("{} min", secs / 60),
        _ => format!("{} h {} min", secs / 3600, secs % 3600 / 60),
    }
}

fn bytes(n: i64) -> String {
    let gb = n as f64 / 1e9;
    if gb >= 1.0 {
        format!("{gb:.1} GB")
    } else {
        format!("{:.0} MB", n as f64 / 1e6)
    }
}

/// Writes the hub line into the kiosk's settings (the CA copied into the
/// data folder), then tries it once and says what happened.
fn join(cli: &Cli, line: &str, ca: Option<&Path>, plain: bool) -> anyhow::Result<()> {
    let config: postgres::Config = line
        .parse()
        .map_err(|e| anyhow::anyhow!("that is not the line `hub add-kiosk` printed: {e}"))?;
    anyhow::ensure!(
        config.get_user().is_some() && config.get_password().is_some(),
        "that line has no kiosk login: copy the whole line `storykiosk hub add-kiosk` printed"
    );
    let ca_file = match ca {
        Some(ca) => {
            let dir = data_dir(cli)?;
            crate::owner_only::create_dir(&dir)?;
            let to = dir.join("hub-ca.pem");
            let pem = std::fs::read(ca)
                .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", ca.display()))?;
            match std::fs::remove_file(&to) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e.into()),
                _ => {}
            }
            let mut file = crate::owner_only::new_file_options().open(&to)?;
            std::io::Write::write_all(&mut file, &pem)?;
            file.sync_all()?;
            Some(to)
        }
        None => None,
    };
    let link = HubLink {
        url: line.to_owned(),
        ca_file,
        plain,
    };
    let path = config_path(cli)?;
    let mut settings = KioskConfig::load(&path)?.unwrap_or_default();
    settings.hub = Some(link.clone());
    settings.save(&path)?;
    println!(
        "this kiosk forwards its pledges to the hub from its next start (set in {})",
        path.display()
    );
    match hub::connect(&link).and_then(|mut c| hub::schema::check(&mut c)) {
        Ok(()) => println!("the hub answered: the link works"),
        Err(e) => println!(
            "the hub cannot be reached from here now ({e}); the kiosk keeps its pledges and \
             keeps trying"
        ),
    }
    Ok(())
}
