//! Decode/encode benchmark of API Gateway payloads:
//! shapegen's `apigw-types` vs `serde_json::Value` vs hand-written serde
//! structs vs the official `aws-sdk-apigateway` / `aws-sdk-apigatewayv2`
//! (through their public clients, with a canned in-process HTTP response).
//!
//! Prints one JSON document on stdout (read by `cargo xtask bench`), progress
//! on stderr. Usage:
//!   cargo run --release --manifest-path bench/Cargo.toml -- [--quick]
//!       [--rounds N] [--round-ms MS] [--warmup-ms MS] [--v1-data PATH] [--v2-data PATH]
//!       [--corpus DIR [--corpus-runs N]] [--only GROUP,...]
//!
//! `--only` runs only the listed groups (`v1.decode`, `v2.decode`,
//! `v1.encode`, `v2.encode`, `v1.call_get_stages`, `v1.call_create_deployment`,
//! `v1.shapes`, `v2.shapes`, `corpus`), e.g. `--only corpus --corpus DIR`.

mod canned;
mod corpus;
mod generated;
mod hand;
mod measure;
mod sdk;
mod shapes;
mod sigv4;

use canned::CannedClient;
use measure::{run_group, Case, Settings, Stats};
use serde::Serialize;
use serde_json::Value;
use std::collections::HashMap;
use std::hint::black_box;
use std::path::PathBuf;
use std::rc::Rc;
use std::time::Duration;

const MANIFEST_DIR: &str = env!("CARGO_MANIFEST_DIR");
const V1_FILE: &str = "apigateway_get_stages_50.json";
const V2_FILE: &str = "apigatewayv2_get_stages_200.json";

#[derive(Serialize)]
struct Report {
    schema: u32,
    release: bool,
    settings: SettingsOut,
    inputs: Vec<Input>,
    groups: Vec<Group>,
    pending: Vec<&'static str>,
    checks: Vec<String>,
    notes: Vec<String>,
    corpus: Option<corpus::CorpusReport>,
}

#[derive(Serialize)]
struct SettingsOut {
    rounds: usize,
    round_ms: f64,
    warmup_ms: f64,
}

#[derive(Serialize)]
struct Input {
    id: &'static str,
    what: String,
    path: String,
    bytes: usize,
    items: usize,
}

#[derive(Serialize)]
struct Group {
    name: &'static str,
    cases: Vec<Stats>,
}

struct Args {
    settings: Settings,
    v1_data: PathBuf,
    v2_data: PathBuf,
    corpus: Option<PathBuf>,
    corpus_runs: usize,
    /// Groups to run (`None`: all).
    only: Option<Vec<String>>,
}

impl Args {
    fn wants(&self, group: &str) -> bool {
        self.only
            .as_ref()
            .is_none_or(|o| o.iter().any(|g| g == group))
    }
}

fn parse_args() -> Args {
    let mut s = Settings {
        warmup: Duration::from_millis(300),
        round: Duration::from_millis(60),
        rounds: 21,
    };
    // The body the SDK's decode was timed on (a byte-identical copy of the
    // project's shared/bench/ file).
    let mut v1 = PathBuf::from(MANIFEST_DIR).join("data").join(V1_FILE);
    let mut v2 = PathBuf::from(MANIFEST_DIR).join("data").join(V2_FILE);
    let mut corpus = None;
    let mut corpus_runs = 3;
    let mut only = None;
    let mut it = std::env::args().skip(1);
    let ms = |v: Option<String>| {
        Duration::from_millis(v.and_then(|v| v.parse().ok()).expect("a number of ms"))
    };
    while let Some(a) = it.next() {
        match a.as_str() {
            "--quick" => {
                s = Settings {
                    warmup: Duration::from_millis(100),
                    round: Duration::from_millis(20),
                    rounds: 7,
                };
                corpus_runs = 1;
            }
            "--rounds" => s.rounds = it.next().and_then(|v| v.parse().ok()).expect("--rounds N"),
            "--round-ms" => s.round = ms(it.next()),
            "--warmup-ms" => s.warmup = ms(it.next()),
            "--v1-data" => v1 = it.next().expect("--v1-data PATH").into(),
            "--v2-data" => v2 = it.next().expect("--v2-data PATH").into(),
            "--corpus" => corpus = Some(it.next().expect("--corpus DIR").into()),
            "--corpus-runs" => {
                corpus_runs = it
                    .next()
                    .and_then(|v| v.parse().ok())
                    .expect("--corpus-runs N")
            }
            "--only" => {
                only = Some(
                    it.next()
                        .expect("--only GROUP,...")
                        .split(',')
                        .map(str::to_string)
                        .collect(),
                )
            }
            other => {
                eprintln!("unknown argument {other}");
                std::process::exit(2);
            }
        }
    }
    assert!(s.rounds >= 3, "--rounds must be at least 3");
    let canon = |p: PathBuf| std::fs::canonicalize(&p).unwrap_or(p);
    Args {
        settings: s,
        v1_data: canon(v1),
        v2_data: canon(v2),
        corpus,
        corpus_runs: corpus_runs.max(1),
        only,
    }
}

/// JSON equality where numbers compare by value (`1700000000` == `1700000000.0`).
fn json_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| json_eq(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| json_eq(v, w)))
        }
        _ => a == b,
    }
}

/// Compares `got` with `want`: member paths of `want` missing in `got`,
/// member paths of `got` not in `want`, and values that differ.
#[derive(Default)]
struct Diff {
    missing: std::collections::BTreeSet<String>,
    extra: std::collections::BTreeSet<String>,
    differ: Vec<String>,
}

fn diff(want: &Value, got: &Value, path: &str, d: &mut Diff) {
    match (want, got) {
        (Value::Object(w), Value::Object(g)) => {
            for (k, wv) in w {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                match g.get(k) {
                    Some(gv) => diff(wv, gv, &p, d),
                    None => {
                        d.missing.insert(p);
                    }
                }
            }
            for k in g.keys().filter(|k| !w.contains_key(*k)) {
                d.extra.insert(if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                });
            }
        }
        (Value::Array(w), Value::Array(g)) if w.len() == g.len() => {
            for (wv, gv) in w.iter().zip(g) {
                diff(wv, gv, &format!("{path}[]"), d);
            }
        }
        _ if json_eq(want, got) => {}
        _ => {
            if d.differ.len() < 5 {
                d.differ.push(format!("{path}: {want} != {got}"));
            }
        }
    }
}

