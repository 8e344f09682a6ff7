//! The member roster (党员名册): people of the branch from applicant to full member, their
//! validation, and their membership moving into and out of the branch. Nobody is deleted:
//! a member who leaves is kept with the date and reason.
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::dates;
use crate::error::{Error, Result};
use crate::store::Store;

mod history;
mod validate;
mod write;

pub use crate::idcard::Sex;
pub(crate) use history::{in_branch_on, member_on};
pub use validate::phone_ok;
pub(crate) use write::{insert_member, problems, rewrite_member};

/// From applicant to full member. Only the first two are Party members; the other three are
/// development (发展党员).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Category {
    Full,
    Probationary,
    Candidate,
    Activist,
    Applicant,
}

impl Category {
    pub const ALL: [Category; 5] = [
        Category::Full,
        Category::Probationary,
        Category::Candidate,
        Category::Activist,
        Category::Applicant,
    ];
    pub fn code(self) -> &'static str {
        match self {
            Category::Full => "full",
            Category::Probationary => "probationary",
            Category::Candidate => "candidate",
            Category::Activist => "activist",
            Category::Applicant => "applicant",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Category::Full => "正式党员",
            Category::Probationary => "预备党员",
            Category::Candidate => "发展对象",
            Category::Activist => "入党积极分子",
            Category::Applicant => "入党申请人",
        }
    }
    /// Accepts the code name or the Chinese label.
    pub fn parse(s: &str) -> Option<Category> {
        let s = s.trim();
        Self::ALL
            .into_iter()
            .find(|c| c.code() == s || c.label() == s)
    }
    pub fn is_member(self) -> bool {
        matches!(self, Category::Full | Category::Probationary)
    }
}

impl Member {
    /// Whose membership (组织关系) is in this branch: counted in 党员总数, in the quorum, in
    /// the dues ledger and in 民主评议. A member whose 组织关系 is elsewhere takes part here
    /// and their attendance counts for them, but they belong to another branch's numbers.
    pub fn belongs_here(&self) -> bool {
        !self.membership_elsewhere
    }
    /// Full by `date` (a probationary member has no vote).
    pub fn full_on(&self, date: NaiveDate) -> bool {
        self.category == Category::Full && self.full_date.is_some_and(|f| f <= date)
    }
    /// Votes here on `date`: full by then, and the 组织关系 here — who counts toward the
    /// quorum, the admission vote, 民主评议 grades and the seven that need a committee.
    pub fn votes_here_on(&self, date: NaiveDate) -> bool {
        self.full_on(date) && self.belongs_here()
    }
    /// In this branch's dues ledger: membership here, or dues paid here by arrangement.
    pub fn pays_dues_here(&self) -> bool {
        !self.membership_elsewhere || self.dues_here
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum MemberStatus {
    /// 在册: membership is in this branch.
    Active,
    /// 已离开: transferred out, deceased or removed; kept for the record.
    Left,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum MembershipReason {
    /// Came to the branch without a transfer (developed here, or the branch's first roster).
    New,
    /// 组织关系转入 / 转出.
    Transfer,
    Deceased,
    /// 出党、除名 or 自行脱党.
    Removed,
    Other,
}

impl MembershipReason {
    pub const ALL: [MembershipReason; 5] = [
        Self::New,
        Self::Transfer,
        Self::Deceased,
        Self::Removed,
        Self::Other,
    ];
    /// What the leaving form offers; `New` only ever brings someone in.
    pub const LEAVING: [MembershipReason; 4] =
        [Self::Transfer, Self::Deceased, Self::Removed, Self::Other];
    pub(crate) fn code(self) -> &'static str {
        match self {
            MembershipReason::New => "new",
            MembershipReason::Transfer => "transfer",
            MembershipReason::Deceased => "deceased",
            MembershipReason::Removed => "removed",
            MembershipReason::Other => "other",
        }
    }
    pub(crate) fn from_code(s: &str) -> MembershipReason {
        [Self::New, Self::Transfer, Self::Deceased, Self::Removed]
            .into_iter()
            .find(|r| r.code() == s)
            .unwrap_or(Self::Other)
    }
    /// How the reason reads on a record of leaving the branch.
    pub fn label(self) -> &'static str {
        match self {
            Self::New => "新加入",
            Self::Transfer => "组织关系转出",
            Self::Deceased => "去世",
            Self::Removed => "出党、除名",
            Self::Other => "其他",
        }
    }
    /// How the reason reads on a record of coming into the branch.
    pub fn arrival_label(self) -> &'static str {
        match self {
            Self::Transfer => "组织关系转入",
            _ => "进入本支部",
        }
    }
}

