//! The demo committee's year of meetings with the demo supplier: quarterly watchdog meetings
//! with their minutes (an outage and how it was told, a release being piloted, a move of the
//! hosting, an issue raised by its log number, a batch feature withdrawn), the actions and
//! decisions they agreed (some since done, some carried over), the latest meeting's minutes
//! still a draft, the next meeting scheduled, and one committee-only meeting. Written through
//! the store functions the pages use, back-dated so the carried-over actions read true.

use app::{
    accounts::types::AccountId,
    db::{Db, Tx},
    domain::{action_due::due_window, local_time::Zone, timeframe::QuarterScheme},
    markdown::Markdown,
    meetings::{
        store::{self, ActionFields, ItemFields},
        types::{
            ActionOwner, Attendee, AttendeeId, MeetingDetails, MeetingKind, MeetingSeriesId,
            Visibility,
        },
    },
};
use chrono::{DateTime, Duration, NaiveTime, Utc};

use super::issues::{Cast, Who};

/// Who is to do an action in the demo.
#[derive(Clone, Copy)]
enum Owner {
    Supplier(&'static str),
    Person(Who),
    Named(&'static str),
}

struct Action {
    what: &'static str,
    owner: Owner,
    due: &'static str,
    /// Done this many days after the meeting, with this note.
    done: Option<(i64, &'static str)>,
}

struct Item {
    heading: &'static str,
    presenter: &'static str,
    committee_only: bool,
    minutes: &'static str,
    decisions: &'static [&'static str],
    actions: &'static [Action],
}

struct Meeting {
    title: &'static str,
    /// Days from today: past meetings are negative.
    day: i64,
    watchdog: bool,
    published: bool,
    place: &'static str,
    attendees: &'static [(&'static str, &'static str, &'static str, bool)],
    items: &'static [Item],
}

const USUAL_ATTENDEES: &[(&str, &str, &str, bool)] = &[
    ("Demo Chair", "Chair", "the user group", false),
    (
        "Practice Manager, Northfield",
        "Committee member",
        "the user group",
        false,
    ),
    (
        "GP Partner, Riverside",
        "Committee member",
        "the user group",
        false,
    ),
    (
        "Demo Supplier Representative",
        "Account manager",
        "Example Clinical Systems",
        false,
    ),
    (
        "Head of Service",
        "service delivery",
        "Example Clinical Systems",
        false,
    ),
    (
        "Practice Nurse, Hillcrest",
        "Committee member",
        "the user group",
        true,
    ),
];

