//! When email may be sent: outside the quiet hours, and (as the policy says) not on a
//! Saturday, a Sunday or a bank holiday. A message that falls inside waits for the first
//! moment outside, in the instance's local time. In-app notices never wait.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Weekday};

use super::{is_bank_holiday_in_england_and_wales, ChasePolicy};

/// The policy's sending rules with the extra holidays an administrator added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SendingRules {
    pub quiet_from: NaiveTime,
    pub quiet_until: NaiveTime,
    pub skip_weekends: bool,
    pub skip_bank_holidays: bool,
    /// Days added to the shipped table (a one-off bank holiday).
    pub extra_holidays: Vec<NaiveDate>,
}

impl SendingRules {
    pub fn of(policy: &ChasePolicy, extra_holidays: Vec<NaiveDate>) -> SendingRules {
        SendingRules {
            quiet_from: policy.quiet_from,
            quiet_until: policy.quiet_until,
            skip_weekends: policy.skip_weekends,
            skip_bank_holidays: policy.skip_bank_holidays,
            extra_holidays,
        }
    }

    /// Whether no email goes at all on `day`.
    fn is_day_off(&self, day: NaiveDate) -> bool {
        (self.skip_weekends && matches!(day.weekday(), Weekday::Sat | Weekday::Sun))
            || (self.skip_bank_holidays
                && (is_bank_holiday_in_england_and_wales(day)
                    || self.extra_holidays.contains(&day)))
    }

    /// Whether `time` of day is quiet. Equal ends mean no quiet hours.
    fn is_quiet(&self, time: NaiveTime) -> bool {
        if self.quiet_from <= self.quiet_until {
            time >= self.quiet_from && time < self.quiet_until
        } else {
            time >= self.quiet_from || time < self.quiet_until
        }
    }

    /// The first moment at or after `at` (local time) when email may be sent.
    pub fn next_sending_time(&self, at: NaiveDateTime) -> NaiveDateTime {
        let mut at = at;
        // A year of days off in a row cannot happen; the bound keeps a bad setting harmless.
        for _ in 0..400 {
            if self.is_day_off(at.date()) {
                at = (at.date() + Duration::days(1)).and_time(NaiveTime::MIN);
                continue;
            }
            if !self.is_quiet(at.time()) {
                return at;
            }
            // Inside the quiet hours: they end at `quiet_until`, today or tomorrow.
            let end_today = at.date().and_time(self.quiet_until);
            at = if end_today > at {
                end_today
            } else {
                (at.date() + Duration::days(1)).and_time(self.quiet_until)
            };
        }
        at
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").expect("a time")
    }

    fn rules() -> SendingRules {
        SendingRules::of(&ChasePolicy::default(), Vec::new())
    }

    #[test]
    fn a_weekday_outside_the_quiet_hours_sends_at_once() {
        // Tuesday 1 August 2023, mid-morning.
        assert_eq!(
            rules().next_sending_time(at("2023-08-01 10:30")),
            at("2023-08-01 10:30")
        );
        assert_eq!(
            rules().next_sending_time(at("2023-08-01 08:00")),
            at("2023-08-01 08:00")
        );
    }

    #[test]
    fn the_quiet_hours_hold_email_until_the_morning() {
        assert_eq!(
            rules().next_sending_time(at("2023-08-01 18:00")),
            at("2023-08-02 08:00")
        );
        assert_eq!(
            rules().next_sending_time(at("2023-08-01 23:59")),
            at("2023-08-02 08:00")
        );
        assert_eq!(
            rules().next_sending_time(at("2023-08-02 03:00")),
            at("2023-08-02 08:00")
        );
    }

    #[test]
    fn weekends_and_bank_holidays_wait_for_the_next_working_morning() {
        // Friday evening → Monday; the Friday before a bank holiday Monday → Tuesday.
        assert_eq!(
            rules().next_sending_time(at("2023-08-04 19:00")),
            at("2023-08-07 08:00")
        );
        assert_eq!(
            rules().next_sending_time(at("2025-08-22 19:00")),
            at("2025-08-26 08:00")
        );
        // Christmas 2026: Friday 25th, the 28th a substitute day.
        assert_eq!(
            rules().next_sending_time(at("2026-12-24 18:30")),
            at("2026-12-29 08:00")
        );
    }

    #[test]
    fn an_added_holiday_and_a_policy_without_days_off_are_kept() {
        let mut rules = rules();
        rules
            .extra_holidays
            .push("2023-08-07".parse().expect("date"));
        assert_eq!(
            rules.next_sending_time(at("2023-08-04 19:00")),
            at("2023-08-08 08:00")
        );
        let every_day = SendingRules {
            skip_weekends: false,
            skip_bank_holidays: false,
            ..rules
        };
        assert_eq!(
            every_day.next_sending_time(at("2023-08-05 12:00")),
            at("2023-08-05 12:00")
        );
    }

    #[test]
    fn quiet_hours_within_a_day_and_none_at_all() {
        let lunch = SendingRules {
            quiet_from: NaiveTime::from_hms_opt(12, 0, 0).expect("a time"),
            quiet_until: NaiveTime::from_hms_opt(13, 0, 0).expect("a time"),
            ..rules()
        };
        assert_eq!(
            lunch.next_sending_time(at("2023-08-01 12:30")),
            at("2023-08-01 13:00")
        );
        assert_eq!(
            lunch.next_sending_time(at("2023-08-01 20:00")),
            at("2023-08-01 20:00")
        );
        let never_quiet = SendingRules {
            quiet_from: NaiveTime::MIN,
            quiet_until: NaiveTime::MIN,
            ..rules()
        };
        assert_eq!(
            never_quiet.next_sending_time(at("2023-08-01 03:00")),
            at("2023-08-01 03:00")
        );
    }
}
