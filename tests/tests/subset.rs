//! Generating a subset of a service (`Config::operations`, `Config::shapes`):
//! only the shapes the named operations and shapes reach are generated, and
//! the result compiles on its own.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root")
        .to_path_buf()
}

fn apigateway() -> shapegen::Config {
    let models = root().join("models");
    shapegen::Config::new()
        .model(models.join("apigateway.json"))
        .paginators(models.join("paginators/apigateway.json"))
        .enum_names(models.join("enum-names.json"))
}

/// The structs and enums a generated file defines (nested modules included).
fn defined_types(source: &str) -> BTreeSet<String> {
    fn walk(items: &[syn::Item], out: &mut BTreeSet<String>) {
        for item in items {
            match item {
                syn::Item::Struct(s) => {
                    out.insert(s.ident.to_string());
                }
                syn::Item::Enum(e) => {
                    out.insert(e.ident.to_string());
                }
                syn::Item::Type(t) => {
                    out.insert(t.ident.to_string());
                }
                syn::Item::Mod(m) => walk(m.content.as_ref().map_or(&[], |c| &c.1), out),
                _ => {}
            }
        }
    }
    let file = syn::parse_file(source).expect("generated code parses");
    let mut out = BTreeSet::new();
    walk(&file.items, &mut out);
    out
}

fn set(names: &[&str]) -> BTreeSet<String> {
    names.iter().map(|s| s.to_string()).collect()
}

#[test]
fn one_operation_generates_only_the_shapes_it_reaches() {
    let g = apigateway()
        .operations(["GetStages"])
        .generate()
        .unwrap_or_else(|e| panic!("{e}"));
    let files: Vec<&str> = g.files.keys().map(String::as_str).collect();
    assert_eq!(
        files,
        [
            "apigateway/builders.rs",
            "apigateway/enums.rs",
            "apigateway/mod.rs",
            "apigateway/operations.rs",
            "apigateway/types.rs",
            "lib.rs"
        ]
    );
    // GetStages' input, output and errors, and what they reach: `Stage`'s
    // members (settings, canary settings, method settings, enums). Not one
    // more type of the 124 operations' hundreds.
    assert_eq!(
        defined_types(&g.files["apigateway/types.rs"]),
        set(&[
            "AccessLogSettings",
            "BadRequestException",
            "CanarySettings",
            "ConflictException",
            "GetStagesRequest",
            "LimitExceededException",
            "MethodSetting",
            "NotFoundException",
            "Stage",
            "Stages",
            "TooManyRequestsException",
            "UnauthorizedException",
        ])
    );
    assert_eq!(
        defined_types(&g.files["apigateway/enums.rs"]),
        set(&[
            "CacheClusterSize",
            "CacheClusterStatus",
            "UnauthorizedCacheControlHeaderStrategy",
        ])
    );
    let ops = &g.files["apigateway/operations.rs"];
    assert_eq!(defined_types(ops), set(&["GetStages"]));
    assert!(ops.contains("operation_error!(GetStagesError "), "{ops}");
    assert!(ops.contains("fn get_stages("), "{ops}");
    assert!(!ops.contains("fn get_stage("), "{ops}");
    assert!(!ops.contains("paginated!"), "{ops}");
}

#[test]
fn operations_keep_their_paginators_and_shapes_add_up() {
    let g = apigateway()
        .operations(["GetRestApis"])
        .shapes(["Method"])
        .operations(["GetStages"])
        .generate()
        .unwrap_or_else(|e| panic!("{e}"));
    let ops = &g.files["apigateway/operations.rs"];
    let paginated: Vec<&str> = ops.lines().filter(|l| l.contains("paginated!")).collect();
    assert_eq!(paginated.len(), 1, "{paginated:?}");
    assert!(paginated[0].contains("GetRestApis"), "{paginated:?}");
    let types = defined_types(&g.files["apigateway/types.rs"]);
    for t in [
        "RestApi",
        "RestApis",
        "Stage",
        "Method",
        "Integration",
        "MethodResponse",
    ] {
        assert!(types.contains(t), "{t} missing from {types:?}");
    }
    // `Method` is a shape, not an operation: no `GetMethod`.
    assert_eq!(defined_types(ops), set(&["GetRestApis", "GetStages"]));
}

