//! A case's JSON value (`params`, `result`, `error`) as a Rust expression of
//! the generated type, following the IR's decisions: struct literals with every
//! field (the harness lives in the generated code's crate, so
//! `#[non_exhaustive]` does not stand in the way), `Option` for optional
//! members, `Box` where the IR boxes, `From<&str>` for string enums, one
//! variant for a union.
//!
//! Every path is absolute (`::std::string::String`) because a suite's shapes
//! may take the names of prelude types.

use serde_json::Value;
use shapegen::ir::{Presence, Service, TimestampFormat, TypeRef};

const RT: &str = "::shapegen_runtime";

/// Spells values of one generated service module.
pub struct ValueEmitter<'a> {
    svc: &'a Service,
    /// Path of the service module, with a trailing `::` (`crate::input_json_0::`).
    module: String,
}

/// A Rust string literal.
pub fn lit(s: &str) -> String {
    proc_macro2::Literal::string(s).to_string()
}

/// A Rust byte-string literal.
pub fn byte_lit(b: &[u8]) -> String {
    proc_macro2::Literal::byte_string(b).to_string()
}

fn string(s: &str) -> String {
    format!("::std::string::String::from({})", lit(s))
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

impl<'a> ValueEmitter<'a> {
    pub fn new(svc: &'a Service, module_path: &str) -> Self {
        ValueEmitter {
            svc,
            module: format!("{module_path}::"),
        }
    }

    /// The path of a generated type (`crate::input_json_0::Foo`).
    pub fn type_path(&self, name: &str) -> String {
        format!("{}{}", self.module, name)
    }

    /// The value of the structure `name` (a Rust type name) from a JSON
    /// object keyed by member name.
    pub fn structure(&self, name: &str, v: &Value) -> Result<String, String> {
        self.named(name, v, name)
    }

    /// The value `v` as the Rust type `ty`. `at` names the place in errors.
    pub fn expr(&self, ty: &TypeRef, v: &Value, at: &str) -> Result<String, String> {
        let wrong = || format!("{at}: expected {}, got {}", expected(ty), kind(v));
        Ok(match ty {
            TypeRef::String => match v {
                Value::String(s) => string(s),
                // bigdecimal / biginteger members given as numbers
                Value::Number(n) => string(&n.to_string()),
                _ => return Err(wrong()),
            },
            TypeRef::Bool => match v {
                Value::Bool(b) => b.to_string(),
                _ => return Err(wrong()),
            },
            TypeRef::I8 => int(v, "i8", i8::MIN as i64, i8::MAX as i64).ok_or_else(wrong)?,
            TypeRef::I16 => int(v, "i16", i16::MIN as i64, i16::MAX as i64).ok_or_else(wrong)?,
            TypeRef::I32 => int(v, "i32", i32::MIN as i64, i32::MAX as i64).ok_or_else(wrong)?,
            TypeRef::I64 => int(v, "i64", i64::MIN, i64::MAX).ok_or_else(wrong)?,
            TypeRef::F32 => float(v, "f32").ok_or_else(wrong)?,
            TypeRef::F64 => float(v, "f64").ok_or_else(wrong)?,
            TypeRef::Timestamp(f) => {
                let fmt = match f {
                    TimestampFormat::EpochSeconds => "EpochSeconds",
                    TimestampFormat::Iso8601 => "Iso8601",
                    TimestampFormat::HttpDate => "HttpDate",
                };
                let ts = format!("{RT}::Timestamp::<{RT}::{fmt}>");
                match v {
                    Value::Number(n) => match (n.as_i64(), n.as_f64()) {
                        (Some(i), _) => format!("{ts}::from_secs({i}i64)"),
                        (None, Some(x)) if x.is_finite() => {
                            format!("{ts}::from_secs_f64({x:?}f64)")
                        }
                        _ => return Err(wrong()),
                    },
                    _ => return Err(wrong()),
                }
            }
            TypeRef::Blob => match v {
                Value::String(s) => format!("{RT}::Blob::new({}.to_vec())", byte_lit(s.as_bytes())),
                _ => return Err(wrong()),
            },
            TypeRef::Document => document(v),
            TypeRef::Named(n) => self.named(n, v, at)?,
            TypeRef::List(inner) => match v {
                Value::Array(items) => {
                    let mut parts = Vec::with_capacity(items.len());
                    for (i, item) in items.iter().enumerate() {
                        let at = format!("{at}[{i}]");
                        if item.is_null() {
                            return Err(format!(
                                "{at}: null in a list (sparse lists are not represented)"
                            ));
                        }
                        parts.push(self.expr(inner, item, &at)?);
                    }
                    format!("::std::vec![{}]", parts.join(", "))
                }
                _ => return Err(wrong()),
            },
            TypeRef::Map(k, val) => match v {
                Value::Object(m) if m.is_empty() => {
                    "::std::collections::BTreeMap::new()".to_string()
                }
                Value::Object(m) => {
                    let mut parts = Vec::with_capacity(m.len());
                    for (key, item) in m {
                        let at = format!("{at}.{key}");
                        if item.is_null() {
                            return Err(format!(
                                "{at}: null in a map (sparse maps are not represented)"
                            ));
                        }
                        let key = self.expr(k, &Value::String(key.clone()), &at)?;
                        parts.push(format!("({key}, {})", self.expr(val, item, &at)?));
                    }
                    format!("::std::collections::BTreeMap::from([{}])", parts.join(", "))
                }
                _ => return Err(wrong()),
            },
            TypeRef::Boxed(inner) => {
                format!("::std::boxed::Box::new({})", self.expr(inner, v, at)?)
            }
        })
    }

    fn named(&self, name: &str, v: &Value, at: &str) -> Result<String, String> {
        let path = self.type_path(name);
        if let Some(s) = self.svc.structs.iter().find(|s| s.name == name) {
            let Value::Object(obj) = v else {
                return Err(format!(
                    "{at}: expected an object for `{name}`, got {}",
                    kind(v)
                ));
            };
            if let Some(k) = obj
                .keys()
                .find(|k| !s.fields.iter().any(|f| &f.member == *k))
            {
                return Err(format!("{at}: `{name}` has no member `{k}`"));
            }
            let mut fields = Vec::with_capacity(s.fields.len());
            for f in &s.fields {
                let given = obj.get(&f.member).filter(|x| !x.is_null());
                // A `jsonvalue` member is given as its JSON text (botocore
                // takes a string); the Rust type is the document it holds.
                let parsed;
                let given = match given {
                    Some(Value::String(text)) if f.jsonvalue && f.ty == TypeRef::Document => {
                        parsed = serde_json::from_str::<Value>(text).map_err(|e| {
                            format!("{at}.{}: jsonvalue text is not JSON: {e}", f.member)
                        })?;
                        Some(&parsed)
                    }
                    other => other,
                };
                let value = match (given, f.presence) {
                    (Some(x), Presence::Optional) => format!(
                        "::std::option::Option::Some({})",
                        self.expr(&f.ty, x, &format!("{at}.{}", f.member))?
                    ),
                    (Some(x), _) => self.expr(&f.ty, x, &format!("{at}.{}", f.member))?,
                    (None, Presence::Optional) => "::std::option::Option::None".to_string(),
                    (None, Presence::Defaulted) => {
                        "::core::default::Default::default()".to_string()
                    }
                    (None, Presence::Required) => match &f.ty {
                        TypeRef::Boxed(_) => format!("::std::boxed::Box::new({RT}::unset())"),
                        _ => format!("{RT}::unset()"),
                    },
                };
                fields.push(format!("{}: {value}", f.ident));
            }
            return Ok(if fields.is_empty() {
                format!("{path} {{}}")
            } else {
                format!("{path} {{ {} }}", fields.join(", "))
            });
        }
        if self.svc.enums.iter().any(|e| e.name == name) {
            return match v {
                Value::String(s) => Ok(format!(
                    "<{path} as ::core::convert::From<&str>>::from({})",
                    lit(s)
                )),
                _ => Err(format!(
                    "{at}: expected a string for the enum `{name}`, got {}",
                    kind(v)
                )),
            };
        }
        if let Some(u) = self.svc.unions.iter().find(|u| u.name == name) {
            let Value::Object(obj) = v else {
                return Err(format!(
                    "{at}: expected an object for the union `{name}`, got {}",
                    kind(v)
                ));
            };
            let set: Vec<(&String, &Value)> = obj.iter().filter(|(_, x)| !x.is_null()).collect();
            let [(member, x)] = set[..] else {
                return Err(format!(
                    "{at}: a value of the union `{name}` sets exactly one member, this sets {}",
                    set.len()
                ));
            };
            let Some(var) = u.variants.iter().find(|var| &var.member == member) else {
                return Err(format!("{at}: the union `{name}` has no member `{member}`"));
            };
            let inner = self.expr(&var.ty, x, &format!("{at}.{member}"))?;
            return Ok(format!("{path}::{}({inner})", var.name));
        }
        Err(format!("{at}: the service has no type `{name}`"))
    }
}

fn expected(ty: &TypeRef) -> &'static str {
    match ty {
        TypeRef::String | TypeRef::Blob => "a string",
        TypeRef::Bool => "a boolean",
        TypeRef::I8 | TypeRef::I16 | TypeRef::I32 | TypeRef::I64 => "an integer in range",
        TypeRef::F32 | TypeRef::F64 => "a number or NaN/Infinity/-Infinity",
        TypeRef::Timestamp(_) => "epoch seconds",
        TypeRef::Document => "any value",
        TypeRef::Named(_) => "a value of a generated type",
        TypeRef::List(_) => "a list",
        TypeRef::Map(..) => "an object",
        TypeRef::Boxed(inner) => expected(inner),
    }
}

