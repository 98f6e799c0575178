//! Static files and response compression.
//!
//! The browser bundle, its JavaScript and the stylesheet live under `/pkg`. A release build
//! names them by their content's hash and writes a brotli and a gzip copy beside each
//! (`cargo leptos build --release --precompress`). Such files never change under their name,
//! so the server reads them once, at start-up, and serves them from memory in the best
//! encoding the client accepts, cached by browsers for a year. (Read from disk per request
//! they cost a trip to the blocking thread pool for each open, stat and read: 5,000 requests
//! a second at best on two cores, against 20,000 from memory.) A development build's files
//! keep their names and change while the server runs, so they are read from disk each time.
//!
//! Pages are compressed as they are sent, at a level cheap enough for dynamic pages; never a
//! page that carries a secret (see `app::security::keep_uncompressed`). The site's other
//! files (the favicon, at the top of the site's folder) are served from disk by a route
//! each, never by Leptos' fallback: that one serves a file inside a reactive owner whose
//! parent is whatever page the worker thread rendered last, and so takes that page's
//! response headers for itself (its `Location`, its no-compression mark) while the page is
//! still rendering.

use std::{collections::HashMap, path::Path, sync::Arc};

use axum::{
    body::{Body, Bytes},
    extract::{Request, State},
    http::{
        header::{
            ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING, CONTENT_TYPE, ETAG, IF_NONE_MATCH,
            VARY,
        },
        HeaderMap, HeaderValue, Method, Response, StatusCode,
    },
    response::IntoResponse,
    routing::get,
    Router,
};
use tower_http::{
    compression::{
        predicate::{Predicate, SizeAbove},
        CompressionLayer, CompressionLevel,
    },
    services::ServeDir,
    set_header::SetResponseHeaderLayer,
};

/// A year: the longest a cache is asked to keep a hashed file (it never changes).
const HASHED: &str = "public, max-age=31536000, immutable";
/// Files without a hash in their name (a development build): a cache asks again each time.
const UNHASHED: &str = "no-cache";

/// Serves `/<pkg_dir>/…` from the site's folder: from memory if the build named the files by
/// their hash (`hashed`), else from disk.
pub fn pkg_router<S: Clone + Send + Sync + 'static>(
    site_root: &Path,
    pkg_dir: &str,
    hashed: bool,
) -> std::io::Result<Router<S>> {
    let folder = site_root.join(pkg_dir);
    if !hashed {
        let files = ServeDir::new(folder)
            .precompressed_br()
            .precompressed_gzip()
            .append_index_html_on_directories(false);
        return Ok(Router::new()
            .nest_service(&format!("/{pkg_dir}"), files)
            .layer(SetResponseHeaderLayer::overriding(
                CACHE_CONTROL,
                HeaderValue::from_static(UNHASHED),
            )));
    }
    let files = Arc::new(HeldFiles::read(&folder)?);
    tracing::debug!(files = files.0.len(), "static files held in memory");
    Ok(Router::new()
        .route(&format!("/{pkg_dir}/{{file}}"), get(serve_held))
        .with_state(files))
}

/// Serves each file at the top of the site's folder (the favicon) from disk, with its
/// pre-compressed copies; a cache asks again each time, since their names carry no hash.
pub fn site_root_router<S: Clone + Send + Sync + 'static>(
    site_root: &Path,
) -> std::io::Result<Router<S>> {
    let mut router = Router::new();
    let entries = match std::fs::read_dir(site_root) {
        Ok(entries) => entries,
        // A server without a built site (the integration tests) serves pages only.
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            tracing::warn!(folder = %site_root.display(), "no site folder: no static files");
            return Ok(router);
        }
        Err(error) => return Err(error),
    };
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let compressed_copy = name.ends_with(".br") || name.ends_with(".gz");
        // Only plain names become routes: no dotfiles, nothing a route pattern would read.
        let plain = !name.starts_with('.')
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'));
        if !entry.file_type()?.is_file() || compressed_copy || !plain {
            continue;
        }
        let file = tower_http::services::ServeFile::new(entry.path())
            .precompressed_br()
            .precompressed_gzip();
        router = router.route_service(&format!("/{name}"), file);
    }
    // The answer depends on Accept-Encoding (a pre-compressed copy or not), which caches
    // must know; tower-http's ServeFile does not say so itself.
    Ok(router
        .layer(SetResponseHeaderLayer::overriding(
            CACHE_CONTROL,
            HeaderValue::from_static(UNHASHED),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            VARY,
            HeaderValue::from_static("accept-encoding"),
        )))
}

