//! The 六有 venues: standards, custom items, dated checks, history, and the printout.
mod common;

use chrono::NaiveDate;
use common::{store, today};
use zhibu_core::venue::{CheckInput, CheckItemInput, ItemStatus, VenueInput, VenueStandard};

fn all(venue: &zhibu_core::venue::Venue, status: ItemStatus) -> Vec<CheckItemInput> {
    venue
        .items
        .iter()
        .map(|i| CheckItemInput {
            item_id: i.id,
            status: Some(status),
            explanation: String::new(),
            remark: String::new(),
        })
        .collect()
}

#[test]
fn a_venue_starts_with_the_items_of_its_standard() {
    let mut s = store();
    let v = s
        .add_venue(&VenueInput {
            name: "党员活动室".into(),
            address: "二楼".into(),
            standard: None,
        })
        .expect("venue");
    let titles: Vec<&str> = v.items.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(
        titles,
        ["有场所", "有设施", "有标志", "有党旗", "有书报", "有制度"]
    );
    let p = s
        .add_venue(&VenueInput {
            name: "综合活动室".into(),
            standard: Some(VenueStandard::Plaque),
            ..Default::default()
        })
        .expect("venue");
    assert_eq!(p.items[0].title, "有牌匾");
    let w = s
        .add_venue(&VenueInput {
            name: "阵地".into(),
            standard: Some(VenueStandard::Work),
            ..Default::default()
        })
        .expect("venue");
    assert_eq!(w.items[0].title, "有人管");
    assert_eq!(s.venues().expect("list").len(), 3);
    let e = s.add_venue(&VenueInput::default()).expect_err("no name");
    assert_eq!(e.fields[0].field, "name");
}

#[test]
fn checks_are_dated_kept_as_history_and_need_every_item() {
    let mut s = store();
    let v = s
        .add_venue(&VenueInput {
            name: "党员活动室".into(),
            ..Default::default()
        })
        .expect("venue");
    let v = s
        .add_venue_item(v.id, "有党建角", "设置党建宣传角")
        .expect("custom item");
    assert_eq!(v.items.len(), 7);
    assert!(v.items[6].custom);

    let mut items = all(&v, ItemStatus::Yes);
    items[3].status = Some(ItemStatus::Partial);
    items[3].explanation = "党旗尺寸不合规定".into();
    items.pop();
    let input = CheckInput {
        date: "2025-11-20".into(),
        checked_by: "王建国".into(),
        note: String::new(),
        items: items.clone(),
    };
    let e = s
        .record_venue_check(v.id, &input, today())
        .expect_err("an item left out");
    assert!(e.fields[0].message.contains("有党建角"), "{}", e.message);
    assert!(
        s.venue(v.id).expect("v").checks.is_empty(),
        "nothing half-saved"
    );

    items.push(CheckItemInput {
        item_id: v.items[6].id,
        status: Some(ItemStatus::No),
        explanation: String::new(),
        remark: String::new(),
    });
    let first = s
        .record_venue_check(
            v.id,
            &CheckInput {
                items: items.clone(),
                ..input.clone()
            },
            today(),
        )
        .expect("checked");
    assert_eq!(first.checks[0].met, 5);
    assert_eq!(first.checks[0].items[3].explanation, "党旗尺寸不合规定");

    let later = CheckInput {
        date: "2026-11-20".into(),
        checked_by: "王建国".into(),
        note: "整改完成".into(),
        items: all(&first, ItemStatus::Yes),
    };
    let v2 = s.record_venue_check(v.id, &later, today()).expect("again");
    assert_eq!(v2.checks.len(), 2, "history kept");
    assert_eq!(
        v2.checks[0].date,
        NaiveDate::from_ymd_opt(2026, 11, 20).expect("d"),
        "newest first"
    );
    assert_eq!(v2.checks[0].met, 7);

    // A custom item taken off the list stays in the history of older checks.
    s.retire_venue_item(v.items[6].id).expect("retired");
    let v3 = s.venue(v.id).expect("v");
    assert_eq!(v3.items.len(), 6);
    assert_eq!(v3.checks[1].items.len(), 7);

    let future = CheckInput {
        date: "2027-01-01".into(),
        ..later
    };
    assert!(s.record_venue_check(v.id, &future, today()).is_err());
}

#[test]
fn the_printed_venue_form_is_blank_until_checked() {
    use zhibu_typeset::Block;
    let mut s = store();
    let table_text = |d: &zhibu_typeset::Document| -> String {
        d.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Table(t) => Some(
                    t.rows
                        .iter()
                        .map(|r| r.join("|"))
                        .collect::<Vec<_>>()
                        .join("\n"),
                ),
                _ => None,
            })
            .collect()
    };
    // No venue at all: the blank form of the default standard.
    let blank = s.venue_document(None).expect("blank");
    let t = table_text(&blank);
    assert!(t.contains("有场所") && t.contains("有□ 部分□ 无□"), "{t}");
    let v = s
        .add_venue(&VenueInput {
            name: "党员活动室".into(),
            standard: Some(VenueStandard::Plaque),
            ..Default::default()
        })
        .expect("v");
    assert!(table_text(&s.venue_document(Some(v.id)).expect("doc")).contains("有牌匾"));
    let input = CheckInput {
        date: "2026-11-20".into(),
        checked_by: "王建国".into(),
        note: String::new(),
        items: all(&v, ItemStatus::Yes),
    };
    s.record_venue_check(v.id, &input, today())
        .expect("checked");
    let filled = table_text(&s.venue_document(Some(v.id)).expect("doc"));
    assert!(
        filled.contains("有牌匾|悬挂") && filled.contains("|有|"),
        "{filled}"
    );
    assert!(!filled.contains("□"));
}
