//! The error type every server function returns. It carries what a person may see; internal
//! detail is logged on the server where the error is converted and never crosses the wire.

use std::collections::BTreeMap;

use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// A form was refused: messages by field, to show next to each.
    #[error("{}", .0.summary())]
    Invalid(FormErrors),
    /// The request needs someone signed in, and no one is (401).
    #[error("Please sign in to do that.")]
    NotSignedIn,
    /// The person signed in may not do this (403).
    #[error("Your account does not allow this. If you need it, ask an administrator.")]
    Forbidden,
    /// The request could not be read as this function's arguments (400).
    #[error("The request could not be read. Please go back, reload the page and try again.")]
    BadRequest,
    /// The record changed since the form was loaded (409): someone else saved first. Carried
    /// like a refusal, so the form keeps what was typed and says what happened.
    #[error("{}", .0.summary())]
    Stale(FormErrors),
    /// What the request names does not exist, or the caller may not know it does (404).
    #[error("That could not be found. It may have been removed, or the link may be wrong.")]
    NotFound,
    /// Something failed on the server; the detail is in the server log.
    #[error("Something went wrong on our side. It has been logged; please try again in a moment.")]
    Internal,
    /// The request did not reach the server function or its answer could not be read.
    #[error("The server could not be reached ({0}). Please check your connection and try again.")]
    Transport(String),
}

impl AppError {
    /// A refused form (422).
    pub fn refused(errors: FormErrors) -> AppError {
        AppError::Invalid(errors)
    }

    /// A form refused because its record moved on since the page was loaded (409).
    pub fn stale(errors: FormErrors) -> AppError {
        AppError::Stale(errors)
    }

    /// A refusal's messages by field, whatever the reason it was refused.
    pub fn form_errors(&self) -> Option<&FormErrors> {
        match self {
            AppError::Invalid(errors) | AppError::Stale(errors) => Some(errors),
            _ => None,
        }
    }

    /// The HTTP status this error stands for. Every error carries one: a server function's
    /// answer takes it when the error is sent (`ser` below), a page showing the error takes
    /// it in `ui::errors::Refusal`, so no caller has to remember to set it.
    #[cfg(feature = "ssr")]
    pub fn status(&self) -> axum::http::StatusCode {
        use axum::http::StatusCode;
        match self {
            AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::BadRequest => StatusCode::BAD_REQUEST,
            AppError::NotSignedIn => StatusCode::UNAUTHORIZED,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Stale(_) => StatusCode::CONFLICT,
            AppError::Internal | AppError::Transport(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

/// Sets the answer's status to the error's, so logs and tools see a refusal as a refusal. A
/// form posted without JavaScript keeps the redirect back to its page that leptos_axum gives
/// it instead (a status set here would replace that redirect).
#[cfg(feature = "ssr")]
fn set_answer_status(error: &AppError) {
    use axum::http::{header::ACCEPT, request::Parts, Method};
    use leptos::prelude::use_context;

    let plain_form_post = use_context::<Parts>().is_some_and(|parts| {
        parts.method == Method::POST
            && parts
                .headers
                .get(ACCEPT)
                .and_then(|accept| accept.to_str().ok())
                .is_some_and(|accept| accept.contains("text/html"))
    });
    if !plain_form_post {
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            response.set_status(error.status());
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    /// A request server_fn could not turn into the function's arguments is bad input (400),
    /// told without the parser's words; anything else is a failure to reach the server.
    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => {
                #[cfg(feature = "ssr")]
                tracing::debug!(error = %value, "unreadable server function arguments");
                AppError::BadRequest
            }
            // On the server, a body that could not be read at all (not UTF-8, say) is bad
            // input too; in the browser the same error means an answer it could not read.
            #[cfg(feature = "ssr")]
            ServerFnErrorErr::Deserialization(_) => {
                tracing::debug!(error = %value, "unreadable server function body");
                AppError::BadRequest
            }
            other => AppError::Transport(other.to_string()),
        }
    }

    /// The one place every server function's error passes on its way out, so the answer's
    /// status is set here, from the error itself.
    fn ser(&self) -> leptos::server_fn::Bytes {
        #[cfg(feature = "ssr")]
        set_answer_status(self);
        <Self::Encoder as leptos::server_fn::Encodes<Self>>::encode(self)
            .unwrap_or_else(|_| leptos::server_fn::Bytes::from_static(br#""Internal""#))
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(error: sqlx::Error) -> Self {
        tracing::error!(%error, "database error");
        AppError::Internal
    }
}

/// Why a form was refused. `kept` holds what was typed (never passwords), so that without
/// JavaScript, when the page is shown again after the refusal, the form still holds it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormErrors {
    /// A message about the form as a whole.
    pub form: Option<String>,
    /// Messages by field name.
    pub fields: BTreeMap<String, String>,
    /// Values to put back in the form, by field name.
    pub kept: BTreeMap<String, String>,
}

impl FormErrors {
    pub fn new() -> Self {
        FormErrors::default()
    }

    pub fn field(mut self, name: &str, message: impl Into<String>) -> Self {
        self.fields.insert(name.to_owned(), message.into());
        self
    }

    pub fn form(mut self, message: impl Into<String>) -> Self {
        self.form = Some(message.into());
        self
    }

    pub fn keep(mut self, name: &str, value: &str) -> Self {
        self.kept.insert(name.to_owned(), value.to_owned());
        self
    }

    /// Keeps each field's value, as `keep` does one.
    pub fn keep_all<'a>(self, fields: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        fields
            .into_iter()
            .fold(self, |kept, (name, value)| kept.keep(name, value))
    }

    fn summary(&self) -> String {
        match &self.form {
            Some(message) => message.clone(),
            None => "Please correct the fields marked below.".to_owned(),
        }
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    /// Islands read a refusal's message from the wire without serde (`ui::server_call`), so
    /// its shape there is a contract.
    #[test]
    fn a_refusal_travels_as_invalid_with_its_form_message() {
        let refusal = AppError::Invalid(FormErrors::new().form("Too long."));
        let wire: serde_json::Value = serde_json::from_slice(&refusal.ser()).expect("JSON");
        assert_eq!(wire["Invalid"]["form"], "Too long.");
    }
}
