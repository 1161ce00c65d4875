//! Analysis: an [`Account`] becomes a [`Readout`], everything a report prints, computed and
//! formatted once. Pure functions, no I/O; templates only lay these values out.

pub mod format;
pub mod narrative;
pub mod portfolio;
pub mod trend;

#[cfg(test)]
mod cases;

use serde::Serialize;

use crate::model::{
    Account, Action, Date, MetricGroup, Month, Priority, Severity, SponsorStatus, Template, Unit,
};
use trend::{Assessment, Direction, Rag, Trend};

/// The version of the data contract between Rust and the templates (`/readout.json`).
pub const DATA_VERSION: u32 = 1;

/// A renewal less likely than this (percent) makes the account amber; below `RENEWAL_RED`, red.
const RENEWAL_AMBER: f64 = 50.0;
const RENEWAL_RED: f64 = 25.0;
/// Revenue at risk of at least this share of ARR makes the account amber.
const AT_RISK_AMBER: f64 = 0.25;

/// Health at or above this is green, below `HEALTH_RED` red, amber between.
const HEALTH_GREEN: f64 = 75.0;
const HEALTH_RED: f64 = 50.0;

/// Everything a template prints for one account. Serialised as `/readout.json`.
#[derive(Debug, Clone, Serialize)]
pub struct Readout {
    pub version: u32,
    pub template: Template,
    pub account: AccountView,
    pub period: PeriodView,
    pub prepared: Option<PreparedView>,
    pub status: StatusView,
    pub headline: String,
    /// The snapshot tiles at the top: ARR, renewal, health, revenue at risk.
    pub kpis: Vec<Kpi>,
    pub commercial: Option<CommercialView>,
    pub health: Option<HealthView>,
    pub metrics: Vec<MetricView>,
    /// The biggest movements, most significant first (at most three).
    pub changes: Vec<Change>,
    pub highlights: Vec<String>,
    pub asks: Vec<AskView>,
    pub risks: Vec<RiskView>,
    pub opportunities: Vec<OpportunityView>,
    /// Every dated action of the report, soonest first.
    pub next_steps: Vec<ActionView>,
    /// Incidents, most severe first, then by when they opened; at most `INCIDENTS_LISTED`.
    pub incidents: Vec<IncidentView>,
    /// Counts over all incidents: `5 incidents: 2 P1, 1 P2, 2 P3 · 1 still open · SLA missed on 1`.
    pub incident_summary: Option<String>,
    /// The service metrics against their targets and SLAs in one line, when any has one:
    /// `4 of 6 service measures on target or within SLA · 2 off target: …`.
    pub service_status: Option<ServiceStatus>,
    /// Text for the PDF's metadata.
    pub document: DocumentInfo,
}

