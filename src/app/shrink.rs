//! Shrinking decoded photos to the size they are shown at: area averaging
//! (each output pixel is the mean of the source pixels it covers, weighted
//! by how much of each it covers), in two passes of integer arithmetic.
//!
//! `image`'s `thumbnail` averages too, but reads every pixel through its
//! generic pixel accessors: 7.7 ms to take a 600×400 decode to 384×256 with
//! the release build's `opt-level = "s"`, against 2.6 ms here (medians of
//! 25 on this machine). Every photo on a panel goes through this once.

/// Bits of fraction in the weights: each output pixel's weights add up to
/// exactly `1 << WEIGHT_BITS`.
const WEIGHT_BITS: u32 = 14;
/// Bits of fraction kept between the passes: the first pass's sums (which
/// carry `WEIGHT_BITS`) are rounded to this many, so that the second pass's
/// sums stay well within `u32` (255 << 6 << 14 < 2^28).
const KEEP_BITS: u32 = 6;

/// How the source pixels along one axis fall into the output pixels.
struct Axis {
    /// For each output pixel, its first source pixel.
    first: Vec<usize>,
    /// How many source pixels one output pixel can cover; `weights` holds
    /// this many per output pixel (zero past the edge).
    taps: usize,
    weights: Vec<u32>,
}

impl Axis {
    /// `src` pixels into `dst` pixels, `1 <= dst <= src`.
    fn new(src: usize, dst: usize) -> Self {
        let scale = src as f64 / dst as f64;
        let taps = scale.ceil() as usize + 1;
        let one = 1u32 << WEIGHT_BITS;
        let mut first = Vec::with_capacity(dst);
        let mut weights = vec![0u32; dst * taps];
        for (i, row) in weights.chunks_exact_mut(taps).enumerate() {
            let start = i as f64 * scale;
            let end = (start + scale).min(src as f64);
            let first_px = (start.floor() as usize).min(src - 1);
            first.push(first_px);
            for (t, w) in row.iter_mut().enumerate() {
                let px = (first_px + t) as f64;
                let covered = (end.min(px + 1.0) - start.max(px)).max(0.0);
                *w = (covered / scale * f64::from(one)).round() as u32;
            }
            // Rounding may leave the sum a little off one: the largest
            // weight takes the difference, so a flat colour stays exact.
            let total: u32 = row.iter().sum();
            if let Some(largest) = row.iter_mut().max_by_key(|w| **w) {
                *largest = (*largest + one).saturating_sub(total);
            }
        }
        Self {
            first,
            taps,
            weights,
        }
    }
}

/// Shrinks RGB `pixels` (`size[0]` × `size[1]`, rows packed) to `to`,
/// which must be no larger on either side. Channels are averaged as they
/// are (no gamma), as `image`'s `thumbnail` does.
pub fn area_average_rgb(pixels: &[u8], size: [usize; 2], to: [usize; 2]) -> Vec<u8> {
    const N: usize = 3;
    let [sw, sh] = size;
    let [dw, dh] = [to[0].clamp(1, sw.max(1)), to[1].clamp(1, sh.max(1))];
    if sw == 0 || sh == 0 || pixels.len() < sw * sh * N {
        return vec![0; dw * dh * N];
    }
    if [dw, dh] == size {
        return pixels[..sw * sh * N].to_vec();
    }
    // Plain index loops with the three channels written out: with
    // `opt-level = "s"`, iterator adaptors such as `zip` and loops over the
    // channels are left as they are, which tripled the time.
    // Across: every source row to `dw` pixels, kept with `KEEP_BITS` of
    // fraction.
    let across = Axis::new(sw, dw);
    let taps = across.taps;
    let mut rows = vec![0u16; dw * sh * N];
    let shift = WEIGHT_BITS - KEEP_BITS;
    let half = 1u32 << (shift - 1);
    for y in 0..sh {
        let src = &pixels[y * sw * N..(y + 1) * sw * N];
        let out = &mut rows[y * dw * N..(y + 1) * dw * N];
        for x in 0..dw {
            let weights = &across.weights[x * taps..(x + 1) * taps];
            let (mut r, mut g, mut b) = (half, half, half);
            let mut at = across.first[x] * N;
            for &w in weights {
                // Weights past the edge are zero.
                let Some(px) = src.get(at..at + N) else { break };
                r += w * u32::from(px[0]);
                g += w * u32::from(px[1]);
                b += w * u32::from(px[2]);
                at += N;
            }
            out[x * N] = (r >> shift) as u16;
            out[x * N + 1] = (g >> shift) as u16;
            out[x * N + 2] = (b >> shift) as u16;
        }
    }
    // Down: each output row from the rows it covers.
    let down = Axis::new(sh, dh);
    let row_len = dw * N;
    let mut out = vec![0u8; dw * dh * N];
    let shift = WEIGHT_BITS + KEEP_BITS;
    let half = 1u32 << (shift - 1);
    let mut sum = vec![0u32; row_len];
    for y in 0..dh {
        let weights = &down.weights[y * down.taps..(y + 1) * down.taps];
        sum.fill(half);
        for (t, &w) in weights.iter().enumerate() {
            let at = (down.first[y] + t) * row_len;
            if w == 0 || at + row_len > rows.len() {
                continue;
            }
            let row = &rows[at..at + row_len];
            for j in 0..row_len {
                sum[j] += w * u32::from(row[j]);
            }
        }
        let out = &mut out[y * row_len..(y + 1) * row_len];
        for j in 0..row_len {
            out[j] = (sum[j] >> shift).min(255) as u8;
        }
    }
    out
}

