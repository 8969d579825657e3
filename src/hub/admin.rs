//! What the hub's administrator does (`storykiosk hub ...`): add and remove
//! kiosks, see how each is doing, and read every kiosk's pledges for an
//! export.

use chrono::{DateTime, Utc};
use postgres::Client;

use super::{HubError, ident, literal, schema};
use crate::pledge::{PledgeRow, Status};

/// The longest kiosk name `hub add-kiosk` takes.
pub const MAX_NAME: usize = 32;
/// A kiosk not heard from for longer than this is flagged by `hub status`.
pub const SILENT_AFTER_SECS: i64 = 120;

/// A kiosk name: 1 to 32 lowercase ASCII letters, digits and hyphens,
/// starting with a letter or digit (it becomes part of a role name).
pub fn check_name(name: &str) -> Result<(), HubError> {
    let ok = !name.is_empty()
        && name.len() <= MAX_NAME
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !name.starts_with('-');
    if ok {
        Ok(())
    } else {
        Err(HubError::Invalid(format!(
            "{name:?} is not a kiosk name: use 1 to {MAX_NAME} lowercase letters, digits \
             and hyphens, such as door-1"
        )))
    }
}

/// The login role of kiosk `name` in the database `db`.
pub fn kiosk_role(db: &str, name: &str) -> String {
    format!("{db}_kiosk_{name}")
}

/// A new kiosk's login.
pub struct NewKiosk {
    /// Its role.
    pub role: String,
    /// Its password, random; the hub keeps only its scram-sha-256 verifier.
    pub password: String,
    /// The database.
    pub database: String,
}

/// The database `client` is connected to.
fn database(client: &mut Client) -> Result<String, HubError> {
    Ok(client.query_one("SELECT current_database()", &[])?.get(0))
}

/// Makes kiosk `name` a login role in the kiosks' group, with a random
/// password sent to the hub only as its scram-sha-256 verifier.
pub fn add_kiosk(client: &mut Client, name: &str) -> Result<NewKiosk, HubError> {
    check_name(name)?;
    schema::check(client)?;
    let database = database(client)?;
    let role = kiosk_role(&database, name);
    if role.len() > 63 {
        return Err(HubError::Invalid(format!(
            "the role {role} would be longer than PostgreSQL's 63 bytes: use a shorter kiosk name"
        )));
    }
    let mut secret = [0u8; 24];
    getrandom::fill(&mut secret).map_err(|e| HubError::Invalid(e.to_string()))?;
    // Hex: safe in a URL as it is, and easy to read out over a phone.
    let password: String = secret.iter().map(|b| format!("{b:02x}")).collect();
    let verifier = postgres_protocol::password::scram_sha_256(password.as_bytes());
    let mut tx = client.transaction()?;
    let taken: bool = tx
        .query_one(
            "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)",
            &[&role],
        )?
        .get(0);
    if taken {
        return Err(HubError::Invalid(format!(
            "a kiosk named {name} exists already (role {role}): remove it with \
             `storykiosk hub remove-kiosk {name}` first, or choose another name"
        )));
    }
    tx.batch_execute(&format!(
        "CREATE ROLE {} LOGIN PASSWORD {} IN ROLE {}",
        ident(&role),
        literal(&verifier),
        ident(&schema::group_role(&database))
    ))?;
    tx.execute(
        "INSERT INTO storykiosk.kiosks (role, name) VALUES ($1, $2)
         ON CONFLICT (role) DO UPDATE SET added_at = now(), removed_at = NULL",
        &[&role, &name],
    )?;
    tx.commit()?;
    Ok(NewKiosk {
        role,
        password,
        database,
    })
}

/// Revokes kiosk `name`: its sessions are ended and its role dropped, so
/// its password opens nothing. Its pledges stay.
pub fn remove_kiosk(client: &mut Client, name: &str) -> Result<(), HubError> {
    check_name(name)?;
    let role = kiosk_role(&database(client)?, name);
    let mut tx = client.transaction()?;
    let updated = tx.execute(
        "UPDATE storykiosk.kiosks SET removed_at = now() WHERE role = $1 AND removed_at IS NULL",
        &[&role],
    )?;
    let exists: bool = tx
        .query_one(
            "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)",
            &[&role],
        )?
        .get(0);
    if updated == 0 && !exists {
        return Err(HubError::Invalid(format!("there is no kiosk named {name}")));
    }
    if exists {
        tx.batch_execute(&format!("DROP ROLE {}", ident(&role)))?;
    }
    tx.commit()?;
    // Sessions already open end now (after the commit: a dropped role
    // cannot log in again).
    client.execute(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1",
        &[&role],
    )?;
    Ok(())
}

/// One kiosk as `hub status` shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KioskStatus {
    /// The name given to `hub add-kiosk`.
    pub name: String,
    /// Removed by `hub remove-kiosk`.
    pub removed: bool,
    /// Its last heartbeat, if it ever sent one.
    pub beat: Option<Heartbeat>,
    /// Seconds since that heartbeat, by the hub's clock.
    pub silent_secs: Option<i64>,
}

