//! Printed documents built from the records as typeset documents: the roster (党员花名册),
//! one meeting's record (会议记录) and the year's list of meetings. The typesetter lays them
//! out; nothing here knows about pages or fonts.
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use zhibu_typeset::{Align, Block, Column, Document, Orientation, Table};

use crate::dates;
use crate::error::{Error, Result};
use crate::meeting::{AttendanceStatus, MeetingKind};
use crate::roster::{RosterOrder, RosterQuery, StatusFilter};
use crate::store::Store;

/// What to print, as the UI and the CLI ask for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "what", rename_all = "snake_case")]
#[ts(export)]
pub enum PrintRequest {
    Roster,
    Meeting {
        #[ts(type = "number")]
        id: i64,
    },
    Meetings {
        year: i32,
    },
    /// The duty report of a year.
    Report {
        year: i32,
    },
    /// The dues ledger of a year (党费收缴登记表).
    Dues {
        year: i32,
    },
    /// The 六有 checklist of a venue (the first one when none is named).
    Checklist {
        #[ts(type = "number | null")]
        venue_id: Option<i64>,
    },
}

/// A printout ready to show or save: its title (also the suggested file name) and pages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Preview {
    pub title: String,
    pub html: String,
    pub pages: u32,
    /// Characters no font can draw, said in a sentence; empty when all is well.
    pub missing_note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Saved {
    pub path: String,
    pub pages: u32,
    pub missing_note: String,
}

fn col(title: &str, weight: f32, align: Align) -> Column {
    Column {
        title: title.into(),
        weight,
        align,
    }
}

fn ym(d: Option<NaiveDate>) -> String {
    d.map(|d| d.format("%Y.%m").to_string()).unwrap_or_default()
}

fn kind_label(kind: MeetingKind, also: Option<MeetingKind>) -> String {
    match also {
        Some(a) => format!("{}（兼{}）", kind.label(), a.label()),
        None => kind.label().to_string(),
    }
}

impl Store {
    /// The document and its title for a request.
    pub fn print_document(
        &self,
        req: &PrintRequest,
        today: NaiveDate,
    ) -> Result<(Document, String)> {
        Ok(match req {
            PrintRequest::Roster => (
                self.roster_document(today)?,
                format!("党员花名册（{}）", today.format("%Y%m%d")),
            ),
            PrintRequest::Meeting { id } => {
                let m = self.meeting(*id)?;
                let title = format!(
                    "{}会议记录（{}）",
                    kind_label(m.summary.kind, m.summary.also_kind),
                    m.summary.date.format("%Y%m%d")
                );
                (self.meeting_document(*id)?, title)
            }
            PrintRequest::Meetings { year } => (
                self.meetings_document(*year)?,
                format!("{year}年度组织生活开展情况一览表"),
            ),
            PrintRequest::Report { year } => {
                let r = self.printed_report(*year, today)?;
                let title = r.title.clone();
                (report_document(&r, today), title)
            }
            PrintRequest::Dues { year } => (
                self.dues_document(*year, today)?,
                format!("{year}年度党费收缴登记表"),
            ),
            PrintRequest::Checklist { venue_id } => (
                self.checklist_document(*venue_id)?,
                format!("六有阵地检查表（{}）", today.format("%Y%m%d")),
            ),
        })
    }

