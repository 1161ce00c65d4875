//! The command line: clap's argument types, and the commands that use the library.
//! Human messages go to stderr; the exit code is set here, in one place.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use clap::{Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};

/// `eprintln!` that never panics: a closed or full standard error (`2>/dev/full`, a pipe to
/// `head`) loses the message, never the run or the files it writes.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

use crate::error::{Diagnostic, Error, Result};
use crate::model::Template;
use crate::pack::Event;

/// Turn a customer account written as YAML into an executive PDF report.
#[derive(Debug, Parser)]
#[command(name = "readout", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Render an account file to a PDF report.
    Render {
        /// The account file (YAML).
        account: PathBuf,
        /// Where to write the PDF; `-` writes it to standard output [default: the account
        /// file's name with .pdf, next to it].
        #[arg(short, long, value_name = "PDF")]
        output: Option<PathBuf>,
        /// Lay the report out with this template instead of the file's `template:`
        /// (see `readout templates`).
        #[arg(long, value_name = "NAME", value_parser = parse_template)]
        template: Option<Template>,
        /// Write the Typst project readout compiles (templates, data, charts, fonts and a
        /// README on compiling it with stock `typst`) to this folder, instead of a PDF.
        #[arg(long, value_name = "DIR", conflicts_with = "output")]
        emit_typst: Option<PathBuf>,
        /// Make the PDF conform to these standards, comma-separated: a-1b, a-2b, a-2u, a-3b,
        /// a-4 (archival), ua-1 (tagged, accessible); ua-1 goes with a-2b, a-2u or a-3b.
        #[arg(long, value_name = "LIST", value_delimiter = ',')]
        pdf_standard: Vec<String>,
        /// `png` writes page images instead of the PDF, for e-mail and chat: NAME.png for one
        /// page, NAME-1.png, NAME-2.png, … for more [default: png when -o ends in .png, else
        /// pdf].
        #[arg(long, value_enum)]
        format: Option<ReportFormat>,
        /// Pixels per inch of the page images [default: 144].
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=crate::render::MAX_PPI as i64))]
        ppi: Option<u32>,
        /// Which pages to draw as images, e.g. `1` or `1,3-4` [default: all].
        #[arg(long, value_name = "LIST", value_parser = parse_pages)]
        pages: Option<PageList>,
        #[command(flatten)]
        look: Look,
    },
    /// Render many account files, one PDF each, on all cores; optionally one board pack of all.
    Pack {
        /// Account files, folders holding them (*.yaml, *.yml), or quoted glob patterns
        /// ("accounts/*.yaml").
        #[arg(required = true, value_name = "INPUT")]
        inputs: Vec<PathBuf>,
        /// The folder each account's PDF is written to, as <file name>.pdf (created if missing).
        #[arg(short, long, value_name = "DIR")]
        output: PathBuf,
        /// Also write one combined PDF: cover, contents, portfolio page, then every readout.
        #[arg(long, value_name = "FILE")]
        board_pack: Option<PathBuf>,
        /// The board pack's title, on its cover and in its footers (at most 100 characters).
        #[arg(
            long,
            value_name = "TEXT",
            default_value = "Portfolio review",
            requires = "board_pack"
        )]
        title: String,
        /// Lay every account out with this template instead of its file's `template:`.
        #[arg(long, value_name = "NAME", value_parser = parse_template)]
        template: Option<Template>,
        /// Accounts rendered at once [default: the number of cores].
        #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
        jobs: Option<u16>,
        /// No progress bar and no warnings: only failures and the summary of a failed run.
        #[arg(short, long)]
        quiet: bool,
        /// Stop at the first account that fails (accounts already started still finish).
        #[arg(long)]
        fail_fast: bool,
        /// Make every PDF, the board pack too, conform to these standards (as for `render`).
        #[arg(long, value_name = "LIST", value_delimiter = ',')]
        pdf_standard: Vec<String>,
        #[command(flatten)]
        look: Look,
    },
    /// List the report templates, with what each is for.
    Templates,
    /// Check account files and list every problem, without rendering.
    Validate {
        /// One or more account files (YAML).
        #[arg(required = true)]
        accounts: Vec<PathBuf>,
        /// `text` for people (on stderr); `json` prints every problem of every file as one
        /// array on stdout, for editors and scripts.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Folders with font files a theme the accounts name may use (as for `render`).
        #[arg(long, value_name = "DIR")]
        font_path: Vec<PathBuf>,
    },
    /// Print the JSON Schema of the account file, for editors (draft-07).
    Schema,
    /// Write a commented starter account file to fill in; never overwrites a file.
    Init {
        /// The report layout of the starter.
        #[arg(long, value_name = "NAME", default_value = "business-review", value_parser = parse_template)]
        template: Template,
        /// Where to write the starter.
        #[arg(default_value = "account.yaml")]
        file: PathBuf,
    },
}

