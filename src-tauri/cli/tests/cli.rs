//! The `zhibu` command as a script or a secretary at a terminal uses it.
use std::path::Path;
use std::process::{Command, Output};

fn zhibu(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zhibu"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("ZHIBU_DB")
        .output()
        .expect("run zhibu")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn demo_then_list_prints_the_roster_in_stroke_order_as_json() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("demo.db");
    let out = zhibu(&db, &["demo"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = zhibu(&db, &["member", "list", "--json", "--order", "strokes"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let list: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).expect("json");
    assert!(list.len() >= 20);
    for key in [
        "name",
        "id_number",
        "sex",
        "birth_date",
        "category",
        "joined",
        "full_date",
        "status",
    ] {
        assert!(list[0].get(key).is_some(), "missing {key}");
    }
    let names: Vec<&str> = list.iter().filter_map(|m| m["name"].as_str()).collect();
    // 王(4) before 刘(6) before 李(7) before 张(7, first stroke 折) before 黄(11) in the demo.
    let pos = |n: &str| {
        names
            .iter()
            .position(|x| *x == n)
            .unwrap_or_else(|| panic!("{n} in {names:?}"))
    };
    assert!(
        pos("王建国") < pos("刘洋") && pos("刘洋") < pos("李秀英") && pos("李秀英") < pos("张伟")
    );
    assert!(pos("张伟") < pos("黄志强"));
    assert!(names.contains(&"胡䶮") && names.contains(&"林𠇔"));
    assert!(
        !names.contains(&"谢东"),
        "members who left are not on the active roster"
    );
    // A second demo into the same file is refused, nothing changes.
    let again = zhibu(&db, &["demo"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(text(&again.stderr).contains("已有数据"));
}

#[test]
fn member_add_validates_with_chinese_messages_and_exit_code() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("zhibu.db");
    assert!(zhibu(&db, &["init", "--branch", "中共测试支部委员会"])
        .status
        .success());
    let bad = zhibu(
        &db,
        &[
            "member",
            "add",
            "--name",
            "张三",
            "--id",
            "110105194912310021",
            "--category",
            "full",
            "--joined",
            "1975-01-01",
        ],
    );
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        text(&bad.stderr).contains("校验位不正确"),
        "{}",
        text(&bad.stderr)
    );
    let bad_cat = zhibu(
        &db,
        &[
            "member",
            "add",
            "--name",
            "张三",
            "--id",
            "11010519491231002X",
            "--category",
            "boss",
        ],
    );
    assert_eq!(bad_cat.status.code(), Some(1));
    assert!(text(&bad_cat.stderr).contains("人员类别"));

    let ok = zhibu(
        &db,
        &[
            "member",
            "add",
            "--name",
            "张三",
            "--id",
            "11010519491231002X",
            "--category",
            "full",
            "--joined",
            "1975-01-01",
            "--phone",
            "13800138000",
        ],
    );
    assert!(ok.status.success(), "{}", text(&ok.stderr));
    let list = zhibu(&db, &["member", "list", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&list.stdout).expect("json");
    assert_eq!(v[0]["name"], "张三");
    assert_eq!(v[0]["sex"], "female");
    assert_eq!(v[0]["birth_date"], "1949-12-31");
    assert_eq!(v[0]["full_date"], "1976-01-01");
    assert_eq!(v[0]["status"], "active");

    let again = zhibu(&db, &["init", "--branch", "别的支部"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(text(&again.stderr).contains("中共测试支部委员会"));
}

#[test]
fn a_newer_file_is_refused() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("new.db");
    // `zhibu` creates it, then a "newer version" bumps the schema number.
    assert!(zhibu(&db, &["init", "--branch", "中共测试支部委员会"])
        .status
        .success());
    // The schema number is the header field `user_version` (offset 60, big-endian).
    let mut bytes = std::fs::read(&db).expect("read");
    bytes[60..64].copy_from_slice(&99u32.to_be_bytes());
    std::fs::write(&db, bytes).expect("write");
    let out = zhibu(&db, &["member", "list"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("更新版本"),
        "{}",
        text(&out.stderr)
    );
}

/// Without --db: the app-data folder, as a newcomer uses it.
fn zhibu_home(home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zhibu"))
        .args(args)
        .env_remove("ZHIBU_DB")
        .env("XDG_DATA_HOME", home)
        .output()
        .expect("run zhibu")
}

#[test]
fn without_db_the_demo_is_shown_until_the_branch_has_its_own_file() {
    let home = tempfile::tempdir().expect("tmp");
    let data = home.path().join("cn.zhibu.workbench");

    let nothing = zhibu_home(home.path(), &["member", "list"]);
    assert_eq!(nothing.status.code(), Some(1));
    assert!(
        text(&nothing.stderr).contains("zhibu init"),
        "{}",
        text(&nothing.stderr)
    );
    assert!(!data.join("zhibu.db").exists(), "looking creates no file");

    assert!(zhibu_home(home.path(), &["demo"]).status.success());
    assert!(data.join("demo.db").exists() && !data.join("zhibu.db").exists());
    let demo = zhibu_home(
        home.path(),
        &["member", "list", "--json", "--order", "strokes"],
    );
    assert!(demo.status.success());
    assert!(text(&demo.stderr).contains("演示数据"));
    let list: Vec<serde_json::Value> = serde_json::from_slice(&demo.stdout).expect("json");
    assert!(list.len() >= 20);

    assert!(
        zhibu_home(home.path(), &["init", "--branch", "中共测试支部委员会"])
            .status
            .success()
    );
    let real = zhibu_home(home.path(), &["member", "list", "--json"]);
    assert!(real.status.success());
    assert!(!text(&real.stderr).contains("演示数据"));
    let list: Vec<serde_json::Value> = serde_json::from_slice(&real.stdout).expect("json");
    assert!(
        list.is_empty(),
        "the real file starts empty: demo people never enter it"
    );
}
