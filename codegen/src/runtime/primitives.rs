//! Support types shared by every generated service module: timestamps that keep
//! the model's wire format, base64 blobs, JSON documents, builder errors, the
//! `Operation` trait and HTTP binding helpers. Written by hand inside shapegen and
//! copied verbatim into each generated crate, so the crate needs only `serde`.

use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::ser::{Serialize, Serializer};
use std::fmt;
use std::marker::PhantomData;

// ---------------------------------------------------------------------------
// Timestamps
// ---------------------------------------------------------------------------

/// A wire format for [`Timestamp`]. The format is part of the type so that a
/// timestamp always serializes the way its model member says, wherever it sits
/// (plain, `Option`, list or map value).
pub trait TimestampFormat: 'static {
    /// The model's name for the format (`unixTimestamp`, `iso8601`, `rfc822`).
    const NAME: &'static str;
    #[doc(hidden)]
    fn serialize<S: Serializer>(ts: &Timestamp<Self>, s: S) -> Result<S::Ok, S::Error>
    where
        Self: Sized;
    #[doc(hidden)]
    fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Timestamp<Self>, D::Error>
    where
        Self: Sized;
}

/// Seconds since the Unix epoch as a JSON number, integer or fractional
/// (`1700000000`, `1700000000.25`): the default of the `rest-json` and `json` protocols.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct EpochSeconds;

/// RFC 3339 / ISO 8601 date-time string (`2020-03-12T10:00:00Z`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Iso8601;

/// RFC 7231 HTTP date string (`Thu, 12 Mar 2020 10:00:00 GMT`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct HttpDate;

/// An instant with nanosecond precision, serialized in format `F`.
///
/// Parsing remembers how the value was written (integer or fractional seconds,
/// number of fraction digits, UTC offset) so that a decoded timestamp encodes
/// back to the same bytes. Equality and ordering compare the instant only.
pub struct Timestamp<F = EpochSeconds> {
    secs: i64,
    nanos: u32,
    repr: Repr,
    format: PhantomData<F>,
}

#[derive(Clone, Copy, Debug, Default)]
struct Repr {
    /// Fraction digits as written (0 = none); for epoch seconds 0 with
    /// `fractional` set means a float such as `1700000000.0`.
    frac_digits: u8,
    fractional: bool,
    /// UTC offset in minutes as written, `None` for `Z`.
    offset_minutes: Option<i16>,
}

impl<F> Timestamp<F> {
    /// A timestamp from whole seconds since the Unix epoch.
    pub const fn from_secs(secs: i64) -> Self {
        Timestamp {
            secs,
            nanos: 0,
            repr: Repr {
                frac_digits: 0,
                fractional: false,
                offset_minutes: None,
            },
            format: PhantomData,
        }
    }

    /// A timestamp from seconds and nanoseconds (`nanos` is clamped below 10^9).
    pub fn from_secs_and_nanos(secs: i64, nanos: u32) -> Self {
        let nanos = nanos.min(999_999_999);
        let mut t = Self::from_secs(secs);
        t.nanos = nanos;
        if nanos != 0 {
            t.repr.fractional = true;
            t.repr.frac_digits = frac_digits_needed(nanos);
        }
        t
    }

    /// A timestamp from fractional seconds since the epoch.
    ///
    /// An `f64` near today's epoch values carries about 0.2 µs of precision, so
    /// the fraction is rounded to whole microseconds: `1583990000.123` reads as
    /// exactly 123 ms rather than 122.999907 ms.
    pub fn from_secs_f64(secs: f64) -> Self {
        let whole = secs.floor();
        let nanos = (((secs - whole) * 1e6).round() as u32) * 1000;
        let (whole, nanos) = if nanos >= 1_000_000_000 {
            (whole as i64 + 1, 0)
        } else {
            (whole as i64, nanos)
        };
        let mut t = Self::from_secs_and_nanos(whole, nanos);
        t.repr.fractional = true;
        t
    }

    /// Whole seconds since the Unix epoch.
    pub const fn secs(&self) -> i64 {
        self.secs
    }

    /// Nanoseconds past [`secs`](Self::secs).
    pub const fn subsec_nanos(&self) -> u32 {
        self.nanos
    }

    /// Seconds since the epoch as a float.
    pub fn as_secs_f64(&self) -> f64 {
        self.secs as f64 + f64::from(self.nanos) / 1e9
    }

    /// The same instant in another wire format.
    pub fn with_format<G>(self) -> Timestamp<G> {
        Timestamp {
            secs: self.secs,
            nanos: self.nanos,
            repr: self.repr,
            format: PhantomData,
        }
    }

    /// `std::time::SystemTime` of this instant.
    pub fn to_system_time(&self) -> std::time::SystemTime {
        use std::time::{Duration, UNIX_EPOCH};
        if self.secs >= 0 {
            UNIX_EPOCH + Duration::new(self.secs as u64, self.nanos)
        } else {
            UNIX_EPOCH - Duration::from_secs(self.secs.unsigned_abs()) + Duration::from_nanos(u64::from(self.nanos))
        }
    }
}

impl<F> Clone for Timestamp<F> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<F> Copy for Timestamp<F> {}
impl<F> PartialEq for Timestamp<F> {
    fn eq(&self, other: &Self) -> bool {
        (self.secs, self.nanos) == (other.secs, other.nanos)
    }
}
impl<F> Eq for Timestamp<F> {}
impl<F> PartialOrd for Timestamp<F> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl<F> Ord for Timestamp<F> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.secs, self.nanos).cmp(&(other.secs, other.nanos))
    }
}
impl<F> std::hash::Hash for Timestamp<F> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        (self.secs, self.nanos).hash(state)
    }
}
impl<F> Default for Timestamp<F> {
    fn default() -> Self {
        Self::from_secs(0)
    }
}
impl<F: TimestampFormat> fmt::Debug for Timestamp<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Timestamp({})", self.to_iso8601())
    }
}
impl<F: TimestampFormat> fmt::Display for Timestamp<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_iso8601())
    }
}
impl<F> From<std::time::SystemTime> for Timestamp<F> {
    fn from(t: std::time::SystemTime) -> Self {
        match t.duration_since(std::time::UNIX_EPOCH) {
            Ok(d) => Self::from_secs_and_nanos(d.as_secs() as i64, d.subsec_nanos()),
            Err(e) => {
                let d = e.duration();
                let (mut s, mut n) = (-(d.as_secs() as i64), d.subsec_nanos());
                if n > 0 {
                    s -= 1;
                    n = 1_000_000_000 - n;
                }
                Self::from_secs_and_nanos(s, n)
            }
        }
    }
}

fn frac_digits_needed(nanos: u32) -> u8 {
    if nanos == 0 {
        0
    } else if nanos % 1_000_000 == 0 {
        3
    } else if nanos % 1_000 == 0 {
        6
    } else {
        9
    }
}

