//! Comparisons of what the generated code produced with what a case expects,
//! as botocore's `test_protocols.py` makes them.
//!
//! This file is compiled twice: as a module of this crate (for its unit
//! tests) and, copied verbatim, into the scratch crate the runner generates,
//! where the cases call it. It depends on `std` and `serde_json` only.

use serde_json::Value;
use std::fmt::Debug;

/// A request as the generated code built it, taken apart.
#[derive(Debug, Clone, Default)]
pub struct ActualRequest {
    pub method: String,
    /// The request target: absolute (`https://example.com/path?q=1`) or a
    /// path with its query.
    pub uri: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

/// Every way the request differs from the case's `serialized`, joined by
/// `"; "`. `protocol` is `json` or `rest-json`.
pub fn check_request(
    actual: &ActualRequest,
    serialized: &Value,
    protocol: &str,
) -> Result<(), String> {
    let mut problems = Vec::new();
    if let Some(m) = serialized.get("method").and_then(Value::as_str) {
        if actual.method != m {
            problems.push(format!("method {} != expected {m}", actual.method));
        }
    }
    let (authority, target) = split_target(&actual.uri);
    let expected_uri = serialized.get("uri").and_then(Value::as_str).unwrap_or("");
    let (path, query) = split_query(target);
    let (want_path, want_query) = split_query(expected_uri);
    if path != want_path {
        problems.push(format!("path {path:?} != expected {want_path:?}"));
    }
    if let Err(e) = compare_query(query, want_query) {
        problems.push(e);
    }
    if let Some(body) = serialized.get("body").and_then(Value::as_str) {
        if let Err(e) = compare_body(&actual.body, body.as_bytes(), protocol) {
            problems.push(e);
        }
    }
    let want_headers: Vec<(String, String)> = serialized
        .get("headers")
        .and_then(Value::as_object)
        .map(|m| {
            m.iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
                .collect()
        })
        .unwrap_or_default();
    let names = |key: &str| -> Vec<String> {
        serialized
            .get(key)
            .and_then(Value::as_array)
            .map(|l| {
                l.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default()
    };
    if let Err(e) = compare_headers(
        &actual.headers,
        &want_headers,
        &names("forbidHeaders"),
        &names("requireHeaders"),
    ) {
        problems.push(e);
    }
    if let Some(host) = serialized.get("host").and_then(Value::as_str) {
        if let Err(e) = compare_host(authority, path, host) {
            problems.push(e);
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("; "))
    }
}

/// `https://host:port/path?q` → (`host:port`, `/path?q`); a target without
/// scheme has no authority.
pub fn split_target(uri: &str) -> (&str, &str) {
    match uri.split_once("://") {
        Some((_, rest)) => match rest.find(['/', '?']) {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, ""),
        },
        None => ("", uri),
    }
}

fn split_query(target: &str) -> (&str, &str) {
    match target.split_once('?') {
        Some((p, q)) => (p, q),
        None => (target, ""),
    }
}

/// `%XX`-decoding (a malformed escape stays as written; `+` is a plus).
pub fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        if b[i] == b'%' && i + 2 < b.len() {
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The decoded `(name, value)` pairs of a query string, sorted; a name
/// without `=` has no value (`None`), which differs from an empty one.
pub fn query_pairs(query: &str) -> Vec<(String, Option<String>)> {
    let mut pairs: Vec<(String, Option<String>)> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (percent_decode(k), Some(percent_decode(v))),
            None => (percent_decode(p), None),
        })
        .collect();
    pairs.sort();
    pairs
}

/// Query strings compared as multisets of decoded pairs.
pub fn compare_query(actual: &str, expected: &str) -> Result<(), String> {
    let a = query_pairs(actual);
    let e = query_pairs(expected);
    if a == e {
        return Ok(());
    }
    let show = |v: &[(String, Option<String>)]| {
        v.iter()
            .map(|(k, v)| match v {
                Some(v) => format!("{k}={v}"),
                None => k.clone(),
            })
            .collect::<Vec<_>>()
            .join("&")
    };
    let mut missing = e.clone();
    let mut extra = Vec::new();
    for p in &a {
        match missing.iter().position(|x| x == p) {
            Some(i) => {
                missing.remove(i);
            }
            None => extra.push(p.clone()),
        }
    }
    Err(format!(
        "query differs: missing [{}], unexpected [{}]",
        show(&missing),
        show(&extra)
    ))
}

/// JSON equality where numbers compare by value (`1 == 1.0`, as in Python).
pub fn json_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_i64(), y.as_i64()) {
            (Some(i), Some(j)) => i == j,
            _ => match (x.as_u64(), y.as_u64()) {
                (Some(i), Some(j)) => i == j,
                _ => x.as_f64() == y.as_f64(),
            },
        },
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| json_eq(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| json_eq(v, w)))
        }
        // A `jsonvalue` member is a string of JSON text. botocore takes that
        // text from the caller and sends it as is; shapegen types the member
        // as the document it holds, and writes its JSON again (object keys
        // sorted). The two texts then differ only in key order, so strings
        // that are both JSON objects or arrays compare as JSON.
        (Value::String(x), Value::String(y)) if x != y => {
            let structured =
                |s: &str| matches!(s.trim_start().as_bytes().first(), Some(b'{' | b'['));
            structured(x)
                && structured(y)
                && match (
                    serde_json::from_str::<Value>(x),
                    serde_json::from_str::<Value>(y),
                ) {
                    (Ok(p), Ok(q)) => json_eq(&p, &q),
                    _ => false,
                }
        }
        _ => a == b,
    }
}

