//! The access matrix: every server function and every page, called by each kind of caller,
//! against the set of callers allowed. A refusal is 401 (no one signed in), 403 (not for
//! this account), or, for a record another supplier's representative may not see, exactly
//! what a missing record answers (404); anything else means the call got past the check. A
//! server function or page without a row here fails the test, so each new one must declare
//! who may use it.

use std::collections::BTreeSet;

use app::{accounts::types::Role, meetings::types::ActionOwner};
use reqwest::StatusCode;

use crate::helpers::{browser_of, new_client, CommitmentForm, TestApp};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    Anonymous,
    Member,
    /// A representative of the supplier the record belongs to.
    RepOwn,
    /// A representative of another supplier.
    RepOther,
    Chair,
    Admin,
}

use Who::*;

const ALL: [Who; 6] = [Anonymous, Member, RepOwn, RepOther, Chair, Admin];
const EVERYONE: &[Who] = &ALL;
const SIGNED_IN: &[Who] = &[Member, RepOwn, RepOther, Chair, Admin];
const ADMINS: &[Who] = &[Admin];
/// The committee: chairs and administrators.
const CHAIRS: &[Who] = &[Chair, Admin];
const USER_GROUP: &[Who] = &[Member, Chair, Admin];
/// Those who may see the issue of `OWN_SUPPLIER`.
const ISSUE_READERS: &[Who] = &[Member, RepOwn, Chair, Admin];
/// Those who may move it along the workflow.
const ISSUE_MOVERS: &[Who] = &[RepOwn, Chair, Admin];
/// Those who may read `MEETING`, published for members, with `OWN_SUPPLIER`.
const MEETING_READERS: &[Who] = &[Member, RepOwn, Chair, Admin];

/// A watchdog meeting with `OWN_SUPPLIER`, its minutes published for members, with one
/// agenda item (`AGENDA_ITEM`) and one attendee (`ATTENDEE`).
const MEETING: &str = "1";
const AGENDA_ITEM: &str = "1";
const ATTENDEE: &str = "1";
/// An action under `AGENDA_ITEM`, owned by `OWN_SUPPLIER`, and a decision there.
const ACTION: &str = "1";
const DECISION: &str = "1";
/// A file among `MEETING`'s papers (read as far as the meeting is).
const ATTACHMENT: &str = "1";
/// Those who may mark `ACTION` done: the committee and the owning supplier's representatives.
const ACTION_CLOSERS: &[Who] = &[RepOwn, Chair, Admin];
/// A commitment of `OWN_SUPPLIER`, made of `ACTION`.
const COMMITMENT: &str = "1";
/// Those who may read `COMMITMENT`, and those who may re-promise it.
const COMMITMENT_READERS: &[Who] = &[Member, RepOwn, Chair, Admin];
const COMMITMENT_REVISERS: &[Who] = &[RepOwn, Chair, Admin];
/// A release of the own supplier; read and changed by the same people as `COMMITMENT`.
const RELEASE: &str = "1";

/// One server function: its path, a well-formed body (the check must come before any
/// validation, so a body that is then refused as invalid is fine), and who may call it.
struct Call {
    path: &'static str,
    form: &'static [(&'static str, &'static str)],
    allowed: &'static [Who],
}

/// The account every state-changing admin call is aimed at (the member, id 2).
const TARGET: &str = "2";

/// The supplier records belong to (the representative `RepOwn` works for it).
const OWN_SUPPLIER: &str = "1";

/// An issue of `OWN_SUPPLIER`, reported by the chair.
const ISSUE: &str = "1";

/// The chair's comment on `ISSUE` (its second timeline event, after "reported").
const POST: &str = "2";

