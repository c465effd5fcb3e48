//! Stage 3: validated [`Model`] → intermediate representation.
//!
//! Every naming and typing decision is made here — Rust names, collisions,
//! optionality, boxing of recursive members, timestamp formats, documentation
//! text — so the emitter only prints what it is given.
//!
//! [`build`] also runs on a model that validation rejected, so that one run
//! reports every independent problem (a collision of names as well as the
//! empty enum value beside it): it skips exactly what validation reports —
//! operations, shapes and members whose names break the name rule, members
//! that refer to a missing shape, empty enum values, duplicate wire names —
//! so that nothing it reports is a consequence of those. Its diagnostics
//! come after validation's.

use crate::diag::{Diagnostic, Diagnostics};
use crate::docs;
use crate::model::{Model, Shape, ShapeRef};
use crate::names;
use crate::validate::is_valid_name;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// One service, ready to emit.
#[derive(Debug, Clone)]
pub struct Service {
    /// Rust module name (`apigateway`).
    pub module: String,
    /// Model file as given (for headers and diagnostics).
    pub model_file: String,
    /// The service's name, one line of Markdown (`Amazon API Gateway`).
    pub title: String,
    /// One line naming the service and its API version, the module's summary.
    pub summary: String,
    /// The model's documentation of the service, without the name the
    /// summary already gives.
    pub doc: String,
    /// The protocol spoken ([`crate::model::Metadata::effective_protocol`]):
    /// `json` for a `smithy-rpc-v2-cbor` service that lists `json` too.
    pub protocol: String,
    /// `metadata.jsonVersion` (`1.0`, `1.1`) of the `json` protocol.
    pub json_version: String,
    /// `metadata.targetPrefix` (the `json` protocol's `X-Amz-Target`).
    pub target_prefix: String,
    /// The SigV4 service name: `signingName`, else `endpointPrefix`.
    pub signing_name: String,
    pub endpoint_prefix: String,
    /// `awsQueryCompatible`: requests say `x-amzn-query-mode: true`, and error
    /// codes are the query protocol's (`error.code`, `x-amzn-query-error`).
    pub query_compatible: bool,
    /// Headers every request carries unless it sets them (see `Service::default_headers`).
    pub default_headers: Vec<(String, String)>,
    pub api_version: String,
    pub structs: Vec<StructDef>,
    pub enums: Vec<EnumDef>,
    pub unions: Vec<UnionDef>,
    pub operations: Vec<OperationDef>,
    /// Unions used as a payload (their JSON is a whole body).
    pub payload_unions: Vec<String>,
    /// Name of the per-service trait (`ApiGateway`).
    pub trait_name: String,
    /// Names this service's own types take away from the prelude/std/runtime;
    /// references to those must be fully qualified.
    pub shadowed: BTreeSet<String>,
    /// The static shape descriptions of a service whose bodies are not JSON
    /// (see [`crate::schema`]); empty for JSON services.
    pub schemas: Vec<crate::schema::SchemaDef>,
}

impl Service {
    /// Whether the types' serde form is this service's wire format: the
    /// `json` and `rest-json` protocols, whose bodies are JSON (and a model
    /// that names no protocol, whose serde keys follow the JSON rules). Only
    /// then do `from_json`/`to_json` read and write its bodies.
    pub fn speaks_json(&self) -> bool {
        is_json_protocol(&self.protocol)
    }
}

/// `json`, `rest-json`, or no protocol at all (see [`Service::speaks_json`]).
pub fn is_json_protocol(protocol: &str) -> bool {
    matches!(protocol, "json" | "rest-json" | "")
}

/// What a body is on the wire in `protocol`, for notes that say the serde
/// form is not it: `XML`, `CBOR`, ...
fn wire_format(protocol: &str) -> String {
    match protocol {
        "rest-xml" => "XML".to_string(),
        "query" => "query/XML".to_string(),
        "ec2" => "EC2 query/XML".to_string(),
        "smithy-rpc-v2-cbor" => "CBOR".to_string(),
        p if is_json_protocol(p) => "JSON".to_string(),
        other => format!("`{}`", code_text(other)),
    }
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
    /// An operation's input: gets the HTTP request bindings.
    pub is_input: bool,
    /// An operation's output: gets the HTTP response bindings (exceptions
    /// always do).
    pub is_output: bool,
    /// Used as the payload of an operation's input or output: its JSON is a
    /// whole body.
    pub is_payload: bool,
    /// `error.code` of an exception, when the model gives one.
    pub error_code: Option<String>,
    /// The static of the `schema` module describing it (non-JSON services).
    pub schema: Option<String>,
    /// The payload member's `locationName`: the element of an XML payload.
    pub payload_xml_name: Option<String>,
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
    /// The first sentence of the member's documentation, for its builder
    /// setter (empty when there is none; the field has the whole text).
    pub setter_doc: String,
    pub ty: TypeRef,
    pub presence: Presence,
    pub sensitive: bool,
    pub deprecated: Option<String>,
    /// HTTP binding of an input member.
    pub location: Option<Location>,
    /// Fills a `{label}` of the operation's host prefix.
    pub host_label: bool,
    /// An idempotency token: filled with a fresh UUID when unset.
    pub idempotency_token: bool,
    /// `jsonvalue`: a document that travels as a string of JSON text.
    pub jsonvalue: bool,
    /// The query keys of an input member in the `query` and `ec2` protocols,
    /// as patterns: `N` is a list item's or map entry's number (from 1), `*`
    /// a key of the structure's own members (`Filter.N.*`). Empty otherwise.
    pub query_keys: Vec<String>,
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
    /// The whole HTTP body (the structure's `payload` member).
    Payload,
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
    /// The variant whose value stands in while a builder's required member of
    /// this union is unset: the first that is not a structure or union (no
    /// nested placeholders), else the first. `None` for a union without members.
    pub placeholder: Option<usize>,
    /// The catch-all variant for members this crate does not know:
    /// `Unknown`, or `UnknownMember` (then `UnknownMember2`, ...) when a
    /// member already takes that name.
    pub unknown: String,
    /// The static of the `schema` module describing it (non-JSON services).
    pub schema: Option<String>,
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
    /// The documentation of the operation's unit type: the model's summary,
    /// then the request line, the input, output and error types (linked),
    /// then the rest of the model's text.
    pub doc: String,
    /// The documentation of the service trait's method: the summary and a
    /// link to the unit type.
    pub method_doc: String,
    /// Raw documentation text for the `DOCUMENTATION` constant.
    pub doc_plain: String,
    pub input: Option<String>,
    pub output: Option<String>,
    pub deprecated: Option<String>,
    /// The operation's error enum (`GetStageError`), its variants (the
    /// exception types it lists) and its catch-all variant (`Unhandled`).
    pub error_name: String,
    /// The enum `error_name` stands for: operations that list the same
    /// exceptions share one enum (the first such operation's), the others
    /// name it through a type alias, which keeps the generated code small.
    pub error_enum: String,
    pub errors: Vec<String>,
    pub unhandled_variant: String,
    /// `endpoint.hostPrefix` (`{AccountId}.`), or empty.
    pub host_prefix: String,
    /// How the operation pages (botocore's `paginators-1.json`), by Rust field.
    pub paginator: Option<PaginatorDef>,
    /// `output.resultWrapper` (`query`), when the model gives one.
    pub result_wrapper: Option<String>,
    /// `httpChecksumRequired`, or `httpChecksum.requestChecksumRequired`.
    pub checksum_required: bool,
    /// The header of the input member naming the checksum algorithm
    /// (`httpChecksum.requestAlgorithmMember`: `x-amz-sdk-checksum-algorithm`).
    pub checksum_algorithm_header: Option<String>,
}

