//! Coverage-guided fuzzing of the whole pipeline: bytes → `Config::generate`.
//! Never panics; generated paths stay inside the output directory and every
//! generated file parses as Rust. See the README's "Fuzzing" section.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let generated = shapegen::Config::new()
        .model_bytes("fuzzed", "fuzz/model.json", data.to_vec())
        .generate();
    let Ok(generated) = generated else { return };
    for (rel, text) in &generated.files {
        assert!(
            rel.ends_with(".rs")
                && rel.split('/').all(|c| !c.is_empty()
                    && c != "."
                    && c != ".."
                    && c.bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.')),
            "unsafe path {rel:?}"
        );
        if let Err(e) = syn::parse_file(text) {
            panic!("{rel} does not parse: {e}");
        }
    }
});