const CALLS: &[Call] = &[
    Call {
        path: "/api/current_user",
        form: &[],
        allowed: EVERYONE,
    },
    Call {
        path: "/api/instance_info",
        form: &[],
        allowed: EVERYONE,
    },
    Call {
        path: "/api/sign_in",
        form: &[
            ("email", "nobody@example.org"),
            ("password", "not the password"),
        ],
        allowed: EVERYONE,
    },
    Call {
        path: "/api/link",
        form: &[("token", "unknown")],
        allowed: EVERYONE,
    },
    Call {
        path: "/api/link/use",
        form: &[
            ("token", "unknown"),
            ("password", ""),
            ("confirm_password", ""),
        ],
        allowed: EVERYONE,
    },
    Call {
        path: "/api/account",
        form: &[],
        allowed: SIGNED_IN,
    },
    Call {
        path: "/api/account/feeds",
        form: &[],
        allowed: SIGNED_IN,
    },
    Call {
        path: "/api/account/feeds/renew",
        form: &[],
        allowed: SIGNED_IN,
    },
    Call {
        path: "/api/account/name",
        form: &[("display_name", "")],
        allowed: SIGNED_IN,
    },
    Call {
        path: "/api/account/password",
        form: &[
            ("current_password", ""),
            ("new_password", ""),
            ("confirm_password", ""),
        ],
        allowed: SIGNED_IN,
    },
    Call {
        path: "/api/account/end_session",
        form: &[("session", "0")],
        allowed: SIGNED_IN,
    },
    Call {
        path: "/api/inbox",
        form: &[],
        allowed: SIGNED_IN,
    },
    Call {
        path: "/api/inbox/unread",
        form: &[],
        allowed: SIGNED_IN,
    },
    Call {
        path: "/api/inbox/read",
        form: &[("notification", "1")],
        allowed: SIGNED_IN,
    },
    Call {
        path: "/api/inbox/read_all",
        form: &[("up_to", "1")],
        allowed: SIGNED_IN,
    },
    Call {
        path: "/api/account/notifications",
        form: &[],
        allowed: SIGNED_IN,
    },
    Call {
        path: "/api/account/notifications/save",
        form: &[("chase", "off")],
        allowed: SIGNED_IN,
    },
    Call {
        path: "/api/admin/outbox",
        form: &[],
        allowed: ADMINS,
    },
    Call {
        path: "/api/admin/users",
        form: &[],
        allowed: ADMINS,
    },
    Call {
        path: "/api/admin/invite",
        form: &[("email", "not an email"), ("role", "member")],
        allowed: ADMINS,
    },
    Call {
        path: "/api/admin/change_role",
        form: &[("account", TARGET), ("version", "0"), ("role", "member")],
        allowed: ADMINS,
    },
    Call {
        path: "/api/admin/set_active",
        form: &[("account", TARGET), ("version", "0"), ("active", "true")],
        allowed: ADMINS,
    },
    Call {
        path: "/api/admin/reset_password",
        form: &[("account", TARGET)],
        allowed: ADMINS,
    },
    Call {
        path: "/api/admin/revoke_invitation",
        form: &[("link", "1")],
        allowed: ADMINS,
    },
    Call {
        path: "/api/admin/audit",
        form: &[],
        allowed: ADMINS,
    },
    Call {
        path: "/api/admin/settings",
        form: &[],
        allowed: ADMINS,
    },
    Call {
        path: "/api/chases/policy",
        form: &[],
        allowed: CHAIRS,
    },
    Call {
        path: "/api/chases/policy/save",
        form: &[
            ("version", "0"),
            ("chase_first_after_days", "1"),
            ("chase_due_soon_days", "7"),
            ("chase_repeat_days", "14"),
            ("chase_escalate_after", "3"),
            ("chase_issue_days", "14"),
            ("chase_quiet_from", "18:00"),
            ("chase_quiet_until", "08:00"),
            ("chase_skip_weekends", "yes"),
            ("chase_skip_bank_holidays", "yes"),
        ],
        allowed: CHAIRS,
    },
    Call {
        path: "/api/admin/settings/save",
        form: &[
            ("version", "0"),
            ("name", "Watchdog"),
            ("description", ""),
            ("time_zone", "Europe/London"),
            ("quarter_scheme", "calendar"),
        ],
        allowed: ADMINS,
    },
    Call {
        path: "/api/admin/suppliers",
        form: &[],
        allowed: ADMINS,
    },
    Call {
        path: "/api/admin/supplier",
        form: &[("supplier", OWN_SUPPLIER)],
        allowed: ADMINS,
    },
    Call {
        path: "/api/admin/suppliers/add",
        form: &[
            ("name", ""),
            ("slug", ""),
            ("website", ""),
            ("description", ""),
        ],
        allowed: ADMINS,
    },
    Call {
        path: "/api/admin/suppliers/edit",
        form: &[
            ("supplier", OWN_SUPPLIER),
            ("version", "0"),
            ("name", ""),
            ("slug", ""),
            ("website", ""),
            ("description", ""),
        ],
        allowed: ADMINS,
    },
    Call {
        path: "/api/admin/modules/add",
        form: &[
            ("supplier", OWN_SUPPLIER),
            ("name", ""),
            ("slug", ""),
            ("description", ""),
        ],
        allowed: ADMINS,
    },
    Call {
        path: "/api/admin/modules/edit",
        form: &[
            ("supplier", OWN_SUPPLIER),
            ("module", "0"),
            ("version", "0"),
            ("name", ""),
            ("slug", ""),
            ("description", ""),
        ],
        allowed: ADMINS,
    },
    Call {
        path: "/api/issues",
        form: &[("query", "")],
        allowed: SIGNED_IN,
    },
    Call {
        path: "/api/issue",
        form: &[("issue", ISSUE)],
        allowed: ISSUE_READERS,
    },
    Call {
        path: "/api/issues/report_options",
        form: &[],
        allowed: USER_GROUP,
    },
    Call {
        path: "/api/issues/report",
        form: &[("title", ""), ("description", ""), ("supplier", "")],
        allowed: USER_GROUP,
    },
    Call {
        path: "/api/issues/post",
        form: &[("issue", ISSUE), ("body", "")],
        allowed: ISSUE_READERS,
    },
    Call {
        path: "/api/issues/status",
        form: &[("issue", ISSUE), ("version", "0"), ("status", "")],
        allowed: ISSUE_MOVERS,
    },
    // The member did not report the issue, so may not add its log numbers.
    Call {
        path: "/api/issues/log_number",
        form: &[("issue", ISSUE), ("log_number", "")],
        allowed: ISSUE_MOVERS,
    },
    Call {
        path: "/api/issues/log_number/remove",
        form: &[("issue", ISSUE), ("log_number", "")],
        allowed: ISSUE_MOVERS,
    },
    Call {
        path: "/api/issues/affects",
        form: &[("issue", ISSUE), ("affects", "false")],
        allowed: USER_GROUP,
    },
    Call {
        path: "/api/issues/follow",
        form: &[("issue", ISSUE), ("follow", "false")],
        allowed: ISSUE_READERS,
    },
    // An empty target: refused as invalid once past the check, so nothing is merged.
    Call {
        path: "/api/issues/merge",
        form: &[("issue", ISSUE), ("version", "1"), ("into", "")],
        allowed: CHAIRS,
    },
    // Stale versions: refused as out of date once past the check, so nothing changes.
    Call {
        path: "/api/issues/edit",
        form: &[
            ("issue", ISSUE),
            ("version", "0"),
            ("title", ""),
            ("description", ""),
        ],
        allowed: CHAIRS,
    },
    Call {
        path: "/api/issues/post/edit",
        form: &[("post", POST), ("version", "0"), ("body", "Edited")],
        allowed: &[Chair],
    },
    Call {
        path: "/api/issues/post/remove",
        form: &[("post", POST), ("version", "0")],
        allowed: CHAIRS,
    },
    Call {
        path: "/api/meetings",
        form: &[("query", "")],
        allowed: EVERYONE,
    },
    Call {
        path: "/api/meeting",
        form: &[("meeting", MEETING)],
        allowed: MEETING_READERS,
    },
    Call {
        path: "/api/meetings/choices",
        form: &[],
        allowed: CHAIRS,
    },
    Call {
        path: "/api/meetings/schedule",
        form: &[
            ("title", "Watchdog meeting"),
            ("kind", "watchdog"),
            ("series", ""),
            ("new_series", ""),
            ("date", "2026-03-10"),
            ("time", "10:00"),
            ("duration", "90"),
            ("place", ""),
            ("online_link", ""),
            ("supplier", OWN_SUPPLIER),
            ("visibility", "members"),
        ],
        allowed: CHAIRS,
    },
    Call {
        path: "/api/meetings/edit",
        form: &[
            ("meeting", MEETING),
            ("version", "0"),
            ("title", "Watchdog meeting"),
            ("kind", "watchdog"),
            ("series", ""),
            ("new_series", ""),
            ("date", "2026-03-10"),
            ("time", "10:00"),
            ("duration", "90"),
            ("place", ""),
            ("online_link", ""),
            ("supplier", OWN_SUPPLIER),
            ("visibility", "members"),
        ],
        allowed: CHAIRS,
    },
    Call {
        path: "/api/meetings/publish",
        form: &[("meeting", MEETING), ("version", "0")],
        allowed: CHAIRS,
    },
    Call {
        path: "/api/meetings/attendees/add",
        form: &[
            ("meeting", MEETING),
            ("name", "A Guest"),
            ("role", ""),
            ("organisation", ""),
        ],
        allowed: CHAIRS,
    },
    Call {
        path: "/api/meetings/attendees/remove",
        form: &[("meeting", MEETING), ("attendee", ATTENDEE)],
        allowed: CHAIRS,
    },
    Call {
        path: "/api/meetings/items/add",
        form: &[
            ("meeting", MEETING),
            ("heading", "Any other business"),
            ("presenter", ""),
            ("visibility", "members"),
            ("minutes", ""),
        ],
        allowed: CHAIRS,
    },
    Call {
        path: "/api/meetings/items/edit",
        form: &[
            ("item", AGENDA_ITEM),
            ("version", "0"),
            ("heading", "Outage"),
            ("presenter", ""),
            ("visibility", "members"),
            ("minutes", ""),
        ],
        allowed: CHAIRS,
    },
    Call {
        path: "/api/meetings/items/move",
        form: &[("item", AGENDA_ITEM), ("direction", "down")],
        allowed: CHAIRS,
    },
    Call {
        path: "/api/meetings/items/remove",
        form: &[("item", AGENDA_ITEM), ("version", "0")],
        allowed: CHAIRS,
    },
    Call {
        path: "/api/meetings/items/working-copy",
        form: &[
            ("item", AGENDA_ITEM),
            ("version", "1"),
            ("heading", "Outage"),
            ("presenter", ""),
            ("visibility", "members"),
            ("minutes", "Notes."),
        ],
        allowed: CHAIRS,
    },
    Call {
        path: "/api/meetings/working-copies",
        form: &[("meeting", MEETING)],
        allowed: CHAIRS,
    },
    Call {
        path: "/api/meetings/items/working-copy/discard",
        form: &[("item", AGENDA_ITEM)],
        allowed: CHAIRS,
    },
    Call {
        path: "/api/meetings/items/find-issues",
        form: &[("text", "outage")],
        allowed: CHAIRS,
    },
    Call {
        path: "/api/meetings/items/link-issue",
        form: &[("item", AGENDA_ITEM), ("issue", ISSUE)],
        allowed: CHAIRS,
    },
    Call {
        path: "/api/meetings/items/unlink-issue",
        form: &[("item", AGENDA_ITEM), ("issue", ISSUE)],
        allowed: CHAIRS,
    },
    Call {
        path: "/api/meetings/attachments/remove",
        form: &[("attachment", ATTACHMENT)],
        allowed: CHAIRS,
    },
    Call {
        path: "/api/meetings/import",
        form: &[("meeting", MEETING)],
        allowed: CHAIRS,
    },
    Call {
        path: "/api/meetings/import/propose",
        form: &[("meeting", MEETING), ("text", "## Outage\n\nDown.")],
        allowed: CHAIRS,
    },
    Call {
        path: "/api/meetings/import/add",
        form: &[("meeting", MEETING), ("text", "## Outage\n\nDown.")],
        allowed: CHAIRS,
    },
    Call {
        path: "/api/meetings/import/discard",
        form: &[("meeting", MEETING)],
        allowed: CHAIRS,
    },
    Call {
        path: "/api/meetings/items/revisions",
        form: &[("item", AGENDA_ITEM)],
        allowed: CHAIRS,
    },
    Call {
        path: "/api/action",
        form: &[("action", ACTION)],
        allowed: MEETING_READERS,
    },
    Call {
        path: "/api/meetings/actions/add",
        form: &[
            ("item", AGENDA_ITEM),
            ("description", "Send the figures"),
            ("owner", "supplier"),
            ("owner_name", ""),
            ("due", "next week"),
        ],
        allowed: CHAIRS,
    },
    Call {
        path: "/api/meetings/actions/edit",
        form: &[
            ("action", ACTION),
            ("version", "0"),
            ("description", "Send the figures"),
            ("owner", "supplier"),
            ("owner_name", ""),
            ("due", "next week"),
        ],
        allowed: CHAIRS,
    },
    Call {
        path: "/api/actions/done",
        form: &[("action", ACTION), ("version", "0"), ("note", "")],
        allowed: ACTION_CLOSERS,
    },
    Call {
        path: "/api/actions/reopen",
        form: &[("action", ACTION), ("version", "0")],
        allowed: CHAIRS,
    },
    Call {
        path: "/api/meetings/actions/remove",
        form: &[("action", ACTION), ("version", "0")],
        allowed: CHAIRS,
    },
    Call {
        path: "/api/meetings/decisions/add",
        form: &[("item", AGENDA_ITEM), ("description", "Withdrawn")],
        allowed: CHAIRS,
    },
    Call {
        path: "/api/meetings/decisions/edit",
        form: &[
            ("decision", DECISION),
            ("version", "0"),
            ("description", "Withdrawn"),
        ],
        allowed: CHAIRS,
    },
    Call {
        path: "/api/meetings/decisions/remove",
        form: &[("decision", DECISION), ("version", "0")],
        allowed: CHAIRS,
    },
    Call {
        path: "/api/commitment",
        form: &[("commitment", COMMITMENT)],
        allowed: COMMITMENT_READERS,
    },
    Call {
        path: "/api/commitments",
        form: &[("query", "rating=overdue")],
        allowed: SIGNED_IN,
    },
    Call {
        path: "/api/commitments/roadmap",
        form: &[("query", "supplier=1")],
        allowed: SIGNED_IN,
    },
    Call {
        path: "/api/commitments/scorecard",
        form: &[("query", "by=quarter")],
        allowed: SIGNED_IN,
    },
    Call {
        path: "/api/commitments/since",
        form: &[("query", "")],
        allowed: SIGNED_IN,
    },
    Call {
        path: "/api/releases",
        form: &[],
        allowed: SIGNED_IN,
    },
    Call {
        path: "/api/release",
        form: &[("release", RELEASE)],
        allowed: COMMITMENT_READERS,
    },
    Call {
        path: "/api/releases/add",
        form: &[
            ("supplier", OWN_SUPPLIER),
            ("name", "9.9.9"),
            ("status", "planned"),
            ("words", "Q4 2030"),
            ("released_on", ""),
        ],
        allowed: COMMITMENT_REVISERS,
    },
    Call {
        path: "/api/releases/edit",
        form: &[
            ("release", RELEASE),
            ("version", "0"),
            ("name", "5.2.0"),
            ("status", "planned"),
            ("words", ""),
            ("released_on", ""),
        ],
        allowed: COMMITMENT_REVISERS,
    },
    Call {
        path: "/api/commitments/attention",
        form: &[],
        allowed: EVERYONE,
    },
    Call {
        path: "/api/commitments/form",
        form: &[("action", ACTION)],
        allowed: CHAIRS,
    },
    Call {
        path: "/api/commitments/add",
        form: &[
            ("title", "Weekly outage reports"),
            ("supplier", OWN_SUPPLIER),
            ("module", ""),
            ("description", ""),
            ("words", "next month"),
            ("said_on", ""),
            ("committee_owner", ""),
            ("supplier_owner", ""),
            ("supplier_owner_name", ""),
        ],
        allowed: CHAIRS,
    },
    Call {
        path: "/api/commitments/revise",
        form: &[
            ("commitment", COMMITMENT),
            ("version", "0"),
            ("status", "piloting"),
            ("words", ""),
            ("said_on", ""),
            ("reason", ""),
            ("note", ""),
            ("evidence_url", ""),
        ],
        allowed: COMMITMENT_REVISERS,
    },
    Call {
        path: "/api/commitments/details",
        form: &[("commitment", COMMITMENT)],
        allowed: CHAIRS,
    },
    Call {
        path: "/api/commitments/edit",
        form: &[
            ("commitment", COMMITMENT),
            ("version", "0"),
            ("title", "Weekly outage reports"),
            ("module", ""),
            ("description", ""),
            ("committee_owner", ""),
            ("supplier_owner", ""),
            ("supplier_owner_name", ""),
        ],
        allowed: CHAIRS,
    },
    Call {
        path: "/api/commitments/issues/link",
        form: &[("commitment", COMMITMENT), ("issue", ISSUE)],
        allowed: COMMITMENT_REVISERS,
    },
    // Unlinks what the call above linked: the first caller allowed unlinks it, the others
    // find it gone (404, once past the check).
    Call {
        path: "/api/commitments/issues/unlink",
        form: &[("commitment", COMMITMENT), ("issue", ISSUE)],
        allowed: COMMITMENT_REVISERS,
    },
    Call {
        path: "/api/markdown/preview",
        form: &[("text", "*hello*")],
        allowed: SIGNED_IN,
    },
    // Last: it ends the caller's session.
    Call {
        path: "/api/sign_out",
        form: &[],
        allowed: EVERYONE,
    },
];

