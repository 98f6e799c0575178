//! Meetings for tests: fixtures written straight into the database, and typed calls of the
//! meetings' server functions.

use app::{
    domain::ids::SupplierId,
    markdown::Markdown,
    meetings::{
        api::{GetMeeting, GetMeetings},
        store::{self, ItemFields},
        types::{
            Attendee, AttendeeId, MeetingDetails, MeetingId, MeetingKind, MeetingView,
            MeetingsList, Visibility,
        },
    },
};

use super::{Answer, TestAccount, TestApp};

impl TestApp {
    /// A watchdog meeting a week ago (with `supplier`, if any), its minutes published at
    /// `visibility` ("public", "members" or "committee").
    pub async fn create_meeting(
        &self,
        chair: &TestAccount,
        supplier: Option<SupplierId>,
        visibility: &str,
    ) -> MeetingId {
        let now = chrono::Utc::now();
        let details = MeetingDetails {
            title: "Watchdog meeting".to_owned(),
            kind: MeetingKind::Watchdog,
            series: None,
            starts_at: now - chrono::Duration::days(7),
            duration_minutes: 90,
            place: "Committee room".to_owned(),
            online_link: String::new(),
            supplier,
            visibility: Visibility::parse(visibility).expect("a visibility"),
        };
        let mut tx = self.db.begin_write().await.expect("transaction");
        let id = store::create(&mut tx, &details, chair.id, now)
            .await
            .expect("meeting created");
        assert!(store::publish(&mut tx, id, 1, chair.id, now)
            .await
            .expect("published"));
        tx.commit().await.expect("committed");
        id
    }

    /// Adds an item to the agenda, read at `visibility`.
    pub async fn add_agenda_item(&self, meeting: MeetingId, heading: &str, visibility: &str) {
        let minutes = Markdown::render(format!("Minutes of {heading}."));
        let fields = ItemFields {
            heading,
            presenter: "",
            visibility: Visibility::parse(visibility).expect("a visibility"),
            minutes: &minutes,
        };
        let mut tx = self.db.begin_write().await.expect("transaction");
        store::add_item(&mut tx, meeting, fields, chrono::Utc::now())
            .await
            .expect("item added");
        tx.commit().await.expect("committed");
    }

    /// Adds someone present at the meeting.
    pub async fn add_attendee(&self, meeting: MeetingId, name: &str) {
        let attendee = Attendee {
            id: AttendeeId(0),
            name: name.to_owned(),
            role: String::new(),
            organisation: String::new(),
            apologies: false,
        };
        let mut tx = self.db.begin_write().await.expect("transaction");
        store::add_attendee(&mut tx, meeting, &attendee, chrono::Utc::now())
            .await
            .expect("attendee added");
        tx.commit().await.expect("committed");
    }

    /// A meeting as `client` may see it.
    pub async fn meeting(
        &self,
        client: &reqwest::Client,
        meeting: MeetingId,
    ) -> Answer<MeetingView> {
        let id = meeting.0.to_string();
        self.call_fn::<GetMeeting>(client, &[("meeting", &id)])
            .await
    }

    /// The meetings list as `client` sees it, for the list URL's `query`.
    pub async fn meetings(&self, client: &reqwest::Client, query: &str) -> MeetingsList {
        self.call_fn::<GetMeetings>(client, &[("query", query)])
            .await
            .expect("the meetings list")
    }
}
