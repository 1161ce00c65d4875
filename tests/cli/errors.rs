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
        "bad.yaml:5:11: health.score: must be between 0 and 100, found 140",
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
        stderr(&out).contains("is not a PNG, JPEG, WebP or SVG image"),
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

#[test]
fn a_reversed_period_with_metrics_is_an_error_not_a_crash() {
    // Regression: checking a series against a reversed period panicked in BTreeMap::range.
    let dir = tempfile::tempdir().unwrap();
    let text = "readout: 1\naccount: { name: A }\nperiod: { label: Q3, start: 2026-09-30, end: 2026-07-01 }\nmetrics:\n  - { id: m, label: M, unit: count, better: lower, source: s, owner: o, values: { 2026-06: 1 } }\n";
    let file = write(dir.path(), "rev.yaml", text);
    let out = readout(dir.path(), &["validate", &file]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(
            "rev.yaml:3:41: period.end: the period ends (1 Jul 2026) before it starts (30 Sep 2026)"
        ),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_report_never_replaces_its_own_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let png = std::fs::read(crate::support::sample("northwind.png")).unwrap();
    std::fs::write(dir.path().join("logo.png"), &png).unwrap();
    let text = GOOD_HEAD.replace("  name: Acme\n", "  name: Acme\n  logo: logo.png\n");
    let file = write(dir.path(), "acme.yaml", &text);
    for target in ["acme.yaml", "./acme.yaml", "logo.png"] {
        let out = readout(dir.path(), &["render", &file, "-o", target]);
        assert_eq!(out.status.code(), Some(2), "{target}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("writing the report there would destroy it"),
            "{}",
            stderr(&out)
        );
    }
    assert_eq!(
        std::fs::read_to_string(dir.path().join("acme.yaml")).unwrap(),
        text
    );
    assert_eq!(std::fs::read(dir.path().join("logo.png")).unwrap(), png);

    std::fs::create_dir(dir.path().join("out")).unwrap();
    let out = readout(dir.path(), &["render", &file, "-o", "out"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("out is a folder; give the report a file name, e.g. out/report.pdf"),
        "{}",
        stderr(&out)
    );

    let out = readout(dir.path(), &["render", &file, "-o", "missing/r.pdf"]);
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stderr(&out).contains("cannot write missing/r.pdf: No such file or directory"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_logo_that_is_truncated_a_device_or_huge_is_refused_before_rendering() {
    let dir = tempfile::tempdir().unwrap();
    let png = std::fs::read(crate::support::sample("northwind.png")).unwrap();
    std::fs::write(dir.path().join("cut.png"), &png[..png.len() / 2]).unwrap();
    std::fs::write(dir.path().join("huge.png"), png_header(5000, 5000)).unwrap();
    let cases = [
        ("cut.png", "cannot be decoded"),
        ("/dev/zero", "is not a file"),
        (
            "huge.png",
            "is 5000×5000 pixels; use one at most 4000 pixels a side",
        ),
    ];
    for (logo, expected) in cases {
        let text = GOOD_HEAD.replace("  name: Acme\n", &format!("  name: Acme\n  logo: {logo}\n"));
        let file = write(dir.path(), "l.yaml", &text);
        let out = readout(dir.path(), &["render", &file]);
        assert_eq!(out.status.code(), Some(1), "{logo}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("l.yaml:4:3: account.logo: the logo"),
            "{}",
            stderr(&out)
        );
        assert!(stderr(&out).contains(expected), "{logo}: {}", stderr(&out));
    }
}

/// The signature, header and an empty data chunk of a PNG claiming `width`×`height`: enough to
/// be sized, not to be drawn.
fn png_header(width: u32, height: u32) -> Vec<u8> {
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = !0u32;
        for b in bytes {
            crc ^= u32::from(*b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }
    let mut chunk = b"IHDR".to_vec();
    chunk.extend(width.to_be_bytes());
    chunk.extend(height.to_be_bytes());
    chunk.extend([8, 6, 0, 0, 0]);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend(13u32.to_be_bytes());
    png.extend(&chunk);
    png.extend(crc32(&chunk).to_be_bytes());
    // An empty data chunk: decoders read up to the first one before they report a size.
    png.extend(0u32.to_be_bytes());
    png.extend(b"IDAT");
    png.extend(crc32(b"IDAT").to_be_bytes());
    png
}

#[test]
fn syntax_errors_repeated_keys_and_merge_keys_are_named_at_their_place() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!("{GOOD_HEAD}commercial:\n  currency: USD\n  arr: 1\n  arr: 2\n");
    let file = write(dir.path(), "dup.yaml", &text);
    let out = readout(dir.path(), &["validate", &file]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(
            "dup.yaml:8:3: commercial.arr: \"arr\" is written twice; the first is on line 7"
        ),
        "{}",
        stderr(&out)
    );

    let file = write(dir.path(), "tab.yaml", "readout: 1\naccount:\n\tname: A\n");
    let out = readout(dir.path(), &["validate", &file]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("tab.yaml:3:") && err.contains("this is not valid YAML"),
        "{err}"
    );
    assert!(
        !err.contains("account."),
        "a syntax error names no field: {err}"
    );

    let file = write(
        dir.path(),
        "merge.yaml",
        &format!(
            "{GOOD_HEAD}prepared: &p {{ by: Lee, on: 2026-10-05 }}\nhealth:\n  <<: *p\n  score: 3\n"
        ),
    );
    let out = readout(dir.path(), &["validate", &file]);
    assert!(
        stderr(&out)
            .contains("merge.yaml:7:3: health.<<: YAML merge keys (`<<`) are not supported"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_report_is_not_written_over_links_pipes_devices_or_read_only_files() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "acme.yaml", GOOD_HEAD);
    std::fs::write(dir.path().join("ro.pdf"), b"keep").unwrap();
    let mut perms = std::fs::metadata(dir.path().join("ro.pdf"))
        .unwrap()
        .permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(dir.path().join("ro.pdf"), perms).unwrap();
    std::os::unix::fs::symlink("ro.pdf", dir.path().join("link.pdf")).unwrap();
    let cases = [
        ("ro.pdf", "ro.pdf is read-only"),
        ("link.pdf", "link.pdf is a symbolic link"),
        ("/dev/null", "/dev/null is not a regular file"),
    ];
    for (target, expected) in cases {
        let out = readout(dir.path(), &["render", &file, "-o", target]);
        assert_eq!(out.status.code(), Some(2), "{target}: {}", stderr(&out));
        assert!(
            stderr(&out).contains(expected),
            "{target}: {}",
            stderr(&out)
        );
    }
    assert_eq!(std::fs::read(dir.path().join("ro.pdf")).unwrap(), b"keep");
    use std::os::unix::fs::FileTypeExt;
    assert!(
        std::fs::symlink_metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device()
    );
}

#[test]
fn dash_writes_the_pdf_to_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "acme.yaml", GOOD_HEAD);
    let out = readout(dir.path(), &["render", &file, "-o", "-"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(out.stdout.starts_with(b"%PDF-"));
    assert!(!dir.path().join("-").exists());
}
