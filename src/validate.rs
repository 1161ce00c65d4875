//! Rules the types cannot express: dates in order, percentages in range, every high-severity
//! risk owned and dated, series inside the period. Every problem is collected in one pass, each
//! placed at its line and field; errors stop the report, warnings are printed and it goes on.

use std::collections::HashSet;

use crate::analysis::trend;
use crate::error::Diagnostic;
use crate::model::{self, Action, Loaded, SCHEMA_VERSION, Severity, Unit};

/// ISO 4217 codes of the currencies accounts are commonly billed in; others get a warning.
const KNOWN_CURRENCIES: [&str; 40] = [
    "AED", "ARS", "AUD", "BRL", "CAD", "CHF", "CLP", "CNY", "COP", "CZK", "DKK", "EGP", "EUR",
    "GBP", "HKD", "HUF", "IDR", "ILS", "INR", "JPY", "KRW", "MXN", "MYR", "NGN", "NOK", "NZD",
    "PEN", "PHP", "PLN", "QAR", "RON", "SAR", "SEK", "SGD", "THB", "TRY", "TWD", "USD", "VND",
    "ZAR",
];

/// `a` or `an` before `word`.
fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

/// The largest magnitude a report prints; beyond it a number is a typo or a unit mistake.
const LARGEST: f64 = 1e15;

/// Collects diagnostics and places each at its field's line and column.
struct Checker<'a> {
    loaded: &'a Loaded,
    found: Vec<Diagnostic>,
}

impl Checker<'_> {
    fn place(&self, mut d: Diagnostic, field: &str) -> Diagnostic {
        if let Some(at) = self.loaded.positions.find(field) {
            d = d.at(at.line, at.column);
        }
        d.field(field)
    }

    fn error(&mut self, field: &str, message: impl Into<String>) -> &mut Diagnostic {
        let d = self.place(Diagnostic::error(self.loaded.source.name(), message), field);
        self.found.push(d);
        self.found.last_mut().expect("just pushed")
    }

    fn warning(&mut self, field: &str, message: impl Into<String>) -> &mut Diagnostic {
        let d = self.place(
            Diagnostic::warning(self.loaded.source.name(), message),
            field,
        );
        self.found.push(d);
        self.found.last_mut().expect("just pushed")
    }

    fn hint(d: &mut Diagnostic, hint: &str) {
        d.hint = Some(hint.to_owned());
    }

    fn not_blank(&mut self, field: &str, text: &str) {
        if text.trim().is_empty() {
            self.error(field, "must not be empty");
        }
    }

    /// A number a report can print: finite, and not beyond any real account's scale.
    fn finite(&mut self, field: &str, value: f64) -> bool {
        if !value.is_finite() {
            self.error(field, format!("expected a finite number, found {value}"));
            false
        } else if value.abs() > LARGEST {
            let d = self.error(field, format!("{value:e} is too large to report"));
            Self::hint(d, "numbers up to 10^15 (a thousand trillion) are supported");
            false
        } else {
            true
        }
    }

    fn not_negative(&mut self, field: &str, value: f64) {
        if self.finite(field, value) && value < 0.0 {
            self.error(field, format!("must not be negative, found {value}"));
        }
    }

    fn percent(&mut self, field: &str, value: f64) {
        if self.finite(field, value) && !(0.0..=100.0).contains(&value) {
            let message = format!("must be between 0 and 100, found {value}");
            let d = self.error(field, message);
            // Percent metrics get a hint; a health score is simply a 0–100 scale.
            if field.starts_with("metrics[") {
                Self::hint(
                    d,
                    "a percentage: write 80 for 80%; for a growth rate that can exceed 100, use `unit: number`",
                );
            } else if field.ends_with("probability") {
                Self::hint(d, "a percentage: write 80 for 80%");
            }
        }
    }

    /// The action of a risk or opportunity at `at`: when `required`, it must exist with an
    /// owner and a due date (errors); otherwise its absence is a warning.
    fn owned_action(
        &mut self,
        at: &str,
        kind: &str,
        title: &str,
        action: Option<&Action>,
        required: bool,
    ) {
        let field = format!("{at}.action");
        let Some(action) = action else {
            let message = format!("the {kind} \"{title}\" has no action");
            let d = if required {
                self.error(at, message)
            } else {
                self.warning(at, message)
            };
            Self::hint(d, "add `action: { what: …, owner: …, due: YYYY-MM-DD }`");
            return;
        };
        self.action(&field, action);
        if !required {
            return;
        }
        if action.owner.as_deref().is_none_or(|o| o.trim().is_empty()) {
            self.error(
                &field,
                format!("{} {kind}'s action needs an owner", article(kind)),
            );
        }
        if action.due.is_none() {
            self.error(
                &field,
                format!("{} {kind}'s action needs a due date", article(kind)),
            );
        }
    }

    fn action(&mut self, field: &str, action: &Action) {
        self.not_blank(&format!("{field}.what"), &action.what);
        let period = &self.loaded.account.period;
        if let Some(due) = action.due
            && due < period.start
        {
            self.warning(
                &format!("{field}.due"),
                format!(
                    "is {}, before the period starts ({})",
                    due.display(),
                    period.start.display()
                ),
            );
        }
    }
}

