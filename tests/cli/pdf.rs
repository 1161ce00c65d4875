//! The PDF itself, read back with poppler's `pdftotext` and `pdffonts`: chart text is real text
//! in the report's font, and only the embedded fonts are used. `.ci/run` installs poppler; a
//! developer machine without it skips these with a note (CI never does: `CI` makes it fail).

use std::path::Path;
use std::process::Command;

use crate::support::{readout, sample, stderr};

fn poppler(tool: &str, pdf: &Path) -> Option<String> {
    match Command::new(tool).arg(pdf).arg("-").output() {
        Ok(out) if out.status.success() => Some(String::from_utf8_lossy(&out.stdout).into_owned()),
        Ok(out) => panic!("{tool} failed: {}", String::from_utf8_lossy(&out.stderr)),
        Err(_) if std::env::var_os("CI").is_some() => panic!("{tool} is missing in CI"),
        Err(_) => {
            eprintln!("note: {tool} not installed (poppler-utils); skipping this check");
            None
        }
    }
}

#[test]
fn chart_text_is_real_text_in_the_embedded_font() {
    let dir = tempfile::tempdir().unwrap();
    let input = sample("northwind-logistics.yaml");
    let out = readout(
        dir.path(),
        &["render", input.to_str().unwrap(), "-o", "r.pdf"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let pdf = dir.path().join("r.pdf");
    let Some(text) = poppler("pdftotext", &pdf) else {
        return;
    };
    // Axis and value labels drawn by plotters inside the SVG charts.
    for label in ["Apr 26", "27 d", "target = SLA", "96.2%"] {
        assert!(
            text.contains(label),
            "chart label {label:?} is not text in the PDF"
        );
    }
    // pdffonts takes no "-" argument; run it on the file alone.
    let fonts = Command::new("pdffonts")
        .arg(&pdf)
        .output()
        .expect("pdffonts runs");
    let fonts = String::from_utf8_lossy(&fonts.stdout);
    let faces: Vec<&str> = fonts
        .lines()
        .skip(2)
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert!(!faces.is_empty());
    for face in faces {
        assert!(
            face.contains("+Inter-"),
            "unexpected font {face} in:\n{fonts}"
        );
    }
}
