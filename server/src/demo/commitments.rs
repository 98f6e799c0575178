//! The demo supplier's promises, made at the demo meetings (`super::meetings`), most from the
//! actions the supplier took on there: some kept, some slipped once or twice, one delivered
//! late, one withdrawn, some never given a date or waiting on a condition, and some overdue
//! by now. Their words are the relative kind suppliers use ("next quarter", "in two weeks"),
//! read on the day each was said, so the demo stands the same way whenever it is loaded.
//! Written through the store functions the pages use; a later promise whose day has not yet
//! come is left out.

use app::{
    commitments::{
        store::{self, DetailsFields, NewCommitment, NewEntry},
        types::{CommitmentStatus, Promise},
    },
    db::{Db, Tx},
    domain::{
        ids::{ActionId, AgendaItemId, MeetingId},
        local_time::Zone,
        timeframe::{self, QuarterScheme},
    },
    markdown::Markdown,
};
use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::issues::{Cast, Who};

use CommitmentStatus::*;

/// A promise made for a commitment after its first: this many days after the meeting.
struct Later {
    days: i64,
    status: CommitmentStatus,
    /// The new words, or "" to keep the date as it was.
    words: &'static str,
    reason: &'static str,
    note: &'static str,
}

struct Demo {
    /// Made at this meeting, under this agenda item (and from this action, if any).
    meeting: &'static str,
    item: &'static str,
    action: Option<&'static str>,
    title: &'static str,
    /// Which of the demo supplier's modules it is about (`CLINICAL`, …), if any.
    module: Option<usize>,
    description: &'static str,
    words: &'static str,
    later: &'static [Later],
}

const fn later(
    days: i64,
    status: CommitmentStatus,
    words: &'static str,
    reason: &'static str,
) -> Later {
    Later {
        days,
        status,
        words,
        reason,
        note: "",
    }
}

const fn delivered(days: i64, note: &'static str) -> Later {
    Later {
        days,
        status: Delivered,
        words: "",
        reason: "",
        note,
    }
}

/// The demo supplier's modules, as `super::MODULES` lists them.
const CLINICAL: usize = 0;
const PUBLISHER: usize = 1;
const TEMPLATES: usize = 2;

const WINTER: &str = "Watchdog meeting with Example Clinical Systems, winter";
const SPRING: &str = "Watchdog meeting with Example Clinical Systems, spring";
const SUMMER: &str = "Watchdog meeting with Example Clinical Systems, summer";
const AUTUMN: &str = "Watchdog meeting with Example Clinical Systems, autumn";
const DECEMBER: &str = "Watchdog meeting with Example Clinical Systems, December";

