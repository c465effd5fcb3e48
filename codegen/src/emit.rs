//! Stage 4: IR → Rust token streams, one per output file. No decisions are
//! made here beyond spelling: names, types and presence come from the IR.

use crate::ir::{
    EnumDef, FieldDef, Location, OperationDef, Presence, Service, StructDef, TimestampFormat,
    TypeRef, UnionDef,
};
use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

pub fn ident(s: &str) -> Ident {
    match s.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(s, Span::call_site()),
    }
}

/// `#[doc = ...]` attributes, one per line, as rustdoc expects.
/// `///` lines of a doc comment, without indentation.
pub fn doc_lines(doc: &str) -> String {
    let mut out = String::with_capacity(doc.len() + 16);
    for l in doc.lines() {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str("///");
        if !l.is_empty() {
            out.push(' ');
            // A control character (a bare CR above all) is not allowed in a
            // doc comment. C0 controls and DEL are single bytes, C1 controls
            // start with 0xC2: most lines have none of these bytes.
            if l.bytes()
                .any(|b| (b < 0x20 && b != b'\t') || b == 0x7f || b == 0xc2)
            {
                out.extend(
                    l.chars()
                        .map(|c| if c.is_control() && c != '\t' { ' ' } else { c }),
                );
            } else {
                out.push_str(l);
            }
        }
    }
    out
}

/// The score above which clippy's `type_complexity` rejects a type (its
/// default `type-complexity-threshold`).
const TYPE_COMPLEXITY: u32 = 250;

/// clippy's `type_complexity` score of `t` at nesting depth `nest` (1 for a
/// field's whole type): each named type costs ten times its depth, its
/// generic arguments one level deeper: `Option<Vec<Vec<Vec<Vec<String>>>>>`
/// is 10 + 20 + 30 + 40 + 50 + 60 = 210, one list more 280.
fn type_complexity(t: &TypeRef, nest: u32) -> u32 {
    10 * nest
        + match t {
            TypeRef::Timestamp(_) => 10 * (nest + 1),
            TypeRef::List(i) | TypeRef::Boxed(i) => type_complexity(i, nest + 1),
            TypeRef::Map(k, v) => type_complexity(k, nest + 1) + type_complexity(v, nest + 1),
            _ => 0,
        }
}

/// A Rust string literal of `s`, escaped as `quote!` would.
fn lit(s: &str) -> String {
    // proc-macro2 escapes character by character (`char::escape_debug`),
    // which leaves printable ASCII as it is but `"` and `\`: most text is
    // that, and is escaped here byte by byte, the same way.
    if !s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return proc_macro2::Literal::string(s).to_string();
    }
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    let mut rest = s;
    while let Some(i) = rest.find(['"', '\\']) {
        out.push_str(&rest[..i]);
        out.push('\\');
        out.push_str(&rest[i..=i]);
        rest = &rest[i + 1..];
    }
    out.push_str(rest);
    out.push('"');
    out
}

