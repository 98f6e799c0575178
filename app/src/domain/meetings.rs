//! The rules of meetings and their minutes: what kinds there are, who may see a meeting and
//! each item on its agenda, and the minutes' workflow. A meeting (when, where, who came) is
//! seen by its visibility's audience from the moment it is scheduled; its minutes only once
//! published (before that, by the committee alone). The Rust check and the SQL condition
//! of the meetings list both come from `Audience`, so the two cannot disagree.

use serde::{Deserialize, Serialize};

use crate::domain::{
    ids::{AccountId, SupplierId},
    people::{CurrentUser, Role},
    permissions::{allows, Permission},
};

/// What sort of meeting it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeetingKind {
    /// The user group's committee with the supplier: the meetings Watchdog exists for.
    Watchdog,
    /// The committee on its own.
    Committee,
    /// The user group's annual general meeting.
    Agm,
    Other,
}

impl MeetingKind {
    pub const ALL: [MeetingKind; 4] = [
        MeetingKind::Watchdog,
        MeetingKind::Committee,
        MeetingKind::Agm,
        MeetingKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            MeetingKind::Watchdog => "watchdog",
            MeetingKind::Committee => "committee",
            MeetingKind::Agm => "agm",
            MeetingKind::Other => "other",
        }
    }

    pub fn parse(text: &str) -> Option<MeetingKind> {
        MeetingKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == text)
    }

    pub fn label(self) -> &'static str {
        match self {
            MeetingKind::Watchdog => "Watchdog meeting",
            MeetingKind::Committee => "Committee meeting",
            MeetingKind::Agm => "Annual general meeting",
            MeetingKind::Other => "Other meeting",
        }
    }

    /// The meeting in a sentence: "discussed at the watchdog meeting of 15 June 2023".
    pub fn in_a_sentence(self) -> &'static str {
        match self {
            MeetingKind::Watchdog => "the watchdog meeting",
            MeetingKind::Committee => "the committee meeting",
            MeetingKind::Agm => "the annual general meeting",
            MeetingKind::Other => "the meeting",
        }
    }
}

/// Who may read a meeting or an item of its agenda, from the widest to the narrowest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Visibility {
    /// Anyone, signed in or not.
    Public,
    /// Every signed-in account; a supplier's representatives only for meetings with their
    /// own supplier.
    Members,
    /// Chairs and administrators.
    Committee,
}

impl Visibility {
    pub const ALL: [Visibility; 3] = [
        Visibility::Public,
        Visibility::Members,
        Visibility::Committee,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Visibility::Public => "public",
            Visibility::Members => "members",
            Visibility::Committee => "committee",
        }
    }

    pub fn parse(text: &str) -> Option<Visibility> {
        Visibility::ALL
            .into_iter()
            .find(|visibility| visibility.as_str() == text)
    }

    pub fn label(self) -> &'static str {
        match self {
            Visibility::Public => "Public: anyone, signed in or not",
            Visibility::Members => {
                "Members: everyone signed in (the supplier's own representatives)"
            }
            Visibility::Committee => "Committee: chairs and administrators only",
        }
    }

    /// The narrower of two: an agenda item is never seen more widely than its meeting.
    pub fn narrower(self, other: Visibility) -> Visibility {
        self.max(other)
    }
}

/// Where a meeting's minutes stand: a draft only the committee sees, or published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MinutesStatus {
    Draft,
    Published,
}

impl MinutesStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            MinutesStatus::Draft => "draft",
            MinutesStatus::Published => "published",
        }
    }

    pub fn parse(text: &str) -> Option<MinutesStatus> {
        [MinutesStatus::Draft, MinutesStatus::Published]
            .into_iter()
            .find(|status| status.as_str() == text)
    }
}

/// Where an action agreed at a meeting stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionStatus {
    Open,
    Done,
}

impl ActionStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ActionStatus::Open => "open",
            ActionStatus::Done => "done",
        }
    }

    pub fn parse(text: &str) -> Option<ActionStatus> {
        [ActionStatus::Open, ActionStatus::Done]
            .into_iter()
            .find(|status| status.as_str() == text)
    }

    pub fn label(self) -> &'static str {
        match self {
            ActionStatus::Open => "Open",
            ActionStatus::Done => "Done",
        }
    }
}

/// Who is to carry out an action: someone with an account, the meeting's supplier (whose
/// actions are the ones later promoted to commitments and chased), or a party only named.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ActionOwner {
    Account(AccountId),
    Supplier(SupplierId),
    Named,
}

impl ActionOwner {
    /// The owner as stored: an account, a supplier, or neither (a named party).
    pub fn from_columns(account: Option<AccountId>, supplier: Option<SupplierId>) -> ActionOwner {
        match (account, supplier) {
            (Some(account), _) => ActionOwner::Account(account),
            (None, Some(supplier)) => ActionOwner::Supplier(supplier),
            (None, None) => ActionOwner::Named,
        }
    }

    pub fn account(self) -> Option<AccountId> {
        match self {
            ActionOwner::Account(account) => Some(account),
            _ => None,
        }
    }

