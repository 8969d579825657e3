//! Decoding one photo to the size it is shown at: a JPEG scaled while it
//! decodes (DCT scaling), anything else decoded and shrunk by averaging.

use super::*;

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
pub(super) fn decode(source: &PackSource, key: &Key) -> Result<(ColorImage, [u32; 2]), String> {
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
