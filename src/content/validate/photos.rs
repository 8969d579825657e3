//! The photos' checks: ids, texts and focal points, and each image file
//! (there, not too big, whole, decodable, and sharp enough full screen).

use std::{collections::BTreeSet, io::Cursor};

use super::{Checker, limits};
use crate::content::{
    ImageCheck, MAX_IMAGE_BYTES, PackSource,
    locate::{field, index},
    model::*,
};

pub(super) fn photos(c: &mut Checker<'_>, p: &Photos, source: &PackSource, images: ImageCheck) {
    if p.photos.is_empty() {
        c.error("photos", "list at least one photo");
    }
    let mut ids = BTreeSet::new();
    for (i, photo) in p.photos.iter().enumerate() {
        let path = index("photos", i);
        if photo.id.trim().is_empty() {
            c.error(&field(&path, "id"), "the photo id is empty");
        } else if !ids.insert(photo.id.as_str()) {
            c.error(
                &field(&path, "id"),
                format!("the photo id {:?} is used twice", photo.id),
            );
        }
        c.text(&field(&path, "caption"), &photo.caption, limits::CAPTION);
        c.text(&field(&path, "credit"), &photo.credit, limits::CREDIT);
        c.text(&field(&path, "alt"), &photo.alt, limits::ALT);
        let fp = photo.focal_point;
        if !(0.0..=1.0).contains(&fp.x) || !(0.0..=1.0).contains(&fp.y) {
            c.error(
                &field(&path, "focal_point"),
                "the focal point's x and y must each be from 0.0 to 1.0",
            );
        }
        if images != ImageCheck::Skip {
            match check_image(source, &photo.file, images) {
                Err(message) => {
                    c.error(&field(&path, "file"), format!("{}: {message}", photo.file));
                }
                Ok(size) => {
                    if let Some(message) = too_small(size) {
                        c.warn(&field(&path, "file"), format!("{}: {message}", photo.file));
                    }
                }
            }
        }
    }
}

/// How much the full-screen photo viewer may enlarge a photo on a
/// 1920×1080 screen before it looks blurred from a step away.
const MAX_ENLARGEMENT: f64 = 1.5;

/// A warning when a photo of `size` pixels is so small that the
/// full-screen viewer enlarges it past [`MAX_ENLARGEMENT`] on a 1080p
/// screen (the viewer fits it to the screen, whichever side is tighter).
fn too_small([w, h]: [u32; 2]) -> Option<String> {
    let enlarged = (1920.0 / f64::from(w.max(1))).min(1080.0 / f64::from(h.max(1)));
    (enlarged > MAX_ENLARGEMENT).then(|| {
        format!(
            "the image is {w}×{h} pixels: the full-screen viewer shows it {enlarged:.1} times its size on a 1920×1080 screen, and it looks blurred; use one at least 1920 pixels wide or 1080 tall (about 2400×1600 is plenty)"
        )
    })
}

/// Checks one image file; the error says what is wrong with it. Returns its
/// size in pixels.
pub(super) fn check_image(
    source: &PackSource,
    file: &str,
    how: ImageCheck,
) -> Result<[u32; 2], String> {
    let bytes = source
        .read(file, MAX_IMAGE_BYTES)
        .map_err(|e| e.to_string())?;
    let is_jpeg = reader_format_is_jpeg(&bytes);
    // A JPEG's size comes from the same walk that checks it is whole (the
    // general reader would first copy the file).
    let walk = is_jpeg.then(|| jpeg_walk(&bytes));
    let (w, h) = match walk {
        Some(JpegWalk {
            size: Some([w, h]), ..
        }) => (w, h),
        _ => {
            let reader = image::ImageReader::new(Cursor::new(&bytes[..]))
                .with_guessed_format()
                .map_err(|e| e.to_string())?;
            match reader.format() {
                Some(image::ImageFormat::Jpeg | image::ImageFormat::Png) => {}
                _ => return Err("not a JPEG or PNG image".to_owned()),
            }
            reader
                .into_dimensions()
                .map_err(|e| format!("cannot read the image: {e}"))?
        }
    };
    if w == 0
        || h == 0
        || w > limits::MAX_IMAGE_SIDE
        || h > limits::MAX_IMAGE_SIDE
        || u64::from(w) * u64::from(h) > limits::MAX_IMAGE_PIXELS
    {
        return Err(format!(
            "the image is {w}×{h} pixels; at most {} pixels a side and {} megapixels fit",
            limits::MAX_IMAGE_SIDE,
            limits::MAX_IMAGE_PIXELS / 1_000_000
        ));
    }
    if walk.is_some_and(|walk| !walk.complete) {
        // The JPEG decoder fills a cut-off file with grey rather than fail.
        return Err("the JPEG file is cut off before its end; copy it again".to_owned());
    }
    if how == ImageCheck::Decode {
        let mut reader = image::ImageReader::new(Cursor::new(&bytes[..]))
            .with_guessed_format()
            .map_err(|e| e.to_string())?;
        let mut limits = image::Limits::default();
        limits.max_image_width = Some(limits::MAX_IMAGE_SIDE);
        limits.max_image_height = Some(limits::MAX_IMAGE_SIDE);
        limits.max_alloc = Some(limits::MAX_IMAGE_PIXELS * 4 + 1024);
        reader.limits(limits);
        reader
            .decode()
            .map_err(|e| format!("cannot decode the image: {e}"))?;
    }
    Ok([w, h])
}

