//! Hostile models: models come from users, so the generator must never panic,
//! never write outside the output directory and never emit anything but the
//! intended declarations. Every model here either fails with clear diagnostics
//! (an insta snapshot of their `Display`) or generates code that compiles:
//! [`compile_expected_models_compile`] puts all of those (and the fixture
//! models of the other suites) into one scratch crate under `target/` and runs
//! `cargo clippy` on it once, with `-D warnings`.
//!
//! The models are built inline; `base()` is a minimal valid rest-json model.

use serde_json::{json, Map, Value};
use shapegen::{Config, Diagnostics, Generated, Layout};
use std::collections::BTreeSet;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

// ------------------------------------------------------------------ helpers

/// A valid rest-json model with the given shapes and operations.
fn model(shapes: Value, operations: Value) -> Value {
    json!({
        "version": "2.0",
        "metadata": {
            "apiVersion": "2024-01-01",
            "endpointPrefix": "hostile",
            "protocol": "rest-json",
            "protocols": ["rest-json"],
            "serviceFullName": "Hostile Service",
            "serviceId": "Hostile",
            "signatureVersion": "v4",
            "uid": "hostile-2024-01-01"
        },
        "operations": operations,
        "shapes": shapes
    })
}

fn shapes(shapes: Value) -> Value {
    model(shapes, json!({}))
}

fn bytes(v: &Value) -> Vec<u8> {
    serde_json::to_vec_pretty(v).expect("a Value always serializes")
}

fn with_metadata(mut m: Value, key: &str, value: Value) -> Value {
    m["metadata"][key] = value;
    m
}

fn string() -> Value {
    json!({"type": "string"})
}

/// Run the whole pipeline in memory, turning a panic into a test failure that
/// names the case.
fn run(case: &str, config: Config) -> Result<Generated, Diagnostics> {
    match catch_unwind(AssertUnwindSafe(|| config.generate())) {
        Ok(r) => r,
        Err(p) => {
            let msg = p
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| p.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            panic!("{case}: shapegen panicked: {msg}")
        }
    }
}

fn config(case: &str, module: &str, bytes: Vec<u8>) -> Config {
    Config::new().model_bytes(module, &format!("hostile/{case}.json"), bytes)
}

/// The diagnostics of a model that must fail; every one names a file and says
/// how to fix the problem.
fn error_of(case: &str, module: &str, bytes: Vec<u8>) -> String {
    match run(case, config(case, module, bytes)) {
        Ok(g) => panic!(
            "{case}: expected diagnostics, got {} generated files",
            g.files.len()
        ),
        Err(d) => {
            assert!(!d.is_empty(), "{case}: empty diagnostics");
            for x in d.iter() {
                assert!(!x.file.is_empty(), "{case}: {x}");
                assert!(!x.message.is_empty(), "{case}: {x}");
                assert!(!x.help.is_empty(), "{case}: {x}");
            }
            d.to_string()
        }
    }
}

macro_rules! hostile_errors {
    ($($name:ident => $bytes:expr,)*) => {
        $(
            #[test]
            fn $name() {
                let text = error_of(stringify!($name), "hostile", $bytes);
                insta::assert_snapshot!(stringify!($name), text);
            }
        )*
    };
}

// ------------------------------------------------------------------ models that must fail

fn truncated() -> Vec<u8> {
    let full = bytes(&shapes(json!({
        "Thing": {"type": "structure", "members": {"name": {"shape": "Name"}}},
        "Name": string()
    })));
    full[..full.len() / 2].to_vec()
}

/// `depth` nested JSON arrays, where a shape belongs (`in_shape`) or inside a
/// field the generator ignores.
fn deep_json(depth: usize, in_shape: bool) -> Vec<u8> {
    let mut s = String::from(r#"{"metadata": {"apiVersion": "1"}, "#);
    s.push_str(if in_shape {
        r#""shapes": {"Deep": "#
    } else {
        r#""shapes": {}, "examples": {"Deep": "#
    });
    s.push_str(&"[".repeat(depth));
    s.push_str(&"]".repeat(depth));
    s.push_str("}}");
    s.into_bytes()
}

/// A chain of `n` list shapes, each holding the next, ending in a string.
fn list_chain(n: usize) -> Vec<u8> {
    let mut sh = Map::new();
    for i in 0..n {
        let next = if i + 1 == n {
            "Leaf".to_string()
        } else {
            format!("L{}", i + 1)
        };
        sh.insert(
            format!("L{i}"),
            json!({"type": "list", "member": {"shape": next}}),
        );
    }
    sh.insert("Leaf".into(), string());
    sh.insert(
        "Holder".into(),
        json!({"type": "structure", "members": {"items": {"shape": "L0"}}}),
    );
    bytes(&shapes(Value::Object(sh)))
}

fn bad_names() -> Vec<u8> {
    bytes(&model(
        json!({
            "../evil": string(),
            "a/b": string(),
            "a\\b": string(),
            "nul\u{0}byte": string(),
            "..": string(),
            "Holder": {"type": "structure", "members": {
                "../up": {"shape": "Name"},
                "C:\\windows": {"shape": "Name"},
                "x\u{0}y": {"shape": "Name"}
            }},
            "Name": string()
        }),
        json!({"../../etc/passwd": {"name": "x", "http": {"method": "GET", "requestUri": "/"}}}),
    ))
}

fn non_ascii_model() -> Vec<u8> {
    bytes(&model(
        json!({
            "Ünïcödé": string(),
            "Thing": {"type": "structure", "members": {"naïve": {"shape": "Name"}, "名前": {"shape": "Name"}}},
            "Name": string()
        }),
        json!({"Получить": {"name": "Получить", "http": {"method": "GET", "requestUri": "/"}}}),
    ))
}

fn empty_and_digit_names() -> Vec<u8> {
    bytes(&model(
        json!({
            "": string(),
            "1Shape": string(),
            "Thing": {"type": "structure", "members": {"": {"shape": "Name"}, "2fa": {"shape": "Name"}}},
            "Name": string()
        }),
        json!({
            "": {"name": "", "http": {"method": "GET", "requestUri": "/"}},
            "3Op": {"name": "3Op", "http": {"method": "GET", "requestUri": "/x"}}
        }),
    ))
}

fn control_char_names() -> Vec<u8> {
    bytes(&shapes(json!({
        "Line\nBreak": string(),
        "Tab\tbed": string(),
        "Bell\u{7}": string(),
        "Space Name": string(),
        "Thing": {"type": "structure", "members": {"a\rb": {"shape": "Name"}}},
        "Name": string()
    })))
}

hostile_errors! {
    // Stage 1: bytes that are not a model.
    malformed_json => br#"{"metadata": {"apiVersion": "1"},, "shapes": {}}"#.to_vec(),
    required_cycle => bytes(&shapes(json!({
        "Egg": {"type": "structure", "required": ["hen"], "members": {"hen": {"shape": "Hen"}}},
        "Hen": {"type": "structure", "required": ["laidBy"], "members": {"laidBy": {"shape": "Choice"}}},
        "Choice": {"type": "structure", "union": true, "members": {"egg": {"shape": "Egg"}}}
    }))),
    truncated_json => truncated(),
    empty_input => Vec::new(),
    not_an_object => b"[1, 2, 3]".to_vec(),
    binary_garbage => vec![0xff, 0xfe, 0x00, 0x7b, 0x80, 0x81, 0x00, 0x22],
    invalid_utf8_in_string => b"{\"metadata\": {\"apiVersion\": \"\xff\xfe\"}, \"shapes\": {}}".to_vec(),
    trailing_garbage => br#"{"metadata": {}, "shapes": {}} {"again": true}"#.to_vec(),
    json_nested_1000_deep => deep_json(1000, true),
    // Fields of the wrong JSON type.
    wrong_type_shapes => bytes(&json!({"metadata": {}, "shapes": []})),
    wrong_type_members => bytes(&shapes(json!({"Thing": {"type": "structure", "members": "all of them"}}))),
    wrong_type_enum_value => bytes(&shapes(json!({"Color": {"type": "string", "enum": ["red", 7]}}))),
    wrong_type_shape_type => bytes(&shapes(json!({"Thing": {"type": 42}}))),
    wrong_type_required => bytes(&shapes(json!({"Thing": {"type": "structure", "required": "name", "members": {}}}))),
    response_code_out_of_range => bytes(&model(
        json!({}),
        json!({"Op": {"name": "Op", "http": {"method": "GET", "requestUri": "/", "responseCode": 70000}}}),
    )),
    // References to nothing.
    dangling_member_reference => bytes(&shapes(json!({
        "Thing": {"type": "structure", "members": {"child": {"shape": "Nowhere"}}}
    }))),
    dangling_operation_input => bytes(&model(
        json!({}),
        json!({"Op": {"name": "Op", "http": {"method": "POST", "requestUri": "/"}, "input": {"shape": "Missing"}}}),
    )),
    dangling_list_and_map => bytes(&shapes(json!({
        "Things": {"type": "list", "member": {"shape": "Thing"}},
        "ThingMap": {"type": "map", "key": {"shape": "Key"}, "value": {"shape": "Thing"}},
        "Key": string()
    }))),
    // Collisions after case conversion.
    member_collision_after_case_conversion => bytes(&shapes(json!({
        "Thing": {"type": "structure", "members": {"fooBar": {"shape": "Name"}, "foo_bar": {"shape": "Name"}}},
        "Name": string()
    }))),
    shape_collision_after_case_conversion => bytes(&shapes(json!({
        "Stage": {"type": "structure", "members": {}},
        "stage": {"type": "structure", "members": {}}
    }))),
    enum_collision_after_case_conversion => bytes(&shapes(json!({
        "Mode": {"type": "string", "enum": ["a-b", "a_b", "A B"]}
    }))),
    union_variant_collision => bytes(&shapes(json!({
        "Choice": {"type": "structure", "union": true, "members": {"a_b": {"shape": "Name"}, "aB": {"shape": "Name"}}},
        "Name": string()
    }))),
    operation_collision_after_case_conversion => bytes(&model(
        json!({}),
        json!({
            "GetThing": {"name": "GetThing", "http": {"method": "GET", "requestUri": "/a"}},
            "getThing": {"name": "getThing", "http": {"method": "GET", "requestUri": "/b"}}
        }),
    )),
    self_shapes_collide => bytes(&shapes(json!({
        "Self": {"type": "structure", "members": {}},
        "self": {"type": "structure", "members": {}}
    }))),
    enum_lookalike_values_collide => bytes(&shapes(json!({
        "Odd": {"type": "string", "enum": ["SELF", "Self_", "1", "-1", "+1", "V1", "*", "Value2A"]}
    }))),
    unknown_values_collide => bytes(&shapes(json!({
        "State": {"type": "string", "enum": ["UNKNOWN", "Unknown", "unknown"]}
    }))),
    builder_methods_collide => bytes(&shapes(json!({
        "Thing": {"type": "structure", "members": {
            "tags": {"shape": "Tags"},
            "pushTags": {"shape": "Name"},
            "name": {"shape": "Name"},
            "setName": {"shape": "Name"}
        }},
        "Tags": {"type": "list", "member": {"shape": "Name"}},
        "Name": string()
    }))),
    // Names that cannot become identifiers or file names.
    path_traversal_and_nul_names => bad_names(),
    non_ascii_names => non_ascii_model(),
    empty_and_digit_leading_names => empty_and_digit_names(),
    control_characters_in_names => control_char_names(),
    // Types Rust cannot express.
    list_containing_itself => bytes(&shapes(json!({
        "Nested": {"type": "list", "member": {"shape": "Nested"}},
        "Holder": {"type": "structure", "members": {"n": {"shape": "Nested"}}}
    }))),
    map_containing_itself_through_a_list => bytes(&shapes(json!({
        "M": {"type": "map", "key": {"shape": "K"}, "value": {"shape": "L"}},
        "L": {"type": "list", "member": {"shape": "M"}},
        "K": string(),
        "Holder": {"type": "structure", "members": {"m": {"shape": "M"}}}
    }))),
    lists_nested_40_deep => list_chain(40),
    structures_nested_60_deep => nesting_chain(60),
    unknown_shape_type => bytes(&shapes(json!({"Thing": {"type": "tuple"}}))),
}

// ------------------------------------------------------------------ module names

#[test]
fn module_named_like_the_runtime_or_the_crate_root() {
    let m = bytes(&shapes(json!({"Name": string()})));
    let mut out = String::new();
    for module in ["primitives", "lib"] {
        out.push_str(&error_of(&format!("module_{module}"), module, m.clone()));
        out.push('\n');
    }
    insta::assert_snapshot!("module_named_like_the_runtime_or_the_crate_root", out);
}

#[test]
fn two_models_one_module() {
    let m = bytes(&shapes(json!({"Name": string()})));
    let cfg = Config::new()
        .model_bytes("a-b", "hostile/a-b.json", m.clone())
        .model_bytes("a_b", "hostile/a_b.json", m);
    let err = run("two_models_one_module", cfg).expect_err("both become `a_b`");
    insta::assert_snapshot!("two_models_one_module", err.to_string());
}

// ------------------------------------------------------------------ nothing outside the output directory

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("hostile")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create a scratch directory");
    dir
}

