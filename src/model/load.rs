//! Reading an account file: YAML text → [`Account`], or every problem found with its file,
//! line, column and field path. The one place in the crate that calls `serde_yaml`.

use std::path::{Path, PathBuf};

use super::{Account, Positions};
use crate::error::Diagnostic;

/// An account file as read from disk.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as the user gave it; diagnostics print it as is.
    pub path: PathBuf,
    pub text: String,
}

impl SourceFile {
    pub fn name(&self) -> String {
        self.path.display().to_string()
    }

    /// The folder relative paths in the file (the logo) are resolved against.
    pub fn dir(&self) -> &Path {
        self.path.parent().unwrap_or(Path::new("."))
    }
}

/// A parsed account with what is needed to point back into its file.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub account: Account,
    pub source: SourceFile,
    pub positions: Positions,
    /// The logo's bytes, read and checked when the account names one.
    pub logo: Option<Logo>,
    /// The theme the file names (`theme:`), read and checked with it; `None` without one or
    /// when it has problems (they are in `problems`).
    pub theme: Option<super::Theme>,
    /// Problems met while loading that did not stop parsing (an unreadable logo); reported
    /// together with validation's.
    pub problems: Vec<Diagnostic>,
}

pub use super::logo::Logo;

/// Read and parse an account file.
pub fn load_file(path: &Path) -> Result<Loaded, Vec<Diagnostic>> {
    let name = path.display().to_string();
    // A pipe or a device would block the read or never end: only regular files are accounts.
    if let Ok(meta) = std::fs::metadata(path)
        && !meta.is_file()
    {
        let what = if meta.is_dir() {
            "a folder"
        } else {
            "not a regular file"
        };
        return Err(vec![Diagnostic::error(
            &name,
            format!("cannot read the file: it is {what}"),
        )]);
    }
    let bytes = std::fs::read(path).map_err(|e| {
        vec![Diagnostic::error(
            &name,
            format!("cannot read the file: {e}"),
        )]
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = good.iter().filter(|b| **b == b'\n').count() + 1;
        let column = good.iter().rev().take_while(|b| **b != b'\n').count() + 1;
        vec![
            Diagnostic::error(&name, "the file is not UTF-8 text")
                .at(line, column)
                .hint("save the file as UTF-8 (most editors offer it under \"Save as\" or \"Encoding\")"),
        ]
    })?;
    // A byte-order mark is how some editors start UTF-8 files; it is not part of the YAML.
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_owned(),
        None => text,
    };
    let source = SourceFile {
        path: path.to_owned(),
        text,
    };
    let (account, positions) = parse(&name, &source.text).map_err(|mut problems| {
        crate::error::attach_excerpts(&mut problems, &source.text);
        problems
    })?;
    let mut problems = Vec::new();
    let logo = match &account.account.logo {
        None => None,
        Some(relative) => match super::logo::read(&source.dir().join(relative)) {
            Ok(logo) => {
                if let Some(message) = logo.print_warning() {
                    let mut d = Diagnostic::warning(&name, message).field("account.logo");
                    if let Some(at) = positions.find("account.logo") {
                        d = d.at(at.line, at.column);
                    }
                    problems.push(d);
                }
                Some(logo)
            }
            Err(message) => {
                let mut d = Diagnostic::error(&name, message).field("account.logo");
                if let Some(at) = positions.find("account.logo") {
                    d = d.at(at.line, at.column);
                }
                problems.push(
                    d.hint(
                        "the path is relative to the account file; PNG, JPEG, WebP and SVG are supported",
                    ),
                );
                None
            }
        },
    };
    // A theme the file names is checked with it: `readout validate` finds its problems too.
    let mut theme = None;
    if let Some(relative) = &account.theme {
        let path = source.dir().join(relative);
        match super::theme::load_theme(&path) {
            Ok(loaded) => {
                problems.extend(loaded.warnings.iter().cloned());
                theme = Some(loaded);
            }
            Err(theme_problems) => {
                let mut d = Diagnostic::error(
                    &name,
                    format!("the theme {} cannot be used", path.display()),
                )
                .field("theme")
                .hint("the path is relative to the account file; its problems are listed under its name");
                if let Some(at) = positions.find("theme") {
                    d = d.at(at.line, at.column);
                }
                problems.push(d);
                problems.extend(theme_problems);
            }
        }
    }
    Ok(Loaded {
        account,
        source,
        positions,
        logo,
        theme,
        problems,
    })
}

