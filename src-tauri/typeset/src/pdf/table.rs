//! Tables: columns as wide as their content needs, rows never split, the header repeated on
//! each page, and the last row never alone on a page.
use std::collections::HashMap;

use super::{mm, Geometry, Role, Writer, TABLE_PT};
use crate::columns::column_widths;
use crate::fonts::FontLibrary;
use crate::linebreak::break_lines;
use crate::model::{Align, Orientation, Table};

/// A cell's padding left and right, mm.
const PAD_X: f32 = 1.5;

/// The widths in mm a table's columns get when printed on a page of `orientation` with the
/// faces of `lib` (the benchmark writes the same table for Typst with them).
pub fn table_widths(t: &Table, orientation: Orientation, lib: &mut FontLibrary) -> Vec<f32> {
    Writer::new(lib, Geometry::of(orientation), false).column_widths(t)
}

impl Writer<'_> {
    /// Columns as wide as their names, dates and option groups need, the rest by weight.
    fn column_widths(&mut self, t: &Table) -> Vec<f32> {
        let width = self.geo.width;
        column_widths(t, width, &mut |text: &str, header: bool| {
            let role = if header { Role::Hei } else { Role::Song };
            text.chars()
                .map(|c| self.advance(role, c, TABLE_PT))
                .sum::<f32>()
                + 2.0 * PAD_X
                + 0.2
        })
    }

    pub(super) fn table(&mut self, t: &Table) {
        let size = TABLE_PT;
        let pad_x = PAD_X;
        let pad_y = if self.tight { 0.6 } else { 1.4 };
        let pitch = mm(size) * if self.tight { 1.3 } else { 1.45 };
        let widths = self.column_widths(t);
        let header: Vec<String> = t.columns.iter().map(|c| c.title.clone()).collect();
        let layout_row = |w: &mut Writer, cells: &[String], role: Role| -> Vec<Vec<String>> {
            cells
                .iter()
                .enumerate()
                .map(|(i, text)| {
                    let width = widths.get(i).copied().unwrap_or(20.0) - 2.0 * pad_x;
                    let mut adv: HashMap<char, f32> = HashMap::new();
                    for ch in text.chars() {
                        if let std::collections::hash_map::Entry::Vacant(e) = adv.entry(ch) {
                            e.insert(w.advance(role, ch, size));
                        }
                    }
                    break_lines(text, width, width, &|c| adv.get(&c).copied().unwrap_or(0.0))
                        .into_iter()
                        .map(|l| l.text)
                        .collect()
                })
                .collect()
        };
        let head_lines = layout_row(self, &header, Role::Hei);
        let head_h =
            head_lines.iter().map(Vec::len).max().unwrap_or(1) as f32 * pitch + 2.0 * pad_y;
        let draw_row = |w: &mut Writer, lines: &[Vec<String>], h: f32, role: Role, header: bool| {
            let top = w.y;
            let mut x = w.geo.left;
            w.rule(x, top, x + w.geo.width, top, 0.6);
            for (i, cell) in lines.iter().enumerate() {
                let cw = widths[i];
                // A wrapped cell reads as a paragraph: left-aligned. Cells sit in the middle
                // of the row's height.
                let align = if header {
                    Align::Center
                } else if cell.len() > 1 {
                    Align::Left
                } else {
                    t.columns[i].align
                };
                let offset = (h - 2.0 * pad_y - cell.len() as f32 * pitch) / 2.0;
                for (j, text) in cell.iter().enumerate() {
                    let tw: f32 = text.chars().map(|c| w.advance(role, c, size)).sum();
                    let tx = match align {
                        Align::Left => x + pad_x,
                        Align::Center => x + (cw - tw) / 2.0,
                        Align::Right => x + cw - pad_x - tw,
                    };
                    let baseline =
                        top - pad_y - offset - j as f32 * pitch - (pitch + mm(size) * 0.76) / 2.0;
                    w.text_line(text, tx, baseline, size, role, 0.0);
                }
                w.rule(x, top, x, top - h, 0.6);
                x += cw;
            }
            w.rule(x, top, x, top - h, 0.6);
            w.rule(w.geo.left, top - h, x, top - h, 0.6);
            w.y -= h;
        };
        let rows: Vec<(Vec<Vec<String>>, f32)> = t
            .rows
            .iter()
            .map(|row| {
                let lines = layout_row(self, row, Role::Song);
                let h = lines.iter().map(Vec::len).max().unwrap_or(1).max(1) as f32 * pitch
                    + 2.0 * pad_y;
                (lines, h)
            })
            .collect();
        // A short table (a third of a page at most) is not split: it starts a page whole
        // rather than leave a few rows behind. A longer one starts a page only with two rows
        // under its header (or the only one).
        let whole = head_h + rows.iter().map(|(_, h)| h).sum::<f32>();
        if whole <= self.geo.height / 3.0 {
            self.need(whole + self.reserve);
        }
        let first_two: f32 = rows.iter().take(2).map(|(_, h)| h).sum();
        self.need(head_h + first_two.max(pitch + 2.0 * pad_y));
        draw_row(self, &head_lines, head_h, Role::Hei, true);
        let bottom = self.geo.bottom() - 0.01;
        let n = rows.len();
        for (i, (lines, h)) in rows.iter().enumerate() {
            // Rows are never split: a row that does not fit moves to a new page, under a
            // repeated header; and the last row never goes there alone — the one before it
            // goes along.
            // What closes the document may ask the last row to leave it room.
            let reserve = if i + 1 == n { self.reserve } else { 0.0 };
            let last_alone = i + 2 == n && n > 2 && {
                let both = h + rows[i + 1].1 + self.reserve;
                self.y - h >= bottom && self.y - both < bottom
            };
            if self.y - h - reserve < bottom || last_alone {
                self.new_page();
                draw_row(self, &head_lines, head_h, Role::Hei, true);
            }
            draw_row(self, lines, *h, Role::Song, false);
        }
        self.y -= self.geo.pitch() * if self.tight { 0.25 } else { 0.5 };
    }
}
