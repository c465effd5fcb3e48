//! The seed documents (boto3 API changelog pages in `models/seeds/`) are the
//! oracle for `shapegen::diff`.
//!
//! For every page: take the shipped model of its service (`models/*.json`),
//! build the model *before* the page's change by removing what the page says
//! was added (the operations it lists as new, and, for every `Changes` block,
//! the members and enum values of its dict), diff the two, and check that the
//! diff prints exactly what the page prints:
//!
//! * the title line (`2015/11/10 - Amazon API Gateway - 6 updated api
//!   methods`), where the page's counts agree with the operations it shows
//!   (see [`LOST_OPERATIONS`]);
//! * the list of operations, each as new or updated;
//! * for every updated operation, its `Changes (request|response|both)` line
//!   and the pretty-printed dict, character for character.
//!
//! How the "before" model is made from a block's dict (an independent reading
//! of the notation, not the diff's own code): a key of the dict is a member of
//! the shape at that position (lists and maps are looked through). If the
//! dict's value spells out the member's whole shape (every member of a
//! structure, a map's `{key: value}`, a leaf type name), the member was added
//! and is removed; otherwise the value is followed into the member's shape. A
//! set is a set of enum values added to the enum at that position; they are
//! removed. A `request` block is applied to the input shape, `response` to the
//! output shape, `both` to both (each key where it exists).

use shapegen::diff::{diff_models, pformat, OpStatus};
use shapegen::model::Model;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn seeds_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../models/seeds"))
}

fn models_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../models")
}

/// Operations a page's title counts but whose section the page lost, so the
/// diff of our models cannot count them: (page, new, updated, reason).
/// Where the models carry such an operation anyway (`GetGatewayResponses`,
/// taken from the API reference, see `seed_coverage.rs`), it is treated as part
/// of the page's change instead (see [`EXTRA_NEW`]).
const LOST_OPERATIONS: &[(&str, usize, usize, &str)] = &[
    (
        "001",
        0,
        4,
        "the title counts 26 updated api methods, the page shows 22; the other 4 are not in \
         the page and so not in our model",
    ),
    (
        "002",
        5,
        0,
        "the title counts 7 new api methods, the page shows 2; the other 5 are not in the \
         page and so not in our model",
    ),
];

/// Operations our models carry that a page counts in its title but lost from
/// its body: (page, operation).
const EXTRA_NEW: &[(&str, &str)] = &[("004", "GetGatewayResponses")];

/// Blocks that cannot match, with the reason: (page, operation, reason).
/// Empty: every one of the 41 blocks is reconstructed and matches exactly.
const KNOWN_MISMATCHES: &[(&str, &str, &str)] = &[];

const TOTAL_BLOCKS: usize = 41;

// ---------------------------------------------------------------------------
// Reading the pages
// ---------------------------------------------------------------------------

#[derive(Debug)]
struct Block {
    side: String,
    /// The dict exactly as printed (lines joined with `\n`).
    text: String,
}

#[derive(Debug)]
struct Page {
    /// `000`, `001`, …
    id: String,
    title: String,
    date: String,
    service: String,
    new_count: usize,
    updated_count: usize,
    /// Operation name → (`new` | `updated`, its block).
    ops: BTreeMap<String, (String, Option<Block>)>,
}

