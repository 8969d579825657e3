//! Photos for the screens: decoded and shrunk to the size they are shown at
//! on a named background thread, turned into textures in `logic()`, and kept
//! while they are in use. A frame never waits for a decode.

use std::{
    cell::RefCell,
    collections::{HashMap, HashSet},
    io::Cursor,
    sync::mpsc,
    thread,
};

use egui::{ColorImage, TextureHandle, TextureOptions, Vec2};

use crate::{
    content::{MAX_IMAGE_BYTES, PackSource, limits},
    screens::Images,
    widgets::ImageState,
};

/// Requested sizes are rounded down to a multiple of this many pixels, so a
/// small change of layout does not decode again.
const SIZE_STEP_PX: u32 = 64;
/// Textures not drawn for this many seconds are dropped.
const EVICT_AFTER_SECS: f64 = 20.0;

/// One photo at one size.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Key {
    file: String,
    /// The largest width and height, in pixels, the decoded image may have.
    max_px: [u32; 2],
}

enum Entry {
    Pending,
    Ready {
        texture: TextureHandle,
        last_used: f64,
    },
    Failed,
}

struct Job {
    key: Key,
    source: PackSource,
}

struct Done {
    key: Key,
    /// The decoded, shrunk image and the original's size; or why it failed.
    result: Result<(ColorImage, [u32; 2]), String>,
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
    jobs: Option<mpsc::Sender<Job>>,
    done: mpsc::Receiver<Done>,
    done_tx: mpsc::Sender<Done>,
    ctx: egui::Context,
}

impl ImageCache {
    /// A cache reading from `source`, repainting `ctx` when a photo is ready.
    pub fn new(ctx: &egui::Context, source: PackSource) -> Self {
        let (done_tx, done) = mpsc::channel();
        Self {
            source,
            entries: HashMap::new(),
            originals: HashMap::new(),
            wanted: RefCell::default(),
            used: RefCell::default(),
            jobs: None,
            done,
            done_tx,
            ctx: ctx.clone(),
        }
    }

    /// Starts the decoder thread on first use; `None` if the OS refuses a
    /// thread, in which case photos show as unavailable.
    fn jobs(&mut self) -> Option<&mpsc::Sender<Job>> {
        if self.jobs.is_none() {
            let (tx, rx) = mpsc::channel::<Job>();
            let done = self.done_tx.clone();
            let ctx = self.ctx.clone();
            let spawned = thread::Builder::new()
                .name("image-decode".to_owned())
                .spawn(move || {
                    for job in rx {
                        let result = decode(&job.source, &job.key);
                        if done
                            .send(Done {
                                key: job.key,
                                result,
                            })
                            .is_err()
                        {
                            break;
                        }
                        ctx.request_repaint();
                    }
                });
            match spawned {
                Ok(_) => self.jobs = Some(tx),
                Err(e) => {
                    eprintln!("storykiosk: cannot start the image decoder: {e}");
                    return None;
                }
            }
        }
        self.jobs.as_ref()
    }

    /// Takes finished decodes, starts requested ones, and drops textures
    /// that have not been drawn for a while. Called once per frame.
    pub fn logic(&mut self, now: f64) {
        while let Ok(done) = self.done.try_recv() {
            match done.result {
                Ok((image, original)) => {
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
                        },
                    );
                }
                Err(message) => {
                    eprintln!("storykiosk: photo {}: {message}", done.key.file);
                    self.entries.insert(done.key, Entry::Failed);
                }
            }
        }
        for key in self.used.take() {
            if let Some(Entry::Ready { last_used, .. }) = self.entries.get_mut(&key) {
                *last_used = now;
            }
        }
        let wanted: Vec<Key> = self.wanted.take().into_iter().collect();
        for key in wanted {
            if self.entries.contains_key(&key) {
                continue;
            }
            let source = self.source.clone();
            let sent = self.jobs().is_some_and(|jobs| {
                jobs.send(Job {
                    key: key.clone(),
                    source,
                })
                .is_ok()
            });
            self.entries
                .insert(key, if sent { Entry::Pending } else { Entry::Failed });
        }
        self.entries.retain(|_, entry| match entry {
            Entry::Ready { last_used, .. } => now - *last_used < EVICT_AFTER_SECS,
            Entry::Pending | Entry::Failed => true,
        });
    }

    /// Whether a photo asked for is still being decoded.
    pub fn pending(&self) -> bool {
        !self.wanted.borrow().is_empty()
            || self.entries.values().any(|e| matches!(e, Entry::Pending))
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
        let limit = self
            .ctx
            .input(|i| i.max_texture_side)
            .max(SIZE_STEP_PX as usize) as f32;
        let fit = (limit / size_px.x.max(1.0))
            .min(limit / size_px.y.max(1.0))
            .min(1.0);
        let size_px = size_px * fit;
        let mut max = [size_px.x.max(1.0) as u32, size_px.y.max(1.0) as u32];
        if let Some(orig) = self.originals.get(file) {
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
        Key {
            file: file.to_owned(),
            max_px: [step(max[0]), step(max[1])],
        }
    }
}

impl Images for ImageCache {
    fn get(&self, file: &str, size_px: Vec2) -> ImageState {
        let key = self.key(file, size_px);
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

/// Reads, decodes and shrinks one photo to fit `key.max_px`.
fn decode(source: &PackSource, key: &Key) -> Result<(ColorImage, [u32; 2]), String> {
    let bytes = source
        .read(&key.file, MAX_IMAGE_BYTES)
        .map_err(|e| e.to_string())?;
    let mut reader = image::ImageReader::new(Cursor::new(&bytes[..]))
        .with_guessed_format()
        .map_err(|e| e.to_string())?;
    let mut bounds = image::Limits::default();
    bounds.max_image_width = Some(limits::MAX_IMAGE_SIDE);
    bounds.max_image_height = Some(limits::MAX_IMAGE_SIDE);
    bounds.max_alloc = Some(limits::MAX_IMAGE_PIXELS * 4 + 1024);
    reader.limits(bounds);
    let image = reader.decode().map_err(|e| e.to_string())?;
    let original = [image.width(), image.height()];
    let [max_w, max_h] = key.max_px;
    let image = if image.width() > max_w || image.height() > max_h {
        image.resize(max_w, max_h, image::imageops::FilterType::Triangle)
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
