use chrono::{Datelike, Duration, NaiveDate};
use proptest::prelude::*;

use super::*;

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a date")
}

/// What people write, the day they said it, and what Watchdog reads (as `describe` puts it).
const READ: &[(&str, &str, &str)] = &[
    // Quarters.
    ("Q3 2023", "2023-05-02", "Q3 2023 (1 Jul – 30 Sep 2023)"),
    ("q3 2023", "2023-05-02", "Q3 2023 (1 Jul – 30 Sep 2023)"),
    ("Q3 23", "2023-05-02", "Q3 2023 (1 Jul – 30 Sep 2023)"),
    ("2023 Q3", "2023-05-02", "Q3 2023 (1 Jul – 30 Sep 2023)"),
    ("in Q4 2023", "2023-05-02", "Q4 2023 (1 Oct – 31 Dec 2023)"),
    ("by Q1 2024", "2023-05-02", "Q1 2024 (1 Jan – 31 Mar 2024)"),
    ("Q3", "2023-08-15", "Q3 2023 (1 Jul – 30 Sep 2023)"),
    ("Q3", "2023-10-01", "Q3 2024 (1 Jul – 30 Sep 2024)"),
    ("Q1", "2023-12-31", "Q1 2024 (1 Jan – 31 Mar 2024)"),
    (
        "Q1 2023/24",
        "2023-02-01",
        "Q1 2023/24 (1 Apr – 30 Jun 2023)",
    ),
    (
        "2023/24 Q1",
        "2023-02-01",
        "Q1 2023/24 (1 Apr – 30 Jun 2023)",
    ),
    (
        "Q4 2023-24",
        "2023-02-01",
        "Q4 2023/24 (1 Jan – 31 Mar 2024)",
    ),
    (
        "Q2 2023/2024",
        "2023-02-01",
        "Q2 2023/24 (1 Jul – 30 Sep 2023)",
    ),
    ("Q3 23/24", "2023-02-01", "Q3 2023/24 (1 Oct – 31 Dec 2023)"),
    (
        "this quarter",
        "2023-08-15",
        "Q3 2023 (1 Jul – 30 Sep 2023)",
    ),
    (
        "next quarter",
        "2023-11-15",
        "Q1 2024 (1 Jan – 31 Mar 2024)",
    ),
    (
        "end of Q2 2024",
        "2023-11-15",
        "Q2 2024 (1 Apr – 30 Jun 2024)",
    ),
    (
        "the end of the quarter",
        "2023-05-15",
        "Q2 2023 (1 Apr – 30 Jun 2023)",
    ),
    // Halves.
    ("H2 2023", "2023-05-02", "H2 2023 (1 Jul – 31 Dec 2023)"),
    ("2024 H1", "2023-05-02", "H1 2024 (1 Jan – 30 Jun 2024)"),
    ("H1", "2023-08-15", "H1 2024 (1 Jan – 30 Jun 2024)"),
    ("H2", "2023-08-15", "H2 2023 (1 Jul – 31 Dec 2023)"),
    (
        "the second half of 2023",
        "2023-02-01",
        "H2 2023 (1 Jul – 31 Dec 2023)",
    ),
    (
        "first half of the year",
        "2023-02-01",
        "H1 2023 (1 Jan – 30 Jun 2023)",
    ),
    // Months and their parts.
    ("July 2023", "2023-05-02", "July 2023 (1 Jul – 31 Jul 2023)"),
    ("Jul 2023", "2023-05-02", "July 2023 (1 Jul – 31 Jul 2023)"),
    ("july", "2023-05-02", "July 2023 (1 Jul – 31 Jul 2023)"),
    ("July", "2023-07-31", "July 2023 (1 Jul – 31 Jul 2023)"),
    ("July", "2023-08-01", "July 2024 (1 Jul – 31 Jul 2024)"),
    (
        "Sept 2023",
        "2023-05-02",
        "September 2023 (1 Sep – 30 Sep 2023)",
    ),
    ("in March", "2023-05-02", "March 2024 (1 Mar – 31 Mar 2024)"),
    (
        "mid-July 2023",
        "2023-05-02",
        "mid-July 2023 (11 Jul – 20 Jul 2023)",
    ),
    (
        "mid-July",
        "2023-06-15",
        "mid-July 2023 (11 Jul – 20 Jul 2023)",
    ),
    (
        "mid July",
        "2023-06-15",
        "mid-July 2023 (11 Jul – 20 Jul 2023)",
    ),
    (
        "the middle of July",
        "2023-06-15",
        "mid-July 2023 (11 Jul – 20 Jul 2023)",
    ),
    (
        "early July",
        "2023-06-15",
        "early July 2023 (1 Jul – 10 Jul 2023)",
    ),
    (
        "the beginning of August",
        "2023-06-15",
        "early August 2023 (1 Aug – 10 Aug 2023)",
    ),
    (
        "late July",
        "2023-06-15",
        "late July 2023 (21 Jul – 31 Jul 2023)",
    ),
    (
        "late February 2024",
        "2023-06-15",
        "late February 2024 (21 Feb – 29 Feb 2024)",
    ),
    (
        "early June",
        "2023-06-15",
        "early June 2024 (1 Jun – 10 Jun 2024)",
    ),
    (
        "mid-June",
        "2023-06-15",
        "mid-June 2023 (11 Jun – 20 Jun 2023)",
    ),
    (
        "end of July",
        "2023-06-15",
        "by the end of July 2023 (1 Jul – 31 Jul 2023)",
    ),
    (
        "by the end of July",
        "2023-06-15",
        "by the end of July 2023 (1 Jul – 31 Jul 2023)",
    ),
    (
        "by end of July 2024",
        "2023-06-15",
        "by the end of July 2024 (1 Jul – 31 Jul 2024)",
    ),
    (
        "the end of the month",
        "2023-06-15",
        "by the end of June 2023 (1 Jun – 30 Jun 2023)",
    ),
    (
        "by the end of next month",
        "2023-12-15",
        "by the end of January 2024 (1 Jan – 31 Jan 2024)",
    ),
    (
        "this month",
        "2023-06-15",
        "June 2023 (1 Jun – 30 Jun 2023)",
    ),
    (
        "next month",
        "2023-12-15",
        "January 2024 (1 Jan – 31 Jan 2024)",
    ),
    (
        "in two months",
        "2023-11-15",
        "January 2024 (1 Jan – 31 Jan 2024)",
    ),
    (
        "in 3 months' time",
        "2023-11-15",
        "February 2024 (1 Feb – 29 Feb 2024)",
    ),
    // Days.
    ("2023-07-14", "2023-05-02", "14 July 2023"),
    ("14/07/2023", "2023-05-02", "14 July 2023"),
    ("14/07/23", "2023-05-02", "14 July 2023"),
    ("14.07.2023", "2023-05-02", "14 July 2023"),
    ("14 July 2023", "2023-05-02", "14 July 2023"),
    ("14th July 2023", "2023-05-02", "14 July 2023"),
    ("1st Aug 2023", "2023-05-02", "1 August 2023"),
    ("by 14 July", "2023-05-02", "by 14 July 2023"),
    ("by 14 July", "2023-07-15", "by 14 July 2024"),
    ("14 July", "2023-07-14", "14 July 2023"),
    ("by 29 February", "2023-03-01", "by 29 February 2024"),
    ("today", "2023-05-02", "2 May 2023"),
    ("tomorrow", "2023-12-31", "1 January 2024"),
    // Relative weeks and weekdays (2 May 2023 was a Tuesday).
    (
        "next week",
        "2023-05-02",
        "the week of 8 May 2023 (8 May – 14 May 2023)",
    ),
    (
        "this week",
        "2023-05-02",
        "the week of 1 May 2023 (1 May – 7 May 2023)",
    ),
    (
        "in two weeks",
        "2023-05-02",
        "the week of 15 May 2023 (15 May – 21 May 2023)",
    ),
    (
        "in 2 weeks' time",
        "2023-05-02",
        "the week of 15 May 2023 (15 May – 21 May 2023)",
    ),
    (
        "in a fortnight",
        "2023-05-02",
        "the week of 15 May 2023 (15 May – 21 May 2023)",
    ),
    (
        "in a week",
        "2023-12-28",
        "the week of 1 January 2024 (1 Jan – 7 Jan 2024)",
    ),
    ("in ten days", "2023-05-02", "12 May 2023"),
    ("within two weeks", "2023-05-02", "by 16 May 2023"),
    ("within the next 3 days", "2023-05-02", "by 5 May 2023"),
    ("within a month", "2023-01-31", "by 28 February 2023"),
    ("by Friday", "2023-05-02", "by 5 May 2023"),
    ("by friday", "2023-05-05", "by 12 May 2023"),
    ("Monday", "2023-05-02", "by 8 May 2023"),
    ("by next Tue", "2023-05-02", "by 9 May 2023"),
    // Years.
    (
        "the end of the year",
        "2023-05-02",
        "by the end of 2023 (1 Jan – 31 Dec 2023)",
    ),
    (
        "by the end of the year",
        "2023-05-02",
        "by the end of 2023 (1 Jan – 31 Dec 2023)",
    ),
    (
        "end of 2024",
        "2023-05-02",
        "by the end of 2024 (1 Jan – 31 Dec 2024)",
    ),
    (
        "year end",
        "2023-05-02",
        "by the end of 2023 (1 Jan – 31 Dec 2023)",
    ),
    (
        "by the end of next year",
        "2023-05-02",
        "by the end of 2024 (1 Jan – 31 Dec 2024)",
    ),
    // Releases.
    ("5.2.0", "2023-05-02", "release 5.2.0"),
    ("in 5.2.0", "2023-05-02", "release 5.2.0"),
    ("in release 5.2", "2023-05-02", "release 5.2"),
    ("v5.1.4", "2023-05-02", "release 5.1.4"),
    ("in version 6.0.0.1", "2023-05-02", "release 6.0.0.1"),
    // Conditions: the words kept as said.
    ("after the pilot", "2023-05-02", "after the pilot"),
    ("Once signed off", "2023-05-02", "Once signed off"),
    (
        "when the regulator approves.",
        "2023-05-02",
        "when the regulator approves",
    ),
    (
        "as soon as   the contract is signed",
        "2023-05-02",
        "as soon as the contract is signed",
    ),
    ("subject to funding", "2023-05-02", "subject to funding"),
    (
        "depending on the pilot's results",
        "2023-05-02",
        "depending on the pilot's results",
    ),
    // Vague words.
    ("soon", "2023-05-02", "soon"),
    ("Coming shortly", "2023-05-02", "soon"),
    ("coming in due course", "2023-05-02", "in due course"),
    ("TBC", "2023-05-02", "TBC"),
    ("to be confirmed", "2023-05-02", "TBC"),
    ("in due course", "2023-05-02", "in due course"),
    ("as soon as possible", "2023-05-02", "soon"),
    (
        "later this year",
        "2023-05-02",
        "later in 2023 (1 Jan – 31 Dec 2023)",
    ),
    (
        "later in 2024",
        "2023-05-02",
        "later in 2024 (1 Jan – 31 Dec 2024)",
    ),
    // A canonical description reads as itself.
    (
        "Q3 2023 (1 Jul – 30 Sep 2023)",
        "2020-01-01",
        "Q3 2023 (1 Jul – 30 Sep 2023)",
    ),
    (
        "mid-July 2023 (11 Jul – 20 Jul 2023)",
        "2020-01-01",
        "mid-July 2023 (11 Jul – 20 Jul 2023)",
    ),
];

