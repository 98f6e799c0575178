//! The commitments list's filters beyond standing: module, "slipped at least once", vague or
//! conditional when made, and promised at a meeting, which only a reader who may read that
//! meeting's minutes can use (for anyone else it matches nothing, as a missing meeting does,
//! in the list, in its CSV and in the meeting's page).

use app::{accounts::types::Role, commitments::types::CommitmentId, domain::ids::MeetingId};

use crate::helpers::{browser_of, CommitmentForm, Revision, TestApp};

fn ids(list: &app::commitments::types::CommitmentList) -> Vec<CommitmentId> {
    let mut ids: Vec<_> = list.rows.iter().map(|row| row.id).collect();
    ids.sort();
    ids
}

#[tokio::test]
async fn the_list_filters_by_module_slips_vague_words_and_meeting() {
    let app = TestApp::spawn().await;
    let ours = app.create_supplier("Example Clinical Systems").await;
    let appointments = app.create_module(ours, "Appointments").await;
    let chair_account = app.create_account(Role::Chair, "chair@example.org").await;
    let chair = browser_of(&app, &chair_account).await;
    let member = browser_of(
        &app,
        &app.create_account(Role::Member, "member@example.org").await,
    )
    .await;
    let rep = browser_of(&app, &app.create_rep(ours, "rep@example.com").await).await;
    let published = app
        .create_meeting(&chair_account, Some(ours), "members")
        .await;
    let published_item = app.add_agenda_item(published, "Roll-out", "members").await;
    // An item for the committee alone in minutes the members read.
    let closed_item = app
        .add_agenda_item(published, "Contract price", "committee")
        .await;
    let draft = app
        .create_draft_meeting(&chair_account, Some(ours), "members")
        .await;
    let draft_item = app.add_agenda_item(draft, "Pilot", "members").await;
    let committee_only = app
        .create_meeting(&chair_account, Some(ours), "committee")
        .await;
    let committee_item = app
        .add_agenda_item(committee_only, "Contract", "committee")
        .await;

    let record =
        |title: &'static str, words: &'static str, module: String, item: Option<String>| {
            let (app, chair) = (&app, &chair);
            async move {
                app.add_commitment(
                    chair,
                    CommitmentForm {
                        title,
                        supplier: ours.0.to_string(),
                        module,
                        words,
                        said_on: "2023-06-15",
                        item,
                        ..CommitmentForm::default()
                    },
                )
                .await
                .expect("recorded")
            }
        };
    let in_module = record(
        "Appointment reminders",
        "Q3 2023",
        appointments.0.to_string(),
        Some(published_item.0.to_string()),
    )
    .await;
    let vague = record("Faster search", "coming soon", String::new(), None).await;
    let price = record(
        "Price freeze",
        "2024-04-01",
        String::new(),
        Some(closed_item.0.to_string()),
    )
    .await;
    let conditional = record(
        "Pilot results",
        "after the pilot",
        String::new(),
        Some(draft_item.0.to_string()),
    )
    .await;
    let slipped = record(
        "New contract terms",
        "July 2023",
        String::new(),
        Some(committee_item.0.to_string()),
    )
    .await;
    app.revise_commitment(
        &chair,
        slipped,
        Revision {
            version: 1,
            status: "in_progress",
            words: "Q4 2023",
            said_on: "2023-07-20",
            reason: "Legal review took longer",
            note: "",
        },
    )
    .await
    .expect("re-promised");

    let list = |client: &reqwest::Client, query: String| {
        let (app, client) = (&app, client.clone());
        async move { app.commitments(&client, &query).await.expect("the list") }
    };
    let by_module = list(&member, format!("module={}", appointments.0)).await;
    assert_eq!(ids(&by_module), [in_module]);
    assert!(by_module.modules.contains(&(
        appointments,
        "Appointments (Example Clinical Systems)".to_owned()
    )));
    assert_eq!(ids(&list(&member, "slipped=1".to_owned()).await), [slipped]);
    assert_eq!(
        ids(&list(&member, "vague=1".to_owned()).await),
        [vague, conditional],
        "vague and conditional words both give no date"
    );
    assert!(ids(&list(&member, "vague=1&slipped=1".to_owned()).await).is_empty());

    // The committee reads every meeting's minutes, drafts too.
    for (meeting, expected) in [
        (published, vec![in_module, price]),
        (draft, vec![conditional]),
        (committee_only, vec![slipped]),
    ] {
        let found = list(&chair, format!("meeting={}", meeting.0)).await;
        assert_eq!(ids(&found), expected, "{meeting:?}");
    }
    let offered: Vec<MeetingId> = list(&chair, String::new())
        .await
        .meetings
        .iter()
        .map(|(id, _)| *id)
        .collect();
    assert_eq!(offered.len(), 3);

    // A member reads the published minutes only; the others answer as a missing meeting.
    let missing = list(&member, "meeting=999999".to_owned()).await;
    assert!(missing.rows.is_empty());
    assert_eq!(
        missing.meetings.last().expect("offered"),
        &(MeetingId(999_999), "No such meeting".to_owned())
    );
    let found = list(&member, format!("meeting={}", published.0)).await;
    assert_eq!(ids(&found), [in_module]);
    assert_eq!(found.meetings.len(), 1);
    assert!(found.meetings[0].1.ends_with(" · Watchdog meeting"));
    for hidden in [draft, committee_only] {
        let answer = list(&member, format!("meeting={}", hidden.0)).await;
        assert!(answer.rows.is_empty(), "{hidden:?}");
        assert_eq!(answer.total, 0);
        assert_eq!(
            answer.meetings.last().expect("offered"),
            &(hidden, "No such meeting".to_owned())
        );
    }
    // The supplier's representative reads their own supplier's members' minutes.
    assert_eq!(
        ids(&list(&rep, format!("meeting={}", published.0)).await),
        [in_module]
    );
    assert!(list(&rep, format!("meeting={}", committee_only.0))
        .await
        .rows
        .is_empty());

    // The CSV of the same view says as much.
    let csv = |client: &reqwest::Client, meeting: MeetingId| {
        let (app, client) = (&app, client.clone());
        async move {
            app.get_with(&client, &format!("/commitments.csv?meeting={}", meeting.0))
                .await
                .text()
                .await
                .expect("the file")
        }
    };
    assert!(csv(&chair, committee_only)
        .await
        .contains("New contract terms"));
    let hidden = csv(&member, committee_only).await;
    assert_eq!(hidden.lines().count(), 1, "the header alone: {hidden}");

    // The meeting's page links to what was promised there, for those who may list it.
    let page = app.meeting(&member, published).await.expect("the meeting");
    assert!(page.commitments_made);
    let page = app.meeting(&member, draft).await.expect("the meeting");
    assert!(!page.commitments_made, "its minutes are not published");
    let public = app
        .create_meeting(&chair_account, Some(ours), "public")
        .await;
    let public_item = app.add_agenda_item(public, "Open session", "public").await;
    record(
        "Published road map",
        "Q1 2024",
        String::new(),
        Some(public_item.0.to_string()),
    )
    .await;
    let page = app.meeting(&member, public).await.expect("the meeting");
    assert!(page.commitments_made);
    let visitor = crate::helpers::new_client();
    let page = app.meeting(&visitor, public).await.expect("the meeting");
    assert!(!page.commitments_made, "a visitor may not list commitments");

    // Promises made only at an item the reader may not read are not pointed to.
    let closed = app
        .create_meeting(&chair_account, Some(ours), "members")
        .await;
    let closed_only = app.add_agenda_item(closed, "Contract", "committee").await;
    record(
        "Discount",
        "Q2 2024",
        String::new(),
        Some(closed_only.0.to_string()),
    )
    .await;
    assert!(
        !app.meeting(&member, closed)
            .await
            .expect("the meeting")
            .commitments_made
    );
    assert!(
        app.meeting(&chair, closed)
            .await
            .expect("the meeting")
            .commitments_made
    );
    assert!(list(&member, String::new())
        .await
        .meetings
        .iter()
        .all(|(id, _)| *id != closed));
}
