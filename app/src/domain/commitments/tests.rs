use super::*;
use CommitmentStatus::*;

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a date")
}

/// The window of a month of 2023 ("07" is July).
fn month(month: &str) -> Option<Window> {
    let first = day(&format!("2023-{month}-01"));
    let last = first
        .checked_add_months(chrono::Months::new(1))
        .expect("a month on")
        .pred_opt()
        .expect("a day before");
    Some(Window { first, last })
}

fn entry(on: &str, status: CommitmentStatus, window: Option<Window>) -> LedgerEntry {
    LedgerEntry {
        on: day(on),
        status,
        window,
    }
}

fn facts_on(ledger: &[LedgerEntry], today: &str) -> Facts {
    facts(ledger, day(today)).expect("facts")
}

#[test]
fn a_promise_not_yet_due_is_on_track() {
    let facts = facts_on(&[entry("2023-06-15", Promised, month("07"))], "2023-07-10");
    assert_eq!(facts.rating, Rating::OnTrack);
    assert_eq!(facts.original, month("07"));
    assert_eq!(facts.current, month("07"));
    assert_eq!((facts.slips, facts.slipped_days), (0, 0));
    assert_eq!(facts.overdue, None);
    assert!(!facts.vague_when_made);
}

#[test]
fn a_later_due_end_is_a_slip_counted_in_days_from_the_original() {
    // Mid-July (11–20 July), then Q3 (to 30 September), then Q4 (to 31 December).
    let mid_july = Some(Window {
        first: day("2023-07-11"),
        last: day("2023-07-20"),
    });
    let q3 = Some(Window {
        first: day("2023-07-01"),
        last: day("2023-09-30"),
    });
    let q4 = Some(Window {
        first: day("2023-10-01"),
        last: day("2023-12-31"),
    });
    let ledger = [
        entry("2023-06-15", Promised, mid_july),
        entry("2023-07-25", InProgress, q3),
        entry("2023-09-20", InProgress, q4),
    ];
    let facts = facts_on(&ledger, "2023-11-01");
    assert_eq!(facts.slips, 2);
    assert_eq!(facts.slipped_days, 164, "20 July to 31 December");
    assert_eq!(facts.rating, Rating::Slipped);
    assert_eq!(facts.original, mid_july);
    assert_eq!(facts.current, q4);
}

#[test]
fn overdue_counts_days_past_the_current_and_the_original_due_end() {
    let ledger = [
        entry("2023-06-15", Promised, month("07")),
        entry("2023-08-01", Promised, month("09")),
    ];
    let facts = facts_on(&ledger, "2023-10-10");
    assert_eq!(facts.rating, Rating::Overdue);
    assert_eq!(facts.overdue, Some((10, 71)));
    // Not overdue on its last day.
    assert_eq!(facts_on(&ledger, "2023-09-30").overdue, None);
}

#[test]
fn an_earlier_due_end_is_brought_forward_not_a_slip() {
    let ledger = [
        entry("2023-06-15", Promised, month("09")),
        entry("2023-07-01", Promised, month("08")),
    ];
    let facts = facts_on(&ledger, "2023-07-02");
    assert_eq!(
        (facts.slips, facts.brought_forward, facts.slipped_days),
        (0, 1, 0)
    );
    assert_eq!(facts.rating, Rating::OnTrack);
    // Moved back out past where it was: a slip from the brought-forward date, days from the
    // original.
    let ledger = [
        entry("2023-06-15", Promised, month("09")),
        entry("2023-07-01", Promised, month("08")),
        entry("2023-08-20", Promised, month("10")),
    ];
    let facts = facts_on(&ledger, "2023-08-21");
    assert_eq!(
        (facts.slips, facts.brought_forward, facts.slipped_days),
        (1, 1, 31)
    );
}

#[test]
fn delivered_by_the_original_due_end_is_kept_and_after_it_kept_late() {
    let kept = [
        entry("2023-06-15", Promised, month("07")),
        entry("2023-07-28", Delivered, month("07")),
    ];
    let facts = facts_on(&kept, "2023-12-01");
    assert_eq!(facts.rating, Rating::Kept);
    assert_eq!(facts.delivered, Some((day("2023-07-28"), 0)));
    assert_eq!(facts.overdue, None, "delivered is never overdue");

    let late = [
        entry("2023-06-15", Promised, month("07")),
        entry("2023-07-20", Piloting, month("09")),
        entry("2023-09-05", Delivered, month("09")),
        entry("2023-09-06", Delivered, month("09")),
    ];
    let facts = facts_on(&late, "2023-12-01");
    assert_eq!(facts.rating, Rating::KeptLate);
    assert_eq!(
        facts.delivered,
        Some((day("2023-09-05"), 36)),
        "from 31 July"
    );
}

