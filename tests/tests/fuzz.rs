//! Property-based fuzzing of the loader and the whole pipeline.
//!
//! For arbitrary bytes, byte-level corruptions of valid models, and
//! structurally mutated valid models (hostile shape names, random types,
//! random references, random enum values, flags, documentation, ...),
//! `Config::model_bytes(..).generate()` never panics and either returns
//! diagnostics or files whose paths stay inside the output directory and that
//! parse as Rust.
//!
//! `cargo test -p shapegen-tests --test fuzz` runs 256 cases per property. For
//! a long run set `SHAPEGEN_FUZZ_CASES` (cases per batch) and/or
//! `SHAPEGEN_FUZZ_SECS` (keep running batches of fresh cases for that long,
//! per property) and use a release build:
//!
//! ```text
//! SHAPEGEN_FUZZ_SECS=600 cargo test --release -p shapegen-tests --test fuzz -- --nocapture
//! ```
//!
//! Each property prints how many cases it ran and how many generated code.
//! A failure prints the case (its seed and the model bytes) and proptest stores
//! the seed under `tests/proptest-regressions/` so the next run replays it.

use proptest::prelude::*;
use proptest::strategy::Strategy;
use proptest::test_runner::{Config as PtConfig, FileFailurePersistence};
use serde_json::{json, Map, Value};
use shapegen::{Config, Generated, Layout};
use std::cell::Cell;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

fn cases(default: u32) -> u32 {
    std::env::var("SHAPEGEN_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn config(default_cases: u32) -> PtConfig {
    PtConfig {
        cases: cases(default_cases),
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions",
        ))),
        source_file: Some(file!()),
        // Each case is a whole generator run: shrinking the seed is pointless.
        max_shrink_iters: 64,
        ..PtConfig::default()
    }
}

/// The valid models mutations start from.
fn seeds() -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out: Vec<Vec<u8>> = [
        "json_protocol",
        "rest_bindings",
        "unknown_fields",
        "xml_repeated_element",
    ]
    .iter()
    .map(|n| std::fs::read(root.join(format!("fixtures/valid/{n}.json"))).expect("fixture"))
    .collect();
    out.push(serde_json::to_vec(&rich_model()).unwrap());
    out
}

