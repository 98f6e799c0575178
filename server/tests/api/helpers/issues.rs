//! Issues for tests: fixtures written straight into the database, and typed calls of the
//! issues' server functions.

use app::{
    issues::{api::GetIssues, types::IssueId},
    suppliers::types::SupplierId,
};
use leptos::server_fn::ServerFn;

use super::{json, TestAccount, TestApp};

impl TestApp {
    /// A page of the issue list as `client` sees it, for the list URL's query `pairs`,
    /// through the list's own server function.
    pub async fn list_issues(
        &self,
        client: &reqwest::Client,
        pairs: &[(&str, &str)],
    ) -> serde_json::Value {
        let query = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(pairs)
            .finish();
        let response = self
            .call_with(client, GetIssues::PATH, &[("query", &query)])
            .await;
        json(response).await
    }

    /// Files an issue against `supplier` as `reporter`, straight into the database.
    pub async fn create_issue(
        &self,
        supplier: SupplierId,
        reporter: &TestAccount,
        title: &str,
    ) -> IssueId {
        let description = app::markdown::Markdown::render("It happens every morning.");
        let mut tx = self.db.begin_write().await.expect("transaction");
        let issue = app::issues::store::NewIssue {
            title,
            description: &description,
            supplier,
            module: None,
            patient_safety: false,
            reporter: reporter.id,
            log_number: None,
        };
        let id = app::issues::store::create(&mut tx, issue, chrono::Utc::now())
            .await
            .expect("issue created");
        tx.commit().await.expect("committed");
        id
    }

    /// Comments on an issue as `author`, straight into the database.
    pub async fn create_comment(&self, issue: IssueId, author: &TestAccount, body: &str) {
        use app::issues::{store, types::EventKind};
        let body = app::markdown::Markdown::render(body);
        let mut tx = self.db.begin_write().await.expect("transaction");
        let event = store::NewEvent {
            body: &body,
            ..store::NewEvent::new(EventKind::Comment, author.id)
        };
        store::record(&mut tx, issue, event, chrono::Utc::now())
            .await
            .expect("comment recorded");
        tx.commit().await.expect("committed");
    }
}
