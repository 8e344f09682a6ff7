//! Every free-text field of every form, given what people (and accidents) put in them: nothing,
//! spaces, ten thousand characters, emoji, rare characters outside the BMP, SQL, HTML, control
//! characters, a paste from Word. Each value gets a record of its own, so no refusal is for
//! something else (a duplicate); it is either kept exactly (trimmed) and read back from a
//! freshly opened store, or refused on that field for the reason the field's rules give, and
//! then the database file is unchanged byte for byte (see `common::sweep`).
mod common;

use chrono::NaiveDate;
use common::sweep::{add_member, day, Field, Sweep};
use common::{full_member, today};
use zhibu_core::branch::BranchInput;
use zhibu_core::meeting::{AttendanceEntry, AttendanceStatus, MeetingInput, MeetingKind};
use zhibu_core::member::{MemberInput, MembershipReason, TransferInput};
use zhibu_core::print::PrintRequest;
use zhibu_core::structure::Structure;
use zhibu_core::Store;

/// A name: Chinese characters of any plane, Latin letters, the middle dots and spaces.
fn name_like(v: &str) -> bool {
    v.chars().all(|c| {
        let cp = c as u32;
        (0x3400..=0x4DBF).contains(&cp)
            || (0x4E00..=0x9FFF).contains(&cp)
            || (0x20000..=0x323AF).contains(&cp)
            || c.is_ascii_alphabetic()
            || "·•. ・".contains(c)
    })
}

/// None of the odd values is a phone number or a time of day.
fn digits_only(v: &str) -> bool {
    v.chars()
        .all(|c| c.is_ascii_digit() || ":：+- ".contains(c))
}

#[test]
fn member_form() {
    let mut w = Sweep::new();
    type Set = fn(&mut MemberInput, String);
    type Get = fn(&zhibu_core::member::Member) -> String;
    let fields: [(Field, Set, Get); 9] = [
        (
            Field {
                format: Some((name_like, "不能有")),
                ..Field::required("name", 30)
            },
            |i, v| i.name = v,
            |m| m.name.clone(),
        ),
        (
            Field::text("ethnicity", 20),
            |i, v| i.ethnicity = v,
            |m| m.ethnicity.clone(),
        ),
        (
            Field::text("native_place", 30),
            |i, v| i.native_place = v,
            |m| m.native_place.clone(),
        ),
        (
            Field::text("education", 20),
            |i, v| i.education = v,
            |m| m.education.clone(),
        ),
        (
            Field::text("position", 50),
            |i, v| i.position = v,
            |m| m.position.clone(),
        ),
        (
            Field {
                format: Some((digits_only, "电话")),
                ..Field::text("phone", 30)
            },
            |i, v| i.phone = v,
            |m| m.phone.clone(),
        ),
        (
            Field::text("address", 100),
            |i, v| i.address = v,
            |m| m.address.clone(),
        ),
        (
            Field::text("note", 500),
            |i, v| i.note = v,
            |m| m.note.clone(),
        ),
        (
            // Required once the 组织关系 is elsewhere.
            Field::required("membership_org", 100),
            |i, v| {
                i.membership_elsewhere = true;
                i.membership_org = v
            },
            |m| m.membership_org.clone(),
        ),
    ];
    for (field, set, get) in fields {
        w.field(
            "党员信息",
            field,
            |s, v, n| add_member(s, n, |i| set(i, v.to_string())),
            |s, id| get(&s.member(id).expect("member")),
        );
    }
    // A transfer: its unit and letter number, on a member of its own each time.
    type SetT = fn(&mut TransferInput, String);
    let mut seq = 600;
    let transfer: [(Field, SetT, usize); 2] = [
        (Field::text("org", 100), |t, v| t.org = v, 0),
        (Field::text("letter_no", 40), |t, v| t.letter_no = v, 1),
    ];
    for (field, set, which) in transfer {
        let member = std::cell::Cell::new(0);
        w.field_prepared(
            "组织关系转出",
            field,
            |s| {
                seq += 1;
                member.set(add_member(s, seq, |_| {}).expect("member"))
            },
            |s, v, _| {
                let id = member.get();
                let mut t = TransferInput {
                    date: "2026-10-01".into(),
                    reason: Some(MembershipReason::Transfer),
                    org: "市社会组织综合党委".into(),
                    letter_no: String::new(),
                };
                set(&mut t, v.to_string());
                s.transfer_out(id, &t, today()).map(|_| id)
            },
            move |s, id| {
                let e = s.membership_events(id).expect("events");
                let last = e.last().expect("the transfer");
                if which == 0 {
                    last.org.clone()
                } else {
                    last.letter_no.clone()
                }
            },
        );
    }
}

