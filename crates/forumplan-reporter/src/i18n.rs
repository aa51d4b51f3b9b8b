//! The message catalogue: every label, heading and phrase in Vietnamese
//! and English, in one typed table, so a missing translation is a compile
//! error rather than a blank in a report sent up the chain.

pub mod cli;
pub mod columns;
pub mod health;
pub mod official;
pub mod server;
pub mod slippage;

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

impl Lang {
    /// Its language code: `vi` or `en` (the HTML `lang` attribute).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }
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
    BranchColumn,
    PostEventApart,
    NoCriticalPathAfterEvent,
    Summary,
    NeedsAction,
    NothingNeedsAction,
    SeeBelow,
    Page,
    ShownWorkstreams,
    FinishedBefore,
    MoreTasksHidden,
    Overdue,
    DoneOfTotal,
    NotFinishedByEvent,
    RiskTitle,
    ChanceOnTime,
    DeterministicForecast,
    ReadyDayDistribution,
    HistogramLegend,
    TopDrivers,
    NoDrivers,
    Criticality,
    Sensitivity,
    FinishP80,
    ReadyDayChart,
    CumulativeChance,
    ReadyP80,
    ChanceShort,
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
            Msg::Colour => ("Mức độ", "Status"),
            Msg::Done => ("Đã xong", "Done"),
            Msg::Tasks => ("Tổng số", "Tasks"),
            Msg::Late => ("Chậm", "Behind"),
            Msg::AtRisk => ("Nguy cơ", "At risk"),
            Msg::Blocked => ("Vướng", "Blocked"),
            Msg::LateAndBlocked => (
                "Việc chậm tiến độ và vướng mắc",
                "Behind schedule and blocked",
            ),
            Msg::NoneLateOrBlocked => (
                "Không có việc chậm tiến độ hay vướng mắc.",
                "Nothing is behind schedule or blocked.",
            ),
            Msg::Task => ("Công việc", "Task"),
            Msg::Owner => ("Phụ trách", "Owner"),
            Msg::State => ("Trạng thái", "State"),
            Msg::Float => ("Dự trữ", "Float"),
            Msg::LateFinish => ("Hạn chót", "Deadline"),
            Msg::LateStart => ("Bắt đầu muộn nhất", "Latest start"),
            Msg::Start => ("Bắt đầu", "Start"),
            Msg::Finish => ("Hoàn thành", "Finish"),
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
            Msg::WaitsOn => ("đang chờ", "waits on"),
            Msg::Pending => ("việc chưa xong", "unfinished"),
            Msg::ChangesSince => ("Thay đổi so với ngày", "Changes since"),
            Msg::NewlyDone => ("Mới hoàn thành", "Newly done"),
            Msg::NewlyLate => ("Mới chậm tiến độ", "Newly behind schedule"),
            Msg::NewlyAtRisk => ("Mới có nguy cơ chậm", "Newly at risk"),
            Msg::NewlyBlocked => ("Mới phát sinh vướng mắc", "Newly blocked"),
            Msg::Unblocked => ("Đã tháo gỡ vướng mắc", "Unblocked"),
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
            Msg::BranchColumn => ("Nhánh", "Branch"),
            Msg::NoCriticalPathAfterEvent => (
                "Diễn đàn đã diễn ra: công tác chuẩn bị không còn đường găng.",
                "The forum has taken place: preparation has no critical path left.",
            ),
            Msg::PostEventApart => (
                "việc sau sự kiện, chỉ được tính từ ngày diễn ra",
                "post-event tasks, counted from the event day on",
            ),
            Msg::Summary => ("Tóm tắt", "Summary"),
            Msg::NeedsAction => ("Việc cần xử lý trong tuần", "Needs action this week"),
            Msg::NothingNeedsAction => (
                "Tuần này không có việc nào cần xử lý gấp",
                "Nothing needs action this week",
            ),
            Msg::SeeBelow => (
                "Chi tiết ở các mục bên dưới",
                "Details in the sections below",
            ),
            Msg::Page => ("Trang", "Page"),
            Msg::ShownWorkstreams => ("Báo cáo riêng cho mảng", "Report for the workstream"),
            Msg::FinishedBefore => ("việc đã xong trước", "tasks finished before"),
            Msg::MoreTasksHidden => (
                "việc khác không vẽ (thêm --all để vẽ tất cả)",
                "more tasks not drawn (add --all to draw every one)",
            ),
            Msg::FixedStartPassed => (
                "Đã qua ngày bắt đầu ấn định mà chưa bắt đầu",
                "Fixed start day passed without starting",
            ),
            Msg::Overdue => ("Trễ hạn", "Overdue"),
            Msg::DoneOfTotal => ("Xong/Tổng", "Done/Total"),
            Msg::NotFinishedByEvent => ("Không xong trước Diễn đàn", "Not finished by the event"),
            Msg::RiskTitle => ("Phân tích rủi ro tiến độ", "Schedule risk analysis"),
            Msg::ChanceOnTime => (
                "Khả năng sẵn sàng trước ngày diễn ra",
                "Chance of being ready before the event",
            ),
            Msg::DeterministicForecast => (
                "Dự kiến sẵn sàng theo kế hoạch (không rủi ro)",
                "Forecast ready day if every estimate holds",
            ),
            Msg::ReadyDayDistribution => (
                "Ngày sẵn sàng qua các lần mô phỏng (số lần, % cộng dồn)",
                "Ready day over the iterations (count, cumulative %)",
            ),
            Msg::HistogramLegend => (
                "█ trước ngày diễn ra · ▒ từ ngày diễn ra trở đi",
                "█ before the event day · ▒ on or after it",
            ),
            Msg::TopDrivers => (
                "Các việc quyết định rủi ro nhiều nhất",
                "Tasks that drive the risk most",
            ),
            Msg::NoDrivers => (
                "Không có việc nào làm thay đổi ngày sẵn sàng.",
                "No task moves the ready day.",
            ),
            Msg::Criticality => ("nằm trên đường găng", "on the driving path"),
            Msg::Sensitivity => ("độ nhạy", "sensitivity"),
            Msg::FinishP80 => ("xong (P80)", "finish (P80)"),
            Msg::ReadyDayChart => ("Phân bố ngày sẵn sàng", "Distribution of the ready day"),
            Msg::CumulativeChance => (
                "Khả năng sẵn sàng đến ngày (cộng dồn)",
                "Chance of being ready by the day (cumulative)",
            ),
            Msg::ReadyP80 => ("Sẵn sàng (P80)", "Ready (P80)"),
            Msg::ChanceShort => ("Khả năng kịp", "Chance on time"),
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
        (Lang::Vi, Readiness::Late) => "Chậm tiến độ",
        (Lang::Vi, Readiness::AtRisk) => "Nguy cơ chậm",
        (Lang::Vi, Readiness::OnTrack) => "Đúng tiến độ",
        (Lang::En, Readiness::Done) => "Done",
        (Lang::En, Readiness::Late) => "Behind schedule",
        (Lang::En, Readiness::AtRisk) => "At risk",
        (Lang::En, Readiness::OnTrack) => "On track",
    }
}