/// Check an account; returns errors and warnings, errors first within each field order.
pub fn validate(loaded: &Loaded) -> Vec<Diagnostic> {
    let mut c = Checker {
        loaded,
        found: loaded.problems.clone(),
    };
    let a = &loaded.account;

    if a.readout != SCHEMA_VERSION {
        let d = c.error(
            "readout",
            format!("schema version {} is not supported", a.readout),
        );
        Checker::hint(
            d,
            &format!("this build of readout reads version {SCHEMA_VERSION}"),
        );
    }
    c.not_blank("account.name", &a.account.name);
    let length = a.account.name.chars().count();
    if length > 100 {
        c.warning(
            "account.name",
            format!(
                "is {length} characters long; the report's title is laid out for names up to 100"
            ),
        );
    }
    c.not_blank("period.label", &a.period.label);
    if a.period.end < a.period.start {
        c.error(
            "period.end",
            format!(
                "the period ends ({}) before it starts ({})",
                a.period.end.display(),
                a.period.start.display()
            ),
        );
    }
    if let Some(p) = &a.prepared {
        c.not_blank("prepared.by", &p.by);
        if let Some(why) = p
            .confidentiality
            .as_deref()
            .and_then(model::notice_too_long)
        {
            let d = c.error("prepared.confidentiality", why);
            Checker::hint(
                d,
                "keep the footer line short (\"Confidential: Acme and Northwind\"); put longer terms in the contract",
            );
        }
        if p.on < a.period.start {
            c.warning(
                "prepared.on",
                format!("{} is before the period starts", p.on.display()),
            );
        }
    }
    if let Some(s) = &a.account.sponsor {
        c.not_blank("account.sponsor.name", &s.name);
    }

    if let Some(com) = &a.commercial {
        let code = com.currency.trim();
        if code.len() != 3 || !code.chars().all(|ch| ch.is_ascii_uppercase()) {
            let d = c.error(
                "commercial.currency",
                format!(
                    "expected a three-letter ISO code such as USD, found \"{}\"",
                    com.currency
                ),
            );
            Checker::hint(d, "currency codes are upper case: USD, EUR, GBP");
        } else if !KNOWN_CURRENCIES.contains(&code) {
            c.warning(
                "commercial.currency",
                format!("\"{code}\" is not a currency code readout knows; amounts are written \"{code} 1.2M\""),
            );
        }
        c.not_negative("commercial.arr", com.arr);
        let today = a.prepared.as_ref().map_or(a.period.end, |p| p.on);
        if let Some(renewal) = com.renewal_date
            && renewal < today
        {
            c.warning(
                "commercial.renewal_date",
                format!(
                    "{} is before the report date ({}): the renewal has passed",
                    renewal.display(),
                    today.display()
                ),
            );
        }
        if let Some(p) = com.renewal_probability {
            c.percent("commercial.renewal_probability", p);
        }
        if let Some(r) = com.revenue_at_risk {
            c.not_negative("commercial.revenue_at_risk", r);
            if r.is_finite() && com.arr.is_finite() && com.arr >= 0.0 && r > com.arr {
                c.warning("commercial.revenue_at_risk", "is larger than the ARR");
            }
        }
        if let Some(e) = com.expansion_pipeline {
            c.not_negative("commercial.expansion_pipeline", e);
        }
    }
    if let Some(h) = &a.health {
        c.percent("health.score", h.score);
        if let Some(p) = h.previous {
            c.percent("health.previous", p);
        }
        if let Some(last) = h.values.get(&a.period.end.month())
            && last.is_finite()
            && h.score.is_finite()
            && (last - h.score).abs() >= 0.5
        {
            let d = c.warning(
                &format!("health.values.{}", a.period.end.month()),
                format!(
                    "the chart ends at {} but health.score is {}; the report shows both",
                    crate::analysis::format::value(*last, Unit::Score, ""),
                    crate::analysis::format::value(h.score, Unit::Score, "")
                ),
            );
            Checker::hint(d, "the period's last month is usually the score itself");
        }
        for (month, value) in &h.values {
            let field = format!("health.values.{month}");
            c.percent(&field, *value);
            if *month > a.period.end.month() {
                c.error(
                    &field,
                    format!(
                        "{} is after the period ends ({})",
                        month.display(),
                        a.period.end.display()
                    ),
                );
            }
        }
    }

    let mut ids = HashSet::new();
    let end = a.period.end.month();
    let start = a.period.start.month();
    for (i, m) in a.metrics.iter().enumerate() {
        let at = format!("metrics[{i}]");
        if !ids.insert(m.id.as_str()) {
            c.error(
                &format!("{at}.id"),
                format!("the id \"{}\" is used by an earlier metric", m.id),
            );
        }
        if m.id.is_empty()
            || !m
                .id
                .chars()
                .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '_' || ch == '-')
        {
            let d = c.error(
                &format!("{at}.id"),
                format!("\"{}\" is not a valid id", m.id),
            );
            Checker::hint(
                d,
                "ids use lower-case letters, digits, `_` and `-`, e.g. `first_response_p1`",
            );
        }
        c.not_blank(&format!("{at}.label"), &m.label);
        // The report prints every metric's source and owner: say when one is missing.
        for (name, value) in [("source", &m.source), ("owner", &m.owner)] {
            match value.as_deref().map(str::trim) {
                None => {
                    let d = c.warning(&at, format!("the metric \"{}\" has no {name}", m.label));
                    Checker::hint(
                        d,
                        "the report's definitions table shows each metric's source and owner",
                    );
                }
                Some("") => {
                    c.error(&format!("{at}.{name}"), "must not be empty");
                }
                Some(_) => {}
            }
        }
        for (name, line) in [("target", m.target), ("sla", m.sla)] {
            if let Some(v) = line {
                let field = format!("{at}.{name}");
                if m.unit == Unit::Percent {
                    c.percent(&field, v)
                } else {
                    c.finite(&field, v);
                }
            }
        }
        if let Some(t) = m.thresholds
            && (c.finite(&format!("{at}.thresholds.green"), t.green)
                & c.finite(&format!("{at}.thresholds.red"), t.red))
            && !trend::meets(t.green, t.red, m.better)
        {
            let way = if m.better == crate::model::Better::Lower {
                "below"
            } else {
                "above"
            };
            let d = c.error(
                &format!("{at}.thresholds"),
                format!(
                    "green ({}) must be {way} red ({}) for a metric where {} is better",
                    t.green,
                    t.red,
                    if m.better == crate::model::Better::Lower {
                        "lower"
                    } else {
                        "higher"
                    }
                ),
            );
            Checker::hint(
                d,
                "green is where the metric is good enough; red where it is clearly not",
            );
        }
        if m.unit == Unit::Percent
            && m.values.values().any(|v| *v > 0.0)
            && m.values.values().all(|v| v.abs() <= 1.0)
        {
            // With a target or SLA above 1 the file itself says percentages are whole numbers:
            // then fractions are a mistake, not a suspicion.
            let line_above_one = m.target.or(m.sla).is_some_and(|l| l > 1.0);
            let message = "every value is 1 or less: were fractions written for percentages?";
            let field = format!("{at}.values");
            let d = if line_above_one {
                c.error(&field, message)
            } else {
                c.warning(&field, message)
            };
            Checker::hint(d, "write 85 for 85%, not 0.85");
        }
        // Months in the order of the calendar, as a reader of the file expects them.
        let mut last: Option<&str> = None;
        for key in loaded
            .positions
            .keys()
            .iter()
            .filter(|k| k.parent == format!("{at}.values"))
        {
            if let Some(before) = last
                && key.name.as_str() < before
            {
                c.warning(
                    &format!("{at}.values.{}", key.name),
                    format!(
                        "{} comes after {before}; months are easier to check in order",
                        key.name
                    ),
                );
            }
            last = Some(key.name.as_str());
        }
        if m.values.is_empty() {
            c.warning(
                &format!("{at}.values"),
                "has no values; the metric is shown as n/a",
            );
        }
        if m.unit == Unit::Count && m.values.values().any(|v| v.fract() != 0.0) {
            let d = c.warning(
                &format!("{at}.values"),
                "a count is a whole number; fractions are rounded in the report",
            );
            Checker::hint(d, "for an average or a ratio use `unit: number`");
        }
        for (month, value) in &m.values {
            let field = format!("{at}.values.{month}");
            if *month > end {
                c.error(
                    &field,
                    format!(
                        "{} is after the period ends ({})",
                        month.display(),
                        a.period.end.display()
                    ),
                );
            }
            if m.unit == Unit::Percent {
                c.percent(&field, *value);
            } else {
                c.finite(&field, *value);
            }
        }
        // (A reversed period is reported above; `range` would panic on it.)
        if !m.values.is_empty() && start <= end && m.values.range(start..=end).next().is_none() {
            c.warning(
                &format!("{at}.values"),
                format!("has no value inside the period ({})", a.period.label),
            );
        }
    }

    for (i, r) in a.risks.iter().enumerate() {
        let at = format!("risks[{i}]");
        c.not_blank(&format!("{at}.title"), &r.title);
        if let Some(impact) = r.impact {
            c.not_negative(&format!("{at}.impact"), impact);
        }
        let kind = match r.severity {
            Severity::High => "high-severity risk",
            Severity::Medium => "medium-severity risk",
            Severity::Low => "low-severity risk",
        };
        // High and medium risks must be owned and dated; a low one without an action is noted.
        c.owned_action(
            &at,
            kind,
            &r.title,
            r.action.as_ref(),
            r.severity != Severity::Low,
        );
    }
    for (i, o) in a.opportunities.iter().enumerate() {
        let at = format!("opportunities[{i}]");
        c.not_blank(&format!("{at}.title"), &o.title);
        if let Some(v) = o.value {
            c.not_negative(&format!("{at}.value"), v);
        }
        c.owned_action(&at, "opportunity", &o.title, o.action.as_ref(), true);
    }
    for (i, step) in a.next_steps.iter().enumerate() {
        c.action(&format!("next_steps[{i}]"), step);
    }
    for (i, h) in a.highlights.iter().enumerate() {
        c.not_blank(&format!("highlights[{i}]"), h);
    }
    for (i, ask) in a.asks.iter().enumerate() {
        c.not_blank(&format!("asks[{i}].ask"), &ask.ask);
    }
    let report_day = a.prepared.as_ref().map_or(a.period.end, |p| p.on);
    let mut incident_ids = HashSet::new();
    for (i, inc) in a.incidents.iter().enumerate() {
        let at = format!("incidents[{i}]");
        if !incident_ids.insert(inc.id.as_str()) {
            c.error(
                &format!("{at}.id"),
                format!("the id \"{}\" is used by an earlier incident", inc.id),
            );
        }
        if let Some(resolved) = inc.resolved
            && resolved < inc.opened
        {
            c.error(
                &format!("{at}.resolved"),
                "is before the incident was opened",
            );
        }
        if inc.opened.date > report_day {
            c.warning(
                &format!("{at}.opened"),
                format!(
                    "{} is after the report's date ({})",
                    inc.opened.display(),
                    report_day.display()
                ),
            );
        }
    }
    // In file order; problems without a position (none today) last.
    c.found
        .sort_by_key(|d| (d.line.is_none(), d.line, d.column));
    c.found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{SourceFile, parse};

    fn check(text: &str) -> Vec<Diagnostic> {
        let (account, positions) = parse("t.yaml", text).unwrap();
        let source = SourceFile {
            path: "t.yaml".into(),
            text: text.into(),
        };
        validate(&Loaded {
            account,
            source,
            positions,
            logo: None,
            theme: None,
            problems: Vec::new(),
        })
    }

    const HEAD: &str = "readout: 1\naccount: { name: Acme }\n";

    #[test]
    fn all_problems_are_reported_at_once_with_lines() {
        let text = format!(
            "{HEAD}period: {{ label: Q3, start: 2026-09-30, end: 2026-07-01 }}\nhealth:\n  score: 140\nrisks:\n  - title: Sponsor left\n    severity: high\n"
        );
        let found = check(&text);
        let lines: Vec<String> = found.iter().map(|d| d.to_string()).collect();
        assert_eq!(found.len(), 3, "{lines:#?}");
        assert_eq!(
            lines[0],
            "error: t.yaml:3:41: period.end: the period ends (1 Jul 2026) before it starts (30 Sep 2026)"
        );
        assert_eq!(
            lines[1].lines().next().unwrap(),
            "error: t.yaml:5:3: health.score: must be between 0 and 100, found 140"
        );
        assert!(
            lines[2].starts_with(
                "error: t.yaml:7:5: risks[0]: the high-severity risk \"Sponsor left\" has no action"
            ),
            "{}",
            lines[2]
        );
    }

    #[test]
    fn a_high_risk_action_needs_owner_and_date() {
        let text = format!(
            "{HEAD}period: {{ label: Q3, start: 2026-07-01, end: 2026-09-30 }}\nrisks:\n  - {{ title: T, severity: high, action: {{ what: Call }} }}\n"
        );
        let messages: Vec<String> = check(&text).into_iter().map(|d| d.message).collect();
        assert_eq!(
            messages,
            [
                "a high-severity risk's action needs an owner",
                "a high-severity risk's action needs a due date"
            ]
        );
    }

    #[test]
    fn a_month_after_the_period_is_an_error_and_duplicate_ids_too() {
        let text = format!(
            "{HEAD}period: {{ label: Q3, start: 2026-07-01, end: 2026-09-30 }}\nmetrics:\n  - {{ id: a, label: A, unit: count, better: lower, source: s, owner: o, values: {{ 2026-10: 1, 2026-09: 2 }} }}\n  - {{ id: a, label: B, unit: percent, better: higher, source: s, owner: o, values: {{ 2026-09: 101 }} }}\n"
        );
        let found = check(&text);
        let fields: Vec<&str> = found.iter().map(|d| d.field.as_deref().unwrap()).collect();
        assert_eq!(
            fields,
            [
                "metrics[0].values.2026-10",
                "metrics[0].values.2026-09",
                "metrics[1].id",
                "metrics[1].values.2026-09"
            ]
        );
        // All errors but the months written out of order, which is a warning.
        let levels: Vec<bool> = found.iter().map(Diagnostic::is_error).collect();
        assert_eq!(levels, [true, false, true, true]);
    }

    #[test]
    fn thresholds_must_point_the_metric_s_way() {
        let text = format!(
            "{HEAD}period: {{ label: Q3, start: 2026-07-01, end: 2026-09-30 }}\nmetrics:\n  - {{ id: a, label: A, unit: hours, better: lower, source: s, owner: o, values: {{ 2026-09: 1 }}, thresholds: {{ green: 8, red: 4 }} }}\n"
        );
        let found = check(&text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].field.as_deref(), Some("metrics[0].thresholds"));
        assert_eq!(
            found[0].message,
            "green (8) must be below red (4) for a metric where lower is better"
        );
    }

    #[test]
    fn a_clean_account_has_no_problems() {
        let text = format!("{HEAD}period: {{ label: Q3, start: 2026-07-01, end: 2026-09-30 }}\n");
        assert!(check(&text).is_empty());
    }
}