const DEMOS: &[Demo] = &[
    Demo {
        meeting: WINTER,
        item: "The outage of the clinical system",
        action: Some("Send the committee the timeline of the outage and what changes to stop it happening again"),
        title: "The outage timeline and the changes that stop it happening again",
        module: None,
        description: "",
        words: "within two weeks",
        later: &[delivered(12, "Sent to the committee; the changes are listed at the end.")],
    },
    Demo {
        meeting: WINTER,
        item: "Support figures for the year",
        action: Some("Count reopened calls separately in the support figures"),
        title: "Count reopened calls separately in the support figures",
        module: None,
        description: "",
        words: "next quarter",
        later: &[
            later(90, InProgress, "", ""),
            // After the quarter ended, whichever day it was promised on: kept late.
            delivered(200, "The support figures now show reopened calls on a line of their own."),
        ],
    },
    Demo {
        meeting: SPRING,
        item: "Release 5.2: the pilot",
        action: Some("Publish release notes for 5.2 that list the fixed issues by log number"),
        title: "Release notes for 5.2 listing the fixed issues by log number",
        module: None,
        description: "",
        words: "in 5.2.0",
        later: &[
            later(40, Piloting, "by the end of next month", "The supplier gave a date for the notes"),
            delivered(80, "Published with 5.2.0; each fixed issue is listed by its log number."),
        ],
    },
    Demo {
        meeting: SPRING,
        item: "Release 5.2: the pilot",
        action: None,
        title: "Roll 5.2 out to every practice after the pilot",
        module: Some(CLINICAL),
        description: "Roll-out to all sites **after** the three pilot practices sign it off.",
        words: "once the pilot sites sign it off",
        later: &[
            later(60, Piloting, "next quarter", ""),
            later(
                150,
                InProgress,
                "in five months",
                "The pilot sites asked for a second round of testing",
            ),
        ],
    },
    Demo {
        meeting: SUMMER,
        item: "Moving the hosting to a new data centre",
        action: Some("Give practices the dates of the four weekend closures"),
        title: "The dates of the four weekend closures, sent to practices",
        module: None,
        description: "",
        words: "in two weeks",
        later: &[delivered(9, "Sent to every practice manager by email and on the portal.")],
    },
    Demo {
        meeting: SUMMER,
        item: "The batch letters feature",
        action: Some("Say what will replace batch letters, and when"),
        title: "What will replace batch letters, and when",
        module: Some(TEMPLATES),
        description: "",
        words: "soon",
        later: &[later(
            140,
            Promised,
            "once the safety review is signed off",
            "The replacement waits on the safety review",
        )],
    },
    Demo {
        meeting: SUMMER,
        item: "The batch letters feature",
        action: None,
        title: "Bring the batch letters feature back",
        module: Some(TEMPLATES),
        description: "",
        words: "next quarter",
        later: &[later(
            5,
            Withdrawn,
            "",
            "Withdrawn after the safety review: letters went to a previous address",
        )],
    },
    Demo {
        meeting: SUMMER,
        item: "Repeat prescriptions losing their dosage text",
        action: Some("Confirm which release carries the fix for the dosage text"),
        title: "Fix repeat prescriptions losing their dosage text",
        module: Some(CLINICAL),
        description: "Reported by members as #1; the supplier logged it.",
        words: "next month",
        later: &[
            later(60, InProgress, "next quarter", "Testing found the fix broke printed scripts"),
            later(
                100,
                InProgress,
                "in four months",
                "The fix now waits for the new prescribing engine",
            ),
        ],
    },
    Demo {
        meeting: AUTUMN,
        item: "How the data centre moves went",
        action: Some("Explain why the third move overran, and how the last one will not"),
        title: "Why the third data centre move overran, and how the last will not",
        module: None,
        description: "",
        words: "in two weeks",
        later: &[],
    },
    Demo {
        meeting: AUTUMN,
        item: "The appointment book freezing",
        action: Some("Send the workaround for the freezing appointment book to every practice"),
        title: "The workaround for the freezing appointment book, sent to every practice",
        module: Some(CLINICAL),
        description: "",
        words: "this week",
        later: &[delivered(3, "Sent as a bulletin; practices confirmed it helps.")],
    },
    Demo {
        meeting: AUTUMN,
        item: "The appointment book freezing",
        action: None,
        title: "Fix the appointment book freezing",
        module: Some(CLINICAL),
        description: "",
        words: "by the end of next month",
        later: &[later(50, InProgress, "", "")],
    },
    Demo {
        meeting: DECEMBER,
        item: "Lab results filed against the wrong patient",
        action: Some("Send the safety notice about misfiled results to every practice"),
        title: "A safety notice about misfiled lab results, to every practice",
        module: Some(PUBLISHER),
        description: "",
        words: "TBC",
        later: &[],
    },
    // Promised in release 5.3.0, which was expected the quarter after the summer meeting and
    // then moved (`move_release`): both promises moved with it.
    Demo {
        meeting: SUMMER,
        item: "Repeat prescriptions losing their dosage text",
        action: None,
        title: "The new prescribing engine",
        module: Some(CLINICAL),
        description: "The engine the dosage text fix waits for.",
        words: "in 5.3.0",
        later: &[],
    },
    Demo {
        meeting: SUMMER,
        item: "The batch letters feature",
        action: None,
        title: "Batch letters from the new engine",
        module: Some(TEMPLATES),
        description: "",
        words: "in 5.3.0",
        later: &[],
    },
];

/// Release 5.3.0: expected "next quarter" when the summer meeting heard of it, moved this
/// many days later to "in five months".
const RELEASE: &str = "5.3.0";
const RELEASE_MOVED_AFTER: i64 = 75;

/// Loads the commitments; returns how many.
pub async fn load(db: &Db, cast: &Cast, today: DateTime<Utc>) -> anyhow::Result<usize> {
    let zone = Zone::default();
    let today_local = zone.clock(today).date();
    let mut tx = db.begin_write().await?;
    let (summer, _) = meeting_day(&mut tx, SUMMER, &zone).await?;
    let expected = read("next quarter", summer)?;
    let fields = store::ReleaseFields {
        name: RELEASE,
        status: app::commitments::types::releases::ReleaseStatus::Planned,
        expected: Some(&expected),
        released_on: None,
    };
    let release = store::add_release(&mut tx, cast.supplier, &fields, today).await?;
    for demo in DEMOS {
        add(&mut tx, cast, demo, &zone, today_local, today).await?;
    }
    // 5.2.0, which the spring meeting's release notes were promised in, came out with them.
    let (spring, _) = meeting_day(&mut tx, SPRING, &zone).await?;
    let out = spring + Duration::days(80);
    if let Some((released, _)) = store::release_named(&mut tx, cast.supplier, "5.2.0", None).await?
    {
        let fields = store::ReleaseFields {
            name: "5.2.0",
            status: app::commitments::types::releases::ReleaseStatus::Released,
            expected: None,
            released_on: Some(out.min(today_local)),
        };
        store::update_release(&mut tx, released, 1, &fields, today).await?;
    }
    let moved_on = summer + Duration::days(RELEASE_MOVED_AFTER);
    if moved_on <= today_local {
        let later = read("in five months", moved_on)?;
        let fields = store::ReleaseFields {
            status: app::commitments::types::releases::ReleaseStatus::Piloting,
            expected: Some(&later),
            ..fields
        };
        anyhow::ensure!(
            store::update_release(&mut tx, release, 1, &fields, today).await?,
            "the demo release moved on while loaded"
        );
        let (rep, at) = (cast.id(Who::Rep), today.min(Utc::now()));
        store::move_release_commitments(&mut tx, release, RELEASE, later.window, moved_on, rep, at)
            .await?;
    }
    tx.commit().await?;
    Ok(DEMOS.len())
}

