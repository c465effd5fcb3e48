//! AWS Signature Version 4 signing of HTTP requests (signature in the `Authorization` header).
//!
//! Self-contained on purpose: besides `http` for the request types it only needs `hmac` and
//! `sha2`; timestamps are formatted from [`SystemTime`] without a date library.
//!
//! The steps follow the SigV4 specification and are checked against the official test suite:
//! canonical request → string to sign → signing key (HMAC chain) → signature → `Authorization`.
//!
//! Headers that [`sign`] sets on the request:
//! - `host`, only when the request has none, taken from the URI authority (user info dropped,
//!   port kept as written). `host` is always signed, so it must be sent exactly as signed:
//!   adding it ourselves guarantees that the HTTP client does not derive a different one.
//! - `x-amz-date`, always, from [`SigningParams::time`] (an existing value is replaced).
//! - `x-amz-security-token` when the credentials carry a session token (signed or not, per
//!   [`SigningSettings::session_token_in_signature`]).
//! - `x-amz-content-sha256` when [`PayloadChecksum::Header`] is asked for.
//! - `authorization`, replacing any previous one, so re-signing a request is fine.

use std::collections::BTreeMap;
use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

use hmac::{Hmac, Mac};
use http::header::{HeaderName, HeaderValue, AUTHORIZATION, HOST};
use sha2::{Digest, Sha256};

/// The only algorithm this module implements.
const ALGORITHM: &str = "AWS4-HMAC-SHA256";
const X_AMZ_DATE: HeaderName = HeaderName::from_static("x-amz-date");
const X_AMZ_SECURITY_TOKEN: HeaderName = HeaderName::from_static("x-amz-security-token");
const X_AMZ_CONTENT_SHA256: HeaderName = HeaderName::from_static("x-amz-content-sha256");

/// Headers never signed: the signature itself, and headers that proxies or the HTTP client may
/// add, rewrite or drop on the way (the same list as the AWS CRT signer, plus `authorization`).
const UNSIGNED_HEADERS: &[&str] = &[
    "authorization",
    "connection",
    "expect",
    "transfer-encoding",
    "upgrade",
    "user-agent",
    "x-amzn-trace-id",
];

type HmacSha256 = Hmac<Sha256>;

/// AWS credentials. `Debug` redacts the secret and the session token.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    pub access_key_id: String,
    pub secret_access_key: String,
    /// Present for temporary (STS) credentials.
    pub session_token: Option<String>,
}

impl Credentials {
    pub fn new(
        access_key_id: impl Into<String>,
        secret_access_key: impl Into<String>,
        session_token: Option<String>,
    ) -> Self {
        Self {
            access_key_id: access_key_id.into(),
            secret_access_key: secret_access_key.into(),
            session_token,
        }
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"** redacted **")
            .field(
                "session_token",
                &self.session_token.as_ref().map(|_| "** redacted **"),
            )
            .finish()
    }
}

/// Whether the payload hash is also sent as a header.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PayloadChecksum {
    /// The payload hash only goes into the canonical request (most services).
    #[default]
    None,
    /// Also add a signed `x-amz-content-sha256` header holding the payload hash (S3 requires it).
    Header,
}

/// Service-dependent variations of the algorithm. [`Default`] suits most services;
/// [`SigningSettings::s3`] suits S3.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SigningSettings {
    pub payload_checksum: PayloadChecksum,
    /// `true`: `X-Amz-Security-Token` is set before signing and signed. `false`: it is set after
    /// signing and left out of the signature (a few services want that).
    pub session_token_in_signature: bool,
    /// Remove `.`/`..` segments and empty segments (`//`) from the path. S3 keys may contain
    /// those, so S3 wants `false`.
    pub normalize_path: bool,
    /// `true` (non-S3 services): the path as sent, which is already percent-encoded, is
    /// percent-encoded again, so `%20` becomes `%2520`. `false` (S3): the path is encoded once:
    /// each segment is percent-decoded and re-encoded, so an already encoded path is kept.
    pub uri_double_encode: bool,
}

