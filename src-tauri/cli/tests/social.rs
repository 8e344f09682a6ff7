//! What scripts need of a social-organization branch: organizations, talks, transfers with
//! their letters, and `check --json` carrying per-organization facts and talk coverage.
mod common;

use common::{text, zhibu};

fn ok(out: &std::process::Output) -> String {
    assert!(out.status.success(), "{}", text(&out.stderr));
    text(&out.stdout)
}

#[test]
fn a_joint_branch_is_set_up_and_checked_from_the_command_line() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("zhibu.db");
    ok(&zhibu(&db, &["init", "--branch", "中共某联合支部委员会"]));
    ok(&zhibu(
        &db,
        &[
            "org",
            "add",
            "--name",
            "甲协会",
            "--type",
            "social_group",
            "--code",
            "91350100M000100Y43",
            "--head-is-member",
            "--charter",
            "2020-01-01",
        ],
    ));
    // A wrong check character is refused in Chinese, nothing is added.
    let bad = zhibu(
        &db,
        &[
            "org",
            "add",
            "--name",
            "乙基金会",
            "--code",
            "91350100M000100Y44",
        ],
    );
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        text(&bad.stderr).contains("校验码"),
        "{}",
        text(&bad.stderr)
    );
    ok(&zhibu(
        &db,
        &["org", "add", "--name", "乙基金会", "--type", "foundation"],
    ));
    let bad = zhibu(&db, &["org", "add", "--name", "丙", "--type", "company"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(text(&bad.stderr).contains("单位类型“company”不正确"));

    for (name, id, org) in [
        ("王一", "110105197001010011", "甲协会"),
        ("李二", "110105197501010018", "甲协会"),
        ("张三", "110105198001010016", "甲协会"),
    ] {
        ok(&zhibu(
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
                "2005-07-01",
                "--since",
                "2020-01-01",
                "--org",
                org,
            ],
        ));
    }
    ok(&zhibu(
        &db,
        &[
            "member",
            "add",
            "--name",
            "欧阳明",
            "--id",
            "110105198204040012",
            "--category",
            "full",
            "--joined",
            "2009-07-01",
            "--since",
            "2020-01-01",
            "--org",
            "甲协会",
            "--elsewhere",
            "中共某大学委员会",
        ],
    ));
    let orgs: serde_json::Value = serde_json::from_str(&ok(&zhibu(
        &db,
        &["org", "list", "--json", "--today", "2026-11-26"],
    )))
    .expect("json");
    assert_eq!(orgs[0]["organization"]["credit_code"], "91350100M000100Y43");
    assert_eq!(
        orgs[0]["facts"]["members"], 3,
        "the member from elsewhere is not counted"
    );
    assert_eq!(orgs[0]["facts"]["elsewhere"], 1);
    assert_eq!(orgs[1]["facts"]["no_full_member"], true);

    ok(&zhibu(
        &db,
        &[
            "talk",
            "add",
            "--a",
            "王一",
            "--b",
            "李二",
            "--date",
            "2026-03-01",
            "--note",
            "交流思想",
        ],
    ));
    let bad = zhibu(
        &db,
        &[
            "talk",
            "add",
            "--a",
            "王一",
            "--b",
            "王一",
            "--date",
            "2026-03-01",
        ],
    );
    assert_eq!(bad.status.code(), Some(1));
    let talks: serde_json::Value = serde_json::from_str(&ok(&zhibu(
        &db,
        &[
            "talk",
            "list",
            "--year",
            "2026",
            "--today",
            "2026-11-26",
            "--json",
        ],
    )))
    .expect("json");
    assert_eq!(talks["talks"].as_array().map(Vec::len), Some(1));

    // Transfer out with its letter; a month without 回执 is a reminder, the receipt ends it.
    ok(&zhibu(
        &db,
        &[
            "member",
            "transfer",
            "张三",
            "--direction",
            "out",
            "--date",
            "2026-09-01",
            "--org",
            "中共某街道委员会",
            "--letter",
            "2026-017",
        ],
    ));
    let check = |db: &std::path::Path| -> serde_json::Value {
        serde_json::from_str(&ok(&zhibu(
            db,
            &["check", "--json", "--today", "2026-11-26"],
        )))
        .expect("json")
    };
    let c = check(&db);
    let messages: Vec<String> = c["reminders"]
        .as_array()
        .expect("reminders")
        .iter()
        .filter_map(|r| r["message"].as_str().map(String::from))
        .collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("张三") && m.contains("介绍信2026-017") && m.contains("回执")),
        "{messages:?}"
    );
    assert!(
        messages.iter().all(|m| !m.contains("支委会")),
        "a 2-member branch: {messages:?}"
    );
    assert_eq!(c["structure"]["structure"], "secretary");
    assert_eq!(c["elsewhere"], 1);
    assert_eq!(c["organizations"].as_array().map(Vec::len), Some(2));
    assert!(c["talks"]["required"].as_u64().is_some());
    ok(&zhibu(
        &db,
        &["member", "receipt", "张三", "--date", "2026-10-08"],
    ));
    let c = check(&db);
    assert!(c["reminders"]
        .as_array()
        .expect("r")
        .iter()
        .all(|r| !r["message"].as_str().unwrap_or("").contains("回执")));
}

#[test]
fn the_small_demo_is_a_secretary_only_branch() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("small.db");
    ok(&zhibu(&db, &["demo", "--small"]));
    let out = ok(&zhibu(&db, &["check"]));
    assert!(!out.contains("支委会"), "{out}");
    let c: serde_json::Value =
        serde_json::from_str(&ok(&zhibu(&db, &["check", "--json"]))).expect("json");
    assert_eq!(c["structure"]["structure"], "secretary");
    assert_eq!(c["structure"]["full_members"], 5);
}
