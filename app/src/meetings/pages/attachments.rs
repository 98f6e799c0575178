//! Files attached to a meeting and its agenda items: the lists its readers see, and for the
//! committee the upload form (posted natively as `multipart/form-data` to the server's upload
//! route, which streams it into the database) and a way to remove a file.

use leptos::{either::Either, prelude::*};

use crate::{
    domain::attachments::{KINDS, KINDS_IN_WORDS},
    meetings::{
        api::RemoveAttachment,
        types::{AgendaItemId, AgendaItemView, AttachmentLimit, AttachmentView, MeetingId},
    },
    ui::forms::{action_failure, FormMessage},
};

/// A list of files, each a link with its size; pictures say how the minutes may show them.
#[component]
pub fn AttachmentList(
    files: Vec<AttachmentView>,
    /// The committee also sees how to show a picture in the minutes, and a remove button.
    #[prop(optional)]
    remove: Option<ServerAction<RemoveAttachment>>,
) -> impl IntoView {
    view! {
        <ul class="attachments">
            {files
                .into_iter()
                .map(|file| {
                    let href = file.href();
                    let markdown = format!("![{}]({href})", file.file_name);
                    view! {
                        <li>
                            <a href=href.clone()>{file.file_name.clone()}</a>
                            <span class="muted">" (" {file.size()} ")"</span>
                            {remove.map(|action| view! {
                                {file.image.then(|| view! {
                                    <span class="attachments__markdown muted">"To show it in the minutes, write " <code>{markdown.clone()}</code></span>
                                })}
                                <ActionForm action attr:class="inline-form">
                                    <input type="hidden" name="attachment" value=file.id.0.to_string()/>
                                    <button type="submit" class="button--quiet">
                                        "Remove"<span class="visually-hidden">" " {file.file_name.clone()}</span>
                                    </button>
                                </ActionForm>
                            })}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// The files of one agenda item, if it has any.
#[component]
pub fn ItemAttachments(item: AgendaItemId, files: Vec<AttachmentView>) -> impl IntoView {
    let files: Vec<_> = files
        .into_iter()
        .filter(|file| file.item == Some(item))
        .collect();
    (!files.is_empty()).then(|| {
        view! {
            <div class="item-attachments">
                <h3 class="visually-hidden">"Attached files"</h3>
                <AttachmentList files/>
            </div>
        }
    })
}

/// The meeting's own papers, on its page.
#[component]
pub fn MeetingPapers(files: Vec<AttachmentView>) -> impl IntoView {
    let files: Vec<_> = files
        .into_iter()
        .filter(|file| file.item.is_none())
        .collect();
    (!files.is_empty()).then(|| {
        view! {
            <section aria-labelledby="papers-heading">
                <h2 id="papers-heading">"Papers"</h2>
                <AttachmentList files/>
            </section>
        }
    })
}

/// Why the last upload was refused, from the code its redirect put in the URL.
fn refusal_words(code: &str, limit: &str) -> Option<String> {
    Some(match code {
        "no-file" => "Choose a file to attach.".to_owned(),
        "empty" => "That file is empty: nothing was attached.".to_owned(),
        "kind" => format!("That kind of file cannot be attached. Watchdog takes {KINDS_IN_WORDS}."),
        "mismatch" => "That file is not what its name says (its contents are not of the kind its \
             extension names), so it was not attached."
            .to_owned(),
        "too-large" => format!("That file is larger than {limit}, the most a file may be."),
        _ => return None,
    })
}

/// The committee's part of the editor: every file, where it belongs, and the upload form.
#[component]
pub fn AttachmentsEditor(
    meeting: MeetingId,
    items: Vec<AgendaItemView>,
    files: Vec<AttachmentView>,
    /// The code of a refused upload (`?attach=` in the URL).
    #[prop(into)]
    refused: Signal<Option<String>>,
    remove: ServerAction<RemoveAttachment>,
) -> impl IntoView {
    let limit = use_context::<AttachmentLimit>().unwrap_or_default().words();
    let hint = format!("{KINDS_IN_WORDS}; at most {limit}.");
    let accept = KINDS
        .iter()
        .flat_map(|kind| {
            kind.extensions
                .iter()
                .map(|extension| format!(".{extension}"))
        })
        .collect::<Vec<_>>()
        .join(",");
    let error = {
        let limit = limit.clone();
        move || refused.get().and_then(|code| refusal_words(&code, &limit))
    };
    let groups: Vec<(String, Vec<AttachmentView>)> = std::iter::once((
        "The meeting's papers".to_owned(),
        files
            .iter()
            .filter(|file| file.item.is_none())
            .cloned()
            .collect(),
    ))
    .chain(items.iter().map(|item| {
        (
            format!("{}. {}", item.number, item.heading),
            files
                .iter()
                .filter(|file| file.item == Some(item.id))
                .cloned()
                .collect(),
        )
    }))
    .filter(|(_, files): &(String, Vec<AttachmentView>)| !files.is_empty())
    .collect();
    view! {
        <section class="panel" aria-labelledby="attachments-heading">
            <h2 id="attachments-heading">"Files"</h2>
            <p class="muted">
                "The meeting's papers are read by everyone who may see the meeting, before the minutes are published too; an item's files only by those who may read the item."
            </p>
            <FormMessage error=Signal::derive(move || action_failure(remove))/>
            {if groups.is_empty() {
                Either::Left(view! { <p>"No files yet."</p> })
            } else {
                Either::Right(groups
                    .into_iter()
                    .map(|(label, files)| view! {
                        <h3>{label}</h3>
                        <AttachmentList files remove/>
                    })
                    .collect_view())
            }}
            <form method="post" enctype="multipart/form-data" action=format!("{}/attachments", meeting.href())>
                {move || error().map(|message| view! {
                    <div class="notice notice--error" role="alert"><p>{message}</p></div>
                })}
                <div class="field">
                    <label for="attach-to">"Attach to"</label>
                    <select id="attach-to" name="item">
                        <option value="">"The meeting's papers"</option>
                        {items
                            .iter()
                            .map(|item| view! { <option value=item.id.0.to_string()>{format!("{}. {}", item.number, item.heading)}</option> })
                            .collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="attach-file">"File"</label>
                    <span class="field__hint" id="attach-file-hint">{hint}</span>
                    <input id="attach-file" type="file" name="file" required accept=accept aria-describedby="attach-file-hint"/>
                </div>
                <button type="submit">"Attach file"</button>
            </form>
        </section>
    }
}
