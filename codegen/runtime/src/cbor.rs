//! CBOR bodies (`smithy-rpc-v2-cbor`), read and written with minicbor and
//! turned into a structure's serde value by its [`Schema`] (and back).
//!
//! The rules are Smithy's RPC v2 CBOR protocol (as botocore implements it):
//! structures and maps are CBOR maps keyed by member names, lists arrays,
//! blobs byte strings, timestamps tag 1 on epoch seconds; `null` members are
//! absent; definite and indefinite lengths both read.

use crate::schema::{float_value, Kind, Member, Schema};
use minicbor::data::Type;
use serde_json::{Map, Value};

/// A decoded CBOR data item.
#[derive(Debug, Clone, PartialEq)]
enum Item {
    Int(i128),
    Float(f64),
    Bytes(Vec<u8>),
    Text(String),
    Array(Vec<Item>),
    Map(Vec<(Item, Item)>),
    Bool(bool),
    Null,
    Tag(u64, Box<Item>),
}

type DecodeResult<T> = Result<T, String>;

fn err(e: minicbor::decode::Error) -> String {
    format!("invalid CBOR: {e}")
}

/// Nesting deeper than this is refused (a hostile body cannot overflow the stack).
const MAX_DEPTH: usize = 256;

fn read_item(d: &mut minicbor::Decoder<'_>, depth: usize) -> DecodeResult<Item> {
    if depth > MAX_DEPTH {
        return Err("invalid CBOR: nested too deeply".to_owned());
    }
    Ok(match d.datatype().map_err(err)? {
        Type::Bool => Item::Bool(d.bool().map_err(err)?),
        Type::Null | Type::Undefined => {
            d.skip().map_err(err)?;
            Item::Null
        }
        Type::U8
        | Type::U16
        | Type::U32
        | Type::U64
        | Type::I8
        | Type::I16
        | Type::I32
        | Type::I64
        | Type::Int => Item::Int(i128::from(d.int().map_err(err)?)),
        Type::F16 => {
            let pos = d.position();
            let raw = d
                .input()
                .get(pos + 1..pos + 3)
                .ok_or("invalid CBOR: truncated half float")?;
            d.set_position(pos + 3);
            Item::Float(half_to_f64(u16::from_be_bytes([raw[0], raw[1]])))
        }
        Type::F32 => Item::Float(f64::from(d.f32().map_err(err)?)),
        Type::F64 => Item::Float(d.f64().map_err(err)?),
        Type::Bytes => Item::Bytes(d.bytes().map_err(err)?.to_vec()),
        Type::BytesIndef => {
            let mut out = Vec::new();
            for chunk in d.bytes_iter().map_err(err)? {
                out.extend_from_slice(chunk.map_err(err)?);
            }
            Item::Bytes(out)
        }
        Type::String => Item::Text(d.str().map_err(err)?.to_owned()),
        Type::StringIndef => {
            let mut out = String::new();
            for chunk in d.str_iter().map_err(err)? {
                out.push_str(chunk.map_err(err)?);
            }
            Item::Text(out)
        }
        Type::Array | Type::ArrayIndef => {
            let mut items = Vec::new();
            match d.array().map_err(err)? {
                Some(n) => {
                    for _ in 0..n {
                        items.push(read_item(d, depth + 1)?);
                    }
                }
                None => {
                    while d.datatype().map_err(err)? != Type::Break {
                        items.push(read_item(d, depth + 1)?);
                    }
                    d.skip().map_err(err)?;
                }
            }
            Item::Array(items)
        }
        Type::Map | Type::MapIndef => {
            let mut entries = Vec::new();
            match d.map().map_err(err)? {
                Some(n) => {
                    for _ in 0..n {
                        let k = read_item(d, depth + 1)?;
                        entries.push((k, read_item(d, depth + 1)?));
                    }
                }
                None => {
                    while d.datatype().map_err(err)? != Type::Break {
                        let k = read_item(d, depth + 1)?;
                        entries.push((k, read_item(d, depth + 1)?));
                    }
                    d.skip().map_err(err)?;
                }
            }
            Item::Map(entries)
        }
        Type::Tag => {
            let tag = d.tag().map_err(err)?.as_u64();
            Item::Tag(tag, Box::new(read_item(d, depth + 1)?))
        }
        other => return Err(format!("invalid CBOR: unexpected {other}")),
    })
}

/// IEEE 754 half precision to `f64`.
fn half_to_f64(h: u16) -> f64 {
    let sign = if h & 0x8000 != 0 { -1.0 } else { 1.0 };
    let exp = i32::from((h >> 10) & 0x1f);
    let frac = f64::from(h & 0x3ff);
    sign * match exp {
        0 => frac * 2f64.powi(-24),
        31 if frac == 0.0 => f64::INFINITY,
        31 => f64::NAN,
        e => (1.0 + frac / 1024.0) * 2f64.powi(e - 15),
    }
}