impl Default for SigningSettings {
    fn default() -> Self {
        Self {
            payload_checksum: PayloadChecksum::None,
            session_token_in_signature: true,
            normalize_path: true,
            uri_double_encode: true,
        }
    }
}

impl SigningSettings {
    /// The settings a service's signing name calls for: S3's (and its
    /// variants': `s3-outposts`, `s3-object-lambda`, `s3express`) for S3,
    /// the default for the others.
    pub fn for_service(signing_name: &str) -> Self {
        match signing_name {
            "s3" | "s3-outposts" | "s3-object-lambda" | "s3express" => Self::s3(),
            _ => Self::default(),
        }
    }

    /// The settings S3 expects: no path normalization, single URI encoding and a
    /// `x-amz-content-sha256` header.
    pub fn s3() -> Self {
        Self {
            payload_checksum: PayloadChecksum::Header,
            normalize_path: false,
            uri_double_encode: false,
            ..Self::default()
        }
    }
}

/// Everything besides the request that goes into a signature.
#[derive(Clone, Debug)]
pub struct SigningParams<'a> {
    pub credentials: &'a Credentials,
    pub region: &'a str,
    pub service: &'a str,
    /// Signing time; becomes `X-Amz-Date` and the date of the credential scope.
    pub time: SystemTime,
    pub settings: SigningSettings,
}

/// Why a request could not be signed. The request is left untouched when signing fails.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SigningError {
    /// No `host` header and no authority in the URI: the host must be signed.
    MissingHost,
    /// The signing time is outside years 0000–9999, which the timestamp format cannot hold.
    TimeOutOfRange,
    /// A header value of the request is not UTF-8, so it has no canonical text form.
    NonUtf8HeaderValue { name: String },
    /// A header the signer would set cannot be a header value (e.g. a session token holding a
    /// line break, or a region with control characters ending up in `Authorization`).
    InvalidHeaderValue { name: &'static str },
    /// Access key id, region or service is empty or contains `/`, which would corrupt the
    /// credential scope.
    InvalidCredentialScope { field: &'static str },
}

impl fmt::Display for SigningError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::MissingHost => {
                f.write_str("request has neither a host header nor a URI authority")
            }
            Self::TimeOutOfRange => f.write_str("signing time is outside years 0000-9999"),
            Self::NonUtf8HeaderValue { name } => write!(f, "header `{name}` has a non-UTF-8 value"),
            Self::InvalidHeaderValue { name } => {
                write!(f, "value for header `{name}` is not a valid header value")
            }
            Self::InvalidCredentialScope { field } => {
                write!(f, "{field} is empty or contains `/`")
            }
        }
    }
}

impl std::error::Error for SigningError {}

/// Signs `request` in place; see the module docs for the headers it sets.
///
/// Everything is computed before the request is modified, so on error it is left unchanged.
pub fn sign(
    request: &mut http::Request<Vec<u8>>,
    params: &SigningParams,
) -> Result<(), SigningError> {
    let plan = plan(request, params)?;
    let sts = plan.string_to_sign();
    let key = signing_key(
        &params.credentials.secret_access_key,
        plan.date(),
        params.region,
        params.service,
    );
    let signature = hex(&hmac_sha256(&key, sts.as_bytes()));
    let authorization = format!(
        "{ALGORITHM} Credential={}/{}, SignedHeaders={}, Signature={signature}",
        params.credentials.access_key_id, plan.scope, plan.signed_headers
    );
    let mut authorization =
        HeaderValue::from_str(&authorization).map_err(|_| SigningError::InvalidHeaderValue {
            name: "authorization",
        })?;
    authorization.set_sensitive(true);

    let headers = request.headers_mut();
    for (name, value) in plan.added {
        headers.insert(name, value);
    }
    if let Some(token) = plan.token_after_signing {
        headers.insert(X_AMZ_SECURITY_TOKEN, token);
    }
    headers.insert(AUTHORIZATION, authorization);
    Ok(())
}

