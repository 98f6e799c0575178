//! The committee changes a commitment's details (title, module, details, owners); the ledger
//! is left as it was, a stale form is refused with what was typed kept, bad input is refused
//! by its field, and no one else may.

use app::{
    accounts::types::Role,
    commitments::api::{EditCommitment, GetCommitmentDetails},
    error::AppError,
};
use reqwest::StatusCode;

use crate::helpers::{browser_of, field_error, TestApp};

#[tokio::test]
async fn the_committee_changes_a_commitments_details_and_the_ledger_stays() {
    let app = TestApp::spawn().await;
    let ours = app.create_supplier("Example Clinical Systems").await;
    let theirs = app.create_supplier("Other Systems").await;
    let appointments = app.create_module(ours, "Appointments").await;
    let search = app.create_module(theirs, "Search").await;
    let chair_account = app.create_account(Role::Chair, "chair@example.org").await;
    let chair = browser_of(&app, &chair_account).await;
    let rep_account = app.create_rep(ours, "rep@example.org").await;
    let rep = browser_of(&app, &rep_account).await;
    let commitment = app
        .record_commitment(&chair, ours, "Roll-out to all sites", "Q3 2026", "")
        .await;
    let id = commitment.0.to_string();

    let form = app
        .call_fn::<GetCommitmentDetails>(&chair, &[("commitment", &id)])
        .await
        .expect("the form");
    assert_eq!(form.title, "Roll-out to all sites");
    assert_eq!(form.modules, [(appointments, "Appointments".to_owned())]);
    assert_eq!(form.representatives.len(), 1);
    let version = form.version.to_string();
    let (appointments_id, rep_id, chair_id) = (
        appointments.0.to_string(),
        rep_account.id.0.to_string(),
        chair_account.id.0.to_string(),
    );
    let edit = |version: &str, title: &str, module: &str| {
        vec![
            ("commitment", id.clone()),
            ("version", version.to_owned()),
            ("title", title.to_owned()),
            ("module", module.to_owned()),
            ("description", "To **every** site.".to_owned()),
            ("committee_owner", chair_id.clone()),
            ("supplier_owner", rep_id.clone()),
            ("supplier_owner_name", "Head of product".to_owned()),
        ]
    };
    let call = |form: Vec<(&'static str, String)>, client: reqwest::Client| {
        let app = &app;
        async move {
            let form: Vec<(&str, &str)> = form.iter().map(|(n, v)| (*n, v.as_str())).collect();
            app.call_fn::<EditCommitment>(&client, &form).await
        }
    };

    // Bad input is refused by its field and changes nothing.
    let refused = call(edit(&version, " ", &appointments_id), chair.clone()).await;
    assert_eq!(
        field_error(refused, "title"),
        "Say in a line what was promised."
    );
    let refused = call(
        edit(&version, "Roll-out", &search.0.to_string()),
        chair.clone(),
    )
    .await;
    assert_eq!(
        field_error(refused, "module"),
        "Pick one of the supplier's modules, or none."
    );
    // Only the committee changes the details.
    let refused = call(edit(&version, "Roll-out", ""), rep.clone()).await;
    assert!(
        matches!(refused, Err((StatusCode::FORBIDDEN, AppError::Forbidden))),
        "{refused:?}"
    );

    call(
        edit(&version, "Roll-out to every site", &appointments_id),
        chair.clone(),
    )
    .await
    .expect("saved");
    let page = app.commitment(&rep, commitment).await.expect("its page");
    assert_eq!(page.commitment.title, "Roll-out to every site");
    assert_eq!(page.commitment.module_name.as_deref(), Some("Appointments"));
    assert!(page
        .commitment
        .description
        .as_str()
        .contains("<strong>every</strong>"));
    assert!(
        page.commitment
            .supplier_owner
            .ends_with(" (Head of product)"),
        "{}",
        page.commitment.supplier_owner
    );
    assert!(page.commitment.committee_owner.is_some());
    let (_, by) = page
        .commitment
        .details_changed
        .clone()
        .expect("the change recorded");
    assert!(by.is_some());
    assert_eq!(page.ledger.len(), 1);

    // A representative who has left stays the owner, offered as such, and saving the form
    // keeps them.
    let mut tx = app.db.begin_write().await.expect("transaction");
    sqlx::query("UPDATE accounts SET active = 0 WHERE id = $1")
        .bind(rep_account.id)
        .execute(&mut *tx)
        .await
        .expect("deactivated");
    tx.commit().await.expect("committed");
    let form = app
        .call_fn::<GetCommitmentDetails>(&chair, &[("commitment", &id)])
        .await
        .expect("the form");
    assert_eq!(form.supplier_owner, Some(rep_account.id));
    assert!(form.representatives[0].1.ends_with(" (no longer active)"));
    let current = form.version.to_string();
    call(
        edit(&current, "Roll-out to every site", &appointments_id),
        chair.clone(),
    )
    .await
    .expect("saved with the owner who left");
    let page = app.commitment(&chair, commitment).await.expect("its page");
    assert!(page
        .commitment
        .supplier_owner
        .ends_with(" (Head of product)"));

    // The form it was opened from is stale now: refused, what was typed kept.
    let stale = call(edit(&version, "Roll-out, again", ""), chair.clone()).await;
    let Err((StatusCode::CONFLICT, AppError::Stale(errors))) = stale else {
        panic!("not refused as stale: {stale:?}");
    };
    assert_eq!(errors.kept["title"], "Roll-out, again");
}
