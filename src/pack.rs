//! Many accounts in one run: find the account files, render each to its own PDF on worker
//! threads (fonts and templates are shared by the whole process), and optionally lay them all
//! out again as one board pack: cover, contents, portfolio page, then every readout.
//!
//! One bad account never stops the others: each account's outcome is reported on its own, and
//! the caller sums them up. Every PDF is written to a temporary file and renamed into place.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::analysis::portfolio::{self, Member, Portfolio};
use crate::analysis::{self, Readout};
use crate::error::{Error, Result};
use crate::model::{Date, Loaded, Template};
use crate::output::{self, same_file};
use crate::{charts, render};

/// Size of the portfolio's renewals chart in points: the text width of an A4 page.
const RENEWALS_CHART: charts::Size = (500, 150);

/// Report dates further apart than this, in days, are warned about in a board pack.
const DATE_SPREAD_DAYS: i64 = 31;

/// Longest title the footer of a board pack page shows in full.
const FOOTER_TITLE_LENGTH: usize = 40;

/// The longest title a board pack's cover takes, in characters.
pub const TITLE_LENGTH: usize = 100;

/// After each account, Typst's memo cache drops what has not been used since the previous
/// account finished: it never shrinks by itself, and would grow with every distinct account.
/// Peak memory over 1,000 accounts at 2 threads: age 1 about 99 MiB, 4 about 140 MiB, 8 about
/// 169 MiB, at the same speed.
const CACHE_AGE: usize = 1;

/// What to render and where.
#[derive(Debug, Clone)]
pub struct Options {
    /// The folder each account's PDF is written to, as `<file stem>.pdf`.
    pub out_dir: PathBuf,
    /// Lay every account out with this template instead of its file's.
    pub template: Option<Template>,
    /// Worker threads; at least one.
    pub jobs: usize,
    /// Stop starting accounts after the first one that fails.
    pub fail_fast: bool,
    /// Also write every account into one PDF at this path.
    pub board_pack: Option<PathBuf>,
    /// The board pack's title, on its cover and in its metadata.
    pub title: String,
    /// The theme and PDF standards of every PDF of the run, the board pack's too.
    pub style: render::Style,
}

/// How one account went.
#[derive(Debug)]
pub struct Outcome {
    /// Position of the account in the input list.
    pub index: usize,
    pub input: PathBuf,
    pub result: Result<Written>,
}

/// An account's PDF, written.
#[derive(Debug)]
pub struct Written {
    pub output: PathBuf,
    pub pages: usize,
    pub bytes: usize,
    /// Validation and layout warnings, to show the user.
    pub warnings: Vec<String>,
}

/// What a run did, for the summary.
#[derive(Debug)]
pub struct Summary {
    pub total: usize,
    pub rendered: usize,
    /// The inputs that failed, in input order.
    pub failed: Vec<PathBuf>,
    /// Accounts never started (stopped by `fail_fast` or an interruption).
    pub skipped: usize,
    /// From the start to the last account written, the board pack not included.
    pub rendering: Duration,
    pub elapsed: Duration,
    /// The board pack, when one was asked for and at least one account rendered.
    pub board_pack: Option<Written>,
}

/// The account files named by `inputs`: files as given, the `.yaml`/`.yml` files directly in
/// a folder (sorted by name), and the files a glob pattern matches (sorted). A file named twice
/// is rendered once. A path that does not exist is kept, so that it fails as its own account;
/// a folder or pattern that finds nothing is a usage error, as is an empty list.
pub fn collect(inputs: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let mut seen = HashSet::new();
    let mut push = |path: PathBuf, found: &mut Vec<PathBuf>| {
        let key = path.canonicalize().unwrap_or_else(|_| path.clone());
        if seen.insert(key) {
            found.push(path);
        }
    };
    for input in inputs {
        if input.is_dir() {
            let entries = std::fs::read_dir(input).map_err(|source| Error::Io {
                path: input.clone(),
                action: "read the folder",
                source,
            })?;
            let mut files: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file() && is_account_file(p) && !is_hidden(p))
                .filter(|p| !crate::model::is_theme_file(p))
                .collect();
            if files.is_empty() {
                return Err(Error::Usage(format!(
                    "the folder {} holds no account files (*.yaml or *.yml)",
                    input.display()
                )));
            }
            files.sort();
            files.into_iter().for_each(|f| push(f, &mut found));
            continue;
        }
        let text = input.to_string_lossy();
        if !input.exists() && text.contains(['*', '?', '[']) {
            let options = glob::MatchOptions {
                require_literal_leading_dot: true,
                ..glob::MatchOptions::new()
            };
            let pattern = glob::glob_with(&text, options)
                .map_err(|e| Error::Usage(format!("{text} is not a valid pattern: {}", e.msg)))?;
            let mut files: Vec<PathBuf> = pattern
                .filter_map(|p| p.ok())
                .filter(|p| p.is_file() && !crate::model::is_theme_file(p))
                .collect();
            if files.is_empty() {
                return Err(Error::Usage(format!("the pattern {text} matches no file")));
            }
            files.sort();
            files.into_iter().for_each(|f| push(f, &mut found));
            continue;
        }
        push(input.clone(), &mut found);
    }
    if found.is_empty() {
        return Err(Error::Usage("no account files to render".into()));
    }
    Ok(found)
}

