//! A format-neutral document tree that remembers where every value came from.
//!
//! Plans are written in JSON or TOML. Both are parsed into this one tree of
//! [`Value`]s with byte [`Span`]s, so that turning the tree into a plan and
//! reporting problems with line:column is written once, not once per format.
//! Strings borrow from the source text where they contain no escapes.

mod json;
mod locate;
mod toml;

use std::borrow::Cow;

use crate::span::Span;

pub use json::parse_json;
pub(crate) use locate::spans_at;
pub use toml::parse_toml;

/// A value and the span of its text.
#[derive(Debug, Clone, PartialEq)]
pub struct Value<'a> {
    /// What the value is.
    pub node: Node<'a>,
    /// Where it is written.
    pub span: Span,
}

/// The kinds of value a plan file can hold.
#[derive(Debug, Clone, PartialEq)]
pub enum Node<'a> {
    /// JSON `null` (TOML has none).
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number without fraction or exponent that fits in 64 bits.
    Integer(i64),
    /// Any other number.
    Float(f64),
    /// A string; TOML dates and times arrive here as their text.
    String(Cow<'a, str>),
    /// An array.
    Array(Vec<Value<'a>>),
    /// An object (JSON) or table (TOML), members in source order.
    Object(Vec<Member<'a>>),
}

/// One `key: value` member of an object.
#[derive(Debug, Clone, PartialEq)]
pub struct Member<'a> {
    /// The key.
    pub key: Cow<'a, str>,
    /// Where the key is written.
    pub key_span: Span,
    /// The value.
    pub value: Value<'a>,
}

/// A syntax error: the text is not JSON (or TOML) at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct SyntaxError {
    /// What is wrong, e.g. "expected `,` or `}` after an object member".
    pub message: String,
    /// Where.
    pub span: Span,
    /// How to fix it, when there is a likely fix.
    pub hint: Option<String>,
}

/// One step of a path into a document: an object key or an array index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathSegment<'p> {
    /// A member of an object.
    Key(&'p str),
    /// An element of an array.
    Index(usize),
}

impl<'a> Node<'a> {
    /// The kind's name as used in error messages ("a string", "an array"…).
    pub fn kind_name(&self) -> &'static str {
        match self {
            Node::Null => "null",
            Node::Bool(_) => "a boolean",
            Node::Integer(_) | Node::Float(_) => "a number",
            Node::String(_) => "a string",
            Node::Array(_) => "an array",
            Node::Object(_) => "an object",
        }
    }
}

impl<'a> Value<'a> {
    /// The member named `key`, if this is an object that has one.
    pub fn member(&self, key: &str) -> Option<&Member<'a>> {
        match &self.node {
            Node::Object(members) => members.iter().find(|m| m.key == key),
            _ => None,
        }
    }

    /// The span of the value at `path`; where the path leaves the tree
    /// (an absent optional field, say), the span of the deepest value
    /// that exists, so a diagnostic still points at the right object.
    pub fn span_at(&self, path: &[PathSegment<'_>]) -> Span {
        let mut value = self;
        for segment in path {
            let next = match (segment, &value.node) {
                (PathSegment::Key(key), Node::Object(_)) => value.member(key).map(|m| &m.value),
                (PathSegment::Index(i), Node::Array(items)) => items.get(*i),
                _ => None,
            };
            match next {
                Some(next) => value = next,
                None => break,
            }
        }
        value.span
    }
}
