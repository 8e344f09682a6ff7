//! Development (发展党员) with fixed dates: categories move by recorded steps, and each
//! interval of the rules is checked.
mod common;

use common::{id_for, store, today};
use zhibu_core::development::StepInput;
use zhibu_core::member::{Category, MemberInput};
use zhibu_core::Store;

fn applicant(s: &mut Store, name: &str, birth: &str, seq: u32) -> i64 {
    s.add_member(
        &MemberInput {
            name: name.into(),
            id_number: id_for(birth, seq),
            category: Some(Category::Applicant),
            ..Default::default()
        },
        today(),
    )
    .expect("applicant")
    .id
}

fn record(
    s: &mut Store,
    id: i64,
    step: u8,
    date: &str,
    detail: &str,
) -> zhibu_core::development::DevelopmentEntry {
    s.record_step(
        id,
        &StepInput {
            step,
            date: date.into(),
            detail: detail.into(),
        },
        today(),
    )
    .unwrap_or_else(|e| panic!("step {step}: {} {:?}", e.message, e.fields))
}

fn category(s: &Store, id: i64) -> Category {
    s.member(id).expect("member").category
}

#[test]
fn a_person_moves_category_by_recording_the_steps() {
    let mut s = store();
    let id = applicant(&mut s, "高鹏", "1994-09-19", 11);
    record(&mut s, id, 1, "2023-03-01", "");
    record(&mut s, id, 2, "2023-03-20", "王建国");
    let e = record(&mut s, id, 3, "2023-06-01", "");
    assert_eq!(e.category, Category::Activist);
    assert_eq!(category(&s, id), Category::Activist);
    for (n, d, detail) in [
        (4, "2023-06-10", ""),
        (5, "2023-06-10", "李秀英、张伟"),
        (6, "2023-12-10", "表现良好"),
    ] {
        record(&mut s, id, n, d, detail);
    }
    let e = record(&mut s, id, 7, "2024-07-01", "");
    assert_eq!(e.category, Category::Candidate);
    for (n, d, detail) in [
        (8, "2024-07-05", ""),
        (9, "2024-07-05", "李秀英、张伟"),
        (10, "2024-08-01", "合格"),
        (11, "2024-09-01", "24学时"),
        (12, "2024-10-08", ""),
        (13, "2024-10-15", ""),
        (14, "2024-10-20", ""),
        (15, "2024-11-12", "全票通过"),
        (16, "2024-11-20", ""),
    ] {
        record(&mut s, id, n, d, detail);
    }
    let e = record(&mut s, id, 17, "2024-12-20", "");
    assert_eq!(e.category, Category::Probationary);
    let m = s.member(id).expect("m");
    assert_eq!(
        m.joined.map(|d| d.to_string()).as_deref(),
        Some("2024-11-12"),
        "入党日期 is the branch meeting's vote"
    );
    for (n, d) in [
        (18, "2024-12-28"),
        (19, "2025-01-05"),
        (20, "2025-01-05"),
        (21, "2025-06-30"),
        (22, "2025-10-15"),
        (23, "2025-11-13"),
    ] {
        record(&mut s, id, n, d, "");
    }
    let e = record(&mut s, id, 24, "2025-12-10", "");
    assert_eq!(e.category, Category::Full);
    assert!(e.warnings.is_empty(), "{:?}", e.warnings);
    let m = s.member(id).expect("m");
    assert_eq!(
        m.full_date.map(|d| d.to_string()).as_deref(),
        Some("2025-11-12")
    );
    record(&mut s, id, 25, "2025-12-20", "");
    assert!(
        s.development(today())
            .expect("p")
            .iter()
            .all(|e| e.member_id != id),
        "archived: out of development"
    );
}

