//! PDF through `pdftotext -layout` (poppler-utils), whose output the text parser
//! reads: columns aligned with spaces, pages separated by form feeds.

use std::io::Write;
use std::process::{Command, Stdio};

use super::LoadError;

/// The tool run, `NIANBAO_PDFTOTEXT` when set (a path where it is not on PATH).
fn tool() -> std::ffi::OsString {
    std::env::var_os("NIANBAO_PDFTOTEXT").unwrap_or_else(|| "pdftotext".into())
}

/// Text of a PDF, pages separated by form feeds.
pub(super) fn to_text(bytes: &[u8]) -> Result<String, LoadError> {
    let mut child = Command::new(tool())
        .args(["-layout", "-enc", "UTF-8", "-", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => LoadError::NoPdfTool,
            _ => LoadError::Io(e),
        })?;
    // Feed stdin from a thread: pdftotext may write before it has read it all.
    let mut stdin = child.stdin.take().expect("piped");
    let input = bytes.to_vec();
    let feeder = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let out = child.wait_with_output().map_err(LoadError::Io)?;
    let _ = feeder.join();
    if !out.status.success() {
        let why = String::from_utf8_lossy(&out.stderr);
        let why = why.lines().next().unwrap_or("").trim();
        return Err(LoadError::Corrupt(format!("pdftotext could not read it: {why}")));
    }
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    if text.chars().all(|c| c.is_whitespace() || c == '\u{c}') {
        return Err(LoadError::Scanned);
    }
    Ok(text)
}
