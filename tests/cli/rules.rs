//! The rules and YAML traps of issue 5, each with its message and line.

use crate::support::{readout, stderr};

const HEAD: &str = "\
readout: 1
account: { name: Acme }
period: { label: Q3 2026, start: 2026-07-01, end: 2026-09-30 }
";

fn validate(text: &str) -> (Option<i32>, String) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.yaml"), format!("{HEAD}{text}")).unwrap();
    let out = readout(dir.path(), &["validate", "a.yaml"]);
    (out.status.code(), stderr(&out))
}

#[test]
fn medium_risks_and_opportunities_need_owned_dated_actions_and_low_ones_are_noted() {
    let (code, err) = validate(
        "risks:\n  - { title: Churn, severity: medium }\n  - { title: Noise, severity: low }\nopportunities:\n  - { title: Upsell, action: { what: Pitch } }\n",
    );
    assert_eq!(code, Some(1), "{err}");
    for expected in [
        "error: a.yaml:5:5: risks[0]: the medium-severity risk \"Churn\" has no action",
        "warning: a.yaml:6:5: risks[1]: the low-severity risk \"Noise\" has no action",
        "error: a.yaml:8:22: opportunities[0].action: an opportunity's action needs an owner",
        "error: a.yaml:8:22: opportunities[0].action: an opportunity's action needs a due date",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in\n{err}");
    }
}

#[test]
fn fractions_written_as_percentages_and_months_out_of_order_are_warned_about() {
    let (code, err) = validate(
        "metrics:\n  - id: att\n    label: Attainment\n    unit: percent\n    better: higher\n    source: s\n    owner: o\n    values:\n      2026-09: 0.91\n      2026-07: 0.85\n",
    );
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains("warning: a.yaml:11:5: metrics[0].values: every value is 1 or less: were fractions written for percentages?"), "{err}");
    assert!(
        err.contains(
            "warning: a.yaml:13:7: metrics[0].values.2026-07: 2026-07 comes after 2026-09"
        ),
        "{err}"
    );
}

#[test]
fn yaml_traps_give_clear_messages() {
    // Thousands separators make a number text.
    let (code, err) = validate("commercial:\n  currency: USD\n  arr: 1,250,000\n");
    assert_eq!(code, Some(1));
    assert!(
        err.contains("a.yaml:6:8: commercial.arr: expected a number, found string \"1,250,000\""),
        "{err}"
    );
    assert!(
        err.contains("hint: write numbers without thousands separators"),
        "{err}"
    );

    // A tab in the indentation is named as a tab, at its place, with no field.
    let (code, err) = validate("health:\n\tscore: 70\n");
    assert_eq!(code, Some(1));
    assert!(
        err.contains("this is not valid YAML") && err.to_lowercase().contains("tab"),
        "{err}"
    );

    // YAML 1.1 booleans are not booleans here: where text goes they stay text, and where a
    // true/false goes, "yes" is refused with the words to use.
    let (code, err) = validate(
        "incidents:\n  - { id: I-1, title: Down, priority: P1, opened: 2026-08-03T09:12, sla_met: yes }\n",
    );
    assert_eq!(code, Some(1));
    assert!(
        err.contains("incidents[0].sla_met: expected true or false, found string \"yes\""),
        "{err}"
    );
    let (code, err) = validate("highlights: [no, on, off, yes, NO]\n");
    assert_eq!(code, Some(0), "{err}");
}

#[test]
fn each_problem_shows_its_line_with_the_place_marked() {
    let (code, err) = validate("health:\n  score: 140\n");
    assert_eq!(code, Some(1));
    assert!(
        err.contains("error: a.yaml:5:3: health.score: must be between 0 and 100, found 140\n    |\n  5 |   score: 140\n    |   ^\n"),
        "{err}"
    );
}

#[test]
fn a_metric_without_source_or_owner_is_a_warning_and_prints_a_dash() {
    let (code, err) = validate(
        "metrics:\n  - { id: m, label: Logins, unit: count, better: higher, values: { 2026-09: 5 } }\n",
    );
    assert_eq!(code, Some(0), "{err}");
    assert!(
        err.contains("warning: a.yaml:5:5: metrics[0]: the metric \"Logins\" has no source"),
        "{err}"
    );
    assert!(
        err.contains("warning: a.yaml:5:5: metrics[0]: the metric \"Logins\" has no owner"),
        "{err}"
    );
}

#[test]
fn an_alias_bomb_is_refused_at_once() {
    // Nine levels of ten aliases each: a billion strings if anything expanded it.
    let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..9 {
        let refs = vec![format!("*a{}", i - 1); 10].join(", ");
        text.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    text.push_str("highlights: *a8\n");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.yaml"), format!("{HEAD}{text}")).unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_readout"))
        .args(["validate", "a.yaml"])
        .current_dir(dir.path())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Refused, not expanded: the process ends well within seconds.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if std::time::Instant::now() > deadline {
            child.kill().unwrap();
            panic!("readout was still expanding the aliases after 20 s");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(1));
}

#[test]
fn a_file_that_is_not_utf8_is_named_at_its_first_bad_byte() {
    let dir = tempfile::tempdir().unwrap();
    // "Café" in Latin-1 on line 2.
    std::fs::write(
        dir.path().join("latin1.yaml"),
        b"readout: 1\naccount: { name: Caf\xe9 }\n",
    )
    .unwrap();
    let out = readout(dir.path(), &["validate", "latin1.yaml"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("error: latin1.yaml:2:21: the file is not UTF-8 text"),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("hint: save the file as UTF-8"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn fractions_against_a_whole_number_target_are_an_error() {
    let (code, err) = validate(
        "metrics:\n  - { id: att, label: Attainment, unit: percent, better: higher, target: 95, source: s, owner: o, values: { 2026-08: 0.91, 2026-09: 0.96 } }\n",
    );
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("error: a.yaml:5:99: metrics[0].values: every value is 1 or less"),
        "{err}"
    );
}