/// A task's readiness as a word. A task without one reads as its state
/// when cancelled, else (preparation work left unfinished when the event
/// took place) as "not finished by the event".
pub fn task_readiness(lang: Lang, readiness: Option<Readiness>, task: TaskState) -> &'static str {
    match readiness {
        Some(r) => self::readiness(lang, r),
        None if task == TaskState::Cancelled => state(lang, TaskState::Cancelled),
        None => Msg::NotFinishedByEvent.text(lang),
    }
}

/// Why a task colours its workstream, as the morning check names it (the
/// readiness and state words, so every report says it the same way).
pub fn cause(lang: Lang, cause: Cause) -> &'static str {
    match (lang, cause) {
        (_, Cause::Late) => readiness(lang, Readiness::Late),
        (_, Cause::AtRisk) => readiness(lang, Readiness::AtRisk),
        (_, Cause::Blocked) => state(lang, TaskState::Blocked),
        (Lang::Vi, Cause::BlockedCritical) => "Vướng mắc trên đường găng",
        (Lang::En, Cause::BlockedCritical) => "Blocked on the critical path",
    }
}

/// How late the start of a task that must start today is: "bắt đầu hôm
/// nay" / "start today" when its late start is today, else "đã quá hạn bắt
/// đầu 3 ngày" / "start overdue by 3 days" (calendar days; not the deadline,
/// which "Trễ hạn" speaks of).
pub fn overdue(lang: Lang, days: i64) -> String {
    match (lang, days) {
        (Lang::Vi, 0) => "bắt đầu hôm nay".to_owned(),
        (Lang::En, 0) => "start today".to_owned(),
        (Lang::Vi, d) => format!("đã quá hạn bắt đầu {d} ngày"),
        (Lang::En, 1) => "start overdue by 1 day".to_owned(),
        (Lang::En, d) => format!("start overdue by {d} days"),
    }
}

/// The chains a branch of the critical path lies on: "nhánh 1, 3".
pub fn branches(lang: Lang, chains: &[usize]) -> String {
    let numbers: Vec<String> = chains.iter().map(ToString::to_string).collect();
    format!("{} {}", Msg::Branch.text(lang), numbers.join(", "))
}

/// The word on a task's badge: its readiness, or "Trễ hạn" (overdue)
/// once its deadline has passed unfinished.
pub fn flag(
    lang: Lang,
    readiness: Option<Readiness>,
    task: TaskState,
    overdue: bool,
) -> &'static str {
    if overdue {
        Msg::Overdue.text(lang)
    } else {
        task_readiness(lang, readiness, task)
    }
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

