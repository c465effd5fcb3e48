//! The suite files, which of them this crate runs, and which cases it skips.
//!
//! A suite file (`input/rest-json.json`) is a JSON list of suites
//! `{description, metadata, shapes, cases, clientEndpoint?}`; see
//! `tests/data/protocol-tests/README.md`.

use indexmap::IndexMap;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A JSON value that keeps the order of object keys as written (this
/// workspace's `serde_json::Value` sorts them): the suites' shapes and
/// operations go into the models in their own order, so that the generated
/// code is what a user of the same model gets.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(untagged)]
pub enum Ordered {
    Null(()),
    Bool(bool),
    Number(serde_json::Number),
    String(String),
    Array(Vec<Ordered>),
    Object(IndexMap<String, Ordered>),
}

impl Ordered {
    pub fn get(&self, key: &str) -> Option<&Ordered> {
        match self {
            Ordered::Object(m) => m.get(key),
            _ => None,
        }
    }
}

/// Protocols whose requests and responses the runtime implements.
pub const SUPPORTED_PROTOCOLS: &[&str] = &[
    "rest-json",
    "json",
    "rest-xml",
    "query",
    "ec2",
    "smithy-rpc-v2-cbor",
];

/// Whether a file holds request (`input/`) or response (`output/`) cases.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Direction {
    Input,
    Output,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Input => "input",
            Direction::Output => "output",
        }
    }
}

/// One suite file.
#[derive(Debug, Clone)]
pub struct SuiteFile {
    /// Path under the suites directory, with `/` (`input/rest-json.json`).
    pub rel: String,
    pub direction: Direction,
    /// The file name without `.json`: botocore's protocol key in its ignore list.
    pub stem: String,
    pub suites: Vec<Suite>,
}

#[derive(Debug, Clone)]
pub struct Suite {
    /// Position in the file (botocore's `suite_id`).
    pub index: usize,
    pub description: String,
    pub metadata: serde_json::Map<String, Value>,
    pub shapes: Value,
    /// `metadata` and `shapes` in their order.
    pub ordered_metadata: IndexMap<String, Ordered>,
    pub ordered_shapes: Ordered,
    /// The endpoint the client is configured with, when the suite says.
    pub client_endpoint: Option<String>,
    pub cases: Vec<Case>,
}

#[derive(Debug, Clone)]
pub struct Case {
    /// Position in the suite (botocore's `test_id`).
    pub index: usize,
    pub id: String,
    /// The operation (`name`, `http`, `input`, `output`, `errors`, ...).
    pub given: Value,
    /// `given` in its order.
    pub ordered_given: Ordered,
    /// The whole case.
    pub raw: Value,
}

impl Case {
    pub fn op_name(&self) -> &str {
        self.given
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or("OperationName")
    }
}

impl SuiteFile {
    /// Read one suite file. `rel` is its path under the suites directory.
    pub fn load(dir: &Path, rel: &str) -> Result<SuiteFile, String> {
        let path = dir.join(rel);
        let bytes =
            std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        Self::load_bytes(rel, &bytes)
    }

    /// A suite file from its text.
    pub fn load_text(rel: &str, text: &str) -> Result<SuiteFile, String> {
        Self::load_bytes(rel, text.as_bytes())
    }

    fn load_bytes(rel: &str, bytes: &[u8]) -> Result<SuiteFile, String> {
        let doc: Value =
            serde_json::from_slice(bytes).map_err(|e| format!("{rel}: invalid JSON: {e}"))?;
        let ordered: Ordered =
            serde_json::from_slice(bytes).map_err(|e| format!("{rel}: invalid JSON: {e}"))?;
        Self::from_values(rel, &doc, &ordered)
    }

    /// A suite file from its JSON, read twice: as a `Value` and in order.
    pub fn from_value(rel: &str, doc: &Value) -> Result<SuiteFile, String> {
        let text = doc.to_string();
        let ordered: Ordered = serde_json::from_str(&text).map_err(|e| e.to_string())?;
        Self::from_values(rel, doc, &ordered)
    }

