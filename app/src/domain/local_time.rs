//! Times shown the British way in the instance's time zone: "15 June 2023", "15 June 2023,
//! 14:05". Times are stored in UTC; a `Zone` turns them into what the instance's clocks said.
//! The zone's rules (summer time, its history) come from the IANA database in `chrono-tz`.

use chrono::{DateTime, Utc};
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

    /// Every zone an instance may choose, by name: the canonical IANA zones, without the
    /// database's backward-compatible aliases ("GB", "US/Eastern") and its fixed offsets.
    pub fn choices() -> impl Iterator<Item = &'static str> {
        chrono_tz::TZ_VARIANTS
            .iter()
            .map(|zone| zone.name())
            .filter(|name| name.contains('/') && !name.starts_with("Etc/"))
            .filter(|name| {
                let area = name.split('/').next().unwrap_or_default();
                matches!(
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
            })
    }

    /// The same instant on this zone's clocks.
    pub fn clock(self, at: DateTime<Utc>) -> chrono::NaiveDateTime {
        at.with_timezone(&self.0).naive_local()
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
        assert!(choices.iter().all(|name| Zone::parse(name).is_some()));
    }
}
