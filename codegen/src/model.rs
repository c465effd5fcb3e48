//! Typed view of botocore's `service-2.json` format.
//!
//! Policy for fields: every field the generator reads is typed here. Fields that
//! botocore models carry but the generator does not use (validation limits such as
//! `min`/`max`/`pattern`, XML and query details, endpoint and checksum traits) are
//! *ignored on purpose*: botocore adds new traits over time and a generator that
//! rejected them would break on the next botocore release. The loader lists
//! them nowhere and they never reach the generated code; `tests/` has a test that
//! pins this behaviour down.

use indexmap::IndexMap;
use serde::Deserialize;
use std::collections::BTreeMap;

/// A whole service model: one `service-2.json` file.
#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct Model {
    #[serde(default)]
    pub version: Option<String>,
    pub metadata: Metadata,
    #[serde(default)]
    pub operations: BTreeMap<String, Operation>,
    #[serde(default)]
    pub shapes: BTreeMap<String, Shape>,
    #[serde(default)]
    pub documentation: Option<String>,
    /// botocore's `paginators-1.json` beside the model (`pagination`), by
    /// operation; read separately (see [`crate::load::parse_paginators`]).
    #[serde(skip)]
    pub paginators: BTreeMap<String, Paginator>,
}

/// One operation's entry of botocore's `paginators-1.json`. Each key is a
/// member name; botocore also allows a list of names or a JMESPath
/// expression (`a.b`, `a || b`), kept here as written.
#[derive(Debug, Clone, Deserialize, PartialEq, Default)]
pub struct Paginator {
    #[serde(default)]
    pub input_token: OneOrMany,
    #[serde(default)]
    pub output_token: OneOrMany,
    #[serde(default)]
    pub limit_key: Option<String>,
    #[serde(default)]
    pub result_key: OneOrMany,
    #[serde(default)]
    pub more_results: Option<String>,
}

/// A key given as one string or a list of them.
#[derive(Debug, Clone, Deserialize, PartialEq, Default)]
#[serde(untagged)]
pub enum OneOrMany {
    #[default]
    None,
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    /// The key when it is exactly one plain member name.
    pub fn single(&self) -> Option<&str> {
        match self {
            OneOrMany::One(s) if is_member_name(s) => Some(s),
            OneOrMany::Many(v) if v.len() == 1 && is_member_name(&v[0]) => Some(&v[0]),
            _ => None,
        }
    }
}

