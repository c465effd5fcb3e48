//! Loading and validation diagnostics.
//!
//! Every fixture under `fixtures/invalid/` shows one kind of problem (except
//! `many_problems`, which proves that all problems are reported, not only the
//! first, and `problems_and_collisions`, which proves that validation and the
//! naming checks after it report in one run). The snapshot is the `Display`
//! of all diagnostics, with the fixture named by a relative path so snapshots
//! do not depend on the checkout location.

use shapegen::load::parse_model;
use shapegen::validate::validate;
use shapegen::{Diagnostic, Diagnostics};

/// Load and validate `fixtures/{dir}/{name}.json`; the diagnostics of the first
/// stage that fails (empty if the model is valid).
fn diagnostics(dir: &str, name: &str) -> Vec<Diagnostic> {
    let display = format!("fixtures/{dir}/{name}.json");
    let path = format!("{}/{display}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    match parse_model(&display, &bytes) {
        Err(d) => d.0,
        Ok(model) => validate(&display, &model),
    }
}

/// The rendered diagnostics of an invalid fixture; fails if it has none.
fn invalid(name: &str) -> String {
    let d = diagnostics("invalid", name);
    assert!(
        !d.is_empty(),
        "fixtures/invalid/{name}.json should be invalid"
    );
    for x in &d {
        assert_eq!(x.file, format!("fixtures/invalid/{name}.json"));
        assert!(!x.message.is_empty() && !x.help.is_empty(), "{x}");
    }
    Diagnostics(d).to_string()
}

fn assert_valid(dir: &str, name: &str) {
    let d = diagnostics(dir, name);
    assert!(
        d.is_empty(),
        "fixtures/{dir}/{name}.json should be valid:\n{}",
        Diagnostics(d)
    );
}

macro_rules! invalid_fixtures {
    ($($name:ident),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                insta::assert_snapshot!(stringify!($name), invalid(stringify!($name)));
            }
        )*
    };
}

invalid_fixtures! {
    // Stage 1: JSON syntax and types.
    malformed_json,
    truncated_json,
    wrong_json_type,
    missing_field,
    // Shape references.
    dangling_shape_ref,
    // `required`.
    required_unknown_member,
    required_duplicate,
    // Enums.
    enum_empty,
    enum_empty_value,
    enum_duplicate_value,
    enum_non_string,
    // Shape types and their parts.
    unknown_shape_type,
    list_without_member,
    map_without_key_or_value,
    map_key_not_string,
    // Operations and HTTP bindings.
    operation_io_not_structure,
    operation_without_http,
    http_method_invalid,
    http_incomplete,
    // URI placeholders.
    uri_placeholder_unbound,
    uri_member_without_placeholder,
    uri_placeholder_bound_twice,
    uri_malformed,
    uri_member_not_required,
    // Member locations.
    location_unknown,
    location_on_nested_member,
    location_wrong_direction,
    // Payloads.
    payload_unknown_member,
    payload_wrong_type,
    // Timestamps.
    timestamp_format_unknown,
    timestamp_format_not_timestamp,
    // Wire names and names.
    duplicate_wire_name,
    invalid_names,
    // Everything at once.
    many_problems,
}

#[test]
fn json_errors_show_line_and_column() {
    for name in ["malformed_json", "truncated_json", "wrong_json_type"] {
        let d = diagnostics("invalid", name);
        assert_eq!(d.len(), 1, "{name}");
        assert!(d[0].message.contains("line "), "{name}: {}", d[0]);
        assert!(d[0].message.contains("column "), "{name}: {}", d[0]);
    }
    assert_eq!(
        diagnostics("invalid", "wrong_json_type")[0].path,
        "shapes.Stage.required"
    );
}