/// The serde value of a structure `schema` from a CBOR body.
pub fn structure_value(body: &[u8], schema: &Schema) -> Result<Value, String> {
    let mut d = minicbor::Decoder::new(body);
    let item = read_item(&mut d, 0)?;
    value_of(&item, schema)
}

fn value_of(item: &Item, schema: &Schema) -> Result<Value, String> {
    if let Item::Tag(t, inner) = item {
        // Tag 1 (epoch time) on timestamps; other tags are read through.
        if *t != 1 || !matches!(schema.kind, Kind::Timestamp(_)) {
            return value_of(inner, schema);
        }
    }
    Ok(match (&schema.kind, item) {
        (_, Item::Null) => Value::Null,
        (Kind::Structure(members) | Kind::Union(members), Item::Map(entries)) => {
            let mut out = Map::new();
            for (k, v) in entries {
                let Item::Text(k) = k else { continue };
                match members.iter().find(|m| m.name == k.as_str()) {
                    Some(m) => {
                        let v = value_of(v, m.target).map_err(|e| format!("{k}: {e}"))?;
                        if !v.is_null() {
                            out.insert(k.clone(), v);
                        }
                    }
                    // A union member this crate does not know: its unknown variant.
                    None if matches!(schema.kind, Kind::Union(_)) && *v != Item::Null => {
                        // Not `null`: a `null` member does not count as the one set.
                        out.insert(k.clone(), Value::Object(Map::new()));
                    }
                    None => {}
                }
            }
            Value::Object(out)
        }
        (Kind::List(m), Item::Array(items)) => Value::Array(
            items
                .iter()
                .map(|i| value_of(i, m.target))
                .collect::<Result<_, _>>()?,
        ),
        (Kind::Map(_, v), Item::Map(entries)) => {
            let mut out = Map::new();
            for (k, val) in entries {
                let Item::Text(k) = k else {
                    return Err("a map key is not text".to_owned());
                };
                out.insert(k.clone(), value_of(val, v.target)?);
            }
            Value::Object(out)
        }
        (Kind::String, Item::Text(s)) => Value::String(s.clone()),
        (Kind::Boolean, Item::Bool(b)) => Value::Bool(*b),
        (Kind::Integer, Item::Int(i)) => int_value(*i)?,
        (Kind::Float, Item::Int(i)) => int_value(*i)?,
        (Kind::Float, Item::Float(f)) => float_value(*f),
        (Kind::Blob, Item::Bytes(b)) => Value::String(crate::base64_encode(b)),
        (Kind::Timestamp(_), item) => {
            let inner = match item {
                Item::Tag(1, inner) => &**inner,
                other => other,
            };
            match inner {
                Item::Int(i) => int_value(*i)?,
                Item::Float(f) => float_value(*f),
                other => return Err(format!("a timestamp is {}", describe(other))),
            }
        }
        (Kind::Document, other) => document(other)?,
        (kind, other) => {
            return Err(format!(
                "expected {}, found {}",
                kind.describe(),
                describe(other)
            ))
        }
    })
}

fn describe(item: &Item) -> &'static str {
    match item {
        Item::Int(_) => "an integer",
        Item::Float(_) => "a float",
        Item::Bytes(_) => "a byte string",
        Item::Text(_) => "a text string",
        Item::Array(_) => "an array",
        Item::Map(_) => "a map",
        Item::Bool(_) => "a boolean",
        Item::Null => "null",
        Item::Tag(..) => "a tagged item",
    }
}

fn int_value(i: i128) -> Result<Value, String> {
    if let Ok(n) = i64::try_from(i) {
        return Ok(Value::Number(n.into()));
    }
    u64::try_from(i)
        .map(|n| Value::Number(n.into()))
        .map_err(|_| format!("the integer {i} is out of range"))
}

fn document(item: &Item) -> Result<Value, String> {
    Ok(match item {
        Item::Int(i) => int_value(*i)?,
        Item::Float(f) => float_value(*f),
        Item::Bytes(b) => Value::String(crate::base64_encode(b)),
        Item::Text(s) => Value::String(s.clone()),
        Item::Array(a) => Value::Array(a.iter().map(document).collect::<Result<_, _>>()?),
        Item::Map(m) => {
            let mut out = Map::new();
            for (k, v) in m {
                if let Item::Text(k) = k {
                    out.insert(k.clone(), document(v)?);
                }
            }
            Value::Object(out)
        }
        Item::Bool(b) => Value::Bool(*b),
        Item::Null => Value::Null,
        Item::Tag(_, inner) => document(inner)?,
    })
}

// ---------------------------------------------------------------------------
// serde value → CBOR
// ---------------------------------------------------------------------------

type Encoder = minicbor::Encoder<Vec<u8>>;

fn enc<T>(r: Result<T, minicbor::encode::Error<std::convert::Infallible>>) -> Result<(), String> {
    r.map(|_| ())
        .map_err(|e| format!("cannot encode CBOR: {e}"))
}

