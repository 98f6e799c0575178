//! Account values both sides share. Each is parsed once at the edge and valid from then on.

use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::ids::SupplierId;

pub use crate::domain::{
    ids::{AccountId, LinkId, SessionId},
    people::{CurrentUser, Role},
};

/// An email address as people type it, trimmed; compared case-insensitively.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Email(String);

impl Email {
    /// Longest address SMTP can carry.
    const MAX_LEN: usize = 254;

    pub fn parse(text: &str) -> Result<Email, &'static str> {
        let text = text.trim();
        if text.is_empty() {
            return Err("Enter an email address.");
        }
        if text.len() > Self::MAX_LEN {
            return Err("That email address is too long.");
        }
        let Some((local, domain)) = text.rsplit_once('@') else {
            return Err("Enter an email address like name@example.org.");
        };
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..");
        if local.is_empty()
            || !domain_ok
            || text.chars().any(|c| c.is_whitespace() || c.is_control())
            || local.contains('@')
        {
            return Err("Enter an email address like name@example.org.");
        }
        Ok(Email(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The form unique in the database: two addresses differing only in case are one account.
    pub fn normalised(&self) -> String {
        self.0.to_lowercase()
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The name shown for a person: trimmed, 1 to 100 characters, no control characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisplayName(String);

impl DisplayName {
    pub const MAX_CHARS: usize = 100;

    pub fn parse(text: &str) -> Result<DisplayName, String> {
        let text = text.trim();
        if text.is_empty() {
            return Err("Enter the name to show for this person.".to_owned());
        }
        if text.chars().count() > Self::MAX_CHARS {
            return Err(format!("Use at most {} characters.", Self::MAX_CHARS));
        }
        if text.chars().any(char::is_control) {
            return Err("Use letters, spaces and punctuation only.".to_owned());
        }
        Ok(DisplayName(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A password that meets the length rules. Never serialised, never printed.
#[derive(Clone)]
pub struct Password(String);

impl Password {
    pub const MIN_CHARS: usize = 12;
    pub const MAX_CHARS: usize = 128;

    /// Length rules only: a password chosen long ago must still sign in even if it would now
    /// be refused as too common. New passwords also pass `accounts::passwords::check_new`.
    pub fn parse(text: &str) -> Result<Password, String> {
        let chars = text.chars().count();
        if chars < Self::MIN_CHARS {
            return Err(format!(
                "Use at least {} characters; a few unrelated words make a good one.",
                Self::MIN_CHARS
            ));
        }
        if chars > Self::MAX_CHARS {
            return Err(format!("Use at most {} characters.", Self::MAX_CHARS));
        }
        Ok(Password(text.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(***)")
    }
}

/// An account as the administrators' list and its own page show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountSummary {
    pub id: AccountId,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub supplier: Option<SupplierId>,
    pub supplier_name: Option<String>,
    pub active: bool,
    pub created_at: DateTime<Utc>,
    pub last_sign_in_at: Option<DateTime<Utc>>,
    /// For detecting a change made by someone else since the page was loaded.
    pub version: i64,
}

/// A signed-in browser, as its owner sees it in their list of sessions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionSummary {
    pub id: SessionId,
    /// The session making this request.
    pub current: bool,
    pub user_agent: String,
    pub client_address: String,
    pub remember: bool,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
}

/// An invitation not yet accepted, for the administrators' list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingInvitation {
    /// The link's id, for revoking it.
    pub id: LinkId,
    pub email: String,
    pub role: Role,
    pub supplier_name: Option<String>,
    pub invited_by: Option<String>,
    pub expires_at: DateTime<Utc>,
}

/// What a single-use link is for, as its page shows it before it is used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum LinkDetails {
    Invitation {
        email: String,
        role: Role,
        supplier_name: Option<String>,
    },
    PasswordReset {
        email: String,
    },
}

/// Security events kept in the audit log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuditAction {
    AccountCreated,
    SignIn,
    SignInFailed,
    SignOut,
    Invited,
    InvitationAccepted,
    RoleChanged,
    AccountDisabled,
    AccountEnabled,
    PasswordResetIssued,
    PasswordReset,
    PasswordChanged,
    NameChanged,
    SessionEnded,
    InvitationRevoked,
}

impl AuditAction {
    pub const ALL: [AuditAction; 15] = [
        AuditAction::AccountCreated,
        AuditAction::SignIn,
        AuditAction::SignInFailed,
        AuditAction::SignOut,
        AuditAction::Invited,
        AuditAction::InvitationAccepted,
        AuditAction::RoleChanged,
        AuditAction::AccountDisabled,
        AuditAction::AccountEnabled,
        AuditAction::PasswordResetIssued,
        AuditAction::PasswordReset,
        AuditAction::PasswordChanged,
        AuditAction::NameChanged,
        AuditAction::SessionEnded,
        AuditAction::InvitationRevoked,
    ];

    /// The name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::AccountCreated => "account_created",
            AuditAction::SignIn => "sign_in",
            AuditAction::SignInFailed => "sign_in_failed",
            AuditAction::SignOut => "sign_out",
            AuditAction::Invited => "invited",
            AuditAction::InvitationAccepted => "invitation_accepted",
            AuditAction::RoleChanged => "role_changed",
            AuditAction::AccountDisabled => "account_disabled",
            AuditAction::AccountEnabled => "account_enabled",
            AuditAction::PasswordResetIssued => "password_reset_issued",
            AuditAction::PasswordReset => "password_reset",
            AuditAction::PasswordChanged => "password_changed",
            AuditAction::NameChanged => "name_changed",
            AuditAction::SessionEnded => "session_ended",
            AuditAction::InvitationRevoked => "invitation_revoked",
        }
    }

    pub fn parse(text: &str) -> Option<AuditAction> {
        AuditAction::ALL
            .into_iter()
            .find(|action| action.as_str() == text)
    }

    /// How the log names it to people.
    pub fn label(self) -> &'static str {
        match self {
            AuditAction::AccountCreated => "Account created",
            AuditAction::SignIn => "Signed in",
            AuditAction::SignInFailed => "Sign-in failed",
            AuditAction::SignOut => "Signed out",
            AuditAction::Invited => "Invitation sent",
            AuditAction::InvitationAccepted => "Invitation accepted",
            AuditAction::RoleChanged => "Role changed",
            AuditAction::AccountDisabled => "Account disabled",
            AuditAction::AccountEnabled => "Account re-enabled",
            AuditAction::PasswordResetIssued => "Password reset link issued",
            AuditAction::PasswordReset => "Password reset",
            AuditAction::PasswordChanged => "Password changed",
            AuditAction::NameChanged => "Name changed",
            AuditAction::SessionEnded => "Session ended",
            AuditAction::InvitationRevoked => "Invitation revoked",
        }
    }
}

/// One entry of the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: i64,
    pub action: AuditAction,
    pub actor: Option<AccountId>,
    pub actor_name: Option<String>,
    pub account: Option<AccountId>,
    pub account_name: Option<String>,
    pub detail: String,
    pub client_address: String,
    pub at: DateTime<Utc>,
}

/// A page of the audit log, newest first, and where the next (older) page starts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    /// Pass as `before` for the next page; `None` on the last page.
    pub older: Option<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn audit_actions_round_trip_through_their_names() {
        for action in AuditAction::ALL {
            assert_eq!(AuditAction::parse(action.as_str()), Some(action));
        }
        assert_eq!(AuditAction::parse("nothing"), None);
    }

