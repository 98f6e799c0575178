use chrono::{DateTime, NaiveTime, Timelike, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::{chase::ChasePolicy, local_time::Zone, timeframe::QuarterScheme};

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
    /// The chase policy, as its page shows it (`chase_policy` reads it).
    pub chase: ChaseSettings,
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

    /// The chase policy saved (a value that cannot be read, which saving never stores, keeps
    /// its default).
    pub fn chase_policy(&self) -> ChasePolicy {
        let chase = &self.chase;
        let default = ChasePolicy::default();
        let number = |text: &str, default: i64| text.parse().unwrap_or(default);
        let time = |text: &str, default| parse_time(text).unwrap_or(default);
        ChasePolicy {
            first_after_days: number(&chase.first_after_days, default.first_after_days),
            due_soon_days: number(&chase.due_soon_days, default.due_soon_days),
            repeat_days: number(&chase.repeat_days, default.repeat_days),
            escalate_after: number(&chase.escalate_after, default.escalate_after),
            issue_threshold_days: number(&chase.issue_days, default.issue_threshold_days),
            quiet_from: time(&chase.quiet_from, default.quiet_from),
            quiet_until: time(&chase.quiet_until, default.quiet_until),
            skip_weekends: chase.skip_weekends != "no",
            skip_bank_holidays: chase.skip_bank_holidays != "no",
        }
    }
}

/// The chase policy as stored, each value the text its page shows and its history records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChaseSettings {
    pub first_after_days: String,
    pub due_soon_days: String,
    pub repeat_days: String,
    pub escalate_after: String,
    pub issue_days: String,
    /// "18:00".
    pub quiet_from: String,
    pub quiet_until: String,
    /// "yes" or "no".
    pub skip_weekends: String,
    pub skip_bank_holidays: String,
}

/// A time of day as a time field sends it ("18:00"), read by hand (no format parser in the
/// browser's bundle).
fn parse_time(text: &str) -> Option<NaiveTime> {
    let (hours, minutes) = text.trim().split_once(':')?;
    let number = |part: &str| {
        (part.len() == 2 && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse::<u32>().ok())
            .flatten()
    };
    NaiveTime::from_hms_opt(number(hours)?, number(minutes)?, 0)
}

/// Each setting administrators edit, by the name its changes are recorded under. A new
/// setting joins here, in the settings row and on the settings page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Setting {
    Name,
    Description,
    TimeZone,
    QuarterScheme,
    ChaseFirstAfterDays,
    ChaseDueSoonDays,
    ChaseRepeatDays,
    ChaseEscalateAfter,
    ChaseIssueDays,
    ChaseQuietFrom,
    ChaseQuietUntil,
    ChaseSkipWeekends,
    ChaseSkipBankHolidays,
}

impl Setting {
    pub const ALL: [Setting; 13] = [
        Setting::Name,
        Setting::Description,
        Setting::TimeZone,
        Setting::QuarterScheme,
        Setting::ChaseFirstAfterDays,
        Setting::ChaseDueSoonDays,
        Setting::ChaseRepeatDays,
        Setting::ChaseEscalateAfter,
        Setting::ChaseIssueDays,
        Setting::ChaseQuietFrom,
        Setting::ChaseQuietUntil,
        Setting::ChaseSkipWeekends,
        Setting::ChaseSkipBankHolidays,
    ];

    /// The chase policy's settings, which the committee changes on their own page.
    pub fn is_chase(self) -> bool {
        self.key().starts_with("chase_")
    }

