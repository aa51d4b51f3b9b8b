//! The example binaries' command lines: `--flag value` pairs and switches
//! read one after the other, and the flags every example that generates a
//! plan shares (`--tasks`, `--seed`, `--as-of` and the [`Variant`]'s).

use std::fmt::Display;
use std::str::FromStr;

use chrono::NaiveDate;

use crate::{SUGGESTED_AS_OF, Variant};

/// The arguments after the program's name, read flag by flag.
pub struct Flags {
    rest: std::vec::IntoIter<String>,
}

impl Flags {
    /// The process's own arguments.
    pub fn from_env() -> Flags {
        Flags::new(std::env::args().skip(1))
    }

    /// These arguments (the program's name left out).
    pub fn new(args: impl IntoIterator<Item = String>) -> Flags {
        Flags {
            rest: args.into_iter().collect::<Vec<_>>().into_iter(),
        }
    }

    /// The next flag, if any is left.
    pub fn next_flag(&mut self) -> Option<String> {
        self.rest.next()
    }

    /// The value after `flag`, parsed; the error names the flag.
    pub fn value<T>(&mut self, flag: &str) -> Result<T, String>
    where
        T: FromStr,
        T::Err: Display,
    {
        let text = self
            .rest
            .next()
            .ok_or_else(|| format!("{flag} needs a value"))?;
        text.parse().map_err(|e| format!("{flag}: {e}"))
    }
}

/// The generated plan the flags ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlanFlags {
    /// `--tasks N` (`_` allowed between digits: `100_000`).
    pub tasks: Option<usize>,
    /// `--seed S` (1 when not given).
    pub seed: u64,
    /// `--as-of YYYY-MM-DD` ([`SUGGESTED_AS_OF`] when not given).
    pub as_of: NaiveDate,
    /// `--isolated-percent P`, `--minify`, `--all-estimates`.
    pub variant: Variant,
}

impl Default for PlanFlags {
    fn default() -> PlanFlags {
        PlanFlags {
            tasks: None,
            seed: 1,
            as_of: SUGGESTED_AS_OF,
            variant: Variant::default(),
        }
    }
}

impl PlanFlags {
    /// Reads `flag` (and its value from `args`) when it is one of these;
    /// `Ok(false)` leaves it to the caller.
    pub fn read(&mut self, flag: &str, args: &mut Flags) -> Result<bool, String> {
        match flag {
            "--tasks" => {
                let digits: String = args.value(flag)?;
                self.tasks = Some(
                    digits
                        .replace('_', "")
                        .parse()
                        .map_err(|e| format!("{flag}: {e}"))?,
                );
            }
            "--seed" => self.seed = args.value(flag)?,
            "--as-of" => self.as_of = args.value(flag)?,
            "--isolated-percent" => self.variant.isolated_percent = args.value(flag)?,
            "--minify" => self.variant.minified = true,
            "--all-estimates" => self.variant.all_estimates = true,
            _ => return Ok(false),
        }
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(args: &[&str]) -> Result<(PlanFlags, Vec<String>), String> {
        let mut flags = Flags::new(args.iter().map(|a| a.to_string()));
        let mut plan = PlanFlags::default();
        let mut others = Vec::new();
        while let Some(flag) = flags.next_flag() {
            if !plan.read(&flag, &mut flags)? {
                others.push(flag);
            }
        }
        Ok((plan, others))
    }

    #[test]
    fn reads_the_shared_flags_and_leaves_the_others() {
        let (plan, others) = read(&[
            "--tasks",
            "100_000",
            "--iterations",
            "--seed",
            "7",
            "--as-of",
            "2031-01-02",
            "--all-estimates",
        ])
        .unwrap();
        assert_eq!(plan.tasks, Some(100_000));
        assert_eq!(plan.seed, 7);
        assert_eq!(plan.as_of, NaiveDate::from_ymd_opt(2031, 1, 2).unwrap());
        assert!(plan.variant.all_estimates && !plan.variant.minified);
        assert_eq!(others, vec!["--iterations"]);
    }

    #[test]
    fn a_bad_or_missing_value_names_its_flag() {
        assert_eq!(read(&["--seed"]).unwrap_err(), "--seed needs a value");
        assert!(
            read(&["--as-of", "tomorrow"])
                .unwrap_err()
                .starts_with("--as-of: ")
        );
        assert!(
            read(&["--tasks", "many"])
                .unwrap_err()
                .starts_with("--tasks: ")
        );
    }
}
