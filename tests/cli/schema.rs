//! The JSON Schema for editors: the committed `schema/readout.schema.json` is exactly what
//! `readout schema` prints, and every bundled sample and the
//! starter of `readout init` are valid against it.

use crate::support::{readout, repo, stderr};

const REGENERATE: &str = "cargo run --release -- schema > schema/readout.schema.json";

fn committed_schema() -> String {
    let path = repo().join("schema/readout.schema.json");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn the_committed_schema_is_what_readout_schema_prints() {
    let output = readout(&repo(), &["schema"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let printed = String::from_utf8(output.stdout).expect("the schema is UTF-8");
    assert!(
        printed == committed_schema(),
        "schema/readout.schema.json is out of date with the model types; regenerate it with\n    {REGENERATE}\nand commit it"
    );
}

#[test]
fn the_schema_is_draft_07_and_closes_every_object() {
    let schema: serde_json::Value = serde_json::from_str(&committed_schema()).unwrap();
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    assert_eq!(schema["additionalProperties"], false);
    assert_eq!(
        schema["definitions"]["Metric"]["additionalProperties"],
        false
    );
    let values = &schema["definitions"]["Metric"]["properties"]["values"];
    assert_eq!(values["additionalProperties"], false, "{values}");
    assert!(
        values["patternProperties"]["^\\d{4}-\\d{2}$"].is_object(),
        "{values}"
    );
    // Every field tells the editor what it is for.
    for (name, definition) in schema["definitions"].as_object().unwrap() {
        for (field, property) in definition["properties"].as_object().into_iter().flatten() {
            assert!(
                property["description"].is_string(),
                "{name}.{field} has no description: give it a /// doc comment"
            );
        }
    }
}

#[test]
fn every_sample_is_valid_against_the_schema() {
    let schema: serde_json::Value = serde_json::from_str(&committed_schema()).unwrap();
    let validator =
        jsonschema::draft7::new(&schema).expect("the schema is a valid draft-07 schema");
    let mut checked = 0;
    for entry in std::fs::read_dir(repo().join("samples")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "yaml") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.starts_with("# yaml-language-server: $schema=../schema/readout.schema.json\n"),
            "{} does not start with the schema line for editors",
            path.display()
        );
        assert_valid(&validator, &path);
        checked += 1;
    }
    assert!(checked >= 4, "only {checked} samples found");
    // The starter that `readout init` writes, too.
    assert_valid(&validator, &repo().join("src/starter.yaml"));
}

fn assert_valid(validator: &jsonschema::Validator, path: &std::path::Path) {
    let text = std::fs::read_to_string(path).unwrap();
    let account: serde_json::Value = serde_yaml::from_str(&text).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&account)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
}
