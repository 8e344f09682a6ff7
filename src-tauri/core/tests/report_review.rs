//! 述职评议: the superior's rating and points of one year's report become the next year's
//! rectification list and are answered under 上年度述职评议指出问题整改情况; the 述职评议表
//! prints them.
mod common;

use chrono::{NaiveDate, NaiveDateTime};
use common::{full_member, store};
use zhibu_core::branch::{BranchInput, CommitteeSeat};
use zhibu_core::print::PrintRequest;
use zhibu_core::report::{ListKind, ReportReviewInput, ReviewPointInput};
use zhibu_core::Store;
use zhibu_typeset::Block;

fn d(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

const TODAY: &str = "2026-02-10";

fn now() -> NaiveDateTime {
    d(TODAY).and_hms_opt(9, 0, 0).expect("time")
}

fn branch() -> Store {
    let mut s = store();
    let m = full_member("王一", "1975-01-01", 101, "2000-07-01");
    let id = s.add_member(&m, d(TODAY)).expect("member").id;
    s.save_branch(
        &BranchInput {
            name: "中共测试协会支部委员会".into(),
            superior: "中共某区社会组织综合委员会".into(),
            committee: vec![CommitteeSeat {
                member_id: id,
                name: String::new(),
                role: "书记".into(),
            }],
            ..Default::default()
        },
        d(TODAY),
    )
    .expect("branch");
    s
}

fn point(id: Option<i64>, content: &str) -> ReviewPointInput {
    ReviewPointInput {
        id,
        content: content.into(),
    }
}

fn text_of(r: &zhibu_core::report::Report) -> String {
    r.rendered.join("\n")
}

#[test]
fn the_superiors_points_become_next_years_rectification_and_are_answered_in_its_report() {
    let mut s = branch();
    let review = s
        .save_review(
            2025,
            &ReportReviewInput {
                rating: Some("较好".into()),
                reviewed_on: Some("2026.1.20".into()),
                points: vec![
                    point(None, "组织生活会查摆问题不够深入"),
                    point(None, "  "),
                    point(None, "发展党员工作力度不够"),
                ],
            },
            d(TODAY),
        )
        .expect("saved");
    assert_eq!(review.rating.as_deref(), Some("较好"));
    assert_eq!(review.reviewed_on, Some(d("2026-01-20")));
    assert_eq!(review.points.len(), 2, "an empty line is no point");

    let items = s.list_items(2026, ListKind::Rectification).expect("items");
    let contents: Vec<&str> = items.iter().map(|i| i.content.as_str()).collect();
    assert_eq!(
        contents,
        ["组织生活会查摆问题不够深入", "发展党员工作力度不够"]
    );
    assert!(items.iter().all(|i| i.owner == "王一"));
    assert!(items.iter().all(|i| i.due == Some(d("2026-06-30"))));

    let r = s.report(2026, d(TODAY), now()).expect("report");
    let text = text_of(&r);
    let s5 = text
        .find("上年度述职评议指出问题整改情况")
        .expect("s5 heading");
    let s2 = text.find("存在的问题及原因").expect("s2 heading");
    let review_line = "上级党组织对本人上年度抓基层党建工作述职进行了评议，评定等次为“较好”，指出问题2条并已全部列入本年度整改清单。";
    let at = text.find(review_line).unwrap_or_else(|| panic!("{text}"));
    let first = text
        .find("1. 组织生活会查摆问题不够深入（正在整改）")
        .expect("point 1");
    let second = text
        .find("2. 发展党员工作力度不够（正在整改）")
        .expect("point 2");
    assert!(
        s5 < at && at < first && first < second && second < s2,
        "{text}"
    );

    // A changed point changes its item; a removed one takes its item along.
    let ids: Vec<i64> = review.points.iter().map(|p| p.id).collect();
    s.save_review(
        2025,
        &ReportReviewInput {
            rating: Some("较好".into()),
            reviewed_on: None,
            points: vec![point(Some(ids[0]), "组织生活会会前征求意见不够广泛")],
        },
        d(TODAY),
    )
    .expect("changed");
    let items = s.list_items(2026, ListKind::Rectification).expect("items");
    let contents: Vec<&str> = items.iter().map(|i| i.content.as_str()).collect();
    assert_eq!(contents, ["组织生活会会前征求意见不够广泛"]);
    let r = s
        .refresh_report(2026, "", d(TODAY), now())
        .expect("refreshed");
    let text = text_of(&r);
    assert!(text.contains("指出问题1条"), "{text}");
    assert!(!text.contains("发展党员工作力度不够"), "{text}");
}

#[test]
fn a_rating_without_points_reads_whole_and_a_wrong_one_changes_nothing() {
    let mut s = branch();
    s.save_review(
        2025,
        &ReportReviewInput {
            rating: Some("好".into()),
            ..Default::default()
        },
        d(TODAY),
    )
    .expect("saved");
    let r = s.report(2026, d(TODAY), now()).expect("report");
    let text = text_of(&r);
    assert!(
        text.contains("上级党组织对本人上年度抓基层党建工作述职进行了评议，评定等次为“好”。"),
        "{text}"
    );
    assert!(
        !text.contains("列入本年度整改清单"),
        "no points, no list: {text}"
    );

    for (rating, date, field) in [
        ("特好", None, "rating"),
        ("好", Some("2026.2.30"), "reviewed_on"),
        ("好", Some("2027-01-01"), "reviewed_on"),
    ] {
        let e = s
            .save_review(
                2025,
                &ReportReviewInput {
                    rating: Some(rating.into()),
                    reviewed_on: date.map(Into::into),
                    points: vec![point(None, "不应保存")],
                },
                d(TODAY),
            )
            .expect_err("refused");
        assert!(e.fields.iter().any(|f| f.field == field), "{e:?}");
        assert!(e
            .message
            .chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)));
    }
    let review = s.review(2025).expect("review");
    assert_eq!(review.rating.as_deref(), Some("好"));
    assert!(review.points.is_empty());
    assert!(s
        .list_items(2026, ListKind::Rectification)
        .expect("items")
        .is_empty());
}

