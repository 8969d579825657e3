//! The kiosk's sender: a thread that forwards each pledge in the local store
//! to the hub, exactly once, and keeps the kiosk's heartbeat there.
//!
//! - Each pledge goes with its id, and the hub ignores an id it holds
//!   (`ON CONFLICT (id) DO NOTHING`), so sending again is harmless.
//! - A pledge is marked sent in the local store only after the hub's
//!   commit; a kiosk killed between the two sends it again.
//! - Anything that goes wrong (the hub down, slow, refusing the password,
//!   out of disk, a schema it does not know) is retried later, with a
//!   backoff from 1 s to a minute; unsent pledges wait in the store and
//!   survive restarts. The visitor never waits on any of this.

use std::{
    path::PathBuf,
    sync::{Arc, Mutex, mpsc},
    thread,
    time::{Duration, Instant},
};

use chrono::{DateTime, Utc};

use super::{HubError, HubLink, connect, schema};
use crate::pledge::{
    PledgeRow, Store,
    store::{Calling, HubBacklog, frequency_str},
};

/// Pledges sent in one hub transaction.
pub const BATCH: usize = 200;
/// How often a connected kiosk says it is alive.
pub const HEARTBEAT_EVERY: Duration = Duration::from_secs(15);
/// The first wait after a failure; it doubles up to [`MAX_BACKOFF`].
pub const MIN_BACKOFF: Duration = Duration::from_secs(1);
/// The longest wait between tries.
pub const MAX_BACKOFF: Duration = Duration::from_secs(60);

/// What the kiosk tells the hub about itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KioskInfo {
    /// The kiosk id in its settings.
    pub kiosk_id: String,
    /// The event in its settings.
    pub event_id: String,
    /// The pack showing.
    pub pack_id: String,
    /// Its version.
    pub pack_version: String,
    /// When the kiosk started.
    pub started_at: DateTime<Utc>,
    /// What is wrong on the kiosk (its store, its settings), if anything.
    pub problem: Option<String>,
}

/// The link as staff see it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HubState {
    /// The last try reached the hub and sent everything.
    pub connected: bool,
    /// Pledges waiting to reach the hub, as of the last try.
    pub waiting: u64,
    /// When the hub last committed something from this kiosk (or answered
    /// it), by this kiosk's clock.
    pub last_reached: Option<DateTime<Utc>>,
    /// Why the last try failed.
    pub problem: Option<String>,
    /// Pledges sent since the kiosk started.
    pub sent: u64,
}

enum Message {
    Nudge,
    Info(KioskInfo),
}

/// The handle the app holds; the thread ends when it is dropped.
pub struct Sender {
    inbox: mpsc::Sender<Message>,
    state: Arc<Mutex<HubState>>,
}

impl Sender {
    /// Starts forwarding the pledges of the store in `data_dir` to the hub
    /// `link`. `notify` runs after each change of [`Sender::state`].
    pub fn start(
        data_dir: PathBuf,
        link: HubLink,
        info: KioskInfo,
        notify: impl Fn() + Send + 'static,
    ) -> std::io::Result<Sender> {
        let (inbox, messages) = mpsc::channel();
        let state = Arc::new(Mutex::new(HubState::default()));
        let mut link_state = Link {
            data_dir,
            link,
            info,
            client: None,
            state: Arc::clone(&state),
            notify: Box::new(notify),
        };
        thread::Builder::new()
            .name("hub-sender".to_owned())
            .spawn(move || link_state.run(&messages))?;
        Ok(Sender { inbox, state })
    }

    /// A pledge was just stored: send it now rather than at the next beat.
    pub fn nudge(&self) {
        let _ = self.inbox.send(Message::Nudge);
    }

    /// The pack or a problem changed: the next heartbeat says so.
    pub fn update(&self, info: KioskInfo) {
        let _ = self.inbox.send(Message::Info(info));
    }

    /// The link's state now.
    pub fn state(&self) -> HubState {
        self.state.lock().map(|s| s.clone()).unwrap_or_default()
    }
}

struct Link {
    data_dir: PathBuf,
    link: HubLink,
    info: KioskInfo,
    client: Option<postgres::Client>,
    state: Arc<Mutex<HubState>>,
    notify: Box<dyn Fn() + Send>,
}

