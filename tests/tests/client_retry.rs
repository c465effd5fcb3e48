//! The client on a scripted transport: retries (AWS standard mode), timeouts,
//! typed errors, signing, endpoints and following `position` by hand. The
//! sleep is recorded, not waited for, so the tests take no time.

use apigw_types::apigateway::operations::{
    GetRestApis, GetStage, GetStageError, GetStages, GetStagesError,
};
use apigw_types::apigateway::{GetRestApisRequest, GetStageRequest, GetStagesRequest};
use shapegen_runtime::client::{
    AsyncSleep, BoxFuture, Client, Credentials, RetryConfig, SdkError, TimeoutKind, Transport,
    TransportError,
};
use shapegen_runtime::http;
use std::collections::VecDeque;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};
use std::time::Duration;

/// One scripted answer: a response, a transport error, or no answer at all.
enum Step {
    Respond(u16, &'static [(&'static str, &'static str)], &'static str),
    Fail(fn() -> TransportError),
    Hang,
}

#[derive(Debug, Default)]
struct Script {
    steps: Mutex<VecDeque<StepBox>>,
    requests: Mutex<Vec<http::Request<Vec<u8>>>>,
}
struct StepBox(Step);
impl std::fmt::Debug for StepBox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Step")
    }
}

#[derive(Debug, Clone)]
struct Scripted(Arc<Script>);

impl Scripted {
    fn new(steps: Vec<Step>) -> Self {
        Scripted(Arc::new(Script {
            steps: Mutex::new(steps.into_iter().map(StepBox).collect()),
            requests: Mutex::default(),
        }))
    }
    fn attempts(&self) -> usize {
        self.0.requests.lock().unwrap().len()
    }
    fn request(&self, i: usize) -> http::Request<Vec<u8>> {
        self.0.requests.lock().unwrap()[i].clone()
    }
}

impl Transport for Scripted {
    fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>> {
        self.0.requests.lock().unwrap().push(request);
        let step = self.0.steps.lock().unwrap().pop_front();
        let step = step
            .expect("the client sent more requests than the script has")
            .0;
        match step {
            Step::Respond(status, headers, body) => {
                let mut b = http::Response::builder().status(status);
                for (k, v) in headers {
                    b = b.header(*k, *v);
                }
                let response = b.body(body.as_bytes().to_vec()).unwrap();
                Box::pin(async move { Ok(response) })
            }
            Step::Fail(make) => {
                let e = make();
                Box::pin(async move { Err(e) })
            }
            Step::Hang => Box::pin(std::future::pending()),
        }
    }
}

/// Records the waits and returns at once.
#[derive(Debug, Clone, Default)]
struct RecordedSleep(Arc<Mutex<Vec<Duration>>>);
impl AsyncSleep for RecordedSleep {
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        self.0.lock().unwrap().push(duration);
        Box::pin(async {})
    }
}
impl RecordedSleep {
    fn waits(&self) -> Vec<Duration> {
        self.0.lock().unwrap().clone()
    }
}

/// Runs a future to completion on this thread (no runtime needed: the
/// scripted transport and the sleep never wait).
fn block_on<F: Future>(future: F) -> F::Output {
    struct Unpark(std::thread::Thread);
    impl Wake for Unpark {
        fn wake(self: Arc<Self>) {
            self.0.unpark()
        }
    }
    let waker = Waker::from(Arc::new(Unpark(std::thread::current())));
    let mut cx = Context::from_waker(&waker);
    let mut future = std::pin::pin!(future);
    loop {
        match future.as_mut().poll(&mut cx) {
            Poll::Ready(v) => return v,
            Poll::Pending => std::thread::park(),
        }
    }
}

fn client(transport: &Scripted, sleep: &RecordedSleep) -> shapegen_runtime::client::ClientBuilder {
    Client::builder()
        .no_environment()
        .region("us-east-1")
        .credentials(Credentials::new("AKIDEXAMPLE", "SECRET", None))
        .transport(transport.clone())
        .sleep(sleep.clone())
}