/// One file as built, with its pre-compressed copies.
struct HeldFile {
    content_type: &'static str,
    etag: HeaderValue,
    identity: Bytes,
    brotli: Option<Bytes>,
    gzip: Option<Bytes>,
}

/// The files of the `/pkg` folder by name.
struct HeldFiles(HashMap<String, HeldFile>);

impl HeldFiles {
    fn read(folder: &Path) -> std::io::Result<HeldFiles> {
        let mut files = HashMap::new();
        for entry in std::fs::read_dir(folder)? {
            let path = entry?.path();
            let Some(name) = path.file_name().and_then(|name| name.to_str()) else {
                continue;
            };
            if !path.is_file() || name.ends_with(".br") || name.ends_with(".gz") {
                continue;
            }
            let copy = |suffix: &str| -> std::io::Result<Option<Bytes>> {
                let path = folder.join(format!("{name}{suffix}"));
                if path.is_file() {
                    Ok(Some(Bytes::from(std::fs::read(path)?)))
                } else {
                    Ok(None)
                }
            };
            // The name holds the content's hash; the tag only needs to tell encodings apart.
            let etag = HeaderValue::from_str(&format!("\"{name}\""))
                .map_err(|error| std::io::Error::new(std::io::ErrorKind::InvalidData, error))?;
            let file = HeldFile {
                content_type: content_type(name),
                etag,
                identity: Bytes::from(std::fs::read(&path)?),
                brotli: copy(".br")?,
                gzip: copy(".gz")?,
            };
            files.insert(name.to_owned(), file);
        }
        Ok(HeldFiles(files))
    }
}

async fn serve_held(
    State(files): State<Arc<HeldFiles>>,
    axum::extract::Path(name): axum::extract::Path<String>,
    request: Request,
) -> Response<Body> {
    let Some(file) = files.0.get(&name) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let headers = request.headers();
    let (encoding, body) = match Encoding::best(headers) {
        Encoding::Brotli if file.brotli.is_some() => (Some("br"), file.brotli.clone()),
        Encoding::Brotli | Encoding::Gzip if file.gzip.is_some() => {
            (Some("gzip"), file.gzip.clone())
        }
        _ => (None, None),
    };
    let body = body.unwrap_or_else(|| file.identity.clone());
    let etag = match encoding {
        // A tag per encoding: a cache must not answer one encoding's request with another's.
        Some(encoding) => HeaderValue::from_str(&format!(
            "{}-{encoding}\"",
            file.etag.to_str().unwrap_or_default().trim_end_matches('"')
        ))
        .unwrap_or_else(|_| file.etag.clone()),
        None => file.etag.clone(),
    };
    let not_modified = headers
        .get(IF_NONE_MATCH)
        .is_some_and(|tags| tags.as_bytes() == etag.as_bytes());
    let mut response = if not_modified {
        StatusCode::NOT_MODIFIED.into_response()
    } else if request.method() == Method::HEAD {
        Response::new(Body::empty())
    } else {
        Response::new(Body::from(body))
    };
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(file.content_type));
    if let Some(encoding) = encoding {
        headers.insert(CONTENT_ENCODING, HeaderValue::from_static(encoding));
    }
    headers.insert(VARY, HeaderValue::from_static("accept-encoding"));
    headers.insert(CACHE_CONTROL, HeaderValue::from_static(HASHED));
    headers.insert(ETAG, etag);
    response
}

