use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::{local_time::Zone, timeframe::QuarterScheme};

/// The instance's settings: how it introduces itself and the rules every page follows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstanceInfo {
    /// Shown in the header and page titles, e.g. "Clinical System User Group".
    pub name: String,
    /// One or two sentences on whose supplier this instance watches.
    pub description: String,
    /// The IANA time zone every time is shown and entered in ("Europe/London").
    pub time_zone: String,
    /// How quarters written without a financial year are numbered ("calendar" or
    /// "uk_financial", `QuarterScheme`).
    pub quarter_scheme: String,
    /// The instance holds the demonstration data (`watchdog demo load`), whose accounts'
    /// password is published: every page says so.
    pub demo: bool,
    /// Moves on every change, so an edit made from an older page is refused.
    pub version: i64,
}

impl InstanceInfo {
    pub fn zone(&self) -> Zone {
        Zone::from_stored(&self.time_zone)
    }

    pub fn quarter_scheme(&self) -> QuarterScheme {
        QuarterScheme::parse(&self.quarter_scheme).unwrap_or_default()
    }
}

/// Each setting administrators edit, by the name its changes are recorded under. A new
/// setting joins here, in the settings row and on the settings page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Setting {
    Name,
    Description,
    TimeZone,
    QuarterScheme,
}

impl Setting {
    pub const ALL: [Setting; 4] = [
        Setting::Name,
        Setting::Description,
        Setting::TimeZone,
        Setting::QuarterScheme,
    ];

    /// The name stored with its changes (and its form field's name).
    pub fn key(self) -> &'static str {
        match self {
            Setting::Name => "name",
            Setting::Description => "description",
            Setting::TimeZone => "time_zone",
            Setting::QuarterScheme => "quarter_scheme",
        }
    }

    pub fn parse(key: &str) -> Option<Setting> {
        Setting::ALL
            .into_iter()
            .find(|setting| setting.key() == key)
    }

    /// What the settings page and its history call it.
    pub fn label(self) -> &'static str {
        match self {
            Setting::Name => "Name",
            Setting::Description => "Introduction",
            Setting::TimeZone => "Time zone",
            Setting::QuarterScheme => "Quarters",
        }
    }

    /// Its value in `settings`.
    pub fn of(self, settings: &InstanceInfo) -> &str {
        match self {
            Setting::Name => &settings.name,
            Setting::Description => &settings.description,
            Setting::TimeZone => &settings.time_zone,
            Setting::QuarterScheme => &settings.quarter_scheme,
        }
    }

    /// A stored value as people read it in the history ("UK financial year", not its name).
    pub fn shown(self, value: &str) -> String {
        match (self, QuarterScheme::parse(value)) {
            (Setting::QuarterScheme, Some(QuarterScheme::Calendar)) => "Calendar".to_owned(),
            (Setting::QuarterScheme, Some(QuarterScheme::UkFinancial)) => {
                "UK financial year".to_owned()
            }
            _ => value.to_owned(),
        }
    }

    /// The value as typed, checked and tidied, or the message to show beside its field.
    pub fn parse_value(self, text: &str) -> Result<String, &'static str> {
        let text = text.trim();
        let length = text.chars().count();
        match self {
            Setting::Name if length == 0 => Err("Enter the name the instance goes by."),
            Setting::Name if length > 80 => Err("Keep the name under 80 characters."),
            Setting::Description if length > 600 => {
                Err("Keep the introduction under 600 characters.")
            }
            Setting::TimeZone if Zone::is_choice(text) => Ok(text.to_owned()),
            Setting::TimeZone => Err("Choose a time zone from the list."),
            Setting::QuarterScheme if QuarterScheme::parse(text).is_some() => Ok(text.to_owned()),
            Setting::QuarterScheme => Err("Choose how quarters are numbered."),
            _ => Ok(text.to_owned()),
        }
    }
}

/// One change to a setting, as the history on the settings page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingChange {
    pub setting: Setting,
    pub old: String,
    pub new: String,
    /// Who changed it (absent if the account is gone, or it was changed from the command line).
    pub by: Option<String>,
    pub at: DateTime<Utc>,
}

/// The settings page: the settings and their changes, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingsView {
    pub settings: InstanceInfo,
    pub changes: Vec<SettingChange>,
    /// The time by the server's clock, shown in the zone saved.
    pub now: chrono::DateTime<chrono::Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_setting_is_read_back_by_its_key() {
        for setting in Setting::ALL {
            assert_eq!(Setting::parse(setting.key()), Some(setting));
        }
        assert_eq!(Setting::parse("password"), None);
    }

    #[test]
    fn values_are_checked_by_their_own_rule() {
        assert_eq!(
            Setting::Name.parse_value("  A group "),
            Ok("A group".to_owned())
        );
        assert!(Setting::Name.parse_value("   ").is_err());
        assert!(Setting::Name.parse_value(&"x".repeat(81)).is_err());
        assert_eq!(Setting::Description.parse_value(""), Ok(String::new()));
        assert!(Setting::Description.parse_value(&"x".repeat(601)).is_err());
        assert_eq!(
            Setting::TimeZone.parse_value(" Europe/Paris "),
            Ok("Europe/Paris".to_owned())
        );
        assert!(Setting::TimeZone.parse_value("Europe/Atlantis").is_err());
        assert!(
            Setting::TimeZone.parse_value("GB").is_err(),
            "an alias, not on the list"
        );
        assert_eq!(
            Setting::QuarterScheme.parse_value("uk_financial"),
            Ok("uk_financial".to_owned())
        );
        assert!(Setting::QuarterScheme.parse_value("fiscal").is_err());
    }
}
