//! The store's own thread: the UI sends requests and gets replies through
//! channels, so a slow disk never stalls a frame. The store is opened on
//! first use and again after a failure, so a data folder that becomes
//! writable (space freed, a stick put back) works without a restart.

use std::{path::PathBuf, sync::mpsc, thread};

use chrono::{DateTime, Local, Utc};

use super::{
    export::{self, ExportError},
    store::{NewPledge, PledgeRow, Since, Stats, Store, StoreError},
};

/// What the UI asks of the store.
#[derive(Debug)]
pub enum Request {
    /// Commit a pledge; the reply carries the same `ticket`.
    Insert {
        /// Matches the reply to the request.
        ticket: u64,
        /// The pledge.
        pledge: Box<NewPledge>,
    },
    /// Counts and sums for today and for `event_id`, and the newest pledges.
    Summary {
        /// This event.
        event_id: String,
        /// The pack's currency: totals count pledges in it only.
        currency: String,
        /// How many recent pledges to list.
        recent: usize,
    },
    /// Store the count of wrong staff PINs (the pad's lock outlives a
    /// restart).
    PinFailures(u32),
    /// Export to a CSV file in `dir`: all pledges, or only those since the
    /// last export.
    Export {
        /// The folder (a USB stick, say).
        dir: PathBuf,
        /// Only pledges made since the last export.
        only_new: bool,
        /// Names the file.
        kiosk_id: String,
    },
}

/// The store's answers.
#[derive(Debug)]
pub enum Reply {
    /// Sent at start: the store is open, or why it cannot be opened; and
    /// again whenever a damaged store is set aside on reopening it after
    /// a failure.
    Opened(Result<OpenedStore, String>),
    /// The pledge is committed (on disk), or why not.
    Inserted {
        /// The request's ticket.
        ticket: u64,
        /// The stored row, or the error in words for staff.
        result: Result<Box<PledgeRow>, String>,
    },
    /// Totals and the newest pledges.
    Summary(Result<(Stats, Vec<PledgeRow>), String>),
    /// The file written and how many rows, or why not.
    Exported(Result<(PathBuf, usize), String>),
    /// The count of wrong PINs is stored, or why not.
    PinFailuresStored(Result<(), String>),
}

/// What the store found at start.
#[derive(Debug, Default)]
pub struct OpenedStore {
    /// Where a damaged file was moved, if it was.
    pub set_aside: Option<PathBuf>,
    /// The store has held sealed pledges: it takes no details in the
    /// clear ([`Store::sealing_required`]).
    pub sealing_required: bool,
    /// Wrong staff PINs stored since the last right one.
    pub pin_failures: u32,
}

impl OpenedStore {
    /// What `store`, just opened, holds for the app (`set_aside`: where a
    /// damaged file went, if one did).
    fn of(store: &Store, set_aside: Option<PathBuf>) -> Result<OpenedStore, StoreError> {
        Ok(OpenedStore {
            set_aside,
            sealing_required: store.sealing_required()?,
            pin_failures: store.pin_failures()?,
        })
    }
}

/// The handle the UI holds.
pub struct Writer {
    requests: mpsc::Sender<Request>,
    replies: mpsc::Receiver<Reply>,
}

/// The start of today, local time, in UTC.
pub fn local_day_start() -> DateTime<Utc> {
    let now = Local::now();
    now.date_naive()
        .and_hms_opt(0, 0, 0)
        .and_then(|midnight| midnight.and_local_timezone(Local).earliest())
        .map_or_else(|| now.with_timezone(&Utc), |d| d.with_timezone(&Utc))
}

struct Worker {
    data_dir: PathBuf,
    store: Option<Store>,
    /// A damaged store set aside while reopening, not reported yet.
    set_aside: Option<OpenedStore>,
}

impl Worker {
    /// Opens the store at start, setting a damaged file aside.
    fn open(&mut self) -> Reply {
        Reply::Opened(
            Store::open_in_or_set_aside(&self.data_dir)
                .and_then(|(store, set_aside)| {
                    let opened = OpenedStore::of(&store, set_aside)?;
                    self.store = Some(store);
                    Ok(opened)
                })
                .map_err(|e| e.to_string()),
        )
    }

