//! Importing rosters from Excel workbooks in the layouts secretaries have (fixtures made by
//! tools/gen-import-fixtures.py), and exporting the roster back to .xlsx.
mod common;

use common::{full_member, store, today};
use zhibu_core::excel::{ImportReport, RowStatus};
use zhibu_core::member::Category;
use zhibu_core::roster::RosterQuery;
use zhibu_core::ErrorKind;

fn fixture(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/import")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn row<'a>(r: &'a ImportReport, name: &str) -> &'a zhibu_core::excel::ImportRow {
    r.rows
        .iter()
        .find(|x| x.name == name)
        .unwrap_or_else(|| panic!("no row {name} in {:?}", r.rows))
}

#[test]
fn the_official_roster_is_read_past_its_title_with_every_date_form() {
    let s = store();
    let r = s
        .preview_import(&fixture("roster-official.xlsx"), today())
        .expect("preview");
    assert_eq!(r.sheet, "党员花名册");
    assert_eq!(r.header_row, 3, "title and note rows skipped");
    assert!(r
        .columns
        .iter()
        .any(|c| c.header == "公民身份号码" && c.field.as_deref() == Some("公民身份号码")));
    let sequence = r.columns.iter().find(|c| c.header == "序号").expect("序号");
    assert_eq!(sequence.field, None, "序号 is left out");
    // Six people, the blank row passed over.
    assert_eq!(r.rows.len(), 6);
    assert_eq!(r.imported, 0, "a preview writes nothing");
    assert!(s.all_members().expect("m").is_empty());

    let zhao = row(&r, "赵立新");
    assert_eq!(zhao.status, RowStatus::Ready, "{:?}", zhao.problems);
    assert_eq!(zhao.joined.as_deref(), Some("1995-07-01"), "a date cell");
    assert_eq!(zhao.row, 4);
    let qian = row(&r, "钱慧敏");
    assert_eq!(qian.status, RowStatus::Ready, "{:?}", qian.problems);
    assert_eq!(qian.joined.as_deref(), Some("2010-06-28"), "text 2010-6-28");
    let sun = row(&r, "孙浩然");
    assert_eq!(sun.status, RowStatus::Ready, "{:?}", sun.problems);
    assert_eq!(
        sun.joined.as_deref(),
        Some("2015-07-01"),
        "the number 2015.07"
    );
    assert_eq!(sun.category, Some(Category::Full), "“正式”");
    let li = row(&r, "李䶮");
    assert_eq!(li.category, Some(Category::Probationary));
    assert_eq!(li.status, RowStatus::Ready, "{:?}", li.problems);
    let wu = row(&r, "吴积极");
    assert_eq!(wu.category, Some(Category::Activist));
    assert_eq!(wu.status, RowStatus::Ready, "{:?}", wu.problems);
    let zhou = row(&r, "周敏");
    assert_eq!(zhou.status, RowStatus::Invalid);
    assert!(
        zhou.problems.iter().any(|p| p.contains("校验位")),
        "{:?}",
        zhou.problems
    );
    assert_eq!(
        zhou.row, 9,
        "the row number Excel shows, after the blank row"
    );
}

#[test]
fn importing_adds_the_good_rows_at_once_and_again_adds_nobody() {
    let mut s = store();
    let bytes = fixture("roster-official.xlsx");
    let r = s.import_roster(&bytes, today()).expect("import");
    assert_eq!(r.imported, 5);
    assert_eq!(r.skipped, 1);
    let roster = s.roster(&RosterQuery::default()).expect("roster");
    let names: Vec<&str> = roster.iter().map(|m| m.name.as_str()).collect();
    assert!(names.contains(&"李䶮") && names.contains(&"钱慧敏"));
    assert!(!names.contains(&"周敏"));
    let qian = roster.iter().find(|m| m.name == "钱慧敏").expect("钱");
    assert_eq!(qian.phone, "13800000002", "a phone typed as a number");
    assert_eq!(qian.education, "硕士研究生");
    assert_eq!(
        qian.birth_date.to_string(),
        "1985-03-01",
        "from the ID number"
    );

    let again = s.import_roster(&bytes, today()).expect("again");
    assert_eq!(again.imported, 0);
    assert!(again
        .rows
        .iter()
        .filter(|r| r.name != "周敏")
        .all(|r| r.status == RowStatus::Duplicate));
    assert_eq!(s.all_members().expect("m").len(), 5, "nobody twice");
}

