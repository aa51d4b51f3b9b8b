//! A small element tree over quick-xml's events, each element remembering
//! where it is written, so that a bad value is reported at its line and
//! column.

use forumplan_core::Span;
use quick_xml::Reader;
use quick_xml::events::Event;

use crate::problem::{Place, Problem, ProblemCode};

/// Elements nested deeper than this are refused: MSPDI files nest about
/// six levels, and a bound keeps hostile input from exhausting memory in
/// the stack of open elements.
const MAX_DEPTH: usize = 64;

/// One element: its local name (namespace prefix dropped), where its start
/// tag is, its text and its children.
#[derive(Debug, Default)]
pub(crate) struct Element {
    /// The local name.
    pub(crate) name: String,
    /// The start tag's bytes.
    pub(crate) span: Span,
    /// The text directly inside, entities resolved, trimmed.
    pub(crate) text: String,
    /// The child elements in order.
    pub(crate) children: Vec<Element>,
}

impl Element {
    /// The first child named `name`.
    pub(crate) fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }

    /// Every child named `name`.
    pub(crate) fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The text of the first child named `name`, when it is not empty.
    pub(crate) fn text_of(&self, name: &str) -> Option<&str> {
        self.child(name)
            .map(|c| c.text.as_str())
            .filter(|t| !t.is_empty())
    }

    /// Where this element is, as a problem's place.
    pub(crate) fn place(&self) -> Place {
        Place::Text(self.span)
    }
}

/// The document's root element, or the problem that stops the parse.
pub(crate) fn parse(text: &str) -> Result<Element, Problem> {
    let mut reader = Reader::from_str(text);
    let syntax = |at: u64, message: String| {
        let at = usize::try_from(at).unwrap_or(text.len()).min(text.len());
        Problem::error(
            ProblemCode::XmlSyntax,
            Place::Text(Span::at(at)),
            format!("the XML is malformed: {message}"),
        )
        .with_hint("open the file in MS Project or ProjectLibre and save it again as XML")
    };
    let mut stack: Vec<Element> = vec![Element::default()];
    loop {
        let before = reader.buffer_position();
        let event = reader
            .read_event()
            .map_err(|e| syntax(reader.error_position(), e.to_string()))?;
        let after = reader.buffer_position();
        let span = || {
            Span::new(
                usize::try_from(before).unwrap_or(0),
                usize::try_from(after).unwrap_or(0),
            )
        };
        match event {
            Event::Start(start) | Event::Empty(start) if stack.len() > MAX_DEPTH => {
                let _ = start;
                return Err(syntax(
                    before,
                    format!("elements nest deeper than {MAX_DEPTH}"),
                ));
            }
            Event::Start(start) => stack.push(Element {
                name: local(start.name().as_ref()),
                span: span(),
                ..Element::default()
            }),
            Event::Empty(start) => {
                let element = Element {
                    name: local(start.name().as_ref()),
                    span: span(),
                    ..Element::default()
                };
                if let Some(parent) = stack.last_mut() {
                    parent.children.push(element);
                }
            }
            Event::End(_) => {
                // quick-xml checks that end tags match their start tags.
                let Some(mut done) = stack.pop() else {
                    return Err(syntax(before, "an end tag without its start".into()));
                };
                done.text = done.text.trim().to_owned();
                match stack.last_mut() {
                    Some(parent) => parent.children.push(done),
                    None => return Err(syntax(before, "an end tag without its start".into())),
                }
            }
            Event::Text(t) => push_text(&mut stack, &t.xml10_content()),
            Event::CData(t) => push_text(&mut stack, &t.xml10_content()),
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c,
                    Ok(None) => match &*r {
                        "amp" => '&',
                        "lt" => '<',
                        "gt" => '>',
                        "quot" => '"',
                        "apos" => '\'',
                        other => {
                            return Err(syntax(before, format!("unknown entity `&{other};`")));
                        }
                    },
                    Err(e) => return Err(syntax(before, e.to_string())),
                };
                if let Some(top) = stack.last_mut() {
                    top.text.push(resolved);
                }
            }
            Event::Eof => break,
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
    if stack.len() > 1 {
        return Err(syntax(
            text.len() as u64,
            "the file ends inside an element".into(),
        ));
    }
    let document = stack.pop().unwrap_or_default();
    document
        .children
        .into_iter()
        .next()
        .ok_or_else(|| syntax(0, "no element at all".into()))
}

fn push_text(stack: &mut [Element], text: &str) {
    if let Some(top) = stack.last_mut() {
        top.text.push_str(text);
    }
}

/// `name` without its namespace prefix.
fn local(name: &str) -> String {
    name.rsplit_once(':')
        .map_or(name, |(_, local)| local)
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elements_keep_their_place_and_text() {
        let text = "<?xml version=\"1.0\"?>\n<p:Project xmlns:p=\"x\">\n  <Name>A &amp; B&#33;</Name><Empty/>\n</p:Project>";
        let root = parse(text).unwrap();
        assert_eq!(root.name, "Project");
        let name = root.child("Name").unwrap();
        assert_eq!(name.text, "A & B!");
        assert_eq!(&text[name.span.range()], "<Name>");
        assert!(root.child("Empty").is_some());
    }

    #[test]
    fn malformed_xml_is_located() {
        let text = "<Project>\n  <Name>x</Nom>\n</Project>";
        let problem = parse(text).unwrap_err();
        assert_eq!(problem.code, ProblemCode::XmlSyntax);
        let Place::Text(span) = problem.place else {
            panic!("located")
        };
        assert!(span.start >= text.find("</Nom>").unwrap(), "{span:?}");
        assert!(parse("<a><b></b>").is_err());
        assert!(parse("").is_err());
        let deep = "<a>".repeat(100) + &"</a>".repeat(100);
        assert!(parse(&deep).is_err());
    }
}
