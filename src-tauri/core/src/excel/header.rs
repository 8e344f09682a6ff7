//! Finding the header of a roster and what each column holds. The header is wherever the
//! first rows name 姓名 and other known columns; it may span two rows, with group headings
//! (基本信息, 入党情况) merged across the names beneath them.
use super::workbook::{cell_text, Grid, Merge};

/// The roster fields a column can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Field {
    Name,
    Sex,
    Ethnicity,
    NativePlace,
    BirthDate,
    IdNumber,
    Education,
    WorkStarted,
    Joined,
    FullDate,
    Category,
    Position,
    Phone,
    Address,
    Note,
}

/// Header texts as they appear in rosters people keep (after removing spaces, stars and
/// parenthesized remarks), for each field.
const HEADERS: &[(Field, &[&str])] = &[
    (Field::Name, &["姓名", "党员姓名", "名字"]),
    (Field::Sex, &["性别"]),
    (Field::Ethnicity, &["民族"]),
    (Field::NativePlace, &["籍贯"]),
    (
        Field::BirthDate,
        &["出生年月", "出生日期", "出生时间", "出生年月日", "生日"],
    ),
    (
        Field::IdNumber,
        &[
            "身份证号",
            "身份证号码",
            "公民身份号码",
            "公民身份证号码",
            "身份证",
            "证件号码",
        ],
    ),
    (
        Field::Education,
        &["学历", "文化程度", "学历学位", "最高学历"],
    ),
    (
        Field::WorkStarted,
        &["参加工作时间", "参加工作日期", "工作时间"],
    ),
    (
        Field::Joined,
        &["入党时间", "入党日期", "入党年月", "入党年月日"],
    ),
    (Field::FullDate, &["转正时间", "转正日期", "转正年月"]),
    (
        Field::Category,
        &[
            "人员类别",
            "党员类别",
            "类别",
            "党员类型",
            "人员类型",
            "身份",
        ],
    ),
    (
        Field::Position,
        &[
            "工作岗位",
            "职务",
            "岗位",
            "工作单位及职务",
            "单位职务",
            "工作岗位及职务",
        ],
    ),
    (
        Field::Phone,
        &["联系电话", "手机", "手机号", "手机号码", "电话", "联系方式"],
    ),
    (
        Field::Address,
        &["家庭住址", "住址", "现居住地", "家庭地址", "居住地址"],
    ),
    (Field::Note, &["备注"]),
];

impl Field {
    pub(super) fn label(self) -> &'static str {
        match self {
            Field::Name => "姓名",
            Field::Sex => "性别",
            Field::Ethnicity => "民族",
            Field::NativePlace => "籍贯",
            Field::BirthDate => "出生日期",
            Field::IdNumber => "公民身份号码",
            Field::Education => "学历",
            Field::WorkStarted => "参加工作日期",
            Field::Joined => "入党日期",
            Field::FullDate => "转正日期",
            Field::Category => "人员类别",
            Field::Position => "工作岗位",
            Field::Phone => "联系电话",
            Field::Address => "家庭住址",
            Field::Note => "备注",
        }
    }

    pub(super) fn is_date(self) -> bool {
        matches!(
            self,
            Field::BirthDate | Field::WorkStarted | Field::Joined | Field::FullDate
        )
    }
}

/// "身份证号码（18位）*" → "身份证号码"
pub(super) fn normalize_header(text: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in text.chars() {
        match c {
            '(' | '（' | '[' | '【' => depth += 1,
            ')' | '）' | ']' | '】' => depth = (depth - 1).max(0),
            _ if depth > 0 => {}
            c if c.is_whitespace() || "*＊:：".contains(c) => {}
            c => out.push(c),
        }
    }
    out
}

fn field_of(header: &str) -> Option<Field> {
    let h = normalize_header(header);
    HEADERS
        .iter()
        .find(|(_, names)| names.contains(&h.as_str()))
        .map(|(f, _)| *f)
}

