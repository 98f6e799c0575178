//! The roadmap's calendar: which quarters it shows around today (numbered by the instance's
//! scheme), and the trail of quarters a promise has been due in. Pure: today, the scheme and
//! the due dates come in; quarters go out.

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use super::timeframe::{QuarterScheme, Timeframe, Window};

/// Where a quarter stands against today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum When {
    Past,
    Current,
    Future,
}

/// One column of the roadmap: a quarter, named and with its days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quarter {
    /// "Q3 2026", or "Q3 2026/27" for a financial-year quarter.
    pub label: String,
    pub window: Window,
    pub when: When,
}

/// The quarter `day` falls in, under `scheme`.
pub fn quarter_of(day: NaiveDate, scheme: QuarterScheme) -> (String, Window) {
    let quarter = Timeframe::quarter_containing(day, scheme);
    // A quarter always has its days; a day's own window stands in should that ever fail.
    let window = quarter.window().unwrap_or(Window {
        first: day,
        last: day,
    });
    (quarter.to_string(), window)
}

/// The `before` quarters before today's, today's, and the `after` quarters after it, in
/// order. Each starts the day after the one before it ends.
pub fn quarters_around(
    today: NaiveDate,
    scheme: QuarterScheme,
    before: u32,
    after: u32,
) -> Vec<Quarter> {
    let (label, current) = quarter_of(today, scheme);
    let mut earlier = Vec::new();
    let mut edge = current.first;
    for _ in 0..before {
        let (label, window) = quarter_of(edge - Duration::days(1), scheme);
        edge = window.first;
        earlier.push(Quarter {
            label,
            window,
            when: When::Past,
        });
    }
    earlier.reverse();
    let mut quarters = earlier;
    quarters.push(Quarter {
        label,
        window: current,
        when: When::Current,
    });
    let mut edge = current.last;
    for _ in 0..after {
        let (label, window) = quarter_of(edge + Duration::days(1), scheme);
        edge = window.last;
        quarters.push(Quarter {
            label,
            window,
            when: When::Future,
        });
    }
    quarters
}

/// The quarters a promise has been due in, from the first due end to the last, each once
/// in a row: a slip inside one quarter leaves no trail, a slip across two does.
pub fn trail(due_ends: &[NaiveDate], scheme: QuarterScheme) -> Vec<String> {
    let mut quarters: Vec<String> = Vec::new();
    for end in due_ends {
        let (label, _) = quarter_of(*end, scheme);
        if quarters.last() != Some(&label) {
            quarters.push(label);
        }
    }
    quarters
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        text.parse().expect("date")
    }

    #[test]
    fn nine_calendar_quarters_around_today_in_order_without_gaps() {
        let quarters = quarters_around(date("2026-08-15"), QuarterScheme::Calendar, 4, 4);
        let labels: Vec<&str> = quarters.iter().map(|q| q.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "Q3 2025", "Q4 2025", "Q1 2026", "Q2 2026", "Q3 2026", "Q4 2026", "Q1 2027",
                "Q2 2027", "Q3 2027"
            ]
        );
        assert_eq!(quarters[4].when, When::Current);
        assert!(quarters[..4].iter().all(|q| q.when == When::Past));
        assert!(quarters[5..].iter().all(|q| q.when == When::Future));
        assert_eq!(quarters[0].window.first, date("2025-07-01"));
        assert_eq!(quarters[8].window.last, date("2027-09-30"));
        for pair in quarters.windows(2) {
            assert_eq!(
                pair[0].window.last + Duration::days(1),
                pair[1].window.first
            );
        }
    }

    #[test]
    fn financial_quarters_are_numbered_from_april() {
        let quarters = quarters_around(date("2026-05-02"), QuarterScheme::UkFinancial, 1, 1);
        let labels: Vec<&str> = quarters.iter().map(|q| q.label.as_str()).collect();
        assert_eq!(labels, ["Q4 2025/26", "Q1 2026/27", "Q2 2026/27"]);
        assert_eq!(quarters[1].window.first, date("2026-04-01"));
        assert_eq!(quarters[1].window.last, date("2026-06-30"));
    }

    #[test]
    fn today_on_a_quarter_edge_is_in_that_quarter() {
        let first = quarters_around(date("2026-10-01"), QuarterScheme::Calendar, 0, 0);
        assert_eq!(first[0].label, "Q4 2026");
        let last = quarters_around(date("2026-12-31"), QuarterScheme::Calendar, 0, 0);
        assert_eq!(last[0].label, "Q4 2026");
    }

    #[test]
    fn a_trail_names_each_quarter_once_in_a_row() {
        let ends = [
            date("2026-07-20"),
            date("2026-09-30"),
            date("2026-12-31"),
            date("2026-12-15"),
        ];
        assert_eq!(
            trail(&ends, QuarterScheme::Calendar),
            ["Q3 2026", "Q4 2026"]
        );
        assert!(trail(&[], QuarterScheme::Calendar).is_empty());
        // Brought back to where it began: the trail shows the way there and back.
        let back = [date("2026-07-20"), date("2026-11-01"), date("2026-08-01")];
        assert_eq!(
            trail(&back, QuarterScheme::Calendar),
            ["Q3 2026", "Q4 2026", "Q3 2026"]
        );
    }
}
