//! End to end for the XML protocols: generated operations of one service per
//! protocol sent by the client (signing, the hyper transport) to moto's
//! server and its answers parsed: STS (`query`), S3 (`rest-xml`) and EC2
//! (`ec2`). The models are botocore's, cut down to the operations used
//! (`tests/fixtures/{sts,s3,ec2}/`, see `tests/fixtures/README.md`), and
//! generated beside them (`SHAPEGEN_BLESS=1 cargo test -p shapegen-tests
//! --test regen` rewrites them). moto is found, started or installed as for
//! `moto_e2e.rs`.

#[path = "support/moto.rs"]
mod moto_server;
use moto_server::{client, moto, run};
use shapegen_runtime::client::SdkError;
use shapegen_runtime::Blob;

#[allow(dead_code, clippy::all)]
#[path = "../fixtures/sts/sts.rs"]
#[rustfmt::skip]
mod sts;

#[allow(dead_code, clippy::all)]
#[path = "../fixtures/s3/s3.rs"]
#[rustfmt::skip]
mod s3;

#[allow(dead_code, clippy::all)]
#[path = "../fixtures/ec2/ec2.rs"]
#[rustfmt::skip]
mod ec2;

fn unique(what: &str) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    format!("shapegen-{what}-{}-{nanos}", std::process::id())
}

/// `query`: a form-encoded `Action`/`Version` request, an XML answer under
/// `<GetCallerIdentityResult>`; nested structures and ISO 8601 timestamps.
#[test]
fn sts_query_protocol() {
    let Some(server) = moto("sts") else {
        return;
    };
    let c = client(&server.url);
    run(async {
        use sts::operations::{AssumeRole, GetCallerIdentity};
        let me = c
            .send::<GetCallerIdentity>(&sts::GetCallerIdentityRequest::builder().build())
            .await
            .expect("GetCallerIdentity");
        // moto's account.
        assert_eq!(me.account.as_deref(), Some("123456789012"), "{me:?}");
        assert!(
            me.arn.as_deref().is_some_and(|a| a.starts_with("arn:aws:")),
            "{me:?}"
        );

        let session = unique("session");
        let role = c
            .send::<AssumeRole>(
                &sts::AssumeRoleRequest::builder()
                    .role_arn("arn:aws:iam::123456789012:role/shapegen-test")
                    .role_session_name(&session)
                    .duration_seconds(900)
                    .build()
                    .unwrap(),
            )
            .await
            .expect("AssumeRole");
        let creds = role.credentials.expect("credentials");
        assert!(!creds.access_key_id.is_empty() && !creds.session_token.is_empty());
        let user = role.assumed_role_user.expect("assumed role user");
        assert!(
            user.arn.ends_with(&format!("shapegen-test/{session}")),
            "{user:?}"
        );
        // The expiration is a real ISO 8601 time, in the future.
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs_f64();
        assert!(
            creds.expiration.as_secs_f64() > now,
            "{:?}",
            creds.expiration
        );
    });
}

