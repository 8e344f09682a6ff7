//! Writing a person: adding, editing and moving their membership in and out of the branch,
//! each in one transaction with the checks that decide it.
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};

use super::validate::{validate, Valid};
use super::{
    date_text, Direction, Member, MemberInput, MemberStatus, MembershipReason, TransferInput,
};
use crate::check::Check;
use crate::dates;
use crate::error::{Error, ErrorKind, Result};
use crate::store::Store;

impl Store {
    pub fn add_member(&mut self, input: &MemberInput, today: NaiveDate) -> Result<Member> {
        // The duplicate-ID check runs inside the write's transaction.
        let id = self.immediate(|s| insert_member(&s.conn, input, today))?;
        self.member(id)
    }

    /// Edits a person's facts; membership moves are recorded with `transfer_out`/`transfer_in`.
    pub fn update_member(
        &mut self,
        id: i64,
        input: &MemberInput,
        today: NaiveDate,
    ) -> Result<Member> {
        self.immediate(|s| {
            let before = s.member(id)?;
            let mut input = input.clone();
            // `since` belongs to the membership events, not to this form.
            input.since = date_text(Some(before.since));
            rewrite_member(&s.conn, id, &input, today)
        })?;
        self.member(id)
    }

    /// Records that a person's membership left the branch (转出, 去世, 出党...). The person stays
    /// on record, marked left.
    pub fn transfer_out(
        &mut self,
        member_id: i64,
        input: &TransferInput,
        today: NaiveDate,
    ) -> Result<Member> {
        self.immediate(|s| s.record_move(member_id, Direction::Out, input, today))
    }

    /// Records that a person who had left came back into the branch.
    pub fn transfer_in(
        &mut self,
        member_id: i64,
        input: &TransferInput,
        today: NaiveDate,
    ) -> Result<Member> {
        self.immediate(|s| s.record_move(member_id, Direction::In, input, today))
    }

    fn record_move(
        &mut self,
        member_id: i64,
        dir: Direction,
        input: &TransferInput,
        today: NaiveDate,
    ) -> Result<Member> {
        let m = self.member(member_id)?;
        let mut c = Check::default();
        let date = c.date("date", "日期", Some(&input.date), today);
        if input.date.trim().is_empty() {
            c.fail("date", "请填写日期");
        }
        let org = c.text("org", "单位", &input.org, 100);
        let letter_no = c.text("letter_no", "介绍信编号", &input.letter_no, 40);
        let last = match dir {
            Direction::Out if m.status == MemberStatus::Left => {
                return Err(Error::new(
                    ErrorKind::Conflict,
                    format!("{}已不在本支部", m.name),
                ));
            }
            Direction::In if m.status == MemberStatus::Active => {
                return Err(Error::new(
                    ErrorKind::Conflict,
                    format!("{}已在本支部", m.name),
                ));
            }
            Direction::Out => m.since,
            Direction::In => m.left_date.unwrap_or(m.since),
        };
        if date.is_some_and(|d| d < last) {
            c.fail("date", format!("日期不能早于{}", dates::format_cn(last)));
        }
        let reason = input.reason.unwrap_or(MembershipReason::Transfer);
        if dir == Direction::In
            && !matches!(reason, MembershipReason::Transfer | MembershipReason::Other)
        {
            c.fail("reason", "转入只能是组织关系转入或其他");
        }
        c.finish()?;
        let kind = if dir == Direction::In { "in" } else { "out" };
        self.conn.execute(
            "INSERT INTO membership_event (member_id, kind, date, reason, org, letter_no)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                member_id,
                kind,
                date_text(date),
                reason.code(),
                org,
                letter_no
            ],
        )?;
        self.member(member_id)
    }

    /// Records the day the 回执 of a person's latest transfer out came back.
    pub fn record_receipt(&mut self, member_id: i64, date: &str, today: NaiveDate) -> Result<()> {
        self.immediate(|s| {
            let m = s.member(member_id)?;
            let mut c = Check::default();
            let on = c.date("receipt_on", "回执日期", Some(date), today);
            if date.trim().is_empty() {
                c.fail("receipt_on", "请填写收到回执的日期");
            }
            let last = s
                .membership_events(member_id)?
                .into_iter()
                .rfind(|e| e.direction == Direction::Out && e.reason == MembershipReason::Transfer);
            let Some(event) = last else {
                return Err(Error::new(
                    ErrorKind::Conflict,
                    format!("{}没有组织关系转出记录", m.name),
                ));
            };
            if on.is_some_and(|d| d < event.date) {
                c.fail("receipt_on", "回执日期不能早于转出日期");
            }
            c.finish()?;
            s.conn.execute(
                "UPDATE membership_event SET receipt_on = ?1 WHERE id = ?2",
                params![date_text(on), event.id],
            )?;
            Ok(())
        })
    }
}

