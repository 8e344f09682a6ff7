//! The tools the tests read zhibu's outputs with (pdftotext, pdfinfo, pdftoppm, unzip, 7z,
//! soffice) are Linux programs. When the tests themselves are built for Windows and run under
//! Wine (tests/windows/suites.sh), Wine does start a Linux program that a Windows one asks for,
//! but it hands back no process to wait on and none of the child's output: the spawn fails with
//! "Invalid handle" (os error 6). So there a command goes instead over a local TCP connection to
//! tests/windows/host-tools.py on the Linux side, which runs it on the same files (their
//! Windows paths turned back into Linux ones) and sends back its exit code and output.
//!
//! `output` and `status` stand in for `Command::output` and `Command::status`. The bridge is
//! used only by a Windows build whose environment names the server (`ZHIBU_HOST_TOOLS`, set by
//! suites.sh); everywhere else, and on a Windows with the tools installed, the command runs as
//! it is.

use std::io::{self, Read, Write};
use std::net::TcpStream;
use std::process::{Command, ExitStatus, Output};

/// The environment variable with the address of the Linux side's server.
pub const SERVER_ENV: &str = "ZHIBU_HOST_TOOLS";

/// `cmd.output()`, through the Linux side when under Wine.
pub fn output(cmd: &mut Command) -> io::Result<Output> {
    match server() {
        Some(addr) => remote(&addr, cmd),
        None => cmd.output(),
    }
}

/// `cmd.status()`, through the Linux side when under Wine: the tool's output is passed on to
/// this program's, as an inherited one would be.
pub fn status(cmd: &mut Command) -> io::Result<ExitStatus> {
    match server() {
        Some(addr) => {
            let out = remote(&addr, cmd)?;
            io::stdout().write_all(&out.stdout)?;
            io::stderr().write_all(&out.stderr)?;
            Ok(out.status)
        }
        None => cmd.status(),
    }
}

fn server() -> Option<String> {
    if cfg!(windows) {
        std::env::var(SERVER_ENV).ok().filter(|a| !a.is_empty())
    } else {
        None
    }
}

/// The request: two counts, then as many length-prefixed UTF-8 strings — first the working
/// folder ("" for this program's), the program and its arguments, then "NAME=VALUE" for each
/// variable the command sets ("NAME" alone for one it removes). The answer: the exit code
/// (i32), then the output and the error output, each length-prefixed. All numbers
/// little-endian.
pub fn remote(addr: &str, cmd: &Command) -> io::Result<Output> {
    let text = |s: &std::ffi::OsStr| {
        s.to_str()
            .map(str::to_owned)
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, format!("not UTF-8: {s:?}")))
    };
    let mut parts = vec![match cmd.get_current_dir() {
        Some(d) => text(d.as_os_str())?,
        None => String::new(),
    }];
    parts.push(text(cmd.get_program())?);
    for a in cmd.get_args() {
        parts.push(text(a)?);
    }
    let envs: Vec<String> = cmd
        .get_envs()
        .map(|(k, v)| match v {
            Some(v) => Ok(format!("{}={}", text(k)?, text(v)?)),
            None => text(k),
        })
        .collect::<io::Result<_>>()?;
    let mut request = Vec::new();
    put_u32(&mut request, parts.len() as u32);
    put_u32(&mut request, envs.len() as u32);
    for p in parts.iter().chain(&envs) {
        put_u32(&mut request, p.len() as u32);
        request.extend_from_slice(p.as_bytes());
    }
    let mut stream = TcpStream::connect(addr)?;
    stream.write_all(&request)?;
    stream.shutdown(std::net::Shutdown::Write)?;
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer)?;
    parse_answer(&answer).ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!("a short answer from {addr} ({} bytes)", answer.len()),
        )
    })
}

fn put_u32(buf: &mut Vec<u8>, n: u32) {
    buf.extend_from_slice(&n.to_le_bytes());
}

fn parse_answer(bytes: &[u8]) -> Option<Output> {
    let mut rest = bytes;
    let mut take = |n: usize| -> Option<&[u8]> {
        let (head, tail) = (rest.get(..n)?, rest.get(n..)?);
        rest = tail;
        Some(head)
    };
    let code = i32::from_le_bytes(take(4)?.try_into().ok()?);
    let len = u32::from_le_bytes(take(4)?.try_into().ok()?) as usize;
    let stdout = take(len)?.to_vec();
    let len = u32::from_le_bytes(take(4)?.try_into().ok()?) as usize;
    let stderr = take(len)?.to_vec();
    Some(Output {
        status: exit_status(code),
        stdout,
        stderr,
    })
}

#[cfg(windows)]
fn exit_status(code: i32) -> ExitStatus {
    std::os::windows::process::ExitStatusExt::from_raw(code as u32)
}

#[cfg(unix)]
fn exit_status(code: i32) -> ExitStatus {
    // A wait status: the exit code in the second byte.
    std::os::unix::process::ExitStatusExt::from_raw((code & 0xff) << 8)
}
