//! Unions on the wire, through the code shapegen generates for a small model
//! (`tests/fixtures/unions/unions.json`, generated into `unions.rs` beside it
//! in the single-file layout; `regen.rs` fails when that file is stale).
//! Smithy's rules for JSON unions: exactly one member is set, members that are
//! `null` and `__type` are ignored, and a member this crate does not know (the
//! service is newer than the model) decodes as the catch-all variant instead
//! of failing the whole response; that variant cannot be sent.

#[allow(dead_code)]
#[path = "../fixtures/unions/unions.rs"]
#[rustfmt::skip]
mod unions;

use unions::{Clash, Credentials, Filter, Mode, Query};

fn decode<T: serde::de::DeserializeOwned>(json: &str) -> T {
    serde_json::from_str(json).unwrap_or_else(|e| panic!("{json}: {e}"))
}

fn error<T: serde::de::DeserializeOwned + std::fmt::Debug>(json: &str) -> String {
    serde_json::from_str::<T>(json)
        .map(|v| panic!("{json} decoded as {v:?}"))
        .unwrap_err()
        .to_string()
}

#[test]
fn each_member_decodes_as_its_variant_and_encodes_back() {
    let cases: Vec<(&str, Filter)> = vec![
        (r#"{"name":"a"}"#, Filter::Name("a".into())),
        (r#"{"count":3}"#, Filter::Count(3)),
        (
            r#"{"tags":["x","y"]}"#,
            Filter::Tags(vec!["x".into(), "y".into()]),
        ),
        (
            r#"{"labels":{"k":"v"}}"#,
            Filter::Labels([("k".to_string(), "v".to_string())].into()),
        ),
        (r#"{"mode":"prefix"}"#, Filter::Mode(Mode::Prefix)),
        (
            r#"{"not":{"name":"a"}}"#,
            Filter::Not(Box::new(Filter::Name("a".into()))),
        ),
        (r#"{"Renamed-On-Wire":"r"}"#, Filter::Renamed("r".into())),
    ];
    for (json, expected) in cases {
        let decoded: Filter = decode(json);
        assert_eq!(decoded, expected, "{json}");
        assert_eq!(serde_json::to_string(&decoded).unwrap(), json);
    }
    // Timestamps keep their wire text.
    let since: Filter = decode(r#"{"since":"2020-03-12T10:00:00.250Z"}"#);
    assert!(matches!(since, Filter::Since(_)), "{since:?}");
    assert_eq!(
        serde_json::to_string(&since).unwrap(),
        r#"{"since":"2020-03-12T10:00:00.250Z"}"#
    );
}

#[test]
fn null_members_and_type_are_ignored() {
    let f: Filter = decode(r#"{"name":null,"__type":"com.example#Filter","count":2,"tags":null}"#);
    assert_eq!(f, Filter::Count(2));
    let f: Filter = decode(r#"{"future":null,"name":"a"}"#);
    assert_eq!(f, Filter::Name("a".into()));
}

#[test]
fn an_unknown_member_is_the_catch_all_and_the_response_still_decodes() {
    let f: Filter = decode(r#"{"newFilter":{"deep":[1,{"x":null}],"s":"\u0041"}}"#);
    assert_eq!(f, Filter::Unknown);
    let q: Query = decode(
        r#"{"filter":{"nextYearsFilter":"x"},"credentials":{"token":"t"},"clash":{"known":"k"}}"#,
    );
    assert_eq!(q.filter, Filter::Unknown);
    assert_eq!(q.credentials, Some(Credentials::Token("t".into())));
    assert_eq!(q.clash, Some(Clash::Known("k".into())));
    // It cannot be sent back: serializing it is an error, not a `{}`.
    let err = serde_json::to_string(&Filter::Unknown).unwrap_err();
    assert!(err.to_string().contains("Unknown"), "{err}");
}

#[test]
fn a_member_named_unknown_keeps_its_name_and_the_catch_all_moves_aside() {
    assert_eq!(
        decode::<Clash>(r#"{"Unknown":"u"}"#),
        Clash::Unknown("u".into())
    );
    assert_eq!(decode::<Clash>(r#"{"later":1}"#), Clash::UnknownMember);
}

#[test]
fn zero_or_several_members_set_is_an_error() {
    let e = error::<Filter>("{}");
    assert!(e.starts_with("no member of the union Filter is set"), "{e}");
    let e = error::<Filter>(r#"{"name":null}"#);
    assert!(e.starts_with("no member of the union Filter is set"), "{e}");
    let e = error::<Filter>(r#"{"name":"a","count":1}"#);
    assert!(
        e.starts_with("more than one member of the union Filter is set"),
        "{e}"
    );
    let e = error::<Filter>(r#"{"name":"a","future":1}"#);
    assert!(
        e.starts_with("more than one member of the union Filter is set"),
        "{e}"
    );
    let e = error::<Filter>(r#"["name"]"#);
    assert!(
        e.starts_with("invalid type: sequence, expected union Filter"),
        "{e}"
    );
    let e = error::<Filter>(r#"{"count":"three"}"#);
    assert!(e.starts_with("invalid type: string \"three\""), "{e}");
}

#[test]
fn sensitive_unions_hide_their_value_in_debug() {
    let shown = format!("{:?}", Credentials::Password("hunter2".into()));
    assert_eq!(shown, r#"Password("*** Sensitive Data Redacted ***")"#);
    assert_eq!(format!("{:?}", Credentials::Unknown), "Unknown");
    assert_eq!(format!("{:?}", Filter::Name("a".into())), r#"Name("a")"#);
}
