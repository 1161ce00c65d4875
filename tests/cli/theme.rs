//! `--theme FILE` and `--font-path DIR`: the preparing company's colours, logo, font and
//! confidentiality line reach the document; a bad theme is refused with its lines.

use std::path::Path;

use crate::support::{readout, sample, stderr};

const LOGO: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="80" height="24"><circle cx="12" cy="12" r="10" fill="#2a7f62"/></svg>"##;

/// A folder with the Northwind sample (without its own confidentiality line), its logo, and a
/// theme with teal, orange, a logo and a line of its own.
fn setup(dir: &Path) {
    let text = std::fs::read_to_string(sample("northwind-logistics.yaml"))
        .unwrap()
        .replace(", confidentiality: \"Confidential\"", "");
    std::fs::write(dir.join("northwind.yaml"), text).unwrap();
    std::fs::copy(sample("northwind.png"), dir.join("northwind.png")).unwrap();
    std::fs::write(dir.join("acme.svg"), LOGO).unwrap();
    std::fs::write(
        dir.join("theme.yaml"),
        "primary: \"#0B4F6C\"\naccent: \"#C2410C\"\nlogo: acme.svg\nconfidentiality: Acme confidential\n",
    )
    .unwrap();
}

#[test]
fn a_themes_colours_logo_and_line_reach_the_report() {
    let dir = tempfile::tempdir().unwrap();
    setup(dir.path());
    // The title band is filled with the theme's primary colour: read it off the page image.
    let out = readout(
        dir.path(),
        &[
            "render",
            "northwind.yaml",
            "--theme",
            "theme.yaml",
            "--format",
            "png",
            "--ppi",
            "72",
            "--pages",
            "1",
            "-o",
            "page.png",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let page = image::open(dir.path().join("page.png")).unwrap().to_rgb8();
    assert_eq!(page.get_pixel(360, 100).0, [0x0B, 0x4F, 0x6C]);
    let plain = readout(
        dir.path(),
        &[
            "render",
            "northwind.yaml",
            "--format",
            "png",
            "--ppi",
            "72",
            "--pages",
            "1",
            "-o",
            "plain.png",
        ],
    );
    assert!(plain.status.success());
    let plain = image::open(dir.path().join("plain.png")).unwrap().to_rgb8();
    assert_eq!(plain.get_pixel(360, 100).0, [0x1F, 0x3A, 0x5F]);

    // The charts are drawn in the accent; the logo and the line travel with the project.
    let out = readout(
        dir.path(),
        &[
            "render",
            "northwind.yaml",
            "--theme",
            "theme.yaml",
            "--emit-typst",
            "project",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let chart = std::fs::read_to_string(dir.path().join("project/charts/metric-0.svg")).unwrap();
    assert!(chart.contains("#C2410C"));
    assert!(dir.path().join("project/theme-logo.svg").is_file());
    let data = std::fs::read_to_string(dir.path().join("project/readout.json")).unwrap();
    assert!(
        data.contains("\"confidentiality\":\"Acme confidential\""),
        "{data}"
    );

    // In the laid-out document: the line in every footer.
    let (loaded, _) = readout::load(&dir.path().join("northwind.yaml")).unwrap();
    let theme = readout::model::load_theme(&dir.path().join("theme.yaml")).unwrap();
    let style = readout::render::Style {
        theme,
        ..Default::default()
    };
    let report = readout::layout_with(&loaded, &style).unwrap();
    let pages = readout::render::page_texts(&report.document);
    assert!(
        pages.iter().all(|p| p.contains("ACME CONFIDENTIAL")),
        "{pages:?}"
    );
}

#[test]
fn a_bad_theme_is_refused_with_its_lines_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    setup(dir.path());
    std::fs::write(
        dir.path().join("pale.yaml"),
        "primary: \"#F5E070\"\naccent: orange\n",
    )
    .unwrap();
    let out = readout(
        dir.path(),
        &["render", "northwind.yaml", "--theme", "pale.yaml"],
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("pale.yaml:1:1: primary: #F5E070 is too light for white text on it"),
        "{err}"
    );
    assert!(
        err.contains("pale.yaml:2:1: accent: \"orange\" is not a colour"),
        "{err}"
    );
    assert!(!dir.path().join("northwind.pdf").exists());

    std::fs::write(dir.path().join("font.yaml"), "font: Garamond Nowhere\n").unwrap();
    let out = readout(
        dir.path(),
        &["render", "northwind.yaml", "--theme", "font.yaml"],
    );
    let err = stderr(&out);
    // A problem of the theme file, at its line: invalid input.
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(
            "error: font.yaml:1:1: font: no font of the family \"Garamond Nowhere\" is embedded or in --font-path"
        ),
        "{err}"
    );
    assert!(err.contains("hint: the families there are: "), "{err}");
    assert!(err.contains("Inter"), "{err}");
    // --font-path takes a folder of fonts that can be read.
    std::fs::create_dir_all(dir.path().join("fonts")).unwrap();
    std::fs::write(dir.path().join("fonts/broken.ttf"), b"not a font").unwrap();
    for (folder, why) in [
        ("acme.svg", "--font-path acme.svg: no such folder"),
        ("nowhere", "--font-path nowhere: no such folder"),
        (
            "fonts",
            "--font-path fonts: no font could be read from fonts/broken.ttf",
        ),
    ] {
        let out = readout(
            dir.path(),
            &["render", "northwind.yaml", "--font-path", folder],
        );
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(stderr(&out).contains(why), "{}", stderr(&out));
    }
}

#[test]
fn validate_checks_the_font_of_the_theme_an_account_names() {
    let dir = tempfile::tempdir().unwrap();
    setup(dir.path());
    std::fs::write(dir.path().join("comic.yaml"), "font: Comic Sans\n").unwrap();
    let text = std::fs::read_to_string(dir.path().join("northwind.yaml")).unwrap();
    std::fs::write(
        dir.path().join("comic-account.yaml"),
        format!("theme: comic.yaml\n{text}"),
    )
    .unwrap();
    let out = readout(dir.path(), &["validate", "comic-account.yaml"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("error: comic.yaml:1:1: font: no font of the family \"Comic Sans\""),
        "{}",
        stderr(&out)
    );
    // With the theme's other problems too, and the account's own first.
    std::fs::write(
        dir.path().join("red.yaml"),
        "accent: red\nfont: Comic Sans\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("red-account.yaml"),
        format!("theme: red.yaml\n{text}"),
    )
    .unwrap();
    let out = readout(dir.path(), &["validate", "red-account.yaml"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    let places: Vec<&str> = err
        .lines()
        .filter(|l| l.starts_with("error: ") && l.contains(".yaml:"))
        .map(|l| l.split(": ").nth(1).unwrap())
        .collect();
    assert_eq!(
        places,
        ["red-account.yaml:1:1", "red.yaml:1:1", "red.yaml:2:1"],
        "{err}"
    );
    assert!(
        err.contains("font: no font of the family \"Comic Sans\""),
        "{err}"
    );
    // As render would: a font the theme may take from --font-path is known there.
    std::fs::write(dir.path().join("inter.yaml"), "font: Inter\n").unwrap();
    std::fs::write(
        dir.path().join("inter-account.yaml"),
        format!("theme: inter.yaml\n{text}"),
    )
    .unwrap();
    let out = readout(dir.path(), &["validate", "inter-account.yaml"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn every_problem_of_a_theme_comes_at_once_in_its_own_file() {
    let dir = tempfile::tempdir().unwrap();
    setup(dir.path());
    std::fs::write(
        dir.path().join("bad.yaml"),
        "primry: \"#0B4F6C\"\naccent: \"#FFFF00\"\nlogo: nothere.png\n",
    )
    .unwrap();
    // Named by the account file: the theme's problems quote the theme's lines, not the
    // account's.
    let text = std::fs::read_to_string(dir.path().join("northwind.yaml")).unwrap();
    std::fs::write(
        dir.path().join("branded.yaml"),
        format!("theme: bad.yaml\n{text}"),
    )
    .unwrap();
    let out = readout(
        dir.path(),
        &["validate", "branded.yaml", "--format", "json"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let all: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let theirs: Vec<&serde_json::Value> = all
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["file"] == "bad.yaml")
        .collect();
    let fields: Vec<&str> = theirs
        .iter()
        .map(|d| d["field"].as_str().unwrap())
        .collect();
    // The unknown key does not hide the others.
    assert_eq!(fields, ["primry", "accent", "logo"], "{all}");
    for d in &theirs {
        let line = d["line"].as_u64().unwrap() as usize;
        let source = std::fs::read_to_string(dir.path().join("bad.yaml")).unwrap();
        assert_eq!(
            d["excerpt"].as_str().unwrap(),
            source.lines().nth(line - 1).unwrap(),
            "{d}"
        );
    }
    // Given with --theme, an unknown font comes with the file's other problems, in line
    // order; a logo too small to print sharp is a warning.
    std::fs::write(
        dir.path().join("bad2.yaml"),
        "primry: \"#0B4F6C\"\nfont: Comic Sans\naccent: \"#FFFF00\"\n",
    )
    .unwrap();
    let out = readout(
        dir.path(),
        &["render", "northwind.yaml", "--theme", "bad2.yaml"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    let lines: Vec<&str> = err
        .lines()
        .filter(|l| l.starts_with("error: "))
        .map(|l| l.split(": ").nth(1).unwrap())
        .collect();
    assert_eq!(
        lines,
        ["bad2.yaml:1:1", "bad2.yaml:2:1", "bad2.yaml:3:1"],
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("font: no font of the family \"Comic Sans\""));
    let mut tiny = std::io::Cursor::new(Vec::new());
    image::RgbImage::from_pixel(20, 8, image::Rgb([11, 79, 108]))
        .write_to(&mut tiny, image::ImageFormat::Png)
        .unwrap();
    std::fs::write(dir.path().join("tiny.png"), tiny.into_inner()).unwrap();
    std::fs::write(dir.path().join("tiny.yaml"), "logo: tiny.png\n").unwrap();
    let out = readout(
        dir.path(),
        &["render", "northwind.yaml", "--theme", "tiny.yaml"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(
            "warning: tiny.yaml:1:1: logo: the logo is only 20×8 pixels and will print blurred"
        ),
        "{}",
        stderr(&out)
    );

    // The theme's confidentiality line, no font has, is placed in the theme file.
    std::fs::write(dir.path().join("thai.yaml"), "confidentiality: ลับ only\n").unwrap();
    let out = readout(
        dir.path(),
        &[
            "render",
            "northwind.yaml",
            "--theme",
            "thai.yaml",
            "--pdf-standard",
            "a-2b",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(
            "error: thai.yaml:1:18: confidentiality: no embedded font has a glyph for ล ั บ"
        ),
        "{}",
        stderr(&out)
    );
}

#[test]
fn an_account_file_may_name_its_theme_and_the_command_line_wins() {
    let dir = tempfile::tempdir().unwrap();
    setup(dir.path());
    let text = std::fs::read_to_string(dir.path().join("northwind.yaml")).unwrap();
    let text = text.replacen("prepared:", "theme: theme.yaml\nprepared:", 1);
    std::fs::write(dir.path().join("northwind.yaml"), text).unwrap();
    std::fs::write(dir.path().join("grey.yaml"), "primary: \"#333333\"\n").unwrap();
    let band = |extra: &[&str]| {
        let mut args = vec![
            "render",
            "northwind.yaml",
            "--format",
            "png",
            "--ppi",
            "72",
            "--pages",
            "1",
            "-o",
            "p.png",
        ];
        args.extend(extra);
        let out = readout(dir.path(), &args);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        image::open(dir.path().join("p.png"))
            .unwrap()
            .to_rgb8()
            .get_pixel(360, 100)
            .0
    };
    assert_eq!(band(&[]), [0x0B, 0x4F, 0x6C]);
    assert_eq!(band(&["--theme", "grey.yaml"]), [0x33, 0x33, 0x33]);
    // In a pack, each account's own PDF takes its theme.
    let out = readout(
        dir.path(),
        &["pack", "northwind.yaml", "-o", "out", "--quiet"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let (loaded, _) = readout::load(&dir.path().join("northwind.yaml")).unwrap();
    let style = readout::account_style(&loaded, &Default::default()).unwrap();
    assert_eq!(style.theme.primary, Some((0x0B, 0x4F, 0x6C)));
}

#[test]
fn validate_checks_the_theme_an_account_names() {
    let dir = tempfile::tempdir().unwrap();
    setup(dir.path());
    let text = std::fs::read_to_string(dir.path().join("northwind.yaml")).unwrap();
    let line = text
        .lines()
        .position(|l| l.starts_with("prepared:"))
        .unwrap()
        + 1;
    let text = text.replacen("prepared:", "theme: brand/missing.yaml\nprepared:", 1);
    std::fs::write(dir.path().join("northwind.yaml"), text).unwrap();
    let out = readout(dir.path(), &["validate", "northwind.yaml"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(&format!("northwind.yaml:{line}:1: theme: the theme")),
        "{err}"
    );
    assert!(
        err.contains("missing.yaml: cannot read the theme file"),
        "{err}"
    );
}

#[test]
fn the_preparing_companys_logo_is_on_the_first_page_with_or_without_prepared() {
    let dir = tempfile::tempdir().unwrap();
    setup(dir.path());
    let with = std::fs::read_to_string(dir.path().join("northwind.yaml")).unwrap();
    let without: String = with
        .lines()
        .filter(|l| !l.starts_with("prepared:"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_ne!(with, without);
    std::fs::write(dir.path().join("unprepared.yaml"), without).unwrap();
    let theme = readout::model::load_theme(&dir.path().join("theme.yaml")).unwrap();
    let style = readout::render::Style {
        theme,
        ..Default::default()
    };
    for (file, prepared_by) in [("northwind.yaml", true), ("unprepared.yaml", false)] {
        let (loaded, _) = readout::load(&dir.path().join(file)).unwrap();
        let report = readout::layout_with(&loaded, &style).unwrap();
        let mut found = Vec::new();
        crate::support::images(&report.document.pages()[0].frame, &mut found);
        // The theme's 80×24 logo at 14 pt high, beside the customer's logo in the title band.
        assert!(found.contains(&(47.0, 14.0)), "{file}: {found:?}");
        let page = &readout::render::page_texts(&report.document)[0];
        assert_eq!(page.contains("Prepared by Lee Park"), prepared_by, "{page}");
        // Without a theme, no preparer's logo.
        let plain = readout::layout_with(&loaded, &readout::render::Style::default()).unwrap();
        let mut found = Vec::new();
        crate::support::images(&plain.document.pages()[0].frame, &mut found);
        assert!(!found.iter().any(|(_, h)| *h == 14.0), "{file}: {found:?}");
    }
}
