//! Charts: plotters with its SVG backend, drawn to strings in memory. One function per kind
//! (a metric's trend line against its target and SLA, monthly bars), and [`for_metric`] which
//! picks the kind. Text is set in the report's embedded family so it stays real text in the PDF.
//!
//! plotters hangs or divides by zero on empty or zero-width ranges (TYPST-NOTES.md), so every
//! range is computed and guarded here before anything is drawn.

use std::collections::BTreeMap;

use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::analysis::format::{self, Decimals};
use crate::analysis::portfolio::Renewals;
use crate::colour::{self, Rgb};
use crate::model::{Metric, Month, Unit};

/// The family the charts name; it must be one of the embedded fonts (see `render::fonts`).
pub const FONT_FAMILY: &str = "Inter";
/// plotters writes a font size `s` as `s / 1.24` px; this gives 7.5 pt text at 1:1 scale.
const LABEL_SIZE: f64 = 7.5 * 1.24;
/// How many months a chart shows, counting back from the period's end.
const MONTHS_SHOWN: usize = 12;

const INK: RGBColor = RGBColor(0x1F, 0x3A, 0x5F);
const MUTED: RGBColor = RGBColor(0x6B, 0x72, 0x80);
const GRID: RGBColor = RGBColor(0xE3, 0xE6, 0xEB);
const TARGET: RGBColor = RGBColor(0x2A, 0x7F, 0x62);
/// The target line of a sparkline: `line` 70% over white, solid (a PDF/A-1b file allows no
/// transparency).
fn soft(line: RGBColor) -> RGBColor {
    let over = |c: u8| (f64::from(c) * 0.7 + 255.0 * 0.3).round() as u8;
    RGBColor(over(line.0), over(line.1), over(line.2))
}
const SLA: RGBColor = RGBColor(0xB4, 0x3C, 0x3C);
const BAR: RGBColor = RGBColor(0x5B, 0x7D, 0xA8);
const GRID_TEXT: RGBColor = RGBColor(0x9C, 0xA3, 0xAF);

/// The drawing context every chart kind draws its body into.
type Chart<'a, 'b> = ChartContext<'a, SVGBackend<'b>, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// Width and height in points: the SVG is placed at this size, so text keeps its size.
pub type Size = (u32, u32);

/// The colours a series is drawn in: its line, dots and latest bar (`ink`) and its other
/// bars and sparkline (`bar`). A theme's accent colour sets both.
#[derive(Debug, Clone, PartialEq)]
pub struct Palette {
    pub ink: RGBColor,
    pub bar: RGBColor,
    /// The target and SLA lines: green and red, unless the data's colour is close to one;
    /// that line is then drawn in dark grey, so data and line never look alike.
    pub target: RGBColor,
    pub sla: RGBColor,
    /// The font family of the chart's text: the theme's, else [`FONT_FAMILY`].
    pub font: Option<std::sync::Arc<str>>,
}

impl Default for Palette {
    fn default() -> Palette {
        Palette {
            ink: INK,
            bar: BAR,
            target: TARGET,
            sla: SLA,
            font: None,
        }
    }
}

/// Closer than this (CIE76 ΔE), a reference line and the data would read as one colour.
const CLASH: f64 = 30.0;
/// A reference line's colour when its own would clash with the data's.
const REFERENCE_GREY: RGBColor = RGBColor(0x37, 0x41, 0x51);

impl Palette {
    /// The palette of an accent colour: the colour itself, and a quarter lighter for bars.
    pub fn of_accent((r, g, b): (u8, u8, u8)) -> Palette {
        let lighter = |c: u8| (f64::from(c) + (255.0 - f64::from(c)) * 0.25).round() as u8;
        let apart = |line: RGBColor| {
            let near = colour::difference((r, g, b), (line.0, line.1, line.2)) < CLASH;
            if near { REFERENCE_GREY } else { line }
        };
        Palette {
            ink: RGBColor(r, g, b),
            bar: RGBColor(lighter(r), lighter(g), lighter(b)),
            target: apart(TARGET),
            sla: apart(SLA),
            font: None,
        }
    }
}

/// A monthly series ready to draw: one slot per month, `None` where a month has no value.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub months: Vec<Month>,
    pub values: Vec<Option<f64>>,
    pub unit: Unit,
    pub currency: String,
    pub target: Option<f64>,
    pub sla: Option<f64>,
    /// The metric's decimals, as in its table and sentence.
    pub decimals: Decimals,
    pub palette: Palette,
}

impl Series {
    /// The metric's months up to `until`, the last twelve at most, gaps kept as `None`.
    pub fn of_metric(metric: &Metric, until: Month, currency: &str) -> Series {
        Series::of_values(&metric.values, until, metric.unit, currency).with_lines(
            metric.target,
            metric.sla,
            format::decimals_of(metric),
        )
    }

