//! End to end: the generated operations sent by the client (signing, retries,
//! the hyper transport) to moto's server mode, which implements both API
//! Gateway services.
//!
//! Where the server comes from, in order:
//! 1. `SHAPEGEN_MOTO_URL` (`http://127.0.0.1:5000`): a moto server you started
//!    (`moto_server -H 127.0.0.1 -p 5000`); each test then uses its own
//!    names, so a shared server is fine;
//! 2. else the test starts `moto_server` itself on a free port and stops it at
//!    the end: `SHAPEGEN_MOTO_SERVER` (a path), else `moto-venv/bin/moto_server`
//!    in the target directory (`.ci/run` installs it there:
//!    `python3 -m venv target/moto-venv && target/moto-venv/bin/pip install "moto[server]"`),
//!    else `moto_server` on `PATH`;
//! 3. else it installs moto into `target/moto-venv` (python3 -m venv, pip) and
//!    uses that; if that fails too, the test fails saying how to get one, unless
//!    `SHAPEGEN_SKIP_MOTO=1`
//!    (the documented opt-out), which makes it pass after printing that it
//!    did not run.
//!
//! moto differs from the service in ways the test allows for, each marked
//! `moto:` below: it does not paginate `GetRestApis` / `GetApis` (every item
//! in one page, `limit` and `maxResults` ignored), so paging by hand and
//! `Client::send_all` see one page there (`tests/client_retry.rs` follows
//! tokens over several pages of a scripted transport); and it answers
//! `CreateRestApi` with 200 instead of 201, `DeleteRestApi` with 200 and the
//! deleted API instead of 202, `DeleteApi` with 200 and `{}` instead of 204,
//! which the client takes as the success they are (any 2xx is).

use apigw_types::apigateway as v1;
use apigw_types::apigatewayv2 as v2;
use shapegen_runtime::client::SdkError;

use steps as ops;

#[path = "support/moto.rs"]
mod moto_server;
use moto_server::{client, moto, run};

// ---------------------------------------------------------------------------
// API Gateway (REST APIs)
// ---------------------------------------------------------------------------

#[test]
fn apigateway_rest_api_lifecycle() {
    let Some(server) = moto("apigateway") else {
        return;
    };
    let c = client(&server.url);
    run(async {
        use v1::operations::*;
        let tag = unique("rest");

        let api = c
            .send::<CreateRestApi>(
                &v1::CreateRestApiRequest::builder()
                    .name(format!("{tag}-main"))
                    .description("made by shapegen's end-to-end test")
                    .build()
                    .unwrap(),
            )
            .await
            .expect("CreateRestApi");
        let api_id = api.id.clone().expect("the new API's id");
        assert_eq!(api.name.as_deref(), Some(format!("{tag}-main").as_str()));

        // The root resource, a child, a method and a MOCK integration: what a
        // deployment needs.
        let root = ops::root_resource_id(&c, &api_id).await;
        let pets = ops::create_resource(&c, &api_id, &root, "pets").await;
        ops::put_method(&c, &api_id, &pets, "GET").await;
        ops::put_mock_integration(&c, &api_id, &pets, "GET").await;

        let deployment = c
            .send::<CreateDeployment>(
                &v1::CreateDeploymentRequest::builder()
                    .rest_api_id(&api_id)
                    .stage_name("prod")
                    .description("first")
                    .build()
                    .unwrap(),
            )
            .await
            .expect("CreateDeployment");
        let deployment_id = deployment.id.expect("deployment id");

        let stages = c
            .send::<GetStages>(
                &v1::GetStagesRequest::builder()
                    .rest_api_id(&api_id)
                    .build()
                    .unwrap(),
            )
            .await
            .expect("GetStages");
        let stages = stages.item.unwrap_or_default();
        let prod = stages
            .iter()
            .find(|s| s.stage_name.as_deref() == Some("prod"))
            .unwrap_or_else(|| panic!("no stage prod in {stages:?}"));
        assert_eq!(prod.deployment_id.as_deref(), Some(deployment_id.as_str()));

        let updated = c
            .send::<UpdateStage>(
                &v1::UpdateStageRequest::builder()
                    .rest_api_id(&api_id)
                    .stage_name("prod")
                    .push_patch_operations(
                        v1::PatchOperation::builder()
                            .op(v1::Op::Replace)
                            .path("/description")
                            .value("patched by shapegen")
                            .build(),
                    )
                    .build()
                    .unwrap(),
            )
            .await
            .expect("UpdateStage");
        assert_eq!(updated.description.as_deref(), Some("patched by shapegen"));
        let prod = c
            .send::<GetStage>(
                &v1::GetStageRequest::builder()
                    .rest_api_id(&api_id)
                    .stage_name("prod")
                    .build()
                    .unwrap(),
            )
            .await
            .expect("GetStage prod");
        assert_eq!(prod.description.as_deref(), Some("patched by shapegen"));

        // A missing stage is the typed NotFoundException.
        let missing = c
            .send::<GetStage>(
                &v1::GetStageRequest::builder()
                    .rest_api_id(&api_id)
                    .stage_name("no-such-stage")
                    .build()
                    .unwrap(),
            )
            .await;
        match missing {
            Err(SdkError::Service(GetStageError::NotFoundException(e))) => {
                assert!(e.message.is_some(), "{e:?}")
            }
            other => panic!("expected NotFoundException, got {other:?}"),
        }

        // More APIs, then every page of GetRestApis, following `position` by hand.
        let mut ours = vec![api_id.clone()];
        for i in 0..4 {
            let more = c
                .send::<CreateRestApi>(
                    &v1::CreateRestApiRequest::builder()
                        .name(format!("{tag}-{i}"))
                        .build()
                        .unwrap(),
                )
                .await
                .expect("CreateRestApi");
            ours.push(more.id.expect("id"));
        }
        const LIMIT: i32 = 2;
        let mut listed: Vec<String> = Vec::new();
        let mut pages = 0;
        let mut largest_page = 0;
        let mut position: Option<String> = None;
        loop {
            let page = c
                .send::<GetRestApis>(
                    &v1::GetRestApisRequest::builder()
                        .set_position(position.take())
                        .limit(LIMIT)
                        .build(),
                )
                .await
                .expect("GetRestApis");
            pages += 1;
            let items = page.items.unwrap_or_default();
            largest_page = largest_page.max(items.len());
            listed.extend(items.into_iter().filter_map(|a| a.id));
            match page.position {
                Some(p) => position = Some(p),
                None => break,
            }
            assert!(pages < 100, "GetRestApis does not stop paging");
        }
        for id in &ours {
            assert!(listed.contains(id), "{id} not listed in {listed:?}");
        }
        if pages == 1 {
            // moto: no pagination, every API in one page whatever `limit` says.
            assert!(largest_page > LIMIT as usize, "one page of {largest_page}");
            eprintln!("moto: GetRestApis ignored limit={LIMIT}: one page of {largest_page} APIs");
        } else {
            assert!(largest_page <= LIMIT as usize);
        }

        // The same through the generated paginator.
        let all = c
            .send_all::<GetRestApis>(&v1::GetRestApisRequest::builder().limit(LIMIT).build())
            .await
            .expect("GetRestApis, all pages");
        let all: Vec<String> = all.into_iter().filter_map(|a| a.id).collect();
        assert_eq!(all, listed);

        for id in &ours {
            ops::delete_rest_api(&c, id).await;
        }
        let gone = c
            .send::<GetRestApi>(
                &v1::GetRestApiRequest::builder()
                    .rest_api_id(&api_id)
                    .build()
                    .unwrap(),
            )
            .await;
        assert!(
            matches!(
                gone,
                Err(SdkError::Service(GetRestApiError::NotFoundException(_)))
            ),
            "{gone:?}"
        );
    });
    drop(server);
}