#[test]
fn what_people_write_is_read_as_they_meant_it() {
    for (text, said, expected) in READ {
        let read = parse(text, day(said), QuarterScheme::Calendar)
            .unwrap_or_else(|error| panic!("{text:?} said on {said}: {error}"));
        assert_eq!(read.describe(), *expected, "{text:?} said on {said}");
    }
}

#[test]
fn under_financial_year_quarters_a_plain_quarter_is_of_the_financial_year() {
    let read = |text: &str, said: &str| {
        parse(text, day(said), QuarterScheme::UkFinancial)
            .expect("read")
            .describe()
    };
    assert_eq!(
        read("Q3 2023", "2023-05-02"),
        "Q3 2023/24 (1 Oct – 31 Dec 2023)"
    );
    assert_eq!(
        read("Q4 2023", "2023-05-02"),
        "Q4 2023/24 (1 Jan – 31 Mar 2024)"
    );
    assert_eq!(read("Q1", "2023-05-02"), "Q1 2023/24 (1 Apr – 30 Jun 2023)");
    assert_eq!(read("Q1", "2023-07-02"), "Q1 2024/25 (1 Apr – 30 Jun 2024)");
    assert_eq!(
        read("this quarter", "2024-02-10"),
        "Q4 2023/24 (1 Jan – 31 Mar 2024)"
    );
    assert_eq!(
        read("next quarter", "2024-02-10"),
        "Q1 2024/25 (1 Apr – 30 Jun 2024)"
    );
}

