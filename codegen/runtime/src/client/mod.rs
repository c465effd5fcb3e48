//! A client that sends any generated operation to AWS (feature `client`):
//! endpoint resolution, SigV4 signing, retries with backoff, timeouts, and
//! the operation's typed output or error.
//!
//! ```ignore
//! use apigw_types::apigateway::{operations::{GetStages, GetStagesError}, GetStagesRequest};
//! use shapegen_runtime::client::{Client, SdkError};
//!
//! // Region, credentials and endpoint from the environment and ~/.aws, as the AWS CLI.
//! let client = Client::from_env()?;
//! let input = GetStagesRequest::builder().rest_api_id("a1b2c3").build()?;
//! match client.send::<GetStages>(&input).await {
//!     Ok(stages) => println!("{stages:?}"),
//!     Err(SdkError::Service(GetStagesError::NotFoundException(e))) => println!("no such API: {e}"),
//!     Err(e) => return Err(e.into()),
//! }
//! ```
//!
//! Features: `client` is this module without a transport (bring a
//! [`Transport`] and an [`AsyncSleep`]); `client-hyper` adds
//! `HyperTransport` (hyper 1, rustls with the webpki roots, HTTP/1.1, on
//! tokio) and `TokioSleep`, which the builder then uses by default.
//!
//! What [`Client::send`] does for an operation `O`:
//! 1. `O::build_request(input, endpoint)`: the endpoint is the builder's
//!    endpoint URL if any, else `https://{endpoint_prefix}.{region}.{dns suffix}`
//!    of the region's partition ([`endpoint_url`]);
//! 2. per attempt: signs the request (SigV4, service
//!    `ServiceInfo::signing_name`, the client's region, the current time),
//!    sends it through the transport within the attempt timeout;
//! 3. a 2xx response is parsed into `O::Output`; an error response that is
//!    throttling or transient, a connection error and an attempt timeout are
//!    retried as the AWS "standard" retry mode says ([`retry`]); any other
//!    error response becomes `SdkError::Service(O::Error)`, the operation's
//!    typed error (a modeled exception, or `Unhandled` with status, code,
//!    message and body);
//! 4. all of it within the total timeout, if set.

mod config;
mod endpoint;
#[cfg(feature = "client-hyper")]
mod hyper_transport;
mod paginate;
pub mod retry;
mod transport;

pub use config::{parse_profiles, ConfigError, FileKind, Profiles};
pub use endpoint::{
    endpoint_url, global_endpoint, is_valid_region, partition, EndpointOptions, Partition,
};
#[cfg(feature = "client-hyper")]
pub use hyper_transport::{HyperTransport, TokioSleep};
pub use paginate::{Items, Pages};
pub use retry::{RetryConfig, RetryKind};
pub use transport::{AsyncSleep, BoxFuture, Transport, TransportError, TransportErrorKind};

pub use crate::sigv4::Credentials;

use crate::protocol::{
    error_code_and_message, Operation, PageItems, Paginated, RequestError, Response, ServiceInfo,
};
use crate::sigv4::{self, SigningError, SigningParams, SigningSettings};
use retry::RetryQuota;
use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};
use transport::{with_timeout, Elapsed};

/// Sends operations. Cheap to clone (clones share the connection pool and the
/// retry quota); `Send + Sync`.
#[derive(Clone, Debug)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    region: String,
    endpoint_url: Option<String>,
    endpoint_options: EndpointOptions,
    credentials: Credentials,
    transport: Arc<dyn Transport>,
    sleep: Arc<dyn AsyncSleep>,
    retry: RetryConfig,
    attempt_timeout: Option<Duration>,
    total_timeout: Option<Duration>,
    quota: RetryQuota,
    user_agent: http::HeaderValue,
}

