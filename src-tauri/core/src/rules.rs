//! The rules of organizational life as settings: how often each kind of meeting is required,
//! and the thresholds of the reminders. The defaults are those of DOMAIN.md (2018 支部工作条例
//! and related rules); a branch may change any of them, so none is a constant in the code.
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::check::Check;
use crate::error::{Error, ErrorKind, Result};
use crate::meeting::MeetingKind;
use crate::store::Store;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Period {
    Month,
    Quarter,
    Year,
}

impl Period {
    pub const ALL: [Period; 3] = [Self::Month, Self::Quarter, Self::Year];
    pub fn label(self) -> &'static str {
        match self {
            Self::Month => "每月",
            Self::Quarter => "每季度",
            Self::Year => "每年",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Requirement {
    pub kind: MeetingKind,
    pub period: Period,
    /// How many per period; 0 turns the requirement off.
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct Rules {
    pub requirements: Vec<Requirement>,
    /// Months without attended organizational life: first warning, alarm, and the line of
    /// Party Constitution art. 9.
    pub six_month_warn: u32,
    pub six_month_alarm: u32,
    pub six_month_line: u32,
    /// Remind this many days before a probationary member's year ends.
    pub probation_notice_days: u32,
    /// Remind this many months before the branch's term ends (换届).
    pub term_notice_months: u32,
    /// A branch with at least this many full members has a committee (支委会 required).
    pub committee_min_full_members: u32,
    /// Largest photo attached to a meeting record, in bytes.
    pub attachment_max_bytes: u32,
    /// The most 优秀 a 民主评议 may give, in percent of those graded. No national rule sets
    /// it (a third is local practice), so it is empty unless the branch sets it, and going
    /// over is a warning, never a refusal.
    pub excellent_max_percent: Option<u32>,
}

impl Default for Rules {
    fn default() -> Self {
        use MeetingKind::*;
        use Period::*;
        let req = |kind, period, count| Requirement {
            kind,
            period,
            count,
        };
        Rules {
            requirements: vec![
                req(GeneralMeeting, Quarter, 1),
                req(CommitteeMeeting, Month, 1),
                req(GroupMeeting, Month, 1),
                // Practice is quarterly; the confirmed rule is at least one a year by the secretary.
                req(PartyLecture, Quarter, 1),
                req(ThemeDay, Month, 1),
                req(LifeMeeting, Year, 1),
                req(MemberReview, Year, 1),
            ],
            six_month_warn: 3,
            six_month_alarm: 5,
            six_month_line: 6,
            probation_notice_days: 60,
            term_notice_months: 6,
            committee_min_full_members: 7,
            attachment_max_bytes: 5 * 1024 * 1024,
            excellent_max_percent: None,
        }
    }
}

impl Store {
    pub fn rules(&self) -> Result<Rules> {
        match self.setting("rules")? {
            None => Ok(Rules::default()),
            Some(json) => serde_json::from_str(&json)
                .map_err(|_| Error::new(ErrorKind::Corrupt, "规则设置已损坏，请在设置中恢复默认")),
        }
    }

    pub fn save_rules(&self, rules: &Rules) -> Result<Rules> {
        let mut c = Check::default();
        if !(1..=12).contains(&rules.six_month_warn)
            || rules.six_month_warn >= rules.six_month_alarm
            || rules.six_month_alarm > rules.six_month_line
            || rules.six_month_line > 12
        {
            c.fail(
                "six_month_warn",
                "提醒月数应依次递增：提醒 < 警告 ≤ 界线，且都在12个月以内",
            );
        }
        if !(1..=365).contains(&rules.probation_notice_days) {
            c.fail("probation_notice_days", "转正提醒应提前1至365天");
        }
        if !(1..=24).contains(&rules.term_notice_months) {
            c.fail("term_notice_months", "换届提醒应提前1至24个月");
        }
        if !(3..=50).contains(&rules.committee_min_full_members) {
            c.fail(
                "committee_min_full_members",
                "设立支委会的正式党员人数应在3至50之间",
            );
        }
        if !(1..=50 * 1024 * 1024).contains(&rules.attachment_max_bytes) {
            c.fail("attachment_max_bytes", "照片大小上限应在50MB以内");
        }
        if rules
            .excellent_max_percent
            .is_some_and(|p| !(1..=100).contains(&p))
        {
            c.fail("excellent_max_percent", "优秀比例应在1%至100%之间");
        }
        let mut kinds = Vec::new();
        for r in &rules.requirements {
            if kinds.contains(&r.kind) {
                c.fail("requirements", "同一类会议只能有一条要求");
            }
            kinds.push(r.kind);
            if r.count > 31 {
                c.fail("requirements", "每期要求的次数不能超过31次");
            }
        }
        c.finish()?;
        let json = serde_json::to_string(rules)
            .map_err(|e| Error::new(ErrorKind::Internal, e.to_string()))?;
        self.set_setting("rules", &json)?;
        self.rules()
    }
}