/// Every file below `dir`, relative, sorted.
fn files_below(dir: &Path) -> Vec<String> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
        for e in std::fs::read_dir(dir).expect("read_dir").flatten() {
            let p = e.path();
            if e.file_type().expect("file type").is_dir() {
                walk(root, &p, out);
            } else {
                let rel = p.strip_prefix(root).expect("below root");
                out.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// Module names (from file names or `model_as`) and service names full of
/// path syntax still write only below the output directory.
#[test]
fn nothing_is_written_outside_the_output_directory() {
    let root = scratch("outside");
    let out = root.join("a").join("b").join("out");
    std::fs::create_dir_all(&out).unwrap();
    let m = with_metadata(
        with_metadata(
            shapes(json!({"Name": string()})),
            "serviceId",
            json!("../../../escape"),
        ),
        "serviceFullName",
        json!("/etc/passwd\\..\u{0}"),
    );
    let mut cfg = Config::new();
    for (i, module) in [
        "../../escape",
        "/abs/path",
        "a\\..\\b",
        "nul\u{0}name",
        "..",
        "CON",
    ]
    .iter()
    .enumerate()
    {
        cfg = cfg.model_bytes(module, &format!("../../display{i}.json"), bytes(&m));
    }
    for layout in [Layout::Crate, Layout::SingleFile] {
        let _ = std::fs::remove_dir_all(&out);
        std::fs::create_dir_all(&out).unwrap();
        let g = run("outside", cfg.clone().layout(layout)).expect("generates");
        for rel in g.files.keys() {
            assert!(
                rel.split('/').all(|c| !c.is_empty()
                    && c != "."
                    && c != ".."
                    && c.bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.')),
                "unexpected generated path {rel:?}"
            );
        }
        g.write(&out, &[""]).expect("writes");
        // Everything below `root` is below `out`, and is exactly what was generated.
        let all = files_below(&root);
        let expected: Vec<String> = g.files.keys().map(|k| format!("a/b/out/{k}")).collect();
        assert_eq!(all, expected, "{layout:?}");
    }
    insta::assert_snapshot!(
        "nothing_is_written_outside_the_output_directory",
        files_below(&out).join("\n")
    );
}

// ------------------------------------------------------------------ models that must compile

/// Documentation meant to break out of comments and attributes.
const HOSTILE_DOC: &str = "<p>Ends a comment */ and opens one /* and /** and an attribute #[cfg(any())] \
    #![no_std] <code>fn main() {}</code></p><pre><code>```rust\nfn evil() {}\n```\n</code></pre> \
    \u{0}\u{1}\u{7}\u{8}\u{b}\u{c}\u{1b}[31m \r bare CR \r\n CRLF \u{2028} \u{2029} \u{85} \u{feff} \
    \"quotes\" 'single' \\ backslash `tick` ``` ~~~ <b>unclosed <a href=\"javascript:x\">link \
    &amp; &lt; &gt; &#0; &#x110000; &#xD800; &bogus; & <!-- comment --> </p>\n//! inner\n/// outer\n\
    <pre>``` in a pre\n   ```\n    ````\nbare\rCR and a tab\there &#13; </pre> <a href=\"x&#13;&#10;y\">cr link</a>\n\
    <p>\n\n        indented eight\n\n    - indented list</p>";

fn long_line() -> String {
    "word ".repeat(20_000)
}

fn keywords() -> Vec<&'static str> {
    vec![
        "as",
        "break",
        "const",
        "continue",
        "crate",
        "else",
        "enum",
        "extern",
        "false",
        "fn",
        "for",
        "if",
        "impl",
        "in",
        "let",
        "loop",
        "match",
        "mod",
        "move",
        "mut",
        "pub",
        "ref",
        "return",
        "self",
        "static",
        "struct",
        "super",
        "trait",
        "true",
        "type",
        "unsafe",
        "use",
        "where",
        "while",
        "async",
        "await",
        "dyn",
        "abstract",
        "become",
        "box",
        "do",
        "final",
        "macro",
        "override",
        "priv",
        "typeof",
        "unsized",
        "virtual",
        "yield",
        "try",
        "gen",
        "union",
        "macro_rules",
        "raw",
        "safe",
        "auto",
        "default",
        "r",
    ]
}

fn keywords_everywhere() -> Vec<u8> {
    let kws = keywords();
    let mut sh = Map::new();
    let mut members = Map::new();
    for k in &kws {
        members.insert(k.to_string(), json!({"shape": "Name"}));
        // Shapes named like keywords, each used by a member.
        sh.insert(k.to_string(), json!({"type": "structure", "members": {}}));
    }
    let mut holder = Map::new();
    for k in &kws {
        holder.insert(format!("{k}Ref"), json!({"shape": k}));
    }
    sh.insert(
        "Keywords".into(),
        json!({"type": "structure", "members": members, "required": ["type", "self", "crate"]}),
    );
    sh.insert(
        "Holder".into(),
        json!({"type": "structure", "members": holder}),
    );
    sh.insert("Values".into(), json!({"type": "string", "enum": kws}));
    sh.insert("Name".into(), string());
    let mut ops = Map::new();
    for k in &kws {
        ops.insert(
            k.to_string(),
            json!({"name": k, "http": {"method": "POST", "requestUri": format!("/{k}")}, "input": {"shape": "Keywords"}, "output": {"shape": "Holder"}}),
        );
    }
    bytes(&model(Value::Object(sh), Value::Object(ops)))
}

fn self_names() -> Vec<u8> {
    bytes(&model(
        json!({
            "Self": {"type": "structure", "members": {"Self": {"shape": "Name"}, "super": {"shape": "Name"}, "crate": {"shape": "Name"}}},
            "super": {"type": "structure", "members": {"self": {"shape": "Self"}}},
            "crate": {"type": "structure", "members": {}},
            "SelfValues": {"type": "string", "enum": ["SELF", "super", "crate"]},
            "LowerSelf": {"type": "string", "enum": ["self"]},
            "CamelSelf": {"type": "string", "enum": ["Self"]},
            "Choice": {"type": "structure", "union": true, "members": {"Self": {"shape": "Name"}, "self_ref": {"shape": "Choice"}, "Unknown": {"shape": "Name"}}},
            "Name": string()
        }),
        json!({
            "Self": {"name": "Self", "http": {"method": "GET", "requestUri": "/self"}, "input": {"shape": "Self"}, "output": {"shape": "super"}},
            "crate": {"name": "crate", "http": {"method": "GET", "requestUri": "/crate"}}
        }),
    ))
}

/// Shapes named like prelude, std and runtime types, all used so that the
/// generated code has to refer to the real ones.
fn prelude_names() -> Vec<u8> {
    let names = [
        "String",
        "Option",
        "Result",
        "Box",
        "Vec",
        "HashMap",
        "BTreeMap",
        "Default",
        "Some",
        "None",
        "Ok",
        "Err",
        "Clone",
        "Debug",
        "PartialEq",
        "Eq",
        "Hash",
        "Copy",
        "Send",
        "Sync",
        "Sized",
        "From",
        "Into",
        "AsRef",
        "ToString",
        "Iterator",
        "Fn",
        "Drop",
        "Timestamp",
        "Blob",
        "Document",
        "EpochSeconds",
        "Iso8601",
        "HttpDate",
        "BuildError",
        "Operation",
        "Future",
        "Serialize",
        "Deserialize",
        "Display",
        "FromStr",
        "Error",
        "Unhandled",
        "Self_",
        "Unknown",
        "Infallible",
        "Formatter",
        "Visitor",
        "Deserializer",
        "Serializer",
        "Ordering",
        "Types",
        "Enums",
        "Builders",
        "Operations",
        "Primitives",
        "Serde",
        "Std",
        "Core",
        "Str",
        "Bool",
        "U16",
    ];
    let mut sh = Map::new();
    for n in names {
        sh.insert(
            n.to_string(),
            json!({"type": "structure", "members": {"message": {"shape": "Text"}, "code": {"shape": "Text"}},
                   "required": ["code"], "exception": true, "error": {"httpStatusCode": 400}}),
        );
    }
    sh.insert(
        "Everything".into(),
        json!({"type": "structure", "required": ["text", "when", "id"], "members": {
            "text": {"shape": "Text"}, "opt": {"shape": "Text"}, "flag": {"shape": "Flag"},
            "count": {"shape": "Count"}, "NullableCount": {"shape": "NullableCount"},
            "when": {"shape": "When"}, "data": {"shape": "Data"}, "doc": {"shape": "Doc"},
            "list": {"shape": "TextList"}, "map": {"shape": "TextMap"}, "mode": {"shape": "Mode"},
            "headerText": {"shape": "Text", "location": "header", "locationName": "x-text"},
            "queryList": {"shape": "TextList", "location": "querystring", "locationName": "q"},
            "id": {"shape": "Text", "location": "uri", "locationName": "id"},
            "prefixed": {"shape": "TextMap", "location": "headers", "locationName": "x-meta-"},
            "err": {"shape": "Error"}, "res": {"shape": "Result"}, "opt2": {"shape": "Option"},
            "str": {"shape": "String"}
        }}),
    );
    sh.insert("Text".into(), string());
    sh.insert("Flag".into(), json!({"type": "boolean"}));
    sh.insert("Count".into(), json!({"type": "integer"}));
    sh.insert("NullableCount".into(), json!({"type": "integer"}));
    sh.insert("When".into(), json!({"type": "timestamp"}));
    sh.insert("Data".into(), json!({"type": "blob"}));
    sh.insert("Doc".into(), json!({"type": "structure", "document": true}));
    sh.insert(
        "TextList".into(),
        json!({"type": "list", "member": {"shape": "Text"}}),
    );
    sh.insert(
        "TextMap".into(),
        json!({"type": "map", "key": {"shape": "Text"}, "value": {"shape": "Text"}}),
    );
    sh.insert(
        "Mode".into(),
        json!({"type": "string", "enum": ["a", "Unknown", "b"]}),
    );
    let errors: Vec<Value> = names.iter().map(|n| json!({"shape": n})).collect();
    let ops = json!({
        "PutEverything": {"name": "PutEverything", "http": {"method": "PUT", "requestUri": "/things/{id}"},
            "input": {"shape": "Everything"}, "output": {"shape": "Everything"}, "errors": errors}
    });
    bytes(&model(Value::Object(sh), ops))
}

/// Operations named like the items of the operations module and std types;
/// a service id naming the error type.
fn operation_names() -> Vec<u8> {
    let names = [
        "Error",
        "String",
        "Option",
        "Result",
        "Some",
        "None",
        "Ok",
        "Err",
        "Send",
        "Sized",
        "Blob",
        "Document",
        "Timestamp",
        "Operation",
        "Future",
        "Vec",
        "Default",
        "Hostile",
        "HostileApi",
        "Unhandled",
        "Box",
        "Into",
        "Iso8601",
    ];
    let mut ops = Map::new();
    for (i, n) in names.iter().enumerate() {
        ops.insert(
            n.to_string(),
            json!({"name": n, "http": {"method": "POST", "requestUri": format!("/op{i}/{{id}}")},
                   "input": {"shape": "In"}, "output": {"shape": "Out"}, "errors": [{"shape": "Oops"}]}),
        );
    }
    let m = model(
        json!({
            "In": {"type": "structure", "required": ["id"], "members": {
                "id": {"shape": "Text", "location": "uri", "locationName": "id"},
                "body": {"shape": "Text"}}, "payload": "body"},
            "Out": {"type": "structure", "members": {"status": {"shape": "Code", "location": "statusCode"}}},
            "Oops": {"type": "structure", "members": {"Message": {"shape": "Text"}}, "exception": true},
            "Text": string(),
            "Code": {"type": "integer"}
        }),
        Value::Object(ops),
    );
    bytes(&with_metadata(m, "serviceId", json!("Hostile")))
}

fn service_id_named_error() -> Vec<u8> {
    let m = model(
        json!({"Text": string()}),
        json!({"Ping": {"name": "Ping", "http": {"method": "GET", "requestUri": "/"}}}),
    );
    let m = with_metadata(m, "serviceId", json!("Error"));
    bytes(&with_metadata(
        m,
        "serviceFullName",
        json!("Error */ #[doc] \n\r\u{0} `"),
    ))
}

/// Paragraphs, breaks and nested lists inside list items, as EC2's docs have
/// them: no line may be a lazy continuation (clippy's `doc_lazy_continuation`).
const LIST_DOC: &str = "<ul><li><p>One:</p><p>arn:aws:x</p><p>More.</p></li>\
<li>Two<br/>lines<ul><li>nested</li><li>twice<ul><li>deeper</li></ul><p>after deeper</p></li></ul>\
<p>after nested</p></li><p>stray</p><li>three</li></ul><p>After.</p>";

fn hostile_docs() -> Vec<u8> {
    let long = long_line();
    let mut m = model(
        json!({
            "Thing": {"type": "structure", "documentation": HOSTILE_DOC, "members": {
                "a": {"shape": "Text", "documentation": HOSTILE_DOC},
                "b": {"shape": "Text", "documentation": long},
                "c": {"shape": "Text", "deprecated": true, "deprecatedMessage": HOSTILE_DOC},
                "d": {"shape": "Mode"},
                "e": {"shape": "Text", "documentation": LIST_DOC}
            }, "deprecated": true, "deprecatedMessage": "use \"Other\")] #[x"},
            "Mode": {"type": "string", "documentation": HOSTILE_DOC, "enum": ["x"], "deprecated": true},
            "Choice": {"type": "structure", "union": true, "documentation": HOSTILE_DOC,
                       "members": {"a": {"shape": "Text", "documentation": HOSTILE_DOC}}},
            "Text": {"type": "string", "documentation": long}
        }),
        json!({"Go": {"name": "Go", "http": {"method": "POST", "requestUri": "/"}, "documentation": HOSTILE_DOC,
                      "input": {"shape": "Thing"}, "deprecated": true, "deprecatedMessage": HOSTILE_DOC}}),
    );
    m["documentation"] = json!(HOSTILE_DOC);
    m["metadata"]["serviceFullName"] = json!(HOSTILE_DOC);
    m["metadata"]["apiVersion"] = json!("*/ \n #[x] \u{0}");
    bytes(&m)
}

fn hostile_enum_values() -> Vec<u8> {
    let long = "V".repeat(5_000);
    bytes(&shapes(json!({
        "Odd": {"type": "string", "enum": [
            "*", "-", "``", "`", "\n", "\r\n", "\"", "\\", "é", "日本", "1", "1.5", ".", "..", "a b", "{}",
            "#[x]", "*/", "/*", "*/\n/*", "SELF", "UNKNOWN", "\u{0}", "\u{7f}", "\u{2028}", long, "_", "__", "r#type", "x\ry",
            "0", "00", "0.0", "1e3", "1.", ".5", "type", "fn", "match"
        ]},
        "Holder": {"type": "structure", "members": {
            "odd": {"shape": "Odd"},
            "oddList": {"shape": "OddList"},
            "oddMap": {"shape": "OddMap"}
        }},
        "OddList": {"type": "list", "member": {"shape": "Odd"}},
        "OddMap": {"type": "map", "key": {"shape": "Odd"}, "value": {"shape": "Odd"}}
    })))
}

fn big_enum_and_struct() -> Vec<u8> {
    let values: Vec<String> = (0..3000).map(|i| format!("value-{i}.x")).collect();
    let mut members = Map::new();
    for i in 0..600 {
        members.insert(
            format!("member{i}"),
            json!({"shape": if i % 2 == 0 { "Big" } else { "Text" }}),
        );
    }
    let required: Vec<String> = (0..600).step_by(7).map(|i| format!("member{i}")).collect();
    bytes(&shapes(json!({
        "Big": {"type": "string", "enum": values},
        "Wide": {"type": "structure", "members": members, "required": required},
        "Text": string()
    })))
}

fn recursion() -> Vec<u8> {
    bytes(&model(
        json!({
            "Node": {"type": "structure", "members": {"next": {"shape": "Node"}, "value": {"shape": "Text"}}},
            "A": {"type": "structure", "required": ["b"], "members": {"b": {"shape": "B"}}},
            "B": {"type": "structure", "members": {"c": {"shape": "C"}, "a": {"shape": "A"}}},
            "C": {"type": "structure", "members": {"a": {"shape": "A"}, "choice": {"shape": "Expr"}}},
            "Expr": {"type": "structure", "union": true, "members": {
                "not": {"shape": "Expr"}, "and": {"shape": "ExprList"}, "named": {"shape": "ExprMap"},
                "leaf": {"shape": "Text"}, "node": {"shape": "Node"}}},
            "ExprList": {"type": "list", "member": {"shape": "Expr"}},
            "ExprMap": {"type": "map", "key": {"shape": "Text"}, "value": {"shape": "Expr"}},
            "Tree": {"type": "structure", "members": {"children": {"shape": "Forest"}, "byName": {"shape": "TreeMap"}}},
            "Forest": {"type": "list", "member": {"shape": "Tree"}},
            "TreeMap": {"type": "map", "key": {"shape": "Text"}, "value": {"shape": "Forest"}},
            "Secret": {"type": "structure", "sensitive": true, "members": {"inner": {"shape": "Secret"}, "err": {"shape": "Failure"}}},
            "Failure": {"type": "structure", "exception": true, "members": {"cause": {"shape": "Failure"}, "message": {"shape": "Text"}}},
            "Text": string()
        }),
        json!({"Walk": {"name": "Walk", "http": {"method": "POST", "requestUri": "/"},
                        "input": {"shape": "A"}, "output": {"shape": "Tree"}, "errors": [{"shape": "Failure"}]}}),
    ))
}

fn unions_documents_streams() -> Vec<u8> {
    bytes(&model(
        json!({
            "Value": {"type": "structure", "union": true, "members": {
                "doc": {"shape": "Doc"}, "json": {"shape": "Text", "jsonvalue": true},
                "list": {"shape": "Texts"}, "map": {"shape": "TextMap"}, "mode": {"shape": "Mode"},
                "when": {"shape": "When"}, "blob": {"shape": "Data"}, "flag": {"shape": "Flag"},
                "renamed": {"shape": "Text", "locationName": "Renamed-On-Wire"},
                "secret": {"shape": "Secret"}}},
            "Empty": {"type": "structure", "union": true, "members": {}},
            "EmptySecret": {"type": "structure", "union": true, "sensitive": true, "members": {}},
            "SecretUnion": {"type": "structure", "union": true, "sensitive": true, "members": {"a": {"shape": "Text"}}},
            "Secret": {"type": "string", "sensitive": true},
            "Doc": {"type": "structure", "document": true},
            "Texts": {"type": "list", "member": {"shape": "Text"}},
            "TextMap": {"type": "map", "key": {"shape": "Mode"}, "value": {"shape": "Doc"}},
            "Mode": {"type": "string", "enum": ["a", "b"]},
            "When": {"type": "timestamp", "timestampFormat": "iso8601"},
            "Data": {"type": "blob"},
            "Stream": {"type": "blob", "streaming": true, "requiresLength": true},
            "Flag": {"type": "boolean", "box": true},
            "Events": {"type": "structure", "eventstream": true, "members": {
                "chunk": {"shape": "Chunk"}, "end": {"shape": "End"}, "failure": {"shape": "StreamFailure"}}},
            "Chunk": {"type": "structure", "event": true, "members": {"bytes": {"shape": "Data", "eventpayload": true}}},
            "End": {"type": "structure", "event": true, "members": {}},
            "StreamFailure": {"type": "structure", "exception": true, "members": {"message": {"shape": "Text"}}},
            "UploadIn": {"type": "structure", "required": ["body"], "payload": "body", "members": {
                "body": {"shape": "Stream"},
                "token": {"shape": "Text", "idempotencyToken": true, "location": "header", "locationName": "x-token"},
                "value": {"shape": "Value", "location": "header", "locationName": "x-value", "jsonvalue": true}}},
            "WatchOut": {"type": "structure", "payload": "events", "members": {"events": {"shape": "Events"}}},
            "Text": string()
        }),
        json!({
            "Upload": {"name": "Upload", "http": {"method": "PUT", "requestUri": "/upload"}, "input": {"shape": "UploadIn"}},
            "Watch": {"name": "Watch", "http": {"method": "GET", "requestUri": "/watch"}, "output": {"shape": "WatchOut"},
                      "errors": [{"shape": "StreamFailure"}]}
        }),
    ))
}

/// Members named like the locals and parameters of generated functions, and
/// like builder methods.
fn local_names() -> Vec<u8> {
    let names = [
        "missing",
        "v",
        "out",
        "input",
        "f",
        "key",
        "value",
        "item",
        "s",
        "d",
        "self",
        "build",
        "default",
        "builder",
        "other",
        "m",
        "c",
        "e",
        "status",
        "code",
        "message",
        "fmt",
        "serialize",
        "deserialize",
        "as_str",
        "values",
        "new",
        "clone",
        "into",
        "from",
        "to_param",
        "push_params",
    ];
    let mut members = Map::new();
    for n in names {
        members.insert(n.to_string(), json!({"shape": "Texts"}));
    }
    members.insert(
        "id".into(),
        json!({"shape": "Text", "location": "uri", "locationName": "out"}),
    );
    members.insert(
        "q".into(),
        json!({"shape": "Text", "location": "querystring", "locationName": "input"}),
    );
    members.insert(
        "h".into(),
        json!({"shape": "Text", "location": "header", "locationName": "f"}),
    );
    let required: Vec<&str> = names.iter().copied().chain(["id"]).collect();
    bytes(&model(
        json!({
            "Locals": {"type": "structure", "members": members, "required": required},
            "Failure": {"type": "structure", "exception": true, "required": ["message"], "members": {"message": {"shape": "Text"}, "f": {"shape": "Text"}}},
            "Texts": {"type": "list", "member": {"shape": "Text"}},
            "Text": string()
        }),
        json!({"Op": {"name": "Op", "http": {"method": "POST", "requestUri": "/{out}/x"}, "input": {"shape": "Locals"},
                      "output": {"shape": "Locals"}, "errors": [{"shape": "Failure"}]}}),
    ))
}

fn hostile_wire_names() -> Vec<u8> {
    bytes(&model(
        json!({
            "In": {"type": "structure", "required": ["p", "greedy"], "members": {
                "p": {"shape": "Text", "location": "uri", "locationName": "weird-name"},
                "greedy": {"shape": "Text", "location": "uri", "locationName": "rest"},
                "a": {"shape": "Text", "locationName": "quote\"d"},
                "b": {"shape": "Text", "locationName": "back\\slash"},
                "c": {"shape": "Text", "locationName": "new\nline"},
                "d": {"shape": "Text", "locationName": "nul\u{0}"},
                "e": {"shape": "Text", "locationName": "ünï"},
                "f": {"shape": "Text", "locationName": ""},
                "g": {"shape": "Text", "location": "header", "locationName": "X-\"Evil\"\r\nInjected: 1"},
                "h": {"shape": "Text", "location": "querystring", "locationName": "a&b=c#d"},
                "i": {"shape": "Text", "locationName": "g"}
            }},
            "Text": string()
        }),
        json!({"Op": {"name": "Op", "http": {"method": "POST", "requestUri": "/a\"b/{weird-name}/c\\d/{rest+}?x=\"y\"&z"},
                      "input": {"shape": "In"}}}),
    ))
}

/// A model in protocol `p`. In the XML and query protocols two members may
/// share an element name (S3's `CloudFunctionConfiguration`).
fn protocol(p: &str) -> Vec<u8> {
    protocol_listing(p, &[p])
}

/// A model that says `protocol: p` and lists `protocols`, with a member of
/// each kind query keys tell apart (a flattened list whose items have a name,
/// a map, a structure) and, unless it speaks `json`, `query` or `ec2`, one
/// bound to a header.
fn protocol_listing(p: &str, protocols: &[&str]) -> Vec<u8> {
    let events = if matches!(p, "rest-xml" | "query" | "ec2") {
        "Event"
    } else {
        "EventList"
    };
    let mut config = json!({
        "Event": {"shape": "Text"},
        "Events": {"shape": "TextList", "locationName": events},
        "When": {"shape": "When"},
        "Mode": {"shape": "Mode", "locationName": "mode"},
        "Tags": {"shape": "TagMap"},
        "Where": {"shape": "Where"}
    });
    let rpc = protocols
        .iter()
        .any(|l| matches!(*l, "json" | "query" | "ec2"));
    if !rpc {
        config["Token"] = json!({"shape": "Text", "location": "header", "locationName": "x-token"});
    }
    let m = model(
        json!({
            "Config": {"type": "structure", "members": config},
            "TextList": {"type": "list", "member": {"shape": "Text", "locationName": "item"}, "flattened": true},
            "TagMap": {"type": "map", "key": {"shape": "Text"}, "value": {"shape": "Text"}},
            "Where": {"type": "structure", "members": {"Zone": {"shape": "Text"}}},
            "When": {"type": "timestamp"},
            "Mode": {"type": "string", "enum": ["on", "off"]},
            "Text": string()
        }),
        json!({"Put": {"name": "Put", "http": {"method": "POST", "requestUri": "/"}, "input": {"shape": "Config"}}}),
    );
    let m = with_metadata(m, "protocol", json!(p));
    let m = with_metadata(m, "jsonVersion", json!("1.0"));
    let m = with_metadata(m, "targetPrefix", json!("Hostile_20240101"));
    bytes(&with_metadata(m, "protocols", json!(protocols)))
}

fn empty_model() -> Vec<u8> {
    br#"{"metadata": {}}"#.to_vec()
}

fn unknown_fields_everywhere() -> Vec<u8> {
    let mut m = shapes(json!({
        "Thing": {"type": "structure", "members": {"a": {"shape": "Text", "futureTrait": {"x": [1, 2, {"y": null}]}}},
                  "min": 1e300, "max": -1e300, "pattern": "^[\\u0000-\\uffff]*$", "xmlNamespace": {"uri": "x"}},
        "Text": {"type": "string", "min": 0, "max": 18446744073709551615u64}
    }));
    m["metadata"]["newThing"] = json!({"deep": {"deeper": [true, false, null]}});
    m["examples"] = json!({"a": 1});
    bytes(&m)
}

fn builder_lookalikes() -> Vec<u8> {
    bytes(&shapes(json!({
        "Foo": {"type": "structure", "required": ["x"], "members": {"x": {"shape": "Text"}, "fooBuilder": {"shape": "FooBuilder"}}},
        "FooBuilder": {"type": "structure", "members": {"foo": {"shape": "Foo"}}},
        "FooBuilderBuilder": {"type": "structure", "members": {}},
        "Text": string()
    })))
}

fn nesting_chain(n: usize) -> Vec<u8> {
    // `n` structures, each holding the next: deep, but not recursive.
    let mut sh = Map::new();
    for i in 0..n {
        let members = if i + 1 == n {
            json!({"leaf": {"shape": "Text"}})
        } else {
            json!({"next": {"shape": format!("S{}", i + 1)}, "list": {"shape": format!("L{}", i + 1)}})
        };
        sh.insert(
            format!("S{i}"),
            json!({"type": "structure", "members": members}),
        );
        if i > 0 {
            sh.insert(
                format!("L{i}"),
                json!({"type": "list", "member": {"shape": format!("S{i}")}}),
            );
        }
    }
    sh.insert("Text".into(), string());
    bytes(&shapes(Value::Object(sh)))
}

fn timestamps() -> Vec<u8> {
    let m = model(
        json!({
            "T": {"type": "structure", "members": {
                "a": {"shape": "Plain"}, "b": {"shape": "Iso"}, "c": {"shape": "Epoch"}, "d": {"shape": "Http"},
                "e": {"shape": "Plain", "timestampFormat": "rfc822"},
                "h": {"shape": "Plain", "location": "header", "locationName": "x-h"},
                "q": {"shape": "Plain", "location": "querystring", "locationName": "q"},
                "l": {"shape": "PlainList", "location": "querystring", "locationName": "l"}
            }},
            "Plain": {"type": "timestamp"},
            "Iso": {"type": "timestamp", "timestampFormat": "iso8601"},
            "Epoch": {"type": "timestamp", "timestampFormat": "unixTimestamp"},
            "Http": {"type": "timestamp", "timestampFormat": "rfc822"},
            "PlainList": {"type": "list", "member": {"shape": "Plain"}}
        }),
        json!({"Op": {"name": "Op", "http": {"method": "GET", "requestUri": "/"}, "input": {"shape": "T"}}}),
    );
    bytes(&with_metadata(m, "timestampFormat", json!("iso8601")))
}

/// Lists nested on either side of clippy's `type_complexity` threshold (250:
/// a named type costs ten times its depth): `Option<Vec<Vec<Vec<Vec<String>>>>>`
/// scores 210 and passes, one list more (280) needs the `allow` the generator
/// puts on the field; the same for union variants (no `Option`).
fn deep_types() -> Vec<u8> {
    let mut sh = Map::new();
    for (prefix, n) in [("Four", 4), ("Five", 5), ("Six", 6)] {
        for i in 0..n {
            let next = if i + 1 == n {
                "Leaf".to_string()
            } else {
                format!("{prefix}{}", i + 1)
            };
            sh.insert(
                format!("{prefix}{i}"),
                json!({"type": "list", "member": {"shape": next}}),
            );
        }
    }
    sh.insert("Leaf".into(), string());
    sh.insert(
        "Holder".into(),
        json!({"type": "structure", "required": ["five"], "members": {
            "four": {"shape": "Four0"}, "five": {"shape": "Five0"}, "fiveOpt": {"shape": "Five0"}
        }}),
    );
    sh.insert(
        "Either".into(),
        json!({"type": "structure", "union": true, "members": {
            "five": {"shape": "Five0"}, "six": {"shape": "Six0"}
        }}),
    );
    bytes(&shapes(Value::Object(sh)))
}

/// Structures without members only, in every role: no `setters!` line is
/// generated, so none may be imported (`unused import: setters`).
fn empty_structures() -> Vec<u8> {
    bytes(&model(
        json!({
            "In": {"type": "structure", "members": {}},
            "Out": {"type": "structure", "members": {}},
            "Oops": {"type": "structure", "members": {}, "exception": true, "error": {"httpStatusCode": 400}}
        }),
        json!({"Op": {"name": "Op", "http": {"method": "POST", "requestUri": "/"},
                      "input": {"shape": "In"}, "output": {"shape": "Out"}, "errors": [{"shape": "Oops"}]}}),
    ))
}

/// Models that must generate code that compiles, by module name. Each is
/// generated on its own into `src/<case>/` of one scratch crate.
fn compile_cases() -> Vec<(&'static str, &'static str, Vec<u8>)> {
    vec![
        ("keywords_everywhere", "keywords", keywords_everywhere()),
        ("self_super_crate", "self", self_names()),
        ("prelude_and_std_names", "std", prelude_names()),
        ("operation_names", "operations", operation_names()),
        ("service_id_named_error", "crate", service_id_named_error()),
        ("hostile_documentation", "super", hostile_docs()),
        ("hostile_enum_values", "serde", hostile_enum_values()),
        ("big_enum_and_struct", "core", big_enum_and_struct()),
        ("recursion", "alloc", recursion()),
        (
            "unions_documents_streams",
            "types",
            unions_documents_streams(),
        ),
        ("local_names", "builders", local_names()),
        ("hostile_wire_names", "enums", hostile_wire_names()),
        ("protocol_rest_xml", "rest_xml", protocol("rest-xml")),
        ("protocol_query", "query", protocol("query")),
        ("protocol_ec2", "ec2", protocol("ec2")),
        ("protocol_json", "json", protocol("json")),
        ("protocol_cbor", "cbor", protocol("smithy-rpc-v2-cbor")),
        (
            "protocol_cbor_listing_json",
            "cbor_json",
            protocol_listing("smithy-rpc-v2-cbor", &["smithy-rpc-v2-cbor", "json"]),
        ),
        ("empty_model", "r#type", empty_model()),
        (
            "unknown_fields_everywhere",
            "future",
            unknown_fields_everywhere(),
        ),
        ("builder_lookalikes", "foo_builder", builder_lookalikes()),
        ("structures_nested_30_deep", "deep", nesting_chain(30)),
        ("lists_nested_32_deep", "lists", list_chain(32)),
        ("timestamps", "time", timestamps()),
        ("empty_structures", "empty", empty_structures()),
        ("deep_types", "nested", deep_types()),
    ]
}

/// The fixture models the other test suites generate (`tests/fixtures/valid/*.json`,
/// `http`, `unions`), as compile cases named `fixture_<stem>`.
fn fixture_cases(root: &Path) -> Vec<(String, String, Vec<u8>)> {
    let fixtures = root.join("tests/fixtures");
    let mut files: Vec<PathBuf> = std::fs::read_dir(fixtures.join("valid"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files.push(fixtures.join("http/http.json"));
    files.push(fixtures.join("unions/unions.json"));
    files
        .into_iter()
        .map(|f| {
            let stem = f.file_stem().unwrap().to_string_lossy().into_owned();
            (format!("fixture_{stem}"), stem, std::fs::read(&f).unwrap())
        })
        .collect()
}

/// Every compile case generates (each on its own, checked here); then all of
/// them, and the fixture models of the other suites, are checked by one
/// `cargo clippy -- -D warnings` of a scratch crate with one module per case,
/// each generated with the crate layout (its `lib.rs` becomes the case's
/// `mod.rs`), plus two cases in the single-file layout. The crate has no
/// `rust-version`, as a user's crate may not: clippy then applies every lint
/// of the toolchain, including those that suggest recent std methods (its
/// `-D warnings` also applies to the runtime, through `RUSTFLAGS`).
#[test]
fn compile_expected_models_compile() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root")
        .to_path_buf();
    let work = root.join("target").join("hostile-check");
    let krate = work.join("crate");
    let src = krate.join("src");
    let _ = std::fs::remove_dir_all(&src);
    std::fs::create_dir_all(&src).unwrap();
    let mut lib = String::from(
        "//! Hostile models that must compile (generated by tests/tests/hostile.rs).\n",
    );
    let cases = compile_cases()
        .into_iter()
        .map(|(c, m, b)| (c.to_string(), m.to_string(), b))
        .chain(fixture_cases(&root));
    for (case, module, model) in cases {
        let (case, module) = (case.as_str(), module.as_str());
        let cfg = config(case, module, model.clone());
        let g = run(case, cfg).unwrap_or_else(|d| panic!("{case} should generate:\n{d}"));
        assert_generated_files_are_sane(case, &g);
        let mut files = g.files;
        let lib_rs = files.remove("lib.rs").expect("crate layout has lib.rs");
        files.insert("mod.rs".into(), lib_rs);
        for (rel, text) in &files {
            let path = src.join(case).join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, text).unwrap();
        }
        lib.push_str(&format!("pub mod {case};\n"));
        // The same model in the single-file layout, for `include!`.
        if case == "prelude_and_std_names" || case == "unions_documents_streams" {
            let single = format!("{case}_single_file");
            let g = run(case, config(case, module, model).layout(Layout::SingleFile))
                .unwrap_or_else(|d| panic!("{case} should generate:\n{d}"));
            assert_generated_files_are_sane(case, &g);
            let dir = src.join(&single);
            std::fs::create_dir_all(&dir).unwrap();
            let mut m = String::new();
            for (rel, text) in &g.files {
                std::fs::write(dir.join(rel), text).unwrap();
                let name = rel.trim_end_matches(".rs");
                m.push_str(&format!(
                    "pub mod {name} {{ include!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/src/{single}/{rel}\")); }}\n"
                ));
            }
            std::fs::write(dir.join("mod.rs"), m).unwrap();
            lib.push_str(&format!("pub mod {single};\n"));
        }
    }
    std::fs::write(src.join("lib.rs"), lib).unwrap();
    std::fs::write(
        krate.join("Cargo.toml"),
        format!(
            "[package]\nname = \"hostile-check\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [workspace]\n\n[dependencies]\nserde = \"1\"\nshapegen-runtime = {{ path = {:?}, features = [\"xml\", \"cbor\"] }}\n",
            root.join("codegen/runtime")
        ),
    )
    .unwrap();
    // The workspace's lock file pins the serde every other build uses.
    if !krate.join("Cargo.lock").exists() {
        std::fs::copy(root.join("Cargo.lock"), krate.join("Cargo.lock")).unwrap();
    }
    let out = std::process::Command::new(env!("CARGO"))
        .args([
            "clippy",
            "--quiet",
            "--offline",
            "--message-format=short",
            "--manifest-path",
        ])
        .arg(krate.join("Cargo.toml"))
        .args(["--", "-D", "warnings"])
        .env("CARGO_TARGET_DIR", work.join("target"))
        .env("RUSTFLAGS", "-D warnings")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .output()
        .expect("run cargo");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && !stderr.contains("warning"),
        "cargo clippy of {} failed:\n{stderr}",
        krate.display()
    );

    // The runtime, as clippy sees it in a workspace without `rust-version`
    // (a user's, that holds a copy of it): every lint of this toolchain. Its
    // own `rust-version` (1.85) gives way to the toolchain's, through a
    // `clippy.toml`; it shares the dependencies built above.
    let conf = work.join("clippy-conf");
    std::fs::create_dir_all(&conf).unwrap();
    let version = std::process::Command::new(env!("CARGO"))
        .arg("--version")
        .output()
        .expect("run cargo");
    // `cargo 1.95.0 (...)` or `cargo 1.96.0-nightly (...)`: the version alone.
    let version = String::from_utf8_lossy(&version.stdout)
        .split([' ', '-'])
        .nth(1)
        .expect("cargo --version names a version")
        .to_string();
    std::fs::write(conf.join("clippy.toml"), format!("msrv = \"{version}\"\n")).unwrap();
    let out = std::process::Command::new(env!("CARGO"))
        .args([
            "clippy",
            "--quiet",
            "--offline",
            "--message-format=short",
            "--manifest-path",
        ])
        .arg(root.join("codegen/runtime/Cargo.toml"))
        .args(["--", "-D", "warnings"])
        .env("CARGO_TARGET_DIR", work.join("target"))
        .env("CLIPPY_CONF_DIR", &conf)
        .env("RUSTFLAGS", "-D warnings")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .output()
        .expect("run cargo");
    let stderr = String::from_utf8_lossy(&out.stderr);
    // Apart from clippy's note that the two MSRVs differ.
    let problems: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("warning") || l.contains("error"))
        .filter(|l| !l.contains("the MSRV in `clippy.toml` and `Cargo.toml` differ"))
        .collect();
    assert!(
        out.status.success() && problems.is_empty(),
        "cargo clippy of the runtime with the MSRV {version} failed:\n{stderr}"
    );
}