/// The preparing company's branding, for `render` and `pack`.
#[derive(Debug, Clone, clap::Args)]
pub struct Look {
    /// A theme file (YAML): primary and accent colours, the preparing company's logo, the
    /// font, the confidentiality line.
    #[arg(long = "theme", value_name = "FILE")]
    theme_file: Option<PathBuf>,
    /// Folders with font files (.ttf, .otf, .ttc) a theme's `font` may name, besides the
    /// embedded ones.
    #[arg(long, value_name = "DIR")]
    font_path: Vec<PathBuf>,
    /// Lay out with the Typst templates in this folder (its main.typ reads /readout.json,
    /// see docs/template-data.md); files it leaves out come from readout's own.
    #[arg(long, value_name = "DIR")]
    template_dir: Option<PathBuf>,
}

/// What `render` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Pdf,
    Png,
}

/// The lowercase ending of an output file's name; `None` for none and for `-`.
fn ending(output: Option<&Path>) -> Option<String> {
    output
        .filter(|o| o.as_os_str() != "-")
        .and_then(|o| o.extension())
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
}

/// The format an output named `output` asks for: PNG for a name ending in `.png`, else PDF.
/// A name with another ending gets a PDF and a warning.
fn format_of(output: Option<&Path>) -> ReportFormat {
    match ending(output).as_deref() {
        Some("png") => ReportFormat::Png,
        None | Some("pdf") => ReportFormat::Pdf,
        Some(other) => {
            say!(
                "warning: writing a PDF to a file ending in .{other}; name it .pdf, or .png \
                 for page images"
            );
            ReportFormat::Pdf
        }
    }
}

/// Page numbers from 1, in the order given: `--pages 1,3-4`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageList(pub Vec<usize>);

fn parse_pages(text: &str) -> std::result::Result<PageList, String> {
    let number = |part: &str| -> std::result::Result<usize, String> {
        match part.trim().parse::<usize>() {
            Ok(n) if n >= 1 => Ok(n),
            _ => Err(format!(
                "{part:?} is not a page number (pages count from 1)"
            )),
        }
    };
    let mut pages = Vec::new();
    for part in text.split(',') {
        match part.split_once('-') {
            Some((from, to)) => {
                let (from, to) = (number(from)?, number(to)?);
                if from > to {
                    return Err(format!("{part:?} runs backwards; write {to}-{from}"));
                }
                if to - from >= 10_000 {
                    return Err(format!("{part:?} names more pages than a report has"));
                }
                pages.extend(from..=to);
            }
            None => pages.push(number(part)?),
        }
    }
    Ok(PageList(pages))
}

/// How `validate` prints its problems.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

/// The starter account `readout init` writes, for any template: every template reads the
/// same fields.
const STARTER: &str = include_str!("starter.yaml");

/// A template name from the command line, or a message listing the names there are.
fn parse_template(name: &str) -> std::result::Result<Template, String> {
    Template::from_name(name).ok_or_else(|| {
        let names: Vec<&str> = Template::ALL.iter().map(|t| t.name()).collect();
        let guess = crate::model::did_you_mean(&name.replace('_', "-"), &names)
            .map(|n| format!("did you mean \"{n}\"? "))
            .unwrap_or_default();
        format!(
            "there is no template \"{name}\"; {guess}available: {}",
            names.join(", ")
        )
    })
}

/// Parse the process arguments, run, and report.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            match error {
                // Each diagnostic already says whether it is an error or a warning.
                Error::Invalid(_) => say!("{error}"),
                _ => say!("error: {error}"),
            }
            ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(3))
        }
    }
}

