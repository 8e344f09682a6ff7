//! Behaviour of the roster: what a secretary sees when adding, editing and moving people.
mod common;

use common::{full_member, id_for, store, today};
use zhibu_core::member::{
    Category, MemberInput, MemberStatus, MembershipReason, Sex, TransferInput,
};
use zhibu_core::roster::{RosterOrder, RosterQuery, StatusFilter};
use zhibu_core::ErrorKind;

fn field_messages(e: &zhibu_core::Error) -> Vec<(String, String)> {
    e.fields
        .iter()
        .map(|f| (f.field.clone(), f.message.clone()))
        .collect()
}

#[test]
fn adding_a_member_derives_sex_birth_and_full_date() {
    // A real file, so what was stored can be read by a connection of its own.
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("zhibu.db");
    let mut s = zhibu_core::Store::open(&db).expect("store");
    let mut input = full_member("张三", "1985-03-01", 11, "2010-07-01");
    input.phone = "13800138000".into();
    input.address = "北京市东城区某街1号".into();
    input.education = "本科".into();
    let m = s.add_member(&input, today()).expect("added");
    assert_eq!(m.sex, Sex::Male);
    assert_eq!(m.birth_date.to_string(), "1985-03-01");
    assert_eq!(
        m.full_date.map(|d| d.to_string()).as_deref(),
        Some("2011-07-01")
    );
    assert_eq!(
        m.since.to_string(),
        "2010-07-01",
        "since defaults to the join date"
    );
    assert_eq!(m.status, MemberStatus::Active);
    // What is in the file, read with plain SQL beside the program: the facts as typed and as
    // derived, not a second read through the same code.
    drop(s);
    let raw = rusqlite::Connection::open(&db).expect("raw");
    let row: [String; 9] = raw
        .query_row(
            "SELECT name, id_number, sex, birth_date, category, joined, phone, address, education \
             FROM member",
            [],
            |r| {
                Ok([
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                    r.get(8)?,
                ])
            },
        )
        .expect("one row");
    assert_eq!(
        row,
        [
            "张三",
            input.id_number.as_str(),
            "male",
            "1985-03-01",
            "full",
            "2010-07-01",
            "13800138000",
            "北京市东城区某街1号",
            "本科"
        ]
    );
}

#[test]
fn bad_input_is_refused_field_by_field_and_nothing_is_saved() {
    let mut s = store();
    let mut input = full_member("张3", "1985-03-01", 11, "2030-01-01");
    input.id_number.replace_range(
        17..18,
        if input.id_number.ends_with('1') {
            "2"
        } else {
            "1"
        },
    );
    input.phone = "12345".into();
    input.sex = Some(Sex::Female);
    let e = s.add_member(&input, today()).expect_err("refused");
    assert_eq!(e.kind, ErrorKind::Invalid);
    let fields: Vec<String> = e.fields.iter().map(|f| f.field.clone()).collect();
    assert_eq!(
        fields,
        ["name", "id_number", "joined", "phone"],
        "{:?}",
        field_messages(&e)
    );
    assert!(e.fields[1].message.contains("校验位"));
    assert!(e.fields[2].message.contains("不能晚于今天"));
    assert!(
        s.all_members().expect("list").is_empty(),
        "nothing half-saved"
    );
}

#[test]
fn typed_sex_and_birth_date_must_agree_with_the_id() {
    let mut s = store();
    let mut input = full_member("李四", "1985-03-01", 12, "2010-07-01");
    input.sex = Some(Sex::Male);
    input.birth_date = Some("1985-03-02".into());
    let e = s.add_member(&input, today()).expect_err("refused");
    let msgs = field_messages(&e);
    assert!(
        msgs.iter()
            .any(|(f, m)| f == "sex" && m.contains("号码显示为女")),
        "{msgs:?}"
    );
    assert!(
        msgs.iter()
            .any(|(f, m)| f == "birth_date" && m.contains("1985年3月1日")),
        "{msgs:?}"
    );
    input.sex = Some(Sex::Female);
    input.birth_date = Some("1985-03-01".into());
    assert_eq!(
        s.add_member(&input, today()).expect("agrees").sex,
        Sex::Female
    );
}

#[test]
fn dates_must_be_in_order() {
    let mut s = store();
    let e = s
        .add_member(
            &full_member("王五", "1990-05-01", 13, "1989-01-01"),
            today(),
        )
        .expect_err("refused");
    assert_eq!(
        field_messages(&e),
        [("joined".into(), "入党日期应晚于出生日期".into())]
    );
    let e = s
        .add_member(
            &full_member("王五", "1990-05-01", 13, "2005-01-01"),
            today(),
        )
        .expect_err("refused");
    assert!(e.fields[0].message.contains("年满18岁"));
    let mut input = full_member("王五", "1990-05-01", 13, "2015-01-01");
    input.full_date = Some("2015-06-01".into());
    let e = s.add_member(&input, today()).expect_err("refused");
    assert!(
        e.fields[0].message.contains("2016年1月1日"),
        "{:?}",
        field_messages(&e)
    );
}