fn stages_input() -> GetStagesRequest {
    GetStagesRequest::builder()
        .rest_api_id("abc123")
        .build()
        .unwrap()
}

const STAGES: &str = r#"{"item":[{"stageName":"prod","deploymentId":"d1"}]}"#;
const JSON: &[(&str, &str)] = &[("content-type", "application/json")];

#[test]
fn throttled_then_success_takes_two_attempts() {
    let t = Scripted::new(vec![
        Step::Respond(
            429,
            &[("x-amzn-ErrorType", "TooManyRequestsException")],
            r#"{"message":"Too Many Requests"}"#,
        ),
        Step::Respond(200, JSON, STAGES),
    ]);
    let sleep = RecordedSleep::default();
    let c = client(&t, &sleep).build().unwrap();
    let stages = block_on(c.send::<GetStages>(&stages_input())).unwrap();
    assert_eq!(stages.item.unwrap()[0].stage_name.as_deref(), Some("prod"));
    assert_eq!(t.attempts(), 2);
    let waits = sleep.waits();
    assert_eq!(waits.len(), 1);
    // Full jitter under the first cap (1 s in standard mode).
    assert!(waits[0] < Duration::from_secs(1), "{waits:?}");
    // Each attempt is signed afresh, the same request otherwise.
    let (a, b) = (t.request(0), t.request(1));
    assert_eq!(a.uri(), b.uri());
    assert!(a.headers().contains_key("authorization"));
    assert!(b.headers().contains_key("authorization"));
}

#[test]
fn throttling_error_code_without_429_is_retried() {
    let t = Scripted::new(vec![
        Step::Respond(
            400,
            &[],
            r#"{"__type":"ThrottlingException","message":"Rate exceeded"}"#,
        ),
        Step::Respond(200, JSON, STAGES),
    ]);
    let sleep = RecordedSleep::default();
    let c = client(&t, &sleep).build().unwrap();
    block_on(c.send::<GetStages>(&stages_input())).unwrap();
    assert_eq!(t.attempts(), 2);
}

#[test]
fn bad_request_is_returned_at_once_as_the_typed_error() {
    let t = Scripted::new(vec![Step::Respond(
        400,
        &[("x-amzn-ErrorType", "BadRequestException")],
        r#"{"message":"Invalid REST API identifier specified"}"#,
    )]);
    let sleep = RecordedSleep::default();
    let c = client(&t, &sleep).build().unwrap();
    let err = block_on(c.send::<GetStages>(&stages_input())).unwrap_err();
    match &err {
        SdkError::Service(GetStagesError::BadRequestException(e)) => {
            assert_eq!(
                e.message.as_deref(),
                Some("Invalid REST API identifier specified")
            )
        }
        other => panic!("expected BadRequestException, got {other:?}"),
    }
    assert_eq!(
        err.service_error().unwrap().code(),
        Some("BadRequestException")
    );
    assert_eq!(t.attempts(), 1);
    assert!(sleep.waits().is_empty());
}

