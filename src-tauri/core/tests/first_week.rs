//! A secretary's first week with real data: a branch created on 2 December with four members
//! who joined the Party years ago and one meeting. Nothing before the records' start date
//! (建账日期) is a gap, an absence or an unpaid month; moved back to 1 January, the year's
//! gaps appear, folded into one line per kind.
mod common;

use chrono::{NaiveDate, NaiveDateTime};
use common::full_member;
use zhibu_core::branch::{BranchInput, CommitteeSeat};
use zhibu_core::compliance::{CellStatus, LinkPage, ReminderGroup, ATTENDANCE};
use zhibu_core::dues::{DuesBasisInput, DuesCategory, PaymentInput};
use zhibu_core::meeting::{MeetingInput, MeetingKind};
use zhibu_core::Store;

const TODAY: &str = "2026-12-02";

fn d(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

fn now() -> NaiveDateTime {
    d(TODAY).and_hms_opt(9, 30, 0).expect("time")
}

/// The branch as created in the app on 2 December: the records start today by default.
fn first_week(dir: &tempfile::TempDir) -> (Store, Vec<i64>) {
    let path = dir.path().join("branch.db");
    let mut s = Store::create(
        &path,
        &BranchInput {
            name: "中共某某基金会支部".into(),
            ..Default::default()
        },
        d(TODAY),
    )
    .expect("created");
    let mut ids = Vec::new();
    for (i, name) in ["周䶮", "李红", "王强", "陈静"].iter().enumerate() {
        let m = full_member(name, "1975-05-05", 11 + 2 * i as u32, "2010-07-01");
        ids.push(s.add_member(&m, d(TODAY)).expect("member").id);
    }
    (s, ids)
}

fn with_records_from(s: &mut Store, from: &str, secretary: i64) {
    let b = s.branch().expect("branch");
    s.save_branch(
        &BranchInput {
            name: b.name,
            committee: vec![CommitteeSeat {
                member_id: secretary,
                name: String::new(),
                role: "书记".into(),
            }],
            records_from: Some(from.into()),
            ..Default::default()
        },
        d(TODAY),
    )
    .expect("start date saved");
}

#[test]
fn a_branch_created_today_is_asked_nothing_before_today() {
    let dir = tempfile::tempdir().expect("tmp");
    let (mut s, ids) = first_week(&dir);
    assert_eq!(
        s.branch().expect("b").records_from,
        Some(d(TODAY)),
        "a new file's records start the day it is made"
    );
    let report = s.compliance(2026, d(TODAY)).expect("compliance");
    assert!(
        report.calendar.iter().all(|c| c.status != CellStatus::Gap),
        "no period before today is a gap: {:?}",
        report.calendar
    );
    assert!(report
        .calendar
        .iter()
        .any(|c| c.period == "2026-11" && c.status == CellStatus::Before));
    assert!(
        report.six_month.is_empty(),
        "no one is absent for the years before the records"
    );
    assert!(
        report
            .reminders
            .iter()
            .all(|r| r.group != ReminderGroup::Overdue),
        "nothing is overdue on the first day: {:?}",
        report.reminders
    );
    // What is left is this month's work, each with where to do it.
    let due: Vec<_> = report
        .reminders
        .iter()
        .filter(|r| r.kind == "due")
        .collect();
    assert!(!due.is_empty());
    for r in &due {
        assert_eq!(r.group, ReminderGroup::Now);
        let link = &r.link;
        assert_eq!(link.page, LinkPage::Meetings);
        assert_eq!(link.date, Some(d(TODAY)));
        assert!(link.kind.is_some());
    }

    // Dues: the months before December are not asked (—), and none is in arrears.
    let basis = DuesBasisInput {
        category: Some(DuesCategory::InService),
        income: "4000".into(),
        ..Default::default()
    };
    for id in &ids {
        s.set_dues_basis(*id, 2026, &basis).expect("basis");
    }
    let ledger = s.dues_year(2026, d(TODAY)).expect("ledger");
    assert_eq!(ledger.rows.len(), 4);
    for row in &ledger.rows {
        assert!(row.months.iter().all(|m| !m.overdue), "{row:?}");
        assert!(row.months[..11].iter().all(|m| !m.due && m.before_records));
        assert!(row.months[11].due);
        assert_eq!(row.unpaid_months, 0);
    }
    // An older payment the secretary has on paper can still be entered.
    let paid = s
        .record_dues(
            &PaymentInput {
                member_ids: vec![ids[0]],
                year: 2026,
                months: vec![10],
                paid_on: "2026-10-20".into(),
                proxy: String::new(),
            },
            d(TODAY),
        )
        .expect("older payment");
    assert_eq!(paid.recorded, 1);

    // The report says what the records cover, and names no one.
    let r = s.report(2026, d(TODAY), now()).expect("report");
    let text = r.rendered.join("\n");
    assert!(text.contains("自12月2日建账以来"), "{text}");
    assert!(!text.contains("较长时间未参加组织生活"), "{text}");
}

#[test]
fn moved_back_to_january_the_gaps_appear_folded_and_members_are_named_only_when_confirmed() {
    let dir = tempfile::tempdir().expect("tmp");
    let (mut s, ids) = first_week(&dir);
    // One meeting, in November, that two of the four attended.
    let mut attendance = s
        .expected_attendance(MeetingKind::ThemeDay, d("2026-11-20"), None)
        .expect("expected");
    for a in attendance.iter_mut().skip(2) {
        a.status = zhibu_core::meeting::AttendanceStatus::Absent;
    }
    s.add_meeting(
        &MeetingInput {
            kind: Some(MeetingKind::ThemeDay),
            date: "2026-11-20".into(),
            topics: "学习党的二十届四中全会精神".into(),
            attendance,
            ..Default::default()
        },
        d(TODAY),
    )
    .expect("meeting");
    with_records_from(&mut s, "2026-01-01", ids[0]);

    let report = s.compliance(2026, d(TODAY)).expect("compliance");
    let overdue: Vec<&str> = report
        .reminders
        .iter()
        .filter(|r| r.group == ReminderGroup::Overdue)
        .map(|r| r.message.as_str())
        .collect();
    assert!(
        overdue.contains(&"主题党日：2026年1—10月无记录"),
        "ten empty months are one line: {overdue:?}"
    );
    assert!(
        !overdue.iter().any(|m| m.contains("2026年3月的主题党日")),
        "no month of the run stands alone: {overdue:?}"
    );
    // The two who missed the only meeting have not attended since the records began.
    let six: Vec<&str> = report.six_month.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(six.len(), 2, "{six:?}");
    let line = report
        .reminders
        .iter()
        .find(|r| r.kind == "six_month")
        .expect("six-month reminder");
    assert!(line.message.contains("建账以来未参加"), "{}", line.message);
    assert_eq!(line.link.page, LinkPage::Roster);

    // The report names them only once the secretary confirms it.
    let r = s.report(2026, d(TODAY), now()).expect("report");
    assert!(!r.rendered.join("").contains("较长时间未参加组织生活"));
    let who = report.six_month[0].member_id;
    s.name_in_report(2026, ATTENDANCE, who, true)
        .expect("confirmed");
    assert!(s
        .compliance(2026, d(TODAY))
        .expect("c")
        .six_month
        .iter()
        .any(|e| e.member_id == who && e.in_report));
    let r = s.refresh_report(2026, "", d(TODAY), now()).expect("report");
    let text = r.rendered.join("");
    let name = &report.six_month[0].name;
    assert!(
        text.contains(&format!("{name}同志较长时间未参加组织生活")),
        "{text}"
    );
    let other = &report.six_month[1].name;
    assert!(
        !text.contains(&format!("{other}同志较长时间")) && !text.contains(&format!("{other}、")),
        "{text}"
    );
    // Drafted on 2 December: counted up to that day, not 全年.
    assert!(text.contains("截至12月2日开展主题党日1次"), "{text}");
}

#[test]
fn a_start_date_in_the_future_is_refused_with_its_name() {
    let dir = tempfile::tempdir().expect("tmp");
    let (mut s, _) = first_week(&dir);
    let err = s
        .save_branch(
            &BranchInput {
                name: "中共某某基金会支部".into(),
                records_from: Some("2027-01-01".into()),
                ..Default::default()
            },
            d(TODAY),
        )
        .expect_err("refused");
    assert!(err.to_string().contains("建账日期不能晚于今天"), "{err}");
    assert_eq!(s.branch().expect("b").records_from, Some(d(TODAY)));
}

#[test]
fn a_version_7_file_keeps_its_records_whole_since_the_founding() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("v7.db");
    let conn = common::old_file(&path, 7);
    conn.execute_batch(
        "UPDATE branch SET name = '中共旧支部', founded = '2020-01-01';
         INSERT INTO member (name, id_number, sex, birth_date, category, joined, position)
            VALUES ('张三', '11010519491231002X', 'female', '1949-12-31', 'full', '1975-01-01', '退休');
         INSERT INTO membership_event (member_id, kind, date, reason) VALUES (1, 'in', '2020-01-01', 'new');
         PRAGMA user_version = 7;",
    )
    .expect("v7 data");
    drop(conn);
    let s = Store::open(&path).expect("upgraded");
    assert_eq!(s.branch().expect("b").records_from, None);
    // Without a start date every month since the founding counts, as before the upgrade.
    let report = s.compliance(2026, d(TODAY)).expect("compliance");
    assert!(report.calendar.iter().any(|c| c.status == CellStatus::Gap));
    assert!(report
        .calendar
        .iter()
        .all(|c| c.status != CellStatus::Before));
    assert_eq!(s.all_members().expect("m")[0].position, "退休");
}

