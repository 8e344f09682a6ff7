//! The dues ledger with fixed dates: standards from the 2008 rules, months due from
//! membership, a whole month entered at once, back payment, arrears toward six months.
mod common;

use chrono::NaiveDate;
use common::{full_member, store, today};
use zhibu_core::dues::{DuesBasisInput, DuesCategory, PaymentInput};
use zhibu_core::member::{Category, MemberInput, TransferInput};
use zhibu_core::Store;

fn d(s: &str) -> NaiveDate {
    zhibu_core::dates::parse(s).expect("date")
}

fn in_service(income: &str) -> DuesBasisInput {
    DuesBasisInput {
        category: Some(DuesCategory::InService),
        income: income.into(),
        ..Default::default()
    }
}

fn add(s: &mut Store, name: &str, birth: &str, seq: u32, joined: &str) -> i64 {
    s.add_member(&full_member(name, birth, seq, joined), today())
        .expect("member")
        .id
}

fn pay(s: &mut Store, ids: &[i64], months: &[u32], on: &str) -> zhibu_core::dues::PaymentResult {
    s.record_dues(
        &PaymentInput {
            member_ids: ids.to_vec(),
            year: 2026,
            months: months.to_vec(),
            paid_on: on.into(),
            proxy: String::new(),
        },
        today(),
    )
    .expect("recorded")
}

#[test]
fn the_standard_is_computed_from_category_and_income_and_kept_with_its_version() {
    let mut s = store();
    let a = add(&mut s, "王建国", "1968-03-15", 11, "1995-07-01");
    let b = s
        .set_dues_basis(a, 2026, &in_service("4,800"))
        .expect("basis");
    assert_eq!((b.computed_fen, b.rule.as_str()), (4800, "1%"));
    assert_eq!(b.standard, "2008");
    let retired = s
        .set_dues_basis(
            a,
            2026,
            &DuesBasisInput {
                category: Some(DuesCategory::Retired),
                income: "4200".into(),
                ..Default::default()
            },
        )
        .expect("retired");
    assert_eq!(
        (retired.computed_fen, retired.rule.as_str()),
        (2100, "0.5%")
    );
    let student = s
        .set_dues_basis(
            a,
            2026,
            &DuesBasisInput {
                category: Some(DuesCategory::Student),
                ..Default::default()
            },
        )
        .expect("student");
    assert_eq!(student.monthly_fen(), 20);

    // Pay needs an income; the branch's own amount needs a reason.
    let e = s
        .set_dues_basis(a, 2026, &in_service(""))
        .expect_err("income");
    assert!(e.fields.iter().any(|f| f.field == "income"));
    let e = s
        .set_dues_basis(
            a,
            2026,
            &DuesBasisInput {
                override_amount: "100".into(),
                ..in_service("4800")
            },
        )
        .expect_err("reason");
    assert_eq!(e.fields[0].field, "override_reason");
    let own = s
        .set_dues_basis(
            a,
            2026,
            &DuesBasisInput {
                override_amount: "100".into(),
                override_reason: "本人自愿多交".into(),
                ..in_service("4800")
            },
        )
        .expect("override");
    assert_eq!((own.computed_fen, own.monthly_fen()), (4800, 10000));
}

#[test]
fn months_are_due_while_a_member_of_the_branch_probationary_from_admission() {
    let mut s = store();
    let old = add(&mut s, "王建国", "1968-03-15", 11, "1995-07-01");
    let newcomer = s
        .add_member(
            &MemberInput {
                category: Some(Category::Probationary),
                ..full_member("李䶮", "1998-11-02", 51, "2026-05-20")
            },
            today(),
        )
        .expect("probationary")
        .id;
    let leaver = add(&mut s, "周敏", "1979-12-08", 62, "2005-07-01");
    s.transfer_out(
        leaver,
        &TransferInput {
            date: "2026-08-15".into(),
            reason: None,
            org: "中共某街道委员会".into(),
            letter_no: String::new(),
        },
        today(),
    )
    .expect("out");
    for id in [old, newcomer, leaver] {
        s.set_dues_basis(id, 2026, &in_service("3000"))
            .expect("basis");
    }
    let y = s.dues_year(2026, today()).expect("ledger");
    let due = |id: i64| -> Vec<u32> {
        y.rows
            .iter()
            .find(|r| r.member_id == id)
            .expect("row")
            .months
            .iter()
            .filter(|m| m.due)
            .map(|m| m.month)
            .collect()
    };
    assert_eq!(due(old), (1..=12).collect::<Vec<_>>());
    assert_eq!(
        due(newcomer),
        (5..=12).collect::<Vec<_>>(),
        "from the admission month"
    );
    assert_eq!(
        due(leaver),
        (1..=7).collect::<Vec<_>>(),
        "until the transfer"
    );
    let row = y
        .rows
        .iter()
        .find(|r| r.member_id == newcomer)
        .expect("row");
    assert_eq!(row.due_fen, 1500 * 8, "全年应缴: 8 months at 15元");
}