/// Parse account YAML; `name` is how diagnostics refer to the text.
pub fn parse(name: &str, text: &str) -> Result<(Account, Positions), Vec<Diagnostic>> {
    if text.trim().is_empty() {
        return Err(vec![Diagnostic::error(
            name,
            "the file is empty; an account file starts with `readout: 1`",
        )]);
    }
    // The positioned parse first: a YAML syntax error is reported at its place with no field
    // (serde would name the field it was in, which misleads), and the structure's own
    // problems — unknown and repeated keys — are all found in one pass.
    let positions = Positions::parse(text).map_err(|(at, message)| {
        vec![
            Diagnostic::error(name, format!("this is not valid YAML: {message}"))
                .at(at.line, at.column),
        ]
    })?;
    let mut problems = super::keys::unknown_keys(name, &positions);
    problems.extend(super::keys::duplicate_keys(name, &positions));
    let deserializer = serde_yaml::Deserializer::from_str(text);
    match serde_path_to_error::deserialize::<_, Account>(deserializer) {
        Ok(account) if problems.is_empty() => Ok((account, positions)),
        Ok(_) => Err(problems),
        Err(error) => {
            // serde stops at its first problem; add it unless it is one already listed.
            let first = diagnose(name, &error);
            if !problems.iter().any(|d| d.field == first.field) {
                problems.push(first);
            }
            problems.sort_by_key(|d| (d.line.is_none(), d.line, d.column));
            Err(problems)
        }
    }
}

/// Turn serde's error into our diagnostic: position from serde_yaml, path from
/// serde_path_to_error, and the message rewritten in the words of the account file.
pub(super) fn diagnose(
    name: &str,
    error: &serde_path_to_error::Error<serde_yaml::Error>,
) -> Diagnostic {
    let inner = error.inner();
    let path = error.path().to_string();
    let raw = inner.to_string();
    // serde_yaml writes `path: message at line L column C`; keep only the message.
    let raw = raw.split(" at line ").next().unwrap_or(&raw);
    // Its path (which can differ from serde_path_to_error's) leads the message: drop it.
    let raw = match raw.strip_prefix(&format!("{path}: ")) {
        Some(rest) => rest,
        None => match SERDE_PHRASES
            .iter()
            .filter_map(|phrase| raw.find(phrase))
            .min()
        {
            Some(start) => &raw[start..],
            // serde_yaml's own path can stop short of ours (at a map's key): a leading
            // `metrics[1].values: ` that is a prefix of our path is that path, not the message.
            None => match raw.split_once(": ") {
                Some((head, rest)) if !head.contains(' ') && path.starts_with(head) => rest,
                _ => raw,
            },
        },
    };
    let (mut field, message, hint) = reword(&path, raw);
    if field == "." {
        field.clear();
    }
    let mut diagnostic = Diagnostic::error(name, message).field(field);
    if let Some(hint) = hint {
        diagnostic = diagnostic.hint(hint);
    }
    if let Some(at) = inner.location() {
        diagnostic = diagnostic.at(at.line(), at.column());
    }
    diagnostic
}

/// How serde's own messages begin; anything before them is a path prefix.
const SERDE_PHRASES: [&str; 8] = [
    "unknown field",
    "unknown variant",
    "missing field",
    "invalid type",
    "invalid value",
    "invalid length",
    "duplicate field",
    "duplicate entry",
];

/// The words between the first pair of backticks in `text` after `start`, and the rest.
fn backticked(text: &str) -> Vec<&str> {
    text.split('`').skip(1).step_by(2).collect()
}

fn quoted_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => format!("\"{one}\""),
        [a, b] => format!("\"{a}\" or \"{b}\""),
        [rest @ .., last] => {
            let rest: Vec<String> = rest.iter().map(|s| format!("\"{s}\"")).collect();
            format!("one of {}, or \"{last}\"", rest.join(", "))
        }
    }
}