// ---------------------------------------------------------------------------
// API Gateway V2 (HTTP APIs)
// ---------------------------------------------------------------------------

#[test]
fn apigatewayv2_http_api_lifecycle() {
    let Some(server) = moto("apigatewayv2") else {
        return;
    };
    let c = client(&server.url);
    run(async {
        use v2::operations::*;
        let tag = unique("http");
        let api_id = ops::create_http_api(&c, &format!("{tag}-main")).await;

        let stage = c
            .send::<CreateStage>(
                &v2::CreateStageRequest::builder()
                    .api_id(&api_id)
                    .stage_name("dev")
                    .description("made by shapegen")
                    .insert_stage_variables("color", "blue")
                    .build()
                    .unwrap(),
            )
            .await
            .expect("CreateStage");
        assert_eq!(stage.stage_name.as_deref(), Some("dev"));

        let stages = c
            .send::<GetStages>(
                &v2::GetStagesRequest::builder()
                    .api_id(&api_id)
                    .build()
                    .unwrap(),
            )
            .await
            .expect("GetStages");
        let items = stages.items.unwrap_or_default();
        let dev = items
            .iter()
            .find(|s| s.stage_name == "dev")
            .unwrap_or_else(|| panic!("no stage dev in {items:?}"));
        assert_eq!(dev.description.as_deref(), Some("made by shapegen"));
        assert_eq!(
            dev.stage_variables
                .as_ref()
                .and_then(|v| v.get("color"))
                .map(String::as_str),
            Some("blue")
        );

        let mut ours = vec![api_id.clone()];
        for i in 0..4 {
            ours.push(ops::create_http_api(&c, &format!("{tag}-{i}")).await);
        }
        let (listed, pages, largest_page) = ops::list_http_apis_by_hand(&c, 2).await;
        for id in &ours {
            assert!(listed.contains(id), "{id} not listed in {listed:?}");
        }
        if pages == 1 {
            // moto: no pagination, every API in one page whatever `maxResults` says.
            assert!(largest_page > 2, "one page of {largest_page}");
            eprintln!("moto: GetApis ignored maxResults=2: one page of {largest_page} APIs");
        } else {
            assert!(largest_page <= 2);
        }

        let all = c
            .send_all::<GetApis>(&v2::GetApisRequest::builder().max_results("2").build())
            .await
            .expect("GetApis, all pages");
        let all: Vec<String> = all.into_iter().filter_map(|a| a.api_id).collect();
        assert_eq!(all, listed);

        for id in &ours {
            ops::delete_http_api(&c, id).await;
        }
        let gone = c
            .send::<GetStages>(
                &v2::GetStagesRequest::builder()
                    .api_id(&api_id)
                    .build()
                    .unwrap(),
            )
            .await;
        assert!(
            matches!(
                gone,
                Err(SdkError::Service(GetStagesError::NotFoundException(_)))
            ),
            "{gone:?}"
        );
    });
    drop(server);
}

