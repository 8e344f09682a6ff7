//! The organizations a branch covers: one for most, up to five for a joint branch (联合党支部).
//! Each has its 统一社会信用代码 (GB 32100-2015, check character validated), type, registrar,
//! head, staff, whether Party building is written into its charter (党建入章), the committee's
//! management posts (双向进入、交叉任职) and its 党建工作指导员 with their visits. Every person
//! of the roster works in one of them; the facts per organization feed the home page and
//! the report.
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::branch::OrgType;
use crate::check::Check;
use crate::dates;
use crate::error::{Error, ErrorKind, Result};
use crate::member::{Member, MemberStatus};
use crate::store::Store;

/// A joint branch covers at most this many organizations.
pub const MAX_ORGANIZATIONS: usize = 5;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct InstructorVisit {
    pub date: NaiveDate,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Organization {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub credit_code: String,
    pub org_type: OrgType,
    pub registrar: String,
    pub supervisor: String,
    pub head: String,
    pub head_is_member: bool,
    pub staff: Option<u32>,
    pub charter: bool,
    pub charter_date: Option<NaiveDate>,
    pub cross_posts: String,
    pub secretary_in_management: bool,
    pub instructor: String,
    pub instructor_unit: String,
    pub visits: Vec<InstructorVisit>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export, optional_fields = nullable)]
pub struct OrganizationInput {
    pub name: String,
    pub credit_code: String,
    pub org_type: OrgType,
    pub registrar: String,
    pub supervisor: String,
    pub head: String,
    pub head_is_member: bool,
    pub staff: Option<u32>,
    pub charter: bool,
    pub charter_date: Option<String>,
    pub cross_posts: String,
    pub secretary_in_management: bool,
    pub instructor: String,
    pub instructor_unit: String,
    /// Visits as dates (and notes); the whole list is replaced on save.
    pub visits: Vec<VisitInput>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct VisitInput {
    pub date: String,
    pub note: String,
}

impl Default for OrganizationInput {
    fn default() -> Self {
        OrganizationInput {
            name: String::new(),
            credit_code: String::new(),
            org_type: OrgType::SocialGroup,
            registrar: String::new(),
            supervisor: String::new(),
            head: String::new(),
            head_is_member: false,
            staff: None,
            charter: false,
            charter_date: None,
            cross_posts: String::new(),
            secretary_in_management: false,
            instructor: String::new(),
            instructor_unit: String::new(),
            visits: Vec::new(),
        }
    }
}

/// What the home page and the report say of one organization.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct OrgFacts {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    /// Party members working there whose 组织关系 is here (full and probationary).
    pub members: u32,
    pub full_members: u32,
    /// Party members working there whose 组织关系 is elsewhere.
    pub elsewhere: u32,
    pub charter: bool,
    pub head_is_member: bool,
    pub staff: Option<u32>,
    /// No full member works there: the branch reaches it only through others.
    pub no_full_member: bool,
}

/// The characters of a 统一社会信用代码 in the order of their values (GB 32100-2015: the
/// digits and the capitals without I, O, Z, S, V).
const CODE_CHARS: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const CODE_WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// Checks a 统一社会信用代码: 18 characters of the code's alphabet whose last is the check
/// character of the first 17. Returns the code in capitals, or the reason it is wrong.
pub fn check_credit_code(code: &str) -> std::result::Result<String, String> {
    let code: String = code.trim().to_uppercase();
    let n = code.chars().count();
    if n != 18 {
        return Err(format!("统一社会信用代码应为18位，这里是{n}位"));
    }
    let mut values = Vec::with_capacity(18);
    for c in code.chars() {
        match CODE_CHARS.find(c) {
            Some(v) => values.push(v as u32),
            None => {
                return Err(format!(
                    "统一社会信用代码中不应有“{c}”（不使用字母I、O、Z、S、V）"
                ))
            }
        }
    }
    let sum: u32 = values[..17]
        .iter()
        .zip(CODE_WEIGHTS)
        .map(|(v, w)| v * w)
        .sum();
    let check = (31 - sum % 31) % 31;
    if values[17] != check {
        return Err("统一社会信用代码的最后一位校验码不对，请核对营业执照或登记证书".into());
    }
    Ok(code)
}

