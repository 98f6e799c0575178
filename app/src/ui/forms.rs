//! Form widgets: a labelled field with its error message beside it, and the form-level
//! message. They read a form's `FormErrors`, so a refused form shows every message where it
//! belongs and keeps what was typed, with or without JavaScript.

use leptos::prelude::*;

use crate::error::{AppError, FormErrors};

/// A refused form post, waiting for the page it was posted from: the server function that
/// refused it and its error as that function encodes it. The server's `refused_forms`
/// middleware keeps it when the post is refused and, when the page asks for it by the opaque
/// id in its URL, puts it into the request for this module to read.
#[cfg(feature = "ssr")]
#[derive(Debug, Clone)]
pub struct RefusedForm {
    pub action: String,
    pub error: String,
}

/// Every form posts natively to its server function, which sends the browser back to the
/// page; a refused post brings its `RefusedForm` along. Leptos' `ServerAction` starts from
/// the error it finds in the context, so the page shows the refusal beside the fields with
/// what was typed. Call it while setting up each page's context.
#[cfg(feature = "ssr")]
pub fn provide_refused_form() {
    use leptos::server::ServerActionError;

    let refused = use_context::<axum::http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<RefusedForm>().cloned());
    if let Some(refused) = refused {
        provide_context(ServerActionError::new(&refused.action, &refused.error));
    }
}

/// The form errors in an action's latest result (empty if it succeeded or has not run).
pub fn form_errors<T>(result: Option<Result<T, AppError>>) -> FormErrors {
    match result {
        Some(Err(error)) => error.form_errors().cloned().unwrap_or_default(),
        _ => FormErrors::default(),
    }
}

/// The error an action's latest call ended in, if it failed.
pub fn action_failure<S>(action: ServerAction<S>) -> Option<AppError>
where
    S: leptos::server_fn::ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    action.value().get().and_then(Result::err)
}

/// A message for the whole form: a refusal's summary, or a failure that is not about a field.
#[component]
pub fn FormMessage(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    move || {
        error.get().map(|error| {
            view! {
                <div class="notice notice--error" role="alert">
                    <p>{error.to_string()}</p>
                </div>
            }
        })
    }
}

/// The ids that tie a field's control to its hint and error message.
struct FieldIds {
    id: String,
    hint: String,
    error: String,
}

impl FieldIds {
    /// `suffix` tells apart several fields of one name on a page (one per table row).
    fn new(name: &str, suffix: Option<&str>) -> Self {
        let id = match suffix.filter(|suffix| !suffix.is_empty()) {
            Some(suffix) => format!("field-{name}-{suffix}"),
            None => format!("field-{name}"),
        };
        FieldIds {
            hint: format!("{id}-hint"),
            error: format!("{id}-error"),
            id,
        }
    }

    /// The control's `aria-describedby`: its hint, if any, and its message while it has one.
    fn described_by(
        &self,
        has_hint: bool,
        message: impl Fn() -> Option<String> + Send + Sync + 'static,
    ) -> impl Fn() -> Option<String> + Send + Sync + 'static {
        let (hint, error) = (self.hint.clone(), self.error.clone());
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint.clone());
            }
            if message().is_some() {
                ids.push(error.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    }
}

/// What a field shows: what was sent before a refusal (if `keep`), else its starting value.
fn shown_value(
    errors: Signal<FormErrors>,
    name: &str,
    keep: bool,
    value: Option<Signal<String>>,
) -> String {
    keep.then(|| errors.read().kept.get(name).cloned())
        .flatten()
        .or_else(|| value.map(|value| value.get()))
        .unwrap_or_default()
}