/// The canonical request [`sign`] would build for `request` (which is not modified): the
/// headers `sign` adds are included as if already present.
pub fn canonical_request(
    request: &http::Request<Vec<u8>>,
    params: &SigningParams,
) -> Result<String, SigningError> {
    Ok(plan(request, params)?.canonical_request)
}

/// The string to sign [`sign`] would build for `request` (which is not modified).
pub fn string_to_sign(
    request: &http::Request<Vec<u8>>,
    params: &SigningParams,
) -> Result<String, SigningError> {
    Ok(plan(request, params)?.string_to_sign())
}

/// Derives the signing key: HMAC chain over date (`YYYYMMDD`), region, service and
/// `aws4_request`, keyed first with `"AWS4" + secret`. The key only changes daily per
/// region/service, so callers may cache it.
pub fn signing_key(secret_access_key: &str, date: &str, region: &str, service: &str) -> [u8; 32] {
    let k_secret = format!("AWS4{secret_access_key}");
    let k_date = hmac_sha256(k_secret.as_bytes(), date.as_bytes());
    let k_region = hmac_sha256(&k_date, region.as_bytes());
    let k_service = hmac_sha256(&k_region, service.as_bytes());
    hmac_sha256(&k_service, b"aws4_request")
}

/// Formats `time` as the SigV4 timestamp `YYYYMMDDTHHMMSSZ` (UTC, whole seconds).
pub fn format_amz_date(time: SystemTime) -> Result<String, SigningError> {
    // Whole seconds relative to the epoch, rounded down, so times before 1970 work too.
    let secs: i64 = match time.duration_since(UNIX_EPOCH) {
        Ok(after) => i64::try_from(after.as_secs()).map_err(|_| SigningError::TimeOutOfRange)?,
        Err(before) => {
            let before = before.duration();
            let whole =
                i64::try_from(before.as_secs()).map_err(|_| SigningError::TimeOutOfRange)?;
            if before.subsec_nanos() > 0 {
                -whole - 1
            } else {
                -whole
            }
        }
    };
    let days = secs.div_euclid(86_400);
    let second_of_day = secs.rem_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    if !(0..=9999).contains(&year) {
        return Err(SigningError::TimeOutOfRange);
    }
    Ok(format!(
        "{year:04}{month:02}{day:02}T{:02}{:02}{:02}Z",
        second_of_day / 3600,
        second_of_day % 3600 / 60,
        second_of_day % 60
    ))
}

/// Proleptic Gregorian (year, month, day) of a day count since 1970-01-01.
///
/// Howard Hinnant's `civil_from_days`: shifting the year to start on March 1st puts the leap
/// day last, so each 400-year era is a fixed 146 097 days and the month follows from a
/// linear formula over 153-day five-month groups.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468; // days since 0000-03-01
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097); // day of era, 0..=146096
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // year of era, 0..=399
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // day of March-based year, 0..=365
    let mp = (5 * doy + 2) / 153; // March-based month, 0..=11
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// What signing a request takes, computed without touching the request.
struct Plan {
    amz_date: String,
    scope: String,
    /// Headers to set before the signature is added (all of them are signed).
    added: Vec<(HeaderName, HeaderValue)>,
    /// Session token set after signing, when it must stay out of the signature.
    token_after_signing: Option<HeaderValue>,
    signed_headers: String,
    canonical_request: String,
}

impl Plan {
    fn date(&self) -> &str {
        // `amz_date` is ASCII `YYYYMMDDTHHMMSSZ`, so the first 8 bytes are the date.
        self.amz_date.get(..8).unwrap_or_default()
    }

    fn string_to_sign(&self) -> String {
        format!(
            "{ALGORITHM}\n{}\n{}\n{}",
            self.amz_date,
            self.scope,
            hex(&Sha256::digest(self.canonical_request.as_bytes()))
        )
    }
}

