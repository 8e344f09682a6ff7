//! Just enough of the CFF format (Adobe TN #5176) to read a CID font's charset — which CID each
//! glyph carries — and to give a font program another one. Every read is bounds-checked: a
//! program we cannot read is left alone, never a reason to fail a print.

/// A big-endian unsigned number of `n` bytes at `at`.
fn uint(data: &[u8], at: usize, n: usize) -> Option<usize> {
    let bytes = data.get(at..at.checked_add(n)?)?;
    Some(bytes.iter().fold(0, |v, b| (v << 8) | usize::from(*b)))
}

/// An INDEX at `at`: the byte ranges of its entries and where it ends.
fn index(data: &[u8], at: usize) -> Option<(Vec<std::ops::Range<usize>>, usize)> {
    let count = uint(data, at, 2)?;
    if count == 0 {
        return Some((Vec::new(), at + 2));
    }
    let size = uint(data, at + 2, 1)?;
    if !(1..=4).contains(&size) {
        return None;
    }
    let offsets_at = at + 3;
    // Offsets count from the byte before the data.
    let base = offsets_at + (count + 1) * size - 1;
    let offset = |i: usize| uint(data, offsets_at + i * size, size).map(|o| base + o);
    let mut entries = Vec::with_capacity(count);
    for i in 0..count {
        let (start, end) = (offset(i)?, offset(i + 1)?);
        if start > end || end > data.len() {
            return None;
        }
        entries.push(start..end);
    }
    Some((entries, offset(count)?))
}

/// One operator of a DICT with its operands: each operand's value (integers only; a real is
/// read as 0) and the byte range it takes.
struct Entry {
    op: u16,
    operands: Vec<(i64, std::ops::Range<usize>)>,
}

fn dict(data: &[u8], range: std::ops::Range<usize>) -> Option<Vec<Entry>> {
    let mut entries = Vec::new();
    let mut operands = Vec::new();
    let mut i = range.start;
    while i < range.end {
        let b0 = *data.get(i)?;
        let start = i;
        let value = match b0 {
            0..=21 => {
                let op = if b0 == 12 {
                    i += 1;
                    1200 + u16::from(*data.get(i)?)
                } else {
                    u16::from(b0)
                };
                i += 1;
                entries.push(Entry {
                    op,
                    operands: std::mem::take(&mut operands),
                });
                continue;
            }
            28 => {
                i += 3;
                i64::from(uint(data, start + 1, 2)? as u16 as i16)
            }
            29 => {
                i += 5;
                i64::from(uint(data, start + 1, 4)? as u32 as i32)
            }
            30 => {
                // A real: nibbles up to one of 0xf.
                i += 1;
                loop {
                    let b = *data.get(i)?;
                    i += 1;
                    if b & 0x0f == 0x0f || b >> 4 == 0x0f {
                        break;
                    }
                }
                0
            }
            32..=246 => {
                i += 1;
                i64::from(b0) - 139
            }
            247..=250 => {
                i += 2;
                (i64::from(b0) - 247) * 256 + i64::from(*data.get(start + 1)?) + 108
            }
            251..=254 => {
                i += 2;
                -(i64::from(b0) - 251) * 256 - i64::from(*data.get(start + 1)?) - 108
            }
            _ => return None,
        };
        operands.push((value, start..i));
    }
    Some(entries)
}

/// The Top DICT's entries and its byte range.
fn top_dict(cff: &[u8]) -> Option<Vec<Entry>> {
    let header = uint(cff, 2, 1)?;
    let (_, names_end) = index(cff, header)?;
    let (tops, _) = index(cff, names_end)?;
    dict(cff, tops.first()?.clone())
}

fn operand(entries: &[Entry], op: u16) -> Option<&(i64, std::ops::Range<usize>)> {
    entries.iter().find(|e| e.op == op)?.operands.last()
}

const CHARSET: u16 = 15;
const CHAR_STRINGS: u16 = 17;
/// ROS: only a CID-keyed font has one.
const ROS: u16 = 1230;

/// The CID of each glyph of a CID-keyed font program (glyph 0, .notdef, has CID 0); `None`
/// for a font that is not CID-keyed or cannot be read.
pub(super) fn cids(cff: &[u8]) -> Option<Vec<u16>> {
    let top = top_dict(cff)?;
    top.iter().find(|e| e.op == ROS)?;
    let glyphs = uint(
        cff,
        usize::try_from(operand(&top, CHAR_STRINGS)?.0).ok()?,
        2,
    )?;
    let mut at = usize::try_from(operand(&top, CHARSET)?.0).ok()?;
    let format = *cff.get(at)?;
    at += 1;
    let mut cids = vec![0u16];
    while cids.len() < glyphs {
        match format {
            0 => {
                cids.push(uint(cff, at, 2)? as u16);
                at += 2;
            }
            1 | 2 => {
                let first = uint(cff, at, 2)?;
                let left = uint(cff, at + 2, if format == 1 { 1 } else { 2 })?;
                at += if format == 1 { 3 } else { 4 };
                for k in 0..=left {
                    cids.push(u16::try_from(first + k).ok()?);
                }
            }
            _ => return None,
        }
    }
    cids.truncate(glyphs);
    Some(cids)
}

