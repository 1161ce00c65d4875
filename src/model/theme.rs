//! A theme file: the preparing company's branding for every report it renders. YAML, like
//! the account file, and read here for the same reason (the one place that knows the format).
//!
//! ```yaml
//! primary: "#0B4F6C"        # title band, headings
//! accent: "#C2410C"         # chart series, highlights
//! logo: acme.svg            # the preparing company's logo, relative to this file
//! font: Source Sans 3       # a family from --font-path or the embedded fonts
//! confidentiality: Acme confidential — prepared for the customer
//! ```

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::logo::Logo;
use super::positions::Positions;
use crate::colour::{Rgb, contrast_with_white};
use crate::error::Diagnostic;

/// What a theme file sets; every key is optional, and what it leaves out keeps readout's look.
/// Unknown keys are found from the positioned parse, all at once, with the other problems.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ThemeFile {
    pub primary: Option<String>,
    pub accent: Option<String>,
    pub logo: Option<PathBuf>,
    pub font: Option<String>,
    pub confidentiality: Option<String>,
}

/// A checked theme: its colours parsed, its logo read.
#[derive(Debug, Clone, Default)]
pub struct Theme {
    pub primary: Option<Rgb>,
    pub accent: Option<Rgb>,
    pub logo: Option<Logo>,
    pub font: Option<String>,
    /// Where the font and the logo are named in the theme file (line, column), for a
    /// message about them.
    pub font_at: Option<(usize, usize)>,
    pub logo_at: Option<(usize, usize)>,
    /// What the theme may be used with but should not be (a logo too small to print sharp).
    pub warnings: Vec<Diagnostic>,
    pub confidentiality: Option<String>,
    /// The theme file and its logo's file: inputs a report must never be written over.
    pub files: Vec<PathBuf>,
}

/// Least contrast against white: white text on the primary colour's title band, and the
/// accent's lines and bars on the white page, must stay readable, in colour and in grey-scale
/// print (WCAG's 4.5:1 for text, 3:1 for graphics).
const PRIMARY_CONTRAST: f64 = 4.5;
const ACCENT_CONTRAST: f64 = 3.0;

/// Whether `path` holds a theme rather than an account: YAML whose top-level keys are all a
/// theme's (an account file always has `account` and `period`). A folder of accounts may
/// keep its theme beside them; `readout pack` leaves it out of the accounts.
pub fn is_theme_file(path: &Path) -> bool {
    let Ok(meta) = std::fs::metadata(path) else {
        return false;
    };
    if meta.len() > 64 * 1024 {
        return false;
    }
    let Ok(text) = std::fs::read_to_string(path) else {
        return false;
    };
    let positions = Positions::index(&text);
    let mut top = positions
        .keys()
        .iter()
        .filter(|k| k.parent.is_empty())
        .peekable();
    top.peek().is_some() && top.all(|k| THEME_KEYS.contains(&k.name.as_str()))
}

/// The font a theme file names and where (line, column), read even when the file has other
/// problems, so that an unknown font is reported with them.
pub fn font_named(path: &Path) -> Option<(String, Option<(usize, usize)>)> {
    let text = std::fs::read_to_string(path).ok()?;
    let value: serde_yaml::Value = serde_yaml::from_str(&text).ok()?;
    let font = value.get("font")?.as_str()?.trim().to_owned();
    let at = Positions::index(&text)
        .find("font")
        .map(|at| (at.line, at.column));
    Some((font, at))
}

/// The keys a theme file may have.
const THEME_KEYS: [&str; 5] = ["primary", "accent", "logo", "font", "confidentiality"];