fn is_member_name(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

#[derive(Debug, Clone, Deserialize, PartialEq, Default)]
#[serde(rename_all = "camelCase")]
pub struct Metadata {
    #[serde(default)]
    pub api_version: Option<String>,
    #[serde(default)]
    pub endpoint_prefix: Option<String>,
    #[serde(default)]
    pub protocol: Option<String>,
    #[serde(default)]
    pub protocols: Option<Vec<String>>,
    #[serde(default)]
    pub json_version: Option<String>,
    #[serde(default)]
    pub service_full_name: Option<String>,
    #[serde(default)]
    pub service_abbreviation: Option<String>,
    #[serde(default)]
    pub service_id: Option<String>,
    #[serde(default)]
    pub signature_version: Option<String>,
    #[serde(default)]
    pub signing_name: Option<String>,
    #[serde(default)]
    pub target_prefix: Option<String>,
    #[serde(default)]
    pub uid: Option<String>,
    #[serde(default)]
    pub timestamp_format: Option<String>,
    /// `awsQueryCompatible` (an empty object when set): a `json` service
    /// that used to speak `query` and keeps its error codes.
    #[serde(default)]
    pub aws_query_compatible: Option<serde_json::Value>,
}

impl Metadata {
    /// The protocol the generated code speaks: the first of `protocols` that
    /// shapegen implements (`json`, `rest-json`), else `protocol`, else the
    /// first of `protocols`; empty when the model names none. botocore picks
    /// from `protocols` as well: CloudWatch says `protocol:
    /// smithy-rpc-v2-cbor` and lists `json` and `query` too.
    pub fn effective_protocol(&self) -> &str {
        let listed = self.protocols.iter().flatten().map(String::as_str);
        listed
            .clone()
            .find(|p| matches!(*p, "json" | "rest-json"))
            .or(self.protocol.as_deref())
            .or(listed.clone().next())
            .unwrap_or("")
    }
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Operation {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub http: Option<Http>,
    #[serde(default)]
    pub input: Option<ShapeRef>,
    #[serde(default)]
    pub output: Option<ShapeRef>,
    #[serde(default)]
    pub errors: Vec<ShapeRef>,
    #[serde(default)]
    pub documentation: Option<String>,
    #[serde(default)]
    pub deprecated: bool,
    #[serde(default)]
    pub deprecated_message: Option<String>,
    #[serde(default)]
    pub idempotent: bool,
    /// `endpoint.hostPrefix`: labels prepended to the endpoint's host.
    #[serde(default)]
    pub endpoint: Option<OperationEndpoint>,
    /// `httpChecksumRequired`: the request must carry a checksum of its body.
    #[serde(default)]
    pub http_checksum_required: bool,
    /// `httpChecksum`: the request's checksum (S3's flexible checksums).
    #[serde(default)]
    pub http_checksum: Option<HttpChecksum>,
}

#[derive(Debug, Clone, Deserialize, PartialEq, Default)]
#[serde(rename_all = "camelCase")]
pub struct HttpChecksum {
    /// The request must carry a checksum of its body.
    #[serde(default)]
    pub request_checksum_required: bool,
    /// The input member that names the algorithm (`ChecksumAlgorithm`).
    #[serde(default)]
    pub request_algorithm_member: Option<String>,
}

#[derive(Debug, Clone, Deserialize, PartialEq, Default)]
#[serde(rename_all = "camelCase")]
pub struct OperationEndpoint {
    #[serde(default)]
    pub host_prefix: Option<String>,
}

#[derive(Debug, Clone, Deserialize, PartialEq, Default)]
#[serde(rename_all = "camelCase")]
pub struct Http {
    #[serde(default)]
    pub method: Option<String>,
    #[serde(default)]
    pub request_uri: Option<String>,
    #[serde(default)]
    pub response_code: Option<u16>,
}

/// A reference to a shape, as used by operation inputs/outputs/errors and by
/// structure members, list members and map keys/values. Member-level traits
/// live here because botocore puts them on the reference, not the target.
#[derive(Debug, Clone, Deserialize, PartialEq, Default)]
#[serde(rename_all = "camelCase")]
pub struct ShapeRef {
    pub shape: String,
    #[serde(default)]
    pub location: Option<String>,
    #[serde(default)]
    pub location_name: Option<String>,
    #[serde(default)]
    pub documentation: Option<String>,
    #[serde(default)]
    pub deprecated: bool,
    #[serde(default)]
    pub deprecated_message: Option<String>,
    #[serde(default)]
    pub idempotency_token: bool,
    #[serde(default)]
    pub jsonvalue: bool,
    #[serde(default)]
    pub timestamp_format: Option<String>,
    #[serde(default, rename = "box")]
    pub boxed: bool,
    #[serde(default)]
    pub streaming: bool,
    #[serde(default)]
    pub eventpayload: bool,
    #[serde(default)]
    pub host_label: bool,
    /// `queryName`: the `ec2` protocol's query key for the member.
    #[serde(default)]
    pub query_name: Option<String>,
    /// `flattened` on the reference (as on the shape).
    #[serde(default)]
    pub flattened: bool,
    /// `xmlAttribute`: the member is an attribute of its structure's element.
    #[serde(default)]
    pub xml_attribute: bool,
    /// `xmlNamespace`: a URI, or `{"prefix", "uri"}`.
    #[serde(default)]
    pub xml_namespace: Option<serde_json::Value>,
    /// `resultWrapper` of an operation's output (`query`).
    #[serde(default)]
    pub result_wrapper: Option<String>,
}

#[derive(Debug, Clone, Deserialize, PartialEq, Default)]
#[serde(rename_all = "camelCase")]
pub struct Shape {
    /// `structure`, `list`, `map`, `string`, `integer`, `long`, `boolean`,
    /// `double`, `float`, `timestamp`, `blob`, `bigdecimal`, `biginteger`, `byte`, `short`.
    /// Kept as a string so an unknown type is a validation error with a path,
    /// not a serde failure.
    #[serde(rename = "type")]
    pub shape_type: String,
    #[serde(default)]
    pub members: IndexMap<String, ShapeRef>,
    #[serde(default)]
    pub required: Vec<String>,
    #[serde(default)]
    pub member: Option<ShapeRef>,
    #[serde(default)]
    pub key: Option<ShapeRef>,
    #[serde(default)]
    pub value: Option<ShapeRef>,
    #[serde(default, rename = "enum")]
    pub enum_values: Option<Vec<String>>,
    #[serde(default)]
    pub documentation: Option<String>,
    #[serde(default)]
    pub payload: Option<String>,
    #[serde(default)]
    pub exception: bool,
    #[serde(default)]
    pub fault: bool,
    #[serde(default)]
    pub error: Option<ErrorTrait>,
    #[serde(default)]
    pub sensitive: bool,
    #[serde(default)]
    pub union: bool,
    #[serde(default)]
    pub document: bool,
    #[serde(default)]
    pub eventstream: bool,
    #[serde(default)]
    pub event: bool,
    #[serde(default)]
    pub streaming: bool,
    #[serde(default)]
    pub deprecated: bool,
    #[serde(default)]
    pub deprecated_message: Option<String>,
    #[serde(default)]
    pub timestamp_format: Option<String>,
    #[serde(default, rename = "box")]
    pub boxed: bool,
    #[serde(default)]
    pub requires_length: bool,
    /// `flattened`: the XML and query protocols write a list's items (a map's
    /// entries) without the wrapping element (`member`, `entry`).
    #[serde(default)]
    pub flattened: bool,
    /// `locationName` of the shape itself (an XML element name).
    #[serde(default)]
    pub location_name: Option<String>,
    /// `xmlNamespace` of the shape itself.
    #[serde(default)]
    pub xml_namespace: Option<serde_json::Value>,
}

#[derive(Debug, Clone, Deserialize, PartialEq, Default)]
#[serde(rename_all = "camelCase")]
pub struct ErrorTrait {
    #[serde(default)]
    pub code: Option<String>,
    #[serde(default)]
    pub http_status_code: Option<u16>,
    #[serde(default)]
    pub sender_fault: bool,
}

/// The shape types the generator understands.
pub const SHAPE_TYPES: &[&str] = &[
    "structure",
    "list",
    "map",
    "string",
    "integer",
    "long",
    "short",
    "byte",
    "boolean",
    "double",
    "float",
    "bigdecimal",
    "biginteger",
    "timestamp",
    "blob",
];

/// Member locations of the REST protocols.
pub const LOCATIONS: &[&str] = &["uri", "querystring", "header", "headers", "statusCode"];

/// Timestamp formats botocore uses.
pub const TIMESTAMP_FORMATS: &[&str] = &["iso8601", "unixTimestamp", "rfc822"];
