//! A regen that fails leaves `generated/` byte-identical.
//!
//! `models/` and `generated/` are copied into a scratch directory; one model
//! gets a change that would rewrite generated files, another is broken (at
//! every stage: JSON, validation, naming); then the regen path of
//! `cargo xtask regen --models DIR --out DIR` runs (`Config::models_dir` →
//! `generate` → `Generated::write`) and every file under the copy of
//! `generated/` must be as before, with nothing added. The same holds when
//! the models are fine but writing fails halfway, after some files were
//! already replaced.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root")
        .to_path_buf()
}

/// Every file below `dir` with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("read_dir").flatten() {
            let p = e.path();
            if e.file_type().expect("file type").is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).expect("below dir").to_path_buf();
                out.insert(rel, std::fs::read(&p).expect("read"));
            }
        }
    }
    out
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

/// What `cargo xtask regen --models models --out generated` does.
fn regen(
    models: &Path,
    out: &Path,
    base: &Path,
) -> Result<shapegen::WriteReport, shapegen::Diagnostics> {
    shapegen::Config::new()
        .interface(shapegen::Interface::Xtask)
        .regen_command("cargo xtask regen")
        .models_dir(models)
        .map(|c| c.display_relative_to(base))
        .and_then(|c| c.generate())
        .and_then(|g| g.write(&out.join("src"), &[""]))
}

type Breakage = (&'static str, fn(&mut serde_json::Value) -> Option<Vec<u8>>);

#[test]
fn a_failing_regen_leaves_generated_byte_identical() {
    let work = Path::new(env!("CARGO_TARGET_TMPDIR")).join("failed-regen");
    let _ = std::fs::remove_dir_all(&work);
    let models = work.join("models");
    let generated = work.join("generated");
    copy_dir(&root().join("generated"), &generated);
    let before = snapshot(&generated);
    assert!(before.len() >= 10, "copied {} files", before.len());

    let breakages: &[Breakage] = &[
        ("malformed JSON", |_| Some(b"{\"metadata\": {,}".to_vec())),
        ("truncated JSON", |m| {
            let b = serde_json::to_vec(m).unwrap();
            Some(b[..b.len() / 3].to_vec())
        }),
        ("dangling reference", |m| {
            m["shapes"]["CreateIntegrationRequest"]["members"]["ConnectionId"]["shape"] =
                "Nowhere".into();
            None
        }),
        ("invalid shape name", |m| {
            m["shapes"]["../../escape"] = serde_json::json!({"type": "string"});
            None
        }),
        ("shape collision after case conversion", |m| {
            let s = m["shapes"]["AccessLogSettings"].clone();
            m["shapes"]["accessLogSettings"] = s;
            None
        }),
        ("enum collision", |m| {
            m["shapes"]["Collide"] = serde_json::json!({"type": "string", "enum": ["a-b", "a_b"]});
            None
        }),
    ];
    for (what, brk) in breakages {
        let _ = std::fs::remove_dir_all(&models);
        copy_dir(&root().join("models"), &models);
        // A change that a successful regen would write: apigateway's docs.
        let gw_path = models.join("apigateway.json");
        let mut gw: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&gw_path).unwrap()).unwrap();
        gw["documentation"] = "<p>Changed documentation that would be written.</p>".into();
        std::fs::write(&gw_path, serde_json::to_vec_pretty(&gw).unwrap()).unwrap();
        // And a broken apigatewayv2.
        let v2_path = models.join("apigatewayv2.json");
        let mut v2: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&v2_path).unwrap()).unwrap();
        let bytes = brk(&mut v2).unwrap_or_else(|| serde_json::to_vec_pretty(&v2).unwrap());
        std::fs::write(&v2_path, bytes).unwrap();

        let err = regen(&models, &generated, &work).expect_err(what);
        assert!(
            err.iter().all(|d| d.file.contains("apigatewayv2")),
            "{what}: {err}"
        );
        let expected = match *what {
            "malformed JSON" => "malformed JSON",
            "truncated JSON" => "the JSON ends early",
            "dangling reference" => "`Nowhere`",
            "invalid shape name" => "../../escape",
            "shape collision after case conversion" => "both become the Rust type",
            _ => "both become the variant",
        };
        assert!(err.to_string().contains(expected), "{what}: {err}");
        let after = snapshot(&generated);
        assert_eq!(
            before.keys().collect::<Vec<_>>(),
            after.keys().collect::<Vec<_>>(),
            "{what}: files were added or removed"
        );
        for (path, bytes) in &before {
            assert!(after[path] == *bytes, "{what}: {} changed", path.display());
        }
    }

    // Control: with the broken model repaired, the same regen does write.
    let _ = std::fs::remove_dir_all(&models);
    copy_dir(&root().join("models"), &models);
    let gw_path = models.join("apigateway.json");
    let mut gw: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&gw_path).unwrap()).unwrap();
    gw["documentation"] = "<p>Changed documentation that would be written.</p>".into();
    std::fs::write(&gw_path, serde_json::to_vec_pretty(&gw).unwrap()).unwrap();
    let report = regen(&models, &generated, &work).expect("valid models regenerate");
    assert!(
        !report.changed.is_empty(),
        "the control change rewrites files"
    );
    let _ = std::fs::remove_dir_all(&work);
}

