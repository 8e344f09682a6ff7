//! Development (发展党员): the 25 steps in 5 stages of the Party's rules for
//! admitting members, each recorded with its date. A person moves to the next category by
//! recording the step that makes them so (确定积极分子, 确定发展对象, 党委审批, 转正审批), never by
//! editing a field; the intervals the rules set are checked, and the deadlines ahead shown.
use chrono::NaiveDate;
use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::check::Check;
use crate::dates;
use crate::error::{Error, Result};
use crate::member::{Category, Member};
use crate::store::Store;

/// One of the 25 steps: its number, stage and name, and what it asks to be written down.
pub struct StepDef {
    pub number: u8,
    pub stage: u8,
    pub title: &'static str,
    /// What `detail` holds for this step ("" when nothing).
    pub detail: &'static str,
}

const fn step(number: u8, stage: u8, title: &'static str, detail: &'static str) -> StepDef {
    StepDef {
        number,
        stage,
        title,
        detail,
    }
}

pub const STAGES: [&str; 5] = [
    "申请入党",
    "入党积极分子的确定和培养教育",
    "发展对象的确定和考察",
    "预备党员的接收",
    "预备党员的教育考察和转正",
];

/// 《中国共产党发展党员工作细则》's 25 steps.
pub const STEPS: [StepDef; 25] = [
    step(1, 1, "递交入党申请书", ""),
    step(2, 1, "党组织派人谈话", "谈话人"),
    step(3, 2, "推荐和确定入党积极分子", ""),
    step(4, 2, "上级党委备案", ""),
    step(5, 2, "指定培养联系人", "培养联系人（两名）"),
    step(6, 2, "培养教育考察", "最近一次考察情况"),
    step(7, 3, "确定发展对象", ""),
    step(8, 3, "报上级党委备案", ""),
    step(9, 3, "确定入党介绍人", "入党介绍人（两名）"),
    step(10, 3, "进行政治审查", "政审结论"),
    step(11, 3, "开展集中培训", "培训学时"),
    step(12, 4, "支部委员会审查", ""),
    step(13, 4, "上级党委预审", ""),
    step(14, 4, "填写入党志愿书", ""),
    step(15, 4, "支部大会讨论接收", "表决结果"),
    step(16, 4, "上级党委派人谈话", "谈话人"),
    step(17, 4, "上级党委审批", ""),
    step(18, 4, "再上一级党委组织部门备案", ""),
    step(19, 5, "编入党支部和党小组", ""),
    step(20, 5, "入党宣誓", ""),
    step(21, 5, "继续教育考察", ""),
    step(22, 5, "提出转正申请", ""),
    step(23, 5, "支部大会讨论转正", "延长预备期月数（按期转正不填）"),
    step(24, 5, "上级党委审批转正", ""),
    step(25, 5, "材料归档", ""),
];

/// A step as the UI lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct StepInfo {
    pub number: u8,
    pub stage: u8,
    pub stage_title: String,
    pub title: String,
    pub detail: String,
}

/// The 25 steps with their stages, for forms.
pub fn step_list() -> Vec<StepInfo> {
    STEPS
        .iter()
        .map(|d| StepInfo {
            number: d.number,
            stage: d.stage,
            stage_title: STAGES[(d.stage - 1) as usize].into(),
            title: d.title.into(),
            detail: d.detail.into(),
        })
        .collect()
}

pub fn step_def(number: u8) -> Option<&'static StepDef> {
    STEPS.iter().find(|s| s.number == number)
}

/// A recorded step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct StepRecord {
    pub step: u8,
    pub stage: u8,
    pub title: String,
    pub date: NaiveDate,
    pub detail: String,
}

/// A date the rules set for a step not yet taken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Deadline {
    pub step: u8,
    pub title: String,
    /// The earliest day the step may be taken (None: no lower bound).
    pub not_before: Option<NaiveDate>,
    /// The latest day (None: no upper bound).
    pub by: Option<NaiveDate>,
    pub rule: String,
}

/// One person in development (申请人 to 预备党员).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DevelopmentEntry {
    #[ts(type = "number")]
    pub member_id: i64,
    pub name: String,
    pub category: Category,
    /// The stage of the latest recorded step (1–5; 0 before any).
    pub stage: u8,
    pub steps: Vec<StepRecord>,
    /// The next step in order, if any is left.
    pub next_step: Option<u8>,
    /// Recorded steps that broke an interval of the rules, each with the rule.
    pub warnings: Vec<String>,
    pub deadlines: Vec<Deadline>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export, optional_fields = nullable)]
