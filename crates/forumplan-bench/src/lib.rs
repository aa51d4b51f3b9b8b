//! Large synthetic forum plans and journals, for benchmarks and tests.
//!
//! [`generate_plan`] writes a valid plan (JSON text) of any size: six
//! workstreams, four calendars (the built-in `vn` and `every-day`, and two
//! declared ones: `vn-org`, a `vn` derivative with its own holidays and
//! swapped Saturdays, and `six-day`, a Monday–Saturday week), and tasks
//! with about three predecessor links each, of all four link types, with
//! leads and lags, some `not_before`, `due` and `fixed_start` bounds, and
//! about 1% post-event work.
//!
//! The dependency graph is layered: the pre-event tasks are cut into
//! [`LAYERS`] consecutive layers of plan order, and a task's predecessors
//! come mostly from the previous layer, near its own relative position
//! (a window of about 50 tasks), sometimes from two or three layers back,
//! and rarely from anywhere earlier. Chains are therefore long (one task
//! per layer) while the longest one stays bounded whatever the plan size
//! (plan start 2030, event around mid-2033). The event day is the day after
//! the work is forecast to be ready, as scheduled by `forumplan-scheduler`
//! from the plan start: the plan is feasible, but tight.
//!
//! [`generate_journal`] writes a plausible journal (JSON Lines) for the same
//! plan as of a day: tasks that should have finished by then are mostly
//! done, those under way are in progress, a few are late, blocked or
//! cancelled.
//!
//! Everything is deterministic in `(tasks, seed)`: a small splitmix64
//! generator is written inline.

use std::fmt::Write as _;

mod flags;

pub use flags::{Flags, PlanFlags};

use chrono::{Datelike, Days, NaiveDate, Weekday};
use forumplan_core::journal::JournalState;
use forumplan_core::{Format, load_plan};

/// How many layers of dependencies the pre-event tasks are cut into (fewer
/// for small plans): the longest chain has about this many tasks.
pub const LAYERS: usize = 120;

/// The first day work may be scheduled in every generated plan.
pub const PLAN_START: NaiveDate = match NaiveDate::from_ymd_opt(2030, 1, 2) {
    Some(day) => day,
    None => panic!("valid date"),
};

/// A day about a fifth of the way through the generated plans, for which
/// the journal has a fair share of work done and in progress.
pub const SUGGESTED_AS_OF: NaiveDate = match NaiveDate::from_ymd_opt(2031, 3, 3) {
    Some(day) => day,
    None => panic!("valid date"),
};

/// A plan of `tasks` tasks (at least one), as JSON text, deterministic in
/// `(tasks, seed)`.
///
/// The event day is the day after the pre-event work is forecast to be
/// ready, by `forumplan_scheduler::schedule` as of [`PLAN_START`] with an
/// empty journal: the longest chain has no float as of the plan start, so
/// the plan is feasible but tight, and has a critical path.
pub fn generate_plan(tasks: usize, seed: u64) -> String {
    generate_plan_variant(tasks, seed, Variant::default())
}

/// How a generated plan departs from the plain one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Variant {
    /// Extra tasks linked to nothing, as a percentage of `tasks` (rounded
    /// down), appended after the others: each is an `isolated-task`
    /// warning, and the rest of the plan is unchanged.
    pub isolated_percent: usize,
    /// The whole plan on one line, as a minifier writes it.
    pub minified: bool,
    /// Every task of work with a three-point estimate (else about one in
    /// ten has one), for risk benchmarks where every duration varies.
    pub all_estimates: bool,
}

/// [`generate_plan`], with the departures `variant` asks for.
pub fn generate_plan_variant(tasks: usize, seed: u64, variant: Variant) -> String {
    let mut model = Model::build(tasks, seed);
    let rough = model.plan_json();
    if let Some(event) = calibrated_event(&rough) {
        model.event = event;
    }
    model.relative_dues();
    model.add_isolated(tasks * variant.isolated_percent / 100);
    if variant.all_estimates {
        model.estimate_all();
    }
    let text = model.plan_json();
    if variant.minified {
        minify_json(&text)
    } else {
        text
    }
}