/// A body as botocore compares it: for the JSON protocols as parsed JSON
/// when both sides parse (an empty body parses as nothing); otherwise as bytes.
pub fn compare_body(actual: &[u8], expected: &[u8], protocol: &str) -> Result<(), String> {
    let json_protocol = matches!(protocol, "json" | "rest-json");
    if matches!(protocol, "query" | "ec2") {
        return compare_query(
            &String::from_utf8_lossy(actual),
            &String::from_utf8_lossy(expected),
        )
        .map_err(|e| format!("form body: {e}"));
    }
    if protocol == "smithy-rpc-v2-cbor" {
        // The case gives the body in base64; both compare as decoded values.
        let expected = shapegen_runtime::base64_decode(&String::from_utf8_lossy(expected))
            .map_err(|e| format!("the case's body: {e}"))?;
        if expected.is_empty() || actual.is_empty() {
            return if expected == actual {
                Ok(())
            } else {
                Err(format!("body {actual:?} != expected {expected:?}"))
            };
        }
        let e = shapegen_runtime::cbor::to_plain_value(&expected)?;
        let a = shapegen_runtime::cbor::to_plain_value(actual)?;
        return if json_eq(&a, &e) {
            Ok(())
        } else {
            Err(format!("CBOR body {a} != expected {e}"))
        };
    }
    if protocol == "rest-xml" && expected.trim_ascii_start().starts_with(b"<") {
        let e = shapegen_runtime::xml::parse(expected);
        let a = shapegen_runtime::xml::parse(actual);
        match (a, e) {
            (Ok(a), Ok(e)) => {
                return if xml_eq(&a, &e) {
                    Ok(())
                } else {
                    Err(format!(
                        "XML body {} != expected {}",
                        shorten(&String::from_utf8_lossy(actual)),
                        shorten(&String::from_utf8_lossy(expected))
                    ))
                };
            }
            (Err(err), Ok(_)) => {
                return Err(format!(
                    "body is not XML ({err}): {}",
                    shorten(&String::from_utf8_lossy(actual))
                ))
            }
            (_, Err(_)) => {}
        }
    }
    if json_protocol && !expected.is_empty() {
        let e: Result<Value, _> = serde_json::from_slice(expected);
        let a: Result<Value, _> = serde_json::from_slice(actual);
        match (a, e) {
            (Ok(a), Ok(e)) => {
                return if json_eq(&a, &e) {
                    Ok(())
                } else {
                    Err(format!("body {a} != expected {e}"))
                };
            }
            (Err(err), Ok(_)) => {
                return Err(format!(
                    "body is not JSON ({err}): {}",
                    shorten(&String::from_utf8_lossy(actual))
                ))
            }
            // The expected body is not JSON (a blob or string payload): bytes.
            (_, Err(_)) => {}
        }
    }
    if actual == expected {
        Ok(())
    } else {
        Err(format!(
            "body {:?} != expected {:?}",
            shorten(&String::from_utf8_lossy(actual)),
            shorten(&String::from_utf8_lossy(expected))
        ))
    }
}