impl<F> Timestamp<F> {
    /// RFC 3339 text of this instant, as it was written when it was parsed.
    pub fn to_iso8601(&self) -> String {
        let offset = i64::from(self.repr.offset_minutes.unwrap_or(0));
        let local = self.secs + offset * 60;
        let days = local.div_euclid(86_400);
        let sod = local.rem_euclid(86_400);
        let (y, m, d) = civil_from_days(days);
        let mut out = format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
            y,
            m,
            d,
            sod / 3600,
            (sod / 60) % 60,
            sod % 60
        );
        let digits = if self.repr.frac_digits > 0 {
            self.repr.frac_digits
        } else {
            frac_digits_needed(self.nanos)
        };
        if digits > 0 {
            let frac = format!("{:09}", self.nanos);
            out.push('.');
            out.push_str(&frac[..usize::from(digits.min(9))]);
        }
        match self.repr.offset_minutes {
            None => out.push('Z'),
            Some(m) => {
                let sign = if m < 0 { '-' } else { '+' };
                let m = m.unsigned_abs();
                out.push_str(&format!("{sign}{:02}:{:02}", m / 60, m % 60));
            }
        }
        out
    }

    /// Parses RFC 3339 (`2020-03-12T10:00:00Z`, `2020-03-12T10:00:00.5+01:00`;
    /// a lower-case `t`/`z` or a space separator is accepted too).
    pub fn parse_iso8601(s: &str) -> Result<Self, TimestampError> {
        let err = || TimestampError(format!("`{s}` is not an RFC 3339 date-time"));
        let b = s.as_bytes();
        if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't' | b' ') || b[13] != b':' || b[16] != b':' {
            return Err(err());
        }
        // Digit by digit: this runs for every timestamp of a response, and
        // `str::parse` on sub-slices costs several times more.
        let num = |r: std::ops::Range<usize>| -> Result<i64, TimestampError> {
            b[r].iter().try_fold(0i64, |acc, &c| {
                if c.is_ascii_digit() {
                    Ok(acc * 10 + i64::from(c - b'0'))
                } else {
                    Err(err())
                }
            })
        };
        let (y, mo, d, h, mi, se) = (num(0..4)?, num(5..7)?, num(8..10)?, num(11..13)?, num(14..16)?, num(17..19)?);
        if !(1..=12).contains(&mo) || d < 1 || d > days_in_month(y, mo) || h > 23 || mi > 59 || se > 60 {
            return Err(err());
        }
        let mut i = 19;
        let mut nanos = 0u32;
        let mut frac_digits = 0u8;
        if b[i] == b'.' {
            i += 1;
            let start = i;
            while i < b.len() && b[i].is_ascii_digit() && i - start < 9 {
                nanos = nanos * 10 + u32::from(b[i] - b'0');
                i += 1;
            }
            let digits = i - start;
            if digits == 0 || b.get(i).is_some_and(u8::is_ascii_digit) {
                return Err(err());
            }
            frac_digits = digits as u8;
            nanos *= 10u32.pow(9 - digits as u32);
        }
        let offset_minutes = match &b[i..] {
            [b'Z' | b'z'] => None,
            [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
                let digit = |c: &u8| if c.is_ascii_digit() { Ok(i16::from(c - b'0')) } else { Err(err()) };
                let mins = (digit(h1)? * 10 + digit(h2)?) * 60 + digit(m1)? * 10 + digit(m2)?;
                Some(if *sign == b'-' { -mins } else { mins })
            }
            _ => return Err(err()),
        };
        let local = days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + se;
        let secs = local - i64::from(offset_minutes.unwrap_or(0)) * 60;
        Ok(Timestamp {
            secs,
            nanos,
            repr: Repr {
                frac_digits,
                fractional: frac_digits > 0,
                offset_minutes,
            },
            format: PhantomData,
        })
    }

    /// RFC 7231 IMF-fixdate text (`Thu, 12 Mar 2020 10:00:00 GMT`).
    pub fn to_http_date(&self) -> String {
        let days = self.secs.div_euclid(86_400);
        let sod = self.secs.rem_euclid(86_400);
        let (y, m, d) = civil_from_days(days);
        let wd = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][days.rem_euclid(7) as usize];
        let mon = MONTHS[(m - 1) as usize];
        format!("{wd}, {d:02} {mon} {y:04} {:02}:{:02}:{:02} GMT", sod / 3600, (sod / 60) % 60, sod % 60)
    }

    /// Parses an RFC 7231 IMF-fixdate.
    pub fn parse_http_date(s: &str) -> Result<Self, TimestampError> {
        let err = || TimestampError(format!("`{s}` is not an HTTP date"));
        let parts: Vec<&str> = s.split(' ').collect();
        if parts.len() != 6 || parts[5] != "GMT" {
            return Err(err());
        }
        let d: i64 = parts[1].parse().map_err(|_| err())?;
        let m = MONTHS.iter().position(|x| *x == parts[2]).ok_or_else(err)? as i64 + 1;
        let y: i64 = parts[3].parse().map_err(|_| err())?;
        let hms: Vec<i64> = parts[4].split(':').map(|p| p.parse().map_err(|_| err())).collect::<Result<_, _>>()?;
        if hms.len() != 3 || d < 1 || d > days_in_month(y, m) {
            return Err(err());
        }
        Ok(Self::from_secs(days_from_civil(y, m, d) * 86_400 + hms[0] * 3600 + hms[1] * 60 + hms[2]))
    }
}

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

// Howard Hinnant's days_from_civil / civil_from_days algorithms (public domain).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { yoe + era * 400 + 1 } else { yoe + era * 400 }, m, d)
}

/// A timestamp that could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimestampError(String);

impl fmt::Display for TimestampError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for TimestampError {}

impl TimestampFormat for EpochSeconds {
    const NAME: &'static str = "unixTimestamp";
    fn serialize<S: Serializer>(ts: &Timestamp<Self>, s: S) -> Result<S::Ok, S::Error> {
        if ts.repr.fractional || ts.nanos != 0 {
            s.serialize_f64(ts.as_secs_f64())
        } else {
            s.serialize_i64(ts.secs)
        }
    }
    fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Timestamp<Self>, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Timestamp<EpochSeconds>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("seconds since the Unix epoch as a number")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                Ok(Timestamp::from_secs(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                i64::try_from(v).map(Timestamp::from_secs).map_err(|_| E::custom("epoch seconds out of range"))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
                if v.is_finite() && v.abs() < 1e17 {
                    Ok(Timestamp::from_secs_f64(v))
                } else {
                    Err(E::custom("epoch seconds out of range"))
                }
            }
        }
        d.deserialize_any(V)
    }
}

macro_rules! string_format {
    ($ty:ty, $name:literal, $to:ident, $parse:ident, $expect:literal) => {
        impl TimestampFormat for $ty {
            const NAME: &'static str = $name;
            fn serialize<S: Serializer>(ts: &Timestamp<Self>, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&ts.$to())
            }
            fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Timestamp<Self>, D::Error> {
                struct V;
                impl Visitor<'_> for V {
                    type Value = Timestamp<$ty>;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str($expect)
                    }
                    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                        Timestamp::$parse(v).map_err(E::custom)
                    }
                }
                d.deserialize_str(V)
            }
        }
    };
}
string_format!(Iso8601, "iso8601", to_iso8601, parse_iso8601, "an RFC 3339 date-time string");
string_format!(HttpDate, "rfc822", to_http_date, parse_http_date, "an HTTP date string");