/// The closest candidate to `word`, if it is close enough to be a likely typo.
pub(crate) fn did_you_mean<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let word = word.to_lowercase();
    candidates
        .iter()
        .map(|c| (strsim::damerau_levenshtein(&word, &c.to_lowercase()), *c))
        .filter(|(distance, c)| *distance <= (c.len().max(word.len()) / 3).max(1))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, c)| c)
}

/// serde's message → (field path, message, hint).
fn reword(path: &str, raw: &str) -> (String, String, Option<String>) {
    let names = backticked(raw);
    if raw.starts_with("unknown field") {
        let (key, expected) = names.split_first().unwrap_or((&"?", &[]));
        let field = if path.is_empty() || path == "." {
            (*key).to_owned()
        } else if path.ends_with(key) {
            path.to_owned()
        } else {
            format!("{path}.{key}")
        };
        let message = match did_you_mean(key, expected) {
            Some(close) => format!("unknown key \"{key}\"; did you mean \"{close}\"?"),
            None => format!("unknown key \"{key}\""),
        };
        let hint =
            (!expected.is_empty()).then(|| format!("keys allowed here: {}", expected.join(", ")));
        return (field, message, hint);
    }
    if raw.starts_with("unknown variant") {
        let (found, expected) = names.split_first().unwrap_or((&"?", &[]));
        let mut message = format!("expected {}, found \"{found}\"", quoted_list(expected));
        if let Some(close) = did_you_mean(found, expected) {
            message.push_str(&format!("; did you mean \"{close}\"?"));
        }
        return (path.to_owned(), message, None);
    }
    if raw.starts_with("missing field") {
        let key = names.first().copied().unwrap_or("?");
        return (
            path.to_owned(),
            format!("missing required key \"{key}\""),
            None,
        );
    }
    if let Some(rest) = raw.strip_prefix("invalid type: ") {
        // `string "abc", expected f64`
        if let Some((found, expected)) = rest.split_once(", expected ") {
            let expected = match expected {
                "f64" | "f32" => "a number",
                "u32" | "u8" | "i32" | "u64" | "i64" | "usize" => "a whole number",
                "a string" => "text",
                "a boolean" => "true or false",
                e if e.starts_with("a sequence") => "a list",
                e if e.starts_with("struct") || e.starts_with("a map") => "a mapping of keys",
                e => e,
            };
            // `1,250,000` is text to YAML: say how to write it.
            let separators = found.starts_with("string \"")
                && found.contains(',')
                && found
                    .trim_start_matches("string \"")
                    .trim_end_matches('"')
                    .chars()
                    .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '-'));
            let hint = separators.then(|| {
                "write numbers without thousands separators: 1250000, not 1,250,000".to_owned()
            });
            return (
                path.to_owned(),
                format!("expected {expected}, found {found}"),
                hint,
            );
        }
    }
    if raw.starts_with("invalid value: ") {
        return (
            path.to_owned(),
            raw.trim_start_matches("invalid value: ").to_owned(),
            None,
        );
    }
    if raw.starts_with("duplicate entry") || raw.starts_with("duplicate field") {
        return (path.to_owned(), format!("appears twice: {raw}"), None);
    }
    (path.to_owned(), raw.to_owned(), None)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = "\
readout: 1
account:
  name: Acme
