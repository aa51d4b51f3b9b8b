//! Classic published critical-path examples, scheduled by forumplan and
//! checked against their published answers: early and late dates, total and
//! free float, the critical flags and the critical paths.
//!
//! Each example cites its source. Where a source's worked answer was not
//! available in full, the missing numbers were worked out by hand (forward
//! pass, backward pass, floats) and the comment says which.
//!
//! Mapping a textbook network onto forumplan: every task works on the
//! `every-day` calendar (unless a test says otherwise), so working-day
//! arithmetic is integer CPM. Textbook time 0 is `plan_start` (P); an
//! activity with ES = t and EF = t' works from day P + t through day
//! P + t' − 1, and the same for LS and LF. The event is on day P + T, T the
//! project duration, so that the latest late finish allowed to pre-event
//! work (the last working day before the event) is the textbook's project
//! end. A zero-duration activity (a milestone) at textbook time b is an
//! instant; the contract reports it on the last working day before it,
//! P + b − 1 (on P itself when b = 0). The schedule is computed as of P
//! with an empty journal.

use chrono::{Days, NaiveDate};
use forumplan_core::journal::JournalState;
use forumplan_core::{Format, Forum, load_plan};
use forumplan_scheduler::{Schedule, schedule};
use serde_json::{Value, json};

/// A predecessor link: (predecessor id, link type, lag in days).
type Pred = (&'static str, &'static str, i32);

/// An activity of a textbook network: id, duration in days, predecessors.
type Activity = (&'static str, u32, &'static [Pred]);

