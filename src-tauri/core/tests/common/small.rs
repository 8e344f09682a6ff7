//! A small branch at fixed dates, shared by the tests of social-organization branches.
use chrono::NaiveDate;
use zhibu_core::branch::{BranchInput, CommitteeSeat};
use zhibu_core::meeting::{MeetingInput, MeetingKind};
use zhibu_core::Store;

use super::{full_member, store};

pub const TODAY: &str = "2026-11-26";

pub fn d(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

pub fn now() -> chrono::NaiveDateTime {
    d(TODAY).and_hms_opt(10, 0, 0).expect("time")
}

/// A branch of `n` full members (since 2020), the first its secretary.
pub fn small_branch(n: u32) -> (Store, Vec<i64>) {
    let mut s = store();
    let mut ids = Vec::new();
    for i in 0..n {
        let mut input = full_member(
            &format!("成员{i}号"),
            "1980-01-01",
            101 + 2 * i,
            "2005-01-01",
        );
        input.name = [
            "王一", "李二", "张三", "赵四", "钱五", "孙六", "周七", "吴八",
        ][i as usize]
            .into();
        input.since = Some("2020-01-01".into());
        ids.push(s.add_member(&input, d(TODAY)).expect("member").id);
    }
    s.save_branch(
        &BranchInput {
            name: "中共测试协会支部委员会".into(),
            founded: Some("2020-01-01".into()),
            term_start: Some("2024-03-01".into()),
            term_years: 3,
            committee: vec![CommitteeSeat {
                member_id: ids[0],
                name: String::new(),
                role: "书记".into(),
            }],
            ..Default::default()
        },
        d(TODAY),
    )
    .expect("branch with its secretary");
    (s, ids)
}

pub fn meeting(s: &Store, kind: MeetingKind, date: &str) -> MeetingInput {
    MeetingInput {
        kind: Some(kind),
        date: date.into(),
        attendance: s
            .expected_attendance(kind, d(date), None)
            .expect("expected"),
        ..Default::default()
    }
}

pub fn elsewhere(name: &str, seq: u32) -> zhibu_core::member::MemberInput {
    let mut m = full_member(name, "1982-04-04", seq, "2009-07-01");
    m.since = Some("2020-01-01".into());
    m.membership_elsewhere = true;
    m.membership_org = "中共某大学社会学院委员会".into();
    m
}