pub fn run(cli: Cli) -> Result<()> {
    let mut command = cli.command;
    // What `render` writes when --format is not given: as the output file's name says.
    if let Command::Render {
        format: format @ None,
        output,
        emit_typst: None,
        ..
    } = &mut command
    {
        *format = Some(format_of(output.as_deref()));
    }
    match command {
        Command::Render {
            account,
            template,
            emit_typst: Some(dir),
            look,
            format,
            pdf_standard,
            ppi,
            pages,
            ..
        } => {
            if format.is_some() || ppi.is_some() || pages.is_some() {
                return Err(Error::Usage(
                    "--emit-typst writes the Typst project instead of a report: --format, \
                     --ppi and --pages do not apply to it"
                        .into(),
                ));
            }
            if dir.as_os_str() == "-" {
                return Err(Error::Usage(
                    "--emit-typst takes a folder, not standard output".into(),
                ));
            }
            emit_typst(&account, template, &dir, &style(&look, &pdf_standard)?)
        }
        Command::Render {
            account,
            output,
            template,
            emit_typst: None,
            format: Some(ReportFormat::Png),
            pdf_standard,
            ppi,
            pages,
            look,
        } => {
            if !pdf_standard.is_empty() {
                return Err(Error::Usage(
                    "--pdf-standard applies to a PDF, not to page images (--format png, or -o \
                     NAME.png)"
                        .into(),
                ));
            }
            let pages = pages.map(|p| p.0).unwrap_or_default();
            let style = style(&look, &[])?;
            preview(
                &account,
                output,
                template,
                &style,
                ppi.unwrap_or(144),
                &pages,
            )
        }
        Command::Render {
            account,
            output,
            template,
            emit_typst: None,
            format: Some(ReportFormat::Pdf) | None,
            pdf_standard,
            ppi,
            pages,
            look,
        } => {
            if ppi.is_some() || pages.is_some() {
                return Err(Error::Usage(
                    "--ppi and --pages choose page images: add --format png".into(),
                ));
            }
            if ending(output.as_deref()).as_deref() == Some("png") {
                return Err(Error::Usage(format!(
                    "--format pdf writes a PDF: give -o a name ending in .pdf, not {}",
                    output.as_deref().unwrap_or(Path::new("")).display()
                )));
            }
            render(&account, output, template, &style(&look, &pdf_standard)?)
        }
        Command::Pack {
            inputs,
            output,
            board_pack,
            title,
            template,
            jobs,
            quiet,
            fail_fast,
            pdf_standard,
            look,
        } => {
            let jobs = jobs.map_or_else(
                || std::thread::available_parallelism().map_or(1, usize::from),
                usize::from,
            );
            let options = crate::pack::Options {
                out_dir: output,
                template,
                jobs,
                fail_fast,
                board_pack,
                title,
                style: style(&look, &pdf_standard)?,
            };
            pack(&inputs, &options, quiet)
        }
        Command::Templates => templates(),
        Command::Validate {
            accounts,
            format,
            font_path,
        } => {
            if !font_path.is_empty() {
                let fonts = crate::render::fonts::from_folders(&font_path)?;
                crate::render::world::add_fonts(fonts);
            }
            validate(&accounts, format)
        }
        Command::Schema => write_stdout(crate::model::json_schema().as_bytes()),
        Command::Init { template, file } => init(template, &file),
    }
}

fn print_warnings(warnings: &[impl std::fmt::Display]) {
    for w in warnings {
        say!("{w}");
    }
}

fn templates() -> Result<()> {
    let mut out = String::new();
    for t in Template::ALL {
        out.push_str(&format!("{:<20}{}\n", t.name(), t.purpose()));
    }
    write_stdout(out.as_bytes())
}

/// The theme of `--theme`, with the fonts of `--font-path` added to the embedded ones first,
/// so that the theme's font can be checked to exist.
fn theme(look: &Look) -> Result<crate::model::Theme> {
    if !look.font_path.is_empty() {
        let fonts = crate::render::fonts::from_folders(&look.font_path)?;
        crate::render::world::add_fonts(fonts);
    }
    match &look.theme_file {
        None => Ok(crate::model::Theme::default()),
        Some(path) => {
            let theme = crate::load_theme(path)?;
            print_warnings(&theme.warnings);
            Ok(theme)
        }
    }
}

/// A file's size for people: `605 KB`, `17.9 MB`.
fn size(bytes: usize) -> String {
    match bytes {
        b if b < 10 * 1024 * 1024 => format!("{} KB", b.div_ceil(1024)),
        b => format!("{:.1} MB", b as f64 / (1024.0 * 1024.0)),
    }
}

