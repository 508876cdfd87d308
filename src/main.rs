//! The `nianbao` binary. See the library for the pipeline.

mod cli;

// Checking a report makes many small strings and vectors: mimalloc serves them
// faster than the system allocator (see the README's Performance section).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    quiet_panics();
    cli::run()
}

/// A panic inside a file's checking is caught and reported as that file's
/// error; the hook keeps stderr to one line for it (none for a spent time
/// budget, which becomes a finding), `RUST_BACKTRACE` still showing the rest.
fn quiet_panics() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if info.payload().is::<nianbao::budget::Timeout>() {
            return;
        }
        if std::env::var_os("RUST_BACKTRACE").is_some() {
            default(info);
            return;
        }
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let at = info
            .location()
            .map(|l| format!(" ({}:{})", l.file(), l.line()))
            .unwrap_or_default();
        let _ = std::io::Write::write_all(
            &mut std::io::stderr(),
            format!("nianbao: internal error{at}: {what}\n").as_bytes(),
        );
    }));
}
