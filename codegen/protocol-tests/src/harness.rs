//! The scratch crate: every unit's generated code, one function per case,
//! and a `main` that runs them all.
//!
//! Layout under the work directory's `crate/`:
//! `src/gen/<module>.rs` (shapegen's single-file output), `src/cases/<module>.rs`
//! (the case functions), `src/compare.rs` (a copy of [`crate::compare`]),
//! `src/glue.rs` (http conversions) and `src/main.rs`.

use crate::suites::{Case, Direction, Suite, SuiteFile};
use crate::values::{byte_lit, lit, ValueEmitter};
use serde_json::Value;
use shapegen::ir::{OperationDef, Service};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The endpoint a client is configured with when the suite does not say.
pub const DEFAULT_ENDPOINT: &str = "https://example.com";

/// botocore's tests expect this idempotency token wherever one is generated.
pub const IDEMPOTENCY_TOKEN: &str = "00000000-0000-4000-8000-000000000000";

/// One generated module: a group of cases of one suite whose operations agree.
#[derive(Debug)]
pub struct Unit<'a> {
    pub module: String,
    pub file: &'a SuiteFile,
    pub suite: &'a Suite,
    pub protocol: String,
    pub endpoint: String,
    /// Every case of the group (their operations make up the model).
    pub group: Vec<&'a Case>,
    /// The cases to run (the group less skips and filtered-out cases).
    pub run: Vec<&'a Case>,
}

/// A unit's case code and where each case's function is.
#[derive(Debug, Clone, Default)]
pub struct CasesFile {
    pub text: String,
    /// `(case index, first line, last line)`, lines counted from 1.
    pub spans: Vec<(usize, usize, usize)>,
}

impl CasesFile {
    /// The case whose function holds `line`.
    pub fn case_at(&self, line: usize) -> Option<usize> {
        self.spans
            .iter()
            .find(|(_, first, last)| (*first..=*last).contains(&line))
            .map(|(case, _, _)| *case)
    }
}

/// `src/cases/<module>.rs`: one function per case to run and the list
/// `CASES` of `(file, suite index, case id, function)`. The cases in
/// `broken` (by index) only fail, with the reason given.
pub fn cases_file(unit: &Unit, svc: &Service, broken: &BTreeMap<usize, String>) -> CasesFile {
    let mut out = String::new();
    let mut spans = Vec::new();
    let _ = writeln!(
        out,
        "//! Cases of {} suite {} ({}).\n#![allow(unused_variables, unused_mut, clippy::all)]\n",
        unit.file.rel,
        unit.suite.index,
        unit.suite.description.replace('\n', " ")
    );
    let _ = writeln!(out, "const ENDPOINT: &str = {};", lit(&unit.endpoint));
    let _ = writeln!(out, "const PROTOCOL: &str = {};\n", lit(&unit.protocol));
    for case in &unit.run {
        let body = match broken.get(&case.index) {
            Some(reason) => Err(reason.clone()),
            None => case_body(unit, svc, case),
        };
        let body = body.unwrap_or_else(|e| {
            format!(
                "    ::core::result::Result::Err(::std::string::String::from({}))\n",
                lit(&e)
            )
        });
        let first = out.lines().count() + 1;
        let _ = writeln!(
            out,
            "/// {}\npub fn case_{}() -> ::core::result::Result<(), ::std::string::String> {{\n{body}}}\n",
            case.id.replace('\n', " "),
            case.index
        );
        spans.push((case.index, first, out.lines().count()));
    }
    let _ = writeln!(
        out,
        "pub const CASES: &[(&str, usize, &str, crate::CaseFn)] = &["
    );
    for case in &unit.run {
        let _ = writeln!(
            out,
            "    ({}, {}, {}, case_{}),",
            lit(&unit.file.rel),
            unit.suite.index,
            lit(&case.id),
            case.index
        );
    }
    out.push_str("];\n");
    CasesFile { text: out, spans }
}

fn case_body(unit: &Unit, svc: &Service, case: &Case) -> Result<String, String> {
    let module = format!("crate::{}", unit.module);
    let em = ValueEmitter::new(svc, &module);
    let op = svc
        .operations
        .iter()
        .find(|o| o.name == case.op_name())
        .ok_or_else(|| format!("the generated code has no operation `{}`", case.op_name()))?;
    let op_path = format!("{module}::operations::{}", op.type_name);
    let operation = format!("<{op_path} as ::shapegen_runtime::Operation>");
    match unit.file.direction {
        Direction::Input => input_body(&em, op, &operation, case),
        Direction::Output => output_body(unit, svc, &em, op, &module, &operation, case),
    }
}