#[test]
fn a_home_made_list_with_other_column_names_is_understood() {
    let mut s = store();
    s.add_member(
        &full_member("郑红梅", "1972-08-15", 82, "1998-07-01"),
        today(),
    )
    .expect("already on the roster");
    let r = s
        .preview_import(&fixture("roster-homemade.xlsx"), today())
        .expect("preview");
    assert_eq!(r.header_row, 1);
    for (header, field) in [
        ("姓  名", "姓名"),
        ("身份证号码（18位）*", "公民身份号码"),
        ("文化程度", "学历"),
        ("手机", "联系电话"),
    ] {
        let c = r
            .columns
            .iter()
            .find(|c| c.header == header)
            .unwrap_or_else(|| panic!("{header}"));
        assert_eq!(c.field.as_deref(), Some(field));
    }
    assert_eq!(row(&r, "郑红梅").status, RowStatus::Duplicate);
    let wang = row(&r, "王小川");
    assert_eq!(wang.status, RowStatus::Invalid);
    assert!(
        wang.problems[0].contains("存成了数字"),
        "{:?}",
        wang.problems
    );
    let feng: Vec<_> = r.rows.iter().filter(|x| x.name == "冯卫国").collect();
    assert_eq!(feng[0].status, RowStatus::Ready);
    assert_eq!(
        feng[0].category,
        Some(Category::Full),
        "inferred from 入党日期"
    );
    assert_eq!(feng[1].status, RowStatus::Duplicate);
    assert!(feng[1].problems[0].contains(&format!("第{}行", feng[0].row)));
}

#[test]
fn the_old_xls_format_is_read() {
    let mut s = store();
    let r = s
        .import_roster(&fixture("roster-old.xls"), today())
        .expect("import");
    assert_eq!(r.imported, 2, "{:?}", r.rows);
    let chen = s
        .all_members()
        .expect("m")
        .into_iter()
        .find(|m| m.name == "陈晓东")
        .expect("陈");
    assert_eq!(
        chen.joined.map(|d| d.to_string()).as_deref(),
        Some("2000-07-01")
    );
}

#[test]
fn bad_files_get_a_clear_message_and_nothing_is_written() {
    let mut s = store();
    for (name, expected) in [
        ("password.xlsx", "设置了打开密码"),
        ("not-excel.xlsx", "不是有效的Excel工作簿"),
        ("empty.xlsx", "没有内容"),
        // An .xls whose code-page record is empty: calamine panics reading it (found by the
        // coverage-guided fuzzer in CI); the importer catches that and says the file is damaged.
        ("fuzz/xls-empty-codepage.xls", "内容已损坏"),
    ] {
        let e = s
            .import_roster(&fixture(name), today())
            .err()
            .unwrap_or_else(|| panic!("{name} accepted"));
        assert_eq!(e.kind, ErrorKind::Invalid);
        assert!(e.message.contains(expected), "{name}: {}", e.message);
    }
    let e = s
        .import_roster(b"just some text", today())
        .err()
        .expect("text");
    assert!(e.message.contains("不是有效的Excel工作簿"));
    assert!(s.all_members().expect("m").is_empty());
}

/// A workbook written by our own export, read back by our own import.
#[test]
fn the_exported_roster_imports_back_unchanged() {
    let mut s = store();
    s.import_roster(&fixture("roster-official.xlsx"), today())
        .expect("import");
    // One of them retired, with no post: the export writes 离退休 as the post, the import
    // reads it back as the status (the post stays empty).
    let first = s.all_members().expect("m").remove(0);
    let mut input = first.to_input();
    input.retired = true;
    input.position = String::new();
    s.update_member(first.id, &input, today()).expect("retired");
    let xlsx = s.roster_xlsx().expect("export");
    let mut other = store();
    let r = other.import_roster(&xlsx, today()).expect("re-import");
    assert_eq!(r.imported, 5, "{:?}", r.rows);
    let key = |s: &zhibu_core::Store| {
        let mut v: Vec<_> = s
            .all_members()
            .expect("m")
            .into_iter()
            .map(|m| {
                (
                    m.name,
                    m.id_number,
                    m.category,
                    m.joined,
                    m.full_date,
                    m.phone,
                    m.position,
                    m.retired,
                )
            })
            .collect();
        v.sort();
        v
    };
    assert_eq!(key(&s), key(&other));
}

