//! A supplier's releases: everyone who reads commitments reads them (a representative their
//! own supplier's); the committee and that supplier's representatives add and change them.
//! When a release's expected window moves, each open commitment promised in it gets a new
//! entry in its ledger saying so.

// A server function takes its form's fields as its arguments.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;

use crate::{
    commitments::types::releases::{ReleaseId, ReleaseList, ReleasePage},
    error::AppError,
};
#[cfg(feature = "ssr")]
use crate::{
    commitments::{
        fields::parse_words,
        store::{self, ReleaseFields},
        types::{releases::ReleaseStatus, Promise, SupplierId},
    },
    domain::{
        permissions::{may_act_for_supplier, may_see_supplier, Permission, SupplierScope},
        releases::release_name,
        timeframe::iso_date,
    },
    error::FormErrors,
    guard,
};

/// Promises a release's page lists at most.
#[cfg(feature = "ssr")]
const COMMITMENTS_SHOWN: i64 = 200;

/// Every release the reader may see, and the suppliers they may add one for.
#[server(prefix = "/api", endpoint = "releases")]
pub async fn get_releases() -> Result<ReleaseList, AppError> {
    let viewer = guard::require(Permission::ReadCommitments)?;
    let db = crate::db::use_db()?;
    let reading = super::Reading::of(&db, &viewer).await?;
    Ok(ReleaseList {
        releases: store::releases(&db, SupplierScope::of(&viewer)).await?,
        may_add_for: reading
            .suppliers
            .into_iter()
            .filter(|(id, _)| may_act_for_supplier(&viewer, *id))
            .collect(),
    })
}

/// A release with the promises made in it; one of a supplier the reader may not see answers
/// as a missing one.
#[server(prefix = "/api", endpoint = "release")]
pub async fn get_release(release: ReleaseId) -> Result<ReleasePage, AppError> {
    let viewer = guard::require(Permission::ReadCommitments)?;
    let db = crate::db::use_db()?;
    let found = store::release(&db, release)
        .await?
        .filter(|found| may_see_supplier(&viewer, found.supplier))
        .ok_or(AppError::NotFound)?;
    Ok(ReleasePage {
        commitments: store::in_release(&db, release, COMMITMENTS_SHOWN).await?,
        today: crate::instance::today(&db).await?,
        may_edit: may_act_for_supplier(&viewer, found.supplier),
        release: found,
    })
}

/// The fields of a release's form, read; with the messages by the fields that could not be.
#[cfg(feature = "ssr")]
struct ReadRelease {
    name: Result<String, &'static str>,
    status: Result<ReleaseStatus, &'static str>,
    expected: Result<Option<Promise>, String>,
    released_on: Result<Option<chrono::NaiveDate>, &'static str>,
}

#[cfg(feature = "ssr")]
fn read_release(
    name: &str,
    status: &str,
    words: &str,
    released_on: &str,
    today: chrono::NaiveDate,
    scheme: crate::domain::timeframe::QuarterScheme,
) -> ReadRelease {
    let status = ReleaseStatus::parse(status).ok_or("Pick where the release stands.");
    let expected = match words.trim() {
        "" => Ok(None),
        words => match parse_words(words, today, scheme) {
            Ok(timeframe) if timeframe.window().is_some() => {
                Ok(Some(Promise::read(words, &timeframe)))
            }
            Ok(_) => Err(
                "Say when it is expected as a time (\u{201c}Q3 2026\u{201d}, \u{201c}June\u{201d}), or leave it empty."
                    .to_owned(),
            ),
            Err(message) => Err(message),
        },
    };
    let released_on = match (status, released_on.trim()) {
        (Ok(ReleaseStatus::Released), "") => Ok(Some(today)),
        (Ok(ReleaseStatus::Released), text) => match iso_date(text) {
            Some(day) if day <= today => Ok(Some(day)),
            Some(_) => Err("That day is still to come."),
            None => Err("Give the day it was released, e.g. 2026-06-15."),
        },
        _ => Ok(None),
    };
    ReadRelease {
        name: release_name(name),
        status,
        expected,
        released_on,
    }
}

/// A release's fields, read and checked.
#[cfg(feature = "ssr")]
struct Checked {
    name: String,
    status: ReleaseStatus,
    expected: Option<Promise>,
    released_on: Option<chrono::NaiveDate>,
}

#[cfg(feature = "ssr")]
impl Checked {
    fn fields(&self) -> ReleaseFields<'_> {
        ReleaseFields {
            name: &self.name,
            status: self.status,
            expected: self.expected.as_ref(),
            released_on: self.released_on,
        }
    }
}

