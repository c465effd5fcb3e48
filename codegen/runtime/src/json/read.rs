//! A JSON reader for [`crate::from_json`]'s fast path: a `serde::Deserializer`
//! over a body already checked to be UTF-8.
//!
//! It accepts a subset of what `serde_json::from_str` accepts and, on that
//! subset, calls the same visitor methods with the same arguments (numbers as
//! `u64`/`i64`/`f64` by the same rules, strings borrowed unless escaped, the
//! same `null`/`Option` handling), so the decoded value is the one
//! `serde_json` would give. Anything else (bad JSON, a visitor's error, a
//! form this reader does not handle such as a structure written as an array,
//! bytes, enums, `RawValue`) makes it give up, and `from_json` decodes the body
//! again with `serde_json`, which gives its value or its positioned error. It
//! records that it failed even when a caller swallowed the error, so a
//! `Deserialize` impl that recovers from errors still sees `serde_json`'s
//! behaviour.
//!
//! What it does faster than `serde_json`: strings are scanned 16 bytes at a
//! time (SSE2 on x86-64, else 8 bytes in a word), and small decimals are
//! converted without a second pass.

use serde::de::{self, DeserializeSeed, Visitor};
use std::fmt;

/// Decodes `text`, or `None` when `serde_json` must (see the module's docs).
pub(crate) fn decode<T: de::DeserializeOwned>(text: &str) -> Option<T> {
    let mut de = Reader {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        depth: 0,
        failed: false,
        scratch: String::new(),
    };
    let value = T::deserialize(&mut de).ok()?;
    if de.failed || de.ws().is_some() {
        return None;
    }
    Some(value)
}

/// This reader gave up; `serde_json` says why.
#[derive(Debug)]
pub(crate) struct Fail;

impl fmt::Display for Fail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not decoded by the fast reader")
    }
}
impl std::error::Error for Fail {}
impl de::Error for Fail {
    #[cold]
    fn custom<T: fmt::Display>(_: T) -> Self {
        Fail
    }
}

type Result<T> = std::result::Result<T, Fail>;

/// Nesting deeper than this gives up (`serde_json` stops at 128).
const MAX_DEPTH: u32 = 100;

/// `serde_json`'s name for `RawValue`, which only it can produce.
const RAW_VALUE_TOKEN: &str = "$serde_json::private::RawValue";

struct Reader<'de> {
    text: &'de str,
    bytes: &'de [u8],
    pos: usize,
    depth: u32,
    /// Set by every error this reader returns, swallowed or not.
    failed: bool,
    scratch: String,
}

