//! Drafting: the paragraph templates with their 〔figures〕, the paragraphs of a fresh draft,
//! and the problems the records show (which become next year's rectification list).
use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::text::{self, prose};
use super::*;
use crate::error::{Error, ErrorKind, Result};
use crate::store::Store;

/// Figures whose value is whole sentences of their own, empty when there is nothing to say:
/// an empty one leaves its place empty and takes nothing around it away.
const SENTENCE_FIGURES: [&str; 5] = ["覆盖单位", "另有党员", "支部结构", "本届任期", "流动党员"];

/// Replaces 〔名称〕 with the figure's value; unknown names stay as written and are returned.
///
/// A clause (up to its ，；or 。) citing a figure the records have no value for is left out,
/// so that no sentence prints with a gap: "平均参会率为" with nothing after it, "—项中达标—项".
/// When the clause that ended a sentence goes, the one before it ends the sentence instead.
pub fn render(text: &str, figures: &Figures) -> (String, Vec<String>) {
    let mut out = String::new();
    let mut unknown = Vec::new();
    for clause in clauses(text) {
        let (filled, missing) = fill(clause, figures, &mut unknown);
        if missing {
            // "…，[dropped]。" → "…。": the sentence still ends.
            if clause.ends_with('。') {
                if let Some(last) = out.chars().last() {
                    if matches!(last, '，' | '；' | '、' | '：') {
                        out.pop();
                        out.push('。');
                    }
                }
            }
            continue;
        }
        out.push_str(&filled);
    }
    (out, unknown)
}