const MEETINGS: &[Meeting] = &[
    Meeting {
        title: "Watchdog meeting with Example Clinical Systems, winter",
        day: -330,
        watchdog: true,
        published: true,
        place: "Committee room, Northshire Medical Centre",
        attendees: USUAL_ATTENDEES,
        items: &[
            Item {
                heading: "The outage of the clinical system",
                presenter: "Head of Service",
                committee_only: false,
                minutes: "The clinical system was unavailable to every practice for just over four \
hours on a Monday morning. The supplier explained that a database upgrade in the hosting \
centre had not been rolled back when it failed its checks.\n\n\
Members said the outage itself was less of a problem than **how it was told**: the status \
page said \"minor degradation\" for the first two hours, and practices learnt of the outage \
from each other.\n\n\
- The supplier apologised and said the status page is now updated by the on-call lead, not \
the communications team.\n\
- The communications department lead will come back to us after the meeting with the \
timeline of the incident; we will chase if we hear nothing.",
                decisions: &["Outages are to be reported to practices within 30 minutes, on the status page and by email."],
                actions: &[
                    Action {
                        what: "Send the committee the timeline of the outage and what changes to stop it happening again",
                        owner: Owner::Supplier("communications department lead"),
                        due: "within two weeks",
                        done: Some((20, "Timeline and the new roll-back check sent to the committee.")),
                    },
                    Action {
                        what: "Ask members how they first heard of the outage",
                        owner: Owner::Person(Who::Chair),
                        due: "before the next meeting",
                        done: Some((40, "Survey answered by 41 practices; results in the spring minutes.")),
                    },
                ],
            },
            Item {
                heading: "Support figures for the year",
                presenter: "Head of Service",
                committee_only: false,
                minutes: "The supplier presented its support figures: 1,240 calls from member \
practices, 78% closed within five working days. Members said the figures hide calls that are \
closed and then reopened, which is most of the ones that matter.",
                decisions: &[],
                actions: &[Action {
                    what: "Count reopened calls separately in the support figures",
                    owner: Owner::Supplier(""),
                    due: "at the next meeting",
                    done: None,
                }],
            },
        ],
    },
    Meeting {
        title: "Watchdog meeting with Example Clinical Systems, spring",
        day: -240,
        watchdog: true,
        published: true,
        place: "Online",
        attendees: USUAL_ATTENDEES,
        items: &[
            Item {
                heading: "Release 5.2: the pilot",
                presenter: "Demo Supplier Representative",
                committee_only: false,
                minutes: "Release 5.2 is being piloted at **three** practices. The new appointment \
book is the main change. Roll-out to all sites is expected by the middle of next month if \
the pilot raises nothing serious.\n\n\
Members asked that the release notes say plainly which reported issues it fixes, by their \
log numbers.",
                decisions: &[],
                actions: &[Action {
                    what: "Publish release notes for 5.2 that list the fixed issues by log number",
                    owner: Owner::Supplier(""),
                    due: "before the roll-out",
                    done: Some((35, "Release notes published with log numbers.")),
                }],
            },
            Item {
                heading: "Survey on how practices heard of the outage",
                presenter: "Demo Chair",
                committee_only: false,
                minutes: "41 practices answered. 29 heard of the outage from another practice, 8 from \
the status page, 4 from the supplier's email. The supplier accepted that this is not good \
enough.",
                decisions: &[],
                actions: &[],
            },
        ],
    },
    Meeting {
        title: "Watchdog meeting with Example Clinical Systems, summer",
        day: -150,
        watchdog: true,
        published: true,
        place: "Committee room, Northshire Medical Centre",
        attendees: USUAL_ATTENDEES,
        items: &[
            Item {
                heading: "Moving the hosting to a new data centre",
                presenter: "Head of Service",
                committee_only: false,
                minutes: "The supplier will move the clinical system to a new data centre over four \
weekends in the autumn. Each move needs the system closed from Saturday 18:00 to Sunday \
08:00. Practices with extended hours on Saturday evenings are to be told first.",
                decisions: &["The committee agrees to the weekend closures, provided practices have six weeks' notice."],
                actions: &[Action {
                    what: "Give practices the dates of the four weekend closures",
                    owner: Owner::Supplier("service delivery"),
                    due: "six weeks before the first move",
                    done: None,
                }],
            },
            Item {
                heading: "The batch letters feature",
                presenter: "Demo Supplier Representative",
                committee_only: false,
                minutes: "The supplier said the batch letters feature is withdrawn after a safety \
review: in some cases letters went to the previous address of a patient who had moved. \
Members asked what replaces it; the supplier will come back to us.",
                decisions: &["The batch letters feature is withdrawn after a safety review."],
                actions: &[Action {
                    what: "Say what will replace batch letters, and when",
                    owner: Owner::Supplier(""),
                    due: "soon",
                    done: None,
                }],
            },
            Item {
                heading: "Repeat prescriptions losing their dosage text",
                presenter: "Demo Chair",
                committee_only: false,
                minutes: "Raised by several practices as log:CS0412231 (#1), flagged for patient \
safety. Re-issued repeats lose the dosage text, so the pharmacy rings the practice. The \
supplier has reproduced it and expects a fix in the next release.",
                decisions: &[],
                actions: &[Action {
                    what: "Confirm which release carries the fix for the dosage text",
                    owner: Owner::Supplier(""),
                    due: "in the next release",
                    done: None,
                }],
            },
        ],
    },
    Meeting {
        title: "Committee meeting: the year's priorities",
        day: -100,
        watchdog: false,
        published: true,
        place: "Online",
        attendees: &[
            ("Demo Chair", "Chair", "the user group", false),
            ("Practice Manager, Northfield", "Committee member", "the user group", false),
            ("GP Partner, Riverside", "Committee member", "the user group", false),
        ],
        items: &[Item {
            heading: "What to press the supplier on this year",
            presenter: "Demo Chair",
            committee_only: true,
            minutes: "The committee agreed to press first on outage communication, then on the \
replacement of batch letters, then on release notes.",
            decisions: &["Outage communication is the first priority for the year."],
            actions: &[],
        }],
    },
    Meeting {
        title: "Watchdog meeting with Example Clinical Systems, autumn",
        day: -60,
        watchdog: true,
        published: true,
        place: "Committee room, Northshire Medical Centre",
        attendees: USUAL_ATTENDEES,
        items: &[
            Item {
                heading: "How the data centre moves went",
                presenter: "Head of Service",
                committee_only: false,
                minutes: "Three of the four moves went to plan. The third ran two hours late on the \
Sunday morning; two practices with early clinics could not see records until 10:00.",
                decisions: &[],
                actions: &[Action {
                    what: "Explain why the third move overran, and how the last one will not",
                    owner: Owner::Supplier("service delivery"),
                    due: "by the end of next month",
                    done: None,
                }],
            },
            Item {
                heading: "The appointment book freezing",
                presenter: "Practice Manager, Northfield",
                committee_only: false,
                minutes: "Raised as log:CS0413310 (#2). The appointment book freezes when \
reception switches between sessions, most often on Monday mornings. The supplier has a \
workaround (close the session list before switching) and is investigating. Members asked for \
the workaround to go to every practice, not only those that reported it.",
                decisions: &[],
                actions: &[Action {
                    what: "Send the workaround for the freezing appointment book to every practice",
                    owner: Owner::Supplier("service desk"),
                    due: "this week",
                    done: Some((3, "Workaround sent to all practices.")),
                }],
            },
            Item {
                heading: "Contract review",
                presenter: "Demo Chair",
                committee_only: true,
                minutes: "The committee noted the contract comes up for review next year.",
                decisions: &[],
                actions: &[Action {
                    what: "Gather members' views for the contract review",
                    owner: Owner::Named("the committee secretary"),
                    due: "early next year",
                    done: None,
                }],
            },
        ],
    },
    Meeting {
        title: "Watchdog meeting with Example Clinical Systems, December",
        day: -10,
        watchdog: true,
        published: false,
        place: "Online",
        attendees: USUAL_ATTENDEES,
        items: &[
            Item {
                heading: "Replacement for batch letters",
                presenter: "Demo Supplier Representative",
                committee_only: false,
                minutes: "Draft: the supplier said a replacement would come \"shortly\" but gave \
no date. The committee asked for a quarter.",
                decisions: &[],
                actions: &[],
            },
            Item {
                heading: "Lab results filed against the wrong patient",
                presenter: "GP Partner, Riverside",
                committee_only: false,
                minutes: "Draft: raised as log:CS0419902 (#6), flagged for patient safety. The \
supplier has a workaround and is investigating. Members asked for the safety notice to go to \
every practice, not only those that reported it.",
                decisions: &[],
                actions: &[Action {
                    what: "Send the safety notice about misfiled results to every practice",
                    owner: Owner::Supplier("clinical safety officer"),
                    due: "this week",
                    done: None,
                }],
            },
        ],
    },
    Meeting {
        title: "Watchdog meeting with Example Clinical Systems, new year",
        day: 45,
        watchdog: true,
        published: false,
        place: "Committee room, Northshire Medical Centre",
        attendees: &[],
        items: &[],
    },
];

