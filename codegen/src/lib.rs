//! shapegen: AWS-style JSON service models (botocore `service-2.json`) → Rust.
//!
//! The pipeline, one module per stage:
//! [`load`] (bytes → typed [`model`]) → [`validate`] → [`select`] (only the
//! operations and shapes asked for, when [`Config::operations`] or
//! [`Config::shapes`] name some) → [`ir`] (every naming and type decision) →
//! [`emit`] (IR → token streams) → [`output`] (formatted by prettyplease,
//! written all-or-nothing).
//!
//! ```no_run
//! // build.rs of a downstream crate
//! let out = std::path::PathBuf::from(std::env::var("OUT_DIR").unwrap());
//! let config = shapegen::Config::new()
//!     .model("models/apigateway.json")
//!     .enum_names("models/enum-names.json")
//!     .layout(shapegen::Layout::SingleFile);
//! config.rerun_if_changed();
//! config
//!     .generate()
//!     .and_then(|g| g.write(&out, &[]))
//!     .unwrap_or_else(|e| panic!("{e}"));
//! ```

pub mod crate_doc;
pub mod diag;
pub mod diff;
pub mod docs;
pub mod emit;
pub mod ir;
pub mod load;
pub mod model;
pub mod names;
pub mod output;
pub mod schema;
pub mod select;
pub mod validate;

pub use diag::{Diagnostic, Diagnostics};
pub use model::Model;
pub use output::{Generated, WriteReport};

use proc_macro2::TokenStream;
use quote::quote;
use std::path::{Path, PathBuf};

/// The path of the runtime crate (`codegen/runtime`, package `shapegen-runtime`)
/// in generated code: generated crates depend on it.
pub const RUNTIME_CRATE: &str = "::shapegen_runtime";

/// The directory, inside a models directory, of each model's botocore
/// `paginators-1.json` (as `paginators/<model file name>`).
pub const PAGINATORS_DIR: &str = "paginators";

/// The `paginators-1.json` beside a botocore `service-2.json(.gz)`, if any.
fn botocore_paginators(model: &Path) -> Option<PathBuf> {
    let name = model.file_name()?.to_str()?;
    if !name.starts_with("service-2.json") {
        return None;
    }
    Some(model.with_file_name("paginators-1.json")).filter(|p| p.is_file())
}

/// File name of the enum variant override table inside a models directory.
pub const ENUM_NAMES_FILE: &str = "enum-names.json";

/// How the generated code is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Layout {
    /// A crate's `src/`: `lib.rs` (which re-exports the runtime crate as
    /// `primitives`) and one directory per service with `mod.rs`, `types.rs`,
    /// `enums.rs`, `builders.rs`, `operations.rs`.
    #[default]
    Crate,
    /// One file per service (`apigateway.rs`), with inline modules and no
    /// inner attributes, for `include!` from a `build.rs` output directory.
    /// The crate depends on `shapegen-runtime` (or names it with
    /// [`Config::runtime_path`]).
    SingleFile,
}

/// Who drives the generator. Hints in diagnostics name that interface's way
/// of fixing the problem (a `Config` method, a flag of the `shapegen` command,
/// a file of this repository).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Interface {
    /// Rust code calling [`Config`], such as a `build.rs`.
    #[default]
    Library,
    /// The `shapegen` command (package `shapegen-cli`).
    Cli,
    /// This repository's `cargo xtask regen` (`models/`, `models/enum-names.json`).
    Xtask,
}

impl Interface {
    /// Where enum variant names are given, as hints name it.
    fn enum_table(self) -> &'static str {
        match self {
            Interface::Library => "the enum name table (`Config::enum_names`)",
            Interface::Cli => {
                "the enum name table (`enum-names.json` beside the first model, or `--enum-names FILE`)"
            }
            Interface::Xtask => "the enum name table (models/enum-names.json)",
        }
    }

    /// How to change the module a model becomes.
    fn rename_module(self) -> &'static str {
        match self {
            Interface::Library => {
                "rename the model file, or give it another module name (`Config::model_as`)"
            }
            Interface::Cli => {
                "rename the model file: its name without `.json` (and `.gz`) is the module name (botocore's `<service>/<version>/service-2.json` is `<service>`)"
            }
            Interface::Xtask => "rename the model file in models/",
        }
    }

    /// How to name a directory of models.
    fn models_dir(self) -> &'static str {
        match self {
            Interface::Library => "pass an existing directory to `Config::models_dir`",
            Interface::Cli => "pass an existing directory",
            Interface::Xtask => "pass an existing directory with --models",
        }
    }

    /// How operations and shapes are selected.
    fn selection(self) -> &'static str {
        match self {
            Interface::Cli => {
                "`--operation` and `--shape` take names as the model spells them (`DescribeInstances`)"
            }
            _ => {
                "`Config::operations` and `Config::shapes` take names as the model spells them (`DescribeInstances`)"
            }
        }
    }
}