    /// Monthly `values` up to `until`, the last twelve at most, gaps kept as `None`; no
    /// target or SLA, and the decimals the values need.
    pub fn of_values(
        values: &BTreeMap<Month, f64>,
        until: Month,
        unit: Unit,
        currency: &str,
    ) -> Series {
        let present: Vec<Month> = values.range(..=until).map(|(m, _)| *m).collect();
        let mut months = Vec::new();
        if let (Some(first), Some(last)) = (present.first(), present.last()) {
            let mut m = *last;
            while months.len() < MONTHS_SHOWN && m >= *first {
                months.push(m);
                m = m.previous();
            }
            months.reverse();
        }
        let shown = months
            .iter()
            .map(|m| values.get(m).copied().filter(|v| v.is_finite()))
            .collect();
        Series {
            months,
            values: shown,
            unit,
            currency: currency.to_owned(),
            target: None,
            sla: None,
            decimals: format::metric_decimals(unit, values.values().copied()),
            palette: Palette::default(),
        }
    }

    /// The series with a target and SLA line, written with `decimals`.
    fn with_lines(self, target: Option<f64>, sla: Option<f64>, decimals: Decimals) -> Series {
        Series {
            target: target.filter(|v| v.is_finite()),
            sla: sla.filter(|v| v.is_finite()),
            decimals,
            ..self
        }
    }

    /// The series in one sentence: its months, its first and last values, its lines.
    pub fn describe(&self, label: &str) -> String {
        let value = |v: f64| format::value_with(v, self.unit, &self.currency, self.decimals);
        let known: Vec<(Month, f64)> = self
            .months
            .iter()
            .zip(&self.values)
            .filter_map(|(m, v)| v.map(|v| (*m, v)))
            .collect();
        let mut text = match (known.first(), known.last()) {
            (Some(&(first, a)), Some(&(last, b))) if first != last => {
                let span = if first.year == last.year {
                    format!("{} to {} {}", first.name(), last.name(), last.year)
                } else {
                    format!(
                        "{} {} to {} {}",
                        first.name(),
                        first.year,
                        last.name(),
                        last.year
                    )
                };
                format!("{label}, {span}: from {} to {}", value(a), value(b))
            }
            (Some(&(month, v)), _) => {
                format!("{label}, {} {}: {}", month.name(), month.year, value(v))
            }
            _ => format!("{label}: no values"),
        };
        if let Some(target) = self.target {
            text.push_str(&format!("; target {}", value(target)));
        }
        if let Some(sla) = self.sla {
            text.push_str(&format!("; SLA {}", value(sla)));
        }
        text
    }

    /// The family its text is set in.
    fn font(&self) -> &str {
        self.palette.font.as_deref().unwrap_or(FONT_FAMILY)
    }

    /// The value of the last month shown, if it has one.
    fn latest(&self) -> Option<f64> {
        self.values.last().copied().flatten()
    }

    fn known(&self) -> impl Iterator<Item = f64> + '_ {
        self.values.iter().flatten().copied()
    }

    /// The y range to draw: the values, target and SLA, with headroom; never empty or reversed.
    fn y_range(&self, from_zero: bool) -> Option<(f64, f64)> {
        let all: Vec<f64> = self.known().chain(self.target).chain(self.sla).collect();
        let mut lo = all.iter().copied().fold(f64::INFINITY, f64::min);
        let mut hi = all.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        if !lo.is_finite() || !hi.is_finite() {
            return None;
        }
        if from_zero {
            lo = lo.min(0.0);
            hi = hi.max(0.0);
        }
        let span = hi - lo;
        let pad = if span > 0.0 {
            span * 0.12
        } else {
            (hi.abs() * 0.1).max(1.0)
        };
        hi += pad;
        if !from_zero || lo < 0.0 {
            lo -= pad;
        }
        // Values and lines that are never negative get no negative axis from padding.
        let none_negative = all.iter().all(|v| *v >= 0.0);
        if lo < 0.0 && none_negative {
            lo = 0.0;
        }
        // A range narrower than four steps of the metric's precision gives repeated tick
        // labels (68.3%, 68.3%): widen it around its middle.
        let (Decimals::Fixed(d) | Decimals::Trim(d)) = self.decimals;
        let narrowest = 4.0 * 10f64.powi(-(d as i32));
        if hi - lo < narrowest {
            let mid = (hi + lo) / 2.0;
            lo = mid - narrowest / 2.0;
            hi = mid + narrowest / 2.0;
            if lo < 0.0 && none_negative {
                hi -= lo;
                lo = 0.0;
            }
        }
        if self.unit == Unit::Percent {
            hi = hi.min(100.0_f64.max(self.known().fold(0.0, f64::max)));
        }
        (hi > lo && (hi - lo).is_finite()).then_some((lo, hi))
    }

    /// A tick label: as few decimals as the tick needs (ticks are round numbers), with the
    /// report's minus sign, grouping and units.
    fn axis_label(&self, v: f64) -> String {
        let tick = |unit| format::value_with(v, unit, &self.currency, Decimals::Trim(1));
        match self.unit {
            // Small counts get fractional ticks (0.5); say so rather than round them to 1.
            Unit::Count if v.abs() < 1e4 && v.fract() != 0.0 => tick(Unit::Number),
            Unit::Count | Unit::Currency => format::value(v, self.unit, &self.currency),
            unit => tick(unit),
        }
    }

    /// The latest value's label: written as in the metric's table.
    fn value_label(&self, v: f64) -> String {
        format::value_with(v, self.unit, &self.currency, self.decimals)
    }
}

