//! The bridge itself, on Linux (where the tests built for Windows cannot see it fail): the
//! server of tests/windows/host-tools.py runs a tool on a file named by its Windows path and
//! sends back what the tool said and its exit code, and runs nothing but the tools it knows.

// Run on Linux only: under Wine the server could not be started from the Windows side.
#![cfg(not(windows))]

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

struct Server(Child, String);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn server() -> Server {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/windows/host-tools.py");
    let mut child = Command::new("python3")
        .arg(script)
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 runs the server");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("its output"))
        .read_line(&mut line)
        .expect("its address");
    Server(child, line.trim().to_string())
}

/// How Windows under Wine names a Linux path: drive Z: is /.
fn windows_path(p: &Path) -> String {
    format!("Z:{}", p.display()).replace('/', "\\")
}

#[test]
fn a_tool_runs_on_the_file_a_windows_path_names_and_its_output_comes_back() {
    let s = server();
    let workbook = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/import/roster-official.xlsx")
        .canonicalize()
        .expect("fixture");
    let mut list = Command::new("unzip");
    list.arg("-l").arg(windows_path(&workbook));
    let out = zhibu_host_tools::remote(&s.1, &list).expect("answered");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("xl/workbook.xml"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );

    // A file that is not there: the tool's own exit code and message.
    let mut missing = Command::new("pdfinfo.exe");
    missing.arg("Z:\\no\\such\\file.pdf");
    let out = zhibu_host_tools::remote(&s.1, &missing).expect("answered");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/no/such/file.pdf"));
}

#[test]
fn nothing_but_the_known_tools_is_run() {
    let s = server();
    let dir = tempfile::tempdir().expect("tmp");
    let mut rm = Command::new("touch");
    rm.arg(windows_path(&dir.path().join("made")));
    let out = zhibu_host_tools::remote(&s.1, &rm).expect("answered");
    assert_eq!(out.status.code(), Some(127));
    assert!(!dir.path().join("made").exists());
}