/// Ten thousand rows: read, checked and imported in one transaction.
#[test]
fn ten_thousand_rows_import() {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["姓名", "身份证号", "入党时间"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).expect("header");
    }
    for i in 0..10_000u32 {
        let birth = format!("19{:02}-{:02}-{:02}", 50 + i % 40, 1 + i % 12, 1 + i % 28);
        let id = common::id_for(&birth, i % 1000);
        let name: String = format!("压{}", i)
            .chars()
            .map(|c| match c.to_digit(10) {
                Some(d) => "零一二三四五六七八九".chars().nth(d as usize).unwrap_or(c),
                None => c,
            })
            .collect();
        sheet.write_string(i + 1, 0, &name).expect("name");
        sheet.write_string(i + 1, 1, &id).expect("id");
        sheet.write_string(i + 1, 2, "2010.07").expect("joined");
    }
    let bytes = book.save_to_buffer().expect("xlsx");
    let mut s = store();
    let r = s.import_roster(&bytes, today()).expect("import");
    let dup = r
        .rows
        .iter()
        .filter(|r| r.status == RowStatus::Duplicate)
        .count();
    assert_eq!(r.rows.len(), 10_000);
    // Birth dates repeat every 40×12×28 combinations; (birth, seq) pairs repeat too.
    assert_eq!(r.imported as usize + dup, 10_000, "no row refused");
    assert_eq!(s.all_members().expect("m").len(), r.imported as usize);
}

/// Inputs the fuzzer found that once crashed the importer, kept as regressions.
#[test]
fn workbooks_the_fuzzer_found_are_read_without_a_crash() {
    let s = store();
    // An ID cell of 18 characters with Chinese in it: a byte slice split a character.
    let r = s
        .preview_import(&fixture("fuzz/xlsx-chinese-in-id.xlsx"), today())
        .expect("read");
    assert!(r
        .rows
        .iter()
        .any(|row| row.problems.iter().any(|p| p.contains("只能由数字和X组成"))));
}

/// Older Mac Excel counts date serials from 1904-01-01; the dates must arrive as typed, not
/// four years and a day early.
#[test]
fn a_workbook_in_the_1904_date_system_gives_the_dates_typed() {
    for file in ["roster-1904.xlsx", "roster-1904.xls"] {
        let mut s = store();
        let r = s
            .preview_import(&fixture(file), today())
            .unwrap_or_else(|e| panic!("{file}: {}", e.message));
        for (name, joined) in [("蒋文华", "1992-07-01"), ("沈玉兰", "2003-12-26")] {
            let person = row(&r, name);
            assert_eq!(
                person.status,
                RowStatus::Ready,
                "{file} {name}: {:?}",
                person.problems
            );
            assert_eq!(person.joined.as_deref(), Some(joined), "{file} {name}");
        }
        let r = s.import_roster(&fixture(file), today()).expect("import");
        assert_eq!(r.imported, 2, "{file}");
        let shen = s
            .all_members()
            .expect("m")
            .into_iter()
            .find(|m| m.name == "沈玉兰")
            .expect("沈");
        assert_eq!(
            shen.full_date.map(|d| d.to_string()).as_deref(),
            Some("2004-12-26"),
            "{file}"
        );
    }
}

/// 基本信息 and 入党情况 merged over the names beneath them, 姓名 merged down both rows: the
/// lower row names the columns, the groups only group.
#[test]
fn a_two_row_header_with_merged_group_cells_maps_every_column() {
    let mut s = store();
    let bytes = fixture("roster-two-row-header.xlsx");
    let r = s.preview_import(&bytes, today()).expect("preview");
    assert_eq!(r.header_row, 3, "the lower header row");
    let headers: Vec<&str> = r.columns.iter().map(|c| c.header.as_str()).collect();
    assert_eq!(
        headers,
        [
            "姓名",
            "性别",
            "民族",
            "出生日期",
            "公民身份号码",
            "学历",
            "入党时间",
            "转正时间",
            "人员类别",
            "联系电话"
        ]
    );
    for c in &r.columns {
        assert!(c.field.is_some(), "{} is not mapped", c.header);
    }
    assert_eq!(r.rows.len(), 2, "{:?}", r.rows);
    let han = row(&r, "韩志强");
    assert_eq!(han.status, RowStatus::Ready, "{:?}", han.problems);
    assert_eq!(han.row, 4);
    assert_eq!(han.joined.as_deref(), Some("1994-06-30"));
    let yang = row(&r, "杨秀英");
    assert_eq!(yang.status, RowStatus::Ready, "{:?}", yang.problems);
    assert_eq!(yang.category, Some(Category::Probationary));

    let r = s.import_roster(&bytes, today()).expect("import");
    assert_eq!(r.imported, 2);
    let yang = s
        .all_members()
        .expect("m")
        .into_iter()
        .find(|m| m.name == "杨秀英")
        .expect("杨");
    assert_eq!(
        (yang.ethnicity.as_str(), yang.phone.as_str()),
        ("满族", "13700000002")
    );
}