    fn from_values(rel: &str, doc: &Value, ordered: &Ordered) -> Result<SuiteFile, String> {
        let direction = match rel.split('/').next() {
            Some("input") => Direction::Input,
            Some("output") => Direction::Output,
            _ => return Err(format!("{rel}: not under input/ or output/")),
        };
        let stem = rel
            .rsplit('/')
            .next()
            .unwrap_or(rel)
            .trim_end_matches(".json")
            .to_string();
        let list = doc
            .as_array()
            .ok_or_else(|| format!("{rel}: a suite file is a JSON list of suites"))?;
        let ordered_list: &[Ordered] = match ordered {
            Ordered::Array(l) => l,
            _ => &[],
        };
        let mut suites = Vec::new();
        for (index, s) in list.iter().enumerate() {
            let os = ordered_list.get(index);
            let ordered_cases: &[Ordered] = match os.and_then(|o| o.get("cases")) {
                Some(Ordered::Array(l)) => l,
                _ => &[],
            };
            let at = |what: &str| format!("{rel}: suite {index}: {what}");
            let metadata = s
                .get("metadata")
                .and_then(Value::as_object)
                .cloned()
                .ok_or_else(|| at("no `metadata` object"))?;
            let cases_json = s
                .get("cases")
                .and_then(Value::as_array)
                .ok_or_else(|| at("no `cases` list"))?;
            let mut cases = Vec::new();
            for (ci, c) in cases_json.iter().enumerate() {
                let id = c
                    .get("id")
                    .and_then(Value::as_str)
                    .ok_or_else(|| at(&format!("case {ci} has no `id`")))?;
                let given = c
                    .get("given")
                    .filter(|g| g.is_object())
                    .cloned()
                    .ok_or_else(|| at(&format!("case `{id}` has no `given` object")))?;
                let ordered_given = ordered_cases
                    .get(ci)
                    .and_then(|c| c.get("given"))
                    .cloned()
                    .ok_or_else(|| at(&format!("case `{id}`: no `given`")))?;
                cases.push(Case {
                    index: ci,
                    id: id.to_string(),
                    given,
                    ordered_given,
                    raw: c.clone(),
                });
            }
            suites.push(Suite {
                index,
                description: s
                    .get("description")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string(),
                metadata,
                shapes: s
                    .get("shapes")
                    .cloned()
                    .unwrap_or(Value::Object(Default::default())),
                ordered_metadata: match os.and_then(|o| o.get("metadata")) {
                    Some(Ordered::Object(m)) => m.clone(),
                    _ => IndexMap::new(),
                },
                ordered_shapes: os
                    .and_then(|o| o.get("shapes"))
                    .cloned()
                    .unwrap_or(Ordered::Object(IndexMap::new())),
                client_endpoint: s
                    .get("clientEndpoint")
                    .and_then(Value::as_str)
                    .map(str::to_string),
                cases,
            });
        }
        Ok(SuiteFile {
            rel: rel.to_string(),
            direction,
            stem,
            suites,
        })
    }

    /// `Ok(protocol)` when every suite's protocol is one the runtime speaks;
    /// otherwise the protocol that is not. A file without suites names no
    /// protocol and is not supported.
    pub fn protocol(&self) -> Result<String, String> {
        let mut found = BTreeSet::new();
        for s in &self.suites {
            let p = suite_protocol(&s.metadata).ok_or_else(|| {
                let named = s
                    .metadata
                    .get("protocol")
                    .and_then(Value::as_str)
                    .unwrap_or("(none)");
                named.to_string()
            })?;
            found.insert(p);
        }
        match found.len() {
            0 => Err("(no suites)".to_string()),
            1 => Ok(found.into_iter().next().unwrap_or_default()),
            _ => Err(found.into_iter().collect::<Vec<_>>().join(", ")),
        }
    }
}

