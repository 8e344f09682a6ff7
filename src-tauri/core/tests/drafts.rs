//! Rewording the drafted 组织生活会 and 民主评议 reports: an edit replaces the drafted
//! paragraph in the printout and survives a re-draft; saving the drafted wording or nothing
//! takes it back; a paragraph no longer drafted, or a text too long, is refused in Chinese.
mod common;

use common::small::{d, meeting, small_branch, TODAY};
use zhibu_core::drafts::DraftKind;
use zhibu_core::meeting::MeetingKind;
use zhibu_core::print::PrintRequest;
use zhibu_core::ErrorKind;
use zhibu_typeset::Block;

fn printed(s: &zhibu_core::Store) -> Vec<String> {
    s.print_document(&PrintRequest::LifeMeetingReport { year: 2026 }, d(TODAY))
        .expect("document")
        .0
        .blocks
        .into_iter()
        .filter_map(|b| match b {
            Block::Paragraph(t) => Some(t),
            _ => None,
        })
        .collect()
}

#[test]
fn an_edit_replaces_the_drafted_paragraph_until_it_is_taken_back() {
    let (mut s, _) = small_branch(4);
    let mut m = meeting(&s, MeetingKind::LifeMeeting, "2026-11-20");
    m.content = "书记代表支委会作对照检查。".into();
    s.add_meeting(&m, d(TODAY)).expect("meeting");
    let paras = s
        .draft_paragraphs(DraftKind::LifeMeeting, 2026, d(TODAY))
        .expect("paragraphs");
    assert!(paras.len() >= 2, "{paras:?}");
    assert!(paras.iter().all(|p| !p.edited && p.text == p.drafted));
    let content = paras
        .iter()
        .find(|p| p.drafted == "书记代表支委会作对照检查。")
        .expect("the content's paragraph")
        .clone();
    let mine = "书记代表支委会作对照检查，逐条查摆了四个方面的问题。";
    let after = s
        .save_draft_paragraph(DraftKind::LifeMeeting, 2026, &content.key, mine, d(TODAY))
        .expect("saved");
    let p = after
        .iter()
        .find(|p| p.key == content.key)
        .expect("still there");
    assert!(p.edited);
    assert_eq!(p.text, mine);
    assert!(printed(&s).contains(&mine.to_string()), "{:?}", printed(&s));
    assert!(!printed(&s).contains(&content.drafted));
    // Another year's report is not touched.
    assert!(s
        .draft_paragraphs(DraftKind::LifeMeeting, 2025, d(TODAY))
        .expect("2025")
        .iter()
        .all(|p| !p.edited));
    // Saving the drafted wording takes the edit back; so does saving nothing.
    s.save_draft_paragraph(
        DraftKind::LifeMeeting,
        2026,
        &content.key,
        &content.drafted,
        d(TODAY),
    )
    .expect("back");
    assert!(printed(&s).contains(&content.drafted));
    s.save_draft_paragraph(DraftKind::LifeMeeting, 2026, &content.key, mine, d(TODAY))
        .expect("again");
    let back = s
        .save_draft_paragraph(DraftKind::LifeMeeting, 2026, &content.key, "  ", d(TODAY))
        .expect("cleared");
    assert!(back.iter().all(|p| !p.edited));
}

#[test]
fn a_paragraph_no_longer_drafted_or_too_long_is_refused() {
    let (mut s, _) = small_branch(3);
    let e = s
        .save_draft_paragraph(
            DraftKind::MemberReview,
            2026,
            "review-999-open",
            "随便写的",
            d(TODAY),
        )
        .expect_err("no such paragraph");
    assert_eq!(e.kind, ErrorKind::Conflict);
    assert!(e.message.contains("已不在草稿中"), "{}", e.message);
    let key = s
        .draft_paragraphs(DraftKind::MemberReview, 2026, d(TODAY))
        .expect("paragraphs")[0]
        .key
        .clone();
    let e = s
        .save_draft_paragraph(
            DraftKind::MemberReview,
            2026,
            &key,
            &"字".repeat(2001),
            d(TODAY),
        )
        .expect_err("too long");
    assert!(e.message.contains("不能超过2000个字"), "{}", e.message);
    assert!(s
        .draft_paragraphs(DraftKind::MemberReview, 2026, d(TODAY))
        .expect("paragraphs")
        .iter()
        .all(|p| !p.edited));
}
