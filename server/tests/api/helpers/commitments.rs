//! Typed calls of the commitments' server functions.

use app::commitments::{
    api::{AddCommitment, GetCommitment, GetCommitments, ReviseCommitment},
    types::{CommitmentId, CommitmentList, CommitmentPage},
};

use super::{Answer, TestApp};

/// A new commitment's form as a chair fills it in; `Default` leaves every field empty.
#[derive(Default)]
pub struct CommitmentForm<'a> {
    pub title: &'a str,
    pub supplier: String,
    pub words: &'a str,
    pub said_on: &'a str,
    pub item: Option<String>,
    pub action: Option<String>,
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
            ("module", ""),
            ("description", ""),
            ("words", form.words),
            ("said_on", form.said_on),
            ("committee_owner", ""),
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
}
