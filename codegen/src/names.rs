//! Naming rules: model names → Rust identifiers. Only the IR calls these, so every
//! naming decision is made in one place.
//!
//! Rules (documented in the README):
//! - Type names: `UpperCamelCase` of the shape name (heck's word rules), keeping only ASCII
//!   letters, digits and `_` word breaks; a leading digit gets a `Shape` prefix;
//!   `Self` becomes `Self_`.
//! - Field, module and function names: `snake_case`; Rust keywords become raw
//!   identifiers (`r#type`), except `self`, `super`, `crate`, `Self` and `_`,
//!   which cannot be raw and get a trailing `_`; a leading digit gets a `_` prefix.
//! - Enum variants: see [`enum_variant`].

/// Rust keywords (2021 edition, strict and reserved) that need `r#` or a suffix.
const KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for",
    "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return",
    "self", "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where",
    "while", "async", "await", "dyn", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen", "union",
];

/// Keywords that cannot be raw identifiers.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Replace every character that is not an ASCII letter or digit by a word break,
/// so [`words`] sees words; non-ASCII characters become `uXXXX` words so that distinct
/// names stay distinct.
fn ascii_words(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if c.is_ascii() {
            out.push('_');
        } else {
            out.push_str(&format!("_u{:04x}_", c as u32));
        }
    }
    out
}

/// The words of `s` (as [`ascii_words`] leaves it: ASCII letters, digits
/// and `_`), split the way heck 0.5 splits them: at every `_`, between a
/// lowercase letter and an uppercase one (`apiId` → `api`, `Id`), and before
/// the last of a run of uppercase letters followed by a lowercase one
/// (`HTTPServer` → `HTTP`, `Server`); a digit goes on with the case of the
/// letters before it. Byte by byte, without heck's formatting machinery
/// (a `write!` per character): this runs for every name of a model. The
/// test `words_split_as_heck_does` holds it to heck.
fn words(s: &str, mut word: impl FnMut(&str)) {
    #[derive(Clone, Copy, PartialEq)]
    enum Mode {
        Boundary,
        Lowercase,
        Uppercase,
    }
    for part in s.split('_') {
        let b = part.as_bytes();
        let (mut init, mut mode) = (0, Mode::Boundary);
        for (i, &c) in b.iter().enumerate() {
            let Some(&next) = b.get(i + 1) else {
                word(&part[init..]);
                break;
            };
            let next_mode = if c.is_ascii_lowercase() {
                Mode::Lowercase
            } else if c.is_ascii_uppercase() {
                Mode::Uppercase
            } else {
                mode
            };
            if next_mode == Mode::Lowercase && next.is_ascii_uppercase() {
                word(&part[init..=i]);
                (init, mode) = (i + 1, Mode::Boundary);
            } else if mode == Mode::Uppercase && c.is_ascii_uppercase() && next.is_ascii_lowercase()
            {
                word(&part[init..i]);
                (init, mode) = (i, Mode::Boundary);
            } else {
                mode = next_mode;
            }
        }
    }
}

/// `UpperCamelCase` of [`ascii_words`] output: each word capitalized.
fn upper_camel_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    words(s, |w| {
        for (i, c) in w.chars().enumerate() {
            out.push(if i == 0 {
                c.to_ascii_uppercase()
            } else {
                c.to_ascii_lowercase()
            });
        }
    });
    out
}

/// `snake_case` of [`ascii_words`] output: the words in lowercase, joined by `_`.
fn snake_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 4);
    words(s, |w| {
        if !out.is_empty() {
            out.push('_');
        }
        out.extend(w.chars().map(|c| c.to_ascii_lowercase()));
    });
    out
}

/// `UpperCamelCase` type name for a shape or operation.
pub fn type_name(name: &str) -> String {
    let mut s = upper_camel_case(&ascii_words(name));
    if s.is_empty() {
        s = "Shape".to_string();
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert_str(0, "Shape");
    }
    if s == "Self" {
        s.push('_');
    }
    s
}

/// `snake_case` identifier text for a member, module or function, with keywords
/// escaped. Returns the text to put in `syn::Ident` (may start with `r#`).
pub fn field_name(name: &str) -> String {
    let mut s = snake_case(&ascii_words(name));
    if s.is_empty() {
        s = "field".to_string();
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, '_');
    }
    escape_keyword(s)
}

/// Escape a keyword: `r#type`, or `self_` for those that cannot be raw.
pub fn escape_keyword(s: String) -> String {
    // Every keyword is 1 to 8 bytes long: most names are longer, and need no
    // comparison with the lists.
    if s.len() > 8 {
        s
    } else if NOT_RAW.contains(&s.as_str()) {
        format!("{s}_")
    } else if KEYWORDS.contains(&s.as_str()) {
        format!("r#{s}")
    } else {
        s
    }
}

/// The identifier without a `r#` prefix (for derived names such as `set_type`).
pub fn unraw(ident: &str) -> &str {
    ident.strip_prefix("r#").unwrap_or(ident)
}

