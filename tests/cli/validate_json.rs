//! `validate --format json`: every problem of every file as one JSON array on stdout, with
//! the same places as the text form, and the same exit code.

use crate::support::{readout, stderr};

const HEAD: &str = "\
readout: 1
account:
  name: Acme
period: { label: Q3 2026, start: 2026-07-01, end: 2026-09-30 }
";

#[test]
fn json_lists_errors_and_warnings_of_every_file_with_their_places() {
    let dir = tempfile::tempdir().unwrap();
    let bad = format!("{HEAD}health: {{ score: 140 }}\ncommercial: {{ currency: usd, arr: 5 }}\n");
    std::fs::write(dir.path().join("bad.yaml"), bad).unwrap();
    let warned = format!("{HEAD}commercial: {{ currency: USD, arr: 10, revenue_at_risk: 20 }}\n");
    std::fs::write(dir.path().join("warned.yaml"), warned).unwrap();

    let out = readout(
        dir.path(),
        &["validate", "--format", "json", "bad.yaml", "warned.yaml"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}): {}",
            String::from_utf8_lossy(&out.stdout)
        )
    });
    let all = json.as_array().expect("one array");
    assert_eq!(all.len(), 3, "{json:#}");
    for d in all {
        for key in [
            "level", "file", "line", "column", "field", "message", "hint",
        ] {
            assert!(d.get(key).is_some(), "no {key} in {d}");
        }
    }

    assert_eq!(all[0]["level"], "error");
    assert_eq!(all[0]["file"], "bad.yaml");
    assert_eq!(
        (all[0]["line"].as_u64(), all[0]["column"].as_u64()),
        (Some(5), Some(11))
    );
    assert_eq!(all[0]["field"], "health.score");
    assert_eq!(all[0]["message"], "must be between 0 and 100, found 140");

    assert_eq!(all[1]["level"], "error");
    assert_eq!(
        (all[1]["line"].as_u64(), all[1]["column"].as_u64()),
        (Some(6), Some(15))
    );
    assert_eq!(all[1]["field"], "commercial.currency");

    assert_eq!(all[2]["level"], "warning");
    assert_eq!(all[2]["file"], "warned.yaml");
    assert_eq!(all[2]["field"], "commercial.revenue_at_risk");
    assert!(
        all[2]["message"]
            .as_str()
            .unwrap()
            .contains("larger than the ARR"),
        "{}",
        all[2]
    );
}

#[test]
fn json_of_a_clean_file_is_an_empty_array_and_exit_zero() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ok.yaml"), HEAD).unwrap();
    let out = readout(dir.path(), &["validate", "--format", "json", "ok.yaml"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json, serde_json::json!([]));
}