/// `text` (valid JSON) without the whitespace between tokens.
pub fn minify_json(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in text.chars() {
        if in_string {
            out.push(c);
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
        } else if !c.is_ascii_whitespace() {
            in_string = c == '"';
            out.push(c);
        }
    }
    out
}

/// The day after the plan's pre-event work is forecast to be ready, as of
/// the plan start with nothing done; `None` if the plan does not load or
/// schedule (which would be a bug in the generator).
fn calibrated_event(plan: &str) -> Option<NaiveDate> {
    let loaded = load_plan(plan.as_bytes(), Format::Json).ok()?;
    let schedule =
        forumplan_scheduler::schedule(&loaded.forum, &JournalState::default(), PLAN_START).ok()?;
    schedule.forecast_ready?.succ_opt()
}

/// The journal (JSON Lines) of the plan `generate_plan(plan_tasks, seed)`
/// as of `as_of`: every entry is dated on or before `as_of`.
pub fn generate_journal(plan_tasks: usize, seed: u64, as_of: NaiveDate) -> String {
    Model::build(plan_tasks, seed).journal_jsonl(as_of)
}

/// splitmix64: tiny, fast, and good enough for test data.
struct Rng(u64);

impl Rng {
    fn new(seed: u64, stream: u64) -> Rng {
        let mut rng = Rng(seed ^ stream.wrapping_mul(0xA076_1D64_78BD_642F));
        rng.next();
        rng
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next()) * u128::from(n)) >> 64) as u64
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as u64) as i64
    }

    /// True with probability `percent` / 100.
    fn chance(&mut self, percent: u64) -> bool {
        self.below(1000) < percent * 10
    }

    /// True with probability `permille` / 1000.
    fn chance_permille(&mut self, permille: u64) -> bool {
        self.below(1000) < permille
    }
}

const WORKSTREAMS: [(&str, &str, &str, u64); 6] = [
    ("content", "Nội dung", "Vụ Kinh tế", 30),
    ("protocol", "Lễ tân", "Vụ Đối ngoại", 15),
    ("logistics", "Hậu cần", "Cục Quản trị", 25),
    ("media", "Thông tin - Truyền thông", "Vụ Thông tin", 12),
    ("security", "An ninh - Y tế", "Cục Bảo vệ", 8),
    ("finance", "Kinh phí", "Vụ Tài chính", 10),
];

const VERBS: [&str; 10] = [
    "Chuẩn bị",
    "Rà soát",
    "Phê duyệt",
    "Gửi",
    "Tổng hợp",
    "Hoàn thiện",
    "Kiểm tra",
    "Họp bàn",
    "Xây dựng",
    "Báo cáo về",
];

const OBJECTS: [&str; 12] = [
    "tài liệu",
    "danh sách đại biểu",
    "kịch bản",
    "báo cáo chuyên đề",
    "giấy mời",
    "phương án an ninh",
    "hợp đồng dịch vụ",
    "thông cáo báo chí",
    "dự toán kinh phí",
    "sơ đồ hội trường",
    "phương án đón tiếp",
    "bài phát biểu",
];

const POST_EVENT_NAMES: [&str; 4] = [
    "Quyết toán kinh phí",
    "Gửi thư cảm ơn",
    "Báo cáo tổng kết",
    "Lưu trữ hồ sơ",
];

/// The calendars a task may name (`None`: the forum's, `vn`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Cal {
    Forum,
    VnOrg,
    SixDay,
    EveryDay,
}

