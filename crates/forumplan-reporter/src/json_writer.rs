//! A JSON writer for large outputs, byte for byte the layout of
//! `serde_json` (its pretty formatter with two-space indents, or its
//! compact one), without serde's per-field cost.
//!
//! Writing a 100k-task schedule through serde spent most of its time
//! escaping: every key and every date went through `serde_json`'s
//! byte-by-byte escaper. Here keys are the program's own constants,
//! written as they are, and a string is scanned once a word at a time; the
//! rare one that needs escaping goes to `serde_json`, so the text is the
//! same. Small nested values (a list of conflicts, say) are written by
//! `serde_json` itself and indented to their depth.

use std::io::{self, Write};

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

/// Writes one JSON document as `serde_json` would lay it out.
pub(crate) struct JsonWriter<W: Write> {
    out: W,
    /// What is written, until [`JsonWriter::FLUSH_AT`] bytes go to `out`
    /// at once: appending to a vector is cheaper than a `Write` call per
    /// piece, even a buffered one.
    buffer: Vec<u8>,
    pretty: bool,
    /// How many containers are open.
    depth: usize,
    /// Whether the innermost open container has a value yet.
    has_value: bool,
    /// Per depth, what starts a value there, in one piece (the writer's
    /// most frequent write): a comma, when pretty a line break and the
    /// indent, then a key's opening quote, which an element leaves out.
    /// Built when first needed.
    starts: Vec<Vec<u8>>,
}

impl<W: Write> JsonWriter<W> {
    /// A writer into `out`, pretty-printed (`serde_json::to_writer_pretty`)
    /// or compact (`serde_json::to_writer`).
    pub(crate) fn new(out: W, pretty: bool) -> Self {
        JsonWriter {
            out,
            buffer: Vec::with_capacity(JsonWriter::<W>::FLUSH_AT + 4096),
            pretty,
            depth: 0,
            has_value: false,
            starts: Vec::new(),
        }
    }

    const FLUSH_AT: usize = 1 << 16;

    /// Writes out what is buffered and returns the writer, once the
    /// document is complete.
    pub(crate) fn finish(mut self) -> io::Result<W> {
        self.out.write_all(&self.buffer)?;
        Ok(self.out)
    }

    fn put(&mut self, bytes: &[u8]) {
        self.buffer.extend_from_slice(bytes);
    }

    /// Writes the buffer out once it is large enough.
    fn spill(&mut self) -> io::Result<()> {
        if self.buffer.len() >= Self::FLUSH_AT {
            self.out.write_all(&self.buffer)?;
            self.buffer.clear();
        }
        Ok(())
    }

    /// A line break after the document.
    pub(crate) fn put_newline(&mut self) {
        self.put(b"\n");
    }

    /// Opens an object (`{`).
    pub(crate) fn begin_object(&mut self) {
        self.open(b"{");
    }

    /// Closes the innermost object (`}`).
    pub(crate) fn end_object(&mut self) {
        self.close(b"}");
    }

    /// Opens an array (`[`).
    pub(crate) fn begin_array(&mut self) {
        self.open(b"[");
    }

    /// Closes the innermost array (`]`).
    pub(crate) fn end_array(&mut self) {
        self.close(b"]");
    }

    /// Starts the next element of the innermost array (and writes out
    /// what the elements before it filled the buffer with).
    pub(crate) fn element(&mut self) -> io::Result<()> {
        self.spill()?;
        self.start(false);
        Ok(())
    }

    /// Starts the member `key` of the innermost object; its value follows.
    /// `key` is one of the program's own names: it needs no escaping.
    pub(crate) fn key(&mut self, key: &'static str) {
        debug_assert!(!needs_escaping(key));
        self.start(true);
        self.put(key.as_bytes());
        self.put(if self.pretty { b"\": " } else { b"\":" });
    }

    /// A string value.
    pub(crate) fn str(&mut self, text: &str) {
        if needs_escaping(text) {
            // Into a vector, serde_json cannot fail.
            let _ = serde_json::to_writer(&mut self.buffer, text);
        } else {
            self.put(b"\"");
            self.put(text.as_bytes());
            self.put(b"\"");
        }
    }

    /// A whole number.
    pub(crate) fn int(&mut self, number: impl itoa::Integer) {
        self.put(itoa::Buffer::new().format(number).as_bytes());
    }

    /// `true` or `false`.
    pub(crate) fn bool(&mut self, value: bool) {
        self.put(if value { b"true" } else { b"false" });
    }