#[test]
fn server_errors_are_retried_up_to_max_attempts() {
    let five_hundreds = || {
        (0..5)
            .map(|_| Step::Respond(500, &[], "oops"))
            .collect::<Vec<_>>()
    };
    // Standard mode: 3 attempts, then the last response's error.
    let t = Scripted::new(five_hundreds());
    let sleep = RecordedSleep::default();
    let c = client(&t, &sleep).build().unwrap();
    let err = block_on(c.send::<GetStages>(&stages_input())).unwrap_err();
    match err {
        SdkError::Service(GetStagesError::Unhandled(u)) => {
            assert_eq!(u.status, 500);
            assert_eq!(u.body, b"oops");
        }
        other => panic!("expected Unhandled 500, got {other:?}"),
    }
    assert_eq!(t.attempts(), 3);
    let waits = sleep.waits();
    assert_eq!(waits.len(), 2);
    assert!(waits[0] < Duration::from_secs(1) && waits[1] < Duration::from_secs(2));

    // Configurable: 5 attempts, backoff capped by the configured maximum.
    let t = Scripted::new(five_hundreds());
    let sleep = RecordedSleep::default();
    let retry = RetryConfig::standard()
        .with_max_attempts(5)
        .with_initial_backoff(Duration::from_millis(100))
        .with_max_backoff(Duration::from_millis(250));
    let c = client(&t, &sleep).retry(retry).build().unwrap();
    assert!(block_on(c.send::<GetStages>(&stages_input())).is_err());
    assert_eq!(t.attempts(), 5);
    let waits = sleep.waits();
    let caps = [100, 200, 250, 250].map(Duration::from_millis);
    assert_eq!(waits.len(), 4);
    for (w, cap) in waits.iter().zip(caps) {
        assert!(*w <= cap, "{waits:?}");
    }

    // Disabled: one attempt.
    let t = Scripted::new(five_hundreds());
    let c = client(&t, &RecordedSleep::default())
        .retry(RetryConfig::disabled())
        .build()
        .unwrap();
    assert!(block_on(c.send::<GetStages>(&stages_input())).is_err());
    assert_eq!(t.attempts(), 1);
}

#[test]
fn not_implemented_501_is_not_retried() {
    let t = Scripted::new(vec![Step::Respond(501, &[], "")]);
    let c = client(&t, &RecordedSleep::default()).build().unwrap();
    assert!(block_on(c.send::<GetStages>(&stages_input())).is_err());
    assert_eq!(t.attempts(), 1);
}

#[test]
fn connection_errors_are_retried_other_transport_errors_not() {
    let t = Scripted::new(vec![
        Step::Fail(|| TransportError::connect("connection refused")),
        Step::Fail(|| TransportError::io("connection reset")),
        Step::Respond(200, JSON, STAGES),
    ]);
    let c = client(&t, &RecordedSleep::default()).build().unwrap();
    block_on(c.send::<GetStages>(&stages_input())).unwrap();
    assert_eq!(t.attempts(), 3);

    let t = Scripted::new(vec![
        Step::Fail(|| TransportError::connect("refused")),
        Step::Fail(|| TransportError::connect("refused")),
        Step::Fail(|| TransportError::connect("refused, again")),
    ]);
    let c = client(&t, &RecordedSleep::default()).build().unwrap();
    let err = block_on(c.send::<GetStages>(&stages_input())).unwrap_err();
    assert!(
        matches!(&err, SdkError::Transport(e) if e.to_string().contains("again")),
        "{err}"
    );
    assert_eq!(t.attempts(), 3);

    let t = Scripted::new(vec![Step::Fail(|| TransportError::other("bad request"))]);
    let c = client(&t, &RecordedSleep::default()).build().unwrap();
    let err = block_on(c.send::<GetStages>(&stages_input())).unwrap_err();
    assert!(matches!(err, SdkError::Transport(_)));
    assert_eq!(t.attempts(), 1);
}

