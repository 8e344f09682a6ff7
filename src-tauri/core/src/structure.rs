//! The branch's structure, read from its records: a branch of fewer than seven full members
//! has a secretary (and perhaps a deputy) and no committee; from seven it elects a committee,
//! which meets monthly from the day it was elected. 《中国共产党支部工作条例（试行）》第九条：
//! “有正式党员7人以上的党支部，设立党支部委员会……正式党员不足7人的党支部，不设支部委员会，
//! 设书记1名，必要时可以设副书记1名。” The secretary may set the other structure with a reason
//! (a branch just under seven that keeps its elected committee until the next election).
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::Result;
use crate::member::{Member, MemberStatus};
use crate::store::Store;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Structure {
    /// 不设支委会：书记（可设副书记）.
    Secretary,
    /// 设立支部委员会.
    Committee,
}

impl Structure {
    pub const ALL: [Structure; 2] = [Self::Secretary, Self::Committee];
    pub fn code(self) -> &'static str {
        match self {
            Self::Secretary => "secretary",
            Self::Committee => "committee",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Self::Secretary => "不设支委会，设书记",
            Self::Committee => "设立支部委员会",
        }
    }
    pub fn parse(s: &str) -> Option<Structure> {
        Self::ALL.into_iter().find(|k| k.code() == s.trim())
    }
    /// What the number of full members gives, with the branch's threshold (7 by default).
    pub fn by_rule(full_members: u32, committee_min: u32) -> Structure {
        if full_members >= committee_min {
            Self::Committee
        } else {
            Self::Secretary
        }
    }
}

/// What the rules make of the branch on a day, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct BranchStructure {
    pub structure: Structure,
    /// What the number of full members alone would give.
    pub by_rule: Structure,
    /// Full members whose 组织关系 is here (those elsewhere belong to another branch's count).
    pub full_members: u32,
    /// The secretary's reason when `structure` differs from `by_rule`.
    pub reason: String,
    /// The day the committee was elected; monthly 支委会 are required from then.
    pub committee_elected: Option<NaiveDate>,
    /// Whether 支委会 are required on the day asked about: a committee, and elected.
    pub committee_meets: bool,
    /// "党支部书记" or "支部委员会": who a term belongs to, in the reminders and the report.
    pub term_holder: String,
}

/// Full members of the branch on `date`: in the branch, full by then, membership here.
pub fn full_members_on(members: &[Member], date: NaiveDate) -> u32 {
    members
        .iter()
        .filter(|m| m.status == MemberStatus::Active && m.votes_here_on(date))
        .count() as u32
}

impl Store {
    pub fn structure(&self, today: NaiveDate) -> Result<BranchStructure> {
        self.structure_of(today, &self.all_members()?)
    }

    pub(crate) fn structure_of(
        &self,
        today: NaiveDate,
        members: &[Member],
    ) -> Result<BranchStructure> {
        let branch = self.branch()?;
        let rules = self.rules()?;
        let full_members = full_members_on(members, today);
        let by_rule = Structure::by_rule(full_members, rules.committee_min_full_members);
        let structure = branch.structure.unwrap_or(by_rule);
        Ok(BranchStructure {
            structure,
            by_rule,
            full_members,
            reason: if structure == by_rule {
                String::new()
            } else {
                branch.structure_reason
            },
            committee_elected: branch.committee_elected,
            committee_meets: structure == Structure::Committee
                && branch.committee_elected.is_some_and(|d| d <= today),
            term_holder: match structure {
                Structure::Committee => "支部委员会",
                Structure::Secretary => "党支部书记",
            }
            .into(),
        })
    }
}
