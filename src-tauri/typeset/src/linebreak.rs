//! Chinese line breaking: Chinese characters break anywhere, Latin words and numbers never
//! inside; no line starts with closing punctuation nor ends with opening punctuation
//! (避头尾). A closing mark that would start a line takes the character before it down with
//! it; the shorter line is then stretched by justification.

/// May not start a line.
pub fn is_closing(c: char) -> bool {
    "，。、；：？！）」』》〉】〕”’…—%·,.;:!?)]}～".contains(c)
}

/// May not end a line.
pub fn is_opening(c: char) -> bool {
    "（「『《〈【〔“‘([{".contains(c)
}

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '/' | '@' | '&' | '+' | '#' | '\'' | '.')
}

/// The unbreakable pieces of a text: a Chinese character, a Latin word or number, a space.
fn units(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        if is_word_char(c) && !(c == '.' && word.is_empty()) {
            word.push(c);
            continue;
        }
        if !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
        out.push(c.to_string());
    }
    if !word.is_empty() {
        out.push(word);
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
    for unit in units(text) {
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
        if is_closing(first) && cur.len() > 1 {
            if let Some(prev) = cur.pop() {
                carry.push(prev);
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
}
