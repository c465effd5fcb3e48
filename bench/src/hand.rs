//! Hand-written serde structs: what a careful person would write for these
//! payloads without a generator. Every member that occurs in the benchmark
//! bodies is modelled (checked by a round trip in `main::verify`); enums are kept
//! as `String`, timestamps as they arrive on the wire (`f64` epoch seconds for
//! API Gateway, ISO 8601 `String` for API Gateway V2), all members optional.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// API Gateway (v1), `GetStages` response: `{"item": [Stage]}`.
pub mod v1 {
    use super::*;

    #[derive(Debug, Deserialize, Serialize)]
    pub struct Stages {
        #[serde(skip_serializing_if = "Option::is_none")]
        pub item: Option<Vec<Stage>>,
    }

    #[derive(Debug, Deserialize, Serialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Stage {
        #[serde(skip_serializing_if = "Option::is_none")]
        pub access_log_settings: Option<AccessLogSettings>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub cache_cluster_enabled: Option<bool>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub cache_cluster_size: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub cache_cluster_status: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub canary_settings: Option<CanarySettings>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub client_certificate_id: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub created_date: Option<f64>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub deployment_id: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub description: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub documentation_version: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub last_updated_date: Option<f64>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub method_settings: Option<HashMap<String, MethodSetting>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub stage_name: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub tags: Option<HashMap<String, String>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub tracing_enabled: Option<bool>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub variables: Option<HashMap<String, String>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub web_acl_arn: Option<String>,
    }

    #[derive(Debug, Deserialize, Serialize)]
    #[serde(rename_all = "camelCase")]
    pub struct AccessLogSettings {
        #[serde(skip_serializing_if = "Option::is_none")]
        pub destination_arn: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub format: Option<String>,
    }

    #[derive(Debug, Deserialize, Serialize)]
    #[serde(rename_all = "camelCase")]
    pub struct CanarySettings {
        #[serde(skip_serializing_if = "Option::is_none")]
        pub deployment_id: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub percent_traffic: Option<f64>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub stage_variable_overrides: Option<HashMap<String, String>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub use_stage_cache: Option<bool>,
    }

    #[derive(Debug, Deserialize, Serialize)]
    #[serde(rename_all = "camelCase")]
    pub struct MethodSetting {
        #[serde(skip_serializing_if = "Option::is_none")]
        pub cache_data_encrypted: Option<bool>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub cache_ttl_in_seconds: Option<i32>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub caching_enabled: Option<bool>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub data_trace_enabled: Option<bool>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub logging_level: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub metrics_enabled: Option<bool>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub require_authorization_for_cache_control: Option<bool>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub throttling_burst_limit: Option<i32>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub throttling_rate_limit: Option<f64>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub unauthorized_cache_control_header_strategy: Option<String>,
    }

    /// `UpdateStage` request body: `{"patchOperations": [...]}`.
    #[derive(Debug, Clone, Deserialize, Serialize)]
    #[serde(rename_all = "camelCase")]
    pub struct UpdateStageBody {
        #[serde(skip_serializing_if = "Option::is_none")]
        pub patch_operations: Option<Vec<PatchOperation>>,
    }

    #[derive(Debug, Clone, Deserialize, Serialize)]
    pub struct PatchOperation {
        #[serde(skip_serializing_if = "Option::is_none")]
        pub op: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub path: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub value: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub from: Option<String>,
    }
}

/// API Gateway V2, `GetStages` response: `{"items": [Stage], "nextToken": ".."}`.
pub mod v2 {
    use super::*;

    #[derive(Debug, Deserialize, Serialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Stages {
        #[serde(skip_serializing_if = "Option::is_none")]
        pub items: Option<Vec<Stage>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub next_token: Option<String>,
    }

    #[derive(Debug, Deserialize, Serialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Stage {
        #[serde(skip_serializing_if = "Option::is_none")]
        pub access_log_settings: Option<AccessLogSettings>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub api_gateway_managed: Option<bool>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub auto_deploy: Option<bool>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub client_certificate_id: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub created_date: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub default_route_settings: Option<RouteSettings>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub deployment_id: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub description: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub last_deployment_status_message: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub last_updated_date: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub route_settings: Option<HashMap<String, RouteSettings>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub stage_name: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub stage_variables: Option<HashMap<String, String>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub tags: Option<HashMap<String, String>>,
    }

    #[derive(Debug, Clone, Deserialize, Serialize)]
    #[serde(rename_all = "camelCase")]
    pub struct AccessLogSettings {
        #[serde(skip_serializing_if = "Option::is_none")]
        pub destination_arn: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub format: Option<String>,
    }

    #[derive(Debug, Clone, Deserialize, Serialize)]
    #[serde(rename_all = "camelCase")]
    pub struct RouteSettings {
        #[serde(skip_serializing_if = "Option::is_none")]
        pub data_trace_enabled: Option<bool>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub detailed_metrics_enabled: Option<bool>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub logging_level: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub throttling_burst_limit: Option<i32>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub throttling_rate_limit: Option<f64>,
    }

    /// `CreateStage` request body (`apiId` is in the URI, not the body).
    #[derive(Debug, Clone, Deserialize, Serialize)]
    #[serde(rename_all = "camelCase")]
    pub struct CreateStageBody {
        #[serde(skip_serializing_if = "Option::is_none")]
        pub access_log_settings: Option<AccessLogSettings>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub auto_deploy: Option<bool>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub client_certificate_id: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub default_route_settings: Option<RouteSettings>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub deployment_id: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub description: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub route_settings: Option<HashMap<String, RouteSettings>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub stage_name: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub stage_variables: Option<HashMap<String, String>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub tags: Option<HashMap<String, String>>,
    }
}
