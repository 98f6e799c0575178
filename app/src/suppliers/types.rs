//! Supplier values both sides share.

use serde::{Deserialize, Serialize};

pub use crate::domain::ids::{ModuleId, SupplierId};

/// A supplier as a choice in a form or a label beside a person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct SupplierName {
    pub id: SupplierId,
    pub name: String,
}

/// The short name in a supplier's or module's address: 2 to 60 lower-case letters, digits
/// and single hyphens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Slug(String);

impl Slug {
    pub fn parse(text: &str) -> Result<Slug, &'static str> {
        let text = text.trim();
        let well_formed = text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && !text.starts_with('-')
            && !text.ends_with('-')
            && !text.contains("--");
        if !well_formed {
            return Err(
                "Use lower-case letters, digits and single hyphens, such as example-systems.",
            );
        }
        match text.len() {
            0..=1 => Err("A short name has at least 2 characters."),
            61.. => Err("A short name has at most 60 characters."),
            _ => Ok(Slug(text.to_owned())),
        }
    }

    /// The short name a name suggests: "Example Clinical Systems" → `example-clinical-systems`.
    pub fn from_name(name: &str) -> Result<Slug, &'static str> {
        let mut slug = String::new();
        for c in name.chars() {
            if c.is_ascii_alphanumeric() {
                slug.push(c.to_ascii_lowercase());
            } else if !slug.is_empty() && !slug.ends_with('-') {
                slug.push('-');
            }
        }
        let slug: String = slug.chars().take(60).collect();
        Slug::parse(slug.trim_end_matches('-'))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A name as people type it for a supplier or module: trimmed, 1 to 100 characters.
pub fn parse_name(text: &str) -> Result<String, &'static str> {
    let text = text.trim();
    match text.chars().count() {
        0 => Err("Enter a name."),
        101.. => Err("Keep the name under 100 characters."),
        _ => Ok(text.to_owned()),
    }
}

/// A website: empty, or an `http`/`https` address.
pub fn parse_website(text: &str) -> Result<String, &'static str> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(String::new());
    }
    let lower = text.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    match rest {
        Some(rest)
            if !rest.is_empty()
                && !rest.starts_with('/')
                && text.len() <= 300
                && !text.chars().any(|c| c.is_whitespace() || c.is_control()) =>
        {
            Ok(text.to_owned())
        }
        _ => Err("Enter a web address starting with https:// (or leave it empty)."),
    }
}

/// A short plain-text description, up to 2,000 characters.
pub fn parse_description(text: &str) -> Result<String, &'static str> {
    let text = text.trim();
    if text.chars().count() > 2000 {
        return Err("Keep the description under 2,000 characters.");
    }
    Ok(text.to_owned())
}

/// A module as a choice in a form or a label on an issue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ModuleName {
    pub id: ModuleId,
    pub supplier: SupplierId,
    pub name: String,
}

/// A supplier with what the administrators' list shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct SupplierSummary {
    pub id: SupplierId,
    pub name: String,
    pub slug: String,
    pub website: String,
    pub modules: i64,
    pub representatives: i64,
    pub issues: i64,
}

/// One supplier in full, with its modules, as its administration page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupplierDetail {
    pub id: SupplierId,
    pub name: String,
    pub slug: String,
    pub description: String,
    pub website: String,
    pub version: i64,
    pub modules: Vec<ModuleDetail>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ModuleDetail {
    pub id: ModuleId,
    pub name: String,
    pub slug: String,
    pub description: String,
    pub version: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slug_is_lower_case_letters_digits_and_single_hyphens() {
        assert!(Slug::parse("example-systems").is_ok());
        assert!(Slug::parse("emis9").is_ok());
        for bad in [
            "Example",
            "a",
            "-ab",
            "ab-",
            "a--b",
            "a b",
            "a_b",
            &"a".repeat(61),
        ] {
            assert!(Slug::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_slug_is_suggested_by_a_name() {
        assert_eq!(
            Slug::from_name("Example Clinical Systems Ltd.").map(|s| s.0),
            Ok("example-clinical-systems-ltd".to_owned())
        );
        assert_eq!(
            Slug::from_name("  Resource Publisher (v2)").map(|s| s.0),
            Ok("resource-publisher-v2".to_owned())
        );
        assert!(Slug::from_name("日本").is_err());
    }

    #[test]
    fn a_name_is_trimmed_and_bounded() {
        assert_eq!(parse_name("  Portal "), Ok("Portal".to_owned()));
        assert!(parse_name(" ").is_err());
        assert!(parse_name(&"x".repeat(101)).is_err());
    }

    #[test]
    fn a_website_is_http_or_https_or_nothing() {
        assert_eq!(parse_website(""), Ok(String::new()));
        assert!(parse_website("https://example.org/support").is_ok());
        assert!(parse_website("HTTP://example.org").is_ok());
        for bad in [
            "javascript:alert(1)",
            "example.org",
            "https://",
            "https:///x",
            "https://a b",
        ] {
            assert!(parse_website(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_description_is_bounded() {
        assert!(parse_description(&"x".repeat(2000)).is_ok());
        assert!(parse_description(&"x".repeat(2001)).is_err());
    }
}
