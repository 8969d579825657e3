//! Numbers, money, percentages and dates written the way each of a pack's
//! languages writes them: digit grouping and the decimal mark ("1,350" in
//! English, "1 350" in French, "1.350" in German), short forms of large
//! numbers ("2.4 million", "2,4 millions", "240万"), where a currency's
//! symbol goes ("$25", "25 $", "CHF 25"), percentages ("85%", "85 %",
//! "%85") and a month of a year ("March 2013", "mars 2013", "2013年3月").
//!
//! Everything comes from the Unicode CLDR's data through ICU4X (the Unicode
//! consortium's own Rust library), compiled into the binary for every
//! locale CLDR has. Every screen and the export format through here; no
//! other code writes a number for a visitor.

use icu_calendar::{Date, Gregorian};
use icu_datetime::{FixedCalendarDateTimeFormatter, fieldsets};
use icu_decimal::{CompactDecimalFormatter, DecimalFormatter, input::Decimal};
use icu_experimental::dimension::{
    percent::formatter::PercentFormatter,
    provider::currency::{
        essentials::CurrencyEssentialsV1,
        symbols::{CurrencySymbolWidth, CurrencySymbolsV1},
    },
};
use icu_locale::{
    Locale, LocaleCanonicalizer, preferences::extensions::unicode::keywords::CurrencyType,
};
use icu_provider::prelude::*;
use writeable::Writeable;

use super::{Currency, Manifest};

/// A character no formatted number holds, standing in for the number while
/// a currency pattern is taken apart (Unicode's private use area).
const NUMBER_MARK: &str = "\u{E000}";

/// The locale a pack's language `code` is written with: its `formats_as`
/// if the manifest gives one, else the code itself, canonicalised as CLDR
/// expects ("tl" is Filipino, "iw" Hebrew). `None` if it is not a BCP 47
/// language tag.
pub fn cldr_locale(code: &str, formats_as: Option<&str>) -> Option<Locale> {
    let mut locale = Locale::try_from_str(formats_as.unwrap_or(code)).ok()?;
    LocaleCanonicalizer::new_common().canonicalize(&mut locale);
    Some(locale)
}

/// Whether CLDR has data of its own for `locale` (its letters, its way of
/// writing numbers and dates), rather than only the international defaults.
pub fn cldr_knows(locale: &Locale) -> bool {
    let data_locale = icu_provider::DataLocale::from(locale);
    icu_locale::exemplar_chars::ExemplarCharacters::try_new_main(&data_locale)
        .is_ok_and(|set| set.size() > 0)
}

/// The minor-unit exponent ISO 4217 gives `code` (2 for HKD, 0 for JPY, 3
/// for KWD); `None` for a code ISO 4217 does not list, or one without
/// minor units (gold, special drawing rights).
pub fn iso_exponent(code: &str) -> Option<u8> {
    iso_currency::Currency::from_code(code)
        .and_then(|c| c.exponent())
        .and_then(|e| u8::try_from(e).ok())
}

/// `amount_minor` as a plain decimal with `exponent` places, as
/// spreadsheets read it: "1000.00", "1500", "1.250".
pub fn decimal(amount_minor: u64, exponent: u8) -> String {
    if exponent == 0 {
        return amount_minor.to_string();
    }
    let digits = format!("{amount_minor:0width$}", width = usize::from(exponent) + 1);
    let (whole, part) = digits.split_at(digits.len() - usize::from(exponent));
    format!("{whole}.{part}")
}

/// How money is written in one language: the text before and after the
/// number, with the symbol and its spacing where CLDR puts them.
#[derive(Clone, Debug, PartialEq, Eq)]
struct MoneyPattern {
    before: String,
    after: String,
}

/// Every formatter one language needs, made once (a fraction of a
/// millisecond) and used for every frame.
#[derive(Debug)]
pub struct LocaleFormats {
    decimal: Option<DecimalFormatter>,
    compact: Option<CompactDecimalFormatter>,
    percent: Option<PercentFormatter<DecimalFormatter>>,
    year: Option<FixedCalendarDateTimeFormatter<Gregorian, fieldsets::Y>>,
    year_month: Option<FixedCalendarDateTimeFormatter<Gregorian, fieldsets::YM>>,
    money: MoneyPattern,
    exponent: u8,
}

