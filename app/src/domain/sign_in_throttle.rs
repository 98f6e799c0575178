//! How long someone must wait before trying to sign in to an account again. Four free tries;
//! from the fifth failure on, each wait doubles (30 seconds, 1 minute, 2, 4 … up to 15
//! minutes); and at most 100 failures in any hour. Failures before the last successful
//! sign-in don't count.

use chrono::{DateTime, Duration, Utc};

/// Failures allowed before any wait.
pub const FREE_FAILURES: usize = 4;
/// Failures allowed in any hour, however patient the guesser.
pub const HOURLY_FAILURES: usize = 100;
const FIRST_WAIT_SECONDS: i64 = 30;
const LONGEST_WAIT: Duration = Duration::minutes(15);

/// The window failures are counted in.
pub fn window() -> Duration {
    Duration::hours(1)
}

/// The wait still to run at `now`, given the failed attempts (oldest first) in the hour
/// before `now` and since the last successful sign-in; `None` if a try is allowed now.
pub fn wait(failures: &[DateTime<Utc>], now: DateTime<Utc>) -> Option<Duration> {
    let count = failures.len();
    let last = *failures.last()?;
    let until = if count >= HOURLY_FAILURES {
        // Allowed again once the oldest failure counted leaves the hour.
        failures[count - HOURLY_FAILURES] + window()
    } else if count > FREE_FAILURES {
        let doublings = u32::try_from(count - FREE_FAILURES - 1).unwrap_or(u32::MAX);
        let wait = 2_i64
            .checked_pow(doublings)
            .and_then(|factor| factor.checked_mul(FIRST_WAIT_SECONDS))
            .map(Duration::seconds)
            .map_or(LONGEST_WAIT, |wait| wait.min(LONGEST_WAIT));
        last + wait
    } else {
        return None;
    };
    (until > now).then(|| until - now)
}

/// Whole minutes to tell a person, rounded up: "try again in 2 minutes".
fn minutes_to_say(wait: Duration) -> i64 {
    let seconds = wait.num_seconds().max(1);
    (seconds + 59) / 60
}

/// "Try again in 3 minutes." for a wait.
pub fn try_again_in(wait: Duration) -> String {
    let minutes = minutes_to_say(wait);
    let unit = if minutes == 1 { "minute" } else { "minutes" };
    format!("Try again in {minutes} {unit}.")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_700_000_000 + seconds, 0).expect("valid time")
    }

    /// `n` failures one second apart, ending at second `n - 1`.
    fn failures(n: i64) -> Vec<DateTime<Utc>> {
        (0..n).map(at).collect()
    }

    #[test]
    fn four_failures_cost_nothing() {
        assert_eq!(wait(&[], at(0)), None);
        assert_eq!(wait(&failures(4), at(4)), None);
    }

    #[test]
    fn from_the_fifth_failure_each_wait_doubles() {
        assert_eq!(wait(&failures(5), at(4)), Some(Duration::seconds(30)));
        assert_eq!(wait(&failures(6), at(5)), Some(Duration::seconds(60)));
        assert_eq!(wait(&failures(7), at(6)), Some(Duration::seconds(120)));
        assert_eq!(wait(&failures(5), at(4 + 30)), None, "the wait has run");
    }

    #[test]
    fn no_wait_is_longer_than_fifteen_minutes_below_the_hourly_limit() {
        assert_eq!(wait(&failures(40), at(39)), Some(Duration::minutes(15)));
    }

    #[test]
    fn a_hundred_failures_in_an_hour_stop_tries_until_the_oldest_leaves_the_hour() {
        let hundred = failures(100);
        assert_eq!(wait(&hundred, at(99)), Some(Duration::seconds(3600 - 99)));
        assert_eq!(wait(&hundred, at(3600)), None);
    }

    #[test]
    fn people_are_told_whole_minutes_rounded_up() {
        assert_eq!(minutes_to_say(Duration::seconds(1)), 1);
        assert_eq!(minutes_to_say(Duration::seconds(60)), 1);
        assert_eq!(minutes_to_say(Duration::seconds(61)), 2);
        assert_eq!(minutes_to_say(Duration::minutes(15)), 15);
    }

    #[test]
    fn the_wait_is_said_in_whole_minutes_rounded_up() {
        assert_eq!(
            try_again_in(Duration::seconds(30)),
            "Try again in 1 minute."
        );
        assert_eq!(
            try_again_in(Duration::seconds(61)),
            "Try again in 2 minutes."
        );
    }
}