/// What cannot be read, and what the person is told.
const REFUSED: &[(&str, &str)] = &[
    ("", "Say when it was promised for, as it was said: \"Q3 2023\", \"mid-July\", \"in 5.2.0\", \"after the pilot\" or \"TBC\"."),
    ("   ", "Say when it was promised for, as it was said: \"Q3 2023\", \"mid-July\", \"in 5.2.0\", \"after the pilot\" or \"TBC\"."),
    ("31/02/2023", "There is no 31 February 2023."),
    ("2023-02-30", "There is no 30 February 2023."),
    ("31 April 2024", "There is no 31 April 2024."),
    ("Q5 2023", "A quarter is Q1, Q2, Q3 or Q4."),
    ("Q0", "A quarter is Q1, Q2, Q3 or Q4."),
    ("H3 2023", "A half year is H1 or H2."),
    ("H1 2023/24", "A half year is H1 or H2."),
    ("Q1 2023/25", "A financial year is two years in a row, such as 2023/24."),
    ("Q3 1999", "Give a year between 2000 and 2100."),
    ("July 2300", "Give a year between 2000 and 2100."),
    ("later in 1990", "Give a year between 2000 and 2100."),
    ("after", "Say what it waits for, such as \"after the pilot\"."),
    ("once", "Say what it waits for, such as \"after the pilot\"."),
    ("Jly 2023", "Watchdog cannot read \"Jly 2023\" as a time. Try a date (14 July 2023), a month (July 2023, mid-July), a quarter (Q3 2023), a release (5.2.0), a condition (after the pilot) or \"TBC\"."),
    ("whenever", "Watchdog cannot read \"whenever\" as a time. Try a date (14 July 2023), a month (July 2023, mid-July), a quarter (Q3 2023), a release (5.2.0), a condition (after the pilot) or \"TBC\"."),
    ("14/13/2023", "Watchdog cannot read \"14/13/2023\" as a time. Try a date (14 July 2023), a month (July 2023, mid-July), a quarter (Q3 2023), a release (5.2.0), a condition (after the pilot) or \"TBC\"."),
];

