//! The `shapegen` command on a crate that already holds the user's own code.

use std::path::{Path, PathBuf};
use std::process::Command;

fn models() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../models")
}

fn shapegen(args: &[&std::ffi::OsStr]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_shapegen"))
        .args(args)
        .output()
        .expect("runs the shapegen binary");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The scenario of the data-loss report: `generate --out src` (and
/// `--single-file`) on a crate with `main.rs`, `util.rs` and
/// `handwritten/mod.rs` used to delete all three.
#[test]
fn generate_into_a_crates_src_keeps_the_users_files() {
    for single_file in [false, true] {
        let dir =
            std::env::temp_dir().join(format!("shapegen-cli-{}-{single_file}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let src = dir.join("src");
        let mine = [
            ("main.rs", "fn main() {}\n"),
            ("util.rs", "pub fn util() {}\n"),
            ("handwritten/mod.rs", "pub fn mine() {}\n"),
            ("sub/x.rs", "// x\n"),
        ];
        for (rel, text) in mine {
            let p = src.join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
        let model = models().join("apigateway.json");
        let mut args = vec![
            "generate".as_ref(),
            "--model".as_ref(),
            model.as_os_str(),
            "--out".as_ref(),
            src.as_os_str(),
        ];
        if single_file {
            args.push("--single-file".as_ref());
        }
        let (ok, stdout, stderr) = shapegen(&args);
        assert!(ok, "{stderr}");
        for (rel, text) in mine {
            assert_eq!(
                std::fs::read_to_string(src.join(rel)).unwrap(),
                text,
                "{rel} was touched"
            );
            assert!(stdout.contains("kept "), "{stdout}");
        }
        // Every created file is named.
        let created = if single_file {
            "apigateway.rs"
        } else {
            "apigateway/types.rs"
        };
        assert!(
            stdout.contains(&format!("new      {}/{created}", src.display())),
            "{stdout}"
        );
        assert!(stdout.contains("0 deleted"), "{stdout}");

        // --check names the stale file.
        let stale = src.join(if single_file {
            "apigateway.rs"
        } else {
            "apigateway/enums.rs"
        });
        let text = std::fs::read_to_string(&stale).unwrap();
        std::fs::write(&stale, text + "// edited\n").unwrap();
        args.push("--check".as_ref());
        let (ok, _, stderr) = shapegen(&args);
        assert!(!ok);
        assert!(
            stderr.contains(&format!("changed  {}", stale.display())),
            "{stderr}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

/// A fresh scratch directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("cli-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn run(cwd: &Path, args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_shapegen"))
        .current_dir(cwd)
        .args(args)
        .output()
        .expect("runs the shapegen binary");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap()
}

/// Every file under `dir`, by relative path.
fn files(dir: &Path) -> std::collections::BTreeMap<String, String> {
    fn walk(base: &Path, dir: &Path, out: &mut std::collections::BTreeMap<String, String>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(base, &p, out);
            } else {
                let rel = p
                    .strip_prefix(base)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, std::fs::read_to_string(&p).unwrap());
            }
        }
    }
    let mut out = Default::default();
    walk(dir, dir, &mut out);
    out
}

/// A generated file without its two header lines.
fn body(text: &str) -> &str {
    text.splitn(3, '\n').nth(2).unwrap()
}

/// botocore ships `service-2.json.gz`: gzip is recognised by its magic bytes,
/// whatever the file's name, and generates exactly what the plain model does.
#[test]
fn a_gzip_compressed_model_generates_what_the_plain_one_does() {
    let dir = scratch("gzip");
    let plain = std::fs::read(models().join("apigateway.json")).unwrap();
    for (sub, bytes) in [("plain", plain.clone()), ("gz", gzip(&plain))] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
        // The same name for both, so that the headers are the same too.
        std::fs::write(dir.join(sub).join("apigateway.json"), bytes).unwrap();
        let (ok, _, stderr) = run(
            &dir.join(sub),
            &["generate", "--model", "apigateway.json", "--out", "src"],
        );
        assert!(ok, "{sub}: {stderr}");
    }
    let expected = files(&dir.join("plain/src"));
    assert!(expected.contains_key("apigateway/types.rs"), "{expected:?}");
    assert_eq!(files(&dir.join("gz/src")), expected);

    // botocore's own name: the module is still `apigateway`'s stem without `.json.gz`.
    std::fs::create_dir_all(dir.join("botocore")).unwrap();
    std::fs::write(dir.join("botocore/apigateway.json.gz"), gzip(&plain)).unwrap();
    let (ok, _, stderr) = run(
        &dir.join("botocore"),
        &["generate", "--model", "apigateway.json.gz", "--out", "src"],
    );
    assert!(ok, "{stderr}");
    let from_gz = files(&dir.join("botocore/src"));
    assert_eq!(
        from_gz.keys().collect::<Vec<_>>(),
        expected.keys().collect::<Vec<_>>()
    );
    for (path, text) in &expected {
        assert_eq!(body(&from_gz[path]), body(text), "{path}");
    }
    assert!(
        from_gz["lib.rs"].starts_with("// @generated by shapegen from ../apigateway.json.gz."),
        "{}",
        from_gz["lib.rs"]
    );

    // botocore's layout: the module is named after the service's directory.
    let version = dir.join("botocore/data/apigateway/2015-07-09");
    std::fs::create_dir_all(&version).unwrap();
    std::fs::write(version.join("service-2.json.gz"), gzip(&plain)).unwrap();
    let (ok, _, stderr) = run(
        &dir.join("botocore"),
        &[
            "generate",
            "--model",
            "data/apigateway/2015-07-09/service-2.json.gz",
            "--out",
            "data-src",
        ],
    );
    assert!(ok, "{stderr}");
    let from_botocore = files(&dir.join("botocore/data-src"));
    for (path, text) in &expected {
        assert_eq!(body(&from_botocore[path]), body(text), "{path}");
    }

    // A damaged archive says so.
    let gz = gzip(&plain);
    std::fs::write(dir.join("truncated.json.gz"), &gz[..gz.len() / 2]).unwrap();
    let (ok, _, stderr) = run(
        &dir,
        &["generate", "--model", "truncated.json.gz", "--out", "out"],
    );
    assert!(!ok);
    assert!(
        stderr.contains(
            "truncated.json.gz: the model file is gzip-compressed but does not decompress"
        ),
        "{stderr}"
    );
}

/// `enum-names.json` beside the model is the enum name table unless
/// `--enum-names` names another or `--no-enum-names` is given: the repository's
/// `models/apigateway.json` then generates the committed `enums.rs`.
#[test]
fn the_enum_name_table_beside_the_model_is_used() {
    let dir = scratch("enum-names");
    let model = models().join("apigateway.json");
    let model = model.to_str().unwrap();
    let committed =
        std::fs::read_to_string(models().join("../generated/src/apigateway/enums.rs")).unwrap();
    assert!(committed.contains("    Size0Point5Gb,\n"));

    let (ok, stdout, stderr) = run(&dir, &["generate", "--model", model, "--out", "beside"]);
    assert!(ok, "{stderr}");
    assert!(stdout.contains("enum names from "), "{stdout}");
    let enums = std::fs::read_to_string(dir.join("beside/apigateway/enums.rs")).unwrap();
    assert_eq!(body(&enums), body(&committed));

    let (ok, _, stderr) = run(
        &dir,
        &[
            "generate",
            "--model",
            model,
            "--no-enum-names",
            "--out",
            "none",
        ],
    );
    assert!(ok, "{stderr}");
    let enums = std::fs::read_to_string(dir.join("none/apigateway/enums.rs")).unwrap();
    assert!(!enums.contains("Size0Point5Gb") && enums.contains("    V0Point5,\n"));

    std::fs::write(
        dir.join("mine.json"),
        r#"{"apigateway": {"CacheClusterSize": {"0.5": "Half"}}}"#,
    )
    .unwrap();
    let (ok, _, stderr) = run(
        &dir,
        &[
            "generate",
            "--model",
            model,
            "--enum-names",
            "mine.json",
            "--out",
            "mine",
        ],
    );
    assert!(ok, "{stderr}");
    let enums = std::fs::read_to_string(dir.join("mine/apigateway/enums.rs")).unwrap();
    assert!(enums.contains("    Half,\n") && !enums.contains("Size0Point5Gb"));
    assert!(
        enums
            .lines()
            .nth(1)
            .unwrap()
            .contains("--enum-names ../mine.json"),
        "{enums}"
    );
}

/// The header names the command that regenerates the file, with paths
/// relative to the output directory: the same wherever the project lives and
/// whichever directory the command was run from, and it works when run there.
#[test]
fn the_header_names_the_command_relative_to_the_output_directory() {
    let dir = scratch("header");
    std::fs::create_dir_all(dir.join("project/models")).unwrap();
    std::fs::copy(
        models().join("apigateway.json"),
        dir.join("project/models/apigateway.json"),
    )
    .unwrap();
    let (ok, _, stderr) = run(
        &dir.join("project"),
        &[
            "generate",
            "--model",
            "models/apigateway.json",
            "--out",
            "crate/src",
        ],
    );
    assert!(ok, "{stderr}");
    let src = dir.join("project/crate/src");
    let first = files(&src);
    for (path, text) in &first {
        let mut lines = text.lines();
        if path != "primitives.rs" {
            assert_eq!(
                lines.next(),
                Some("// @generated by shapegen from ../../models/apigateway.json. Do not edit by hand."),
                "{path}"
            );
        } else {
            lines.next();
        }
        assert_eq!(
            lines.next(),
            Some("// Regenerate with `shapegen generate --model ../../models/apigateway.json --out .` in the output directory."),
            "{path}"
        );
    }
    // Absolute paths from elsewhere: the same bytes.
    let (ok, stdout, stderr) = run(
        &dir,
        &[
            "generate",
            "--model",
            dir.join("project/models/apigateway.json").to_str().unwrap(),
            "--out",
            src.to_str().unwrap(),
        ],
    );
    assert!(ok, "{stderr}");
    assert!(stdout.contains(" 0 changed"), "{stdout}");
    // The header's command, run in the output directory.
    let (ok, stdout, stderr) = run(
        &src,
        &[
            "generate",
            "--model",
            "../../models/apigateway.json",
            "--out",
            ".",
            "--check",
        ],
    );
    assert!(ok && stdout.contains("up to date"), "{stdout}{stderr}");
    assert_eq!(files(&src), first);
}

#[test]
fn an_empty_model_file_is_named_as_such() {
    let dir = scratch("empty");
    std::fs::write(dir.join("service-2.json"), "").unwrap();
    std::fs::write(dir.join("blank.json"), "\n  \n").unwrap();
    std::fs::write(dir.join("empty.json.gz"), gzip(b"")).unwrap();
    for file in ["service-2.json", "blank.json", "empty.json.gz"] {
        let (ok, _, stderr) = run(&dir, &["generate", "--model", file, "--out", "out"]);
        assert!(!ok);
        assert!(
            stderr.contains(&format!("error: {file}: the model file is empty")),
            "{stderr}"
        );
        assert!(!stderr.contains("malformed JSON"), "{stderr}");
    }
    assert!(!dir.join("out").exists());
}

#[test]
fn a_model_path_that_is_a_directory_is_named_as_such() {
    let dir = scratch("directory");
    // botocore's layout: data/<service>/<api version>/service-2.json.gz.
    let version = dir.join("data/apigateway/2015-07-09");
    std::fs::create_dir_all(&version).unwrap();
    std::fs::write(version.join("service-2.json.gz"), gzip(b"{}")).unwrap();
    let (ok, _, stderr) = run(
        &dir,
        &["generate", "--model", "data/apigateway", "--out", "out"],
    );
    assert!(!ok);
    assert!(
        stderr.contains("error: data/apigateway: the model path is a directory, not a file"),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "help: name a model file inside it: data/apigateway/2015-07-09/service-2.json.gz"
        ),
        "{stderr}"
    );
    assert!(!dir.join("out").exists());
}

#[test]
fn an_output_path_that_is_a_file_is_named_as_such() {
    let dir = scratch("out-file");
    std::fs::write(dir.join("src"), "mine\n").unwrap();
    let model = models().join("apigateway.json");
    for check in [false, true] {
        let mut args = vec![
            "generate",
            "--model",
            model.to_str().unwrap(),
            "--out",
            "src",
        ];
        if check {
            args.push("--check");
        }
        let (ok, _, stderr) = run(&dir, &args);
        assert!(!ok);
        assert!(
            stderr.contains("error: src: the output directory is a file"),
            "{stderr}"
        );
        assert_eq!(std::fs::read_to_string(dir.join("src")).unwrap(), "mine\n");
    }
}

/// What the README's `build.rs` prints: one `cargo:rerun-if-changed` per model,
/// the enum name table, and every directory given to `models_dir`.
#[test]
fn build_scripts_rerun_when_any_input_changes() {
    let dir = scratch("inputs");
    std::fs::write(dir.join("a.json"), "{}").unwrap();
    std::fs::write(dir.join("enum-names.json"), "{}").unwrap();
    let config = shapegen::Config::new()
        .model("x/b.json")
        .model_bytes("mem", "mem.json", "{}")
        .models_dir(&dir)
        .unwrap();
    assert_eq!(
        config.inputs(),
        [
            PathBuf::from("x/b.json"),
            dir.join("a.json"),
            dir.join("enum-names.json"),
            dir.clone()
        ]
    );
}

/// Package `shapegen` (the library build scripts depend on) pulls in no
/// command-line dependency: clap lives in `shapegen-cli` alone.
#[test]
fn the_library_package_has_no_cli_dependencies() {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../Cargo.toml");
    // Offline, only the packages of this platform are sure to be there.
    let version = Command::new(env!("CARGO")).arg("-vV").output().unwrap();
    let version = String::from_utf8(version.stdout).unwrap();
    let host = version
        .lines()
        .find_map(|l| l.strip_prefix("host: "))
        .expect("cargo -vV names the host");
    let out = Command::new(env!("CARGO"))
        .args([
            "metadata",
            "--format-version",
            "1",
            "--offline",
            "--locked",
            "--manifest-path",
        ])
        .arg(&workspace)
        .args(["--filter-platform", host])
        .output()
        .expect("runs cargo metadata");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let name_of = |id: &str| -> String {
        meta["packages"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["id"] == id)
            .map(|p| p["name"].as_str().unwrap().to_string())
            .unwrap()
    };
    let id_of = |name: &str| -> String {
        meta["workspace_members"]
            .as_array()
            .unwrap()
            .iter()
            .map(|id| id.as_str().unwrap())
            .find(|id| name_of(id) == name)
            .unwrap()
            .to_string()
    };
    // Every package reachable through normal (not dev, not build) dependencies.
    let normal_closure = |root: &str| -> std::collections::BTreeSet<String> {
        let nodes = meta["resolve"]["nodes"].as_array().unwrap();
        let mut seen = std::collections::BTreeSet::new();
        let mut todo = vec![root.to_string()];
        while let Some(id) = todo.pop() {
            if !seen.insert(id.clone()) {
                continue;
            }
            let node = nodes.iter().find(|n| n["id"] == id.as_str()).unwrap();
            for dep in node["deps"].as_array().unwrap() {
                let normal = dep["dep_kinds"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|k| k["kind"].is_null());
                if normal {
                    todo.push(dep["pkg"].as_str().unwrap().to_string());
                }
            }
        }
        seen.iter().map(|id| name_of(id)).collect()
    };
    let library = normal_closure(&id_of("shapegen"));
    assert!(library.contains("syn"), "{library:?}");
    for cli_only in ["clap", "clap_derive", "clap_builder", "flate2"] {
        assert!(
            !library.contains(cli_only),
            "shapegen depends on {cli_only}: {library:?}"
        );
    }
    let cli = normal_closure(&id_of("shapegen-cli"));
    assert!(cli.contains("clap") && cli.contains("flate2"), "{cli:?}");
}

/// Hints name the command's flags, not `Config` methods or this repository's files.
#[test]
fn hints_name_what_a_command_line_user_can_change() {
    let dir = scratch("hints");
    let model = r#"{
        "version": "2.0",
        "metadata": {"apiVersion": "2024-01-01", "endpointPrefix": "fixture", "protocol": "rest-json",
                     "serviceId": "Fixture", "signatureVersion": "v4", "uid": "fixture-2024-01-01"},
        "operations": {},
        "shapes": {"Clash": {"type": "string", "enum": ["a_b", "A B"]}}
    }"#;
    std::fs::write(dir.join("fixture.json"), model).unwrap();
    std::fs::write(dir.join("primitives.json"), model.replace("a_b", "c")).unwrap();
    std::fs::write(
        dir.join("wrong.json"),
        model.replace(r#""operations": {}"#, r#""operations": []"#),
    )
    .unwrap();
    let (ok, _, stderr) = run(
        &dir,
        &[
            "generate",
            "--model",
            "fixture.json",
            "--model",
            "primitives.json",
            "--model",
            "wrong.json",
            "--out",
            "out",
        ],
    );
    assert!(!ok);
    assert!(
        stderr.contains("error: fixture.json: at `shapes.Clash.enum[1]`: the enum values `a_b` and `A B` of `Clash` both become the variant `AB`\n  help: name one of them in the enum name table (`enum-names.json` beside the first model, or `--enum-names FILE`): "),
        "{stderr}"
    );
    assert!(
        stderr.contains("error: primitives.json: this model would become the module `primitives`, a name the generated crate already uses\n  help: rename the model file: "),
        "{stderr}"
    );
    assert!(
        stderr.contains("error: wrong.json: at `operations`"),
        "{stderr}"
    );
    for other in ["Config::", "models/", "xtask"] {
        assert!(!stderr.contains(other), "{other}: {stderr}");
    }
}

/// `--operation` and `--shape` generate only what they name and the shapes
/// that reaches; the header's command repeats them, so `--check` in the output
/// directory finds the subset up to date.
#[test]
fn operation_and_shape_flags_generate_a_subset() {
    let dir = scratch("subset");
    std::fs::create_dir_all(dir.join("models")).unwrap();
    std::fs::copy(
        models().join("apigateway.json"),
        dir.join("models/apigateway.json"),
    )
    .unwrap();
    let (ok, _, stderr) = run(
        &dir,
        &[
            "generate",
            "--model",
            "models/apigateway.json",
            "--operation",
            "GetStages",
            "--operation",
            "GetRestApis",
            "--shape",
            "Method",
            "--out",
            "src",
        ],
    );
    assert!(ok, "{stderr}");
    let src = dir.join("src");
    let generated = files(&src);
    let types = &generated["apigateway/types.rs"];
    assert_eq!(
        types.lines().nth(1),
        Some("// Regenerate with `shapegen generate --model ../models/apigateway.json --operation GetStages --operation GetRestApis --shape Method --out .` in the output directory.")
    );
    for present in [
        "pub struct Stage {",
        "pub struct RestApi {",
        "pub struct Method {",
    ] {
        assert!(types.contains(present), "{present}");
    }
    for absent in ["pub struct Deployment {", "pub struct ApiKey {"] {
        assert!(!types.contains(absent), "{absent}");
    }
    let ops = &generated["apigateway/operations.rs"];
    assert!(ops.contains("pub struct GetStages;") && ops.contains("pub struct GetRestApis;"));
    assert_eq!(ops.matches("impl __rt::Operation for").count(), 2, "{ops}");
    let (ok, stdout, stderr) = run(
        &src,
        &[
            "generate",
            "--model",
            "../models/apigateway.json",
            "--operation",
            "GetStages",
            "--operation",
            "GetRestApis",
            "--shape",
            "Method",
            "--out",
            ".",
            "--check",
        ],
    );
    assert!(ok && stdout.contains("up to date"), "{stdout}{stderr}");
    // Without the flags the same command would generate the whole service.
    let (ok, _, stderr) = run(
        &src,
        &[
            "generate",
            "--model",
            "../models/apigateway.json",
            "--out",
            ".",
            "--check",
        ],
    );
    assert!(!ok && stderr.contains("is stale"), "{stderr}");
}

/// A name the model does not have is an error naming the model file as typed
/// and the name, with the model's closest name and the flags' hint.
#[test]
fn unknown_operation_and_shape_names_are_errors() {
    let dir = scratch("subset-unknown");
    std::fs::create_dir_all(dir.join("models")).unwrap();
    std::fs::copy(
        models().join("apigateway.json"),
        dir.join("models/apigateway.json"),
    )
    .unwrap();
    let (ok, _, stderr) = run(
        &dir,
        &[
            "generate",
            "--model",
            "models/apigateway.json",
            "--operation",
            "GetStages",
            "--operation",
            "getstage",
            "--shape",
            "Stagez",
            "--out",
            "out",
        ],
    );
    assert!(!ok);
    assert_eq!(
        stderr,
        "error: models/apigateway.json: at `operations`: the model has no operation `getstage`\n  \
         help: did you mean `GetStage`? `--operation` and `--shape` take names as the model spells them (`DescribeInstances`)\n\
         error: models/apigateway.json: at `shapes`: the model has no shape `Stagez`\n  \
         help: did you mean `Stage`? `--operation` and `--shape` take names as the model spells them (`DescribeInstances`)\n\
         2 problems found\n"
    );
    assert!(!dir.join("out").exists());
}

/// A service whose bodies are XML needs the runtime's `xml` feature: the
/// command says so after writing, and a JSON service's run says nothing.
#[test]
fn non_json_services_name_the_runtime_feature_they_need() {
    let dir = scratch("features");
    let sts = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/sts/sts.json");
    let (ok, stdout, stderr) = run(
        &dir,
        &["generate", "--model", sts.to_str().unwrap(), "--out", "src"],
    );
    assert!(ok, "{stderr}");
    assert!(
        stdout.contains(
            "note: the crate's dependency on shapegen-runtime needs features = [\"xml\"] (its protocols' bodies)"
        ),
        "{stdout}"
    );
    let (ok, stdout, stderr) = run(
        &dir,
        &[
            "generate",
            "--model",
            models().join("apigateway.json").to_str().unwrap(),
            "--out",
            "json",
        ],
    );
    assert!(ok, "{stderr}");
    assert!(!stdout.contains("note:"), "{stdout}");
}
