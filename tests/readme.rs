//! README.md run as a new user would: every example command of "Using it"
//! literally, and every flag the command table documents present in that
//! command's `--help`.

mod common;

use common::{command, root, succeed, transcript};

/// README.md's text.
fn readme() -> String {
    std::fs::read_to_string(root().join("README.md")).expect("README.md")
}

/// Splits a shell line into words: spaces separate, double quotes group,
/// `#` outside quotes starts a comment (enough for README's examples).
fn words(line: &str) -> Vec<String> {
    let (mut words, mut word, mut quoted, mut started) = (Vec::new(), String::new(), false, false);
    for c in line.chars() {
        match c {
            '"' => (quoted, started) = (!quoted, true),
            '#' if !quoted => break,
            c if c.is_whitespace() && !quoted => {
                if started {
                    words.push(std::mem::take(&mut word));
                }
                started = false;
            }
            c => (word, started) = (word + &c.to_string(), true),
        }
    }
    if started {
        words.push(word);
    }
    words
}

/// The `forumplan …` lines of the first `sh` block after "## Using it".
fn example_commands(readme: &str) -> Vec<Vec<String>> {
    let usage = &readme[readme.find("## Using it").expect("a Using it section")..];
    let block = &usage[usage.find("```sh\n").expect("an sh block") + 6..];
    block[..block.find("```").expect("the block's end")]
        .lines()
        .map(words)
        .filter(|words| words.first().is_some_and(|w| w == "forumplan"))
        .collect()
}

#[test]
fn every_example_command_of_using_it_runs_as_written() {
    let commands = example_commands(&readme());
    assert!(commands.len() >= 5, "{commands:?}");
    let folder = tempfile::tempdir().expect("temporary folder");
    for words in &commands {
        let args: Vec<&str> = words[1..].iter().map(String::as_str).collect();
        let output = command(&args)
            .current_dir(folder.path())
            .output()
            .expect("run forumplan");
        // `check` answers with its monitoring codes (0 green, 1 amber, 2
        // red), `health` with 1 when a check fails; everything else succeeds.
        let allowed: &[i32] = match args[0] {
            "check" => &[0, 1, 2],
            "health" => &[0, 1],
            _ => &[0],
        };
        assert!(
            output.status.code().is_some_and(|c| allowed.contains(&c)),
            "README example `{}` failed\n{}",
            words.join(" "),
            transcript(&output)
        );
    }
}

#[test]
fn every_flag_of_the_command_table_is_in_the_commands_help() {
    let readme = readme();
    let rows: Vec<&str> = readme
        .lines()
        .filter(|line| line.starts_with("| `"))
        .collect();
    assert!(rows.len() >= 8, "{rows:?}");
    for row in rows {
        let usage = row[3..].split('`').next().expect("the usage cell");
        let name = usage.split_whitespace().next().expect("a command name");
        let help = succeed(&[name, "--help"]);
        let help = String::from_utf8_lossy(&help.stdout);
        for flag in usage
            .split(|c: char| !(c.is_alphanumeric() || c == '-'))
            .filter(|w| w.starts_with('-'))
        {
            assert!(
                help.contains(flag),
                "README documents `{flag}` for `{name}`, its --help does not:\n{help}"
            );
        }
    }
}