/// Every page: its route, a path it answers, and who may see it.
const PAGES: &[(&str, &str, &[Who])] = &[
    ("/", "/", EVERYONE),
    ("/sign-in", "/sign-in", EVERYONE),
    ("/join/{token}", "/join/unknown", EVERYONE),
    ("/reset/{token}", "/reset/unknown", EVERYONE),
    ("/account", "/account", SIGNED_IN),
    ("/inbox", "/inbox", SIGNED_IN),
    (
        "/account/notifications",
        "/account/notifications",
        SIGNED_IN,
    ),
    ("/admin/outbox", "/admin/outbox", ADMINS),
    ("/admin/users", "/admin/users", ADMINS),
    ("/admin/audit", "/admin/audit", ADMINS),
    ("/admin/settings", "/admin/settings", ADMINS),
    ("/chases/policy", "/chases/policy", CHAIRS),
    ("/admin/suppliers", "/admin/suppliers", ADMINS),
    ("/admin/suppliers/{id}", "/admin/suppliers/1", ADMINS),
    ("/issues", "/issues", SIGNED_IN),
    ("/issues/new", "/issues/new", USER_GROUP),
    ("/issues/{number}", "/issues/1", ISSUE_READERS),
    ("/meetings", "/meetings", EVERYONE),
    ("/meetings/new", "/meetings/new", CHAIRS),
    ("/meetings/{id}", "/meetings/1", MEETING_READERS),
    ("/meetings/{id}/edit", "/meetings/1/edit", CHAIRS),
    ("/actions/{id}", "/actions/1", MEETING_READERS),
    ("/commitments", "/commitments", SIGNED_IN),
    ("/commitments/new", "/commitments/new?action=1", CHAIRS),
    ("/commitments/roadmap", "/commitments/roadmap", SIGNED_IN),
    (
        "/commitments/scorecard",
        "/commitments/scorecard",
        SIGNED_IN,
    ),
    ("/commitments/since", "/commitments/since", SIGNED_IN),
    ("/commitments/{id}", "/commitments/1", COMMITMENT_READERS),
    ("/commitments/{id}/edit", "/commitments/1/edit", CHAIRS),
    ("/releases", "/releases", SIGNED_IN),
    ("/releases/{id}", "/releases/1", COMMITMENT_READERS),
    ("/meetings/{id}/import", "/meetings/1/import", CHAIRS),
    ("/meetings/{id}/print", "/meetings/1/print", MEETING_READERS),
    (
        "/meetings/{id}/items/{item}/revisions",
        "/meetings/1/items/1/revisions",
        CHAIRS,
    ),
];