/// Names no other run on a shared server uses.
fn unique(what: &str) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default()
        .subsec_nanos();
    format!("shapegen-e2e-{what}-{}-{nanos}", std::process::id())
}

// ---------------------------------------------------------------------------
// Steps both tests use
// ---------------------------------------------------------------------------

mod steps {
    use super::{v1, v2};
    use shapegen_runtime::client::Client;

    pub async fn root_resource_id(c: &Client, api: &str) -> String {
        let resources = c
            .send::<v1::operations::GetResources>(
                &v1::GetResourcesRequest::builder()
                    .rest_api_id(api)
                    .limit(500)
                    .build()
                    .unwrap(),
            )
            .await
            .expect("GetResources");
        let items = resources.items.unwrap_or_default();
        items
            .iter()
            .find(|r| r.path.as_deref() == Some("/"))
            .and_then(|r| r.id.clone())
            .unwrap_or_else(|| panic!("no root resource in {items:?}"))
    }

    pub async fn create_resource(c: &Client, api: &str, parent: &str, part: &str) -> String {
        let r = c
            .send::<v1::operations::CreateResource>(
                &v1::CreateResourceRequest::builder()
                    .rest_api_id(api)
                    .parent_id(parent)
                    .path_part(part)
                    .build()
                    .unwrap(),
            )
            .await
            .expect("CreateResource");
        assert_eq!(r.path_part.as_deref(), Some(part));
        r.id.expect("resource id")
    }

    pub async fn put_method(c: &Client, api: &str, resource: &str, method: &str) {
        let m = c
            .send::<v1::operations::PutMethod>(
                &v1::PutMethodRequest::builder()
                    .rest_api_id(api)
                    .resource_id(resource)
                    .http_method(method)
                    .authorization_type("NONE")
                    .build()
                    .unwrap(),
            )
            .await
            .expect("PutMethod");
        assert_eq!(m.http_method.as_deref(), Some(method));
    }

    pub async fn put_mock_integration(c: &Client, api: &str, resource: &str, method: &str) {
        let i = c
            .send::<v1::operations::PutIntegration>(
                &v1::PutIntegrationRequest::builder()
                    .rest_api_id(api)
                    .resource_id(resource)
                    .http_method(method)
                    .r#type(v1::IntegrationType::Mock)
                    .insert_request_templates("application/json", r#"{"statusCode": 200}"#)
                    .build()
                    .unwrap(),
            )
            .await
            .expect("PutIntegration");
        assert_eq!(i.r#type, Some(v1::IntegrationType::Mock));
    }

    pub async fn delete_rest_api(c: &Client, api: &str) {
        c.send::<v1::operations::DeleteRestApi>(
            &v1::DeleteRestApiRequest::builder()
                .rest_api_id(api)
                .build()
                .unwrap(),
        )
        .await
        .expect("DeleteRestApi");
    }

    pub async fn create_http_api(c: &Client, name: &str) -> String {
        let api = c
            .send::<v2::operations::CreateApi>(
                &v2::CreateApiRequest::builder()
                    .name(name)
                    .protocol_type(v2::ProtocolType::Http)
                    .build()
                    .unwrap(),
            )
            .await
            .expect("CreateApi");
        api.api_id.expect("api id")
    }

    /// Every page of GetApis with `maxResults`, following `nextToken`: the
    /// ids, the number of pages and the largest page.
    pub async fn list_http_apis_by_hand(c: &Client, max: u32) -> (Vec<String>, usize, usize) {
        let (mut ids, mut pages, mut largest) = (Vec::new(), 0, 0);
        let mut token: Option<String> = None;
        loop {
            let page = c
                .send::<v2::operations::GetApis>(
                    &v2::GetApisRequest::builder()
                        .max_results(max.to_string())
                        .set_next_token(token.take())
                        .build(),
                )
                .await
                .expect("GetApis");
            pages += 1;
            let items = page.items.unwrap_or_default();
            largest = largest.max(items.len());
            ids.extend(items.into_iter().filter_map(|a| a.api_id));
            match page.next_token {
                Some(t) => token = Some(t),
                None => return (ids, pages, largest),
            }
            assert!(pages < 100, "GetApis does not stop paging");
        }
    }

    pub async fn delete_http_api(c: &Client, api: &str) {
        c.send::<v2::operations::DeleteApi>(
            &v2::DeleteApiRequest::builder().api_id(api).build().unwrap(),
        )
        .await
        .expect("DeleteApi");
    }
}