#[test]
fn unknown_names_are_errors_that_suggest_the_model_s_own() {
    let err = apigateway()
        .operations(["GetStages", "GetStagez", "Frobnicate"])
        .shapes(["stage"])
        .generate()
        .map(|_| ())
        .unwrap_err()
        .to_string();
    let file = root().join("models/apigateway.json");
    let file = file.to_string_lossy();
    assert_eq!(
        err,
        format!(
            "error: {file}: at `operations`: the model has no operation `Frobnicate`\n  \
             help: `Config::operations` and `Config::shapes` take names as the model spells them (`DescribeInstances`)\n\
             error: {file}: at `operations`: the model has no operation `GetStagez`\n  \
             help: did you mean `GetStage`? `Config::operations` and `Config::shapes` take names as the model spells them (`DescribeInstances`)\n\
             error: {file}: at `shapes`: the model has no shape `stage`\n  \
             help: did you mean `Stage`? `Config::operations` and `Config::shapes` take names as the model spells them (`DescribeInstances`)\n\
             3 problems found"
        )
    );
}

/// A subset is a crate of its own: it compiles with no warnings, and its
/// operations are usable (a build with `-D warnings` of a scratch crate that
/// calls them).
#[test]
fn a_subset_compiles_on_its_own() {
    let root = root();
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let krate = tmp.join("subset-crate");
    let _ = std::fs::remove_dir_all(&krate);
    let g = apigateway()
        .operations(["GetStages", "GetRestApis"])
        .shapes(["Method"])
        .generate()
        .unwrap_or_else(|e| panic!("{e}"));
    g.write(&krate.join("src"), &[]).unwrap();
    let lib = krate.join("src/lib.rs");
    let mut text = std::fs::read_to_string(&lib).unwrap();
    text.push_str(
        "\npub fn uses() -> Result<(), Box<dyn std::error::Error>> {\n\
         use apigateway::operations::{GetRestApis, GetStages};\n\
         use primitives::{Operation, Paginated};\n\
         let input = apigateway::GetStagesRequest::builder().rest_api_id(\"a\").build()?;\n\
         let _ = GetStages::build_request(&input, \"https://example.com\")?;\n\
         let page = apigateway::RestApis::builder().position(\"p\").build();\n\
         let next = GetRestApis::next_input(&apigateway::GetRestApisRequest::builder().build(), &page);\n\
         assert!(next.is_some());\n\
         let _ = apigateway::Method::builder().http_method(\"GET\").build();\n\
         Ok(())\n\
         }\n",
    );
    std::fs::write(&lib, text).unwrap();
    std::fs::write(
        krate.join("Cargo.toml"),
        format!(
            "[package]\nname = \"subset-check\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\n\
             [dependencies]\nserde = \"1\"\nshapegen-runtime = {{ path = {:?} }}\n\n[workspace]\n",
            root.join("codegen/runtime")
        ),
    )
    .unwrap();
    // The workspace's lock file pins the same serde the workspace builds with.
    std::fs::copy(root.join("Cargo.lock"), krate.join("Cargo.lock")).unwrap();
    let out = Command::new(env!("CARGO"))
        .args(["check", "--quiet", "--offline", "--message-format=short"])
        .current_dir(&krate)
        // Shared with single_file.rs: the runtime's dependencies build once.
        .env("CARGO_TARGET_DIR", tmp.join("check-target"))
        .env("RUSTFLAGS", "-D warnings")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && !stderr.contains("warning"),
        "the subset does not compile cleanly:\n{stderr}"
    );
}