/// The supported protocol of a suite: `metadata.protocol`, when it is
/// supported and the `protocols` list (if any) names it too.
pub fn suite_protocol(metadata: &serde_json::Map<String, Value>) -> Option<String> {
    let p = metadata.get("protocol").and_then(Value::as_str)?;
    if !SUPPORTED_PROTOCOLS.contains(&p) {
        return None;
    }
    match metadata.get("protocols").and_then(Value::as_array) {
        Some(list) if !list.iter().any(|x| x.as_str() == Some(p)) => None,
        _ => Some(p.to_string()),
    }
}

/// Every `*.json` suite file under `dir/input` and `dir/output`, as paths
/// relative to `dir`, sorted.
pub fn list_files(dir: &Path) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    for sub in ["input", "output"] {
        let d = dir.join(sub);
        let entries =
            std::fs::read_dir(&d).map_err(|e| format!("cannot read {}: {e}", d.display()))?;
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.ends_with(".json") && e.path().is_file() {
                out.push(format!("{sub}/{name}"));
            }
        }
    }
    out.sort();
    Ok(out)
}

/// botocore's own skips (`protocol-tests-ignore-list.json`):
/// `{"general": {"input": {"suites": [...], "cases": [...]}, "output": ...},
///   "protocols": {"<file stem>": {"input": {"suites", "cases"}, ...}}}`,
/// suites by `description`, cases by `id`.
#[derive(Debug, Clone, Default)]
pub struct IgnoreList {
    doc: Value,
}

impl IgnoreList {
    pub fn parse(text: &str) -> Result<IgnoreList, String> {
        let doc: Value = serde_json::from_str(text)
            .map_err(|e| format!("protocol-tests-ignore-list.json: invalid JSON: {e}"))?;
        if !doc.is_object() {
            return Err("protocol-tests-ignore-list.json: not a JSON object".into());
        }
        Ok(IgnoreList { doc })
    }

    /// Whether botocore skips the case (as its `_should_ignore_test` does).
    pub fn ignores(&self, file: &SuiteFile, suite: &Suite, case: &Case) -> bool {
        let listed = |section: &Value| {
            let has = |key: &str, v: &str| {
                section
                    .get(key)
                    .and_then(Value::as_array)
                    .is_some_and(|l| l.iter().any(|x| x.as_str() == Some(v)))
            };
            has("suites", &suite.description) || has("cases", &case.id)
        };
        let dir = file.direction.as_str();
        let general = &self.doc["general"][dir];
        let protocol = &self.doc["protocols"][file.stem.as_str()][dir];
        listed(general) || listed(protocol)
    }
}

/// One entry of the project's own skip list (`tests/data/protocol-tests-skips.json`):
/// a case that needs something outside the sans-IO layer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skip {
    pub file: String,
    pub id: String,
    pub reason: String,
}

/// Parse the skip list: `[{"file": "input/rest-json.json", "id": "...", "reason": "..."}]`.
pub fn parse_skips(text: &str) -> Result<Vec<Skip>, String> {
    let doc: Value = serde_json::from_str(text).map_err(|e| format!("invalid JSON: {e}"))?;
    let list = doc
        .as_array()
        .ok_or("the skip list is a JSON list of {file, id, reason}")?;
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    for (i, e) in list.iter().enumerate() {
        let field = |k: &str| {
            e.get(k)
                .and_then(Value::as_str)
                .map(str::to_string)
                .ok_or_else(|| format!("entry {i}: `{k}` must be a string"))
        };
        let skip = Skip {
            file: field("file")?,
            id: field("id")?,
            reason: field("reason")?,
        };
        if skip.reason.trim().is_empty() {
            return Err(format!("entry {i} ({}): the reason is empty", skip.id));
        }
        if let Some(k) = e.as_object().and_then(|o| {
            o.keys()
                .find(|k| !matches!(k.as_str(), "file" | "id" | "reason"))
        }) {
            return Err(format!("entry {i} ({}): unknown key `{k}`", skip.id));
        }
        if !seen.insert((skip.file.clone(), skip.id.clone())) {
            return Err(format!(
                "entry {i}: {} {} is listed twice",
                skip.file, skip.id
            ));
        }
        out.push(skip);
    }
    Ok(out)
}