/// Generated paths are plain relative paths and every file parses as Rust.
fn assert_generated_files_are_sane(case: &str, g: &Generated) {
    for (rel, text) in &g.files {
        assert!(
            rel.split('/')
                .all(|c| !c.is_empty() && c != "." && c != ".."),
            "{case}: path {rel:?}"
        );
        if let Err(e) = syn::parse_file(text) {
            panic!("{case}: {rel} does not parse: {e}");
        }
        // Nothing but the header comment precedes the code.
        for line in text.lines().take(2) {
            assert!(
                line.starts_with("// "),
                "{case}: {rel}: header line {line:?}"
            );
        }
        let tests = doctests(text);
        assert!(
            tests.is_empty(),
            "{case}: {rel}: doc comments with doctests: {tests:#?}"
        );
    }
}

/// Code blocks in the doc comments of `source` that rustdoc would run as
/// doctests: fenced blocks whose info string is not `text`, and indented
/// blocks. (The check `cargo test --doc` would do, without a second build.)
fn doctests(source: &str) -> Vec<String> {
    let mut blocks: Vec<Vec<String>> = Vec::new();
    let mut cur: Vec<String> = Vec::new();
    let mut in_block_comment = false;
    for line in source.lines() {
        let t = line.trim_start();
        if in_block_comment {
            match t.find("*/") {
                Some(i) => {
                    cur.push(t[..i].to_string());
                    in_block_comment = false;
                    blocks.push(std::mem::take(&mut cur));
                }
                None => cur.push(line.to_string()),
            }
            continue;
        }
        if let Some(rest) = t.strip_prefix("///").or_else(|| t.strip_prefix("//!")) {
            cur.push(rest.strip_prefix(' ').unwrap_or(rest).to_string());
            continue;
        }
        if !cur.is_empty() {
            blocks.push(std::mem::take(&mut cur));
        }
        if let Some(rest) = t.strip_prefix("/**").or_else(|| t.strip_prefix("/*!")) {
            match rest.find("*/") {
                Some(i) => blocks.push(vec![rest[..i].to_string()]),
                None => {
                    cur.push(rest.to_string());
                    in_block_comment = true;
                }
            }
        }
    }
    blocks.push(cur);
    let mut found = Vec::new();
    for block in blocks {
        let mut fence: Option<(char, usize)> = None;
        let mut prev_blank = true;
        for line in &block {
            let indent = line.len() - line.trim_start_matches(' ').len();
            let t = line.trim_start_matches(' ');
            let run = |c: char| t.chars().take_while(|&x| x == c).count();
            match fence {
                Some((c, n))
                    if indent < 4 && run(c) >= n && t.trim_start_matches(c).trim().is_empty() =>
                {
                    fence = None;
                }
                Some(_) => {}
                None if indent < 4 && (run('`') >= 3 || run('~') >= 3) => {
                    let c = if run('`') >= 3 { '`' } else { '~' };
                    let info = t.trim_start_matches(c).trim();
                    if info != "text" {
                        found.push(block.join("\n"));
                    }
                    fence = Some((c, run(c)));
                }
                None if indent >= 4 && prev_blank && !t.is_empty() && !t.starts_with("- ") => {
                    found.push(block.join("\n"));
                }
                None => {}
            }
            prev_blank = t.is_empty();
        }
    }
    found
}

