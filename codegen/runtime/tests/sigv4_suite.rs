//! Runs the official AWS SigV4 test suite against `shapegen_runtime::sigv4`
//! (`cargo test -p shapegen-runtime --features sigv4 --test sigv4_suite`).
//!
//! The suite is the repository's copy, `tests/data/sigv4-testsuite/` of the workspace
//! (see `tests/data/README.md`); `SIGV4_SUITE` names another directory. Every directory holding a
//! `NAME.req` is a case; its `NAME.creq`, `NAME.sts` and `NAME.authz` must match exactly, and the
//! headers of the signed request must match `NAME.sreq`.
//!
//! Two further variants run for every case, to pin down behaviour the suite leaves implicit:
//! - without the `Host` header (the host then comes from the URI authority): same results, and
//!   the signer adds the header;
//! - with the path sent fully percent-encoded and `uri_double_encode = false`: same canonical
//!   request. This is the equivalence that the one special case (see `build_request`) relies on.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use shapegen_runtime::sigv4::{
    canonical_request, sign, string_to_sign, Credentials, SigningParams, SigningSettings,
};

/// The suite's place relative to this crate's manifest.
const SUITE_FROM_MANIFEST: &str = "../../tests/data/sigv4-testsuite";
const ACCESS_KEY_ID: &str = "AKIDEXAMPLE";
const SECRET_ACCESS_KEY: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
const REGION: &str = "us-east-1";
const SERVICE: &str = "service";

/// Per `post-sts-token/readme.txt`, this case adds `X-Amz-Security-Token` after signing.
const TOKEN_AFTER_SIGNING: &[&str] = &["post-sts-header-after"];

#[test]
fn official_sigv4_suite() {
    // `cargo test` sets CARGO_MANIFEST_DIR at run time too; it is read then
    // rather than compiled in, so that a test binary reused from a checkout at
    // another path reads this checkout's suite.
    let manifest_dir =
        std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| env!("CARGO_MANIFEST_DIR").into());
    let root = std::env::var("SIGV4_SUITE")
        .map(PathBuf::from)
        .unwrap_or_else(|_| Path::new(&manifest_dir).join(SUITE_FROM_MANIFEST));
    assert!(
        root.is_dir(),
        "suite directory {} not found (set SIGV4_SUITE)",
        root.display()
    );
    let mut cases = Vec::new();
    find_cases(&root, &mut cases);
    cases.sort();
    if std::env::var_os("SIGV4_SUITE").is_none() {
        // The repository's copy (botocore's aws4_testsuite) has 34 cases: a
        // checkout that lost some must not pass quietly.
        assert_eq!(cases.len(), 34, "cases under {}", root.display());
    }
    assert!(
        !cases.is_empty(),
        "no cases (*.req) under {}",
        root.display()
    );

    let mut passed = 0;
    let mut failures = Vec::new();
    for req_file in &cases {
        let name = req_file
            .parent()
            .and_then(|dir| dir.strip_prefix(&root).ok())
            .map_or_else(
                || req_file.display().to_string(),
                |p| p.display().to_string(),
            );
        match run_case(req_file) {
            Ok(note) => {
                passed += 1;
                println!("ok   {name}{note}");
            }
            Err(why) => {
                println!("FAIL {name}: {why}");
                failures.push(name);
            }
        }
    }
    println!("sigv4 suite: {passed} passed, {} failed", failures.len());
    assert!(failures.is_empty(), "failed cases: {failures:?}");
    assert_eq!(passed, cases.len());
}

/// Collects every `*.req` file below `dir`.
fn find_cases(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            find_cases(&path, out);
        } else if path.extension().is_some_and(|ext| ext == "req") {
            out.push(path);
        }
    }
}

