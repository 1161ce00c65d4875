//! readout: a customer account written as YAML becomes an executive PDF report.
//!
//! The pipeline, one module per stage, data flowing one way:
//! [`model`] (parse) → [`validate`] → [`analysis`] → [`charts`] → [`render`] (Typst, PDF).
//! The CLI ([`cli`]) only wraps the functions below.

pub mod analysis;
pub mod charts;
pub mod cli;
pub mod colour;
pub mod error;
pub mod model;
pub mod output;
pub mod pack;
pub mod render;
pub mod validate;

use std::path::Path;

pub use error::{Diagnostic, Error, Result};
pub use model::Loaded;

/// Read an account file and check it. On success, the account and its warnings; otherwise
/// every problem found, errors and warnings together, in file order.
pub fn load(path: &Path) -> Result<(Loaded, Vec<Diagnostic>)> {
    let loaded = model::load_file(path).map_err(Error::Invalid)?;
    let mut diagnostics = validate::validate(&loaded);
    // A theme the file names that has problems: its font is checked with them (the model
    // cannot: it does not know the fonts).
    if let (Some(relative), None) = (&loaded.account.theme, &loaded.theme) {
        let theme_path = loaded.source.dir().join(relative);
        let (font, at) =
            model::font_named(&theme_path).map_or((None, None), |(f, at)| (Some(f), at));
        diagnostics.extend(font_problem(font.as_deref(), at, &theme_path));
    }
    // The account file's problems first, in line order, then each other file's (a theme's).
    let own = loaded.source.name();
    diagnostics.sort_by(|a, b| {
        (a.file != own, &a.file, a.line, a.column).cmp(&(b.file != own, &b.file, b.line, b.column))
    });
    error::attach_excerpts(&mut diagnostics, &loaded.source.text);
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(Error::Invalid(diagnostics));
    }
    Ok((loaded, diagnostics))
}

/// Read and check the theme file at `path`, its font included: the font must be embedded or
/// added with `--font-path` ([`render::world::add_fonts`]) first. Every problem at once.
pub fn load_theme(path: &Path) -> Result<model::Theme> {
    let mut problems = match model::load_theme(path) {
        Ok(theme) => {
            return match font_problem(theme.font.as_deref(), theme.font_at, path) {
                Some(d) => Err(Error::Invalid(vec![d])),
                None => Ok(theme),
            };
        }
        Err(problems) => problems,
    };
    let named = model::font_named(path);
    let (font, at) = named.map_or((None, None), |(f, at)| (Some(f), at));
    if let Some(d) = font_problem(font.as_deref(), at, path) {
        problems.push(d);
        problems.sort_by_key(|d| (d.line, d.column));
    }
    Err(Error::Invalid(problems))
}

/// A theme's font must be embedded or added with `--font-path`: the diagnostic when it is not.
fn font_problem(font: Option<&str>, at: Option<(usize, usize)>, path: &Path) -> Option<Diagnostic> {
    let font = font.filter(|f| !f.trim().is_empty() && !render::world::has_family(f))?;
    let mut d = Diagnostic::error(
        path.display().to_string(),
        format!("no font of the family {font:?} is embedded or in --font-path"),
    )
    .field("font")
    .hint(format!(
        "the families there are: {}",
        render::world::families().join(", ")
    ));
    if let Some((line, column)) = at {
        d = d.at(line, column);
    }
    let mut found = vec![d];
    if let Ok(text) = std::fs::read_to_string(path) {
        error::attach_excerpts(&mut found, &text);
    }
    found.pop()
}

/// The problem of the theme an account file names that only the fonts can show: its font
/// must be embedded or added with `--font-path`. `None` when it is, or no theme is named.
pub fn account_theme_font(loaded: &Loaded) -> Option<Diagnostic> {
    let (theme, relative) = (loaded.theme.as_ref()?, loaded.account.theme.as_ref()?);
    font_problem(
        theme.font.as_deref(),
        theme.font_at,
        &loaded.source.dir().join(relative),
    )
}

/// A theme's font must be embedded or added with `--font-path`.
fn check_font(theme: &model::Theme, path: &Path) -> Result<()> {
    match font_problem(theme.font.as_deref(), theme.font_at, path) {
        Some(d) => Err(Error::Invalid(vec![d])),
        None => Ok(()),
    }
}

/// The style `loaded` is rendered in: `style`, with the theme file the account names when the
/// command line gave none.
pub fn account_style(loaded: &Loaded, style: &render::Style) -> Result<render::Style> {
    match (&loaded.theme, &loaded.account.theme) {
        (Some(theme), Some(relative)) if !style.theme_given => {
            check_font(theme, &loaded.source.dir().join(relative))?;
            Ok(render::Style {
                theme: theme.clone(),
                theme_given: true,
                ..style.clone()
            })
        }
        _ => Ok(style.clone()),
    }
}

/// A finished report: the PDF's bytes, its page count, and Typst's warnings if any.
pub struct Pdf {
    pub bytes: Vec<u8>,
    pub pages: usize,
    pub warnings: Vec<String>,
}

/// Lay out a checked account with its template, in readout's own look.
pub fn layout(loaded: &Loaded) -> Result<render::Report> {
    layout_with(loaded, &render::Style::default())
}

/// Lay out a checked account in `style`: its theme, and a team's own templates if any.
pub fn layout_with(loaded: &Loaded, style: &render::Style) -> Result<render::Report> {
    render::layout(loaded, analysis::analyse(&loaded.account), style)
}

/// Render a checked account to PDF bytes.
pub fn render_pdf(loaded: &Loaded) -> Result<Pdf> {
    render_pdf_with(loaded, &render::Style::default())
}

/// Render a checked account to PDF bytes in `style`: its theme, and the standards (PDF/A,
/// PDF/UA) the PDF conforms to.
pub fn render_pdf_with(loaded: &Loaded, style: &render::Style) -> Result<Pdf> {
    let style = &account_style(loaded, style)?;
    let report = layout_with(loaded, style)?;
    let bytes = render::pdf(&report, &loaded.account, &style.standards)?;
    Ok(Pdf {
        bytes,
        pages: report.document.pages().len(),
        warnings: report.warnings,
    })
}
