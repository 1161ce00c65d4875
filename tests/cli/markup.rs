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
