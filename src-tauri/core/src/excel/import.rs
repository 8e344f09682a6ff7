//! Reading a roster the secretary already keeps in Excel: the header row is found wherever it
//! is, columns are matched by their usual Chinese names, dates are read in every form people
//! type, and each row is checked like the member form would check it. Nothing is written
//! until the secretary confirms; then everything goes in at once, and importing the same
//! file again adds nobody.
use std::collections::HashMap;

use calamine::Data;
use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use super::header::{find_header, normalize_header, Field, Header};
use super::workbook::{bad_file, cell_text, read_sheets};
use crate::error::{Error, Result};
use crate::member::{Category, MemberInput};
use crate::store::Store;
use crate::{dates, idcard};

/// How one column of the sheet was understood.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ImportColumn {
    pub header: String,
    /// The roster field it fills, in Chinese; None when the column is left out.
    pub field: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum RowStatus {
    /// Will be added.
    Ready,
    /// Already on the roster (or earlier in the file): skipped.
    Duplicate,
    /// Has problems to fix in the workbook: skipped.
    Invalid,
}

impl RowStatus {
    pub const ALL: [RowStatus; 3] = [Self::Ready, Self::Duplicate, Self::Invalid];
    pub fn label(self) -> &'static str {
        match self {
            Self::Ready => "可导入",
            Self::Duplicate => "已在名册",
            Self::Invalid => "有问题",
        }
    }
}

/// One row of the sheet as it would be imported.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ImportRow {
    /// The row number Excel shows.
    pub row: u32,
    pub name: String,
    pub id_number: String,
    pub category: Option<Category>,
    pub joined: Option<String>,
    pub status: RowStatus,
    pub problems: Vec<String>,
    #[serde(skip)]
    #[ts(skip)]
    input: MemberInput,
}

/// What an import would do (a preview) or did.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ImportReport {
    pub sheet: String,
    /// The row number of the header row, as Excel shows it.
    pub header_row: u32,
    pub columns: Vec<ImportColumn>,
    pub rows: Vec<ImportRow>,
    /// People added (0 in a preview).
    pub imported: u32,
    /// Rows not added: duplicates and rows with problems.
    pub skipped: u32,
}

impl ImportReport {
    pub fn ready(&self) -> usize {
        self.rows
            .iter()
            .filter(|r| r.status == RowStatus::Ready)
            .count()
    }
}

/// Excel's serial day number (1 = 1900-01-01, with Excel's phantom 1900-02-29). A workbook in
/// the 1904 date system (older Mac Excel) counts from 1904-01-01 instead: 1,462 days fewer for
/// the same date.
fn from_serial(serial: f64, dates_1904: bool) -> Option<NaiveDate> {
    let serial = if dates_1904 { serial + 1462.0 } else { serial };
    if !(1.0..=100_000.0).contains(&serial) {
        return None;
    }
    let base = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    base.checked_add_days(chrono::Days::new(serial.floor() as u64))
}

/// A date read from a cell, and whether it named the day (rosters often give the month only).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct CellDate {
    date: NaiveDate,
    has_day: bool,
}

fn text_date(text: &str) -> Option<CellDate> {
    match dates::parse(text) {
        Some(date) => Some(CellDate {
            date,
            has_day: true,
        }),
        None => dates::parse_loose(text).map(|date| CellDate {
            date,
            has_day: false,
        }),
    }
}

/// A date cell in any of the forms rosters hold: a real date, a serial number, a number like
/// 19850301 or 1985.03, or text.
fn cell_date(c: &Data, dates_1904: bool) -> std::result::Result<Option<CellDate>, String> {
    let full = |d: Option<NaiveDate>| {
        d.map(|date| CellDate {
            date,
            has_day: true,
        })
    };
    let date = match c {
        Data::Empty => return Ok(None),
        Data::DateTime(d) => full(from_serial(d.as_f64(), dates_1904)),
        Data::DateTimeIso(s) => text_date(s.get(..10).unwrap_or(s)),
        Data::Float(f) if f.fract() == 0.0 && *f >= 100_000.0 => {
            text_date(&format!("{}", *f as i64))
        }
        Data::Int(i) if *i >= 100_000 => text_date(&i.to_string()),
        // 1985.03 typed into a number cell arrives as the number 1985.03.
        Data::Float(f) if (1900.0..2100.0).contains(f) => text_date(&format!("{f:.2}")),
        Data::Float(f) => full(from_serial(*f, dates_1904)),
        Data::Int(i) => full(from_serial(*i as f64, dates_1904)),
        other => {
            let text = cell_text(other);
            if text.is_empty() {
                return Ok(None);
            }
            text_date(&text)
        }
    };
    date.map(Some).ok_or_else(|| cell_text(c))
}

