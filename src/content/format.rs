//! Numbers written the way a visitor's language writes them.

/// Whether `locale` writes large numbers in Chinese units (萬, 億).
fn chinese(locale: &str) -> bool {
    locale == "zh" || locale.starts_with("zh-")
}

/// `n` with its digits grouped in threes: 76063 becomes "76,063". Hong Kong
/// writes Chinese text with the same grouping.
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// `n` divided by `unit`, with one decimal place kept only when it is not 0.
fn scaled(n: u64, unit: u64) -> String {
    let tenths = (u128::from(n) * 10 + u128::from(unit) / 2) / u128::from(unit);
    // n / unit fits in u64 because unit >= 1.
    let whole = u64::try_from(tenths / 10).unwrap_or(u64::MAX);
    if tenths % 10 == 0 {
        grouped(whole)
    } else {
        format!("{}.{}", grouped(whole), tenths % 10)
    }
}

/// A short form of `n` for headline figures: "7.3 million" in English,
/// "730萬" in Chinese. Numbers too small to shorten are written in full.
pub fn compact(n: u64, locale: &str) -> String {
    if chinese(locale) {
        match n {
            100_000_000.. => format!("{}億", scaled(n, 100_000_000)),
            10_000.. => format!("{}萬", scaled(n, 10_000)),
            _ => grouped(n),
        }
    } else {
        match n {
            1_000_000_000.. => format!("{} billion", scaled(n, 1_000_000_000)),
            1_000_000.. => format!("{} million", scaled(n, 1_000_000)),
            _ => grouped(n),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_digits() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1000), "1,000");
        assert_eq!(grouped(76_063), "76,063");
        assert_eq!(grouped(u64::MAX), "18,446,744,073,709,551,615");
    }

    #[test]
    fn compacts_per_language() {
        assert_eq!(compact(7_300_000, "en"), "7.3 million");
        assert_eq!(compact(500_000_000, "en"), "500 million");
        assert_eq!(compact(2_000_000_000, "en"), "2 billion");
        assert_eq!(compact(76_063, "en"), "76,063");
        assert_eq!(compact(7_300_000, "zh-HK"), "730萬");
        assert_eq!(compact(500_000_000, "zh-HK"), "5億");
        assert_eq!(compact(76_063, "zh-HK"), "7.6萬");
        assert_eq!(compact(9_999, "zh-HK"), "9,999");
        assert_eq!(compact(u64::MAX, "en"), "18,446,744,073.7 billion");
    }
}

/// English month names, for dates in English text.
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A year, or a month of a year, as the visitor's language writes it:
/// "1997" or "March 2003" in English, "1997年" or "2003年3月" in Chinese.
pub fn year_month(year: i32, month: Option<u8>, locale: &str) -> String {
    let month = month.filter(|m| (1..=12).contains(m));
    match (chinese(locale), month) {
        (true, Some(m)) => format!("{year}年{m}月"),
        (true, None) => format!("{year}年"),
        (false, Some(m)) => format!("{} {year}", MONTHS_EN[usize::from(m) - 1]),
        (false, None) => year.to_string(),
    }
}

#[cfg(test)]
mod date_tests {
    use super::year_month;

    #[test]
    fn dates_per_language() {
        assert_eq!(year_month(1997, None, "en"), "1997");
        assert_eq!(year_month(2003, Some(3), "en"), "March 2003");
        assert_eq!(year_month(1997, None, "zh-HK"), "1997年");
        assert_eq!(year_month(2003, Some(3), "zh-HK"), "2003年3月");
        assert_eq!(year_month(2003, Some(13), "en"), "2003");
    }
}
