//! Files attached to meetings and agenda items: `POST /meetings/{id}/attachments` takes one
//! (a form posted as `multipart/form-data`, with or without JavaScript) and
//! `GET /attachments/{id}/{name}` serves it. Both stream: an upload is written to the
//! database a chunk at a time as it arrives, and a file is read back a chunk at a time as it
//! is sent, so no file ever sits whole in the server's memory. Because the bytes live in the
//! database, every server process sharing it serves every file.
//!
//! Who may attach and read which file is decided in `app::meetings::api`; which kinds are
//! taken and how each is served in `app::domain::attachments`.

use app::{
    accounts::types::CurrentUser,
    db::Db,
    domain::attachments::{
        content_disposition, kind_by_type, kind_of, sanitise_file_name, FileKind,
    },
    error::AppError,
    meetings::{
        api::{may_attach, readable_attachment},
        store::{self, NewAttachment, CHUNK_BYTES},
        types::{AgendaItemId, AttachmentId, MeetingId},
    },
};
use axum::{
    body::Body,
    extract::{multipart::Field, Multipart, Path, Request, State},
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Redirect, Response},
    Extension,
};
use sha2::{Digest, Sha256};

#[derive(Clone)]
pub struct AttachmentState {
    pub db: Db,
    /// The largest file taken (`Config::attachment_max_megabytes`).
    pub max_bytes: u64,
    pub clock: app::clock::Clock,
}

impl AttachmentState {
    /// The most an upload's body may hold: room to read a file past the limit to its end, so
    /// that the browser hears why it was refused rather than finding the connection cut.
    pub fn body_limit(&self) -> usize {
        usize::try_from(self.max_bytes.saturating_mul(2)).unwrap_or(usize::MAX) + 1024 * 1024
    }
}

/// Whether `request` is an upload (its body is read here, not by the input checks that read
/// every other body whole).
pub fn is_upload(request: &Request) -> bool {
    request.method() == axum::http::Method::POST
        && request
            .uri()
            .path()
            .strip_prefix("/meetings/")
            .and_then(|rest| rest.strip_suffix("/attachments"))
            .is_some_and(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()))
}

/// Why an upload was refused; the editor shows the words of each (the closed set of codes
/// rides in the URL of the redirect back, never text from the request).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Refusal {
    NoFile,
    Empty,
    Kind,
    NotWhatItSays,
    TooLarge,
}

impl Refusal {
    fn code(self) -> &'static str {
        match self {
            Refusal::NoFile => "no-file",
            Refusal::Empty => "empty",
            Refusal::Kind => "kind",
            Refusal::NotWhatItSays => "mismatch",
            Refusal::TooLarge => "too-large",
        }
    }

    fn status(self) -> StatusCode {
        match self {
            Refusal::NoFile | Refusal::Empty | Refusal::NotWhatItSays => {
                StatusCode::UNPROCESSABLE_ENTITY
            }
            Refusal::Kind => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Refusal::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
        }
    }
}

enum Failure {
    Refused(Refusal),
    Denied(AppError),
}

impl From<AppError> for Failure {
    fn from(error: AppError) -> Self {
        Failure::Denied(error)
    }
}

impl From<sqlx::Error> for Failure {
    fn from(error: sqlx::Error) -> Self {
        tracing::error!(%error, "attachment upload failed");
        Failure::Denied(AppError::Internal)
    }
}

