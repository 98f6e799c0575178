//! Reading a timeframe from what people write: case-insensitive, spaces and a final full stop
//! ignored, relative words resolved against the day they were said, a missing year read as
//! the next time that month (or quarter, or half) is still to come.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use super::{
    add_months,
    calendar::{checked_year, date, end_of, four_digit_year, month, quarter_or_half},
    quarter_of, ParseError, QuarterScheme, Timeframe, Vague,
};

/// Reads `text`, said on `said`, with quarters numbered by `scheme` (unless the text names a
/// financial year itself, "Q1 2023/24").
pub fn parse(text: &str, said: NaiveDate, scheme: QuarterScheme) -> Result<Timeframe, ParseError> {
    if text.chars().count() > 200 {
        return Err(ParseError::TooLong);
    }
    let original = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let original = original.trim_end_matches(['.', '!']).trim().to_owned();
    if original.is_empty() {
        return Err(ParseError::Empty);
    }
    let lower = original.to_ascii_lowercase();
    // A canonical description with its window in brackets reads as what it describes.
    if let Some((head, _)) = original.rsplit_once(" (") {
        if original.ends_with(')') {
            if let Ok(timeframe) = read(head, &head.to_ascii_lowercase(), said, scheme) {
                if timeframe.describe().to_ascii_lowercase() == lower {
                    return Ok(timeframe);
                }
            }
        }
    }
    read(&original, &lower, said, scheme)
}

const CONDITIONS: [&str; 10] = [
    "after ",
    "once ",
    "when ",
    "as soon as ",
    "following ",
    "subject to ",
    "pending ",
    "depending on ",
    "dependent on ",
    "if ",
];

fn read(
    original: &str,
    lower: &str,
    said: NaiveDate,
    scheme: QuarterScheme,
) -> Result<Timeframe, ParseError> {
    if let Some(vague) = vague(lower, said)? {
        return Ok(Timeframe::Vague(vague));
    }
    for start in CONDITIONS {
        if let Some(rest) = lower.strip_prefix(start) {
            if rest.trim().is_empty() {
                return Err(ParseError::EmptyCondition);
            }
            return Ok(Timeframe::Conditional {
                condition: original.to_owned(),
            });
        }
        if lower == start.trim_end() {
            return Err(ParseError::EmptyCondition);
        }
    }
    if let Some(version) = release(lower) {
        return Ok(Timeframe::Release { version });
    }
    if let Some(timeframe) = relative(lower, said, scheme)? {
        return Ok(timeframe);
    }
    // "the week of 17 July 2023", "w/c 17 July".
    let week_of = [
        "the week of ",
        "week of ",
        "the week commencing ",
        "week commencing ",
        "w/c ",
    ]
    .iter()
    .find_map(|start| lower.strip_prefix(start));
    if let Some(rest) = week_of {
        let words: Vec<&str> = rest.split(' ').collect();
        if let Some(date) = date(rest, &words, said)? {
            return Ok(Timeframe::Week {
                monday: monday_of(date),
            });
        }
    }
    let (by, rest) = match lower.strip_prefix("by ") {
        Some(rest) => (true, rest),
        None => (false, lower.strip_prefix("due ").unwrap_or(lower)),
    };
    let rest = rest.strip_prefix("in ").unwrap_or(rest);
    let words: Vec<&str> = rest.split(' ').collect();
    if let Some(end) = end_of(&words, said, scheme)? {
        return Ok(end);
    }
    if let Some(timeframe) = quarter_or_half(&words, said, scheme)? {
        return Ok(timeframe);
    }
    if let Some(date) = date(rest, &words, said)? {
        return Ok(Timeframe::Day { date, by });
    }
    if let Some(timeframe) = month(&words, said)? {
        return Ok(timeframe);
    }
    Err(ParseError::Unreadable(original.to_owned()))
}

/// Words that promise no time. "Coming" before them (as in a release note's "coming …")
/// adds nothing: it reads as the words alone.
fn vague(lower: &str, said: NaiveDate) -> Result<Option<Vague>, ParseError> {
    let lower = lower.strip_prefix("coming ").unwrap_or(lower);
    Ok(Some(match lower {
        "soon" | "shortly" | "asap" | "as soon as possible" | "in the near future" => Vague::Soon,
        "tbc" | "tba" | "to be confirmed" | "to be announced" | "tbd" | "to be decided" => {
            Vague::Tbc
        }
        "in due course" | "in time" | "at some point" | "eventually" => Vague::InDueCourse,
        "later this year" | "later in the year" => Vague::LaterIn(said.year()),
        _ => match lower.strip_prefix("later in ") {
            Some(year) => Vague::LaterIn(match four_digit_year(year) {
                Some(year) => checked_year(year)?,
                None => return Ok(None),
            }),
            None => return Ok(None),
        },
    }))
}

