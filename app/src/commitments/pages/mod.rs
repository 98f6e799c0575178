//! The commitments pages: the list (filters in the URL), a commitment with its ledger and the
//! form that re-promises it, and for the committee the form that records one. Small pieces
//! several of them show live here.

mod answered;
mod commitment;
mod drift;
mod edit;
mod history;
mod list;
mod new;
mod releases;
mod roadmap;
mod scorecard;
mod since;

pub use commitment::CommitmentPageView;
pub use edit::EditCommitmentPage;
pub use list::CommitmentsPage;
pub use new::NewCommitmentPage;
pub use releases::{ReleasePageView, ReleasesPage};
pub use roadmap::RoadmapPage;
pub use scorecard::ScorecardPage;
pub use since::SincePageView;

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::commitments::types::{CommitmentStatus, Promise, Rating};

/// "15 June 2023".
fn day(date: NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

/// A promise's rating, as a badge.
#[component]
fn RatingBadge(rating: Rating) -> impl IntoView {
    view! { <span class=format!("badge badge--{}", rating.as_str())>{rating.label()}</span> }
}

/// The statuses, as (value, label), for a select.
fn status_options() -> Vec<(String, String)> {
    CommitmentStatus::ALL
        .into_iter()
        .map(|status| (status.as_str().to_owned(), status.label().to_owned()))
        .collect()
}

/// A promise: how it was read, and the supplier's own words when they differ.
#[component]
fn PromiseText(promise: Promise) -> impl IntoView {
    let said = (!promise.read_as_said()).then(|| {
        view! { <span class="muted">" (said as \u{201c}" {promise.words.clone()} "\u{201d})"</span> }
    });
    view! { <span>{promise.describe()}</span>{said} }
}
