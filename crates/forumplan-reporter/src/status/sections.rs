//! The sections of the status report, in report order.
//!
//! Every renderer walks [`Section::ALL`] and matches each section without a
//! wildcard, so a new section does not compile until every format has
//! rendered it, or said in its match arm why it leaves it out. The JSON
//! form is the report's serialization; a test checks that its members are
//! exactly the sections' [`Section::json_members`].

/// One part of the status report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// The forum, the day, the countdown, the colour, the forecast.
    Headline,
    /// One row per workstream.
    Workstreams,
    /// Late and blocked tasks, worst first.
    LateAndBlocked,
    /// The critical path.
    CriticalPath,
    /// Tasks that must start today.
    MustStartToday,
    /// Tasks due within the lookahead window.
    DueSoon,
    /// Who waits on whom.
    Handoffs,
    /// What changed since the previous day.
    Changes,
    /// What moved most since the baseline (only with one).
    Slippage,
    /// Constraints the schedule could not obey.
    Conflicts,
    /// Every task: the CSV form's rows and the HTML form's Gantt chart.
    Tasks,
}

impl Section {
    /// Every section, in the order the reports show them.
    pub const ALL: [Section; 11] = [
        Section::Headline,
        Section::Workstreams,
        Section::LateAndBlocked,
        Section::CriticalPath,
        Section::MustStartToday,
        Section::DueSoon,
        Section::Handoffs,
        Section::Changes,
        Section::Slippage,
        Section::Conflicts,
        Section::Tasks,
    ];

    /// The members of the JSON form that hold this section.
    pub fn json_members(self) -> &'static [&'static str] {
        match self {
            Section::Headline => &["forum", "as_of", "scope", "headline"],
            Section::Workstreams => &["workstreams"],
            Section::LateAndBlocked => &["late_and_blocked"],
            Section::CriticalPath => &["critical_paths", "critical_path"],
            Section::MustStartToday => &["must_start_today"],
            Section::DueSoon => &["due_soon"],
            Section::Handoffs => &["handoffs"],
            Section::Changes => &["changes"],
            Section::Slippage => &["slippage"],
            Section::Conflicts => &["conflicts"],
            Section::Tasks => &["tasks"],
        }
    }
}