/// A small model using every feature: the richest mutation seed.
fn rich_model() -> Value {
    json!({
        "metadata": {"apiVersion": "2024-01-01", "protocol": "rest-json", "serviceId": "Rich",
                     "serviceFullName": "Rich Service", "timestampFormat": "unixTimestamp"},
        "documentation": "<p>The <b>rich</b> service.</p>",
        "operations": {
            "GetThing": {"name": "GetThing", "http": {"method": "GET", "requestUri": "/things/{id}", "responseCode": 200},
                         "input": {"shape": "GetThingIn"}, "output": {"shape": "Thing"}, "errors": [{"shape": "NotFound"}],
                         "documentation": "<p>Gets a thing.</p>"},
            "PutBlob": {"name": "PutBlob", "http": {"method": "PUT", "requestUri": "/blobs/{key+}"},
                        "input": {"shape": "PutBlobIn"}, "deprecated": true}
        },
        "shapes": {
            "GetThingIn": {"type": "structure", "required": ["id"], "members": {
                "id": {"shape": "Id", "location": "uri", "locationName": "id"},
                "verbose": {"shape": "Flag", "location": "querystring", "locationName": "verbose"},
                "since": {"shape": "When", "location": "header", "locationName": "X-Since"}}},
            "PutBlobIn": {"type": "structure", "required": ["key", "body"], "payload": "body", "members": {
                "key": {"shape": "Id", "location": "uri", "locationName": "key"},
                "body": {"shape": "Stream"},
                "token": {"shape": "Id", "idempotencyToken": true, "location": "header", "locationName": "X-Token"},
                "meta": {"shape": "Tags", "location": "headers", "locationName": "x-meta-"}}},
            "Thing": {"type": "structure", "members": {
                "id": {"shape": "Id"}, "kind": {"shape": "Kind"}, "tags": {"shape": "Tags"},
                "children": {"shape": "Things"}, "parent": {"shape": "Thing"}, "expr": {"shape": "Expr"},
                "doc": {"shape": "Doc"}, "raw": {"shape": "Id", "jsonvalue": true}, "count": {"shape": "Count"},
                "secret": {"shape": "Secret"}, "when": {"shape": "When", "timestampFormat": "iso8601"},
                "old": {"shape": "Id", "deprecated": true, "deprecatedMessage": "use id"}},
                "documentation": "<p>A thing.</p>"},
            "Things": {"type": "list", "member": {"shape": "Thing"}},
            "Tags": {"type": "map", "key": {"shape": "Id"}, "value": {"shape": "Id"}},
            "Expr": {"type": "structure", "union": true, "members": {
                "not": {"shape": "Expr"}, "all": {"shape": "Exprs"}, "leaf": {"shape": "Id"}}},
            "Exprs": {"type": "list", "member": {"shape": "Expr"}},
            "Events": {"type": "structure", "eventstream": true, "members": {"tick": {"shape": "Tick"}}},
            "Tick": {"type": "structure", "event": true, "members": {"at": {"shape": "When"}}},
            "NotFound": {"type": "structure", "exception": true, "error": {"httpStatusCode": 404},
                         "members": {"message": {"shape": "Id"}}},
            "Kind": {"type": "string", "enum": ["small", "LARGE", "x-large", "SELF", "1.5"]},
            "Doc": {"type": "structure", "document": true},
            "Secret": {"type": "string", "sensitive": true},
            "Stream": {"type": "blob", "streaming": true},
            "Flag": {"type": "boolean", "box": true},
            "Count": {"type": "integer"},
            "NullableCount": {"type": "integer"},
            "When": {"type": "timestamp"},
            "Id": {"type": "string"}
        }
    })
}

// ------------------------------------------------------------------ the property

thread_local! {
    // Per test thread, so properties running in parallel count their own cases.
    static RUNS: Cell<usize> = const { Cell::new(0) };
    static GENERATED: Cell<usize> = const { Cell::new(0) };
}

/// Run the pipeline on `bytes`; fail (with the reason) on a panic or on
/// generated output that is not what it should be.
fn check(bytes: &[u8], layout: Layout) -> Result<(), TestCaseError> {
    RUNS.with(|c| c.set(c.get() + 1));
    let cfg = Config::new()
        .model_bytes("fuzzed", "fuzz/model.json", bytes.to_vec())
        .layout(layout);
    let result = catch_unwind(AssertUnwindSafe(|| cfg.generate()));
    let generated = match result {
        Err(p) => {
            let msg = p
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| p.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            return Err(TestCaseError::fail(format!(
                "shapegen panicked: {msg}\nmodel: {}",
                String::from_utf8_lossy(bytes)
            )));
        }
        Ok(Err(diags)) => {
            // Diagnostics must say something.
            prop_assert!(!diags.is_empty());
            for d in diags.iter() {
                prop_assert!(!d.message.is_empty() && !d.help.is_empty(), "{d}");
            }
            return Ok(());
        }
        Ok(Ok(g)) => g,
    };
    GENERATED.with(|c| c.set(c.get() + 1));
    check_generated(&generated, bytes)
}

fn check_generated(g: &Generated, bytes: &[u8]) -> Result<(), TestCaseError> {
    let model = || String::from_utf8_lossy(bytes).into_owned();
    for (rel, text) in &g.files {
        let ok_path = rel.ends_with(".rs")
            && rel.split('/').all(|c| {
                !c.is_empty()
                    && c != "."
                    && c != ".."
                    && c.bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.')
            });
        prop_assert!(ok_path, "unsafe path {rel:?}\nmodel: {}", model());
        if let Err(e) = syn::parse_file(text) {
            return Err(TestCaseError::fail(format!(
                "{rel} does not parse: {e}\nmodel: {}",
                model()
            )));
        }
        let mut lines = text.lines();
        for _ in 0..2 {
            let l = lines.next().unwrap_or_default();
            prop_assert!(l.starts_with("// "), "{rel}: header {l:?}");
        }
    }
    Ok(())
}

