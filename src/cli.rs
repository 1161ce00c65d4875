//! The command line: clap's argument types, and the commands that use the library.
//! Human messages go to stderr; the exit code is set here, in one place.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::error::{Error, Result};

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
        /// Where to write the PDF [default: the account file's name with .pdf, in the
        /// current folder].
        #[arg(short, long, value_name = "PDF")]
        output: Option<PathBuf>,
    },
    /// Check account files and list every problem, without rendering.
    Validate {
        /// One or more account files (YAML).
        #[arg(required = true)]
        accounts: Vec<PathBuf>,
    },
}

/// Parse the process arguments, run, and report.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(3))
        }
    }
}

pub fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Render { account, output } => render(&account, output),
        Command::Validate { accounts } => validate(&accounts),
    }
}

fn print_warnings(warnings: &[impl std::fmt::Display]) {
    for w in warnings {
        eprintln!("{w}");
    }
}

fn render(account: &Path, output: Option<PathBuf>) -> Result<()> {
    let output = output.unwrap_or_else(|| {
        let stem = account.file_stem().unwrap_or_default();
        PathBuf::from(stem).with_extension("pdf")
    });
    let (loaded, warnings) = crate::load(account)?;
    print_warnings(&warnings);
    let pdf = crate::render_pdf(&loaded)?;
    print_warnings(&pdf.warnings);
    write_atomically(&output, &pdf.bytes)?;
    let s = if pdf.pages == 1 { "" } else { "s" };
    eprintln!(
        "wrote {} ({} page{s}, {} KB)",
        output.display(),
        pdf.pages,
        pdf.bytes.len().div_ceil(1024)
    );
    Ok(())
}

fn validate(accounts: &[PathBuf]) -> Result<()> {
    let mut all = Vec::new();
    for path in accounts {
        match crate::load(path) {
            Ok((_, warnings)) => {
                print_warnings(&warnings);
                eprintln!("{}: ok", path.display());
            }
            Err(Error::Invalid(diagnostics)) => all.extend(diagnostics),
            Err(other) => return Err(other),
        }
    }
    if all.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid(all))
    }
}

/// Write `bytes` to `path` through a temporary file in the same folder and a rename, so a
/// failed run never leaves a half-written or damaged report behind.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    let io = |action: &'static str, target: &Path| {
        let target = target.to_owned();
        move |source| Error::Io {
            path: target,
            action,
            source,
        }
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = std::fs::File::create(&temp)
        .and_then(|mut f| f.write_all(bytes).and_then(|()| f.sync_all()))
        .map_err(io("write", &temp))
        .and_then(|()| std::fs::rename(&temp, path).map_err(io("write", path)));
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}
