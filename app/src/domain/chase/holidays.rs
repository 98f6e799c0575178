//! The bank holidays of England and Wales, shipped as a table (the days announced, with the
//! substitute days when one falls at a weekend). Administrators add further days, such as a
//! one-off holiday for a royal occasion, in the chase policy's settings.

use chrono::NaiveDate;

/// The bank holidays of England and Wales, 2024 to 2030, as (year, month, day).
pub const ENGLAND_AND_WALES: &[(i32, u32, u32)] = &[
    (2024, 1, 1),
    (2024, 3, 29),
    (2024, 4, 1),
    (2024, 5, 6),
    (2024, 5, 27),
    (2024, 8, 26),
    (2024, 12, 25),
    (2024, 12, 26),
    (2025, 1, 1),
    (2025, 4, 18),
    (2025, 4, 21),
    (2025, 5, 5),
    (2025, 5, 26),
    (2025, 8, 25),
    (2025, 12, 25),
    (2025, 12, 26),
    (2026, 1, 1),
    (2026, 4, 3),
    (2026, 4, 6),
    (2026, 5, 4),
    (2026, 5, 25),
    (2026, 8, 31),
    (2026, 12, 25),
    (2026, 12, 28),
    (2027, 1, 1),
    (2027, 3, 26),
    (2027, 3, 29),
    (2027, 5, 3),
    (2027, 5, 31),
    (2027, 8, 30),
    (2027, 12, 27),
    (2027, 12, 28),
    (2028, 1, 3),
    (2028, 4, 14),
    (2028, 4, 17),
    (2028, 5, 1),
    (2028, 5, 29),
    (2028, 8, 28),
    (2028, 12, 25),
    (2028, 12, 26),
    (2029, 1, 1),
    (2029, 3, 30),
    (2029, 4, 2),
    (2029, 5, 7),
    (2029, 5, 28),
    (2029, 8, 27),
    (2029, 12, 25),
    (2029, 12, 26),
    (2030, 1, 1),
    (2030, 4, 19),
    (2030, 4, 22),
    (2030, 5, 6),
    (2030, 5, 27),
    (2030, 8, 26),
    (2030, 12, 25),
    (2030, 12, 26),
];

/// Whether `day` is in the shipped table.
pub fn is_bank_holiday_in_england_and_wales(day: NaiveDate) -> bool {
    use chrono::Datelike;
    ENGLAND_AND_WALES
        .binary_search(&(day.year(), day.month(), day.day()))
        .is_ok()
}

#[cfg(test)]
mod tests {
    use chrono::{Datelike, Duration, Weekday};

    use super::*;

    /// Easter Sunday of `year` (the anonymous Gregorian computus).
    fn easter(year: i32) -> NaiveDate {
        let a = year % 19;
        let b = year / 100;
        let c = year % 100;
        let d = b / 4;
        let e = b % 4;
        let f = (b + 8) / 25;
        let g = (b - f + 1) / 3;
        let h = (19 * a + b - d - g + 15) % 30;
        let i = c / 4;
        let k = c % 4;
        let l = (32 + 2 * e + 2 * i - h - k) % 7;
        let m = (a + 11 * h + 22 * l) / 451;
        let month = (h + l - 7 * m + 114) / 31;
        let day = (h + l - 7 * m + 114) % 31 + 1;
        NaiveDate::from_ymd_opt(year, month as u32, day as u32).expect("a date")
    }

    fn monday_on_or_after(day: NaiveDate) -> NaiveDate {
        let mut day = day;
        while day.weekday() != Weekday::Mon {
            day += Duration::days(1);
        }
        day
    }

    fn last_monday(year: i32, month: u32) -> NaiveDate {
        let next = if month == 12 {
            NaiveDate::from_ymd_opt(year + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(year, month + 1, 1)
        }
        .expect("a date");
        let mut day = next - Duration::days(1);
        while day.weekday() != Weekday::Mon {
            day -= Duration::days(1);
        }
        day
    }

    /// The usual bank holidays of a year, by the rules (no one-off days).
    fn by_the_rules(year: i32) -> Vec<NaiveDate> {
        let date = |month, day| NaiveDate::from_ymd_opt(year, month, day).expect("a date");
        let weekend = |day: NaiveDate| matches!(day.weekday(), Weekday::Sat | Weekday::Sun);
        let new_year = if weekend(date(1, 1)) {
            monday_on_or_after(date(1, 1))
        } else {
            date(1, 1)
        };
        let christmas = date(12, 25);
        let (christmas, boxing) = match christmas.weekday() {
            Weekday::Fri => (christmas, date(12, 28)),
            Weekday::Sat => (date(12, 27), date(12, 28)),
            Weekday::Sun => (date(12, 27), date(12, 26)),
            _ => (christmas, date(12, 26)),
        };
        assert!(!weekend(christmas) && !weekend(boxing));
        let mut days = vec![
            new_year,
            easter(year) - Duration::days(2),
            easter(year) + Duration::days(1),
            monday_on_or_after(date(5, 1)),
            last_monday(year, 5),
            last_monday(year, 8),
            christmas,
            boxing,
        ];
        days.sort();
        days
    }

    #[test]
    fn the_table_is_the_rules_year_by_year_and_in_order() {
        for year in 2024..=2030 {
            let shipped: Vec<NaiveDate> = ENGLAND_AND_WALES
                .iter()
                .filter(|(y, _, _)| *y == year)
                .map(|(y, m, d)| NaiveDate::from_ymd_opt(*y, *m, *d).expect("a date"))
                .collect();
            assert_eq!(shipped, by_the_rules(year), "{year}");
        }
        assert!(ENGLAND_AND_WALES.windows(2).all(|pair| pair[0] < pair[1]));
    }

    #[test]
    fn a_bank_holiday_is_found_and_an_ordinary_day_is_not() {
        let day = |text: &str| text.parse::<NaiveDate>().expect("date");
        assert!(is_bank_holiday_in_england_and_wales(day("2026-12-28")));
        assert!(is_bank_holiday_in_england_and_wales(day("2025-04-18")));
        assert!(!is_bank_holiday_in_england_and_wales(day("2026-12-26")));
        assert!(!is_bank_holiday_in_england_and_wales(day("2026-06-15")));
    }
}
