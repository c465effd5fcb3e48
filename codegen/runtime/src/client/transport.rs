//! What the client sends requests with, and how it waits: the [`Transport`] and
//! [`AsyncSleep`] traits, and the transport's error.

use std::error::Error as StdError;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

/// A boxed, `Send` future: what the object-safe traits of this module return.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Sends one HTTP request and returns the whole response.
///
/// The trait is object-safe (the client holds an `Arc<dyn Transport>`, so
/// `Client` is one type whatever sends its requests): `send` returns a boxed
/// future, one allocation per request, which is nothing beside a network round
/// trip. Implement it to use another HTTP stack, to record or replay traffic,
/// or to script responses in tests:
///
/// ```
/// use shapegen_runtime::client::{BoxFuture, Transport, TransportError};
///
/// #[derive(Debug)]
/// struct AlwaysNotFound;
/// impl Transport for AlwaysNotFound {
///     fn send(
///         &self,
///         _request: http::Request<Vec<u8>>,
///     ) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>> {
///         Box::pin(async {
///             Ok(http::Response::builder()
///                 .status(404)
///                 .header("x-amzn-ErrorType", "NotFoundException")
///                 .body(br#"{"message":"no such thing"}"#.to_vec())
///                 .unwrap())
///         })
///     }
/// }
/// # use shapegen_runtime::http;
/// ```
///
/// The request is complete and signed: the transport must send its method,
/// URI, headers and body as they are (adding headers is fine; changing `host`,
/// `content-type`, `content-length`, `accept` or any `x-amz-*` header breaks
/// the signature). A response of any status is `Ok`; `Err` is for a request
/// that got no response.
pub trait Transport: Send + Sync + fmt::Debug {
    /// Sends `request`; resolves to the response with its body read in full.
    fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>>;
}

/// Waits: the client's backoff between attempts and its timeouts. Injectable
/// so that the client is not tied to one async runtime, and so that tests need
/// not wait.
pub trait AsyncSleep: Send + Sync + fmt::Debug {
    /// A future that completes after `duration`.
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()>;
}

/// What kind of failure a [`TransportError`] is; decides whether the client
/// retries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// No connection could be made (DNS, refused, TLS handshake): retried.
    Connect,
    /// The connection failed while the request or response was under way
    /// (reset, closed early, a malformed response): retried, as the AWS SDKs
    /// do (requests carry idempotency tokens where the service wants them).
    Io,
    /// The transport's own timeout fired: retried.
    Timeout,
    /// Anything else (a request the transport cannot send, a configuration
    /// problem): not retried.
    Other,
}

/// A request that got no response.
#[derive(Debug)]
pub struct TransportError {
    kind: TransportErrorKind,
    source: Box<dyn StdError + Send + Sync>,
}

impl TransportError {
    pub fn new(
        kind: TransportErrorKind,
        source: impl Into<Box<dyn StdError + Send + Sync>>,
    ) -> Self {
        TransportError {
            kind,
            source: source.into(),
        }
    }
    pub fn connect(source: impl Into<Box<dyn StdError + Send + Sync>>) -> Self {
        Self::new(TransportErrorKind::Connect, source)
    }
    pub fn io(source: impl Into<Box<dyn StdError + Send + Sync>>) -> Self {
        Self::new(TransportErrorKind::Io, source)
    }
    pub fn timeout(source: impl Into<Box<dyn StdError + Send + Sync>>) -> Self {
        Self::new(TransportErrorKind::Timeout, source)
    }
    pub fn other(source: impl Into<Box<dyn StdError + Send + Sync>>) -> Self {
        Self::new(TransportErrorKind::Other, source)
    }
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }
    /// Whether the client tries again after this error.
    pub fn is_retryable(&self) -> bool {
        self.kind != TransportErrorKind::Other
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            TransportErrorKind::Connect => "connection failed",
            TransportErrorKind::Io => "connection error",
            TransportErrorKind::Timeout => "transport timeout",
            TransportErrorKind::Other => "request not sent",
        };
        write!(f, "{what}: {}", self.source)?;
        // hyper's errors say what happened only in their sources.
        let mut source = self.source.source();
        while let Some(s) = source {
            write!(f, ": {s}")?;
            source = s.source();
        }
        Ok(())
    }
}

impl StdError for TransportError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        Some(&*self.source)
    }
}

/// `future`, or `Err(Elapsed)` when `limit` passes first (`None`: no limit).
pub(crate) async fn with_timeout<F: Future>(
    sleep: &dyn AsyncSleep,
    limit: Option<Duration>,
    future: F,
) -> Result<F::Output, Elapsed> {
    match limit {
        None => Ok(future.await),
        Some(limit) => {
            Timeout {
                future: Box::pin(future),
                timer: sleep.sleep(limit),
            }
            .await
        }
    }
}

/// The limit of [`with_timeout`] passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Elapsed;

struct Timeout<F: Future> {
    future: Pin<Box<F>>,
    timer: BoxFuture<'static, ()>,
}

impl<F: Future> Future for Timeout<F> {
    type Output = Result<F::Output, Elapsed>;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        // Both fields are boxed, so `Timeout` is `Unpin` and needs no projection.
        if let Poll::Ready(v) = self.future.as_mut().poll(cx) {
            return Poll::Ready(Ok(v));
        }
        match self.timer.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(Err(Elapsed)),
            Poll::Pending => Poll::Pending,
        }
    }
}