impl Cal {
    fn name(self) -> Option<&'static str> {
        match self {
            Cal::Forum => None,
            Cal::VnOrg => Some("vn-org"),
            Cal::SixDay => Some("six-day"),
            Cal::EveryDay => Some("every-day"),
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Fs,
    Ss,
    Ff,
    Sf,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Fs => "FS",
            Kind::Ss => "SS",
            Kind::Ff => "FF",
            Kind::Sf => "SF",
        }
    }
}

/// `None`: the event.
struct Link {
    pred: Option<usize>,
    kind: Kind,
    lag: i64,
}

enum Due {
    Absolute(NaiveDate),
    /// Calendar days before the event.
    Relative(i64),
}

struct GenTask {
    workstream: usize,
    name: (u8, u8),
    duration: i64,
    calendar: Cal,
    links: Vec<Link>,
    not_before: Option<NaiveDate>,
    due: Option<Due>,
    fixed_start: Option<NaiveDate>,
    owner: bool,
    estimate: Option<(i64, i64, i64)>,
    notes: bool,
    post_event: bool,
    /// Rough early start and finish (boundary), in working days from the
    /// plan start (pre-event tasks only).
    early_start: i64,
    early_end: i64,
}

struct Model {
    seed: u64,
    tasks: Vec<GenTask>,
    event: NaiveDate,
    /// The last day the declared calendars list holidays for.
    calendar_until: NaiveDate,
    id_width: usize,
}

/// Calendar day of a rough working-day offset: 5 working days a week, less
/// holidays, with a little room to spare.
fn day_of(workday: i64) -> NaiveDate {
    PLAN_START + Days::new((workday.max(0) * 150 / 100) as u64)
}

/// Calendar day of a rough working-day offset, on the early side (for lower
/// bounds that should rarely bind).
fn early_day_of(workday: i64) -> NaiveDate {
    PLAN_START + Days::new((workday.max(0) * 130 / 100) as u64)
}