#[test]
fn full_date_is_one_year_after_joining_unless_probation_was_extended() {
    let mut s = store();
    let mut input = full_member("赵六", "1990-05-01", 15, "2015-01-01");
    input.full_date = Some("2016-01-01".into());
    assert_eq!(
        s.add_member(&input, today())
            .expect("one year")
            .probation_extension_months,
        0
    );

    let mut input = full_member("钱七", "1990-05-01", 17, "2015-01-01");
    input.full_date = Some("2016-09-01".into());
    let m = s.add_member(&input, today()).expect("extended 8 months");
    assert_eq!(m.probation_extension_months, 8);
    assert_eq!(
        m.full_date.map(|d| d.to_string()).as_deref(),
        Some("2016-09-01")
    );

    // An extension of 3 months does not exist in the rules.
    let mut input = full_member("孙八", "1990-05-01", 19, "2015-01-01");
    input.full_date = Some("2016-04-01".into());
    assert!(s.add_member(&input, today()).is_err());
}

#[test]
fn a_full_member_must_have_finished_probation() {
    let mut s = store();
    let e = s
        .add_member(
            &full_member("周九", "1990-05-01", 21, "2026-06-01"),
            today(),
        )
        .expect_err("refused");
    assert_eq!(e.fields[0].field, "category");
    assert!(e.fields[0].message.contains("2027年6月1日"));
    let mut probationary = full_member("周九", "1990-05-01", 21, "2026-06-01");
    probationary.category = Some(Category::Probationary);
    let m = s.add_member(&probationary, today()).expect("probationary");
    assert_eq!(m.full_date, None);
}

#[test]
fn development_people_have_no_join_date_and_members_need_one() {
    let mut s = store();
    let activist = MemberInput {
        name: "吴十".into(),
        id_number: id_for("1999-01-01", 23),
        category: Some(Category::Activist),
        joined: Some("2020-01-01".into()),
        ..Default::default()
    };
    let e = s.add_member(&activist, today()).expect_err("refused");
    assert!(e.fields[0].message.contains("还未入党"));
    let mut member = full_member("吴十", "1999-01-01", 23, "");
    member.joined = None;
    let e = s.add_member(&member, today()).expect_err("refused");
    assert_eq!(
        field_messages(&e),
        [("joined".into(), "正式党员须填写入党日期".into())]
    );
    let e = s
        .add_member(&MemberInput::default(), today())
        .expect_err("refused");
    let fields: Vec<&str> = e.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["name", "id_number", "category"]);
}

#[test]
fn the_same_id_number_cannot_be_registered_twice() {
    let mut s = store();
    s.add_member(
        &full_member("郑一", "1980-01-01", 25, "2005-01-01"),
        today(),
    )
    .expect("first");
    let e = s
        .add_member(
            &full_member("郑二", "1980-01-01", 25, "2005-01-01"),
            today(),
        )
        .expect_err("dup");
    assert_eq!(e.fields[0].message, "该公民身份号码已登记在“郑一”名下");
    assert_eq!(s.all_members().expect("list").len(), 1);
}

#[test]
fn editing_keeps_the_person_and_refuses_bad_input_without_change() {
    let mut s = store();
    let m = s
        .add_member(
            &full_member("冯一", "1980-01-01", 27, "2005-01-01"),
            today(),
        )
        .expect("added");
    let mut input = full_member("冯一一", "1980-01-01", 27, "2005-01-01");
    input.phone = "138 0013 8000".into();
    let edited = s.update_member(m.id, &input, today()).expect("edited");
    assert_eq!(edited.name, "冯一一");
    assert_eq!(edited.since, m.since);
    input.name = String::new();
    assert!(s.update_member(m.id, &input, today()).is_err());
    assert_eq!(s.member(m.id).expect("still there").name, "冯一一");
}

#[test]
fn a_member_who_leaves_is_kept_and_can_come_back() {
    let mut s = store();
    let m = s
        .add_member(
            &full_member("陈一", "1980-01-01", 29, "2005-01-01"),
            today(),
        )
        .expect("added");
    let out = TransferInput {
        date: "2025-03-01".into(),
        reason: Some(MembershipReason::Transfer),
        org: "中共某区委".into(),
        letter_no: String::new(),
    };
    let left = s.transfer_out(m.id, &out, today()).expect("left");
    assert_eq!(left.status, MemberStatus::Left);
    assert_eq!(
        left.left_date.map(|d| d.to_string()).as_deref(),
        Some("2025-03-01")
    );
    let q = RosterQuery::default();
    assert!(
        s.roster(&q).expect("active").is_empty(),
        "not on the active roster"
    );
    let all = RosterQuery {
        status: StatusFilter::Left,
        ..Default::default()
    };
    assert_eq!(s.roster(&all).expect("left").len(), 1, "but kept");
    assert_eq!(
        s.transfer_out(m.id, &out, today()).expect_err("twice").kind,
        ErrorKind::Conflict
    );

    let back = TransferInput {
        date: "2025-01-01".into(),
        reason: None,
        org: String::new(),
        letter_no: String::new(),
    };
    let e = s
        .transfer_in(m.id, &back, today())
        .expect_err("before leaving");
    assert!(e.fields[0].message.contains("2025年3月1日"));
    let back = TransferInput {
        date: "2026-02-01".into(),
        ..back
    };
    let m2 = s.transfer_in(m.id, &back, today()).expect("back");
    assert_eq!(m2.status, MemberStatus::Active);
    assert_eq!(m2.since.to_string(), "2026-02-01");
    assert_eq!(s.membership_events(m.id).expect("events").len(), 3);
}

