//! Reading the commitment forms' fields: each gives the value or the message shown by its
//! field. Pure, so the rules are unit-tested here; the server functions apply them.

use chrono::{Datelike, NaiveDate};

use crate::domain::{
    commitments::CommitmentStatus,
    timeframe::{self, QuarterScheme, Timeframe, Window},
};

/// A commitment's title: trimmed, 1 to 200 characters.
pub fn parse_title(text: &str) -> Result<String, &'static str> {
    let text = text.trim();
    match text.chars().count() {
        0 => Err("Say in a line what was promised."),
        201.. => Err("Keep the title under 200 characters."),
        _ => Ok(text.to_owned()),
    }
}

/// The day something was said: a date (as a date field sends it, or "14/07/2023"), not after
/// `today` and not before `not_before`; empty means today.
pub fn parse_said_on(
    text: &str,
    today: NaiveDate,
    not_before: Option<NaiveDate>,
) -> Result<NaiveDate, String> {
    let text = text.trim();
    let day = if text.is_empty() {
        today
    } else {
        NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .or_else(|_| NaiveDate::parse_from_str(text, "%d/%m/%Y"))
            .map_err(|_| "Give the day it was said, e.g. 2023-06-15.".to_owned())?
    };
    if day > today {
        return Err("That day is still to come; give the day it was said.".to_owned());
    }
    match not_before {
        Some(earliest) if day < earliest => Err(format!(
            "The last promise was recorded as said on {}; this one cannot come before it.",
            earliest.format("%-d %B %Y")
        )),
        _ if day.year() < 2000 => Err("Give a day from 2000 on.".to_owned()),
        _ => Ok(day),
    }
}

/// What the supplier said, read as a timeframe on the day it was said.
pub fn parse_words(
    text: &str,
    said_on: NaiveDate,
    scheme: QuarterScheme,
) -> Result<Timeframe, String> {
    timeframe::parse(text, said_on, scheme).map_err(|error| error.to_string())
}

/// A name for the supplier's side when no representative's account is picked: up to 120
/// characters.
pub fn parse_party(text: &str) -> Result<String, &'static str> {
    let text = text.trim();
    if text.chars().count() > 120 {
        return Err("Keep the name under 120 characters.");
    }
    Ok(text.to_owned())
}

/// Why the promise changed: required when its due end moves later or it loses its days;
/// up to 1,000 characters.
pub fn parse_reason(
    text: &str,
    before: Option<Window>,
    after: Option<Window>,
) -> Result<String, &'static str> {
    let text = text.trim();
    if text.chars().count() > 1000 {
        return Err("Keep the reason under 1,000 characters.");
    }
    let later = match (before, after) {
        (Some(before), Some(after)) => after.last > before.last,
        (Some(_), None) => true,
        (None, _) => false,
    };
    if later && text.is_empty() {
        return Err("The promise moves later: say why, as the supplier gave it.");
    }
    Ok(text.to_owned())
}

/// What was delivered: required when the status becomes delivered (from `before`); up to
/// 2,000 characters.
pub fn parse_note(
    text: &str,
    status: CommitmentStatus,
    before: CommitmentStatus,
) -> Result<String, &'static str> {
    let text = text.trim();
    if text.chars().count() > 2000 {
        return Err("Keep the note under 2,000 characters.");
    }
    let becomes_delivered =
        status == CommitmentStatus::Delivered && before != CommitmentStatus::Delivered;
    if becomes_delivered && text.is_empty() {
        return Err("Say what was delivered, e.g. the release and where to find it.");
    }
    Ok(text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().expect("date")
    }

    fn window(first: &str, last: &str) -> Option<Window> {
        Some(Window {
            first: day(first),
            last: day(last),
        })
    }

    #[test]
    fn a_title_is_required_and_short() {
        assert_eq!(
            parse_title("  Roll-out to all sites "),
            Ok("Roll-out to all sites".to_owned())
        );
        assert!(parse_title(" ").is_err());
        assert!(parse_title(&"a".repeat(201)).is_err());
    }

    #[test]
    fn the_day_said_is_today_unless_given_and_never_to_come() {
        let today = day("2023-07-20");
        assert_eq!(parse_said_on("", today, None), Ok(today));
        assert_eq!(
            parse_said_on("2023-06-15", today, None),
            Ok(day("2023-06-15"))
        );
        assert_eq!(
            parse_said_on("15/06/2023", today, None),
            Ok(day("2023-06-15"))
        );
        assert_eq!(
            parse_said_on("2023-07-21", today, None),
            Err("That day is still to come; give the day it was said.".to_owned())
        );
        assert_eq!(
            parse_said_on("2023-06-01", today, Some(day("2023-06-15"))),
            Err(
                "The last promise was recorded as said on 15 June 2023; this one cannot come \
                 before it."
                    .to_owned()
            )
        );
        assert_eq!(
            parse_said_on("June", today, None),
            Err("Give the day it was said, e.g. 2023-06-15.".to_owned())
        );
        assert_eq!(
            parse_said_on("1999-12-31", today, None),
            Err("Give a day from 2000 on.".to_owned())
        );
        assert!(
            parse_said_on("", today, Some(day("2023-07-21"))).is_err(),
            "today is no excuse for coming before the last promise"
        );
    }

    #[test]
    fn a_later_due_end_needs_a_reason_and_an_earlier_one_does_not() {
        let july = window("2023-07-01", "2023-07-31");
        let q3 = window("2023-07-01", "2023-09-30");
        let june = window("2023-06-01", "2023-06-30");
        assert!(parse_reason("", july, q3).is_err());
        assert_eq!(
            parse_reason(" testing found a fault ", july, q3),
            Ok("testing found a fault".to_owned())
        );
        assert_eq!(parse_reason("", july, june), Ok(String::new()));
        assert_eq!(parse_reason("", july, july), Ok(String::new()));
        assert!(
            parse_reason("", july, None).is_err(),
            "losing its days is moving later"
        );
        assert_eq!(parse_reason("", None, july), Ok(String::new()));
    }

    #[test]
    fn a_delivery_needs_a_note() {
        use CommitmentStatus::*;
        assert!(parse_note(" ", Delivered, InProgress).is_err());
        assert_eq!(parse_note("", InProgress, Promised), Ok(String::new()));
        assert_eq!(
            parse_note("In 5.2.0, see the release notes", Delivered, Piloting),
            Ok("In 5.2.0, see the release notes".to_owned())
        );
        assert_eq!(
            parse_note("", Delivered, Delivered),
            Ok(String::new()),
            "a re-promise of what was delivered needs no second note"
        );
    }

    #[test]
    fn words_read_as_the_timeframe_type_reads_them() {
        let read = parse_words("mid-July", day("2023-06-15"), QuarterScheme::Calendar);
        assert_eq!(
            read.map(|timeframe| timeframe.to_string()),
            Ok("mid-July 2023".to_owned())
        );
        assert!(parse_words("", day("2023-06-15"), QuarterScheme::Calendar).is_err());
    }
}
