//! The command line, as clap sees it.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use forumplan_server::journal_file::DEFAULT_LOCK_WAIT;

/// Keeps a large forum's preparation on schedule: validates the plan,
/// schedules it back from the event day, and reports readiness.
#[derive(Debug, Parser)]
#[command(name = "forumplan", version, about, max_term_width = 100)]
pub(crate) struct Cli {
    #[command(flatten)]
    pub(crate) global: GlobalArgs,
    #[command(subcommand)]
    pub(crate) command: Command,
}

/// Flags every command takes.
#[derive(Debug, Args)]
pub(crate) struct GlobalArgs {
    /// Log more to stderr (-v: progress, -vv: details, -vvv: everything).
    #[arg(short, long, action = clap::ArgAction::Count, global = true)]
    pub(crate) verbose: u8,
    /// Log only errors.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub(crate) quiet: bool,
    /// When to use colour; `auto` colours terminals only and honours NO_COLOR.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto, global = true)]
    pub(crate) color: ColorWhen,
    /// How long to wait, in seconds, for a journal another process has
    /// locked (an update being written) before giving up.
    #[arg(long, value_name = "SECONDS", default_value_t = DEFAULT_LOCK_WAIT.as_secs(), global = true)]
    pub(crate) wait: u64,
    /// Language of reports and messages (default: the plan's
    /// `settings.locale`, else vi).
    #[arg(long, value_enum, global = true)]
    pub(crate) lang: Option<LangArg>,
}

