//! Reading a workbook into plain grids of cells, defensively: .xls compound files are checked
//! and cleaned before calamine sees them, sizes are capped, and an encrypted or foreign file
//! gets a Chinese message rather than a crash.
use std::collections::HashSet;
use std::io::Cursor;

use calamine::{Data, DataRef, Dimensions, Reader};

use crate::error::{Error, ErrorKind, Result};

pub(super) fn bad_file(message: &str) -> Error {
    Error::new(ErrorKind::Invalid, message)
}

/// The signature of an OLE compound file: an .xls, or an encrypted .xlsx.
const OLE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// An .xls rebuilt as a fresh compound file holding only its workbook stream. calamine
/// follows the file's sector chains without checking them, and a chain that loops makes it
/// allocate until the process is killed (found by tests/fuzz_import.rs); the `cfb` crate
/// validates the structure first and hands over a clean copy.
fn clean_compound_file(bytes: &[u8]) -> Result<Vec<u8>> {
    use std::io::{Read, Write};
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(|_| unreadable())?;
    let name = ["/Workbook", "/Book"]
        .into_iter()
        .find(|n| file.is_stream(n))
        .ok_or_else(unreadable)?;
    let mut stream = file.open_stream(name).map_err(|_| unreadable())?;
    if stream.len() > bytes.len() as u64 {
        return Err(unreadable());
    }
    let mut workbook = Vec::new();
    stream
        .read_to_end(&mut workbook)
        .map_err(|_| unreadable())?;
    sanitize_biff(&mut workbook)?;
    // Version 3 (512-byte sectors), as Excel writes .xls; calamine refuses a version 4 file
    // whose root has no mini stream.
    let mut clean =
        cfb::CompoundFile::create_with_version(cfb::Version::V3, Cursor::new(Vec::new()))
            .map_err(|_| unreadable())?;
    clean
        .create_stream(name)
        .and_then(|mut s| s.write_all(&workbook))
        .map_err(|_| unreadable())?;
    clean.flush().map_err(|_| unreadable())?;
    Ok(clean.into_inner().into_inner())
}

/// calamine sizes its buffers from what an .xls claims: a DIMENSIONS record of billions of
/// rows made it request hundreds of gigabytes (found by the fuzzer), and a cell in a column
/// past the format's 256 would make its dense grid as large. The claimed dimensions are
/// cleared (only a hint: the cells say where they are), and a cell outside the format's
/// 256 columns means a damaged file.
fn sanitize_biff(stream: &mut [u8]) -> Result<()> {
    let mut at = 0;
    while at + 4 <= stream.len() {
        let kind = u16::from_le_bytes([stream[at], stream[at + 1]]);
        let len = u16::from_le_bytes([stream[at + 2], stream[at + 3]]) as usize;
        let data = at + 4;
        let end = (data + len).min(stream.len());
        let body = &mut stream[data..end];
        let column = |b: &[u8], i: usize| u16::from_le_bytes([b[i], b[i + 1]]);
        match kind {
            // DIMENSIONS
            0x0200 => body.fill(0),
            // Cells: row (2 bytes), then column (2 bytes).
            0x0006 | 0x00FD | 0x0201 | 0x0203 | 0x0204 | 0x0205 | 0x027E | 0x00D6
                if body.len() >= 4 && column(body, 2) > 0xFF =>
            {
                return Err(unreadable());
            }
            // MULRK, MULBLANK: row, first column, ..., last column (the last 2 bytes).
            0x00BD | 0x00BE
                if body.len() >= 6
                    && (column(body, 2) > 0xFF || column(body, body.len() - 2) > 0xFF) =>
            {
                return Err(unreadable());
            }
            _ => {}
        }
        at = data + len;
    }
    Ok(())
}

/// An .xlsx with an opening password is not a zip but an OLE compound file holding an
/// `EncryptionInfo` stream (MS-OFFCRYPTO); calamine reports it only as unreadable.
fn is_encrypted_ooxml(bytes: &[u8]) -> bool {
    let name: Vec<u8> = "EncryptionInfo"
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    bytes.starts_with(&OLE) && bytes.windows(name.len()).any(|w| w == name.as_slice())
}