/// One model to generate.
#[derive(Debug, Clone)]
struct Source {
    module: Option<String>,
    path: PathBuf,
    display: Option<String>,
    bytes: Option<Vec<u8>>,
    /// botocore's `paginators-1.json` for this model, if any.
    paginators: Option<PathBuf>,
}

/// Generator configuration, a builder in the style of `prost_build::Config`.
#[derive(Debug, Clone)]
pub struct Config {
    sources: Vec<Source>,
    enum_names: Option<PathBuf>,
    runtime_path: String,
    layout: Layout,
    regen_command: Option<String>,
    json_helpers: bool,
    interface: Interface,
    /// Directories given to [`Config::models_dir`], for [`Config::inputs`].
    model_dirs: Vec<PathBuf>,
    /// The generated crate's name, for the example in its documentation.
    crate_name: Option<String>,
    /// The operations and shapes to generate (everything when empty).
    selection: select::Selection,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            sources: Vec::new(),
            enum_names: None,
            runtime_path: RUNTIME_CRATE.to_string(),
            layout: Layout::Crate,
            regen_command: None,
            json_helpers: true,
            interface: Interface::Library,
            model_dirs: Vec::new(),
            crate_name: None,
            selection: select::Selection::default(),
        }
    }
}

/// A generated service module and where it came from.
pub struct ServiceOutput {
    pub ir: ir::Service,
}

impl Config {
    pub fn new() -> Self {
        Self::default()
    }

    /// Add a model file; its module is named after the file stem.
    pub fn model(mut self, path: impl AsRef<Path>) -> Self {
        self.sources.push(Source {
            module: None,
            path: path.as_ref().to_path_buf(),
            display: None,
            bytes: None,
            paginators: botocore_paginators(path.as_ref()),
        });
        self
    }

    /// Add a model file under an explicit module name.
    pub fn model_as(mut self, module: &str, path: impl AsRef<Path>) -> Self {
        self.sources.push(Source {
            module: Some(module.to_string()),
            path: path.as_ref().to_path_buf(),
            display: None,
            bytes: None,
            paginators: botocore_paginators(path.as_ref()),
        });
        self
    }

    /// Add a model from memory (`display` names it in headers and errors).
    pub fn model_bytes(mut self, module: &str, display: &str, bytes: impl Into<Vec<u8>>) -> Self {
        self.sources.push(Source {
            module: Some(module.to_string()),
            path: PathBuf::from(display),
            display: Some(display.to_string()),
            bytes: Some(bytes.into()),
            paginators: None,
        });
        self
    }

