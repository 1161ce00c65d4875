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
fn characters_no_font_has_are_named_in_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("emoji.yaml"),
        "readout: 1\naccount: { name: \"Rocket 🚀 日本\" }\nperiod: { label: Q3, start: 2026-07-01, end: 2026-09-30 }\n",
    )
    .unwrap();
    let out = readout(dir.path(), &["render", "emoji.yaml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("warning: no embedded font has a glyph for 🚀; they will show as empty boxes in the PDF (in \"Rocket 🚀 日本\""),
        "{}",
        stderr(&out)
    );
}

#[test]
fn validate_warns_about_missing_glyphs_too() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("emoji.yaml"),
        "readout: 1\naccount: { name: \"Rocket 🚀\" }\nperiod: { label: Q3, start: 2026-07-01, end: 2026-09-30 }\n",
    )
    .unwrap();
    let out = readout(dir.path(), &["validate", "emoji.yaml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("warning: no embedded font has a glyph for 🚀"),
        "{}",
        stderr(&out)
    );
}