/// A cell as text the way the secretary sees it (whole numbers without ".0").
pub(super) fn cell_text(c: &Data) -> String {
    match c {
        Data::String(s) => s.trim().to_string(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "是" } else { "否" }.into(),
        Data::DateTime(d) => d.as_f64().to_string(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(_) | Data::Empty => String::new(),
    }
}

/// A merged area of a sheet, in the grid's own row and column indexes (inclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Merge {
    pub(super) top: usize,
    pub(super) left: usize,
    pub(super) bottom: usize,
    pub(super) right: usize,
}

/// A sheet's cells, row by row, each row only as long as its last filled cell.
pub(super) struct Grid {
    /// The absolute (0-based) row of `rows[0]`.
    pub(super) start_row: u32,
    pub(super) rows: Vec<Vec<Data>>,
    /// Merged areas, which tell a group heading from a column's name.
    pub(super) merges: Vec<Merge>,
    /// Formula cells saved without their result (a file written by a script and never opened
    /// in Excel), as (row, column) indexes: read as empty, they would pass for blanks.
    pub(super) uncached: HashSet<(usize, usize)>,
    /// The workbook counts date serials from 1904-01-01 (older Mac Excel), not 1900.
    pub(super) dates_1904: bool,
}

/// Roster columns are all near the left; anything further right is not read.
const MAX_COLUMNS: u32 = 200;
/// More rows than any branch (or a whole street's organizations) has members.
const MAX_ROWS: u32 = 100_000;
/// More merged areas than any roster has; the rest are not read.
const MAX_MERGES: usize = 10_000;

impl Grid {
    fn from_range(range: &calamine::Range<Data>, merges: &[Dimensions], dates_1904: bool) -> Grid {
        let (start_row, start_col) = range.start().unwrap_or((0, 0));
        Grid {
            start_row,
            rows: range.rows().map(|r| r.to_vec()).collect(),
            merges: grid_merges(merges, start_row, start_col),
            uncached: HashSet::new(),
            dates_1904,
        }
    }

    /// Built from the cells actually present: a stray value far to the right or far down
    /// (common in hand-kept sheets) must not make a dense grid of billions of cells.
    fn from_cells(sheet: SheetCells, dates_1904: bool) -> Result<Grid> {
        let mut placed: Vec<(u32, u32, Data)> = Vec::new();
        let mut uncached: Vec<(u32, u32)> = Vec::new();
        let too_long = || bad_file("表格超过10万行，请先删去多余的行，或分成几个文件导入");
        for (row, col, value) in sheet.cells {
            if value == Data::Empty || col >= MAX_COLUMNS {
                continue;
            }
            if row >= MAX_ROWS {
                return Err(too_long());
            }
            placed.push((row, col, value));
        }
        for (row, col) in sheet.uncached {
            if col >= MAX_COLUMNS {
                continue;
            }
            if row >= MAX_ROWS {
                return Err(too_long());
            }
            uncached.push((row, col));
        }
        let used_rows = placed
            .iter()
            .map(|c| c.0)
            .chain(uncached.iter().map(|c| c.0));
        let start_row = used_rows.clone().min().unwrap_or(0);
        let end_row = used_rows.max();
        let mut rows: Vec<Vec<Data>> = match end_row {
            Some(end) => vec![Vec::new(); (end - start_row + 1) as usize],
            None => Vec::new(),
        };
        for (row, col, value) in placed {
            let r = &mut rows[(row - start_row) as usize];
            if r.len() <= col as usize {
                r.resize(col as usize + 1, Data::Empty);
            }
            r[col as usize] = value;
        }
        Ok(Grid {
            start_row,
            rows,
            merges: grid_merges(&sheet.merges, start_row, 0),
            uncached: uncached
                .into_iter()
                .map(|(row, col)| ((row - start_row) as usize, col as usize))
                .collect(),
            dates_1904,
        })
    }

    pub(super) fn is_empty(&self) -> bool {
        self.rows.iter().all(|r| r.is_empty()) && self.uncached.is_empty()
    }
}

/// Merged areas moved into a grid's indexes. One that starts above or left of the grid's
/// first cell has no text of its own to pass on, and is dropped.
fn grid_merges(merges: &[Dimensions], start_row: u32, start_col: u32) -> Vec<Merge> {
    merges
        .iter()
        .take(MAX_MERGES)
        .filter(|d| d.start.0 >= start_row && d.start.1 >= start_col)
        .filter(|d| d.end.0 >= d.start.0 && d.end.1 >= d.start.1)
        .map(|d| Merge {
            top: (d.start.0 - start_row) as usize,
            left: (d.start.1 - start_col) as usize,
            bottom: (d.end.0 - start_row) as usize,
            right: (d.end.1 - start_col) as usize,
        })
        .collect()
}

