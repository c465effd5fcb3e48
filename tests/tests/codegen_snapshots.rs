//! Snapshots of the generated code for small fixture models, one per feature.
//! Every change to generated code shows up here as a reviewable diff
//! (`cargo insta review`).

use serde_json::{json, Value};

fn model(operations: Value, shapes: Value) -> Vec<u8> {
    serde_json::to_vec_pretty(&json!({
        "version": "2.0",
        "metadata": {
            "apiVersion": "2024-01-01", "endpointPrefix": "fixture", "protocol": "rest-json",
            "serviceFullName": "Fixture Service", "serviceId": "Fixture", "signatureVersion": "v4",
            "uid": "fixture-2024-01-01"
        },
        "operations": operations,
        "shapes": shapes,
        "documentation": "<p>A fixture.</p>"
    }))
    .unwrap()
}

/// The generated service files (without the shared runtime), concatenated.
fn generate(bytes: Vec<u8>) -> String {
    let generated = shapegen::Config::new()
        .model_bytes("fixture", "fixture.json", bytes)
        .generate()
        .unwrap_or_else(|e| panic!("{e}"));
    let mut out = String::new();
    for (path, text) in &generated.files {
        if path.starts_with("fixture/") && path != "fixture/mod.rs" {
            syn::parse_file(text).unwrap_or_else(|e| panic!("{path} does not parse: {e}"));
            out.push_str(&format!("=== {path}\n{text}\n"));
        }
    }
    out
}

fn error(bytes: Vec<u8>) -> String {
    match shapegen::Config::new()
        .model_bytes("fixture", "fixture.json", bytes)
        .generate()
    {
        Ok(_) => panic!("expected an error"),
        Err(e) => e.to_string(),
    }
}

fn no_ops() -> Value {
    json!({})
}

#[test]
fn every_member_kind() {
    let shapes = json!({
        "Everything": {"type": "structure", "required": ["name"], "members": {
            "name": {"shape": "String"},
            "flag": {"shape": "Boolean"},
            "maybeFlag": {"shape": "NullableBoolean"},
            "count": {"shape": "Integer"},
            "maybeCount": {"shape": "NullableInteger"},
            "big": {"shape": "Long"},
            "ratio": {"shape": "Double"},
            "small": {"shape": "Float"},
            "when": {"shape": "Timestamp"},
            "whenIso": {"shape": "IsoTimestamp"},
            "data": {"shape": "Blob"},
            "tags": {"shape": "MapOfString", "locationName": "tagMap"},
            "names": {"shape": "ListOfString"},
            "nested": {"shape": "MapOfMapOfString"},
            "kind": {"shape": "Kind"},
            "child": {"shape": "Child"},
            "children": {"shape": "ListOfChild"},
            "doc": {"shape": "Doc"}
        }},
        "Child": {"type": "structure", "members": {"id": {"shape": "String"}}},
        "ListOfChild": {"type": "list", "member": {"shape": "Child"}},
        "String": {"type": "string"},
        "Boolean": {"type": "boolean"},
        "NullableBoolean": {"type": "boolean"},
        "Integer": {"type": "integer"},
        "NullableInteger": {"type": "integer"},
        "Long": {"type": "long"},
        "Double": {"type": "double"},
        "Float": {"type": "float"},
        "Timestamp": {"type": "timestamp"},
        "IsoTimestamp": {"type": "timestamp", "timestampFormat": "iso8601"},
        "Blob": {"type": "blob"},
        "Doc": {"type": "structure", "document": true, "members": {}},
        "MapOfString": {"type": "map", "key": {"shape": "String"}, "value": {"shape": "String"}},
        "MapOfMapOfString": {"type": "map", "key": {"shape": "String"}, "value": {"shape": "MapOfString"}},
        "ListOfString": {"type": "list", "member": {"shape": "String"}},
        "Kind": {"type": "string", "enum": ["A", "B"]}
    });
    insta::assert_snapshot!(generate(model(no_ops(), shapes)));
}

#[test]
fn recursion_is_boxed() {
    let shapes = json!({
        "Node": {"type": "structure", "members": {
            "value": {"shape": "String"},
            "next": {"shape": "Node"},
            "children": {"shape": "Nodes"},
            "other": {"shape": "Other"}
        }},
        "Other": {"type": "structure", "members": {"back": {"shape": "Node"}}},
        "Nodes": {"type": "list", "member": {"shape": "Node"}},
        "String": {"type": "string"}
    });
    insta::assert_snapshot!(generate(model(no_ops(), shapes)));
}

#[test]
fn enum_naming_edge_cases() {
    let shapes = json!({
        "Edge": {"type": "string", "enum": [
            "0.5", "13.5", "118", "DEFAULT_4XX", "add", "SELF", "UNKNOWN", "*", "1x",
            "application/json", "us-east-1", "ALL_CAPS_WORD", "camelCase"
        ]}
    });
    insta::assert_snapshot!(generate(model(no_ops(), shapes)));
}

#[test]
fn enum_collision_is_an_error_naming_both() {
    let shapes = json!({"Clash": {"type": "string", "enum": ["a-b", "a_b"]}});
    insta::assert_snapshot!(error(model(no_ops(), shapes)));
}

#[test]
fn sensitive_members_are_redacted_in_debug() {
    let shapes = json!({
        "Credentials": {"type": "structure", "members": {
            "user": {"shape": "String"},
            "password": {"shape": "Secret"}
        }},
        "Secret": {"type": "string", "sensitive": true},
        "String": {"type": "string"}
    });
    insta::assert_snapshot!(generate(model(no_ops(), shapes)));
}

