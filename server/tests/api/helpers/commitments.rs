//! Typed calls of the commitments' server functions.

use app::commitments::{
    api::{
        AddCommitment, AddRelease, EditRelease, GetCommitment, GetCommitments, GetRelease,
        GetRoadmap, GetScorecard, GetSince, ReviseCommitment,
    },
    types::{
        releases::{ReleaseId, ReleasePage},
        roadmap::Roadmap,
        scorecard::Scorecard,
        since::SincePage,
        CommitmentId, CommitmentList, CommitmentPage,
    },
};

use super::{Answer, TestApp};

/// A new commitment's form as a chair fills it in; `Default` leaves every field empty.
#[derive(Default)]
pub struct CommitmentForm<'a> {
    pub title: &'a str,
    pub supplier: String,
    /// The module's id, or empty for none.
    pub module: String,
    pub words: &'a str,
    pub said_on: &'a str,
    pub item: Option<String>,
    pub action: Option<String>,
    /// An account's id, or empty for none.
    pub committee_owner: String,
    pub supplier_owner: String,
}

/// A new promise for a commitment, as its form sends it.
pub struct Revision<'a> {
    pub version: i64,
    pub status: &'a str,
    pub words: &'a str,
    pub said_on: &'a str,
    pub reason: &'a str,
    pub note: &'a str,
}

impl TestApp {
    pub async fn add_commitment(
        &self,
        client: &reqwest::Client,
        form: CommitmentForm<'_>,
    ) -> Answer<CommitmentId> {
        let mut fields = vec![
            ("title", form.title),
            ("supplier", form.supplier.as_str()),
            ("module", form.module.as_str()),
            ("description", ""),
            ("words", form.words),
            ("said_on", form.said_on),
            ("committee_owner", form.committee_owner.as_str()),
            ("supplier_owner", form.supplier_owner.as_str()),
            ("supplier_owner_name", ""),
        ];
        if let Some(item) = &form.item {
            fields.push(("item", item));
        }
        if let Some(action) = &form.action {
            fields.push(("action", action));
        }
        self.call_fn::<AddCommitment>(client, &fields).await
    }

    /// A chair records a commitment of `supplier`: `words` said on `said_on`.
    pub async fn record_commitment(
        &self,
        chair: &reqwest::Client,
        supplier: app::domain::ids::SupplierId,
        title: &str,
        words: &str,
        said_on: &str,
    ) -> CommitmentId {
        self.add_commitment(
            chair,
            CommitmentForm {
                title,
                supplier: supplier.0.to_string(),
                words,
                said_on,
                ..CommitmentForm::default()
            },
        )
        .await
        .expect("recorded")
    }

    pub async fn revise_commitment(
        &self,
        client: &reqwest::Client,
        commitment: CommitmentId,
        revision: Revision<'_>,
    ) -> Answer<()> {
        let (id, version) = (commitment.0.to_string(), revision.version.to_string());
        self.call_fn::<ReviseCommitment>(
            client,
            &[
                ("commitment", &id),
                ("version", &version),
                ("status", revision.status),
                ("words", revision.words),
                ("said_on", revision.said_on),
                ("reason", revision.reason),
                ("note", revision.note),
                ("evidence_url", ""),
            ],
        )
        .await
    }

    pub async fn commitment(
        &self,
        client: &reqwest::Client,
        commitment: CommitmentId,
    ) -> Answer<CommitmentPage> {
        self.call_fn::<GetCommitment>(client, &[("commitment", &commitment.0.to_string())])
            .await
    }

    pub async fn commitments(
        &self,
        client: &reqwest::Client,
        query: &str,
    ) -> Answer<CommitmentList> {
        self.call_fn::<GetCommitments>(client, &[("query", query)])
            .await
    }

    pub async fn roadmap(&self, client: &reqwest::Client, query: &str) -> Answer<Roadmap> {
        self.call_fn::<GetRoadmap>(client, &[("query", query)])
            .await
    }

    /// Adds a release of `supplier`, planned, expected as `words` say.
    pub async fn add_release(
        &self,
        client: &reqwest::Client,
        supplier: app::domain::ids::SupplierId,
        name: &str,
        words: &str,
    ) -> Answer<ReleaseId> {
        let supplier = supplier.0.to_string();
        self.call_fn::<AddRelease>(
            client,
            &[
                ("supplier", &supplier),
                ("name", name),
                ("status", "planned"),
                ("words", words),
                ("released_on", ""),
            ],
        )
        .await
    }

    /// Changes a release read at `version`: its name, where it stands, and when expected.
    pub async fn edit_release(
        &self,
        client: &reqwest::Client,
        release: ReleaseId,
        version: i64,
        (name, status, words): (&str, &str, &str),
    ) -> Answer<()> {
        let (id, version) = (release.0.to_string(), version.to_string());
        self.call_fn::<EditRelease>(
            client,
            &[
                ("release", &id),
                ("version", &version),
                ("name", name),
                ("status", status),
                ("words", words),
                ("released_on", ""),
            ],
        )
        .await
    }

    pub async fn release(
        &self,
        client: &reqwest::Client,
        release: ReleaseId,
    ) -> Answer<ReleasePage> {
        self.call_fn::<GetRelease>(client, &[("release", &release.0.to_string())])
            .await
    }

    pub async fn since(&self, client: &reqwest::Client, query: &str) -> Answer<SincePage> {
        self.call_fn::<GetSince>(client, &[("query", query)]).await
    }

    pub async fn scorecard(&self, client: &reqwest::Client, query: &str) -> Answer<Scorecard> {
        self.call_fn::<GetScorecard>(client, &[("query", query)])
            .await
    }
}

/// The message by `field` of a refused form (422); fails the test for any other answer.
pub fn field_error(
    answer: Result<impl std::fmt::Debug, (reqwest::StatusCode, app::error::AppError)>,
    field: &str,
) -> String {
    match answer {
        Err((reqwest::StatusCode::UNPROCESSABLE_ENTITY, app::error::AppError::Invalid(errors))) => {
            errors
                .fields
                .get(field)
                .cloned()
                .unwrap_or_else(|| panic!("no message by {field}: {errors:?}"))
        }
        other => panic!("expected a refusal by {field}, got {other:?}"),
    }
}