impl Model {
    fn build(tasks: usize, seed: u64) -> Model {
        let n = tasks.max(1);
        let post = if n >= 50 { n / 100 } else { 0 };
        let pre = n - post;
        let layers = LAYERS.min((pre / 4).max(1));
        let layer_start = |layer: usize| layer * pre / layers;
        let mut rng = Rng::new(seed, 1);
        let weights: u64 = WORKSTREAMS.iter().map(|w| w.3).sum();
        let mut out: Vec<GenTask> = Vec::with_capacity(n);

        let mut layer = 0;
        for i in 0..pre {
            while i >= layer_start(layer + 1) {
                layer += 1;
            }
            let (start, end) = (layer_start(layer), layer_start(layer + 1));
            let mut workstream = 0;
            let mut w = rng.below(weights);
            while w >= WORKSTREAMS[workstream].3 {
                w -= WORKSTREAMS[workstream].3;
                workstream += 1;
            }
            let duration = if rng.chance(5) {
                0
            } else if rng.chance(80) {
                rng.range(1, 5)
            } else {
                rng.range(6, 10)
            };
            let fixed = duration > 0 && layer > 0 && rng.chance_permille(5);
            let calendar = if fixed {
                Cal::EveryDay
            } else {
                match rng.below(100) {
                    0..80 => Cal::Forum,
                    80..87 => Cal::VnOrg,
                    87..94 => Cal::SixDay,
                    _ => Cal::EveryDay,
                }
            };

            let mut links: Vec<Link> = Vec::new();
            if layer > 0 {
                let count = match rng.below(100) {
                    0..10 => 1,
                    10..35 => 2,
                    35..65 => 3,
                    65..85 => 4,
                    _ => 5,
                };
                let position = |back: usize| -> (usize, usize, usize) {
                    let (s, e) = (layer_start(layer - back), layer_start(layer - back + 1));
                    let mapped = s + (i - start) * (e - s) / (end - start);
                    (s, e, mapped)
                };
                for k in 0..count {
                    let pred = if k == 0 {
                        position(1).2
                    } else {
                        let roll = rng.below(100);
                        if roll < 5 {
                            rng.below(start as u64) as usize
                        } else {
                            let back = if roll < 20 {
                                rng.range(2, 3) as usize
                            } else {
                                1
                            };
                            let back = back.min(layer);
                            let (s, e, mapped) = position(back);
                            let offset = rng.range(-25, 25);
                            (mapped as i64 + offset).clamp(s as i64, e as i64 - 1) as usize
                        }
                    };
                    if links.iter().any(|l| l.pred == Some(pred)) {
                        continue;
                    }
                    let kind = match rng.below(100) {
                        0..70 => Kind::Fs,
                        70..82 => Kind::Ss,
                        82..94 => Kind::Ff,
                        _ => Kind::Sf,
                    };
                    let lag = if rng.chance(60) { 0 } else { rng.range(-2, 3) };
                    links.push(Link {
                        pred: Some(pred),
                        kind,
                        lag,
                    });
                }
            }

            // A rough forward pass in working days, every calendar alike.
            let mut early_start = 0;
            for link in &links {
                let p = &out[link.pred.unwrap_or_default()];
                let bound = match link.kind {
                    Kind::Fs => p.early_end + link.lag,
                    Kind::Ss => p.early_start + link.lag,
                    Kind::Ff => p.early_end + link.lag - duration,
                    Kind::Sf => p.early_start + link.lag - duration,
                };
                early_start = early_start.max(bound);
            }
            let mut not_before = None;
            if !fixed && rng.chance(3) {
                // Rarely binding: a little before the rough early start,
                // on the early side of the conversion to days.
                let at = (early_start - rng.range(0, 20)).max(0);
                not_before = Some(early_day_of(at));
            }
            let mut fixed_start = None;
            if fixed {
                early_start += 10;
                fixed_start = Some(day_of(early_start));
            }
            let early_end = early_start + duration;
            let due = rng
                .chance(4)
                .then(|| Due::Absolute(day_of(early_end + rng.range(5, 40))));
            let estimate = (duration > 0 && rng.chance(10)).then(|| {
                let optimistic = (duration - rng.range(0, 2)).max(1);
                (optimistic, duration, duration + rng.range(1, 5))
            });
            out.push(GenTask {
                workstream,
                name: (
                    rng.below(VERBS.len() as u64) as u8,
                    rng.below(OBJECTS.len() as u64) as u8,
                ),
                duration,
                calendar,
                links,
                not_before,
                due,
                fixed_start,
                owner: rng.chance(50),
                estimate,
                notes: rng.chance(2),
                post_event: false,
                early_start,
                early_end,
            });
        }

        // A first guess at the event day, later than the work should need;
        // [`generate_plan`] then sets it from a real schedule.
        let finish = out.iter().map(|t| t.early_end).max().unwrap_or(0);
        let event = day_of(finish) + Days::new(60);

        for i in pre..n {
            let mut links = vec![Link {
                pred: None,
                kind: Kind::Fs,
                lag: if rng.chance(50) { 0 } else { rng.range(1, 3) },
            }];
            for _ in 0..rng.below(3) {
                let pred = if rng.chance(50) && i > pre {
                    pre + rng.below((i - pre) as u64) as usize
                } else {
                    pre - 1 - rng.below(pre.min(200) as u64) as usize
                };
                if links.iter().all(|l| l.pred != Some(pred)) {
                    links.push(Link {
                        pred: Some(pred),
                        kind: if rng.chance(80) { Kind::Fs } else { Kind::Ss },
                        lag: rng.range(0, 2),
                    });
                }
            }
            out.push(GenTask {
                workstream: if rng.chance(50) {
                    5
                } else {
                    rng.below(6) as usize
                },
                name: (rng.below(POST_EVENT_NAMES.len() as u64) as u8, 0),
                duration: rng.range(1, 10),
                calendar: Cal::Forum,
                links,
                not_before: None,
                due: None,
                fixed_start: None,
                owner: true,
                estimate: None,
                notes: false,
                post_event: true,
                early_start: 0,
                early_end: 0,
            });
        }

        Model {
            seed,
            tasks: out,
            event,
            calendar_until: event + Days::new(366),
            id_width: (n - 1).to_string().len().max(6),
        }
    }

