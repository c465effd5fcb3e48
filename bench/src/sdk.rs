//! The official SDK clients, configured as a user would (behavior version
//! `latest`, a region, static credentials so SigV4 signing runs), but with the
//! in-process [`CannedClient`] instead of a network connection.

use crate::canned::CannedClient;
use crate::hand;
use std::collections::HashMap;

pub fn v1_client(http: CannedClient) -> aws_sdk_apigateway::Client {
    use aws_sdk_apigateway::config::{BehaviorVersion, Credentials, Region};
    let conf = aws_sdk_apigateway::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new("AKIDBENCH", "secret", None, None, "bench"))
        .http_client(http)
        .build();
    aws_sdk_apigateway::Client::from_conf(conf)
}

pub fn v2_client(http: CannedClient) -> aws_sdk_apigatewayv2::Client {
    use aws_sdk_apigatewayv2::config::{BehaviorVersion, Credentials, Region};
    let conf = aws_sdk_apigatewayv2::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("eu-west-1"))
        .credentials_provider(Credentials::new("AKIDBENCH", "secret", None, None, "bench"))
        .http_client(http)
        .build();
    aws_sdk_apigatewayv2::Client::from_conf(conf)
}

/// The SDK's `PatchOperation`s equal to the hand-written ones.
pub fn v1_patch_ops(
    ops: &[hand::v1::PatchOperation],
) -> Vec<aws_sdk_apigateway::types::PatchOperation> {
    use aws_sdk_apigateway::types::{Op, PatchOperation};
    ops.iter()
        .map(|o| {
            PatchOperation::builder()
                .set_op(o.op.as_deref().map(Op::from))
                .set_path(o.path.clone())
                .set_value(o.value.clone())
                .set_from(o.from.clone())
                .build()
        })
        .collect()
}

/// The SDK's `CreateStage` members equal to the hand-written body.
#[derive(Clone)]
pub struct V2CreateStage {
    pub access_log_settings: Option<aws_sdk_apigatewayv2::types::AccessLogSettings>,
    pub auto_deploy: Option<bool>,
    pub client_certificate_id: Option<String>,
    pub default_route_settings: Option<aws_sdk_apigatewayv2::types::RouteSettings>,
    pub deployment_id: Option<String>,
    pub description: Option<String>,
    pub route_settings: Option<HashMap<String, aws_sdk_apigatewayv2::types::RouteSettings>>,
    pub stage_name: Option<String>,
    pub stage_variables: Option<HashMap<String, String>>,
    pub tags: Option<HashMap<String, String>>,
}

fn v2_route_settings(r: &hand::v2::RouteSettings) -> aws_sdk_apigatewayv2::types::RouteSettings {
    use aws_sdk_apigatewayv2::types::{LoggingLevel, RouteSettings};
    RouteSettings::builder()
        .set_data_trace_enabled(r.data_trace_enabled)
        .set_detailed_metrics_enabled(r.detailed_metrics_enabled)
        .set_logging_level(r.logging_level.as_deref().map(LoggingLevel::from))
        .set_throttling_burst_limit(r.throttling_burst_limit)
        .set_throttling_rate_limit(r.throttling_rate_limit)
        .build()
}

impl V2CreateStage {
    pub fn from_hand(b: &hand::v2::CreateStageBody) -> Self {
        use aws_sdk_apigatewayv2::types::AccessLogSettings;
        Self {
            access_log_settings: b.access_log_settings.as_ref().map(|a| {
                AccessLogSettings::builder()
                    .set_destination_arn(a.destination_arn.clone())
                    .set_format(a.format.clone())
                    .build()
            }),
            auto_deploy: b.auto_deploy,
            client_certificate_id: b.client_certificate_id.clone(),
            default_route_settings: b.default_route_settings.as_ref().map(v2_route_settings),
            deployment_id: b.deployment_id.clone(),
            description: b.description.clone(),
            route_settings: b.route_settings.as_ref().map(|m| {
                m.iter()
                    .map(|(k, v)| (k.clone(), v2_route_settings(v)))
                    .collect()
            }),
            stage_name: b.stage_name.clone(),
            stage_variables: b.stage_variables.clone(),
            tags: b.tags.clone(),
        }
    }

    pub fn fluent(
        self,
        client: &aws_sdk_apigatewayv2::Client,
        api_id: &str,
    ) -> aws_sdk_apigatewayv2::operation::create_stage::builders::CreateStageFluentBuilder {
        client
            .create_stage()
            .api_id(api_id)
            .set_access_log_settings(self.access_log_settings)
            .set_auto_deploy(self.auto_deploy)
            .set_client_certificate_id(self.client_certificate_id)
            .set_default_route_settings(self.default_route_settings)
            .set_deployment_id(self.deployment_id)
            .set_description(self.description)
            .set_route_settings(self.route_settings)
            .set_stage_name(self.stage_name)
            .set_stage_variables(self.stage_variables)
            .set_tags(self.tags)
    }
}
