//! A metric's movement: latest value, change from the month before, whether that change is an
//! improvement given the metric's direction, and where the latest value stands against target.

use serde::Serialize;

use crate::model::{Better, Metric, Month, Unit};

/// Which way the number moved, regardless of whether that is good.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    Up,
    Down,
    Flat,
}

/// What the movement means for the customer, given `better`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Assessment {
    Improved,
    Worsened,
    Unchanged,
    /// Only one month reported: nothing to compare with.
    New,
    /// No value at all, or the previous month is missing.
    NotAvailable,
}

/// Red/amber/green against target or SLA; `None` when the metric has neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rag {
    Green,
    Amber,
    Red,
    None,
}

/// Changes smaller than this share of the previous value count as no change.
const FLAT_BELOW: f64 = 0.005;
/// Missing the target by up to this share of it is amber rather than red.
const AMBER_WITHIN: f64 = 0.10;

/// The computed movement of one metric.
#[derive(Debug, Clone, PartialEq)]
pub struct Trend {
    pub latest: Option<(Month, f64)>,
    /// The month directly before the latest, if it has a value.
    pub previous: Option<(Month, f64)>,
    /// `latest − previous`.
    pub delta: Option<f64>,
    /// `(latest − previous) / |previous|`; `None` when previous is zero or missing.
    pub relative: Option<f64>,
    pub direction: Option<Direction>,
    pub assessment: Assessment,
    pub rag: Rag,
}

/// True when `value` is at least as good as `line` for a metric where `better` is good.
pub fn meets(value: f64, line: f64, better: Better) -> bool {
    match better {
        Better::Higher => value >= line,
        Better::Lower => value <= line,
    }
}

/// Status of `value` against the metric's target, with the SLA as the hard line.
///
/// Meets target: green. Misses target but meets the SLA, or (without an SLA) misses the target
/// by at most 10%: amber. Otherwise red. With only an SLA: met is green, missed is red.
pub fn rag(value: f64, target: Option<f64>, sla: Option<f64>, better: Better) -> Rag {
    let near = |line: f64| (value - line).abs() <= AMBER_WITHIN * line.abs();
    match (target, sla) {
        (None, None) => Rag::None,
        (Some(target), None) => {
            if meets(value, target, better) {
                Rag::Green
            } else if near(target) {
                Rag::Amber
            } else {
                Rag::Red
            }
        }
        // An SLA is a commitment, not an aim: missing it is red, however narrowly.
        (None, Some(sla)) => {
            if meets(value, sla, better) {
                Rag::Green
            } else {
                Rag::Red
            }
        }
        (Some(target), Some(sla)) => {
            if meets(value, target, better) {
                Rag::Green
            } else if meets(value, sla, better) {
                Rag::Amber
            } else {
                Rag::Red
            }
        }
    }
}

/// Compute the trend of `metric`, looking only at months up to `until` (the period's end).
pub fn trend(metric: &Metric, until: Month) -> Trend {
    let latest = metric
        .values
        .range(..=until)
        .next_back()
        .map(|(m, v)| (*m, *v));
    let Some((month, value)) = latest else {
        return Trend {
            latest: None,
            previous: None,
            delta: None,
            relative: None,
            direction: None,
            assessment: Assessment::NotAvailable,
            rag: Rag::None,
        };
    };
    let rag = rag(value, metric.target, metric.sla, metric.better);
    let previous = metric
        .values
        .get(&month.previous())
        .map(|v| (month.previous(), *v));
    let has_earlier = metric.values.range(..month).next().is_some();
    let Some((_, before)) = previous else {
        let assessment = if has_earlier {
            Assessment::NotAvailable
        } else {
            Assessment::New
        };
        return Trend {
            latest,
            previous: None,
            delta: None,
            relative: None,
            direction: None,
            assessment,
            rag,
        };
    };
    let delta = value - before;
    // A ratio only means something from a positive base to a value of the same sign; from
    // zero, from a negative or across zero (−2 → 3 is not "+250%") the change is the delta.
    let relative = (before > 0.0 && value >= 0.0).then(|| delta / before);
    let flat = match relative {
        Some(r) => r.abs() < FLAT_BELOW,
        None => delta == 0.0,
    };
    let direction = if flat {
        Direction::Flat
    } else if delta > 0.0 {
        Direction::Up
    } else {
        Direction::Down
    };
    let assessment = match (direction, metric.better) {
        (Direction::Flat, _) => Assessment::Unchanged,
        (Direction::Up, Better::Higher) | (Direction::Down, Better::Lower) => Assessment::Improved,
        _ => Assessment::Worsened,
    };
    Trend {
        latest,
        previous,
        delta: Some(delta),
        relative,
        direction: Some(direction),
        assessment,
        rag,
    }
}

