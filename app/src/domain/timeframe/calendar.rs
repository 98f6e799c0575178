//! The calendar words of a timeframe: quarters and halves ("Q3 2023", "2023/24 Q1", "H2"),
//! the ends of months, quarters and years, months and their thirds ("mid-July"), and days
//! ("14/07/2023", "14 July").

use chrono::{Datelike, NaiveDate};

use super::{add_months, quarter_of, ParseError, QuarterScheme, Third, Timeframe, MONTHS};

/// A month's number from its name, in full or its first three letters ("sept" too).
fn month_number(word: &str) -> Option<u32> {
    let word = word.trim_end_matches(',');
    if word == "sept" {
        return Some(9);
    }
    MONTHS
        .iter()
        .position(|name| {
            let name = name.to_ascii_lowercase();
            name == word || (word.len() == 3 && name.starts_with(word))
        })
        .and_then(|index| u32::try_from(index + 1).ok())
}

pub(super) fn four_digit_year(word: &str) -> Option<i32> {
    (word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()))
        .then(|| word.parse().ok())
        .flatten()
}

pub(super) fn checked_year(year: i32) -> Result<i32, ParseError> {
    if (2000..=2100).contains(&year) {
        Ok(year)
    } else {
        Err(ParseError::YearOutOfRange)
    }
}

/// A year as written beside a quarter: "2023", "23", or a financial year "2023/24",
/// "2023-24", "2023/2024", "23/24" (then `true`).
fn year_word(word: &str) -> Result<Option<(i32, bool)>, ParseError> {
    if let Some((first, second)) = word.split_once(['/', '-']) {
        let digits = |text: &str| !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
        if !digits(first) || !digits(second) {
            return Ok(None);
        }
        let start = match first.len() {
            4 => first.parse::<i32>().unwrap_or(0),
            2 => 2000 + first.parse::<i32>().unwrap_or(0),
            _ => return Ok(None),
        };
        let follows = match second.len() {
            4 => second.parse::<i32>().ok() == Some(start + 1),
            2 => second.parse::<i32>().ok() == Some((start + 1).rem_euclid(100)),
            _ => return Ok(None),
        };
        if !follows {
            return Err(ParseError::NotAFinancialYear);
        }
        return Ok(Some((checked_year(start)?, true)));
    }
    if let Some(year) = four_digit_year(word) {
        return Ok(Some((checked_year(year)?, false)));
    }
    if word.len() == 2 && word.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(Some((2000 + word.parse::<i32>().unwrap_or(0), false)));
    }
    Ok(None)
}

/// "q3" → 3; "q7" is a quarter that does not exist.
fn numbered(word: &str, letter: char) -> Option<u32> {
    let number = word.strip_prefix(letter)?;
    (number.len() == 1).then(|| number.parse().ok()).flatten()
}

/// "Q3 2023", "2023 Q3", "Q3 23", "Q3", "Q1 2023/24", "2023/24 Q1", "H2 2023", "H2", "the
/// second half of 2023".
pub(super) fn quarter_or_half(
    words: &[&str],
    said: NaiveDate,
    scheme: QuarterScheme,
) -> Result<Option<Timeframe>, ParseError> {
    let words: Vec<&str> = words
        .iter()
        .copied()
        .filter(|word| *word != "the" && *word != "of")
        .collect();
    match words.as_slice() {
        ["first" | "second", "half", rest @ ..] if rest.len() <= 1 => {
            let half = if words[0] == "first" { 1 } else { 2 };
            let year = match rest {
                [] | ["year"] | ["this", ..] => said.year(),
                [word] => match four_digit_year(word) {
                    Some(year) => checked_year(year)?,
                    None => return Ok(None),
                },
                _ => return Ok(None),
            };
            return Ok(Some(Timeframe::Half { year, half }));
        }
        _ => {}
    }
    let (period, year) = match words.as_slice() {
        [period] => (*period, None),
        [period, year] if numbered(period, 'q').is_some() || numbered(period, 'h').is_some() => {
            (*period, Some(*year))
        }
        [year, period] if numbered(period, 'q').is_some() || numbered(period, 'h').is_some() => {
            (*period, Some(*year))
        }
        _ => return Ok(None),
    };
    let year = match year {
        Some(word) => match year_word(word)? {
            Some(year) => Some(year),
            None => return Ok(None),
        },
        None => None,
    };
    if let Some(quarter) = numbered(period, 'q') {
        if !(1..=4).contains(&quarter) {
            return Err(ParseError::NoSuchQuarter);
        }
        let (year, scheme) = match year {
            Some((year, true)) => (year, QuarterScheme::UkFinancial),
            Some((year, false)) => (year, scheme),
            // The next such quarter not yet ended.
            None => {
                let (current_year, current) = quarter_of(said, scheme);
                (
                    if quarter >= current {
                        current_year
                    } else {
                        current_year + 1
                    },
                    scheme,
                )
            }
        };
        return Ok(Some(Timeframe::Quarter {
            year,
            quarter,
            scheme,
        }));
    }
    if let Some(half) = numbered(period, 'h') {
        if !(1..=2).contains(&half) {
            return Err(ParseError::NoSuchHalf);
        }
        let year = match year {
            Some((_, true)) => return Err(ParseError::NoSuchHalf),
            Some((year, false)) => year,
            None => {
                let current = if said.month() <= 6 { 1 } else { 2 };
                if half >= current {
                    said.year()
                } else {
                    said.year() + 1
                }
            }
        };
        return Ok(Some(Timeframe::Half { year, half }));
    }
    Ok(None)
}

