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

mod assess;

use assess::{assess, extension_months, votes_for, Context};

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
    step(5, 2, "指定培养联系人", "培养联系人（一至两名）"),
    step(6, 2, "培养教育考察", "本次考察情况（每半年一次，逐次记录）"),
    step(7, 3, "确定发展对象", ""),
    step(8, 3, "报上级党委备案", ""),
    step(9, 3, "确定入党介绍人", "入党介绍人（两名）"),
    step(10, 3, "进行政治审查", "政审结论"),
    step(11, 3, "开展集中培训", "培训学时"),
    step(12, 4, "支部委员会审查", ""),
    step(13, 4, "上级党委预审", ""),
    step(14, 4, "填写入党志愿书", ""),
    step(
        15,
        4,
        "支部大会讨论接收",
        "表决结果，如“应到12人，实到11人，赞成11票”",
    ),
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

/// The last step a person's category shows was taken: the step that gave them it (3 makes an
/// 入党积极分子, 7 a 发展对象, 17 a 预备党员, 24 a 正式党员). An applicant's application
/// is their first step and is recorded with its date (the talk is due a month after it).
pub fn implied_through(category: Category) -> u8 {
    match category {
        Category::Applicant => 0,
        Category::Activist => 3,
        Category::Candidate => 7,
        Category::Probationary => 17,
        Category::Full => 24,
    }
}

/// [`implied_through`] for someone entered at that stage; when the step that gave the
/// category is itself recorded, the person came through the steps here and none is implied.
fn implied_for(category: Category, steps: &[StepRecord]) -> u8 {
    Some(implied_through(category))
        .filter(|n| !steps.iter().any(|s| s.step == *n))
        .unwrap_or(0)
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
    /// The stage reached (1–5; 0 before any): of the latest recorded step, or the one the
    /// person's category implies when they were entered at a later stage.
    pub stage: u8,
    /// Someone entered at a later stage (a 预备党员 from the roster, say): steps up to this
    /// one happened before the records and are shown as 建账前; 0 when none.
    pub before_records: u8,
    pub steps: Vec<StepRecord>,
    /// The next step in order, if any is left.
    pub next_step: Option<u8>,
    /// Recorded steps that broke an interval of the rules, each with the rule.
    pub warnings: Vec<String>,
    pub deadlines: Vec<Deadline>,
    /// The half-yearly reviews of an activist (培养教育考察), oldest first.
    pub reviews: Vec<Review>,
}

/// One half-yearly review of an activist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Review {
    pub date: NaiveDate,
    pub note: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export, optional_fields = nullable)]
pub struct StepInput {
    pub step: u8,
    pub date: String,
    pub detail: String,
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

    fn reviews_of(&self, member_id: i64) -> Result<Vec<Review>> {
        let mut stmt = self.conn.prepare(
            "SELECT date, note FROM development_review WHERE member_id = ?1 ORDER BY date",
        )?;
        let rows = stmt.query_map([member_id], |r| {
            Ok(Review {
                date: dates::parse(&r.get::<_, String>(0)?).unwrap_or(NaiveDate::MIN),
                note: r.get(1)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Full members with a vote on `date`: in the branch then, full by then, membership here.
    fn voters_on(&self, date: NaiveDate) -> Result<u32> {
        Ok(self
            .members_on(date)?
            .iter()
            .filter(|m| m.votes_here_on(date))
            .count() as u32)
    }

    fn development_entry(&self, m: Member, today: NaiveDate) -> Result<DevelopmentEntry> {
        let steps = self.steps_of(m.id)?;
        let reviews = self.reviews_of(m.id)?;
        let voters_at_admission = match steps.iter().find(|s| s.step == 15) {
            Some(s15) if votes_for(&s15.detail).is_some() => Some(self.voters_on(s15.date)?),
            _ => None,
        };
        let implied = implied_for(m.category, &steps);
        let cx = Context {
            reviews: &reviews,
            voters_at_admission,
            implied_through: implied,
        };
        let (warnings, deadlines) = assess(&m, &steps, &cx, today);
        Ok(DevelopmentEntry {
            member_id: m.id,
            name: m.name.clone(),
            category: m.category,
            stage: steps
                .iter()
                .map(|s| s.stage)
                .chain(step_def(implied).map(|d| d.stage))
                .max()
                .unwrap_or(0),
            before_records: implied,
            next_step: STEPS
                .iter()
                .map(|d| d.number)
                .find(|n| *n > implied && !steps.iter().any(|s| s.step == *n)),
            steps,
            warnings,
            deadlines,
            reviews,
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
        // 细则第五条: 年满十八岁 — no step of development before the 18th birthday.
        let adult = dates::add_months(m.birth_date, 12 * 18);
        if date.is_some_and(|d| d < adult) {
            c.fail(
                "date",
                format!(
                    "{}在这一天未满18周岁（{}年满18岁），发展党员的各步骤应在年满18周岁之后",
                    m.name,
                    dates::format_cn(adult)
                ),
            );
        }
        c.finish()?;
        let (Some(def), Some(date)) = (def, date) else {
            return Err(Error::field("date", "请填写日期"));
        };
        let steps = self.steps_of(member_id)?;
        let done = |n: u8| steps.iter().find(|s| s.step == n).map(|s| s.date);
        let implied = implied_for(m.category, &steps);
        // Steps are taken in order of their stages: no stage before the one ahead of it.
        if let Some(missing) = STEPS
            .iter()
            .filter(|d| d.stage < def.stage && [1u8, 3, 7, 15].contains(&d.number))
            .find(|d| d.number > implied && done(d.number).is_none())
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
        // Step 6 is repeated every half year: each review is kept, the step shows the latest.
        if def.number == 6 {
            tx.execute(
                "INSERT INTO development_review (member_id, date, note) VALUES (?1, ?2, ?3)
                 ON CONFLICT (member_id, date) DO UPDATE SET note = excluded.note",
                params![member_id, iso(date), detail],
            )?;
            tx.execute(
                "UPDATE development_step SET date = r.date, detail = r.note
                 FROM (SELECT date, note FROM development_review WHERE member_id = ?1
                       ORDER BY date DESC LIMIT 1) AS r
                 WHERE member_id = ?1 AND step = 6",
                [member_id],
            )?;
        }
        self.development_entry(self.member(member_id)?, today)
    }

    /// The home page's development reminders: deadlines passed or within `days`, and broken rules.
    pub fn development_reminders(
        &self,
        today: NaiveDate,
        days: u64,
    ) -> Result<Vec<(String, String)>> {
        Ok(self
            .development_reminders_of(today, days, &self.all_members()?)?
            .into_iter()
            .map(|(level, message, _)| (level, message))
            .collect())
    }

    /// [`Self::development_reminders`] over a roster already read (the home page reads it once).
    pub(crate) fn development_reminders_of(
        &self,
        today: NaiveDate,
        days: u64,
        members: &[Member],
    ) -> Result<Vec<(String, String, i64)>> {
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
                        e.member_id,
                    ));
                }
            }
            for w in &e.warnings {
                out.push(("warning".into(), format!("{}：{w}", e.name), e.member_id));
            }
        }
        Ok(out)
    }
}
