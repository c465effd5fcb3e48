//! Property tests of what a client reads from the network: for hostile
//! response bodies (arbitrary bytes, XML-like nesting of the shapes' own
//! element names with random text, arbitrary CBOR) the generated operations'
//! `parse_response` and the runtime's readers never panic, whatever the
//! status, and answer with the output or an error.
//!
//! `cargo test -p shapegen-tests --test response_fuzz` runs 256 cases per
//! property; `SHAPEGEN_FUZZ_CASES` sets another number.

use proptest::prelude::*;
use proptest::test_runner::Config as PtConfig;
use shapegen_runtime::schema::{m, Schema, BLOB, FLOAT, INTEGER, STRING, TIMESTAMP_EPOCH};
use shapegen_runtime::Operation;

#[allow(dead_code, clippy::all)]
#[path = "../fixtures/sts/sts.rs"]
#[rustfmt::skip]
mod sts;

#[allow(dead_code, clippy::all)]
#[path = "../fixtures/s3/s3.rs"]
#[rustfmt::skip]
mod s3;

fn config() -> PtConfig {
    PtConfig {
        cases: std::env::var("SHAPEGEN_FUZZ_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(256),
        failure_persistence: None,
        ..PtConfig::default()
    }
}

/// Element names the parsers look for, and a few they do not.
const NAMES: &[&str] = &[
    "ListBucketResult",
    "Contents",
    "Key",
    "Size",
    "LastModified",
    "IsTruncated",
    "KeyCount",
    "Tagging",
    "TagSet",
    "Tag",
    "Value",
    "Error",
    "Errors",
    "ErrorResponse",
    "Response",
    "Code",
    "Message",
    "RequestId",
    "AssumeRoleResponse",
    "AssumeRoleResult",
    "Credentials",
    "Expiration",
    "member",
    "entry",
    "x:Key",
    "",
];

/// XML-like text: elements named from `NAMES`, nested, with text that may be
/// a number, a date, base64, an entity or garbage; sometimes broken.
fn xmlish() -> impl Strategy<Value = String> {
    let text = prop_oneof![
        Just(String::new()),
        Just("12".to_string()),
        Just("-1".to_string()),
        Just("true".to_string()),
        Just("2015-01-25T08:00:00Z".to_string()),
        Just("aGk=".to_string()),
        Just("&amp;&lt;&#65;&bogus;".to_string()),
        Just("<![CDATA[<x>]]>".to_string()),
        "[ -~]{0,12}",
    ];
    let leaf = (prop::sample::select(NAMES), text).prop_map(|(n, t)| format!("<{n}>{t}</{n}>"));
    leaf.prop_recursive(6, 64, 6, |inner| {
        (
            prop::sample::select(NAMES),
            prop::collection::vec(inner, 0..6),
            any::<bool>(),
        )
            .prop_map(|(n, children, attr)| {
                let attr = if attr { " xmlns=\"u\" a=\"1\"" } else { "" };
                format!("<{n}{attr}>{}</{n}>", children.concat())
            })
    })
}

fn response(status: u16, body: Vec<u8>) -> http::Response<Vec<u8>> {
    http::Response::builder().status(status).body(body).unwrap()
}

/// Every decoding path of the fixtures: payload and members, query result
/// wrappers, errors.
fn parse_all(status: u16, body: &[u8]) {
    let r = response(status, body.to_vec());
    let _ = s3::operations::ListObjectsV2::parse_response(&r);
    let _ = s3::operations::GetBucketTagging::parse_response(&r);
    let _ = s3::operations::GetObject::parse_response(&r);
    let _ = s3::operations::DeleteObjects::parse_response(&r);
    let _ = sts::operations::AssumeRole::parse_response(&r);
    let _ = sts::operations::GetCallerIdentity::parse_response(&r);
}

static NODE: Schema = Schema::structure(
    "Node",
    &[
        m("name", &STRING),
        m("n", &INTEGER),
        m("f", &FLOAT),
        m("data", &BLOB),
        m("when", &TIMESTAMP_EPOCH),
        m("children", &NODES),
        m("next", &NODE),
    ],
);
static NODES: Schema = Schema::list("Nodes", &m("member", &NODE));

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_bodies_never_panic(status in prop::sample::select(vec![200u16, 204, 400, 404, 500]), body in prop::collection::vec(any::<u8>(), 0..256)) {
        parse_all(status, &body);
        let _ = shapegen_runtime::cbor::structure_value(&body, &NODE);
        let _ = shapegen_runtime::cbor::to_plain_value(&body);
    }

    #[test]
    fn xml_like_bodies_never_panic(status in prop::sample::select(vec![200u16, 400, 404]), xml in xmlish(), cut in any::<prop::sample::Index>()) {
        parse_all(status, xml.as_bytes());
        // The same document cut short anywhere.
        let at = cut.index(xml.len() + 1);
        parse_all(status, &xml.as_bytes()[..at]);
    }

    #[test]
    fn cbor_of_a_recursive_schema_never_panics(value in cbor_value()) {
        let bytes = value;
        let _ = shapegen_runtime::cbor::structure_value(&bytes, &NODE);
    }
}

