//! Why words could not be read as a timeframe.

/// Why words could not be read as a timeframe, in words for the person who typed them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    Empty,
    TooLong,
    /// A day the calendar does not have ("31 February 2023").
    NoSuchDay(String),
    /// A quarter other than Q1 to Q4.
    NoSuchQuarter,
    /// A half other than H1 or H2.
    NoSuchHalf,
    /// "2023/25": not two years in a row.
    NotAFinancialYear,
    YearOutOfRange,
    /// A condition with nothing after its first word ("after").
    EmptyCondition,
    Unreadable(String),
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ParseError::Empty => f.write_str(
                "Say when it was promised for, as it was said: \"Q3 2023\", \"mid-July\", \
                 \"in 5.2.0\", \"after the pilot\" or \"TBC\".",
            ),
            ParseError::TooLong => f.write_str("Keep it under 200 characters."),
            ParseError::NoSuchDay(day) => write!(f, "There is no {day}."),
            ParseError::NoSuchQuarter => f.write_str("A quarter is Q1, Q2, Q3 or Q4."),
            ParseError::NoSuchHalf => f.write_str("A half year is H1 or H2."),
            ParseError::NotAFinancialYear => {
                f.write_str("A financial year is two years in a row, such as 2023/24.")
            }
            ParseError::YearOutOfRange => f.write_str("Give a year between 2000 and 2100."),
            ParseError::EmptyCondition => {
                f.write_str("Say what it waits for, such as \"after the pilot\".")
            }
            ParseError::Unreadable(text) => write!(
                f,
                "Watchdog cannot read \"{text}\" as a time. Try a date (14 July 2023), a month \
                 (July 2023, mid-July), a quarter (Q3 2023), a release (5.2.0), a condition \
                 (after the pilot) or \"TBC\"."
            ),
        }
    }
}