/// Writes a generated tree into a fresh directory and checks that exactly the
/// generated files appear there, nowhere else.
fn check_written(g: &Generated, n: usize) -> Result<(), TestCaseError> {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("fuzz-write")
        .join(format!("{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let out = root.join("out");
    std::fs::create_dir_all(&out).unwrap();
    g.write(&out, &[""])
        .map_err(|d| TestCaseError::fail(d.to_string()))?;
    let mut found = Vec::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap().flatten() {
            if e.file_type().unwrap().is_dir() {
                stack.push(e.path());
            } else {
                found.push(
                    e.path()
                        .strip_prefix(&out)
                        .map(|p| p.to_string_lossy().into_owned()),
                );
            }
        }
    }
    let _ = std::fs::remove_dir_all(&root);
    let mut found: Vec<String> = found
        .into_iter()
        .map(|r| r.map_err(|_| TestCaseError::fail("a file outside the output directory")))
        .collect::<Result<_, _>>()?;
    found.sort();
    let expected: Vec<String> = g.files.keys().cloned().collect();
    prop_assert_eq!(found, expected);
    Ok(())
}

// ------------------------------------------------------------------ a small deterministic RNG

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // splitmix64
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Pieces of names: valid ones, keywords, std names, case variants and the
/// characters that must never reach a path or an identifier.
const NAME_PIECES: &[&str] = &[
    "Thing",
    "thing",
    "THING",
    "id",
    "Id",
    "ID",
    "foo_bar",
    "fooBar",
    "FooBar",
    "a",
    "b",
    "_",
    "__",
    "1",
    "2fa",
    "type",
    "Type",
    "self",
    "Self",
    "SELF",
    "super",
    "crate",
    "fn",
    "match",
    "async",
    "String",
    "Option",
    "Result",
    "Box",
    "Vec",
    "HashMap",
    "Default",
    "Some",
    "None",
    "Ok",
    "Err",
    "Error",
    "Unknown",
    "Unhandled",
    "Timestamp",
    "Blob",
    "Document",
    "Send",
    "build",
    "default",
    "set_a",
    "push_a",
    "missing",
    "primitives",
    "lib",
    "mod",
    "/",
    "..",
    ".",
    "\\",
    "\0",
    " ",
    "\n",
    "\r",
    "\t",
    "-",
    "é",
    "日本",
    "*/",
    "/*",
    "#[",
    "\"",
    "`",
    "{",
    "}",
    "x+",
    "$",
    "%",
    "\u{200b}",
];

const VALUE_PIECES: &[&str] = &[
    "a",
    "A",
    "a-b",
    "a_b",
    "A B",
    "SELF",
    "Self",
    "self",
    "UNKNOWN",
    "Unknown",
    "unknown",
    "*",
    "-",
    "1",
    "1.5",
    "0.5",
    "V1",
    "Value2A",
    "",
    " ",
    "\n",
    "\r",
    "\0",
    "é",
    "`",
    "``",
    "\"",
    "\\",
    "*/",
    "#[x]",
    "type",
    "fn",
    "DEFAULT_4XX",
    "application/json",
    "Self_",
    "_",
    "xxx",
];

const TYPES: &[&str] = &[
    "structure",
    "list",
    "map",
    "string",
    "integer",
    "long",
    "short",
    "byte",
    "boolean",
    "double",
    "float",
    "bigdecimal",
    "biginteger",
    "timestamp",
    "blob",
    "tuple",
    "",
    "String",
];

const FLAGS: &[&str] = &[
    "union",
    "document",
    "eventstream",
    "event",
    "exception",
    "fault",
    "sensitive",
    "deprecated",
    "box",
    "streaming",
    "requiresLength",
];

const MEMBER_FLAGS: &[&str] = &[
    "jsonvalue",
    "box",
    "deprecated",
    "idempotencyToken",
    "streaming",
    "eventpayload",
    "hostLabel",
];

const DOCS: &[&str] = &[
    "<p>plain</p>",
    "*/ /* #[x] ```rust\nfn x() {}\n```",
    "<pre>```\n   ```\ncode\r\n</pre>",
    "<a href=\"x&#13;y\">l</a> &#0; &#x110000; <code>`</code>",
    "\r bare \u{0} nul \u{1b}[0m",
    "    indented\n\n        more",
];

/// Names are mostly valid (so that mutated models get through validation and
/// exercise the generator) and sometimes hostile.
fn hostile_name(r: &mut Rng) -> String {
    let n = 1 + r.below(3);
    let clean = r.chance(75);
    (0..n)
        .map(|_| {
            let p = *r.pick(NAME_PIECES);
            if clean && !p.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                "X"
            } else {
                p
            }
        })
        .collect()
}

