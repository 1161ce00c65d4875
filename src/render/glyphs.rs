//! Characters of a report that no font can draw, and where they are in the account file.
//!
//! Typst draws such a character as an empty box and says nothing; typst-pdf refuses it under
//! PDF/A and PDF/UA with one message per use, naming no input. So readout looks first: every
//! string the templates receive is checked against the fonts, and each character found is
//! placed at its first use in the account file (line, column and field), one diagnostic per
//! line. A warning normally; an error under a PDF standard, before any layout. SVG logos are
//! checked too: the text they write, and under PDF/A-1b their transparency and size.

use crate::error::Diagnostic;
use crate::model::{LineCol, Loaded, Theme};

use super::{Standards, fonts, world};

/// The characters of a report no loaded font has, each once, in the order met, with up to
/// three of the strings they occur in.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Missing {
    pub chars: Vec<char>,
    pub examples: Vec<String>,
}

/// The characters of `data` (the templates' JSON) that no loaded font has.
pub fn missing(data: &serde_json::Value) -> Missing {
    fn strings<'a>(value: &'a serde_json::Value, out: &mut Vec<&'a str>) {
        match value {
            serde_json::Value::String(s) => out.push(s),
            serde_json::Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
            serde_json::Value::Object(map) => map.values().for_each(|v| strings(v, out)),
            _ => {}
        }
    }
    let mut all = Vec::new();
    strings(data, &mut all);
    let fonts = world::shared_fonts();
    let mut chars: Vec<char> = Vec::new();
    let mut examples: Vec<String> = Vec::new();
    for text in all {
        let uncovered = fonts::uncovered(text, fonts);
        if uncovered.is_empty() {
            continue;
        }
        if examples.len() < 3 && !examples.iter().any(|e| e == text) {
            examples.push(text.to_owned());
        }
        for c in uncovered {
            if !chars.contains(&c) {
                chars.push(c);
            }
        }
    }
    Missing { chars, examples }
}

/// Diagnostics for the `missing` characters of `loaded`'s report, placed in its file, or in
/// `theme`'s file for text that comes from there (its confidentiality line): warnings, or
/// errors when the PDF must meet `standards`. Empty when nothing is missing.
pub fn diagnostics(
    loaded: &Loaded,
    theme: &Theme,
    missing: &Missing,
    standards: &Standards,
) -> Vec<Diagnostic> {
    let Missing { chars, examples } = missing;
    let file = loaded.source.name();
    let text = &loaded.source.text;
    // Characters by the line of their first use; those the file does not hold as written
    // (an escape such as "\U0001F680", or text from a theme) go together at the end.
    let mut by_line: Vec<(LineCol, Vec<char>)> = Vec::new();
    let mut unplaced = Vec::new();
    for &c in chars {
        match first_use(text, c) {
            Some(at) => match by_line.iter_mut().find(|(p, _)| p.line == at.line) {
                Some((first, list)) => {
                    list.push(c);
                    if at.column < first.column {
                        *first = at;
                    }
                }
                None => by_line.push((at, vec![c])),
            },
            None => unplaced.push(c),
        }
    }
    by_line.sort_by_key(|(at, _)| (at.line, at.column));
    let strict = standards.described();
    let make = |list: &[char]| {
        let message = message(list, strict.as_deref());
        match &strict {
            None => Diagnostic::warning(file.clone(), message)
                .hint("add a font that has them with --font-path DIR"),
            Some(_) => Diagnostic::error(file.clone(), message).hint(STRICT_HINT),
        }
    };
    let mut out: Vec<Diagnostic> = by_line
        .iter()
        .map(|(at, list)| {
            let field = loaded.positions.field_at(*at).unwrap_or_default();
            make(list).at(at.line, at.column).field(field)
        })
        .collect();
    crate::error::attach_excerpts(&mut out, text);
    // Text the account file does not hold: the theme's, else said with where it is printed.
    // The theme file is read only then, not for every report.
    let theme_file = theme.files.first().filter(|_| !unplaced.is_empty());
    let theme_text = theme_file.and_then(|path| std::fs::read_to_string(path).ok());
    if let (Some(path), Some(theme_text)) = (theme_file, &theme_text) {
        let positions = crate::model::Positions::index(theme_text);
        let (placed, rest): (Vec<char>, Vec<char>) = unplaced
            .iter()
            .partition(|c| first_use(theme_text, **c).is_some());
        if let Some(at) = placed.first().and_then(|c| first_use(theme_text, *c)) {
            let mut d = make(&placed)
                .at(at.line, at.column)
                .field(positions.field_at(at).unwrap_or_default());
            d.file = path.display().to_string();
            let mut found = vec![d];
            crate::error::attach_excerpts(&mut found, theme_text);
            out.extend(found);
        }
        unplaced = rest;
    }
    if !unplaced.is_empty() {
        let quoted: Vec<String> = examples.iter().map(|t| format!("\"{t}\"")).collect();
        let mut d = make(&unplaced);
        d.message = format!("{} (in {})", d.message, quoted.join(", "));
        out.push(d);
    }
    out
}