pub struct StepInput {
    pub step: u8,
    pub date: String,
    pub detail: String,
}

/// Training hours from "24", "24学时", "3天" (a day counts as 8 hours).
fn training_hours(detail: &str) -> Option<u32> {
    let t = detail.trim();
    if let Some(days) = t.strip_suffix('天') {
        return days.trim().parse::<u32>().ok().map(|d| d * 8);
    }
    t.trim_end_matches("学时")
        .trim_end_matches("小时")
        .trim()
        .parse()
        .ok()
}

/// The extension of probation written on step 23 ("6" or "6个月"; none when on time).
fn extension_months(steps: &[StepRecord]) -> u32 {
    steps
        .iter()
        .find(|s| s.step == 23)
        .and_then(|s| s.detail.trim().trim_end_matches("个月").parse().ok())
        .unwrap_or(0)
}

/// The checks of the rules on one person's recorded steps, and the deadlines ahead.
fn assess(m: &Member, steps: &[StepRecord], today: NaiveDate) -> (Vec<String>, Vec<Deadline>) {
    let on = |n: u8| steps.iter().find(|s| s.step == n).map(|s| s.date);
    let mut warnings = Vec::new();
    let mut deadlines = Vec::new();
    let mut review_due: Option<NaiveDate> = None;
    let title = |n: u8| step_def(n).map(|d| d.title).unwrap_or("");
    let mut deadline = |n: u8, not_before: Option<NaiveDate>, by: Option<NaiveDate>, rule: &str| {
        if on(n).is_none() {
            deadlines.push(Deadline {
                step: n,
                title: title(n).into(),
                not_before,
                by,
                rule: rule.into(),
            });
        }
    };

    if let Some(applied) = on(1) {
        if dates::years_between(m.birth_date, applied) < 18 {
            warnings.push("递交入党申请书时未满18岁（申请入党须年满18周岁）".into());
        }
        let talk_by = dates::add_months(applied, 1);
        match on(2) {
            Some(talk) if talk > talk_by => warnings.push(format!(
                "谈话在申请后{}天进行，超过了一个月（党组织应在收到入党申请书后一个月内派人谈话）",
                (talk - applied).num_days()
            )),
            None => deadline(2, None, Some(talk_by), "收到入党申请书后一个月内派人谈话"),
            _ => {}
        }
    }
    if let Some(activist) = on(3) {
        let year_later = dates::add_months(activist, 12);
        match on(7) {
            Some(candidate) if candidate < year_later => warnings.push(format!(
                "确定为发展对象时，作为入党积极分子培养不满一年（{}起，满一年为{}）",
                dates::format_cn(activist),
                dates::format_cn(year_later)
            )),
            None => {
                // Reviewed every half year while an activist.
                let last_review = on(6).unwrap_or(activist).max(activist);
                let next = dates::add_months(last_review, 6);
                if on(6).is_none() {
                    deadline(6, None, Some(next), "入党积极分子每半年考察一次");
                } else if next <= dates::add_months(today, 1) {
                    // Reviewed before: the next half-yearly review is the one due.
                    review_due = Some(next);
                }
                deadline(
                    7,
                    Some(year_later),
                    None,
                    "培养教育一年以上方可确定为发展对象",
                );
            }
            _ => {}
        }
    }
    if let Some(s9) = steps.iter().find(|s| s.step == 9) {
        let names = s9
            .detail
            .split(['、', ',', '，', ' ', '；'])
            .filter(|n| !n.trim().is_empty())
            .count();
        if names < 2 {
            warnings.push("入党介绍人应为两名正式党员".into());
        }
    }
    if let Some(s11) = steps.iter().find(|s| s.step == 11) {
        match training_hours(&s11.detail) {
            Some(h) if h < 24 => warnings.push(format!("集中培训{h}学时，不足规定的3天或24学时")),
            None => warnings.push("请写明集中培训的学时（不少于3天或24学时）".into()),
            _ => {}
        }
    }
    if let Some(vote) = on(15) {
        let three = dates::add_months(vote, 3);
        let six = dates::add_months(vote, 6);
        match on(17) {
            Some(approved) if approved > six => warnings.push(
                "党委审批在支部大会后超过6个月（应在3个月内审批，特殊情况不超过6个月）".into(),
            ),
            Some(approved) if approved > three => warnings.push(
                "党委审批在支部大会后超过3个月（应在3个月内审批，特殊情况可延长至6个月）".into(),
            ),
            None => deadline(
                17,
                None,
                Some(three),
                "支部大会讨论后3个月内审批，最长不超过6个月",
            ),
            _ => {}
        }
        let extension = extension_months(steps);
        let probation_end = dates::add_months(vote, 12 + extension);
        match on(23) {
            Some(conversion) if conversion < dates::add_months(vote, 12) => warnings.push(format!(
                "转正讨论早于预备期满（预备期自支部大会通过之日起一年，到{}）",
                dates::format_cn(dates::add_months(vote, 12))
            )),
            None if on(17).is_some() => deadline(
                23,
                Some(probation_end),
                None,
                "预备期一年，期满后支部大会讨论转正",
            ),
            _ => {}
        }
        if extension != 0 && !(6..=12).contains(&extension) {
            warnings.push("延长预备期应为6至12个月".into());
        }
    }
    if let Some(next) = review_due {
        deadlines.push(Deadline {
            step: 6,
            title: "培养教育考察".into(),
            not_before: None,
            by: Some(next),
            rule: "入党积极分子每半年考察一次".into(),
        });
    }
    (warnings, deadlines)
}