/// `cff` with its charset replaced by one that gives glyph `i` the CID `cids[i]`: the new
/// charset goes at the end and the Top DICT's offset to it is rewritten in place, which needs
/// that offset written in five bytes (as the `subsetter` crate writes every offset).
pub(super) fn with_cids(cff: &[u8], cids: &[u16]) -> Option<Vec<u8>> {
    let top = top_dict(cff)?;
    let glyphs = uint(
        cff,
        usize::try_from(operand(&top, CHAR_STRINGS)?.0).ok()?,
        2,
    )?;
    if glyphs != cids.len() {
        return None;
    }
    let (_, at) = operand(&top, CHARSET)?;
    if at.len() != 5 || cff.get(at.start) != Some(&29) {
        return None;
    }
    let mut out = cff.to_vec();
    let offset = u32::try_from(out.len()).ok()?;
    out[at.start + 1..at.end].copy_from_slice(&offset.to_be_bytes());
    out.push(0);
    for cid in &cids[1..] {
        out.extend_from_slice(&cid.to_be_bytes());
    }
    Some(out)
}

/// How many global subroutines the program has (none once desubroutinized).
#[cfg(test)]
pub(super) fn global_subrs(cff: &[u8]) -> Option<usize> {
    let header = uint(cff, 2, 1)?;
    let (_, names_end) = index(cff, header)?;
    let (_, tops_end) = index(cff, names_end)?;
    let (_, strings_end) = index(cff, tops_end)?;
    Some(index(cff, strings_end)?.0.len())
}

/// The bytes of a table of an OpenType font (`tag` such as `b"CFF "`).
pub(super) fn sfnt_table<'a>(font: &'a [u8], tag: &[u8; 4]) -> Option<&'a [u8]> {
    let tables = uint(font, 4, 2)?;
    (0..tables).find_map(|i| {
        let rec = 12 + 16 * i;
        if font.get(rec..rec + 4)? != tag {
            return None;
        }
        let (offset, len) = (uint(font, rec + 8, 4)?, uint(font, rec + 12, 4)?);
        font.get(offset..offset.checked_add(len)?)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A minimal CID-keyed CFF: header, a name, a Top DICT with ROS, charset and CharStrings
    /// (offsets in five bytes), no strings or subroutines, a format 2 charset and three glyphs.
    fn font() -> Vec<u8> {
        let mut top = Vec::new();
        // ROS: 0 0 0 (SIDs and a supplement, values unused here).
        top.extend_from_slice(&[139, 139, 139, 12, 30]);
        let charset_at = top.len();
        top.extend_from_slice(&[29, 0, 0, 0, 0, 15]);
        let char_strings_at = top.len();
        top.extend_from_slice(&[29, 0, 0, 0, 0, 17]);
        let mut cff = vec![1, 0, 4, 4];
        // Name INDEX with "F".
        cff.extend_from_slice(&[0, 1, 1, 1, 2, b'F']);
        // Top DICT INDEX.
        cff.extend_from_slice(&[0, 1, 1, 1, top.len() as u8 + 1]);
        let top_start = cff.len();
        cff.extend_from_slice(&top);
        // String INDEX and Global Subr INDEX, empty.
        cff.extend_from_slice(&[0, 0, 0, 0]);
        let charset = cff.len() as u32;
        // Format 2: glyphs 1 and 2 are CIDs 7 and 8.
        cff.extend_from_slice(&[2, 0, 7, 0, 1]);
        let char_strings = cff.len() as u32;
        // Three one-byte charstrings (endchar).
        cff.extend_from_slice(&[0, 3, 1, 1, 2, 3, 4, 14, 14, 14]);
        cff[top_start + charset_at + 1..top_start + charset_at + 5]
            .copy_from_slice(&charset.to_be_bytes());
        cff[top_start + char_strings_at + 1..top_start + char_strings_at + 5]
            .copy_from_slice(&char_strings.to_be_bytes());
        cff
    }

    #[test]
    fn a_charset_is_read_and_replaced() {
        let cff = font();
        assert_eq!(cids(&cff), Some(vec![0, 7, 8]));
        let renumbered = with_cids(&cff, &[0, 1397, 9481]).expect("rewritten");
        assert_eq!(cids(&renumbered), Some(vec![0, 1397, 9481]));
        // The glyphs' programs are where they were.
        let n = cff.len();
        assert_eq!(&renumbered[n - 10..n], &cff[n - 10..]);
        assert_eq!(with_cids(&cff, &[0, 1]), None, "a glyph count that differs");
    }

    #[test]
    fn what_cannot_be_read_is_none() {
        assert_eq!(cids(&[]), None);
        assert_eq!(cids(&[1, 0, 4, 4, 0, 9]), None);
        let mut cut = font();
        cut.truncate(30);
        assert_eq!(cids(&cut), None);
    }
}
