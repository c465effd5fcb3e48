//! `shapegen::diff`: classification of every kind of model change, the
//! changelog notation, and snapshots of the text and JSON reports.
//!
//! Each classification test starts from the small model [`base`], changes one
//! thing, and checks the classes and kinds of the changes found, the semver bump
//! and the changelog block. `fixtures/diff/{old,new}.json` combine many changes
//! for the snapshots.

use serde_json::{json, Value};
use shapegen::diff::{
    diff_models, empty_model, pformat, Bump, ChangeKind, Compat, DiffReport, OpStatus, Side,
};
use shapegen::load::parse_model;
use shapegen::validate::validate;
use shapegen::Model;

fn model(v: &Value) -> Model {
    let bytes = serde_json::to_vec(v).unwrap();
    let m = parse_model("test.json", &bytes).unwrap_or_else(|d| panic!("{d}"));
    let problems = validate("test.json", &m);
    assert!(problems.is_empty(), "{problems:?}");
    m
}

/// A small service: `GetThing` (uri input, `Thing` output), `ListThings` (a
/// list of `Thing`), `UpdateThing` (`Thing` in and out).
fn base() -> Value {
    json!({
        "version": "2.0",
        "metadata": {
            "apiVersion": "2020-01-01",
            "endpointPrefix": "demo",
            "protocol": "rest-json",
            "serviceFullName": "Demo Service",
            "serviceId": "Demo",
            "signatureVersion": "v4",
            "uid": "demo-2020-01-01"
        },
        "operations": {
            "GetThing": {
                "name": "GetThing",
                "http": {"method": "GET", "requestUri": "/things/{id}", "responseCode": 200},
                "input": {"shape": "GetThingRequest"},
                "output": {"shape": "Thing"},
                "errors": [{"shape": "NotFound"}],
                "documentation": "<p>Gets a thing.</p>"
            },
            "ListThings": {
                "name": "ListThings",
                "http": {"method": "GET", "requestUri": "/things", "responseCode": 200},
                "input": {"shape": "ListThingsRequest"},
                "output": {"shape": "Things"}
            },
            "UpdateThing": {
                "name": "UpdateThing",
                "http": {"method": "PUT", "requestUri": "/things", "responseCode": 200},
                "input": {"shape": "UpdateThingRequest"},
                "output": {"shape": "Thing"}
            }
        },
        "shapes": {
            "GetThingRequest": {
                "type": "structure",
                "required": ["id"],
                "members": {"id": {"shape": "String", "location": "uri", "locationName": "id"}}
            },
            "ListThingsRequest": {
                "type": "structure",
                "members": {"limit": {"shape": "Integer", "location": "querystring", "locationName": "limit"}}
            },
            "UpdateThingRequest": {
                "type": "structure",
                "required": ["thing"],
                "members": {"thing": {"shape": "Thing", "locationName": "thing"}}
            },
            "Thing": {
                "type": "structure",
                "required": ["id"],
                "members": {
                    "id": {"shape": "String", "locationName": "id"},
                    "name": {"shape": "String", "locationName": "name"},
                    "level": {"shape": "Level", "locationName": "level"},
                    "settings": {"shape": "SettingsMap", "locationName": "settings"}
                },
                "documentation": "<p>A thing.</p>"
            },
            "Things": {
                "type": "structure",
                "members": {"items": {"shape": "ListOfThing", "locationName": "items"}}
            },
            "ListOfThing": {"type": "list", "member": {"shape": "Thing"}},
            "SettingsMap": {"type": "map", "key": {"shape": "String"}, "value": {"shape": "Setting"}},
            "Setting": {"type": "structure", "members": {"enabled": {"shape": "Boolean", "locationName": "enabled"}}},
            "Level": {"type": "string", "enum": ["INFO", "ERROR"]},
            "Name": {"type": "string"},
            "String": {"type": "string"},
            "Boolean": {"type": "boolean"},
            "Integer": {"type": "integer"},
            "Long": {"type": "long"},
            "Double": {"type": "double"},
            "Timestamp": {"type": "timestamp"},
            "NotFound": {
                "type": "structure",
                "members": {"message": {"shape": "String"}},
                "error": {"httpStatusCode": 404},
                "exception": true
            },
            "Conflict": {
                "type": "structure",
                "members": {"message": {"shape": "String"}},
                "error": {"httpStatusCode": 409},
                "exception": true
            }
        }
    })
}

