//! A supplier's scorecard: how the promises made in a period turned out. Promises are
//! counted in the period they were made (a year, or a quarter as the instance numbers them),
//! so a period's figures settle as its promises fall due. Pure: tallies by month come in,
//! tallies by period go out, with the shares and the median worked out here alone.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::timeframe::{QuarterScheme, Timeframe};

/// What became of some promises.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    pub made: i64,
    /// Delivered by the first due end promised (or with none ever given).
    pub on_time: i64,
    /// Delivered after it.
    pub late: i64,
    /// Still owed, past the due end in force.
    pub overdue: i64,
    /// Whose due end moved later at least once.
    pub slipped: i64,
    /// Made as a condition or vague words, with no date.
    pub vague_when_made: i64,
    pub withdrawn: i64,
    /// How late the late ones were, as (days, how many), each number of days once.
    pub late_days: Vec<(i64, i64)>,
}

impl Tally {
    /// Adds another tally's counts to this one.
    pub fn add(&mut self, other: &Tally) {
        self.made += other.made;
        self.on_time += other.on_time;
        self.late += other.late;
        self.overdue += other.overdue;
        self.slipped += other.slipped;
        self.vague_when_made += other.vague_when_made;
        self.withdrawn += other.withdrawn;
        for &(days, count) in &other.late_days {
            match self.late_days.iter_mut().find(|(known, _)| *known == days) {
                Some((_, known)) => *known += count,
                None => self.late_days.push((days, count)),
            }
        }
    }

    /// Of the promises delivered, the share delivered on time, in whole per cent.
    pub fn on_time_percent(&self) -> Option<i64> {
        percent(self.on_time, self.on_time + self.late)
    }

    /// Of the promises made, the share made with no date, in whole per cent.
    pub fn vague_percent(&self) -> Option<i64> {
        percent(self.vague_when_made, self.made)
    }

    /// The middle of how late the late deliveries were, in days (of two middles, their mean
    /// rounded down); none if none was late.
    pub fn median_late_days(&self) -> Option<i64> {
        let mut days = self.late_days.clone();
        days.sort_unstable();
        let total: i64 = days.iter().map(|(_, count)| count).sum();
        if total == 0 {
            return None;
        }
        // The values at the middle positions (0-based), read off the sorted counts.
        let at = |position: i64| {
            let mut seen = 0;
            days.iter()
                .find(|(_, count)| {
                    seen += count;
                    seen > position
                })
                .map_or(0, |(days, _)| *days)
        };
        let (low, high) = (at((total - 1) / 2), at(total / 2));
        Some((low + high).div_euclid(2))
    }
}

/// `part` of `whole` in whole per cent, rounded to the nearest; none of nothing.
fn percent(part: i64, whole: i64) -> Option<i64> {
    (whole > 0).then(|| (part * 200 + whole).div_euclid(2 * whole))
}

/// How a scorecard groups the promises.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Period {
    #[default]
    Year,
    Quarter,
}

impl Period {
    pub fn as_str(self) -> &'static str {
        match self {
            Period::Year => "year",
            Period::Quarter => "quarter",
        }
    }

    pub fn parse(text: &str) -> Option<Period> {
        [Period::Year, Period::Quarter]
            .into_iter()
            .find(|period| period.as_str() == text)
    }

    /// The period the month that starts on `first` falls in: "2026", or "Q3 2026" as the
    /// instance numbers quarters.
    pub fn label(self, first: NaiveDate, scheme: QuarterScheme) -> String {
        match self {
            Period::Year => first.format("%Y").to_string(),
            Period::Quarter => Timeframe::quarter_containing(first, scheme).to_string(),
        }
    }
}

