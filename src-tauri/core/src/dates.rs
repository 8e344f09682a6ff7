//! Dates as the secretary types and reads them: 2026-11-26, 2026.11.26, 2026年11月26日.
use chrono::{Datelike, Months, NaiveDate};

/// Parses the usual written forms of a full date; None when it is not a real date.
pub fn parse(input: &str) -> Option<NaiveDate> {
    let s = input.trim();
    let s = s.strip_suffix('日').unwrap_or(s);
    let parts: Vec<&str> = s.split(['-', '.', '/', '年', '月']).collect();
    match parts.as_slice() {
        [y, m, d] if y.len() == 4 => {
            NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
        }
        [compact] if compact.len() == 8 && compact.chars().all(|c| c.is_ascii_digit()) => {
            NaiveDate::parse_from_str(compact, "%Y%m%d").ok()
        }
        _ => None,
    }
}

/// Like [`parse`], and also the month-only forms rosters use for 出生年月 and 入党时间
/// (1985.03, 1985-3, 1985年3月, 198503), read as the first of the month.
pub fn parse_loose(input: &str) -> Option<NaiveDate> {
    if let Some(d) = parse(input) {
        return Some(d);
    }
    let s = input.trim();
    let s = s.strip_suffix('份').unwrap_or(s);
    let s = s.strip_suffix('月').unwrap_or(s);
    let parts: Vec<&str> = s.split(['-', '.', '/', '年']).collect();
    let (y, m) = match parts.as_slice() {
        [y, m] if y.len() == 4 && !m.is_empty() && m.len() <= 2 => (*y, *m),
        [compact] if compact.len() == 6 && compact.chars().all(|c| c.is_ascii_digit()) => {
            (&compact[..4], &compact[4..])
        }
        _ => return None,
    };
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, 1)
}

/// A time of day as people type it — 14:30, 14：30 (the Chinese input method's colon), 9:05,
/// 14点30分, 14时30分, 14点 — written back as `HH:MM`; None when it is not a time.
pub fn parse_time(input: &str) -> Option<String> {
    let s = input.trim().replace(['：', '点', '时'], ":");
    let s = s.trim_end_matches('分');
    let (h, m) = match s.split_once(':') {
        Some((h, m)) => (h.trim(), if m.trim().is_empty() { "0" } else { m.trim() }),
        None => return None,
    };
    if h.is_empty()
        || h.len() > 2
        || m.len() > 2
        || !(h.chars().chain(m.chars())).all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60).then(|| format!("{h:02}:{m:02}"))
}

/// 2026年11月26日 — the form official documents use (Arabic numerals, no padding).
pub fn format_cn(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

pub fn add_months(d: NaiveDate, months: u32) -> NaiveDate {
    d.checked_add_months(Months::new(months)).unwrap_or(d)
}

/// Whole years from `from` to `to` (an age, a length of service).
pub fn years_between(from: NaiveDate, to: NaiveDate) -> i32 {
    let mut years = to.year() - from.year();
    if (to.month(), to.day()) < (from.month(), from.day()) {
        years -= 1;
    }
    years
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn reads_times_as_people_type_them() {
        for (s, t) in [
            ("14:30", "14:30"),
            ("14：30", "14:30"),
            (" 9:05 ", "09:05"),
            ("14点30分", "14:30"),
            ("14时30分", "14:30"),
            ("14点", "14:00"),
        ] {
            assert_eq!(parse_time(s).as_deref(), Some(t), "{s}");
        }
        for s in ["", "25:00", "14:60", "下午", "1430", "14:3a"] {
            assert_eq!(parse_time(s), None, "{s}");
        }
    }

    #[test]
    fn reads_the_forms_people_type() {
        for s in [
            "2021-07-01",
            "2021.7.1",
            "2021/07/01",
            "2021年7月1日",
            "20210701",
            " 2021-7-1 ",
        ] {
            assert_eq!(parse(s), Some(d(2021, 7, 1)), "{s}");
        }
        for s in ["", "2021-02-30", "21-7-1", "明天", "2021-07"] {
            assert_eq!(parse(s), None, "{s}");
        }
        for s in [
            "1985.03",
            "1985.3",
            "1985-3",
            "1985/03",
            "1985年3月",
            "1985年03月份",
            "198503",
        ] {
            assert_eq!(parse_loose(s), Some(d(1985, 3, 1)), "{s}");
        }
        assert_eq!(parse_loose("1985.03.15"), Some(d(1985, 3, 15)));
        for s in ["", "1985", "1985.13", "85.3", "1985.3.", "三月"] {
            assert_eq!(parse_loose(s), None, "{s}");
        }
    }

    #[test]
    fn formats_and_counts() {
        assert_eq!(format_cn(d(2026, 8, 1)), "2026年8月1日");
        assert_eq!(years_between(d(2000, 3, 1), d(2018, 2, 28)), 17);
        assert_eq!(years_between(d(2000, 3, 1), d(2018, 3, 1)), 18);
        assert_eq!(add_months(d(2020, 2, 29), 12), d(2021, 2, 28));
    }
}
