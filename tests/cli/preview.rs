//! `readout render --format png`: page images for e-mail and chat, at the size asked for.

use std::path::Path;

use crate::support::{readout, sample, stderr};

/// Width and height of a PNG, from its header.
fn png_size(path: &Path) -> (u32, u32) {
    let bytes = std::fs::read(path).unwrap();
    assert!(
        bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
        "{} is no PNG",
        path.display()
    );
    let number = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (number(16), number(20))
}

/// The resolution a PNG states (its pHYs chunk), in pixels per inch; `None` without one.
fn png_ppi(path: &Path) -> Option<f64> {
    let bytes = std::fs::read(path).unwrap();
    let at = bytes.windows(4).position(|w| w == b"pHYs")?;
    let per_metre = u32::from_be_bytes(bytes[at + 4..at + 8].try_into().unwrap());
    assert_eq!(bytes[at + 12], 1, "the unit is the metre");
    Some(f64::from(per_metre) * 0.0254)
}

#[test]
fn page_images_have_the_size_of_an_a4_page_at_the_ppi_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let accounts = dir.path().join("accounts");
    std::fs::create_dir_all(&accounts).unwrap();
    for file in ["northwind-logistics.yaml", "northwind.png"] {
        std::fs::copy(sample(file), accounts.join(file)).unwrap();
    }
    let input = "accounts/northwind-logistics.yaml";

    // Two pages: one image each, next to the account, numbered by page.
    let out = readout(
        dir.path(),
        &[
            "render", input, "--format", "png", "--ppi", "72", "--pages", "1,3",
        ],
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains("wrote accounts/northwind-logistics-1.png (page 1, 72 ppi"),
        "{err}"
    );
    assert!(
        err.contains("wrote accounts/northwind-logistics-3.png (page 3, 72 ppi"),
        "{err}"
    );
    assert!(!accounts.join("northwind-logistics-2.png").exists());
    // A4 is 595.28 × 841.89 pt: at 72 ppi one pixel a point.
    assert_eq!(
        png_size(&accounts.join("northwind-logistics-1.png")),
        (595, 842)
    );
    // And it says so, so that a viewer or printer shows the page at its size.
    let ppi = png_ppi(&accounts.join("northwind-logistics-1.png")).unwrap();
    assert!((ppi - 72.0).abs() < 0.01, "{ppi}");

    // One page at the default 144 ppi, where -o says.
    let out = readout(
        dir.path(),
        &[
            "render",
            input,
            "--format",
            "png",
            "--pages",
            "2",
            "-o",
            "cover.png",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(png_size(&dir.path().join("cover.png")), (1191, 1684));

    // The same input gives the same image.
    let again = readout(
        dir.path(),
        &[
            "render",
            input,
            "--format",
            "png",
            "--pages",
            "2",
            "-o",
            "again.png",
        ],
    );
    assert!(again.status.success());
    assert_eq!(
        std::fs::read(dir.path().join("cover.png")).unwrap(),
        std::fs::read(dir.path().join("again.png")).unwrap()
    );

    for (args, why) in [
        (
            vec!["--format", "png", "--pages", "9"],
            "the report has 5 pages, so there is no page 9",
        ),
        (vec!["--format", "png", "--pages", "3-1"], "runs backwards"),
        (vec!["--format", "png", "--ppi", "0"], "--ppi"),
        (vec!["--ppi", "100"], "add --format png"),
        (vec!["--format", "png", "-o", "-"], "-o - writes one image"),
        (
            vec!["--format", "png", "-o", "out.pdf"],
            "give -o a name ending in .png",
        ),
        (
            vec![
                "--format",
                "png",
                "--pages",
                "1",
                "-o",
                "accounts/northwind.png",
            ],
            "is the logo",
        ),
    ] {
        let mut all = vec!["render", input];
        all.extend(args);
        let out = readout(dir.path(), &all);
        assert_eq!(out.status.code(), Some(2), "{all:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(why), "{all:?}: {}", stderr(&out));
    }
    // The logo is untouched.
    assert_eq!(
        std::fs::read(accounts.join("northwind.png")).unwrap(),
        std::fs::read(sample("northwind.png")).unwrap()
    );
}

#[test]
fn the_output_name_chooses_the_format_when_format_is_not_given() {
    let dir = tempfile::tempdir().unwrap();
    let input = sample("corvane-retail.yaml");
    let input = input.to_str().unwrap();
    // `.png` writes page images, as --format png would.
    let out = readout(
        dir.path(),
        &["render", input, "-o", "shot.png", "--pages", "1"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(png_size(&dir.path().join("shot.png")), (1191, 1684));
    // Another ending gets a PDF, with a warning; `--format pdf` with `.png` is refused.
    let out = readout(dir.path(), &["render", input, "-o", "report.docx"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("warning: writing a PDF to a file ending in .docx"),
        "{}",
        stderr(&out)
    );
    assert!(
        std::fs::read(dir.path().join("report.docx"))
            .unwrap()
            .starts_with(b"%PDF-")
    );
    let out = readout(
        dir.path(),
        &["render", input, "--format", "pdf", "-o", "x.png"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--format pdf writes a PDF: give -o a name ending in .pdf"));
    assert!(!dir.path().join("x.png").exists());
}

#[test]
fn page_images_left_from_a_longer_report_are_pointed_out() {
    let dir = tempfile::tempdir().unwrap();
    let long = sample("northwind-logistics.yaml");
    let short = sample("corvane-retail.yaml");
    let out = readout(
        dir.path(),
        &["render", long.to_str().unwrap(), "-o", "a.png"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(dir.path().join("a-5.png").is_file());
    let out = readout(
        dir.path(),
        &["render", short.to_str().unwrap(), "-o", "a.png"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("warning: a-3.png, a-4.png, a-5.png are not written by this run"),
        "{}",
        stderr(&out)
    );
}
