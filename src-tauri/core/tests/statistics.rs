//! 党内统计 against the test's own counts: a generated roster of 500 people — members and
//! people in development, with every sex, age, ethnicity, education typed several ways, 党龄,
//! members elsewhere, transfers in during the year, and moves out before and after
//! 31 December — and every figure of every table compared with what the test counts itself from
//! what it generated.
mod common;

use chrono::{Datelike, Months, NaiveDate};
use common::{id_for, store, today, Rng};
use zhibu_core::member::{Category, MemberInput, MembershipReason, TransferInput};
use zhibu_core::organization::OrganizationInput;
use zhibu_core::statistics::Statistics;

const YEAR: i32 = 2025;

/// What the test generated for one person.
struct Person {
    female: bool,
    birth: NaiveDate,
    ethnicity: &'static str,
    /// The group the test expects the typed 学历 in.
    education_group: &'static str,
    category: Category,
    joined: Option<NaiveDate>,
    since: NaiveDate,
    came_by_transfer: bool,
    elsewhere: bool,
    mobile: bool,
    retired: bool,
    lost: bool,
    org: Option<usize>,
    /// The day and reason they left, if they did.
    left: Option<(NaiveDate, MembershipReason)>,
}

const EDUCATION: [(&str, &str); 12] = [
    ("博士研究生", "研究生"),
    ("硕士", "研究生"),
    ("大学本科", "大学本科"),
    ("本科", "大学本科"),
    ("大专", "大学专科"),
    ("大学专科", "大学专科"),
    ("中专", "中专"),
    ("中等专科", "中专"),
    ("高中", "高中、中技"),
    ("初中", "初中及以下"),
    ("小学", "初中及以下"),
    ("", "未填写"),
];
const ETHNICITY: [&str; 6] = ["汉族", "汉族", "汉族", "回族", "满族", ""];
const ORGS: [&str; 3] = ["北京甲协会", "北京乙基金会", "北京丙社工中心"];

fn full_years(from: NaiveDate, to: NaiveDate) -> i32 {
    let y = to.year() - from.year();
    if (to.month(), to.day()) < (from.month(), from.day()) {
        y - 1
    } else {
        y
    }
}

