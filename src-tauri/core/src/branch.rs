//! The branch profile (支部概况): names, the organization it sits in, its superior
//! committee, its term, and who holds which committee role.
use std::path::Path;

use chrono::NaiveDate;
use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::check::Check;
use crate::dates;
use crate::error::{Error, ErrorKind, Result};
use crate::member::{Category, MemberStatus};
use crate::store::Store;
use crate::structure::{full_members_on, Structure};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum OrgType {
    /// 社会团体
    SocialGroup,
    /// 社会服务机构（民办非企业单位）
    SocialService,
    /// 基金会
    Foundation,
    /// 社区社会组织
    Community,
    Other,
}

impl OrgType {
    pub const ALL: [OrgType; 5] = [
        Self::SocialGroup,
        Self::SocialService,
        Self::Foundation,
        Self::Community,
        Self::Other,
    ];
    pub fn code(self) -> &'static str {
        match self {
            Self::SocialGroup => "social_group",
            Self::SocialService => "social_service",
            Self::Foundation => "foundation",
            Self::Community => "community",
            Self::Other => "other",
        }
    }
    /// The code or the Chinese label; an unknown one is none.
    pub fn parse(s: &str) -> Option<OrgType> {
        let s = s.trim();
        Self::ALL
            .into_iter()
            .find(|t| t.code() == s || t.label() == s)
    }
    pub fn label(self) -> &'static str {
        match self {
            Self::SocialGroup => "社会团体",
            Self::SocialService => "社会服务机构",
            Self::Foundation => "基金会",
            Self::Community => "社区社会组织",
            Self::Other => "其他",
        }
    }
}

