//! Showing and writing Markdown: the rendered view, and the editor. The editor is a plain
//! text box, rendered by the server and posted with its form; an island around it adds
//! "Write" and "Preview" tabs once the browser has brought it to life.

use leptos::{prelude::*, wasm_bindgen::JsCast};

use crate::{
    error::FormErrors,
    markdown::{api::PreviewMarkdown, SafeHtml},
    ui::{
        forms::TextAreaField,
        server_call::{call, CallFailed},
    },
};

/// Rendered Markdown. The HTML was sanitised by the server's renderer.
#[component]
pub fn MarkdownView(html: SafeHtml) -> impl IntoView {
    view! { <div class="prose" inner_html=html.as_str().to_owned()></div> }
}

/// A Markdown text box with its label, hint and error message, and a preview once live.
#[component]
pub fn MarkdownField(
    name: &'static str,
    label: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(default = 8)] rows: u32,
    #[prop(default = false)] required: bool,
    /// What the field holds to begin with (what was typed after a refusal wins).
    #[prop(optional, into)]
    value: Option<Signal<String>>,
    /// Makes the field's id unique when several forms on a page share a field name.
    #[prop(optional, into)]
    id_suffix: Option<String>,
    #[prop(into)] errors: Signal<FormErrors>,
) -> impl IntoView {
    view! {
        <MarkdownEditor>
            <TextAreaField
                name
                label
                hint=hint.unwrap_or("Markdown: **bold**, *italic*, lists, links; #12 links issue 12, log:CS0123456 the issue with that log number.")
                rows
                required
                value=value.unwrap_or_default()
                id_suffix=id_suffix.unwrap_or_default()
                errors
            />
        </MarkdownEditor>
    }
}

/// The island around a Markdown text box: a "Preview" button under it that shows, below, the
/// text as the server's one renderer makes it, so the preview is exactly what the page will
/// show. The text box itself (its children) stays the server's, always in view: what is typed
/// before the island is live is kept, and the form posts it as it would without JavaScript.
#[island]
fn MarkdownEditor(children: Children) -> impl IntoView {
    let preview = Action::new_unsync(|text: &String| {
        let text = text.clone();
        async move {
            let html = call::<PreviewMarkdown>(&[("text", &text)]).await?;
            // The answer is the HTML as a JSON string; anything else is not an answer.
            html.as_string().map(SafeHtml).ok_or_else(|| {
                CallFailed("The preview could not be shown; what you wrote is kept.".to_owned())
            })
        }
    });
    let (previewing, set_previewing) = signal(false);
    // Effects run only in the browser: the button appears once the island is live, never in
    // the server's HTML, where it could do nothing.
    let (live, set_live) = signal(false);
    Effect::new(move |_| set_live.set(true));
    let editor = NodeRef::<leptos::html::Div>::new();
    let show_preview = move |_| {
        let text = editor
            .get_untracked()
            .and_then(|editor| editor.query_selector("textarea").ok().flatten())
            .map(|text_box| {
                text_box
                    .unchecked_into::<web_sys::HtmlTextAreaElement>()
                    .value()
            })
            .unwrap_or_default();
        preview.dispatch(text);
        set_previewing.set(true);
    };
    let rendered = move || match preview.value().get() {
        Some(Ok(html)) => view! { <MarkdownView html/> }.into_any(),
        Some(Err(CallFailed(message))) => {
            view! { <p class="field__error">{message}</p> }.into_any()
        }
        None => view! { <p class="muted">"Rendering…"</p> }.into_any(),
    };
    view! {
        <div class="markdown-field" node_ref=editor data-live=move || live.get().then_some("")>
            {children()}
            <div class="markdown-field__tools" hidden=move || !live.get()>
                <button type="button" class="button--quiet" on:click=show_preview>
                    {move || if previewing.get() { "Update preview" } else { "Preview" }}
                </button>
                <button
                    type="button"
                    class="button--quiet"
                    hidden=move || !previewing.get()
                    on:click=move |_| set_previewing.set(false)
                >
                    "Hide preview"
                </button>
            </div>
            {move || {
                previewing
                    .get()
                    .then(|| {
                        view! {
                            <section class="markdown-field__preview" aria-label="Preview" aria-live="polite">
                                {rendered}
                            </section>
                        }
                    })
            }}
        </div>
    }
}
