//! Every sentence of a drafted report is true and whole for any records: over 240 generated
//! branches — empty, founded mid-year, small, with or without a committee, joint, with no
//! meetings, no 六有 check, no dues — drafted in November, on 31 December and in February,
//! no report prints a placeholder, an empty bracket, a dash for a missing figure, "0次", or
//! doubled punctuation, and the figures it cites equal what this test counts itself.
mod common;

use chrono::{Datelike, Duration, NaiveDate};
use common::{full_member, store, Rng};
use zhibu_core::branch::{BranchInput, CommitteeSeat};
use zhibu_core::dues::{DuesBasisInput, DuesCategory, PaymentInput};
use zhibu_core::meeting::{MeetingInput, MeetingKind};
use zhibu_core::member::{Category, MemberInput};
use zhibu_core::talk::TalkInput;
use zhibu_core::venue::{CheckInput, CheckItemInput, ItemStatus, VenueInput};
use zhibu_core::Store;

const YEAR: i32 = 2025;
const CASES: u64 = 240;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("date")
}

/// What the test itself knows of the records it made.
#[derive(Default)]
struct Known {
    members_here: usize,
    general_meetings: usize,
    theme_days: usize,
    talks: usize,
    /// Records with study hours, and 党课 the secretary gave.
    study_sessions: usize,
    secretary_lectures: usize,
    /// Records whose topics tell a service activity, and integrity education.
    service: usize,
    integrity: usize,
    /// Members here with a dues standard, each with the first month they owe dues.
    dues_from: Vec<u32>,
    /// Months paid for everyone (None: no dues kept).
    paid_months: Option<Vec<u32>>,
}

const NAMES: [&str; 12] = [
    "王一", "李二", "张三", "赵四", "钱五", "孙六", "周七", "吴八", "郑九", "冯十", "陈明", "褚亮",
];

