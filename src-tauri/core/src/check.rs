//! Form checking shared by every input type: collects one Chinese message per field, so a
//! refused form shows all its problems at once and nothing is written.
use chrono::NaiveDate;

use crate::dates;
use crate::error::{Error, FieldError, Result};

#[derive(Default)]
pub(crate) struct Check {
    pub errors: Vec<FieldError>,
}

impl Check {
    pub fn fail(&mut self, field: &str, message: impl Into<String>) {
        // One message per field: the first problem is the one to fix.
        if !self.errors.iter().any(|e| e.field == field) {
            self.errors.push(FieldError::new(field, message));
        }
    }

    /// Trims free text and checks its length and that it has no control characters. A tab,
    /// which text pasted from Word or Excel often holds and which nobody can see to delete,
    /// becomes four spaces instead of a refusal.
    pub fn text(&mut self, field: &str, label: &str, value: &str, max: usize) -> String {
        let value = value.replace('\t', "    ");
        let value = value.trim();
        if value.chars().count() > max {
            self.fail(field, format!("{label}不能超过{max}个字"));
        } else if value.chars().any(|c| c.is_control() && c != '\n') {
            self.fail(field, format!("{label}含有不可见的控制字符"));
        }
        value.to_string()
    }

    /// An optional date that must be real and not in the future.
    pub fn date(
        &mut self,
        field: &str,
        label: &str,
        value: Option<&str>,
        today: NaiveDate,
    ) -> Option<NaiveDate> {
        let value = value.map(str::trim).filter(|s| !s.is_empty())?;
        match dates::parse(value) {
            None => {
                let shown: String = value.chars().take(20).collect();
                self.fail(
                    field,
                    format!("{label}“{shown}”不是有效日期，请按 2021-07-01 的格式填写"),
                );
                None
            }
            Some(d) if d > today => {
                self.fail(field, format!("{label}不能晚于今天"));
                None
            }
            Some(d) => Some(d),
        }
    }

    pub fn finish(self) -> Result<()> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(Error::invalid(self.errors))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pasted_tab_becomes_spaces_other_control_characters_are_refused() {
        let mut c = Check::default();
        assert_eq!(
            c.text("content", "会议内容", "一、学习\t党章\n二、讨论", 100),
            "一、学习    党章\n二、讨论"
        );
        assert!(c.errors.is_empty());
        c.text("place", "地点", "会议室\u{7}", 100);
        assert_eq!(c.errors[0].message, "地点含有不可见的控制字符");
    }
}