    /// `null`.
    pub(crate) fn null(&mut self) {
        self.put(b"null");
    }

    /// A date as `"YYYY-MM-DD"`: chrono's text (which years outside
    /// 0–9999 still go through), written without a formatter.
    pub(crate) fn date(&mut self, date: NaiveDate) {
        match iso_date(date) {
            Some(text) => {
                let mut quoted = [b'"'; 12];
                quoted[1..11].copy_from_slice(&text);
                self.put(&quoted);
            }
            None => self.str(&date.to_string()),
        }
    }

    /// A date, or `null`.
    pub(crate) fn date_or_null(&mut self, date: Option<NaiveDate>) {
        match date {
            Some(date) => self.date(date),
            None => self.null(),
        }
    }

    /// Any value, written by `serde_json` at this depth: for the small
    /// parts of a document, where its cost does not matter.
    pub(crate) fn value(&mut self, value: &impl Serialize) -> io::Result<()> {
        if !self.pretty {
            return serde_json::to_writer(&mut self.buffer, value).map_err(io::Error::from);
        }
        let text = serde_json::to_vec_pretty(value).map_err(io::Error::from)?;
        // The pretty layout at depth d is the layout at depth 0 with d
        // indents after each line break; a string never holds a raw one.
        for (i, line) in text.split(|&b| b == b'\n').enumerate() {
            if i > 0 {
                self.line_break();
            }
            self.put(line);
        }
        Ok(())
    }

    fn open(&mut self, bracket: &[u8]) {
        self.depth += 1;
        self.has_value = false;
        self.put(bracket);
    }

    fn close(&mut self, bracket: &[u8]) {
        self.depth -= 1;
        if self.pretty && self.has_value {
            self.line_break();
        }
        // The container just closed is a value of the one around it.
        self.has_value = true;
        self.put(bracket);
    }

    /// What comes before the next member (`key`: with the key's opening
    /// quote) or element of the innermost container: a comma after the
    /// first, and when pretty, a line break and the indent.
    // Inlined into `key`, a call per member costs 1.6% of a large schedule.
    #[inline(always)]
    fn start(&mut self, key: bool) {
        while self.starts.len() <= self.depth {
            let depth = self.starts.len();
            let mut start = b",".to_vec();
            if self.pretty {
                start.push(b'\n');
                start.resize(2 + depth * 2, b' ');
            }
            start.push(b'"');
            self.starts.push(start);
        }
        let first = !self.has_value;
        self.has_value = true;
        let start = &self.starts[self.depth];
        self.buffer
            .extend_from_slice(&start[usize::from(first)..start.len() - usize::from(!key)]);
    }

    /// A line break and the indent of the current depth, in one piece up
    /// to 32 levels, in more below.
    fn line_break(&mut self) {
        /// A line break and the spaces of 32 levels.
        const BREAK: &[u8; 65] =
            b"\n                                                                ";
        let mut width = self.depth * 2;
        let now = width.min(BREAK.len() - 1);
        self.put(&BREAK[..=now]);
        width -= now;
        while width > 0 {
            let now = width.min(BREAK.len() - 1);
            self.put(&BREAK[1..=now]);
            width -= now;
        }
    }
}

/// Whether JSON needs any byte of `text` escaped: a quote, a backslash
/// or a control character (what `serde_json` escapes). Scanned eight bytes
/// at a time.
fn needs_escaping(text: &str) -> bool {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    /// Whether a byte of `word` is zero (the classic bit trick; exact
    /// when combined with the `!word` mask).
    fn has_zero(word: u64) -> bool {
        word.wrapping_sub(ONES) & !word & HIGHS != 0
    }
    /// Whether a byte of `word` is below 0x20.
    fn has_control(word: u64) -> bool {
        word.wrapping_sub(ONES * 0x20) & !word & HIGHS != 0
    }
    let bytes = text.as_bytes();
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut eight = [0; 8];
        eight.copy_from_slice(chunk);
        let word = u64::from_ne_bytes(eight);
        if has_control(word) || has_zero(word ^ (ONES * 0x22)) || has_zero(word ^ (ONES * 0x5C)) {
            return true;
        }
    }
    chunks
        .remainder()
        .iter()
        .any(|&b| b < 0x20 || b == b'"' || b == b'\\')
}

