//! Real API Gateway JSON (shapes as the API reference documents them) decodes
//! into the generated types and encodes back to equal JSON.

use apigw_types::apigateway as v1;
use apigw_types::apigatewayv2 as v2;
use apigw_types::primitives::{EpochSeconds, Iso8601, Operation, Timestamp};
use serde_json::{json, Value};

fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(body: &str) -> T {
    let value: T = serde_json::from_str(body).unwrap_or_else(|e| panic!("decode: {e}"));
    let expected: Value = serde_json::from_str(body).unwrap();
    let expected = strip_nulls(expected);
    assert_eq!(
        serde_json::to_value(&value).unwrap(),
        expected,
        "encodes back to the same JSON"
    );
    value
}

/// `null` members decode as absent, so they are absent on the way back out.
fn strip_nulls(v: Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.into_iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k, strip_nulls(v)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.into_iter().map(strip_nulls).collect()),
        other => other,
    }
}

#[test]
fn apigateway_get_stages_benchmark_body() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../bench/data/apigateway_get_stages_50.json"
    );
    let body = std::fs::read_to_string(path).expect("bench/data holds the benchmark body");
    let stages: v1::Stages = serde_json::from_str(&body).unwrap();
    let items = stages.item.as_ref().unwrap();
    assert_eq!(items.len(), 50);
    let s = &items[0];
    assert_eq!(s.stage_name.as_deref(), Some("stage_0"));
    assert!(s.cache_cluster_enabled);
    assert_eq!(
        s.cache_cluster_size,
        Some(v1::CacheClusterSize::Size0Point5Gb)
    );
    assert_eq!(
        s.cache_cluster_status,
        Some(v1::CacheClusterStatus::Available)
    );
    assert_eq!(
        s.created_date,
        Some(Timestamp::<EpochSeconds>::from_secs(1_700_000_000))
    );
    let all = &s.method_settings.as_ref().unwrap()["*/*"];
    assert_eq!(all.cache_ttl_in_seconds, 300);
    assert_eq!(all.throttling_rate_limit, Some(10000.0));
    assert_eq!(
        all.unauthorized_cache_control_header_strategy,
        Some(v1::UnauthorizedCacheControlHeaderStrategy::SucceedWithResponseHeader)
    );
    let canary = s.canary_settings.as_ref().unwrap();
    assert_eq!(canary.percent_traffic, Some(12.5));
    assert!(!canary.use_stage_cache);
    // Every member the model knows encodes back exactly; members the model
    // leaves out (added by the service after the seed documents) are dropped.
    let back = serde_json::to_value(&stages).unwrap();
    let mut expected: Value = serde_json::from_str(&body).unwrap();
    for stage in expected["item"].as_array_mut().unwrap() {
        let obj = stage.as_object_mut().unwrap();
        obj.retain(|k, _| !matches!(k.as_str(), "tracingEnabled" | "webAclArn" | "tags"));
    }
    assert_eq!(back, expected);
}

#[test]
fn apigateway_get_stages_with_nulls_and_fractional_epoch() {
    let body = r#"{"item":[{"deploymentId":"abc123","stageName":"prod","description":null,
        "cacheClusterEnabled":false,"cacheClusterSize":null,"cacheClusterStatus":"NOT_AVAILABLE",
        "methodSettings":{"*/*":{"metricsEnabled":false,"loggingLevel":"OFF","dataTraceEnabled":false,
          "throttlingBurstLimit":5000,"throttlingRateLimit":10000.0,"cachingEnabled":false,
          "cacheTtlInSeconds":300,"cacheDataEncrypted":false,"requireAuthorizationForCacheControl":true,
          "unauthorizedCacheControlHeaderStrategy":"SUCCEED_WITH_RESPONSE_HEADER"},
          "/pets/{petId}/GET":{"metricsEnabled":true,"loggingLevel":"INFO","dataTraceEnabled":true,
          "throttlingBurstLimit":100,"throttlingRateLimit":50.5,"cachingEnabled":true,"cacheTtlInSeconds":60,
          "cacheDataEncrypted":true,"requireAuthorizationForCacheControl":false,
          "unauthorizedCacheControlHeaderStrategy":"FAIL_WITH_403"}},
        "variables":{"lambdaAlias":"live"},
        "createdDate":1583990000.123,"lastUpdatedDate":1583990400}]}"#;
    let stages: v1::Stages = round_trip(body);
    let s = &stages.item.unwrap()[0];
    assert_eq!(s.description, None);
    assert_eq!(s.cache_cluster_size, None);
    let created = s.created_date.unwrap();
    assert_eq!(
        (created.secs(), created.subsec_nanos()),
        (1_583_990_000, 123_000_000)
    );
    // Byte-for-byte timestamps.
    assert_eq!(serde_json::to_string(&created).unwrap(), "1583990000.123");
    assert_eq!(
        serde_json::to_string(&s.last_updated_date.unwrap()).unwrap(),
        "1583990400"
    );
}

