//! `forumplan export --format docx`: the status report as a Word document
//! in the Vietnamese administrative format, read back from its zip
//! container with an independent XML reader (quick-xml), never through
//! the writer that made it.

mod common;

use std::io::Read;
use std::path::Path;

use common::{assert_report_snapshot, forumplan, root, succeed, transcript};
use quick_xml::events::{BytesStart, Event};

const PLAN: &str = "fixtures/vesf-2022/plan.json";

/// One run of text and how it is set.
#[derive(Debug, Clone, Default)]
struct Run {
    text: String,
    bold: bool,
    italic: bool,
    underline: bool,
    /// Half-points, when the run sets it.
    size: Option<u32>,
}

/// One paragraph: its runs, its alignment, and whether it sits in a table
/// (and in which row and cell).
#[derive(Debug, Clone, Default)]
struct Paragraph {
    runs: Vec<Run>,
    align: Option<String>,
    /// (table, row, cell) counted from 0 through the document.
    cell: Option<(usize, usize, usize)>,
}

impl Paragraph {
    fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }
}

/// What `word/document.xml` says, as the tests look at it.
#[derive(Debug, Default)]
struct Document {
    paragraphs: Vec<Paragraph>,
    /// Tables with borders, by the number of their rows.
    tables: Vec<(bool, usize)>,
    /// The attributes of `w:pgSz` and `w:pgMar`.
    page_size: Vec<(String, String)>,
    page_margins: Vec<(String, String)>,
    /// The cell fills (`w:shd w:fill`).
    fills: Vec<String>,
}

impl Document {
    /// Every paragraph's text outside tables, and each table row as
    /// `| cell | cell |`, one per line: the document as a reader reads it.
    fn text(&self) -> String {
        let mut lines: Vec<String> = Vec::new();
        let mut row: Option<((usize, usize), Vec<String>)> = None;
        let flush = |row: &mut Option<((usize, usize), Vec<String>)>, lines: &mut Vec<String>| {
            if let Some((_, cells)) = row.take() {
                lines.push(format!("| {} |", cells.join(" | ")));
            }
        };
        for p in &self.paragraphs {
            match p.cell {
                None => {
                    flush(&mut row, &mut lines);
                    lines.push(p.text());
                }
                Some((table, r, cell)) => {
                    if row.as_ref().is_some_and(|(at, _)| *at != (table, r)) {
                        flush(&mut row, &mut lines);
                    }
                    let (_, cells) = row.get_or_insert(((table, r), Vec::new()));
                    if cells.len() <= cell {
                        cells.resize(cell + 1, String::new());
                    }
                    let text = p.text();
                    if !text.is_empty() {
                        if !cells[cell].is_empty() {
                            cells[cell].push_str(" / ");
                        }
                        cells[cell].push_str(&text);
                    }
                }
            }
        }
        flush(&mut row, &mut lines);
        lines.join("\n") + "\n"
    }

    fn paragraph(&self, text: &str) -> &Paragraph {
        self.paragraphs
            .iter()
            .find(|p| p.text() == text)
            .unwrap_or_else(|| panic!("no paragraph {text:?} in\n{}", self.text()))
    }
}

fn attributes(element: &BytesStart<'_>) -> Vec<(String, String)> {
    element
        .attributes()
        .map(|a| {
            let a = a.expect("attribute");
            (
                a.key.as_ref().to_owned(),
                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .expect("attribute value")
                    .into_owned(),
            )
        })
        .collect()
}

fn attribute(element: &BytesStart<'_>, name: &str) -> Option<String> {
    attributes(element)
        .into_iter()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value)
}

/// A toggle property (`w:b`, `w:i`) is on unless its `w:val` says false.
fn on(element: &BytesStart<'_>) -> bool {
    !matches!(attribute(element, "w:val").as_deref(), Some("false" | "0"))
}