/// XML elements compared as botocore canonicalizes them: names, attributes
/// (in any order), children in order, and the text of elements without
/// children (whitespace between elements does not count). One difference:
/// the entries of a map (children of one name, each of two elements: key and
/// value) compare in any order, because the generated types hold maps in
/// `BTreeMap`s, sorted by key, where botocore's dicts keep the order the case
/// lists them in; a map has no order on the wire (Smithy), as JSON objects
/// compare without one.
pub fn xml_eq(a: &shapegen_runtime::xml::Element, b: &shapegen_runtime::xml::Element) -> bool {
    if xml_eq_ordered(a, b) {
        return true;
    }
    let map_entries = |e: &shapegen_runtime::xml::Element| {
        !e.children.is_empty()
            && e.children
                .iter()
                .all(|c| c.name == e.children[0].name && c.children.len() == 2)
    };
    if a.name != b.name
        || !map_entries(a)
        || !map_entries(b)
        || a.children.len() != b.children.len()
    {
        return false;
    }
    let mut rest: Vec<&shapegen_runtime::xml::Element> = b.children.iter().collect();
    for x in &a.children {
        match rest.iter().position(|y| xml_eq(x, y)) {
            Some(i) => {
                rest.remove(i);
            }
            None => return false,
        }
    }
    let mut aa = a.attributes.clone();
    let mut ba = b.attributes.clone();
    aa.sort();
    ba.sort();
    aa == ba
}

fn xml_eq_ordered(a: &shapegen_runtime::xml::Element, b: &shapegen_runtime::xml::Element) -> bool {
    let mut aa = a.attributes.clone();
    let mut ba = b.attributes.clone();
    aa.sort();
    ba.sort();
    let text = |e: &shapegen_runtime::xml::Element| {
        if e.children.is_empty() {
            e.text.clone()
        } else {
            e.text.trim().to_string()
        }
    };
    a.name == b.name
        && aa == ba
        && text(a) == text(b)
        && a.children.len() == b.children.len()
        && a.children
            .iter()
            .zip(&b.children)
            .all(|(x, y)| xml_eq(x, y))
}

/// Headers by name, case-insensitively: each expected one with its exact
/// value (repeated headers joined by `", "`), each forbidden one absent, each
/// required one present.
pub fn compare_headers(
    actual: &[(String, String)],
    expected: &[(String, String)],
    forbid: &[String],
    require: &[String],
) -> Result<(), String> {
    let value = |name: &str| -> Option<String> {
        let vals: Vec<&str> = actual
            .iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .collect();
        (!vals.is_empty()).then(|| vals.join(", "))
    };
    let mut problems = Vec::new();
    for (name, want) in expected {
        match value(name) {
            Some(got) if &got == want => {}
            Some(got) => problems.push(format!("header {name}: {got:?} != expected {want:?}")),
            None => problems.push(format!("header {name} missing (expected {want:?})")),
        }
    }
    for name in forbid {
        if let Some(got) = value(name) {
            problems.push(format!("header {name} must be absent, is {got:?}"));
        }
    }
    for name in require {
        if value(name).is_none() {
            problems.push(format!("header {name} must be present"));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("; "))
    }
}

