//! Refused form posts, kept on the server. Every form posts natively to its server function;
//! refused, the function sends the browser back to the page it came from, and server_fn
//! writes why (and what was typed) into that redirect's URL. `keep` moves that state into the
//! database and leaves only an opaque, random id in the URL (`__form`); `restore` hands it to
//! the page that asks for it with that id, once, if it is the page the form was posted from.
//! So a crafted link cannot show made-up errors, a long text never rides in a header, and
//! what was typed is not left in browser history.

use app::{accounts::sessions::new_token, db::timestamp, db::Db, ui::forms::RefusedForm};
use axum::{
    extract::{Request, State},
    http::{header::LOCATION, HeaderValue, Method},
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

/// After a server function: keeps a refusal server-side and rewrites the redirect to carry
/// only its id, as a path on this site. Any other redirect loses stale `__form` ids.
pub async fn keep(State(db): State<Db>, request: Request, next: Next) -> Response {
    if !request.uri().path().starts_with("/api/") {
        return next.run(request).await;
    }
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
        let id = new_token();
        match store(&db, &id, &target.path, action, error).await {
            Ok(()) => location = target.with_form(&id),
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

/// Before a page: if its URL names a refused form, takes it (whatever happens next, it is
/// gone) and, if it was posted from this very page, puts it into the request.
pub async fn restore(State(db): State<Db>, mut request: Request, next: Next) -> Response {
    if request.method() != Method::GET || request.uri().path().starts_with("/api/") {
        return next.run(request).await;
    }
    let id = request.uri().query().and_then(|query| {
        form_urlencoded::parse(query.as_bytes())
            .find(|(key, _)| key == FORM_KEY)
            .map(|(_, id)| id.into_owned())
    });
    if let Some(id) = id {
        match take(&db, &id).await {
            Ok(Some((page, refused))) if page == request.uri().path() => {
                request.extensions_mut().insert(refused);
            }
            Ok(_) => {}
            Err(error) => tracing::error!(%error, "could not read a refused form"),
        }
    }
    next.run(request).await
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
        let path_and_query = match location.split_once("://") {
            Some((_, rest)) => rest.find('/').map_or("/", |start| &rest[start..]),
            None => location,
        };
        let (path, query) = path_and_query
            .split_once('?')
            .unwrap_or((path_and_query, ""));
        let path = if path.starts_with('/') && !path.starts_with("//") {
            path
        } else {
            "/"
        };
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
            path: path.to_owned(),
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
    sqlx::query(
        "INSERT INTO refused_forms (id, page, action, error, created_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(id)
    .bind(page)
    .bind(action)
    .bind(error)
    .bind(timestamp::to_db(now))
    .execute(&mut *tx)
    .await?;
    tx.commit().await
}

/// The refusal kept under `id` and the page it belongs to, deleting it; none if it is unknown,
/// already taken or expired.
async fn take(db: &Db, id: &str) -> Result<Option<(String, RefusedForm)>, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let row: Option<(String, String, String, String)> = sqlx::query_as(
        "DELETE FROM refused_forms WHERE id = $1 RETURNING page, action, error, created_at",
    )
    .bind(id)
    .fetch_optional(&mut *tx)
    .await?;
    tx.commit().await?;
    let Some((page, action, error, created_at)) = row else {
        return Ok(None);
    };
    if timestamp::from_db(&created_at)? < Utc::now() - KEPT_FOR {
        return Ok(None);
    }
    Ok(Some((page, RefusedForm { action, error })))
}

#[cfg(test)]
mod tests {
    use super::*;

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
