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
