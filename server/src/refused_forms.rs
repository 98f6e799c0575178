//! Refused form posts, kept on the server. Every form posts natively to its server function;
//! refused, the function sends the browser back to the page it came from, and server_fn
//! writes why (and what was typed) into that redirect's URL. `keep` moves that state into the
//! database and leaves only an opaque, random id in the URL (`__form`); `restore` hands it,
//! once, to the page that asks for it with that id, if it is the page the form was posted
//! from and the browser that posted it (a cookie of its own, `watchdog_form`, says which).
//! So a link cannot show made-up errors or put someone else's words in a form, a long text
//! never rides in a header, and what was typed is not left in browser history.

use app::{
    accounts::sessions::{new_token, token_hash},
    db::{timestamp, Db},
    security::local_path,
    ui::forms::RefusedForm,
};
use axum::{
    extract::{Request, State},
    http::{
        header::{COOKIE, LOCATION, SET_COOKIE},
        HeaderMap, HeaderValue, Method,
    },
    middleware::Next,
    response::Response,
};
use chrono::{Duration, Utc};

/// The query key of a refused form's id.
const FORM_KEY: &str = "__form";
/// The keys server_fn writes a refusal into a redirect with.
const ACTION_KEY: &str = "__path";
const ERROR_KEY: &str = "__err";

/// How long a refusal waits for its page. The browser asks for it at once; the margin is for
/// a slow network, not for later visits.
const KEPT_FOR: Duration = Duration::minutes(10);

/// What the middleware needs to know.
#[derive(Clone)]
pub struct RefusedForms {
    pub db: Db,
    /// Served over HTTPS: the cookie is `Secure` and `__Host-` prefixed.
    pub secure: bool,
}

impl RefusedForms {
    fn cookie_name(&self) -> &'static str {
        if self.secure {
            "__Host-watchdog_form"
        } else {
            "watchdog_form"
        }
    }

    /// The browser's own refused-form token, if it has one.
    fn browser_token(&self, headers: &HeaderMap) -> Option<String> {
        let name = self.cookie_name();
        headers
            .get_all(COOKIE)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|header| header.split(';'))
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(key, value)| *key == name && is_token(value))
            .map(|(_, value)| value.to_owned())
    }

    fn cookie(&self, token: &str) -> String {
        let lifetime = KEPT_FOR.num_seconds();
        let secure = if self.secure { "; Secure" } else { "" };
        format!(
            "{}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={lifetime}{secure}",
            self.cookie_name()
        )
    }
}

/// After a server function: keeps a refusal server-side and rewrites the redirect to carry
/// only its id, as a path on this site. Any other redirect loses stale `__form` ids.
pub async fn keep(State(forms): State<RefusedForms>, request: Request, next: Next) -> Response {
    if !request.uri().path().starts_with("/api/") {
        return next.run(request).await;
    }
    let browser = forms.browser_token(request.headers());
    let mut response = next.run(request).await;
    if !response.status().is_redirection() {
        return response;
    }
    let Some(target) = response
        .headers()
        .get(LOCATION)
        .and_then(|value| value.to_str().ok())
        .map(Redirect::parse)
    else {
        return response;
    };
    let mut location = target.location();
    if let Some((action, error)) = &target.refusal {
        let (id, browser) = (new_token(), browser.unwrap_or_else(new_token));
        match store(&forms.db, &id, &browser, &target.path, action, error).await {
            Ok(()) => {
                location = target.with_form(&id);
                if let Ok(cookie) = HeaderValue::from_str(&forms.cookie(&browser)) {
                    response.headers_mut().append(SET_COOKIE, cookie);
                }
            }
            // The page still comes back, without the messages: better than failing the post.
            Err(error) => tracing::error!(%error, "could not keep a refused form"),
        }
    }
    match HeaderValue::from_str(&location) {
        Ok(value) => {
            response.headers_mut().insert(LOCATION, value);
        }
        Err(error) => tracing::error!(%error, "could not write a redirect"),
    }
    response
}

