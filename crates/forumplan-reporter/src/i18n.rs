//! The message catalogue: every label, heading and phrase in Vietnamese
//! and English, in one typed table, so a missing translation is a compile
//! error rather than a blank in a report sent up the chain.

use chrono::NaiveDate;
use forumplan_core::journal::TaskState;
use forumplan_core::plan::Locale;
use forumplan_scheduler::{Cause, Rag, Readiness};
use serde::Serialize;

/// A report language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Vietnamese: dd/mm/yyyy dates.
    Vi,
    /// English: ISO dates.
    En,
}

impl From<Locale> for Lang {
    fn from(locale: Locale) -> Lang {
        match locale {
            Locale::Vi => Lang::Vi,
            Locale::En => Lang::En,
        }
    }
}

/// A fixed phrase of the reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)] // Each variant is its English text below.
pub enum Msg {
    ReportTitle,
    EventDay,
    Venue,
    AsOf,
    Countdown,
    Overall,
    Completion,
    ForecastReady,
    OnTime,
    NotOnTime,
    NothingLeft,
    Workstreams,
    Workstream,
    Lead,
    Colour,
    Done,
    Tasks,
    Late,
    AtRisk,
    Blocked,
    LateAndBlocked,
    NoneLateOrBlocked,
    Task,
    Owner,
    State,
    Float,
    LateFinish,
    LateStart,
    Start,
    Finish,
    CriticalPath,
    NoCriticalPath,
    DueSoon,
    NothingDueSoon,
    MustStartToday,
    NothingMustStart,
    Handoffs,
    NoHandoffs,
    WaitsOn,
    Pending,
    ChangesSince,
    NewlyDone,
    NewlyLate,
    NewlyAtRisk,
    NewlyBlocked,
    Unblocked,
    ForecastChange,
    NoChanges,
    Conflicts,
    Gantt,
    CompletionByWorkstream,
    Today,
    Milestone,
    WorkingDays,
    Legend,
    Progress,
    CriticalTask,
    FixedStartPushed,
    FixedStartPassed,
    SwipeForMore,
    Causes,
    Branch,
    StartToFinish,
    PostEventApart,
    NoCriticalPathAfterEvent,
}

