//! Part of stage 3 (IR): the static shape descriptions of a service whose
//! bodies are not the types' serde form (`rest-xml`, `query`, `ec2`,
//! `smithy-rpc-v2-cbor`). The runtime's codecs read them (see the runtime's
//! `schema` module); a JSON service has none.
//!
//! A member's traits are the reference's merged over its target shape's, as
//! botocore merges them (`locationName`, `queryName`, `flattened`,
//! `xmlAttribute`, `xmlNamespace`, `timestampFormat`).

use crate::ir::{Service, TimestampFormat};
use crate::model::{Model, Shape, ShapeRef};
use std::collections::BTreeMap;

/// One `static` of the service's `schema` module.
#[derive(Debug, Clone, PartialEq)]
pub struct SchemaDef {
    /// The static's name (the shape's name, made an identifier).
    pub ident: String,
    /// The shape's name in the model.
    pub shape: String,
    /// The shape's `locationName` (for an operation's input, the input
    /// reference's): its element name as a whole body.
    pub xml_name: Option<String>,
    pub xml_namespace: Option<XmlNamespace>,
    pub kind: SchemaKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum SchemaKind {
    Structure(Vec<SchemaMember>),
    Union(Vec<SchemaMember>),
    List(SchemaMember),
    Map(SchemaMember, SchemaMember),
}

#[derive(Debug, Clone, PartialEq)]
pub struct SchemaMember {
    /// The member's name (its serde key); `member`, `key`, `value` in lists and maps.
    pub name: String,
    pub xml_name: Option<String>,
    pub query_name: Option<String>,
    pub flattened: bool,
    pub xml_attribute: bool,
    pub xml_namespace: Option<XmlNamespace>,
    pub target: SchemaTarget,
}

#[derive(Debug, Clone, PartialEq)]
pub enum SchemaTarget {
    /// A static of this module, by its name.
    Shape(String),
    /// A scalar schema of the runtime (`STRING`, `TIMESTAMP_ISO8601`, ...).
    Scalar(&'static str),
}

#[derive(Debug, Clone, PartialEq)]
pub struct XmlNamespace {
    pub prefix: String,
    pub uri: String,
}

/// The feature of `shapegen-runtime` a protocol's bodies need (`xml`,
/// `cbor`); `None` for JSON, whose bodies are the types' serde form.
pub fn runtime_feature(protocol: &str) -> Option<&'static str> {
    match protocol {
        "rest-xml" | "query" | "ec2" => Some("xml"),
        "smithy-rpc-v2-cbor" => Some("cbor"),
        _ => None,
    }
}

/// Whether a protocol's bodies are described by schemas.
pub fn needs_schemas(protocol: &str) -> bool {
    runtime_feature(protocol).is_some()
}

/// Adds the schemas of every structure and union of `svc` (and the lists and
/// maps they hold), links each type to its schema, and records the
/// operations' `resultWrapper`s.
pub fn add_schemas(svc: &mut Service, model: &Model) {
    if !needs_schemas(&svc.protocol) {
        return;
    }
    let mut b = SchemaBuilder {
        model,
        input_shapes: model
            .operations
            .values()
            .filter_map(|o| o.input.as_ref().map(|i| i.shape.as_str()))
            .collect(),
        protocol: svc.protocol.clone(),
        defs: BTreeMap::new(),
        idents: BTreeMap::new(),
    };
    for s in &mut svc.structs {
        s.schema = b.shape(&s.shape);
        let shape = model.shapes.get(&s.shape);
        s.payload_xml_name = shape
            .and_then(|sh| sh.members.get(s.payload.as_deref()?))
            .and_then(|r| r.location_name.clone());
    }
    for u in &mut svc.unions {
        u.schema = b.shape(&u.shape);
    }
    // An operation's input reference names the element of a whole-body input.
    for op in model.operations.values() {
        let Some(input) = &op.input else { continue };
        if let Some(def) = b.defs.get_mut(&input.shape) {
            if let Some(n) = &input.location_name {
                def.xml_name = Some(n.clone());
            }
            if let Some(ns) = input.xml_namespace.as_ref().and_then(namespace) {
                def.xml_namespace = Some(ns);
            }
        }
    }
    add_xml_notes(svc, model, &b.defs);
    for o in &mut svc.operations {
        o.result_wrapper = model
            .operations
            .get(&o.name)
            .and_then(|m| m.output.as_ref())
            .and_then(|r| r.result_wrapper.clone());
    }
    svc.schemas = b.defs.into_values().collect();
}

/// Appends to the docs of members that travel in an XML body where their
/// element is, when that is not just the member's name: `rest-xml` bodies,
/// and in `query` and `ec2` the structures responses and errors hold (their
/// requests are query strings, which the query-key notes cover).
fn add_xml_notes(svc: &mut Service, model: &Model, defs: &BTreeMap<String, SchemaDef>) {
    if !matches!(svc.protocol.as_str(), "rest-xml" | "query" | "ec2") {
        return;
    }
    let by_ident: BTreeMap<&str, &SchemaDef> =
        defs.values().map(|d| (d.ident.as_str(), d)).collect();
    let xml_shapes: std::collections::BTreeSet<&str> = if svc.protocol == "rest-xml" {
        defs.keys().map(String::as_str).collect()
    } else {
        // What responses and errors reach.
        let mut seen = std::collections::BTreeSet::new();
        let mut todo: Vec<&str> = model
            .operations
            .values()
            .flat_map(|o| o.output.iter().chain(&o.errors))
            .map(|r| r.shape.as_str())
            .collect();
        while let Some(name) = todo.pop() {
            let Some(def) = defs.get(name) else { continue };
            if !seen.insert(def.shape.as_str()) {
                continue;
            }
            let members: Vec<&SchemaMember> = match &def.kind {
                SchemaKind::Structure(ms) | SchemaKind::Union(ms) => ms.iter().collect(),
                SchemaKind::List(m) => vec![m],
                SchemaKind::Map(k, v) => vec![k, v],
            };
            for m in members {
                if let SchemaTarget::Shape(i) = &m.target {
                    if let Some(d) = by_ident.get(i.as_str()) {
                        todo.push(d.shape.as_str());
                    }
                }
            }
        }
        seen
    };
    for s in &mut svc.structs {
        if !xml_shapes.contains(s.shape.as_str()) {
            continue;
        }
        let Some(SchemaKind::Structure(members)) = defs.get(&s.shape).map(|d| &d.kind) else {
            continue;
        };
        for f in s.fields.iter_mut().filter(|f| f.location.is_none()) {
            let Some(m) = members.iter().find(|m| m.name == f.member) else {
                continue;
            };
            if let Some(note) = xml_note(m, &by_ident) {
                if !f.doc.trim().is_empty() {
                    f.doc.push_str("\n\n");
                }
                f.doc.push_str(&note);
            }
        }
    }
}

/// Where a member is in its structure's XML element, as a sentence of
/// Markdown; `None` when it is simply the element of its own name.
fn xml_note(m: &SchemaMember, defs: &BTreeMap<&str, &SchemaDef>) -> Option<String> {
    let code = |n: &str| format!("`<{}>`", n.replace('`', ""));
    let element = m.xml_name.as_deref().unwrap_or(&m.name);
    if m.xml_attribute {
        return Some(format!(
            "XML: the attribute `{}` of the structure's element.",
            element.replace('`', "")
        ));
    }
    let target = match &m.target {
        SchemaTarget::Shape(i) => defs.get(i.as_str()).map(|d| &d.kind),
        SchemaTarget::Scalar(_) => None,
    };
    Some(match target {
        Some(SchemaKind::List(item)) => {
            let item_name = item.xml_name.as_deref();
            if m.flattened {
                format!(
                    "XML: one {} element per item, not wrapped.",
                    code(item_name.unwrap_or(element))
                )
            } else {
                format!(
                    "XML: the element {} holding one {} per item.",
                    code(element),
                    code(item_name.unwrap_or("member"))
                )
            }
        }
        Some(SchemaKind::Map(k, v)) => {
            let (k, v) = (
                code(k.xml_name.as_deref().unwrap_or("key")),
                code(v.xml_name.as_deref().unwrap_or("value")),
            );
            if m.flattened {
                format!(
                    "XML: one {} element per entry, holding {k} and {v}.",
                    code(element)
                )
            } else {
                format!(
                    "XML: the element {} holding an `<entry>` of {k} and {v} per entry.",
                    code(element)
                )
            }
        }
        _ if element != m.name => format!("XML: the element {}.", code(element)),
        _ => return None,
    })
}

struct SchemaBuilder<'a> {
    model: &'a Model,
    /// Shapes some operation takes as input: only there do `uri` and
    /// `querystring` bind a member (elsewhere it is in the body, as botocore
    /// parses it).
    input_shapes: std::collections::BTreeSet<&'a str>,
    protocol: String,
    /// By shape name; `BTreeMap` keeps the output in a stable order.
    defs: BTreeMap<String, SchemaDef>,
    /// Static name → shape, so that two shapes never share one.
    idents: BTreeMap<String, String>,
}

