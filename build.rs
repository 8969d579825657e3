//! Compiles the bundled content pack into the binary: lists every file under
//! `assets/pack/` with `include_bytes!`, so adding a photo needs no code.

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

fn main() -> io::Result<()> {
    let manifest_dir = env::var("CARGO_MANIFEST_DIR").map_err(io::Error::other)?;
    let out_dir = env::var("OUT_DIR").map_err(io::Error::other)?;
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