#[test]
fn the_review_form_prints_every_part_and_ticks_the_recorded_rating() {
    let mut s = branch();
    // Blank before any review: every rating box empty, lines to write the points on.
    let (blank, title) = s
        .print_document(&PrintRequest::Review { year: 2025 }, d(TODAY))
        .expect("blank form");
    assert_eq!(title, "2025年度述职评议表");
    let rows = |doc: &zhibu_typeset::Document| -> Vec<Vec<String>> {
        doc.blocks
            .iter()
            .find_map(|b| match b {
                Block::Table(t) => Some(t.rows.clone()),
                _ => None,
            })
            .expect("table")
    };
    let blank_rows = rows(&blank);
    assert_eq!(blank_rows.len(), 9, "eight parts and the overall rating");
    assert!(blank_rows.iter().flatten().all(|c| c != "√"));

    s.save_review(
        2025,
        &ReportReviewInput {
            rating: Some("一般".into()),
            reviewed_on: Some("2026-01-20".into()),
            points: vec![point(None, "党建引领业务发展不够")],
        },
        d(TODAY),
    )
    .expect("saved");
    let (filled, _) = s
        .print_document(&PrintRequest::Review { year: 2025 }, d(TODAY))
        .expect("form");
    let overall = rows(&filled).pop().expect("overall row");
    assert_eq!(overall[1], "总体评价");
    assert_eq!(overall[2..], ["□", "□", "√", "□"]);
    assert!(filled
        .blocks
        .contains(&Block::Paragraph("1. 党建引领业务发展不够".into())));
    assert!(filled.blocks.iter().any(
        |b| matches!(b, Block::Line { text, .. } if text.contains("王一") && text.contains("2026年1月20日"))
    ));
}

#[test]
fn a_version_9_file_is_upgraded_to_reviews_with_its_lists_whole() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("v9.db");
    let conn = common::old_file(&path, 9);
    conn.execute_batch(
        "INSERT INTO report_item (year, list, content, owner, due) VALUES (2026, 'rectification', '旧的整改事项', '王一', '2026-06-30');
         PRAGMA user_version = 9;",
    )
    .expect("v9 data");
    drop(conn);
    let mut s = Store::open(&path).expect("upgraded");
    let items = s.list_items(2026, ListKind::Rectification).expect("items");
    assert_eq!(items.len(), 1);
    assert!(s.review(2025).expect("review").is_empty());
    s.save_review(
        2025,
        &ReportReviewInput {
            points: vec![point(None, "新的点评意见")],
            ..Default::default()
        },
        d(TODAY),
    )
    .expect("saved");
    assert_eq!(
        s.list_items(2026, ListKind::Rectification)
            .expect("items")
            .len(),
        2
    );
}

#[test]
fn each_measure_carries_its_own_owner_and_deadline_into_next_years_list() {
    use zhibu_core::report::ParagraphEdit;
    let mut s = branch();
    let today = d("2025-12-20");
    let last = s.report(2025, today, now()).expect("2025 report");
    let plans: Vec<_> = last
        .paragraphs
        .iter()
        .filter(|p| p.key.starts_with("plan.") && p.key != "plan.general")
        .collect();
    assert!(!plans.is_empty(), "a branch without meetings has problems");
    // The secretary gives the first measure to another comrade, with another deadline.
    let first = plans[0];
    let edited = format!(
        "{}责任人：李四同志；完成时限：2026年4月30日前。",
        first.text.split("责任人：").next().unwrap_or_default()
    );
    s.save_report(
        2025,
        &[ParagraphEdit {
            key: first.key.clone(),
            text: edited,
        }],
        "",
        today,
        now(),
    )
    .expect("saved");
    s.report(2026, d(TODAY), now()).expect("2026 report");
    let items = s.list_items(2026, ListKind::Rectification).expect("items");
    assert_eq!(items.len(), plans.len());
    assert_eq!(items[0].owner, "李四");
    assert_eq!(items[0].due, Some(d("2026-04-30")));
    // The others keep what the draft gave them: the secretary, by a date of their own kind.
    assert!(items[1..]
        .iter()
        .all(|i| i.owner == "王一" && i.due.is_some()));
}
