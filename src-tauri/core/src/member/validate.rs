//! Checking a person's form: every field validated and normalized, the facts that follow from
//! the ID number derived, field-by-field Chinese messages.
use chrono::NaiveDate;

use super::{Category, MemberInput, MembershipReason, Sex};
use crate::check::Check;
use crate::dates;
use crate::error::Result;
use crate::idcard;

/// Input after validation: every field checked, normalized and derived.
#[derive(Debug, Clone)]
pub(super) struct Valid {
    pub(super) name: String,
    pub(super) id_number: String,
    pub(super) sex: Sex,
    pub(super) birth_date: NaiveDate,
    pub(super) ethnicity: String,
    pub(super) native_place: String,
    pub(super) education: String,
    pub(super) work_started: Option<NaiveDate>,
    pub(super) category: Category,
    pub(super) joined: Option<NaiveDate>,
    pub(super) probation_extension_months: u8,
    pub(super) position: String,
    pub(super) phone: String,
    pub(super) address: String,
    pub(super) membership_elsewhere: bool,
    pub(super) membership_org: String,
    pub(super) is_mobile: bool,
    pub(super) dues_here: bool,
    pub(super) org_id: Option<i64>,
    pub(super) lost_contact: bool,
    pub(super) retired: bool,
    pub(super) note: String,
    pub(super) since: NaiveDate,
    pub(super) since_reason: MembershipReason,
    pub(super) since_org: String,
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

pub(super) fn validate(input: &MemberInput, today: NaiveDate) -> Result<Valid> {
    let mut c = Check::default();

    // Length and invisible characters first, as in every other field: "含有不可见的控制字符"
    // tells more than quoting a character nobody can see.
    let name = c.text("name", "姓名", &input.name, 30);
    if name.is_empty() {
        c.fail("name", "请填写姓名");
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

    let phone = c.text("phone", "联系电话", &input.phone, 30);
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
        // Dues go where the membership is; "paid here" only means something when it is not.
        dues_here: input.membership_elsewhere && input.dues_here,
        org_id: input.org_id,
        lost_contact: input.lost_contact,
        retired: input.retired,
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
