//! A supplier's releases: how one stands, what its name may be, and what a commitment
//! promised in it is told when its window moves.

use serde::{Deserialize, Serialize};

use super::timeframe::{self, QuarterScheme, Timeframe};

/// Where a release stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ReleaseStatus {
    Planned,
    Piloting,
    RollingOut,
    Released,
}

impl ReleaseStatus {
    pub const ALL: [ReleaseStatus; 4] = [
        ReleaseStatus::Planned,
        ReleaseStatus::Piloting,
        ReleaseStatus::RollingOut,
        ReleaseStatus::Released,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ReleaseStatus::Planned => "planned",
            ReleaseStatus::Piloting => "piloting",
            ReleaseStatus::RollingOut => "rolling_out",
            ReleaseStatus::Released => "released",
        }
    }

    pub fn parse(text: &str) -> Option<ReleaseStatus> {
        Self::ALL.into_iter().find(|status| status.as_str() == text)
    }

    pub fn label(self) -> &'static str {
        match self {
            ReleaseStatus::Planned => "Planned",
            ReleaseStatus::Piloting => "Piloting",
            ReleaseStatus::RollingOut => "Rolling out",
            ReleaseStatus::Released => "Released",
        }
    }
}

/// A release's name as a promise names it ("5.2.0" from "5.2.0", "v5.2.0" or "release
/// 5.2.0"): the same reading the timeframe parser gives "in 5.2.0", so a commitment promised
/// in it finds it.
pub fn release_name(text: &str) -> Result<String, &'static str> {
    let said = chrono::NaiveDate::default();
    match timeframe::parse(text.trim(), said, QuarterScheme::Calendar) {
        Ok(Timeframe::Release { version }) => Ok(version),
        _ => Err("Give the version as the supplier numbers it, such as 5.2.0."),
    }
}

/// What each open commitment promised in a release is told, in its ledger, when the
/// release's window moves.
pub fn moved_reason(name: &str) -> String {
    format!("release {name} moved")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_release_is_named_as_a_promise_names_it() {
        for said in ["5.2.0", "v5.2.0", "release 5.2.0", " 5.2 ", "in 5.2.0.1"] {
            assert!(release_name(said).is_ok(), "{said}");
        }
        assert_eq!(release_name("V5.2.0"), Ok("5.2.0".to_owned()));
        for bad in ["", "next", "Q3 2026", "14.07.2023", "5", "5..2"] {
            assert_eq!(
                release_name(bad),
                Err("Give the version as the supplier numbers it, such as 5.2.0."),
                "{bad}"
            );
        }
    }

    #[test]
    fn statuses_read_back_from_their_names() {
        for status in ReleaseStatus::ALL {
            assert_eq!(ReleaseStatus::parse(status.as_str()), Some(status));
        }
        assert_eq!(ReleaseStatus::parse("shipped"), None);
        assert_eq!(moved_reason("5.2.0"), "release 5.2.0 moved");
    }
}
