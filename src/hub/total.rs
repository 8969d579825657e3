//! The total screen with a hub: the event's total across every kiosk.
//!
//! A thread listens on the hub's channel; each commit there nudges it to
//! read the total again, so the screen follows within a second or two.
//! When the hub is out of reach, the screen shows the last total the hub
//! gave plus this kiosk's own pledges it did not hold then, never less
//! than it showed before, with the time of the last reading; it catches up
//! when the hub returns.

use std::{
    path::PathBuf,
    sync::mpsc,
    thread,
    time::{Duration, Instant},
};

use chrono::{DateTime, Utc};
use postgres::fallible_iterator::FallibleIterator;

use super::{CHANNEL, HubError, HubLink, connect, schema};
use crate::pledge::{
    Store,
    store::{Calling, Gift, LevelCount, NotInHub},
    total::{self, HubSeen, MAX_NAMES, Total},
};

/// How often the local store is read (this kiosk's pledges not yet sent,
/// today's figures).
const LOCAL_EVERY: Duration = Duration::from_secs(1);
/// How often the hub's total is read even without a notification.
const HUB_EVERY: Duration = Duration::from_secs(30);
/// The shortest time between two readings of the hub: commits that come
/// closer together are read as one.
const MIN_GAP: Duration = Duration::from_millis(100);
/// How long to wait before trying an unreachable hub again.
const RETRY_EVERY: Duration = Duration::from_secs(5);

/// What the total screen asks for.
#[derive(Clone, Debug)]
pub struct TotalQuery {
    /// This event.
    pub event_id: String,
    /// The pack's currency (the total counts pledges in it).
    pub currency: String,
    /// The consent that lets a first name be shown, if the pack has one.
    pub name_consent: Option<String>,
}

/// The hub's last answer.
#[derive(Clone, Debug)]
struct HubReading {
    count: u64,
    sum_minor: u64,
    /// The newest of this kiosk's pledges the hub held (by the kiosk's
    /// count), so those after it are added while the hub is away.
    own_max_seq: i64,
    names: Vec<String>,
    levels: Vec<LevelCount>,
    calling: Option<Calling>,
    feed: Vec<Gift>,
    at: DateTime<Utc>,
}

struct Watcher {
    link: HubLink,
    data_dir: PathBuf,
    query: TotalQuery,
    client: Option<postgres::Client>,
    hub: Option<HubReading>,
    shown: Option<Total>,
    next_try: Instant,
    /// The store's files and the hub reading the last total was made
    /// from: with neither changed, neither is read again.
    made_from: Option<(total::Stamp, Option<DateTime<Utc>>, bool)>,
}

/// Starts the total's thread; each new reading arrives on the channel,
/// then `notify` runs. The thread ends when the receiver is dropped.
pub fn watch(
    link: HubLink,
    data_dir: PathBuf,
    query: TotalQuery,
    notify: impl Fn() + Send + 'static,
) -> std::io::Result<mpsc::Receiver<Result<Total, String>>> {
    let (tx, rx) = mpsc::channel();
    let mut watcher = Watcher {
        link,
        data_dir,
        query,
        client: None,
        hub: None,
        shown: None,
        next_try: Instant::now(),
        made_from: None,
    };
    thread::Builder::new()
        .name("hub-total".to_owned())
        .spawn(move || {
            let mut last = None;
            loop {
                let reading = watcher.reading();
                if last.as_ref() != Some(&reading) {
                    if tx.send(reading.clone()).is_err() {
                        break;
                    }
                    notify();
                    last = Some(reading);
                }
                watcher.wait();
            }
        })?;
    Ok(rx)
}

impl Watcher {
    /// Reads the local store and puts it together with the hub's last
    /// reading.
    fn reading(&mut self) -> Result<Total, String> {
        let from = (
            total::stamp(&self.data_dir),
            self.hub.as_ref().map(|h| h.at),
            self.client.is_some(),
        );
        if let Some(shown) = &self.shown
            && self.made_from.as_ref() == Some(&from)
        {
            return Ok(shown.clone());
        }
        // One connection for this kiosk's figures and what the hub lacks.
        let store = total::open(&self.data_dir)?;
        let local = match &store {
            Some(store) => total::read_from(
                store,
                &self.query.event_id,
                &self.query.currency,
                self.query.name_consent.as_deref(),
            )?,
            None => Total::default(),
        };
        let total = self.combine(local, store.as_ref())?;
        self.shown = Some(total.clone());
        self.made_from = Some(from);
        Ok(total)
    }