/// One generated branch as of `today` (the day the report is drafted).
fn branch(seed: u64, today: NaiveDate) -> (Store, Known) {
    let mut r = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut s = store();
    let mut k = Known::default();
    // Founded years ago, or during the report's year.
    let founded = if r.chance(25) {
        d(YEAR, 1 + r.below(10) as u32, 1)
    } else {
        d(2018, 7, 1)
    };
    let n = r.below(NAMES.len() as u64 + 1) as usize;
    let mut ids = Vec::new();
    let mut secretary = None;
    for (i, name) in NAMES.iter().take(n).enumerate() {
        let probationary = r.chance(15);
        let mut input = member(name, i);
        if probationary {
            input.category = Some(Category::Probationary);
            input.joined = Some(format!("{YEAR}-03-01"));
        }
        input.since = Some(founded.max(d(2010, 7, 1)).to_string());
        input.membership_elsewhere = r.chance(10);
        input.membership_org = "中共某大学委员会".into();
        let m = s.add_member(&input, today).expect("member");
        if !m.membership_elsewhere {
            k.members_here += 1;
            // Dues are owed from the month they joined this branch (or were admitted).
            let since = founded.max(d(2010, 7, 1));
            let came = if since.year() == YEAR {
                since.month()
            } else {
                1
            };
            let first = if probationary { came.max(3) } else { came };
            k.dues_from.push(first);
            if !probationary && secretary.is_none() {
                secretary = Some(m.id);
            }
        }
        ids.push(m.id);
    }
    let committee = secretary.map_or(Vec::new(), |id| {
        vec![CommitteeSeat {
            member_id: id,
            name: String::new(),
            role: "书记".into(),
        }]
    });
    // Records from the founding, from 1 January, or from a day in the year.
    let records_from = match r.below(3) {
        0 => None,
        1 => Some(format!("{YEAR}-01-01")),
        _ => Some(d(YEAR, 2 + r.below(9) as u32, 1).to_string()),
    };
    // Months that ended before the records start ask for nothing.
    let start = records_from
        .as_deref()
        .and_then(|r| r.parse::<NaiveDate>().ok())
        .filter(|r| r.year() == YEAR && *r > founded)
        .map_or(1, |r| r.month());
    for first in &mut k.dues_from {
        *first = (*first).max(start);
    }
    s.save_branch(
        &BranchInput {
            name: "中共测试协会支部委员会".into(),
            founded: Some(founded.to_string()),
            committee: committee.clone(),
            records_from: records_from.clone(),
            ..Default::default()
        },
        today,
    )
    .unwrap_or_else(|e| {
        // A start date the rules refuse (before the founding): keep the founding's records.
        s.save_branch(
            &BranchInput {
                name: "中共测试协会支部委员会".into(),
                founded: Some(founded.to_string()),
                committee,
                ..Default::default()
            },
            today,
        )
        .unwrap_or_else(|e2| panic!("seed {seed}: {e:?} / {e2:?}"))
    });
    let as_of = today.min(d(YEAR, 12, 31));
    let from = founded.max(d(YEAR, 1, 1));
    // Meetings: none at all, or some of each kind on random days of the year so far.
    if !ids.is_empty() && r.chance(80) {
        for (kind, count) in [
            (MeetingKind::GeneralMeeting, r.below(5)),
            (MeetingKind::ThemeDay, r.below(13)),
            (MeetingKind::PartyLecture, r.below(4)),
            (MeetingKind::LifeMeeting, r.below(2)),
            (MeetingKind::CommitteeMeeting, r.below(3)),
        ] {
            for _ in 0..count {
                let span = (as_of - from).num_days().max(0);
                let date = from + Duration::days(r.below(span as u64 + 1) as i64);
                let mut attendance = s.expected_attendance(kind, date, None).expect("expected");
                for a in &mut attendance {
                    if r.chance(15) {
                        a.status = zhibu_core::meeting::AttendanceStatus::Absent;
                    }
                }
                let by_secretary =
                    kind == MeetingKind::PartyLecture && secretary.is_some() && r.chance(50);
                let topics = match r.below(6) {
                    0 => "开展社区志愿服务",
                    1 => "廉政警示教育",
                    _ => "学习",
                };
                let input = MeetingInput {
                    kind: Some(kind),
                    date: date.to_string(),
                    topics: topics.into(),
                    attendance,
                    hours: r.chance(40).then_some(2),
                    theme: if r.chance(30) {
                        "学习贯彻党的二十届四中全会精神".into()
                    } else {
                        String::new()
                    },
                    lecturer_id: if by_secretary { secretary } else { None },
                    ..Default::default()
                };
                // Two of a kind on one day are refused: the test counts what was stored.
                if s.add_meeting(&input, today).is_ok() {
                    match kind {
                        MeetingKind::GeneralMeeting => k.general_meetings += 1,
                        MeetingKind::ThemeDay => k.theme_days += 1,
                        _ => {}
                    }
                    k.study_sessions += usize::from(input.hours.is_some());
                    k.service += usize::from(topics.contains("志愿"));
                    k.integrity += usize::from(topics.contains("廉政"));
                    k.secretary_lectures += usize::from(by_secretary);
                }
            }
        }
    }
    // Talks between the first two members.
    if ids.len() >= 2 {
        for _ in 0..r.below(3) {
            let date =
                from + Duration::days(r.below((as_of - from).num_days().max(0) as u64 + 1) as i64);
            let talk = TalkInput {
                date: date.to_string(),
                a: Some(ids[0]),
                b: Some(ids[1]),
                note: String::new(),
            };
            if s.add_talk(&talk, today).is_ok() {
                k.talks += 1;
            }
        }
    }
    // Dues: a standard and some months paid, or none kept here.
    if r.chance(60) {
        for &id in &ids {
            let _ = s.set_dues_basis(
                id,
                YEAR,
                &DuesBasisInput {
                    category: Some(DuesCategory::InService),
                    income: "5000".into(),
                    ..Default::default()
                },
            );
        }
        let months: Vec<u32> = (1..=as_of.month()).filter(|_| r.chance(70)).collect();
        k.paid_months = Some(months.clone());
        if !months.is_empty() && !ids.is_empty() {
            let _ = s.record_dues(
                &PaymentInput {
                    member_ids: ids.clone(),
                    year: YEAR,
                    months,
                    paid_on: as_of.to_string(),
                    proxy: String::new(),
                },
                today,
            );
        }
    }
    // A venue, checked in the year or not.
    if r.chance(60) {
        let check = r.chance(60).then_some(as_of);
        venue(&mut s, check, today, |_| {
            if r.chance(80) {
                ItemStatus::Yes
            } else {
                ItemStatus::No
            }
        });
    }
    (s, k)
}

/// A full member of the generated branches (joined 2010, one ID per place in the list).
fn member(name: &str, i: usize) -> MemberInput {
    full_member(name, "1980-05-05", 11 + 2 * i as u32, "2010-07-01")
}

/// A 党员活动室, checked on `checked` (if any) with each item's answer from `status`.
fn venue(
    s: &mut Store,
    checked: Option<NaiveDate>,
    today: NaiveDate,
    mut status: impl FnMut(usize) -> ItemStatus,
) {
    let venue = s
        .add_venue(&VenueInput {
            name: "党员活动室".into(),
            address: String::new(),
            standard: None,
        })
        .expect("venue");
    let Some(date) = checked else { return };
    let items = venue
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| CheckItemInput {
            item_id: item.id,
            status: Some(status(i)),
            explanation: String::new(),
            remark: String::new(),
        })
        .collect();
    s.record_venue_check(
        venue.id,
        &CheckInput {
            date: date.to_string(),
            checked_by: String::new(),
            note: String::new(),
            items,
        },
        today,
    )
    .expect("check");
}

