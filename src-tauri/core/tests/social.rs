//! The branch as social organizations have it: small and joint branches, members whose 组织关系
//! is elsewhere, the organizations of a joint branch, the upgrade of older files and the
//! wording of printouts — each rule at fixed dates, quoting the text it checks.
mod common;

use common::small::{d, elsewhere, meeting, now, small_branch, TODAY};
use common::{full_member, store};
use zhibu_core::branch::{BranchInput, CommitteeSeat, OrgType};
use zhibu_core::meeting::{AttendanceStatus, GradeEntry, MeetingKind, ReviewGrade};
use zhibu_core::organization::{check_credit_code, OrganizationInput};
use zhibu_core::print::PrintRequest;
use zhibu_core::structure::Structure;
use zhibu_core::{ErrorKind, Store};

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
    // Nothing held yet: no kind is named with "0次"; the gaps are problems instead.
    assert!(!text.contains("0次"), "{text}");
    assert!(text.contains("支部党员大会（"), "{text}");
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
    let conn = common::old_file(&path, 6);
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
fn members_from_elsewhere_do_not_make_a_branch_need_a_committee() {
    // Six full members here and one whose 组织关系 is elsewhere: still under 7, no committee.
    let (mut s, _) = small_branch(6);
    s.add_member(&elsewhere("欧阳晓明", 201), d(TODAY))
        .expect("elsewhere");
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