fn snake_to_pascal(s: &str) -> String {
    s.split('_')
        .map(|p| {
            let mut c = p.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// `7 new8 updated api methods` (two spans run together), `5 new api methods`,
/// `26 updated api methods` -> (new, updated).
fn parse_counts(s: &str) -> (usize, usize) {
    let s = s
        .strip_suffix(" api methods")
        .unwrap_or_else(|| panic!("unexpected title tail {s:?}"));
    let (mut new, mut updated) = (0, 0);
    let (mut num, mut word) = (String::new(), String::new());
    let mut flush = |num: &mut String, word: &mut String| {
        let n: usize = num.parse().expect("a count");
        match word.as_str() {
            "new" => new = n,
            "updated" => updated = n,
            w => panic!("unexpected word {w:?} in the title"),
        }
        num.clear();
        word.clear();
    };
    for c in s.chars() {
        if c.is_ascii_digit() {
            if !word.is_empty() {
                flush(&mut num, &mut word);
            }
            num.push(c);
        } else if c.is_ascii_alphabetic() {
            word.push(c);
        }
    }
    flush(&mut num, &mut word);
    (new, updated)
}

fn read_page(path: &Path) -> Page {
    let id = path.file_name().unwrap().to_string_lossy()[..3].to_string();
    let text = std::fs::read_to_string(path)
        .unwrap()
        .replace('\u{a0}', " ");
    let lines: Vec<&str> = text.lines().collect();
    let title = lines
        .iter()
        .find(|l| l.len() > 13 && l.as_bytes()[4] == b'/' && l.contains(" - "))
        .unwrap_or_else(|| panic!("{id}: no title line"))
        .trim()
        .to_string();
    let parts: Vec<&str> = title.splitn(3, " - ").collect();
    let (new_count, updated_count) = parse_counts(parts[2]);
    let mut page = Page {
        id: id.clone(),
        date: parts[0].to_string(),
        service: parts[1].to_string(),
        title: title.clone(),
        new_count,
        updated_count,
        ops: BTreeMap::new(),
    };
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].trim_end();
        if let Some(head) = line.strip_suffix(" Link ¶") {
            let (name, status) = head.split_once(" (").expect("heading");
            let status = status.trim_end_matches(')').to_string();
            let mut block = None;
            if let Some(side) = lines
                .get(i + 1)
                .and_then(|l| l.trim().strip_prefix("Changes ("))
                .and_then(|l| l.strip_suffix(')'))
            {
                let mut dict = Vec::new();
                let mut j = i + 2;
                while j < lines.len() && !lines[j].trim().is_empty() {
                    dict.push(lines[j].trim_end());
                    j += 1;
                }
                block = Some(Block {
                    side: side.to_string(),
                    text: dict.join("\n"),
                });
                i = j;
            }
            page.ops.insert(name.to_string(), (status, block));
        }
        i += 1;
    }
    if page.ops.is_empty() {
        // 004 is flattened onto single lines and lost its headings: its
        // operations are the `client.snake_name(` calls, all new (the title
        // counts only new api methods).
        assert_eq!(page.updated_count, 0, "{id}: a page without headings");
        for line in &lines {
            if let Some(rest) = line.trim_start().strip_prefix("client.") {
                let name = &rest[..rest.find('(').unwrap()];
                page.ops
                    .insert(snake_to_pascal(name), ("new".to_string(), None));
            }
        }
    }
    page
}

fn pages() -> Vec<Page> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(seeds_dir())
        .expect("models/seeds holds the seed documents")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files.iter().map(|f| read_page(f)).collect()
}

// ---------------------------------------------------------------------------
// Python literals
// ---------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq)]
enum Lit {
    Str(String),
    Dict(Vec<(String, Lit)>),
    Set(Vec<String>),
    List(Vec<Lit>),
}

struct LitParser<'a> {
    s: &'a [u8],
    i: usize,
}

