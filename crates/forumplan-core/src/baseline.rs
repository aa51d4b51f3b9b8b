//! Baselines: the schedule as committed on a day, kept to measure slippage
//! against (`<plan stem>.baseline.json` beside the plan).
//!
//! A baseline file holds named baselines side by side, oldest first; the
//! last one is the latest, and the default. Each records, per task id, the
//! early start and finish the schedule gave as of its day, and the
//! forecast ready day. This module only reads and writes the file's bytes:
//! computing a baseline from a schedule is the scheduler's job, and the
//! file itself is the command line's.
//!
//! A file as this module writes it is read as plans are: serde straight
//! into the model, no spanned tree (which costs several bytes of memory
//! per byte of JSON: 110 MB for the baselines of a 100,000-task plan). A
//! file serde or the checks refuse is read again with the plans' spanned
//! JSON parser, so every problem in it is a located [`Diagnostic`] (all of
//! them at once), with the plans' codes (`syntax`, `wrong-type`,
//! `missing-field`…).

use chrono::NaiveDate;
use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize};

use crate::code::Code;
use crate::diagnostic::{Diagnostic, closest};
use crate::document::{Node, Value};
use crate::load::{Format, parse, utf8_text};
use crate::plan::{
    Converter, Id, deserialize_day, deserialize_optional_day, is_valid_id, unique_entries,
};

/// What every problem in a baseline file tells the user to do.
const REBUILD_HINT: &str =
    "fix the file by hand, or delete it and save a new baseline with `forumplan baseline`";

// The fields of the file, of one baseline, and of one task's dates.
const FILE_FIELDS: &[&str] = &["forum", "baselines"];
const BASELINE_FIELDS: &[&str] = &["name", "as_of", "forecast_ready", "tasks"];
const TASK_FIELDS: &[&str] = &["start", "finish"];

/// A baseline file: named baselines, oldest first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BaselineFile {
    /// The id of the forum the baselines were saved from: a plan measures
    /// itself only against the baselines of its own forum.
    pub forum: String,
    /// The baselines, in the order they were saved; the last is the latest.
    pub baselines: Vec<Baseline>,
}

/// The schedule of a forum as of one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// Its name (an id: lower-case letters, digits, `.`, `_`, `-`).
    pub name: String,
    /// The day the schedule was computed for.
    #[serde(deserialize_with = "deserialize_day")]
    pub as_of: NaiveDate,
    /// The forecast ready day then (`None`: no pre-event work was left).
    #[serde(default, deserialize_with = "deserialize_optional_day")]
    pub forecast_ready: Option<NaiveDate>,
    /// Each task's early start and finish, in plan order.
    #[serde(serialize_with = "tasks_as_map", deserialize_with = "tasks_from_map")]
    pub tasks: Vec<BaselineTask>,
}

/// One task's dates in a baseline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BaselineTask {
    /// The task's id.
    #[serde(skip)]
    pub id: Id,
    /// Its early start.
    pub start: NaiveDate,
    /// Its early finish.
    pub finish: NaiveDate,
}

/// Tasks are written as an object keyed by id, in plan order: the file
/// reads like the plan, and an id cannot appear twice unnoticed.
fn tasks_as_map<S: serde::Serializer>(tasks: &[BaselineTask], s: S) -> Result<S::Ok, S::Error> {
    let mut map = s.serialize_map(Some(tasks.len()))?;
    for task in tasks {
        map.serialize_entry(&task.id, task)?;
    }
    map.end()
}

/// The dates of one task as the file holds them (its id is the key).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TaskDates {
    #[serde(deserialize_with = "deserialize_day")]
    start: NaiveDate,
    #[serde(deserialize_with = "deserialize_day")]
    finish: NaiveDate,
}

/// The tasks object, in file order; a repeated id is refused (and the
/// spanned reader then says where).
fn tasks_from_map<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<BaselineTask>, D::Error> {
    let entries = unique_entries::<D, String, TaskDates>(d, "an object of task ids")?;
    Ok(entries
        .into_iter()
        .map(|(id, dates)| BaselineTask {
            id: id.into(),
            start: dates.start,
            finish: dates.finish,
        })
        .collect())
}

impl Baseline {
    /// Whether `name` can name a baseline: an id (lower-case letters,
    /// digits, `.`, `_`, `-`), as the file requires.
    pub fn is_valid_name(name: &str) -> bool {
        crate::plan::is_valid_id(name)
    }