fn generate(seed: u64) -> (zhibu_core::Store, Vec<Person>) {
    let mut r = Rng(seed | 1);
    let mut s = store();
    let mut org_ids = Vec::new();
    for name in ORGS {
        let o = s
            .save_organization(
                None,
                &OrganizationInput {
                    name: name.into(),
                    ..Default::default()
                },
                today(),
            )
            .expect("organization");
        org_ids.push(o.id);
    }
    let mut people = Vec::new();
    for i in 0..500u32 {
        let female = r.chance(45);
        let (typed, group) = EDUCATION[r.below(EDUCATION.len() as u64) as usize];
        let category = match r.below(100) {
            0..=64 => Category::Full,
            65..=74 => Category::Probationary,
            75..=81 => Category::Candidate,
            82..=90 => Category::Activist,
            _ => Category::Applicant,
        };
        // Members were admitted at 19 or later; people in development may be younger.
        let birth = match category {
            Category::Full | Category::Probationary => r.day(1935, 2003),
            _ => r.day(1975, 2006),
        };
        let earliest = birth.year() + 19;
        let joined = match category {
            // Some admitted in 2024, so made full during the year.
            Category::Full if r.chance(10) => Some(r.day(2024, 2024)),
            Category::Full => Some(r.day(earliest.max(1960), 2023)),
            Category::Probationary => Some(
                r.day(YEAR, YEAR)
                    .min(NaiveDate::from_ymd_opt(YEAR, 11, 30).expect("d")),
            ),
            _ => None,
        };
        let came_by_transfer = joined.is_some() && r.chance(12);
        let since = match (joined, came_by_transfer) {
            (Some(j), true) => r.day(YEAR, YEAR).max(j),
            (Some(j), false) => j.max(NaiveDate::from_ymd_opt(2016, 3, 1).expect("d")),
            (None, _) => r.day(2019, 2024),
        };
        let member = joined.is_some();
        let p = Person {
            female,
            birth,
            ethnicity: ETHNICITY[r.below(ETHNICITY.len() as u64) as usize],
            education_group: group,
            category,
            joined,
            since,
            came_by_transfer,
            elsewhere: member && r.chance(8),
            mobile: member && r.chance(6),
            retired: member && r.chance(10),
            lost: member && r.chance(3),
            org: (!r.chance(10)).then(|| r.below(3) as usize),
            left: None,
        };
        let seq = 2 * (i % 400) + if female { 2 } else { 1 };
        let input = MemberInput {
            name: format!(
                "测试{}",
                i.to_string()
                    .chars()
                    .map(|c| "零一二三四五六七八九"
                        .chars()
                        .nth(c as usize - '0' as usize)
                        .unwrap_or('零'))
                    .collect::<String>()
            ),
            id_number: id_for(&birth.to_string(), seq),
            ethnicity: p.ethnicity.into(),
            education: typed.into(),
            category: Some(category),
            joined: joined.map(|d| d.to_string()),
            since: Some(since.to_string()),
            since_reason: came_by_transfer.then_some(MembershipReason::Transfer),
            since_org: if came_by_transfer {
                "中共某区委".into()
            } else {
                String::new()
            },
            membership_elsewhere: p.elsewhere,
            membership_org: if p.elsewhere {
                "中共某大学委员会".into()
            } else {
                String::new()
            },
            is_mobile: p.mobile,
            retired: p.retired,
            lost_contact: p.lost,
            org_id: p.org.map(|o| org_ids[o]),
            ..Default::default()
        };
        let m = s
            .add_member(&input, today())
            .unwrap_or_else(|e| panic!("person {i}: {}", e.message));
        let mut p = p;
        // Some leave: during the year (not counted on 31 December) or after it (counted).
        if r.chance(12) {
            let reason = [
                MembershipReason::Transfer,
                MembershipReason::Transfer,
                MembershipReason::Deceased,
                MembershipReason::Removed,
                MembershipReason::Other,
            ][r.below(5) as usize];
            let day = if r.chance(70) {
                r.day(YEAR, YEAR)
            } else {
                r.day(YEAR + 1, YEAR + 1).min(today())
            }
            .max(since);
            s.transfer_out(
                m.id,
                &TransferInput {
                    date: day.to_string(),
                    reason: Some(reason),
                    org: "中共某街道工委".into(),
                    letter_no: String::new(),
                },
                today(),
            )
            .unwrap_or_else(|e| panic!("person {i} leaves: {}", e.message));
            p.left = Some((day, reason));
        }
        people.push(p);
    }
    (s, people)
}

fn figure(stats: &Statistics, table: &str, row: &str) -> u32 {
    stats
        .tables
        .iter()
        .find(|t| t.title == table)
        .unwrap_or_else(|| panic!("no table {table}"))
        .rows
        .iter()
        .find(|r| r.label == row)
        .unwrap_or_else(|| panic!("no row {row} in {table}"))
        .count
}