impl LitParser<'_> {
    fn parse(text: &str) -> Lit {
        let mut p = LitParser {
            s: text.as_bytes(),
            i: 0,
        };
        let v = p.value();
        p.ws();
        assert_eq!(p.i, p.s.len(), "trailing text in {text:?}");
        v
    }
    fn ws(&mut self) {
        while self.i < self.s.len() && self.s[self.i].is_ascii_whitespace() {
            self.i += 1;
        }
    }
    fn eat(&mut self, c: u8) -> bool {
        self.ws();
        if self.s.get(self.i) == Some(&c) {
            self.i += 1;
            true
        } else {
            false
        }
    }
    fn string(&mut self) -> String {
        self.ws();
        assert_eq!(self.s[self.i], b'\'', "expected a string at {}", self.i);
        self.i += 1;
        let mut out = Vec::new();
        while self.s[self.i] != b'\'' {
            if self.s[self.i] == b'\\' {
                self.i += 1;
            }
            out.push(self.s[self.i]);
            self.i += 1;
        }
        self.i += 1;
        String::from_utf8(out).unwrap()
    }
    fn value(&mut self) -> Lit {
        self.ws();
        match self.s[self.i] {
            b'\'' => Lit::Str(self.string()),
            b'[' => {
                self.i += 1;
                let mut items = Vec::new();
                while !self.eat(b']') {
                    items.push(self.value());
                    self.eat(b',');
                }
                Lit::List(items)
            }
            b'{' => {
                self.i += 1;
                if self.eat(b'}') {
                    return Lit::Dict(Vec::new());
                }
                let first = self.string();
                if self.eat(b':') {
                    let mut items = vec![(first, self.value())];
                    while self.eat(b',') {
                        let k = self.string();
                        assert!(self.eat(b':'));
                        items.push((k, self.value()));
                    }
                    assert!(self.eat(b'}'));
                    Lit::Dict(items)
                } else {
                    let mut items = vec![first];
                    while self.eat(b',') {
                        items.push(self.string());
                    }
                    assert!(self.eat(b'}'));
                    Lit::Set(items)
                }
            }
            c => panic!("unexpected {:?}", c as char),
        }
    }
}

// ---------------------------------------------------------------------------
// The model before a page's change
// ---------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Edit {
    RemoveMember { shape: String, member: String },
    RemoveEnumValues { shape: String, values: Vec<String> },
}

/// Does `lit` spell out the whole of shape `name` (see the module docs)?
fn spells_whole(model: &Model, name: &str, lit: &Lit) -> bool {
    let shape = &model.shapes[name];
    match (shape.shape_type.as_str(), lit) {
        ("structure", Lit::Dict(items)) => {
            let keys: BTreeSet<&str> = items.iter().map(|(k, _)| k.as_str()).collect();
            let members: BTreeSet<&str> = shape.members.keys().map(String::as_str).collect();
            keys == members
                && items
                    .iter()
                    .all(|(k, v)| spells_whole(model, &shape.members[k].shape, v))
        }
        ("list", Lit::List(items)) => {
            items.len() == 1
                && spells_whole(model, &shape.member.as_ref().unwrap().shape, &items[0])
        }
        ("map", Lit::Dict(items)) => {
            items.len() == 1
                && spells_whole(model, &shape.value.as_ref().unwrap().shape, &items[0].1)
        }
        ("structure" | "list" | "map", _) => false,
        (_, Lit::Str(_)) => true,
        _ => false,
    }
}

/// Collect the edits that undo `lit` at shape `name`; returns the dict keys
/// that were found (a `both` block's key may exist on one side only).
fn undo(model: &Model, name: &str, lit: &Lit, edits: &mut BTreeSet<Edit>) -> BTreeSet<String> {
    let shape = &model.shapes[name];
    let mut found = BTreeSet::new();
    match (shape.shape_type.as_str(), lit) {
        ("structure", Lit::Dict(items)) => {
            for (k, v) in items {
                let Some(m) = shape.members.get(k) else {
                    continue;
                };
                found.insert(k.clone());
                if spells_whole(model, &m.shape, v) {
                    edits.insert(Edit::RemoveMember {
                        shape: name.to_string(),
                        member: k.clone(),
                    });
                } else {
                    let inner = undo(model, &m.shape, v, edits);
                    if let Lit::Dict(sub) = v {
                        for (sk, _) in sub {
                            assert!(
                                inner.contains(sk),
                                "`{sk}` (under `{k}`) is not a member of the shape at that place"
                            );
                        }
                    }
                }
            }
        }
        ("list", _) => return undo(model, &shape.member.as_ref().unwrap().shape, lit, edits),
        ("map", _) => return undo(model, &shape.value.as_ref().unwrap().shape, lit, edits),
        (_, Lit::Set(values)) => {
            let have = shape.enum_values.as_ref().expect("an enum");
            for v in values {
                assert!(have.contains(v), "enum `{name}` has no value `{v}`");
            }
            edits.insert(Edit::RemoveEnumValues {
                shape: name.to_string(),
                values: values.clone(),
            });
        }
        (t, l) => panic!("cannot undo {l:?} at the {t} shape `{name}`"),
    }
    found
}