#[test]
fn roster_filters_by_category_status_and_search_and_orders_by_strokes() {
    let mut s = store();
    for (i, name) in ["张伟", "王芳", "李娜", "丁一", "陈堃", "刘䶮", "王𠇔"]
        .iter()
        .enumerate()
    {
        s.add_member(
            &full_member(name, "1980-01-01", 31 + 2 * i as u32, "2005-01-01"),
            today(),
        )
        .expect(name);
    }
    let mut p = full_member("欧阳明", "1995-01-01", 51, "2026-01-01");
    p.category = Some(Category::Probationary);
    p.is_mobile = true;
    s.add_member(&p, today()).expect("probationary");

    let names = |q: RosterQuery| {
        s.roster(&q)
            .expect("roster")
            .into_iter()
            .map(|m| m.name)
            .collect::<Vec<_>>()
    };
    // 𠇔 has 6 strokes, 芳 7.
    assert_eq!(
        names(RosterQuery::default()),
        [
            "丁一",
            "王𠇔",
            "王芳",
            "刘䶮",
            "李娜",
            "张伟",
            "陈堃",
            "欧阳明"
        ]
    );
    assert_eq!(
        names(RosterQuery {
            text: "zw".into(),
            ..Default::default()
        }),
        ["张伟"]
    );
    assert_eq!(
        names(RosterQuery {
            text: "堃".into(),
            ..Default::default()
        }),
        ["陈堃"]
    );
    assert_eq!(
        names(RosterQuery {
            text: "𠇔".into(),
            ..Default::default()
        }),
        ["王𠇔"]
    );
    assert_eq!(
        names(RosterQuery {
            text: "oy".into(),
            ..Default::default()
        }),
        ["欧阳明"]
    );
    assert_eq!(
        names(RosterQuery {
            category: Some(Category::Probationary),
            ..Default::default()
        }),
        ["欧阳明"]
    );
    assert_eq!(
        names(RosterQuery {
            status: StatusFilter::Mobile,
            ..Default::default()
        }),
        ["欧阳明"]
    );
    let pinyin = names(RosterQuery {
        order: RosterOrder::Pinyin,
        ..Default::default()
    });
    assert_eq!(&pinyin[..3], ["陈堃", "丁一", "李娜"]);
}

#[test]
fn rare_character_names_are_stored_exactly() {
    let mut s = store();
    for (i, name) in ["陈堃", "吴喆", "胡䶮", "林𠇔"].iter().enumerate() {
        let m = s
            .add_member(
                &full_member(name, "1980-01-01", 61 + 2 * i as u32, "2005-01-01"),
                today(),
            )
            .expect(name);
        assert_eq!(s.member(m.id).expect("reread").name, *name);
    }
}

#[test]
fn names_refuse_digits_emoji_and_markup_but_accept_middle_dots() {
    let mut s = store();
    for bad in ["张😀", "<script>", "王1", "李'; DROP TABLE member;--"] {
        let e = s
            .add_member(&full_member(bad, "1980-01-01", 71, "2005-01-01"), today())
            .expect_err(bad);
        assert_eq!(e.fields[0].field, "name", "{bad}");
    }
    let long = "张".repeat(10_000);
    assert!(s
        .add_member(&full_member(&long, "1980-01-01", 71, "2005-01-01"), today())
        .is_err());
    s.add_member(
        &full_member("阿依古丽·买买提", "1980-01-01", 72, "2005-01-01"),
        today(),
    )
    .expect("dot");
}

#[test]
fn phone_numbers() {
    use zhibu_core::member::phone_ok;
    for ok in [
        "13800138000",
        "+86 138 0013 8000",
        "010-12345678",
        "0571-8765432",
        "010-12345678-801",
        "88886666",
    ] {
        assert!(phone_ok(ok), "{ok}");
    }
    for bad in [
        "12345",
        "12800138000",
        "1380013800",
        "abc",
        "010-123",
        "138001380001",
    ] {
        assert!(!phone_ok(bad), "{bad}");
    }
}

#[test]
fn membership_kept_elsewhere_needs_the_organization() {
    let mut s = store();
    let mut input = full_member("欧阳明", "1980-01-01", 81, "2005-01-01");
    input.membership_elsewhere = true;
    let e = s.add_member(&input, today()).expect_err("no org");
    assert_eq!(e.fields[0].field, "membership_org");
    input.membership_org = "中共某大学委员会".into();
    let m = s.add_member(&input, today()).expect("with org");
    assert!(m.membership_elsewhere);
    assert_eq!(m.membership_org, "中共某大学委员会");
}
