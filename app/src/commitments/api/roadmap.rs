//! The roadmap by quarter, for anyone who reads commitments (a representative sees their own
//! supplier's only).

use leptos::prelude::*;

use crate::{commitments::types::roadmap::Roadmap, error::AppError};
#[cfg(feature = "ssr")]
use crate::{
    commitments::{
        store::{self, Holds},
        types::{
            keys,
            roadmap::{Column, Lane, LANE_CARDS, QUARTERS_EACH_SIDE},
        },
    },
    domain::{
        permissions::Permission,
        roadmap::{quarters_around, trail},
    },
    guard,
};

/// The roadmap of the commitments the reader may see (of one supplier, if the query names
/// one): a column per quarter, four before today's and four after it.
#[server(prefix = "/api", endpoint = "commitments/roadmap")]
pub async fn get_roadmap(query: String) -> Result<Roadmap, AppError> {
    let viewer = guard::require(Permission::ReadCommitments)?;
    let db = crate::db::use_db()?;
    let reading = super::Reading::of(&db, &viewer).await?;
    let supplier = form_urlencoded::parse(query.as_bytes())
        .find(|(key, _)| key == keys::SUPPLIER)
        .and_then(|(_, value)| reading.visible_supplier(&value));
    let super::Reading {
        today,
        scheme,
        scope,
        suppliers,
        ..
    } = reading;
    let quarters = quarters_around(today, scheme, QUARTERS_EACH_SIDE, QUARTERS_EACH_SIDE);
    let lane = |holds| store::lane(&db, scope, supplier, holds, LANE_CARDS);
    let mut columns = Vec::with_capacity(quarters.len());
    for quarter in quarters {
        let window = quarter.window;
        columns.push(Column {
            due: lane(Holds::DueIn(window)).await?,
            delivered: lane(Holds::DeliveredIn(window)).await?,
            moved_on: lane(Holds::MovedOn(window)).await?,
            quarter,
        });
    }
    let (start, end) = match (columns.first(), columns.last()) {
        (Some(first), Some(last)) => (first.quarter.window.first, last.quarter.window.last),
        _ => (today, today),
    };
    let mut roadmap = Roadmap {
        earlier: lane(Holds::DueBefore(start)).await?,
        later: lane(Holds::DueAfter(end)).await?,
        undated: lane(Holds::Undated).await?,
        columns,
        supplier,
        suppliers,
        today,
    };
    // Every card's trail, from one read of the ledgers shown.
    let mut ids = Vec::new();
    for_each_lane(&mut roadmap, |lane| {
        ids.extend(lane.cards.iter().map(|card| card.summary.id))
    });
    let ends = store::due_ends(&db, &ids).await?;
    for_each_lane(&mut roadmap, |lane| {
        for card in &mut lane.cards {
            if let Some(ends) = ends.get(&card.summary.id) {
                card.trail = trail(ends, scheme);
            }
        }
    });
    Ok(roadmap)
}

/// Calls `each` with every lane of the roadmap.
#[cfg(feature = "ssr")]
fn for_each_lane(roadmap: &mut Roadmap, mut each: impl FnMut(&mut Lane)) {
    for column in &mut roadmap.columns {
        each(&mut column.due);
        each(&mut column.delivered);
        each(&mut column.moved_on);
    }
    each(&mut roadmap.earlier);
    each(&mut roadmap.later);
    each(&mut roadmap.undated);
}
