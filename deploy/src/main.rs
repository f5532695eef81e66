//! `suite`: deploy the contributor-rewards suite from one config and run it afterwards.
//! `suite --help` lists the commands, `suite <command> --help` each one's arguments and examples;
//! the README's command table shows each in use. Contracts are read from `target/ink/release/`
//! (`./scripts/build-contracts`).

use clap::Parser;
use deploy::cli::{run, Cli};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match ink_e2e::tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