/// Reads `word/document.xml` with quick-xml; a malformed document fails.
fn read_document(xml: &str) -> Document {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut doc = Document::default();
    let mut paragraph: Option<Paragraph> = None;
    let mut run: Option<Run> = None;
    let mut in_text = false;
    let mut in_run_properties = false;
    // The tables open (row and cell counters), and the next table's index.
    let mut tables: Vec<(usize, Option<usize>, Option<usize>)> = Vec::new();
    let mut next_table = 0;
    let mut borders = false;
    loop {
        let event = reader.read_event().expect("well-formed document.xml");
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                match e.name().as_ref() {
                    "w:tbl" => {
                        tables.push((next_table, None, None));
                        doc.tables.push((false, 0));
                        next_table += 1;
                    }
                    "w:tblBorders" => borders = true,
                    "w:top" | "w:insideH"
                        if borders
                            && attribute(e, "w:val").is_some_and(|v| v != "nil" && v != "none") =>
                    {
                        if let Some((t, _, _)) = tables.last() {
                            doc.tables[*t].0 = true;
                        }
                    }
                    "w:tr" => {
                        if let Some((t, row, cell)) = tables.last_mut() {
                            *row = Some(row.map_or(0, |r| r + 1));
                            *cell = None;
                            doc.tables[*t].1 += 1;
                        }
                    }
                    "w:tc" => {
                        if let Some((_, _, cell)) = tables.last_mut() {
                            *cell = Some(cell.map_or(0, |c| c + 1));
                        }
                    }
                    "w:p" => {
                        let cell = tables
                            .last()
                            .map(|&(t, r, c)| (t, r.expect("row"), c.expect("cell")));
                        let p = Paragraph {
                            cell,
                            ..Paragraph::default()
                        };
                        if empty {
                            doc.paragraphs.push(p);
                        } else {
                            paragraph = Some(p);
                        }
                    }
                    "w:jc" => {
                        if let (Some(p), None) = (paragraph.as_mut(), run.as_ref()) {
                            p.align = attribute(e, "w:val");
                        }
                    }
                    "w:r" if !empty => run = Some(Run::default()),
                    "w:rPr" if run.is_some() => in_run_properties = !empty,
                    "w:b" if in_run_properties => run.as_mut().expect("run").bold = on(e),
                    "w:i" if in_run_properties => run.as_mut().expect("run").italic = on(e),
                    "w:u" if in_run_properties => {
                        run.as_mut().expect("run").underline =
                            attribute(e, "w:val").is_some_and(|v| v != "none");
                    }
                    "w:sz" if in_run_properties => {
                        run.as_mut().expect("run").size =
                            attribute(e, "w:val").and_then(|v| v.parse().ok());
                    }
                    "w:t" if !empty => in_text = true,
                    "w:tab" if run.is_some() => run.as_mut().expect("run").text.push('\t'),
                    "w:shd" => doc.fills.extend(attribute(e, "w:fill")),
                    "w:pgSz" => doc.page_size = attributes(e),
                    "w:pgMar" => doc.page_margins = attributes(e),
                    _ => {}
                }
            }
            Event::Text(t) if in_text => {
                run.as_mut().expect("run").text.push_str(&t.xml10_content());
            }
            Event::GeneralRef(r) if in_text => {
                let c = match r.resolve_char_ref().expect("character reference") {
                    Some(c) => c,
                    None => match &*r {
                        "amp" => '&',
                        "lt" => '<',
                        "gt" => '>',
                        "quot" => '"',
                        "apos" => '\'',
                        other => panic!("unknown entity &{other};"),
                    },
                };
                run.as_mut().expect("run").text.push(c);
            }
            Event::End(e) => match e.name().as_ref() {
                "w:t" => in_text = false,
                "w:rPr" => in_run_properties = false,
                "w:r" => {
                    if let (Some(p), Some(r)) = (paragraph.as_mut(), run.take()) {
                        p.runs.push(r);
                    }
                }
                "w:p" => doc.paragraphs.extend(paragraph.take()),
                "w:tblBorders" => borders = false,
                "w:tbl" => {
                    tables.pop();
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    doc
}

/// The parts of the `.docx` zip named, as text.
fn parts(docx: &Path, names: &[&str]) -> Vec<String> {
    let file = std::fs::File::open(docx).expect("docx written");
    let mut zip = zip::ZipArchive::new(file).expect("a zip container");
    names
        .iter()
        .map(|name| {
            let mut text = String::new();
            zip.by_name(name)
                .unwrap_or_else(|_| panic!("{name} in the docx"))
                .read_to_string(&mut text)
                .expect("UTF-8 part");
            text
        })
        .collect()
}

/// `forumplan [--lang L] export PLAN --format docx --as-of DAY -o FILE`
/// and more arguments, read back.
fn export_with(plan: &str, lang: &str, day: &str, dir: &Path, more: &[&str]) -> (Document, String) {
    let out = dir.join(format!("report-{lang}.docx"));
    let mut args = vec![
        "--lang",
        lang,
        "export",
        plan,
        "--format",
        "docx",
        "--as-of",
        day,
        "-o",
        out.to_str().expect("UTF-8 path"),
    ];
    args.extend_from_slice(more);
    succeed(&args);
    let [document, styles] =
        <[String; 2]>::try_from(parts(&out, &["word/document.xml", "word/styles.xml"]))
            .expect("two parts");
    (read_document(&document), styles)
}

/// The whole forum's report.
fn export(plan: &str, lang: &str, day: &str, dir: &Path) -> (Document, String) {
    export_with(plan, lang, day, dir, &[])
}

#[test]
fn the_vietnamese_report_is_an_a4_administrative_document() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let (doc, styles) = export(PLAN, "vi", "2022-09-13", dir.path());

    // A4, margins within the decree's ranges (twips: 1 mm ≈ 56.7).
    let size: Vec<(&str, &str)> = doc
        .page_size
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert!(
        size.contains(&("w:w", "11906")) && size.contains(&("w:h", "16838")),
        "{size:?}"
    );
    let margin = |side: &str| -> f64 {
        let twips: f64 = doc
            .page_margins
            .iter()
            .find(|(k, _)| k == side)
            .and_then(|(_, v)| v.parse().ok())
            .unwrap_or_else(|| panic!("w:pgMar {side}"));
        twips * 25.4 / 1440.0
    };
    for (side, range) in [
        ("w:top", 20.0..=25.0),
        ("w:bottom", 20.0..=25.0),
        ("w:left", 30.0..=35.0),
        ("w:right", 15.0..=20.0),
    ] {
        let mm = margin(side);
        assert!(range.contains(&(mm.round())), "{side}: {mm} mm");
    }

    // Times New Roman everywhere, 14 pt body text by default.
    assert!(
        styles.contains(r#"w:ascii="Times New Roman""#)
            && styles.contains(r#"w:hAnsi="Times New Roman""#),
        "{styles}"
    );
    assert!(
        styles.contains(r#"<w:sz w:val="28" />"#) || styles.contains(r#"<w:sz w:val="28"/>"#),
        "{styles}"
    );

    // The national heading: a borderless two-column table, the issuing
    // unit on the left, the country and its motto on the right.
    let heading = &doc.paragraphs[..6];
    assert!(
        heading
            .iter()
            .all(|p| p.cell.is_some_and(|(t, r, _)| t == 0 && r == 0))
    );
    assert_eq!(doc.tables[0], (false, 1));
    let nation = doc.paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    assert_eq!(nation.cell, Some((0, 0, 1)));
    assert!(nation.runs.iter().all(|r| r.bold));
    let motto = doc.paragraph("Độc lập - Tự do - Hạnh phúc");
    assert_eq!(motto.cell, Some((0, 0, 1)));
    assert!(motto.runs.iter().all(|r| r.bold && r.underline));
    let unit = doc.paragraph("BAN TỔ CHỨC");
    assert_eq!(unit.cell, Some((0, 0, 0)));
    assert!(
        doc.paragraph("DIỄN ĐÀN KINH TẾ - XÃ HỘI VIỆT NAM 2022")
            .runs[0]
            .bold
    );
    // The place (the venue's city) and the date, in italics.
    let date = doc.paragraph("Hà Nội, ngày 13 tháng 9 năm 2022");
    assert!(date.runs.iter().all(|r| r.italic));

    // The title, centred and bold.
    let title = doc.paragraph("BÁO CÁO");
    assert_eq!(title.align.as_deref(), Some("center"));
    assert!(title.runs[0].bold && title.cell.is_none());
    doc.paragraph("Tiến độ chuẩn bị Diễn đàn Kinh tế - Xã hội Việt Nam 2022");

    // Numbered sections, I. to VIII., in the report's order.
    let sections: Vec<String> = doc
        .paragraphs
        .iter()
        .filter(|p| p.cell.is_none() && p.runs.first().is_some_and(|r| r.bold))
        .map(Paragraph::text)
        .filter(|t| {
            t.split_once(". ")
                .is_some_and(|(n, _)| n.chars().all(|c| "IVX".contains(c)))
        })
        .collect();
    assert_eq!(
        sections,
        [
            "I. TÌNH HÌNH CHUNG",
            "II. CÁC MẢNG CÔNG VIỆC",
            "III. VIỆC CHẬM TIẾN ĐỘ VÀ VƯỚNG MẮC",
            "IV. ĐƯỜNG GĂNG",
            "V. PHẢI BẮT ĐẦU HÔM NAY",
            "VI. SẮP ĐẾN HẠN",
            "VII. PHỐI HỢP GIỮA CÁC MẢNG",
            "VIII. THAY ĐỔI SO VỚI NGÀY 12/09/2022",
        ]
    );

    // Real tables with borders: the workstreams (a header and six rows,
    // each coloured), and the task lists.
    let ruled: Vec<usize> = doc.tables.iter().filter(|t| t.0).map(|t| t.1).collect();
    assert!(ruled.len() >= 4, "{:?}", doc.tables);
    assert_eq!(ruled[0], 7);
    for fill in ["FDECEA", "FFF4DC", "E8F5E9"] {
        assert!(
            doc.fills.iter().any(|f| f.eq_ignore_ascii_case(fill)),
            "{fill}: {:?}",
            doc.fills
        );
    }

    // The recipients (12 pt, bold italic heading; 11 pt list) at the
    // bottom left, the signer at the bottom right, borderless.
    let recipients = doc.paragraph("Nơi nhận:");
    let (table, _, cell) = recipients.cell.expect("in the closing table");
    assert_eq!(cell, 0);
    assert_eq!(table, doc.tables.len() - 1);
    assert!(!doc.tables[table].0);
    let r = &recipients.runs[0];
    assert!(r.bold && r.italic && r.size == Some(24), "{r:?}");
    let economy = doc.paragraph("- Vụ Kinh tế;");
    assert_eq!(economy.runs[0].size, Some(22));
    doc.paragraph("- Lưu: VT, BTC.");
    let signer = doc.paragraph("TRƯỞNG BAN");
    assert_eq!(signer.cell, Some((table, 0, 1)));
    assert!(signer.runs[0].bold);

    assert_report_snapshot("export-docx-vesf-2022-2022-09-13.vi.txt", &doc.text());
}

#[test]
fn the_english_report_has_the_same_layout_in_english() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let (doc, _) = export(PLAN, "en", "2022-09-13", dir.path());
    doc.paragraph("SOCIALIST REPUBLIC OF VIET NAM");
    doc.paragraph("Independence - Freedom - Happiness");
    doc.paragraph("Hà Nội, 13 September 2022");
    doc.paragraph("REPORT");
    doc.paragraph("I. GENERAL SITUATION");
    let recipients = doc.paragraph("Recipients:");
    assert!(recipients.runs[0].bold && recipients.runs[0].italic);
    assert_report_snapshot("export-docx-vesf-2022-2022-09-13.en.txt", &doc.text());
}

#[test]
fn user_text_is_escaped_and_control_characters_dropped() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let mut plan: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root().join(PLAN)).expect("plan"))
            .expect("JSON");
    let tricky = "Hậu cần <b>&amp; \"kỹ thuật\"\u{1}\u{7}\u{1b}[31m\tlần 2\n</w:t>";
    plan["workstreams"][2]["name"] = tricky.into();
    plan["workstreams"][2]["lead"] = "Cục <Quản trị> & \"Tài vụ\"".into();
    plan["forum"]["name"] = "Diễn đàn <2022> & \"Hội nghị\"".into();
    let copy = dir.path().join("plan.json");
    std::fs::copy(
        root().join("fixtures/vesf-2022/plan.journal.jsonl"),
        dir.path().join("plan.journal.jsonl"),
    )
    .expect("journal copy");
    std::fs::write(&copy, serde_json::to_string(&plan).expect("JSON")).expect("plan copy");
    let copy = copy.to_str().expect("UTF-8 path");
    let check = forumplan(&["validate", copy]);
    assert_eq!(check.status.code(), Some(0), "{}", transcript(&check));

    let (doc, _) = export(copy, "vi", "2022-09-13", dir.path());
    let text = doc.text();
    // Line breaks and tabs are spaces, other control characters dropped;
    // the markup characters are text, not markup.
    assert!(
        text.contains(
            "| 3 | Hậu cần <b>&amp; \"kỹ thuật\"[31m lần 2 </w:t> | Cục <Quản trị> & \"Tài vụ\" |"
        ),
        "{text}"
    );
    doc.paragraph("Tiến độ chuẩn bị Diễn đàn <2022> & \"Hội nghị\"");
    doc.paragraph("DIỄN ĐÀN <2022> & \"HỘI NGHỊ\"");
    doc.paragraph("- Cục <Quản trị> & \"Tài vụ\";");
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "{text:?}"
    );
}

