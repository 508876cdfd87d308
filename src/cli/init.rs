//! `nianbao init`: a commented starter nianbao.toml.

use std::io::{self, Write};

use nianbao::settings::{CONFIG_NAME, STARTER};

use super::{InitArgs, Status};

pub(crate) fn run(args: InitArgs) -> io::Result<Status> {
    let path = args.dir.join(CONFIG_NAME);
    if path.exists() && !args.force {
        writeln!(
            io::stderr(),
            "error: {} exists; `nianbao init --force` overwrites it",
            path.display()
        )?;
        return Ok(Status::Error);
    }
    std::fs::write(&path, STARTER)?;
    writeln!(io::stdout(), "wrote {}", path.display())?;
    Ok(Status::Clean)
}