/// The line under a list cut at the report's limit: "… and 12 more
/// (`--all` shows every one)".
pub fn more_hidden(lang: Lang, count: usize) -> String {
    match lang {
        Lang::Vi => format!("… và {count} việc khác (thêm --all để xem tất cả)"),
        Lang::En => format!("… and {count} more (add --all to see every one)"),
    }
}

/// A percentage with one decimal, in the language's decimal mark:
/// "87,4%" / "87.4%".
pub fn percent1(lang: Lang, value: f64) -> String {
    let text = format!("{value:.1}%");
    match lang {
        Lang::Vi => text.replace('.', ","),
        Lang::En => text,
    }
}

/// A correlation with its sign and two decimals, in the language's
/// decimal mark: "+0,41" / "+0.41".
pub fn correlation(lang: Lang, value: f64) -> String {
    let text = format!("{value:+.2}");
    match lang {
        Lang::Vi => text.replace('.', ","),
        Lang::En => text,
    }
}

/// What a simulation ran: "5.000 lần mô phỏng (pert), seed 1" /
/// "5,000 iterations (pert), seed 1".
pub fn simulation_run(lang: Lang, iterations: u32, distribution: &str, seed: u64) -> String {
    let grouped = thousands(iterations, if lang == Lang::Vi { '.' } else { ',' });
    match lang {
        Lang::Vi => format!("{grouped} lần mô phỏng (phân phối {distribution}), seed {seed}"),
        Lang::En => format!("{grouped} iterations ({distribution} distribution), seed {seed}"),
    }
}

/// `n` with its thousands grouped by `separator`.
fn thousands(n: u32, separator: char) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(c);
    }
    out
}

/// A percentage, rounded to a whole number: "87%".
pub fn percent(value: f64) -> String {
    format!("{:.0}%", value)
}

// Phrases a leader reads in a task's details. "Late" on a negative float
// means the forecast misses the chain's deadline, not that a deadline has
// passed: a leader reads "Trễ hạn" (overdue) only once it has.

/// A task's float as a leader reads it: "dự báo trễ 3 ngày làm việc" for
/// a negative float, "hết dự trữ" for none, "dự trữ 2 ngày làm việc".
pub fn float_phrase(lang: Lang, days: i64) -> String {
    let n = days.abs();
    match (lang, days.signum()) {
        (Lang::Vi, -1) => format!("dự báo trễ {n} ngày làm việc"),
        (Lang::Vi, 0) => "hết dự trữ".to_owned(),
        (Lang::Vi, _) => format!("dự trữ {n} ngày làm việc"),
        (Lang::En, -1) => format!("forecast {} late", working_days(n)),
        (Lang::En, 0) => "no float left".to_owned(),
        (Lang::En, _) => format!("{} of float", working_days(n)),
    }
}

/// "1 working day", "3 working days".
fn working_days(n: i64) -> String {
    if n == 1 {
        "1 working day".to_owned()
    } else {
        format!("{n} working days")
    }
}

/// The deadline, and how long ago it passed when it has:
/// "hạn chót 08/09/2022 (đã quá 5 ngày)".
pub fn deadline(lang: Lang, deadline: NaiveDate, as_of: NaiveDate) -> String {
    let day = date(lang, deadline);
    let label = Msg::LateFinish.text(lang).to_lowercase();
    match ((as_of - deadline).num_days(), lang) {
        (n, _) if n <= 0 => format!("{label} {day}"),
        (n, Lang::Vi) => format!("{label} {day} (đã quá {n} ngày)"),
        (1, Lang::En) => format!("{label} {day} (passed yesterday)"),
        (n, Lang::En) => format!("{label} {day} (passed {n} days ago)"),
    }
}

/// Both ends of a task, labelled: "Bắt đầu 13/09/2022 → Hoàn thành
/// 15/09/2022"; "Ngày 16/09/2022" for a milestone or a one-day task.
pub fn dates(lang: Lang, start: NaiveDate, finish: NaiveDate) -> String {
    if start == finish {
        return match lang {
            Lang::Vi => format!("Ngày {}", date(lang, start)),
            Lang::En => format!("On {}", date(lang, start)),
        };
    }
    format!(
        "{} {} → {} {}",
        Msg::Start.text(lang),
        date(lang, start),
        Msg::Finish.text(lang),
        date(lang, finish)
    )
}

/// The one line that stands for a plan's warnings outside `validate`:
/// "53 warnings: run `forumplan validate`".
pub fn warnings_summary(lang: Lang, count: usize) -> String {
    match (lang, count) {
        (Lang::Vi, n) => format!("{n} cảnh báo: chạy `forumplan validate` để xem"),
        (Lang::En, 1) => "1 warning: run `forumplan validate`".to_owned(),
        (Lang::En, n) => format!("{n} warnings: run `forumplan validate`"),
    }
}
