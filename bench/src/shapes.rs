//! Generated-code shape experiments for the `apigateway` GetStages decode.
//!
//! `base` is a hand copy of what shapegen generated (at commit `aaa34ed`, before
//! `from_json` and `deserialize_struct!`) for botocore's *full*
//! `apigateway` model (`Stages`, `Stage`, `MethodSetting`, `CanarySettings`,
//! `AccessLogSettings`: every member, serde derive with `rename`,
//! `skip_serializing_if`, `bool`/`i32` members with `default` +
//! `deserialize_with = null_as_default`, maps as `BTreeMap`, timestamps as
//! `Timestamp<EpochSeconds>`, enums as the generated enums, which decode
//! without allocating). Each other variant changes one thing (the last one,
//! `compact_from_str`, the two that win) so its effect on decode time can be
//! measured against `base` in the same run. The enum and timestamp types come from
//! `apigw-types` (the generated crate), so they are the generator's own.
//!
//! Used by `main.rs` (table "Generated-code shape experiments" in
//! BENCHMARKS.md, with `--shapes`) and by `bin/decode_loop.rs` (profiling).

use apigw_types::apigateway::{
    CacheClusterSize, CacheClusterStatus, UnauthorizedCacheControlHeaderStrategy,
};
use apigw_types::primitives::{EpochSeconds, Timestamp};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

pub use apigw_types::primitives::null_as_default;

/// One shape variant: a name, what changes, and its decode loop.
pub struct Variant {
    /// Case id in the report (`v1.shapes.<name>`).
    pub id: &'static str,
    pub name: &'static str,
    pub what: &'static str,
    /// Decodes the body `n` times.
    pub decode_n: fn(&[u8], usize),
    /// Decodes once and re-encodes as a `Value` (for the equality check).
    pub round_trip: fn(&[u8]) -> Result<serde_json::Value, String>,
}

fn decode_n<T: serde::de::DeserializeOwned>(bytes: &[u8], n: usize) {
    for _ in 0..n {
        std::hint::black_box(
            serde_json::from_slice::<T>(std::hint::black_box(bytes)).expect("decodes"),
        );
    }
}

/// `base`, decoded with `serde_json::from_str` after one `std::str::from_utf8`
/// of the whole body, instead of `from_slice` (which validates UTF-8 string by
/// string, keys included).
fn decode_n_from_str<T: serde::de::DeserializeOwned>(bytes: &[u8], n: usize) {
    for _ in 0..n {
        let text = std::str::from_utf8(std::hint::black_box(bytes)).expect("UTF-8");
        std::hint::black_box(serde_json::from_str::<T>(text).expect("decodes"));
    }
}

fn round_trip<T: serde::de::DeserializeOwned + Serialize>(
    b: &[u8],
) -> Result<serde_json::Value, String> {
    let v: T = serde_json::from_slice(b).map_err(|e| e.to_string())?;
    serde_json::to_value(&v).map_err(|e| e.to_string())
}