/// The largest size with `size`'s shape that fits in `max` (rounded to
/// whole pixels, at least 1), as `image`'s `thumbnail` picks it.
pub fn fit_within(size: [u32; 2], max: [u32; 2]) -> [u32; 2] {
    let ratio = (f64::from(max[0]) / f64::from(size[0].max(1)))
        .min(f64::from(max[1]) / f64::from(size[1].max(1)));
    let side = |v: u32, limit: u32| ((f64::from(v) * ratio).round() as u32).clamp(1, limit.max(1));
    [side(size[0], max[0]), side(size[1], max[1])]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A test pattern with detail everywhere.
    fn noise(w: usize, h: usize, n: usize) -> Vec<u8> {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        (0..w * h * n)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                (seed >> 24) as u8
            })
            .collect()
    }

    #[test]
    fn a_flat_colour_stays_exactly_that_colour() {
        let px = [12u8, 200, 255];
        let src: Vec<u8> = px.iter().copied().cycle().take(601 * 397 * 3).collect();
        let out = area_average_rgb(&src, [601, 397], [384, 253]);
        assert_eq!(out.len(), 384 * 253 * 3);
        assert!(out.chunks_exact(3).all(|p| p == px));
    }

    #[test]
    fn halving_is_the_mean_of_each_two_by_two_block() {
        let (w, h) = (64, 48);
        let src = noise(w, h, 3);
        let out = area_average_rgb(&src, [w, h], [w / 2, h / 2]);
        for y in 0..h / 2 {
            for x in 0..w / 2 {
                for c in 0..3 {
                    let at = |sx: usize, sy: usize| u32::from(src[(sy * w + sx) * 3 + c]);
                    let sum = at(2 * x, 2 * y)
                        + at(2 * x + 1, 2 * y)
                        + at(2 * x, 2 * y + 1)
                        + at(2 * x + 1, 2 * y + 1);
                    let got = i64::from(out[(y * (w / 2) + x) * 3 + c]);
                    // The mean, to within the rounding of each pass.
                    assert!((got - i64::from(sum) / 4).abs() <= 1, "{x},{y},{c}");
                }
            }
        }
    }

    #[test]
    fn an_uneven_ratio_averages_what_each_pixel_covers() {
        // 3 source pixels into 2: the first output covers pixel 0 and half
        // of pixel 1; the second, the other half of 1 and pixel 2.
        let src = [0u8, 0, 0, 90, 90, 90, 180, 180, 180];
        let out = area_average_rgb(&src, [3, 1], [2, 1]);
        assert_eq!(out, [30, 30, 30, 150, 150, 150]);
    }

    /// Area averaging written out plainly in floating point.
    fn reference(src: &[u8], size: [usize; 2], to: [usize; 2], n: usize) -> Vec<f64> {
        let (sx, sy) = (size[0] as f64 / to[0] as f64, size[1] as f64 / to[1] as f64);
        let cover = |i: usize, scale: f64, px: usize| {
            let (a, b) = (i as f64 * scale, (i + 1) as f64 * scale);
            (b.min(px as f64 + 1.0) - a.max(px as f64)).max(0.0) / scale
        };
        let mut out = Vec::new();
        for y in 0..to[1] {
            for x in 0..to[0] {
                for c in 0..n {
                    let mut v = 0.0;
                    for py in 0..size[1] {
                        let wy = cover(y, sy, py);
                        if wy == 0.0 {
                            continue;
                        }
                        for px in 0..size[0] {
                            let w = wy * cover(x, sx, px);
                            v += w * f64::from(src[(py * size[0] + px) * n + c]);
                        }
                    }
                    out.push(v);
                }
            }
        }
        out
    }

    #[test]
    fn agrees_with_plain_area_averaging_at_uneven_ratios() {
        // A photo-tile ratio (600 to 384 is 1.5625) and an odd one.
        for (size, to) in [([75, 50], [48, 32]), ([61, 37], [17, 11])] {
            let src = noise(size[0], size[1], 3);
            let ours = area_average_rgb(&src, size, to);
            let exact = reference(&src, size, to, 3);
            assert_eq!(ours.len(), exact.len());
            for (i, (got, want)) in ours.iter().zip(&exact).enumerate() {
                assert!(
                    (f64::from(*got) - want).abs() <= 1.0,
                    "{size:?} to {to:?}, byte {i}: {got} against {want:.2}"
                );
            }
        }
    }

    #[test]
    fn fits_the_shape_inside_the_box() {
        assert_eq!(fit_within([600, 400], [384, 256]), [384, 256]);
        assert_eq!(fit_within([600, 400], [384, 384]), [384, 256]);
        assert_eq!(fit_within([400, 600], [384, 256]), [171, 256]);
        assert_eq!(fit_within([10_000, 1], [100, 100]), [100, 1]);
    }

    #[test]
    fn the_same_size_is_a_copy_and_nothing_is_ever_enlarged() {
        let src = noise(5, 4, 3);
        assert_eq!(area_average_rgb(&src, [5, 4], [5, 4]), src);
        assert_eq!(area_average_rgb(&src, [5, 4], [9, 9]).len(), 5 * 4 * 3);
    }
}
