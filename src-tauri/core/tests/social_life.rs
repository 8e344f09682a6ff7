//! Organizational life in a small branch: talks by pairs, the six-month rule with its
//! reasons, 民主评议 and its follow-up, learning hours and the dues of the 2008 text — each
//! rule at fixed dates, quoting the text it checks.
mod common;

use common::small::{d, meeting, now, small_branch, TODAY};
use zhibu_core::compliance::SixMonthLevel;
use zhibu_core::meeting::{AttendanceStatus, GradeEntry, MeetingKind, ReviewGrade};
use zhibu_core::rules::Rules;
use zhibu_core::talk::TalkInput;
use zhibu_core::Store;

#[test]
fn talks_are_pairs_and_the_page_names_the_pairs_still_missing() {
    // 支委之间、支委和党员之间、党员和党员之间每年至少开展一次谈心谈话.
    let (mut s, ids) = small_branch(4);
    let talk = |a: i64, b: i64, date: &str| TalkInput {
        date: date.into(),
        a: Some(a),
        b: Some(b),
        note: "交流思想".into(),
    };
    let cov = s.talk_coverage(2026, d(TODAY)).expect("coverage");
    // A secretary-only branch: each of the other three talks with the secretary.
    assert_eq!(cov.required, 3);
    assert_eq!(cov.missing.len(), 3);
    assert!(cov.missing.iter().all(|m| m.why == "书记与党员"));
    s.add_talk(&talk(ids[0], ids[1], "2026-03-02"), d(TODAY))
        .expect("talk");
    let cov = s.talk_coverage(2026, d(TODAY)).expect("coverage");
    assert_eq!(cov.missing.len(), 2);
    assert_eq!(cov.talks, 1);
    assert!(cov.missing.iter().all(|m| m.a != ids[1]));
    // A talk is not organizational life: it resets no six-month clock.
    let scan = s.six_month_scan(d(TODAY)).expect("scan");
    assert!(scan.iter().any(|e| e.member_id == ids[1]), "{scan:?}");
    // The report counts talks in 人次.
    let r = s.report(2026, d(TODAY), now()).expect("report");
    assert!(r.rendered.join("").contains("开展谈心谈话2人次"));
    // Bad input is refused with a message on the field.
    let e = s
        .add_talk(&talk(ids[1], ids[1], "2026-03-02"), d(TODAY))
        .expect_err("self");
    assert!(e.fields[0].message.contains("另一人"));
    let e = s
        .add_talk(&talk(ids[1], ids[2], "2027-01-01"), d(TODAY))
        .expect_err("future");
    assert_eq!(e.fields[0].field, "date");
    assert_eq!(
        s.talks(2026).expect("talks").len(),
        1,
        "nothing half-written"
    );
}

#[test]
fn only_organizational_life_counts_and_excused_absences_are_told_apart() {
    // 党章第九条：“党员如果没有正当理由，连续六个月不参加党的组织生活……就被认为是自行脱党。”
    // Only organizational life counts; leave (请假) is a reason, so it is told apart.
    let (mut s, ids) = small_branch(3);
    let mut outing = meeting(&s, MeetingKind::Other, "2026-10-15");
    outing.topics = "秋季登山活动".into();
    s.add_meeting(&outing, d(TODAY)).expect("an outing");
    // The outing is not organizational life: everyone is still at the line.
    let scan = s.six_month_scan(d(TODAY)).expect("scan");
    assert_eq!(scan.len(), 3, "{scan:?}");
    // A study session recorded as `other` and marked as organizational life does count.
    let mut study = meeting(&s, MeetingKind::Other, "2026-10-20");
    study.counts_as_life = true;
    study.attendance.retain(|a| a.member_id != Some(ids[2]));
    s.add_meeting(&study, d(TODAY)).expect("study");
    // ids[2] was excused from the theme days of the year.
    for month in ["2026-06-12", "2026-08-12"] {
        let mut m = meeting(&s, MeetingKind::ThemeDay, month);
        for a in m.attendance.iter_mut() {
            if a.member_id == Some(ids[2]) {
                a.status = AttendanceStatus::Excused;
                a.reason = "外派项目".into();
            } else {
                a.status = AttendanceStatus::Absent;
            }
        }
        s.add_meeting(&m, d(TODAY)).expect("theme day");
    }
    let scan = s.six_month_scan(d(TODAY)).expect("scan");
    assert_eq!(scan.len(), 1);
    assert_eq!(scan[0].member_id, ids[2]);
    assert_eq!((scan[0].excused, scan[0].unexcused), (2, 0));
    assert_eq!(scan[0].level, SixMonthLevel::Line);
    let r = s.compliance(2026, d(TODAY)).expect("c");
    let msg = r
        .reminders
        .iter()
        .find(|x| x.kind == "six_month")
        .expect("six-month reminder");
    assert!(msg.message.contains("均为请假"), "{}", msg.message);
    // The participation list tells leave and absence apart too.
    let p = |id: i64| {
        r.participation
            .iter()
            .find(|p| p.member_id == id)
            .expect("p")
    };
    assert_eq!((p(ids[2]).excused, p(ids[2]).absent), (2, 0));
    assert_eq!((p(ids[0]).excused, p(ids[0]).absent), (0, 2));
    assert!(!msg.message.contains("党章第九条"), "{}", msg.message);
    assert_eq!(msg.level, "warning");
}