impl<F: TimestampFormat> Serialize for Timestamp<F> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        F::serialize(self, s)
    }
}
impl<'de, F: TimestampFormat> Deserialize<'de> for Timestamp<F> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        F::deserialize(d)
    }
}

// ---------------------------------------------------------------------------
// Blobs
// ---------------------------------------------------------------------------

/// Binary data; base64 (standard alphabet, padded) in JSON.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Blob(pub Vec<u8>);

impl Blob {
    pub fn new(bytes: impl Into<Vec<u8>>) -> Self {
        Blob(bytes.into())
    }
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }
    pub fn into_inner(self) -> Vec<u8> {
        self.0
    }
}
impl fmt::Debug for Blob {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Blob({} bytes)", self.0.len())
    }
}
impl From<Vec<u8>> for Blob {
    fn from(v: Vec<u8>) -> Self {
        Blob(v)
    }
}
impl From<&[u8]> for Blob {
    fn from(v: &[u8]) -> Self {
        Blob(v.to_vec())
    }
}
impl From<&str> for Blob {
    fn from(v: &str) -> Self {
        Blob(v.as_bytes().to_vec())
    }
}
impl From<String> for Blob {
    fn from(v: String) -> Self {
        Blob(v.into_bytes())
    }
}
impl AsRef<[u8]> for Blob {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding.
pub fn base64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = (u32::from(chunk[0]) << 16) | (u32::from(*chunk.get(1).unwrap_or(&0)) << 8) | u32::from(*chunk.get(2).unwrap_or(&0));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(B64[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Decodes standard base64 (padding optional, no whitespace).
pub fn base64_decode(s: &str) -> Result<Vec<u8>, String> {
    let s = s.trim_end_matches('=');
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in s.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return Err(format!("invalid base64 character {:?}", c as char)),
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    if bits >= 6 {
        return Err("truncated base64".to_string());
    }
    Ok(out)
}

impl Serialize for Blob {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&base64_encode(&self.0))
    }
}
impl<'de> Deserialize<'de> for Blob {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Blob;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a base64 string")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Blob, E> {
                base64_decode(v).map(Blob).map_err(E::custom)
            }
        }
        d.deserialize_str(V)
    }
}

// ---------------------------------------------------------------------------
// Documents
// ---------------------------------------------------------------------------

/// An open JSON value (the model's `document` shapes and `jsonvalue` members).
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Document {
    #[default]
    Null,
    Bool(bool),
    Number(Number),
    String(String),
    Array(Vec<Document>),
    Object(std::collections::BTreeMap<String, Document>),
}

/// A JSON number as written: unsigned, negative or floating point.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Number {
    PosInt(u64),
    NegInt(i64),
    Float(f64),
}