#[derive(Debug, Clone, Serialize)]
pub struct ServiceStatus {
    /// The worst status among the service metrics that have a target or SLA.
    pub rag: Rag,
    pub sentence: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct AccountView {
    pub name: String,
    pub id: Option<String>,
    pub segment: Option<String>,
    pub region: Option<String>,
    /// Where the logo is inside the Typst world; set by the render stage.
    pub logo: Option<String>,
    pub owner: Option<String>,
    pub csm: Option<String>,
    pub support_lead: Option<String>,
    pub sponsor: Option<SponsorView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SponsorView {
    pub name: String,
    pub title: Option<String>,
    pub status: Option<SponsorStatus>,
    pub status_word: Option<&'static str>,
    pub last_contact: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PeriodView {
    pub label: String,
    pub start: String,
    pub end: String,
    /// `1 Jul – 30 Sep 2026`.
    pub range: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct PreparedView {
    pub by: String,
    pub on: String,
    pub date: Date,
    pub confidentiality: Option<String>,
}

/// The account's status: a colour for the eye and a word for everyone else.
#[derive(Debug, Clone, Serialize)]
pub struct StatusView {
    pub rag: Rag,
    pub word: &'static str,
    /// Why, in short phrases: "health 72, down 6", "1 high-severity risk open".
    pub reasons: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Kpi {
    pub label: String,
    pub value: String,
    pub note: Option<String>,
    pub rag: Rag,
}

#[derive(Debug, Clone, Serialize)]
pub struct CommercialView {
    pub currency: String,
    pub arr: String,
    pub renewal_date: Option<String>,
    /// `in 177 days`, `overdue by 3 days`.
    pub renewal_in: Option<String>,
    pub renewal_probability: Option<String>,
    pub revenue_at_risk: Option<String>,
    /// Revenue at risk as a share of ARR: `32% of ARR`.
    pub at_risk_share: Option<String>,
    pub expansion_pipeline: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct HealthView {
    pub score: String,
    pub previous: Option<String>,
    pub change: Option<String>,
    pub assessment: Assessment,
    pub rag: Rag,
    /// Why it moved: the metrics that moved most against their targets in the same direction
    /// as the score, e.g. `Resolution time (+1,900%)`.
    pub drivers: Vec<String>,
    /// Path of the health chart inside the Typst world, when the file gives monthly scores;
    /// set by the render stage.
    pub chart: Option<String>,
    /// The chart in words, its alternative text in the PDF; set with `chart`.
    pub chart_alt: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MetricView {
    pub id: String,
    pub label: String,
    pub group: Option<MetricGroup>,
    pub unit: Unit,
    pub latest: Option<String>,
    pub latest_month: Option<String>,
    /// The latest value is from before the period's last month.
    pub stale: bool,
    pub previous: Option<String>,
    /// `+18%`, `−3.2 pts`, `new`, `n/a`.
    pub change: String,
    /// The change from three and twelve months earlier, where the data reaches:
    /// `+12% vs Jun 2026`.
    pub vs_quarter: Option<String>,
    pub vs_year: Option<String>,
    /// The latest value against the target, `−0.5 h`, or against the SLA, `−0.5 h vs SLA`.
    pub variance: Option<String>,
    /// The latest value against the SLA when the metric has a target too: `−3.0 h vs SLA`.
    pub variance_sla: Option<String>,
    /// Months in a row, ending with the latest, that miss the target (or SLA).
    pub months_off_target: usize,
    pub direction: Option<Direction>,
    pub assessment: Assessment,
    pub rag: Rag,
    /// The status in words: `On target`, `Near target`, `Off target`, `No target`, `No data`.
    pub status_word: &'static str,
    pub target: Option<String>,
    pub sla: Option<String>,
    pub sentence: String,
    /// The sentence without the metric's name, for under its heading.
    pub detail: String,
    pub source: Option<String>,
    pub owner: Option<String>,
    pub definition: Option<String>,
    /// Path of the metric's chart inside the Typst world; set by the render stage.
    pub chart: Option<String>,
    /// The chart in words, its alternative text in the PDF; set with `chart`.
    pub chart_alt: Option<String>,
    /// Path of the metric's sparkline for its table row; set by the render stage.
    pub sparkline: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Change {
    pub metric: String,
    pub sentence: String,
    pub assessment: Assessment,
    pub change: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct AskView {
    pub ask: String,
    pub of: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RiskView {
    pub title: String,
    pub severity: Severity,
    pub severity_word: &'static str,
    pub impact: Option<String>,
    pub action: Option<ActionView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct OpportunityView {
    pub title: String,
    pub value: Option<String>,
    pub action: Option<ActionView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ActionView {
    pub what: String,
    pub owner: Option<String>,
    pub due: Option<String>,
    /// Due before the report date and so already late.
    pub overdue: bool,
    /// What the action answers: a risk's or opportunity's title, or nothing for a plain step.
    pub for_item: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct IncidentView {
    pub id: String,
    pub title: String,
    pub priority: Priority,
    pub opened: String,
    /// `6 h 28 min`, `2 d 4 h`; `None` while open.
    pub time_to_resolve: Option<String>,
    pub open: bool,
    /// `Met`, `Missed`, or `None` when not stated.
    pub sla: Option<&'static str>,
    pub root_cause: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DocumentInfo {
    pub title: String,
    pub author: Option<String>,
    pub subject: String,
    pub keywords: Vec<String>,
    pub confidentiality: String,
    /// The confidentiality cut to fit the footer.
    pub confidentiality_short: String,
    /// The footer's left part: `Northwind Logistics · Business Review Q3 2026`, cut to fit.
    pub footer: String,
}

/// The date the report speaks from: the day it was prepared, or else the period's end.
pub fn as_of(account: &Account) -> Date {
    account
        .prepared
        .as_ref()
        .map_or(account.period.end, |p| p.on)
}

/// Print `line` as the report's confidentiality, in the footer and on the first page.
pub fn set_confidentiality(readout: &mut Readout, line: &str) {
    readout.document.confidentiality = line.to_owned();
    readout.document.confidentiality_short = shorten(line, 36);
}

/// The account's currency code; USD when the file has no commercial section.
pub fn currency(account: &Account) -> &str {
    account
        .commercial
        .as_ref()
        .map_or("USD", |c| c.currency.as_str())
}

/// Analyse an account. Callers validate first; this still never panics on odd values.
pub fn analyse(account: &Account) -> Readout {
    let currency = currency(account);
    let today = as_of(account);
    let until = account.period.end.month();

    let metrics: Vec<(MetricView, Trend)> = account
        .metrics
        .iter()
        .map(|m| metric_view(m, until, currency))
        .collect();
    let health = account.health.as_ref().map(|h| {
        let change = h.previous.map(|p| h.score - p);
        let assessment = match change {
            None => Assessment::New,
            Some(c) if c.abs() < 0.5 => Assessment::Unchanged,
            Some(c) if c > 0.0 => Assessment::Improved,
            Some(_) => Assessment::Worsened,
        };
        HealthView {
            score: format::value(h.score, Unit::Score, currency),
            previous: h.previous.map(|p| format::value(p, Unit::Score, currency)),
            change: change.map(|c| format::signed_delta(c, Unit::Score, currency)),
            assessment,
            rag: health_rag(h.score),
            drivers: health_drivers(account, &metrics, assessment, change.unwrap_or(0.0)),
            chart: None,
            chart_alt: None,
        }
    });
    let commercial = account.commercial.as_ref().map(|c| CommercialView {
        currency: c.currency.clone(),
        arr: format::money(c.arr, currency),
        renewal_date: c.renewal_date.map(Date::display),
        renewal_in: c.renewal_date.map(|d| days_phrase(today.days_until(d))),
        renewal_probability: c
            .renewal_probability
            .map(|p| format::value(p, Unit::Percent, currency)),
        revenue_at_risk: c.revenue_at_risk.map(|r| format::money(r, currency)),
        at_risk_share: c.revenue_at_risk.filter(|_| c.arr > 0.0).map(|r| {
            let share = r / c.arr * 100.0;
            // A sliver of ARR is not "0%".
            if share > 0.0 && share < 0.5 {
                "<1% of ARR".to_owned()
            } else {
                format!(
                    "{} of ARR",
                    format::value(share.round(), Unit::Percent, currency)
                )
            }
        }),
        expansion_pipeline: c.expansion_pipeline.map(|p| format::money(p, currency)),
    });

    let mut risks: Vec<&crate::model::Risk> = account.risks.iter().collect();
    risks.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then(b.impact.unwrap_or(0.0).total_cmp(&a.impact.unwrap_or(0.0)))
    });
    // One style per table column: if one amount is compact, all are (`$320K` above `$80K`,
    // never above `$80,000`, which reads as the larger).
    let impacts_compact = risks
        .iter()
        .any(|r| format::is_compact(r.impact.unwrap_or(0.0), currency));
    let values_compact = account
        .opportunities
        .iter()
        .any(|o| format::is_compact(o.value.unwrap_or(0.0), currency));
    let risks: Vec<RiskView> = risks
        .into_iter()
        .map(|r| RiskView {
            title: r.title.clone(),
            severity: r.severity,
            severity_word: severity_word(r.severity),
            impact: r
                .impact
                .map(|i| format::money_in_column(i, currency, impacts_compact)),
            action: r.action.as_ref().map(|a| action_view(a, today, None)),
        })
        .collect();
    let mut opportunities: Vec<&crate::model::Opportunity> = account.opportunities.iter().collect();
    opportunities.sort_by(|a, b| b.value.unwrap_or(0.0).total_cmp(&a.value.unwrap_or(0.0)));
    let opportunities: Vec<OpportunityView> = opportunities
        .into_iter()
        .map(|o| OpportunityView {
            title: o.title.clone(),
            value: o
                .value
                .map(|v| format::money_in_column(v, currency, values_compact)),
            action: o.action.as_ref().map(|a| action_view(a, today, None)),
        })
        .collect();

    let next_steps = next_steps(account, today);
    let incidents = incidents(account);
    let incident_summary = incident_summary(account, incidents.len());
    let changes = changes(account, &metrics);
    let service_status = service_status(&metrics);
    let status = status(account, &metrics);
    let metrics: Vec<MetricView> = metrics.into_iter().map(|(view, _)| view).collect();
    let kpis = kpis(account, commercial.as_ref(), health.as_ref(), &status);
    let headline = account.headline.clone().unwrap_or_else(|| {
        headline(
            account,
            &status,
            &changes,
            commercial.as_ref(),
            risks.first(),
        )
    });
    let confidentiality = account
        .prepared
        .as_ref()
        .and_then(|p| p.confidentiality.clone())
        .unwrap_or_else(|| "Confidential".into());

    Readout {
        version: DATA_VERSION,
        template: account.template,
        account: account_view(account),
        period: PeriodView {
            label: account.period.label.clone(),
            start: account.period.start.display(),
            end: account.period.end.display(),
            range: date_range(account.period.start, account.period.end),
        },
        prepared: account.prepared.as_ref().map(|p| PreparedView {
            by: p.by.clone(),
            on: p.on.display(),
            date: p.on,
            confidentiality: p.confidentiality.clone(),
        }),
        status,
        headline,
        kpis,
        commercial,
        health,
        metrics,
        changes,
        highlights: account.highlights.clone(),
        asks: account
            .asks
            .iter()
            .map(|a| AskView {
                ask: a.ask.clone(),
                of: a.of.clone(),
            })
            .collect(),
        risks,
        opportunities,
        next_steps,
        incidents,
        incident_summary,
        service_status,
        document: DocumentInfo {
            title: format!(
                "{} — {} {}",
                account.account.name,
                template_title(account.template),
                account.period.label
            ),
            author: account.prepared.as_ref().map(|p| p.by.clone()),
            subject: format!(
                "{} for {}, {}",
                template_title(account.template),
                account.account.name,
                account.period.label
            ),
            keywords: [
                Some(account.account.name.clone()),
                account.account.id.clone(),
                Some(account.period.label.clone()),
                Some(template_title(account.template).to_owned()),
                account.account.segment.clone(),
                account.account.region.clone(),
            ]
            .into_iter()
            .flatten()
            .collect(),
            confidentiality_short: shorten(&confidentiality, 36),
            footer: format!(
                "{} · {} {}",
                shorten(&account.account.name, 34),
                template_title(account.template),
                shorten(&account.period.label, 16)
            ),
            confidentiality,
        },
    }
}

pub fn template_title(template: Template) -> &'static str {
    match template {
        Template::BusinessReview => "Business Review",
        Template::ServiceReview => "Service Review",
        Template::AccountManagement => "Account Readout",
    }
}

fn account_view(account: &Account) -> AccountView {
    let info = &account.account;
    let team = info.team.clone().unwrap_or_default();
    AccountView {
        name: info.name.clone(),
        id: info.id.clone(),
        segment: info.segment.clone(),
        region: info.region.clone(),
        logo: None,
        owner: team.owner,
        csm: team.csm,
        support_lead: team.support_lead,
        sponsor: info.sponsor.as_ref().map(|s| SponsorView {
            name: s.name.clone(),
            title: s.title.clone(),
            status: s.status,
            status_word: s.status.map(|st| match st {
                SponsorStatus::Active => "Active",
                SponsorStatus::New => "New",
                SponsorStatus::AtRisk => "At risk",
                SponsorStatus::Departed => "Departed",
            }),
            last_contact: s.last_contact.map(Date::display),
        }),
    }
}

/// A change in the metric's own terms: points for percent and score metrics, the amount and
/// the percentage for money (`+$4.9K (+25%)`), a percentage otherwise; the amount where there
/// is no meaningful ratio (from zero, across zero).
fn change_text(m: &crate::model::Metric, c: &trend::Move, currency: &str) -> String {
    let decimals = format::decimals_of(m);
    let amount = format::signed_delta_with(c.delta, m.unit, currency, decimals);
    match (m.unit, c.relative) {
        (Unit::Percent | Unit::Score, _) | (_, None) => amount,
        // Past doubling, a percentage from a small base reads like an error: give the amount.
        (_, Some(r)) if r.abs() >= 1.0 => amount,
        (Unit::Currency, Some(r)) => format!("{amount} ({})", format::signed_percent(r)),
        (_, Some(r)) => format::signed_percent(r),
    }
}

/// `+12% vs Jun 2026`: the change from an earlier month, named.
fn change_since(
    m: &crate::model::Metric,
    value: f64,
    then: Option<(Month, f64)>,
    currency: &str,
) -> Option<String> {
    let (month, before) = then?;
    let c = trend::moved(before, value, m.better);
    Some(format!(
        "{} vs {}",
        change_text(m, &c, currency),
        month.display()
    ))
}

fn metric_view(m: &crate::model::Metric, until: Month, currency: &str) -> (MetricView, Trend) {
    let t = trend::trend(m, until);
    // One metric, one number of decimals: in its table row, its sentence and its chart.
    let decimals = format::decimals_of(m);
    let show = |v: f64| format::value_with(v, m.unit, currency, decimals);
    let change = match (t.latest, t.previous) {
        (None, _) => "n/a".to_owned(),
        (Some(_), None) => "new".to_owned(),
        (Some((month, value)), Some((then, before))) => {
            let text = change_text(m, &trend::moved(before, value, m.better), currency);
            // A gap in the series: say which month the change is measured from.
            if then == month.previous() {
                text
            } else {
                format!("{text} vs {}", then.short_name_before(month))
            }
        }
    };
    let value = t.latest.map(|(_, v)| v);
    let line = m
        .target
        .map(|l| (l, "target"))
        .or(m.sla.map(|l| (l, "SLA")));
    let variance = value.zip(line).map(|(v, (l, name))| {
        let gap = format::signed_delta_with(v - l, m.unit, currency, decimals);
        // The table's column is "vs target"; a metric with only an SLA says so.
        if name == "SLA" {
            format!("{gap} vs SLA")
        } else {
            gap
        }
    });
    let said = narrative::sentence(m, &t, currency);
    let view = MetricView {
        id: m.id.clone(),
        label: m.label.clone(),
        group: m.group,
        unit: m.unit,
        latest: value.map(show),
        latest_month: t.latest.map(|(month, _)| month.display()),
        stale: t.latest.is_some_and(|(month, _)| month < until),
        previous: t.previous.map(|(_, v)| show(v)),
        change,
        vs_quarter: value.and_then(|v| change_since(m, v, t.quarter_ago, currency)),
        vs_year: value.and_then(|v| change_since(m, v, t.year_ago, currency)),
        variance,
        variance_sla: value
            .zip(m.sla)
            .filter(|_| m.target.is_some())
            .map(|(v, sla)| {
                format!(
                    "{} vs SLA",
                    format::signed_delta_with(v - sla, m.unit, currency, decimals)
                )
            }),
        months_off_target: t.months_off_target,
        direction: t.direction,
        assessment: t.assessment,
        rag: t.rag,
        status_word: metric_status_word(t.rag, m, t.latest.is_some()),
        target: m.target.map(show),
        sla: m.sla.map(show),
        sentence: said.sentence,
        detail: said.detail,
        source: m.source.clone(),
        owner: m.owner.clone(),
        definition: m.definition.clone(),
        chart: None,
        chart_alt: None,
        sparkline: None,
    };
    (view, t)
}

/// The three most significant movements — measured against each metric's target, see
/// [`Trend::significance`] — improvements and setbacks alike.
/// The service review ranks its service metrics only, where any of them moved.
fn changes(account: &Account, metrics: &[(MetricView, Trend)]) -> Vec<Change> {
    let ranked_in = |service_only: bool| -> Vec<(f64, &MetricView)> {
        account
            .metrics
            .iter()
            .zip(metrics)
            .filter(|(m, _)| !service_only || m.group == Some(MetricGroup::Service))
            // A metric whose latest value is from before the period's last month did not
            // change "this month".
            .filter(|(_, (view, _))| !view.stale)
            .filter_map(|(m, (view, t))| t.significance(m).map(|size| (size, view)))
            .collect()
    };
    let mut ranked = Vec::new();
    if account.template == Template::ServiceReview {
        ranked = ranked_in(true);
    }
    if ranked.is_empty() {
        ranked = ranked_in(false);
    }
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
    ranked
        .into_iter()
        .take(3)
        .map(|(_, v)| Change {
            metric: v.label.clone(),
            sentence: v.sentence.clone(),
            assessment: v.assessment,
            change: v.change.clone(),
        })
        .collect()
}

/// How the service metrics stand against their targets and SLAs, counted; `None` when no
/// service metric has a target or SLA to stand against.
fn service_status(metrics: &[(MetricView, Trend)]) -> Option<ServiceStatus> {
    let judged: Vec<&MetricView> = metrics
        .iter()
        .map(|(view, _)| view)
        .filter(|v| v.group == Some(MetricGroup::Service) && v.rag != Rag::None)
        .collect();
    if judged.is_empty() {
        return None;
    }
    let with = |rag: Rag| -> Vec<&str> {
        judged
            .iter()
            .filter(|v| v.rag == rag)
            .map(|v| v.label.as_str())
            .collect()
    };
    let (green, amber, red) = (with(Rag::Green), with(Rag::Amber), with(Rag::Red));
    let measures = if judged.len() == 1 {
        "measure"
    } else {
        "measures"
    };
    let mut parts = vec![format!(
        "{} of {} service {measures} on target or within SLA",
        green.len(),
        judged.len()
    )];
    if !amber.is_empty() {
        parts.push(format!("{} near target: {}", amber.len(), amber.join(", ")));
    }
    if !red.is_empty() {
        parts.push(format!("{} off target: {}", red.len(), red.join(", ")));
    }
    let rag = if !red.is_empty() {
        Rag::Red
    } else if !amber.is_empty() {
        Rag::Amber
    } else {
        Rag::Green
    };
    Some(ServiceStatus {
        rag,
        sentence: parts.join(" · "),
    })
}

/// The (at most two) metrics that moved most against target in the direction health moved.
fn health_drivers(
    account: &Account,
    metrics: &[(MetricView, Trend)],
    health: Assessment,
    moved_by: f64,
) -> Vec<String> {
    // A point or so is noise: only a real move has drivers worth naming.
    if !matches!(health, Assessment::Improved | Assessment::Worsened) || moved_by.abs() < 2.0 {
        return Vec::new();
    }
    let mut moved: Vec<(f64, &MetricView)> = account
        .metrics
        .iter()
        .zip(metrics)
        .filter(|(_, (view, t))| t.assessment == health && !view.stale)
        .filter_map(|(m, (view, t))| t.significance(m).map(|s| (s, view)))
        .collect();
    moved.sort_by(|a, b| b.0.total_cmp(&a.0));
    moved
        .into_iter()
        .take(2)
        .map(|(_, v)| format!("{} {}", v.label, v.change))
        .collect()
}

fn health_rag(score: f64) -> Rag {
    if score >= HEALTH_GREEN {
        Rag::Green
    } else if score >= HEALTH_RED {
        Rag::Amber
    } else {
        Rag::Red
    }
}

fn rag_word(rag: Rag) -> &'static str {
    match rag {
        Rag::Green => "On track",
        Rag::Amber => "Needs attention",
        Rag::Red => "At risk",
        Rag::None => "Not rated",
    }
}

/// The status of a metric in words. Amber with both lines means the target was missed but
/// the SLA kept: "Within SLA" says so, where "Near target" would overstate it.
fn metric_status_word(rag: Rag, m: &crate::model::Metric, has_value: bool) -> &'static str {
    match (rag, has_value) {
        (_, false) => "No data",
        // The team's own bands: their words, not the target's.
        (Rag::Green, _) if m.thresholds.is_some() => "On track",
        (Rag::Amber, _) if m.thresholds.is_some() => "Watch",
        (Rag::Red, _) if m.thresholds.is_some() => "Off track",
        (Rag::Green, _) if m.target.is_none() => "Within SLA",
        (Rag::Green, _) => "On target",
        (Rag::Amber, _) if m.target.is_some() && m.sla.is_some() => "Within SLA",
        (Rag::Amber, _) => "Near target",
        (Rag::Red, _) if m.target.is_none() => "SLA missed",
        (Rag::Red, _) => "Off target",
        (Rag::None, _) => "No target",
    }
}

fn severity_word(severity: Severity) -> &'static str {
    match severity {
        Severity::High => "High",
        Severity::Medium => "Medium",
        Severity::Low => "Low",
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Overall status: the health band, raised to amber by an open high-severity risk, a departed
/// sponsor or two red metrics, and to red by three red metrics or two high-severity risks.
/// With no health score, no risk and no metric measured against a target, there is nothing to
/// rate: the status is "Not rated", never a green it has not earned.
fn status(account: &Account, metrics: &[(MetricView, Trend)]) -> StatusView {
    let mut reasons = Vec::new();
    let mut rag = match &account.health {
        Some(h) => {
            let mut reason = format!("health {}", format::value(h.score, Unit::Score, ""));
            if let Some(p) = h.previous {
                let d = h.score - p;
                if d.abs() >= 0.5 {
                    let way = if d < 0.0 { "down" } else { "up" };
                    reason.push_str(&format!(
                        ", {way} {}",
                        format::value(d.abs(), Unit::Score, "")
                    ));
                }
            }
            reasons.push(reason);
            health_rag(h.score)
        }
        None => {
            let commercial = account.commercial.as_ref().is_some_and(|c| {
                c.renewal_probability.is_some() || c.revenue_at_risk.is_some_and(|r| r > 0.0)
            });
            let rated = commercial
                || !account.risks.is_empty()
                || !account.incidents.is_empty()
                || metrics.iter().any(|(_, t)| t.rag != Rag::None);
            if rated { Rag::Green } else { Rag::None }
        }
    };
    let raise = |rag: &mut Rag, to: Rag| {
        if to > *rag && to != Rag::None || *rag == Rag::None {
            *rag = to;
        }
    };
    let high = account
        .risks
        .iter()
        .filter(|r| r.severity == Severity::High)
        .count();
    if high > 0 {
        reasons.push(format!(
            "{} open",
            plural(high, "high-severity risk", "high-severity risks")
        ));
        raise(&mut rag, if high >= 2 { Rag::Red } else { Rag::Amber });
    }
    let red = metrics.iter().filter(|(_, t)| t.rag == Rag::Red).count();
    if red > 0 {
        reasons.push(format!("{} off target", plural(red, "metric", "metrics")));
        raise(&mut rag, if red >= 3 { Rag::Red } else { Rag::Amber });
    }
    if let Some(c) = &account.commercial {
        // A renewal judged unlikely, or a large share of ARR at risk, is news at the top.
        if let Some(p) = c.renewal_probability.filter(|p| *p < RENEWAL_AMBER) {
            reasons.push(format!(
                "renewal {} likely",
                format::value(p, Unit::Percent, "")
            ));
            raise(
                &mut rag,
                if p < RENEWAL_RED {
                    Rag::Red
                } else {
                    Rag::Amber
                },
            );
        }
        if let Some(r) = c
            .revenue_at_risk
            .filter(|r| c.arr > 0.0 && *r >= AT_RISK_AMBER * c.arr)
        {
            let share = format::value((r / c.arr * 100.0).round(), Unit::Percent, "");
            reasons.push(format!("{share} of ARR at risk"));
            raise(&mut rag, Rag::Amber);
        }
    }
    let open_p1 = account
        .incidents
        .iter()
        .filter(|i| i.priority == Priority::P1 && i.resolved.is_none())
        .count();
    if open_p1 > 0 {
        reasons.push(format!(
            "{} still open",
            plural(open_p1, "P1 incident", "P1 incidents")
        ));
        raise(&mut rag, Rag::Amber);
    }
    if let Some(s) = &account.account.sponsor
        && s.status == Some(SponsorStatus::Departed)
    {
        reasons.push("executive sponsor departed".into());
        raise(&mut rag, Rag::Amber);
    }
    StatusView {
        rag,
        word: rag_word(rag),
        reasons,
    }
}

fn kpis(
    account: &Account,
    commercial: Option<&CommercialView>,
    health: Option<&HealthView>,
    status: &StatusView,
) -> Vec<Kpi> {
    let mut kpis = Vec::new();
    if let Some(c) = commercial {
        kpis.push(Kpi {
            label: "ARR".into(),
            value: c.arr.clone(),
            note: Some(c.currency.clone()),
            rag: Rag::None,
        });
        if let Some(date) = &c.renewal_date {
            let probability = c
                .renewal_probability
                .as_ref()
                .map(|p| format!("{p} likely"));
            let note = [c.renewal_in.clone(), probability]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" · ");
            kpis.push(Kpi {
                label: "Renewal".into(),
                // One line in its tile: the template sets it smaller rather than wrap it.
                value: date.replace(' ', "\u{a0}"),
                note: Some(note),
                rag: Rag::None,
            });
        }
    }
    if let Some(h) = health {
        let note = match (&h.change, &h.previous) {
            (Some(change), Some(prev)) => Some(format!("{change} from {prev}")),
            _ => None,
        };
        kpis.push(Kpi {
            label: "Health score".into(),
            value: h.score.clone(),
            note,
            rag: h.rag,
        });
    }
    if let Some(c) = commercial
        && let Some(risk) = &c.revenue_at_risk
    {
        let rag = if account
            .commercial
            .as_ref()
            .and_then(|c| c.revenue_at_risk)
            .unwrap_or(0.0)
            > 0.0
        {
            Rag::Amber
        } else {
            Rag::Green
        };
        kpis.push(Kpi {
            label: "Revenue at risk".into(),
            value: risk.clone(),
            note: c.at_risk_share.clone(),
            rag,
        });
    }
    if kpis.is_empty() {
        kpis.push(Kpi {
            label: "Status".into(),
            value: status.word.into(),
            note: None,
            rag: status.rag,
        });
    }
    kpis
}

/// The generated headline: the status, then what most needs saying — the biggest change, the
/// renewal and the top risk — in one or two sentences.
fn headline(
    account: &Account,
    status: &StatusView,
    changes: &[Change],
    commercial: Option<&CommercialView>,
    top_risk: Option<&RiskView>,
) -> String {
    let verb = match status.rag {
        Rag::Green => "is on track",
        Rag::Amber => "needs attention",
        Rag::Red => "is at risk",
        Rag::None => "is not rated",
    };
    if status.rag == Rag::None {
        return format!(
            "{}, {}: no health score, renewal outlook, risks, incidents or metric measured against a target was reported, so there is no status to give.",
            account.account.name, account.period.label
        );
    }
    // The label in brackets: it may be "Q3 2026" as well as "Launch day" or "FY26 H2 review".
    let opening = format!("{} {verb} ({})", account.account.name, account.period.label);
    let mut facts = Vec::new();
    if let Some(c) = changes.first() {
        let word = match c.assessment {
            Assessment::Improved => "improved",
            Assessment::Worsened => "worsened",
            _ => "moved",
        };
        // One level of brackets: `(+$2,500, +26%)`, not `(+$2,500 (+26%))`.
        let change = c.change.replacen(" (", ", ", 1).replacen(')', "", 1);
        facts.push(format!("{} {word} ({change})", c.metric));
    }
    // The service review speaks to service owners: the renewal is not their news.
    if let Some(c) = commercial.filter(|_| account.template != Template::ServiceReview)
        && let Some(date) = &c.renewal_date
    {
        match &c.renewal_probability {
            Some(p) => facts.push(format!("renewal {date}, {p} likely")),
            None => facts.push(format!("renewal {date}")),
        }
    }
    if let Some(r) = top_risk {
        facts.push(format!("top risk: {}", first_clause(&r.title, 60)));
    }
    if facts.is_empty() {
        return format!("{opening}.");
    }
    let facts = narrative::capitalised(&facts.join("; "));
    // A shortened title already ends in "…": no full stop after it.
    let stop = if facts.ends_with('…') { "" } else { "." };
    format!("{opening}. {facts}{stop}")
}

fn action_view(action: &Action, today: Date, for_item: Option<&str>) -> ActionView {
    ActionView {
        what: action.what.clone(),
        owner: action.owner.clone(),
        due: action.due.map(Date::display),
        overdue: action.due.is_some_and(|d| d < today),
        for_item: for_item.map(str::to_owned),
    }
}

/// The plan: the file's next steps, then every risk's and opportunity's action, by due date.
fn next_steps(account: &Account, today: Date) -> Vec<ActionView> {
    let mut all: Vec<(Option<Date>, ActionView)> = account
        .next_steps
        .iter()
        .map(|a| (a.due, action_view(a, today, None)))
        .chain(account.risks.iter().filter_map(|r| {
            r.action.as_ref().map(|a| {
                (
                    a.due,
                    action_view(a, today, Some(&format!("Risk: {}", shorten(&r.title, 60)))),
                )
            })
        }))
        .chain(account.opportunities.iter().filter_map(|o| {
            o.action.as_ref().map(|a| {
                (
                    a.due,
                    action_view(
                        a,
                        today,
                        Some(&format!("Opportunity: {}", shorten(&o.title, 60))),
                    ),
                )
            })
        }))
        .collect();
    // Undated actions last; the sort is stable, so equal dates keep the file's order.
    all.sort_by_key(|(due, _)| (due.is_none(), *due));
    all.into_iter().map(|(_, view)| view).collect()
}

/// `text` up to its first bracket or semicolon when that leaves a phrase of some length
/// (`16 of 26 deals closed in Q3 2026 were lost`), so a headline quotes a whole clause; else
/// [`shorten`].
pub(crate) fn first_clause(text: &str, max: usize) -> String {
    let end = text.find([';', '(']).unwrap_or(text.len());
    let clause = text[..end]
        .trim_end()
        .trim_end_matches([',', ':', '—', '–']);
    if clause.chars().count() >= 12 && clause.chars().count() <= max {
        clause.to_owned()
    } else {
        shorten(text, max)
    }
}

/// `text` cut at a word boundary to at most `max` characters, with `…` when cut, never
/// leaving a bracket open.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max - 1).collect();
    let cut = match cut.rfind(' ') {
        Some(space) if space > max / 2 => &cut[..space],
        _ => &cut,
    };
    // Never leave a bracket open: cut before it instead.
    let cut = match cut.rfind('(') {
        Some(open) if !cut[open..].contains(')') && open > max / 3 => &cut[..open],
        _ => cut,
    };
    format!("{}…", cut.trim_end().trim_end_matches([',', ';', ':']))
}

/// The account's incidents, P1 first, each with how long it took to resolve.
fn incidents(account: &Account) -> Vec<IncidentView> {
    let mut all: Vec<&crate::model::Incident> = account.incidents.iter().collect();
    all.sort_by_key(|i| (i.priority, i.opened));
    all.into_iter()
        .map(|i| IncidentView {
            id: i.id.clone(),
            title: i.title.clone(),
            priority: i.priority,
            opened: i.opened.display(),
            time_to_resolve: i.resolved.map(|r| duration(i.opened.minutes_until(r))),
            open: i.resolved.is_none(),
            sla: i.sla_met.map(|met| if met { "Met" } else { "Missed" }),
            root_cause: i.root_cause.clone(),
        })
        .take(INCIDENTS_LISTED)
        .collect()
}

/// How many incidents a report lists; the summary line counts them all.
const INCIDENTS_LISTED: usize = 12;

fn incident_summary(account: &Account, listed: usize) -> Option<String> {
    let all = &account.incidents;
    if all.is_empty() {
        return None;
    }
    let by_priority: Vec<String> = [Priority::P1, Priority::P2, Priority::P3, Priority::P4]
        .into_iter()
        .filter_map(|p| {
            let n = all.iter().filter(|i| i.priority == p).count();
            (n > 0).then(|| format!("{n} {p:?}"))
        })
        .collect();
    let mut parts = vec![format!(
        "{}: {}",
        plural(all.len(), "incident", "incidents"),
        by_priority.join(", ")
    )];
    let open = all.iter().filter(|i| i.resolved.is_none()).count();
    if open > 0 {
        parts.push(format!("{open} still open"));
    }
    let missed = all.iter().filter(|i| i.sla_met == Some(false)).count();
    if missed > 0 {
        parts.push(format!("SLA missed on {missed}"));
    }
    if listed < all.len() {
        parts.push(format!("the {listed} most severe are listed"));
    }
    Some(parts.join(" · "))
}

/// `45 min`, `6 h 28 min`, `2 d 4 h`: a duration to the precision that matters.
fn duration(minutes: i64) -> String {
    let minutes = minutes.max(0);
    let (days, hours, mins) = (minutes / 1440, minutes % 1440 / 60, minutes % 60);
    match (days, hours) {
        (0, 0) => format!("{mins}\u{a0}min"),
        (0, h) if mins == 0 => format!("{h}\u{a0}h"),
        (0, h) => format!("{h}\u{a0}h {mins}\u{a0}min"),
        (d, 0) => format!("{d}\u{a0}d"),
        (d, h) => format!("{d}\u{a0}d {h}\u{a0}h"),
    }
}

/// `in 177 days`, `today`, `3 days ago`.
fn days_phrase(days: i64) -> String {
    match days {
        0 => "today".into(),
        1 => "in 1 day".into(),
        -1 => "1 day ago".into(),
        d if d > 0 => format!("in {d} days"),
        d => format!("{} days ago", -d),
    }
}

/// `1 Jul – 30 Sep 2026`, or with both years when they differ.
fn date_range(start: Date, end: Date) -> String {
    if start.year == end.year {
        let s = start.display();
        let s = s.trim_end_matches(&format!(" {}", start.year));
        format!("{s} – {}", end.display())
    } else {
        format!("{} – {}", start.display(), end.display())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse;

    const ACCOUNT: &str = "\
readout: 1
account: { name: Northwind, sponsor: { name: Ana, status: departed } }
period: { label: Q3 2026, start: 2026-07-01, end: 2026-09-30 }
prepared: { by: Lee Park, on: 2026-10-05 }
commercial: { currency: USD, arr: 1250000, renewal_date: 2027-03-31, renewal_probability: 80, revenue_at_risk: 400000 }
health: { score: 72, previous: 78 }
metrics:
  - { id: frt, label: First response time, unit: hours, better: lower, sla: 4, source: Z, owner: S,
      values: { 2026-08: 4.9, 2026-09: 4.0 } }
  - { id: csat, label: CSAT, unit: percent, better: higher, target: 90, source: Z, owner: S,
      values: { 2026-08: 80, 2026-09: 88 } }
  - { id: tickets, label: Tickets, unit: count, better: lower, source: Z, owner: S,
      values: { 2026-08: 100, 2026-09: 99.8 } }
risks:
  - { title: Sponsor left, severity: high, impact: 400000, action: { what: Map, owner: Dana, due: 2026-10-20 } }
  - { title: Minor, severity: low }
next_steps:
  - { what: Kick-off, owner: Lee, due: 2026-10-10 }
  - { what: Undated }
";

    fn readout() -> Readout {
        analyse(&parse("t.yaml", ACCOUNT).unwrap().0)
    }

    #[test]
    fn commercial_figures_are_formatted_once() {
        let r = readout();
        let c = r.commercial.unwrap();
        assert_eq!(c.arr, "$1.25M");
        assert_eq!(c.renewal_date.as_deref(), Some("31 Mar 2027"));
        assert_eq!(c.renewal_in.as_deref(), Some("in 177 days"));
        assert_eq!(c.at_risk_share.as_deref(), Some("32% of ARR"));
        assert_eq!(r.kpis[1].note.as_deref(), Some("in 177 days · 80% likely"));
    }

    #[test]
    fn status_is_amber_with_its_reasons() {
        let r = readout();
        assert_eq!(r.status.rag, Rag::Amber);
        assert_eq!(r.status.word, "Needs attention");
        assert_eq!(
            r.status.reasons,
            [
                "health 72, down 6",
                "1 high-severity risk open",
                "32% of ARR at risk",
                "executive sponsor departed"
            ]
        );
        assert_eq!(
            r.headline,
            "Northwind needs attention (Q3 2026). First response time improved (−18%); renewal 31 Mar 2027, 80% likely; top risk: Sponsor left."
        );
    }

    #[test]
    fn biggest_changes_rank_points_and_ratios_together() {
        let r = readout();
        let order: Vec<&str> = r.changes.iter().map(|c| c.metric.as_str()).collect();
        // 18% faster response beats 8 points of CSAT; tickets moved 0.2%, which is flat.
        assert_eq!(order, ["First response time", "CSAT"]);
        assert_eq!(r.metrics[1].change, "+8\u{a0}pts");
        // A move under half a percent is shown as it is, but judged unchanged.
        assert_eq!(r.metrics[2].change, "−0.2%");
        assert_eq!(r.metrics[2].assessment, Assessment::Unchanged);
    }

    #[test]
    fn health_drivers_name_the_metrics_that_moved_with_it() {
        let text = "\
readout: 1
account: { name: A }
period: { label: Q3, start: 2026-07-01, end: 2026-09-30 }
health: { score: 60, previous: 70 }
metrics:
  - { id: a, label: Resolution time, unit: days, better: lower, target: 5, source: s, owner: o, values: { 2026-08: 4, 2026-09: 6 } }
  - { id: b, label: CSAT, unit: score, better: higher, target: 4, source: s, owner: o, values: { 2026-08: 4.4, 2026-09: 4.2 } }
  - { id: c, label: Tickets, unit: count, better: lower, source: s, owner: o, values: { 2026-08: 10, 2026-09: 8 } }
";
        let r = analyse(&parse("t.yaml", text).unwrap().0);
        let h = r.health.unwrap();
        // Health fell 10: the two metrics that worsened, biggest against target first
        // (2 d on a 5 d target beats 0.2 on a 4 target); the improved one is not a driver.
        assert_eq!(h.drivers, ["Resolution time +50%", "CSAT \u{2212}0.2"]);
        assert_eq!(h.change.as_deref(), Some("\u{2212}10"));
    }

    #[test]
    fn long_names_are_shortened_for_the_footer_at_a_word() {
        assert_eq!(shorten("Northwind Logistics", 40), "Northwind Logistics");
        assert_eq!(
            shorten(
                "The Extremely Long Name Of A Holding Company Group Limited",
                40
            ),
            "The Extremely Long Name Of A Holding…"
        );
        assert_eq!(shorten("Ωμέγαλαβςשלוםمرحبا", 5), "Ωμέγ…");
    }

    #[test]
    fn durations_read_at_the_precision_that_matters() {
        assert_eq!(duration(45), "45\u{a0}min");
        assert_eq!(duration(6 * 60 + 28), "6\u{a0}h 28\u{a0}min");
        assert_eq!(duration(120), "2\u{a0}h");
        assert_eq!(duration(2 * 1440 + 4 * 60 + 59), "2\u{a0}d 4\u{a0}h");
        assert_eq!(duration(-5), "0\u{a0}min");
    }

    #[test]
    fn next_steps_are_ordered_by_date_with_undated_last() {
        let r = readout();
        let order: Vec<&str> = r.next_steps.iter().map(|a| a.what.as_str()).collect();
        assert_eq!(order, ["Kick-off", "Map", "Undated"]);
        assert_eq!(
            r.next_steps[1].for_item.as_deref(),
            Some("Risk: Sponsor left")
        );
        assert!(!r.next_steps[0].overdue);
    }
}
