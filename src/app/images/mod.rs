//! Photos for the screens: decoded and shrunk to the size they are shown at
//! on a named background thread, turned into textures in `logic()`, and kept
//! while they are in use. A frame never waits for a decode.

use std::{
    cell::RefCell,
    collections::{HashMap, HashSet},
    io::Cursor,
    sync::{
        Arc, Mutex, OnceLock,
        atomic::{AtomicUsize, Ordering},
        mpsc,
    },
    thread,
};

use egui::{ColorImage, TextureHandle, TextureOptions, Vec2};

mod decode;
mod decoders;

use decode::decode;
pub use decode::decode_to_fit;
use decoders::{Decoders, Done};

use super::shrink::{area_average_rgb, fit_within};
use crate::{
    content::{MAX_IMAGE_BYTES, PackSource, limits},
    screens::Images,
    widgets::ImageState,
};

/// While more photos are still decoding, a finished one is shown within
/// this long rather than at once.
const BATCH_REPAINT: std::time::Duration = std::time::Duration::from_millis(150);

/// At most this many photos decode at once (each may briefly hold a large
/// photo's pixels).
const MAX_DECODERS: usize = 4;

/// Requested sizes are rounded down to a multiple of this many pixels, so a
/// small change of layout does not decode again.
const SIZE_STEP_PX: u32 = 64;
/// Textures not drawn for this many seconds, and for this many frames, are
/// dropped: a photo left behind frees its memory within seconds, while a
/// screen that is still (no frames drawn, like the attract loop between
/// slides) keeps the photos it shows and the one it has decoded next.
const EVICT_AFTER_SECS: f64 = 3.0;
const EVICT_AFTER_FRAMES: u64 = 10;

/// One photo at one size.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Key {
    file: String,
    /// The largest width and height, in pixels, the decoded image may have.
    max_px: [u32; 2],
}

impl Key {
    /// The key for showing `file` at `size_px` pixels: never more than
    /// `limit` pixels a side (the largest texture), nor larger than the
    /// `original`, when known; rounded down to [`SIZE_STEP_PX`].
    fn new(file: &str, size_px: Vec2, limit: usize, original: Option<[u32; 2]>) -> Self {
        let limit = limit.max(SIZE_STEP_PX as usize) as f32;
        let fit = (limit / size_px.x.max(1.0))
            .min(limit / size_px.y.max(1.0))
            .min(1.0);
        let size_px = size_px * fit;
        let mut max = [size_px.x.max(1.0) as u32, size_px.y.max(1.0) as u32];
        if let Some(orig) = original {
            // Scale the box down (keeping its shape) so it is no larger than
            // the photo itself: a bigger texture would add nothing.
            let scale = (orig[0] as f32 / max[0] as f32).min(orig[1] as f32 / max[1] as f32);
            if scale < 1.0 {
                max = [
                    (max[0] as f32 * scale) as u32,
                    (max[1] as f32 * scale) as u32,
                ];
            }
        }
        let step = |v: u32| (v / SIZE_STEP_PX * SIZE_STEP_PX).max(SIZE_STEP_PX);
        Self {
            file: file.to_owned(),
            max_px: [step(max[0]), step(max[1])],
        }
    }
}

enum Entry {
    Pending,
    Ready {
        texture: TextureHandle,
        last_used: f64,
        last_frame: u64,
    },
    Failed,
}

/// Photos sent to the decoders before the window is open, at the sizes the
/// first frame is expected to ask for (`app::prefetch` makes the guess):
/// on two cores, one is otherwise idle while the other opens the window.
pub struct Prefetch {
    decoders: Decoders,
    keys: Vec<Key>,
}

impl Prefetch {
    /// Starts the decoders on `requests` (a file in `source`, and the size
    /// in pixels it will be shown at, on a GPU whose largest texture is
    /// `limit` pixels a side). `None` if no decoder thread can start.
    pub fn start(source: &PackSource, requests: &[(String, Vec2)], limit: usize) -> Option<Self> {
        let decoders = Decoders::start(Decoders::per_core())?;
        let mut keys = Vec::new();
        for (file, size_px) in requests {
            let key = Key::new(file, *size_px, limit, None);
            if !keys.contains(&key) && decoders.send(key.clone(), source.clone(), true) {
                keys.push(key);
            }
        }
        Some(Self { decoders, keys })
    }