#[test]
fn what_cannot_be_read_is_refused_saying_why() {
    for (text, message) in REFUSED {
        let refused = parse(text, day("2023-05-02"), QuarterScheme::Calendar).expect_err(text);
        assert_eq!(refused.to_string(), *message, "{text:?}");
    }
    let long = "after ".to_owned() + &"x".repeat(200);
    assert_eq!(
        parse(&long, day("2023-05-02"), QuarterScheme::Calendar)
            .expect_err("too long")
            .to_string(),
        "Keep it under 200 characters."
    );
}

#[test]
fn only_some_timeframes_are_vague_or_conditional_and_those_have_no_window_to_slip() {
    let said = day("2023-05-02");
    let read = |text: &str| parse(text, said, QuarterScheme::Calendar).expect("read");
    assert!(read("TBC").is_vague() && read("TBC").window().is_none());
    assert!(read("later this year").is_vague());
    assert_eq!(
        read("later this year").window().map(|window| window.last),
        Some(day("2023-12-31"))
    );
    assert!(read("after the pilot").is_conditional());
    assert!(read("after the pilot").window().is_none());
    assert!(read("in 5.2.0").window().is_none());
    assert!(!read("Q3").is_vague() && !read("Q3").is_conditional());
}

fn a_day() -> impl Strategy<Value = NaiveDate> {
    (0i64..(100 * 366)).prop_map(|days| day("2000-01-01") + Duration::days(days))
}