#[test]
fn apigateway_non_nullable_members_accept_null_and_absence() {
    let s: v1::MethodSetting = serde_json::from_str(r#"{"metricsEnabled":null}"#).unwrap();
    assert!(!s.metrics_enabled);
    assert_eq!(s.cache_ttl_in_seconds, 0);
    assert_eq!(s.throttling_rate_limit, None);
}

#[test]
fn apigateway_get_rest_apis() {
    let body = r#"{"item":[{"id":"a1b2c3","name":"PetStore","description":"Your first API",
        "createdDate":1583990000,"version":"1.0","binaryMediaTypes":["image/png","*/*"],
        "minimumCompressionSize":1024,"apiKeySource":"HEADER",
        "endpointConfiguration":{"types":["REGIONAL"]},
        "tags":{"team":"payments"}}],"position":"next-page-token"}"#;
    let apis: v1::RestApis = round_trip(body);
    let api = &apis.items.unwrap()[0];
    assert_eq!(api.api_key_source, Some(v1::ApiKeySourceType::Header));
    assert_eq!(api.minimum_compression_size, Some(1024));
    let types = api
        .endpoint_configuration
        .as_ref()
        .unwrap()
        .types
        .as_ref()
        .unwrap();
    assert_eq!(types[0], v1::EndpointType::Regional);
}

#[test]
fn apigateway_gateway_response() {
    let body = r#"{"responseType":"UNSUPPORTED_MEDIA_TYPE","statusCode":"415",
        "responseParameters":{"gatewayresponse.header.Access-Control-Allow-Origin":"'*'"},
        "responseTemplates":{"application/json":"{\"message\":$context.error.messageString}"},
        "defaultResponse":false}"#;
    let r: v1::GatewayResponse = round_trip(body);
    assert_eq!(
        r.response_type,
        Some(v1::GatewayResponseType::UnsupportedMediaType)
    );
    assert_eq!(r.status_code.as_deref(), Some("415"));
}

#[test]
fn apigatewayv2_get_stage() {
    let body = r#"{"accessLogSettings":{"destinationArn":"arn:aws:logs:us-east-1:123456789012:log-group:g",
        "format":"$context.requestId"},"apiGatewayManaged":false,"autoDeploy":true,
        "createdDate":"2020-03-12T10:00:00Z","lastUpdatedDate":"2020-03-12T10:05:30.250Z",
        "defaultRouteSettings":{"dataTraceEnabled":false,"detailedMetricsEnabled":true,
          "loggingLevel":"INFO","throttlingBurstLimit":100,"throttlingRateLimit":50.0},
        "deploymentId":"d1","description":"prod stage",
        "routeSettings":{"GET /pets":{"loggingLevel":"ERROR"}},
        "stageName":"prod","stageVariables":{"fn":"live"},"tags":{"env":"prod"}}"#;
    let s: v2::GetStageResponse = round_trip(body);
    assert_eq!(s.stage_name.as_deref(), Some("prod"));
    assert_eq!(
        s.default_route_settings.as_ref().unwrap().logging_level,
        Some(v2::LoggingLevel::Info)
    );
    let created = s.created_date.unwrap();
    assert_eq!(created, Timestamp::<Iso8601>::from_secs(1_584_007_200));
    assert_eq!(
        serde_json::to_string(&s.last_updated_date.unwrap()).unwrap(),
        "\"2020-03-12T10:05:30.250Z\""
    );
}

#[test]
fn apigatewayv2_get_integrations() {
    let body = r#"{"items":[{"apiGatewayManaged":false,"connectionType":"INTERNET",
        "integrationId":"i1","integrationMethod":"POST","integrationType":"AWS_PROXY",
        "integrationUri":"arn:aws:lambda:us-east-1:123456789012:function:f","payloadFormatVersion":"2.0",
        "timeoutInMillis":30000,"tlsConfig":{"serverNameToVerify":"example.com"}},
        {"connectionType":"VPC_LINK","connectionId":"vl1","integrationId":"i2","integrationType":"HTTP_PROXY",
        "integrationMethod":"ANY","integrationUri":"arn:aws:elasticloadbalancing:us-east-1:1:listener/app/x/y/z",
        "passthroughBehavior":"WHEN_NO_MATCH","requestParameters":{"append:header.x":"v"}}],
        "nextToken":"tok"}"#;
    let r: v2::GetIntegrationsResponse = round_trip(body);
    let items = r.items.unwrap();
    assert_eq!(
        items[0].integration_type,
        Some(v2::IntegrationType::AwsProxy)
    );
    assert_eq!(items[1].connection_type, Some(v2::ConnectionType::VpcLink));
    assert_eq!(
        items[0]
            .tls_config
            .as_ref()
            .unwrap()
            .server_name_to_verify
            .as_deref(),
        Some("example.com")
    );
}

