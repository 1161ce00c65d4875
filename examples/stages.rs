//! Where the time of one render goes, stage by stage, inside one process.
//!
//!   cargo run --release --example stages -- [ACCOUNT.yaml] [RUNS]
//!
//! Defaults: the business-review sample, 30 runs. Prints, for each stage of the pipeline, the
//! time of the first run in the process (cold: fonts parsed, Typst's memo cache empty) and the
//! median over the runs after it, with the memo cache cleared before each run so that every
//! run does the work a new account would. `scripts/bench-pack.sh` prints the same table.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use readout::{analysis, model, render, validate};

const STAGES: [&str; 7] = [
    "fonts and templates",
    "parse",
    "validate",
    "analyse",
    "charts and data",
    "compile",
    "export",
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = PathBuf::from(
        args.next()
            .unwrap_or_else(|| "samples/northwind-logistics.yaml".into()),
    );
    let runs: usize = args.next().map_or(Ok(30), |n| n.parse())?;

    let first = run_once(&path)?;
    let mut rest: Vec<[Duration; 7]> = Vec::with_capacity(runs);
    for _ in 0..runs {
        typst::comemo::evict(0);
        rest.push(run_once(&path)?);
    }

    println!("{} ({} runs after the first)", path.display(), runs);
    println!("| stage | first run, ms | median after, ms | share of median |");
    println!("|---|---:|---:|---:|");
    let medians: Vec<f64> = (0..STAGES.len())
        .map(|stage| median(rest.iter().map(|run| run[stage])))
        .collect();
    let total: f64 = medians.iter().sum();
    for (stage, name) in STAGES.iter().enumerate() {
        println!(
            "| {name} | {:.1} | {:.1} | {:.0}% |",
            ms(first[stage]),
            medians[stage],
            100.0 * medians[stage] / total
        );
    }
    let first_total: f64 = first.iter().map(|&d| ms(d)).sum();
    println!("| **all** | {first_total:.1} | {total:.1} | |");
    Ok(())
}

/// One render of `path`, each stage timed on its own.
fn run_once(path: &std::path::Path) -> Result<[Duration; 7], Box<dyn std::error::Error>> {
    let mut clock = Clock::new();
    render::world::shared_fonts();
    clock.lap();
    let loaded = model::load_file(path).map_err(|_| "the account has errors")?;
    clock.lap();
    let problems = validate::validate(&loaded);
    if problems.iter().any(readout::Diagnostic::is_error) {
        return Err("the account has errors".into());
    }
    clock.lap();
    let mut readout = analysis::analyse(&loaded.account);
    clock.lap();
    let theme = readout::model::Theme::default();
    let (mut files, _) = render::world_files(&loaded, &mut readout, "", &theme);
    files.extend(render::theme::files(&theme));
    clock.lap();
    let world = render::world::ReportWorld::new(files, analysis::as_of(&loaded.account));
    let document = typst::compile::<typst_layout::PagedDocument>(&world)
        .output
        .map_err(|_| "the template failed")?;
    clock.lap();
    let report = render::Report {
        document,
        warnings: Vec::new(),
    };
    render::pdf(&report, &loaded.account, &render::Standards::default())?;
    clock.lap();
    Ok(clock.laps.try_into().expect("seven stages timed"))
}

struct Clock {
    last: Instant,
    laps: Vec<Duration>,
}

impl Clock {
    fn new() -> Clock {
        Clock {
            last: Instant::now(),
            laps: Vec::new(),
        }
    }

    fn lap(&mut self) {
        let now = Instant::now();
        self.laps.push(now - self.last);
        self.last = now;
    }
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

/// The median of `durations`, in milliseconds.
fn median(durations: impl Iterator<Item = Duration>) -> f64 {
    let mut values: Vec<f64> = durations.map(ms).collect();
    values.sort_by(f64::total_cmp);
    match values.len() {
        0 => 0.0,
        n if n % 2 == 1 => values[n / 2],
        n => (values[n / 2 - 1] + values[n / 2]) / 2.0,
    }
}