fn category_of(text: &str) -> Option<Category> {
    let t = normalize_header(text);
    match t.as_str() {
        "正式党员" | "正式" | "党员" | "中共党员" => Some(Category::Full),
        "预备党员" | "预备" | "中共预备党员" => Some(Category::Probationary),
        "发展对象" => Some(Category::Candidate),
        "入党积极分子" | "积极分子" => Some(Category::Activist),
        "入党申请人" | "申请人" | "申请入党" => Some(Category::Applicant),
        other => Category::parse(other),
    }
}

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// Reads one data row into a member's input and the problems found on the way. `uncached`
/// are the row's columns holding a formula saved without its result.
fn read_row(
    cells: &[Data],
    header: &Header,
    uncached: &[usize],
    dates_1904: bool,
    today: NaiveDate,
) -> (MemberInput, Vec<String>) {
    let mut input = MemberInput::default();
    let mut problems = Vec::new();
    let mut category_text = String::new();
    let mut sex_text = String::new();
    let mut birth: Option<CellDate> = None;
    for &col in uncached {
        let title = header
            .titles
            .get(col)
            .map(String::as_str)
            .unwrap_or_default();
        problems.push(format!(
            "“{title}”一列是公式，文件里没有保存它的计算结果，无法读取。请用 Excel 或 WPS 打开该文件并保存一次后再导入"
        ));
    }
    for (field, cell) in header.fields.iter().zip(cells) {
        let Some(field) = field else { continue };
        if field.is_date() {
            match cell_date(cell, dates_1904) {
                Ok(None) => {}
                // The ID number decides the birth date; the column is only checked against it.
                Ok(Some(d)) if *field == Field::BirthDate => birth = Some(d),
                Ok(Some(d)) => {
                    let d = Some(iso(d.date));
                    match field {
                        Field::WorkStarted => input.work_started = d,
                        Field::Joined => input.joined = d,
                        _ => input.full_date = d,
                    }
                }
                Err(text) => problems.push(format!("{}“{}”不是可识别的日期", field.label(), text)),
            }
            continue;
        }
        // An 18-digit number typed into a number cell has lost its last digits already.
        if *field == Field::IdNumber {
            if let Data::Float(f) = cell {
                if *f >= 1e15 {
                    problems.push(
                        "身份证号被Excel存成了数字，后几位已经丢失。请把这一列设为“文本”后重新填写"
                            .into(),
                    );
                    continue;
                }
            }
        }
        let text = cell_text(cell);
        match field {
            Field::Name => input.name = text,
            Field::Sex => sex_text = text,
            Field::Ethnicity => input.ethnicity = text,
            Field::NativePlace => input.native_place = text,
            Field::IdNumber => input.id_number = text.to_uppercase(),
            Field::Education => input.education = text,
            Field::Category => category_text = text,
            // 离退休 written as the post is the status, not a post (the field of its own).
            Field::Position if crate::member::is_retirement_word(&text) => input.retired = true,
            Field::Position => input.position = text,
            Field::Phone => input.phone = text,
            Field::Address => input.address = text,
            Field::Note => input.note = text,
            _ => {}
        }
    }
    // The sex and birth columns are checked against the ID number, which decides.
    if let Ok(id) = idcard::parse(&input.id_number) {
        let said = sex_text.trim_end_matches('性');
        if !said.is_empty() && said != id.sex.label() {
            problems.push(format!(
                "性别写的是“{sex_text}”，身份证号显示为{}",
                id.sex.label()
            ));
        }
        if let Some(b) = birth {
            use chrono::Datelike;
            let agrees = if b.has_day {
                b.date == id.birth_date
            } else {
                (b.date.year(), b.date.month()) == (id.birth_date.year(), id.birth_date.month())
            };
            if !agrees {
                problems.push(format!(
                    "出生日期与身份证号不符（身份证号显示为{}）",
                    dates::format_cn(id.birth_date)
                ));
            }
        }
    }
    input.category = if category_text.is_empty() {
        // Without the column: a member, full or probationary by the dates.
        match (&input.full_date, &input.joined) {
            (Some(_), _) => Some(Category::Full),
            (None, Some(joined)) => {
                let joined = dates::parse(joined);
                let in_probation = joined.is_some_and(|j| dates::add_months(j, 12) > today);
                Some(if in_probation {
                    Category::Probationary
                } else {
                    Category::Full
                })
            }
            (None, None) => None,
        }
    } else {
        let c = category_of(&category_text);
        if c.is_none() {
            problems.push(format!(
                "人员类别“{category_text}”无法识别，应为正式党员、预备党员、发展对象、入党积极分子或入党申请人"
            ));
        }
        c
    };
    (input, problems)
}

