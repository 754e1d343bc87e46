//! Maps JSON pointers back to line and column in the source text.
//!
//! `openapiv3` deserializes into plain structs and forgets where each node came from, so a
//! semantic error (an unresolved `$ref`, an undeclared path parameter) only knows its JSON
//! pointer. This index is built from YAML parser events — JSON is YAML too — and only when
//! an error or warning actually needs a line, so the happy path never pays for it.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser};

/// Pointer → (line, column), both 1-based. Public so the `specgen` command line can point
/// its own diagnostics at the source line.
#[derive(Debug, Default)]
pub struct LineIndex {
    positions: HashMap<String, (usize, usize)>,
}

enum Frame {
    Mapping {
        pointer: String,
        pending_key: Option<String>,
    },
    Sequence {
        pointer: String,
        next_index: usize,
    },
}

impl LineIndex {
    /// Indexes every node of a YAML or JSON text.
    pub fn build(text: &str) -> LineIndex {
        LineIndex::build_where(text, |_| true)
    }

    /// Indexes the nodes `needed` accepts: it is asked about each node whose parent it
    /// accepted, and says whether that node, or one below it, is needed. The subtrees it
    /// refuses are scanned past without a pointer being made, which is most of the work
    /// when only a few places must be found in a large document.
    pub fn build_where(text: &str, needed: impl Fn(&str) -> bool) -> LineIndex {
        let mut positions = HashMap::new();
        let mut stack: Vec<Frame> = Vec::new();
        let mut parser = Parser::new_from_str(text);
        // Collections open inside a refused one.
        let mut skipping = 0usize;
        // A scan error stops indexing; what was indexed until then still helps.
        while let Some(Ok((event, span))) = parser.next_event() {
            let at = (span.start.line(), span.start.col() + 1);
            if skipping > 0 {
                match event {
                    Event::MappingStart(..) | Event::SequenceStart(..) => skipping += 1,
                    Event::MappingEnd | Event::SequenceEnd => skipping -= 1,
                    _ => {}
                }
                continue;
            }
            match event {
                Event::MappingStart(..) | Event::SequenceStart(..) => {
                    let pointer = child_pointer(&mut stack, at, &mut positions, &needed);
                    if !stack.is_empty() && !needed(&pointer) {
                        skipping = 1;
                        continue;
                    }
                    stack.push(match event {
                        Event::MappingStart(..) => Frame::Mapping {
                            pointer,
                            pending_key: None,
                        },
                        _ => Frame::Sequence {
                            pointer,
                            next_index: 0,
                        },
                    });
                }
                Event::MappingEnd | Event::SequenceEnd => {
                    stack.pop();
                }
                Event::Scalar(value, ..) => {
                    if let Some(Frame::Mapping {
                        pending_key: pending @ None,
                        pointer,
                    }) = stack.last_mut()
                    {
                        // A key: point errors about the member at its key, where users look.
                        let key_pointer = format!("{pointer}/{}", crate::pointer::escape(&value));
                        if needed(&key_pointer) {
                            positions.entry(key_pointer).or_insert(at);
                        }
                        *pending = Some(value.into_owned());
                    } else {
                        child_pointer(&mut stack, at, &mut positions, &needed);
                    }
                }
                Event::Alias(_) => {
                    child_pointer(&mut stack, at, &mut positions, &needed);
                }
                _ => {}
            }
        }
        LineIndex { positions }
    }

    /// The position of `pointer`, or of its nearest ancestor that is in the index.
    pub fn locate(&self, pointer: &str) -> Option<(usize, usize)> {
        let mut current = pointer;
        loop {
            if let Some(found) = self.positions.get(current) {
                return Some(*found);
            }
            current = &current[..current.rfind('/')?];
        }
    }
}

/// The pointer of the value that starts now, recording its position (when `needed`)
/// unless its key already recorded one.
fn child_pointer(
    stack: &mut [Frame],
    at: (usize, usize),
    positions: &mut HashMap<String, (usize, usize)>,
    needed: impl Fn(&str) -> bool,
) -> String {
    let pointer = match stack.last_mut() {
        None => String::new(),
        Some(Frame::Mapping {
            pointer,
            pending_key,
        }) => match pending_key.take() {
            Some(key) => format!("{pointer}/{}", crate::pointer::escape(&key)),
            // A complex (non-scalar) key: index nothing under it.
            None => format!("{pointer}/\u{0}"),
        },
        Some(Frame::Sequence {
            pointer,
            next_index,
        }) => {
            *next_index += 1;
            format!("{pointer}/{}", *next_index - 1)
        }
    };
    if needed(&pointer) {
        positions.entry(pointer.clone()).or_insert(at);
    }
    pointer
}

/// The position of `pointer` in a JSON text, or of its nearest ancestor there — the same
/// answer as [`LineIndex::locate`], found by skipping every value off the path: no index is
/// built, which on a 13 MB spec is the difference between milliseconds and most of a second.
pub(crate) fn locate_in_json(text: &str, pointer: &str) -> Option<(usize, usize)> {
    let mut cursor = JsonCursor {
        bytes: text.as_bytes(),
        at: 0,
    };
    cursor.skip_space();
    let mut found = cursor.at;
    for segment in pointer.split('/').skip(1) {
        let segment = segment.replace("~1", "/").replace("~0", "~");
        match cursor.peek() {
            Some(b'{') => match cursor.find_member(text, &segment) {
                Some(key_at) => found = key_at,
                None => break,
            },
            Some(b'[') => {
                let Ok(index) = segment.parse::<usize>() else {
                    break;
                };
                if cursor.find_item(index).is_none() {
                    break;
                }
                found = cursor.at;
            }
            _ => break,
        }
    }
    let before = &text[..found];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    Some((line, before[line_start..].chars().count() + 1))
}