#[test]
fn unknown_enum_values_survive() {
    let body = r#"{"responseType":"SOME_FUTURE_TYPE","statusCode":"599","defaultResponse":false}"#;
    let r: v1::GatewayResponse = round_trip(body);
    let t = r.response_type.unwrap();
    assert_eq!(
        t,
        v1::GatewayResponseType::Unknown("SOME_FUTURE_TYPE".into())
    );
    assert_eq!(t.as_str(), "SOME_FUTURE_TYPE");
    // Users can construct it, and it encodes unchanged.
    let custom = v1::CacheClusterSize::from("999".to_string());
    assert_eq!(serde_json::to_value(&custom).unwrap(), json!("999"));
    assert_eq!(
        v1::CacheClusterSize::from("13.5"),
        v1::CacheClusterSize::Size13Point5Gb
    );
    assert_eq!(
        "0.5".parse::<v1::CacheClusterSize>().unwrap().to_string(),
        "0.5"
    );
    assert_eq!(v1::CacheClusterSize::values()[7], "237");
    assert!(v1::GatewayResponseType::values().contains(&"DEFAULT_4XX"));
}

/// Equality, hashing and order of string enums follow the wire value: the
/// catch-all built with a known value is that variant.
#[test]
fn enum_equality_and_hashing_follow_the_wire_value() {
    use std::collections::{BTreeSet, HashSet};
    use v1::CacheClusterSize as Size;
    let unknown = Size::Unknown("0.5".into());
    assert_eq!(unknown, Size::Size0Point5Gb);
    assert_eq!(Size::Size0Point5Gb, unknown);
    assert_ne!(Size::Unknown("0.50".into()), Size::Size0Point5Gb);
    assert_ne!(Size::Size0Point5Gb, Size::Size1Point6Gb);
    assert_eq!(Size::Unknown("999".into()), Size::from("999"));
    let set: HashSet<Size> = [Size::Size0Point5Gb, unknown.clone()].into_iter().collect();
    assert_eq!(set.len(), 1);
    assert!(set.contains(&Size::Unknown("0.5".into())));
    // Order is the order of the wire strings, and agrees with equality.
    assert_eq!(unknown.cmp(&Size::Size0Point5Gb), std::cmp::Ordering::Equal);
    let sorted: BTreeSet<Size> = Size::values()
        .iter()
        .map(|v| Size::from(*v))
        .chain([unknown, Size::Unknown("2".into())])
        .collect();
    let sorted: Vec<&str> = sorted.iter().map(Size::as_str).collect();
    assert_eq!(
        sorted,
        ["0.5", "1.6", "118", "13.5", "2", "237", "28.4", "58.2", "6.1"]
    );
}

