//! The one place that reads the clock. Everything below the command line
//! is handed the day; decisions about "today" take it as an argument, so
//! they are tested with any day.

use chrono::{DateTime, FixedOffset, NaiveDate};

/// Today in `timezone`.
pub(crate) fn today_in(timezone: chrono_tz::Tz) -> NaiveDate {
    now_in(timezone).date_naive()
}

/// Now in `timezone`, with its offset (for the journal's `recorded_at`).
pub(crate) fn now_in(timezone: chrono_tz::Tz) -> DateTime<FixedOffset> {
    chrono::Utc::now().with_timezone(&timezone).fixed_offset()
}
