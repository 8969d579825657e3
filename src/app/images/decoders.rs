//! The decoder threads: a queue of photos to decode at a size, as many
//! threads as the cores allow (at most [`MAX_DECODERS`]), and a queue of
//! what they made.

use super::*;

pub(super) struct Job {
    pub(super) key: Key,
    pub(super) source: PackSource,
    /// Sent before the first frame, on a guess of what it will ask for.
    pub(super) prefetch: bool,
}

pub(super) struct Done {
    pub(super) key: Key,
    /// The decoded, shrunk image and the original's size; or why it
    /// failed; `None` for a prefetch nobody wanted, skipped.
    pub(super) result: Option<Result<(ColorImage, [u32; 2]), String>>,
}

/// The decoder threads and their queues.
pub(super) struct Decoders {
    pub(super) jobs: mpsc::Sender<Job>,
    /// The decoder threads take their jobs from here.
    pub(super) rx: Arc<Mutex<mpsc::Receiver<Job>>>,
    pub(super) done: mpsc::Receiver<Done>,
    pub(super) done_tx: mpsc::Sender<Done>,
    /// Decoder threads running.
    pub(super) threads: usize,
    /// Decodes sent and not yet finished.
    pub(super) in_flight: Arc<AtomicUsize>,
    /// Woken when a photo is ready; set once the app has its context (a
    /// prefetch starts before the window exists).
    pub(super) repaint: Arc<OnceLock<egui::Context>>,
    /// Prefetched photos the first frame did not ask for: skipped if their
    /// decode has not started.
    pub(super) unwanted: Arc<Mutex<HashSet<Key>>>,
}

impl Decoders {
    /// Starts `threads` decoder threads; `None` if the OS refuses every
    /// one.
    pub(super) fn start(threads: usize) -> Option<Self> {
        let (jobs, rx) = mpsc::channel::<Job>();
        let (done_tx, done) = mpsc::channel();
        let mut decoders = Self {
            jobs,
            rx: Arc::new(Mutex::new(rx)),
            done,
            done_tx,
            threads: 0,
            in_flight: Arc::new(AtomicUsize::new(0)),
            repaint: Arc::new(OnceLock::new()),
            unwanted: Arc::new(Mutex::new(HashSet::new())),
        };
        decoders.grow_to(threads);
        (decoders.threads > 0).then_some(decoders)
    }

    /// One decoder more than there are cores, at most [`MAX_DECODERS`].
    ///
    /// On a software renderer each frame drawn while photos decode runs a
    /// thread per core too, and with one decoder per core the decoders got
    /// about half the machine. On two cores, a third decoder showed the
    /// peer's photos on the photo panels 47 ms sooner (settle median 408 →
    /// 361 ms, 6 alternating `measure.sh` pairs, with the prefetch), and
    /// 58 ms sooner without it. A 12-minute soak of each, side by side,
    /// held the same memory (docs/PERFORMANCE.md, "Decisions, and the measurements behind them").
    pub(super) fn per_core() -> usize {
        thread::available_parallelism()
            .map_or(1, |n| n.get() + 1)
            .clamp(1, MAX_DECODERS)
    }

    /// Starts more decoder threads, up to `threads` in all.
    pub(super) fn grow_to(&mut self, threads: usize) {
        while self.threads < threads {
            let rx = Arc::clone(&self.rx);
            let done = self.done_tx.clone();
            let repaint = Arc::clone(&self.repaint);
            let in_flight = Arc::clone(&self.in_flight);
            let unwanted = Arc::clone(&self.unwanted);
            let spawned = thread::Builder::new()
                .name("image-decode".to_owned())
                .spawn(move || {
                    loop {
                        // Holds the lock only to take the next job.
                        let job = match rx.lock() {
                            Ok(rx) => rx.recv(),
                            Err(_) => break,
                        };
                        let Ok(job) = job else { break };
                        let skip = job.prefetch
                            && unwanted
                                .lock()
                                .is_ok_and(|unwanted| unwanted.contains(&job.key));
                        let result = (!skip).then(|| decode(&job.source, &job.key));
                        if done
                            .send(Done {
                                key: job.key,
                                result,
                            })
                            .is_err()
                        {
                            break;
                        }
                        // The last of a batch repaints at once; earlier
                        // ones wait a moment, so a screen of photos costs
                        // a frame or two rather than one per photo (each
                        // frame takes CPU from the decoders). Before the
                        // app exists there is nothing to wake: its first
                        // frame takes whatever is done.
                        let last = in_flight.fetch_sub(1, Ordering::AcqRel) <= 1;
                        if let Some(ctx) = repaint.get() {
                            if last {
                                ctx.request_repaint();
                            } else {
                                ctx.request_repaint_after(BATCH_REPAINT);
                            }
                        }
                    }
                });
            match spawned {
                Ok(_) => self.threads += 1,
                Err(e) => {
                    eprintln!("storykiosk: cannot start an image decoder: {e}");
                    break;
                }
            }
        }
    }

    /// Queues a decode; false if the decoders have all stopped.
    pub(super) fn send(&self, key: Key, source: PackSource, prefetch: bool) -> bool {
        self.in_flight.fetch_add(1, Ordering::AcqRel);
        let sent = self
            .jobs
            .send(Job {
                key,
                source,
                prefetch,
            })
            .is_ok();
        if !sent {
            self.in_flight.fetch_sub(1, Ordering::AcqRel);
        }
        sent
    }
}