impl Trend {
    /// How big the move was, comparable across metrics, for ranking "what changed".
    /// Percent metrics move in points, so a point counts as a hundredth.
    pub fn magnitude(&self, unit: Unit) -> Option<f64> {
        match (unit, self.delta, self.relative) {
            (_, _, _) if self.direction == Some(Direction::Flat) => None,
            (Unit::Percent | Unit::Score, Some(delta), _) => Some(delta.abs() / 100.0),
            (_, _, Some(relative)) => Some(relative.abs()),
            // From zero to something: a real change, but not comparable; rank it last.
            (_, Some(delta), None) if delta != 0.0 => Some(0.0),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Metric;

    fn metric(better: Better, values: &[(&str, f64)], target: Option<f64>) -> Metric {
        Metric {
            target,
            ..Metric::sample("M", Unit::Hours, better, values)
        }
    }

    fn sep() -> Month {
        "2026-09".parse().unwrap()
    }

    #[test]
    fn a_falling_response_time_is_an_improvement() {
        let m = metric(
            Better::Lower,
            &[("2026-08", 4.9), ("2026-09", 4.0)],
            Some(4.0),
        );
        let t = trend(&m, sep());
        assert_eq!(t.direction, Some(Direction::Down));
        assert_eq!(t.assessment, Assessment::Improved);
        assert!((t.relative.unwrap() + 0.1837).abs() < 1e-3);
        assert_eq!(t.rag, Rag::Green);
    }

    #[test]
    fn a_rising_value_is_worse_when_lower_is_better() {
        let m = metric(
            Better::Lower,
            &[("2026-08", 4.0), ("2026-09", 5.0)],
            Some(4.0),
        );
        let t = trend(&m, sep());
        assert_eq!(t.assessment, Assessment::Worsened);
        assert_eq!(t.rag, Rag::Red);
    }

    #[test]
    fn one_point_is_new_and_a_gap_is_not_available() {
        let one = metric(Better::Higher, &[("2026-09", 3.0)], None);
        assert_eq!(trend(&one, sep()).assessment, Assessment::New);
        let gap = metric(Better::Higher, &[("2026-07", 2.0), ("2026-09", 3.0)], None);
        let t = trend(&gap, sep());
        assert_eq!(t.assessment, Assessment::NotAvailable);
        assert_eq!(t.delta, None);
        let none = metric(Better::Higher, &[], None);
        assert_eq!(trend(&none, sep()).latest, None);
    }

    #[test]
    fn from_zero_has_a_delta_but_no_ratio() {
        let m = metric(Better::Lower, &[("2026-08", 0.0), ("2026-09", 3.0)], None);
        let t = trend(&m, sep());
        assert_eq!((t.delta, t.relative), (Some(3.0), None));
        assert_eq!(t.assessment, Assessment::Worsened);
        let flat = metric(Better::Lower, &[("2026-08", 0.0), ("2026-09", 0.0)], None);
        assert_eq!(trend(&flat, sep()).assessment, Assessment::Unchanged);
    }

    #[test]
    fn across_zero_or_from_a_negative_there_is_no_ratio() {
        let m = metric(Better::Higher, &[("2026-08", -2.0), ("2026-09", 3.0)], None);
        let t = trend(&m, sep());
        assert_eq!((t.delta, t.relative), (Some(5.0), None));
        assert_eq!(t.assessment, Assessment::Improved);
        let both = metric(
            Better::Higher,
            &[("2026-08", -5.0), ("2026-09", -2.0)],
            None,
        );
        assert_eq!(trend(&both, sep()).relative, None);
    }

    #[test]
    fn months_after_the_period_are_ignored() {
        let m = metric(Better::Higher, &[("2026-09", 1.0), ("2026-10", 9.0)], None);
        assert_eq!(trend(&m, sep()).latest.unwrap().1, 1.0);
    }

    #[test]
    fn rag_uses_target_then_sla() {
        assert_eq!(rag(4.2, Some(4.0), None, Better::Lower), Rag::Amber);
        assert_eq!(rag(4.5, Some(4.0), None, Better::Lower), Rag::Red);
        assert_eq!(rag(5.0, Some(4.0), Some(8.0), Better::Lower), Rag::Amber);
        assert_eq!(rag(9.0, Some(4.0), Some(8.0), Better::Lower), Rag::Red);
        assert_eq!(rag(85.0, Some(80.0), None, Better::Higher), Rag::Green);
        assert_eq!(rag(3.0, None, None, Better::Higher), Rag::None);
        assert_eq!(rag(88.0, None, Some(90.0), Better::Higher), Rag::Red);
    }
}
