//! Rendering: a [`Readout`] and its charts become files in a Typst world, the template lays
//! them out, and typst-pdf writes the PDF. Same input, same bytes.

pub mod fonts;
pub mod glyphs;
pub mod project;
pub mod theme;
pub mod world;

use image::ImageEncoder;
use image::codecs::png::{CompressionType, FilterType, PngEncoder};
use typst::World;
use typst::WorldExt;
use typst::diag::{Severity, SourceDiagnostic};
use typst::foundations::{Datetime, Smart};
use typst::layout::FrameItem;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::analysis::{self, Readout};
use crate::charts;
use crate::error::Error;
use crate::model::{Account, Date, Loaded, Theme};
use world::ReportWorld;

/// Size of a metric chart in points, as the templates place it (half the text width).
pub const METRIC_CHART: charts::Size = (240, 118);
/// Size of a metric's sparkline in a table row, in points.
pub const SPARKLINE: charts::Size = (56, 16);

/// A laid-out report.
pub struct Report {
    pub document: PagedDocument,
    /// Typst's warnings, each with its template line; shown to the user, never fatal.
    pub warnings: Vec<String>,
}

/// One file of a world: its absolute path there, and its bytes.
pub type WorldFile = (String, Vec<u8>);

/// The files of one report's world (data, charts and logo) under the folder `prefix` (empty
/// for a report of its own, `/accounts/3` in a board pack), and the warning about characters
/// no font can draw, checked on the same serialised data. Fills in the paths in `readout`, and
/// `theme`'s confidentiality line; the charts take its accent and font.
pub fn world_files(
    loaded: &Loaded,
    readout: &mut Readout,
    prefix: &str,
    theme: &Theme,
) -> (Vec<WorldFile>, glyphs::Missing) {
    self::theme::apply(theme, loaded, readout);
    let palette = self::theme::palette(theme);
    let account = &loaded.account;
    let until = account.period.end.month();
    let currency = analysis::currency(account);
    let mut files = Vec::new();
    // Charts are named by position, not by the user's id: the set of paths stays small and
    // the same from report to report (Typst interns every path for the life of the process).
    for (i, (metric, view)) in account.metrics.iter().zip(&mut readout.metrics).enumerate() {
        if let Some(svg) =
            charts::for_metric(metric, until, currency, METRIC_CHART, palette.clone())
        {
            let path = format!("{prefix}/charts/metric-{i}.svg");
            view.chart = Some(path.clone());
            view.chart_alt = Some(charts::describe_metric(metric, until, currency));
            files.push((path, svg.into_bytes()));
        }
        if let Some(svg) =
            charts::sparkline_for_metric(metric, until, currency, SPARKLINE, palette.clone())
        {
            let path = format!("{prefix}/charts/spark-{i}.svg");
            view.sparkline = Some(path.clone());
            files.push((path, svg.into_bytes()));
        }
    }
    if let (Some(health), Some(view)) = (&account.health, &mut readout.health)
        && let Some(svg) = charts::health(&health.values, until, METRIC_CHART, palette)
    {
        let path = format!("{prefix}/charts/health.svg");
        view.chart = Some(path.clone());
        view.chart_alt = Some(charts::describe_health(&health.values, until));
        files.push((path, svg.into_bytes()));
    }
    if let Some(logo) = &loaded.logo {
        let path = format!("{prefix}/logo.{}", logo.extension);
        readout.account.logo = Some(path.clone());
        files.push((path, logo.bytes.clone()));
    }
    let mut value =
        serde_json::to_value(&*readout).expect("the readout serialises: plain data only");
    let glyphs = glyphs::missing(&value);
    make_breakable(&mut value);
    let json = serde_json::to_vec(&value).expect("a JSON value serialises");
    files.push((format!("{prefix}/readout.json"), json));
    (files, glyphs)
}

/// The data's fields that hold paths in the world (`/accounts/3/charts/metric-0.svg`): never
/// text to lay out, so never given break opportunities.
const WORLD_PATHS: [&str; 5] = ["chart", "sparkline", "logo", "data", "renewals_chart"];

/// `data` as JSON for a template, its strings given break opportunities as the readout's are
/// (the board pack's names and headlines in table cells).
pub fn template_json(data: &impl serde::Serialize) -> Vec<u8> {
    let mut value = serde_json::to_value(data).expect("template data serialises: plain data only");
    make_breakable(&mut value);
    serde_json::to_vec(&value).expect("a JSON value serialises")
}

/// Longer than this, a run of characters without a space gets break opportunities.
const LONGEST_UNBROKEN: usize = 24;

