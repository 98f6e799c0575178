//! When the user group chases the supplier: the policy (how long after a due end the first
//! chase goes, how often it repeats, when the committee is told, how long an issue may wait),
//! which step an item has reached on a day (`steps`), and when email may be sent (`sending`:
//! quiet hours, weekends, the bank holidays of England and Wales), how an item's chases
//! read on its timeline (`history`), and what a chase says to the people it goes to
//! (`message`).

mod history;
mod holidays;
mod message;
mod policy;
mod sending;
mod steps;

pub use history::{chase_history, ChaseRecord};
pub use holidays::{is_bank_holiday_in_england_and_wales, ENGLAND_AND_WALES};
pub use message::{chase_message, Chased, Message};
pub use policy::{ChasePolicy, PolicyError};
pub use sending::SendingRules;
pub use steps::{cycle_start, next_step, step_in_cycle, ChaseKind, Sent, Step};
