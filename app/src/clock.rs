//! The one clock. Everything on the server that reads "now" or "today" reads it here, so one
//! setting moves all of it at once: a demo instance can be set to a fixed day (the server's
//! `demo_today`, refused on an instance that does not hold the demo data), and a test that
//! moves time starts a server of its own with its own clock, leaving every other test alone.
//!
//! The clock is a shift from the system's time, not a frozen instant: set to a day, it starts
//! at that day's current time of day and runs on from there, so records made one after another
//! still carry times in the order they were made.
//!
//! Only plumbing that no record or page shows reads the system's time instead: how long a
//! refused form waits for its page (seconds, between two requests of one person).

use chrono::{DateTime, Duration, NaiveDate, Utc};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Clock {
    shift: Duration,
}

impl Clock {
    /// The system's time.
    pub fn system() -> Clock {
        Clock::default()
    }

    /// A clock whose today (in UTC) is `today` when it is made, running on from there.
    pub fn starting_on(today: NaiveDate) -> Clock {
        Clock {
            shift: Duration::days((today - Utc::now().date_naive()).num_days()),
        }
    }

    pub fn now(self) -> DateTime<Utc> {
        Utc::now() + self.shift
    }

    /// Whether this clock differs from the system's.
    pub fn is_set(self) -> bool {
        self.shift != Duration::zero()
    }
}

/// Now, by the clock the server put into this request's context (the system's outside one).
pub fn now() -> DateTime<Utc> {
    leptos::prelude::use_context::<Clock>()
        .unwrap_or_default()
        .now()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clock_set_to_a_day_reads_that_day_and_runs_on() {
        let day = NaiveDate::from_ymd_opt(2023, 9, 1).expect("date");
        let clock = Clock::starting_on(day);
        let first = clock.now();
        let second = clock.now();
        // Unless the system's day turned between the two readings.
        assert!(first.date_naive() == day || first.date_naive() == day.succ_opt().expect("day"));
        assert!(second >= first);
        assert!(clock.is_set());
    }

    #[test]
    fn the_system_clock_is_the_system_time() {
        let clock = Clock::system();
        assert!(!clock.is_set());
        let difference = (clock.now() - Utc::now()).num_seconds().abs();
        assert!(difference < 5);
    }
}