    fn connect(&mut self) -> Result<(), HubError> {
        let mut client = connect(&self.link)?;
        schema::check(&mut client)?;
        client.batch_execute(&format!("LISTEN {CHANNEL}"))?;
        self.hub = Some(read_hub(&mut client, &self.query)?);
        self.client = Some(client);
        Ok(())
    }

    /// The hub's last total plus what this kiosk holds that it did not
    /// (nothing, when the hub is reachable and everything was sent).
    fn combine(&self, local: Total, store: Option<&Store>) -> Result<Total, String> {
        let Some(hub) = &self.hub else {
            // Never reached: this kiosk's own figures, marked as such.
            return Ok(Total {
                hub: Some(HubSeen {
                    live: false,
                    last_updated: None,
                }),
                ..local
            });
        };
        let extra = match store {
            Some(store) => store
                .not_in_hub_total(&self.query.event_id, &self.query.currency, hub.own_max_seq)
                .map_err(|e| e.to_string())?,
            None => NotInHub::default(),
        };
        let mut total = Total {
            stats: local.stats,
            names: local.names,
            hub: Some(HubSeen {
                live: self.client.is_some(),
                last_updated: Some(hub.at),
            }),
            levels: levels_with(&hub.levels, &extra.levels),
            // The newest choice, here or at another volunteer's laptop.
            calling: match (hub.calling, local.calling) {
                (Some(h), Some(l)) => Some(if l.since > h.since { l } else { h }),
                (h, l) => h.or(l),
            },
            feed: feed_with(&hub.feed, &local.feed, hub.own_max_seq),
        };
        total.stats.event_count = hub.count.saturating_add_signed(extra.count);
        total.stats.event_minor = hub.sum_minor.saturating_add_signed(extra.sum_minor);
        for name in &hub.names {
            if total.names.len() >= MAX_NAMES {
                break;
            }
            if !total.names.contains(name) {
                total.names.push(name.clone());
            }
        }
        // Away from the hub, the figure never goes back, but for an entry
        // undone here.
        if let Some(shown) = &self.shown
            && extra.undone == 0
            && !total.hub.as_ref().is_some_and(|h| h.live)
            && shown.stats.event_minor > total.stats.event_minor
        {
            total.stats.event_minor = shown.stats.event_minor;
            total.stats.event_count = total.stats.event_count.max(shown.stats.event_count);
        }
        Ok(total)
    }

    /// Connects when due; or waits up to a second for the hub's
    /// notification, reads the hub again on one (at most every
    /// [`MIN_GAP`]) or every half minute, and drops a connection that
    /// failed.
    fn wait(&mut self) {
        let Some(client) = &mut self.client else {
            // Connecting can take a while (a hub that does not answer):
            // the local figures are on screen meanwhile.
            if Instant::now() < self.next_try {
                thread::sleep(LOCAL_EVERY);
            } else if let Err(e) = self.connect() {
                self.client = None;
                self.next_try = Instant::now() + RETRY_EVERY;
                log_failure(&e);
            }
            return;
        };
        let mut notified = false;
        let mut failed = false;
        let mut woken = false;
        let event = self.query.event_id.as_str();
        {
            let mut notes = client.notifications();
            match notes.timeout_iter(LOCAL_EVERY).next() {
                Ok(Some(note)) => {
                    woken = true;
                    // Another event's pledges change nothing here.
                    notified = note.payload() == event;
                }
                Ok(None) => {}
                Err(_) => failed = true,
            }
        }
        if woken {
            // A burst of commits is one reading.
            thread::sleep(MIN_GAP);
            let mut notes = client.notifications();
            let mut pending = notes.iter();
            while let Ok(Some(note)) = pending.next() {
                notified |= note.payload() == event;
            }
        }
        let stale = self
            .hub
            .as_ref()
            .is_none_or(|h| (Utc::now() - h.at).to_std().is_ok_and(|d| d >= HUB_EVERY));
        if !failed && (notified || stale) {
            match read_hub(client, &self.query) {
                Ok(reading) => self.hub = Some(reading),
                Err(e) => {
                    log_failure(&e);
                    failed = true;
                }
            }
        }
        if failed {
            self.client = None;
            self.next_try = Instant::now() + RETRY_EVERY;
        }
    }
}

