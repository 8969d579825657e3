//! The letters a pack's languages write, for the on-screen keyboard: each
//! accented or other letter beyond a to z, under the key of the letter it
//! is made from (é, è, ê, ë under e; ß under s; ı under i), from the
//! Unicode CLDR's alphabets (its "exemplar characters") of every language
//! the pack declares. A visitor long-presses a key to choose one, as on a
//! phone.
//!
//! Only Latin letters are offered: the keyboard's keys are Latin, and a
//! language written in another script (Chinese, Japanese, Arabic) needs an
//! input method, not more keys.

use std::collections::BTreeMap;

use icu_casemap::CaseMapper;
use icu_locale::{LanguageIdentifier, Locale, exemplar_chars::ExemplarCharacters};
use icu_normalizer::DecomposingNormalizerBorrowed;
use icu_properties::{
    CodePointMapData,
    props::{GeneralCategory, GeneralCategoryGroup, Script},
};
use icu_provider::DataLocale;

use super::Manifest;

/// The key each Latin letter that is not a letter plus accents lives
/// under: the letter it looks or sounds most like, as phone keyboards
/// place them. Letters with a canonical decomposition (é = e + ́) need no
/// entry.
const BASE_OF: &[(char, char)] = &[
    ('æ', 'a'),
    ('ª', 'a'),
    ('ɑ', 'a'),
    ('ɓ', 'b'),
    ('đ', 'd'),
    ('ð', 'd'),
    ('ɗ', 'd'),
    ('ɖ', 'd'),
    ('ɛ', 'e'),
    ('ǝ', 'e'),
    ('ə', 'e'),
    ('ƒ', 'f'),
    ('ɣ', 'g'),
    ('ǥ', 'g'),
    ('ħ', 'h'),
    ('ı', 'i'),
    ('ĳ', 'i'),
    ('ɨ', 'i'),
    ('ĸ', 'k'),
    ('ƙ', 'k'),
    ('ł', 'l'),
    ('ŀ', 'l'),
    ('ŋ', 'n'),
    ('ɲ', 'n'),
    ('ø', 'o'),
    ('œ', 'o'),
    ('ɔ', 'o'),
    ('º', 'o'),
    ('ß', 's'),
    ('ſ', 's'),
    ('þ', 't'),
    ('ŧ', 't'),
    ('ƭ', 't'),
    ('ʉ', 'u'),
    ('ᵘ', 'u'),
    ('ʋ', 'v'),
    ('ƴ', 'y'),
    ('ʒ', 'z'),
    ('ʼ', '\''),
];

/// The letters beyond a to z that a pack's languages write, by the key
/// they live under.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Letters {
    /// Lower-case alternatives by key, the visitor's own language's first.
    by_key: BTreeMap<char, Vec<String>>,
    /// The visitor's language, for upper case (Turkish i becomes İ).
    language: Option<LanguageIdentifier>,
}

impl Letters {
    /// The letters of every language `manifest` declares, ordered for a
    /// visitor reading `visitor_locale`: their own language's alphabet
    /// first, then the other languages', then letters CLDR lists as used in
    /// borrowed words and names (é in English "café", ñ for "Núñez").
    pub fn for_pack(manifest: &Manifest, visitor_locale: &str) -> Self {
        let mut ordered: Vec<&str> = vec![visitor_locale];
        ordered.extend(
            manifest
                .locales
                .iter()
                .map(|l| l.code.as_str())
                .filter(|c| *c != visitor_locale),
        );
        let locales: Vec<Locale> = ordered
            .iter()
            .filter_map(|code| super::format::cldr_locale(code, None))
            .collect();
        let language = locales.first().map(|l| l.id.clone());
        let mut by_key: BTreeMap<char, Vec<String>> = BTreeMap::new();
        let mut add = |letter: String| {
            if let Some(key) = key_of(&letter) {
                let list = by_key.entry(key).or_default();
                if !list.contains(&letter) {
                    list.push(letter);
                }
            }
        };
        for main in [true, false] {
            for locale in &locales {
                for letter in exemplars(locale, main) {
                    add(letter);
                }
            }
        }
        // Capitals (Turkish İ) after the small letters.
        for list in by_key.values_mut() {
            list.sort_by_key(|l| l.chars().next().is_some_and(char::is_uppercase));
        }
        Self { by_key, language }
    }