pub async fn upload(
    State(state): State<AttachmentState>,
    Path(meeting): Path<i64>,
    user: Option<Extension<CurrentUser>>,
    headers: HeaderMap,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    let meeting = MeetingId(meeting);
    let user = user.map(|Extension(user)| user);
    let from_browser = headers
        .get(header::ACCEPT)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"));
    let Ok(multipart) = multipart else {
        return (
            StatusCode::BAD_REQUEST,
            "Send the file as a form (multipart/form-data).\n",
        )
            .into_response();
    };
    let editor = format!("{}/edit", meeting.href());
    match receive(&state, meeting, user.as_ref(), multipart).await {
        Ok(_) if from_browser => {
            Redirect::to(&format!("{editor}?saved=attached#attachments-heading")).into_response()
        }
        Ok((id, name)) => (
            StatusCode::CREATED,
            [(
                header::LOCATION,
                app::meetings::types::attachment_href(id, &name),
            )],
        )
            .into_response(),
        Err(Failure::Refused(refusal)) if from_browser => Redirect::to(&format!(
            "{editor}?attach={}#attachments-heading",
            refusal.code()
        ))
        .into_response(),
        Err(Failure::Refused(refusal)) => {
            (refusal.status(), format!("{}\n", refusal.code())).into_response()
        }
        Err(Failure::Denied(error)) => (error.status(), format!("{error}\n")).into_response(),
    }
}

/// Reads the form: `item` (empty for the meeting's own papers), then `file`.
async fn receive(
    state: &AttachmentState,
    meeting: MeetingId,
    user: Option<&CurrentUser>,
    mut multipart: Multipart,
) -> Result<(AttachmentId, String), Failure> {
    // Who may attach is checked before a byte of the file is read.
    may_attach(&state.db, user, meeting, None).await?;
    let by = user.map(|user| user.id).ok_or(AppError::NotSignedIn)?;
    let mut item = None;
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|_| AppError::BadRequest)?
    {
        match field.name() {
            Some("item") => {
                let text = short_text(field).await?;
                item = match text.trim() {
                    "" => None,
                    id => Some(AgendaItemId(id.parse().map_err(|_| AppError::BadRequest)?)),
                };
                may_attach(&state.db, user, meeting, item).await?;
            }
            Some("file") => {
                let upload = Upload {
                    state,
                    meeting,
                    item,
                    by,
                };
                let result = upload.store(field).await;
                // Whatever was refused, the rest of the form is read, so the browser sends it
                // all and hears the answer.
                while let Ok(Some(_)) = multipart.next_field().await {}
                return result;
            }
            _ => {}
        }
    }
    Err(Failure::Refused(Refusal::NoFile))
}

struct Upload<'a> {
    state: &'a AttachmentState,
    meeting: MeetingId,
    item: Option<AgendaItemId>,
    by: app::domain::ids::AccountId,
}