fn hostile_value(r: &mut Rng) -> String {
    let n = 1 + r.below(2);
    (0..n).map(|_| *r.pick(VALUE_PIECES)).collect()
}

fn random_json(r: &mut Rng, depth: usize) -> Value {
    match r.below(if depth > 2 { 6 } else { 8 }) {
        0 => Value::Null,
        1 => json!(r.chance(50)),
        2 => json!(r.next() as i64),
        3 => json!(-1.5e300),
        4 => json!(hostile_value(r)),
        5 => json!(r.next() % 70_000),
        6 => Value::Array((0..r.below(3)).map(|_| random_json(r, depth + 1)).collect()),
        _ => {
            let mut m = Map::new();
            for _ in 0..r.below(3) {
                m.insert(hostile_name(r), random_json(r, depth + 1));
            }
            Value::Object(m)
        }
    }
}

/// Every JSON pointer in `v`.
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    out.push(at.clone());
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                pointers(
                    x,
                    format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")),
                    out,
                );
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                pointers(x, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

fn shape_names(m: &Value) -> Vec<String> {
    m.get("shapes")
        .and_then(Value::as_object)
        .map(|s| s.keys().cloned().collect())
        .unwrap_or_default()
}

/// A shape name: usually an existing one, sometimes a hostile or dangling one.
fn some_shape(r: &mut Rng, m: &Value) -> String {
    let names = shape_names(m);
    if names.is_empty() || r.chance(5) {
        hostile_name(r)
    } else {
        r.pick(&names).clone()
    }
}

/// `v[key]`, turning `v` into an object first if it is not one (indexing a
/// non-object `Value` mutably panics).
fn field<'a>(v: &'a mut Value, key: &str) -> &'a mut Value {
    if !v.is_object() {
        *v = json!({});
    }
    match v {
        Value::Object(o) => o.entry(key.to_string()).or_insert(Value::Null),
        _ => unreachable!("made an object above"),
    }
}

fn shapes_mut(m: &mut Value) -> Option<&mut Map<String, Value>> {
    let shapes = field(m, "shapes");
    if !shapes.is_object() {
        *shapes = json!({});
    }
    shapes.as_object_mut()
}

