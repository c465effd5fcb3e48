//! The runtime support types of the generated crate: timestamps keep their wire
//! format byte for byte, blobs are base64, documents are any JSON.

use apigw_types::primitives::{
    base64_decode, base64_encode, percent_encode, Blob, Document, EpochSeconds, HttpDate, Iso8601,
    Timestamp,
};

fn iso(s: &str) -> Timestamp<Iso8601> {
    serde_json::from_str(&format!("\"{s}\"")).unwrap_or_else(|e| panic!("{s}: {e}"))
}

#[test]
fn iso8601_round_trips_byte_for_byte() {
    for s in [
        "2020-03-12T10:00:00Z",
        "2020-03-12T10:00:00.5Z",
        "2020-03-12T10:00:00.250Z",
        "2020-03-12T10:00:00.123456789Z",
        "2020-03-12T11:00:00+01:00",
        "2020-03-12T04:30:00-05:30",
        "1969-12-31T23:59:59Z",
        "2000-02-29T00:00:00Z",
        "2100-12-31T23:59:59.000Z",
    ] {
        let t = iso(s);
        assert_eq!(serde_json::to_string(&t).unwrap(), format!("\"{s}\""));
    }
}

#[test]
fn iso8601_values_are_instants() {
    assert_eq!(
        iso("2020-03-12T11:00:00+01:00"),
        iso("2020-03-12T10:00:00Z")
    );
    assert_eq!(iso("1970-01-01T00:00:00Z").secs(), 0);
    assert_eq!(iso("1969-12-31T23:59:59Z").secs(), -1);
    assert_eq!(iso("2000-02-29T12:00:00Z").secs(), 951_825_600);
    assert_eq!(iso("2020-03-12T10:00:00.5Z").subsec_nanos(), 500_000_000);
    assert!(iso("2020-03-12T10:00:00Z") < iso("2020-03-12T10:00:00.001Z"));
}

#[test]
fn iso8601_rejects_malformed_text() {
    for bad in [
        "2020-03-12",
        "2020-13-12T10:00:00Z",
        "2019-02-29T10:00:00Z",
        "2020-03-12T25:00:00Z",
        "2020-03-12T10:00:00",
        "2020-03-12T10:00:00.Z",
        "2020-03-12T10:00:00+0100",
        "20x0-03-12T10:00:00Z",
        "2020-03-12T10:00:00.1234567891Z",
    ] {
        assert!(
            serde_json::from_str::<Timestamp<Iso8601>>(&format!("\"{bad}\"")).is_err(),
            "{bad}"
        );
    }
    assert!(serde_json::from_str::<Timestamp<Iso8601>>("1583990000").is_err());
}

#[test]
fn epoch_seconds_keep_integer_or_fraction() {
    for s in [
        "1583990000",
        "1583990000.5",
        "1583990000.123",
        "-86400",
        "0",
    ] {
        let t: Timestamp<EpochSeconds> = serde_json::from_str(s).unwrap();
        assert_eq!(serde_json::to_string(&t).unwrap(), s);
    }
    let t: Timestamp<EpochSeconds> = serde_json::from_str("1583990000.0").unwrap();
    assert_eq!(serde_json::to_string(&t).unwrap(), "1583990000.0");
    assert_eq!(t, Timestamp::from_secs(1_583_990_000));
    assert!(serde_json::from_str::<Timestamp<EpochSeconds>>("\"2020-03-12T10:00:00Z\"").is_err());
    assert!(serde_json::from_str::<Timestamp<EpochSeconds>>("1e300").is_err());
}

#[test]
fn http_dates_and_format_conversion() {
    let t: Timestamp<HttpDate> = serde_json::from_str("\"Thu, 12 Mar 2020 10:00:00 GMT\"").unwrap();
    assert_eq!(t.secs(), 1_584_007_200);
    assert_eq!(
        serde_json::to_string(&t).unwrap(),
        "\"Thu, 12 Mar 2020 10:00:00 GMT\""
    );
    let as_iso: Timestamp<Iso8601> = t.with_format();
    assert_eq!(
        serde_json::to_string(&as_iso).unwrap(),
        "\"2020-03-12T10:00:00Z\""
    );
    let from_system: Timestamp<EpochSeconds> =
        (std::time::UNIX_EPOCH + std::time::Duration::from_millis(1_500)).into();
    assert_eq!(serde_json::to_string(&from_system).unwrap(), "1.5");
    assert_eq!(
        from_system.to_system_time(),
        std::time::UNIX_EPOCH + std::time::Duration::from_millis(1_500)
    );
}