    /// Appends `count` short tasks with no link in either direction.
    /// Gives every task of work without an estimate one, from a stream of
    /// its own (the rest of the plan is unchanged).
    fn estimate_all(&mut self) {
        let mut rng = Rng::new(self.seed, 5);
        for task in self.tasks.iter_mut().filter(|t| t.duration > 0) {
            let duration = task.duration;
            task.estimate.get_or_insert_with(|| {
                let optimistic = (duration - rng.range(0, 2)).max(1);
                (optimistic, duration, duration + rng.range(1, 5))
            });
        }
    }

    fn add_isolated(&mut self, count: usize) {
        let mut rng = Rng::new(self.seed, 4);
        for _ in 0..count {
            self.tasks.push(GenTask {
                workstream: rng.below(WORKSTREAMS.len() as u64) as usize,
                name: (
                    rng.below(VERBS.len() as u64) as u8,
                    rng.below(OBJECTS.len() as u64) as u8,
                ),
                duration: rng.range(1, 5),
                calendar: Cal::Forum,
                links: Vec::new(),
                not_before: None,
                due: None,
                fixed_start: None,
                owner: rng.chance(50),
                estimate: None,
                notes: false,
                post_event: false,
                early_start: 0,
                early_end: 0,
            });
        }
    }

    /// Writes some dues relative to the event (`T-N`, the same day), and
    /// those that would fall after the event as a day or three before it.
    fn relative_dues(&mut self) {
        let mut rng = Rng::new(self.seed, 3);
        let event = self.event;
        for task in &mut self.tasks {
            if let Some(Due::Absolute(day)) = task.due {
                if day >= event - Days::new(2) {
                    task.due = Some(Due::Relative(rng.range(1, 3)));
                } else if rng.chance(30) {
                    task.due = Some(Due::Relative((event - day).num_days()));
                }
            }
        }
    }

    fn write_id(&self, out: &mut String, task: usize) {
        let workstream = WORKSTREAMS[self.tasks[task].workstream].0;
        let _ = write!(out, "{workstream}-{task:0width$}", width = self.id_width);
    }

