//! Pure rules with no I/O, shared by server and browser and unit-tested here.

pub mod action_due;
pub mod attachments;
pub mod chase;
pub mod commitments;
pub mod html;
pub mod ids;
pub mod issue_workflow;
pub mod local_time;
pub mod log_number;
pub mod mail;
pub mod meetings;
pub mod minutes_import;
pub mod people;
pub mod permissions;
pub mod posting_limits;
pub mod releases;
pub mod roadmap;
pub mod scorecard;
pub mod sign_in_throttle;
pub mod timeframe;