/// A string as read: borrowed from the body, or unescaped into the scratch.
enum Str<'de, 's> {
    Borrowed(&'de str),
    Copied(&'s str),
}

impl<'de> Reader<'de> {
    #[cold]
    #[inline(never)]
    fn fail<T>(&mut self) -> Result<T> {
        self.failed = true;
        Err(Fail)
    }

    /// Marks a failure coming back from a visitor.
    #[inline]
    fn track<T>(&mut self, r: Result<T>) -> Result<T> {
        if r.is_err() {
            self.failed = true;
        }
        r
    }

    /// Skips whitespace; the next byte, not consumed.
    #[inline]
    fn ws(&mut self) -> Option<u8> {
        while let Some(&b) = self.bytes.get(self.pos) {
            match b {
                b' ' | b'\n' | b'\t' | b'\r' => self.pos += 1,
                _ => return Some(b),
            }
        }
        None
    }

    #[inline]
    fn literal(&mut self, word: &[u8]) -> Result<()> {
        if self.bytes[self.pos..].starts_with(word) {
            self.pos += word.len();
            Ok(())
        } else {
            self.fail()
        }
    }

    /// Reads a string whose opening quote is at `pos`.
    #[inline]
    fn read_str<'s>(&'s mut self) -> Result<Str<'de, 's>> {
        let start = self.pos + 1;
        let end = scan(self.bytes, start);
        match self.bytes.get(end) {
            Some(b'"') => {
                self.pos = end + 1;
                Ok(Str::Borrowed(&self.text[start..end]))
            }
            Some(b'\\') => self.read_escaped(start, end),
            _ => self.fail(),
        }
    }

    /// The rest of a string with escapes, from `start`; the first escape is at `at`.
    #[cold]
    fn read_escaped<'s>(&'s mut self, mut start: usize, mut at: usize) -> Result<Str<'de, 's>> {
        self.scratch.clear();
        loop {
            match self.bytes.get(at) {
                Some(b'"') => {
                    self.scratch.push_str(&self.text[start..at]);
                    self.pos = at + 1;
                    return Ok(Str::Copied(&self.scratch));
                }
                Some(b'\\') => {
                    self.scratch.push_str(&self.text[start..at]);
                    let c = match self.bytes.get(at + 1) {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\x08',
                        Some(b'f') => '\x0c',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            let Some(n) = self.hex4(at + 2) else {
                                return self.fail();
                            };
                            at += 6;
                            let c = match n {
                                0xD800..=0xDBFF => {
                                    // A leading surrogate: its trailing one must follow.
                                    let n2 = match self.bytes.get(at..at + 2) {
                                        Some(b"\\u") => self.hex4(at + 2),
                                        _ => None,
                                    };
                                    match n2 {
                                        Some(n2 @ 0xDC00..=0xDFFF) => {
                                            at += 6;
                                            char::from_u32(
                                                (((n - 0xD800) << 10) | (n2 - 0xDC00)) + 0x1_0000,
                                            )
                                        }
                                        _ => None,
                                    }
                                }
                                _ => char::from_u32(n),
                            };
                            let Some(c) = c else {
                                return self.fail();
                            };
                            self.scratch.push(c);
                            start = at;
                            at = scan(self.bytes, at);
                            continue;
                        }
                        _ => return self.fail(),
                    };
                    self.scratch.push(c);
                    start = at + 2;
                    at = scan(self.bytes, start);
                }
                _ => return self.fail(),
            }
        }
    }

    fn hex4(&self, at: usize) -> Option<u32> {
        let digits = self.bytes.get(at..at + 4)?;
        let mut n = 0;
        for &d in digits {
            n = n * 16 + (d as char).to_digit(16)?;
        }
        Some(n)
    }

    /// Checks the number at `pos` against JSON's grammar and moves past it;
    /// whether it is an integer (no fraction, no exponent).
    fn skip_number(&mut self) -> Result<bool> {
        let b = self.bytes;
        let mut i = self.pos;
        if b.get(i) == Some(&b'-') {
            i += 1;
        }
        match b.get(i) {
            Some(b'0') => i += 1,
            Some(b'1'..=b'9') => {
                while let Some(b'0'..=b'9') = b.get(i) {
                    i += 1;
                }
            }
            _ => return self.fail(),
        }
        let mut integer = true;
        if b.get(i) == Some(&b'.') {
            integer = false;
            i += 1;
            if !matches!(b.get(i), Some(b'0'..=b'9')) {
                return self.fail();
            }
            while let Some(b'0'..=b'9') = b.get(i) {
                i += 1;
            }
        }
        if let Some(b'e' | b'E') = b.get(i) {
            integer = false;
            i += 1;
            if let Some(b'+' | b'-') = b.get(i) {
                i += 1;
            }
            if !matches!(b.get(i), Some(b'0'..=b'9')) {
                return self.fail();
            }
            while let Some(b'0'..=b'9') = b.get(i) {
                i += 1;
            }
        }
        self.pos = i;
        Ok(integer)
    }

    /// Reads the number at `pos` and hands it to the visitor as `serde_json`
    /// would: a non-negative integer as `u64`, a negative one as `i64`, the
    /// rest (fraction, exponent, too large, `-0`) as `f64`.
    #[inline]
    fn number<V: Visitor<'de>>(&mut self, v: V) -> Result<V::Value> {
        let start = self.pos;
        let b = self.bytes;
        let neg = b[start] == b'-';
        let mut i = start + usize::from(neg);
        let mut n: u64 = match b.get(i) {
            Some(&d @ b'0'..=b'9') => u64::from(d - b'0'),
            _ => return self.fail(),
        };
        i += 1;
        if n != 0 {
            while let Some(&d @ b'0'..=b'9') = b.get(i) {
                match n
                    .checked_mul(10)
                    .and_then(|n| n.checked_add(u64::from(d - b'0')))
                {
                    Some(m) => n = m,
                    None => return self.float(v),
                }
                i += 1;
            }
        }
        match b.get(i) {
            Some(b'.') => {
                // A short decimal is converted here: at most 15 digits in
                // all, so the digits as an integer and the power of ten are
                // exact, and one division rounds them correctly (what
                // `serde_json` computes for such a number).
                let int_digits = i - start - usize::from(neg);
                let mut j = i + 1;
                while let Some(&d @ b'0'..=b'9') = b.get(j) {
                    n = n.wrapping_mul(10).wrapping_add(u64::from(d - b'0'));
                    j += 1;
                }
                let frac_digits = j - i - 1;
                if frac_digits == 0
                    || int_digits + frac_digits > 15
                    || matches!(b.get(j), Some(b'e' | b'E'))
                {
                    return self.float(v);
                }
                self.pos = j;
                let f = n as f64 / POW10[frac_digits];
                let r = v.visit_f64(if neg { -f } else { f });
                self.track(r)
            }
            Some(b'e' | b'E') => self.float(v),
            Some(b'0'..=b'9') => self.fail(), // a leading zero
            _ => {
                self.pos = i;
                let r = if !neg {
                    v.visit_u64(n)
                } else {
                    let m = (n as i64).wrapping_neg();
                    if m >= 0 {
                        v.visit_f64(-(n as f64))
                    } else {
                        v.visit_i64(m)
                    }
                };
                self.track(r)
            }
        }
    }

    /// A number that is neither an integer that fits nor a short decimal:
    /// converted by `serde_json` itself, so the value is its own to the bit.
    #[cold]
    fn float<V: Visitor<'de>>(&mut self, v: V) -> Result<V::Value> {
        let start = self.pos;
        self.skip_number()?;
        let text = &self.text[start..self.pos];
        let f = match serde_json::from_str::<f64>(text) {
            Ok(f) => f,
            Err(_) => return self.fail(),
        };
        let r = v.visit_f64(f);
        self.track(r)
    }

    /// Skips one value (checked as `serde_json` checks it, or more strictly).
    fn skip_value(&mut self) -> Result<()> {
        match self.ws() {
            Some(b'"') => self.read_str().map(drop),
            Some(b'-' | b'0'..=b'9') => self.skip_number().map(drop),
            Some(b'n') => self.literal(b"null"),
            Some(b't') => self.literal(b"true"),
            Some(b'f') => self.literal(b"false"),
            Some(b'[') => {
                self.enter()?;
                self.pos += 1;
                let mut first = true;
                loop {
                    match self.ws() {
                        Some(b']') => break,
                        Some(b',') if !first => self.pos += 1,
                        _ if first => {}
                        _ => return self.fail(),
                    }
                    first = false;
                    self.skip_value()?;
                }
                self.pos += 1;
                self.depth -= 1;
                Ok(())
            }
            Some(b'{') => {
                self.enter()?;
                self.pos += 1;
                let mut first = true;
                loop {
                    match self.ws() {
                        Some(b'}') => break,
                        Some(b',') if !first => {
                            self.pos += 1;
                            self.ws();
                        }
                        _ if first => {}
                        _ => return self.fail(),
                    }
                    first = false;
                    if self.bytes.get(self.pos) != Some(&b'"') {
                        return self.fail();
                    }
                    self.read_str()?;
                    if self.ws() != Some(b':') {
                        return self.fail();
                    }
                    self.pos += 1;
                    self.skip_value()?;
                }
                self.pos += 1;
                self.depth -= 1;
                Ok(())
            }
            _ => self.fail(),
        }
    }

    #[inline]
    fn enter(&mut self) -> Result<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return self.fail();
        }
        Ok(())
    }

    /// After a sequence's or object's last element: its closing byte.
    #[inline]
    fn close(&mut self, byte: u8) -> Result<()> {
        self.depth -= 1;
        if self.ws() == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            self.fail()
        }
    }

    #[inline]
    fn string<V: Visitor<'de>>(&mut self, v: V) -> Result<V::Value> {
        let r = match self.read_str()? {
            Str::Borrowed(s) => v.visit_borrowed_str(s),
            Str::Copied(s) => v.visit_str(s),
        };
        self.track(r)
    }

    #[inline]
    fn seq<V: Visitor<'de>>(&mut self, v: V) -> Result<V::Value> {
        self.enter()?;
        self.pos += 1;
        let r = v.visit_seq(Access {
            de: self,
            first: true,
        });
        let value = self.track(r)?;
        self.close(b']')?;
        Ok(value)
    }

    #[inline]
    fn map<V: Visitor<'de>>(&mut self, v: V) -> Result<V::Value> {
        self.enter()?;
        self.pos += 1;
        let r = v.visit_map(Access {
            de: self,
            first: true,
        });
        let value = self.track(r)?;
        self.close(b'}')?;
        Ok(value)
    }
}

