//! The rules of development on one person's recorded steps: the intervals, counts and votes
//! 《中国共产党发展党员工作细则》 sets, as warnings, and the deadlines ahead.
use chrono::NaiveDate;

use super::{step_def, Deadline, Review, StepRecord, STEPS};
use crate::dates;
use crate::member::Member;

/// What `assess` needs from outside a person's own steps.
pub(super) struct Context<'a> {
    pub(super) reviews: &'a [Review],
    /// Full members with a vote (组织关系 here) on the day of the 支部大会 of step 15.
    pub(super) voters_at_admission: Option<u32>,
    /// Steps up to this one are taken as done before the records (the person was entered at
    /// a later stage); none of them is missing.
    pub(super) implied_through: u8,
}

/// The 赞成 count written on a vote ("赞成11票", "11票赞成"); none when not written.
pub(super) fn votes_for(detail: &str) -> Option<u32> {
    let number_after = |s: &str| -> Option<u32> {
        let digits: String = s
            .trim_start()
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        digits.parse().ok()
    };
    if let Some(i) = detail.find("赞成") {
        if let Some(n) = number_after(&detail[i + "赞成".len()..]) {
            return Some(n);
        }
        // "11票赞成": the number before.
        let before: String = detail[..i]
            .trim_end_matches(['票', '人'])
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .collect();
        return before.chars().rev().collect::<String>().parse().ok();
    }
    None
}

/// How many people a step's detail names ("李秀英、张伟", "李秀英，张伟").
fn names_in(detail: &str) -> usize {
    detail
        .split(['、', ',', '，', ' ', '；'])
        .filter(|n| !n.trim().is_empty())
        .count()
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
pub(super) fn extension_months(steps: &[StepRecord]) -> u32 {
    steps
        .iter()
        .find(|s| s.step == 23)
        .and_then(|s| s.detail.trim().trim_end_matches("个月").parse().ok())
        .unwrap_or(0)
}

/// The checks of the rules on one person's recorded steps, and the deadlines ahead.
pub(super) fn assess(
    m: &Member,
    steps: &[StepRecord],
    cx: &Context,
    today: NaiveDate,
) -> (Vec<String>, Vec<Deadline>) {
    let on = |n: u8| steps.iter().find(|s| s.step == n).map(|s| s.date);
    let mut warnings = Vec::new();
    // 发展党员工作细则: every step is taken; one missing before the latest recorded is named.
    if let Some(latest) = steps.iter().map(|s| s.step).max() {
        let skipped: Vec<String> = STEPS
            .iter()
            .filter(|d| {
                d.number < latest && d.number > cx.implied_through && on(d.number).is_none()
            })
            .map(|d| format!("第{}步“{}”", d.number, d.title))
            .collect();
        if !skipped.is_empty() {
            warnings.push(format!(
                "未记录{}（已记录到第{latest}步），请补记或核实是否漏做",
                skipped.join("、")
            ));
        }
    }
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
                // Reviewed every half year while an activist: counted from the latest of
                // the reviews kept (each one is recorded, not only the last).
                let last_review = cx
                    .reviews
                    .iter()
                    .map(|r| r.date)
                    .chain(on(6))
                    .max()
                    .unwrap_or(activist)
                    .max(activist);
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
    if let Some(s5) = steps.iter().find(|s| s.step == 5) {
        let names = names_in(&s5.detail);
        // 细则第十一条: 一至两名正式党员作为培养联系人.
        if !(1..=2).contains(&names) {
            warnings.push("培养联系人应为一至两名正式党员，请写明姓名".into());
        }
    }
    if let Some(s9) = steps.iter().find(|s| s.step == 9) {
        let names = names_in(&s9.detail);
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
    if let (Some(s15), Some(voters)) = (steps.iter().find(|s| s.step == 15), cx.voters_at_admission)
    {
        // 细则第二十五条: 赞成人数超过应到会有表决权的正式党员的半数，才能通过.
        if let Some(yes) = votes_for(&s15.detail) {
            if yes * 2 <= voters {
                warnings.push(format!(
                    "赞成{yes}票，未超过应到会有表决权的正式党员（{voters}名）的半数，接收决议不能通过"
                ));
            }
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
        // 细则第三十二条: the superior approves the conversion within three months.
        let approve_by = dates::add_months(probation_end, 3);
        match on(24) {
            Some(approved) if approved > approve_by => warnings.push(format!(
                "转正审批晚于预备期满后3个月（预备期满{}，应在{}前审批）",
                dates::format_cn(probation_end),
                dates::format_cn(approve_by)
            )),
            None if on(23).is_some() => {
                deadline(24, None, Some(approve_by), "预备期满后3个月内审批转正")
            }
            _ => {}
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
