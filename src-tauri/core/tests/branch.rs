//! The branch profile and its committee.
mod common;

use common::{full_member, store, today};
use zhibu_core::branch::{BranchInput, CommitteeSeat, OrgType};
use zhibu_core::member::Category;

fn seat(member_id: i64, role: &str) -> CommitteeSeat {
    CommitteeSeat {
        member_id,
        name: String::new(),
        role: role.into(),
    }
}

#[test]
fn saving_the_profile_derives_the_term_end_and_names_the_committee() {
    let mut s = store();
    let a = s
        .add_member(
            &full_member("王一", "1970-01-01", 11, "1995-07-01"),
            today(),
        )
        .expect("a")
        .id;
    let b = s
        .add_member(
            &full_member("李二", "1975-01-01", 12, "2000-07-01"),
            today(),
        )
        .expect("b")
        .id;
    let input = BranchInput {
        name: "中共测试协会支部委员会".into(),
        org_name: "测试协会".into(),
        org_type: OrgType::Foundation,
        superior: "中共某区社会组织综合委员会".into(),
        founded: Some("2016-07-01".into()),
        term_start: Some("2024-03-15".into()),
        term_years: 3,
        committee: vec![seat(a, "书记"), seat(b, "副书记")],
        ..Default::default()
    };
    let p = s.save_branch(&input, today()).expect("saved");
    assert_eq!(
        p.term_end.map(|d| d.to_string()).as_deref(),
        Some("2027-03-15")
    );
    assert_eq!(
        p.committee
            .iter()
            .map(|c| (c.name.as_str(), c.role.as_str()))
            .collect::<Vec<_>>(),
        [("王一", "书记"), ("李二", "副书记")]
    );
    assert_eq!(s.branch().expect("reread"), p);
    // 党内职务 on the roster comes from the committee, not from a second field.
    assert_eq!(s.member(a).expect("a").party_post, "书记");
    assert_eq!(s.member(b).expect("b").party_post, "副书记");
}

#[test]
fn bad_profile_input_is_refused_and_the_old_profile_kept() {
    let mut s = store();
    let mut p = full_member("赵三", "1995-01-01", 13, "2026-01-01");
    p.category = Some(Category::Probationary);
    let prob = s.add_member(&p, today()).expect("p").id;
    s.save_branch(
        &BranchInput {
            name: "中共原支部".into(),
            ..Default::default()
        },
        today(),
    )
    .expect("first");
    let bad = BranchInput {
        name: " ".into(),
        founded: Some("2030-01-01".into()),
        term_years: 9,
        committee: vec![seat(prob, "书记")],
        ..Default::default()
    };
    let e = s.save_branch(&bad, today()).expect_err("refused");
    let fields: Vec<&str> = e.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["name", "founded", "term_years", "committee"]);
    assert!(e.fields[3].message.contains("不是正式党员"));
    assert_eq!(s.branch().expect("kept").name, "中共原支部");
}
