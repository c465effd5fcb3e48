//! XML bodies (`rest-xml`, `query`, `ec2`): a small element tree read with
//! quick-xml, turned into a structure's serde value by its [`Schema`], and
//! the other way for `rest-xml` requests.
//!
//! The rules are botocore's (`parsers.py`, `serialize.py`): element names
//! without their namespace prefix; a member's element is its `locationName`
//! or its name; lists wrap their items in `member` (or the item's name)
//! unless `flattened`, when the items repeat in place under the member's
//! name (or the item's, when it has one); maps are `entry`s of `key` and
//! `value` (or their names); `xmlAttribute` members are attributes.

use crate::schema::{scalar_from_text, scalar_text, Kind, Member, Schema, XmlNamespace};
use quick_xml::events::Event;
use serde_json::{Map, Value};

/// An XML element: its local name, attributes as written, child elements and
/// the text directly inside it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Element {
    pub name: String,
    pub attributes: Vec<(String, String)>,
    pub children: Vec<Element>,
    pub text: String,
}

impl Element {
    /// The first child of this local name.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }

    fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

fn local(name: &[u8]) -> String {
    let s = String::from_utf8_lossy(name);
    match s.split_once(':') {
        Some((_, l)) => l.to_owned(),
        None => s.into_owned(),
    }
}

/// Nesting deeper than this is refused: reading a structure follows the
/// elements recursively, and a hostile body must not overflow the stack.
pub const MAX_DEPTH: usize = 256;

/// Reads the root element of an XML document.
pub fn parse(body: &[u8]) -> Result<Element, String> {
    let text = std::str::from_utf8(body).map_err(|_| "the XML body is not UTF-8".to_owned())?;
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().trim_text(false);
    let mut stack: Vec<Element> = Vec::new();
    let err = |e: &dyn std::fmt::Display, pos: u64| format!("invalid XML at byte {pos}: {e}");
    loop {
        let pos = reader.buffer_position();
        let event = reader.read_event().map_err(|e| err(&e, pos))?;
        match event {
            Event::Start(start) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(err(
                        &format!("elements nested more than {MAX_DEPTH} deep"),
                        pos,
                    ));
                }
                stack.push(element(&start).map_err(|e| err(&e, pos))?)
            }
            Event::Empty(start) => {
                let el = element(&start).map_err(|e| err(&e, pos))?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(el),
                    None => return Ok(el),
                }
            }
            Event::End(_) => {
                let el = stack.pop().ok_or_else(|| err(&"unmatched end tag", pos))?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(el),
                    None => return Ok(el),
                }
            }
            Event::Text(t) => {
                if let Some(el) = stack.last_mut() {
                    el.text
                        .push_str(&t.xml10_content().map_err(|e| err(&e, pos))?);
                }
            }
            Event::CData(t) => {
                if let Some(el) = stack.last_mut() {
                    el.text.push_str(&String::from_utf8_lossy(&t.into_inner()));
                }
            }
            Event::GeneralRef(r) => {
                let c = match r.resolve_char_ref().map_err(|e| err(&e, pos))? {
                    Some(c) => c,
                    None => match &*r {
                        b"amp" => '&',
                        b"lt" => '<',
                        b"gt" => '>',
                        b"quot" => '"',
                        b"apos" => '\'',
                        other => {
                            return Err(err(
                                &format!("unknown entity `&{};`", String::from_utf8_lossy(other)),
                                pos,
                            ))
                        }
                    },
                };
                if let Some(el) = stack.last_mut() {
                    el.text.push(c);
                }
            }
            Event::Eof => return Err("the XML body has no (complete) root element".to_owned()),
            _ => {}
        }
    }
}

fn element(start: &quick_xml::events::BytesStart<'_>) -> Result<Element, quick_xml::Error> {
    let mut el = Element {
        name: local(start.name().as_ref()),
        ..Element::default()
    };
    for a in start.attributes() {
        let a = a.map_err(quick_xml::Error::from)?;
        let value = a.normalized_value(quick_xml::XmlVersion::Implicit1_0)?;
        el.attributes.push((
            String::from_utf8_lossy(a.key.as_ref()).into_owned(),
            value.into_owned(),
        ));
    }
    Ok(el)
}