impl Store {
    /// What importing the workbook would do, row by row; nothing is written.
    pub fn preview_import(&self, bytes: &[u8], today: NaiveDate) -> Result<ImportReport> {
        let sheets = read_sheets(bytes)?;
        if sheets.iter().all(|(_, g)| g.is_empty()) {
            return Err(bad_file("这个Excel文件里没有内容"));
        }
        let Some((sheet, grid, header)) = sheets
            .into_iter()
            .find_map(|(name, grid)| find_header(&grid).map(|h| (name, grid, h)))
        else {
            return Err(bad_file(
                "没有找到表头：表格前20行中应有一行写着“姓名”“身份证号”等列名",
            ));
        };
        let header_row = grid.start_row + header.last as u32 + 1;
        let columns: Vec<ImportColumn> = header
            .titles
            .iter()
            .zip(&header.fields)
            .filter(|(h, _)| !h.is_empty())
            .map(|(h, f)| ImportColumn {
                header: h.clone(),
                field: f.map(|f| f.label().to_string()),
            })
            .collect();
        if !header.fields.contains(&Some(Field::IdNumber)) {
            return Err(bad_file(
                "表格中没有“身份证号”（公民身份号码）一列：名册靠它核对性别、出生日期和重复人员",
            ));
        }

        // Who is on the roster already, by ID number and by name + birth date.
        let existing = self.all_members()?;
        let by_id: HashMap<String, String> = existing
            .iter()
            .map(|m| (m.id_number.clone(), m.name.clone()))
            .collect();
        let by_name_birth: HashMap<(String, NaiveDate), String> = existing
            .iter()
            .map(|m| ((m.name.clone(), m.birth_date), m.name.clone()))
            .collect();
        let mut seen_ids: HashMap<String, u32> = HashMap::new();

        let mut rows = Vec::new();
        for (offset, cells) in grid.rows.iter().enumerate().skip(header.last + 1) {
            // Only the columns read matter: a formula numbering the rows (序号) does not.
            let uncached: Vec<usize> = if grid.uncached.is_empty() {
                Vec::new()
            } else {
                (0..header.fields.len())
                    .filter(|&col| {
                        header.fields[col].is_some() && grid.uncached.contains(&(offset, col))
                    })
                    .collect()
            };
            if uncached.is_empty() && cells.iter().all(|c| cell_text(c).is_empty()) {
                continue;
            }
            let row = header_row + (offset - header.last) as u32;
            let (input, mut problems) = read_row(cells, &header, &uncached, grid.dates_1904, today);
            let mut status = RowStatus::Invalid;
            if problems.is_empty() {
                problems = crate::member::problems(&input, today);
            }
            if problems.is_empty() {
                status = RowStatus::Ready;
                let birth = idcard::parse(&input.id_number).ok().map(|p| p.birth_date);
                if let Some(name) = by_id.get(&input.id_number) {
                    status = RowStatus::Duplicate;
                    problems.push(format!("名册中已有此人（{name}，身份证号相同），跳过"));
                } else if let Some(name) =
                    birth.and_then(|b| by_name_birth.get(&(input.name.trim().to_string(), b)))
                {
                    status = RowStatus::Duplicate;
                    problems.push(format!("名册中已有同名、同出生日期的{name}，跳过"));
                } else if let Some(first) = seen_ids.get(&input.id_number) {
                    status = RowStatus::Duplicate;
                    problems.push(format!("与第{first}行的身份证号相同，跳过"));
                } else {
                    seen_ids.insert(input.id_number.clone(), row);
                }
            }
            rows.push(ImportRow {
                row,
                name: input.name.clone(),
                id_number: input.id_number.clone(),
                category: input.category,
                joined: input.joined.clone(),
                status,
                problems,
                input,
            });
        }
        if rows.is_empty() {
            return Err(bad_file("表头下面没有人员：表格是空的"));
        }
        let skipped = rows.iter().filter(|r| r.status != RowStatus::Ready).count() as u32;
        Ok(ImportReport {
            sheet,
            header_row,
            columns,
            rows,
            imported: 0,
            skipped,
        })
    }

    /// Imports every ready row of the workbook in one transaction: all of them or, on any
    /// failure, none. Duplicates and rows with problems are skipped and reported.
    pub fn import_roster(&mut self, bytes: &[u8], today: NaiveDate) -> Result<ImportReport> {
        let mut report = self.preview_import(bytes, today)?;
        let tx = self.write_tx()?;
        let mut imported = 0;
        for row in report.rows.iter().filter(|r| r.status == RowStatus::Ready) {
            crate::member::insert_member(&tx, &row.input, today).map_err(|e| {
                Error::new(
                    e.kind,
                    format!(
                        "第{}行（{}）无法导入：{}。没有导入任何人",
                        row.row, row.name, e.message
                    ),
                )
            })?;
            imported += 1;
        }
        tx.commit()?;
        report.imported = imported;
        Ok(report)
    }
}
