//! User strings reach Typst as data only: names full of Typst markup print literally.

use crate::support::{page_texts, readout, stderr};

#[test]
fn a_customer_name_full_of_typst_markup_prints_literally() {
    let dir = tempfile::tempdir().unwrap();
    let name = r##"#panic() *Acme* $x$ [x] <x> @ref _u_ \ // #sys"##;
    // Single-quoted YAML: only '' needs escaping, and there is none in the name.
    let text = format!(
        "readout: 1\naccount: {{ name: '{name}', segment: '#set page(width: 1cm)' }}\nperiod: {{ label: '= Q3 *2026*', start: 2026-07-01, end: 2026-09-30 }}\nhighlights: ['#include \"/etc/passwd\"', '```rust x```']\n"
    );
    let path = dir.path().join("hostile.yaml");
    std::fs::write(&path, text).unwrap();
    let pages = page_texts(&path);
    let all = pages.join("\n");
    // Typst splits runs at spaces; compare with spaces normalised.
    assert!(
        all.contains(r##"#panic() *Acme* $x$ [x] <x> @ref _u_ \ // #sys"##),
        "{all}"
    );
    assert!(all.contains("#set page(width: 1cm)"), "{all}");
    assert!(all.contains("= Q3 *2026*"), "{all}");
    assert!(all.contains("#include \"/etc/passwd\""), "{all}");
    assert!(all.contains("```rust x```"), "{all}");

    let out = readout(dir.path(), &["render", "hostile.yaml", "-o", "h.pdf"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn the_hostile_sample_prints_its_markup_and_scripts_literally() {
    let pages = page_texts(&crate::support::sample("hostile-markup.yaml"));
    let all = pages.join("\n");
    for literal in [
        "#panic() *Acme* $x^2$ [x] <label> @ref _u_ \\ // #sys.inputs — Ωmega Лабс",
        "#import \"/etc/passwd\"",
        "#eval(\"1+1\")",
        "*not bold*",
        "Risk named ]) #{ panic() } [",
        "#pagebreak()",
    ] {
        assert!(all.contains(literal), "missing {literal:?} in {all}");
    }
    // A page break or counter update in the data would show in the page count and footers.
    let count = pages.len();
    assert!(
        pages[0].contains(&format!("Page 1 of {count}")),
        "{}",
        pages[0]
    );
}

#[test]
fn characters_no_font_has_are_named_at_their_place_in_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("emoji.yaml"),
        "readout: 1\naccount: { name: \"Rocket 🚀 日本\" }\nperiod: { label: Q3, start: 2026-07-01, end: 2026-09-30 }\n",
    )
    .unwrap();
    let out = readout(dir.path(), &["render", "emoji.yaml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("warning: emoji.yaml:2:26: account.name: no embedded font has a glyph for 🚀; it will show as an empty box in the PDF"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn validate_warns_about_missing_glyphs_too() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("emoji.yaml"),
        "readout: 1\naccount:\n  name: Rocket\nperiod: { label: Q3, start: 2026-07-01, end: 2026-09-30 }\nhighlights:\n  - Launched 🚀 on time\n  - Two 🚀 and a 🛸\n",
    )
    .unwrap();
    let out = readout(dir.path(), &["validate", "emoji.yaml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(
            "warning: emoji.yaml:6:14: highlights[0]: no embedded font has a glyph for 🚀;"
        ),
        "{}",
        stderr(&out)
    );
    // Each character once, at its first use: the UFO on line 7, the rocket already named.
    assert!(
        stderr(&out)
            .contains("emoji.yaml:7:17: highlights[1]: no embedded font has a glyph for 🛸;"),
        "{}",
        stderr(&out)
    );
    let json = readout(dir.path(), &["validate", "emoji.yaml", "--format", "json"]);
    let all: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(all[0]["line"], 6);
    assert_eq!(all[0]["column"], 14);
    assert_eq!(all[0]["field"], "highlights[0]");
    assert_eq!(all[0]["level"], "warning");
    assert_eq!(all.as_array().unwrap().len(), 2, "{all}");
}

#[test]
fn under_a_pdf_standard_characters_no_font_has_are_an_error_at_their_place() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("emoji.yaml"),
        "readout: 1\naccount:\n  name: Rocket 🚀 ደብ\nperiod: { label: Q3, start: 2026-07-01, end: 2026-09-30 }\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("emoji.pdf"), b"the report of last quarter").unwrap();
    let out = readout(
        dir.path(),
        &["render", "emoji.yaml", "--pdf-standard", "a-2b,ua-1"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("error: emoji.yaml:3:16: account.name: no embedded font has a glyph for 🚀 ደ ብ, and a PDF/A-2b and PDF/UA-1 file must draw every character with an embedded font"),
        "{err}"
    );
    assert!(
        err.contains("hint: replace or remove these characters"),
        "{err}"
    );
    // Said once, not once per use as PDF export would.
    assert_eq!(err.matches("no embedded font").count(), 1, "{err}");
    assert_eq!(
        std::fs::read(dir.path().join("emoji.pdf")).unwrap(),
        b"the report of last quarter"
    );
}
