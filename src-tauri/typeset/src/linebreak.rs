//! Chinese line breaking (JLREQ/CLREQ 禁则): Chinese characters break anywhere, Latin words and
//! numbers only at their own break points; no line starts with closing punctuation nor ends
//! with opening punctuation (避头尾). A run of closing marks that would start a line ("。”",
//! "）。", "！”") takes the character before it down with it, however many marks the run has;
//! "——" and "……" are one unit that never splits and never starts a line. A Latin run wider
//! than the line (a URL in a topic) breaks after / . - _ ? & = (never inside "://"), and as a
//! last resort between any two characters, so that nothing is ever wider than the block. The
//! shorter line is then stretched by justification.

/// May not start a line.
pub fn is_closing(c: char) -> bool {
    "，。、；：？！）」』》〉】〕”’…—%·,.;:!?)]}～".contains(c)
}

/// May not end a line.
pub fn is_opening(c: char) -> bool {
    "（「『《〈【〔“‘([{".contains(c)
}

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(
            c,
            '-' | '_' | '/' | '@' | '&' | '+' | '#' | '\'' | '.' | ':' | '?' | '=' | '%' | '~'
        )
}

/// A dash or an ellipsis is written doubled (——, ……) and is one unit.
fn is_doubled_mark(c: char) -> bool {
    matches!(c, '—' | '…')
}

/// The unbreakable pieces of a text: a Chinese character, a Latin word or number, a doubled
/// dash or ellipsis, a space.
fn units(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        // A word starts with a letter or digit; its inner marks stay with it, a mark at its
        // end ("参见A。", "2026:") is punctuation of the sentence.
        if is_word_char(c) && (c.is_ascii_alphanumeric() || !word.is_empty()) {
            word.push(c);
            continue;
        }
        if !word.is_empty() {
            push_word(&mut out, std::mem::take(&mut word));
        }
        match out.last_mut() {
            Some(last)
                if is_doubled_mark(c)
                    && last.chars().all(|p| p == c)
                    && last.chars().count() < 2 =>
            {
                last.push(c)
            }
            _ => out.push(c.to_string()),
        }
    }
    if !word.is_empty() {
        push_word(&mut out, word);
    }
    out
}

/// A word, less the sentence punctuation after it ("…A." → "A", "."), which breaks as
/// punctuation does.
fn push_word(out: &mut Vec<String>, mut word: String) {
    let mut tail = Vec::new();
    while word.len() > 1 && word.ends_with(['.', ':', '?', ',']) {
        tail.push(word.pop().map(String::from).unwrap_or_default());
    }
    out.push(word);
    out.extend(tail.into_iter().rev());
}