/// One fixture with many different problems: every one is reported, in model
/// order (operations sorted, then shapes sorted, members in file order).
#[test]
fn all_problems_are_reported_in_model_order() {
    let d = diagnostics("invalid", "many_problems");
    let paths: Vec<&str> = d.iter().map(|d| d.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "operations.GetStage",
            "operations.UpdateStage.errors[0].shape",
            "operations.UpdateStage.http.requestUri",
            "shapes.CacheClusterSize.type",
            "shapes.MapOfStringToString",
            "shapes.Op.enum[2]",
            "shapes.PatchOperation.members.op.location",
            "shapes.Stage.members.createdDate.timestampFormat",
            "shapes.Stage.payload",
            "shapes.Time-stamp",
            "shapes.UpdateStageRequest.required[1]",
        ]
    );
    // Validation is deterministic.
    let again = diagnostics("invalid", "many_problems");
    assert_eq!(d, again);
}

/// One run reports every independent problem: validation's (an empty enum
/// value, missing shapes, names breaking the name rule, an operation without
/// `http`) and, after them, the collisions of Rust names that the naming
/// checks find among what validated fine (`a b`/`a-b`/`a_b` → `AB` beside
/// that empty value, `fooBar`/`foo_bar`, `Stage`/`stage`, `GetThing`/
/// `get_thing`). What validation rejected is not looked at again, so nothing
/// is reported twice and nothing follows from another problem: `bad-name`
/// and `bad_name`, or `Time-stamp` and `TimeStamp`, would only collide
/// because of the name validation reports, and the list whose member is
/// missing is not reported again where it is used.
#[test]
fn problems_and_collisions() {
    let name = "problems_and_collisions";
    let display = format!("fixtures/invalid/{name}.json");
    let path = format!("{}/{display}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    let all = shapegen::Config::new()
        .model_bytes(name, &display, bytes)
        .generate()
        .expect_err("the fixture is invalid")
        .0;
    // Validation's problems first, in its order, then the others.
    let validation = diagnostics("invalid", name);
    assert!(validation.len() >= 6, "{}", Diagnostics(validation));
    assert_eq!(all[..validation.len()], validation[..]);
    let rest: Vec<&str> = all[validation.len()..]
        .iter()
        .map(|d| d.path.as_str())
        .collect();
    assert_eq!(
        rest,
        [
            "shapes.stage",
            "shapes.Mode.enum[2]",
            "shapes.Mode.enum[3]",
            "shapes.Thing.members.foo_bar",
            "operations.get_thing",
        ]
    );
    insta::assert_snapshot!(name, Diagnostics(all).to_string());
}

/// The unknown-field policy of `shapegen::model`: fields the generator does not
/// read (`min`, `xmlNamespace`, traits botocore may add later) are ignored, so
/// a model carrying them loads and validates clean.
#[test]
fn unknown_fields_are_ignored() {
    assert_valid("valid", "unknown_fields");
}

/// Every binding botocore uses: greedy and query-string URIs, members bound by
/// member name, headers and status codes on outputs and errors, payloads of
/// each allowed kind, `__`-prefixed shape names, empty structures.
#[test]
fn rest_bindings_are_valid() {
    assert_valid("valid", "rest_bindings");
}

/// XML may repeat an element name (S3's flattened lists do), so duplicate wire
/// names are only an error for JSON-keyed protocols.
#[test]
fn xml_repeated_element_is_valid() {
    assert_valid("valid", "xml_repeated_element");
}

/// Only rest protocols need `http` on every operation.
#[test]
fn json_protocol_operations_need_no_http() {
    assert_valid("valid", "json_protocol");
}

/// The shipped models must validate clean.
#[test]
fn shipped_models_are_valid() {
    for (display, path) in [
        (
            "models/apigateway.json",
            concat!(env!("CARGO_MANIFEST_DIR"), "/../models/apigateway.json"),
        ),
        (
            "models/apigatewayv2.json",
            concat!(env!("CARGO_MANIFEST_DIR"), "/../models/apigatewayv2.json"),
        ),
    ] {
        let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
        let model = parse_model(display, &bytes).unwrap_or_else(|d| panic!("{d}"));
        let d = validate(display, &model);
        assert!(d.is_empty(), "{}", Diagnostics(d));
    }
}
