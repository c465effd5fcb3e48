//! Sans-IO operations: an input becomes a complete `http::Request`, a response
//! (status, headers, body) becomes the output or the operation's typed error,
//! following the service's protocol (`rest-json`, `json` 1.0/1.1, `rest-xml`,
//! `query`, `ec2`, `smithy-rpc-v2-cbor`; the bodies of the last four through
//! the static [`crate::schema`]s of the generated code).
//!
//! The generated code describes each structure's HTTP bindings with one macro
//! line per bound member (`http_input!`, `http_output!`); the work is done
//! here, by generic functions shared by every operation of every service, so
//! that generated code stays small (a static description, interpreted here).

use crate::{base64_decode, Blob, Document, Timestamp, TimestampFormat, ToParam};
use std::borrow::Cow;
use std::fmt;

/// The wire protocol of a service (`metadata.protocol` of its model).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    /// `rest-json`: members bound to the URI, query string, headers and status
    /// code; the rest in a JSON body.
    RestJson,
    /// `json` (awsJson 1.0 or 1.1): `POST /` with an `X-Amz-Target` header and
    /// the whole input as a JSON body.
    AwsJson1_0,
    AwsJson1_1,
    /// `rest-xml`: REST bindings as `rest-json`; the rest in an XML body.
    RestXml,
    /// `query`: `POST /` of form-encoded `Action`, `Version` and the input;
    /// XML responses inside `<OperationResult>`.
    AwsQuery,
    /// `ec2`: as `query`, with EC2's keys and lists; XML responses unwrapped.
    Ec2Query,
    /// `smithy-rpc-v2-cbor`: `POST /service/{targetPrefix}/operation/{op}` with CBOR bodies.
    RpcV2Cbor,
    /// A protocol this runtime does not speak: requests and responses are
    /// refused with an error.
    Unsupported(&'static str),
}

/// What an operation needs to know about its service.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServiceInfo {
    pub protocol: Protocol,
    /// `metadata.targetPrefix` (awsJson's `X-Amz-Target: prefix.Operation`,
    /// `smithy-rpc-v2-cbor`'s `/service/{prefix}/operation/{Operation}`).
    pub target_prefix: &'static str,
    /// `metadata.signingName`, else `endpointPrefix`: the SigV4 service name.
    pub signing_name: &'static str,
    /// `metadata.endpointPrefix`: the first label of the service's host name.
    pub endpoint_prefix: &'static str,
    pub api_version: &'static str,
    /// `awsQueryCompatible`: requests carry `x-amzn-query-mode: true`, and
    /// error codes come from `x-amzn-query-error` when sent.
    pub query_compatible: bool,
    /// Headers every request carries unless it sets them itself (API
    /// Gateway's `Accept: application/json`).
    pub default_headers: &'static [(&'static str, &'static str)],
}

impl Protocol {
    /// Whether bodies are XML (`rest-xml`, `query`, `ec2`).
    pub fn is_xml(self) -> bool {
        matches!(
            self,
            Protocol::RestXml | Protocol::AwsQuery | Protocol::Ec2Query
        )
    }
}

/// Static description of one API operation, and its sans-IO entry points.
///
/// ```ignore
/// let request = GetStages::build_request(&input, "https://apigateway.us-east-1.amazonaws.com")?;
/// // ... sign and send it, then:
/// let stages = GetStages::parse_response(&response)?;
/// ```
pub trait Operation {
    /// The input structure (`()` when the operation takes none).
    type Input: HttpInput;
    /// The output structure (`()` when the operation returns nothing).
    type Output: HttpOutput;
    /// The operation's error: one variant per exception it lists, plus
    /// `Unhandled` for anything else.
    type Error: OperationError;
    /// The service the operation belongs to.
    const SERVICE: &'static ServiceInfo;
    /// The operation's name in the model (`GetStages`).
    const NAME: &'static str;
    /// HTTP method (`GET`).
    const METHOD: &'static str;
    /// Request URI template with `{placeholder}`s (`/restapis/{restapi_id}/stages`).
    const URI_TEMPLATE: &'static str;
    /// HTTP status of a successful response.
    const SUCCESS_STATUS: u16;
    /// The operation's documentation from the model, as plain text.
    const DOCUMENTATION: &'static str;
    /// `endpoint.hostPrefix` of the model (`{AccountId}.`): prepended to the
    /// endpoint's host, with the input's `hostLabel` members filled in.
    const HOST_PREFIX: &'static str = "";
    /// `output.resultWrapper` (`query`): the element of a response that holds
    /// the output; `None` is the protocol's default, `{NAME}Result`.
    const RESULT_WRAPPER: Option<&'static str> = None;
    /// The request must carry a checksum of its body (`httpChecksumRequired`,
    /// `httpChecksum.requestChecksumRequired`): CRC32 unless the input names
    /// another algorithm, as the AWS SDKs do.
    const CHECKSUM_REQUIRED: bool = false;
    /// The header of the input member that names the checksum algorithm
    /// (`x-amz-sdk-checksum-algorithm`): when set, that checksum is sent even
    /// if none is required.
    const CHECKSUM_ALGORITHM_HEADER: Option<&'static str> = None;

    /// The complete request for `input`, sent to `endpoint` (`https://host`,
    /// optionally with a base path): method, URI with labels and query string,
    /// headers (including `Content-Type`, `Content-Length` and the protocol's
    /// own), and body. Unset idempotency tokens are filled.
    fn build_request(
        input: &Self::Input,
        endpoint: &str,
    ) -> Result<http::Request<Vec<u8>>, RequestError>
    where
        Self: Sized,
    {
        build_request::<Self>(input, endpoint)
    }

    /// The output of a response, or the operation's error: a modeled
    /// exception when the error code names one the operation lists, else
    /// `Unhandled` (also for a success response whose body does not decode).
    fn parse_response<B: AsRef<[u8]>>(
        response: &http::Response<B>,
    ) -> Result<Self::Output, Self::Error>
    where
        Self: Sized,
    {
        parse_response::<Self, B>(response)
    }
}

// ---------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------

/// An input that cannot become a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestError {
    message: String,
}

impl RequestError {
    pub fn new(message: impl Into<String>) -> Self {
        RequestError {
            message: message.into(),
        }
    }
}

impl fmt::Display for RequestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}
impl std::error::Error for RequestError {}

/// A response member that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResponseError {
    message: String,
}

impl ResponseError {
    pub fn new(message: impl Into<String>) -> Self {
        ResponseError {
            message: message.into(),
        }
    }
}

impl fmt::Display for ResponseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}
impl std::error::Error for ResponseError {}

/// An error response the model does not describe (or a response that could
/// not be decoded): everything the service sent, for the caller to inspect.
#[derive(Clone, PartialEq, Eq)]
pub struct Unhandled {
    /// HTTP status code.
    pub status: u16,
    /// The error code (`x-amzn-ErrorType`, `__type` or `code`), cleaned of
    /// its namespace and suffix (`BadRequestException`), if any.
    pub code: Option<String>,
    /// The error message, if any.
    pub message: Option<String>,
    /// `x-amzn-RequestId`, if sent.
    pub request_id: Option<String>,
    /// The raw body.
    pub body: Vec<u8>,
    /// Why a response could not be decoded, when that is what happened.
    pub decode_error: Option<String>,
}

impl Unhandled {
    /// The error of a service trait method that was not implemented.
    pub fn not_implemented(operation: &str) -> Self {
        Unhandled {
            status: 501,
            code: Some("NotImplemented".to_owned()),
            message: Some(format!("`{operation}` is not implemented here")),
            request_id: None,
            body: Vec::new(),
            decode_error: None,
        }
    }

    pub fn code(&self) -> Option<&str> {
        self.code.as_deref()
    }
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }
}

impl fmt::Debug for Unhandled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Unhandled")
            .field("status", &self.status)
            .field("code", &self.code)
            .field("message", &self.message)
            .field("request_id", &self.request_id)
            .field("body", &String::from_utf8_lossy(&self.body))
            .field("decode_error", &self.decode_error)
            .finish()
    }
}

impl fmt::Display for Unhandled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(e) = &self.decode_error {
            return write!(f, "HTTP {} response could not be decoded: {e}", self.status);
        }
        write!(f, "unhandled error (HTTP {})", self.status)?;
        if let Some(c) = &self.code {
            write!(f, " {c}")?;
        }
        if let Some(m) = &self.message {
            write!(f, ": {m}")?;
        }
        Ok(())
    }
}
impl std::error::Error for Unhandled {}

