//! Building the scratch crate and running its harness.

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

/// Why a build failed: compile errors in a module's generated code
/// (`src/gen/<m>.rs`, the first one), in its cases (`src/cases/<m>.rs`, by
/// line), or errors no module owns.
#[derive(Debug, Default)]
pub struct BuildErrors {
    pub generated: BTreeMap<String, String>,
    pub cases: BTreeMap<String, Vec<(usize, String)>>,
    pub other: Vec<String>,
}

fn cargo() -> Command {
    let mut c = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    // The harness is built as it is, whatever flags the caller's build used.
    c.env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .env_remove("CARGO_BUILD_RUSTFLAGS");
    c
}

/// `cargo build` of the crate at `krate` into `target`. `Ok` when it built.
pub fn build(krate: &Path, target: &Path) -> Result<(), BuildErrors> {
    let out = cargo()
        .args([
            "build",
            "--offline",
            "--message-format=json",
            "--manifest-path",
        ])
        .arg(krate.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", target)
        .output();
    let out = match out {
        Ok(o) => o,
        Err(e) => {
            return Err(BuildErrors {
                other: vec![format!("cannot run cargo: {e}")],
                ..Default::default()
            })
        }
    };
    if out.status.success() {
        return Ok(());
    }
    let mut errors = attribute(&String::from_utf8_lossy(&out.stdout));
    if errors.generated.is_empty() && errors.cases.is_empty() && errors.other.is_empty() {
        errors.other.push(format!(
            "cargo build failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Err(errors)
}

/// The compile errors in cargo's JSON messages, by the module whose file
/// they are in (following macro expansions back to their call site).
pub fn attribute(json_lines: &str) -> BuildErrors {
    let mut errors = BuildErrors::default();
    for line in json_lines.lines() {
        let Ok(msg) = serde_json::from_str::<Value>(line) else {
            continue;
        };
        if msg["reason"] != "compiler-message" || msg["message"]["level"] != "error" {
            continue;
        }
        let m = &msg["message"];
        let text = m["message"].as_str().unwrap_or_default();
        if text.starts_with("aborting due to") || text.starts_with("could not compile") {
            continue;
        }
        // The first place in a scratch module, following macro expansions
        // back to their call sites.
        let mut owner: Option<(Source, usize, String)> = None;
        for span in m["spans"].as_array().into_iter().flatten() {
            let mut s = span;
            loop {
                let file = s["file_name"].as_str().unwrap_or_default();
                if let Some(source) = source_of(file) {
                    let line = s["line_start"].as_u64().unwrap_or(0) as usize;
                    owner.get_or_insert((source, line, format!("{file}:{line}")));
                    break;
                }
                match s.get("expansion").filter(|e| !e.is_null()) {
                    Some(e) => s = &e["span"],
                    None => break,
                }
            }
        }
        match owner {
            Some((Source::Generated(module), _, place)) => {
                errors
                    .generated
                    .entry(module)
                    .or_insert_with(|| format!("{text} ({place})"));
            }
            Some((Source::Cases(module), line, place)) => errors
                .cases
                .entry(module)
                .or_default()
                .push((line, format!("{text} ({place})"))),
            None => errors.other.push(
                m["rendered"]
                    .as_str()
                    .unwrap_or(text)
                    .trim_end()
                    .to_string(),
            ),
        }
    }
    errors
}

enum Source {
    Generated(String),
    Cases(String),
}

/// The module a source file of the scratch crate belongs to.
fn source_of(file: &str) -> Option<Source> {
    let file = file.replace('\\', "/");
    let module = |dir: &str| {
        let rest = file.rsplit_once(dir)?.1;
        rest.strip_suffix(".rs")
            .filter(|m| !m.contains('/'))
            .map(str::to_string)
    };
    module("src/gen/")
        .map(Source::Generated)
        .or_else(|| module("src/cases/").map(Source::Cases))
}

/// Run the harness binary from case number `first` on; its stdout, and
/// whether it ended normally.
pub fn run_harness(binary: &Path, first: usize) -> Result<(String, bool), String> {
    let out = Command::new(binary)
        .arg(first.to_string())
        .output()
        .map_err(|e| format!("cannot run {}: {e}", binary.display()))?;
    Ok((
        String::from_utf8_lossy(&out.stdout).into_owned(),
        out.status.success(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_are_attributed_through_macro_expansions() {
        let direct = r#"{"reason":"compiler-message","message":{"level":"error","message":"mismatched types","rendered":"error[E0308]","spans":[{"file_name":"src/cases/input_json_3.rs","line_start":12,"expansion":null}]}}"#;
        let expanded = r#"{"reason":"compiler-message","message":{"level":"error","message":"no field `x`","rendered":"error","spans":[{"file_name":"/w/codegen/runtime/src/lib.rs","line_start":1,"expansion":{"span":{"file_name":"/w/target/protocol-tests/crate/src/gen/output_rest_json_1.rs","line_start":40,"expansion":null}}}]}}"#;
        let orphan = r#"{"reason":"compiler-message","message":{"level":"error","message":"oops","rendered":"error: oops in main","spans":[{"file_name":"src/main.rs","line_start":1,"expansion":null}]}}"#;
        let noise = r#"{"reason":"compiler-message","message":{"level":"error","message":"aborting due to 2 previous errors","rendered":"","spans":[]}}
{"reason":"build-finished","success":false}
not json"#;
        let e = attribute(&[direct, expanded, orphan, noise].join("\n"));
        assert_eq!(
            e.cases["input_json_3"],
            [(
                12,
                "mismatched types (src/cases/input_json_3.rs:12)".to_string()
            )]
        );
        assert_eq!(
            e.generated["output_rest_json_1"],
            "no field `x` (/w/target/protocol-tests/crate/src/gen/output_rest_json_1.rs:40)"
        );
        assert_eq!(e.other, ["error: oops in main"]);
    }
}