/// Something went wrong inside plotters; the report goes on without that chart.
#[derive(Debug)]
pub struct ChartError(pub String);

impl<E: std::error::Error + Send + Sync> From<DrawingAreaErrorKind<E>> for ChartError {
    fn from(e: DrawingAreaErrorKind<E>) -> Self {
        ChartError(e.to_string())
    }
}

/// The chart for a metric: bars for counts and money (amounts per month), a line otherwise.
/// `None` when the metric has no value to draw.
pub fn for_metric(
    metric: &Metric,
    until: Month,
    currency: &str,
    size: Size,
    palette: Palette,
) -> Option<String> {
    let series = Series {
        palette,
        ..Series::of_metric(metric, until, currency)
    };
    let drawn = match metric.unit {
        Unit::Count | Unit::Currency => bars(&series, size),
        _ => trend_line(&series, size),
    };
    drawn.ok().flatten()
}

/// What a metric's chart shows, in words, for readers who cannot see it (the PDF's alternative
/// text): "First response time, April to September 2026: from 5.9 h to 4.0 h; SLA 4.0 h".
pub fn describe_metric(metric: &Metric, until: Month, currency: &str) -> String {
    Series::of_metric(metric, until, currency).describe(&metric.label)
}

/// What the health chart shows, in words, as [`describe_metric`].
pub fn describe_health(values: &BTreeMap<Month, f64>, until: Month) -> String {
    Series::of_values(values, until, Unit::Score, "").describe("Health score")
}

/// A metric's sparkline for a table row: its months as a thin line, the latest as a dot, the
/// target (or else the SLA) as a faint dashed line. No text. `None` when nothing is drawn.
pub fn sparkline_for_metric(
    metric: &Metric,
    until: Month,
    currency: &str,
    size: Size,
    palette: Palette,
) -> Option<String> {
    let series = Series {
        palette,
        ..Series::of_metric(metric, until, currency)
    };
    sparkline(&series, size).ok().flatten()
}

/// See [`sparkline_for_metric`]. Fewer than two known months draw nothing: no trend to show.
pub fn sparkline(series: &Series, size: Size) -> Result<Option<String>, ChartError> {
    let n = series.months.len();
    if series.known().count() < 2 {
        return Ok(None);
    }
    let reference = series.target.or(series.sla);
    let Some((lo, hi)) = Series {
        target: reference,
        sla: None,
        ..series.clone()
    }
    .y_range(false) else {
        return Ok(None);
    };
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        let mut chart = ChartBuilder::on(&root)
            .margin(2)
            .build_cartesian_2d(-0.3..(n as f64 - 0.7), lo..hi)?;
        if let Some(y) = reference {
            chart.draw_series(DashedLineSeries::new(
                [(-0.3, y), (n as f64 - 0.7, y)],
                2,
                2,
                soft(series.palette.target).stroke_width(1),
            ))?;
        }
        let mut run: Vec<(f64, f64)> = Vec::new();
        for (i, v) in series.values.iter().enumerate() {
            match v {
                Some(v) => run.push((i as f64, *v)),
                None if !run.is_empty() => {
                    chart.draw_series(LineSeries::new(
                        std::mem::take(&mut run),
                        series.palette.bar.stroke_width(1),
                    ))?;
                }
                None => {}
            }
        }
        if !run.is_empty() {
            chart.draw_series(LineSeries::new(run, series.palette.bar.stroke_width(1)))?;
        }
        if let Some((i, v)) = series
            .values
            .iter()
            .enumerate()
            .rev()
            .find_map(|(i, v)| v.map(|v| (i, v)))
        {
            chart.draw_series(std::iter::once(Circle::new(
                (i as f64, v),
                2,
                series.palette.ink.filled(),
            )))?;
        }
        root.present()?;
    }
    Ok(Some(svg))
}

/// The health score over the months of `values`, as a line. `None` with fewer than two months.
pub fn health(
    values: &BTreeMap<Month, f64>,
    until: Month,
    size: Size,
    palette: Palette,
) -> Option<String> {
    let series = Series {
        palette,
        ..Series::of_values(values, until, Unit::Score, "")
    };
    if series.known().count() < 2 {
        return None;
    }
    trend_line(&series, size).ok().flatten()
}

/// Where a chart labels its latest value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Label {
    /// Right of a line's last point.
    Beside,
    /// Above the last bar.
    Above,
    None,
}

/// The status colours of bars, red first: the order bars are stacked in.
const STATUS: [Rgb; 4] = [
    colour::RED.bar,
    colour::AMBER.bar,
    colour::GREEN.bar,
    colour::UNRATED.bar,
];