/// Diff `base()` against `base()` changed by `edit`.
fn diff_with(edit: impl FnOnce(&mut Value)) -> DiffReport {
    let old = base();
    let mut new = base();
    edit(&mut new);
    diff_models(&model(&old), &model(&new))
}

/// The (class, kind, path) of every change.
fn kinds(r: &DiffReport) -> Vec<(Compat, ChangeKind, String)> {
    r.changes
        .iter()
        .map(|c| (c.compat, c.kind, c.path.clone()))
        .collect()
}

fn one(compat: Compat, kind: ChangeKind, path: &str) -> Vec<(Compat, ChangeKind, String)> {
    vec![(compat, kind, path.to_string())]
}

/// `Name (status)` / `Changes (side)` / dict of one operation.
fn block(r: &DiffReport, op: &str) -> String {
    r.operations
        .iter()
        .find(|o| o.name == op)
        .unwrap_or_else(|| panic!("{op} is not in the changelog: {:?}", r.operations))
        .render()
}

fn shape<'a>(v: &'a mut Value, name: &str) -> &'a mut Value {
    &mut v["shapes"][name]
}

// ---------------------------------------------------------------------------
// No change, documentation only
// ---------------------------------------------------------------------------

#[test]
fn identical_models_have_no_changes() {
    let r = diff_with(|_| {});
    assert!(r.changes.is_empty() && r.operations.is_empty());
    assert_eq!(r.semver(), Bump::None);
    assert_eq!(r.headline(), "no api method changes");
}

#[test]
fn documentation_only_is_patch() {
    let r = diff_with(|m| {
        m["operations"]["GetThing"]["documentation"] = json!("<p>Gets one thing.</p>");
        shape(m, "Thing")["documentation"] = json!("<p>A thing, again.</p>");
        shape(m, "Thing")["members"]["name"]["documentation"] = json!("<p>Its name.</p>");
    });
    assert_eq!(
        kinds(&r),
        vec![
            (
                Compat::Patch,
                ChangeKind::DocumentationChanged,
                "operations.GetThing.documentation".into()
            ),
            (
                Compat::Patch,
                ChangeKind::DocumentationChanged,
                "shapes.Thing.documentation".into()
            ),
            (
                Compat::Patch,
                ChangeKind::DocumentationChanged,
                "shapes.Thing.members.name.documentation".into()
            ),
        ]
    );
    assert!(
        r.operations.is_empty(),
        "documentation does not update an api method"
    );
    assert_eq!(r.semver(), Bump::Patch);
}

// ---------------------------------------------------------------------------
// Operations
// ---------------------------------------------------------------------------

#[test]
fn operation_added_is_additive() {
    let r = diff_with(|m| {
        m["operations"]["DeleteThing"] = json!({
            "name": "DeleteThing",
            "http": {"method": "DELETE", "requestUri": "/things/{id}", "responseCode": 204},
            "input": {"shape": "GetThingRequest"}
        });
    });
    assert_eq!(
        kinds(&r),
        one(
            Compat::Additive,
            ChangeKind::OperationAdded,
            "operations.DeleteThing"
        )
    );
    assert_eq!(r.semver(), Bump::Minor);
    assert_eq!(block(&r, "DeleteThing"), "DeleteThing (new)");
    assert_eq!(r.headline(), "1 new api methods");
}

#[test]
fn operation_removed_is_breaking() {
    let r = diff_with(|m| {
        m["operations"]
            .as_object_mut()
            .unwrap()
            .remove("UpdateThing");
    });
    assert_eq!(
        kinds(&r),
        one(
            Compat::Breaking,
            ChangeKind::OperationRemoved,
            "operations.UpdateThing"
        )
    );
    assert_eq!(r.semver(), Bump::Major);
    assert_eq!(block(&r, "UpdateThing"), "UpdateThing (removed)");
    assert_eq!(r.headline(), "1 removed api methods");
}

#[test]
fn operation_output_replaced_is_breaking() {
    let r = diff_with(|m| {
        m["operations"]["GetThing"]["output"] = json!({"shape": "Things"});
    });
    assert_eq!(
        kinds(&r),
        one(
            Compat::Breaking,
            ChangeKind::OperationSignatureChanged,
            "operations.GetThing.output"
        )
    );
    // The new output's members are what the response gained.
    assert!(
        block(&r, "GetThing").starts_with("GetThing (updated)\nChanges (response)\n{'items': [{"),
        "{}",
        block(&r, "GetThing")
    );
}

