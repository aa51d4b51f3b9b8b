//! Outside programs some tests need (Chromium, chromedriver, pdftotext).

use std::path::PathBuf;

/// The program `name` (from the Debian package `package`) on `PATH`.
///
/// A test that needs it and does not find it is skipped with a note on a
/// developer's machine; under CI (`CI` set, as `.ci/run` does) a missing
/// tool fails the test instead, so that no browser test silently stops
/// running.
pub(crate) fn installed(name: &str, package: &str) -> Option<PathBuf> {
    let found = std::env::var_os("PATH").and_then(|path| {
        std::env::split_paths(&path)
            .map(|dir| dir.join(name))
            .find(|path| path.is_file())
    });
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "{name} is not installed, and CI is set: the test cannot be skipped (apt-get install {package})"
        );
        #[allow(clippy::print_stderr)]
        {
            eprintln!("note: {name} is not installed; skipping (apt-get install {package})");
        }
    }
    found
}