/// Theme, templates and PDF standards from the command line, checked before any work.
fn style(look: &Look, pdf_standard: &[String]) -> Result<crate::render::Style> {
    let templates = match &look.template_dir {
        None => None,
        Some(dir) => Some(std::sync::Arc::new(
            crate::render::world::TemplateDir::read(dir).map_err(Error::Usage)?,
        )),
    };
    Ok(crate::render::Style {
        theme: theme(look)?,
        theme_given: look.theme_file.is_some(),
        templates,
        standards: standards(pdf_standard)?,
        input_folders: look
            .template_dir
            .iter()
            .chain(&look.font_path)
            .cloned()
            .collect(),
    })
}

/// `--pdf-standard a-2b,ua-1`, checked.
fn standards(names: &[String]) -> Result<crate::render::Standards> {
    crate::render::Standards::new(names).map_err(|e| Error::Usage(format!("--pdf-standard {e}")))
}

fn render(
    account: &Path,
    output: Option<PathBuf>,
    template: Option<Template>,
    style: &crate::render::Style,
) -> Result<()> {
    let output = output.unwrap_or_else(|| account.with_file_name(crate::output::pdf_name(account)));
    let to_stdout = output.as_os_str() == "-";
    if !to_stdout {
        crate::output::check_output(&output)?;
    }
    let (mut loaded, warnings) = crate::load(account)?;
    if let Some(template) = template {
        loaded.account.template = template;
    }
    let style = &crate::account_style(&loaded, style)?;
    if !to_stdout {
        spare_inputs(account, &loaded, style, &output)?;
    }
    print_warnings(&warnings);
    let pdf = crate::render_pdf_with(&loaded, style)?;
    print_warnings(&pdf.warnings);
    if to_stdout {
        return write_stdout(&pdf.bytes);
    }
    crate::output::write_atomically(&output, &pdf.bytes)?;
    let s = if pdf.pages == 1 { "" } else { "s" };
    say!(
        "wrote {} ({} page{s}, {} KB)",
        output.display(),
        pdf.pages,
        pdf.bytes.len().div_ceil(1024)
    );
    Ok(())
}

/// The report must never replace one of its own inputs: the account file, its logo, the
/// theme file and its logo, nor anything in the template or font folders.
fn spare_inputs(
    account: &Path,
    loaded: &crate::Loaded,
    style: &crate::render::Style,
    output: &Path,
) -> Result<()> {
    let logo = loaded
        .account
        .account
        .logo
        .as_ref()
        .map(|l| loaded.source.dir().join(l));
    let files = [(account.to_owned(), "account file")]
        .into_iter()
        .chain(logo.map(|l| (l, "logo")))
        .chain(
            style
                .theme
                .files
                .iter()
                .map(|f| (f.clone(), "theme's file")),
        );
    for (input, what) in files {
        if crate::output::same_file(&input, output) {
            return Err(Error::Usage(format!(
                "the output {} is the {what} {}; writing the report there would destroy it",
                output.display(),
                input.display()
            )));
        }
    }
    let target = crate::output::resolve(output);
    for folder in &style.input_folders {
        if let (Some(target), Some(folder_path)) = (&target, crate::output::resolve(folder))
            && target.starts_with(&folder_path)
        {
            return Err(Error::Usage(format!(
                "the output {} is inside {}, which this run reads; write the report elsewhere",
                output.display(),
                folder.display()
            )));
        }
    }
    Ok(())
}