/// Before a page: if its URL names a refused form and the browser holds the token it was
/// kept for, takes it (whatever happens next, it is gone) and, if it was posted from this
/// very page, puts it into the request. Anything else costs no database access.
pub async fn restore(
    State(forms): State<RefusedForms>,
    mut request: Request,
    next: Next,
) -> Response {
    if request.method() != Method::GET || request.uri().path().starts_with("/api/") {
        return next.run(request).await;
    }
    // Leptos' router would read a refusal from these keys in any page's URL (so a crafted
    // link could show made-up messages); only `__form`, above, ever carries one here.
    if let Some(clean) = without_refusal_keys(request.uri()) {
        *request.uri_mut() = clean;
    }
    let id = request.uri().query().and_then(|query| {
        form_urlencoded::parse(query.as_bytes())
            .find(|(key, _)| key == FORM_KEY)
            .map(|(_, id)| id.into_owned())
            .filter(|id| is_token(id))
    });
    if let (Some(id), Some(browser)) = (id, forms.browser_token(request.headers())) {
        match take(&forms.db, &id, &browser).await {
            Ok(Some((page, refused))) if page == request.uri().path() => {
                request.extensions_mut().insert(refused);
            }
            Ok(_) => {}
            Err(error) => tracing::error!(%error, "could not read a refused form"),
        }
    }
    next.run(request).await
}

/// The URI without server_fn's refusal keys, if it has any.
fn without_refusal_keys(uri: &axum::http::Uri) -> Option<axum::http::Uri> {
    let query = uri.query()?;
    let pairs: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
        .map(|(key, value)| (key.into_owned(), value.into_owned()))
        .collect();
    if !pairs
        .iter()
        .any(|(key, _)| key == ACTION_KEY || key == ERROR_KEY)
    {
        return None;
    }
    let kept = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(
            pairs
                .iter()
                .filter(|(key, _)| key != ACTION_KEY && key != ERROR_KEY),
        )
        .finish();
    let path_and_query = if kept.is_empty() {
        uri.path().to_owned()
    } else {
        format!("{}?{kept}", uri.path())
    };
    path_and_query.parse().ok()
}

/// What `new_token` makes: 43 characters of unpadded URL-safe base64.
fn is_token(text: &str) -> bool {
    text.len() == 43
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// A redirect's target, split into what `keep` needs.
#[derive(Debug, PartialEq, Eq)]
struct Redirect {
    path: String,
    /// The query without server_fn's keys and without any earlier `__form`.
    query: Vec<(String, String)>,
    /// The server function's path and its encoded error, if the redirect reports a refusal.
    refusal: Option<(String, String)>,
    fragment: Option<String>,
}

impl Redirect {
    /// Reads an absolute URL (server_fn writes the Referer back) or a path. Whatever it
    /// is given, the result is a path on this site: never `//elsewhere`.
    fn parse(location: &str) -> Redirect {
        let (location, fragment) = match location.split_once('#') {
            Some((location, fragment)) => (location, Some(fragment.to_owned())),
            None => (location, None),
        };
        // server_fn writes back the Referer, an absolute URL; a path stays as it is.
        let path_and_query = if location.starts_with('/') {
            location
        } else {
            match location.split_once("://") {
                Some((_, rest)) => rest.find('/').map_or("/", |start| &rest[start..]),
                None => "/",
            }
        };
        let (path, query) = path_and_query
            .split_once('?')
            .unwrap_or((path_and_query, ""));
        let path = local_path(Some(path));
        let (mut action, mut error, mut pairs) = (None, None, Vec::new());
        for (key, value) in form_urlencoded::parse(query.as_bytes()) {
            match key.as_ref() {
                ACTION_KEY => action = Some(value.into_owned()),
                ERROR_KEY => error = Some(value.into_owned()),
                FORM_KEY => {}
                _ => pairs.push((key.into_owned(), value.into_owned())),
            }
        }
        Redirect {
            path,
            query: pairs,
            refusal: action.zip(error),
            fragment,
        }
    }

    /// The target as a path on this site.
    fn location(&self) -> String {
        self.build(None)
    }

    /// The target with a refused form's id.
    fn with_form(&self, id: &str) -> String {
        self.build(Some(id))
    }

    fn build(&self, form: Option<&str>) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        query.extend_pairs(&self.query);
        if let Some(id) = form {
            query.append_pair(FORM_KEY, id);
        }
        let query = query.finish();
        let mut location = self.path.clone();
        if !query.is_empty() {
            location.push('?');
            location.push_str(&query);
        }
        if let Some(fragment) = &self.fragment {
            location.push('#');
            location.push_str(fragment);
        }
        location
    }
}