#[test]
fn withdrawn_is_withdrawn_whatever_its_dates() {
    let ledger = [
        entry("2023-06-15", Promised, month("07")),
        entry("2023-09-01", Withdrawn, month("07")),
    ];
    let facts = facts_on(&ledger, "2023-12-01");
    assert_eq!(facts.rating, Rating::Withdrawn);
    assert_eq!(facts.overdue, None);
}

#[test]
fn a_first_promise_without_a_window_counts_the_days_until_one_came() {
    let ledger = [
        entry("2023-03-01", Promised, None),
        entry("2023-04-10", Promised, month("07")),
        entry("2023-06-01", Promised, month("08")),
    ];
    let facts = facts_on(&ledger, "2023-06-02");
    assert!(facts.vague_when_made);
    assert_eq!(facts.days_without_window, 40);
    assert_eq!(facts.original, month("07"), "the first concrete window");
    assert_eq!(facts.slips, 1);
    assert_eq!(facts.rating, Rating::Slipped);

    let still_vague = [entry("2023-03-01", Promised, None)];
    let facts = facts_on(&still_vague, "2023-06-02");
    assert_eq!(facts.rating, Rating::NotYetConcrete);
    assert_eq!(facts.days_without_window, 93);
    assert_eq!(
        (facts.original, facts.current, facts.overdue),
        (None, None, None)
    );
}

#[test]
fn a_promise_that_went_back_to_a_condition_is_not_concrete_again() {
    let ledger = [
        entry("2023-03-01", Promised, month("05")),
        entry("2023-05-20", Promised, None),
    ];
    let facts = facts_on(&ledger, "2023-07-01");
    assert_eq!(facts.rating, Rating::NotYetConcrete);
    assert_eq!(facts.overdue, None);
    assert_eq!(facts.original, month("05"));
}

#[test]
fn an_empty_ledger_has_no_facts() {
    assert_eq!(facts(&[], day("2023-07-01")), None);
}

#[test]
fn statuses_are_stored_and_read_by_one_name() {
    for status in CommitmentStatus::ALL {
        assert_eq!(CommitmentStatus::parse(status.as_str()), Some(status));
    }
    assert!(Delivered.is_closed() && Withdrawn.is_closed() && !Piloting.is_closed());
}

#[test]
fn the_standing_a_list_keeps_rates_a_promise_as_its_ledger_does() {
    let ledgers = [
        vec![entry("2023-06-15", Promised, month("07"))],
        vec![
            entry("2023-06-15", Promised, month("07")),
            entry("2023-07-20", InProgress, month("09")),
        ],
        vec![
            entry("2023-06-15", Promised, None),
            entry("2023-07-01", Promised, month("08")),
            entry("2023-09-02", Delivered, month("08")),
        ],
        vec![
            entry("2023-06-15", Promised, month("07")),
            entry("2023-07-10", Withdrawn, month("07")),
        ],
        vec![entry("2023-06-15", Piloting, None)],
    ];
    for ledger in &ledgers {
        for today in ["2023-07-01", "2023-08-15", "2024-01-01"] {
            let facts = facts_on(ledger, today);
            let last = ledger.last().expect("an entry");
            let standing = Standing {
                status: last.status,
                current_end: facts.current.map(|window| window.last),
                original_end: facts.original.map(|window| window.last),
                slips: facts.slips,
                delivered_on: facts.delivered.map(|(on, _)| on),
            };
            assert_eq!(
                standing.rating(day(today)),
                facts.rating,
                "{ledger:?} {today}"
            );
            assert_eq!(
                standing.overdue(day(today)),
                facts.overdue,
                "{ledger:?} {today}"
            );
        }
    }
}

#[test]
fn ratings_read_back_from_their_names() {
    for rating in Rating::ALL {
        assert_eq!(Rating::parse(rating.as_str()), Some(rating));
    }
    assert_eq!(Rating::parse("late"), None);
}
