//! Times shown the British way, in UK time: "15 June 2023", "15 June 2023, 14:05". The UK
//! keeps GMT in winter and BST (GMT+1) from 01:00 GMT on the last Sunday of March to 01:00
//! GMT on the last Sunday of October; that rule, in force since 1996, is all this needs, so
//! the browser build carries no time-zone database.

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc, Weekday};

/// The same instant on the UK's clocks.
pub fn uk_clock(at: DateTime<Utc>) -> chrono::NaiveDateTime {
    let year = at.year();
    let starts = last_sunday(year, 3);
    let ends = last_sunday(year, 10);
    let summer = at >= starts && at < ends;
    let offset = if summer {
        Duration::hours(1)
    } else {
        Duration::zero()
    };
    at.naive_utc() + offset
}

/// 01:00 GMT on the last Sunday of `month`.
fn last_sunday(year: i32, month: u32) -> DateTime<Utc> {
    let first_of_next = NaiveDate::from_ymd_opt(year, month + 1, 1).unwrap_or(NaiveDate::MIN);
    let mut day = first_of_next - Duration::days(1);
    while day.weekday() != Weekday::Sun {
        day -= Duration::days(1);
    }
    Utc.from_utc_datetime(&day.and_hms_opt(1, 0, 0).unwrap_or_default())
}

/// "15 June 2023".
pub fn date(at: DateTime<Utc>) -> String {
    uk_clock(at).format("%-d %B %Y").to_string()
}

/// "15 June 2023, 14:05".
pub fn date_time(at: DateTime<Utc>) -> String {
    uk_clock(at).format("%-d %B %Y, %H:%M").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .expect("valid")
            .with_timezone(&Utc)
    }

    #[test]
    fn winter_is_gmt_and_summer_is_bst() {
        assert_eq!(
            date_time(utc("2023-01-15T14:05:00Z")),
            "15 January 2023, 14:05"
        );
        assert_eq!(
            date_time(utc("2023-06-15T14:05:00Z")),
            "15 June 2023, 15:05"
        );
    }

    #[test]
    fn clocks_change_at_one_in_the_morning_gmt_on_the_last_sundays() {
        // 2023: 26 March and 29 October.
        assert_eq!(
            date_time(utc("2023-03-26T00:59:00Z")),
            "26 March 2023, 00:59"
        );
        assert_eq!(
            date_time(utc("2023-03-26T01:00:00Z")),
            "26 March 2023, 02:00"
        );
        assert_eq!(
            date_time(utc("2023-10-29T00:59:00Z")),
            "29 October 2023, 01:59"
        );
        assert_eq!(
            date_time(utc("2023-10-29T01:00:00Z")),
            "29 October 2023, 01:00"
        );
    }

    #[test]
    fn the_date_can_differ_from_the_utc_date_in_summer() {
        assert_eq!(date(utc("2024-07-31T23:30:00Z")), "1 August 2024");
        assert_eq!(date(utc("2024-12-31T23:30:00Z")), "31 December 2024");
    }
}
