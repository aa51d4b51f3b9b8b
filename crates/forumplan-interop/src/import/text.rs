//! Reading the words people type: case, Vietnamese marks and spacing do
//! not matter.

use forumplan_core::plan::fold_vietnamese;

/// `text` lower-cased, without Vietnamese marks, every run of white space
/// one space, trimmed: "  Đơn vị  CHỦ TRÌ " → `don vi chu tri`.
pub(crate) fn fold(text: &str) -> String {
    text.split_whitespace()
        .map(|word| {
            word.chars()
                .flat_map(char::to_lowercase)
                .map(fold_vietnamese)
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether `text` is a roman numeral from I to XXXIX (section numbers).
pub(crate) fn is_roman(text: &str) -> bool {
    const UNITS: [&str; 10] = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"];
    let upper = text.trim().to_uppercase();
    let tens = upper.chars().take_while(|&c| c == 'X').count();
    tens <= 3 && !upper.is_empty() && UNITS.contains(&&upper[tens..])
}

/// A heading's roman number and the title after it: "II. HẬU CẦN" →
/// ("II", "HẬU CẦN").
pub(crate) fn roman_heading(text: &str) -> Option<(&str, &str)> {
    let text = text.trim();
    let end = text
        .find(|c: char| !matches!(c, 'I' | 'V' | 'X'))
        .unwrap_or(text.len());
    let (number, rest) = text.split_at(end);
    if !is_roman(number) {
        return None;
    }
    let title = rest.trim_start_matches(['.', ')', ':', '-', ' ', '\u{2013}']);
    // "IV" alone, or a numeral separated from its title.
    (rest.is_empty() || title.len() < rest.len()).then_some((number, title.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_case_marks_and_spacing() {
        assert_eq!(fold("  Đơn vị  CHỦ TRÌ "), "don vi chu tri");
        assert_eq!(fold("% Hoàn thành"), "% hoan thanh");
    }

    #[test]
    fn roman_headings() {
        assert_eq!(roman_heading("II. HẬU CẦN"), Some(("II", "HẬU CẦN")));
        assert_eq!(
            roman_heading("IV - Truyền thông"),
            Some(("IV", "Truyền thông"))
        );
        assert_eq!(roman_heading("XIV"), Some(("XIV", "")));
        assert_eq!(roman_heading("Ít người"), None);
        assert_eq!(roman_heading("IVa. x"), None);
        assert_eq!(roman_heading("Xây dựng"), None);
        assert!(is_roman("iii") && !is_roman("IIII") && !is_roman(""));
    }
}