    fn plan_json(&self) -> String {
        let mut out = String::with_capacity(self.tasks.len() * 200 + 4096);
        let first_year = PLAN_START.year();
        let last_year = self.calendar_until.year();
        let _ = write!(
            out,
            concat!(
                "{{\n",
                "  \"forum\": {{\n",
                "    \"id\": \"synthetic-{n}-{seed}\",\n",
                "    \"name\": \"Diễn đàn tổng hợp ({n} công việc)\",\n",
                "    \"date\": \"{event}\",\n",
                "    \"venue\": \"Trung tâm Hội nghị Quốc gia, Hà Nội\",\n",
                "    \"timezone\": \"Asia/Ho_Chi_Minh\",\n",
                "    \"calendar\": \"vn\",\n",
                "    \"plan_start\": \"{start}\"\n",
                "  }},\n",
                "  \"settings\": {{ \"at_risk_float\": 3, \"lookahead_days\": 14, \"locale\": \"vi\" }},\n",
                "  \"calendars\": {{\n",
            ),
            n = self.tasks.len(),
            seed = self.seed,
            event = self.event,
            start = PLAN_START,
        );
        // vn-org: the organising office's own days off, and a worked
        // Saturday each quarter (a day swap).
        let mut holidays = Vec::new();
        let mut extra = Vec::new();
        for year in first_year..=last_year {
            for (month, day) in [(3, 26), (6, 16), (10, 14), (12, 24)] {
                if let Some(date) = NaiveDate::from_ymd_opt(year, month, day) {
                    holidays.push(date);
                }
            }
            for month in [1, 4, 7, 10] {
                if let Some(date) =
                    NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Sat, 2)
                {
                    extra.push(date);
                }
            }
        }
        let list = |days: &[NaiveDate]| {
            days.iter()
                .map(|d| format!("\"{d}\""))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let _ = writeln!(
            out,
            "    \"vn-org\": {{ \"base\": \"vn\", \"holidays\": [{}], \"working_days_extra\": [{}] }},",
            list(&holidays),
            list(&extra)
        );
        out.push_str("    \"six-day\": { \"weekdays\": [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\", \"sat\"], \"holidays\": [");
        let new_years: Vec<NaiveDate> = (first_year..=last_year)
            .filter_map(|y| NaiveDate::from_ymd_opt(y, 1, 1))
            .collect();
        out.push_str(&list(&new_years));
        out.push_str("] }\n");
        out.push_str("  },\n  \"workstreams\": [\n");
        for (k, (id, name, lead, _)) in WORKSTREAMS.iter().enumerate() {
            let comma = if k + 1 < WORKSTREAMS.len() { "," } else { "" };
            let _ = writeln!(
                out,
                "    {{ \"id\": \"{id}\", \"name\": \"{name}\", \"lead\": \"{lead}\", \"focal_point\": \"Đầu mối {name}\" }}{comma}"
            );
        }
        out.push_str("  ],\n  \"tasks\": [\n");
        for (i, task) in self.tasks.iter().enumerate() {
            self.write_task(&mut out, i, task);
            out.push_str(if i + 1 < self.tasks.len() {
                ",\n"
            } else {
                "\n"
            });
        }
        out.push_str("  ]\n}\n");
        out
    }

    fn write_task(&self, out: &mut String, i: usize, task: &GenTask) {
        let (id, _, lead, _) = WORKSTREAMS[task.workstream];
        out.push_str("    { \"id\": \"");
        self.write_id(out, i);
        let _ = write!(out, "\", \"workstream\": \"{id}\", \"name\": \"");
        if task.post_event {
            let _ = write!(out, "{} {i}", POST_EVENT_NAMES[usize::from(task.name.0)]);
        } else {
            let _ = write!(
                out,
                "{} {} {i}",
                VERBS[usize::from(task.name.0)],
                OBJECTS[usize::from(task.name.1)]
            );
        }
        let _ = write!(out, "\", \"duration\": \"{}d\"", task.duration);
        if !task.links.is_empty() {
            out.push_str(", \"after\": [");
            for (k, link) in task.links.iter().enumerate() {
                if k > 0 {
                    out.push_str(", ");
                }
                let simple = link.kind == Kind::Fs && link.lag == 0;
                if !simple {
                    out.push_str("{ \"task\": ");
                }
                out.push('"');
                match link.pred {
                    Some(pred) => self.write_id(out, pred),
                    None => out.push_str("event"),
                }
                out.push('"');
                if !simple {
                    if link.kind != Kind::Fs {
                        let _ = write!(out, ", \"type\": \"{}\"", link.kind.name());
                    }
                    if link.lag != 0 {
                        let _ = write!(out, ", \"lag\": \"{}d\"", link.lag);
                    }
                    out.push_str(" }");
                }
            }
            out.push(']');
        }
        if let Some(day) = task.not_before {
            let _ = write!(out, ", \"not_before\": \"{day}\"");
        }
        match task.due {
            Some(Due::Absolute(day)) => {
                let _ = write!(out, ", \"due\": \"{day}\"");
            }
            Some(Due::Relative(before)) => {
                let _ = write!(out, ", \"due\": \"T-{before}\"");
            }
            None => {}
        }
        if let Some(day) = task.fixed_start {
            let _ = write!(out, ", \"fixed_start\": \"{day}\"");
        }
        if let Some(name) = task.calendar.name() {
            let _ = write!(out, ", \"calendar\": \"{name}\"");
        }
        if task.owner {
            let _ = write!(out, ", \"owner\": \"{lead}\"");
        }
        if let Some((optimistic, likely, pessimistic)) = task.estimate {
            let _ = write!(
                out,
                ", \"estimate\": {{ \"optimistic\": \"{optimistic}d\", \"likely\": \"{likely}d\", \"pessimistic\": \"{pessimistic}d\" }}"
            );
        }
        if task.notes {
            out.push_str(", \"notes\": \"Cần xin ý kiến Thường trực trước khi triển khai\"");
        }
        out.push_str(" }");
    }