/// The expected `host` (`foo.example.com`, or `example.com/custom` for an
/// endpoint with a path) against the request's authority and path.
pub fn compare_host(authority: &str, path: &str, expected: &str) -> Result<(), String> {
    let (want_host, want_path) = match expected.split_once('/') {
        Some((h, p)) => (h, Some(format!("/{p}"))),
        None => (expected, None),
    };
    if !authority.eq_ignore_ascii_case(want_host) {
        return Err(format!("host {authority:?} != expected {want_host:?}"));
    }
    match want_path {
        Some(p) if !path.starts_with(&p) => Err(format!(
            "path {path:?} does not start with the endpoint's path {p:?}"
        )),
        _ => Ok(()),
    }
}

/// Whether two values are equal, where a `NaN` equals a `NaN`: derived
/// `PartialEq` first; when that says no and both sides' `Debug` text shows a
/// NaN, the `Debug` texts decide (unless a side redacts sensitive data).
pub fn same<T: PartialEq + Debug>(actual: &T, expected: &T) -> Result<(), String> {
    if actual == expected {
        return Ok(());
    }
    let (a, e) = (format!("{actual:?}"), format!("{expected:?}"));
    let redacted = a.contains("Sensitive Data Redacted");
    if a == e && a.contains("NaN") && !redacted {
        return Ok(());
    }
    Err(format!("got {} != expected {}", shorten(&a), shorten(&e)))
}

/// `s` cut to a few hundred characters, for one line of a report.
pub fn shorten(s: &str) -> String {
    const MAX: usize = 400;
    if s.chars().count() <= MAX {
        return s.to_string();
    }
    let cut: String = s.chars().take(MAX).collect();
    format!("{cut}…")
}

/// The message of a caught panic.
pub fn panic_message(p: &(dyn std::any::Any + Send)) -> String {
    p.downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(no message)".to_string())
}