/// Two marks in a row that never follow each other in Chinese prose.
fn doubled_punctuation(text: &str) -> Option<String> {
    let marks = ['，', '。', '；', '、', '：'];
    let chars: Vec<char> = text.chars().collect();
    chars
        .windows(2)
        .find(|w| marks.contains(&w[0]) && marks.contains(&w[1]))
        .map(|w| w.iter().collect())
}

/// "0次" / "0人次" not part of a larger number (10次 is fine).
fn zero_times(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    chars.windows(3).enumerate().any(|(i, w)| {
        w[0] == '0'
            && (w[1] == '次' || (w[1] == '人' && w[2] == '次'))
            && (i == 0 || !chars[i - 1].is_ascii_digit())
    })
}

#[test]
fn every_drafted_sentence_is_whole_and_true_for_any_records() {
    let days = [d(YEAR, 11, 20), d(YEAR, 12, 31), d(YEAR + 1, 2, 15)];
    for seed in 0..CASES {
        let today = days[(seed % 3) as usize];
        let (s, known) = branch(seed, today);
        let report = s.printed_report(YEAR, today).expect("drafted");
        let text = report.rendered.join("\n");
        if std::env::var("SHOW").is_ok_and(|v| v.split(',').any(|x| x == seed.to_string())) {
            eprintln!("=== seed {seed} {today}\n{text}");
        }
        let fail = |why: &str| panic!("seed {seed}, drafted {today}: {why}\n{text}");
        for bad in ['〔', '〕', '—'] {
            if text.contains(bad) {
                fail(&format!("“{bad}” in the text"));
            }
        }
        if text.contains("（）") || text.contains("()") {
            fail("an empty bracket");
        }
        if let Some(p) = doubled_punctuation(&text) {
            fail(&format!("doubled punctuation “{p}”"));
        }
        if zero_times(&text) {
            fail("“0次”: a kind not held is named");
        }
        if text.contains("无均按要求") || text.contains("为。") || text.contains("为，") {
            fail("a sentence with its figure missing");
        }
        if today < d(YEAR, 12, 31) && text.contains("全年") {
            fail("“全年” before the year is over");
        }
        // The figures cited are the records' own.
        let figure = |name: &str| {
            report
                .figures
                .iter()
                .find(|f| f.name == name)
                .map(|f| f.value.clone())
                .unwrap_or_default()
        };
        assert_eq!(
            figure("党员总数"),
            known.members_here.to_string(),
            "seed {seed}"
        );
        assert_eq!(
            figure("支部党员大会次数"),
            known.general_meetings.to_string(),
            "seed {seed}"
        );
        assert_eq!(
            figure("主题党日次数"),
            known.theme_days.to_string(),
            "seed {seed}"
        );
        let talks = if known.talks == 0 {
            String::new()
        } else {
            (known.talks * 2).to_string()
        };
        assert_eq!(figure("谈心谈话人次"), talks, "seed {seed}");
        let count = |n: usize| if n == 0 { String::new() } else { n.to_string() };
        assert_eq!(figure("服务活动次数"), count(known.service), "seed {seed}");
        assert_eq!(
            figure("廉政教育次数"),
            count(known.integrity),
            "seed {seed}"
        );
        // Dues: what was owed by the day of the figures, and who paid every month of it.
        if let Some(paid) = &known.paid_months {
            let as_of = today.min(d(YEAR, 12, 31));
            let last = (1..=12u32)
                .filter(|&m| zhibu_core::dues::last_day(YEAR, m) <= as_of)
                .max()
                .unwrap_or(0);
            let owed: i64 = known
                .dues_from
                .iter()
                .map(|&first| 5000 * i64::from(last.saturating_sub(first - 1)))
                .sum();
            assert_eq!(
                figure("应缴党费"),
                zhibu_core::dues::yuan(owed),
                "seed {seed}"
            );
            let full = known
                .dues_from
                .iter()
                .filter(|&&first| (first..=last).all(|m| paid.contains(&m)))
                .count();
            assert_eq!(figure("按月交清人数"), full.to_string(), "seed {seed}");
        }
        // Study: cited when there is any, never as a gap.
        match known.study_sessions {
            0 => assert!(!text.contains("集中学习"), "seed {seed}: {text}"),
            n => assert!(
                text.contains(&format!("集中学习{n}次")),
                "seed {seed}: {text}"
            ),
        }
        match known.secretary_lectures {
            0 => assert!(!text.contains("本人讲党课"), "seed {seed}: {text}"),
            n => assert!(
                text.contains(&format!("本人讲党课{n}次")),
                "seed {seed}: {text}"
            ),
        }
        if known.general_meetings > 0
            && !text.contains(&format!("支部党员大会{}次", known.general_meetings))
        {
            fail("the 支部党员大会 held are not cited");
        }
    }
}

