//! The command line's own messages (refusals, hints, confirmations,
//! warnings, the journal timeline), in both languages: one typed table, so
//! a message without its translation does not compile. Each variant holds
//! what the message names; days are written as the language writes them.

use chrono::{NaiveDate, NaiveDateTime};
use forumplan_core::journal::TaskState;
use forumplan_core::plan::{FIRST_DAY, LAST_DAY};

use super::{Lang, date, state};

/// A message of the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
#[allow(missing_docs)] // Each variant is its English text in `text`.
pub enum CliMsg {
    // Labels before a message.
    ErrorLabel,
    HelpLabel,
    WarningLabel,
    NoteLabel,
    // Files.
    CannotRead {
        path: String,
        reason: String,
    },
    CannotWrite {
        path: String,
        reason: String,
    },
    HintMissingFile,
    Exists {
        path: String,
    },
    HintOtherPath,
    // Days and other values on the command line.
    NotADay {
        text: String,
    },
    DayOutOfRange {
        day: NaiveDate,
    },
    HintDay,
    HintEventDay,
    SinceAfterAsOf {
        since: NaiveDate,
        as_of: NaiveDate,
    },
    HintSince,
    UnknownTask {
        task: String,
    },
    UnknownWorkstream {
        workstream: String,
    },
    HintWorkstreams {
        known: String,
    },
    WorkbookFailed {
        reason: String,
    },
    HintWorkbookLimits,
    DidYouMean {
        near: String,
    },
    HintListIds,
    NotAState {
        text: String,
    },
    HintStates,
    ProgressOutOfRange {
        progress: i64,
    },
    HintProgress,
    DateAfterToday {
        date: NaiveDate,
        today: NaiveDate,
    },
    HintJournalPast,
    DoneNot100 {
        progress: u8,
    },
    HintDoneProgress,
    InProgress100,
    HintUseDone,
    NotStartedWithProgress {
        progress: u8,
    },
    HintStartWithProgress,
    CancelledWithProgress,
    HintLeaveOutProgress,
    InvalidEntry {
        reason: String,
    },
    HintCheckValues,
    JournalIsPlan {
        path: String,
    },
    HintSeparateJournal,
    /// The file `forum.journal` names cannot be read as a journal.
    JournalUnreadable {
        path: String,
        reason: String,
    },
    /// Under the caret at `forum.journal`'s value.
    JournalNamedHere,
    HintJournalUnreadable,
    /// Said once while waiting for another process's journal lock.
    WaitingForJournal {
        path: String,
        seconds: String,
    },
    /// Why the wait for a journal lock was given up.
    JournalLockHeld {
        seconds: String,
    },
    JournalFailed {
        path: String,
        operation: String,
        reason: String,
    },
    JournalAppendFailed {
        path: String,
        reason: String,
        removed: bool,
    },
    WillNotWrite {
        path: String,
        why: WriteRefusal,
    },
    HintPointLink,
    HintNewFileOrStdout,
    HintNewReportFile,
    CannotSchedule {
        reason: String,
    },
    HintFixSchedule,
    // Baselines.
    /// `baseline` saved one.
    BaselineSaved {
        name: String,
        as_of: NaiveDate,
        tasks: usize,
        path: String,
    },
    /// `--baseline NAME` names no baseline in the file.
    UnknownBaseline {
        name: String,
        path: String,
    },
    HintBaselines {
        known: String,
    },
    /// `--baseline NAME` given, but the plan has no baseline file.
    NoBaselineFile {
        path: String,
    },
    HintSaveBaseline,
    /// A `--name` that is not an id.
    BadBaselineName {
        name: String,
    },
    HintBaselineName,
    /// The baseline file is damaged: `baseline` will not overwrite it.
    BaselineFileDamaged {
        path: String,
    },
    HintRepairBaseline,
    /// The baseline file beside the plan was saved from another forum.
    BaselineOfAnotherForum {
        path: String,
        found: String,
        expected: String,
    },
    HintBaselineOfAnotherForum,
    // `update`.
    Recorded {
        path: String,
        date: NaiveDate,
        task: String,
        state: TaskState,
        progress: Option<u8>,
    },
    // `history`.
    NotInPlan,
    RecordedBy {
        who: String,
    },
    RecordedAt {
        at: NaiveDateTime,
    },
    NothingRecordedFor {
        task: String,
        path: String,
    },
    NothingRecorded {
        path: String,
    },
    // Journal problems met while reporting: the label under the caret.
    JournalLineSkipped,
    JournalEntryIgnored,
    // `validate`.
    Valid {
        path: String,
        tasks: usize,
        workstreams: usize,
        event: NaiveDate,
        warnings: usize,
    },
    PlanHasErrors,
    // `init`.
    NeedsNewDate,
    HintAddDate,
    CannotSerialize {
        reason: String,
    },
    HintBug,
    StarterInvalid,
    DoesNotFit {
        event: NaiveDate,
        problems: Vec<String>,
    },
    HintDoesNotFit,
    EventInPast {
        event: NaiveDate,
        today: NaiveDate,
    },
    HintAllowPast,
    Wrote {
        path: String,
        tasks: usize,
        workstreams: usize,
        event: NaiveDate,
    },
    ReviewCalendar {
        calendar: String,
        old_year: i32,
        new_year: i32,
    },
    MovedFixedStarts {
        count: usize,
        year: i32,
    },
    Moved {
        task: String,
        from: NaiveDate,
        to: NaiveDate,
    },
    Next {
        path: String,
    },
    // Import and export.
    UnknownSourceKind {
        path: String,
    },
    HintSourceKinds,
    ImportRefused {
        path: String,
    },
    JournalOutsidePlanFolder {
        journal: String,
    },
    HintJournalBesidePlan,
    WroteJournal {
        path: String,
        entries: usize,
    },
    ImportWarnings {
        count: usize,
    },
    // `forumplan serve` and `forumplan access`.
    Listening {
        url: String,
    },
    ServerFailed {
        reason: String,
    },
    GrantNameTaken {
        name: String,
    },
    HintGrantName,
    NoSuchGrant {
        name: String,
    },
    HintAccessList,
    EmptyGrantName,
    DbWithSeveralPlans,
    HintDbPerPlan,
    GrantCreated {
        name: String,
        secret: String,
        link: String,
    },
    GrantRevoked {
        name: String,
    },
    NoGrants,
    GrantLine {
        name: String,
        scope: String,
        read_only: bool,
        email: String,
        created: String,
    },
    AllWorkstreams,
}

