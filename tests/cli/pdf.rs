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

/// `qpdf --qdf` rewrites a PDF with every object uncompressed and readable.
fn uncompressed(pdf: &Path) -> Option<String> {
    let out = pdf.with_extension("qdf.pdf");
    match Command::new("qpdf")
        .args(["--qdf", "--object-streams=disable"])
        .arg(pdf)
        .arg(&out)
        .status()
    {
        Ok(status) => {
            assert!(status.success(), "qpdf could not read {}", pdf.display());
            Some(String::from_utf8_lossy(&std::fs::read(out).unwrap()).into_owned())
        }
        Err(_) if std::env::var_os("CI").is_some() => panic!("qpdf is missing in CI"),
        Err(_) => {
            eprintln!("note: qpdf not installed; skipping this check");
            None
        }
    }
}

#[test]
fn pdf_a_and_pdf_ua_are_declared_and_charts_are_described_from_their_data() {
    let dir = tempfile::tempdir().unwrap();
    let input = sample("northwind-logistics.yaml");
    let input = input.to_str().unwrap();
    let out = readout(
        dir.path(),
        &[
            "render",
            input,
            "-o",
            "r.pdf",
            "--pdf-standard",
            "a-2b,ua-1",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let bytes = std::fs::read(dir.path().join("r.pdf")).unwrap();
    let meta = crate::support::xmp(&bytes);
    for claim in [
        "<pdfaid:part>2</pdfaid:part>",
        "<pdfaid:conformance>B</pdfaid:conformance>",
        "<pdfuaid:part>1</pdfuaid:part>",
    ] {
        assert!(meta.contains(claim), "{claim} missing from\n{meta}");
    }
    let plain = readout(dir.path(), &["render", input, "-o", "plain.pdf"]);
    assert!(plain.status.success());
    let plain = std::fs::read(dir.path().join("plain.pdf")).unwrap();
    assert!(!crate::support::xmp(&plain).contains("pdfuaid"));

    let Some(text) = uncompressed(&dir.path().join("r.pdf")) else {
        return;
    };
    // Tagged, in a language, and each chart's alternative text says what it shows.
    assert!(text.contains("/StructTreeRoot"));
    assert!(text.contains("/Lang (en)"));
    for alt in [
        "/Alt (Win rate, April to September 2026: from 28% to 38%; target 35%)",
        "/Alt (Health score, April to September 2026: from 81 to 72)",
        "/Alt (Logo of Northwind Logistics)",
    ] {
        assert!(text.contains(alt), "{alt} missing");
    }

    // Standards that cannot go together, or that readout does not know, are usage errors.
    for (list, why) in [
        ("a-2b,a-3b", "choose at most one PDF/A standard"),
        (
            "a-9",
            "unknown PDF standard \"a-9\"; choose from a-2b, a-2u, a-3b, a-4, ua-1",
        ),
    ] {
        let out = readout(
            dir.path(),
            &["render", input, "-o", "x.pdf", "--pdf-standard", list],
        );
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(stderr(&out).contains(why), "{}", stderr(&out));
        assert!(!dir.path().join("x.pdf").exists());
    }
}

#[test]
fn a_cmyk_jpeg_logo_meets_pdf_a_as_rgb() {
    // PDF/A cannot carry a CMYK image without a colour profile; readout writes it as RGB.
    let dir = tempfile::tempdir().unwrap();
    let fixture = crate::support::repo().join("tests/fixtures/cmyk-logo.jpg");
    std::fs::copy(&fixture, dir.path().join("logo.jpg")).unwrap();
    let account = std::fs::read_to_string(sample("northwind-logistics.yaml"))
        .unwrap()
        .replace("logo: northwind.png", "logo: logo.jpg");
    assert!(account.contains("logo: logo.jpg"));
    std::fs::write(dir.path().join("cmyk.yaml"), account).unwrap();
    let out = readout(
        dir.path(),
        &["render", "cmyk.yaml", "--pdf-standard", "a-2b"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let bytes = std::fs::read(dir.path().join("cmyk.pdf")).unwrap();
    assert!(crate::support::xmp(&bytes).contains("<pdfaid:part>2</pdfaid:part>"));
    let Some(text) = uncompressed(&dir.path().join("cmyk.pdf")) else {
        return;
    };
    assert!(!text.contains("/DeviceCMYK"), "a CMYK image is in the PDF");
    assert!(text.contains("/Width 48"), "the 48-pixel logo is missing");
}
