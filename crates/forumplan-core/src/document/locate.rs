//! Finding where a few values are written in a JSON text, without building
//! the spanned tree.
//!
//! A large plan that serde read without trouble, but whose validation found
//! a problem, only needs the places of those few problems; the spanned tree
//! costs about six bytes per byte of JSON (1.5 GB for a 240 MB plan). This
//! walks the text once, following the problems' paths and skipping every
//! value no path goes into, and gives each path the same span that
//! [`Value::span_at`](super::Value::span_at) gives over [`parse_json`](super::parse_json)'s tree.

use crate::span::Span;

use super::PathSegment;

/// The span of the value at each of `paths` in the JSON `text`, in the
/// order of `paths`: where a path leaves the document, the span of the
/// deepest value it reaches, as [`Value::span_at`](super::Value::span_at)
/// does. `None` when the text is not JSON this walk can follow (the caller
/// then parses the tree); it is meant for text serde has already read.
pub(crate) fn spans_at(text: &str, paths: &[&[PathSegment<'_>]]) -> Option<Vec<Span>> {
    let mut walk = Walk {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        paths,
        found: vec![None; paths.len()],
    };
    if text.starts_with('\u{feff}') {
        walk.pos = '\u{feff}'.len_utf8();
    }
    walk.whitespace();
    let mut all: Vec<usize> = (0..paths.len()).collect();
    walk.value(0, &mut all)?;
    walk.found.into_iter().collect()
}

struct Walk<'t, 'p, 's> {
    text: &'t str,
    bytes: &'t [u8],
    pos: usize,
    paths: &'p [&'p [PathSegment<'s>]],
    /// The span found for each path: the deepest value it reached so far.
    found: Vec<Option<Span>>,
}

impl<'t> Walk<'t, '_, '_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    fn expect(&mut self, byte: u8) -> Option<()> {
        self.whitespace();
        (self.peek() == Some(byte)).then(|| self.pos += 1)
    }

    /// The value at the current position, for the paths in `group`, whose
    /// first `depth` steps led here: paths that go further are followed
    /// into its members or elements; every path of the group that found
    /// nothing deeper gets this value's span.
    fn value(&mut self, depth: usize, group: &mut [usize]) -> Option<()> {
        let start = self.pos;
        let paths = self.paths;
        let deeper = |i: &usize| paths[*i].len() > depth;
        match self.peek()? {
            b'{' if group.iter().any(deeper) => self.object(depth, group)?,
            b'[' if group.iter().any(deeper) => self.array(depth, group)?,
            _ => self.skip()?,
        }
        let span = Span::new(start, self.pos);
        for &i in group.iter() {
            self.found[i].get_or_insert(span);
        }
        Some(())
    }

    /// An object, its members followed by the paths whose next step names them.
    fn object(&mut self, depth: usize, group: &mut [usize]) -> Option<()> {
        // The paths that go on by a key, sorted by it: each member takes
        // the run with its key (the first member of that name, as
        // `Value::member` does: the run is then emptied).
        let paths = self.paths;
        let key = |i: usize| match paths[i].get(depth) {
            Some(PathSegment::Key(key)) => Some(*key),
            _ => None,
        };
        let mut keyed: Vec<(&str, usize)> =
            group.iter().filter_map(|&i| Some((key(i)?, i))).collect();
        keyed.sort_unstable();
        self.pos += 1; // `{`
        self.whitespace();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Some(());
        }
        loop {
            self.whitespace();
            let name = self.key()?;
            self.expect(b':')?;
            self.whitespace();
            let from = keyed.partition_point(|(k, _)| *k < name.as_ref());
            let to = from + keyed[from..].partition_point(|(k, _)| *k == name.as_ref());
            if from < to {
                let mut run: Vec<usize> = keyed.drain(from..to).map(|(_, i)| i).collect();
                self.value(depth + 1, &mut run)?;
            } else {
                self.skip()?;
            }
            self.whitespace();
            match self.peek()? {
                b',' => self.pos += 1,
                b'}' => {
                    self.pos += 1;
                    return Some(());
                }
                _ => return None,
            }
        }
    }

    /// An array, its elements followed by the paths whose next step is their index.
    fn array(&mut self, depth: usize, group: &mut [usize]) -> Option<()> {
        let paths = self.paths;
        let mut indexed: Vec<(usize, usize)> = group
            .iter()
            .filter_map(|&i| match paths[i].get(depth) {
                Some(PathSegment::Index(index)) => Some((*index, i)),
                _ => None,
            })
            .collect();
        indexed.sort_unstable();
        let mut next = indexed.into_iter().peekable();
        self.pos += 1; // `[`
        self.whitespace();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Some(());
        }
        for index in 0.. {
            self.whitespace();
            let mut run = Vec::new();
            while let Some((_, i)) = next.next_if(|(at, _)| *at == index) {
                run.push(i);
            }
            if run.is_empty() {
                self.skip()?;
            } else {
                self.value(depth + 1, &mut run)?;
            }
            self.whitespace();
            match self.peek()? {
                b',' => self.pos += 1,
                b']' => {
                    self.pos += 1;
                    return Some(());
                }
                _ => return None,
            }
        }
        None
    }

    /// A member name, unescaped when it has escapes.
    fn key(&mut self) -> Option<std::borrow::Cow<'t, str>> {
        let open = self.pos;
        let escaped = self.string()?;
        let quoted = self.text.get(open..self.pos)?;
        if escaped {
            serde_json::from_str::<String>(quoted).ok().map(Into::into)
        } else {
            quoted.get(1..quoted.len() - 1).map(Into::into)
        }
    }

    /// Skips a string at its opening quote; whether it has escapes.
    fn string(&mut self) -> Option<bool> {
        (self.peek() == Some(b'"')).then_some(())?;
        self.pos += 1;
        let mut escaped = false;
        loop {
            let at = memchr::memchr2(b'"', b'\\', self.bytes.get(self.pos..)?)?;
            self.pos += at + 1;
            if self.bytes[self.pos - 1] == b'"' {
                return Some(escaped);
            }
            // A backslash: the next byte is escaped, whatever it is.
            escaped = true;
            self.pos += 1;
        }
    }

    /// Skips the value at the current position.
    fn skip(&mut self) -> Option<()> {
        match self.peek()? {
            b'"' => self.string().map(drop),
            b'{' | b'[' => {
                let mut depth = 0usize;
                loop {
                    match self.peek()? {
                        b'"' => {
                            self.string()?;
                            continue;
                        }
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth -= 1;
                            if depth == 0 {
                                self.pos += 1;
                                return Some(());
                            }
                        }
                        _ => {}
                    }
                    self.pos += 1;
                }
            }
            // A number, `true`, `false` or `null`.
            _ => {
                let start = self.pos;
                while let Some(b) = self.peek() {
                    if matches!(b, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r') {
                        break;
                    }
                    self.pos += 1;
                }
                (self.pos > start).then_some(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::super::parse_json;
    use super::*;
    use PathSegment::{Index, Key};

    const TEXT: &str = r#"
        {"forum": {"id": "f", "date": "2022-09-17"},
         "calendars": {"a": {"base": "vn"}, "b\u0061": {"holidays": ["2022-01-01", "2022-01-02"]}},
         "tasks": [
            {"id": "t0", "after": ["x", {"task": "y", "lag": -2}], "duration": "1d"},
            {"id": "t1", "notes": "a \"quoted\" [note] {here}", "duration": 3.5e1},
            {"id": "t2", "ok": true, "no": null, "empty": [], "nothing": {}}
         ]}
    "#;

    fn both(paths: &[&[PathSegment<'_>]]) {
        let tree = parse_json(TEXT).expect("JSON");
        let expected: Vec<Span> = paths.iter().map(|p| tree.span_at(p)).collect();
        assert_eq!(spans_at(TEXT, paths), Some(expected));
    }

    #[test]
    fn finds_what_the_tree_finds() {
        both(&[
            &[Key("forum"), Key("date")],
            &[Key("tasks"), Index(0), Key("after"), Index(1), Key("lag")],
            &[Key("tasks"), Index(0), Key("after"), Index(0)],
            &[Key("tasks"), Index(1), Key("duration")],
            &[Key("tasks"), Index(1), Key("notes")],
            &[Key("tasks"), Index(2), Key("no")],
            &[Key("calendars"), Key("ba"), Key("holidays"), Index(1)],
            &[Key("tasks"), Index(0), Key("after"), Index(1), Key("lag")],
            &[],
        ]);
    }

    #[test]
    fn a_path_that_leaves_the_document_stops_at_the_deepest_value() {
        both(&[
            &[Key("tasks"), Index(7), Key("id")],
            &[Key("tasks"), Index(2), Key("missing")],
            &[Key("tasks"), Key("id")],
            &[Key("forum"), Index(0)],
            &[Key("tasks"), Index(2), Key("empty"), Index(0)],
            &[Key("tasks"), Index(2), Key("nothing"), Key("x")],
            &[Key("forum"), Key("id"), Key("deeper")],
        ]);
    }

    #[test]
    fn text_that_is_not_json_gives_up_without_panicking() {
        for text in ["", "{", "[1,", "{\"a\" 1}", "\"open", "{\"a\": [1 2]}", "}"] {
            let _ = spans_at(text, &[&[Key("a"), Index(1)]]);
        }
        assert_eq!(spans_at("{", &[&[Key("a")]]), None);
    }

    fn segment() -> impl Strategy<Value = PathSegment<'static>> {
        prop_oneof![
            prop::sample::select(vec![
                "forum",
                "date",
                "id",
                "tasks",
                "after",
                "lag",
                "task",
                "calendars",
                "a",
                "ba",
                "holidays",
                "notes",
                "no",
                "empty",
            ])
            .prop_map(Key),
            (0usize..4).prop_map(Index),
        ]
    }

    proptest! {
        #[test]
        fn any_paths_agree_with_the_tree(paths in prop::collection::vec(prop::collection::vec(segment(), 0..5), 0..12)) {
            let paths: Vec<&[PathSegment<'_>]> = paths.iter().map(Vec::as_slice).collect();
            both(&paths);
        }
    }
}
