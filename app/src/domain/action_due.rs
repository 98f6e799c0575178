//! When an action agreed at a meeting is due: its words ("by the end of next month") read as a
//! supplier's promise is read, on the day of the meeting, so an action gets the days its words
//! give. Words that give none (a condition, "soon", "at the next meeting") are kept as said
//! with no date: they are the minutes' record of what was agreed, never refused.

use chrono::NaiveDate;

use crate::domain::timeframe::{self, QuarterScheme, Window};

/// The days the words give, said on `said` (the meeting's day) under `scheme`.
pub fn due_window(words: &str, said: NaiveDate, scheme: QuarterScheme) -> Option<Window> {
    if words.trim().is_empty() {
        return None;
    }
    timeframe::parse(words, said, scheme)
        .ok()
        .and_then(|timeframe| timeframe.window())
}

/// How many days an action is past its due end on `today`: `None` when it is done, has no
/// date, or is not yet past it.
pub fn overdue_days(due: Option<Window>, open: bool, today: NaiveDate) -> Option<i64> {
    let last = due?.last;
    (open && today > last).then(|| (today - last).num_days())
}

/// How a line of the minutes says when an action is due: the words as said and, when they
/// give days, the last of them ("by the end of next month (31 July 2023)").
pub fn due_phrase(words: &str, due: Option<Window>) -> Option<String> {
    let words = words.trim();
    match due {
        _ if words.is_empty() => None,
        Some(due) => Some(format!("{words} ({})", timeframe::long_date(due.last))),
        None => Some(words.to_owned()),
    }
}

/// "1 day overdue", "12 days overdue".
pub fn overdue_phrase(days: i64) -> String {
    format!("{} overdue", timeframe::days(days))
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
    fn the_words_are_read_on_the_meeting_day() {
        let meeting = day("2023-06-15");
        let read = |words: &str| due_window(words, meeting, QuarterScheme::Calendar);
        assert_eq!(
            read("by the end of next month"),
            window("2023-07-01", "2023-07-31")
        );
        assert_eq!(read("within two weeks"), window("2023-06-29", "2023-06-29"));
        assert_eq!(read("mid-July"), window("2023-07-11", "2023-07-20"));
        assert_eq!(read("Q3"), window("2023-07-01", "2023-09-30"));
        assert_eq!(
            due_window("Q3", meeting, QuarterScheme::UkFinancial),
            window("2023-10-01", "2023-12-31")
        );
    }

    #[test]
    fn words_that_give_no_days_give_no_date() {
        let meeting = day("2023-06-15");
        for words in [
            "",
            "  ",
            "soon",
            "after the pilot",
            "in 5.2.0",
            "at the next meeting",
        ] {
            assert_eq!(
                due_window(words, meeting, QuarterScheme::Calendar),
                None,
                "{words}"
            );
        }
    }

    #[test]
    fn the_phrase_keeps_the_words_and_adds_the_last_day() {
        assert_eq!(
            due_phrase(
                "by the end of next month",
                window("2023-07-01", "2023-07-31")
            ),
            Some("by the end of next month (31 July 2023)".to_owned())
        );
        assert_eq!(
            due_phrase("at the next meeting", None),
            Some("at the next meeting".to_owned())
        );
        assert_eq!(due_phrase(" ", None), None);
        assert_eq!(overdue_phrase(1), "1 day overdue");
        assert_eq!(overdue_phrase(12), "12 days overdue");
    }

    #[test]
    fn an_open_action_is_overdue_from_the_day_after_its_due_end() {
        let due = window("2023-07-01", "2023-07-31");
        assert_eq!(overdue_days(due, true, day("2023-07-31")), None);
        assert_eq!(overdue_days(due, true, day("2023-08-01")), Some(1));
        assert_eq!(overdue_days(due, true, day("2023-09-30")), Some(61));
        assert_eq!(overdue_days(due, false, day("2023-09-30")), None);
        assert_eq!(overdue_days(None, true, day("2023-09-30")), None);
    }
}
