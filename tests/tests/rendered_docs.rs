//! The generated crate's documentation as rustdoc renders it: `cargo doc -p
//! apigw-types --no-deps` (with `-D warnings`: no broken intra-doc link), then
//! the HTML pages are read for what a user looks for there: each operation's
//! request line and its input, output and error types; each structure's
//! builder on a page of its own, with each setter saying whether its member is
//! required and what it is; a line for shapes the model does not document;
//! the services named once at the top of their modules; none of the models'
//! transcription artifacts; the crate page's example.

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// `target/doc/apigw_types` of a rustdoc run of its own (once per test run).
fn doc_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("rendered-docs");
        let out = Command::new(env!("CARGO"))
            .args([
                "doc",
                "-p",
                "apigw-types",
                "--no-deps",
                "--offline",
                "--locked",
            ])
            .current_dir(root())
            .env("CARGO_TARGET_DIR", &target)
            .env("RUSTDOCFLAGS", "-D warnings")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "cargo doc -p apigw-types failed (warnings are errors):\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        target.join("doc/apigw_types")
    })
}

fn page(rel: &str) -> String {
    let path = doc_dir().join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The text of some HTML: tags dropped (a tag is a space), entities decoded,
/// whitespace collapsed.
fn text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                // Inline tags (`<code>`, `<a>`) join words; a space either
                // side of them is the text's own.
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = out
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The HTML of the item's own documentation (the first docblock of a page).
fn first_docblock(html: &str) -> &str {
    let start = html
        .find("<div class=\"docblock\">")
        .expect("the page has a docblock");
    let rest = &html[start..];
    &rest[..rest.find("</div>").unwrap_or(rest.len())]
}

/// Every docblock of a page (item, fields, methods), as HTML.
fn docblocks(html: &str) -> Vec<&str> {
    html.match_indices("<div class=\"docblock")
        .map(|(i, _)| {
            let rest = &html[i..];
            &rest[..rest.find("</div>").unwrap_or(rest.len())]
        })
        .collect()
}

fn model(name: &str) -> Value {
    let text = std::fs::read_to_string(root().join("models").join(format!("{name}.json"))).unwrap();
    serde_json::from_str(&text).unwrap()
}

const SERVICES: &[&str] = &["apigateway", "apigatewayv2"];

#[test]
fn operation_pages_give_the_request_line_and_link_the_types() {
    for service in SERVICES {
        let model = model(service);
        let ops = model["operations"].as_object().unwrap();
        assert!(!ops.is_empty());
        for (name, op) in ops {
            let rust = shapegen::names::type_name(name);
            let html = page(&format!("{service}/operations/struct.{rust}.html"));
            let doc = first_docblock(&html);
            let http = &op["http"];
            let line = format!(
                "{} {} → {}.",
                http["method"].as_str().unwrap(),
                http["requestUri"].as_str().unwrap(),
                http["responseCode"].as_u64().unwrap_or(200)
            );
            assert!(
                text(doc).contains(&line),
                "{service} {name}: the page does not say `{line}`:\n{}",
                text(doc)
            );
            for (role, shape) in [("input", &op["input"]), ("output", &op["output"])] {
                match shape["shape"].as_str() {
                    Some(s) => {
                        let href =
                            format!("href=\"../struct.{}.html\"", shapegen::names::type_name(s));
                        assert!(
                            doc.contains(&href),
                            "{service} {name}: no link to its {role} ({href})"
                        );
                    }
                    None => assert!(
                        text(doc).contains(&format!("{role}: none")),
                        "{service} {name}: should say it has no {role}"
                    ),
                }
            }
            let error = format!("{rust}Error");
            assert!(
                doc.contains(&format!("enum.{error}.html"))
                    || doc.contains(&format!("type.{error}.html")),
                "{service} {name}: no link to its error type {error}"
            );
        }
    }
}

#[test]
fn each_builder_has_a_page_with_documented_setters() {
    assert!(
        !doc_dir()
            .join("apigateway/builders/struct.Builder.html")
            .exists(),
        "builders are one type per structure, not a generic Builder<T>"
    );
    let mut setters = 0;
    for service in SERVICES {
        let model = model(service);
        for (name, shape) in model["shapes"].as_object().unwrap() {
            let members = match shape["members"].as_object() {
                Some(m) if shape["type"] == "structure" && shape.get("union").is_none() => m,
                _ => continue,
            };
            let rust = shapegen::names::type_name(name);
            let html = page(&format!(
                "{service}/builders/struct.{}Builder.html",
                rust.trim_end_matches('_')
            ));
            let required: Vec<&str> = shape["required"]
                .as_array()
                .map(|r| r.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            for (member, m) in members {
                // As written in Rust (`r#type`); the anchor has no `r#`.
                let field = shapegen::names::field_name(member);
                let method = shapegen::names::setter_name(&field);
                let anchor = format!("id=\"method.{}\"", method.trim_start_matches("r#"));
                let at = html
                    .find(&anchor)
                    .unwrap_or_else(|| panic!("{service} {name}: no setter {method}"));
                let doc = text(first_docblock(&html[at..]));
                let presence = if required.contains(&member.as_str()) {
                    "(required)."
                } else {
                    "(optional"
                };
                assert!(
                    doc.starts_with(&format!("Sets {field} {presence}")),
                    "{service} {name}.{member}: the setter's doc is `{doc}`"
                );
                // The member's documentation follows (its first sentence).
                let member_doc = m["documentation"].as_str().unwrap_or("");
                let first_word = text(member_doc)
                    .split_whitespace()
                    .next()
                    .map(str::to_string);
                if let Some(w) = first_word.filter(|w| w.chars().all(char::is_alphanumeric)) {
                    assert!(
                        doc.contains(&w),
                        "{service} {name}.{member}: the setter's doc `{doc}` lacks the member's"
                    );
                }
                setters += 1;
            }
        }
    }
    assert!(setters > 500, "only {setters} setters checked");
    // One example in full.
    let html = page("apigateway/builders/struct.CreateStageRequestBuilder.html");
    let at = html.find("id=\"method.stage_name\"").unwrap();
    assert_eq!(
        text(first_docblock(&html[at..])),
        "Sets stage_name (required). {Required] The name for the Stage resource."
    );
}

#[test]
fn shapes_without_documentation_say_what_they_are() {
    for (page_name, line) in [
        (
            "apigateway/enum.GatewayResponseType.html",
            "The GatewayResponseType shape of Amazon API Gateway: a string enum.",
        ),
        (
            "apigateway/struct.EndpointConfiguration.html",
            "The EndpointConfiguration shape of Amazon API Gateway: a structure.",
        ),
    ] {
        assert_eq!(text(first_docblock(&page(page_name))), line);
    }
}

#[test]
fn services_are_named_once() {
    let crate_page = page("index.html");
    for (service, summary, doc_start) in [
        (
            "apigateway",
            "Amazon API Gateway (API version 2015-07-09).",
            "Amazon API Gateway helps developers",
        ),
        (
            "apigatewayv2",
            "Amazon API Gateway V2 (API version 2018-11-29).",
            "",
        ),
    ] {
        // The crate page's list of modules: the summary alone.
        let entry = format!("<a class=\"mod\" href=\"{service}/index.html\"");
        let at = crate_page
            .find(&entry)
            .unwrap_or_else(|| panic!("{service} is not listed"));
        let rest = &crate_page[at..];
        let desc = &rest[rest.find("<dd>").unwrap()..rest.find("</dd>").unwrap()];
        assert_eq!(text(desc), summary);
        // The module's page: the summary, then the model's text without the name.
        let doc = text(first_docblock(&page(&format!("{service}/index.html"))));
        let after = doc
            .strip_prefix(summary)
            .unwrap_or_else(|| panic!("{service}: `{doc}`"))
            .trim();
        assert!(after.starts_with(doc_start), "{service}: `{doc}`");
        assert!(!after.starts_with("Amazon API Gateway V2"), "{doc}");
    }
}

/// What the pages' link labels, link-end spaces and AWS's Markdown escapes
/// left in the models' text (see models/README.md, D9) is gone.
#[test]
fn no_transcription_artifacts() {
    let mut pages = 0;
    let mut stack = vec![doc_dir().to_path_buf()];
    let mut found: BTreeMap<String, String> = BTreeMap::new();
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "html") {
                continue;
            }
            pages += 1;
            let html = std::fs::read_to_string(&path).unwrap();
            for block in docblocks(&html) {
                // Prose only: code spans and blocks keep what they quote.
                let mut prose = String::new();
                let mut rest = block;
                while let Some(i) = rest.find("<code>") {
                    prose.push_str(&rest[..i]);
                    prose.push_str("CODE");
                    rest = &rest[i..];
                    rest = &rest[rest.find("</code>").map_or(rest.len(), |e| e + 7)..];
                }
                prose.push_str(rest);
                let t = text(&prose);
                let paragraphs: Vec<String> = block
                    .split("<p>")
                    .skip(1)
                    .map(|p| text(&p[..p.find("</p>").unwrap_or(p.len())]))
                    .collect();
                // In code too: `arn:aws:iam::\*:user/\*` was AWS's escape.
                let artifact = if text(block).contains("\\*") {
                    Some("an escaped `*`")
                } else if t.as_bytes().windows(4).any(|w| {
                    w[0].is_ascii_alphanumeric()
                        && w[1] == b' '
                        && b".,;:".contains(&w[2])
                        && w[3] == b' '
                }) || t.ends_with(" .")
                {
                    Some("a space before a punctuation mark")
                } else if paragraphs.iter().any(|p| {
                    ["AWS CLI", "Use API Keys", "Create an API", "Deploy an API"]
                        .contains(&p.as_str())
                }) {
                    Some("a link label without its link")
                } else {
                    None
                };
                if let Some(what) = artifact {
                    found.insert(path.display().to_string(), format!("{what}: {t}"));
                }
            }
        }
    }
    assert!(pages > 500, "only {pages} pages");
    assert!(found.is_empty(), "{found:#?}");
}

/// The crate's page has the generated example, which `cargo test --doc`
/// runs (it is a doctest of `generated/src/lib.rs`).
#[test]
fn the_crate_page_has_an_example() {
    let html = page("index.html");
    let start = html.find("<div class=\"docblock\">").unwrap();
    let doc = &html[start..start + html[start..].find("<h2 id=\"reexports\"").unwrap()];
    let t = text(doc);
    assert!(t.contains("Example"), "{t}");
    assert!(t.contains("CreateDeploymentRequest::builder()"), "{t}");
    assert!(t.contains("CreateDeployment::build_request"), "{t}");
    assert!(t.contains("CreateDeployment::parse_response"), "{t}");
    assert!(t.contains("apigw_types::from_json"), "{t}");
    // Every module is in the table, and the builder and operations modules are linked.
    assert!(doc.contains("href=\"apigateway/index.html\""));
    assert!(doc.contains("href=\"apigatewayv2/index.html\""));
    assert!(doc.contains("href=\"apigateway/builders/index.html\""));
    assert!(doc.contains("href=\"apigateway/operations/index.html\""));
}