/// The builder setter for the field `ident` (as returned by [`field_name`]): the
/// field name, except that `build` and `default` become `build_value` and
/// `default_value` so that they do not hide the builder's `build()` and
/// `Default::default()` (codebuild's `build`, connect's `default`). The other
/// builder methods derive from it: `set_build_value`, `push_…`, `insert_…`.
pub fn setter_name(ident: &str) -> String {
    match ident {
        "build" | "default" => format!("{ident}_value"),
        _ => ident.to_string(),
    }
}

/// Enum variant name for a string enum value.
///
/// 1. A value that is entirely a decimal number (`0.5`, `13.5`, `118`) reads the
///    dot as `Point`: `V0Point5`, `V13Point5`, `V118`.
/// 2. Otherwise the value is split into words at every character that is not an
///    ASCII letter or digit and at case changes, then `UpperCamelCase`d:
///    `DEFAULT_4XX` → `Default4xx`, `add` → `Add`, `application/json` → `ApplicationJson`.
/// 3. A name that would start with a digit gets a `V` prefix (`1x` → `V1x`).
/// 4. A value with no letters or digits at all is spelled by its bytes in hex
///    (`*` → `Value2A`).
/// 5. `Self` becomes `Self_`; `Unknown` becomes `UnknownValue` because `Unknown`
///    is the catch-all variant.
///
/// The override table (`models/enum-names.json`) is consulted before this rule.
pub fn enum_variant(value: &str) -> String {
    let numeric = !value.is_empty()
        && value.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && value.bytes().any(|b| b.is_ascii_digit());
    let mut s = if numeric {
        value.replace('.', "Point")
    } else {
        upper_camel_case(&ascii_words(value))
    };
    if s.is_empty() {
        s = "Value".to_string();
        for b in value.bytes() {
            s.push_str(&format!("{b:02X}"));
        }
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, 'V');
    }
    match s.as_str() {
        "Self" => "Self_".to_string(),
        "Unknown" => "UnknownValue".to_string(),
        _ => s,
    }
}

/// Is `s` usable as a Rust identifier as generated (after escaping)?
pub fn is_valid_ident(s: &str) -> bool {
    let s = unraw(s);
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c.is_ascii_alphabetic() || c == '_' => {}
        _ => return false,
    }
    s != "_" && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants() {
        assert_eq!(enum_variant("0.5"), "V0Point5");
        assert_eq!(enum_variant("13.5"), "V13Point5");
        assert_eq!(enum_variant("118"), "V118");
        assert_eq!(enum_variant("DEFAULT_4XX"), "Default4xx");
        assert_eq!(enum_variant("add"), "Add");
        assert_eq!(enum_variant("SELF"), "Self_");
        assert_eq!(enum_variant("UNKNOWN"), "UnknownValue");
        assert_eq!(enum_variant("*"), "Value2A");
        assert_eq!(enum_variant("1x"), "V1x");
        assert_eq!(enum_variant("application/json"), "ApplicationJson");
    }

    #[test]
    fn fields_and_types() {
        assert_eq!(field_name("type"), "r#type");
        assert_eq!(field_name("self"), "self_");
        assert_eq!(field_name("cacheClusterEnabled"), "cache_cluster_enabled");
        assert_eq!(field_name("ApiId"), "api_id");
        assert_eq!(field_name("3d"), "_3d");
        assert_eq!(type_name("__string"), "String");
        assert_eq!(type_name("self"), "Self_");
        assert_eq!(type_name("2fa"), "Shape2fa");
        assert!(is_valid_ident("r#type"));
        assert!(!is_valid_ident("9a"));
        assert_eq!(field_name("continue"), "r#continue");
    }

    #[test]
    fn keywords_are_short() {
        assert!(KEYWORDS
            .iter()
            .chain(NOT_RAW)
            .all(|k| (1..=8).contains(&k.len())));
    }

    /// `words` splits as heck 0.5 does, on every kind of name `ascii_words`
    /// can give: case changes, runs of capitals, digits, separators.
    #[test]
    fn words_split_as_heck_does() {
        use heck::{ToSnakeCase, ToUpperCamelCase};
        let mut names: Vec<String> = [
            "",
            "_",
            "__string",
            "a",
            "A",
            "ab",
            "AB",
            "aB",
            "Ab",
            "HTTPServer",
            "apiId",
            "ApiID",
            "v2Beta",
            "V2Beta",
            "V2beta",
            "2fa",
            "X509Cert",
            "s3Key",
            "S3Key",
            "IPv6Address",
            "DEFAULT_4XX",
            "a__b",
            "_lead",
            "trail_",
            "m5dn.24xlarge",
            "application/json",
            "u00e9",
            "IAMRoleARN",
            "GetAPIs",
            "ListV2LoggingLevels",
            "EC2",
            "e2E",
            "E2e",
            "x9Y",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // Every string of up to four characters from a small alphabet.
        let alphabet = ['a', 'b', 'A', 'B', '1', '_', '.'];
        let mut frontier = vec![String::new()];
        for _ in 0..4 {
            frontier = frontier
                .iter()
                .flat_map(|p| alphabet.iter().map(move |c| format!("{p}{c}")))
                .collect();
            names.extend(frontier.iter().cloned());
        }
        for name in &names {
            let w = ascii_words(name);
            assert_eq!(snake_case(&w), w.to_snake_case(), "{name:?}");
            assert_eq!(upper_camel_case(&w), w.to_upper_camel_case(), "{name:?}");
        }
    }
}
