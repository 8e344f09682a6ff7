//! The report's words kept as data in `assets/report/`: the paragraph templates (in report
//! order, with their names) and the fixed prose around them. Read once from the text compiled
//! into the program, so the binary stays one file and a writer edits Chinese, not Rust.
use std::sync::OnceLock;

/// One `== key | name` block of an asset file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub key: &'static str,
    pub name: &'static str,
    pub text: String,
}

/// Reads `== key | name` blocks; `#` lines are comments; the lines of a block's text are joined
/// without a break (Chinese prose has no spaces between lines).
fn parse(source: &'static str) -> Vec<Entry> {
    let mut entries: Vec<Entry> = Vec::new();
    for line in source.lines() {
        if line.starts_with('#') {
            continue;
        }
        if let Some(head) = line.strip_prefix("== ") {
            let (key, name) = head.split_once(" | ").unwrap_or((head, ""));
            entries.push(Entry {
                key: key.trim(),
                name: name.trim(),
                text: String::new(),
            });
        } else if let Some(last) = entries.last_mut() {
            last.text.push_str(line.trim());
        }
    }
    entries
}

/// The paragraph templates, in the order their paragraphs appear in the report.
pub fn templates() -> &'static [Entry] {
    static T: OnceLock<Vec<Entry>> = OnceLock::new();
    T.get_or_init(|| parse(include_str!("../../../../assets/report/templates.txt")))
}

fn prose_entries() -> &'static [Entry] {
    static P: OnceLock<Vec<Entry>> = OnceLock::new();
    P.get_or_init(|| parse(include_str!("../../../../assets/report/prose.txt")))
}

/// A fixed sentence or heading by key; every key the program asks for is checked by a test.
pub fn prose(key: &str) -> &'static str {
    prose_entries()
        .iter()
        .find(|e| e.key == key)
        .map_or("", |e| e.text.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_are_read_with_their_names_and_joined_text() {
        let e = parse("# comment\n== a.b | 名称\n第一行\n第二行\n\n== c\n正文\n");
        assert_eq!(e.len(), 2);
        assert_eq!(
            (e[0].key, e[0].name, e[0].text.as_str()),
            ("a.b", "名称", "第一行第二行")
        );
        assert_eq!((e[1].key, e[1].name, e[1].text.as_str()), ("c", "", "正文"));
    }

    #[test]
    fn every_template_has_a_name_and_text() {
        assert_eq!(templates().len(), 15);
        for t in templates() {
            assert!(!t.name.is_empty() && !t.text.is_empty(), "{t:?}");
        }
    }

    #[test]
    fn every_prose_key_the_draft_uses_is_there() {
        let source = include_str!("draft.rs");
        let mut asked = 0;
        for part in source.split("prose(\"").skip(1) {
            let key = &part[..part.find('"').unwrap_or(0)];
            asked += 1;
            assert!(
                !prose(key).is_empty(),
                "assets/report/prose.txt lacks “{key}”"
            );
        }
        assert!(
            asked >= 10,
            "the draft reads its prose from the asset ({asked} keys)"
        );
    }
}