/// `YYYY-MM-DD` for years 0–9999, `None` for the others (chrono's
/// `Display` writes those).
pub(crate) fn iso_date(date: NaiveDate) -> Option<[u8; 10]> {
    let year = u32::try_from(date.year()).ok().filter(|y| *y <= 9999)?;
    let mut text = *b"0000-00-00";
    for (at, value, digits) in [(0, year, 4), (5, date.month(), 2), (8, date.day(), 2)] {
        let mut value = value;
        for place in (at..at + digits).rev() {
            text[place] = b'0' + (value % 10) as u8;
            value /= 10;
        }
    }
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A nested value written by hand with the writer.
    #[derive(Debug, Clone, Serialize)]
    struct Node {
        text: String,
        number: i64,
        flag: bool,
        date: Option<NaiveDate>,
        children: Vec<Node>,
        empty: Vec<u8>,
    }

    fn write_node(w: &mut JsonWriter<Vec<u8>>, node: &Node) -> io::Result<()> {
        w.begin_object();
        w.key("text");
        w.str(&node.text);
        w.key("number");
        w.int(node.number);
        w.key("flag");
        w.bool(node.flag);
        w.key("date");
        w.date_or_null(node.date);
        w.key("children");
        w.begin_array();
        for child in &node.children {
            w.element()?;
            write_node(w, child)?;
        }
        w.end_array();
        w.key("empty");
        w.value(&node.empty)?;
        w.end_object();
        Ok(())
    }

    fn node() -> impl Strategy<Value = Node> {
        let leaf = (
            any::<String>(),
            any::<i64>(),
            any::<bool>(),
            proptest::option::of(-1_000_000i32..4_000_000),
        )
            .prop_map(|(text, number, flag, days)| Node {
                text,
                number,
                flag,
                date: days.and_then(NaiveDate::from_num_days_from_ce_opt),
                children: Vec::new(),
                empty: Vec::new(),
            });
        leaf.prop_recursive(3, 12, 4, |inner| {
            (inner.clone(), proptest::collection::vec(inner, 0..4)).prop_map(
                |(mut node, children)| {
                    node.children = children;
                    node
                },
            )
        })
    }

    /// Deeper than one piece of indent (32 levels): a chain of 40 nodes,
    /// 80 levels of objects and arrays.
    #[test]
    fn deep_nesting_is_indented_as_serde_json_does() {
        let mut node = Node {
            text: "leaf".into(),
            number: 1,
            flag: true,
            date: None,
            children: Vec::new(),
            empty: Vec::new(),
        };
        for depth in 0..40 {
            node = Node {
                text: format!("level {depth}"),
                number: depth,
                flag: false,
                date: None,
                children: vec![node],
                empty: Vec::new(),
            };
        }
        let mut w = JsonWriter::new(Vec::new(), true);
        write_node(&mut w, &node).expect("writes to memory");
        let written = w.finish().expect("writes to memory");
        let expected = serde_json::to_vec_pretty(&node).expect("serializes");
        assert!(written.windows(100).any(|w| w.iter().all(|&b| b == b' ')));
        assert_eq!(String::from_utf8(written), String::from_utf8(expected));
    }

    proptest! {
        /// The same bytes as serde_json, pretty and compact, whatever the
        /// strings hold (quotes, backslashes, control characters, any
        /// Unicode) and whatever the years.
        #[test]
        fn writes_what_serde_json_writes(node in node()) {
            for pretty in [true, false] {
                let mut w = JsonWriter::new(Vec::new(), pretty);
                write_node(&mut w, &node).expect("writes to memory");
                let written = w.finish().expect("writes to memory");
                let expected = if pretty {
                    serde_json::to_vec_pretty(&node)
                } else {
                    serde_json::to_vec(&node)
                }
                .expect("serializes");
                prop_assert_eq!(
                    String::from_utf8(written).expect("UTF-8"),
                    String::from_utf8(expected).expect("UTF-8")
                );
            }
        }

        #[test]
        fn escaping_is_detected_exactly(text in any::<String>()) {
            let expected = text.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\');
            prop_assert_eq!(needs_escaping(&text), expected);
        }
    }

    #[test]
    fn escaping_is_detected_in_every_place_of_a_word() {
        for bad in [b'"', b'\\', 0x00, 0x1F, b'\n'] {
            for at in 0..20 {
                let mut text = vec![b'a'; 20];
                text[at] = bad;
                let text = String::from_utf8(text).expect("ASCII");
                assert!(needs_escaping(&text), "{text:?}");
            }
        }
        assert!(!needs_escaping("Phê duyệt bài phát biểu 0 \u{7f} ~ !#"));
    }
}