#[test]
fn the_year_end_statistics_equal_the_tests_own_counts() {
    for seed in [7, 1_234, 99_991] {
        let (s, people) = generate(seed);
        let stats = s.statistics(YEAR, today()).expect("statistics");
        let as_of = NaiveDate::from_ymd_opt(YEAR, 12, 31).expect("d");
        assert_eq!(stats.as_of, as_of);
        let in_branch = |p: &&Person| p.since <= as_of && p.left.is_none_or(|(d, _)| d > as_of);
        let is_member = |p: &&Person| p.joined.is_some();
        let here: Vec<&Person> = people
            .iter()
            .filter(in_branch)
            .filter(is_member)
            .filter(|p| !p.elsewhere)
            .collect();
        let full_date = |p: &Person| p.joined.and_then(|j| j.checked_add_months(Months::new(12)));
        let full: Vec<&&Person> = here
            .iter()
            .filter(|p| p.category == Category::Full && full_date(p).is_some_and(|f| f <= as_of))
            .collect();
        let n = |v: usize| v as u32;
        let t = "党员总数及构成";
        assert_eq!(stats.members, n(here.len()), "seed {seed}");
        assert_eq!(figure(&stats, t, "党员总数"), n(here.len()));
        assert_eq!(figure(&stats, t, "正式党员"), n(full.len()));
        assert_eq!(figure(&stats, t, "预备党员"), n(here.len() - full.len()));
        assert_eq!(
            figure(&stats, t, "女党员"),
            n(here.iter().filter(|p| p.female).count())
        );
        assert_eq!(
            figure(&stats, t, "少数民族党员"),
            n(here
                .iter()
                .filter(|p| !["汉族", ""].contains(&p.ethnicity))
                .count())
        );
        assert_eq!(
            figure(&stats, t, "流动党员"),
            n(here.iter().filter(|p| p.mobile).count())
        );
        assert_eq!(
            figure(&stats, t, "离退休党员"),
            n(here.iter().filter(|p| p.retired).count())
        );
        assert_eq!(
            figure(&stats, t, "失去联系的党员"),
            n(here.iter().filter(|p| p.lost).count())
        );
        // Age on 31 December, in the bands' own words.
        let ages: Vec<i32> = here.iter().map(|p| full_years(p.birth, as_of)).collect();
        for (label, lo, hi) in [
            ("30岁及以下", 0, 30),
            ("31岁至35岁", 31, 35),
            ("36岁至40岁", 36, 40),
            ("41岁至45岁", 41, 45),
            ("46岁至50岁", 46, 50),
            ("51岁至55岁", 51, 55),
            ("56岁至60岁", 56, 60),
            ("61岁至70岁", 61, 70),
            ("71岁及以上", 71, 200),
        ] {
            let want = ages.iter().filter(|a| (lo..=hi).contains(*a)).count();
            assert_eq!(
                figure(&stats, "按年龄", label),
                n(want),
                "{label}, seed {seed}"
            );
        }
        for group in [
            "研究生",
            "大学本科",
            "大学专科",
            "中专",
            "高中、中技",
            "初中及以下",
            "未填写",
        ] {
            let want = here.iter().filter(|p| p.education_group == group).count();
            assert_eq!(
                figure(&stats, "按学历", group),
                n(want),
                "{group}, seed {seed}"
            );
        }
        // 党龄 from 转正, full members only.
        let standing: Vec<i32> = full
            .iter()
            .filter_map(|p| full_date(p).map(|f| full_years(f, as_of)))
            .collect();
        for (label, lo, hi) in [
            ("5年及以下", 0, 5),
            ("6年至10年", 6, 10),
            ("11年至20年", 11, 20),
            ("21年至30年", 21, 30),
            ("31年至40年", 31, 40),
            ("41年至50年", 41, 50),
            ("51年及以上", 51, 200),
        ] {
            let want = standing.iter().filter(|a| (lo..=hi).contains(*a)).count();
            assert_eq!(
                figure(&stats, "按党龄", label),
                n(want),
                "{label}, seed {seed}"
            );
        }
        assert_eq!(
            figure(&stats, "按党龄", "预备党员（未计党龄）"),
            n(here.len() - full.len())
        );
        // The year's moves, of members whose 组织关系 is here.
        let ours = |p: &&Person| is_member(p) && !p.elsewhere;
        let in_year = |d: NaiveDate| d.year() == YEAR;
        let t = "本年党员变动";
        assert_eq!(
            figure(&stats, t, "发展党员（接收预备党员）"),
            n(people
                .iter()
                .filter(ours)
                .filter(|p| p.joined.is_some_and(in_year))
                .count())
        );
        assert_eq!(
            figure(&stats, t, "预备党员转正"),
            n(people
                .iter()
                .filter(ours)
                .filter(|p| p.category == Category::Full && full_date(p).is_some_and(in_year))
                .count())
        );
        assert_eq!(
            figure(&stats, t, "组织关系转入"),
            n(people
                .iter()
                .filter(ours)
                .filter(|p| p.came_by_transfer && in_year(p.since))
                .count())
        );
        for (label, reason) in [
            ("组织关系转出", MembershipReason::Transfer),
            ("去世", MembershipReason::Deceased),
            ("出党、除名", MembershipReason::Removed),
            ("其他原因离开", MembershipReason::Other),
        ] {
            let want = people
                .iter()
                .filter(ours)
                .filter(|p| p.left.is_some_and(|(d, r)| in_year(d) && r == reason))
                .count();
            assert_eq!(figure(&stats, t, label), n(want), "{label}, seed {seed}");
        }
        // People in development, in the branch on 31 December.
        for (label, cat) in [
            ("发展对象", Category::Candidate),
            ("入党积极分子", Category::Activist),
            ("入党申请人", Category::Applicant),
        ] {
            let want = people
                .iter()
                .filter(in_branch)
                .filter(|p| p.category == cat)
                .count();
            assert_eq!(
                figure(&stats, "发展党员工作", label),
                n(want),
                "{label}, seed {seed}"
            );
        }
        let elsewhere: Vec<&Person> = people
            .iter()
            .filter(in_branch)
            .filter(is_member)
            .filter(|p| p.elsewhere)
            .collect();
        let t = "在本支部参加组织生活的其他党员";
        assert_eq!(
            figure(&stats, t, "组织关系在其他党组织的党员"),
            n(elsewhere.len())
        );
        assert_eq!(
            figure(&stats, t, "其中流动党员"),
            n(elsewhere.iter().filter(|p| p.mobile).count())
        );
        // A joint branch: members by the organization they work in.
        for (i, org) in ORGS.iter().enumerate() {
            let want = here.iter().filter(|p| p.org == Some(i)).count();
            assert_eq!(
                figure(&stats, "联合支部覆盖单位的党员", org),
                n(want),
                "{org}"
            );
        }
        assert_eq!(
            figure(&stats, "联合支部覆盖单位的党员", "未注明单位"),
            n(here.iter().filter(|p| p.org.is_none()).count())
        );
        // The generation reached every band that matters, so no assertion above was vacuous.
        assert!(
            here.len() > 250 && full.len() > 200,
            "seed {seed}: {} here",
            here.len()
        );
        assert!(figure(&stats, "本年党员变动", "组织关系转出") > 0);
        assert!(figure(&stats, "本年党员变动", "预备党员转正") > 0);
    }
}