/// Apply one structural mutation; `gentle` ones keep the model mostly valid
/// (so that it reaches the emitter), the others break anything.
fn mutate(r: &mut Rng, m: &mut Value, gentle: bool) {
    if !m.is_object() {
        *m = json!({"metadata": {}});
    }
    let names = shape_names(m);
    let target = if names.is_empty() {
        None
    } else {
        Some(r.pick(&names).clone())
    };
    let op = if gentle {
        *r.pick(&[0, 3, 4, 5, 6, 9, 10, 11, 12, 13, 13, 4])
    } else {
        r.below(14)
    };
    match op {
        // Rename a shape (and, usually, every reference to it).
        0 => {
            if let Some(old) = target {
                let new = hostile_name(r);
                let update_refs = r.chance(70);
                if let Some(shapes) = shapes_mut(m) {
                    if let Some(s) = shapes.remove(&old) {
                        shapes.insert(new.clone(), s);
                    }
                }
                if update_refs {
                    rename_refs(m, &old, &new);
                }
            }
        }
        // A different type.
        1 => {
            if let (Some(t), Some(shapes)) = (target, shapes_mut(m)) {
                *field(&mut shapes[&t], "type") = json!(*r.pick(TYPES));
            }
        }
        // Point a reference somewhere else.
        2 => {
            let mut ptrs = Vec::new();
            pointers(m, String::new(), &mut ptrs);
            let refs: Vec<&String> = ptrs.iter().filter(|p| p.ends_with("/shape")).collect();
            if !refs.is_empty() {
                let p = r.pick(&refs).to_string();
                let to = some_shape(r, m);
                if let Some(v) = m.pointer_mut(&p) {
                    *v = json!(to);
                }
            }
        }
        // Enum values.
        3 => {
            if let (Some(t), Some(shapes)) = (target, shapes_mut(m)) {
                let values: Vec<String> = (0..r.below(6)).map(|_| hostile_value(r)).collect();
                *field(&mut shapes[&t], "type") = json!("string");
                *field(&mut shapes[&t], "enum") = json!(values);
            }
        }
        // A new member.
        4 => {
            if let Some(t) = target {
                let member = hostile_name(r);
                let to = some_shape(r, m);
                let mut mref = json!({"shape": to});
                if r.chance(30) {
                    mref["location"] = json!(*r.pick(&[
                        "uri",
                        "querystring",
                        "header",
                        "headers",
                        "statusCode",
                        "body"
                    ]));
                    mref["locationName"] = json!(hostile_value(r));
                } else if r.chance(30) {
                    mref["locationName"] = json!(hostile_value(r));
                }
                if let Some(shapes) = shapes_mut(m) {
                    let s = &mut shapes[&t];
                    *field(field(s, "members"), &member) = mref;
                    if r.chance(30) {
                        let req = field(s, "required");
                        if !req.is_array() {
                            *req = json!([]);
                        }
                        if let Some(a) = req.as_array_mut() {
                            a.push(json!(member));
                        }
                    }
                }
            }
        }
        // A flag on a shape or a member.
        5 => {
            if let (Some(t), Some(shapes)) = (target, shapes_mut(m)) {
                let flag = *r.pick(FLAGS);
                *field(&mut shapes[&t], flag) = json!(true);
                if flag == "deprecated" {
                    *field(&mut shapes[&t], "deprecatedMessage") = json!(*r.pick(DOCS));
                }
            }
        }
        6 => {
            let mut ptrs = Vec::new();
            pointers(m, String::new(), &mut ptrs);
            let members: Vec<&String> = ptrs
                .iter()
                .filter(|p| p.rsplit('/').nth(1) == Some("members"))
                .collect();
            if !members.is_empty() {
                let p = r.pick(&members).to_string();
                let flag = *r.pick(MEMBER_FLAGS);
                if let Some(v) = m.pointer_mut(&p).and_then(Value::as_object_mut) {
                    v.insert(flag.to_string(), json!(true));
                }
            }
        }
        // Any value → a random JSON value.
        7 => {
            let mut ptrs = Vec::new();
            pointers(m, String::new(), &mut ptrs);
            let p = r.pick(&ptrs).to_string();
            let v = random_json(r, 0);
            if let Some(x) = m.pointer_mut(&p) {
                *x = v;
            }
        }
        // Delete a key.
        8 => {
            let mut ptrs = Vec::new();
            pointers(m, String::new(), &mut ptrs);
            let p = r.pick(&ptrs).to_string();
            if let Some((parent, key)) = p.rsplit_once('/') {
                let key = key.replace("~1", "/").replace("~0", "~");
                if let Some(Value::Object(o)) = m.pointer_mut(parent) {
                    o.remove(&key);
                }
            }
        }
        // A case variant of a shape, next to it.
        9 => {
            if let (Some(t), Some(shapes)) = (target, shapes_mut(m)) {
                let variant = match r.below(3) {
                    0 => t.to_lowercase(),
                    1 => t.to_uppercase(),
                    _ => t.chars().flat_map(|c| [c, '_']).collect(),
                };
                let s = shapes[&t].clone();
                shapes.insert(variant, s);
            }
        }
        // Another protocol.
        10 => {
            *field(field(m, "metadata"), "protocol") = json!(*r.pick(&[
                "json",
                "rest-json",
                "rest-xml",
                "query",
                "ec2",
                "smithy-rpc-v2-cbor",
                "bogus"
            ]));
            if r.chance(50) {
                *field(field(m, "metadata"), "serviceId") = json!(hostile_name(r));
            }
        }
        // Documentation.
        11 => {
            let mut ptrs = Vec::new();
            pointers(m, String::new(), &mut ptrs);
            // Shapes, members, operations and the model itself (anywhere at all
            // when not gentle).
            let objects: Vec<String> = ptrs
                .into_iter()
                .filter(|p| m.pointer(p).is_some_and(Value::is_object))
                .filter(|p| {
                    let parts: Vec<&str> = p.split('/').collect();
                    !gentle
                        || p.is_empty()
                        || matches!(parts.as_slice(), ["", "shapes" | "operations", _])
                        || matches!(parts.as_slice(), ["", "shapes", _, "members", _])
                })
                .collect();
            if !objects.is_empty() {
                let p = r.pick(&objects).clone();
                let doc = *r.pick(DOCS);
                if let Some(Value::Object(o)) = m.pointer_mut(&p) {
                    o.insert("documentation".into(), json!(doc));
                }
            }
        }
        // An operation.
        12 => {
            let name = hostile_name(r);
            let (uri, method) = if gentle {
                (
                    *r.pick(&["/", "/x", "/things"]),
                    *r.pick(&["GET", "POST", "PUT"]),
                )
            } else {
                (
                    *r.pick(&[
                        "/",
                        "/{a}",
                        "/{a+}/x",
                        "/x/{b}?q=1",
                        "{",
                        "/{}",
                        "/a/{a}/{a}",
                        "x",
                    ]),
                    *r.pick(&["GET", "POST", "get", "BREW"]),
                )
            };
            let mut op = json!({"name": name, "http": {"method": method, "requestUri": uri}});
            if r.chance(70) {
                op["input"] = json!({"shape": some_shape(r, m)});
            }
            if r.chance(50) {
                op["output"] = json!({"shape": some_shape(r, m)});
            }
            if r.chance(30) {
                op["errors"] = json!([{"shape": some_shape(r, m)}]);
            }
            *field(field(m, "operations"), &name) = op;
        }
        // A new shape of a random type referring to others.
        _ => {
            let name = hostile_name(r);
            let ty = *r.pick(TYPES);
            let mut s = json!({"type": ty});
            match ty {
                "list" => s["member"] = json!({"shape": some_shape(r, m)}),
                "map" => {
                    s["key"] = json!({"shape": some_shape(r, m)});
                    s["value"] = json!({"shape": some_shape(r, m)});
                }
                "structure" => {
                    let mut members = Map::new();
                    for _ in 0..r.below(4) {
                        members.insert(hostile_name(r), json!({"shape": some_shape(r, m)}));
                    }
                    s["members"] = Value::Object(members);
                }
                _ => {}
            }
            if let Some(shapes) = shapes_mut(m) {
                shapes.insert(name, s);
            }
        }
    }
}

