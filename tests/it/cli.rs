//! The `centrifugo` binary's subcommands, run as a real process.