impl LocaleFormats {
    /// The formats of `locale` (a pack locale code, or anything BCP 47),
    /// with money in `currency`, whose symbol is the pack's `symbol` for
    /// this language if it gives one, else CLDR's. A tag that is not BCP 47
    /// (`validate` rejects those) gets CLDR's international defaults.
    pub fn new(locale: Option<&Locale>, currency: &Currency, symbol: Option<&str>) -> Self {
        let locale = locale.cloned().unwrap_or(Locale::UNKNOWN);
        let exponent = currency.minor_exponent();
        let money = money_pattern(&locale, &currency.code, symbol);
        Self {
            decimal: DecimalFormatter::try_new(locale.clone().into(), Default::default()).ok(),
            compact: CompactDecimalFormatter::try_new_long(
                locale.clone().into(),
                Default::default(),
            )
            .ok(),
            percent: PercentFormatter::try_new(locale.clone().into(), Default::default()).ok(),
            year: FixedCalendarDateTimeFormatter::try_new(
                locale.clone().into(),
                fieldsets::Y::long(),
            )
            .ok(),
            year_month: FixedCalendarDateTimeFormatter::try_new(
                locale.into(),
                fieldsets::YM::long(),
            )
            .ok(),
            money,
            exponent,
        }
    }

    /// The formats for visitors reading `code`, one of `manifest`'s
    /// locales, with the pack's `currency`.
    pub fn for_pack_locale(manifest: &Manifest, currency: &Currency, code: &str) -> Self {
        let formats_as = manifest
            .locales
            .iter()
            .find(|l| l.code == code)
            .and_then(|l| l.formats_as.as_deref());
        let symbol = currency.symbol.as_ref().and_then(|s| s.exact(code));
        Self::new(cldr_locale(code, formats_as).as_ref(), currency, symbol)
    }

    /// `n` with the language's digits, grouping and separators: 1,350 or
    /// 1 350.
    pub fn number(&self, n: u64) -> String {
        self.decimal(&Decimal::from(n))
    }

    fn decimal(&self, d: &Decimal) -> String {
        match &self.decimal {
            Some(f) => f.format(d).write_to_string().into_owned(),
            None => d.to_string(),
        }
    }

    /// A short form of `n`, as the language says large numbers: "2.4
    /// million", "2,4 millions", "240万", "2,4 milyon". Numbers too small to
    /// shorten keep every digit.
    pub fn compact(&self, n: u64) -> String {
        match &self.compact {
            Some(f) => f.format(&Decimal::from(n)).write_to_string().into_owned(),
            None => self.number(n),
        }
    }

    /// `n` percent: "85%", "85 %" (French), "%85" (Turkish).
    pub fn percent(&self, n: u64) -> String {
        match &self.percent {
            Some(f) => f.format(&Decimal::from(n)).write_to_string().into_owned(),
            None => format!("{}%", self.number(n)),
        }
    }

    /// A year, or a month of a year, in the Gregorian calendar as the
    /// language writes it: "1997", "March 2013", "mars 2013", "2013年3月".
    pub fn year_month(&self, year: i32, month: Option<u8>) -> String {
        let month = month.filter(|m| (1..=12).contains(m));
        let date = Date::try_new_gregorian(year, month.unwrap_or(1), 1).ok();
        let written = match (month, date) {
            (Some(_), Some(date)) => self
                .year_month
                .as_ref()
                .map(|f| f.format(&date).write_to_string().into_owned()),
            (None, Some(date)) => self
                .year
                .as_ref()
                .map(|f| f.format(&date).write_to_string().into_owned()),
            (_, None) => None,
        };
        written.unwrap_or_else(|| match month {
            Some(m) => format!("{year}-{m:02}"),
            None => year.to_string(),
        })
    }

    /// `amount_minor` of the currency as money: "HK$1,000", "25 $",
    /// "CHF 1'000.50", "￥1,500". A whole amount drops its minor digits, as
    /// donation amounts usually do; any other keeps all of them.
    pub fn money(&self, amount_minor: u64) -> String {
        self.money_with_exponent(amount_minor, self.exponent)
    }

    /// `amount_minor` as [`Self::money`] writes it, for minor units of
    /// `exponent` decimal places (a stored pledge's own).
    pub fn money_with_exponent(&self, amount_minor: u64, exponent: u8) -> String {
        let mut number = Decimal::from(amount_minor);
        number.absolute.multiply_pow10(-i16::from(exponent));
        number.absolute.trim_end_if_integer();
        format!(
            "{}{}{}",
            self.money.before,
            self.decimal(&number),
            self.money.after
        )
    }

    /// The currency's symbol and spacing with no number yet, for a keypad
    /// with nothing typed: "HK$", "€".
    pub fn money_empty(&self) -> String {
        format!("{}{}", self.money.before, self.money.after)
            .trim()
            .to_owned()
    }
}

