//! The dues standard (党费收缴标准) as a versioned table: the 2008 rules of the Central
//! Organization Department. A member's monthly amount is computed once a year from their
//! income category and base with the version in force, and kept with the version's name, so
//! a later change of standard never rewrites past years.
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Whose rule applies: the income situation of a member for the year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DuesCategory {
    /// 在职（工资收入）: a share of monthly after-tax regular pay.
    InService,
    /// 离退休: a share of the pension actually received (实际领取的离退休费总额或养老金总额).
    Retired,
    /// 学生.
    Student,
    /// 下岗失业、依靠抚恤或救济生活、领取最低生活保障金 (2008年规定：每月0.2元).
    LowIncome,
    /// 农民.
    Farmer,
    /// 无固定收入的流动党员: a local custom (0.5元) some superiors use; the 2008 text has no
    /// such row, so it is labelled as local wherever it shows.
    MobileNoIncome,
}

impl DuesCategory {
    pub const ALL: [DuesCategory; 6] = [
        DuesCategory::InService,
        DuesCategory::Retired,
        DuesCategory::Student,
        DuesCategory::LowIncome,
        DuesCategory::Farmer,
        DuesCategory::MobileNoIncome,
    ];

    pub fn code(self) -> &'static str {
        match self {
            DuesCategory::InService => "in_service",
            DuesCategory::Retired => "retired",
            DuesCategory::Student => "student",
            DuesCategory::LowIncome => "low_income",
            DuesCategory::Farmer => "farmer",
            DuesCategory::MobileNoIncome => "mobile_no_income",
        }
    }

    pub fn parse(s: &str) -> Option<DuesCategory> {
        Self::ALL
            .into_iter()
            .find(|c| c.code() == s || c.label() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            DuesCategory::InService => "在职",
            DuesCategory::Retired => "离退休",
            DuesCategory::Student => "学生",
            DuesCategory::LowIncome => "下岗失业、依靠抚恤或救济、领取低保",
            DuesCategory::Farmer => "农民",
            DuesCategory::MobileNoIncome => "无固定收入的流动党员（地方规定）",
        }
    }

    /// Whether the amount depends on an income base.
    pub fn needs_income(self) -> bool {
        matches!(self, DuesCategory::InService | DuesCategory::Retired)
    }
}

/// One step of a standard: incomes up to `up_to_fen` (None: no upper bound) pay
/// `per_mille`‰.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Bracket {
    up_to_fen: Option<i64>,
    per_mille: i64,
}

/// A version of the standard.
#[derive(Debug, Clone, Copy)]
pub struct Standard {
    /// Kept with every computed amount (e.g. "2008").
    pub version: &'static str,
    pub name: &'static str,
    in_service: &'static [Bracket],
    retired: &'static [Bracket],
    /// Fixed monthly amounts, in fen.
    student_fen: i64,
    low_income_fen: i64,
    farmer_min_fen: i64,
    farmer_max_fen: i64,
    mobile_fen: i64,
}

/// 中组部《关于中国共产党党费收缴、使用和管理的规定》（2008）.
pub const STANDARD_2008: Standard = Standard {
    version: "2008",
    name: "中组部2008年党费收缴规定",
    in_service: &[
        Bracket {
            up_to_fen: Some(300_000),
            per_mille: 5,
        },
        Bracket {
            up_to_fen: Some(500_000),
            per_mille: 10,
        },
        Bracket {
            up_to_fen: Some(1_000_000),
            per_mille: 15,
        },
        Bracket {
            up_to_fen: None,
            per_mille: 20,
        },
    ],
    retired: &[
        Bracket {
            up_to_fen: Some(500_000),
            per_mille: 5,
        },
        Bracket {
            up_to_fen: None,
            per_mille: 10,
        },
    ],
    student_fen: 20,
    low_income_fen: 20,
    farmer_min_fen: 20,
    farmer_max_fen: 100,
    mobile_fen: 50,
};

/// The versions known, newest last. A new standard is added here, never edited in place.
pub const STANDARDS: &[Standard] = &[STANDARD_2008];

pub fn standard(version: &str) -> Option<&'static Standard> {
    STANDARDS.iter().find(|s| s.version == version)
}

pub fn current_standard() -> &'static Standard {
    &STANDARDS[STANDARDS.len() - 1]
}

/// What the standard says for one member: the monthly amount and how it was reached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Assessed {
    #[ts(type = "number")]
    pub monthly_fen: i64,
    /// "1%", "0.2元/月", "0.2–1元/月" — the 执行标准 column of the ledger.
    pub rule: String,
}

fn per_mille_text(pm: i64) -> String {
    if pm % 10 == 0 {
        format!("{}%", pm / 10)
    } else {
        format!("{}.{}%", pm / 10, pm % 10)
    }
}

/// Yuan from fen without trailing zeros: 3000 → "30", 250 → "2.5", 1 → "0.01".
pub fn yuan(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let fen = fen.abs();
    let (whole, part) = (fen / 100, fen % 100);
    match part {
        0 => format!("{sign}{whole}"),
        p if p % 10 == 0 => format!("{sign}{whole}.{}", p / 10),
        p => format!("{sign}{whole}.{p:02}"),
    }
}