impl Upload<'_> {
    async fn store(&self, mut field: Field<'_>) -> Result<(AttachmentId, String), Failure> {
        let given = field.file_name().unwrap_or_default().to_owned();
        if given.is_empty() {
            drain(&mut field).await;
            return Err(Failure::Refused(Refusal::NoFile));
        }
        let name = sanitise_file_name(&given);
        let Some(kind) = kind_of(&name) else {
            drain(&mut field).await;
            return Err(Failure::Refused(Refusal::Kind));
        };
        let db = &self.state.db;
        let now = self.state.clock.now();
        let mut tx = db.begin_write().await?;
        let new = NewAttachment {
            meeting: self.meeting,
            item: self.item,
            file_name: &name,
            content_type: kind.content_type,
            by: self.by,
        };
        let Some(id) = store::begin_attachment(&mut tx, &new, now).await? else {
            drain(&mut field).await;
            return Err(AppError::NotFound.into());
        };
        tx.commit().await?;
        match self.write_chunks(id, kind, &mut field).await {
            Ok(()) => Ok((id, name)),
            Err(failure) => {
                drain(&mut field).await;
                let mut tx = db.begin_write().await?;
                store::remove_attachment(&mut tx, id).await?;
                tx.commit().await?;
                Err(failure)
            }
        }
    }

    /// Writes the file's bytes as they arrive, a chunk per write, and marks it complete.
    async fn write_chunks(
        &self,
        id: AttachmentId,
        kind: &FileKind,
        field: &mut Field<'_>,
    ) -> Result<(), Failure> {
        let db = &self.state.db;
        let mut pending: Vec<u8> = Vec::with_capacity(CHUNK_BYTES);
        let mut head: Vec<u8> = Vec::with_capacity(64);
        let mut hasher = Sha256::new();
        let (mut size, mut seq) = (0u64, 0i64);
        while let Some(bytes) = field.chunk().await.map_err(|_| AppError::BadRequest)? {
            size += bytes.len() as u64;
            if size > self.state.max_bytes {
                return Err(Failure::Refused(Refusal::TooLarge));
            }
            let room = 64 - head.len().min(64);
            head.extend_from_slice(&bytes[..bytes.len().min(room)]);
            hasher.update(&bytes);
            pending.extend_from_slice(&bytes);
            while pending.len() >= CHUNK_BYTES {
                self.write_chunk(id, seq, &pending[..CHUNK_BYTES]).await?;
                pending.drain(..CHUNK_BYTES);
                seq += 1;
            }
        }
        if size == 0 {
            return Err(Failure::Refused(Refusal::Empty));
        }
        if !is_what_it_says(kind, &head) {
            return Err(Failure::Refused(Refusal::NotWhatItSays));
        }
        if !pending.is_empty() {
            self.write_chunk(id, seq, &pending).await?;
        }
        let sha256 = format!("{:x}", hasher.finalize());
        let mut tx = db.begin_write().await?;
        // If the meeting or item was removed while the file came in, so was the file's row.
        if !store::finish_attachment(
            &mut tx,
            id,
            i64::try_from(size).unwrap_or(i64::MAX),
            &sha256,
        )
        .await?
        {
            return Err(AppError::NotFound.into());
        }
        tx.commit().await?;
        Ok(())
    }

    async fn write_chunk(&self, id: AttachmentId, seq: i64, data: &[u8]) -> Result<(), Failure> {
        let mut tx = self.state.db.begin_write().await?;
        // The meeting or item removed meanwhile took the file's row with it.
        if !store::add_chunk(&mut tx, id, seq, data, self.state.clock.now()).await? {
            return Err(AppError::NotFound.into());
        }
        tx.commit().await?;
        Ok(())
    }
}

/// A short text field (an id), read a piece at a time and refused past 32 bytes, so that no
/// field but the file's can make the server hold much.
async fn short_text(mut field: Field<'_>) -> Result<String, Failure> {
    let mut text = Vec::new();
    while let Some(bytes) = field.chunk().await.map_err(|_| AppError::BadRequest)? {
        text.extend_from_slice(&bytes);
        if text.len() > 32 {
            return Err(AppError::BadRequest.into());
        }
    }
    String::from_utf8(text).map_err(|_| AppError::BadRequest.into())
}

/// Reads what is left of a field, keeping none of it.
async fn drain(field: &mut Field<'_>) {
    while let Ok(Some(_)) = field.chunk().await {}
}

/// Whether a file's first bytes are those of its kind, for the kinds shown inline (a "PNG"
/// that is really HTML is refused); text must not start as binary does (a NUL among its
/// first bytes). Served with `nosniff`, the rest cannot make it anything else.
fn is_what_it_says(kind: &FileKind, head: &[u8]) -> bool {
    if !kind.inline {
        return true;
    }
    if kind.content_type.starts_with("text/") {
        return !head.contains(&0);
    }
    infer::get(head).is_some_and(|found| found.mime_type() == kind.content_type)
}