#[test]
fn wrong_types_are_rejected_with_a_path() {
    let err = serde_json::from_str::<v1::Stages>(r#"{"item":[{"cacheClusterEnabled":"yes"}]}"#)
        .unwrap_err();
    assert!(err.to_string().contains("invalid type"), "{err}");
    let err = serde_json::from_str::<v2::GetStageResponse>(r#"{"createdDate":"12 March 2020"}"#)
        .unwrap_err();
    assert!(err.to_string().contains("RFC 3339"), "{err}");
}

#[test]
fn builders_set_append_and_report_missing_members() {
    let stage = v1::Stage::builder()
        .stage_name("prod")
        .insert_variables("alias", "live")
        .insert_variables("region", "eu")
        .cache_cluster_enabled(true)
        .build();
    assert_eq!(stage.variables.as_ref().unwrap().len(), 2);
    assert!(stage.cache_cluster_enabled);

    let err = v1::CreateDeploymentRequest::builder().build().unwrap_err();
    assert_eq!(err.missing, vec!["rest_api_id"]);
    let err = v2::CreateIntegrationRequest::builder().build().unwrap_err();
    assert_eq!(err.missing, vec!["api_id", "integration_type"]);
    assert_eq!(
        err.to_string(),
        "cannot build `CreateIntegrationRequest`: required members `api_id`, `integration_type` not set"
    );
    let ok = v2::CreateIntegrationRequest::builder()
        .api_id("a1")
        .integration_type(v2::IntegrationType::AwsProxy)
        .insert_request_parameters("append:header.x", "v")
        .build();
    assert!(ok.is_ok());

    // `set_x(None)` makes a required member unset again; `set_x(Some)` sets it.
    let err = v2::CreateIntegrationRequest::builder()
        .api_id("a1")
        .set_api_id(None)
        .set_integration_type(Some(v2::IntegrationType::Http))
        .build()
        .unwrap_err();
    assert_eq!(err.missing, vec!["api_id"]);
    // A list member is created by its first `push_`.
    let patch = v1::PatchOperation::builder().op(v1::Op::Replace).build();
    let err = v1::UpdateStageRequest::builder()
        .rest_api_id("r")
        .build()
        .unwrap_err();
    assert_eq!(err.missing, vec!["stage_name"]);
    let req = v1::UpdateStageRequest::builder()
        .rest_api_id("r")
        .stage_name("s")
        .push_patch_operations(patch.clone())
        .build()
        .unwrap();
    assert_eq!(req.patch_operations, Some(vec![patch]));
}

#[test]
fn builders_track_more_than_64_required_members() {
    // The set of unset required members every builder holds (`__unset`).
    use apigw_types::primitives::Unset64;
    let mut b = Unset64::first(130);
    for bit in (0..130).filter(|b| b % 3 != 0) {
        b.mark_set(bit);
    }
    let names: Vec<&'static str> = (0..130)
        .map(|i| &*Box::leak(format!("m{i}").into_boxed_str()))
        .collect();
    let err = b.finish((), "Wide", &names).unwrap_err();
    let expected: Vec<String> = (0..130)
        .filter(|b| b % 3 == 0)
        .map(|i| format!("m{i}"))
        .collect();
    assert_eq!(err.missing, expected);
    for bit in (0..130).filter(|b| b % 3 == 0) {
        b.mark_set(bit);
    }
    assert!(b.finish((), "Wide", &names).is_ok());
}

/// A request comes out whole: method, URI with labels percent-encoded and the
/// template's static query kept, query string, headers (API Gateway's
/// `Accept: application/json`, `Content-Type`, `Content-Length`), body.
#[test]
fn operations_build_complete_requests() {
    use v1::operations::{CreateDeployment, GetStages, ImportRestApi};
    const ENDPOINT: &str = "https://apigateway.us-east-1.amazonaws.com";
    let header = |r: &http::Request<Vec<u8>>, name: &str| {
        r.headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_string())
    };

    let input = v1::GetStagesRequest::builder()
        .rest_api_id("a b/c")
        .deployment_id("d1")
        .build()
        .unwrap();
    let r = GetStages::build_request(&input, ENDPOINT).unwrap();
    assert_eq!(r.method(), "GET");
    assert_eq!(
        r.uri(),
        "https://apigateway.us-east-1.amazonaws.com/restapis/a%20b%2Fc/stages?deploymentId=d1"
    );
    assert_eq!(header(&r, "accept").as_deref(), Some("application/json"));
    assert!(r.body().is_empty());
    assert_eq!(header(&r, "content-type"), None);

    let deploy = v1::CreateDeploymentRequest::builder()
        .rest_api_id("api1")
        .stage_name("prod")
        .insert_variables("fn", "live")
        .build()
        .unwrap();
    let r = CreateDeployment::build_request(&deploy, ENDPOINT).unwrap();
    assert_eq!(r.method(), "POST");
    assert_eq!(r.uri().path(), "/restapis/api1/deployments");
    assert_eq!(
        serde_json::from_slice::<Value>(r.body()).unwrap(),
        json!({"stageName": "prod", "variables": {"fn": "live"}})
    );
    assert_eq!(
        header(&r, "content-type").as_deref(),
        Some("application/json")
    );
    assert_eq!(
        header(&r, "content-length"),
        Some(r.body().len().to_string())
    );

    // A blob payload is the whole body; the template's `?mode=import` stays.
    let import = v1::ImportRestApiRequest::builder()
        .body(b"openapi: 3.0.1".as_slice())
        .fail_on_warnings(true)
        .build()
        .unwrap();
    let r = ImportRestApi::build_request(&import, ENDPOINT).unwrap();
    assert_eq!(r.uri().path(), "/restapis");
    assert_eq!(r.uri().query(), Some("mode=import&failonwarnings=true"));
    assert_eq!(r.body(), b"openapi: 3.0.1");
    assert_eq!(
        header(&r, "content-type").as_deref(),
        Some("application/octet-stream")
    );

    use v2::operations::GetStage;
    let input = v2::GetStageRequest::builder()
        .api_id("api1")
        .stage_name("$default")
        .build()
        .unwrap();
    let r = GetStage::build_request(&input, "https://apigateway.eu-west-1.amazonaws.com/").unwrap();
    assert_eq!(
        r.uri(),
        "https://apigateway.eu-west-1.amazonaws.com/v2/apis/api1/stages/%24default"
    );
    // apigatewayv2 sends no default Accept.
    assert_eq!(header(&r, "accept"), None);

    // A required label left empty is an error, not a request to `/restapis//stages`.
    let empty = v1::GetStagesRequest::builder()
        .rest_api_id("")
        .build()
        .unwrap();
    let err = GetStages::build_request(&empty, ENDPOINT).unwrap_err();
    assert!(err.to_string().contains("restapi_id"), "{err}");
}

fn response(status: u16, headers: &[(&str, &str)], body: &str) -> http::Response<Vec<u8>> {
    let mut b = http::Response::builder().status(status);
    for (k, v) in headers {
        b = b.header(*k, *v);
    }
    b.body(body.as_bytes().to_vec()).unwrap()
}

/// Responses parse into the output, or into the operation's own error enum:
/// a modeled exception by its code (header or body, namespace and suffix
/// stripped) with its header-bound members, else `Unhandled` with status,
/// code, message and the raw body.
#[test]
fn operations_parse_responses_and_typed_errors() {
    use v1::operations::{GetStage, GetStageError, GetStages};
    let ok = response(
        200,
        &[("content-type", "application/json")],
        r#"{"item":[{"stageName":"prod"}]}"#,
    );
    let stages = GetStages::parse_response(&ok).unwrap();
    assert_eq!(stages.item.unwrap()[0].stage_name.as_deref(), Some("prod"));

    let not_found = response(
        404,
        &[(
            "x-amzn-ErrorType",
            "NotFoundException:http://internal.amazon.com/coral/",
        )],
        r#"{"message":"Invalid stage identifier specified"}"#,
    );
    match GetStage::parse_response(&not_found) {
        Err(GetStageError::NotFoundException(e)) => {
            assert_eq!(
                e.message.as_deref(),
                Some("Invalid stage identifier specified")
            )
        }
        other => panic!("{other:?}"),
    }
    let throttled = response(
        429,
        &[("Retry-After", "3")],
        r#"{"__type":"com.amazonaws.apigateway#TooManyRequestsException","message":"slow down"}"#,
    );
    match GetStage::parse_response(&throttled) {
        Err(GetStageError::TooManyRequestsException(e)) => {
            assert_eq!(e.retry_after_seconds.as_deref(), Some("3"));
            assert_eq!(e.message.as_deref(), Some("slow down"));
        }
        other => panic!("{other:?}"),
    }
    let err = GetStage::parse_response(&throttled).unwrap_err();
    assert_eq!(err.code(), Some("TooManyRequestsException"));

    // Not in GetStage's list: the catch-all, with everything the service sent.
    let teapot = response(
        418,
        &[("x-amzn-RequestId", "r-1")],
        r#"{"code":"Teapot","Message":"short and stout"}"#,
    );
    match GetStage::parse_response(&teapot) {
        Err(GetStageError::Unhandled(u)) => {
            assert_eq!(u.status, 418);
            assert_eq!(u.code(), Some("Teapot"));
            assert_eq!(u.message(), Some("short and stout"));
            assert_eq!(u.request_id.as_deref(), Some("r-1"));
            assert_eq!(u.body, teapot.body().clone());
        }
        other => panic!("{other:?}"),
    }
    // A success body that does not decode is an error, not an empty value.
    let garbled = response(200, &[], r#"{"stageName": 5}"#);
    match GetStage::parse_response(&garbled) {
        Err(GetStageError::Unhandled(u)) => {
            assert!(
                u.decode_error.as_deref().unwrap().contains("invalid type"),
                "{u}"
            )
        }
        other => panic!("{other:?}"),
    }
}

/// The service trait can be implemented with plain `async fn`s (a mock here)
/// and driven by any executor; methods a mock leaves out answer
/// `NotImplemented`.
#[test]
fn service_trait_is_implementable_with_async_fn() {
    use v1::operations::{ApiGateway, DeleteGatewayResponseError, GetStagesError};
    struct Mock;
    impl ApiGateway for Mock {
        async fn get_stages(
            &self,
            input: v1::GetStagesRequest,
        ) -> Result<v1::Stages, GetStagesError> {
            let stage = v1::Stage::builder()
                .stage_name(format!("{}-prod", input.rest_api_id))
                .build();
            Ok(v1::Stages::builder().item(vec![stage]).build())
        }
    }
    let stages = block_on(
        Mock.get_stages(
            v1::GetStagesRequest::builder()
                .rest_api_id("api1")
                .build()
                .unwrap(),
        ),
    )
    .unwrap();
    assert_eq!(
        stages.item.unwrap()[0].stage_name.as_deref(),
        Some("api1-prod")
    );
    let input = v1::DeleteGatewayResponseRequest::builder()
        .rest_api_id("api1")
        .response_type(v1::GatewayResponseType::Default4xx)
        .build()
        .unwrap();
    match block_on(Mock.delete_gateway_response(input)) {
        Err(DeleteGatewayResponseError::Unhandled(u)) => {
            assert_eq!(u.status, 501);
            assert_eq!(u.code(), Some("NotImplemented"));
        }
        other => panic!("{other:?}"),
    }
}

/// Polls a future to completion on this thread (the futures here never wait).
fn block_on<F: std::future::Future>(f: F) -> F::Output {
    use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};
    fn noop(_: *const ()) {}
    fn clone(p: *const ()) -> RawWaker {
        RawWaker::new(p, &VTABLE)
    }
    static VTABLE: RawWakerVTable = RawWakerVTable::new(clone, noop, noop, noop);
    let waker = unsafe { Waker::from_raw(RawWaker::new(std::ptr::null(), &VTABLE)) };
    let mut cx = Context::from_waker(&waker);
    let mut f = std::pin::pin!(f);
    loop {
        if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

/// The example in README.md, verbatim.
#[test]
fn readme_example() -> Result<(), Box<dyn std::error::Error>> {
    use apigw_types::apigateway::{CacheClusterSize, Stage, Stages};

    let body = r#"{"item":[{"stageName":"prod","cacheClusterEnabled":true,"cacheClusterSize":"0.5",
                        "createdDate":1700000000,"variables":{"fn":"live"}}]}"#;
    let stages: Stages = apigw_types::from_json(body.as_bytes())?; // or serde_json::from_str
    let prod: &Stage = &stages.item.as_ref().unwrap()[0];
    assert_eq!(
        prod.cache_cluster_size,
        Some(CacheClusterSize::Size0Point5Gb)
    );
    assert_eq!(
        serde_json::to_value(&stages)?,
        serde_json::from_str::<serde_json::Value>(body)?
    );

    let stage = Stage::builder()
        .stage_name("prod")
        .insert_variables("fn", "live")
        .build();
    assert_eq!(stage.variables, prod.variables);
    Ok(())
}

