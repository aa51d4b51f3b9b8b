//! End-to-end tests of `forumplan export --format xlsx|ics` (and the
//! `--workstream` cut of every format): each file is read back by readers
//! that are not forumplan's — calamine for the workbook's cells, the zip's
//! own XML (through quick-xml) for its styles, panes, filters and print
//! setup, the `icalendar` crate's parser for the calendar — and compared
//! with the status report's JSON form of the same day.

mod common;

use std::collections::{BTreeMap, HashMap};
use std::io::Read;

use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;
use common::{forumplan, succeed, transcript};
use quick_xml::events::Event;

const VESF: &str = "fixtures/vesf-2022/plan.json";
const PROVINCIAL: &str = "fixtures/provincial-forum/plan.toml";
const AS_OF: &str = "2022-09-13";

/// The day each plan is exported as of: five days before the 2022 forum;
/// a morning in the provincial forum's last weeks.
fn as_of(plan: &str) -> &'static str {
    if plan == PROVINCIAL {
        "2023-09-12"
    } else {
        AS_OF
    }
}

/// `forumplan export PLAN --format FORMAT --as-of AS_OF` and more, its stdout.
fn export(plan: &str, format: &str, more: &[&str]) -> Vec<u8> {
    let mut args = vec!["export", plan, "--format", format, "--as-of", as_of(plan)];
    args.extend_from_slice(more);
    succeed(&args).stdout
}

/// The status report's JSON form for the same day (the oracle).
fn status_json(plan: &str, more: &[&str]) -> serde_json::Value {
    let mut args = vec!["status", plan, "--format", "json", "--as-of", as_of(plan)];
    args.extend_from_slice(more);
    serde_json::from_slice(&succeed(&args).stdout).expect("JSON")
}

fn day(value: &serde_json::Value) -> NaiveDate {
    value.as_str().and_then(|s| s.parse().ok()).expect("a date")
}

// ---------------------------------------------------------------- xlsx

/// One part of the workbook's zip, as text.
fn part(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut text = String::new();
    archive
        .by_name(name)
        .expect("part")
        .read_to_string(&mut text)
        .expect("UTF-8");
    text
}

/// An element's attributes by name.
fn attributes(e: &quick_xml::events::BytesStart<'_>) -> HashMap<String, String> {
    e.attributes()
        .map(|a| {
            let a = a.expect("attribute");
            (
                a.key.into_inner().to_owned(),
                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .expect("value")
                    .into_owned(),
            )
        })
        .collect()
}