fn int(v: &Value, suffix: &str, min: i64, max: i64) -> Option<String> {
    let n = v.as_i64()?;
    (min..=max).contains(&n).then(|| format!("{n}{suffix}"))
}

fn float(v: &Value, ty: &str) -> Option<String> {
    match v {
        Value::String(s) => match s.as_str() {
            "NaN" => Some(format!("{ty}::NAN")),
            "Infinity" => Some(format!("{ty}::INFINITY")),
            "-Infinity" => Some(format!("{ty}::NEG_INFINITY")),
            _ => None,
        },
        Value::Number(n) => {
            let x = n.as_f64()?;
            let text = if ty == "f32" {
                let y = x as f32;
                if !y.is_finite() {
                    return None;
                }
                format!("{y:?}")
            } else {
                format!("{x:?}")
            };
            Some(format!("{text}{ty}"))
        }
        _ => None,
    }
}

/// A `Document` of any JSON value.
fn document(v: &Value) -> String {
    let d = format!("{RT}::Document");
    match v {
        Value::Null => format!("{d}::Null"),
        Value::Bool(b) => format!("{d}::Bool({b})"),
        Value::Number(n) => {
            let num = if let Some(u) = n.as_u64() {
                format!("PosInt({u}u64)")
            } else if let Some(i) = n.as_i64() {
                format!("NegInt({i}i64)")
            } else {
                format!("Float({:?}f64)", n.as_f64().unwrap_or(f64::NAN))
            };
            format!("{d}::Number({RT}::Number::{num})")
        }
        Value::String(s) => format!("{d}::String({})", string(s)),
        Value::Array(items) => format!(
            "{d}::Array(::std::vec![{}])",
            items.iter().map(document).collect::<Vec<_>>().join(", ")
        ),
        Value::Object(m) if m.is_empty() => {
            format!("{d}::Object(::std::collections::BTreeMap::new())")
        }
        Value::Object(m) => format!(
            "{d}::Object(::std::collections::BTreeMap::from([{}]))",
            m.iter()
                .map(|(k, x)| format!("({}, {})", string(k), document(x)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The IR of a model with these shapes (JSON text: members keep their order).
    fn service(shapes: &str) -> Service {
        let model = format!(
            r#"{{"version": "2.0",
                "metadata": {{"protocol": "rest-json", "protocols": ["rest-json"], "apiVersion": "1", "serviceId": "T"}},
                "operations": {{}},
                "shapes": {shapes}}}"#
        );
        let m = shapegen::load::parse_model("t.json", model.as_bytes()).unwrap();
        assert!(shapegen::validate::validate("t.json", &m).is_empty());
        shapegen::ir::build("t", "t.json", &m, &Default::default(), "").unwrap()
    }

    const SHAPES: &str = r#"{
            "Input": {"type": "structure", "required": ["id"], "members": {
                "id": {"shape": "String"},
                "count": {"shape": "Integer"},
                "ratio": {"shape": "Double"},
                "when": {"shape": "Stamp"},
                "data": {"shape": "Bytes"},
                "color": {"shape": "Color"},
                "tags": {"shape": "Tags"},
                "names": {"shape": "Names"},
                "next": {"shape": "Input"},
                "choice": {"shape": "Choice"},
                "type": {"shape": "String"}
            }},
            "Choice": {"type": "structure", "union": true, "members": {
                "text": {"shape": "String"},
                "num": {"shape": "Integer"}
            }},
            "String": {"type": "string"},
            "Integer": {"type": "integer"},
            "Double": {"type": "double"},
            "Stamp": {"type": "timestamp"},
            "Bytes": {"type": "blob"},
            "Color": {"type": "string", "enum": ["red", "green"]},
            "Tags": {"type": "map", "key": {"shape": "String"}, "value": {"shape": "String"}},
            "Names": {"type": "list", "member": {"shape": "String"}}
        }"#;

    #[test]
    fn structure_with_every_kind_of_member() {
        let svc = service(SHAPES);
        let e = ValueEmitter::new(&svc, "crate::m");
        let v = json!({
            "id": "a\"b", "count": 3, "ratio": "NaN", "when": 1.5, "data": "hi",
            "color": "red", "tags": {"k": "v"}, "names": ["x"], "choice": {"num": 2},
            "next": {"id": "inner", "type": null}
        });
        let got = e.structure("Input", &v).unwrap();
        let s = "::std::string::String::from";
        let none = "::std::option::Option::None";
        let some = "::std::option::Option::Some";
        let inner = format!(
            "crate::m::Input {{ id: {s}(\"inner\"), count: {none}, ratio: {none}, when: {none}, \
             data: {none}, color: {none}, tags: {none}, names: {none}, next: {none}, choice: {none}, r#type: {none} }}"
        );
        let want = format!(
            "crate::m::Input {{ id: {s}(\"a\\\"b\"), count: {some}(3i32), ratio: {some}(f64::NAN), \
             when: {some}(::shapegen_runtime::Timestamp::<::shapegen_runtime::EpochSeconds>::from_secs_f64(1.5f64)), \
             data: {some}(::shapegen_runtime::Blob::new(b\"hi\".to_vec())), \
             color: {some}(<crate::m::Color as ::core::convert::From<&str>>::from(\"red\")), \
             tags: {some}(::std::collections::BTreeMap::from([({s}(\"k\"), {s}(\"v\"))])), \
             names: {some}(::std::vec![{s}(\"x\")]), \
             next: {some}(::std::boxed::Box::new({inner})), \
             choice: {some}(crate::m::Choice::Num(2i32)), r#type: {none} }}"
        );
        assert_eq!(got, want);
    }

    #[test]
    fn missing_required_member_is_the_placeholder() {
        let svc = service(SHAPES);
        let e = ValueEmitter::new(&svc, "crate::m");
        let got = e.structure("Input", &json!({})).unwrap();
        assert!(got.starts_with("crate::m::Input { id: ::shapegen_runtime::unset(), count: ::std::option::Option::None"), "{got}");
    }

    #[test]
    fn values_that_do_not_fit_are_errors() {
        let svc = service(SHAPES);
        let e = ValueEmitter::new(&svc, "crate::m");
        let err = |v: Value| e.structure("Input", &v).unwrap_err();
        assert_eq!(
            err(json!({"nope": 1})),
            "Input: `Input` has no member `nope`"
        );
        assert_eq!(
            err(json!({"count": 1.5})),
            "Input.count: expected an integer in range, got a number"
        );
        assert_eq!(
            err(json!({"count": 4294967296u64})),
            "Input.count: expected an integer in range, got a number"
        );
        assert_eq!(
            err(json!({"choice": {"num": 1, "text": "a"}})),
            "Input.choice: a value of the union `Choice` sets exactly one member, this sets 2"
        );
        assert!(err(json!({"names": [null]})).contains("sparse lists"));
    }

    #[test]
    fn scalars_and_documents() {
        let svc = service(SHAPES);
        let e = ValueEmitter::new(&svc, "crate::m");
        assert_eq!(e.expr(&TypeRef::F32, &json!(1.1), "x").unwrap(), "1.1f32");
        assert_eq!(e.expr(&TypeRef::F64, &json!(-2), "x").unwrap(), "-2.0f64");
        assert_eq!(
            e.expr(&TypeRef::F64, &json!("-Infinity"), "x").unwrap(),
            "f64::NEG_INFINITY"
        );
        assert_eq!(
            e.expr(
                &TypeRef::Timestamp(TimestampFormat::HttpDate),
                &json!(1),
                "x"
            )
            .unwrap(),
            "::shapegen_runtime::Timestamp::<::shapegen_runtime::HttpDate>::from_secs(1i64)"
        );
        let d = "::shapegen_runtime::Document";
        assert_eq!(
            e.expr(&TypeRef::Document, &json!({"a": [1, -1, 0.5, null, true]}), "x")
                .unwrap(),
            format!(
                "{d}::Object(::std::collections::BTreeMap::from([(::std::string::String::from(\"a\"), \
                 {d}::Array(::std::vec![{d}::Number(::shapegen_runtime::Number::PosInt(1u64)), \
                 {d}::Number(::shapegen_runtime::Number::NegInt(-1i64)), \
                 {d}::Number(::shapegen_runtime::Number::Float(0.5f64)), {d}::Null, {d}::Bool(true)]))]))"
            )
        );
    }
}
