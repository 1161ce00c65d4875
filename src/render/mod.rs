//! Rendering: a [`Readout`] and its charts become files in a Typst world, the template lays
//! them out, and typst-pdf writes the PDF. Same input, same bytes.

pub mod fonts;
pub mod world;

use typst::World;
use typst::WorldExt;
use typst::diag::{Severity, SourceDiagnostic};
use typst::foundations::{Datetime, Smart};
use typst::layout::FrameItem;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, Timestamp};

use crate::analysis::Readout;
use crate::charts;
use crate::error::Error;
use crate::model::{Account, Loaded};
use world::ReportWorld;

/// Size of a metric chart in points, as the templates place it (half the text width).
pub const METRIC_CHART: charts::Size = (240, 118);

/// A laid-out report.
pub struct Report {
    pub document: PagedDocument,
    /// Typst's warnings, each with its template line; shown to the user, never fatal.
    pub warnings: Vec<String>,
}

/// The files of one report's world: data, charts and logo. Fills in the paths in `readout`.
fn world_files(loaded: &Loaded, readout: &mut Readout) -> Vec<(String, Vec<u8>)> {
    let account = &loaded.account;
    let until = account.period.end.month();
    let currency = account
        .commercial
        .as_ref()
        .map_or("USD", |c| c.currency.as_str());
    let mut files = Vec::new();
    // Charts are named by position, not by the user's id: the set of paths stays small and
    // the same from report to report (Typst interns every path for the life of the process).
    for (i, (metric, view)) in account.metrics.iter().zip(&mut readout.metrics).enumerate() {
        if let Some(svg) = charts::for_metric(metric, until, currency, METRIC_CHART) {
            let path = format!("/charts/metric-{i}.svg");
            view.chart = Some(path.clone());
            files.push((path, svg.into_bytes()));
        }
    }
    if let Some(logo) = &loaded.logo {
        let path = format!("/logo.{}", logo.extension);
        readout.account.logo = Some(path.clone());
        files.push((path, logo.bytes.clone()));
    }
    let json = serde_json::to_vec(&*readout).expect("the readout serialises: plain data only");
    files.push(("/readout.json".to_owned(), json));
    files
}

/// The date the report is of: prepared on, or else the period's end.
fn report_date(account: &Account) -> crate::model::Date {
    account
        .prepared
        .as_ref()
        .map_or(account.period.end, |p| p.on)
}

/// Lay out the report for `loaded`, whose analysis is `readout`.
pub fn layout(loaded: &Loaded, mut readout: Readout) -> Result<Report, Error> {
    let files = world_files(loaded, &mut readout);
    let world = ReportWorld::new(loaded.account.template, files, report_date(&loaded.account));
    let result = typst::compile::<PagedDocument>(&world);
    let warnings = result
        .warnings
        .iter()
        .map(|w| describe(&world, w))
        .collect();
    match result.output {
        Ok(document) => Ok(Report { document, warnings }),
        Err(errors) => Err(Error::Render(
            errors.iter().map(|e| describe(&world, e)).collect(),
        )),
    }
}

/// Export a laid-out report as PDF. The timestamp comes from the account, never the clock, so
/// the same input gives the same bytes.
pub fn pdf(report: &Report, account: &Account) -> Result<Vec<u8>, Error> {
    let date = report_date(account);
    let timestamp =
        Datetime::from_ymd_hms(date.year, date.month, date.day, 0, 0, 0).map(Timestamp::new_utc);
    let ident = format!(
        "readout/{}/{}/{}",
        account
            .account
            .id
            .as_deref()
            .unwrap_or(&account.account.name),
        account.period.label,
        account.template.name()
    );
    let options = PdfOptions {
        ident: Smart::Custom(ident),
        creator: Smart::Custom(Some(format!("readout {}", env!("CARGO_PKG_VERSION")))),
        timestamp,
        ..PdfOptions::default()
    };
    typst_pdf::pdf(&report.document, &options).map_err(|errors| {
        Error::Render(
            errors
                .iter()
                .map(|e| format!("PDF export: {}", e.message))
                .collect(),
        )
    })
}

/// `typst-templates/business-review.typ:12:5: error: message` plus its hints.
fn describe(world: &ReportWorld, diagnostic: &SourceDiagnostic) -> String {
    let level = match diagnostic.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let place = diagnostic.span.id().map(|id| {
        let name = world.name(id);
        let position = world.range(diagnostic.span).and_then(|range| {
            world
                .source(id)
                .ok()?
                .lines()
                .byte_to_line_column(range.start)
        });
        match position {
            Some((line, column)) => format!("{name}:{}:{}: ", line + 1, column + 1),
            None => format!("{name}: "),
        }
    });
    let mut text = format!(
        "{}{level}: {}",
        place.unwrap_or_default(),
        diagnostic.message
    );
    for hint in &diagnostic.hints {
        text.push_str(&format!("\n  hint: {}", hint.v));
    }
    text
}

/// The text of each page in layout order, runs separated by spaces: what tests assert on.
pub fn page_texts(document: &PagedDocument) -> Vec<String> {
    fn walk(frame: &typst::layout::Frame, out: &mut String) {
        for (_, item) in frame.items() {
            match item {
                FrameItem::Group(group) => walk(&group.frame, out),
                FrameItem::Text(text) => {
                    if !out.is_empty() {
                        out.push(' ');
                    }
                    out.push_str(&text.text);
                }
                _ => {}
            }
        }
    }
    document
        .pages()
        .iter()
        .map(|page| {
            let mut text = String::new();
            walk(&page.frame, &mut text);
            text
        })
        .collect()
}
