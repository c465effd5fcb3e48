//! ================ SLOT: shapegen-generated types (apigw-types) ================
//!
//! The rows "apigw-types (shapegen)" of BENCHMARKS.md come from here: the only
//! file to touch when the generated API changes (type names, module paths).
//! A function returning `None` makes its rows *pending*.
//!
//! `main.rs` verifies each case before timing it: a decode must round-trip the
//! input body through `serde_json::Value` (members the generated types drop are
//! reported as notes, differing values are an error); an encode must produce
//! the SDK's request body (extra members are reported as notes); a whole call
//! (`Operation::build_request` + `Operation::parse_response`) must build the
//! SDK's request and parse the response to what the SDK decodes.
//! =============================================================================

use crate::measure::Case;
use crate::sigv4::Signer;
use std::hint::black_box;
use std::rc::Rc;

use apigw_types::apigateway::operations::{CreateDeployment, GetStages};
use apigw_types::apigateway::{CreateDeploymentRequest, GetStagesRequest};
use apigw_types::primitives::{http, Operation};

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

// ----------------------------------------------------------------------------
// Whole calls: the sans-IO operation API
// ----------------------------------------------------------------------------

/// The endpoint the SDK resolves for `us-east-1` (its requests go there too).
pub const V1_ENDPOINT: &str = "https://apigateway.us-east-1.amazonaws.com";

/// A request as built, for the comparison with the SDK's.
pub struct Built {
    pub method: String,
    pub uri: String,
    /// Names in lower case.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Built {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// The timed cases of one call, and what the checks look at.
pub struct Call {
    pub cases: Vec<Case>,
    /// One request as `build_request` builds it (unsigned).
    pub request: Built,
    /// `parse_response`'s output, re-encoded as JSON.
    pub output: serde_json::Value,
    /// `parse_response`'s output equals `from_json`'s decode of the body
    /// (the decode the decode tables time and verify).
    pub same_as_decode: bool,
}

/// What the CreateDeployment call sends (the same values go to the SDK).
#[derive(Clone)]
pub struct DeploymentInput {
    pub rest_api_id: String,
    pub stage_name: String,
    pub description: String,
    pub variables: Vec<(String, String)>,
}

/// The response an HTTP client hands over: status, the canned client's
/// headers, and a copy of the body (made inside the timed region).
fn response(status: u16, body: &[u8]) -> http::Response<Vec<u8>> {
    let mut r = http::Response::builder().status(status);
    for (k, v) in crate::canned::RESPONSE_HEADERS {
        r = r.header(k, v);
    }
    r.body(body.to_vec()).expect("response")
}

/// The cases of a call of operation `O` with `input`, answered by `status`
/// and `body`: `ids` are the whole call, the call with SigV4 signing,
/// `build_request` alone, response + `parse_response` alone, and
/// `from_json` of the body alone (the decode the response's parse includes).
fn call<O>(ids: [&'static str; 5], input: O::Input, status: u16, body: Rc<[u8]>) -> Option<Call>
where
    O: Operation + 'static,
    O::Input: 'static,
    O::Output: serde::Serialize + serde::de::DeserializeOwned + PartialEq,
{
    let request = match O::build_request(&input, V1_ENDPOINT) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("  {}: cannot build the request: {e}", ids[0]);
            return None;
        }
    };
    let output = match O::parse_response(&response(status, &body)) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("  {}: cannot parse the response: {e:?}", ids[0]);
            return None;
        }
    };
    let same_as_decode = apigw_types::from_json::<O::Output>(&body).is_ok_and(|d| d == output);
    let built = Built {
        method: request.method().to_string(),
        uri: request.uri().to_string(),
        headers: request
            .headers()
            .iter()
            .map(|(k, v)| {
                (
                    k.as_str().to_string(),
                    v.to_str().unwrap_or("?").to_string(),
                )
            })
            .collect(),
        body: request.body().clone(),
    };
    let output = serde_json::to_value(&output).ok()?;
    let input = Rc::new(input);
    let signer = Rc::new(Signer::new("us-east-1", "apigateway"));
    let len = body.len();
    let (i, b) = (input.clone(), body.clone());
    let whole = Case::simple(
        ids[0],
        "apigw-types: build_request + parse_response",
        len,
        move || {
            let req = O::build_request(black_box(&i), V1_ENDPOINT).unwrap();
            black_box(&req);
            let resp = response(status, black_box(&b));
            black_box(O::parse_response(&resp).unwrap());
        },
    );
    let (i, b) = (input.clone(), body.clone());
    let signed = Case::simple(
        ids[1],
        "apigw-types: build_request + SigV4 signing (aws-sigv4) + parse_response",
        len,
        move || {
            let mut req = O::build_request(black_box(&i), V1_ENDPOINT).unwrap();
            signer.sign(&mut req);
            black_box(&req);
            let resp = response(status, black_box(&b));
            black_box(O::parse_response(&resp).unwrap());
        },
    );
    let i = input;
    let build = Case::simple(ids[2], "apigw-types: build_request alone", 0, move || {
        black_box(O::build_request(black_box(&i), V1_ENDPOINT).unwrap());
    });
    let b = body.clone();
    let decode = Case::simple(
        ids[4],
        "apigw-types: `from_json` of the body alone",
        len,
        move || {
            black_box(apigw_types::from_json::<O::Output>(black_box(&b)).unwrap());
        },
    );
    let b = body;
    let parse = Case::simple(
        ids[3],
        "apigw-types: response (body copied) + parse_response alone",
        len,
        move || {
            let resp = response(status, black_box(&b));
            black_box(O::parse_response(&resp).unwrap());
        },
    );
    Some(Call {
        cases: vec![whole, signed, build, parse, decode],
        request: built,
        output,
        same_as_decode,
    })
}

/// `apigateway` `GetStages` of `rest_api_id`, answered `200` with `body`.
pub fn v1_get_stages_call(body: Rc<[u8]>, rest_api_id: &str) -> Option<Call> {
    let input = GetStagesRequest::builder()
        .rest_api_id(rest_api_id)
        .build()
        .ok()?;
    call::<GetStages>(
        [
            "v1.call_get_stages.generated",
            "v1.call_get_stages.generated_signed",
            "v1.call_get_stages.generated_request",
            "v1.call_get_stages.generated_response",
            "v1.call_get_stages.generated_decode",
        ],
        input,
        200,
        body,
    )
}

/// `apigateway` `CreateDeployment` of `d`, answered `201` with `body`.
pub fn v1_create_deployment_call(d: &DeploymentInput, body: Rc<[u8]>) -> Option<Call> {
    let mut b = CreateDeploymentRequest::builder()
        .rest_api_id(d.rest_api_id.as_str())
        .stage_name(d.stage_name.as_str())
        .description(d.description.as_str());
    for (k, v) in &d.variables {
        b = b.insert_variables(k.as_str(), v.as_str());
    }
    call::<CreateDeployment>(
        [
            "v1.call_create_deployment.generated",
            "v1.call_create_deployment.generated_signed",
            "v1.call_create_deployment.generated_request",
            "v1.call_create_deployment.generated_response",
            "v1.call_create_deployment.generated_decode",
        ],
        b.build().ok()?,
        201,
        body,
    )
}