/// `rest-xml`: labels and greedy labels, a blob payload with headers, an XML
/// body with flattened lists, a structure payload (`Tagging`), and S3's bare
/// `<Error>` bodies as typed errors.
#[test]
fn s3_rest_xml_protocol() {
    let Some(server) = moto("s3") else {
        return;
    };
    let c = client(&server.url);
    run(async {
        use s3::operations::*;
        let bucket = unique("bucket");
        c.send::<CreateBucket>(
            &s3::CreateBucketRequest::builder()
                .bucket(&bucket)
                .build()
                .unwrap(),
        )
        .await
        .expect("CreateBucket");
        let buckets = c
            .send::<ListBuckets>(&s3::ListBucketsRequest::builder().build())
            .await
            .expect("ListBuckets");
        assert!(
            buckets
                .buckets
                .unwrap_or_default()
                .iter()
                .any(|b| b.name.as_deref() == Some(bucket.as_str())),
            "the new bucket is listed"
        );

        let text = "hello from shapegen: <xml> & \u{e9}";
        for key in ["dir/a b.txt", "dir/b.txt"] {
            let put = c
                .send::<PutObject>(
                    &s3::PutObjectRequest::builder()
                        .bucket(&bucket)
                        .key(key)
                        .content_type("text/plain")
                        .body(Blob::new(text.as_bytes()))
                        .build()
                        .unwrap(),
                )
                .await
                .expect("PutObject");
            assert!(put.e_tag.is_some(), "{put:?}");
        }
        let got = c
            .send::<GetObject>(
                &s3::GetObjectRequest::builder()
                    .bucket(&bucket)
                    .key("dir/a b.txt")
                    .build()
                    .unwrap(),
            )
            .await
            .expect("GetObject");
        assert_eq!(got.body.as_ref().map(Blob::as_bytes), Some(text.as_bytes()));
        assert_eq!(got.content_length, Some(text.len() as i64));
        assert_eq!(got.content_type.as_deref(), Some("text/plain"));

        let listed = c
            .send::<ListObjectsV2>(
                &s3::ListObjectsV2Request::builder()
                    .bucket(&bucket)
                    .prefix("dir/")
                    .build()
                    .unwrap(),
            )
            .await
            .expect("ListObjectsV2");
        let keys: Vec<_> = listed
            .contents
            .unwrap_or_default()
            .into_iter()
            .map(|o| (o.key.unwrap_or_default(), o.size))
            .collect();
        assert_eq!(
            keys,
            [
                ("dir/a b.txt".to_string(), Some(text.len() as i64)),
                ("dir/b.txt".to_string(), Some(text.len() as i64))
            ]
        );
        assert_eq!(listed.key_count, Some(2));

        c.send::<PutBucketTagging>(
            &s3::PutBucketTaggingRequest::builder()
                .bucket(&bucket)
                .tagging(
                    s3::Tagging::builder()
                        .push_tag_set(
                            s3::Tag::builder()
                                .key("team")
                                .value("wire")
                                .build()
                                .unwrap(),
                        )
                        .build()
                        .unwrap(),
                )
                .build()
                .unwrap(),
        )
        .await
        .expect("PutBucketTagging");
        let tags = c
            .send::<GetBucketTagging>(
                &s3::GetBucketTaggingRequest::builder()
                    .bucket(&bucket)
                    .build()
                    .unwrap(),
            )
            .await
            .expect("GetBucketTagging");
        assert_eq!(tags.tag_set.len(), 1);
        assert_eq!(
            (tags.tag_set[0].key.as_str(), tags.tag_set[0].value.as_str()),
            ("team", "wire")
        );

        // A missing key: S3's `<Error><Code>NoSuchKey</Code>` as the typed error.
        let missing = c
            .send::<GetObject>(
                &s3::GetObjectRequest::builder()
                    .bucket(&bucket)
                    .key("no/such/key")
                    .build()
                    .unwrap(),
            )
            .await;
        match missing {
            Err(SdkError::Service(GetObjectError::NoSuchKey(_))) => {}
            other => panic!("expected NoSuchKey, got {other:?}"),
        }

        for key in ["dir/a b.txt", "dir/b.txt"] {
            c.send::<DeleteObject>(
                &s3::DeleteObjectRequest::builder()
                    .bucket(&bucket)
                    .key(key)
                    .build()
                    .unwrap(),
            )
            .await
            .expect("DeleteObject");
        }
        c.send::<DeleteBucket>(
            &s3::DeleteBucketRequest::builder()
                .bucket(&bucket)
                .build()
                .unwrap(),
        )
        .await
        .expect("DeleteBucket");

        // A bucket elsewhere: the configuration is a namespaced XML payload
        // named by its member (`CreateBucketConfiguration`), and the answer of
        // GetBucketLocation is a bare `<LocationConstraint>` root.
        let far = unique("far");
        c.send::<CreateBucket>(
            &s3::CreateBucketRequest::builder()
                .bucket(&far)
                .create_bucket_configuration(
                    s3::CreateBucketConfiguration::builder()
                        .location_constraint(s3::BucketLocationConstraint::EuWest1)
                        .build(),
                )
                .build()
                .unwrap(),
        )
        .await
        .expect("CreateBucket in eu-west-1");
        let location = c
            .send::<GetBucketLocation>(
                &s3::GetBucketLocationRequest::builder()
                    .bucket(&far)
                    .build()
                    .unwrap(),
            )
            .await
            .expect("GetBucketLocation");
        assert_eq!(
            location.location_constraint,
            Some(s3::BucketLocationConstraint::EuWest1)
        );
    });
}