fn namespace(v: &serde_json::Value) -> Option<XmlNamespace> {
    match v {
        serde_json::Value::String(uri) => Some(XmlNamespace {
            prefix: String::new(),
            uri: uri.clone(),
        }),
        serde_json::Value::Object(o) => Some(XmlNamespace {
            prefix: o
                .get("prefix")
                .and_then(|p| p.as_str())
                .unwrap_or_default()
                .to_string(),
            uri: o.get("uri")?.as_str()?.to_string(),
        }),
        _ => None,
    }
}

/// Names a static may not take (`Self`, `crate`, ... cannot be raw identifiers).
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

impl SchemaBuilder<'_> {
    /// The static describing a structure, union, list or map shape, added
    /// with what it refers to; `None` for other shapes.
    fn shape(&mut self, name: &str) -> Option<String> {
        if let Some(d) = self.defs.get(name) {
            return Some(d.ident.clone());
        }
        let shape = self.model.shapes.get(name)?;
        if !matches!(shape.shape_type.as_str(), "structure" | "list" | "map") || shape.document {
            return None;
        }
        let ident = self.ident_for(name);
        // Inserted before its members so that a recursive shape refers to itself.
        self.defs.insert(
            name.to_string(),
            SchemaDef {
                ident: ident.clone(),
                shape: name.to_string(),
                xml_name: shape.location_name.clone(),
                xml_namespace: shape.xml_namespace.as_ref().and_then(namespace),
                kind: SchemaKind::Structure(Vec::new()),
            },
        );
        let kind = match shape.shape_type.as_str() {
            "list" => {
                let default = ShapeRef {
                    shape: String::new(),
                    ..ShapeRef::default()
                };
                let r = shape.member.as_ref().unwrap_or(&default);
                SchemaKind::List(self.member("member", r))
            }
            "map" => {
                let default = ShapeRef::default();
                SchemaKind::Map(
                    self.member("key", shape.key.as_ref().unwrap_or(&default)),
                    self.member("value", shape.value.as_ref().unwrap_or(&default)),
                )
            }
            _ => {
                let members = self.body_members(name, shape);
                if shape.union || shape.eventstream {
                    SchemaKind::Union(members)
                } else {
                    SchemaKind::Structure(members)
                }
            }
        };
        if let Some(d) = self.defs.get_mut(name) {
            d.kind = kind;
        }
        Some(ident)
    }

    /// The members that travel in the body: not bound to the URI, query
    /// string, headers or status code, and not the payload.
    fn body_members(&mut self, name: &str, shape: &Shape) -> Vec<SchemaMember> {
        let input = self.input_shapes.contains(name);
        let payload = shape
            .payload
            .as_deref()
            .filter(|_| crate::ir::rest_protocol(&self.protocol));
        let bound = |r: &ShapeRef| match r.location.as_deref() {
            None => false,
            Some("uri" | "querystring") => input,
            Some(_) => true,
        };
        shape
            .members
            .iter()
            .filter(|(n, r)| !bound(r) && payload != Some(n.as_str()))
            .map(|(n, r)| self.member(n, r))
            .collect::<Vec<_>>()
    }

    fn member(&mut self, name: &str, r: &ShapeRef) -> SchemaMember {
        let target_shape = self.model.shapes.get(&r.shape);
        let target = match self.shape(&r.shape) {
            Some(ident) => SchemaTarget::Shape(ident),
            None => SchemaTarget::Scalar(self.scalar(r, target_shape)),
        };
        let shape_ns = target_shape.and_then(|s| s.xml_namespace.as_ref());
        SchemaMember {
            name: name.to_string(),
            xml_name: r
                .location_name
                .clone()
                .or_else(|| target_shape.and_then(|s| s.location_name.clone())),
            query_name: r.query_name.clone(),
            flattened: r.flattened || target_shape.is_some_and(|s| s.flattened),
            xml_attribute: r.xml_attribute,
            xml_namespace: r.xml_namespace.as_ref().or(shape_ns).and_then(namespace),
            target,
        }
    }

    /// The runtime's scalar schema of a member: by its target's type, and for
    /// a timestamp by the format its Rust type has.
    fn scalar(&self, r: &ShapeRef, shape: Option<&Shape>) -> &'static str {
        let Some(shape) = shape else { return "STRING" };
        match shape.shape_type.as_str() {
            "structure" => "DOCUMENT",
            "boolean" => "BOOLEAN",
            "byte" | "short" | "integer" | "long" => "INTEGER",
            "float" | "double" => "FLOAT",
            "blob" => "BLOB",
            "timestamp" => {
                // The format the member's Rust type has (the IR's choice).
                let explicit = r
                    .timestamp_format
                    .as_deref()
                    .or(shape.timestamp_format.as_deref())
                    .or(self.model.metadata.timestamp_format.as_deref());
                match crate::ir::timestamp_format(&self.protocol, explicit, None) {
                    TimestampFormat::Iso8601 => "TIMESTAMP_ISO8601",
                    TimestampFormat::HttpDate => "TIMESTAMP_HTTP_DATE",
                    TimestampFormat::EpochSeconds => "TIMESTAMP_EPOCH",
                }
            }
            _ => "STRING",
        }
    }

    fn ident_for(&mut self, shape: &str) -> String {
        let mut base: String = shape
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '_' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        if base.is_empty()
            || base.starts_with(|c: char| c.is_ascii_digit())
            || NOT_RAW.contains(&base.as_str())
        {
            base = format!("S_{base}");
        }
        let mut ident = base.clone();
        let mut n = 2;
        while self.idents.contains_key(&ident) {
            ident = format!("{base}_{n}");
            n += 1;
        }
        self.idents.insert(ident.clone(), shape.to_string());
        ident
    }
}