    pub fn supplier(self) -> Option<SupplierId> {
        match self {
            ActionOwner::Supplier(supplier) => Some(supplier),
            _ => None,
        }
    }
}

/// Whom a meeting is being shown to. Every "may they see it" about meetings is answered here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// No one signed in.
    Public,
    /// A member of the user group.
    Member,
    /// A supplier's representative (of no supplier, if their account names none).
    Representative(Option<SupplierId>),
    /// Chairs and administrators: every meeting and item, drafts too.
    Committee,
}

impl Audience {
    pub fn of(viewer: Option<&CurrentUser>) -> Audience {
        match viewer {
            None => Audience::Public,
            Some(viewer) if allows(viewer.role, Permission::ManageMeetings) => Audience::Committee,
            Some(viewer) if viewer.role == Role::SupplierRep => {
                Audience::Representative(viewer.supplier)
            }
            Some(_) => Audience::Member,
        }
    }

    /// Whether this audience reads what is shown at `level` in a meeting with `supplier`.
    pub fn reaches(self, level: Visibility, supplier: Option<SupplierId>) -> bool {
        match (self, level) {
            (Audience::Committee, _) | (_, Visibility::Public) => true,
            (Audience::Member, Visibility::Members) => true,
            (Audience::Representative(own), Visibility::Members) => {
                own.is_some() && own == supplier
            }
            _ => false,
        }
    }

    /// Whether this audience may see a meeting of this visibility (with `supplier`) at all.
    pub fn may_see(self, visibility: Visibility, supplier: Option<SupplierId>) -> bool {
        self.reaches(visibility, supplier)
    }

    /// Whether this audience reads a meeting's minutes yet: the committee always, everyone
    /// else once they are published.
    pub fn reads_minutes(self, status: MinutesStatus) -> bool {
        status == MinutesStatus::Published || self == Audience::Committee
    }

    /// Whether this audience sees an agenda item shown at `item` in a meeting it may see.
    pub fn sees_item(
        self,
        status: MinutesStatus,
        meeting: Visibility,
        item: Visibility,
        supplier: Option<SupplierId>,
    ) -> bool {
        self.reads_minutes(status) && self.reaches(meeting.narrower(item), supplier)
    }

    /// Whether this audience may read a file attached to a meeting it may see: one of an
    /// agenda item (shown at `item`) as it reads the item; the meeting's own papers as it
    /// sees the meeting, before its minutes are published too.
    pub fn sees_attachment(
        self,
        status: MinutesStatus,
        meeting: Visibility,
        item: Option<Visibility>,
        supplier: Option<SupplierId>,
    ) -> bool {
        match item {
            Some(item) => self.sees_item(status, meeting, item, supplier),
            None => self.may_see(meeting, supplier),
        }
    }

    /// The SQL condition on the meetings table aliased `m` that holds exactly for the
    /// meetings `may_see` allows: `None` when every meeting is; `supplier` binds a
    /// supplier's id and gives its placeholder.
    pub fn condition(self, m: &str, supplier: impl FnOnce(SupplierId) -> String) -> Option<String> {
        self.level_condition(
            &format!("{m}.visibility"),
            &format!("{m}.supplier_id"),
            supplier,
        )
    }

