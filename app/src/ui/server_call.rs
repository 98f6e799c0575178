//! How an island calls a server function: with the browser's own `fetch`, the arguments as a
//! URL-encoded form (the server function's default input) and its JSON answer read by the
//! browser's own parser. It is the same request and answer as server_fn's client would make,
//! without its weight: that client (its streaming support, serde_json and the float formatting
//! serde_json's errors bring) was 30 KB of brotli, a third of the bundle's budget; this is a
//! few hundred bytes. The server function is unchanged, guard and all.

use leptos::{
    server_fn::ServerFn,
    wasm_bindgen::{JsCast, JsValue},
};
use wasm_bindgen_futures::JsFuture;

/// Why a call gave no answer, in words for the person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallFailed(pub String);

/// Calls the server function `S` with `arguments` (by name, as its form fields), and returns
/// its JSON answer as the browser parsed it.
pub async fn call<S: ServerFn>(arguments: &[(&str, &str)]) -> Result<JsValue, CallFailed> {
    let form = web_sys::UrlSearchParams::new().map_err(|_| CallFailed(UNREACHABLE.to_owned()))?;
    for (name, value) in arguments {
        form.append(name, value);
    }
    call_with::<S>(&form).await
}

/// The fields of a form on the page, as `call_with` sends them (what the form would post).
pub fn fields_of(form: &web_sys::HtmlFormElement) -> Option<web_sys::UrlSearchParams> {
    let data = web_sys::FormData::new_with_form(form).ok()?;
    web_sys::UrlSearchParams::new_with_str_sequence_sequence(&data).ok()
}

/// Calls the server function `S` with the arguments already encoded (`fields_of` a form).
pub async fn call_with<S: ServerFn>(
    form: &web_sys::UrlSearchParams,
) -> Result<JsValue, CallFailed> {
    let failed = |_| CallFailed(UNREACHABLE.to_owned());
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_body(form);
    let request = web_sys::Request::new_with_str_and_init(S::PATH, &init).map_err(failed)?;
    // Not text/html: that would make the server treat it as a form posted without
    // JavaScript, and answer with a redirect.
    request
        .headers()
        .set("Accept", "application/json")
        .map_err(failed)?;
    let window = web_sys::window().ok_or(CallFailed(UNREACHABLE.to_owned()))?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_request(&request))
        .await
        .map_err(failed)?
        .unchecked_into();
    let text = JsFuture::from(response.text().map_err(failed)?)
        .await
        .map_err(failed)?
        .as_string()
        .unwrap_or_default();
    let answer = js_sys::JSON::parse(&text).unwrap_or(JsValue::NULL);
    match response.status() {
        // A redirect followed (to the sign-in page, say) is not the function's answer.
        200..=299 if !response.redirected() => Ok(answer),
        401 => Err(CallFailed(
            "You have been signed out. Sign in again in another tab; what you wrote is kept."
                .to_owned(),
        )),
        _ => Err(CallFailed(refusal_message(&answer).unwrap_or_else(|| {
            "That did not work just now; what you wrote is kept. Please try again.".to_owned()
        }))),
    }
}

const UNREACHABLE: &str =
    "The server could not be reached. Please check your connection; what you wrote is kept.";

/// The form-level message of a refusal (`AppError::Invalid`), as the server encodes it:
/// `{"Invalid": {"form": "…", …}}`.
fn refusal_message(answer: &JsValue) -> Option<String> {
    let invalid = js_sys::Reflect::get(answer, &JsValue::from_str("Invalid")).ok()?;
    js_sys::Reflect::get(&invalid, &JsValue::from_str("form"))
        .ok()?
        .as_string()
}