/// A paginated operation's keys, as fields of its input and output.
#[derive(Debug, Clone, PartialEq)]
pub struct PaginatorDef {
    /// The input field that asks for the next page (`position`).
    pub input_token: String,
    /// The output field that names the next page.
    pub output_token: String,
    /// The input field of the page size, if any.
    pub limit_key: Option<String>,
    /// The output field holding the page's items, and its type as written in
    /// the operations module (`Option<Vec<super::RestApi>>`).
    pub result_key: String,
    pub result_type: TypeRef,
    pub result_presence: Presence,
}

/// Nicer enum variant names, by shape then value (one service of the enum name table).
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

/// Build the IR of one service. `module` must already be a valid module name;
/// `enum_table` names the enum name table in hints (`the enum name table
/// (models/enum-names.json)`). What [`crate::validate::validate`] reports is
/// skipped here, not reported again (see the module documentation): validate
/// the model too.
pub fn build(
    module: &str,
    file: &str,
    model: &Model,
    overrides: &EnumOverrides,
    enum_table: &str,
) -> Result<Service, Diagnostics> {
    Builder {
        file,
        module,
        model,
        overrides,
        enum_table,
        diags: Vec::new(),
        type_names: HashMap::new(),
        member_location: None,
        service_docs: service_docs(model, module),
        // Sized for every text a model can have (shapes and members): growing
        // would hash every text again.
        markdown: HashMap::with_capacity(model.shapes.values().map(|s| 1 + s.members.len()).sum()),
        input_shapes: model
            .operations
            .values()
            .filter_map(|o| o.input.as_ref().map(|i| i.shape.as_str()))
            .collect(),
    }
    .run(module)
    .map(|mut s| {
        mark_greedy(&mut s, model);
        add_binding_notes(&mut s);
        add_serde_form_notes(&mut s);
        crate::schema::add_schemas(&mut s, model);
        s
    })
}

