//! An in-process `HttpClient` for the AWS SDKs: every request gets the same
//! canned JSON response (`200 OK` unless [`CannedClient::with_status`] says
//! otherwise), without any network. The request body is inspected (its
//! length, and a copy of the whole request when `capture` is on) so the SDK's
//! request serialization is forced and can be verified.

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

/// The headers of every canned response (besides its status and body).
pub const RESPONSE_HEADERS: [(&str, &str); 2] = [
    ("content-type", "application/json"),
    ("x-amzn-requestid", "00000000-0000-0000-0000-000000000000"),
];

/// A request as the SDK handed it to the client (capturing clients only).
#[derive(Debug, Clone, Default)]
pub struct Captured {
    pub method: String,
    pub uri: String,
    /// Names in lower case, in the order sent.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Captured {
    /// The value of header `name` (lower case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

#[derive(Debug, Clone)]
pub struct CannedClient {
    status: u16,
    body: Bytes,
    /// Total request-body bytes seen (keeps the body "used").
    seen: Arc<AtomicUsize>,
    /// Last request, only kept when capturing (verification runs).
    captured: Option<Arc<Mutex<Option<Captured>>>>,
}

impl CannedClient {
    pub fn new(body: impl Into<Bytes>) -> Self {
        Self {
            status: 200,
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

    /// The same client answering with HTTP status `status`.
    pub fn with_status(self, status: u16) -> Self {
        Self { status, ..self }
    }

    /// The last request body (capturing clients only).
    pub fn last_request(&self) -> Option<Vec<u8>> {
        self.last_call().map(|c| c.body)
    }

    /// The last request (capturing clients only).
    pub fn last_call(&self) -> Option<Captured> {
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
            *c.lock().expect("poisoned") = Some(Captured {
                method: request.method().to_string(),
                uri: request.uri().to_string(),
                headers: request
                    .headers()
                    .iter()
                    .map(|(k, v)| (k.to_ascii_lowercase(), v.to_string()))
                    .collect(),
                body: req_body.to_vec(),
            });
        }
        // `Bytes` is reference counted: handing out the body copies nothing.
        let mut response = Response::new(
            StatusCode::try_from(self.status).expect("status"),
            SdkBody::from(self.body.clone()),
        );
        for (k, v) in RESPONSE_HEADERS {
            response.headers_mut().insert(k, v);
        }
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
