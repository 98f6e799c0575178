//! Brings stored HTML up to the current renderer: every text whose HTML an older renderer
//! made (or none yet, after the migration that added the columns) is rendered again, a batch
//! at a time, each batch in a short write transaction. Run in the background at start-up;
//! safe to run in several processes at once and to stop at any moment.

use crate::{
    db::Db,
    markdown::{render, Markdown},
};

/// A table with a Markdown column, its HTML beside it and the renderer's version
/// (`html_renderer`). Each area adds its texts here.
struct Texts {
    table: &'static str,
    source: &'static str,
    html: &'static str,
}

const TEXTS: &[Texts] = &[
    Texts {
        table: "issues",
        source: "description",
        html: "description_html",
    },
    Texts {
        table: "issue_events",
        source: "body",
        html: "body_html",
    },
    Texts {
        table: "issue_event_revisions",
        source: "body",
        html: "body_html",
    },
    Texts {
        table: "agenda_items",
        source: "body",
        html: "body_html",
    },
    Texts {
        table: "agenda_item_revisions",
        source: "body",
        html: "body_html",
    },
    Texts {
        table: "commitments",
        source: "description",
        html: "description_html",
    },
];

/// A text whose HTML an older renderer made.
#[derive(sqlx::FromRow)]
struct StaleText {
    id: i64,
    source: String,
}

/// Texts rendered per write transaction.
const BATCH: i64 = 200;

/// Renders every stale text; returns how many it rendered.
pub async fn rerender_stale(db: &Db) -> Result<u64, sqlx::Error> {
    let mut rendered = 0;
    for texts in TEXTS {
        let select = format!(
            "SELECT id, {source} AS source FROM {table} WHERE id > $1 AND html_renderer <> $2 \
             ORDER BY id LIMIT $3",
            source = texts.source,
            table = texts.table
        );
        // Only if the text is still the one rendered: one rewritten (or removed) meanwhile
        // was rendered by its writer, and one written by an older server still running
        // beside this one must not get this HTML.
        let update = format!(
            "UPDATE {table} SET {html} = $1, html_renderer = $2 \
             WHERE id = $3 AND html_renderer <> $2 AND {source} = $4",
            table = texts.table,
            html = texts.html,
            source = texts.source
        );
        let mut after = 0;
        loop {
            let rows: Vec<StaleText> = sqlx::query_as(&select)
                .bind(after)
                .bind(render::VERSION)
                .bind(BATCH)
                .fetch_all(db.reader())
                .await?;
            let Some(last) = rows.last() else {
                break;
            };
            after = last.id;
            let batch = tokio::task::spawn_blocking(move || {
                rows.into_iter()
                    .map(|text| {
                        let rendered = Markdown::render(text.source);
                        (
                            text.id,
                            rendered.html().clone(),
                            rendered.source().to_owned(),
                        )
                    })
                    .collect::<Vec<_>>()
            })
            .await
            .map_err(|error| sqlx::Error::Protocol(format!("rendering failed: {error}")))?;
            let mut tx = db.begin_write().await?;
            for (id, html, source) in &batch {
                sqlx::query(&update)
                    .bind(html.as_str())
                    .bind(render::VERSION)
                    .bind(id)
                    .bind(source)
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await?;
            rendered += batch.len() as u64;
        }
    }
    Ok(rendered)
}
