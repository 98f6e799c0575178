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
    #[cfg(feature = "ssr")]
    pub fn refused(errors: FormErrors) -> AppError {
        AppError::Invalid(errors).with_status()
    }

    /// The HTTP status this error stands for.
    #[cfg(feature = "ssr")]
    pub fn status(&self) -> axum::http::StatusCode {
        use axum::http::StatusCode;
        match self {
            AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::NotSignedIn => StatusCode::UNAUTHORIZED,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Internal | AppError::Transport(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// Sets the response's status to this error's, so logs and tools see a refusal as a
    /// refusal, and a page that shows it answers with it. A form posted without JavaScript
    /// keeps the redirect back to its page that leptos_axum gives it instead (a status set
    /// here would replace that redirect).
    #[cfg(feature = "ssr")]
    pub fn with_status(self) -> AppError {
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
                response.set_status(self.status());
            }
        }
        self
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::Transport(value.to_string())
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