impl Serialize for Document {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Document::Null => s.serialize_unit(),
            Document::Bool(b) => s.serialize_bool(*b),
            Document::Number(Number::PosInt(n)) => s.serialize_u64(*n),
            Document::Number(Number::NegInt(n)) => s.serialize_i64(*n),
            Document::Number(Number::Float(n)) => s.serialize_f64(*n),
            Document::String(v) => s.serialize_str(v),
            Document::Array(v) => v.serialize(s),
            Document::Object(v) => v.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for Document {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Document;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_unit<E>(self) -> Result<Document, E> {
                Ok(Document::Null)
            }
            fn visit_none<E>(self) -> Result<Document, E> {
                Ok(Document::Null)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Document, D::Error> {
                Document::deserialize(d)
            }
            fn visit_bool<E>(self, v: bool) -> Result<Document, E> {
                Ok(Document::Bool(v))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Document, E> {
                Ok(Document::Number(Number::PosInt(v)))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Document, E> {
                Ok(Document::Number(if v >= 0 { Number::PosInt(v as u64) } else { Number::NegInt(v) }))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Document, E> {
                Ok(Document::Number(Number::Float(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Document, E> {
                Ok(Document::String(v.to_owned()))
            }
            fn visit_string<E>(self, v: String) -> Result<Document, E> {
                Ok(Document::String(v))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut a: A) -> Result<Document, A::Error> {
                let mut v = Vec::new();
                while let Some(x) = a.next_element()? {
                    v.push(x);
                }
                Ok(Document::Array(v))
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut a: A) -> Result<Document, A::Error> {
                let mut m = std::collections::BTreeMap::new();
                while let Some((k, v)) = a.next_entry::<String, Document>()? {
                    m.insert(k, v);
                }
                Ok(Document::Object(m))
            }
        }
        d.deserialize_any(V)
    }
}

// ---------------------------------------------------------------------------
// Serde helpers used by generated code
// ---------------------------------------------------------------------------

/// Deserializes `null` as the type's default: used for the non-nullable
/// primitive members (`bool`, `i32`, ...) so that an explicit JSON `null`
/// reads as the default the model promises instead of failing.
#[doc(hidden)]
pub fn null_as_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

// ---------------------------------------------------------------------------
// String enums
// ---------------------------------------------------------------------------

/// The methods and trait impls of a generated string enum, from its variants:
///
/// `string_enum!(Type { Variant = "wire value"; ... });`
///
/// `VALUES`, `values()`, `as_str()`, `From<&str>`, `From<String>`, infallible
/// `FromStr`, `Display`, `AsRef<str>`, serde as the wire string, and the
/// `Unknown(String)` catch-all for values the model does not list. Small
/// non-generic functions are `#[inline]`: a dependent crate compiles the ones
/// it calls, this crate compiles none. Expects the runtime module in scope as
/// `__rt`.
#[doc(hidden)]
#[rustfmt::skip]
#[allow(unused_macros)] // a crate may have no enums
macro_rules! string_enum {
    ($ty:ident { $($v:ident = $s:literal;)* }) => {
        impl $ty {
            /// Every value the model defines, in model order.
            pub const VALUES: &'static [&'static str] = &[$($s),*];
            /// Every value the model defines, in model order.
            #[inline]
            pub fn values() -> &'static [&'static str] {
                Self::VALUES
            }
            /// The wire string.
            #[inline]
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$v => $s,)*
                    Self::Unknown(v) => v.as_str(),
                }
            }
        }
        impl ::core::convert::From<&str> for $ty {
            #[inline]
            fn from(v: &str) -> Self {
                match v {
                    $($s => Self::$v,)*
                    other => Self::Unknown(::std::borrow::ToOwned::to_owned(other)),
                }
            }
        }
        impl ::core::convert::From<::std::string::String> for $ty {
            #[inline]
            fn from(v: ::std::string::String) -> Self {
                match v.as_str() {
                    $($s => Self::$v,)*
                    _ => Self::Unknown(v),
                }
            }
        }
        impl ::core::str::FromStr for $ty {
            type Err = ::core::convert::Infallible;
            #[inline]
            fn from_str(v: &str) -> ::core::result::Result<Self, Self::Err> {
                ::core::result::Result::Ok(<Self as ::core::convert::From<&str>>::from(v))
            }
        }
        impl ::core::fmt::Display for $ty {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl ::core::convert::AsRef<str> for $ty {
            #[inline]
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }
        impl ::serde::Serialize for $ty {
            fn serialize<__S: ::serde::Serializer>(&self, s: __S) -> ::core::result::Result<__S::Ok, __S::Error> {
                s.serialize_str(self.as_str())
            }
        }
        impl<'de> ::serde::Deserialize<'de> for $ty {
            fn deserialize<__D: ::serde::Deserializer<'de>>(d: __D) -> ::core::result::Result<Self, __D::Error> {
                __rt::deserialize_enum(d)
            }
        }
        impl __rt::Unset for $ty {
            #[inline]
            fn unset() -> Self {
                Self::Unknown(::std::string::String::new())
            }
        }
        impl __rt::ToParam for $ty {
            #[inline]
            fn to_param(&self) -> ::std::string::String {
                ::std::borrow::ToOwned::to_owned(self.as_str())
            }
        }
    };
}
#[doc(hidden)]
#[allow(unused_imports)]
pub(crate) use string_enum;

// ---------------------------------------------------------------------------
// Decoding structures
// ---------------------------------------------------------------------------

/// What `serde_struct!` and `serde_union!` expand to need: a key reader shared by every
/// structure, and one reader/finisher per kind of member. Sharing them keeps
/// each structure's `Deserialize` to one loop over its members (serde's derive
/// also generates a sequence visitor and a field enum with three visitors per
/// structure, which costs the crate's users compile time and buys nothing for
/// JSON objects).
#[doc(hidden)]
pub mod __de {
    use super::*;
    use serde::ser::SerializeStruct;

    /// Reads a member name and returns its index in the list, `None` when the
    /// structure has no such member (its value is skipped).
    pub struct FieldIndex(pub &'static [&'static str]);

    impl<'de> de::DeserializeSeed<'de> for FieldIndex {
        type Value = Option<usize>;
        #[inline]
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<usize>, D::Error> {
            d.deserialize_identifier(self)
        }
    }

    impl Visitor<'_> for FieldIndex {
        type Value = Option<usize>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a member name")
        }
        #[inline]
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Option<usize>, E> {
            Ok(self.0.iter().position(|n| same(n.as_bytes(), v.as_bytes())))
        }
        fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Option<usize>, E> {
            Ok(self.0.iter().position(|n| same(n.as_bytes(), v)))
        }
    }

    /// Member names of one structure often share a length; comparing the
    /// first and last bytes inline rules most of them out without a call to
    /// `memcmp`.
    #[inline]
    fn same(name: &[u8], key: &[u8]) -> bool {
        match (name, key) {
            ([n0, .., n1], [k0, .., k1]) => {
                name.len() == key.len() && n0 == k0 && n1 == k1 && name == key
            }
            _ => name == key,
        }
    }

    /// A member that appears twice is an error, as with serde's derive.
    #[inline]
    pub fn first<T, E: de::Error>(slot: &Option<T>, name: &'static str) -> Result<(), E> {
        match slot {
            Some(_) => Err(E::duplicate_field(name)),
            None => Ok(()),
        }
    }

    /// Skips the value of a union member this crate does not know; `true`
    /// unless it is `null` (a `null` member is not the one set).
    pub fn unknown_member<'de, A: de::MapAccess<'de>>(map: &mut A) -> Result<bool, A::Error> {
        Ok(map.next_value::<Option<de::IgnoredAny>>()?.is_some())
    }

    /// A required member: absent is an error; always sent.
    pub struct Req;
    impl Req {
        #[inline]
        pub fn count<T>(_: &T) -> usize {
            1
        }
        #[inline]
        pub fn write<S: SerializeStruct, T: Serialize>(st: &mut S, key: &'static str, v: &T) -> Result<(), S::Error> {
            st.serialize_field(key, v)
        }
        #[inline]
        pub fn read<'de, T: Deserialize<'de>, A: de::MapAccess<'de>>(map: &mut A) -> Result<T, A::Error> {
            map.next_value()
        }
        #[inline]
        pub fn finish<T, E: de::Error>(slot: Option<T>, name: &'static str) -> Result<T, E> {
            slot.ok_or_else(|| E::missing_field(name))
        }
    }

    /// An optional member (`Option<T>`): absent or `null` is `None`; `None`
    /// is left out when sending.
    pub struct Opt;
    impl Opt {
        #[inline]
        pub fn count<T>(v: &Option<T>) -> usize {
            usize::from(v.is_some())
        }
        #[inline]
        pub fn write<S: SerializeStruct, T: Serialize>(st: &mut S, key: &'static str, v: &Option<T>) -> Result<(), S::Error> {
            match v {
                Some(v) => st.serialize_field(key, v),
                None => st.skip_field(key),
            }
        }
        #[inline]
        pub fn read<'de, T: Deserialize<'de>, A: de::MapAccess<'de>>(map: &mut A) -> Result<T, A::Error> {
            map.next_value()
        }
        #[inline]
        pub fn finish<T: Default, E: de::Error>(slot: Option<T>, _name: &'static str) -> Result<T, E> {
            Ok(slot.unwrap_or_default())
        }
    }

    /// A non-nullable primitive with a default: absent or `null` is the
    /// default; always sent.
    pub struct Dflt;
    impl Dflt {
        #[inline]
        pub fn count<T>(v: &T) -> usize {
            Req::count(v)
        }
        #[inline]
        pub fn write<S: SerializeStruct, T: Serialize>(st: &mut S, key: &'static str, v: &T) -> Result<(), S::Error> {
            Req::write(st, key, v)
        }
        #[inline]
        pub fn read<'de, T: Deserialize<'de> + Default, A: de::MapAccess<'de>>(map: &mut A) -> Result<T, A::Error> {
            Ok(map.next_value::<Option<T>>()?.unwrap_or_default())
        }
        #[inline]
        pub fn finish<T: Default, E: de::Error>(slot: Option<T>, _name: &'static str) -> Result<T, E> {
            Ok(slot.unwrap_or_default())
        }
    }
}

