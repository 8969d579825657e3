//! The fonts compiled into the binary, and which characters they cover.
//! egui's own default fonts carry Latin text; a subset of Noto Sans TC
//! (SIL Open Font License, `assets/fonts/OFL.txt`) carries Traditional
//! Chinese. Anything else is found among the computer's fonts at run time.

use std::{io::Read, sync::OnceLock};

use skrifa::{
    MetadataProvider,
    raw::{FontData, FontRead, tables::cmap::Cmap},
};

/// Noto Sans CJK TC Regular, cut to the pack's characters and Big5 level 1
/// by `scripts/make-font-subset.py`, deflated by `build.rs`.
static NOTO_SANS_TC_DEFLATED: &[u8] =
    include_bytes!(concat!(env!("OUT_DIR"), "/NotoSansTC-Subset.otf.deflate"));
/// Its size once inflated.
const NOTO_SANS_TC_LEN: &str = include_str!(concat!(env!("OUT_DIR"), "/NotoSansTC-Subset.len"));

static NOTO_SANS_TC: OnceLock<Vec<u8>> = OnceLock::new();

/// The Chinese font's character map (its `cmap` table), taken out of the
/// font and deflated by `build.rs`: which characters it covers is known
/// without inflating the whole font.
static NOTO_SANS_TC_CMAP_DEFLATED: &[u8] =
    include_bytes!(concat!(env!("OUT_DIR"), "/NotoSansTC-Subset.cmap.deflate"));

static NOTO_SANS_TC_CMAP: OnceLock<Vec<u8>> = OnceLock::new();

/// The Chinese font's `cmap` table, inflated on first use (well under a
/// millisecond).
fn noto_sans_tc_cmap() -> &'static [u8] {
    NOTO_SANS_TC_CMAP.get_or_init(|| {
        let mut out = Vec::new();
        // A bad table (a broken build) reads as covering nothing; the tests
        // compare it with the font itself.
        flate2::read::DeflateDecoder::new(NOTO_SANS_TC_CMAP_DEFLATED)
            .read_to_end(&mut out)
            .map_or(Vec::new(), |_| out)
    })
}

/// The Chinese font, inflated on first use (16 ms in `cargo bench --bench
/// startup`). The kiosk inflates it at start, on the thread that reads the
/// pack, while the window opens.
pub fn noto_sans_tc() -> &'static [u8] {
    NOTO_SANS_TC.get_or_init(inflate_noto_sans_tc)
}

/// Inflates the Chinese font afresh (what [`noto_sans_tc`] does once).
#[expect(
    clippy::expect_used,
    reason = "the compressed font is made by build.rs; a bad one is a broken build, caught by every test"
)]
pub fn inflate_noto_sans_tc() -> Vec<u8> {
    let mut out = Vec::with_capacity(NOTO_SANS_TC_LEN.trim().parse().unwrap_or(0));
    flate2::read::DeflateDecoder::new(NOTO_SANS_TC_DEFLATED)
        .read_to_end(&mut out)
        .expect("the bundled font inflates");
    out
}

/// The name the Chinese font is installed under.
pub const NOTO_SANS_TC_NAME: &str = "NotoSansTC";

/// Tells whether the bundled fonts, and a pack's own, can draw a character.
pub struct Coverage {
    /// The character maps of the fonts kept whole in the binary, read once
    /// (reading one per character made checking a pack take milliseconds).
    charmaps: Vec<skrifa::charmap::Charmap<'static>>,
    /// The Chinese font's, from its separate copy: an override pack is
    /// checked at start without waiting for the font to inflate.
    chinese: Option<Cmap<'static>>,
    /// Every character a pack's own fonts draw.
    pack: std::collections::HashSet<u32>,
}

/// Whether `bytes` are a font storykiosk can draw with (TrueType or
/// OpenType, one face), and how many characters it maps; `None` if not.
pub fn font_characters(bytes: &[u8]) -> Option<usize> {
    let font = skrifa::FontRef::new(bytes).ok()?;
    Some(font.charmap().mappings().count())
}

impl Default for Coverage {
    fn default() -> Self {
        Self {
            charmaps: [
                epaint_default_fonts::UBUNTU_LIGHT,
                epaint_default_fonts::EGUI_ICONS,
            ]
            .iter()
            .filter_map(|data| skrifa::FontRef::new(data).ok())
            .map(|font| font.charmap())
            .collect(),
            chinese: Cmap::read(FontData::new(noto_sans_tc_cmap())).ok(),
            pack: std::collections::HashSet::new(),
        }
    }
}

/// The Chinese font's glyph for `c`; `None` for none or for the "missing"
/// glyph 0, which the table's last range maps U+FFFF to.
fn chinese_glyph(cmap: &Cmap<'_>, c: char) -> Option<skrifa::GlyphId> {
    cmap.map_codepoint(c).filter(|glyph| glyph.to_u32() != 0)
}

impl Coverage {
    /// The bundled fonts and `fonts` (a pack's own: bytes of TrueType or
    /// OpenType files; any that does not parse adds nothing).
    pub fn with_pack_fonts<'a>(fonts: impl IntoIterator<Item = &'a [u8]>) -> Self {
        let mut coverage = Self::default();
        for bytes in fonts {
            if let Ok(font) = skrifa::FontRef::new(bytes) {
                coverage
                    .pack
                    .extend(font.charmap().mappings().map(|(c, _)| c));
            }
        }
        coverage
    }

    /// Whether some bundled font, or one of the pack's, has a glyph for
    /// `c`. Spaces, controls and joiners need none.
    pub fn covers(&self, c: char) -> bool {
        c.is_whitespace()
            || c.is_control()
            || matches!(c, '\u{200B}'..='\u{200F}' | '\u{FE0E}' | '\u{FE0F}')
            || self.pack.contains(&u32::from(c))
            || self.charmaps.iter().any(|map| map.map(c).is_some())
            || self
                .chinese
                .as_ref()
                .is_some_and(|cmap| chinese_glyph(cmap, c).is_some())
    }

    /// The characters of `text` no bundled font covers, each once, in order.
    pub fn missing(&self, text: &str) -> Vec<char> {
        let mut out: Vec<char> = Vec::new();
        for c in text.chars() {
            if !self.covers(c) && !out.contains(&c) {
                out.push(c);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_and_common_chinese_are_covered_and_rare_characters_are_not() {
        let cov = Coverage::default();
        assert!(cov.missing("Hello, HK$1,000 — “quotes”").is_empty());
        assert!(cov.missing("公義廿五載，謝謝你！（可選填）").is_empty());
        assert_eq!(cov.missing("𠝹𠝹a"), ['𠝹']);
    }

    #[test]
    fn the_separate_character_map_is_the_chinese_fonts_own() {
        let font = skrifa::FontRef::new(noto_sans_tc()).expect("the font parses");
        let whole = font.charmap();
        let apart = Cmap::read(FontData::new(noto_sans_tc_cmap())).expect("the table parses");
        let mut covered = 0;
        for c in (0..0x3_0000).filter_map(char::from_u32) {
            let glyph = whole.map(c);
            assert_eq!(chinese_glyph(&apart, c), glyph, "{c:?}");
            covered += usize::from(glyph.is_some());
        }
        assert!(covered > 5_401, "only {covered} characters");
    }
}
