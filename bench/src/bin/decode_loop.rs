//! A bare decode loop for profilers (`perf record`, `valgrind --tool=callgrind`):
//! decodes one body N times with one decoder, nothing else.
//!
//!   cargo build --profile profiling --manifest-path bench/Cargo.toml --bin decode_loop
//!   perf record -g bench/target/profiling/decode_loop v1 generated 2000
//!
//! Every decoder goes through `apigw_types::from_json` (UTF-8 checked once,
//! then `serde_json::from_str`). Decoders: `generated` (apigw-types), `hand`, `value`, or a shape variant of
//! `shapes.rs` (`shape:<name>`).

#[path = "../hand.rs"]
#[allow(dead_code)]
mod hand;
#[path = "../shapes.rs"]
#[allow(dead_code)]
mod shapes;

use std::hint::black_box;
use std::path::PathBuf;

fn decode<T: serde::de::DeserializeOwned>(bytes: &[u8], n: usize) {
    for _ in 0..n {
        black_box(apigw_types::from_json::<T>(black_box(bytes)).expect("decodes"));
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [body, decoder, n] = args.as_slice() else {
        eprintln!("usage: decode_loop v1|v2 generated|hand|value|shape:<name> N");
        std::process::exit(2);
    };
    let n: usize = n.parse().expect("N");
    let data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data");
    let file = match body.as_str() {
        "v1" => "apigateway_get_stages_50.json",
        "v2" => "apigatewayv2_get_stages_200.json",
        other => panic!("unknown body {other}"),
    };
    let bytes = std::fs::read(data.join(file)).expect("body");
    match (body.as_str(), decoder.as_str()) {
        ("v1", "generated") => decode::<apigw_types::apigateway::Stages>(&bytes, n),
        ("v2", "generated") => decode::<apigw_types::apigatewayv2::GetStagesResponse>(&bytes, n),
        ("v1", "hand") => decode::<hand::v1::Stages>(&bytes, n),
        ("v2", "hand") => decode::<hand::v2::Stages>(&bytes, n),
        (_, "value") => decode::<serde_json::Value>(&bytes, n),
        (v, s) if s.starts_with("shape:") => {
            let name = &s["shape:".len()..];
            let list = if v == "v1" {
                shapes::V1_VARIANTS
            } else {
                shapes::V2_VARIANTS
            };
            let variant = list
                .iter()
                .find(|v| v.name == name)
                .unwrap_or_else(|| panic!("no shape variant {name}"));
            (variant.decode_n)(&bytes, n);
        }
        (b, d) => panic!("unknown body/decoder {b} {d}"),
    }
}
