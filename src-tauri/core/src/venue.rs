//! The venues (六有阵地): each activity venue of the branch follows one of the
//! standards in use (with custom items allowed), and is checked on dates, item by item:
//! 有 / 部分 / 无 with an explanation. Checks are kept as history.
use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::check::Check;
use crate::error::{Error, Result};
use crate::store::Store;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum VenueStandard {
    /// 有场所、有设施、有标志、有党旗、有书报、有制度 (the default).
    Basic,
    /// 有牌匾、有党旗、有党员活动室、有资料（档案）柜、有电教设备、有宣传阵地.
    Plaque,
    /// 有人管、有阵地、有经费、有载体、有活动、有氛围.
    Work,
}

impl VenueStandard {
    pub const ALL: [VenueStandard; 3] = [Self::Basic, Self::Plaque, Self::Work];
    pub fn code(self) -> &'static str {
        match self {
            Self::Basic => "basic",
            Self::Plaque => "plaque",
            Self::Work => "work",
        }
    }
    fn from_code(s: &str) -> Self {
        Self::ALL
            .into_iter()
            .find(|v| v.code() == s)
            .unwrap_or(Self::Basic)
    }
    /// The items of the standard: (项目, 标准 — what counts).
    pub fn items(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Self::Basic => &[
                (
                    "有场所",
                    "有固定的党员活动场所，单独设置或与单位会议室等综合使用",
                ),
                ("有设施", "配备桌椅、电教设备等开展活动的基本设施"),
                ("有标志", "悬挂“中共××支部委员会”牌子和“党员活动室”标识"),
                ("有党旗", "悬挂或摆放党旗（4号144×96厘米或5号）"),
                ("有书报", "订阅党报党刊，配备党建学习资料和书柜"),
                ("有制度", "入党誓词、党员权利和义务、支部工作制度上墙公布"),
            ],
            Self::Plaque => &[
                ("有牌匾", "悬挂“中共××支部委员会”牌匾"),
                ("有党旗", "悬挂或摆放党旗"),
                ("有党员活动室", "有党员活动室，单独或综合使用"),
                (
                    "有资料（档案）柜",
                    "党员名册、工作手册、活动记录本、党费登记本等资料归档入柜",
                ),
                ("有电教设备", "配备电视、电脑或投影等电化教育设备"),
                ("有宣传阵地", "有宣传栏、展板或网上宣传阵地"),
            ],
            Self::Work => &[
                ("有人管", "明确专人负责阵地管理和日常维护"),
                ("有阵地", "有相对固定的党员活动场所"),
                ("有经费", "党建工作经费有保障，专款专用"),
                ("有载体", "有主题党日、志愿服务等活动载体"),
                ("有活动", "按规定经常开展组织生活和党员活动"),
                ("有氛围", "阵地布置体现党建氛围，标识、制度齐全"),
            ],
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Self::Basic => "有场所、有设施、有标志、有党旗、有书报、有制度",
            Self::Plaque => "有牌匾、有党旗、有党员活动室、有资料柜、有电教设备、有宣传阵地",
            Self::Work => "有人管、有阵地、有经费、有载体、有活动、有氛围",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ItemStatus {
    /// 有
    Yes,
    /// 部分
    Partial,
    /// 无
    No,
}

impl ItemStatus {
    pub const ALL: [ItemStatus; 3] = [Self::Yes, Self::Partial, Self::No];
    pub fn code(self) -> &'static str {
        match self {
            Self::Yes => "yes",
            Self::Partial => "partial",
            Self::No => "no",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Self::Yes => "有",
            Self::Partial => "部分",
            Self::No => "无",
        }
    }
    fn from_code(s: &str) -> Self {
        match s {
            "yes" => Self::Yes,
            "partial" => Self::Partial,
            _ => Self::No,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct VenueItem {
    #[ts(type = "number")]
    pub id: i64,
    pub title: String,
    pub requirement: String,
    pub custom: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CheckedItem {
    #[ts(type = "number")]
    pub item_id: i64,
    pub title: String,
    pub requirement: String,
    pub status: ItemStatus,
    pub explanation: String,
    pub remark: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct VenueCheck {
    #[ts(type = "number")]
    pub id: i64,
    pub date: NaiveDate,
    pub checked_by: String,
    pub note: String,
    pub items: Vec<CheckedItem>,
    /// How many items are fully met (有).
    pub met: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Venue {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub address: String,
    pub standard: VenueStandard,
    pub items: Vec<VenueItem>,
    /// Every check, newest first.
    pub checks: Vec<VenueCheck>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export, optional_fields = nullable)]
pub struct VenueInput {
    pub name: String,
    pub address: String,
    pub standard: Option<VenueStandard>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CheckItemInput {
    #[ts(type = "number")]
    pub item_id: i64,
    pub status: Option<ItemStatus>,
    #[serde(default)]
    pub explanation: String,
    #[serde(default)]
    pub remark: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct CheckInput {
    pub date: String,
    pub checked_by: String,
    pub note: String,
    pub items: Vec<CheckItemInput>,
}

impl Store {
    /// Creates a venue with the items of its standard.
    pub fn add_venue(&mut self, input: &VenueInput) -> Result<Venue> {
        let mut c = Check::default();
        let name = c.text("name", "阵地名称", &input.name, 50);
        if name.is_empty() {
            c.fail("name", "请填写阵地名称，如“党员活动室”");
        }
        let address = c.text("address", "地址", &input.address, 100);
        c.finish()?;
        let standard = input.standard.unwrap_or(VenueStandard::Basic);
        let tx = self.write_tx()?;
        tx.execute(
            "INSERT INTO venue (name, address, standard) VALUES (?1, ?2, ?3)",
            params![name, address, standard.code()],
        )?;
        let id = tx.last_insert_rowid();
        for (i, (title, req)) in standard.items().iter().enumerate() {
            tx.execute(
                "INSERT INTO venue_item (venue_id, position, title, requirement) VALUES (?1, ?2, ?3, ?4)",
                params![id, i as i64, title, req],
            )?;
        }
        tx.commit()?;
        self.venue(id)
    }

    /// Adds an item of the branch's own to a venue's items.
    pub fn add_venue_item(
        &mut self,
        venue_id: i64,
        title: &str,
        requirement: &str,
    ) -> Result<Venue> {
        self.venue(venue_id)?;
        let mut c = Check::default();
        let title = c.text("title", "项目", title, 30);
        if title.is_empty() {
            c.fail("title", "请填写项目名称");
        }
        let requirement = c.text("requirement", "标准", requirement, 200);
        c.finish()?;
        self.conn.execute(
            "INSERT INTO venue_item (venue_id, position, title, requirement, custom)
             VALUES (?1, (SELECT COALESCE(MAX(position), 0) + 1 FROM venue_item WHERE venue_id = ?1), ?2, ?3, 1)",
            params![venue_id, title, requirement],
        )?;
        self.venue(venue_id)
    }

    /// Takes an item off the venue's items; older checks keep it in their history.
    pub fn retire_venue_item(&mut self, item_id: i64) -> Result<()> {
        if self
            .conn
            .execute("UPDATE venue_item SET retired = 1 WHERE id = ?1", [item_id])?
            == 0
        {
            return Err(Error::not_found("这个检查项目"));
        }
        Ok(())
    }

    pub fn venues(&self) -> Result<Vec<Venue>> {
        let ids: Vec<i64> = self
            .conn
            .prepare("SELECT id FROM venue ORDER BY id")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids.into_iter().map(|id| self.venue(id)).collect()
    }

    pub fn venue(&self, id: i64) -> Result<Venue> {
        let (name, address, standard): (String, String, String) = self
            .conn
            .query_row(
                "SELECT name, address, standard FROM venue WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?
            .ok_or_else(|| Error::not_found("这个活动阵地"))?;
        let items = self
            .conn
            .prepare("SELECT id, title, requirement, custom FROM venue_item WHERE venue_id = ?1 AND retired = 0 ORDER BY position, id")?
            .query_map([id], |r| Ok(VenueItem { id: r.get(0)?, title: r.get(1)?, requirement: r.get(2)?, custom: r.get(3)? }))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let check_rows: Vec<(i64, String, String, String)> = self
            .conn
            .prepare("SELECT id, date, checked_by, note FROM venue_check WHERE venue_id = ?1 ORDER BY date DESC")?
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut stmt = self.conn.prepare(
            "SELECT ci.item_id, i.title, i.requirement, ci.status, ci.explanation, ci.remark
             FROM venue_check_item ci JOIN venue_item i ON i.id = ci.item_id
             WHERE ci.check_id = ?1 ORDER BY i.position, i.id",
        )?;
        let mut checks = Vec::new();
        for (cid, date, checked_by, note) in check_rows {
            let items = stmt
                .query_map([cid], |r| {
                    Ok(CheckedItem {
                        item_id: r.get(0)?,
                        title: r.get(1)?,
                        requirement: r.get(2)?,
                        status: ItemStatus::from_code(&r.get::<_, String>(3)?),
                        explanation: r.get(4)?,
                        remark: r.get(5)?,
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let met = items.iter().filter(|i| i.status == ItemStatus::Yes).count() as u32;
            checks.push(VenueCheck {
                id: cid,
                date: crate::dates::parse(&date).unwrap_or_default(),
                checked_by,
                note,
                items,
                met,
            });
        }
        Ok(Venue {
            id,
            name,
            address,
            standard: VenueStandard::from_code(&standard),
            items,
            checks,
        })
    }

    /// Records a check of every current item of the venue on a date; a second check on the
    /// same date replaces the first.
    pub fn record_venue_check(
        &mut self,
        venue_id: i64,
        input: &CheckInput,
        today: NaiveDate,
    ) -> Result<Venue> {
        self.immediate(|s| s.record_venue_check_checked(venue_id, input, today))
    }

    fn record_venue_check_checked(
        &mut self,
        venue_id: i64,
        input: &CheckInput,
        today: NaiveDate,
    ) -> Result<Venue> {
        let venue = self.venue(venue_id)?;
        let mut c = Check::default();
        if input.date.trim().is_empty() {
            c.fail("date", "请填写检查日期");
        }
        let date = c.date("date", "检查日期", Some(&input.date), today);
        let checked_by = c.text("checked_by", "检查人", &input.checked_by, 30);
        let note = c.text("note", "说明", &input.note, 500);
        // Each item's explanation and remark as checked, stored as such.
        let mut texts: HashMap<i64, (String, String)> = HashMap::new();
        for item in &venue.items {
            match input.items.iter().find(|i| i.item_id == item.id) {
                Some(i) if i.status.is_some() => {
                    let explanation = c.text("items", "说明", &i.explanation, 200);
                    let remark = c.text("items", "备注", &i.remark, 100);
                    texts.insert(i.item_id, (explanation, remark));
                }
                _ => c.fail(
                    "items",
                    format!("请选择“{}”的情况（有、部分或无）", item.title),
                ),
            }
        }
        if input
            .items
            .iter()
            .any(|i| !venue.items.iter().any(|v| v.id == i.item_id))
        {
            c.fail("items", "检查项目与本阵地的清单不符，请刷新后重试");
        }
        c.finish()?;
        let date = date.ok_or_else(|| Error::field("date", "请填写检查日期"))?;
        // Inside the transaction the caller opened: the checks above saw what this writes on.
        let tx = &self.conn;
        tx.execute(
            "DELETE FROM venue_check WHERE venue_id = ?1 AND date = ?2",
            params![venue_id, date.to_string()],
        )?;
        tx.execute(
            "INSERT INTO venue_check (venue_id, date, checked_by, note) VALUES (?1, ?2, ?3, ?4)",
            params![venue_id, date.to_string(), checked_by, note],
        )?;
        let cid = tx.last_insert_rowid();
        for i in &input.items {
            let status = i.status.unwrap_or(ItemStatus::No);
            let (explanation, remark) = texts.remove(&i.item_id).unwrap_or_default();
            tx.execute(
                "INSERT INTO venue_check_item (check_id, item_id, status, explanation, remark) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![cid, i.item_id, status.code(), explanation, remark],
            )?;
        }
        self.venue(venue_id)
    }
}
