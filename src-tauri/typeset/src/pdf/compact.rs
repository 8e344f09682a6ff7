//! The PDF written smaller after printpdf has written it. printpdf subsets each face with
//! allsorts, which keeps all of a CID font's font dictionaries and its subroutine indexes at
//! full length (the unused entries empty) — for the body face of the duty report 86 KiB where
//! 73 KiB carry the same glyphs — and lists every glyph's width, though nearly all are the
//! default. Here each CFF program is replaced by the `subsetter` crate's subset of the same
//! glyphs (desubroutinized, only the font dictionaries used), given the CIDs printpdf chose so
//! that the text, the widths and the ToUnicode maps stay valid; the width arrays keep only
//! widths other than the default; and the small objects go into compressed object streams.
//! Whatever is not as expected is left as printpdf wrote it.
use std::collections::{BTreeMap, HashMap, HashSet};

use lopdf::{Dictionary, Object, ObjectId};

use super::cff;

/// The face behind one of the PDF's fonts: its file, its index in a collection, and the
/// glyphs the printout uses in the font's own numbering (without .notdef).
pub(super) struct Program<'a> {
    pub bytes: &'a [u8],
    pub index: u32,
    pub glyphs: Vec<u16>,
}

/// Makes the fonts of `doc` smaller, before its streams are compressed; a font that is not as
/// expected stays as it is.
pub(super) fn compact(doc: &mut lopdf::Document, programs: &HashMap<String, Program<'_>>) {
    let mut done = HashSet::new();
    for (name, type0) in fonts(doc) {
        if !done.insert(type0) {
            continue;
        }
        let Some(program) = std::str::from_utf8(&name)
            .ok()
            .and_then(|n| programs.get(n))
        else {
            continue;
        };
        if let Some(file) = cff_program(doc, type0) {
            smaller_program(doc, file, program);
        }
        default_widths_left_out(doc, type0);
    }
}

/// Writes `doc` with its streams compressed and its other objects in compressed object
/// streams (PDF 1.5), or plainly should that fail.
pub(super) fn save(mut doc: lopdf::Document) -> Vec<u8> {
    doc.compress();
    let mut out = Vec::new();
    let options = lopdf::SaveOptions::builder()
        .use_object_streams(true)
        .use_xref_streams(true)
        .build();
    if doc.save_with_options(&mut out, options).is_err() {
        out.clear();
        let _ = doc.save_to(&mut out);
    }
    out
}

fn dict<'a>(doc: &'a lopdf::Document, o: &'a Object) -> Option<&'a Dictionary> {
    match o {
        Object::Reference(id) => doc.get_dictionary(*id).ok(),
        Object::Dictionary(d) => Some(d),
        _ => None,
    }
}

/// Each font resource of the pages, by name.
fn fonts(doc: &lopdf::Document) -> BTreeMap<Vec<u8>, ObjectId> {
    let mut fonts = BTreeMap::new();
    for page in doc.get_pages().values() {
        let found = doc
            .get_dictionary(*page)
            .ok()
            .and_then(|p| dict(doc, p.get(b"Resources").ok()?))
            .and_then(|r| dict(doc, r.get(b"Font").ok()?));
        for (name, font) in found.into_iter().flat_map(|f| f.iter()) {
            if let Object::Reference(id) = font {
                fonts.insert(name.clone(), *id);
            }
        }
    }
    fonts
}

/// The stream of the CFF program of a Type0 font whose descendant is a CIDFontType0.
fn cff_program(doc: &lopdf::Document, type0: ObjectId) -> Option<ObjectId> {
    let cid_font = dict(
        doc,
        doc.get_dictionary(type0)
            .ok()?
            .get(b"DescendantFonts")
            .ok()?
            .as_array()
            .ok()?
            .first()?,
    )?;
    if cid_font.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"CIDFontType0") {
        return None;
    }
    dict(doc, cid_font.get(b"FontDescriptor").ok()?)?
        .get(b"FontFile3")
        .ok()?
        .as_reference()
        .ok()
}

