//! Bad input: every problem named with file, line, column and field; exit code 1; nothing
//! already written is touched.

use crate::support::{readout, stderr};

const GOOD_HEAD: &str = "\
readout: 1
account:
  name: Acme
period: { label: Q3 2026, start: 2026-07-01, end: 2026-09-30 }
";

fn write(dir: &std::path::Path, name: &str, text: &str) -> String {
    std::fs::write(dir.join(name), text).unwrap();
    name.to_owned()
}

#[test]
fn an_unknown_key_names_line_column_field_and_a_suggestion() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "acme.yaml",
        &format!(
            "{GOOD_HEAD}commercial:\n  currency: USD\n  arr: 1000\n  renewal_dat: 2027-01-01\n"
        ),
    );
    let out = readout(dir.path(), &["render", &file]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("acme.yaml:8:3: commercial.renewal_dat: unknown key \"renewal_dat\"; did you mean \"renewal_date\"?"),
        "{err}"
    );
    assert!(
        err.contains("hint: keys allowed here: currency, arr, renewal_date"),
        "{err}"
    );
    assert!(!dir.path().join("acme.pdf").exists());
}

#[test]
fn a_wrong_enum_value_names_the_metric_field() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "{GOOD_HEAD}metrics:\n  - id: frt\n    label: First response\n    unit: hours\n    better: up\n    source: Zendesk\n    owner: Support\n    values: {{ 2026-09: 4 }}\n"
    );
    let file = write(dir.path(), "northwind.yaml", &text);
    let out = readout(dir.path(), &["validate", &file]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains(
            "northwind.yaml:9:13: metrics[0].better: expected \"higher\" or \"lower\", found \"up\""
        ),
        "{err}"
    );
}

#[test]
fn all_rule_problems_come_at_once_and_an_existing_report_is_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "{GOOD_HEAD}health: {{ score: 140 }}\ncommercial: {{ currency: usd, arr: -5 }}\nrisks:\n  - {{ title: Sponsor left, severity: high }}\n"
    );
    let file = write(dir.path(), "bad.yaml", &text);
    std::fs::write(dir.path().join("bad.pdf"), b"an earlier report").unwrap();
    let out = readout(dir.path(), &["render", &file, "-o", "bad.pdf"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    for expected in [
        "bad.yaml:5:11: health.score: a percentage must be between 0 and 100, found 140",
        "bad.yaml:6:15: commercial.currency: expected a three-letter ISO code such as USD, found \"usd\"",
        "bad.yaml:6:30: commercial.arr: must not be negative, found -5",
        "bad.yaml:8:5: risks[0]: the high-severity risk \"Sponsor left\" has no action",
        "4 problems found; no report was written",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in:\n{err}");
    }
    assert_eq!(
        std::fs::read(dir.path().join("bad.pdf")).unwrap(),
        b"an earlier report"
    );
}

#[test]
fn a_missing_file_broken_yaml_and_a_bad_logo_are_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let out = readout(dir.path(), &["render", "nowhere.yaml"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("nowhere.yaml: cannot read the file"),
        "{}",
        stderr(&out)
    );

    let file = write(
        dir.path(),
        "broken.yaml",
        "readout: 1\naccount: [unclosed\n",
    );
    let out = readout(dir.path(), &["render", &file]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).starts_with("error: broken.yaml:"),
        "{}",
        stderr(&out)
    );

    std::fs::write(dir.path().join("logo.png"), b"not an image").unwrap();
    let file = write(
        dir.path(),
        "logo.yaml",
        &GOOD_HEAD.replace("  name: Acme\n", "  name: Acme\n  logo: logo.png\n"),
    );
    let out = readout(dir.path(), &["render", &file]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("logo.yaml:4:3: account.logo: the logo"),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("is not a PNG or JPEG image"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn usage_errors_exit_with_two() {
    let dir = tempfile::tempdir().unwrap();
    let out = readout(dir.path(), &["render"]);
    assert_eq!(out.status.code(), Some(2));
    let out = readout(dir.path(), &["frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
}
