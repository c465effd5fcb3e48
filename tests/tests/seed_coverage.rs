//! Seed coverage: every operation and every request/response member name that
//! the boto3 changelog pages in `models/seeds/` show must be present in the
//! service models under `models/`.
//!
//! The pages are read as text, the way a person reads them:
//! * non-breaking spaces (U+00A0) are turned into plain spaces;
//! * operations come from the `Name (updated|new) Link ¶` headings, or, on a
//!   page that lost them (004, flattened onto single lines), from the
//!   `client.snake_name(` call of each Request Syntax block;
//! * request members come from the `type NAME:` lines (003 lost the colon),
//!   the Request Syntax block (`name=` arguments and `'key':` dict keys, also
//!   the fragments that survive in 003's garbled blocks) and the nested
//!   `name (type) --` entries of the parameter descriptions;
//! * response members come from the Response Syntax block (`'key':`) and the
//!   `name (type) --` entries of the Response Structure.
//!
//! A request member must be a member of some shape reachable from the
//! operation's input shape, a response member of some shape reachable from its
//! output shape. Models are read with `serde_json::Value` only.
//!
//! What the models carry beyond the pages is listed with its reason:
//! operations in [`FROM_REFERENCE`], exception shapes (and so the operations'
//! `errors` lists) in [`ERRORS_FROM_REFERENCE`].

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Operations the models carry although no seed page shows them, taken whole
/// from the API reference (botocore's model), with the reason:
/// (service, operations, reason). See models/README.md.
const FROM_REFERENCE: &[(&str, &[&str], &str)] = &[
    (
        "apigateway",
        &["GetGatewayResponses"],
        "page 004 announces 5 new api methods but lost the GetGatewayResponses section; \
         the operation is taken from the API reference",
    ),
    (
        "apigateway",
        &[
            "GetBasePathMappings",
            "GetDeployments",
            "GetModels",
            "GetResources",
            "GetUsage",
            "GetUsagePlanKeys",
            "GetVpcLinks",
            "GetAuthorizers",
            "GetDocumentationParts",
            "GetDocumentationVersions",
            "GetRequestValidators",
            "GetSdkTypes",
        ],
        "botocore paginates them (models/paginators/apigateway.json); written with every \
         shape they reach by models/tools/add_operations.py",
    ),
    (
        "apigateway",
        &[
            "CreateResource",
            "PutMethod",
            "PutIntegration",
            "DeleteRestApi",
            "GetResource",
            "DeleteResource",
            "DeleteStage",
            "DeleteDeployment",
        ],
        "an end-to-end test needs them (resource, method, integration; clean-up); written by \
         models/tools/add_operations.py",
    ),
    (
        "apigatewayv2",
        &[
            "GetApis",
            "GetAuthorizers",
            "GetDeployments",
            "GetDomainNames",
            "GetIntegrationResponses",
            "GetModels",
            "GetRouteResponses",
            "GetRoutes",
            "ListRoutingRules",
            "ListPortalProducts",
            "ListPortals",
            "ListProductPages",
            "ListProductRestEndpointPages",
        ],
        "botocore paginates them (models/paginators/apigatewayv2.json); written with every \
         shape they reach by models/tools/add_operations.py",
    ),
    (
        "apigatewayv2",
        &["CreateApi", "DeleteApi", "GetApi", "DeleteStage"],
        "an end-to-end test needs them (an API to put stages on; clean-up); written by \
         models/tools/add_operations.py",
    ),
];

/// Error shapes the models carry although no seed page shows them: the pages
/// (boto3 changelogs) list request and response members only, never an
/// operation's errors. The exception shapes and every operation's `errors`
/// list are taken whole from the API reference (botocore's model, written by
/// `models/tools/add_errors.py`, see models/README.md). The test checks that
/// the models' exception shapes are exactly these and that `errors` name
/// nothing else: (service, shapes, reason).
const ERRORS_FROM_REFERENCE: &[(&str, &[&str], &str)] = &[
    (
        "apigateway",
        &[
            "BadRequestException",
            "ConflictException",
            "LimitExceededException",
            "NotFoundException",
            "ServiceUnavailableException",
            "TooManyRequestsException",
            "UnauthorizedException",
        ],
        "no page shows errors; botocore's exceptions for the 53 operations",
    ),
    (
        "apigatewayv2",
        &[
            "AccessDeniedException",
            "BadRequestException",
            "ConflictException",
            "NotFoundException",
            "TooManyRequestsException",
        ],
        "no page shows errors; botocore's exceptions for the 27 operations \
         (AccessDeniedException only by the four portal operations from the API reference, \
         ListPortalProducts, ListPortals, ListProductPages, ListProductRestEndpointPages)",
    ),
];