/// Loads the meetings, their minutes and outcomes; returns how many meetings.
pub async fn load(db: &Db, cast: &Cast, today: DateTime<Utc>) -> anyhow::Result<usize> {
    let zone = Zone::default();
    let ten = NaiveTime::from_hms_opt(10, 0, 0).expect("a time");
    let mut tx = db.begin_write().await?;
    let series = store::create_series(
        &mut tx,
        "Watchdog meetings with Example Clinical Systems",
        MeetingKind::Watchdog,
        Some(cast.supplier),
        today - Duration::days(400),
    )
    .await?;
    for meeting in MEETINGS {
        let day = (today + Duration::days(meeting.day)).date_naive();
        let starts_at = zone.from_local(day, ten).map_err(anyhow::Error::msg)?;
        add_meeting(&mut tx, cast, series, meeting, starts_at, today).await?;
    }
    tx.commit().await?;
    Ok(MEETINGS.len())
}

async fn add_meeting(
    tx: &mut Tx,
    cast: &Cast,
    series: MeetingSeriesId,
    meeting: &Meeting,
    starts_at: DateTime<Utc>,
    today: DateTime<Utc>,
) -> anyhow::Result<()> {
    let chair = cast.id(Who::Chair);
    let details = MeetingDetails {
        title: meeting.title.to_owned(),
        kind: if meeting.watchdog {
            MeetingKind::Watchdog
        } else {
            MeetingKind::Committee
        },
        series: meeting.watchdog.then_some(series),
        starts_at,
        duration_minutes: 120,
        place: meeting.place.to_owned(),
        online_link: String::new(),
        supplier: meeting.watchdog.then_some(cast.supplier),
        visibility: if meeting.watchdog {
            Visibility::Members
        } else {
            Visibility::Committee
        },
    };
    // Scheduled a month ahead; minutes written the day after.
    let written = (starts_at + Duration::days(1)).min(today);
    let id = store::create(tx, &details, chair, starts_at - Duration::days(30)).await?;
    for (name, role, organisation, apologies) in meeting.attendees {
        let attendee = Attendee {
            id: AttendeeId(0),
            name: (*name).to_owned(),
            role: (*role).to_owned(),
            organisation: (*organisation).to_owned(),
            apologies: *apologies,
        };
        store::add_attendee(tx, id, &attendee, written).await?;
    }
    let mut added = Vec::new();
    for item in meeting.items {
        let minutes = Markdown::render(item.minutes);
        let fields = ItemFields {
            heading: item.heading,
            presenter: item.presenter,
            visibility: if item.committee_only {
                Visibility::Committee
            } else {
                details.visibility
            },
            minutes: &minutes,
        };
        let item_id = store::add_item(tx, id, fields, chair, written).await?;
        added.push((item.heading, item_id));
        let row = store::item_in(tx, item_id)
            .await?
            .ok_or_else(|| anyhow::anyhow!("the item just added"))?;
        for decision in item.decisions {
            store::add_decision(tx, &row, decision, chair, written).await?;
        }
        for action in item.actions {
            add_action(tx, cast, &row, action, chair, written, starts_at, today).await?;
        }
    }
    for (item, picture) in
        super::attachments::attach(tx, meeting.title, id, &added, chair, written).await?
    {
        let minutes = store::item_in(tx, item)
            .await?
            .ok_or_else(|| anyhow::anyhow!("the item shown a picture"))?
            .body;
        revise(tx, item, &format!("{minutes}\n\n{picture}"), chair, written).await?;
    }
    if meeting.published {
        let version: i64 = sqlx::query_scalar("SELECT version FROM meetings WHERE id = $1")
            .bind(id)
            .fetch_one(&mut **tx)
            .await?;
        let published = written + Duration::days(2);
        store::publish(tx, id, version, chair, published).await?;
        for (heading, item) in &added {
            if let Some((_, days, minutes)) = REVISIONS.iter().find(|(h, _, _)| h == heading) {
                revise(
                    tx,
                    *item,
                    minutes,
                    chair,
                    (published + Duration::days(*days)).min(today),
                )
                .await?;
            }
        }
    }
    Ok(())
}

