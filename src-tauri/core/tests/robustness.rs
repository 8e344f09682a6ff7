//! Every free-text field of every form, given what people (and accidents) put in them: nothing,
//! ten thousand characters, emoji, rare characters outside the BMP, SQL and HTML. Each value is
//! either stored exactly (trimmed) and read back, or refused with a Chinese message and nothing
//! stored; the file stays whole; the printed preview shows markup as text.
mod common;

use common::{full_member, store, today};
use zhibu_core::branch::BranchInput;
use zhibu_core::meeting::{MeetingInput, MeetingKind};
use zhibu_core::member::MemberInput;
use zhibu_core::print::PrintRequest;
use zhibu_core::venue::{VenueInput, VenueStandard};
use zhibu_core::{Error, Store};

fn nasty() -> Vec<(&'static str, String)> {
    vec![
        ("empty", String::new()),
        ("spaces", "   ".into()),
        ("10,000 characters", "党".repeat(10_000)),
        ("emoji", "😀👨‍👩‍👧 党员之家".into()),
        ("rare CJK", "𠀀𪚥䶮堃喆".into()),
        ("SQL", "'); DROP TABLE member; --".into()),
        ("HTML", "<script>alert(1)</script><b>x</b>&amp;".into()),
        ("control characters", "a\u{0}b\u{7}c\r\nd".into()),
    ]
}

fn is_chinese(e: &Error) -> bool {
    let text = format!("{} {:?}", e.message, e.fields);
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// Stored exactly as typed (less surrounding spaces), or refused in Chinese.
fn check<T: std::fmt::Debug>(
    what: &str,
    label: &str,
    typed: &str,
    result: Result<T, Error>,
    read_back: impl FnOnce(&T) -> String,
) {
    match result {
        Ok(v) => assert_eq!(
            read_back(&v),
            typed.trim(),
            "{what} with {label}: stored differently"
        ),
        Err(e) => assert!(is_chinese(&e), "{what} with {label}: {e:?}"),
    }
}

fn still_whole(s: &Store) {
    s.check_integrity().expect("integrity");
    assert!(s.all_members().is_ok(), "the member table is still there");
}

#[test]
fn member_form_fields() {
    let mut s = store();
    let fields: [(
        &str,
        fn(&mut MemberInput, String),
        fn(&zhibu_core::member::Member) -> String,
    ); 8] = [
        ("name", |i, v| i.name = v, |m| m.name.clone()),
        ("ethnicity", |i, v| i.ethnicity = v, |m| m.ethnicity.clone()),
        (
            "native_place",
            |i, v| i.native_place = v,
            |m| m.native_place.clone(),
        ),
        ("education", |i, v| i.education = v, |m| m.education.clone()),
        ("position", |i, v| i.position = v, |m| m.position.clone()),
        ("phone", |i, v| i.phone = v, |m| m.phone.clone()),
        ("address", |i, v| i.address = v, |m| m.address.clone()),
        ("note", |i, v| i.note = v, |m| m.note.clone()),
    ];
    let mut seq = 100;
    for (field, set, get) in fields {
        for (label, value) in nasty() {
            seq += 2;
            let mut input = full_member("王建国", "1968-03-15", seq, "1995-07-01");
            set(&mut input, value.clone());
            let before = s.all_members().expect("m").len();
            let result = s.add_member(&input, today());
            if result.is_err() {
                assert_eq!(
                    s.all_members().expect("m").len(),
                    before,
                    "{field}: nothing stored"
                );
            }
            check(field, label, &value, result, get);
        }
    }
    still_whole(&s);
}

#[test]
fn meeting_branch_and_venue_fields() {
    let mut s = store();
    s.add_member(
        &full_member("王建国", "1968-03-15", 11, "1995-07-01"),
        today(),
    )
    .expect("member");
    for (label, value) in nasty() {
        let meeting = MeetingInput {
            kind: Some(MeetingKind::ThemeDay),
            date: "2026-11-12".into(),
            place: value.clone(),
            topics: value.clone(),
            content: value.clone(),
            ..Default::default()
        };
        let attendance = s
            .expected_attendance(MeetingKind::ThemeDay, today(), None)
            .expect("expected");
        let result = s.add_meeting(
            &MeetingInput {
                attendance,
                ..meeting
            },
            today(),
        );
        check("meeting content", label, &value, result, |m| {
            m.content.clone()
        });

        let result = s.save_branch(
            &BranchInput {
                name: value.clone(),
                ..Default::default()
            },
            today(),
        );
        check("branch name", label, &value, result, |b| b.name.clone());

        let result = s.add_venue(&VenueInput {
            name: value.clone(),
            address: value.clone(),
            standard: Some(VenueStandard::Basic),
        });
        check("venue name", label, &value, result, |v| v.name.clone());
    }
    still_whole(&s);
}

#[test]
fn the_printed_preview_shows_markup_as_text() {
    let mut s = store();
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

#[test]
fn dues_development_and_report_fields() {
    use zhibu_core::development::StepInput;
    use zhibu_core::dues::{DuesBasisInput, DuesCategory};
    use zhibu_core::member::Category;
    use zhibu_core::report::ParagraphEdit;
    let mut s = store();
    let member = s
        .add_member(
            &full_member("王建国", "1968-03-15", 11, "1995-07-01"),
            today(),
        )
        .expect("member")
        .id;
    let applicant = s
        .add_member(
            &MemberInput {
                name: "罗文".into(),
                id_number: common::id_for("1999-03-17", 21),
                category: Some(Category::Applicant),
                ..Default::default()
            },
            today(),
        )
        .expect("applicant")
        .id;
    let now = today().and_hms_opt(9, 0, 0).expect("time");
    for (label, value) in nasty() {
        let result = s.set_dues_basis(
            member,
            2026,
            &DuesBasisInput {
                category: Some(DuesCategory::InService),
                income: "4800".into(),
                override_amount: "100".into(),
                override_reason: value.clone(),
            },
        );
        check("dues override reason", label, &value, result, |b| {
            b.override_reason.clone()
        });

        let result = s.record_step(
            applicant,
            &StepInput {
                step: 1,
                date: "2026-03-01".into(),
                detail: value.clone(),
            },
            today(),
        );
        check("development detail", label, &value, result, |e| {
            e.steps[0].detail.clone()
        });

        let report = s.report(2026, today(), now).expect("report");
        let key = report.paragraphs[0].key.clone();
        let result = s.save_report(
            2026,
            &[ParagraphEdit {
                key: key.clone(),
                text: value.clone(),
            }],
            "书记",
            today(),
            now,
        );
        // An emptied paragraph may be kept empty or refused; text is kept as typed.
        check("report paragraph", label, &value, result, |r| {
            r.paragraphs
                .iter()
                .find(|p| p.key == key)
                .map(|p| p.text.trim().to_string())
                .unwrap_or_default()
        });
    }
    still_whole(&s);
}