#[test]
fn http_binding_change_is_breaking() {
    let r = diff_with(|m| {
        m["operations"]["GetThing"]["http"]["requestUri"] = json!("/v2/things/{id}");
    });
    assert_eq!(
        kinds(&r),
        one(
            Compat::Breaking,
            ChangeKind::HttpBindingChanged,
            "operations.GetThing.http"
        )
    );
}

#[test]
fn errors_added_are_additive_and_removed_are_breaking() {
    let r = diff_with(|m| {
        m["operations"]["GetThing"]["errors"] = json!([{"shape": "Conflict"}]);
    });
    assert_eq!(
        kinds(&r),
        vec![
            (
                Compat::Additive,
                ChangeKind::ErrorAdded,
                "operations.GetThing.errors".into()
            ),
            (
                Compat::Breaking,
                ChangeKind::ErrorRemoved,
                "operations.GetThing.errors".into()
            ),
        ]
    );
}

#[test]
fn deprecation_is_additive() {
    let r = diff_with(|m| {
        m["operations"]["ListThings"]["deprecated"] = json!(true);
    });
    assert_eq!(
        kinds(&r),
        one(
            Compat::Additive,
            ChangeKind::DeprecationChanged,
            "operations.ListThings.deprecated"
        )
    );
}

// ---------------------------------------------------------------------------
// Members
// ---------------------------------------------------------------------------

#[test]
fn optional_member_added_is_additive_and_shown_on_every_operation() {
    let r = diff_with(|m| {
        shape(m, "Thing")["members"]["color"] = json!({"shape": "String", "locationName": "color"});
    });
    assert_eq!(
        kinds(&r),
        one(
            Compat::Additive,
            ChangeKind::MemberAdded,
            "shapes.Thing.members.color"
        )
    );
    assert_eq!(r.semver(), Bump::Minor);
    assert_eq!(
        block(&r, "GetThing"),
        "GetThing (updated)\nChanges (response)\n{'color': 'string'}"
    );
    // A list member is looked through.
    assert_eq!(
        block(&r, "ListThings"),
        "ListThings (updated)\nChanges (response)\n{'items': {'color': 'string'}}"
    );
    // Request and response additions are merged.
    assert_eq!(
        block(&r, "UpdateThing"),
        "UpdateThing (updated)\nChanges (both)\n{'color': 'string', 'thing': {'color': 'string'}}"
    );
    assert_eq!(r.headline(), "3 updated api methods");
}

#[test]
fn required_member_added_is_breaking() {
    let r = diff_with(|m| {
        shape(m, "ListThingsRequest")["members"]["owner"] =
            json!({"shape": "String", "location": "querystring", "locationName": "owner"});
        shape(m, "ListThingsRequest")["required"] = json!(["owner"]);
    });
    assert_eq!(
        kinds(&r),
        one(
            Compat::Breaking,
            ChangeKind::RequiredMemberAdded,
            "shapes.ListThingsRequest.members.owner"
        )
    );
    assert_eq!(
        block(&r, "ListThings"),
        "ListThings (updated)\nChanges (request)\n{'owner': 'string'}"
    );
}

#[test]
fn member_removed_is_breaking() {
    let r = diff_with(|m| {
        shape(m, "Thing")["members"]
            .as_object_mut()
            .unwrap()
            .remove("name");
    });
    assert_eq!(
        kinds(&r),
        one(
            Compat::Breaking,
            ChangeKind::MemberRemoved,
            "shapes.Thing.members.name"
        )
    );
    assert_eq!(r.semver(), Bump::Major);
    // Updated, but nothing was added: no dict.
    assert_eq!(
        block(&r, "GetThing"),
        "GetThing (updated)\nChanges (response)"
    );
}

#[test]
fn member_made_required_is_breaking() {
    let r = diff_with(|m| {
        shape(m, "Thing")["required"] = json!(["id", "name"]);
    });
    assert_eq!(
        kinds(&r),
        one(
            Compat::Breaking,
            ChangeKind::MemberMadeRequired,
            "shapes.Thing.members.name"
        )
    );
}