#[test]
fn unsaved_report_edits_are_kept_as_a_draft_until_saved() {
    use zhibu_core::report::ParagraphEdit;
    let dir = tempfile::tempdir().expect("tmp");
    let (mut s, _) = first_week(&dir);
    let r = s.report(2026, d(TODAY), now()).expect("report");
    let key = r.paragraphs[1].key.clone();
    let mine = "本人作为党支部书记，带头参加组织生活。".to_string();
    let edits = vec![ParagraphEdit {
        key: key.clone(),
        text: mine.clone(),
    }];
    s.save_report_draft(2026, &edits, now())
        .expect("draft kept");
    // Still there after the program starts again; the report itself is unchanged.
    let path = dir.path().join("branch.db");
    drop(s);
    let mut s = Store::open(&path).expect("reopened");
    let draft = s.report_draft(2026).expect("read").expect("a draft");
    assert_eq!(draft.edits, edits);
    assert_eq!(draft.saved_at, now());
    let r = s.report(2026, d(TODAY), now()).expect("report");
    assert_ne!(r.paragraphs[1].text, mine, "a draft is no revision");
    // 保存 makes the revision and the draft is done with.
    let r = s
        .save_report(2026, &edits, "周䶮", d(TODAY), now())
        .expect("saved");
    assert_eq!(r.paragraphs[1].text, mine);
    assert_eq!(s.report_draft(2026).expect("read"), None);
}

