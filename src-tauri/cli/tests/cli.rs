//! The `zhibu` command as a script or a secretary at a terminal uses it.
mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{text, zhibu};

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

/// Without --db: the app-data folder, as a newcomer uses it. On Linux the test's own, through
/// XDG_DATA_HOME. On Windows it is the profile's %APPDATA%\cn.zhibu.workbench, a known folder
/// that no variable moves; so there the test needs a profile of its own (tests/windows/suites.sh
/// runs it in a fresh Wine prefix, where other tests may have made the folder, not a data file):
/// it will not start where a data file is, and removes the files it made.
struct DataHome {
    #[cfg(not(windows))]
    home: tempfile::TempDir,
    data: PathBuf,
    #[cfg(windows)]
    before: Vec<PathBuf>,
}

impl DataHome {
    #[cfg(not(windows))]
    fn new() -> Self {
        let home = tempfile::tempdir().expect("tmp");
        let data = home.path().join("cn.zhibu.workbench");
        Self { home, data }
    }

    #[cfg(windows)]
    fn new() -> Self {
        let data = zhibu_core::paths::app_data_dir().expect("%APPDATA%");
        for file in ["zhibu.db", "demo.db"] {
            assert!(
                !data.join(file).exists(),
                "{} holds {file}: this test needs a Windows profile of its own (tests/windows/suites.sh)",
                data.display()
            );
        }
        let before = Self::entries(&data);
        Self { data, before }
    }

    #[cfg(windows)]
    fn entries(dir: &Path) -> Vec<PathBuf> {
        std::fs::read_dir(dir)
            .map(|d| d.flatten().map(|e| e.path()).collect())
            .unwrap_or_default()
    }

    fn zhibu(&self, args: &[&str]) -> Output {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_zhibu"));
        cmd.args(args).env_remove("ZHIBU_DB");
        #[cfg(not(windows))]
        cmd.env("XDG_DATA_HOME", self.home.path());
        cmd.output().expect("run zhibu")
    }
}

#[cfg(windows)]
impl Drop for DataHome {
    fn drop(&mut self) {
        // Not the private folder: other tests' commands without --db (backup verify, backup
        // open) use it at the same time, as they may on a secretary's computer.
        for made in Self::entries(&self.data) {
            if !self.before.contains(&made) && !made.ends_with(".zhibu-private") {
                let _ = std::fs::remove_dir_all(&made).or_else(|_| std::fs::remove_file(&made));
            }
        }
    }
}

#[test]
fn without_db_the_demo_is_shown_until_the_branch_has_its_own_file() {
    let home = DataHome::new();
    let data = home.data.clone();

    let nothing = home.zhibu(&["member", "list"]);
    assert_eq!(nothing.status.code(), Some(1));
    assert!(
        text(&nothing.stderr).contains("zhibu init"),
        "{}",
        text(&nothing.stderr)
    );
    assert!(!data.join("zhibu.db").exists(), "looking creates no file");

    assert!(home.zhibu(&["demo"]).status.success());
    assert!(data.join("demo.db").exists() && !data.join("zhibu.db").exists());
    let demo = home.zhibu(&["member", "list", "--json", "--order", "strokes"]);
    assert!(demo.status.success());
    assert!(text(&demo.stderr).contains("演示数据"));
    let list: Vec<serde_json::Value> = serde_json::from_slice(&demo.stdout).expect("json");
    assert!(list.len() >= 20);

    assert!(home
        .zhibu(&["init", "--branch", "中共测试支部委员会"])
        .status
        .success());
    let real = home.zhibu(&["member", "list", "--json"]);
    assert!(real.status.success());
    assert!(!text(&real.stderr).contains("演示数据"));
    let list: Vec<serde_json::Value> = serde_json::from_slice(&real.stdout).expect("json");
    assert!(
        list.is_empty(),
        "the real file starts empty: demo people never enter it"
    );
}