/// The portfolio's ARR renewing each month, stacked by the accounts' status (red at the
/// bottom, then amber, green, unrated), from zero. `None` when nothing renews in the months.
pub fn renewals(renewals: &Renewals, size: Size) -> Option<String> {
    let totals: Vec<f64> = renewals.by_status.iter().map(|m| m.iter().sum()).collect();
    if !totals.iter().any(|t| *t > 0.0 && t.is_finite()) {
        return None;
    }
    let series = Series {
        months: renewals.months.clone(),
        values: totals.iter().map(|t| Some(*t)).collect(),
        unit: Unit::Currency,
        currency: renewals.currency.clone(),
        target: None,
        sla: None,
        decimals: Decimals::Fixed(0),
        palette: Palette::default(),
    };
    frame(&series, size, true, 12, Label::None, |chart| {
        for (i, month) in renewals.by_status.iter().enumerate() {
            let x = i as f64;
            let mut bottom = 0.0;
            for (value, (r, g, b)) in month.iter().zip(STATUS) {
                if *value <= 0.0 || !value.is_finite() {
                    continue;
                }
                let top = bottom + value;
                let corners = [(x - 0.32, bottom), (x + 0.32, top)];
                chart.draw_series(std::iter::once(Rectangle::new(
                    corners,
                    RGBColor(r, g, b).filled(),
                )))?;
                // A white edge between statuses, so that neighbours part in grey-scale print.
                chart.draw_series(std::iter::once(Rectangle::new(
                    corners,
                    WHITE.stroke_width(1),
                )))?;
                bottom = top;
            }
        }
        Ok(())
    })
    .ok()
    .flatten()
}

/// A box in pixels: left, top, right, bottom.
type PixelBox = (i32, i32, i32, i32);

/// What a reference line's label must not cover, in pixels: each bar (when `bars`), or the
/// data line sampled every few pixels, with its dots.
fn obstacles(chart: &Chart<'_, '_>, series: &Series, bars: bool) -> Vec<PixelBox> {
    let at = |x: f64, y: f64| chart.backend_coord(&(x, y));
    let points: Vec<(usize, f64)> = series
        .values
        .iter()
        .enumerate()
        .filter_map(|(i, v)| v.filter(|v| v.is_finite()).map(|v| (i, v)))
        .collect();
    let mut out = Vec::new();
    if bars {
        for (i, v) in &points {
            let (left, top) = at(*i as f64 - 0.32, v.max(0.0));
            let (right, bottom) = at(*i as f64 + 0.32, v.min(0.0));
            out.push((left, top, right, bottom));
        }
        return out;
    }
    for pair in points.windows(2) {
        let [(i, a), (j, b)] = pair else { continue };
        if j - i != 1 {
            continue; // a missing month breaks the line
        }
        let (from, to) = (at(*i as f64, *a), at(*j as f64, *b));
        let steps = (from.0 - to.0).abs().max((from.1 - to.1).abs()) / 3 + 1;
        for k in 0..=steps {
            let x = from.0 + (to.0 - from.0) * k / steps;
            let y = from.1 + (to.1 - from.1) * k / steps;
            out.push((x - 2, y - 2, x + 2, y + 2));
        }
    }
    for (i, v) in &points {
        let (x, y) = at(*i as f64, *v);
        out.push((x - 4, y - 4, x + 4, y + 4));
    }
    out
}

/// Where the label of the line at `y`, `width` pixels wide, goes: its left end in months, the
/// pixel row its baseline sits on, and the box it takes. The first place from the left that
/// touches nothing `taken`: above the line, below it, else above one of the `others` lines
/// nearby (its colour tells which line it names); if there is none, the one touching least.
fn label_place(
    chart: &Chart<'_, '_>,
    taken: &[PixelBox],
    y: f64,
    others: &[f64],
    width: i32,
    n: usize,
    chart_width: u32,
) -> (f64, i32, PixelBox) {
    let height = LABEL_SIZE as i32 + 1;
    let y_range = chart.y_range();
    let top_of_plot = chart.backend_coord(&(0.0, y_range.end)).1;
    let bottom_of_plot = chart.backend_coord(&(0.0, y_range.start)).1;
    let line_y = chart.backend_coord(&(0.0, y)).1;
    let month = f64::from(chart.backend_coord(&(1.0, y)).0 - chart.backend_coord(&(0.0, y)).0);
    // Rows as the bottom of the label's box: just above a line, or just below this one,
    // clear of the room kept around each line.
    let mut rows = vec![line_y - 3, line_y + height + 3];
    for other in others {
        let at = chart.backend_coord(&(0.0, *other)).1;
        if (at - line_y).abs() < 3 * height {
            rows.push(at - 3);
        }
    }
    let mut best: Option<(usize, f64, i32, PixelBox)> = None;
    for bottom in rows {
        let top = bottom - height;
        if top < top_of_plot || bottom > bottom_of_plot {
            continue;
        }
        // From the left edge in quarter months, while the label ends before the last month.
        let mut x = -0.38;
        while x == -0.38 || (month > 0.0 && x + f64::from(width) / month < n as f64 - 1.0) {
            let left = chart.backend_coord(&(x, y)).0;
            let b = (left, top, left + width, bottom);
            let touching = taken
                .iter()
                .filter(|o| o.0 < b.2 && b.0 < o.2 && o.1 < b.3 && b.1 < o.3)
                .count();
            if touching == 0 {
                return (x, bottom, b);
            }
            if best.as_ref().is_none_or(|(t, ..)| touching < *t) {
                best = Some((touching, x, bottom, b));
            }
            x += 0.25;
        }
    }
    // Right of the line's end, in the margin, if it fits there clear of the latest value.
    let right = chart.backend_coord(&(n as f64 - 0.62, y)).0 + 3;
    let b = (
        right,
        line_y - height / 2,
        right + width,
        line_y + height / 2,
    );
    let clear = !taken
        .iter()
        .any(|o| o.0 < b.2 && b.0 < o.2 && o.1 < b.3 && b.1 < o.3);
    if clear && b.2 <= chart_width as i32 && b.1 >= top_of_plot - height / 2 {
        let (x, _) = chart.backend_coord(&(0.0, y));
        let month_px = if month > 0.0 { month } else { 1.0 };
        let x = f64::from(right - x) / month_px;
        return (x, b.3, b);
    }
    let left = chart.backend_coord(&(-0.38, y)).0;
    best.map_or(
        (
            -0.38,
            line_y - 3,
            (left, line_y - 3 - height, left + width, line_y - 3),
        ),
        |(_, x, bottom, b)| (x, bottom, b),
    )
}