fn meeting(
    s: &mut Store,
    n: u32,
    kind: MeetingKind,
    edit: impl FnOnce(&mut MeetingInput),
) -> zhibu_core::Result<i64> {
    let date = day(n);
    let attendance = s
        .expected_attendance(kind, date.parse().expect("date"), None)
        .expect("attendance");
    let mut input = MeetingInput {
        kind: Some(kind),
        date,
        attendance,
        ..Default::default()
    };
    edit(&mut input);
    s.add_meeting(&input, today()).map(|m| m.summary.id)
}

#[test]
fn meeting_form() {
    let mut w = Sweep::new();
    add_member(&mut w.store, 1, |_| {}).expect("member");
    type Set = fn(&mut MeetingInput, String);
    type Get = fn(&zhibu_core::meeting::Meeting) -> String;
    let theme_day: [(Field, Set, Get); 8] = [
        (
            Field {
                format: Some((digits_only, "时间请按")),
                ..Field::text("time", 20)
            },
            |i, v| i.time = v,
            |m| m.summary.time.clone(),
        ),
        (
            Field::text("place", 100),
            |i, v| i.place = v,
            |m| m.place.clone(),
        ),
        (
            Field::text("host", 30),
            |i, v| i.host = v,
            |m| m.host.clone(),
        ),
        (
            Field::text("recorder", 30),
            |i, v| i.recorder = v,
            |m| m.recorder.clone(),
        ),
        (
            Field::text("topics", 500),
            |i, v| i.topics = v,
            |m| m.summary.topics.clone(),
        ),
        (
            Field::text("content", 20_000),
            |i, v| i.content = v,
            |m| m.content.clone(),
        ),
        (
            Field::text("resolutions", 5_000),
            |i, v| i.resolutions = v,
            |m| m.resolutions.clone(),
        ),
        (
            Field::text("theme", 60),
            |i, v| i.theme = v,
            |m| m.theme.clone(),
        ),
    ];
    for (field, set, get) in theme_day {
        w.field(
            "会议记录",
            field,
            |s, v, n| meeting(s, n, MeetingKind::ThemeDay, |i| set(i, v.to_string())),
            |s, id| get(&s.meeting(id).expect("meeting")),
        );
    }
    w.field(
        "党课记录",
        Field::text("lecturer", 30),
        |s, v, n| {
            meeting(s, n, MeetingKind::PartyLecture, |i| {
                i.lecturer = v.to_string()
            })
        },
        |s, id| s.meeting(id).expect("meeting").lecturer,
    );
    // The attendance list: an excused member's reason, and a guest's name.
    w.field(
        "出席情况",
        Field::text("attendance", 100),
        |s, v, n| {
            meeting(s, n, MeetingKind::ThemeDay, |i| {
                i.attendance[0].status = AttendanceStatus::Excused;
                i.attendance[0].reason = v.to_string();
            })
        },
        |s, id| s.meeting(id).expect("meeting").attendance[0].reason.clone(),
    );
    w.field(
        "列席人员",
        // A guest's name is as written (a title or unit beside it is common).
        Field::required("attendance", 30),
        |s, v, n| {
            meeting(s, n, MeetingKind::ThemeDay, |i| {
                i.attendance.push(AttendanceEntry {
                    member_id: None,
                    name: v.to_string(),
                    status: AttendanceStatus::Observer,
                    reason: String::new(),
                })
            })
        },
        |s, id| {
            let m = s.meeting(id).expect("meeting");
            m.attendance
                .iter()
                .find(|a| a.member_id.is_none())
                .map(|a| a.name.clone())
                .unwrap_or_default()
        },
    );
    assert!(
        w.refused > 20 && w.stored > 40,
        "{} refused, {} stored",
        w.refused,
        w.stored
    );
}