/// Read and check the theme at `path`; every problem at once, each with its line.
pub fn load_theme(path: &Path) -> Result<Theme, Vec<Diagnostic>> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| {
        vec![Diagnostic::error(
            &name,
            format!("cannot read the theme file: {e}"),
        )]
    })?;
    let positions = Positions::parse(&text).map_err(|(at, message)| {
        vec![
            Diagnostic::error(&name, format!("this is not valid YAML: {message}"))
                .at(at.line, at.column),
        ]
    })?;
    // Every unknown key at once, each with its line and a near miss (serde stops at the first).
    const KEYS: [&str; 5] = THEME_KEYS;
    let unknown: Vec<Diagnostic> = positions
        .keys()
        .iter()
        .filter(|key| key.parent.is_empty() && !KEYS.contains(&key.name.as_str()))
        .map(|key| {
            let d = Diagnostic::error(&name, format!("unknown key \"{}\"", key.name))
                .at(key.at.line, key.at.column)
                .field(key.name.as_str());
            match super::did_you_mean(&key.name, &KEYS) {
                Some(near) => d.hint(format!("did you mean \"{near}\"?")),
                None => d.hint(format!("a theme has {}", KEYS.join(", "))),
            }
        })
        .collect();
    let file: ThemeFile = if text.trim().is_empty() {
        ThemeFile::default()
    } else {
        let deserializer = serde_yaml::Deserializer::from_str(&text);
        match serde_path_to_error::deserialize(deserializer) {
            Ok(file) => file,
            Err(e) => {
                let mut all = unknown;
                all.push(super::load::diagnose(&name, &e));
                crate::error::attach_excerpts(&mut all, &text);
                return Err(all);
            }
        }
    };
    let mut problems = unknown;
    let mut problem = |field: &str, message: String, hint: &str| {
        let mut d = Diagnostic::error(&name, message).field(field).hint(hint);
        if let Some(at) = positions.find(field) {
            d = d.at(at.line, at.column);
        }
        problems.push(d);
    };
    let mut colour = |field: &str, value: &Option<String>, least: f64, what: &str| {
        let value = value.as_deref()?;
        let Some(rgb) = parse_rgb(value) else {
            problem(
                field,
                format!("{value:?} is not a colour"),
                "write it as \"#RRGGBB\", e.g. \"#0B4F6C\"",
            );
            return None;
        };
        // Compared as printed, so that 4.48 is not "4.5 needs 4.5".
        let contrast = (contrast_with_white(rgb) * 100.0).floor() / 100.0;
        if contrast < least {
            problem(
                field,
                format!(
                    "{value} is too light for {what}: its contrast with white is {contrast:.2}:1, \
                     and it needs {least:.1}:1 to read on screen and in grey-scale print"
                ),
                "choose a darker shade",
            );
            return None;
        }
        Some(rgb)
    };
    let primary = colour(
        "primary",
        &file.primary,
        PRIMARY_CONTRAST,
        "white text on it",
    );
    let accent = colour(
        "accent",
        &file.accent,
        ACCENT_CONTRAST,
        "lines on a white page",
    );
    let dir = path.parent().unwrap_or(Path::new(""));
    let mut warnings = Vec::new();
    let logo = match &file.logo {
        None => None,
        Some(relative) => match super::logo::read(&dir.join(relative)) {
            Ok(logo) => {
                if let Some(message) = logo.print_warning() {
                    let mut d = Diagnostic::warning(&name, message).field("logo");
                    if let Some(at) = positions.find("logo") {
                        d = d.at(at.line, at.column);
                    }
                    warnings.push(d);
                }
                Some(logo)
            }
            Err(message) => {
                problem(
                    "logo",
                    message,
                    "the path is relative to the theme file; PNG, JPEG, WebP and SVG are supported",
                );
                None
            }
        },
    };
    for (field, value) in [
        ("font", &file.font),
        ("confidentiality", &file.confidentiality),
    ] {
        if value.as_deref().is_some_and(|v| v.trim().is_empty()) {
            problem(
                field,
                "is empty".into(),
                "leave the key out to keep the default",
            );
        }
    }
    if let Some(why) = file
        .confidentiality
        .as_deref()
        .and_then(super::notice_too_long)
    {
        problem(
            "confidentiality",
            why,
            "keep the footer line short (\"Acme confidential\"); put longer terms in the contract",
        );
    }
    if !problems.is_empty() {
        crate::error::attach_excerpts(&mut problems, &text);
        return Err(problems);
    }
    let font_at = positions.find("font").map(|at| (at.line, at.column));
    let logo_at = positions.find("logo").map(|at| (at.line, at.column));
    let mut files = vec![path.to_owned()];
    files.extend(file.logo.as_ref().map(|l| dir.join(l)));
    Ok(Theme {
        primary,
        accent,
        logo,
        font: file.font.map(|f| f.trim().to_owned()),
        font_at,
        logo_at,
        warnings: {
            crate::error::attach_excerpts(&mut warnings, &text);
            warnings
        },
        confidentiality: file.confidentiality.map(|c| c.trim().to_owned()),
        files,
    })
}

/// `#RRGGBB` (or `RRGGBB`) as its three channels.
pub fn parse_rgb(text: &str) -> Option<Rgb> {
    let hex = text.trim().strip_prefix('#').unwrap_or(text.trim());
    if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some((channel(0)?, channel(2)?, channel(4)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_parse_and_the_primary_colours_contrast_decides() {
        assert_eq!(parse_rgb("#0B4F6C"), Some((0x0B, 0x4F, 0x6C)));
        assert_eq!(parse_rgb("blue"), None);
        // readout's own navy passes easily; a pale yellow does not.
        assert!(contrast_with_white((0x1F, 0x3A, 0x5F)) > 10.0);
        assert!(contrast_with_white((0xF5, 0xE0, 0x70)) < 2.0);
    }

    #[test]
    fn every_problem_of_a_theme_is_listed_with_its_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("theme.yaml");
        std::fs::write(
            &path,
            "primary: \"#F5E070\"\naccent: teal\nlogo: missing.png\nconfidentiality: \"  \"\n",
        )
        .unwrap();
        let problems = load_theme(&path).unwrap_err();
        let lines: Vec<String> = problems.iter().map(|d| d.to_string()).collect();
        let all = lines.join("\n");
        assert_eq!(problems.len(), 4, "{all}");
        assert!(
            all.contains(":1:1: primary: #F5E070 is too light for white text on it"),
            "{all}"
        );
        assert!(
            all.contains(":2:1: accent: \"teal\" is not a colour"),
            "{all}"
        );
        assert!(all.contains(":3:1: logo: cannot read the logo"), "{all}");
        assert!(all.contains(":4:1: confidentiality: is empty"), "{all}");

        std::fs::write(&path, "primary: \"#0B4F6C\"\nprimry: x\n").unwrap();
        let problems = load_theme(&path).unwrap_err();
        assert!(
            problems[0].to_string().contains("primry"),
            "{}",
            problems[0]
        );
    }
}
