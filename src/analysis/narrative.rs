//! Generated sentences: what a metric did this month, said the way an account manager would.

use super::format::{self, Decimals};
use super::trend::{Assessment, Trend, meets};
use crate::model::{Better, Metric, Unit};

/// What is said about a metric: the full sentence, and the same without the metric's name
/// for places where the name is already the heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    /// "First response time (P1) improved 18% from August to 4.0 h and is now within the
    /// target of 4.0 h."
    pub sentence: String,
    /// "Improved 18% from August to 4.0 h and is now within the target of 4.0 h."
    pub detail: String,
}

/// The size of the move in words: `18%` or `3.2 points` (percent metrics move in points).
fn amount(metric: &Metric, trend: &Trend, currency: &str, decimals: Decimals) -> String {
    let delta = trend.delta.unwrap_or(0.0);
    let unsigned = |text: String| text.trim_start_matches(['+', format::MINUS]).to_owned();
    match (metric.unit, trend.relative) {
        (Unit::Percent | Unit::Score, _) => unsigned(format::signed_delta_with(
            delta,
            Unit::Percent,
            currency,
            decimals,
        ))
        .replace("pt", "point"),
        // Money moves are told as a share and as an amount.
        (Unit::Currency, Some(relative)) => format!(
            "{} ({})",
            unsigned(format::signed_percent(relative)),
            unsigned(format::signed_delta_with(
                delta,
                Unit::Currency,
                currency,
                decimals
            ))
        ),
        (_, Some(relative)) => unsigned(format::signed_percent(relative)),
        (unit, None) => unsigned(format::signed_delta_with(delta, unit, currency, decimals)),
    }
}

/// `within the target of 4.0 h`, `below the SLA of 80%`: where `value` stands against a line.
fn against(
    value: f64,
    line: f64,
    name: &str,
    metric: &Metric,
    shown_line: String,
) -> (bool, String) {
    let ok = meets(value, line, metric.better);
    let place = match (metric.better, ok) {
        (Better::Lower, true) => "within",
        (Better::Lower, false) => "above",
        (Better::Higher, true) if value == line => "at",
        (Better::Higher, true) => "above",
        (Better::Higher, false) => "below",
    };
    (ok, format!("{place} the {name} of {shown_line}"))
}

pub(crate) fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `in July, the latest month reported`, when the latest value is older than the period's end.
fn stale(trend: &Trend) -> String {
    match trend.latest {
        Some((month, _)) if trend.stale => {
            format!(" in {}, the latest month reported", month.name())
        }
        _ => String::new(),
    }
}

/// What to say about the metric's latest month.
pub fn sentence(metric: &Metric, trend: &Trend, currency: &str) -> Said {
    let label = &metric.label;
    let Some((month, value)) = trend.latest else {
        return Said {
            sentence: format!("{label} has no values reported yet."),
            detail: "No values reported yet.".to_owned(),
        };
    };
    let decimals = format::decimals_of(metric);
    let show = |v: f64| format::value_with(v, metric.unit, currency, decimals);
    let shown = show(value);
    // The target speaks first; without one, the SLA.
    let line = metric
        .target
        .map(|t| (t, "target"))
        .or(metric.sla.map(|s| (s, "SLA")))
        .map(|(line, name)| against(value, line, name, metric, show(line)));

    // The predicate, and whether it follows the name after a colon (no verb of its own).
    let (predicate, colon) = match (trend.assessment, trend.previous) {
        // From zero there is no ratio to quote, and past doubling a ratio reads badly
        // ("worsened 1900%"): say where it came from instead.
        (Assessment::Improved | Assessment::Worsened, Some((before, was)))
            if trend.relative.is_none_or(|r| r.abs() >= 1.0) =>
        {
            let verb = if trend.delta.unwrap_or(0.0) > 0.0 {
                "rose"
            } else {
                "fell"
            };
            (
                format!(
                    "{verb} from {} in {} to {shown}{}",
                    show(was),
                    before.name_before(month),
                    stale(trend)
                ),
                false,
            )
        }
        (Assessment::Improved | Assessment::Worsened, Some((before, _))) => {
            let verb = if trend.assessment == Assessment::Improved {
                "improved"
            } else {
                "worsened"
            };
            let amount = amount(metric, trend, currency, decimals);
            (
                format!(
                    "{verb} {amount} from {} to {shown}{}",
                    before.name_before(month),
                    stale(trend)
                ),
                false,
            )
        }
        (Assessment::Unchanged, Some((before, _))) => (
            format!(
                "held steady at {shown} from {}{}",
                before.name_before(month),
                stale(trend)
            ),
            false,
        ),
        (Assessment::New, _) => (
            format!("{shown} in {}, the first month reported", month.name()),
            true,
        ),
        _ => (format!("{shown} in {}", month.name()), true),
    };
    let rest = match line {
        None => String::new(),
        Some((ok, place)) => match (trend.assessment, ok) {
            (Assessment::Improved, true) | (Assessment::Worsened, false) => {
                format!(" and is now {place}")
            }
            (Assessment::Improved, false) | (Assessment::Worsened, true) => {
                format!(" but is still {place}")
            }
            (Assessment::Unchanged, _) => format!(" and is {place}"),
            // Nothing to compare with: no verb to join to, so a clause of its own.
            _ => format!("; {place}"),
        },
    };
    // A miss that has lasted is worth saying: "3 months below target".
    let line = metric
        .target
        .map(|_| "target")
        .or(metric.sla.map(|_| "the SLA"));
    let rest = match (line, trend.months_off_target) {
        (Some(name), n) if n >= 2 => {
            let side = match (name, metric.better) {
                ("the SLA", _) => "outside",
                (_, Better::Higher) => "below",
                (_, Better::Lower) => "above",
            };
            format!("{rest}; {n} months {side} {name}")
        }
        _ => rest,
    };
    let joiner = if colon { ": " } else { " " };
    Said {
        sentence: format!("{label}{joiner}{predicate}{rest}."),
        detail: format!("{}{rest}.", capitalised(&predicate)),
    }
}

