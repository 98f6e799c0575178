//! Account values both sides share. Each is parsed once at the edge and valid from then on.

use std::fmt;

use serde::{Deserialize, Serialize};

/// An account's database id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct AccountId(pub i64);

/// What an account may do; see SPEC "Who uses it".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Member,
    SupplierRep,
    Chair,
    Admin,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Member, Role::SupplierRep, Role::Chair, Role::Admin];

    /// The name stored in the database and used in URLs and forms.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Member => "member",
            Role::SupplierRep => "supplier_rep",
            Role::Chair => "chair",
            Role::Admin => "admin",
        }
    }

    pub fn parse(text: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|role| role.as_str() == text)
    }

    /// How the role is named to people.
    pub fn label(self) -> &'static str {
        match self {
            Role::Member => "Member",
            Role::SupplierRep => "Supplier representative",
            Role::Chair => "Chair",
            Role::Admin => "Administrator",
        }
    }
}

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

/// The person making a request, as pages and server functions see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub id: AccountId,
    pub display_name: String,
    pub role: Role,
}

#[cfg(test)]
mod tests {
    use super::*;

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
