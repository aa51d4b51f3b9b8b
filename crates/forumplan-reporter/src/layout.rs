//! Fitting text into columns by display width (Vietnamese may be written
//! with combining marks, which take no column).

use unicode_width::UnicodeWidthStr;

use crate::escape;

/// The columns `text` takes on a terminal.
pub(crate) fn width(text: &str) -> usize {
    text.width()
}

/// `text` cut to at most `max` columns, ending in `…` when cut; as plain
/// terminal text ([`escape::terminal`]), since it is laid out for one.
pub(crate) fn truncate(text: &str, max: usize) -> String {
    let text = &*escape::terminal(text);
    if width(text) <= max {
        return text.to_owned();
    }
    let mut out = String::new();
    for c in text.chars() {
        if width(&out) + width(c.encode_utf8(&mut [0; 4])) + 1 > max {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// `name` shortened so that a line holding it beside `kept` (a task id,
/// which is what a coordinator types and so is never cut) fits `max`
/// columns; `kept` longer than the line leaves the name a few columns.
pub(crate) fn shorten_beside(name: &str, kept: &str, max: usize) -> String {
    const NAME_AT_LEAST: usize = 12;
    truncate(name, max.saturating_sub(width(kept)).max(NAME_AT_LEAST))
}

/// `text` cut and padded on the right to exactly `columns`.
pub(crate) fn pad(text: &str, columns: usize) -> String {
    let cut = truncate(text, columns);
    let fill = columns.saturating_sub(width(&cut));
    format!("{cut}{}", " ".repeat(fill))
}

/// `text` padded on the left to `columns` (numbers).
pub(crate) fn pad_left(text: &str, columns: usize) -> String {
    let fill = columns.saturating_sub(width(text));
    format!("{}{text}", " ".repeat(fill))
}

/// `text` broken at spaces into lines of at most `columns`. A single word
/// longer than that (a long task id) stays whole on a line of its own:
/// a cut id could not be typed back.
pub(crate) fn wrap(text: &str, columns: usize) -> Vec<String> {
    let text = escape::terminal(text);
    let mut lines = Vec::new();
    let mut line = String::new();
    // The line's width, kept as words are added: a space between words
    // joins no character sequence, so widths add up across it.
    let mut line_width = 0;
    for word in text.split(' ') {
        let word_width = width(word);
        if line.is_empty() {
            line.push_str(word);
            line_width = word_width;
        } else if line_width + 1 + word_width <= columns {
            line.push(' ');
            line.push_str(word);
            line_width += 1 + word_width;
        } else {
            lines.push(std::mem::replace(&mut line, word.to_owned()));
            line_width = word_width;
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// `wrap` as first written: each candidate line measured whole.
    fn wrap_by_measuring(text: &str, columns: usize) -> Vec<String> {
        let text = escape::terminal(text);
        let mut lines = Vec::new();
        let mut line = String::new();
        for word in text.split(' ') {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if width(&candidate) <= columns {
                line = candidate;
            } else {
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                line = word.to_owned();
            }
        }
        if !line.is_empty() || lines.is_empty() {
            lines.push(line);
        }
        lines
    }

    proptest! {
        #[test]
        fn wrapping_adds_widths_as_measuring_would(
            text in "([a-z]{0,9}|[ếẫưởđ]{1,4}|e\u{302}\u{301}|[中文]{1,3}|\u{1F468}\u{200D}\u{1F469}|\u{2764}\u{FE0F}|\u{FE0F}|\t|  ?)( ([a-z]{0,9}|[ếẫưởđ]{1,4}|e\u{302}\u{301}|[中文]{1,3}|\u{1F468}\u{200D}\u{1F469}|\u{2764}\u{FE0F}|\u{FE0F}|\t|  ?)){0,20}",
            columns in 1usize..40,
        ) {
            prop_assert_eq!(wrap(&text, columns), wrap_by_measuring(&text, columns));
        }
    }

    #[test]
    fn combining_marks_take_no_column() {
        let decomposed = "Tie\u{302}\u{301}n"; // "Tiến" written with combining marks
        assert_eq!(width(decomposed), 4);
        assert_eq!(pad(decomposed, 6), format!("{decomposed}  "));
    }

    #[test]
    fn wrapping_breaks_at_spaces_within_the_width() {
        let lines = wrap(
            "docs-print · Vụ Hành chính · Đang thực hiện · hạn chót 15/09/2022",
            30,
        );
        assert!(lines.iter().all(|l| width(l) <= 30), "{lines:?}");
        assert_eq!(
            lines.join(" "),
            "docs-print · Vụ Hành chính · Đang thực hiện · hạn chót 15/09/2022"
        );
    }

    #[test]
    fn a_word_longer_than_the_line_stays_whole() {
        let id = "a-very-long-task-id-that-a-coordinator-types";
        let lines = wrap(&format!("owner {id} · done"), 20);
        assert_eq!(lines, ["owner", id, "· done"]);
    }

    #[test]
    fn shortening_beside_an_id_cuts_the_name_only() {
        let kept = "(av-install)";
        let name = "Lắp đặt âm thanh, ánh sáng, màn hình LED";
        let line = format!("{} {kept}", shorten_beside(name, kept, 29));
        assert_eq!(line, "Lắp đặt âm thanh… (av-install)");
        assert_eq!(width(&line), 30);
    }

    #[test]
    fn long_text_is_cut_with_an_ellipsis() {
        assert_eq!(truncate("Chuẩn bị kịch bản", 8), "Chuẩn b…");
        assert_eq!(width(&pad("Chuẩn bị kịch bản", 8)), 8);
        assert_eq!(pad_left("87%", 5), "  87%");
    }
}