/// Why a round failed.
#[derive(Debug, thiserror::Error)]
enum RoundError {
    #[error("{0}")]
    Hub(#[from] HubError),
    #[error("{0}")]
    Store(#[from] crate::pledge::StoreError),
}

impl From<postgres::Error> for RoundError {
    fn from(e: postgres::Error) -> Self {
        RoundError::Hub(HubError::Postgres(e))
    }
}

impl Link {
    /// Tries at once, then after each nudge and each heartbeat interval;
    /// after a failure, only once its backoff is over (nudges wait).
    fn run(&mut self, messages: &mpsc::Receiver<Message>) {
        let mut due = Instant::now();
        let mut backoff = MIN_BACKOFF;
        let mut backing_off = false;
        loop {
            match messages.recv_timeout(due.saturating_duration_since(Instant::now())) {
                Ok(Message::Nudge) if !backing_off => due = Instant::now(),
                Ok(Message::Nudge) | Err(mpsc::RecvTimeoutError::Timeout) => {}
                Ok(Message::Info(info)) => self.info = info,
                Err(mpsc::RecvTimeoutError::Disconnected) => return,
            }
            if Instant::now() < due {
                continue;
            }
            match self.round() {
                Ok(()) => {
                    backoff = MIN_BACKOFF;
                    backing_off = false;
                    due = Instant::now() + HEARTBEAT_EVERY;
                }
                Err(e) => {
                    self.failed(&e);
                    backing_off = true;
                    due = Instant::now() + backoff;
                    backoff = (backoff * 2).min(MAX_BACKOFF);
                }
            }
        }
    }

    fn set(&self, change: impl FnOnce(&mut HubState)) {
        if let Ok(mut state) = self.state.lock() {
            change(&mut state);
        }
        (self.notify)();
    }

    fn failed(&mut self, e: &RoundError) {
        // A connection that failed is not trusted again.
        self.client = None;
        let waiting = Store::open_in(&self.data_dir)
            .and_then(|s| s.hub_backlog())
            .map(|b| b.waiting)
            .ok();
        self.set(|s| {
            s.connected = false;
            s.problem = Some(e.to_string());
            if let Some(waiting) = waiting {
                s.waiting = waiting;
            }
        });
    }

    /// Sends every unsent pledge, then the heartbeat.
    fn round(&mut self) -> Result<(), RoundError> {
        let mut store = Store::open_in(&self.data_dir)?;
        // Taken out while in use: kept only if the whole round works.
        let mut client = match self.client.take() {
            Some(client) => client,
            None => {
                let mut client = connect(&self.link)?;
                schema::check(&mut client)?;
                client
            }
        };
        loop {
            let rows = store.unsent(BATCH)?;
            if rows.is_empty() {
                break;
            }
            send(&mut client, &rows)?;
            let now = Utc::now();
            let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
            store.mark_sent(&ids, now)?;
            let count = rows.len() as u64;
            self.set(|s| {
                s.sent += count;
                s.last_reached = Some(now);
            });
        }
        let backlog = store.hub_backlog()?;
        let calling = store.calling()?;
        heartbeat(
            &mut client,
            &self.info,
            &backlog,
            calling,
            disk_free(&self.data_dir),
        )?;
        self.client = Some(client);
        let now = Utc::now();
        self.set(|s| {
            s.connected = true;
            s.problem = None;
            s.waiting = backlog.waiting;
            s.last_reached = Some(now);
        });
        Ok(())
    }
}

/// Inserts `rows` in one transaction; an id the hub holds is skipped.
pub fn send(client: &mut postgres::Client, rows: &[PledgeRow]) -> Result<(), postgres::Error> {
    let mut tx = client.transaction()?;
    let insert = tx.prepare(
        "INSERT INTO storykiosk.pledges (id, kiosk_seq, reference, created_at, kiosk_id,
            event_id, pack_id, pack_version, locale, amount_minor, currency, currency_exponent,
            frequency, donor_name, donor_email, donor_phone, dedication, anonymous, consents,
            statement_version, status, sealed, public_name, kind, paddle, cancels)
         VALUES ($1::text::uuid, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15,
            $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26::text::uuid)
         ON CONFLICT DO NOTHING",
    )?;
    for p in rows {
        let amount = i64::try_from(p.amount_minor).unwrap_or(i64::MAX);
        let exponent = i16::from(p.currency_exponent);
        let consents = p.consents.join(",");
        let paddle = p.paddle.and_then(|n| i32::try_from(n).ok());
        tx.execute(
            &insert,
            &[
                &p.id,
                &p.seq,
                &p.reference,
                &p.created_at,
                &p.kiosk_id,
                &p.event_id,
                &p.pack_id,
                &p.pack_version,
                &p.locale,
                &amount,
                &p.currency,
                &exponent,
                &frequency_str(p.frequency),
                &p.name,
                &p.email,
                &p.phone,
                &p.dedication,
                &p.anonymous,
                &consents,
                &p.statement_version,
                &p.status.as_str(),
                &p.sealed,
                &p.public_name,
                &p.kind.as_str(),
                &paddle,
                &p.cancels,
            ],
        )?;
    }
    tx.commit()
}

/// Upserts this kiosk's row of `heartbeats`.
fn heartbeat(
    client: &mut postgres::Client,
    info: &KioskInfo,
    backlog: &HubBacklog,
    calling: Option<Calling>,
    disk_free: Option<i64>,
) -> Result<(), postgres::Error> {
    let waiting = i64::try_from(backlog.waiting).unwrap_or(i64::MAX);
    let calling_minor = calling
        .and_then(|c| c.level_minor)
        .and_then(|m| i64::try_from(m).ok());
    let calling_since = calling.map(|c| c.since);
    client.execute(
        "INSERT INTO storykiosk.heartbeats (kiosk_id, event_id, pack_id, pack_version,
            app_version, waiting, last_pledge, started_at, disk_free, problem, calling_minor,
            calling_since)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         ON CONFLICT (kiosk_role) DO UPDATE SET at = now(), kiosk_id = EXCLUDED.kiosk_id,
            event_id = EXCLUDED.event_id, pack_id = EXCLUDED.pack_id,
            pack_version = EXCLUDED.pack_version, app_version = EXCLUDED.app_version,
            waiting = EXCLUDED.waiting, last_pledge = EXCLUDED.last_pledge,
            started_at = EXCLUDED.started_at, disk_free = EXCLUDED.disk_free,
            problem = EXCLUDED.problem, calling_minor = EXCLUDED.calling_minor,
            calling_since = EXCLUDED.calling_since",
        &[
            &info.kiosk_id,
            &info.event_id,
            &info.pack_id,
            &info.pack_version,
            &env!("CARGO_PKG_VERSION"),
            &waiting,
            &backlog.last_pledge,
            &info.started_at,
            &disk_free,
            &info.problem,
            &calling_minor,
            &calling_since,
        ],
    )?;
    Ok(())
}

/// Bytes free to this user in `dir`'s file system.
fn disk_free(dir: &std::path::Path) -> Option<i64> {
    i64::try_from(fs4::available_space(dir).ok()?).ok()
}