/// Signs in one client per kind of caller (and leaves the anonymous one signed out).
async fn callers(app: &TestApp) -> Vec<(Who, reqwest::Client)> {
    let own = app.create_supplier("Own Supplier").await;
    assert_eq!(own.0.to_string(), OWN_SUPPLIER);
    let other = app.create_supplier("Other Supplier").await;
    let admin = app.create_account(Role::Admin, "admin@example.org").await;
    let member = app.create_account(Role::Member, "member@example.org").await;
    assert_eq!(member.id.0.to_string(), TARGET);
    let chair = app.create_account(Role::Chair, "chair@example.org").await;
    let issue = app
        .create_issue(own, &chair, "Blank screen on opening a record")
        .await;
    assert_eq!(issue.0.to_string(), ISSUE);
    app.create_comment(issue, &chair, "Seen here too.").await;
    let meeting = app.create_meeting(&chair, Some(own), "members").await;
    assert_eq!(meeting.0.to_string(), MEETING);
    let item = app.add_agenda_item(meeting, "An outage", "members").await;
    let action = app
        .add_action(
            item,
            &chair,
            "Report on the outage",
            ActionOwner::Supplier(own),
        )
        .await;
    assert_eq!(action.0.to_string(), ACTION);
    let decision = app.add_decision(item, &chair, "Weekly updates").await;
    assert_eq!(decision.0.to_string(), DECISION);
    app.add_attendee(meeting, "A Chair").await;
    let attachment = app
        .add_attachment(meeting, None, "papers.pdf", b"%PDF-1.4\n%%EOF\n")
        .await;
    assert_eq!(attachment.0.to_string(), ATTACHMENT);
    let accounts = [
        (Member, member),
        (RepOwn, app.create_rep(own, "rep@own.example.org").await),
        (
            RepOther,
            app.create_rep(other, "rep@other.example.org").await,
        ),
        (Chair, chair),
        (Admin, admin),
    ];
    let mut callers = vec![(Anonymous, new_client())];
    for (who, account) in accounts {
        callers.push((who, browser_of(app, &account).await));
    }
    let chair = &callers
        .iter()
        .find(|(who, _)| *who == Chair)
        .expect("a chair")
        .1;
    let commitment = app
        .add_commitment(
            chair,
            CommitmentForm {
                title: "Report on the outage",
                supplier: OWN_SUPPLIER.to_owned(),
                words: "next month",
                action: Some(ACTION.to_owned()),
                ..CommitmentForm::default()
            },
        )
        .await
        .expect("a commitment");
    assert_eq!(commitment.0.to_string(), COMMITMENT);
    let release = app
        .add_release(chair, app::domain::ids::SupplierId(1), "5.2.0", "Q3 2030")
        .await
        .expect("a release");
    assert_eq!(release.0.to_string(), RELEASE);
    callers
}

