//! The chase policy: numbers of days, the escalation count and the hours email may go, with
//! the defaults of the user group's own practice, checked when a chair changes them.

use chrono::NaiveTime;
use serde::{Deserialize, Serialize};

/// How the user group chases. Days count whole calendar days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChasePolicy {
    /// The first chase of something overdue goes this many days after its due end.
    pub first_after_days: i64,
    /// A reminder goes this many days before a commitment's due end (0: none).
    pub due_soon_days: i64,
    /// While unanswered, a chase is repeated this many days after the last.
    pub repeat_days: i64,
    /// After this many unanswered chases the committee is told (escalation).
    pub escalate_after: i64,
    /// An issue waiting this many days for the supplier, or a supplier's action without a
    /// due date unanswered this long, is chased.
    pub issue_threshold_days: i64,
    /// Email waits from this time of day…
    pub quiet_from: NaiveTime,
    /// …until this one (the quiet hours may run past midnight).
    pub quiet_until: NaiveTime,
    /// Email waits over Saturdays and Sundays.
    pub skip_weekends: bool,
    /// Email waits over bank holidays.
    pub skip_bank_holidays: bool,
}

impl Default for ChasePolicy {
    fn default() -> Self {
        ChasePolicy {
            first_after_days: 1,
            due_soon_days: 7,
            repeat_days: 14,
            escalate_after: 3,
            issue_threshold_days: 14,
            quiet_from: NaiveTime::from_hms_opt(18, 0, 0).unwrap_or(NaiveTime::MIN),
            quiet_until: NaiveTime::from_hms_opt(8, 0, 0).unwrap_or(NaiveTime::MIN),
            skip_weekends: true,
            skip_bank_holidays: true,
        }
    }
}

/// Why a policy was refused, by the field it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyError {
    pub field: &'static str,
    pub message: &'static str,
}

/// Each number of the policy, by the name it is stored and sent under, with its range and
/// what is said when it is out of it. A repeat of at least a day: a chase every day or less
/// would flood the supplier.
pub const NUMBERS: [(&str, i64, i64, &str); 5] = [
    (
        "chase_first_after_days",
        0,
        365,
        "Give a number of days from 0 to 365.",
    ),
    (
        "chase_due_soon_days",
        0,
        90,
        "Give a number of days from 0 (no reminder) to 90.",
    ),
    (
        "chase_repeat_days",
        1,
        365,
        "Give a number of days from 1 to 365.",
    ),
    (
        "chase_escalate_after",
        1,
        20,
        "Give a number of chases from 1 to 20.",
    ),
    (
        "chase_issue_days",
        1,
        365,
        "Give a number of days from 1 to 365.",
    ),
];

impl ChasePolicy {
    /// The policy's numbers in the order of `NUMBERS`.
    fn numbers(&self) -> [i64; 5] {
        [
            self.first_after_days,
            self.due_soon_days,
            self.repeat_days,
            self.escalate_after,
            self.issue_threshold_days,
        ]
    }

    /// Whether each number is within its range (`NUMBERS`); the first that is not, by name.
    pub fn check(&self) -> Result<(), PolicyError> {
        for ((field, low, high, message), value) in NUMBERS.into_iter().zip(self.numbers()) {
            if !(low..=high).contains(&value) {
                return Err(PolicyError { field, message });
            }
        }
        Ok(())
    }

    /// A number of the policy as typed, by its name in `NUMBERS`: the number, or the message
    /// to show by its field.
    pub fn parse_number(field: &str, text: &str) -> Result<i64, &'static str> {
        let Some((_, low, high, message)) = NUMBERS.into_iter().find(|(name, ..)| *name == field)
        else {
            return Err("There is no such setting.");
        };
        text.trim()
            .parse::<i64>()
            .ok()
            .filter(|value| (low..=high).contains(value))
            .ok_or(message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_is_the_user_groups_practice() {
        let policy = ChasePolicy::default();
        assert_eq!(
            (
                policy.first_after_days,
                policy.repeat_days,
                policy.escalate_after,
                policy.issue_threshold_days
            ),
            (1, 14, 3, 14)
        );
        assert_eq!(policy.check(), Ok(()));
    }

    #[test]
    fn numbers_out_of_range_are_refused_by_their_field() {
        let refused = |policy: ChasePolicy| policy.check().map_err(|error| error.field);
        let base = ChasePolicy::default();
        assert_eq!(
            refused(ChasePolicy {
                repeat_days: 0,
                ..base
            }),
            Err("chase_repeat_days")
        );
        assert_eq!(
            refused(ChasePolicy {
                first_after_days: -1,
                ..base
            }),
            Err("chase_first_after_days")
        );
        assert_eq!(
            refused(ChasePolicy {
                escalate_after: 21,
                ..base
            }),
            Err("chase_escalate_after")
        );
        assert_eq!(
            refused(ChasePolicy {
                due_soon_days: 0,
                ..base
            }),
            Ok(())
        );
    }

    #[test]
    fn a_number_is_read_as_typed_within_its_range() {
        assert_eq!(
            ChasePolicy::parse_number("chase_repeat_days", " 21 "),
            Ok(21)
        );
        assert_eq!(
            ChasePolicy::parse_number("chase_repeat_days", "0"),
            Err("Give a number of days from 1 to 365.")
        );
        assert_eq!(
            ChasePolicy::parse_number("chase_escalate_after", "three"),
            Err("Give a number of chases from 1 to 20.")
        );
        assert_eq!(ChasePolicy::parse_number("chase_due_soon_days", "0"), Ok(0));
    }
}
