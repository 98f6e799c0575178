//! When something was promised for, as suppliers say it: "mid-July", "Q3", "in 5.2.0", "next
//! week", "once the pilot ends", "TBC". A `Timeframe` is the parse of such words, resolved
//! against the day they were said (relative words become the dates they meant), and knows its
//! window of days, if it has one: a release's window is its release's, a condition or vague
//! words have none (except "later this year", which ends on 31 December).
//!
//! Shared by the browser (the commitment form shows the parse live) and the server (which
//! parses the same way and keeps the supplier's exact words beside the parse). Rendering is
//! canonical, and what it renders parses back to the same timeframe.

use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};

mod calendar;
mod error;
mod parse;
#[cfg(test)]
mod tests;

pub use error::ParseError;
pub use parse::parse;

/// How the instance numbers its quarters: calendar quarters (Q1 = January to March), or the
/// UK financial year's (Q1 = April to June; "2023/24" runs from April 2023 to March 2024).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum QuarterScheme {
    #[default]
    Calendar,
    UkFinancial,
}

impl QuarterScheme {
    pub const ALL: [QuarterScheme; 2] = [QuarterScheme::Calendar, QuarterScheme::UkFinancial];

    /// Its stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            QuarterScheme::Calendar => "calendar",
            QuarterScheme::UkFinancial => "uk_financial",
        }
    }

    pub fn parse(text: &str) -> Option<QuarterScheme> {
        Self::ALL.into_iter().find(|scheme| scheme.as_str() == text)
    }

    pub fn label(self) -> &'static str {
        match self {
            QuarterScheme::Calendar => "Calendar: Q1 is Jan–Mar",
            QuarterScheme::UkFinancial => "UK financial year: Q1 is Apr–Jun",
        }
    }
}

/// A run of days, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Window {
    pub first: NaiveDate,
    pub last: NaiveDate,
}

/// A third of a month: days 1–10, 11–20, 21 to the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Third {
    Early,
    Mid,
    Late,
}

/// Words that promise no time at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Vague {
    Soon,
    Tbc,
    InDueCourse,
    /// "later this year": no start, but an end.
    LaterIn(i32),
}

/// When something is promised for, parsed and resolved.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Timeframe {
    /// A day ("14 July 2023"); `by` when said as a deadline ("by 14 July").
    Day {
        date: NaiveDate,
        by: bool,
    },
    /// The week (Monday to Sunday) that starts on `monday`.
    Week {
        monday: NaiveDate,
    },
    Month {
        year: i32,
        month: u32,
    },
    /// Early, mid- or late month.
    PartOfMonth {
        year: i32,
        month: u32,
        third: Third,
    },
    /// By the end of the month.
    EndOfMonth {
        year: i32,
        month: u32,
    },
    /// A quarter: of calendar `year`, or of the financial year that starts in April of `year`.
    Quarter {
        year: i32,
        quarter: u32,
        scheme: QuarterScheme,
    },
    /// A calendar half year: H1 is January to June.
    Half {
        year: i32,
        half: u32,
    },
    /// By the end of the calendar year.
    EndOfYear {
        year: i32,
    },
    /// In a release of the supplier's, whose own window it takes.
    Release {
        version: String,
    },
    /// Once something happens: no window until someone gives one.
    Conditional {
        condition: String,
    },
    Vague(Vague),
}

/// The months' names, January first.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "15 June 2023", written out by hand so the browser's bundle needs no date formatter.
pub fn long_date(day: NaiveDate) -> String {
    format!(
        "{} {} {}",
        day.day(),
        MONTHS[day.month0() as usize],
        day.year()
    )
}

/// "1 day", "46 days".
pub fn days(count: i64) -> String {
    if count == 1 {
        "1 day".to_owned()
    } else {
        format!("{count} days")
    }
}

/// A day written as a date field sends it, "2023-06-15". Read by hand rather than with
/// chrono's format parser, which the browser's bundle would otherwise carry for this alone.
pub fn iso_date(text: &str) -> Option<NaiveDate> {
    let mut parts = text.trim().splitn(3, '-');
    let mut number = |width: usize| {
        parts
            .next()
            .filter(|part| part.len() == width && part.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|part| part.parse::<u32>().ok())
    };
    let (year, month, day) = (number(4)?, number(2)?, number(2)?);
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
}

