//! The baseline file reader: whatever the bytes, it returns (never
//! panics) with every problem located inside the text; and a file it wrote
//! reads back as the same baselines.

use chrono::NaiveDate;
use forumplan_core::baseline::{Baseline, BaselineFile, BaselineTask};
use proptest::prelude::*;

fn day(offset: u16) -> NaiveDate {
    NaiveDate::from_ymd_opt(2022, 1, 1).expect("day") + chrono::Days::new(u64::from(offset))
}

/// A baseline file of up to three baselines of up to six tasks each, with
/// valid names (ids), unique names and unique task ids.
fn baseline_file() -> impl Strategy<Value = BaselineFile> {
    let task = (0u16..700, 0u16..30).prop_map(|(start, length)| (day(start), day(start + length)));
    let baseline = (
        0u16..700,
        prop::option::of(0u16..700),
        prop::collection::vec(task, 0..6),
    );
    prop::collection::vec(baseline, 0..3).prop_map(|baselines| {
        let mut file = BaselineFile {
            forum: "vesf-2022".into(),
            baselines: Vec::new(),
        };
        for (i, (as_of, ready, tasks)) in baselines.into_iter().enumerate() {
            file.save(Baseline {
                name: format!("b{i}"),
                as_of: day(as_of),
                forecast_ready: ready.map(day),
                tasks: tasks
                    .into_iter()
                    .enumerate()
                    .map(|(t, (start, finish))| BaselineTask {
                        id: format!("task-{t}").into(),
                        start,
                        finish,
                    })
                    .collect(),
            });
        }
        file
    })
}

proptest! {
    #[test]
    fn a_written_file_reads_back_the_same(file in baseline_file()) {
        prop_assert_eq!(BaselineFile::parse(&file.to_bytes()), Ok(file));
    }

    /// Bytes of a valid file, some replaced, some cut away: never a panic,
    /// and every problem located within the text.
    #[test]
    fn damaged_bytes_never_panic_and_are_located(
        file in baseline_file(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..6),
        cut in any::<prop::sample::Index>(),
    ) {
        let mut bytes = file.to_bytes();
        for (at, byte) in edits {
            let at = at.index(bytes.len());
            bytes[at] = byte;
        }
        bytes.truncate(cut.index(bytes.len() + 1));
        if let Err(problems) = BaselineFile::parse(&bytes) {
            prop_assert!(!problems.is_empty());
            for problem in problems {
                let span = problem.span.expect("located");
                prop_assert!(span.start <= span.end && span.end <= bytes.len().max(1), "{problem:?}");
            }
        }
    }
}