/// Tokens of a type or path as compact text: `Vec<super::Item>`,
/// `::std::collections::BTreeMap<String, Item>`.
fn compact(tokens: &TokenStream) -> String {
    let spaced = tokens.to_string();
    let chars: Vec<char> = spaced.chars().collect();
    let ident_char = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    let mut out = String::with_capacity(spaced.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' {
            let prev = out.chars().last();
            let next = chars.get(i + 1).copied();
            if !(prev == Some(',') || (ident_char(prev) && ident_char(next))) {
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// `#[deprecated]` as text.
fn deprecated_text(note: &str) -> String {
    if note.is_empty() {
        "#[deprecated]".to_string()
    } else {
        format!("#[deprecated(note = {})]", lit(note))
    }
}

fn deprecated_attr(d: &Option<String>) -> TokenStream {
    match d {
        Some(note) if !note.is_empty() => quote!(#[deprecated(note = #note)]),
        Some(_) => quote!(#[deprecated]),
        None => TokenStream::new(),
    }
}

const RUNTIME_TYPES: &[&str] = &[
    "Blob",
    "Document",
    "EpochSeconds",
    "HttpDate",
    "Iso8601",
    "Timestamp",
];

/// Spells types, qualifying names the service's own types shadow.
pub struct Emitter<'a> {
    svc: &'a Service,
    /// Path to the runtime module (`crate::primitives`).
    rt: TokenStream,
    /// Text that goes into the output as it is, in place of a placeholder
    /// (see [`crate::output::format_file`]): doc comments and the calls of the
    /// runtime's macros, whose layout the generator knows. Passing them
    /// through `syn` and prettyplease would cost most of the generation time
    /// and change nothing.
    verbatim: std::cell::RefCell<Vec<String>>,
}

impl<'a> Emitter<'a> {
    pub fn new(svc: &'a Service, runtime_path: &str) -> Self {
        let rt: TokenStream = runtime_path
            .parse()
            .unwrap_or_else(|_| quote!(::shapegen_runtime));
        Emitter {
            svc,
            rt,
            verbatim: Default::default(),
        }
    }

    /// The files (modules) of the service, in order: name, tokens, and
    /// whether the module is public (`types` and `enums` are private and
    /// re-exported); a part with nothing in it is left out.
    pub fn parts(&self) -> Vec<(&'static str, TokenStream, bool)> {
        let svc = self.svc;
        let mut parts = Vec::new();
        if !svc.structs.is_empty() || !svc.unions.is_empty() {
            parts.push(("types", self.types_file(), false));
        }
        if !svc.enums.is_empty() {
            parts.push(("enums", self.enums_file(), false));
        }
        if !svc.structs.is_empty() {
            parts.push(("builders", self.builders_file(), true));
        }
        parts.push(("operations", self.operations_file(), true));
        if !svc.schemas.is_empty() {
            parts.push(("schema", self.schema_file(), true));
        }
        parts
    }

    /// The verbatim texts the placeholders in the token streams emitted so
    /// far refer to; pass them to [`crate::output::format_file_with`].
    pub fn take_verbatim(&self) -> Vec<String> {
        std::mem::take(&mut self.verbatim.borrow_mut())
    }

    fn push_verbatim(&self, text: String) -> usize {
        let mut v = self.verbatim.borrow_mut();
        v.push(text);
        v.len() - 1
    }

    /// Doc attributes: a placeholder for the `///` lines.
    fn doc_attrs(&self, doc: &str) -> TokenStream {
        if doc.trim().is_empty() {
            return TokenStream::new();
        }
        let n = self.push_verbatim(doc_lines(doc));
        let marker = format!("{}{n}", crate::output::VERBATIM_DOC);
        quote!(#[doc = #marker])
    }

    /// An item (or associated item) given as text: a placeholder macro call.
    fn verbatim_item(&self, text: String) -> TokenStream {
        let n = proc_macro2::Literal::usize_unsuffixed(self.push_verbatim(text));
        let mac = ident(crate::output::VERBATIM_ITEM);
        quote!(#mac!(#n);)
    }

    fn shadowed(&self, name: &str) -> bool {
        self.svc.shadowed.contains(name)
    }

    fn std_ty(&self, short: &str, full: TokenStream) -> TokenStream {
        if self.shadowed(short) {
            full
        } else {
            let i = ident(short);
            quote!(#i)
        }
    }

    /// A runtime type: short (imported by [`Self::runtime_imports`]) unless a
    /// service type shadows it.
    fn runtime_ty(&self, short: &str) -> TokenStream {
        let i = ident(short);
        if self.shadowed(short) {
            let rt = &self.rt;
            quote!(#rt::#i)
        } else {
            quote!(#i)
        }
    }

    /// `#![allow(deprecated)]` for a file of a service that deprecates
    /// something: the generated code itself refers to deprecated types and
    /// fields (struct fields, builders, `Operation` impls, the service trait);
    /// users of them still get the warning.
    fn allow_deprecated(&self) -> TokenStream {
        let s = self.svc;
        let any = s
            .structs
            .iter()
            .any(|x| x.deprecated.is_some() || x.fields.iter().any(|f| f.deprecated.is_some()))
            || s.enums.iter().any(|x| x.deprecated.is_some())
            || s.unions.iter().any(|x| x.deprecated.is_some())
            || s.operations.iter().any(|x| x.deprecated.is_some());
        if any {
            quote!(#![allow(deprecated)])
        } else {
            TokenStream::new()
        }
    }

    /// `use` of the runtime types that files refer to by short name.
    fn runtime_imports(&self) -> TokenStream {
        let rt = &self.rt;
        let names = RUNTIME_TYPES
            .iter()
            .filter(|n| !self.shadowed(n))
            .map(|n| ident(n));
        let map = if self.shadowed("BTreeMap") {
            quote!()
        } else {
            quote!(
                #[allow(unused_imports)]
                use ::std::collections::BTreeMap;
            )
        };
        quote! {
            #[allow(unused_imports)]
            use #rt::{#(#names),*};
            #map
        }
    }
    fn vec(&self) -> TokenStream {
        self.std_ty("Vec", quote!(::std::vec::Vec))
    }
    fn boxed(&self) -> TokenStream {
        self.std_ty("Box", quote!(::std::boxed::Box))
    }
    fn string(&self) -> TokenStream {
        self.std_ty("String", quote!(::std::string::String))
    }
    fn some(&self) -> TokenStream {
        self.std_ty("Some", quote!(::std::option::Option::Some))
    }
    fn none(&self) -> TokenStream {
        self.std_ty("None", quote!(::std::option::Option::None))
    }
    fn ok(&self) -> TokenStream {
        self.std_ty("Ok", quote!(::std::result::Result::Ok))
    }

    /// The Rust type of a type reference, as seen from a file of the service
    /// module (`in_types` = inside types.rs/enums.rs, where named types are in scope).
    pub fn ty(&self, t: &TypeRef, local: bool) -> TokenStream {
        match t {
            TypeRef::String => self.string(),
            TypeRef::Bool => quote!(bool),
            TypeRef::I8 => quote!(i8),
            TypeRef::I16 => quote!(i16),
            TypeRef::I32 => quote!(i32),
            TypeRef::I64 => quote!(i64),
            TypeRef::F32 => quote!(f32),
            TypeRef::F64 => quote!(f64),
            TypeRef::Timestamp(f) => {
                let f = match f {
                    TimestampFormat::EpochSeconds => self.runtime_ty("EpochSeconds"),
                    TimestampFormat::Iso8601 => self.runtime_ty("Iso8601"),
                    TimestampFormat::HttpDate => self.runtime_ty("HttpDate"),
                };
                let ts = self.runtime_ty("Timestamp");
                quote!(#ts<#f>)
            }
            TypeRef::Blob => self.runtime_ty("Blob"),
            TypeRef::Document => self.runtime_ty("Document"),
            TypeRef::Named(n) => {
                let i = ident(n);
                if local {
                    quote!(#i)
                } else {
                    quote!(super::#i)
                }
            }
            TypeRef::List(inner) => {
                let v = self.vec();
                let inner = self.ty(inner, local);
                quote!(#v<#inner>)
            }
            TypeRef::Map(k, v) => {
                let k = self.ty(k, local);
                let v = self.ty(v, local);
                let map = self.std_ty("BTreeMap", quote!(::std::collections::BTreeMap));
                quote!(#map<#k, #v>)
            }
            TypeRef::Boxed(inner) => {
                let b = self.boxed();
                let inner = self.ty(inner, local);
                quote!(#b<#inner>)
            }
        }
    }

    /// [`Self::ty`] as text (what `compact(&self.ty(..))` gives, without
    /// building tokens).
    fn ty_text(&self, t: &TypeRef, local: bool) -> String {
        let std = |short: &str, full: &str| {
            if self.shadowed(short) {
                full.to_string()
            } else {
                short.to_string()
            }
        };
        let runtime = |short: &str| {
            if self.shadowed(short) {
                format!("{}::{short}", compact(&self.rt))
            } else {
                short.to_string()
            }
        };
        match t {
            TypeRef::String => std("String", "::std::string::String"),
            TypeRef::Bool => "bool".into(),
            TypeRef::I8 => "i8".into(),
            TypeRef::I16 => "i16".into(),
            TypeRef::I32 => "i32".into(),
            TypeRef::I64 => "i64".into(),
            TypeRef::F32 => "f32".into(),
            TypeRef::F64 => "f64".into(),
            TypeRef::Timestamp(f) => {
                let f = match f {
                    TimestampFormat::EpochSeconds => runtime("EpochSeconds"),
                    TimestampFormat::Iso8601 => runtime("Iso8601"),
                    TimestampFormat::HttpDate => runtime("HttpDate"),
                };
                format!("{}<{f}>", runtime("Timestamp"))
            }
            TypeRef::Blob => runtime("Blob"),
            TypeRef::Document => runtime("Document"),
            TypeRef::Named(n) => {
                let i = ident(n).to_string();
                if local {
                    i
                } else {
                    format!("super::{i}")
                }
            }
            TypeRef::List(inner) => {
                format!(
                    "{}<{}>",
                    std("Vec", "::std::vec::Vec"),
                    self.ty_text(inner, local)
                )
            }
            TypeRef::Map(k, v) => format!(
                "{}<{}, {}>",
                std("BTreeMap", "::std::collections::BTreeMap"),
                self.ty_text(k, local),
                self.ty_text(v, local)
            ),
            TypeRef::Boxed(inner) => {
                format!(
                    "{}<{}>",
                    std("Box", "::std::boxed::Box"),
                    self.ty_text(inner, local)
                )
            }
        }
    }

    fn field_ty_text(&self, f: &FieldDef, local: bool) -> String {
        let t = self.ty_text(&f.ty, local);
        match f.presence {
            Presence::Optional => format!(
                "{}<{t}>",
                if self.shadowed("Option") {
                    "::std::option::Option"
                } else {
                    "Option"
                }
            ),
            _ => t,
        }
    }

    // -- types.rs -----------------------------------------------------------

    pub fn types_file(&self) -> TokenStream {
        let structs = self.svc.structs.iter().map(|s| self.structure(s));
        let unions = self.svc.unions.iter().map(|u| self.union(u));
        let imports = self.runtime_imports();
        let allow_dep = self.allow_deprecated();
        let rt = &self.rt;
        quote! {
            #allow_dep
            #[allow(unused_imports)]
            use super::*;
            #imports
            // The runtime under a name no shape can take, for the macros' expansions.
            #[allow(unused_imports)]
            use #rt as __rt;
            #(#structs)*
            #(#unions)*
        }
    }

    fn structure(&self, s: &StructDef) -> TokenStream {
        let name = ident(&s.name);
        // The definition as text (see `verbatim`), laid out as prettyplease would.
        let mut text = String::new();
        let line = |text: &mut String, indent: &str, l: &str| {
            for l in l.lines() {
                text.push_str(indent);
                text.push_str(l);
                text.push('\n');
            }
        };
        if !s.doc.trim().is_empty() {
            line(&mut text, "", &doc_lines(&s.doc));
        }
        if let Some(d) = &s.deprecated {
            line(&mut text, "", &deprecated_text(d));
        }
        text.push_str(&format!(
            "#[derive(Clone, PartialEq{}{})]\n#[non_exhaustive]\npub struct {name} {{",
            if s.has_sensitive { "" } else { ", Debug" },
            if s.derive_default { ", Default" } else { "" },
        ));
        text.push_str(if s.fields.is_empty() { "}" } else { "\n" });
        for f in &s.fields {
            if !f.doc.trim().is_empty() {
                line(&mut text, "    ", &doc_lines(&f.doc));
            }
            if let Some(d) = &f.deprecated {
                line(&mut text, "    ", &deprecated_text(d));
            }
            let optional = u32::from(f.presence == Presence::Optional);
            if type_complexity(&f.ty, 1 + optional) + 10 * optional > TYPE_COMPLEXITY {
                line(&mut text, "    ", "#[allow(clippy::type_complexity)]");
            }
            line(
                &mut text,
                "    ",
                &format!("pub {}: {},", f.ident, self.field_ty_text(f, true)),
            );
        }
        if !s.fields.is_empty() {
            text.push('}');
        }
        let definition = self.verbatim_item(text);
        let serde_impls = self.serde_struct(s);
        let debug_impl = if s.has_sensitive {
            let name_str = &s.name;
            let entries = s.fields.iter().map(|f| {
                let fname = ident(&f.ident);
                let label = crate::names::unraw(&f.ident);
                if f.sensitive || s.has_sensitive && s.fields.iter().all(|x| !x.sensitive) {
                    quote!(.field(#label, &"*** Sensitive Data Redacted ***"))
                } else {
                    quote!(.field(#label, &self.#fname))
                }
            });
            quote! {
                #[allow(deprecated)]
                impl ::std::fmt::Debug for #name {
                    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.debug_struct(#name_str) #(#entries)* .finish()
                    }
                }
            }
        } else {
            quote!()
        };
        let error_impl = if s.is_error {
            let message = s
                .fields
                .iter()
                .find(|f| f.member.eq_ignore_ascii_case("message") && f.ty == TypeRef::String);
            let name_str = &s.shape;
            let body = match message {
                Some(m) => {
                    let fname = ident(&m.ident);
                    let (some, ok) = (self.some(), self.ok());
                    let show = match m.presence {
                        Presence::Optional => quote! {
                            if let #some(m) = &self.#fname { write!(f, ": {}", m)?; }
                        },
                        _ => quote!(write!(f, ": {}", self.#fname)?;),
                    };
                    quote! { f.write_str(#name_str)?; #show #ok(()) }
                }
                None => quote!(f.write_str(#name_str)),
            };
            quote! {
                impl ::std::fmt::Display for #name {
                    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result { #body }
                }
                impl ::std::error::Error for #name {}
            }
        } else {
            quote!()
        };
        let http_impls = self.http_bindings(s);
        quote! {
            #definition
            #serde_impls
            #http_impls
            #debug_impl
            #error_impl
        }
    }

    /// The HTTP bindings of a structure in operations: `http_input!` for an
    /// input, `http_output!` for an output or exception (one line per bound
    /// member), `error_shape!` for an exception, `json_payload!` for a
    /// structure that is a whole body.
    fn http_bindings(&self, s: &StructDef) -> TokenStream {
        use std::fmt::Write as _;
        let name = ident(&s.name);
        let body = if s.payload.is_some() {
            "Payload"
        } else if s.fields.iter().any(|f| f.location.is_none()) {
            "Members"
        } else {
            "Empty"
        };
        let mut text = String::new();
        let schema = match &s.schema {
            Some(i) => format!(" schema super::schema::{}", ident(i)),
            None => String::new(),
        };
        if s.is_input {
            let mut lines = String::new();
            for f in &s.fields {
                let fname = ident(&f.ident);
                let line = match &f.location {
                    Some(Location::Uri { name, .. }) => format!("label {fname} {}", lit(name)),
                    Some(Location::Query(_)) if matches!(f.ty, TypeRef::Map(..)) => {
                        format!("query_map {fname}")
                    }
                    Some(Location::Query(n)) => format!("query {fname} {}", lit(n)),
                    Some(Location::Header(n)) => format!("header {fname} {}", lit(n)),
                    Some(Location::HeaderPrefix(p)) => format!("header_map {fname} {}", lit(p)),
                    Some(Location::Payload) => match &s.payload_xml_name {
                        Some(n) => format!("payload {fname} {}", lit(n)),
                        None => format!("payload {fname}"),
                    },
                    Some(Location::StatusCode) | None => String::new(),
                };
                if !line.is_empty() {
                    let _ = write!(lines, "\n    {line};");
                }
                if f.host_label {
                    let _ = write!(lines, "\n    host_label {fname} {};", lit(&f.member));
                }
                if f.idempotency_token
                    && f.presence == Presence::Optional
                    && f.ty == TypeRef::String
                {
                    let _ = write!(lines, "\n    token {fname};");
                }
            }
            let close = if lines.is_empty() { "" } else { "\n" };
            let _ = writeln!(
                text,
                "__rt::http_input!({name} body {body} {{{lines}{close}}}{schema});"
            );
        }
        if s.is_output || s.is_error {
            let mut lines = String::new();
            for f in &s.fields {
                let fname = ident(&f.ident);
                let line = match &f.location {
                    Some(Location::Header(n)) => format!("header {fname} {}", lit(n)),
                    Some(Location::HeaderPrefix(p)) => format!("header_map {fname} {}", lit(p)),
                    Some(Location::StatusCode) => format!("status {fname}"),
                    Some(Location::Payload) => format!("payload {fname}"),
                    _ => continue,
                };
                let _ = write!(lines, "\n    {line};");
            }
            let close = if lines.is_empty() { "" } else { "\n" };
            let _ = writeln!(
                text,
                "__rt::http_output!({name} body {body} {{{lines}{close}}}{schema});"
            );
        }
        if s.is_error {
            // The code a query (or query-compatible) service reports is the
            // query protocol's (`error.code`); everywhere else the shape's name.
            let code = match &s.error_code {
                Some(c)
                    if self.svc.query_compatible
                        || matches!(self.svc.protocol.as_str(), "query" | "ec2") =>
                {
                    c.as_str()
                }
                _ => s.shape.as_str(),
            };
            let _ = writeln!(
                text,
                "__rt::error_shape!({name} {} {});",
                lit(&s.shape),
                lit(code)
            );
        }
        if s.is_payload {
            let _ = writeln!(text, "{}", self.payload_line(&s.name, s.schema.as_deref()));
        }
        if text.is_empty() {
            return quote!();
        }
        self.verbatim_item(text.trim_end().to_string())
    }

    /// A structure or union that is a whole body: its JSON, or in an XML
    /// service its XML document.
    fn payload_line(&self, name: &str, schema: Option<&str>) -> String {
        match schema {
            Some(sc) if self.svc.protocol == "rest-xml" => format!(
                "__rt::xml_payload!({}, super::schema::{});",
                ident(name),
                ident(sc)
            ),
            _ => format!("__rt::json_payload!({});", ident(name)),
        }
    }

    // -- schema.rs ----------------------------------------------------------

    /// The `schema` module of a service whose bodies are not JSON: one static
    /// per structure, union, list and map shape (see the runtime's `schema`).
    pub fn schema_file(&self) -> TokenStream {
        use crate::schema::{SchemaKind, SchemaMember, SchemaTarget};
        use std::fmt::Write as _;
        let member = |m: &SchemaMember| {
            let mut t = match &m.target {
                SchemaTarget::Shape(i) => format!("__s::m({}, &{})", lit(&m.name), ident(i)),
                SchemaTarget::Scalar(k) => format!("__s::m({}, &__s::{k})", lit(&m.name)),
            };
            if let Some(n) = &m.xml_name {
                let _ = write!(t, ".xml({})", lit(n));
            }
            if let Some(n) = &m.query_name {
                let _ = write!(t, ".query({})", lit(n));
            }
            if m.flattened {
                t.push_str(".flat()");
            }
            if m.xml_attribute {
                t.push_str(".attr()");
            }
            if let Some(ns) = &m.xml_namespace {
                let _ = write!(t, ".ns({}, {})", lit(&ns.prefix), lit(&ns.uri));
            }
            t
        };
        let members = |ms: &[SchemaMember]| {
            if ms.is_empty() {
                return "&[]".to_string();
            }
            let items: Vec<String> = ms.iter().map(|m| format!("\n    {},", member(m))).collect();
            format!("&[{}\n]", items.concat())
        };
        let feature = crate::schema::runtime_feature(&self.svc.protocol).unwrap_or("xml");
        let mut items = vec![self.verbatim_item(format!(
            "// Bodies of this service need the `{feature}` feature of shapegen-runtime.\nconst _: () = __s::{}_FEATURE;",
            feature.to_ascii_uppercase()
        ))];
        for d in &self.svc.schemas {
            let shape = lit(&d.shape);
            let mut t = match &d.kind {
                SchemaKind::Structure(ms) => {
                    format!("__s::Schema::structure({shape}, {})", members(ms))
                }
                SchemaKind::Union(ms) => format!("__s::Schema::union({shape}, {})", members(ms)),
                SchemaKind::List(m) => format!("__s::Schema::list({shape}, &{})", member(m)),
                SchemaKind::Map(k, v) => {
                    format!("__s::Schema::map({shape}, &{}, &{})", member(k), member(v))
                }
            };
            if let Some(n) = &d.xml_name {
                let _ = write!(t, ".xml({})", lit(n));
            }
            if let Some(ns) = &d.xml_namespace {
                let _ = write!(t, ".ns({}, {})", lit(&ns.prefix), lit(&ns.uri));
            }
            items.push(self.verbatim_item(format!(
                "pub static {}: __s::Schema = {t};",
                ident(&d.ident)
            )));
        }
        let rt = &self.rt;
        quote! {
            #![allow(non_upper_case_globals)]
            use #rt::schema as __s;
            #(#items)*
        }
    }

    /// `Serialize` and `Deserialize` of a structure: one `serde_struct!` line
    /// per member (see the runtime), members that are not in the body listed
    /// apart.
    fn serde_struct(&self, s: &StructDef) -> TokenStream {
        use std::fmt::Write as _;
        let mut members = String::new();
        let mut skipped = String::new();
        for f in &s.fields {
            let fname = ident(&f.ident);
            if f.location.is_some() {
                let value = match f.presence {
                    Presence::Optional => "::core::option::Option::None",
                    _ => "__rt::unset()",
                };
                let _ = write!(skipped, "\n    {fname} = {value};");
                continue;
            }
            let kind = match f.presence {
                Presence::Required => "Req",
                Presence::Optional => "Opt",
                Presence::Defaulted => "Dflt",
            };
            // Values whose JSON is not serde's: floats (`"NaN"`) and
            // `jsonvalue` documents (a string of JSON text).
            let codec = match &f.ty {
                TypeRef::F32 | TypeRef::F64 => "F",
                TypeRef::Document if f.jsonvalue => "J",
                _ => "",
            };
            let _ = write!(
                members,
                "\n    {} {fname} {kind}{codec};",
                lit(&f.wire_name)
            );
        }
        let close = |list: &str| if list.is_empty() { "" } else { "\n" };
        self.verbatim_item(format!(
            "__rt::serde_struct!({} {} {{{members}{}}} skip {{{skipped}{}}});",
            ident(&s.name),
            lit(&s.name),
            close(&members),
            close(&skipped),
        ))
    }

    fn union(&self, u: &UnionDef) -> TokenStream {
        let name = ident(&u.name);
        let doc = self.doc_attrs(&u.doc);
        let dep = deprecated_attr(&u.deprecated);
        let variants = u.variants.iter().map(|v| {
            let vname = ident(&v.name);
            let vdoc = self.doc_attrs(&v.doc);
            let ty = self.ty(&v.ty, true);
            let allow = (type_complexity(&v.ty, 1) > TYPE_COMPLEXITY)
                .then(|| quote!(#[allow(clippy::type_complexity)]));
            quote! { #vdoc #allow #vname(#ty), }
        });
        let unknown = ident(&u.unknown);
        let unknown_doc = self.doc_attrs(
            "A member this crate does not know (the service is newer than its model).\n\
             It cannot be sent: serializing it is an error.",
        );
        let (debug, debug_impl) = if u.has_sensitive {
            let arms = u.variants.iter().map(|v| {
                let vname = ident(&v.name);
                let vs = &v.name;
                quote!(Self::#vname(_) => f.debug_tuple(#vs).field(&"*** Sensitive Data Redacted ***").finish(),)
            });
            let unknown_str = &u.unknown;
            (
                quote!(),
                quote! {
                    impl ::std::fmt::Debug for #name {
                        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                            match *self {
                                #(#arms)*
                                Self::#unknown => f.write_str(#unknown_str),
                            }
                        }
                    }
                },
            )
        } else {
            (quote!(, Debug), quote!())
        };
        let serde_impls = self.serde_union(u);
        let payload_impl = if self.svc.payload_unions.contains(&u.name) {
            self.verbatim_item(self.payload_line(&u.name, u.schema.as_deref()))
        } else {
            quote!()
        };
        quote! {
            #doc
            #dep
            #[derive(Clone, PartialEq #debug)]
            #[non_exhaustive]
            pub enum #name {
                #(#variants)*
                #unknown_doc
                #unknown,
            }
            #serde_impls
            #payload_impl
            #debug_impl
        }
    }

    /// `Serialize` and `Deserialize` of a union: one `serde_union!` line per
    /// member.
    fn serde_union(&self, u: &UnionDef) -> TokenStream {
        use std::fmt::Write as _;
        let mut members = String::new();
        for v in &u.variants {
            let _ = write!(members, "\n    {} {};", lit(&v.wire_name), ident(&v.name));
        }
        self.verbatim_item(format!(
            "__rt::serde_union!({} {} {{{members}{}}} unknown {});",
            ident(&u.name),
            lit(&u.name),
            if members.is_empty() { "" } else { "\n" },
            ident(&u.unknown),
        ))
    }

    // -- enums.rs -----------------------------------------------------------

    pub fn enums_file(&self) -> TokenStream {
        let enums = self.svc.enums.iter().map(|e| self.enumeration(e));
        let allow_dep = self.allow_deprecated();
        let rt = &self.rt;
        quote! {
            #allow_dep
            #[allow(unused_imports)]
            use #rt as __rt;
            #(#enums)*
        }
    }

    fn enumeration(&self, e: &EnumDef) -> TokenStream {
        let name = ident(&e.name);
        let doc = self.doc_attrs(&e.doc);
        let dep = deprecated_attr(&e.deprecated);
        let string = self.string();
        let vnames: Vec<Ident> = e.variants.iter().map(|v| ident(&v.name)).collect();
        let mut call = format!("__rt::string_enum!({name} {{");
        for (v, variant) in vnames.iter().zip(&e.variants) {
            call.push_str(&format!("\n    {v} = {};", lit(&variant.value)));
        }
        call.push_str(if e.variants.is_empty() {
            "});"
        } else {
            "\n});"
        });
        let enum_impls = self.verbatim_item(call);
        let vdocs = e.variants.iter().map(|v| {
            // Control characters are spelled as escapes (`\n`).
            let shown: String = v
                .value
                .chars()
                .map(|c| match c {
                    '`' => "'".to_string(),
                    c if c.is_control() => c.escape_default().to_string(),
                    c => c.to_string(),
                })
                .collect();
            let d = format!(" `{shown}`");
            quote!(#[doc = #d])
        });
        quote! {
            #doc
            #dep
            // `string_enum!` implements equality, hashing and order by wire value.
            #[derive(Clone, Debug)]
            #[non_exhaustive]
            pub enum #name {
                #( #vdocs #vnames, )*
                /// A value this version of the model does not know; it serializes back unchanged.
                Unknown(#string),
            }
            #enum_impls
        }
    }

    // -- builders.rs --------------------------------------------------------

    pub fn builders_file(&self) -> TokenStream {
        let builders = self.svc.structs.iter().map(|s| self.builder(s));
        let union_placeholders = self.svc.unions.iter().map(|u| self.union_placeholder(u));
        let imports = self.runtime_imports();
        let allow_dep = self.allow_deprecated();
        let rt = &self.rt;
        // `setters!` only for members: a service whose structures are all
        // empty would not use it (`unused import`).
        let use_setters = match self.svc.structs.iter().any(|s| !s.fields.is_empty()) {
            true => quote!(use #rt::setters;),
            false => quote!(),
        };
        quote! {
            #allow_dep
            #imports
            #[allow(unused_imports)]
            use #rt as __rt;
            #use_setters
            #(#builders)*
            #(#union_placeholders)*
        }
    }

    /// A structure's builder: a name for `Builder<Shape>`, the setters (one
    /// `setters!` line per member), `build()`, `Shape::builder()`, and the
    /// placeholder value of a structure with required members.
    fn builder(&self, s: &StructDef) -> TokenStream {
        let name = ident(&s.name);
        // `Self_` → `SelfBuilder` (no `_` inside a camel-case name).
        let bname = format_ident!("{}Builder", s.name.trim_end_matches('_'));
        // The builder call and the setters, one line each, as text.
        let mut required_labels = Vec::new();
        let mut setters = String::new();
        for f in &s.fields {
            let presence = match f.presence {
                Presence::Required => {
                    required_labels.push(lit(crate::names::unraw(&f.ident)));
                    "req".to_string()
                }
                Presence::Defaulted => "dflt".to_string(),
                Presence::Optional => "opt".to_string(),
            };
            setters.push_str("\n    ");
            setters.push_str(&self.setters(f, &presence));
        }
        let required = if required_labels.is_empty() {
            String::new()
        } else {
            format!(" [{}]", required_labels.join(", "))
        };
        let builder_text = format!(
            "__rt::builder!({bname} = super::{name}, {}{required});\nimpl {bname} {{{setters}{}}}",
            lit(&s.name),
            if setters.is_empty() { "" } else { "\n" },
        );
        let mut text = builder_text;
        if !s.derive_default {
            // The placeholder value of a structure with required members.
            if s.deprecated.is_some() || s.fields.iter().any(|f| f.deprecated.is_some()) {
                text.push_str("\n#[allow(deprecated)]");
            }
            text.push_str(&format!(
                "\nimpl __rt::Unset for super::{name} {{\n    #[inline]\n    fn unset() -> Self {{\n        Self {{"
            ));
            for f in &s.fields {
                let value = match f.presence {
                    Presence::Optional => compact(&self.none()),
                    _ => self.placeholder_text(&f.ty),
                };
                text.push_str(&format!("\n            {}: {value},", ident(&f.ident)));
            }
            text.push_str("\n        }\n    }\n}");
        }
        self.verbatim_item(text)
    }

    /// [`Self::placeholder`] as text.
    fn placeholder_text(&self, t: &TypeRef) -> String {
        match t {
            TypeRef::Boxed(inner) => {
                format!(
                    "{}::new({})",
                    compact(&self.boxed()),
                    self.placeholder_text(inner)
                )
            }
            _ => "__rt::unset()".to_string(),
        }
    }

    /// The value a builder's unset required member of type `t` holds until set.
    fn placeholder(&self, t: &TypeRef) -> TokenStream {
        let rt = &self.rt;
        match t {
            TypeRef::Boxed(inner) => {
                let b = self.boxed();
                let inner = self.placeholder(inner);
                quote!(#b::new(#inner))
            }
            _ => quote!(#rt::unset()),
        }
    }

    fn union_placeholder(&self, u: &UnionDef) -> TokenStream {
        let rt = &self.rt;
        let Some(i) = u.placeholder else {
            return quote!();
        };
        let name = ident(&u.name);
        let v = &u.variants[i];
        let vname = ident(&v.name);
        let value = self.placeholder(&v.ty);
        let allow_dep = if u.deprecated.is_some() {
            quote!(#[allow(deprecated)])
        } else {
            quote!()
        };
        quote! {
            #allow_dep
            impl #rt::Unset for super::#name {
                #[inline]
                fn unset() -> Self {
                    Self::#vname(#value)
                }
            }
        }
    }

    /// One `setters!` line: `setters!(opt list items => items, set_items, push_items: super::Item, "The items.");`
    /// (the last argument, the summary of the member's documentation, only
    /// when it has one).
    fn setters(&self, f: &FieldDef, presence: &str) -> String {
        let fname = ident(&f.ident);
        let setter = crate::names::setter_name(&f.ident);
        let base = crate::names::unraw(&setter).to_string();
        let setter = ident(&setter);
        let set = format!("set_{base}");
        let mut line = match &f.ty {
            TypeRef::List(inner) => format!(
                "setters!({presence} list {fname} => {setter}, {set}, push_{base}: {});",
                self.ty_text(inner, false)
            ),
            TypeRef::Map(k, v) => format!(
                "setters!({presence} map {fname} => {setter}, {set}, insert_{base}: {} => {});",
                self.ty_text(k, false),
                self.ty_text(v, false)
            ),
            TypeRef::Boxed(inner) => format!(
                "setters!({presence} box {fname} => {setter}, {set}: {});",
                self.ty_text(inner, false)
            ),
            t => format!(
                "setters!({presence} {fname} => {setter}, {set}: {});",
                self.ty_text(t, false)
            ),
        };
        if !f.setter_doc.is_empty() {
            line.truncate(line.len() - ");".len());
            line.push_str(", ");
            line.push_str(&lit(&f.setter_doc));
            line.push_str(");");
        }
        line
    }

    // -- operations.rs ------------------------------------------------------

    pub fn operations_file(&self) -> TokenStream {
        let rt = &self.rt;
        let ops = self.svc.operations.iter().map(|o| self.operation(o));
        let trait_name = ident(&self.svc.trait_name);
        let methods: Vec<TokenStream> = self
            .svc
            .operations
            .iter()
            .map(|o| {
                let mut t = String::new();
                if !o.method_doc.trim().is_empty() {
                    t.push_str(&doc_lines(&o.method_doc));
                    t.push('\n');
                }
                if let Some(d) = &o.deprecated {
                    t.push_str(&deprecated_text(d));
                    t.push('\n');
                }
                let input = o
                    .input
                    .as_ref()
                    .map_or(String::new(), |i| format!(", input: super::{}", ident(i)));
                let output = o
                    .output
                    .as_ref()
                    .map_or("()".to_string(), |i| format!("super::{}", ident(i)));
                // A default body, so that a mock implements only what it uses.
                t.push_str(&format!(
                    "fn {}(&self{input}) -> impl ::std::future::Future<Output = {}<{output}, {}>> + {} {{\n    {}__rt::not_implemented({})\n}}",
                    ident(&o.fn_name),
                    self.std_text("Result", "::std::result::Result"),
                    ident(&o.error_name),
                    self.std_text("Send", "::std::marker::Send"),
                    if o.input.is_some() { "let _ = input;\n    " } else { "" },
                    lit(&o.name),
                ));
                self.verbatim_item(t)
            })
            .collect();
        let trait_doc = format!(
            " The {} API: one method per operation, for clients, mocks and servers to implement. Every method has a default body that returns the operation's `Unhandled` error (`NotImplemented`, status 501), so a mock implements only the operations it uses.",
            self.svc.title
        );
        let protocol = match (self.svc.protocol.as_str(), self.svc.json_version.as_str()) {
            ("rest-json", _) => "__rt::Protocol::RestJson".to_string(),
            ("json", "1.0") => "__rt::Protocol::AwsJson1_0".to_string(),
            ("json", _) => "__rt::Protocol::AwsJson1_1".to_string(),
            ("rest-xml", _) => "__rt::Protocol::RestXml".to_string(),
            ("query", _) => "__rt::Protocol::AwsQuery".to_string(),
            ("ec2", _) => "__rt::Protocol::Ec2Query".to_string(),
            ("smithy-rpc-v2-cbor", _) => "__rt::Protocol::RpcV2Cbor".to_string(),
            (other, _) => format!("__rt::Protocol::Unsupported({})", lit(other)),
        };
        let default_headers: Vec<String> = self
            .svc
            .default_headers
            .iter()
            .map(|(n, v)| format!("({}, {})", lit(n), lit(v)))
            .collect();
        let service = self.verbatim_item(format!(
            "/// What this service's operations need to know of it: protocol, target prefix, signing name.\npub const SERVICE: __rt::ServiceInfo = __rt::ServiceInfo {{\n    protocol: {protocol},\n    target_prefix: {},\n    signing_name: {},\n    endpoint_prefix: {},\n    api_version: {},\n    query_compatible: {},\n    default_headers: &[{}],\n}};",
            lit(&self.svc.target_prefix),
            lit(&self.svc.signing_name),
            lit(&self.svc.endpoint_prefix),
            lit(&self.svc.api_version),
            self.svc.query_compatible,
            default_headers.join(", "),
        ));
        let imports = self.runtime_imports();
        let allow_dep = self.allow_deprecated();
        quote! {
            #allow_dep
            #imports
            #[allow(unused_imports)]
            use #rt as __rt;
            #service
            #(#ops)*

            #[doc = #trait_doc]
            pub trait #trait_name {
                #(#methods)*
            }
        }
    }

    /// `name` as spelled in the generated code: short, or by full path when a
    /// service type shadows it.
    fn std_text(&self, short: &'static str, full: &'static str) -> &'static str {
        if self.shadowed(short) {
            full
        } else {
            short
        }
    }

    /// An operation's unit type, its `Operation` impl and its error enum, as text.
    fn operation(&self, o: &OperationDef) -> TokenStream {
        use std::fmt::Write as _;
        let rt = "__rt";
        let named = |n: &Option<String>| {
            n.as_ref()
                .map_or("()".to_string(), |i| format!("super::{}", ident(i)))
        };
        let uri = &o.uri;
        let mut t = String::new();
        if !o.doc.trim().is_empty() {
            t.push_str(&doc_lines(&o.doc));
            t.push('\n');
        }
        let _ = writeln!(
            t,
            "#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]\npub struct {tname};\nimpl {rt}::Operation for {tname} {{",
            tname = ident(&o.type_name),
        );
        let _ = writeln!(t, "    type Input = {};", named(&o.input));
        let _ = writeln!(t, "    type Output = {};", named(&o.output));
        let _ = writeln!(t, "    type Error = {};", ident(&o.error_name));
        let _ = writeln!(
            t,
            "    const SERVICE: &'static {rt}::ServiceInfo = &SERVICE;"
        );
        let _ = writeln!(t, "    const NAME: &'static str = {};", lit(&o.name));
        let _ = writeln!(t, "    const METHOD: &'static str = {};", lit(&o.method));
        let _ = writeln!(t, "    const URI_TEMPLATE: &'static str = {};", lit(uri));
        let _ = writeln!(t, "    const SUCCESS_STATUS: u16 = {};", o.status);
        let _ = writeln!(
            t,
            "    const DOCUMENTATION: &'static str = {};",
            lit(&o.doc_plain)
        );
        // Items equal to the trait's defaults are left out.
        if !o.host_prefix.is_empty() {
            let _ = writeln!(
                t,
                "    const HOST_PREFIX: &'static str = {};",
                lit(&o.host_prefix)
            );
        }
        if o.checksum_required {
            let _ = writeln!(t, "    const CHECKSUM_REQUIRED: bool = true;");
        }
        if let Some(h) = &o.checksum_algorithm_header {
            let _ = writeln!(
                t,
                "    const CHECKSUM_ALGORITHM_HEADER: Option<&'static str> = Some({});",
                lit(h)
            );
        }
        if let Some(w) = &o.result_wrapper {
            let _ = writeln!(
                t,
                "    const RESULT_WRAPPER: Option<&'static str> = Some({});",
                lit(w)
            );
        }
        t.push_str("}\n");
        if let Some(p) = &o.paginator {
            let items = self.ty_text(&p.result_type, false);
            let items = match p.result_presence {
                Presence::Optional => format!(
                    "{}<{items}>",
                    self.std_text("Option", "::std::option::Option")
                ),
                _ => items,
            };
            let _ = writeln!(
                t,
                "{rt}::paginated!({}: {items} {{ {} <- {}, items {} }});",
                ident(&o.type_name),
                p.input_token,
                p.output_token,
                p.result_key
            );
        }
        if o.error_enum != o.error_name {
            let _ = write!(
                t,
                "/// The errors of `{}`: the same exceptions as [`{}`].\npub type {} = {};",
                o.name,
                o.error_enum,
                ident(&o.error_name),
                ident(&o.error_enum)
            );
            return self.verbatim_item(t);
        }
        let variants: String = o
            .errors
            .iter()
            .map(|e| format!("\n    {}(super::{}),", ident(e), ident(e)))
            .collect();
        let _ = write!(
            t,
            "{rt}::operation_error!({} {} {{{variants}{}}} unhandled {});",
            ident(&o.error_name),
            lit(&o.name),
            if variants.is_empty() { "" } else { "\n" },
            ident(&o.unhandled_variant),
        );
        self.verbatim_item(t)
    }
}

#[cfg(test)]
mod tests {
    /// `lit` writes what proc-macro2 writes, on its fast path and off it.
    #[test]
    fn literals_as_proc_macro2_writes_them() {
        let ascii: String = (0x20u8..0x7f).map(char::from).collect();
        for s in [
            "",
            "plain text",
            "a \"quoted\" \\ back\\slash",
            ascii.as_str(),
            "tab\there",
            "line\nbreak",
            "nul\0 and \x007",
            "it's",
            "café ✓",
            "\u{85}\u{200b}",
        ] {
            assert_eq!(
                super::lit(s),
                proc_macro2::Literal::string(s).to_string(),
                "{s:?}"
            );
        }
    }
}