async fn add(
    tx: &mut Tx,
    cast: &Cast,
    demo: &Demo,
    zone: &Zone,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let (meeting, starts_at, item, action) = place(tx, demo).await?;
    let met = zone.clock(starts_at).date();
    let chair = cast.id(Who::Chair);
    let rep = cast.id(Who::Rep);
    let mut first = read(demo.words, met)?;
    // Promised in a release: the release's window, as the form takes it.
    let mut release = None;
    if let Some(version) = first.timeframe.strip_prefix("release ") {
        let (id, window) = store::release_for_promise(tx, cast.supplier, version, now).await?;
        (release, first.window) = (Some(id), window);
    }
    let description = Markdown::render(demo.description);
    let new = NewCommitment {
        supplier: cast.supplier,
        details: DetailsFields {
            title: demo.title,
            module: demo.module.map(|module| cast.modules[module]),
            description: &description,
            committee_owner: Some(chair),
            supplier_owner: Some(rep),
            supplier_owner_name: "",
        },
        item: Some((meeting, item)),
        action,
    };
    let entry = NewEntry {
        said_on: met,
        status: Promised,
        promise: &first,
        reason: "",
        note: "",
        evidence_url: "",
        release,
    };
    let recorded = |days: i64| (starts_at + Duration::days(days) + Duration::hours(3)).min(now);
    let id = store::create(tx, &new, &entry, chair, recorded(1)).await?;
    let mut current = first;
    for (version, step) in (1..).zip(demo.later) {
        let said_on = met + Duration::days(step.days);
        if said_on > today {
            break;
        }
        if !step.words.is_empty() {
            current = read(step.words, said_on)?;
            release = None;
        }
        let entry = NewEntry {
            said_on,
            status: step.status,
            promise: &current,
            reason: step.reason,
            note: step.note,
            evidence_url: "",
            release,
        };
        anyhow::ensure!(
            store::revise(tx, id, version, &entry, rep, recorded(step.days)).await?,
            "the demo commitment {:?} moved on while loaded",
            demo.title
        );
    }
    Ok(())
}

/// The day (in the instance's zone) a demo meeting was held, and when it started.
async fn meeting_day(
    tx: &mut Tx,
    title: &str,
    zone: &Zone,
) -> anyhow::Result<(NaiveDate, DateTime<Utc>)> {
    let starts_at: String = sqlx::query_scalar("SELECT starts_at FROM meetings WHERE title = $1")
        .bind(title)
        .fetch_one(&mut **tx)
        .await
        .map_err(|error| anyhow::anyhow!("the demo meeting {title:?}: {error}"))?;
    let starts_at = app::db::timestamp::from_db(&starts_at)?;
    Ok((zone.clock(starts_at).date(), starts_at))
}

/// The meeting (and when it started), agenda item and action a demo commitment was made at.
async fn place(
    tx: &mut Tx,
    demo: &Demo,
) -> anyhow::Result<(MeetingId, DateTime<Utc>, AgendaItemId, Option<ActionId>)> {
    #[derive(sqlx::FromRow)]
    struct Row {
        meeting_id: MeetingId,
        starts_at: String,
        item_id: AgendaItemId,
    }
    let row: Row = sqlx::query_as(
        "SELECT m.id AS meeting_id, m.starts_at, i.id AS item_id FROM meetings m \
         JOIN agenda_items i ON i.meeting_id = m.id WHERE m.title = $1 AND i.heading = $2",
    )
    .bind(demo.meeting)
    .bind(demo.item)
    .fetch_one(&mut **tx)
    .await
    .map_err(|error| anyhow::anyhow!("the demo item {:?}: {error}", demo.item))?;
    let action = match demo.action {
        Some(what) => Some(
            sqlx::query_scalar(
                "SELECT id FROM meeting_actions WHERE agenda_item_id = $1 AND description = $2",
            )
            .bind(row.item_id)
            .bind(what)
            .fetch_one(&mut **tx)
            .await
            .map_err(|error| anyhow::anyhow!("the demo action {what:?}: {error}"))?,
        ),
        None => None,
    };
    let starts_at = app::db::timestamp::from_db(&row.starts_at)?;
    Ok((row.meeting_id, starts_at, row.item_id, action))
}

/// `words` said on `said_on`, as the form reads them.
fn read(words: &str, said_on: NaiveDate) -> anyhow::Result<Promise> {
    let timeframe = timeframe::parse(words, said_on, QuarterScheme::Calendar)
        .map_err(|error| anyhow::anyhow!("demo words {words:?}: {error}"))?;
    Ok(Promise::read(words, &timeframe))
}
