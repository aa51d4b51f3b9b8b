//! The HTML status report: self-contained, well-formed, one Gantt bar per
//! task, in the right language; and, where Chromium is installed, opened
//! in a real headless browser (no console errors, one bar per task in the
//! rendered DOM, a screenshot).

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use chrono::NaiveDate;
use forumplan_core::journal::{TaskState, parse_journal};
use forumplan_core::{Format, load_plan};
use forumplan_reporter::i18n::Lang;
use forumplan_reporter::status::{StatusFormat, StatusInput, StatusReport};

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
    let plan = std::fs::read(fixture("plan.json")).unwrap();
    let forum = load_plan(&plan, Format::Json)
        .expect("the fixture loads")
        .forum;
    let journal = parse_journal(&std::fs::read_to_string(fixture("plan.journal.jsonl")).unwrap());
    let assess = |day: NaiveDate| {
        let schedule = forumplan_scheduler::schedule(&forum, &journal.replay(day), day).unwrap();
        let assessment = forumplan_scheduler::assess(&forum, &schedule);
        (schedule, assessment)
    };
    let (schedule, assessment) = assess(as_of);
    let (_, before) = assess(as_of - chrono::Days::new(1));
    let changes = forumplan_scheduler::compare(&before, &assessment);
    StatusReport::new(StatusInput {
        forum: &forum,
        schedule: &schedule,
        assessment: &assessment,
        changes: &changes,
    })
}

fn html(report: &StatusReport, lang: Lang) -> String {
    let mut out = Vec::new();
    report.render(StatusFormat::Html, lang, &mut out).unwrap();
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
        assert!(page.contains("@page { size: A4; margin: 12mm; }"));
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
            assert!(!page.contains(fetcher), "`{fetcher}` in the page");
        }
        assert!(
            page.replace("url(#", "").find("url(").is_none(),
            "only same-page url(#…) references"
        );
    }
}

#[test]
fn the_gantt_chart_has_one_bar_per_task() {
    let report = report(day("2022-09-13"));
    let page = html(&report, Lang::Vi);
    assert_eq!(page.matches(r#"class="bar"#).count(), report.tasks.len());
    let milestones = report.tasks.iter().filter(|t| t.duration == 0).count();
    assert!(milestones > 0);
    assert_eq!(
        page.matches(r#"<polygon class="bar milestone"#).count(),
        milestones
    );
    assert_eq!(
        page.matches(r#"<rect class="bar"#).count(),
        report.tasks.len() - milestones
    );
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
    assert_eq!(
        page.matches(r#"class="today""#).count(),
        report.workstreams.len()
    );
    assert_eq!(
        page.matches(r#"class="event-day""#).count(),
        report.workstreams.len()
    );
    let unfinished = report
        .tasks
        .iter()
        .filter(|t| !matches!(t.state, TaskState::Done | TaskState::Cancelled))
        .count();
    assert_eq!(page.matches(r#"class="late-marker""#).count(), unfinished);
    assert!(page.matches(r#"class="progress""#).count() > 0);
    // Every task's full name and id are in its tooltip.
    for t in &report.tasks {
        let tooltip = format!("<title>{} ({})", escape(&t.name), escape(&t.id));
        assert!(page.contains(&tooltip), "no tooltip for {}", t.id);
    }
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

/// `chromium`, if installed: `/usr/bin/chromium`, else on `PATH`.
fn chromium() -> Option<PathBuf> {
    let fixed = PathBuf::from("/usr/bin/chromium");
    if fixed.is_file() {
        return Some(fixed);
    }
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join("chromium"))
        .find(|path| path.is_file())
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
fn run_chromium(chromium: &Path, work: &Path, page: &Path, extra: &[String]) -> (String, String) {
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
        .arg(format!("file://{}", page.display()))
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
        assert!(
            std::env::var_os("CI").is_none(),
            "chromium is not installed, and CI is set: the browser test cannot be skipped (install it: apt-get install chromium)"
        );
        #[allow(clippy::print_stderr)]
        {
            eprintln!(
                "note: chromium is not installed; skipping the browser test (apt-get install chromium)"
            );
        }
        return;
    };
    let report = report(day("2022-09-13"));
    let work = fresh_dir("html-test");
    let page = work.join("status.html");
    std::fs::write(&page, html(&report, Lang::Vi)).unwrap();

    let shot = work.join("shot.png");
    let (_, log) = run_chromium(
        &chromium,
        &work,
        &page,
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

    let (dom, log) = run_chromium(&chromium, &work, &page, &["--dump-dom".to_owned()]);
    assert_eq!(
        console_problems(&log),
        Vec::<&str>::new(),
        "console errors while loading the page"
    );
    assert!(dom.contains("<svg"), "the DOM was dumped");
    assert_eq!(
        dom.matches(r#"class="bar"#).count(),
        report.tasks.len(),
        "one bar per task in the rendered DOM"
    );
    let _ = std::fs::remove_dir_all(&work);
}