impl fmt::Debug for Inner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("region", &self.region)
            .field("endpoint_url", &self.endpoint_url)
            .field("endpoint_options", &self.endpoint_options)
            .field("credentials", &self.credentials)
            .field("transport", &self.transport)
            .field("retry", &self.retry)
            .field("attempt_timeout", &self.attempt_timeout)
            .field("total_timeout", &self.total_timeout)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A builder; every setting not given comes from the environment and the
    /// shared files (see [`ClientBuilder::build`]).
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// `Client::builder().build()`: everything from the environment and the
    /// shared files, with the hyper transport.
    #[cfg(feature = "client-hyper")]
    pub fn from_env() -> Result<Client, ConfigError> {
        Client::builder().build()
    }

    /// The region requests are signed for (and sent to, without an endpoint URL).
    pub fn region(&self) -> &str {
        &self.inner.region
    }

    /// The endpoint `service`'s requests go to: the endpoint URL given, else
    /// a global service's endpoint (IAM: `https://iam.amazonaws.com`), else
    /// the service's endpoint in the client's region.
    pub fn endpoint(&self, service: &ServiceInfo) -> String {
        match (&self.inner.endpoint_url, self.global(service)) {
            (Some(url), _) => url.clone(),
            (None, Some((host, _))) => format!("https://{host}"),
            (None, None) => endpoint_url(
                service.endpoint_prefix,
                &self.inner.region,
                self.inner.endpoint_options,
            ),
        }
    }

    /// The region `service`'s requests are signed for: the client's, or a
    /// global service's own (`us-east-1` for IAM) when its endpoint is used.
    pub fn signing_region(&self, service: &ServiceInfo) -> &str {
        match (&self.inner.endpoint_url, self.global(service)) {
            (None, Some((_, region))) => region,
            _ => &self.inner.region,
        }
    }

    /// The global endpoint of `service`, unless FIPS or dual-stack endpoints
    /// are asked for (those follow the regional rule).
    fn global(&self, service: &ServiceInfo) -> Option<(&'static str, &'static str)> {
        let o = self.inner.endpoint_options;
        if o.use_fips || o.use_dual_stack {
            return None;
        }
        global_endpoint(service.endpoint_prefix, &self.inner.region)
    }

    /// Sends the operation `O` with `input`: its output, or its typed error
    /// inside [`SdkError::Service`], or why no answer came.
    ///
    /// `client.send::<GetStages>(&input).await`
    pub async fn send<O: Operation>(
        &self,
        input: &O::Input,
    ) -> Result<O::Output, SdkError<O::Error>> {
        let endpoint = self.endpoint(O::SERVICE);
        // Built once: a retry sends the same request (and idempotency token).
        let request = O::build_request(input, &endpoint).map_err(SdkError::Request)?;
        let response = self
            .dispatch(
                request,
                O::SERVICE.signing_name,
                self.signing_region(O::SERVICE),
            )
            .await?;
        O::parse_response(&response).map_err(SdkError::Service)
    }

    /// [`send`](Self::send) with the operation as a value:
    /// `client.call(GetStages, &input).await`.
    pub async fn call<O: Operation>(
        &self,
        _operation: O,
        input: &O::Input,
    ) -> Result<O::Output, SdkError<O::Error>> {
        self.send::<O>(input).await
    }

    /// Every page of the paginated operation `O` from `input` on, following
    /// its token (`position`, `nextToken`) until a page has none: the items of
    /// all pages, in order. The first error ends it.
    ///
    /// `client.send_all::<GetRestApis>(&GetRestApisRequest::builder().limit(500).build()).await`
    pub async fn send_all<O: Paginated>(
        &self,
        input: &O::Input,
    ) -> Result<Vec<<O::Items as PageItems>::Item>, SdkError<O::Error>> {
        let mut items = Vec::new();
        let mut next: Option<O::Input> = None;
        loop {
            let current = next.as_ref().unwrap_or(input);
            let page = self.send::<O>(current).await?;
            let following = O::next_input(current, &page);
            items.extend(O::items(page).into_items());
            match following {
                Some(n) => next = Some(n),
                None => return Ok(items),
            }
        }
    }

    /// Signs and sends a ready request (for `service`'s signing name) with
    /// the client's retries and timeouts, returning the final response,
    /// successful or not, as it came: for requests no generated operation
    /// describes.
    pub async fn send_raw(
        &self,
        request: http::Request<Vec<u8>>,
        signing_name: &str,
    ) -> Result<http::Response<Vec<u8>>, SdkError<std::convert::Infallible>> {
        self.dispatch(request, signing_name, &self.inner.region)
            .await
    }

    async fn dispatch<E>(
        &self,
        request: http::Request<Vec<u8>>,
        signing_name: &str,
        signing_region: &str,
    ) -> Result<http::Response<Vec<u8>>, SdkError<E>> {
        let inner = &*self.inner;
        let started = Instant::now();
        let attempts = std::sync::atomic::AtomicU32::new(0);
        let result = with_timeout(
            &*inner.sleep,
            inner.total_timeout,
            self.attempts(request, signing_name, signing_region, &attempts),
        )
        .await;
        match result {
            Ok(r) => r,
            Err(Elapsed) => Err(SdkError::Timeout(TimeoutError {
                kind: TimeoutKind::Total,
                limit: inner.total_timeout.unwrap_or_default(),
                attempts: attempts.load(std::sync::atomic::Ordering::Relaxed),
                elapsed: started.elapsed(),
            })),
        }
    }

    async fn attempts<E>(
        &self,
        mut request: http::Request<Vec<u8>>,
        signing_name: &str,
        signing_region: &str,
        attempts: &std::sync::atomic::AtomicU32,
    ) -> Result<http::Response<Vec<u8>>, SdkError<E>> {
        let inner = &*self.inner;
        if !request.headers().contains_key(http::header::USER_AGENT) {
            request
                .headers_mut()
                .insert(http::header::USER_AGENT, inner.user_agent.clone());
        }
        let max_attempts = inner.retry.max_attempts.max(1);
        let mut acquired: Option<u32> = None;
        let mut attempt = 0;
        loop {
            attempt += 1;
            attempts.store(attempt, std::sync::atomic::Ordering::Relaxed);
            let mut signed = request.clone();
            sigv4::sign(
                &mut signed,
                &SigningParams {
                    credentials: &inner.credentials,
                    region: signing_region,
                    service: signing_name,
                    time: SystemTime::now(),
                    // S3 wants its payload hash as a header and its keys' paths as sent.
                    settings: SigningSettings::for_service(signing_name),
                },
            )
            .map_err(SdkError::Signing)?;
            let started = Instant::now();
            let sent = with_timeout(
                &*inner.sleep,
                inner.attempt_timeout,
                inner.transport.send(signed),
            )
            .await;
            // The failure to return if this attempt is the last, and why it may be retried.
            let (failure, kind) = match sent {
                Ok(Ok(response)) => {
                    let status = response.status().as_u16();
                    if (200..300).contains(&status) {
                        if inner.retry.quota {
                            inner.quota.release(acquired);
                        }
                        return Ok(response);
                    }
                    let (code, _) = error_code_and_message(&Response::new(&response));
                    match retry::classify_response(status, code.as_deref()) {
                        // Not retryable: the caller parses the typed error.
                        None => return Ok(response),
                        Some(kind) => (Failure::Response(response), kind),
                    }
                }
                Ok(Err(e)) if e.is_retryable() => (Failure::Transport(e), RetryKind::Transient),
                Ok(Err(e)) => return Err(SdkError::Transport(e)),
                Err(Elapsed) => (
                    Failure::Timeout(TimeoutError {
                        kind: TimeoutKind::Attempt,
                        limit: inner.attempt_timeout.unwrap_or_default(),
                        attempts: attempt,
                        elapsed: started.elapsed(),
                    }),
                    RetryKind::Timeout,
                ),
            };
            let retry = attempt < max_attempts
                && (!inner.retry.quota || {
                    acquired = inner.quota.acquire(kind);
                    acquired.is_some()
                });
            if !retry {
                return match failure {
                    Failure::Response(r) => Ok(r),
                    Failure::Transport(e) => Err(SdkError::Transport(e)),
                    Failure::Timeout(t) => Err(SdkError::Timeout(t)),
                };
            }
            inner
                .sleep
                .sleep(inner.retry.backoff(attempt, retry::jitter()))
                .await;
        }
    }
}