/// The index of the first `"`, `\` or control character at or after `i`, or
/// the length of `b`.
#[inline]
fn scan(b: &[u8], mut i: usize) -> usize {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::*;
        // SSE2 is part of x86-64.
        while i + 16 <= b.len() {
            // SAFETY: `i + 16 <= b.len()`: the 16 bytes loaded are in `b`.
            let mask = unsafe {
                let v = _mm_loadu_si128(b.as_ptr().add(i).cast::<__m128i>());
                let quote = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'"' as i8));
                let backslash = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'\\' as i8));
                let low = _mm_set1_epi8(0x1f);
                let control = _mm_cmpeq_epi8(_mm_max_epu8(v, low), low);
                _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(quote, backslash), control))
            };
            if mask != 0 {
                return i + mask.trailing_zeros() as usize;
            }
            i += 16;
        }
    }
    const ONES: u64 = u64::MAX / 255;
    const HIGH: u64 = ONES << 7;
    while i + 8 <= b.len() {
        let mut word = [0; 8];
        word.copy_from_slice(&b[i..i + 8]);
        let w = u64::from_le_bytes(word);
        let quote = w ^ (ONES * u64::from(b'"'));
        let backslash = w ^ (ONES * u64::from(b'\\'));
        let found = (quote.wrapping_sub(ONES) & !quote)
            | (backslash.wrapping_sub(ONES) & !backslash)
            | (w.wrapping_sub(ONES * 0x20) & !w);
        let found = found & HIGH;
        if found != 0 {
            return i + found.trailing_zeros() as usize / 8;
        }
        i += 8;
    }
    while let Some(&c) = b.get(i) {
        if c == b'"' || c == b'\\' || c < 0x20 {
            return i;
        }
        i += 1;
    }
    i
}

