//! Generating a subset of a service: keep only the operations and shapes a
//! user names ([`crate::Config::operations`], [`crate::Config::shapes`]) and
//! the shapes they reach.
//!
//! A model-level filter between [`crate::validate`] and [`crate::ir`]: it
//! returns a smaller [`Model`] (no naming decision is made here), holding
//!
//! - the selected operations, and the paginators of those alone;
//! - the closure of shapes reached from the selected operations (input,
//!   output, errors) and the selected shapes: transitively through structure
//!   and union members, list members, map keys and values (a `document`
//!   structure is one JSON value: its members are not followed, as the IR
//!   does not look at them).
//!
//! References to shapes the model lacks are skipped (validation reports
//! them), so the filter also runs on a model validation rejected.

use crate::model::{Model, Shape, ShapeRef};
use crate::validate::closest;
use crate::Diagnostic;
use std::collections::BTreeSet;

/// The operations and shapes to keep, by their names in the model. Empty
/// (the default) keeps everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    pub operations: BTreeSet<String>,
    pub shapes: BTreeSet<String>,
}

impl Selection {
    /// Whether nothing is named, so that the whole model is kept.
    pub fn is_empty(&self) -> bool {
        self.operations.is_empty() && self.shapes.is_empty()
    }

    /// The named operations and shapes `model` has.
    pub fn found_in(&self, model: &Model) -> Selection {
        Selection {
            operations: self
                .operations
                .iter()
                .filter(|o| model.operations.contains_key(*o))
                .cloned()
                .collect(),
            shapes: self
                .shapes
                .iter()
                .filter(|s| model.shapes.contains_key(*s))
                .cloned()
                .collect(),
        }
    }
}

/// The shapes a shape refers to directly.
fn refs(shape: &Shape) -> impl Iterator<Item = &ShapeRef> {
    let members = match shape.shape_type.as_str() {
        "structure" if !shape.document => Some(shape.members.values()),
        _ => None,
    };
    members
        .into_iter()
        .flatten()
        .chain(shape.member.iter())
        .chain(shape.key.iter())
        .chain(shape.value.iter())
}

/// Every shape of `model` reachable from `roots` (the roots included, when
/// the model has them).
pub fn closure<'m>(
    model: &'m Model,
    roots: impl IntoIterator<Item = &'m str>,
) -> BTreeSet<&'m str> {
    let mut seen = BTreeSet::new();
    let mut stack: Vec<&str> = roots.into_iter().collect();
    while let Some(name) = stack.pop() {
        let Some((name, shape)) = model.shapes.get_key_value(name) else {
            continue;
        };
        if seen.insert(name.as_str()) {
            stack.extend(refs(shape).map(|r| r.shape.as_str()));
        }
    }
    seen
}

/// `model` with only the selected operations (and their paginators) and the
/// shapes reached from them and from the selected shapes. An empty selection
/// keeps the whole model.
pub fn select(model: &Model, selection: &Selection) -> Model {
    if selection.is_empty() {
        return model.clone();
    }
    let operations: Vec<(&String, _)> = model
        .operations
        .iter()
        .filter(|(name, _)| selection.operations.contains(*name))
        .collect();
    let roots = operations
        .iter()
        .flat_map(|(_, op)| op.input.iter().chain(op.output.iter()).chain(&op.errors))
        .map(|r| r.shape.as_str())
        .chain(selection.shapes.iter().map(String::as_str));
    let keep = closure(model, roots);
    Model {
        version: model.version.clone(),
        metadata: model.metadata.clone(),
        operations: operations
            .into_iter()
            .map(|(n, op)| (n.clone(), op.clone()))
            .collect(),
        shapes: model
            .shapes
            .iter()
            .filter(|(n, _)| keep.contains(n.as_str()))
            .map(|(n, s)| (n.clone(), s.clone()))
            .collect(),
        documentation: model.documentation.clone(),
        paginators: model
            .paginators
            .iter()
            .filter(|(n, _)| selection.operations.contains(*n))
            .map(|(n, p)| (n.clone(), p.clone()))
            .collect(),
    }
}