/// Usual education levels (学历) the form suggests; the field takes any text, as rosters
/// imported from elsewhere word them their own way.
pub const EDUCATION_OPTIONS: [&str; 7] = [
    "博士研究生",
    "硕士研究生",
    "大学本科",
    "大学专科",
    "中等专科",
    "高中",
    "初中及以下",
];

/// The 56 ethnic groups (民族) the form suggests; the field takes any text.
#[rustfmt::skip]
pub const ETHNICITIES: [&str; 56] = [
    "汉族", "蒙古族", "回族", "藏族", "维吾尔族", "苗族", "彝族", "壮族", "布依族", "朝鲜族",
    "满族", "侗族", "瑶族", "白族", "土家族", "哈尼族", "哈萨克族", "傣族", "黎族", "傈僳族",
    "佤族", "畲族", "高山族", "拉祜族", "水族", "东乡族", "纳西族", "景颇族", "柯尔克孜族",
    "土族", "达斡尔族", "仫佬族", "羌族", "布朗族", "撒拉族", "毛南族", "仡佬族", "锡伯族",
    "阿昌族", "普米族", "塔吉克族", "怒族", "乌孜别克族", "俄罗斯族", "鄂温克族", "德昂族",
    "保安族", "裕固族", "京族", "塔塔尔族", "独龙族", "鄂伦春族", "赫哲族", "门巴族", "珞巴族",
    "基诺族",
];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct MembershipEvent {
    // Row ids stay far below 2^53, so a JS number holds them exactly.
    #[ts(type = "number")]
    pub id: i64,
    /// `in` or `out` of this branch.
    pub direction: Direction,
    pub date: NaiveDate,
    pub reason: MembershipReason,
    /// The other organization of a transfer.
    pub org: String,
    /// The number of the transfer's 介绍信, and the day its 回执 came back.
    pub letter_no: String,
    pub receipt_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Direction {
    In,
    Out,
}

/// One person of the roster as the UI, the CLI and the printouts see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Member {
    // Row ids stay far below 2^53, so a JS number holds them exactly.
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub id_number: String,
    pub sex: Sex,
    pub birth_date: NaiveDate,
    pub ethnicity: String,
    pub native_place: String,
    pub education: String,
    pub work_started: Option<NaiveDate>,
    pub category: Category,
    /// 入党日期: the day the branch meeting admitted them as probationary member.
    pub joined: Option<NaiveDate>,
    /// 转正日期: derived, one year after `joined` plus any extension of probation.
    pub full_date: Option<NaiveDate>,
    pub probation_extension_months: u8,
    pub position: String,
    pub phone: String,
    pub address: String,
    /// Membership kept in another organization (`membership_org`) while taking part here.
    pub membership_elsewhere: bool,
    pub membership_org: String,
    pub is_mobile: bool,
    /// For a member whose membership is elsewhere: dues are paid here all the same.
    pub dues_here: bool,
    pub lost_contact: bool,
    /// 离退休: retired (a field of its own; the roster filters by it, and a dues standard
    /// set for them starts from the 离退休 category).
    pub retired: bool,
    pub note: String,
    /// The organization they work in (of a joint branch's organizations), and its name.
    #[ts(type = "number | null")]
    pub org_id: Option<i64>,
    pub org_name: String,
    /// 党内职务: derived from the committee seats of the branch profile.
    pub party_post: String,
    pub status: MemberStatus,
    /// The day their membership came into this branch (latest move in).
    pub since: NaiveDate,
    /// The day they left, when `status` is `left`.
    pub left_date: Option<NaiveDate>,
    pub left_reason: Option<MembershipReason>,
}

/// A person with their membership history, for the detail view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct MemberDetail {
    pub member: Member,
    pub events: Vec<MembershipEvent>,
}

