//! How an item's chases read on its timeline: one line per cycle, "Chased 3 times: 2 August,
//! 16 August and 30 August 2026 — answered 4 September 2026."

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::Step;
use crate::domain::timeframe::long_date;

/// One chase as its item's timeline reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChaseRecord {
    pub cycle: i64,
    pub step: Step,
    pub sent_on: NaiveDate,
    /// The day the supplier answered the cycle, if it did.
    pub answered_on: Option<NaiveDate>,
}

/// A line for each cycle of `records` (in any order), oldest cycle first.
pub fn chase_history(records: &[ChaseRecord]) -> Vec<String> {
    let mut cycles: Vec<i64> = records.iter().map(|record| record.cycle).collect();
    cycles.sort_unstable();
    cycles.dedup();
    cycles
        .into_iter()
        .map(|cycle| {
            let mut steps: Vec<&ChaseRecord> = records
                .iter()
                .filter(|record| record.cycle == cycle)
                .collect();
            steps.sort_by_key(|record| (record.sent_on, record.step));
            cycle_line(&steps)
        })
        .collect()
}

fn cycle_line(steps: &[&ChaseRecord]) -> String {
    let mut parts = Vec::new();
    if let Some(reminder) = steps.iter().find(|record| record.step == Step::DueSoon) {
        parts.push(format!(
            "reminded on {} that it falls due soon",
            long_date(reminder.sent_on)
        ));
    }
    let chases: Vec<NaiveDate> = steps
        .iter()
        .filter(|record| matches!(record.step, Step::Chase(_)))
        .map(|record| record.sent_on)
        .collect();
    match chases.len() {
        0 => {}
        1 => parts.push(format!("chased on {}", long_date(chases[0]))),
        2 => parts.push(format!("chased twice: {}", days(&chases))),
        n => parts.push(format!("chased {n} times: {}", days(&chases))),
    }
    if let Some(escalation) = steps.iter().find(|record| record.step == Step::Escalation) {
        parts.push(format!(
            "no reply, so the committee was told on {}",
            long_date(escalation.sent_on)
        ));
    }
    let joined = parts.join("; ");
    let mut chars = joined.chars();
    let mut line: String = chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    let escalated = steps.iter().any(|record| record.step == Step::Escalation);
    match steps.iter().find_map(|record| record.answered_on) {
        Some(answered) => line.push_str(&format!(" — answered {}.", long_date(answered))),
        None if escalated => line.push('.'),
        None => line.push_str(" — no reply yet."),
    }
    line
}

/// "2 August, 16 August and 30 August 2026" (the year once when all share it).
fn days(days: &[NaiveDate]) -> String {
    let one_year = days.windows(2).all(|pair| pair[0].year() == pair[1].year());
    let text: Vec<String> = days
        .iter()
        .enumerate()
        .map(|(n, day)| {
            if one_year && n + 1 < days.len() {
                let date = long_date(*day);
                date.rsplit_once(' ')
                    .map_or(date.clone(), |(day_month, _)| day_month.to_owned())
            } else {
                long_date(*day)
            }
        })
        .collect();
    match text.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => text.concat(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(cycle: i64, step: Step, sent_on: &str, answered_on: Option<&str>) -> ChaseRecord {
        ChaseRecord {
            cycle,
            step,
            sent_on: sent_on.parse().expect("date"),
            answered_on: answered_on.map(|day| day.parse().expect("date")),
        }
    }

    #[test]
    fn each_cycle_reads_as_one_line_oldest_first() {
        let answered = Some("2026-09-04");
        let records = [
            record(2, Step::Chase(1), "2026-10-01", None),
            record(1, Step::Chase(2), "2026-08-16", answered),
            record(1, Step::Chase(1), "2026-08-02", answered),
            record(1, Step::DueSoon, "2026-07-25", answered),
            record(1, Step::Chase(3), "2026-08-30", answered),
        ];
        assert_eq!(
            chase_history(&records),
            [
                "Reminded on 25 July 2026 that it falls due soon; chased 3 times: 2 August, \
                 16 August and 30 August 2026 — answered 4 September 2026.",
                "Chased on 1 October 2026 — no reply yet.",
            ]
        );
    }

    #[test]
    fn an_escalated_cycle_says_the_committee_was_told() {
        let records = [
            record(1, Step::Chase(1), "2026-12-20", None),
            record(1, Step::Chase(2), "2027-01-03", None),
            record(1, Step::Escalation, "2027-01-17", None),
        ];
        assert_eq!(
            chase_history(&records),
            [
                "Chased twice: 20 December 2026 and 3 January 2027; no reply, so the committee \
              was told on 17 January 2027."
            ]
        );
    }

    #[test]
    fn no_chases_no_lines() {
        assert!(chase_history(&[]).is_empty());
    }
}