#[cfg(test)]
mod tests {
    use super::super::trend::trend;
    use super::*;

    fn metric(unit: Unit, better: Better, values: &[(&str, f64)]) -> Metric {
        Metric::sample("First response time (P1)", unit, better, values)
    }

    fn said(m: &Metric) -> Said {
        sentence(m, &trend(m, "2026-09".parse().unwrap()), "USD")
    }

    /// The sentence with no-break spaces shown as plain ones, for readable expectations.
    fn say(m: &Metric) -> String {
        said(m).sentence.replace('\u{a0}', " ")
    }

    #[test]
    fn an_improvement_into_the_sla_is_said_so() {
        let mut m = metric(
            Unit::Hours,
            Better::Lower,
            &[("2026-08", 4.9), ("2026-09", 4.0)],
        );
        m.sla = Some(4.0);
        assert_eq!(
            say(&m),
            "First response time (P1) improved 18% from August to 4.0 h and is now within the SLA of 4.0 h."
        );
        // The same without the name, for a chart under the name; units never split from numbers.
        assert_eq!(
            said(&m).detail,
            "Improved 18% from August to 4.0\u{a0}h and is now within the SLA of 4.0\u{a0}h."
        );
    }

    #[test]
    fn a_worsening_beyond_target_is_said_so() {
        let mut m = metric(
            Unit::Percent,
            Better::Higher,
            &[("2026-08", 91.0), ("2026-09", 86.5)],
        );
        m.label = "SLA attainment".into();
        m.target = Some(90.0);
        assert_eq!(
            say(&m),
            "SLA attainment worsened 4.5 points from August to 86.5% and is now below the target of 90.0%."
        );
    }

    #[test]
    fn steady_new_and_empty_metrics_have_sentences() {
        let mut m = metric(
            Unit::Count,
            Better::Lower,
            &[("2026-08", 12.0), ("2026-09", 12.0)],
        );
        m.label = "Tickets".into();
        assert_eq!(say(&m), "Tickets held steady at 12 from August.");
        let mut one = metric(Unit::Count, Better::Lower, &[("2026-09", 5.0)]);
        one.label = "Escalations".into();
        one.target = Some(3.0);
        assert_eq!(
            say(&one),
            "Escalations: 5 in September, the first month reported; above the target of 3."
        );
        let mut zero = metric(
            Unit::Currency,
            Better::Higher,
            &[("2026-08", 0.0), ("2026-09", 42_000.0)],
        );
        zero.label = "Expansion bookings".into();
        assert_eq!(
            say(&zero),
            "Expansion bookings rose from $0 in August to $42,000."
        );
        let mut jump = metric(
            Unit::Days,
            Better::Lower,
            &[("2026-08", 0.8), ("2026-09", 16.0)],
        );
        jump.label = "Resolution time".into();
        jump.target = Some(5.0);
        assert_eq!(
            say(&jump),
            "Resolution time rose from 0.8 d in August to 16.0 d and is now above the target of 5.0 d."
        );
        let mut score = metric(
            Unit::Score,
            Better::Higher,
            &[("2026-08", 4.4), ("2026-09", 4.6)],
        );
        score.label = "CSAT".into();
        assert_eq!(say(&score), "CSAT improved 0.2 points from August to 4.6.");
        let none = metric(Unit::Count, Better::Lower, &[]);
        assert!(say(&none).ends_with("has no values reported yet."));
    }
}
