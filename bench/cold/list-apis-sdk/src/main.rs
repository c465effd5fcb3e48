//! `examples/list-apis` on the official SDK (aws-config + aws-sdk-apigateway):
//! lists the REST APIs of an account (every page of GetRestApis) and the
//! stages of each, printed as the example prints them.
//!
//! Options: `--endpoint-url URL`, `--region REGION`, `--profile NAME`,
//! `--page-size N` (GetRestApis' `limit`, default 25); whatever is not given
//! comes from `AWS_*` variables and `~/.aws` (aws-config's default chain).
//!
//! Built cold by `cargo xtask bench` next to the shapegen example; the two
//! programs are meant to do the same thing, so the figure compares what it
//! takes to build the same program on each.

use aws_config::{BehaviorVersion, Region};
use aws_sdk_apigateway::config::endpoint::{DefaultResolver, Params, ResolveEndpoint};
use aws_sdk_apigateway::error::DisplayErrorContext;
use aws_sdk_apigateway::primitives::DateTimeFormat;
use aws_sdk_apigateway::types::RestApi;
use aws_sdk_apigateway::Client;
use std::process::ExitCode;

type Error = Box<dyn std::error::Error + Send + Sync>;

/// An SDK error with its sources (as the SDK's documentation prints them).
fn sdk_error(e: impl std::error::Error) -> Error {
    DisplayErrorContext(e).to_string().into()
}

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("list-apis-sdk: {e}");
            ExitCode::FAILURE
        }
    }
}

struct Args {
    endpoint_url: Option<String>,
    region: Option<String>,
    profile: Option<String>,
    page_size: i32,
}

fn parse_args() -> Result<Args, Error> {
    let mut args = Args {
        endpoint_url: None,
        region: None,
        profile: None,
        page_size: 25,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) => (n.to_owned(), Some(v.to_owned())),
            None => (arg.clone(), None),
        };
        let mut value = || {
            inline
                .clone()
                .or_else(|| it.next())
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match name.as_str() {
            "--endpoint-url" => args.endpoint_url = Some(value()?),
            "--region" => args.region = Some(value()?),
            "--profile" => args.profile = Some(value()?),
            "--page-size" => args.page_size = value()?.parse()?,
            "-h" | "--help" => {
                println!(
                    "list-apis-sdk [--endpoint-url URL] [--region REGION] [--profile NAME] [--page-size N]\n\
                     Lists the REST APIs of the account and their stages. Whatever is not given \
                     comes from AWS_* variables and ~/.aws, as for the AWS CLI."
                );
                std::process::exit(0);
            }
            other => return Err(format!("unknown argument `{other}` (try --help)").into()),
        }
    }
    Ok(args)
}

async fn run() -> Result<(), Error> {
    let args = parse_args()?;
    let mut loader = aws_config::defaults(BehaviorVersion::latest());
    if let Some(url) = args.endpoint_url {
        loader = loader.endpoint_url(url);
    }
    if let Some(region) = args.region {
        loader = loader.region(Region::new(region));
    }
    if let Some(profile) = args.profile {
        loader = loader.profile_name(profile);
    }
    let config = loader.load().await;
    let client = Client::new(&config);
    let region = config
        .region()
        .ok_or("no region: give --region, or set AWS_REGION or a profile's `region`")?;
    // The endpoint the calls go to, from the SDK's own endpoint rules.
    let params = Params::builder()
        .region(region.as_ref())
        .set_endpoint(config.endpoint_url().map(str::to_owned))
        .set_use_fips(config.use_fips())
        .set_use_dual_stack(config.use_dual_stack())
        .build()?;
    let endpoint = DefaultResolver::new()
        .resolve_endpoint(&params)
        .await
        .map_err(|e| sdk_error(&*e))?;
    println!("REST APIs in {region} ({}):", endpoint.url());

    // Every page of GetRestApis (the SDK's paginator follows `position`).
    let apis: Vec<RestApi> = client
        .get_rest_apis()
        .limit(args.page_size)
        .into_paginator()
        .items()
        .send()
        .collect::<Result<_, _>>()
        .await
        .map_err(sdk_error)?;
    if apis.is_empty() {
        println!("  (none)");
    }
    for api in &apis {
        let id = api.id().unwrap_or("?");
        print!("  {id}  {}", api.name().unwrap_or("(no name)"));
        if let Some(created) = api.created_date() {
            print!("  created {}", created.fmt(DateTimeFormat::DateTime)?);
        }
        println!();
        let stages = client
            .get_stages()
            .rest_api_id(id)
            .send()
            .await
            .map_err(sdk_error)?;
        let stages = stages.item();
        if stages.is_empty() {
            println!("      no stages");
        }
        for stage in stages {
            print!(
                "      stage {:<12} deployment {}",
                stage.stage_name().unwrap_or("?"),
                stage.deployment_id().unwrap_or("-")
            );
            if let Some(d) = stage.description().filter(|d| !d.is_empty()) {
                print!("  \"{d}\"");
            }
            println!();
        }
    }
    Ok(())
}
