//! Number formatting: every figure in a report is written here, once, for its unit and currency
//! (`$1.25M`, `18%`, `4.0 h`). Templates print these strings and never format numbers.

use crate::model::Unit;

/// The typographic minus, so negative numbers line up with positive ones in tables.
pub const MINUS: char = '\u{2212}';

/// The symbol written before an amount in `currency` (`$`, `€`), or the code and a space.
pub fn currency_symbol(currency: &str) -> String {
    match currency.to_ascii_uppercase().as_str() {
        "USD" => "$".into(),
        "EUR" => "€".into(),
        "GBP" => "£".into(),
        "JPY" | "CNY" => "¥".into(),
        "INR" => "₹".into(),
        "CHF" => "CHF ".into(),
        "CAD" => "CA$".into(),
        "AUD" => "A$".into(),
        other => format!("{other} "),
    }
}

/// `1234567.8` → `1,234,568` (rounded to whole units, thousands grouped).
pub fn grouped(value: f64) -> String {
    let rounded = value.abs().round();
    let digits = format!("{rounded:.0}");
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    signed(value < 0.0 && rounded > 0.0, out)
}

fn signed(negative: bool, body: String) -> String {
    if negative {
        format!("{MINUS}{body}")
    } else {
        body
    }
}

/// A number with at most `decimals` decimals, trailing zeros dropped (`1.50` → `1.5`).
fn trimmed(value: f64, decimals: usize) -> String {
    let text = format!("{value:.decimals$}");
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        text
    }
}

/// Three significant figures with a K/M/B suffix: `1250000` → `1.25M`, `400000` → `400K`.
fn compact(value: f64) -> String {
    let abs = value.abs();
    let (scaled, suffix) = if abs >= 1e12 {
        (abs / 1e12, "T")
    } else if abs >= 1e9 {
        (abs / 1e9, "B")
    } else if abs >= 1e6 {
        (abs / 1e6, "M")
    } else if abs >= 1e4 {
        (abs / 1e3, "K")
    } else {
        return grouped(abs);
    };
    let decimals = if scaled >= 100.0 {
        0
    } else if scaled >= 10.0 {
        1
    } else {
        2
    };
    // Rounding can carry into the next magnitude (999.96K → 1000K): say 1M instead.
    let text = trimmed(scaled, decimals);
    match (text.as_str(), suffix) {
        ("1000", "K") => "1M".into(),
        ("1000", "M") => "1B".into(),
        ("1000", "B") => "1T".into(),
        _ => format!("{text}{suffix}"),
    }
}

/// An amount of money, compact: `$1.25M`, `−$400K`, `€950`.
pub fn money(value: f64, currency: &str) -> String {
    let body = format!("{}{}", currency_symbol(currency), compact(value));
    signed(value < 0.0 && value.abs() >= 0.5, body)
}

/// A value in its unit: `4.0 h`, `92.5%`, `1,234`, `$1.25M`.
pub fn value(value: f64, unit: Unit, currency: &str) -> String {
    match unit {
        Unit::Currency => money(value, currency),
        Unit::Percent => format!("{}%", signed_trim(value, 1)),
        Unit::Hours => format!("{} h", signed_fixed(value, 1)),
        Unit::Days => format!("{} d", signed_fixed(value, 1)),
        Unit::Count => grouped(value),
        Unit::Score => signed_trim(value, 1),
        Unit::Number => {
            if value.abs() >= 1e4 {
                signed(value < 0.0, compact(value))
            } else {
                signed_trim(value, 2)
            }
        }
    }
}

fn signed_trim(value: f64, decimals: usize) -> String {
    let text = trimmed(value.abs(), decimals);
    signed(value < 0.0 && text != "0", text)
}

fn signed_fixed(value: f64, decimals: usize) -> String {
    let text = format!("{:.decimals$}", value.abs());
    let zero = text.chars().all(|c| c == '0' || c == '.');
    signed(value < 0.0 && !zero, text)
}

/// A percentage with its sign: `+18%`, `−3.5%`, `0%`. Whole numbers from 10% up.
pub fn signed_percent(fraction: f64) -> String {
    let pct = fraction * 100.0;
    let decimals = if pct.abs() >= 9.95 { 0 } else { 1 };
    let text = if pct.abs() >= 999.5 {
        grouped(pct.abs())
    } else {
        trimmed(pct.abs(), decimals)
    };
    match text.as_str() {
        "0" => "0%".into(),
        _ if pct < 0.0 => format!("{MINUS}{text}%"),
        _ => format!("+{text}%"),
    }
}

/// A difference in the unit's own terms, with its sign: `+3.2 pts`, `−6`, `+$40K`, `−0.5 h`.
pub fn signed_delta(delta: f64, unit: Unit, currency: &str) -> String {
    let magnitude = match unit {
        Unit::Percent => {
            let t = trimmed(delta.abs(), 1);
            let s = if t == "1" { "" } else { "s" };
            format!("{t} pt{s}")
        }
        _ => value(delta.abs(), unit, currency),
    };
    let zero = !magnitude.chars().any(|c| c.is_ascii_digit() && c != '0');
    if zero {
        magnitude
    } else if delta < 0.0 {
        format!("{MINUS}{magnitude}")
    } else {
        format!("+{magnitude}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_is_compact_with_three_significant_figures() {
        assert_eq!(money(1_250_000.0, "USD"), "$1.25M");
        assert_eq!(money(400_000.0, "USD"), "$400K");
        assert_eq!(money(1_200_000.0, "USD"), "$1.2M");
        assert_eq!(money(45_321.0, "EUR"), "€45.3K");
        assert_eq!(money(9_500.0, "USD"), "$9,500");
        assert_eq!(money(999_960.0, "USD"), "$1M");
        assert_eq!(money(-400_000.0, "GBP"), "−£400K");
        assert_eq!(money(2_500_000_000.0, "SEK"), "SEK 2.5B");
        assert_eq!(money(0.0, "USD"), "$0");
    }

    #[test]
    fn values_follow_their_unit() {
        assert_eq!(value(4.0, Unit::Hours, "USD"), "4.0 h");
        assert_eq!(value(18.0, Unit::Percent, "USD"), "18%");
        assert_eq!(value(92.46, Unit::Percent, "USD"), "92.5%");
        assert_eq!(value(1234.0, Unit::Count, "USD"), "1,234");
        assert_eq!(value(3.25, Unit::Days, "USD"), "3.2 d");
        assert_eq!(value(72.0, Unit::Score, "USD"), "72");
        assert_eq!(value(-0.04, Unit::Hours, "USD"), "0.0 h");
    }

    #[test]
    fn changes_carry_their_sign() {
        assert_eq!(signed_percent(0.18), "+18%");
        assert_eq!(signed_percent(-0.184), "−18%");
        assert_eq!(signed_percent(-0.035), "−3.5%");
        assert_eq!(signed_percent(19.0), "+1,900%");
        assert_eq!(signed_percent(0.0001), "0%");
        assert_eq!(signed_delta(3.2, Unit::Percent, "USD"), "+3.2 pts");
        assert_eq!(signed_delta(-6.0, Unit::Score, "USD"), "−6");
        assert_eq!(signed_delta(-40_000.0, Unit::Currency, "USD"), "−$40K");
        assert_eq!(signed_delta(0.0, Unit::Count, "USD"), "0");
    }
}