#[test]
fn keyword_members() {
    let shapes = json!({
        "Keywords": {"type": "structure", "members": {
            "type": {"shape": "String"},
            "match": {"shape": "String"},
            "self": {"shape": "String"},
            "async": {"shape": "String"}
        }},
        "String": {"type": "string"}
    });
    insta::assert_snapshot!(generate(model(no_ops(), shapes)));
}

#[test]
fn shapes_named_like_std_types() {
    let shapes = json!({
        "String": {"type": "structure", "members": {"value": {"shape": "Text"}, "result": {"shape": "Result"}}},
        "Result": {"type": "structure", "members": {"ok": {"shape": "Text"}, "items": {"shape": "Texts"}}},
        "Texts": {"type": "list", "member": {"shape": "Text"}},
        "Text": {"type": "string"}
    });
    insta::assert_snapshot!(generate(model(no_ops(), shapes)));
}

#[test]
fn html_documentation_with_brackets() {
    let shapes = json!({
        "Documented": {"type": "structure", "members": {
            "pattern": {"shape": "String", "documentation":
                "<p>Must match <code>[A-Za-z0-9-._~:/?#&amp;=,]+</code>, e.g. [a] or *b* or x_y.</p><p>See <a href=\"https://docs.aws.amazon.com/apigateway/\">the guide</a>, or https://example.com/x.</p><ul><li><p><b>ONE</b>: first</p></li><li><i>two</i> &lt;tag&gt;</li></ul><note>Note */ #[attr]</note>"}
        }, "documentation": "<p>Brackets [like this] and a <code>`tick`</code>.</p>"},
        "String": {"type": "string"}
    });
    insta::assert_snapshot!(generate(model(no_ops(), shapes)));
}

#[test]
fn operations_with_and_without_output() {
    let ops = json!({
        "GetThing": {"name": "GetThing", "http": {"method": "GET", "requestUri": "/things/{thing_id}", "responseCode": 200},
            "input": {"shape": "GetThingRequest"}, "output": {"shape": "Thing"},
            "documentation": "<p>Gets a thing.</p>"},
        "DeleteThing": {"name": "DeleteThing", "http": {"method": "DELETE", "requestUri": "/things/{thing_id}/{proxy+}", "responseCode": 202},
            "input": {"shape": "DeleteThingRequest"}, "documentation": "<p>Deletes a thing.</p>"}
    });
    let shapes = json!({
        "GetThingRequest": {"type": "structure", "required": ["thingId"], "members": {
            "thingId": {"shape": "String", "location": "uri", "locationName": "thing_id"},
            "limit": {"shape": "NullableInteger", "location": "querystring", "locationName": "limit"},
            "token": {"shape": "String", "location": "header", "locationName": "X-Token"}
        }},
        "DeleteThingRequest": {"type": "structure", "required": ["thingId", "path"], "members": {
            "thingId": {"shape": "String", "location": "uri", "locationName": "thing_id"},
            "path": {"shape": "String", "location": "uri", "locationName": "proxy"},
            "reason": {"shape": "String"}
        }},
        "Thing": {"type": "structure", "members": {"id": {"shape": "String"}}},
        "String": {"type": "string"},
        "NullableInteger": {"type": "integer"}
    });
    insta::assert_snapshot!(generate(model(ops, shapes)));
}

#[test]
fn member_collision_is_an_error() {
    let shapes = json!({
        "S": {"type": "structure", "members": {"fooBar": {"shape": "T"}, "foo_bar": {"shape": "T", "locationName": "other"}}},
        "T": {"type": "string"}
    });
    insta::assert_snapshot!(error(model(no_ops(), shapes)));
}

/// `model` in the `query` protocol (as IAM or SNS): the types keep boto3's
/// shape for serde, say on each structure that it is not the wire format,
/// and each input member names its query key.
#[test]
fn query_protocol_says_its_wire_format() {
    let ops = json!({
        "Publish": {"name": "Publish", "http": {"method": "POST", "requestUri": "/"},
            "input": {"shape": "PublishInput"}, "output": {"shape": "PublishResponse"},
            "documentation": "<p>Publishes a message.</p>"}
    });
    let shapes = json!({
        "PublishInput": {"type": "structure", "required": ["Message"], "members": {
            "Message": {"shape": "String", "documentation": "<p>The message.</p>"},
            "Subject": {"shape": "String", "locationName": "subject"},
            "Targets": {"shape": "TargetList"},
            "Attributes": {"shape": "AttributeMap"},
            "Route": {"shape": "Route"}
        }},
        "PublishResponse": {"type": "structure", "members": {"MessageId": {"shape": "String"}}},
        "Route": {"type": "structure", "members": {"Via": {"shape": "String"}}},
        "TargetList": {"type": "list", "member": {"shape": "String"}},
        "AttributeMap": {"type": "map", "key": {"shape": "String", "locationName": "Name"}, "value": {"shape": "String", "locationName": "Value"}},
        "String": {"type": "string"}
    });
    let mut m: Value = serde_json::from_slice(&model(ops, shapes)).unwrap();
    m["metadata"]["protocol"] = json!("query");
    insta::assert_snapshot!(generate(serde_json::to_vec(&m).unwrap()));
}