    fn store(&mut self) -> Result<&mut Store, StoreError> {
        if self.store.is_none() {
            let (store, set_aside) = Store::open_in_or_set_aside(&self.data_dir)?;
            if set_aside.is_some() {
                // Damaged mid-event: staff must hear of it as at start
                // (totals and "new since the last export" start again).
                self.set_aside = Some(OpenedStore::of(&store, set_aside)?);
            }
            self.store = Some(store);
        }
        self.store
            .as_mut()
            .ok_or(StoreError::Sqlite(rusqlite::Error::InvalidQuery))
    }

    fn handle(&mut self, request: Request) -> Reply {
        match request {
            Request::Insert { ticket, pledge } => {
                let result = self.store().and_then(|s| s.insert(&pledge));
                if result.is_err() {
                    // Reopen next time: the folder may have been fixed.
                    self.store = None;
                }
                Reply::Inserted {
                    ticket,
                    result: result.map(Box::new).map_err(|e| e.to_string()),
                }
            }
            Request::Summary {
                event_id,
                currency,
                recent,
            } => Reply::Summary(
                self.store()
                    .and_then(|s| {
                        Ok((
                            s.stats(&event_id, local_day_start(), &currency)?,
                            s.recent(recent)?,
                        ))
                    })
                    .map_err(|e| e.to_string()),
            ),
            Request::Export {
                dir,
                only_new,
                kiosk_id,
            } => Reply::Exported(self.export(&dir, only_new, &kiosk_id)),
            Request::PinFailures(failures) => Reply::PinFailuresStored(
                self.store()
                    .and_then(|s| s.set_pin_failures(failures))
                    .map_err(|e| e.to_string()),
            ),
        }
    }

    fn export(
        &mut self,
        dir: &std::path::Path,
        only_new: bool,
        kiosk_id: &str,
    ) -> Result<(PathBuf, usize), String> {
        let store = self.store().map_err(|e| e.to_string())?;
        let since = match store.last_export().map_err(|e| e.to_string())? {
            Some(mark) if only_new => Since::Export(mark),
            _ => Since::Start,
        };
        let name = export::file_name(kiosk_id, Local::now());
        let (path, rows, last) = export::export_into(store, dir, &name, &since)
            .map_err(|e: ExportError| e.to_string())?;
        if let Some(last) = last {
            store
                .record_export(&last, rows, &path.display().to_string())
                .map_err(|e| e.to_string())?;
        }
        Ok((path, rows))
    }
}

impl Writer {
    /// Starts the store's thread for the store in `data_dir`. `notify` runs
    /// after every reply (the UI asks for a repaint there).
    pub fn start(data_dir: PathBuf, notify: impl Fn() + Send + 'static) -> std::io::Result<Writer> {
        let (requests, inbox) = mpsc::channel::<Request>();
        let (outbox, replies) = mpsc::channel();
        thread::Builder::new()
            .name("pledge-store".to_owned())
            .spawn(move || {
                let mut worker = Worker {
                    data_dir,
                    store: None,
                    set_aside: None,
                };
                if outbox.send(worker.open()).is_err() {
                    return;
                }
                notify();
                for request in inbox {
                    let reply = worker.handle(request);
                    if let Some(opened) = worker.set_aside.take()
                        && outbox.send(Reply::Opened(Ok(opened))).is_err()
                    {
                        break;
                    }
                    if outbox.send(reply).is_err() {
                        break;
                    }
                    notify();
                }
            })?;
        Ok(Writer { requests, replies })
    }

    /// Sends a request; false if the store's thread has gone.
    pub fn send(&self, request: Request) -> bool {
        self.requests.send(request).is_ok()
    }

    /// A reply, if one is waiting.
    pub fn try_recv(&self) -> Option<Reply> {
        self.replies.try_recv().ok()
    }
}
