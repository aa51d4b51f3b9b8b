//! The HTML status report: self-contained, well-formed, one Gantt bar per
//! task, in the right language; and, where Chromium is installed, opened
//! in a real headless browser (no console errors, one bar per task in the
//! rendered DOM, a screenshot).

#![allow(
    clippy::disallowed_methods,
    reason = "tests read fixture files; the library itself does no I/O"
)]

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use chrono::NaiveDate;
use forumplan_core::journal::{TaskState, parse_journal};
use forumplan_core::{Format, load_plan};
use forumplan_reporter::i18n::Lang;
use forumplan_reporter::status::{ListLimit, Section, StatusFormat, StatusInput, StatusReport};
use forumplan_scheduler::baseline::{compare_baseline, take_baseline};

#[path = "../../../tests/common/tools.rs"]
mod tools;
use tools::installed;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/vesf-2022")
        .join(name)
}

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// The status report of the 2022 forum as of `as_of`, with the changes
/// since the day before, built the way `forumplan status` builds it.
fn report(as_of: NaiveDate) -> StatusReport {
    report_against(as_of, None)
}

/// [`report`], measured against the baseline taken as of `baseline_day`
/// when there is one.
fn report_against(as_of: NaiveDate, baseline_day: Option<NaiveDate>) -> StatusReport {
    let plan = std::fs::read(fixture("plan.json")).unwrap();
    let forum = load_plan(&plan, Format::Json)
        .expect("the fixture loads")
        .forum;
    let journal = parse_journal(&std::fs::read_to_string(fixture("plan.journal.jsonl")).unwrap());
    let assess = |day: NaiveDate| {
        let schedule =
            forumplan_scheduler::schedule(&forum, &journal.replay(&forum, day), day).unwrap();
        let assessment = forumplan_scheduler::assess(&forum, &schedule);
        (schedule, assessment)
    };
    let (schedule, assessment) = assess(as_of);
    let (_, before) = assess(as_of - chrono::Days::new(1));
    let changes = forumplan_scheduler::compare(&before, &assessment);
    let comparison = baseline_day.map(|day| {
        let baseline = take_baseline(&forum, &assess(day).0, "approved");
        compare_baseline(&forum, &schedule, &baseline)
    });
    StatusReport::new(StatusInput {
        forum: &forum,
        schedule: &schedule,
        assessment: &assessment,
        changes: &changes,
        baseline: comparison.as_ref(),
    })
}

fn html(report: &StatusReport, lang: Lang) -> String {
    let mut out = Vec::new();
    report
        .render(StatusFormat::Html, lang, ListLimit::Worst(50), &mut out)
        .unwrap();
    String::from_utf8(out).unwrap()
}

/// `text` as the page writes it.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// Elements that have no end tag in HTML.
const VOID: &[&str] = &["meta", "br", "hr", "img", "input", "link", "col", "wbr"];

/// Checks that every element is closed, in order (the contents of `<style>`
/// are skipped); returns the first problem.
fn check_balanced(page: &str) -> Result<(), String> {
    let mut open: Vec<String> = Vec::new();
    let mut rest = page;
    while let Some(at) = rest.find('<') {
        rest = &rest[at..];
        if rest.starts_with("<!") {
            rest = &rest[rest.find('>').ok_or("unclosed <!")? + 1..];
            continue;
        }
        let end = rest.find('>').ok_or("a tag is not closed with `>`")?;
        let tag = &rest[1..end];
        rest = &rest[end + 1..];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if name.is_empty() {
            return Err(format!("a raw `<` in text: `<{tag}>`"));
        }
        if let Some(closing) = tag.strip_prefix('/') {
            let closing = closing.trim();
            match open.pop() {
                Some(last) if last == closing => {}
                last => return Err(format!("`</{closing}>` closes {last:?}")),
            }
        } else if !tag.ends_with('/') && !VOID.contains(&name.as_str()) {
            if name == "style" {
                rest = &rest[rest.find("</style>").ok_or("unclosed <style>")?..];
            }
            open.push(name);
        }
    }
    if open.is_empty() {
        Ok(())
    } else {
        Err(format!("never closed: {open:?}"))
    }
}