const POW10: [f64; 16] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
];

struct Access<'a, 'de> {
    de: &'a mut Reader<'de>,
    first: bool,
}

impl<'de> de::SeqAccess<'de> for Access<'_, 'de> {
    type Error = Fail;

    #[inline]
    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        match self.de.ws() {
            Some(b']') => return Ok(None),
            Some(b',') if !self.first => {
                self.de.pos += 1;
                // `[1,]` is an error.
                if self.de.ws() == Some(b']') {
                    return self.de.fail();
                }
            }
            Some(_) if self.first => {}
            _ => return self.de.fail(),
        }
        self.first = false;
        seed.deserialize(&mut *self.de).map(Some)
    }
}

impl<'de> de::MapAccess<'de> for Access<'_, 'de> {
    type Error = Fail;

    #[inline]
    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        match self.de.ws() {
            Some(b'}') => return Ok(None),
            Some(b',') if !self.first => {
                self.de.pos += 1;
                self.de.ws();
            }
            Some(_) if self.first => {}
            _ => return self.de.fail(),
        }
        self.first = false;
        if self.de.bytes.get(self.de.pos) != Some(&b'"') {
            return self.de.fail();
        }
        seed.deserialize(Key { de: &mut *self.de }).map(Some)
    }

    #[inline]
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        if self.de.ws() != Some(b':') {
            return self.de.fail();
        }
        self.de.pos += 1;
        seed.deserialize(&mut *self.de)
    }
}