/// A copy of `models/` with a documentation change that rewrites
/// `apigateway/types.rs`.
fn models_with_a_change(models: &Path) {
    let _ = std::fs::remove_dir_all(models);
    copy_dir(&root().join("models"), models);
    let gw_path = models.join("apigateway.json");
    let mut gw: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&gw_path).unwrap()).unwrap();
    gw["shapes"]["Stage"]["documentation"] = "<p>Changed, so types.rs is rewritten.</p>".into();
    std::fs::write(&gw_path, serde_json::to_vec_pretty(&gw).unwrap()).unwrap();
}

#[test]
fn a_write_failing_halfway_puts_back_the_files_it_had_replaced() {
    let work = Path::new(env!("CARGO_TARGET_TMPDIR")).join("failed-write");
    let _ = std::fs::remove_dir_all(&work);
    let models = work.join("models");
    models_with_a_change(&models);

    // Control: into an intact copy, the change replaces apigateway/types.rs,
    // which is written before apigatewayv2/ (files go in path order).
    let control = work.join("control");
    copy_dir(&root().join("generated"), &control);
    let report = regen(&models, &control, &work).expect("valid models regenerate");
    assert!(
        report.changed.iter().any(|f| f == "apigateway/types.rs"),
        "{report:?}"
    );

    // The same regen into a copy where apigatewayv2/types.rs cannot be
    // replaced (a directory stands in its place), and with a stray file that
    // a successful regen would delete.
    let generated = work.join("generated");
    copy_dir(&root().join("generated"), &generated);
    let blocked = generated.join("src/apigatewayv2/types.rs");
    std::fs::remove_file(&blocked).unwrap();
    std::fs::create_dir(&blocked).unwrap();
    std::fs::write(blocked.join("keep"), b"not a Rust file").unwrap();
    std::fs::write(generated.join("src/apigatewayv2/stray.rs"), b"// stray\n").unwrap();
    let before = snapshot(&generated);

    let err = regen(&models, &generated, &work).expect_err("the blocked file fails the write");
    let text = err.to_string();
    assert!(
        text.contains("cannot replace") && text.contains("apigatewayv2/types.rs"),
        "{text}"
    );
    assert!(text.contains("were restored"), "{text}");
    let after = snapshot(&generated);
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>(),
        "files were added or removed (temporaries or backups left behind?)"
    );
    for (path, bytes) in &before {
        assert!(after[path] == *bytes, "{} changed", path.display());
    }
    let _ = std::fs::remove_dir_all(&work);
}