    /// 党费收缴登记表: one line per member (序号, 姓名, 月工资收入, 执行标准, 月应缴, 全年应缴,
    /// 全年实缴, 备注) and the totals, as the yearly published summary.
    pub fn dues_document(&self, year: i32, today: NaiveDate) -> Result<Document> {
        // Ledgers show money with two decimals.
        let yuan = |fen: i64| format!("{:.2}", fen as f64 / 100.0);
        let branch = self.branch()?;
        let ledger = self.dues_year(year, today)?;
        let mut d = Document::new(Orientation::Landscape);
        d.push(Block::Title(format!("{year}年度党费收缴登记表")));
        d.push(Block::Line {
            text: format!("党组织名称：{}　　　　（单位：元）", branch.name),
            align: Align::Left,
        });
        let columns = vec![
            col("序号", 0.7, Align::Center),
            col("姓名", 1.4, Align::Center),
            col("月工资收入", 1.6, Align::Right),
            col("执行标准", 1.3, Align::Center),
            col("月应缴", 1.2, Align::Right),
            col("全年应缴", 1.4, Align::Right),
            col("全年实缴", 1.4, Align::Right),
            col("备注", 2.4, Align::Left),
        ];
        let rows = ledger
            .rows
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let b = r.basis.as_ref();
                let mut notes = Vec::new();
                if let Some(b) = b.filter(|b| b.override_fen.is_some()) {
                    notes.push(b.override_reason.clone());
                }
                let due_months = r.months.iter().filter(|m| m.due).count();
                if due_months < 12 {
                    notes.push(format!("应缴{due_months}个月"));
                }
                if r.unpaid_months > 0 {
                    notes.push(format!("欠缴{}个月", r.unpaid_months));
                }
                if b.is_none() {
                    notes.push("未定标准".into());
                }
                vec![
                    (i + 1).to_string(),
                    r.name.clone(),
                    b.and_then(|b| b.income_fen).map(yuan).unwrap_or_default(),
                    b.map(|b| {
                        if b.override_fen.is_some() {
                            "支部确定".to_string()
                        } else {
                            b.rule.clone()
                        }
                    })
                    .unwrap_or_default(),
                    b.map(|b| yuan(b.monthly_fen())).unwrap_or_default(),
                    yuan(r.due_fen),
                    yuan(r.paid_fen),
                    notes.join("；"),
                ]
            })
            .collect();
        d.push(Block::Table(Table { columns, rows }));
        let fully_paid = ledger
            .rows
            .iter()
            .filter(|r| r.basis.is_some() && r.paid_fen >= r.due_fen)
            .count();
        d.push(Block::Paragraph(format!(
            "全年应缴党费{}元，实缴{}元；{}名党员中{}人已交清全年党费。",
            yuan(ledger.due_fen),
            yuan(ledger.paid_fen),
            ledger.rows.len(),
            fully_paid
        )));
        d.push(Block::Line {
            text: format!(
                "填表人：　　　　　　　　填表日期：{}",
                dates::format_cn(today)
            ),
            align: Align::Right,
        });
        Ok(d)
    }

    /// 党员花名册: the branch's members (full and probationary) in surname-stroke order.
    pub fn roster_document(&self, today: NaiveDate) -> Result<Document> {
        let branch = self.branch()?;
        let members: Vec<_> = self
            .roster(&RosterQuery {
                status: StatusFilter::Active,
                order: RosterOrder::Strokes,
                ..Default::default()
            })?
            .into_iter()
            .filter(|m| m.category.is_member())
            .collect();
        let mut d = Document::new(Orientation::Landscape);
        d.push(Block::Title("党员花名册".into()));
        d.push(Block::Line {
            text: format!(
                "党组织名称：{}　　　　截至{}　　共{}人",
                branch.name,
                dates::format_cn(today),
                members.len()
            ),
            align: Align::Left,
        });
        let columns = vec![
            col("序号", 0.8, Align::Center),
            col("姓名", 1.3, Align::Center),
            col("性别", 0.8, Align::Center),
            col("民族", 0.9, Align::Center),
            col("出生年月", 1.4, Align::Center),
            col("学历", 1.6, Align::Center),
            col("人员类别", 1.6, Align::Center),
            col("入党时间", 1.4, Align::Center),
            col("转正时间", 1.4, Align::Center),
            col("工作岗位", 2.0, Align::Left),
            col("党内职务", 1.5, Align::Center),
            col("备注", 1.8, Align::Left),
        ];
        let rows = members
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let mut notes = Vec::new();
                if m.is_mobile {
                    notes.push("流动党员".to_string());
                }
                if m.lost_contact {
                    notes.push("失联".to_string());
                }
                if m.membership_elsewhere {
                    notes.push(format!("组织关系在{}", m.membership_org));
                }
                if m.probation_extension_months > 0 {
                    notes.push(format!("预备期延长{}个月", m.probation_extension_months));
                }
                vec![
                    (i + 1).to_string(),
                    m.name.clone(),
                    m.sex.label().into(),
                    m.ethnicity.clone(),
                    ym(Some(m.birth_date)),
                    m.education.clone(),
                    m.category.label().into(),
                    ym(m.joined),
                    ym(m.full_date),
                    m.position.clone(),
                    m.party_post.clone(),
                    notes.join("；"),
                ]
            })
            .collect();
        d.push(Block::Table(Table { columns, rows }));
        d.push(Block::Line {
            text: format!(
                "制表：{}　　　　填报日期：{}",
                branch.name,
                dates::format_cn(today)
            ),
            align: Align::Right,
        });
        Ok(d)
    }

    /// 会议记录 of one meeting, with its attendance and the signature lines.
    pub fn meeting_document(&self, id: i64) -> Result<Document> {
        let m = self.meeting(id)?;
        let branch = self.branch()?;
        let s = &m.summary;
        let names = |status: AttendanceStatus| -> String {
            let list: Vec<String> = m
                .attendance
                .iter()
                .filter(|a| a.status == status)
                .map(|a| {
                    if a.reason.is_empty() {
                        a.name.clone()
                    } else {
                        format!("{}（{}）", a.name, a.reason)
                    }
                })
                .collect();
            if list.is_empty() {
                "无".into()
            } else {
                list.join("、")
            }
        };
        let mut d = Document::new(Orientation::Portrait);
        d.push(Block::Title(format!(
            "{}会议记录",
            kind_label(s.kind, s.also_kind)
        )));
        d.push(Block::Subtitle(format!(
            "{}　{}年第{}次",
            branch.name,
            s.date.format("%Y"),
            s.number
        )));
        let field = |label: &str, value: &str| Block::Line {
            text: format!("{label}：{value}"),
            align: Align::Left,
        };
        let time = if s.time.is_empty() {
            dates::format_cn(s.date)
        } else {
            format!("{} {}", dates::format_cn(s.date), s.time)
        };
        d.push(field("时　　间", &time));
        d.push(field("地　　点", &m.place));
        d.push(field("主 持 人", &m.host));
        d.push(field("记 录 人", &m.recorder));
        let c = &s.counts;
        d.push(field(
            "到会情况",
            &format!(
                "应到{}人，实到{}人，请假{}人，缺席{}人",
                c.expected, c.present, c.excused, c.absent
            ),
        ));
        d.push(field("出席人员", &names(AttendanceStatus::Present)));
        d.push(field("请假人员", &names(AttendanceStatus::Excused)));
        d.push(field("缺席人员", &names(AttendanceStatus::Absent)));
        d.push(field("列席人员", &names(AttendanceStatus::Observer)));
        if s.quorum_ok == Some(false) {
            d.push(field(
                "说　　明",
                "到会正式党员未超过应到会正式党员半数，会议所作决定无效",
            ));
        }
        d.push(field("议　　题", &s.topics));
        // A labelled block of free text, one paragraph per line typed.
        let mut text_block = |label: &str, text: &str| {
            d.push(Block::Line {
                text: format!("{label}："),
                align: Align::Left,
            });
            for para in text.split('\n').map(str::trim).filter(|p| !p.is_empty()) {
                d.push(Block::Paragraph(para.into()));
            }
        };
        text_block("会议内容", &m.content);
        if !m.resolutions.is_empty() {
            text_block("决　　议", &m.resolutions);
        }
        if !m.grades.is_empty() {
            let by = |g: crate::meeting::ReviewGrade| {
                m.grades
                    .iter()
                    .filter(|x| x.grade == g)
                    .map(|x| x.name.clone())
                    .collect::<Vec<_>>()
                    .join("、")
            };
            use crate::meeting::ReviewGrade::*;
            d.push(field(
                "评议结果",
                &format!("优秀：{}；合格：{}", by(Excellent), by(Qualified)),
            ));
            for (label, g) in [("基本合格", BasicallyQualified), ("不合格", Unqualified)] {
                let who = by(g);
                if !who.is_empty() {
                    d.push(field(label, &who));
                }
            }
        }
        if !m.talks.is_empty() {
            let pairs: Vec<String> = m
                .talks
                .iter()
                .map(|t| format!("{}—{}", t.a_name, t.b_name))
                .collect();
            d.push(field("谈话情况", &pairs.join("；")));
        }
        d.push(Block::Signatures(vec![
            "主持人（签字）：".into(),
            "记录人（签字）：".into(),
        ]));
        Ok(d)
    }

    /// The year's organizational life as one table.
    pub fn meetings_document(&self, year: i32) -> Result<Document> {
        let branch = self.branch()?;
        let list = self.meetings(year)?;
        let mut d = Document::new(Orientation::Landscape);
        d.push(Block::Title(format!("{year}年度组织生活开展情况一览表")));
        d.push(Block::Line {
            text: format!("党组织名称：{}　　　　共{}次", branch.name, list.len()),
            align: Align::Left,
        });
        let columns = vec![
            col("序号", 0.7, Align::Center),
            col("日期", 1.5, Align::Center),
            col("类型", 2.4, Align::Center),
            col("议题", 4.5, Align::Left),
            col("应到", 0.8, Align::Center),
            col("出席", 0.8, Align::Center),
            col("请假", 0.8, Align::Center),
            col("缺席", 0.8, Align::Center),
            col("备注", 1.6, Align::Left),
        ];
        let rows = list
            .iter()
            .enumerate()
            .map(|(i, m)| {
                vec![
                    (i + 1).to_string(),
                    dates::format_cn(m.date),
                    format!("{}（第{}次）", kind_label(m.kind, m.also_kind), m.number),
                    m.topics.clone(),
                    m.counts.expected.to_string(),
                    m.counts.present.to_string(),
                    m.counts.excused.to_string(),
                    m.counts.absent.to_string(),
                    if m.quorum_ok == Some(false) {
                        "未过半数".into()
                    } else {
                        String::new()
                    },
                ]
            })
            .collect();
        d.push(Block::Table(Table { columns, rows }));
        Ok(d)
    }
}