/// The text cut after each ，；and 。 (each piece keeps its mark).
fn clauses(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if matches!(c, '，' | '；' | '。') {
            let end = i + c.len_utf8();
            out.push(&text[start..end]);
            start = end;
        }
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// One clause with its figures filled in, and whether a figure it cites has no value.
fn fill(clause: &str, figures: &Figures, unknown: &mut Vec<String>) -> (String, bool) {
    let mut out = String::new();
    let mut missing = false;
    let mut rest = clause;
    while let Some(start) = rest.find('〔') {
        out.push_str(&rest[..start]);
        let after = &rest[start + '〔'.len_utf8()..];
        match after.find('〕') {
            Some(end) => {
                let name = &after[..end];
                match figures.get(name) {
                    Some(v) => {
                        if v.is_empty() && !SENTENCE_FIGURES.contains(&name) {
                            missing = true;
                        }
                        out.push_str(v);
                    }
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
    (out, missing)
}

/// The default text of every templated paragraph (from `assets/report/templates.txt`); the
/// secretary may adjust these (the `report_templates` setting), and generated paragraphs
/// follow the adjusted text.
pub fn default_templates() -> BTreeMap<String, String> {
    text::templates()
        .iter()
        .map(|t| (t.key.to_string(), t.text.clone()))
        .collect()
}

/// Who answers for a measure and by when, by the kind of problem (the secretary edits the line
/// like any other): meetings are a matter of the calendar, from January, the secretary's own;
/// members' attendance and a low rate are the 组织委员's where there is one, within the first
/// quarter or half; the venue within the first quarter.
fn measure_owner_and_due(
    problem: &str,
    committee: &[crate::branch::CommitteeSeat],
    year: i32,
) -> (String, String) {
    let holder = |role: &str| {
        committee
            .iter()
            .find(|s| s.role == role && !s.name.is_empty())
            .map(|s| format!("{}同志", s.name))
    };
    let secretary = holder("书记").unwrap_or_else(|| "支部书记".into());
    let next = year + 1;
    match problem {
        "meetings" => (secretary, format!("{next}年1月起，按月落实")),
        "attendance" => (
            holder("组织委员").unwrap_or(secretary),
            format!("{next}年3月31日前"),
        ),
        "rate" => (
            holder("组织委员").unwrap_or(secretary),
            format!("{next}年6月30日前"),
        ),
        "venue" => (secretary, format!("{next}年3月31日前")),
        _ => (secretary, format!("{next}年6月30日前")),
    }
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
    pub(super) fn templates(&self) -> Result<BTreeMap<String, String>> {
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
        // The asset lists them in the order their paragraphs appear in the report.
        Ok(text::templates()
            .iter()
            .map(|t| Template {
                key: t.key.to_string(),
                label: t.name.to_string(),
                text: current
                    .get(t.key)
                    .cloned()
                    .unwrap_or_else(|| t.text.clone()),
                default_text: t.text.clone(),
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
    pub(super) fn generate(&self, year: i32, figures: &Figures) -> Result<Vec<Paragraph>> {
        let t = self.templates()?;
        let text = |key: &str, section: &str| Paragraph {
            key: key.into(),
            section: section.into(),
            kind: ParagraphKind::Text,
            text: t.get(key).cloned().unwrap_or_default(),
            edited: false,
        };
        let mut p = vec![text("opening", "opening")];
        p.push(heading(
            "h1",
            "s1",
            ParagraphKind::Heading,
            prose("heading.s1"),
        ));
        // 履职情况's sub-sections in order, each with the paragraphs the records have something
        // to say in; one with none is left out (no 六有 check this year: nothing true to say;
        // no dues ledger kept here; no review of members held).
        let has = |name: &str| figures.get(name).is_some_and(|v| !v.is_empty());
        let any = |names: &[&str]| names.iter().any(|n| has(n));
        let nonzero = |name: &str| figures.get(name).is_some_and(|n| n != "0");
        let when = |cond: bool, key: &'static str| if cond { vec![key] } else { Vec::new() };
        let subsections: [(&str, Vec<&str>); 8] = [
            (
                "study",
                when(
                    any(&["主题教育", "集中学习次数", "本人讲党课次数", "人均学时"]),
                    "s1.study",
                ),
            ),
            (
                "org",
                when(any(&["支部结构", "本届任期", "覆盖单位"]), "s1.org"),
            ),
            (
                "life",
                [
                    vec!["s1.life"],
                    when(nonzero("民主评议党员次数"), "s1.review"),
                ]
                .concat(),
            ),
            ("members", vec!["s1.members"]),
            ("dues", when(nonzero("应缴党费"), "s1.dues")),
            ("venue", when(has("六有项数"), "s1.venue")),
            (
                "service",
                when(any(&["双向进入单位数", "服务活动次数"]), "s1.service"),
            ),
            (
                "duty",
                [
                    when(nonzero("责任清单项数"), "s1.duty"),
                    when(has("廉政教育次数"), "s1.integrity"),
                ]
                .concat(),
            ),
        ];
        for (name, keys) in subsections {
            if keys.is_empty() {
                continue;
            }
            p.push(heading(
                &format!("h1.{name}"),
                "s1",
                ParagraphKind::Subheading,
                prose(&format!("heading.s1.{name}")),
            ));
            p.extend(keys.into_iter().map(|k| text(k, "s1")));
        }

        // Last year's problems and what became of them come before this year's (the order
        // reviewers read in: 履职情况 → 上年度整改 → 存在问题及原因 → 下一步打算).
        let rect = self.list_items(year, ListKind::Rectification)?;
        let reviewed = has("上年度评议等次") || has("上年度点评意见数");
        if !rect.is_empty() || reviewed {
            p.push(heading(
                "h5",
                "s5",
                ParagraphKind::Heading,
                prose("heading.s5"),
            ));
            if reviewed {
                p.push(text("s5.review", "s5"));
            }
        }
        if !rect.is_empty() {
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
        let problems = self.problems(year, figures)?;
        p.push(heading(
            "h2",
            "s2",
            ParagraphKind::Heading,
            prose("heading.s2"),
        ));
        if problems.is_empty() {
            p.push(Paragraph {
                key: "problem.none".into(),
                section: "s2".into(),
                kind: ParagraphKind::Text,
                text: prose("problem.none").into(),
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
        // The causes under the same heading as the problems, the subjective first.
        p.push(text("s3.subjective", "s2"));
        p.push(text("s3.objective", "s2"));
        p.push(heading(
            "h4",
            "s4",
            ParagraphKind::Heading,
            prose("heading.s4"),
        ));
        let branch = self.branch()?;
        for (i, pr) in problems.iter().enumerate() {
            let n = ordinal.get(i).copied().unwrap_or("另");
            let (owner, due) = measure_owner_and_due(&pr.0, &branch.committee, year);
            p.push(Paragraph {
                key: format!("plan.{}", pr.0),
                section: "s4".into(),
                kind: ParagraphKind::Text,
                text: prose("plan.line")
                    .replace("{序号}", n)
                    .replace("{措施}", &pr.2)
                    .replace("{负责人}", &owner)
                    .replace("{期限}", &due),
                edited: false,
            });
        }
        p.push(Paragraph {
            key: "plan.general".into(),
            section: "s4".into(),
            kind: ParagraphKind::Text,
            text: prose("plan.general").into(),
            edited: false,
        });
        Ok(p)
    }

    /// Problems found in the facts: (stable key, the problem, the measure against it).
    fn problems(&self, year: i32, f: &Figures) -> Result<Vec<(String, String, String)>> {
        let mut out = Vec::new();
        if f.get("未按要求召开的会议").is_some_and(|v| v != "无") {
            out.push((
                "meetings".to_string(),
                prose("problem.meetings").to_string(),
                prose("measure.meetings").to_string(),
            ));
        }
        let today = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or_default();
        // Only members the secretary confirmed on the home page are named here.
        let named = self.named_in_report(year, crate::compliance::ATTENDANCE)?;
        // The scan reads every member's attendance: only worth it when someone was named.
        let drifting: Vec<String> = if named.is_empty() {
            Vec::new()
        } else {
            self.six_month_scan(today.min(self.latest_date()?))?
                .into_iter()
                .filter(|s| named.contains(&s.member_id))
                .map(|s| s.name)
                .collect()
        };
        if !drifting.is_empty() {
            out.push((
                "attendance".to_string(),
                prose("problem.attendance").replace("{姓名}", &drifting.join("、")),
                prose("measure.attendance").replace("{姓名}", &drifting.join("、")),
            ));
        }
        if f.get("六有未达标项目")
            .is_some_and(|v| v != "无" && !v.is_empty())
        {
            out.push((
                "venue".to_string(),
                prose("problem.venue").to_string(),
                prose("measure.venue").to_string(),
            ));
        }
        let rate: Option<f64> = f
            .get("平均参会率")
            .and_then(|r| r.trim_end_matches('%').parse().ok());
        if rate.is_some_and(|r| r < 85.0) {
            out.push((
                "rate".to_string(),
                prose("problem.rate").to_string(),
                prose("measure.rate").to_string(),
            ));
        }
        Ok(out)
    }
}