/// The first day of `month` of `year`; `None` outside the calendar.
fn first_of(year: i32, month: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, 1)
}

/// The last day of `month` of `year`.
fn last_of(year: i32, month: u32) -> Option<NaiveDate> {
    let (next_year, next_month) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    Some(first_of(next_year, next_month)? - Duration::days(1))
}

/// The calendar year and month that start quarter `quarter` of `year` under `scheme`.
fn quarter_start(year: i32, quarter: u32, scheme: QuarterScheme) -> (i32, u32) {
    let offset = match scheme {
        QuarterScheme::Calendar => 0,
        QuarterScheme::UkFinancial => 3,
    };
    let months = (quarter - 1) * 3 + offset;
    (
        year + i32::try_from(months / 12).unwrap_or(0),
        months % 12 + 1,
    )
}

fn add_months(year: i32, month: u32, months: u32) -> (i32, u32) {
    let index = month - 1 + months;
    (
        year + i32::try_from(index / 12).unwrap_or(0),
        index % 12 + 1,
    )
}

/// The quarter `said` falls in under `scheme`: (its year, its number).
fn quarter_of(said: NaiveDate, scheme: QuarterScheme) -> (i32, u32) {
    match scheme {
        QuarterScheme::Calendar => (said.year(), said.month0() / 3 + 1),
        QuarterScheme::UkFinancial => {
            let months_into = (said.month0() + 9) % 12;
            let year = if said.month() >= 4 {
                said.year()
            } else {
                said.year() - 1
            };
            (year, months_into / 3 + 1)
        }
    }
}

impl Timeframe {
    /// The days it means, if it means any: none for a release (its release has them), a
    /// condition, or vague words other than "later this year" (from 1 January of that year).
    pub fn window(&self) -> Option<Window> {
        let window = |first: Option<NaiveDate>, last: Option<NaiveDate>| {
            Some(Window {
                first: first?,
                last: last?,
            })
        };
        match self {
            Timeframe::Day { date, .. } => window(Some(*date), Some(*date)),
            Timeframe::Week { monday } => window(Some(*monday), Some(*monday + Duration::days(6))),
            Timeframe::Month { year, month } | Timeframe::EndOfMonth { year, month } => {
                window(first_of(*year, *month), last_of(*year, *month))
            }
            Timeframe::PartOfMonth { year, month, third } => {
                let (first, last) = match third {
                    Third::Early => (1, 10),
                    Third::Mid => (11, 20),
                    Third::Late => (21, last_of(*year, *month)?.day()),
                };
                window(
                    NaiveDate::from_ymd_opt(*year, *month, first),
                    NaiveDate::from_ymd_opt(*year, *month, last),
                )
            }
            Timeframe::Quarter {
                year,
                quarter,
                scheme,
            } => {
                let (start_year, start_month) = quarter_start(*year, *quarter, *scheme);
                let (end_year, end_month) = if start_month + 2 > 12 {
                    (start_year + 1, start_month + 2 - 12)
                } else {
                    (start_year, start_month + 2)
                };
                window(
                    first_of(start_year, start_month),
                    last_of(end_year, end_month),
                )
            }
            Timeframe::Half { year, half } => {
                let start = if *half == 1 { 1 } else { 7 };
                window(first_of(*year, start), last_of(*year, start + 5))
            }
            Timeframe::EndOfYear { year } | Timeframe::Vague(Vague::LaterIn(year)) => {
                window(first_of(*year, 1), last_of(*year, 12))
            }
            Timeframe::Release { .. } | Timeframe::Conditional { .. } | Timeframe::Vague(_) => None,
        }
    }

