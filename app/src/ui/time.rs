//! Times on pages, in the instance's time zone. The server puts the zone into each page's
//! context (from the instance settings), so a page formats a stored UTC time without asking
//! for it; pages are rendered on the server, so no zone data reaches the browser.

use chrono::{DateTime, Utc};
use leptos::prelude::use_context;

use crate::domain::local_time::Zone;

/// The instance's time zone for the page being rendered (UK time where none was provided).
pub fn zone() -> Zone {
    use_context::<Zone>().unwrap_or_default()
}

/// "15 June 2023" in the instance's time zone.
pub fn date(at: DateTime<Utc>) -> String {
    zone().date(at)
}

/// "15 June 2023, 14:05" in the instance's time zone.
pub fn date_time(at: DateTime<Utc>) -> String {
    zone().date_time(at)
}