/// An input's serde form is its HTTP body: members bound to the URI, query
/// string or headers stay out of it and travel in the request's other parts.
#[test]
fn request_bodies_leave_out_uri_query_and_header_members() {
    use v1::operations::UpdateStage;
    let request = v1::UpdateStageRequest::builder()
        .rest_api_id("api1")
        .stage_name("prod")
        .push_patch_operations(
            v1::PatchOperation::builder()
                .op(v1::Op::Replace)
                .path("/description")
                .value("new")
                .build(),
        )
        .build()
        .unwrap();
    assert_eq!(
        serde_json::to_value(&request).unwrap(),
        json!({"patchOperations": [{"op": "replace", "path": "/description", "value": "new"}]})
    );
    let sent = UpdateStage::build_request(&request, "https://example.com").unwrap();
    assert_eq!(sent.uri().path(), "/restapis/api1/stages/prod");
    assert_eq!(
        serde_json::from_slice::<Value>(sent.body()).unwrap(),
        json!({"patchOperations": [{"op": "replace", "path": "/description", "value": "new"}]})
    );
    // A server decodes the body, then fills the bound members from the request.
    let decoded: v1::UpdateStageRequest =
        serde_json::from_value(serde_json::to_value(&request).unwrap()).unwrap();
    assert_eq!(decoded.rest_api_id, "");
    assert_eq!(decoded.patch_operations, request.patch_operations);

    let v2_request = v2::CreateStageRequest::builder()
        .api_id("a1")
        .stage_name("prod")
        .build()
        .unwrap();
    assert_eq!(
        serde_json::to_value(&v2_request).unwrap(),
        json!({"stageName": "prod"})
    );
    let v1_bound: v1::GetGatewayResponseRequest =
        serde_json::from_str("{}").expect("required bound members are not expected in the body");
    assert_eq!(
        v1_bound.response_type,
        v1::GatewayResponseType::Unknown(String::new())
    );
}

