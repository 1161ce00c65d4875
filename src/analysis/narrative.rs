//! Generated sentences: what a metric did this month, said the way an account manager would.

use super::format;
use super::trend::{Assessment, Trend, meets};
use crate::model::{Better, Metric, Unit};

/// The size of the move in words: `18%` or `3.2 points` (percent metrics move in points).
fn amount(metric: &Metric, trend: &Trend, currency: &str) -> String {
    let delta = trend.delta.unwrap_or(0.0);
    match (metric.unit, trend.relative) {
        (Unit::Percent | Unit::Score, _) => {
            let text = format::signed_delta(delta, Unit::Percent, currency);
            text.trim_start_matches(['+', format::MINUS])
                .replace("pt", "point")
        }
        (_, Some(relative)) => format::signed_percent(relative)
            .trim_start_matches(['+', format::MINUS])
            .to_owned(),
        (unit, None) => {
            let text = format::signed_delta(delta, unit, currency);
            text.trim_start_matches(['+', format::MINUS]).to_owned()
        }
    }
}

/// `within the 4.0 h SLA`, `below the 80% target`: where `value` stands against one line.
fn against(value: f64, line: f64, name: &str, metric: &Metric, currency: &str) -> (bool, String) {
    let ok = meets(value, line, metric.better);
    let place = match (metric.better, ok) {
        (Better::Lower, true) => "within",
        (Better::Lower, false) => "above",
        (Better::Higher, true) if value == line => "at",
        (Better::Higher, true) => "above",
        (Better::Higher, false) => "below",
    };
    (
        ok,
        format!(
            "{place} the {} {name}",
            format::value(line, metric.unit, currency)
        ),
    )
}

/// One sentence on the metric's latest month, e.g. "First response time (P1) improved 18% from
/// August to 4.0 h and is now within the 4.0 h SLA."
pub fn sentence(metric: &Metric, trend: &Trend, currency: &str) -> String {
    let Some((month, value)) = trend.latest else {
        return format!("{} has no values reported yet.", metric.label);
    };
    let shown = format::value(value, metric.unit, currency);
    // The target speaks first; without one, the SLA.
    let line = metric
        .target
        .map(|t| (t, "target"))
        .or(metric.sla.map(|s| (s, "SLA")))
        .map(|(line, name)| against(value, line, name, metric, currency));

    let opening = match (trend.assessment, trend.previous) {
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
            format!(
                "{} {verb} from {} in {} to {shown}",
                metric.label,
                format::value(was, metric.unit, currency),
                before.name()
            )
        }
        (Assessment::Improved | Assessment::Worsened, Some((before, _))) => {
            let verb = if trend.assessment == Assessment::Improved {
                "improved"
            } else {
                "worsened"
            };
            format!(
                "{} {verb} {} from {} to {shown}",
                metric.label,
                amount(metric, trend, currency),
                before.name()
            )
        }
        (Assessment::Unchanged, Some((before, _))) => {
            format!(
                "{} held steady at {shown} from {}",
                metric.label,
                before.name()
            )
        }
        (Assessment::New, _) => {
            format!(
                "{}: {shown} in {}, the first month reported",
                metric.label,
                month.name()
            )
        }
        _ => format!("{}: {shown} in {}", metric.label, month.name()),
    };
    let Some((ok, place)) = line else {
        return format!("{opening}.");
    };
    let joined = match (trend.assessment, ok) {
        (Assessment::Improved, true) => format!("and is now {place}"),
        (Assessment::Improved, false) => format!("but is still {place}"),
        (Assessment::Worsened, true) => format!("but is still {place}"),
        (Assessment::Worsened, false) => format!("and is now {place}"),
        (Assessment::Unchanged, _) => format!("and is {place}"),
        // Nothing to compare with: no verb to join to, so a clause of its own.
        _ => return format!("{opening}; {place}."),
    };
    format!("{opening} {joined}.")
}

#[cfg(test)]
mod tests {
    use super::super::trend::trend;
    use super::*;
    use std::collections::BTreeMap;

    fn metric(unit: Unit, better: Better, values: &[(&str, f64)]) -> Metric {
        Metric {
            id: "m".into(),
            label: "First response time (P1)".into(),
            group: None,
            unit,
            better,
            target: None,
            sla: None,
            source: "s".into(),
            owner: "o".into(),
            definition: None,
            values: values
                .iter()
                .map(|(m, v)| (m.parse().unwrap(), *v))
                .collect::<BTreeMap<_, _>>(),
        }
    }

    fn say(m: &Metric) -> String {
        sentence(m, &trend(m, "2026-09".parse().unwrap()), "USD")
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
            "First response time (P1) improved 18% from August to 4.0 h and is now within the 4.0 h SLA."
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
            "SLA attainment worsened 4.5 points from August to 86.5% and is now below the 90% target."
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
            "Escalations: 5 in September, the first month reported; above the 3 target."
        );
        let mut zero = metric(
            Unit::Currency,
            Better::Higher,
            &[("2026-08", 0.0), ("2026-09", 42_000.0)],
        );
        zero.label = "Expansion bookings".into();
        assert_eq!(
            say(&zero),
            "Expansion bookings rose from $0 in August to $42K."
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
            "Resolution time rose from 0.8 d in August to 16.0 d and is now above the 5.0 d target."
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