#[test]
fn the_doctest_detector_detects_doctests() {
    assert!(doctests("/// ```\n/// x\n/// ```\nfn a() {}").len() == 1);
    assert!(doctests("/// ```rust\n/// x\n/// ```\n").len() == 1);
    assert!(doctests("/// text\n///\n///     indented\n").len() == 1);
    assert!(doctests("/** a\n```\nx\n```\n*/\nfn a() {}").len() == 1);
    assert!(doctests("/// ````text\n/// ```\n/// ````\n").is_empty());
    assert!(
        doctests("/// ```text\n///  ```\n/// ```\n").len() == 1,
        "closed early, then opens"
    );
    assert!(doctests("/// - a\n///   - b\n///     - c\n").is_empty());
}

// ------------------------------------------------------------------ size and depth

/// A 50 MB model, generated in memory: the generator finishes in bounded time
/// and memory, without overflowing the stack.
#[test]
fn fifty_megabyte_model() {
    let m = fifty_mb_model();
    assert!(m.len() >= 50_000_000, "{} bytes", m.len());
    eprintln!("model: {} bytes", m.len());
    let start = std::time::Instant::now();
    // A thread with a small (2 MiB) stack, as test threads have.
    let g = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || {
            run(
                "fifty_mb",
                config("fifty_mb", "huge", m).layout(Layout::SingleFile),
            )
        })
        .unwrap()
        .join()
        .expect("no panic, no stack overflow")
        .unwrap_or_else(|d| panic!("the 50 MB model should generate:\n{d}"));
    let elapsed = start.elapsed();
    let out: usize = g.files.values().map(String::len).sum();
    eprintln!("generated {out} bytes in {elapsed:?}");
    assert!(out > 10_000_000, "{out} bytes generated");
    assert!(
        elapsed < std::time::Duration::from_secs(600),
        "took {elapsed:?}"
    );
    if let Some(peak) = peak_rss_bytes() {
        eprintln!("peak RSS of the test process: {} MB", peak >> 20);
        assert!(peak < 8 << 30, "peak RSS {peak} bytes");
    }
}