fn plan(request: &http::Request<Vec<u8>>, params: &SigningParams) -> Result<Plan, SigningError> {
    check_scope_part("access key id", &params.credentials.access_key_id)?;
    check_scope_part("region", params.region)?;
    check_scope_part("service", params.service)?;

    let amz_date = format_amz_date(params.time)?;
    let date = amz_date.get(..8).unwrap_or_default();
    let scope = format!("{date}/{}/{}/aws4_request", params.region, params.service);
    let payload_hash = hex(&Sha256::digest(request.body()));
    let settings = &params.settings;

    let mut added = Vec::new();
    if !request.headers().contains_key(HOST) {
        added.push((HOST, host_from_uri(request.uri())?));
    }
    added.push((X_AMZ_DATE, ascii_header_value(&amz_date, "x-amz-date")?));
    let mut token_after_signing = None;
    if let Some(token) = &params.credentials.session_token {
        let mut value =
            HeaderValue::from_str(token).map_err(|_| SigningError::InvalidHeaderValue {
                name: "x-amz-security-token",
            })?;
        value.set_sensitive(true);
        if settings.session_token_in_signature {
            added.push((X_AMZ_SECURITY_TOKEN, value));
        } else {
            token_after_signing = Some(value);
        }
    }
    if settings.payload_checksum == PayloadChecksum::Header {
        added.push((
            X_AMZ_CONTENT_SHA256,
            ascii_header_value(&payload_hash, "x-amz-content-sha256")?,
        ));
    }

    // Canonical headers: lowercase names (`http` already stores them so), sorted, values of
    // repeated names joined with `,` in request order. Headers the signer sets replace the
    // request's own, as they will once signed.
    let mut canonical: BTreeMap<&str, String> = BTreeMap::new();
    for name in request.headers().keys() {
        let replaced = added.iter().any(|(n, _)| n == name)
            || (token_after_signing.is_some() && name == X_AMZ_SECURITY_TOKEN);
        if replaced || UNSIGNED_HEADERS.contains(&name.as_str()) {
            continue;
        }
        let mut joined = String::new();
        for (i, value) in request.headers().get_all(name).iter().enumerate() {
            let text = std::str::from_utf8(value.as_bytes()).map_err(|_| {
                SigningError::NonUtf8HeaderValue {
                    name: name.as_str().to_owned(),
                }
            })?;
            if i > 0 {
                joined.push(',');
            }
            push_trimmed(&mut joined, text);
        }
        canonical.insert(name.as_str(), joined);
    }
    for (name, value) in &added {
        // Values the signer builds are ASCII (checked when they were made).
        let text = std::str::from_utf8(value.as_bytes()).unwrap_or_default();
        let mut trimmed = String::with_capacity(text.len());
        push_trimmed(&mut trimmed, text);
        canonical.insert(name.as_str(), trimmed);
    }

    let signed_headers = canonical.keys().copied().collect::<Vec<_>>().join(";");
    let mut creq = String::new();
    creq.push_str(request.method().as_str());
    creq.push('\n');
    creq.push_str(&canonical_uri(request.uri().path(), settings));
    creq.push('\n');
    creq.push_str(&canonical_query(request.uri().query().unwrap_or_default()));
    creq.push('\n');
    for (name, value) in &canonical {
        creq.push_str(name);
        creq.push(':');
        creq.push_str(value);
        creq.push('\n');
    }
    creq.push('\n');
    creq.push_str(&signed_headers);
    creq.push('\n');
    creq.push_str(&payload_hash);

    Ok(Plan {
        amz_date,
        scope,
        added,
        token_after_signing,
        signed_headers,
        canonical_request: creq,
    })
}

fn check_scope_part(field: &'static str, value: &str) -> Result<(), SigningError> {
    if value.is_empty() || value.contains('/') {
        Err(SigningError::InvalidCredentialScope { field })
    } else {
        Ok(())
    }
}

fn ascii_header_value(value: &str, name: &'static str) -> Result<HeaderValue, SigningError> {
    HeaderValue::from_str(value).map_err(|_| SigningError::InvalidHeaderValue { name })
}

