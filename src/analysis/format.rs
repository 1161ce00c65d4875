//! Number formatting: every figure in a report is written here, once, for its unit and currency
//! (`$1.25M`, `18%`, `4.0 h`). Templates print these strings and never format numbers.

use crate::model::{Metric, Unit};

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
    signed(
        value < 0.0 && value.abs().round() > 0.0,
        fixed(value.abs(), 0),
    )
}

fn signed(negative: bool, body: String) -> String {
    if negative {
        format!("{MINUS}{body}")
    } else {
        body
    }
}

/// `value` (not negative) with exactly `decimals` decimals, rounded half away from zero (as
/// people round: 70.25 → 70.3) and thousands grouped (`9,000.0`).
pub fn fixed(value: f64, decimals: usize) -> String {
    let scale = 10f64.powi(decimals as i32);
    let rounded = (value * scale).round() / scale;
    let text = format!("{rounded:.decimals$}");
    let (whole, fraction) = text
        .split_once('.')
        .map_or((text.as_str(), None), |(w, f)| (w, Some(f)));
    let mut out = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(fraction) = fraction {
        out.push('.');
        out.push_str(fraction);
    }
    out
}

/// A number with at most `decimals` decimals, trailing zeros dropped (`1.50` → `1.5`).
fn trimmed(value: f64, decimals: usize) -> String {
    let text = fixed(value, decimals);
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
    } else if abs >= 1e3 {
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
        ("1,000", "K") => "1M".into(),
        ("1,000", "M") => "1B".into(),
        ("1,000", "B") => "1T".into(),
        _ => format!("{text}{suffix}"),
    }
}

/// An amount of money, compact: `$1.25M`, `−$400K`, `€950`.
/// Amounts from this size are written compactly (`$400K`); below it, in full (`$12,500`).
const COMPACT_FROM: f64 = 100_000.0;

/// Currencies without a minor unit, whose amounts are written in full (`¥1,200,000`) up to
/// [`COMPACT_LARGE_FROM`].
const WHOLE_CURRENCIES: [&str; 6] = ["JPY", "KRW", "VND", "CLP", "IDR", "HUF"];

/// From here, amounts in a currency without a minor unit and counts are compact too
/// (`¥150M`, `1.6B`): written in full they no longer fit a tile or a table column.
const COMPACT_LARGE_FROM: f64 = 10_000_000.0;

/// An amount of money: compact from 100,000 (`$1.25M`, `€980K`), in full below (`£12,500`),
/// with cents below 100 when it has them (`$0.50`), and the sign before the symbol (`−$3,000`).
pub fn money(value: f64, currency: &str) -> String {
    let abs = value.abs();
    let whole = WHOLE_CURRENCIES.contains(&currency.to_ascii_uppercase().as_str());
    let number = if whole && abs < COMPACT_LARGE_FROM {
        grouped(abs)
    } else if abs >= COMPACT_FROM {
        compact(abs)
    } else if abs < 100.0 && abs.fract() != 0.0 {
        fixed(abs, 2)
    } else {
        grouped(abs)
    };
    let zero = !number.chars().any(|c| c.is_ascii_digit() && c != '0');
    signed(
        value < 0.0 && !zero,
        format!("{}{number}", currency_symbol(currency)),
    )
}

/// Whether [`money`] writes `value` in compact form.
pub fn is_compact(value: f64, currency: &str) -> bool {
    let whole = WHOLE_CURRENCIES.contains(&currency.to_ascii_uppercase().as_str());
    value.abs()
        >= if whole {
            COMPACT_LARGE_FROM
        } else {
            COMPACT_FROM
        }
}

/// An amount in a column of amounts: compact from a thousand when `compact` (another amount of
/// the column is compact), else as [`money`].
pub fn money_in_column(value: f64, currency: &str, compact: bool) -> String {
    if !compact || value.abs() < 1000.0 {
        return money(value, currency);
    }
    signed(
        value < 0.0,
        format!("{}{}", currency_symbol(currency), self::compact(value)),
    )
}

/// The space between a number and its unit: no-break, so `4.0 h` never splits across lines.
pub const UNIT_SPACE: char = '\u{A0}';

/// A value in its unit: `4.0 h`, `92.5%`, `1,234`, `$1.25M`, with the unit's usual decimals.
pub fn value(value: f64, unit: Unit, currency: &str) -> String {
    match unit {
        Unit::Percent | Unit::Score => value_with(value, unit, currency, Decimals::Trim(1)),
        Unit::Number => value_with(value, unit, currency, Decimals::Trim(2)),
        _ => value_with(value, unit, currency, Decimals::Fixed(1)),
    }
}

