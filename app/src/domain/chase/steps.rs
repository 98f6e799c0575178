//! Which step of a chase an item has reached on a day. A cycle starts when something falls
//! due (or when the supplier last answered): an optional reminder before a commitment's due
//! end, the first chase once the policy's days have passed, a repeat each interval after the
//! last chase actually sent (so a scheduler that was stopped catches up one step at a time,
//! never in a burst), and after the last allowed chase, once more unanswered, the escalation
//! to the committee. A supplier's answer ends the cycle; the caller starts the next one.

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use super::ChasePolicy;

/// What is chased, which says when its clock starts and whether a reminder comes first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChaseKind {
    /// A commitment, from its current due end.
    Commitment,
    /// An issue awaiting the supplier, from the day it began to wait.
    Issue,
    /// A supplier's action with a due date, from its due end.
    ActionDue,
    /// A supplier's action without one ("will come back to us"), from the day it was agreed.
    ActionUnanswered,
}

/// A step of a cycle. Stored as `as_str`, one per item, cycle and step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Step {
    /// A reminder before a commitment's due end.
    DueSoon,
    /// The nth chase (from 1).
    Chase(i64),
    /// The committee is told that the chases went unanswered.
    Escalation,
}

impl Step {
    pub fn as_str(self) -> String {
        match self {
            Step::DueSoon => "due_soon".to_owned(),
            Step::Chase(n) => format!("chase_{n}"),
            Step::Escalation => "escalation".to_owned(),
        }
    }

    pub fn parse(text: &str) -> Option<Step> {
        match text {
            "due_soon" => Some(Step::DueSoon),
            "escalation" => Some(Step::Escalation),
            _ => text
                .strip_prefix("chase_")?
                .parse()
                .ok()
                .filter(|n| *n >= 1)
                .map(Step::Chase),
        }
    }
}

/// A step already sent in the current cycle, and the day it went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sent {
    pub step: Step,
    pub on: NaiveDate,
}

/// Where an item's cycle starts: its due end (or the day it began to wait). An answer given
/// after that day (the item still overdue) moves it to one repeat interval after the answer,
/// so the item is chased again as an unanswered chase would be, not the next morning; an
/// answer given before it leaves it where it is.
pub fn cycle_start(
    policy: &ChasePolicy,
    due: NaiveDate,
    answered_on: Option<NaiveDate>,
) -> NaiveDate {
    match answered_on {
        Some(answered) if answered > due => answered + Duration::days(policy.repeat_days),
        _ => due,
    }
}

/// The step due on `today` in the cycle of an item due on `due` (or waiting since then), the
/// previous cycle answered on `answered_on`, with `sent` already sent in this one. An item
/// already past its due end when the cycle starts is not reminded that it is "due soon".
pub fn step_in_cycle(
    policy: &ChasePolicy,
    kind: ChaseKind,
    due: NaiveDate,
    answered_on: Option<NaiveDate>,
    sent: &[Sent],
    today: NaiveDate,
) -> Option<Step> {
    let start = cycle_start(policy, due, answered_on);
    next_step(policy, kind, start, sent, today)
        .filter(|step| *step != Step::DueSoon || start == due)
}

