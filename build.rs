//! Compiles the bundled content pack into the binary: lists every file under
//! `assets/pack/` with `include_bytes!`, so adding a photo needs no code.
//! Also deflates the Chinese font (2.9 MB, 2.4 MB deflated) so the binary
//! stays within its size budget; `src/fonts.rs` inflates it at start on a
//! background thread while the window opens.

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
    )
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