struct JsonCursor<'t> {
    bytes: &'t [u8],
    at: usize,
}

impl JsonCursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.at += 1;
        }
    }

    /// From an opening quote to just past the closing one.
    fn skip_string(&mut self) {
        self.at += 1;
        while let Some(byte) = self.peek() {
            self.at += if byte == b'\\' { 2 } else { 1 };
            if byte == b'"' {
                return;
            }
        }
    }

    fn skip_value(&mut self) {
        self.skip_space();
        match self.peek() {
            Some(b'"') => self.skip_string(),
            Some(b'{' | b'[') => {
                let mut depth = 0usize;
                while let Some(byte) = self.peek() {
                    match byte {
                        b'"' => {
                            self.skip_string();
                            continue;
                        }
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth -= 1;
                            if depth == 0 {
                                self.at += 1;
                                return;
                            }
                        }
                        _ => {}
                    }
                    self.at += 1;
                }
            }
            _ => {
                while !matches!(
                    self.peek(),
                    None | Some(b',' | b'}' | b']' | b' ' | b'\n' | b'\r' | b'\t')
                ) {
                    self.at += 1;
                }
            }
        }
    }

    /// Inside an object, moves to the value of `key`; returns where its key starts.
    fn find_member(&mut self, text: &str, key: &str) -> Option<usize> {
        self.at += 1;
        loop {
            self.skip_space();
            if self.peek()? != b'"' {
                return None;
            }
            let key_at = self.at;
            self.skip_string();
            let raw = &text[key_at..self.at];
            let matches = if raw.contains('\\') {
                serde_json::from_str::<String>(raw).is_ok_and(|k| k == key)
            } else {
                &raw[1..raw.len() - 1] == key
            };
            self.skip_space();
            if self.peek()? != b':' {
                return None;
            }
            self.at += 1;
            self.skip_space();
            if matches {
                return Some(key_at);
            }
            self.skip_value();
            self.skip_space();
            if self.peek()? != b',' {
                return None;
            }
            self.at += 1;
        }
    }

    /// Inside an array, moves to the start of item `index`.
    fn find_item(&mut self, index: usize) -> Option<()> {
        self.at += 1;
        for _ in 0..index {
            self.skip_value();
            self.skip_space();
            if self.peek()? != b',' {
                return None;
            }
            self.at += 1;
        }
        self.skip_space();
        if self.peek()? == b']' {
            None
        } else {
            Some(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_keys_items_and_nearest_ancestor() {
        let yaml = "openapi: 3.0.3\npaths:\n  /pets/{id}:\n    get:\n      responses:\n        '200':\n          description: ok\nlist:\n  - a\n  - b: 1\n";
        let index = LineIndex::build(yaml);
        assert_eq!(index.locate("/openapi"), Some((1, 1)));
        assert_eq!(index.locate("/paths/~1pets~1{id}/get"), Some((4, 5)));
        assert_eq!(
            index.locate("/paths/~1pets~1{id}/get/responses/200/description"),
            Some((7, 11))
        );
        assert_eq!(index.locate("/list/1/b"), Some((10, 5)));
        assert_eq!(
            index.locate("/paths/~1pets~1{id}/get/nothing/here"),
            Some((4, 5))
        );
    }

    #[test]
    fn an_index_of_some_places_agrees_with_the_full_one_there() {
        let yaml = "paths:\n  /pets:\n    get:\n      responses: {'200': {description: ok}}\n  /toys:\n    get: {}\nlist:\n  - a\n  - [b, {c: 1}]\n";
        let wanted = [
            "",
            "/paths",
            "/paths/~1toys",
            "/paths/~1toys/get",
            "/list",
            "/list/1",
            "/list/1/1",
        ];
        let some = LineIndex::build_where(yaml, |pointer| wanted.contains(&pointer));
        let all = LineIndex::build(yaml);
        for pointer in wanted {
            assert_eq!(some.locate(pointer), all.locate(pointer), "{pointer}");
        }
        // What was not asked for is not indexed: it falls back to its nearest ancestor.
        assert_eq!(some.locate("/paths/~1pets/get"), all.locate("/paths"));
        assert_eq!(some.locate("/list/1/1/c"), all.locate("/list/1/1"));
        assert_eq!(some.positions.len(), wanted.len());
    }

    #[test]
    fn the_json_scan_agrees_with_the_index() {
        let json = "{\n  \"openapi\": \"3.0.3\",\n  \"paths\": {\"/a\\/b\": {\"get\": 1}, \"/pets/{id}\": {\n    \"get\": {\"tags\": [\"x\", {\"k\": [1, 2]}], \"é\": \"ü\"}}},\n  \"info\": {\"title\": \"x}\\\"]\"}\n}";
        let index = LineIndex::build(json);
        for pointer in [
            "",
            "/openapi",
            "/paths/~1a~1b/get",
            "/paths/~1pets~1{id}/get",
            "/paths/~1pets~1{id}/get/tags/1/k/1",
            "/paths/~1pets~1{id}/get/é",
            "/paths/~1pets~1{id}/get/tags/9",
            "/paths/~1pets~1{id}/missing/deeper",
            "/info/title",
            "/nothing",
        ] {
            assert_eq!(
                locate_in_json(json, pointer),
                index.locate(pointer),
                "at {pointer:?}"
            );
        }
    }

    #[test]
    fn indexes_json_too() {
        let json = "{\n  \"openapi\": \"3.0.3\",\n  \"info\": {\"title\": \"x\"}\n}";
        let index = LineIndex::build(json);
        assert_eq!(index.locate("/info/title"), Some((3, 12)));
    }
}
