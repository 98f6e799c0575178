//! How much one account may write in a while: more than anyone typing reaches, far less than
//! a script flooding the tracker would. Each limit is a number of records in a window; the
//! answer is how long to wait until the oldest one counted leaves its window.

use chrono::{DateTime, Duration, Utc};

/// At most `count` records in any `seconds`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    pub count: usize,
    pub seconds: i64,
}

/// Comments and official responses, together: a meeting's worth of replies typed fast is
/// well inside.
pub const POSTS: [Limit; 2] = [
    Limit {
        count: 20,
        seconds: 60,
    },
    Limit {
        count: 200,
        seconds: 3600,
    },
];

/// Issues reported: a chair filing a meeting's list of problems is well inside.
pub const ISSUES: [Limit; 2] = [
    Limit {
        count: 10,
        seconds: 60,
    },
    Limit {
        count: 60,
        seconds: 3600,
    },
];

/// The longest window among `limits`: how far back the records to count go.
pub fn longest_window(limits: &[Limit]) -> Duration {
    Duration::seconds(limits.iter().map(|limit| limit.seconds).max().unwrap_or(0))
}

/// The wait before one more record is allowed at `now`, given when the account's recent
/// records were written (in any order); `None` if one is allowed now.
pub fn wait(limits: &[Limit], recent: &[DateTime<Utc>], now: DateTime<Utc>) -> Option<Duration> {
    let mut newest_first = recent.to_vec();
    newest_first.sort_unstable_by(|a, b| b.cmp(a));
    limits
        .iter()
        .filter_map(|limit| {
            let window = Duration::seconds(limit.seconds);
            let within: Vec<_> = newest_first
                .iter()
                .filter(|at| **at > now - window)
                .collect();
            // The record whose leaving the window makes room for one more.
            let oldest_counted = within.get(limit.count.checked_sub(1)?)?;
            Some(**oldest_counted + window - now)
        })
        .max()
}

/// "Try again in 3 minutes." for a wait: the same words as sign-in's.
pub use super::sign_in_throttle::try_again_in;

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000 + seconds, 0).expect("valid time")
    }

    #[test]
    fn below_every_limit_there_is_no_wait() {
        let recent: Vec<_> = (0..19).map(at).collect();
        assert_eq!(wait(&POSTS, &recent, at(20)), None);
        assert_eq!(wait(&POSTS, &[], at(0)), None);
    }

    #[test]
    fn a_burst_waits_until_its_oldest_leaves_the_minute() {
        let recent: Vec<_> = (0..20).map(at).collect();
        assert_eq!(wait(&POSTS, &recent, at(20)), Some(Duration::seconds(40)));
        assert_eq!(
            wait(&POSTS, &recent, at(60)),
            None,
            "the first left the window"
        );
    }

    #[test]
    fn a_steady_stream_meets_the_hourly_limit() {
        // One post every 15 seconds reaches 200 within the hour, never twenty in a minute;
        // one every 20 seconds stays under both.
        let steady: Vec<_> = (0..200).map(|n| at(n * 15)).collect();
        let now = at(200 * 15);
        let waited = wait(&POSTS, &steady, now).expect("a wait");
        assert_eq!(waited, at(0) + Duration::hours(1) - now);
        let slower: Vec<_> = (0..200).map(|n| at(n * 20)).collect();
        assert_eq!(wait(&POSTS, &slower, at(200 * 20)), None);
    }

    #[test]
    fn issues_have_tighter_limits_than_posts() {
        let ten: Vec<_> = (0..10).map(at).collect();
        assert!(wait(&ISSUES, &ten, at(10)).is_some());
        assert!(wait(&POSTS, &ten, at(10)).is_none());
        assert_eq!(longest_window(&ISSUES), Duration::hours(1));
    }
}