    /// The name stored with its changes (and its form field's name).
    pub fn key(self) -> &'static str {
        match self {
            Setting::Name => "name",
            Setting::Description => "description",
            Setting::TimeZone => "time_zone",
            Setting::QuarterScheme => "quarter_scheme",
            Setting::ChaseFirstAfterDays => "chase_first_after_days",
            Setting::ChaseDueSoonDays => "chase_due_soon_days",
            Setting::ChaseRepeatDays => "chase_repeat_days",
            Setting::ChaseEscalateAfter => "chase_escalate_after",
            Setting::ChaseIssueDays => "chase_issue_days",
            Setting::ChaseQuietFrom => "chase_quiet_from",
            Setting::ChaseQuietUntil => "chase_quiet_until",
            Setting::ChaseSkipWeekends => "chase_skip_weekends",
            Setting::ChaseSkipBankHolidays => "chase_skip_bank_holidays",
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
            Setting::ChaseFirstAfterDays => "First chase, days after the due date",
            Setting::ChaseDueSoonDays => "Reminder, days before the due date",
            Setting::ChaseRepeatDays => "Days between chases",
            Setting::ChaseEscalateAfter => "Unanswered chases before the committee is told",
            Setting::ChaseIssueDays => "Days an issue may wait for the supplier",
            Setting::ChaseQuietFrom => "Quiet hours from",
            Setting::ChaseQuietUntil => "Quiet hours until",
            Setting::ChaseSkipWeekends => "Email waits over weekends",
            Setting::ChaseSkipBankHolidays => "Email waits over bank holidays",
        }
    }

    /// Its value in `settings`.
    pub fn of(self, settings: &InstanceInfo) -> &str {
        match self {
            Setting::Name => &settings.name,
            Setting::Description => &settings.description,
            Setting::TimeZone => &settings.time_zone,
            Setting::QuarterScheme => &settings.quarter_scheme,
            Setting::ChaseFirstAfterDays => &settings.chase.first_after_days,
            Setting::ChaseDueSoonDays => &settings.chase.due_soon_days,
            Setting::ChaseRepeatDays => &settings.chase.repeat_days,
            Setting::ChaseEscalateAfter => &settings.chase.escalate_after,
            Setting::ChaseIssueDays => &settings.chase.issue_days,
            Setting::ChaseQuietFrom => &settings.chase.quiet_from,
            Setting::ChaseQuietUntil => &settings.chase.quiet_until,
            Setting::ChaseSkipWeekends => &settings.chase.skip_weekends,
            Setting::ChaseSkipBankHolidays => &settings.chase.skip_bank_holidays,
        }
    }

    /// Sets its value in `settings` (one checked by `parse_value`).
    pub fn set(self, settings: &mut InstanceInfo, value: String) {
        let slot = match self {
            Setting::Name => &mut settings.name,
            Setting::Description => &mut settings.description,
            Setting::TimeZone => &mut settings.time_zone,
            Setting::QuarterScheme => &mut settings.quarter_scheme,
            Setting::ChaseFirstAfterDays => &mut settings.chase.first_after_days,
            Setting::ChaseDueSoonDays => &mut settings.chase.due_soon_days,
            Setting::ChaseRepeatDays => &mut settings.chase.repeat_days,
            Setting::ChaseEscalateAfter => &mut settings.chase.escalate_after,
            Setting::ChaseIssueDays => &mut settings.chase.issue_days,
            Setting::ChaseQuietFrom => &mut settings.chase.quiet_from,
            Setting::ChaseQuietUntil => &mut settings.chase.quiet_until,
            Setting::ChaseSkipWeekends => &mut settings.chase.skip_weekends,
            Setting::ChaseSkipBankHolidays => &mut settings.chase.skip_bank_holidays,
        };
        *slot = value;
    }

    /// A stored value as people read it in the history ("UK financial year", not its name).
    pub fn shown(self, value: &str) -> String {
        match (self, QuarterScheme::parse(value)) {
            (Setting::QuarterScheme, Some(QuarterScheme::Calendar)) => "Calendar".to_owned(),
            (Setting::QuarterScheme, Some(QuarterScheme::UkFinancial)) => {
                "UK financial year".to_owned()
            }
            (Setting::ChaseSkipWeekends | Setting::ChaseSkipBankHolidays, _) => {
                if value == "no" { "No" } else { "Yes" }.to_owned()
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
            Setting::ChaseFirstAfterDays
            | Setting::ChaseDueSoonDays
            | Setting::ChaseRepeatDays
            | Setting::ChaseEscalateAfter
            | Setting::ChaseIssueDays => {
                ChasePolicy::parse_number(self.key(), text).map(|number| number.to_string())
            }
            Setting::ChaseQuietFrom | Setting::ChaseQuietUntil => parse_time(text)
                .map(|time| format!("{:02}:{:02}", time.hour(), time.minute()))
                .ok_or("Give a time of day, such as 18:00."),
            Setting::ChaseSkipWeekends | Setting::ChaseSkipBankHolidays => match text {
                "yes" | "no" => Ok(text.to_owned()),
                _ => Err("Choose whether email waits."),
            },
            Setting::Name | Setting::Description => Ok(text.to_owned()),
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

/// The chase policy's page: the settings, the changes to the policy, newest first, and the
/// next bank holidays email waits over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChasePolicyView {
    pub settings: InstanceInfo,
    pub changes: Vec<SettingChange>,
    pub bank_holidays: Vec<chrono::NaiveDate>,
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
        assert_eq!(
            Setting::ChaseRepeatDays.parse_value(" 21 "),
            Ok("21".to_owned())
        );
        assert!(Setting::ChaseRepeatDays.parse_value("0").is_err());
        assert_eq!(
            Setting::ChaseQuietFrom.parse_value("7:30"),
            Err("Give a time of day, such as 18:00.")
        );
        assert_eq!(
            Setting::ChaseQuietFrom.parse_value("19:30"),
            Ok("19:30".to_owned())
        );
        assert!(Setting::ChaseQuietUntil.parse_value("24:00").is_err());
        assert_eq!(
            Setting::ChaseSkipWeekends.parse_value("no"),
            Ok("no".to_owned())
        );
        assert!(Setting::ChaseSkipWeekends.parse_value("maybe").is_err());
    }

    #[test]
    fn the_chase_policy_is_read_from_the_stored_settings() {
        let chase = ChaseSettings {
            first_after_days: "2".to_owned(),
            due_soon_days: "0".to_owned(),
            repeat_days: "21".to_owned(),
            escalate_after: "4".to_owned(),
            issue_days: "10".to_owned(),
            quiet_from: "19:30".to_owned(),
            quiet_until: "07:00".to_owned(),
            skip_weekends: "no".to_owned(),
            skip_bank_holidays: "yes".to_owned(),
        };
        let settings = InstanceInfo {
            name: "Group".to_owned(),
            description: String::new(),
            time_zone: "Europe/London".to_owned(),
            quarter_scheme: "calendar".to_owned(),
            demo: false,
            chase,
            version: 1,
        };
        let policy = settings.chase_policy();
        assert_eq!(
            (
                policy.first_after_days,
                policy.due_soon_days,
                policy.repeat_days
            ),
            (2, 0, 21)
        );
        assert_eq!(
            (policy.escalate_after, policy.issue_threshold_days),
            (4, 10)
        );
        assert_eq!(
            policy.quiet_from,
            NaiveTime::from_hms_opt(19, 30, 0).expect("a time")
        );
        assert!(!policy.skip_weekends && policy.skip_bank_holidays);
        for setting in Setting::ALL {
            let mut changed = settings.clone();
            setting.set(&mut changed, "x".to_owned());
            assert_eq!(setting.of(&changed), "x", "{setting:?}");
        }
    }
}