/// `readout render --format png`: page images, `NAME.png` for one page and `NAME-N.png` for
/// each of more (N the page's number), next to the account unless `-o` says where.
fn preview(
    account: &Path,
    output: Option<PathBuf>,
    template: Option<Template>,
    style: &crate::render::Style,
    ppi: u32,
    pages: &[usize],
) -> Result<()> {
    let (mut loaded, warnings) = crate::load(account)?;
    if let Some(template) = template {
        loaded.account.template = template;
    }
    let style = &crate::account_style(&loaded, style)?;
    let report = crate::layout_with(&loaded, style)?;
    let numbers: Vec<usize> = match pages.is_empty() {
        true => (1..=report.document.pages().len()).collect(),
        // Each page once, in the order first named.
        false => pages
            .iter()
            .enumerate()
            .filter(|(i, p)| !pages[..*i].contains(p))
            .map(|(_, p)| *p)
            .collect(),
    };
    let base = output.unwrap_or_else(|| {
        let stem = account.file_stem().unwrap_or_default().to_string_lossy();
        account.with_file_name(format!("{stem}.png"))
    });
    if base.as_os_str() != "-"
        && !base
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("png"))
    {
        return Err(Error::Usage(format!(
            "--format png writes PNG images: give -o a name ending in .png, not {}",
            base.display()
        )));
    }
    let images = crate::render::png_pages(&report, ppi, &numbers)?;
    if base.as_os_str() == "-" {
        let [image] = images.as_slice() else {
            return Err(Error::Usage(format!(
                "-o - writes one image to standard output, and {} pages were chosen; add \
                 --pages N",
                images.len()
            )));
        };
        print_warnings(&warnings);
        print_warnings(&report.warnings);
        return write_stdout(image);
    }
    let paths: Vec<PathBuf> = match numbers.as_slice() {
        [_] => vec![base.clone()],
        _ => {
            let stem = base.file_stem().unwrap_or_default().to_string_lossy();
            let extension = base
                .extension()
                .map_or("png".into(), |e| e.to_string_lossy());
            numbers
                .iter()
                .map(|n| base.with_file_name(format!("{stem}-{n}.{extension}")))
                .collect()
        }
    };
    for path in &paths {
        crate::output::check_output(path)?;
        spare_inputs(account, &loaded, style, path)?;
    }
    print_warnings(&warnings);
    print_warnings(&report.warnings);
    for ((path, image), n) in paths.iter().zip(&images).zip(&numbers) {
        crate::output::write_atomically(path, image)?;
        say!(
            "wrote {} (page {n}, {ppi} ppi, {} KB)",
            path.display(),
            image.len().div_ceil(1024)
        );
    }
    // Page images of the same name that this run did not write (a longer report before):
    // said, so that they are not sent with these.
    let stem = base.file_stem().unwrap_or_default().to_string_lossy();
    let older: Vec<String> = (1..=999)
        .map(|n| base.with_file_name(format!("{stem}-{n}.png")))
        .filter(|p| p.is_file() && !paths.contains(p))
        .map(|p| p.display().to_string())
        .collect();
    if !older.is_empty() {
        say!(
            "warning: {} not written by this run (left from an earlier one)",
            match older.as_slice() {
                [one] => format!("{one} is"),
                many => format!("{} are", many.join(", ")),
            }
        );
    }
    Ok(())
}

/// `readout render --emit-typst DIR`: the account's Typst project instead of its PDF.
fn emit_typst(
    account: &Path,
    template: Option<Template>,
    dir: &Path,
    style: &crate::render::Style,
) -> Result<()> {
    let (mut loaded, warnings) = crate::load(account)?;
    if let Some(template) = template {
        loaded.account.template = template;
    }
    print_warnings(&warnings);
    let analysis = crate::analysis::analyse(&loaded.account);
    let style = crate::account_style(&loaded, style)?;
    let (files, found) = crate::render::project::files(&loaded, analysis, &style)?;
    print_warnings(&found);
    crate::output::write_project(dir, &files)?;
    say!(
        "wrote the Typst project {} ({} files); compile it as {} says",
        dir.display(),
        files.len(),
        dir.join(crate::render::project::README).display()
    );
    Ok(())
}

/// The board pack's title against the fonts: characters none can draw are a warning, or a
/// usage error when the PDF must meet a standard.
fn title_glyphs(title: &str, standards: &crate::render::Standards) -> Result<()> {
    let missing = crate::render::fonts::uncovered(title, crate::render::world::shared_fonts());
    if missing.is_empty() {
        return Ok(());
    }
    let strict = standards.described();
    let message = crate::render::glyphs::message(&missing, strict.as_deref());
    if strict.is_some() {
        let hint = crate::render::glyphs::STRICT_HINT;
        return Err(Error::Usage(format!("--title: {message}\n  hint: {hint}")));
    }
    say!("warning: --title: {message}");
    Ok(())
}

/// Set on the first Ctrl-C or termination signal: the pack stops starting accounts. A second
/// one exits at once (every report already renamed into place is whole either way).
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