struct Builder<'a> {
    file: &'a str,
    module: &'a str,
    model: &'a Model,
    overrides: &'a EnumOverrides,
    enum_table: &'a str,
    diags: Vec<Diagnostic>,
    /// shape name → Rust type name, for shapes that become types.
    type_names: HashMap<&'a str, String>,
    /// The service's name, summary and documentation (`service_docs`); the
    /// name is also the line of shapes without docs.
    service_docs: (String, String, String),
    /// Markdown of the documentation texts converted so far, by their HTML:
    /// a member without documentation of its own shares its shape's, and
    /// many members repeat the same text (a quarter of the corpus's bytes).
    markdown: HashMap<&'a str, String>,
    /// Shapes some operation takes as input (their `uri`/`querystring`
    /// bindings count; elsewhere they are ignored).
    input_shapes: BTreeSet<&'a str>,
    /// The location of the member whose type is being resolved: the items
    /// of a list bound to a header or the query string take its timestamp
    /// format default too.
    member_location: Option<String>,
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

    /// [`docs::html_to_markdown`] of a documentation text of the model,
    /// converted once per distinct text.
    fn markdown(&mut self, html: &'a str) -> String {
        if let Some(md) = self.markdown.get(html) {
            return md.clone();
        }
        let md = docs::html_to_markdown(html);
        self.markdown.insert(html, md.clone());
        md
    }

    fn run(mut self, module: &str) -> Result<Service, Diagnostics> {
        let model = self.model;
        // 1. Type names, with collision detection.
        let mut by_rust: BTreeMap<String, &str> = BTreeMap::new();
        for (shape_name, shape) in &model.shapes {
            // A shape whose name validation rejects is renamed anyway: a
            // collision of its Rust name would be a consequence.
            if kind_of(shape) == Kind::Inline || !is_valid_name(shape_name) {
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
        let mut shadowed: BTreeSet<String> = by_rust
            .keys()
            .filter(|n| RESERVED_TYPE_NAMES.contains(&n.as_str()))
            .cloned()
            .collect();

        // 2. Recursion: direct (non-heap) edges between struct/union shapes.
        let boxed_edges = self.recursive_edges();
        self.check_type_depth();

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

        self.check_builder_placeholders(&structs, &unions);

        // 4. Operations.
        let struct_names: BTreeSet<String> = structs.iter().map(|s| s.name.clone()).collect();
        let mut operations = Vec::new();
        let mut fn_names: BTreeMap<String, String> = BTreeMap::new();
        for (op_name, op) in model
            .operations
            .iter()
            .filter(|(name, _)| is_valid_name(name))
        {
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
            let raw_doc = op.documentation.as_deref().unwrap_or_default();
            let errors: Vec<String> = op
                .errors
                .iter()
                .filter_map(|e| self.type_names.get(e.shape.as_str()).cloned())
                .filter(|n| struct_names.contains(n.as_str()))
                .fold(Vec::new(), |mut v, n| {
                    if !v.contains(&n) {
                        v.push(n);
                    }
                    v
                });
            let mut unhandled_variant = "Unhandled".to_string();
            while errors.contains(&unhandled_variant) {
                unhandled_variant.push('_');
            }
            operations.push(OperationDef {
                name: op_name.clone(),
                type_name: names::type_name(op_name),
                fn_name,
                method: http.method.unwrap_or_else(|| "POST".to_string()),
                uri: http.request_uri.unwrap_or_else(|| "/".to_string()),
                status: http.response_code.unwrap_or(200),
                doc: docs::html_to_markdown(raw_doc),
                method_doc: String::new(),
                doc_plain: docs::decode_entities(&strip_html(raw_doc)),
                input: io(&op.input),
                output: io(&op.output),
                deprecated: deprecation(op.deprecated, &op.deprecated_message),
                error_name: String::new(),
                error_enum: String::new(),
                errors,
                unhandled_variant,
                host_prefix: op
                    .endpoint
                    .as_ref()
                    .and_then(|e| e.host_prefix.clone())
                    .unwrap_or_default(),
                paginator: None,
                result_wrapper: None,
                checksum_required: op.http_checksum_required
                    || op
                        .http_checksum
                        .as_ref()
                        .is_some_and(|c| c.request_checksum_required),
                checksum_algorithm_header: op
                    .http_checksum
                    .as_ref()
                    .and_then(|c| c.request_algorithm_member.as_deref())
                    .and_then(|m| {
                        let input = model.shapes.get(&op.input.as_ref()?.shape)?;
                        let r = input.members.get(m)?;
                        match r.location.as_deref() {
                            Some("header") => r.location_name.clone(),
                            _ => None,
                        }
                    }),
            });
        }

        // The operations module holds one unit type per operation, the service
        // trait and the error enum; operation types must differ from each other.
        let mut op_types: BTreeMap<&str, &str> = BTreeMap::new();
        for o in &operations {
            let prev = op_types.insert(o.type_name.as_str(), o.name.as_str());
            // Skip what the method-name check above reported already.
            if let Some(prev) = prev.filter(|p| names::field_name(p) != o.fn_name) {
                self.err(
                    format!("operations.{}", o.name),
                    format!(
                        "operations `{prev}` and `{}` both become the Rust type `{}`",
                        o.name, o.type_name
                    ),
                    "rename one of the operations",
                );
            }
        }

        if !self.diags.is_empty() {
            return Err(Diagnostics(self.diags));
        }
        let md = &model.metadata;
        let (title, summary, service_doc) = std::mem::take(&mut self.service_docs);
        let trait_base = md.service_id.clone().unwrap_or_else(|| module.to_string());
        // The trait and the error enum give way to operation types (an
        // operation named `Error`); names that shadow std or runtime types make
        // the generated code spell those by full path.
        let mut trait_name = names::type_name(&trait_base);
        while op_types.contains_key(trait_name.as_str()) {
            trait_name.push_str("Api");
        }
        // Each operation's error enum (`GetStageError`) lives beside the
        // operation types and the trait, and must differ from all of them.
        let mut taken: BTreeSet<String> = op_types.keys().map(|s| s.to_string()).collect();
        taken.insert(trait_name.clone());
        for o in &mut operations {
            // `Self_` → `SelfError` (no `_` inside a camel-case name).
            let base = o.type_name.trim_end_matches('_');
            let mut name = format!("{base}Error");
            let mut n = 1;
            while taken.contains(&name) {
                n += 1;
                name = format!(
                    "{base}OperationError{}",
                    if n > 2 { n.to_string() } else { String::new() }
                );
            }
            taken.insert(name.clone());
            o.error_name = name;
        }
        let mut shared: BTreeMap<(Vec<String>, String), String> = BTreeMap::new();
        for o in &mut operations {
            o.error_enum = shared
                .entry((o.errors.clone(), o.unhandled_variant.clone()))
                .or_insert_with(|| o.error_name.clone())
                .clone();
            operation_docs(o, &title);
        }
        // Paginators whose keys are plain members of the input and output
        // (every one of API Gateway's; botocore also has JMESPath keys and
        // several tokens, which get no `Paginated` impl).
        let struct_index: HashMap<&str, usize> = structs
            .iter()
            .enumerate()
            .map(|(i, s)| (s.name.as_str(), i))
            .collect();
        for o in &mut operations {
            let Some(p) = model.paginators.get(&o.name) else {
                continue;
            };
            let find = |shape: &Option<String>, member: &str| -> Option<FieldDef> {
                let s = &structs[*struct_index.get(shape.as_deref()?)?];
                s.fields.iter().find(|f| f.member == member).cloned()
            };
            let (Some(it), Some(ot), Some(rk)) = (
                p.input_token.single(),
                p.output_token.single(),
                p.result_key.single(),
            ) else {
                continue;
            };
            let (Some(it), Some(ot), Some(rk)) =
                (find(&o.input, it), find(&o.output, ot), find(&o.output, rk))
            else {
                self.diags.push(Diagnostic::new(
                    self.file,
                    format!("paginators.{}", o.name),
                    format!(
                        "the paginator of `{}` names a token or result member that its input or output does not have",
                        o.name
                    ),
                    "check the operation's entry in the paginators file against the model",
                ));
                continue;
            };
            let token_ok =
                |f: &FieldDef| f.ty == TypeRef::String && f.presence != Presence::Defaulted;
            let items_ok = matches!(rk.ty, TypeRef::List(_) | TypeRef::Map(..));
            if !(token_ok(&it) && token_ok(&ot) && items_ok) {
                continue;
            }
            let limit_key = p
                .limit_key
                .as_deref()
                .and_then(|k| find(&o.input, k))
                .map(|f| f.ident);
            o.paginator = Some(PaginatorDef {
                input_token: it.ident,
                output_token: ot.ident,
                limit_key,
                result_key: rk.ident,
                result_type: rk.ty,
                result_presence: rk.presence,
            });
        }
        // Structures' roles in operations.
        let inputs: BTreeSet<&str> = operations
            .iter()
            .filter_map(|o| o.input.as_deref())
            .collect();
        let outputs: BTreeSet<&str> = operations
            .iter()
            .filter_map(|o| o.output.as_deref())
            .collect();
        for s in &mut structs {
            s.is_input = inputs.contains(s.name.as_str());
            s.is_output = outputs.contains(s.name.as_str());
        }
        {}
        let payload_types: Vec<String> = structs
            .iter()
            .filter(|s| s.is_input || s.is_output || s.is_error)
            .filter_map(|s| {
                let p = s.payload.as_ref()?;
                let f = s.fields.iter().find(|f| &f.member == p)?;
                match &f.ty {
                    TypeRef::Named(n) => Some(n.clone()),
                    TypeRef::Boxed(b) => match &**b {
                        TypeRef::Named(n) => Some(n.clone()),
                        _ => None,
                    },
                    _ => None,
                }
            })
            .collect();
        for s in &mut structs {
            s.is_payload = payload_types.contains(&s.name);
        }
        let payload_unions: Vec<String> = unions
            .iter()
            .filter(|u| payload_types.contains(&u.name))
            .map(|u| u.name.clone())
            .collect();
        for n in taken.iter() {
            if RESERVED_TYPE_NAMES.contains(&n.as_str()) {
                shadowed.insert(n.to_string());
            }
        }
        Ok(Service {
            module: module.to_string(),
            model_file: self.file.to_string(),
            title,
            summary,
            doc: service_doc,
            protocol: md.effective_protocol().to_string(),
            json_version: md.json_version.clone().unwrap_or_default(),
            target_prefix: md.target_prefix.clone().unwrap_or_default(),
            signing_name: md
                .signing_name
                .clone()
                .or_else(|| md.endpoint_prefix.clone())
                .unwrap_or_default(),
            endpoint_prefix: md.endpoint_prefix.clone().unwrap_or_default(),
            default_headers: default_headers(md),
            query_compatible: md.aws_query_compatible.is_some(),
            payload_unions,
            api_version: one_line(md.api_version.as_deref().unwrap_or_default()),
            structs,
            enums,
            unions,
            operations,
            trait_name,
            shadowed,
            schemas: Vec::new(),
        })
    }

    /// Edges `(from shape, member)` that close a cycle of direct containment and
    /// therefore need a `Box`: a member holding a structure or union directly
    /// (not through a list or map) whose target can reach the holder again, that
    /// is, both ends lie in one strongly connected component. Linear time, so a
    /// model with 100,000 shapes costs no more than its size.
    /// A builder holds a placeholder in each required member not set yet (see
    /// the runtime's `Builder`): a structure with required members is
    /// placeheld member by member, a union by its placeholder variant. That
    /// must end: a shape that requires itself that way has no finite value at
    /// all.
    fn check_builder_placeholders(&mut self, structs: &[StructDef], unions: &[UnionDef]) {
        fn named(t: &TypeRef) -> Option<&str> {
            match t {
                TypeRef::Named(n) => Some(n),
                TypeRef::Boxed(inner) => named(inner),
                _ => None,
            }
        }
        let mut needs: BTreeMap<&str, Vec<(&str, &str)>> = BTreeMap::new();
        let mut shape_of: BTreeMap<&str, &str> = BTreeMap::new();
        for s in structs {
            shape_of.insert(&s.name, &s.shape);
            let required: Vec<&FieldDef> = s
                .fields
                .iter()
                .filter(|f| f.presence == Presence::Required)
                .collect();
            let edges = required
                .iter()
                .filter_map(|f| named(&f.ty).map(|n| (n, f.member.as_str())))
                .collect();
            needs.insert(&s.name, edges);
        }
        for u in unions {
            shape_of.insert(&u.name, &u.shape);
            let edges = u
                .placeholder
                .and_then(|i| {
                    let v = &u.variants[i];
                    named(&v.ty).map(|n| (n, v.member.as_str()))
                })
                .into_iter()
                .collect();
            needs.insert(&u.name, edges);
        }
        // Depth-first search for a cycle; each shape is reported once.
        let mut state: BTreeMap<&str, u8> = BTreeMap::new();
        let mut reported = false;
        for start in needs.keys().copied().collect::<Vec<_>>() {
            if reported || state.contains_key(start) {
                continue;
            }
            let mut stack: Vec<(&str, usize)> = vec![(start, 0)];
            let mut path: Vec<(&str, &str)> = Vec::new();
            state.insert(start, 1);
            while let Some((node, i)) = stack.pop() {
                let edges = needs.get(node).map_or(&[][..], Vec::as_slice);
                if i < edges.len() {
                    stack.push((node, i + 1));
                    let (next, member) = edges[i];
                    match state.get(next) {
                        Some(1) => {
                            path.push((node, member));
                            let from = path.iter().position(|(n, _)| *n == next).unwrap_or(0);
                            let chain: Vec<String> = path[from..]
                                .iter()
                                .map(|(n, m)| format!("{}.{m}", shape_of.get(n).unwrap_or(n)))
                                .collect();
                            let shape = shape_of.get(next).copied().unwrap_or(next);
                            self.err(
                                format!("shapes.{shape}"),
                                format!(
                                    "`{shape}` requires itself ({} → {shape}): a builder has no placeholder value to hold for it while it is unset",
                                    chain.join(" → ")
                                ),
                                "make one of these members optional (drop it from `required`)",
                            );
                            reported = true;
                            break;
                        }
                        Some(_) => {}
                        None if needs.contains_key(next) => {
                            state.insert(next, 1);
                            path.push((node, member));
                            stack.push((next, 0));
                        }
                        None => {}
                    }
                } else {
                    state.insert(node, 2);
                    path.pop();
                }
            }
        }
    }

    fn recursive_edges(&self) -> BTreeSet<(String, String)> {
        let model = self.model;
        let nodes: Vec<(&str, &Shape)> = model
            .shapes
            .iter()
            .filter(|(_, s)| matches!(kind_of(s), Kind::Struct | Kind::Union))
            .map(|(n, s)| (n.as_str(), s))
            .collect();
        let index_of: HashMap<&str, usize> = nodes
            .iter()
            .enumerate()
            .map(|(i, (n, _))| (*n, i))
            .collect();
        let edges: Vec<Vec<(&str, usize)>> = nodes
            .iter()
            .map(|(_, s)| {
                s.members
                    .iter()
                    .filter_map(|(m, r)| index_of.get(r.shape.as_str()).map(|&t| (m.as_str(), t)))
                    .collect()
            })
            .collect();
        let component = strongly_connected(&edges);
        let mut out = BTreeSet::new();
        for (from, targets) in edges.iter().enumerate() {
            for &(member, to) in targets {
                if component[from] == component[to] {
                    out.insert((nodes[from].0.to_string(), member.to_string()));
                }
            }
        }
        out
    }

    fn type_ref(&mut self, r: &ShapeRef) -> TypeRef {
        self.member_location = r.location.clone();
        let t = self.nested_type_ref(r, 0);
        self.member_location = None;
        t
    }

    /// rustc gives up on types nested too deeply ("overflow while adding
    /// drop-check rules", around 64 structures each holding the next): the
    /// deepest chain of containment, where a structure or union counts 2 and a
    /// list or map 1 (a cycle counts once: recursion is fine), must stay within
    /// [`MAX_TYPE_DEPTH`]. botocore's deepest model (bedrock-agent-runtime)
    /// needs about 40.
    fn check_type_depth(&mut self) {
        let model = self.model;
        let nodes: Vec<(&str, &Shape)> =
            model.shapes.iter().map(|(n, s)| (n.as_str(), s)).collect();
        let index_of: HashMap<&str, usize> = nodes
            .iter()
            .enumerate()
            .map(|(i, (n, _))| (*n, i))
            .collect();
        let edges: Vec<Vec<(&str, usize)>> = nodes
            .iter()
            .map(|(_, s)| {
                let refs: Vec<&ShapeRef> = match s.shape_type.as_str() {
                    "structure" if !s.document => s.members.values().collect(),
                    "list" => s.member.iter().collect(),
                    "map" => s.key.iter().chain(s.value.iter()).collect(),
                    _ => Vec::new(),
                };
                refs.into_iter()
                    .filter(|r| !r.jsonvalue)
                    .filter_map(|r| index_of.get(r.shape.as_str()).map(|&t| ("", t)))
                    .collect()
            })
            .collect();
        let weight = |s: &Shape| match s.shape_type.as_str() {
            "structure" if !s.document => 2,
            "list" | "map" => 1,
            _ => 0,
        };
        let component = strongly_connected(&edges);
        let count = component.iter().map(|c| c + 1).max().unwrap_or(0);
        let mut members: Vec<Vec<usize>> = vec![Vec::new(); count];
        for (node, &c) in component.iter().enumerate() {
            members[c].push(node);
        }
        // Tarjan numbers a component only after every component it reaches.
        let mut depth = vec![0usize; count];
        for c in 0..count {
            let own = members[c]
                .iter()
                .map(|&n| weight(nodes[n].1))
                .max()
                .unwrap_or(0);
            let below = members[c]
                .iter()
                .flat_map(|&n| edges[n].iter())
                .filter(|(_, t)| component[*t] != c)
                .map(|(_, t)| depth[component[*t]])
                .max()
                .unwrap_or(0);
            depth[c] = own + below;
        }
        let deepest = (0..nodes.len()).max_by_key(|&n| (depth[component[n]], std::cmp::Reverse(n)));
        if let Some(n) = deepest {
            let d = depth[component[n]];
            if d > MAX_TYPE_DEPTH {
                self.err(
                    format!("shapes.{}", nodes[n].0),
                    format!(
                        "the shapes starting at `{}` nest too deeply for the Rust compiler (depth {d}, counting 2 per structure and 1 per list or map; the limit is {MAX_TYPE_DEPTH})",
                        nodes[n].0
                    ),
                    "flatten the model: real service models nest about 20 structures deep at most",
                );
            }
        }
    }

    /// [`Self::type_ref`] at `depth` lists and maps inside the member. Deeper
    /// than [`MAX_NESTING`] (in particular a list or map that contains itself,
    /// which no Rust type can express) is an error, reported once per shape.
    fn nested_type_ref(&mut self, r: &ShapeRef, depth: usize) -> TypeRef {
        // Validation reports every reference to a missing shape.
        let Some(shape) = self.model.shapes.get(&r.shape) else {
            return TypeRef::Document;
        };
        if depth >= MAX_NESTING && matches!(shape.shape_type.as_str(), "list" | "map") {
            let at = format!("shapes.{}", r.shape);
            let already = self
                .diags
                .iter()
                .rev()
                .take(64)
                .any(|d| d.path == at && d.message.contains("nest more than"));
            if !already {
                self.err(
                    at,
                    format!(
                        "lists and maps nest more than {MAX_NESTING} levels deep at `{}` (a list or map that contains itself, directly or through other lists and maps, cannot become a Rust type)",
                        r.shape
                    ),
                    "break the cycle with a structure, or flatten the nesting",
                );
            }
            return TypeRef::Document;
        }
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
                Some(m) => TypeRef::List(Box::new(self.nested_type_ref(m, depth + 1))),
                None => TypeRef::List(Box::new(TypeRef::Document)),
            },
            "map" => {
                // A key that is not a string is a validation error; taking it as
                // a string here keeps a model whose keys are maps of maps ...
                // from growing a type twice as large per level.
                let key = match &shape.key {
                    Some(k)
                        if self
                            .model
                            .shapes
                            .get(&k.shape)
                            .is_some_and(|t| t.shape_type == "string") =>
                    {
                        self.nested_type_ref(k, depth + 1)
                    }
                    _ => TypeRef::String,
                };
                let value = match &shape.value {
                    Some(v) => self.nested_type_ref(v, depth + 1),
                    None => TypeRef::Document,
                };
                TypeRef::Map(Box::new(key), Box::new(value))
            }
            _ => TypeRef::Document,
        }
    }

    fn timestamp_format(&self, explicit: Option<&str>, r: &ShapeRef) -> TimestampFormat {
        let location = r.location.as_deref().or(self.member_location.as_deref());
        timestamp_format(self.model.metadata.effective_protocol(), explicit, location)
    }

    /// A shape's documentation: the model's, or for a shape without any, a line
    /// saying what it is (`kind`: "a structure").
    fn shape_doc(&mut self, shape_name: &str, shape: &'a Shape, kind: &str) -> String {
        let doc = self.markdown(shape.documentation.as_deref().unwrap_or(""));
        if !doc.trim().is_empty() {
            return doc;
        }
        format!(
            "The {} shape of {}: {kind}.",
            docs::code_span(shape_name),
            self.service_docs.0
        )
    }

    /// Non-nullable primitive: a boolean or number shape for which the model
    /// also defines `Nullable<Name>` — botocore's way (apigateway, lambda, …) of
    /// marking `Boolean`/`Integer` as "always present, default 0/false".
    /// The builder of a structure has a setter and a `set_…` method per member,
    /// `push_…`/`insert_…` for lists and maps, and `build`: members whose
    /// methods would share a name (`tags` and `set_tags`) are an error.
    fn builder_methods(&mut self, shape_name: &str, fields: &[FieldDef]) {
        // method → (member, field); members that share a field are reported already.
        let mut methods: BTreeMap<String, (&str, &str)> = BTreeMap::new();
        methods.insert("build".to_string(), ("", ""));
        for f in fields {
            let setter = names::setter_name(&f.ident);
            let base = names::unraw(&setter).to_string();
            let mut own = vec![base.clone(), format!("set_{base}")];
            match &f.ty {
                TypeRef::List(_) => own.push(format!("push_{base}")),
                TypeRef::Map(..) => own.push(format!("insert_{base}")),
                _ => {}
            }
            for m in own {
                if let Some((prev, prev_field)) = methods.insert(m.clone(), (&f.member, &f.ident)) {
                    if prev_field == f.ident {
                        continue;
                    }
                    let prev = if prev.is_empty() {
                        "the builder's own `build`".to_string()
                    } else {
                        format!("the member `{prev}`")
                    };
                    self.err(
                        format!("shapes.{shape_name}.members.{}", f.member),
                        format!(
                            "the member `{}` of `{shape_name}` needs the builder method `{m}`, which {prev} also needs",
                            f.member
                        ),
                        "rename one of the members",
                    );
                }
            }
        }
    }

    /// Whether serde keys are the model's JSON wire names (`locationName`).
    /// True for the protocols whose body is a keyed object (`json`,
    /// `rest-json`, `smithy-rpc-v2-cbor`, or none given), by the protocol
    /// spoken ([`crate::model::Metadata::effective_protocol`]). For XML and
    /// query protocols `locationName` names an XML element or query key, so
    /// serde uses the member name instead: the keys boto3's dicts use.
    fn json_keys(&self) -> bool {
        json_keyed(self.model.metadata.effective_protocol())
    }

    /// The query keys of a member of an operation's input in the `query` and
    /// `ec2` protocols, as botocore's `QuerySerializer` and `EC2Serializer`
    /// write them, with `N` for a list item's or map entry's number and `*`
    /// for the keys of a structure's members. Empty in other protocols.
    fn query_keys(&self, member: &str, r: &ShapeRef) -> Vec<String> {
        let ec2 = match self.model.metadata.effective_protocol() {
            "query" => false,
            "ec2" => true,
            _ => return Vec::new(),
        };
        let mut out = Vec::new();
        let name = query_name(r, member, ec2);
        self.push_query_keys(r, name, ec2, 0, &mut out);
        out
    }

    fn push_query_keys(
        &self,
        r: &ShapeRef,
        prefix: String,
        ec2: bool,
        depth: usize,
        out: &mut Vec<String>,
    ) {
        let Some(shape) = self.model.shapes.get(&r.shape) else {
            return out.push(prefix);
        };
        // Lists and maps that nest too deeply are reported by `type_ref`; a
        // map keyed by maps (reported by validation) would double the keys
        // at each level.
        if depth >= MAX_NESTING || out.len() >= MAX_QUERY_KEYS {
            return out.push(prefix);
        }
        let flattened = shape.flattened || r.flattened;
        match shape.shape_type.as_str() {
            "structure" if !shape.document => out.push(format!("{prefix}.*")),
            "list" => {
                let Some(item) = &shape.member else {
                    return out.push(prefix);
                };
                let list = match (ec2, flattened, &item.location_name) {
                    (true, _, _) => prefix,
                    // The item's name replaces the member's own.
                    (false, true, Some(n)) => match prefix.rsplit_once('.') {
                        Some((head, _)) => format!("{head}.{n}"),
                        None => n.clone(),
                    },
                    (false, true, None) => prefix,
                    (false, false, n) => {
                        format!("{prefix}.{}", n.as_deref().unwrap_or("member"))
                    }
                };
                self.push_query_keys(item, format!("{list}.N"), ec2, depth + 1, out);
            }
            "map" => {
                let entry = if flattened {
                    prefix
                } else {
                    format!("{prefix}.entry")
                };
                for (r, default) in [(&shape.key, "key"), (&shape.value, "value")] {
                    let name = r
                        .as_ref()
                        .map_or(default.to_string(), |r| query_name(r, default, ec2));
                    let key = format!("{entry}.N.{name}");
                    match r {
                        Some(r) => self.push_query_keys(r, key, ec2, depth + 1, out),
                        None => out.push(key),
                    }
                }
            }
            _ => out.push(prefix),
        }
    }

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
        shape: &'a Shape,
        name: String,
        boxed: &BTreeSet<(String, String)>,
    ) -> StructDef {
        let mut fields = Vec::new();
        let mut idents: BTreeMap<String, String> = BTreeMap::new();
        let mut wires: BTreeMap<String, String> = BTreeMap::new();
        let is_error = shape.exception || shape.error.is_some();
        let is_input = self.input_shapes.contains(shape_name);
        // Only the REST protocols have a payload; the RPC ones (`json`,
        // `query`, `ec2`, `smithy-rpc-v2-cbor`) ignore the trait, as botocore does.
        let payload = shape
            .payload
            .as_deref()
            .filter(|_| rest_protocol(self.model.metadata.effective_protocol()));
        // Serde keys of the body members. A member bound to the URI, a header or
        // the query string is keyed by its member name, or by its `locationName`
        // when a body member already uses that key (apigateway's
        // `PutIntegrationRequest`: `httpMethod` in the URI and
        // `integrationHttpMethod`, JSON key `httpMethod`, in the body), with
        // `_` appended while that is taken too.
        let body_keys: BTreeSet<String> = shape
            .members
            .iter()
            .filter(|(m, r)| {
                let bound = match location_of(r, m) {
                    Some(Location::Uri { .. } | Location::Query(_)) => is_input,
                    other => other.is_some(),
                };
                !bound && payload != Some(m.as_str())
            })
            .map(|(m, r)| match &r.location_name {
                Some(l) if self.json_keys() => l.clone(),
                _ => m.clone(),
            })
            .collect();
        for (member, r) in valid_members(self.model, shape) {
            let ident = names::field_name(member);
            if let Some(prev) = idents.insert(ident.clone(), member.clone()) {
                self.err(
                    format!("shapes.{shape_name}.members.{member}"),
                    format!("members `{prev}` and `{member}` of `{shape_name}` both become the Rust field `{ident}`"),
                    "rename one of the members (its wire name can stay the same through `locationName`)",
                );
            }
            let location = match location_of(r, member) {
                _ if payload == Some(member.as_str()) => Some(Location::Payload),
                // A response has no URI or query string: botocore and Smithy
                // ignore such bindings on a structure no operation takes as
                // input, and read the member from the body.
                Some(Location::Uri { .. } | Location::Query(_)) if !is_input => None,
                other => other,
            };
            let wire_name = match (&location, &r.location_name) {
                (None, Some(l)) if self.json_keys() => l.clone(),
                (None, _) => member.clone(),
                (Some(_), l) => {
                    let mut key = match l {
                        Some(l) if body_keys.contains(member) => l.clone(),
                        _ => member.clone(),
                    };
                    while body_keys.contains(&key) || wires.contains_key(&key) {
                        key.push('_');
                    }
                    key
                }
            };
            // Two body members with one key are reported by validation (the
            // keys of bound members are made unique above).
            wires.insert(wire_name.clone(), member.clone());
            let mut ty = self.type_ref(r);
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
            let doc = self.markdown(doc_html);
            fields.push(FieldDef {
                member: member.clone(),
                ident,
                wire_name,
                setter_doc: docs::first_sentence(&docs::first_paragraph(&doc)).to_string(),
                doc,
                ty,
                presence,
                sensitive,
                deprecated: deprecation(r.deprecated, &r.deprecated_message),
                query_keys: match is_input {
                    true => self.query_keys(member, r),
                    false => Vec::new(),
                },
                location,
                host_label: r.host_label,
                idempotency_token: r.idempotency_token,
                jsonvalue: r.jsonvalue,
            });
        }
        self.builder_methods(shape_name, &fields);
        let derive_default = fields.iter().all(|f| f.presence != Presence::Required);
        let kind = if is_error {
            "an exception (an error that operations return)"
        } else {
            "a structure"
        };
        StructDef {
            shape: shape_name.to_string(),
            name,
            doc: self.shape_doc(shape_name, shape, kind),
            has_sensitive: shape.sensitive || fields.iter().any(|f| f.sensitive),
            fields,
            derive_default,
            is_error,
            deprecated: deprecation(shape.deprecated, &shape.deprecated_message),
            payload: payload.map(str::to_string),
            is_input: false,
            is_output: false,
            is_payload: false,
            error_code: shape.error.as_ref().and_then(|e| e.code.clone()),
            schema: None,
            payload_xml_name: None,
        }
    }

    fn union(
        &mut self,
        shape_name: &str,
        shape: &'a Shape,
        name: String,
        boxed: &BTreeSet<(String, String)>,
    ) -> UnionDef {
        let mut variants = Vec::new();
        let mut seen: BTreeMap<String, String> = BTreeMap::new();
        let mut has_sensitive = shape.sensitive;
        for (member, r) in valid_members(self.model, shape) {
            let vname = names::type_name(member);
            if let Some(prev) = seen.insert(vname.clone(), member.clone()) {
                self.err(
                    format!("shapes.{shape_name}.members.{member}"),
                    format!("members `{prev}` and `{member}` of the union `{shape_name}` both become the variant `{vname}`"),
                    "rename one of the members",
                );
            }
            let mut ty = self.type_ref(r);
            if boxed.contains(&(shape_name.to_string(), member.clone())) {
                ty = TypeRef::Boxed(Box::new(ty));
            }
            let target = self.model.shapes.get(&r.shape);
            has_sensitive |= target.is_some_and(|t| t.sensitive);
            variants.push(UnionVariant {
                member: member.clone(),
                name: vname,
                wire_name: match &r.location_name {
                    Some(l) if self.json_keys() => l.clone(),
                    _ => member.clone(),
                },
                doc: self.markdown(
                    r.documentation
                        .as_deref()
                        .or(target.and_then(|t| t.documentation.as_deref()))
                        .unwrap_or(""),
                ),
                ty,
            });
        }
        // One per variant: the members kept above.
        let composite: Vec<bool> = valid_members(self.model, shape)
            .map(|(_, r)| {
                self.model
                    .shapes
                    .get(&r.shape)
                    .is_some_and(|t| matches!(kind_of(t), Kind::Struct | Kind::Union))
            })
            .collect();
        let placeholder = composite
            .iter()
            .position(|c| !c)
            .or((!variants.is_empty()).then_some(0));
        let unknown = std::iter::once("Unknown".to_string())
            .chain((1..).map(|n| match n {
                1 => "UnknownMember".to_string(),
                n => format!("UnknownMember{n}"),
            }))
            .find(|candidate| !seen.contains_key(candidate))
            .expect("an unbounded list of names has one not taken");
        let kind = if shape.eventstream {
            "an event stream (a union of its events)"
        } else {
            "a union (exactly one member is set)"
        };
        UnionDef {
            shape: shape_name.to_string(),
            name,
            doc: self.shape_doc(shape_name, shape, kind),
            variants,
            has_sensitive,
            deprecated: deprecation(shape.deprecated, &shape.deprecated_message),
            placeholder,
            unknown,
            schema: None,
        }
    }

    fn enumeration(&mut self, shape_name: &str, shape: &'a Shape, name: String) -> EnumDef {
        let overrides = self.overrides.get(shape_name);
        let mut variants = Vec::new();
        let mut seen: BTreeMap<String, String> = BTreeMap::new();
        for (i, value) in shape.enum_values.iter().flatten().enumerate() {
            if value.is_empty() {
                continue; // reported by validation
            }
            let vname = match overrides.and_then(|o| o.get(value)) {
                Some(o) if names::is_valid_ident(o) && o != "Unknown" => o.clone(),
                Some(o) => {
                    self.err(
                        format!("shapes.{shape_name}.enum[{i}]"),
                        format!(
                            "the override name `{o}` for `{value}` is not a usable variant name"
                        ),
                        &format!(
                            "in {} use an UpperCamelCase Rust identifier other than `Unknown`",
                            self.enum_table
                        ),
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
                        "name one of them in {}: {{\"{}\": {{\"{shape_name}\": {{\"{value}\": \"SomeOtherName\"}}}}}}",
                        self.enum_table, self.module
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
            doc: self.shape_doc(shape_name, shape, "a string enum"),
            variants,
            deprecated: deprecation(shape.deprecated, &shape.deprecated_message),
        }
    }
}

/// How deep lists and maps may nest inside one member (botocore's deepest is 3).
pub const MAX_NESTING: usize = 32;

/// The most query keys a member's note names (a map names two, a map of
/// maps three).
const MAX_QUERY_KEYS: usize = 8;

/// How deep types may nest in all (see `Builder::check_type_depth`).
pub const MAX_TYPE_DEPTH: usize = 100;

/// Strongly connected components of a graph given as adjacency lists of
/// `(label, target)`: the component number of every node. Tarjan's algorithm,
/// iterative so that a deep graph cannot overflow the stack.
fn strongly_connected(edges: &[Vec<(&str, usize)>]) -> Vec<usize> {
    const UNSEEN: usize = usize::MAX;
    let n = edges.len();
    let mut index = vec![UNSEEN; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut component = vec![UNSEEN; n];
    let mut stack: Vec<usize> = Vec::new();
    let (mut next_index, mut next_component) = (0, 0);
    for root in 0..n {
        if index[root] != UNSEEN {
            continue;
        }
        index[root] = next_index;
        low[root] = next_index;
        next_index += 1;
        stack.push(root);
        on_stack[root] = true;
        // (node, index of its next edge to follow)
        let mut work = vec![(root, 0usize)];
        while let Some(&(v, e)) = work.last() {
            if let Some(&(_, w)) = edges[v].get(e) {
                if let Some(top) = work.last_mut() {
                    top.1 += 1;
                }
                if index[w] == UNSEEN {
                    index[w] = next_index;
                    low[w] = next_index;
                    next_index += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    component[w] = next_component;
                    if w == v {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    component
}

/// Headers a service's requests carry unless they set them: API Gateway
/// (v1) answers in JSON only when asked to, so botocore adds
/// `Accept: application/json` to every request that has no `Accept`
/// (`add_accept_header`, registered for `before-call.api-gateway` in
/// botocore's `handlers.py`); GetExport's `accepts` member sets its own.
fn default_headers(md: &crate::model::Metadata) -> Vec<(String, String)> {
    // By service id: apigatewayv2 shares the endpoint prefix `apigateway`.
    match (md.service_id.as_deref(), md.effective_protocol()) {
        (Some("API Gateway"), "rest-json") => {
            vec![("Accept".to_string(), "application/json".to_string())]
        }
        _ => Vec::new(),
    }
}

/// The members of a structure or union that validation accepts: names that
/// follow the name rule, referring to shapes that exist.
fn valid_members<'s>(
    model: &'s Model,
    shape: &'s Shape,
) -> impl Iterator<Item = (&'s String, &'s ShapeRef)> {
    shape
        .members
        .iter()
        .filter(move |(m, r)| is_valid_name(m) && model.shapes.contains_key(&r.shape))
}

/// The format of a timestamp: the model's `timestampFormat` (`explicit`: the
/// reference's, else the shape's, else the metadata's), else the default of
/// where it travels (`location`) and of the protocol. The schemas of the
/// non-JSON protocols follow the same choice ([`crate::schema`]).
pub fn timestamp_format(
    protocol: &str,
    explicit: Option<&str>,
    location: Option<&str>,
) -> TimestampFormat {
    // CBOR has its own time type (tag 1, epoch seconds), whatever the model says.
    if protocol == "smithy-rpc-v2-cbor" {
        return TimestampFormat::EpochSeconds;
    }
    match explicit {
        Some("iso8601") => TimestampFormat::Iso8601,
        Some("rfc822") => TimestampFormat::HttpDate,
        Some(_) => TimestampFormat::EpochSeconds,
        // Protocol defaults: headers carry HTTP dates, query strings and
        // XML/query bodies ISO 8601, JSON bodies epoch seconds.
        None => match location {
            Some("header" | "headers") => TimestampFormat::HttpDate,
            Some("querystring" | "uri") => TimestampFormat::Iso8601,
            _ => match protocol {
                "rest-xml" | "query" | "ec2" => TimestampFormat::Iso8601,
                _ => TimestampFormat::EpochSeconds,
            },
        },
    }
}

/// The protocols with HTTP bindings (a model without a protocol is read as
/// REST JSON).
pub fn rest_protocol(protocol: &str) -> bool {
    matches!(protocol, "rest-json" | "rest-xml" | "")
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

/// Whether serde keys are the JSON wire names in `protocol` (see
/// `Builder::json_keys`).
fn json_keyed(protocol: &str) -> bool {
    is_json_protocol(protocol) || protocol == "smithy-rpc-v2-cbor"
}

/// The key botocore gives a member (or list item, map key or value) in a
/// query string: `queryName`, else `locationName` (capitalized in `ec2`),
/// else `default` (the member name).
fn query_name(r: &ShapeRef, default: &str, ec2: bool) -> String {
    match (&r.query_name, &r.location_name) {
        (Some(q), _) if ec2 => q.clone(),
        (_, Some(l)) if ec2 => {
            let mut c = l.chars();
            c.next()
                .map(|first| first.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        }
        (_, Some(l)) => l.clone(),
        _ => default.to_string(),
    }
}

/// Ends the documentation of each member bound to the HTTP request or
/// response with where it travels: nothing else a reader of the type sees
/// says that it is not in the body. In the `query` and `ec2` protocols, which
/// have no HTTP bindings, each member of an operation's input says its query
/// key instead. Runs once greedy labels are known.
fn add_binding_notes(service: &mut Service) {
    let body = match service.protocol.as_str() {
        "rest-xml" => "the XML body",
        "smithy-rpc-v2-cbor" => "the CBOR body",
        p if is_json_protocol(p) => "the JSON body",
        _ => "the body",
    };
    for f in service.structs.iter_mut().flat_map(|s| &mut s.fields) {
        let note = match (&f.location, f.query_keys.as_slice()) {
            (_, [_, ..]) => query_note(&f.query_keys),
            (Some(location), []) => binding_note(location, body),
            (None, []) => continue,
        };
        if !f.doc.trim().is_empty() {
            f.doc.push_str("\n\n");
        }
        f.doc.push_str(&note);
    }
}

/// A code span of model text: one line, and no backtick to end it early.
fn code_text(name: &str) -> String {
    let clean: String = name
        .chars()
        .map(|c| if c.is_control() || c == '`' { ' ' } else { c })
        .collect();
    clean.trim().to_string()
}

/// The query keys of a member of the `query` and `ec2` protocols, as a
/// sentence of Markdown.
fn query_note(keys: &[String]) -> String {
    let spans: Vec<String> = keys.iter().map(|k| format!("`{}`", code_text(k))).collect();
    let list = match spans.as_slice() {
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
        [] => String::new(),
    };
    let numbered = keys.iter().any(|k| k.split('.').any(|c| c == "N"));
    let nested = keys.iter().any(|k| k.ends_with(".*"));
    let legend: Vec<&str> = [
        numbered.then_some("`N` counts from 1"),
        nested.then_some("`*` is each member's own key"),
    ]
    .into_iter()
    .flatten()
    .collect();
    let plural = keys.len() > 1 || numbered || nested;
    let mut note = format!(
        "Wire name: the query {} {list}",
        if plural { "keys" } else { "key" }
    );
    if !legend.is_empty() {
        note.push_str(&format!(" ({})", legend.join("; ")));
    }
    note.push('.');
    note
}

/// Where a member bound to the HTTP request or response travels, as a
/// sentence of Markdown; `body` names what it is not in (`the XML body`).
fn binding_note(location: &Location, body: &str) -> String {
    let code = |name: &str| format!("`{}`", code_text(name));
    match location {
        Location::Uri { name, greedy } => format!(
            "HTTP binding: the {} part of the request URI, not {body}.",
            code(&format!("{{{name}{}}}", if *greedy { "+" } else { "" }))
        ),
        Location::Query(name) => format!(
            "HTTP binding: the query-string parameter {}, not {body}.",
            code(name)
        ),
        Location::Header(name) => {
            format!("HTTP binding: the header {}, not {body}.", code(name))
        }
        Location::HeaderPrefix(prefix) if prefix.trim().is_empty() => {
            format!("HTTP binding: the headers, not {body}.")
        }
        Location::HeaderPrefix(prefix) => format!(
            "HTTP binding: the headers whose names start with {}, not {body}.",
            code(prefix)
        ),
        Location::StatusCode => {
            format!("HTTP binding: the response's status code, not {body}.")
        }
        Location::Payload => "HTTP binding: the whole HTTP body.".to_string(),
    }
}

/// A service whose wire format is not JSON keeps the types' serde form (for
/// storing and logging values), and says on each structure and union, and
/// on the service module, that it is not the wire format: one line per
/// type, none per member.
fn add_serde_form_notes(service: &mut Service) {
    if service.speaks_json() {
        return;
    }
    let format = wire_format(&service.protocol);
    let form = if json_keyed(&service.protocol) {
        "JSON keyed by the model's wire names"
    } else {
        "boto3's shape (member names)"
    };
    let line = format!("Serde form: {form}, not this service's {format} wire format.");
    let docs = service.structs.iter_mut().map(|s| &mut s.doc);
    for doc in docs.chain(service.unions.iter_mut().map(|u| &mut u.doc)) {
        if !doc.trim().is_empty() {
            doc.push_str("\n\n");
        }
        doc.push_str(&line);
    }
    let keys = if json_keyed(&service.protocol) {
        "serde keys are the model's wire names"
    } else {
        "serde keys are the member names, as in boto3's dicts"
    };
    let speaks = match crate::schema::runtime_feature(&service.protocol) {
        Some(feature) => format!(
            "every operation's `build_request` and `parse_response` speak it, through the runtime's `{feature}` feature and the static descriptions of the `schema` module"
        ),
        None => "not implemented, so every operation's `build_request` and `parse_response` return an error".to_string(),
    };
    let note = format!(
        "Protocol `{}`: {speaks}. The types' serde form ({keys}) stores and logs values, but it is not this service's {format} wire format: `from_json`/`to_json` do not read or write its bodies.",
        code_text(&service.protocol)
    );
    if !service.doc.trim().is_empty() {
        service.doc.push_str("\n\n");
    }
    service.doc.push_str(&note);
}

/// Plain model text (a service name, an API version) as one line of
/// Markdown: whitespace and control characters collapse to single spaces.
fn one_line(text: &str) -> String {
    let spaced: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    docs::plain_to_markdown(&spaced.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// The service's name (Markdown), the module's one-line summary (the name and
/// the API version) and the model's documentation of the service without
/// what the summary says: botocore's `<fullname>`, and a first paragraph that
/// only names the service (apigatewayv2's "Amazon API Gateway V2", for
/// `serviceFullName` "AmazonApiGatewayV2"; its spelling becomes the name).
fn service_docs(model: &Model, module: &str) -> (String, String, String) {
    let md = &model.metadata;
    let full = md
        .service_full_name
        .clone()
        .or_else(|| md.service_id.clone())
        .unwrap_or_else(|| module.to_string());
    let mut title = one_line(&full);
    let mut html = model.documentation.clone().unwrap_or_default();
    while let (Some(start), Some(end)) = (html.find("<fullname>"), html.find("</fullname>")) {
        if end < start {
            break;
        }
        html.replace_range(start..end + "</fullname>".len(), "");
    }
    let doc = docs::html_to_markdown(&html);
    let squash = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let (first, rest) = docs::split_first_paragraph(&doc);
    let doc = if !first.is_empty() && squash(first) == squash(&full) {
        title = docs::first_paragraph(first);
        rest.to_string()
    } else {
        doc
    };
    let version = one_line(md.api_version.as_deref().unwrap_or_default());
    let summary = if version.is_empty() {
        format!("{title}.")
    } else {
        format!("{title} (API version {version}).")
    };
    (title, summary, doc)
}

/// An operation's documentation (see [`OperationDef::doc`]) and its trait
/// method's, once its error enum is named. Links are relative to the
/// operations module, a child of the service module.
fn operation_docs(o: &mut OperationDef, service: &str) {
    let (first, rest) = docs::split_first_paragraph(&o.doc);
    let summary = if first.is_empty() {
        format!("The {} operation of {service}.", docs::code_span(&o.name))
    } else {
        first.to_string()
    };
    let link = |t: &Option<String>| {
        t.as_ref()
            .map_or("none".to_string(), |t| format!("[`{t}`](super::{t})"))
    };
    let facts = format!(
        "{} → {}. Input: {}, output: {}, errors: [`{}`].",
        docs::code_span(&format!("{} {}", o.method, o.uri)),
        o.status,
        link(&o.input),
        link(&o.output),
        o.error_name,
    );
    let mut doc = format!("{summary}\n\n{facts}");
    if !rest.is_empty() {
        doc.push_str("\n\n");
        doc.push_str(rest);
    }
    o.method_doc = format!(
        "{summary}\n\nSee [`{}`] for its request, response and errors.",
        o.type_name
    );
    o.doc = doc;
}

fn deprecation(deprecated: bool, message: &Option<String>) -> Option<String> {
    deprecated.then(|| message.clone().map(|m| strip_html(&m)).unwrap_or_default())
}

fn strip_html(s: &str) -> String {
    // The text between tags: up to a `<`, then from the `>` that closes it.
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        match rest[open..].find('>') {
            Some(close) => rest = &rest[open + close + 1..],
            None => rest = "",
        }
    }
    out.push_str(rest);
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