fn label_font(series: &Series) -> TextStyle<'_> {
    (series.font(), LABEL_SIZE).into_font().color(&MUTED)
}

/// Draw the frame every chart shares: grid, y labels with units, month labels; then `body`.
fn frame(
    series: &Series,
    size: Size,
    from_zero: bool,
    right_margin: u32,
    label: Label,
    body: impl FnOnce(&mut Chart<'_, '_>) -> Result<(), ChartError>,
) -> Result<Option<String>, ChartError> {
    let n = series.months.len();
    let Some((lo, hi)) = series.y_range(from_zero) else {
        return Ok(None);
    };
    if n == 0 {
        return Ok(None);
    }
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        let mut chart = ChartBuilder::on(&root)
            .margin_top(8)
            .margin_right(right_margin)
            .margin_left(2)
            .x_label_area_size(16)
            .y_label_area_size(40)
            .build_cartesian_2d(-0.5..(n as f64 - 0.5), lo..hi)?;
        let x_label = |x: &f64| {
            let i = x.round();
            if (x - i).abs() > 1e-6 || i < 0.0 || i as usize >= n {
                return String::new();
            }
            // More than seven months: label every other one, counting back from the latest,
            // so the labels never run into each other.
            if n > 7 && (n - 1 - i as usize) % 2 == 1 {
                return String::new();
            }
            let m = series.months[i as usize];
            // Name the year under January and under the first month shown.
            if m.month == 1 || i == 0.0 {
                format!("{} {}", m.short_name(), m.year % 100)
            } else {
                m.short_name().to_owned()
            }
        };
        let y_label = |y: &f64| series.axis_label(*y);
        chart
            .configure_mesh()
            .disable_x_mesh()
            .bold_line_style(GRID.stroke_width(1))
            .light_line_style(TRANSPARENT)
            .axis_style(GRID.stroke_width(1))
            .set_all_tick_mark_size(0)
            .x_labels(n.min(12))
            .y_labels(4)
            .x_label_formatter(&x_label)
            .y_label_formatter(&y_label)
            .label_style(label_font(series))
            .draw()?;
        body(&mut chart)?;
        // Reference lines over the bars, then the latest value's label over everything.
        // A target equal to the SLA is one line with one label.
        let lines = match (series.target, series.sla) {
            (Some(t), Some(s)) if t == s => [
                (Some(t), series.palette.target, "target = SLA"),
                (None, series.palette.sla, ""),
            ],
            (t, s) => [
                (t, series.palette.target, "target"),
                (s, series.palette.sla, "SLA"),
            ],
        };
        // Each line's label goes where it covers neither the data nor the label before it:
        // the first free place from the left, above the line, else below it.
        let mut taken = obstacles(&chart, series, from_zero);
        if label != Label::None {
            taken.extend(latest_label_box(&chart, series, label == Label::Beside));
        }
        let drawn: Vec<f64> = lines.iter().filter_map(|(line, ..)| *line).collect();
        let (left_px, right_px) = (
            chart.backend_coord(&(-0.5, 0.0)).0,
            chart.backend_coord(&(n as f64 - 0.62, 0.0)).0,
        );
        for y in &drawn {
            let at = chart.backend_coord(&(0.0, *y)).1;
            // With a little room: a label squeezed between two lines reads as neither's.
            taken.push((left_px, at - 3, right_px, at + 3));
        }
        // The upper line's label first: it takes the free place above its line.
        let mut lines = lines;
        lines.sort_by(|a, b| b.0.unwrap_or(f64::MIN).total_cmp(&a.0.unwrap_or(f64::MIN)));
        for (line, color, name) in lines {
            let Some(y) = line else { continue };
            let others: Vec<f64> = drawn.iter().copied().filter(|o| *o != y).collect();
            chart.draw_series(DashedLineSeries::new(
                // Ends at the last bar's edge, leaving the margin to the value label.
                [(-0.5, y), (n as f64 - 0.62, y)],
                4,
                3,
                color.stroke_width(1),
            ))?;
            let width = (name.chars().count() as f64 * 0.6 * LABEL_SIZE) as i32 + 4;
            let (x, row, bounds) = label_place(&chart, &taken, y, &others, width, n, size.0);
            taken.push(bounds);
            let style = label_font(series)
                .color(&color)
                .pos(Pos::new(HPos::Left, VPos::Bottom));
            let (x_px, _) = chart.backend_coord(&(x, y));
            root.draw(&Text::new(name, (x_px, row), style))?;
        }
        if label != Label::None {
            label_latest(&mut chart, series, label == Label::Beside)?;
        }
        root.present()?;
    }
    Ok(Some(svg))
}