#[test]
fn a_probationary_member_entered_in_the_roster_starts_at_their_stage() {
    use zhibu_core::development::StepInput;
    use zhibu_core::member::Category;
    let dir = tempfile::tempdir().expect("tmp");
    let (mut s, _) = first_week(&dir);
    let mut input = full_member("吴敏", "1995-03-03", 22, "2026-06-01");
    input.category = Some(Category::Probationary);
    let id = s.add_member(&input, d(TODAY)).expect("member").id;
    let entry = |s: &Store| {
        s.development(d(TODAY))
            .expect("development")
            .into_iter()
            .find(|e| e.member_id == id)
            .expect("listed")
    };
    let e = entry(&s);
    assert_eq!(e.stage, 4, "接收预备党员 reached");
    assert_eq!(e.before_records, 17, "steps 1–17 before the records");
    assert_eq!(e.next_step, Some(18));
    assert!(e.warnings.is_empty(), "{:?}", e.warnings);
    // A later step recorded: only the steps after the implied ones can be missing.
    let e = s
        .record_step(
            id,
            &StepInput {
                step: 20,
                date: "2026-07-01".into(),
                detail: String::new(),
            },
            d(TODAY),
        )
        .expect("step 20");
    assert_eq!(e.stage, 5);
    let text = e.warnings.join("；");
    assert!(text.contains("第18步") && text.contains("第19步"), "{text}");
    assert!(
        !text.contains("第1步") && !text.contains("第17步"),
        "{text}"
    );
    assert_eq!(entry(&s).next_step, Some(18));
}

#[test]
fn retired_is_a_field_the_roster_filters_by_and_dues_start_from() {
    use zhibu_core::roster::{RosterQuery, StatusFilter};
    let dir = tempfile::tempdir().expect("dir");
    let (mut s, ids) = first_week(&dir);
    // 李红 is retired: marked once in the roster, with 工作岗位 left empty.
    let mut input = s.member(ids[1]).expect("member").to_input();
    input.retired = true;
    s.update_member(ids[1], &input, d(TODAY)).expect("saved");
    assert!(s.member(ids[1]).expect("member").retired);
    let retired: Vec<String> = s
        .roster(&RosterQuery {
            status: StatusFilter::Retired,
            ..Default::default()
        })
        .expect("roster")
        .into_iter()
        .map(|m| m.name)
        .collect();
    assert_eq!(retired, ["李红"]);
    // The dues ledger starts her standard from 离退休, the others from 在职.
    let ledger = s.dues_year(2026, d(TODAY)).expect("ledger");
    let usual = |name: &str| {
        ledger
            .rows
            .iter()
            .find(|r| r.name == name)
            .expect("row")
            .usual_category
    };
    assert_eq!(usual("李红"), DuesCategory::Retired);
    assert_eq!(usual("王强"), DuesCategory::InService);
}
