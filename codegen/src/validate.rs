//! Stage 2: semantic validation of a parsed [`Model`]. Reports every problem, not only the first.
//!
//! Every diagnostic names the file, the dotted JSON path of the offending value
//! (`operations.GetStage.input.shape`, `shapes.X.required[2]`, `shapes.X.enum[3]`),
//! what is wrong and how to fix it. Diagnostics come out in model order:
//! `metadata`, then operations sorted by name, then shapes sorted by name, and
//! inside a shape its members in file order, so the output is deterministic. (A
//! URI member without a placeholder is reported with its operation, at the
//! member's path, because the problem only exists relative to that URI.)
//!
//! # Checks
//!
//! Operations:
//! - the operation name follows the name rule (below);
//! - `input`, `output` and every `errors[i]` refer to an existing shape, and that
//!   shape is a structure;
//! - in a `rest-json`/`rest-xml` model every operation has `http` with a `method`
//!   and a `requestUri`; a given `method` is one of [`HTTP_METHODS`]; a given
//!   `requestUri` starts with `/`;
//! - URI placeholders: the path part of `requestUri` (before any `?`) has balanced,
//!   non-empty, non-repeated `{name}` / `{name+}` placeholders; each one is bound by
//!   exactly one input member with `"location": "uri"` whose wire name
//!   (`locationName`, else the member name, as botocore's serializers do) is `name`;
//!   and every `uri` member of the input has a placeholder.
//!
//! Shapes:
//! - the shape name follows the name rule (below); the `type` is one of
//!   [`SHAPE_TYPES`];
//! - `timestampFormat` (on shapes, member references and `metadata`) is one of
//!   [`TIMESTAMP_FORMATS`] and only appears on/for `timestamp` shapes;
//! - `enum`: only on `string` shapes, not empty, no `""`, no duplicate values;
//! - structures: member names follow the name rule; every member refers to an
//!   existing shape; `location` is one of [`LOCATIONS`] and is only used where
//!   HTTP bindings exist (see below); a `uri` member is listed in `required`;
//!   no two body members (no `location`) share a wire name (JSON-keyed protocols
//!   only, see below); every `required` entry names a member and appears once;
//!   `payload` names a member whose shape is a structure (including unions), blob
//!   or string. A structure without `members` is an empty struct, which is fine;
//! - lists have a `member`, maps have a `key` and a `value`, all referring to
//!   existing shapes; a map key is a `string` shape (enums included).
//!
//! # Decisions (checked against all 439 latest botocore `service-2.json` models)
//!
//! - **Names** of operations, shapes and members must be non-empty,
//!   use only ASCII letters, digits and `_`, and must not start with a digit. Every
//!   botocore name follows this (including apigatewayv2's `__string`-style shapes);
//!   it rules out control characters, NUL, `/`, `\`, `.`/`..`, spaces, `-` and
//!   non-ASCII, none of which can become a Rust identifier or a safe file name.
//!   URI placeholder names are wire names, not Rust names, and may contain `-`
//!   (`{application-id}` in pinpoint). An operation's `name` field may differ from its
//!   key (cloudfront's `AssociateAlias` is named `AssociateAlias2020_05_31`); the key
//!   is what is checked.
//! - **`location`**: botocore uses it only on the top-level structure of an
//!   operation's input, output or error. `uri` and `querystring` appear only on
//!   inputs (a response has neither), `statusCode` only on outputs/errors (a request
//!   has none), `header`/`headers` on all three. Anything else, in particular any
//!   `location` on a nested structure, is an error.
//! - **URI members are required**: every `uri` member in botocore is listed in
//!   `required` (a path segment cannot be omitted), so a missing entry is an error.
//! - **Duplicate wire names** are checked only for protocols whose body is a keyed
//!   object (`json`, `rest-json`, `smithy-rpc-v2-cbor`, or no protocol given). In
//!   XML/query protocols a repeated element name is legal: S3's
//!   `CloudFunctionConfiguration` has a deprecated `Event` member and a flattened
//!   `Events` list, both serialized as `<Event>`.
//! - **Fields the generator does not read** are ignored (see [`crate::model`]); they
//!   are not validated here.