    /// The dates of task `id`, if the baseline has it.
    pub fn task(&self, id: &str) -> Option<&BaselineTask> {
        self.tasks.iter().find(|t| t.id == id)
    }

    /// Each of `ids` (in order) with its baseline dates, looked up once
    /// through a map: for a report over every task of a large plan.
    pub fn tasks_for<'i>(
        &self,
        ids: impl IntoIterator<Item = &'i str>,
    ) -> Vec<Option<&BaselineTask>> {
        let index: foldhash::HashMap<&str, &BaselineTask> =
            self.tasks.iter().map(|t| (t.id.as_str(), t)).collect();
        ids.into_iter().map(|id| index.get(id).copied()).collect()
    }
}

impl BaselineFile {
    /// Whether the baselines were saved from the forum `id`: a plan is
    /// measured only against baselines of its own forum (another forum's
    /// task ids may match by chance and give meaningless variances).
    pub fn is_of_forum(&self, id: &str) -> bool {
        self.forum == id
    }

    /// The latest baseline (the default one), if any.
    pub fn latest(&self) -> Option<&Baseline> {
        self.baselines.last()
    }

    /// The baseline called `name`.
    pub fn named(&self, name: &str) -> Option<&Baseline> {
        self.baselines.iter().find(|b| b.name == name)
    }

    /// The names, oldest first.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.baselines.iter().map(|b| b.name.as_str())
    }

    /// The name closest to `name` (for a "did you mean" hint).
    pub fn closest_name(&self, name: &str) -> Option<&str> {
        closest(name, self.names())
    }

    /// Adds `baseline` as the latest; one of the same name is replaced.
    pub fn save(&mut self, baseline: Baseline) {
        self.baselines.retain(|b| b.name != baseline.name);
        self.baselines.push(baseline);
    }

    /// The file's bytes: pretty JSON ending in a newline.
    pub fn to_bytes(&self) -> Vec<u8> {
        // Serializing plain strings and dates into memory cannot fail.
        let mut bytes = serde_json::to_vec_pretty(self).unwrap_or_default();
        bytes.push(b'\n');
        bytes
    }

    /// Reads a baseline file's bytes. On failure, every problem in the
    /// file, located.
    pub fn parse(bytes: &[u8]) -> Result<BaselineFile, Vec<Diagnostic>> {
        let hint = "save the baseline file as UTF-8, or delete it and save a new baseline";
        let text = utf8_text(bytes, hint)?;
        if let Some(file) = read_fast(text) {
            return Ok(file);
        }
        read_spanned(text)
    }
}

/// Reads `text` through the spanned tree: on failure, every problem located.
fn read_spanned(text: &str) -> Result<BaselineFile, Vec<Diagnostic>> {
    let root = parse(text, Format::Json)?;
    let mut reader = Reader(Converter {
        diagnostics: Vec::new(),
    });
    let file = reader.file(&root);
    let mut problems = reader.0.diagnostics;
    if problems.is_empty() {
        return Ok(file);
    }
    for problem in &mut problems {
        problem.hint.get_or_insert_with(|| REBUILD_HINT.to_owned());
    }
    Err(problems)
}

/// The fast path: serde reads the text into the model, then the checks
/// serde's types do not make (names are ids, each name once). `None` when
/// anything is refused: the spanned reader then finds every problem, with
/// its place, as it would have without this path.
fn read_fast(text: &str) -> Option<BaselineFile> {
    let file: BaselineFile = serde_json::from_str(text).ok()?;
    let mut names = foldhash::HashSet::default();
    file.baselines
        .iter()
        .all(|b| is_valid_id(&b.name) && names.insert(b.name.as_str()))
        .then_some(file)
}

/// Reads the document tree with the plans' converter, which reports every
/// problem (unknown and repeated fields, wrong types, bad days) located.
struct Reader(Converter);

impl Reader {
    fn file(&mut self, root: &Value<'_>) -> BaselineFile {
        let mut file = BaselineFile::default();
        let Some(object) = self
            .0
            .object(root, "the baseline file", "baseline file", FILE_FIELDS)
        else {
            return file;
        };
        if let Some(forum) = self.0.required(object, "forum") {
            file.forum = self.0.string(forum, "forum").unwrap_or_default();
        }
        let Some(list) = self.0.required(object, "baselines") else {
            return file;
        };
        let Node::Array(items) = &list.node else {
            self.0.wrong_type(list, "an array", "baselines", None);
            return file;
        };
        for item in items {
            let Some(baseline) = self.baseline(item) else {
                continue;
            };
            if file.named(&baseline.name).is_some() {
                let span = item.member("name").map_or(item.span, |m| m.value.span);
                self.0.error(
                    Diagnostic::error(
                        Code::DuplicateId,
                        format!("two baselines are called `{}`", baseline.name),
                        span,
                    )
                    .with_label("second baseline of this name")
                    .with_hint(REBUILD_HINT),
                );
            }
            file.baselines.push(baseline);
        }
        file
    }