#[test]
fn an_excellent_share_is_a_setting_and_a_warning_never_a_refusal() {
    let (mut s, ids) = small_branch(4);
    let mut rules = Rules::default();
    assert_eq!(rules.excellent_max_percent, None, "no national cap");
    rules.excellent_max_percent = Some(33);
    s.save_rules(&rules).expect("rules");
    let mut review = meeting(&s, MeetingKind::MemberReview, "2026-11-20");
    review.grades = ids
        .iter()
        .enumerate()
        .map(|(i, id)| GradeEntry {
            member_id: *id,
            name: String::new(),
            grade: if i < 2 {
                ReviewGrade::Excellent
            } else {
                ReviewGrade::Qualified
            },
        })
        .collect();
    let m = s.add_meeting(&review, d(TODAY)).expect("kept");
    assert_eq!(m.warnings.len(), 1);
    assert!(m.warnings[0].contains("超过本支部设定的33%"));
}

#[test]
fn learning_hours_are_counted_per_member_and_the_secretary_must_lecture() {
    // 党员教育管理工作条例（2019）第二十条: 党员每年不少于32学时; 书记和班子成员不少于56学时.
    // 支部工作条例: 书记每年至少讲一次党课.
    let (mut s, ids) = small_branch(3);
    let mut lecture = meeting(&s, MeetingKind::PartyLecture, "2026-05-20");
    lecture.lecturer = "区委宣讲员".into();
    lecture.hours = Some(30);
    // ids[2] was away.
    lecture.attendance.retain(|a| a.member_id != Some(ids[2]));
    s.add_meeting(&lecture, d(TODAY)).expect("lecture");
    let mut study = meeting(&s, MeetingKind::ThemeDay, "2026-10-12");
    study.hours = Some(4);
    s.add_meeting(&study, d(TODAY)).expect("theme day");
    let e = s.education(2026, d(TODAY)).expect("education");
    let row = |id: i64| e.rows.iter().find(|r| r.member_id == id).expect("row");
    // The secretary: 34 of 56; a member: 34 of 32; the absent member: 4 of 32.
    assert_eq!((row(ids[0]).hours, row(ids[0]).required), (34, 56));
    assert_eq!((row(ids[1]).hours, row(ids[1]).required), (34, 32));
    assert_eq!((row(ids[2]).hours, row(ids[2]).required), (4, 32));
    assert_eq!(e.short, 2);
    assert_eq!(e.secretary_lectures, Some(0));
    let r = s.compliance(2026, d(TODAY)).expect("c");
    let edu: Vec<&str> = r
        .reminders
        .iter()
        .filter(|x| x.kind == "education")
        .map(|x| x.message.as_str())
        .collect();
    assert!(
        edu.iter()
            .any(|m| m.starts_with("2名党员今年学习培训学时不足")),
        "{edu:?}"
    );
    assert!(
        edu.iter().any(|m| m.starts_with("书记今年还没有讲党课")),
        "{edu:?}"
    );
    // The secretary gives a lecture: that reminder goes.
    let mut own = meeting(&s, MeetingKind::PartyLecture, "2026-11-05");
    own.lecturer_id = Some(ids[0]);
    s.add_meeting(&own, d(TODAY)).expect("secretary's lecture");
    assert_eq!(
        s.education(2026, d(TODAY)).expect("e").secretary_lectures,
        Some(1)
    );
    // A lecturer on a record that is not a lecture is refused.
    let mut wrong = meeting(&s, MeetingKind::ThemeDay, "2026-11-12");
    wrong.lecturer = "某某".into();
    let e = s.add_meeting(&wrong, d(TODAY)).expect_err("not a lecture");
    assert_eq!(e.fields[0].field, "lecturer");
}