    /// Add every `*.json` model in `dir` (sorted; the enum override table
    /// `enum-names.json`, if present, is used as such). Paths in headers are
    /// shown relative to `display_base`, when given.
    pub fn models_dir(mut self, dir: impl AsRef<Path>) -> Result<Self, Diagnostics> {
        let dir = dir.as_ref();
        let entries = std::fs::read_dir(dir).map_err(|e| {
            Diagnostic::new(
                dir.display().to_string(),
                "",
                format!("cannot read the models directory: {e}"),
                self.interface.models_dir(),
            )
        })?;
        self.model_dirs.push(dir.to_path_buf());
        let mut files: Vec<PathBuf> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "json"))
            .collect();
        files.sort();
        for f in files {
            if f.file_name().is_some_and(|n| n == ENUM_NAMES_FILE) {
                self.enum_names = Some(f);
            } else {
                // `paginators/<stem>.json` beside the models holds the model's
                // botocore `paginators-1.json`.
                let paginators = f
                    .file_name()
                    .map(|n| dir.join(PAGINATORS_DIR).join(n))
                    .filter(|p| p.is_file());
                self = self.model(f);
                if let Some(p) = paginators {
                    self = self.paginators(p);
                }
            }
        }
        Ok(self)
    }

    /// botocore's `paginators-1.json` for the model added last (a model at
    /// botocore's `service-2.json` picks up the `paginators-1.json` beside
    /// it by itself, and [`Config::models_dir`] the `paginators/<name>.json`
    /// of each model). Each paginated operation gets a `Paginated` impl.
    pub fn paginators(mut self, path: impl AsRef<Path>) -> Self {
        if let Some(s) = self.sources.last_mut() {
            s.paginators = Some(path.as_ref().to_path_buf());
        }
        self
    }

    /// Set the display path prefix shown in generated headers: paths of models are
    /// shown relative to `base` when they are inside it.
    pub fn display_relative_to(mut self, base: impl AsRef<Path>) -> Self {
        let base = base.as_ref();
        for s in &mut self.sources {
            if s.display.is_none() {
                if let Ok(rel) = s.path.strip_prefix(base) {
                    s.display = Some(rel.to_string_lossy().replace('\\', "/"));
                }
            }
        }
        self
    }

    /// The enum variant override table (`{"service": {"Shape": {"value": "Variant"}}}`).
    pub fn enum_names(mut self, path: impl AsRef<Path>) -> Self {
        self.enum_names = Some(path.as_ref().to_path_buf());
        self
    }

    /// Path of the runtime crate from generated code (default `::shapegen_runtime`;
    /// a crate that renames its dependency on `shapegen-runtime` says so here).
    pub fn runtime_path(mut self, path: &str) -> Self {
        self.runtime_path = path.to_string();
        self
    }

    pub fn layout(mut self, layout: Layout) -> Self {
        self.layout = layout;
        self
    }

    /// Whether the crate layout's `lib.rs` re-exports the runtime's
    /// `from_json`/`to_json` (default on). They are left out anyway when a
    /// service does not speak JSON (`rest-xml`, `query`, `ec2`,
    /// `smithy-rpc-v2-cbor`), and the crate doc says why.
    pub fn json_helpers(mut self, on: bool) -> Self {
        self.json_helpers = on;
        self
    }

    /// The name of the crate the output is (`apigw-types` or `apigw_types`),
    /// for the crate layout's `lib.rs`: with it, the crate's documentation
    /// has an example that runs as a doctest (an operation's request and
    /// response; see [`crate_doc`]). [`crate_doc::crate_name_from_manifest`]
    /// reads it from a `Cargo.toml`.
    pub fn crate_name(mut self, name: &str) -> Self {
        self.crate_name = Some(name.to_string());
        self
    }

    /// The command that regenerates the output, named in the second line of
    /// generated headers ("Regenerate with `cargo xtask regen`."). Without one
    /// (the default, for `build.rs`) that line says the file was generated at
    /// build time from the model.
    pub fn regen_command(mut self, cmd: &str) -> Self {
        self.regen_command = Some(cmd.to_string());
        self
    }

    /// Generate only these operations (named as in the model:
    /// `DescribeInstances`), their paginators and the shapes they reach:
    /// their input, output and errors, and what those refer to through
    /// members, list members and map keys and values. Everything else is left
    /// out. Adds to the operations and shapes named before; with several
    /// models, each keeps the named operations it has, and a model that has
    /// none of the operations and shapes named is not generated. A name that
    /// no model has is an error. Without any (the default), every operation
    /// and shape is generated.
    ///
    /// ```no_run
    /// let config = shapegen::Config::new()
    ///     .model("ec2/2016-11-15/service-2.json.gz")
    ///     .operations(["DescribeInstances", "RunInstances"]);
    /// ```
    pub fn operations<I>(mut self, names: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<String>,
    {
        let names = names.into_iter().map(Into::into);
        self.selection.operations.extend(names);
        self
    }

    /// Generate these shapes (named as in the model: `Instance`) and the
    /// shapes they reach, as [`Config::operations`] does for operations; the
    /// two add up. A shape alone brings no operation: an input structure
    /// selected this way is a plain type, without the HTTP bindings an
    /// operation gives it.
    pub fn shapes<I>(mut self, names: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<String>,
    {
        let names = names.into_iter().map(Into::into);
        self.selection.shapes.extend(names);
        self
    }

    /// Who drives the generator (default [`Interface::Library`]): hints in
    /// diagnostics name its settings. Set it before [`Config::models_dir`].
    pub fn interface(mut self, interface: Interface) -> Self {
        self.interface = interface;
        self
    }

    /// The files and directories generation reads: every model given by path,
    /// the enum name table, and the directories given to [`Config::models_dir`]
    /// (a model added there changes the output).
    pub fn inputs(&self) -> Vec<PathBuf> {
        let models = self.sources.iter().filter(|s| s.bytes.is_none());
        models
            .map(|s| s.path.clone())
            .chain(self.enum_names.clone())
            .chain(self.model_dirs.iter().cloned())
            .collect()
    }

    /// For `build.rs`: print `cargo:rerun-if-changed=PATH` for each of
    /// [`Config::inputs`], so that cargo runs the build script again when a model
    /// or the enum name table changes (and only then).
    pub fn rerun_if_changed(&self) {
        for path in self.inputs() {
            println!("cargo:rerun-if-changed={}", path.display());
        }
    }

    fn load_overrides(
        &self,
    ) -> Result<std::collections::BTreeMap<String, ir::EnumOverrides>, Diagnostics> {
        let Some(path) = &self.enum_names else {
            return Ok(Default::default());
        };
        let file = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| {
            Diagnostic::new(
                &file,
                "",
                format!("cannot read the enum name table: {e}"),
                "check the path",
            )
        })?;
        let mut de = serde_json::Deserializer::from_slice(&bytes);
        serde_path_to_error::deserialize(&mut de).map_err(|e| {
            Diagnostics::one(Diagnostic::new(
                &file,
                e.path().to_string(),
                format!("invalid enum name table: {}", e.inner()),
                "the table maps service → shape → enum value → variant name, all strings",
            ))
        })
    }

    /// Run the whole pipeline in memory. Nothing is written.
    pub fn generate(&self) -> Result<Generated, Diagnostics> {
        let overrides = self.load_overrides()?;
        let mut diags = Vec::new();
        let mut services = Vec::new();
        let mut modules = std::collections::BTreeMap::<String, String>::new();
        // Every model loaded, for the names of the selection no model has;
        // `None` once a model failed to load.
        let mut loaded: Option<Vec<(String, Model)>> = Some(Vec::new());
        for src in &self.sources {
            let display = src
                .display
                .clone()
                .unwrap_or_else(|| src.path.to_string_lossy().replace('\\', "/"));
            let model = match &src.bytes {
                Some(b) => load::parse_model(&display, b),
                None => load::read_model(&display, &src.path)
                    .and_then(|b| load::parse_model(&display, &b)),
            };
            let mut model = match model {
                Ok(m) => m,
                Err(e) => {
                    diags.extend(e.0);
                    loaded = None;
                    continue;
                }
            };
            if let Some(p) = &src.paginators {
                let file = p.to_string_lossy().replace('\\', "/");
                match std::fs::read(p)
                    .map_err(|e| {
                        Diagnostics::one(Diagnostic::new(
                            &file,
                            "",
                            format!("cannot read the paginators file: {e}"),
                            "check that the path exists and is readable",
                        ))
                    })
                    .and_then(|b| load::parse_paginators(&file, &b))
                {
                    Ok(p) => model.paginators = p,
                    Err(e) => {
                        diags.extend(e.0);
                        loaded = None;
                        continue;
                    }
                }
            }
            // Validation's problems come first. The IR's checks (collisions
            // of Rust names, ...) still run: they skip what validation
            // rejected, so one run reports every independent problem.
            let problems = validate::validate(&display, &model);
            let valid = problems.is_empty();
            diags.extend(problems);
            // Only what the user asked for, if anything was named.
            let model = if self.selection.is_empty() {
                model
            } else {
                let found = self.selection.found_in(&model);
                let subset = select::select(&model, &found);
                if let Some(l) = &mut loaded {
                    l.push((display.clone(), model));
                }
                if found.is_empty() {
                    continue;
                }
                subset
            };
            let stem = src
                .module
                .clone()
                .or_else(|| {
                    src.path
                        .file_stem()
                        .map(|s| s.to_string_lossy().into_owned())
                })
                .unwrap_or_default();
            let module = module_name(&stem);
            // `primitives` is the runtime module; a module `lib` would make the
            // crate layout's `lib.rs` declare itself.
            if module == "primitives" || (module == "lib" && self.layout == Layout::Crate) {
                diags.push(Diagnostic::new(
                    &display,
                    "",
                    format!("this model would become the module `{module}`, a name the generated crate already uses"),
                    self.interface.rename_module(),
                ));
                continue;
            }
            if let Some(prev) = modules.insert(module.clone(), display.clone()) {
                diags.push(Diagnostic::new(
                    &display,
                    "",
                    format!("this model and `{prev}` both become the module `{module}`"),
                    "rename one of the model files",
                ));
                continue;
            }
            let empty = ir::EnumOverrides::new();
            let ov = overrides
                .get(&stem)
                .or_else(|| overrides.get(&module))
                .unwrap_or(&empty);
            match ir::build(&module, &display, &model, ov, self.interface.enum_table()) {
                Ok(s) if valid => services.push(s),
                Ok(_) => {}
                Err(e) => diags.extend(e.0),
            }
        }
        if let Some(loaded) = loaded.filter(|_| !self.selection.is_empty()) {
            let models: Vec<(&str, &Model)> = loaded.iter().map(|(f, m)| (f.as_str(), m)).collect();
            let unknown =
                select::unknown_names(&self.selection, &models, self.interface.selection());
            // Names that do not exist come first: they may explain the rest.
            diags.splice(0..0, unknown);
        }
        if !diags.is_empty() {
            return Err(Diagnostics(diags));
        }
        self.render(&services)
    }

    fn header(&self, source: &str) -> String {
        // Both are caller-supplied text inside `//` comments: a line break (or
        // any control character) would end the comment and inject code.
        let clean = |s: &str| -> String {
            s.chars()
                .map(|c| match c.is_control() {
                    true => c.escape_default().to_string(),
                    false => c.to_string(),
                })
                .collect()
        };
        let how = match &self.regen_command {
            // The command's paths are relative to the output directory.
            Some(cmd) if self.interface == Interface::Cli => {
                format!("Regenerate with `{}` in the output directory.", clean(cmd))
            }
            Some(cmd) => format!("Regenerate with `{}`.", clean(cmd)),
            None => "Generated at build time from the model (shapegen in build.rs).".to_string(),
        };
        format!(
            "{} from {}. Do not edit by hand.\n// {how}\n",
            output::GENERATED_MARKER,
            clean(source),
        )
    }

    fn render(&self, services: &[ir::Service]) -> Result<Generated, Diagnostics> {
        let mut files = std::collections::BTreeMap::new();
        let mut diags = Vec::new();
        let mut put = |files: &mut std::collections::BTreeMap<String, String>,
                       rel: String,
                       header: &str,
                       tokens: TokenStream,
                       verbatim: &[String]| {
            match output::format_file_with(header, tokens, verbatim, &rel) {
                Ok(text) => {
                    files.insert(rel, text);
                }
                Err(d) => diags.push(d),
            }
        };
        let mut mods = Vec::new();
        for svc in services {
            let header = self.header(&svc.model_file);
            let em = emit::Emitter::new(svc, &self.runtime_path);
            let m = emit::ident(&svc.module);
            // rustfmt would reformat prettyplease's output; the files are
            // checked for staleness instead.
            mods.push(quote!(#[rustfmt::skip] pub mod #m;));
            let parts = em.parts();
            // The texts the placeholders of every part refer to.
            let verbatim = em.take_verbatim();
            // A service named like one of its parts (`types`) holds a module of
            // its own name: fine here, but clippy's `module_inception` asks.
            let inception = |name: &str| {
                (name == svc.module).then(|| quote!(#[allow(clippy::module_inception)]))
            };
            let decls = parts.iter().map(|(name, _, public)| {
                let i = emit::ident(name);
                let allow = inception(name);
                let doc = match *name {
                    "builders" => quote!(#[doc = " A builder per structure: `Type::builder()` gives a `TypeBuilder`."]),
                    "operations" => quote!(#[doc = " One unit type per operation, the service trait and its error type."]),
                    "schema" => quote!(#[doc = " How the shapes travel on the wire: static descriptions the runtime's XML, query and CBOR codecs read."]),
                    _ => quote!(),
                };
                if *public {
                    quote!(#doc #allow pub mod #i;)
                } else {
                    quote!(#allow mod #i;)
                }
            });
            let reexports: Vec<TokenStream> = parts
                .iter()
                .filter(|(_, _, p)| !p)
                .map(|(name, _, _)| {
                    let i = emit::ident(name);
                    quote!(pub use self::#i::*;)
                })
                .collect();
            let decls: Vec<TokenStream> = decls.collect();
            match self.layout {
                Layout::Crate => {
                    let mod_tokens = quote! {
                        #(#decls)*
                        #(#reexports)*
                    };
                    // Inner doc: prettyplease prints `#![doc]` as `//!`. The
                    // summary is its own paragraph, the module's one line in
                    // the crate's list of modules.
                    let doc = if svc.doc.trim().is_empty() {
                        svc.summary.clone()
                    } else {
                        format!("{}\n\n{}", svc.summary, svc.doc)
                    };
                    let mod_tokens = inner_docs(&doc, mod_tokens);
                    put(
                        &mut files,
                        format!("{}/mod.rs", svc.module),
                        &header,
                        mod_tokens,
                        &verbatim,
                    );
                    for (name, tokens, _) in parts {
                        put(
                            &mut files,
                            format!("{}/{name}.rs", svc.module),
                            &header,
                            tokens,
                            &verbatim,
                        );
                    }
                }
                Layout::SingleFile => {
                    let inline = parts.into_iter().map(|(name, tokens, public)| {
                        let i = emit::ident(name);
                        let vis = if public { quote!(pub) } else { quote!() };
                        let allow = inception(name);
                        quote!(#allow #vis mod #i { #tokens })
                    });
                    let tokens = quote! {
                        #(#inline)*
                        #(#reexports)*
                    };
                    put(
                        &mut files,
                        format!("{}.rs", svc.module),
                        &header,
                        tokens,
                        &verbatim,
                    );
                }
            }
        }
        if self.layout == Layout::Crate {
            let rt: TokenStream = self
                .runtime_path
                .parse()
                .unwrap_or_else(|_| quote!(::shapegen_runtime));
            // `from_json`/`to_json` read and write bodies: only when every
            // service's bodies are JSON; otherwise the crate doc says why not.
            let not_json: Vec<String> = services
                .iter()
                .filter(|s| !s.speaks_json())
                .map(|s| format!("`{}` (`{}`)", s.module, s.protocol.replace('`', "")))
                .collect();
            let json_reexport = (self.json_helpers && not_json.is_empty()).then(|| {
                quote!(
                    pub use #rt::{from_json, to_json};
                )
            });
            let why_not_json = match not_json.as_slice() {
                [] => String::new(),
                [one] => format!(
                    " `from_json`/`to_json` are not re-exported: {one} speaks no JSON, and its types' serde form is not its wire format (see its module)."
                ),
                many => format!(
                    " `from_json`/`to_json` are not re-exported: {} speak no JSON, and their types' serde form is not their wire format (see their modules).",
                    many.join(", ")
                ),
            };
            let lib = quote! {
                pub use #rt as primitives;
                #json_reexport
                #(#mods)*
            };
            let mut doc = crate_doc::crate_doc(
                services,
                self.crate_name.as_deref(),
                self.json_helpers && not_json.is_empty(),
            );
            if !why_not_json.is_empty() {
                doc.push_str("\n\n");
                doc.push_str(why_not_json.trim());
            }
            let features = runtime_features(services);
            if !features.is_empty() {
                let list: Vec<String> = features.iter().map(|f| format!("\"{f}\"")).collect();
                doc.push_str(&format!(
                    "\n\nThe bodies this crate reads and writes need the {} feature of `shapegen-runtime`: in `Cargo.toml`, `shapegen-runtime = {{ version = \"{}\", features = [{}] }}`.",
                    features.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(" and "),
                    env!("CARGO_PKG_VERSION"),
                    list.join(", ")
                ));
            }
            let lib = inner_docs(&doc, lib);
            let sources: Vec<&str> = services.iter().map(|s| s.model_file.as_str()).collect();
            put(
                &mut files,
                "lib.rs".to_string(),
                &self.header(&sources.join(", ")),
                lib,
                &[],
            );
        }
        if !diags.is_empty() {
            return Err(Diagnostics(diags));
        }
        Ok(Generated {
            files,
            runtime_features: runtime_features(services),
        })
    }
}

/// The features of `shapegen-runtime` the services' protocols need.
fn runtime_features(services: &[ir::Service]) -> Vec<String> {
    let mut features: Vec<String> = services
        .iter()
        .filter_map(|s| schema::runtime_feature(&s.protocol))
        .map(str::to_string)
        .collect();
    features.sort();
    features.dedup();
    features
}

fn inner_docs(doc: &str, rest: TokenStream) -> TokenStream {
    if doc.trim().is_empty() {
        return rest;
    }
    let lines = doc.lines().map(|l| {
        let l = if l.is_empty() {
            String::new()
        } else {
            format!(" {l}")
        };
        quote!(#![doc = #l])
    });
    quote!(#(#lines)* #rest)
}

/// Module name for a model file stem: snake_case, never a keyword.
pub fn module_name(stem: &str) -> String {
    let n = names::field_name(stem);
    match n.strip_prefix("r#") {
        Some(raw) => format!("{raw}_"),
        None => n,
    }
}
