//! Showing and writing Markdown: the rendered view, and the editor (a plain text box that
//! works without JavaScript, with a "Preview" tab once the page is live).

use leptos::prelude::*;

use crate::{
    error::FormErrors,
    markdown::{api::PreviewMarkdown, SafeHtml},
    ui::forms::TextAreaField,
};

/// Rendered Markdown. The HTML was sanitised by the server's renderer.
#[component]
pub fn MarkdownView(html: SafeHtml) -> impl IntoView {
    view! { <div class="prose" inner_html=html.as_str().to_owned()></div> }
}

/// A Markdown text box with a preview. Without JavaScript it is the text box alone (the
/// preview button is hidden by the stylesheet until the page is hydrated).
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
    let preview = ServerAction::<PreviewMarkdown>::new();
    let (previewing, set_previewing) = signal(false);
    // What is typed, as the text box's input events bubble up to the editor.
    let initial = value.map(|value| value.get_untracked()).unwrap_or_default();
    let (text, set_text) = signal(initial);
    let show_preview = move |_| {
        preview.dispatch(PreviewMarkdown {
            text: text.get_untracked(),
        });
        set_previewing.set(true);
    };
    let rendered = move || match preview.value().get() {
        Some(Ok(html)) => view! { <MarkdownView html/> }.into_any(),
        Some(Err(error)) => view! { <p class="field__error">{error.to_string()}</p> }.into_any(),
        None => view! { <p class="muted">"Rendering…"</p> }.into_any(),
    };
    view! {
        <div class="markdown-field" on:input=move |event| set_text.set(event_target_value(&event))>
            <div class="markdown-field__tabs js-only" role="group" aria-label="Editor mode">
                <button
                    type="button"
                    class="button--quiet"
                    aria-pressed=move || (!previewing.get()).to_string()
                    on:click=move |_| set_previewing.set(false)
                >
                    "Write"
                </button>
                <button
                    type="button"
                    class="button--quiet"
                    aria-pressed=move || previewing.get().to_string()
                    on:click=show_preview
                >
                    "Preview"
                </button>
            </div>
            <div class:visually-hidden=previewing>
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
            </div>
            {move || {
                previewing
                    .get()
                    .then(|| {
                        view! {
                            <div class="markdown-field__preview" aria-live="polite">
                                {rendered}
                            </div>
                        }
                    })
            }}
        </div>
    }
}