use crate::diag::Diagnostic;
use crate::model::{Model, Operation, Shape, LOCATIONS, SHAPE_TYPES, TIMESTAMP_FORMATS};
use std::collections::HashMap;

/// HTTP methods an operation may use.
pub const HTTP_METHODS: &[&str] = &["GET", "PUT", "POST", "DELETE", "PATCH", "HEAD", "OPTIONS"];

/// Protocols whose operations are bound to HTTP methods and URIs.
const REST_PROTOCOLS: &[&str] = &["rest-json", "rest-xml"];

/// Protocols whose bodies are keyed objects, where two members with one wire name collide.
const KEYED_PROTOCOLS: &[&str] = &["json", "rest-json", "smithy-rpc-v2-cbor"];

const NAME_RULE: &str = "names may contain only ASCII letters, digits and `_`, and must not start \
with a digit (the rule every botocore model follows; names become Rust identifiers)";

/// Whether an operation, shape or member name follows the name rule (the
/// validator reports those that do not; the IR skips them, see [`crate::ir`]).
pub fn is_valid_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with(|c: char| c.is_ascii_digit())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Check a model; an empty result means it is valid.
pub fn validate(file: &str, model: &Model) -> Vec<Diagnostic> {
    let mut v = Validator::new(file, model);
    v.metadata();
    for (name, op) in &model.operations {
        v.operation(name, op);
    }
    for (name, shape) in &model.shapes {
        v.shape(name, shape);
    }
    v.out
}

/// How operations use a top-level structure; decides where `location` is allowed.
#[derive(Default, Clone, Copy)]
struct Roles {
    input: bool,
    output: bool,
    error: bool,
}

struct Validator<'a> {
    file: &'a str,
    model: &'a Model,
    roles: HashMap<&'a str, Roles>,
    rest: bool,
    keyed: bool,
    out: Vec<Diagnostic>,
}

impl<'a> Validator<'a> {
    fn new(file: &'a str, model: &'a Model) -> Self {
        let mut protocols: Vec<&str> = Vec::new();
        protocols.extend(model.metadata.protocol.as_deref());
        protocols.extend(
            model
                .metadata
                .protocols
                .iter()
                .flatten()
                .map(String::as_str),
        );
        let rest = protocols.iter().any(|p| REST_PROTOCOLS.contains(p));
        let keyed = protocols.is_empty() || protocols.iter().any(|p| KEYED_PROTOCOLS.contains(p));

        let mut roles: HashMap<&str, Roles> = HashMap::new();
        for op in model.operations.values() {
            if let Some(r) = &op.input {
                roles.entry(r.shape.as_str()).or_default().input = true;
            }
            if let Some(r) = &op.output {
                roles.entry(r.shape.as_str()).or_default().output = true;
            }
            for r in &op.errors {
                roles.entry(r.shape.as_str()).or_default().error = true;
            }
        }
        Validator {
            file,
            model,
            roles,
            rest,
            keyed,
            out: Vec::new(),
        }
    }

    fn err(
        &mut self,
        path: impl Into<String>,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        self.out
            .push(Diagnostic::new(self.file, path, message, help));
    }

    // ---------------------------------------------------------------- metadata

    fn metadata(&mut self) {
        if let Some(f) = &self.model.metadata.timestamp_format {
            self.timestamp_format_value("metadata.timestampFormat".into(), f);
        }
    }

    // -------------------------------------------------------------- operations

