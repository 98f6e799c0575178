//! The commitments list as CSV: every commitment of the view a list URL describes, all pages
//! of it, in the list's order, limited to what the reader may see; with the original and
//! current windows and the slip figures, so a spreadsheet can check the arithmetic.

use chrono::NaiveDate;

use crate::{
    commitments::{
        store,
        types::{CommitmentFilter, CommitmentSummary},
    },
    csv::CsvWriter,
    db::Db,
};

const HEADER: [&str; 18] = [
    "Commitment",
    "Title",
    "Supplier",
    "Module",
    "Status",
    "Standing",
    "Promised now (supplier's words)",
    "Promised now (read as)",
    "Due from",
    "Due by",
    "First due from",
    "First due by",
    "Slips",
    "Days slipped",
    "Days overdue",
    "Days overdue against the first promise",
    "Delivered on",
    "Link",
];

/// Commitments read per query while writing the file.
const BATCH: i64 = 1000;

/// The list's filters from a list URL's query string (its page position ignored).
pub fn filter_from_query(query: &str) -> CommitmentFilter {
    CommitmentFilter {
        after: None,
        ..CommitmentFilter::from_query(query)
    }
}

/// The file's name: the day it was made.
pub fn file_name(today: NaiveDate) -> String {
    format!("commitments-{today}.csv")
}

/// The whole view as a CSV document, as of `today`; `origin` makes each link absolute.
pub async fn commitments_csv(
    db: &Db,
    reader: store::ListReader,
    filter: &CommitmentFilter,
    today: NaiveDate,
    origin: &str,
) -> Result<String, sqlx::Error> {
    let mut filter = filter_from_query(&filter.to_query(None));
    let mut writer = CsvWriter::new(&HEADER);
    loop {
        let (page, _) = store::list(db, reader, &filter, today, BATCH).await?;
        for row in &page.rows {
            write_row(&mut writer, row, today, origin);
        }
        match page.next {
            Some(after) => filter.after = Some(crate::commitments::types::CommitmentId(after)),
            None => break,
        }
    }
    Ok(writer.finish())
}

fn write_row(writer: &mut CsvWriter, row: &CommitmentSummary, today: NaiveDate, origin: &str) {
    let day = |date: Option<NaiveDate>| date.map(|date| date.to_string()).unwrap_or_default();
    let current = row.promise.window;
    let overdue = row.standing.overdue(today);
    let (overdue_now, overdue_first) = (
        overdue.map(|(now, _)| now.to_string()).unwrap_or_default(),
        overdue
            .map(|(_, first)| first.to_string())
            .unwrap_or_default(),
    );
    let slips = row.standing.slips.to_string();
    let slipped_days = row.slipped_days.to_string();
    let link = format!("{origin}{}", row.id.href());
    writer.record([
        row.id.label().as_str(),
        &row.title,
        &row.supplier_name,
        row.module_name.as_deref().unwrap_or_default(),
        row.status.label(),
        row.standing.rating(today).label(),
        &row.promise.words,
        &row.promise.timeframe,
        &day(current.map(|window| window.first)),
        &day(current.map(|window| window.last)),
        &day(row.original.map(|window| window.first)),
        &day(row.original.map(|window| window.last)),
        &slips,
        &slipped_days,
        &overdue_now,
        &overdue_first,
        &day(row.standing.delivered_on),
        &link,
    ]);
}