/// Items whose published minutes were corrected later: heading, days after publication, and
/// the corrected minutes.
const REVISIONS: &[(&str, i64, &str)] = &[(
    "The batch letters feature",
    5,
    "The supplier said the batch letters feature is withdrawn after a safety review: six \
letters went to the previous address of a patient who had moved (corrected from \"in some \
cases\" once the supplier gave the figure). Members asked what replaces it; the supplier will \
come back to us.",
)];

/// Saves new minutes of an item: its next revision, once its minutes are published.
async fn revise(
    tx: &mut Tx,
    item: app::meetings::types::AgendaItemId,
    minutes: &str,
    chair: AccountId,
    at: DateTime<Utc>,
) -> anyhow::Result<()> {
    let row = store::item_in(tx, item)
        .await?
        .ok_or_else(|| anyhow::anyhow!("the item to revise"))?;
    let minutes = Markdown::render(minutes);
    let fields = ItemFields {
        heading: &row.heading,
        presenter: &row.presenter,
        visibility: row.visibility()?,
        minutes: &minutes,
    };
    store::update_item(tx, &row, row.version, fields, chair, at).await?;
    Ok(())
}

#[allow(clippy::too_many_arguments)]
async fn add_action(
    tx: &mut Tx,
    cast: &Cast,
    item: &store::ItemRow,
    action: &Action,
    chair: AccountId,
    written: DateTime<Utc>,
    starts_at: DateTime<Utc>,
    today: DateTime<Utc>,
) -> anyhow::Result<()> {
    let (owner, owner_name) = match action.owner {
        Owner::Supplier(who) => (ActionOwner::Supplier(cast.supplier), who),
        Owner::Person(who) => (ActionOwner::Account(cast.id(who)), ""),
        Owner::Named(name) => (ActionOwner::Named, name),
    };
    let said = Zone::default().clock(starts_at).date();
    let fields = ActionFields {
        description: action.what,
        owner,
        owner_name,
        due_words: action.due,
        due: due_window(action.due, said, QuarterScheme::Calendar),
    };
    let id = store::add_action(tx, item, &fields, chair, written).await?;
    if let Some((days, note)) = action.done {
        let done_at = (starts_at + Duration::days(days)).min(today);
        let by = match owner {
            ActionOwner::Supplier(_) => cast.id(Who::Rep),
            _ => chair,
        };
        let row = store::action_in(tx, id)
            .await?
            .ok_or_else(|| anyhow::anyhow!("the action just added"))?;
        store::set_action_status(tx, &row, row.version, true, note, by, done_at).await?;
    }
    Ok(())
}
