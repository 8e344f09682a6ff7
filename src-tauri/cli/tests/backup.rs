//! Backups from the command line: export, verify, open and restore with a passphrase; a round
//! trip that changes nothing; and an export that a full disk interrupts.
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

#[test]
fn backup_export_verify_open_and_restore() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("zhibu.db");
    assert!(zhibu(&db, &["demo"]).status.success());
    let file = dir.path().join("备份.zhibu");
    let out = Command::new(env!("CARGO_BIN_EXE_zhibu"))
        .arg("--db")
        .arg(&db)
        .args(["backup", "export"])
        .arg(&file)
        .args(["--passphrase-env", "ZHIBU_TEST_PASS"])
        .env("ZHIBU_TEST_PASS", "a long passphrase")
        .output()
        .expect("run");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("已加密"));

    let verify = |pass: Option<&str>| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_zhibu"));
        c.args(["backup", "verify"])
            .arg(&file)
            .arg("--json")
            .env_remove("ZHIBU_DB");
        if let Some(p) = pass {
            c.args(["--passphrase-env", "ZHIBU_TEST_PASS"])
                .env("ZHIBU_TEST_PASS", p);
        }
        c.output().expect("run")
    };
    let ok = verify(Some("a long passphrase"));
    assert!(ok.status.success(), "{}", text(&ok.stderr));
    let m: serde_json::Value = serde_json::from_slice(&ok.stdout).expect("json");
    assert_eq!(m["branch"], "中共北京阳光社会工作服务中心支部委员会");
    assert!(m["counts"]["members"].as_u64().is_some_and(|n| n >= 20));
    let wrong = verify(Some("not the passphrase"));
    assert_eq!(wrong.status.code(), Some(1));
    assert!(text(&wrong.stderr).contains("备份密码不正确"));
    assert!(text(&verify(None).stderr).contains("请输入备份密码"));

    let open = Command::new(env!("CARGO_BIN_EXE_zhibu"))
        .args(["backup", "open"])
        .arg(&file)
        .args([
            "--passphrase-env",
            "ZHIBU_TEST_PASS",
            "member",
            "list",
            "--json",
        ])
        .env("ZHIBU_TEST_PASS", "a long passphrase")
        .output()
        .expect("run");
    let list: Vec<serde_json::Value> = serde_json::from_slice(&open.stdout).expect("json");
    assert!(list.iter().any(|p| p["name"] == "胡䶮"));
    let before = std::fs::read(&file).expect("read");

    // A demo backup never replaces another branch's real data: shown, then refused.
    let other = dir.path().join("other/zhibu.db");
    assert!(zhibu(&other, &["init", "--branch", "中共别的支部委员会"])
        .status
        .success());
    let restore = |target: &Path, confirm: bool| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_zhibu"));
        c.arg("--db")
            .arg(target)
            .args(["backup", "restore"])
            .arg(&file)
            .args(["--passphrase-env", "ZHIBU_TEST_PASS"])
            .env("ZHIBU_TEST_PASS", "a long passphrase");
        if confirm {
            c.arg("--yes");
        }
        c.output().expect("run")
    };
    let refused = restore(&other, true);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        text(&refused.stderr).contains("演示数据的备份"),
        "{}",
        text(&refused.stderr)
    );
    let kept_name = zhibu(&other, &["branch", "show", "--json"]);
    assert!(text(&kept_name.stdout).contains("中共别的支部委员会"));
    // Onto a new computer: without --yes it says what would happen and changes nothing.
    let fresh = dir.path().join("fresh/zhibu.db");
    let shown = restore(&fresh, false);
    assert_eq!(shown.status.code(), Some(1));
    assert!(
        text(&shown.stdout).contains("本机还没有数据"),
        "{}",
        text(&shown.stdout)
    );
    assert!(text(&shown.stderr).contains("--yes"));
    assert!(!fresh.exists(), "nothing written before --yes");
    let out = restore(&fresh, true);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let other = fresh;
    let branch = zhibu(&other, &["branch", "show", "--json"]);
    let b: serde_json::Value = serde_json::from_slice(&branch.stdout).expect("json");
    assert_eq!(b["name"], "中共北京阳光社会工作服务中心支部委员会");
    assert_eq!(
        std::fs::read(&file).expect("read"),
        before,
        "opening and restoring never write to the backup"
    );
}
