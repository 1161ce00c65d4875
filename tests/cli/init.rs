//! `readout init`: the starter account validates and renders as written, and init never
//! overwrites a file.

use crate::support::{readout, stderr};

#[test]
fn the_starter_validates_and_renders_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let init = readout(dir.path(), &["init"]);
    assert!(init.status.success(), "{}", stderr(&init));
    let text = std::fs::read_to_string(dir.path().join("account.yaml")).unwrap();
    assert!(
        text.starts_with("# yaml-language-server: $schema="),
        "{text}"
    );

    let validate = readout(dir.path(), &["validate", "account.yaml"]);
    assert!(validate.status.success(), "{}", stderr(&validate));
    assert!(
        !stderr(&validate).contains("warning"),
        "{}",
        stderr(&validate)
    );

    let render = readout(dir.path(), &["render", "account.yaml"]);
    assert!(render.status.success(), "{}", stderr(&render));
    assert!(dir.path().join("account.pdf").is_file());
    let pages = crate::support::page_texts(&dir.path().join("account.yaml")).join(" ");
    assert!(pages.contains("Example Account"), "{pages}");
    assert!(pages.contains("$480K"), "{pages}");
}

#[test]
fn init_refuses_to_overwrite_a_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("mine.yaml"), "precious").unwrap();
    let output = readout(dir.path(), &["init", "mine.yaml"]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("mine.yaml already exists"),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("mine.yaml")).unwrap(),
        "precious"
    );
}

#[test]
fn an_unknown_template_names_the_available_ones() {
    let dir = tempfile::tempdir().unwrap();
    let output = readout(dir.path(), &["init", "--template", "board-pack", "a.yaml"]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("no template \"board-pack\"; available: business-review"),
        "{}",
        stderr(&output)
    );
    assert!(!dir.path().join("a.yaml").exists());
}