fn refused(status: StatusCode) -> bool {
    status == StatusCode::UNAUTHORIZED || status == StatusCode::FORBIDDEN
}

/// The names of the arguments that name a stored record.
const RECORD_ARGUMENTS: [&str; 15] = [
    "issue",
    "post",
    "account",
    "supplier",
    "module",
    "link",
    "meeting",
    "item",
    "attendee",
    "action",
    "decision",
    "attachment",
    "commitment",
    "release",
    "notification",
];

/// Whether the call names a stored record (reporting an issue names a supplier too, but as
/// a choice in its form, refused by that field like any other).
fn names_a_record(call: &Call) -> bool {
    call.path != "/api/issues/report"
        && call.path != "/api/meetings/schedule"
        && call.path != "/api/commitments/add"
        && call.path != "/api/releases/add"
        && call
            .form
            .iter()
            .any(|(name, _)| RECORD_ARGUMENTS.contains(name))
}

/// The call's form with every record it names replaced by one that does not exist.
fn naming_missing_records(call: &Call) -> Vec<(&'static str, &'static str)> {
    call.form
        .iter()
        .map(|(name, value)| {
            if RECORD_ARGUMENTS.contains(name) {
                (*name, "987654")
            } else {
                (*name, *value)
            }
        })
        .collect()
}