/// The `Stages` types of one variant. Parameters: the map type, the string
/// type, the timestamp type, the three enum types, and the `bool` and `i32`
/// member types with their serde attributes.
macro_rules! v1_shape {
    (
        $m:ident,
        map = $map:ident,
        string = $s:ty,
        ts = $ts:ty,
        enums = ($size:ty, $status:ty, $strategy:ty),
        flag = [$($fa:tt)*] $flag:ty,
        int = [$($ia:tt)*] $int:ty $(,)?
    ) => {
        pub mod $m {
            use super::*;

            #[derive(Debug, Default, Deserialize, Serialize)]
            pub struct Stages {
                #[serde(skip_serializing_if = "Option::is_none")]
                pub item: Option<Vec<Stage>>,
            }

            #[derive(Debug, Default, Deserialize, Serialize)]
            pub struct Stage {
                #[serde(rename = "deploymentId", skip_serializing_if = "Option::is_none")]
                pub deployment_id: Option<$s>,
                #[serde(rename = "clientCertificateId", skip_serializing_if = "Option::is_none")]
                pub client_certificate_id: Option<$s>,
                #[serde(rename = "stageName", skip_serializing_if = "Option::is_none")]
                pub stage_name: Option<$s>,
                #[serde(skip_serializing_if = "Option::is_none")]
                pub description: Option<$s>,
                #[serde(rename = "cacheClusterEnabled", $($fa)*)]
                pub cache_cluster_enabled: $flag,
                #[serde(rename = "cacheClusterSize", skip_serializing_if = "Option::is_none")]
                pub cache_cluster_size: Option<$size>,
                #[serde(rename = "cacheClusterStatus", skip_serializing_if = "Option::is_none")]
                pub cache_cluster_status: Option<$status>,
                #[serde(rename = "methodSettings", skip_serializing_if = "Option::is_none")]
                pub method_settings: Option<$map<$s, MethodSetting>>,
                #[serde(skip_serializing_if = "Option::is_none")]
                pub variables: Option<$map<$s, $s>>,
                #[serde(rename = "documentationVersion", skip_serializing_if = "Option::is_none")]
                pub documentation_version: Option<$s>,
                #[serde(rename = "accessLogSettings", skip_serializing_if = "Option::is_none")]
                pub access_log_settings: Option<AccessLogSettings>,
                #[serde(rename = "canarySettings", skip_serializing_if = "Option::is_none")]
                pub canary_settings: Option<CanarySettings>,
                #[serde(rename = "tracingEnabled", $($fa)*)]
                pub tracing_enabled: $flag,
                #[serde(rename = "webAclArn", skip_serializing_if = "Option::is_none")]
                pub web_acl_arn: Option<$s>,
                #[serde(skip_serializing_if = "Option::is_none")]
                pub tags: Option<$map<$s, $s>>,
                #[serde(rename = "createdDate", skip_serializing_if = "Option::is_none")]
                pub created_date: Option<$ts>,
                #[serde(rename = "lastUpdatedDate", skip_serializing_if = "Option::is_none")]
                pub last_updated_date: Option<$ts>,
            }

            #[derive(Debug, Default, Deserialize, Serialize)]
            pub struct MethodSetting {
                #[serde(rename = "metricsEnabled", $($fa)*)]
                pub metrics_enabled: $flag,
                #[serde(rename = "loggingLevel", skip_serializing_if = "Option::is_none")]
                pub logging_level: Option<$s>,
                #[serde(rename = "dataTraceEnabled", $($fa)*)]
                pub data_trace_enabled: $flag,
                #[serde(rename = "throttlingBurstLimit", $($ia)*)]
                pub throttling_burst_limit: $int,
                #[serde(rename = "throttlingRateLimit", skip_serializing_if = "Option::is_none")]
                pub throttling_rate_limit: Option<f64>,
                #[serde(rename = "cachingEnabled", $($fa)*)]
                pub caching_enabled: $flag,
                #[serde(rename = "cacheTtlInSeconds", $($ia)*)]
                pub cache_ttl_in_seconds: $int,
                #[serde(rename = "cacheDataEncrypted", $($fa)*)]
                pub cache_data_encrypted: $flag,
                #[serde(rename = "requireAuthorizationForCacheControl", $($fa)*)]
                pub require_authorization_for_cache_control: $flag,
                #[serde(
                    rename = "unauthorizedCacheControlHeaderStrategy",
                    skip_serializing_if = "Option::is_none"
                )]
                pub unauthorized_cache_control_header_strategy: Option<$strategy>,
            }

            #[derive(Debug, Default, Deserialize, Serialize)]
            pub struct CanarySettings {
                #[serde(rename = "percentTraffic", skip_serializing_if = "Option::is_none")]
                pub percent_traffic: Option<f64>,
                #[serde(rename = "deploymentId", skip_serializing_if = "Option::is_none")]
                pub deployment_id: Option<$s>,
                #[serde(rename = "stageVariableOverrides", skip_serializing_if = "Option::is_none")]
                pub stage_variable_overrides: Option<$map<$s, $s>>,
                #[serde(rename = "useStageCache", $($fa)*)]
                pub use_stage_cache: $flag,
            }

            #[derive(Debug, Default, Deserialize, Serialize)]
            pub struct AccessLogSettings {
                #[serde(skip_serializing_if = "Option::is_none")]
                pub format: Option<$s>,
                #[serde(rename = "destinationArn", skip_serializing_if = "Option::is_none")]
                pub destination_arn: Option<$s>,
            }
        }
    };
}

