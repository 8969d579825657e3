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

struct Job {
    key: Key,
    source: PackSource,
    /// Sent before the first frame, on a guess of what it will ask for.
    prefetch: bool,
}

struct Done {
    key: Key,
    /// The decoded, shrunk image and the original's size; or why it
    /// failed; `None` for a prefetch nobody wanted, skipped.
    result: Option<Result<(ColorImage, [u32; 2]), String>>,
}

/// The decoder threads and their queues.
struct Decoders {
    jobs: mpsc::Sender<Job>,
    /// The decoder threads take their jobs from here.
    rx: Arc<Mutex<mpsc::Receiver<Job>>>,
    done: mpsc::Receiver<Done>,
    done_tx: mpsc::Sender<Done>,
    /// Decoder threads running.
    threads: usize,
    /// Decodes sent and not yet finished.
    in_flight: Arc<AtomicUsize>,
    /// Woken when a photo is ready; set once the app has its context (a
    /// prefetch starts before the window exists).
    repaint: Arc<OnceLock<egui::Context>>,
    /// Prefetched photos the first frame did not ask for: skipped if their
    /// decode has not started.
    unwanted: Arc<Mutex<HashSet<Key>>>,
}

impl Decoders {
    /// Starts `threads` decoder threads; `None` if the OS refuses every
    /// one.
    fn start(threads: usize) -> Option<Self> {
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
    /// held the same memory (docs/PERFORMANCE.md, "Memory over time").
    fn per_core() -> usize {
        thread::available_parallelism()
            .map_or(1, |n| n.get() + 1)
            .clamp(1, MAX_DECODERS)
    }

    /// Starts more decoder threads, up to `threads` in all.
    fn grow_to(&mut self, threads: usize) {
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
    fn send(&self, key: Key, source: PackSource, prefetch: bool) -> bool {
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

/// A JPEG decoded straight at the smallest of 1/8, 1/4, 1/2 or full size
/// that still covers `max_px`, then shrunk to fit: a 24-megapixel photo for a
/// tile costs a fraction of a full decode. `None` for what this decoder does
/// not handle (CMYK, 16-bit, arithmetic coding, a damaged file): the general
/// decoder then tries, and reports the error if it fails too.
fn decode_jpeg_scaled(
    bytes: &[u8],
    max_px: [u32; 2],
) -> Option<Result<(ColorImage, [u32; 2]), String>> {
    // Read from the slice itself: jpeg-decoder reads the compressed data a
    // byte at a time, and through a `Cursor` each byte costs a call (a peer
    // photo at a quarter size: 36-45 ms that way, 30-31 ms this way).
    let mut decoder = jpeg_decoder::Decoder::new(bytes);
    decoder.read_info().ok()?;
    let info = decoder.info()?;
    let original = [u32::from(info.width), u32::from(info.height)];
    if original[0] > limits::MAX_IMAGE_SIDE
        || original[1] > limits::MAX_IMAGE_SIDE
        || u64::from(original[0]) * u64::from(original[1]) > limits::MAX_IMAGE_PIXELS
    {
        return Some(Err(format!(
            "{}×{} pixels is more than a photo may have",
            original[0], original[1]
        )));
    }
    // The size the photo is shown at: `max_px`, keeping its shape.
    let fit = (max_px[0] as f32 / original[0] as f32)
        .min(max_px[1] as f32 / original[1] as f32)
        .min(1.0);
    let want = |side: u32| ((side as f32 * fit).ceil() as u32).clamp(1, u32::from(u16::MAX)) as u16;
    let (w, h) = decoder.scale(want(original[0]), want(original[1])).ok()?;
    let pixels = decoder.decode().ok()?;
    let decoded = [usize::from(w), usize::from(h)];
    let rgb = match decoder.info()?.pixel_format {
        jpeg_decoder::PixelFormat::RGB24 => pixels,
        jpeg_decoder::PixelFormat::L8 => pixels.iter().flat_map(|&v| [v, v, v]).collect(),
        jpeg_decoder::PixelFormat::L16 | jpeg_decoder::PixelFormat::CMYK32 => return None,
    };
    if rgb.len() != decoded[0] * decoded[1] * 3 {
        return None;
    }
    let size = if u32::from(w) > max_px[0] || u32::from(h) > max_px[1] {
        fit_within([u32::from(w), u32::from(h)], max_px).map(|v| v as usize)
    } else {
        decoded
    };
    let rgb = if size == decoded {
        rgb
    } else {
        area_average_rgb(&rgb, decoded, size)
    };
    Some(Ok((ColorImage::from_rgb(size, &rgb), original)))
}

/// Reads, decodes and shrinks one photo to fit `key.max_px`.
fn decode(source: &PackSource, key: &Key) -> Result<(ColorImage, [u32; 2]), String> {
    let bytes = source
        .read(&key.file, MAX_IMAGE_BYTES)
        .map_err(|e| e.to_string())?;
    decode_to_fit(&bytes, key.max_px)
}

/// Decodes a JPEG or PNG and shrinks it to fit within `max_px` (width,
/// height), keeping its shape; also returns the original size. What the
/// decoder thread does with every photo (public for the benches).
pub fn decode_to_fit(bytes: &[u8], max_px: [u32; 2]) -> Result<(ColorImage, [u32; 2]), String> {
    if bytes.starts_with(&[0xFF, 0xD8])
        && let Some(done) = decode_jpeg_scaled(bytes, max_px)
    {
        return done;
    }
    let mut reader = image::ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| e.to_string())?;
    let mut bounds = image::Limits::default();
    bounds.max_image_width = Some(limits::MAX_IMAGE_SIDE);
    bounds.max_image_height = Some(limits::MAX_IMAGE_SIDE);
    bounds.max_alloc = Some(limits::MAX_IMAGE_PIXELS * 4 + 1024);
    reader.limits(bounds);
    let image = reader.decode().map_err(|e| e.to_string())?;
    let original = [image.width(), image.height()];
    let [max_w, max_h] = max_px;
    let image = if image.width() > max_w || image.height() > max_h {
        // Area averaging in integers: as sharp as a triangle filter when
        // shrinking, several times faster, and with no float copy of the
        // whole photo (29 MB for a 2000 px one, measured with heaptrack).
        image.thumbnail(max_w, max_h)
    } else {
        image
    };
    let rgba = image.to_rgba8();
    let size = [rgba.width() as usize, rgba.height() as usize];
    Ok((
        ColorImage::from_rgba_unmultiplied(size, rgba.as_raw()),
        original,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jpeg(image: image::DynamicImage) -> Vec<u8> {
        let mut out = Vec::new();
        image
            .write_with_encoder(image::codecs::jpeg::JpegEncoder::new_with_quality(
                &mut Cursor::new(&mut out),
                95,
            ))
            .unwrap_or_else(|e| panic!("encoding a test JPEG: {e}"));
        out
    }

    #[test]
    fn a_greyscale_jpeg_comes_out_grey_and_fits_the_box() {
        let grey = image::GrayImage::from_fn(640, 480, |x, _| image::Luma([(x / 3) as u8]));
        let bytes = jpeg(image::DynamicImage::ImageLuma8(grey));
        let (image, original) = decode_to_fit(&bytes, [200, 200]).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(original, [640, 480]);
        assert_eq!(image.size, [200, 150]);
        assert!(
            image
                .pixels
                .iter()
                .all(|p| p.r() == p.g() && p.g() == p.b())
        );
        // The ramp survives the shrink: dark on the left, light on the right.
        let row = &image.pixels[75 * 200..76 * 200];
        assert!(
            row[5].r() < 20 && row[194].r() > 190,
            "{:?} {:?}",
            row[5],
            row[194]
        );
    }

    #[test]
    fn a_colour_jpeg_keeps_its_colour_when_shrunk() {
        let red = image::RgbImage::from_pixel(600, 400, image::Rgb([200, 30, 40]));
        let bytes = jpeg(image::DynamicImage::ImageRgb8(red));
        let (image, _) = decode_to_fit(&bytes, [384, 256]).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(image.size, [384, 256]);
        let p = image.pixels[128 * 384 + 192];
        assert!(
            p.r().abs_diff(200) <= 4 && p.g().abs_diff(30) <= 4 && p.b().abs_diff(40) <= 4,
            "{p:?}"
        );
    }
}