/// What the add/edit form and the CLI send. Dates are text so that a mistyped date becomes a
/// message on its field rather than a refusal of the whole form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export, optional_fields = nullable)]
pub struct MemberInput {
    pub name: String,
    pub id_number: String,
    /// When given, must agree with the ID number.
    pub sex: Option<Sex>,
    /// When given, must agree with the ID number.
    pub birth_date: Option<String>,
    pub ethnicity: String,
    pub native_place: String,
    pub education: String,
    pub work_started: Option<String>,
    pub category: Option<Category>,
    pub joined: Option<String>,
    /// When given, must be the end of probation; an extension is read from it.
    pub full_date: Option<String>,
    pub probation_extension_months: Option<u8>,
    /// Only when adding: the day membership came into the branch (default: `joined`, or today).
    pub since: Option<String>,
    /// Only when adding: whether they came by transfer, and from where.
    pub since_reason: Option<MembershipReason>,
    pub since_org: String,
    pub position: String,
    pub phone: String,
    pub address: String,
    pub membership_elsewhere: bool,
    /// Where the membership is kept, when `membership_elsewhere`.
    pub membership_org: String,
    pub is_mobile: bool,
    /// Membership elsewhere, dues paid here (a 流动党员活动证 may say so).
    pub dues_here: bool,
    pub lost_contact: bool,
    /// 离退休.
    pub retired: bool,
    pub note: String,
    /// The organization they work in; with one organization on file, that one.
    #[ts(type = "number | null")]
    pub org_id: Option<i64>,
}

/// A leaving or returning recorded from the roster.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export, optional_fields = nullable)]
pub struct TransferInput {
    pub date: String,
    pub reason: Option<MembershipReason>,
    pub org: String,
    /// 介绍信编号 of a transfer.
    pub letter_no: String,
}

const MEMBER_COLUMNS: &str = "m.id, m.name, m.id_number, m.sex, m.birth_date, m.ethnicity,
    m.native_place, m.education, m.work_started, m.category, m.joined,
    m.probation_extension_months, m.position, m.phone, m.address, m.is_mobile, m.lost_contact,
    m.note,
    (SELECT e.date FROM membership_event e WHERE e.member_id = m.id AND e.kind = 'in'
        ORDER BY e.date DESC, e.id DESC LIMIT 1),
    (SELECT e.kind || ' ' || e.date || ' ' || e.reason FROM membership_event e
        WHERE e.member_id = m.id ORDER BY e.date DESC, e.id DESC LIMIT 1),
    m.membership_elsewhere, m.membership_org,
    (SELECT group_concat(c.role, '、') FROM committee_member c WHERE c.member_id = m.id),
    m.org_id, (SELECT o.name FROM organization o WHERE o.id = m.org_id), m.dues_here, m.retired";

fn read_member(r: &Row) -> rusqlite::Result<Member> {
    let date = |i: usize| -> rusqlite::Result<Option<NaiveDate>> {
        Ok(r.get::<_, Option<String>>(i)?
            .and_then(|s| dates::parse(&s)))
    };
    let category = Category::parse(&r.get::<_, String>(9)?).unwrap_or(Category::Applicant);
    let joined = date(10)?;
    let extension: u8 = r.get(11)?;
    let full_date = match (category, joined) {
        (Category::Full, Some(j)) => Some(dates::add_months(j, 12 + u32::from(extension))),
        _ => None,
    };
    let birth_date = date(4)?.unwrap_or_default();
    let since = date(18)?.unwrap_or(birth_date);
    let last: Option<String> = r.get(19)?;
    let (status, left_date, left_reason) =
        match last.as_deref().map(|s| s.split(' ').collect::<Vec<_>>()) {
            Some(v) if v.len() == 3 && v[0] == "out" => (
                MemberStatus::Left,
                dates::parse(v[1]),
                Some(MembershipReason::from_code(v[2])),
            ),
            _ => (MemberStatus::Active, None, None),
        };
    Ok(Member {
        id: r.get(0)?,
        name: r.get(1)?,
        id_number: r.get(2)?,
        sex: Sex::from_code(&r.get::<_, String>(3)?).unwrap_or(Sex::Male),
        birth_date,
        ethnicity: r.get(5)?,
        native_place: r.get(6)?,
        education: r.get(7)?,
        work_started: date(8)?,
        category,
        joined,
        full_date,
        probation_extension_months: extension,
        position: r.get(12)?,
        phone: r.get(13)?,
        address: r.get(14)?,
        is_mobile: r.get(15)?,
        lost_contact: r.get(16)?,
        note: r.get(17)?,
        membership_elsewhere: r.get(20)?,
        membership_org: r.get(21)?,
        party_post: r.get::<_, Option<String>>(22)?.unwrap_or_default(),
        org_id: r.get(23)?,
        org_name: r.get::<_, Option<String>>(24)?.unwrap_or_default(),
        dues_here: r.get(25)?,
        retired: r.get(26)?,
        status,
        since,
        left_date,
        left_reason,
    })
}