/// Typesets a document; a missing Chinese font becomes an error the secretary can act on.
pub fn render(
    doc: &Document,
    fonts: &mut zhibu_typeset::FontLibrary,
    title: &str,
) -> Result<zhibu_typeset::Rendered> {
    zhibu_typeset::render_pdf(doc, fonts, title)
        .map_err(|e| crate::Error::new(crate::ErrorKind::MissingFont, e.to_string()))
}

/// Writes a printout where the secretary chose, through a temporary file in the same folder
/// and a rename, so a half-written PDF never stands under the chosen name.
pub fn write_file(path: &std::path::Path, bytes: &[u8]) -> Result<()> {
    write_file_parts(path, &[bytes])
}

/// Writes `parts` one after the other as the file at `path`, like [`write_file`].
pub fn write_file_parts(path: &std::path::Path, parts: &[&[u8]]) -> Result<()> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out.pdf".into());
    let tmp = path.with_file_name(format!(".{name}.tmp"));
    // On a full disk the write fails part-way: the half-written temporary file is removed,
    // and the target (if it existed) keeps its previous contents.
    let written = (|| {
        use std::io::Write;
        let mut f = std::fs::File::create(&tmp)?;
        for part in parts {
            f.write_all(part)?;
        }
        // On disk before the rename, so a crash never leaves a complete name on empty bytes.
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(Error::from(e).about(path));
    }
    Ok(())
}

