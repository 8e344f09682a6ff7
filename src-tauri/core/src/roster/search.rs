//! Finding a person as the secretary types: part of the name, full pinyin ("zhangsan"),
//! initials ("zs"), or a mix ("zhangs"); every reading of a polyphonic character counts
//! (曾 is found by both "c" and "z"). Also part of the ID number or phone.
use pinyin::ToPinyinMulti;

/// Readings (toneless, lowercase) of each character of a name; empty for characters that
/// have none (Latin letters match as themselves).
fn readings(name: &str) -> Vec<Vec<String>> {
    name.chars()
        .filter(|c| !matches!(c, '·' | '•' | ' ' | '・'))
        .map(|c| {
            if c.is_ascii_alphabetic() {
                return vec![c.to_ascii_lowercase().to_string()];
            }
            match c.to_pinyin_multi() {
                Some(multi) => {
                    let mut v: Vec<String> =
                        multi.into_iter().map(|p| p.plain().to_string()).collect();
                    v.dedup();
                    v
                }
                None => Vec::new(),
            }
        })
        .collect()
}

/// Does `query` (lowercase ASCII letters) match the readings starting at character `i`?
/// Each character is matched by its full reading, by a prefix of it when the query ends
/// there, or by its initial letter.
fn matches_from(chars: &[Vec<String>], i: usize, query: &str) -> bool {
    if query.is_empty() {
        return true;
    }
    let Some(options) = chars.get(i) else {
        return false;
    };
    options.iter().any(|r| {
        (query.len() <= r.len() && r.starts_with(query))
            || (query.starts_with(r.as_str()) && matches_from(chars, i + 1, &query[r.len()..]))
            || (r.as_bytes().first() == query.as_bytes().first()
                && matches_from(chars, i + 1, &query[1..]))
    })
}

pub fn pinyin_matches(name: &str, query: &str) -> bool {
    let chars = readings(name);
    (0..chars.len()).any(|i| matches_from(&chars, i, query))
}

/// The fields a search looks at, for one person.
pub struct Haystack<'a> {
    pub name: &'a str,
    pub id_number: &'a str,
    pub phone: &'a str,
}

pub fn matches(h: &Haystack, query: &str) -> bool {
    let q = query.trim();
    if q.is_empty() {
        return true;
    }
    if h.name.contains(q) {
        return true;
    }
    let lower = q.to_lowercase().replace(' ', "");
    if lower.chars().all(|c| c.is_ascii_lowercase()) {
        return pinyin_matches(h.name, &lower);
    }
    // Digits: part of the ID number (at least 4, so a single digit does not match everyone)
    // or of the phone.
    if q.len() >= 4
        && q.chars()
            .all(|c| c.is_ascii_digit() || c == 'X' || c == 'x')
    {
        return h.id_number.contains(&q.to_uppercase())
            || h.phone.replace([' ', '-'], "").contains(q);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(name: &str, q: &str) -> bool {
        matches(
            &Haystack {
                name,
                id_number: "11010519491231002X",
                phone: "13800138000",
            },
            q,
        )
    }

    #[test]
    fn finds_by_name_pinyin_and_initials() {
        assert!(m("张三", "张"));
        assert!(m("张三", "zs"));
        assert!(m("张三", "ZS"));
        assert!(m("张三", "zhangsan"));
        assert!(m("张三", "zhangs"));
        assert!(m("张三", "zhan"));
        assert!(m("张三", "san"));
        assert!(m("欧阳晓明", "oyxm"));
        assert!(m("欧阳晓明", "xm"));
        assert!(!m("张三", "zx"));
        assert!(!m("张三", "li"));
    }

    #[test]
    fn polyphonic_surnames_match_every_reading() {
        assert!(m("曾明", "zm"));
        assert!(m("曾明", "zengming"));
        assert!(m("单丽", "shanli"));
    }

    #[test]
    fn rare_characters_are_found() {
        assert!(m("陈堃", "堃"));
        assert!(m("陈堃", "chenkun"));
        assert!(m("刘䶮", "䶮"));
        assert!(m("王𠇔", "𠇔"));
        assert!(m("王𠇔", "w"));
        assert!(m("吴喆", "wz"));
    }

    #[test]
    fn finds_by_id_and_phone_digits() {
        assert!(m("张三", "1949"));
        assert!(m("张三", "002x"));
        assert!(m("张三", "0013"));
        assert!(!m("张三", "1"));
    }
}