/// One diagnostic per selected name that no model has. `models` are the
/// models generated, by file; `hint` says how names are given (a `Config`
/// method, a flag). The problem is reported against the model that has a
/// similar name, else against the only model (or all of them).
pub fn unknown_names(
    selection: &Selection,
    models: &[(&str, &Model)],
    hint: &str,
) -> Vec<Diagnostic> {
    let files = || {
        models
            .iter()
            .map(|(f, _)| *f)
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut out = Vec::new();
    type Names = dyn Fn(&Model) -> Vec<&str>;
    let kinds: [(&str, &str, &BTreeSet<String>, &Names); 2] = [
        ("an", "operation", &selection.operations, &|m: &Model| {
            m.operations.keys().map(String::as_str).collect()
        }),
        ("a", "shape", &selection.shapes, &|m: &Model| {
            m.shapes.keys().map(String::as_str).collect()
        }),
    ];
    for (article, kind, names, of) in kinds {
        for name in names {
            if models.iter().any(|(_, m)| of(m).contains(&name.as_str())) {
                continue;
            }
            let similar = models
                .iter()
                .find_map(|(f, m)| closest(name, of(m).into_iter()).map(|c| (*f, c)));
            let path = format!("{kind}s");
            let (file, message) = match (models, similar) {
                (_, Some((file, _))) | (&[(file, _)], None) => (
                    file.to_string(),
                    format!("the model has no {kind} `{name}`"),
                ),
                _ => (files(), format!("no model has {article} {kind} `{name}`")),
            };
            let help = match similar {
                Some((_, c)) => format!("did you mean `{c}`? {hint}"),
                None => hint.to_string(),
            };
            out.push(Diagnostic::new(file, path, message, help));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::parse_model;
    use serde_json::json;

    fn model() -> Model {
        let m = json!({
            "metadata": {"protocol": "rest-json"},
            "operations": {
                "GetThing": {
                    "http": {"method": "GET", "requestUri": "/t"},
                    "input": {"shape": "GetThingRequest"},
                    "output": {"shape": "Thing"},
                    "errors": [{"shape": "NotFound"}]
                },
                "PutThing": {
                    "http": {"method": "PUT", "requestUri": "/t"},
                    "input": {"shape": "Thing"},
                    "errors": [{"shape": "Conflict"}]
                },
                "Ping": {"http": {"method": "GET", "requestUri": "/ping"}}
            },
            "shapes": {
                "GetThingRequest": {"type": "structure", "members": {"id": {"shape": "Id"}}},
                "Id": {"type": "string"},
                "Thing": {"type": "structure", "members": {
                    "parts": {"shape": "Parts"},
                    "tags": {"shape": "Tags"},
                    "next": {"shape": "Thing"},
                    "choice": {"shape": "Choice"},
                    "doc": {"shape": "Doc"}
                }},
                "Parts": {"type": "list", "member": {"shape": "Part"}},
                "Part": {"type": "structure", "members": {"kind": {"shape": "Kind"}}},
                "Kind": {"type": "string", "enum": ["a", "b"]},
                "Tags": {"type": "map", "key": {"shape": "TagKey"}, "value": {"shape": "TagValues"}},
                "TagKey": {"type": "string"},
                "TagValues": {"type": "list", "member": {"shape": "TagValue"}},
                "TagValue": {"type": "string"},
                "Choice": {"type": "structure", "union": true, "members": {"n": {"shape": "Count"}}},
                "Count": {"type": "integer"},
                "Doc": {"type": "structure", "document": true, "members": {"x": {"shape": "Hidden"}}},
                "Hidden": {"type": "string"},
                "NotFound": {"type": "structure", "exception": true, "members": {"message": {"shape": "Message"}}},
                "Message": {"type": "string"},
                "Conflict": {"type": "structure", "exception": true, "members": {}},
                "Unused": {"type": "structure", "members": {"m": {"shape": "Message"}}},
                "Dangling": {"type": "structure", "members": {"m": {"shape": "Missing"}}}
            }
        });
        let mut model = parse_model("t.json", &serde_json::to_vec(&m).unwrap()).unwrap();
        for op in ["GetThing", "PutThing"] {
            model.paginators.insert(op.to_string(), Default::default());
        }
        model
    }

    fn selection(operations: &[&str], shapes: &[&str]) -> Selection {
        Selection {
            operations: operations.iter().map(|s| s.to_string()).collect(),
            shapes: shapes.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn names(v: impl IntoIterator<Item = impl AsRef<str>>) -> Vec<String> {
        v.into_iter().map(|s| s.as_ref().to_string()).collect()
    }

    #[test]
    fn the_closure_follows_members_list_members_map_keys_and_values() {
        let m = model();
        let c = closure(&m, ["Thing"]);
        assert_eq!(
            names(c),
            [
                "Choice",
                "Count",
                "Doc",
                "Kind",
                "Part",
                "Parts",
                "TagKey",
                "TagValue",
                "TagValues",
                "Tags",
                "Thing"
            ]
        );
    }

    #[test]
    fn the_closure_skips_missing_shapes_and_the_members_of_documents() {
        let m = model();
        assert_eq!(names(closure(&m, ["Dangling"])), ["Dangling"]);
        assert_eq!(names(closure(&m, ["Missing"])), Vec::<String>::new());
        assert_eq!(names(closure(&m, ["Doc"])), ["Doc"]);
    }

    #[test]
    fn selecting_an_operation_keeps_its_input_output_errors_and_what_they_reach() {
        let m = select(&model(), &selection(&["GetThing"], &[]));
        assert_eq!(names(m.operations.keys()), ["GetThing"]);
        assert_eq!(names(m.paginators.keys()), ["GetThing"]);
        assert_eq!(
            names(m.shapes.keys()),
            [
                "Choice",
                "Count",
                "Doc",
                "GetThingRequest",
                "Id",
                "Kind",
                "Message",
                "NotFound",
                "Part",
                "Parts",
                "TagKey",
                "TagValue",
                "TagValues",
                "Tags",
                "Thing"
            ]
        );
        assert_eq!(m.metadata, model().metadata);
    }

    #[test]
    fn selected_shapes_and_operations_add_up() {
        let m = select(&model(), &selection(&["Ping"], &["Part", "Conflict"]));
        assert_eq!(names(m.operations.keys()), ["Ping"]);
        assert!(m.paginators.is_empty());
        assert_eq!(names(m.shapes.keys()), ["Conflict", "Kind", "Part"]);
    }

    #[test]
    fn an_empty_selection_keeps_everything() {
        assert_eq!(select(&model(), &Selection::default()), model());
    }

    #[test]
    fn unknown_names_are_reported_with_the_closest_known_name() {
        let m = model();
        let d = unknown_names(
            &selection(&["GetThing", "GetThings", "Frobnicate"], &["part", "Part"]),
            &[("t.json", &m)],
            "(hint)",
        );
        let shown: Vec<String> = d.iter().map(|d| d.to_string()).collect();
        assert_eq!(
            shown,
            [
                "error: t.json: at `operations`: the model has no operation `Frobnicate`\n  help: (hint)",
                "error: t.json: at `operations`: the model has no operation `GetThings`\n  help: did you mean `GetThing`? (hint)",
                "error: t.json: at `shapes`: the model has no shape `part`\n  help: did you mean `Part`? (hint)",
            ]
        );
    }

    #[test]
    fn with_several_models_a_name_any_of_them_has_is_known() {
        let (a, mut b) = (model(), model());
        b.operations.clear();
        b.operations
            .insert("Other".into(), a.operations["Ping"].clone());
        let models = [("a.json", &a), ("b.json", &b)];
        assert!(unknown_names(&selection(&["Other", "Ping"], &[]), &models, "").is_empty());
        let d = unknown_names(&selection(&["Others", "Zzzzzzzz"], &[]), &models, "h");
        let shown: Vec<String> = d.iter().map(|d| d.to_string()).collect();
        assert_eq!(
            shown,
            [
                "error: b.json: at `operations`: the model has no operation `Others`\n  help: did you mean `Other`? h",
                "error: a.json, b.json: at `operations`: no model has an operation `Zzzzzzzz`\n  help: h",
            ]
        );
    }
}
