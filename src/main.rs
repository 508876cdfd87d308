//! The `nianbao` binary. See the library for the pipeline.

mod cli;

fn main() -> std::process::ExitCode {
    cli::run()
}
