//! The runner end to end on small suites of its own (the real suites run with
//! `cargo xtask protocol-tests`, not here): generation, the scratch crate's
//! build, a passing, a failing, a skipped and an ignored case, an error case,
//! a protocol not supported yet, and the report's lines.

use serde_json::json;
use shapegen_protocol_tests::{run, Options};
use std::path::{Path, PathBuf};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("the package lives in codegen/protocol-tests")
        .to_path_buf()
}

fn rest_json_input() -> serde_json::Value {
    let given = json!({
        "name": "PutThing",
        "http": {"method": "POST", "requestUri": "/things/{name}", "responseCode": 200},
        "input": {"shape": "PutThingInput"}
    });
    let case = |id: &str, method: &str| {
        json!({
            "id": id,
            "given": given,
            "params": {"name": "a b", "q": "1", "body": "hi"},
            "serialized": {
                "method": method,
                "uri": "/things/a%20b?q=1",
                "body": "{\"body\": \"hi\"}",
                "headers": {"Content-Type": "application/json"}
            }
        })
    };
    json!([{
        "description": "Test cases for PutThing operation",
        "metadata": {"protocol": "rest-json", "protocols": ["rest-json"], "apiVersion": "2020-01-01"},
        "shapes": {
            "PutThingInput": {"type": "structure", "required": ["name"], "members": {
                "name": {"shape": "String", "location": "uri", "locationName": "name"},
                "q": {"shape": "String", "location": "querystring", "locationName": "q"},
                "body": {"shape": "String"}
            }},
            "String": {"type": "string"}
        },
        "cases": [
            case("Passes", "POST"),
            case("FailsOnMethod", "PUT"),
            case("SkippedHere", "POST"),
            case("IgnoredByBotocore", "POST")
        ]
    }])
}

fn json_output() -> serde_json::Value {
    let given = json!({
        "name": "Greet",
        "http": {"method": "POST", "requestUri": "/"},
        "output": {"shape": "GreetOutput"},
        "errors": [{"shape": "FooError"}]
    });
    json!([{
        "description": "Test cases for Greet operation",
        "metadata": {"protocol": "json", "protocols": ["json"], "apiVersion": "2020-01-01",
                     "jsonVersion": "1.1", "targetPrefix": "Greeter"},
        "shapes": {
            "GreetOutput": {"type": "structure", "members": {
                "greeting": {"shape": "String"}, "ratio": {"shape": "Double"}
            }},
            "FooError": {"type": "structure", "members": {"message": {"shape": "String"}},
                         "exception": true},
            "String": {"type": "string"},
            "Double": {"type": "double"}
        },
        "cases": [
            {"id": "Parses", "given": given, "result": {"greeting": "hello", "ratio": 0.5},
             "response": {"status_code": 200, "headers": {"Content-Type": "application/x-amz-json-1.1"},
                          "body": "{\"greeting\": \"hello\", \"ratio\": 0.5}"}},
            {"id": "ParsesError", "given": given, "errorCode": "FooError", "error": {"message": "no"},
             "response": {"status_code": 400, "headers": {"Content-Type": "application/x-amz-json-1.1"},
                          "body": "{\"__type\": \"FooError\", \"message\": \"no\"}"}},
            {"id": "WrongResult", "given": given, "result": {"greeting": "bye"},
             "response": {"status_code": 200, "headers": {}, "body": "{\"greeting\": \"hello\"}"}}
        ]
    }])
}

/// A suites directory with these files, and a skip list.
fn suites(name: &str, skips: serde_json::Value) -> Options {
    let root = workspace();
    let mut opts = Options::new(&root);
    let base = opts
        .work_dir
        .with_file_name(format!("protocol-tests-selftest-{name}"));
    let dir = base.join("suites");
    let _ = std::fs::remove_dir_all(&dir);
    for sub in ["input", "output"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
    }
    let put = |rel: &str, v: serde_json::Value| {
        std::fs::write(dir.join(rel), serde_json::to_vec_pretty(&v).unwrap()).unwrap()
    };
    put("input/rest-json.json", rest_json_input());
    put("output/json.json", json_output());
    put(
        "input/rest-yaml.json",
        json!([{"description": "x", "metadata": {"protocol": "rest-yaml"}, "shapes": {}, "cases": []}]),
    );
    put(
        "protocol-tests-ignore-list.json",
        json!({"protocols": {"rest-json": {"input": {"cases": ["IgnoredByBotocore"]}}}}),
    );
    let skips_file = base.join("skips.json");
    std::fs::write(&skips_file, serde_json::to_vec(&skips).unwrap()).unwrap();
    opts.suites_dir = dir;
    opts.skips_file = skips_file;
    opts.work_dir = base.join("work");
    opts
}

#[test]
fn runs_small_suites_and_reports_per_file() {
    let opts = suites(
        "run",
        json!([{"file": "input/rest-json.json", "id": "SkippedHere", "reason": "needs a network"}]),
    );
    let report = run(&opts, &mut std::io::sink()).unwrap_or_else(|e| panic!("{e}"));
    let mut out = Vec::new();
    report.write(&mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 6, "{text}");
    assert!(
        lines[0]
            .starts_with("FAIL input/rest-json.json FailsOnMethod: method POST != expected PUT"),
        "{text}"
    );
    assert!(
        lines[1].starts_with("FAIL output/json.json WrongResult: got GreetOutput"),
        "{text}"
    );
    assert_eq!(
        &lines[2..],
        [
            "input/rest-json.json: 1 passed, 1 failed, 2 skipped",
            "input/rest-yaml.json: protocol not supported yet",
            "output/json.json: 2 passed, 1 failed, 0 skipped",
            "protocol-tests: 3 passed, 2 failed, 2 skipped",
        ],
        "{text}"
    );
    assert!(!report.success());
}

#[test]
fn unknown_skip_ids_are_an_error() {
    let opts = suites(
        "unknown",
        json!([{"file": "input/rest-json.json", "id": "NoSuchCase", "reason": "r"}]),
    );
    let err = run(&opts, &mut std::io::sink()).unwrap_err();
    assert!(
        err.ends_with("no such case: input/rest-json.json NoSuchCase"),
        "{err}"
    );
}
