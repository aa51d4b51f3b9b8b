//! The UTF-8 check of whole files: plans, journals, imported files and
//! the text diagnostics are shown against.

/// `bytes` as text. Plans and journals are megabytes of mostly
/// Vietnamese (multi-byte) text: a SIMD check (simdutf8) reads them many
/// times faster than the standard library's, which is asked only when the
/// bytes are not UTF-8, for where the first bad byte is.
pub fn text(bytes: &[u8]) -> Result<&str, std::str::Utf8Error> {
    simdutf8::basic::from_utf8(bytes).or_else(|_| std::str::from_utf8(bytes))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn agrees_with_the_standard_library(bytes in prop::collection::vec(
            prop_oneof![any::<u8>(), Just(0xC3), Just(0xA1), Just(0xE1), Just(0xBA), Just(0xBF)],
            0..200,
        )) {
            prop_assert_eq!(super::text(&bytes), std::str::from_utf8(&bytes));
        }
    }
}