    /// The alternatives under `key` (a lower-case a to z, or `'`), lower
    /// case.
    pub fn under(&self, key: char) -> &[String] {
        self.by_key.get(&key).map_or(&[], Vec::as_slice)
    }

    /// Every key that has alternatives.
    pub fn keys(&self) -> impl Iterator<Item = char> + '_ {
        self.by_key.keys().copied()
    }

    /// The alternatives of every key, by key.
    pub fn by_key(&self) -> &BTreeMap<char, Vec<String>> {
        &self.by_key
    }

    /// `letter` in upper case as the visitor's language writes it: "İ" for
    /// a Turkish "i". A letter with no single upper case (ß) stays as it is.
    pub fn upper(&self, letter: &str) -> String {
        let root = LanguageIdentifier::UNKNOWN;
        let language = self.language.as_ref().unwrap_or(&root);
        let upper = CaseMapper::new().uppercase_to_string(letter, language);
        let composed = icu_normalizer::ComposingNormalizerBorrowed::new_nfc().normalize(&upper);
        if composed.chars().count() > letter.chars().count() {
            letter.to_owned()
        } else {
            composed.into_owned()
        }
    }
}

/// The Latin letters of `locale`'s alphabet (`main`) or of its borrowed
/// words and names, lower case, each written composed (NFC).
fn exemplars(locale: &Locale, main: bool) -> Vec<String> {
    let data_locale = DataLocale::from(locale);
    let set = if main {
        ExemplarCharacters::try_new_main(&data_locale)
    } else {
        ExemplarCharacters::try_new_auxiliary(&data_locale)
    };
    let Ok(set) = set else {
        return Vec::new();
    };
    let nfc = icu_normalizer::ComposingNormalizerBorrowed::new_nfc();
    let mut out: Vec<String> = set.code_points().iter_chars().map(String::from).collect();
    out.extend(set.strings().iter().map(|s| nfc.normalize(s).into_owned()));
    out.retain(|s| is_latin_letter(s));
    out
}

/// Whether `s` is one Latin letter, with any accents.
fn is_latin_letter(s: &str) -> bool {
    let scripts = CodePointMapData::<Script>::new();
    let categories = CodePointMapData::<GeneralCategory>::new();
    let mut chars = s.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    (scripts.get(first) == Script::Latin || first == 'ʼ')
        && GeneralCategoryGroup::Letter.contains(categories.get(first))
        && chars.all(|c| GeneralCategoryGroup::Mark.contains(categories.get(c)))
}