#[test]
fn the_report_goes_to_stdout_and_never_over_the_plan() {
    let stdout = succeed(&["export", PLAN, "--format", "docx", "--as-of", "2022-09-13"]);
    assert!(stdout.stdout.starts_with(b"PK\x03\x04"), "a zip container");
    let refused = forumplan(&["export", PLAN, "--format", "docx", "-o", PLAN]);
    assert_eq!(refused.status.code(), Some(1), "{}", transcript(&refused));
}

#[test]
fn a_department_gets_its_own_report() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let (doc, _) = export_with(
        PLAN,
        "vi",
        "2022-09-13",
        dir.path(),
        &["--workstream", "logistics"],
    );
    doc.paragraph("Báo cáo riêng cho mảng: Hậu cần, kỹ thuật hạ tầng");
    let text = doc.text();
    // Its one workstream row, its own late work, its lead as the recipient.
    assert!(
        text.contains("| 1 | Hậu cần, kỹ thuật hạ tầng | Cục Quản trị | Đỏ |"),
        "{text}"
    );
    assert!(!text.contains("| Nội dung, tài liệu |"), "{text}");
    assert!(
        text.contains("| Nơi nhận: / - Cục Quản trị; / - Lưu: VT, BTC. |"),
        "{text}"
    );
    let unknown = forumplan(&[
        "export",
        PLAN,
        "--format",
        "docx",
        "--workstream",
        "catering",
    ]);
    assert_eq!(unknown.status.code(), Some(1), "{}", transcript(&unknown));
    assert!(unknown.stdout.is_empty());
}