// ---------------------------------------------------------------------------
// XML → serde value
// ---------------------------------------------------------------------------

/// The serde value of a structure (or union) `schema` from its element.
pub fn structure_value(el: &Element, schema: &Schema) -> Result<Value, String> {
    let mut out = Map::new();
    for member in schema.members() {
        if member.xml_attribute() {
            let name = member.xml_name.unwrap_or(member.name);
            if let Some(v) = el.attribute(name) {
                out.insert(
                    member.name.to_owned(),
                    scalar_from_text(v, &member.target.kind)?,
                );
            }
            continue;
        }
        let key = member_element_name(member);
        let nodes: Vec<&Element> = el.children.iter().filter(|c| c.name == key).collect();
        if nodes.is_empty() {
            continue;
        }
        let v = member_value(&nodes, member).map_err(|e| format!("{}: {e}", member.name))?;
        out.insert(member.name.to_owned(), v);
    }
    if let Kind::Union(members) = schema.kind {
        if out.is_empty() {
            // A member this crate does not know: the union's unknown variant.
            if let Some(c) = el.children.first() {
                if !members.iter().any(|m| member_element_name(m) == c.name) {
                    // Not `null`: a `null` member does not count as the one set.
                    out.insert(c.name.clone(), Value::Object(Map::new()));
                }
            }
        }
    }
    Ok(Value::Object(out))
}

/// The serde value of a structure from a whole document's root element.
/// Besides [`structure_value`]: a structure of one text member whose name
/// the root element has, and no child of that name, is that text (S3's
/// `GetBucketLocation` answers `<LocationConstraint>eu-west-1</LocationConstraint>`,
/// which botocore reads by a customization).
pub fn document_value(root: &Element, schema: &Schema) -> Result<Value, String> {
    if let Kind::Structure([only]) = schema.kind {
        let scalar = !matches!(
            only.target.kind,
            Kind::Structure(_) | Kind::Union(_) | Kind::List(_) | Kind::Map(..)
        );
        if scalar
            && !only.xml_attribute()
            && root.children.is_empty()
            && root.name == member_element_name(only)
        {
            let mut out = Map::new();
            out.insert(
                only.name.to_owned(),
                scalar_from_text(&root.text, &only.target.kind)?,
            );
            return Ok(Value::Object(out));
        }
    }
    structure_value(root, schema)
}

/// A member's element name in its structure: a flattened list's items carry
/// the item's name when it has one.
fn member_element_name(member: &Member) -> &'static str {
    if let (Kind::List(item), true) = (&member.target.kind, member.flattened()) {
        if let Some(n) = item.xml_name {
            return n;
        }
    }
    member.xml_name.unwrap_or(member.name)
}

/// The value of `member` from its elements in the structure (several for a
/// flattened list or map).
fn member_value(nodes: &[&Element], member: &Member) -> Result<Value, String> {
    match member.target.kind {
        Kind::List(item) => {
            let items: Vec<&Element> = if member.flattened() {
                nodes.to_vec()
            } else {
                nodes[0].children.iter().collect()
            };
            items
                .iter()
                .map(|n| member_value(&[n], item))
                .collect::<Result<Vec<_>, _>>()
                .map(Value::Array)
        }
        Kind::Map(k, v) => {
            let entries: Vec<&Element> = if member.flattened() {
                nodes.to_vec()
            } else {
                nodes[0].children.iter().collect()
            };
            let key_name = k.xml_name.unwrap_or("key");
            let value_name = v.xml_name.unwrap_or("value");
            let mut out = Map::new();
            for e in entries {
                let key = e
                    .child(key_name)
                    .map(|n| n.text.clone())
                    .unwrap_or_default();
                let value = match e.child(value_name) {
                    Some(n) => member_value(&[n], v)?,
                    None => Value::Null,
                };
                out.insert(key, value);
            }
            Ok(Value::Object(out))
        }
        Kind::Structure(_) | Kind::Union(_) => structure_value(nodes[0], member.target),
        _ => {
            let n = nodes[nodes.len() - 1];
            scalar_from_text(&n.text, &member.target.kind)
        }
    }
}

// ---------------------------------------------------------------------------
// serde value → XML
// ---------------------------------------------------------------------------