/// Forms this reader leaves to `serde_json`.
macro_rules! give_up {
    ($($method:ident $(($($arg:ident: $ty:ty),*))?;)*) => {$(
        fn $method<V: Visitor<'de>>(self, $($($arg: $ty,)*)? _v: V) -> Result<V::Value> {
            $($(let _ = $arg;)*)?
            self.fail()
        }
    )*};
}

impl<'de> de::Deserializer<'de> for &mut Reader<'de> {
    type Error = Fail;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value> {
        match self.ws() {
            Some(b'"') => self.string(v),
            Some(b'-' | b'0'..=b'9') => self.number(v),
            Some(b'{') => self.map(v),
            Some(b'[') => self.seq(v),
            Some(b't') => {
                self.literal(b"true")?;
                let r = v.visit_bool(true);
                self.track(r)
            }
            Some(b'f') => {
                self.literal(b"false")?;
                let r = v.visit_bool(false);
                self.track(r)
            }
            Some(b'n') => {
                self.literal(b"null")?;
                let r = v.visit_unit();
                self.track(r)
            }
            _ => self.fail(),
        }
    }

    #[inline]
    fn deserialize_bool<V: Visitor<'de>>(self, v: V) -> Result<V::Value> {
        let r = match self.ws() {
            Some(b't') => {
                self.literal(b"true")?;
                v.visit_bool(true)
            }
            Some(b'f') => {
                self.literal(b"false")?;
                v.visit_bool(false)
            }
            _ => return self.fail(),
        };
        self.track(r)
    }

    #[inline]
    fn deserialize_str<V: Visitor<'de>>(self, v: V) -> Result<V::Value> {
        match self.ws() {
            Some(b'"') => self.string(v),
            _ => self.fail(),
        }
    }

    #[inline]
    fn deserialize_string<V: Visitor<'de>>(self, v: V) -> Result<V::Value> {
        self.deserialize_str(v)
    }

    fn deserialize_char<V: Visitor<'de>>(self, v: V) -> Result<V::Value> {
        self.deserialize_str(v)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, v: V) -> Result<V::Value> {
        self.deserialize_str(v)
    }

    #[inline]
    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value> {
        let r = match self.ws() {
            Some(b'n') => {
                self.literal(b"null")?;
                v.visit_none()
            }
            _ => v.visit_some(&mut *self),
        };
        self.track(r)
    }

    fn deserialize_unit<V: Visitor<'de>>(self, v: V) -> Result<V::Value> {
        match self.ws() {
            Some(b'n') => {
                self.literal(b"null")?;
                let r = v.visit_unit();
                self.track(r)
            }
            _ => self.fail(),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        v: V,
    ) -> Result<V::Value> {
        self.deserialize_unit(v)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        v: V,
    ) -> Result<V::Value> {
        if name == RAW_VALUE_TOKEN {
            return self.fail();
        }
        let r = v.visit_newtype_struct(&mut *self);
        self.track(r)
    }

    #[inline]
    fn deserialize_seq<V: Visitor<'de>>(self, v: V) -> Result<V::Value> {
        match self.ws() {
            Some(b'[') => self.seq(v),
            _ => self.fail(),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, v: V) -> Result<V::Value> {
        self.deserialize_seq(v)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        v: V,
    ) -> Result<V::Value> {
        self.deserialize_seq(v)
    }

    #[inline]
    fn deserialize_map<V: Visitor<'de>>(self, v: V) -> Result<V::Value> {
        match self.ws() {
            Some(b'{') => self.map(v),
            _ => self.fail(),
        }
    }

    #[inline]
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        v: V,
    ) -> Result<V::Value> {
        // A structure written as an array is `serde_json`'s business.
        self.deserialize_map(v)
    }

    #[inline]
    fn deserialize_ignored_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value> {
        self.skip_value()?;
        let r = v.visit_unit();
        self.track(r)
    }

    fn deserialize_i8<V: Visitor<'de>>(self, v: V) -> Result<V::Value> {
        self.deserialize_u64(v)
    }
    fn deserialize_i16<V: Visitor<'de>>(self, v: V) -> Result<V::Value> {
        self.deserialize_u64(v)
    }
    fn deserialize_i32<V: Visitor<'de>>(self, v: V) -> Result<V::Value> {
        self.deserialize_u64(v)
    }
    fn deserialize_i64<V: Visitor<'de>>(self, v: V) -> Result<V::Value> {
        self.deserialize_u64(v)
    }
    fn deserialize_u8<V: Visitor<'de>>(self, v: V) -> Result<V::Value> {
        self.deserialize_u64(v)
    }
    fn deserialize_u16<V: Visitor<'de>>(self, v: V) -> Result<V::Value> {
        self.deserialize_u64(v)
    }
    fn deserialize_u32<V: Visitor<'de>>(self, v: V) -> Result<V::Value> {
        self.deserialize_u64(v)
    }
    fn deserialize_f32<V: Visitor<'de>>(self, v: V) -> Result<V::Value> {
        self.deserialize_u64(v)
    }
    fn deserialize_f64<V: Visitor<'de>>(self, v: V) -> Result<V::Value> {
        self.deserialize_u64(v)
    }
    /// Every number type, as `serde_json` does: the number as read.
    #[inline]
    fn deserialize_u64<V: Visitor<'de>>(self, v: V) -> Result<V::Value> {
        match self.ws() {
            Some(b'-' | b'0'..=b'9') => self.number(v),
            _ => self.fail(),
        }
    }

    give_up! {
        deserialize_i128;
        deserialize_u128;
        deserialize_bytes;
        deserialize_byte_buf;
        deserialize_enum(name: &'static str, variants: &'static [&'static str]);
    }
}

/// An object's key (the reader is at its opening quote): a string, as with
/// `serde_json`'s key deserializer; the forms that read a key as a number,
/// `bool`, bytes or enum give up.
struct Key<'a, 'de> {
    de: &'a mut Reader<'de>,
}

impl Key<'_, '_> {
    fn fail<T>(self) -> Result<T> {
        self.de.fail()
    }
}

macro_rules! key_as_string {
    ($($method:ident $(($($arg:ident: $ty:ty),*))?;)*) => {$(
        #[inline]
        fn $method<V: Visitor<'de>>(self, $($($arg: $ty,)*)? v: V) -> Result<V::Value> {
            $($(let _ = $arg;)*)?
            self.de.string(v)
        }
    )*};
}