    /// How many photos were sent.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether no photo was sent.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

/// The photo cache.
pub struct ImageCache {
    source: PackSource,
    entries: HashMap<Key, Entry>,
    /// Each file's full size, once known: requests never exceed it.
    originals: HashMap<String, [u32; 2]>,
    /// Asked for during this frame; sent to the decoder in `logic()`.
    wanted: RefCell<HashSet<Key>>,
    /// Drawn during this frame.
    used: RefCell<HashSet<Key>>,
    /// Files said not to be needed for a while (`Images::release`).
    released: RefCell<HashSet<String>>,
    /// Started on first use, or handed over by a [`Prefetch`].
    decoders: Option<Decoders>,
    ctx: egui::Context,
    /// Frames seen by `logic()`.
    frame: u64,
    /// Prefetched photos, until the first frame has shown which of them it
    /// wants.
    prefetched: HashSet<Key>,
    /// What the first frame asked for, while `prefetched` is not empty.
    asked: RefCell<HashSet<Key>>,
    /// Decodes the frames have sent (a prefetch's not counted).
    sent: usize,
    /// The zoom of the last frame, in pixels per point.
    last_pixels_per_point: f32,
}

impl ImageCache {
    /// A cache reading from `source`, repainting `ctx` when a photo is ready.
    pub fn new(ctx: &egui::Context, source: PackSource) -> Self {
        Self {
            source,
            entries: HashMap::new(),
            originals: HashMap::new(),
            wanted: RefCell::default(),
            used: RefCell::default(),
            released: RefCell::default(),
            decoders: None,
            ctx: ctx.clone(),
            frame: 0,
            prefetched: HashSet::new(),
            asked: RefCell::default(),
            sent: 0,
            last_pixels_per_point: 0.0,
        }
    }

    /// A cache that takes over a prefetch's decoders and photos. Photos
    /// no frame asks for once the zoom is settled are dropped (skipped,
    /// when their decode has not started).
    pub fn with_prefetch(ctx: &egui::Context, source: PackSource, prefetch: Prefetch) -> Self {
        let mut cache = Self::new(ctx, source);
        for key in &prefetch.keys {
            cache.entries.insert(key.clone(), Entry::Pending);
        }
        cache.prefetched = prefetch.keys.into_iter().collect();
        let mut decoders = prefetch.decoders;
        decoders.grow_to(Decoders::per_core());
        cache.adopt(decoders);
        // Whatever finished before the context existed woke nobody.
        ctx.request_repaint();
        cache
    }

    /// The decoder threads, started on first use; `None` if the OS refuses
    /// every thread, in which case photos show as unavailable.
    fn decoders(&mut self) -> Option<&Decoders> {
        if self.decoders.is_none()
            && let Some(decoders) = Decoders::start(Decoders::per_core())
        {
            self.adopt(decoders);
        }
        self.decoders.as_ref()
    }

    /// Makes `decoders` this cache's, waking its context when a photo is
    /// ready.
    fn adopt(&mut self, decoders: Decoders) {
        // Already set only if another cache had these decoders, which
        // `Prefetch` (taken by value) and `Decoders::start` rule out.
        let _ = decoders.repaint.set(self.ctx.clone());
        self.decoders = Some(decoders);
    }

    /// Takes finished decodes, starts requested ones, and drops textures
    /// that have not been drawn for a while. Called once per frame.
    pub fn logic(&mut self, now: f64) {
        self.frame += 1;
        let frame = self.frame;
        // Decided once the last frame was drawn at the zoom this one is:
        // a frame at another zoom asks for other sizes.
        let pixels_per_point = self.ctx.pixels_per_point();
        if frame >= 2
            && !self.prefetched.is_empty()
            && pixels_per_point == self.last_pixels_per_point
        {
            self.drop_unasked_prefetches();
        }
        self.last_pixels_per_point = pixels_per_point;
        let finished: Vec<Done> = self
            .decoders
            .as_ref()
            .map(|d| d.done.try_iter().collect())
            .unwrap_or_default();
        for done in finished {
            if !matches!(self.entries.get(&done.key), Some(Entry::Pending)) {
                // A prefetch dropped while it decoded: nobody wants it.
                continue;
            }
            match done.result {
                None => {}
                Some(Ok((image, original))) => {
                    self.originals.insert(done.key.file.clone(), original);
                    let name = format!(
                        "{}@{}x{}",
                        done.key.file, done.key.max_px[0], done.key.max_px[1]
                    );
                    let texture = self.ctx.load_texture(name, image, TextureOptions::LINEAR);
                    self.entries.insert(
                        done.key,
                        Entry::Ready {
                            texture,
                            last_used: now,
                            last_frame: frame,
                        },
                    );
                }
                Some(Err(message)) => {
                    eprintln!("storykiosk: photo {}: {message}", done.key.file);
                    self.entries.insert(done.key, Entry::Failed);
                }
            }
        }
        let used = self.used.take();
        for key in &used {
            if let Some(Entry::Ready {
                last_used,
                last_frame,
                ..
            }) = self.entries.get_mut(key)
            {
                *last_used = now;
                *last_frame = frame;
            }
        }
        self.dispatch();
        let released = self.released.take();
        self.entries.retain(|key, entry| match entry {
            Entry::Ready { .. } if released.contains(&key.file) && !used.contains(key) => false,
            Entry::Ready {
                last_used,
                last_frame,
                ..
            } => now - *last_used < EVICT_AFTER_SECS || frame - *last_frame < EVICT_AFTER_FRAMES,
            Entry::Pending | Entry::Failed => true,
        });
    }