v1_shape!(
    base,
    map = BTreeMap,
    string = String,
    ts = Timestamp<EpochSeconds>,
    enums = (CacheClusterSize, CacheClusterStatus, UnauthorizedCacheControlHeaderStrategy),
    flag = [default, deserialize_with = "crate::shapes::null_as_default"] bool,
    int = [default, deserialize_with = "crate::shapes::null_as_default"] i32,
);
v1_shape!(
    hashmap,
    map = HashMap,
    string = String,
    ts = Timestamp<EpochSeconds>,
    enums = (CacheClusterSize, CacheClusterStatus, UnauthorizedCacheControlHeaderStrategy),
    flag = [default, deserialize_with = "crate::shapes::null_as_default"] bool,
    int = [default, deserialize_with = "crate::shapes::null_as_default"] i32,
);
v1_shape!(
    option_scalars,
    map = BTreeMap,
    string = String,
    ts = Timestamp<EpochSeconds>,
    enums = (CacheClusterSize, CacheClusterStatus, UnauthorizedCacheControlHeaderStrategy),
    flag = [skip_serializing_if = "Option::is_none"] Option<bool>,
    int = [skip_serializing_if = "Option::is_none"] Option<i32>,
);
v1_shape!(
    plain_default,
    map = BTreeMap,
    string = String,
    ts = Timestamp<EpochSeconds>,
    enums = (CacheClusterSize, CacheClusterStatus, UnauthorizedCacheControlHeaderStrategy),
    flag = [default] bool,
    int = [default] i32,
);
v1_shape!(
    f64_timestamps,
    map = BTreeMap,
    string = String,
    ts = f64,
    enums = (CacheClusterSize, CacheClusterStatus, UnauthorizedCacheControlHeaderStrategy),
    flag = [default, deserialize_with = "crate::shapes::null_as_default"] bool,
    int = [default, deserialize_with = "crate::shapes::null_as_default"] i32,
);
v1_shape!(
    string_enums,
    map = BTreeMap,
    string = String,
    ts = Timestamp<EpochSeconds>,
    enums = (String, String, String),
    flag = [default, deserialize_with = "crate::shapes::null_as_default"] bool,
    int = [default, deserialize_with = "crate::shapes::null_as_default"] i32,
);
v1_shape!(
    box_str,
    map = BTreeMap,
    string = Box<str>,
    ts = Timestamp<EpochSeconds>,
    enums = (CacheClusterSize, CacheClusterStatus, UnauthorizedCacheControlHeaderStrategy),
    flag = [default, deserialize_with = "crate::shapes::null_as_default"] bool,
    int = [default, deserialize_with = "crate::shapes::null_as_default"] i32,
);

v1_shape!(
    compact_str,
    map = BTreeMap,
    string = ::compact_str::CompactString,
    ts = Timestamp<EpochSeconds>,
    enums = (CacheClusterSize, CacheClusterStatus, UnauthorizedCacheControlHeaderStrategy),
    flag = [default, deserialize_with = "crate::shapes::null_as_default"] bool,
    int = [default, deserialize_with = "crate::shapes::null_as_default"] i32,
);