#[test]
fn member_made_optional_is_breaking() {
    let r = diff_with(|m| {
        shape(m, "Thing")["required"] = json!([]);
    });
    assert_eq!(
        kinds(&r),
        one(
            Compat::Breaking,
            ChangeKind::MemberMadeOptional,
            "shapes.Thing.members.id"
        )
    );
}

#[test]
fn member_type_changed_is_breaking() {
    let r = diff_with(|m| {
        shape(m, "Thing")["members"]["name"]["shape"] = json!("Integer");
    });
    assert_eq!(
        kinds(&r),
        one(
            Compat::Breaking,
            ChangeKind::MemberTypeChanged,
            "shapes.Thing.members.name"
        )
    );
}

#[test]
fn member_retargeted_to_an_equivalent_primitive_is_patch() {
    // `String` and `Name` are both plain strings: the Rust type stays `String`.
    let r = diff_with(|m| {
        shape(m, "Thing")["members"]["name"]["shape"] = json!("Name");
    });
    assert_eq!(
        kinds(&r),
        one(
            Compat::Patch,
            ChangeKind::MemberTypeChanged,
            "shapes.Thing.members.name"
        )
    );
}

#[test]
fn wire_name_changed_is_breaking() {
    let r = diff_with(|m| {
        shape(m, "Thing")["members"]["name"]["locationName"] = json!("displayName");
    });
    assert_eq!(
        kinds(&r),
        one(
            Compat::Breaking,
            ChangeKind::WireNameChanged,
            "shapes.Thing.members.name"
        )
    );
    let r = diff_with(|m| {
        shape(m, "ListThingsRequest")["members"]["limit"]["location"] = json!("header");
    });
    assert_eq!(
        kinds(&r),
        one(
            Compat::Breaking,
            ChangeKind::WireNameChanged,
            "shapes.ListThingsRequest.members.limit"
        )
    );
}

#[test]
fn timestamp_format_change_is_breaking() {
    let r = diff_with(|m| {
        shape(m, "Timestamp")["timestampFormat"] = json!("iso8601");
    });
    assert_eq!(
        kinds(&r),
        one(
            Compat::Breaking,
            ChangeKind::WireFormatChanged,
            "shapes.Timestamp"
        )
    );
}

#[test]
fn spelling_out_a_default_is_no_change() {
    // rest-json sends body timestamps as epoch seconds, a missing responseCode
    // is 200 and a missing signingName is the endpoint prefix.
    let r = diff_with(|m| {
        shape(m, "Timestamp")["timestampFormat"] = json!("unixTimestamp");
        m["operations"]["ListThings"]["http"]
            .as_object_mut()
            .unwrap()
            .remove("responseCode");
        m["metadata"]["signingName"] = json!("demo");
    });
    assert!(r.changes.is_empty(), "{:?}", r.changes);
    assert!(r.operations.is_empty());
}

// ---------------------------------------------------------------------------
// Enums
// ---------------------------------------------------------------------------

#[test]
fn enum_value_added_is_additive() {
    let r = diff_with(|m| {
        shape(m, "Level")["enum"] = json!(["INFO", "ERROR", "OFF", "DEBUG"]);
    });
    assert_eq!(
        kinds(&r),
        vec![
            (
                Compat::Additive,
                ChangeKind::EnumValueAdded,
                "shapes.Level.enum".into()
            ),
            (
                Compat::Additive,
                ChangeKind::EnumValueAdded,
                "shapes.Level.enum".into()
            ),
        ]
    );
    assert_eq!(r.semver(), Bump::Minor);
    // Named by the member that holds the enum, values as a sorted set.
    assert_eq!(
        block(&r, "GetThing"),
        "GetThing (updated)\nChanges (response)\n{'level': {'DEBUG', 'OFF'}}"
    );
    assert_eq!(
        block(&r, "ListThings"),
        "ListThings (updated)\nChanges (response)\n{'items': {'level': {'DEBUG', 'OFF'}}}"
    );
}

#[test]
fn enum_value_removed_is_breaking() {
    let r = diff_with(|m| {
        shape(m, "Level")["enum"] = json!(["INFO"]);
    });
    assert_eq!(
        kinds(&r),
        one(
            Compat::Breaking,
            ChangeKind::EnumValueRemoved,
            "shapes.Level.enum"
        )
    );
    assert_eq!(
        block(&r, "GetThing"),
        "GetThing (updated)\nChanges (response)"
    );
}

