//! What a printout says of itself — title, author, subject, time — in a PDF reader's or
//! Word's document properties.

/// What a printout says of itself in a reader's document properties (PDF and Word alike).
#[derive(Debug, Clone)]
pub struct DocInfo {
    pub title: String,
    /// Whose document it is: the branch.
    pub author: String,
    /// What kind of document (花名册, 述职报告…).
    pub subject: String,
    /// When it was printed.
    pub created: Stamp,
}

impl DocInfo {
    /// A document with a title only, printed now.
    pub fn titled(title: &str) -> DocInfo {
        DocInfo {
            title: title.into(),
            author: String::new(),
            subject: String::new(),
            created: Stamp::now_utc(),
        }
    }
}

/// A moment as the PDF records it, in UTC (printpdf writes every date as +00'00'; readers
/// show it in their own zone).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub year: i32,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
}

impl Stamp {
    pub fn now_utc() -> Stamp {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0);
        let t = printpdf::OffsetDateTime::from_unix_timestamp(secs)
            .unwrap_or_else(|_| printpdf::OffsetDateTime::epoch());
        Stamp {
            year: t.date.year,
            month: t.date.month,
            day: t.date.day,
            hour: t.time.hour,
            minute: t.time.minute,
            second: t.time.second,
        }
    }

    pub(crate) fn to_pdf(self) -> printpdf::OffsetDateTime {
        printpdf::OffsetDateTime {
            date: printpdf::Date {
                year: self.year,
                month: self.month,
                day: self.day,
            },
            time: printpdf::Time {
                hour: self.hour,
                minute: self.minute,
                second: self.second,
                millisecond: 0,
            },
            offset: printpdf::Offset {
                hours: 0,
                minutes: 0,
                seconds: 0,
                milliseconds: 0,
            },
        }
    }
}