#[test]
fn an_unqualified_grade_opens_a_follow_up() {
    // 民主评议党员: a member graded 不合格 is 限期改正, 劝其退党 or 除名.
    use zhibu_core::meeting::{Followup, FollowupAction};
    let (mut s, ids) = small_branch(4);
    let mut review = meeting(&s, MeetingKind::MemberReview, "2026-06-20");
    review.grades = ids
        .iter()
        .map(|id| GradeEntry {
            member_id: *id,
            name: String::new(),
            grade: if *id == ids[3] {
                ReviewGrade::Unqualified
            } else {
                ReviewGrade::Qualified
            },
        })
        .collect();
    let m = s.add_meeting(&review, d(TODAY)).expect("review");
    let reminders = |s: &Store| -> Vec<String> {
        s.compliance(2026, d(TODAY))
            .expect("c")
            .reminders
            .into_iter()
            .filter(|r| r.kind == "review")
            .map(|r| r.message)
            .collect()
    };
    assert!(reminders(&s)
        .iter()
        .any(|r| r.contains("赵四") && r.contains("请确定处置")));
    // A follow-up for someone not graded 不合格 is refused.
    review.followups = vec![Followup {
        member_id: ids[0],
        name: String::new(),
        action: FollowupAction::Correct,
        due: Some("2026-09-30".into()),
        done_on: None,
        note: String::new(),
    }];
    let e = s
        .update_meeting(m.summary.id, &review, d(TODAY))
        .expect_err("qualified");
    assert_eq!(e.fields[0].field, "followups");
    // 限期改正 by the end of September, not settled: followed up after the deadline.
    review.followups[0].member_id = ids[3];
    let m = s
        .update_meeting(m.summary.id, &review, d(TODAY))
        .expect("follow-up");
    assert_eq!(m.followups.len(), 1);
    assert_eq!(m.followups[0].name, "赵四");
    let r = reminders(&s);
    assert!(
        r.iter()
            .any(|x| x.contains("限期改正已于2026年9月30日到期")),
        "{r:?}"
    );
    review.followups[0].done_on = Some("2026-10-20".into());
    s.update_meeting(m.summary.id, &review, d(TODAY))
        .expect("settled");
    assert!(reminders(&s).is_empty());
}

#[test]
fn the_local_dues_row_for_mobile_members_is_a_setting() {
    // 2008年《关于中国共产党党费收缴、使用和管理的规定》 has no 0.5元 row for mobile members
    // without fixed income; some superiors use it. It is refused until the branch turns it on.
    use zhibu_core::dues::{DuesBasisInput, DuesCategory};
    let (mut s, ids) = small_branch(2);
    let input = DuesBasisInput {
        category: Some(DuesCategory::MobileNoIncome),
        ..Default::default()
    };
    let e = s
        .set_dues_basis(ids[1], 2026, &input)
        .expect_err("local row off");
    assert!(e.fields[0].message.contains("地方的规定"), "{e:?}");
    assert!(!s.dues_year(2026, d(TODAY)).expect("l").local_mobile);
    s.set_dues_local_mobile(true).expect("on");
    let b = s
        .set_dues_basis(ids[1], 2026, &input)
        .expect("local row on");
    assert_eq!(b.monthly_fen(), 50);
    // Low income per the 2008 text: 0.2元.
    let low = s
        .set_dues_basis(
            ids[0],
            2026,
            &DuesBasisInput {
                category: Some(DuesCategory::LowIncome),
                ..Default::default()
            },
        )
        .expect("low income");
    assert_eq!(low.monthly_fen(), 20);
    assert!(DuesCategory::LowIncome.label().contains("抚恤或救济"));
}