/// "缺少字体的字：𠀀、𠀁" for a printout that has characters no font could draw.
pub fn missing_note(missing: &[char]) -> Option<String> {
    (!missing.is_empty()).then(|| {
        let list: Vec<String> = missing
            .iter()
            .map(|c| format!("{c}（U+{:04X}）", *c as u32))
            .collect();
        format!(
            "以下文字没有可用的字体，打印出来会是空框：{}。请安装包含这些字的字体后重新打印。",
            list.join("、")
        )
    })
}

/// Lays a request out for the in-app preview.
pub fn preview(
    store: &Store,
    req: &PrintRequest,
    fonts: &mut zhibu_typeset::FontLibrary,
    today: NaiveDate,
) -> Result<Preview> {
    let (doc, title) = store.print_document(req, today)?;
    let layout = zhibu_typeset::layout(&doc, fonts)
        .map_err(|e| crate::Error::new(crate::ErrorKind::MissingFont, e.to_string()))?;
    Ok(Preview {
        title,
        html: layout.to_html(),
        pages: layout.page_count() as u32,
        missing_note: missing_note(&layout.missing).unwrap_or_default(),
    })
}

/// Prints a request to `path` as PDF.
pub fn save(
    store: &Store,
    req: &PrintRequest,
    fonts: &mut zhibu_typeset::FontLibrary,
    today: NaiveDate,
    path: &std::path::Path,
) -> Result<Saved> {
    let (doc, title) = store.print_document(req, today)?;
    let rendered = render(&doc, fonts, &title)?;
    write_file(path, &rendered.pdf)?;
    Ok(Saved {
        path: path.display().to_string(),
        pages: rendered.pages as u32,
        missing_note: missing_note(&rendered.missing).unwrap_or_default(),
    })
}