#[tokio::test]
async fn every_server_function_is_open_exactly_to_those_allowed() {
    let app =
        TestApp::spawn_with(|config| config.sign_in_attempts_per_minute_per_address = 1000).await;
    let callers = callers(&app).await;

    let mut wrong = Vec::new();
    for call in CALLS {
        for (who, client) in &callers {
            let status = app.call_with(client, call.path, call.form).await.status();
            let allowed = call.allowed.contains(who);
            let hidden = *who == RepOther && !allowed && status == StatusCode::NOT_FOUND;
            if (refused(status) || hidden) == allowed || status.is_server_error() {
                wrong.push(format!("{} as {who:?}: {status}", call.path));
            }
            if !allowed && *who == RepOther && names_a_record(call) {
                // Another supplier's record answers exactly as a missing one.
                let missing = naming_missing_records(call);
                let status_if_missing = app.call_with(client, call.path, &missing).await.status();
                if status != status_if_missing {
                    wrong.push(format!(
                        "{} as {who:?}: {status}, but {status_if_missing} for a missing record",
                        call.path
                    ));
                }
            } else if !allowed {
                let expected = if *who == Anonymous {
                    StatusCode::UNAUTHORIZED
                } else {
                    StatusCode::FORBIDDEN
                };
                if status != expected {
                    wrong.push(format!(
                        "{} as {who:?}: {status}, not {expected}",
                        call.path
                    ));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "unexpected answers:\n{}",
        wrong.join("\n")
    );
}

/// Every server function that names a record, called the way the app's own client calls it
/// by someone allowed to, with records that do not exist: each answers 404, with the app's
/// own message and nothing else.
#[tokio::test]
async fn every_server_function_answers_404_for_a_missing_record() {
    let app =
        TestApp::spawn_with(|config| config.sign_in_attempts_per_minute_per_address = 1000).await;
    let callers = callers(&app).await;

    let mut wrong = Vec::new();
    let mut tried = 0;
    for call in CALLS.iter().filter(|call| names_a_record(call)) {
        let Some((who, client)) = [Chair, Admin, RepOwn, Member]
            .into_iter()
            .filter(|who| call.allowed.contains(who))
            .find_map(|who| callers.iter().find(|(caller, _)| *caller == who))
        else {
            wrong.push(format!("{}: no caller is allowed", call.path));
            continue;
        };
        tried += 1;
        let response = app
            .call_with(client, call.path, &naming_missing_records(call))
            .await;
        let status = response.status();
        let body = response.text().await.expect("body");
        if status != StatusCode::NOT_FOUND || !body.contains("NotFound") {
            wrong.push(format!("{} as {who:?}: {status} {body}", call.path));
        }
    }
    assert!(tried >= 15, "only {tried} server functions name a record");
    assert!(
        wrong.is_empty(),
        "answers other than 404:\n{}",
        wrong.join("\n")
    );
}

/// An argument that cannot be read as what the function takes is bad input (400), told
/// without the parser's own words.
#[tokio::test]
async fn an_unreadable_argument_answers_400_without_the_parsers_words() {
    let app = TestApp::spawn().await;
    let chair = app.create_account(Role::Chair, "chair@example.org").await;
    let chair = browser_of(&app, &chair).await;
    for (path, form) in [
        ("/api/issue", &[("issue", "not-a-number")][..]),
        ("/api/issues/post", &[("body", "No issue named")][..]),
        (
            "/api/issues/affects",
            &[("issue", "1"), ("affects", "perhaps")][..],
        ),
    ] {
        let response = app.call_with(&chair, path, form).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{path}");
        let body = response.text().await.expect("body");
        assert!(body.contains("BadRequest"), "{path}: {body}");
        for parser_words in ["invalid digit", "missing field", "expected", "serde"] {
            assert!(!body.contains(parser_words), "{path}: {body}");
        }
    }
}

#[tokio::test]
async fn every_page_is_shown_exactly_to_those_allowed() {
    let app =
        TestApp::spawn_with(|config| config.sign_in_attempts_per_minute_per_address = 1000).await;
    let callers = callers(&app).await;

    let mut wrong = Vec::new();
    for (_, path, allowed) in PAGES {
        for (who, client) in &callers {
            let response = client.get(app.url(path)).send().await.expect("page");
            let status = response.status();
            let body = response.text().await.expect("body");
            let allowed = allowed.contains(who);
            let hidden = *who == RepOther && !allowed && status == StatusCode::NOT_FOUND;
            if (refused(status) || hidden) == allowed || status.is_server_error() {
                wrong.push(format!("{path} as {who:?}: {status}"));
            }
            let says_why = body.contains("Please sign in")
                || body.contains("Not available")
                || (*who == RepOther && body.contains("Page not found"));
            if !allowed && !says_why {
                wrong.push(format!("{path} as {who:?}: refused without saying why"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "unexpected answers:\n{}",
        wrong.join("\n")
    );
}

/// Routes of the server's own that are not pages (their answers are plain text, not a
/// page that says why): a path each answers, and who may read it.
const FILES: &[(&str, &[Who])] = &[("/attachments/1/papers.pdf", MEETING_READERS)];

#[tokio::test]
async fn every_file_is_served_exactly_to_those_allowed() {
    let app =
        TestApp::spawn_with(|config| config.sign_in_attempts_per_minute_per_address = 1000).await;
    let callers = callers(&app).await;

    let mut wrong = Vec::new();
    for (path, allowed) in FILES {
        for (who, client) in &callers {
            let status = client
                .get(app.url(path))
                .send()
                .await
                .expect("file")
                .status();
            let expected = match (allowed.contains(who), who) {
                (true, _) => StatusCode::OK,
                (false, Anonymous) => StatusCode::UNAUTHORIZED,
                // A file someone may not read answers exactly as a missing one.
                (false, _) => StatusCode::NOT_FOUND,
            };
            if status != expected {
                wrong.push(format!("{path} as {who:?}: {status}, not {expected}"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "unexpected answers:\n{}",
        wrong.join("\n")
    );
}

#[tokio::test]
async fn every_server_function_and_page_has_a_row_in_the_matrix() {
    let registered: BTreeSet<&str> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path)
        .collect();
    let listed: BTreeSet<&str> = CALLS.iter().map(|call| call.path).collect();
    let missing: Vec<_> = registered.difference(&listed).collect();
    let stale: Vec<_> = listed.difference(&registered).collect();
    assert!(
        missing.is_empty(),
        "server functions without a matrix row: {missing:?}"
    );
    assert!(
        stale.is_empty(),
        "matrix rows for no server function: {stale:?}"
    );

    let routes: BTreeSet<String> = watchdog::startup::route_list()
        .iter()
        .map(|route| route.path().to_owned())
        .collect();
    let pages: BTreeSet<String> = PAGES
        .iter()
        .map(|(route, ..)| (*route).to_owned())
        .collect();
    let unlisted: Vec<_> = routes.difference(&pages).collect();
    assert!(
        unlisted.is_empty(),
        "pages without a matrix row: {unlisted:?}"
    );
}