/// How many decimals to write: exactly so many (a column of one metric lines up), or at most
/// so many with trailing zeros dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decimals {
    Fixed(usize),
    Trim(usize),
}

/// A value in its unit with the given decimals (money and counts ignore them).
pub fn value_with(value: f64, unit: Unit, currency: &str, decimals: Decimals) -> String {
    let number = |v: f64| match decimals {
        Decimals::Fixed(d) => signed_fixed(v, d),
        Decimals::Trim(d) => signed_trim(v, d),
    };
    match unit {
        Unit::Currency => money(value, currency),
        Unit::Count if value.abs() >= COMPACT_LARGE_FROM => signed(value < 0.0, compact(value)),
        Unit::Count => grouped(value),
        Unit::Percent => format!("{}%", number(value)),
        Unit::Hours => format!("{}{UNIT_SPACE}h", number(value)),
        Unit::Days => format!("{}{UNIT_SPACE}d", number(value)),
        Unit::Score => number(value),
        Unit::Number if value.abs() >= 1e4 => signed(value < 0.0, compact(value)),
        Unit::Number => number(value),
    }
}

/// The decimals `metric` is written with, from its values, target and SLA.
pub fn decimals_of(metric: &Metric) -> Decimals {
    let lines = metric.target.into_iter().chain(metric.sla);
    metric_decimals(metric.unit, metric.values.values().copied().chain(lines))
}

/// The decimals one metric is written with everywhere (table, sentence, chart): as few as its
/// values, target and SLA need, up to one (two for plain numbers); hours always show one.
pub fn metric_decimals(unit: Unit, numbers: impl IntoIterator<Item = f64>) -> Decimals {
    let numbers: Vec<f64> = numbers.into_iter().filter(|v| v.is_finite()).collect();
    // Values that are all small fractions need more decimals to be told apart at all.
    let small = numbers.iter().all(|v| v.abs() < 1.0) && numbers.iter().any(|v| *v != 0.0);
    let most = match unit {
        Unit::Currency | Unit::Count => return Decimals::Fixed(0),
        _ if small => 3,
        Unit::Number => 2,
        _ => 1,
    };
    let needed = (0..most)
        .find(|&d| {
            let scale = 10f64.powi(d as i32);
            numbers.iter().all(|v| {
                let at_most = (v * 10f64.powi(most as i32)).round() / 10f64.powi(most as i32);
                ((at_most * scale).round() - at_most * scale).abs() < 1e-6
            })
        })
        .unwrap_or(most);
    match unit {
        Unit::Hours => Decimals::Fixed(needed.max(1)),
        _ => Decimals::Fixed(needed),
    }
}

fn signed_trim(value: f64, decimals: usize) -> String {
    let text = trimmed(value.abs(), decimals);
    signed(value < 0.0 && text != "0", text)
}

fn signed_fixed(value: f64, decimals: usize) -> String {
    let text = fixed(value.abs(), decimals);
    let zero = text.chars().all(|c| c == '0' || c == '.');
    signed(value < 0.0 && !zero, text)
}

/// A percentage with its sign: `+18%`, `−3.5%`, `+8.0%`, `0%`. Whole numbers from 10% up,
/// except near a total change, which never rounds up to one (−99.6% is not −100%).
pub fn signed_percent(fraction: f64) -> String {
    let pct = fraction * 100.0;
    let near_total = pct.abs() >= 99.5 && pct.abs() < 100.0;
    let text = if pct.abs() >= 9.95 && !near_total {
        fixed(pct.abs(), 0)
    } else {
        fixed(pct.abs(), 1)
    };
    let text = if text == "0.0" { "0".to_owned() } else { text };
    match text.as_str() {
        "0" => "0%".into(),
        _ if pct < 0.0 => format!("{MINUS}{text}%"),
        _ => format!("+{text}%"),
    }
}

/// A difference in the unit's own terms, with its sign: `+3.2 pts`, `−6`, `+$40K`, `−0.5 h`.
pub fn signed_delta(delta: f64, unit: Unit, currency: &str) -> String {
    signed_delta_with(delta, unit, currency, Decimals::Trim(1))
}