fn pack(inputs: &[PathBuf], options: &crate::pack::Options, quiet: bool) -> Result<()> {
    let title = options.title.trim();
    let length = title.chars().count();
    if title.chars().any(char::is_control) {
        return Err(Error::Usage(
            "--title: the board pack's title is one line: no line breaks or tabs".into(),
        ));
    }
    if title.is_empty() || length > crate::pack::TITLE_LENGTH {
        return Err(Error::Usage(format!(
            "--title: the board pack's title is {length} characters; give one of 1 to {} \
             (it is set large on the cover and repeated in every footer)",
            crate::pack::TITLE_LENGTH
        )));
    }
    let inputs = crate::pack::collect(inputs)?;
    if let Some(board) = &options.board_pack {
        crate::output::check_output(board)?;
        title_glyphs(title, &options.style.standards)?;
    }
    // Only one handler per process; if one is set already, interruption just kills the run.
    let _ = ctrlc::set_handler(|| {
        if INTERRUPTED.swap(true, Ordering::SeqCst) {
            std::process::exit(130);
        }
    });
    // Hidden by itself when standard error is not a terminal.
    let bar = if quiet {
        ProgressBar::hidden()
    } else {
        ProgressBar::new(inputs.len() as u64)
    };
    bar.set_style(
        ProgressStyle::with_template(
            "{bar:30.cyan/blue} {pos}/{len} accounts · {elapsed} · {per_sec} · {msg}",
        )
        .expect("a valid progress template")
        .progress_chars("━━─"),
    );
    bar.enable_steady_tick(Duration::from_millis(200));
    let summary = crate::pack::run(&inputs, options, &INTERRUPTED, |event| {
        let outcome = match event {
            Event::Account(outcome) => outcome,
            Event::BoardPack(n) => {
                bar.set_message(format!("laying out the board pack of {n} accounts …"));
                return;
            }
        };
        bar.inc(1);
        bar.set_message(outcome.input.display().to_string());
        match &outcome.result {
            Err(Error::Invalid(_)) | Err(Error::Failed(_)) => {
                let error = outcome.result.as_ref().unwrap_err();
                bar.suspend(|| say!("{error}"));
            }
            Err(error) => bar.suspend(|| say!("error: {}: {error}", outcome.input.display())),
            Ok(written) if !quiet && !written.warnings.is_empty() => {
                bar.suspend(|| print_warnings(&written.warnings));
            }
            Ok(_) => {}
        }
    });
    bar.finish_and_clear();
    let summary = summary?;
    let seconds = summary.rendering.as_secs_f64();
    let mut line = format!(
        "rendered {} of {} account{} to {} in {seconds:.1} s",
        summary.rendered,
        summary.total,
        if summary.total == 1 { "" } else { "s" },
        options.out_dir.display(),
    );
    if summary.rendered > 0 {
        line.push_str(&format!(
            " ({:.1} a second)",
            summary.rendered as f64 / seconds.max(1e-9)
        ));
    }
    if !summary.failed.is_empty() {
        let names: Vec<String> = summary
            .failed
            .iter()
            .map(|f| f.display().to_string())
            .collect();
        line.push_str(&format!(
            "; {} failed: {}",
            summary.failed.len(),
            names.join(", ")
        ));
    }
    if summary.skipped > 0 {
        let why = if INTERRUPTED.load(Ordering::SeqCst) {
            "interrupted"
        } else {
            "--fail-fast"
        };
        line.push_str(&format!("; {} not started ({why})", summary.skipped));
    }
    // A Ctrl-C only counts when it stopped something: one that came while the board pack was
    // being laid out let the run finish.
    let interrupted = INTERRUPTED.load(Ordering::SeqCst)
        && (summary.skipped > 0 || options.board_pack.is_some() && summary.board_pack.is_none());
    if let Some(board) = &summary.board_pack {
        let pack_seconds = (summary.elapsed - summary.rendering).as_secs_f64();
        line.push_str(&format!(
            "\nwrote the board pack {} ({} pages, {}, in {pack_seconds:.1} s)",
            board.output.display(),
            board.pages,
            size(board.bytes)
        ));
    } else if options.board_pack.is_some() {
        let why = if interrupted {
            "the run was interrupted".to_owned()
        } else if summary.skipped > 0 {
            format!(
                "{} not started (--fail-fast), and a pack without them would look complete",
                summary.skipped
            )
        } else {
            "no account rendered".to_owned()
        };
        line.push_str(&format!("\nno board pack was written: {why}"));
    }
    let failed = !summary.failed.is_empty() || summary.skipped > 0;
    if !quiet || failed || interrupted {
        say!("{line}");
    }
    if let Some(board) = &summary.board_pack
        && !quiet
    {
        print_warnings(&board.warnings);
    }
    if interrupted {
        return Err(Error::Interrupted);
    }
    match failed {
        true => Err(Error::Failed(format!(
            "{} of {} account{} failed",
            summary.failed.len(),
            summary.total,
            if summary.total == 1 { "" } else { "s" }
        ))),
        false => Ok(()),
    }
}