fn input_body(
    em: &ValueEmitter,
    op: &OperationDef,
    operation: &str,
    case: &Case,
) -> Result<String, String> {
    let params = case.raw.get("params").cloned().unwrap_or(Value::Null);
    let (ty, value) = match &op.input {
        Some(t) => (em.type_path(t), em.structure(t, &params)?),
        None if params.as_object().is_none_or(|m| m.is_empty()) => {
            ("()".to_string(), "()".to_string())
        }
        None => return Err("params given for an operation without input".into()),
    };
    let serialized = case.raw.get("serialized").cloned().unwrap_or(Value::Null);
    Ok(format!(
        "    let input: {ty} = {value};\n    \
         let request = {operation}::build_request(&input, ENDPOINT)\n        \
         .map_err(|e| ::std::format!(\"build_request failed: {{e}}\"))?;\n    \
         let actual = crate::glue::request(&request);\n    \
         let serialized: ::serde_json::Value = ::serde_json::from_str({}).expect(\"the case's JSON\");\n    \
         crate::compare::check_request(&actual, &serialized, PROTOCOL)\n",
        lit(&serialized.to_string())
    ))
}

fn output_body(
    unit: &Unit,
    svc: &Service,
    em: &ValueEmitter,
    op: &OperationDef,
    module: &str,
    operation: &str,
    case: &Case,
) -> Result<String, String> {
    let response = case
        .raw
        .get("response")
        .ok_or("the case has no `response`")?;
    let status = response
        .get("status_code")
        .and_then(Value::as_u64)
        .unwrap_or(200);
    let headers: Vec<String> = response
        .get("headers")
        .and_then(Value::as_object)
        .map(|m| {
            m.iter()
                .map(|(k, v)| format!("({}, {})", lit(k), lit(v.as_str().unwrap_or_default())))
                .collect()
        })
        .unwrap_or_default();
    let body = response
        .get("body")
        .and_then(Value::as_str)
        .unwrap_or_default();
    // CBOR bodies are given in base64.
    let body = if svc.protocol == "smithy-rpc-v2-cbor" {
        shapegen_runtime::base64_decode(body).map_err(|e| format!("the response body: {e}"))?
    } else {
        body.as_bytes().to_vec()
    };
    let mut b = format!(
        "    let response = crate::glue::response({status}, &[{}], {})?;\n",
        headers.join(", "),
        byte_lit(&body)
    );
    if let Some(code) = case.raw.get("errorCode").and_then(Value::as_str) {
        let fields = case
            .raw
            .get("error")
            .cloned()
            .unwrap_or(Value::Object(Default::default()));
        let err_type = format!("{module}::operations::{}", op.error_name);
        // The variant of the exception the code names, when the operation
        // lists it; anything else is the catch-all variant.
        let expected = match error_shape(unit.suite, case, code)
            .and_then(|shape| svc.structs.iter().find(|s| s.shape == shape))
            .filter(|s| op.errors.contains(&s.name))
        {
            Some(s) => Some((s.name.clone(), em.structure(&s.name, &fields)?)),
            None => None,
        };
        let arm = match &expected {
            Some((name, value)) => format!(
                "{err_type}::{name}(actual) => {{\n                \
                 let expected: {} = {value};\n                \
                 if let ::core::result::Result::Err(p) = crate::compare::same(&actual, &expected) {{ problems.push(p); }}\n            }}\n            \
                 other => problems.push(::std::format!(\"expected the variant {name}, got {{other:?}}\")),",
                em.type_path(name)
            ),
            None => format!(
                "{err_type}::{}(_) => {{}}\n            \
                 other => problems.push(::std::format!(\"expected an unhandled error, got {{other:?}}\")),",
                op.unhandled_variant
            ),
        };
        let _ = write!(
            b,
            "    const CODE: &str = {};\n    \
             match {operation}::parse_response(&response) {{\n        \
             ::core::result::Result::Ok(v) => ::core::result::Result::Err(::std::format!(\"expected the error {{CODE}}, parsed {{v:?}}\")),\n        \
             ::core::result::Result::Err(e) => {{\n            \
             let mut problems: ::std::vec::Vec<::std::string::String> = ::std::vec::Vec::new();\n            \
             if e.code() != ::core::option::Option::Some(CODE) {{\n                \
             problems.push(::std::format!(\"error code {{:?}} != expected {{CODE:?}}\", e.code()));\n            }}\n            \
             match e {{\n            {arm}\n            }}\n            \
             if problems.is_empty() {{ ::core::result::Result::Ok(()) }} else {{ ::core::result::Result::Err(problems.join(\"; \")) }}\n        }}\n    }}\n",
            lit(code),
        );
        return Ok(b);
    }
    let result = case
        .raw
        .get("result")
        .cloned()
        .unwrap_or(Value::Object(Default::default()));
    let (ty, value) = match &op.output {
        Some(t) => (em.type_path(t), em.structure(t, &result)?),
        None if result.as_object().is_none_or(|m| m.is_empty()) => {
            ("()".to_string(), "()".to_string())
        }
        None => return Err("a result given for an operation without output".into()),
    };
    let _ = write!(
        b,
        "    let expected: {ty} = {value};\n    \
         match {operation}::parse_response(&response) {{\n        \
         ::core::result::Result::Ok(actual) => crate::compare::same(&actual, &expected),\n        \
         ::core::result::Result::Err(e) => ::core::result::Result::Err(::std::format!(\"parse_response failed: {{e:?}}\")),\n    }}\n"
    );
    Ok(b)
}

