//! Meetings for tests: fixtures written straight into the database, and typed calls of the
//! meetings' server functions.

use app::{
    domain::{action_due::due_window, ids::SupplierId, timeframe::QuarterScheme},
    markdown::Markdown,
    meetings::{
        api::{GetAction, GetMeeting, GetMeetings},
        store::{self, ActionFields, ItemFields},
        types::{
            ActionId, ActionOwner, ActionPage, AgendaItemId, AttachmentId, Attendee, AttendeeId,
            DecisionId, MeetingDetails, MeetingId, MeetingKind, MeetingSeriesId, MeetingView,
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
        let a_week_ago = chrono::Utc::now() - chrono::Duration::days(7);
        self.create_meeting_at(chair, supplier, visibility, a_week_ago)
            .await
    }

    /// A published meeting, as `create_meeting` makes one, starting at `starts_at`.
    pub async fn create_meeting_at(
        &self,
        chair: &TestAccount,
        supplier: Option<SupplierId>,
        visibility: &str,
        starts_at: chrono::DateTime<chrono::Utc>,
    ) -> MeetingId {
        self.write_meeting(chair, supplier, visibility, starts_at, true)
            .await
    }

    /// A meeting a week ago as `create_meeting` makes one, its minutes still a draft.
    pub async fn create_draft_meeting(
        &self,
        chair: &TestAccount,
        supplier: Option<SupplierId>,
        visibility: &str,
    ) -> MeetingId {
        let a_week_ago = chrono::Utc::now() - chrono::Duration::days(7);
        self.write_meeting(chair, supplier, visibility, a_week_ago, false)
            .await
    }

    async fn write_meeting(
        &self,
        chair: &TestAccount,
        supplier: Option<SupplierId>,
        visibility: &str,
        starts_at: chrono::DateTime<chrono::Utc>,
        published: bool,
    ) -> MeetingId {
        let now = chrono::Utc::now();
        let details = MeetingDetails {
            title: "Watchdog meeting".to_owned(),
            kind: MeetingKind::Watchdog,
            series: None,
            starts_at,
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
        if published {
            assert!(store::publish(&mut tx, id, 1, chair.id, now)
                .await
                .expect("published"));
        }
        tx.commit().await.expect("committed");
        id
    }

    /// Adds an item to the agenda, read at `visibility`.
    pub async fn add_agenda_item(
        &self,
        meeting: MeetingId,
        heading: &str,
        visibility: &str,
    ) -> AgendaItemId {
        let minutes = Markdown::render(format!("Minutes of {heading}."));
        let fields = ItemFields {
            heading,
            presenter: "",
            visibility: Visibility::parse(visibility).expect("a visibility"),
            minutes: &minutes,
        };
        let mut tx = self.db.begin_write().await.expect("transaction");
        // Added by the chair who scheduled the meeting.
        let by: app::domain::ids::AccountId =
            sqlx::query_scalar("SELECT created_by FROM meetings WHERE id = $1")
                .bind(meeting)
                .fetch_one(&mut *tx)
                .await
                .expect("the meeting's chair");
        let id = store::add_item(&mut tx, meeting, fields, by, chrono::Utc::now())
            .await
            .expect("item added");
        tx.commit().await.expect("committed");
        id
    }

    /// Records an action under `item`, owned by `owner`, due "by the end of next month".
    pub async fn add_action(
        &self,
        item: AgendaItemId,
        chair: &TestAccount,
        description: &str,
        owner: ActionOwner,
    ) -> ActionId {
        let mut tx = self.db.begin_write().await.expect("transaction");
        let row = store::item_in(&mut tx, item)
            .await
            .expect("read")
            .expect("the item");
        let meeting = store::record_in(&mut tx, row.meeting_id)
            .await
            .expect("read")
            .expect("the meeting");
        let fields = ActionFields {
            description,
            owner,
            owner_name: if owner == ActionOwner::Named {
                "A named party"
            } else {
                ""
            },
            due_words: "by the end of next month",
            due: due_window(
                "by the end of next month",
                meeting.starts_at.date_naive(),
                QuarterScheme::Calendar,
            ),
        };
        let id = store::add_action(&mut tx, &row, &fields, chair.id, chrono::Utc::now())
            .await
            .expect("action added");
        tx.commit().await.expect("committed");
        id
    }

    /// Records a decision under `item`.
    pub async fn add_decision(
        &self,
        item: AgendaItemId,
        chair: &TestAccount,
        description: &str,
    ) -> DecisionId {
        let mut tx = self.db.begin_write().await.expect("transaction");
        let row = store::item_in(&mut tx, item)
            .await
            .expect("read")
            .expect("the item");
        let id = store::add_decision(&mut tx, &row, description, chair.id, chrono::Utc::now())
            .await
            .expect("decision added");
        tx.commit().await.expect("committed");
        id
    }

    /// Puts a meeting into a series (made with the meeting's supplier) and moves its start.
    pub async fn put_in_series(&self, meeting: MeetingId, series: MeetingSeriesId, days_ago: i64) {
        let starts_at = chrono::Utc::now() - chrono::Duration::days(days_ago);
        let mut tx = self.db.begin_write().await.expect("transaction");
        sqlx::query("UPDATE meetings SET series_id = $1, starts_at = $2 WHERE id = $3")
            .bind(series)
            .bind(app::db::timestamp::to_db(starts_at))
            .bind(meeting)
            .execute(&mut *tx)
            .await
            .expect("meeting moved");
        tx.commit().await.expect("committed");
    }

    /// A new series of watchdog meetings with `supplier`.
    pub async fn create_series(&self, name: &str, supplier: Option<SupplierId>) -> MeetingSeriesId {
        let mut tx = self.db.begin_write().await.expect("transaction");
        let id = store::create_series(
            &mut tx,
            name,
            MeetingKind::Watchdog,
            supplier,
            chrono::Utc::now(),
        )
        .await
        .expect("series created");
        tx.commit().await.expect("committed");
        id
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

    /// An action's page as `client` may see it.
    pub async fn action(&self, client: &reqwest::Client, action: ActionId) -> Answer<ActionPage> {
        let id = action.0.to_string();
        self.call_fn::<GetAction>(client, &[("action", &id)]).await
    }

    /// The meetings list as `client` sees it, for the list URL's `query`.
    pub async fn meetings(&self, client: &reqwest::Client, query: &str) -> MeetingsList {
        self.call_fn::<GetMeetings>(client, &[("query", query)])
            .await
            .expect("the meetings list")
    }
}

impl TestApp {
    /// Posts a file to the meeting's upload route from `client` as a script would (the answer
    /// is a status, not a redirect); `item` is an agenda item's id, or "" for its papers.
    pub async fn upload(
        &self,
        client: &reqwest::Client,
        meeting: MeetingId,
        item: &str,
        file_name: &str,
        bytes: Vec<u8>,
    ) -> reqwest::Response {
        let part = reqwest::multipart::Part::bytes(bytes).file_name(file_name.to_owned());
        let form = reqwest::multipart::Form::new()
            .text("item", item.to_owned())
            .part("file", part);
        client
            .post(self.url(&format!("/meetings/{}/attachments", meeting.0)))
            .header("origin", &self.address)
            .multipart(form)
            .send()
            .await
            .expect("request sent")
    }
}

impl TestApp {
    /// Attaches `bytes` to the meeting (or `item`) straight in the database, complete.
    pub async fn add_attachment(
        &self,
        meeting: MeetingId,
        item: Option<AgendaItemId>,
        file_name: &str,
        bytes: &[u8],
    ) -> AttachmentId {
        let by: app::domain::ids::AccountId =
            sqlx::query_scalar("SELECT created_by FROM meetings WHERE id = $1")
                .bind(meeting)
                .fetch_one(self.db.reader())
                .await
                .expect("the meeting's chair");
        let kind = app::domain::attachments::kind_of(file_name).expect("a kind taken");
        let new = store::NewAttachment {
            meeting,
            item,
            file_name,
            content_type: kind.content_type,
            by,
        };
        let mut tx = self.db.begin_write().await.expect("transaction");
        let now = chrono::Utc::now();
        let id = store::begin_attachment(&mut tx, &new, now)
            .await
            .expect("begun")
            .expect("the meeting");
        assert!(store::add_chunk(&mut tx, id, 0, bytes, now)
            .await
            .expect("written"));
        let size = i64::try_from(bytes.len()).expect("a size");
        assert!(store::finish_attachment(&mut tx, id, size, "fixture")
            .await
            .expect("finished"));
        tx.commit().await.expect("committed");
        id
    }
}