/// `host` as AWS signs it when the request has no `host` header: the URI authority without any
/// user info (which is never sent in `Host`).
fn host_from_uri(uri: &http::Uri) -> Result<HeaderValue, SigningError> {
    let authority = uri.authority().ok_or(SigningError::MissingHost)?.as_str();
    let host = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    if host.is_empty() {
        return Err(SigningError::MissingHost);
    }
    ascii_header_value(host, "host")
}

/// Appends `value` trimmed of surrounding whitespace, with runs of spaces collapsed to one
/// ("Trimall" in the spec): proxies may reformat whitespace, so it must not matter.
fn push_trimmed(out: &mut String, value: &str) {
    let mut previous_space = false;
    for c in value.trim_matches([' ', '\t']).chars() {
        if c == ' ' {
            if !previous_space {
                out.push(' ');
            }
            previous_space = true;
        } else {
            out.push(c);
            previous_space = false;
        }
    }
}

/// The canonical URI: the absolute path, optionally normalized, then percent-encoded per the
/// settings (see [`SigningSettings::uri_double_encode`]).
fn canonical_uri(path: &str, settings: &SigningSettings) -> String {
    let path = if path.is_empty() { "/" } else { path };
    let normalized;
    let path = if settings.normalize_path {
        normalized = normalize_path(path);
        normalized.as_str()
    } else {
        path
    };
    let mut out = String::with_capacity(path.len() + 16);
    if settings.uri_double_encode {
        // Encode the path as given: `%` itself becomes `%25`.
        for &b in path.as_bytes() {
            if b == b'/' {
                out.push('/');
            } else {
                push_encoded_byte(&mut out, b);
            }
        }
    } else {
        // Decode each segment and encode it once: an already encoded path is kept as is, and
        // reserved characters sent raw (like `$`) get the same form AWS computes for the key.
        for (i, segment) in path.split('/').enumerate() {
            if i > 0 {
                out.push('/');
            }
            for b in percent_decode(segment.as_bytes(), false) {
                push_encoded_byte(&mut out, b);
            }
        }
    }
    out
}

/// Removes `.` and `..` segments (RFC 3986 §5.2.4) and empty segments (`//`, which AWS services
/// collapse). The result starts with `/`; it ends with `/` when the input named a directory
/// (a trailing `/`, `.` or `..`) and is not the root.
fn normalize_path(path: &str) -> String {
    let mut segments: Vec<&str> = Vec::new();
    let mut directory = false;
    for segment in path.split('/') {
        directory = matches!(segment, "" | "." | "..");
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            s => segments.push(s),
        }
    }
    let mut out = String::with_capacity(path.len());
    for s in &segments {
        out.push('/');
        out.push_str(s);
    }
    if out.is_empty() || directory {
        out.push('/');
    }
    out
}

/// The canonical query string: each name and value decoded (form rules: `+` is a space), then
/// percent-encoded with only unreserved characters kept, sorted by encoded name then value, and
/// joined as `name=value` pairs (`name=` when the value is empty) with `&`.
fn canonical_query(query: &str) -> String {
    let encode = |raw: &str| {
        let mut out = String::with_capacity(raw.len());
        for b in percent_decode(raw.as_bytes(), true) {
            push_encoded_byte(&mut out, b);
        }
        out
    };
    let mut pairs: Vec<(String, String)> = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (encode(name), encode(value))
        })
        .collect();
    pairs.sort();
    let mut out = String::with_capacity(query.len() + 16);
    for (i, (name, value)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        out.push_str(name);
        out.push('=');
        out.push_str(value);
    }
    out
}

/// Pushes `b` as is if it is an RFC 3986 unreserved character, else as `%XX` (uppercase hex).
fn push_encoded_byte(out: &mut String, b: u8) {
    if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
        out.push(char::from(b));
    } else {
        const HEX: &[u8; 16] = b"0123456789ABCDEF";
        out.push('%');
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 0xf)]));
    }
}

