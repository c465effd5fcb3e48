//! A botocore service model per suite: the suite's metadata and shapes, and
//! the operations its cases give.

use crate::suites::{Case, Ordered, Suite};
use indexmap::IndexMap;
use serde_json::{Map, Value};

/// Metadata that shapegen or a client may want and the suites leave out;
/// neutral values, used only where the suite does not give its own.
const METADATA_DEFAULTS: &[(&str, &str)] = &[
    ("apiVersion", "2020-01-01"),
    ("endpointPrefix", "protocoltests"),
    ("serviceFullName", "Protocol Tests"),
    ("serviceId", "Protocol Tests"),
    ("signatureVersion", "v4"),
    ("signingName", "protocoltests"),
    ("uid", "protocoltests-2020-01-01"),
];

/// The cases of a suite split so that, within each group, every operation
/// name has one definition. Cases keep their order within a group; most
/// suites are one group.
pub fn group_cases(suite: &Suite) -> Vec<Vec<&Case>> {
    let mut groups: Vec<(Map<String, Value>, Vec<&Case>)> = Vec::new();
    for case in &suite.cases {
        let name = case.op_name();
        let slot = groups
            .iter()
            .position(|(ops, _)| ops.get(name).is_none_or(|g| *g == case.given));
        let i = match slot {
            Some(i) => i,
            None => {
                groups.push((Map::new(), Vec::new()));
                groups.len() - 1
            }
        };
        groups[i].0.insert(name.to_string(), case.given.clone());
        groups[i].1.push(case);
    }
    groups.into_iter().map(|(_, c)| c).collect()
}

/// The service model (`service-2.json` form) of a group of cases of a
/// suite, keys in the suite's order.
pub fn build_model(suite: &Suite, cases: &[&Case]) -> Ordered {
    let mut metadata = suite.ordered_metadata.clone();
    for (k, v) in METADATA_DEFAULTS {
        metadata
            .entry(k.to_string())
            .or_insert_with(|| Ordered::String(v.to_string()));
    }
    let mut operations = IndexMap::new();
    for case in cases {
        operations
            .entry(case.op_name().to_string())
            .or_insert_with(|| case.ordered_given.clone());
    }
    let mut model = IndexMap::new();
    model.insert("version".to_string(), Ordered::String("2.0".into()));
    model.insert("metadata".to_string(), Ordered::Object(metadata));
    model.insert("operations".to_string(), Ordered::Object(operations));
    model.insert("shapes".to_string(), suite.ordered_shapes.clone());
    Ordered::Object(model)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::suites::SuiteFile;
    use serde_json::json;

    fn value(o: &Ordered) -> Value {
        serde_json::to_value(o).unwrap()
    }

    fn suite(cases: Value) -> Suite {
        let f = SuiteFile::from_value(
            "input/json.json",
            &json!([{"description": "d", "metadata": {"protocol": "json", "apiVersion": "2018-01-01"},
                     "shapes": {"S": {"type": "string"}}, "cases": cases}]),
        )
        .unwrap();
        f.suites.into_iter().next().unwrap()
    }

    #[test]
    fn one_group_when_operations_agree() {
        let s = suite(json!([
            {"id": "a", "given": {"name": "Op", "http": {"method": "POST", "requestUri": "/"}}},
            {"id": "b", "given": {"name": "Op", "http": {"method": "POST", "requestUri": "/"}}},
            {"id": "c", "given": {"name": "Other"}}
        ]));
        let groups = group_cases(&s);
        assert_eq!(groups.len(), 1);
        let ordered = build_model(&s, &groups[0]);
        let Some(Ordered::Object(ops)) = ordered.get("operations") else {
            panic!("no operations")
        };
        let names: Vec<&String> = ops.keys().collect();
        assert_eq!(names, ["Op", "Other"]);
        let m = value(&ordered);
        assert_eq!(m["metadata"]["apiVersion"], "2018-01-01");
        assert_eq!(m["metadata"]["serviceId"], "Protocol Tests");
        assert_eq!(m["metadata"]["protocol"], "json");
        assert_eq!(m["shapes"]["S"]["type"], "string");
    }

    #[test]
    fn the_model_keeps_the_suites_order() {
        let f = SuiteFile::load_text(
            "input/json.json",
            r#"[{"description": "d", "metadata": {"protocol": "json", "apiVersion": "1"},
                 "shapes": {"Z": {"type": "structure", "members": {"b": {"shape": "S"}, "a": {"shape": "S"}}},
                            "S": {"type": "string"}},
                 "cases": [{"id": "x", "given": {"name": "Op", "input": {"shape": "Z"}}}]}]"#,
        )
        .unwrap();
        let s = &f.suites[0];
        let text = serde_json::to_string(&build_model(s, &group_cases(s)[0])).unwrap();
        assert_eq!(
            text,
            r#"{"version":"2.0","metadata":{"protocol":"json","apiVersion":"1","endpointPrefix":"protocoltests","serviceFullName":"Protocol Tests","serviceId":"Protocol Tests","signatureVersion":"v4","signingName":"protocoltests","uid":"protocoltests-2020-01-01"},"operations":{"Op":{"name":"Op","input":{"shape":"Z"}}},"shapes":{"Z":{"type":"structure","members":{"b":{"shape":"S"},"a":{"shape":"S"}}},"S":{"type":"string"}}}"#
        );
    }

    #[test]
    fn differing_operations_split_the_suite() {
        let s = suite(json!([
            {"id": "a", "given": {"name": "Op", "http": {"method": "POST", "requestUri": "/"}}},
            {"id": "b", "given": {"name": "Op", "http": {"method": "GET", "requestUri": "/"}}},
            {"id": "c", "given": {"name": "Op", "http": {"method": "POST", "requestUri": "/"}}}
        ]));
        let groups = group_cases(&s);
        let ids: Vec<Vec<&str>> = groups
            .iter()
            .map(|g| g.iter().map(|c| c.id.as_str()).collect())
            .collect();
        assert_eq!(ids, [vec!["a", "c"], vec!["b"]]);
        let m = value(&build_model(&s, &groups[1]));
        assert_eq!(m["operations"]["Op"]["http"]["method"], "GET");
    }
}