/// The step due on `today` for an item of `kind` whose clock started on `start`, given the
/// steps already `sent` in this cycle; `None` when nothing is due.
pub fn next_step(
    policy: &ChasePolicy,
    kind: ChaseKind,
    start: NaiveDate,
    sent: &[Sent],
    today: NaiveDate,
) -> Option<Step> {
    if sent.iter().any(|sent| sent.step == Step::Escalation) {
        return None;
    }
    let last_chase = sent
        .iter()
        .filter_map(|sent| match sent.step {
            Step::Chase(n) => Some((n, sent.on)),
            _ => None,
        })
        .max();
    match last_chase {
        None => {
            let wait = match kind {
                ChaseKind::Commitment | ChaseKind::ActionDue => policy.first_after_days,
                ChaseKind::Issue | ChaseKind::ActionUnanswered => policy.issue_threshold_days,
            };
            if today >= start + Duration::days(wait) {
                return Some(Step::Chase(1));
            }
            let reminded = sent.iter().any(|sent| sent.step == Step::DueSoon);
            let soon = kind == ChaseKind::Commitment
                && policy.due_soon_days > 0
                && today >= start - Duration::days(policy.due_soon_days)
                && today <= start;
            (soon && !reminded).then_some(Step::DueSoon)
        }
        Some((n, on)) if today >= on + Duration::days(policy.repeat_days) => {
            Some(if n >= policy.escalate_after {
                Step::Escalation
            } else {
                Step::Chase(n + 1)
            })
        }
        Some(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().expect("date")
    }

    fn sent(step: Step, on: &str) -> Sent {
        Sent { step, on: day(on) }
    }

    /// Walks the days from `from` to `to`, sending each step as it falls due: the days and
    /// steps sent.
    fn walk(kind: ChaseKind, start: &str, from: &str, to: &str) -> Vec<(String, Step)> {
        let policy = ChasePolicy::default();
        let mut history = Vec::new();
        let mut today = day(from);
        while today <= day(to) {
            if let Some(step) = next_step(&policy, kind, day(start), &history, today) {
                history.push(Sent { step, on: today });
            }
            today += Duration::days(1);
        }
        history
            .into_iter()
            .map(|sent| (sent.on.to_string(), sent.step))
            .collect()
    }

    #[test]
    fn a_commitment_is_reminded_then_chased_every_fortnight_then_escalated() {
        assert_eq!(
            walk(
                ChaseKind::Commitment,
                "2023-07-31",
                "2023-07-01",
                "2023-12-31"
            ),
            [
                ("2023-07-24".to_owned(), Step::DueSoon),
                ("2023-08-01".to_owned(), Step::Chase(1)),
                ("2023-08-15".to_owned(), Step::Chase(2)),
                ("2023-08-29".to_owned(), Step::Chase(3)),
                ("2023-09-12".to_owned(), Step::Escalation),
            ]
        );
    }

    #[test]
    fn a_cycle_after_an_answer_starts_at_the_new_due_end_or_a_repeat_after_the_answer() {
        let policy = ChasePolicy::default();
        // Never answered: the due end.
        assert_eq!(
            cycle_start(&policy, day("2023-07-31"), None),
            day("2023-07-31")
        );
        // Re-promised for later: the new due end.
        assert_eq!(
            cycle_start(&policy, day("2023-12-31"), Some(day("2023-08-04"))),
            day("2023-12-31")
        );
        // Answered a few days before the due end, the date kept: still the due end.
        assert_eq!(
            cycle_start(&policy, day("2023-08-10"), Some(day("2023-08-04"))),
            day("2023-08-10")
        );
        // Answered a few days before the due end, the date kept: still the due end.
        assert_eq!(
            cycle_start(&policy, day("2023-08-10"), Some(day("2023-08-04"))),
            day("2023-08-10")
        );
        // Answered "still in progress", the due end past: a fortnight after the answer.
        assert_eq!(
            cycle_start(&policy, day("2023-07-31"), Some(day("2023-08-04"))),
            day("2023-08-18")
        );
        let answered = Some(day("2023-08-04"));
        let step_on = |due: &str, today: &str| {
            step_in_cycle(
                &policy,
                ChaseKind::Commitment,
                day(due),
                answered,
                &[],
                day(today),
            )
        };
        // Still overdue: no "due soon" reminder, the first chase the day after the new start.
        assert_eq!(step_on("2023-07-31", "2023-08-17"), None);
        assert_eq!(step_on("2023-07-31", "2023-08-18"), None);
        assert_eq!(step_on("2023-07-31", "2023-08-19"), Some(Step::Chase(1)));
        // Re-promised: reminded a week before the new due end.
        assert_eq!(step_on("2023-12-31", "2023-12-24"), Some(Step::DueSoon));
        assert_eq!(step_on("2023-12-31", "2024-01-01"), Some(Step::Chase(1)));
    }

    #[test]
    fn an_issue_is_chased_once_it_has_waited_the_threshold() {
        assert_eq!(
            walk(ChaseKind::Issue, "2023-07-01", "2023-07-01", "2023-08-10")[0],
            ("2023-07-15".to_owned(), Step::Chase(1))
        );
        assert_eq!(
            walk(
                ChaseKind::ActionUnanswered,
                "2023-07-01",
                "2023-07-01",
                "2023-07-14"
            ),
            []
        );
        assert_eq!(
            walk(
                ChaseKind::ActionDue,
                "2023-07-01",
                "2023-07-01",
                "2023-07-02"
            ),
            [("2023-07-02".to_owned(), Step::Chase(1))]
        );
    }

    #[test]
    fn a_scheduler_stopped_for_months_catches_up_one_step_at_a_time() {
        let policy = ChasePolicy::default();
        let start = day("2023-01-31");
        let today = day("2023-09-01");
        assert_eq!(
            next_step(&policy, ChaseKind::Commitment, start, &[], today),
            Some(Step::Chase(1))
        );
        let history = [sent(Step::Chase(1), "2023-09-01")];
        assert_eq!(
            next_step(&policy, ChaseKind::Commitment, start, &history, today),
            None
        );
        // No reminder for what is already past its date.
        assert_eq!(
            next_step(&policy, ChaseKind::Issue, start, &[], day("2023-02-01")),
            None
        );
    }

    #[test]
    fn nothing_follows_an_escalation_and_a_reminder_goes_once() {
        let policy = ChasePolicy::default();
        let start = day("2023-07-31");
        let escalated = [
            sent(Step::Chase(3), "2023-08-29"),
            sent(Step::Escalation, "2023-09-12"),
        ];
        assert_eq!(
            next_step(
                &policy,
                ChaseKind::Commitment,
                start,
                &escalated,
                day("2024-01-01")
            ),
            None
        );
        let reminded = [sent(Step::DueSoon, "2023-07-24")];
        assert_eq!(
            next_step(
                &policy,
                ChaseKind::Commitment,
                start,
                &reminded,
                day("2023-07-30")
            ),
            None
        );
        let no_reminders = ChasePolicy {
            due_soon_days: 0,
            ..policy
        };
        assert_eq!(
            next_step(
                &no_reminders,
                ChaseKind::Commitment,
                start,
                &[],
                day("2023-07-30")
            ),
            None
        );
    }

    #[test]
    fn escalation_follows_as_many_chases_as_the_policy_allows() {
        let policy = ChasePolicy {
            escalate_after: 1,
            ..ChasePolicy::default()
        };
        let history = [sent(Step::Chase(1), "2023-08-01")];
        let start = day("2023-07-31");
        assert_eq!(
            next_step(
                &policy,
                ChaseKind::Commitment,
                start,
                &history,
                day("2023-08-15")
            ),
            Some(Step::Escalation)
        );
    }

    #[test]
    fn steps_are_stored_as_words_and_read_back() {
        for step in [
            Step::DueSoon,
            Step::Chase(1),
            Step::Chase(12),
            Step::Escalation,
        ] {
            assert_eq!(Step::parse(&step.as_str()), Some(step));
        }
        for text in ["chase_0", "chase_", "chase_x", "", "Chase_1"] {
            assert_eq!(Step::parse(text), None, "{text}");
        }
    }
}