/// The error type of an operation (generated by `operation_error!`).
pub trait OperationError: Sized + fmt::Debug {
    /// The modeled exception `code` names, decoded from `response`; `None`
    /// when the operation lists no such exception.
    fn from_code(code: &str, response: &Response<'_>) -> Option<Result<Self, ResponseError>>;
    /// Wraps an unmodeled error.
    fn unhandled(error: Unhandled) -> Self;
}

/// What a service trait method that was not implemented returns: the
/// operation's `Unhandled` error with code `NotImplemented` (status 501).
pub fn not_implemented<T, E: OperationError>(
    operation: &'static str,
) -> std::future::Ready<Result<T, E>> {
    std::future::ready(Err(E::unhandled(Unhandled::not_implemented(operation))))
}

/// A modeled exception: its codes on the wire.
pub trait ErrorShape {
    /// The shape's name (what `__type` / `x-amzn-ErrorType` carry).
    const NAME: &'static str;
    /// The error code the exception reports: the shape's name, or for a
    /// query-compatible service the model's `error.code`.
    const CODE: &'static str;
}

/// `ErrorShape` of an exception: `error_shape!(Type "ShapeName" "code");`
#[doc(hidden)]
#[macro_export]
macro_rules! error_shape {
    ($ty:ident $name:literal $code:literal) => {
        impl $crate::ErrorShape for $ty {
            const NAME: &'static str = $name;
            const CODE: &'static str = $code;
        }
    };
}

/// Defines an operation's error enum: a variant per exception it lists,
/// `Unhandled`, `code()`, `Display`, `Error` and [`OperationError`].
///
/// `operation_error!(GetStageError "GetStage" { NotFoundException(super::NotFoundException), ... } unhandled Unhandled);`
#[doc(hidden)]
#[rustfmt::skip]
#[macro_export]
macro_rules! operation_error {
    ($ty:ident $op:literal { $($v:ident($t:ty),)* } unhandled $u:ident) => {
        #[doc = concat!("An error of `", $op, "`: one of the exceptions the operation lists, or `", stringify!($u), "`.")]
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum $ty {
            $( #[doc = concat!("`", stringify!($v), "`.")] $v($t), )*
            /// An error the model does not describe, or a response that could not be decoded.
            $u($crate::Unhandled),
        }
        impl $ty {
            /// The error code (`NotFoundException`).
            #[inline]
            pub fn code(&self) -> ::core::option::Option<&str> {
                match self {
                    $( Self::$v(_) => ::core::option::Option::Some(<$t as $crate::ErrorShape>::CODE), )*
                    Self::$u(e) => e.code(),
                }
            }
        }
        impl ::core::fmt::Display for $ty {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                match self {
                    $( Self::$v(e) => ::core::fmt::Display::fmt(e, f), )*
                    Self::$u(e) => ::core::fmt::Display::fmt(e, f),
                }
            }
        }
        impl ::std::error::Error for $ty {}
        impl $crate::OperationError for $ty {
            #[inline]
            #[allow(unused_variables)]
            fn from_code(code: &str, response: &$crate::Response<'_>) -> ::core::option::Option<::core::result::Result<Self, $crate::ResponseError>> {
                $( if code == <$t as $crate::ErrorShape>::NAME || code == <$t as $crate::ErrorShape>::CODE {
                    return ::core::option::Option::Some(<$t as $crate::HttpOutput>::parse(response).map(Self::$v));
                } )*
                ::core::option::Option::None
            }
            #[inline]
            fn unhandled(error: $crate::Unhandled) -> Self {
                Self::$u(error)
            }
        }
    };
}

// ---------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------

/// Where the body of a request or response comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyKind {
    /// No member travels in the body: the body is empty.
    Empty,
    /// The structure's unbound members, as a JSON object.
    Members,
    /// One member is the whole body.
    Payload,
}