fn rename_refs(v: &mut Value, old: &str, new: &str) {
    match v {
        Value::Object(o) => {
            for (k, x) in o.iter_mut() {
                if k == "shape" && x.as_str() == Some(old) {
                    *x = json!(new);
                } else {
                    rename_refs(x, old, new);
                }
            }
        }
        Value::Array(a) => a.iter_mut().for_each(|x| rename_refs(x, old, new)),
        _ => {}
    }
}

/// A seed model with `count` structural mutations, chosen by `seed`.
fn mutated(seed: u64, count: usize) -> Vec<u8> {
    let mut r = Rng(seed);
    let seeds = seeds();
    let base = r.pick(&seeds).clone();
    let mut m: Value = serde_json::from_slice(&base).expect("seed models are JSON");
    let gentle = r.chance(60);
    for _ in 0..count {
        mutate(&mut r, &mut m, gentle);
    }
    serde_json::to_vec(&m).unwrap()
}

/// A seed model with `count` byte-level corruptions.
fn corrupted(seed: u64, count: usize) -> Vec<u8> {
    let mut r = Rng(seed);
    let seeds = seeds();
    let mut b = r.pick(&seeds).clone();
    for _ in 0..count {
        if b.is_empty() {
            break;
        }
        let i = r.below(b.len());
        match r.below(5) {
            0 => b[i] = r.next() as u8,
            1 => {
                b.remove(i);
            }
            2 => b.insert(i, *r.pick(b"{}[]\",:\\0123456789-.eE \n\0\xff")),
            3 => b.truncate(i),
            _ => {
                let j = r.below(b.len());
                let (lo, hi) = (i.min(j), i.max(j));
                let chunk = b[lo..hi.min(lo + 64)].to_vec();
                let k = r.below(b.len());
                b.splice(k..k, chunk);
            }
        }
    }
    b
}

