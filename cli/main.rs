//! The `centrifugo` binary: argument parsing, logging, signals and exit codes around the library.

mod apicmd;
mod args;
mod assets;
mod bench;
mod checkconfig;
mod checktoken;
mod defaultconfig;
mod defaultenv;
mod genconfig;
mod gentoken;
mod grpccmd;
mod load;
mod output;
mod serve;
mod tokens;
mod trace;
mod version;

use args::Command;
use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    let result = match &cli.command {
        None | Some(Command::Serve) => serve::run(&cli),
        Some(Command::Version) => version::run(),
        Some(Command::Checkconfig(a)) => checkconfig::run(&cli, a),
        Some(Command::Genconfig) => genconfig::run(&cli),
        Some(Command::Gentoken(a)) => gentoken::run_connection(&cli, a),
        Some(Command::Gensubtoken(a)) => gentoken::run_subscription(&cli, a),
        Some(Command::Checktoken(a)) => checktoken::run(&cli, a, checktoken::Kind::Connection),
        Some(Command::Checksubtoken(a)) => checktoken::run(&cli, a, checktoken::Kind::Subscription),
        Some(Command::Defaultenv) => defaultenv::run(),
        Some(Command::Defaultconfig(a)) => defaultconfig::run(&cli, a),
        Some(Command::Bench(a)) => {
            load::load_for_tool(&cli).and_then(|cfg| bench::run(&cfg, cli.config.as_deref(), a))
        }
        Some(Command::Publish(a)) => apicmd::publish(&cli, a),
        Some(Command::Broadcast(a)) => apicmd::broadcast(&cli, a),
        Some(Command::Presence(a)) => apicmd::presence(&cli, a),
        Some(Command::PresenceStats(a)) => apicmd::presence_stats(&cli, a),
        Some(Command::History(a)) => apicmd::history(&cli, a),
        Some(Command::Channels(a)) => apicmd::channels(&cli, a),
        Some(Command::Info(a)) => apicmd::info(&cli, a),
        Some(Command::Disconnect(a)) => apicmd::disconnect(&cli, a),
        Some(Command::Unsubscribe(a)) => apicmd::unsubscribe(&cli, a),
        Some(Command::Trace(a)) => trace::run(&cli, a),
        Some(Command::GenerateAssets { dir }) => assets::run(dir),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            // API commands tell usage errors, API errors and an unreachable server apart.
            match e.downcast_ref::<apicmd::Exit>() {
                Some(x) => ExitCode::from(x.code),
                None => ExitCode::FAILURE,
            }
        }
    }
}