/// What to do about characters a standard cannot take.
pub const STRICT_HINT: &str =
    "replace or remove these characters, or add a font that has them with --font-path DIR";

/// "no embedded font has a glyph for 🚀 …", with what follows from it: empty boxes in the
/// PDF, or, under the standards named `strict`, that the file cannot be written.
pub fn message(chars: &[char], strict: Option<&str>) -> String {
    let listed: Vec<String> = chars.iter().map(char::to_string).collect();
    let listed = listed.join(" ");
    match strict {
        None => format!(
            "no embedded font has a glyph for {listed}; {} in the PDF",
            if chars.len() == 1 {
                "it will show as an empty box"
            } else {
                "they will show as empty boxes"
            }
        ),
        Some(names) => format!(
            "no embedded font has a glyph for {listed}, and a {names} file must draw every \
             character with an embedded font"
        ),
    }
}

/// Where `c` is first written in `text`, outside whole-line comments; column counted in
/// characters from 1, as the rest of readout's diagnostics count.
fn first_use(text: &str, c: char) -> Option<LineCol> {
    text.lines().enumerate().find_map(|(i, line)| {
        if line.trim_start().starts_with('#') {
            return None;
        }
        let column = line.chars().position(|x| x == c)?;
        Some(LineCol {
            line: i + 1,
            column: column + 1,
        })
    })
}

/// Problems of the account's and the theme's logos for this PDF, placed at the line naming
/// each: text of an SVG logo that no font can draw (a warning, or an error under a standard),
/// and under PDF/A-1b an SVG logo with see-through parts or numbers too large (errors).
pub fn logo_diagnostics(loaded: &Loaded, theme: &Theme, standards: &Standards) -> Vec<Diagnostic> {
    let fonts = world::shared_fonts();
    let strict = standards.described();
    let account_at = loaded
        .positions
        .find("account.logo")
        .map(|at| (at.line, at.column));
    let logos = [
        (
            loaded.logo.as_ref(),
            loaded.source.name(),
            "account.logo",
            account_at,
            None,
        ),
        (
            theme.logo.as_ref(),
            theme
                .files
                .first()
                .map(|f| f.display().to_string())
                .unwrap_or_default(),
            "logo",
            theme.logo_at,
            theme.files.first(),
        ),
    ];
    let mut out = Vec::new();
    // Each logo with the file naming it (`None`: the account file, already read), the field
    // and its place.
    for (logo, file, field, at, source) in logos {
        let Some(logo) = logo else { continue };
        let mut found = Vec::new();
        let missing = fonts::uncovered(&logo.text, fonts);
        if !missing.is_empty() {
            let listed: Vec<String> = missing.iter().map(char::to_string).collect();
            let listed = listed.join(" ");
            found.push(match &strict {
                None => Diagnostic::warning(
                    file.clone(),
                    format!(
                        "the SVG logo writes text with {listed}, which no embedded font has; \
                         it will show as empty boxes"
                    ),
                ),
                Some(names) => Diagnostic::error(
                    file.clone(),
                    format!(
                        "the SVG logo writes text with {listed}, which no embedded font has, \
                         and a {names} file must draw every character with an embedded font"
                    ),
                ),
            }
            .hint("export the SVG with its text as outlines (paths), or add a font with --font-path DIR"));
        }
        if !standards.allow_transparency()
            && let Some(why) = logo.not_for_pdf_a1()
        {
            found.push(Diagnostic::error(file.clone(), why).hint(
                "use a PNG or JPEG of the logo (readout lays those on white), or choose a-2b",
            ));
        }
        let mut found: Vec<Diagnostic> = found
            .into_iter()
            .map(|d| {
                let d = d.field(field);
                match at {
                    Some((line, column)) => d.at(line, column),
                    None => d,
                }
            })
            .collect();
        // The file naming the logo is read for its excerpt only when there is a problem.
        match source {
            None => crate::error::attach_excerpts(&mut found, &loaded.source.text),
            Some(path) => {
                if let (false, Ok(text)) = (found.is_empty(), std::fs::read_to_string(path)) {
                    crate::error::attach_excerpts(&mut found, &text);
                }
            }
        }
        out.extend(found);
    }
    out
}
