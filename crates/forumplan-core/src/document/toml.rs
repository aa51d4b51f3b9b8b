//! TOML plans, read into the same spanned tree as JSON ones.

use std::borrow::Cow;

use toml::de::{DeTable, DeValue};

use super::{Member, Node, SyntaxError, Value};
use crate::span::Span;

/// Parses a whole TOML document into a spanned tree. TOML dates and times
/// become strings holding their text, so `date = 2022-09-18` and
/// `date = "2022-09-18"` mean the same.
pub fn parse_toml(text: &str) -> Result<Value<'_>, SyntaxError> {
    let document = DeTable::parse(text).map_err(|error| {
        let span = error.span().map_or(Span::at(0), Span::from);
        SyntaxError {
            message: error.message().trim_end().to_owned(),
            span,
            hint: Some("see https://toml.io for TOML syntax".into()),
        }
    })?;
    let span = Span::from(document.span());
    Ok(Value {
        node: table(document.into_inner()),
        span,
    })
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
    fn syntax_errors_carry_a_span() {
        let error = parse_toml("[forum]\nname = \"x\nid = 1\n").unwrap_err();
        assert!(error.span.start >= 8, "{error:?}");
    }
}