/// `Serialize` and `Deserialize` for a generated structure, from its members:
///
/// `serde_struct!(Type "Shape" { 0 "wireName" field Kind; ... } skip { field = value; ... });`
///
/// `Kind` is `Req`, `Opt` or `Dflt` (see `__de`); `skip` lists the members
/// that are not in the JSON body (bound to the URI, query string or headers)
/// with the value they take when a body is decoded. The expansion expects the
/// runtime module in scope as `__rt` (generated files import it so).
/// Decoding: unknown members are skipped, a repeated member is an error, a
/// missing required one is serde's `missing field` error. Encoding: the body
/// members in order, `None` left out. (Written out here rather than derived,
/// so the generated crate needs no proc-macro: see the README.)
#[doc(hidden)]
#[rustfmt::skip]
#[allow(unused_macros)] // a crate may have no structures
macro_rules! serde_struct {
    ($ty:ident $name:literal { $($i:literal $wire:literal $f:ident $kind:ident;)* } skip { $($sf:ident = $sv:expr;)* }) => {
        impl ::serde::Serialize for $ty {
            fn serialize<__S: ::serde::Serializer>(&self, s: __S) -> ::core::result::Result<__S::Ok, __S::Error> {
                #[allow(unused_mut)]
                let mut st = ::serde::Serializer::serialize_struct(s, $name, 0 $( + __rt::__de::$kind::count(&self.$f) )*)?;
                $( __rt::__de::$kind::write(&mut st, $wire, &self.$f)?; )*
                ::serde::ser::SerializeStruct::end(st)
            }
        }
        impl<'de> ::serde::Deserialize<'de> for $ty {
            fn deserialize<__D: ::serde::Deserializer<'de>>(d: __D) -> ::core::result::Result<Self, __D::Error> {
                struct __Visitor;
                impl<'de> ::serde::de::Visitor<'de> for __Visitor {
                    type Value = $ty;
                    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        f.write_str(concat!("struct ", $name))
                    }
                    #[allow(unused_mut)]
                    fn visit_map<__A: ::serde::de::MapAccess<'de>>(self, mut map: __A) -> ::core::result::Result<$ty, __A::Error> {
                        $( let mut $f = ::core::option::Option::None; )*
                        while let ::core::option::Option::Some(key) = map.next_key_seed(__rt::__de::FieldIndex(__FIELDS))? {
                            match key {
                                $( ::core::option::Option::Some($i) => {
                                    __rt::__de::first(&$f, $wire)?;
                                    $f = ::core::option::Option::Some(__rt::__de::$kind::read(&mut map)?);
                                } )*
                                _ => {
                                    map.next_value::<::serde::de::IgnoredAny>()?;
                                }
                            }
                        }
                        ::core::result::Result::Ok($ty {
                            $( $f: __rt::__de::$kind::finish($f, $wire)?, )*
                            $( $sf: $sv, )*
                        })
                    }
                }
                const __FIELDS: &[&str] = &[$($wire),*];
                d.deserialize_struct($name, __FIELDS, __Visitor)
            }
        }
    };
}
#[doc(hidden)]
#[allow(unused_imports)]
pub(crate) use serde_struct;

/// `Serialize` and `Deserialize` for a generated union, from its members:
///
/// `serde_union!(Type "Shape" { 0 "wireName" Variant; ... } unknown Unknown);`
///
/// A union is a JSON object with one member. The decoding rules are Smithy's
/// for JSON unions: exactly one member has a non-null value; members whose
/// value is `null`, and `__type`, are ignored; a member this crate does not
/// know decodes as the `unknown` variant (the service may be newer than the
/// model) rather than failing the whole response. Encoding the `unknown`
/// variant is an error: there is nothing to send.
#[doc(hidden)]
#[rustfmt::skip]
#[allow(unused_macros)] // a crate may have no unions
macro_rules! serde_union {
    ($ty:ident $name:literal { $($i:literal $wire:literal $v:ident;)* } unknown $unknown:ident) => {
        impl ::serde::Serialize for $ty {
            fn serialize<__S: ::serde::Serializer>(&self, s: __S) -> ::core::result::Result<__S::Ok, __S::Error> {
                match self {
                    $( $ty::$v(v) => s.serialize_newtype_variant($name, $i, $wire, v), )*
                    $ty::$unknown => {
                        let _ = s; // the only arm of a union without members
                        ::core::result::Result::Err(<__S::Error as ::serde::ser::Error>::custom(
                            concat!("the variant ", $name, "::", stringify!($unknown), " (a member this crate does not know) cannot be sent"),
                        ))
                    }
                }
            }
        }
        impl<'de> ::serde::Deserialize<'de> for $ty {
            fn deserialize<__D: ::serde::Deserializer<'de>>(d: __D) -> ::core::result::Result<Self, __D::Error> {
                struct __Visitor;
                impl<'de> ::serde::de::Visitor<'de> for __Visitor {
                    type Value = $ty;
                    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        f.write_str(concat!("union ", $name))
                    }
                    fn visit_map<__A: ::serde::de::MapAccess<'de>>(self, mut map: __A) -> ::core::result::Result<$ty, __A::Error> {
                        let mut set: ::core::option::Option<$ty> = ::core::option::Option::None;
                        while let ::core::option::Option::Some(key) = map.next_key_seed(__rt::__de::FieldIndex(__MEMBERS))? {
                            let value = match key {
                                $( ::core::option::Option::Some($i) => map.next_value::<::core::option::Option<_>>()?.map($ty::$v), )*
                                // `__type`, the last of `__MEMBERS`.
                                ::core::option::Option::Some(_) => {
                                    map.next_value::<::serde::de::IgnoredAny>()?;
                                    ::core::option::Option::None
                                }
                                ::core::option::Option::None => __rt::__de::unknown_member(&mut map)?.then_some($ty::$unknown),
                            };
                            if value.is_some() {
                                if set.is_some() {
                                    return ::core::result::Result::Err(<__A::Error as ::serde::de::Error>::custom(concat!("more than one member of the union ", $name, " is set")));
                                }
                                set = value;
                            }
                        }
                        set.ok_or_else(|| <__A::Error as ::serde::de::Error>::custom(concat!("no member of the union ", $name, " is set")))
                    }
                }
                const __MEMBERS: &[&str] = &[$($wire,)* "__type"];
                d.deserialize_map(__Visitor)
            }
        }
    };
}
#[doc(hidden)]
#[allow(unused_imports)]
pub(crate) use serde_union;

/// The value a required member bound to the URI, query string or headers
/// takes when an input structure is decoded from its JSON body alone (those
/// members are not in the body); the receiver fills it from the request.
pub trait Unset {
    fn unset() -> Self;
}
impl<T: Default> Unset for T {
    fn unset() -> Self {
        T::default()
    }
}

#[doc(hidden)]
pub fn unset<T: Unset>() -> T {
    T::unset()
}

// ---------------------------------------------------------------------------
// Builders
// ---------------------------------------------------------------------------

/// `build()` of a structure with required members found some unset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildError {
    /// The structure being built.
    pub shape: &'static str,
    /// Every required member that was not set, by its Rust field name.
    pub missing: Vec<&'static str>,
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot build `{}`: required member", self.shape)?;
        if self.missing.len() > 1 {
            f.write_str("s")?;
        }
        for (i, m) in self.missing.iter().enumerate() {
            f.write_str(if i == 0 { " " } else { ", " })?;
            write!(f, "`{m}`")?;
        }
        f.write_str(" not set")
    }
}
impl std::error::Error for BuildError {}

