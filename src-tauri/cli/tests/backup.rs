//! Backups from the command line: a round trip that changes nothing, and an export that a
//! full disk interrupts.
mod common;

use std::path::Path;
use std::process::Command;

use common::{text, zhibu};

const PASS_VAR: &str = "ZHIBU_TEST_PASS";
const PASS: &str = "a long passphrase";

/// Everything `member list` and `meeting list` say about a data file, as JSON text.
fn listings(db: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut run = |args: &[&str]| {
        let o = zhibu(db, args);
        assert!(o.status.success(), "{args:?}: {}", text(&o.stderr));
        out.push(text(&o.stdout));
    };
    run(&["member", "list", "--json", "--status", "all"]);
    for year in ["2024", "2025", "2026"] {
        run(&["meeting", "list", "--json", "--year", year]);
    }
    run(&["branch", "show", "--json"]);
    out
}

fn backup_cmd(db: Option<&Path>, args: &[&str], pass: bool) -> std::process::Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_zhibu"));
    c.env_remove("ZHIBU_DB");
    if let Some(db) = db {
        c.arg("--db").arg(db);
    }
    c.arg("backup").args(args);
    if pass {
        c.args(["--passphrase-env", PASS_VAR]).env(PASS_VAR, PASS);
    }
    c.output().expect("run zhibu")
}

#[test]
fn a_round_trip_through_a_backup_changes_nothing() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("zhibu.db");
    assert!(zhibu(&db, &["demo", "--today", "2026-11-26"])
        .status
        .success());
    let before = listings(&db);
    assert!(before[0].contains("胡䶮") && before[2].contains("theme_day"));

    for (name, pass) in [("plain.zhibu", false), ("sealed.zhibu", true)] {
        let file = dir.path().join(name);
        let f = file.to_str().expect("path");
        let out = backup_cmd(Some(&db), &["export", f], pass);
        assert!(out.status.success(), "{}", text(&out.stderr));
        let out = backup_cmd(None, &["verify", f], pass);
        assert!(out.status.success(), "{}", text(&out.stderr));
        assert!(text(&out.stdout).contains("备份完好"));
        // A new computer: an empty data folder.
        let fresh = dir.path().join(format!("fresh-{name}/data/zhibu.db"));
        let out = backup_cmd(Some(&fresh), &["restore", f, "--yes"], pass);
        assert!(out.status.success(), "{}", text(&out.stderr));
        assert!(
            !text(&out.stdout).contains("原来的数据保留在"),
            "there was nothing to keep"
        );
        assert_eq!(listings(&fresh), before, "{name}: identical after restore");
    }
}

/// A file-size limit stands in for a full disk: writes past it fail with EFBIG, as they
/// would with ENOSPC. The export must fail cleanly and leave no file, whole or partial.
/// Linux only: the limit (ulimit -f) is; Windows has no per-process file-size limit, and a full
/// drive cannot be made under Wine without mounting one. The code path (a failed write, then
/// the half-written file removed) is the same on both.
#[cfg(unix)]
#[test]
fn an_export_onto_a_full_disk_leaves_nothing_behind() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("zhibu.db");
    assert!(zhibu(&db, &["demo"]).status.success());
    let live_before = std::fs::read(&db).expect("live");
    let target_dir = dir.path().join("usb");
    std::fs::create_dir(&target_dir).expect("dir");
    let out = target_dir.join("备份.zhibu");
    // The database is a few hundred KiB; 64 KiB fits neither the snapshot nor the file.
    let run = Command::new("bash")
        .arg("-c")
        .arg(r#"trap "" XFSZ; ulimit -f 64; exec "$0" --db "$1" backup export "$2""#)
        .arg(env!("CARGO_BIN_EXE_zhibu"))
        .arg(&db)
        .arg(&out)
        .env_remove("ZHIBU_DB")
        .output()
        .expect("run");
    assert_eq!(run.status.code(), Some(1), "{}", text(&run.stdout));
    let said = text(&run.stderr);
    assert!(
        said.contains("备份未生成") && said.contains("磁盘空间不足"),
        "{said}"
    );
    let left: Vec<_> = std::fs::read_dir(&target_dir)
        .expect("dir")
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert!(left.is_empty(), "nothing in the target folder: {left:?}");
    assert_eq!(std::fs::read(&db).expect("live"), live_before);
    assert!(zhibu(&db, &["member", "list"]).status.success());
}
