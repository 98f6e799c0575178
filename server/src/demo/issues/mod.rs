//! The demo tracker: about thirty issues of the demo supplier, in every status, each with the
//! story a real one would have (log numbers, official responses, comments, status changes,
//! "affects us too" marks, merged duplicates). Written through the same store functions the
//! pages use, back-dated so "awaiting the supplier" and the dates read true.

use app::{
    accounts::types::AccountId,
    db::Db,
    issues::{
        store::{self, NewIssue, StatusChange},
        types::{IssueId, IssueStatus, LogNumber},
    },
    markdown::Markdown,
    suppliers::types::{ModuleId, SupplierId},
};
use chrono::{DateTime, Duration, Utc};

mod stories;

use stories::STORIES;
use Who::*;

/// Who does something in a story: the demo accounts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Who {
    Member,
    Chair,
    Rep,
    PracticeManager,
    Partner,
    Nurse,
    Reception,
}

/// The people the stories need, by who they are.
pub struct Cast {
    pub supplier: SupplierId,
    /// The clinical system, the resource publisher and the template manager.
    pub modules: [ModuleId; 3],
    pub accounts: Vec<(Who, AccountId)>,
}

impl Cast {
    pub(super) fn id(&self, who: Who) -> AccountId {
        self.accounts
            .iter()
            .find(|(role, _)| *role == who)
            .map(|(_, id)| *id)
            .unwrap_or_else(|| panic!("the demo has no {who:?}"))
    }
}

/// One step of an issue's story, `days` after it was reported.
enum Step {
    Comment(i64, Who, &'static str),
    /// An official response from the supplier's representative.
    Response(i64, &'static str),
    /// A status change, with a target for a planned fix and a note.
    Status(i64, Who, IssueStatus, &'static str, &'static str),
    /// A further log number the supplier gave.
    AddLog(i64, Who, &'static str),
    Affects(Who),
    /// The chair merges this issue into the story at this index.
    MergeInto(i64, usize),
}

use Step::*;

struct Story {
    title: &'static str,
    /// Index into the supplier's modules, or none.
    module: Option<usize>,
    safety: bool,
    reporter: Who,
    log_number: &'static str,
    /// How long ago it was reported.
    age_days: i64,
    description: &'static str,
    steps: &'static [Step],
}

/// Files the demo stories; returns how many issues were filed.
pub async fn load(db: &Db, cast: &Cast, today: DateTime<Utc>) -> anyhow::Result<usize> {
    let mut tx = db.begin_write().await?;
    let mut ids: Vec<IssueId> = Vec::with_capacity(STORIES.len());
    // Stories start at a quarter past nine in the morning (UTC), so their times read true.
    let morning = today
        .date_naive()
        .and_hms_opt(9, 15, 0)
        .map_or(today, |at| at.and_utc());
    for story in STORIES {
        let reported = morning - Duration::days(story.age_days);
        let log_number = match story.log_number {
            "" => None,
            text => Some(LogNumber::parse(text).map_err(anyhow::Error::msg)?),
        };
        let description = Markdown::render(story.description);
        let issue = NewIssue {
            title: story.title,
            description: &description,
            supplier: cast.supplier,
            module: story.module.map(|index| cast.modules[index]),
            patient_safety: story.safety,
            reporter: cast.id(story.reporter),
            log_number: log_number.as_ref(),
        };
        let id = store::create(&mut tx, issue, reported).await?;
        for (order, step) in story.steps.iter().enumerate() {
            // Steps on the same day keep their order, a few minutes apart.
            let at =
                |days: i64| reported + Duration::days(days) + Duration::minutes(order as i64 * 7);
            match *step {
                Comment(days, who, text) => {
                    let text = Markdown::render(text);
                    store::post(&mut tx, id, cast.id(who), &text, false, at(days)).await?
                }
                Response(days, text) => {
                    let text = Markdown::render(text);
                    store::post(&mut tx, id, cast.id(Rep), &text, true, at(days)).await?
                }
                Status(days, who, to, target, note) => {
                    let core = store::core(&mut tx, id)
                        .await?
                        .ok_or_else(|| anyhow::anyhow!("issue {id}"))?;
                    let note = Markdown::render(note);
                    let change = StatusChange {
                        to,
                        target: (!target.is_empty()).then_some(target),
                        note: &note,
                        by: cast.id(who),
                        by_supplier: who == Rep,
                    };
                    store::change_status(&mut tx, &core, core.version, change, at(days)).await?;
                }
                AddLog(days, who, text) => {
                    let core = store::core(&mut tx, id)
                        .await?
                        .ok_or_else(|| anyhow::anyhow!("issue {id}"))?;
                    let number = LogNumber::parse(text).map_err(anyhow::Error::msg)?;
                    store::add_log_number(&mut tx, &core, &number, cast.id(who), at(days)).await?;
                }
                Affects(who) => {
                    store::set_affects(&mut tx, id, cast.id(who), true, reported).await?;
                    store::follow(&mut tx, id, cast.id(who), reported).await?;
                }
                MergeInto(days, survivor) => {
                    let core = store::core(&mut tx, id)
                        .await?
                        .ok_or_else(|| anyhow::anyhow!("issue {id}"))?;
                    store::merge(
                        &mut tx,
                        &core,
                        core.version,
                        ids[survivor],
                        cast.id(Chair),
                        at(days),
                    )
                    .await?;
                }
            }
        }
        ids.push(id);
    }
    tx.commit().await?;
    Ok(ids.len())
}