/// Where a Latin run wider than the line may break: after / . - _ ? & = (the break comes
/// after the mark, so "https://" stays whole and the next piece does not start with a mark).
fn word_pieces(word: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    let chars: Vec<char> = word.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        cur.push(c);
        let next = chars.get(i + 1).copied();
        let breaks_after = matches!(c, '/' | '.' | '-' | '_' | '?' | '&' | '=')
            && next.is_some_and(|n| n != '/' && n.is_ascii_alphanumeric());
        if breaks_after {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

#[derive(Debug, Clone, PartialEq)]
pub struct BrokenLine {
    pub text: String,
    /// Natural width of the text.
    pub width: f32,
    /// The paragraph's last line (not stretched when justifying).
    pub last: bool,
}

/// Breaks `text` into lines no wider than `first_width` (first line) / `width` (others);
/// `advance` gives each character's width.
pub fn break_lines(
    text: &str,
    first_width: f32,
    width: f32,
    advance: &dyn Fn(char) -> f32,
) -> Vec<BrokenLine> {
    let measure = |s: &str| s.chars().map(advance).sum::<f32>();
    let finish = |units: &[String], last: bool| {
        let text = units.concat();
        let text = if last {
            text
        } else {
            text.trim_end().to_string()
        };
        BrokenLine {
            width: measure(&text),
            text,
            last,
        }
    };
    let mut lines: Vec<BrokenLine> = Vec::new();
    let mut cur: Vec<String> = Vec::new();
    let mut cur_w = 0.0f32;
    // A word wider than a whole line is cut at its break points, and a piece still too wide
    // between characters: it cannot run past the block's edge.
    let full = width.min(first_width).max(0.0);
    let units: Vec<String> = units(text)
        .into_iter()
        .flat_map(|u| {
            if measure(&u) <= full + 0.01 {
                return vec![u];
            }
            word_pieces(&u)
                .into_iter()
                .flat_map(|piece| {
                    if measure(&piece) <= full + 0.01 {
                        return vec![piece];
                    }
                    let mut cut: Vec<String> = Vec::new();
                    let mut part = String::new();
                    for c in piece.chars() {
                        if !part.is_empty() && measure(&part) + advance(c) > full + 0.01 {
                            cut.push(std::mem::take(&mut part));
                        }
                        part.push(c);
                    }
                    cut.push(part);
                    cut
                })
                .collect()
        })
        .collect();
    for unit in units {
        if unit == "\n" {
            lines.push(finish(&cur, true));
            cur.clear();
            cur_w = 0.0;
            continue;
        }
        let w = measure(&unit);
        let limit = if lines.is_empty() { first_width } else { width };
        if cur_w + w <= limit + 0.01 || cur.is_empty() {
            cur.push(unit);
            cur_w += w;
            continue;
        }
        if unit == " " {
            lines.push(finish(&cur, false));
            cur.clear();
            cur_w = 0.0;
            continue;
        }
        // What moves down to the next line with this unit: a closing mark takes the unit
        // before it along (it may not start a line); opening marks at the end go down with
        // what they open.
        let mut carry: Vec<String> = Vec::new();
        let first = unit.chars().next().unwrap_or(' ');
        if is_closing(first) {
            // The whole run of closing marks before it goes down too, with the character
            // they close: "…本人“重业务”。" never leaves "”。" to start a line.
            let starts_closing = |u: &String| u.chars().next().is_some_and(is_closing);
            let run = cur.iter().rev().take_while(|u| starts_closing(u)).count();
            if run + 1 < cur.len() {
                carry = cur.split_off(cur.len() - run - 1);
            }
        }
        while cur.len() > 1
            && cur
                .last()
                .and_then(|u| u.chars().last())
                .is_some_and(is_opening)
        {
            if let Some(open) = cur.pop() {
                carry.insert(0, open);
            }
        }
        lines.push(finish(&cur, false));
        cur = carry;
        cur.push(unit);
        cur_w = measure(&cur.concat());
    }
    lines.push(finish(&cur, true));
    lines
}

/// Where a title may break, when its author says (U+200B ZERO WIDTH SPACE): between the
/// branch's name and the rest, never inside a name. It is never drawn.
pub const TITLE_BREAK: char = '\u{200B}';

/// A title's lines: as few as fit in `width`, as equal in length as they can be. A title that
/// marks where it may break ([`TITLE_BREAK`]) breaks only there; one that does not, between
/// any two units the 禁则 allow.
pub fn balance_title(text: &str, width: f32, advance: &dyn Fn(char) -> f32) -> Vec<String> {
    let measure = |s: &str| s.chars().map(advance).sum::<f32>();
    let plain: String = text.chars().filter(|c| *c != TITLE_BREAK).collect();
    let total = measure(&plain);
    let fewest = (total / width).ceil().max(1.0) as usize;
    if text.contains(TITLE_BREAK) {
        let parts: Vec<&str> = text.split(TITLE_BREAK).collect();
        let w: Vec<f32> = parts.iter().map(|p| measure(p)).collect();
        for lines in fewest..=parts.len() {
            if let Some(cut) = balanced_cut(&w, lines, width) {
                let mut out = Vec::new();
                let mut start = 0;
                for end in cut {
                    out.push(parts[start..end].concat());
                    start = end;
                }
                return out;
            }
        }
    }
    // As few lines as fit, each about equally long: the shortest line length that still
    // sets the title in that many lines (the 禁则 may need a little more than an even share).
    let step = advance('国') / 4.0;
    let mut target = total / fewest as f32;
    loop {
        let lines = break_lines(&plain, target.min(width), target.min(width), advance);
        if lines.len() <= fewest || target >= width {
            return lines.into_iter().map(|l| l.text).collect();
        }
        target += step.max(0.01);
    }
}

/// The ends of `lines` runs of consecutive parts, each no wider than `width`, the widest as
/// narrow as it can be; None when the parts cannot be set in that many lines.
fn balanced_cut(w: &[f32], lines: usize, width: f32) -> Option<Vec<usize>> {
    let n = w.len();
    let span = |a: usize, b: usize| w[a..b].iter().sum::<f32>();
    // best[k][i]: the narrowest widest line setting the first i parts in k lines.
    let mut best = vec![vec![f32::INFINITY; n + 1]; lines + 1];
    let mut from = vec![vec![0usize; n + 1]; lines + 1];
    best[0][0] = 0.0;
    for k in 1..=lines {
        for i in 1..=n {
            for j in (k - 1)..i {
                let line = span(j, i);
                if line > width + 0.01 || !best[k - 1][j].is_finite() {
                    continue;
                }
                let widest = best[k - 1][j].max(line);
                if widest < best[k][i] {
                    best[k][i] = widest;
                    from[k][i] = j;
                }
            }
        }
    }
    if !best[lines][n].is_finite() {
        return None;
    }
    let mut ends = vec![n];
    let mut i = n;
    for k in (2..=lines).rev() {
        i = from[k][i];
        ends.push(i);
    }
    ends.reverse();
    Some(ends)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Chinese characters and full-width marks 1 wide, everything else 0.5.
    fn adv(c: char) -> f32 {
        if c.is_ascii() {
            0.5
        } else {
            1.0
        }
    }

    fn texts(lines: &[BrokenLine]) -> Vec<&str> {
        lines.iter().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn chinese_breaks_anywhere_at_the_width() {
        let lines = break_lines("一二三四五六七八九十", 4.0, 4.0, &adv);
        assert_eq!(texts(&lines), ["一二三四", "五六七八", "九十"]);
        assert!(lines[2].last && !lines[0].last);
    }

    #[test]
    fn no_line_starts_with_closing_punctuation() {
        let lines = break_lines("一二三四，五六七八。", 4.0, 4.0, &adv);
        assert_eq!(texts(&lines), ["一二三", "四，五六", "七八。"]);
        for l in &lines[1..] {
            assert!(!is_closing(l.text.chars().next().unwrap_or(' ')));
        }
    }

    #[test]
    fn no_line_ends_with_opening_punctuation() {
        let lines = break_lines("一二三《四五》六", 4.0, 4.0, &adv);
        assert_eq!(texts(&lines), ["一二三", "《四五》", "六"]);
    }

    #[test]
    fn latin_words_and_numbers_are_not_split() {
        let lines = break_lines("共计2026人参加", 4.0, 4.0, &adv);
        assert_eq!(texts(&lines), ["共计2026", "人参加"]);
        let lines = break_lines("使用WebKit浏览", 5.0, 5.0, &adv);
        assert!(lines.iter().any(|l| l.text.contains("WebKit")), "{lines:?}");
        let lines = break_lines("一二三 3.14159 四", 4.0, 4.0, &adv);
        assert!(
            lines.iter().any(|l| l.text.contains("3.14159")),
            "{lines:?}"
        );
    }

    #[test]
    fn the_first_line_may_be_shorter_for_the_indent() {
        let lines = break_lines("一二三四五六", 2.0, 4.0, &adv);
        assert_eq!(texts(&lines), ["一二", "三四五六"]);
    }

    /// No line starts with a closing mark or ends with an opening one, none is wider than
    /// the block, and the text is all there.
    fn assert_well_broken(text: &str, width: f32) -> Vec<BrokenLine> {
        let lines = break_lines(text, width, width, &adv);
        for (i, l) in lines.iter().enumerate() {
            let first = l.text.chars().next().unwrap_or(' ');
            let last = l.text.chars().last().unwrap_or(' ');
            assert!(
                i == 0 || !is_closing(first),
                "{text:?} at {width}: line {i} starts with {first}: {lines:?}"
            );
            assert!(
                l.last || !is_opening(last),
                "{text:?} at {width}: line {i} ends with {last}: {lines:?}"
            );
            assert!(
                l.width <= width + 0.01,
                "{text:?} at {width}: line {i} is {} wide: {lines:?}",
                l.width
            );
        }
        let joined: String = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            joined.replace(' ', ""),
            text.replace(' ', ""),
            "nothing lost or doubled"
        );
        lines
    }

    #[test]
    fn a_run_of_closing_marks_never_starts_a_line() {
        for pair in [
            "。”",
            "）。",
            "”）",
            "！”",
            "》。”",
            "？”",
            "……",
            "——",
            "”，",
        ] {
            for n in 1..12 {
                let text = format!("{}重业务{pair}其后继续写一些文字", "一".repeat(n));
                for width in [4.0, 5.0, 6.0, 7.0, 8.0] {
                    assert_well_broken(&text, width);
                }
            }
        }
    }

    #[test]
    fn a_doubled_dash_or_ellipsis_is_never_split() {
        for mark in ["——", "……"] {
            for n in 1..10 {
                let text = format!("{}他说{mark}好", "一".repeat(n));
                for width in [3.0, 4.0, 5.0] {
                    let lines = assert_well_broken(&text, width);
                    assert!(
                        lines.iter().any(|l| l.text.contains(mark)),
                        "{mark} split: {lines:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_url_breaks_at_its_own_points_and_stays_inside_the_block() {
        let url = "https://www.example.org.cn/party/branch/records?id=20260315&kind=theme_day";
        for width in [8.0, 12.0, 20.0] {
            let text = format!("会议材料见{url}。");
            let lines = assert_well_broken(&text, width);
            assert!(
                !lines.iter().any(|l| l.text.ends_with("https:")),
                "never between https: and //: {lines:?}"
            );
        }
        let lines = break_lines(&format!("见{url}"), 20.0, 20.0, &adv);
        // Breaks come after the marks, so no piece starts with one.
        for l in &lines[1..] {
            assert!(
                l.text.starts_with(|c: char| c.is_ascii_alphanumeric()),
                "{lines:?}"
            );
        }
    }

    #[test]
    fn a_number_longer_than_the_line_is_cut_as_a_last_resort() {
        let digits = "1234567890".repeat(4);
        let lines = assert_well_broken(&format!("编号{digits}"), 6.0);
        assert_eq!(lines.len(), 5, "{lines:?}");
    }

    #[test]
    fn mixed_latin_and_chinese_keeps_words_and_sentence_marks_apart() {
        for width in [4.0, 5.0, 6.0, 9.0] {
            let lines = assert_well_broken("使用WebKit浏览器，参见Tauri 2.0文档（第3章）。", width);
            assert!(lines.iter().any(|l| l.text.contains("WebKit")), "{lines:?}");
            assert!(lines.iter().any(|l| l.text.contains("2.0")), "{lines:?}");
        }
        // A full stop after a word is the sentence's, not the word's.
        assert_eq!(units("见A. 下"), ["见", "A", ".", " ", "下"]);
        assert_eq!(units("14:30开会"), ["14:30", "开", "会"]);
    }

    #[test]
    fn a_title_breaks_only_where_it_says_and_as_evenly_as_it_can() {
        let b = TITLE_BREAK;
        let title = format!(
            "中共北京阳光社会工作服务中心支部委员会{b}书记{b}2025年度{b}抓基层党建工作{b}述职报告"
        );
        let lines = balance_title(&title, 20.0, &adv);
        assert_eq!(
            lines,
            [
                "中共北京阳光社会工作服务中心支部委员会",
                "书记2025年度抓基层党建工作述职报告"
            ],
            "the branch's name whole"
        );
        // Fits on one line: one line, no marks drawn.
        assert_eq!(
            balance_title(&format!("会议{b}记录"), 20.0, &adv),
            ["会议记录"]
        );
        // Without marks, as before: balanced, anywhere the rules allow.
        let lines = balance_title("一二三四五六七八九十", 6.0, &adv);
        assert_eq!(lines, ["一二三四五", "六七八九十"]);
        // A part wider than the line still sets, broken as plain text.
        let lines = balance_title(&format!("一二三四五六七八九十{b}一"), 4.0, &adv);
        assert!(lines.iter().all(|l| l.chars().count() <= 4), "{lines:?}");
    }
}
