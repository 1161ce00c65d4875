//! The account file: serde types for schema version 1, and loading them from YAML.
//!
//! This module is the only place that knows the file is YAML (`load.rs` holds the one use of
//! `serde_yaml`), so the parser can be swapped here without touching the rest of the crate.

mod date;
mod keys;
mod load;
mod positions;

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

pub use date::{Date, DateTime, Month};
pub use load::{Loaded, Logo, SourceFile, load_file, parse};
pub use positions::Positions;

/// The schema version this build reads.
pub const SCHEMA_VERSION: u32 = 1;

/// One customer account for one reporting period: the whole account file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Account {
    /// Schema version of the file (`readout: 1`).
    pub readout: u32,
    #[serde(default)]
    pub template: Template,
    pub account: AccountInfo,
    pub period: Period,
    pub prepared: Option<Prepared>,
    pub commercial: Option<Commercial>,
    pub health: Option<Health>,
    /// One sentence for the top of the report; generated when absent.
    pub headline: Option<String>,
    #[serde(default)]
    pub metrics: Vec<Metric>,
    #[serde(default)]
    pub risks: Vec<Risk>,
    #[serde(default)]
    pub opportunities: Vec<Opportunity>,
    #[serde(default)]
    pub highlights: Vec<String>,
    #[serde(default)]
    pub asks: Vec<Ask>,
    #[serde(default)]
    pub next_steps: Vec<Action>,
    #[serde(default)]
    pub incidents: Vec<Incident>,
}

/// Which report layout the account asks for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Template {
    #[default]
    BusinessReview,
    ServiceReview,
    AccountManagement,
}

impl Template {
    pub fn name(self) -> &'static str {
        match self {
            Template::BusinessReview => "business-review",
            Template::ServiceReview => "service-review",
            Template::AccountManagement => "account-management",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccountInfo {
    pub name: String,
    pub id: Option<String>,
    pub segment: Option<String>,
    pub region: Option<String>,
    /// A PNG or JPEG, relative to the account file.
    pub logo: Option<PathBuf>,
    pub team: Option<Team>,
    pub sponsor: Option<Sponsor>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Team {
    pub owner: Option<String>,
    pub csm: Option<String>,
    pub support_lead: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sponsor {
    pub name: String,
    pub title: Option<String>,
    pub status: Option<SponsorStatus>,
    pub last_contact: Option<Date>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SponsorStatus {
    Active,
    New,
    AtRisk,
    Departed,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Period {
    pub label: String,
    pub start: Date,
    pub end: Date,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Prepared {
    pub by: String,
    pub on: Date,
    pub confidentiality: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Commercial {
    /// ISO 4217 code, e.g. `USD`.
    pub currency: String,
    pub arr: f64,
    pub renewal_date: Option<Date>,
    /// Percent, 0–100.
    pub renewal_probability: Option<f64>,
    pub revenue_at_risk: Option<f64>,
    pub expansion_pipeline: Option<f64>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Health {
    /// 0–100.
    pub score: f64,
    pub previous: Option<f64>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Metric {
    pub id: String,
    pub label: String,
    pub group: Option<MetricGroup>,
    pub unit: Unit,
    pub better: Better,
    pub target: Option<f64>,
    pub sla: Option<f64>,
    pub source: String,
    pub owner: String,
    pub definition: Option<String>,
    pub values: BTreeMap<Month, f64>,
    /// Where red, amber and green begin, when the team has agreed them; they win over the
    /// rule derived from target and SLA.
    pub thresholds: Option<Thresholds>,
}

/// A metric's own status bands: at least as good as `green` is green, at least as bad as `red`
/// is red, amber between.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Thresholds {
    pub green: f64,
    pub red: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MetricGroup {
    Sales,
    Service,
    Success,
}

/// How a metric's numbers are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Unit {
    Currency,
    Percent,
    Count,
    Hours,
    Days,
    Score,
    Number,
}

/// Which direction of a metric is an improvement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Better {
    Higher,
    Lower,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    Low,
    Medium,
    High,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Risk {
    pub title: String,
    pub severity: Severity,
    /// Revenue exposed, in the account's currency.
    pub impact: Option<f64>,
    pub action: Option<Action>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Opportunity {
    pub title: String,
    pub value: Option<f64>,
    pub action: Option<Action>,
}

/// Something someone will do by a date.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Action {
    pub what: String,
    pub owner: Option<String>,
    pub due: Option<Date>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ask {
    pub ask: String,
    pub of: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Incident {
    pub id: String,
    pub title: String,
    pub priority: Priority,
    pub opened: DateTime,
    pub resolved: Option<DateTime>,
    pub sla_met: Option<bool>,
    pub root_cause: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
pub enum Priority {
    P1,
    P2,
    P3,
    P4,
}

#[cfg(test)]
impl Metric {
    /// A metric for tests: `values` as `("2026-09", 4.0)` pairs, no target or SLA.
    pub(crate) fn sample(
        label: &str,
        unit: Unit,
        better: Better,
        values: &[(&str, f64)],
    ) -> Metric {
        Metric {
            id: "m".into(),
            label: label.into(),
            group: None,
            unit,
            better,
            target: None,
            sla: None,
            source: "s".into(),
            owner: "o".into(),
            definition: None,
            thresholds: None,
            values: values
                .iter()
                .map(|(m, v)| (m.parse().expect("a test month"), *v))
                .collect(),
        }
    }
}