/// The XML of `value` as the element `name` (`rest-xml` bodies).
pub fn to_xml(value: &Value, member: &Member, name: &str) -> String {
    let mut out = String::new();
    write_member(&mut out, value, member, name);
    out
}

fn write_namespace(out: &mut String, ns: Option<XmlNamespace>) {
    if let Some(ns) = ns {
        out.push_str(" xmlns");
        if !ns.prefix.is_empty() {
            out.push(':');
            out.push_str(ns.prefix);
        }
        out.push_str("=\"");
        escape(out, ns.uri, true);
        out.push('"');
    }
}

fn escape(out: &mut String, text: &str, attribute: bool) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\r' => out.push_str("&#xD;"),
            '\n' if attribute => out.push_str("&#xA;"),
            _ => out.push(c),
        }
    }
}

fn write_member(out: &mut String, value: &Value, member: &Member, name: &str) {
    if value.is_null() {
        return;
    }
    let ns = member.xml_namespace.or(member.target.xml_namespace);
    match member.target.kind {
        Kind::Structure(members) | Kind::Union(members) => {
            let Value::Object(map) = value else { return };
            out.push('<');
            out.push_str(name);
            write_namespace(out, ns);
            for m in members.iter().filter(|m| m.xml_attribute()) {
                if let Some(text) = map.get(m.name).and_then(scalar_text) {
                    out.push(' ');
                    out.push_str(m.xml_name.unwrap_or(m.name));
                    out.push_str("=\"");
                    escape(out, &text, true);
                    out.push('"');
                }
            }
            out.push('>');
            for m in members.iter().filter(|m| !m.xml_attribute()) {
                if let Some(v) = map.get(m.name) {
                    write_member(out, v, m, m.xml_name.unwrap_or(m.name));
                }
            }
            close(out, name);
        }
        Kind::List(item) => {
            let Value::Array(items) = value else { return };
            if member.flattened() {
                for v in items {
                    write_member(out, v, item, name);
                }
            } else {
                open(out, name, ns);
                let item_name = item.xml_name.unwrap_or("member");
                for v in items {
                    write_member(out, v, item, item_name);
                }
                close(out, name);
            }
        }
        Kind::Map(k, v) => {
            let Value::Object(entries) = value else {
                return;
            };
            let key_name = k.xml_name.unwrap_or("key");
            let value_name = v.xml_name.unwrap_or("value");
            let flattened = member.flattened();
            if !flattened {
                open(out, name, ns);
            }
            for (ek, ev) in entries {
                let entry = if flattened { name } else { "entry" };
                out.push('<');
                out.push_str(entry);
                out.push('>');
                write_member(out, &Value::String(ek.clone()), k, key_name);
                write_member(out, ev, v, value_name);
                close(out, entry);
            }
            if !flattened {
                close(out, name);
            }
        }
        _ => {
            if let Some(text) = scalar_text(value) {
                open(out, name, ns);
                escape(out, &text, false);
                close(out, name);
            }
        }
    }
}

fn open(out: &mut String, name: &str, ns: Option<XmlNamespace>) {
    out.push('<');
    out.push_str(name);
    write_namespace(out, ns);
    out.push('>');
}

fn close(out: &mut String, name: &str) {
    out.push_str("</");
    out.push_str(name);
    out.push('>');
}

/// The `Code` and `Message` of an XML error body: `<ErrorResponse><Error>`
/// (`query`, `rest-xml`), `<Response><Errors><Error>` (`ec2`), or a bare
/// `<Error>` (S3).
pub fn error_code_and_message(body: &[u8]) -> (Option<String>, Option<String>) {
    let Ok(root) = parse(body) else {
        return (None, None);
    };
    let err = error_root(&root);
    let text = |n: &str| {
        err.child(n)
            .map(|e| e.text.trim().to_owned())
            .filter(|t| !t.is_empty())
    };
    (text("Code"), text("Message"))
}

/// The element an error's members are read from.
pub fn error_root(root: &Element) -> &Element {
    if root.name == "ErrorResponse" {
        if let Some(e) = root.child("Error") {
            return e;
        }
    }
    if let Some(e) = root.child("Errors").and_then(|e| e.child("Error")) {
        return e;
    }
    root
}