/// `GET /attachments/{id}/{name}`: the file, to those who may read it; anyone else hears what
/// a missing file answers. The name in the address is for people; the id decides.
pub async fn download(
    State(state): State<AttachmentState>,
    Path((id, _name)): Path<(String, String)>,
    user: Option<Extension<CurrentUser>>,
    headers: HeaderMap,
) -> Response {
    let user = user.map(|Extension(user)| user);
    let Ok(id) = id.parse::<i64>() else {
        return not_found(user.is_none());
    };
    let file = match readable_attachment(&state.db, user.as_ref(), AttachmentId(id)).await {
        Ok(file) => file,
        Err(AppError::NotFound | AppError::NotSignedIn) => return not_found(user.is_none()),
        Err(error) => return (error.status(), format!("{error}\n")).into_response(),
    };
    let etag = format!("\"{}\"", file.sha256);
    let mut response = if headers
        .get(header::IF_NONE_MATCH)
        .is_some_and(|given| given.as_bytes() == etag.as_bytes())
    {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let mut response =
            Body::from_stream(chunks(state.db.clone(), file.id, file.chunks)).into_response();
        if let Ok(length) = HeaderValue::from_str(&file.size_bytes.to_string()) {
            response
                .headers_mut()
                .insert(header::CONTENT_LENGTH, length);
        }
        response
    };
    let kind = kind_by_type(&file.content_type);
    let inline = kind.is_some_and(|kind| kind.inline);
    let headers = response.headers_mut();
    let mut set = |name, value: &str| {
        if let Ok(value) = HeaderValue::from_str(value) {
            headers.insert(name, value);
        }
    };
    set(header::CONTENT_TYPE, &file.content_type);
    set(
        header::CONTENT_DISPOSITION,
        &content_disposition(&file.file_name, inline),
    );
    set(header::ETAG, &etag);
    // Kept by no cache, as pages are: a committee paper must not stay on a shared computer
    // after its reader signs out. (A client that sends the ETag back still gets a 304.)
    set(header::CACHE_CONTROL, "no-store");
    // Nothing in a file runs: no script, no plugin, no form; and no other site embeds it.
    set(
        header::CONTENT_SECURITY_POLICY,
        if file.content_type == "application/pdf" {
            // The browser's own PDF viewer is a plugin that `sandbox` or `default-src 'none'`
            // refuses; a PDF's own scripts run inside that viewer, never in the page.
            "frame-ancestors 'self'; base-uri 'none'; form-action 'none'"
        } else {
            "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; frame-ancestors 'self'; sandbox"
        },
    );
    set(
        axum::http::HeaderName::from_static("cross-origin-resource-policy"),
        "same-origin",
    );
    // The file is sent as it was kept: the compression layer leaves it alone.
    set(
        axum::http::HeaderName::from_static(app::security::UNCOMPRESSED),
        "1",
    );
    response
}

/// What a missing file answers (and a file the caller may not read).
fn not_found(visitor: bool) -> Response {
    if visitor {
        (
            StatusCode::UNAUTHORIZED,
            "Sign in to read this file, if you may.\n",
        )
            .into_response()
    } else {
        (
            StatusCode::NOT_FOUND,
            "That file could not be found. It may have been removed, or the link may be wrong.\n",
        )
            .into_response()
    }
}

/// The file's chunks in order, each read from the database as the previous one has gone.
fn chunks(
    db: Db,
    id: AttachmentId,
    count: i64,
) -> impl futures::Stream<Item = Result<Vec<u8>, std::io::Error>> {
    futures::stream::try_unfold(0i64, move |seq| {
        let db = db.clone();
        async move {
            if seq >= count {
                return Ok(None);
            }
            match store::chunk(&db, id, seq).await {
                Ok(Some(data)) => Ok(Some((data, seq + 1))),
                Ok(None) => Err(std::io::Error::other("a chunk of the file is missing")),
                Err(error) => {
                    tracing::error!(%error, "reading an attachment failed");
                    Err(std::io::Error::other(error))
                }
            }
        }
    })
}

/// Removes the files whose upload never finished (cut off, or its process stopped) and that
/// were begun over an hour ago, so no other process is still writing them.
pub async fn remove_abandoned(db: &Db, clock: app::clock::Clock) -> Result<usize, sqlx::Error> {
    let before = clock.now() - chrono::Duration::hours(1);
    let abandoned = store::abandoned_attachments(db, before).await?;
    for id in &abandoned {
        let mut tx = db.begin_write().await?;
        store::remove_attachment(&mut tx, *id).await?;
        tx.commit().await?;
    }
    Ok(abandoned.len())
}
