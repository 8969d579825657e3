//! What the event total screen shows, read from the store on a thread of
//! its own, so a pledge shows there within two seconds of landing. It only
//! ever reads, and only when the store's files changed: each second costs
//! a look at their sizes and times, not a query.

use std::{path::PathBuf, sync::mpsc, thread, time::Duration};

use super::store::{Calling, Gift, LevelCount, STORE_FILE, Stats, Store};

/// How often the total screen reads the store.
pub const POLL_INTERVAL: Duration = Duration::from_secs(1);
/// The most first names it lists.
pub const MAX_NAMES: usize = 40;
/// How often the store is read even if its files look unchanged.
pub const REREAD_ANYWAY: Duration = Duration::from_secs(30);
/// The newest gifts it reads, to celebrate those it has not seen.
pub const FEED: usize = 50;

/// The event's totals and the first names of donors who asked to be
/// thanked in public.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Total {
    /// Counts and sums.
    pub stats: Stats,
    /// First names, newest first.
    pub names: Vec<String>,
    /// With a hub: whether its total is live, and when it was last read.
    pub hub: Option<HubSeen>,
    /// The paddle raise's gifts at each amount, by amount.
    pub levels: Vec<LevelCount>,
    /// The level being called, as the newest volunteer's choice has it.
    pub calling: Option<Calling>,
    /// The newest gifts, newest first (up to [`FEED`]); names only when
    /// the pack shows them.
    pub feed: Vec<Gift>,
}

impl Total {
    /// Paddles raised at `amount_minor`.
    pub fn gifts_at(&self, amount_minor: u64) -> u64 {
        self.levels
            .iter()
            .find(|l| l.amount_minor == amount_minor)
            .map_or(0, |l| l.gifts)
    }
}

/// How fresh the hub's part of a [`Total`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HubSeen {
    /// The hub is reachable: the total is every kiosk's, now.
    pub live: bool,
    /// When the hub's total was last read; `None` if it never was (then
    /// the total is this kiosk's own).
    pub last_updated: Option<chrono::DateTime<chrono::Utc>>,
}

/// The store's files as the file system describes them (size and
/// modification time of the database and its write-ahead log): when this
/// is unchanged, so is every figure the screen shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stamp(Vec<Option<(u64, Option<std::time::SystemTime>)>>);

/// The store's [`Stamp`] in `data_dir`.
pub fn stamp(data_dir: &std::path::Path) -> Stamp {
    Stamp(
        ["", "-wal"]
            .iter()
            .map(|suffix| {
                let meta =
                    std::fs::metadata(data_dir.join(format!("{STORE_FILE}{suffix}"))).ok()?;
                Some((meta.len(), meta.modified().ok()))
            })
            .collect(),
    )
}

/// Reads the totals once; an absent store is an empty evening.
pub fn read(
    data_dir: &std::path::Path,
    event_id: &str,
    currency: &str,
    name_consent: Option<&str>,
) -> Result<Total, String> {
    match open(data_dir)? {
        Some(store) => read_from(&store, event_id, currency, name_consent),
        None => Ok(Total::default()),
    }
}

/// The store in `data_dir`, opened for reading; `None` if there is none
/// yet.
pub fn open(data_dir: &std::path::Path) -> Result<Option<Store>, String> {
    let path = data_dir.join(STORE_FILE);
    if !path.exists() {
        return Ok(None);
    }
    Store::open_read_only(&path)
        .map(Some)
        .map_err(|e| e.to_string())
}

/// Reads the totals from `store`.
pub fn read_from(
    store: &Store,
    event_id: &str,
    currency: &str,
    name_consent: Option<&str>,
) -> Result<Total, String> {
    let stats = store
        .stats(event_id, super::worker::local_day_start(), currency)
        .map_err(|e| e.to_string())?;
    let names = match name_consent {
        Some(consent) => store
            .public_first_names(event_id, consent, MAX_NAMES)
            .map_err(|e| e.to_string())?,
        None => Vec::new(),
    };
    let err = |e: super::StoreError| e.to_string();
    Ok(Total {
        stats,
        names,
        hub: None,
        levels: store.paddle_levels(event_id, currency).map_err(err)?,
        calling: store.calling().map_err(err)?,
        feed: store
            .recent_gifts(event_id, currency, 0, FEED)
            .map_err(err)?
            .into_iter()
            .map(|g| Gift {
                name: g.name.filter(|_| name_consent.is_some()),
                ..g
            })
            .collect(),
    })
}

/// Starts the reading thread; each new reading arrives on the channel, then
/// `notify` runs. The thread ends when the receiver is dropped.
pub fn watch(
    data_dir: PathBuf,
    event_id: String,
    currency: String,
    name_consent: Option<String>,
    notify: impl Fn() + Send + 'static,
) -> std::io::Result<mpsc::Receiver<Result<Total, String>>> {
    let (tx, rx) = mpsc::channel();
    thread::Builder::new()
        .name("total-poll".to_owned())
        .spawn(move || {
            let mut last = None;
            let mut read_at = None;
            let mut read_when = std::time::Instant::now();
            loop {
                let now = stamp(&data_dir);
                // Read again when the files changed; and every half minute
                // anyway, for a file system whose times are coarse.
                if read_at.as_ref() != Some(&now) || read_when.elapsed() >= REREAD_ANYWAY {
                    read_when = std::time::Instant::now();
                    let reading = read(&data_dir, &event_id, &currency, name_consent.as_deref());
                    // A failed reading is tried again at the next look.
                    read_at = reading.is_ok().then_some(now);
                    // Only a change is worth a repaint.
                    if last.as_ref() != Some(&reading) {
                        if tx.send(reading.clone()).is_err() {
                            break;
                        }
                        notify();
                        last = Some(reading);
                    }
                }
                thread::sleep(POLL_INTERVAL);
            }
        })?;
    Ok(rx)
}
