//! The data file with real processes: two writers at once, a restore under a program that has
//! the file open, commands pointed at the wrong file, outputs aimed at the data file.
mod common;

use std::path::Path;
use std::process::{Command, Output, Stdio};

use zhibu_core::Store;

use common::{text, zhibu};

fn zhibu_cmd(db: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_zhibu"));
    c.env_remove("ZHIBU_DB").arg("--db").arg(db);
    c
}

/// A valid ID number (GB 11643 check character) from its first 17 digits.
fn id(first17: &str) -> String {
    let check = zhibu_core::idcard::check_char(first17).expect("17 digits");
    format!("{first17}{check}")
}

fn real_branch(db: &Path) {
    let out = zhibu(db, &["init", "--branch", "中共某协会支部委员会"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = zhibu(
        db,
        &[
            "member",
            "add",
            "--name",
            "张明",
            "--id",
            &id("11010519800101001"),
            "--category",
            "full",
            "--joined",
            "2005-07-01",
            "--since",
            "2020-01-01",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
}

#[test]
fn two_programs_adding_the_same_meeting_at_once_store_it_once() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("zhibu.db");
    real_branch(&db);
    // Eight secretaries' clicks at the same moment: the same 主题党日 on the same day.
    for round in 1..=3 {
        let date = format!("2026-0{round}-20");
        let children: Vec<_> = (0..8)
            .map(|i| {
                zhibu_cmd(&db)
                    .args(["meeting", "add", "--kind", "theme_day", "--date", &date])
                    .args(["--topic", &format!("第{i}个窗口")])
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .expect("spawn")
            })
            .collect();
        let outputs: Vec<Output> = children
            .into_iter()
            .map(|c| c.wait_with_output().expect("wait"))
            .collect();
        let stored = outputs.iter().filter(|o| o.status.success()).count();
        assert_eq!(
            stored, 1,
            "round {round}: exactly one of the eight is stored"
        );
        for o in outputs.iter().filter(|o| !o.status.success()) {
            let said = text(&o.stderr);
            assert!(
                said.contains("不要重复登记"),
                "round {round}: refused as a duplicate, not: {said}"
            );
        }
        let s = Store::open_read_only(&db).expect("open");
        let same_day = s
            .meetings(2026)
            .expect("list")
            .into_iter()
            .filter(|m| m.date.to_string() == date)
            .count();
        assert_eq!(same_day, 1, "round {round}");
    }
}

#[test]
fn a_restore_under_a_program_that_has_the_file_open_keeps_the_file_whole() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("zhibu.db");
    real_branch(&db);
    let backup = dir.path().join("b.zhibu");
    assert!(
        zhibu(&db, &["backup", "export", backup.to_str().expect("utf-8")])
            .status
            .success()
    );
    // After the backup, a second member; the restore takes the file back to one.
    let out = zhibu(
        &db,
        &[
            "member",
            "add",
            "--name",
            "李红",
            "--id",
            &id("11010519850101002"),
            "--category",
            "full",
            "--joined",
            "2010-07-01",
            "--since",
            "2020-01-01",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    // The app has the file open while the CLI restores.
    let mut app = Store::open_existing(&db).expect("the app's connection");
    assert_eq!(app.all_members().expect("m").len(), 2);
    let out = zhibu(
        &db,
        &[
            "backup",
            "restore",
            backup.to_str().expect("utf-8"),
            "--yes",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("原来的数据保留在"));
    // The app's next read sees the restored data, and its next write lands in it.
    assert_eq!(
        app.all_members().expect("m").len(),
        1,
        "the open connection sees the restore"
    );
    app.add_member(
        &common_member("王五", &id("11010519700101003")),
        chrono::NaiveDate::from_ymd_opt(2026, 11, 26).expect("date"),
    )
    .expect("written after the restore");
    drop(app);
    let fresh = Store::open_existing(&db).expect("open");
    fresh.check_integrity().expect("whole");
    let names: Vec<String> = fresh
        .all_members()
        .expect("m")
        .into_iter()
        .map(|m| m.name)
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(names.contains(&"张明".to_string()) && names.contains(&"王五".to_string()));
}

fn common_member(name: &str, id: &str) -> zhibu_core::member::MemberInput {
    zhibu_core::member::MemberInput {
        name: name.into(),
        id_number: id.into(),
        category: Some(zhibu_core::member::Category::Full),
        joined: Some("2000-07-01".into()),
        since: Some("2020-01-01".into()),
        ..Default::default()
    }
}

#[test]
fn a_mistyped_data_file_is_never_created_and_a_failed_init_leaves_nothing() {
    let dir = tempfile::tempdir().expect("tmp");
    let typo = dir.path().join("zhibuu.db");
    for args in [
        vec![
            "member",
            "add",
            "--name",
            "张明",
            "--id",
            "11010519800101001X",
            "--category",
            "full",
            "--joined",
            "2005-07-01",
        ],
        vec![
            "meeting",
            "add",
            "--kind",
            "theme_day",
            "--date",
            "2026-11-20",
        ],
        vec!["member", "list"],
        vec!["dues", "show"],
        vec!["backup", "export", "/tmp/zhibu-never.zhibu"],
    ] {
        let out = zhibu(&typo, &args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(
            text(&out.stderr).contains("找不到数据文件"),
            "{args:?}: {}",
            text(&out.stderr)
        );
        assert!(!typo.exists(), "{args:?} created the mistyped file");
    }
    let out = zhibu(&typo, &["init", "--branch", ""]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        !typo.exists(),
        "a refused init leaves no file: {}",
        text(&out.stderr)
    );
}

#[test]
fn looking_at_another_programs_database_changes_nothing() {
    let dir = tempfile::tempdir().expect("tmp");
    let other = dir.path().join("notes.db");
    {
        let c = rusqlite::Connection::open(&other).expect("other");
        c.execute_batch("CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT);")
            .expect("t");
    }
    let before = std::fs::read(&other).expect("read");
    for args in [
        vec!["member", "list"],
        vec!["branch", "show"],
        vec!["check"],
    ] {
        let out = zhibu(&other, &args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(
            text(&out.stderr).contains("不是支部工作台的数据文件"),
            "{}",
            text(&out.stderr)
        );
    }
    assert!(
        std::fs::read(&other).expect("read") == before,
        "not one byte changed"
    );
    assert!(
        !dir.path().join("notes.db-wal").exists(),
        "not switched to WAL"
    );
}

#[test]
fn every_output_aimed_at_the_data_file_is_refused() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("zhibu.db");
    real_branch(&db);
    let before = std::fs::read(&db).expect("read");
    let data = db.to_str().expect("utf-8");
    let wal = format!("{data}-wal");
    for args in [
        vec!["backup", "export", data],
        vec!["export", "roster", data],
        vec!["export", "dues", data],
        vec!["print", "roster", "--pdf", data],
        vec!["report", "print", "--year", "2025", "--pdf", data],
        vec!["print", "roster", "--pdf", &wal],
    ] {
        let out = zhibu(&db, &args);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{args:?}: {}",
            text(&out.stdout)
        );
        assert!(
            text(&out.stderr).contains("不能保存到"),
            "{args:?}: {}",
            text(&out.stderr)
        );
    }
    assert!(
        std::fs::read(&db).expect("read") == before,
        "the data file is as it was"
    );
    Store::open_existing(&db)
        .expect("opens")
        .check_integrity()
        .expect("whole");
}