#[test]
fn string_becoming_an_enum_is_a_type_change() {
    let r = diff_with(|m| {
        shape(m, "Name")["enum"] = json!(["A"]);
    });
    assert_eq!(
        kinds(&r),
        one(
            Compat::Breaking,
            ChangeKind::ShapeTypeChanged,
            "shapes.Name"
        )
    );
}

// ---------------------------------------------------------------------------
// Shapes
// ---------------------------------------------------------------------------

#[test]
fn shape_renamed_is_breaking() {
    let r = diff_with(|m| {
        let setting = m["shapes"]
            .as_object_mut()
            .unwrap()
            .remove("Setting")
            .unwrap();
        m["shapes"]["RouteSetting"] = setting;
        shape(m, "SettingsMap")["value"]["shape"] = json!("RouteSetting");
    });
    assert_eq!(
        kinds(&r),
        one(Compat::Breaking, ChangeKind::ShapeRenamed, "shapes.Setting")
    );
    assert_eq!(
        r.changes[0].detail,
        "shape `Setting` renamed to `RouteSetting`"
    );
    // The Rust type name changed, so the operations using it changed, with
    // nothing added.
    assert_eq!(
        block(&r, "GetThing"),
        "GetThing (updated)\nChanges (response)"
    );
}

#[test]
fn shape_type_changed_is_breaking() {
    let r = diff_with(|m| {
        shape(m, "Setting")["type"] = json!("string");
        shape(m, "Setting")
            .as_object_mut()
            .unwrap()
            .remove("members");
    });
    assert_eq!(
        kinds(&r),
        one(
            Compat::Breaking,
            ChangeKind::ShapeTypeChanged,
            "shapes.Setting"
        )
    );
}

#[test]
fn shape_added_and_removed() {
    let r = diff_with(|m| {
        m["shapes"]["Unused"] = json!({"type": "structure", "members": {}});
        m["shapes"].as_object_mut().unwrap().remove("Conflict");
    });
    assert_eq!(
        kinds(&r),
        vec![
            (
                Compat::Breaking,
                ChangeKind::ShapeRemoved,
                "shapes.Conflict".into()
            ),
            (
                Compat::Additive,
                ChangeKind::ShapeAdded,
                "shapes.Unused".into()
            ),
        ]
    );
}

// ---------------------------------------------------------------------------
// The notation of added members
// ---------------------------------------------------------------------------

#[test]
fn new_members_are_spelled_out_in_full() {
    let r = diff_with(|m| {
        let members = &mut shape(m, "Thing")["members"];
        members["tags"] = json!({"shape": "TagMap"});
        members["canary"] = json!({"shape": "Canary"});
        m["shapes"]["TagMap"] =
            json!({"type": "map", "key": {"shape": "String"}, "value": {"shape": "String"}});
        m["shapes"]["Canary"] = json!({"type": "structure", "members": {
            "useCache": {"shape": "Boolean"},
            "percent": {"shape": "Double"},
            "overrides": {"shape": "TagMap"},
            "deploymentId": {"shape": "String"},
            "since": {"shape": "Timestamp"},
            "bytes": {"shape": "Long"},
            "levels": {"shape": "Levels"},
            "level": {"shape": "Level"}
        }});
        m["shapes"]["Levels"] = json!({"type": "list", "member": {"shape": "Level"}});
    });
    assert_eq!(
        block(&r, "GetThing"),
        "GetThing (updated)\nChanges (response)\n\
         {'canary': {'bytes': 'long',\n            \
         'deploymentId': 'string',\n            \
         'level': 'string',\n            \
         'levels': ['string'],\n            \
         'overrides': {'string': 'string'},\n            \
         'percent': 'double',\n            \
         'since': 'timestamp',\n            \
         'useCache': 'boolean'},\n \
         'tags': {'string': 'string'}}"
    );
}

#[test]
fn map_values_are_looked_through() {
    let r = diff_with(|m| {
        shape(m, "Setting")["members"]["level"] =
            json!({"shape": "Level", "locationName": "level"});
    });
    assert_eq!(
        block(&r, "GetThing"),
        "GetThing (updated)\nChanges (response)\n{'settings': {'level': 'string'}}"
    );
}