fn apply(model: &mut Model, edits: &BTreeSet<Edit>) {
    for e in edits {
        match e {
            Edit::RemoveMember { shape, member } => {
                let s = model.shapes.get_mut(shape).unwrap();
                s.members.shift_remove(member);
                s.required.retain(|r| r != member);
            }
            Edit::RemoveEnumValues { shape, values } => {
                let s = model.shapes.get_mut(shape).unwrap();
                s.enum_values
                    .as_mut()
                    .unwrap()
                    .retain(|v| !values.contains(v));
            }
        }
    }
}

fn model_file(service: &str) -> &'static str {
    match service {
        "Amazon API Gateway" => "apigateway.json",
        "AmazonApiGatewayV2" => "apigatewayv2.json",
        other => panic!("no model for the service {other:?}"),
    }
}

fn before_model(page: &Page, after: &Model) -> Model {
    let mut before = after.clone();
    let mut edits = BTreeSet::new();
    for (op, (status, block)) in &page.ops {
        if status == "new" {
            assert!(
                before.operations.remove(op).is_some(),
                "{}: the new operation {op} is not in the model",
                page.id
            );
            continue;
        }
        let block = block
            .as_ref()
            .unwrap_or_else(|| panic!("{}: {op} is updated but has no block", page.id));
        let lit = LitParser::parse(&block.text);
        let operation = &after.operations[op];
        let sides: Vec<&str> = match block.side.as_str() {
            "request" => vec!["request"],
            "response" => vec!["response"],
            "both" => vec!["request", "response"],
            s => panic!("unknown side {s}"),
        };
        let mut found = BTreeSet::new();
        for side in sides {
            let r = if side == "request" {
                &operation.input
            } else {
                &operation.output
            };
            let r = r
                .as_ref()
                .unwrap_or_else(|| panic!("{}: {op} has no {side} shape", page.id));
            found.extend(undo(after, &r.shape, &lit, &mut edits));
        }
        if let Lit::Dict(items) = &lit {
            for (k, _) in items {
                assert!(
                    found.contains(k),
                    "{}: {op}: `{k}` is in neither side of the operation",
                    page.id
                );
            }
        }
    }
    for (id, op) in EXTRA_NEW {
        if *id == page.id {
            before.operations.remove(*op);
        }
    }
    apply(&mut before, &edits);
    before
}

// ---------------------------------------------------------------------------
// The oracle
// ---------------------------------------------------------------------------

#[test]
fn literal_parser_reads_the_notation() {
    assert_eq!(
        LitParser::parse("{'a': {'OFF'},\n 'b': [{'c': 'string'}]}"),
        Lit::Dict(vec![
            ("a".into(), Lit::Set(vec!["OFF".into()])),
            (
                "b".into(),
                Lit::List(vec![Lit::Dict(vec![(
                    "c".into(),
                    Lit::Str("string".into())
                )])])
            ),
        ])
    );
    assert_eq!(parse_counts("7 new8 updated api methods"), (7, 8));
    assert_eq!(parse_counts("7 new 8 updated api methods"), (7, 8));
    assert_eq!(parse_counts("26 updated api methods"), (0, 26));
    assert_eq!(parse_counts("5 new api methods"), (5, 0));
}