/// A labelled input with its hint and error message.
#[component]
pub fn Field(
    /// The form field's name, also the key of its messages.
    name: &'static str,
    label: &'static str,
    /// The input's `type`.
    #[prop(default = "text")]
    kind: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(default = false)] required: bool,
    /// Put back what was typed after a refusal (never for passwords).
    #[prop(default = true)]
    keep: bool,
    /// What the field holds to begin with (what was typed after a refusal wins).
    #[prop(optional, into)]
    value: Option<Signal<String>>,
    /// Distinguishes the ids of several such fields on one page (one per table row).
    #[prop(optional, into)]
    id_suffix: Option<String>,
    /// Show the label to screen readers only (where a table heading already says it).
    #[prop(default = false)]
    label_hidden: bool,
    /// The id of the form the input belongs to, when it stands outside it (a table row's
    /// cells around a form in its last cell).
    #[prop(optional, into)]
    form: Option<String>,
    #[prop(into)] errors: Signal<FormErrors>,
) -> impl IntoView {
    let ids = FieldIds::new(name, id_suffix.as_deref());
    let (id, error_id, hint_id) = (ids.id.clone(), ids.error.clone(), ids.hint.clone());
    let message = move || errors.read().fields.get(name).cloned();
    let kept = move || shown_value(errors, name, keep, value);
    let described_by = ids.described_by(hint.is_some(), message);

    // With JavaScript on, a refused form stays on the page as typed; empty a password field
    // then, as the page shown again without JavaScript would be. Only on a new result, never
    // at hydration, so nothing typed before the page came alive is lost.
    let input = NodeRef::<leptos::html::Input>::new();
    if !keep {
        Effect::watch(
            move || errors.get(),
            move |_, _, _| {
                if let Some(input) = input.get_untracked() {
                    input.set_value("");
                }
            },
            false,
        );
    }

    view! {
        <div class="field">
            <label for=id.clone() class:visually-hidden=label_hidden>{label}</label>
            {hint.map(|hint| view! { <span class="field__hint" id=hint_id.clone()>{hint}</span> })}
            <input
                type=kind
                id=id
                name=name
                value=kept
                form=form
                node_ref=input
                autocomplete=autocomplete
                required=required
                aria-invalid=move || message().is_some().then_some("true")
                aria-describedby=described_by
            />
            {move || {
                message().map(|message| view! { <span class="field__error" id=error_id.clone()>{message}</span> })
            }}
        </div>
    }
}

/// A labelled multi-line text box with its hint and error message.
#[component]
pub fn TextAreaField(
    name: &'static str,
    label: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(default = false)] required: bool,
    #[prop(default = 6)] rows: u32,
    /// What the field holds to begin with (what was typed after a refusal wins).
    #[prop(optional, into)]
    value: Option<Signal<String>>,
    #[prop(optional, into)] id_suffix: Option<String>,
    #[prop(into)] errors: Signal<FormErrors>,
) -> impl IntoView {
    let ids = FieldIds::new(name, id_suffix.as_deref());
    let (id, error_id, hint_id) = (ids.id.clone(), ids.error.clone(), ids.hint.clone());
    let message = move || errors.read().fields.get(name).cloned();
    let kept = move || shown_value(errors, name, true, value);
    let described_by = ids.described_by(hint.is_some(), message);

    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            {hint.map(|hint| view! { <span class="field__hint" id=hint_id.clone()>{hint}</span> })}
            <textarea
                id=id
                name=name
                rows=rows
                required=required
                prop:value=kept
                aria-invalid=move || message().is_some().then_some("true")
                aria-describedby=described_by
            >
                {kept}
            </textarea>
            {move || {
                message().map(|message| view! { <span class="field__error" id=error_id.clone()>{message}</span> })
            }}
        </div>
    }
}

/// A labelled drop-down list with its hint and error message.
#[component]
pub fn SelectField(
    name: &'static str,
    label: &'static str,
    /// The choices, as (value, label).
    #[prop(into)]
    options: Signal<Vec<(String, String)>>,
    /// The value chosen to begin with (what was chosen before a refusal wins).
    #[prop(optional, into)]
    value: Option<Signal<String>>,
    #[prop(optional)] hint: Option<&'static str>,
    /// Distinguishes the ids of several such fields on one page (one per table row).
    #[prop(optional, into)]
    id_suffix: Option<String>,
    /// Show the label to screen readers only (where a table heading already says it).
    #[prop(default = false)]
    label_hidden: bool,
    #[prop(into)] errors: Signal<FormErrors>,
) -> impl IntoView {
    let ids = FieldIds::new(name, id_suffix.as_deref());
    let (id, error_id, hint_id) = (ids.id.clone(), ids.error.clone(), ids.hint.clone());
    let message = move || errors.read().fields.get(name).cloned();
    let chosen = move || shown_value(errors, name, true, value);
    let described_by = ids.described_by(hint.is_some(), message);

    view! {
        <div class="field">
            <label for=id.clone() class:visually-hidden=label_hidden>{label}</label>
            {hint.map(|hint| view! { <span class="field__hint" id=hint_id.clone()>{hint}</span> })}
            <select
                id=id
                name=name
                aria-invalid=move || message().is_some().then_some("true")
                aria-describedby=described_by
            >
                {move || {
                    let chosen = chosen();
                    options
                        .get()
                        .into_iter()
                        .map(|(value, label)| {
                            let selected = value == chosen;
                            view! { <option value=value selected=selected>{label}</option> }
                        })
                        .collect_view()
                }}
            </select>
            {move || {
                message().map(|message| view! { <span class="field__error" id=error_id.clone()>{message}</span> })
            }}
        </div>
    }
}

/// A notice of success, shown when `show` is true.
#[component]
pub fn SuccessNotice(#[prop(into)] show: Signal<bool>, message: &'static str) -> impl IntoView {
    move || {
        show.get().then(|| {
            view! {
                <div class="notice notice--success" role="status">
                    <p>{message}</p>
                </div>
            }
        })
    }
}