/// Give every string of the data a place to break inside runs too long for a table cell (an
/// id, a URL, a name pasted without spaces): Typst never breaks inside a word it cannot
/// hyphenate, and the run would overflow its column or the page.
fn make_breakable(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::String(s) => {
            if let Some(bound) = bind_units(s) {
                *s = bound;
            }
            if let Some(broken) = breakable(s) {
                *s = broken;
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(make_breakable),
        serde_json::Value::Object(map) => map
            .iter_mut()
            .filter(|(key, _)| !WORLD_PATHS.contains(&key.as_str()))
            .for_each(|(_, value)| make_breakable(value)),
        _ => {}
    }
}

/// Units a number is never parted from at a line end ("within 24 h" wraps as "24 h", never
/// leaving "h" alone on the next line).
const SHORT_UNITS: [&str; 8] = ["h", "d", "min", "ms", "s", "%", "pts", "days"];

/// `text` with a no-break space between a number and a short unit after it, and a word joiner
/// between a sign and the currency symbol after it (`−¥105M` never breaks after the minus), or
/// `None` when there is none to bind.
fn bind_units(text: &str) -> Option<String> {
    let text = &join_signs(text);
    let words: Vec<&str> = text.split(' ').collect();
    let mut bound = false;
    let mut out = String::with_capacity(text.len());
    for (i, word) in words.iter().enumerate() {
        if i > 0 {
            let number_before = words[i - 1].ends_with(|c: char| c.is_ascii_digit());
            let unit = word.trim_end_matches([',', '.', ';', ':', ')']);
            if number_before && SHORT_UNITS.contains(&unit) {
                out.push('\u{A0}');
                bound = true;
            } else {
                out.push(' ');
            }
        }
        out.push_str(word);
    }
    (bound || text.contains(WORD_JOINER)).then_some(out)
}

const WORD_JOINER: char = '\u{2060}';

/// A word joiner after every `−` or `+` that a currency symbol follows.
fn join_signs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        let symbol_next = chars.peek().is_some_and(|n| {
            !n.is_alphanumeric() && !n.is_whitespace() && !n.is_ascii_punctuation() || *n == '$'
        });
        if matches!(c, '\u{2212}' | '+') && symbol_next {
            out.push(WORD_JOINER);
        }
    }
    out
}

/// `text` with a zero-width space after every 12th character of each over-long run, or `None`
/// when no run is too long.
fn breakable(text: &str) -> Option<String> {
    let too_long = text
        .split_whitespace()
        .any(|w| w.chars().count() > LONGEST_UNBROKEN);
    if !too_long {
        return None;
    }
    let mut out = String::with_capacity(text.len() + text.len() / 12 * 3);
    let mut run = 0;
    for c in text.chars() {
        if c.is_whitespace() {
            run = 0;
        } else {
            if run > 0 && run % 12 == 0 {
                out.push('\u{200B}');
            }
            run += 1;
        }
        out.push(c);
    }
    Some(out)
}

/// The characters of the report's text that no loaded font can draw.
pub fn missing_glyphs(readout: &Readout) -> glyphs::Missing {
    glyphs::missing(
        &serde_json::to_value(readout).expect("the readout serialises: plain data only"),
    )
}

/// Lay out the report for `loaded`, whose analysis is `readout`, in `style`'s theme and with
/// its templates.
pub fn layout(loaded: &Loaded, mut readout: Readout, style: &Style) -> Result<Report, Error> {
    let (files, warnings) = report_files(loaded, &mut readout, style)?;
    let world = ReportWorld::new(files, analysis::as_of(&loaded.account))
        .with_templates(style.templates.clone());
    compile(&world, warnings)
}

/// The data files of one report (its JSON, charts, logo, theme), ready for `style`'s PDF
/// standards, and the warnings found on the way. Under a standard a character no font has
/// cannot be written: it is placed in the account file now, rather than let PDF export fail
/// once per use naming no input; so is an SVG logo PDF/A-1b cannot hold.
pub fn report_files(
    loaded: &Loaded,
    readout: &mut Readout,
    style: &Style,
) -> Result<(Vec<WorldFile>, Vec<String>), Error> {
    let theme = &style.theme;
    let (mut files, missing) = world_files(loaded, readout, "", theme);
    let mut found = glyphs::diagnostics(loaded, theme, &missing, &style.standards);
    found.extend(glyphs::logo_diagnostics(loaded, theme, &style.standards));
    if found.iter().any(crate::Diagnostic::is_error) {
        return Err(Error::Invalid(found));
    }
    files.extend(self::theme::files(theme));
    opaque_images(&mut files, &style.standards)?;
    Ok((files, found.iter().map(ToString::to_string).collect()))
}