enum Failure {
    Response(http::Response<Vec<u8>>),
    Transport(TransportError),
    Timeout(TimeoutError),
}

/// The error of [`Client::send`]: the operation's typed error, or why there
/// was no answer to decode.
///
/// `E` is the operation's error enum (`GetStageError`): match
/// `SdkError::Service(GetStageError::NotFoundException(e))`, or use
/// [`service_error`](Self::service_error) / [`into_service_error`](Self::into_service_error).
#[derive(Debug)]
#[non_exhaustive]
pub enum SdkError<E> {
    /// The service answered with an error: one of the exceptions the
    /// operation lists, or `Unhandled` (also when a response, error or
    /// success, could not be decoded). Throttling and transient errors land
    /// here after the last attempt.
    Service(E),
    /// The input cannot become a request (an unset URI label, say); nothing
    /// was sent.
    Request(RequestError),
    /// The request could not be signed; nothing was sent.
    Signing(SigningError),
    /// No response: the last attempt's transport error (or the first that
    /// is not retried).
    Transport(TransportError),
    /// The attempt timeout passed on the last attempt, or the total timeout.
    Timeout(TimeoutError),
}

impl<E> SdkError<E> {
    /// The operation's error, if the service answered with one.
    pub fn service_error(&self) -> Option<&E> {
        match self {
            SdkError::Service(e) => Some(e),
            _ => None,
        }
    }
    /// The operation's error, or `self` back.
    pub fn into_service_error(self) -> Result<E, Self> {
        match self {
            SdkError::Service(e) => Ok(e),
            other => Err(other),
        }
    }
    /// Whether the request got no answer (transport error or timeout).
    pub fn is_no_response(&self) -> bool {
        matches!(self, SdkError::Transport(_) | SdkError::Timeout(_))
    }
    /// Converts the service error.
    pub fn map_service<F>(self, f: impl FnOnce(E) -> F) -> SdkError<F> {
        match self {
            SdkError::Service(e) => SdkError::Service(f(e)),
            SdkError::Request(e) => SdkError::Request(e),
            SdkError::Signing(e) => SdkError::Signing(e),
            SdkError::Transport(e) => SdkError::Transport(e),
            SdkError::Timeout(e) => SdkError::Timeout(e),
        }
    }
}