    fn operation(&mut self, name: &str, op: &'a Operation) {
        let base = format!("operations.{}", seg(name));
        self.name(&base, "operation", name);

        let what = format!("operation `{}`", esc(name));
        let input = op
            .input
            .as_ref()
            .and_then(|r| self.io_ref(&base, "input", "input", &r.shape, &what));
        if let Some(r) = &op.output {
            self.io_ref(&base, "output", "output", &r.shape, &what);
        }
        for (i, r) in op.errors.iter().enumerate() {
            self.io_ref(&base, &format!("errors[{i}]"), "error", &r.shape, &what);
        }

        let Some(http) = &op.http else {
            if self.rest {
                self.err(
                    &base,
                    format!("{what} has no `http` binding, which a rest-json/rest-xml model needs"),
                    r#"add `"http": {"method": "GET", "requestUri": "/..."}` with the operation's method and URI"#,
                );
            }
            return;
        };
        match &http.method {
            None if self.rest => self.err(
                format!("{base}.http"),
                format!("{what} has no `http.method`"),
                format!("add `\"method\"`: one of {}", list(HTTP_METHODS)),
            ),
            None => {}
            Some(m) if HTTP_METHODS.contains(&m.as_str()) => {}
            Some(m) => {
                let upper = m.to_ascii_uppercase();
                let help = if HTTP_METHODS.contains(&upper.as_str()) {
                    format!("HTTP methods are written in upper case: use `{upper}`")
                } else {
                    format!("use one of {}", list(HTTP_METHODS))
                };
                self.err(
                    format!("{base}.http.method"),
                    format!("unknown HTTP method `{}`", esc(m)),
                    help,
                );
            }
        }
        match &http.request_uri {
            None if self.rest => self.err(
                format!("{base}.http"),
                format!("{what} has no `http.requestUri`"),
                "add `\"requestUri\"`, the path template of the operation (e.g. `/restapis/{restapi_id}`)",
            ),
            None => {}
            Some(uri) => self.request_uri(&base, &what, uri, op, input),
        }
    }