#[test]
fn blobs_are_base64() {
    for (raw, b64) in [
        ("", ""),
        ("f", "Zg=="),
        ("fo", "Zm8="),
        ("foo", "Zm9v"),
        ("foob", "Zm9vYg=="),
    ] {
        assert_eq!(base64_encode(raw.as_bytes()), b64);
        assert_eq!(base64_decode(b64).unwrap(), raw.as_bytes());
    }
    let bytes: Vec<u8> = (0..=255).collect();
    assert_eq!(base64_decode(&base64_encode(&bytes)).unwrap(), bytes);
    let blob: Blob = serde_json::from_str("\"aGVsbG8=\"").unwrap();
    assert_eq!(blob.as_bytes(), b"hello");
    assert_eq!(serde_json::to_string(&blob).unwrap(), "\"aGVsbG8=\"");
    assert!(serde_json::from_str::<Blob>("\"not base64!\"").is_err());
}

#[test]
fn documents_hold_any_json() {
    let text = r#"{"a":[1,-2,3.5,true,null,"x"],"b":{"c":{}}}"#;
    let doc: Document = serde_json::from_str(text).unwrap();
    assert_eq!(serde_json::to_string(&doc).unwrap(), text);
}

#[test]
fn path_segments_are_percent_encoded() {
    assert_eq!(percent_encode("a b/c~d", false), "a%20b%2Fc~d");
    assert_eq!(percent_encode("a b/c", true), "a%20b/c");
    assert_eq!(percent_encode("é", false), "%C3%A9");
}

#[test]
fn iso8601_fraction_digits_are_bounded_and_exact() {
    assert_eq!(iso("2020-03-12T10:00:00.000000001Z").subsec_nanos(), 1);
    assert_eq!(iso("2020-03-12T10:00:00.5Z").subsec_nanos(), 500_000_000);
    for bad in [
        "2020-03-12T10:00:00.1234567890Z",
        "2020-03-12T10:00:00.Z",
        "2020-03-12T1a:00:00Z",
        "2020-03-12T10:00:00",
    ] {
        assert!(
            serde_json::from_str::<Timestamp<Iso8601>>(&format!("\"{bad}\"")).is_err(),
            "{bad} must be rejected"
        );
    }
}

#[test]
fn from_json_decodes_like_from_slice_and_reports_bad_bytes() {
    use apigw_types::apigatewayv2::GetStagesResponse;
    let body = br#"{"items":[{"stageName":"prod","createdDate":"2023-04-13T00:27:29Z","stageVariables":{"k":"v\u00e9"}}],"nextToken":"t"}"#;
    let fast: GetStagesResponse = apigw_types::from_json(body).unwrap();
    let slow: GetStagesResponse = serde_json::from_slice(body).unwrap();
    assert_eq!(fast, slow);
    assert_eq!(
        apigw_types::to_json(&fast).unwrap(),
        serde_json::to_vec(&slow).unwrap()
    );
    // Not UTF-8: the error is `from_slice`'s, with the position.
    let mut bad = br#"{"nextToken":"ab"}"#.to_vec();
    bad[15] = 0xff;
    let e = apigw_types::from_json::<GetStagesResponse>(&bad).unwrap_err();
    assert!(e.to_string().contains("column"), "{e}");
    assert_eq!(
        e.to_string(),
        serde_json::from_slice::<GetStagesResponse>(&bad)
            .unwrap_err()
            .to_string()
    );
}

/// A required member's builder bit is its position in the structure's list
/// of required members, found by field name; a raw identifier (`r#type`)
/// matches its name without `r#`.
#[test]
fn required_bits_are_positions_in_the_required_list() {
    use shapegen_runtime::required_bit;
    const REQUIRED: &[&str] = &["rest_api_id", "type", "t", "stage_name"];
    assert_eq!(required_bit(REQUIRED, "rest_api_id"), 0);
    assert_eq!(required_bit(REQUIRED, "r#type"), 1);
    assert_eq!(required_bit(REQUIRED, "t"), 2);
    assert_eq!(required_bit(REQUIRED, "stage_name"), 3);
    const { assert!(required_bit(REQUIRED, "type") == 1) };
}