impl Store {
    pub fn organizations(&self) -> Result<Vec<Organization>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, name, credit_code, org_type, registrar, supervisor, head, head_is_member,
                staff, charter, charter_date, cross_posts, secretary_in_management, instructor,
                instructor_unit
             FROM organization ORDER BY position, id",
        )?;
        let rows = stmt.query_map([], |r| {
            let org_type: String = r.get(3)?;
            Ok(Organization {
                id: r.get(0)?,
                name: r.get(1)?,
                credit_code: r.get(2)?,
                org_type: OrgType::parse(&org_type).unwrap_or(OrgType::Other),
                registrar: r.get(4)?,
                supervisor: r.get(5)?,
                head: r.get(6)?,
                head_is_member: r.get(7)?,
                staff: r.get(8)?,
                charter: r.get(9)?,
                charter_date: r
                    .get::<_, Option<String>>(10)?
                    .and_then(|s| dates::parse(&s)),
                cross_posts: r.get(11)?,
                secretary_in_management: r.get(12)?,
                instructor: r.get(13)?,
                instructor_unit: r.get(14)?,
                visits: Vec::new(),
            })
        })?;
        let mut list = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        let mut stmt = self.conn.prepare(
            "SELECT date, note FROM instructor_visit WHERE org_id = ?1 ORDER BY date, id",
        )?;
        for org in &mut list {
            org.visits = stmt
                .query_map([org.id], |r| {
                    Ok(InstructorVisit {
                        date: dates::parse(&r.get::<_, String>(0)?).unwrap_or_default(),
                        note: r.get(1)?,
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
        }
        Ok(list)
    }

    pub fn organization(&self, id: i64) -> Result<Organization> {
        self.organizations()?
            .into_iter()
            .find(|o| o.id == id)
            .ok_or_else(|| Error::not_found("这个单位"))
    }

    /// Adds an organization (`id` none) or replaces one's facts; all fields are checked first
    /// and nothing is written unless every one is right.
    pub fn save_organization(
        &mut self,
        id: Option<i64>,
        input: &OrganizationInput,
        today: NaiveDate,
    ) -> Result<Organization> {
        self.immediate(|s| {
            let mut c = Check::default();
            let name = c.text("name", "单位名称", &input.name, 60);
            if name.is_empty() {
                c.fail("name", "请填写单位名称");
            }
            let credit_code = if input.credit_code.trim().is_empty() {
                String::new()
            } else {
                match check_credit_code(&input.credit_code) {
                    Ok(code) => code,
                    Err(message) => {
                        c.fail("credit_code", message);
                        String::new()
                    }
                }
            };
            let registrar = c.text("registrar", "登记管理机关", &input.registrar, 60);
            let supervisor = c.text("supervisor", "业务主管单位", &input.supervisor, 60);
            let head = c.text("head", "负责人", &input.head, 30);
            let cross_posts = c.text("cross_posts", "交叉任职情况", &input.cross_posts, 300);
            let instructor = c.text("instructor", "党建工作指导员", &input.instructor, 30);
            let instructor_unit = c.text(
                "instructor_unit",
                "指导员所在单位",
                &input.instructor_unit,
                60,
            );
            let charter_date = c.date(
                "charter_date",
                "写入章程日期",
                input.charter_date.as_deref(),
                today,
            );
            if input.staff.is_some_and(|n| n > 1_000_000) {
                c.fail("staff", "从业人员数不正确");
            }
            let mut visits = Vec::new();
            for v in &input.visits {
                if let Some(d) = c.date("visits", "指导员到访日期", Some(&v.date), today) {
                    visits.push((d, c.text("visits", "到访情况", &v.note, 200)));
                } else if v.date.trim().is_empty() {
                    c.fail("visits", "请填写指导员到访日期");
                }
            }
            if let Some(id) = id {
                s.organization(id)?;
            } else {
                let n: i64 = s
                    .conn
                    .query_row("SELECT COUNT(*) FROM organization", [], |r| r.get(0))?;
                if n as usize >= MAX_ORGANIZATIONS {
                    c.fail(
                        "name",
                        format!("一个联合党支部覆盖的单位一般不超过{MAX_ORGANIZATIONS}个"),
                    );
                }
            }
            let same: Option<i64> = s
                .conn
                .query_row(
                    "SELECT id FROM organization WHERE name = ?1 AND id IS NOT ?2",
                    params![name, id],
                    |r| r.get(0),
                )
                .optional()?;
            if same.is_some() {
                c.fail("name", format!("“{name}”已在本支部的单位中"));
            }
            if !credit_code.is_empty() {
                let dup: Option<String> = s
                    .conn
                    .query_row(
                        "SELECT name FROM organization WHERE credit_code = ?1 AND id IS NOT ?2",
                        params![credit_code, id],
                        |r| r.get(0),
                    )
                    .optional()?;
                if let Some(other) = dup {
                    c.fail(
                        "credit_code",
                        format!("该统一社会信用代码已登记为“{other}”"),
                    );
                }
            }
            c.finish()?;
            let fields = [
                "name",
                "credit_code",
                "org_type",
                "registrar",
                "supervisor",
                "head",
                "head_is_member",
                "staff",
                "charter",
                "charter_date",
                "cross_posts",
                "secretary_in_management",
                "instructor",
                "instructor_unit",
                "position",
            ];
            use rusqlite::types::Value;
            let position: i64 = match id {
                Some(id) => s.conn.query_row(
                    "SELECT position FROM organization WHERE id = ?1",
                    [id],
                    |r| r.get(0),
                )?,
                None => s.conn.query_row(
                    "SELECT COALESCE(MAX(position) + 1, 0) FROM organization",
                    [],
                    |r| r.get(0),
                )?,
            };
            let values: Vec<Value> = vec![
                name.into(),
                credit_code.into(),
                input.org_type.code().to_string().into(),
                registrar.into(),
                supervisor.into(),
                head.into(),
                input.head_is_member.into(),
                Value::from(input.staff.map(i64::from)),
                input.charter.into(),
                Value::from(
                    charter_date
                        .filter(|_| input.charter)
                        .map(|d| d.to_string()),
                ),
                cross_posts.into(),
                input.secretary_in_management.into(),
                instructor.into(),
                instructor_unit.into(),
                position.into(),
            ];
            let id = crate::store::write_row(&s.conn, "organization", &fields, values, id)?;
            s.conn
                .execute("DELETE FROM instructor_visit WHERE org_id = ?1", [id])?;
            for (d, note) in visits {
                s.conn.execute(
                    "INSERT INTO instructor_visit (org_id, date, note) VALUES (?1, ?2, ?3)",
                    params![id, d.to_string(), note],
                )?;
            }
            s.organization(id)
        })
    }

    /// Removes an organization nobody works in.
    pub fn delete_organization(&mut self, id: i64) -> Result<()> {
        self.immediate(|s| {
            let org = s.organization(id)?;
            let staff: i64 =
                s.conn
                    .query_row("SELECT COUNT(*) FROM member WHERE org_id = ?1", [id], |r| {
                        r.get(0)
                    })?;
            if staff > 0 {
                return Err(Error::new(
                    ErrorKind::Conflict,
                    format!("名册中有{staff}人在“{}”工作，请先改为其他单位", org.name),
                ));
            }
            s.conn
                .execute("DELETE FROM organization WHERE id = ?1", [id])?;
            Ok(())
        })
    }

    /// The facts of each organization on `today`, in the branch's order.
    pub fn org_facts(&self, today: NaiveDate) -> Result<Vec<OrgFacts>> {
        self.org_facts_of(today, &self.all_members()?)
    }

    pub(crate) fn org_facts_of(
        &self,
        today: NaiveDate,
        members: &[Member],
    ) -> Result<Vec<OrgFacts>> {
        let party = |m: &&Member| {
            m.status == MemberStatus::Active
                && m.category.is_member()
                && m.joined.is_some_and(|j| j <= today)
        };
        Ok(self
            .organizations()?
            .into_iter()
            .map(|o| {
                let here: Vec<&Member> = members
                    .iter()
                    .filter(party)
                    .filter(|m| m.org_id == Some(o.id))
                    .collect();
                let full = here.iter().filter(|m| m.votes_here_on(today)).count() as u32;
                OrgFacts {
                    id: o.id,
                    name: o.name,
                    members: here.iter().filter(|m| m.belongs_here()).count() as u32,
                    full_members: full,
                    elsewhere: here.iter().filter(|m| !m.belongs_here()).count() as u32,
                    charter: o.charter,
                    head_is_member: o.head_is_member,
                    staff: o.staff,
                    no_full_member: full == 0,
                }
            })
            .collect())
    }
}
