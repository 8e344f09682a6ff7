//! Every code the UI shows with its Chinese label, and the choices its forms may offer, taken
//! from the domain modules and written to `ui/src/bindings/labels.ts` when the tests run, so
//! the UI keeps no copy. It sits at the top of the core: it uses domain modules, none uses it.
use serde::Serialize;
use ts_rs::TS;

use crate::branch::{OrgType, COMMITTEE_ROLES};
use crate::compliance::{CellStatus, ReminderGroup};
use crate::dues::standard::current_standard;
use crate::dues::DuesCategory;
use crate::excel::RowStatus;
use crate::meeting::{AttendanceStatus, FollowupAction, MeetingKind, ReviewGrade};
use crate::member::{Category, MembershipReason, Sex, EDUCATION_OPTIONS, ETHNICITIES};
use crate::report::{ListKind, SECTIONS};
use crate::roster::{RosterOrder, StatusFilter};
use crate::rules::Period;
use crate::structure::Structure;
use crate::venue::{ItemStatus, VenueStandard};

/// One label table: codes and their labels, in the order the core lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// Its name in `LABELS`: the TypeScript type of its codes, or that name and the reading.
    pub name: &'static str,
    /// The TypeScript type of its codes (a ts-rs binding), or None for plain strings.
    pub code_type: Option<String>,
    /// The type's declaration as ts-rs writes it (`"male" | "female"`), to check against.
    pub declared: Option<String>,
    pub entries: Vec<(String, String)>,
}

