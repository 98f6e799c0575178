//! The scorecards, for anyone who reads commitments: every supplier side by side, or one
//! supplier by year or by quarter (a representative sees their own supplier's only).

use leptos::prelude::*;

use crate::{commitments::types::scorecard::Scorecard, error::AppError};
#[cfg(feature = "ssr")]
use crate::{
    commitments::{
        store,
        types::scorecard::{keys, Period, SupplierScore, Tally},
    },
    domain::{permissions::Permission, scorecard::by_period},
    guard,
};

/// The scorecard the query asks for: `supplier` (one supplier's, else all of them) and `by`
/// (`year` or `quarter`).
#[server(prefix = "/api", endpoint = "commitments/scorecard")]
pub async fn get_scorecard(query: String) -> Result<Scorecard, AppError> {
    let viewer = guard::require(Permission::ReadCommitments)?;
    let db = crate::db::use_db()?;
    let reading = super::Reading::of(&db, &viewer).await?;
    let (mut supplier, mut period) = (None, Period::default());
    for (key, value) in form_urlencoded::parse(query.as_bytes()) {
        match key.as_ref() {
            keys::SUPPLIER => supplier = reading.visible_supplier(&value),
            keys::BY => period = Period::parse(&value).unwrap_or_default(),
            _ => {}
        }
    }
    let super::Reading {
        today,
        scheme,
        scope,
        suppliers: choices,
        ..
    } = reading;
    let tallies = store::tallies(&db, scope, supplier, today).await?;
    let mut suppliers: Vec<SupplierScore> = Vec::new();
    let mut total = Tally::default();
    for (id, _, tally) in &tallies {
        total.add(tally);
        match suppliers.iter_mut().find(|score| score.supplier == *id) {
            Some(score) => score.tally.add(tally),
            None => suppliers.push(SupplierScore {
                supplier: *id,
                name: choices
                    .iter()
                    .find(|(known, _)| known == id)
                    .map(|(_, name)| name.clone())
                    .unwrap_or_default(),
                tally: tally.clone(),
            }),
        }
    }
    suppliers.sort_by_key(|score| score.name.to_lowercase());
    let months: Vec<_> = tallies
        .into_iter()
        .map(|(_, month, tally)| (month, tally))
        .collect();
    Ok(Scorecard {
        supplier,
        period,
        suppliers,
        periods: by_period(&months, period, scheme),
        total,
        choices,
        today,
    })
}