async fn store(
    db: &Db,
    id: &str,
    browser: &str,
    page: &str,
    action: &str,
    error: &str,
) -> Result<(), sqlx::Error> {
    let now = Utc::now();
    let mut tx = db.begin_write().await?;
    // The index on created_at makes clearing the expired ones here cheap.
    sqlx::query("DELETE FROM refused_forms WHERE created_at < $1")
        .bind(timestamp::to_db(now - KEPT_FOR))
        .execute(&mut *tx)
        .await?;
    // Only hashes of the id and of the browser's token are stored, as for sessions.
    sqlx::query(
        "INSERT INTO refused_forms (id_hash, browser_hash, page, action, error, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(token_hash(id))
    .bind(token_hash(browser))
    .bind(page)
    .bind(action)
    .bind(error)
    .bind(timestamp::to_db(now))
    .execute(&mut *tx)
    .await?;
    tx.commit().await
}

/// The refusal kept under `id` for `browser`, and the page it belongs to, deleting it; none
/// if it is unknown, someone else's, already taken or expired.
async fn take(
    db: &Db,
    id: &str,
    browser: &str,
) -> Result<Option<(String, RefusedForm)>, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let row: Option<KeptRefusal> = sqlx::query_as(
        "DELETE FROM refused_forms WHERE id_hash = $1 AND browser_hash = $2 \
         RETURNING page, action, error, created_at",
    )
    .bind(token_hash(id))
    .bind(token_hash(browser))
    .fetch_optional(&mut *tx)
    .await?;
    tx.commit().await?;
    let Some(row) = row else {
        return Ok(None);
    };
    if timestamp::from_db(&row.created_at)? < Utc::now() - KEPT_FOR {
        return Ok(None);
    }
    let refused = RefusedForm {
        action: row.action,
        error: row.error,
    };
    Ok(Some((row.page, refused)))
}

#[derive(sqlx::FromRow)]
struct KeptRefusal {
    page: String,
    action: String,
    error: String,
    created_at: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusal_keys_are_taken_out_of_a_page_address() {
        let uri: axum::http::Uri = "/issues/7?edit=details&__path=%2Fapi&__err=e30%3D"
            .parse()
            .expect("uri");
        assert_eq!(
            without_refusal_keys(&uri).expect("rewritten").to_string(),
            "/issues/7?edit=details"
        );
        let only: axum::http::Uri = "/sign-in?__err=e30".parse().expect("uri");
        assert_eq!(
            without_refusal_keys(&only).expect("rewritten").to_string(),
            "/sign-in"
        );
        let clean: axum::http::Uri = "/issues?q=crash".parse().expect("uri");
        assert_eq!(without_refusal_keys(&clean), None);
    }

    #[test]
    fn a_refusal_is_taken_out_of_the_redirect() {
        let redirect = Redirect::parse(
            "http://127.0.0.1:3000/issues/7?edit=details&__path=%2Fapi%2Fissues%2Fedit&__err=eyJ9#event-3",
        );
        assert_eq!(redirect.path, "/issues/7");
        assert_eq!(
            redirect.refusal,
            Some(("/api/issues/edit".to_owned(), "eyJ9".to_owned()))
        );
        assert_eq!(redirect.location(), "/issues/7?edit=details#event-3");
        assert_eq!(
            redirect.with_form("abc"),
            "/issues/7?edit=details&__form=abc#event-3"
        );
    }

    #[test]
    fn a_success_loses_any_earlier_form_id_and_the_site_prefix() {
        let redirect = Redirect::parse("http://example.org/account?__form=old&changed=name");
        assert_eq!(redirect.refusal, None);
        assert_eq!(redirect.location(), "/account?changed=name");
    }

    #[test]
    fn a_path_stays_a_path_on_this_site() {
        assert_eq!(Redirect::parse("/").location(), "/");
        assert_eq!(Redirect::parse("http://example.org").location(), "/");
        assert_eq!(Redirect::parse("//elsewhere.example/x").location(), "/");
        assert_eq!(
            Redirect::parse("http://a.example//elsewhere.example").location(),
            "/"
        );
    }

    #[test]
    fn a_path_keeps_whatever_its_query_says() {
        let redirect = Redirect::parse("/sign-in?next=%2Fissues%3Fq%3Dhttps%3A%2F%2Fx.org%2Fa");
        assert_eq!(
            redirect.location(),
            "/sign-in?next=%2Fissues%3Fq%3Dhttps%3A%2F%2Fx.org%2Fa"
        );
        let unencoded = Redirect::parse("/issues?q=https://x.org/a");
        assert_eq!(unencoded.path, "/issues");
    }

    #[test]
    fn ids_and_tokens_have_one_shape() {
        assert!(is_token(&new_token()));
        assert!(!is_token("AAAA"));
        assert!(!is_token(&"a".repeat(42)));
        assert!(!is_token(&format!("{}'", "a".repeat(42))));
    }

    #[test]
    fn a_location_longer_than_a_uri_may_be_is_still_read() {
        let long = format!(
            "http://a.example/sign-in?__path=%2Fapi&__err={}",
            "x".repeat(200_000)
        );
        let redirect = Redirect::parse(&long);
        assert_eq!(redirect.location(), "/sign-in");
        assert!(redirect.refusal.is_some());
    }
}
