//! The drift chart: a small SVG, drawn on the server, of where the due date stood after each
//! promise (across: the day it was said; up: the due end then promised). A line that climbs
//! is a promise that slipped. Its words say the same for those who cannot see it.

use chrono::NaiveDate;
use leptos::prelude::*;

use super::day;
use crate::commitments::types::LedgerLine;

const WIDTH: f64 = 440.0;
const HEIGHT: f64 = 170.0;
/// Room for the due dates' labels on the left and the days' labels below.
const LEFT: f64 = 84.0;
const BOTTOM: f64 = 30.0;
const TOP: f64 = 14.0;
const RIGHT: f64 = 16.0;

/// "31 Dec 2026": short enough for the chart's edge.
fn short_day(date: NaiveDate) -> String {
    date.format("%-d %b %Y").to_string()
}

/// The points of the chart: the day each promise with a window was said, and its due end.
pub fn points(ledger: &[LedgerLine]) -> Vec<(NaiveDate, NaiveDate)> {
    ledger
        .iter()
        .filter_map(|line| {
            line.promise
                .window
                .map(|window| (line.said_on, window.last))
        })
        .collect()
}

/// Where `value` falls between `low` and `high`, from 0 to 1 (the middle when they meet;
/// the nearer end when outside).
fn share(value: NaiveDate, low: NaiveDate, high: NaiveDate) -> f64 {
    let span = (high - low).num_days();
    if span <= 0 {
        0.5
    } else {
        ((value - low).num_days() as f64 / span as f64).clamp(0.0, 1.0)
    }
}

/// The chart, if at least one promise named a due date.
pub fn drift_chart(ledger: &[LedgerLine], today: NaiveDate) -> Option<AnyView> {
    let points = points(ledger);
    let (Some(first), Some(last)) = (points.first().copied(), points.last().copied()) else {
        return None;
    };
    let said_from = first.0;
    let said_to = last.0.max(today);
    let due_low = points.iter().map(|point| point.1).min().unwrap_or(first.1);
    let due_high = points.iter().map(|point| point.1).max().unwrap_or(first.1);
    let x = move |on: NaiveDate| LEFT + share(on, said_from, said_to) * (WIDTH - LEFT - RIGHT);
    let y = move |due: NaiveDate| {
        HEIGHT - BOTTOM - share(due, due_low, due_high) * (HEIGHT - BOTTOM - TOP)
    };
    // A step line: each promise holds until the next, and the last one until today.
    let mut path = String::new();
    for (index, (on, due)) in points.iter().enumerate() {
        if index > 0 {
            path.push_str(&format!(" {:.1},{:.1}", x(*on), y(points[index - 1].1)));
        }
        path.push_str(&format!(" {:.1},{:.1}", x(*on), y(*due)));
    }
    path.push_str(&format!(" {:.1},{:.1}", x(said_to), y(last.1)));
    let summary = if due_low == due_high {
        format!(
            "The due date has stayed {} since {}.",
            day(first.1),
            day(first.0)
        )
    } else {
        format!(
            "The due date moved from {} (promised {}) to {} (promised {}), over {} promises with a date.",
            day(first.1),
            day(first.0),
            day(last.1),
            day(last.0),
            points.len()
        )
    };
    let dots = points
        .iter()
        .map(|(on, due)| {
            view! { <circle cx=format!("{:.1}", x(*on)) cy=format!("{:.1}", y(*due)) r="4" class="drift__dot"/> }
        })
        .collect_view();
    let mut labels = vec![due_low, due_high];
    labels.dedup();
    let due_labels = labels
        .into_iter()
        .map(|due| {
            view! {
                <text x=format!("{:.1}", LEFT - 8.0) y=format!("{:.1}", y(due) + 4.0) text-anchor="end" class="drift__label">
                    {short_day(due)}
                </text>
            }
        })
        .collect_view();
    let today_x = format!("{:.1}", x(today));
    Some(view! {
        <figure class="drift">
            <svg
                viewBox=format!("0 0 {WIDTH} {HEIGHT}")
                role="img"
                aria-label=summary.clone()
                class="drift__chart"
            >
                <line x1=LEFT y1=HEIGHT - BOTTOM x2=WIDTH - RIGHT y2=HEIGHT - BOTTOM class="drift__axis"/>
                <line x1=LEFT y1=TOP x2=LEFT y2=HEIGHT - BOTTOM class="drift__axis"/>
                <line x1=today_x.clone() y1=TOP x2=today_x.clone() y2=HEIGHT - BOTTOM class="drift__today"/>
                <text x=today_x y=HEIGHT - 8.0 text-anchor="end" class="drift__label">"today"</text>
                <text x=LEFT y=HEIGHT - 8.0 class="drift__label">{short_day(said_from)}</text>
                {due_labels}
                <polyline points=path class="drift__line"/>
                {dots}
            </svg>
            <figcaption class="muted">{summary}</figcaption>
        </figure>
    }
    .into_any())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commitments::types::{CommitmentStatus, Promise, Window};

    fn line(said: &str, last: Option<&str>) -> LedgerLine {
        LedgerLine {
            seq: 1,
            said_on: said.parse().expect("date"),
            status: CommitmentStatus::Promised,
            promise: Promise {
                words: String::new(),
                timeframe: String::new(),
                kind: "month".to_owned(),
                window: last.map(|last| Window {
                    first: last.parse().expect("date"),
                    last: last.parse().expect("date"),
                }),
            },
            reason: String::new(),
            note: String::new(),
            evidence_url: String::new(),
            by: None,
            at: chrono::DateTime::UNIX_EPOCH,
        }
    }

    #[test]
    fn only_promises_with_a_date_are_points() {
        let ledger = [
            line("2023-06-15", None),
            line("2023-07-01", Some("2023-07-20")),
            line("2023-07-25", Some("2023-09-30")),
        ];
        let points = points(&ledger);
        assert_eq!(points.len(), 2);
        assert_eq!(points[1].1.to_string(), "2023-09-30");
    }

    #[test]
    fn a_share_of_an_empty_span_is_the_middle() {
        let day: NaiveDate = "2023-07-01".parse().expect("date");
        assert_eq!(share(day, day, day), 0.5);
        let later: NaiveDate = "2023-07-11".parse().expect("date");
        assert_eq!(share(later, day, "2023-07-21".parse().expect("date")), 0.5);
    }
}