/// The Excel file holds every row of every table with its count, and the share as a fraction
/// of the members, as the committee's own sheets read it.
#[test]
fn the_statistics_workbook_holds_every_figure() {
    use calamine::{Data, Reader, Xlsx};
    let (s, _) = generate(42);
    let stats = s.statistics(YEAR, today()).expect("statistics");
    let bytes = s.statistics_xlsx(YEAR, today()).expect("xlsx");
    let mut book = Xlsx::new(std::io::Cursor::new(bytes)).expect("opens");
    let sheet = book.worksheet_range("2025年党内统计").expect("sheet");
    let rows: Vec<&[Data]> = sheet.rows().collect();
    let mut checked = 0;
    for t in &stats.tables {
        let start = rows
            .iter()
            .position(|r| r.first().map(|c| c.to_string()) == Some(t.title.clone()))
            .unwrap_or_else(|| panic!("no table {}", t.title));
        for (i, row) in t.rows.iter().enumerate() {
            let cells = rows[start + 2 + i];
            assert_eq!(cells[0].to_string(), row.label, "{}", t.title);
            assert_eq!(cells[1], Data::Float(f64::from(row.count)), "{}", row.label);
            if t.shares {
                let share = f64::from(row.count) / f64::from(stats.members);
                assert_eq!(cells[2], Data::Float(share), "{}", row.label);
            }
            checked += 1;
        }
    }
    assert!(checked > 40, "{checked} rows");
}