/// What a kiosk last said of itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heartbeat {
    /// When.
    pub at: DateTime<Utc>,
    /// The kiosk id in its settings.
    pub kiosk_id: String,
    /// The event in its settings.
    pub event_id: String,
    /// Its pack.
    pub pack_id: String,
    /// The pack's version.
    pub pack_version: String,
    /// storykiosk's version.
    pub app_version: String,
    /// Pledges it had not sent yet.
    pub waiting: i64,
    /// Its newest pledge.
    pub last_pledge: Option<DateTime<Utc>>,
    /// When the kiosk started.
    pub started_at: DateTime<Utc>,
    /// Bytes free in its data folder.
    pub disk_free: Option<i64>,
    /// What it reports wrong (its store, its settings), if anything.
    pub problem: Option<String>,
}

impl KioskStatus {
    /// Whether it has been silent for over two minutes (or never spoke).
    pub fn is_silent(&self) -> bool {
        !self.removed && self.silent_secs.is_none_or(|s| s > SILENT_AFTER_SECS)
    }
}

/// Every kiosk ever added, by name, with its last heartbeat.
pub fn status(client: &mut Client) -> Result<Vec<KioskStatus>, HubError> {
    schema::check(client)?;
    let rows = client.query(
        "SELECT k.name, k.removed_at IS NOT NULL,
                h.at, h.kiosk_id, h.event_id, h.pack_id, h.pack_version, h.app_version,
                h.waiting, h.last_pledge, h.started_at, h.disk_free, h.problem,
                extract(epoch FROM now() - h.at)::bigint
         FROM storykiosk.kiosks k
         LEFT JOIN storykiosk.heartbeats h ON h.kiosk_role = k.role
         ORDER BY k.name",
        &[],
    )?;
    Ok(rows
        .iter()
        .map(|r| KioskStatus {
            name: r.get(0),
            removed: r.get(1),
            beat: r.get::<_, Option<DateTime<Utc>>>(2).map(|at| Heartbeat {
                at,
                kiosk_id: r.get(3),
                event_id: r.get(4),
                pack_id: r.get(5),
                pack_version: r.get(6),
                app_version: r.get(7),
                waiting: r.get(8),
                last_pledge: r.get(9),
                started_at: r.get(10),
                disk_free: r.get(11),
                problem: r.get(12),
            }),
            silent_secs: r.get(13),
        })
        .collect())
}

/// The columns read back as a [`PledgeRow`], in its field order.
/// An entry undone by a cancellation from its own kiosk reads as cancelled,
/// as it does in that kiosk's store.
const COLUMNS: &str = "p.id::text, reference, created_at, kiosk_id, event_id, pack_id, \
    pack_version, locale, amount_minor, currency, frequency, donor_name, donor_email, \
    donor_phone, dedication, anonymous, consents, statement_version, \
    CASE WHEN p.kind <> 'cancellation' AND NOT storykiosk.counted(p) THEN 'cancelled' \
        ELSE p.status END, \
    sealed, public_name, currency_exponent, kiosk_seq, kind, paddle, cancels::text";

/// Every kiosk's pledges, for `event` (all events with `None`), made after
/// `since` (all with `None`), in the order they reached the hub.
pub fn pledges(
    client: &mut Client,
    event: Option<&str>,
    since: Option<DateTime<Utc>>,
) -> Result<Vec<PledgeRow>, HubError> {
    schema::check(client)?;
    let rows = client.query(
        &format!(
            "SELECT {COLUMNS} FROM storykiosk.pledges p
             WHERE ($1::text IS NULL OR event_id = $1) AND ($2::timestamptz IS NULL OR created_at > $2)
             ORDER BY received_at, kiosk_role, kiosk_seq"
        ),
        &[&event, &since],
    )?;
    Ok(rows.iter().map(row_to_pledge).collect())
}

fn row_to_pledge(r: &postgres::Row) -> PledgeRow {
    let consents: String = r.get(16);
    let frequency: String = r.get(10);
    let status: String = r.get(18);
    PledgeRow {
        id: r.get(0),
        reference: r.get(1),
        created_at: r.get(2),
        kiosk_id: r.get(3),
        event_id: r.get(4),
        pack_id: r.get(5),
        pack_version: r.get(6),
        locale: r.get(7),
        amount_minor: u64::try_from(r.get::<_, i64>(8)).unwrap_or(0),
        currency: r.get(9),
        frequency: crate::pledge::store::parse_frequency(&frequency),
        name: r.get(11),
        email: r.get(12),
        phone: r.get(13),
        dedication: r.get(14),
        anonymous: r.get(15),
        consents: consents
            .split(',')
            .filter(|c| !c.is_empty())
            .map(str::to_owned)
            .collect(),
        statement_version: r.get(17),
        status: Status::parse(&status),
        sealed: r.get(19),
        public_name: r.get(20),
        currency_exponent: u8::try_from(r.get::<_, i16>(21)).unwrap_or(2),
        seq: r.get(22),
        kind: crate::pledge::store::Kind::parse(r.get(23)),
        paddle: r
            .get::<_, Option<i32>>(24)
            .and_then(|p| u32::try_from(p).ok()),
        cancels: r.get(25),
    }
}