/// A line through the monthly values (broken where a month is missing), the target and SLA
/// as dashed lines, and the latest value labelled.
pub fn trend_line(series: &Series, size: Size) -> Result<Option<String>, ChartError> {
    // Room on the right for the latest value's label, about 0.6 em a character.
    let label = series.latest().map(|v| series.value_label(v));
    let room = label.map_or(12, |l| (l.chars().count() as f64 * 0.6 * 7.5) as u32 + 10);
    frame(series, size, false, room, Label::Beside, |chart| {
        let mut run: Vec<(f64, f64)> = Vec::new();
        let mut runs = Vec::new();
        for (i, v) in series.values.iter().enumerate() {
            match v {
                Some(v) => run.push((i as f64, *v)),
                None if !run.is_empty() => runs.push(std::mem::take(&mut run)),
                None => {}
            }
        }
        if !run.is_empty() {
            runs.push(run);
        }
        for run in &runs {
            chart.draw_series(LineSeries::new(
                run.iter().copied(),
                series.palette.ink.stroke_width(2),
            ))?;
            chart.draw_series(
                run.iter()
                    .map(|p| Circle::new(*p, 2.5, series.palette.ink.filled())),
            )?;
        }
        Ok(())
    })
}

/// One bar per month, from zero, with the target and SLA as dashed lines.
pub fn bars(series: &Series, size: Size) -> Result<Option<String>, ChartError> {
    frame(series, size, true, 12, Label::Above, |chart| {
        let last = series.values.len().saturating_sub(1);
        chart.draw_series(series.values.iter().enumerate().filter_map(|(i, v)| {
            let v = (*v)?;
            let x = i as f64;
            let color = if i == last {
                series.palette.ink
            } else {
                series.palette.bar
            };
            Some(Rectangle::new(
                [(x - 0.32, 0.0), (x + 0.32, v)],
                color.filled(),
            ))
        }))?;
        // A month with no value is marked, so it is not mistaken for a zero.
        let (lo, hi) = (chart.y_range().start, chart.y_range().end);
        let style = label_font(series)
            .color(&GRID_TEXT)
            .pos(Pos::new(HPos::Center, VPos::Bottom));
        chart.draw_series(
            series
                .values
                .iter()
                .enumerate()
                .filter(|(_, v)| v.is_none())
                .map(|(i, _)| {
                    Text::new(
                        "no data",
                        (i as f64, lo.max(0.0) + (hi - lo) * 0.03),
                        style.clone(),
                    )
                }),
        )?;
        Ok(())
    })
}

/// The latest value's label: its text, where it goes and how it is anchored; `None` without
/// a value. Beside the line's last point (in the margin kept for it) when `beside` and the
/// latest month has a value, else above the bar or point.
fn latest_label(
    chart: &Chart<'_, '_>,
    series: &Series,
    beside: bool,
) -> Option<(String, (f64, f64), Pos)> {
    let (i, v) = series
        .values
        .iter()
        .enumerate()
        .rev()
        .find_map(|(i, v)| v.map(|v| (i, v)))?;
    let text = series.value_label(v);
    let (lo, hi) = (chart.y_range().start, chart.y_range().end);
    if beside && i + 1 == series.values.len() {
        return Some((
            text,
            (i as f64 + 0.45, v),
            Pos::new(HPos::Left, VPos::Center),
        ));
    }
    // Nudged up by a fraction of the axis, and above a target or SLA line it would sit on.
    let plot = f64::from(chart.backend_coord(&(0.0, lo)).1 - chart.backend_coord(&(0.0, hi)).1);
    let per_pixel = if plot > 0.0 { (hi - lo) / plot } else { 0.0 };
    let height = (LABEL_SIZE + 1.0) * per_pixel;
    let mut y = v + (hi - lo) * 0.04;
    for line in [series.target, series.sla].into_iter().flatten() {
        if line > y - 3.0 * per_pixel && line < y + height + 3.0 * per_pixel {
            y = line + 4.0 * per_pixel;
        }
    }
    Some((
        text,
        (i as f64, y.min(hi)),
        Pos::new(HPos::Center, VPos::Bottom),
    ))
}

/// The box in pixels the latest value's label takes, for the reference lines' labels to
/// keep clear of.
fn latest_label_box(chart: &Chart<'_, '_>, series: &Series, beside: bool) -> Option<PixelBox> {
    let (text, at, pos) = latest_label(chart, series, beside)?;
    let (x, y) = chart.backend_coord(&at);
    let width = (text.chars().count() as f64 * 0.6 * LABEL_SIZE) as i32 + 4;
    let height = LABEL_SIZE as i32 + 1;
    Some(match pos.h_pos {
        HPos::Left => (x, y - height / 2, x + width, y + height / 2),
        _ => (x - width / 2, y - height, x + width / 2, y),
    })
}

