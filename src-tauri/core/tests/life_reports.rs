//! The 组织生活会 report and the 民主评议党员 report of the yearly package, drafted from the
//! records: with nothing on record they say so in a whole sentence; with a meeting they give
//! its attendance (the excused by name and reason), its content and decisions, every grade in
//! the 结果汇总表 and the follow-up decided.
mod common;

use common::small::{d, meeting, small_branch, TODAY};
use zhibu_core::meeting::{
    AttendanceStatus, Followup, FollowupAction, GradeEntry, MeetingKind, ReviewGrade,
};
use zhibu_core::print::PrintRequest;
use zhibu_typeset::{Block, Document};

/// Every text of a document, blocks in order, table cells row by row.
fn text(doc: &Document) -> Vec<String> {
    doc.blocks
        .iter()
        .flat_map(|b| match b {
            Block::Title(t) | Block::Paragraph(t) | Block::Subtitle(t) => vec![t.clone()],
            Block::Line { text, .. } => vec![text.clone()],
            Block::Heading { text, .. } => vec![text.clone()],
            Block::Table(t) => t.rows.iter().map(|r| r.join("|")).collect(),
            Block::Signoff { name, date } => vec![name.clone(), date.clone()],
            Block::Signatures(l) => l.clone(),
            Block::Space | Block::PageBreak => vec![],
        })
        .map(|t| t.replace('\u{200B}', ""))
        .collect()
}

fn docs(s: &zhibu_core::Store) -> (Vec<String>, Vec<String>) {
    let life = s
        .print_document(&PrintRequest::LifeMeetingReport { year: 2026 }, d(TODAY))
        .expect("life")
        .0;
    let review = s
        .print_document(&PrintRequest::MemberReviewReport { year: 2026 }, d(TODAY))
        .expect("review")
        .0;
    (text(&life), text(&review))
}

#[test]
fn without_a_meeting_each_report_says_so_in_a_whole_sentence() {
    let (s, _) = small_branch(4);
    let (life, review) = docs(&s);
    assert_eq!(
        life[0],
        "中共测试协会支部委员会关于召开2026年度组织生活会情况的报告"
    );
    assert!(
        life.contains(&"2026年，本支部尚未召开组织生活会。".to_string()),
        "{life:?}"
    );
    assert!(
        review.contains(&"2026年，本支部尚未开展民主评议党员。".to_string()),
        "{review:?}"
    );
    for t in life.iter().chain(&review) {
        assert!(!t.contains("0名") && !t.contains("，。"), "{t}");
    }
    let parts = s.package_parts(2026, d(TODAY)).expect("parts");
    let review_part = parts
        .iter()
        .find(|p| p.label.starts_with("民主评议"))
        .expect("the review's part");
    assert_eq!(review_part.warning, "2026年还没有开展民主评议党员");
}

#[test]
fn a_life_meeting_with_grades_is_told_from_its_record() {
    let (mut s, ids) = small_branch(4);
    let mut m = meeting(&s, MeetingKind::LifeMeeting, "2026-11-20");
    m.also_kind = Some(MeetingKind::MemberReview);
    m.host = "王一".into();
    m.topics = "对照党章党规找差距".into();
    m.content = "书记代表支委会作对照检查。\n党员逐一发言，开展批评和自我批评。".into();
    m.resolutions = "针对学习不够经常的问题，每月集中学习一次。".into();
    for a in &mut m.attendance {
        if a.member_id == Some(ids[3]) {
            a.status = AttendanceStatus::Excused;
            a.reason = "住院".into();
        }
    }
    m.grades = [
        (ids[0], ReviewGrade::Excellent),
        (ids[1], ReviewGrade::Qualified),
        (ids[2], ReviewGrade::Qualified),
        (ids[3], ReviewGrade::Unqualified),
    ]
    .iter()
    .map(|(id, grade)| GradeEntry {
        member_id: *id,
        name: String::new(),
        grade: *grade,
    })
    .collect();
    m.followups = vec![Followup {
        member_id: ids[3],
        name: String::new(),
        action: FollowupAction::Correct,
        due: Some("2027-02-28".into()),
        done_on: None,
        note: String::new(),
    }];
    s.add_meeting(&m, d(TODAY)).expect("meeting");
    let (life, review) = docs(&s);
    assert!(
        life.contains(&"2026年11月20日，本支部召开2026年度组织生活会，会议由王一主持。应到党员4名，实到3名，请假1名（赵四：住院）。会议主题：对照党章党规找差距。".to_string()),
        "{life:?}"
    );
    for line in [
        "书记代表支委会作对照检查。",
        "党员逐一发言，开展批评和自我批评。",
        "针对学习不够经常的问题，每月集中学习一次。",
        "会上开展了民主评议党员，评为优秀1名、合格2名、不合格1名。具体情况另行报告。",
    ] {
        assert!(life.contains(&line.to_string()), "{line} in {life:?}");
    }
    assert!(
        review
            .iter()
            .any(|t| t.contains("参加评议的党员4名，评为优秀1名、合格2名、不合格1名。")),
        "{review:?}"
    );
    assert!(
        review.contains(&"对赵四，支部决定限期改正（2027年2月28日）。".to_string()),
        "{review:?}"
    );
    let rows: Vec<&String> = review
        .iter()
        .filter(|t| t.matches('|').count() == 3)
        .collect();
    assert_eq!(rows.len(), 4, "{review:?}");
    assert!(rows.iter().any(|r| r.ends_with("|王一|优秀|")), "{rows:?}");
    assert!(
        rows.iter().any(|r| r.ends_with("|赵四|不合格|限期改正")),
        "{rows:?}"
    );
    let parts = s.package_parts(2026, d(TODAY)).expect("parts");
    assert!(
        parts
            .iter()
            .all(|p| !p.warning.contains("组织生活会") && !p.warning.contains("民主评议")),
        "{parts:?}"
    );
}