impl Store {
    /// The 六有 checklist of a venue as printed: the latest check, or — with none recorded yet —
    /// the blank form of its standard to fill in by hand. Without any venue, the blank form
    /// of the default standard.
    pub fn checklist_document(&self, venue_id: Option<i64>) -> Result<Document> {
        use crate::venue::VenueStandard;
        let branch = self.branch()?;
        let venue = match venue_id {
            Some(id) => Some(self.venue(id)?),
            None => self.venues()?.into_iter().next(),
        };
        let check = venue.as_ref().and_then(|v| v.checks.first().cloned());
        let mut d = Document::new(Orientation::Portrait);
        d.push(Block::Title("党组织活动阵地“六有”建设情况检查表".into()));
        let place = venue.as_ref().map(|v| {
            format!(
                "{}{}",
                v.name,
                if v.address.is_empty() {
                    String::new()
                } else {
                    format!("（{}）", v.address)
                }
            )
        });
        d.push(Block::Line {
            text: format!("党组织名称：{}", branch.name),
            align: Align::Left,
        });
        d.push(Block::Line {
            text: format!("活动阵地：{}", place.unwrap_or_default()),
            align: Align::Left,
        });
        let columns = vec![
            col("序号", 0.95, Align::Center),
            col("项目", 1.6, Align::Center),
            col("标准", 3.85, Align::Left),
            col("情况", 1.1, Align::Center),
            col("说明", 2.6, Align::Left),
            col("备注", 1.2, Align::Left),
        ];
        // (项目, 标准, 情况, 说明, 备注): the latest check, or the blank form of the standard.
        const BLANK: &str = "有□ 部分□ 无□";
        let items: Vec<[String; 5]> = match (&venue, &check) {
            (_, Some(c)) => c
                .items
                .iter()
                .map(|it| {
                    [
                        it.title.clone(),
                        it.requirement.clone(),
                        it.status.label().into(),
                        it.explanation.clone(),
                        it.remark.clone(),
                    ]
                })
                .collect(),
            (Some(v), None) => v
                .items
                .iter()
                .map(|it| {
                    [
                        it.title.clone(),
                        it.requirement.clone(),
                        BLANK.into(),
                        String::new(),
                        String::new(),
                    ]
                })
                .collect(),
            (None, None) => VenueStandard::Basic
                .items()
                .iter()
                .map(|(t, r)| {
                    [
                        t.to_string(),
                        r.to_string(),
                        BLANK.into(),
                        String::new(),
                        String::new(),
                    ]
                })
                .collect(),
        };
        let rows = items
            .into_iter()
            .enumerate()
            .map(|(i, row)| std::iter::once((i + 1).to_string()).chain(row).collect())
            .collect();
        d.push(Block::Table(Table { columns, rows }));
        match &check {
            Some(c) => {
                d.push(Block::Line {
                    text: format!("达标{}项，共{}项。{}", c.met, c.items.len(), c.note),
                    align: Align::Left,
                });
                d.push(Block::Signatures(vec![
                    format!("检查人：{}", c.checked_by),
                    "支部书记（签字）：".into(),
                ]));
                d.push(Block::Line {
                    text: format!("检查日期：{}", dates::format_cn(c.date)),
                    align: Align::Right,
                });
            }
            None => {
                d.push(Block::Signatures(vec![
                    "检查人（签字）：".into(),
                    "支部书记（签字）：".into(),
                ]));
                d.push(Block::Line {
                    text: "检查日期：　　　　年　　月　　日".into(),
                    align: Align::Right,
                });
            }
        }
        Ok(d)
    }
}

/// The duty report as an official document: the title, the reporter, the sections with
/// their numbered headings, and the reporter's name and the date at the end.
pub fn report_document(r: &crate::report::Report, today: NaiveDate) -> Document {
    use crate::report::ParagraphKind;
    let secretary = r
        .figures
        .iter()
        .find(|f| f.name == "书记")
        .map(|f| f.value.clone())
        .unwrap_or_default();
    let mut d = Document::new(Orientation::Portrait);
    d.push(Block::Title(r.title.clone()));
    if !secretary.is_empty() {
        d.push(Block::Subtitle(format!("述职人：{secretary}")));
    }
    for (p, text) in r.paragraphs.iter().zip(&r.rendered) {
        d.push(match p.kind {
            ParagraphKind::Heading => Block::Heading {
                level: 1,
                text: text.clone(),
            },
            ParagraphKind::Subheading => Block::Heading {
                level: 2,
                text: text.clone(),
            },
            ParagraphKind::Text => Block::Paragraph(text.clone()),
        });
    }
    d.push(Block::Signatures(vec![format!("述职人：{secretary}")]));
    let date = NaiveDate::from_ymd_opt(r.year, 12, 31).map_or(today, |end| end.min(today));
    d.push(Block::Line {
        text: dates::format_cn(date),
        align: Align::Right,
    });
    d
}
