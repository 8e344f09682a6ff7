//! The duty report: every figure from the records, the secretary's prose kept through a
//! refresh, revisions, finality, and last year's problems carried into this year.
mod common;

use chrono::{NaiveDate, NaiveDateTime};
use common::{full_member, store};
use zhibu_core::branch::{BranchInput, CommitteeSeat};
use zhibu_core::meeting::{AttendanceStatus, MeetingInput, MeetingKind};
use zhibu_core::member::Category;
use zhibu_core::report::{ListItemInput, ListKind, ParagraphEdit};
use zhibu_core::{ErrorKind, Store};

fn d(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

fn now() -> NaiveDateTime {
    d("2026-11-26").and_hms_opt(10, 0, 0).expect("time")
}

const TODAY: &str = "2026-11-26";

/// A fixed branch: 8 full members, 2 probationary (one admitted this year), a committee,
/// and a year of meetings with known attendance.
fn branch() -> (Store, Vec<i64>) {
    let mut s = store();
    let mut ids = Vec::new();
    let names = [
        "王一", "李二", "张三", "刘四", "陈五", "杨六", "赵七", "黄八",
    ];
    for (i, n) in names.iter().enumerate() {
        let mut m = full_member(n, "1975-01-01", 101 + 2 * i as u32, "2000-07-01");
        m.since = Some("2015-01-01".into());
        ids.push(s.add_member(&m, d(TODAY)).expect("member").id);
    }
    for (n, joined, seq) in [("周九", "2025-09-01", 301), ("吴十", "2026-03-01", 303)] {
        let mut p = full_member(n, "1995-01-01", seq, joined);
        p.category = Some(Category::Probationary);
        ids.push(s.add_member(&p, d(TODAY)).expect("probationary").id);
    }
    let seat = |i: usize, role: &str| CommitteeSeat {
        member_id: ids[i],
        name: String::new(),
        role: role.into(),
    };
    s.save_branch(
        &BranchInput {
            name: "中共测试协会支部委员会".into(),
            superior: "中共某区社会组织综合委员会".into(),
            founded: Some("2015-01-01".into()),
            committee: vec![seat(0, "书记"), seat(1, "组织委员"), seat(2, "宣传委员")],
            committee_elected: Some("2025-01-01".into()),
            ..Default::default()
        },
        d(TODAY),
    )
    .expect("branch");
    (s, ids)
}

fn hold(s: &mut Store, kind: MeetingKind, date: &str, absent: usize) {
    let mut attendance = s
        .expected_attendance(kind, d(date), None)
        .expect("expected");
    for a in attendance.iter_mut().take(absent) {
        a.status = AttendanceStatus::Absent;
    }
    let m = MeetingInput {
        kind: Some(kind),
        date: date.into(),
        attendance,
        ..Default::default()
    };
    s.add_meeting(&m, d(TODAY)).expect("meeting");
}

fn figure(r: &zhibu_core::report::Report, name: &str) -> String {
    r.figures
        .iter()
        .find(|f| f.name == name)
        .map(|f| f.value.clone())
        .unwrap_or_else(|| panic!("no figure {name}"))
}

#[test]
fn every_figure_is_counted_from_the_records() {
    let (mut s, _) = branch();
    for q in ["2026-03-10", "2026-06-10", "2026-09-10"] {
        hold(&mut s, MeetingKind::GeneralMeeting, q, 1);
    }
    for m in 1..=10 {
        hold(&mut s, MeetingKind::ThemeDay, &format!("2026-{m:02}-15"), 0);
    }
    hold(&mut s, MeetingKind::PartyLecture, "2026-05-20", 2);
    let r = s.report(2026, d(TODAY), now()).expect("draft");

    // Counted independently here from what was recorded above.
    let members_now = s.members_on(d(TODAY)).expect("members");
    assert_eq!(figure(&r, "党员总数"), members_now.len().to_string());
    assert_eq!(figure(&r, "党员总数"), "10");
    assert_eq!(figure(&r, "正式党员数"), "8");
    assert_eq!(figure(&r, "预备党员数"), "2");
    assert_eq!(figure(&r, "新发展党员数"), "1", "吴十 was admitted in 2026");
    assert_eq!(figure(&r, "支部党员大会次数"), "3");
    assert_eq!(figure(&r, "主题党日次数"), "10");
    assert_eq!(figure(&r, "党课次数"), "1");
    assert_eq!(figure(&r, "支委会次数"), "0");
    // Attendance: 3 general meetings with 1 absent, 10 theme days all present, 1 lecture 2 absent.
    let (mut present, mut expected) = (0u32, 0u32);
    for m in s.meetings(2026).expect("list") {
        present += m.counts.present;
        expected += m.counts.expected;
    }
    assert_eq!(expected - present, 5);
    assert_eq!(
        figure(&r, "平均参会率"),
        format!("{:.1}%", f64::from(present) * 100.0 / f64::from(expected))
    );
    assert_eq!(figure(&r, "年度"), "2026年");
    assert_eq!(figure(&r, "书记"), "王一");

    // The figures appear in the text as natural sentences.
    let text = r.rendered.join("\n");
    // Drafted on 26 November: counted up to that day; kinds not held (支委会, the yearly
    // 组织生活会 not yet due, talks) are not named with "0次".
    assert!(
        text.contains(
            "截至11月26日召开支部党员大会3次，讲党课1次，开展主题党日10次，党员平均参会率为"
        ),
        "{text}"
    );
    for none in ["支委会0次", "组织生活会0次", "谈心谈话0人次"] {
        assert!(!text.contains(none), "{none}: {text}");
    }
    assert!(text.contains("支部共有党员10名，其中正式党员8名、预备党员2名"));
    assert!(r.unknown_figures.is_empty(), "{:?}", r.unknown_figures);
    // Problems come from the facts: no 支委会 at all, the lectures of Q1/Q3.
    assert!(
        text.contains("支委会") && text.contains("未按规定频次召开"),
        "{text}"
    );
}

#[test]
fn a_refresh_updates_figures_and_keeps_the_secretarys_prose() {
    let (mut s, _) = branch();
    hold(&mut s, MeetingKind::GeneralMeeting, "2026-03-10", 0);
    let r = s.report(2026, d(TODAY), now()).expect("draft");
    assert_eq!(figure(&r, "支部党员大会次数"), "1");
    let mine = "我们坚持把政治建设摆在首位，全年召开支部党员大会〔支部党员大会次数〕次，做到了学思用贯通。";
    let r = s
        .save_report(
            2026,
            &[ParagraphEdit {
                key: "s1.life".into(),
                text: mine.into(),
            }],
            "王一",
            d(TODAY),
            now(),
        )
        .expect("edited");
    let i = r
        .paragraphs
        .iter()
        .position(|p| p.key == "s1.life")
        .expect("paragraph");
    assert!(r.paragraphs[i].edited);
    assert!(r.rendered[i].contains("全年召开支部党员大会1次"));

    hold(&mut s, MeetingKind::GeneralMeeting, "2026-06-10", 0);
    let r = s
        .refresh_report(2026, "王一", d(TODAY), now())
        .expect("refreshed");
    let i = r
        .paragraphs
        .iter()
        .position(|p| p.key == "s1.life")
        .expect("paragraph");
    assert_eq!(
        r.paragraphs[i].text, mine,
        "the secretary's words are untouched"
    );
    assert!(
        r.rendered[i].contains("全年召开支部党员大会2次"),
        "the figure follows the records"
    );
    // Untouched paragraphs follow the records too.
    assert!(r.rendered.iter().any(|t| t.contains("支部共有党员10名")));
    assert_eq!(r.revisions.len(), 3, "draft, edit, refresh");

    // A paragraph of the secretary's own, then an earlier revision restored.
    let r = s
        .save_report(
            2026,
            &[ParagraphEdit {
                key: "custom.s2.1".into(),
                text: "四是学习教育的针对性还不够强。".into(),
            }],
            "王一",
            d(TODAY),
            now(),
        )
        .expect("custom paragraph");
    assert!(r
        .paragraphs
        .iter()
        .any(|p| p.key == "custom.s2.1" && p.section == "s2"));
    let first = r.revisions.last().expect("first revision").id;
    let r = s
        .restore_report(2026, first, "王一", d(TODAY), now())
        .expect("restored");
    assert!(!r.paragraphs.iter().any(|p| p.key == "custom.s2.1"));
    assert_eq!(
        r.revisions.len(),
        5,
        "draft, edit, refresh, own paragraph, restore: nothing lost"
    );
}

#[test]
fn a_final_report_is_read_only_until_reopened() {
    let (mut s, _) = branch();
    s.report(2026, d(TODAY), now()).expect("draft");
    s.set_report_final(2026, true, d(TODAY)).expect("final");
    let edit = [ParagraphEdit {
        key: "opening".into(),
        text: "改".into(),
    }];
    let e = s
        .save_report(2026, &edit, "王一", d(TODAY), now())
        .expect_err("read-only");
    assert_eq!(e.kind, ErrorKind::Conflict);
    assert!(s.refresh_report(2026, "王一", d(TODAY), now()).is_err());
    s.set_report_final(2026, false, d(TODAY)).expect("reopened");
    s.save_report(2026, &edit, "王一", d(TODAY), now())
        .expect("editable again");
}

#[test]
fn last_years_problems_become_this_years_rectification_list() {
    let (mut s, _) = branch();
    // 2025: only one general meeting, so three quarters are gaps.
    hold(&mut s, MeetingKind::GeneralMeeting, "2025-03-10", 0);
    let last = s.report(2025, d(TODAY), now()).expect("2025 report");
    let problems: Vec<&String> = last
        .paragraphs
        .iter()
        .zip(&last.rendered)
        .filter(|(p, _)| p.key.starts_with("problem."))
        .map(|(_, t)| t)
        .collect();
    assert!(!problems.is_empty());
    s.save_list_item(
        2025,
        ListKind::Responsibility,
        None,
        &ListItemInput {
            content: "建立党员活动台账".into(),
            owner: "李二".into(),
            due: None,
            done: false,
        },
    )
    .expect("responsibility");
    s.save_list_item(
        2025,
        ListKind::Responsibility,
        None,
        &ListItemInput {
            content: "完成换届".into(),
            owner: "王一".into(),
            due: None,
            done: true,
        },
    )
    .expect("done one");

    let this = s.report(2026, d(TODAY), now()).expect("2026 report");
    assert_eq!(
        this.rectification.len(),
        problems.len(),
        "each problem of 2025 is to be rectified in 2026"
    );
    assert!(
        this.rectification[0].content.contains("未按规定频次召开"),
        "{:?}",
        this.rectification
    );
    assert_eq!(
        this.responsibility.len(),
        1,
        "the unfinished responsibility carries over"
    );
    assert!(this.responsibility[0].carried && this.responsibility[0].content == "建立党员活动台账");
    let text = this.rendered.join("\n");
    assert!(text.contains("上年度述职评议指出问题整改情况"));
    // Last year's rectification comes before this year's problems.
    let headings: Vec<&str> = this
        .paragraphs
        .iter()
        .zip(&this.rendered)
        .filter(|(p, _)| p.kind == zhibu_core::report::ParagraphKind::Heading)
        .map(|(_, t)| t.as_str())
        .collect();
    assert_eq!(
        headings,
        [
            "履职情况",
            "上年度述职评议指出问题整改情况",
            "存在的问题及原因",
            "下一步工作打算"
        ]
    );
    assert!(
        text.contains(&format!(
            "列入本年度整改清单的问题共{}个，已整改0个",
            problems.len()
        )),
        "{text}"
    );

    // Marking an item done shows on the next refresh.
    let id = this.rectification[0].id;
    let item = &this.rectification[0];
    s.save_list_item(
        2026,
        ListKind::Rectification,
        Some(id),
        &ListItemInput {
            content: item.content.clone(),
            owner: item.owner.clone(),
            due: None,
            done: true,
        },
    )
    .expect("done");
    let r = s
        .refresh_report(2026, "王一", d(TODAY), now())
        .expect("refresh");
    assert!(r.rendered.join("").contains("已整改1个"));
}

#[test]
fn the_printed_report_is_an_official_document() {
    use zhibu_typeset::Block;
    let (mut s, _) = branch();
    hold(&mut s, MeetingKind::GeneralMeeting, "2026-03-10", 0);
    let r = s.report(2026, d(TODAY), now()).expect("draft");
    let doc = zhibu_core::print::report_document(&r, d(TODAY));
    assert!(
        matches!(&doc.blocks[0], Block::Title(t) if t.replace(zhibu_typeset::linebreak::TITLE_BREAK, "") == "中共测试协会支部委员会书记2026年度抓基层党建工作述职报告")
    );
    let headings: Vec<&str> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading { level: 1, text } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(headings, ["履职情况", "存在的问题及原因", "下一步工作打算"]);
    // The 落款: the reporter once, over the date.
    assert!(
        matches!(doc.blocks.last(), Some(Block::Signoff { name, date }) if name == "述职人：王一" && date == "2026年11月26日"),
        "{:?}",
        doc.blocks.last()
    );
}

#[test]
fn adjusted_templates_shape_untouched_paragraphs() {
    let (mut s, _) = branch();
    s.report(2026, d(TODAY), now()).expect("draft");
    let mut t = std::collections::BTreeMap::new();
    t.insert(
        "s3.objective".to_string(),
        "二是客观上本会会员单位分布在全市各区，集中活动不便。".to_string(),
    );
    s.save_report_templates(&t).expect("saved");
    let listed = s.report_templates().expect("templates");
    let objective = listed
        .iter()
        .find(|x| x.key == "s3.objective")
        .expect("listed");
    assert_ne!(objective.text, objective.default_text);
    let r = s
        .refresh_report(2026, "王一", d(TODAY), now())
        .expect("refresh");
    assert!(r
        .rendered
        .iter()
        .any(|p| p.contains("会员单位分布在全市各区")));
    let mut bad = std::collections::BTreeMap::new();
    bad.insert("nonsense".to_string(), "x".to_string());
    assert!(s.save_report_templates(&bad).is_err());
}