// ------------------------------------------------------------------ properties

/// Run one property with proptest's runner and print how many cases it ran
/// and how many of them generated code (the rest were rejected with
/// diagnostics).
fn property<S: Strategy>(
    name: &str,
    strategy: S,
    test: impl Fn(S::Value) -> Result<(), TestCaseError>,
) where
    S::Value: std::fmt::Debug,
{
    let (runs, generated) = (RUNS.with(Cell::get), GENERATED.with(Cell::get));
    let start = std::time::Instant::now();
    // With SHAPEGEN_FUZZ_SECS, batches of fresh random cases until the time is up.
    let budget = std::env::var("SHAPEGEN_FUZZ_SECS")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
        .map(std::time::Duration::from_secs);
    let result = loop {
        let mut runner = proptest::test_runner::TestRunner::new(config(256));
        let result = runner.run(&strategy, &test);
        if result.is_err() || budget.is_none_or(|b| start.elapsed() >= b) {
            break result;
        }
    };
    eprintln!(
        "{name}: {} cases, {} generated code, {:.1}s",
        RUNS.with(Cell::get) - runs,
        GENERATED.with(Cell::get) - generated,
        start.elapsed().as_secs_f64()
    );
    if let Err(e) = result {
        panic!("{name}: {e}");
    }
}

/// Arbitrary bytes: the loader rejects them cleanly.
#[test]
fn arbitrary_bytes() {
    property(
        "arbitrary_bytes",
        proptest::collection::vec(any::<u8>(), 0..512),
        |bytes| check(&bytes, Layout::Crate),
    );
}

/// Byte-level corruptions of valid models (flips, deletions, insertions,
/// truncations, duplicated chunks).
#[test]
fn corrupted_models() {
    property(
        "corrupted_models",
        (any::<u64>(), 1usize..8),
        |(seed, count)| check(&corrupted(seed, count), Layout::Crate),
    );
}

/// Structurally mutated valid models; now and then the result is written to a
/// fresh directory to see what lands on disk.
#[test]
fn mutated_models() {
    property(
        "mutated_models",
        (any::<u64>(), 1usize..10, any::<bool>()),
        |(seed, count, single)| {
            let bytes = mutated(seed, count);
            let layout = if single {
                Layout::SingleFile
            } else {
                Layout::Crate
            };
            check(&bytes, layout)?;
            if seed % 16 == 0 {
                let cfg = Config::new()
                    .model_bytes("fuzzed", "fuzz.json", bytes)
                    .layout(layout);
                if let Ok(g) = cfg.generate() {
                    check_written(&g, seed as usize)?;
                }
            }
            Ok(())
        },
    );
}

/// The seeds themselves generate (so mutations start from valid models), and
/// the counters are printed after a run with `--nocapture`.
#[test]
fn seeds_generate() {
    for (i, s) in seeds().iter().enumerate() {
        let g = Config::new()
            .model_bytes("seed", "seed.json", s.clone())
            .generate()
            .unwrap_or_else(|d| panic!("seed {i}: {d}"));
        check_generated(&g, s).unwrap();
    }
}