    #[test]
    fn roles_round_trip_through_their_names() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("superuser"), None);
        assert_eq!(Role::parse("Admin"), None);
    }

    #[test]
    fn emails_are_trimmed_and_compared_without_case() {
        let email = Email::parse("  Chair@Example.ORG ").expect("valid");
        assert_eq!(email.as_str(), "Chair@Example.ORG");
        assert_eq!(email.normalised(), "chair@example.org");
    }

    #[test]
    fn malformed_emails_are_refused() {
        for bad in [
            "",
            "   ",
            "chair",
            "chair@",
            "@example.org",
            "chair@example",
            "chair@.example.org",
            "chair@example.org.",
            "chair@exa..mple.org",
            "ch air@example.org",
            "chair@@example.org",
            "chair\n@example.org",
        ] {
            assert!(Email::parse(bad).is_err(), "accepted {bad:?}");
        }
        let long = format!("{}@example.org", "a".repeat(250));
        assert!(Email::parse(&long).is_err());
    }

    #[test]
    fn passwords_need_twelve_to_128_characters_counted_as_characters() {
        assert!(Password::parse("elevenchars").is_err());
        assert!(Password::parse("twelve chars").is_ok());
        // Twelve characters, more than twelve bytes.
        assert!(Password::parse("ééééééééééé").is_err());
        assert!(Password::parse("éééééééééééé").is_ok());
        assert!(Password::parse(&"x".repeat(128)).is_ok());
        assert!(Password::parse(&"x".repeat(129)).is_err());
    }

    #[test]
    fn display_names_are_trimmed_and_bounded() {
        assert_eq!(
            DisplayName::parse("  Committee Chair ")
                .expect("valid")
                .as_str(),
            "Committee Chair"
        );
        assert!(DisplayName::parse("   ").is_err());
        assert!(DisplayName::parse(&"n".repeat(101)).is_err());
        assert!(DisplayName::parse("Tab\there").is_err());
    }

    #[test]
    fn passwords_never_show_in_debug_output() {
        let password = Password::parse("correct horse battery").expect("valid");
        assert_eq!(format!("{password:?}"), "Password(***)");
    }
}
