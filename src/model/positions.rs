//! Where each field of the account file sits: a map from field path (`metrics[3].values`) to
//! line and column, built from a positioned YAML parse. serde gives us typed values without
//! positions; this index lets later stages (validation) point at the line a problem is on.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser};

/// Line and column, both 1-based, as editors count them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// Field path → position of its key (or of the item, for list items).
#[derive(Debug, Clone, Default)]
pub struct Positions {
    map: HashMap<String, LineCol>,
    /// Every mapping key in file order: the mapping's path, the key, where the key is.
    keys: Vec<Key>,
    /// How many mappings have been opened, to number them.
    mappings: usize,
}

/// A mapping key: the path of its mapping, which mapping (a number unique in the file, so two
/// mappings written at the same path stay apart), the key, and where it is.
#[derive(Debug, Clone)]
pub struct Key {
    pub parent: String,
    pub mapping: usize,
    pub name: String,
    pub at: LineCol,
}

impl Positions {
    /// Index a YAML text, or say where and why it is not YAML.
    pub fn parse(text: &str) -> Result<Positions, (LineCol, String)> {
        let mut index = Positions::default();
        let mut walker = Walker {
            stack: Vec::new(),
            index: &mut index,
        };
        let mut parser = Parser::new_from_str(text);
        while let Some(next) = parser.next_event() {
            match next {
                Ok((event, span)) => {
                    let at = LineCol {
                        line: span.start.line(),
                        column: span.start.col() + 1,
                    };
                    walker.event(event, at);
                }
                Err(error) => {
                    let m = error.marker();
                    return Err((
                        LineCol {
                            line: m.line(),
                            column: m.col() + 1,
                        },
                        error.info().to_owned(),
                    ));
                }
            }
        }
        Ok(index)
    }

    /// Index a YAML text as far as it parses.
    pub fn index(text: &str) -> Positions {
        let mut index = Positions::default();
        let mut walker = Walker {
            stack: Vec::new(),
            index: &mut index,
        };
        let mut parser = Parser::new_from_str(text);
        while let Some(Ok((event, span))) = parser.next_event() {
            let at = LineCol {
                line: span.start.line(),
                column: span.start.col() + 1,
            };
            walker.event(event, at);
        }
        index
    }

    /// Every mapping key of the file, in order: (path of its mapping, key, position).
    pub fn keys(&self) -> &[Key] {
        &self.keys
    }

    /// The field written last at or before `at`: the one a character at `at` belongs to (the
    /// deepest, when a list item and its first key start together).
    pub fn field_at(&self, at: LineCol) -> Option<String> {
        self.map
            .iter()
            .filter(|(_, p)| (p.line, p.column) <= (at.line, at.column))
            .max_by_key(|(path, p)| (p.line, p.column, path.len()))
            .map(|(path, _)| path.clone())
    }

    /// The position of `path`, or of its nearest ancestor that has one.
    pub fn find(&self, path: &str) -> Option<LineCol> {
        let mut path = path;
        loop {
            if let Some(at) = self.map.get(path) {
                return Some(*at);
            }
            let cut = path.rfind(['.', '['])?;
            path = &path[..cut];
        }
    }
}

/// Where the walker is inside the tree.
enum Frame {
    /// In a mapping at `path`; `key` is the key whose value comes next, if one was read.
    Map {
        path: String,
        key: Option<String>,
        id: usize,
    },
    Seq {
        path: String,
        next: usize,
    },
}

struct Walker<'a> {
    stack: Vec<Frame>,
    index: &'a mut Positions,
}

impl Walker<'_> {
    fn join(parent: &str, key: &str) -> String {
        if parent.is_empty() {
            key.to_owned()
        } else {
            format!("{parent}.{key}")
        }
    }

    /// The path of the value about to start, registering list items as they come.
    fn value_path(&mut self, at: LineCol) -> Option<String> {
        match self.stack.last_mut() {
            None => Some(String::new()),
            Some(Frame::Map { path, key, .. }) => key.take().map(|k| Self::join(path, &k)),
            Some(Frame::Seq { path, next }) => {
                let item = format!("{path}[{next}]");
                *next += 1;
                self.index.map.entry(item.clone()).or_insert(at);
                Some(item)
            }
        }
    }

    fn event(&mut self, event: Event<'_>, at: LineCol) {
        match event {
            Event::Scalar(text, ..) => {
                if let Some(Frame::Map { path, key, id }) = self.stack.last_mut()
                    && key.is_none()
                {
                    self.index.map.entry(Self::join(path, &text)).or_insert(at);
                    self.index.keys.push(Key {
                        parent: path.clone(),
                        mapping: *id,
                        name: text.to_string(),
                        at,
                    });
                    *key = Some(text.into_owned());
                    return;
                }
                self.value_path(at);
            }
            Event::Alias(_) => {
                self.value_path(at);
            }
            Event::MappingStart(..) => {
                let path = self.value_path(at).unwrap_or_default();
                self.index.mappings += 1;
                let id = self.index.mappings;
                self.stack.push(Frame::Map {
                    path,
                    key: None,
                    id,
                });
            }
            Event::SequenceStart(..) => {
                let path = self.value_path(at).unwrap_or_default();
                self.stack.push(Frame::Seq { path, next: 0 });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "\
account:
  name: Acme
metrics:
  - id: a
    values: { 2026-01: 1, 2026-02: 2 }
  - id: b
    target: 4
";

    #[test]
    fn keys_and_items_have_their_line_and_column() {
        let p = Positions::index(TEXT);
        assert_eq!(p.find("account.name"), Some(LineCol { line: 2, column: 3 }));
        assert_eq!(p.find("metrics[1]"), Some(LineCol { line: 6, column: 5 }));
        assert_eq!(
            p.find("metrics[1].target"),
            Some(LineCol { line: 7, column: 5 })
        );
        assert_eq!(
            p.find("metrics[0].values.2026-02"),
            Some(LineCol {
                line: 5,
                column: 27
            })
        );
    }

    #[test]
    fn a_missing_path_falls_back_to_its_parent() {
        let p = Positions::index(TEXT);
        assert_eq!(p.find("metrics[1].owner"), p.find("metrics[1]"));
        assert_eq!(p.find("nothing"), None);
    }
}