    /// Its kind in a word, as stored beside it and filtered on: `date`, `week`, `month`,
    /// `quarter`, `half`, `year`, `release`, `conditional` or `vague`.
    pub fn kind(&self) -> &'static str {
        match self {
            Timeframe::Day { .. } => "date",
            Timeframe::Week { .. } => "week",
            Timeframe::Month { .. }
            | Timeframe::PartOfMonth { .. }
            | Timeframe::EndOfMonth { .. } => "month",
            Timeframe::Quarter { .. } => "quarter",
            Timeframe::Half { .. } => "half",
            Timeframe::EndOfYear { .. } => "year",
            Timeframe::Release { .. } => "release",
            Timeframe::Conditional { .. } => "conditional",
            Timeframe::Vague(_) => "vague",
        }
    }

    /// The quarter `day` falls in, numbered by `scheme`.
    pub fn quarter_containing(day: NaiveDate, scheme: QuarterScheme) -> Timeframe {
        let (year, quarter) = quarter_of(day, scheme);
        Timeframe::Quarter {
            year,
            quarter,
            scheme,
        }
    }

    /// Whether it promises no time at all (vague words, "later this year" among them).
    pub fn is_vague(&self) -> bool {
        matches!(self, Timeframe::Vague(_))
    }

    /// Whether it waits on something happening first.
    pub fn is_conditional(&self) -> bool {
        matches!(self, Timeframe::Conditional { .. })
    }

    /// The canonical words and, when it has one, its window: "Q3 2023 (1 Jul – 30 Sep 2023)".
    pub fn describe(&self) -> String {
        match (self, self.window()) {
            (Timeframe::Day { .. }, _) | (_, None) => self.to_string(),
            (_, Some(window)) => format!("{self} ({})", window.describe()),
        }
    }
}

impl Window {
    /// "1 Jul – 30 Sep 2023", "1 Dec 2023 – 31 Jan 2024", or "14 Jul 2023" for one day.
    pub fn describe(&self) -> String {
        let short =
            |date: NaiveDate| format!("{} {}", date.day(), &MONTHS[date.month0() as usize][..3]);
        if self.first == self.last {
            format!("{} {}", short(self.first), self.first.year())
        } else if self.first.year() == self.last.year() {
            format!(
                "{} – {} {}",
                short(self.first),
                short(self.last),
                self.last.year()
            )
        } else {
            format!(
                "{} {} – {} {}",
                short(self.first),
                self.first.year(),
                short(self.last),
                self.last.year()
            )
        }
    }
}

impl std::fmt::Display for Timeframe {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let month_name = |month: &u32| MONTHS[(*month as usize).saturating_sub(1) % 12];
        match self {
            Timeframe::Day { date, by } => write!(
                f,
                "{}{} {} {}",
                if *by { "by " } else { "" },
                date.day(),
                month_name(&date.month()),
                date.year()
            ),
            Timeframe::Week { monday } => write!(
                f,
                "the week of {} {} {}",
                monday.day(),
                month_name(&monday.month()),
                monday.year()
            ),
            Timeframe::Month { year, month } => write!(f, "{} {year}", month_name(month)),
            Timeframe::PartOfMonth { year, month, third } => {
                let part = match third {
                    Third::Early => "early ",
                    Third::Mid => "mid-",
                    Third::Late => "late ",
                };
                write!(f, "{part}{} {year}", month_name(month))
            }
            Timeframe::EndOfMonth { year, month } => {
                write!(f, "by the end of {} {year}", month_name(month))
            }
            Timeframe::Quarter {
                year,
                quarter,
                scheme: QuarterScheme::Calendar,
            } => write!(f, "Q{quarter} {year}"),
            Timeframe::Quarter {
                year,
                quarter,
                scheme: QuarterScheme::UkFinancial,
            } => write!(f, "Q{quarter} {year}/{:02}", (year + 1).rem_euclid(100)),
            Timeframe::Half { year, half } => write!(f, "H{half} {year}"),
            Timeframe::EndOfYear { year } => write!(f, "by the end of {year}"),
            Timeframe::Release { version } => write!(f, "release {version}"),
            Timeframe::Conditional { condition } => f.write_str(condition),
            Timeframe::Vague(Vague::Soon) => f.write_str("soon"),
            Timeframe::Vague(Vague::Tbc) => f.write_str("TBC"),
            Timeframe::Vague(Vague::InDueCourse) => f.write_str("in due course"),
            Timeframe::Vague(Vague::LaterIn(year)) => write!(f, "later in {year}"),
        }
    }
}