/// The same with only 姓名 above the groups: the upper row alone is no header, the two
/// together are.
#[test]
fn a_two_row_header_whose_upper_row_holds_only_the_name_is_found() {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let plain = rust_xlsxwriter::Format::new();
    sheet.merge_range(0, 0, 1, 0, "姓名", &plain).expect("姓名");
    sheet
        .merge_range(0, 1, 0, 2, "证件信息", &plain)
        .expect("group");
    sheet.write_string(1, 1, "身份证号").expect("id");
    sheet.write_string(1, 2, "入党时间").expect("joined");
    sheet.write_string(2, 0, "魏明").expect("name");
    sheet
        .write_string(2, 1, common::id_for("1980-02-03", 11))
        .expect("id");
    sheet.write_string(2, 2, "2005.07").expect("joined");
    let bytes = book.save_to_buffer().expect("xlsx");
    let r = store().preview_import(&bytes, today()).expect("preview");
    assert_eq!(r.header_row, 2);
    assert!(
        r.columns.iter().all(|c| c.field.is_some()),
        "{:?}",
        r.columns
    );
    let wei = row(&r, "魏明");
    assert_eq!(wei.status, RowStatus::Ready, "{:?}", wei.problems);
    assert_eq!(wei.joined.as_deref(), Some("2005-07-01"));
}

/// A workbook written by a script holds formulas but not their results: those cells are not
/// read as empty but reported, naming the column and what to do.
#[test]
fn formulas_saved_without_their_results_are_a_problem_naming_the_column() {
    let mut s = store();
    let bytes = fixture("roster-formula-uncached.xlsx");
    let r = s.preview_import(&bytes, today()).expect("preview");
    assert_eq!(r.rows.len(), 2);
    for person in &r.rows {
        assert_eq!(person.status, RowStatus::Invalid, "{}", person.name);
        for column in ["“出生日期”", "“转正时间”"] {
            assert!(
                person.problems.iter().any(|p| p.contains(column)
                    && p.contains("请用 Excel 或 WPS 打开该文件并保存一次后再导入")),
                "{} {column}: {:?}",
                person.name,
                person.problems
            );
        }
        assert!(
            !person.problems.iter().any(|p| p.contains("序号")),
            "序号 is not imported, so its formula does not matter: {:?}",
            person.problems
        );
    }
    let r = s.import_roster(&bytes, today()).expect("import");
    assert_eq!(r.imported, 0);
    assert!(s.all_members().expect("m").is_empty());

    // Saved by a spreadsheet program, a formula carries its result, which is read.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["姓名", "身份证号", "入党时间"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).expect("header");
    }
    let id = common::id_for("1981-04-05", 31);
    sheet
        .write_formula(
            1,
            0,
            rust_xlsxwriter::Formula::new("=\"邓\"&\"刚\"").set_result("邓刚"),
        )
        .expect("name");
    sheet.write_string(1, 1, &id).expect("id");
    sheet.write_string(1, 2, "2006.07").expect("joined");
    let r = s
        .preview_import(&book.save_to_buffer().expect("xlsx"), today())
        .expect("preview");
    let deng = row(&r, "邓刚");
    assert_eq!(deng.status, RowStatus::Ready, "{:?}", deng.problems);
}

/// Without merging, a name above a blank cell still names its column; a heading merged
/// across several columns never does.
#[test]
fn a_two_row_header_without_merged_names_takes_them_from_the_row_above() {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "姓名").expect("姓名");
    sheet.write_string(0, 1, "身份证号").expect("id");
    sheet
        .merge_range(0, 2, 0, 4, "入党情况", &rust_xlsxwriter::Format::new())
        .expect("group");
    sheet.write_string(1, 2, "入党时间").expect("joined");
    sheet.write_string(1, 3, "转正时间").expect("full");
    sheet.write_string(2, 0, "孔亮").expect("name");
    sheet
        .write_string(2, 1, common::id_for("1977-09-10", 15))
        .expect("id");
    sheet.write_string(2, 2, "2001.07").expect("joined");
    sheet.write_string(2, 3, "2002.07").expect("full");
    sheet
        .write_string(2, 4, "无")
        .expect("under the group, unnamed");
    let bytes = book.save_to_buffer().expect("xlsx");
    let r = store().preview_import(&bytes, today()).expect("preview");
    assert_eq!(r.header_row, 2);
    let headers: Vec<&str> = r.columns.iter().map(|c| c.header.as_str()).collect();
    assert_eq!(headers, ["姓名", "身份证号", "入党时间", "转正时间"]);
    assert!(
        r.columns.iter().all(|c| c.field.is_some()),
        "{:?}",
        r.columns
    );
    assert_eq!(
        r.rows.len(),
        1,
        "the lower header row is no person: {:?}",
        r.rows
    );
    let kong = row(&r, "孔亮");
    assert_eq!(kong.status, RowStatus::Ready, "{:?}", kong.problems);
    assert_eq!(kong.joined.as_deref(), Some("2001-07-01"));
}
