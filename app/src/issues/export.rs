//! The issues list as CSV: every issue of the view a list URL describes, all pages of it, in
//! the list's order, limited to what the viewer may see.

use chrono::{DateTime, Utc};

use crate::{
    csv::CsvWriter,
    db::Db,
    domain::people::CurrentUser,
    issues::{
        store,
        types::{IssueFilter, IssueRow},
    },
};

const HEADER: [&str; 13] = [
    "Number",
    "Title",
    "Status",
    "Target",
    "Supplier",
    "Module",
    "Log numbers",
    "Patient safety",
    "Affects (practices)",
    "Days awaiting supplier",
    "Reported",
    "Updated",
    "Link",
];

/// Issues read per query while writing the file.
const BATCH: i64 = 1000;

/// The list's filters from a list URL's query string (its page position ignored).
pub fn filter_from_query(query: &str) -> IssueFilter {
    IssueFilter {
        after: None,
        ..IssueFilter::from_query(query)
    }
}

/// The file's name: the day it was made.
pub fn file_name(now: DateTime<Utc>) -> String {
    format!("issues-{}.csv", now.format("%Y-%m-%d"))
}

/// The whole view as a CSV document; `origin` makes each issue's link absolute.
pub async fn issues_csv(
    db: &Db,
    filter: &IssueFilter,
    viewer: &CurrentUser,
    now: DateTime<Utc>,
    origin: &str,
) -> Result<String, sqlx::Error> {
    let mut filter = IssueFilter {
        after: None,
        ..filter.clone()
    };
    let mut writer = CsvWriter::new(&HEADER);
    let names = crate::suppliers::store::names(db).await?;
    loop {
        let page = store::page(db, &filter, viewer, now, BATCH, &names).await?;
        for row in &page.rows {
            write_row(&mut writer, row, origin);
        }
        match page.next {
            Some(after) => filter.after = Some(after),
            None => break,
        }
    }
    Ok(writer.finish())
}

fn write_row(writer: &mut CsvWriter, row: &IssueRow, origin: &str) {
    let number = row.id.to_string();
    let log_numbers = row.log_numbers.join(" ");
    let safety = if row.patient_safety { "Yes" } else { "No" };
    let affects = row.affects.to_string();
    let awaiting = row
        .days_awaiting
        .map(|days| days.to_string())
        .unwrap_or_default();
    let reported = row.created_at.format("%Y-%m-%d").to_string();
    let updated = row.updated_at.format("%Y-%m-%d").to_string();
    let link = format!("{origin}{}", row.id.href());
    writer.record([
        number.as_str(),
        &row.title,
        row.status.label(),
        &row.target,
        &row.supplier,
        row.module.as_deref().unwrap_or_default(),
        &log_numbers,
        safety,
        &affects,
        &awaiting,
        &reported,
        &updated,
        &link,
    ]);
}

#[cfg(test)]
mod tests {
    use super::filter_from_query;
    use crate::issues::types::{IssueSort, StatusFilter};

    #[test]
    fn the_export_reads_the_lists_own_url_but_not_its_page_position() {
        let filter = filter_from_query("status=all&q=blank+screen&sort=affects&safety=1&after=40");
        assert_eq!(filter.status, StatusFilter::All);
        assert_eq!(filter.text, "blank screen");
        assert_eq!(filter.sort, IssueSort::Affects);
        assert!(filter.safety);
        assert_eq!(filter.after, None);
    }
}