#[test]
fn seed_changelogs_are_reproduced() {
    let pages = pages();
    assert_eq!(pages.len(), 5, "five seed pages");
    let blocks: usize = pages
        .iter()
        .flat_map(|p| p.ops.values())
        .filter(|(_, b)| b.is_some())
        .count();
    assert_eq!(blocks, TOTAL_BLOCKS, "change blocks in the seed pages");

    let mut failures: Vec<String> = Vec::new();
    let mut matched = 0;
    let mut known_still_failing = BTreeSet::new();
    for page in &pages {
        let path = models_dir().join(model_file(&page.service));
        let after = shapegen::load::load_file(&path).unwrap_or_else(|d| panic!("{d}"));
        let before = before_model(page, &after);
        let report = diff_models(&before, &after);

        // The operation list: the page's, plus what it lost but we carry.
        let mut expected: BTreeMap<String, String> = page
            .ops
            .iter()
            .map(|(k, (s, _))| (k.clone(), s.clone()))
            .collect();
        for (id, op) in EXTRA_NEW {
            if *id == page.id {
                expected.insert(op.to_string(), "new".into());
            }
        }
        let got: BTreeMap<String, String> = report
            .operations
            .iter()
            .map(|o| (o.name.clone(), o.status.as_str().to_string()))
            .collect();
        if got != expected {
            failures.push(format!(
                "{}: operation list differs\n  page: {expected:?}\n  diff: {got:?}",
                page.id
            ));
        }

        // The title.
        let (lost_new, lost_updated) = LOST_OPERATIONS
            .iter()
            .find(|l| l.0 == page.id)
            .map_or((0, 0), |l| (l.1, l.2));
        let (n, u) = (report.count(OpStatus::New), report.count(OpStatus::Updated));
        if (n + lost_new, u + lost_updated) != (page.new_count, page.updated_count) {
            failures.push(format!(
                "{}: counts differ: page title says {} new {} updated, the diff has {n} new {u} \
                 updated (+{lost_new}/{lost_updated} lost from the page)",
                page.id, page.new_count, page.updated_count
            ));
        }
        if (lost_new, lost_updated) == (0, 0) {
            let title = report.title(Some(&page.date));
            if title != page.title {
                failures.push(format!(
                    "{}: title differs\n  page: {}\n  diff: {title}",
                    page.id, page.title
                ));
            }
        }

        // Every block.
        for (op, (_, block)) in &page.ops {
            let Some(block) = block else { continue };
            let known = KNOWN_MISMATCHES.iter().any(|k| k.0 == page.id && k.1 == op);
            let ours = report.operations.iter().find(|o| &o.name == op);
            let (side, text) = match ours {
                Some(o) => (
                    o.side.map(|s| s.as_str().to_string()).unwrap_or_default(),
                    o.added.as_ref().map(pformat).unwrap_or_default(),
                ),
                None => (String::new(), String::new()),
            };
            let ok = side == block.side && text == block.text;
            match (ok, known) {
                (true, false) => matched += 1,
                (true, true) => failures.push(format!(
                    "{}: {op} is listed in KNOWN_MISMATCHES but matches now: remove it there",
                    page.id
                )),
                (false, true) => {
                    known_still_failing.insert((page.id.clone(), op.clone()));
                }
                (false, false) => failures.push(format!(
                    "{}: {op} differs\n  page: Changes ({})\n{}\n  diff: Changes ({side})\n{text}",
                    page.id, block.side, block.text
                )),
            }
        }
    }
    eprintln!(
        "seed changelog oracle: {matched} of {TOTAL_BLOCKS} change blocks match exactly; \
         {} known not to (see KNOWN_MISMATCHES)",
        known_still_failing.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    assert_eq!(matched + KNOWN_MISMATCHES.len(), TOTAL_BLOCKS);
}