/// The builder of a generated structure `T`: `T::builder()`, then one call per
/// member, then `build()`. Each service's `builders` module names them
/// (`builders::StageBuilder = Builder<Stage>`) and lists their methods: per
/// member `name(value)` and `set_name(Option<value>)`, plus `push_name(item)`
/// for lists and `insert_name(key, value)` for maps.
///
/// One generic type, with the setters generated per structure by the
/// `setters!` macro of this module, keeps the generated code short: a member
/// costs one line, not a field and three methods of a builder type of its own.
/// Required members not set yet hold a placeholder that `build()` never
/// returns: it names every one of them instead.
#[must_use]
pub struct Builder<T> {
    #[doc(hidden)]
    pub __value: T,
    /// Bit `i` is set while the `i`-th required member is unset; members past
    /// the 64th (rare: a few models have such shapes) spill into `__unset_more`.
    #[doc(hidden)]
    pub __unset: u64,
    #[doc(hidden)]
    pub __unset_more: Vec<u64>,
}

impl<T> Builder<T> {
    // `__` names: members' setters never start with `__`, so these cannot
    // collide with them.

    /// A builder holding `value`, with `required` required members unset.
    #[doc(hidden)]
    pub fn __new(value: T, required: u32) -> Self {
        let mut b = Builder {
            __value: value,
            __unset: 0,
            __unset_more: Vec::new(),
        };
        for bit in 0..required {
            b.__mark_unset(bit);
        }
        b
    }

    #[doc(hidden)]
    pub fn __is_unset(&self, bit: u32) -> bool {
        match bit {
            0..=63 => self.__unset >> bit & 1 == 1,
            _ => {
                let (word, bit) = ((bit / 64 - 1) as usize, bit % 64);
                self.__unset_more.get(word).is_some_and(|w| w >> bit & 1 == 1)
            }
        }
    }

    #[doc(hidden)]
    pub fn __mark_set(&mut self, bit: u32) {
        match bit {
            0..=63 => self.__unset &= !(1u64 << bit),
            _ => {
                let (word, bit) = ((bit / 64 - 1) as usize, bit % 64);
                if let Some(w) = self.__unset_more.get_mut(word) {
                    *w &= !(1u64 << bit);
                }
            }
        }
    }

    #[doc(hidden)]
    pub fn __mark_unset(&mut self, bit: u32) {
        match bit {
            0..=63 => self.__unset |= 1u64 << bit,
            _ => {
                let (word, bit) = ((bit / 64 - 1) as usize, bit % 64);
                if self.__unset_more.len() <= word {
                    self.__unset_more.resize(word + 1, 0);
                }
                self.__unset_more[word] |= 1u64 << bit;
            }
        }
    }

    #[doc(hidden)]
    pub fn __finish(self, shape: &'static str, required: &[&'static str]) -> Result<T, BuildError> {
        if self.__unset == 0 && self.__unset_more.iter().all(|w| *w == 0) {
            return Ok(self.__value);
        }
        let missing = (0..required.len() as u32)
            .filter(|bit| self.__is_unset(*bit))
            .map(|bit| required[bit as usize])
            .collect();
        Err(BuildError { shape, missing })
    }
}

impl<T: Clone> Clone for Builder<T> {
    fn clone(&self) -> Self {
        Builder {
            __value: self.__value.clone(),
            __unset: self.__unset,
            __unset_more: self.__unset_more.clone(),
        }
    }
}

impl<T: fmt::Debug> fmt::Debug for Builder<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Builder")
            .field("value", &self.__value)
            .field(
                "unset_required",
                &(self.__unset.count_ones() + self.__unset_more.iter().map(|w| w.count_ones()).sum::<u32>()),
            )
            .finish()
    }
}

/// A structure's builder, apart from its setters: the `TypeBuilder` name,
/// `Type::builder()` and `build()`, which returns the value, or (when the
/// structure has required members, listed by field name) a `Result` naming the
/// ones not set. Expects the runtime module in scope as `__rt`.
///
/// `builder!(TypeBuilder = super::Type, "Type");`
/// `builder!(TypeBuilder = super::Type, "Type" ["required_a", "required_b"]);`
#[doc(hidden)]
#[rustfmt::skip]
#[allow(unused_macros)] // a crate may have no structures
macro_rules! builder {
    ($b:ident = $t:ty, $shape:literal) => {
        #[doc = concat!("The builder of `", $shape, "`: `", $shape, "::builder()`, a call per member, `build()`.")]
        pub type $b = __rt::Builder<$t>;
        impl __rt::Builder<$t> {
            /// Builds the value; every member is optional.
            #[inline]
            pub fn build(self) -> $t {
                self.__value
            }
        }
        impl $t {
            /// A builder with every member unset.
            #[inline]
            pub fn builder() -> $b {
                __rt::Builder::__new(__rt::unset(), 0)
            }
        }
    };
    ($b:ident = $t:ty, $shape:literal [$($req:literal),+ $(,)?]) => {
        #[doc = concat!("The builder of `", $shape, "`: `", $shape, "::builder()`, a call per member, `build()`.")]
        pub type $b = __rt::Builder<$t>;
        impl __rt::Builder<$t> {
            /// Builds the value, or names every required member that was not set.
            #[inline]
            pub fn build(self) -> ::core::result::Result<$t, __rt::BuildError> {
                self.__finish($shape, &[$($req),+])
            }
        }
        impl $t {
            /// A builder with every member unset.
            #[inline]
            pub fn builder() -> $b {
                __rt::Builder::__new(__rt::unset(), [$($req),+].len() as u32)
            }
        }
    };
}
#[doc(hidden)]
#[allow(unused_imports)]
pub(crate) use builder;

