//! The account file: serde types for schema version 1, and loading them from YAML.
//!
//! This module is the only place that knows the file is YAML (`load.rs` holds the one use of
//! `serde_yaml`), so the parser can be swapped here without touching the rest of the crate.

mod date;
mod keys;
mod load;
mod logo;
pub(crate) use load::did_you_mean;
mod positions;
mod theme;

use std::collections::BTreeMap;
use std::path::PathBuf;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use date::{Date, DateTime, Month};
pub use load::{Loaded, Logo, SourceFile, load_file, parse};
pub use logo::on_white;
pub use positions::{LineCol, Positions};
pub use theme::{Theme, font_named, is_theme_file, load_theme, parse_rgb};

/// The longest confidentiality notice, in characters: the page footer prints it in full, in
/// at most two lines.
pub const LONGEST_NOTICE: usize = 160;

/// Why a notice is too long, or `None`.
pub fn notice_too_long(notice: &str) -> Option<String> {
    let length = notice.trim().chars().count();
    (length > LONGEST_NOTICE).then(|| {
        format!(
            "the confidentiality notice is {length} characters; the page footer prints at most \
             {LONGEST_NOTICE}"
        )
    })
}

/// The schema version this build reads.
pub const SCHEMA_VERSION: u32 = 1;

/// The JSON Schema (draft-07, the dialect YAML editor plug-ins read) of the account file,
/// pretty-printed with a trailing newline. Descriptions are the doc comments of the types.
pub fn json_schema() -> String {
    let generator = schemars::generate::SchemaSettings::draft07().into_generator();
    let mut schema = generator.into_root_schema_for::<Account>();
    schema.insert("title".into(), "readout account file".into());
    let mut text = serde_json::to_string_pretty(&schema).expect("a JSON value serialises");
    text.push('\n');
    text
}

/// In the schema, `readout` is the one version this build reads.
fn version_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({ "type": "integer", "const": SCHEMA_VERSION })
}

/// In the schema, `template` offers the names of the templates, as the file spells them.
fn template_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    let names: Vec<&str> = Template::ALL.iter().map(|t| t.name()).collect();
    schemars::json_schema!({ "type": "string", "enum": names })
}

/// One customer account for one reporting period: the whole account file.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Account {
    /// Schema version of the file (`readout: 1`).
    #[schemars(schema_with = "version_schema")]
    pub readout: u32,
    /// The report layout: `business-review` (the default), `service-review` or
    /// `account-management`.
    #[serde(default)]
    #[schemars(schema_with = "template_schema")]
    pub template: Template,
    /// The customer: name, ids, logo, your team and their sponsor.
    pub account: AccountInfo,
    /// The reporting period the report covers.
    pub period: Period,
    /// Who prepared the report, on which day, and its confidentiality label.
    pub prepared: Option<Prepared>,
    /// The preparing company's theme file (YAML: colours, logo, font, confidentiality line),
    /// relative to this file. `--theme` on the command line wins over it.
    pub theme: Option<PathBuf>,
    /// Contract figures: currency, ARR, renewal, revenue at risk, pipeline.
    pub commercial: Option<Commercial>,
    /// The account's health score now and at the previous report.
    pub health: Option<Health>,
    /// One sentence for the top of the report; generated when absent.
    pub headline: Option<String>,
    /// Adoption, service and sales measures, each with a monthly series.
    #[serde(default)]
    pub metrics: Vec<Metric>,
    /// Threats to the account, each with its severity and the action against it.
    #[serde(default)]
    pub risks: Vec<Risk>,
    /// Chances to grow the account, each with its value and the action to take.
    #[serde(default)]
    pub opportunities: Vec<Opportunity>,
    /// Short sentences on what went well in the period.
    #[serde(default)]
    pub highlights: Vec<String>,
    /// Decisions or help needed from the reader.
    #[serde(default)]
    pub asks: Vec<Ask>,
    /// What happens next: what, who, by when.
    #[serde(default)]
    pub next_steps: Vec<Action>,
    /// Priority incidents of the period, with their times and root causes.
    #[serde(default)]
    pub incidents: Vec<Incident>,
}