    /// Once the frames are drawn at their final size: the prefetched photos
    /// they did not ask for (a wrong guess of the window's size, say) are
    /// not decoded after all.
    fn drop_unasked_prefetches(&mut self) {
        let asked = self.asked.take();
        let unasked: HashSet<Key> = self
            .prefetched
            .drain()
            .filter(|key| !asked.contains(key))
            .collect();
        if unasked.is_empty() {
            return;
        }
        for key in &unasked {
            if matches!(self.entries.get(key), Some(Entry::Pending)) {
                self.entries.remove(key);
            }
        }
        if let Some(mut unwanted) = self.decoders.as_ref().and_then(|d| d.unwanted.lock().ok()) {
            unwanted.extend(unasked);
        }
    }

    /// Sends the photos asked for since the last call to the decoders.
    /// Called at the end of every frame's `ui()`, so a decode starts while
    /// that frame is still being rendered rather than a frame later.
    pub fn dispatch(&mut self) {
        let wanted: Vec<Key> = self.wanted.take().into_iter().collect();
        for key in wanted {
            if self.entries.contains_key(&key) {
                continue;
            }
            let source = self.source.clone();
            let sent = self
                .decoders()
                .is_some_and(|d| d.send(key.clone(), source, false));
            self.sent += usize::from(sent);
            self.entries
                .insert(key, if sent { Entry::Pending } else { Entry::Failed });
        }
    }

    /// Whether a photo asked for is still being decoded.
    pub fn pending(&self) -> bool {
        !self.wanted.borrow().is_empty()
            || self.entries.values().any(|e| matches!(e, Entry::Pending))
    }

    /// How many decodes the frames have sent, not counting a prefetch's.
    pub fn sent(&self) -> usize {
        self.sent
    }

    /// How many photos the last frame drew (decoded, at any size).
    pub fn drawn(&self) -> usize {
        self.used.borrow().len()
    }

    /// The pixels held in textures, for memory reports.
    pub fn texture_pixels(&self) -> usize {
        self.entries
            .values()
            .map(|e| match e {
                Entry::Ready { texture, .. } => texture.size()[0] * texture.size()[1],
                _ => 0,
            })
            .sum()
    }

    fn key(&self, file: &str, size_px: Vec2) -> Key {
        // Never ask for more than the GPU can hold in one texture.
        let limit = self.ctx.input(|i| i.max_texture_side);
        Key::new(file, size_px, limit, self.originals.get(file).copied())
    }
}

impl Images for ImageCache {
    fn get(&self, file: &str, size_px: Vec2) -> ImageState {
        let key = self.key(file, size_px);
        if !self.prefetched.is_empty() {
            self.asked.borrow_mut().insert(key.clone());
        }
        match self.entries.get(&key) {
            Some(Entry::Ready { texture, .. }) => {
                self.used.borrow_mut().insert(key);
                let [w, h] = texture.size();
                ImageState::Ready {
                    texture: texture.id(),
                    size: Vec2::new(w as f32, h as f32),
                }
            }
            Some(Entry::Failed) => ImageState::Failed,
            Some(Entry::Pending) => self.fallback(file),
            None => {
                self.wanted.borrow_mut().insert(key);
                self.fallback(file)
            }
        }
    }

    fn release(&self, file: &str) {
        self.released.borrow_mut().insert(file.to_owned());
    }
}

impl ImageCache {
    /// While the right size decodes, any size of the same photo will do.
    fn fallback(&self, file: &str) -> ImageState {
        let other = self.entries.iter().find_map(|(k, e)| match e {
            Entry::Ready { texture, .. } if k.file == file => Some((k.clone(), texture)),
            _ => None,
        });
        match other {
            Some((key, texture)) => {
                self.used.borrow_mut().insert(key);
                let [w, h] = texture.size();
                ImageState::Ready {
                    texture: texture.id(),
                    size: Vec2::new(w as f32, h as f32),
                }
            }
            None => ImageState::Loading,
        }
    }
}
