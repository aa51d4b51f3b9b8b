//! A small JSON parser that keeps the span of every value.
//!
//! serde_json does not expose positions for values it has parsed, and it
//! stops at the first type error; plan validation needs both positions and
//! every problem at once, so plans are parsed here into a spanned tree.

use std::borrow::Cow;

use super::{Member, Node, SyntaxError, Value};
use crate::span::Span;

/// Nesting deeper than this is refused rather than risking the stack:
/// a plan never nests more than five levels.
const MAX_DEPTH: usize = 128;

/// Parses a whole JSON text (an optional UTF-8 byte order mark, one value,
/// whitespace) into a spanned tree.
pub fn parse_json(text: &str) -> Result<Value<'_>, SyntaxError> {
    let mut parser = Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        depth: 0,
    };
    if text.starts_with('\u{feff}') {
        parser.pos = '\u{feff}'.len_utf8();
    }
    let start = parser.pos;
    parser.skip_whitespace()?;
    if parser.pos == parser.bytes.len() {
        return Err(SyntaxError {
            message: "the file is empty".into(),
            span: Span::at(start),
            hint: Some("a plan is a JSON object: start from `forumplan init`".into()),
        });
    }
    let value = parser.value()?;
    parser.skip_whitespace()?;
    if parser.pos < parser.bytes.len() {
        return Err(parser.error_here(
            "unexpected text after the end of the plan",
            Some("the plan must be a single JSON value; remove what follows it"),
        ));
    }
    Ok(value)
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    /// An error spanning the character at the current position.
    fn error_here(&self, message: &str, hint: Option<&str>) -> SyntaxError {
        let len = self.text[self.pos..]
            .chars()
            .next()
            .map_or(0, char::len_utf8);
        SyntaxError {
            message: message.into(),
            span: Span::new(self.pos, self.pos + len),
            hint: hint.map(Into::into),
        }
    }

    fn unexpected_end(&self, what: &str) -> SyntaxError {
        SyntaxError {
            message: format!("unexpected end of file: expected {what}"),
            span: Span::at(self.pos),
            hint: Some(
                "the file may be cut short; check that every `{`, `[` and `\"` is closed".into(),
            ),
        }
    }

    fn skip_whitespace(&mut self) -> Result<(), SyntaxError> {
        while let Some(b) = self.peek() {
            match b {
                b' ' | b'\t' | b'\n' | b'\r' => self.pos += 1,
                b'/' if matches!(self.bytes.get(self.pos + 1), Some(b'/' | b'*')) => {
                    return Err(self.error_here(
                        "comments are not allowed in JSON",
                        Some("move the remark into a task's \"notes\" field, or write the plan in TOML, which allows `#` comments"),
                    ));
                }
                _ => break,
            }
        }
        Ok(())
    }

    fn value(&mut self) -> Result<Value<'a>, SyntaxError> {
        let start = self.pos;
        let node = match self.peek() {
            None => return Err(self.unexpected_end("a value")),
            Some(b'{') => self.nested(Self::object)?,
            Some(b'[') => self.nested(Self::array)?,
            Some(b'"') => Node::String(self.string()?),
            Some(b'-' | b'0'..=b'9') => self.number()?,
            Some(b't') if self.bytes[self.pos..].starts_with(b"true") => {
                self.pos += 4;
                Node::Bool(true)
            }
            Some(b'f') if self.bytes[self.pos..].starts_with(b"false") => {
                self.pos += 5;
                Node::Bool(false)
            }
            Some(b'n') if self.bytes[self.pos..].starts_with(b"null") => {
                self.pos += 4;
                Node::Null
            }
            Some(b'\'') => {
                return Err(self.error_here(
                    "JSON strings are written in double quotes",
                    Some("replace the single quotes with double quotes"),
                ));
            }
            Some(_) => {
                return Err(self.error_here(
                    "expected a value (a string, number, object, array, true, false or null)",
                    Some("text values must be in double quotes, e.g. \"3d\""),
                ));
            }
        };
        Ok(Value {
            node,
            span: Span::new(start, self.pos),
        })
    }

    fn nested(
        &mut self,
        parse: fn(&mut Self) -> Result<Node<'a>, SyntaxError>,
    ) -> Result<Node<'a>, SyntaxError> {
        if self.depth >= MAX_DEPTH {
            return Err(self.error_here(
                "the plan is nested too deeply",
                Some("a plan nests objects and arrays only a few levels deep"),
            ));
        }
        self.depth += 1;
        let node = parse(self);
        self.depth -= 1;
        node
    }

    fn object(&mut self) -> Result<Node<'a>, SyntaxError> {
        self.pos += 1; // `{`
        let mut members = Vec::new();
        self.skip_whitespace()?;
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Node::Object(members));
        }
        loop {
            self.skip_whitespace()?;
            let key_start = self.pos;
            let key = match self.peek() {
                Some(b'"') => self.string()?,
                None => return Err(self.unexpected_end("a member name in double quotes")),
                Some(b'}') => {
                    return Err(self.error_here(
                        "trailing comma before `}`",
                        Some("JSON allows no comma after the last member: remove it"),
                    ));
                }
                Some(_) => {
                    return Err(self.error_here(
                        "expected a member name in double quotes",
                        Some("object keys are strings: write \"name\": value"),
                    ));
                }
            };
            let key_span = Span::new(key_start, self.pos);
            self.skip_whitespace()?;
            match self.peek() {
                Some(b':') => self.pos += 1,
                None => return Err(self.unexpected_end("`:`")),
                Some(_) => {
                    return Err(self.error_here(
                        "expected `:` after the member name",
                        Some("write \"key\": value"),
                    ));
                }
            }
            self.skip_whitespace()?;
            let value = self.value()?;
            members.push(Member {
                key,
                key_span,
                value,
            });
            self.skip_whitespace()?;
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Node::Object(members));
                }
                None => return Err(self.unexpected_end("`,` or `}`")),
                Some(b'"') => {
                    return Err(self.error_here(
                        "expected `,` or `}` after an object member",
                        Some("a comma is missing between two members"),
                    ));
                }
                Some(_) => {
                    return Err(self.error_here("expected `,` or `}` after an object member", None));
                }
            }
        }
    }

    fn array(&mut self) -> Result<Node<'a>, SyntaxError> {
        self.pos += 1; // `[`
        let mut items = Vec::new();
        self.skip_whitespace()?;
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Node::Array(items));
        }
        loop {
            self.skip_whitespace()?;
            if self.peek() == Some(b']') {
                return Err(self.error_here(
                    "trailing comma before `]`",
                    Some("JSON allows no comma after the last element: remove it"),
                ));
            }
            items.push(self.value()?);
            self.skip_whitespace()?;
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Node::Array(items));
                }
                None => return Err(self.unexpected_end("`,` or `]`")),
                Some(b'"' | b'{' | b'[') => {
                    return Err(self.error_here(
                        "expected `,` or `]` after an array element",
                        Some("a comma is missing between two elements"),
                    ));
                }
                Some(_) => {
                    return Err(self.error_here("expected `,` or `]` after an array element", None));
                }
            }
        }
    }

    fn string(&mut self) -> Result<Cow<'a, str>, SyntaxError> {
        let open = self.pos;
        self.pos += 1; // `"`
        let start = self.pos;
        // Fast path: no escapes, borrow the text as it is.
        loop {
            match self.peek() {
                None => return Err(self.unterminated(open)),
                Some(b'"') => {
                    let s = &self.text[start..self.pos];
                    self.pos += 1;
                    return Ok(Cow::Borrowed(s));
                }
                Some(b'\\') => break,
                Some(b) if b < 0x20 => return Err(self.control_character(open)),
                Some(_) => self.pos += 1,
            }
        }
        let mut out = String::from(&self.text[start..self.pos]);
        loop {
            match self.peek() {
                None => return Err(self.unterminated(open)),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(Cow::Owned(out));
                }
                Some(b'\\') => {
                    let escape_start = self.pos;
                    self.pos += 1;
                    let c = match self.peek() {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.pos += 1;
                            out.push(self.unicode_escape(escape_start)?);
                            continue;
                        }
                        None => return Err(self.unterminated(open)),
                        Some(_) => {
                            return Err(SyntaxError {
                                message: "invalid escape sequence in a string".into(),
                                span: Span::new(escape_start, self.pos + 1),
                                hint: Some("valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX; write a backslash as \\\\".into()),
                            });
                        }
                    };
                    self.pos += 1;
                    out.push(c);
                }
                Some(b) if b < 0x20 => return Err(self.control_character(open)),
                Some(_) => {
                    let c = self.text[self.pos..].chars().next().unwrap_or('\u{fffd}');
                    out.push(c);
                    self.pos += c.len_utf8();
                }
            }
        }
    }

    /// Reads the four hex digits after `\u` (and a low surrogate after a
    /// high one); `escape_start` is the position of the backslash.
    fn unicode_escape(&mut self, escape_start: usize) -> Result<char, SyntaxError> {
        let high = self.hex4(escape_start)?;
        let code = if (0xD800..0xDC00).contains(&high) {
            if !self.bytes[self.pos..].starts_with(b"\\u") {
                return Err(self.bad_surrogate(escape_start));
            }
            self.pos += 2;
            let low = self.hex4(escape_start)?;
            if !(0xDC00..0xE000).contains(&low) {
                return Err(self.bad_surrogate(escape_start));
            }
            0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
        } else {
            high
        };
        char::from_u32(code).ok_or_else(|| self.bad_surrogate(escape_start))
    }

    fn hex4(&mut self, escape_start: usize) -> Result<u32, SyntaxError> {
        let digits = self.bytes.get(self.pos..self.pos + 4);
        let value = digits
            .filter(|d| d.iter().all(u8::is_ascii_hexdigit))
            .and_then(|d| std::str::from_utf8(d).ok())
            .and_then(|d| u32::from_str_radix(d, 16).ok());
        match value {
            Some(value) => {
                self.pos += 4;
                Ok(value)
            }
            None => Err(SyntaxError {
                message: "invalid \\u escape: expected four hexadecimal digits".into(),
                // Up to four characters (not bytes) after `\u`.
                span: Span::new(
                    escape_start,
                    self.text[self.pos..]
                        .char_indices()
                        .nth(4)
                        .map_or(self.text.len(), |(i, _)| self.pos + i),
                ),
                hint: None,
            }),
        }
    }

    fn bad_surrogate(&self, escape_start: usize) -> SyntaxError {
        SyntaxError {
            message: "invalid \\u escape: unpaired surrogate".into(),
            span: Span::new(escape_start, self.pos),
            hint: Some("write the character itself; plan files are UTF-8".into()),
        }
    }

    fn unterminated(&self, open: usize) -> SyntaxError {
        SyntaxError {
            message: "unterminated string".into(),
            span: Span::new(open, open + 1),
            hint: Some("close the string with a double quote".into()),
        }
    }

    fn control_character(&self, open: usize) -> SyntaxError {
        let message = if self.peek() == Some(b'\n') {
            "a string cannot span lines"
        } else {
            "control character in a string"
        };
        SyntaxError {
            message: message.into(),
            span: Span::new(open, self.pos),
            hint: Some("close the string on the same line, or write a line break as \\n".into()),
        }
    }

    fn number(&mut self) -> Result<Node<'a>, SyntaxError> {
        let start = self.pos;
        let digits = |p: &mut Self| {
            let from = p.pos;
            while matches!(p.peek(), Some(b'0'..=b'9')) {
                p.pos += 1;
            }
            p.pos > from
        };
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        let int_start = self.pos;
        if !digits(self) {
            return Err(self.error_here("expected a digit", None));
        }
        if self.bytes[int_start] == b'0' && self.pos - int_start > 1 {
            return Err(SyntaxError {
                message: "numbers cannot have leading zeros".into(),
                span: Span::new(start, self.pos),
                hint: None,
            });
        }
        let mut integer = true;
        if self.peek() == Some(b'.') {
            integer = false;
            self.pos += 1;
            if !digits(self) {
                return Err(self.error_here("expected a digit after the decimal point", None));
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            integer = false;
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if !digits(self) {
                return Err(self.error_here("expected a digit in the exponent", None));
            }
        }
        let text = &self.text[start..self.pos];
        if integer && let Ok(n) = text.parse::<i64>() {
            return Ok(Node::Integer(n));
        }
        // The grammar above only admits valid float syntax.
        Ok(Node::Float(text.parse().unwrap_or(f64::NAN)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(text: &str) -> Node<'_> {
        parse_json(text).unwrap().node
    }

    #[test]
    fn parses_every_kind_of_value() {
        assert_eq!(node("null"), Node::Null);
        assert_eq!(node(" true "), Node::Bool(true));
        assert_eq!(node("-12"), Node::Integer(-12));
        assert_eq!(node("1.5e2"), Node::Float(150.0));
        assert_eq!(
            node(r#""a\"\u00e9\ud83d\ude00""#),
            Node::String("a\"é😀".into())
        );
        let Node::Object(members) = node(r#"{"a": [1, {"b": "ổ"}]}"#) else {
            panic!()
        };
        assert_eq!(members[0].key, "a");
        assert_eq!(members[0].key_span, Span::new(1, 4));
        assert_eq!(members[0].value.span, Span::new(6, 23));
    }

    #[test]
    fn strings_without_escapes_are_borrowed() {
        assert!(matches!(
            node(r#""Tổng duyệt""#),
            Node::String(Cow::Borrowed("Tổng duyệt"))
        ));
    }

    #[test]
    fn syntax_errors_point_at_the_offending_character() {
        let cases = [
            (r#"{"a": 1 "b": 2}"#, 8, "expected `,` or `}`"),
            (r#"{"a": 1,}"#, 8, "trailing comma"),
            ("[1, 2", 5, "unexpected end of file"),
            (r#"{"a": 'x'}"#, 6, "double quotes"),
            ("{} x", 3, "unexpected text after"),
            (r#"{"a": 01}"#, 6, "leading zeros"),
            ("", 0, "empty"),
            ("{\"a\": \"x\ny\"}", 6, "cannot span lines"),
            (r#"{"a": "\q"}"#, 7, "invalid escape"),
            (r#"{"a": "\ud800"}"#, 7, "unpaired surrogate"),
            ("{// c\n}", 1, "comments"),
        ];
        for (text, offset, message) in cases {
            let error = parse_json(text).unwrap_err();
            assert_eq!(error.span.start, offset, "{text}: {error:?}");
            assert!(error.message.contains(message), "{text}: {error:?}");
        }
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let text = "[".repeat(100_000);
        assert!(
            parse_json(&text)
                .unwrap_err()
                .message
                .contains("nested too deeply")
        );
    }

    #[test]
    fn a_byte_order_mark_is_skipped() {
        assert_eq!(node("\u{feff}{}"), Node::Object(vec![]));
    }
}