#[test]
fn attempt_timeout_is_retried_total_timeout_ends_the_call() {
    // The recorded sleep returns at once, so a timeout passes as soon as the
    // transport does not answer at once.
    let t = Scripted::new(vec![Step::Hang, Step::Respond(200, JSON, STAGES)]);
    let sleep = RecordedSleep::default();
    let c = client(&t, &sleep)
        .attempt_timeout(Duration::from_secs(5))
        .build()
        .unwrap();
    block_on(c.send::<GetStages>(&stages_input())).unwrap();
    assert_eq!(t.attempts(), 2);
    let waits = sleep.waits();
    // The attempt timer of each attempt, and one backoff.
    assert_eq!(
        waits
            .iter()
            .filter(|w| **w == Duration::from_secs(5))
            .count(),
        2,
        "{waits:?}"
    );

    let t = Scripted::new(vec![Step::Hang, Step::Hang, Step::Hang]);
    let c = client(&t, &RecordedSleep::default())
        .attempt_timeout(Duration::from_secs(5))
        .build()
        .unwrap();
    match block_on(c.send::<GetStages>(&stages_input())).unwrap_err() {
        SdkError::Timeout(e) => {
            assert_eq!((e.kind, e.attempts), (TimeoutKind::Attempt, 3));
        }
        other => panic!("{other:?}"),
    }

    let t = Scripted::new(vec![Step::Hang]);
    let c = client(&t, &RecordedSleep::default())
        .total_timeout(Duration::from_secs(30))
        .build()
        .unwrap();
    match block_on(c.send::<GetStages>(&stages_input())).unwrap_err() {
        SdkError::Timeout(e) => {
            assert_eq!(
                (e.kind, e.attempts, e.limit),
                (TimeoutKind::Total, 1, Duration::from_secs(30))
            );
            assert!(e.to_string().contains("total timeout"), "{e}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn retry_quota_stops_retries_when_spent() {
    // 500 tokens, 5 per retry: 50 calls of 3 failing attempts spend 500.
    let mut steps: Vec<Step> = (0..150).map(|_| Step::Respond(503, &[], "")).collect();
    steps.push(Step::Respond(503, &[], ""));
    let t = Scripted::new(steps);
    let c = client(&t, &RecordedSleep::default()).build().unwrap();
    for _ in 0..50 {
        assert!(block_on(c.send::<GetStages>(&stages_input())).is_err());
    }
    assert_eq!(t.attempts(), 150);
    // The quota is spent: one attempt, no retry.
    assert!(block_on(c.send::<GetStages>(&stages_input())).is_err());
    assert_eq!(t.attempts(), 151);
}

#[test]
fn missing_stage_is_the_typed_not_found() {
    let t = Scripted::new(vec![Step::Respond(
        404,
        &[
            ("x-amzn-ErrorType", "NotFoundException"),
            ("x-amzn-RequestId", "r-1"),
        ],
        r#"{"message":"Invalid stage identifier specified"}"#,
    )]);
    let c = client(&t, &RecordedSleep::default()).build().unwrap();
    let input = GetStageRequest::builder()
        .rest_api_id("abc123")
        .stage_name("nope")
        .build()
        .unwrap();
    match block_on(c.call(GetStage, &input)) {
        Err(SdkError::Service(GetStageError::NotFoundException(e))) => {
            assert_eq!(
                e.message.as_deref(),
                Some("Invalid stage identifier specified")
            )
        }
        other => panic!("expected NotFoundException, got {other:?}"),
    }
}

#[test]
fn requests_are_signed_for_the_service_and_region_at_the_resolved_endpoint() {
    let t = Scripted::new(vec![
        Step::Respond(200, JSON, STAGES),
        Step::Respond(200, JSON, STAGES),
    ]);
    let c = Client::builder()
        .no_environment()
        .region("cn-north-1")
        .credentials(Credentials::new(
            "AKIDEXAMPLE",
            "SECRET",
            Some("TOKEN".into()),
        ))
        .transport(t.clone())
        .sleep(RecordedSleep::default())
        .build()
        .unwrap();
    block_on(c.send::<GetStages>(&stages_input())).unwrap();
    let r = t.request(0);
    assert_eq!(
        r.uri().to_string(),
        "https://apigateway.cn-north-1.amazonaws.com.cn/restapis/abc123/stages"
    );
    let h = r.headers();
    assert_eq!(h["host"], "apigateway.cn-north-1.amazonaws.com.cn");
    assert_eq!(h["x-amz-security-token"], "TOKEN");
    assert_eq!(h["accept"], "application/json");
    assert!(h["user-agent"]
        .to_str()
        .unwrap()
        .starts_with("shapegen-runtime/"));
    let auth = h["authorization"].to_str().unwrap();
    assert!(
        auth.starts_with("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"),
        "{auth}"
    );
    assert!(
        auth.contains("/cn-north-1/apigateway/aws4_request, "),
        "{auth}"
    );
    assert!(
        auth.contains("SignedHeaders=accept;host;x-amz-date;x-amz-security-token,"),
        "{auth}"
    );

    // An endpoint URL wins, base path included.
    let c = Client::builder()
        .no_environment()
        .region("eu-west-1")
        .endpoint_url("http://127.0.0.1:9/base")
        .credentials(Credentials::new("AKIDEXAMPLE", "SECRET", None))
        .transport(t.clone())
        .sleep(RecordedSleep::default())
        .build()
        .unwrap();
    assert_eq!(
        c.endpoint(&apigw_types::apigateway::operations::SERVICE),
        "http://127.0.0.1:9/base"
    );
    block_on(c.send::<GetStages>(&stages_input())).unwrap();
    let r = t.request(1);
    assert_eq!(
        r.uri().to_string(),
        "http://127.0.0.1:9/base/restapis/abc123/stages"
    );
    assert_eq!(r.headers()["host"], "127.0.0.1:9");
    assert!(r.headers()["authorization"]
        .to_str()
        .unwrap()
        .contains("/eu-west-1/apigateway/aws4_request"));
}

/// S3 is signed the way S3 checks: its payload hash in a signed
/// `x-amz-content-sha256` header, and the path as sent (a key's `%20` is not
/// encoded again); other services sign without the header.
#[test]
fn s3_requests_carry_and_sign_their_payload_hash() {
    let t = Scripted::new(vec![
        Step::Respond(200, &[], ""),
        Step::Respond(200, &[], ""),
    ]);
    let c = client(&t, &RecordedSleep::default()).build().unwrap();
    let put = |service: &str| {
        let request = http::Request::builder()
            .method("PUT")
            .uri("https://s3.us-east-1.amazonaws.com/bucket/a%20b.txt")
            .body(b"hello".to_vec())
            .unwrap();
        block_on(c.send_raw(request, service)).unwrap();
    };
    put("s3");
    let r = t.request(0);
    assert_eq!(
        r.headers()["x-amz-content-sha256"],
        "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"
    );
    let auth = r.headers()["authorization"].to_str().unwrap().to_owned();
    assert!(
        auth.contains(
            "/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date,"
        ),
        "{auth}"
    );
    // The same signature as signing with S3's settings by hand, at the time the client signed.
    let date = r.headers()["x-amz-date"].to_str().unwrap().to_owned();
    let mut by_hand = http::Request::builder()
        .method("PUT")
        .uri("https://s3.us-east-1.amazonaws.com/bucket/a%20b.txt")
        .body(b"hello".to_vec())
        .unwrap();
    // `20261201T183000Z` as a time.
    let iso = format!(
        "{}-{}-{}T{}:{}:{}Z",
        &date[0..4],
        &date[4..6],
        &date[6..8],
        &date[9..11],
        &date[11..13],
        &date[13..15]
    );
    let ts: shapegen_runtime::Timestamp<shapegen_runtime::Iso8601> =
        serde_json::from_value(serde_json::Value::String(iso)).unwrap();
    let time = std::time::UNIX_EPOCH + Duration::from_secs(ts.as_secs_f64() as u64);
    shapegen_runtime::sigv4::sign(
        &mut by_hand,
        &shapegen_runtime::sigv4::SigningParams {
            credentials: &Credentials::new("AKIDEXAMPLE", "SECRET", None),
            region: "us-east-1",
            service: "s3",
            time,
            settings: shapegen_runtime::sigv4::SigningSettings::s3(),
        },
    )
    .unwrap();
    assert_eq!(by_hand.headers()["authorization"].to_str().unwrap(), auth);

    put("apigateway");
    assert!(t.request(1).headers().get("x-amz-content-sha256").is_none());
}

/// Global services (IAM, Route 53, ...) go to their one endpoint and are
/// signed for its region whatever the client's region; FIPS, dual-stack and
/// an endpoint URL follow the client's settings.
#[test]
fn global_services_have_their_own_endpoint_and_signing_region() {
    let iam = shapegen_runtime::ServiceInfo {
        protocol: shapegen_runtime::Protocol::AwsQuery,
        target_prefix: "",
        signing_name: "iam",
        endpoint_prefix: "iam",
        api_version: "2010-05-08",
        query_compatible: false,
        default_headers: &[],
    };
    let t = Scripted::new(vec![]);
    let c = client(&t, &RecordedSleep::default())
        .region("eu-west-1")
        .build()
        .unwrap();
    assert_eq!(c.endpoint(&iam), "https://iam.amazonaws.com");
    assert_eq!(c.signing_region(&iam), "us-east-1");
    let apigw = &apigw_types::apigateway::operations::SERVICE;
    assert_eq!(
        c.endpoint(apigw),
        "https://apigateway.eu-west-1.amazonaws.com"
    );
    assert_eq!(c.signing_region(apigw), "eu-west-1");

    let china = client(&t, &RecordedSleep::default())
        .region("cn-north-1")
        .build()
        .unwrap();
    assert_eq!(
        china.endpoint(&iam),
        "https://iam.cn-north-1.amazonaws.com.cn"
    );
    assert_eq!(china.signing_region(&iam), "cn-north-1");

    let local = client(&t, &RecordedSleep::default())
        .region("eu-west-1")
        .endpoint_url("http://127.0.0.1:5000")
        .build()
        .unwrap();
    assert_eq!(local.endpoint(&iam), "http://127.0.0.1:5000");
    assert_eq!(local.signing_region(&iam), "eu-west-1");
}

#[test]
fn following_position_by_hand() {
    let t = Scripted::new(vec![
        Step::Respond(
            200,
            JSON,
            r#"{"item":[{"id":"a"},{"id":"b"}],"position":"p2"}"#,
        ),
        Step::Respond(
            200,
            JSON,
            r#"{"item":[{"id":"c"},{"id":"d"}],"position":"p3"}"#,
        ),
        Step::Respond(200, JSON, r#"{"item":[{"id":"e"}]}"#),
    ]);
    let c = client(&t, &RecordedSleep::default()).build().unwrap();
    let mut ids = Vec::new();
    let mut position = None;
    loop {
        let input = GetRestApisRequest::builder()
            .set_position(position.take())
            .limit(2)
            .build();
        let page = block_on(c.send::<GetRestApis>(&input)).unwrap();
        ids.extend(
            page.items
                .unwrap_or_default()
                .into_iter()
                .filter_map(|a| a.id),
        );
        match page.position {
            Some(p) => position = Some(p),
            None => break,
        }
    }
    assert_eq!(ids, ["a", "b", "c", "d", "e"]);
    let queries: Vec<String> = (0..3)
        .map(|i| t.request(i).uri().query().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(
        queries,
        ["limit=2", "position=p2&limit=2", "position=p3&limit=2"]
    );

    // The same with the generated paginator.
    let t = Scripted::new(vec![
        Step::Respond(
            200,
            JSON,
            r#"{"item":[{"id":"a"},{"id":"b"}],"position":"p2"}"#,
        ),
        Step::Respond(200, JSON, r#"{"item":[{"id":"c"}]}"#),
    ]);
    let c = client(&t, &RecordedSleep::default()).build().unwrap();
    let all = block_on(c.send_all::<GetRestApis>(&GetRestApisRequest::builder().limit(2).build()))
        .unwrap();
    let ids: Vec<_> = all.into_iter().filter_map(|a| a.id).collect();
    assert_eq!(ids, ["a", "b", "c"]);
    assert_eq!(t.request(1).uri().query(), Some("position=p2&limit=2"));

    // A failing page ends it with the typed error.
    let t = Scripted::new(vec![
        Step::Respond(200, JSON, r#"{"item":[{"id":"a"}],"position":"p2"}"#),
        Step::Respond(
            400,
            &[("x-amzn-ErrorType", "BadRequestException")],
            r#"{"message":"Invalid position"}"#,
        ),
    ]);
    let c = client(&t, &RecordedSleep::default()).build().unwrap();
    let err =
        block_on(c.send_all::<GetRestApis>(&GetRestApisRequest::builder().build())).unwrap_err();
    assert_eq!(
        err.service_error().and_then(|e| e.code()),
        Some("BadRequestException")
    );
}

/// Paginated operations as async streams: pages one `send` at a time, and
/// the items of every page; the stream ends after the last page or the first
/// error.
#[test]
fn pages_and_items_stream_through_the_client() {
    use apigw_types::apigateway::operations::GetRestApis;
    use apigw_types::apigateway::GetRestApisRequest;
    let script = || {
        Scripted::new(vec![
            Step::Respond(
                200,
                JSON,
                r#"{"item":[{"id":"a"},{"id":"b"}],"position":"p2"}"#,
            ),
            Step::Respond(200, JSON, r#"{"item":[{"id":"c"}]}"#),
        ])
    };
    let t = script();
    let c = client(&t, &RecordedSleep::default()).build().unwrap();
    let mut pages = c.pages::<GetRestApis>(GetRestApisRequest::builder().limit(2).build());
    let first = block_on(pages.next_page()).unwrap().unwrap();
    assert_eq!(first.position.as_deref(), Some("p2"));
    // Nothing is sent before the stream is polled for the next page.
    assert_eq!(t.attempts(), 1);
    let second = block_on(pages.next_page()).unwrap().unwrap();
    assert_eq!(second.items.unwrap().len(), 1);
    assert!(block_on(pages.next_page()).is_none());
    assert_eq!(t.request(1).uri().query(), Some("position=p2&limit=2"));

    let t = script();
    let c = client(&t, &RecordedSleep::default()).build().unwrap();
    let mut items = c.items::<GetRestApis>(GetRestApisRequest::builder().limit(2).build());
    let mut ids = Vec::new();
    while let Some(api) = block_on(items.next_item()) {
        ids.push(api.unwrap().id.unwrap());
    }
    assert_eq!(ids, ["a", "b", "c"]);

    // The same through `futures_core::Stream`, polled by hand.
    let t = script();
    let c = client(&t, &RecordedSleep::default()).build().unwrap();
    let mut stream = c.items::<GetRestApis>(GetRestApisRequest::builder().build());
    let mut n = 0;
    while let Some(item) = block_on(std::future::poll_fn(|cx| {
        futures_core::Stream::poll_next(std::pin::Pin::new(&mut stream), cx)
    })) {
        item.unwrap();
        n += 1;
    }
    assert_eq!(n, 3);
}

#[test]
fn builder_errors_say_what_is_missing() {
    let t = Scripted::new(vec![]);
    let e = Client::builder()
        .no_environment()
        .credentials(Credentials::new("A", "S", None))
        .transport(t.clone())
        .sleep(RecordedSleep::default())
        .build()
        .unwrap_err();
    assert!(e.to_string().contains("no region"), "{e}");
    let e = Client::builder()
        .no_environment()
        .region("us-east-1")
        .transport(t.clone())
        .sleep(RecordedSleep::default())
        .build()
        .unwrap_err();
    assert!(e.to_string().contains("no credentials"), "{e}");
    let e = Client::builder()
        .no_environment()
        .region("us east")
        .credentials(Credentials::new("A", "S", None))
        .build()
        .unwrap_err();
    assert!(e.to_string().contains("not a region"), "{e}");
    let e = Client::builder()
        .no_environment()
        .region("us-east-1")
        .endpoint_url("localhost:5000")
        .credentials(Credentials::new("A", "S", None))
        .build()
        .unwrap_err();
    assert!(e.to_string().contains("endpoint URL"), "{e}");
}

#[test]
fn client_and_its_futures_are_send() {
    fn send_sync<T: Send + Sync>(_: &T) {}
    fn send<T: Send>(_: T) {}
    let t = Scripted::new(vec![]);
    let c = client(&t, &RecordedSleep::default()).build().unwrap();
    send_sync(&c);
    let input = stages_input();
    // Not polled: only the type is checked, so that `tokio::spawn` takes it.
    send(c.send::<GetStages>(&input));
    send(c.call(GetStages, &input));
}
