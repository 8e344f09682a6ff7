//! Organizational life: records, who is expected, the calendar, the six-month rule and the
//! reminders — each rule at fixed dates.
mod common;

use zhibu_core::structure::Structure;

use chrono::NaiveDate;
use common::{full_member, store};
use zhibu_core::branch::{BranchInput, CommitteeSeat};
use zhibu_core::compliance::{months_between, CellStatus, SixMonthLevel};
use zhibu_core::meeting::{
    AttendanceEntry, AttendanceStatus, GradeEntry, MeetingInput, MeetingKind, ReviewGrade,
};
use zhibu_core::member::{Category, MembershipReason, TransferInput};
use zhibu_core::{ErrorKind, Store};

fn d(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

const TODAY: &str = "2026-11-26";

/// A branch founded 2020 with `n` full members who joined long ago.
fn branch_with(n: u32) -> (Store, Vec<i64>) {
    let mut s = store();
    let mut ids = Vec::new();
    for i in 0..n {
        let name = format!(
            "党员{}",
            ["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"][i as usize % 10]
        );
        let name = if i >= 10 {
            format!("{name}{}", ["一", "二"][i as usize / 10 - 1])
        } else {
            name
        };
        let mut input = full_member(&name, "1980-01-01", 101 + 2 * i, "2005-01-01");
        input.since = Some("2020-01-01".into());
        ids.push(s.add_member(&input, d(TODAY)).expect("member").id);
    }
    s.save_branch(
        &BranchInput {
            name: "中共测试支部委员会".into(),
            founded: Some("2020-01-01".into()),
            ..Default::default()
        },
        d(TODAY),
    )
    .expect("branch");
    (s, ids)
}

fn meeting(s: &Store, kind: MeetingKind, date: &str) -> MeetingInput {
    MeetingInput {
        kind: Some(kind),
        date: date.into(),
        attendance: s
            .expected_attendance(kind, d(date), None)
            .expect("expected"),
        ..Default::default()
    }
}

fn cell(s: &Store, year: i32, kind: MeetingKind, period: &str) -> Option<(u32, u32, CellStatus)> {
    s.calendar(year, d(TODAY))
        .expect("calendar")
        .into_iter()
        .find(|c| c.kind == kind && c.period == period)
        .map(|c| (c.held, c.required, c.status))
}

#[test]
fn quarter_boundaries_count_meetings_in_their_own_quarter() {
    let (mut s, _) = branch_with(3);
    s.add_meeting(
        &meeting(&s, MeetingKind::GeneralMeeting, "2025-03-31"),
        d(TODAY),
    )
    .expect("Q1");
    s.add_meeting(
        &meeting(&s, MeetingKind::GeneralMeeting, "2025-04-01"),
        d(TODAY),
    )
    .expect("Q2");
    assert_eq!(
        cell(&s, 2025, MeetingKind::GeneralMeeting, "2025-Q1"),
        Some((1, 1, CellStatus::Met))
    );
    assert_eq!(
        cell(&s, 2025, MeetingKind::GeneralMeeting, "2025-Q2"),
        Some((1, 1, CellStatus::Met))
    );
    assert_eq!(
        cell(&s, 2025, MeetingKind::GeneralMeeting, "2025-Q3"),
        Some((0, 1, CellStatus::Gap))
    );
    // This year: the current quarter is due, not yet a gap.
    assert_eq!(
        cell(&s, 2026, MeetingKind::GeneralMeeting, "2026-Q4"),
        Some((0, 1, CellStatus::Due))
    );
    assert_eq!(
        cell(&s, 2026, MeetingKind::ThemeDay, "2026-11"),
        Some((0, 1, CellStatus::Due))
    );
    assert_eq!(
        cell(&s, 2026, MeetingKind::ThemeDay, "2026-12"),
        Some((0, 1, CellStatus::Upcoming))
    );
    let numbers: Vec<u32> = s
        .meetings(2025)
        .expect("list")
        .iter()
        .map(|m| m.number)
        .collect();
    assert_eq!(numbers, [1, 2], "numbered within the year");
}

#[test]
fn a_member_joining_mid_quarter_is_expected_only_from_that_day() {
    let (mut s, _) = branch_with(3);
    let mut newcomer = full_member("新来", "1990-01-01", 201, "2015-01-01");
    newcomer.since = Some("2025-05-15".into());
    newcomer.since_reason = Some(MembershipReason::Transfer);
    let id = s.add_member(&newcomer, d(TODAY)).expect("transfer in").id;
    let names = |s: &Store, date: &str| -> Vec<String> {
        s.expected_attendance(MeetingKind::ThemeDay, d(date), None)
            .expect("x")
            .into_iter()
            .map(|a| a.name)
            .collect()
    };
    assert!(!names(&s, "2025-05-14").contains(&"新来".to_string()));
    assert!(names(&s, "2025-05-15").contains(&"新来".to_string()));
    s.transfer_out(
        id,
        &TransferInput {
            date: "2025-09-01".into(),
            reason: None,
            org: String::new(),
            letter_no: String::new(),
        },
        d(TODAY),
    )
    .expect("out");
    assert!(names(&s, "2025-08-31").contains(&"新来".to_string()));
    assert!(
        !names(&s, "2025-09-01").contains(&"新来".to_string()),
        "not expected once gone"
    );

    // Nor can they be recorded as attending on a day they were not in the branch.
    let mut m = meeting(&s, MeetingKind::ThemeDay, "2025-05-10");
    m.attendance.push(AttendanceEntry {
        member_id: Some(id),
        name: String::new(),
        status: AttendanceStatus::Present,
        reason: String::new(),
    });
    let e = s.add_meeting(&m, d(TODAY)).expect_err("not here yet");
    assert!(
        e.fields[0].message.contains("不是本支部党员"),
        "{}",
        e.message
    );
    // ... but may sit in as an observer.
    m.attendance.last_mut().expect("row").status = AttendanceStatus::Observer;
    assert_eq!(
        s.add_meeting(&m, d(TODAY))
            .expect("observer")
            .summary
            .counts
            .observers,
        1
    );
}

#[test]
fn probationary_members_are_expected_from_their_admission() {
    let (mut s, _) = branch_with(3);
    let mut p = full_member("预备", "1995-01-01", 301, "2026-06-01");
    p.category = Some(Category::Probationary);
    p.since = Some("2025-01-01".into());
    s.add_member(&p, d(TODAY)).expect("probationary");
    let count = |date: &str| {
        s.expected_attendance(MeetingKind::GeneralMeeting, d(date), None)
            .expect("x")
            .len()
    };
    assert_eq!(count("2026-05-31"), 3);
    assert_eq!(count("2026-06-01"), 4);
}

#[test]
fn a_combined_record_counts_for_both_kinds() {
    let (mut s, _) = branch_with(3);
    let mut m = meeting(&s, MeetingKind::ThemeDay, "2025-06-12");
    m.also_kind = Some(MeetingKind::GeneralMeeting);
    s.add_meeting(&m, d(TODAY)).expect("combined");
    assert_eq!(
        cell(&s, 2025, MeetingKind::ThemeDay, "2025-06"),
        Some((1, 1, CellStatus::Met))
    );
    assert_eq!(
        cell(&s, 2025, MeetingKind::GeneralMeeting, "2025-Q2"),
        Some((1, 1, CellStatus::Met))
    );
    // A 支委会 cannot be a 党课 at the same time.
    let mut bad = meeting(&s, MeetingKind::PartyLecture, "2025-06-20");
    bad.also_kind = Some(MeetingKind::CommitteeMeeting);
    assert_eq!(
        s.add_meeting(&bad, d(TODAY))
            .expect_err("not allowed")
            .fields[0]
            .field,
        "also_kind"
    );
}

#[test]
fn the_six_month_line_falls_exactly_on_the_day() {
    assert_eq!(months_between(d("2026-05-26"), d("2026-11-25")), 5);
    assert_eq!(months_between(d("2026-05-26"), d("2026-11-26")), 6);
    assert_eq!(
        months_between(d("2026-05-31"), d("2026-11-30")),
        6,
        "month ends"
    );
    // A month after 31 January is the last day of February, as in add_months.
    assert_eq!(months_between(d("2026-01-31"), d("2026-02-28")), 1);
    assert_eq!(months_between(d("2026-01-31"), d("2026-02-27")), 0);

    let (mut s, _) = branch_with(3);
    // Everyone attends on 26 May; afterwards only the first on the list, while one is excused
    // and one absent.
    s.add_meeting(&meeting(&s, MeetingKind::ThemeDay, "2026-05-26"), d(TODAY))
        .expect("all present");
    let mut later = meeting(&s, MeetingKind::ThemeDay, "2026-10-10");
    later.attendance[1].status = AttendanceStatus::Excused;
    later.attendance[2].status = AttendanceStatus::Absent;
    s.add_meeting(&later, d(TODAY)).expect("later");

    let at = |today: &str| s.six_month_scan(d(today)).expect("scan");
    let day_before = at("2026-11-25");
    assert!(
        day_before
            .iter()
            .all(|e| e.months == 5 && e.level == SixMonthLevel::Alarm),
        "{day_before:?}"
    );
    assert_eq!(
        day_before.len(),
        2,
        "an excused absence does not count as attending"
    );
    let on_the_day = at("2026-11-26");
    assert!(on_the_day
        .iter()
        .all(|e| e.level == SixMonthLevel::Line && e.months == 6));
    assert_eq!(on_the_day[0].last_attended, Some(d("2026-05-26")));
    assert!(
        at("2026-08-25").is_empty(),
        "under three months: no warning"
    );
    assert_eq!(at("2026-08-26")[0].level, SixMonthLevel::Warning);
}

#[test]
fn a_branch_below_seven_members_has_no_committee_requirement() {
    // 支部工作条例第九条: fewer than 7 full members — no committee, a secretary.
    let (s, _) = branch_with(6);
    assert!(s
        .calendar(2026, d(TODAY))
        .expect("c")
        .iter()
        .all(|c| c.kind != MeetingKind::CommitteeMeeting));
    // Seven full members need a committee: a reminder to elect one, and monthly 支委会 only
    // from the day it was elected.
    let (mut s7, ids7) = branch_with(7);
    assert!(s7
        .calendar(2026, d(TODAY))
        .expect("c")
        .iter()
        .all(|c| c.kind != MeetingKind::CommitteeMeeting));
    assert!(s7
        .compliance(2026, d(TODAY))
        .expect("r")
        .reminders
        .iter()
        .any(|r| r.kind == "structure" && r.message.contains("应设立支部委员会")));
    let seat7 = |i: usize, role: &str| CommitteeSeat {
        member_id: ids7[i],
        name: String::new(),
        role: role.into(),
    };
    s7.save_branch(
        &BranchInput {
            name: "中共测试支部委员会".into(),
            committee: vec![seat7(0, "书记"), seat7(1, "组织委员"), seat7(2, "宣传委员")],
            committee_elected: Some("2026-04-10".into()),
            ..Default::default()
        },
        d(TODAY),
    )
    .expect("elected");
    let months: Vec<String> = s7
        .calendar(2026, d(TODAY))
        .expect("c")
        .into_iter()
        .filter(|c| c.kind == MeetingKind::CommitteeMeeting)
        .map(|c| c.period)
        .collect();
    assert_eq!(months.first().map(String::as_str), Some("2026-04"));
    assert_eq!(months.len(), 9, "April to December");
    // A small branch that keeps an elected committee says why, and holds 支委会 too.
    let (mut small, ids) = branch_with(5);
    let seat = |i: usize, role: &str| CommitteeSeat {
        member_id: ids[i],
        name: String::new(),
        role: role.into(),
    };
    let mut input = BranchInput {
        name: "中共测试支部委员会".into(),
        committee: vec![seat(0, "书记"), seat(1, "组织委员"), seat(2, "宣传委员")],
        committee_elected: Some("2025-12-01".into()),
        ..Default::default()
    };
    let e = small
        .save_branch(&input, d(TODAY))
        .expect_err("no committee below 7");
    assert!(e.fields[0].message.contains("只设书记"), "{e:?}");
    input.structure = Some(Structure::Committee);
    let e = small.save_branch(&input, d(TODAY)).expect_err("no reason");
    assert_eq!(e.fields[0].field, "structure_reason");
    input.structure_reason = "本届支委会选举时有正式党员7名，两人转出，届满前保留".into();
    small.save_branch(&input, d(TODAY)).expect("committee kept");
    let st = small.structure(d(TODAY)).expect("st");
    assert_eq!(
        (st.structure, st.by_rule),
        (Structure::Committee, Structure::Secretary)
    );
    assert!(st.reason.contains("届满前保留"));
    assert!(small
        .calendar(2026, d(TODAY))
        .expect("c")
        .iter()
        .any(|c| c.kind == MeetingKind::CommitteeMeeting));
    // Only the committee is expected at a 支委会.
    assert_eq!(
        small
            .expected_attendance(MeetingKind::CommitteeMeeting, d("2026-01-05"), None)
            .expect("x")
            .len(),
        3
    );
    // No groups recorded: no 党小组会 requirement.
    assert!(small
        .calendar(2026, d(TODAY))
        .expect("c")
        .iter()
        .all(|c| c.kind != MeetingKind::GroupMeeting));
}

#[test]
fn periods_before_the_branch_existed_are_not_required() {
    let (mut s, _) = branch_with(3);
    s.save_branch(
        &BranchInput {
            name: "中共测试支部委员会".into(),
            founded: Some("2025-05-10".into()),
            ..Default::default()
        },
        d(TODAY),
    )
    .expect("founded");
    let q: Vec<String> = s
        .calendar(2025, d(TODAY))
        .expect("c")
        .into_iter()
        .filter(|c| c.kind == MeetingKind::GeneralMeeting)
        .map(|c| c.period)
        .collect();
    assert_eq!(q, ["2025-Q2", "2025-Q3", "2025-Q4"]);
    let e = s
        .add_meeting(&meeting(&s, MeetingKind::ThemeDay, "2025-05-01"), d(TODAY))
        .expect_err("before founding");
    assert!(e.fields[0].message.contains("早于支部成立日期"));
}

#[test]
fn bad_records_are_refused_and_nothing_is_half_saved() {
    let (mut s, _) = branch_with(3);
    let future = meeting(&s, MeetingKind::ThemeDay, "2026-11-27");
    assert!(
        s.add_meeting(&future, d(TODAY)).expect_err("future").fields[0]
            .message
            .contains("不能晚于今天")
    );
    s.add_meeting(&meeting(&s, MeetingKind::ThemeDay, "2026-11-12"), d(TODAY))
        .expect("first");
    let e = s
        .add_meeting(&meeting(&s, MeetingKind::ThemeDay, "2026-11-12"), d(TODAY))
        .expect_err("duplicate");
    assert!(e.fields[0].message.contains("已有一条主题党日记录"));
    let mut guest = meeting(&s, MeetingKind::PartyLecture, "2026-11-20");
    guest.attendance.push(AttendanceEntry {
        member_id: None,
        name: "访客".into(),
        status: AttendanceStatus::Present,
        reason: String::new(),
    });
    guest.time = "25:00".into();
    let e = s.add_meeting(&guest, d(TODAY)).expect_err("guest present");
    let fields: Vec<&str> = e.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["time", "attendance"]);
    assert_eq!(
        s.meetings(2026).expect("list").len(),
        1,
        "only the first record stands"
    );
    let empty = MeetingInput::default();
    let fields: Vec<String> = s
        .add_meeting(&empty, d(TODAY))
        .expect_err("empty")
        .fields
        .into_iter()
        .map(|f| f.field)
        .collect();
    assert_eq!(fields, ["kind", "date"]);
}