impl Standard {
    /// How a category's monthly amount is reached, as the form offers the category:
    /// "按月工资收入", "每月0.2元", "每月0.2–1元".
    pub fn basis_text(&self, category: DuesCategory) -> String {
        let monthly = |fen: i64| format!("每月{}元", yuan(fen));
        match category {
            DuesCategory::InService => "按月工资收入".into(),
            DuesCategory::Retired => "按实际领取的离退休费（养老金）总额".into(),
            DuesCategory::Student => monthly(self.student_fen),
            DuesCategory::LowIncome => monthly(self.low_income_fen),
            DuesCategory::Farmer => format!(
                "每月{}–{}元",
                yuan(self.farmer_min_fen),
                yuan(self.farmer_max_fen)
            ),
            DuesCategory::MobileNoIncome => monthly(self.mobile_fen),
        }
    }

    /// The monthly amount for a category and (for pay and pensions) the monthly base in fen;
    /// None when the base is needed and missing. Rounded to the fen, halves up.
    pub fn assess(&self, category: DuesCategory, income_fen: Option<i64>) -> Option<Assessed> {
        let by_brackets = |brackets: &[Bracket], income: i64| {
            let b = brackets
                .iter()
                .find(|b| b.up_to_fen.is_none_or(|top| income <= top))
                .copied()
                .unwrap_or(Bracket {
                    up_to_fen: None,
                    per_mille: 0,
                });
            Assessed {
                monthly_fen: (income * b.per_mille + 500) / 1000,
                rule: per_mille_text(b.per_mille),
            }
        };
        let fixed = |fen: i64| Assessed {
            monthly_fen: fen,
            rule: format!("{}元/月", yuan(fen)),
        };
        Some(match category {
            DuesCategory::InService => by_brackets(self.in_service, income_fen?.max(0)),
            DuesCategory::Retired => by_brackets(self.retired, income_fen?.max(0)),
            DuesCategory::Student => fixed(self.student_fen),
            DuesCategory::LowIncome => fixed(self.low_income_fen),
            DuesCategory::Farmer => Assessed {
                monthly_fen: self.farmer_min_fen,
                rule: format!(
                    "{}–{}元/月",
                    yuan(self.farmer_min_fen),
                    yuan(self.farmer_max_fen)
                ),
            },
            DuesCategory::MobileNoIncome => fixed(self.mobile_fen),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn monthly(c: DuesCategory, income_yuan: i64) -> (i64, String) {
        let a = STANDARD_2008
            .assess(c, Some(income_yuan * 100))
            .expect("assessed");
        (a.monthly_fen, a.rule)
    }

    #[test]
    fn in_service_brackets_include_their_upper_bound() {
        use DuesCategory::InService as S;
        assert_eq!(monthly(S, 2800), (1400, "0.5%".into()));
        assert_eq!(monthly(S, 3000), (1500, "0.5%".into()));
        assert_eq!(monthly(S, 3001), (3001, "1%".into()));
        assert_eq!(monthly(S, 5000), (5000, "1%".into()));
        assert_eq!(monthly(S, 6000), (9000, "1.5%".into()));
        assert_eq!(monthly(S, 10000), (15000, "1.5%".into()));
        assert_eq!(monthly(S, 12000), (24000, "2%".into()));
    }

    #[test]
    fn retired_members_pay_on_their_pension() {
        use DuesCategory::Retired as R;
        assert_eq!(monthly(R, 4200), (2100, "0.5%".into()));
        assert_eq!(monthly(R, 5000), (2500, "0.5%".into()));
        assert_eq!(monthly(R, 6500), (6500, "1%".into()));
    }

    #[test]
    fn fixed_amounts_need_no_income() {
        let a = |c| STANDARD_2008.assess(c, None).expect("fixed");
        assert_eq!(a(DuesCategory::Student).monthly_fen, 20);
        assert_eq!(a(DuesCategory::Student).rule, "0.2元/月");
        assert_eq!(a(DuesCategory::LowIncome).monthly_fen, 20);
        assert_eq!(a(DuesCategory::MobileNoIncome).rule, "0.5元/月");
        assert_eq!(a(DuesCategory::Farmer).rule, "0.2–1元/月");
        assert_eq!(STANDARD_2008.assess(DuesCategory::InService, None), None);
    }

    #[test]
    fn amounts_round_to_the_fen_halves_up() {
        // 3,456.70 × 1% = 34.567 → 34.57.
        let a = STANDARD_2008
            .assess(DuesCategory::InService, Some(345_670))
            .expect("a");
        assert_eq!(a.monthly_fen, 3457);
        assert_eq!(yuan(3457), "34.57");
        assert_eq!(yuan(3450), "34.5");
        assert_eq!(yuan(3400), "34");
        assert_eq!(yuan(5), "0.05");
    }
}