/// Peak resident set size of this process (Linux), if known.
fn peak_rss_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// 50 MB: 3,000 structures of 10 members with documentation, lists, maps,
/// enums of 200 values and a web of references (recursive, so members are
/// boxed); most of the bytes are traits the generator ignores (as in botocore,
/// where validation limits, examples and endpoint rules take much of a model).
fn fifty_mb_model() -> Vec<u8> {
    let shape_doc = format!(
        "<p>{}</p>",
        "Documentation with <code>code</code> &amp; entities. ".repeat(10)
    );
    let member_doc = "<p>A member with <b>some</b> documentation.</p>".repeat(2);
    let ignored = "x".repeat(1_500);
    let mut sh = Map::new();
    let n = 3000;
    for i in 0..n {
        let mut members = Map::new();
        for j in 0..10 {
            let target = match j % 5 {
                0 => format!("S{}", (i * 7 + j) % n),
                1 => format!("L{}", (i + j) % n),
                2 => format!("M{}", (i * 3 + j) % n),
                3 => format!("E{}", i % 50),
                _ => ["Text", "When", "Count", "Data"][j % 4].to_string(),
            };
            members.insert(
                format!("member{j}"),
                json!({"shape": target, "documentation": member_doc, "futureTrait": ignored}),
            );
        }
        sh.insert(
            format!("S{i}"),
            json!({"type": "structure", "members": members, "documentation": shape_doc}),
        );
        sh.insert(
            format!("L{i}"),
            json!({"type": "list", "member": {"shape": format!("S{i}")}}),
        );
        sh.insert(
            format!("M{i}"),
            json!({"type": "map", "key": {"shape": "Text"}, "value": {"shape": format!("L{i}")}}),
        );
    }
    for e in 0..50 {
        let values: Vec<String> = (0..200).map(|v| format!("ENUM_{e}_VALUE_{v}")).collect();
        sh.insert(format!("E{e}"), json!({"type": "string", "enum": values}));
    }
    sh.insert("Text".into(), string());
    sh.insert("When".into(), json!({"type": "timestamp"}));
    sh.insert("Count".into(), json!({"type": "long"}));
    sh.insert("Data".into(), json!({"type": "blob"}));
    let mut m = shapes(Value::Object(sh));
    let mut v = serde_json::to_vec(&m).unwrap();
    if v.len() < 50_000_000 {
        m["examples"] = json!("x".repeat(50_000_000 - v.len() + 100));
        v = serde_json::to_vec(&m).unwrap();
    }
    v
}