#[test]
fn the_page_is_self_contained_and_well_formed() {
    let report = report(day("2022-09-13"));
    for lang in [Lang::Vi, Lang::En] {
        let page = html(&report, lang);
        assert!(page.starts_with("<!DOCTYPE html>"));
        check_balanced(&page).unwrap_or_else(|problem| panic!("{lang:?}: {problem}"));
        assert_eq!(page.matches("<svg").count(), page.matches("</svg>").count());
        assert!(
            page.matches("<svg").count() >= report.workstreams.len() + 2,
            "a Gantt per workstream and two charts"
        );
        for leftover in ["{{", "}}", "{%", "%}", "{#"] {
            assert!(
                !page.contains(leftover),
                "template syntax `{leftover}` left in the page"
            );
        }
        assert!(page.contains(r#"<meta charset="utf-8">"#));
        assert!(
            page.contains(
                r#"<meta name="viewport" content="width=device-width, initial-scale=1">"#
            )
        );
        assert!(page.contains("@page { size: A4;"));
        assert!(
            page.contains("counter(page)") && page.contains("counter(pages)"),
            "printed pages are numbered"
        );
        assert!(page.contains("print-color-adjust: exact"));
        // Nothing is fetched: no address but the SVG namespace, no scripts,
        // style sheets, images or fonts from elsewhere.
        let without_namespace = page.replace("http://www.w3.org/2000/svg", "");
        assert!(!without_namespace.contains("http://") && !without_namespace.contains("https://"));
        assert!(
            !without_namespace.contains("//"),
            "no protocol-relative address"
        );
        for fetcher in [
            "<script",
            "<link",
            "<img",
            "<iframe",
            "@import",
            "@font-face",
            "src=",
            "href=",
        ] {
            // In-page links (`href="#gantt"`) fetch nothing.
            let outside = page.replace(r##"href="#"##, "");
            assert!(!outside.contains(fetcher), "`{fetcher}` in the page");
        }
        assert!(
            page.replace("url(#", "").find("url(").is_none(),
            "only same-page url(#…) references"
        );
    }
}

/// The numbers N of the lines "✓ N tasks finished before …" of the Gantt.
fn folded_counts(page: &str) -> Vec<usize> {
    page.split(r#"class="folded""#)
        .skip(1)
        .map(|rest| {
            let text = &rest[rest.find("✓ ").unwrap() + "✓ ".len()..];
            text[..text.find(' ').unwrap()].parse().unwrap()
        })
        .collect()
}

#[test]
fn the_gantt_chart_has_one_bar_per_task_or_folds_it() {
    let report = report(day("2022-09-13"));
    let page = html(&report, Lang::Vi);
    // Work finished before the window is folded into one line per
    // workstream; every other task has its bar.
    let folded = folded_counts(&page);
    assert!(
        !folded.is_empty() && folded.len() <= report.workstreams.len(),
        "at most one folded line per workstream: {folded:?}"
    );
    let bars = page.matches(r#"class="bar"#).count();
    assert_eq!(bars + folded.iter().sum::<usize>(), report.tasks.len());
    assert!(
        bars < report.tasks.len() / 2,
        "the finished past is folded: {bars} bars"
    );
    assert!(page.matches(r#"<polygon class="bar milestone"#).count() > 0);
    let critical = report
        .tasks
        .iter()
        .filter(|t| t.critical && t.state != TaskState::Cancelled)
        .count();
    assert!(critical > 0);
    assert_eq!(
        page.matches(r#"class="bar critical"#).count()
            + page.matches(r#"class="bar milestone critical"#).count(),
        critical
    );
    // The critical path's chart comes first, then one per workstream.
    let charts = report.workstreams.len() + 1;
    assert_eq!(page.matches(r#"class="today""#).count(), charts);
    assert_eq!(page.matches(r#"class="event-day""#).count(), charts);
    let unfinished: Vec<_> = report
        .tasks
        .iter()
        .filter(|t| !matches!(t.state, TaskState::Done | TaskState::Cancelled))
        .collect();
    // (The critical path's chart, first, draws its tasks a second time.)
    let second_chart = page
        .match_indices(r#"<svg class="gantt""#)
        .nth(1)
        .unwrap()
        .0;
    let markers = page[second_chart..]
        .matches(r#"class="late-marker""#)
        .count();
    assert!(
        markers <= unfinished.len()
            && markers
                >= unfinished
                    .iter()
                    .filter(
                        |t| t.late_finish >= t.early_finish && t.late_finish <= report.forum.date
                    )
                    .count(),
        "a late-finish marker for each unfinished task whose late finish is in view: {markers}"
    );
    assert!(page.matches(r#"class="progress""#).count() > 0);
    // Every unfinished task's full name and id are in its tooltip.
    for t in unfinished {
        let tooltip = format!("<title>{} ({})", escape(&t.name), escape(&t.id));
        assert!(page.contains(&tooltip), "no tooltip for {}", t.id);
    }
    // The critical path's chart links its tasks with arrows.
    let steps: std::collections::HashSet<&str> = report
        .critical_paths
        .iter()
        .flatten()
        .map(|t| t.id.as_str())
        .collect();
    assert!(steps.len() > 1);
    assert_eq!(page.matches(r#"class="path-bar"#).count(), steps.len());
    // One arrow per link of the critical path, however many chains it
    // lies on.
    let links: std::collections::BTreeSet<(&str, &str)> = report
        .critical_paths
        .iter()
        .flat_map(|chain| chain.windows(2))
        .map(|pair| (pair[0].id.as_str(), pair[1].id.as_str()))
        .collect();
    assert_eq!(page.matches(r#"class="dependency""#).count(), links.len());
}

#[test]
fn the_gantt_starts_a_little_before_today_and_ends_with_the_work() {
    let report = report(day("2022-09-13"));
    let page = html(&report, Lang::En);
    // The first tick is within two weeks before today, not in June when
    // the plan starts; the folded line says since when.
    assert!(!page.contains(">06-") && !page.contains(">07-"));
    assert!(page.contains("tasks finished before 2022-09-"));
}

#[test]
fn the_first_page_is_a_summary_that_needs_no_other() {
    let report = report(day("2022-09-13"));
    let page = html(&report, Lang::Vi);
    let start = page.find(r#"<div class="summary">"#).expect("the summary");
    let actions = page
        .find(r#"<section class="actions">"#)
        .expect("its actions");
    let summary = &page[start..actions + page[actions..].find("</div>").unwrap()];
    for part in [
        "Còn 5 ngày (T-5)",
        "Các mảng công việc",
        "Việc cần xử lý trong tuần",
        "streaming-contract",
    ] {
        assert!(summary.contains(part), "the summary lacks `{part}`");
    }
    assert!(page.contains(".summary { break-after: page; }"));
    // A phone reader jumps from the summary to the chart.
    assert!(summary.contains(r##"<a href="#gantt">"##) && page.contains(r#"id="gantt""#));
}

#[test]
fn vietnamese_uses_vietnamese_labels_and_dates() {
    let report = report(day("2022-09-13"));
    let page = html(&report, Lang::Vi);
    assert!(page.contains(r#"<html lang="vi">"#));
    for label in [
        "Báo cáo tiến độ chuẩn bị",
        "Các mảng công việc",
        "Đường găng",
        "Phối hợp giữa các mảng",
        "Biểu đồ tiến độ",
    ] {
        assert!(page.contains(label), "missing `{label}`");
    }
    assert!(page.contains("Còn 5 ngày (T-5)"));
    assert!(page.contains("18/09/2022") && page.contains("13/09/2022"));
    assert!(page.contains("Thay đổi so với ngày 12/09/2022"));
    assert!(!page.contains("2022-09-18") && !page.contains("2022-09-13"));
    assert!(!page.contains("Critical path") && !page.contains("Workstreams"));
}

#[test]
fn english_uses_english_labels_and_iso_dates() {
    let report = report(day("2022-09-13"));
    let page = html(&report, Lang::En);
    assert!(page.contains(r#"<html lang="en">"#));
    for label in [
        "Preparation status",
        "Workstreams",
        "Critical path",
        "Handoffs between workstreams",
        "Gantt chart",
    ] {
        assert!(page.contains(label), "missing `{label}`");
    }
    assert!(page.contains("5 days left (T-5)"));
    assert!(page.contains("2022-09-18") && page.contains("2022-09-13"));
    assert!(page.contains("Changes since 2022-09-12"));
    assert!(!page.contains("18/09/2022") && !page.contains("13/09/2022"));
    assert!(!page.contains("Đường găng"));
}

#[test]
fn names_are_escaped_everywhere() {
    let mut report = report(day("2022-09-13"));
    let hostile = r#"<script>alert("x")</script> & 'Co'"#;
    report.forum.name = hostile.to_owned();
    report.workstreams[0].name = hostile.to_owned();
    report.tasks[0].name = hostile.to_owned();
    if let Some(step) = report.critical_path.first_mut() {
        step.task.name = hostile.to_owned();
    }
    let page = html(&report, Lang::Vi);
    assert!(
        !page.contains("<script"),
        "markup from the plan reached the page"
    );
    assert!(page.contains("&lt;script&gt;"));
    check_balanced(&page).unwrap();
}

/// A plan of one chain of `n` one-day tasks before an event in 2030.
fn chain_plan(n: usize) -> Vec<u8> {
    let tasks: Vec<String> = (0..n)
        .map(|i| {
            let after = if i == 0 {
                String::new()
            } else {
                format!(r#", "after": ["t{}"]"#, i - 1)
            };
            format!(r#"{{"id": "t{i}", "workstream": "w", "name": "Step {i}", "duration": "1d"{after}}}"#)
        })
        .collect();
    format!(
        r#"{{"forum": {{"id": "chain", "name": "Chain", "date": "2030-06-03"}},
"workstreams": [{{"id": "w", "name": "Work"}}],
"tasks": [{}]}}"#,
        tasks.join(",\n")
    )
    .into_bytes()
}

/// The status report of a plan with no journal as of `as_of`.
fn fresh_report(plan: &[u8], as_of: NaiveDate) -> StatusReport {
    let forum = load_plan(plan, Format::Json).expect("the plan loads").forum;
    let journal = parse_journal("");
    let schedule =
        forumplan_scheduler::schedule(&forum, &journal.replay(&forum, as_of), as_of).unwrap();
    let assessment = forumplan_scheduler::assess(&forum, &schedule);
    let changes = forumplan_scheduler::compare(&assessment, &assessment);
    StatusReport::new(StatusInput {
        forum: &forum,
        schedule: &schedule,
        assessment: &assessment,
        changes: &changes,
        baseline: None,
    })
}

#[test]
fn the_page_grows_with_the_work_not_with_the_calendar() {
    // A chain of 1,000 tasks spans four years: the page stays small.
    let chain = fresh_report(&chain_plan(1000), day("2026-01-05"));
    let page = html(&chain, Lang::Vi);
    assert!(page.len() < 250_000, "{} bytes for a chain", page.len());
    assert_eq!(
        page.matches(r#"class="bar"#).count(),
        50,
        "the worst 50 drawn"
    );
    assert!(page.contains("… 950 việc khác không vẽ"));
    // Every task, on request: still about a kilobyte a task.
    let mut all = Vec::new();
    chain
        .render(StatusFormat::Html, Lang::Vi, ListLimit::All, &mut all)
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&all)
            .matches(r#"class="bar"#)
            .count(),
        1000
    );
    assert!(all.len() < 2_500_000, "{} bytes for --all", all.len());
    // An as-of day far after the event: everything before it is folded.
    let far = report(day("9999-12-31"));
    let page = html(&far, Lang::Vi);
    assert!(page.len() < 250_000, "{} bytes at 9999-12-31", page.len());
    // Every chart (one per workstream; after the event no critical path
    // chart) has the same few week lines.
    let charts = page.matches(r#"<svg class="gantt""#).count();
    let weeks = page.matches(r#"<line class="week""#).count();
    assert!(charts >= far.workstreams.len());
    assert_eq!(weeks % charts, 0);
    assert!(weeks <= 16 * charts);
}

#[test]
fn the_json_form_holds_every_section_and_nothing_else() {
    // The other formats match `Section` exhaustively; the JSON form is the
    // report's serialization, so its members are checked against it here.
    let mut out = Vec::new();
    // With a baseline, so that the slippage section (absent without one) is there.
    report_against(day("2022-09-13"), Some(day("2022-08-01")))
        .render(StatusFormat::Json, Lang::En, ListLimit::Worst(50), &mut out)
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let mut members: Vec<&str> = json
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut sections: Vec<&str> = Section::ALL
        .iter()
        .flat_map(|s| s.json_members().iter().copied())
        .collect();
    members.sort_unstable();
    sections.sort_unstable();
    assert_eq!(members, sections);
}

/// Chromium, for the tests that open the page in a real browser.
fn chromium() -> Option<PathBuf> {
    installed("chromium", "chromium")
}

/// A fresh, empty directory under the system's temporary directory.
fn fresh_dir(what: &str) -> PathBuf {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let dir = std::env::temp_dir().join(format!("forumplan-{what}-{}-{nanos}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs headless Chromium on `page` with `extra` arguments; returns its
/// stdout and stderr. Panics if it fails or takes more than two minutes.
fn run_chromium(chromium: &Path, work: &Path, url: &str, extra: &[String]) -> (String, String) {
    let profile = fresh_dir("chromium-profile");
    let mut child = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(url)
        .current_dir(work)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("chromium starts");
    // Read both pipes on their own threads so that a full pipe never stalls it.
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stdout.read_to_string(&mut text);
        text
    });
    let err = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });
    let deadline = Instant::now() + Duration::from_secs(120);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("chromium took more than two minutes");
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let (out, err) = (out.join().unwrap(), err.join().unwrap());
    let _ = std::fs::remove_dir_all(&profile);
    assert!(status.success(), "chromium failed ({status}):\n{err}");
    (out, err)
}

/// Console messages (the page has no script, so any is a problem) and
/// failed loads in Chromium's log.
fn console_problems(log: &str) -> Vec<&str> {
    log.lines()
        .filter(|line| {
            line.contains("CONSOLE") || line.contains("Uncaught") || line.contains("net::ERR_")
        })
        .collect()
}

#[test]
fn the_page_opens_in_a_headless_browser() {
    let Some(chromium) = chromium() else {
        return;
    };
    let report = report(day("2022-09-13"));
    let work = fresh_dir("html-test");
    let page = work.join("status.html");
    let written = html(&report, Lang::Vi);
    std::fs::write(&page, &written).unwrap();

    let url = format!("file://{}", page.display());
    let shot = work.join("shot.png");
    let (_, log) = run_chromium(
        &chromium,
        &work,
        &url,
        &[
            format!("--screenshot={}", shot.display()),
            "--window-size=1280,2400".to_owned(),
        ],
    );
    assert_eq!(
        console_problems(&log),
        Vec::<&str>::new(),
        "console errors while taking the screenshot"
    );
    let png = std::fs::read(&shot).expect("a screenshot was written");
    assert!(
        png.starts_with(b"\x89PNG\r\n\x1a\n") && png.len() > 10_000,
        "the screenshot is a real PNG"
    );

    let (dom, log) = run_chromium(&chromium, &work, &url, &["--dump-dom".to_owned()]);
    assert_eq!(
        console_problems(&log),
        Vec::<&str>::new(),
        "console errors while loading the page"
    );
    assert!(dom.contains("<svg"), "the DOM was dumped");
    assert_eq!(
        dom.matches(r#"class="bar"#).count(),
        written.matches(r#"class="bar"#).count(),
        "every bar of the page in the rendered DOM"
    );
    let _ = std::fs::remove_dir_all(&work);
}

/// A page that shows `page` (with `#fragment`) in a 390×844 frame, the
/// size of a phone's screen (a headless window is at least 500 wide), and
/// records where the first Gantt chart's today line is in that frame. The
/// script is the test's: the report itself has none.
fn phone_frame(page: &str) -> String {
    format!(
        r#"<!DOCTYPE html><html><body style="margin:0"><iframe id="phone" src="{page}" width="390" height="844" style="border:0"></iframe>
<script>
const frame = document.getElementById("phone");
frame.addEventListener("load", () => setTimeout(() => {{
  const w = frame.contentWindow, d = w.document;
  const line = d.querySelector("svg.gantt line.today").getBoundingClientRect();
  const box = d.querySelector(".chart-scroll").getBoundingClientRect();
  document.body.setAttribute("data-probe", [line.left, line.right, line.top, line.bottom,
    box.left, box.right, w.innerWidth, w.innerHeight].map(Math.round).join(","));
}}, 300));
</script></body></html>"#
    )
}

#[test]
fn on_a_phone_the_gantt_opens_with_today_in_view() {
    let Some(chromium) = chromium() else {
        return;
    };
    let report = report(day("2022-09-13"));
    let work = fresh_dir("phone-test");
    std::fs::write(work.join("status.html"), html(&report, Lang::Vi)).unwrap();
    // Opened at the chart (the link a message would carry) on a phone.
    let frame = work.join("phone.html");
    std::fs::write(&frame, phone_frame("status.html#gantt")).unwrap();
    let url = format!("file://{}", frame.display());
    let phone = "--window-size=500,900".to_owned();
    let shot = Path::new(env!("CARGO_TARGET_TMPDIR")).join("gantt-phone.png");
    run_chromium(
        &chromium,
        &work,
        &url,
        &[format!("--screenshot={}", shot.display()), phone.clone()],
    );
    assert!(std::fs::read(&shot).unwrap().starts_with(b"\x89PNG"));
    let (dom, _) = run_chromium(
        &chromium,
        &work,
        &url,
        &[
            "--dump-dom".to_owned(),
            "--virtual-time-budget=3000".to_owned(),
            "--allow-file-access-from-files".to_owned(),
            phone,
        ],
    );
    let probe = &dom[dom.find(r#"data-probe=""#).expect("the probe ran") + 12..];
    let numbers: Vec<f64> = probe[..probe.find('"').unwrap()]
        .split(',')
        .map(|n| n.parse().unwrap())
        .collect();
    let [left, right, top, bottom, box_left, box_right, width, height] = numbers[..] else {
        panic!("probe: {numbers:?}");
    };
    assert_eq!((width, height), (390.0, 844.0), "a phone's screen");
    assert!(
        left >= box_left && right <= box_right.min(width),
        "today's line ({left}–{right}) is inside the visible chart ({box_left}–{box_right}) without scrolling sideways"
    );
    assert!(
        top >= 0.0 && top < height && bottom > top,
        "today's line starts on the first screen: top {top}, screen {height}"
    );
    let _ = std::fs::remove_dir_all(&work);
}

#[test]
fn printed_the_first_page_is_the_summary_and_pages_are_numbered() {
    let Some(chromium) = chromium() else {
        return;
    };
    let report = report(day("2022-09-13"));
    let work = fresh_dir("print-test");
    let page = work.join("status.html");
    std::fs::write(&page, html(&report, Lang::Vi)).unwrap();
    let pdf = work.join("status.pdf");
    run_chromium(
        &chromium,
        &work,
        &format!("file://{}", page.display()),
        &[
            format!("--print-to-pdf={}", pdf.display()),
            "--no-pdf-header-footer".to_owned(),
        ],
    );
    let bytes = std::fs::read(&pdf).expect("a PDF was written");
    assert!(bytes.starts_with(b"%PDF-"));
    let pages = bytes
        .windows(12)
        .filter(|w| w.starts_with(b"/Type /Page") && w[11] != b's')
        .count();
    assert!(
        pages >= 3,
        "the summary, the sections, the Gantt: {pages} pages"
    );
    // Reading the text back needs poppler's pdftotext (CI installs it);
    // without it the check above is all this machine can do.
    if let Some(pdftotext) = installed("pdftotext", "poppler-utils") {
        let page_text = |n: usize| {
            let output = Command::new(&pdftotext)
                .args(["-f", &n.to_string(), "-l", &n.to_string()])
                .arg(&pdf)
                .arg("-")
                .output()
                .expect("pdftotext runs");
            String::from_utf8_lossy(&output.stdout).into_owned()
        };
        let first = page_text(1);
        for part in [
            "Diễn đàn Kinh tế - Xã hội Việt Nam 2022",
            "T-5",
            "Các mảng công việc",
            "Bảo đảm kinh phí",
            "Việc cần xử lý trong tuần",
            "streaming-contract",
            &format!("Trang 1 / {pages}"),
        ] {
            assert!(first.contains(part), "page one lacks `{part}`:\n{first}");
        }
        assert!(
            !first.contains("Việc chậm tiến độ") && !first.contains("Đường găng"),
            "the numbered sections start on page two:\n{first}"
        );
        assert!(page_text(2).contains(&format!("Trang 2 / {pages}")));
    }
    let _ = std::fs::remove_dir_all(&work);
}

#[test]
fn one_workstream_s_page_draws_only_its_tasks() {
    let mut report = report(day("2022-09-13"));
    let unknown = report
        .retain_workstreams(&["catering".to_owned()])
        .unwrap_err();
    assert_eq!(unknown.id, "catering");
    assert_eq!(
        unknown.known,
        [
            "content",
            "protocol",
            "logistics",
            "media",
            "security",
            "finance"
        ]
    );
    report
        .retain_workstreams(&["logistics".to_owned()])
        .unwrap();
    let page = html(&report, Lang::En);
    // The critical path's chart, then the one workstream's.
    assert_eq!(page.matches(r#"<svg class="gantt""#).count(), 2);
    assert!(page.contains("Report for the workstream: <b>Hậu cần, kỹ thuật hạ tầng</b>"));
    let bars = page.matches(r#"class="bar"#).count();
    assert_eq!(bars + folded_counts(&page).iter().sum::<usize>(), 25);
    assert!(report.tasks.iter().all(|t| t.workstream == "logistics"));
}