/// What an .xlsx sheet holds, read in one pass over its cells.
struct SheetCells {
    cells: Vec<(u32, u32, Data)>,
    uncached: Vec<(u32, u32)>,
    merges: Vec<Dimensions>,
}

/// The sheets of a workbook as grids. The parser is someone else's code reading whatever
/// file was picked: should it panic on a malformed file, that is reported as a damaged
/// file, not a crash.
pub(super) fn read_sheets(bytes: &[u8]) -> Result<Vec<(String, Grid)>> {
    std::panic::catch_unwind(|| parse_sheets(bytes)).unwrap_or_else(|_| {
        Err(bad_file(
            "无法读取这个文件：Excel工作簿的内容已损坏。请在Excel中打开并另存后重试",
        ))
    })
}

fn unreadable() -> Error {
    bad_file("无法读取这个文件：它不是有效的Excel工作簿（.xlsx 或 .xls），或已损坏")
}

fn parse_sheets(bytes: &[u8]) -> Result<Vec<(String, Grid)>> {
    use calamine::{XlsError, XlsxError};
    let password = || {
        bad_file(
            "这个Excel文件设置了打开密码。请在Excel中打开它，取消密码（文件—信息—保护工作簿）后另存，再导入",
        )
    };
    // .xlsx (a zip) is read cell by cell; .xls and the rest through calamine's ranges, which
    // their formats bound (an .xls sheet has at most 65,536 × 256 cells).
    // A zip is found from its end, so bytes before it (a damaged start) still make an .xlsx
    // to calamine: read such a file cell by cell too, never as a dense range (the
    // coverage-guided fuzzer found one claiming a sheet of 512 GB).
    let zip = bytes.starts_with(b"PK")
        || (!bytes.starts_with(&OLE) && calamine::Xlsx::new(Cursor::new(bytes)).is_ok());
    if zip {
        let mut book = calamine::Xlsx::new(Cursor::new(bytes)).map_err(|e| match e {
            XlsxError::Password => password(),
            _ => unreadable(),
        })?;
        let dates_1904 = book.has_1904_epoch();
        let mut sheets = Vec::new();
        for name in book.sheet_names() {
            let Ok(mut reader) = book.worksheet_cells_reader(&name) else {
                // A sheet that cannot be read (a chart sheet, say) is passed over.
                continue;
            };
            let mut sheet = SheetCells {
                cells: Vec::new(),
                uncached: Vec::new(),
                merges: Vec::new(),
            };
            loop {
                match reader.next_cell_with_formula_metadata() {
                    Ok(Some(cell)) => {
                        let (row, col) = cell.pos;
                        if cell.formula.is_some() && cell.value == DataRef::Empty {
                            sheet.uncached.push((row, col));
                        } else {
                            sheet.cells.push((row, col, Data::from(cell.value)));
                        }
                    }
                    Ok(None) => break,
                    Err(_) => return Err(unreadable()),
                }
            }
            drop(reader);
            // Merged areas only help to read a header; without them the sheet is still read.
            sheet.merges = book.merge_cells_by_sheet_name(&name).unwrap_or_default();
            sheets.push((name, Grid::from_cells(sheet, dates_1904)?));
        }
        return Ok(sheets);
    }
    if is_encrypted_ooxml(bytes) {
        return Err(password());
    }
    if bytes.starts_with(&OLE) {
        let clean = clean_compound_file(bytes)?;
        let mut book = calamine::Xls::new(Cursor::new(clean)).map_err(|e| match e {
            XlsError::Password => password(),
            _ => unreadable(),
        })?;
        let dates_1904 = book.has_1904_epoch();
        let mut sheets = Vec::new();
        for name in book.sheet_names() {
            // A sheet that cannot be read (a chart sheet, say) is passed over.
            if let Ok(range) = book.worksheet_range(&name) {
                let merges = book.merge_cells_by_sheet_name(&name).unwrap_or_default();
                sheets.push((name, Grid::from_range(&range, &merges, dates_1904)));
            }
        }
        return Ok(sheets);
    }
    // Anything else (.xlsb, .ods) would be read as dense ranges sized by what the file
    // claims; the roster is an .xlsx or an .xls.
    Err(unreadable())
}