impl<E: fmt::Display> fmt::Display for SdkError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SdkError::Service(e) => write!(f, "service error: {e}"),
            SdkError::Request(e) => write!(f, "invalid input: {e}"),
            SdkError::Signing(e) => write!(f, "cannot sign the request: {e}"),
            SdkError::Transport(e) => write!(f, "{e}"),
            SdkError::Timeout(e) => write!(f, "{e}"),
        }
    }
}

impl<E: std::error::Error + 'static> std::error::Error for SdkError<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            SdkError::Service(e) => Some(e),
            SdkError::Request(e) => Some(e),
            SdkError::Signing(e) => Some(e),
            SdkError::Transport(e) => Some(e),
            SdkError::Timeout(e) => Some(e),
        }
    }
}

/// Which timeout passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeoutKind {
    /// [`ClientBuilder::attempt_timeout`], on the last attempt.
    Attempt,
    /// [`ClientBuilder::total_timeout`].
    Total,
}

/// A timeout passed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeoutError {
    pub kind: TimeoutKind,
    /// The limit that passed.
    pub limit: Duration,
    /// Attempts made (the last one included).
    pub attempts: u32,
    /// Time from the start of the attempt (for `Attempt`) or of the call.
    pub elapsed: Duration,
}

impl fmt::Display for TimeoutError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            TimeoutKind::Attempt => "attempt timeout",
            TimeoutKind::Total => "total timeout",
        };
        write!(
            f,
            "{what} of {:?} passed after {} attempt{}",
            self.limit,
            self.attempts,
            if self.attempts == 1 { "" } else { "s" }
        )
    }
}
impl std::error::Error for TimeoutError {}

