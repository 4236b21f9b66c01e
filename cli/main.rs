//! The `centrifugo` binary: argument parsing, logging, signals and exit codes around the library.

mod args;
mod serve;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    let result = match &cli.command {
        None | Some(args::Command::Serve) => serve::run(&cli),
        Some(args::Command::Version) => {
            println!("Centrifugo v{} (Rust)", env!("CARGO_PKG_VERSION"));
            Ok(())
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
