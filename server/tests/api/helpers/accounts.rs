//! Accounts for tests: made through the same code as `watchdog admin`, and signed in through
//! the sign-in server function.

use app::{
    accounts::{
        api::SignIn,
        types::{AccountId, Role},
    },
    suppliers::types::SupplierId,
};
use leptos::server_fn::ServerFn;

use super::{new_client, TestApp};

/// An account a test made, with the password it signs in with.
pub struct TestAccount {
    pub id: AccountId,
    pub email: String,
    pub password: String,
}

impl TestApp {
    /// Creates an account with the role given, through the same code as `watchdog admin`.
    /// A supplier representative belongs to a supplier: use `create_rep`.
    pub async fn create_account(&self, role: Role, email: &str) -> TestAccount {
        self.create_account_for(role, None, email).await
    }

    /// Creates a supplier representative of `supplier`.
    pub async fn create_rep(&self, supplier: SupplierId, email: &str) -> TestAccount {
        self.create_account_for(Role::SupplierRep, Some(supplier), email)
            .await
    }

    async fn create_account_for(
        &self,
        role: Role,
        supplier: Option<SupplierId>,
        email: &str,
    ) -> TestAccount {
        let password = "violet kettle harbour".to_owned();
        let name = format!("Test {}", role.label());
        let id =
            watchdog::admin::create_account(&self.config, email, &name, role, supplier, &password)
                .await
                .expect("account created");
        TestAccount {
            id,
            email: email.to_owned(),
            password,
        }
    }

    pub async fn sign_in(&self, account: &TestAccount) -> reqwest::Response {
        self.sign_in_with(&account.email, &account.password).await
    }

    pub async fn sign_in_with(&self, email: &str, password: &str) -> reqwest::Response {
        self.call(SignIn::PATH, &[("email", email), ("password", password)])
            .await
    }
}

/// Signs `account` in on a browser of its own.
pub async fn browser_of(app: &TestApp, account: &TestAccount) -> reqwest::Client {
    let client = new_client();
    let response = app
        .call_with(
            &client,
            SignIn::PATH,
            &[("email", &account.email), ("password", &account.password)],
        )
        .await;
    let status = response.status();
    assert!(
        response.headers().contains_key("set-cookie"),
        "sign-in refused ({status}): {}",
        response.text().await.unwrap_or_default()
    );
    client
}

/// A browser signed in as the demo data's member (after `watchdog::demo::load`).
pub async fn demo_member(app: &TestApp) -> reqwest::Client {
    let browser = new_client();
    let signed_in = browser
        .post(app.url(SignIn::PATH))
        .form(&[
            ("email", "member@example.org"),
            ("password", watchdog::demo::PASSWORD),
        ])
        .send()
        .await
        .expect("sign in");
    assert!(signed_in.headers().contains_key("set-cookie"), "signed in");
    browser
}
