//! The `build.rs` layout (`Layout::SingleFile`) compiles when `include!`d the
//! way the README shows, with no warnings.

use std::path::Path;
use std::process::Command;

#[test]
fn single_file_layout_compiles_when_included() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let krate = Path::new(env!("CARGO_TARGET_TMPDIR")).join("single-file-crate");
    let out = krate.join("generated");
    let _ = std::fs::remove_dir_all(&krate);
    let generated = shapegen::Config::new()
        .model(root.join("models/apigateway.json"))
        .model(root.join("models/apigatewayv2.json"))
        .enum_names(root.join("models/enum-names.json"))
        .layout(shapegen::Layout::SingleFile)
        .generate()
        .unwrap_or_else(|e| panic!("{e}"));
    let names: Vec<&str> = generated.files.keys().map(String::as_str).collect();
    assert_eq!(names, ["apigateway.rs", "apigatewayv2.rs"]);
    generated.write(&out, &[]).unwrap();
    std::fs::create_dir_all(krate.join("src")).unwrap();
    std::fs::write(
        krate.join("Cargo.toml"),
        format!(
            "[package]\nname = \"single-file-check\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\n\
             [dependencies]\nshapegen-runtime = {{ path = {:?} }}\n\n[workspace]\n",
            root.join("codegen/runtime")
        ),
    )
    .unwrap();
    std::fs::write(
        krate.join("src/lib.rs"),
        "pub mod apigateway { include!(\"../generated/apigateway.rs\"); }\n\
         pub mod apigatewayv2 { include!(\"../generated/apigatewayv2.rs\"); }\n\
         pub fn uses() -> apigateway::Stage { apigateway::Stage::builder().stage_name(\"x\").build() }\n",
    )
    .unwrap();
    // The workspace's lock file pins the same serde the workspace builds with.
    std::fs::copy(root.join("Cargo.lock"), krate.join("Cargo.lock")).unwrap();
    let status = Command::new(env!("CARGO"))
        .args(["check", "--quiet", "--offline"])
        .current_dir(&krate)
        .env(
            "CARGO_TARGET_DIR",
            Path::new(env!("CARGO_TARGET_TMPDIR")).join("check-target"),
        )
        .env("RUSTFLAGS", "-D warnings")
        .status()
        .unwrap();
    assert!(
        status.success(),
        "the single-file layout does not compile cleanly"
    );
}