/// Tallies by month (each month's first day with its tally, in any order) merged into
/// tallies by period, oldest first.
pub fn by_period(
    months: &[(NaiveDate, Tally)],
    period: Period,
    scheme: QuarterScheme,
) -> Vec<(String, Tally)> {
    let mut sorted: Vec<&(NaiveDate, Tally)> = months.iter().collect();
    sorted.sort_by_key(|(first, _)| *first);
    let mut periods: Vec<(String, Tally)> = Vec::new();
    for (first, tally) in sorted {
        let label = period.label(*first, scheme);
        match periods.last_mut() {
            Some((last, total)) if *last == label => total.add(tally),
            _ => periods.push((label, tally.clone())),
        }
    }
    periods
}

#[cfg(test)]
mod tests {
    use super::*;

    fn month(text: &str) -> NaiveDate {
        format!("{text}-01").parse().expect("month")
    }

    fn tally(made: i64, on_time: i64, late: &[(i64, i64)]) -> Tally {
        Tally {
            made,
            on_time,
            late: late.iter().map(|(_, count)| count).sum(),
            late_days: late.to_vec(),
            ..Tally::default()
        }
    }

    #[test]
    fn shares_are_rounded_to_the_nearest_whole_per_cent_and_none_of_nothing() {
        let mut three = tally(3, 2, &[(10, 1)]);
        assert_eq!(three.on_time_percent(), Some(67));
        three.vague_when_made = 1;
        assert_eq!(three.vague_percent(), Some(33));
        assert_eq!(tally(8, 1, &[(4, 7)]).on_time_percent(), Some(13));
        assert_eq!(Tally::default().on_time_percent(), None);
        assert_eq!(Tally::default().vague_percent(), None);
        assert_eq!(
            tally(2, 0, &[]).on_time_percent(),
            None,
            "nothing delivered yet"
        );
    }

    #[test]
    fn the_median_reads_the_middle_of_the_late_days() {
        assert_eq!(tally(1, 0, &[(12, 1)]).median_late_days(), Some(12));
        // 3, 5, 5, 40: the two middles are 5 and 5.
        assert_eq!(
            tally(4, 0, &[(40, 1), (5, 2), (3, 1)]).median_late_days(),
            Some(5)
        );
        // 2, 9: their mean rounded down.
        assert_eq!(tally(2, 0, &[(9, 1), (2, 1)]).median_late_days(), Some(5));
        // 1, 1, 1, 100, 100: the third.
        assert_eq!(tally(5, 0, &[(100, 2), (1, 3)]).median_late_days(), Some(1));
        assert_eq!(tally(3, 3, &[]).median_late_days(), None);
    }

    #[test]
    fn months_merge_into_years_and_quarters_oldest_first() {
        let months = [
            (month("2026-02"), tally(2, 1, &[(5, 1)])),
            (month("2025-12"), tally(1, 1, &[])),
            (month("2026-03"), tally(3, 0, &[(5, 2), (9, 1)])),
            (month("2026-04"), tally(1, 0, &[])),
        ];
        let years = by_period(&months, Period::Year, QuarterScheme::Calendar);
        let labels: Vec<&str> = years.iter().map(|(label, _)| label.as_str()).collect();
        assert_eq!(labels, ["2025", "2026"]);
        assert_eq!(years[1].1.made, 6);
        assert_eq!(years[1].1.late, 4);
        assert_eq!(
            years[1].1.late_days.iter().find(|(d, _)| *d == 5),
            Some(&(5, 3))
        );
        let quarters = by_period(&months, Period::Quarter, QuarterScheme::Calendar);
        let labels: Vec<&str> = quarters.iter().map(|(label, _)| label.as_str()).collect();
        assert_eq!(labels, ["Q4 2025", "Q1 2026", "Q2 2026"]);
        let financial = by_period(&months, Period::Quarter, QuarterScheme::UkFinancial);
        let labels: Vec<&str> = financial.iter().map(|(label, _)| label.as_str()).collect();
        assert_eq!(labels, ["Q3 2025/26", "Q4 2025/26", "Q1 2026/27"]);
    }

    #[test]
    fn a_period_reads_back_from_its_name() {
        assert_eq!(Period::parse("quarter"), Some(Period::Quarter));
        assert_eq!(Period::parse("year"), Some(Period::Year));
        assert_eq!(Period::parse("month"), None);
    }
}
