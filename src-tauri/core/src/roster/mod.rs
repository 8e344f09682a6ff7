//! Roster views: which people a list shows (search, category, status) and in which order
//! (surname strokes — the official order —, pinyin, or join date).
pub mod search;

use pinyin::ToPinyin;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::Result;
use crate::member::{Category, Member, MemberStatus};
use crate::store::Store;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum RosterOrder {
    /// 按姓氏笔画
    #[default]
    Strokes,
    Pinyin,
    /// 按入党时间, earliest first; people not yet members last.
    Joined,
}

impl RosterOrder {
    pub const ALL: [RosterOrder; 3] = [Self::Strokes, Self::Pinyin, Self::Joined];
    pub fn label(self) -> &'static str {
        match self {
            Self::Strokes => "按姓氏笔画",
            Self::Pinyin => "按拼音",
            Self::Joined => "按入党时间",
        }
    }
    pub fn parse(s: &str) -> Option<RosterOrder> {
        match s {
            "strokes" => Some(Self::Strokes),
            "pinyin" => Some(Self::Pinyin),
            "joined" => Some(Self::Joined),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum StatusFilter {
    /// 在册: everyone whose membership is in the branch.
    #[default]
    Active,
    Left,
    Mobile,
    LostContact,
    /// 离退休 among those in the branch.
    Retired,
    All,
}

impl StatusFilter {
    pub const ALL: [StatusFilter; 6] = [
        Self::Active,
        Self::Left,
        Self::Mobile,
        Self::LostContact,
        Self::Retired,
        Self::All,
    ];
    pub fn label(self) -> &'static str {
        match self {
            Self::Active => "在册人员",
            Self::Left => "已离开",
            Self::Mobile => "流动党员",
            Self::LostContact => "失联人员",
            Self::Retired => "离退休人员",
            Self::All => "全部",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export, optional_fields = nullable)]
pub struct RosterQuery {
    pub text: String,
    pub category: Option<Category>,
    pub status: StatusFilter,
    pub order: RosterOrder,
}

fn pinyin_key(name: &str) -> String {
    name.chars()
        .map(|c| {
            c.to_pinyin()
                .map(|p| p.plain().to_string())
                .unwrap_or_else(|| c.to_string())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Filters and sorts in memory: a branch has tens of people, a large one a few thousand.
pub fn select(mut members: Vec<Member>, q: &RosterQuery) -> Vec<Member> {
    members.retain(|m| {
        let status_ok = match q.status {
            StatusFilter::Active => m.status == MemberStatus::Active,
            StatusFilter::Left => m.status == MemberStatus::Left,
            StatusFilter::Mobile => m.status == MemberStatus::Active && m.is_mobile,
            StatusFilter::LostContact => m.status == MemberStatus::Active && m.lost_contact,
            StatusFilter::Retired => m.status == MemberStatus::Active && m.retired,
            StatusFilter::All => true,
        };
        status_ok
            && q.category.is_none_or(|c| m.category == c)
            && search::matches(
                &search::Haystack {
                    name: &m.name,
                    id_number: &m.id_number,
                    phone: &m.phone,
                },
                &q.text,
            )
    });
    match q.order {
        RosterOrder::Strokes => {
            members.sort_by(|a, b| crate::strokes::compare_names(&a.name, &b.name))
        }
        RosterOrder::Pinyin => {
            members.sort_by_cached_key(|m| pinyin_key(&m.name));
        }
        RosterOrder::Joined => members.sort_by(|a, b| {
            // Members by join date; then the people in development by category, each in stroke order.
            (a.joined.is_none(), a.joined, a.category)
                .cmp(&(b.joined.is_none(), b.joined, b.category))
                .then_with(|| crate::strokes::compare_names(&a.name, &b.name))
        }),
    }
    members
}

impl Store {
    pub fn roster(&self, q: &RosterQuery) -> Result<Vec<Member>> {
        Ok(select(self.all_members()?, q))
    }
}