/// Every start or empty element of `xml`, with its attributes and the
/// names of the elements it is in.
fn elements(xml: &str) -> Vec<(Vec<String>, String, HashMap<String, String>)> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut path: Vec<String> = Vec::new();
    let mut out = Vec::new();
    loop {
        match reader.read_event().expect("XML") {
            Event::Start(e) => {
                let name = e.name().into_inner().to_owned();
                out.push((path.clone(), name.clone(), attributes(&e)));
                path.push(name);
            }
            Event::Empty(e) => {
                let name = e.name().into_inner().to_owned();
                out.push((path.clone(), name, attributes(&e)));
            }
            Event::End(_) => {
                path.pop();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

/// What a cell style shows: its number format and its fill colour.
#[derive(Debug, Clone, Default)]
struct Look {
    format: Option<String>,
    fill: Option<String>,
}

/// The workbook's cell styles, by index (`styles.xml`).
fn looks(bytes: &[u8]) -> Vec<Look> {
    let xml = part(bytes, "xl/styles.xml");
    let mut formats: HashMap<String, String> = HashMap::new();
    let mut fills: Vec<Option<String>> = Vec::new();
    let mut xfs: Vec<(String, usize)> = Vec::new();
    for (path, name, attrs) in elements(&xml) {
        let inside = |parent: &str| path.last().is_some_and(|p| p == parent);
        match name.as_str() {
            "numFmt" => {
                formats.insert(attrs["numFmtId"].clone(), attrs["formatCode"].clone());
            }
            "fill" => fills.push(None),
            "fgColor" if path.iter().any(|p| p == "fill") => {
                if let (Some(last), Some(rgb)) = (fills.last_mut(), attrs.get("rgb")) {
                    *last = Some(rgb.clone());
                }
            }
            "xf" if inside("cellXfs") => xfs.push((
                attrs.get("numFmtId").cloned().unwrap_or_default(),
                attrs
                    .get("fillId")
                    .and_then(|f| f.parse().ok())
                    .unwrap_or(0),
            )),
            _ => {}
        }
    }
    xfs.into_iter()
        .map(|(format, fill)| Look {
            format: formats.get(&format).cloned(),
            fill: fills.get(fill).cloned().flatten(),
        })
        .collect()
}

/// What a sheet's XML says besides its cells: the frozen pane, the filter,
/// the page setup; and each cell's style index.
#[derive(Debug, Default)]
struct SheetXml {
    frozen_rows: Option<String>,
    autofilter: Option<String>,
    page: String,
    styles: HashMap<String, usize>,
}

fn sheet_xml(bytes: &[u8], n: usize) -> SheetXml {
    // rust_xlsxwriter names the parts in sheet order, as Excel does.
    let xml = part(bytes, &format!("xl/worksheets/sheet{}.xml", n + 1));
    let mut sheet = SheetXml::default();
    for (_, name, attrs) in elements(&xml) {
        match name.as_str() {
            "pane" if attrs.get("state").is_some_and(|s| s == "frozen") => {
                sheet.frozen_rows = attrs.get("ySplit").cloned();
            }
            "autoFilter" => sheet.autofilter = attrs.get("ref").cloned(),
            "pageSetup" => {
                sheet.page = format!(
                    "paper {} {} fitToHeight {}",
                    attrs.get("paperSize").map_or("-", String::as_str),
                    attrs.get("orientation").map_or("-", String::as_str),
                    attrs.get("fitToHeight").map_or("-", String::as_str),
                );
            }
            "pageSetUpPr" if attrs.get("fitToPage").is_some_and(|f| f == "1") => {
                sheet.page.insert_str(0, "fit to page, ");
            }
            "c" => {
                if let Some(s) = attrs.get("s").and_then(|s| s.parse().ok()) {
                    sheet.styles.insert(attrs["r"].clone(), s);
                }
            }
            _ => {}
        }
    }
    sheet
}

/// `A1` for row 0, column 0.
fn cell_ref(row: u32, col: u32) -> String {
    let mut letters = String::new();
    let mut n = col + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.insert(0, char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    format!("{letters}{}", row + 1)
}

/// A workbook read back: calamine's cells and the XML's looks.
struct Workbook {
    bytes: Vec<u8>,
    names: Vec<String>,
    sheets: Vec<calamine::Range<Data>>,
    looks: Vec<Look>,
    print_titles: BTreeMap<String, String>,
}

impl Workbook {
    fn read(bytes: Vec<u8>) -> Workbook {
        let mut xlsx: Xlsx<_> =
            Xlsx::new(std::io::Cursor::new(bytes.clone())).expect("calamine opens it");
        let names = xlsx.sheet_names();
        let sheets = names
            .iter()
            .map(|n| xlsx.worksheet_range(n).expect("sheet"))
            .collect();
        let workbook = part(&bytes, "xl/workbook.xml");
        let mut print_titles = BTreeMap::new();
        let mut reader = quick_xml::Reader::from_str(&workbook);
        let mut current: Option<String> = None;
        loop {
            match reader.read_event().expect("XML") {
                Event::Start(e) if e.name().into_inner() == "definedName" => {
                    let attrs = attributes(&e);
                    current = (attrs["name"] == "_xlnm.Print_Titles")
                        .then(|| attrs["localSheetId"].clone());
                }
                Event::Text(t) => {
                    if let Some(sheet) = current.take() {
                        print_titles.insert(sheet, t.xml10_content().into_owned());
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        let looks = looks(&bytes);
        Workbook {
            bytes,
            names,
            sheets,
            looks,
            print_titles,
        }
    }

    fn look(&self, sheet: &SheetXml, row: u32, col: u32) -> Look {
        sheet
            .styles
            .get(&cell_ref(row, col))
            .and_then(|&s| self.looks.get(s).cloned())
            .unwrap_or_default()
    }

    /// A text summary: per sheet its settings, then the cells of its first
    /// `rows` rows and its last, each with its number format and fill.
    fn summary(&self, rows: usize) -> String {
        let mut out = String::new();
        for (n, (name, range)) in self.names.iter().zip(&self.sheets).enumerate() {
            let xml = sheet_xml(&self.bytes, n);
            out.push_str(&format!(
                "== {name} ({} rows)\nfrozen rows: {:?} · filter: {:?} · {} · print titles: {:?}\n",
                range.height(),
                xml.frozen_rows,
                xml.autofilter,
                xml.page,
                self.print_titles.get(&n.to_string()),
            ));
            let height = range.height();
            for (r, row) in range.rows().enumerate() {
                // The overview is short: all of it.
                if n > 0 && r >= rows && r + 1 != height {
                    if r == rows {
                        out.push_str("…\n");
                    }
                    continue;
                }
                let (start_row, start_col) = range.start().unwrap_or((0, 0));
                let cells: Vec<String> = row
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| !matches!(c, Data::Empty))
                    .map(|(c, cell)| {
                        let (row, col) = (start_row + r as u32, start_col + c as u32);
                        let look = self.look(&xml, row, col);
                        let value = match cell {
                            Data::DateTime(d) => {
                                format!("{}", d.as_datetime().expect("date").date())
                            }
                            Data::String(s) => format!("{s:?}"),
                            other => other.to_string(),
                        };
                        let mut text = format!("{}={value}", cell_ref(row, col));
                        if let Some(format) = look.format {
                            text.push_str(&format!(" {{{format}}}"));
                        }
                        if let Some(fill) = look.fill {
                            text.push_str(&format!(" [{fill}]"));
                        }
                        text
                    })
                    .collect();
                out.push_str(&cells.join(" | "));
                out.push('\n');
            }
        }
        out
    }
}

#[test]
fn the_morning_workbook_reads_back_with_real_dates_fills_and_print_setup() {
    let bytes = export(VESF, "xlsx", &[]);
    // The same morning gives the same bytes (nothing reads the clock).
    assert_eq!(bytes, export(VESF, "xlsx", &[]));
    let book = Workbook::read(bytes);
    assert_eq!(
        book.names,
        ["Tổng quan", "Danh sách công việc", "Đường găng", "Thay đổi"]
    );
    insta::assert_snapshot!("export_xlsx_vi", book.summary(6));

    // Every task of the status report, with its dates as real date cells
    // formatted dd/mm/yyyy, its float as a number and its readiness filled.
    let status = status_json(VESF, &[]);
    let tasks = status["tasks"].as_array().expect("tasks");
    let sheet = &book.sheets[1];
    let xml = sheet_xml(&book.bytes, 1);
    assert_eq!(xml.frozen_rows.as_deref(), Some("1"));
    assert_eq!(sheet.height(), tasks.len() + 1);
    let red = Some("FFFDECEA".to_owned());
    let mut late = 0;
    for (n, task) in tasks.iter().enumerate() {
        let row = n as u32 + 1;
        let cell = |col: u32| sheet.get_value((row, col)).cloned().unwrap_or(Data::Empty);
        assert_eq!(
            cell(0),
            Data::String(task["id"].as_str().expect("id").into())
        );
        for (col, field) in [(5, "early_start"), (6, "early_finish"), (7, "late_finish")] {
            let Data::DateTime(date) = cell(col) else {
                panic!(
                    "{field} of {} is not a date cell: {:?}",
                    task["id"],
                    cell(col)
                );
            };
            assert_eq!(date.as_datetime().expect("date").date(), day(&task[field]));
            assert_eq!(
                book.look(&xml, row, col).format.as_deref(),
                Some("dd/mm/yyyy")
            );
        }
        match task["total_float"].as_i64() {
            Some(float) => assert_eq!(cell(8), Data::Float(float as f64)),
            None => assert_eq!(cell(8), Data::Empty),
        }
        if task["readiness"] == "late" {
            late += 1;
            assert_eq!(book.look(&xml, row, 9).fill, red, "{}", task["id"]);
        }
    }
    assert!(late > 0, "the 2022 fixture has late tasks on {AS_OF}");

    // The overview colours each workstream as the report does.
    let overview = &book.sheets[0];
    let overview_xml = sheet_xml(&book.bytes, 0);
    let fill = |rag: &str| match rag {
        "green" => "FFE8F5E9",
        "amber" => "FFFFF4DC",
        _ => "FFFDECEA",
    };
    for workstream in status["workstreams"].as_array().expect("workstreams") {
        let name = workstream["name"].as_str().expect("name");
        let (row, _, _) = overview
            .cells()
            .find(|(_, c, v)| *c == 0 && *v == &Data::String(name.into()))
            .expect("a row per workstream");
        let (start, _) = overview.start().expect("cells");
        let look = book.look(&overview_xml, start + row as u32, 2);
        assert_eq!(
            look.fill.as_deref(),
            Some(fill(workstream["rag"].as_str().expect("rag")))
        );
    }
}

#[test]
fn the_workbook_in_english_has_english_sheets_and_iso_dates() {
    let book = Workbook::read(export(PROVINCIAL, "xlsx", &["--lang", "en"]));
    assert_eq!(
        book.names,
        ["Overview", "Tasks", "Critical path", "Changes"]
    );
    insta::assert_snapshot!("export_xlsx_en_provincial", book.summary(4));
}

#[test]
fn one_department_gets_its_own_workbook() {
    let status = status_json(VESF, &["--workstream", "logistics"]);
    let book = Workbook::read(export(VESF, "xlsx", &["--workstream", "logistics"]));
    let ids: Vec<String> = book.sheets[1]
        .rows()
        .skip(1)
        .map(|row| row[0].to_string())
        .collect();
    let expected: Vec<String> = status["tasks"]
        .as_array()
        .expect("tasks")
        .iter()
        .map(|t| t["id"].as_str().expect("id").to_owned())
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(ids, expected);
}

// ----------------------------------------------------------------- ics

/// The calendar's components: (kind, UID, property → value), parsed by the
/// `icalendar` crate.
fn calendar(text: &str) -> Vec<(String, String, BTreeMap<String, String>)> {
    let unfolded = icalendar::parser::unfold(text);
    let parsed = icalendar::parser::read_calendar(&unfolded).expect("a valid calendar");
    parsed
        .components
        .iter()
        .find(|c| c.name.as_str() == "VCALENDAR")
        .map_or(&parsed.components, |c| &c.components)
        .iter()
        .map(|c| {
            let props: BTreeMap<String, String> = c
                .properties
                .iter()
                .map(|p| (p.name.as_str().to_owned(), p.val.as_str().to_owned()))
                .collect();
            (c.name.as_str().to_owned(), props["UID"].clone(), props)
        })
        .collect()
}

/// Every physical line ends with CRLF and holds at most 75 octets.
fn assert_folded(text: &str) {
    assert!(text.ends_with("\r\n"));
    for line in text.split_terminator("\r\n") {
        assert!(!line.contains('\n') && !line.contains('\r'), "{line:?}");
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
    }
}

/// The plan's `due` of each task, read from the plan file.
fn dues(plan: &str) -> HashMap<String, Option<String>> {
    let plan: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(common::root().join(plan)).expect("plan"))
            .expect("JSON");
    plan["tasks"]
        .as_array()
        .expect("tasks")
        .iter()
        .map(|t| {
            (
                t["id"].as_str().expect("id").to_owned(),
                t["due"].as_str().map(str::to_owned),
            )
        })
        .collect()
}

/// A plan's date: `YYYY-MM-DD`, or `T-10` / `T+21` calendar days from the event.
fn plan_day(text: &str, event: NaiveDate) -> NaiveDate {
    match text.strip_prefix('T') {
        Some(offset) => event + chrono::Duration::days(offset.parse().expect("T±N")),
        None => text.parse().expect("a date"),
    }
}

#[test]
fn the_calendar_has_the_event_day_deadlines_and_milestones_with_stable_uids() {
    let bytes = export(VESF, "ics", &[]);
    let text = String::from_utf8(bytes).expect("UTF-8");
    assert_folded(&text);
    let components = calendar(&text);
    let status = status_json(VESF, &[]);
    let tasks = status["tasks"].as_array().expect("tasks");
    let dues = dues(VESF);

    let event_day = day(&status["forum"]["date"]);
    // The event day, all day.
    let event = components
        .iter()
        .find(|(_, uid, _)| uid == "event@vesf-2022")
        .expect("the event day");
    assert_eq!(event.0, "VEVENT");
    assert_eq!(event.2["DTSTART"], "20220918");
    assert_eq!(event.2["DTEND"], "20220919");

    // One VTODO per unfinished task of work, due its `due` (a plain date
    // in this plan) or its late finish; a VEVENT per milestone.
    let mut todos = 0;
    for task in tasks {
        let id = task["id"].as_str().expect("id");
        let uid = format!("{id}@vesf-2022");
        let found = components.iter().find(|(_, u, _)| *u == uid);
        let state = task["state"].as_str().expect("state");
        let milestone = task["duration"] == 0;
        match found {
            Some((kind, _, props)) if kind == "VTODO" => {
                todos += 1;
                assert!(!milestone && state != "done" && state != "cancelled");
                let due = dues[id]
                    .as_deref()
                    .map_or_else(|| day(&task["late_finish"]), |d| plan_day(d, event_day));
                assert_eq!(props["DUE"], due.format("%Y%m%d").to_string(), "{id}");
                // The parser takes the TEXT escapes off: the name comes back whole.
                assert_eq!(props["SUMMARY"], task["name"].as_str().expect("name"));
            }
            Some((kind, _, props)) => {
                assert_eq!(kind, "VEVENT");
                assert!(milestone, "{id}");
                let on = task["actual_finish"]
                    .as_str()
                    .map_or_else(|| day(&task["early_finish"]), |d| d.parse().expect("day"));
                assert_eq!(props["DTSTART"], on.format("%Y%m%d").to_string());
            }
            None => assert!(
                state == "done" && !milestone || state == "cancelled",
                "{id} ({state}) is missing"
            ),
        }
    }
    assert!(todos > 10);

    // UIDs do not depend on the day: a calendar re-subscribing the next
    // morning updates the same entries.
    let next_day = String::from_utf8(
        succeed(&["export", VESF, "--format", "ics", "--as-of", "2022-09-14"]).stdout,
    )
    .expect("UTF-8");
    let uids = |components: &[(String, String, BTreeMap<String, String>)]| {
        components
            .iter()
            .map(|(_, uid, _)| uid.clone())
            .collect::<std::collections::BTreeSet<_>>()
    };
    let later = calendar(&next_day);
    assert!(uids(&later).is_subset(&uids(&components)));
    assert!(uids(&later).len() > uids(&components).len() / 2);
}

#[test]
fn one_department_gets_its_own_calendar() {
    let text = String::from_utf8(export(VESF, "ics", &["--workstream", "media"])).expect("UTF-8");
    assert_folded(&text);
    insta::assert_snapshot!("export_ics_media", text.replace("\r\n", "⏎\n"));
    let status = status_json(VESF, &["--workstream", "media"]);
    let mine: std::collections::BTreeSet<String> = status["tasks"]
        .as_array()
        .expect("tasks")
        .iter()
        .map(|t| format!("{}@vesf-2022", t["id"].as_str().expect("id")))
        .collect();
    for (_, uid, _) in calendar(&text) {
        assert!(uid == "event@vesf-2022" || mine.contains(&uid), "{uid}");
    }
}

#[test]
fn the_provincial_calendar_in_english() {
    let text = String::from_utf8(export(PROVINCIAL, "ics", &["--lang", "en"])).expect("UTF-8");
    assert_folded(&text);
    calendar(&text);
    insta::assert_snapshot!("export_ics_provincial_en", text.replace("\r\n", "⏎\n"));
}

// ----------------------------------------------------- every format

#[test]
fn an_unknown_workstream_is_refused_naming_the_known_ones() {
    for format in ["xlsx", "ics", "mspdi"] {
        let output = forumplan(&[
            "--lang",
            "en",
            "export",
            VESF,
            "--format",
            format,
            "--workstream",
            "catering",
        ]);
        assert_eq!(output.status.code(), Some(1), "{}", transcript(&output));
        assert!(output.stdout.is_empty());
        insta::assert_snapshot!("export_unknown_workstream", transcript(&output));
    }
}

#[test]
fn exports_never_write_over_the_plan_or_its_journal() {
    for format in ["xlsx", "ics"] {
        for target in [VESF, "fixtures/vesf-2022/plan.journal.jsonl"] {
            let before = std::fs::read(common::root().join(target)).expect("file");
            let output = forumplan(&[
                "--lang", "en", "export", VESF, "--format", format, "-o", target,
            ]);
            assert_eq!(output.status.code(), Some(1), "{}", transcript(&output));
            assert_eq!(
                std::fs::read(common::root().join(target)).expect("file"),
                before
            );
        }
    }
    // A broken plan: its located diagnostics, nothing written.
    let dir = tempfile::tempdir().expect("folder");
    let out = dir.path().join("out.xlsx");
    let output = forumplan(&[
        "--lang",
        "en",
        "export",
        "fixtures/invalid/bad-weekday-name.json",
        "--format",
        "xlsx",
        "-o",
        out.to_str().expect("path"),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(transcript(&output).contains("bad-weekday-name.json:"));
    assert!(!out.exists());
}

#[test]
fn one_departments_ms_project_file_keeps_outside_links_as_constraints() {
    let dir = tempfile::tempdir().expect("folder");
    let xml = dir.path().join("media.xml");
    succeed(&[
        "export",
        VESF,
        "--format",
        "mspdi",
        "--as-of",
        AS_OF,
        "--workstream",
        "media",
        "-o",
        xml.to_str().expect("path"),
    ]);
    let back = dir.path().join("media.json");
    let output = forumplan(&[
        "--lang",
        "en",
        "import",
        xml.to_str().expect("path"),
        "-o",
        back.to_str().expect("path"),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));
    let plan: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&back).expect("plan")).expect("JSON");
    let status = status_json(VESF, &["--workstream", "media"]);
    let expected = status["tasks"].as_array().expect("tasks");
    let tasks = plan["tasks"].as_array().expect("tasks");
    assert_eq!(tasks.len(), expected.len());
    // A task waiting on another department's work starts no earlier than
    // the day the whole forum's schedule gives it.
    let original: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(common::root().join(VESF)).expect("plan"))
            .expect("JSON");
    let media: std::collections::BTreeSet<&str> =
        tasks.iter().filter_map(|t| t["id"].as_str()).collect();
    let mut constrained = 0;
    for task in original["tasks"].as_array().expect("tasks") {
        let id = task["id"].as_str().expect("id");
        if !media.contains(id) {
            continue;
        }
        let outside = task["after"].as_array().is_some_and(|after| {
            after.iter().any(|link| {
                let p = link
                    .as_str()
                    .or_else(|| link["task"].as_str())
                    .unwrap_or("event");
                p != "event" && !media.contains(p)
            })
        });
        if outside && task.get("fixed_start").is_none() {
            constrained += 1;
            let row = expected.iter().find(|t| t["id"] == id).expect("row");
            let imported = tasks.iter().find(|t| t["id"] == id).expect("imported");
            assert!(
                day(&imported["not_before"]) >= day(&row["early_start"]),
                "{id}: {imported}"
            );
        }
    }
    assert!(constrained > 0, "media waits on other workstreams");
}

#[test]
fn exported_files_on_stdout_equal_the_written_ones() {
    let dir = tempfile::tempdir().expect("folder");
    for format in ["xlsx", "ics"] {
        let file = dir.path().join(format!("out.{format}"));
        succeed(&[
            "export",
            PROVINCIAL,
            "--format",
            format,
            "--as-of",
            as_of(PROVINCIAL),
            "-o",
            file.to_str().expect("path"),
        ]);
        assert_eq!(
            std::fs::read(&file).expect("written"),
            export(PROVINCIAL, format, &[])
        );
    }
}

#[test]
fn user_text_stays_text_in_the_workbook_and_comes_back_whole_from_the_calendar() {
    // The starter plan, its first task renamed with what a formula, a TEXT
    // value's separators and a line break would make of it.
    let dir = tempfile::tempdir().expect("folder");
    let plan = dir.path().join("plan.json");
    let plan_path = plan.to_str().expect("path");
    succeed(&["init", plan_path, "--date", "2027-09-18", "--allow-past"]);
    let mut value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&plan).expect("plan")).expect("JSON");
    let name = "=SUM(A1:A9), \"Hội nghị\"; C:\\tài liệu\ndòng hai — ".repeat(3);
    value["tasks"][0]["name"] = name.clone().into();
    let id = value["tasks"][0]["id"].as_str().expect("id").to_owned();
    std::fs::write(&plan, serde_json::to_string(&value).expect("JSON")).expect("written");
    let run = |format: &str| {
        succeed(&[
            "export",
            plan_path,
            "--format",
            format,
            "--as-of",
            "2027-06-01",
        ])
        .stdout
    };

    let book = Workbook::read(run("xlsx"));
    let row = book.sheets[1]
        .rows()
        .find(|row| row[0] == Data::String(id.clone()))
        .expect("the task's row");
    assert_eq!(row[2], Data::String(name.clone()));

    let text = String::from_utf8(run("ics")).expect("UTF-8");
    assert_folded(&text);
    let todo = calendar(&text)
        .into_iter()
        .find(|(_, uid, _)| uid.starts_with(&format!("{id}@")))
        .expect("the task's to-do");
    // The parser undoes every escape: `\\`, `\;`, `\,` and `\n`.
    assert_eq!(todo.2["SUMMARY"], name);
}

#[test]
fn after_the_event_the_workbook_says_why_it_has_no_critical_path() {
    let book = Workbook::read(
        succeed(&["export", VESF, "--format", "xlsx", "--as-of", "2022-09-25"]).stdout,
    );
    let critical = &book.sheets[2];
    let texts: Vec<String> = critical
        .rows()
        .skip(1)
        .flat_map(|row| row.iter().map(ToString::to_string))
        .filter(|cell| !cell.is_empty())
        .collect();
    assert_eq!(
        texts,
        ["Diễn đàn đã diễn ra: công tác chuẩn bị không còn đường găng."]
    );
}

#[test]
fn a_text_over_excels_cell_limit_is_refused_with_the_way_out_and_nothing_written() {
    let dir = tempfile::tempdir().expect("folder");
    let plan = dir.path().join("plan.json");
    let plan_path = plan.to_str().expect("path");
    succeed(&["init", plan_path, "--date", "2027-09-18", "--allow-past"]);
    let mut value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&plan).expect("plan")).expect("JSON");
    // One character more than an Excel cell holds.
    value["tasks"][0]["name"] = "a".repeat(32_768).into();
    std::fs::write(&plan, serde_json::to_string(&value).expect("JSON")).expect("written");
    let book = dir.path().join("book.xlsx");
    let output = forumplan(&[
        "--lang",
        "en",
        "export",
        plan_path,
        "--format",
        "xlsx",
        "--as-of",
        "2027-06-01",
        "-o",
        book.to_str().expect("path"),
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", transcript(&output));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("the workbook cannot be written"),
        "{stderr}"
    );
    assert!(stderr.contains("32,767 characters a cell"), "{stderr}");
    assert!(!book.exists(), "nothing written");
    // The other formats have no such limit.
    succeed(&[
        "export",
        plan_path,
        "--format",
        "ics",
        "--as-of",
        "2027-06-01",
    ]);
}