    fn baseline(&mut self, value: &Value<'_>) -> Option<Baseline> {
        let object = self
            .0
            .object(value, "a baseline", "baselines", BASELINE_FIELDS)?;
        let name = self
            .0
            .required(object, "name")
            .and_then(|v| self.0.id(v, "name"));
        let as_of = self
            .0
            .required(object, "as_of")
            .and_then(|v| self.0.day(v, "as_of"));
        // `null` (or nothing) when no pre-event work was left.
        let forecast_ready = match object.get("forecast_ready") {
            None => Some(None),
            Some(v) => self.0.day(v, "forecast_ready").map(Some),
        };
        let tasks = self.0.required(object, "tasks").and_then(|v| self.tasks(v));
        Some(Baseline {
            name: name?.into(),
            as_of: as_of?,
            forecast_ready: forecast_ready?,
            tasks: tasks?,
        })
    }

    fn tasks(&mut self, value: &Value<'_>) -> Option<Vec<BaselineTask>> {
        let Node::Object(members) = &value.node else {
            self.0
                .wrong_type(value, "an object of task ids", "tasks", None);
            return None;
        };
        let mut tasks = Vec::with_capacity(members.len());
        let mut complete = true;
        // Each id's first member, to find a repeated id in one pass (a
        // baseline has a task per task of the plan: a million, maybe).
        let mut first_of: foldhash::HashMap<&str, usize> = foldhash::HashMap::default();
        for (i, member) in members.iter().enumerate() {
            let first = *first_of.entry(member.key.as_ref()).or_insert(i);
            if first != i {
                let first = &members[first];
                self.0.error(
                    Diagnostic::error(
                        Code::DuplicateKey,
                        format!("task `{}` is given twice", member.key),
                        member.key_span,
                    )
                    .with_label("second value")
                    .with_related(first.key_span, "first value"),
                );
            }
            let what = format!("task `{}`", member.key);
            let dates = self
                .0
                .object(&member.value, &what, "tasks", TASK_FIELDS)
                .map(|object| {
                    let start = self
                        .0
                        .required(object, "start")
                        .and_then(|v| self.0.day(v, "start"));
                    let finish = self
                        .0
                        .required(object, "finish")
                        .and_then(|v| self.0.day(v, "finish"));
                    (start, finish)
                });
            match dates {
                Some((Some(start), Some(finish))) => tasks.push(BaselineTask {
                    id: Id::new(&member.key),
                    start,
                    finish,
                }),
                _ => complete = false,
            }
        }
        complete.then_some(tasks)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::parse_day;
    use crate::span::Span;

    fn day(text: &str) -> NaiveDate {
        parse_day(text).expect("day")
    }

    fn sample() -> BaselineFile {
        let mut file = BaselineFile {
            forum: "vesf-2022".into(),
            baselines: Vec::new(),
        };
        for (name, as_of) in [("approved", "2022-08-01"), ("2022-08-15", "2022-08-15")] {
            file.save(Baseline {
                name: name.into(),
                as_of: day(as_of),
                forecast_ready: Some(day("2022-09-16")),
                tasks: vec![
                    BaselineTask {
                        id: "venue".into(),
                        start: day("2022-08-01"),
                        finish: day("2022-08-05"),
                    },
                    BaselineTask {
                        id: "agenda".into(),
                        start: day("2022-08-08"),
                        finish: day("2022-08-08"),
                    },
                ],
            });
        }
        file
    }

    #[test]
    fn a_written_file_reads_back_the_same() {
        let file = sample();
        let bytes = file.to_bytes();
        assert_eq!(BaselineFile::parse(&bytes), Ok(file.clone()));
        let text = String::from_utf8(bytes).expect("UTF-8");
        assert!(
            text.find("venue").expect("venue") < text.find("agenda").expect("agenda"),
            "tasks keep plan order"
        );
        assert_eq!(file.latest().map(|b| b.name.as_str()), Some("2022-08-15"));
    }

    #[test]
    fn saving_a_name_again_replaces_it_and_makes_it_the_latest() {
        let mut file = sample();
        let mut again = file.baselines[0].clone();
        again.as_of = day("2022-09-01");
        file.save(again);
        assert_eq!(file.names().collect::<Vec<_>>(), ["2022-08-15", "approved"]);
        assert_eq!(file.latest().map(|b| b.as_of), Some(day("2022-09-01")));
    }

    #[test]
    fn every_problem_of_a_damaged_file_is_located() {
        let text = r#"{
  "forum": "vesf-2022",
  "baselines": [
    { "name": "Bad Name", "as_of": "2022-13-01", "forecast_ready": null,
      "tasks": { "a": { "start": "2022-08-01" }, "a": { "start": 3, "finish": "2022-08-02", "end": 1 } } },
    { "name": "ok", "as_of": "2022-08-01", "tasks": {}, "note": "x" }
  ]
}"#;
        let problems = BaselineFile::parse(text.as_bytes()).expect_err("damaged");
        let found: Vec<(Code, &str)> = problems
            .iter()
            .map(|d| {
                let span = d.span.expect("located");
                (d.code, &text[span.range()])
            })
            .collect();
        assert_eq!(
            found,
            [
                (Code::InvalidId, "\"Bad Name\""),
                (Code::InvalidDate, "\"2022-13-01\""),
                (Code::MissingField, "{"),
                (Code::DuplicateKey, "\"a\""),
                (Code::UnknownField, "\"end\""),
                (Code::WrongType, "3"),
                (Code::UnknownField, "\"note\""),
            ]
        );
    }