/// The code serde gives a value: the same text the bindings and the commands use.
fn code_of<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn table<T, L>(name: &'static str, all: &[T], label: impl Fn(T) -> L) -> Table
where
    T: Serialize + TS + Copy,
    L: Into<String>,
{
    let cfg = ts_rs::Config::new();
    Table {
        name,
        code_type: Some(T::name(&cfg)),
        declared: Some(T::inline(&cfg)),
        entries: all.iter().map(|v| (code_of(v), label(*v).into())).collect(),
    }
}

/// Every label table, sorted by name.
pub fn tables() -> Vec<Table> {
    let dues = current_standard();
    let mut all = vec![
        table(
            "AttendanceStatus",
            &AttendanceStatus::ALL,
            AttendanceStatus::label,
        ),
        table("Category", &Category::ALL, Category::label),
        table("CellStatus", &CellStatus::ALL, CellStatus::label),
        table("ReminderGroup", &ReminderGroup::ALL, ReminderGroup::label),
        // The form names the way each category's amount is reached under the current rules.
        table("DuesCategory", &DuesCategory::ALL, |c| {
            format!("{}（{}）", c.label(), dues.basis_text(c))
        }),
        table(
            "FollowupAction",
            &FollowupAction::ALL,
            FollowupAction::label,
        ),
        table("ItemStatus", &ItemStatus::ALL, ItemStatus::label),
        table("ListKind", &ListKind::ALL, ListKind::label),
        table("MeetingKind", &MeetingKind::ALL, MeetingKind::label),
        table(
            "MembershipReason",
            &MembershipReason::ALL,
            MembershipReason::label,
        ),
        table(
            "MembershipReasonIn",
            &MembershipReason::ALL,
            MembershipReason::arrival_label,
        ),
        table("OrgType", &OrgType::ALL, OrgType::label),
        table("Period", &Period::ALL, Period::label),
        Table {
            name: "ReportSection",
            code_type: None,
            declared: None,
            entries: SECTIONS
                .iter()
                .map(|(code, label)| (code.to_string(), label.to_string()))
                .collect(),
        },
        table("ReviewGrade", &ReviewGrade::ALL, ReviewGrade::label),
        table("RosterOrder", &RosterOrder::ALL, RosterOrder::label),
        table("RowStatus", &RowStatus::ALL, RowStatus::label),
        table("Sex", &Sex::ALL, Sex::label),
        table("StatusFilter", &StatusFilter::ALL, StatusFilter::label),
        table("Structure", &Structure::ALL, Structure::label),
        table("VenueStandard", &VenueStandard::ALL, VenueStandard::label),
    ];
    all.sort_by_key(|t| t.name);
    all
}

/// A choice list a form offers: its name in `RULES`, its TypeScript type, and its values as
/// TypeScript text.
struct Rule {
    name: &'static str,
    doc: &'static str,
    ts_type: String,
    value: String,
}

fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

fn list<S: AsRef<str>>(items: impl IntoIterator<Item = S>) -> String {
    let items: Vec<String> = items.into_iter().map(|s| quoted(s.as_ref())).collect();
    format!("[{}]", items.join(", "))
}

fn codes<T: Serialize>(items: &[T]) -> String {
    list(items.iter().map(code_of))
}

fn rules() -> Vec<Rule> {
    let cfg = ts_rs::Config::new();
    let kind = MeetingKind::name(&cfg);
    let combinations: Vec<String> = MeetingKind::ALL
        .iter()
        .map(|k| {
            let with: Vec<MeetingKind> = MeetingKind::ALL
                .into_iter()
                .filter(|o| o != k && k.combines_with(*o))
                .collect();
            format!("    {}: {},", quoted(&code_of(k)), codes(&with))
        })
        .collect();
    let needs_income: Vec<DuesCategory> = DuesCategory::ALL
        .into_iter()
        .filter(|c| c.needs_income())
        .collect();
    vec![
        Rule {
            name: "meetingCombinations",
            doc: "The kinds a meeting of each kind may also count as (同时算作).",
            ts_type: format!("Record<{kind}, readonly {kind}[]>"),
            value: format!("{{\n{}\n  }}", combinations.join("\n")),
        },
        Rule {
            name: "committeeRoles",
            doc: "Committee roles, in their printed order.",
            ts_type: "readonly string[]".into(),
            value: list(COMMITTEE_ROLES),
        },
        Rule {
            name: "educationOptions",
            doc: "Usual education levels (学历); others may be typed.",
            ts_type: "readonly string[]".into(),
            value: list(EDUCATION_OPTIONS),
        },
        Rule {
            name: "ethnicities",
            doc: "The 56 ethnic groups (民族); others may be typed.",
            ts_type: "readonly string[]".into(),
            value: list(ETHNICITIES),
        },
        Rule {
            name: "duesNeedsIncome",
            doc: "Dues categories whose amount is a share of a monthly income.",
            ts_type: format!("readonly {}[]", DuesCategory::name(&cfg)),
            value: codes(&needs_income),
        },
        Rule {
            name: "leaveReasons",
            doc: "The reasons a member may leave the branch for.",
            ts_type: format!("readonly {}[]", MembershipReason::name(&cfg)),
            value: codes(&MembershipReason::LEAVING),
        },
    ]
}

/// `ui/src/bindings/labels.ts`: the tables as `LABELS` and the form choices as `RULES`,
/// typed against the ts-rs bindings, so a table that misses a code fails the type check.
pub fn typescript() -> String {
    let tables = tables();
    let rules = rules();
    let mut imports: Vec<&str> = tables
        .iter()
        .filter_map(|t| t.code_type.as_deref())
        .collect();
    imports.sort_unstable();
    imports.dedup();

    let mut out = String::from(
        "// This file was generated by zhibu-core (src-tauri/core/src/labels.rs) when `cargo test` runs. Do not edit this file manually.\n",
    );
    for name in &imports {
        out.push_str(&format!("import type {{ {name} }} from \"./{name}\";\n"));
    }
    out.push_str("\n/** Each code the UI shows, with its Chinese label, in the order the core lists them. */\n");
    out.push_str("export const LABELS = {\n");
    for t in &tables {
        out.push_str(&format!("  {}: {{\n", t.name));
        for (code, label) in &t.entries {
            out.push_str(&format!("    {}: {},\n", quoted(code), quoted(label)));
        }
        out.push_str("  },\n");
    }
    out.push_str("} as const satisfies {\n");
    for t in &tables {
        let key = t.code_type.as_deref().unwrap_or("string");
        out.push_str(&format!("  {}: Record<{key}, string>,\n", t.name));
    }
    out.push_str("};\n");

    out.push_str("\n/** What the forms may offer, as the core accepts it. */\n");
    out.push_str("export const RULES = {\n");
    for r in &rules {
        out.push_str(&format!("  /** {} */\n  {}: {},\n", r.doc, r.name, r.value));
    }
    out.push_str("} as const satisfies {\n");
    for r in &rules {
        out.push_str(&format!("  {}: {},\n", r.name, r.ts_type));
    }
    out.push_str("};\n");
    out
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::*;

    /// Where ts-rs writes the bindings (`TS_RS_EXPORT_DIR`, set in `.cargo/config.toml`).
    fn bindings_dir() -> PathBuf {
        let cfg = ts_rs::Config::from_env();
        let dir = cfg.out_dir();
        if dir.is_absolute() {
            dir.to_path_buf()
        } else {
            Path::new(env!("CARGO_MANIFEST_DIR")).join(dir)
        }
    }

    // Written like the ts-rs bindings, so CI's check for drift in ui/src/bindings covers it.
    #[test]
    fn export_labels() {
        let path = bindings_dir().join("labels.ts");
        let text = typescript();
        // Unchanged files keep their time stamp, so a running dev server does not reload.
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            std::fs::create_dir_all(bindings_dir()).expect("bindings folder");
            std::fs::write(&path, text).expect("write labels.ts");
        }
    }

    #[test]
    fn every_table_has_each_code_of_its_type_once_with_a_label() {
        for t in tables() {
            let codes: Vec<&str> = t.entries.iter().map(|(c, _)| c.as_str()).collect();
            assert!(
                t.entries
                    .iter()
                    .all(|(c, l)| !c.is_empty() && !l.is_empty()),
                "{}: {:?}",
                t.name,
                t.entries
            );
            if let Some(declared) = &t.declared {
                let union: Vec<String> = codes.iter().map(|c| quoted(c)).collect();
                assert_eq!(&union.join(" | "), declared, "{} misses a code", t.name);
            } else {
                let mut unique = codes.clone();
                unique.sort_unstable();
                unique.dedup();
                assert_eq!(unique.len(), codes.len(), "{}", t.name);
            }
        }
    }

    #[test]
    fn labels_read_as_the_secretary_sees_them() {
        let find = |name: &str, code: &str| {
            tables()
                .into_iter()
                .find(|t| t.name == name)
                .and_then(|t| t.entries.into_iter().find(|(c, _)| c == code))
                .map(|(_, l)| l)
                .unwrap_or_default()
        };
        assert_eq!(find("MeetingKind", "theme_day"), "主题党日");
        assert_eq!(find("DuesCategory", "student"), "学生（每月0.2元）");
        assert_eq!(find("DuesCategory", "farmer"), "农民（每月0.2–1元）");
        assert_eq!(find("DuesCategory", "in_service"), "在职（按月工资收入）");
        assert_eq!(find("MembershipReason", "transfer"), "组织关系转出");
        assert_eq!(find("MembershipReasonIn", "transfer"), "组织关系转入");
        assert_eq!(find("ReportSection", "s1"), "履职情况");
    }

    #[test]
    fn only_the_pairs_the_core_accepts_are_offered_together() {
        let text = typescript();
        assert!(text.contains("    \"theme_day\": [\"general_meeting\", \"party_lecture\"],"));
        assert!(text.contains("    \"member_review\": [\"life_meeting\"],"));
        assert!(text.contains("    \"other\": [],"));
    }

    /// Nothing in the core may depend on how the UI reads its codes.
    #[test]
    fn no_module_uses_the_labels() {
        fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
            for entry in std::fs::read_dir(dir).expect("read src") {
                let path = entry.expect("entry").path();
                if path.is_dir() {
                    rust_files(&path, out);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    out.push(path);
                }
            }
        }
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = Vec::new();
        rust_files(&src, &mut files);
        let users: Vec<String> = files
            .iter()
            .filter(|f| !f.ends_with("labels.rs"))
            .filter(|f| {
                std::fs::read_to_string(f)
                    .expect("read source")
                    .contains("crate::labels")
            })
            .map(|f| f.display().to_string())
            .collect();
        assert!(users.is_empty(), "labels is used by {users:?}");
    }
}
