//! The server actions of the meeting editor's forms, made once per page and shared by its
//! parts (the meeting's details, attendees, agenda, each item, files).

use leptos::prelude::*;

use crate::meetings::api::{
    AddAgendaItem, AddAttendee, DiscardWorkingCopy, EditAgendaItem, EditMeeting, MoveAgendaItem,
    PublishMeeting, RemoveAgendaItem, RemoveAttachment, RemoveAttendee,
};

use super::{links::LinkActions, outcomes::OutcomeActions};

/// The committee's actions on the editor page.
#[derive(Clone, Copy)]
pub(super) struct EditorActions {
    pub(super) details: ServerAction<EditMeeting>,
    pub(super) publish: ServerAction<PublishMeeting>,
    pub(super) add_attendee: ServerAction<AddAttendee>,
    pub(super) remove_attendee: ServerAction<RemoveAttendee>,
    pub(super) add_item: ServerAction<AddAgendaItem>,
    pub(super) edit_item: ServerAction<EditAgendaItem>,
    pub(super) move_item: ServerAction<MoveAgendaItem>,
    pub(super) remove_item: ServerAction<RemoveAgendaItem>,
    pub(super) discard_copy: ServerAction<DiscardWorkingCopy>,
    pub(super) remove_file: ServerAction<RemoveAttachment>,
    pub(super) links: LinkActions,
    pub(super) outcomes: OutcomeActions,
}

impl EditorActions {
    pub(super) fn new() -> Self {
        EditorActions {
            details: ServerAction::new(),
            publish: ServerAction::new(),
            add_attendee: ServerAction::new(),
            remove_attendee: ServerAction::new(),
            add_item: ServerAction::new(),
            edit_item: ServerAction::new(),
            move_item: ServerAction::new(),
            remove_item: ServerAction::new(),
            discard_copy: ServerAction::new(),
            remove_file: ServerAction::new(),
            links: LinkActions::new(),
            outcomes: OutcomeActions::new(),
        }
    }
}