/// Verifies the generated types' round trip of a decoded body: differing
/// values fail; members they drop (or add) are recorded as notes.
fn generated_decode_check(
    checks: &mut Vec<String>,
    notes: &mut Vec<String>,
    ver: &str,
    input: &Value,
    got: &Value,
) {
    let mut d = Diff::default();
    diff(input, got, "", &mut d);
    check(
        checks,
        d.differ.is_empty(),
        format!(
            "{ver} generated types decode the GetStages body to the same values{}",
            if d.differ.is_empty() {
                String::new()
            } else {
                format!(": {:?}", d.differ)
            }
        ),
    );
    if !d.missing.is_empty() {
        notes.push(format!(
            "{ver} decode: the generated types drop members present in the body (so they decode less than the others): {}",
            d.missing.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", ")
        ));
    }
    if !d.extra.is_empty() {
        notes.push(format!(
            "{ver} decode: the generated types re-encode members absent from the body: {}",
            d.extra
                .iter()
                .map(|m| format!("`{m}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
}

/// Verifies a generated encode against the expected body: differing or
/// missing members fail; extra members are recorded as notes.
fn generated_encode_check(
    checks: &mut Vec<String>,
    notes: &mut Vec<String>,
    ver: &str,
    op: &str,
    expected: &Value,
    out: &[u8],
) {
    let got: Value = serde_json::from_slice(out).expect("generated output is JSON");
    let mut d = Diff::default();
    diff(expected, &got, "", &mut d);
    check(
        checks,
        d.differ.is_empty() && d.missing.is_empty(),
        format!(
            "{ver} generated {op} encodes the same body members as the SDK{}",
            if d.differ.is_empty() && d.missing.is_empty() {
                String::new()
            } else {
                format!(": differ {:?}, missing {:?}", d.differ, d.missing)
            }
        ),
    );
    if !d.extra.is_empty() {
        notes.push(format!(
            "{ver} encode: the generated {op} request also serializes {} into the JSON body (the SDK sends these in the URI); {} bytes vs {} without",
            d.extra.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", "),
            out.len(),
            serde_json::to_vec(expected).map_or(0, |v| v.len()),
        ));
    }
}

fn check(checks: &mut Vec<String>, ok: bool, what: String) {
    if !ok {
        eprintln!("VERIFICATION FAILED: {what}");
        std::process::exit(1);
    }
    eprintln!("  ok: {what}");
    checks.push(what);
}

fn runtime() -> Rc<tokio::runtime::Runtime> {
    Rc::new(
        tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .expect("tokio runtime"),
    )
}

// ----------------------------------------------------------------------------
// Decode: apigateway GetStages (v1)
// ----------------------------------------------------------------------------

fn v1_decode(
    bytes: Rc<[u8]>,
    rt: &Rc<tokio::runtime::Runtime>,
    checks: &mut Vec<String>,
    notes: &mut Vec<String>,
    pending: &mut Vec<&'static str>,
) -> Vec<Case> {
    let input: Value = serde_json::from_slice(&bytes).expect("v1 data is JSON");
    let n_items = input["item"].as_array().map_or(0, Vec::len);

    // Verification before timing.
    let hand: hand::v1::Stages = serde_json::from_slice(&bytes).expect("hand-written v1 decode");
    check(
        checks,
        json_eq(&serde_json::to_value(&hand).unwrap(), &input),
        format!(
            "v1 hand-written structs round-trip all {} bytes of the GetStages body losslessly",
            bytes.len()
        ),
    );
    let sdk_out = rt
        .block_on(
            sdk::v1_client(CannedClient::new(bytes.to_vec()))
                .get_stages()
                .rest_api_id("a1b2c3d4e5")
                .send(),
        )
        .expect("SDK get_stages");
    let sdk_items = sdk_out.item();
    let hand_items = hand.item.as_deref().unwrap_or_default();
    check(checks, sdk_items.len() == n_items
        && sdk_items.iter().zip(hand_items).all(|(s, h)| {
            s.stage_name() == h.stage_name.as_deref()
                && s.method_settings().map(HashMap::len) == h.method_settings.as_ref().map(HashMap::len)
                && s.variables().map(HashMap::len) == h.variables.as_ref().map(HashMap::len)
                && s.created_date().map(|d| d.secs() as f64) == h.created_date
                && s.canary_settings().map(|c| c.percent_traffic()) == h.canary_settings.as_ref().and_then(|c| c.percent_traffic)
        }),
        format!("v1 SDK get_stages() decodes the same {n_items} stages (names, dates, map sizes, canary)"));

    let mut cases = Vec::new();
    match generated::v1_decode(bytes.clone()) {
        Some((generated_cases, round_trip)) => {
            let v = round_trip(&bytes).expect("generated v1 decode");
            generated_decode_check(checks, notes, "v1", &input, &v);
            cases.extend(generated_cases);
        }
        None => pending.push("v1.decode.generated"),
    }
    let b = bytes.clone();
    cases.push(Case::simple(
        "v1.decode.value",
        "serde_json::Value",
        bytes.len(),
        move || {
            black_box(serde_json::from_slice::<Value>(black_box(&b)).unwrap());
        },
    ));
    let b = bytes.clone();
    cases.push(Case::simple(
        "v1.decode.hand",
        "hand-written serde structs",
        bytes.len(),
        move || {
            black_box(serde_json::from_slice::<hand::v1::Stages>(black_box(&b)).unwrap());
        },
    ));
    // serde_json's fastest entry point for these structs: UTF-8 checked once,
    // then `from_str` (what the generated crate's `from_json` did before it
    // had a reader of its own).
    let b = bytes.clone();
    cases.push(Case::simple(
        "v1.decode.hand_str",
        "hand-written serde structs, from_utf8 + from_str",
        bytes.len(),
        move || {
            let text = std::str::from_utf8(black_box(&b)).unwrap();
            black_box(serde_json::from_str::<hand::v1::Stages>(text).unwrap());
        },
    ));
    for (id, label, body) in [
        (
            "v1.decode.sdk",
            "aws-sdk-apigateway get_stages()",
            bytes.to_vec(),
        ),
        (
            "v1.decode.sdk_empty",
            "aws-sdk-apigateway get_stages(), body {\"item\":[]}",
            br#"{"item":[]}"#.to_vec(),
        ),
    ] {
        let len = body.len();
        let client = sdk::v1_client(CannedClient::new(body));
        let rt = rt.clone();
        cases.push(Case::simple(id, label, len, move || {
            black_box(
                rt.block_on(client.get_stages().rest_api_id("a1b2c3d4e5").send())
                    .unwrap(),
            );
        }));
    }
    cases
}

// ----------------------------------------------------------------------------
// Decode: apigatewayv2 GetStages
// ----------------------------------------------------------------------------

fn v2_decode(
    bytes: Rc<[u8]>,
    rt: &Rc<tokio::runtime::Runtime>,
    checks: &mut Vec<String>,
    notes: &mut Vec<String>,
    pending: &mut Vec<&'static str>,
) -> Vec<Case> {
    use aws_smithy_types::date_time::{DateTime, Format};
    let input: Value = serde_json::from_slice(&bytes).expect("v2 data is JSON");
    let n_items = input["items"].as_array().map_or(0, Vec::len);

    let hand: hand::v2::Stages = serde_json::from_slice(&bytes).expect("hand-written v2 decode");
    check(
        checks,
        json_eq(&serde_json::to_value(&hand).unwrap(), &input),
        format!(
            "v2 hand-written structs round-trip all {} bytes of the GetStages body losslessly",
            bytes.len()
        ),
    );
    let sdk_out = rt
        .block_on(
            sdk::v2_client(CannedClient::new(bytes.to_vec()))
                .get_stages()
                .api_id("a1b2c3d4e5")
                .send(),
        )
        .expect("SDK v2 get_stages");
    let sdk_items = sdk_out.items();
    let hand_items = hand.items.as_deref().unwrap_or_default();
    let date = |s: &Option<String>| {
        s.as_deref()
            .map(|s| DateTime::from_str(s, Format::DateTimeWithOffset).unwrap())
    };
    check(checks, sdk_items.len() == n_items
        && sdk_out.next_token() == hand.next_token.as_deref()
        && sdk_items.iter().zip(hand_items).all(|(s, h)| {
            s.stage_name() == h.stage_name.as_deref()
                && s.route_settings().map(HashMap::len) == h.route_settings.as_ref().map(HashMap::len)
                && s.stage_variables().map(HashMap::len) == h.stage_variables.as_ref().map(HashMap::len)
                && s.created_date() == date(&h.created_date).as_ref()
                && s.last_updated_date() == date(&h.last_updated_date).as_ref()
        }),
        format!("v2 SDK get_stages() decodes the same {n_items} stages (names, ISO 8601 dates, map sizes)"));

    let mut cases = Vec::new();
    match generated::v2_decode(bytes.clone()) {
        Some((generated_cases, round_trip)) => {
            let v = round_trip(&bytes).expect("generated v2 decode");
            generated_decode_check(checks, notes, "v2", &input, &v);
            cases.extend(generated_cases);
        }
        None => pending.push("v2.decode.generated"),
    }
    let b = bytes.clone();
    cases.push(Case::simple(
        "v2.decode.value",
        "serde_json::Value",
        bytes.len(),
        move || {
            black_box(serde_json::from_slice::<Value>(black_box(&b)).unwrap());
        },
    ));
    let b = bytes.clone();
    cases.push(Case::simple(
        "v2.decode.hand",
        "hand-written serde structs",
        bytes.len(),
        move || {
            black_box(serde_json::from_slice::<hand::v2::Stages>(black_box(&b)).unwrap());
        },
    ));
    // serde_json's fastest entry point for these structs: UTF-8 checked once,
    // then `from_str` (what the generated crate's `from_json` did before it
    // had a reader of its own).
    let b = bytes.clone();
    cases.push(Case::simple(
        "v2.decode.hand_str",
        "hand-written serde structs, from_utf8 + from_str",
        bytes.len(),
        move || {
            let text = std::str::from_utf8(black_box(&b)).unwrap();
            black_box(serde_json::from_str::<hand::v2::Stages>(text).unwrap());
        },
    ));
    for (id, label, body) in [
        (
            "v2.decode.sdk",
            "aws-sdk-apigatewayv2 get_stages()",
            bytes.to_vec(),
        ),
        (
            "v2.decode.sdk_empty",
            "aws-sdk-apigatewayv2 get_stages(), body {\"items\":[]}",
            br#"{"items":[]}"#.to_vec(),
        ),
    ] {
        let len = body.len();
        let client = sdk::v2_client(CannedClient::new(body));
        let rt = rt.clone();
        cases.push(Case::simple(id, label, len, move || {
            black_box(
                rt.block_on(client.get_stages().api_id("a1b2c3d4e5").send())
                    .unwrap(),
            );
        }));
    }
    cases
}

// ----------------------------------------------------------------------------
// Encode: apigateway UpdateStage (100 patch operations)
// ----------------------------------------------------------------------------

fn v1_update_stage_body(n: usize) -> hand::v1::UpdateStageBody {
    let s = |v: String| Some(v);
    let ops = (0..n)
        .map(|i| {
            let (op, path, value, from) = match i % 6 {
                0 => (
                    "replace",
                    format!("/variables/var{i}"),
                    s(format!("https://backend-{i}.example.com/v1")),
                    None,
                ),
                1 => (
                    "replace",
                    "/~1pets~1{petId}/GET/throttling/rateLimit".into(),
                    s(format!("{}.5", 100 + i)),
                    None,
                ),
                2 => (
                    "replace",
                    "/*/*/logging/loglevel".into(),
                    s(["INFO", "ERROR", "OFF"][i % 3].into()),
                    None,
                ),
                3 => (
                    "add",
                    format!("/variables/new{i}"),
                    s(format!(
                        "arn:aws:lambda:us-east-1:123456789012:function:fn-{i}"
                    )),
                    None,
                ),
                4 => (
                    "copy",
                    format!("/canarySettings/stageVariableOverrides/var{i}"),
                    None,
                    s(format!("/variables/var{}", i - 4)),
                ),
                _ => ("remove", format!("/variables/old{i}"), None, None),
            };
            hand::v1::PatchOperation {
                op: Some(op.into()),
                path: Some(path),
                value,
                from,
            }
        })
        .collect();
    hand::v1::UpdateStageBody {
        patch_operations: Some(ops),
    }
}

fn v1_encode(
    rt: &Rc<tokio::runtime::Runtime>,
    checks: &mut Vec<String>,
    notes: &mut Vec<String>,
    pending: &mut Vec<&'static str>,
) -> Vec<Case> {
    const N: usize = 100;
    let body = v1_update_stage_body(N);
    let expected = serde_json::to_value(&body).unwrap();
    let hand_bytes = serde_json::to_vec(&body).unwrap();
    let ops = sdk::v1_patch_ops(body.patch_operations.as_deref().unwrap());

    let capture = CannedClient::capturing(b"{}".to_vec());
    let client = sdk::v1_client(capture.clone());
    rt.block_on(
        client
            .update_stage()
            .rest_api_id("a1b2c3d4e5")
            .stage_name("prod")
            .set_patch_operations(Some(ops.clone()))
            .send(),
    )
    .expect("SDK update_stage");
    let sent: Value =
        serde_json::from_slice(&capture.last_request().expect("captured")).expect("SDK sent JSON");
    check(checks, json_eq(&sent, &expected),
        format!("v1 SDK update_stage() sends the same {N} patch operations as the hand-written body ({} bytes)", hand_bytes.len()));

    let mut cases = Vec::new();
    match generated::v1_encode(&expected) {
        Some((case, out)) => {
            generated_encode_check(checks, notes, "v1", "UpdateStage", &expected, &out);
            cases.push(case);
        }
        None => pending.push("v1.encode.generated"),
    }
    let v = expected.clone();
    cases.push(Case::simple(
        "v1.encode.value",
        "serde_json::Value",
        hand_bytes.len(),
        move || {
            black_box(serde_json::to_vec(black_box(&v)).unwrap());
        },
    ));
    let b = body.clone();
    cases.push(Case::simple(
        "v1.encode.hand",
        "hand-written serde structs",
        hand_bytes.len(),
        move || {
            black_box(serde_json::to_vec(black_box(&b)).unwrap());
        },
    ));
    // SDK: the input (a fluent builder holding a clone of the operations) is
    // prepared outside the timed region; send() serializes, signs and "sends".
    for (id, label, ops) in [
        (
            "v1.encode.sdk",
            format!("aws-sdk-apigateway update_stage(), {N} ops"),
            Some(ops),
        ),
        (
            "v1.encode.sdk_empty",
            "aws-sdk-apigateway update_stage(), no ops".to_string(),
            None,
        ),
    ] {
        let client = sdk::v1_client(CannedClient::new(b"{}".to_vec()));
        let rt = rt.clone();
        let len = if ops.is_some() { hand_bytes.len() } else { 2 };
        cases.push(Case::batched(
            id,
            label,
            len,
            move || {
                client
                    .update_stage()
                    .rest_api_id("a1b2c3d4e5")
                    .stage_name("prod")
                    .set_patch_operations(ops.clone())
            },
            move |req| {
                black_box(rt.block_on(req.send()).unwrap());
            },
        ));
    }
    cases
}

// ----------------------------------------------------------------------------
// Encode: apigatewayv2 CreateStage (60 route settings, 30 stage variables)
// ----------------------------------------------------------------------------

fn v2_create_stage_body() -> hand::v2::CreateStageBody {
    use hand::v2::{AccessLogSettings, CreateStageBody, RouteSettings};
    let rs = |i: usize| RouteSettings {
        data_trace_enabled: Some(i.is_multiple_of(3)),
        detailed_metrics_enabled: Some(i.is_multiple_of(2)),
        logging_level: Some(["ERROR", "INFO", "OFF"][i % 3].into()),
        throttling_burst_limit: Some(100 * (i as i32 + 1)),
        throttling_rate_limit: Some(50.0 * (i as f64 + 1.0) + 0.5),
    };
    let methods = ["GET", "POST", "PUT", "DELETE", "PATCH"];
    CreateStageBody {
        access_log_settings: Some(AccessLogSettings {
            destination_arn: Some("arn:aws:logs:eu-west-1:123456789012:log-group:/aws/apigateway/prod".into()),
            format: Some(r#"{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","routeKey":"$context.routeKey","status":"$context.status"}"#.into()),
        }),
        auto_deploy: Some(true),
        client_certificate_id: Some("a1b2c3".into()),
        default_route_settings: Some(rs(7)),
        deployment_id: Some("d4e5f6".into()),
        description: Some("Production stage of the orders HTTP API, managed by terraform".into()),
        route_settings: Some((0..60).map(|i| (format!("{} /resource{}/{{id}}", methods[i % 5], i / 5), rs(i))).collect()),
        stage_name: Some("prod".into()),
        stage_variables: Some((0..30).map(|i| (format!("var{i}"), format!("https://backend-{i}.example.com/prod"))).collect()),
        tags: Some((0..10).map(|i| (format!("tag{i}"), format!("value-{i}"))).collect()),
    }
}

fn v2_encode(
    rt: &Rc<tokio::runtime::Runtime>,
    checks: &mut Vec<String>,
    notes: &mut Vec<String>,
    pending: &mut Vec<&'static str>,
) -> Vec<Case> {
    let body = v2_create_stage_body();
    let expected = serde_json::to_value(&body).unwrap();
    let hand_bytes = serde_json::to_vec(&body).unwrap();
    let input = sdk::V2CreateStage::from_hand(&body);

    let capture = CannedClient::capturing(b"{}".to_vec());
    let client = sdk::v2_client(capture.clone());
    rt.block_on(input.clone().fluent(&client, "a1b2c3d4e5").send())
        .expect("SDK create_stage");
    let sent: Value =
        serde_json::from_slice(&capture.last_request().expect("captured")).expect("SDK sent JSON");
    check(
        checks,
        json_eq(&sent, &expected),
        format!(
            "v2 SDK create_stage() sends the same body as the hand-written struct ({} bytes)",
            hand_bytes.len()
        ),
    );

    let mut cases = Vec::new();
    match generated::v2_encode(&expected) {
        Some((case, out)) => {
            generated_encode_check(checks, notes, "v2", "CreateStage", &expected, &out);
            cases.push(case);
        }
        None => pending.push("v2.encode.generated"),
    }
    let v = expected.clone();
    cases.push(Case::simple(
        "v2.encode.value",
        "serde_json::Value",
        hand_bytes.len(),
        move || {
            black_box(serde_json::to_vec(black_box(&v)).unwrap());
        },
    ));
    let b = body.clone();
    cases.push(Case::simple(
        "v2.encode.hand",
        "hand-written serde structs",
        hand_bytes.len(),
        move || {
            black_box(serde_json::to_vec(black_box(&b)).unwrap());
        },
    ));
    let minimal = sdk::V2CreateStage::from_hand(&hand::v2::CreateStageBody {
        access_log_settings: None,
        auto_deploy: None,
        client_certificate_id: None,
        default_route_settings: None,
        deployment_id: None,
        description: None,
        route_settings: None,
        stage_name: Some("prod".into()),
        stage_variables: None,
        tags: None,
    });
    for (id, label, input, len) in [
        (
            "v2.encode.sdk",
            "aws-sdk-apigatewayv2 create_stage()",
            input,
            hand_bytes.len(),
        ),
        (
            "v2.encode.sdk_empty",
            "aws-sdk-apigatewayv2 create_stage(), stageName only",
            minimal,
            20,
        ),
    ] {
        let client = sdk::v2_client(CannedClient::new(b"{}".to_vec()));
        let rt = rt.clone();
        cases.push(Case::batched(
            id,
            label,
            len,
            move || input.clone().fluent(&client, "a1b2c3d4e5"),
            move |req| {
                black_box(rt.block_on(req.send()).unwrap());
            },
        ));
    }
    cases
}

// ----------------------------------------------------------------------------
// Whole calls: apigateway GetStages and CreateDeployment, apigw-types'
// sans-IO operations vs the SDK's send()
// ----------------------------------------------------------------------------

const REST_API_ID: &str = "a1b2c3d4e5";

/// Compares a value the SDK decoded (re-encoded with the wire names) with
/// apigw-types' output: values that differ go to `bad`; members the SDK holds
/// with a non-default value that apigw-types' output lacks go to `absent`
/// (members its model does not have: the decode check covers the rest). A
/// member absent from apigw-types' output equals the SDK's default (`false`,
/// `0`, none), as the SDK's getters of such members return.
fn compare_decoded(
    sdk: &Value,
    ours: Option<&Value>,
    path: &str,
    bad: &mut Vec<String>,
    absent: &mut std::collections::BTreeSet<String>,
) {
    let is_default = |v: &Value| v.is_null() || *v == Value::Bool(false) || v.as_f64() == Some(0.0);
    match (sdk, ours) {
        (Value::Object(s), Some(Value::Object(o))) => {
            for (k, sv) in s {
                compare_decoded(sv, o.get(k), &format!("{path}.{k}"), bad, absent);
            }
            for (k, ov) in o.iter().filter(|(k, _)| !s.contains_key(*k)) {
                if !ov.is_null() && bad.len() < 5 {
                    bad.push(format!("{path}.{k}: only apigw-types has {ov}"));
                }
            }
        }
        (Value::Array(s), Some(Value::Array(o))) if s.len() == o.len() => {
            for (sv, ov) in s.iter().zip(o) {
                compare_decoded(sv, Some(ov), &format!("{path}[]"), bad, absent);
            }
        }
        (s, None | Some(Value::Null)) if is_default(s) => {}
        (_, None) => {
            absent.insert(path.to_string());
        }
        (s, Some(o)) if json_eq(s, o) => {}
        (s, Some(o)) => {
            if bad.len() < 5 {
                bad.push(format!("{path}: SDK {s} vs apigw-types {o}"));
            }
        }
    }
}

/// An SDK `Stage` as JSON with the wire names (every member the SDK has).
fn sdk_stage_json(s: &aws_sdk_apigateway::types::Stage) -> Value {
    use serde_json::json;
    let date = |d: Option<&aws_smithy_types::DateTime>| d.map(|d| d.as_secs_f64());
    json!({
        "deploymentId": s.deployment_id(),
        "clientCertificateId": s.client_certificate_id(),
        "stageName": s.stage_name(),
        "description": s.description(),
        "cacheClusterEnabled": s.cache_cluster_enabled(),
        "cacheClusterSize": s.cache_cluster_size().map(|x| x.as_str()),
        "cacheClusterStatus": s.cache_cluster_status().map(|x| x.as_str()),
        "methodSettings": s.method_settings().map(|m| m.iter().map(|(k, m)| (k.clone(), json!({
            "metricsEnabled": m.metrics_enabled(),
            "loggingLevel": m.logging_level(),
            "dataTraceEnabled": m.data_trace_enabled(),
            "throttlingBurstLimit": m.throttling_burst_limit(),
            "throttlingRateLimit": m.throttling_rate_limit(),
            "cachingEnabled": m.caching_enabled(),
            "cacheTtlInSeconds": m.cache_ttl_in_seconds(),
            "cacheDataEncrypted": m.cache_data_encrypted(),
            "requireAuthorizationForCacheControl": m.require_authorization_for_cache_control(),
            "unauthorizedCacheControlHeaderStrategy": m.unauthorized_cache_control_header_strategy().map(|x| x.as_str()),
        }))).collect::<serde_json::Map<_, _>>()),
        "variables": s.variables(),
        "documentationVersion": s.documentation_version(),
        "accessLogSettings": s.access_log_settings().map(|a| json!({
            "format": a.format(),
            "destinationArn": a.destination_arn(),
        })),
        "canarySettings": s.canary_settings().map(|c| json!({
            "percentTraffic": c.percent_traffic(),
            "deploymentId": c.deployment_id(),
            "stageVariableOverrides": c.stage_variable_overrides(),
            "useStageCache": c.use_stage_cache(),
        })),
        "tracingEnabled": s.tracing_enabled(),
        "webAclArn": s.web_acl_arn(),
        "tags": s.tags(),
        "createdDate": date(s.created_date()),
        "lastUpdatedDate": date(s.last_updated_date()),
    })
}

/// The SDK's `CreateDeployment` output as JSON with the wire names.
fn sdk_deployment_json(
    d: &aws_sdk_apigateway::operation::create_deployment::CreateDeploymentOutput,
) -> Value {
    use serde_json::json;
    json!({
        "id": d.id(),
        "description": d.description(),
        "createdDate": d.created_date().map(|d| d.as_secs_f64()),
        "apiSummary": d.api_summary().map(|m| m.iter().map(|(path, methods)| (path.clone(), Value::Object(methods.iter().map(|(method, s)| (method.clone(), json!({
            "authorizationType": s.authorization_type(),
            "apiKeyRequired": s.api_key_required(),
        }))).collect()))).collect::<serde_json::Map<_, _>>()),
    })
}

/// Checks that apigw-types' output holds what the SDK decoded.
fn call_output_check(checks: &mut Vec<String>, op: &str, what: &str, sdk: &Value, ours: &Value) {
    let (mut bad, mut absent) = (Vec::new(), std::collections::BTreeSet::new());
    compare_decoded(sdk, Some(ours), "", &mut bad, &mut absent);
    check(
        checks,
        bad.is_empty(),
        format!(
            "v1 {op} call: apigw-types' parse_response output equals the SDK's decoded output ({what}){}{}",
            if absent.is_empty() {
                String::new()
            } else {
                format!(
                    "; not compared, absent from apigw-types' model (see the decode notes): {}",
                    absent.iter().map(|m| format!("`{}`", m.trim_start_matches('.'))).collect::<Vec<_>>().join(", ")
                )
            },
            if bad.is_empty() { String::new() } else { format!(": {bad:?}") }
        ),
    );
}

/// Checks that apigw-types builds the request the SDK sent: method, URI
/// (path and query), JSON body, and the content headers; notes the headers
/// only the SDK sends.
fn call_request_check(
    checks: &mut Vec<String>,
    notes: &mut Vec<String>,
    op: &str,
    sdk: &canned::Captured,
    ours: &generated::Built,
) {
    let json = |b: &[u8]| serde_json::from_slice::<Value>(b).ok();
    let body_same = if sdk.body.is_empty() || ours.body.is_empty() {
        sdk.body == ours.body
    } else {
        matches!((json(&sdk.body), json(&ours.body)), (Some(a), Some(b)) if json_eq(&a, &b))
    };
    let mut differ = Vec::new();
    if sdk.method != ours.method {
        differ.push(format!("method {} vs {}", sdk.method, ours.method));
    }
    if sdk.uri != ours.uri {
        differ.push(format!("URI {} vs {}", sdk.uri, ours.uri));
    }
    if !body_same {
        differ.push(format!(
            "body {} vs {}",
            String::from_utf8_lossy(&sdk.body),
            String::from_utf8_lossy(&ours.body)
        ));
    }
    const COMPARED: [&str; 3] = ["content-type", "content-length", "accept"];
    for h in COMPARED {
        if sdk.header(h) != ours.header(h) {
            differ.push(format!("{h}: {:?} vs {:?}", sdk.header(h), ours.header(h)));
        }
    }
    check(
        checks,
        differ.is_empty(),
        format!(
            "v1 {op} call: apigw-types' build_request builds the SDK's request: `{} {}`, {} (content-type, content-length, accept alike){}",
            ours.method,
            ours.uri,
            if ours.body.is_empty() {
                "no body".to_string()
            } else {
                format!("the same JSON body ({} bytes)", ours.body.len())
            },
            if differ.is_empty() { String::new() } else { format!(": SDK vs apigw-types {differ:?}") }
        ),
    );
    let only_sdk: Vec<&str> = sdk
        .headers
        .iter()
        .map(|(k, _)| k.as_str())
        .filter(|k| ours.header(k).is_none())
        .collect();
    if !only_sdk.is_empty() {
        notes.push(format!(
            "{op} call: headers only the SDK's request carries (signing, user agent, retries: the caller's business with the sans-IO API): {}.",
            only_sdk.iter().map(|h| format!("`{h}`")).collect::<Vec<_>>().join(", ")
        ));
    }
}

fn v1_call_get_stages(
    bytes: Rc<[u8]>,
    rt: &Rc<tokio::runtime::Runtime>,
    checks: &mut Vec<String>,
    notes: &mut Vec<String>,
    pending: &mut Vec<&'static str>,
) -> Vec<Case> {
    let input: Value = serde_json::from_slice(&bytes).expect("v1 data is JSON");
    let capture = CannedClient::capturing(bytes.to_vec());
    let sdk_out = rt
        .block_on(
            sdk::v1_client(capture.clone())
                .get_stages()
                .rest_api_id(REST_API_ID)
                .send(),
        )
        .expect("SDK get_stages");
    let sent = capture.last_call().expect("captured");

    let mut cases = Vec::new();
    match generated::v1_get_stages_call(bytes.clone(), REST_API_ID) {
        Some(call) => {
            check(
                checks,
                call.same_as_decode,
                "v1 GetStages call: parse_response returns what `apigw_types::from_json` decodes from the body (verified in the decode table)".into(),
            );
            let mut d = Diff::default();
            diff(&input, &call.output, "", &mut d);
            check(
                checks,
                d.differ.is_empty(),
                format!(
                    "v1 GetStages call: parse_response's output holds the body's values{}",
                    if d.differ.is_empty() {
                        String::new()
                    } else {
                        format!(": {:?}", d.differ)
                    }
                ),
            );
            let sdk_items = Value::Array(sdk_out.item().iter().map(sdk_stage_json).collect());
            call_output_check(
                checks,
                "GetStages",
                &format!(
                    "all {} stages, every member both model",
                    sdk_out.item().len()
                ),
                &serde_json::json!({ "item": sdk_items }),
                &call.output,
            );
            call_request_check(checks, notes, "GetStages", &sent, &call.request);
            cases.extend(call.cases);
        }
        None => pending.push("v1.call_get_stages.generated"),
    }
    let client = sdk::v1_client(CannedClient::new(bytes.to_vec()));
    let rt = rt.clone();
    cases.push(Case::batched(
        "v1.call_get_stages.sdk",
        "aws-sdk-apigateway get_stages().send()",
        bytes.len(),
        move || client.get_stages().rest_api_id(REST_API_ID),
        move |req| {
            black_box(rt.block_on(req.send()).unwrap());
        },
    ));
    cases
}

/// The CreateDeployment call's input: a stage name, a description and a few
/// stage variables.
fn v1_deployment_input() -> generated::DeploymentInput {
    generated::DeploymentInput {
        rest_api_id: REST_API_ID.into(),
        stage_name: "prod".into(),
        description: "Release 2026.11.29 (build 4711) from CI".into(),
        variables: [
            ("backend", "https://orders-backend.example.com/v2"),
            ("lambdaAlias", "live"),
            ("logLevel", "INFO"),
            ("featureFlags", "checkout-v2,fast-refunds"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect(),
    }
}

/// The `201` response body of the CreateDeployment call: a small `Deployment`.
const V1_DEPLOYMENT: &str = r#"{"id":"abc123","description":"Release 2026.11.29 (build 4711) from CI","createdDate":1700000000,"apiSummary":{"/orders":{"GET":{"authorizationType":"AWS_IAM","apiKeyRequired":false},"POST":{"authorizationType":"AWS_IAM","apiKeyRequired":true}}}}"#;

fn v1_create_deployment_fluent(
    client: &aws_sdk_apigateway::Client,
    d: &generated::DeploymentInput,
) -> aws_sdk_apigateway::operation::create_deployment::builders::CreateDeploymentFluentBuilder {
    client
        .create_deployment()
        .rest_api_id(&d.rest_api_id)
        .stage_name(&d.stage_name)
        .description(&d.description)
        .set_variables(Some(d.variables.iter().cloned().collect()))
}

fn v1_call_create_deployment(
    rt: &Rc<tokio::runtime::Runtime>,
    checks: &mut Vec<String>,
    notes: &mut Vec<String>,
    pending: &mut Vec<&'static str>,
) -> Vec<Case> {
    let body: Rc<[u8]> = V1_DEPLOYMENT.as_bytes().into();
    let d = v1_deployment_input();
    let capture = CannedClient::capturing(body.to_vec()).with_status(201);
    let sdk_out = rt
        .block_on(v1_create_deployment_fluent(&sdk::v1_client(capture.clone()), &d).send())
        .expect("SDK create_deployment");
    let sent = capture.last_call().expect("captured");
    let expected = serde_json::json!({
        "stageName": d.stage_name,
        "description": d.description,
        "variables": d.variables.iter().cloned().collect::<std::collections::BTreeMap<_, _>>(),
    });
    check(
        checks,
        serde_json::from_slice::<Value>(&sent.body).is_ok_and(|v| json_eq(&v, &expected)),
        format!(
            "v1 SDK create_deployment() sends stageName, description and {} variables ({} bytes)",
            d.variables.len(),
            sent.body.len()
        ),
    );

    let mut cases = Vec::new();
    match generated::v1_create_deployment_call(&d, body.clone()) {
        Some(call) => {
            check(
                checks,
                call.same_as_decode,
                "v1 CreateDeployment call: parse_response returns what `apigw_types::from_json` decodes from the body".into(),
            );
            let input: Value = serde_json::from_slice(&body).expect("JSON");
            let mut d = Diff::default();
            diff(&input, &call.output, "", &mut d);
            check(
                checks,
                d.differ.is_empty() && d.missing.is_empty(),
                format!(
                    "v1 CreateDeployment call: parse_response's output holds every member of the {}-byte `201` body{}",
                    body.len(),
                    if d.differ.is_empty() && d.missing.is_empty() { String::new() } else { format!(": differ {:?}, missing {:?}", d.differ, d.missing) }
                ),
            );
            call_output_check(
                checks,
                "CreateDeployment",
                "id, description, createdDate, apiSummary",
                &sdk_deployment_json(&sdk_out),
                &call.output,
            );
            call_request_check(checks, notes, "CreateDeployment", &sent, &call.request);
            cases.extend(call.cases);
        }
        None => pending.push("v1.call_create_deployment.generated"),
    }
    let client = sdk::v1_client(CannedClient::new(body.to_vec()).with_status(201));
    let rt = rt.clone();
    cases.push(Case::batched(
        "v1.call_create_deployment.sdk",
        "aws-sdk-apigateway create_deployment().send()",
        body.len(),
        move || v1_create_deployment_fluent(&client, &d),
        move |req| {
            black_box(rt.block_on(req.send()).unwrap());
        },
    ));
    cases
}

// ----------------------------------------------------------------------------
// Generated-code shape experiments (apigateway GetStages decode)
// ----------------------------------------------------------------------------

/// The variants of `shapes.rs`, with the hand-written structs as reference.
fn shapes_group(
    ver: &str,
    variants: &[shapes::Variant],
    bytes: Rc<[u8]>,
    checks: &mut Vec<String>,
    notes: &mut Vec<String>,
) -> Vec<Case> {
    let input: Value = serde_json::from_slice(&bytes).expect("data is JSON");
    let mut cases = Vec::new();
    for v in variants {
        let got = (v.round_trip)(&bytes).unwrap_or_else(|e| panic!("shape {}: {e}", v.name));
        let mut d = Diff::default();
        diff(&input, &got, "", &mut d);
        check(
            checks,
            d.differ.is_empty() && d.missing.is_empty(),
            format!(
                "{ver} shape `{}` decodes every member of the GetStages body to the same values",
                v.name
            ),
        );
        if !d.extra.is_empty() {
            notes.push(format!(
                "{ver} shape `{}` re-encodes members absent from the body: {}",
                v.name,
                d.extra
                    .iter()
                    .map(|m| format!("`{m}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        let b = bytes.clone();
        let f = v.decode_n;
        cases.push(Case::simple(v.id, v.what, bytes.len(), move || f(&b, 1)));
    }
    let b = bytes.clone();
    cases.push(if ver == "v1" {
        Case::simple(
            "v1.shapes.hand",
            "hand-written serde structs",
            bytes.len(),
            move || {
                black_box(serde_json::from_slice::<hand::v1::Stages>(black_box(&b)).unwrap());
            },
        )
    } else {
        Case::simple(
            "v2.shapes.hand",
            "hand-written serde structs",
            bytes.len(),
            move || {
                black_box(serde_json::from_slice::<hand::v2::Stages>(black_box(&b)).unwrap());
            },
        )
    });
    cases
}

/// Checks, notes and pending cases gathered while verifying.
struct Notes(Vec<String>, Vec<String>, Vec<&'static str>);

fn main() {
    let args = parse_args();
    if cfg!(debug_assertions) {
        eprintln!("warning: built without optimizations; run with --release for real figures");
    }
    let rt = runtime();
    let checks = Vec::new();
    let pending = Vec::new();
    let notes: Vec<String> = Vec::new();

    let read = |p: &PathBuf| -> Rc<[u8]> {
        std::fs::read(p)
            .unwrap_or_else(|e| panic!("reading {}: {e}", p.display()))
            .into()
    };
    let v1 = read(&args.v1_data);
    let v2 = read(&args.v2_data);
    let count = |b: &[u8], key: &str| {
        serde_json::from_slice::<Value>(b)
            .ok()
            .and_then(|v| v[key].as_array().map(Vec::len))
            .unwrap_or(0)
    };
    let inputs = vec![
        Input {
            id: "v1.decode",
            what: "apigateway GetStages response".into(),
            path: args.v1_data.display().to_string(),
            bytes: v1.len(),
            items: count(&v1, "item"),
        },
        Input {
            id: "v2.decode",
            what: "apigatewayv2 GetStages response".into(),
            path: args.v2_data.display().to_string(),
            bytes: v2.len(),
            items: count(&v2, "items"),
        },
        Input {
            id: "v1.encode",
            what: "apigateway UpdateStage request, 100 patch operations".into(),
            path: String::new(),
            bytes: serde_json::to_vec(&v1_update_stage_body(100))
                .unwrap()
                .len(),
            items: 100,
        },
        Input {
            id: "v2.encode",
            what:
                "apigatewayv2 CreateStage request, 60 route settings, 30 stage variables, 10 tags"
                    .into(),
            path: String::new(),
            bytes: serde_json::to_vec(&v2_create_stage_body()).unwrap().len(),
            items: 60,
        },
        Input {
            id: "v1.call_get_stages",
            what: "apigateway GetStages call: a GET of one restApiId's stages, answered `200` with the GetStages response above".into(),
            path: args.v1_data.display().to_string(),
            bytes: v1.len(),
            items: count(&v1, "item"),
        },
        Input {
            id: "v1.call_create_deployment",
            what: format!(
                "apigateway CreateDeployment call: a POST with stageName, description and {} stage variables, answered `201` with a {}-byte Deployment",
                v1_deployment_input().variables.len(),
                V1_DEPLOYMENT.len()
            ),
            path: String::new(),
            bytes: V1_DEPLOYMENT.len(),
            items: v1_deployment_input().variables.len(),
        },
    ];

    eprintln!("verifying…");
    type GroupFn<'a> = Box<dyn FnOnce(&mut Notes) -> Vec<Case> + 'a>;
    let v1_shapes_bytes = v1.clone();
    let v1_call_bytes = v1.clone();
    let v2_shapes_bytes = v2.clone();
    let all: Vec<(&'static str, GroupFn)> = vec![
        (
            "v1.decode",
            Box::new(|n: &mut Notes| v1_decode(v1, &rt, &mut n.0, &mut n.1, &mut n.2)),
        ),
        (
            "v2.decode",
            Box::new(|n: &mut Notes| v2_decode(v2, &rt, &mut n.0, &mut n.1, &mut n.2)),
        ),
        (
            "v1.encode",
            Box::new(|n: &mut Notes| v1_encode(&rt, &mut n.0, &mut n.1, &mut n.2)),
        ),
        (
            "v2.encode",
            Box::new(|n: &mut Notes| v2_encode(&rt, &mut n.0, &mut n.1, &mut n.2)),
        ),
        (
            "v1.call_get_stages",
            Box::new(|n: &mut Notes| {
                v1_call_get_stages(v1_call_bytes, &rt, &mut n.0, &mut n.1, &mut n.2)
            }),
        ),
        (
            "v1.call_create_deployment",
            Box::new(|n: &mut Notes| v1_call_create_deployment(&rt, &mut n.0, &mut n.1, &mut n.2)),
        ),
        (
            "v1.shapes",
            Box::new(|n: &mut Notes| {
                shapes_group(
                    "v1",
                    shapes::V1_VARIANTS,
                    v1_shapes_bytes,
                    &mut n.0,
                    &mut n.1,
                )
            }),
        ),
        (
            "v2.shapes",
            Box::new(|n: &mut Notes| {
                shapes_group(
                    "v2",
                    shapes::V2_VARIANTS,
                    v2_shapes_bytes,
                    &mut n.0,
                    &mut n.1,
                )
            }),
        ),
    ];
    let mut n = Notes(checks, notes, pending);
    let groups_cases: Vec<(&'static str, Vec<Case>)> = all
        .into_iter()
        .filter(|(name, _)| args.wants(name))
        .map(|(name, f)| (name, f(&mut n)))
        .collect();
    let Notes(checks, notes, pending) = n;
    let groups = groups_cases
        .into_iter()
        .map(|(name, cases)| Group {
            name,
            cases: run_group(name, cases, args.settings),
        })
        .collect();
    let corpus = args
        .corpus
        .as_deref()
        .filter(|_| args.wants("corpus"))
        .map(|dir| {
            corpus::measure(dir, args.corpus_runs).unwrap_or_else(|e| {
                eprintln!("corpus: {e}");
                std::process::exit(1);
            })
        });
    let report = Report {
        schema: 1,
        release: !cfg!(debug_assertions),
        settings: SettingsOut {
            rounds: args.settings.rounds,
            round_ms: args.settings.round.as_secs_f64() * 1e3,
            warmup_ms: args.settings.warmup.as_secs_f64() * 1e3,
        },
        inputs,
        groups,
        pending,
        checks,
        notes,
        corpus,
    };
    println!("{}", serde_json::to_string_pretty(&report).expect("report"));
}
