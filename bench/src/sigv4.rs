//! SigV4 signing of a shapegen-built `http::Request` with `aws-sigv4` (the
//! signer the SDK itself uses; already in the SDK's dependency tree), so that
//! the whole-call rows can also show shapegen's request *signed*, as the SDK's
//! is. Same credentials, region and default settings as the SDK clients of
//! `sdk.rs`.

use aws_sigv4::http_request::{sign, SignableBody, SignableRequest, SigningSettings};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;
use std::time::SystemTime;

pub struct Signer {
    identity: Identity,
    region: &'static str,
    service: &'static str,
}

impl Signer {
    pub fn new(region: &'static str, service: &'static str) -> Self {
        let creds = aws_sdk_apigateway::config::Credentials::new(
            "AKIDBENCH",
            "secret",
            None,
            None,
            "bench",
        );
        Self {
            identity: creds.into(),
            region,
            service,
        }
    }

    /// Adds `x-amz-date` and `authorization` (the payload hashed, as the SDK does).
    pub fn sign(&self, req: &mut http::Request<Vec<u8>>) {
        let params = v4::SigningParams::builder()
            .identity(&self.identity)
            .region(self.region)
            .name(self.service)
            .time(SystemTime::now())
            .settings(SigningSettings::default())
            .build()
            .expect("signing params")
            .into();
        let uri = req.uri().to_string();
        let instructions = {
            let headers = req
                .headers()
                .iter()
                .map(|(k, v)| (k.as_str(), v.to_str().expect("visible ASCII header")));
            let signable = SignableRequest::new(
                req.method().as_str(),
                uri,
                headers,
                SignableBody::Bytes(req.body()),
            )
            .expect("signable request");
            sign(signable, &params).expect("signing").into_parts().0
        };
        instructions.apply_to_request_http1x(req);
    }
}