/// The header rows are searched for within the first rows of a sheet.
const HEADER_ROWS: usize = 20;

/// The header as understood: the lowest header row names each column.
pub(super) struct Header {
    /// The index in the grid of the lowest header row; people are listed below it.
    pub(super) last: usize,
    /// Each column's name as the sheet gives it ("" where it has none).
    pub(super) titles: Vec<String>,
    pub(super) fields: Vec<Option<Field>>,
}

fn fields_of(titles: &[String]) -> Vec<Option<Field>> {
    titles.iter().map(|t| field_of(t)).collect()
}

/// A header names 姓名 and at least one more known column.
fn names_enough(fields: &[Option<Field>]) -> bool {
    fields.contains(&Some(Field::Name)) && fields.iter().flatten().count() >= 2
}

fn merge_at(merges: &[Merge], row: usize, col: usize) -> Option<&Merge> {
    merges
        .iter()
        .find(|m| (m.top..=m.bottom).contains(&row) && (m.left..=m.right).contains(&col))
}

/// Where the header is: within the first 20 rows, the first row naming 姓名 and at least one
/// more known column (title rows and merged cells above it are skipped), together with a row
/// beneath it that names more columns (a two-row header). A name merged down over both rows
/// (姓名 spanning rows 2–3) counts in each; a heading merged across several columns only
/// groups them and names none.
pub(super) fn find_header(grid: &Grid) -> Option<Header> {
    // One row more than searched: the second row of a header found on the last one.
    let window = grid.rows.len().min(HEADER_ROWS + 1);
    let merges: Vec<Merge> = grid
        .merges
        .iter()
        .filter(|m| m.top < window)
        .copied()
        .collect();
    let own: Vec<Vec<String>> = grid.rows[..window]
        .iter()
        .map(|r| r.iter().map(cell_text).collect())
        .collect();
    let width = own.iter().map(Vec::len).max().unwrap_or(0);
    // Each row's texts with the text of a cell merged down from above repeated in it.
    let texts: Vec<Vec<String>> = (0..window)
        .map(|row| {
            (0..width)
                .map(|col| {
                    let text = own[row].get(col).cloned().unwrap_or_default();
                    if !text.is_empty() {
                        return text;
                    }
                    match merge_at(&merges, row, col) {
                        Some(m) if m.left == col && m.top < row => {
                            own[m.top].get(col).cloned().unwrap_or_default()
                        }
                        _ => String::new(),
                    }
                })
                .collect()
        })
        .collect();
    let first = (0..window.min(HEADER_ROWS)).find(|&i| names_enough(&fields_of(&texts[i])))?;
    let mut last = first;
    let mut titles = texts[first].clone();
    while let Some(below) = texts.get(last + 1) {
        // The row beneath continues the header only if its own cells are mostly column names:
        // a person's row names none.
        let written: Vec<&String> = own[last + 1].iter().filter(|t| !t.is_empty()).collect();
        let known = written.iter().filter(|t| field_of(t).is_some()).count();
        if known == 0 || known * 2 < written.len() {
            break;
        }
        // Where the lower row is blank, the text above names the column unless it is a
        // heading merged across several columns.
        let joined: Vec<String> = below
            .iter()
            .zip(&titles)
            .enumerate()
            .map(|(col, (lower, upper))| {
                let groups = |m: &Merge| m.right > m.left;
                if !lower.is_empty() {
                    lower.clone()
                } else if merge_at(&merges, last, col).is_some_and(groups) {
                    String::new()
                } else {
                    upper.clone()
                }
            })
            .collect();
        if !names_enough(&fields_of(&joined)) {
            break;
        }
        titles = joined;
        last += 1;
    }
    while titles.last().is_some_and(String::is_empty) {
        titles.pop();
    }
    let fields = fields_of(&titles);
    Some(Header {
        last,
        titles,
        fields,
    })
}