    /// An operation's input/output/error reference (`field` is `input`, `output` or
    /// `errors[i]`): must exist and be a structure.
    fn io_ref(
        &mut self,
        base: &str,
        field: &str,
        role: &str,
        target: &str,
        what: &str,
    ) -> Option<&'a Shape> {
        let path = format!("{base}.{field}.shape");
        let subject = if role == "error" {
            format!("error `{field}` of {what}")
        } else {
            format!("the {role} of {what}")
        };
        let shape = self.shape_ref(&path, target, &subject)?;
        if shape.shape_type != "structure" {
            self.err(
                path,
                format!(
                    "{subject} is shape `{}` of type `{}`, but an operation {role} must be a structure",
                    esc(target),
                    esc(&shape.shape_type)
                ),
                format!(
                    "point `{field}.shape` at a structure shape (wrap the `{}` value in a member of a structure)",
                    esc(&shape.shape_type)
                ),
            );
            return None;
        }
        Some(shape)
    }

    fn request_uri(
        &mut self,
        base: &str,
        what: &str,
        uri: &str,
        op: &Operation,
        input: Option<&'a Shape>,
    ) {
        let uri_path = format!("{base}.http.requestUri");
        if !uri.starts_with('/') {
            self.err(
                &uri_path,
                format!(
                    "the requestUri `{}` of {what} does not start with `/`",
                    esc(uri)
                ),
                "write the URI as an absolute path, e.g. `/restapis/{restapi_id}`",
            );
        }
        let path_part = uri.split('?').next().unwrap_or("");
        let placeholders = match parse_placeholders(path_part) {
            Ok(p) => p,
            Err(problem) => {
                self.err(
                    &uri_path,
                    format!("the requestUri `{}` of {what} is malformed: {problem}", esc(uri)),
                    "write each placeholder as `{name}` or, for a greedy one spanning several segments, `{name+}`",
                );
                return;
            }
        };
        // Distinct placeholders in URI order.
        let mut distinct: Vec<&str> = Vec::new();
        for p in &placeholders {
            if distinct.contains(&p.as_str()) {
                self.err(
                    &uri_path,
                    format!(
                        "placeholder `{{{}}}` appears more than once in the requestUri `{}` of {what}",
                        esc(p),
                        esc(uri)
                    ),
                    "use each placeholder once; one input member fills one path segment",
                );
            } else {
                distinct.push(p);
            }
        }

        let Some(input_ref) = &op.input else {
            if let Some(p) = placeholders.first() {
                self.err(
                    &uri_path,
                    format!(
                        "the requestUri `{}` of {what} has placeholder `{{{}}}`, but the operation has no input",
                        esc(uri),
                        esc(p)
                    ),
                    format!(
                        r#"add an input structure with a member `"location": "uri", "locationName": "{}"` for each placeholder, or remove the placeholders"#,
                        esc(p)
                    ),
                );
            }
            return;
        };
        // A missing or non-structure input has been reported already.
        let Some(input) = input else { return };
        let in_name = input_ref.shape.as_str();

        // (member name, wire name) of every uri-bound input member, in file order.
        let uri_members: Vec<(&str, &str)> = input
            .members
            .iter()
            .filter(|(_, r)| r.location.as_deref() == Some("uri"))
            .map(|(m, r)| (m.as_str(), r.location_name.as_deref().unwrap_or(m)))
            .collect();

        for p in distinct {
            let bound: Vec<&str> = uri_members
                .iter()
                .filter(|(_, wire)| *wire == p)
                .map(|(m, _)| *m)
                .collect();
            match bound.len() {
                1 => {}
                0 => {
                    let help = match input.members.get(p) {
                        Some(_) => format!(
                            r#"member `{m}` of `{s}` has this name but is not bound to the URI: add `"location": "uri", "locationName": "{m}"` to it (and list it in `required`)"#,
                            m = esc(p),
                            s = esc(in_name)
                        ),
                        None => format!(
                            r#"add a member to `{}` with `"location": "uri", "locationName": "{}"` and list it in `required`, or fix the placeholder name"#,
                            esc(in_name),
                            esc(p)
                        ),
                    };
                    self.err(
                        &uri_path,
                        format!(
                            "placeholder `{{{}}}` in the requestUri of {what} is not bound to any member of the input `{}`",
                            esc(p),
                            esc(in_name)
                        ),
                        help,
                    );
                }
                _ => self.err(
                    &uri_path,
                    format!(
                        "placeholder `{{{}}}` in the requestUri of {what} is bound to {} members of the input `{}`: {}",
                        esc(p),
                        bound.len(),
                        esc(in_name),
                        bound.iter().map(|m| format!("`{}`", esc(m))).collect::<Vec<_>>().join(", ")
                    ),
                    "bind exactly one member to each placeholder: change the `locationName` (or `location`) of the others",
                ),
            }
        }
        for (m, wire) in uri_members {
            if !placeholders.iter().any(|p| p == wire) {
                let r = &input.members[m];
                let field = if r.location_name.is_some() {
                    "locationName"
                } else {
                    "location"
                };
                self.err(
                    format!("shapes.{}.members.{}.{field}", seg(in_name), seg(m)),
                    format!(
                        "member `{}` of `{}` is bound to the URI placeholder `{{{}}}`, but the requestUri `{}` of {what} has no such placeholder",
                        esc(m),
                        esc(in_name),
                        esc(wire),
                        esc(uri)
                    ),
                    format!(
                        "add `{{{}}}` to the requestUri, fix the member's `locationName`, or move the member out of the URI (e.g. `\"location\": \"querystring\"`)",
                        esc(wire)
                    ),
                );
            }
        }
    }

    // ------------------------------------------------------------------ shapes

    fn shape(&mut self, name: &str, shape: &'a Shape) {
        let base = format!("shapes.{}", seg(name));
        self.name(&base, "shape", name);

        let ty = shape.shape_type.as_str();
        if !SHAPE_TYPES.contains(&ty) {
            let help = match closest(ty, SHAPE_TYPES.iter().copied()) {
                Some(c) => format!(
                    "did you mean `{c}`? The known types are {}",
                    list(SHAPE_TYPES)
                ),
                None => format!("use one of {}", list(SHAPE_TYPES)),
            };
            self.err(
                format!("{base}.type"),
                format!("shape `{}` has unknown type `{}`", esc(name), esc(ty)),
                help,
            );
        }

        if let Some(f) = &shape.timestamp_format {
            let path = format!("{base}.timestampFormat");
            if self.timestamp_format_value(path.clone(), f)
                && ty != "timestamp"
                && SHAPE_TYPES.contains(&ty)
            {
                self.err(
                    path,
                    format!(
                        "`timestampFormat` on shape `{}` of type `{}`; only timestamps have a format",
                        esc(name),
                        esc(ty)
                    ),
                    "remove `timestampFormat`, or change the shape's type to `timestamp`",
                );
            }
        }

        if let Some(values) = &shape.enum_values {
            self.enum_values(&base, name, ty, values);
        }

        match ty {
            "structure" => self.structure(&base, name, shape),
            "list" => match &shape.member {
                Some(m) => {
                    self.shape_ref(
                        &format!("{base}.member.shape"),
                        &m.shape,
                        &format!("the member of list `{}`", esc(name)),
                    );
                }
                None => self.err(
                    &base,
                    format!("list shape `{}` has no `member`", esc(name)),
                    r#"add `"member": {"shape": "..."}` naming the shape of the list's elements"#,
                ),
            },
            "map" => {
                match &shape.key {
                    Some(k) => {
                        let path = format!("{base}.key.shape");
                        if let Some(key) = self.shape_ref(
                            &path,
                            &k.shape,
                            &format!("the key of map `{}`", esc(name)),
                        ) {
                            if key.shape_type != "string" {
                                self.err(
                                    path,
                                    format!(
                                        "the key of map `{}` is shape `{}` of type `{}`, but map keys must be strings",
                                        esc(name),
                                        esc(&k.shape),
                                        esc(&key.shape_type)
                                    ),
                                    "point `key.shape` at a `string` shape (an enum string is fine)",
                                );
                            }
                        }
                    }
                    None => self.err(
                        &base,
                        format!("map shape `{}` has no `key`", esc(name)),
                        r#"add `"key": {"shape": "..."}` naming a string shape"#,
                    ),
                }
                match &shape.value {
                    Some(v) => {
                        self.shape_ref(
                            &format!("{base}.value.shape"),
                            &v.shape,
                            &format!("the value of map `{}`", esc(name)),
                        );
                    }
                    None => self.err(
                        &base,
                        format!("map shape `{}` has no `value`", esc(name)),
                        r#"add `"value": {"shape": "..."}` naming the shape of the map's values"#,
                    ),
                }
            }
            _ => {}
        }
    }

    fn enum_values(&mut self, base: &str, name: &str, ty: &str, values: &[String]) {
        let path = format!("{base}.enum");
        if ty != "string" && SHAPE_TYPES.contains(&ty) {
            self.err(
                &path,
                format!(
                    "shape `{}` of type `{}` has an `enum`; only string shapes can be enums",
                    esc(name),
                    esc(ty)
                ),
                "change the shape's type to `string`, or remove the `enum`",
            );
        }
        if values.is_empty() {
            self.err(
                &path,
                format!("the enum of shape `{}` is empty", esc(name)),
                "list at least one value, or remove `enum` to accept any string",
            );
        }
        let mut first: HashMap<&str, usize> = HashMap::new();
        for (i, v) in values.iter().enumerate() {
            let p = format!("{path}[{i}]");
            if v.is_empty() {
                self.err(
                    &p,
                    format!("the enum of shape `{}` has an empty value", esc(name)),
                    "remove the empty string: an enum value must name a variant",
                );
            }
            if let Some(j) = first.get(v.as_str()) {
                self.err(
                    p,
                    format!(
                        "the enum of shape `{}` lists `{}` twice (first at `enum[{j}]`)",
                        esc(name),
                        esc(v)
                    ),
                    "remove the duplicate value",
                );
            } else {
                first.insert(v, i);
            }
        }
    }

    fn structure(&mut self, base: &str, name: &str, shape: &'a Shape) {
        let roles = self.roles.get(name).copied();
        // Wire name → first body member using it.
        let mut wire: HashMap<&str, &str> = HashMap::new();
        for (m, r) in &shape.members {
            let mbase = format!("{base}.members.{}", seg(m));
            self.name(&mbase, "member", m);
            let what = format!("member `{}` of `{}`", esc(m), esc(name));
            let target = self.shape_ref(&format!("{mbase}.shape"), &r.shape, &what);

            if let Some(loc) = &r.location {
                let ok = self.location(&mbase, &what, name, roles, loc);
                let is_input = roles.is_some_and(|r| r.input);
                if ok && loc == "uri" && is_input && !shape.required.iter().any(|q| q == m) {
                    self.err(
                        format!("{mbase}.location"),
                        format!("{what} is bound to the URI but is not listed in `required`"),
                        format!(
                            "add \"{}\" to `{base}.required`: a URI path segment cannot be omitted (botocore marks every URI member required)",
                            esc(m)
                        ),
                    );
                }
            } else if self.keyed {
                let w = r.location_name.as_deref().unwrap_or(m);
                if let Some(other) = wire.get(w) {
                    self.err(
                        &mbase,
                        format!(
                            "{what} has the wire name `{}`, which member `{}` already uses; both would be the same key in the body",
                            esc(w),
                            esc(other)
                        ),
                        "give one of them a different `locationName` (or member name), or remove the duplicate",
                    );
                } else {
                    wire.insert(w, m);
                }
            }

            if let Some(f) = &r.timestamp_format {
                let path = format!("{mbase}.timestampFormat");
                if self.timestamp_format_value(path.clone(), f) {
                    if let Some(t) = target.filter(|t| t.shape_type != "timestamp") {
                        self.err(
                            path,
                            format!(
                                "`timestampFormat` on {what}, whose shape `{}` is of type `{}`; only timestamps have a format",
                                esc(&r.shape),
                                esc(&t.shape_type)
                            ),
                            "remove `timestampFormat`, or point the member at a `timestamp` shape",
                        );
                    }
                }
            }
        }

        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (i, q) in shape.required.iter().enumerate() {
            let path = format!("{base}.required[{i}]");
            if !shape.members.contains_key(q) {
                let help = match closest(q, shape.members.keys().map(String::as_str)) {
                    Some(c) => format!("did you mean `{c}`? Otherwise remove \"{}\" from `required` or add the member", esc(q)),
                    None => format!("remove \"{}\" from `required`, or add a member with that name", esc(q)),
                };
                self.err(
                    &path,
                    format!(
                        "`required` of shape `{}` names `{}`, which is not a member",
                        esc(name),
                        esc(q)
                    ),
                    help,
                );
            }
            if let Some(j) = seen.get(q.as_str()) {
                self.err(
                    path,
                    format!(
                        "`required` of shape `{}` lists `{}` twice (first at `required[{j}]`)",
                        esc(name),
                        esc(q)
                    ),
                    "remove the duplicate entry",
                );
            } else {
                seen.insert(q, i);
            }
        }

        if let Some(p) = &shape.payload {
            let path = format!("{base}.payload");
            match shape.members.get(p) {
                None => {
                    let help = match closest(p, shape.members.keys().map(String::as_str)) {
                        Some(c) => format!("did you mean `{c}`? `payload` must be the name of a member of this structure"),
                        None => "set `payload` to the name of a member of this structure, or remove it".to_string(),
                    };
                    self.err(
                        path,
                        format!(
                            "`payload` of shape `{}` names `{}`, which is not a member",
                            esc(name),
                            esc(p)
                        ),
                        help,
                    );
                }
                Some(r) => {
                    if let Some(t) = self.model.shapes.get(&r.shape) {
                        if !matches!(t.shape_type.as_str(), "structure" | "blob" | "string") {
                            self.err(
                                path,
                                format!(
                                    "`payload` of shape `{}` is member `{}` of type `{}`; a payload must be a structure, union, blob or string",
                                    esc(name),
                                    esc(p),
                                    esc(&t.shape_type)
                                ),
                                "point `payload` at a structure/union/blob/string member, or remove `payload` so the members form the body",
                            );
                        }
                    }
                }
            }
        }
    }

    fn location(
        &mut self,
        mbase: &str,
        what: &str,
        shape_name: &str,
        roles: Option<Roles>,
        loc: &str,
    ) -> bool {
        let path = format!("{mbase}.location");
        if !LOCATIONS.contains(&loc) {
            let help = match closest(loc, LOCATIONS.iter().copied()) {
                Some(c) => format!(
                    "did you mean `{c}`? The known locations are {}",
                    list(LOCATIONS)
                ),
                None => format!(
                    "use one of {}, or remove `location` for a body member",
                    list(LOCATIONS)
                ),
            };
            self.err(
                path,
                format!("{what} has unknown location `{}`", esc(loc)),
                help,
            );
            return false;
        }
        let Some(roles) = roles else {
            self.err(
                path,
                format!(
                    "{what} has `\"location\": \"{loc}\"`, but `{}` is not the input, output or error of any operation",
                    esc(shape_name)
                ),
                "HTTP bindings apply only to the top-level input/output/error structure of an operation; \
                 remove `location` (members of nested structures are always in the body)",
            );
            return false;
        };
        // `uri`/`querystring` on a structure that is only an output or error
        // are ignored (the member is read from the body), as botocore and
        // Smithy's protocol tests (`RestJsonIgnoreQueryParamsInResponse`) do.
        let problem = match loc {
            "statusCode" if !(roles.output || roles.error) => Some((
                path,
                format!(
                    "{what} has `\"location\": \"statusCode\"`, but `{}` is only used as an operation input, and a request has no status code",
                    esc(shape_name)
                ),
                "remove `location`; `statusCode` belongs on output or error members",
            )),
            _ => None,
        };
        match problem {
            Some((path, message, help)) => {
                self.err(path, message, help);
                false
            }
            None => true,
        }
    }

    // ----------------------------------------------------------------- helpers

    /// A reference to a shape: report and return `None` if the target does not exist.
    fn shape_ref(&mut self, path: &str, target: &str, what: &str) -> Option<&'a Shape> {
        if let Some(s) = self.model.shapes.get(target) {
            return Some(s);
        }
        let help = match closest(target, self.model.shapes.keys().map(String::as_str)) {
            Some(c) => format!(
                "did you mean `{}`? Otherwise add a shape named `{}` to `shapes`",
                esc(c),
                esc(target)
            ),
            None => format!(
                "add a shape named `{}` to `shapes`, or fix the name to one that exists",
                esc(target)
            ),
        };
        self.err(
            path,
            format!(
                "{what} refers to shape `{}`, which does not exist",
                esc(target)
            ),
            help,
        );
        None
    }

    /// Check a `timestampFormat` value; returns whether it is a known format.
    fn timestamp_format_value(&mut self, path: String, f: &str) -> bool {
        if TIMESTAMP_FORMATS.contains(&f) {
            return true;
        }
        let help = match closest(f, TIMESTAMP_FORMATS.iter().copied()) {
            Some(c) => format!(
                "did you mean `{c}`? The known formats are {}",
                list(TIMESTAMP_FORMATS)
            ),
            None => format!("use one of {}", list(TIMESTAMP_FORMATS)),
        };
        self.err(path, format!("unknown timestampFormat `{}`", esc(f)), help);
        false
    }

    /// The name rule for operations, shapes and members.
    fn name(&mut self, path: &str, kind: &str, name: &str) {
        if name.is_empty() {
            self.err(
                path,
                format!("{kind} name is empty"),
                format!("give the {kind} a name; {NAME_RULE}"),
            );
            return;
        }
        let mut bad: Vec<char> = Vec::new();
        for c in name.chars() {
            let allowed = c.is_ascii_alphanumeric() || c == '_';
            if !allowed && !bad.contains(&c) {
                bad.push(c);
            }
        }
        if !bad.is_empty() {
            let chars = bad
                .iter()
                .map(|c| format!("{c:?}"))
                .collect::<Vec<_>>()
                .join(", ");
            self.err(
                path,
                format!(
                    "{kind} name `{}` contains characters that are not allowed: {chars}",
                    esc(name)
                ),
                format!("rename the {kind} (and every reference to it); {NAME_RULE}"),
            );
        } else if name.starts_with(|c: char| c.is_ascii_digit()) {
            self.err(
                path,
                format!("{kind} name `{}` starts with a digit", esc(name)),
                format!("rename the {kind} (and every reference to it); {NAME_RULE}"),
            );
        }
    }
}