/// A file whose name starts with a dot: hidden, and often not the user's (`._q3.yaml`, the
/// resource fork macOS leaves on shared drives). Named on its own, it is still rendered.
fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with('.'))
}

/// `.yaml` or `.yml`, in any case (`Q3.YAML`).
fn is_account_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
}

/// Where each input's PDF goes: `out_dir/<name>.pdf`. Two inputs with the same name would
/// overwrite each other's report, so that is a usage error naming both. The board pack must
/// be a `.pdf` file that is none of the reports, none of the inputs and not the folder.
pub fn outputs(inputs: &[PathBuf], options: &Options) -> Result<Vec<PathBuf>> {
    let mut by_name: HashMap<PathBuf, &Path> = HashMap::new();
    let mut clashes = Vec::new();
    let mut outputs = Vec::with_capacity(inputs.len());
    let pack = options.board_pack.as_deref();
    if let Some(pack) = pack {
        let is_pdf = pack
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
        if !is_pdf {
            return Err(Error::Usage(format!(
                "the board pack {} must be a .pdf file (it would replace whatever is there)",
                pack.display()
            )));
        }
        if same_file(pack, &options.out_dir) {
            return Err(Error::Usage(format!(
                "the board pack {} is the output folder; name a file, e.g. --board-pack {}",
                pack.display(),
                options.out_dir.join("board-pack.pdf").display()
            )));
        }
    }
    let input_files: HashSet<PathBuf> = inputs.iter().filter_map(|i| output::resolve(i)).collect();
    for input in inputs {
        let output = options.out_dir.join(output::pdf_name(input));
        if let Err(Error::Usage(problem)) = output::check_output(&output) {
            clashes.push(problem);
        }
        if output::resolve(&output).is_some_and(|o| input_files.contains(&o)) {
            clashes.push(format!(
                "the report of {} would be written over the account file {}",
                input.display(),
                output.display()
            ));
        }
        if let Some(first) = by_name.insert(output.clone(), input) {
            clashes.push(format!(
                "{} and {} would both be written to {}",
                first.display(),
                input.display(),
                output.display()
            ));
        }
        if let Some(pack) = pack {
            if same_file(pack, &output) {
                clashes.push(format!(
                    "the board pack {} is also the report of {}",
                    pack.display(),
                    input.display()
                ));
            }
            if same_file(pack, input) {
                clashes.push(format!(
                    "the board pack {} is the account file {}; writing it there would destroy it",
                    pack.display(),
                    input.display()
                ));
            }
        }
        outputs.push(output);
    }
    match clashes.is_empty() {
        true => Ok(outputs),
        false => Err(Error::Usage(format!(
            "{}; rename one of the files or render them in separate runs",
            clashes.join("; ")
        ))),
    }
}

/// Create `dir` if it is missing and check that files can be written in it, before any
/// account is rendered: a folder that cannot take the reports is one error, not one per
/// account at the end.
fn writable_folder(dir: &Path) -> Result<()> {
    let io = |action, source| Error::Io {
        path: dir.to_owned(),
        action,
        source,
    };
    if dir.exists() && !dir.is_dir() {
        return Err(Error::Usage(format!(
            "{} is a file; -o takes the folder the reports go to",
            dir.display()
        )));
    }
    std::fs::create_dir_all(dir).map_err(|e| io("create the folder", e))?;
    let probe = dir.join(format!(".readout-probe.{}.tmp", std::process::id()));
    std::fs::write(&probe, b"").map_err(|e| io("write in the folder", e))?;
    let _ = std::fs::remove_file(&probe);
    Ok(())
}

