//! The demo meetings' files: the winter meeting's agenda pack among its papers, and a chart
//! of the outage shown in that item's minutes (the one way a picture gets into minutes).

use app::{
    accounts::types::AccountId,
    db::Tx,
    domain::attachments::kind_of,
    meetings::{
        store::{self, NewAttachment},
        types::{attachment_href, AgendaItemId, MeetingId},
    },
};
use chrono::{DateTime, Utc};

struct DemoFile {
    meeting: &'static str,
    /// The agenda item it belongs to; none for the meeting's papers.
    item: Option<&'static str>,
    name: &'static str,
    bytes: &'static [u8],
    /// Shown at the end of the item's minutes with this description.
    shown_as: Option<&'static str>,
}

const WINTER: &str = "Watchdog meeting with Example Clinical Systems, winter";

const FILES: &[DemoFile] = &[
    DemoFile {
        meeting: WINTER,
        item: None,
        name: "Agenda pack, winter meeting.pdf",
        bytes: include_bytes!("files/agenda-pack-winter.pdf"),
        shown_as: None,
    },
    DemoFile {
        meeting: WINTER,
        item: Some("The outage of the clinical system"),
        name: "outage-calls-by-hour.png",
        bytes: include_bytes!("files/outage-calls-by-hour.png"),
        shown_as: Some(
            "Calls to the service desk by hour on the day of the outage, 08:00 to 17:00: \
             from 3 at 08:00 to a peak of 96 at 11:00",
        ),
    },
];

/// Attaches the demo files of the meeting `title` (`items`: its items' headings and ids), as
/// the chair did when writing the minutes (before they were published); answers the pictures
/// to show at the end of their items' minutes, as Markdown.
pub(super) async fn attach(
    tx: &mut Tx,
    title: &str,
    meeting: MeetingId,
    items: &[(&str, AgendaItemId)],
    chair: AccountId,
    at: DateTime<Utc>,
) -> anyhow::Result<Vec<(AgendaItemId, String)>> {
    let mut pictures = Vec::new();
    for file in FILES.iter().filter(|file| file.meeting == title) {
        let item = match file.item {
            Some(heading) => Some(
                items
                    .iter()
                    .find(|(h, _)| *h == heading)
                    .map(|(_, id)| *id)
                    .ok_or_else(|| anyhow::anyhow!("no demo item {heading}"))?,
            ),
            None => None,
        };
        let kind = kind_of(file.name).ok_or_else(|| anyhow::anyhow!("a kind taken"))?;
        let new = NewAttachment {
            meeting,
            item,
            file_name: file.name,
            content_type: kind.content_type,
            by: chair,
        };
        let id = store::begin_attachment(tx, &new, at)
            .await?
            .ok_or_else(|| anyhow::anyhow!("the demo meeting"))?;
        // Each demo file fits in one chunk.
        store::add_chunk(tx, id, 0, file.bytes, at).await?;
        let size = i64::try_from(file.bytes.len())?;
        let sha256 = format!("{:x}", <sha2::Sha256 as sha2::Digest>::digest(file.bytes));
        store::finish_attachment(tx, id, size, &sha256).await?;
        if let (Some(description), Some(item)) = (file.shown_as, item) {
            pictures.push((
                item,
                format!("![{description}]({})", attachment_href(id, file.name)),
            ));
        }
    }
    Ok(pictures)
}