/// Placeholder names (without a trailing `+`) in the path part of a request URI, in order.
fn parse_placeholders(path: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut rest = path;
    loop {
        let open = rest.find('{');
        let close = rest.find('}');
        match (open, close) {
            (None, None) => return Ok(out),
            (_, Some(c)) if open.is_none_or(|o| c < o) => {
                return Err(format!(
                    "`}}` at byte {} has no matching `{{`",
                    path.len() - rest.len() + c
                ))
            }
            (Some(o), None) => {
                return Err(format!(
                    "`{{` at byte {} is never closed",
                    path.len() - rest.len() + o
                ))
            }
            (Some(o), Some(c)) => {
                let inner = &rest[o + 1..c];
                let at = path.len() - rest.len() + o;
                if inner.contains('{') {
                    return Err(format!(
                        "`{{` at byte {at} is not closed before the next `{{`"
                    ));
                }
                let name = inner.strip_suffix('+').unwrap_or(inner);
                if name.is_empty() {
                    return Err(format!("the placeholder at byte {at} has no name"));
                }
                out.push(name.to_string());
                rest = &rest[c + 1..];
            }
            (None, Some(_)) => unreachable!("handled by the guard above"),
        }
    }
}

/// The candidate closest to `target` by edit distance, if it is close enough to be a likely typo.
/// Ties go to the first candidate in iteration order, which callers keep deterministic.
pub(crate) fn closest<'c>(
    target: &str,
    candidates: impl Iterator<Item = &'c str>,
) -> Option<&'c str> {
    let len = target.chars().count();
    let limit = (len / 3).max(1);
    let lower = target.to_lowercase();
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        let d = if c.to_lowercase() == lower {
            0
        } else {
            edit_distance(target, c)
        };
        if d <= limit && d < len.max(1) && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

/// Levenshtein distance over chars.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// A name as shown in messages: control and other invisible characters escaped.
fn esc(s: &str) -> String {
    s.escape_debug().to_string()
}

/// A name as a segment of a dotted path.
fn seg(s: &str) -> String {
    esc(s)
}

fn list(items: &[&str]) -> String {
    items
        .iter()
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders() {
        assert_eq!(parse_placeholders("/a/{b}/c/{d+}").unwrap(), ["b", "d"]);
        assert_eq!(parse_placeholders("/").unwrap(), Vec::<String>::new());
        assert!(parse_placeholders("/{a").is_err());
        assert!(parse_placeholders("/a}").is_err());
        assert!(parse_placeholders("/{}").is_err());
        assert!(parse_placeholders("/{+}").is_err());
        assert!(parse_placeholders("/{a{b}").is_err());
    }

    #[test]
    fn suggestions() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(
            closest("Stag", ["Stage", "Stages"].into_iter()),
            Some("Stage")
        );
        assert_eq!(closest("stage", ["Stage"].into_iter()), Some("Stage"));
        assert_eq!(closest("Foo", ["Bar"].into_iter()), None);
        assert_eq!(closest("a", ["b"].into_iter()), None);
    }
}
