//! Static descriptions of shapes, for the protocols whose bodies are not the
//! types' serde form (`rest-xml`, `query`, `ec2`, `smithy-rpc-v2-cbor`).
//!
//! The generated code of such a service holds one `static` [`Schema`] per
//! structure, union, list and map shape of its model: member names, XML and
//! query names, `flattened`, `xmlAttribute`, `xmlNamespace`. The codecs of
//! this crate interpret them: a value goes through its serde form (a
//! `serde_json::Value` keyed by member names) and the schema turns that into
//! query parameters, XML or CBOR, and back. Per member that is one line of
//! static data instead of generated code per member per protocol, which keeps
//! the generated crates small (the schema-based serialization smithy-rs and
//! the Go SDK are moving to).

use serde_json::Value;

/// One shape of a model.
#[derive(Debug)]
pub struct Schema {
    /// The shape's name in the model.
    pub name: &'static str,
    /// The shape's own `locationName` (an XML element name).
    pub xml_name: Option<&'static str>,
    /// The shape's own `xmlNamespace`.
    pub xml_namespace: Option<XmlNamespace>,
    pub kind: Kind,
}

/// What a shape is.
#[derive(Debug)]
pub enum Kind {
    Structure(&'static [Member]),
    /// A union: like a structure, with exactly one member set.
    Union(&'static [Member]),
    List(&'static Member),
    /// Key and value.
    Map(&'static Member, &'static Member),
    String,
    Boolean,
    /// Every integer width (`byte` .. `long`).
    Integer,
    /// `float` and `double`.
    Float,
    Blob,
    Timestamp(TimeFormat),
    Document,
}

/// How a timestamp's serde form is written (its `timestampFormat`, or the
/// protocol's default).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeFormat {
    EpochSeconds,
    Iso8601,
    HttpDate,
}

/// `xmlNamespace`: `xmlns[:prefix]="uri"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct XmlNamespace {
    pub prefix: &'static str,
    pub uri: &'static str,
}

/// A member of a structure or union, or the member / key / value of a list or
/// map, with the traits of the reference merged over its target's (as
/// botocore does).
pub struct Member {
    /// The member's name: its key in the serde form.
    pub name: &'static str,
    /// `locationName`: the XML element (or attribute) name, and the query key.
    pub xml_name: Option<&'static str>,
    /// `queryName` (the `ec2` protocol's key).
    pub query_name: Option<&'static str>,
    /// `flattened`, `xmlAttribute`.
    pub flags: u8,
    pub xml_namespace: Option<XmlNamespace>,
    pub target: &'static Schema,
}

/// The target by name only: schemas refer to themselves (a structure that
/// holds a list of itself), so a derived `Debug` would never end.
impl std::fmt::Debug for Member {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Member")
            .field("name", &self.name)
            .field("xml_name", &self.xml_name)
            .field("query_name", &self.query_name)
            .field("flags", &self.flags)
            .field("xml_namespace", &self.xml_namespace)
            .field("target", &self.target.name)
            .finish()
    }
}

impl Kind {
    /// What a value of this kind is, for messages (`a structure`).
    pub fn describe(&self) -> &'static str {
        match self {
            Kind::Structure(_) => "a structure",
            Kind::Union(_) => "a union",
            Kind::List(_) => "a list",
            Kind::Map(..) => "a map",
            Kind::String => "a string",
            Kind::Boolean => "a boolean",
            Kind::Integer => "an integer",
            Kind::Float => "a number",
            Kind::Blob => "a blob",
            Kind::Timestamp(_) => "a timestamp",
            Kind::Document => "a document",
        }
    }
}

impl Member {
    pub const FLATTENED: u8 = 1;
    pub const XML_ATTRIBUTE: u8 = 2;

    pub fn flattened(&self) -> bool {
        self.flags & Self::FLATTENED != 0
    }
    pub fn xml_attribute(&self) -> bool {
        self.flags & Self::XML_ATTRIBUTE != 0
    }
}

