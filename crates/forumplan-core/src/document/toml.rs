//! TOML plans, read into the same spanned tree as JSON ones.

use std::borrow::Cow;

use toml::de::{DeTable, DeValue};

use super::{Member, Node, SyntaxError, Value};
use crate::span::Span;

/// Parses a whole TOML document into a spanned tree. TOML dates and times
/// become strings holding their text, so `date = 2022-09-18` and
/// `date = "2022-09-18"` mean the same.
pub fn parse_toml(text: &str) -> Result<Value<'_>, SyntaxError> {
    let document = DeTable::parse(text).map_err(|error| match error.span() {
        Some(span) => SyntaxError {
            message: error.message().trim_end().to_owned(),
            span: Span::from(span),
            hint: Some("see https://toml.io for TOML syntax".into()),
        },
        // The toml crate reports a dotted key that nests too deeply without
        // a position: find the key ourselves.
        None => match deepest_dotted_key(text) {
            Some(span) => SyntaxError {
                message: "this dotted key nests too deeply".to_owned(),
                span,
                hint: Some("a plan's keys have at most a few parts, like `forum.date`".into()),
            },
            None => SyntaxError {
                message: error.message().trim_end().to_owned(),
                span: Span::at(0),
                hint: Some("see https://toml.io for TOML syntax".into()),
            },
        },
    })?;
    let span = Span::from(document.span());
    Ok(Value {
        node: table(document.into_inner()),
        span,
    })
}

/// The span of the dotted key (or table header) with the most parts, if
/// any key has more than one; read with the lexer the toml crate uses.
fn deepest_dotted_key(text: &str) -> Option<Span> {
    use toml_parser::lexer::TokenKind;

    let mut deepest: Option<(usize, Span)> = None;
    // The run being read: its start, its parts, whether a dot was last.
    let mut run: Option<(usize, usize, bool)> = None;
    for token in toml_parser::Source::new(text).lex() {
        let span = token.span();
        run = match (token.kind(), run) {
            (TokenKind::Whitespace, run) => run,
            (TokenKind::Dot, Some((start, parts, false))) => Some((start, parts, true)),
            (
                TokenKind::Atom | TokenKind::BasicString | TokenKind::LiteralString,
                Some((start, parts, true)),
            ) => Some((start, parts + 1, false)),
            (TokenKind::Atom | TokenKind::BasicString | TokenKind::LiteralString, _) => {
                Some((span.start(), 1, false))
            }
            _ => None,
        };
        if let Some((start, parts, _)) = run
            && parts > 1
            && deepest.is_none_or(|(most, _)| parts > most)
        {
            deepest = Some((parts, Span::new(start, span.end())));
        }
    }
    deepest.map(|(_, span)| span)
}

fn table(table: DeTable<'_>) -> Node<'_> {
    Node::Object(
        table
            .into_iter()
            .map(|(key, value)| {
                let key_span = Span::from(key.span());
                Member {
                    key: key.into_inner(),
                    key_span,
                    value: convert(value),
                }
            })
            .collect(),
    )
}

fn convert(value: toml::Spanned<DeValue<'_>>) -> Value<'_> {
    let span = Span::from(value.span());
    let node = match value.into_inner() {
        DeValue::String(s) => Node::String(s),
        DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
            Ok(n) => Node::Integer(n),
            // Too large for 64 bits: keep it as a number; range checks report it.
            Err(_) => Node::Float(f64::INFINITY),
        },
        DeValue::Float(f) => Node::Float(f.as_str().replace('_', "").parse().unwrap_or(f64::NAN)),
        DeValue::Boolean(b) => Node::Bool(b),
        DeValue::Datetime(d) => Node::String(Cow::Owned(d.to_string())),
        DeValue::Array(items) => Node::Array(items.into_iter().map(convert).collect()),
        DeValue::Table(t) => table(t),
    };
    Value { node, span }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_arrays_and_dates_become_tree_nodes() {
        let text = "[forum]\ndate = 2022-09-18\n\n[[tasks]]\nid = \"a\"\nafter = [{ task = \"b\", lag = \"2d\" }]\n";
        let root = parse_toml(text).unwrap();
        let forum = &root.member("forum").unwrap().value;
        let date = &forum.member("date").unwrap().value;
        assert_eq!(date.node, Node::String("2022-09-18".into()));
        assert_eq!(&text[date.span.range()], "2022-09-18");
        let Node::Array(tasks) = &root.member("tasks").unwrap().value.node else {
            panic!()
        };
        let id = tasks[0].member("id").unwrap();
        assert_eq!(&text[id.key_span.range()], "id");
        assert_eq!(&text[id.value.span.range()], "\"a\"");
    }

    #[test]
    fn a_dotted_key_too_deep_is_located_at_the_key() {
        let key = vec!["a"; 300].join(".");
        for text in [format!("x = 1\n{key} = 1\n"), format!("x = 1.5\n[{key}]\n")] {
            let error = parse_toml(&text).unwrap_err();
            let start = text.find("a.a").unwrap();
            assert_eq!(error.span, Span::new(start, start + key.len()), "{error:?}");
        }
    }

    #[test]
    fn syntax_errors_carry_a_span() {
        let error = parse_toml("[forum]\nname = \"x\nid = 1\n").unwrap_err();
        assert!(error.span.start >= 8, "{error:?}");
    }
}