/// "5.2.0", "in 5.2.0", "release 5.2", "in version 5.2.0", "v5.2.0".
fn release(lower: &str) -> Option<String> {
    let mut rest = lower;
    for prefix in ["in ", "release ", "version ", "v"] {
        rest = rest.strip_prefix(prefix).unwrap_or(rest);
    }
    let parts: Vec<&str> = rest.split('.').collect();
    let numbers = parts.iter().all(|part| {
        !part.is_empty() && part.len() <= 4 && part.bytes().all(|b| b.is_ascii_digit())
    });
    // "14.07.2023" is a date, not a version.
    let looks_like_date = parts.len() == 3 && parts[2].len() == 4;
    (numbers && (2..=4).contains(&parts.len()) && !looks_like_date).then(|| rest.to_owned())
}

fn monday_of(date: NaiveDate) -> NaiveDate {
    date - Duration::days(i64::from(date.weekday().num_days_from_monday()))
}

fn small_number(word: &str) -> Option<u32> {
    const WORDS: [&str; 12] = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve",
    ];
    match word {
        "a" | "an" => Some(1),
        _ => WORDS
            .iter()
            .position(|name| *name == word)
            .and_then(|index| u32::try_from(index + 1).ok())
            .or_else(|| word.parse().ok().filter(|n| (1..=52).contains(n))),
    }
}

/// Words relative to the day they were said: "next week", "in two weeks", "next month", "this
/// quarter", "by Friday", "today".
fn relative(
    lower: &str,
    said: NaiveDate,
    scheme: QuarterScheme,
) -> Result<Option<Timeframe>, ParseError> {
    let week = |weeks: i64| Timeframe::Week {
        monday: monday_of(said) + Duration::weeks(weeks),
    };
    let month = |months: u32| {
        let (year, month) = add_months(said.year(), said.month(), months);
        Timeframe::Month { year, month }
    };
    let quarter = |quarters: u32| {
        let (year, quarter) = quarter_of(said, scheme);
        let index = quarter - 1 + quarters;
        Timeframe::Quarter {
            year: year + i32::try_from(index / 4).unwrap_or(0),
            quarter: index % 4 + 1,
            scheme,
        }
    };
    let timeframe = match lower {
        "today" => Timeframe::Day {
            date: said,
            by: false,
        },
        "tomorrow" => Timeframe::Day {
            date: said + Duration::days(1),
            by: false,
        },
        "this week" => week(0),
        "next week" => week(1),
        "in a fortnight" | "in a fortnight's time" => week(2),
        "this month" => month(0),
        "next month" => month(1),
        "this quarter" => quarter(0),
        "next quarter" => quarter(1),
        _ => {
            let rest = lower
                .strip_prefix("in ")
                .map(|rest| rest.strip_suffix(" time").unwrap_or(rest))
                .map(|rest| rest.trim_end_matches("'s").trim_end_matches('\''));
            if let Some((count, unit)) = rest.and_then(|rest| rest.split_once(' ')) {
                if let Some(count) = small_number(count) {
                    match unit {
                        "day" | "days" => {
                            return Ok(Some(Timeframe::Day {
                                date: said + Duration::days(i64::from(count)),
                                by: false,
                            }))
                        }
                        "week" | "weeks" => return Ok(Some(week(i64::from(count)))),
                        "month" | "months" => return Ok(Some(month(count))),
                        _ => {}
                    }
                }
            }
            // "within two weeks": a deadline that many days, weeks or months on.
            if let Some((count, unit)) = lower
                .strip_prefix("within ")
                .and_then(|rest| rest.trim_start_matches("the next ").split_once(' '))
            {
                if let Some(count) = small_number(count) {
                    let date = match unit {
                        "day" | "days" => Some(said + Duration::days(i64::from(count))),
                        "week" | "weeks" => Some(said + Duration::weeks(i64::from(count))),
                        "month" | "months" => said.checked_add_months(chrono::Months::new(count)),
                        _ => None,
                    };
                    if let Some(date) = date {
                        return Ok(Some(Timeframe::Day { date, by: true }));
                    }
                }
            }
            let day = lower.strip_prefix("by ").unwrap_or(lower);
            let day = day.strip_prefix("next ").unwrap_or(day);
            match weekday(day) {
                Some(weekday) => {
                    let mut date = said + Duration::days(1);
                    while date.weekday() != weekday {
                        date += Duration::days(1);
                    }
                    Timeframe::Day { date, by: true }
                }
                None => return Ok(None),
            }
        }
    };
    Ok(Some(timeframe))
}

fn weekday(word: &str) -> Option<Weekday> {
    const DAYS: [(&str, Weekday); 7] = [
        ("monday", Weekday::Mon),
        ("tuesday", Weekday::Tue),
        ("wednesday", Weekday::Wed),
        ("thursday", Weekday::Thu),
        ("friday", Weekday::Fri),
        ("saturday", Weekday::Sat),
        ("sunday", Weekday::Sun),
    ];
    DAYS.iter()
        .find(|(name, _)| *name == word || (word.len() == 3 && name.starts_with(word)))
        .map(|(_, day)| *day)
}