fn a_timeframe() -> impl Strategy<Value = Timeframe> {
    let year = 2000i32..2099;
    prop_oneof![
        (a_day(), any::<bool>()).prop_map(|(date, by)| Timeframe::Day { date, by }),
        a_day().prop_map(|date| Timeframe::Week {
            monday: date - Duration::days(i64::from(date.weekday().num_days_from_monday()))
        }),
        (year.clone(), 1u32..=12).prop_map(|(year, month)| Timeframe::Month { year, month }),
        (year.clone(), 1u32..=12, 0usize..3).prop_map(|(year, month, third)| {
            Timeframe::PartOfMonth {
                year,
                month,
                third: [Third::Early, Third::Mid, Third::Late][third],
            }
        }),
        (year.clone(), 1u32..=12).prop_map(|(year, month)| Timeframe::EndOfMonth { year, month }),
        (year.clone(), 1u32..=4).prop_map(|(year, quarter)| Timeframe::Quarter {
            year,
            quarter,
            scheme: QuarterScheme::Calendar
        }),
        (year.clone(), 1u32..=4).prop_map(|(year, quarter)| Timeframe::Quarter {
            year,
            quarter,
            scheme: QuarterScheme::UkFinancial
        }),
        (year.clone(), 1u32..=2).prop_map(|(year, half)| Timeframe::Half { year, half }),
        year.clone().prop_map(|year| Timeframe::EndOfYear { year }),
        (1u32..20, 0u32..20, 0u32..20).prop_map(|(major, minor, patch)| Timeframe::Release {
            version: format!("{major}.{minor}.{patch}")
        }),
        "(after|once|when|pending) [a-z]{1,12}( [a-z]{1,12}){0,3}"
            .prop_map(|condition| Timeframe::Conditional { condition }),
        prop_oneof![
            Just(Vague::Soon),
            Just(Vague::Tbc),
            Just(Vague::InDueCourse),
            year.prop_map(Vague::LaterIn),
        ]
        .prop_map(Timeframe::Vague),
    ]
}

proptest! {
    #[test]
    fn what_is_rendered_reads_back_as_itself(timeframe in a_timeframe(), said in a_day()) {
        for text in [timeframe.to_string(), timeframe.describe()] {
            let read = parse(&text, said, QuarterScheme::Calendar);
            prop_assert_eq!(read.as_ref(), Ok(&timeframe), "{}", text);
        }
    }

    #[test]
    fn no_window_is_inverted(timeframe in a_timeframe()) {
        if let Some(window) = timeframe.window() {
            prop_assert!(window.first <= window.last);
        }
    }

    #[test]
    fn each_quarter_ends_the_day_before_the_next_begins(
        year in 2000i32..2099,
        quarter in 1u32..=4,
        financial in any::<bool>(),
    ) {
        let scheme = if financial { QuarterScheme::UkFinancial } else { QuarterScheme::Calendar };
        let this = Timeframe::Quarter { year, quarter, scheme }.window().expect("a window");
        let (next_year, next_quarter) = if quarter == 4 { (year + 1, 1) } else { (year, quarter + 1) };
        let next = Timeframe::Quarter { year: next_year, quarter: next_quarter, scheme }
            .window()
            .expect("a window");
        prop_assert_eq!(this.last + Duration::days(1), next.first);
    }

    #[test]
    fn the_parser_never_panics(text in "\\PC{0,80}", said in a_day(), financial in any::<bool>()) {
        let scheme = if financial { QuarterScheme::UkFinancial } else { QuarterScheme::Calendar };
        let _ = parse(&text, said, scheme);
    }

    #[test]
    fn the_parser_never_panics_on_near_misses(
        words in proptest::collection::vec(
            "(q[0-9]|h[0-9]|[0-9]{1,4}|[0-9]{2,4}[/-][0-9]{2,4}|mid-?|early|late|end|of|the|by|in|next|this|jul|july|feb|29|31|after|soon|later|week|weeks|month|quarter|year|[0-9.]{1,8})",
            0..5,
        ),
        said in a_day(),
    ) {
        let _ = parse(&words.join(" "), said, QuarterScheme::Calendar);
    }
}

#[test]
fn each_timeframe_names_its_kind() {
    let said = day("2023-06-15");
    for (text, kind) in [
        ("14 July 2023", "date"),
        ("next week", "week"),
        ("mid-July", "month"),
        ("end of July", "month"),
        ("Q3", "quarter"),
        ("H2 2023", "half"),
        ("the end of the year", "year"),
        ("in 5.2.0", "release"),
        ("after the pilot", "conditional"),
        ("TBC", "vague"),
        ("later this year", "vague"),
    ] {
        let read = parse(text, said, QuarterScheme::Calendar).expect("read");
        assert_eq!(read.kind(), kind, "{text}");
    }
}

#[test]
fn a_date_field_s_value_is_read_by_hand() {
    assert_eq!(iso_date("2023-06-15"), Some(day("2023-06-15")));
    assert_eq!(iso_date(" 2024-02-29 "), Some(day("2024-02-29")));
    for refused in [
        "2023-02-29",
        "2023-6-15",
        "15/06/2023",
        "",
        "2023-06",
        "2023-06-15-01",
        "+023-06-15",
    ] {
        assert_eq!(iso_date(refused), None, "{refused}");
    }
}
