//! What a chase says to the people it goes to: a subject line and a few plain sentences, the
//! same in the inbox and in an email. It names the item as people do (`C-45`), says when it
//! was due and how late it is, and where the chase stands against the policy's escalation.

use chrono::NaiveDate;

use super::{ChasePolicy, Step};
use crate::domain::timeframe::{days, long_date};

/// The item a chase is about, as its message names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chased<'a> {
    /// How people name it: `C-45`.
    pub label: &'a str,
    pub title: &'a str,
    /// The end of the window it is due in now.
    pub due: NaiveDate,
}

/// A chase's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub subject: String,
    pub body: String,
}

/// What `step` of a chase about `item` says on `today`.
pub fn chase_message(
    policy: &ChasePolicy,
    item: Chased<'_>,
    step: Step,
    today: NaiveDate,
) -> Message {
    let Chased { label, title, due } = item;
    let late = (today - due).num_days();
    let standing = match late {
        ..0 => format!("is due by {}", long_date(due)),
        0 => format!("falls due today, {}", long_date(due)),
        _ => format!(
            "was due by {} and is {} overdue",
            long_date(due),
            days(late)
        ),
    };
    let ask = "Please record where it stands, or a new timeframe, in Watchdog.";
    match step {
        Step::DueSoon => Message {
            subject: format!("Due soon: {label} {title}"),
            body: format!(
                "{label} “{title}” {standing}. If it will not be delivered by then, {}",
                "please record a new timeframe in Watchdog."
            ),
        },
        Step::Chase(n) => {
            let left = policy.escalate_after - n;
            let next = match left {
                ..=0 => "If this goes unanswered, the committee will be told.".to_owned(),
                1 => "The committee will be told after one more unanswered chase.".to_owned(),
                left => format!("The committee will be told after {left} more unanswered chases."),
            };
            Message {
                subject: format!("Overdue, {} chase: {label} {title}", ordinal(n)),
                body: format!("{label} “{title}” {standing}. {ask} {next}"),
            }
        }
        Step::Escalation => Message {
            subject: format!("No reply: {label} {title}"),
            body: format!(
                "{label} “{title}” {standing}. It was chased {} with no reply, so the committee \
                 has been told. {ask}",
                times(policy.escalate_after)
            ),
        },
    }
}

/// "first", "second"… "tenth", then "11th", "21st", "22nd", "23rd".
fn ordinal(n: i64) -> String {
    const WORDS: [&str; 10] = [
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
        "tenth",
    ];
    if let Some(word) = usize::try_from(n - 1)
        .ok()
        .and_then(|index| WORDS.get(index))
    {
        return (*word).to_owned();
    }
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// "once", "twice", "3 times".
fn times(n: i64) -> String {
    match n {
        1 => "once".to_owned(),
        2 => "twice".to_owned(),
        n => format!("{n} times"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().expect("date")
    }

    fn item() -> Chased<'static> {
        Chased {
            label: "C-12",
            title: "Faster template loading",
            due: day("2026-09-30"),
        }
    }

    #[test]
    fn a_reminder_says_when_it_is_due() {
        let message = chase_message(
            &ChasePolicy::default(),
            item(),
            Step::DueSoon,
            day("2026-09-23"),
        );
        assert_eq!(message.subject, "Due soon: C-12 Faster template loading");
        assert_eq!(
            message.body,
            "C-12 “Faster template loading” is due by 30 September 2026. If it will not be \
             delivered by then, please record a new timeframe in Watchdog."
        );
    }

    #[test]
    fn a_chase_says_how_late_and_how_far_from_the_committee() {
        let policy = ChasePolicy::default();
        let first = chase_message(&policy, item(), Step::Chase(1), day("2026-10-01"));
        assert_eq!(
            first.subject,
            "Overdue, first chase: C-12 Faster template loading"
        );
        assert_eq!(
            first.body,
            "C-12 “Faster template loading” was due by 30 September 2026 and is 1 day overdue. \
             Please record where it stands, or a new timeframe, in Watchdog. The committee will \
             be told after 2 more unanswered chases."
        );
        let second = chase_message(&policy, item(), Step::Chase(2), day("2026-10-15"));
        assert!(
            second.body.contains("is 15 days overdue"),
            "{}",
            second.body
        );
        assert!(second.body.ends_with("after one more unanswered chase."));
        let third = chase_message(&policy, item(), Step::Chase(3), day("2026-10-29"));
        assert_eq!(
            third.subject,
            "Overdue, third chase: C-12 Faster template loading"
        );
        assert!(third
            .body
            .ends_with("If this goes unanswered, the committee will be told."));
    }

    #[test]
    fn a_chase_on_the_due_day_itself_is_not_overdue() {
        let policy = ChasePolicy {
            first_after_days: 0,
            ..ChasePolicy::default()
        };
        let message = chase_message(&policy, item(), Step::Chase(1), day("2026-09-30"));
        assert!(message
            .body
            .starts_with("C-12 “Faster template loading” falls due today, 30 September 2026."));
    }

    #[test]
    fn an_escalation_says_the_committee_was_told() {
        let message = chase_message(
            &ChasePolicy::default(),
            item(),
            Step::Escalation,
            day("2026-11-12"),
        );
        assert_eq!(message.subject, "No reply: C-12 Faster template loading");
        assert!(message
            .body
            .contains("is 43 days overdue. It was chased 3 times with no reply"));
    }

    #[test]
    fn ordinals_run_out_into_figures() {
        assert_eq!(ordinal(1), "first");
        assert_eq!(ordinal(10), "tenth");
        assert_eq!(ordinal(11), "11th");
        assert_eq!(ordinal(12), "12th");
        assert_eq!(ordinal(21), "21st");
        assert_eq!(ordinal(22), "22nd");
        assert_eq!(ordinal(23), "23rd");
        assert_eq!(ordinal(111), "111th");
        assert_eq!(times(1), "once");
        assert_eq!(times(2), "twice");
        assert_eq!(times(5), "5 times");
    }
}
