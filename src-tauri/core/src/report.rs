//! The yearly duty report (书记抓党建工作述职报告): drafted from the records, edited by the
//! secretary, saved in revisions. Paragraph text carries live figures as 〔名称〕: the prose
//! is the secretary's, the figures are the records', refreshed on demand. A refresh
//! regenerates only paragraphs the secretary has not touched. Problems found this year become
//! next year's rectification list (整改清单); unfinished responsibilities (责任清单) carry over.
use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::check::Check;
use crate::compliance::{period_cn, CellStatus};
use crate::dates;
use crate::error::{Error, ErrorKind, Result};
use crate::meeting::MeetingKind;
use crate::member::{Category, Direction};
use crate::store::Store;
use crate::venue::ItemStatus;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ParagraphKind {
    /// 一、…
    Heading,
    /// （一）…
    Subheading,
    Text,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Paragraph {
    /// Stable name of the paragraph (`opening`, `s1.org`, `problem.2`, `custom.1`...).
    pub key: String,
    /// The part of the report it belongs to.
    pub section: String,
    pub kind: ParagraphKind,
    /// Text with live figures as 〔名称〕.
    pub text: String,
    /// Written or changed by the secretary: a refresh keeps it as it is.
    pub edited: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Figure {
    pub name: String,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Revision {
    #[ts(type = "number")]
    pub id: i64,
    pub saved_at: String,
    pub author: String,
    pub note: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ListKind {
    Responsibility,
    Rectification,
}

impl ListKind {
    fn code(self) -> &'static str {
        match self {
            Self::Responsibility => "responsibility",
            Self::Rectification => "rectification",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ListItem {
    #[ts(type = "number")]
    pub id: i64,
    pub list: ListKind,
    pub content: String,
    pub owner: String,
    pub due: Option<NaiveDate>,
    pub done: bool,
    /// Continued from the year before.
    pub carried: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export, optional_fields = nullable)]
pub struct ListItemInput {
    pub content: String,
    pub owner: String,
    pub due: Option<String>,
    pub done: bool,
}

/// A report as the editor and the printout see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Report {
    pub year: i32,
    pub title: String,
    pub is_final: bool,
    pub paragraphs: Vec<Paragraph>,
    /// The same paragraphs with the figures filled in.
    pub rendered: Vec<String>,
    pub figures: Vec<Figure>,
    /// 〔…〕 names in the text that are not figures (typos); shown to the secretary.
    pub unknown_figures: Vec<String>,
    pub revisions: Vec<Revision>,
    pub responsibility: Vec<ListItem>,
    pub rectification: Vec<ListItem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ParagraphEdit {
    pub key: String,
    pub text: String,
}

/// The figures of a year, by name, computed from the records.
pub type Figures = BTreeMap<String, String>;

fn cn_list(items: &[String]) -> String {
    items.join("、")
}

/// Every figure the report can show, for `year`, as of the end of the year (or today).
pub fn figures(store: &Store, year: i32, today: NaiveDate) -> Result<Figures> {
    let year_end = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(today);
    let as_of = year_end.min(today);
    let in_year = |d: NaiveDate| d.year() == year && d <= as_of;
    let branch = store.branch()?;
    let mut f = Figures::new();
    let mut put = |k: &str, v: String| {
        f.insert(k.to_string(), v);
    };
    put("年度", format!("{year}年"));
    put("支部名称", branch.name.clone());
    put(
        "上级党组织",
        if branch.superior.is_empty() {
            "上级党组织".into()
        } else {
            branch.superior.clone()
        },
    );
    put("统计日期", dates::format_cn(as_of));
    let secretary = branch
        .committee
        .iter()
        .find(|s| s.role == "书记")
        .map(|s| s.name.clone())
        .unwrap_or_default();
    put("书记", secretary);

    // Members as of the date, from the roster's history.
    let members = store.members_on(as_of)?;
    let full = members
        .iter()
        .filter(|m| m.category == Category::Full && m.full_date.is_some_and(|d| d <= as_of))
        .count();
    put("党员总数", members.len().to_string());
    put("正式党员数", full.to_string());
    put("预备党员数", (members.len() - full).to_string());
    let all = store.all_members()?;
    let timeline = store.membership_timeline()?;
    let here_on = |id: i64| {
        timeline
            .get(&id)
            .and_then(|e| e.iter().rfind(|(_, d)| *d <= as_of))
            .is_some_and(|(dir, _)| *dir == Direction::In)
    };
    for (name, cat) in [
        ("发展对象数", Category::Candidate),
        ("入党积极分子数", Category::Activist),
        ("入党申请人数", Category::Applicant),
    ] {
        put(
            name,
            all.iter()
                .filter(|m| m.category == cat && here_on(m.id))
                .count()
                .to_string(),
        );
    }
    put(
        "新发展党员数",
        all.iter()
            .filter(|m| m.joined.is_some_and(in_year) && here_on(m.id))
            .count()
            .to_string(),
    );
    put(
        "转正人数",
        all.iter()
            .filter(|m| m.category == Category::Full && m.full_date.is_some_and(in_year))
            .count()
            .to_string(),
    );
    // Whole-branch counts are single queries: a large organization has thousands of people.
    let (from, to) = (format!("{year}-01-01"), as_of.to_string());
    let count = |sql: &str| -> Result<u32> {
        Ok(store.conn.query_row(sql, params![from, to], |r| r.get(0))?)
    };
    put(
        "转入人数",
        count("SELECT COUNT(*) FROM membership_event WHERE kind = 'in' AND reason = 'transfer' AND date BETWEEN ?1 AND ?2")?.to_string(),
    );
    put(
        "转出人数",
        count("SELECT COUNT(*) FROM membership_event WHERE kind = 'out' AND reason = 'transfer' AND date BETWEEN ?1 AND ?2")?.to_string(),
    );

    // Organizational life.
    let meetings =
        store.meeting_dates(NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(as_of), as_of)?;
    let held = |k: MeetingKind| {
        meetings
            .iter()
            .filter(|(kind, also, _)| *kind == k || *also == Some(k))
            .count()
    };
    for (name, k) in [
        ("支部党员大会次数", MeetingKind::GeneralMeeting),
        ("支委会次数", MeetingKind::CommitteeMeeting),
        ("党小组会次数", MeetingKind::GroupMeeting),
        ("党课次数", MeetingKind::PartyLecture),
        ("主题党日次数", MeetingKind::ThemeDay),
        ("组织生活会次数", MeetingKind::LifeMeeting),
        ("民主评议党员次数", MeetingKind::MemberReview),
        ("谈心谈话次数", MeetingKind::HeartTalk),
    ] {
        put(name, held(k).to_string());
    }
    let (present, expected): (u32, u32) = store.conn.query_row(
        "SELECT COALESCE(SUM(a.status = 'present'), 0), COALESCE(SUM(a.status <> 'observer'), 0)
         FROM meeting m JOIN attendance a ON a.meeting_id = m.id
         WHERE m.date BETWEEN ?1 AND ?2 AND a.member_id IS NOT NULL",
        params![from, to],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    put(
        "平均参会率",
        if expected == 0 {
            "—".into()
        } else {
            format!("{:.1}%", f64::from(present) * 100.0 / f64::from(expected))
        },
    );
    let mut grades: BTreeMap<&str, u32> = BTreeMap::new();
    let mut stmt = store.conn.prepare(
        "SELECT g.grade, COUNT(*) FROM review_grade g JOIN meeting m ON m.id = g.meeting_id
         WHERE m.date BETWEEN ?1 AND ?2 GROUP BY g.grade",
    )?;
    let rows = stmt.query_map(params![from, to], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, u32>(1)?))
    })?;
    for row in rows {
        let (grade, n) = row?;
        let k = match grade.as_str() {
            "excellent" => "评议优秀人数",
            "basically_qualified" => "评议基本合格人数",
            "unqualified" => "评议不合格人数",
            _ => "评议合格人数",
        };
        *grades.entry(k).or_default() += n;
    }
    for k in [
        "评议优秀人数",
        "评议合格人数",
        "评议基本合格人数",
        "评议不合格人数",
    ] {
        put(k, grades.get(k).copied().unwrap_or(0).to_string());
    }
    let calendar = store.calendar(year, as_of.succ_opt().unwrap_or(as_of))?;
    let mut gaps: BTreeMap<MeetingKind, Vec<String>> = BTreeMap::new();
    for c in calendar.iter().filter(|c| c.status == CellStatus::Gap) {
        gaps.entry(c.kind)
            .or_default()
            .push(period_cn(&c.period).replace(&format!("{year}年"), ""));
    }
    // Kinds whose every period so far was held as required.
    let mut kinds_met: Vec<String> = Vec::new();
    for c in &calendar {
        let label = c.kind.label().to_string();
        let so_far = || {
            calendar
                .iter()
                .filter(|x| x.kind == c.kind && x.status != CellStatus::Upcoming)
        };
        let all_met = so_far().all(|x| x.status == CellStatus::Met) && so_far().next().is_some();
        if all_met && !kinds_met.contains(&label) {
            kinds_met.push(label);
        }
    }
    put(
        "按要求完成的会议",
        if kinds_met.is_empty() {
            "无".into()
        } else {
            cn_list(&kinds_met)
        },
    );
    let gap_text: Vec<String> = gaps
        .iter()
        .map(|(k, p)| format!("{}（{}）", k.label(), p.join("、")))
        .collect();
    put(
        "未按要求召开的会议",
        if gap_text.is_empty() {
            "无".into()
        } else {
            cn_list(&gap_text)
        },
    );

    // Dues, from the ledger: what the months ended by the year's end (or today) asked for,
    // and what was collected in the year.
    let dues = store.dues_year(year, as_of)?;
    let due_so_far: i64 = dues
        .rows
        .iter()
        .filter_map(|r| {
            let monthly = r.basis.as_ref()?.monthly_fen();
            let months = r
                .months
                .iter()
                .filter(|m| m.due && crate::dues::last_day(year, m.month) <= as_of)
                .count() as i64;
            Some(monthly * months)
        })
        .sum();
    put("应缴党费", crate::dues::yuan(due_so_far));
    put("实缴党费", crate::dues::yuan(dues.paid_fen));
    put(
        "党费收缴率",
        if due_so_far > 0 {
            // Paying ahead can pass 100%; the rate says whether what was due came in.
            format!(
                "{:.1}%",
                (dues.paid_fen as f64 * 100.0 / due_so_far as f64).min(100.0)
            )
        } else {
            "—".into()
        },
    );
    put(
        "按月交清人数",
        dues.rows
            .iter()
            .filter(|r| r.basis.is_some() && r.unpaid_months == 0)
            .count()
            .to_string(),
    );
    put("党费台账人数", dues.rows.len().to_string());

    // Venue.
    let venue = store.venues()?.into_iter().next();
    let check = venue
        .as_ref()
        .and_then(|v| v.checks.iter().find(|c| c.date <= year_end).cloned());
    put(
        "阵地名称",
        venue
            .as_ref()
            .map_or("党员活动室".into(), |v| v.name.clone()),
    );
    put(
        "六有达标项数",
        check.as_ref().map_or("—".into(), |c| c.met.to_string()),
    );
    put(
        "六有项数",
        check
            .as_ref()
            .map_or("—".into(), |c| c.items.len().to_string()),
    );
    let short: Vec<String> = check
        .as_ref()
        .map(|c| {
            c.items
                .iter()
                .filter(|i| i.status != ItemStatus::Yes)
                .map(|i| format!("“{}”", i.title))
                .collect()
        })
        .unwrap_or_default();
    put(
        "六有未达标项目",
        if short.is_empty() {
            "无".into()
        } else {
            short.join("")
        },
    );

    // Lists.
    let resp = store.list_items(year, ListKind::Responsibility)?;
    put("责任清单项数", resp.len().to_string());
    put(
        "责任清单完成数",
        resp.iter().filter(|i| i.done).count().to_string(),
    );
    let rect = store.list_items(year, ListKind::Rectification)?;
    put("上年整改项数", rect.len().to_string());
    put(
        "上年整改完成数",
        rect.iter().filter(|i| i.done).count().to_string(),
    );
    Ok(f)
}

/// Replaces 〔名称〕 with the figure's value; unknown names stay as written and are returned.
pub fn render(text: &str, figures: &Figures) -> (String, Vec<String>) {
    let mut out = String::new();
    let mut unknown = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('〔') {
        out.push_str(&rest[..start]);
        let after = &rest[start + '〔'.len_utf8()..];
        match after.find('〕') {
            Some(end) => {
                let name = &after[..end];
                match figures.get(name) {
                    Some(v) => out.push_str(v),
                    None => {
                        out.push_str(&rest[start..start + '〔'.len_utf8() + end + '〕'.len_utf8()]);
                        unknown.push(name.to_string());
                    }
                }
                rest = &after[end + '〕'.len_utf8()..];
            }
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    (out, unknown)
}

/// The default text of every templated paragraph; the secretary may adjust these (the
/// `report_templates` setting), and generated paragraphs follow the adjusted text.
pub fn default_templates() -> BTreeMap<String, String> {
    [
        ("opening", "〔年度〕，在〔上级党组织〕的坚强领导下，支部委员会坚持以习近平新时代中国特色社会主义思想为指导，认真落实全面从严治党主体责任，团结带领全体党员履职尽责，支部各项工作取得新的进展。现将履职情况报告如下。"),
        ("s1.org", "截至〔统计日期〕，支部共有党员〔党员总数〕名，其中正式党员〔正式党员数〕名、预备党员〔预备党员数〕名；另有发展对象〔发展对象数〕名、入党积极分子〔入党积极分子数〕名、入党申请人〔入党申请人数〕名。全年发展党员〔新发展党员数〕名，预备党员按期转正〔转正人数〕名，转入党员〔转入人数〕名、转出〔转出人数〕名。"),
        ("s1.life", "坚持“三会一课”制度，全年召开支部党员大会〔支部党员大会次数〕次、支委会〔支委会次数〕次，讲党课〔党课次数〕次，开展主题党日〔主题党日次数〕次，召开组织生活会〔组织生活会次数〕次，开展谈心谈话〔谈心谈话次数〕次，党员平均参会率为〔平均参会率〕。对照支部工作条例的要求，〔按要求完成的会议〕均按要求完成。"),
        ("s1.review", "组织开展民主评议党员，评为优秀的〔评议优秀人数〕名、合格的〔评议合格人数〕名、基本合格的〔评议基本合格人数〕名、不合格的〔评议不合格人数〕名。"),
        ("s1.dues", "严格党费收缴管理，按照党费收缴标准核定每名党员的月交纳额，截至〔统计日期〕应缴党费〔应缴党费〕元，实缴〔实缴党费〕元，收缴率〔党费收缴率〕；〔党费台账人数〕名党员中〔按月交清人数〕名按月交清。"),
        ("s1.venue", "〔阵地名称〕对照“六有”标准检查，〔六有项数〕项中达标〔六有达标项数〕项，阵地的教育、议事和服务功能得到发挥。"),
        ("s1.duty", "年初确定的责任清单共〔责任清单项数〕项，已完成〔责任清单完成数〕项。"),
        ("s3.subjective", "一是主观上抓党建的责任意识还需增强，对支部工作统筹谋划不够，存在“重业务、轻党建”的倾向。"),
        ("s3.objective", "二是客观上社会组织人员流动性较大，党员分散在各项目点，集中开展活动难度较大，党务工作者多为兼职，精力投入有限。"),
        ("s5.summary", "上年度查摆的问题共〔上年整改项数〕个，已整改〔上年整改完成数〕个。"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

/// A paragraph template as the settings show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Template {
    pub key: String,
    pub label: String,
    pub text: String,
    pub default_text: String,
}

fn template_label(key: &str) -> &'static str {
    match key {
        "opening" => "开头",
        "s1.org" => "履职情况·组织建设",
        "s1.life" => "履职情况·组织生活",
        "s1.review" => "履职情况·民主评议",
        "s1.dues" => "履职情况·党费收缴",
        "s1.venue" => "履职情况·阵地建设",
        "s1.duty" => "履职情况·责任清单",
        "s3.subjective" => "原因分析·主观",
        "s3.objective" => "原因分析·客观",
        "s5.summary" => "上年度整改情况",
        _ => "其他",
    }
}

fn heading(key: &str, section: &str, kind: ParagraphKind, text: &str) -> Paragraph {
    Paragraph {
        key: key.into(),
        section: section.into(),
        kind,
        text: text.into(),
        edited: false,
    }
}

impl Store {
    fn templates(&self) -> Result<BTreeMap<String, String>> {
        let mut t = default_templates();
        if let Some(json) = self.setting("report_templates")? {
            let custom: BTreeMap<String, String> = serde_json::from_str(&json)
                .map_err(|_| Error::new(ErrorKind::Corrupt, "述职报告模板设置已损坏"))?;
            t.extend(custom);
        }
        Ok(t)
    }

    /// The templates of generated paragraphs, with the branch's adjustments.
    pub fn report_templates(&self) -> Result<Vec<Template>> {
        let current = self.templates()?;
        let defaults = default_templates();
        // In the order the paragraphs appear in the report.
        const ORDER: [&str; 10] = [
            "opening",
            "s1.org",
            "s1.life",
            "s1.review",
            "s1.dues",
            "s1.venue",
            "s1.duty",
            "s3.subjective",
            "s3.objective",
            "s5.summary",
        ];
        Ok(ORDER
            .iter()
            .filter_map(|key| {
                let default_text = defaults.get(*key)?.clone();
                Some(Template {
                    key: key.to_string(),
                    label: template_label(key).into(),
                    text: current
                        .get(*key)
                        .cloned()
                        .unwrap_or_else(|| default_text.clone()),
                    default_text,
                })
            })
            .collect())
    }

    /// Adjusts the templates of generated paragraphs (key → text with 〔figures〕).
    pub fn save_report_templates(&self, templates: &BTreeMap<String, String>) -> Result<()> {
        let known = default_templates();
        if let Some(k) = templates.keys().find(|k| !known.contains_key(*k)) {
            return Err(Error::field(
                "templates",
                format!("没有名为“{k}”的段落模板"),
            ));
        }
        let json = serde_json::to_string(templates)
            .map_err(|e| Error::new(ErrorKind::Internal, e.to_string()))?;
        self.set_setting("report_templates", &json)
    }

    /// The paragraphs a fresh draft has, from the templates and the year's facts.
    fn generate(&self, year: i32, figures: &Figures) -> Result<Vec<Paragraph>> {
        let t = self.templates()?;
        let text = |key: &str, section: &str| Paragraph {
            key: key.into(),
            section: section.into(),
            kind: ParagraphKind::Text,
            text: t.get(key).cloned().unwrap_or_default(),
            edited: false,
        };
        let mut p = vec![text("opening", "opening")];
        p.push(heading("h1", "s1", ParagraphKind::Heading, "履职情况"));
        p.push(heading(
            "h1.org",
            "s1",
            ParagraphKind::Subheading,
            "加强组织建设",
        ));
        p.push(text("s1.org", "s1"));
        p.push(heading(
            "h1.life",
            "s1",
            ParagraphKind::Subheading,
            "严格组织生活",
        ));
        p.push(text("s1.life", "s1"));
        if figures.get("民主评议党员次数").is_some_and(|n| n != "0") {
            p.push(text("s1.review", "s1"));
        }
        // Only once the branch keeps its dues ledger here.
        if figures.get("应缴党费").is_some_and(|n| n != "0") {
            p.push(heading(
                "h1.dues",
                "s1",
                ParagraphKind::Subheading,
                "党费收缴管理",
            ));
            p.push(text("s1.dues", "s1"));
        }
        p.push(heading(
            "h1.venue",
            "s1",
            ParagraphKind::Subheading,
            "加强阵地建设",
        ));
        p.push(text("s1.venue", "s1"));
        if figures.get("责任清单项数").is_some_and(|n| n != "0") {
            p.push(text("s1.duty", "s1"));
        }

        let problems = self.problems(year, figures)?;
        p.push(heading("h2", "s2", ParagraphKind::Heading, "存在的问题"));
        if problems.is_empty() {
            p.push(Paragraph {
                key: "problem.none".into(),
                section: "s2".into(),
                kind: ParagraphKind::Text,
                text: "对照规定要求，支部各项工作总体落实到位，但在创新活动方式、发挥党员作用等方面仍有提升空间。".into(),
                edited: false,
            });
        }
        let ordinal = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
        for (i, pr) in problems.iter().enumerate() {
            let n = ordinal.get(i).copied().unwrap_or("另");
            p.push(Paragraph {
                key: format!("problem.{}", pr.0),
                section: "s2".into(),
                kind: ParagraphKind::Text,
                text: format!("{n}是{}", pr.1),
                edited: false,
            });
        }
        p.push(heading("h3", "s3", ParagraphKind::Heading, "原因分析"));
        p.push(text("s3.subjective", "s3"));
        p.push(text("s3.objective", "s3"));
        p.push(heading(
            "h4",
            "s4",
            ParagraphKind::Heading,
            "下一步工作打算",
        ));
        let secretary = figures.get("书记").cloned().unwrap_or_default();
        let due = format!("{}年6月30日", year + 1);
        for (i, pr) in problems.iter().enumerate() {
            let n = ordinal.get(i).copied().unwrap_or("另");
            p.push(Paragraph {
                key: format!("plan.{}", pr.0),
                section: "s4".into(),
                kind: ParagraphKind::Text,
                text: format!(
                    "{n}是{}。由{}负责，{due}前完成。",
                    pr.2,
                    if secretary.is_empty() {
                        "支部书记".into()
                    } else {
                        format!("{secretary}同志")
                    }
                ),
                edited: false,
            });
        }
        p.push(Paragraph {
            key: "plan.general".into(),
            section: "s4".into(),
            kind: ParagraphKind::Text,
            text: "持续加强支部政治建设和组织建设，严格落实“三会一课”等组织生活制度，把党建工作与业务工作同谋划、同部署、同落实，推动支部工作再上新台阶。".into(),
            edited: false,
        });
        let rect = self.list_items(year, ListKind::Rectification)?;
        if !rect.is_empty() {
            p.push(heading(
                "h5",
                "s5",
                ParagraphKind::Heading,
                "上年度问题整改情况",
            ));
            p.push(text("s5.summary", "s5"));
            for (i, item) in rect.iter().enumerate() {
                p.push(Paragraph {
                    key: format!("rect.{}", item.id),
                    section: "s5".into(),
                    kind: ParagraphKind::Text,
                    text: format!(
                        "{}. {}（{}）",
                        i + 1,
                        item.content.trim_end_matches('。'),
                        if item.done {
                            "已整改"
                        } else {
                            "正在整改"
                        }
                    ),
                    edited: false,
                });
            }
        }
        Ok(p)
    }

    /// Problems found in the facts: (stable key, the problem, the measure against it).
    fn problems(&self, year: i32, f: &Figures) -> Result<Vec<(String, String, String)>> {
        let mut out = Vec::new();
        if f.get("未按要求召开的会议").is_some_and(|v| v != "无") {
            out.push((
                "meetings".to_string(),
                "组织生活制度落实还不够严格，〔未按要求召开的会议〕未按规定频次召开。".to_string(),
                "严格落实组织生活制度，年初制定“三会一课”计划，按月对照检查，确保按规定频次召开"
                    .to_string(),
            ));
        }
        let today = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or_default();
        let drifting: Vec<String> = self
            .six_month_scan(today.min(self.latest_date()?))?
            .into_iter()
            .map(|s| s.name)
            .collect();
        if !drifting.is_empty() {
            out.push((
                "attendance".to_string(),
                format!(
                    "党员教育管理还有薄弱环节，{}同志较长时间未参加组织生活。",
                    drifting.join("、")
                ),
                format!(
                    "对{}同志开展谈心谈话，帮助其按时参加组织生活，必要时通过线上方式参加",
                    drifting.join("、")
                ),
            ));
        }
        if f.get("六有未达标项目")
            .is_some_and(|v| v != "无" && !v.is_empty())
        {
            out.push((
                "venue".to_string(),
                "阵地建设还有短板，活动阵地〔六有未达标项目〕尚未完全达标。".to_string(),
                "对照“六有”标准补齐阵地短板".to_string(),
            ));
        }
        let rate: Option<f64> = f
            .get("平均参会率")
            .and_then(|r| r.trim_end_matches('%').parse().ok());
        if rate.is_some_and(|r| r < 85.0) {
            out.push((
                "rate".to_string(),
                "党员参加组织生活的积极性有待提高，平均参会率为〔平均参会率〕。".to_string(),
                "丰富组织生活内容和形式，提高党员参会率".to_string(),
            ));
        }
        Ok(out)
    }

    /// The newest date in the records (so a past year's report looks at its own end).
    fn latest_date(&self) -> Result<NaiveDate> {
        let d: Option<String> = self
            .conn
            .query_row("SELECT MAX(date) FROM meeting", [], |r| r.get(0))?;
        Ok(d.and_then(|d| dates::parse(&d)).unwrap_or(NaiveDate::MAX))
    }

    /// The report of `year`, drafted on first use.
    pub fn report(&mut self, year: i32, today: NaiveDate, now: NaiveDateTime) -> Result<Report> {
        if !(2000..=today.year() + 1).contains(&year) {
            return Err(Error::field("year", format!("{year}年不是可以述职的年度")));
        }
        let exists: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM report WHERE year = ?1)",
            [year],
            |r| r.get(0),
        )?;
        if !exists {
            self.carry_over(year)?;
            let figures = figures(self, year, today)?;
            let paragraphs = self.generate(year, &figures)?;
            let tx = self.conn.transaction()?;
            tx.execute("INSERT INTO report (year) VALUES (?1)", [year])?;
            tx.commit()?;
            self.save_revision(year, &paragraphs, now, "", "生成初稿")?;
        }
        self.load_report(year, today)
    }

    /// The report for printing: the saved draft, or a fresh one when none was saved yet
    /// (without saving it: printing only looks).
    pub fn printed_report(&self, year: i32, today: NaiveDate) -> Result<Report> {
        let exists: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM report WHERE year = ?1)",
            [year],
            |r| r.get(0),
        )?;
        if exists {
            return self.load_report(year, today);
        }
        let figures = figures(self, year, today)?;
        let paragraphs = self.generate(year, &figures)?;
        let rendered = paragraphs
            .iter()
            .map(|p| render(&p.text, &figures).0)
            .collect();
        let branch = figures.get("支部名称").cloned().unwrap_or_default();
        Ok(Report {
            year,
            title: format!(
                "中共{}{year}年度书记抓党建工作述职报告",
                branch.trim_start_matches("中共")
            ),
            is_final: false,
            paragraphs,
            rendered,
            figures: figures
                .into_iter()
                .map(|(name, value)| Figure { name, value })
                .collect(),
            unknown_figures: Vec::new(),
            revisions: Vec::new(),
            responsibility: Vec::new(),
            rectification: Vec::new(),
        })
    }

    fn save_revision(
        &self,
        year: i32,
        paragraphs: &[Paragraph],
        now: NaiveDateTime,
        author: &str,
        note: &str,
    ) -> Result<()> {
        let content = serde_json::to_string(paragraphs)
            .map_err(|e| Error::new(ErrorKind::Internal, e.to_string()))?;
        self.conn.execute(
            "INSERT INTO report_revision (year, saved_at, author, note, content) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![year, now.format("%Y-%m-%d %H:%M:%S").to_string(), author, note, content],
        )?;
        Ok(())
    }

    fn current_paragraphs(&self, year: i32) -> Result<Vec<Paragraph>> {
        let content: Option<String> = self
            .conn
            .query_row(
                "SELECT content FROM report_revision WHERE year = ?1 ORDER BY id DESC LIMIT 1",
                [year],
                |r| r.get(0),
            )
            .optional()?;
        let content = content.ok_or_else(|| Error::not_found("这一年的述职报告"))?;
        serde_json::from_str(&content)
            .map_err(|_| Error::new(ErrorKind::Corrupt, "述职报告的内容已损坏，请恢复较早的版本"))
    }

    fn load_report(&self, year: i32, today: NaiveDate) -> Result<Report> {
        let paragraphs = self.current_paragraphs(year)?;
        let figures = figures(self, year, today)?;
        let mut unknown = Vec::new();
        let rendered = paragraphs
            .iter()
            .map(|p| {
                let (text, mut u) = render(&p.text, &figures);
                unknown.append(&mut u);
                text
            })
            .collect();
        unknown.sort();
        unknown.dedup();
        let is_final: bool =
            self.conn
                .query_row("SELECT final FROM report WHERE year = ?1", [year], |r| {
                    r.get(0)
                })?;
        let revisions = self
            .conn
            .prepare("SELECT id, saved_at, author, note FROM report_revision WHERE year = ?1 ORDER BY id DESC")?
            .query_map([year], |r| Ok(Revision { id: r.get(0)?, saved_at: r.get(1)?, author: r.get(2)?, note: r.get(3)? }))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let branch = figures.get("支部名称").cloned().unwrap_or_default();
        let branch = branch.trim_start_matches("中共").to_string();
        Ok(Report {
            year,
            title: format!("中共{branch}{year}年度书记抓党建工作述职报告"),
            is_final,
            paragraphs,
            rendered,
            figures: figures
                .into_iter()
                .map(|(name, value)| Figure { name, value })
                .collect(),
            unknown_figures: unknown,
            revisions,
            responsibility: self.list_items(year, ListKind::Responsibility)?,
            rectification: self.list_items(year, ListKind::Rectification)?,
        })
    }

    fn refuse_final(&self, year: i32) -> Result<()> {
        let is_final: Option<bool> = self
            .conn
            .query_row("SELECT final FROM report WHERE year = ?1", [year], |r| {
                r.get(0)
            })
            .optional()?;
        match is_final {
            None => Err(Error::not_found("这一年的述职报告")),
            Some(true) => Err(Error::new(
                ErrorKind::Conflict,
                format!("{year}年度述职报告已定稿，如需修改请先“重新打开”"),
            )),
            Some(false) => Ok(()),
        }
    }

    /// Saves the secretary's text: paragraphs whose text changed become theirs; a new
    /// paragraph (key starting `custom.`) is added at the end of its section.
    pub fn save_report(
        &mut self,
        year: i32,
        edits: &[ParagraphEdit],
        author: &str,
        today: NaiveDate,
        now: NaiveDateTime,
    ) -> Result<Report> {
        self.refuse_final(year)?;
        let mut paragraphs = self.current_paragraphs(year)?;
        let mut c = Check::default();
        for e in edits {
            let text = c.text("paragraphs", "段落", &e.text, 5_000);
            if c.errors.is_empty() {
                match paragraphs.iter_mut().find(|p| p.key == e.key) {
                    Some(p) if p.text != text => {
                        p.text = text;
                        p.edited = true;
                    }
                    Some(_) => {}
                    None if e.key.starts_with("custom.") => {
                        let section = e.key.split('.').nth(1).unwrap_or("s1").to_string();
                        let at = paragraphs
                            .iter()
                            .rposition(|p| p.section == section)
                            .map_or(paragraphs.len(), |i| i + 1);
                        paragraphs.insert(
                            at,
                            Paragraph {
                                key: e.key.clone(),
                                section,
                                kind: ParagraphKind::Text,
                                text,
                                edited: true,
                            },
                        );
                    }
                    None => c.fail("paragraphs", "报告中没有这个段落，请刷新后重试"),
                }
            }
        }
        c.finish()?;
        // An emptied paragraph the secretary wrote is removed; generated ones are kept empty.
        paragraphs.retain(|p| !(p.key.starts_with("custom.") && p.text.trim().is_empty()));
        self.save_revision(year, &paragraphs, now, author, "修改")?;
        self.load_report(year, today)
    }

    /// Brings the draft up to date with the records: untouched paragraphs are regenerated
    /// (the problems found may change); everything the secretary wrote stays as written.
    pub fn refresh_report(
        &mut self,
        year: i32,
        author: &str,
        today: NaiveDate,
        now: NaiveDateTime,
    ) -> Result<Report> {
        self.refuse_final(year)?;
        let old = self.current_paragraphs(year)?;
        let figures = figures(self, year, today)?;
        let fresh = self.generate(year, &figures)?;
        let mut merged: Vec<Paragraph> = Vec::new();
        let sections: Vec<String> =
            fresh
                .iter()
                .map(|p| p.section.clone())
                .fold(Vec::new(), |mut v, s| {
                    if !v.contains(&s) {
                        v.push(s);
                    }
                    v
                });
        for section in &sections {
            for p in fresh.iter().filter(|p| &p.section == section) {
                match old.iter().find(|o| o.key == p.key && o.edited) {
                    Some(o) => merged.push(o.clone()),
                    None => merged.push(p.clone()),
                }
            }
            // The secretary's own paragraphs, and edited ones whose fact went away, stay.
            for o in old.iter().filter(|o| {
                &o.section == section && o.edited && !fresh.iter().any(|p| p.key == o.key)
            }) {
                merged.push(o.clone());
            }
        }
        self.save_revision(year, &merged, now, author, "刷新数据")?;
        self.load_report(year, today)
    }

    /// Makes an earlier revision the current one (as a new revision; nothing is lost).
    pub fn restore_report(
        &mut self,
        year: i32,
        revision_id: i64,
        author: &str,
        today: NaiveDate,
        now: NaiveDateTime,
    ) -> Result<Report> {
        self.refuse_final(year)?;
        let (content, saved_at): (String, String) = self
            .conn
            .query_row(
                "SELECT content, saved_at FROM report_revision WHERE id = ?1 AND year = ?2",
                params![revision_id, year],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or_else(|| Error::not_found("这个版本"))?;
        let paragraphs: Vec<Paragraph> = serde_json::from_str(&content)
            .map_err(|_| Error::new(ErrorKind::Corrupt, "这个版本的内容已损坏"))?;
        self.save_revision(
            year,
            &paragraphs,
            now,
            author,
            &format!("恢复到{saved_at}的版本"),
        )?;
        self.load_report(year, today)
    }

    /// Marks the report final (read-only) or reopens it. Finalizing sends this year's
    /// problems to next year's rectification list.
    pub fn set_report_final(
        &mut self,
        year: i32,
        is_final: bool,
        today: NaiveDate,
    ) -> Result<Report> {
        let n = self.conn.execute(
            "UPDATE report SET final = ?2 WHERE year = ?1",
            params![year, is_final],
        )?;
        if n == 0 {
            return Err(Error::not_found("这一年的述职报告"));
        }
        self.load_report(year, today)
    }

    /// On drafting year Y: last year's problems become this year's rectification list, and
    /// last year's unfinished responsibilities carry on.
    fn carry_over(&mut self, year: i32) -> Result<()> {
        let has_rect: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM report_item WHERE year = ?1 AND list = 'rectification')",
            [year],
            |r| r.get(0),
        )?;
        let last_year_problems: Vec<String> = match self.current_paragraphs(year - 1) {
            Ok(ps) => {
                let figures = figures(
                    self,
                    year - 1,
                    NaiveDate::from_ymd_opt(year - 1, 12, 31).unwrap_or_default(),
                )?;
                ps.iter()
                    .filter(|p| {
                        p.section == "s2"
                            && p.kind == ParagraphKind::Text
                            && p.key != "problem.none"
                    })
                    .map(|p| render(&p.text, &figures).0)
                    .collect()
            }
            Err(e) if e.kind == ErrorKind::NotFound => Vec::new(),
            Err(e) => return Err(e),
        };
        let secretary = self
            .branch()?
            .committee
            .iter()
            .find(|s| s.role == "书记")
            .map(|s| s.name.clone())
            .unwrap_or_default();
        let tx = self.conn.transaction()?;
        if !has_rect {
            for problem in &last_year_problems {
                // "一是……" → the problem itself.
                let content = problem
                    .split_once('是')
                    .filter(|(n, _)| n.chars().count() <= 2)
                    .map_or(problem.as_str(), |(_, rest)| rest);
                tx.execute(
                    "INSERT INTO report_item (year, list, content, owner, due) VALUES (?1, 'rectification', ?2, ?3, ?4)",
                    params![year, content, secretary, format!("{year}-06-30")],
                )?;
            }
        }
        tx.execute(
            "INSERT INTO report_item (year, list, content, owner, due, carried_from)
             SELECT ?1, list, content, owner, NULL, id FROM report_item
             WHERE year = ?2 AND list = 'responsibility' AND done = 0
               AND id NOT IN (SELECT carried_from FROM report_item WHERE year = ?1 AND carried_from IS NOT NULL)",
            params![year, year - 1],
        )?;
        tx.commit()?;
        Ok(())
    }

    pub fn list_items(&self, year: i32, list: ListKind) -> Result<Vec<ListItem>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, content, owner, due, done, carried_from IS NOT NULL FROM report_item WHERE year = ?1 AND list = ?2 ORDER BY id",
        )?;
        let rows = stmt.query_map(params![year, list.code()], |r| {
            Ok(ListItem {
                id: r.get(0)?,
                list,
                content: r.get(1)?,
                owner: r.get(2)?,
                due: r
                    .get::<_, Option<String>>(3)?
                    .and_then(|d| dates::parse(&d)),
                done: r.get(4)?,
                carried: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Adds (id none) or changes an item of a year's responsibility or rectification list.
    pub fn save_list_item(
        &mut self,
        year: i32,
        list: ListKind,
        id: Option<i64>,
        input: &ListItemInput,
    ) -> Result<ListItem> {
        let mut c = Check::default();
        let content = c.text("content", "内容", &input.content, 300);
        if content.is_empty() {
            c.fail("content", "请填写内容");
        }
        let owner = c.text("owner", "责任人", &input.owner, 30);
        let due = match input
            .due
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            None => None,
            Some(s) => match dates::parse(s) {
                Some(d) => Some(d),
                None => {
                    c.fail("due", format!("完成时限“{s}”不是有效日期"));
                    None
                }
            },
        };
        c.finish()?;
        let id = match id {
            Some(id) => {
                let n = self.conn.execute(
                    "UPDATE report_item SET content = ?2, owner = ?3, due = ?4, done = ?5 WHERE id = ?1",
                    params![id, content, owner, due.map(|d| d.to_string()), input.done],
                )?;
                if n == 0 {
                    return Err(Error::not_found("这一项"));
                }
                id
            }
            None => {
                self.conn.execute(
                    "INSERT INTO report_item (year, list, content, owner, due, done) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![year, list.code(), content, owner, due.map(|d| d.to_string()), input.done],
                )?;
                self.conn.last_insert_rowid()
            }
        };
        self.list_items(year, list)?
            .into_iter()
            .find(|i| i.id == id)
            .ok_or_else(|| Error::not_found("这一项"))
    }

    pub fn delete_list_item(&mut self, id: i64) -> Result<()> {
        self.conn.execute(
            "UPDATE report_item SET carried_from = NULL WHERE carried_from = ?1",
            [id],
        )?;
        if self
            .conn
            .execute("DELETE FROM report_item WHERE id = ?1", [id])?
            == 0
        {
            return Err(Error::not_found("这一项"));
        }
        Ok(())
    }
}