impl Store {
    fn steps_of(&self, member_id: i64) -> Result<Vec<StepRecord>> {
        let mut stmt = self.conn.prepare(
            "SELECT step, date, detail FROM development_step WHERE member_id = ?1 ORDER BY step",
        )?;
        let rows = stmt.query_map([member_id], |r| {
            Ok((
                r.get::<_, u8>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        let mut list = Vec::new();
        for row in rows {
            let (step, date, detail) = row?;
            let def = step_def(step);
            list.push(StepRecord {
                step,
                stage: def.map(|d| d.stage).unwrap_or(0),
                title: def.map(|d| d.title).unwrap_or("").into(),
                date: dates::parse(&date).unwrap_or(NaiveDate::MIN),
                detail,
            });
        }
        Ok(list)
    }

    fn development_entry(&self, m: Member, today: NaiveDate) -> Result<DevelopmentEntry> {
        let steps = self.steps_of(m.id)?;
        let (warnings, deadlines) = assess(&m, &steps, today);
        Ok(DevelopmentEntry {
            member_id: m.id,
            name: m.name.clone(),
            category: m.category,
            stage: steps.iter().map(|s| s.stage).max().unwrap_or(0),
            next_step: STEPS
                .iter()
                .map(|d| d.number)
                .find(|n| !steps.iter().any(|s| s.step == *n)),
            steps,
            warnings,
            deadlines,
        })
    }

    /// Everyone on the way in: applicants, activists, candidates, probationary members, and
    /// anyone else with a step recorded this year or unfinished; in stage order.
    pub fn development(&self, today: NaiveDate) -> Result<Vec<DevelopmentEntry>> {
        self.development_of(today, &self.all_members()?)
    }

    fn development_of(
        &self,
        today: NaiveDate,
        members: &[Member],
    ) -> Result<Vec<DevelopmentEntry>> {
        use crate::member::MemberStatus;
        let ids = |sql: &str| -> Result<std::collections::HashSet<i64>> {
            let mut stmt = self.conn.prepare(sql)?;
            let ids = stmt.query_map([], |r| r.get(0))?;
            Ok(ids.collect::<rusqlite::Result<_>>()?)
        };
        let with_steps = ids("SELECT DISTINCT member_id FROM development_step WHERE step < 25")?;
        let archived_ids = ids("SELECT member_id FROM development_step WHERE step = 25")?;
        let mut list = Vec::new();
        for m in members {
            if m.status != MemberStatus::Active {
                continue;
            }
            let archived = archived_ids.contains(&m.id);
            let in_development =
                m.category != Category::Full || (with_steps.contains(&m.id) && !archived);
            if in_development {
                list.push(self.development_entry(m.clone(), today)?);
            }
        }
        list.sort_by(|a, b| {
            b.stage
                .cmp(&a.stage)
                .then_with(|| crate::strokes::compare_names(&a.name, &b.name))
        });
        Ok(list)
    }

    /// Records (or corrects) a step; the steps that change a person's category change it:
    /// 3 → 入党积极分子, 7 → 发展对象, 17 → 预备党员 (入党日期 = the branch meeting of step 15),
    /// 24 → 正式党员 (转正日期 = the end of probation).
    pub fn record_step(
        &mut self,
        member_id: i64,
        input: &StepInput,
        today: NaiveDate,
    ) -> Result<DevelopmentEntry> {
        self.immediate(|s| s.record_step_checked(member_id, input, today))
    }

    fn record_step_checked(
        &mut self,
        member_id: i64,
        input: &StepInput,
        today: NaiveDate,
    ) -> Result<DevelopmentEntry> {
        let m = self.member(member_id)?;
        let mut c = Check::default();
        let def = step_def(input.step);
        if def.is_none() {
            c.fail("step", "步骤应为第1至25步");
        }
        let date = c.date("date", "日期", Some(&input.date), today);
        if input.date.trim().is_empty() {
            c.fail("date", "请填写日期");
        }
        let detail = c.text("detail", "说明", &input.detail, 200);
        c.finish()?;
        let (Some(def), Some(date)) = (def, date) else {
            return Err(Error::field("date", "请填写日期"));
        };
        let steps = self.steps_of(member_id)?;
        let done = |n: u8| steps.iter().find(|s| s.step == n).map(|s| s.date);
        // Steps are taken in order of their stages: no stage before the one ahead of it.
        if let Some(missing) = STEPS
            .iter()
            .filter(|d| d.stage < def.stage && [1u8, 3, 7, 15].contains(&d.number))
            .find(|d| done(d.number).is_none())
        {
            return Err(Error::field(
                "step",
                format!("请先记录第{}步“{}”", missing.number, missing.title),
            ));
        }
        if let Some(earlier) = STEPS
            .iter()
            .filter(|d| d.number < def.number)
            .filter_map(|d| done(d.number).map(|when| (d, when)))
            .find(|(_, when)| *when > date)
        {
            return Err(Error::field(
                "date",
                format!(
                    "日期早于已记录的第{}步“{}”（{}）",
                    earlier.0.number,
                    earlier.0.title,
                    dates::format_cn(earlier.1)
                ),
            ));
        }

        // The category the step brings, through the member's own checks.
        let mut person = m.to_input();
        person.since = Some(m.since.format("%Y-%m-%d").to_string());
        let iso = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
        match def.number {
            3 if matches!(m.category, Category::Applicant) => {
                person.category = Some(Category::Activist)
            }
            7 if matches!(m.category, Category::Applicant | Category::Activist) => {
                person.category = Some(Category::Candidate)
            }
            17 if !m.category.is_member() => {
                let vote = done(15)
                    .ok_or_else(|| Error::field("step", "请先记录第15步“支部大会讨论接收”"))?;
                person.category = Some(Category::Probationary);
                person.joined = Some(iso(vote));
            }
            24 if m.category == Category::Probationary => {
                let joined = m
                    .joined
                    .ok_or_else(|| Error::field("step", "缺少入党日期"))?;
                let extension = extension_months(&steps);
                person.category = Some(Category::Full);
                person.full_date = Some(iso(dates::add_months(joined, 12 + extension)));
                person.probation_extension_months = Some(extension as u8);
            }
            _ => {}
        }
        // Inside the transaction the caller opened: the checks above saw what this writes on.
        let tx = &self.conn;
        if person.category != Some(m.category) {
            crate::member::rewrite_member(tx, member_id, &person, today)?;
        }
        tx.execute(
            "INSERT INTO development_step (member_id, step, date, detail) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (member_id, step) DO UPDATE SET date = excluded.date, detail = excluded.detail",
            params![member_id, def.number, iso(date), detail],
        )?;
        self.development_entry(self.member(member_id)?, today)
    }

    /// The home page's development reminders: deadlines passed or within `days`, and broken rules.
    pub fn development_reminders(
        &self,
        today: NaiveDate,
        days: u64,
    ) -> Result<Vec<(String, String)>> {
        self.development_reminders_of(today, days, &self.all_members()?)
    }

    /// [`Self::development_reminders`] over a roster already read (the home page reads it once).
    pub(crate) fn development_reminders_of(
        &self,
        today: NaiveDate,
        days: u64,
        members: &[Member],
    ) -> Result<Vec<(String, String)>> {
        let horizon = today + chrono::Days::new(days);
        let mut out = Vec::new();
        for e in self.development_of(today, members)? {
            for d in &e.deadlines {
                if let Some(by) = d.by.filter(|by| *by <= horizon) {
                    let level = if by < today { "danger" } else { "warning" };
                    out.push((
                        level.to_string(),
                        format!(
                            "{}：第{}步“{}”应在{}前完成（{}）",
                            e.name,
                            d.step,
                            d.title,
                            dates::format_cn(by),
                            d.rule
                        ),
                    ));
                }
            }
            for w in &e.warnings {
                out.push(("warning".into(), format!("{}：{w}", e.name)));
            }
        }
        Ok(out)
    }
}