/// The encodings a client may accept, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Encoding {
    Brotli,
    Gzip,
    Identity,
}

impl Encoding {
    /// The best encoding `Accept-Encoding` allows (an encoding with `q=0` is refused).
    fn best(headers: &HeaderMap) -> Encoding {
        let accepted = |wanted: &str| {
            headers
                .get_all(ACCEPT_ENCODING)
                .iter()
                .filter_map(|value| value.to_str().ok())
                .flat_map(|value| value.split(','))
                .any(|item| {
                    let mut parts = item.split(';').map(str::trim);
                    let coding = parts.next().unwrap_or_default();
                    let refused = parts.any(|parameter| {
                        parameter
                            .strip_prefix("q=")
                            .and_then(|q| q.parse::<f32>().ok())
                            .is_some_and(|q| q <= 0.0)
                    });
                    coding.eq_ignore_ascii_case(wanted) && !refused
                })
        };
        if accepted("br") {
            Encoding::Brotli
        } else if accepted("gzip") {
            Encoding::Gzip
        } else {
            Encoding::Identity
        }
    }
}

fn content_type(name: &str) -> &'static str {
    match name.rsplit('.').next().unwrap_or_default() {
        "js" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "svg" => "image/svg+xml",
        "json" => "application/json",
        "ts" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Compresses pages and CSV exports as they are sent, at level 1 (brotli, or gzip): measured
/// on the issue list (16 KB of HTML), level 1 makes 3.9 KB at almost no cost in requests a
/// second, where level 4 makes 3.3 KB but costs a fifth of the server's throughput, and the
/// top levels many times more. Nothing else: JSON answers are small, and files under `/pkg`
/// were compressed at build time.
pub fn compression() -> CompressionLayer<impl Predicate> {
    CompressionLayer::new()
        .quality(CompressionLevel::Precise(1))
        .no_deflate()
        .no_zstd()
        .compress_when(SizeAbove::new(1024).and(CompressibleDocument))
}

/// Pages and CSV files, unless the page carries a secret next to text a request can echo
/// (BREACH: the compressed size would leak the secret a guess at a time).
#[derive(Clone, Copy)]
struct CompressibleDocument;

impl Predicate for CompressibleDocument {
    fn should_compress<B>(&self, response: &Response<B>) -> bool
    where
        B: axum::body::HttpBody,
    {
        let headers = response.headers();
        let document = headers
            .get(CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .is_some_and(|kind| kind.starts_with("text/html") || kind.starts_with("text/csv"));
        document && !headers.contains_key(app::security::UNCOMPRESSED)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accepting(value: &str) -> Encoding {
        let mut headers = HeaderMap::new();
        headers.insert(
            ACCEPT_ENCODING,
            HeaderValue::from_str(value).expect("header"),
        );
        Encoding::best(&headers)
    }

    #[test]
    fn the_best_accepted_encoding_wins() {
        assert_eq!(accepting("gzip, deflate, br, zstd"), Encoding::Brotli);
        assert_eq!(accepting("gzip"), Encoding::Gzip);
        assert_eq!(accepting("br;q=0, gzip;q=0.5"), Encoding::Gzip);
        assert_eq!(accepting("identity"), Encoding::Identity);
        assert_eq!(accepting("BR"), Encoding::Brotli);
        assert_eq!(Encoding::best(&HeaderMap::new()), Encoding::Identity);
    }

    #[test]
    fn files_are_typed_by_their_extension() {
        assert_eq!(content_type("watchdog.Ab12.wasm"), "application/wasm");
        assert_eq!(
            content_type("watchdog.Ab12.js"),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(content_type("watchdog.Ab12.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("README"), "application/octet-stream");
    }
}
