//! Lists the REST APIs of an account (API Gateway) and the stages of each.
//!
//! ```sh
//! cargo run -p list-apis                                  # region, credentials from the environment / ~/.aws
//! cargo run -p list-apis -- --endpoint-url http://127.0.0.1:5000 --region us-east-1   # e.g. against moto
//! AWS_ENDPOINT_URL=http://127.0.0.1:5000 cargo run -p list-apis
//! ```
//!
//! Options: `--endpoint-url URL`, `--region REGION`, `--profile NAME`,
//! `--page-size N` (GetRestApis' `limit`, default 25).

use apigw_types::apigateway::operations::{GetRestApis, GetStages};
use apigw_types::apigateway::{GetRestApisRequest, GetStagesRequest, RestApi};
use shapegen_runtime::client::Client;
use std::process::ExitCode;

type Error = Box<dyn std::error::Error>;

fn main() -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("list-apis: cannot start the tokio runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("list-apis: {e}");
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
                    "list-apis [--endpoint-url URL] [--region REGION] [--profile NAME] [--page-size N]\n\
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
    let mut builder = Client::builder();
    if let Some(url) = args.endpoint_url {
        builder = builder.endpoint_url(url);
    }
    if let Some(region) = args.region {
        builder = builder.region(region);
    }
    if let Some(profile) = args.profile {
        builder = builder.profile(profile);
    }
    let client = builder.build()?;
    let endpoint = client.endpoint(&apigw_types::apigateway::operations::SERVICE);
    println!("REST APIs in {} ({endpoint}):", client.region());

    // Every page of GetRestApis (the generated paginator follows `position`).
    let apis: Vec<RestApi> = client
        .send_all::<GetRestApis>(&GetRestApisRequest::builder().limit(args.page_size).build())
        .await?;
    if apis.is_empty() {
        println!("  (none)");
    }
    for api in &apis {
        let id = api.id.as_deref().unwrap_or("?");
        print!("  {id}  {}", api.name.as_deref().unwrap_or("(no name)"));
        if let Some(created) = &api.created_date {
            print!("  created {}", created.to_iso8601());
        }
        println!();
        let stages = client
            .send::<GetStages>(&GetStagesRequest::builder().rest_api_id(id).build()?)
            .await?;
        let stages = stages.item.unwrap_or_default();
        if stages.is_empty() {
            println!("      no stages");
        }
        for stage in stages {
            print!(
                "      stage {:<12} deployment {}",
                stage.stage_name.as_deref().unwrap_or("?"),
                stage.deployment_id.as_deref().unwrap_or("-")
            );
            if let Some(d) = stage.description.as_deref().filter(|d| !d.is_empty()) {
                print!("  \"{d}\"");
            }
            println!();
        }
    }
    Ok(())
}
