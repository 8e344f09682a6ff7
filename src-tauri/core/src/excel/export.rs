//! Writing the roster as an .xlsx the secretary can hand on or keep working in: Chinese
//! headers, dates as real dates, columns wide enough to read, the header row frozen.
use rust_xlsxwriter::{Format, FormatAlign, Workbook, XlsxError};

use crate::error::{Error, ErrorKind, Result};
use crate::roster::{RosterOrder, RosterQuery};
use crate::store::Store;

fn xlsx_error(e: XlsxError) -> Error {
    Error::new(ErrorKind::Internal, format!("生成Excel文件失败：{e}"))
}

/// One column: header, width in characters, and how to write a person's value.
enum Value {
    Text(String),
    Date(Option<chrono::NaiveDate>),
}

impl Store {
    /// The roster (people now in the branch, in surname-stroke order) as .xlsx bytes.
    pub fn roster_xlsx(&self) -> Result<Vec<u8>> {
        let members = self.roster(&RosterQuery {
            order: RosterOrder::Strokes,
            ..Default::default()
        })?;
        let columns: [(&str, f64); 16] = [
            ("序号", 6.0),
            ("姓名", 10.0),
            ("性别", 6.0),
            ("民族", 8.0),
            ("籍贯", 12.0),
            ("出生日期", 12.0),
            ("公民身份号码", 21.0),
            ("学历", 10.0),
            ("参加工作日期", 13.0),
            ("入党日期", 12.0),
            ("转正日期", 12.0),
            ("人员类别", 12.0),
            ("工作岗位", 20.0),
            ("联系电话", 14.0),
            ("家庭住址", 30.0),
            ("备注", 20.0),
        ];
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        sheet.set_name("党员名册").map_err(xlsx_error)?;
        let head = Format::new().set_bold().set_align(FormatAlign::Center);
        let date = Format::new().set_num_format("yyyy\\.mm\\.dd");
        // ID numbers and phones stay text: as numbers Excel would drop digits.
        let text = Format::new().set_num_format("@");
        for (col, (title, width)) in columns.iter().enumerate() {
            let col = col as u16;
            sheet
                .write_string_with_format(0, col, *title, &head)
                .map_err(xlsx_error)?;
            sheet.set_column_width(col, *width).map_err(xlsx_error)?;
        }
        sheet.set_freeze_panes(1, 0).map_err(xlsx_error)?;
        for (i, m) in members.iter().enumerate() {
            let row = i as u32 + 1;
            let values = [
                Value::Text((i + 1).to_string()),
                Value::Text(m.name.clone()),
                Value::Text(m.sex.label().into()),
                Value::Text(m.ethnicity.clone()),
                Value::Text(m.native_place.clone()),
                Value::Date(Some(m.birth_date)),
                Value::Text(m.id_number.clone()),
                Value::Text(m.education.clone()),
                Value::Date(m.work_started),
                Value::Date(m.joined),
                Value::Date(m.full_date),
                Value::Text(m.category.label().into()),
                Value::Text(m.position_shown()),
                Value::Text(m.phone.clone()),
                Value::Text(m.address.clone()),
                Value::Text(m.note.clone()),
            ];
            for (col, value) in values.into_iter().enumerate() {
                let col = col as u16;
                match value {
                    Value::Text(s) if s.is_empty() => {}
                    Value::Text(s) => {
                        sheet
                            .write_string_with_format(row, col, &s, &text)
                            .map_err(xlsx_error)?;
                    }
                    Value::Date(None) => {}
                    Value::Date(Some(d)) => {
                        sheet
                            .write_date_with_format(row, col, d, &date)
                            .map_err(xlsx_error)?;
                    }
                }
            }
        }
        book.save_to_buffer().map_err(xlsx_error)
    }
}