/// Lay out a board pack: `/pack.typ` over `files` (the pack's `/pack.json`, its charts, and
/// each account's files from [`world_files`] under `/accounts/N`), dated `today`,
/// in `style`'s templates and for its standards.
pub fn layout_pack(mut files: Vec<WorldFile>, today: Date, style: &Style) -> Result<Report, Error> {
    opaque_images(&mut files, &style.standards)?;
    let world =
        ReportWorld::with_main(files, today, "/pack.typ").with_templates(style.templates.clone());
    compile(&world, Vec::new())
}

/// Under a standard that allows no transparency (PDF/A-1b), the raster images of the world
/// (the logos) laid on white, which is where the templates place them.
fn opaque_images(files: &mut [WorldFile], standards: &Standards) -> Result<(), Error> {
    if standards.allow_transparency() {
        return Ok(());
    }
    for (path, bytes) in files.iter_mut() {
        if let Some(flat) = crate::model::on_white(bytes, path) {
            *bytes = flat.map_err(|e| Error::Render(vec![format!("{path}: {e}")]))?;
        }
    }
    Ok(())
}

/// Compile the document of `world`; its warnings follow `glyphs`, the warnings found before.
fn compile(world: &ReportWorld, glyphs: Vec<String>) -> Result<Report, Error> {
    let result = typst::compile::<PagedDocument>(world);
    let warnings = glyphs
        .into_iter()
        .chain(result.warnings.iter().map(|w| describe(world, w)))
        .collect();
    match result.output {
        Ok(document) => Ok(Report { document, warnings }),
        Err(errors) => {
            let mut messages: Vec<String> = errors.iter().map(|e| describe(world, e)).collect();
            if let Some(dir) = world.template_dir() {
                messages.push(format!(
                    "note: the templates of --template-dir {} call readout's own files; the \
                     mistake may be in how they call them",
                    dir.display()
                ));
            }
            Err(Error::Render(messages))
        }
    }
}

/// The PDF standards a report is written to conform to (`--pdf-standard a-2b,ua-1`); none by
/// default. Typst checks the document against them while writing it, and fails naming what
/// does not conform.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Standards(Vec<PdfStandard>);

impl Standards {
    /// The standards readout offers, by the name the command line takes, with what each is for.
    pub const CHOICES: [(&str, PdfStandard, &str); 6] = [
        (
            "a-1b",
            PdfStandard::A_1b,
            "PDF/A-1b, for archives that take only the first level (PDF 1.4)",
        ),
        ("a-2b", PdfStandard::A_2b, "PDF/A-2b, for archiving"),
        (
            "a-2u",
            PdfStandard::A_2u,
            "PDF/A-2u, for archiving, text searchable",
        ),
        ("a-3b", PdfStandard::A_3b, "PDF/A-3b, for archiving"),
        ("a-4", PdfStandard::A_4, "PDF/A-4, for archiving (PDF 2.0)"),
        (
            "ua-1",
            PdfStandard::Ua_1,
            "PDF/UA-1, tagged for screen readers",
        ),
    ];

    /// The standards named, checked together: `a-2b` and `ua-1` go together, two PDF/A
    /// levels do not.
    pub fn new(names: &[String]) -> Result<Standards, String> {
        let mut list = Vec::new();
        for name in names {
            let Some((_, standard, _)) = Self::CHOICES
                .iter()
                .find(|(n, _, _)| n.eq_ignore_ascii_case(name.trim()))
            else {
                let known: Vec<&str> = Self::CHOICES.iter().map(|(n, _, _)| *n).collect();
                return Err(format!(
                    "{}: unknown PDF standard {name:?}; choose from {}",
                    names.join(","),
                    known.join(", ")
                ));
            };
            if !list.contains(standard) {
                list.push(*standard);
            }
        }
        PdfStandards::new(&list).map_err(|e| {
            let mut message = format!("{}: {}", names.join(","), e.message());
            for hint in e.hints() {
                message.push_str(&format!("\n  hint: {hint}"));
            }
            message
        })?;
        if list.contains(&PdfStandard::A_1b) && list.contains(&PdfStandard::Ua_1) {
            // typst-pdf accepts the pair, then cannot tag page headers and footers in PDF 1.4.
            return Err(format!(
                "{}: PDF/UA-1 cannot go with PDF/A-1b, whose PDF 1.4 cannot tag the page \
                 headers and footers\n  hint: with ua-1, choose a-2b, a-2u or a-3b",
                names.join(",")
            ));
        }
        Ok(Standards(list))
    }

