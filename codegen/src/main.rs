//! `shapegen generate --model FILE... --out DIR`: the generator as a command.

use clap::Parser;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "shapegen",
    version,
    about = "Generate Rust types from AWS-style service models"
)]
enum Cli {
    /// Generate Rust code from one or more models.
    Generate {
        /// A model file (service-2.json format); repeat for several.
        #[arg(long = "model", required = true)]
        models: Vec<PathBuf>,
        /// Output directory (a crate's `src/`, or any directory with --single-file).
        #[arg(long)]
        out: PathBuf,
        /// Enum variant override table.
        #[arg(long)]
        enum_names: Option<PathBuf>,
        /// One file per service for `include!`, instead of a crate layout.
        #[arg(long)]
        single_file: bool,
        /// Only report whether the output is up to date; write nothing.
        #[arg(long)]
        check: bool,
    },
}

fn main() -> ExitCode {
    let Cli::Generate {
        models,
        out,
        enum_names,
        single_file,
        check,
    } = Cli::parse();
    let mut config = shapegen::Config::new();
    for m in &models {
        config = config.model(m);
    }
    if let Some(e) = enum_names {
        config = config.enum_names(e);
    }
    if single_file {
        config = config.layout(shapegen::Layout::SingleFile);
    }
    let generated = match config.generate() {
        Ok(g) => g,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let result = if check {
        generated.plan(&out, &[""]).map(|(r, _)| r)
    } else {
        generated.write(&out, &[""])
    };
    match result {
        Ok(r) if check && !r.is_clean() => {
            eprintln!(
                "{} is stale: {} new, {} changed, {} to delete",
                out.display(),
                r.created.len(),
                r.changed.len(),
                r.deleted.len()
            );
            ExitCode::FAILURE
        }
        Ok(r) => {
            println!(
                "{}: {} created, {} changed, {} deleted, {} unchanged (+{} -{} lines)",
                out.display(),
                r.created.len(),
                r.changed.len(),
                r.deleted.len(),
                r.unchanged,
                r.lines_added,
                r.lines_removed
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