impl Store {
    /// The dues ledger of a year as .xlsx: the ledger columns, then one column per month.
    pub fn dues_xlsx(&self, year: i32, today: chrono::NaiveDate) -> Result<Vec<u8>> {
        let ledger = self.dues_year(year, today)?;
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        sheet
            .set_name(format!("{year}年党费"))
            .map_err(xlsx_error)?;
        let head = Format::new().set_bold().set_align(FormatAlign::Center);
        let money = Format::new().set_num_format("0.00");
        let mut headers: Vec<(String, f64)> = [
            ("序号", 6.0),
            ("姓名", 10.0),
            ("月工资收入", 12.0),
            ("执行标准", 10.0),
            ("月应缴", 9.0),
            ("全年应缴", 10.0),
            ("全年实缴", 10.0),
            ("备注", 16.0),
        ]
        .iter()
        .map(|(t, w)| (t.to_string(), *w))
        .collect();
        headers.extend((1..=12).map(|m| (format!("{m}月"), 7.0)));
        for (c, (title, width)) in headers.iter().enumerate() {
            sheet
                .write_string_with_format(0, c as u16, title, &head)
                .map_err(xlsx_error)?;
            sheet
                .set_column_width(c as u16, *width)
                .map_err(xlsx_error)?;
        }
        sheet.set_freeze_panes(1, 2).map_err(xlsx_error)?;
        let yuan = |fen: i64| fen as f64 / 100.0;
        for (i, r) in ledger.rows.iter().enumerate() {
            let row = i as u32 + 1;
            let b = r.basis.as_ref();
            sheet
                .write_number(row, 0, (i + 1) as f64)
                .map_err(xlsx_error)?;
            sheet.write_string(row, 1, &r.name).map_err(xlsx_error)?;
            if let Some(income) = b.and_then(|b| b.income_fen) {
                sheet
                    .write_number_with_format(row, 2, yuan(income), &money)
                    .map_err(xlsx_error)?;
            }
            if let Some(b) = b {
                sheet.write_string(row, 3, &b.rule).map_err(xlsx_error)?;
                sheet
                    .write_number_with_format(row, 4, yuan(b.monthly_fen()), &money)
                    .map_err(xlsx_error)?;
            }
            sheet
                .write_number_with_format(row, 5, yuan(r.due_fen), &money)
                .map_err(xlsx_error)?;
            sheet
                .write_number_with_format(row, 6, yuan(r.paid_fen), &money)
                .map_err(xlsx_error)?;
            if r.unpaid_months > 0 {
                sheet
                    .write_string(row, 7, format!("欠缴{}个月", r.unpaid_months))
                    .map_err(xlsx_error)?;
            }
            for m in &r.months {
                let c = 7 + m.month as u16;
                match m.paid_fen {
                    Some(fen) => sheet
                        .write_number_with_format(row, c, yuan(fen), &money)
                        .map(|_| ()),
                    None if m.due => Ok(()),
                    None => sheet.write_string(row, c, "—").map(|_| ()),
                }
                .map_err(xlsx_error)?;
            }
        }
        let total = ledger.rows.len() as u32 + 1;
        sheet
            .write_string_with_format(total, 1, "合计", &head)
            .map_err(xlsx_error)?;
        sheet
            .write_number_with_format(total, 5, yuan(ledger.due_fen), &money)
            .map_err(xlsx_error)?;
        sheet
            .write_number_with_format(total, 6, yuan(ledger.paid_fen), &money)
            .map_err(xlsx_error)?;
        book.save_to_buffer().map_err(xlsx_error)
    }
}

impl Store {
    /// The year-end 党内统计 as .xlsx: one sheet, each table under its title, with the share
    /// of the members as a number the committee's own sheets can sum.
    pub fn statistics_xlsx(&self, year: i32, today: chrono::NaiveDate) -> Result<Vec<u8>> {
        let stats = self.statistics(year, today)?;
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        sheet
            .set_name(format!("{year}年党内统计"))
            .map_err(xlsx_error)?;
        let bold = Format::new().set_bold();
        let head = Format::new().set_bold().set_align(FormatAlign::Center);
        let percent = Format::new().set_num_format("0.0%");
        sheet.set_column_width(0, 30.0).map_err(xlsx_error)?;
        sheet.set_column_width(1, 10.0).map_err(xlsx_error)?;
        sheet.set_column_width(2, 12.0).map_err(xlsx_error)?;
        sheet
            .write_string_with_format(0, 0, format!("{year}年度党内统计表"), &bold)
            .map_err(xlsx_error)?;
        sheet
            .write_string(1, 0, format!("党组织名称：{}", stats.branch))
            .map_err(xlsx_error)?;
        sheet
            .write_string(
                2,
                0,
                format!("统计截止日期：{}", crate::dates::format_cn(stats.as_of)),
            )
            .map_err(xlsx_error)?;
        let mut row = 4;
        for t in &stats.tables {
            sheet
                .write_string_with_format(row, 0, &t.title, &bold)
                .map_err(xlsx_error)?;
            row += 1;
            let mut titles = vec!["项目", "人数"];
            if t.shares {
                titles.push("占党员总数");
            }
            for (c, title) in titles.iter().enumerate() {
                sheet
                    .write_string_with_format(row, c as u16, *title, &head)
                    .map_err(xlsx_error)?;
            }
            row += 1;
            for r in &t.rows {
                sheet.write_string(row, 0, &r.label).map_err(xlsx_error)?;
                sheet
                    .write_number(row, 1, f64::from(r.count))
                    .map_err(xlsx_error)?;
                if t.shares && stats.members > 0 {
                    sheet
                        .write_number_with_format(
                            row,
                            2,
                            f64::from(r.count) / f64::from(stats.members),
                            &percent,
                        )
                        .map_err(xlsx_error)?;
                }
                row += 1;
            }
            row += 1;
        }
        book.save_to_buffer().map_err(xlsx_error)
    }
}
