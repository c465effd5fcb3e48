//! Stage 3: validated [`Model`] → intermediate representation.
//!
//! Every naming and typing decision is made here — Rust names, collisions,
//! optionality, boxing of recursive members, timestamp formats, documentation
//! text — so the emitter only prints what it is given.

use crate::diag::{Diagnostic, Diagnostics};
use crate::docs;
use crate::model::{Model, Shape, ShapeRef};
use crate::names;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// One service, ready to emit.
#[derive(Debug, Clone)]
pub struct Service {
    /// Rust module name (`apigateway`).
    pub module: String,
    /// Model file as given (for headers and diagnostics).
    pub model_file: String,
    pub title: String,
    pub doc: String,
    pub protocol: String,
    pub api_version: String,
    pub structs: Vec<StructDef>,
    pub enums: Vec<EnumDef>,
    pub unions: Vec<UnionDef>,
    pub operations: Vec<OperationDef>,
    /// Name of the per-service trait (`ApiGateway`).
    pub trait_name: String,
    /// Names of the service's error type and its variants (one per exception shape).
    pub error_name: String,
    pub error_variants: Vec<(String, String)>,
    /// Names this service's own types take away from the prelude/std/runtime;
    /// references to those must be fully qualified.
    pub shadowed: BTreeSet<String>,
}

#[derive(Debug, Clone)]
pub struct StructDef {
    pub shape: String,
    pub name: String,
    pub doc: String,
    pub fields: Vec<FieldDef>,
    /// `Default` is derived only when every member can be defaulted (no required ones).
    pub derive_default: bool,
    /// A hand-written `Debug` redacts these.
    pub has_sensitive: bool,
    pub is_error: bool,
    pub deprecated: Option<String>,
    /// HTTP payload member (the whole body), if the model names one.
    pub payload: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// Required member: plain `T`, must be present.
    Required,
    /// Non-nullable primitive: plain `T`, defaulted when absent or `null`.
    Defaulted,
    /// Optional member: `Option<T>`, omitted when `None`.
    Optional,
}