/// Decodes `%XX` escapes (a `%` not followed by two hex digits stays literal) and, for query
/// components, `+` as a space. Works on bytes: the decoded text need not be UTF-8.
fn percent_decode(input: &[u8], plus_is_space: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(input.len());
    let mut i = 0;
    while i < input.len() {
        let b = input[i];
        if b == b'%' {
            let hi = input.get(i + 1).copied().and_then(hex_digit);
            let lo = input.get(i + 2).copied().and_then(hex_digit);
            if let (Some(hi), Some(lo)) = (hi, lo) {
                out.push(hi << 4 | lo);
                i += 3;
                continue;
            }
        }
        out.push(if plus_is_space && b == b'+' { b' ' } else { b });
        i += 1;
    }
    out
}

fn hex_digit(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

fn hmac_sha256(key: &[u8], data: &[u8]) -> [u8; 32] {
    // HMAC takes keys of any length (longer ones are hashed first), so this cannot fail.
    let mut mac = HmacSha256::new_from_slice(key).expect("HMAC accepts keys of any length");
    mac.update(data);
    mac.finalize().into_bytes().into()
}

fn hex(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 0xf)]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn at(secs: i64) -> SystemTime {
        if secs >= 0 {
            UNIX_EPOCH + Duration::from_secs(secs.unsigned_abs())
        } else {
            UNIX_EPOCH - Duration::from_secs(secs.unsigned_abs())
        }
    }

    #[test]
    fn formats_known_instants() {
        // Expected values cross-checked with GNU `date -u -d ... +%s`.
        let cases = [
            (0, "19700101T000000Z"),
            (1_440_938_160, "20150830T123600Z"),
            (951_868_799, "20000229T235959Z"), // 2000 is a leap year (divisible by 400)
            (951_868_800, "20000301T000000Z"),
            (1_709_208_000, "20240229T120000Z"), // ordinary leap year
            (4_107_542_399, "21000228T235959Z"), // 2100 is not a leap year
            (4_107_542_400, "21000301T000000Z"),
            (2_147_483_648, "20380119T031408Z"), // past the 32-bit time_t limit
            (253_402_300_799, "99991231T235959Z"),
            (-1, "19691231T235959Z"),
            (-310_499_572, "19600229T060708Z"),
            (-2_203_891_200, "19000301T000000Z"),
        ];
        for (secs, expected) in cases {
            assert_eq!(format_amz_date(at(secs)).unwrap(), expected, "{secs}");
        }
    }

    #[test]
    fn sub_second_times_round_down() {
        let t = at(1_440_938_160) + Duration::from_millis(999);
        assert_eq!(format_amz_date(t).unwrap(), "20150830T123600Z");
        let t = at(-1) + Duration::from_millis(500); // 1969-12-31T23:59:59.5Z
        assert_eq!(format_amz_date(t).unwrap(), "19691231T235959Z");
    }

    #[test]
    fn rejects_years_past_9999() {
        assert_eq!(
            format_amz_date(at(253_402_300_800)),
            Err(SigningError::TimeOutOfRange)
        );
    }

    #[test]
    fn signing_key_matches_aws_doc_example() {
        let key = signing_key(
            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            "20120215",
            "us-east-1",
            "iam",
        );
        assert_eq!(
            hex(&key),
            "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d"
        );
    }

    #[test]
    fn normalizes_paths() {
        for (input, expected) in [
            ("/", "/"),
            ("//", "/"),
            ("/a//b/", "/a/b/"),
            ("/a/./b", "/a/b"),
            ("/a/b/..", "/a/"),
            ("/a/b/.", "/a/b/"),
            ("/../..", "/"),
            ("/a/../../b", "/b"),
            ("/a..b/.c", "/a..b/.c"),
        ] {
            assert_eq!(normalize_path(input), expected, "{input}");
        }
    }

    #[test]
    fn encodes_paths_per_settings() {
        let double = SigningSettings::default();
        let single = SigningSettings::s3();
        assert_eq!(canonical_uri("/a%20b/$c", &double), "/a%2520b/%24c");
        assert_eq!(canonical_uri("/a%20b/$c", &single), "/a%20b/%24c");
        assert_eq!(canonical_uri("/a//b/../c", &single), "/a//b/../c");
        assert_eq!(canonical_uri("/k%2Fey%zz", &single), "/k%2Fey%25zz");
        assert_eq!(canonical_uri("", &double), "/");
    }

    #[test]
    fn canonicalizes_queries() {
        assert_eq!(canonical_query(""), "");
        assert_eq!(canonical_query("b=2&a=&c&a=1"), "a=&a=1&b=2&c=");
        assert_eq!(canonical_query("q=a+b%2b%7e&&x=%zz"), "q=a%20b%2B~&x=%25zz");
    }

    #[test]
    fn trims_header_values() {
        let mut out = String::new();
        push_trimmed(&mut out, " \t a   b \t c  ");
        assert_eq!(out, "a b \t c");
    }

    fn request(uri: &str) -> http::Request<Vec<u8>> {
        http::Request::builder().uri(uri).body(Vec::new()).unwrap()
    }

    fn creds(token: Option<&str>) -> Credentials {
        Credentials::new("AKID", "secret", token.map(str::to_owned))
    }

    fn params(credentials: &Credentials) -> SigningParams<'_> {
        SigningParams {
            credentials,
            region: "us-east-1",
            service: "s3",
            time: at(1_440_938_160),
            settings: SigningSettings::s3(),
        }
    }

    #[test]
    fn adds_host_and_payload_headers() {
        let credentials = creds(None);
        let mut req = request("https://user@bucket.example.com:8443/key");
        sign(&mut req, &params(&credentials)).unwrap();
        let h = req.headers();
        assert_eq!(h["host"], "bucket.example.com:8443");
        assert_eq!(
            h["x-amz-content-sha256"],
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        let auth = h["authorization"].to_str().unwrap();
        assert!(
            auth.contains("SignedHeaders=host;x-amz-content-sha256;x-amz-date,"),
            "{auth}"
        );
    }

    #[test]
    fn errors_instead_of_panicking() {
        let credentials = creds(None);
        let mut req = request("/no-authority");
        assert_eq!(
            sign(&mut req, &params(&credentials)),
            Err(SigningError::MissingHost)
        );
        assert!(req.headers().is_empty(), "request untouched on error");

        let bad_token = creds(Some("line\nbreak"));
        let mut req = request("https://h/");
        assert!(matches!(
            sign(&mut req, &params(&bad_token)),
            Err(SigningError::InvalidHeaderValue { .. })
        ));

        let mut p = params(&credentials);
        p.region = "us/east";
        assert!(matches!(
            sign(&mut req, &p),
            Err(SigningError::InvalidCredentialScope { field: "region" })
        ));
        p.region = "us-east-1\u{7f}";
        assert_eq!(
            sign(&mut req, &p),
            Err(SigningError::InvalidHeaderValue {
                name: "authorization"
            })
        );

        let mut req = request("https://h/");
        req.headers_mut()
            .insert("x-bin", HeaderValue::from_bytes(b"\xff").unwrap());
        assert!(matches!(
            sign(&mut req, &params(&credentials)),
            Err(SigningError::NonUtf8HeaderValue { .. })
        ));
    }

    #[test]
    fn resigning_replaces_authorization() {
        let credentials = creds(Some("token"));
        let mut req = request("https://h/");
        sign(&mut req, &params(&credentials)).unwrap();
        let first = req.headers()["authorization"].clone();
        sign(&mut req, &params(&credentials)).unwrap();
        assert_eq!(req.headers().get_all("authorization").iter().count(), 1);
        assert_eq!(req.headers()["authorization"], first);
    }

    #[test]
    fn debug_redacts_secrets() {
        let credentials = Credentials::new("AKID", "SECRETVALUE", Some("TOKENVALUE".into()));
        let text = format!("{credentials:?}");
        assert!(text.contains("AKID"), "{text}");
        assert!(
            !text.contains("SECRETVALUE") && !text.contains("TOKENVALUE"),
            "{text}"
        );
    }
}
