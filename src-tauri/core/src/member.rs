//! The member roster (党员名册): people of the branch from applicant to full member, their
//! validation, and their membership moving into and out of the branch. Nobody is deleted:
//! a member who leaves is kept with the date and reason.
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::check::Check;
use crate::dates;
use crate::error::{Error, ErrorKind, Result};
use crate::idcard;
use crate::store::Store;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Sex {
    Male,
    Female,
}

impl Sex {
    pub fn code(self) -> &'static str {
        match self {
            Sex::Male => "male",
            Sex::Female => "female",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Sex::Male => "男",
            Sex::Female => "女",
        }
    }
    fn from_code(s: &str) -> Option<Sex> {
        [Sex::Male, Sex::Female].into_iter().find(|x| x.code() == s)
    }
}

/// From applicant to full member. Only the first two are Party members; the other three are
/// the development pipeline.
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
    fn code(self) -> &'static str {
        match self {
            MembershipReason::New => "new",
            MembershipReason::Transfer => "transfer",
            MembershipReason::Deceased => "deceased",
            MembershipReason::Removed => "removed",
            MembershipReason::Other => "other",
        }
    }
    fn from_code(s: &str) -> MembershipReason {
        [Self::New, Self::Transfer, Self::Deceased, Self::Removed]
            .into_iter()
            .find(|r| r.code() == s)
            .unwrap_or(Self::Other)
    }
}

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
    pub lost_contact: bool,
    pub note: String,
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
    pub lost_contact: bool,
    pub note: String,
}

/// A leaving or returning recorded from the roster.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export, optional_fields = nullable)]
pub struct TransferInput {
    pub date: String,
    pub reason: Option<MembershipReason>,
    pub org: String,
}

/// Input after validation: every field checked, normalized and derived.
#[derive(Debug, Clone)]
struct Valid {
    name: String,
    id_number: String,
    sex: Sex,
    birth_date: NaiveDate,
    ethnicity: String,
    native_place: String,
    education: String,
    work_started: Option<NaiveDate>,
    category: Category,
    joined: Option<NaiveDate>,
    probation_extension_months: u8,
    position: String,
    phone: String,
    address: String,
    membership_elsewhere: bool,
    membership_org: String,
    is_mobile: bool,
    lost_contact: bool,
    note: String,
    since: NaiveDate,
    since_reason: MembershipReason,
    since_org: String,
}

/// Names: Chinese characters of any plane (rare ones included), the middle dot of minority
/// and foreign names, Latin letters and spaces.
fn name_char_ok(c: char) -> bool {
    let cp = c as u32;
    let han = (0x3400..=0x4DBF).contains(&cp)
        || (0x4E00..=0x9FFF).contains(&cp)
        || (0xF900..=0xFAFF).contains(&cp)
        || (0x20000..=0x3FFFF).contains(&cp)
        || c == '〇';
    han || c.is_ascii_alphabetic() || matches!(c, '·' | '•' | '.' | ' ' | '・')
}

/// Mobile 1[3-9]xxxxxxxxx (an optional +86), or a landline 0xx(x)-xxxxxxx(x) with extension.
pub fn phone_ok(phone: &str) -> bool {
    let p = phone.trim();
    let p = p.strip_prefix("+86").map(str::trim_start).unwrap_or(p);
    let digits = |s: &str, lo: usize, hi: usize| {
        (lo..=hi).contains(&s.len()) && s.chars().all(|c| c.is_ascii_digit())
    };
    let mobile = p.replace([' ', '-'], "");
    if mobile.len() == 11 && mobile.starts_with('1') && digits(&mobile, 11, 11) {
        return matches!(mobile.as_bytes()[1], b'3'..=b'9');
    }
    let parts: Vec<&str> = p.split('-').collect();
    match parts.as_slice() {
        [area, num] => area.starts_with('0') && digits(area, 3, 4) && digits(num, 7, 8),
        [area, num, ext] => {
            area.starts_with('0') && digits(area, 3, 4) && digits(num, 7, 8) && digits(ext, 1, 6)
        }
        [num] => digits(num, 7, 8) && !num.starts_with('0'),
        _ => false,
    }
}