#[cfg(feature = "ssr")]
impl ReadRelease {
    /// The fields, if every one was read and the name is not another release's of
    /// `supplier` (other than `except`, the one being changed); else the refusal with
    /// `refused`'s messages and those of the fields.
    async fn checked(
        self,
        tx: &mut crate::db::Tx,
        supplier: SupplierId,
        except: Option<ReleaseId>,
        mut refused: FormErrors,
    ) -> Result<Checked, AppError> {
        if let Ok(name) = &self.name {
            if store::release_named(tx, supplier, name, except)
                .await?
                .is_some()
            {
                refused =
                    refused.field("name", "This supplier already has a release of that name.");
            }
        }
        match (self.name, self.status, self.expected, self.released_on) {
            (Ok(name), Ok(status), Ok(expected), Ok(released_on)) if refused.fields.is_empty() => {
                Ok(Checked {
                    name,
                    status,
                    expected,
                    released_on,
                })
            }
            _ => Err(AppError::refused(refused)),
        }
    }

    /// The messages by the fields, on top of `errors`.
    fn refused(&self, mut errors: FormErrors) -> FormErrors {
        if let Err(message) = &self.name {
            errors = errors.field("name", *message);
        }
        if let Err(message) = &self.status {
            errors = errors.field("status", *message);
        }
        if let Err(message) = &self.expected {
            errors = errors.field("words", message.clone());
        }
        if let Err(message) = &self.released_on {
            errors = errors.field("released_on", *message);
        }
        errors
    }
}

/// The committee or the supplier's representatives: adds a release of the supplier.
#[server(prefix = "/api", endpoint = "releases/add")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "add_release", skip_all))]
pub async fn add_release(
    supplier: String,
    name: String,
    status: String,
    words: String,
    released_on: String,
) -> Result<ReleaseId, AppError> {
    let viewer = guard::require(Permission::ManageReleases)?;
    let db = crate::db::use_db()?;
    let settings = crate::instance::store::settings(&db).await?;
    let now = crate::clock::now();
    let today = settings.zone().clock(now).date();
    let known = super::Reading::of(&db, &viewer).await?.suppliers;
    let errors = FormErrors::new().keep_all([
        ("supplier", supplier.as_str()),
        ("name", name.as_str()),
        ("status", status.as_str()),
        ("words", words.as_str()),
        ("released_on", released_on.as_str()),
    ]);
    // Another supplier's representative may not add one for this supplier.
    let supplier = supplier.parse().ok().map(SupplierId);
    if supplier.is_some_and(|id| !may_act_for_supplier(&viewer, id)) {
        return Err(AppError::Forbidden);
    }
    let supplier = supplier.filter(|id| known.iter().any(|(known, _)| known == id));
    let read = read_release(
        &name,
        &status,
        &words,
        &released_on,
        today,
        settings.quarter_scheme(),
    );
    let refused = read.refused(errors);
    let Some(supplier) = supplier else {
        return Err(AppError::refused(
            refused.field("supplier", "Pick the supplier."),
        ));
    };
    let mut tx = db.begin_write().await?;
    let checked = read.checked(&mut tx, supplier, None, refused).await?;
    let fields = checked.fields();
    let id = store::add_release(&mut tx, supplier, &fields, now).await?;
    tx.commit().await?;
    leptos_axum::redirect(&format!("{}?changed=added", id.href()));
    Ok(id)
}

/// The committee or the supplier's representatives: changes a release, if no one changed it
/// since the form was loaded. A new expected window moves every open commitment promised in
/// it, each with an entry in its ledger ("release 5.2.0 moved").
#[server(prefix = "/api", endpoint = "releases/edit")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "edit_release", skip_all, fields(release = release.0)))]
pub async fn edit_release(
    release: ReleaseId,
    version: i64,
    name: String,
    status: String,
    words: String,
    released_on: String,
) -> Result<(), AppError> {
    let viewer = guard::require(Permission::ManageReleases)?;
    let db = crate::db::use_db()?;
    let found = store::release(&db, release)
        .await?
        .filter(|found| may_see_supplier(&viewer, found.supplier))
        .ok_or(AppError::NotFound)?;
    if !may_act_for_supplier(&viewer, found.supplier) {
        return Err(AppError::Forbidden);
    }
    let settings = crate::instance::store::settings(&db).await?;
    let now = crate::clock::now();
    let today = settings.zone().clock(now).date();
    let errors = FormErrors::new().keep_all([
        ("name", name.as_str()),
        ("status", status.as_str()),
        ("words", words.as_str()),
        ("released_on", released_on.as_str()),
    ]);
    let read = read_release(
        &name,
        &status,
        &words,
        &released_on,
        today,
        settings.quarter_scheme(),
    );
    let refused = read.refused(errors);
    let mut tx = db.begin_write().await?;
    let checked = read
        .checked(&mut tx, found.supplier, Some(release), refused.clone())
        .await?;
    let fields = checked.fields();
    if !store::update_release(&mut tx, release, version, &fields, now).await? {
        return Err(AppError::stale(refused.form(
            "Someone else changed this release since you opened the page: it is shown as it \
             now stands. Your changes are still in the form; check them and save again.",
        )));
    }
    let window = checked.expected.as_ref().and_then(|promise| promise.window);
    if window != found.window {
        store::move_release_commitments(
            &mut tx,
            release,
            &checked.name,
            window,
            today,
            viewer.id,
            now,
        )
        .await?;
    }
    tx.commit().await?;
    leptos_axum::redirect(&format!("{}?changed=saved", release.href()));
    Ok(())
}