/// The stored fields of a person, named once for both inserting and updating, so the two
/// can never disagree about which columns exist.
const FIELDS: [&str; 22] = [
    "name",
    "id_number",
    "sex",
    "birth_date",
    "ethnicity",
    "native_place",
    "education",
    "work_started",
    "category",
    "joined",
    "probation_extension_months",
    "position",
    "phone",
    "address",
    "is_mobile",
    "lost_contact",
    "note",
    "membership_elsewhere",
    "membership_org",
    "dues_here",
    "org_id",
    "retired",
];

fn field_values(v: &Valid) -> [rusqlite::types::Value; 22] {
    use rusqlite::types::Value;
    [
        v.name.clone().into(),
        v.id_number.clone().into(),
        v.sex.code().to_string().into(),
        Value::from(date_text(Some(v.birth_date))),
        v.ethnicity.clone().into(),
        v.native_place.clone().into(),
        v.education.clone().into(),
        Value::from(date_text(v.work_started)),
        v.category.code().to_string().into(),
        Value::from(date_text(v.joined)),
        v.probation_extension_months.into(),
        v.position.clone().into(),
        v.phone.clone().into(),
        v.address.clone().into(),
        v.is_mobile.into(),
        v.lost_contact.into(),
        v.note.clone().into(),
        v.membership_elsewhere.into(),
        v.membership_org.clone().into(),
        v.dues_here.into(),
        Value::from(v.org_id),
        v.retired.into(),
    ]
}

/// Validates and adds one person with their arrival in the branch, inside the caller's
/// transaction (a form's single add, or every row of an import at once).
pub(crate) fn insert_member(
    tx: &rusqlite::Connection,
    input: &MemberInput,
    today: NaiveDate,
) -> Result<i64> {
    let mut v = validate(input, today)?;
    v.org_id = organization_of(tx, v.org_id)?;
    refuse_duplicate_id(tx, &v.id_number, None)?;
    let id = write_member(tx, None, &v)?;
    tx.execute(
        "INSERT INTO membership_event (member_id, kind, date, reason, org) VALUES (?1, 'in', ?2, ?3, ?4)",
        params![id, date_text(Some(v.since)), v.since_reason.code(), v.since_org],
    )?;
    Ok(id)
}

/// Validates and stores a person's facts over the existing record, inside the caller's
/// transaction; `input.since` must carry the record's own arrival date.
pub(crate) fn rewrite_member(
    tx: &rusqlite::Connection,
    id: i64,
    input: &MemberInput,
    today: NaiveDate,
) -> Result<()> {
    let mut v = validate(input, today)?;
    v.org_id = organization_of(tx, v.org_id)?;
    refuse_duplicate_id(tx, &v.id_number, Some(id))?;
    write_member(tx, Some(id), &v)?;
    Ok(())
}

/// The field messages a form would show for `input`; empty when it would be accepted.
pub(crate) fn problems(input: &MemberInput, today: NaiveDate) -> Vec<String> {
    match validate(input, today) {
        Ok(_) => Vec::new(),
        Err(e) if e.fields.is_empty() => vec![e.message],
        Err(e) => e.fields.into_iter().map(|f| f.message).collect(),
    }
}

fn write_member(tx: &rusqlite::Connection, id: Option<i64>, v: &Valid) -> Result<i64> {
    crate::store::write_row(tx, "member", &FIELDS, field_values(v).into(), id)
}

/// The organization a person works in: the one chosen, which must exist; with none chosen,
/// the branch's only organization when it has one (most branches cover one).
fn organization_of(conn: &rusqlite::Connection, chosen: Option<i64>) -> Result<Option<i64>> {
    match chosen {
        Some(id) => {
            let known: bool = conn.query_row(
                "SELECT EXISTS (SELECT 1 FROM organization WHERE id = ?1)",
                [id],
                |r| r.get(0),
            )?;
            if known {
                Ok(Some(id))
            } else {
                Err(Error::field("org_id", "所选的工作单位已不存在，请重新选择"))
            }
        }
        None => {
            let only: Vec<i64> = conn
                .prepare("SELECT id FROM organization LIMIT 2")?
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            Ok(if only.len() == 1 { Some(only[0]) } else { None })
        }
    }
}

fn refuse_duplicate_id(
    conn: &rusqlite::Connection,
    id_number: &str,
    except: Option<i64>,
) -> Result<()> {
    let other: Option<String> = conn
        .query_row(
            "SELECT name FROM member WHERE id_number = ?1 AND id IS NOT ?2",
            params![id_number, except],
            |r| r.get(0),
        )
        .optional()?;
    match other {
        Some(name) => Err(Error::field(
            "id_number",
            format!("该公民身份号码已登记在“{name}”名下"),
        )),
        None => Ok(()),
    }
}
