//! Stage 1: bytes → typed [`Model`], with JSON syntax and type errors located
//! by line, column and JSON path.

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::Model;
use std::path::Path;

/// Parse a model from bytes. `file` is only used in diagnostics.
pub fn parse_model(file: &str, bytes: &[u8]) -> Result<Model, Diagnostics> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Diagnostic::new(
            file,
            "",
            "the model file is empty",
            "a service model is a JSON object with `metadata`, `operations` and `shapes`; an interrupted download or copy leaves an empty file",
        )
        .into());
    }
    // serde would read a JSON array as a structure's fields in order, and then
    // complain about the wrong thing; a model is an object.
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace());
    if matches!(
        first,
        Some(b'[' | b'"' | b't' | b'f' | b'n' | b'-' | b'0'..=b'9')
    ) {
        return Err(Diagnostic::new(
            file,
            "",
            "the file is a JSON value but not an object: a service model is a JSON object with `metadata`, `operations` and `shapes`",
            "check that this is a botocore service-2.json file",
        )
        .into());
    }
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let parsed: Result<Model, _> = serde_path_to_error::deserialize(&mut de);
    let model = match parsed {
        Ok(m) => m,
        Err(e) => return Err(json_error(file, e.path().to_string(), e.into_inner()).into()),
    };
    if let Err(e) = de.end() {
        return Err(json_error(file, String::new(), e).into());
    }
    Ok(model)
}

/// Parse botocore's `paginators-1.json` (`{"pagination": {"Op": {...}}}`).
pub fn parse_paginators(
    file: &str,
    bytes: &[u8],
) -> Result<std::collections::BTreeMap<String, crate::model::Paginator>, Diagnostics> {
    #[derive(serde::Deserialize)]
    struct File {
        #[serde(default)]
        pagination: std::collections::BTreeMap<String, crate::model::Paginator>,
    }
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let parsed: Result<File, _> = serde_path_to_error::deserialize(&mut de);
    match parsed {
        Ok(f) => Ok(f.pagination),
        Err(e) => Err(Diagnostic::new(
            file,
            e.path().to_string(),
            format!("invalid paginators file: {}", e.inner()),
            "this should be botocore's paginators-1.json for the model: {\"pagination\": {\"Operation\": {\"input_token\": ..., \"output_token\": ..., \"result_key\": ...}}}",
        )
        .into()),
    }
}

/// Read a model file's bytes (`file` names it in diagnostics), with an error
/// of its own for a directory.
pub fn read_model(file: &str, path: &Path) -> Result<Vec<u8>, Diagnostics> {
    if path.is_dir() {
        return Err(Diagnostic::new(
            file,
            "",
            "the model path is a directory, not a file",
            "name a model file (a botocore service-2.json) inside it",
        )
        .into());
    }
    std::fs::read(path).map_err(|e| {
        Diagnostic::new(
            file,
            "",
            format!("cannot read the model file: {e}"),
            "check that the path exists and is readable",
        )
        .into()
    })
}

/// Read and parse a model file.
pub fn load_file(path: &Path) -> Result<Model, Diagnostics> {
    let file = path.display().to_string();
    let bytes = read_model(&file, path)?;
    parse_model(&file, &bytes)
}

fn json_error(file: &str, path: String, e: serde_json::Error) -> Diagnostic {
    use serde_json::error::Category;
    // serde_path_to_error writes `?` for a position it cannot name (inside a value
    // that failed to parse); the last named segment is the useful location.
    let mut path = path.as_str();
    while let Some(p) = path.strip_suffix(".?") {
        path = p;
    }
    let path = if path == "." || path == "?" {
        String::new()
    } else {
        path.to_string()
    };
    let at = format!("line {}, column {}", e.line(), e.column());
    // serde_json's message ends with " at line L column C"; we print our own location.
    let raw = e.to_string();
    let msg = raw
        .rsplit_once(" at line ")
        .map(|(m, _)| m.to_string())
        .unwrap_or(raw);
    match e.classify() {
        Category::Syntax => Diagnostic::new(
            file,
            path,
            format!("malformed JSON at {at}: {msg}"),
            "fix the JSON syntax at that position (a missing comma, quote or bracket is the usual cause)",
        ),
        Category::Eof => Diagnostic::new(
            file,
            path,
            format!("the JSON ends early at {at}: {msg}"),
            "the file is truncated: restore the rest of the document",
        ),
        Category::Data if msg.starts_with("missing field ") => Diagnostic::new(
            file,
            path,
            format!(
                "the object ending at {at} lacks a required field: {}",
                msg.trim_start_matches("missing field ")
            ),
            "add the field; botocore's service-2.json format requires it here",
        ),
        Category::Data => Diagnostic::new(
            file,
            path,
            format!("wrong JSON type at {at}: {msg}"),
            "give this field the JSON type botocore's service-2.json format uses",
        ),
        Category::Io => Diagnostic::new(file, path, format!("cannot read: {msg}"), "check the file"),
    }
}
