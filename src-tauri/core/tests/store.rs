//! The data file: one init for app, CLI and tests; schema upgrades; refusal of files it
//! cannot safely open.
mod common;

use common::{full_member, today};
use zhibu_core::store::SCHEMA_VERSION;
use zhibu_core::{ErrorKind, Store};

#[test]
fn a_new_file_gets_the_current_schema_wal_and_foreign_keys() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("sub/zhibu.db");
    let mut s = Store::open(&path).expect("created with its folder");
    assert_eq!(s.schema_version().expect("version"), SCHEMA_VERSION);
    s.add_member(
        &full_member("张三", "1985-03-01", 11, "2010-07-01"),
        today(),
    )
    .expect("add");
    drop(s);
    let s = Store::open(&path).expect("reopen");
    assert_eq!(
        s.all_members().expect("list").len(),
        1,
        "data survives reopening"
    );
    let conn = rusqlite::Connection::open(&path).expect("raw");
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .expect("mode");
    assert_eq!(mode, "wal");
}

#[test]
fn an_empty_file_from_before_any_schema_is_upgraded() {
    // Version 0 is what an empty file is; the ladder starts there.
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("old.db");
    rusqlite::Connection::open(&path)
        .expect("raw")
        .execute_batch("PRAGMA user_version = 0;")
        .expect("v0");
    let s = Store::open(&path).expect("upgraded");
    assert_eq!(s.schema_version().expect("version"), SCHEMA_VERSION);
    assert_eq!(
        s.branch().expect("branch row").term_years,
        3,
        "default term length"
    );
}

#[test]
fn a_file_from_a_newer_version_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("new.db");
    rusqlite::Connection::open(&path)
        .expect("raw")
        .execute_batch("CREATE TABLE future (x); PRAGMA user_version = 99;")
        .expect("v99");
    let before = std::fs::read(&path).expect("bytes");
    let e = Store::open(&path).err().expect("refused");
    assert_eq!(e.kind, ErrorKind::FileTooNew);
    assert!(e.message.contains("更新版本"), "{}", e.message);
    assert_eq!(std::fs::read(&path).expect("bytes"), before);
}

#[test]
fn a_file_that_is_not_a_database_is_refused_with_a_clear_message() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("roster.xlsx");
    std::fs::write(
        &path,
        b"PK\x03\x04 this is a spreadsheet, not a database ......................................",
    )
    .expect("write");
    let e = Store::open(&path).err().expect("refused");
    assert_eq!(e.kind, ErrorKind::Corrupt);
    assert!(e.message.contains("不是支部工作台的数据文件"));
}

#[test]
fn creating_refuses_a_file_that_already_belongs_to_a_branch() {
    use zhibu_core::branch::BranchInput;
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("zhibu.db");
    let input = BranchInput {
        name: "中共测试支部委员会".into(),
        ..Default::default()
    };
    Store::create(&path, &input, today()).expect("created");
    let e = Store::create(
        &path,
        &BranchInput {
            name: "别的支部".into(),
            ..Default::default()
        },
        today(),
    )
    .err()
    .expect("refused");
    assert_eq!(e.kind, ErrorKind::Conflict);
    assert_eq!(
        Store::open(&path).expect("open").branch().expect("b").name,
        "中共测试支部委员会"
    );
}

#[test]
fn a_version_1_file_with_members_is_upgraded_without_loss() {
    // The schema as version 1 shipped it, with one person in it.
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("v1.db");
    let conn = rusqlite::Connection::open(&path).expect("raw");
    conn.execute_batch(include_str!("../src/store/0001_init.sql"))
        .expect("v1 schema");
    conn.execute_batch(
        "INSERT INTO member (name, id_number, sex, birth_date, category, joined)
            VALUES ('张三', '11010519491231002X', 'female', '1949-12-31', 'full', '1975-01-01');
         INSERT INTO membership_event (member_id, kind, date, reason) VALUES (1, 'in', '1975-01-01', 'new');
         PRAGMA user_version = 1;",
    )
    .expect("v1 data");
    drop(conn);
    let s = Store::open(&path).expect("upgraded");
    assert_eq!(s.schema_version().expect("v"), SCHEMA_VERSION);
    assert_eq!(s.all_members().expect("members")[0].name, "张三");
    assert!(s.meetings(2026).expect("meetings table exists").is_empty());
}

#[test]
fn a_version_2_file_is_upgraded_to_the_venues() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("v2.db");
    let conn = rusqlite::Connection::open(&path).expect("raw");
    conn.execute_batch(include_str!("../src/store/0001_init.sql"))
        .expect("v1");
    conn.execute_batch(include_str!("../src/store/0002_meetings.sql"))
        .expect("v2");
    conn.execute_batch(
        "INSERT INTO meeting (kind, date) VALUES ('theme_day', '2026-11-12');
         PRAGMA user_version = 2;",
    )
    .expect("v2 data");
    drop(conn);
    let s = Store::open(&path).expect("upgraded");
    assert_eq!(s.schema_version().expect("v"), SCHEMA_VERSION);
    assert_eq!(s.meetings(2026).expect("meetings kept").len(), 1);
    assert!(s.venues().expect("venue tables exist").is_empty());
}

#[test]
fn a_version_4_file_is_upgraded_to_the_dues_ledger() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("v4.db");
    let conn = common::old_file(&path, 4);
    conn.execute_batch(
        "INSERT INTO member (name, id_number, sex, birth_date, category, joined)
            VALUES ('张三', '11010519491231002X', 'female', '1949-12-31', 'full', '1975-01-01');
         INSERT INTO membership_event (member_id, kind, date, reason) VALUES (1, 'in', '1975-01-01', 'new');
         INSERT INTO report (year) VALUES (2025);
         PRAGMA user_version = 4;",
    )
    .expect("v4 data");
    drop(conn);
    let s = Store::open(&path).expect("upgraded");
    assert_eq!(s.schema_version().expect("v"), SCHEMA_VERSION);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 26).expect("d");
    let ledger = s.dues_year(2026, today).expect("dues tables exist");
    assert_eq!(ledger.rows.len(), 1, "the member is in the ledger");
    assert_eq!(ledger.without_basis, 1);
    assert!(s
        .development(today)
        .expect("development table exists")
        .is_empty());
}