/// Check each file in turn; fail at the end if any had a problem. As text, each file's
/// problems are printed as it goes; as JSON, all of them at the end, in one array.
fn validate(accounts: &[PathBuf], format: Format) -> Result<()> {
    let mut failed = 0;
    let mut all = Vec::new();
    for path in accounts {
        let diagnostics = match crate::load(path) {
            Ok((loaded, mut warnings)) => {
                // What rendering would refuse too: the named theme's font missing.
                if let Some(problem) = crate::account_theme_font(&loaded) {
                    failed += 1;
                    warnings.push(problem);
                }
                // What rendering would warn about too: text no embedded font can draw.
                let readout = crate::analysis::analyse(&loaded.account);
                let missing = crate::render::missing_glyphs(&readout);
                let standards = crate::render::Standards::default();
                let theme = loaded.theme.clone().unwrap_or_default();
                warnings.extend(crate::render::glyphs::diagnostics(
                    &loaded, &theme, &missing, &standards,
                ));
                warnings.extend(crate::render::glyphs::logo_diagnostics(
                    &loaded, &theme, &standards,
                ));
                warnings
            }
            Err(Error::Invalid(diagnostics)) => {
                failed += 1;
                diagnostics
            }
            Err(other) => {
                failed += 1;
                vec![Diagnostic::error(
                    path.display().to_string(),
                    other.to_string(),
                )]
            }
        };
        match format {
            Format::Text => {
                print_warnings(&diagnostics);
                if !diagnostics.iter().any(Diagnostic::is_error) {
                    say!("{}: ok", path.display());
                }
            }
            Format::Json => all.extend(diagnostics),
        }
    }
    if format == Format::Json {
        let mut json = serde_json::to_string_pretty(&all).expect("diagnostics serialise");
        json.push('\n');
        write_stdout(json.as_bytes())?;
    }
    match failed {
        0 => Ok(()),
        _ if accounts.len() == 1 => Err(Error::Failed("the file has problems".into())),
        _ => {
            let verb = if failed == 1 { "has" } else { "have" };
            Err(Error::Failed(format!(
                "{failed} of {} files {verb} problems",
                accounts.len()
            )))
        }
    }
}

/// Write the starter account of `template` to `file`, which must not exist yet.
fn init(template: Template, file: &Path) -> Result<()> {
    let starter = STARTER.replacen(
        "template: business-review ",
        &format!("template: {:<16}", template.name()),
        1,
    );
    // `create_new` refuses an existing file in the same call that creates it: no race.
    let created = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(file);
    let mut out = match created {
        Ok(out) => out,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(Error::Usage(format!(
                "{} already exists; init never overwrites a file: name a new one, e.g. readout init new-account.yaml",
                file.display()
            )));
        }
        Err(source) => {
            return Err(Error::Io {
                path: file.to_owned(),
                action: "create",
                source,
            });
        }
    };
    out.write_all(starter.as_bytes())
        .and_then(|()| out.sync_all())
        .map_err(|source| Error::Io {
            path: file.to_owned(),
            action: "write",
            source,
        })?;
    say!(
        "wrote {}; fill it in, then run readout render {0}",
        file.display()
    );
    Ok(())
}

/// Write machine output (a PDF, the schema, JSON diagnostics) to standard output.
/// Write `bytes` to standard output. A reader that stops early (`| head -c 8`) closed the pipe
/// on purpose: that is not an error to report.
fn write_stdout(bytes: &[u8]) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    // A PDF or an image would fill a terminal with bytes; text (JSON, lists) is fine there.
    if std::io::IsTerminal::is_terminal(&stdout) && std::str::from_utf8(bytes).is_err() {
        return Err(Error::Usage(
            "-o - writes the file to standard output, which is a terminal here; redirect it \
             (`-o - > report.pdf`) or pipe it on"
                .into(),
        ));
    }
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        result => result.map_err(|source| Error::Io {
            path: "standard output".into(),
            action: "write",
            source,
        }),
    }
}