/// The hub's newest gifts, after this kiosk's own that it did not hold
/// then (stored after `own_max_seq`), newest first.
fn feed_with(hub: &[Gift], local: &[Gift], own_max_seq: i64) -> Vec<Gift> {
    let mut feed: Vec<Gift> = local
        .iter()
        .filter(|g| g.seq > own_max_seq)
        .cloned()
        .collect();
    for gift in hub {
        if !feed.iter().any(|g| g.id == gift.id) {
            feed.push(gift.clone());
        }
    }
    feed.truncate(total::FEED);
    feed
}

/// The hub's gifts at each amount with this kiosk's changes to them.
fn levels_with(hub: &[LevelCount], extra: &[(u64, i64)]) -> Vec<LevelCount> {
    let mut levels = hub.to_vec();
    for &(amount_minor, change) in extra {
        match levels.iter_mut().find(|l| l.amount_minor == amount_minor) {
            Some(level) => level.gifts = level.gifts.saturating_add_signed(change),
            None => levels.push(LevelCount {
                amount_minor,
                gifts: 0u64.saturating_add_signed(change),
            }),
        }
    }
    levels.retain(|l| l.gifts > 0);
    levels.sort_by_key(|l| l.amount_minor);
    levels
}

/// The event's count, sum and names at the hub.
fn read_hub(client: &mut postgres::Client, q: &TotalQuery) -> Result<HubReading, HubError> {
    let at = Utc::now();
    let row = client.query_one(
        "SELECT pledges, sum_minor, own_max_seq FROM storykiosk.event_total($1, $2)",
        &[&q.event_id, &q.currency],
    )?;
    let names = if q.name_consent.is_some() {
        client
            .query(
                "SELECT storykiosk.event_names($1, $2)",
                &[&q.event_id, &(MAX_NAMES as i32)],
            )?
            .iter()
            .filter_map(|r| r.get::<_, Option<String>>(0))
            .collect()
    } else {
        Vec::new()
    };
    let levels = client
        .query(
            "SELECT amount_minor, gifts FROM storykiosk.event_levels($1, $2)",
            &[&q.event_id, &q.currency],
        )?
        .iter()
        .map(|r| LevelCount {
            amount_minor: u64::try_from(r.get::<_, i64>(0)).unwrap_or(0),
            gifts: u64::try_from(r.get::<_, i64>(1)).unwrap_or(0),
        })
        .collect();
    let calling = client
        .query_opt(
            "SELECT amount_minor, since FROM storykiosk.event_calling($1)",
            &[&q.event_id],
        )?
        .map(|r| Calling {
            level_minor: r
                .get::<_, Option<i64>>(0)
                .and_then(|m| u64::try_from(m).ok()),
            since: r.get(1),
        });
    let shows_names = q.name_consent.is_some();
    let feed = client
        .query(
            "SELECT id, amount_minor, public_name, paddle FROM storykiosk.event_feed($1, $2, $3)",
            &[&q.event_id, &q.currency, &(total::FEED as i32)],
        )?
        .iter()
        .map(|r| Gift {
            id: r.get(0),
            amount_minor: u64::try_from(r.get::<_, i64>(1)).unwrap_or(0),
            name: r.get::<_, Option<String>>(2).filter(|_| shows_names),
            paddle: r
                .get::<_, Option<i32>>(3)
                .and_then(|p| u32::try_from(p).ok()),
            seq: 0,
        })
        .collect();
    Ok(HubReading {
        levels,
        calling,
        feed,
        count: u64::try_from(row.get::<_, i64>(0)).unwrap_or(0),
        sum_minor: u64::try_from(row.get::<_, i64>(1)).unwrap_or(0),
        own_max_seq: row.get(2),
        names,
        at,
    })
}

/// Logs why the hub could not be read (the screen shows only the time of
/// the last reading).
fn log_failure(e: &HubError) {
    eprintln!("storykiosk: total screen: {e}");
}
