//! [`Id`]: the identifiers of a plan (tasks, workstreams, calendars, the
//! forum), and the one statement of their syntax.
//!
//! A plan of a million tasks holds several million ids and references to
//! them. Kept inline (up to 24 bytes, which every id the generator or a
//! coordinator writes fits in), they cost no allocation each, neither to
//! read nor to drop; longer ones go to the heap as a `String` would.

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;

use compact_str::CompactString;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Whether `id` is a well-formed identifier: `[a-z0-9][a-z0-9._-]*`.
pub(crate) fn is_valid_id(id: &str) -> bool {
    // One table lookup a byte: every id, link and workstream of a plan
    // goes through here (a third of a million at 100k tasks).
    const fn class(b: u8) -> u8 {
        match b {
            b'a'..=b'z' | b'0'..=b'9' => FIRST | REST,
            b'.' | b'_' | b'-' => REST,
            _ => 0,
        }
    }
    const FIRST: u8 = 1;
    const REST: u8 = 2;
    const CLASS: [u8; 256] = {
        let mut table = [0; 256];
        let mut b = 0;
        while b < 256 {
            table[b] = class(b as u8);
            b += 1;
        }
        table
    };
    let bytes = id.as_bytes();
    bytes
        .first()
        .is_some_and(|&b| CLASS[usize::from(b)] & FIRST != 0)
        && bytes.iter().all(|&b| CLASS[usize::from(b)] & REST != 0)
}

/// An identifier as a plan writes it. Reading one with serde checks its
/// syntax (`[a-z0-9][a-z0-9._-]*`, see [`Id::is_valid`]); the spanned
/// reader, which reports a malformed id with its place, keeps it as written
/// (or empty) so that one mistake gives one error, which is why building
/// one from a string does not check.
///
/// It reads as a `&str` everywhere (`Deref`, `Borrow<str>`, `Display`,
/// comparisons with `str` and `String`), and serializes as a string.
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Id(CompactString);

impl Id {
    /// An id holding `text`, whatever its syntax.
    pub fn new(text: &str) -> Id {
        Id(CompactString::new(text))
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether `text` is a well-formed id: a lower-case ASCII letter or a
    /// digit, then letters, digits, `.`, `_` and `-`.
    pub fn is_valid(text: &str) -> bool {
        is_valid_id(text)
    }
}

impl Deref for Id {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Id {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Id {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

impl fmt::Debug for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl From<&str> for Id {
    fn from(text: &str) -> Id {
        Id::new(text)
    }
}

impl From<String> for Id {
    fn from(text: String) -> Id {
        Id(CompactString::from(text))
    }
}

impl From<&String> for Id {
    fn from(text: &String) -> Id {
        Id::new(text)
    }
}

impl From<Id> for String {
    fn from(id: Id) -> String {
        id.0.into_string()
    }
}

impl PartialEq<str> for Id {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Id {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Id {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<Id> for str {
    fn eq(&self, other: &Id) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<Id> for &str {
    fn eq(&self, other: &Id) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<Id> for String {
    fn eq(&self, other: &Id) -> bool {
        self == other.as_str()
    }
}

impl Serialize for Id {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self)
    }
}

impl<'de> Deserialize<'de> for Id {
    /// Reads a string and checks the id syntax: a malformed id is an
    /// error, so a plan serde reads has only well-formed ids.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Id, D::Error> {
        struct Text;
        impl serde::de::Visitor<'_> for Text {
            type Value = Id;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an id: lower-case letters, digits, `.`, `_` and `-`")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Id, E> {
                if is_valid_id(text) {
                    Ok(Id::new(text))
                } else {
                    Err(E::invalid_value(serde::de::Unexpected::Str(text), &self))
                }
            }
        }
        deserializer.deserialize_str(Text)
    }
}

impl JsonSchema for Id {
    fn inline_schema() -> bool {
        String::inline_schema()
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        String::schema_name()
    }

    fn schema_id() -> std::borrow::Cow<'static, str> {
        String::schema_id()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        String::json_schema(generator)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The syntax as the contract writes it: `[a-z0-9][a-z0-9._-]*`.
    fn by_the_rule(id: &str) -> bool {
        let first = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit();
        let mut chars = id.chars();
        chars.next().is_some_and(first) && chars.all(|c| first(c) || matches!(c, '.' | '_' | '-'))
    }

    #[test]
    fn the_lookup_table_is_the_rule_for_every_character_in_every_place() {
        let chars = (0..0x800u32)
            .filter_map(char::from_u32)
            .chain(['ệ', 'Đ', '\u{FEFF}']);
        for c in chars {
            for id in [
                c.to_string(),
                format!("a{c}"),
                format!("{c}a"),
                format!("a-{c}0"),
            ] {
                assert_eq!(is_valid_id(&id), by_the_rule(&id), "{id:?}");
            }
        }
        assert!(!is_valid_id(""));
    }

    #[test]
    fn reading_checks_the_syntax() {
        for good in [
            "a",
            "0",
            "agenda-final",
            "v1.2_x",
            "a-b-c-d-e-f-g-h-i-j-k-l-m-n-o",
        ] {
            let id: Id = serde_json::from_str(&format!("\"{good}\"")).expect(good);
            assert_eq!(id, good);
        }
        for bad in ["", "-a", "A", "a b", "é", "_a", ".a", "a/b"] {
            let text = serde_json::to_string(bad).expect("a string");
            assert!(serde_json::from_str::<Id>(&text).is_err(), "{bad:?}");
        }
        assert!(serde_json::from_str::<Id>("3").is_err());
    }

    #[test]
    fn reads_and_writes_as_text() {
        let long = "x".repeat(100);
        for text in ["agenda", long.as_str()] {
            let id = Id::from(text);
            assert_eq!(id.to_string(), text);
            assert_eq!(format!("{id:?}"), format!("{text:?}"));
            assert_eq!(
                serde_json::to_string(&id).expect("json"),
                format!("\"{text}\"")
            );
            assert_eq!(String::from(id.clone()), text);
            let set: std::collections::BTreeSet<Id> = [id].into();
            assert!(set.contains(text));
        }
    }
}