#[test]
fn a_general_meeting_without_a_majority_of_full_members_is_flagged() {
    let (mut s, _) = branch_with(4);
    let mut m = meeting(&s, MeetingKind::GeneralMeeting, "2026-09-10");
    m.attendance[0].status = AttendanceStatus::Absent;
    m.attendance[1].status = AttendanceStatus::Excused;
    let half = s.add_meeting(&m, d(TODAY)).expect("recorded");
    assert_eq!(
        half.summary.quorum_ok,
        Some(false),
        "2 of 4 is not more than half"
    );
    let report = s.compliance(2026, d(TODAY)).expect("report");
    assert!(report.reminders.iter().any(|r| r.kind == "quorum"));
    let mut ok = meeting(&s, MeetingKind::GeneralMeeting, "2026-09-11");
    ok.attendance[0].status = AttendanceStatus::Absent;
    assert_eq!(
        s.add_meeting(&ok, d(TODAY)).expect("ok").summary.quorum_ok,
        Some(true)
    );
}

#[test]
fn review_grades_follow_the_rules() {
    let (mut s, ids) = branch_with(4);
    let mut p = full_member("预备", "1995-01-01", 301, "2026-06-01");
    p.category = Some(Category::Probationary);
    let prob = s.add_member(&p, d(TODAY)).expect("p").id;
    let grade = |id: i64, grade| GradeEntry {
        member_id: id,
        name: String::new(),
        grade,
    };
    let mut m = meeting(&s, MeetingKind::LifeMeeting, "2026-11-20");
    m.also_kind = Some(MeetingKind::MemberReview);
    m.grades = vec![
        grade(ids[0], ReviewGrade::Excellent),
        grade(ids[1], ReviewGrade::Excellent),
        grade(ids[2], ReviewGrade::Qualified),
        grade(ids[3], ReviewGrade::Qualified),
    ];
    // No national rule caps 优秀: half of four is accepted, and without a branch setting
    // there is no warning either.
    let half = s.add_meeting(&m, d(TODAY)).expect("two of four excellent");
    assert!(half.warnings.is_empty());
    s.delete_meeting(half.summary.id).expect("delete");
    m.grades[1].grade = ReviewGrade::Qualified;
    m.grades.push(grade(prob, ReviewGrade::Qualified));
    let e = s
        .add_meeting(&m, d(TODAY))
        .expect_err("probationary graded");
    assert!(e.fields[0].message.contains("不评定等次"));
    m.grades.pop();
    let saved = s.add_meeting(&m, d(TODAY)).expect("saved");
    assert_eq!(saved.grades.len(), 4);
    // The combined record counts for both yearly requirements.
    assert_eq!(
        cell(&s, 2026, MeetingKind::MemberReview, "2026"),
        Some((1, 1, CellStatus::Met))
    );
    assert_eq!(
        cell(&s, 2026, MeetingKind::LifeMeeting, "2026"),
        Some((1, 1, CellStatus::Met))
    );
}