#[test]
fn a_clause_without_its_figure_is_left_out_and_the_sentence_still_ends() {
    let mut f = zhibu_core::report::Figures::new();
    f.insert("谈心谈话人次".into(), String::new());
    f.insert("平均参会率".into(), "92.0%".into());
    f.insert("另有党员".into(), String::new());
    let (text, unknown) = zhibu_core::report::render(
        "〔另有党员〕坚持制度，开展谈心谈话〔谈心谈话人次〕人次，参会率为〔平均参会率〕。",
        &f,
    );
    assert_eq!(text, "坚持制度，参会率为92.0%。");
    assert!(unknown.is_empty());
    let (text, _) = zhibu_core::report::render(
        "参会率为〔平均参会率〕，开展谈心谈话〔谈心谈话人次〕人次。",
        &f,
    );
    assert_eq!(text, "参会率为92.0%。");
}

#[test]
fn each_measure_has_its_own_owner_and_time() {
    let mut s = store();
    let today = d(YEAR, 12, 31);
    let mut ids = Vec::new();
    // Seven full members: a branch with a committee (书记 and 组织委员).
    for (i, name) in NAMES.iter().take(7).enumerate() {
        ids.push(s.add_member(&member(name, i), today).expect("member").id);
    }
    let seat = |id: i64, role: &str| CommitteeSeat {
        member_id: id,
        name: String::new(),
        role: role.into(),
    };
    s.save_branch(
        &BranchInput {
            name: "中共测试协会支部委员会".into(),
            committee: vec![seat(ids[0], "书记"), seat(ids[1], "组织委员")],
            ..Default::default()
        },
        today,
    )
    .expect("branch");
    // The venue short of its first item.
    venue(&mut s, Some(d(YEAR, 6, 1)), today, |i| {
        if i == 0 {
            ItemStatus::No
        } else {
            ItemStatus::Yes
        }
    });
    let r = s.printed_report(YEAR, today).expect("report");
    let plan: Vec<&String> = r
        .paragraphs
        .iter()
        .zip(&r.rendered)
        .filter(|(p, _)| p.key.starts_with("plan.") && p.key != "plan.general")
        .map(|(_, t)| t)
        .collect();
    assert_eq!(plan.len(), 2, "{plan:?}");
    // No meeting held: a calendar measure, from January, the secretary's.
    assert!(
        plan[0].contains("责任人：王一同志；完成时限：2026年1月起，按月落实。"),
        "{}",
        plan[0]
    );
    // The venue short of one item: within the first quarter.
    assert!(
        plan[1].contains("完成时限：2026年3月31日前。"),
        "{}",
        plan[1]
    );
}

#[test]
fn the_report_is_dated_as_the_secretary_sets_it() {
    let (mut s, _) = branch(7, d(YEAR, 12, 31));
    let today = d(YEAR + 1, 1, 8);
    let now = today.and_hms_opt(9, 0, 0).expect("time");
    s.report(YEAR, today, now).expect("drafted");
    let last_line = |s: &Store| {
        let doc = zhibu_core::print::report_document(
            &s.printed_report(YEAR, today).expect("report"),
            today,
        );
        match doc.blocks.last() {
            Some(zhibu_typeset::Block::Signoff { date, .. }) => date.clone(),
            other => panic!("ends with {other:?}"),
        }
    };
    // Not set: the day it is printed.
    assert_eq!(last_line(&s), "2026年1月8日");
    let r = s.set_report_date(YEAR, "2026.1.15", today).expect("dated");
    assert_eq!(r.dated, Some(d(2026, 1, 15)));
    assert_eq!(last_line(&s), "2026年1月15日");
    // A day outside the report's year and the next is refused, in Chinese, and nothing changes.
    let e = s
        .set_report_date(YEAR, "2023-05-01", today)
        .expect_err("refused");
    assert!(
        e.message
            .contains("2025年度的述职报告应落款在2025年或2026年"),
        "{}",
        e.message
    );
    let e = s
        .set_report_date(YEAR, "2026-02-30", today)
        .expect_err("refused");
    assert!(e.message.contains("不是有效的日期"), "{}", e.message);
    assert_eq!(last_line(&s), "2026年1月15日");
    // Cleared: the day of printing again.
    assert_eq!(
        s.set_report_date(YEAR, "", today).expect("cleared").dated,
        None
    );
}