fn reader_format_is_jpeg(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xFF, 0xD8])
}

/// What walking a JPEG's marker segments found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct JpegWalk {
    /// Width and height from the frame header, if the walk reached one.
    pub size: Option<[u32; 2]>,
    /// Whether the walk reached the end-of-image marker: the file is whole.
    pub complete: bool,
}

/// Walks a JPEG's marker segments to its end-of-image marker, reading the
/// image's size from the frame header on the way.
fn jpeg_walk(b: &[u8]) -> JpegWalk {
    let mut found = JpegWalk {
        size: None,
        complete: false,
    };
    let mut i = 2;
    loop {
        if b.get(i) != Some(&0xFF) {
            return found;
        }
        i += 1;
        // Any number of 0xFF fill bytes may precede a marker.
        let marker = loop {
            match b.get(i) {
                Some(0xFF) => i += 1,
                Some(&m) => {
                    i += 1;
                    break m;
                }
                None => return found,
            }
        };
        match marker {
            0xD9 => {
                found.complete = true;
                return found;
            }
            0x01 | 0xD0..=0xD7 => continue,
            _ => {
                let (Some(&hi), Some(&lo)) = (b.get(i), b.get(i + 1)) else {
                    return found;
                };
                let len = usize::from(u16::from_be_bytes([hi, lo]));
                if len < 2 {
                    return found;
                }
                // Start of frame (any coding but the DHT, JPG and DAC
                // markers that share the range): precision, height, width.
                if matches!(marker, 0xC0..=0xCF)
                    && !matches!(marker, 0xC4 | 0xC8 | 0xCC)
                    && found.size.is_none()
                    && let Some(&[_, h1, h0, w1, w0]) = b.get(i + 2..i + 7)
                {
                    found.size = Some([
                        u32::from(u16::from_be_bytes([w1, w0])),
                        u32::from(u16::from_be_bytes([h1, h0])),
                    ]);
                }
                i += len;
                if marker == 0xDA {
                    // Entropy-coded data runs until a marker other than a
                    // stuffed 0xFF00 or a restart marker; memchr finds each
                    // 0xFF many bytes at a time.
                    loop {
                        let Some(at) = b.get(i..).and_then(|rest| memchr::memchr(0xFF, rest))
                        else {
                            return found;
                        };
                        i += at;
                        match b.get(i + 1) {
                            Some(&n) if n != 0 && !(0xD0..=0xD7).contains(&n) => break,
                            Some(_) => i += 1,
                            None => return found,
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "a test: a failed step should stop it")]

    use super::{JpegWalk, jpeg_walk};

    /// A small JPEG with busy pixels, so its compressed data holds stuffed
    /// 0xFF bytes.
    fn jpeg(w: u32, h: u32) -> Vec<u8> {
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let img = image::RgbImage::from_fn(w, h, |_, _| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let [r, g, b, ..] = seed.to_le_bytes();
            image::Rgb([r, g, b])
        });
        let mut out = Vec::new();
        img.write_with_encoder(image::codecs::jpeg::JpegEncoder::new_with_quality(
            &mut std::io::Cursor::new(&mut out),
            95,
        ))
        .unwrap();
        out
    }

    #[test]
    fn a_whole_jpeg_gives_its_size_and_every_cut_off_one_is_not_whole() {
        let whole = jpeg(97, 41);
        assert!(
            whole.windows(2).any(|p| p == [0xFF, 0x00]),
            "the test image should hold stuffed bytes"
        );
        assert_eq!(
            jpeg_walk(&whole),
            JpegWalk {
                size: Some([97, 41]),
                complete: true
            }
        );
        for len in 0..whole.len() {
            assert!(
                !jpeg_walk(&whole[..len]).complete,
                "cut at {len} of {}",
                whole.len()
            );
        }
        // Data after the end (a phone's motion photo) does not matter.
        let mut longer = whole.clone();
        longer.extend_from_slice(b"\0\0ftypmp42");
        assert!(jpeg_walk(&longer).complete);
    }

    #[test]
    fn fill_bytes_before_a_marker_are_skipped() {
        let whole = jpeg(16, 16);
        let eoi = whole.len() - 2;
        let mut filled = whole[..eoi].to_vec();
        filled.extend_from_slice(&[0xFF, 0xFF, 0xFF]);
        filled.extend_from_slice(&whole[eoi..]);
        assert_eq!(jpeg_walk(&filled), jpeg_walk(&whole));
    }
}