/// JSON nested 1,000 and 1,000,000 levels deep inside a field the generator
/// ignores: skipped without recursion.
#[test]
fn json_nested_deep_in_ignored_field() {
    for depth in [1000, 1_000_000] {
        let m = deep_json(depth, false);
        let g = std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(move || run("deep_json", config("deep_json", "deep", m)))
            .unwrap()
            .join()
            .expect("no stack overflow");
        assert!(g.is_ok(), "{depth}: {:?}", g.err());
    }
}

/// 1,000 structures, each holding the next (and a list of it), on a small
/// stack: no recursion in the generator is as deep as the model, and the
/// answer is the clean error of `structures_nested_60_deep`.
#[test]
fn structures_nested_1000_deep() {
    let m = nesting_chain(1000);
    let err = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || run("nested_1000", config("nested_1000", "deep", m)))
        .unwrap()
        .join()
        .expect("no stack overflow")
        .expect_err("too deep for rustc");
    assert!(err.to_string().contains("nest too deeply"), "{err}");
}

/// 1,000 lists nested in each other: a clean error, not a stack overflow.
#[test]
fn lists_nested_1000_deep() {
    let m = list_chain(1000);
    let err = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || run("lists_1000", config("lists_1000", "deep", m)))
        .unwrap()
        .join()
        .expect("no stack overflow")
        .expect_err("too deep");
    assert!(err.to_string().contains("nest more than"), "{err}");
}