/// Every variant, `base` first.
pub const V1_VARIANTS: &[Variant] = &[
    Variant {
        id: "v1.shapes.base",
        name: "base",
        what: "as shapegen generated them from the full model before `from_json` and `deserialize_struct!` (serde derive): BTreeMap, Timestamp<EpochSeconds>, enums, bool/i32 with null_as_default",
        decode_n: decode_n::<base::Stages>,
        round_trip: round_trip::<base::Stages>,
    },
    Variant {
        id: "v1.shapes.hashmap",
        name: "hashmap",
        what: "maps as std HashMap (SipHash) instead of BTreeMap",
        decode_n: decode_n::<hashmap::Stages>,
        round_trip: round_trip::<hashmap::Stages>,
    },
    Variant {
        id: "v1.shapes.option_scalars",
        name: "option_scalars",
        what: "bool/i32 members as Option<bool>/Option<i32> (no deserialize_with)",
        decode_n: decode_n::<option_scalars::Stages>,
        round_trip: round_trip::<option_scalars::Stages>,
    },
    Variant {
        id: "v1.shapes.plain_default",
        name: "plain_default",
        what: "bool/i32 with #[serde(default)] only (no deserialize_with; rejects null)",
        decode_n: decode_n::<plain_default::Stages>,
        round_trip: round_trip::<plain_default::Stages>,
    },
    Variant {
        id: "v1.shapes.f64_timestamps",
        name: "f64_timestamps",
        what: "timestamps as f64 instead of Timestamp<EpochSeconds>",
        decode_n: decode_n::<f64_timestamps::Stages>,
        round_trip: round_trip::<f64_timestamps::Stages>,
    },
    Variant {
        id: "v1.shapes.string_enums",
        name: "string_enums",
        what: "enums as String instead of the generated enums",
        decode_n: decode_n::<string_enums::Stages>,
        round_trip: round_trip::<string_enums::Stages>,
    },
    Variant {
        id: "v1.shapes.box_str",
        name: "box_str",
        what: "strings (and map keys) as Box<str> instead of String",
        decode_n: decode_n::<box_str::Stages>,
        round_trip: round_trip::<box_str::Stages>,
    },
    Variant {
        id: "v1.shapes.compact_str",
        name: "compact_str",
        what: "strings (and map keys) as `compact_str::CompactString` (inline up to 24 bytes: no allocation for short strings)",
        decode_n: decode_n::<compact_str::Stages>,
        round_trip: round_trip::<compact_str::Stages>,
    },
    Variant {
        id: "v1.shapes.from_str",
        name: "from_str",
        what: "`base` types; the body checked as UTF-8 once, then `serde_json::from_str` instead of `from_slice`",
        decode_n: decode_n_from_str::<base::Stages>,
        round_trip: round_trip::<base::Stages>,
    },
    Variant {
        id: "v1.shapes.compact_from_str",
        name: "compact_from_str",
        what: "`compact_str` and `from_str` together",
        decode_n: decode_n_from_str::<compact_str::Stages>,
        round_trip: round_trip::<compact_str::Stages>,
    },
];