/// The `--color` choices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Check a plan file (and its journal and baseline file) and report every error and
    /// warning in them.
    Validate {
        /// The plan file (JSON, or TOML when it ends in `.toml`).
        plan: PathBuf,
        /// The journal to check (default: the plan's).
        #[arg(long)]
        journal: Option<PathBuf>,
    },
    /// Schedule the plan back from the event day: per-task early and late
    /// dates, float, critical flag, state and readiness; the critical path.
    Schedule {
        /// The plan file.
        plan: PathBuf,
        #[command(flatten)]
        day: DayArgs,
        #[command(flatten)]
        baseline: BaselineArg,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ScheduleFormat::Table)]
        format: ScheduleFormat,
        #[command(flatten)]
        csv: CsvArgs,
    },
    /// The countdown status report: headline, workstreams, late and blocked
    /// tasks, the critical path, what is due, handoffs, changes since yesterday.
    Status {
        /// The plan file.
        plan: PathBuf,
        #[command(flatten)]
        day: DayArgs,
        /// Output format.
        #[arg(long, value_enum, default_value_t = StatusFormatArg::Text)]
        format: StatusFormatArg,
        /// Write the report to this file (atomically) instead of stdout.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Only this workstream (its id): one department's page. Repeat for
        /// several.
        #[arg(long = "workstream", value_name = "ID")]
        workstreams: Vec<String>,
        /// Show every task in every list (text, Markdown and HTML show the
        /// worst `settings.list_limit`, default 50; JSON and CSV list all).
        #[arg(long)]
        all: bool,
        #[command(flatten)]
        baseline: BaselineArg,
        #[command(flatten)]
        csv: CsvArgs,
    },
    /// The morning readiness check: one headline, then only what needs
    /// attention. Exit code 0 green, 1 amber, 2 red, 3 unknown (plan or
    /// journal unreadable).
    Check {
        /// The plan file.
        plan: PathBuf,
        #[command(flatten)]
        day: DayArgs,
        /// Compare with this day (default: the day before --as-of).
        #[arg(long)]
        since: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
    },
    /// Monte Carlo risk analysis: the chance of being ready before the
    /// event day, the P50/P80/P95 ready days, and the tasks and
    /// workstreams that drive the danger (three-point `estimate`s, or
    /// `settings.risk_default_spread`).
    Risk {
        /// The plan file.
        plan: PathBuf,
        #[command(flatten)]
        day: DayArgs,
        /// How many iterations (1 to 1,000,000).
        #[arg(long, default_value_t = 5000, value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
        iterations: u32,
        /// The seed of the random draws (default: derived from the plan's
        /// bytes and the as-of day, and printed, so a run can be repeated).
        #[arg(long)]
        seed: Option<u64>,
        /// How three-point estimates are sampled.
        #[arg(long, value_enum, default_value_t = DistributionArg::Pert)]
        distribution: DistributionArg,
        /// Output format.
        #[arg(long, value_enum, default_value_t = RiskFormat::Text)]
        format: RiskFormat,
    },
    /// Save the schedule as of a day as a baseline (each task's early start
    /// and finish, the forecast ready day) in `<plan stem>.baseline.json`
    /// beside the plan, to measure slippage against.
    Baseline {
        /// The plan file.
        plan: PathBuf,
        #[command(flatten)]
        day: DayArgs,
        /// The baseline's name (default: the as-of day). Saving a name
        /// again replaces that baseline; the last saved is the default.
        #[arg(long)]
        name: Option<String>,
    },
    /// Schedule health: the DCMA 14-point assessment, adapted to a forum.
    /// Exit code 0 when every check passes, 1 otherwise.
    Health {
        /// The plan file.
        plan: PathBuf,
        #[command(flatten)]
        day: DayArgs,
        #[command(flatten)]
        baseline: BaselineArg,
        /// Output format.
        #[arg(long, value_enum, default_value_t = HealthFormat::Text)]
        format: HealthFormat,
    },
    /// Record progress on a task: appends one entry to the journal.
    Update {
        /// The plan file.
        plan: PathBuf,
        /// The task's id.
        task: String,
        /// The task's state: not_started, in_progress, done, blocked, cancelled.
        #[arg(long)]
        state: String,
        /// Percentage done, 0–100.
        #[arg(long, allow_negative_numbers = true)]
        progress: Option<i64>,
        /// The day the fact is true: YYYY-MM-DD, `today` or `yesterday` (default today).
        #[arg(long, default_value = "today")]
        date: String,
        /// Who reports it (a unit or a person).
        #[arg(long)]
        by: Option<String>,
        /// A remark.
        #[arg(long)]
        note: Option<String>,
        /// The journal (default: the plan's).
        #[arg(long)]
        journal: Option<PathBuf>,
    },
    /// The journal as a timeline: who recorded what, when.
    History {
        /// The plan file.
        plan: PathBuf,
        /// Only this task.
        task: Option<String>,
        /// The journal (default: the plan's).
        #[arg(long)]
        journal: Option<PathBuf>,
    },
    /// Serve the committee's shared dashboard and progress desk over HTTP:
    /// a JSON API, a live dashboard, and a phone-first page where each
    /// department records its progress into the journal.
    Serve {
        /// The plan files (each forum is addressed by its `forum.id`).
        #[arg(required = true)]
        plans: Vec<PathBuf>,
        /// Where to listen (loopback unless told otherwise; port 0 picks one).
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: std::net::SocketAddr,
        /// The address people reach the server at, when it is behind a
        /// reverse proxy (an https address makes the session cookie Secure).
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// The server's database (default: `<plan stem>.server.db` beside
        /// the plan; only with one plan).
        #[arg(long, value_name = "FILE")]
        db: Option<PathBuf>,
        #[command(flatten)]
        digest: DigestArgs,
    },
    /// Manage who may open the server: access grants with a secret login link.
    Access {
        #[command(subcommand)]
        action: AccessAction,
    },
    /// Print a JSON Schema: of plan files (for editors and other tools), or
    /// of the status report's JSON form.
    Schema {
        /// Which document to describe.
        #[arg(long, value_enum, default_value_t = SchemaOf::Plan)]
        of: SchemaOf,
    },
    /// Write a starter plan: the six usual workstreams and their typical tasks,
    /// dated relative to the event. With --from, start from an earlier
    /// forum's plan instead, re-anchored to the new date.
    Init {
        /// Where to write it (`.toml` for TOML, otherwise JSON); must not exist.
        path: PathBuf,
        /// The event day, YYYY-MM-DD (default: 90 days from today).
        #[arg(long)]
        date: Option<String>,
        /// The forum's name (default: the starter's, or the old plan's with
        /// its year replaced).
        #[arg(long)]
        name: Option<String>,
        /// An earlier forum's plan to start from (its journal is left behind;
        /// fixed starts that fall on a non-working day move to the working
        /// day before, and are listed).
        #[arg(long)]
        from: Option<PathBuf>,
        /// Accept an event day that has already passed (refused otherwise,
        /// as it is usually a mistyped year).
        #[arg(long)]
        allow_past: bool,
    },
    /// Write the plan for another tool: the morning workbook (Excel), MS
    /// Project XML (opens in MS Project and ProjectLibre, with workstreams
    /// as summary tasks, links, constraints, calendars and progress as of
    /// the day), a calendar (deadlines and milestones), or the morning
    /// status report as an editable Word document in the Vietnamese
    /// administrative format (English layout with --lang en).
    Export {
        /// The plan file.
        plan: PathBuf,
        #[command(flatten)]
        day: DayArgs,
        /// The file format.
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Write to this file (atomically) instead of stdout.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Only this workstream (its id): one department's workbook or
        /// calendar. Repeat for several.
        #[arg(long = "workstream", value_name = "ID")]
        workstreams: Vec<String>,
    },
    /// Turn a committee's spreadsheet (.xlsx, .xls, .ods, .csv) or an MS
    /// Project XML file into a new plan, and its progress into a journal.
    /// Every problem is shown at once, located by cell or line:column;
    /// nothing is written when there is an error.
    Import {
        /// The file to read.
        source: PathBuf,
        /// The plan to write (`.toml` for TOML, otherwise JSON); must not exist.
        #[arg(short, long, value_name = "PLAN")]
        output: PathBuf,
        /// The event day, YYYY-MM-DD (required for spreadsheets; an MS
        /// Project file's finish date otherwise).
        #[arg(long)]
        date: Option<String>,
        /// The forum's name (default: the file's title).
        #[arg(long)]
        name: Option<String>,
        /// The journal to write the progress to, in the plan's folder
        /// (default: `<plan stem>.journal.jsonl` beside it).
        #[arg(long)]
        journal: Option<PathBuf>,
        /// The sheet to read (default: the first).
        #[arg(long)]
        sheet: Option<String>,
    },
}