impl CliMsg {
    /// The message in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        let d = |day: &NaiveDate| date(lang, *day);
        let vi = lang == Lang::Vi;
        let pick = |vi_text: String, en_text: String| if vi { vi_text } else { en_text };
        let fixed = |vi_text: &str, en_text: &str| pick(vi_text.to_owned(), en_text.to_owned());
        match self {
            CliMsg::Listening { url } => pick(
                format!("forumplan serve: đang phục vụ tại {url} (Ctrl+C để dừng)"),
                format!("forumplan serve: listening on {url} (Ctrl+C stops)"),
            ),
            CliMsg::ServerFailed { reason } => pick(
                format!("máy chủ không chạy được: {reason}"),
                format!("the server failed: {reason}"),
            ),
            CliMsg::GrantNameTaken { name } => pick(
                format!("đã có quyền truy cập tên `{name}`"),
                format!("a grant named `{name}` already exists"),
            ),
            CliMsg::HintGrantName => fixed(
                "chọn tên khác, hoặc thu hồi quyền cũ trước (`forumplan access revoke PLAN NAME`)",
                "choose another name, or revoke the old grant first (`forumplan access revoke PLAN NAME`)",
            ),
            CliMsg::NoSuchGrant { name } => pick(
                format!("không có quyền truy cập nào tên `{name}`"),
                format!("no grant is named `{name}`"),
            ),
            CliMsg::HintAccessList => fixed(
                "`forumplan access list PLAN` liệt kê các quyền truy cập",
                "`forumplan access list PLAN` lists the grants",
            ),
            CliMsg::EmptyGrantName => fixed(
                "tên người giữ quyền (--name) không được để trống",
                "the grant's holder (--name) must not be empty",
            ),
            CliMsg::DbWithSeveralPlans => fixed(
                "--db chỉ dùng được khi phục vụ một kế hoạch",
                "--db can only be given when serving one plan",
            ),
            CliMsg::HintDbPerPlan => fixed(
                "mỗi kế hoạch có cơ sở dữ liệu riêng bên cạnh nó (`<tên kế hoạch>.server.db`)",
                "each plan has its own database beside it (`<plan stem>.server.db`)",
            ),
            CliMsg::GrantCreated { name, secret, link } => pick(
                format!(
                    "Đã cấp quyền truy cập cho {name}.\nMã bí mật (chỉ hiện một lần): {secret}\nLiên kết đăng nhập: {link}"
                ),
                format!(
                    "Created the grant of {name}.\nSecret (shown only once): {secret}\nLogin link: {link}"
                ),
            ),
            CliMsg::GrantRevoked { name } => pick(
                format!("Đã thu hồi quyền truy cập của {name}."),
                format!("Revoked the grant of {name}."),
            ),
            CliMsg::NoGrants => fixed("Chưa có quyền truy cập nào.", "No grants yet."),
            CliMsg::GrantLine {
                name,
                scope,
                read_only,
                email,
                created,
            } => {
                let mode = match (vi, read_only) {
                    (true, true) => "chỉ xem",
                    (true, false) => "được ghi",
                    (false, true) => "read-only",
                    (false, false) => "read-write",
                };
                format!("{name}\t{scope}\t{mode}\t{email}\t{created}")
            }
            CliMsg::AllWorkstreams => fixed("mọi mảng", "all workstreams"),
            CliMsg::ErrorLabel => fixed("Lỗi", "error"),
            CliMsg::HelpLabel => fixed("Gợi ý", "help"),
            CliMsg::WarningLabel => fixed("Cảnh báo", "warning"),
            CliMsg::NoteLabel => fixed("Lưu ý", "note"),
            CliMsg::CannotRead { path, reason } => pick(
                format!("không đọc được `{path}`: {reason}"),
                format!("cannot read `{path}`: {reason}"),
            ),
            CliMsg::CannotWrite { path, reason } => pick(
                format!("không ghi được `{path}`: {reason}"),
                format!("cannot write `{path}`: {reason}"),
            ),
            CliMsg::HintMissingFile => fixed(
                "kiểm tra lại đường dẫn; `forumplan init PATH` tạo một kế hoạch mới",
                "check the path; `forumplan init PATH` writes a new plan",
            ),
            CliMsg::Exists { path } => pick(
                format!("`{path}` đã có"),
                format!("`{path}` already exists"),
            ),
            CliMsg::HintOtherPath => fixed(
                "chọn đường dẫn khác, hoặc xóa tệp đó trước",
                "choose another path, or remove the file first",
            ),
            CliMsg::NotADay { text } => pick(
                format!("`{text}` không phải là ngày hợp lệ"),
                format!("`{text}` is not a date"),
            ),
            CliMsg::DayOutOfRange { day } => pick(
                format!(
                    "{} nằm ngoài khoảng ngày được hỗ trợ ({} … {})",
                    d(day),
                    d(&FIRST_DAY),
                    d(&LAST_DAY)
                ),
                format!(
                    "{} is outside the supported days {} … {}",
                    d(day),
                    d(&FIRST_DAY),
                    d(&LAST_DAY)
                ),
            ),
            CliMsg::HintDay => pick(
                format!(
                    "viết ngày theo dạng YYYY-MM-DD, từ {FIRST_DAY} đến {LAST_DAY} (ví dụ 2022-09-13), hoặc `today`, `yesterday`"
                ),
                format!(
                    "write YYYY-MM-DD from {FIRST_DAY} to {LAST_DAY} (e.g. 2022-09-13), `today` or `yesterday`"
                ),
            ),
            CliMsg::HintEventDay => pick(
                format!(
                    "viết ngày diễn ra theo dạng YYYY-MM-DD, từ {FIRST_DAY} đến {LAST_DAY}, ví dụ --date 2026-09-18"
                ),
                format!(
                    "write the event day as YYYY-MM-DD from {FIRST_DAY} to {LAST_DAY}, e.g. --date 2026-09-18"
                ),
            ),
            CliMsg::SinceAfterAsOf { since, as_of } => pick(
                format!("--since {} muộn hơn --as-of {}", d(since), d(as_of)),
                format!("--since {} is after --as-of {}", d(since), d(as_of)),
            ),
            CliMsg::HintSince => fixed(
                "--since là một ngày trước đó để so sánh",
                "--since names an earlier day to compare with",
            ),
            CliMsg::UnknownTask { task } => pick(
                format!("kế hoạch không có việc `{task}`"),
                format!("the plan has no task `{task}`"),
            ),
            CliMsg::UnknownWorkstream { workstream } => pick(
                format!("kế hoạch không có mảng `{workstream}` (--workstream {workstream})"),
                format!("the plan has no workstream `{workstream}` (--workstream {workstream})"),
            ),
            CliMsg::HintWorkstreams { known } => pick(
                format!("các mảng của kế hoạch: {known}"),
                format!("the plan's workstreams are: {known}"),
            ),
            CliMsg::WorkbookFailed { reason } => pick(
                format!("không ghi được bảng tính: {reason}"),
                format!("the workbook cannot be written: {reason}"),
            ),
            CliMsg::HintWorkbookLimits => fixed(
                "Excel chứa tối đa 1.048.576 dòng một trang và 32.767 ký tự một ô: xuất riêng từng mảng (--workstream) hoặc dùng --format mspdi",
                "Excel holds at most 1,048,576 rows a sheet and 32,767 characters a cell: export some workstreams (--workstream) or use --format mspdi",
            ),
            CliMsg::DidYouMean { near } => pick(
                format!("có phải là `{near}`?"),
                format!("did you mean `{near}`?"),
            ),
            CliMsg::HintListIds => fixed(
                "`forumplan schedule PLAN` liệt kê mã của mọi việc",
                "`forumplan schedule PLAN` lists every task id",
            ),
            CliMsg::NotAState { text } => pick(
                format!("`{text}` không phải là một trạng thái"),
                format!("`{text}` is not a state"),
            ),
            CliMsg::HintStates => fixed(
                "dùng not_started (chưa bắt đầu), in_progress (đang thực hiện), done (hoàn thành), blocked (vướng mắc) hoặc cancelled (đã hủy)",
                "use not_started, in_progress, done, blocked or cancelled",
            ),
            CliMsg::ProgressOutOfRange { progress } => pick(
                format!("tiến độ {progress} nằm ngoài khoảng 0–100"),
                format!("progress {progress} is outside 0–100"),
            ),
            CliMsg::HintProgress => fixed(
                "nhập phần trăm khối lượng đã làm, ví dụ --progress 60",
                "give the percentage done, e.g. --progress 60",
            ),
            CliMsg::DateAfterToday { date: day, today } => pick(
                format!("{} là sau hôm nay ({})", d(day), d(today)),
                format!("{} is after today ({})", d(day), d(today)),
            ),
            CliMsg::HintJournalPast => fixed(
                "nhật ký ghi lại những gì đã diễn ra; hãy nhập ngày hôm nay hoặc một ngày trước đó",
                "the journal records what has happened; give today's date or an earlier one",
            ),
            CliMsg::DoneNot100 { progress } => pick(
                format!("việc đã hoàn thành là xong 100%, không phải {progress}%"),
                format!("a done task is 100% done, not {progress}%"),
            ),
            CliMsg::HintDoneProgress => fixed(
                "bỏ --progress, hoặc dùng --state in_progress",
                "leave out --progress, or use --state in_progress",
            ),
            CliMsg::InProgress100 => fixed(
                "đã làm được 100% tức là đã hoàn thành",
                "work 100% done is done",
            ),
            CliMsg::HintUseDone => fixed("dùng --state done", "use --state done"),
            CliMsg::NotStartedWithProgress { progress } => pick(
                format!("việc chưa bắt đầu thì chưa thể làm được {progress}%"),
                format!("a task not started cannot be {progress}% done"),
            ),
            CliMsg::HintStartWithProgress => fixed(
                "dùng --state in_progress kèm theo tiến độ",
                "use --state in_progress with the progress",
            ),
            CliMsg::CancelledWithProgress => fixed(
                "việc đã hủy không có tiến độ",
                "a cancelled task has no progress",
            ),
            CliMsg::HintLeaveOutProgress => fixed("bỏ --progress", "leave out --progress"),
            CliMsg::InvalidEntry { reason } => pick(
                format!("ghi nhận không hợp lệ: {reason}"),
                format!("invalid entry: {reason}"),
            ),
            CliMsg::HintCheckValues => {
                fixed("kiểm tra lại các giá trị đã nhập", "check the values given")
            }
            CliMsg::JournalIsPlan { path } => pick(
                format!("nhật ký `{path}` chính là tệp kế hoạch"),
                format!("the journal `{path}` is the plan file itself"),
            ),
            CliMsg::HintSeparateJournal => fixed(
                "đặt một tệp riêng trong `forum.journal` (hoặc --journal), ví dụ plan.journal.jsonl",
                "name a separate file in `forum.journal` (or --journal), e.g. plan.journal.jsonl",
            ),
            CliMsg::JournalUnreadable { path, reason } => pick(
                format!(
                    "không dùng được tệp nhật ký `{path}` mà `forum.journal` chỉ tới: {reason}"
                ),
                format!("cannot use the journal `{path}` that `forum.journal` names: {reason}"),
            ),
            CliMsg::WaitingForJournal { path, seconds } => pick(
                format!(
                    "đang chờ nhật ký {path}: một tiến trình khác đang khóa tệp (chờ tối đa {seconds} giây, đổi bằng --wait)"
                ),
                format!(
                    "waiting for journal {path}: another process holds its lock (up to {seconds} s, --wait to change)"
                ),
            ),
            CliMsg::JournalLockHeld { seconds } => pick(
                format!(
                    "một tiến trình khác đã khóa tệp suốt {seconds} giây (có lệnh `forumplan update` bị treo?); hãy thử lại, hoặc chờ lâu hơn với --wait SỐ_GIÂY"
                ),
                format!(
                    "another process has held its lock for {seconds} s (a stuck `forumplan update`?); try again, or wait longer with --wait SECONDS"
                ),
            ),
            CliMsg::JournalNamedHere => fixed("nhật ký được đặt ở đây", "journal named here"),
            CliMsg::HintJournalUnreadable => fixed(
                "cho `journal` chỉ tới một tệp thường trong thư mục của kế hoạch (chưa có cũng được), ví dụ `forum.journal.jsonl`; hoặc bỏ `journal` để dùng `<kế hoạch>.journal.jsonl`",
                "make `journal` name a regular file in the plan's folder (it may not exist yet), such as `forum.journal.jsonl`; or leave `journal` out for `<plan>.journal.jsonl`",
            ),
            CliMsg::JournalFailed {
                path,
                operation,
                reason,
            } => {
                let operation_vi = match operation.as_str() {
                    "open" => "mở",
                    "lock" => "khóa",
                    "write to" => "ghi vào",
                    "read the end of" => "đọc phần cuối của",
                    "sync" => "lưu xuống đĩa",
                    other => other,
                };
                pick(
                    format!("không {operation_vi} được nhật ký {path}: {reason}"),
                    format!("cannot {operation} journal {path}: {reason}"),
                )
            }
            CliMsg::JournalAppendFailed {
                path,
                reason,
                removed,
            } => pick(
                format!(
                    "không ghi thêm được vào nhật ký {path}: {reason}; {}",
                    if *removed {
                        "phần dòng dở dang đã được xóa, chưa ghi nhận gì"
                    } else {
                        "nhật ký có thể kết thúc bằng một dòng dở dang (khi đọc sẽ bỏ qua)"
                    }
                ),
                format!(
                    "cannot append to journal {path}: {reason}; {}",
                    if *removed {
                        "the partial line was removed, nothing was recorded"
                    } else {
                        "the journal may end with a partial line (readers skip it)"
                    }
                ),
            ),
            CliMsg::WillNotWrite { path, why } => {
                let (why_vi, why_en) = match why {
                    WriteRefusal::DanglingLink => (
                        "đó là một liên kết tượng trưng không trỏ tới đâu".to_owned(),
                        "it is a symbolic link to nothing".to_owned(),
                    ),
                    WriteRefusal::NotARegularFile => (
                        "đó không phải là một tệp thông thường".to_owned(),
                        "it is not a regular file".to_owned(),
                    ),
                    WriteRefusal::ThePlan { file } => (
                        format!("đó là tệp kế hoạch (`{file}`)"),
                        format!("it is the plan (`{file}`)"),
                    ),
                    WriteRefusal::TheJournal { file } => (
                        format!("đó là nhật ký (`{file}`)"),
                        format!("it is the journal (`{file}`)"),
                    ),
                };
                pick(
                    format!("không ghi vào `{path}`: {why_vi}"),
                    format!("will not write to `{path}`: {why_en}"),
                )
            }
            CliMsg::HintPointLink => fixed(
                "hãy trỏ liên kết tới một tệp, hoặc ghi tên chính tệp đó",
                "point the link at a file, or name the file itself",
            ),
            CliMsg::HintNewFileOrStdout => fixed(
                "ghi tên một tệp mới hoặc một báo cáo cũ; muốn bỏ báo cáo thì bỏ -o và chuyển hướng stdout",
                "name a new file or an earlier report; to discard the report, leave out -o and redirect stdout",
            ),
            CliMsg::HintNewReportFile => fixed(
                "ghi tên một tệp mới cho báo cáo",
                "name a new file for the report",
            ),
            CliMsg::CannotSchedule { reason } => pick(
                format!("không lập được tiến độ: {reason}"),
                format!("cannot schedule the plan: {reason}"),
            ),
            CliMsg::HintFixSchedule => fixed(
                "sửa lịch làm việc, thời lượng hoặc độ trễ giữa các việc trong kế hoạch",
                "fix the plan's calendars, durations or lags",
            ),
            CliMsg::Recorded {
                path,
                date: day,
                task,
                state: s,
                progress,
            } => {
                let shown = progress.map_or(String::new(), |p| format!(" {p}%"));
                let s = state(lang, *s);
                pick(
                    format!("Đã ghi vào {path}: {} {task} {s}{shown}", d(day)),
                    format!("recorded in {path}: {} {task} {s}{shown}", d(day)),
                )
            }
            CliMsg::NotInPlan => fixed("(không có trong kế hoạch)", "(not in the plan)"),
            CliMsg::RecordedBy { who } => pick(format!("do {who} báo cáo"), format!("by {who}")),
            CliMsg::RecordedAt { at } => pick(
                format!("ghi lúc {}", at.format("%H:%M %d/%m/%Y")),
                format!("recorded {}", at.format("%Y-%m-%d %H:%M")),
            ),
            CliMsg::NothingRecordedFor { task, path } => pick(
                format!("Chưa có ghi nhận nào cho `{task}` trong {path}"),
                format!("Nothing recorded for `{task}` in {path}"),
            ),
            CliMsg::NothingRecorded { path } => pick(
                format!("Chưa có ghi nhận nào trong {path}"),
                format!("Nothing recorded yet in {path}"),
            ),
            CliMsg::JournalLineSkipped => fixed("bỏ qua dòng này", "line skipped"),
            CliMsg::JournalEntryIgnored => fixed(
                "kế hoạch không có việc này (bỏ qua ghi nhận)",
                "unknown task (entry ignored)",
            ),
            CliMsg::Valid {
                path,
                tasks,
                workstreams,
                event,
                warnings,
            } => {
                let warnings_vi = match warnings {
                    0 => String::new(),
                    n => format!(", {n} cảnh báo"),
                };
                let warnings_en = match warnings {
                    0 => String::new(),
                    1 => ", 1 warning".to_owned(),
                    n => format!(", {n} warnings"),
                };
                pick(
                    format!(
                        "{path}: hợp lệ — {tasks} việc trong {workstreams} mảng, ngày diễn ra {}{warnings_vi}",
                        d(event)
                    ),
                    format!(
                        "{path}: valid — {tasks} tasks in {workstreams} workstreams, event on {}{warnings_en}",
                        d(event)
                    ),
                )
            }
            CliMsg::PlanHasErrors => fixed("kế hoạch có lỗi", "the plan has errors"),
            CliMsg::NeedsNewDate => fixed(
                "muốn lập kế hoạch từ kế hoạch cũ thì cần ngày diễn ra mới",
                "starting from an earlier plan needs the new event day",
            ),
            CliMsg::HintAddDate => fixed("thêm --date YYYY-MM-DD", "add --date YYYY-MM-DD"),
            CliMsg::CannotSerialize { reason } => pick(
                format!("không ghi được kế hoạch: {reason}"),
                format!("cannot write the plan: {reason}"),
            ),
            CliMsg::HintBug => fixed(
                "đây là lỗi của chương trình; hãy báo cho nhóm phát triển",
                "report this as a bug",
            ),
            CliMsg::StarterInvalid => fixed(
                "kế hoạch mẫu đi kèm chương trình không hợp lệ",
                "the built-in starter plan is invalid",
            ),
            CliMsg::DoesNotFit { event, problems } => pick(
                format!(
                    "kế hoạch không phù hợp với ngày diễn ra {}: {}",
                    d(event),
                    problems.join("; ")
                ),
                format!(
                    "the plan does not fit an event on {}: {}",
                    d(event),
                    problems.join("; ")
                ),
            ),
            CliMsg::HintDoesNotFit => fixed(
                "chọn ngày diễn ra khác, hoặc sửa các ngày này trong kế hoạch cũ trước",
                "choose another event day, or fix these dates in the source plan first",
            ),
            CliMsg::EventInPast { event, today } => pick(
                format!("ngày diễn ra {} đã qua (hôm nay là {})", d(event), d(today)),
                format!(
                    "the event day {} has passed (today is {})",
                    d(event),
                    d(today)
                ),
            ),
            CliMsg::HintAllowPast => fixed(
                "chọn một ngày sắp tới; hoặc thêm --allow-past nếu cố ý lập kế hoạch cho một sự kiện đã diễn ra (ví dụ để xem lại)",
                "choose a day ahead; or add --allow-past to plan an event that has taken place on purpose (e.g. to replay it)",
            ),
            CliMsg::Wrote {
                path,
                tasks,
                workstreams,
                event,
            } => pick(
                format!(
                    "Đã tạo {path}: {tasks} việc trong {workstreams} mảng, ngày diễn ra {}",
                    d(event)
                ),
                format!(
                    "wrote {path}: {tasks} tasks in {workstreams} workstreams, event on {}",
                    d(event)
                ),
            ),
            CliMsg::ReviewCalendar {
                calendar,
                old_year,
                new_year,
            } => pick(
                format!(
                    "lịch `{calendar}` ghi các ngày của năm {old_year}: hãy rà soát ngày nghỉ lễ và ngày làm bù cho năm {new_year}"
                ),
                format!(
                    "calendar `{calendar}` lists days of {old_year}: review its holidays and swapped working days for {new_year}"
                ),
            ),
            CliMsg::BaselineSaved {
                name,
                as_of,
                tasks,
                path,
            } => pick(
                format!(
                    "Đã lưu kế hoạch gốc `{name}` (tính đến ngày {}, {tasks} việc) vào `{path}`",
                    d(as_of)
                ),
                format!(
                    "saved baseline `{name}` (as of {}, {tasks} tasks) to `{path}`",
                    d(as_of)
                ),
            ),
            CliMsg::UnknownBaseline { name, path } => pick(
                format!("`{path}` không có kế hoạch gốc tên `{name}`"),
                format!("`{path}` has no baseline called `{name}`"),
            ),
            CliMsg::HintBaselines { known } => pick(
                format!("các kế hoạch gốc đã lưu: {known}"),
                format!("the saved baselines are: {known}"),
            ),
            CliMsg::NoBaselineFile { path } => pick(
                format!("chưa có kế hoạch gốc: không có tệp `{path}`"),
                format!("no baseline saved: `{path}` does not exist"),
            ),
            CliMsg::HintSaveBaseline => fixed(
                "lưu kế hoạch gốc bằng `forumplan baseline PLAN`",
                "save one with `forumplan baseline PLAN`",
            ),
            CliMsg::BadBaselineName { name } => pick(
                format!("`{name}` không dùng được làm tên kế hoạch gốc"),
                format!("`{name}` cannot name a baseline"),
            ),
            CliMsg::HintBaselineName => fixed(
                "tên dùng chữ thường, chữ số, `.`, `_` và `-`, ví dụ `duyet-lan-1`",
                "names use lower-case letters, digits, `.`, `_` and `-`, e.g. `approved-1`",
            ),
            CliMsg::BaselineFileDamaged { path } => pick(
                format!(
                    "`{path}` bị hỏng (lỗi ở trên): không ghi đè để khỏi mất các kế hoạch gốc trong đó"
                ),
                format!(
                    "`{path}` is damaged (see above): not overwriting it, so the baselines in it are not lost"
                ),
            ),
            CliMsg::HintRepairBaseline => fixed(
                "sửa tệp theo các lỗi ở trên, hoặc đổi tên nó để bắt đầu tệp mới",
                "fix the file as the errors above say, or rename it to start a new one",
            ),
            CliMsg::BaselineOfAnotherForum {
                path,
                found,
                expected,
            } => pick(
                format!(
                    "`{path}` chứa kế hoạch gốc của diễn đàn `{found}`, không phải của diễn đàn `{expected}` trong kế hoạch này"
                ),
                format!(
                    "`{path}` holds the baselines of forum `{found}`, not of this plan's forum `{expected}`"
                ),
            ),
            CliMsg::HintBaselineOfAnotherForum => fixed(
                "đổi tên tệp đó nếu cần giữ lại, rồi lưu kế hoạch gốc của kế hoạch này bằng `forumplan baseline PLAN`",
                "rename that file to keep it, then save a baseline of this plan with `forumplan baseline PLAN`",
            ),
            CliMsg::MovedFixedStarts { count, year } => pick(
                format!(
                    "{count} ngày bắt đầu ấn định rơi vào ngày nghỉ trong năm {year}, đã chuyển sang ngày làm việc liền trước:"
                ),
                format!(
                    "{count} fixed start{} fell on a non-working day in {year} and moved to the working day before:",
                    if *count == 1 { "" } else { "s" }
                ),
            ),
            CliMsg::Moved { task, from, to } => format!(
                "{task}: {} {} → {} {}",
                weekday(lang, *from),
                d(from),
                weekday(lang, *to),
                d(to)
            ),
            CliMsg::Next { path } => pick(
                format!("Tiếp theo: chỉnh sửa tệp, rồi chạy `forumplan validate {path}`"),
                format!("next: edit it, then run `forumplan validate {path}`"),
            ),
            CliMsg::UnknownSourceKind { path } => pick(
                format!(
                    "không biết đọc `{path}`: phần mở rộng không phải bảng tính hay MS Project XML"
                ),
                format!(
                    "cannot tell what `{path}` is: its extension is not a spreadsheet's or MS Project XML's"
                ),
            ),
            CliMsg::HintSourceKinds => fixed(
                "nhập được .xlsx, .xls, .ods, .csv và .xml (MS Project XML)",
                "import reads .xlsx, .xls, .ods, .csv and .xml (MS Project XML)",
            ),
            CliMsg::ImportRefused { path } => pick(
                format!("chưa nhập được `{path}`: hãy sửa các lỗi trên; chưa ghi tệp nào"),
                format!("`{path}` was not imported: fix the errors above; nothing was written"),
            ),
            CliMsg::JournalOutsidePlanFolder { journal } => pick(
                format!("nhật ký `{journal}` phải nằm cùng thư mục với kế hoạch"),
                format!("the journal `{journal}` must be in the plan's folder"),
            ),
            CliMsg::HintJournalBesidePlan => fixed(
                "bỏ --journal (nhật ký mặc định nằm cạnh kế hoạch), hoặc chọn một tệp trong thư mục của kế hoạch",
                "leave out --journal (the journal goes beside the plan), or name a file in the plan's folder",
            ),
            CliMsg::WroteJournal { path, entries } => pick(
                format!("Đã ghi {entries} mục tiến độ vào nhật ký {path}"),
                format!("wrote {entries} progress entries to the journal {path}"),
            ),
            CliMsg::ImportWarnings { count } => pick(
                format!("{count} điều không chuyển được nguyên vẹn, xem các cảnh báo trên"),
                format!(
                    "{count} things could not be carried over as they were: see the warnings above"
                ),
            ),
        }
    }
}

/// Why `-o` will not write to a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WriteRefusal {
    /// A symbolic link to nothing.
    DanglingLink,
    /// A folder, device, FIFO or socket.
    NotARegularFile,
    /// The plan file, however named.
    ThePlan {
        /// The plan's path.
        file: String,
    },
    /// The journal, however named.
    TheJournal {
        /// The journal's path.
        file: String,
    },
}

/// The day of the week: "Thứ Bảy", "Saturday".
pub fn weekday(lang: Lang, day: NaiveDate) -> &'static str {
    use chrono::{Datelike, Weekday};
    let (vi, en) = match day.weekday() {
        Weekday::Mon => ("Thứ Hai", "Monday"),
        Weekday::Tue => ("Thứ Ba", "Tuesday"),
        Weekday::Wed => ("Thứ Tư", "Wednesday"),
        Weekday::Thu => ("Thứ Năm", "Thursday"),
        Weekday::Fri => ("Thứ Sáu", "Friday"),
        Weekday::Sat => ("Thứ Bảy", "Saturday"),
        Weekday::Sun => ("Chủ Nhật", "Sunday"),
    };
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}
