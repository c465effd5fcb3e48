//! The default transport (feature `client-hyper`): hyper 1's pooled client
//! from hyper-util, over rustls (ring, the webpki root certificates) for
//! `https://` and plain TCP for `http://`, HTTP/1.1, on tokio.

use super::transport::{AsyncSleep, BoxFuture, Transport, TransportError};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client as PoolClient;
use hyper_util::rt::TokioExecutor;
use std::fmt;
use std::time::Duration;

type Connector = hyper_rustls::HttpsConnector<HttpConnector>;

/// Sends requests with hyper over rustls (or plain TCP for `http://`
/// endpoints), keeping connections alive in a pool. Must be used inside a
/// tokio runtime (the pool spawns a task per connection); the client's
/// futures are `Send`, so any tokio runtime flavour will do.
///
/// Certificates are checked against the Mozilla roots compiled in
/// (`webpki-roots`), not the system's store: a private CA needs a
/// [`Transport`] of your own.
#[derive(Clone)]
pub struct HyperTransport {
    client: PoolClient<Connector, Full<bytes::Bytes>>,
}

impl fmt::Debug for HyperTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HyperTransport").finish_non_exhaustive()
    }
}

impl Default for HyperTransport {
    fn default() -> Self {
        Self::new()
    }
}

impl HyperTransport {
    /// A pooled client; connections idle for 90 s are closed, connecting
    /// times out after 10 s.
    pub fn new() -> Self {
        let mut http = HttpConnector::new();
        http.enforce_http(false);
        http.set_connect_timeout(Some(Duration::from_secs(10)));
        http.set_nodelay(true);
        let tls = rustls::ClientConfig::builder_with_provider(std::sync::Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .expect("ring supports the default protocol versions")
        .with_root_certificates(rustls::RootCertStore {
            roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
        })
        .with_no_client_auth();
        let connector = hyper_rustls::HttpsConnectorBuilder::new()
            .with_tls_config(tls)
            .https_or_http()
            .enable_http1()
            .wrap_connector(http);
        let client = PoolClient::builder(TokioExecutor::new())
            .pool_idle_timeout(Duration::from_secs(90))
            .build(connector);
        HyperTransport { client }
    }
}

impl Transport for HyperTransport {
    fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>> {
        let request = request.map(|body| Full::new(bytes::Bytes::from(body)));
        let pending = self.client.request(request);
        Box::pin(async move {
            let response = pending.await.map_err(|e| {
                if e.is_connect() {
                    TransportError::connect(e)
                } else if is_user_error(&e) {
                    TransportError::other(e)
                } else {
                    TransportError::io(e)
                }
            })?;
            let (parts, body) = response.into_parts();
            let body = body.collect().await.map_err(TransportError::io)?;
            Ok(http::Response::from_parts(parts, body.to_bytes().to_vec()))
        })
    }
}

/// Errors of the request itself (a URI without a scheme or host, say): the
/// same request would fail again.
fn is_user_error(e: &hyper_util::client::legacy::Error) -> bool {
    let mut source: Option<&(dyn std::error::Error + 'static)> = std::error::Error::source(e);
    while let Some(s) = source {
        if let Some(h) = s.downcast_ref::<::hyper::Error>() {
            return h.is_user();
        }
        source = s.source();
    }
    // hyper-util's own request errors (`UserAbsoluteUriRequired`,
    // `UserUnsupportedVersion`, ...) show only in the text of its error kind.
    e.to_string().starts_with("client error (User")
}

/// [`AsyncSleep`] with `tokio::time::sleep` (needs a runtime with the time
/// driver enabled: `enable_time()` or `enable_all()`).
#[derive(Debug, Clone, Copy, Default)]
pub struct TokioSleep;

impl AsyncSleep for TokioSleep {
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        Box::pin(tokio::time::sleep(duration))
    }
}