/// (service, operation, member) names a page shows that the models deliberately
/// do not carry, with the reason. Empty: every name shown is modelled.
const EXCEPTIONS: &[(&str, &str, &str, &str)] = &[];

/// Number of distinct operations the pages show, per service.
const SEED_OPERATION_COUNTS: &[(&str, usize)] = &[("apigateway", 32), ("apigatewayv2", 10)];

const TYPE_WORDS: &[&str] = &[
    "string",
    "dict",
    "list",
    "boolean",
    "integer",
    "float",
    "datetime",
    "bytes",
    "bytes or seekable file-like object",
];

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests crate sits inside the workspace")
        .to_path_buf()
}

fn seeds_dir() -> PathBuf {
    workspace_root().join("models").join("seeds")
}

#[derive(Default, Debug)]
struct SeedOp {
    request: BTreeSet<String>,
    response: BTreeSet<String>,
}

#[derive(Debug)]
struct SeedPage {
    file: String,
    service: &'static str,
    date: String,
    ops: BTreeMap<String, SeedOp>,
}

fn is_ident(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn snake_to_camel(s: &str) -> String {
    s.split('_')
        .map(|p| {
            let mut c = p.chars();
            match c.next() {
                Some(f) => f.to_ascii_uppercase().to_string() + c.as_str(),
                None => String::new(),
            }
        })
        .collect()
}

/// `2017/07/13 - Amazon API Gateway - 5 new api methods` -> (date, service)
fn header(lines: &[&str], file: &str) -> (String, &'static str) {
    for line in lines.iter().take(5) {
        let parts: Vec<&str> = line.splitn(3, " - ").collect();
        if parts.len() == 3 && parts[0].len() == 10 && parts[0].as_bytes()[4] == b'/' {
            let service = match parts[1].trim() {
                "Amazon API Gateway" => "apigateway",
                "AmazonApiGatewayV2" => "apigatewayv2",
                other => panic!("{file}: unknown service {other:?} in the page header"),
            };
            return (parts[0].replace('/', "-"), service);
        }
    }
    panic!("{file}: no `YYYY/MM/DD - Service - ...` header line");
}

/// `CreateStage (updated) Link ¶` -> `CreateStage`
fn heading(line: &str) -> Option<String> {
    let t = line.trim_end();
    if !t.ends_with("Link ¶") {
        return None;
    }
    let (name, rest) = t.split_once(' ')?;
    let rest = rest.trim_start();
    if is_ident(name) && (rest.starts_with("(updated)") || rest.starts_with("(new)")) {
        Some(name.to_string())
    } else {
        None
    }
}

/// `client.get_gateway_response( ...` -> `GetGatewayResponse`
fn client_call(line: &str) -> Option<String> {
    let rest = line.trim_start().strip_prefix("client.")?;
    let end = rest.find('(')?;
    let name = &rest[..end];
    is_ident(name).then(|| snake_to_camel(name))
}

/// `name (type) --` or `• name (type) --`, indented or not -> `name`.
fn bullet_name(line: &str) -> Option<String> {
    let t = line.trim_start();
    let t = t.strip_prefix('•').map(str::trim_start).unwrap_or(t);
    let (name, rest) = t.split_once(' ')?;
    let rest = rest.strip_prefix('(')?;
    let (ty, rest) = rest.split_once(')')?;
    if is_ident(name)
        && !ty.is_empty()
        && ty.chars().all(|c| c.is_ascii_lowercase() || c == ' ')
        && rest.trim_start().starts_with("--")
    {
        Some(name.to_string())
    } else {
        None
    }
}

/// Names in a boto3 syntax block: `name=` arguments and `'key':` dict keys
/// (the map placeholder key `'string'` is not a name).
fn syntax_names(text: &str, out: &mut BTreeSet<String>) {
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\'' {
            let start = i + 1;
            let mut j = start;
            while j < chars.len() && chars[j] != '\'' {
                j += 1;
            }
            let s: String = chars[start..j.min(chars.len())].iter().collect();
            let mut k = j + 1;
            while k < chars.len() && chars[k] == ' ' {
                k += 1;
            }
            if k < chars.len() && chars[k] == ':' && s != "string" && is_ident(&s) {
                out.insert(s);
            }
            i = j + 1;
        } else if c.is_ascii_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len()
                && (chars[i].is_ascii_alphanumeric() || chars[i] == '_' || chars[i] == '.')
            {
                i += 1;
            }
            let s: String = chars[start..i].iter().collect();
            if i < chars.len() && chars[i] == '=' && is_ident(&s) {
                out.insert(s);
            }
        } else {
            i += 1;
        }
    }
}

