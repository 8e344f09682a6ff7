//! Table column widths from their content: each column is at least as wide as its longest
//! unbreakable entry — a name, a full date, a 学历 value, an option group "有□ 部分□ 无□" —
//! and the rest of the width is shared by the columns' weights. Long text (topics, remarks)
//! wraps in whatever is left.
use crate::model::Table;

/// Entries up to this many characters read as one word (a four-character name, "硕士研究生").
const SHORT_ENTRY: usize = 6;

/// The part of a cell that must stay on one line: the whole cell when it is short, a date
/// (2025年1月5日) or holds check boxes, else its Latin words and numbers.
fn unbreakable(cell: &str) -> Vec<&str> {
    cell.split('\n')
        .flat_map(|line| {
            let line = line.trim();
            let is_date = line
                .chars()
                .all(|c| c.is_ascii_digit() || "年月日.-/".contains(c));
            if line.chars().count() <= SHORT_ENTRY || line.contains('□') || is_date {
                vec![line]
            } else {
                line.split(|c: char| {
                    !(c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '/'))
                })
                .filter(|w| !w.is_empty())
                .collect()
            }
        })
        .collect()
}

/// The columns' widths within `width`; `measure(text, header)` gives a text's width in a
/// cell, padding included (headers are set in another face).
pub(crate) fn column_widths(
    t: &Table,
    width: f32,
    measure: &mut dyn FnMut(&str, bool) -> f32,
) -> Vec<f32> {
    let n = t.columns.len();
    let weights: Vec<f32> = t.columns.iter().map(|c| c.weight.max(0.1)).collect();
    let mut min = vec![0.0f32; n];
    for (i, c) in t.columns.iter().enumerate() {
        // A header breaks between its characters only if it must: it counts as one entry.
        for piece in unbreakable(&c.title) {
            min[i] = min[i].max(measure(piece, true));
        }
        for row in &t.rows {
            if let Some(cell) = row.get(i) {
                for piece in unbreakable(cell) {
                    min[i] = min[i].max(measure(piece, false));
                }
            }
        }
    }
    let total_min: f32 = min.iter().sum();
    if total_min > width {
        // Even the shortest entries do not fit side by side: share by what each needs.
        return min.iter().map(|m| width * m / total_min).collect();
    }
    // The weights' shares, each raised to its column's minimum and the others shrunk to pay
    // for it, until every column has at least what it needs.
    let mut fixed = vec![false; n];
    loop {
        let free: f32 = width - (0..n).filter(|&i| fixed[i]).map(|i| min[i]).sum::<f32>();
        let weight: f32 = (0..n).filter(|&i| !fixed[i]).map(|i| weights[i]).sum();
        let widths: Vec<f32> = (0..n)
            .map(|i| {
                if fixed[i] {
                    min[i]
                } else {
                    free * weights[i] / weight.max(0.1)
                }
            })
            .collect();
        let short: Vec<usize> = (0..n)
            .filter(|&i| !fixed[i] && widths[i] + 0.01 < min[i])
            .collect();
        if short.is_empty() {
            return widths;
        }
        for i in short {
            fixed[i] = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Align, Column};

    fn col(title: &str, weight: f32) -> Column {
        Column {
            title: title.into(),
            weight,
            align: Align::Left,
        }
    }

    /// One unit per character.
    fn chars(s: &str, _header: bool) -> f32 {
        s.chars().count() as f32
    }

    #[test]
    fn a_name_a_date_and_an_option_group_are_never_narrower_than_themselves() {
        let t = Table {
            columns: vec![
                col("姓名", 1.0),
                col("日期", 1.0),
                col("情况", 1.0),
                col("备注", 6.0),
            ],
            rows: vec![vec![
                "欧阳晓明".into(),
                "2026年12月15日".into(),
                "有□ 部分□ 无□".into(),
                "一段很长的备注文字，可以在任何地方换行，不需要整行放下。".into(),
            ]],
        };
        let w = column_widths(&t, 40.0, &mut chars);
        assert!(w[0] >= 4.0 && w[1] >= 11.0 && w[2] >= 9.0, "{w:?}");
        assert!((w.iter().sum::<f32>() - 40.0).abs() < 0.01, "{w:?}");
        // The long remarks give way; they still have the most room left.
        assert!(w[3] >= 10.0, "{w:?}");
    }

    #[test]
    fn without_short_entries_the_weights_decide() {
        let t = Table {
            columns: vec![col("甲", 1.0), col("乙", 3.0)],
            rows: vec![vec!["一".into(), "二".into()]],
        };
        assert_eq!(column_widths(&t, 40.0, &mut chars), [10.0, 30.0]);
    }

    #[test]
    fn entries_too_wide_for_the_page_share_it_by_need() {
        let t = Table {
            columns: vec![col("甲", 1.0), col("乙", 1.0)],
            rows: vec![vec!["一二三四五六".into(), "一二三".into()]],
        };
        let w = column_widths(&t, 6.0, &mut chars);
        assert_eq!(w, [4.0, 2.0]);
    }
}