#[test]
fn reminders_name_probation_ends_and_the_term() {
    let (mut s, _) = branch_with(3);
    let mut p = full_member("预备", "1995-01-01", 301, "2025-12-20");
    p.category = Some(Category::Probationary);
    s.add_member(&p, d(TODAY)).expect("p");
    s.save_branch(
        &BranchInput {
            name: "中共测试支部委员会".into(),
            term_start: Some("2024-03-15".into()),
            term_years: 3,
            ..Default::default()
        },
        d(TODAY),
    )
    .expect("term");
    let r = s.compliance(2026, d(TODAY)).expect("report");
    let msgs: Vec<&str> = r.reminders.iter().map(|r| r.message.as_str()).collect();
    assert!(
        msgs.iter()
            .any(|m| m.contains("预备的预备期将于2026年12月20日期满")),
        "{msgs:?}"
    );
    assert!(
        msgs.iter().any(|m| m.contains("2027年3月15日届满")),
        "{msgs:?}"
    );
    // Seven months before the end there is no term reminder yet.
    let early = s.compliance(2026, d("2026-08-14")).expect("report");
    assert!(early.reminders.iter().all(|r| r.kind != "term"));
}

#[test]
fn updating_and_deleting_a_record() {
    let (mut s, _) = branch_with(3);
    let m = s
        .add_meeting(&meeting(&s, MeetingKind::ThemeDay, "2026-11-12"), d(TODAY))
        .expect("add");
    let mut input = meeting(&s, MeetingKind::ThemeDay, "2026-11-12");
    input.attendance[0].status = AttendanceStatus::Absent;
    input.topics = "重温入党誓词".into();
    let u = s
        .update_meeting(m.summary.id, &input, d(TODAY))
        .expect("same day is not a duplicate of itself");
    assert_eq!(u.summary.counts.absent, 1);
    assert_eq!(u.summary.topics, "重温入党誓词");
    s.delete_meeting(m.summary.id).expect("delete");
    assert_eq!(
        s.meeting(m.summary.id).expect_err("gone").kind,
        ErrorKind::NotFound
    );
}