    /// The SQL condition that what is shown at the level in column `visibility`, in a meeting
    /// whose supplier is in column `meeting_supplier`, is one this audience `reaches`: with
    /// `condition` on its meeting, an agenda item's `i.visibility` gives `sees_item` (its
    /// minutes aside).
    pub fn level_condition(
        self,
        visibility: &str,
        meeting_supplier: &str,
        supplier: impl FnOnce(SupplierId) -> String,
    ) -> Option<String> {
        match self {
            Audience::Committee => None,
            Audience::Public | Audience::Representative(None) => {
                Some(format!("{visibility} = 'public'"))
            }
            Audience::Member => Some(format!("{visibility} IN ('public', 'members')")),
            Audience::Representative(Some(own)) => Some(format!(
                "({visibility} = 'public' \
                 OR ({visibility} = 'members' AND {meeting_supplier} = {}))",
                supplier(own)
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(role: Role, supplier: Option<SupplierId>) -> CurrentUser {
        CurrentUser {
            id: AccountId(1),
            display_name: "Someone".to_owned(),
            role,
            supplier,
        }
    }

    const OWN: Option<SupplierId> = Some(SupplierId(1));
    const OTHER: Option<SupplierId> = Some(SupplierId(2));

    fn audiences() -> [(&'static str, Audience); 6] {
        [
            ("visitor", Audience::of(None)),
            ("member", Audience::of(Some(&person(Role::Member, None)))),
            (
                "own rep",
                Audience::of(Some(&person(Role::SupplierRep, OWN))),
            ),
            (
                "other rep",
                Audience::of(Some(&person(Role::SupplierRep, OTHER))),
            ),
            ("chair", Audience::of(Some(&person(Role::Chair, None)))),
            ("admin", Audience::of(Some(&person(Role::Admin, None)))),
        ]
    }

    fn who_sees(visibility: Visibility) -> Vec<&'static str> {
        audiences()
            .into_iter()
            .filter(|(_, audience)| audience.may_see(visibility, OWN))
            .map(|(name, _)| name)
            .collect()
    }

    #[test]
    fn an_items_file_is_read_as_the_item_and_the_meetings_papers_as_the_meeting() {
        let readers = |status, item| {
            audiences()
                .into_iter()
                .filter(|(_, audience)| {
                    audience.sees_attachment(status, Visibility::Members, item, OWN)
                })
                .map(|(name, _)| name)
                .collect::<Vec<_>>()
        };
        let members = ["member", "own rep", "chair", "admin"];
        assert_eq!(readers(MinutesStatus::Draft, None), members);
        assert_eq!(readers(MinutesStatus::Published, None), members);
        assert_eq!(
            readers(MinutesStatus::Draft, Some(Visibility::Members)),
            ["chair", "admin"]
        );
        assert_eq!(
            readers(MinutesStatus::Published, Some(Visibility::Public)),
            members
        );
        assert_eq!(
            readers(MinutesStatus::Published, Some(Visibility::Committee)),
            ["chair", "admin"]
        );
    }

    #[test]
    fn a_meeting_reaches_as_far_as_its_visibility() {
        assert_eq!(
            who_sees(Visibility::Public),
            [
                "visitor",
                "member",
                "own rep",
                "other rep",
                "chair",
                "admin"
            ]
        );
        assert_eq!(
            who_sees(Visibility::Members),
            ["member", "own rep", "chair", "admin"]
        );
        assert_eq!(who_sees(Visibility::Committee), ["chair", "admin"]);
    }

    #[test]
    fn draft_minutes_are_the_committees_alone() {
        for (name, audience) in audiences() {
            let committee = name == "chair" || name == "admin";
            assert_eq!(
                audience.reads_minutes(MinutesStatus::Draft),
                committee,
                "{name}"
            );
            assert!(audience.reads_minutes(MinutesStatus::Published), "{name}");
            assert_eq!(
                audience.sees_item(
                    MinutesStatus::Draft,
                    Visibility::Public,
                    Visibility::Public,
                    OWN
                ),
                committee,
                "{name}"
            );
        }
    }

    #[test]
    fn a_representative_of_no_supplier_sees_public_meetings_only() {
        let audience = Audience::of(Some(&person(Role::SupplierRep, None)));
        assert!(audience.may_see(Visibility::Public, OWN));
        assert!(!audience.may_see(Visibility::Members, None));
    }

    #[test]
    fn an_item_is_never_seen_more_widely_than_its_meeting() {
        let published = MinutesStatus::Published;
        let member = Audience::Member;
        assert!(member.sees_item(published, Visibility::Members, Visibility::Public, OWN));
        assert!(!member.sees_item(published, Visibility::Public, Visibility::Committee, OWN));
        assert!(!Audience::Public.sees_item(
            published,
            Visibility::Public,
            Visibility::Members,
            OWN
        ));
        assert!(Audience::Committee.sees_item(
            published,
            Visibility::Public,
            Visibility::Committee,
            OWN
        ));
        let other_rep = Audience::Representative(OTHER);
        assert!(!other_rep.sees_item(published, Visibility::Public, Visibility::Members, OWN));
    }

    #[test]
    fn the_sql_condition_follows_the_same_rule() {
        let bind = |supplier: SupplierId| format!("${}", supplier.0);
        assert_eq!(Audience::Committee.condition("m", bind), None);
        assert_eq!(
            Audience::Public.condition("m", bind).as_deref(),
            Some("m.visibility = 'public'")
        );
        assert_eq!(
            Audience::Representative(None).condition("m", bind),
            Audience::Public.condition("m", bind)
        );
        let member = Audience::Member.condition("m", bind).expect("a condition");
        assert!(member.contains("'public', 'members'"), "{member}");
        let rep = Audience::Representative(OWN)
            .condition("b", bind)
            .expect("a condition");
        assert!(rep.contains("b.supplier_id = $1"), "{rep}");
    }

    #[test]
    fn kinds_and_visibilities_read_back_what_they_store() {
        for kind in MeetingKind::ALL {
            assert_eq!(MeetingKind::parse(kind.as_str()), Some(kind));
        }
        for visibility in Visibility::ALL {
            assert_eq!(Visibility::parse(visibility.as_str()), Some(visibility));
        }
        assert_eq!(
            MinutesStatus::parse("published"),
            Some(MinutesStatus::Published)
        );
        assert_eq!(MeetingKind::parse("party"), None);
    }

    #[test]
    fn an_action_owner_reads_back_from_its_columns() {
        let owners = [
            ActionOwner::Account(AccountId(4)),
            ActionOwner::Supplier(SupplierId(2)),
            ActionOwner::Named,
        ];
        for owner in owners {
            assert_eq!(
                ActionOwner::from_columns(owner.account(), owner.supplier()),
                owner
            );
        }
        for status in [ActionStatus::Open, ActionStatus::Done] {
            assert_eq!(ActionStatus::parse(status.as_str()), Some(status));
        }
    }
}
