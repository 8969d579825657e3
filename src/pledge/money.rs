//! Money: always an integer of minor units (cents), never a float. It is
//! written for people by [`crate::content::format::LocaleFormats::money`]
//! and for spreadsheets by [`crate::content::format::decimal`].

use crate::content::Currency;

/// Whole currency units typed on a keypad (digits only) as minor units, or
/// `None` if it is empty, not digits, or too large to hold.
pub fn from_whole_units(digits: &str, currency: &Currency) -> Option<u64> {
    if digits.is_empty() || digits.len() > 15 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let whole: u64 = digits.parse().ok()?;
    whole.checked_mul(10u64.checked_pow(u32::from(currency.minor_exponent()))?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn currency(code: &str) -> Currency {
        Currency {
            code: code.into(),
            symbol: None,
            exponent: None,
        }
    }

    #[test]
    fn keypad_digits_become_minor_units() {
        let hkd = currency("HKD");
        assert_eq!(from_whole_units("250", &hkd), Some(25_000));
        assert_eq!(from_whole_units("", &hkd), None);
        assert_eq!(from_whole_units("12a", &hkd), None);
        assert_eq!(
            from_whole_units("999999999999999", &hkd),
            Some(99_999_999_999_999_900)
        );
        assert_eq!(from_whole_units("9999999999999999", &hkd), None);
        assert_eq!(from_whole_units("250", &currency("JPY")), Some(250));
        assert_eq!(from_whole_units("250", &currency("KWD")), Some(250_000));
    }
}