fn validate(input: &MemberInput, today: NaiveDate) -> Result<Valid> {
    let mut c = Check::default();

    let name = input.name.trim().to_string();
    if name.is_empty() {
        c.fail("name", "请填写姓名");
    } else if name.chars().count() > 30 {
        c.fail("name", "姓名不能超过30个字");
    } else if let Some(bad) = name.chars().find(|ch| !name_char_ok(*ch)) {
        c.fail(
            "name",
            format!("姓名中不能有“{bad}”，只能是汉字、字母和间隔号“·”"),
        );
    }

    let id = match idcard::parse(&input.id_number) {
        Ok(id) => Some(id),
        Err(msg) => {
            c.fail("id_number", msg);
            None
        }
    };
    if let Some(id) = &id {
        if id.birth_date > today {
            c.fail("id_number", "公民身份号码中的出生日期晚于今天");
        }
        if let Some(sex) = input.sex.filter(|s| *s != id.sex) {
            c.fail(
                "sex",
                format!(
                    "性别“{}”与公民身份号码不符（号码显示为{}）",
                    sex.label(),
                    id.sex.label()
                ),
            );
        }
    }
    let typed_birth = c.date("birth_date", "出生日期", input.birth_date.as_deref(), today);
    if let (Some(id), Some(b)) = (&id, typed_birth) {
        if b != id.birth_date {
            c.fail(
                "birth_date",
                format!(
                    "出生日期与公民身份号码不符（号码显示为{}）",
                    dates::format_cn(id.birth_date)
                ),
            );
        }
    }
    let birth = id.as_ref().map(|i| i.birth_date).or(typed_birth);

    let category = input.category;
    if category.is_none() {
        c.fail("category", "请选择人员类别");
    }

    let joined = c.date("joined", "入党日期", input.joined.as_deref(), today);
    let full_typed = c.date("full_date", "转正日期", input.full_date.as_deref(), today);
    let mut extension = input.probation_extension_months.unwrap_or(0);
    if extension != 0 && !(6..=12).contains(&extension) {
        c.fail("probation_extension_months", "预备期延长应为6至12个月");
        extension = 0;
    }

    match category {
        Some(cat) if cat.is_member() => match joined {
            None if input.joined.as_deref().is_none_or(|s| s.trim().is_empty()) => {
                c.fail("joined", format!("{}须填写入党日期", cat.label()))
            }
            None => {}
            Some(j) => {
                if let Some(b) = birth {
                    if j <= b {
                        c.fail("joined", "入党日期应晚于出生日期");
                    } else if dates::years_between(b, j) < 18 {
                        c.fail("joined", "入党时应年满18岁，请核对入党日期或出生日期");
                    }
                }
                if cat == Category::Full {
                    if let Some(f) = full_typed {
                        extension = check_full_date(&mut c, j, f, input.probation_extension_months);
                    }
                    let due = dates::add_months(j, 12 + u32::from(extension));
                    if due > today {
                        c.fail(
                            "category",
                            format!(
                                "预备期到{}才满，现在还不能登记为正式党员",
                                dates::format_cn(due)
                            ),
                        );
                    }
                } else if full_typed.is_some() {
                    c.fail("full_date", "预备党员尚未转正，不填转正日期");
                }
            }
        },
        Some(cat) => {
            if joined.is_some() {
                c.fail("joined", format!("{}还未入党，不填入党日期", cat.label()));
            }
            if full_typed.is_some() {
                c.fail(
                    "full_date",
                    format!("{}还未入党，不填转正日期", cat.label()),
                );
            }
        }
        None => {}
    }

    let work_started = c.date(
        "work_started",
        "参加工作日期",
        input.work_started.as_deref(),
        today,
    );
    if let (Some(w), Some(b)) = (work_started, birth) {
        if w <= b {
            c.fail("work_started", "参加工作日期应晚于出生日期");
        }
    }

    let since_typed = c.date("since", "转入本支部日期", input.since.as_deref(), today);
    let since = since_typed.or(joined).unwrap_or(today);
    if let (Some(s), Some(b)) = (since_typed, birth) {
        if s <= b {
            c.fail("since", "转入本支部日期应晚于出生日期");
        }
    }

    let phone = input.phone.trim().to_string();
    if !phone.is_empty() && !phone_ok(&phone) {
        c.fail(
            "phone",
            "联系电话格式不正确：手机号为11位数字，固定电话如 010-12345678",
        );
    }

    let membership_org = c.text(
        "membership_org",
        "组织关系所在单位",
        &input.membership_org,
        100,
    );
    if input.membership_elsewhere && membership_org.is_empty() {
        c.fail(
            "membership_org",
            "组织关系不在本支部的，请填写组织关系所在单位",
        );
    }

    let valid = Valid {
        membership_elsewhere: input.membership_elsewhere,
        membership_org: if input.membership_elsewhere {
            membership_org
        } else {
            String::new()
        },
        ethnicity: c.text("ethnicity", "民族", &input.ethnicity, 20),
        native_place: c.text("native_place", "籍贯", &input.native_place, 30),
        education: c.text("education", "学历", &input.education, 20),
        position: c.text("position", "工作岗位/职务", &input.position, 50),
        address: c.text("address", "家庭住址", &input.address, 100),
        note: c.text("note", "备注", &input.note, 500),
        since_org: c.text("since_org", "转出单位", &input.since_org, 100),
        name,
        id_number: id.as_ref().map(|i| i.value.clone()).unwrap_or_default(),
        sex: id.as_ref().map(|i| i.sex).unwrap_or(Sex::Male),
        birth_date: birth.unwrap_or(today),
        work_started,
        category: category.unwrap_or(Category::Applicant),
        joined,
        probation_extension_months: if category == Some(Category::Full) {
            extension
        } else {
            0
        },
        phone,
        is_mobile: input.is_mobile,
        lost_contact: input.lost_contact,
        since,
        since_reason: input.since_reason.unwrap_or(MembershipReason::New),
    };
    c.finish()?;
    Ok(valid)
}