/// The setters of one member, inside `impl Builder<Shape>`; generated builders
/// call it once per member (`#[inline]`: a dependent crate compiles the
/// setters it calls, this crate none):
///
/// `setters!(<presence> [list|map|box] field => setter, set_setter[, push_or_insert]: type);`
///
/// `presence` is `opt` (an `Option` field), `dflt` (a plain field with a
/// default) or `req N` (the `N`-th required member); `type` is the
/// member's type, the item type of a list, `K => V` of a map, the inner type
/// of a box. Paths are absolute: the expansion lands in modules whose shapes
/// may be named `Option` or `String`.
#[doc(hidden)]
#[rustfmt::skip]
#[allow(unused_macros)] // a crate may have no structures
macro_rules! setters {
    (opt $f:ident => $s:ident, $set:ident: $ty:ty) => {
        #[doc = concat!("Sets `", stringify!($f), "`.")]
        #[inline] pub fn $s(mut self, v: impl ::core::convert::Into<$ty>) -> Self { self.__value.$f = ::core::option::Option::Some(v.into()); self }
        #[doc = concat!("Sets or clears `", stringify!($f), "`.")]
        #[inline] pub fn $set(mut self, v: ::core::option::Option<$ty>) -> Self { self.__value.$f = v; self }
    };
    (dflt $f:ident => $s:ident, $set:ident: $ty:ty) => {
        #[doc = concat!("Sets `", stringify!($f), "`.")]
        #[inline] pub fn $s(mut self, v: impl ::core::convert::Into<$ty>) -> Self { self.__value.$f = v.into(); self }
        #[doc = concat!("Sets `", stringify!($f), "`, or resets it to its default.")]
        #[inline] pub fn $set(mut self, v: ::core::option::Option<$ty>) -> Self { self.__value.$f = v.unwrap_or_default(); self }
    };
    (req $bit:literal $f:ident => $s:ident, $set:ident: $ty:ty) => {
        #[doc = concat!("Sets `", stringify!($f), "` (required).")]
        #[inline] pub fn $s(mut self, v: impl ::core::convert::Into<$ty>) -> Self { self.__value.$f = v.into(); self.__mark_set($bit); self }
        #[doc = concat!("Sets `", stringify!($f), "`, or marks it unset again (required).")]
        #[inline] pub fn $set(mut self, v: ::core::option::Option<$ty>) -> Self {
            match v { ::core::option::Option::Some(v) => { self.__value.$f = v; self.__mark_set($bit) } ::core::option::Option::None => self.__mark_unset($bit) }
            self
        }
    };
    (opt box $f:ident => $s:ident, $set:ident: $ty:ty) => {
        #[doc = concat!("Sets `", stringify!($f), "`.")]
        #[inline] pub fn $s(mut self, v: impl ::core::convert::Into<$ty>) -> Self { self.__value.$f = ::core::option::Option::Some(::std::boxed::Box::new(v.into())); self }
        #[doc = concat!("Sets or clears `", stringify!($f), "`.")]
        #[inline] pub fn $set(mut self, v: ::core::option::Option<::std::boxed::Box<$ty>>) -> Self { self.__value.$f = v; self }
    };
    (req $bit:literal box $f:ident => $s:ident, $set:ident: $ty:ty) => {
        #[doc = concat!("Sets `", stringify!($f), "` (required).")]
        #[inline] pub fn $s(mut self, v: impl ::core::convert::Into<$ty>) -> Self { self.__value.$f = ::std::boxed::Box::new(v.into()); self.__mark_set($bit); self }
        #[doc = concat!("Sets `", stringify!($f), "`, or marks it unset again (required).")]
        #[inline] pub fn $set(mut self, v: ::core::option::Option<::std::boxed::Box<$ty>>) -> Self {
            match v { ::core::option::Option::Some(v) => { self.__value.$f = v; self.__mark_set($bit) } ::core::option::Option::None => self.__mark_unset($bit) }
            self
        }
    };
    (opt list $f:ident => $s:ident, $set:ident, $push:ident: $item:ty) => {
        #[doc = concat!("Sets `", stringify!($f), "`.")]
        #[inline] pub fn $s(mut self, v: impl ::core::convert::Into<::std::vec::Vec<$item>>) -> Self { self.__value.$f = ::core::option::Option::Some(v.into()); self }
        #[doc = concat!("Sets or clears `", stringify!($f), "`.")]
        #[inline] pub fn $set(mut self, v: ::core::option::Option<::std::vec::Vec<$item>>) -> Self { self.__value.$f = v; self }
        #[doc = concat!("Appends one item to `", stringify!($f), "`.")]
        #[inline] pub fn $push(mut self, item: impl ::core::convert::Into<$item>) -> Self { self.__value.$f.get_or_insert_with(::std::vec::Vec::new).push(item.into()); self }
    };
    (req $bit:literal list $f:ident => $s:ident, $set:ident, $push:ident: $item:ty) => {
        #[doc = concat!("Sets `", stringify!($f), "` (required).")]
        #[inline] pub fn $s(mut self, v: impl ::core::convert::Into<::std::vec::Vec<$item>>) -> Self { self.__value.$f = v.into(); self.__mark_set($bit); self }
        #[doc = concat!("Sets `", stringify!($f), "`, or marks it unset again (required).")]
        #[inline] pub fn $set(mut self, v: ::core::option::Option<::std::vec::Vec<$item>>) -> Self {
            match v { ::core::option::Option::Some(v) => { self.__value.$f = v; self.__mark_set($bit) } ::core::option::Option::None => self.__mark_unset($bit) }
            self
        }
        #[doc = concat!("Appends one item to `", stringify!($f), "` (which sets it).")]
        #[inline] pub fn $push(mut self, item: impl ::core::convert::Into<$item>) -> Self {
            if self.__is_unset($bit) { self.__value.$f.clear(); }
            self.__value.$f.push(item.into()); self.__mark_set($bit); self
        }
    };
    (opt map $f:ident => $s:ident, $set:ident, $insert:ident: $k:ty => $v:ty) => {
        #[doc = concat!("Sets `", stringify!($f), "`.")]
        #[inline] pub fn $s(mut self, v: impl ::core::convert::Into<::std::collections::BTreeMap<$k, $v>>) -> Self { self.__value.$f = ::core::option::Option::Some(v.into()); self }
        #[doc = concat!("Sets or clears `", stringify!($f), "`.")]
        #[inline] pub fn $set(mut self, v: ::core::option::Option<::std::collections::BTreeMap<$k, $v>>) -> Self { self.__value.$f = v; self }
        #[doc = concat!("Inserts one entry into `", stringify!($f), "`.")]
        #[inline] pub fn $insert(mut self, key: impl ::core::convert::Into<$k>, value: impl ::core::convert::Into<$v>) -> Self {
            self.__value.$f.get_or_insert_with(::std::collections::BTreeMap::new).insert(key.into(), value.into()); self
        }
    };
    (req $bit:literal map $f:ident => $s:ident, $set:ident, $insert:ident: $k:ty => $v:ty) => {
        #[doc = concat!("Sets `", stringify!($f), "` (required).")]
        #[inline] pub fn $s(mut self, v: impl ::core::convert::Into<::std::collections::BTreeMap<$k, $v>>) -> Self { self.__value.$f = v.into(); self.__mark_set($bit); self }
        #[doc = concat!("Sets `", stringify!($f), "`, or marks it unset again (required).")]
        #[inline] pub fn $set(mut self, v: ::core::option::Option<::std::collections::BTreeMap<$k, $v>>) -> Self {
            match v { ::core::option::Option::Some(v) => { self.__value.$f = v; self.__mark_set($bit) } ::core::option::Option::None => self.__mark_unset($bit) }
            self
        }
        #[doc = concat!("Inserts one entry into `", stringify!($f), "` (which sets it).")]
        #[inline] pub fn $insert(mut self, key: impl ::core::convert::Into<$k>, value: impl ::core::convert::Into<$v>) -> Self {
            if self.__is_unset($bit) { self.__value.$f.clear(); }
            self.__value.$f.insert(key.into(), value.into()); self.__mark_set($bit); self
        }
    };
}
#[doc(hidden)]
#[allow(unused_imports)]
pub(crate) use setters;

// ---------------------------------------------------------------------------
// Operations and HTTP bindings
// ---------------------------------------------------------------------------