/// Replaces the CFF program in stream `file` by `subsetter`'s subset of the same glyphs, when
/// the glyph counts agree and the result is smaller.
fn smaller_program(doc: &mut lopdf::Document, file: ObjectId, program: &Program<'_>) {
    let Some(stream) = doc.get_object(file).ok().and_then(|o| o.as_stream().ok()) else {
        return;
    };
    let old = stream
        .decompressed_content()
        .unwrap_or_else(|_| stream.content.clone());
    let Some(cids) = cff::cids(&old) else {
        return;
    };
    if cids.len() != program.glyphs.len() + 1 {
        return;
    }
    let remapper = subsetter::GlyphRemapper::new_from_glyphs(&program.glyphs);
    let Some(new) = subsetter::subset(program.bytes, program.index, &remapper)
        .ok()
        .and_then(|font| cff::sfnt_table(&font, b"CFF ").and_then(|t| cff::with_cids(t, &cids)))
    else {
        return;
    };
    if new.len() >= old.len() {
        return;
    }
    if let Ok(stream) = doc.get_object_mut(file).and_then(Object::as_stream_mut) {
        stream.set_plain_content(new);
        // Left uncompressed only if compressing failed, which leaves a valid stream.
        let _ = stream.compress();
    }
}

/// The CID font's /W array without the widths equal to its /DW.
fn default_widths_left_out(doc: &mut lopdf::Document, type0: ObjectId) {
    let Some(cid_font) = doc
        .get_object_mut(type0)
        .ok()
        .and_then(|o| o.as_dict_mut().ok())
        .and_then(|d| d.get_mut(b"DescendantFonts").ok())
        .and_then(|a| a.as_array_mut().ok())
        .and_then(|a| a.first_mut())
        .and_then(|d| d.as_dict_mut().ok())
    else {
        return;
    };
    let default = cid_font.get(b"DW").and_then(Object::as_i64).unwrap_or(1000);
    let Some(w) = cid_font.get(b"W").ok().and_then(|w| w.as_array().ok()) else {
        return;
    };
    // [first [w1 w2 …] first [w1 …] …] (printpdf writes this form only).
    let mut widths: Vec<(i64, Object)> = Vec::new();
    for pair in w.chunks(2) {
        let (Some(first), Some(Object::Array(list))) = (pair.first(), pair.get(1)) else {
            return;
        };
        let Ok(first) = first.as_i64() else {
            return;
        };
        for (k, width) in list.iter().enumerate() {
            let is_default = match width {
                Object::Integer(v) => *v == default,
                Object::Real(v) => (*v - default as f32).abs() < 0.001,
                _ => return,
            };
            if !is_default {
                widths.push((first + k as i64, width.clone()));
            }
        }
    }
    let mut runs: Vec<Object> = Vec::new();
    let mut last = None;
    for (cid, width) in widths {
        match (last, runs.last_mut()) {
            (Some(prev), Some(Object::Array(list))) if prev + 1 == cid => list.push(width),
            _ => {
                runs.push(Object::Integer(cid));
                runs.push(Object::Array(vec![width]));
            }
        }
        last = Some(cid);
    }
    cid_font.set("W", Object::Array(runs));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::default_font_dirs;
    use crate::model::{Block, Document, Orientation};
    use crate::{render_pdf, DocInfo, FontLibrary};

    /// Every CFF program of a printout is the compact one: as many glyphs as the text draws
    /// (and .notdef), no subroutines; and the widths list only what differs from the default.
    #[test]
    fn a_printouts_cff_programs_carry_only_their_glyphs() {
        let mut lib = FontLibrary::discover(&default_font_dirs(&[]));
        let mut d = Document::new(Orientation::Portrait);
        d.push(Block::Title("党支部工作台".into()));
        d.push(Block::Paragraph(
            "支部委员会召开会议，研究党员发展工作。".into(),
        ));
        let out = render_pdf(&d, &mut lib, &DocInfo::titled("t")).expect("pdf");
        let doc = lopdf::Document::load_mem(&out.pdf).expect("reads back");
        let mut programs = 0;
        for (name, type0) in fonts(&doc) {
            let Some(file) = cff_program(&doc, type0) else {
                continue;
            };
            let stream = doc
                .get_object(file)
                .and_then(Object::as_stream)
                .expect("stream");
            let cff = stream.decompressed_content().expect("flate");
            let glyphs = cff::cids(&cff).expect("CID-keyed").len();
            assert_eq!(cff::global_subrs(&cff), Some(0), "{name:?}");
            // The title's six distinct characters; or the body's seventeen with the page
            // number's "—", space and "1", printed in the same face.
            assert!(
                [6, 20].contains(&(glyphs - 1)),
                "{glyphs} glyphs in {name:?}"
            );
            programs += 1;
        }
        assert!(programs > 0, "no CFF program: {:?}", fonts(&doc).keys());
    }
}