/// The skip entries that name no case of the given files (`file → ids`).
pub fn unknown_skips<'a>(
    skips: &'a [Skip],
    ids: &BTreeMap<String, BTreeSet<String>>,
) -> Vec<&'a Skip> {
    skips
        .iter()
        .filter(|s| !ids.get(&s.file).is_some_and(|set| set.contains(&s.id)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn file(rel: &str, protocol: &str) -> SuiteFile {
        SuiteFile::from_value(
            rel,
            &json!([{
                "description": "Test cases for Op operation",
                "metadata": {"protocol": protocol, "protocols": [protocol]},
                "shapes": {},
                "cases": [{"id": "A", "given": {"name": "Op"}}, {"id": "B", "given": {"name": "Op"}}]
            }]),
        )
        .unwrap()
    }

    #[test]
    fn support_follows_the_protocol() {
        assert_eq!(
            file("input/x.json", "rest-json").protocol().unwrap(),
            "rest-json"
        );
        assert_eq!(file("output/y.json", "json").protocol().unwrap(), "json");
        assert_eq!(
            file("input/x.json", "rest-xml").protocol().unwrap(),
            "rest-xml"
        );
        assert_eq!(
            file("input/z.json", "rest-yaml").protocol().unwrap_err(),
            "rest-yaml"
        );
        let empty = SuiteFile::from_value("output/e.json", &json!([])).unwrap();
        assert!(empty.protocol().is_err());
        let mut md = serde_json::Map::new();
        md.insert("protocol".into(), json!("json"));
        md.insert("protocols".into(), json!(["smithy-rpc-v2-cbor"]));
        assert_eq!(suite_protocol(&md), None);
    }

    #[test]
    fn ignore_list_by_suite_and_case() {
        let ignore = IgnoreList::parse(
            r#"{"general": {"input": {"suites": ["Test cases for Op operation"]}},
                "protocols": {"rest-json": {"output": {"cases": ["B"]}}}}"#,
        )
        .unwrap();
        let f = file("input/rest-json.json", "rest-json");
        let s = &f.suites[0];
        assert!(ignore.ignores(&f, s, &s.cases[0]));
        let f = file("output/rest-json.json", "rest-json");
        let s = &f.suites[0];
        assert!(!ignore.ignores(&f, s, &s.cases[0]));
        assert!(ignore.ignores(&f, s, &s.cases[1]));
        let f = file("output/json.json", "json");
        let s = &f.suites[0];
        assert!(!ignore.ignores(&f, s, &s.cases[1]));
    }

    #[test]
    fn skip_list_is_checked() {
        let skips =
            parse_skips(r#"[{"file": "input/json.json", "id": "A", "reason": "streaming"}]"#)
                .unwrap();
        assert_eq!(skips[0].reason, "streaming");
        assert!(parse_skips(r#"[{"file": "input/json.json", "id": "A", "reason": ""}]"#).is_err());
        assert!(parse_skips(r#"[{"file": "input/json.json", "id": "A"}]"#).is_err());
        assert!(parse_skips(
            r#"[{"file": "f", "id": "A", "reason": "r"}, {"file": "f", "id": "A", "reason": "r"}]"#
        )
        .is_err());
        let mut ids = BTreeMap::new();
        ids.insert(
            "input/json.json".to_string(),
            BTreeSet::from(["B".to_string()]),
        );
        assert_eq!(unknown_skips(&skips, &ids).len(), 1);
        ids.get_mut("input/json.json").unwrap().insert("A".into());
        assert!(unknown_skips(&skips, &ids).is_empty());
    }
}