/// What `run` reports as it goes, on the calling thread.
pub enum Event<'a> {
    /// An account finished, in completion order.
    Account(&'a Outcome),
    /// Every account is done; the board pack of this many is being laid out.
    BoardPack(usize),
}

/// Render every input to its PDF with `options.jobs` worker threads. `report` is called on
/// the calling thread for each account as it finishes, then when the board pack starts. `cancel` stops the run between accounts: accounts already
/// started finish and are written whole; the rest are skipped.
pub fn run(
    inputs: &[PathBuf],
    options: &Options,
    cancel: &AtomicBool,
    mut report: impl FnMut(Event<'_>),
) -> Result<Summary> {
    let start = Instant::now();
    let outputs = outputs(inputs, options)?;
    writable_folder(&options.out_dir)?;
    if let Some(pack) = &options.board_pack {
        let parent = pack.parent().filter(|p| !p.as_os_str().is_empty());
        writable_folder(parent.unwrap_or(Path::new(".")))?;
    }
    let keep = options.board_pack.is_some();
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let jobs = options.jobs.clamp(1, inputs.len().max(1));
    // Accounts kept for the board pack, by input index.
    let mut kept: BTreeMap<usize, Loaded> = BTreeMap::new();
    let mut summary = Summary {
        total: inputs.len(),
        rendered: 0,
        failed: Vec::new(),
        skipped: 0,
        rendering: Duration::ZERO,
        elapsed: Duration::ZERO,
        board_pack: None,
    };
    std::thread::scope(|scope| {
        let (sender, receiver) = mpsc::channel::<(Outcome, Option<Loaded>)>();
        for _ in 0..jobs {
            let sender = sender.clone();
            let (next, stop, outputs) = (&next, &stop, &outputs);
            scope.spawn(move || {
                loop {
                    if stop.load(Ordering::SeqCst) || cancel.load(Ordering::SeqCst) {
                        break;
                    }
                    let index = next.fetch_add(1, Ordering::SeqCst);
                    let Some(input) = inputs.get(index) else {
                        break;
                    };
                    let (result, loaded) = render_one(input, &outputs[index], options, keep);
                    if result.is_err() && options.fail_fast {
                        stop.store(true, Ordering::SeqCst);
                    }
                    let outcome = Outcome {
                        index,
                        input: input.clone(),
                        result,
                    };
                    if sender.send((outcome, loaded)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(sender);
        for (outcome, loaded) in receiver {
            match &outcome.result {
                Ok(_) => summary.rendered += 1,
                Err(_) => summary.failed.push(outcome.input.clone()),
            }
            if let Some(loaded) = loaded {
                kept.insert(outcome.index, loaded);
            }
            report(Event::Account(&outcome));
        }
    });
    summary
        .failed
        .sort_by_key(|f| inputs.iter().position(|i| i == f));
    summary.skipped = summary.total - summary.rendered - summary.failed.len();
    summary.rendering = start.elapsed();

    // A pack with accounts never started (by --fail-fast or Ctrl-C) would look complete: none
    // is written.
    if let Some(path) = &options.board_pack
        && !kept.is_empty()
        && summary.skipped == 0
        && !cancel.load(Ordering::SeqCst)
    {
        let (indexes, members): (Vec<usize>, Vec<Loaded>) = kept.into_iter().unzip();
        let files: Vec<&Path> = indexes.iter().map(|&i| inputs[i].as_path()).collect();
        report(Event::BoardPack(members.len()));
        let failed: Vec<String> = summary
            .failed
            .iter()
            .map(|f| f.display().to_string())
            .collect();
        let (pdf, pages) = board_pack(&members, &failed, &options.title, &options.style)?;
        output::write_atomically(path, &pdf)?;
        summary.board_pack = Some(Written {
            output: path.clone(),
            pages,
            bytes: pdf.len(),
            warnings: pack_warnings(&members, &files),
        });
    }
    summary.elapsed = start.elapsed();
    Ok(summary)
}

/// Warnings about what the board pack's totals and day counts rest on: an account that is in
/// it more than once (the same name from two files, for one period or several), and report
/// dates far apart (the portfolio counts every renewal from the latest).
fn pack_warnings(members: &[Loaded], files: &[&Path]) -> Vec<String> {
    let mut by_name: BTreeMap<&str, Vec<(&str, String)>> = BTreeMap::new();
    for (member, file) in members.iter().zip(files) {
        let account = &member.account;
        by_name
            .entry(&account.account.name)
            .or_default()
            .push((&account.period.label, file.display().to_string()));
    }
    let mut warnings: Vec<String> = by_name
        .into_iter()
        .filter(|(_, copies)| copies.len() > 1)
        .map(|(name, copies)| {
            let mut periods: Vec<&str> = copies.iter().map(|(p, _)| *p).collect();
            periods.dedup();
            let files: Vec<&str> = copies.iter().map(|(_, f)| f.as_str()).collect();
            let what = match periods.as_slice() {
                [period] => format!("{name} ({period}) {} times", copies.len()),
                _ => format!(
                    "{name} for {} periods ({})",
                    copies.len(),
                    periods.join(", ")
                ),
            };
            format!(
                "warning: the board pack holds {what}, from {}; its amounts count once for each \
                 in the totals",
                files.join(", ")
            )
        })
        .collect();
    let dates: Vec<Date> = members
        .iter()
        .map(|m| analysis::as_of(&m.account))
        .collect();
    if let (Some(first), Some(last)) = (dates.iter().min(), dates.iter().max())
        && first.days_until(*last) > DATE_SPREAD_DAYS
    {
        warnings.push(format!(
            "warning: the accounts' report dates run from {} to {}; the portfolio page counts \
             days to renewal from {}, each readout from its own date",
            first.display(),
            last.display(),
            last.display()
        ));
    }
    warnings
}

/// Load, check, lay out and write one account; its loaded form too when `keep` is set and it
/// rendered.
fn render_one(
    input: &Path,
    output: &Path,
    options: &Options,
    keep: bool,
) -> (Result<Written>, Option<Loaded>) {
    let attempt = || -> Result<(Written, Loaded)> {
        let (mut loaded, diagnostics) = crate::load(input)?;
        if let Some(template) = options.template {
            loaded.account.template = template;
        }
        if let Some(logo) = &loaded.account.account.logo
            && same_file(&loaded.source.dir().join(logo), output)
        {
            return Err(Error::Usage(format!(
                "the report {} is the account's logo; writing it there would destroy it",
                output.display()
            )));
        }
        let pdf = crate::render_pdf_with(&loaded, &options.style)?;
        crate::output::write_atomically(output, &pdf.bytes)?;
        let warnings = diagnostics
            .iter()
            .map(ToString::to_string)
            .chain(pdf.warnings)
            .collect();
        let written = Written {
            output: output.to_owned(),
            pages: pdf.pages,
            bytes: pdf.bytes.len(),
            warnings,
        };
        Ok((written, loaded))
    };
    let result = attempt();
    // What this account alone needed is dropped from Typst's cache; the templates' work,
    // used by every account, stays.
    typst::comemo::evict(CACHE_AGE);
    release_freed_memory();
    match result {
        Ok((written, loaded)) => (Ok(written), keep.then_some(loaded)),
        Err(error) => (Err(error), None),
    }
}

/// Hand the memory freed by the last account back to the system. glibc keeps freed blocks in
/// its per-thread arenas and grows the size it keeps; over hundreds of accounts on several
/// threads (Typst lays pages out on its own pool too) the process's peak crept up with the
/// number of accounts, and trimming after each one keeps it flat.
fn release_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim has no preconditions; it only returns free memory to the system.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// The data `pack.typ` reads from `/pack.json`.
#[derive(Debug, Serialize)]
struct PackData {
    version: u32,
    title: String,
    /// The title for the footer of every page, cut at a word when long.
    short_title: String,
    /// `12 accounts · 5 Oct 2026`.
    subtitle: String,
    date: Date,
    date_display: String,
    confidentiality: String,
    portfolio: Portfolio,
    /// The readouts in the order they are printed (the portfolio's order).
    accounts: Vec<PackAccount>,
    renewals_chart: Option<String>,
    /// What the chart covers: "ARR renewing by month, Oct 2026 to Sep 2027, in USD".
    renewals_caption: Option<String>,
    /// Accounts that could not be rendered and are not in the pack.
    failed: Vec<String>,
}

#[derive(Debug, Serialize)]
struct PackAccount {
    /// The world path of the account's `readout.json`.
    data: String,
    name: String,
}

/// The board pack of `members` as PDF conforming to `standards`: its bytes and page count.
pub fn board_pack(
    members: &[Loaded],
    failed: &[String],
    title: &str,
    style: &render::Style,
) -> Result<(Vec<u8>, usize)> {
    let (report, date) = layout_board_pack(members, failed, title, style)?;
    let pdf = render::export(
        &report,
        format!("readout/pack/{title}/{date}"),
        date,
        &style.standards,
    )?;
    Ok((pdf, report.document.pages().len()))
}

/// Lay out `members` (in input order) as one board pack; `failed` names the inputs left out.
/// The laid-out pack and the date it speaks from: the latest of its accounts' dates.
pub fn layout_board_pack(
    members: &[Loaded],
    failed: &[String],
    title: &str,
    style: &render::Style,
) -> Result<(render::Report, Date)> {
    let theme = &style.theme;
    if members.is_empty() {
        return Err(Error::Usage(
            "a board pack needs at least one account".into(),
        ));
    }
    let readouts: Vec<Readout> = members
        .iter()
        .map(|m| analysis::analyse(&m.account))
        .collect();
    let group: Vec<Member<'_>> = members
        .iter()
        .zip(&readouts)
        .map(|(m, readout)| Member {
            account: &m.account,
            readout,
        })
        .collect();
    // The pack speaks from the latest of its accounts' dates: never the clock.
    let date = members
        .iter()
        .map(|m| analysis::as_of(&m.account))
        .max()
        .expect("a board pack has at least one account");
    let portfolio = portfolio::portfolio(&group, date);
    let renewals = portfolio::renewals(&group, date.month());

    let mut files = Vec::new();
    let mut accounts = Vec::new();
    // Printed in the portfolio's order; world folders numbered in that order too.
    for (k, &i) in portfolio.order.iter().enumerate() {
        let prefix = format!("/accounts/{k}");
        let mut readout = readouts[i].clone();
        let (account_files, _) = render::world_files(&members[i], &mut readout, &prefix, theme);
        files.extend(account_files);
        accounts.push(PackAccount {
            data: format!("{prefix}/readout.json"),
            name: members[i].account.account.name.clone(),
        });
    }
    let mut renewals_chart = None;
    let mut renewals_caption = None;
    if let Some(r) = &renewals
        && let Some(svg) = charts::renewals(r, RENEWALS_CHART)
    {
        let path = "/charts/renewals.svg".to_owned();
        files.push((path.clone(), svg.into_bytes()));
        renewals_chart = Some(path);
        let (first, last) = (r.months[0], r.months[r.months.len() - 1]);
        let mut caption = format!(
            "ARR renewing each month, {} to {}, in {}, by account status",
            first.display(),
            last.display(),
            r.currency
        );
        if r.left_out > 0 {
            let s = if r.left_out == 1 { "" } else { "s" };
            caption.push_str(&format!(
                " ({} account{s} in other currencies not shown)",
                r.left_out
            ));
        }
        renewals_caption = Some(caption);
    }
    let n = members.len();
    let data = PackData {
        version: 1,
        title: title.to_owned(),
        short_title: analysis::shorten(title, FOOTER_TITLE_LENGTH),
        subtitle: format!(
            "{n} account{} · {}",
            if n == 1 { "" } else { "s" },
            date.display()
        ),
        date,
        date_display: date.display(),
        confidentiality: shared_confidentiality(members, theme),
        portfolio,
        accounts,
        renewals_chart,
        renewals_caption,
        failed: failed.to_vec(),
    };
    let json = render::template_json(&data);
    files.push(("/pack.json".to_owned(), json));
    files.extend(render::theme::files(theme));
    Ok((render::layout_pack(files, date, style)?, date))
}

/// The confidentiality line the accounts share; else the theme's, else "Confidential".
fn shared_confidentiality(members: &[Loaded], theme: &crate::model::Theme) -> String {
    let lines: HashSet<Option<&str>> = members
        .iter()
        .map(|m| {
            m.account
                .prepared
                .as_ref()
                .and_then(|p| p.confidentiality.as_deref())
        })
        .collect();
    match lines.into_iter().collect::<Vec<_>>().as_slice() {
        [Some(line)] => (*line).to_owned(),
        _ => theme
            .confidentiality
            .clone()
            .unwrap_or_else(|| "Confidential".to_owned()),
    }
}
