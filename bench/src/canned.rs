//! An in-process `HttpClient` for the AWS SDKs: every request gets the same
//! canned `200 OK` JSON response, without any network. The request body is
//! inspected (its length, and a copy when `capture` is on) so the SDK's request
//! serialization is forced and can be verified.

use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings, SharedHttpConnector,
};
use aws_smithy_runtime_api::client::orchestrator::HttpRequest;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_runtime_api::http::{Response, StatusCode};
use aws_smithy_types::body::SdkBody;
use bytes::Bytes;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

#[derive(Debug, Clone)]
pub struct CannedClient {
    body: Bytes,
    /// Total request-body bytes seen (keeps the body "used").
    seen: Arc<AtomicUsize>,
    /// Last request body, only kept when capturing (verification runs).
    captured: Option<Arc<Mutex<Option<Vec<u8>>>>>,
}

impl CannedClient {
    pub fn new(body: impl Into<Bytes>) -> Self {
        Self {
            body: body.into(),
            seen: Arc::new(AtomicUsize::new(0)),
            captured: None,
        }
    }

    pub fn capturing(body: impl Into<Bytes>) -> Self {
        Self {
            captured: Some(Arc::new(Mutex::new(None))),
            ..Self::new(body)
        }
    }

    /// The last request body (capturing clients only).
    pub fn last_request(&self) -> Option<Vec<u8>> {
        self.captured
            .as_ref()
            .and_then(|c| c.lock().expect("poisoned").clone())
    }
}

impl HttpConnector for CannedClient {
    fn call(&self, request: HttpRequest) -> HttpConnectorFuture {
        let req_body = request.body().bytes().unwrap_or_default();
        self.seen.fetch_add(req_body.len(), Ordering::Relaxed);
        if let Some(c) = &self.captured {
            *c.lock().expect("poisoned") = Some(req_body.to_vec());
        }
        // `Bytes` is reference counted: handing out the body copies nothing.
        let mut response = Response::new(
            StatusCode::try_from(200).expect("status"),
            SdkBody::from(self.body.clone()),
        );
        response
            .headers_mut()
            .insert("content-type", "application/json");
        response
            .headers_mut()
            .insert("x-amzn-requestid", "00000000-0000-0000-0000-000000000000");
        HttpConnectorFuture::ready(Ok(response))
    }
}

impl HttpClient for CannedClient {
    fn http_connector(
        &self,
        _settings: &HttpConnectorSettings,
        _components: &RuntimeComponents,
    ) -> SharedHttpConnector {
        SharedHttpConnector::new(self.clone())
    }
}
