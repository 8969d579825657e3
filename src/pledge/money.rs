//! Money: always an integer of minor units (cents), never a float.

use crate::content::Currency;

/// `amount_minor` written with `symbol` and digit grouping: 100000 HKD is
/// "HK$1,000"; 100050 is "HK$1,000.50". Whole amounts drop the minor digits,
/// as donation amounts usually do.
pub fn format(amount_minor: u64, currency: &Currency, symbol: &str) -> String {
    let unit = 10u64.pow(u32::from(currency.exponent.min(9)));
    let whole = amount_minor / unit;
    let part = amount_minor % unit;
    let grouped = crate::content::format::grouped(whole);
    if part == 0 || currency.exponent == 0 {
        format!("{symbol}{grouped}")
    } else {
        format!(
            "{symbol}{grouped}.{part:0width$}",
            width = usize::from(currency.exponent)
        )
    }
}

/// Whole currency units typed on a keypad (digits only) as minor units, or
/// `None` if it is empty, not digits, or too large to hold.
pub fn from_whole_units(digits: &str, currency: &Currency) -> Option<u64> {
    if digits.is_empty() || digits.len() > 15 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let whole: u64 = digits.parse().ok()?;
    whole.checked_mul(10u64.checked_pow(u32::from(currency.exponent))?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Text;

    fn hkd() -> Currency {
        Currency {
            code: "HKD".into(),
            symbol: Text::from_pairs([("en", "HK$")]),
            exponent: 2,
        }
    }

    #[test]
    fn formats_with_symbol_and_grouping() {
        assert_eq!(format(100_000, &hkd(), "HK$"), "HK$1,000");
        assert_eq!(format(100_050, &hkd(), "HK$"), "HK$1,000.50");
        assert_eq!(format(5, &hkd(), "HK$"), "HK$0.05");
        assert_eq!(format(50_000_000, &hkd(), "HK$"), "HK$500,000");
        let jpy = Currency {
            code: "JPY".into(),
            symbol: Text::default(),
            exponent: 0,
        };
        assert_eq!(format(1500, &jpy, "¥"), "¥1,500");
    }

    #[test]
    fn keypad_digits_become_minor_units() {
        assert_eq!(from_whole_units("250", &hkd()), Some(25_000));
        assert_eq!(from_whole_units("", &hkd()), None);
        assert_eq!(from_whole_units("12a", &hkd()), None);
        assert_eq!(
            from_whole_units("999999999999999", &hkd()),
            Some(99_999_999_999_999_900)
        );
        assert_eq!(from_whole_units("9999999999999999", &hkd()), None);
    }
}