/// The key `letter` lives under: the a to z letter it is made from, or the
/// one [`BASE_OF`] gives; `None` for a to z themselves, and for a letter
/// with no key (there is none such in CLDR's Latin alphabets: a test
/// checks).
pub fn key_of(letter: &str) -> Option<char> {
    let nfd = DecomposingNormalizerBorrowed::new_nfd().normalize(letter);
    let mut chars = nfd.chars();
    let first = chars.next()?;
    let accented = chars.next().is_some();
    let base = BASE_OF
        .iter()
        .find(|(l, _)| *l == first)
        .map_or(first, |(_, b)| *b);
    // A capital in an alphabet (Turkish İ, for a Turkish name typed in
    // another language) lives under its small letter's key.
    let key = base.to_ascii_lowercase();
    let plain = key.is_ascii_lowercase() || key == '\'';
    // a to z on their own are keys, not alternatives.
    (plain && (accented || key != first)).then_some(key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{Locale as PackLocale, Text, Timings};

    fn manifest(codes: &[&str]) -> Manifest {
        Manifest {
            id: "t".into(),
            title: Text::default(),
            version: "1".into(),
            locales: codes
                .iter()
                .map(|c| PackLocale {
                    code: (*c).into(),
                    name: (*c).into(),
                    formats_as: None,
                })
                .collect(),
            default_locale: codes[0].into(),
            timings: Timings {
                idle_timeout_secs: 90,
                idle_countdown_secs: 10,
                attract_slide_secs: 7,
                thanks_timeout_secs: 30,
            },
            online_giving_url: "https://example.org".into(),
        }
    }

    #[test]
    fn french_and_english_letters_under_their_keys() {
        let letters = Letters::for_pack(&manifest(&["fr", "en"]), "fr");
        let e = letters.under('e');
        // French's own first, then those of borrowed words.
        assert_eq!(&e[..4], ["è", "é", "ê", "ë"]);
        assert!(e[4..].contains(&"ē".to_owned()));
        assert!(letters.under('c').contains(&"ç".to_owned()));
        assert!(letters.under('n').contains(&"ñ".to_owned()), "Núñez");
        assert!(letters.under('o').contains(&"œ".to_owned()));
        assert!(letters.under('s').contains(&"ß".to_owned()));
        assert!(letters.under('q').is_empty());
    }

    #[test]
    fn turkish_capitals_and_dotless_i() {
        let letters = Letters::for_pack(&manifest(&["tr", "de"]), "tr");
        assert_eq!(letters.under('i').first().map(String::as_str), Some("ı"));
        assert!(letters.under('g').contains(&"ğ".to_owned()));
        assert!(letters.under('s').contains(&"ş".to_owned()));
        assert!(letters.under('s').contains(&"ß".to_owned()));
        assert_eq!(letters.upper("i"), "İ");
        assert_eq!(letters.upper("ı"), "I");
        assert_eq!(letters.upper("ş"), "Ş");
        assert_eq!(letters.upper("ß"), "ß");
        let german = Letters::for_pack(&manifest(&["tr", "de"]), "de");
        assert_eq!(german.upper("i"), "I");
        assert_eq!(german.under('a').first().map(String::as_str), Some("ä"));
    }

    #[test]
    fn non_latin_languages_add_no_keys() {
        let letters = Letters::for_pack(&manifest(&["ja", "zh-HK"]), "ja");
        assert!(letters.keys().next().is_none(), "{letters:?}");
    }

    /// Every letter of the alphabet of each Latin-script language CLDR
    /// knows, accents included, and every letter its borrowed words use,
    /// has a key to live under.
    #[test]
    fn every_latin_letter_of_every_language_has_a_key() {
        let languages = [
            "af", "ast", "az", "bm", "br", "bs", "ca", "ceb", "cs", "cy", "da", "de", "dsb", "ee",
            "en", "eo", "es", "et", "eu", "ff", "fi", "fil", "fo", "fr", "fur", "fy", "ga", "gd",
            "gl", "gsw", "ha", "haw", "hr", "hsb", "hu", "id", "ig", "is", "it", "jv", "kea", "kl",
            "ku", "lb", "lg", "ln", "lt", "lu", "lv", "mg", "mi", "ms", "mt", "nb", "nl", "nn",
            "no", "om", "pl", "pt", "qu", "rm", "rn", "ro", "rw", "se", "sg", "sk", "sl", "smn",
            "sn", "so", "sq", "sv", "sw", "tk", "to", "tr", "uz", "vi", "wo", "xh", "yo", "zu",
        ];
        let mut homeless = Vec::new();
        let mut checked = 0;
        for language in languages {
            let locale = crate::content::format::cldr_locale(language, None).unwrap();
            for main in [true, false] {
                for letter in exemplars(&locale, main) {
                    checked += 1;
                    let plain = letter.len() == 1 && letter.as_bytes()[0].is_ascii_lowercase();
                    if !plain && key_of(&letter).is_none() {
                        homeless.push(format!(
                            "{language}: {letter} {:?}",
                            letter.chars().collect::<Vec<_>>()
                        ));
                    }
                }
            }
        }
        assert!(checked > 2000, "only {checked} letters");
        assert!(homeless.is_empty(), "{homeless:#?}");
    }
}