/// [`signed_delta`] with the metric's decimals.
pub fn signed_delta_with(delta: f64, unit: Unit, currency: &str, decimals: Decimals) -> String {
    let magnitude = match unit {
        Unit::Percent => {
            let t = match decimals {
                Decimals::Fixed(d) => format!("{:.d$}", delta.abs()),
                Decimals::Trim(d) => trimmed(delta.abs(), d),
            };
            let s = if t == "1" { "" } else { "s" };
            format!("{t}{UNIT_SPACE}pt{s}")
        }
        _ => value_with(delta.abs(), unit, currency, decimals),
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
        assert_eq!(money(45_321.0, "EUR"), "€45,321");
        assert_eq!(money(980_000.0, "EUR"), "€980K");
        assert_eq!(money(12_500.0, "GBP"), "£12,500");
        assert_eq!(money(1_200_000.0, "JPY"), "¥1,200,000");
        assert_eq!(money(150_000_000.0, "JPY"), "¥150M");
        assert_eq!(money_in_column(80_000.0, "EUR", true), "€80K");
        assert_eq!(money_in_column(80_000.0, "EUR", false), "€80,000");
        assert_eq!(money_in_column(500.0, "EUR", true), "€500");
        assert!(is_compact(100_000.0, "USD") && !is_compact(9_000_000.0, "JPY"));
        assert_eq!(money(-105_000_000.0, "JPY"), "−¥105M");
        assert_eq!(money(-3_000.0, "USD"), "−$3,000");
        assert_eq!(money(-0.001, "USD"), "$0.00");
        assert_eq!(money(9_500.0, "USD"), "$9,500");
        assert_eq!(money(0.5, "USD"), "$0.50");
        assert_eq!(money(950.0, "EUR"), "€950");
        assert_eq!(money(999_960.0, "USD"), "$1M");
        assert_eq!(money(-400_000.0, "GBP"), "−£400K");
        assert_eq!(money(2_500_000_000.0, "SEK"), "SEK 2.5B");
        assert_eq!(money(0.0, "USD"), "$0");
    }

    #[test]
    fn values_follow_their_unit() {
        assert_eq!(value(4.0, Unit::Hours, "USD"), "4.0\u{a0}h");
        assert_eq!(value(18.0, Unit::Percent, "USD"), "18%");
        assert_eq!(value(92.46, Unit::Percent, "USD"), "92.5%");
        assert_eq!(value(1234.0, Unit::Count, "USD"), "1,234");
        assert_eq!(value(9_999_999.0, Unit::Count, "USD"), "9,999,999");
        assert_eq!(value(1_600_000_000.0, Unit::Count, "USD"), "1.6B");
        assert_eq!(value(3.25, Unit::Days, "USD"), "3.3\u{a0}d");
        assert_eq!(value(72.0, Unit::Score, "USD"), "72");
        assert_eq!(value(-0.04, Unit::Hours, "USD"), "0.0\u{a0}h");
    }

    #[test]
    fn a_metric_is_written_with_the_decimals_its_numbers_need() {
        let d = metric_decimals(Unit::Percent, [68.5, 74.0]);
        assert_eq!(d, Decimals::Fixed(1));
        assert_eq!(value_with(74.0, Unit::Percent, "USD", d), "74.0%");
        assert_eq!(
            metric_decimals(Unit::Days, [27.0, 31.0, 30.0]),
            Decimals::Fixed(0)
        );
        assert_eq!(
            value_with(27.0, Unit::Days, "USD", Decimals::Fixed(0)),
            "27\u{a0}d"
        );
        assert_eq!(metric_decimals(Unit::Hours, [4.0, 5.0]), Decimals::Fixed(1));
        assert_eq!(
            metric_decimals(Unit::Number, [3.25, 3.1]),
            Decimals::Fixed(2)
        );
        assert_eq!(metric_decimals(Unit::Percent, [80.04]), Decimals::Fixed(0));
        assert_eq!(
            signed_delta_with(2.0, Unit::Percent, "USD", Decimals::Fixed(1)),
            "+2.0\u{a0}pts"
        );
    }

    #[test]
    fn changes_carry_their_sign() {
        assert_eq!(signed_percent(0.18), "+18%");
        assert_eq!(signed_percent(-0.184), "−18%");
        assert_eq!(signed_percent(-0.035), "−3.5%");
        assert_eq!(signed_percent(19.0), "+1,900%");
        assert_eq!(signed_percent(-0.996), "−99.6%");
        assert_eq!(signed_percent(0.0803), "+8.0%");
        assert_eq!(value(70.25, Unit::Score, "USD"), "70.3");
        assert_eq!(value(9000.0, Unit::Hours, "USD"), "9,000.0\u{a0}h");
        assert_eq!(
            metric_decimals(Unit::Number, [0.012, 0.4]),
            Decimals::Fixed(3)
        );
        assert_eq!(signed_percent(0.0001), "0%");
        assert_eq!(signed_delta(3.2, Unit::Percent, "USD"), "+3.2\u{a0}pts");
        assert_eq!(signed_delta(-6.0, Unit::Score, "USD"), "−6");
        assert_eq!(signed_delta(-40_000.0, Unit::Currency, "USD"), "−$40,000");
        assert_eq!(signed_delta(0.0, Unit::Count, "USD"), "0");
    }
}