fn label_latest(
    chart: &mut Chart<'_, '_>,
    series: &Series,
    beside: bool,
) -> Result<(), ChartError> {
    let Some((text, position, pos)) = latest_label(chart, series, beside) else {
        return Ok(());
    };
    let style = (series.font(), LABEL_SIZE)
        .into_font()
        .color(&series.palette.ink)
        .pos(pos);
    chart.draw_series(std::iter::once(Text::new(text, position, style)))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Better;

    fn metric(unit: Unit, values: &[(&str, f64)]) -> Metric {
        Metric {
            target: Some(4.0),
            ..Metric::sample("M", unit, Better::Lower, values)
        }
    }

    fn sep() -> Month {
        "2026-09".parse().unwrap()
    }

    #[test]
    fn a_themes_accent_and_font_reach_the_chart() {
        let m = metric(Unit::Hours, &[("2026-08", 5.0), ("2026-09", 4.0)]);
        let palette = Palette {
            font: Some("DejaVu Sans".into()),
            ..Palette::of_accent((0xC2, 0x41, 0x0C))
        };
        let svg = for_metric(&m, sep(), "USD", (240, 130), palette).unwrap();
        assert!(svg.contains("#C2410C"), "{svg}");
        assert!(
            svg.contains("DejaVu Sans") && !svg.contains("\"Inter\""),
            "{svg}"
        );
        let plain = for_metric(&m, sep(), "USD", (240, 130), Palette::default()).unwrap();
        assert!(plain.contains("Inter") && !plain.contains("#C2410C"));
        // An accent close to the target line's green: the target line turns dark grey, the
        // SLA line stays red; an orange accent close to the SLA's red turns that one grey.
        let green = Palette::of_accent((0x2E, 0x7D, 0x32));
        assert_eq!((green.target, green.sla), (REFERENCE_GREY, SLA));
        let svg = for_metric(&m, sep(), "USD", (240, 130), green).unwrap();
        assert!(svg.contains("#374151") && !svg.contains("#2A7F62"), "{svg}");
        let orange = Palette::of_accent((0xC2, 0x41, 0x0C));
        assert_eq!((orange.target, orange.sla), (TARGET, REFERENCE_GREY));
        assert_eq!(Palette::default().target, TARGET);
    }

    #[test]
    fn a_chart_is_described_by_its_months_first_and_last_values_and_lines() {
        let m = metric(
            Unit::Hours,
            &[("2025-11", 5.9), ("2026-01", 4.8), ("2026-02", 4.0)],
        );
        assert_eq!(
            describe_metric(&m, "2026-02".parse().unwrap(), "USD"),
            "M, November 2025 to February 2026: from 5.9\u{a0}h to 4.0\u{a0}h; target 4.0\u{a0}h"
        );
        let one = metric(Unit::Count, &[("2026-09", 12.0)]);
        assert_eq!(
            describe_metric(&one, sep(), "USD"),
            "M, September 2026: 12; target 4"
        );
        let health = BTreeMap::from([("2026-08".parse().unwrap(), 70.0), (sep(), 64.0)]);
        assert_eq!(
            describe_health(&health, sep()),
            "Health score, August to September 2026: from 70 to 64"
        );
    }

    /// The strings of the SVG's `<text>` elements.
    fn texts(svg: &str) -> Vec<String> {
        svg.split("</text>")
            .filter_map(|chunk| chunk.rsplit_once('>').map(|(_, t)| t.trim().to_owned()))
            .filter(|t| !t.is_empty())
            .collect()
    }

    /// Each `<text>` of the SVG: its string and the box it takes in pixels, for text
    /// anchored at its start or centre, at its bottom or middle (as the charts write them).
    fn text_boxes(svg: &str) -> Vec<(String, PixelBox)> {
        let number = |tag: &str, name: &str| -> i32 {
            let from = tag.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
            tag[from..from + tag[from..].find('"').unwrap()]
                .parse()
                .unwrap()
        };
        svg.split("<text")
            .skip(1)
            .map(|chunk| {
                let (tag, rest) = chunk.split_once('>').unwrap();
                let text = rest.split("</text>").next().unwrap().trim().to_owned();
                let (x, y) = (number(tag, "x"), number(tag, "y"));
                let width = (text.chars().count() as f64 * 0.6 * 7.5) as i32;
                let left = if tag.contains("text-anchor=\"middle\"") {
                    x - width / 2
                } else {
                    x
                };
                let (top, bottom) = if tag.contains("dy=\"-0.5ex\"") {
                    (y - 7, y)
                } else {
                    (y - 4, y + 4)
                };
                (text, (left, top, left + width, bottom))
            })
            .collect()
    }

    /// Points every pixel along the SVG's data line (its 2-pixel-wide polyline).
    fn data_line(svg: &str) -> Vec<(i32, i32)> {
        let line = svg
            .split("<polyline")
            .find(|p| p.contains("stroke-width=\"2\""))
            .unwrap();
        let points = line
            .split("points=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        let points: Vec<(i32, i32)> = points
            .split_whitespace()
            .map(|p| {
                let (x, y) = p.split_once(',').unwrap();
                (x.parse().unwrap(), y.parse().unwrap())
            })
            .collect();
        let mut out = Vec::new();
        for pair in points.windows(2) {
            let ((x0, y0), (x1, y1)) = (pair[0], pair[1]);
            let steps = (x1 - x0).abs().max((y1 - y0).abs()).max(1);
            out.extend(
                (0..=steps).map(|k| (x0 + (x1 - x0) * k / steps, y0 + (y1 - y0) * k / steps)),
            );
        }
        out
    }

    #[test]
    fn target_and_sla_labels_keep_off_the_data_each_other_and_the_latest_value() {
        // Halvorsen's first response time: a steep line through both reference lines, the
        // target (8 h) and SLA (24 h) a few pixels apart near the bottom.
        let m = Metric {
            target: Some(8.0),
            sla: Some(24.0),
            ..Metric::sample(
                "First response",
                Unit::Hours,
                Better::Lower,
                &[
                    ("2026-04", 195.0),
                    ("2026-05", 55.0),
                    ("2026-06", 10.0),
                    ("2026-07", 65.0),
                    ("2026-08", 18.0),
                    ("2026-09", 145.2),
                ],
            )
        };
        let svg = for_metric(
            &m,
            sep(),
            "USD",
            crate::render::METRIC_CHART,
            Palette::default(),
        )
        .unwrap();
        let boxes = text_boxes(&svg);
        let find = |name: &str| boxes.iter().find(|(t, _)| t == name).map(|(_, b)| *b);
        let (sla, target) = (find("SLA").unwrap(), find("target").unwrap());
        let latest = find("145.2\u{a0}h").unwrap();
        let meets = |a: PixelBox, b: PixelBox| a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3;
        assert!(!meets(sla, target) && !meets(sla, latest) && !meets(target, latest));
        for (x, y) in data_line(&svg) {
            for (name, b) in [("SLA", sla), ("target", target)] {
                let inside = b.0 < x && x < b.2 && b.1 < y && y < b.3;
                assert!(
                    !inside,
                    "the {name} label {b:?} covers the data line at ({x}, {y})"
                );
            }
        }
        for b in [sla, target] {
            assert!(
                b.2 <= crate::render::METRIC_CHART.0 as i32,
                "{b:?} leaves the chart"
            );
        }
    }

    #[test]
    fn a_trend_chart_names_the_embedded_font_and_labels_months_and_values() {
        let m = metric(
            Unit::Hours,
            &[("2026-07", 5.1), ("2026-08", 4.9), ("2026-09", 4.0)],
        );
        let svg = for_metric(&m, sep(), "USD", (240, 130), Palette::default()).unwrap();
        assert!(svg.contains("font-family=\"Inter\""), "{svg}");
        assert!(!svg.contains("sans-serif"));
        let texts = texts(&svg);
        for text in [
            "Jul 26",
            "Aug",
            "Sep",
            "4.0\u{a0}h",
            "target",
            "4\u{a0}h",
            "5\u{a0}h",
        ] {
            assert!(
                texts.iter().any(|t| t == text),
                "missing {text} in {texts:?}"
            );
        }
    }

    #[test]
    fn a_missing_month_in_bars_is_marked_not_drawn_as_zero() {
        let m = metric(Unit::Count, &[("2026-07", 5.0), ("2026-09", 4.0)]);
        let svg = for_metric(&m, sep(), "USD", (240, 130), Palette::default()).unwrap();
        assert_eq!(texts(&svg).iter().filter(|t| *t == "no data").count(), 1);
    }

    #[test]
    fn gaps_are_kept_as_missing_months() {
        let m = metric(Unit::Hours, &[("2026-06", 5.0), ("2026-09", 4.0)]);
        let s = Series::of_metric(&m, sep(), "USD");
        assert_eq!(s.values, [Some(5.0), None, None, Some(4.0)]);
    }

    #[test]
    fn empty_flat_negative_and_huge_data_draw_or_skip_without_hanging() {
        assert!(
            for_metric(
                &metric(Unit::Hours, &[]),
                sep(),
                "USD",
                (240, 130),
                Palette::default()
            )
            .is_none()
        );
        let mut flat = metric(Unit::Count, &[("2026-08", 0.0), ("2026-09", 0.0)]);
        flat.target = None;
        assert!(for_metric(&flat, sep(), "USD", (240, 130), Palette::default()).is_some());
        let negative = metric(Unit::Number, &[("2026-08", -5.0), ("2026-09", -2.0)]);
        assert!(for_metric(&negative, sep(), "USD", (240, 130), Palette::default()).is_some());
        let huge = metric(Unit::Currency, &[("2026-08", 1e15), ("2026-09", 3e15)]);
        let huge = for_metric(&huge, sep(), "USD", (240, 130), Palette::default()).unwrap();
        assert!(
            texts(&huge).contains(&"$3,000T".to_owned()),
            "{:?}",
            texts(&huge)
        );
        let single = metric(Unit::Count, &[("2026-09", 7.0)]);
        assert!(for_metric(&single, sep(), "USD", (240, 130), Palette::default()).is_some());
    }
}