period: { label: Q3 2026, start: 2026-07-01, end: 2026-09-30 }
";

    fn error_of(text: &str) -> Diagnostic {
        let mut errors = parse("t.yaml", text).unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
        errors.remove(0)
    }

    #[test]
    fn a_minimal_account_parses_with_defaults() {
        let (account, _) = parse("t.yaml", MINIMAL).unwrap();
        assert_eq!(account.account.name, "Acme");
        assert_eq!(account.template, super::super::Template::BusinessReview);
        assert!(account.metrics.is_empty());
    }

    #[test]
    fn an_unknown_key_is_named_with_its_line_and_a_suggestion() {
        let text = format!("{MINIMAL}healht: {{ score: 70 }}\n");
        let d = error_of(&text);
        assert_eq!((d.line, d.field.as_deref()), (Some(5), Some("healht")));
        assert_eq!(
            d.message,
            "unknown key \"healht\"; did you mean \"health\"?"
        );
    }

    #[test]
    fn a_nested_unknown_key_is_named_by_its_full_path() {
        let text =
            format!("{MINIMAL}commercial:\n  currency: USD\n  arr: 1\n  renewal_dat: 2027-01-01\n");
        let d = error_of(&text);
        assert_eq!(d.field.as_deref(), Some("commercial.renewal_dat"));
        assert_eq!(
            d.message,
            "unknown key \"renewal_dat\"; did you mean \"renewal_date\"?"
        );
        assert_eq!((d.line, d.column), (Some(8), Some(3)));
    }

    #[test]
    fn every_unknown_key_and_the_first_type_error_come_together() {
        let text = format!(
            "{MINIMAL}commercial: {{ currency: USD, arr: lots, renewal_dat: 2027-01-01 }}\nhealht: {{ score: 70 }}\n"
        );
        // serde stops at `arr`, its first problem; the unknown keys after it are listed too.
        let found = parse("t.yaml", &text).unwrap_err();
        let fields: Vec<&str> = found.iter().map(|d| d.field.as_deref().unwrap()).collect();
        assert_eq!(
            fields,
            ["commercial.arr", "commercial.renewal_dat", "healht"],
            "{found:#?}"
        );
        assert_eq!(found[0].message, "expected a number, found string \"lots\"");
    }

    #[test]
    fn a_wrong_enum_value_lists_the_allowed_ones() {
        let text = format!(
            "{MINIMAL}metrics:\n  - id: a\n    label: A\n    unit: hours\n    better: up\n    source: s\n    owner: o\n    values: {{}}\n"
        );
        let d = error_of(&text);
        assert_eq!(d.field.as_deref(), Some("metrics[0].better"));
        assert_eq!(d.line, Some(9));
        assert_eq!(d.message, "expected \"higher\" or \"lower\", found \"up\"");
    }

    #[test]
    fn yaml_1_1_traps_stay_text() {
        let text = "readout: 1\naccount: { name: Acme, id: 0042, region: NO }\nperiod: { label: 1.10, start: 2026-07-01, end: 2026-09-30 }\n";
        let (account, _) = parse("t.yaml", text).unwrap();
        assert_eq!(account.account.id.as_deref(), Some("0042"));
        assert_eq!(account.account.region.as_deref(), Some("NO"));
        assert_eq!(account.period.label, "1.10");
    }

    #[test]
    fn a_bad_month_key_names_its_path_once() {
        let text = format!(
            "{MINIMAL}metrics:\n  - {{ id: m, label: M, unit: count, better: lower, source: s, owner: o, values: {{ 2026-8: 1 }} }}\n"
        );
        let d = error_of(&text);
        assert_eq!(d.field.as_deref(), Some("metrics[0].values.2026-8"));
        assert_eq!(d.message, "expected a month as YYYY-MM, found \"2026-8\"");
    }

    #[test]
    fn yes_no_on_off_stay_words_and_version_like_labels_keep_their_digits() {
        let text = "readout: 1\naccount: { name: Acme }\nperiod: { label: 2024.10, start: 2026-07-01, end: 2026-09-30 }\nhighlights: [no, on, off, yes, NO, Yes]\n";
        let (account, _) = parse("t.yaml", text).unwrap();
        assert_eq!(account.period.label, "2024.10");
        assert_eq!(account.highlights, ["no", "on", "off", "yes", "NO", "Yes"]);
    }

    #[test]
    fn a_bad_date_names_the_field() {
        let text = MINIMAL.replace("2026-09-30", "2026-09-31");
        let d = error_of(&text);
        assert_eq!(d.field.as_deref(), Some("period.end"));
        assert!(
            d.message.contains("not a day of the calendar"),
            "{}",
            d.message
        );
    }

    #[test]
    fn broken_yaml_and_empty_files_are_errors_not_panics() {
        assert!(error_of("readout: [1\n").line.is_some());
        assert!(error_of("   \n").message.contains("empty"));
        assert!(error_of("- a\n- b\n").message.contains("expected"));
    }
}