#[test]
fn a_whole_month_is_entered_in_one_pass_and_a_quarter_for_one_member() {
    let mut s = store();
    let a = add(&mut s, "王建国", "1968-03-15", 11, "1995-07-01");
    let b = add(&mut s, "钱慧敏", "1985-03-01", 22, "2010-06-28");
    for id in [a, b] {
        s.set_dues_basis(id, 2026, &in_service("6000"))
            .expect("basis");
    }
    let r = pay(&mut s, &[a, b], &[1], "2026-01-20");
    assert_eq!(r.recorded, 2);
    assert_eq!(r.ledger.month_paid_fen[0], 2 * 9000);
    // Entering the month again records nothing twice.
    assert_eq!(pay(&mut s, &[a, b], &[1], "2026-01-21").recorded, 0);
    // A quarter at once, by proxy.
    let q = s
        .record_dues(
            &PaymentInput {
                member_ids: vec![b],
                year: 2026,
                months: vec![10, 11, 12],
                paid_on: "2026-10-08".into(),
                proxy: "王建国".into(),
            },
            today(),
        )
        .expect("quarter");
    assert_eq!(q.recorded, 3);
    let row = q
        .ledger
        .rows
        .iter()
        .find(|r| r.member_id == b)
        .expect("row");
    assert_eq!(row.paid_fen, 4 * 9000);
    assert_eq!(row.months[11].proxy, "王建国");

    // Someone without a standard: nothing of the batch is recorded.
    let c = add(&mut s, "孙浩然", "1990-05-20", 31, "2015-07-01");
    let e = s
        .record_dues(
            &PaymentInput {
                member_ids: vec![a, c],
                year: 2026,
                months: vec![2],
                paid_on: "2026-02-20".into(),
                proxy: String::new(),
            },
            today(),
        )
        .expect_err("no basis");
    assert!(
        e.message.contains("孙浩然还没有2026年的党费标准"),
        "{}",
        e.message
    );
    let y = s.dues_year(2026, today()).expect("ledger");
    assert!(
        y.rows.iter().find(|r| r.member_id == a).expect("a").months[1]
            .paid_fen
            .is_none()
    );
    // A date in the future is refused.
    let e = s
        .record_dues(
            &PaymentInput {
                member_ids: vec![a],
                year: 2026,
                months: vec![2],
                paid_on: "2026-12-01".into(),
                proxy: String::new(),
            },
            today(),
        )
        .expect_err("future");
    assert_eq!(e.fields[0].field, "paid_on");
    s.delete_dues_payment(a, 2026, 1).expect("taken back");
    assert!(s.delete_dues_payment(a, 2026, 1).is_err());
}

#[test]
fn back_payment_over_six_months_is_recorded_with_a_warning() {
    let mut s = store();
    let a = add(&mut s, "王建国", "1968-03-15", 11, "1995-07-01");
    s.set_dues_basis(a, 2026, &in_service("3000"))
        .expect("basis");
    let r = pay(&mut s, &[a], &[4, 5, 6], "2026-11-26");
    assert_eq!(r.recorded, 3);
    // May and June are within six months of 26 November; April is not.
    assert_eq!(r.warnings.len(), 1, "{:?}", r.warnings);
    assert!(r.warnings[0].contains("补缴2026年4月的党费，已相隔7个月"));
}