/// CBOR items built from the schema's member names (so they are read, not
/// skipped), nested, with random scalars and lengths.
fn cbor_value() -> impl Strategy<Value = Vec<u8>> {
    let key = prop::sample::select(vec![
        "name", "n", "f", "data", "when", "children", "next", "x",
    ]);
    let scalar = prop_oneof![
        any::<u8>().prop_map(|n| vec![n & 0x17]), // small unsigned
        Just(vec![0x38, 0x63]),                   // -100
        Just(vec![0xf9, 0x7e, 0x00]),             // half NaN
        Just(vec![0xfb, 0x3f, 0xf8, 0, 0, 0, 0, 0, 0]), // 1.5
        Just(vec![0x43, 1, 2, 3]),                // bytes
        Just(vec![0x62, b'h', b'i']),             // text
        Just(vec![0xc1, 0x1a, 0x5f, 0, 0, 0]),    // tag 1 epoch
        Just(vec![0xf6]),                         // null
        Just(vec![0xf5]),                         // true
        prop::collection::vec(any::<u8>(), 0..4), // garbage
    ];
    scalar.prop_recursive(8, 128, 5, move |inner| {
        prop_oneof![
            prop::collection::vec((key.clone(), inner.clone()), 0..5).prop_map(|entries| {
                let mut out = vec![0xa0 | entries.len() as u8];
                for (k, v) in entries {
                    out.push(0x60 | k.len() as u8);
                    out.extend_from_slice(k.as_bytes());
                    out.extend(v);
                }
                out
            }),
            prop::collection::vec(inner, 0..5).prop_map(|items| {
                let mut out = vec![0x9f];
                for i in items {
                    out.extend(i);
                }
                out.push(0xff);
                out
            }),
        ]
    })
}

// ---------------------------------------------------------------------------
// `from_json`'s own reader against serde_json
// ---------------------------------------------------------------------------

/// Keys of API Gateway's `Stages` and what it holds, and some it does not know.
const STAGE_KEYS: &[&str] = &[
    "item",
    "stageName",
    "deploymentId",
    "description",
    "cacheClusterEnabled",
    "cacheClusterSize",
    "cacheClusterStatus",
    "methodSettings",
    "variables",
    "createdDate",
    "lastUpdatedDate",
    "canarySettings",
    "percentTraffic",
    "useStageCache",
    "stageVariableOverrides",
    "metricsEnabled",
    "loggingLevel",
    "throttlingBurstLimit",
    "throttlingRateLimit",
    "cacheTtlInSeconds",
    "tags",
    "unknownMember",
    "st\\u0061geName",
];