impl Schema {
    /// The members of a structure or union (none for other shapes).
    pub fn members(&self) -> &'static [Member] {
        match self.kind {
            Kind::Structure(m) | Kind::Union(m) => m,
            _ => &[],
        }
    }
}

macro_rules! scalar {
    ($($id:ident $name:literal $kind:expr;)*) => {$(
        #[doc = concat!("The `", $name, "` shapes.")]
        pub static $id: Schema = Schema { name: $name, xml_name: None, xml_namespace: None, kind: $kind };
    )*};
}

scalar! {
    STRING "string" Kind::String;
    BOOLEAN "boolean" Kind::Boolean;
    INTEGER "integer" Kind::Integer;
    FLOAT "double" Kind::Float;
    BLOB "blob" Kind::Blob;
    TIMESTAMP_EPOCH "timestamp" Kind::Timestamp(TimeFormat::EpochSeconds);
    TIMESTAMP_ISO8601 "timestamp" Kind::Timestamp(TimeFormat::Iso8601);
    TIMESTAMP_HTTP_DATE "timestamp" Kind::Timestamp(TimeFormat::HttpDate);
    DOCUMENT "document" Kind::Document;
}

/// `m("name", &TARGET)`: a member of a generated static, its traits added
/// with `.xml("Name")`, `.query("Name")`, `.flat()`, `.attr()`, `.ns(..)`.
pub const fn m(name: &'static str, target: &'static Schema) -> Member {
    Member {
        name,
        xml_name: None,
        query_name: None,
        flags: 0,
        xml_namespace: None,
        target,
    }
}

impl Member {
    pub const fn xml(mut self, name: &'static str) -> Member {
        self.xml_name = Some(name);
        self
    }
    pub const fn query(mut self, name: &'static str) -> Member {
        self.query_name = Some(name);
        self
    }
    pub const fn flat(mut self) -> Member {
        self.flags |= Self::FLATTENED;
        self
    }
    pub const fn attr(mut self) -> Member {
        self.flags |= Self::XML_ATTRIBUTE;
        self
    }
    pub const fn ns(mut self, prefix: &'static str, uri: &'static str) -> Member {
        self.xml_namespace = Some(XmlNamespace { prefix, uri });
        self
    }
}

impl Schema {
    const fn new(name: &'static str, kind: Kind) -> Schema {
        Schema {
            name,
            xml_name: None,
            xml_namespace: None,
            kind,
        }
    }
    pub const fn structure(name: &'static str, members: &'static [Member]) -> Schema {
        Schema::new(name, Kind::Structure(members))
    }
    pub const fn union(name: &'static str, members: &'static [Member]) -> Schema {
        Schema::new(name, Kind::Union(members))
    }
    pub const fn list(name: &'static str, member: &'static Member) -> Schema {
        Schema::new(name, Kind::List(member))
    }
    pub const fn map(name: &'static str, key: &'static Member, value: &'static Member) -> Schema {
        Schema::new(name, Kind::Map(key, value))
    }
    pub const fn xml(mut self, name: &'static str) -> Schema {
        self.xml_name = Some(name);
        self
    }
    pub const fn ns(mut self, prefix: &'static str, uri: &'static str) -> Schema {
        self.xml_namespace = Some(XmlNamespace { prefix, uri });
        self
    }
}

/// Named by the generated schemas of an XML service: without the `xml`
/// feature of this crate, the error names what to enable.
#[cfg(feature = "xml")]
pub const XML_FEATURE: () = ();
/// Named by the generated schemas of a CBOR service (see [`XML_FEATURE`]).
#[cfg(feature = "cbor")]
pub const CBOR_FEATURE: () = ();

// ---------------------------------------------------------------------------
// Scalars as text (query values, XML text)
// ---------------------------------------------------------------------------

/// The text of a scalar serde value: strings as they are, numbers as JSON
/// writes them, booleans `true`/`false`. `None` for `null`, arrays, objects.
pub fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(if *b { "true" } else { "false" }.to_owned()),
        _ => None,
    }
}