/// Maps whose key and value are both the next map, 30 levels: every key is
/// reported as not a string, and the run ends at once (a type that doubles
/// per level would take 2^30 steps to build).
#[test]
fn map_keys_that_are_maps_30_deep() {
    let n = 30;
    let mut sh = Map::new();
    for i in 0..n {
        let next = if i + 1 == n {
            "Leaf".to_string()
        } else {
            format!("M{}", i + 1)
        };
        sh.insert(
            format!("M{i}"),
            json!({"type": "map", "key": {"shape": next}, "value": {"shape": next}}),
        );
    }
    sh.insert("Leaf".into(), string());
    sh.insert(
        "Holder".into(),
        json!({"type": "structure", "members": {"m": {"shape": "M0"}}}),
    );
    let err = run(
        "map_keys",
        config("map_keys", "deep", bytes(&shapes(Value::Object(sh)))),
    )
    .expect_err("map keys must be strings");
    let text = err.to_string();
    assert_eq!(
        text.matches("but map keys must be strings").count(),
        n - 1,
        "{text}"
    );
}

/// The names every generated file and module takes.
#[test]
fn generated_paths_follow_module_names() {
    let m = bytes(&shapes(
        json!({"Name": string(), "Thing": {"type": "structure", "members": {}}}),
    ));
    let g = run("paths", config("paths", "My-Service.v2", m)).unwrap();
    let paths: BTreeSet<&str> = g.files.keys().map(String::as_str).collect();
    assert_eq!(
        paths,
        BTreeSet::from([
            "lib.rs",
            "my_service_v2/builders.rs",
            "my_service_v2/mod.rs",
            "my_service_v2/operations.rs",
            "my_service_v2/types.rs",
        ])
    );
}

