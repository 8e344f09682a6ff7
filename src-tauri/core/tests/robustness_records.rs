//! The odd-input sweep (see `robustness.rs` and `common::sweep`) over the forms of the year's
//! records: the dues standard's reason, a development step's details, a talk's note, the
//! report's paragraphs, lists and review.
mod common;

use common::sweep::{add_member, day, Field, Sweep};
use common::{id_for, today};
use zhibu_core::member::Category;

#[test]
fn dues_development_talk_and_report_forms() {
    use zhibu_core::development::StepInput;
    use zhibu_core::drafts::DraftKind;
    use zhibu_core::dues::{DuesBasisInput, DuesCategory};
    use zhibu_core::report::{ListItemInput, ListKind, ParagraphEdit};
    use zhibu_core::report::{ReportReviewInput, ReviewPointInput};
    use zhibu_core::talk::TalkInput;
    let mut w = Sweep::new();
    let a = add_member(&mut w.store, 1, |_| {}).expect("member");
    let b = add_member(&mut w.store, 3, |i| i.name = "李红".into()).expect("member");
    w.field(
        "党费基数",
        Field::required("override_reason", 200),
        |s, v, _| {
            let input = DuesBasisInput {
                category: Some(DuesCategory::InService),
                income: "4800".into(),
                override_amount: "100".into(),
                override_reason: v.to_string(),
            };
            s.set_dues_basis(a, 2026, &input).map(|_| a)
        },
        |s, id| {
            let year = s.dues_year(2026, today()).expect("dues");
            let row = year.rows.iter().find(|r| r.member_id == id).expect("row");
            row.basis
                .as_ref()
                .map(|b| b.override_reason.clone())
                .unwrap_or_default()
        },
    );
    let applicant = std::cell::Cell::new(0);
    let mut seq = 100;
    w.field_prepared(
        "发展党员",
        Field::text("detail", 200),
        |s| {
            seq += 1;
            let id = add_member(s, seq, |i| {
                i.category = Some(Category::Applicant);
                i.joined = None;
                i.name = "罗文".into();
                i.id_number = id_for("1999-03-17", seq);
            });
            applicant.set(id.expect("applicant"));
        },
        |s, v, _| {
            let id = applicant.get();
            let input = StepInput {
                step: 1,
                date: "2026-03-01".into(),
                detail: v.to_string(),
            };
            s.record_step(id, &input, today()).map(|_| id)
        },
        |s, id| {
            let all = s.development(today()).expect("development");
            let e = all.iter().find(|e| e.member_id == id).expect("entry");
            e.steps[0].detail.clone()
        },
    );
    w.field(
        "谈心谈话",
        Field::text("note", 500),
        |s, v, n| {
            let input = TalkInput {
                date: day(n + 2000),
                a: Some(a),
                b: Some(b),
                note: v.to_string(),
            };
            s.add_talk(&input, today()).map(|t| t.id)
        },
        |s, id| {
            let all: Vec<_> = (2024..=2026)
                .flat_map(|y| s.talks(y).expect("talks"))
                .collect();
            all.into_iter().find(|t| t.id == id).expect("talk").note
        },
    );
    for (field, owner) in [
        (Field::required("content", 300), false),
        (Field::text("owner", 30), true),
    ] {
        w.field(
            "整改清单",
            field,
            |s, v, _| {
                let input = ListItemInput {
                    content: if owner {
                        "制度建设".into()
                    } else {
                        v.to_string()
                    },
                    owner: if owner { v.to_string() } else { String::new() },
                    due: None,
                    done: false,
                };
                s.save_list_item(2026, ListKind::Rectification, None, &input)
                    .map(|i| i.id)
            },
            move |s, id| {
                let items = s.list_items(2026, ListKind::Rectification).expect("list");
                let item = items.iter().find(|i| i.id == id).expect("item");
                if owner {
                    item.owner.clone()
                } else {
                    item.content.clone()
                }
            },
        );
    }
    let now = today().and_hms_opt(9, 0, 0).expect("time");
    let key = w
        .store
        .report(2026, today(), now)
        .expect("report")
        .paragraphs[1]
        .key
        .clone();
    w.field(
        "述职报告",
        Field::text("paragraphs", 5_000),
        |s, v, _| {
            let edit = ParagraphEdit {
                key: key.clone(),
                text: v.to_string(),
            };
            s.save_report(2026, &[edit], "书记", today(), now)
                .map(|_| 0)
        },
        |s, _| {
            let r = s.printed_report(2026, today()).expect("report");
            r.paragraphs
                .iter()
                .find(|p| p.key == key)
                .map(|p| p.text.clone())
                .unwrap_or_default()
        },
    );
    w.field(
        "上级点评",
        // A blank point is no point (an empty row of the list is dropped).
        Field::text("points.0", 300),
        |s, v, _| {
            let input = ReportReviewInput {
                rating: None,
                reviewed_on: None,
                points: vec![ReviewPointInput {
                    id: None,
                    content: v.to_string(),
                }],
            };
            s.save_review(2025, &input, today()).map(|_| 0)
        },
        |s, _| {
            let review = s.review(2025).expect("review");
            review
                .points
                .first()
                .map(|p| p.content.clone())
                .unwrap_or_default()
        },
    );
    let drafted = w
        .store
        .draft_paragraphs(DraftKind::LifeMeeting, 2026, today())
        .expect("draft");
    let key = drafted[0].key.clone();
    w.field(
        "组织生活会情况报告",
        Field::text("text", 2_000),
        |s, v, _| {
            s.save_draft_paragraph(DraftKind::LifeMeeting, 2026, &key, v, today())
                .map(|_| 0)
        },
        // Emptied, a paragraph returns to its draft: what was typed is then nothing.
        |s, _| {
            let p = s
                .draft_paragraphs(DraftKind::LifeMeeting, 2026, today())
                .expect("draft");
            let p = p.iter().find(|p| p.key == key).expect("paragraph");
            if p.edited {
                p.text.clone()
            } else {
                String::new()
            }
        },
    );
}