/// "end of July", "the end of July 2023", "end of the month", "end of next month", "the end of
/// the year", "end of 2023", "year end", "end of Q3" (the quarter).
pub(super) fn end_of(
    words: &[&str],
    said: NaiveDate,
    scheme: QuarterScheme,
) -> Result<Option<Timeframe>, ParseError> {
    let rest = match words {
        ["year", "end"] | ["year-end"] => {
            return Ok(Some(Timeframe::EndOfYear { year: said.year() }))
        }
        ["the", "end", "of", rest @ ..] | ["end", "of", rest @ ..] | ["end", rest @ ..] => rest,
        _ => return Ok(None),
    };
    let timeframe = match rest {
        ["the", "month"] | ["this", "month"] => Timeframe::EndOfMonth {
            year: said.year(),
            month: said.month(),
        },
        ["next", "month"] => {
            let (year, month) = add_months(said.year(), said.month(), 1);
            Timeframe::EndOfMonth { year, month }
        }
        ["the", "year"] | ["this", "year"] => Timeframe::EndOfYear { year: said.year() },
        ["next", "year"] => Timeframe::EndOfYear {
            year: said.year() + 1,
        },
        ["the", "quarter"] | ["this", "quarter"] => {
            let (year, quarter) = quarter_of(said, scheme);
            Timeframe::Quarter {
                year,
                quarter,
                scheme,
            }
        }
        [year] if four_digit_year(year).is_some() => Timeframe::EndOfYear {
            year: checked_year(four_digit_year(year).unwrap_or(0))?,
        },
        _ => {
            if let Some(timeframe) = quarter_or_half(rest, said, scheme)? {
                return Ok(Some(timeframe));
            }
            match month(rest, said)? {
                Some(Timeframe::Month { year, month }) => Timeframe::EndOfMonth { year, month },
                _ => return Ok(None),
            }
        }
    };
    Ok(Some(timeframe))
}

/// "July 2023", "Jul", "mid-July 2023", "early July", "late July", "the middle of July".
pub(super) fn month(words: &[&str], said: NaiveDate) -> Result<Option<Timeframe>, ParseError> {
    let mut words: Vec<&str> = words.to_vec();
    let mut third = None;
    // "mid-july" is one word.
    let joined;
    if let Some(rest) = words.first().and_then(|first| first.strip_prefix("mid-")) {
        joined = rest.to_owned();
        words[0] = &joined;
        third = Some(Third::Mid);
    } else {
        let (part, taken) = match words.as_slice() {
            ["early" | "beginning" | "start", ..] => (Some(Third::Early), 1),
            ["the", "beginning" | "start", "of", ..] => (Some(Third::Early), 3),
            ["mid", ..] => (Some(Third::Mid), 1),
            ["the", "middle", "of", ..] | ["the", "mid", "of", ..] => (Some(Third::Mid), 3),
            ["middle", ..] => (Some(Third::Mid), 1),
            ["late", ..] => (Some(Third::Late), 1),
            _ => (None, 0),
        };
        third = third.or(part);
        words.drain(..taken);
        if words.first() == Some(&"of") {
            words.remove(0);
        }
    }
    let (month, year) = match words.as_slice() {
        [month] => (month_number(month), None),
        [month, year] => match four_digit_year(year) {
            Some(year) => (month_number(month), Some(checked_year(year)?)),
            None => return Ok(None),
        },
        _ => return Ok(None),
    };
    let Some(month) = month else {
        return Ok(None);
    };
    let timeframe = |year: i32| match third {
        Some(third) => Timeframe::PartOfMonth { year, month, third },
        None => Timeframe::Month { year, month },
    };
    let year = match year {
        Some(year) => year,
        // The next such month (or part of it) not yet over.
        None => {
            let this_year = timeframe(said.year());
            let over = this_year.window().is_some_and(|window| window.last < said);
            if over {
                said.year() + 1
            } else {
                said.year()
            }
        }
    };
    Ok(Some(timeframe(year)))
}