impl Msg {
    /// The phrase in `lang`.
    pub fn text(self, lang: Lang) -> &'static str {
        let (vi, en) = match self {
            Msg::ReportTitle => ("Báo cáo tiến độ chuẩn bị", "Preparation status"),
            Msg::EventDay => ("Ngày diễn ra", "Event day"),
            Msg::Venue => ("Địa điểm", "Venue"),
            Msg::AsOf => ("Tính đến ngày", "As of"),
            Msg::Countdown => ("Đếm ngược", "Countdown"),
            Msg::Overall => ("Đánh giá chung", "Overall"),
            Msg::Completion => ("Hoàn thành", "Completion"),
            Msg::ForecastReady => ("Dự kiến sẵn sàng", "Forecast ready"),
            Msg::OnTime => ("kịp trước ngày diễn ra", "before the event"),
            Msg::NotOnTime => ("KHÔNG kịp trước ngày diễn ra", "NOT before the event"),
            Msg::NothingLeft => (
                "không còn việc trước sự kiện",
                "no work left before the event",
            ),
            Msg::Workstreams => ("Các mảng công việc", "Workstreams"),
            Msg::Workstream => ("Mảng", "Workstream"),
            Msg::Lead => ("Đơn vị chủ trì", "Lead unit"),
            Msg::Colour => ("Mức", "Status"),
            Msg::Done => ("Xong", "Done"),
            Msg::Tasks => ("Việc", "Tasks"),
            Msg::Late => ("Trễ", "Late"),
            Msg::AtRisk => ("Nguy cơ", "At risk"),
            Msg::Blocked => ("Vướng", "Blocked"),
            Msg::LateAndBlocked => ("Việc trễ hạn và vướng mắc", "Late and blocked tasks"),
            Msg::NoneLateOrBlocked => (
                "Không có việc trễ hạn hay vướng mắc.",
                "Nothing is late or blocked.",
            ),
            Msg::Task => ("Công việc", "Task"),
            Msg::Owner => ("Phụ trách", "Owner"),
            Msg::State => ("Trạng thái", "State"),
            Msg::Float => ("Dự trữ", "Float"),
            Msg::LateFinish => ("Hạn chót", "Late finish"),
            Msg::LateStart => ("Bắt đầu muộn nhất", "Late start"),
            Msg::Start => ("Bắt đầu", "Start"),
            Msg::Finish => ("Kết thúc", "Finish"),
            Msg::CriticalPath => ("Đường găng", "Critical path"),
            Msg::NoCriticalPath => (
                "Không có đường găng: các việc về đích muộn nhất vẫn còn dự trữ.",
                "No critical path: the latest work still has float.",
            ),
            Msg::DueSoon => ("Sắp đến hạn", "Due soon"),
            Msg::NothingDueSoon => (
                "Không có việc đến hạn trong thời gian tới.",
                "Nothing is due in the coming days.",
            ),
            Msg::MustStartToday => ("Phải bắt đầu hôm nay", "Must start today"),
            Msg::NothingMustStart => (
                "Không có việc nào buộc phải bắt đầu hôm nay.",
                "Nothing must start today.",
            ),
            Msg::Handoffs => ("Phối hợp giữa các mảng", "Handoffs between workstreams"),
            Msg::NoHandoffs => (
                "Không còn việc chờ giữa các mảng.",
                "No workstream is waiting on another.",
            ),
            Msg::WaitsOn => ("chờ", "waits on"),
            Msg::Pending => ("việc chưa xong", "unfinished"),
            Msg::ChangesSince => ("Thay đổi so với ngày", "Changes since"),
            Msg::NewlyDone => ("Mới hoàn thành", "Newly done"),
            Msg::NewlyLate => ("Mới trễ hạn", "Newly late"),
            Msg::NewlyAtRisk => ("Mới có nguy cơ", "Newly at risk"),
            Msg::NewlyBlocked => ("Mới vướng mắc", "Newly blocked"),
            Msg::Unblocked => ("Hết vướng mắc", "Unblocked"),
            Msg::ForecastChange => ("Ngày dự kiến sẵn sàng", "Forecast ready day"),
            Msg::NoChanges => ("Không có thay đổi.", "No changes."),
            Msg::Conflicts => ("Xung đột lịch", "Schedule conflicts"),
            Msg::Gantt => ("Biểu đồ tiến độ", "Gantt chart"),
            Msg::CompletionByWorkstream => {
                ("Mức độ hoàn thành theo mảng", "Completion by workstream")
            }
            Msg::Today => ("Hôm nay", "Today"),
            Msg::Milestone => ("Mốc", "Milestone"),
            Msg::WorkingDays => ("ngày làm việc", "working days"),
            Msg::Legend => ("Chú giải", "Legend"),
            Msg::Progress => ("Phần đã làm", "Progress"),
            Msg::CriticalTask => ("Việc găng", "Critical task"),
            Msg::FixedStartPushed => (
                "Ngày bắt đầu ấn định bị lùi do việc trước chưa xong",
                "Fixed start pushed back by unfinished predecessors",
            ),
            Msg::SwipeForMore => (
                "Vuốt ngang để xem toàn bộ biểu đồ",
                "Swipe sideways to see the whole chart",
            ),
            Msg::Causes => ("Việc cần xử lý ngay", "Needs action now"),
            Msg::Branch => ("nhánh", "branch"),
            Msg::NoCriticalPathAfterEvent => (
                "Diễn đàn đã diễn ra: công tác chuẩn bị không còn đường găng.",
                "The forum has taken place: preparation has no critical path left.",
            ),
            Msg::StartToFinish => ("Bắt đầu → Kết thúc", "Start → Finish"),
            Msg::PostEventApart => (
                "việc sau sự kiện, chỉ được tính từ ngày diễn ra",
                "post-event tasks, counted from the event day on",
            ),
            Msg::FixedStartPassed => (
                "Đã qua ngày bắt đầu ấn định mà chưa bắt đầu",
                "Fixed start day passed without starting",
            ),
        };
        match lang {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }
}

/// A day as the language writes it: 18/09/2022 or 2022-09-18.
pub fn date(lang: Lang, day: NaiveDate) -> String {
    match lang {
        Lang::Vi => day.format("%d/%m/%Y").to_string(),
        Lang::En => day.format("%Y-%m-%d").to_string(),
    }
}

/// "T-5" style label for `days_left` calendar days before the event.
pub fn t_minus(days_left: i64) -> String {
    match days_left {
        0 => "T".to_owned(),
        d if d > 0 => format!("T-{d}"),
        d => format!("T+{}", -d),
    }
}

/// The countdown sentence: "Còn 5 ngày (T-5), 3 ngày làm việc"; from the
/// event day on (post-event mode), "Diễn đàn đã diễn ra ngày 18/09/2022 (T+2)".
pub fn countdown(lang: Lang, event: NaiveDate, days_left: i64, working_days_left: i64) -> String {
    let t = t_minus(days_left);
    let day = date(lang, event);
    match (lang, days_left) {
        (Lang::Vi, 0) => format!("Diễn đàn diễn ra hôm nay, {day} (T)"),
        (Lang::En, 0) => format!("The forum takes place today, {day} (T)"),
        (Lang::Vi, d) if d > 0 => format!("Còn {d} ngày ({t}), {working_days_left} ngày làm việc"),
        (Lang::En, d) if d > 0 => {
            let days = if d == 1 { "day" } else { "days" };
            let working = if working_days_left == 1 {
                "working day"
            } else {
                "working days"
            };
            format!("{d} {days} left ({t}), {working_days_left} {working}")
        }
        (Lang::Vi, _) => format!("Diễn đàn đã diễn ra ngày {day} ({t})"),
        (Lang::En, _) => format!("The forum took place on {day} ({t})"),
    }
}