#[derive(Debug, Clone)]
pub struct FieldDef {
    pub member: String,
    /// Rust field identifier (may be raw: `r#type`).
    pub ident: String,
    /// JSON key.
    pub wire_name: String,
    pub doc: String,
    pub ty: TypeRef,
    pub presence: Presence,
    pub sensitive: bool,
    pub deprecated: Option<String>,
    /// HTTP binding of an input member.
    pub location: Option<Location>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    Uri {
        name: String,
        greedy: bool,
    },
    Query(String),
    Header(String),
    /// `headers`: a map whose keys are prefixed with this.
    HeaderPrefix(String),
    /// HTTP status code of an output.
    StatusCode,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TypeRef {
    String,
    Bool,
    I8,
    I16,
    I32,
    I64,
    F32,
    F64,
    Timestamp(TimestampFormat),
    Blob,
    Document,
    /// A type generated in this service module.
    Named(String),
    List(Box<TypeRef>),
    Map(Box<TypeRef>, Box<TypeRef>),
    Boxed(Box<TypeRef>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimestampFormat {
    EpochSeconds,
    Iso8601,
    HttpDate,
}

#[derive(Debug, Clone)]
pub struct EnumDef {
    pub shape: String,
    pub name: String,
    pub doc: String,
    pub variants: Vec<EnumVariant>,
    pub deprecated: Option<String>,
}

#[derive(Debug, Clone)]
pub struct EnumVariant {
    pub value: String,
    pub name: String,
}

#[derive(Debug, Clone)]
pub struct UnionDef {
    pub shape: String,
    pub name: String,
    pub doc: String,
    pub variants: Vec<UnionVariant>,
    pub has_sensitive: bool,
    pub deprecated: Option<String>,
}

#[derive(Debug, Clone)]
pub struct UnionVariant {
    pub member: String,
    pub name: String,
    pub wire_name: String,
    pub doc: String,
    pub ty: TypeRef,
}

#[derive(Debug, Clone)]
pub struct OperationDef {
    pub name: String,
    /// Unit type implementing `Operation` (`GetStages`).
    pub type_name: String,
    /// Trait method (`get_stages`).
    pub fn_name: String,
    pub method: String,
    pub uri: String,
    pub status: u16,
    pub doc: String,
    /// Raw documentation text for the `DOCUMENTATION` constant.
    pub doc_plain: String,
    pub input: Option<String>,
    pub output: Option<String>,
    pub deprecated: Option<String>,
}

/// Nicer enum variant names, by shape then value (`models/enum-names.json`).
pub type EnumOverrides = BTreeMap<String, BTreeMap<String, String>>;

/// Names that generated code uses unqualified; a shape taking one of these
/// names forces fully qualified references.
pub const RESERVED_TYPE_NAMES: &[&str] = &[
    "String",
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "Box",
    "Vec",
    "BTreeMap",
    "HashMap",
    "Default",
    "Clone",
    "Debug",
    "PartialEq",
    "Eq",
    "Hash",
    "Copy",
    "Send",
    "Sync",
    "Sized",
    "From",
    "Into",
    "AsRef",
    "ToString",
    "Iterator",
    "IntoIterator",
    "Fn",
    "FnMut",
    "FnOnce",
    "Drop",
    "Timestamp",
    "Blob",
    "Document",
    "EpochSeconds",
    "Iso8601",
    "HttpDate",
    "BuildError",
    "Operation",
    "HttpBindings",
    "Future",
    "Serialize",
    "Deserialize",
    "Display",
    "FromStr",
    "PartialOrd",
    "Ord",
    "ToOwned",
    "Unpin",
];

/// Build the IR of one service. `module` must already be a valid module name.
pub fn build(
    module: &str,
    file: &str,
    model: &Model,
    overrides: &EnumOverrides,
) -> Result<Service, Diagnostics> {
    Builder {
        file,
        module,
        model,
        overrides,
        diags: Vec::new(),
        type_names: HashMap::new(),
    }
    .run(module)
    .map(|mut s| {
        mark_greedy(&mut s, model);
        s
    })
}

struct Builder<'a> {
    file: &'a str,
    module: &'a str,
    model: &'a Model,
    overrides: &'a EnumOverrides,
    diags: Vec<Diagnostic>,
    /// shape name → Rust type name, for shapes that become types.
    type_names: HashMap<&'a str, String>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Struct,
    Union,
    Enum,
    Inline,
}

fn kind_of(shape: &Shape) -> Kind {
    match shape.shape_type.as_str() {
        "structure" if shape.document => Kind::Inline,
        "structure" if shape.union || shape.eventstream => Kind::Union,
        "structure" => Kind::Struct,
        "string" if shape.enum_values.as_ref().is_some_and(|v| !v.is_empty()) => Kind::Enum,
        _ => Kind::Inline,
    }
}

impl<'a> Builder<'a> {
    fn err(&mut self, path: String, message: String, help: &str) {
        self.diags
            .push(Diagnostic::new(self.file, path, message, help));
    }

    fn run(mut self, module: &str) -> Result<Service, Diagnostics> {
        let model = self.model;
        // 1. Type names, with collision detection.
        let mut by_rust: BTreeMap<String, &str> = BTreeMap::new();
        for (shape_name, shape) in &model.shapes {
            if kind_of(shape) == Kind::Inline {
                continue;
            }
            let rust = names::type_name(shape_name);
            if let Some(prev) = by_rust.get(&rust) {
                self.err(
                    format!("shapes.{shape_name}"),
                    format!("shapes `{prev}` and `{shape_name}` both become the Rust type `{rust}`"),
                    "rename one of the shapes (and every reference to it) so the names differ by more than case or punctuation",
                );
                continue;
            }
            by_rust.insert(rust.clone(), shape_name);
            self.type_names.insert(shape_name.as_str(), rust);
        }
        let shadowed: BTreeSet<String> = by_rust
            .keys()
            .filter(|n| RESERVED_TYPE_NAMES.contains(&n.as_str()))
            .cloned()
            .collect();

        // 2. Recursion: direct (non-heap) edges between struct/union shapes.
        let boxed_edges = self.recursive_edges();

        // 3. Shapes.
        let mut structs = Vec::new();
        let mut enums = Vec::new();
        let mut unions = Vec::new();
        for (shape_name, shape) in &model.shapes {
            let Some(rust) = self.type_names.get(shape_name.as_str()).cloned() else {
                continue;
            };
            match kind_of(shape) {
                Kind::Struct => structs.push(self.structure(shape_name, shape, rust, &boxed_edges)),
                Kind::Union => unions.push(self.union(shape_name, shape, rust, &boxed_edges)),
                Kind::Enum => enums.push(self.enumeration(shape_name, shape, rust)),
                Kind::Inline => {}
            }
        }

        // 4. Operations.
        let mut operations = Vec::new();
        let mut fn_names: BTreeMap<String, String> = BTreeMap::new();
        for (op_name, op) in &model.operations {
            let fn_name = names::field_name(op_name);
            if let Some(prev) = fn_names.insert(fn_name.clone(), op_name.clone()) {
                self.err(
                    format!("operations.{op_name}"),
                    format!("operations `{prev}` and `{op_name}` both become the Rust method `{fn_name}`"),
                    "rename one of the operations",
                );
            }
            let io = |r: &Option<ShapeRef>| {
                r.as_ref()
                    .and_then(|r| self.type_names.get(r.shape.as_str()).cloned())
            };
            let http = op.http.clone().unwrap_or_default();
            let raw_doc = op.documentation.clone().unwrap_or_default();
            operations.push(OperationDef {
                name: op_name.clone(),
                type_name: names::type_name(op_name),
                fn_name,
                method: http.method.unwrap_or_else(|| "POST".to_string()),
                uri: http.request_uri.unwrap_or_else(|| "/".to_string()),
                status: http.response_code.unwrap_or(200),
                doc: docs::html_to_markdown(&raw_doc),
                doc_plain: docs::decode_entities(&strip_html(&raw_doc)),
                input: io(&op.input),
                output: io(&op.output),
                deprecated: deprecation(op.deprecated, &op.deprecated_message),
            });
        }

        let error_variants = structs
            .iter()
            .filter(|s| s.is_error)
            .map(|s| (s.name.clone(), s.name.clone()))
            .collect();

        if !self.diags.is_empty() {
            return Err(Diagnostics(self.diags));
        }
        let md = &model.metadata;
        let title = md
            .service_full_name
            .clone()
            .or_else(|| md.service_id.clone())
            .unwrap_or_else(|| module.to_string());
        let trait_base = md.service_id.clone().unwrap_or_else(|| module.to_string());
        Ok(Service {
            module: module.to_string(),
            model_file: self.file.to_string(),
            title,
            doc: docs::html_to_markdown(model.documentation.as_deref().unwrap_or("")),
            protocol: md.protocol.clone().unwrap_or_default(),
            api_version: md.api_version.clone().unwrap_or_default(),
            structs,
            enums,
            unions,
            operations,
            trait_name: names::type_name(&trait_base),
            error_name: "Error".to_string(),
            error_variants,
            shadowed,
        })
    }

    /// Edges `(from shape, member)` that close a cycle of direct containment and
    /// therefore need a `Box`.
    fn recursive_edges(&self) -> BTreeSet<(String, String)> {
        let model = self.model;
        let direct_targets = |shape: &Shape| -> Vec<(String, String)> {
            shape
                .members
                .iter()
                .filter(|(_, r)| {
                    model
                        .shapes
                        .get(&r.shape)
                        .is_some_and(|t| matches!(kind_of(t), Kind::Struct | Kind::Union))
                })
                .map(|(m, r)| (m.clone(), r.shape.clone()))
                .collect()
        };
        let mut out = BTreeSet::new();
        for (name, shape) in &model.shapes {
            if !matches!(kind_of(shape), Kind::Struct | Kind::Union) {
                continue;
            }
            for (member, target) in direct_targets(shape) {
                // Can `target` reach `name` through direct edges?
                let mut seen = BTreeSet::new();
                let mut stack = vec![target.clone()];
                let mut found = false;
                while let Some(cur) = stack.pop() {
                    if cur == *name {
                        found = true;
                        break;
                    }
                    if !seen.insert(cur.clone()) {
                        continue;
                    }
                    if let Some(s) = model.shapes.get(&cur) {
                        stack.extend(direct_targets(s).into_iter().map(|(_, t)| t));
                    }
                }
                if found {
                    out.insert((name.clone(), member));
                }
            }
        }
        out
    }

    fn type_ref(&mut self, path: &str, r: &ShapeRef) -> TypeRef {
        let Some(shape) = self.model.shapes.get(&r.shape) else {
            self.err(
                format!("{path}.shape"),
                format!("refers to the shape `{}`, which does not exist", r.shape),
                "add the shape to `shapes` or fix the name",
            );
            return TypeRef::String;
        };
        if r.jsonvalue {
            return TypeRef::Document;
        }
        if let Some(name) = self.type_names.get(r.shape.as_str()) {
            return TypeRef::Named(name.clone());
        }
        match shape.shape_type.as_str() {
            "string" | "bigdecimal" | "biginteger" => TypeRef::String,
            "boolean" => TypeRef::Bool,
            "byte" => TypeRef::I8,
            "short" => TypeRef::I16,
            "integer" => TypeRef::I32,
            "long" => TypeRef::I64,
            "float" => TypeRef::F32,
            "double" => TypeRef::F64,
            "blob" => TypeRef::Blob,
            "structure" if shape.document => TypeRef::Document,
            "timestamp" => {
                let fmt = r
                    .timestamp_format
                    .as_deref()
                    .or(shape.timestamp_format.as_deref())
                    .or(self.model.metadata.timestamp_format.as_deref());
                TypeRef::Timestamp(self.timestamp_format(fmt, r))
            }
            "list" => match &shape.member {
                Some(m) => TypeRef::List(Box::new(
                    self.type_ref(&format!("shapes.{}.member", r.shape), m),
                )),
                None => TypeRef::List(Box::new(TypeRef::Document)),
            },
            "map" => {
                let key = match &shape.key {
                    Some(k) => self.type_ref(&format!("shapes.{}.key", r.shape), k),
                    None => TypeRef::String,
                };
                let value = match &shape.value {
                    Some(v) => self.type_ref(&format!("shapes.{}.value", r.shape), v),
                    None => TypeRef::Document,
                };
                TypeRef::Map(Box::new(key), Box::new(value))
            }
            _ => TypeRef::Document,
        }
    }

    fn timestamp_format(&self, explicit: Option<&str>, r: &ShapeRef) -> TimestampFormat {
        match explicit {
            Some("iso8601") => TimestampFormat::Iso8601,
            Some("rfc822") => TimestampFormat::HttpDate,
            Some(_) => TimestampFormat::EpochSeconds,
            // Protocol defaults: headers carry HTTP dates, query strings and
            // XML/query bodies ISO 8601, JSON bodies epoch seconds.
            None => match r.location.as_deref() {
                Some("header" | "headers") => TimestampFormat::HttpDate,
                Some("querystring" | "uri") => TimestampFormat::Iso8601,
                _ => match self.model.metadata.protocol.as_deref() {
                    Some("rest-xml" | "query" | "ec2") => TimestampFormat::Iso8601,
                    _ => TimestampFormat::EpochSeconds,
                },
            },
        }
    }

    /// Non-nullable primitive: a boolean or number shape for which the model
    /// also defines `Nullable<Name>` — botocore's way (apigateway, lambda, …) of
    /// marking `Boolean`/`Integer` as "always present, default 0/false".
    fn non_nullable(&self, r: &ShapeRef) -> bool {
        let Some(shape) = self.model.shapes.get(&r.shape) else {
            return false;
        };
        matches!(
            shape.shape_type.as_str(),
            "boolean" | "integer" | "long" | "double" | "float" | "short" | "byte"
        ) && !shape.boxed
            && !r.boxed
            && self
                .model
                .shapes
                .get(&format!("Nullable{}", r.shape))
                .is_some_and(|n| n.shape_type == shape.shape_type)
    }

    fn structure(
        &mut self,
        shape_name: &str,
        shape: &Shape,
        name: String,
        boxed: &BTreeSet<(String, String)>,
    ) -> StructDef {
        let mut fields = Vec::new();
        let mut idents: BTreeMap<String, String> = BTreeMap::new();
        let mut wires: BTreeMap<String, String> = BTreeMap::new();
        let is_error = shape.exception || shape.error.is_some();
        for (member, r) in &shape.members {
            let path = format!("shapes.{shape_name}.members.{member}");
            let ident = names::field_name(member);
            if let Some(prev) = idents.insert(ident.clone(), member.clone()) {
                self.err(
                    path.clone(),
                    format!("members `{prev}` and `{member}` of `{shape_name}` both become the Rust field `{ident}`"),
                    "rename one of the members (its wire name can stay the same through `locationName`)",
                );
            }
            let location = location_of(r, member);
            let wire_name = match (&location, &r.location_name) {
                (None, Some(l)) => l.clone(),
                _ => member.clone(),
            };
            if location.is_none() {
                if let Some(prev) = wires.insert(wire_name.clone(), member.clone()) {
                    self.err(
                        path.clone(),
                        format!("members `{prev}` and `{member}` of `{shape_name}` both use the JSON key `{wire_name}`"),
                        "give one of them a different `locationName`",
                    );
                }
            }
            let mut ty = self.type_ref(&path, r);
            if boxed.contains(&(shape_name.to_string(), member.clone())) {
                ty = TypeRef::Boxed(Box::new(ty));
            }
            let required = shape.required.iter().any(|m| m == member);
            let presence = if required {
                Presence::Required
            } else if self.non_nullable(r) {
                Presence::Defaulted
            } else {
                Presence::Optional
            };
            let target = self.model.shapes.get(&r.shape);
            let sensitive = target.is_some_and(|t| t.sensitive);
            let doc_html = r
                .documentation
                .as_deref()
                .or(target.and_then(|t| t.documentation.as_deref()))
                .unwrap_or("");
            fields.push(FieldDef {
                member: member.clone(),
                ident,
                wire_name,
                doc: docs::html_to_markdown(doc_html),
                ty,
                presence,
                sensitive,
                deprecated: deprecation(r.deprecated, &r.deprecated_message),
                location,
            });
        }
        let derive_default = fields.iter().all(|f| f.presence != Presence::Required);
        StructDef {
            shape: shape_name.to_string(),
            name,
            doc: docs::html_to_markdown(shape.documentation.as_deref().unwrap_or("")),
            has_sensitive: shape.sensitive || fields.iter().any(|f| f.sensitive),
            fields,
            derive_default,
            is_error,
            deprecated: deprecation(shape.deprecated, &shape.deprecated_message),
            payload: shape.payload.clone(),
        }
    }

    fn union(
        &mut self,
        shape_name: &str,
        shape: &Shape,
        name: String,
        boxed: &BTreeSet<(String, String)>,
    ) -> UnionDef {
        let mut variants = Vec::new();
        let mut seen: BTreeMap<String, String> = BTreeMap::new();
        let mut has_sensitive = shape.sensitive;
        for (member, r) in &shape.members {
            let path = format!("shapes.{shape_name}.members.{member}");
            let vname = names::type_name(member);
            if let Some(prev) = seen.insert(vname.clone(), member.clone()) {
                self.err(
                    path.clone(),
                    format!("members `{prev}` and `{member}` of the union `{shape_name}` both become the variant `{vname}`"),
                    "rename one of the members",
                );
            }
            let mut ty = self.type_ref(&path, r);
            if boxed.contains(&(shape_name.to_string(), member.clone())) {
                ty = TypeRef::Boxed(Box::new(ty));
            }
            let target = self.model.shapes.get(&r.shape);
            has_sensitive |= target.is_some_and(|t| t.sensitive);
            variants.push(UnionVariant {
                member: member.clone(),
                name: vname,
                wire_name: r.location_name.clone().unwrap_or_else(|| member.clone()),
                doc: docs::html_to_markdown(
                    r.documentation
                        .as_deref()
                        .or(target.and_then(|t| t.documentation.as_deref()))
                        .unwrap_or(""),
                ),
                ty,
            });
        }
        UnionDef {
            shape: shape_name.to_string(),
            name,
            doc: docs::html_to_markdown(shape.documentation.as_deref().unwrap_or("")),
            variants,
            has_sensitive,
            deprecated: deprecation(shape.deprecated, &shape.deprecated_message),
        }
    }

    fn enumeration(&mut self, shape_name: &str, shape: &Shape, name: String) -> EnumDef {
        let overrides = self.overrides.get(shape_name);
        let mut variants = Vec::new();
        let mut seen: BTreeMap<String, String> = BTreeMap::new();
        for (i, value) in shape.enum_values.iter().flatten().enumerate() {
            let vname = match overrides.and_then(|o| o.get(value)) {
                Some(o) if names::is_valid_ident(o) && o != "Unknown" => o.clone(),
                Some(o) => {
                    self.err(
                        format!("shapes.{shape_name}.enum[{i}]"),
                        format!("the override name `{o}` for `{value}` is not a usable variant name"),
                        "in models/enum-names.json use an UpperCamelCase Rust identifier other than `Unknown`",
                    );
                    continue;
                }
                None => names::enum_variant(value),
            };
            if let Some(prev) = seen.insert(vname.clone(), value.clone()) {
                if prev == *value {
                    continue; // duplicate values are reported by validation
                }
                self.err(
                    format!("shapes.{shape_name}.enum[{i}]"),
                    format!("the enum values `{prev}` and `{value}` of `{shape_name}` both become the variant `{vname}`"),
                    &format!(
                        "name one of them in the enum name table (models/enum-names.json): {{\"{}\": {{\"{shape_name}\": {{\"{value}\": \"SomeOtherName\"}}}}}}",
                        self.module
                    ),
                );
                continue;
            }
            variants.push(EnumVariant {
                value: value.clone(),
                name: vname,
            });
        }
        EnumDef {
            shape: shape_name.to_string(),
            name,
            doc: docs::html_to_markdown(shape.documentation.as_deref().unwrap_or("")),
            variants,
            deprecated: deprecation(shape.deprecated, &shape.deprecated_message),
        }
    }
}

fn location_of(r: &ShapeRef, member: &str) -> Option<Location> {
    let name = r
        .location_name
        .clone()
        .unwrap_or_else(|| member.to_string());
    match r.location.as_deref()? {
        "uri" => Some(Location::Uri {
            name,
            greedy: false,
        }),
        "querystring" => Some(Location::Query(name)),
        "header" => Some(Location::Header(name)),
        "headers" => Some(Location::HeaderPrefix(
            r.location_name.clone().unwrap_or_default(),
        )),
        "statusCode" => Some(Location::StatusCode),
        _ => None,
    }
}

fn deprecation(deprecated: bool, message: &Option<String>) -> Option<String> {
    deprecated.then(|| message.clone().map(|m| strip_html(&m)).unwrap_or_default())
}

fn strip_html(s: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    docs::decode_entities(out.trim())
}

/// Mark greedy URI placeholders (`{key+}`) on the input structures of operations.
fn mark_greedy(service: &mut Service, model: &Model) {
    for op in model.operations.values() {
        let (Some(input), Some(http)) = (&op.input, &op.http) else {
            continue;
        };
        let uri = http.request_uri.as_deref().unwrap_or("");
        let Some(s) = service.structs.iter_mut().find(|s| s.shape == input.shape) else {
            continue;
        };
        for f in &mut s.fields {
            if let Some(Location::Uri { name, greedy }) = &mut f.location {
                if uri.contains(&format!("{{{name}+}}")) {
                    *greedy = true;
                }
            }
        }
    }
}
