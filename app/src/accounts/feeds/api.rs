//! Server functions for a person's feed addresses.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::{
    accounts::{feeds::store, request, sessions},
    domain::permissions::Permission,
    guard,
};

/// Where the caller's feeds are: the public ones, and their own (with their key) once made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedLinks {
    pub public_minutes: String,
    pub public_meetings: String,
    /// The caller's own feeds, if they have a key.
    pub own: Option<OwnFeeds>,
}

/// A person's own feed addresses, each with their key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnFeeds {
    pub minutes: String,
    pub meetings: String,
    /// Commitments' changes and due dates, for those who may read commitments.
    pub commitments: Option<(String, String)>,
}

/// Anyone signed in: their feed addresses.
#[server(prefix = "/api", endpoint = "account/feeds")]
pub async fn get_feed_links() -> Result<FeedLinks, AppError> {
    let user = guard::require(Permission::ManageOwnAccount)?;
    let db = crate::db::use_db()?;
    let origin = request::site_origin();
    let key = store::key_of(&db, user.id).await?;
    Ok(FeedLinks {
        public_minutes: format!("{origin}/feeds/minutes.atom"),
        public_meetings: format!("{origin}/feeds/meetings.ics"),
        own: key.map(|key| OwnFeeds {
            minutes: format!("{origin}/feeds/minutes.atom?key={key}"),
            meetings: format!("{origin}/feeds/meetings.ics?key={key}"),
            commitments: crate::domain::permissions::allows(user.role, Permission::ReadCommitments)
                .then(|| {
                    (
                        format!("{origin}/feeds/commitments.atom?key={key}"),
                        format!("{origin}/feeds/commitments.ics?key={key}"),
                    )
                }),
        }),
    })
}

/// Anyone signed in: gives them a new feed key (their first, or one in place of the old,
/// whose addresses stop working).
#[server(prefix = "/api", endpoint = "account/feeds/renew")]
#[cfg_attr(
    feature = "ssr",
    tracing::instrument(name = "renew_feed_key", skip_all)
)]
pub async fn renew_feed_key() -> Result<(), AppError> {
    let user = guard::require(Permission::ManageOwnAccount)?;
    let db = crate::db::use_db()?;
    let mut tx = db.begin_write().await?;
    store::replace_key(
        &mut tx,
        user.id,
        &sessions::new_token(),
        crate::clock::now(),
    )
    .await?;
    tx.commit().await?;
    leptos_axum::redirect("/account?changed=feeds#feeds-heading");
    Ok(())
}