/// The generated `Deserialize` of structures (the runtime's
/// `serde_struct!`) keeps serde's rules: missing required members and
/// repeated members are errors, unknown members and members bound to the URI
/// are skipped, keys may be escaped, and any reader works.
#[test]
fn structure_decoding_rules() {
    type Req = v2::CreateIntegrationRequest;
    let err = serde_json::from_str::<Req>("{}").unwrap_err();
    assert!(
        err.to_string()
            .starts_with("missing field `integrationType`"),
        "{err}"
    );
    let err = serde_json::from_str::<Req>(r#"{"integrationType":"HTTP","integrationType":"AWS"}"#)
        .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("duplicate field `integrationType`"),
        "{err}"
    );
    let err = serde_json::from_str::<Req>(r#"["HTTP"]"#).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("invalid type: sequence, expected struct CreateIntegrationRequest"),
        "{err}"
    );
    let body = r#"{"apiId":"from-the-body","unknown":{"deep":[1,{"x":null}]},
        "integration\u0054ype":"HTTP","timeoutInMillis":null,"description":"d"}"#;
    for req in [
        serde_json::from_str::<Req>(body).unwrap(),
        serde_json::from_reader::<_, Req>(body.as_bytes()).unwrap(),
        apigw_types::from_json::<Req>(body.as_bytes()).unwrap(),
    ] {
        // `apiId` travels in the URI: a body member of that name is not it.
        assert_eq!(req.api_id, "");
        assert_eq!(req.integration_type, v2::IntegrationType::Http);
        assert_eq!(req.timeout_in_millis, None);
        assert_eq!(req.description.as_deref(), Some("d"));
    }
}