/// The error shape a case's `errorCode` names, as botocore finds it: the
/// shape whose `error.code` is the code, else the shape named so; among the
/// operation's errors first, then every exception shape of the suite.
pub fn error_shape(suite: &Suite, case: &Case, code: &str) -> Option<String> {
    let shapes = suite.shapes.as_object()?;
    let code_of = |name: &str| -> Option<String> {
        let s = shapes.get(name)?;
        Some(
            s.get("error")
                .and_then(|e| e.get("code"))
                .and_then(Value::as_str)
                .unwrap_or(name)
                .to_string(),
        )
    };
    let listed: Vec<String> = case
        .given
        .get("errors")
        .and_then(Value::as_array)
        .map(|l| {
            l.iter()
                .filter_map(|e| e.get("shape").and_then(Value::as_str))
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    let exceptions = shapes
        .iter()
        .filter(|(_, s)| s.get("exception").and_then(Value::as_bool) == Some(true))
        .map(|(n, _)| n.clone());
    listed
        .into_iter()
        .chain(exceptions)
        .find(|n| code_of(n).as_deref() == Some(code))
}

/// `src/glue.rs`: http ⇄ the comparison types.
pub const GLUE_RS: &str = r#"//! http ⇄ the comparison types (generated by shapegen-protocol-tests).

/// Process-wide setup before any case runs.
pub fn setup() {
    SETUP
}

/// A request taken apart for `compare::check_request`.
pub fn request(r: &::http::Request<::std::vec::Vec<u8>>) -> crate::compare::ActualRequest {
    crate::compare::ActualRequest {
        method: r.method().as_str().to_string(),
        uri: r.uri().to_string(),
        headers: r
            .headers()
            .iter()
            .map(|(k, v)| (k.as_str().to_string(), String::from_utf8_lossy(v.as_bytes()).into_owned()))
            .collect(),
        body: r.body().clone(),
    }
}

/// A response from a case's `response`.
pub fn response(
    status: u16,
    headers: &[(&str, &str)],
    body: &[u8],
) -> ::core::result::Result<::http::Response<::std::vec::Vec<u8>>, ::std::string::String> {
    let mut b = ::http::Response::builder().status(status);
    for (k, v) in headers {
        let v = ::http::HeaderValue::from_bytes(v.as_bytes())
            .map_err(|e| format!("cannot build the response: header {k}: {e}"))?;
        b = b.header(*k, v);
    }
    b.body(body.to_vec())
        .map_err(|e| format!("cannot build the response: {e}"))
}
"#;

/// `src/glue.rs`.
pub fn glue_rs() -> String {
    let setup = format!(
        "::shapegen_runtime::set_idempotency_token_generator(|| ::std::string::String::from({}))",
        lit(IDEMPOTENCY_TOKEN)
    );
    GLUE_RS.replace("    SETUP\n", &format!("    {setup};\n"))
}

/// `src/main.rs` mounting the given modules.
pub fn main_rs(modules: &[&str]) -> String {
    let mut out = String::from(
        "//! Protocol compliance cases (generated by shapegen-protocol-tests; do not edit).\n\
         //! Usage: harness [FIRST]: runs the cases from number FIRST on, one report line each.\n\
         #![allow(warnings)]\n\n\
         mod compare;\nmod glue;\n\n\
         pub type CaseFn = fn() -> ::core::result::Result<(), ::std::string::String>;\n\n",
    );
    for m in modules {
        let _ = writeln!(
            out,
            "pub mod {m} {{\n    include!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/src/gen/{m}.rs\"));\n}}\n\
             #[path = \"cases/{m}.rs\"]\nmod cases_{m};"
        );
    }
    out.push_str("\nconst CASES: &[&[(&str, usize, &str, CaseFn)]] = &[\n");
    for m in modules {
        let _ = writeln!(out, "    cases_{m}::CASES,");
    }
    out.push_str(
        "];\n\n\
fn main() {\n\
    let first: usize = ::std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(0);\n\
    glue::setup();\n\
    ::std::panic::set_hook(::std::boxed::Box::new(|_| {}));\n\
    for (n, &(file, suite, id, f)) in CASES.iter().flat_map(|l| l.iter()).enumerate() {\n\
        if n < first {\n\
            continue;\n\
        }\n\
        let outcome = ::std::panic::catch_unwind(f).unwrap_or_else(|p| {\n\
            Err(format!(\"panicked: {}\", compare::panic_message(&*p)))\n\
        });\n\
        println!(\"{}\", compare::report_line(file, suite, id, &outcome));\n\
    }\n\
}\n",
    );
    out
}

/// `Cargo.toml` of the scratch crate.
pub fn cargo_toml(runtime: &std::path::Path) -> String {
    format!(
        "[package]\nname = \"protocol-harness\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [workspace]\n\n\
         [dependencies]\nshapegen-runtime = {{ path = {:?}, features = [\"xml\", \"cbor\"] }}\nhttp = \"1\"\nserde_json = \"1\"\n\n\
         [profile.dev]\ndebug = false\n",
        runtime
    )
}
