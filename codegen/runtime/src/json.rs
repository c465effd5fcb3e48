//! JSON entry points.

use serde::Serialize;

mod read;

/// Decodes a JSON body into a generated type.
///
/// Use this rather than `serde_json::from_slice`: it checks the body is UTF-8
/// once, in one fast pass over all of it, and then parses it as a `&str`, where
/// `serde_json` skips its own validation of every string and key (about a fifth
/// of the decode time of an API Gateway response; see `BENCHMARKS.md`). The
/// values and errors are the same as `from_slice`'s: a body that is not UTF-8 is
/// handed to `from_slice`, which says where the bad byte is.
///
/// The body is read by this crate's own JSON reader, which decodes to the
/// same values as `serde_json` in less time (see `json/read.rs`); whatever
/// it does not decode (bad JSON, a value the type rejects) is decoded again
/// by `serde_json::from_str`, whose value or error is returned.
pub fn from_json<T: serde::de::DeserializeOwned>(body: &[u8]) -> serde_json::Result<T> {
    match std::str::from_utf8(body) {
        Ok(text) => match read::decode(text) {
            Some(value) => Ok(value),
            None => serde_json::from_str(text),
        },
        Err(_) => serde_json::from_slice(body),
    }
}

/// Encodes a generated type as a JSON body (for an operation input: the members
/// that travel in the body; path, query and header members are left out).
pub fn to_json<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<Vec<u8>> {
    serde_json::to_vec(value)
}
