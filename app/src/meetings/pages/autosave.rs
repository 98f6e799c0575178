//! The agenda item editor's autosave: an island inside the item's form that, every few
//! seconds, keeps what its chair has typed as their working copy (`keep_working_copy`), and
//! says when it last did. It posts the form's own fields, so it keeps exactly what "Save item"
//! would send. Once any form of the item is submitted it stops (the save makes the text the
//! item's; a discard forgets it), and that form waits for a keep still on its way, so the keep
//! cannot land after it.

use std::{cell::RefCell, rc::Rc, time::Duration};

use leptos::{prelude::*, wasm_bindgen::JsCast};

use crate::{
    meetings::api::KeepWorkingCopy,
    ui::server_call::{call_with, fields_of, CallFailed},
};

/// How often the form is looked at for changes.
const EVERY: Duration = Duration::from_secs(4);
/// The longest a submitted form waits for a keep on its way.
const WAIT_AT_MOST: Duration = Duration::from_secs(5);

#[island]
pub fn ItemAutosave() -> impl IntoView {
    let (said, set_said) = signal(None::<Result<String, String>>);
    let (live, set_live) = signal(false);
    let anchor = NodeRef::<leptos::html::P>::new();
    // Effects run only in the browser; this one starts the clock once the paragraph exists.
    Effect::new(move |started: Option<bool>| {
        if started == Some(true) {
            return true;
        }
        let Some(paragraph) = anchor.get() else {
            return false;
        };
        let form = paragraph.closest("form").ok().flatten();
        let item = paragraph.closest(".agenda-item").ok().flatten();
        let (Some(form), Some(item)) = (form, item) else {
            return false;
        };
        set_live.set(true);
        start(form.unchecked_into(), &item, set_said);
        true
    });
    let kept = move || {
        match said.get() {
        Some(Ok(at)) => format!("Working copy kept at {at}; only you see it until you save the item."),
        _ => "Changes are kept as your working copy while you type; only you see it until you save the item.".to_owned(),
    }
    };
    let failed = move || match said.get() {
        Some(Err(message)) => Some(view! { <span role="alert">" " {message}</span> }),
        _ => None,
    };
    view! {
        <p class="autosave muted" node_ref=anchor hidden=move || !live.get()>
            {kept}
            {failed}
        </p>
    }
}

/// What the autosave of one item knows between its timer, its keeps and its forms.
#[derive(Default)]
struct State {
    /// The fields as last kept (or as the page was loaded with).
    kept: String,
    /// A keep is on its way.
    busy: bool,
    /// A form of the item was submitted: no more keeps.
    stopped: bool,
    /// The form submitted while a keep was on its way, to post once it has landed.
    waiting: Option<web_sys::HtmlFormElement>,
}

/// Looks at `form` every few seconds and keeps its fields whenever they changed; `item` is
/// the item's part of the page, whose forms stop it.
fn start(
    form: web_sys::HtmlFormElement,
    item: &web_sys::Element,
    said: WriteSignal<Option<Result<String, String>>>,
) {
    let snapshot = |form: &web_sys::HtmlFormElement| {
        fields_of(form).map(|fields| (String::from(fields.to_string()), fields))
    };
    // What the page was loaded with is already kept (the item's text, or the working copy);
    // what was typed before the island came alive is not, so compare with the fields as the
    // server wrote them: a copy of the form, reset to them.
    let as_loaded = form
        .clone_node_with_deep(true)
        .ok()
        .and_then(|copy| copy.dyn_into::<web_sys::HtmlFormElement>().ok())
        .and_then(|copy| {
            copy.reset();
            snapshot(&copy)
        });
    let state = Rc::new(RefCell::new(State {
        kept: as_loaded.map(|(text, _)| text).unwrap_or_default(),
        ..State::default()
    }));
    {
        let shared = Rc::clone(&state);
        let on_submit = leptos::wasm_bindgen::closure::Closure::<dyn Fn(web_sys::Event)>::new(
            move |event: web_sys::Event| {
                let submitted = event
                    .target()
                    .and_then(|target| target.dyn_into::<web_sys::HtmlFormElement>().ok());
                let mut state = shared.borrow_mut();
                state.stopped = true;
                let (true, Some(submitted)) = (state.busy, submitted) else {
                    return;
                };
                event.prevent_default();
                state.waiting = Some(submitted);
                // A keep that hangs must not hold the form up for long.
                let shared = Rc::clone(&shared);
                set_timeout(
                    move || {
                        if let Some(form) = shared.borrow_mut().waiting.take() {
                            let _ = form.submit();
                        }
                    },
                    WAIT_AT_MOST,
                );
            },
        );
        // Submit events of every form of the item bubble up to it; the listener lives as
        // long as the page.
        let _ = item.add_event_listener_with_callback("submit", on_submit.as_ref().unchecked_ref());
        on_submit.forget();
    }
    set_interval(
        move || {
            let fields = {
                let state = state.borrow();
                if state.stopped || state.busy {
                    return;
                }
                match snapshot(&form) {
                    Some((text, fields)) if text != state.kept => (text, fields),
                    _ => return,
                }
            };
            state.borrow_mut().busy = true;
            let state = Rc::clone(&state);
            leptos::task::spawn_local(async move {
                let (text, fields) = fields;
                let answer = call_with::<KeepWorkingCopy>(&fields).await;
                let waiting = {
                    let mut state = state.borrow_mut();
                    state.busy = false;
                    if answer.is_ok() {
                        state.kept = text;
                    }
                    state.waiting.take()
                };
                match waiting {
                    // Posts the form as its button would (no submit event, so no second wait).
                    Some(form) => {
                        let _ = form.submit();
                    }
                    None => said.set(Some(
                        answer
                            .map(|at| at.as_string().unwrap_or_default())
                            .map_err(|CallFailed(message)| message),
                    )),
                }
            });
        },
        EVERY,
    );
}