// ------------------------------------------------------------------ protocols shapegen does not speak

/// The generated files of the protocol model `bytes`, as module `m`.
fn protocol_files(
    case: &str,
    m: &str,
    bytes: Vec<u8>,
) -> std::collections::BTreeMap<String, String> {
    run(case, config(case, m, bytes))
        .unwrap_or_else(|d| panic!("{case} should generate:\n{d}"))
        .files
}

const JSON_REEXPORT: &str = "pub use ::shapegen_runtime::{from_json, to_json};";

/// Until shapegen speaks `rest-xml`, `query`, `ec2` and `smithy-rpc-v2-cbor`,
/// their crates keep the serde form (for storing and logging values) and say
/// that it is not the wire format: no `from_json`/`to_json` at the crate
/// root (the crate doc says why), one line on every structure and on the
/// module, and member notes that name the real place of a value.
#[test]
fn non_json_protocols_say_the_serde_form_is_not_the_wire_format() {
    for (p, format, notes) in [
        (
            "rest-xml",
            "XML",
            &[
                "HTTP binding: the header `x-token`, not the XML body.",
                // Where each member is in the XML body, when not simply its name.
                "XML: one `<item>` element per item, not wrapped.",
                "XML: the element `<mode>`.",
                "XML: the element `<Tags>` holding an `<entry>` of `<key>` and `<value>` per entry.",
            ][..],
        ),
        (
            "query",
            "query/XML",
            &[
                "Wire name: the query key `Event`.",
                // A flattened list whose items have a name: the items' name.
                "Wire name: the query keys `item.N` (`N` counts from 1).",
                "Wire name: the query key `mode`.",
                "Wire name: the query keys `Tags.entry.N.key` and `Tags.entry.N.value` (`N` counts from 1).",
                "Wire name: the query keys `Where.*` (`*` is each member's own key).",
            ][..],
        ),
        (
            "ec2",
            "EC2 query/XML",
            &[
                "Wire name: the query keys `Event.N` (`N` counts from 1).",
                // `locationName` capitalized.
                "Wire name: the query key `Mode`.",
                "Wire name: the query keys `Tags.entry.N.key` and `Tags.entry.N.value` (`N` counts from 1).",
            ][..],
        ),
        (
            "smithy-rpc-v2-cbor",
            "CBOR",
            &["HTTP binding: the header `x-token`, not the CBOR body."][..],
        ),
    ] {
        let files = protocol_files(p, "svc", protocol(p));
        let lib = &files["lib.rs"];
        assert!(!lib.contains(JSON_REEXPORT), "{p}:\n{lib}");
        assert!(
            lib.contains(&format!(
                "//! `from_json`/`to_json` are not re-exported: `svc` (`{p}`) speaks no JSON"
            )),
            "{p}:\n{lib}"
        );
        let module = &files["svc/mod.rs"];
        let feature = if p == "smithy-rpc-v2-cbor" { "cbor" } else { "xml" };
        assert!(
            lib.contains(&format!(
                "need the `{feature}` feature of `shapegen-runtime`: in `Cargo.toml`, `shapegen-runtime = {{ version = \"{}\", features = [\"{feature}\"] }}`.",
                env!("CARGO_PKG_VERSION")
            )),
            "{p}:\n{lib}"
        );
        assert!(
            module.contains(&format!(
                "//! Protocol `{p}`: every operation's `build_request` and `parse_response` speak it, through the runtime's `{feature}` feature"
            )) && module.contains(&format!("not this service's {format} wire format")),
            "{p}:\n{module}"
        );
        // The shapes are described for the runtime's codecs.
        let schema = &files["svc/schema.rs"];
        assert!(
            schema.contains("pub static Config: __s::Schema = __s::Schema::structure(\"Config\""),
            "{p}:\n{schema}"
        );
        let types = &files["svc/types.rs"];
        let form = if p == "smithy-rpc-v2-cbor" {
            "JSON keyed by the model's wire names"
        } else {
            "boto3's shape (member names)"
        };
        let line = format!("/// Serde form: {form}, not this service's {format} wire format.");
        // One line per structure (`Config`, `Where`), none per member.
        assert_eq!(types.matches(&line).count(), 2, "{p}:\n{types}");
        assert_eq!(types.matches("Serde form").count(), 2, "{p}:\n{types}");
        for note in notes {
            assert!(types.contains(note), "{p}: no {note:?} in\n{types}");
        }
        assert!(!types.contains("JSON body"), "{p}:\n{types}");
        // Only an XML body gets XML notes: the query protocols' inputs are query strings.
        assert_eq!(types.contains("/// XML: "), p == "rest-xml", "{p}:\n{types}");
        let ops = &files["svc/operations.rs"];
        let variant = match p {
            "rest-xml" => "RestXml",
            "query" => "AwsQuery",
            "ec2" => "Ec2Query",
            _ => "RpcV2Cbor",
        };
        assert!(
            ops.contains(&format!("protocol: __rt::Protocol::{variant},")),
            "{p}:\n{ops}"
        );
    }
}

/// JSON services are as before: `from_json`/`to_json` re-exported, no serde
/// form notes, members bound to HTTP say they are not in the JSON body.
#[test]
fn json_protocols_keep_the_json_helpers_and_say_nothing_more() {
    for (p, protocol_const) in [
        ("rest-json", "__rt::Protocol::RestJson"),
        ("json", "__rt::Protocol::AwsJson1_0"),
    ] {
        let files = protocol_files(p, "svc", protocol(p));
        assert!(files["lib.rs"].contains(JSON_REEXPORT), "{p}");
        assert!(!files["lib.rs"].contains("not re-exported"), "{p}");
        assert!(!files["svc/mod.rs"].contains("Protocol `"), "{p}");
        let types = &files["svc/types.rs"];
        assert!(!types.contains("Serde form"), "{p}:\n{types}");
        assert!(!types.contains("Wire name"), "{p}:\n{types}");
        if p == "rest-json" {
            assert!(
                types.contains("HTTP binding: the header `x-token`, not the JSON body."),
                "{p}:\n{types}"
            );
        }
        assert!(
            files["svc/operations.rs"].contains(&format!("protocol: {protocol_const},")),
            "{p}"
        );
    }
}

/// botocore's CBOR services all list `json` too (CloudWatch also `query`):
/// they are spoken in JSON, with the `jsonVersion` of the model.
#[test]
fn a_cbor_service_that_lists_json_speaks_json() {
    for (version, protocol_const) in [
        ("1.0", "__rt::Protocol::AwsJson1_0"),
        ("1.1", "__rt::Protocol::AwsJson1_1"),
    ] {
        let m: Value = serde_json::from_slice(&protocol_listing(
            "smithy-rpc-v2-cbor",
            &["smithy-rpc-v2-cbor", "json", "query"],
        ))
        .unwrap();
        let m = with_metadata(m, "jsonVersion", json!(version));
        let files = protocol_files("cbor_json", "svc", bytes(&m));
        let ops = &files["svc/operations.rs"];
        assert!(
            ops.contains(&format!("protocol: {protocol_const},")),
            "{version}:\n{ops}"
        );
        assert!(files["lib.rs"].contains(JSON_REEXPORT));
        assert!(!files["svc/types.rs"].contains("Serde form"));
        assert!(!files["svc/mod.rs"].contains("Protocol `"));
    }
}

/// A crate of a JSON service and an XML one: no `from_json`/`to_json`, and
/// the crate doc names the service that is not JSON.
#[test]
fn a_crate_with_one_non_json_service_has_no_json_helpers() {
    let g = run(
        "mixed",
        Config::new()
            .model_bytes("json_svc", "hostile/json.json", protocol("rest-json"))
            .model_bytes("xml_svc", "hostile/xml.json", protocol("rest-xml")),
    )
    .unwrap_or_else(|d| panic!("mixed should generate:\n{d}"));
    let lib = &g.files["lib.rs"];
    assert!(!lib.contains(JSON_REEXPORT), "{lib}");
    assert!(
        lib.contains(
            "//! `from_json`/`to_json` are not re-exported: `xml_svc` (`rest-xml`) speaks no JSON"
        ),
        "{lib}"
    );
    assert!(!g.files["json_svc/types.rs"].contains("Serde form"));
    assert!(g.files["xml_svc/types.rs"].contains("Serde form"));
}