/// `ec2`: `Name.N` lists and capitalized keys in the request, XML answers
/// without a result wrapper (`reservationSet`/`item`), `<Response><Errors>`.
#[test]
fn ec2_query_protocol() {
    let Some(server) = moto("ec2") else {
        return;
    };
    let c = client(&server.url);
    run(async {
        use ec2::operations::*;
        let regions = c
            .send::<DescribeRegions>(
                &ec2::DescribeRegionsRequest::builder()
                    .region_names(vec!["us-east-1".to_string(), "eu-west-1".to_string()])
                    .build(),
            )
            .await
            .expect("DescribeRegions");
        let mut names: Vec<String> = regions
            .regions
            .unwrap_or_default()
            .into_iter()
            .filter_map(|r| r.region_name)
            .collect();
        names.sort();
        assert_eq!(names, ["eu-west-1", "us-east-1"]);

        let reservation = c
            .send::<RunInstances>(
                &ec2::RunInstancesRequest::builder()
                    .image_id("ami-12c6146b")
                    .instance_type(ec2::InstanceType::T2Micro)
                    .min_count(2)
                    .max_count(2)
                    .build()
                    .unwrap(),
            )
            .await
            .expect("RunInstances");
        let ids: Vec<String> = reservation
            .instances
            .unwrap_or_default()
            .into_iter()
            .filter_map(|i| i.instance_id)
            .collect();
        assert_eq!(ids.len(), 2, "{ids:?}");

        let tag = unique("ec2");
        c.send::<CreateTags>(
            &ec2::CreateTagsRequest::builder()
                .resources(ids.clone())
                .push_tags(ec2::Tag::builder().key("Name").value(&tag).build())
                .build()
                .unwrap(),
        )
        .await
        .expect("CreateTags");

        let described = c
            .send::<DescribeInstances>(
                &ec2::DescribeInstancesRequest::builder()
                    .instance_ids(ids.clone())
                    .build(),
            )
            .await
            .expect("DescribeInstances");
        let instances: Vec<ec2::Instance> = described
            .reservations
            .unwrap_or_default()
            .into_iter()
            .flat_map(|r| r.instances.unwrap_or_default())
            .collect();
        assert_eq!(instances.len(), 2);
        for i in &instances {
            assert!(ids.contains(i.instance_id.as_ref().unwrap()));
            assert_eq!(i.instance_type, Some(ec2::InstanceType::T2Micro));
            let tags = i.tags.clone().unwrap_or_default();
            assert!(
                tags.iter().any(|t| t.key.as_deref() == Some("Name")
                    && t.value.as_deref() == Some(tag.as_str())),
                "{tags:?}"
            );
        }

        let terminated = c
            .send::<TerminateInstances>(
                &ec2::TerminateInstancesRequest::builder()
                    .instance_ids(ids.clone())
                    .build()
                    .unwrap(),
            )
            .await
            .expect("TerminateInstances");
        assert_eq!(
            terminated.terminating_instances.unwrap_or_default().len(),
            2
        );

        // An unknown instance id: `<Response><Errors><Error><Code>` reaches
        // the caller as the code of the unhandled error (EC2 models no exceptions).
        let missing = c
            .send::<DescribeInstances>(
                &ec2::DescribeInstancesRequest::builder()
                    .instance_ids(vec!["i-0123456789abcdef0".to_string()])
                    .build(),
            )
            .await;
        match missing {
            Err(SdkError::Service(e)) => {
                assert_eq!(e.code(), Some("InvalidInstanceID.NotFound"), "{e:?}")
            }
            other => panic!("expected InvalidInstanceID.NotFound, got {other:?}"),
        }
    });
}

