//! Writes `data/apigatewayv2_get_stages_200.json`: a realistic, deterministic
//! API Gateway V2 `GetStages` response body (200 stages, camelCase keys,
//! ISO 8601 timestamps) for the decode benchmark.
//!
//! Run: `cargo run --manifest-path bench/Cargo.toml --bin gen_data`
//! The output is committed; re-running it reproduces the same bytes.

use serde_json::{json, Map, Value};
use std::path::PathBuf;

const STAGES: usize = 200;

/// Small deterministic PRNG (SplitMix64) so the file is reproducible without `rand`.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

/// Days since 1970-01-01 to (year, month, day), proleptic Gregorian.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// ISO 8601 / RFC 3339 in UTC, as API Gateway V2 returns it; some with milliseconds.
fn iso8601(epoch_secs: i64, millis: Option<u32>) -> String {
    let (y, mo, d) = civil_from_days(epoch_secs.div_euclid(86_400));
    let s = epoch_secs.rem_euclid(86_400);
    let (h, mi, se) = (s / 3600, (s / 60) % 60, s % 60);
    match millis {
        Some(ms) => format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{se:02}.{ms:03}Z"),
        None => format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{se:02}Z"),
    }
}

const ROUTES: &[&str] = &[
    "GET /pets",
    "POST /pets",
    "GET /pets/{petId}",
    "PUT /pets/{petId}",
    "DELETE /pets/{petId}",
    "GET /orders",
    "POST /orders",
    "GET /orders/{orderId}",
    "PATCH /orders/{orderId}",
    "GET /users/{userId}/profile",
    "ANY /admin/{proxy+}",
    "$connect",
    "$disconnect",
    "$default",
    "sendMessage",
];
const LEVELS: &[&str] = &["ERROR", "INFO", "OFF"];
const TEAMS: &[&str] = &["payments", "catalog", "identity", "search", "platform"];
const ENVS: &[&str] = &["dev", "test", "staging", "prod"];

fn route_settings(rng: &mut Rng) -> Value {
    let mut m = Map::new();
    m.insert("dataTraceEnabled".into(), json!(rng.chance(30)));
    m.insert("detailedMetricsEnabled".into(), json!(rng.chance(60)));
    if rng.chance(80) {
        m.insert("loggingLevel".into(), json!(rng.pick(LEVELS)));
    }
    m.insert(
        "throttlingBurstLimit".into(),
        json!(100 * (1 + rng.below(50))),
    );
    m.insert(
        "throttlingRateLimit".into(),
        json!((50 * (1 + rng.below(200))) as f64 + [0.0, 0.5, 0.25][rng.below(3) as usize]),
    );
    Value::Object(m)
}

fn stage(i: usize, rng: &mut Rng) -> Value {
    let env = ENVS[i % ENVS.len()];
    let name = format!("{env}-{i:03}");
    let created = 1_672_531_200 + rng.below(40_000_000) as i64;
    let updated = created + rng.below(20_000_000) as i64;
    let ms = |rng: &mut Rng| {
        if rng.chance(50) {
            Some(rng.below(1000) as u32)
        } else {
            None
        }
    };
    let auto_deploy = rng.chance(40);
    let mut s = Map::new();
    s.insert(
        "accessLogSettings".into(),
        json!({
            "destinationArn": format!("arn:aws:logs:eu-west-1:123456789012:log-group:/aws/apigateway/{name}"),
            "format": "{\"requestId\":\"$context.requestId\",\"ip\":\"$context.identity.sourceIp\",\"requestTime\":\"$context.requestTime\",\"httpMethod\":\"$context.httpMethod\",\"routeKey\":\"$context.routeKey\",\"status\":\"$context.status\",\"protocol\":\"$context.protocol\",\"responseLength\":\"$context.responseLength\"}",
        }),
    );
    if rng.chance(10) {
        s.insert("apiGatewayManaged".into(), json!(true));
    }
    s.insert("autoDeploy".into(), json!(auto_deploy));
    if rng.chance(30) {
        s.insert(
            "clientCertificateId".into(),
            json!(format!("{:08x}", rng.next() as u32)),
        );
    }
    s.insert("createdDate".into(), json!(iso8601(created, ms(rng))));
    s.insert("defaultRouteSettings".into(), route_settings(rng));
    s.insert(
        "deploymentId".into(),
        json!(format!("{:06x}", rng.next() & 0xff_ffff)),
    );
    s.insert(
        "description".into(),
        json!(format!(
            "{} stage #{i} of the {} HTTP API, managed by {}",
            env,
            rng.pick(TEAMS),
            rng.pick(&["terraform", "cdk", "sam", "console"])
        )),
    );
    if auto_deploy {
        s.insert(
            "lastDeploymentStatusMessage".into(),
            json!(format!(
                "Successfully deployed stage with deployment ID '{:06x}'",
                rng.next() & 0xff_ffff
            )),
        );
    }
    s.insert("lastUpdatedDate".into(), json!(iso8601(updated, ms(rng))));
    let mut routes = Map::new();
    for _ in 0..rng.below(9) {
        routes.insert(rng.pick(ROUTES).to_string(), route_settings(rng));
    }
    s.insert("routeSettings".into(), Value::Object(routes));
    s.insert("stageName".into(), json!(name));
    let mut vars = Map::new();
    for v in 0..rng.below(7) {
        vars.insert(
            format!("var{v}"),
            json!(match v {
                0 => format!("https://backend-{env}.example.com"),
                1 => format!("arn:aws:lambda:eu-west-1:123456789012:function:handler-{i}"),
                2 => rng.pick(&["true", "false"]).to_string(),
                _ => format!("value-{}", rng.below(100_000)),
            }),
        );
    }
    s.insert("stageVariables".into(), Value::Object(vars));
    let mut tags = Map::new();
    tags.insert("env".into(), json!(env));
    if rng.chance(70) {
        tags.insert("team".into(), json!(rng.pick(TEAMS)));
    }
    if rng.chance(50) {
        tags.insert(
            "cost-center".into(),
            json!(format!("cc-{}", 1000 + rng.below(9000))),
        );
    }
    if rng.chance(30) {
        tags.insert(
            "owner".into(),
            json!(format!("owner{}@example.com", rng.below(50))),
        );
    }
    s.insert("tags".into(), Value::Object(tags));
    Value::Object(s)
}

fn main() {
    let mut rng = Rng(0x5EED_2024);
    let items: Vec<Value> = (0..STAGES).map(|i| stage(i, &mut rng)).collect();
    let body = json!({ "items": items, "nextToken": "eyJsYXN0RXZhbHVhdGVkS2V5Ijp7InN0YWdlTmFtZSI6InByb2QtMTk5In19" });
    let out =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/apigatewayv2_get_stages_200.json");
    let bytes = serde_json::to_vec(&body).expect("serialize");
    std::fs::write(&out, &bytes).expect("write data file");
    eprintln!(
        "wrote {} ({} bytes, {STAGES} stages)",
        out.display(),
        bytes.len()
    );
}