/// Checks one case; `Ok` carries a note about special handling, if any.
fn run_case(req_file: &Path) -> Result<String, String> {
    // CRLF is folded to LF so that a checkout with Windows line endings still matches; no case
    // has a CR of its own.
    let read = |ext: &str| {
        let path = req_file.with_extension(ext);
        let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        Ok::<_, String>(
            String::from_utf8_lossy(&bytes)
                .replace("\r\n", "\n")
                .into_bytes(),
        )
    };
    let text = |ext: &str| read(ext).and_then(|b| String::from_utf8(b).map_err(|e| e.to_string()));
    let raw = parse_raw_request(&read("req")?)?;
    let signed = parse_raw_request(&read("sreq")?)?;
    let expected_creq = text("creq")?;
    let expected_sts = text("sts")?;
    let expected_authz = text("authz")?;

    let case = req_file
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    // The suite gives the session token only in the signed request (`get-vanilla-with-session-token`
    // has none in `.req`), so take it from there.
    let credentials = Credentials::new(
        ACCESS_KEY_ID,
        SECRET_ACCESS_KEY,
        signed.header("x-amz-security-token").map(str::to_owned),
    );
    let time = parse_amz_date(raw.header("x-amz-date").ok_or("no X-Amz-Date in .req")?)?;
    let (request, pre_encoded) = build_request(&raw, true)?;
    let mut settings = SigningSettings {
        session_token_in_signature: !TOKEN_AFTER_SIGNING.contains(&case),
        ..SigningSettings::default()
    };
    let mut note = String::new();
    if pre_encoded {
        settings.uri_double_encode = false;
        note =
            " (path not valid in a URI: sent percent-encoded, signed with uri_double_encode=false)"
                .into();
    }
    let params = SigningParams {
        credentials: &credentials,
        region: REGION,
        service: SERVICE,
        time,
        settings,
    };

    let creq = canonical_request(&request, &params).map_err(|e| e.to_string())?;
    same("canonical request", &expected_creq, &creq)?;
    let sts = string_to_sign(&request, &params).map_err(|e| e.to_string())?;
    same("string to sign", &expected_sts, &sts)?;
    let mut signed_request = request.clone();
    sign(&mut signed_request, &params).map_err(|e| e.to_string())?;
    let authz = header_text(&signed_request, "authorization");
    same("authorization", &expected_authz, &authz)?;
    // `.sreq` is checked for the other headers only: `authorization` is checked against `.authz`
    // above, and in `get-vanilla-with-session-token` the `.sreq` signature disagrees with that
    // case's own `.authz` and `.sts` (it is the session token rotated, a placeholder).
    let mut expected_headers = signed.header_multiset();
    let sreq_authz = expected_headers.remove("authorization").unwrap_or_default();
    let mut actual_headers = header_multiset(&signed_request);
    actual_headers.remove("authorization");
    same(
        "signed request headers (.sreq)",
        &format!("{expected_headers:#?}"),
        &format!("{actual_headers:#?}"),
    )?;
    if sreq_authz != [expected_authz.clone()] {
        note.push_str(" (its .sreq Authorization disagrees with its .authz; .authz used)");
    }

    // Variant: no Host header, so the host comes from the URI and the signer adds it.
    let mut no_host = request.clone();
    no_host.headers_mut().remove("host");
    same(
        "canonical request without Host header",
        &expected_creq,
        &canonical_request(&no_host, &params).map_err(|e| e.to_string())?,
    )?;
    sign(&mut no_host, &params).map_err(|e| e.to_string())?;
    same(
        "authorization without Host header",
        &expected_authz,
        &header_text(&no_host, "authorization"),
    )?;
    same(
        "added Host header",
        raw.header("host").unwrap_or_default().trim(),
        &header_text(&no_host, "host"),
    )?;

    // Variant: the path fully percent-encoded, signed with single encoding (S3 style).
    let (encoded, _) = build_request(&raw, false)?;
    let single = SigningParams {
        settings: SigningSettings {
            uri_double_encode: false,
            ..settings
        },
        ..params.clone()
    };
    same(
        "canonical request with pre-encoded path and single encoding",
        &expected_creq,
        &canonical_request(&encoded, &single).map_err(|e| e.to_string())?,
    )?;
    Ok(note)
}

fn same(what: &str, expected: &str, actual: &str) -> Result<(), String> {
    if expected == actual {
        Ok(())
    } else {
        Err(format!(
            "{what} differs\n--- expected\n{expected}\n--- actual\n{actual}\n---"
        ))
    }
}

fn header_text(request: &http::Request<Vec<u8>>, name: &str) -> String {
    request
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

/// Lowercase name → values in order, trimmed (the raw files keep the space after `:`).
fn header_multiset(request: &http::Request<Vec<u8>>) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (name, value) in request.headers() {
        let value = String::from_utf8_lossy(value.as_bytes()).trim().to_owned();
        out.entry(name.as_str().to_owned()).or_default().push(value);
    }
    out
}