/// A copy of the generated `apigatewayv2` `GetStagesResponse` types with
/// another string type.
macro_rules! v2_shape {
    ($m:ident, string = $s:ty $(,)?) => {
        pub mod $m {
            use super::*;
            use apigw_types::apigatewayv2::LoggingLevel;
            use apigw_types::primitives::Iso8601;

            #[derive(Debug, Default, Deserialize, Serialize)]
            pub struct GetStagesResponse {
                #[serde(skip_serializing_if = "Option::is_none")]
                pub items: Option<Vec<Stage>>,
                #[serde(rename = "nextToken", skip_serializing_if = "Option::is_none")]
                pub next_token: Option<$s>,
            }

            #[derive(Debug, Deserialize, Serialize)]
            pub struct Stage {
                #[serde(rename = "accessLogSettings", skip_serializing_if = "Option::is_none")]
                pub access_log_settings: Option<AccessLogSettings>,
                #[serde(rename = "apiGatewayManaged", skip_serializing_if = "Option::is_none")]
                pub api_gateway_managed: Option<bool>,
                #[serde(rename = "autoDeploy", skip_serializing_if = "Option::is_none")]
                pub auto_deploy: Option<bool>,
                #[serde(
                    rename = "clientCertificateId",
                    skip_serializing_if = "Option::is_none"
                )]
                pub client_certificate_id: Option<$s>,
                #[serde(rename = "createdDate", skip_serializing_if = "Option::is_none")]
                pub created_date: Option<Timestamp<Iso8601>>,
                #[serde(
                    rename = "defaultRouteSettings",
                    skip_serializing_if = "Option::is_none"
                )]
                pub default_route_settings: Option<RouteSettings>,
                #[serde(rename = "deploymentId", skip_serializing_if = "Option::is_none")]
                pub deployment_id: Option<$s>,
                #[serde(skip_serializing_if = "Option::is_none")]
                pub description: Option<$s>,
                #[serde(
                    rename = "lastDeploymentStatusMessage",
                    skip_serializing_if = "Option::is_none"
                )]
                pub last_deployment_status_message: Option<$s>,
                #[serde(rename = "lastUpdatedDate", skip_serializing_if = "Option::is_none")]
                pub last_updated_date: Option<Timestamp<Iso8601>>,
                #[serde(rename = "routeSettings", skip_serializing_if = "Option::is_none")]
                pub route_settings: Option<BTreeMap<$s, RouteSettings>>,
                #[serde(rename = "stageName")]
                pub stage_name: $s,
                #[serde(rename = "stageVariables", skip_serializing_if = "Option::is_none")]
                pub stage_variables: Option<BTreeMap<$s, $s>>,
                #[serde(skip_serializing_if = "Option::is_none")]
                pub tags: Option<BTreeMap<$s, $s>>,
            }

            #[derive(Debug, Default, Deserialize, Serialize)]
            pub struct AccessLogSettings {
                #[serde(rename = "destinationArn", skip_serializing_if = "Option::is_none")]
                pub destination_arn: Option<$s>,
                #[serde(skip_serializing_if = "Option::is_none")]
                pub format: Option<$s>,
            }

            #[derive(Debug, Default, Deserialize, Serialize)]
            pub struct RouteSettings {
                #[serde(rename = "dataTraceEnabled", skip_serializing_if = "Option::is_none")]
                pub data_trace_enabled: Option<bool>,
                #[serde(
                    rename = "detailedMetricsEnabled",
                    skip_serializing_if = "Option::is_none"
                )]
                pub detailed_metrics_enabled: Option<bool>,
                #[serde(rename = "loggingLevel", skip_serializing_if = "Option::is_none")]
                pub logging_level: Option<LoggingLevel>,
                #[serde(
                    rename = "throttlingBurstLimit",
                    skip_serializing_if = "Option::is_none"
                )]
                pub throttling_burst_limit: Option<i32>,
                #[serde(
                    rename = "throttlingRateLimit",
                    skip_serializing_if = "Option::is_none"
                )]
                pub throttling_rate_limit: Option<f64>,
            }
        }
    };
}

v2_shape!(v2_compact_str, string = ::compact_str::CompactString);

/// `apigatewayv2` GetStages: the generated types (`apigw-types`) decoded
/// with `from_slice` (as measured in the decode table) and with `from_str`,
/// and a copy of them with `CompactString` strings.
pub const V2_VARIANTS: &[Variant] = &[
    Variant {
        id: "v2.shapes.base",
        name: "base",
        what: "apigw-types as generated, `serde_json::from_slice`",
        decode_n: decode_n::<apigw_types::apigatewayv2::GetStagesResponse>,
        round_trip: round_trip::<apigw_types::apigatewayv2::GetStagesResponse>,
    },
    Variant {
        id: "v2.shapes.from_str",
        name: "from_str",
        what: "the same types; the body checked as UTF-8 once, then `serde_json::from_str`",
        decode_n: decode_n_from_str::<apigw_types::apigatewayv2::GetStagesResponse>,
        round_trip: round_trip::<apigw_types::apigatewayv2::GetStagesResponse>,
    },
    Variant {
        id: "v2.shapes.compact_str",
        name: "compact_str",
        what: "a copy of the generated types with strings (and map keys) as `compact_str::CompactString`",
        decode_n: decode_n::<v2_compact_str::GetStagesResponse>,
        round_trip: round_trip::<v2_compact_str::GetStagesResponse>,
    },
    Variant {
        id: "v2.shapes.compact_from_str",
        name: "compact_from_str",
        what: "`compact_str` and `from_str` together",
        decode_n: decode_n_from_str::<v2_compact_str::GetStagesResponse>,
        round_trip: round_trip::<v2_compact_str::GetStagesResponse>,
    },
];