/// Committee roles in their usual printed order.
pub const COMMITTEE_ROLES: [&str; 8] = [
    "书记",
    "副书记",
    "组织委员",
    "宣传委员",
    "纪检委员",
    "统战委员",
    "青年委员",
    "委员",
];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CommitteeSeat {
    // Row ids stay far below 2^53, so a JS number holds them exactly.
    #[ts(type = "number")]
    pub member_id: i64,
    /// Filled in when read; ignored when saved.
    #[serde(default)]
    pub name: String,
    pub role: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct BranchProfile {
    pub name: String,
    /// The branch's first organization (the one its printouts name); read from the
    /// organizations once there are any.
    pub org_name: String,
    pub org_type: OrgType,
    /// The type in words when `org_type` is `other`.
    pub org_type_other: String,
    pub superior: String,
    pub founded: Option<NaiveDate>,
    pub term_start: Option<NaiveDate>,
    pub term_years: u8,
    /// Derived: `term_start` + `term_years`.
    pub term_end: Option<NaiveDate>,
    pub committee: Vec<CommitteeSeat>,
    /// The structure the secretary set against the number of full members; none follows it.
    pub structure: Option<Structure>,
    pub structure_reason: String,
    /// The day the committee was elected.
    pub committee_elected: Option<NaiveDate>,
    /// 建账日期: the day the records start; nothing before it counts as a gap. None: the
    /// records are complete since the branch was founded.
    pub records_from: Option<NaiveDate>,
}

impl BranchProfile {
    /// The secretary's name as the committee has it; empty when the seat is not filled.
    pub fn secretary_name(&self) -> String {
        self.committee
            .iter()
            .find(|s| s.role == "书记")
            .map(|s| s.name.clone())
            .unwrap_or_default()
    }

    /// The superior committee as the branch's documents address it; "上级党组织" when none is
    /// on file.
    pub fn superior_name(&self) -> String {
        match self.superior.trim() {
            "" => "上级党组织".into(),
            s => s.to_string(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export, optional_fields = nullable)]
pub struct BranchInput {
    pub name: String,
    /// Names the branch's first organization while it has none (a new file, `zhibu init`);
    /// after that, organizations are kept on their own.
    pub org_name: String,
    pub org_type: OrgType,
    pub org_type_other: String,
    pub superior: String,
    pub founded: Option<String>,
    pub term_start: Option<String>,
    pub term_years: u8,
    pub committee: Vec<CommitteeSeat>,
    pub structure: Option<Structure>,
    pub structure_reason: String,
    pub committee_elected: Option<String>,
    pub records_from: Option<String>,
}

impl Default for BranchInput {
    fn default() -> Self {
        BranchInput {
            name: String::new(),
            org_name: String::new(),
            org_type: OrgType::SocialGroup,
            org_type_other: String::new(),
            superior: String::new(),
            founded: None,
            term_start: None,
            term_years: 3,
            committee: Vec::new(),
            structure: None,
            structure_reason: String::new(),
            committee_elected: None,
            records_from: None,
        }
    }
}

impl Store {
    pub fn branch(&self) -> Result<BranchProfile> {
        let (name, org_name, org_type, org_type_other, superior, founded, term_start, term_years) =
            self.conn.query_row(
                "SELECT name,
                    COALESCE((SELECT o.name FROM organization o ORDER BY o.position, o.id LIMIT 1), org_name),
                    COALESCE((SELECT o.org_type FROM organization o ORDER BY o.position, o.id LIMIT 1), org_type),
                    org_type_other, superior, founded, term_start, term_years
                 FROM branch WHERE id = 1",
                [],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, String>(4)?,
                        r.get::<_, Option<String>>(5)?,
                        r.get::<_, Option<String>>(6)?,
                        r.get::<_, u8>(7)?,
                    ))
                },
            )?;
        let (structure, structure_reason, committee_elected, records_from) = self.conn.query_row(
            "SELECT structure, structure_reason, committee_elected, records_from FROM branch WHERE id = 1",
            [],
            |r| {
                Ok((
                    r.get::<_, Option<String>>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, Option<String>>(3)?,
                ))
            },
        )?;
        let mut stmt = self.conn.prepare(
            "SELECT c.member_id, m.name, c.role FROM committee_member c JOIN member m ON m.id = c.member_id
             ORDER BY c.position, c.id",
        )?;
        let committee = stmt
            .query_map([], |r| {
                Ok(CommitteeSeat {
                    member_id: r.get(0)?,
                    name: r.get(1)?,
                    role: r.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let term_start = term_start.and_then(|s| dates::parse(&s));
        Ok(BranchProfile {
            name,
            org_name,
            org_type: OrgType::parse(&org_type).unwrap_or(OrgType::Other),
            org_type_other,
            superior,
            founded: founded.and_then(|s| dates::parse(&s)),
            term_start,
            term_years,
            term_end: term_start.map(|d| dates::add_months(d, 12 * u32::from(term_years))),
            committee,
            structure: structure.and_then(|s| Structure::parse(&s)),
            structure_reason,
            committee_elected: committee_elected.and_then(|s| dates::parse(&s)),
            records_from: records_from.and_then(|s| dates::parse(&s)),
        })
    }

    /// 建账日期 alone, for the checks that only need it (calendar, six-month rule, dues).
    pub fn records_from(&self) -> Result<Option<NaiveDate>> {
        let d: Option<String> =
            self.conn
                .query_row("SELECT records_from FROM branch WHERE id = 1", [], |r| {
                    r.get(0)
                })?;
        Ok(d.and_then(|s| dates::parse(&s)))
    }

    /// Saves the whole profile at once; nothing is written unless every field is valid.
    pub fn save_branch(&mut self, input: &BranchInput, today: NaiveDate) -> Result<BranchProfile> {
        self.immediate(|s| s.save_branch_checked(input, today))
    }

    fn save_branch_checked(
        &mut self,
        input: &BranchInput,
        today: NaiveDate,
    ) -> Result<BranchProfile> {
        let mut c = Check::default();
        let name = c.text("name", "支部名称", &input.name, 60);
        if name.is_empty() {
            c.fail("name", "请填写支部名称");
        }
        let org_name = c.text("org_name", "所在单位名称", &input.org_name, 60);
        let org_type_other = c.text("org_type_other", "单位类型", &input.org_type_other, 20);
        let superior = c.text("superior", "上级党组织", &input.superior, 60);
        let founded = c.date("founded", "成立日期", input.founded.as_deref(), today);
        let term_start = c.date(
            "term_start",
            "本届任期开始日期",
            input.term_start.as_deref(),
            today,
        );
        if let (Some(f), Some(t)) = (founded, term_start) {
            if t < f {
                c.fail("term_start", "本届任期开始日期不能早于支部成立日期");
            }
        }
        if !(1..=5).contains(&input.term_years) {
            c.fail("term_years", "任期年限应为1至5年");
        }
        let committee_elected = c.date(
            "committee_elected",
            "支部委员会选举日期",
            input.committee_elected.as_deref(),
            today,
        );
        let structure_reason = c.text("structure_reason", "理由", &input.structure_reason, 200);
        let records_from = c.date(
            "records_from",
            "建账日期",
            input.records_from.as_deref(),
            today,
        );
        let full = full_members_on(&self.all_members()?, today);
        let min = self.rules()?.committee_min_full_members;
        let by_rule = Structure::by_rule(full, min);
        // Only a choice against the rule is stored; one that agrees is no choice at all.
        let structure = input.structure.filter(|s| *s != by_rule);
        if structure.is_some() && structure_reason.is_empty() {
            c.fail(
                "structure_reason",
                format!(
                    "本支部有正式党员{full}名，按规定{}；改为“{}”请说明理由",
                    if by_rule == Structure::Committee {
                        "应设立支部委员会"
                    } else {
                        "不设支部委员会"
                    },
                    input.structure.map_or("", |s| s.label())
                ),
            );
        }
        match structure.unwrap_or(by_rule) {
            Structure::Secretary => {
                // 工作条例第九条: fewer than seven full members — a secretary, and if needed one
                // deputy; no other seats.
                if input
                    .committee
                    .iter()
                    .any(|s| s.role != "书记" && s.role != "副书记")
                {
                    c.fail(
                        "committee",
                        format!("本支部正式党员{full}名（不足{min}名），不设支部委员会，只设书记，必要时设副书记1名"),
                    );
                }
                if input
                    .committee
                    .iter()
                    .filter(|s| s.role == "副书记")
                    .count()
                    > 1
                {
                    c.fail("committee", "不设支委会的党支部至多设副书记1名");
                }
            }
            Structure::Committee => {
                if committee_elected.is_some() && input.committee.len() < 3 {
                    c.fail("committee", "支部委员会一般由3至5人组成，请填写当选的支委");
                }
            }
        }
        if let (Some(e), Some(f)) = (committee_elected, founded) {
            if e < f {
                c.fail(
                    "committee_elected",
                    "支部委员会选举日期不能早于支部成立日期",
                );
            }
        }
        if input.committee.len() > 7 {
            c.fail("committee", "支部委员会一般不超过7人");
        }
        if input.committee.iter().filter(|s| s.role == "书记").count() > 1 {
            c.fail("committee", "只能有一名书记");
        }
        let mut seen = Vec::new();
        for seat in &input.committee {
            if !COMMITTEE_ROLES.contains(&seat.role.as_str()) {
                c.fail("committee", format!("“{}”不是支部委员的职务", seat.role));
                continue;
            }
            if seen.contains(&seat.member_id) {
                c.fail("committee", "同一人在支委会中只填一个职务");
            }
            seen.push(seat.member_id);
            match self.member(seat.member_id) {
                Err(_) => c.fail("committee", "支委中有找不到的人员"),
                Ok(m) if m.status == MemberStatus::Left => {
                    c.fail("committee", format!("{}已不在本支部，不能担任支委", m.name))
                }
                Ok(m) if m.category != Category::Full => {
                    c.fail("committee", format!("{}不是正式党员，不能担任支委", m.name))
                }
                Ok(_) => {}
            }
        }
        c.finish()?;
        // Inside the transaction the caller opened: the checks above saw what this writes on.
        let tx = &self.conn;
        tx.execute(
            "UPDATE branch SET name = ?1, org_name = ?2, org_type = ?3, org_type_other = ?4,
                superior = ?5, founded = ?6, term_start = ?7, term_years = ?8, structure = ?9,
                structure_reason = ?10, committee_elected = ?11, records_from = ?12 WHERE id = 1",
            params![
                name,
                org_name,
                input.org_type.code(),
                org_type_other,
                superior,
                founded.map(|d| d.to_string()),
                term_start.map(|d| d.to_string()),
                input.term_years,
                structure.map(|s| s.code()),
                if structure.is_some() {
                    structure_reason
                } else {
                    String::new()
                },
                committee_elected.map(|d| d.to_string()),
                records_from.map(|d| d.to_string()),
            ],
        )?;
        // The organization named here is the branch's first, until organizations are kept
        // on their own (a joint branch adds more on the settings page).
        if !org_name.is_empty() {
            tx.execute(
                "INSERT INTO organization (position, name, org_type)
                 SELECT 0, ?1, ?2 WHERE NOT EXISTS (SELECT 1 FROM organization)",
                params![org_name, input.org_type.code()],
            )?;
        }
        tx.execute("DELETE FROM committee_member", [])?;
        for (i, seat) in input.committee.iter().enumerate() {
            tx.execute(
                "INSERT INTO committee_member (member_id, role, position) VALUES (?1, ?2, ?3)",
                params![seat.member_id, seat.role, i as i64],
            )?;
        }
        self.branch()
    }
}

impl Store {
    /// Creates the data file of a new branch; refuses a file that already belongs to one.
    /// A new file's records start today unless another day is given: nothing before it is
    /// asked of a secretary who starts now.
    pub fn create(path: &Path, branch: &BranchInput, today: NaiveDate) -> Result<Store> {
        let mut branch = branch.clone();
        if branch
            .records_from
            .as_deref()
            .is_none_or(|d| d.trim().is_empty())
        {
            branch.records_from = Some(today.to_string());
        }
        let branch = &branch;
        if path.exists() {
            let mut store = Store::open_existing(path)?;
            let existing = store.branch()?;
            if !existing.name.is_empty() {
                return Err(Error::new(
                    ErrorKind::Conflict,
                    format!(
                        "{} 已是“{}”的数据文件，未做改动",
                        path.display(),
                        existing.name
                    ),
                ));
            }
            store.save_branch(branch, today)?;
            return Ok(store);
        }
        // A new file that could not be set up is removed again: an empty, branch-less file
        // left behind would hide the demo and look like the secretary's data.
        let made = Store::open(path).and_then(|mut store| {
            store.save_branch(branch, today)?;
            Ok(store)
        });
        if made.is_err() {
            crate::fsio::remove_with_companions(path);
        }
        made
    }
}