/// "2023-07-14", "14/07/2023", "14 July 2023", "14th Jul 2023", "14 July" (the next 14 July
/// from the day said).
pub(super) fn date(
    rest: &str,
    words: &[&str],
    said: NaiveDate,
) -> Result<Option<NaiveDate>, ParseError> {
    let day_of = |year: i32, month: u32, day: u32| {
        NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| {
            let month_name = MONTHS
                .get((month as usize).wrapping_sub(1))
                .copied()
                .unwrap_or("");
            ParseError::NoSuchDay(format!("{day} {month_name} {year}").trim().to_owned())
        })
    };
    let number = |text: &str| -> Option<u32> {
        (!text.is_empty() && text.len() <= 4 && text.bytes().all(|b| b.is_ascii_digit()))
            .then(|| text.parse().ok())
            .flatten()
    };
    // ISO: 2023-07-14.
    let iso: Vec<&str> = rest.split('-').collect();
    if let [year, month, day] = iso.as_slice() {
        if year.len() == 4 {
            if let (Some(year), Some(month), Some(day)) = (number(year), number(month), number(day))
            {
                let year = checked_year(i32::try_from(year).unwrap_or(0))?;
                if !(1..=12).contains(&month) {
                    return Err(ParseError::Unreadable(rest.to_owned()));
                }
                return day_of(year, month, day).map(Some);
            }
        }
    }
    // British: 14/07/2023 or 14/07/23.
    let parts: Vec<&str> = rest.split(['/', '.']).collect();
    if let [day, month, year] = parts.as_slice() {
        if let (Some(day), Some(month), Some(year)) = (number(day), number(month), number(year)) {
            let year = match year {
                0..=99 => 2000 + i32::try_from(year).unwrap_or(0),
                _ => checked_year(i32::try_from(year).unwrap_or(0))?,
            };
            if !(1..=12).contains(&month) {
                return Err(ParseError::Unreadable(rest.to_owned()));
            }
            return day_of(year, month, day).map(Some);
        }
    }
    // Words: 14 July 2023, 14th Jul, 14 July.
    let day_number = |word: &str| {
        let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let suffix = &word[digits.len()..];
        (matches!(suffix, "" | "st" | "nd" | "rd" | "th"))
            .then(|| number(digits))
            .flatten()
            .filter(|day| (1..=31).contains(day))
    };
    let (day, month, year) = match words {
        [day, month] => (day_number(day), month_number(month), None),
        [day, month, year] => match four_digit_year(year) {
            Some(year) => (
                day_number(day),
                month_number(month),
                Some(checked_year(year)?),
            ),
            None => return Ok(None),
        },
        _ => return Ok(None),
    };
    let (Some(day), Some(month)) = (day, month) else {
        return Ok(None);
    };
    match year {
        Some(year) => day_of(year, month, day).map(Some),
        None => {
            // The next such day from the day said (29 February waits for a leap year).
            for year in said.year()..=said.year() + 8 {
                if let Some(date) = NaiveDate::from_ymd_opt(year, month, day) {
                    if date >= said {
                        return Ok(Some(date));
                    }
                }
            }
            let month_name = MONTHS[(month - 1) as usize];
            Err(ParseError::NoSuchDay(format!("{day} {month_name}")))
        }
    }
}