    fn journal_jsonl(&self, as_of: NaiveDate) -> String {
        let mut rng = Rng::new(self.seed, 2);
        // (date, task, state, progress, note)
        let mut entries: Vec<(NaiveDate, usize, &str, Option<i64>, bool)> = Vec::new();
        for (i, task) in self.tasks.iter().enumerate() {
            if task.post_event {
                continue;
            }
            let start = task.fixed_start.unwrap_or_else(|| day_of(task.early_start));
            if start > as_of {
                continue;
            }
            let finish = day_of(task.early_end).max(start);
            let mut roll = rng.below(1000);
            if task.fixed_start.is_some() {
                // Meetings and ceremonies happen on their day.
                roll = 100;
            }
            if roll < 5 {
                entries.push((start, i, "cancelled", None, true));
                continue;
            }
            if finish <= as_of && roll < 900 {
                if task.duration > 0 {
                    entries.push((start, i, "in_progress", Some(rng.range(10, 60)), false));
                }
                entries.push((finish, i, "done", None, rng.chance(5)));
            } else if roll < 960 {
                entries.push((start, i, "in_progress", Some(rng.range(0, 30)), false));
                let later = (start + Days::new(rng.below(10))).min(as_of);
                entries.push((later, i, "in_progress", Some(rng.range(30, 90)), false));
            } else if roll < 980 {
                entries.push((start, i, "blocked", Some(rng.range(0, 50)), true));
            }
            // Otherwise: not started yet (late, if it should have been).
        }
        entries.sort_by_key(|e| e.0);
        let mut out = String::with_capacity(entries.len() * 200);
        for (date, task, state, progress, note) in entries {
            let lead = WORKSTREAMS[self.tasks[task].workstream].2;
            // A UUID v7 from the recording time and random bits.
            let millis = date
                .and_hms_opt(0, 0, 0)
                .map_or(0, |t| t.and_utc().timestamp_millis()) as u64
                + 3_600_000 * 9
                + rng.below(36_000_000);
            let random = rng.next();
            let _ = write!(
                out,
                "{{\"id\":\"{:08x}-{:04x}-7{:03x}-{:04x}-{:012x}\",\"date\":\"{date}\",\"task\":\"",
                millis >> 16,
                millis & 0xFFFF,
                random & 0xFFF,
                0x8000 | ((random >> 12) & 0x3FFF),
                (random >> 26) & 0xFFFF_FFFF_FFFF,
            );
            self.write_id(&mut out, task);
            let _ = write!(out, "\",\"state\":\"{state}\"");
            if let Some(progress) = progress {
                let _ = write!(out, ",\"progress\":{progress}");
            }
            let _ = write!(out, ",\"by\":\"{lead}\"");
            if note {
                out.push_str(",\"note\":\"Chờ ý kiến Thường trực Ủy ban\"");
            }
            let seconds = (millis / 1000) % 86_400;
            let _ = writeln!(
                out,
                ",\"recorded_at\":\"{date}T{:02}:{:02}:{:02}+07:00\"}}",
                seconds / 3600 % 24,
                seconds / 60 % 60,
                seconds % 60
            );
        }
        out
    }
}
