use serde::{Deserialize, Serialize};

/// How the instance introduces itself on the home page and in the header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstanceInfo {
    /// Shown in the header and page titles, e.g. "Clinical System User Group".
    pub name: String,
    /// One or two sentences on whose supplier this instance watches.
    pub description: String,
    /// The instance holds the demonstration data (`watchdog demo load`), whose accounts'
    /// password is published: every page says so.
    pub demo: bool,
}