#[test]
fn each_interval_of_the_rules_is_checked() {
    let mut s = store();
    // Applied at 17: 细则第五条 asks 年满十八岁, so the date is refused and nothing is stored.
    let young = applicant(&mut s, "罗文", "2008-03-17", 21);
    let e = s
        .record_step(
            young,
            &StepInput {
                step: 1,
                date: "2026-01-10".into(),
                detail: String::new(),
            },
            today(),
        )
        .expect_err("before the 18th birthday");
    assert_eq!(e.fields[0].field, "date");
    assert!(e.fields[0].message.contains("未满18周岁"), "{e:?}");
    assert!(s
        .development(today())
        .expect("d")
        .iter()
        .all(|d| d.member_id != young || d.steps.is_empty()));

    let id = applicant(&mut s, "林雪", "1997-01-25", 22);
    record(&mut s, id, 1, "2024-01-10", "");
    // The talk six weeks later.
    let e = record(&mut s, id, 2, "2024-02-25", "");
    assert!(
        e.warnings.iter().any(|w| w.contains("超过了一个月")),
        "{:?}",
        e.warnings
    );
    record(&mut s, id, 3, "2024-03-01", "");
    // Candidate after ten months.
    let e = record(&mut s, id, 7, "2025-01-02", "");
    assert!(
        e.warnings.iter().any(|w| w.contains("不满一年")),
        "{:?}",
        e.warnings
    );
    let e = record(&mut s, id, 9, "2025-01-10", "李秀英");
    assert!(
        e.warnings.iter().any(|w| w.contains("两名")),
        "{:?}",
        e.warnings
    );
    let e = record(&mut s, id, 11, "2025-02-10", "16学时");
    assert!(
        e.warnings.iter().any(|w| w.contains("16学时")),
        "{:?}",
        e.warnings
    );
    let e = record(&mut s, id, 11, "2025-02-10", "3天");
    assert!(
        !e.warnings.iter().any(|w| w.contains("学时")),
        "3 days = 24 hours"
    );
    record(&mut s, id, 15, "2025-03-01", "");
    // Approved four months after the vote.
    let e = record(&mut s, id, 17, "2025-07-05", "");
    assert!(
        e.warnings.iter().any(|w| w.contains("超过3个月")),
        "{:?}",
        e.warnings
    );
    // The conversion vote before a year has passed.
    let e = record(&mut s, id, 23, "2026-02-01", "");
    assert!(
        e.warnings.iter().any(|w| w.contains("早于预备期满")),
        "{:?}",
        e.warnings
    );
}

#[test]
fn steps_out_of_order_or_dates_going_backwards_are_refused() {
    let mut s = store();
    let id = applicant(&mut s, "郑洁", "2000-07-29", 32);
    let e = s
        .record_step(
            id,
            &StepInput {
                step: 7,
                date: "2026-01-01".into(),
                detail: String::new(),
            },
            today(),
        )
        .expect_err("no application yet");
    assert!(e.message.contains("请先记录第1步"), "{}", e.message);
    record(&mut s, id, 1, "2026-03-01", "");
    let e = s
        .record_step(
            id,
            &StepInput {
                step: 2,
                date: "2026-02-01".into(),
                detail: String::new(),
            },
            today(),
        )
        .expect_err("before the application");
    assert!(e.message.contains("早于已记录的第1步"), "{}", e.message);
    let e = s
        .record_step(
            id,
            &StepInput {
                step: 2,
                date: "2026-12-01".into(),
                detail: String::new(),
            },
            today(),
        )
        .expect_err("future");
    assert_eq!(e.fields[0].field, "date");
    assert_eq!(category(&s, id), Category::Applicant, "nothing changed");
}

#[test]
fn deadlines_ahead_reach_the_home_page() {
    let mut s = store();
    let id = applicant(&mut s, "梁宇", "2001-05-05", 41);
    // Applied on 10 November: the talk is due by 10 December.
    let e = record(&mut s, id, 1, "2026-11-10", "");
    assert_eq!(e.deadlines[0].step, 2);
    assert_eq!(
        e.deadlines[0].by.map(|d| d.to_string()).as_deref(),
        Some("2026-12-10")
    );
    let home = s.home(today()).expect("home");
    let development: Vec<_> = home
        .report
        .reminders
        .iter()
        .filter(|r| r.kind == "development")
        .collect();
    assert_eq!(development.len(), 1, "{development:?}");
    assert!(development[0]
        .message
        .contains("梁宇：第2步“党组织派人谈话”应在2026年12月10日前完成"));

    // Voted in on 1 August, not yet approved: approval was due by 1 November.
    let late = applicant(&mut s, "宋佳琪", "2002-02-22", 42);
    for (n, d) in [
        (1, "2024-01-05"),
        (2, "2024-01-20"),
        (3, "2024-03-01"),
        (7, "2025-05-01"),
        (15, "2026-08-01"),
    ] {
        record(&mut s, late, n, d, "");
    }
    let reminders = s.development_reminders(today(), 30).expect("r");
    assert!(reminders
        .iter()
        .any(|(level, m)| level == "danger"
            && m.contains("第17步“上级党委审批”应在2026年11月1日前完成")));
}

