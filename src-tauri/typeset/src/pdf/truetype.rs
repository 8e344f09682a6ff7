//! A TrueType face cut down to the glyphs a printout draws, before printpdf sees it. printpdf's
//! subsetter (allsorts) reads a face's whole `glyf` table to subset it: for LXGW WenKai, the
//! 楷体 of the sub-headings, that was 15 of its 16 MB read on every print and most of the
//! print's peak memory. Here the glyphs used (and those their composites are built from) are
//! copied into a small font whose glyph ids, `cmap` and metrics are the face's own and whose
//! other glyphs are empty; printpdf then subsets that. Every read is bounds-checked; a face
//! that is not as expected is handed to printpdf whole, as before.
use std::collections::BTreeSet;

fn uint(data: &[u8], at: usize, n: usize) -> Option<u32> {
    let bytes = data.get(at..at.checked_add(n)?)?;
    Some(bytes.iter().fold(0, |v, b| (v << 8) | u32::from(*b)))
}

/// The face's tables: tag, offset and length, from its table directory.
fn tables(font: &[u8], index: u32) -> Option<Vec<([u8; 4], usize, usize)>> {
    let start = if font.get(..4)? == b"ttcf" {
        uint(font, 12 + 4 * index as usize, 4)? as usize
    } else {
        0
    };
    let n = uint(font, start + 4, 2)? as usize;
    (0..n)
        .map(|i| {
            let rec = start + 12 + 16 * i;
            let tag: [u8; 4] = font.get(rec..rec + 4)?.try_into().ok()?;
            let (offset, len) = (
                uint(font, rec + 8, 4)? as usize,
                uint(font, rec + 12, 4)? as usize,
            );
            font.get(offset..offset.checked_add(len)?)?;
            Some((tag, offset, len))
        })
        .collect()
}

/// The tables carried over as they are: what a PDF reader and printpdf's subsetter need.
/// Layout tables (GSUB, GPOS…) and glyph names are left out.
const KEPT: [&[u8; 4]; 10] = [
    b"OS/2", b"cmap", b"cvt ", b"fpgm", b"gasp", b"hhea", b"hmtx", b"maxp", b"name", b"prep",
];

/// The font with only `glyphs` (and .notdef, and the parts of composites) in its `glyf`
/// table, or `None` when it is not a TrueType face this can read.
pub(super) fn with_only(font: &[u8], index: u32, glyphs: &BTreeSet<u16>) -> Option<Vec<u8>> {
    let tables = tables(font, index)?;
    let table = |tag: &[u8; 4]| {
        tables
            .iter()
            .find(|(t, ..)| t == tag)
            .map(|(_, o, l)| &font[*o..*o + *l])
    };
    let (glyf, loca, head, maxp) = (
        table(b"glyf")?,
        table(b"loca")?,
        table(b"head")?,
        table(b"maxp")?,
    );
    let count = uint(maxp, 4, 2)? as usize;
    let long = uint(head, 50, 2)? == 1;
    let offset = |g: usize| -> Option<usize> {
        if long {
            uint(loca, 4 * g, 4).map(|o| o as usize)
        } else {
            uint(loca, 2 * g, 2).map(|o| 2 * o as usize)
        }
    };
    let glyph = |g: usize| -> Option<&[u8]> {
        let (a, b) = (offset(g)?, offset(g + 1)?);
        glyf.get(a..b.max(a))
    };
    // The glyphs and, for a composite, its components, transitively.
    let mut keep: BTreeSet<u16> = BTreeSet::from([0]);
    let mut todo: Vec<u16> = glyphs
        .iter()
        .copied()
        .filter(|g| usize::from(*g) < count)
        .collect();
    while let Some(g) = todo.pop() {
        if !keep.insert(g) {
            continue;
        }
        let data = glyph(usize::from(g))?;
        if data.len() >= 10 && (uint(data, 0, 2)? as u16 as i16) < 0 {
            let mut at = 10;
            loop {
                let flags = uint(data, at, 2)?;
                let part = uint(data, at + 2, 2)? as u16;
                if usize::from(part) < count && !keep.contains(&part) {
                    todo.push(part);
                }
                at += 4 + if flags & 1 != 0 { 4 } else { 2 };
                at += if flags & 0x08 != 0 {
                    2
                } else if flags & 0x40 != 0 {
                    4
                } else if flags & 0x80 != 0 {
                    8
                } else {
                    0
                };
                if flags & 0x20 == 0 {
                    break;
                }
            }
        }
    }
    // The new glyf and a long loca over the same glyph ids.
    let mut new_glyf = Vec::new();
    let mut new_loca = Vec::with_capacity(4 * (count + 1));
    for g in 0..count {
        new_loca.extend_from_slice(&(u32::try_from(new_glyf.len()).ok()?).to_be_bytes());
        if keep.contains(&u16::try_from(g).ok()?) {
            new_glyf.extend_from_slice(glyph(g)?);
            while new_glyf.len() % 4 != 0 {
                new_glyf.push(0);
            }
        }
    }
    new_loca.extend_from_slice(&(u32::try_from(new_glyf.len()).ok()?).to_be_bytes());
    let mut new_head = head.to_vec();
    new_head.get_mut(8..12)?.copy_from_slice(&[0; 4]); // checkSumAdjustment, not kept up
    new_head.get_mut(50..52)?.copy_from_slice(&[0, 1]); // long loca
                                                        // Glyph names dropped: a format 3 post of the same metrics.
    let mut post = table(b"post")?.get(..32)?.to_vec();
    post[..4].copy_from_slice(&[0, 3, 0, 0]);
    let mut out_tables: Vec<([u8; 4], Vec<u8>)> = KEPT
        .iter()
        .filter_map(|tag| table(tag).map(|t| (**tag, t.to_vec())))
        .collect();
    out_tables.push((*b"glyf", new_glyf));
    out_tables.push((*b"head", new_head));
    out_tables.push((*b"loca", new_loca));
    out_tables.push((*b"post", post));
    out_tables.sort_by_key(|t| t.0);
    Some(sfnt(&out_tables))
}

fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, c| {
        let mut word = [0u8; 4];
        word[..c.len()].copy_from_slice(c);
        sum.wrapping_add(u32::from_be_bytes(word))
    })
}

/// An sfnt file of `tables` (sorted by tag), each 4-byte aligned with its checksum.
fn sfnt(tables: &[([u8; 4], Vec<u8>)]) -> Vec<u8> {
    let n = tables.len() as u16;
    let power = 1u16 << (15 - n.leading_zeros().min(15));
    let mut out = Vec::new();
    out.extend_from_slice(&[0, 1, 0, 0]);
    for v in [
        n,
        power * 16,
        power.trailing_zeros() as u16,
        n * 16 - power * 16,
    ] {
        out.extend_from_slice(&v.to_be_bytes());
    }
    let mut offset = 12 + 16 * tables.len();
    for (tag, data) in tables {
        out.extend_from_slice(tag);
        out.extend_from_slice(&checksum(data).to_be_bytes());
        out.extend_from_slice(&(offset as u32).to_be_bytes());
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        offset += data.len().div_ceil(4) * 4;
    }
    for (_, data) in tables {
        out.extend_from_slice(data);
        out.resize(out.len().div_ceil(4) * 4, 0);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_not_a_truetype_face_is_none() {
        assert_eq!(with_only(&[], 0, &BTreeSet::new()), None);
        assert_eq!(
            with_only(b"OTTO\0\0\0\0\0\0\0\0", 0, &BTreeSet::new()),
            None
        );
    }

    /// The 楷体 face cut down to three characters: a small font that maps them to the same
    /// glyphs with the same outlines and widths, which printpdf reads.
    #[test]
    fn a_face_cut_down_keeps_its_glyphs_ids_and_outlines() {
        let path = crate::fonts::default_font_dirs(&[])
            .iter()
            .map(|d| d.join("truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf"))
            .find(|p| p.exists())
            .expect("LXGW WenKai is installed by the set-up");
        let font = std::fs::read(path).expect("read");
        let whole = printpdf::ParsedFont::from_bytes(&font, 0, &mut Vec::new()).expect("whole");
        let chars = ['党', '建', '（'];
        let ids: BTreeSet<u16> = chars
            .iter()
            .map(|c| whole.lookup_glyph_index(*c as u32).expect("has it"))
            .collect();
        let small = with_only(&font, 0, &ids).expect("cut down");
        assert!(
            small.len() < font.len() / 10,
            "{} of {} bytes",
            small.len(),
            font.len()
        );
        let parsed = printpdf::ParsedFont::from_bytes(&small, 0, &mut Vec::new()).expect("reads");
        let (t_whole, t_small) = (tables(&font, 0).expect("t"), tables(&small, 0).expect("t"));
        // A glyph's bytes, read through the font's own loca.
        let glyph = |f: &[u8], t: &[([u8; 4], usize, usize)], g: u16| -> Vec<u8> {
            let get = |tag: &[u8; 4]| {
                t.iter()
                    .find(|(x, ..)| x == tag)
                    .map(|(_, o, l)| &f[*o..*o + *l])
                    .expect("table")
            };
            let (glyf, loca, head) = (get(b"glyf"), get(b"loca"), get(b"head"));
            let g = usize::from(g);
            let at = |i: usize| -> usize {
                if uint(head, 50, 2) == Some(1) {
                    uint(loca, 4 * i, 4).expect("loca") as usize
                } else {
                    2 * uint(loca, 2 * i, 2).expect("loca") as usize
                }
            };
            glyf[at(g)..at(g + 1)].to_vec()
        };
        for c in chars {
            let g = whole.lookup_glyph_index(c as u32).expect("id");
            assert_eq!(parsed.lookup_glyph_index(c as u32), Some(g), "{c}");
            let (w, s) = (glyph(&font, &t_whole, g), glyph(&small, &t_small, g));
            assert_eq!(&s[..w.len()], &w[..], "{c}'s outline");
            assert_eq!(
                parsed.get_horizontal_advance(g),
                whole.get_horizontal_advance(g),
                "{c}'s width"
            );
        }
        // Another character's glyph is empty.
        let other = whole.lookup_glyph_index('会' as u32).expect("id");
        assert!(glyph(&small, &t_small, other).is_empty());
    }

    #[test]
    fn the_table_directory_is_written_as_read() {
        let font = sfnt(&[(*b"abcd", vec![1, 2, 3]), (*b"efgh", vec![4; 8])]);
        let t = tables(&font, 0).expect("directory");
        assert_eq!(t.len(), 2);
        assert_eq!(&font[t[0].1..t[0].1 + t[0].2], &[1, 2, 3]);
        assert_eq!(&font[t[1].1..t[1].1 + t[1].2], &[4; 8]);
        assert_eq!(t[1].1 % 4, 0);
    }
}
