//! `nianbao dump`: the parsed model, to see what nianbao read.

use std::io::{self, Read, Write};

use nianbao::engine::document_edition;
use nianbao::parse::{ParseOptions, parse};
use nianbao::{Options, dump, load};

use super::{DumpArgs, DumpFormat, Status, load_linter, stderr_is_terminal};

pub(crate) fn run(args: DumpArgs) -> io::Result<Status> {
    let linter = match load_linter(&args.ruleset, stderr_is_terminal()) {
        Ok(c) => c,
        Err(status) => return Ok(status),
    };
    let encoding = match args.input.encoding.as_deref().map(load::decode::encoding_for) {
        Some(None) => {
            writeln!(
                io::stderr(),
                "error: unknown encoding `{}`",
                args.input.encoding.as_deref().unwrap_or("")
            )?;
            return Ok(Status::Error);
        }
        Some(e) => e,
        None => None,
    };
    let options = linter.load_options(&Options {
        encoding,
        max_file_size: Some(
            args.input
                .max_file_size
                .unwrap_or(nianbao::settings::DEFAULT_MAX_FILE_SIZE_MB)
                .saturating_mul(1 << 20),
        ),
        ..Options::default()
    });
    let loaded = if args.path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        io::stdin().read_to_end(&mut bytes)?;
        load::load_bytes("<stdin>", &bytes, &options)
    } else {
        load::load_path(&args.path, &options)
    };
    let source = match loaded {
        Ok(s) => s,
        Err(e) => {
            writeln!(io::stderr(), "error: {}: {e}", args.path.display())?;
            return Ok(Status::Error);
        }
    };
    let mut doc = parse(
        source,
        &linter.format,
        &ParseOptions {
            year: args.ruleset.year,
        },
    );
    // As checking sees it: digits run together read by the table's relations.
    nianbao::infer::read_tables(&mut doc, &linter.rules, &linter.format);
    linter.settle_report_year(&mut doc, None);
    let edition = document_edition(&doc, &linter.format, args.ruleset.edition.as_deref());
    let out = match args.format {
        DumpFormat::Json => dump::to_json(&dump::view(&doc, &linter.format, edition.as_deref())),
        DumpFormat::Text => dump::to_text(&doc, &linter.format, edition.as_deref()),
        DumpFormat::View => doc.source.text().to_string(),
    };
    io::stdout().lock().write_all(out.as_bytes())?;
    Ok(Status::Clean)
}
