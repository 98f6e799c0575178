//! Times shown the British way in the instance's time zone: "15 June 2023", "15 June 2023,
//! 14:05". Times are stored in UTC; a `Zone` turns them into what the instance's clocks said.
//! The zone's rules (summer time, its history) come from the IANA database in `chrono-tz`.

use chrono::{DateTime, LocalResult, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

/// An instance's time zone, by its IANA name ("Europe/London", the default).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Zone(Tz);

impl Default for Zone {
    fn default() -> Self {
        Zone(Tz::Europe__London)
    }
}

impl Zone {
    /// The zone a new instance uses.
    pub const DEFAULT_NAME: &'static str = "Europe/London";

    /// The zone of an IANA name, exactly as the database spells it.
    pub fn parse(name: &str) -> Option<Zone> {
        name.parse::<Tz>().ok().map(Zone)
    }

    /// The zone of a stored name, or the default if the name is no longer known (a zone the
    /// database has since dropped): times are then shown in UK time rather than not at all.
    pub fn from_stored(name: &str) -> Zone {
        Zone::parse(name).unwrap_or_default()
    }

    /// Its IANA name.
    pub fn name(self) -> &'static str {
        self.0.name()
    }

    /// Every zone an instance may choose, by name: UTC, then the IANA zones of the world's
    /// regions (without the database's old country and state abbreviations, "GB",
    /// "US/Eastern", and its fixed offsets).
    pub fn choices() -> impl Iterator<Item = &'static str> {
        std::iter::once("UTC").chain(
            chrono_tz::TZ_VARIANTS
                .iter()
                .map(|zone| zone.name())
                .filter(|name| {
                    let area = name.split('/').next().unwrap_or_default();
                    name.contains('/')
                        && matches!(
                            area,
                            "Africa"
                                | "America"
                                | "Antarctica"
                                | "Asia"
                                | "Atlantic"
                                | "Australia"
                                | "Europe"
                                | "Indian"
                                | "Pacific"
                        )
                }),
        )
    }

    /// Whether `name` is among the `choices`.
    pub fn is_choice(name: &str) -> bool {
        Zone::choices().any(|choice| choice == name)
    }

    /// The same instant on this zone's clocks.
    pub fn clock(self, at: DateTime<Utc>) -> chrono::NaiveDateTime {
        at.with_timezone(&self.0).naive_local()
    }

    /// The instant a date and a time on this zone's clocks name. In the hour the clocks go
    /// back it names two instants: the first is meant (a meeting at 01:30 that night is at
    /// the first 01:30). In the hour they go forward it names none, and the error says so.
    pub fn from_local(
        self,
        date: NaiveDate,
        time: NaiveTime,
    ) -> Result<DateTime<Utc>, &'static str> {
        match self.0.from_local_datetime(&date.and_time(time)) {
            LocalResult::Single(at) | LocalResult::Ambiguous(at, _) => Ok(at.with_timezone(&Utc)),
            LocalResult::None => {
                Err("That time does not exist on that day: the clocks go forward an hour.")
            }
        }
    }

    /// The date and the time on this zone's clocks, as a form shows them: "2023-06-15" and
    /// "14:05".
    pub fn form_fields(self, at: DateTime<Utc>) -> (String, String) {
        let local = self.clock(at);
        (
            local.format("%Y-%m-%d").to_string(),
            local.format("%H:%M").to_string(),
        )
    }

    /// "15 June 2023".
    pub fn date(self, at: DateTime<Utc>) -> String {
        self.clock(at).format("%-d %B %Y").to_string()
    }

    /// "15 June 2023, 14:05".
    pub fn date_time(self, at: DateTime<Utc>) -> String {
        self.clock(at).format("%-d %B %Y, %H:%M").to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .expect("valid")
            .with_timezone(&Utc)
    }

    fn london() -> Zone {
        Zone::default()
    }

    #[test]
    fn the_default_is_uk_time_winter_gmt_and_summer_bst() {
        assert_eq!(london().name(), Zone::DEFAULT_NAME);
        assert_eq!(
            london().date_time(utc("2023-01-15T14:05:00Z")),
            "15 January 2023, 14:05"
        );
        assert_eq!(
            london().date_time(utc("2023-06-15T14:05:00Z")),
            "15 June 2023, 15:05"
        );
    }

    #[test]
    fn uk_clocks_change_at_one_in_the_morning_gmt_on_the_last_sundays() {
        // 2023: 26 March and 29 October.
        let shown = |at| london().date_time(utc(at));
        assert_eq!(shown("2023-03-26T00:59:00Z"), "26 March 2023, 00:59");
        assert_eq!(shown("2023-03-26T01:00:00Z"), "26 March 2023, 02:00");
        assert_eq!(shown("2023-10-29T00:59:00Z"), "29 October 2023, 01:59");
        assert_eq!(shown("2023-10-29T01:00:00Z"), "29 October 2023, 01:00");
    }

    #[test]
    fn the_date_can_differ_from_the_utc_date() {
        assert_eq!(london().date(utc("2024-07-31T23:30:00Z")), "1 August 2024");
        assert_eq!(
            london().date(utc("2024-12-31T23:30:00Z")),
            "31 December 2024"
        );
        let auckland = Zone::parse("Pacific/Auckland").expect("a zone");
        assert_eq!(auckland.date(utc("2024-12-31T12:00:00Z")), "1 January 2025");
    }

    #[test]
    fn other_zones_follow_their_own_summer_time() {
        // New York moved its clocks on 12 March 2023, two weeks before the UK.
        let new_york = Zone::parse("America/New_York").expect("a zone");
        assert_eq!(
            new_york.date_time(utc("2023-03-15T14:05:00Z")),
            "15 March 2023, 10:05"
        );
        assert_eq!(
            new_york.date_time(utc("2023-01-15T14:05:00Z")),
            "15 January 2023, 09:05"
        );
    }

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a date")
    }

    fn ten() -> NaiveTime {
        NaiveTime::from_hms_opt(10, 0, 0).expect("a time")
    }

    #[test]
    fn ten_in_the_morning_is_right_on_each_day_the_clocks_change() {
        // 2024: forward on 31 March, back on 27 October; the days either side too.
        for (date, utc_hour) in [
            ("2024-03-30", 10),
            ("2024-03-31", 9),
            ("2024-04-01", 9),
            ("2024-10-26", 9),
            ("2024-10-27", 10),
            ("2024-10-28", 10),
        ] {
            let at = london().from_local(day(date), ten()).expect("a time");
            assert_eq!(
                at.format("%H").to_string(),
                format!("{utc_hour:02}"),
                "{date}"
            );
            assert_eq!(
                london().form_fields(at),
                (date.to_owned(), "10:00".to_owned())
            );
        }
    }

    #[test]
    fn a_time_the_clocks_skip_is_refused_and_a_repeated_one_is_the_first() {
        let half_past_one = NaiveTime::from_hms_opt(1, 30, 0).expect("a time");
        assert!(london()
            .from_local(day("2024-03-31"), half_past_one)
            .is_err());
        let repeated = london()
            .from_local(day("2024-10-27"), half_past_one)
            .expect("a time");
        assert_eq!(repeated.to_rfc3339(), "2024-10-27T00:30:00+00:00");
    }

    #[test]
    fn only_real_zone_names_are_read() {
        assert_eq!(
            Zone::parse("Europe/Paris").map(Zone::name),
            Some("Europe/Paris")
        );
        assert_eq!(Zone::parse("Mars/Olympus_Mons"), None);
        assert_eq!(Zone::parse(""), None);
        assert_eq!(Zone::from_stored("Mars/Olympus_Mons"), Zone::default());
    }

    #[test]
    fn the_choices_are_the_canonical_zones_only() {
        let choices: Vec<_> = Zone::choices().collect();
        assert!(choices.contains(&"Europe/London"));
        assert!(choices.contains(&"America/New_York"));
        assert!(!choices.contains(&"GB"));
        assert!(!choices.contains(&"US/Eastern"));
        assert!(!choices.contains(&"Etc/GMT+1"));
        assert!(choices.contains(&"UTC"));
        assert!(Zone::is_choice("Europe/Paris") && !Zone::is_choice("GB"));
        assert!(choices.iter().all(|name| Zone::parse(name).is_some()));
    }
}
