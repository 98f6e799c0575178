//! The meetings pages: the list (filters in the URL), a meeting with its minutes, and for
//! the committee the form that schedules one and the editor of its details, attendees and
//! agenda. Small pieces several of them show live here.

mod action;
mod attachments;
mod autosave;
mod editor;
mod editor_actions;
mod import;
mod item_editor;
mod links;
mod list;
mod meeting;
mod outcomes;
mod revisions;

pub use action::ActionPageView;
pub use editor::{MeetingEditorPage, ScheduleMeetingPage};
pub use import::MinutesImportPage;
pub use list::MeetingsPage;
pub use meeting::{MeetingPage, MeetingPrintPage};
pub use revisions::RevisionsPage;

use chrono::{DateTime, Duration, Utc};
use leptos::prelude::*;

use crate::{
    domain::meetings::{MinutesStatus, Visibility},
    ui::time,
};

/// "15 June 2023, 10:00 to 12:00" in the instance's time zone.
fn when(starts_at: DateTime<Utc>, duration_minutes: i64) -> String {
    let zone = time::zone();
    let ends = zone.clock(starts_at + Duration::minutes(duration_minutes));
    let start = zone.clock(starts_at);
    if ends.date() == start.date() {
        format!("{} to {}", zone.date_time(starts_at), ends.format("%H:%M"))
    } else {
        format!(
            "{} to {}",
            zone.date_time(starts_at),
            zone.date_time(starts_at + Duration::minutes(duration_minutes))
        )
    }
}

/// "Draft" for minutes not yet published (only the committee sees those).
#[component]
fn DraftBadge(status: MinutesStatus) -> impl IntoView {
    (status == MinutesStatus::Draft)
        .then(|| view! { <span class="badge badge--new">"Draft"</span> })
}

/// Who may read a meeting or item, shown to the committee, who chose it.
fn visibility_note(visibility: Visibility) -> &'static str {
    match visibility {
        Visibility::Public => "Public",
        Visibility::Members => "Members",
        Visibility::Committee => "Committee only",
    }
}

/// The visibility choices of a form.
fn visibility_options() -> Vec<(String, String)> {
    Visibility::ALL
        .into_iter()
        .map(|visibility| {
            (
                visibility.as_str().to_owned(),
                visibility.label().to_owned(),
            )
        })
        .collect()
}