/// A small rest-json model with every kind of HTTP binding
/// (`tests/fixtures/http/http.json`), generated into `http.rs` beside it.
#[allow(dead_code)]
#[path = "../fixtures/http/http.rs"]
#[rustfmt::skip]
mod bindings;

/// Output members bound to a header, to the status code and to the payload
/// (a blob, a document), and an exception's own header and status members.
#[test]
fn responses_fill_header_status_and_payload_members() {
    use bindings::operations::{GetExport, GetExportError, GetObject};
    let r = response(
        202,
        &[("Content-Type", "application/yaml")],
        "openapi: 3.0.1\n",
    );
    let export = GetExport::parse_response(&r).unwrap();
    assert_eq!(export.content_type.as_deref(), Some("application/yaml"));
    assert_eq!(export.status, Some(202));
    assert_eq!(
        export.body.as_ref().map(|b| b.as_bytes()),
        Some(&b"openapi: 3.0.1\n"[..])
    );

    // An empty body leaves an optional payload unset.
    let empty = GetExport::parse_response(&response(200, &[], "")).unwrap();
    assert_eq!(empty.body, None);

    let r = response(
        200,
        &[("Last-Modified", "Tue, 29 Apr 2014 18:30:38 GMT")],
        r#"{"a": [1, "two"]}"#,
    );
    let object = GetObject::parse_response(&r).unwrap();
    assert_eq!(
        object.last_modified.map(|t| t.as_secs_f64()),
        Some(1_398_796_238.0)
    );
    assert_eq!(
        serde_json::to_value(object.body.unwrap()).unwrap(),
        json!({"a": [1, "two"]})
    );

    let throttled = response(
        429,
        &[
            ("X-Amzn-ErrorType", "TooManyRequestsException"),
            ("Retry-After", "7"),
        ],
        r#"{"message": "slow down"}"#,
    );
    match GetExport::parse_response(&throttled) {
        Err(GetExportError::TooManyRequestsException(e)) => {
            assert_eq!(e.retry_after_seconds.as_deref(), Some("7"));
            assert_eq!(e.status, Some(429));
            assert_eq!(e.message.as_deref(), Some("slow down"));
        }
        other => panic!("{other:?}"),
    }
}