#[test]
fn recursive_shapes_terminate() {
    let r = diff_with(|m| {
        m["shapes"]["Node"] = json!({"type": "structure", "members": {
            "name": {"shape": "String"},
            "children": {"shape": "Nodes"}
        }});
        m["shapes"]["Nodes"] = json!({"type": "list", "member": {"shape": "Node"}});
        shape(m, "Thing")["members"]["tree"] = json!({"shape": "Node"});
    });
    assert_eq!(
        block(&r, "GetThing"),
        "GetThing (updated)\nChanges (response)\n\
         {'tree': {'children': ['structure'], 'name': 'string'}}"
    );
}

#[test]
fn member_names_not_wire_names() {
    let r = diff_with(|m| {
        shape(m, "Thing")["members"]["ServerName"] =
            json!({"shape": "String", "locationName": "serverName"});
    });
    let added = r.operations[0].added.as_ref().unwrap();
    assert_eq!(pformat(added), "{'ServerName': 'string'}");
}

// ---------------------------------------------------------------------------
// Semver, headline, reports
// ---------------------------------------------------------------------------

#[test]
fn semver_and_its_0x_mapping() {
    assert_eq!(Bump::Major.for_0x(), Bump::Minor);
    assert_eq!(Bump::Minor.for_0x(), Bump::Patch);
    assert_eq!(Bump::Patch.for_0x(), Bump::Patch);
    assert_eq!(Bump::None.for_0x(), Bump::None);
    // The largest class wins.
    let r = diff_with(|m| {
        shape(m, "Level")["enum"] = json!(["INFO"]);
        shape(m, "Thing")["members"]["color"] = json!({"shape": "String"});
        shape(m, "Thing")["documentation"] = json!("<p>x</p>");
    });
    assert_eq!(r.compat(), Some(Compat::Breaking));
    assert_eq!(r.semver(), Bump::Major);
}

#[test]
fn headline_counts_new_and_updated_like_the_pages() {
    let r = diff_with(|m| {
        m["operations"]["DeleteThing"] = json!({
            "name": "DeleteThing",
            "http": {"method": "DELETE", "requestUri": "/things/{id}", "responseCode": 204},
            "input": {"shape": "GetThingRequest"}
        });
        shape(m, "Things")["members"]["next"] = json!({"shape": "String"});
    });
    assert_eq!(r.headline(), "1 new 1 updated api methods");
    assert_eq!(
        r.title(Some("2020/03/12")),
        "2020/03/12 - Demo Service - 1 new 1 updated api methods"
    );
    let names: Vec<(&str, OpStatus, Option<Side>)> = r
        .operations
        .iter()
        .map(|o| (o.name.as_str(), o.status, o.side))
        .collect();
    assert_eq!(
        names,
        vec![
            ("DeleteThing", OpStatus::New, None),
            ("ListThings", OpStatus::Updated, Some(Side::Response)),
        ]
    );
}

#[test]
fn a_new_model_is_all_new() {
    let r = diff_models(&empty_model(), &model(&base()));
    assert_eq!(r.headline(), "3 new api methods");
    assert_eq!(r.semver(), Bump::Minor);
}

fn fixture(name: &str) -> Model {
    let display = format!("fixtures/diff/{name}.json");
    let path = format!("{}/{display}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    let m = parse_model(&display, &bytes).unwrap_or_else(|d| panic!("{d}"));
    let problems = validate(&display, &m);
    assert!(problems.is_empty(), "{display}: {problems:?}");
    m
}

fn fixture_report() -> DiffReport {
    diff_models(&fixture("old"), &fixture("new"))
}

#[test]
fn fixture_text_report() {
    insta::assert_snapshot!("fixture_text", fixture_report().to_text(Some("2021/06/01")));
}

#[test]
fn fixture_json_report() {
    let json = serde_json::to_string_pretty(&fixture_report().to_json()).unwrap();
    insta::assert_snapshot!("fixture_json", json);
}

#[test]
fn fixture_reversed_text_report() {
    // The same changes undone: what was additive is now breaking and vice versa.
    let r = diff_models(&fixture("new"), &fixture("old"));
    insta::assert_snapshot!("fixture_reversed_text", r.to_text(None));
}

#[test]
fn documentation_only_text_report() {
    let r = diff_with(|m| {
        m["operations"]["GetThing"]["documentation"] = json!("<p>Gets one thing.</p>");
    });
    insta::assert_snapshot!("documentation_only_text", r.to_text(None));
}