#[test]
fn branch_venue_and_organization_forms() {
    use zhibu_core::organization::{OrganizationInput, VisitInput};
    use zhibu_core::venue::{CheckInput, CheckItemInput, ItemStatus, VenueInput, VenueStandard};
    let mut w = Sweep::new();
    add_member(&mut w.store, 1, |_| {}).expect("member");
    let base = BranchInput {
        name: "中共测试协会支部委员会".into(),
        ..Default::default()
    };
    type SetB = fn(&mut BranchInput, String);
    type GetB = fn(&zhibu_core::branch::BranchProfile) -> String;
    let branch: [(Field, SetB, GetB); 5] = [
        (
            Field::required("name", 60),
            |i, v| i.name = v,
            |b| b.name.clone(),
        ),
        (
            Field::text("org_name", 60),
            |i, v| i.org_name = v,
            |b| b.org_name.clone(),
        ),
        (
            Field::text("org_type_other", 20),
            |i, v| i.org_type_other = v,
            |b| b.org_type_other.clone(),
        ),
        (
            Field::text("superior", 60),
            |i, v| i.superior = v,
            |b| b.superior.clone(),
        ),
        (
            // One full member: a committee is against the rule, so its reason is required.
            Field::required("structure_reason", 200),
            |i, v| {
                i.structure = Some(Structure::Committee);
                i.structure_reason = v
            },
            |b| b.structure_reason.clone(),
        ),
    ];
    for (field, set, get) in branch {
        let base = base.clone();
        w.field_prepared(
            "支部信息",
            field,
            // The form's 所在单位 names the first organization only while there is none (the
            // organizations card keeps them after that): start from none each time.
            |s| {
                for o in s.organizations().expect("organizations") {
                    s.delete_organization(o.id).expect("delete");
                }
            },
            |s, v, _| {
                let mut input = base.clone();
                set(&mut input, v.to_string());
                s.save_branch(&input, today()).map(|_| 1)
            },
            |s, _| get(&s.branch().expect("branch")),
        );
    }

    let venue = |name: String, address: String| VenueInput {
        name,
        address,
        standard: Some(VenueStandard::Basic),
    };
    w.field(
        "六有阵地",
        Field::required("name", 50),
        |s, v, _| {
            s.add_venue(&venue(v.to_string(), String::new()))
                .map(|x| x.id)
        },
        |s, id| s.venue(id).expect("venue").name,
    );
    w.field(
        "六有阵地",
        Field::text("address", 100),
        |s, v, n| {
            s.add_venue(&venue(format!("活动室{n}"), v.to_string()))
                .map(|x| x.id)
        },
        |s, id| s.venue(id).expect("venue").address,
    );
    // A check of a venue: who checked, the note, an item's explanation and remark.
    let room = w
        .store
        .add_venue(&venue("党员活动室".into(), String::new()))
        .expect("venue");
    type SetC = fn(&mut CheckInput, String);
    type GetC = fn(&zhibu_core::venue::VenueCheck) -> String;
    let check: [(Field, SetC, GetC); 4] = [
        (
            Field::text("checked_by", 30),
            |c, v| c.checked_by = v,
            |k| k.checked_by.clone(),
        ),
        (
            Field::text("note", 500),
            |c, v| c.note = v,
            |k| k.note.clone(),
        ),
        (
            Field::text("items", 200),
            |c, v| c.items[0].explanation = v,
            |k| k.items[0].explanation.clone(),
        ),
        (
            Field::text("items", 100),
            |c, v| c.items[0].remark = v,
            |k| k.items[0].remark.clone(),
        ),
    ];
    for (field, set, get) in check {
        let room = room.clone();
        w.field(
            "阵地检查",
            field,
            |s, v, n| {
                let mut input = CheckInput {
                    date: day(n),
                    checked_by: String::new(),
                    note: String::new(),
                    items: room
                        .items
                        .iter()
                        .map(|i| CheckItemInput {
                            item_id: i.id,
                            status: Some(ItemStatus::Partial),
                            explanation: String::new(),
                            remark: String::new(),
                        })
                        .collect(),
                };
                set(&mut input, v.to_string());
                let after = s.record_venue_check(room.id, &input, today())?;
                let date: NaiveDate = input.date.parse().expect("date");
                Ok(after
                    .checks
                    .iter()
                    .find(|c| c.date == date)
                    .expect("the check")
                    .id)
            },
            move |s, id| {
                get(s
                    .venue(room.id)
                    .expect("venue")
                    .checks
                    .iter()
                    .find(|c| c.id == id)
                    .expect("check"))
            },
        );
    }

    type SetO = fn(&mut OrganizationInput, String);
    type GetO = fn(&zhibu_core::organization::Organization) -> String;
    let org: [(Field, SetO, GetO); 8] = [
        (
            Field::required("name", 60),
            |o, v| o.name = v,
            |o| o.name.clone(),
        ),
        (
            Field::text("registrar", 60),
            |o, v| o.registrar = v,
            |o| o.registrar.clone(),
        ),
        (
            Field::text("supervisor", 60),
            |o, v| o.supervisor = v,
            |o| o.supervisor.clone(),
        ),
        (
            Field::text("head", 30),
            |o, v| o.head = v,
            |o| o.head.clone(),
        ),
        (
            Field::text("cross_posts", 300),
            |o, v| o.cross_posts = v,
            |o| o.cross_posts.clone(),
        ),
        (
            Field::text("instructor", 30),
            |o, v| o.instructor = v,
            |o| o.instructor.clone(),
        ),
        (
            Field::text("instructor_unit", 60),
            |o, v| o.instructor_unit = v,
            |o| o.instructor_unit.clone(),
        ),
        (
            Field::text("visits", 200),
            |o, v| {
                o.visits = vec![VisitInput {
                    date: "2026-05-01".into(),
                    note: v,
                }]
            },
            |o| o.visits.first().map(|v| v.note.clone()).unwrap_or_default(),
        ),
    ];
    let mut id = None;
    for (field, set, get) in org {
        w.field(
            "单位信息",
            field,
            |s, v, n| {
                let mut input = OrganizationInput {
                    name: format!("测试协会{n}"),
                    ..Default::default()
                };
                set(&mut input, v.to_string());
                // At most five organizations: the same one is rewritten after the first.
                let saved = s.save_organization(id, &input, today())?;
                id = Some(saved.id);
                Ok(saved.id)
            },
            |s, id| get(&s.organization(id).expect("organization")),
        );
    }
}

#[test]
fn the_printed_preview_shows_markup_as_text() {
    let mut s = common::store();
    s.add_member(
        &MemberInput {
            position: "<script>alert(1)</script>&".into(),
            ..full_member("王建国", "1968-03-15", 11, "1995-07-01")
        },
        today(),
    )
    .expect("member");
    let mut fonts =
        zhibu_typeset::FontLibrary::discover(&zhibu_typeset::fonts::default_font_dirs(&[]));
    let preview = zhibu_core::print::preview(&s, &PrintRequest::Roster, &mut fonts, today())
        .expect("preview");
    assert!(!preview.html.contains("<script>"), "no live markup");
    // The cell wraps onto two lines; both halves are escaped text.
    assert!(preview.html.contains("&lt;script&gt;alert"));
    assert!(preview.html.contains("&lt;/script&gt;&amp;"));
}