/// The colour's name.
pub fn rag(lang: Lang, rag: Rag) -> &'static str {
    match (lang, rag) {
        (Lang::Vi, Rag::Green) => "Xanh",
        (Lang::Vi, Rag::Amber) => "Vàng",
        (Lang::Vi, Rag::Red) => "Đỏ",
        (Lang::En, Rag::Green) => "Green",
        (Lang::En, Rag::Amber) => "Amber",
        (Lang::En, Rag::Red) => "Red",
    }
}

/// The readiness's name.
pub fn readiness(lang: Lang, readiness: Readiness) -> &'static str {
    match (lang, readiness) {
        (Lang::Vi, Readiness::Done) => "Hoàn thành",
        (Lang::Vi, Readiness::Late) => "Trễ hạn",
        (Lang::Vi, Readiness::AtRisk) => "Có nguy cơ",
        (Lang::Vi, Readiness::OnTrack) => "Đúng tiến độ",
        (Lang::En, Readiness::Done) => "Done",
        (Lang::En, Readiness::Late) => "Late",
        (Lang::En, Readiness::AtRisk) => "At risk",
        (Lang::En, Readiness::OnTrack) => "On track",
    }
}

/// A task's readiness as a word; a cancelled task has none and reads as
/// its state.
pub fn task_readiness(lang: Lang, readiness: Option<Readiness>) -> &'static str {
    readiness.map_or_else(
        || state(lang, TaskState::Cancelled),
        |r| self::readiness(lang, r),
    )
}

/// Why a task colours its workstream, as the morning check names it.
pub fn cause(lang: Lang, cause: Cause) -> &'static str {
    match (lang, cause) {
        (Lang::Vi, Cause::Late) => "Chậm tiến độ",
        (Lang::Vi, Cause::BlockedCritical) => "Vướng mắc trên đường găng",
        (Lang::Vi, Cause::AtRisk) => "Có nguy cơ",
        (Lang::Vi, Cause::Blocked) => "Vướng mắc",
        (Lang::En, Cause::Late) => "Late",
        (Lang::En, Cause::BlockedCritical) => "Blocked on the critical path",
        (Lang::En, Cause::AtRisk) => "At risk",
        (Lang::En, Cause::Blocked) => "Blocked",
    }
}

/// How overdue a task that must start today is: "hôm nay" / "today" when
/// its late start is today, else "quá hạn 3 ngày" / "3 days overdue".
pub fn overdue(lang: Lang, days: i64) -> String {
    match (lang, days) {
        (Lang::Vi, 0) => "hôm nay".to_owned(),
        (Lang::En, 0) => "today".to_owned(),
        (Lang::Vi, d) => format!("quá hạn {d} ngày"),
        (Lang::En, 1) => "1 day overdue".to_owned(),
        (Lang::En, d) => format!("{d} days overdue"),
    }
}

/// The chains a branch of the critical path lies on: "nhánh 1, 3".
pub fn branches(lang: Lang, chains: &[usize]) -> String {
    let numbers: Vec<String> = chains.iter().map(ToString::to_string).collect();
    format!("{} {}", Msg::Branch.text(lang), numbers.join(", "))
}

/// The state's name.
pub fn state(lang: Lang, state: TaskState) -> &'static str {
    match (lang, state) {
        (Lang::Vi, TaskState::NotStarted) => "Chưa bắt đầu",
        (Lang::Vi, TaskState::InProgress) => "Đang thực hiện",
        (Lang::Vi, TaskState::Done) => "Hoàn thành",
        (Lang::Vi, TaskState::Blocked) => "Vướng mắc",
        (Lang::Vi, TaskState::Cancelled) => "Đã hủy",
        (Lang::En, TaskState::NotStarted) => "Not started",
        (Lang::En, TaskState::InProgress) => "In progress",
        (Lang::En, TaskState::Done) => "Done",
        (Lang::En, TaskState::Blocked) => "Blocked",
        (Lang::En, TaskState::Cancelled) => "Cancelled",
    }
}

/// A float in working days: "-2 ngày" / "-2 days".
pub fn float_days(lang: Lang, days: i64) -> String {
    match (lang, days.abs()) {
        (Lang::Vi, _) => format!("{days} ngày"),
        (Lang::En, 1) => format!("{days} day"),
        (Lang::En, _) => format!("{days} days"),
    }
}

/// "and 3 more" for a list cut short.
pub fn more(lang: Lang, count: usize) -> String {
    match lang {
        Lang::Vi => format!("và {count} việc khác"),
        Lang::En => format!("and {count} more"),
    }
}

/// A percentage, rounded to a whole number: "87%".
pub fn percent(value: f64) -> String {
    format!("{:.0}%", value)
}