    /// The fast path reads what the spanned reader reads, and refuses
    /// (leaving it to the spanned reader) whatever that one refuses.
    #[test]
    fn the_fast_path_agrees_with_the_spanned_reader() {
        let written = String::from_utf8(sample().to_bytes()).expect("UTF-8");
        let file = |baselines: &str| format!(r#"{{ "forum": "f", "baselines": [{baselines}] }}"#);
        let one = |name: &str, ready: &str, tasks: &str| {
            format!(
                r#"{{ "name": "{name}", "as_of": "2022-08-01"{ready}, "tasks": {{ {tasks} }} }}"#
            )
        };
        let task = r#""a": { "start": "2022-08-01", "finish": "2022-08-02" }"#;
        let texts = [
            written,
            file(""),
            file(&one("ok", "", task)),
            file(&one("ok", r#", "forecast_ready": null"#, task)),
            file(&one("ok", r#", "forecast_ready": "2022-09-16""#, task)),
            file(&one("ok", r#", "forecast_ready": "2022-9-16""#, task)),
            file(&one("Bad", "", task)),
            file(&[one("ok", "", task), one("ok", "", "")].join(",")),
            file(&one("ok", "", &format!("{task}, {task}"))),
            file(&one(
                "ok",
                "",
                r#""a": { "start": "2022-08-01", "finish": "1000-01-01" }"#,
            )),
            file(&one(
                "ok",
                "",
                r#""a": { "start": "2022-08-01", "finish": "2022-08-02", "x": 1 }"#,
            )),
            file(&one("ok", r#", "note": 1"#, task)),
            r#"{ "forum": "f", "forum": "g", "baselines": [] }"#.to_owned(),
            r#"{ "forum": 1, "baselines": [] }"#.to_owned(),
        ];
        let mut fast = 0;
        for text in &texts {
            let spanned = read_spanned(text);
            match read_fast(text) {
                Some(read) => {
                    fast += 1;
                    assert_eq!(Ok(read), spanned, "{text}");
                }
                None => assert!(spanned.is_err(), "fast path refused a good file: {text}"),
            }
        }
        assert_eq!(fast, 5, "the good files take the fast path");
    }

    #[test]
    fn syntax_and_encoding_errors_are_located() {
        let problems = BaselineFile::parse(b"{ \"forum\": \"x\",, }").expect_err("syntax");
        assert_eq!(problems[0].code, Code::Syntax);
        let problems = BaselineFile::parse(b"{ \"forum\": \"\xff\" }").expect_err("bytes");
        assert_eq!(problems[0].code, Code::NotUtf8);
        assert_eq!(problems[0].span, Some(Span::new(12, 13)));
        let problems = BaselineFile::parse(b"").expect_err("empty");
        assert_eq!(problems[0].code, Code::Syntax);
    }
}