/// A published (or hand-checked) answer row in textbook time units:
/// id, ES, EF, LS, LF, total float, free float.
type Row = (&'static str, u64, u64, u64, u64, i64, i64);

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// Textbook time 0 for the integer examples.
fn day0() -> NaiveDate {
    date("2030-01-01")
}

fn plus(day: NaiveDate, days: u64) -> NaiveDate {
    day.checked_add_days(Days::new(days)).unwrap()
}

/// The plan for `activities`, all on `calendar`, starting on `start`, with
/// the event on `event`.
fn plan(
    activities: &[Activity],
    start: NaiveDate,
    event: NaiveDate,
    calendar: &str,
    calendars: Value,
) -> String {
    let tasks: Vec<Value> = activities
        .iter()
        .map(|&(id, days, preds)| {
            let after: Vec<Value> = preds
                .iter()
                .map(|&(task, kind, lag)| json!({"task": task, "type": kind, "lag": format!("{lag}d")}))
                .collect();
            json!({
                "id": id,
                "workstream": "work",
                "name": id,
                "duration": format!("{days}d"),
                "after": after,
            })
        })
        .collect();
    json!({
        "forum": {
            "id": "textbook",
            "name": "Textbook example",
            "date": event.to_string(),
            "calendar": calendar,
            "plan_start": start.to_string(),
        },
        "calendars": calendars,
        "workstreams": [{"id": "work", "name": "Work"}],
        "tasks": tasks,
    })
    .to_string()
}

/// Loads the plan (it must be valid) and schedules it as of `start` with an
/// empty journal.
fn run(
    activities: &[Activity],
    start: NaiveDate,
    event: NaiveDate,
    calendar: &str,
    calendars: Value,
) -> (Forum, Schedule) {
    let text = plan(activities, start, event, calendar, calendars);
    let forum = match load_plan(text.as_bytes(), Format::Json) {
        Ok(loaded) => loaded.forum,
        Err(diagnostics) => panic!("plan refused: {diagnostics:#?}\n{text}"),
    };
    let schedule = schedule(&forum, &JournalState::default(), start).unwrap();
    assert!(schedule.conflicts.is_empty(), "{:?}", schedule.conflicts);
    (forum, schedule)
}

/// Schedules an integer textbook network whose project duration is
/// `duration` days, with time 0 on [`day0`].
fn run_textbook(activities: &[Activity], duration: u64) -> (Forum, Schedule) {
    let p = day0();
    run(activities, p, plus(p, duration), "every-day", json!({}))
}

/// Checks one task's dates and floats, dates given as days.
fn check_dates(
    forum: &Forum,
    schedule: &Schedule,
    id: &str,
    dates: [NaiveDate; 4],
    total_float: i64,
    free_float: i64,
) {
    let task = forum
        .task_id(id)
        .unwrap_or_else(|| panic!("no task `{id}`"));
    let s = &schedule.tasks[task];
    let actual = [s.early_start, s.early_finish, s.late_start, s.late_finish];
    assert_eq!(actual, dates, "`{id}`: [ES, EF, LS, LF]");
    assert_eq!(s.total_float, Some(total_float), "`{id}`: total float");
    assert_eq!(s.free_float, Some(free_float), "`{id}`: free float");
    assert_eq!(s.critical, total_float <= 0, "`{id}`: critical flag");
}

/// Checks every row of a textbook table (textbook time units, time 0 on
/// [`day0`]), and that the table covers every task of the plan.
fn check_table(forum: &Forum, schedule: &Schedule, rows: &[Row]) {
    assert_eq!(
        schedule.tasks.len(),
        rows.len(),
        "every activity is checked"
    );
    let p = day0();
    for &(id, es, ef, ls, lf, tf, ff) in rows {
        let task = forum
            .task_id(id)
            .unwrap_or_else(|| panic!("no task `{id}`"));
        let dates = if forum.tasks()[task].duration == 0 {
            // A milestone at instant b shows on the last working day before it.
            assert_eq!((es, ls), (ef, lf), "`{id}`: a milestone is an instant");
            let shown = |b: u64| plus(p, b.saturating_sub(1));
            [shown(es), shown(ef), shown(ls), shown(lf)]
        } else {
            [plus(p, es), plus(p, ef - 1), plus(p, ls), plus(p, lf - 1)]
        };
        check_dates(forum, schedule, id, dates, tf, ff);
    }
}

/// Checks the critical paths, as task ids; ties may come in any order.
fn check_paths(forum: &Forum, schedule: &Schedule, expected: &[&[&str]]) {
    let mut actual: Vec<Vec<String>> = schedule
        .critical_paths
        .iter()
        .map(|path| path.iter().map(|&t| forum.task(t).id.to_string()).collect())
        .collect();
    let mut expected: Vec<Vec<String>> = expected
        .iter()
        .map(|path| path.iter().map(|&id| id.to_owned()).collect())
        .collect();
    actual.sort();
    expected.sort();
    assert_eq!(actual, expected, "critical paths");
}

/// SAS Institute, *SAS/OR User's Guide: Project Management*, the CPM
/// procedure's "Getting Started" software development project (activities
/// TESTING, PRELDOC, MEETMKT, RECODE, QATEST, DOCEDREV, PROD), whose
/// schedule is printed in the GANTT procedure's "Getting Started", Figure 8.1
/// "Software Project Plan" (support.sas.com, orpmug 67521,
/// orpmug_gantt_gettingstarted.htm). PROC CPM works every day by default;
/// the project starts on 1 March 2004. Published dates, T_FLOAT and F_FLOAT
/// are asserted as printed (SAS's E_FINISH/L_FINISH are the last day worked,
/// as forumplan's are). The two equal chains through QATEST and DOCEDREV are
/// both critical (T_FLOAT 0): forumplan must report both.
#[test]
fn sas_software_project() {
    const ACTIVITIES: &[Activity] = &[
        ("testing", 20, &[]),
        ("preldoc", 15, &[]),
        ("meetmkt", 1, &[]),
        ("recode", 5, &[("testing", "FS", 0), ("meetmkt", "FS", 0)]),
        ("qatest", 10, &[("recode", "FS", 0), ("preldoc", "FS", 0)]),
        ("docedrev", 10, &[("recode", "FS", 0), ("preldoc", "FS", 0)]),
        ("prod", 1, &[("qatest", "FS", 0), ("docedrev", "FS", 0)]),
    ];
    let start = date("2004-03-01");
    // PROD finishes on 5 April 2004; the event is the next day.
    let (forum, schedule) = run(
        ACTIVITIES,
        start,
        date("2004-04-06"),
        "every-day",
        json!({}),
    );
    // task, E_START, E_FINISH, L_START, L_FINISH, T_FLOAT, F_FLOAT.
    #[rustfmt::skip]
    const ROWS: &[(&str, &str, &str, &str, &str, i64, i64)] = &[
        ("testing", "2004-03-01", "2004-03-20", "2004-03-01", "2004-03-20", 0, 0),
        ("preldoc", "2004-03-01", "2004-03-15", "2004-03-11", "2004-03-25", 10, 10),
        ("meetmkt", "2004-03-01", "2004-03-01", "2004-03-20", "2004-03-20", 19, 19),
        ("recode", "2004-03-21", "2004-03-25", "2004-03-21", "2004-03-25", 0, 0),
        ("qatest", "2004-03-26", "2004-04-04", "2004-03-26", "2004-04-04", 0, 0),
        ("docedrev", "2004-03-26", "2004-04-04", "2004-03-26", "2004-04-04", 0, 0),
        ("prod", "2004-04-05", "2004-04-05", "2004-04-05", "2004-04-05", 0, 0),
    ];
    assert_eq!(schedule.tasks.len(), ROWS.len());
    for &(id, es, ef, ls, lf, tf, ff) in ROWS {
        check_dates(
            &forum,
            &schedule,
            id,
            [date(es), date(ef), date(ls), date(lf)],
            tf,
            ff,
        );
    }
    check_paths(
        &forum,
        &schedule,
        &[
            &["testing", "recode", "qatest", "prod"],
            &["testing", "recode", "docedrev", "prod"],
        ],
    );
    assert_eq!(schedule.forecast_ready, Some(date("2004-04-05")));
}

/// Bernard W. Taylor III, *Introduction to Management Science*, Chapter 8
/// "Project Management", solutions to the chapter's problems: the first
/// activity table, page 114 of the solutions (an activity-on-arrow network,
/// activities named by their nodes). Published: ES, EF, LS, LF and slack
/// (total float) of every activity, critical path 1–3–4–5–6, 20 weeks.
///
/// Converted to activity-on-node: activity i–j follows every activity k–i.
/// The solution does not print free float; it was computed by hand as the
/// earliest successor ES minus the activity's EF (project end for the last).
#[test]
fn taylor_chapter_8_network_of_seven_activities() {
    const ACTIVITIES: &[Activity] = &[
        ("1-2", 7, &[]),
        ("1-3", 10, &[]),
        ("2-4", 6, &[("1-2", "FS", 0)]),
        ("3-4", 5, &[("1-3", "FS", 0)]),
        ("3-5", 4, &[("1-3", "FS", 0)]),
        ("4-5", 3, &[("2-4", "FS", 0), ("3-4", "FS", 0)]),
        ("5-6", 2, &[("3-5", "FS", 0), ("4-5", "FS", 0)]),
    ];
    let (forum, schedule) = run_textbook(ACTIVITIES, 20);
    // Published ES, EF, LS, LF, slack; free float by hand.
    check_table(
        &forum,
        &schedule,
        &[
            ("1-2", 0, 7, 2, 9, 2, 0),
            ("1-3", 0, 10, 0, 10, 0, 0),
            ("2-4", 7, 13, 9, 15, 2, 2),
            ("3-4", 10, 15, 10, 15, 0, 0),
            ("3-5", 10, 14, 14, 18, 4, 4),
            ("4-5", 15, 18, 15, 18, 0, 0),
            ("5-6", 18, 20, 18, 20, 0, 0),
        ],
    );
    check_paths(&forum, &schedule, &[&["1-3", "3-4", "4-5", "5-6"]]);
    assert_eq!(schedule.forecast_ready, Some(plus(day0(), 19)));
}

/// Bernard W. Taylor III, *Introduction to Management Science*, Chapter 8
/// "Project Management", solutions: the second activity table, page 115 of
/// the solutions. Published: ES, EF, LS, LF and slack of all thirteen
/// arrows, critical path 1–3–5–7–8–9, 38 weeks.
///
/// Arrow 4–5 is a dummy (duration 0): it carries the precedence 1–4 → 5–7,
/// 5–8. It becomes a forumplan milestone, whose instant is the published ES
/// (9) early and LS (15) late, shown on the day before (the contract's
/// milestone rule); its float counts the working days between the two
/// instants, 6, as published. Free float is not printed in the solution; it
/// was computed by hand (earliest successor ES minus EF; project end minus
/// EF for 6–9, which has no successor).
#[test]
fn taylor_chapter_8_network_with_a_dummy() {
    const AFTER_NODE_5: &[Pred] = &[("2-5", "FS", 0), ("3-5", "FS", 0), ("4-5", "FS", 0)];
    const ACTIVITIES: &[Activity] = &[
        ("1-2", 8, &[]),
        ("1-3", 10, &[]),
        ("1-4", 9, &[]),
        ("2-5", 6, &[("1-2", "FS", 0)]),
        ("2-6", 4, &[("1-2", "FS", 0)]),
        ("3-5", 5, &[("1-3", "FS", 0)]),
        ("4-5", 0, &[("1-4", "FS", 0)]),
        ("4-7", 7, &[("1-4", "FS", 0)]),
        ("5-7", 12, AFTER_NODE_5),
        ("5-8", 15, AFTER_NODE_5),
        ("6-9", 18, &[("2-6", "FS", 0)]),
        ("7-8", 4, &[("4-7", "FS", 0), ("5-7", "FS", 0)]),
        ("8-9", 7, &[("5-8", "FS", 0), ("7-8", "FS", 0)]),
    ];
    let (forum, schedule) = run_textbook(ACTIVITIES, 38);
    check_table(
        &forum,
        &schedule,
        &[
            ("1-2", 0, 8, 1, 9, 1, 0),
            ("1-3", 0, 10, 0, 10, 0, 0),
            ("1-4", 0, 9, 6, 15, 6, 0),
            ("2-5", 8, 14, 9, 15, 1, 1),
            ("2-6", 8, 12, 16, 20, 8, 0),
            ("3-5", 10, 15, 10, 15, 0, 0),
            ("4-5", 9, 9, 15, 15, 6, 6),
            ("4-7", 9, 16, 20, 27, 11, 11),
            ("5-7", 15, 27, 15, 27, 0, 0),
            ("5-8", 15, 30, 16, 31, 1, 1),
            ("6-9", 12, 30, 20, 38, 8, 8),
            ("7-8", 27, 31, 27, 31, 0, 0),
            ("8-9", 31, 38, 31, 38, 0, 0),
        ],
    );
    check_paths(&forum, &schedule, &[&["1-3", "3-5", "5-7", "7-8", "8-9"]]);
    assert_eq!(schedule.forecast_ready, Some(plus(day0(), 37)));
}

/// The nine-activity network (A–I) of Columbia University's *Construction
/// Scheduling* course (Coursera, Ibrahim Odeh), lecture "Example 2: AON and
/// Forward/Backward Pass Calculations": durations A 2, B 5, C 9, D 3, E 6,
/// F 4, G 2, H 4, I 2; B, C, D after A; E after B; F after B, C; G after C,
/// D; H after E, F; I after G, H.
const ODEH_NETWORK: &[Activity] = &[
    ("a", 2, &[]),
    ("b", 5, &[("a", "FS", 0)]),
    ("c", 9, &[("a", "FS", 0)]),
    ("d", 3, &[("a", "FS", 0)]),
    ("e", 6, &[("b", "FS", 0)]),
    ("f", 4, &[("b", "FS", 0), ("c", "FS", 0)]),
    ("g", 2, &[("c", "FS", 0), ("d", "FS", 0)]),
    ("h", 4, &[("e", "FS", 0), ("f", "FS", 0)]),
    ("i", 2, &[("g", "FS", 0), ("h", "FS", 0)]),
];

/// Columbia University, *Construction Scheduling* (Coursera, Ibrahim Odeh),
/// "Example 2: AON and Forward/Backward Pass Calculations" (lecture
/// transcript). Published: every ES and EF (A 0–2, B 2–7, C 2–11, D 2–5,
/// E 7–13, F 11–15, G 11–13, H 15–19, I 19–21; 21 days) and the backward
/// pass from I down to B (I 19–21, H 15–19, G 17–19, F 11–15, E 9–15,
/// B LF = min(9, 11)). The rest of the backward pass (B, C, D, A), the
/// floats and the critical path A–C–F–H–I were completed by hand.
#[test]
fn columbia_example_2_finish_to_start() {
    let (forum, schedule) = run_textbook(ODEH_NETWORK, 21);
    check_table(
        &forum,
        &schedule,
        &[
            ("a", 0, 2, 0, 2, 0, 0),
            ("b", 2, 7, 4, 9, 2, 0),
            ("c", 2, 11, 2, 11, 0, 0),
            ("d", 2, 5, 14, 17, 12, 6),
            ("e", 7, 13, 9, 15, 2, 2),
            ("f", 11, 15, 11, 15, 0, 0),
            ("g", 11, 13, 17, 19, 6, 6),
            ("h", 15, 19, 15, 19, 0, 0),
            ("i", 19, 21, 19, 21, 0, 0),
        ],
    );
    check_paths(&forum, &schedule, &[&["a", "c", "f", "h", "i"]]);
    assert_eq!(schedule.forecast_ready, Some(plus(day0(), 20)));
}

/// Columbia University, *Construction Scheduling* (Coursera, Ibrahim Odeh),
/// lecture "Imposing Lag Durations in Critical Path" (Example 3): the network
/// of Example 2 with three finish-to-start lags, A → D 4 days, B → F 3 days
/// and H → I 1 day. The transcript gives the network and the lags; the
/// numbers below were worked out by hand (forward pass ES = max(EF + lag),
/// backward pass LF = min(LS − lag)): 22 days, critical path A–C–F–H–I.
///
/// Free float with a lag: successor ES − lag − EF (B: min(7 − 7, 11 − 3 − 7)
/// = 0; H: 20 − 1 − 19 = 0).
#[test]
fn columbia_example_3_finish_to_start_lags() {
    let mut activities = ODEH_NETWORK.to_vec();
    for activity in &mut activities {
        activity.2 = match activity.0 {
            "d" => &[("a", "FS", 4)],
            "f" => &[("b", "FS", 3), ("c", "FS", 0)],
            "i" => &[("g", "FS", 0), ("h", "FS", 1)],
            _ => activity.2,
        };
    }
    let (forum, schedule) = run_textbook(&activities, 22);
    check_table(
        &forum,
        &schedule,
        &[
            ("a", 0, 2, 0, 2, 0, 0),
            ("b", 2, 7, 3, 8, 1, 0),
            ("c", 2, 11, 2, 11, 0, 0),
            ("d", 6, 9, 15, 18, 9, 2),
            ("e", 7, 13, 9, 15, 2, 2),
            ("f", 11, 15, 11, 15, 0, 0),
            ("g", 11, 13, 18, 20, 7, 7),
            ("h", 15, 19, 15, 19, 0, 0),
            ("i", 20, 22, 20, 22, 0, 0),
        ],
    );
    check_paths(&forum, &schedule, &[&["a", "c", "f", "h", "i"]]);
    assert_eq!(schedule.forecast_ready, Some(plus(day0(), 21)));
}

/// Columbia University, *Construction Scheduling* (Coursera, Ibrahim Odeh),
/// lecture "Determining Critical Path in a Start to Start Relationship":
/// x (9 days), y (4) and z (2), y start-to-start after x, z start-to-start
/// after y. Published: all start on day 0; the project lasts 9 days (x);
/// late dates x 0–9, y 5–9, z 7–9, so only x is critical.
///
/// Free float across a start-to-start link is successor ES − lag − ES: x
/// and y cannot slip without moving their successor (0); z, with no
/// successor, can slip to its late finish (7). Those were computed by hand.
#[test]
fn columbia_start_to_start() {
    const ACTIVITIES: &[Activity] = &[
        ("x", 9, &[]),
        ("y", 4, &[("x", "SS", 0)]),
        ("z", 2, &[("y", "SS", 0)]),
    ];
    let (forum, schedule) = run_textbook(ACTIVITIES, 9);
    check_table(
        &forum,
        &schedule,
        &[
            ("x", 0, 9, 0, 9, 0, 0),
            ("y", 0, 4, 5, 9, 5, 0),
            ("z", 0, 2, 7, 9, 7, 7),
        ],
    );
    check_paths(&forum, &schedule, &[&["x"]]);
}

/// The same lecture's second case: a 6-day start-to-start lag from x to y
/// and 1 day from y to z. The transcript gives the lags; the numbers were
/// worked out by hand: y 6–10, z 7–9, project 10 days; backward, z 8–10,
/// y 6–10 (LS ≤ z LS − 1 = 7 and LF ≤ 10), x LS ≤ y LS − 6 = 0. The
/// critical path runs from x into y through the start-to-start link that
/// drives y, and ends at y, the latest-finishing activity.
#[test]
fn columbia_start_to_start_with_lags() {
    const ACTIVITIES: &[Activity] = &[
        ("x", 9, &[]),
        ("y", 4, &[("x", "SS", 6)]),
        ("z", 2, &[("y", "SS", 1)]),
    ];
    let (forum, schedule) = run_textbook(ACTIVITIES, 10);
    check_table(
        &forum,
        &schedule,
        &[
            ("x", 0, 9, 0, 9, 0, 0),
            ("y", 6, 10, 6, 10, 0, 0),
            ("z", 7, 9, 8, 10, 1, 1),
        ],
    );
    check_paths(&forum, &schedule, &[&["x", "y"]]);
    assert_eq!(schedule.forecast_ready, Some(plus(day0(), 9)));
}

/// The widget manufacturing project with nonstandard precedence relationships
/// of SAS Institute, *SAS/OR User's Guide: Project Management*: data set
/// WIDGLAG2 of the GANTT procedure's Example 8.20 "Nonstandard Precedence
/// Relationships" (a modification of the WIDGLAG data of the CPM
/// procedure's Example 4.11; sample program gantte20 on support.sas.com):
/// Prototype → Materials and Prototype → Facility start-to-start with a
/// 9-day lag, Facility → Init. Prod. finish-to-start with 2 days,
/// Evaluate → Changes start-to-start with 6 days, Test Market → Changes
/// finish-to-finish with 3 days, and two milestones, Production and
/// Marketing.
///
/// SAS schedules that example on weekdays around Christmas holidays, and its
/// printed schedule was not available; here every day works and every number
/// was computed by hand. Forward: Materials and Facility start at 15 + 9 =
/// 24; Init. Prod. at max(34, 34 + 2) = 36; Changes must start at 46 + 6 =
/// 52 and finish at 61 + 3 = 64, so it runs 59–64: the finish-to-finish link
/// drives it; 64 days. Backward: Test Market LF = 64 − 3 = 61; Evaluate
/// LS = 59 − 6 = 53; Facility LF = 36 − 2 = 34; Prototype LS =
/// min(26 − 9, 24 − 9) = 15. Free float: Evaluate 59 − 6 − 46 = 7, Test
/// Market 64 − 3 − 61 = 0, Materials 36 − 34 = 2; Marketing, a milestone
/// with no successor, 64 − 46 = 18.
///
/// The critical path, as a textbook draws it, is the one chain
/// Approve Plan–Drawings–Prototype–Facility–Init. Prod.–Test Market–Changes–
/// Production, ending at the project's finish milestone.
///
/// Changes (E = 64) and the Production milestone (instant 64) tie as the
/// latest-finishing pre-event tasks; the chain ending at Changes is the
/// beginning of the one ending at Production, and only the longer one is a
/// critical path (docs/scheduling.md). This test first found forumplan
/// reporting both.
#[test]
fn sas_widget_project_with_ss_ff_and_fs_lags() {
    const ACTIVITIES: &[Activity] = &[
        ("approve-plan", 5, &[]),
        ("drawings", 10, &[("approve-plan", "FS", 0)]),
        ("study-market", 5, &[("approve-plan", "FS", 0)]),
        ("write-specs", 5, &[("approve-plan", "FS", 0)]),
        (
            "prototype",
            15,
            &[("drawings", "FS", 0), ("write-specs", "FS", 0)],
        ),
        ("mkt-strat", 10, &[("study-market", "FS", 0)]),
        ("materials", 10, &[("prototype", "SS", 9)]),
        ("facility", 10, &[("prototype", "SS", 9)]),
        (
            "init-prod",
            10,
            &[("materials", "FS", 0), ("facility", "FS", 2)],
        ),
        (
            "test-market",
            15,
            &[("mkt-strat", "FS", 0), ("init-prod", "FS", 0)],
        ),
        (
            "marketing",
            0,
            &[("mkt-strat", "FS", 0), ("init-prod", "FS", 0)],
        ),
        ("evaluate", 10, &[("init-prod", "FS", 0)]),
        (
            "changes",
            5,
            &[("evaluate", "SS", 6), ("test-market", "FF", 3)],
        ),
        ("production", 0, &[("changes", "FS", 0)]),
    ];
    let (forum, schedule) = run_textbook(ACTIVITIES, 64);
    check_table(
        &forum,
        &schedule,
        &[
            ("approve-plan", 0, 5, 0, 5, 0, 0),
            ("drawings", 5, 15, 5, 15, 0, 0),
            ("study-market", 5, 10, 31, 36, 26, 0),
            ("write-specs", 5, 10, 10, 15, 5, 5),
            ("prototype", 15, 30, 15, 30, 0, 0),
            ("mkt-strat", 10, 20, 36, 46, 26, 26),
            ("materials", 24, 34, 26, 36, 2, 2),
            ("facility", 24, 34, 24, 34, 0, 0),
            ("init-prod", 36, 46, 36, 46, 0, 0),
            ("test-market", 46, 61, 46, 61, 0, 0),
            ("marketing", 46, 46, 64, 64, 18, 18),
            ("evaluate", 46, 56, 53, 63, 7, 7),
            ("changes", 59, 64, 59, 64, 0, 0),
            ("production", 64, 64, 64, 64, 0, 0),
        ],
    );
    check_paths(
        &forum,
        &schedule,
        &[&[
            "approve-plan",
            "drawings",
            "prototype",
            "facility",
            "init-prod",
            "test-market",
            "changes",
            "production",
        ]],
    );
    assert_eq!(schedule.forecast_ready, Some(plus(day0(), 63)));
}

/// SAS Institute, *SAS/OR User's Guide: Project Management*, the CPM
/// procedure's Example 4.6 "Changing Duration Units" (support.sas.com,
/// orpmug 67521, orpmug_cpm_examples06.htm): the widget manufacturing
/// project (data set WIDGET, finish-to-start links only) scheduled with
/// INTERVAL=WEEKDAY from Monday 1 December 2003, Output 4.6.1. Here on a
/// Monday–Friday calendar. The project finishes on 8 March 2004 (the
/// Production milestone's instant; Changes works its last day on Friday
/// 5 March), so the event is on 8 March.
///
/// Asserted: the published rows that were available, Approve Plan through
/// Evaluate, dates, T_FLOAT and F_FLOAT as printed (floats in weekdays).
/// The remaining rows (Test Market, Changes, Production, Marketing) and the
/// critical paths were not in the available excerpt and are not asserted.
///
/// This example found a flaw in the contract's literal reading of milestone
/// deadlines: with the finish milestone bounded by Saturday 6 March (the day
/// after the last working day before the event), while the finish-to-start
/// rule places it on Monday 8 March, every late date came out one working day
/// early and the critical chain showed −1 float although the forecast was on
/// time. forumplan bounds a milestone by the end of the deadline day's last
/// working day instead (docs/scheduling.md, "milestone deadlines"), and the
/// published table holds.
#[test]
fn sas_widget_project_on_weekdays() {
    const ACTIVITIES: &[Activity] = &[
        ("approve-plan", 5, &[]),
        ("drawings", 10, &[("approve-plan", "FS", 0)]),
        ("study-market", 5, &[("approve-plan", "FS", 0)]),
        ("write-specs", 5, &[("approve-plan", "FS", 0)]),
        (
            "prototype",
            15,
            &[("drawings", "FS", 0), ("write-specs", "FS", 0)],
        ),
        ("mkt-strat", 10, &[("study-market", "FS", 0)]),
        ("materials", 10, &[("prototype", "FS", 0)]),
        ("facility", 10, &[("prototype", "FS", 0)]),
        (
            "init-prod",
            10,
            &[("materials", "FS", 0), ("facility", "FS", 0)],
        ),
        (
            "test-market",
            15,
            &[("mkt-strat", "FS", 0), ("init-prod", "FS", 0)],
        ),
        (
            "marketing",
            0,
            &[("mkt-strat", "FS", 0), ("init-prod", "FS", 0)],
        ),
        ("evaluate", 10, &[("init-prod", "FS", 0)]),
        (
            "changes",
            5,
            &[("evaluate", "FS", 0), ("test-market", "FS", 0)],
        ),
        ("production", 0, &[("changes", "FS", 0)]),
    ];
    let (forum, schedule) = run(
        ACTIVITIES,
        date("2003-12-01"),
        date("2004-03-08"),
        "weekdays",
        json!({"weekdays": {"weekdays": ["mon", "tue", "wed", "thu", "fri"]}}),
    );
    // task, E_START, E_FINISH, L_START, L_FINISH, T_FLOAT, F_FLOAT.
    #[rustfmt::skip]
    const ROWS: &[(&str, &str, &str, &str, &str, i64, i64)] = &[
        ("approve-plan", "2003-12-01", "2003-12-05", "2003-12-01", "2003-12-05", 0, 0),
        ("drawings", "2003-12-08", "2003-12-19", "2003-12-08", "2003-12-19", 0, 0),
        ("study-market", "2003-12-08", "2003-12-12", "2004-01-19", "2004-01-23", 30, 0),
        ("write-specs", "2003-12-08", "2003-12-12", "2003-12-15", "2003-12-19", 5, 5),
        ("prototype", "2003-12-22", "2004-01-09", "2003-12-22", "2004-01-09", 0, 0),
        ("mkt-strat", "2003-12-15", "2003-12-26", "2004-01-26", "2004-02-06", 30, 30),
        ("materials", "2004-01-12", "2004-01-23", "2004-01-12", "2004-01-23", 0, 0),
        ("facility", "2004-01-12", "2004-01-23", "2004-01-12", "2004-01-23", 0, 0),
        ("init-prod", "2004-01-26", "2004-02-06", "2004-01-26", "2004-02-06", 0, 0),
        ("evaluate", "2004-02-09", "2004-02-20", "2004-02-16", "2004-02-27", 5, 5),
    ];
    for &(id, es, ef, ls, lf, tf, ff) in ROWS {
        check_dates(
            &forum,
            &schedule,
            id,
            [date(es), date(ef), date(ls), date(lf)],
            tf,
            ff,
        );
    }
}