/// A request as written in a suite file. The request target is kept verbatim: it may hold
/// characters a URI cannot (a space in `get-space`).
struct RawRequest {
    method: String,
    target: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl RawRequest {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn header_multiset(&self) -> BTreeMap<String, Vec<String>> {
        let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (name, value) in &self.headers {
            out.entry(name.to_ascii_lowercase())
                .or_default()
                .push(value.trim().to_owned());
        }
        out
    }
}

/// Parses `METHOD SP target SP HTTP/1.1`, header lines (duplicates kept in order; a line starting
/// with a space or tab continues the previous value, folded into one space as RFC 7230 §3.2.4
/// says), an empty line, then the body. The files have no trailing newline, and some have no
/// empty line when the body is empty.
fn parse_raw_request(bytes: &[u8]) -> Result<RawRequest, String> {
    let (head, body) = match find(bytes, b"\n\n") {
        Some(i) => (&bytes[..i], bytes[i + 2..].to_vec()),
        None => (bytes.strip_suffix(b"\n").unwrap_or(bytes), Vec::new()),
    };
    let head = std::str::from_utf8(head).map_err(|e| format!("request head: {e}"))?;
    let mut lines = head.split('\n');
    let request_line = lines.next().ok_or("empty request")?;
    // The target may contain spaces, so split at the first and the last space.
    let (method, rest) = request_line.split_once(' ').ok_or("bad request line")?;
    let (target, _version) = rest.rsplit_once(' ').ok_or("bad request line")?;
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in lines {
        if line.starts_with([' ', '\t']) {
            let (_, value) = headers.last_mut().ok_or("continuation before any header")?;
            value.push(' ');
            value.push_str(line.trim_start_matches([' ', '\t']));
        } else {
            let (name, value) = line
                .split_once(':')
                .ok_or_else(|| format!("bad header line {line:?}"))?;
            headers.push((name.to_owned(), value.to_owned()));
        }
    }
    Ok(RawRequest {
        method: method.to_owned(),
        target: target.to_owned(),
        headers,
        body,
    })
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Builds the `http::Request`; the `bool` tells whether the path had to be percent-encoded.
///
/// With `verbatim`, the target is used as written when `http::Uri` accepts it (it does accept raw
/// UTF-8, as in `get-utf8`). The suite's targets are the path *before* the signer's encoding:
/// `$` must become `%24`, a space `%20`. `http::Uri` rejects a space, so for such a target (only
/// `get-space`) the path is sent percent-encoded instead — which already is the one encoding the
/// suite expects, so the case is signed with `uri_double_encode = false` (encode once), and the
/// canonical request stays the same. The "pre-encoded" variant in `run_case` checks that this
/// equivalence holds for every case. Without `verbatim` the path is always encoded that way.
fn build_request(
    raw: &RawRequest,
    verbatim: bool,
) -> Result<(http::Request<Vec<u8>>, bool), String> {
    let mut uri = http::Uri::builder().scheme("https");
    if let Some(host) = raw.header("host") {
        uri = uri.authority(host.trim());
    }
    let verbatim_uri = if verbatim {
        uri.path_and_query(raw.target.as_str()).build().ok()
    } else {
        None
    };
    let (uri, pre_encoded) = match verbatim_uri {
        Some(uri) => (uri, false),
        None => {
            let (path, query) = match raw.target.split_once('?') {
                Some((path, query)) => (path, Some(query)),
                None => (raw.target.as_str(), None),
            };
            let mut target = encode_path(path);
            if let Some(query) = query {
                target.push('?');
                target.push_str(&encode_unsafe(query));
            }
            let mut uri = http::Uri::builder().scheme("https");
            if let Some(host) = raw.header("host") {
                uri = uri.authority(host.trim());
            }
            let uri = uri
                .path_and_query(target)
                .build()
                .map_err(|e| format!("URI: {e}"))?;
            (uri, true)
        }
    };
    let mut request = http::Request::builder()
        .method(raw.method.as_str())
        .uri(uri);
    for (name, value) in &raw.headers {
        request = request.header(name.as_str(), value.as_str());
    }
    let request = request
        .body(raw.body.clone())
        .map_err(|e| format!("request: {e}"))?;
    Ok((request, pre_encoded))
}

/// Percent-encodes all but RFC 3986 unreserved characters and `/`.
fn encode_path(path: &str) -> String {
    let mut out = String::new();
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Percent-encodes only bytes a URI cannot hold (controls, space, non-ASCII and `"<>\^`{|}`);
/// the signer decodes query components, so this does not change the canonical query.
fn encode_unsafe(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        if b.is_ascii_graphic() && !b"\"<>\\^`{|}".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Parses `YYYYMMDDTHHMMSSZ` into a `SystemTime` (inverse of the signer's formatting, written
/// independently: Howard Hinnant's `days_from_civil`).
fn parse_amz_date(text: &str) -> Result<SystemTime, String> {
    let text = text.trim();
    let bad = || format!("bad X-Amz-Date {text:?}");
    if text.len() != 16 || text.as_bytes()[8] != b'T' || !text.ends_with('Z') {
        return Err(bad());
    }
    let num = |range: std::ops::Range<usize>| -> Result<i64, String> {
        text.get(range).and_then(|s| s.parse().ok()).ok_or_else(bad)
    };
    let (y, m, d) = (num(0..4)?, num(4..6)?, num(6..8)?);
    let (hh, mm, ss) = (num(9..11)?, num(11..13)?, num(13..15)?);
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let secs = days * 86_400 + hh * 3600 + mm * 60 + ss;
    let secs = u64::try_from(secs).map_err(|_| bad())?;
    Ok(UNIX_EPOCH + Duration::from_secs(secs))
}
