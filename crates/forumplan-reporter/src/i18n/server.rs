//! The server's own messages (`forumplan serve`): API errors and the words
//! of its pages, in both languages. Refusals of an update are the command
//! line's ([`super::cli::CliMsg`]), so both say the same thing.

use super::Lang;

/// A message of the server.
#[derive(Debug, Clone, PartialEq, Eq)]
#[allow(missing_docs)] // Each variant is its English text in `text`.
pub enum ServerMsg {
    // API errors.
    SignInFirst,
    TooManyFailures { seconds: u64 },
    BadLoginLink,
    UnknownForum { id: String },
    NoSuchPage,
    OutsideGrant { task: String, workstream: String },
    ReadOnlyGrant,
    BodyTooLarge { limit_kib: usize },
    NotJson { reason: String },
    NotALanguage { text: String },
    BadFormToken,
    Unavailable { reason: String },
    // Pages.
    Dashboard,
    RecordProgress,
    SignOut,
    SignedInAs { name: String },
    ReadOnlyNotice,
    NothingToUpdate,
    State,
    Progress,
    Note,
    Save,
    Saved { task: String },
    Late,
    MustStartToday,
    DueSoon,
    Blocked,
    Other,
    Finished,
    LateFinish { date: String },
    LiveUpdates,
    SignedOut,
}

impl ServerMsg {
    /// The message in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        let vi = lang == Lang::Vi;
        let pick = |vi_text: String, en_text: String| if vi { vi_text } else { en_text };
        let fixed = |vi_text: &str, en_text: &str| pick(vi_text.to_owned(), en_text.to_owned());
        match self {
            ServerMsg::SignInFirst => fixed(
                "cần đăng nhập: mở liên kết đăng nhập đã được cấp, hoặc gửi `Authorization: Bearer TOKEN`",
                "sign in first: open the login link you were given, or send `Authorization: Bearer TOKEN`",
            ),
            ServerMsg::TooManyFailures { seconds } => pick(
                format!("quá nhiều lần đăng nhập sai từ địa chỉ này; thử lại sau {seconds} giây"),
                format!(
                    "too many failed sign-ins from this address; try again in {seconds} seconds"
                ),
            ),
            ServerMsg::BadLoginLink => fixed(
                "liên kết đăng nhập không hợp lệ hoặc đã bị thu hồi; xin một liên kết mới (`forumplan access add`)",
                "this login link is not valid or was revoked; ask for a new one (`forumplan access add`)",
            ),
            ServerMsg::UnknownForum { id } => pick(
                format!(
                    "máy chủ không phục vụ diễn đàn `{id}`; `GET /api/forums` liệt kê các diễn đàn"
                ),
                format!("no forum `{id}` is served here; `GET /api/forums` lists them"),
            ),
            ServerMsg::NoSuchPage => fixed("không có trang này", "no such page"),
            ServerMsg::OutsideGrant { task, workstream } => pick(
                format!(
                    "quyền truy cập này không được cập nhật việc `{task}` (mảng `{workstream}`)"
                ),
                format!("this grant may not update task `{task}` (workstream `{workstream}`)"),
            ),
            ServerMsg::ReadOnlyGrant => fixed(
                "quyền truy cập này chỉ được xem, không được ghi",
                "this grant is read-only",
            ),
            ServerMsg::BodyTooLarge { limit_kib } => pick(
                format!("nội dung yêu cầu vượt quá {limit_kib} KiB"),
                format!("the request body is over {limit_kib} KiB"),
            ),
            ServerMsg::NotJson { reason } => pick(
                format!(
                    "nội dung yêu cầu không đúng dạng `{{task, state, progress?, date?, note?}}`: {reason}"
                ),
                format!(
                    "the request body is not `{{task, state, progress?, date?, note?}}`: {reason}"
                ),
            ),
            ServerMsg::NotALanguage { text } => pick(
                format!("`{text}` không phải là ngôn ngữ được hỗ trợ; dùng `vi` hoặc `en`"),
                format!("`{text}` is not a supported language; use `vi` or `en`"),
            ),
            ServerMsg::BadFormToken => fixed(
                "biểu mẫu đã hết hạn; tải lại trang rồi gửi lại",
                "the form has expired; reload the page and send it again",
            ),
            ServerMsg::Unavailable { reason } => pick(
                format!("tạm thời không phục vụ được: {reason}"),
                format!("temporarily unavailable: {reason}"),
            ),
            ServerMsg::Dashboard => fixed("Bảng theo dõi", "Dashboard"),
            ServerMsg::RecordProgress => fixed("Cập nhật tiến độ", "Record progress"),
            ServerMsg::SignOut => fixed("Đăng xuất", "Sign out"),
            ServerMsg::SignedInAs { name } => pick(
                format!("Đăng nhập với tên {name}"),
                format!("Signed in as {name}"),
            ),
            ServerMsg::ReadOnlyNotice => fixed(
                "Quyền truy cập này chỉ được xem.",
                "This grant is read-only.",
            ),
            ServerMsg::NothingToUpdate => fixed(
                "Không có việc nào thuộc quyền cập nhật của bạn.",
                "No task is yours to update.",
            ),
            ServerMsg::State => fixed("Trạng thái", "State"),
            ServerMsg::Progress => fixed("Tiến độ (%)", "Progress (%)"),
            ServerMsg::Note => fixed("Ghi chú", "Note"),
            ServerMsg::Save => fixed("Lưu", "Save"),
            ServerMsg::Saved { task } => pick(
                format!("Đã ghi nhận cập nhật cho việc {task}."),
                format!("Recorded the update of {task}."),
            ),
            ServerMsg::Late => fixed("Trễ", "Late"),
            ServerMsg::MustStartToday => fixed("Phải bắt đầu hôm nay", "Must start today"),
            ServerMsg::DueSoon => fixed("Sắp đến hạn", "Due soon"),
            ServerMsg::Blocked => fixed("Vướng mắc", "Blocked"),
            ServerMsg::Other => fixed("Việc khác", "Other tasks"),
            ServerMsg::Finished => fixed("Đã xong hoặc đã hủy", "Done or cancelled"),
            ServerMsg::LateFinish { date } => pick(
                format!("hoàn thành chậm nhất {date}"),
                format!("finish by {date}"),
            ),
            ServerMsg::LiveUpdates => fixed(
                "Trang tự cập nhật khi có tiến độ mới.",
                "This page updates itself when progress is recorded.",
            ),
            ServerMsg::SignedOut => fixed("Bạn đã đăng xuất.", "You are signed out."),
        }
    }
}