/// Whether CLDR puts a space between `c`, at the end of a currency symbol,
/// and a digit: for anything but a symbol or a space ("CHF 25", "Fr. 25",
/// but "$25"), CLDR's `currencySpacing` rule.
fn spaced_from_digits(c: char) -> bool {
    use icu_properties::{
        CodePointMapData,
        props::{GeneralCategory, GeneralCategoryGroup},
    };
    let category = CodePointMapData::<GeneralCategory>::new().get(c);
    !GeneralCategoryGroup::Symbol.contains(category)
        && !GeneralCategoryGroup::Separator.contains(category)
}

/// The text around a money amount in `locale`: CLDR's currency pattern
/// with `symbol` (or CLDR's own symbol for `code`, or the code itself)
/// where the pattern puts it, and a space where CLDR wants one between a
/// letter and a digit ("CHF 25", but "$25").
fn money_pattern(locale: &Locale, code: &str, symbol: Option<&str>) -> MoneyPattern {
    let data_locale = icu_provider::DataLocale::from(locale);
    let currency = CurrencyType::try_from_str(code).ok();
    let cldr_symbol = currency.and_then(|currency| {
        let mut buffer = Default::default();
        let attributes =
            CurrencySymbolsV1::make_attributes(currency, CurrencySymbolWidth::Short, &mut buffer);
        let response: DataResponse<CurrencySymbolsV1> = icu_experimental::provider::Baked
            .load(DataRequest {
                id: DataIdentifierBorrowed::for_marker_attributes_and_locale(
                    attributes,
                    &data_locale,
                ),
                metadata: {
                    let mut m = DataRequestMetadata::default();
                    m.silent = true;
                    m
                },
            })
            .ok()?;
        Some(response.payload.get().as_str().to_owned())
    });
    let symbol = symbol
        .map(str::to_owned)
        .or(cldr_symbol)
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| code.to_owned());
    let starts = symbol.chars().next().is_some_and(spaced_from_digits);
    let ends = symbol.chars().next_back().is_some_and(spaced_from_digits);
    let essentials: Option<DataResponse<CurrencyEssentialsV1>> = icu_experimental::provider::Baked
        .load(DataRequest {
            id: DataIdentifierBorrowed::for_locale(&data_locale),
            ..Default::default()
        })
        .ok();
    let written = essentials.map(|e| {
        e.payload
            .get()
            .get_positive(starts, ends)
            .interpolate((NUMBER_MARK, symbol.as_str()))
            .write_to_string()
            .into_owned()
    });
    match written.as_deref().and_then(|w| w.split_once(NUMBER_MARK)) {
        Some((before, after)) => MoneyPattern {
            before: before.to_owned(),
            after: after.to_owned(),
        },
        None => MoneyPattern {
            before: symbol,
            after: String::new(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn currency(code: &str) -> Currency {
        Currency {
            code: code.to_owned(),
            symbol: None,
            exponent: None,
        }
    }

    fn formats(locale: &str, code: &str, symbol: Option<&str>) -> LocaleFormats {
        LocaleFormats::new(cldr_locale(locale, None).as_ref(), &currency(code), symbol)
    }

    #[test]
    fn numbers_per_language() {
        let en = formats("en", "HKD", None);
        assert_eq!(en.number(0), "0");
        assert_eq!(en.number(76_063), "76,063");
        assert_eq!(en.number(u64::MAX), "18,446,744,073,709,551,615");
        assert_eq!(formats("fr", "EUR", None).number(1350), "1\u{202f}350");
        assert_eq!(formats("de", "EUR", None).number(1350), "1.350");
        assert_eq!(formats("de-CH", "CHF", None).number(1350), "1'350");
        // Spanish groups from five digits.
        assert_eq!(formats("es", "EUR", None).number(1350), "1350");
        assert_eq!(formats("es", "EUR", None).number(13_500), "13.500");
    }

    #[test]
    fn compact_figures_per_language() {
        assert_eq!(formats("en", "HKD", None).compact(7_300_000), "7.3 million");
        assert_eq!(
            formats("fr", "EUR", None).compact(2_400_000),
            "2,4 millions"
        );
        assert_eq!(formats("ja", "JPY", None).compact(1_200_000), "120万");
        assert_eq!(formats("tr", "TRY", None).compact(2_400_000), "2,4 milyon");
        let zh = LocaleFormats::new(
            cldr_locale("zh-HK", Some("zh-Hant")).as_ref(),
            &currency("HKD"),
            None,
        );
        assert_eq!(zh.compact(7_300_000), "730萬");
        assert_eq!(zh.compact(500_000_000), "5億");
        // Hong Kong's own CLDR data writes it the English way.
        assert_eq!(formats("zh-HK", "HKD", None).compact(2_400_000), "2.4M");
    }

    #[test]
    fn money_with_the_symbol_where_the_language_puts_it() {
        assert_eq!(formats("en", "HKD", Some("HK$")).money(100_000), "HK$1,000");
        assert_eq!(
            formats("en", "HKD", Some("HK$")).money(100_050),
            "HK$1,000.50"
        );
        assert_eq!(formats("en", "HKD", Some("HK$")).money(5), "HK$0.05");
        assert_eq!(formats("fr-CA", "CAD", None).money(2_500), "25\u{a0}$");
        assert_eq!(formats("fr", "CAD", Some("$")).money(10_000), "100\u{a0}$");
        assert_eq!(formats("en", "CAD", None).money(2_500), "CA$25");
        assert_eq!(formats("ja", "JPY", None).money(1_500), "￥1,500");
        assert_eq!(formats("es", "EUR", None).money(2_550), "25,50\u{a0}€");
        assert_eq!(
            formats("de-CH", "CHF", None).money(100_050),
            "CHF\u{a0}1'000.50"
        );
        assert_eq!(formats("tr", "TRY", None).money(2_500), "₺25");
        // A pack's symbol that is a word gets CLDR's space before the number.
        assert_eq!(
            formats("en", "CHF", Some("Fr.")).money(2_500),
            "Fr.\u{a0}25"
        );
        assert_eq!(formats("en", "HKD", Some("HK$")).money_empty(), "HK$");
        assert_eq!(formats("fr-CA", "CAD", None).money_empty(), "$");
        // Three decimals.
        assert_eq!(
            formats("en", "KWD", Some("KD")).money(1_250),
            "KD\u{a0}1.250"
        );
    }

    #[test]
    fn percent_and_dates_per_language() {
        assert_eq!(formats("en", "HKD", None).percent(85), "85%");
        assert_eq!(formats("fr", "EUR", None).percent(85), "85\u{a0}%");
        assert_eq!(formats("tr", "TRY", None).percent(85), "%85");
        assert_eq!(
            formats("en", "HKD", None).year_month(2003, Some(3)),
            "March 2003"
        );
        assert_eq!(formats("en", "HKD", None).year_month(1997, None), "1997");
        assert_eq!(
            formats("ja", "JPY", None).year_month(2015, Some(4)),
            "2015年4月"
        );
        assert_eq!(
            formats("fr", "EUR", None).year_month(2013, Some(3)),
            "mars 2013"
        );
        assert_eq!(
            formats("zh-HK", "HKD", None).year_month(1997, None),
            "1997年"
        );
        // Out of range months are left out; any year is written.
        assert_eq!(
            formats("en", "HKD", None).year_month(2003, Some(13)),
            "2003"
        );
    }

    #[test]
    fn unknown_languages_and_codes_still_write_something() {
        let und = LocaleFormats::new(None, &currency("XYZ"), None);
        assert_eq!(und.number(1234), "1,234");
        assert_eq!(und.money(1234), "XYZ\u{a0}12.34");
        assert!(!cldr_knows(&cldr_locale("xx", None).unwrap()));
        assert!(cldr_knows(&cldr_locale("fr", None).unwrap()));
        assert!(cldr_knows(&cldr_locale("tl", None).unwrap()), "tl is fil");
        assert!(cldr_locale("not a tag", None).is_none());
    }

    #[test]
    fn decimals_for_spreadsheets() {
        assert_eq!(decimal(100_050, 2), "1000.50");
        assert_eq!(decimal(5, 2), "0.05");
        assert_eq!(decimal(0, 2), "0.00");
        assert_eq!(decimal(1500, 0), "1500");
        assert_eq!(decimal(1250, 3), "1.250");
        assert_eq!(decimal(7, 4), "0.0007");
        assert_eq!(decimal(u64::MAX, 2), "184467440737095516.15");
    }

    #[test]
    fn iso_exponents() {
        assert_eq!(iso_exponent("HKD"), Some(2));
        assert_eq!(iso_exponent("JPY"), Some(0));
        assert_eq!(iso_exponent("KWD"), Some(3));
        assert_eq!(iso_exponent("XYZ"), None);
        assert_eq!(iso_exponent("XAU"), None);
    }
}