#[test]
fn participation_and_recent_records() {
    let (mut s, _) = branch_with(2);
    let mut a = meeting(&s, MeetingKind::ThemeDay, "2026-10-12");
    a.attendance[0].status = AttendanceStatus::Absent;
    s.add_meeting(&a, d(TODAY)).expect("a");
    s.add_meeting(
        &meeting(&s, MeetingKind::PartyLecture, "2026-11-20"),
        d(TODAY),
    )
    .expect("b");
    let p = s.participation(2026).expect("participation");
    let absent_once = p.iter().find(|p| p.present == 1).expect("one absence");
    assert_eq!((absent_once.expected, absent_once.rate), (2, Some(0.5)));
    assert!(p.iter().any(|p| p.rate == Some(1.0)));
    let recent: Vec<MeetingKind> = s
        .recent_meetings(d(TODAY), 5)
        .expect("recent")
        .iter()
        .map(|m| m.kind)
        .collect();
    assert_eq!(
        recent,
        [MeetingKind::PartyLecture, MeetingKind::ThemeDay],
        "newest first"
    );
    assert_eq!(
        s.recent_meetings(d("2026-11-01"), 5).expect("recent").len(),
        1,
        "nothing after today"
    );
}

#[test]
fn photos_are_kept_inside_the_data_file_within_the_size_limit() {
    let (mut s, _) = branch_with(2);
    let m = s
        .add_meeting(&meeting(&s, MeetingKind::ThemeDay, "2026-11-12"), d(TODAY))
        .expect("m")
        .summary
        .id;
    let png = [0x89, b'P', b'N', b'G', 1, 2, 3];
    let a = s
        .add_attachment(m, "合影.png", "image/png", &png)
        .expect("photo");
    assert_eq!(s.attachments(m).expect("list"), [a.clone()]);
    assert_eq!(
        s.attachment(a.id).expect("bytes"),
        ("image/png".to_string(), png.to_vec())
    );
    let big = vec![0u8; 5 * 1024 * 1024 + 1];
    let e = s
        .add_attachment(m, "大照片.jpg", "image/jpeg", &big)
        .expect_err("too big");
    assert!(e.message.contains("超过了5MB的上限"), "{}", e.message);
    let e = s
        .add_attachment(m, "名单.xlsx", "application/vnd.ms-excel", &png)
        .expect_err("not a photo");
    assert!(e.message.contains("不是照片"));
    assert_eq!(
        s.attachments(m).expect("list").len(),
        1,
        "refused photos are not stored"
    );
    // Deleting the record deletes its photos with it.
    s.delete_meeting(m).expect("delete");
    assert_eq!(
        s.attachment(a.id).expect_err("gone").kind,
        ErrorKind::NotFound
    );
}

#[test]
fn the_rules_are_settings_of_the_branch() {
    use zhibu_core::rules::{Period, Rules};
    let (s, _) = branch_with(3);
    let mut rules = s.rules().expect("defaults");
    assert_eq!(rules, Rules::default());
    // A branch whose superior asks for one 党课 a year instead of one a quarter.
    let lecture = rules
        .requirements
        .iter_mut()
        .find(|r| r.kind == MeetingKind::PartyLecture)
        .expect("lecture");
    lecture.period = Period::Year;
    rules.six_month_warn = 2;
    s.save_rules(&rules).expect("saved");
    let periods: Vec<String> = s
        .calendar(2026, d(TODAY))
        .expect("c")
        .into_iter()
        .filter(|c| c.kind == MeetingKind::PartyLecture)
        .map(|c| c.period)
        .collect();
    assert_eq!(periods, ["2026"]);
    assert_eq!(s.rules().expect("reread").six_month_warn, 2);
    rules.six_month_alarm = 9;
    rules.six_month_line = 6;
    let e = s.save_rules(&rules).expect_err("alarm after the line");
    assert_eq!(e.fields[0].field, "six_month_warn");
    assert_eq!(s.rules().expect("unchanged").six_month_alarm, 5);
}
