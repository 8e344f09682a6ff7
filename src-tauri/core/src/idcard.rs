//! 公民身份号码 (GB 11643-1999): the 18-character citizen ID, its check digit, and the birth
//! date and sex it encodes.
use chrono::{Datelike, NaiveDate};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// 性别, as the ID number encodes it (its 17th digit).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Sex {
    Male,
    Female,
}

impl Sex {
    pub const ALL: [Sex; 2] = [Sex::Male, Sex::Female];
    pub fn code(self) -> &'static str {
        match self {
            Sex::Male => "male",
            Sex::Female => "female",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Sex::Male => "男",
            Sex::Female => "女",
        }
    }
    pub(crate) fn from_code(s: &str) -> Option<Sex> {
        [Sex::Male, Sex::Female].into_iter().find(|x| x.code() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdNumber {
    /// Normalized: 18 characters, a lowercase check `x` made uppercase.
    pub value: String,
    pub birth_date: NaiveDate,
    pub sex: Sex,
}

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

/// The check character for the first 17 digits.
pub fn check_char(first17: &str) -> Option<char> {
    let mut sum = 0;
    for (c, w) in first17.chars().zip(WEIGHTS) {
        sum += c.to_digit(10)? * w;
    }
    (first17.chars().count() == 17).then(|| CHECK[(sum % 11) as usize])
}

/// Parses an ID number; the error is the Chinese message for the form.
pub fn parse(input: &str) -> Result<IdNumber, String> {
    let value: String = input.trim().to_uppercase();
    if value.is_empty() {
        return Err("请填写公民身份号码".into());
    }
    if value.chars().count() != 18 {
        return Err(format!(
            "公民身份号码应为18位，现为{}位",
            value.chars().count()
        ));
    }
    // Byte positions below assume ASCII; 18 characters may include a Chinese one (found by
    // the import fuzzer: a cell like "110105199005200学本科").
    if !value.is_ascii() {
        return Err("公民身份号码只能由数字和X组成".into());
    }
    let (first17, last) = value.split_at(17);
    if !first17.chars().all(|c| c.is_ascii_digit()) {
        return Err("公民身份号码前17位应为数字".into());
    }
    let last = last.chars().next().unwrap_or(' ');
    if !(last.is_ascii_digit() || last == 'X') {
        return Err("公民身份号码最后一位应为数字或X".into());
    }
    let birth_date = NaiveDate::parse_from_str(&value[6..14], "%Y%m%d")
        .ok()
        .filter(|d| d.year() >= 1900)
        .ok_or_else(|| "公民身份号码中的出生日期（第7至14位）不是有效日期".to_string())?;
    if check_char(first17) != Some(last) {
        return Err("公民身份号码校验位不正确，请核对是否有输错的数字".into());
    }
    // The 17th digit: odd for men, even for women.
    let sex = if value.as_bytes()[16] % 2 == 1 {
        Sex::Male
    } else {
        Sex::Female
    };
    Ok(IdNumber {
        value,
        birth_date,
        sex,
    })
}

/// Shows only the region and the last digit: for lists and logs that must not reveal the ID.
pub fn masked(value: &str) -> String {
    value
        .chars()
        .enumerate()
        .map(|(i, c)| if (4..17).contains(&i) { '*' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_standards_example_and_derives_birth_and_sex() {
        // The worked example of GB 11643-1999.
        let id = parse("11010519491231002x").expect("valid");
        assert_eq!(id.value, "11010519491231002X");
        assert_eq!(
            id.birth_date,
            NaiveDate::from_ymd_opt(1949, 12, 31).expect("date")
        );
        assert_eq!(id.sex, Sex::Female);
        assert_eq!(parse("440524198001010013").expect("valid").sex, Sex::Male);
    }

    #[test]
    fn refuses_wrong_check_digit_length_and_date() {
        assert!(parse("110105194912310021")
            .expect_err("refused")
            .contains("校验位"));
        assert!(parse("1101051949123100")
            .expect_err("refused")
            .contains("18位"));
        assert!(parse("11010519491331002X")
            .expect_err("refused")
            .contains("出生日期"));
        assert!(parse("1101051949123100AX")
            .expect_err("refused")
            .contains("前17位"));
        assert!(parse("").expect_err("refused").contains("请填写"));
        // Eighteen characters, one of them Chinese: refused, not a panic.
        assert!(parse("110105199005200学本科")
            .expect_err("refused")
            .contains("只能由数字和X组成"));
        assert!(parse("11010519900520001𠀀")
            .expect_err("refused")
            .contains("只能由数字和X组成"));
    }

    #[test]
    fn masks_the_middle() {
        assert_eq!(masked("11010519491231002X"), "1101*************X");
    }
}