/// Static description of one API operation, with the HTTP bindings of its
/// input: what goes into the path, the query string and the headers. Members
/// listed in `BODY_MEMBERS` travel in the JSON body (or, when `PAYLOAD` names
/// one, that member alone is the whole body).
pub trait Operation {
    /// The input structure (`()` when the operation takes none).
    type Input;
    /// The output structure (`()` when the operation returns nothing).
    type Output;
    /// The operation's name in the model (`GetStages`).
    const NAME: &'static str;
    /// HTTP method (`GET`).
    const METHOD: &'static str;
    /// Request URI template with `{placeholder}`s (`/restapis/{restapi_id}/stages`).
    const URI_TEMPLATE: &'static str;
    /// HTTP status of a successful response.
    const SUCCESS_STATUS: u16;
    /// The operation's documentation from the model, as plain text.
    const DOCUMENTATION: &'static str;
    /// Wire names of the input members that travel in the body (none unless
    /// the operation says).
    const BODY_MEMBERS: &'static [&'static str] = &[];
    /// Wire name of the member that is the whole HTTP body, if any.
    const PAYLOAD: Option<&'static str> = None;
    /// The URI template with every placeholder filled (percent-encoded; a
    /// greedy `{name+}` keeps `/`), including any literal query of the
    /// template. Operations whose template has no placeholder keep this
    /// default: the template itself.
    fn request_path(input: &Self::Input) -> String {
        let _ = input;
        Self::URI_TEMPLATE.to_string()
    }
    /// Query-string pairs of the members bound to `querystring`, in model
    /// order, not yet encoded (none unless the operation has such members).
    fn query_pairs(input: &Self::Input) -> Vec<(String, String)> {
        let _ = input;
        Vec::new()
    }
    /// Header pairs of the members bound to `header` and `headers` (none
    /// unless the operation has such members).
    fn header_pairs(input: &Self::Input) -> Vec<(String, String)> {
        let _ = input;
        Vec::new()
    }
}

/// Values bound to a query parameter or header: one pair per present value,
/// one per item of a list, one per entry of a map.
pub trait ParamValues {
    /// Appends `(name, value)` pairs.
    fn push_params(&self, name: &str, out: &mut Vec<(String, String)>);
    /// Appends `(prefix + key, value)` pairs (maps bound to `headers`).
    fn push_prefixed(&self, prefix: &str, out: &mut Vec<(String, String)>) {
        self.push_params(prefix, out)
    }
}
impl<T: ToParam> ParamValues for T {
    fn push_params(&self, name: &str, out: &mut Vec<(String, String)>) {
        out.push((name.to_owned(), self.to_param()));
    }
}
impl<T: ParamValues> ParamValues for Option<T> {
    fn push_params(&self, name: &str, out: &mut Vec<(String, String)>) {
        if let Some(v) = self {
            v.push_params(name, out);
        }
    }
    fn push_prefixed(&self, prefix: &str, out: &mut Vec<(String, String)>) {
        if let Some(v) = self {
            v.push_prefixed(prefix, out);
        }
    }
}
impl<T: ToParam> ParamValues for Vec<T> {
    fn push_params(&self, name: &str, out: &mut Vec<(String, String)>) {
        for v in self {
            out.push((name.to_owned(), v.to_param()));
        }
    }
}
impl<K: ToParam, V: ParamValues> ParamValues for std::collections::BTreeMap<K, V> {
    fn push_params(&self, _name: &str, out: &mut Vec<(String, String)>) {
        for (k, v) in self {
            v.push_params(&k.to_param(), out);
        }
    }
    fn push_prefixed(&self, prefix: &str, out: &mut Vec<(String, String)>) {
        for (k, v) in self {
            v.push_params(&format!("{prefix}{}", k.to_param()), out);
        }
    }
}

/// Deserializes a string enum without allocating for known values.
#[doc(hidden)]
pub fn deserialize_enum<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: for<'a> From<&'a str> + From<String>,
{
    struct V<T>(PhantomData<T>);
    impl<T: for<'a> From<&'a str> + From<String>> Visitor<'_> for V<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
            Ok(T::from(v))
        }
        fn visit_string<E: de::Error>(self, v: String) -> Result<T, E> {
            Ok(T::from(v))
        }
    }
    d.deserialize_str(V(PhantomData))
}

/// Percent-encodes a URI path segment (RFC 3986 unreserved characters stay;
/// `/` stays too when `greedy`).
pub fn encode_path_segment(value: &str, greedy: bool) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') || (greedy && b == b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Text of a value bound to the URI, query string or a header.
pub trait ToParam {
    fn to_param(&self) -> String;
}
impl ToParam for String {
    fn to_param(&self) -> String {
        self.clone()
    }
}
impl ToParam for bool {
    fn to_param(&self) -> String {
        self.to_string()
    }
}
macro_rules! to_param_display {
    ($($t:ty),*) => { $(impl ToParam for $t { fn to_param(&self) -> String { self.to_string() } })* };
}
to_param_display!(i8, i16, i32, i64, f32, f64);
impl<F: TimestampFormat> ToParam for Timestamp<F> {
    fn to_param(&self) -> String {
        // Query strings and URIs carry ISO 8601 and headers HTTP dates unless the
        // model says otherwise; the member's own format wins.
        match F::NAME {
            "unixTimestamp" => {
                if self.nanos == 0 {
                    self.secs.to_string()
                } else {
                    self.as_secs_f64().to_string()
                }
            }
            "rfc822" => self.to_http_date(),
            _ => self.to_iso8601(),
        }
    }
}
impl<T: ToParam> ToParam for Box<T> {
    fn to_param(&self) -> String {
        (**self).to_param()
    }
}
impl ToParam for Blob {
    fn to_param(&self) -> String {
        base64_encode(&self.0)
    }
}
/// A `jsonvalue` header (lex-runtime's `sessionAttributes`): base64 of the
/// compact JSON text, as botocore sends it.
impl ToParam for Document {
    fn to_param(&self) -> String {
        let mut json = String::new();
        self.write_json(&mut json);
        base64_encode(json.as_bytes())
    }
}
impl Document {
    /// Compact JSON text (object keys sorted; non-finite numbers as `null`).
    pub fn write_json(&self, out: &mut String) {
        match self {
            Document::Null => out.push_str("null"),
            Document::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Document::Number(Number::PosInt(n)) => out.push_str(&n.to_string()),
            Document::Number(Number::NegInt(n)) => out.push_str(&n.to_string()),
            Document::Number(Number::Float(n)) if n.is_finite() => out.push_str(&format!("{n:?}")),
            Document::Number(Number::Float(_)) => out.push_str("null"),
            Document::String(s) => write_json_string(s, out),
            Document::Array(v) => {
                out.push('[');
                for (i, x) in v.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    x.write_json(out);
                }
                out.push(']');
            }
            Document::Object(m) => {
                out.push('{');
                for (i, (k, x)) in m.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write_json_string(k, out);
                    out.push(':');
                    x.write_json(out);
                }
                out.push('}');
            }
        }
    }
}
fn write_json_string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}
