//! The yearly package as the committee's office meets it: unpacked with `unzip` (and, when
//! encrypted, with 7-Zip), every file opens with an ordinary tool — PDFs with pdftotext, Excel
//! with a spreadsheet reader, Word through LibreOffice, the backup with `zhibu backup verify` —
//! and the 目录 gives each file's SHA-256 as the unpacked file has it. unzip, 7z and LibreOffice
//! are installed by `scripts/setup.sh --test`; without them this test fails.
mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use calamine::Reader;
use common::{text, zhibu};
use sha2::Digest;

fn sha256(path: &Path) -> String {
    let bytes = std::fs::read(path).expect("read");
    sha2::Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn run(cmd: &mut Command) -> String {
    let out =
        zhibu_host_tools::output(cmd).expect("the tool is installed by scripts/setup.sh --test");
    assert!(out.status.success(), "{:?}: {}", cmd, text(&out.stderr));
    text(&out.stdout)
}

/// The files of the package's JSON answer: name → sha256.
fn listed(json: &[u8]) -> BTreeMap<String, String> {
    let v: serde_json::Value = serde_json::from_slice(json).expect("json");
    v["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| {
            (
                f["name"].as_str().expect("name").to_string(),
                f["sha256"].as_str().expect("sha").to_string(),
            )
        })
        .collect()
}

/// Every unpacked file opens with its usual tool and matches the 目录.
fn every_file_opens(dir: &Path, files: &BTreeMap<String, String>, db: &Path) {
    let toc = std::fs::read_to_string(dir.join("00-目录.txt")).expect("目录.txt");
    let toc_pdf = run(Command::new("pdftotext")
        .arg(dir.join("00-目录.pdf"))
        .arg("-"));
    assert!(toc_pdf.contains("年度材料目录"), "{toc_pdf}");
    for (name, sha) in files {
        let path = dir.join(name);
        assert_eq!(&sha256(&path), sha, "{name} as unpacked");
        let line = toc
            .lines()
            .find(|l| l.contains(name.as_str()))
            .unwrap_or_else(|| panic!("{name} not in 目录.txt"));
        assert!(line.ends_with(sha.as_str()), "目录.txt: {line}");
        // The PDF 目录 breaks a hash over lines; its first half is enough to find.
        assert!(
            toc_pdf
                .replace(char::is_whitespace, "")
                .contains(&sha[..32]),
            "{name} in 目录.pdf"
        );
        match name.rsplit('.').next() {
            Some("pdf") => {
                let t = run(Command::new("pdftotext").arg(&path).arg("-"));
                assert!(
                    t.chars().filter(|c| !c.is_whitespace()).count() > 30,
                    "{name}: {t}"
                );
            }
            Some("xlsx") => {
                let mut book: calamine::Xlsx<_> = calamine::open_workbook(&path).expect("opens");
                let sheet = book.worksheet_range_at(0).expect("a sheet").expect("reads");
                assert!(sheet.rows().count() > 1, "{name} is empty");
            }
            Some("docx") => {
                let out = dir.join("word");
                run(Command::new("soffice")
                    .args(["--headless", "--convert-to", "txt:Text", "--outdir"])
                    .arg(&out)
                    .arg(&path));
                let stem = name.trim_end_matches(".docx");
                let t = std::fs::read_to_string(out.join(format!("{stem}.txt"))).expect("txt");
                assert!(t.contains("述职报告"), "{name}: {t}");
            }
            Some("zhibu") => {
                let out = zhibu(db, &["backup", "verify", path.to_str().expect("utf-8")]);
                assert!(out.status.success(), "{}", text(&out.stderr));
            }
            other => panic!("unexpected file {name} ({other:?})"),
        }
    }
}

#[test]
fn the_yearly_package_opens_with_ordinary_tools_plain_and_encrypted() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("demo.db");
    assert!(zhibu(&db, &["demo"]).status.success());
    let year = (chrono::Datelike::year(&chrono::Local::now()) - 1).to_string();

    // Plain: unzip opens it.
    let plain = dir.path().join("材料包.zip");
    let out = zhibu(
        &db,
        &[
            "package",
            "--year",
            &year,
            plain.to_str().expect("utf-8"),
            "--json",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let files = listed(&out.stdout);
    for part in [
        "述职报告.pdf",
        "述职报告.docx",
        "党员花名册.xlsx",
        "党员花名册.pdf",
        "发展党员工作情况.pdf",
        "党费收缴登记表.xlsx",
        "党费收缴登记表.pdf",
        "组织生活记录.pdf",
        "组织生活会情况报告.pdf",
        "民主评议党员情况.pdf",
        "六有阵地检查表.pdf",
        "党内统计表.xlsx",
        "党内统计表.pdf",
        ".zhibu",
    ] {
        assert!(
            files.keys().any(|n| n.ends_with(part)),
            "no {part} in {files:?}"
        );
    }
    let unpacked = dir.path().join("plain");
    run(Command::new("unzip")
        .arg("-q")
        .arg(&plain)
        .arg("-d")
        .arg(&unpacked));
    let names: Vec<String> = std::fs::read_dir(&unpacked)
        .expect("unpacked")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), files.len() + 2, "{names:?}");
    every_file_opens(&unpacked, &files, &db);

    // Encrypted: 7-Zip opens it with the passphrase, and not without it.
    let enc = dir.path().join("加密.zip");
    let out = Command::new(env!("CARGO_BIN_EXE_zhibu"))
        .args([
            "--db",
            db.to_str().expect("utf-8"),
            "package",
            "--year",
            &year,
        ])
        .arg(&enc)
        .args(["--passphrase-env", "PACKAGE_PASS", "--json"])
        .env("PACKAGE_PASS", "上级党委收-2025")
        .output()
        .expect("zhibu");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["encrypted"], true);
    assert!(v["notes"][0].as_str().expect("note").contains("7-Zip"));
    let files = listed(&out.stdout);
    let wrong = zhibu_host_tools::output(
        Command::new("7z")
            .args(["x", "-y", "-p不对的密码"])
            .arg(format!("-o{}", dir.path().join("wrong").display()))
            .arg(&enc),
    )
    .expect("7z (p7zip) is installed by scripts/setup.sh --test");
    assert!(
        !wrong.status.success(),
        "7z opened it with a wrong passphrase"
    );
    let opened = dir.path().join("enc");
    run(Command::new("7z")
        .args(["x", "-y", "-p上级党委收-2025"])
        .arg(format!("-o{}", opened.display()))
        .arg(&enc));
    every_file_opens(&opened, &files, &db);

    // A passphrase too short: refused in Chinese, nothing written.
    let short = dir.path().join("short.zip");
    let out = Command::new(env!("CARGO_BIN_EXE_zhibu"))
        .args([
            "--db",
            db.to_str().expect("utf-8"),
            "package",
            "--year",
            &year,
        ])
        .arg(&short)
        .args(["--passphrase-env", "PACKAGE_PASS"])
        .env("PACKAGE_PASS", "1234")
        .output()
        .expect("zhibu");
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("至少8个字符"),
        "{}",
        text(&out.stderr)
    );
    assert!(!short.exists());
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}