/// The CBOR body of a structure's serde value.
pub fn to_cbor(value: &Value, schema: &Schema) -> Result<Vec<u8>, String> {
    let mut e = minicbor::Encoder::new(Vec::new());
    write(&mut e, value, schema)?;
    Ok(e.into_writer())
}

fn write(e: &mut Encoder, value: &Value, schema: &Schema) -> Result<(), String> {
    match (&schema.kind, value) {
        (_, Value::Null) => enc(e.null()),
        (Kind::Structure(members) | Kind::Union(members), Value::Object(map)) => {
            let present: Vec<(&Member, &Value)> = members
                .iter()
                .filter_map(|m| map.get(m.name).filter(|v| !v.is_null()).map(|v| (m, v)))
                .collect();
            enc(e.map(present.len() as u64))?;
            for (m, v) in present {
                enc(e.str(m.name))?;
                write(e, v, m.target).map_err(|err| format!("{}: {err}", m.name))?;
            }
            Ok(())
        }
        (Kind::List(m), Value::Array(items)) => {
            enc(e.array(items.len() as u64))?;
            items.iter().try_for_each(|v| write(e, v, m.target))
        }
        (Kind::Map(_, vm), Value::Object(entries)) => {
            enc(e.map(entries.len() as u64))?;
            for (k, v) in entries {
                enc(e.str(k))?;
                write(e, v, vm.target)?;
            }
            Ok(())
        }
        (Kind::Blob, Value::String(b64)) => {
            let bytes = crate::base64_decode(b64).map_err(|e| format!("a blob: {e}"))?;
            enc(e.bytes(&bytes))
        }
        (Kind::Timestamp(_), v) => {
            enc(e.tag(minicbor::data::Tag::new(1)))?;
            write_number(e, v)
        }
        (Kind::Float, Value::String(s)) => match s.as_str() {
            "NaN" => enc(e.f64(f64::NAN)),
            "Infinity" => enc(e.f64(f64::INFINITY)),
            "-Infinity" => enc(e.f64(f64::NEG_INFINITY)),
            other => Err(format!("`{other}` is not a number")),
        },
        (Kind::Float, Value::Number(n)) => enc(e.f64(n.as_f64().unwrap_or_default())),
        (_, v) => write_plain(e, v),
    }
}

fn write_number(e: &mut Encoder, v: &Value) -> Result<(), String> {
    match v {
        Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => enc(e.i64(i)),
            (_, Some(u)) => enc(e.u64(u)),
            _ => enc(e.f64(n.as_f64().unwrap_or_default())),
        },
        other => Err(format!("expected a number, found {other}")),
    }
}

/// A value without a schema to follow (documents, strings, booleans, integers).
fn write_plain(e: &mut Encoder, v: &Value) -> Result<(), String> {
    match v {
        Value::Null => enc(e.null()),
        Value::Bool(b) => enc(e.bool(*b)),
        Value::Number(_) => write_number(e, v),
        Value::String(s) => enc(e.str(s)),
        Value::Array(a) => {
            enc(e.array(a.len() as u64))?;
            a.iter().try_for_each(|x| write_plain(e, x))
        }
        Value::Object(o) => {
            enc(e.map(o.len() as u64))?;
            for (k, x) in o {
                enc(e.str(k))?;
                write_plain(e, x)?;
            }
            Ok(())
        }
    }
}

/// A CBOR body as the JSON-like value botocore compares (for tests and
/// diagnostics): byte strings as base64 text, tags dropped.
pub fn to_plain_value(body: &[u8]) -> Result<Value, String> {
    let mut d = minicbor::Decoder::new(body);
    document(&read_item(&mut d, 0)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{m, BLOB, FLOAT, INTEGER, STRING, TIMESTAMP_EPOCH};
    use serde_json::json;

    static S: Schema = Schema::structure(
        "S",
        &[
            m("name", &STRING),
            m("n", &INTEGER),
            m("f", &FLOAT),
            m("data", &BLOB),
            m("when", &TIMESTAMP_EPOCH),
        ],
    );

    #[test]
    fn round_trip() {
        let v = json!({"name": "a", "n": -3, "f": "NaN", "data": "aGk=", "when": 1.5});
        let bytes = to_cbor(&v, &S).unwrap();
        assert_eq!(structure_value(&bytes, &S).unwrap(), v);
    }

    #[test]
    fn indefinite_lengths_and_half_floats() {
        // {_ "name": (_ "a", "b"), "f": 1.5 as f16 }
        let body = [
            0xbf, 0x64, b'n', b'a', b'm', b'e', 0x7f, 0x61, b'a', 0x61, b'b', 0xff, 0x61, b'f',
            0xf9, 0x3e, 0x00, 0xff,
        ];
        assert_eq!(
            structure_value(&body, &S).unwrap(),
            json!({"name": "ab", "f": 1.5})
        );
        assert!(structure_value(&[0x9f; 1000], &S).is_err());
    }
}