/// A float's serde value: a number, or for a non-finite one the string the
/// float members' serde reads (`"NaN"`, `"Infinity"`, `"-Infinity"`).
pub fn float_value(f: f64) -> Value {
    if f.is_nan() {
        Value::String("NaN".to_owned())
    } else if f.is_infinite() {
        Value::String(if f > 0.0 { "Infinity" } else { "-Infinity" }.to_owned())
    } else {
        serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)
    }
}

/// A scalar's serde value from its text on the wire (XML text, a query
/// value), by the shape's kind.
pub fn scalar_from_text(text: &str, kind: &Kind) -> Result<Value, String> {
    let t = text.trim();
    Ok(match kind {
        Kind::Boolean => match t {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            _ => return Err(format!("`{t}` is not a boolean")),
        },
        Kind::Integer => Value::Number(
            t.parse::<i64>()
                .map(Into::into)
                .or_else(|_| t.parse::<u64>().map(Into::into))
                .map_err(|_| format!("`{t}` is not an integer"))?,
        ),
        Kind::Float => match t {
            "NaN" | "Infinity" | "-Infinity" => Value::String(t.to_owned()),
            _ => match t.parse::<f64>() {
                Ok(f) if f.is_finite() => float_value(f),
                _ => return Err(format!("`{t}` is not a number")),
            },
        },
        Kind::Timestamp(TimeFormat::EpochSeconds) => match t.parse::<f64>() {
            Ok(_) => serde_json::from_str(t).map_err(|_| format!("`{t}` is not a timestamp"))?,
            Err(_) => Value::String(t.to_owned()),
        },
        Kind::Timestamp(_) | Kind::Blob => Value::String(t.to_owned()),
        _ => Value::String(text.to_owned()),
    })
}

// ---------------------------------------------------------------------------
// Query parameters (`query`, `ec2`)
// ---------------------------------------------------------------------------

/// The query parameters of a structure's serde value (`query` and `ec2`
/// protocols), in member order: `Name=value`, lists as `Name.member.N`
/// (`Name.N` flattened, and always in `ec2`), maps as
/// `Name.entry.N.key`/`.value`, nested structures as `Outer.Inner`.
pub fn query_params(value: &Value, schema: &Schema, ec2: bool) -> Vec<(String, String)> {
    let mut out = Vec::new();
    query_structure(&mut out, value, schema, "", ec2);
    out
}

fn query_key(member: &Member, ec2: bool) -> String {
    if ec2 {
        if let Some(q) = member.query_name {
            return q.to_owned();
        }
        if let Some(n) = member.xml_name {
            let mut c = n.chars();
            return match c.next() {
                Some(f) => f.to_uppercase().chain(c).collect(),
                None => String::new(),
            };
        }
        return member.name.to_owned();
    }
    member.xml_name.unwrap_or(member.name).to_owned()
}

fn join(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_owned()
    } else {
        format!("{prefix}.{name}")
    }
}

fn query_structure(
    out: &mut Vec<(String, String)>,
    value: &Value,
    schema: &Schema,
    prefix: &str,
    ec2: bool,
) {
    let Value::Object(map) = value else { return };
    for member in schema.members() {
        if let Some(v) = map.get(member.name) {
            let key = join(prefix, &query_key(member, ec2));
            query_value(out, v, member, &key, ec2);
        }
    }
}