/// Which report layout the account asks for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Template {
    #[default]
    BusinessReview,
    ServiceReview,
    AccountManagement,
}

impl Template {
    /// Every template, in the order `readout templates` lists them.
    pub const ALL: [Template; 3] = [
        Template::BusinessReview,
        Template::ServiceReview,
        Template::AccountManagement,
    ];

    /// The template named `name` as the account file and the command line spell it.
    pub fn from_name(name: &str) -> Option<Template> {
        Template::ALL.into_iter().find(|t| t.name() == name)
    }

    /// What the template is for, in one line.
    pub fn purpose(self) -> &'static str {
        match self {
            Template::BusinessReview => {
                "QBR/EBR for the customer's leadership, 3-5 pages: value delivered, commercial, adoption, service, risks and opportunities, next steps"
            }
            Template::ServiceReview => {
                "support performance against the SLA, 2-4 pages: tickets, backlog, response and resolution times, incidents and root causes, improvement plan"
            }
            Template::AccountManagement => {
                "the weekly or biweekly internal readout, 1-2 pages: status and what changed, renewal and pipeline, open risks, asks"
            }
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Template::BusinessReview => "business-review",
            Template::ServiceReview => "service-review",
            Template::AccountManagement => "account-management",
        }
    }
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AccountInfo {
    /// The customer's name, as printed on the report.
    pub name: String,
    /// Your identifier for the account, e.g. a CRM id (`NW-0042`).
    pub id: Option<String>,
    /// The customer segment, e.g. `Enterprise`.
    pub segment: Option<String>,
    /// The sales region, e.g. `EMEA`.
    pub region: Option<String>,
    /// A PNG, JPEG, WebP or SVG logo, its path relative to the account file.
    pub logo: Option<PathBuf>,
    /// Your people on the account.
    pub team: Option<Team>,
    /// The customer's executive sponsor.
    pub sponsor: Option<Sponsor>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Team {
    /// The account owner (account executive).
    pub owner: Option<String>,
    /// The customer success manager.
    pub csm: Option<String>,
    /// The support lead for the account.
    pub support_lead: Option<String>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Sponsor {
    /// The sponsor's name.
    pub name: String,
    /// The sponsor's job title, e.g. `VP Operations`.
    pub title: Option<String>,
    /// The relationship: `active`, `new`, `at-risk` or `departed`.
    pub status: Option<SponsorStatus>,
    /// The day of the last contact with the sponsor (`YYYY-MM-DD`).
    pub last_contact: Option<Date>,
}

/// Where the relationship with the sponsor stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum SponsorStatus {
    Active,
    New,
    AtRisk,
    Departed,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// The period's name as printed, e.g. `Q3 2026`.
    pub label: String,
    /// The first day of the period (`YYYY-MM-DD`).
    pub start: Date,
    /// The last day of the period (`YYYY-MM-DD`); not before `start`.
    pub end: Date,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Prepared {
    /// Who prepared the report.
    pub by: String,
    /// The report's date (`YYYY-MM-DD`); day counts such as "renewal in 177 days" start here.
    pub on: Date,
    /// A label printed in every footer, e.g. `Confidential`.
    pub confidentiality: Option<String>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Commercial {
    /// The currency of all amounts: an ISO 4217 code, e.g. `USD`.
    pub currency: String,
    /// Annual recurring revenue, in `currency`.
    pub arr: f64,
    /// The day the contract renews (`YYYY-MM-DD`).
    pub renewal_date: Option<Date>,
    /// The chance of renewal, in percent (0–100).
    pub renewal_probability: Option<f64>,
    /// Revenue that could be lost, in `currency`.
    pub revenue_at_risk: Option<f64>,
    /// Open expansion opportunities, in `currency`.
    pub expansion_pipeline: Option<f64>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Health {
    /// The health score now, 0–100.
    pub score: f64,
    /// The score at the previous report, to show the change.
    pub previous: Option<f64>,
    /// The score of each month, keyed `YYYY-MM`, for the health chart of the business review.
    #[serde(default)]
    pub values: BTreeMap<Month, f64>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Metric {
    /// A short identifier, unique in the file, e.g. `first_response_p1`.
    pub id: String,
    /// The metric's name as printed, e.g. `First response time (P1)`.
    pub label: String,
    /// The report section: `sales`, `service` or `success`.
    pub group: Option<MetricGroup>,
    /// How the numbers are written: currency, percent, count, hours, days, score or number.
    pub unit: Unit,
    /// Which direction is an improvement: `higher` or `lower`.
    pub better: Better,
    /// The value the metric should reach.
    pub target: Option<f64>,
    /// The contractual service level, in the metric's unit.
    pub sla: Option<f64>,
    /// Where the numbers come from, e.g. `Zendesk`.
    pub source: Option<String>,
    /// Who answers for the numbers, e.g. `Support Operations`.
    pub owner: Option<String>,
    /// How the metric is computed, in one sentence.
    pub definition: Option<String>,
    /// The value of each month, keyed `YYYY-MM`, e.g. `2026-09: 4.0`.
    pub values: BTreeMap<Month, f64>,
    /// Where red, amber and green begin, when the team has agreed them; they win over the
    /// rule derived from target and SLA.
    pub thresholds: Option<Thresholds>,
}

/// A metric's own status bands: at least as good as `green` is green, at least as bad as `red`
/// is red, amber between.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Thresholds {
    /// At least as good as this is green (On track), in the metric's unit.
    pub green: f64,
    /// At least as bad as this is red (Off track); between the two is amber (Watch).
    pub red: f64,
}

/// The report section a metric belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum MetricGroup {
    Sales,
    Service,
    Success,
}

/// How a metric's numbers are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Better {
    Higher,
    Lower,
}

/// How serious a risk is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    Low,
    Medium,
    High,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Risk {
    /// The risk in a few words.
    pub title: String,
    /// How serious it is: `low`, `medium` or `high` (high needs an action with an owner and a due date).
    pub severity: Severity,
    /// Revenue exposed, in the account's currency.
    pub impact: Option<f64>,
    /// What will be done about it.
    pub action: Option<Action>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Opportunity {
    /// The opportunity in a few words.
    pub title: String,
    /// Its value, in the account's currency.
    pub value: Option<f64>,
    /// What will be done to win it.
    pub action: Option<Action>,
}

/// Something someone will do by a date.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Action {
    /// What will be done.
    pub what: String,
    /// Who will do it.
    pub owner: Option<String>,
    /// By which day (`YYYY-MM-DD`).
    pub due: Option<Date>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ask {
    /// What is asked.
    pub ask: String,
    /// Of whom it is asked.
    pub of: Option<String>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Incident {
    /// The ticket or incident number, e.g. `INC-1042`.
    pub id: String,
    /// What happened, in a few words.
    pub title: String,
    /// The priority: `P1` (highest) to `P4`.
    pub priority: Priority,
    /// When it was opened (`YYYY-MM-DDTHH:MM`).
    pub opened: DateTime,
    /// When it was resolved (`YYYY-MM-DDTHH:MM`); absent while open.
    pub resolved: Option<DateTime>,
    /// Whether it was resolved within the SLA.
    pub sla_met: Option<bool>,
    /// The root cause, once known.
    pub root_cause: Option<String>,
}

/// An incident's priority, `P1` the highest.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize, JsonSchema,
)]
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
            source: Some("s".into()),
            owner: Some("o".into()),
            definition: None,
            thresholds: None,
            values: values
                .iter()
                .map(|(m, v)| (m.parse().expect("a test month"), *v))
                .collect(),
        }
    }
}