pub(crate) fn date_text(d: Option<NaiveDate>) -> Option<String> {
    d.map(|d| d.format("%Y-%m-%d").to_string())
}

/// A 工作岗位 that only says the person is retired: in Excel rosters 离退休 was written there,
/// having no column of its own.
pub fn is_retirement_word(position: &str) -> bool {
    matches!(
        position.trim(),
        "离退休" | "退休" | "离休" | "已退休" | "退休人员" | "离退休人员"
    )
}

impl Member {
    /// 工作岗位 as rosters print it: a retired member without a post reads 离退休.
    pub fn position_shown(&self) -> String {
        if self.retired && self.position.trim().is_empty() {
            "离退休".into()
        } else {
            self.position.clone()
        }
    }

    /// The form's input that would store this person as they are (for a change of one field).
    pub fn to_input(&self) -> MemberInput {
        MemberInput {
            name: self.name.clone(),
            id_number: self.id_number.clone(),
            sex: None,
            birth_date: None,
            ethnicity: self.ethnicity.clone(),
            native_place: self.native_place.clone(),
            education: self.education.clone(),
            work_started: date_text(self.work_started),
            category: Some(self.category),
            joined: date_text(self.joined),
            full_date: date_text(self.full_date),
            probation_extension_months: Some(self.probation_extension_months),
            since: None,
            since_reason: None,
            since_org: String::new(),
            position: self.position.clone(),
            phone: self.phone.clone(),
            address: self.address.clone(),
            membership_elsewhere: self.membership_elsewhere,
            membership_org: self.membership_org.clone(),
            is_mobile: self.is_mobile,
            dues_here: self.dues_here,
            lost_contact: self.lost_contact,
            retired: self.retired,
            note: self.note.clone(),
            org_id: self.org_id,
        }
    }
}

impl Store {
    pub fn member(&self, id: i64) -> Result<Member> {
        self.conn
            .query_row(
                &format!("SELECT {MEMBER_COLUMNS} FROM member m WHERE m.id = ?1"),
                [id],
                read_member,
            )
            .optional()?
            .ok_or_else(|| Error::not_found("这名人员"))
    }

    /// Everyone ever on the roster, in no particular order; `roster::query` filters and sorts.
    pub fn all_members(&self) -> Result<Vec<Member>> {
        let mut stmt = self
            .conn
            .prepare(&format!("SELECT {MEMBER_COLUMNS} FROM member m"))?;
        let rows = stmt.query_map([], read_member)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn member_detail(&self, id: i64) -> Result<MemberDetail> {
        Ok(MemberDetail {
            member: self.member(id)?,
            events: self.membership_events(id)?,
        })
    }

    pub fn membership_events(&self, member_id: i64) -> Result<Vec<MembershipEvent>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, kind, date, reason, org, letter_no, receipt_on FROM membership_event
             WHERE member_id = ?1 ORDER BY date, id",
        )?;
        let rows = stmt.query_map([member_id], |r| {
            Ok(MembershipEvent {
                id: r.get(0)?,
                direction: if r.get::<_, String>(1)? == "out" {
                    Direction::Out
                } else {
                    Direction::In
                },
                date: dates::parse(&r.get::<_, String>(2)?).unwrap_or_default(),
                reason: MembershipReason::from_code(&r.get::<_, String>(3)?),
                org: r.get(4)?,
                letter_no: r.get(5)?,
                receipt_on: r
                    .get::<_, Option<String>>(6)?
                    .and_then(|s| dates::parse(&s)),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