fn query_value(
    out: &mut Vec<(String, String)>,
    value: &Value,
    member: &Member,
    key: &str,
    ec2: bool,
) {
    if value.is_null() {
        return;
    }
    match member.target.kind {
        Kind::Structure(_) | Kind::Union(_) => query_structure(out, value, member.target, key, ec2),
        Kind::List(item) => {
            let Value::Array(items) = value else { return };
            if items.is_empty() {
                // The query protocol sends an empty list as an empty value; ec2 sends nothing.
                if !ec2 {
                    out.push((key.to_owned(), String::new()));
                }
                return;
            }
            let list_prefix = if ec2 {
                key.to_owned()
            } else if member.flattened() {
                match item.xml_name {
                    // A flattened list's items take the item's name in place of the member's.
                    Some(n) => match key.rsplit_once('.') {
                        Some((head, _)) => format!("{head}.{n}"),
                        None => n.to_owned(),
                    },
                    None => key.to_owned(),
                }
            } else {
                format!("{key}.{}", item.xml_name.unwrap_or("member"))
            };
            for (i, v) in items.iter().enumerate() {
                query_value(out, v, item, &format!("{list_prefix}.{}", i + 1), ec2);
            }
        }
        Kind::Map(k, v) => {
            let Value::Object(entries) = value else {
                return;
            };
            let map_prefix = if member.flattened() {
                key.to_owned()
            } else {
                format!("{key}.entry")
            };
            let key_name = query_name_or(k, ec2, "key");
            let value_name = query_name_or(v, ec2, "value");
            for (i, (ek, ev)) in entries.iter().enumerate() {
                let n = i + 1;
                out.push((format!("{map_prefix}.{n}.{key_name}"), ek.clone()));
                query_value(out, ev, v, &format!("{map_prefix}.{n}.{value_name}"), ec2);
            }
        }
        _ => {
            if let Some(text) = scalar_text(value) {
                out.push((key.to_owned(), text));
            }
        }
    }
}

fn query_name_or(member: &Member, ec2: bool, default: &str) -> String {
    if member.xml_name.is_none() && member.query_name.is_none() {
        default.to_owned()
    } else {
        query_key(member, ec2)
    }
}

/// `application/x-www-form-urlencoded` text of `pairs`.
pub fn form_encode(pairs: &[(String, String)]) -> String {
    let mut out = String::new();
    for (k, v) in pairs {
        if !out.is_empty() {
            out.push('&');
        }
        out.push_str(&crate::percent_encode(k, false));
        out.push('=');
        out.push_str(&crate::percent_encode(v, false));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    // As the generated `schema` modules write them.
    static LIST: Schema = Schema::list("List", &m("member", &STRING));
    static INPUT: Schema = Schema::structure(
        "Input",
        &[
            m("Names", &LIST),
            m("count", &INTEGER).xml("Count").query("CountQ"),
        ],
    );

    #[test]
    fn query_lists_follow_the_protocol() {
        let v = json!({"Names": ["a", "b"], "count": 3});
        let q = query_params(&v, &INPUT, false);
        assert_eq!(form_encode(&q), "Names.member.1=a&Names.member.2=b&Count=3");
        let e = query_params(&v, &INPUT, true);
        assert_eq!(form_encode(&e), "Names.1=a&Names.2=b&CountQ=3");
        let empty = query_params(&json!({"Names": []}), &INPUT, false);
        assert_eq!(form_encode(&empty), "Names=");
        assert!(query_params(&json!({"Names": []}), &INPUT, true).is_empty());
    }

    static NODE: Schema = Schema::structure("Node", &[m("next", &NODE), m("all", &NODES)]);
    static NODES: Schema = Schema::list("Nodes", &m("member", &NODE));

    #[test]
    fn recursive_schemas_debug_print() {
        let text = format!("{NODE:?}");
        assert!(
            text.contains("target: \"Node\"") && text.contains("target: \"Nodes\""),
            "{text}"
        );
    }

    #[test]
    fn scalars_from_text() {
        assert_eq!(scalar_from_text(" 12 ", &Kind::Integer).unwrap(), json!(12));
        assert_eq!(scalar_from_text("NaN", &Kind::Float).unwrap(), json!("NaN"));
        assert_eq!(
            scalar_from_text("true", &Kind::Boolean).unwrap(),
            json!(true)
        );
        assert!(scalar_from_text("yes", &Kind::Boolean).is_err());
        assert_eq!(
            scalar_from_text("1.5", &Kind::Timestamp(TimeFormat::EpochSeconds)).unwrap(),
            json!(1.5)
        );
    }
}
