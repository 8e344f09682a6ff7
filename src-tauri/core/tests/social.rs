//! The branch as social organizations have it: small and joint branches, members whose 组织关系
//! is elsewhere, talks by pairs, the six-month rule with its reasons, and the wording of
//! printouts — each rule at fixed dates, quoting the text it checks.
mod common;

use chrono::NaiveDate;
use common::{full_member, store};
use zhibu_core::branch::{BranchInput, CommitteeSeat, OrgType};
use zhibu_core::compliance::SixMonthLevel;
use zhibu_core::meeting::{AttendanceStatus, GradeEntry, MeetingInput, MeetingKind, ReviewGrade};
use zhibu_core::organization::{check_credit_code, OrganizationInput};
use zhibu_core::print::PrintRequest;
use zhibu_core::rules::Rules;
use zhibu_core::structure::Structure;
use zhibu_core::talk::TalkInput;
use zhibu_core::{ErrorKind, Store};

const TODAY: &str = "2026-11-26";

fn d(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

fn now() -> chrono::NaiveDateTime {
    d(TODAY).and_hms_opt(10, 0, 0).expect("time")
}

/// A branch of `n` full members (since 2020), the first its secretary.
fn small_branch(n: u32) -> (Store, Vec<i64>) {
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

fn elsewhere(name: &str, seq: u32) -> zhibu_core::member::MemberInput {
    let mut m = full_member(name, "1982-04-04", seq, "2009-07-01");
    m.since = Some("2020-01-01".into());
    m.membership_elsewhere = true;
    m.membership_org = "中共某大学社会学院委员会".into();
    m
}

#[test]
fn a_five_member_branch_with_its_secretary_is_never_asked_for_a_committee_meeting() {
    // 支部工作条例第九条：“正式党员不足7人的党支部，不设支部委员会，设书记1名，必要时可以设
    // 副书记1名。” Recording the secretary (needed for the report's 述职人) is not a committee.
    let (mut s, _) = small_branch(5);
    let st = s.structure(d(TODAY)).expect("structure");
    assert_eq!(st.structure, Structure::Secretary);
    assert!(!st.committee_meets);
    let r = s.compliance(2026, d(TODAY)).expect("compliance");
    assert!(r
        .calendar
        .iter()
        .all(|c| c.kind != MeetingKind::CommitteeMeeting));
    assert!(
        r.reminders.iter().all(|x| !x.message.contains("支委会")),
        "{:?}",
        r.reminders
    );
    // The term reminder speaks of the secretary's term (2024-03-01 + 3 years is due soon).
    let term = s.compliance(2026, d("2026-12-15")).expect("c");
    let term: Vec<_> = term.reminders.iter().filter(|x| x.kind == "term").collect();
    assert_eq!(term.len(), 1);
    assert!(
        term[0].message.starts_with("党支部书记任期"),
        "{}",
        term[0].message
    );
    // The report names no 支委会 at all.
    let report = s.report(2026, d(TODAY), now()).expect("report");
    let text = report.rendered.join("\n");
    assert!(!text.contains("支委会"), "{text}");
    assert!(
        text.contains("全年召开支部党员大会0次，讲党课0次"),
        "{text}"
    );
}

#[test]
fn a_small_branch_has_only_a_secretary_and_perhaps_a_deputy() {
    let (mut s, ids) = small_branch(5);
    let seat = |i: usize, role: &str| CommitteeSeat {
        member_id: ids[i],
        name: String::new(),
        role: role.into(),
    };
    let mut save = |committee: Vec<CommitteeSeat>| {
        s.save_branch(
            &BranchInput {
                name: "中共测试协会支部委员会".into(),
                committee,
                ..Default::default()
            },
            d(TODAY),
        )
    };
    save(vec![seat(0, "书记"), seat(1, "副书记")]).expect("a deputy is allowed");
    let e = save(vec![seat(0, "书记"), seat(1, "组织委员")]).expect_err("no committee seats");
    assert_eq!(e.kind, ErrorKind::Invalid);
    assert!(e.fields[0].message.contains("不足7名"), "{e:?}");
}

#[test]
fn a_member_whose_membership_is_elsewhere_takes_part_but_is_not_counted_here() {
    // 一方隶属、参加多重组织生活: the member takes part here and their attendance counts for
    // them, but 党员总数, the quorum, the dues ledger and 民主评议 belong to the branch that
    // holds their 组织关系.
    let (mut s, _) = small_branch(4);
    let ouyang = s
        .add_member(&elsewhere("欧阳晓明", 201), d(TODAY))
        .expect("elsewhere")
        .id;
    let r = s.report(2026, d(TODAY), now()).expect("report");
    let fig = |n: &str| {
        r.figures
            .iter()
            .find(|f| f.name == n)
            .map(|f| f.value.clone())
            .expect("figure")
    };
    assert_eq!(fig("党员总数"), "4");
    assert_eq!(fig("在本支部参加组织生活的其他党员数"), "1");
    assert!(r
        .rendered
        .join("")
        .contains("另有组织关系在其他党组织、在本支部参加组织生活的党员1名"));
    assert_eq!(s.compliance(2026, d(TODAY)).expect("c").elsewhere, 1);
    // Not in the dues ledger...
    let ledger = s.dues_year(2026, d(TODAY)).expect("ledger");
    assert!(ledger.rows.iter().all(|r| r.member_id != ouyang));
    assert_eq!(ledger.rows.len(), 4);
    // ...but present in attendance, and attending resets their six-month clock.
    let m = s
        .add_meeting(&meeting(&s, MeetingKind::ThemeDay, "2026-11-10"), d(TODAY))
        .expect("theme day");
    assert!(m.attendance.iter().any(|a| a.member_id == Some(ouyang)));
    assert!(s
        .six_month_scan(d(TODAY))
        .expect("scan")
        .iter()
        .all(|e| e.member_id != ouyang));
    // Quorum of a 党员大会: 2 of the 4 voting members here is not more than half, whatever
    // the member from elsewhere does.
    let mut general = meeting(&s, MeetingKind::GeneralMeeting, "2026-11-12");
    let mut absent = 0;
    for a in general.attendance.iter_mut() {
        if a.member_id != Some(ouyang) && absent < 2 {
            a.status = AttendanceStatus::Absent;
            absent += 1;
        }
    }
    let g = s.add_meeting(&general, d(TODAY)).expect("general");
    assert_eq!(g.summary.quorum_ok, Some(false));
    let warned = s.compliance(2026, d(TODAY)).expect("c").reminders;
    assert!(warned
        .iter()
        .any(|r| r.kind == "quorum" && r.message.contains("不得进行表决")));
    // Not graded here.
    let mut review = meeting(&s, MeetingKind::MemberReview, "2026-11-20");
    review.grades = vec![GradeEntry {
        member_id: ouyang,
        name: String::new(),
        grade: ReviewGrade::Qualified,
    }];
    let e = s
        .add_meeting(&review, d(TODAY))
        .expect_err("graded elsewhere");
    assert!(e.fields[0].message.contains("由组织关系所在党支部评定等次"));
    // Dues paid here by arrangement (a 流动党员活动证): then in the ledger.
    let mut input = s.member(ouyang).expect("m").to_input();
    input.dues_here = true;
    input.since = Some("2020-01-01".into());
    s.update_member(ouyang, &input, d(TODAY))
        .expect("dues here");
    assert!(s
        .dues_year(2026, d(TODAY))
        .expect("ledger")
        .rows
        .iter()
        .any(|r| r.member_id == ouyang));
}

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
fn credit_codes_are_checked_by_their_check_character() {
    // GB 32100-2015: 18 characters, the last the check character of the first 17.
    assert_eq!(
        check_credit_code("91350100m000100y43").as_deref(),
        Ok("91350100M000100Y43")
    );
    assert!(check_credit_code("91350100M000100Y44")
        .expect_err("check")
        .contains("校验码"));
    assert!(check_credit_code("91350100M000100Y4")
        .expect_err("17")
        .contains("18位"));
    assert!(check_credit_code("9135010OM000100Y43")
        .expect_err("O")
        .contains("“O”"));
}

#[test]
fn a_joint_branch_covers_up_to_five_organizations_and_names_one_without_full_members() {
    let (mut s, ids) = small_branch(4);
    let org = |name: &str, t: OrgType| OrganizationInput {
        name: name.into(),
        org_type: t,
        ..Default::default()
    };
    let a = s
        .save_organization(None, &org("甲协会", OrgType::SocialGroup), d(TODAY))
        .expect("a");
    // With one organization, everyone works there.
    let newcomer = s
        .add_member(
            &full_member("郑九", "1990-01-01", 401, "2015-07-01"),
            d(TODAY),
        )
        .expect("new");
    assert_eq!(newcomer.org_id, Some(a.id));
    assert_eq!(newcomer.org_name, "甲协会");
    let b = s
        .save_organization(None, &org("乙基金会", OrgType::Foundation), d(TODAY))
        .expect("b");
    let mut bad = org("丙中心", OrgType::SocialService);
    bad.credit_code = "52110105MJ0000001A".into();
    let e = s
        .save_organization(None, &bad, d(TODAY))
        .expect_err("bad code");
    assert_eq!(e.fields[0].field, "credit_code");
    for n in ["丙中心", "丁中心", "戊中心"] {
        s.save_organization(None, &org(n, OrgType::SocialService), d(TODAY))
            .expect("org");
    }
    let e = s
        .save_organization(None, &org("己中心", OrgType::SocialService), d(TODAY))
        .expect_err("sixth");
    assert!(e.fields[0].message.contains("不超过5个"));
    // The first four were entered before any organization: placed now, one in 乙.
    for (i, id) in ids.iter().enumerate() {
        let mut input = s.member(*id).expect("m").to_input();
        input.org_id = Some(if i == 0 { b.id } else { a.id });
        s.update_member(*id, &input, d(TODAY)).expect("placed");
    }
    let facts = s.org_facts(d(TODAY)).expect("facts");
    assert_eq!(facts.len(), 5);
    assert_eq!(
        (facts[0].name.as_str(), facts[0].full_members),
        ("甲协会", 4)
    );
    assert_eq!(
        (facts[1].name.as_str(), facts[1].full_members),
        ("乙基金会", 1)
    );
    assert!(facts[2].no_full_member);
    let reminders = s.compliance(2026, d(TODAY)).expect("c").reminders;
    assert!(reminders
        .iter()
        .any(|r| r.kind == "organization" && r.message.starts_with("丙中心没有正式党员")));
    // An organization someone works in cannot be removed.
    let e = s.delete_organization(b.id).expect_err("has staff");
    assert_eq!(e.kind, ErrorKind::Conflict);
    s.delete_organization(facts[4].id)
        .expect("empty one removed");
}

#[test]
fn printed_titles_use_the_usual_forms() {
    let (mut s, _) = small_branch(3);
    let mut both = meeting(&s, MeetingKind::ThemeDay, "2026-09-12");
    both.also_kind = Some(MeetingKind::GeneralMeeting);
    let both = s.add_meeting(&both, d(TODAY)).expect("both");
    let lecture = s
        .add_meeting(
            &meeting(&s, MeetingKind::PartyLecture, "2026-09-20"),
            d(TODAY),
        )
        .expect("lecture");
    let title = |id: i64| {
        s.print_document(&PrintRequest::Meeting { id }, d(TODAY))
            .expect("doc")
            .1
    };
    assert_eq!(
        title(both.summary.id),
        "主题党日暨支部党员大会会议记录（20260912）"
    );
    assert_eq!(title(lecture.summary.id), "党课记录（20260920）");
}

#[test]
fn a_version_6_file_upgrades_to_organizations_and_talk_pairs() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("v6.db");
    let conn = rusqlite::Connection::open(&path).expect("raw");
    for sql in [
        include_str!("../src/store/0001_init.sql"),
        include_str!("../src/store/0002_meetings.sql"),
        include_str!("../src/store/0003_venue.sql"),
        include_str!("../src/store/0004_report.sql"),
        include_str!("../src/store/0005_dues.sql"),
        include_str!("../src/store/0006_development.sql"),
    ] {
        conn.execute_batch(sql).expect("old schema");
    }
    conn.execute_batch(
        r#"UPDATE branch SET name = '中共旧支部', org_name = '旧协会', org_type = 'foundation',
               term_start = '2024-03-01';
         INSERT INTO member (name, id_number, sex, birth_date, category, joined)
            VALUES ('张三', '11010519491231002X', 'female', '1949-12-31', 'full', '1975-01-01'),
                   ('李四', '110105198001010017', 'male', '1980-01-01', 'full', '2005-01-01');
         INSERT INTO membership_event (member_id, kind, date, reason) VALUES
            (1, 'in', '2020-01-01', 'new'), (2, 'in', '2020-01-01', 'new');
         INSERT INTO meeting (kind, date, topics) VALUES ('heart_talk', '2026-10-25', '年度谈心');
         INSERT INTO attendance (meeting_id, member_id, status) VALUES (1, 1, 'present'), (1, 2, 'present');
         INSERT INTO talk_pair (meeting_id, a_member_id, b_member_id) VALUES (1, 1, 2);
         INSERT INTO setting (key, value) VALUES ('rules', '{"requirements":[{"kind":"theme_day","period":"month","count":1},{"kind":"heart_talk","period":"year","count":1}]}');
         PRAGMA user_version = 6;"#,
    )
    .expect("v6 data");
    drop(conn);
    let s = Store::open(&path).expect("upgraded");
    let orgs = s.organizations().expect("orgs");
    assert_eq!(orgs.len(), 1);
    assert_eq!(
        (orgs[0].name.as_str(), orgs[0].org_type),
        ("旧协会", OrgType::Foundation)
    );
    assert!(s
        .all_members()
        .expect("m")
        .iter()
        .all(|m| m.org_name == "旧协会"));
    let talks = s.talks(2026).expect("talks");
    assert_eq!(talks.len(), 1);
    assert_eq!(
        (talks[0].a_name.as_str(), talks[0].b_name.as_str()),
        ("张三", "李四")
    );
    assert_eq!(talks[0].note, "年度谈心");
    // The old record stays, with its text, as a record that is not organizational life.
    let m = s.meetings(2026).expect("meetings");
    assert_eq!(m.len(), 1);
    assert_eq!(m[0].kind, MeetingKind::Other);
    assert!(!m[0].counts_as_life);
    assert_eq!(m[0].topics, "谈心谈话：年度谈心");
    // The rules open, without the yearly 谈心谈话 meeting.
    let rules = s.rules().expect("rules readable");
    assert_eq!(rules.requirements.len(), 1);
    assert_eq!(rules.requirements[0].kind, MeetingKind::ThemeDay);
}

#[test]
fn the_organization_named_in_the_profile_becomes_the_first_and_members_work_there() {
    let mut s = store();
    s.save_branch(
        &BranchInput {
            name: "中共某协会支部".into(),
            org_name: "某协会".into(),
            org_type: OrgType::SocialGroup,
            ..Default::default()
        },
        d(TODAY),
    )
    .expect("branch");
    let orgs = s.organizations().expect("orgs");
    assert_eq!(orgs.len(), 1);
    assert_eq!(orgs[0].name, "某协会");
    let m = s
        .add_member(
            &full_member("王一", "1980-01-01", 101, "2005-07-01"),
            d(TODAY),
        )
        .expect("member");
    assert_eq!(m.org_name, "某协会");
    // Saving the profile again adds no second one.
    s.save_branch(
        &BranchInput {
            name: "中共某协会支部".into(),
            org_name: "某协会".into(),
            ..Default::default()
        },
        d(TODAY),
    )
    .expect("again");
    assert_eq!(s.organizations().expect("orgs").len(), 1);
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
fn the_report_of_a_joint_branch_names_its_organizations() {
    let mut s = Store::open_in_memory().expect("store");
    zhibu_core::demo::fill(&mut s, d(TODAY)).expect("demo");
    let r = s.report(2026, d(TODAY), now()).expect("report");
    let text = r.rendered.join("\n");
    assert!(
        text.contains("支部覆盖北京阳光社会工作服务中心、北京市朝阳区社会工作者协会、北京暖心公益基金会等3个单位，其中2个已将党建工作写入章程，2个单位负责人是党员；北京暖心公益基金会尚无正式党员；书记参加或列席1个单位的管理层会议。"),
        "{text}"
    );
    // A branch of one organization says nothing of it.
    let (mut small, _) = small_branch(3);
    let r = small
        .report(2026, d(TODAY), now())
        .expect("report")
        .rendered
        .join("");
    assert!(!r.contains("支部覆盖") && !r.contains("〔"), "{r}");
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

#[test]
fn members_from_elsewhere_do_not_make_a_branch_need_a_committee() {
    // Six full members here and one whose 组织关系 is elsewhere: still under 7, no committee.
    let (mut s, _) = small_branch(6);
    s.add_member(&elsewhere("欧阳晓明", 201), d(TODAY)).expect("elsewhere");
    let st = s.structure(d(TODAY)).expect("structure");
    assert_eq!((st.full_members, st.structure), (6, Structure::Secretary));
    // A seventh full member here: a committee is due.
    let mut m = full_member("郑九", "1990-01-01", 401, "2015-07-01");
    m.since = Some("2020-01-01".into());
    s.add_member(&m, d(TODAY)).expect("seventh");
    let st = s.structure(d(TODAY)).expect("structure");
    assert_eq!((st.full_members, st.structure), (7, Structure::Committee));
    assert!(!st.committee_meets, "not before it is elected");
}