    /// The standards as people name them ("PDF/A-2b and PDF/UA-1"); `None` for none.
    pub fn described(&self) -> Option<String> {
        let names: Vec<String> = self
            .names()
            .iter()
            .map(|n| {
                let (kind, level) = n.split_once('-').unwrap_or((n, ""));
                format!("PDF/{}-{level}", kind.to_uppercase())
            })
            .collect();
        (!names.is_empty()).then(|| names.join(" and "))
    }

    /// Whether the standards allow transparency: PDF/A-1 does not.
    pub fn allow_transparency(&self) -> bool {
        !self.0.contains(&PdfStandard::A_1b)
    }

    /// The names, as given to [`Standards::new`].
    pub fn names(&self) -> Vec<&'static str> {
        self.0
            .iter()
            .filter_map(|s| Self::CHOICES.iter().find(|(_, c, _)| c == s))
            .map(|(n, _, _)| *n)
            .collect()
    }
}

/// How a run's reports look and what they conform to: the theme, a team's own templates, the
/// PDF standards.
#[derive(Debug, Clone, Default)]
pub struct Style {
    pub theme: Theme,
    /// The theme came from the command line, and wins over one an account file names.
    pub theme_given: bool,
    pub templates: Option<std::sync::Arc<world::TemplateDir>>,
    pub standards: Standards,
    /// Folders the run reads (the templates', the fonts'): no report is written into them.
    pub input_folders: Vec<std::path::PathBuf>,
}

/// Export a laid-out report as PDF. The timestamp comes from the account, never the clock, so
/// the same input gives the same bytes.
pub fn pdf(report: &Report, account: &Account, standards: &Standards) -> Result<Vec<u8>, Error> {
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
    export(report, ident, analysis::as_of(account), standards)
}

/// Export `report` as PDF with a fixed document id and a timestamp at the start of `date`,
/// conforming to `standards`.
pub fn export(
    report: &Report,
    ident: String,
    date: Date,
    standards: &Standards,
) -> Result<Vec<u8>, Error> {
    let timestamp =
        Datetime::from_ymd_hms(date.year, date.month, date.day, 0, 0, 0).map(Timestamp::new_utc);
    let options = PdfOptions {
        ident: Smart::Custom(ident),
        creator: Smart::Custom(Some(format!("readout {}", env!("CARGO_PKG_VERSION")))),
        timestamp,
        standards: PdfStandards::new(&standards.0)
            .map_err(|e| Error::Render(vec![format!("PDF standards: {}", e.message())]))?,
        ..PdfOptions::default()
    };
    typst_pdf::pdf(&report.document, &options).map_err(|errors| {
        let mut messages: Vec<String> = Vec::new();
        for e in &errors {
            let message = format!("PDF export: {}", e.message);
            if !messages.contains(&message) {
                messages.push(message);
            }
        }
        if !standards.allow_transparency()
            && errors.iter().any(|e| e.message.contains("transparency"))
        {
            messages.push(
                "hint: PDF/A-1b allows no transparency. readout's templates use none and it \
                 lays PNG and WebP logos on white; what is left is an SVG logo with \
                 see-through parts (opacity, masks) or a colour made transparent in a template \
                 of --template-dir: make it opaque, or choose a-2b"
                    .to_owned(),
            );
        }
        Error::Render(messages)
    })
}

/// Most pixels per inch a preview is drawn at: an A4 page at 600 ppi is already 35 million
/// pixels.
pub const MAX_PPI: u32 = 600;

/// Page images of `report` for e-mail and chat: the pages numbered in `pages` (from 1; all
/// when empty), each as PNG bytes at `ppi` pixels per inch, on white.
pub fn png_pages(report: &Report, ppi: u32, pages: &[usize]) -> Result<Vec<Vec<u8>>, Error> {
    let all = report.document.pages();
    let wanted: Vec<usize> = if pages.is_empty() {
        (1..=all.len()).collect()
    } else {
        pages.to_vec()
    };
    let options = typst_render::RenderOptions {
        pixel_per_pt: typst::utils::Scalar::new(f64::from(ppi.clamp(1, MAX_PPI)) / 72.0),
        render_bleed: false,
    };
    wanted
        .iter()
        .map(|&n| {
            let page = all.get(n.wrapping_sub(1)).ok_or_else(|| {
                Error::Usage(format!(
                    "--pages: the report has {} pages, so there is no page {n}",
                    all.len()
                ))
            })?;
            let pixmap = typst_render::render(page, &options);
            // The page is opaque white underneath: colour without alpha.
            let rgb: Vec<u8> = pixmap
                .pixels()
                .iter()
                .flat_map(|p| {
                    let c = p.demultiply();
                    [c.red(), c.green(), c.blue()]
                })
                .collect();
            let mut png = Vec::new();
            let encoder =
                PngEncoder::new_with_quality(&mut png, CompressionType::Best, FilterType::Adaptive);
            encoder
                .write_image(
                    &rgb,
                    pixmap.width(),
                    pixmap.height(),
                    image::ExtendedColorType::Rgb8,
                )
                .map_err(|e| Error::Render(vec![format!("PNG export: {e}")]))?;
            Ok(with_resolution(png, ppi))
        })
        .collect()
}