/// Requests of the same model: labels (a greedy one keeps `/`), the static
/// query of the template, a query map, a header and a prefixed header map, a
/// union payload as the whole JSON body.
#[test]
fn requests_fill_labels_query_headers_and_payloads() {
    use bindings::operations::{GetExport, GetObject, PutStage};
    let input = bindings::GetExportRequest::builder()
        .rest_api_id("api 1")
        .stage_name("prod")
        .export_type("oas30")
        .insert_parameters(bindings::Status::A, "x&y")
        .accepts("application/yaml")
        .insert_extra_headers(bindings::Status::B, "meta")
        .build()
        .unwrap();
    let r = GetExport::build_request(&input, "http://localhost:4566").unwrap();
    assert_eq!(
        r.uri(),
        "http://localhost:4566/restapis/api%201/stages/prod/exports/oas30?format=json&A=x%26y"
    );
    assert_eq!(r.headers()["accept"], "application/yaml");
    assert_eq!(r.headers()["x-amz-meta-B"], "meta");

    let input = bindings::GetObjectRequest::builder()
        .key("a/b c.txt")
        .build()
        .unwrap();
    let r = GetObject::build_request(&input, "https://example.com/base").unwrap();
    assert_eq!(r.uri(), "https://example.com/base/objects/a/b%20c.txt");
    assert_eq!(r.method(), "GET");

    let input = bindings::PutStageRequest::builder()
        .stage_name("prod")
        .settings(bindings::Settings::B(5))
        .build()
        .unwrap();
    let r = PutStage::build_request(&input, "https://example.com").unwrap();
    assert_eq!(r.method(), "PUT");
    assert_eq!(r.body(), br#"{"b":5}"#);
    assert_eq!(r.headers()["content-type"], "application/json");
}

/// Paginators (botocore's `paginators-1.json`, in `models/paginators/`),
/// sans-IO: the next page's input from the last input and output, until the
/// output has no token (or repeats the one just sent).
#[test]
fn paginated_operations_give_the_next_input() {
    use apigw_types::primitives::Paginated;
    use v1::operations::GetRestApis;
    let first = v1::GetRestApisRequest::builder().limit(2).build();
    let page: v1::RestApis =
        apigw_types::from_json(br#"{"position": "p2", "item": [{"id": "a"}, {"id": "b"}]}"#)
            .unwrap();
    let second = GetRestApis::next_input(&first, &page).unwrap();
    assert_eq!(second.position.as_deref(), Some("p2"));
    assert_eq!(second.limit, Some(2));
    let ids: Vec<_> = apigw_types::primitives::PageItems::into_items(GetRestApis::items(page))
        .into_iter()
        .map(|api| api.id.unwrap())
        .collect();
    assert_eq!(ids, ["a", "b"]);
    let last: v1::RestApis = apigw_types::from_json(br#"{"item": [{"id": "c"}]}"#).unwrap();
    assert!(GetRestApis::next_input(&second, &last).is_none());
    let stuck: v1::RestApis = apigw_types::from_json(br#"{"position": "p2"}"#).unwrap();
    assert!(GetRestApis::next_input(&second, &stuck).is_none());

    use v2::operations::GetApis;
    let first = v2::GetApisRequest::builder().max_results("10").build();
    let page: v2::GetApisResponse =
        apigw_types::from_json(br#"{"nextToken": "t1", "items": []}"#).unwrap();
    let next = GetApis::next_input(&first, &page).unwrap();
    assert_eq!(next.next_token.as_deref(), Some("t1"));
    let r = GetApis::build_request(&next, "https://apigateway.us-east-1.amazonaws.com").unwrap();
    assert_eq!(r.uri().query(), Some("maxResults=10&nextToken=t1"));
}

/// The request/response example in README.md, verbatim.
#[test]
fn readme_request_response_example() -> Result<(), Box<dyn std::error::Error>> {
    use apigw_types::apigateway::operations::{GetStage, GetStageError, GetStages};
    use apigw_types::apigateway::{GetStageRequest, GetStagesRequest};
    use apigw_types::primitives::Operation;

    const ENDPOINT: &str = "https://apigateway.eu-west-1.amazonaws.com";
    let input = GetStagesRequest::builder().rest_api_id("a1b2c3").build()?;
    let request: http::Request<Vec<u8>> = GetStages::build_request(&input, ENDPOINT)?;
    assert_eq!(request.method(), "GET");
    assert_eq!(
        request.uri(),
        "https://apigateway.eu-west-1.amazonaws.com/restapis/a1b2c3/stages"
    );
    assert_eq!(request.headers()["accept"], "application/json");

    // ... sign and send `request`, get back an `http::Response<impl AsRef<[u8]>>`:
    let response = http::Response::builder()
        .status(200)
        .body(br#"{"item":[{"stageName":"prod"}]}"#.to_vec())?;
    let stages = GetStages::parse_response(&response)?;
    assert_eq!(stages.item.unwrap()[0].stage_name.as_deref(), Some("prod"));

    // Errors are the operation's own enum: the exceptions it lists, then `Unhandled`.
    let input = GetStageRequest::builder()
        .rest_api_id("a1b2c3")
        .stage_name("dev")
        .build()?;
    let _request = GetStage::build_request(&input, ENDPOINT)?;
    let response = http::Response::builder()
        .status(404)
        .header("x-amzn-ErrorType", "NotFoundException")
        .body(br#"{"message":"Invalid stage identifier specified"}"#.to_vec())?;
    match GetStage::parse_response(&response) {
        Err(GetStageError::NotFoundException(e)) => {
            assert_eq!(
                e.message.as_deref(),
                Some("Invalid stage identifier specified")
            )
        }
        other => panic!("{other:?}"),
    }
    Ok(())
}
