//! The paginators in `models/paginators/` (botocore's `paginators-1.json`
//! for each service, copied verbatim by `models/tools/add_operations.py`)
//! fit the models: every paginated operation exists in `models/<service>.json`,
//! its `input_token` and `limit_key` are members of the operation's input
//! shape, and its `output_token`, `result_key` (a string or a list),
//! `non_aggregate_keys` and `more_results` resolve in its output shape.
//!
//! Expressions are read as the JMESPath subset botocore's paginators use:
//! a member name, a dotted path through nested structures (`a.b`), or
//! alternatives (`a || b`), each alternative resolving. Anything else fails
//! the test as unsupported (today every expression is a plain member name).
//! Models are read with `serde_json::Value` only.

use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// (service, number of paginators) — guards the reader against reading nothing.
const PAGINATOR_COUNTS: &[(&str, usize)] = &[("apigateway", 18), ("apigatewayv2", 15)];

const KNOWN_KEYS: &[&str] = &[
    "input_token",
    "output_token",
    "limit_key",
    "result_key",
    "non_aggregate_keys",
    "more_results",
];

fn models_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests crate sits inside the workspace")
        .join("models")
}

fn load(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A string or a list of strings.
fn names(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => vec![s.clone()],
        Value::Array(a) => a
            .iter()
            .map(|x| x.as_str().expect("a list of strings").to_string())
            .collect(),
        other => panic!("expected a string or a list of strings, got {other}"),
    }
}

fn is_ident(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Resolves `expr` (`a`, `a.b`, `a || b`) in the structure `shape`:
/// Ok(()) if every alternative resolves, Err(reason) otherwise.
fn resolve(model: &Value, shape: &str, expr: &str) -> Result<(), String> {
    for alt in expr.split("||").map(str::trim) {
        let steps: Vec<&str> = alt.split('.').collect();
        if !steps.iter().all(|s| is_ident(s)) {
            return Err(format!("unsupported expression {expr:?}"));
        }
        let mut current = shape.to_string();
        for step in steps {
            let member = &model["shapes"][&current]["members"][step];
            match member["shape"].as_str() {
                Some(target) => current = target.to_string(),
                None => return Err(format!("`{step}` of {expr:?} is not a member of {current}")),
            }
        }
    }
    Ok(())
}

#[test]
fn paginators_fit_the_models() {
    let dir = models_dir().join("paginators");
    let mut problems: Vec<String> = Vec::new();
    let files: BTreeSet<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().to_string())
        .collect();
    let expected: BTreeSet<String> = PAGINATOR_COUNTS
        .iter()
        .map(|(s, _)| s.to_string())
        .collect();
    assert_eq!(files, expected, "paginator files in {}", dir.display());

    for (service, count) in PAGINATOR_COUNTS {
        let model = load(&models_dir().join(format!("{service}.json")));
        let pag = load(&dir.join(format!("{service}.json")));
        let pagination = pag["pagination"]
            .as_object()
            .unwrap_or_else(|| panic!("paginators/{service}.json has no `pagination` object"));
        if pagination.len() != *count {
            problems.push(format!(
                "paginators/{service}.json has {} paginators, expected {count}",
                pagination.len()
            ));
        }
        for (op_name, p) in pagination {
            let at = format!("{service} {op_name}");
            for key in p.as_object().expect("a paginator is an object").keys() {
                if !KNOWN_KEYS.contains(&key.as_str()) {
                    problems.push(format!("{at}: unknown paginator key {key}"));
                }
            }
            for key in ["input_token", "output_token", "result_key"] {
                if p[key].is_null() {
                    problems.push(format!("{at}: no {key}"));
                }
            }
            let op = &model["operations"][op_name];
            if op.is_null() {
                problems.push(format!("{at}: no such operation in models/{service}.json"));
                continue;
            }
            let input = op["input"]["shape"].as_str().unwrap_or("");
            for key in ["input_token", "limit_key"] {
                if p[key].is_null() {
                    continue;
                }
                for name in names(&p[key]) {
                    if model["shapes"][input]["members"][&name].is_null() {
                        problems.push(format!("{at}: {key} `{name}` is not a member of {input}"));
                    }
                }
            }
            let Some(output) = op["output"]["shape"].as_str() else {
                problems.push(format!("{at}: the operation has no output"));
                continue;
            };
            for key in [
                "output_token",
                "result_key",
                "non_aggregate_keys",
                "more_results",
            ] {
                if p[key].is_null() {
                    continue;
                }
                for expr in names(&p[key]) {
                    if let Err(e) = resolve(&model, output, &expr) {
                        problems.push(format!("{at}: {key}: {e} (output {output})"));
                    }
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "the paginators do not fit the models ({} problems):\n  - {}\n",
        problems.len(),
        problems.join("\n  - ")
    );
}

/// The checker itself catches what it should (on a copy of a real model).
#[test]
fn paginator_expressions_are_checked() {
    let model = load(&models_dir().join("apigatewayv2.json"));
    let out = "GetStagesResponse";
    assert_eq!(resolve(&model, out, "Items"), Ok(()));
    assert_eq!(resolve(&model, out, "NextToken || Items"), Ok(()));
    assert!(resolve(&model, out, "Missing").is_err());
    assert!(resolve(&model, out, "Items || Missing").is_err());
    assert!(resolve(&model, out, "Items[0].StageName").is_err());
    assert!(resolve(&model, out, "Items.StageName").is_err()); // through a list: not a member path
}