/// One line of the harness's report, tab-separated, with tabs and line
/// breaks of the reason escaped: `PASS file\tsuite\tid` or
/// `FAIL file\tsuite\tid\treason`.
pub fn report_line(file: &str, suite: usize, id: &str, outcome: &Result<(), String>) -> String {
    match outcome {
        Ok(()) => format!("PASS {file}\t{suite}\t{id}"),
        Err(reason) => {
            let clean: String = reason
                .chars()
                .map(|c| match c {
                    '\t' | '\n' | '\r' => ' ',
                    c => c,
                })
                .collect();
            format!("FAIL {file}\t{suite}\t{id}\t{clean}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn h(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn query_is_a_multiset_of_decoded_pairs() {
        assert!(compare_query("b=2&a=1&a=1", "a=1&a=1&b=2").is_ok());
        assert!(compare_query(
            "s=Hello%20there&t=1970-01-01T00%3A00%3A01Z",
            "t=1970-01-01T00:00:01Z&s=Hello there"
        )
        .is_ok());
        assert!(compare_query("%61=x", "a=x").is_ok());
        assert_eq!(
            compare_query("a=1", "a=1&a=1").unwrap_err(),
            "query differs: missing [a=1], unexpected []"
        );
        assert_eq!(
            compare_query("flag", "flag=").unwrap_err(),
            "query differs: missing [flag=], unexpected [flag]"
        );
        assert!(compare_query("", "").is_ok());
        assert_eq!(percent_decode("a+b%2"), "a+b%2");
        assert_eq!(percent_decode("%E2%9C%93"), "✓");
    }

    #[test]
    fn json_bodies_compare_as_values() {
        assert!(compare_body(
            br#"{"a":1,"b":[1.0]}"#,
            b"{\n  \"b\": [1], \"a\": 1\n}",
            "json"
        )
        .is_ok());
        assert!(compare_body(br#"{"a":1}"#, br#"{"a":2}"#, "rest-json").is_err());
        assert!(compare_body(b"", b"", "rest-json").is_ok());
        assert!(compare_body(b"{}", b"", "rest-json").is_err());
        // A blob payload is compared as bytes.
        assert!(compare_body(b"blobby blob", b"blobby blob", "rest-json").is_ok());
        assert!(compare_body(b"{}", b"x", "rest-json").is_err());
        assert!(compare_body(b"not json", b"{}", "json")
            .unwrap_err()
            .starts_with("body is not JSON"));
        assert!(json_eq(&json!({"x": [1, 2.5]}), &json!({"x": [1.0, 2.5]})));
        assert!(!json_eq(&json!({"x": 1}), &json!({"x": 1, "y": null})));
    }

    #[test]
    fn headers_by_name_case_insensitively() {
        let actual = h(&[
            ("content-type", "application/json"),
            ("X-List", "a"),
            ("x-list", "b"),
        ]);
        assert!(compare_headers(
            &actual,
            &h(&[("Content-Type", "application/json"), ("X-LIST", "a, b")]),
            &[],
            &[]
        )
        .is_ok());
        assert_eq!(
            compare_headers(&actual, &h(&[("Content-Type", "text/plain")]), &[], &[]).unwrap_err(),
            "header Content-Type: \"application/json\" != expected \"text/plain\""
        );
        assert_eq!(
            compare_headers(&actual, &[], &["X-List".into()], &["X-Amz-Target".into()])
                .unwrap_err(),
            "header X-List must be absent, is \"a, b\"; header X-Amz-Target must be present"
        );
        assert!(
            compare_headers(&actual, &h(&[("X-Missing", "1")]), &[], &[])
                .unwrap_err()
                .contains("missing")
        );
    }

    #[test]
    fn whole_request() {
        let actual = ActualRequest {
            method: "POST".into(),
            uri: "https://foo.example.com/path/a%20b?x=1&y".into(),
            headers: h(&[("Content-Type", "application/x-amz-json-1.1")]),
            body: br#"{"label": "bar"}"#.to_vec(),
        };
        let serialized = json!({
            "method": "POST", "uri": "/path/a%20b?y&x=1", "body": "{\"label\":\"bar\"}",
            "headers": {"content-type": "application/x-amz-json-1.1"}, "host": "foo.example.com",
            "forbidHeaders": ["X-Amz-Target"]
        });
        assert_eq!(check_request(&actual, &serialized, "json"), Ok(()));
        let wrong = json!({"method": "GET", "uri": "/path/a b", "host": "example.com/custom"});
        assert_eq!(
            check_request(&actual, &wrong, "json").unwrap_err(),
            "method POST != expected GET; path \"/path/a%20b\" != expected \"/path/a b\"; \
             query differs: missing [], unexpected [x=1&y]; host \"foo.example.com\" != expected \"example.com\""
        );
        assert_eq!(split_target("/p?q"), ("", "/p?q"));
        assert_eq!(split_target("http://h:1"), ("h:1", ""));
        assert!(compare_host("example.com", "/custom/Op", "example.com/custom").is_ok());
        assert!(compare_host("example.com", "/Op", "example.com/custom").is_err());
    }

    #[test]
    fn nan_aware_equality() {
        #[derive(Debug, PartialEq)]
        struct S {
            x: f64,
            s: &'static str,
        }
        assert!(same(
            &S {
                x: f64::NAN,
                s: "a"
            },
            &S {
                x: f64::NAN,
                s: "a"
            }
        )
        .is_ok());
        assert!(same(
            &S {
                x: f64::NAN,
                s: "a"
            },
            &S {
                x: f64::NAN,
                s: "b"
            }
        )
        .is_err());
        assert!(same(&S { x: 1.0, s: "a" }, &S { x: 1.0, s: "a" }).is_ok());
        assert!(same(
            &S {
                x: f64::INFINITY,
                s: "a"
            },
            &S {
                x: f64::NAN,
                s: "a"
            }
        )
        .is_err());
    }

    #[test]
    fn report_lines_are_one_line() {
        assert_eq!(
            report_line("input/json.json", 3, "A", &Ok(())),
            "PASS input/json.json\t3\tA"
        );
        assert_eq!(
            report_line("input/json.json", 3, "A", &Err("x\ny\tz".into())),
            "FAIL input/json.json\t3\tA\tx y z"
        );
    }
}