impl<'de> de::Deserializer<'de> for Key<'_, 'de> {
    type Error = Fail;

    key_as_string! {
        deserialize_any;
        deserialize_str;
        deserialize_string;
        deserialize_identifier;
        deserialize_char;
        deserialize_ignored_any;
        deserialize_unit;
        deserialize_unit_struct(name: &'static str);
        deserialize_seq;
        deserialize_tuple(len: usize);
        deserialize_tuple_struct(name: &'static str, len: usize);
        deserialize_map;
        deserialize_struct(name: &'static str, fields: &'static [&'static str]);
    }

    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value> {
        let de = self.de;
        let r = v.visit_some(Key { de: &mut *de });
        de.track(r)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        v: V,
    ) -> Result<V::Value> {
        if name == RAW_VALUE_TOKEN {
            return self.de.fail();
        }
        let de = self.de;
        let r = v.visit_newtype_struct(Key { de: &mut *de });
        de.track(r)
    }

    give_up! {
        deserialize_bool;
        deserialize_i8;
        deserialize_i16;
        deserialize_i32;
        deserialize_i64;
        deserialize_i128;
        deserialize_u8;
        deserialize_u16;
        deserialize_u32;
        deserialize_u64;
        deserialize_u128;
        deserialize_f32;
        deserialize_f64;
        deserialize_bytes;
        deserialize_byte_buf;
        deserialize_enum(name: &'static str, variants: &'static [&'static str]);
    }
}

#[cfg(test)]
mod tests {
    use super::decode;
    use serde::de::{self, Deserialize, Deserializer, Visitor};
    use std::collections::BTreeMap;
    use std::fmt;

    /// Every visitor call of a `deserialize_any` walk, floats by their bits.
    #[derive(Debug, PartialEq)]
    struct Trace(Vec<String>);

    impl<'de> Deserialize<'de> for Trace {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            let mut out = Vec::new();
            d.deserialize_any(Walk(&mut out))?;
            Ok(Trace(out))
        }
    }

    struct Walk<'a>(&'a mut Vec<String>);

    impl<'de> de::DeserializeSeed<'de> for Walk<'_> {
        type Value = ();
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            d.deserialize_any(self)
        }
    }

    impl<'de> Visitor<'de> for Walk<'_> {
        type Value = ();
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("anything")
        }
        fn visit_bool<E>(self, v: bool) -> Result<(), E> {
            self.0.push(format!("bool {v}"));
            Ok(())
        }
        fn visit_u64<E>(self, v: u64) -> Result<(), E> {
            self.0.push(format!("u64 {v}"));
            Ok(())
        }
        fn visit_i64<E>(self, v: i64) -> Result<(), E> {
            self.0.push(format!("i64 {v}"));
            Ok(())
        }
        fn visit_f64<E>(self, v: f64) -> Result<(), E> {
            self.0.push(format!("f64 {:#x}", v.to_bits()));
            Ok(())
        }
        fn visit_str<E>(self, v: &str) -> Result<(), E> {
            self.0.push(format!("str {v:?}"));
            Ok(())
        }
        fn visit_borrowed_str<E>(self, v: &'de str) -> Result<(), E> {
            self.0.push(format!("borrowed {v:?}"));
            Ok(())
        }
        fn visit_unit<E>(self) -> Result<(), E> {
            self.0.push("unit".into());
            Ok(())
        }
        fn visit_seq<A: de::SeqAccess<'de>>(self, mut a: A) -> Result<(), A::Error> {
            self.0.push("[".into());
            while a.next_element_seed(Walk(self.0))?.is_some() {}
            self.0.push("]".into());
            Ok(())
        }
        fn visit_map<A: de::MapAccess<'de>>(self, mut a: A) -> Result<(), A::Error> {
            self.0.push("{".into());
            while a.next_key_seed(Walk(self.0))?.is_some() {
                a.next_value_seed(Walk(self.0))?;
            }
            self.0.push("}".into());
            Ok(())
        }
    }

    /// The fast reader gives `serde_json`'s value or nothing; `fast` says
    /// which is expected.
    fn check<T: de::DeserializeOwned + PartialEq + fmt::Debug>(text: &str, fast: bool) {
        let ours = decode::<T>(text);
        let theirs = serde_json::from_str::<T>(text).ok();
        match ours {
            Some(v) => assert_eq!(Some(&v), theirs.as_ref(), "{text}"),
            None => assert!(
                !fast || theirs.is_none(),
                "not decoded by the fast reader: {text}"
            ),
        }
        assert_eq!(fast, decode::<T>(text).is_some(), "fast path of {text}");
    }

    #[test]
    fn same_events_as_serde_json() {
        for text in [
            r#"{"a":1,"b":[true,false,null],"c":{"d":"e"},"e":[],"f":{}}"#,
            " { \"a\" : [ 1 , -2 , 3.5 , -0 , 0 , -0.0 , 1e3 , 1E-3 , 2.5e+2 ] } ",
            r#"[18446744073709551615,18446744073709551616,-9223372036854775808,-9223372036854775809]"#,
            r#"[0.1,0.2,0.3,123456.789,1.7976931348623157e308,5e-324,100000000000000000000000]"#,
            r#"[12.5,10000.0,9749.5,0.000001,999999999999999.9,9999999999999999.9]"#,
            r#"["plain","esc\"aped","\\\/\b\f\n\r\t","\u00e9\u20AC","\ud83d\ude00","é€😀",""]"#,
            r#"["a long string with no escapes that runs past sixteen bytes","x\"y","a\u0000b"]"#,
            r#"{"key with \"escape\"":1,"\u006b":2}"#,
            "[[[[[[[[[[1]]]]]]]]]]",
            "1",
            "\"top\"",
            "null",
        ] {
            check::<Trace>(text, true);
        }
    }

    #[test]
    fn invalid_json_is_left_to_serde_json() {
        for text in [
            "",
            " ",
            "{",
            "[1,]",
            r#"{"a":1,}"#,
            "[1 2]",
            r#"{"a" 1}"#,
            r#"{1:2}"#,
            "01",
            "-",
            "1.",
            ".5",
            "1e",
            "1e+",
            "+1",
            "tru",
            "nul",
            "[1]x",
            "\"abc",
            "\"a\u{1}b\"",
            r#""\x""#,
            r#""\u12""#,
            r#""\ud800""#,
            r#""\udc00""#,
            r#""\ud800\u0041""#,
            "1e400",
            "NaN",
            "[",
            "]",
            "{}}",
        ] {
            check::<Trace>(text, false);
            check::<serde_json::Value>(text, false);
        }
    }

    #[test]
    fn deep_nesting_is_left_to_serde_json() {
        let deep = format!("{}{}", "[".repeat(110), "]".repeat(110));
        check::<Trace>(&deep, false);
    }

    #[test]
    fn typed_values() {
        check::<BTreeMap<String, Vec<i32>>>(r#"{"a":[1,-2],"b":[]}"#, true);
        check::<BTreeMap<String, Option<u8>>>(r#"{"a":null,"b":7}"#, true);
        check::<Vec<f32>>("[1, 2.5, -3]", true);
        check::<(bool, String)>(r#"[true, "x"]"#, true);
        // Rejected by the type: serde_json's error.
        check::<Vec<u8>>("[256]", false);
        check::<Vec<i32>>("[1.5]", false);
        check::<BTreeMap<String, i32>>(r#"{"a":1,"a":2}"#, true);
        // Keys read as numbers are serde_json's.
        check::<BTreeMap<i32, i32>>(r#"{"1":2}"#, false);
        // A tuple shorter than the array: serde_json's trailing characters.
        check::<(i32,)>("[1,2]", false);
        // Ignored values are checked like read ones.
        check::<BTreeMap<String, de::IgnoredAny>>(r#"{"a":{"b":[1,"c",null,true,{}]}}"#, true);
        assert!(decode::<Vec<de::IgnoredAny>>(r#"[{"b":[1,"c\n",null,true,{}]},2.5e3]"#).is_some());
        for bad in [
            r#"[{"b":[1,]}]"#,
            r#"[{"b" 1}]"#,
            "[01]",
            r#"["\q"]"#,
            "[nul]",
        ] {
            assert!(decode::<Vec<de::IgnoredAny>>(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn decimals_convert_like_serde_json() {
        // A fixed pseudo-random walk over decimals of every length.
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let digits = (x % 18 + 1) as usize;
            let n = (x >> 8) % 10u64.pow(digits as u32);
            let point = (x >> 3) as usize % (digits + 1);
            let s = format!("{n:0digits$}");
            let (a, b) = s.split_at(point);
            let a = if a.is_empty() {
                "0"
            } else {
                a.trim_start_matches('0')
            };
            let a = if a.is_empty() { "0" } else { a };
            let text = if b.is_empty() {
                format!("[{a}.0, -{a}.5]")
            } else {
                format!("[{a}.{b}, -{a}.{b}]")
            };
            check::<Trace>(&text, true);
        }
    }
}
