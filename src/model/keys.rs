//! Every unknown key of a file at once. serde stops at the first unknown key; this pass walks
//! all the mappings of the file and checks each key against the fields its type accepts, read
//! from the types' own `Deserialize` impls, so the list cannot drift from the model.

use serde::de::{self, Deserialize, Deserializer, Visitor};

use super::load::did_you_mean;
use super::positions::Key;
use super::{
    Account, AccountInfo, Action, Ask, Commercial, Health, Incident, Metric, Opportunity, Period,
    Positions, Prepared, Risk, Sponsor, Team, Thresholds,
};
use crate::error::Diagnostic;

/// A deserializer that only listens: it records the field names a struct asks for, then stops.
struct FieldProbe<'a>(&'a mut &'static [&'static str]);

#[derive(Debug)]
struct Stop;

impl std::fmt::Display for Stop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("field probe")
    }
}

impl std::error::Error for Stop {}

impl de::Error for Stop {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Stop
    }
}

impl<'de> Deserializer<'de> for FieldProbe<'_> {
    type Error = Stop;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Stop> {
        Err(Stop)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Stop> {
        *self.0 = fields;
        Err(Stop)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}

/// The keys `T` accepts.
fn fields<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
    let mut fields: &'static [&'static str] = &[];
    let _ = T::deserialize(FieldProbe(&mut fields));
    fields
}

/// The keys allowed in the mapping at `pattern` (a path with list indices written `[]`);
/// `None` where keys are free (a metric's months) or the path is not a mapping of ours.
fn allowed(pattern: &str) -> Option<&'static [&'static str]> {
    Some(match pattern {
        "" => fields::<Account>(),
        "account" => fields::<AccountInfo>(),
        "account.team" => fields::<Team>(),
        "account.sponsor" => fields::<Sponsor>(),
        "period" => fields::<Period>(),
        "prepared" => fields::<Prepared>(),
        "commercial" => fields::<Commercial>(),
        "health" => fields::<Health>(),
        "metrics[]" => fields::<Metric>(),
        "metrics[].thresholds" => fields::<Thresholds>(),
        "risks[]" => fields::<Risk>(),
        "opportunities[]" => fields::<Opportunity>(),
        "risks[].action" | "opportunities[].action" | "next_steps[]" => fields::<Action>(),
        "asks[]" => fields::<Ask>(),
        "incidents[]" => fields::<Incident>(),
        _ => return None,
    })
}

/// `metrics[3].values` → `metrics[].values`.
fn pattern(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut in_index = false;
    for c in path.chars() {
        match c {
            '[' => {
                in_index = true;
                out.push_str("[]");
            }
            ']' => in_index = false,
            _ if in_index => {}
            c => out.push(c),
        }
    }
    out
}

/// One diagnostic per key the model does not know, in file order.
pub fn unknown_keys(file: &str, positions: &Positions) -> Vec<Diagnostic> {
    positions
        .keys()
        .iter()
        .filter_map(
            |Key {
                 parent,
                 name: key,
                 at,
                 ..
             }| {
                let allowed = allowed(&pattern(parent))?;
                if allowed.contains(&key.as_str()) {
                    return None;
                }
                let field = if parent.is_empty() {
                    key.clone()
                } else {
                    format!("{parent}.{key}")
                };
                if key == "<<" {
                    return Some(
                    Diagnostic::error(file, "YAML merge keys (`<<`) are not supported")
                        .at(at.line, at.column)
                        .field(field)
                        .hint(
                            "write the keys out in full; anchors and aliases of whole values work",
                        ),
                );
                }
                let message = match did_you_mean(key, allowed) {
                    Some(close) => format!("unknown key \"{key}\"; did you mean \"{close}\"?"),
                    None => format!("unknown key \"{key}\""),
                };
                Some(
                    Diagnostic::error(file, message)
                        .at(at.line, at.column)
                        .field(field)
                        .hint(format!("keys allowed here: {}", allowed.join(", "))),
                )
            },
        )
        .collect()
}

/// One diagnostic per key written twice in the same mapping (including a metric's months),
/// at the second one, naming the line of the first.
pub fn duplicate_keys(file: &str, positions: &Positions) -> Vec<Diagnostic> {
    let mut seen: std::collections::HashMap<(usize, &str), usize> =
        std::collections::HashMap::new();
    let mut found = Vec::new();
    for Key {
        parent,
        mapping,
        name: key,
        at,
    } in positions.keys()
    {
        match seen.entry((*mapping, key.as_str())) {
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(at.line);
            }
            std::collections::hash_map::Entry::Occupied(first) => {
                let field = if parent.is_empty() {
                    key.clone()
                } else {
                    format!("{parent}.{key}")
                };
                found.push(
                    Diagnostic::error(
                        file,
                        format!(
                            "\"{key}\" is written twice; the first is on line {}",
                            first.get()
                        ),
                    )
                    .at(at.line, at.column)
                    .field(field),
                );
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_written_twice_is_found_even_among_months() {
        let text = "health: { score: 1 }\nmetrics:\n  - values:\n      2026-05: 0\n      2026-05: 35000\nhealth: { score: 2 }\n";
        let found: Vec<String> = duplicate_keys("t.yaml", &Positions::index(text))
            .iter()
            .map(|d| d.to_string())
            .collect();
        assert_eq!(
            found,
            [
                "error: t.yaml:5:7: metrics[0].values.2026-05: \"2026-05\" is written twice; the first is on line 4",
                "error: t.yaml:6:1: health: \"health\" is written twice; the first is on line 1",
            ]
        );
    }

    #[test]
    fn the_field_lists_come_from_the_types() {
        assert_eq!(fields::<Health>(), ["score", "previous", "values"]);
        assert!(fields::<Account>().contains(&"next_steps"));
        assert_eq!(pattern("risks[12].action"), "risks[].action");
    }

    #[test]
    fn every_unknown_key_is_found_with_its_position() {
        let text = "readout: 1\ncolour: red\naccount: { name: A, segmnet: B }\nrisks:\n  - { title: T, severity: low, action: { what: W, ownr: X } }\nmetrics:\n  - { id: m, values: { 2026-01: 1 } }\n";
        let found = unknown_keys("t.yaml", &Positions::index(text));
        let lines: Vec<String> = found
            .iter()
            .map(|d| d.to_string().lines().next().unwrap().to_owned())
            .collect();
        assert_eq!(
            lines,
            [
                "error: t.yaml:2:1: colour: unknown key \"colour\"",
                "error: t.yaml:3:21: account.segmnet: unknown key \"segmnet\"; did you mean \"segment\"?",
                "error: t.yaml:5:51: risks[0].action.ownr: unknown key \"ownr\"; did you mean \"owner\"?",
            ]
        );
    }
}
