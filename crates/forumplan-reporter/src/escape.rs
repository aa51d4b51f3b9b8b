//! Making user text (forum, workstream and task names, leads, owners,
//! notes) safe for each output format, each rule stated once here.
//!
//! Plans and journals are written by many hands and may hold anything: a
//! line break that would end a Markdown list item, raw HTML that a Markdown
//! viewer would run, an escape sequence that would reprogram a terminal.
//! Renderers pass every piece of user text through the function for their
//! format; JSON and CSV have their own encoders.

use std::borrow::Cow;

/// Whether `c` ends a line somewhere: plain text output keeps user text on
/// one line, so these become spaces.
fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\t' | '\u{0b}' | '\u{0c}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// Whether `c` is dropped from plain text: other control characters (ESC
/// starts terminal escape sequences; U+009B is a one-character CSI) and the
/// bidirectional overrides that reorder what a terminal shows.
fn is_dropped(c: char) -> bool {
    (c.is_control() && !is_line_break(c))
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `text` as one line of plain text for a terminal: line breaks and tabs
/// become spaces, other control characters and bidirectional overrides are
/// dropped. Borrowed when there is nothing to change.
pub fn terminal(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| is_line_break(c) || is_dropped(c)) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .filter(|&c| !is_dropped(c))
            .map(|c| if is_line_break(c) { ' ' } else { c })
            .collect(),
    )
}

/// `text` as inline Markdown that shows exactly these characters: plain
/// (see [`terminal`]), no HTML (`<`, `>`, `&` become entities), and the
/// characters that would start emphasis, code, links or a table cell
/// escaped with a backslash. Safe in prose, list items and table cells.
pub fn markdown(text: &str) -> String {
    let plain = terminal(text);
    let mut out = String::with_capacity(plain.len());
    for c in plain.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// `text` inside a double-quoted Mermaid label (`id["…"]`): plain (see
/// [`terminal`]), with the characters Mermaid or its HTML labels would read
/// written as Mermaid entity codes (`#quot;`, `#lt;`…).
pub fn mermaid_label(text: &str) -> String {
    let plain = terminal(text);
    let mut out = String::with_capacity(plain.len());
    for c in plain.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '&' => out.push_str("#amp;"),
            '#' => out.push_str("#35;"),
            c => out.push(c),
        }
    }
    out
}

/// `text` safe inside SVG or HTML text and double- or single-quoted attributes.
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_text_is_one_line_without_control_characters() {
        assert!(matches!(terminal("Hội nghị"), Cow::Borrowed("Hội nghị")));
        assert_eq!(
            terminal("Tổng\nduyệt\r\n\tlần 2\u{2028}!"),
            "Tổng duyệt   lần 2 !"
        );
        assert_eq!(
            terminal("\u{1b}[2J\u{1b}]0;pwned\u{7}Hậu cần\u{9b}31m\u{202e}x\u{0}"),
            "[2J]0;pwnedHậu cần31mx"
        );
    }

    #[test]
    fn markdown_shows_the_text_and_runs_nothing() {
        assert_eq!(
            markdown("Hội nghị - Xã hội (2022)"),
            "Hội nghị - Xã hội (2022)"
        );
        assert_eq!(
            markdown("<img src=x onerror=alert(1)> & *bold* [x](javascript:y) a|b `c` \\"),
            "&lt;img src=x onerror=alert(1)&gt; &amp; \\*bold\\* \\[x\\](javascript:y) a\\|b \\`c\\` \\\\"
        );
        assert_eq!(markdown("line\n# heading\n- item"), "line # heading - item");
    }

    #[test]
    fn mermaid_labels_cannot_close_their_quotes() {
        assert_eq!(
            mermaid_label("A \"quoted\" <b>name</b> #1 &\nnext"),
            "A #quot;quoted#quot; #lt;b#gt;name#lt;/b#gt; #35;1 #amp; next"
        );
    }

    #[test]
    fn html_escapes_markup_and_both_quotes() {
        assert_eq!(
            html(r#"<a href="x">Tom & 'Jerry'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;"
        );
        assert_eq!(html("Hội nghị"), "Hội nghị");
    }
}