/// The morning digest of `forumplan serve`.
#[derive(Debug, Args)]
pub(crate) struct DigestArgs {
    /// Run the morning digest every day at this time (HH:MM, in the
    /// forum's time zone); a server started later in the day sends that
    /// day's digest at once.
    #[arg(long, value_name = "HH:MM", value_parser = parse_time)]
    pub(crate) daily_at: Option<chrono::NaiveTime>,
    /// Archive each day's status report here as YYYY-MM-DD.html and .json.
    #[arg(long, value_name = "DIR", requires = "daily_at")]
    pub(crate) archive: Option<PathBuf>,
    /// POST the check's JSON to this URL every morning (repeatable).
    #[arg(long = "notify-webhook", value_name = "URL", requires = "daily_at")]
    pub(crate) webhooks: Vec<String>,
    /// Mail each grant that has an email its part, through this SMTP
    /// server (smtp://host:port, smtps://host, smtp://host?tls=required).
    #[arg(long, value_name = "URL", requires_all = ["daily_at", "mail_from"])]
    pub(crate) smtp: Option<String>,
    /// The sender of the digest's mail.
    #[arg(long, value_name = "ADDR", requires = "smtp")]
    pub(crate) mail_from: Option<String>,
}

/// `HH:MM`.
fn parse_time(text: &str) -> Result<chrono::NaiveTime, String> {
    chrono::NaiveTime::parse_from_str(text, "%H:%M")
        .map_err(|_| format!("`{text}` is not a time of day; write HH:MM, e.g. 07:00"))
}

