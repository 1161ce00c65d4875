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
    /// The latest earlier month with a value: the month before, unless the series has a gap,
    /// in which case the comparison names the month it was made against.
    pub previous: Option<(Month, f64)>,
    /// `latest − previous`.
    pub delta: Option<f64>,
    /// `(latest − previous) / previous`; `None` when there is no meaningful ratio (see `moved`).
    pub relative: Option<f64>,
    pub direction: Option<Direction>,
    pub assessment: Assessment,
    pub rag: Rag,
    /// The values three and twelve months before the latest, where the data reaches.
    pub quarter_ago: Option<(Month, f64)>,
    pub year_ago: Option<(Month, f64)>,
    /// How many months in a row, ending with the latest, miss the target (or the SLA).
    pub months_off_target: usize,
    /// The latest value is from before the period's last month.
    pub stale: bool,
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

/// A comparison of two values of one metric.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Move {
    pub delta: f64,
    pub relative: Option<f64>,
    pub direction: Direction,
    pub assessment: Assessment,
}

/// How `value` compares with `before`, for a metric where `better` is good.
pub fn moved(before: f64, value: f64, better: Better) -> Move {
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
    let assessment = match (direction, better) {
        (Direction::Flat, _) => Assessment::Unchanged,
        (Direction::Up, Better::Higher) | (Direction::Down, Better::Lower) => Assessment::Improved,
        _ => Assessment::Worsened,
    };
    Move {
        delta,
        relative,
        direction,
        assessment,
    }
}

/// The metric's status at `value`: its own thresholds when the file gives them, otherwise
/// the rule of [`rag`] on its target and SLA.
pub fn status_of(metric: &Metric, value: f64) -> Rag {
    match metric.thresholds {
        Some(t) if meets(value, t.green, metric.better) => Rag::Green,
        Some(t) if meets(t.red, value, metric.better) => Rag::Red,
        Some(_) => Rag::Amber,
        None => rag(value, metric.target, metric.sla, metric.better),
    }
}

/// Compute the trend of `metric`, looking only at months up to `until` (the period's end).
pub fn trend(metric: &Metric, until: Month) -> Trend {
    let at = |month: Month| metric.values.get(&month).map(|v| (month, *v));
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
            quarter_ago: None,
            year_ago: None,
            months_off_target: 0,
            stale: false,
        };
    };
    let previous = metric
        .values
        .range(..month)
        .next_back()
        .map(|(m, v)| (*m, *v));
    let line = metric.target.or(metric.sla);
    let months_off_target = match line {
        None => 0,
        Some(line) => {
            let mut count = 0;
            let mut m = month;
            while let Some((_, v)) = at(m) {
                if meets(v, line, metric.better) {
                    break;
                }
                count += 1;
                m = m.previous();
            }
            count
        }
    };
    let change = previous.map(|(_, before)| moved(before, value, metric.better));
    Trend {
        latest,
        previous,
        delta: change.map(|c| c.delta),
        relative: change.and_then(|c| c.relative),
        direction: change.map(|c| c.direction),
        assessment: change.map_or(Assessment::New, |c| c.assessment),
        rag: status_of(metric, value),
        quarter_ago: at(month.back(3)),
        year_ago: at(month.back(12)),
        months_off_target,
        stale: month < until,
    }
}

impl Trend {
    /// How far the move went against the metric's own yardstick, for ranking "what changed":
    /// the change as a share of the target (or SLA) where there is one — moving 1 h against a
    /// 4 h target matters more than 1 h against 40 h — else as a share of the previous value
    /// (percent and score metrics: points per hundred). `None` for no move.
    pub fn significance(&self, metric: &Metric) -> Option<f64> {
        if self.direction == Some(Direction::Flat) || self.previous.is_none() {
            return None;
        }
        let delta = self.delta?;
        let line = metric.target.or(metric.sla).filter(|l| *l != 0.0);
        match (line, metric.unit, self.relative) {
            (Some(line), ..) => Some((delta / line).abs()),
            (None, Unit::Percent | Unit::Score, _) => Some(delta.abs() / 100.0),
            (None, _, Some(relative)) => Some(relative.abs()),
            // From zero or across it: a real change with no yardstick; rank it last.
            (None, _, None) => Some(0.0),
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
        // A gap stays a gap: the comparison is made with the last month that has a value.
        let gap = metric(Better::Higher, &[("2026-07", 2.0), ("2026-09", 3.0)], None);
        let t = trend(&gap, sep());
        assert_eq!(t.previous, Some(("2026-07".parse().unwrap(), 2.0)));
        assert_eq!(t.assessment, Assessment::Improved);
        assert_eq!(t.delta, Some(1.0));
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