/// The typed 转正日期 must be the end of probation: joined + 1 year, or + 18 to 24 months when
/// probation was extended. Returns the extension it implies.
fn check_full_date(c: &mut Check, joined: NaiveDate, full: NaiveDate, typed_ext: Option<u8>) -> u8 {
    let expected = dates::add_months(joined, 12);
    let implied = (0u8..=12).find(|m| dates::add_months(joined, 12 + u32::from(*m)) == full);
    match implied {
        Some(m) if m == 0 || (6..=12).contains(&m) => {
            if typed_ext.is_some_and(|t| t != m) {
                c.fail("full_date", "转正日期与填写的预备期延长月数不符");
            }
            m
        }
        _ if full <= joined => {
            c.fail("full_date", "转正日期应晚于入党日期");
            0
        }
        _ => {
            c.fail(
                "full_date",
                format!(
                    "转正日期应为预备期满之日，即{}；延长预备期的为延长6至12个月期满之日",
                    dates::format_cn(expected)
                ),
            );
            0
        }
    }
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
    (SELECT group_concat(c.role, '、') FROM committee_member c WHERE c.member_id = m.id)";

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
        status,
        since,
        left_date,
        left_reason,
    })
}

fn date_text(d: Option<NaiveDate>) -> Option<String> {
    d.map(|d| d.format("%Y-%m-%d").to_string())
}

impl Member {
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
            lost_contact: self.lost_contact,
            note: self.note.clone(),
        }
    }
}

impl Store {
    pub fn add_member(&mut self, input: &MemberInput, today: NaiveDate) -> Result<Member> {
        let tx = self.conn.transaction()?;
        let id = insert_member(&tx, input, today)?;
        tx.commit()?;
        self.member(id)
    }

    /// Edits a person's facts; membership moves are recorded with `transfer_out`/`transfer_in`.
    pub fn update_member(
        &mut self,
        id: i64,
        input: &MemberInput,
        today: NaiveDate,
    ) -> Result<Member> {
        let before = self.member(id)?;
        let mut input = input.clone();
        // `since` belongs to the membership events, not to this form.
        input.since = date_text(Some(before.since));
        let tx = self.conn.transaction()?;
        rewrite_member(&tx, id, &input, today)?;
        tx.commit()?;
        self.member(id)
    }

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
            "SELECT id, kind, date, reason, org FROM membership_event WHERE member_id = ?1
             ORDER BY date, id",
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
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Records that a person's membership left the branch (转出, 去世, 出党...). The person stays
    /// on record, marked left.
    pub fn transfer_out(
        &mut self,
        member_id: i64,
        input: &TransferInput,
        today: NaiveDate,
    ) -> Result<Member> {
        self.record_move(member_id, Direction::Out, input, today)
    }

    /// Records that a person who had left came back into the branch.
    pub fn transfer_in(
        &mut self,
        member_id: i64,
        input: &TransferInput,
        today: NaiveDate,
    ) -> Result<Member> {
        self.record_move(member_id, Direction::In, input, today)
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
            "INSERT INTO membership_event (member_id, kind, date, reason, org) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![member_id, kind, date_text(date), reason.code(), org],
        )?;
        self.member(member_id)
    }
}

/// The stored fields of a person, named once for both inserting and updating, so the two
/// can never disagree about which columns exist.
const FIELDS: [&str; 19] = [
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
];

fn field_values(v: &Valid) -> [rusqlite::types::Value; 19] {
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
    ]
}

/// Inserts (no id) or updates a person's row; returns the row id.
/// Validates and adds one person with their arrival in the branch, inside the caller's
/// transaction (a form's single add, or every row of an import at once).
pub(crate) fn insert_member(
    tx: &rusqlite::Connection,
    input: &MemberInput,
    today: NaiveDate,
) -> Result<i64> {
    let v = validate(input, today)?;
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
    let v = validate(input, today)?;
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