/// The request id of an XML error body (`RequestId` or `RequestID`).
pub fn request_id(body: &[u8]) -> Option<String> {
    let root = parse(body).ok()?;
    root.child("RequestId")
        .or_else(|| root.child("RequestID"))
        .or_else(|| error_root(&root).child("RequestId"))
        .map(|e| e.text.trim().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{m, INTEGER, STRING};
    use serde_json::json;

    // As the generated `schema` modules write them.
    static LIST: Schema = Schema::list("List", &m("member", &STRING).xml("item"));
    static S: Schema = Schema::structure(
        "S",
        &[
            m("names", &LIST).xml("Names"),
            m("flat", &LIST).flat(),
            m("n", &INTEGER).xml("N"),
            m("id", &STRING).xml("xsi:id").attr(),
        ],
    );
    static ROOT: Member = m("S", &S).ns("", "https://example.com");

    #[test]
    fn round_trip() {
        let v = json!({"names": ["a", "b&c"], "flat": ["x"], "n": 3, "id": "q"});
        let xml = to_xml(&v, &ROOT, "S");
        assert_eq!(
            xml,
            "<S xmlns=\"https://example.com\" xsi:id=\"q\"><Names><item>a</item><item>b&amp;c</item></Names><flat>x</flat><N>3</N></S>"
        );
        // Parsing follows botocore: a flattened list's items are named by the item.
        let el = parse(xml.replace("<flat>x</flat>", "<item>x</item>").as_bytes()).unwrap();
        assert_eq!(structure_value(&el, &S).unwrap(), v);
    }

    #[test]
    fn entities_cdata_and_empty_elements() {
        let el =
            parse(b"<?xml version=\"1.0\"?><a><b>x &lt; &#65;<![CDATA[<y>]]></b><c/></a>").unwrap();
        assert_eq!(el.child("b").unwrap().text, "x < A<y>");
        assert!(el.child("c").unwrap().children.is_empty());
        assert!(parse(b"<a><b></a>").is_err());
    }

    #[test]
    fn a_union_member_this_crate_does_not_know() {
        static U: Schema = Schema::union("U", &[m("a", &STRING)]);
        let el = parse(b"<U><future>1</future></U>").unwrap();
        let v = structure_value(&el, &U).unwrap();
        // One member set, not null: the union's unknown variant decodes from it.
        assert_eq!(v, serde_json::json!({"future": {}}));
    }

    #[test]
    fn a_root_that_is_the_only_member() {
        static OUT: Schema = Schema::structure("Out", &[m("LocationConstraint", &STRING)]);
        let root =
            parse(b"<LocationConstraint xmlns=\"u\">eu-west-1</LocationConstraint>").unwrap();
        assert_eq!(
            document_value(&root, &OUT).unwrap(),
            serde_json::json!({"LocationConstraint": "eu-west-1"})
        );
        // Wrapped as usual, it is read as usual.
        let wrapped = parse(b"<Out><LocationConstraint>x</LocationConstraint></Out>").unwrap();
        assert_eq!(
            document_value(&wrapped, &OUT).unwrap(),
            serde_json::json!({"LocationConstraint": "x"})
        );
        assert_eq!(structure_value(&root, &OUT).unwrap(), serde_json::json!({}));
    }

    #[test]
    fn deep_nesting_is_an_error() {
        let deep = "<a>".repeat(MAX_DEPTH + 1) + &"</a>".repeat(MAX_DEPTH + 1);
        assert!(parse(deep.as_bytes())
            .unwrap_err()
            .contains("nested more than"));
        let ok = "<a>".repeat(MAX_DEPTH) + &"</a>".repeat(MAX_DEPTH);
        assert!(parse(ok.as_bytes()).is_ok());
    }

    #[test]
    fn errors() {
        let q = b"<ErrorResponse><Error><Type>Sender</Type><Code>Bad</Code><Message>Hi</Message></Error><RequestId>r</RequestId></ErrorResponse>";
        assert_eq!(
            error_code_and_message(q),
            (Some("Bad".into()), Some("Hi".into()))
        );
        assert_eq!(request_id(q).as_deref(), Some("r"));
        let e = b"<Response><Errors><Error><Code>E</Code></Error></Errors><RequestID>x</RequestID></Response>";
        assert_eq!(error_code_and_message(e).0.as_deref(), Some("E"));
        assert_eq!(request_id(e).as_deref(), Some("x"));
    }
}
