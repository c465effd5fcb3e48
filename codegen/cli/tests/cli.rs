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