#[test]
fn the_2014_rules_on_contacts_skipped_steps_reviews_votes_and_approval() {
    // 发展党员工作细则: 一至两名培养联系人 (第十一条); every step taken; the activist reviewed
    // every half year (第十二条); admission passes with 赞成 over half of the voting members
    // (第二十五条); the conversion approved within three months (第三十二条).
    let mut s = store();
    // Three full members with a vote.
    for (i, n) in ["王一", "李二", "张三"].iter().enumerate() {
        let mut m = common::full_member(n, "1975-01-01", 101 + 2 * i as u32, "2000-07-01");
        m.since = Some("2015-01-01".into());
        s.add_member(&m, today()).expect("voter");
    }
    let id = applicant(&mut s, "高鹏", "1994-09-19", 11);
    record(&mut s, id, 1, "2023-03-01", "");
    record(&mut s, id, 2, "2023-03-20", "王一");
    record(&mut s, id, 3, "2023-06-01", "");
    record(&mut s, id, 4, "2023-06-10", "");
    let e = record(&mut s, id, 5, "2023-06-10", "王一");
    assert!(
        e.warnings.is_empty(),
        "one contact is enough: {:?}",
        e.warnings
    );
    let e = record(&mut s, id, 5, "2023-06-10", "王一、李二、张三");
    assert!(
        e.warnings.iter().any(|w| w.contains("一至两名")),
        "{:?}",
        e.warnings
    );
    record(&mut s, id, 5, "2023-06-10", "王一、李二");
    // Two half-yearly reviews: both kept; the step shows the latest.
    record(&mut s, id, 6, "2023-12-10", "表现良好");
    let e = record(&mut s, id, 6, "2024-06-10", "进步明显");
    assert_eq!(
        e.reviews
            .iter()
            .map(|r| r.date.to_string())
            .collect::<Vec<_>>(),
        ["2023-12-10", "2024-06-10"]
    );
    assert_eq!(
        e.steps
            .iter()
            .find(|x| x.step == 6)
            .map(|x| x.detail.as_str()),
        Some("进步明显")
    );
    // Step 8 skipped on the way to 9: named.
    record(&mut s, id, 7, "2024-07-01", "");
    let e = record(&mut s, id, 9, "2024-07-05", "王一、李二");
    assert!(
        e.warnings
            .iter()
            .any(|w| w.contains("未记录第8步“报上级党委备案”")),
        "{:?}",
        e.warnings
    );
    record(&mut s, id, 8, "2024-07-05", "");
    for (n, d, detail) in [
        (10, "2024-08-01", "合格"),
        (11, "2024-09-01", "24学时"),
        (12, "2024-10-08", ""),
        (13, "2024-10-15", ""),
        (14, "2024-10-20", ""),
    ] {
        record(&mut s, id, n, d, detail);
    }
    // One 赞成 of three voters is not over half.
    let e = record(&mut s, id, 15, "2024-11-12", "应到3人，实到3人，赞成1票");
    assert!(
        e.warnings
            .iter()
            .any(|w| w.contains("赞成1票") && w.contains("3名")),
        "{:?}",
        e.warnings
    );
    let e = record(&mut s, id, 15, "2024-11-12", "应到3人，实到3人，赞成2票");
    assert!(
        !e.warnings.iter().any(|w| w.contains("赞成")),
        "{:?}",
        e.warnings
    );
    for (n, d) in [
        (16, "2024-11-20"),
        (17, "2024-12-20"),
        (18, "2024-12-28"),
        (19, "2025-01-05"),
        (20, "2025-01-05"),
        (21, "2025-06-30"),
        (22, "2025-10-15"),
    ] {
        record(&mut s, id, n, d, "");
    }
    // The conversion vote on time: approval due within three months of the end of probation.
    let e = record(&mut s, id, 23, "2025-11-13", "");
    let due = e
        .deadlines
        .iter()
        .find(|d| d.step == 24)
        .expect("approval deadline");
    assert_eq!(due.by.map(|d| d.to_string()).as_deref(), Some("2026-02-12"));
    let e = record(&mut s, id, 24, "2026-03-01", "");
    assert!(
        e.warnings.iter().any(|w| w.contains("晚于预备期满后3个月")),
        "{:?}",
        e.warnings
    );
}
