//! Compiles the bundled content pack into the binary: lists every file under
//! `assets/pack/` with `include_bytes!`, so adding a photo needs no code.
//! Also deflates the Chinese font (2.9 MB, 2.4 MB deflated) so the binary
//! stays within its size budget; `src/fonts.rs` inflates it at start on a
//! background thread while the window opens. Its character map is kept
//! apart as well (deflated, 23 KB) for checking a pack's characters.

use std::{env, fs, io, path::Path};

fn collect(root: &Path, dir: &Path, out: &mut Vec<String>) -> io::Result<()> {
    let mut entries = fs::read_dir(dir)?.collect::<Result<Vec<_>, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        if path.is_dir() {
            collect(root, &path, out)?;
        } else if let Ok(rel) = path.strip_prefix(root) {
            let rel = rel.to_string_lossy().replace('\\', "/");
            if !rel.starts_with('.') {
                out.push(rel);
            }
        }
    }
    Ok(())
}

fn deflate_font(manifest_dir: &str, out_dir: &str) -> io::Result<()> {
    use std::io::Write;
    let font = "assets/fonts/NotoSansTC-Subset.otf";
    println!("cargo::rerun-if-changed={font}");
    let bytes = fs::read(Path::new(manifest_dir).join(font))?;
    let mut enc = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(&bytes)?;
    fs::write(
        Path::new(out_dir).join("NotoSansTC-Subset.otf.deflate"),
        enc.finish()?,
    )?;
    fs::write(
        Path::new(out_dir).join("NotoSansTC-Subset.len"),
        bytes.len().to_string(),
    )?;
    // Its character map on its own: telling which characters an override
    // pack's texts need then waits for no inflated font at start.
    let mut enc = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(table(&bytes, b"cmap")?)?;
    fs::write(
        Path::new(out_dir).join("NotoSansTC-Subset.cmap.deflate"),
        enc.finish()?,
    )
}

/// The bytes of the table `tag` of an OpenType font, found in its table
/// directory (a count at byte 4, then 16-byte records from byte 12: tag,
/// checksum, offset, length).
fn table<'a>(font: &'a [u8], tag: &[u8; 4]) -> io::Result<&'a [u8]> {
    let missing = || io::Error::other(format!("the font has no {:?} table", tag));
    let be32 = |at: usize| -> Option<usize> {
        Some(u32::from_be_bytes(font.get(at..at + 4)?.try_into().ok()?) as usize)
    };
    let count = u16::from_be_bytes(
        font.get(4..6)
            .and_then(|b| b.try_into().ok())
            .ok_or_else(missing)?,
    );
    (0..usize::from(count))
        .map(|i| 12 + 16 * i)
        .find(|&at| font.get(at..at + 4) == Some(&tag[..]))
        .and_then(|at| {
            let (offset, len) = (be32(at + 8)?, be32(at + 12)?);
            font.get(offset..offset.checked_add(len)?)
        })
        .ok_or_else(missing)
}

fn main() -> io::Result<()> {
    let manifest_dir = env::var("CARGO_MANIFEST_DIR").map_err(io::Error::other)?;
    let out_dir = env::var("OUT_DIR").map_err(io::Error::other)?;
    deflate_font(&manifest_dir, &out_dir)?;
    let root = Path::new(&manifest_dir).join("assets/pack");
    println!("cargo::rerun-if-changed=assets/pack");
    let mut files = Vec::new();
    collect(&root, &root, &mut files)?;
    let mut code = String::from("&[\n");
    for rel in &files {
        code.push_str(&format!(
            "    ({rel:?}, include_bytes!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/assets/pack/\", {rel:?}))),\n"
        ));
    }
    code.push(']');
    fs::write(Path::new(&out_dir).join("bundled_pack.rs"), code)
}
