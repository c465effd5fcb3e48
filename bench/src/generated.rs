//! ================ SLOT: shapegen-generated types (apigw-types) ================
//!
//! The rows "apigw-types (shapegen)" of BENCHMARKS.md come from here: the only
//! file to touch when the generated API changes (type names, module paths).
//! A function returning `None` makes its rows *pending*.
//!
//! `main.rs` verifies each case before timing it: a decode must round-trip the
//! input body through `serde_json::Value` (members the generated types drop are
//! reported as notes, differing values are an error); an encode must produce
//! the SDK's request body (extra members are reported as notes).
//! =============================================================================

use crate::measure::Case;
use std::hint::black_box;
use std::rc::Rc;

use apigw_types::apigateway::Stages as V1Stages;
use apigw_types::apigateway::UpdateStageRequest as V1UpdateStage;
use apigw_types::apigatewayv2::CreateStageRequest as V2CreateStage;
use apigw_types::apigatewayv2::GetStagesResponse as V2Stages;

/// Decodes `bytes` into the generated type and re-encodes it as a `Value`
/// (for the verification round trip).
pub type RoundTrip = fn(&[u8]) -> Result<serde_json::Value, String>;

fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(
    b: &[u8],
) -> Result<serde_json::Value, String> {
    let v: T = apigw_types::from_json(b).map_err(|e| e.to_string())?;
    serde_json::to_value(&v).map_err(|e| e.to_string())
}

/// `apigateway` `GetStages` output: `{"item": [...]}`.
pub fn v1_decode(bytes: Rc<[u8]>) -> Option<(Vec<Case>, RoundTrip)> {
    let len = bytes.len();
    let b = bytes.clone();
    Some((
        vec![
            Case::simple(
                "v1.decode.generated",
                "apigw-types (shapegen)",
                len,
                move || {
                    black_box(apigw_types::from_json::<V1Stages>(black_box(&bytes)).unwrap());
                },
            ),
            Case::simple(
                "v1.decode.generated_slice",
                "apigw-types, serde_json::from_slice",
                len,
                move || {
                    black_box(serde_json::from_slice::<V1Stages>(black_box(&b)).unwrap());
                },
            ),
        ],
        round_trip::<V1Stages>,
    ))
}

/// `apigatewayv2` `GetStages` output: `{"items": [...], "nextToken": ".."}`.
pub fn v2_decode(bytes: Rc<[u8]>) -> Option<(Vec<Case>, RoundTrip)> {
    let len = bytes.len();
    let b = bytes.clone();
    Some((
        vec![
            Case::simple(
                "v2.decode.generated",
                "apigw-types (shapegen)",
                len,
                move || {
                    black_box(apigw_types::from_json::<V2Stages>(black_box(&bytes)).unwrap());
                },
            ),
            Case::simple(
                "v2.decode.generated_slice",
                "apigw-types, serde_json::from_slice",
                len,
                move || {
                    black_box(serde_json::from_slice::<V2Stages>(black_box(&b)).unwrap());
                },
            ),
        ],
        round_trip::<V2Stages>,
    ))
}

/// Builds the generated request from the expected body `body` plus the URI
/// members `uri` (the generated request structs hold both; the member's wire
/// name is given in both spellings, the unused one is ignored), and times
/// `serde_json::to_vec` of it. Returns the case and one encoded output.
fn encode_case<T: serde::de::DeserializeOwned + serde::Serialize + 'static>(
    id: &'static str,
    body: &serde_json::Value,
    uri: &[(&str, &str)],
) -> Option<(Case, Vec<u8>)> {
    let mut v = body.clone();
    for (k, val) in uri {
        v[*k] = serde_json::Value::from(*val);
    }
    let req: T = match serde_json::from_value(v) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("  {id}: cannot build the generated request: {e}");
            return None;
        }
    };
    let out = serde_json::to_vec(&req).ok()?;
    Some((
        Case::simple(id, "apigw-types (shapegen)", out.len(), move || {
            black_box(serde_json::to_vec(black_box(&req)).unwrap());
        }),
        out,
    ))
}

/// `apigateway` `UpdateStage` request (`restApiId`, `stageName` go in the URI).
pub fn v1_encode(body: &serde_json::Value) -> Option<(Case, Vec<u8>)> {
    encode_case::<V1UpdateStage>(
        "v1.encode.generated",
        body,
        &[
            ("restApiId", "a1b2c3d4e5"),
            ("RestApiId", "a1b2c3d4e5"),
            ("stageName", "prod"),
            ("StageName", "prod"),
        ],
    )
}

/// `apigatewayv2` `CreateStage` request (`apiId` goes in the URI).
pub fn v2_encode(body: &serde_json::Value) -> Option<(Case, Vec<u8>)> {
    encode_case::<V2CreateStage>(
        "v2.encode.generated",
        body,
        &[("apiId", "a1b2c3d4e5"), ("ApiId", "a1b2c3d4e5")],
    )
}