/// `forumplan access` subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum AccessAction {
    /// Create a grant and print its secret and login link, once.
    Add {
        /// The plan file.
        plan: PathBuf,
        /// Who holds it (a department or a person); written as `by` in the
        /// journal entries it records.
        #[arg(long)]
        name: String,
        /// A workstream whose tasks it may update (repeat for several).
        #[arg(
            long = "workstream",
            value_name = "ID",
            required_unless_present = "all",
            conflicts_with = "all"
        )]
        workstreams: Vec<String>,
        /// It may update every task.
        #[arg(long)]
        all: bool,
        /// It may look but not record anything.
        #[arg(long)]
        read_only: bool,
        /// Where its part of the morning digest is mailed.
        #[arg(long, value_name = "ADDR")]
        email: Option<String>,
        /// The address of the server, for the login link.
        #[arg(long, value_name = "URL", default_value = "http://127.0.0.1:8080")]
        base_url: String,
        /// The server's database (default: `<plan stem>.server.db` beside the plan).
        #[arg(long, value_name = "FILE")]
        db: Option<PathBuf>,
    },
    /// List the grants (never their secrets).
    List {
        /// The plan file.
        plan: PathBuf,
        /// The server's database (default: `<plan stem>.server.db` beside the plan).
        #[arg(long, value_name = "FILE")]
        db: Option<PathBuf>,
    },
    /// Revoke a grant: its link and sessions stop working at once, on a
    /// running server too.
    Revoke {
        /// The plan file.
        plan: PathBuf,
        /// The grant's name.
        name: String,
        /// The server's database (default: `<plan stem>.server.db` beside the plan).
        #[arg(long, value_name = "FILE")]
        db: Option<PathBuf>,
    },
}

/// Which day to look at, and which journal to read.
#[derive(Debug, Args)]
pub(crate) struct DayArgs {
    /// The day to report as of: YYYY-MM-DD, `today` or `yesterday` (in the
    /// forum's time zone).
    #[arg(long, default_value = "today")]
    pub(crate) as_of: String,
    /// The progress journal (default: the plan's `forum.journal`, else
    /// `<plan stem>.journal.jsonl` beside the plan).
    #[arg(long)]
    pub(crate) journal: Option<PathBuf>,
}

/// Which baseline to measure against.
#[derive(Debug, Args)]
pub(crate) struct BaselineArg {
    /// The baseline to compare with, by name (default: the latest saved in
    /// `<plan stem>.baseline.json`; none when that file does not exist).
    #[arg(long = "baseline", value_name = "NAME")]
    pub(crate) name: Option<String>,
}

/// How CSV is written.
#[derive(Debug, Args)]
pub(crate) struct CsvArgs {
    /// The CSV separator: `,`, or `;` for spreadsheets whose regional
    /// settings use the comma as the decimal mark.
    #[arg(long = "csv-sep", value_enum, default_value_t = CsvSep::Comma)]
    pub(crate) separator: CsvSep,
}

/// `--csv-sep` choices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum CsvSep {
    #[value(name = ",")]
    Comma,
    #[value(name = ";")]
    Semicolon,
}

impl From<CsvSep> for forumplan_reporter::CsvSeparator {
    fn from(sep: CsvSep) -> Self {
        match sep {
            CsvSep::Comma => Self::Comma,
            CsvSep::Semicolon => Self::Semicolon,
        }
    }
}

/// `schedule --format` choices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ScheduleFormat {
    Table,
    Json,
    Csv,
}

/// `status --format` choices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum StatusFormatArg {
    Text,
    Markdown,
    Html,
    Json,
    Csv,
}

/// `export --format` choices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ExportFormat {
    /// An Excel workbook: overview, tasks, critical path, changes.
    Xlsx,
    /// MS Project XML (MSPDI).
    Mspdi,
    /// The status report as a Word document (.docx), in the Vietnamese
    /// administrative format.
    Docx,
    /// An iCalendar file (RFC 5545): the event day, deadlines, milestones.
    Ics,
}

/// `--lang` choices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum LangArg {
    Vi,
    En,
}

/// `check --format` choices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum CheckFormat {
    Text,
    Json,
}

/// `risk --distribution` choices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum DistributionArg {
    /// PERT-Beta (λ = 4).
    Pert,
    /// Triangular.
    Triangular,
}

impl From<DistributionArg> for forumplan_risk::Distribution {
    fn from(arg: DistributionArg) -> Self {
        match arg {
            DistributionArg::Pert => Self::Pert,
            DistributionArg::Triangular => Self::Triangular,
        }
    }
}

/// `risk --format` choices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum RiskFormat {
    Text,
    Json,
    Html,
}

/// `health --format` choices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum HealthFormat {
    Text,
    Json,
}

/// `schema --of` choices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum SchemaOf {
    /// The plan file.
    Plan,
    /// `status --format json`.
    Status,
}