/// Builds a [`Client`].
///
/// What is not set comes from the environment and the shared files when
/// [`build`](Self::build) runs (see the table there); explicit settings win.
#[derive(Default)]
pub struct ClientBuilder {
    region: Option<String>,
    endpoint_url: Option<String>,
    credentials: Option<Credentials>,
    profile: Option<String>,
    use_fips: Option<bool>,
    use_dual_stack: Option<bool>,
    transport: Option<Arc<dyn Transport>>,
    sleep: Option<Arc<dyn AsyncSleep>>,
    retry: Option<RetryConfig>,
    attempt_timeout: Option<Duration>,
    total_timeout: Option<Duration>,
    no_environment: bool,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("region", &self.region)
            .field("endpoint_url", &self.endpoint_url)
            .field("credentials", &self.credentials)
            .field("profile", &self.profile)
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
    /// The region (`us-east-1`): signed for, and part of the default endpoint.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }
    /// Sends every request to this URL (`http://127.0.0.1:5000`, a proxy or
    /// a VPC endpoint) instead of the region's endpoint. It may have a base
    /// path.
    pub fn endpoint_url(mut self, url: impl Into<String>) -> Self {
        self.endpoint_url = Some(url.into());
        self
    }
    /// The credentials to sign with.
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(credentials);
        self
    }
    /// The profile of the shared files to read (over `AWS_PROFILE`).
    pub fn profile(mut self, profile: impl Into<String>) -> Self {
        self.profile = Some(profile.into());
        self
    }
    /// FIPS endpoints (over `AWS_USE_FIPS_ENDPOINT`).
    pub fn use_fips(mut self, on: bool) -> Self {
        self.use_fips = Some(on);
        self
    }
    /// Dual-stack endpoints (over `AWS_USE_DUALSTACK_ENDPOINT`).
    pub fn use_dual_stack(mut self, on: bool) -> Self {
        self.use_dual_stack = Some(on);
        self
    }
    /// What sends the requests (by default `HyperTransport`, with the
    /// `client-hyper` feature; without it, required).
    pub fn transport(mut self, transport: impl Transport + 'static) -> Self {
        self.transport = Some(Arc::new(transport));
        self
    }
    /// [`transport`](Self::transport), shared.
    pub fn shared_transport(mut self, transport: Arc<dyn Transport>) -> Self {
        self.transport = Some(transport);
        self
    }
    /// What waits between attempts and for timeouts (by default
    /// `TokioSleep`, with the `client-hyper` feature; without it, required).
    pub fn sleep(mut self, sleep: impl AsyncSleep + 'static) -> Self {
        self.sleep = Some(Arc::new(sleep));
        self
    }
    /// How to retry (by default [`RetryConfig::standard`], with
    /// `AWS_MAX_ATTEMPTS` or the profile's `max_attempts` if set).
    pub fn retry(mut self, retry: RetryConfig) -> Self {
        self.retry = Some(retry);
        self
    }
    /// Attempts in all, the first included (shorthand for [`retry`](Self::retry)).
    pub fn max_attempts(mut self, max_attempts: u32) -> Self {
        self.retry = Some(
            self.retry
                .unwrap_or_default()
                .with_max_attempts(max_attempts),
        );
        self
    }
    /// Limit of one attempt (sending the request and reading the whole
    /// response); an attempt that takes longer is abandoned and retried.
    /// None by default.
    pub fn attempt_timeout(mut self, limit: Duration) -> Self {
        self.attempt_timeout = Some(limit);
        self
    }
    /// Limit of a whole call, retries and backoff included. None by default.
    pub fn total_timeout(mut self, limit: Duration) -> Self {
        self.total_timeout = Some(limit);
        self
    }
    /// Reads neither the environment nor the shared files: region and
    /// credentials must be given.
    pub fn no_environment(mut self) -> Self {
        self.no_environment = true;
        self
    }

    /// The client. What was not set is looked up as the AWS CLI does:
    ///
    /// | setting | looked up in order |
    /// |---|---|
    /// | credentials | `AWS_ACCESS_KEY_ID` + `AWS_SECRET_ACCESS_KEY` (+ `AWS_SESSION_TOKEN`); then the profile's `aws_access_key_id`, `aws_secret_access_key`, `aws_session_token` |
    /// | region | `AWS_REGION`, `AWS_DEFAULT_REGION`; then the profile's `region` |
    /// | endpoint URL | `AWS_ENDPOINT_URL`; then the profile's `endpoint_url`; else the region's endpoint |
    /// | max attempts | `AWS_MAX_ATTEMPTS`; then the profile's `max_attempts`; else 3 |
    /// | FIPS, dual-stack | `AWS_USE_FIPS_ENDPOINT`, `AWS_USE_DUALSTACK_ENDPOINT` (`true`/`false`) |
    /// | profile | [`profile`](Self::profile), `AWS_PROFILE`, else `default` |
    /// | files | `AWS_SHARED_CREDENTIALS_FILE` (else `~/.aws/credentials`), `AWS_CONFIG_FILE` (else `~/.aws/config`); `~` is `HOME` (`USERPROFILE` on Windows) |
    ///
    /// A profile's settings are those of `[name]` in the credentials file
    /// over those of `[profile name]` in the config file (`[default]` for the
    /// default profile). Only static keys are read: a profile that gets its
    /// credentials another way (`role_arn`, `sso_session`,
    /// `credential_process`, ...) gives none, and the error says so.
    ///
    /// When region and credentials are both given, a shared file that cannot
    /// be read or parsed is ignored; otherwise it is an error.
    pub fn build(self) -> Result<Client, ConfigError> {
        self.build_with(&config::process_env)
    }

    fn build_with(self, env: config::Env<'_>) -> Result<Client, ConfigError> {
        let none: &dyn Fn(&str) -> Option<String> = &|_| None;
        let env = if self.no_environment { none } else { env };
        let explicit = self.region.is_some() && self.credentials.is_some();
        let resolved = if self.no_environment {
            config::Resolved::default()
        } else {
            match config::resolve(env, self.profile.as_deref()) {
                Ok(r) => r,
                Err(_) if explicit => config::Resolved::default(),
                Err(e) => return Err(e),
            }
        };
        let region = self.region.or(resolved.region).ok_or_else(|| {
            ConfigError::new(
                "no region: set AWS_REGION, or `region` in the profile in ~/.aws/config, or call ClientBuilder::region",
            )
        })?;
        if !is_valid_region(&region) {
            return Err(ConfigError::new(format!(
                "the region `{region}` is not a region name (lowercase letters, digits and `-`)"
            )));
        }
        let credentials = match self.credentials.or(resolved.credentials) {
            Some(c) => c,
            None => {
                let mut m = String::from(
                    "no credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or put them in ~/.aws/credentials, or call ClientBuilder::credentials",
                );
                if let Some(note) = resolved.credentials_note {
                    m.push_str(" (");
                    m.push_str(&note);
                    m.push(')');
                }
                return Err(ConfigError::new(m));
            }
        };
        let endpoint_url = self.endpoint_url.or(resolved.endpoint_url);
        if let Some(url) = &endpoint_url {
            let ok = url
                .parse::<http::Uri>()
                .ok()
                .filter(|u| matches!(u.scheme_str(), Some("http" | "https")))
                .is_some_and(|u| u.authority().is_some() && u.query().is_none());
            if !ok {
                return Err(ConfigError::new(format!(
                    "the endpoint URL `{url}` is not an http:// or https:// URL with a host (and no query)"
                )));
            }
        }
        let flag = |v: &str| -> Result<Option<bool>, ConfigError> {
            match env(v).map(|s| s.to_ascii_lowercase()) {
                None => Ok(None),
                Some(s) if s == "true" => Ok(Some(true)),
                Some(s) if s == "false" => Ok(Some(false)),
                Some(s) => Err(ConfigError::new(format!(
                    "{v} is `{s}`; it can be true or false"
                ))),
            }
        };
        let endpoint_options = EndpointOptions {
            use_fips: match self.use_fips {
                Some(b) => b,
                None => flag("AWS_USE_FIPS_ENDPOINT")?.unwrap_or(false),
            },
            use_dual_stack: match self.use_dual_stack {
                Some(b) => b,
                None => flag("AWS_USE_DUALSTACK_ENDPOINT")?.unwrap_or(false),
            },
        };
        let retry = match self.retry {
            Some(r) => r,
            None => match resolved.max_attempts {
                None => RetryConfig::standard(),
                Some(n) => match n.parse::<u32>() {
                    Ok(n) if n >= 1 => RetryConfig::standard().with_max_attempts(n),
                    _ => {
                        return Err(ConfigError::new(format!(
                            "max attempts (AWS_MAX_ATTEMPTS or max_attempts) is `{n}`; it must be a whole number, 1 or more"
                        )))
                    }
                },
            },
        };
        let transport = match self.transport {
            Some(t) => t,
            None => default_transport()?,
        };
        let sleep = match self.sleep {
            Some(s) => s,
            None => default_sleep()?,
        };
        let user_agent =
            http::HeaderValue::from_static(concat!("shapegen-runtime/", env!("CARGO_PKG_VERSION")));
        Ok(Client {
            inner: Arc::new(Inner {
                region,
                endpoint_url,
                endpoint_options,
                credentials,
                transport,
                sleep,
                retry,
                attempt_timeout: self.attempt_timeout,
                total_timeout: self.total_timeout,
                quota: RetryQuota::new(),
                user_agent,
            }),
        })
    }
}

#[cfg(feature = "client-hyper")]
fn default_transport() -> Result<Arc<dyn Transport>, ConfigError> {
    Ok(Arc::new(HyperTransport::new()))
}
#[cfg(not(feature = "client-hyper"))]
fn default_transport() -> Result<Arc<dyn Transport>, ConfigError> {
    Err(ConfigError::new(
        "no transport: call ClientBuilder::transport, or enable the `client-hyper` feature for the default one",
    ))
}
#[cfg(feature = "client-hyper")]
fn default_sleep() -> Result<Arc<dyn AsyncSleep>, ConfigError> {
    Ok(Arc::new(TokioSleep))
}
#[cfg(not(feature = "client-hyper"))]
fn default_sleep() -> Result<Arc<dyn AsyncSleep>, ConfigError> {
    Err(ConfigError::new(
        "no sleep: call ClientBuilder::sleep, or enable the `client-hyper` feature for tokio's",
    ))
}