#[test]
fn unpaid_months_in_a_row_join_the_home_page_warnings() {
    let mut s = store();
    let a = add(&mut s, "王建国", "1968-03-15", 11, "1995-07-01");
    let b = add(&mut s, "钱慧敏", "1985-03-01", 22, "2010-06-28");
    let c = add(&mut s, "孙浩然", "1990-05-20", 31, "2015-07-01");
    for id in [a, b, c] {
        s.set_dues_basis(id, 2026, &in_service("3000"))
            .expect("basis");
    }
    pay(&mut s, &[a, b, c], &[1, 2, 3, 4], "2026-04-30");
    pay(&mut s, &[b], &[5, 6, 7], "2026-07-30");
    pay(&mut s, &[c], &[5, 6, 7, 8, 9, 10], "2026-10-20");
    // As of 26 November (November's dues are still being collected): 王建国 has not paid
    // May–October (6), 钱慧敏 August–October (3); 孙浩然 is up to date.
    let arrears = s.dues_arrears(today(), 3).expect("arrears");
    assert_eq!(
        arrears,
        vec![("王建国".to_string(), 6), ("钱慧敏".to_string(), 3)]
    );
    let home = s.home(today()).expect("home");
    let dues: Vec<_> = home
        .report
        .reminders
        .iter()
        .filter(|r| r.kind == "dues")
        .collect();
    assert_eq!(dues.len(), 2);
    assert!(dues[0]
        .message
        .starts_with("王建国已连续6个月未交纳党费，达到六个月界线"));
    assert_eq!(dues[0].level, "danger");
    assert_eq!(dues[1].message, "钱慧敏已连续3个月未交纳党费");
    assert_eq!(dues[1].level, "warning");
}

#[test]
fn a_run_of_unpaid_months_continues_across_the_new_year() {
    let mut s = store();
    let a = add(&mut s, "王建国", "1968-03-15", 11, "1995-07-01");
    for year in [2025, 2026] {
        s.set_dues_basis(a, year, &in_service("3000"))
            .expect("basis");
    }
    s.record_dues(
        &PaymentInput {
            member_ids: vec![a],
            year: 2025,
            months: (1..=10).collect(),
            paid_on: "2025-10-30".into(),
            proxy: String::new(),
        },
        today(),
    )
    .expect("2025");
    let as_of = d("2026-02-10");
    assert_eq!(
        s.dues_arrears(as_of, 1).expect("arrears"),
        vec![("王建国".to_string(), 3)],
        "November, December, January (February is still being collected)"
    );
}

#[test]
fn without_a_ledger_in_the_program_there_are_no_dues_warnings() {
    let mut s = store();
    add(&mut s, "王建国", "1968-03-15", 11, "1995-07-01");
    assert!(s.dues_arrears(today(), 1).expect("arrears").is_empty());
}

#[test]
fn a_month_is_overdue_once_it_has_ended_unpaid() {
    let mut s = store();
    let a = add(&mut s, "王建国", "1968-03-15", 11, "1995-07-01");
    s.set_dues_basis(a, 2026, &in_service("4800"))
        .expect("basis");
    pay(&mut s, &[a], &[1], "2026-01-20");
    let overdue = |as_of: &str, month: usize| {
        s.dues_year(2026, d(as_of)).expect("ledger").rows[0].months[month - 1].overdue
    };
    assert!(!overdue("2026-11-26", 1), "paid");
    assert!(overdue("2026-11-26", 10), "October has ended unpaid");
    assert!(
        !overdue("2026-11-26", 11),
        "November is still being collected"
    );
    assert!(!overdue("2026-11-26", 12));
    assert!(
        !overdue("2026-11-30", 11),
        "the last day still belongs to the month"
    );
    assert!(overdue("2026-03-01", 2), "February has ended");
    // A month not due is never overdue.
    let newcomer = s
        .add_member(
            &MemberInput {
                category: Some(Category::Probationary),
                ..full_member("李䶮", "1998-11-02", 51, "2026-05-20")
            },
            today(),
        )
        .expect("probationary")
        .id;
    s.set_dues_basis(newcomer, 2026, &in_service("3000"))
        .expect("basis");
    let y = s.dues_year(2026, today()).expect("ledger");
    let row = y
        .rows
        .iter()
        .find(|r| r.member_id == newcomer)
        .expect("row");
    assert!(!row.months[2].overdue, "March, before admission");
    assert!(row.months[5].overdue, "June, after admission, unpaid");
}