/// The pieces of a request that an input's bound members contribute.
#[derive(Debug, Default)]
pub struct RequestParts {
    labels: Vec<(&'static str, String)>,
    host_labels: Vec<(&'static str, String)>,
    query: Vec<(String, String)>,
    headers: Vec<(String, String)>,
    /// Entries of maps bound to the query string without a name: added after
    /// the named parameters, which win over an entry with the same key.
    query_map: Vec<(String, String)>,
    payload: Option<(Vec<u8>, &'static str)>,
}

impl RequestParts {
    /// A URI label (`{name}`): required and not empty.
    pub fn label<T: ParamValue + ?Sized>(
        &mut self,
        name: &'static str,
        value: &T,
    ) -> Result<(), RequestError> {
        match value.param() {
            Some(v) if !v.is_empty() => {
                self.labels.push((name, v));
                Ok(())
            }
            _ => Err(RequestError::new(format!(
                "the URI label `{name}` is not set (or empty); it is required"
            ))),
        }
    }

    /// A host label (`{name}` of the operation's host prefix).
    pub fn host_label<T: ParamValue + ?Sized>(
        &mut self,
        name: &'static str,
        value: &T,
    ) -> Result<(), RequestError> {
        match value.param() {
            Some(v) if !v.is_empty() && v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.') => {
                self.host_labels.push((name, v));
                Ok(())
            }
            Some(v) if !v.is_empty() => Err(RequestError::new(format!(
                "the host label `{name}` is `{v}`: only letters, digits, `-` and `.` can go into a host name"
            ))),
            _ => Err(RequestError::new(format!(
                "the host label `{name}` is not set (or empty); it is required"
            ))),
        }
    }

    /// A query parameter: one pair per value (lists repeat the name).
    pub fn query<T: ParamValues + ?Sized>(&mut self, name: &'static str, value: &T) {
        value.each(&mut |v| self.query.push((name.to_owned(), v)));
    }

    /// A map bound to the query string without a name: its entries are
    /// parameters, unless the operation binds that parameter itself.
    pub fn query_map<T: ParamMap + ?Sized>(&mut self, value: &T) {
        value.entries(&mut |k, v| self.query_map.push((k.to_owned(), v)));
    }

    /// A header: lists are comma-joined into one value (items holding a comma
    /// or a double quote quoted).
    pub fn header<T: ParamValues + ?Sized>(&mut self, name: &'static str, value: &T) {
        let mut items: Vec<String> = Vec::new();
        value.each_header(&mut |v, quote| {
            items.push(if quote {
                quote_header_item(&v).into_owned()
            } else {
                v
            })
        });
        if items.is_empty() {
            return;
        }
        self.headers.push((name.to_owned(), items.join(", ")));
    }

    /// A map bound to headers with a prefix (`X-Meta-`): a header per entry.
    pub fn header_map<T: ParamMap + ?Sized>(&mut self, prefix: &'static str, value: &T) {
        value.entries(&mut |k, v| self.headers.push((format!("{prefix}{k}"), v)));
    }

    /// The payload member: the whole body.
    pub fn payload<T: PayloadValue + ?Sized>(&mut self, value: &T) -> Result<(), RequestError> {
        self.payload_as(value, None)
    }

    /// The payload member, whose XML element the member names (`locationName`).
    pub fn payload_as<T: PayloadValue + ?Sized>(
        &mut self,
        value: &T,
        element: Option<&'static str>,
    ) -> Result<(), RequestError> {
        match value.payload_bytes_as(element)? {
            Some(body) => self.payload = Some((body, T::CONTENT_TYPE)),
            // An unset structure, union or document payload is sent as `{}`;
            // an unset blob or text as nothing.
            None if T::CONTENT_TYPE == "application/json" => {
                self.payload = Some((b"{}".to_vec(), T::CONTENT_TYPE))
            }
            None => {}
        }
        Ok(())
    }
}

/// The HTTP bindings of an operation input (generated by `http_input!`).
///
/// Every item has a default (the unbound members in a JSON body, nothing
/// else), so a structure without bindings has an empty impl: most of a
/// service's inputs cost the compiler nothing more than that line.
pub trait HttpInput: serde::Serialize + Clone {
    /// Where the body comes from (rest-json; awsJson always sends the whole input).
    const BODY: BodyKind = BodyKind::Members;
    /// The structure's schema, in services whose bodies are not JSON.
    const SCHEMA: Option<&'static crate::schema::Schema> = None;
    /// Adds the bound members to `parts`.
    fn bind(&self, parts: &mut RequestParts) -> Result<(), RequestError> {
        let _ = parts;
        Ok(())
    }
    /// Whether an idempotency token member is unset.
    fn needs_idempotency_token(&self) -> bool {
        false
    }
    /// Fills unset idempotency token members.
    fn fill_idempotency_tokens(&mut self) {}
}

impl HttpInput for () {
    const BODY: BodyKind = BodyKind::Empty;
    fn bind(&self, _: &mut RequestParts) -> Result<(), RequestError> {
        Ok(())
    }
}

/// `HttpInput` for a structure, from its bound members, one line each:
///
/// ```text
/// http_input!(Type body Members {
///     label rest_api_id "restapi_id";
///     host_label account_id "AccountId";
///     query limit "limit";
///     query_map params;
///     header accepts "Accept";
///     header_map meta "X-Meta-";
///     payload body;
///     token client_token;
/// });
/// ```
#[doc(hidden)]
#[rustfmt::skip]
#[macro_export]
macro_rules! http_input {
    ($ty:ident body Members {} $(schema $schema:path)?) => {
        impl $crate::HttpInput for $ty {
            $( const SCHEMA: ::core::option::Option<&'static $crate::schema::Schema> = ::core::option::Option::Some(&$schema); )?
        }
    };
    ($ty:ident body $body:ident { $($kind:ident $f:ident $($name:literal)?;)* } $(schema $schema:path)?) => {
        impl $crate::HttpInput for $ty {
            const BODY: $crate::BodyKind = $crate::BodyKind::$body;
            $( const SCHEMA: ::core::option::Option<&'static $crate::schema::Schema> = ::core::option::Option::Some(&$schema); )?
            #[inline]
            #[allow(unused_variables)]
            fn bind(&self, parts: &mut $crate::RequestParts) -> ::core::result::Result<(), $crate::RequestError> {
                $( $crate::__bind_input!(parts, self, $kind $f $($name)?); )*
                ::core::result::Result::Ok(())
            }
            #[inline]
            fn needs_idempotency_token(&self) -> bool {
                false $( || $crate::__token_unset!(self, $kind $f) )*
            }
            #[inline]
            fn fill_idempotency_tokens(&mut self) {
                $( $crate::__token_fill!(self, $kind $f); )*
            }
        }
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __bind_input {
    ($p:ident, $s:ident, label $f:ident $n:literal) => {
        $p.label($n, &$s.$f)?
    };
    ($p:ident, $s:ident, host_label $f:ident $n:literal) => {
        $p.host_label($n, &$s.$f)?
    };
    ($p:ident, $s:ident, query $f:ident $n:literal) => {
        $p.query($n, &$s.$f)
    };
    ($p:ident, $s:ident, query_map $f:ident) => {
        $p.query_map(&$s.$f)
    };
    ($p:ident, $s:ident, header $f:ident $n:literal) => {
        $p.header($n, &$s.$f)
    };
    ($p:ident, $s:ident, header_map $f:ident $n:literal) => {
        $p.header_map($n, &$s.$f)
    };
    ($p:ident, $s:ident, payload $f:ident) => {
        $p.payload(&$s.$f)?
    };
    ($p:ident, $s:ident, payload $f:ident $n:literal) => {
        $p.payload_as(&$s.$f, ::core::option::Option::Some($n))?
    };
    ($p:ident, $s:ident, token $f:ident) => {
        ()
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __token_unset {
    ($s:ident, token $f:ident) => {
        $s.$f.is_none()
    };
    ($s:ident, $kind:ident $f:ident) => {
        false
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __token_fill {
    ($s:ident, token $f:ident) => {
        if $s.$f.is_none() {
            $s.$f = ::core::option::Option::Some($crate::idempotency_token().into());
        }
    };
    ($s:ident, $kind:ident $f:ident) => {};
}

static TOKEN_GENERATOR: std::sync::OnceLock<fn() -> String> = std::sync::OnceLock::new();

/// Replaces the generator of idempotency tokens (random UUIDs v4), e.g. with a
/// fixed value in tests. Only the first call takes effect.
pub fn set_idempotency_token_generator(generator: fn() -> String) {
    let _ = TOKEN_GENERATOR.set(generator);
}

/// A fresh idempotency token: a random (version 4) UUID.
pub fn idempotency_token() -> String {
    if let Some(g) = TOKEN_GENERATOR.get() {
        return g();
    }
    random_uuid()
}

/// A version 4 UUID from the standard library's randomly seeded hasher keys
/// (enough for idempotency tokens, which need to be unique, not secret).
fn random_uuid() -> String {
    use std::hash::{BuildHasher, Hasher};
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    let word = |salt: u64| {
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u64(n);
        h.write_u64(now);
        h.write_u64(salt);
        h.finish()
    };
    let mut b = [0u8; 16];
    b[..8].copy_from_slice(&word(1).to_le_bytes());
    b[8..].copy_from_slice(&word(2).to_le_bytes());
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// Percent-encodes `value` for a URI: RFC 3986 unreserved characters stay;
/// `/` stays too when `keep_slash` (greedy labels).
pub fn percent_encode(value: &str, keep_slash: bool) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'.' | b'_' | b'~')
            || (keep_slash && b == b'/')
        {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(char::from(b"0123456789ABCDEF"[usize::from(b >> 4)]));
            out.push(char::from(b"0123456789ABCDEF"[usize::from(b & 15)]));
        }
    }
    out
}

fn quote_header_item(v: &str) -> Cow<'_, str> {
    if v.contains(',') || v.contains('"') {
        Cow::Owned(format!(
            "\"{}\"",
            v.replace('\\', "\\\\").replace('"', "\\\"")
        ))
    } else {
        Cow::Borrowed(v)
    }
}

fn build_request<O: Operation>(
    input: &O::Input,
    endpoint: &str,
) -> Result<http::Request<Vec<u8>>, RequestError> {
    let filled;
    let input = if input.needs_idempotency_token() {
        let mut copy = input.clone();
        copy.fill_idempotency_tokens();
        filled = copy;
        &filled
    } else {
        input
    };
    let service = O::SERVICE;
    let mut parts = RequestParts::default();
    // Host labels count for every protocol; the other bindings only for REST.
    input.bind(&mut parts)?;
    let (base, base_path) = split_endpoint(endpoint, O::HOST_PREFIX, &parts.host_labels)?;
    let (method, uri, body, content_type) = match service.protocol {
        Protocol::AwsJson1_0 | Protocol::AwsJson1_1 => {
            parts.labels.clear();
            parts.query.clear();
            parts.headers.clear();
            let mut body = serde_json::to_vec(input)
                .map_err(|e| RequestError::new(format!("cannot encode the body: {e}")))?;
            // An operation without input still sends an empty object.
            if body == b"null" {
                body = b"{}".to_vec();
            }
            if service.query_compatible {
                parts
                    .headers
                    .push(("x-amzn-query-mode".to_owned(), "true".to_owned()));
            }
            let content_type = if service.protocol == Protocol::AwsJson1_0 {
                "application/x-amz-json-1.0"
            } else {
                "application/x-amz-json-1.1"
            };
            parts.headers.push((
                "X-Amz-Target".to_owned(),
                format!("{}.{}", service.target_prefix, O::NAME),
            ));
            (
                "POST",
                format!("{base}{}/", base_path.trim_end_matches('/')),
                body,
                Some(content_type),
            )
        }
        Protocol::RestJson | Protocol::RestXml => {
            let path_and_query = fill_uri(O::URI_TEMPLATE, &parts)?;
            let (body, content_type) = match <O::Input as HttpInput>::BODY {
                BodyKind::Empty => (Vec::new(), None),
                BodyKind::Members if service.protocol == Protocol::RestXml => {
                    rest_xml_members(input)?
                }
                BodyKind::Members => (
                    serde_json::to_vec(input)
                        .map_err(|e| RequestError::new(format!("cannot encode the body: {e}")))?,
                    Some("application/json"),
                ),
                BodyKind::Payload => match parts.payload.take() {
                    Some((body, ct)) => (body, Some(ct)),
                    None => (Vec::new(), None),
                },
            };
            let base_path = base_path.trim_end_matches('/');
            (
                O::METHOD,
                format!("{base}{base_path}{path_and_query}"),
                body,
                content_type,
            )
        }
        Protocol::AwsQuery | Protocol::Ec2Query => {
            parts.labels.clear();
            parts.query.clear();
            parts.headers.clear();
            let mut pairs = vec![
                ("Action".to_owned(), O::NAME.to_owned()),
                ("Version".to_owned(), service.api_version.to_owned()),
            ];
            if let Some(schema) = <O::Input as HttpInput>::SCHEMA {
                let value = serde_value(input)?;
                let ec2 = service.protocol == Protocol::Ec2Query;
                pairs.extend(crate::schema::query_params(&value, schema, ec2));
            }
            (
                "POST",
                format!("{base}{}/", base_path.trim_end_matches('/')),
                crate::schema::form_encode(&pairs).into_bytes(),
                Some("application/x-www-form-urlencoded"),
            )
        }
        Protocol::RpcV2Cbor => {
            parts.labels.clear();
            parts.query.clear();
            parts.headers.clear();
            parts
                .headers
                .push(("smithy-protocol".to_owned(), "rpc-v2-cbor".to_owned()));
            parts
                .headers
                .push(("Accept".to_owned(), "application/cbor".to_owned()));
            if service.query_compatible {
                parts
                    .headers
                    .push(("x-amzn-query-mode".to_owned(), "true".to_owned()));
            }
            // An input without members is still a map (`{}`); no input, no body.
            let body = match <O::Input as HttpInput>::SCHEMA {
                Some(schema) => cbor_document(&serde_value(input)?, schema)?,
                None => Vec::new(),
            };
            (
                "POST",
                format!(
                    "{base}{}/service/{}/operation/{}",
                    base_path.trim_end_matches('/'),
                    service.target_prefix,
                    O::NAME
                ),
                body,
                Some("application/cbor"),
            )
        }
        Protocol::Unsupported(p) => {
            return Err(RequestError::new(format!(
                "the `{p}` protocol is not supported: `{}` cannot be sent",
                O::NAME
            )))
        }
    };
    add_checksum::<O>(&mut parts.headers, &body)?;
    let mut builder = http::Request::builder().method(method).uri(&uri);
    let mut has_content_type = false;
    for (name, value) in &parts.headers {
        has_content_type |= name.eq_ignore_ascii_case("content-type");
        builder = builder.header(name.as_str(), header_value(name, value)?);
    }
    for (name, value) in service.default_headers {
        if !parts
            .headers
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case(name))
        {
            builder = builder.header(*name, *value);
        }
    }
    if let (Some(ct), false) = (content_type, has_content_type) {
        if !body.is_empty()
            || matches!(
                service.protocol,
                Protocol::AwsJson1_0 | Protocol::AwsJson1_1
            )
        {
            builder = builder.header("Content-Type", ct);
        }
    }
    if !body.is_empty() {
        builder = builder.header("Content-Length", body.len());
    }
    builder
        .body(body)
        .map_err(|e| RequestError::new(format!("invalid request (URI `{uri}`): {e}")))
}

/// The checksum header of a request body (botocore's `httpchecksum.py`): the
/// algorithm the input names in its algorithm member, else, when the
/// operation requires one, CRC32 (and the algorithm member's header says so);
/// nothing when the input sets a checksum header itself.
fn add_checksum<O: Operation>(
    headers: &mut Vec<(String, String)>,
    body: &[u8],
) -> Result<(), RequestError> {
    if !O::CHECKSUM_REQUIRED && O::CHECKSUM_ALGORITHM_HEADER.is_none() {
        return Ok(());
    }
    if headers.iter().any(|(n, _)| {
        let n = n.as_bytes();
        n.len() > 15 && n[..15].eq_ignore_ascii_case(b"x-amz-checksum-")
            || n.eq_ignore_ascii_case(b"content-md5")
    }) {
        return Ok(());
    }
    let chosen = O::CHECKSUM_ALGORITHM_HEADER.and_then(|h| {
        headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(h))
            .map(|(_, v)| v.to_ascii_uppercase())
    });
    let algorithm = match chosen {
        Some(a) => a,
        None if O::CHECKSUM_REQUIRED => {
            // The algorithm member is unset (else it was chosen): say which.
            if let Some(h) = O::CHECKSUM_ALGORITHM_HEADER {
                headers.push((h.to_owned(), "CRC32".to_owned()));
            }
            "CRC32".to_owned()
        }
        None => return Ok(()),
    };
    let value = match algorithm.as_str() {
        "CRC32" => crate::checksum::crc32(body).to_be_bytes(),
        "CRC32C" => crate::checksum::crc32c(body).to_be_bytes(),
        other => {
            return Err(RequestError::new(format!(
                "the checksum algorithm `{other}` is not computed by shapegen-runtime (CRC32 and CRC32C are): set the `x-amz-checksum-{}` member yourself",
                other.to_ascii_lowercase()
            )))
        }
    };
    headers.push((
        format!("x-amz-checksum-{}", algorithm.to_ascii_lowercase()),
        crate::base64_encode(&value),
    ));
    Ok(())
}

/// A `rest-xml` input's body members as an XML document; no body when none is set.
fn rest_xml_members<I: HttpInput>(
    input: &I,
) -> Result<(Vec<u8>, Option<&'static str>), RequestError> {
    let Some(schema) = I::SCHEMA else {
        return Ok((Vec::new(), None));
    };
    let value = serde_value(input)?;
    let has_members = value
        .as_object()
        .is_some_and(|m| m.values().any(|v| !v.is_null()));
    if !has_members {
        return Ok((Vec::new(), None));
    }
    Ok((xml_document(&value, schema, None)?, Some("application/xml")))
}

/// The serde form of an input, which the schema-driven codecs read.
fn serde_value<T: serde::Serialize>(input: &T) -> Result<serde_json::Value, RequestError> {
    serde_json::to_value(input)
        .map_err(|e| RequestError::new(format!("cannot encode the body: {e}")))
}

/// The XML document of a structure: its element is named by the shape's
/// `locationName` (the operation's input reference's) or its name.
#[cfg(feature = "xml")]
pub(crate) fn xml_document(
    value: &serde_json::Value,
    schema: &'static crate::schema::Schema,
    element: Option<&'static str>,
) -> Result<Vec<u8>, RequestError> {
    let root = crate::schema::Member {
        name: schema.name,
        xml_name: schema.xml_name,
        query_name: None,
        flags: 0,
        xml_namespace: schema.xml_namespace,
        target: schema,
    };
    let name = element.or(schema.xml_name).unwrap_or(schema.name);
    Ok(crate::xml::to_xml(value, &root, name).into_bytes())
}

#[cfg(not(feature = "xml"))]
pub(crate) fn xml_document(
    _: &serde_json::Value,
    _: &'static crate::schema::Schema,
    _: Option<&'static str>,
) -> Result<Vec<u8>, RequestError> {
    Err(RequestError::new(
        "XML bodies need the `xml` feature of shapegen-runtime",
    ))
}

#[cfg(feature = "cbor")]
fn cbor_document(
    value: &serde_json::Value,
    schema: &'static crate::schema::Schema,
) -> Result<Vec<u8>, RequestError> {
    crate::cbor::to_cbor(value, schema).map_err(RequestError::new)
}

#[cfg(not(feature = "cbor"))]
fn cbor_document(
    _: &serde_json::Value,
    _: &'static crate::schema::Schema,
) -> Result<Vec<u8>, RequestError> {
    Err(RequestError::new(
        "CBOR bodies need the `cbor` feature of shapegen-runtime",
    ))
}

fn header_value(name: &str, value: &str) -> Result<http::HeaderValue, RequestError> {
    http::HeaderValue::from_str(value).map_err(|_| {
        RequestError::new(format!(
            "the value of the header `{name}` cannot be sent: `{value}`"
        ))
    })
}

/// `scheme://[prefix]host[:port]` and the endpoint's base path.
fn split_endpoint<'e>(
    endpoint: &'e str,
    host_prefix: &str,
    host_labels: &[(&'static str, String)],
) -> Result<(String, &'e str), RequestError> {
    let (scheme, rest) = endpoint.split_once("://").ok_or_else(|| {
        RequestError::new(format!(
            "the endpoint `{endpoint}` has no scheme (`https://`)"
        ))
    })?;
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    let prefix = fill_template(host_prefix, host_labels, false)?;
    Ok((format!("{scheme}://{prefix}{authority}"), path))
}

/// The URI template with its labels filled in and the query string appended.
fn fill_uri(template: &str, parts: &RequestParts) -> Result<String, RequestError> {
    let (path, static_query) = match template.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (template, None),
    };
    let mut out = fill_template(path, &parts.labels, true)?;
    let mut sep = '?';
    let mut static_keys: Vec<&str> = Vec::new();
    if let Some(q) = static_query.filter(|q| !q.is_empty()) {
        out.push('?');
        out.push_str(q);
        sep = '&';
        static_keys.extend(q.split('&').map(|kv| kv.split('=').next().unwrap_or(kv)));
    }
    let named: Vec<&str> = parts.query.iter().map(|(k, _)| k.as_str()).collect();
    let map_entries = parts
        .query_map
        .iter()
        .filter(|(k, _)| !named.contains(&k.as_str()) && !static_keys.contains(&k.as_str()));
    for (k, v) in parts.query.iter().chain(map_entries) {
        out.push(sep);
        sep = '&';
        out.push_str(&percent_encode(k, false));
        out.push('=');
        out.push_str(&percent_encode(v, false));
    }
    Ok(out)
}

/// Fills `{name}` / `{name+}` placeholders from `values`, percent-encoded
/// when `encode` (greedy labels keep `/`).
fn fill_template(
    template: &str,
    values: &[(&'static str, String)],
    encode: bool,
) -> Result<String, RequestError> {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let close = rest[open..]
            .find('}')
            .ok_or_else(|| RequestError::new(format!("unclosed `{{` in `{template}`")))?;
        let ph = &rest[open + 1..open + close];
        let (name, greedy) = match ph.strip_suffix('+') {
            Some(n) => (n, true),
            None => (ph, false),
        };
        let value = values
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
            .ok_or_else(|| RequestError::new(format!("no value for `{{{ph}}}` in `{template}`")))?;
        if encode {
            out.push_str(&percent_encode(value, greedy));
        } else {
            out.push_str(value);
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

// ---------------------------------------------------------------------------
// Values of bound members
// ---------------------------------------------------------------------------

/// A value that can be one URI label, host label, or query/header item.
pub trait ParamValue {
    /// The text, or `None` when the member is unset.
    fn param(&self) -> Option<String>;
}
impl<T: ToParam> ParamValue for T {
    fn param(&self) -> Option<String> {
        Some(self.to_param())
    }
}
impl<T: ToParam> ParamValue for Option<T> {
    fn param(&self) -> Option<String> {
        self.as_ref().map(ToParam::to_param)
    }
}

/// Values bound to a query parameter or header: nothing when unset, each item
/// of a list.
pub trait ParamValues {
    fn each(&self, f: &mut dyn FnMut(String));
    /// Like `each`, saying whether an item is to be quoted when it holds a
    /// comma (items of string lists: headers join lists with commas).
    fn each_header(&self, f: &mut dyn FnMut(String, bool)) {
        self.each(&mut |v| f(v, false));
    }
}
impl<T: ToParam> ParamValues for T {
    fn each(&self, f: &mut dyn FnMut(String)) {
        f(self.to_param())
    }
}
impl<T: ParamValues> ParamValues for Option<T> {
    fn each(&self, f: &mut dyn FnMut(String)) {
        if let Some(v) = self {
            v.each(f)
        }
    }
    fn each_header(&self, f: &mut dyn FnMut(String, bool)) {
        if let Some(v) = self {
            v.each_header(f)
        }
    }
}
impl<T: ToParam> ParamValues for Vec<T> {
    fn each(&self, f: &mut dyn FnMut(String)) {
        for v in self {
            f(v.to_param())
        }
    }
    fn each_header(&self, f: &mut dyn FnMut(String, bool)) {
        for v in self {
            f(v.to_param(), T::QUOTED_IN_LISTS)
        }
    }
}

/// A map bound to the query string or to prefixed headers.
pub trait ParamMap {
    fn entries(&self, f: &mut dyn FnMut(&str, String));
}
impl<T: ParamMap> ParamMap for Option<T> {
    fn entries(&self, f: &mut dyn FnMut(&str, String)) {
        if let Some(m) = self {
            m.entries(f)
        }
    }
}
impl<K: ToParam, V: ParamValues> ParamMap for std::collections::BTreeMap<K, V> {
    fn entries(&self, f: &mut dyn FnMut(&str, String)) {
        for (k, v) in self {
            let k = k.to_param();
            v.each(&mut |x| f(&k, x));
        }
    }
}

/// A member that is the whole body of a request or response.
pub trait PayloadValue {
    /// `Content-Type` when the member does not set one.
    const CONTENT_TYPE: &'static str;
    /// The body (`None`: no body).
    fn payload_bytes(&self) -> Result<Option<Vec<u8>>, RequestError>;
    /// The body, as the XML element `element` when given (a structure
    /// payload of an XML service; others ignore it).
    fn payload_bytes_as(
        &self,
        element: Option<&'static str>,
    ) -> Result<Option<Vec<u8>>, RequestError> {
        let _ = element;
        self.payload_bytes()
    }
    /// The member from a response body (empty: unset).
    fn from_payload(body: &[u8]) -> Result<Self, ResponseError>
    where
        Self: Sized;
}
impl PayloadValue for Blob {
    const CONTENT_TYPE: &'static str = "application/octet-stream";
    fn payload_bytes(&self) -> Result<Option<Vec<u8>>, RequestError> {
        Ok(Some(self.0.clone()))
    }
    fn from_payload(body: &[u8]) -> Result<Self, ResponseError> {
        Ok(Blob(body.to_vec()))
    }
}
impl PayloadValue for String {
    const CONTENT_TYPE: &'static str = "text/plain";
    fn payload_bytes(&self) -> Result<Option<Vec<u8>>, RequestError> {
        Ok(Some(self.as_bytes().to_vec()))
    }
    fn from_payload(body: &[u8]) -> Result<Self, ResponseError> {
        String::from_utf8(body.to_vec())
            .map_err(|_| ResponseError::new("the payload is not UTF-8 text"))
    }
}
impl<T: PayloadValue> PayloadValue for Option<T> {
    const CONTENT_TYPE: &'static str = T::CONTENT_TYPE;
    fn payload_bytes(&self) -> Result<Option<Vec<u8>>, RequestError> {
        match self {
            Some(v) => v.payload_bytes(),
            None => Ok(None),
        }
    }
    fn payload_bytes_as(
        &self,
        element: Option<&'static str>,
    ) -> Result<Option<Vec<u8>>, RequestError> {
        match self {
            Some(v) => v.payload_bytes_as(element),
            None => Ok(None),
        }
    }
    fn from_payload(body: &[u8]) -> Result<Self, ResponseError> {
        if body.is_empty() {
            Ok(None)
        } else {
            T::from_payload(body).map(Some)
        }
    }
}
impl<T: PayloadValue> PayloadValue for Box<T> {
    const CONTENT_TYPE: &'static str = T::CONTENT_TYPE;
    fn payload_bytes(&self) -> Result<Option<Vec<u8>>, RequestError> {
        (**self).payload_bytes()
    }
    fn payload_bytes_as(
        &self,
        element: Option<&'static str>,
    ) -> Result<Option<Vec<u8>>, RequestError> {
        (**self).payload_bytes_as(element)
    }
    fn from_payload(body: &[u8]) -> Result<Self, ResponseError> {
        T::from_payload(body).map(Box::new)
    }
}
impl PayloadValue for Document {
    const CONTENT_TYPE: &'static str = "application/json";
    fn payload_bytes(&self) -> Result<Option<Vec<u8>>, RequestError> {
        let mut s = String::new();
        self.write_json(&mut s);
        Ok(Some(s.into_bytes()))
    }
    fn from_payload(body: &[u8]) -> Result<Self, ResponseError> {
        crate::from_json(body)
            .map_err(|e| ResponseError::new(format!("the payload is not JSON: {e}")))
    }
}

/// A structure or union payload: its JSON.
#[doc(hidden)]
#[macro_export]
macro_rules! json_payload {
    ($ty:ty) => {
        impl $crate::PayloadValue for $ty {
            const CONTENT_TYPE: &'static str = "application/json";
            #[inline]
            fn payload_bytes(
                &self,
            ) -> ::core::result::Result<
                ::core::option::Option<::std::vec::Vec<u8>>,
                $crate::RequestError,
            > {
                $crate::to_json(self)
                    .map(::core::option::Option::Some)
                    .map_err(|e| {
                        $crate::RequestError::new(::std::format!("cannot encode the payload: {e}"))
                    })
            }
            #[inline]
            fn from_payload(body: &[u8]) -> ::core::result::Result<Self, $crate::ResponseError> {
                $crate::from_json(body).map_err(|e| {
                    $crate::ResponseError::new(::std::format!("the payload does not decode: {e}"))
                })
            }
        }
    };
}

/// A structure or union payload of an XML service: its XML document.
#[doc(hidden)]
#[macro_export]
macro_rules! xml_payload {
    ($ty:ty, $schema:path) => {
        impl $crate::PayloadValue for $ty {
            const CONTENT_TYPE: &'static str = "application/xml";
            #[inline]
            fn payload_bytes(
                &self,
            ) -> ::core::result::Result<
                ::core::option::Option<::std::vec::Vec<u8>>,
                $crate::RequestError,
            > {
                $crate::PayloadValue::payload_bytes_as(self, ::core::option::Option::None)
            }
            #[inline]
            fn payload_bytes_as(
                &self,
                element: ::core::option::Option<&'static str>,
            ) -> ::core::result::Result<
                ::core::option::Option<::std::vec::Vec<u8>>,
                $crate::RequestError,
            > {
                $crate::xml_payload_bytes(self, &$schema, element).map(::core::option::Option::Some)
            }
            #[inline]
            fn from_payload(body: &[u8]) -> ::core::result::Result<Self, $crate::ResponseError> {
                $crate::xml_payload_value(body, &$schema)
            }
        }
    };
}

/// The XML document of a structure or union payload.
pub fn xml_payload_bytes<T: serde::Serialize>(
    value: &T,
    schema: &'static crate::schema::Schema,
    element: Option<&'static str>,
) -> Result<Vec<u8>, RequestError> {
    xml_document(&serde_value(value)?, schema, element)
}

/// A structure or union payload from its XML document.
#[cfg(feature = "xml")]
pub fn xml_payload_value<T: serde::de::DeserializeOwned>(
    body: &[u8],
    schema: &'static crate::schema::Schema,
) -> Result<T, ResponseError> {
    let value = if body.iter().all(u8::is_ascii_whitespace) {
        serde_json::Value::Object(serde_json::Map::new())
    } else {
        let root = crate::xml::parse(body)
            .map_err(|e| ResponseError::new(format!("the payload does not decode: {e}")))?;
        crate::xml::structure_value(&root, schema)
            .map_err(|e| ResponseError::new(format!("the payload does not decode: {e}")))?
    };
    serde_json::from_value(value)
        .map_err(|e| ResponseError::new(format!("the payload does not decode: {e}")))
}

/// A structure or union payload from its XML document.
#[cfg(not(feature = "xml"))]
pub fn xml_payload_value<T: serde::de::DeserializeOwned>(
    _: &[u8],
    _: &'static crate::schema::Schema,
) -> Result<T, ResponseError> {
    Err(ResponseError::new(
        "XML bodies need the `xml` feature of shapegen-runtime",
    ))
}

// ---------------------------------------------------------------------------
// Responses
// ---------------------------------------------------------------------------

/// A response as the parsers see it.
#[derive(Debug, Clone, Copy)]
pub struct Response<'a> {
    pub status: u16,
    pub headers: &'a http::HeaderMap,
    pub body: &'a [u8],
    /// How the body is read (`RestJson` unless told).
    pub protocol: Protocol,
    /// The operation's name (`query` responses are `<NameResponse><NameResult>`).
    pub operation: &'static str,
    /// The operation's `resultWrapper`, when the model gives one.
    pub result_wrapper: Option<&'static str>,
}

impl<'a> Response<'a> {
    /// A JSON response.
    pub fn new<B: AsRef<[u8]>>(response: &'a http::Response<B>) -> Self {
        Response {
            status: response.status().as_u16(),
            headers: response.headers(),
            body: response.body().as_ref(),
            protocol: Protocol::RestJson,
            operation: "",
            result_wrapper: None,
        }
    }

    /// A response to the operation `O`, read by its service's protocol.
    pub fn of<O: Operation, B: AsRef<[u8]>>(response: &'a http::Response<B>) -> Self {
        Response {
            protocol: O::SERVICE.protocol,
            operation: O::NAME,
            result_wrapper: O::RESULT_WRAPPER,
            ..Response::new(response)
        }
    }

    /// A header's value as text; several fields of one name are joined with `, `.
    pub fn header(&self, name: &str) -> Result<Option<String>, ResponseError> {
        let mut values = self.headers.get_all(name).iter();
        let Some(first) = values.next() else {
            return Ok(None);
        };
        let text = |v: &http::HeaderValue| {
            v.to_str()
                .map(str::to_owned)
                .map_err(|_| ResponseError::new(format!("the header `{name}` is not text")))
        };
        let mut out = text(first)?;
        for v in values {
            out.push_str(", ");
            out.push_str(&text(v)?);
        }
        Ok(Some(out))
    }
}

/// The HTTP bindings of an operation output or an exception (generated by
/// `http_output!`).
///
/// The default reads the JSON body alone (no member bound elsewhere), so a
/// structure without bindings has an empty impl.
pub trait HttpOutput: Sized + serde::de::DeserializeOwned {
    /// The structure's schema, in services whose bodies are not JSON.
    const SCHEMA: Option<&'static crate::schema::Schema> = None;
    fn parse(response: &Response<'_>) -> Result<Self, ResponseError> {
        decode_response(response, BodyKind::Members, Self::SCHEMA)
    }
}

impl HttpOutput for () {
    fn parse(_: &Response<'_>) -> Result<Self, ResponseError> {
        Ok(())
    }
}

/// `HttpOutput` for a structure, from its bound members, one line each:
///
/// ```text
/// http_output!(Type body Members {
///     header request_id "x-amzn-RequestId";
///     header_map meta "X-Meta-";
///     status code;
///     payload body;
/// });
/// ```
#[doc(hidden)]
#[rustfmt::skip]
#[macro_export]
macro_rules! http_output {
    ($ty:ident body Members {} $(schema $schema:path)?) => {
        impl $crate::HttpOutput for $ty {
            $( const SCHEMA: ::core::option::Option<&'static $crate::schema::Schema> = ::core::option::Option::Some(&$schema); )?
        }
    };
    ($ty:ident body $body:ident { $($kind:ident $f:ident $($name:literal)?;)* } $(schema $schema:path)?) => {
        impl $crate::HttpOutput for $ty {
            $( const SCHEMA: ::core::option::Option<&'static $crate::schema::Schema> = ::core::option::Option::Some(&$schema); )?
            #[inline]
            #[allow(unused_mut)]
            fn parse(response: &$crate::Response<'_>) -> ::core::result::Result<Self, $crate::ResponseError> {
                let mut value: Self = $crate::decode_response(response, $crate::BodyKind::$body, <Self as $crate::HttpOutput>::SCHEMA)?;
                $( $crate::__bind_output!(value, response, $kind $f $($name)?); )*
                ::core::result::Result::Ok(value)
            }
        }
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __bind_output {
    ($v:ident, $r:ident, header $f:ident $n:literal) => {
        $v.$f = $crate::FromHeader::from_header($r, $n)?
    };
    ($v:ident, $r:ident, header_map $f:ident $n:literal) => {
        $v.$f = $crate::FromHeaderMap::from_headers($r, $n)?
    };
    ($v:ident, $r:ident, status $f:ident) => {
        $v.$f = $crate::FromStatus::from_status($r.status)
    };
    ($v:ident, $r:ident, payload $f:ident) => {
        $v.$f = $crate::PayloadValue::from_payload($r.body)?
    };
}

/// Decodes the body of a structure by the response's protocol: JSON, or with
/// the structure's schema XML or CBOR (an empty body is a structure without
/// members); with a payload or no body members, the body is not read here.
pub fn decode_response<T: serde::de::DeserializeOwned>(
    response: &Response<'_>,
    kind: BodyKind,
    schema: Option<&'static crate::schema::Schema>,
) -> Result<T, ResponseError> {
    let Some(schema) = schema else {
        return decode_body(response.body, kind);
    };
    let blank = response.body.iter().all(u8::is_ascii_whitespace);
    let value = if kind != BodyKind::Members || blank {
        serde_json::Value::Object(serde_json::Map::new())
    } else if response.protocol.is_xml() {
        xml_body_value(response, schema)?
    } else if response.protocol == Protocol::RpcV2Cbor {
        cbor_body_value(response.body, schema)?
    } else {
        return decode_body(response.body, kind);
    };
    serde_json::from_value(value)
        .map_err(|e| ResponseError::new(format!("the body does not decode: {e}")))
}

#[cfg(feature = "xml")]
fn xml_body_value(
    response: &Response<'_>,
    schema: &'static crate::schema::Schema,
) -> Result<serde_json::Value, ResponseError> {
    let root = crate::xml::parse(response.body)
        .map_err(|e| ResponseError::new(format!("the body does not decode: {e}")))?;
    let empty = crate::xml::Element::default();
    let success = (200..300).contains(&response.status);
    // S3 answers some operations (CopyObject, CompleteMultipartUpload, ...)
    // with 200 and an `<Error>` document when they fail after the headers
    // went out (botocore checks for it): not an output.
    if success && response.protocol == Protocol::RestXml && root.name == "Error" {
        if let Some(code) = root.child("Code") {
            return Err(ResponseError::new(format!(
                "the {} response is an error document: {}",
                response.status,
                code.text.trim()
            )));
        }
    }
    let start = if !success {
        crate::xml::error_root(&root)
    } else if response.protocol == Protocol::AwsQuery {
        let wrapper = match response.result_wrapper {
            Some(w) => std::borrow::Cow::Borrowed(w),
            None => std::borrow::Cow::Owned(format!("{}Result", response.operation)),
        };
        root.child(&wrapper).unwrap_or(&empty)
    } else {
        return crate::xml::document_value(&root, schema)
            .map_err(|e| ResponseError::new(format!("the body does not decode: {e}")));
    };
    crate::xml::structure_value(start, schema)
        .map_err(|e| ResponseError::new(format!("the body does not decode: {e}")))
}

#[cfg(not(feature = "xml"))]
fn xml_body_value(
    _: &Response<'_>,
    _: &'static crate::schema::Schema,
) -> Result<serde_json::Value, ResponseError> {
    Err(ResponseError::new(
        "XML bodies need the `xml` feature of shapegen-runtime",
    ))
}

#[cfg(feature = "cbor")]
fn cbor_body_value(
    body: &[u8],
    schema: &'static crate::schema::Schema,
) -> Result<serde_json::Value, ResponseError> {
    crate::cbor::structure_value(body, schema)
        .map_err(|e| ResponseError::new(format!("the body does not decode: {e}")))
}

#[cfg(not(feature = "cbor"))]
fn cbor_body_value(
    _: &[u8],
    _: &'static crate::schema::Schema,
) -> Result<serde_json::Value, ResponseError> {
    Err(ResponseError::new(
        "CBOR bodies need the `cbor` feature of shapegen-runtime",
    ))
}

/// Decodes the JSON body of a structure (an empty body is `{}`); with a
/// payload or no body members, the body is not read here.
pub fn decode_body<T: serde::de::DeserializeOwned>(
    body: &[u8],
    kind: BodyKind,
) -> Result<T, ResponseError> {
    let body = match kind {
        BodyKind::Members if !body.iter().all(u8::is_ascii_whitespace) => body,
        _ => b"{}",
    };
    crate::from_json(body).map_err(|e| ResponseError::new(format!("the body does not decode: {e}")))
}

/// A member bound to a response header.
pub trait FromHeader: Sized {
    fn from_header(response: &Response<'_>, name: &str) -> Result<Self, ResponseError>;
}

/// Text of one header item as a value.
pub trait FromParam: Sized {
    fn from_param(text: &str) -> Result<Self, String>;
}

/// A plain (required or defaulted) member: absent is its default.
impl<T: FromParam + Default> FromHeader for T {
    fn from_header(response: &Response<'_>, name: &str) -> Result<Self, ResponseError> {
        Ok(Option::<T>::from_header(response, name)?.unwrap_or_default())
    }
}
impl<T: FromParam> FromHeader for Option<T> {
    fn from_header(response: &Response<'_>, name: &str) -> Result<Self, ResponseError> {
        match response.header(name)? {
            None => Ok(None),
            Some(text) => T::from_param(text.trim())
                .map(Some)
                .map_err(|e| ResponseError::new(format!("the header `{name}`: {e}"))),
        }
    }
}
impl<T: FromParam> FromHeader for Option<Vec<T>> {
    fn from_header(response: &Response<'_>, name: &str) -> Result<Self, ResponseError> {
        match response.header(name)? {
            None => Ok(None),
            Some(text) => split_header_list::<T>(&text)
                .map(Some)
                .map_err(|e| ResponseError::new(format!("the header `{name}`: {e}"))),
        }
    }
}

/// The items of a comma-separated header list; items may be quoted. HTTP
/// dates contain a comma themselves: a list of them splits on every second.
fn split_header_list<T: FromParam>(text: &str) -> Result<Vec<T>, String> {
    let mut items = Vec::new();
    let mut current = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    let mut was_quoted = false;
    while let Some(c) = chars.next() {
        match c {
            '"' if !quoted && current.trim().is_empty() => {
                quoted = true;
                was_quoted = true;
                current.clear();
            }
            '"' if quoted => quoted = false,
            '\\' if quoted => {
                if let Some(n) = chars.next() {
                    current.push(n);
                }
            }
            ',' if !quoted => {
                items.push((std::mem::take(&mut current), was_quoted));
                was_quoted = false;
            }
            c => current.push(c),
        }
    }
    items.push((current, was_quoted));
    let mut out = Vec::new();
    let mut i = 0;
    while i < items.len() {
        let (item, q) = &items[i];
        let text = if *q { item.as_str() } else { item.trim() };
        match T::from_param(text) {
            Ok(v) => {
                out.push(v);
                i += 1;
            }
            // `Mon, 16 Dec 2019 23:48:18 GMT`: the item and the next together.
            Err(e) => match items.get(i + 1) {
                Some((next, false)) => {
                    let joined = format!("{},{}", item.trim(), next);
                    out.push(T::from_param(joined.trim())?);
                    i += 2;
                }
                _ => return Err(e),
            },
        }
    }
    Ok(out)
}

impl FromParam for String {
    fn from_param(text: &str) -> Result<Self, String> {
        Ok(text.to_owned())
    }
}
impl FromParam for bool {
    fn from_param(text: &str) -> Result<Self, String> {
        match text {
            "true" => Ok(true),
            "false" => Ok(false),
            _ => Err(format!("`{text}` is not a boolean")),
        }
    }
}
macro_rules! from_param_number {
    ($($t:ty),*) => {$(
        impl FromParam for $t {
            fn from_param(text: &str) -> Result<Self, String> {
                text.parse().map_err(|_| format!("`{text}` is not a number"))
            }
        }
    )*};
}
from_param_number!(i8, i16, i32, i64);
macro_rules! from_param_float {
    ($($t:ty),*) => {$(
        impl FromParam for $t {
            fn from_param(text: &str) -> Result<Self, String> {
                match text {
                    "NaN" => Ok(<$t>::NAN),
                    "Infinity" => Ok(<$t>::INFINITY),
                    "-Infinity" => Ok(<$t>::NEG_INFINITY),
                    _ => text.parse().map_err(|_| format!("`{text}` is not a number")),
                }
            }
        }
    )*};
}
from_param_float!(f32, f64);
impl<F: TimestampFormat> FromParam for Timestamp<F> {
    fn from_param(text: &str) -> Result<Self, String> {
        match F::NAME {
            "unixTimestamp" => text
                .parse::<f64>()
                .map(Timestamp::from_secs_f64)
                .map_err(|_| format!("`{text}` is not epoch seconds")),
            "rfc822" => Timestamp::parse_http_date(text).map_err(|e| e.to_string()),
            _ => Timestamp::parse_iso8601(text).map_err(|e| e.to_string()),
        }
    }
}
impl FromParam for Blob {
    fn from_param(text: &str) -> Result<Self, String> {
        base64_decode(text).map(Blob)
    }
}
/// A `jsonvalue` header: base64 of JSON text.
impl FromParam for Document {
    fn from_param(text: &str) -> Result<Self, String> {
        let json = base64_decode(text)?;
        crate::from_json(&json).map_err(|e| format!("not base64 of JSON: {e}"))
    }
}
impl<T: FromParam> FromParam for Box<T> {
    fn from_param(text: &str) -> Result<Self, String> {
        T::from_param(text).map(Box::new)
    }
}

/// A map bound to prefixed response headers.
pub trait FromHeaderMap: Sized {
    fn from_headers(response: &Response<'_>, prefix: &str) -> Result<Self, ResponseError>;
}
impl<K: FromParam + Ord, V: FromParam> FromHeaderMap for Option<std::collections::BTreeMap<K, V>> {
    fn from_headers(response: &Response<'_>, prefix: &str) -> Result<Self, ResponseError> {
        let mut out = std::collections::BTreeMap::new();
        let lower = prefix.to_ascii_lowercase();
        for name in response.headers.keys() {
            if let Some(key) = name.as_str().strip_prefix(lower.as_str()) {
                if let Some(text) = response.header(name.as_str())? {
                    let v = V::from_param(text.trim())
                        .map_err(|e| ResponseError::new(format!("the header `{name}`: {e}")))?;
                    let key = K::from_param(key)
                        .map_err(|e| ResponseError::new(format!("the header `{name}`: {e}")))?;
                    out.insert(key, v);
                }
            }
        }
        // No such header is an empty map, as botocore parses it.
        Ok(Some(out))
    }
}

/// A member bound to the status code.
pub trait FromStatus {
    fn from_status(status: u16) -> Self;
}
impl FromStatus for i32 {
    fn from_status(status: u16) -> Self {
        i32::from(status)
    }
}
impl FromStatus for Option<i32> {
    fn from_status(status: u16) -> Self {
        Some(i32::from(status))
    }
}

fn parse_response<O: Operation, B: AsRef<[u8]>>(
    response: &http::Response<B>,
) -> Result<O::Output, O::Error> {
    let r = Response::of::<O, B>(response);
    // The error code and message are read once, for matching and for `Unhandled`.
    let unhandled = |r: &Response<'_>,
                     code_and_message: Option<(Option<String>, Option<String>)>,
                     decode_error: Option<String>| {
        let (code, message) =
            code_and_message.unwrap_or_else(|| error_code(r, O::SERVICE.query_compatible));
        Unhandled {
            status: r.status,
            code,
            message,
            request_id: r
                .header("x-amzn-requestid")
                .ok()
                .flatten()
                .or_else(|| xml_request_id(r)),
            body: r.body.to_vec(),
            decode_error,
        }
    };
    if let Protocol::Unsupported(p) = O::SERVICE.protocol {
        let why = format!("the `{p}` protocol is not supported");
        return Err(O::Error::unhandled(unhandled(&r, None, Some(why))));
    }
    if (200..300).contains(&r.status) {
        // awsJson outputs bind no member: `parse` reads the whole body.
        return O::Output::parse(&r)
            .map_err(|e| O::Error::unhandled(unhandled(&r, None, Some(e.to_string()))));
    }
    let (code, message) = error_code(&r, O::SERVICE.query_compatible);
    match code.as_deref().and_then(|c| O::Error::from_code(c, &r)) {
        Some(Ok(e)) => Err(e),
        Some(Err(decode)) => Err(O::Error::unhandled(unhandled(
            &r,
            Some((code, message)),
            Some(decode.to_string()),
        ))),
        None => Err(O::Error::unhandled(unhandled(
            &r,
            Some((code, message)),
            None,
        ))),
    }
}

/// [`error_code_and_message`], with a query-compatible service's
/// `x-amzn-query-error: Code;Sender` taking precedence for the code (the code
/// the query protocol had).
fn error_code(r: &Response<'_>, query_compatible: bool) -> (Option<String>, Option<String>) {
    if r.protocol.is_xml() {
        return xml_error_code_and_message(r);
    }
    let (mut code, message) = if r.protocol == Protocol::RpcV2Cbor {
        code_and_message_of(r, &cbor_plain_value(r.body))
    } else {
        error_code_and_message(r)
    };
    if query_compatible {
        if let Some(q) = r.header("x-amzn-query-error").ok().flatten() {
            let c = q.split(';').next().unwrap_or_default().trim();
            if !c.is_empty() {
                code = Some(c.to_owned());
            }
        }
    }
    (code, message)
}

/// The error code of an error response (the `x-amzn-ErrorType` header, else
/// the body's `__type` or `code`), cleaned as the AWS JSON protocols say:
/// anything after `:` and up to a `#` goes (`aws.protocoltests#FooError:http://...`
/// → `FooError`); and its message (`message`, `Message` or `errorMessage`).
pub fn error_code_and_message(r: &Response<'_>) -> (Option<String>, Option<String>) {
    // Error bodies are small and rare: a generic JSON value is fine here.
    let body: serde_json::Value = crate::from_json(r.body).unwrap_or_default();
    code_and_message_of(r, &body)
}

#[cfg(feature = "cbor")]
fn cbor_plain_value(body: &[u8]) -> serde_json::Value {
    crate::cbor::to_plain_value(body).unwrap_or_default()
}
#[cfg(not(feature = "cbor"))]
fn cbor_plain_value(_: &[u8]) -> serde_json::Value {
    serde_json::Value::Null
}

/// The code and message of an error whose body is `body` (decoded).
fn code_and_message_of(
    r: &Response<'_>,
    body: &serde_json::Value,
) -> (Option<String>, Option<String>) {
    let field = |k: &str| body.get(k).and_then(|v| v.as_str()).map(str::to_owned);
    let raw = r
        .header("x-amzn-errortype")
        .ok()
        .flatten()
        .or_else(|| field("__type"))
        .or_else(|| field("code"));
    let code = raw
        .map(|c| sanitize_error_code(&c).to_owned())
        .filter(|c| !c.is_empty());
    let message = field("message")
        .or_else(|| field("Message"))
        .or_else(|| field("errorMessage"));
    (code, message)
}

#[cfg(feature = "xml")]
fn xml_error_code_and_message(r: &Response<'_>) -> (Option<String>, Option<String>) {
    crate::xml::error_code_and_message(r.body)
}
#[cfg(not(feature = "xml"))]
fn xml_error_code_and_message(_: &Response<'_>) -> (Option<String>, Option<String>) {
    (None, None)
}

#[cfg(feature = "xml")]
fn xml_request_id(r: &Response<'_>) -> Option<String> {
    if r.protocol.is_xml() {
        crate::xml::request_id(r.body)
    } else {
        None
    }
}
#[cfg(not(feature = "xml"))]
fn xml_request_id(_: &Response<'_>) -> Option<String> {
    None
}

/// `aws.protocoltests.restjson#FooError:http://internal.amazon.com/...` → `FooError`.
pub fn sanitize_error_code(raw: &str) -> &str {
    let code = raw.split(':').next().unwrap_or(raw);
    let code = code.rsplit('#').next().unwrap_or(code);
    code.trim()
}

// ---------------------------------------------------------------------------
// Pagination
// ---------------------------------------------------------------------------

/// An operation that returns its results a page at a time (botocore's
/// `paginators-1.json`: API Gateway pages with `position`/`limit`, API
/// Gateway V2 with `nextToken`/`maxResults`). Sans-IO: the next request's
/// input comes from the last input and output.
///
/// ```ignore
/// let mut input = GetRestApisRequest::builder().limit(25).build();
/// loop {
///     let page = GetRestApis::parse_response(&send(GetRestApis::build_request(&input, endpoint)?))?;
///     let next = GetRestApis::next_input(&input, &page);
///     for api in GetRestApis::items(page) { /* ... */ }
///     match next { Some(n) => input = n, None => break }
/// }
/// ```
pub trait Paginated: Operation {
    /// The output member that holds a page's items (`Option<Vec<RestApi>>`).
    type Items: PageItems;
    /// The input of the page after `output`: `input` with its token set to
    /// the output's. `None` after the last page, that is, when the output has
    /// no token, an empty one, or the one just sent (which would repeat the
    /// page forever).
    fn next_input(input: &Self::Input, output: &Self::Output) -> Option<Self::Input>;
    /// The page's result member.
    fn items(output: Self::Output) -> Self::Items;
}

/// The items of one page: a list's items, a map's entries.
pub trait PageItems {
    type Item;
    fn into_items(self) -> Vec<Self::Item>;
}
impl<T> PageItems for Vec<T> {
    type Item = T;
    fn into_items(self) -> Vec<T> {
        self
    }
}
impl<K, V> PageItems for std::collections::BTreeMap<K, V> {
    type Item = (K, V);
    fn into_items(self) -> Vec<(K, V)> {
        self.into_iter().collect()
    }
}
impl<T: PageItems> PageItems for Option<T> {
    type Item = T::Item;
    fn into_items(self) -> Vec<T::Item> {
        self.map(PageItems::into_items).unwrap_or_default()
    }
}

/// A pagination token member: optional or required text.
pub trait PageToken {
    fn token(&self) -> Option<&str>;
    fn set_token(&mut self, token: &str);
}
impl PageToken for String {
    fn token(&self) -> Option<&str> {
        Some(self.as_str()).filter(|t| !t.is_empty())
    }
    fn set_token(&mut self, token: &str) {
        token.clone_into(self);
    }
}
impl PageToken for Option<String> {
    fn token(&self) -> Option<&str> {
        self.as_deref().filter(|t| !t.is_empty())
    }
    fn set_token(&mut self, token: &str) {
        *self = Some(token.to_owned());
    }
}

/// `input` with `slot` (its token) set to `next`, unless the pages are done.
pub fn next_page_input<I: Clone, T: PageToken, U: PageToken>(
    input: &I,
    sent: &T,
    next: &U,
    slot: fn(&mut I) -> &mut T,
) -> Option<I> {
    let next = next.token()?;
    if sent.token() == Some(next) {
        return None;
    }
    let mut input = input.clone();
    slot(&mut input).set_token(next);
    Some(input)
}

/// `Paginated` for an operation:
/// `paginated!(GetRestApis: Option<Vec<super::RestApi>> { position <- position, items items });`
#[doc(hidden)]
#[rustfmt::skip]
#[macro_export]
macro_rules! paginated {
    ($op:ident: $items_ty:ty { $in_tok:ident <- $out_tok:ident, items $items:ident }) => {
        impl $crate::Paginated for $op {
            type Items = $items_ty;
            #[inline]
            fn next_input(input: &Self::Input, output: &Self::Output) -> ::core::option::Option<Self::Input> {
                $crate::next_page_input(input, &input.$in_tok, &output.$out_tok, |i| &mut i.$in_tok)
            }
            #[inline]
            fn items(output: Self::Output) -> Self::Items {
                output.$items
            }
        }
    };
}