/// JSON-ish text: objects keyed from `STAGE_KEYS`, arrays, and scalars in
/// every spelling the grammar allows (and some it does not).
fn jsonish() -> impl Strategy<Value = String> {
    let scalar = prop_oneof![
        Just("null".to_string()),
        Just("true".to_string()),
        Just("false".to_string()),
        Just("0".to_string()),
        Just("-0".to_string()),
        Just("12".to_string()),
        Just("-7".to_string()),
        Just("1.5".to_string()),
        Just("10000.0".to_string()),
        Just("1.5E9".to_string()),
        Just("1e400".to_string()),
        Just("2.5e-3".to_string()),
        Just("18446744073709551616".to_string()),
        Just("01".to_string()),
        Just("1.".to_string()),
        Just("\"NaN\"".to_string()),
        Just("\"0.5\"".to_string()),
        Just("\"INFO\"".to_string()),
        Just("\"caf\\u00e9 \\ud83d\\ude00 \\n\\\"\"".to_string()),
        Just("\"\\ud800\"".to_string()),
        Just("\"bad \\x escape\"".to_string()),
        "\"[ -!#-\\[\\]-~]{0,12}\"",
        (0u64..2_000_000_000, 0u32..1000).prop_map(|(s, f)| format!("{s}.{f}")),
    ];
    let ws = prop::sample::select(vec!["", " ", "\n  ", "\t"]);
    scalar.prop_recursive(6, 96, 6, move |inner| {
        prop_oneof![
            (
                prop::collection::vec((prop::sample::select(STAGE_KEYS), inner.clone()), 0..6),
                ws.clone()
            )
                .prop_map(|(entries, w)| {
                    let body: Vec<String> = entries
                        .into_iter()
                        .map(|(k, v)| format!("{w}\"{k}\"{w}:{w}{v}"))
                        .collect();
                    format!("{{{}{w}}}", body.join(","))
                }),
            prop::collection::vec(inner, 0..5).prop_map(|items| format!("[{}]", items.join(", "))),
        ]
    })
}

/// `{"item": [...]}` of JSON-ish members: a `Stages` body often enough
/// to decode.
fn stages_json() -> impl Strategy<Value = String> {
    let member = (
        prop::sample::select(STAGE_KEYS),
        prop_oneof![
            jsonish(),
            Just("\"prod\"".to_string()),
            Just("1.7e9".to_string())
        ],
    );
    prop::collection::vec(prop::collection::vec(member, 0..5), 0..4).prop_map(|stages| {
        let items: Vec<String> = stages
            .into_iter()
            .map(|m| {
                let body: Vec<String> = m
                    .into_iter()
                    .map(|(k, v)| format!("\"{k}\": {v}"))
                    .collect();
                format!("{{{}}}", body.join(", "))
            })
            .collect();
        format!("{{\"item\": [{}]}}", items.join(", "))
    })
}

/// The property below is not vacuous: a good share of its bodies decode.
#[test]
fn stages_bodies_decode_often_enough() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = prop_oneof![jsonish(), stages_json()];
    let (mut ok, n) = (0, 2000);
    for _ in 0..n {
        let text = strategy.new_tree(&mut runner).unwrap().current();
        ok += usize::from(
            apigw_types::from_json::<apigw_types::apigateway::Stages>(text.as_bytes()).is_ok(),
        );
    }
    assert!(ok * 10 >= n, "only {ok} of {n} bodies decode");
}

proptest! {
    #![proptest_config(config())]

    /// `from_json` gives what `serde_json::from_str` gives: the same value, or
    /// an error with the same message.
    #[test]
    fn from_json_agrees_with_serde_json(text in prop_oneof![jsonish(), stages_json()], cut in any::<prop::sample::Index>()) {
        use apigw_types::apigateway::Stages;
        let at = cut.index(text.len() + 1);
        for body in [text.as_str(), text.get(..at).unwrap_or(&text)] {
            let ours = apigw_types::from_json::<Stages>(body.as_bytes());
            let theirs = serde_json::from_str::<Stages>(body);
            match (&ours, &theirs) {
                (Ok(a), Ok(b)) => prop_assert_eq!(a, b, "{}", body),
                (Err(a), Err(b)) => prop_assert_eq!(a.to_string(), b.to_string(), "{}", body),
                _ => prop_assert!(false, "{} -> ours {:?}, serde_json {:?}", body, ours, theirs),
            }
        }
    }
}