fn parse_op(lines: &[&str], op: &mut SeedOp) {
    let resp_at = lines
        .iter()
        .position(|l| l.trim() == "Response Syntax")
        .unwrap_or(lines.len());
    let (req, resp) = lines.split_at(resp_at);
    // request
    let mut in_syntax = false;
    for line in req {
        let t = line.trim();
        if t == "Request Syntax" {
            in_syntax = true;
            continue;
        }
        if let Some(rest) = t.strip_prefix("type ") {
            in_syntax = false;
            let name = rest.trim_end_matches(':').trim();
            if is_ident(name) {
                op.request.insert(name.to_string());
            }
            continue;
        }
        if in_syntax {
            if TYPE_WORDS.contains(&t) || t == "rtype:" || t == "returns:" {
                in_syntax = false; // 004: the parameter blocks begin with a bare type word
            } else {
                syntax_names(line, &mut op.request);
                continue;
            }
        }
        if let Some(name) = bullet_name(line) {
            op.request.insert(name);
        }
    }
    // response
    let mut in_syntax = false;
    for line in resp {
        let t = line.trim();
        if t == "Response Syntax" {
            in_syntax = true;
            continue;
        }
        if t == "Response Structure" {
            in_syntax = false;
            continue;
        }
        if in_syntax {
            syntax_names(line, &mut op.response);
        } else if let Some(name) = bullet_name(line) {
            op.response.insert(name);
        }
    }
}

fn parse_page(path: &Path) -> SeedPage {
    let file = path.file_name().unwrap().to_string_lossy().to_string();
    let raw = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let text = raw.replace('\u{a0}', " ");
    let lines: Vec<&str> = text.lines().collect();
    let (date, service) = header(&lines, &file);

    // (operation, first line) of every section
    let mut starts: Vec<(String, usize)> = lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| heading(l).map(|n| (n, i)))
        .collect();
    if starts.is_empty() {
        // Flattened page: no headings; a section starts at its "Request Syntax"
        // line and is named by the client call that follows it.
        for (i, l) in lines.iter().enumerate() {
            if let Some(name) = client_call(l) {
                let start = if i > 0 && lines[i - 1].trim() == "Request Syntax" {
                    i - 1
                } else {
                    i
                };
                starts.push((name, start));
            }
        }
    } else {
        // Cross-check the headings against the client calls where they survive.
        for (i, l) in lines.iter().enumerate() {
            if let Some(call) = client_call(l) {
                let owner = starts
                    .iter()
                    .rev()
                    .find(|(_, s)| *s <= i)
                    .map(|(n, _)| n.clone());
                assert_eq!(
                    owner.as_deref(),
                    Some(call.as_str()),
                    "{file}: client call under another heading"
                );
            }
        }
    }
    assert!(!starts.is_empty(), "{file}: found no operation");
    let mut ops: BTreeMap<String, SeedOp> = BTreeMap::new();
    for (n, (name, start)) in starts.iter().enumerate() {
        let end = starts.get(n + 1).map(|s| s.1).unwrap_or(lines.len());
        let op = ops.entry(name.clone()).or_default();
        parse_op(&lines[*start..end], op);
    }
    SeedPage {
        file,
        service,
        date,
        ops,
    }
}

fn load_pages() -> Vec<SeedPage> {
    let dir = seeds_dir();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read the seed pages at {}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no seed pages in {}", dir.display());
    paths.iter().map(|p| parse_page(p)).collect()
}