/// `png` with a pHYs chunk saying it is `ppi` pixels per inch, so that a viewer or printer
/// shows the page at its real size. The chunk goes right after IHDR, as the format asks.
fn with_resolution(png: Vec<u8>, ppi: u32) -> Vec<u8> {
    // Signature (8 bytes), then IHDR: length, type, 13 bytes of data, CRC.
    const AFTER_IHDR: usize = 8 + 4 + 4 + 13 + 4;
    if png.len() < AFTER_IHDR || &png[12..16] != b"IHDR" {
        return png;
    }
    let per_metre = (f64::from(ppi) / 0.0254).round() as u32;
    let mut chunk = b"pHYs".to_vec();
    chunk.extend(per_metre.to_be_bytes());
    chunk.extend(per_metre.to_be_bytes());
    chunk.push(1); // the unit is the metre
    let crc = crc32(&chunk);
    let mut out = Vec::with_capacity(png.len() + 21);
    out.extend(&png[..AFTER_IHDR]);
    out.extend(9u32.to_be_bytes());
    out.extend(&chunk);
    out.extend(crc.to_be_bytes());
    out.extend(&png[AFTER_IHDR..]);
    out
}

/// CRC-32 (ISO 3309, as PNG chunks carry it), bit by bit: a few bytes a page.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for byte in bytes {
        crc ^= u32::from(*byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
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

/// The text of each page in layout order: what tests assert on. Runs that touch on the same
/// baseline (a word split by a change of script or font) join without a space; others are
/// separated by one.
pub fn page_texts(document: &PagedDocument) -> Vec<String> {
    use typst::layout::{Abs, Frame, Point};

    struct Walk {
        out: String,
        /// Where the last run ended: its baseline and right edge, in page coordinates.
        end: Option<(Abs, Abs)>,
    }

    fn walk(frame: &Frame, origin: Point, state: &mut Walk) {
        for (pos, item) in frame.items() {
            let at = origin + *pos;
            match item {
                FrameItem::Group(group) => {
                    let shift = Point::new(group.transform.tx, group.transform.ty);
                    walk(&group.frame, at + shift, state);
                }
                FrameItem::Text(text) => {
                    let touching = state.end.is_some_and(|(y, x)| {
                        (y - at.y).abs() < Abs::pt(0.5) && (x - at.x).abs() < Abs::pt(0.5)
                    });
                    if !state.out.is_empty() && !touching {
                        state.out.push(' ');
                    }
                    // Word joiners bind a sign to its amount; they are not text.
                    state
                        .out
                        .extend(text.text.chars().filter(|c| *c != WORD_JOINER));
                    state.end = Some((at.y, at.x + text.width()));
                }
                _ => {}
            }
        }
    }

    document
        .pages()
        .iter()
        .map(|page| {
            let mut state = Walk {
                out: String::new(),
                end: None,
            };
            walk(&page.frame, Point::zero(), &mut state);
            state.out
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_keeps_its_short_unit() {
        assert_eq!(
            bind_units("First response within 24 h").as_deref(),
            Some("First response within 24\u{A0}h")
        );
        assert_eq!(
            bind_units("in 3 days, then 5 d.").as_deref(),
            Some("in 3\u{A0}days, then 5\u{A0}d.")
        );
        assert_eq!(bind_units("Plan B h and 24 hours"), None);
        assert_eq!(
            bind_units("worsened (−¥105M, +$3) −5").as_deref(),
            Some("worsened (−\u{2060}¥105M, +\u{2060}$3) −5")
        );
    }

    #[test]
    fn only_over_long_runs_get_break_opportunities() {
        assert_eq!(
            breakable("Northwind Logistics, a perfectly normal name"),
            None
        );
        let long = "x".repeat(30);
        let broken = breakable(&format!("id {long} end")).unwrap();
        assert_eq!(broken.matches('\u{200B}').count(), 2);
        assert_eq!(broken.replace('\u{200B}', ""), format!("id {long} end"));
    }
}