/// Operations that require a checksum of their body (`httpChecksum`) get
/// `x-amz-checksum-crc32` and say so in `x-amz-sdk-checksum-algorithm`, as
/// the AWS SDKs do; an algorithm the input names is used instead, one this
/// runtime does not compute is an error saying what to do, and a checksum the
/// input sets itself is left alone. Sans-IO: no server needed.
#[test]
fn s3_request_checksums() {
    use s3::operations::{DeleteObjects, PutObject};
    use shapegen_runtime::Operation;
    let delete = |algorithm: Option<s3::ChecksumAlgorithm>| {
        let mut b = s3::DeleteObjectsRequest::builder().bucket("b").delete(
            s3::Delete::builder()
                .push_objects(s3::ObjectIdentifier::builder().key("k").build().unwrap())
                .build()
                .unwrap(),
        );
        if let Some(a) = algorithm {
            b = b.checksum_algorithm(a);
        }
        DeleteObjects::build_request(&b.build().unwrap(), "https://s3.amazonaws.com")
    };
    let r = delete(None).unwrap();
    let crc = shapegen_runtime::checksum::crc32(r.body());
    assert_eq!(
        r.headers()["x-amz-checksum-crc32"],
        shapegen_runtime::base64_encode(&crc.to_be_bytes()).as_str()
    );
    assert_eq!(r.headers()["x-amz-sdk-checksum-algorithm"], "CRC32");
    assert!(String::from_utf8_lossy(r.body()).contains("<Key>k</Key>"));

    let r = delete(Some(s3::ChecksumAlgorithm::Crc32c)).unwrap();
    let crc = shapegen_runtime::checksum::crc32c(r.body());
    assert_eq!(
        r.headers()["x-amz-checksum-crc32c"],
        shapegen_runtime::base64_encode(&crc.to_be_bytes()).as_str()
    );
    assert!(r.headers().get("x-amz-checksum-crc32").is_none());

    let e = delete(Some(s3::ChecksumAlgorithm::Sha256)).unwrap_err();
    assert!(
        e.to_string()
            .contains("set the `x-amz-checksum-sha256` member yourself"),
        "{e}"
    );

    // PutObject needs no checksum: none unless asked for; a checksum set by the caller stays.
    let put = |b: s3::builders::PutObjectRequestBuilder| {
        PutObject::build_request(&b.build().unwrap(), "https://s3.amazonaws.com").unwrap()
    };
    let plain = put(s3::PutObjectRequest::builder()
        .bucket("b")
        .key("k")
        .body(Blob::new(b"x".to_vec())));
    assert!(plain
        .headers()
        .keys()
        .all(|k| !k.as_str().starts_with("x-amz-checksum-")));
    let own = put(s3::PutObjectRequest::builder()
        .bucket("b")
        .key("k")
        .body(Blob::new(b"x".to_vec()))
        .checksum_algorithm(s3::ChecksumAlgorithm::Sha256)
        .checksum_sha256("precomputed"));
    assert_eq!(own.headers()["x-amz-checksum-sha256"], "precomputed");
}

/// S3 may answer 200 with an `<Error>` document (the operation failed after
/// the status went out): an error with its code, not an empty output.
#[test]
fn s3_errors_in_200_responses() {
    use s3::operations::{DeleteObjects, GetObject};
    use shapegen_runtime::Operation;
    let body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>InternalError</Code><Message>We encountered an internal error. Please try again.</Message><RequestId>r1</RequestId></Error>";
    let response = http::Response::builder()
        .status(200)
        .body(body.as_bytes().to_vec())
        .unwrap();
    let e = DeleteObjects::parse_response(&response).unwrap_err();
    assert_eq!(e.code(), Some("InternalError"), "{e:?}");
    // DeleteObjects lists no exceptions: its error enum is `Unhandled` alone.
    let s3::operations::DeleteObjectsError::Unhandled(u) = &e;
    assert_eq!(u.status, 200);
    assert_eq!(u.request_id.as_deref(), Some("r1"));
    assert!(
        u.decode_error
            .as_deref()
            .is_some_and(|d| d.contains("error document: InternalError")),
        "{u:?}"
    );
    // A blob payload is whatever the object holds, even an `<Error>` document.
    let object = GetObject::parse_response(&response).unwrap();
    assert_eq!(
        object.body.as_ref().map(|b| b.as_bytes()),
        Some(body.as_bytes())
    );
}
