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
            "a-1b,ua-1",
            "PDF/UA-1 cannot go with PDF/A-1b, whose PDF 1.4 cannot tag the page headers",
        ),
        (
            "a-9",
            "unknown PDF standard \"a-9\"; choose from a-1b, a-2b, a-2u, a-3b, a-4, ua-1",
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

/// The findings of pdfua (PyPI; an independent checker of the machine-checkable part of
/// PDF/UA-1, built on pikepdf) for `pdf`, by rule id; `None` when pdfua is not installed.
fn pdfua(pdf: &Path) -> Option<Vec<String>> {
    match Command::new("pdfua")
        .args(["check", "--format", "json"])
        .arg(pdf)
        .output()
    {
        Ok(out) => {
            let report: serde_json::Value = serde_json::from_slice(&out.stdout)
                .unwrap_or_else(|e| panic!("pdfua said: {e}: {}", stderr(&out)));
            assert_eq!(report["summary"]["rules_run"], 12, "{report}");
            let findings = report["findings"].as_array().unwrap();
            Some(
                findings
                    .iter()
                    .map(|f| format!("{} {}", f["rule_id"], f["message"]))
                    .collect(),
            )
        }
        Err(_) if std::env::var_os("CI").is_some() => panic!("pdfua is missing in CI"),
        Err(_) => {
            eprintln!("note: pdfua not installed (pip install pdfua); skipping this check");
            None
        }
    }
}

/// Reports in `dir` for the standards `report`: every template, the first in the bundled
/// theme (an SVG logo) over Northwind's PNG logo with transparent corners, the hostile
/// sample's scripts and markup; then a board pack of every sample for `pack`. Their paths,
/// the board pack's last.
fn every_template_and_a_pack(dir: &Path, report: &str, pack: &str) -> Vec<std::path::PathBuf> {
    let brand = crate::support::repo().join("samples/brand/theme.yaml");
    let mut pdfs = Vec::new();
    for (file, template, theme) in [
        ("northwind-logistics.yaml", "business-review", true),
        ("halvorsen-maritime.yaml", "service-review", false),
        ("corvane-retail.yaml", "account-management", false),
        ("hostile-markup.yaml", "business-review", false),
    ] {
        let name = format!("{template}-{file}.pdf");
        let input = sample(file);
        let mut args = vec![
            "render",
            input.to_str().unwrap(),
            "--template",
            template,
            "--pdf-standard",
            report,
            "-o",
            &name,
        ];
        if theme {
            args.extend(["--theme", brand.to_str().unwrap()]);
        }
        let out = readout(dir, &args);
        assert!(out.status.success(), "{}", stderr(&out));
        pdfs.push(dir.join(name));
    }
    let samples = crate::support::repo().join("samples");
    let out = readout(
        dir,
        &[
            "pack",
            samples.to_str().unwrap(),
            "-o",
            "pack",
            "--board-pack",
            "board.pdf",
            "--pdf-standard",
            pack,
            "--quiet",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    pdfs.push(dir.join("board.pdf"));
    pdfs
}

#[test]
fn an_independent_checker_finds_nothing_wrong_under_pdf_ua() {
    let dir = tempfile::tempdir().unwrap();
    let pdfs = every_template_and_a_pack(dir.path(), "a-2b,ua-1", "ua-1");
    for pdf in &pdfs {
        let Some(findings) = pdfua(pdf) else { return };
        assert!(findings.is_empty(), "{}: {findings:#?}", pdf.display());
    }

    // The checker is not blind: a report without the flag does not claim PDF/UA, and says so.
    let input = sample("northwind-logistics.yaml");
    let out = readout(
        dir.path(),
        &["render", input.to_str().unwrap(), "-o", "plain.pdf"],
    );
    assert!(out.status.success());
    let findings = pdfua(&dir.path().join("plain.pdf")).unwrap();
    assert!(
        findings.iter().any(|f| f.starts_with("\"UA-28-004\"")),
        "{findings:#?}"
    );
}

/// The classpath of Apache PDFBox's Preflight, the PDF/A-1b validator Debian packages
/// (libpdfbox2-java, with libactivation-java and libjaxb-api-java it needs on Java 17).
const PREFLIGHT: [&str; 7] = [
    "preflight.jar",
    "pdfbox2.jar",
    "fontbox2.jar",
    "xmpbox.jar",
    "commons-logging.jar",
    "javax.activation.jar",
    "jaxb-api.jar",
];

/// What Preflight says of `pdf` (its first line: "… is a valid PDF/A-1b file" or "… is not
/// a valid PDF/A-1b file, error(s) :" and the errors); `None` when it is not installed.
fn preflight(pdf: &Path) -> Option<String> {
    let jars: Vec<String> = PREFLIGHT
        .iter()
        .map(|jar| format!("/usr/share/java/{jar}"))
        .collect();
    let installed = jars.iter().all(|j| Path::new(j).is_file());
    let out = installed
        .then(|| {
            Command::new("java")
                .args(["-cp", &jars.join(":")])
                .arg("org.apache.pdfbox.preflight.Validator_A1b")
                .arg(pdf)
                .output()
                .ok()
        })
        .flatten();
    match out {
        Some(out) => Some(String::from_utf8_lossy(&out.stdout).into_owned()),
        None if std::env::var_os("CI").is_some() => panic!("PDFBox Preflight is missing in CI"),
        None => {
            eprintln!("note: PDFBox Preflight not installed (libpdfbox2-java); skipping");
            None
        }
    }
}

/// Preflight 2.0.27 cannot read a bookmark whose destination is an indirect object ("can't
/// convert to Destination COSObject{N, 0}"), which PDF allows (ISO 32000-1, 7.3.10: any
/// object may be indirect) and typst-pdf writes for the board pack's bookmarks. Check that
/// this is all it reports, and that each object it names is an explicit destination,
/// `[page /XYZ x y 0]`.
fn only_indirect_destinations(verdict: &str, pdf: &[u8]) {
    let errors: Vec<&str> = verdict
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .collect();
    assert!(!errors.is_empty(), "{verdict}");
    let text = String::from_utf8_lossy(pdf);
    for error in errors {
        let number = error
            .strip_prefix(
                "1.2.3 : Body Syntax error, Error: can't convert to Destination COSObject{",
            )
            .and_then(|rest| rest.strip_suffix(", 0}"))
            .unwrap_or_else(|| panic!("another PDF/A-1b error: {error}"));
        let object = format!("\n{number} 0 obj\n");
        let at = text.find(&object).expect("the object named is in the file") + object.len();
        let body = &text[at..at + text[at..].find("endobj").unwrap()];
        assert!(
            body.starts_with('[') && body.contains(" 0 R/XYZ "),
            "object {number} is not a destination: {body}"
        );
    }
}

#[test]
fn pdf_a_1b_passes_an_independent_validator_logos_laid_on_white() {
    let dir = tempfile::tempdir().unwrap();
    let pdfs = every_template_and_a_pack(dir.path(), "a-1b", "a-1b");
    for pdf in &pdfs {
        let bytes = std::fs::read(pdf).unwrap();
        assert!(bytes.starts_with(b"%PDF-1.4"), "{}", pdf.display());
        let meta = crate::support::xmp(&bytes);
        assert!(meta.contains("<pdfaid:part>1</pdfaid:part>"), "{meta}");
        let Some(verdict) = preflight(pdf) else {
            return;
        };
        if pdf.ends_with("board.pdf") {
            only_indirect_destinations(&verdict, &bytes);
            continue;
        }
        assert!(
            verdict.contains("is a valid PDF/A-1b file"),
            "{}:\n{verdict}",
            pdf.display()
        );
    }

    // The validator is not blind: a report without the flag keeps its logo's transparency,
    // and fails.
    let input = sample("northwind-logistics.yaml");
    let out = readout(
        dir.path(),
        &["render", input.to_str().unwrap(), "-o", "plain.pdf"],
    );
    assert!(out.status.success());
    let verdict = preflight(&dir.path().join("plain.pdf")).unwrap();
    assert!(
        verdict.contains("is not a valid PDF/A-1b file"),
        "{verdict}"
    );
    // The logo's alpha channel, as PDF 1.7 keeps it.
    assert!(
        verdict.contains("Soft Mask must be null or None"),
        "{verdict}"
    );

    // An SVG logo with see-through parts cannot be laid on white: the message says so.
    std::fs::write(
        dir.path().join("glass.svg"),
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="80" height="24"><circle cx="12" cy="12" r="10" fill="#2a7f62" fill-opacity="0.5"/></svg>"##,
    )
    .unwrap();
    std::fs::write(dir.path().join("glass.yaml"), "logo: glass.svg\n").unwrap();
    let out = readout(
        dir.path(),
        &[
            "render",
            input.to_str().unwrap(),
            "--theme",
            "glass.yaml",
            "--pdf-standard",
            "a-1b",
            "-o",
            "glass.pdf",
        ],
    );
    // Found before layout, and placed at the theme's logo line.
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("error: glass.yaml:1:1: logo: the SVG logo has see-through parts (opacity, masks or transparent gradients), which PDF/A-1b does not allow"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.path().join("glass.pdf").exists());

    // An SVG logo writing text no font has: an error under a standard, at the account's
    // logo line; a warning without one.
    std::fs::write(
        dir.path().join("plane.svg"),
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><text x="4" y="28" font-size="20">ACME &#x2708;</text></svg>"##,
    )
    .unwrap();
    let account = std::fs::read_to_string(input)
        .unwrap()
        .replace("logo: northwind.png", "logo: plane.svg");
    std::fs::write(dir.path().join("plane.yaml"), account).unwrap();
    let out = readout(
        dir.path(),
        &[
            "render",
            "plane.yaml",
            "--pdf-standard",
            "a-1b",
            "-o",
            "plane.pdf",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("plane.yaml:15:3: account.logo: the SVG logo writes text with ✈, which no embedded font has, and a PDF/A-1b file must draw every character"),
        "{}",
        stderr(&out)
    );
    let out = readout(dir.path(), &["render", "plane.yaml", "-o", "plane.pdf"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out)
            .contains("warning: plane.yaml:15:3: account.logo: the SVG logo writes text with ✈"),
        "{}",
        stderr(&out)
    );
}