fn load_model(service: &str) -> Value {
    let path = workspace_root()
        .join("models")
        .join(format!("{service}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Member names of every structure reachable from `shape`.
fn reachable_members(model: &Value, shape: &str) -> BTreeSet<String> {
    let shapes = &model["shapes"];
    let mut seen = BTreeSet::new();
    let mut names = BTreeSet::new();
    let mut todo = vec![shape.to_string()];
    while let Some(s) = todo.pop() {
        if !seen.insert(s.clone()) {
            continue;
        }
        let sh = &shapes[&s];
        if sh.is_null() {
            continue; // dangling reference: reported by the caller's lookups
        }
        if let Some(members) = sh["members"].as_object() {
            for (name, r) in members {
                names.insert(name.clone());
                if let Some(t) = r["shape"].as_str() {
                    todo.push(t.to_string());
                }
            }
        }
        for k in ["member", "key", "value"] {
            if let Some(t) = sh[k]["shape"].as_str() {
                todo.push(t.to_string());
            }
        }
    }
    names
}

fn is_exception(service: &str, op: &str, member: &str) -> bool {
    EXCEPTIONS
        .iter()
        .any(|(s, o, m, _)| *s == service && *o == op && *m == member)
}

#[test]
fn seed_pages_are_covered_by_the_models() {
    let pages = load_pages();
    let mut missing: Vec<String> = Vec::new();
    let mut seed_ops: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    let mut models: BTreeMap<&str, Value> = BTreeMap::new();

    for page in &pages {
        let model = models
            .entry(page.service)
            .or_insert_with(|| load_model(page.service));
        let ops = &model["operations"];
        for (name, shown) in &page.ops {
            seed_ops
                .entry(page.service)
                .or_default()
                .insert(name.clone());
            let where_ = format!("{} ({}, {})", page.file, page.service, page.date);
            let op = &ops[name];
            if op.is_null() {
                missing.push(format!(
                    "{where_}: operation {name} is not in models/{}.json",
                    page.service
                ));
                continue;
            }
            let input = op["input"]["shape"].as_str().unwrap_or("");
            let have_in = reachable_members(model, input);
            for m in &shown.request {
                if !have_in.contains(m) && !is_exception(page.service, name, m) {
                    missing.push(format!(
                        "{where_}: {name} request member `{m}` is not reachable from {input}"
                    ));
                }
            }
            if shown.response.is_empty() {
                continue;
            }
            match op["output"]["shape"].as_str() {
                None => missing.push(format!(
                    "{where_}: {name} shows a response ({} members) but the model has no output",
                    shown.response.len()
                )),
                Some(output) => {
                    let have_out = reachable_members(model, output);
                    for m in &shown.response {
                        if !have_out.contains(m) && !is_exception(page.service, name, m) {
                            missing.push(format!("{where_}: {name} response member `{m}` is not reachable from {output}"));
                        }
                    }
                }
            }
        }
    }

    // Operation counts, and no operation beyond the pages and FROM_REFERENCE.
    for (service, want) in SEED_OPERATION_COUNTS {
        let got = seed_ops.get(service).map(|s| s.len()).unwrap_or(0);
        if got != *want {
            missing.push(format!(
                "the pages show {got} {service} operations, expected {want}: {:?}",
                seed_ops.get(service)
            ));
        }
        let model = models
            .entry(*service)
            .or_insert_with(|| load_model(service));
        let in_model: BTreeSet<String> = model["operations"]
            .as_object()
            .map(|o| o.keys().cloned().collect())
            .unwrap_or_default();
        let mut expected: BTreeSet<String> = seed_ops.get(service).cloned().unwrap_or_default();
        for (s, ops, _) in FROM_REFERENCE {
            if s == service {
                for op in *ops {
                    if !expected.insert(op.to_string()) {
                        missing.push(format!(
                            "{service} {op} is listed in FROM_REFERENCE twice, or a page shows it too"
                        ));
                    }
                }
            }
        }
        for op in in_model.difference(&expected) {
            missing.push(format!("models/{service}.json has operation {op}, which no page shows and FROM_REFERENCE does not list"));
        }
        for op in expected.difference(&in_model) {
            missing.push(format!("models/{service}.json lacks operation {op}"));
        }
        let want_model = want
            + FROM_REFERENCE
                .iter()
                .filter(|(s, _, _)| s == service)
                .map(|(_, ops, _)| ops.len())
                .sum::<usize>();
        if in_model.len() != want_model {
            missing.push(format!(
                "models/{service}.json has {} operations, expected {want_model}",
                in_model.len()
            ));
        }
    }

    // Error shapes: no page shows any; the models carry exactly the ones
    // ERRORS_FROM_REFERENCE lists, and `errors` lists name only those.
    for (service, listed, _) in ERRORS_FROM_REFERENCE {
        let model = models
            .entry(*service)
            .or_insert_with(|| load_model(service));
        let listed: BTreeSet<&str> = listed.iter().copied().collect();
        let exceptions: BTreeSet<&str> = model["shapes"]
            .as_object()
            .map(|o| {
                o.iter()
                    .filter(|(_, s)| s["exception"] == Value::Bool(true) || !s["error"].is_null())
                    .map(|(k, _)| k.as_str())
                    .collect()
            })
            .unwrap_or_default();
        for s in exceptions.difference(&listed) {
            missing.push(format!("models/{service}.json has exception shape {s}, which no page shows and ERRORS_FROM_REFERENCE does not list"));
        }
        for s in listed.difference(&exceptions) {
            missing.push(format!(
                "models/{service}.json lacks exception shape {s} (listed in ERRORS_FROM_REFERENCE)"
            ));
        }
        if let Some(ops) = model["operations"].as_object() {
            for (op, o) in ops {
                for e in o["errors"].as_array().into_iter().flatten() {
                    let shape = e["shape"].as_str().unwrap_or("");
                    if !exceptions.contains(shape) {
                        missing.push(format!("models/{service}.json: {op} lists error {shape}, which is not one of its exception shapes"));
                    }
                }
            }
        }
    }

    assert!(
        missing.is_empty(),
        "the models do not cover the seed pages ({} problems):\n  - {}\n",
        missing.len(),
        missing.join("\n  - ")
    );
}

/// The extraction itself must see what the pages show; guards the parser
/// against silently reading nothing (e.g. a page format change).
#[test]
fn seed_extraction_sees_the_pages() {
    let pages = load_pages();
    let by_file: BTreeMap<&str, &SeedPage> = pages.iter().map(|p| (&p.file[..3], p)).collect();
    let expect = [
        ("000", "apigateway", "2015-11-10", 6),
        ("001", "apigateway", "2019-05-22", 22),
        ("002", "apigatewayv2", "2020-03-12", 10),
        ("003", "apigateway", "2017-11-29", 5),
        ("004", "apigateway", "2017-07-13", 4),
    ];
    for (id, service, date, n) in expect {
        let p = by_file
            .get(id)
            .unwrap_or_else(|| panic!("seed page {id} missing"));
        assert_eq!(
            (p.service, p.date.as_str(), p.ops.len()),
            (service, date, n),
            "page {}",
            p.file
        );
        for (name, op) in &p.ops {
            assert!(
                !op.request.is_empty(),
                "page {}: {name} shows no request member",
                p.file
            );
        }
    }
    // Spot checks across the damaged pages.
    let p003 = by_file["003"];
    let stage = &p003.ops["CreateStage"];
    for m in [
        "restApiId",
        "documentationVersion",
        "canarySettings",
        "percentTraffic",
        "useStageCache",
    ] {
        assert!(
            stage.request.contains(m),
            "003 CreateStage request lacks {m}: {:?}",
            stage.request
        );
    }
    for m in [
        "accessLogSettings",
        "unauthorizedCacheControlHeaderStrategy",
        "cacheClusterStatus",
        "destinationArn",
    ] {
        assert!(
            stage.response.contains(m),
            "003 CreateStage response lacks {m}"
        );
    }
    let p004 = by_file["004"];
    let upd = &p004.ops["UpdateGatewayResponse"];
    for m in [
        "restApiId",
        "responseType",
        "patchOperations",
        "op",
        "path",
        "value",
        "from",
    ] {
        assert!(
            upd.request.contains(m),
            "004 UpdateGatewayResponse request lacks {m}: {:?}",
            upd.request
        );
    }
    for m in [
        "responseType",
        "statusCode",
        "responseParameters",
        "responseTemplates",
        "defaultResponse",
    ] {
        assert!(
            upd.response.contains(m),
            "004 UpdateGatewayResponse response lacks {m}"
        );
    }
    assert!(p004.ops["DeleteGatewayResponse"].response.is_empty());
    let p002 = by_file["002"];
    assert!(p002.ops["GetStages"].response.contains("LoggingLevel"));
    assert!(p002.ops["CreateIntegration"]
        .request
        .contains("ServerNameToVerify"));
}