#[test]
fn demo_check_shows_the_deliberate_gaps_and_the_drifting_member() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("demo.db");
    assert!(zhibu(&db, &["demo", "--today", "2026-11-26"])
        .status
        .success());
    let out = zhibu(
        &db,
        &["check", "--year", "2026", "--today", "2026-11-26", "--json"],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let gaps: Vec<(String, String)> = v["calendar"]
        .as_array()
        .expect("calendar")
        .iter()
        .filter(|c| c["held"].as_u64() < c["required"].as_u64() && c["status"] == "gap")
        .map(|c| {
            (
                c["kind"].as_str().unwrap_or("").to_string(),
                c["period"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    for want in [
        ("general_meeting", "2026-Q2"),
        ("committee_meeting", "2026-10"),
        ("party_lecture", "2026-Q1"),
    ] {
        assert!(
            gaps.contains(&(want.0.into(), want.1.into())),
            "{want:?} not in {gaps:?}"
        );
    }
    let six = v["six_month"].as_array().expect("six_month");
    let drifting = six
        .iter()
        .find(|e| e["name"] == "孙涛")
        .expect("孙涛 drifting");
    assert!(
        drifting["months"]
            .as_u64()
            .is_some_and(|m| (3..6).contains(&m)),
        "{drifting}"
    );
    assert!(drifting["last_attended"].is_string());
    let reminders: Vec<&str> = v["reminders"]
        .as_array()
        .expect("r")
        .iter()
        .filter_map(|r| r["message"].as_str())
        .collect();
    assert!(
        reminders.iter().any(|m| m.contains("郭晓燕的预备期")),
        "{reminders:?}"
    );
    // Last year's deliberate gap: August's 主题党日.
    let last = zhibu(
        &db,
        &["check", "--year", "2025", "--today", "2026-11-26", "--json"],
    );
    let v: serde_json::Value = serde_json::from_slice(&last.stdout).expect("json");
    assert!(v["calendar"]
        .as_array()
        .expect("c")
        .iter()
        .any(|c| c["kind"] == "theme_day" && c["period"] == "2025-08" && c["held"] == 0));
}

#[test]
fn meeting_add_marks_everyone_present_but_the_named_absentees() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("zhibu.db");
    assert!(zhibu(&db, &["init", "--branch", "中共测试支部委员会"])
        .status
        .success());
    for (name, id) in [
        ("张三", "11010519491231002X"),
        ("李四", "110105198001010016"),
    ] {
        let out = zhibu(
            &db,
            &[
                "member",
                "add",
                "--name",
                name,
                "--id",
                id,
                "--category",
                "full",
                "--joined",
                "2005-01-01",
            ],
        );
        assert!(out.status.success(), "{}", text(&out.stderr));
    }
    let out = zhibu(
        &db,
        &[
            "meeting",
            "add",
            "--kind",
            "general_meeting",
            "--date",
            "2026-03-10",
            "--topic",
            "讨论发展对象",
            "--absent",
            "李四",
            "--observer",
            "王五",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("应到2人，出席1人"),
        "{}",
        text(&out.stdout)
    );
    assert!(
        text(&out.stderr).contains("不足半数，不得进行表决"),
        "1 of 2 full members is no majority"
    );
    let list = zhibu(&db, &["meeting", "list", "--year", "2026", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&list.stdout).expect("json");
    assert_eq!(v[0]["kind"], "general_meeting");
    assert_eq!(v[0]["counts"]["absent"], 1);
    assert_eq!(v[0]["counts"]["observers"], 1);

    let unknown = zhibu(
        &db,
        &[
            "meeting",
            "add",
            "--kind",
            "theme_day",
            "--date",
            "2026-03-12",
            "--absent",
            "赵六",
        ],
    );
    assert_eq!(unknown.status.code(), Some(1));
    assert!(text(&unknown.stderr).contains("赵六不在2026年3月12日的应到名单中"));
    let dup = zhibu(
        &db,
        &[
            "meeting",
            "add",
            "--kind",
            "general_meeting",
            "--date",
            "2026-03-10",
        ],
    );
    assert_eq!(dup.status.code(), Some(1));
    assert!(text(&dup.stderr).contains("不要重复登记"));
    let bad_kind = zhibu(
        &db,
        &["meeting", "add", "--kind", "party", "--date", "2026-03-12"],
    );
    assert!(text(&bad_kind.stderr).contains("会议类型“party”不正确"));
}

fn pdftotext(pdf: &Path) -> String {
    let out = zhibu_host_tools::output(Command::new("pdftotext").arg(pdf).arg("-"))
        .expect("pdftotext (poppler-utils) is part of the set-up");
    String::from_utf8_lossy(&out.stdout).replace([' ', '\n'], "")
}

#[test]
fn print_writes_the_roster_and_meeting_records_as_pdf() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("demo.db");
    assert!(zhibu(&db, &["demo", "--today", "2026-11-26"])
        .status
        .success());
    let roster = dir.path().join("花名册.pdf");
    let out = zhibu(
        &db,
        &["print", "roster", "--pdf", roster.to_str().expect("path")],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("页"));
    let t = pdftotext(&roster);
    assert!(t.contains("党员花名册") && t.contains("中共北京阳光社会工作服务中心支部委员会"));
    // The demo is a joint branch: one table per organization, in the branch's order, each in
    // stroke order — 王(4) before 刘(6) before 张(7) in the centre; 马莉 works in the
    // association, listed after it; the foundation has no member and is named all the same.
    let pos = |n: &str| {
        t.find(n)
            .unwrap_or_else(|| panic!("{n} missing from the roster"))
    };
    assert!(pos("王建国") < pos("刘洋") && pos("刘洋") < pos("张伟"));
    assert!(pos("北京阳光社会工作服务中心（") < pos("王建国"));
    assert!(
        pos("张伟") < pos("北京市朝阳区社会工作者协会（")
            && pos("北京市朝阳区社会工作者协会（") < pos("马莉")
    );
    assert!(t.contains("北京暖心公益基金会（无党员）"), "{t}");
    assert!(t.contains("胡䶮") && t.contains("陈堃") && t.contains("吴喆"));
    assert!(
        !t.contains("高鹏"),
        "candidates are not on the members' roster"
    );
    assert!(!t.contains("谢东"), "members who left are not on it either");

    let list = zhibu(&db, &["meeting", "list", "--year", "2026", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&list.stdout).expect("json");
    let general = v
        .as_array()
        .expect("list")
        .iter()
        .rev()
        .find(|m| m["also_kind"] == "general_meeting")
        .expect("a 党员大会");
    let id = general["id"].to_string();
    let record = dir.path().join("record.pdf");
    assert!(zhibu(
        &db,
        &[
            "print",
            "meeting",
            &id,
            "--pdf",
            record.to_str().expect("path")
        ]
    )
    .status
    .success());
    let t = pdftotext(&record);
    assert!(
        t.contains("会议记录") && t.contains("主持人（签字）") && t.contains("记录人（签字）"),
        "{t}"
    );
    assert!(
        t.contains("缺席人员：孙涛"),
        "the drifting member was absent: {t}"
    );

    let missing = zhibu(
        &db,
        &[
            "print",
            "meeting",
            "99999",
            "--pdf",
            record.to_str().expect("path"),
        ],
    );
    assert_eq!(missing.status.code(), Some(1));
    assert!(text(&missing.stderr).contains("找不到这条会议记录"));
}

fn import_fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/import")
        .join(name)
}

#[test]
fn import_roster_previews_imports_and_exports_back() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("zhibu.db");
    assert!(zhibu(&db, &["init", "--branch", "中共测试支部委员会"])
        .status
        .success());
    let file = import_fixture("roster-official.xlsx");
    let f = file.to_str().expect("path");

    let dry = zhibu(&db, &["import", "roster", f, "--dry-run", "--json"]);
    assert!(dry.status.success(), "{}", text(&dry.stderr));
    let v: serde_json::Value = serde_json::from_slice(&dry.stdout).expect("json");
    assert_eq!(v["imported"], 0);
    assert_eq!(v["skipped"], 1);
    let rows = v["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), 6);
    let zhou = rows.iter().find(|r| r["name"] == "周敏").expect("周敏");
    assert_eq!(zhou["row"], 9);
    assert!(zhou["problems"][0]
        .as_str()
        .is_some_and(|p| p.contains("校验位")));
    let listed = zhibu(&db, &["member", "list", "--json"]);
    assert_eq!(
        text(&listed.stdout).trim(),
        "[]",
        "a dry run writes nothing"
    );

    let done = zhibu(&db, &["import", "roster", f]);
    assert!(done.status.success(), "{}", text(&done.stderr));
    assert!(text(&done.stdout).contains("已导入5人，跳过1行"));
    assert!(text(&done.stdout).contains("第9行 周敏"));

    let out = dir.path().join("名册.xlsx");
    let export = zhibu(&db, &["export", "roster", out.to_str().expect("path")]);
    assert!(export.status.success(), "{}", text(&export.stderr));
    // Our own export, imported again, is recognized person by person.
    let again = zhibu(
        &db,
        &["import", "roster", out.to_str().expect("p"), "--json"],
    );
    let v: serde_json::Value = serde_json::from_slice(&again.stdout).expect("json");
    assert_eq!(v["imported"], 0);
    assert_eq!(v["skipped"], 5);

    // Nothing readable: a clear message and a non-zero exit.
    let bad = zhibu(
        &db,
        &[
            "import",
            "roster",
            import_fixture("password.xlsx").to_str().expect("p"),
        ],
    );
    assert_eq!(bad.status.code(), Some(1));
    assert!(text(&bad.stderr).contains("设置了打开密码"));
}

#[test]
fn development_list_shows_each_person_with_steps_warnings_and_deadlines() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("zhibu.db");
    assert!(zhibu(&db, &["demo", "--today", "2026-11-26"])
        .status
        .success());
    let out = zhibu(&db, &["development", "list", "--json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let list: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).expect("json");
    let person = |name: &str| {
        list.iter()
            .find(|e| e["name"] == name)
            .unwrap_or_else(|| panic!("{name} in development"))
    };
    assert_eq!(person("梁宇")["category"], "applicant");
    assert_eq!(person("梁宇")["deadlines"][0]["step"], 2);
    assert!(person("林雪")["warnings"][0]
        .as_str()
        .is_some_and(|w| w.contains("16学时")));
    assert_eq!(person("胡䶮")["steps"].as_array().map(Vec::len), Some(20));
    // Recording a step moves the category.
    let rec = zhibu(
        &db,
        &[
            "development",
            "record",
            "--member",
            "宋佳琪",
            "--step",
            "3",
            "--date",
            "2026-11-20",
        ],
    );
    assert!(rec.status.success(), "{}", text(&rec.stderr));
    assert!(text(&rec.stdout).contains("现为入党积极分子"));
}

#[test]
fn demo_scale_generates_a_large_branch_only_into_an_empty_file() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("scale.db");
    let out = zhibu(&db, &["demo", "--scale", "300", "--years", "2"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("生成300名党员、2年的数据"));
    let list: Vec<serde_json::Value> =
        serde_json::from_slice(&zhibu(&db, &["member", "list", "--json"]).stdout).expect("json");
    assert_eq!(list.len(), 300);
    let dues: serde_json::Value =
        serde_json::from_slice(&zhibu(&db, &["dues", "show", "--json"]).stdout).expect("json");
    assert_eq!(dues["rows"].as_array().map(Vec::len), Some(300));
    let again = zhibu(&db, &["demo", "--scale", "300"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(text(&again.stderr).contains("只写入空白数据文件"));
    let bad = zhibu(&dir.path().join("x.db"), &["demo", "--scale", "0"]);
    assert_eq!(bad.status.code(), Some(1));
}
