//! Files attached to meetings and agenda items: which kinds Watchdog takes, how each is served
//! (shown in the browser, or only ever downloaded), and the file name a person's upload is
//! kept and served under.
//!
//! A file is shown inline only if its kind cannot run code in the browser (PDF, raster
//! images, plain text); everything else — SVG and HTML among them — is served as a download.
//! The server also checks that an inline kind's bytes are what its name says.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// The most characters a kept file name has (its extension kept).
pub const MAX_NAME_CHARS: usize = 100;

/// One kind of file Watchdog takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileKind {
    /// The extensions it is known by, lower case.
    pub extensions: &'static [&'static str],
    pub content_type: &'static str,
    /// Shown in the browser (`Content-Disposition: inline`); otherwise downloaded.
    pub inline: bool,
    /// A picture Markdown may show (`![…](/attachments/…)`).
    pub image: bool,
}

const fn kind(
    extensions: &'static [&'static str],
    content_type: &'static str,
    inline: bool,
    image: bool,
) -> FileKind {
    FileKind {
        extensions,
        content_type,
        inline,
        image,
    }
}

/// Every kind taken: PDF, images, office documents and text.
pub const KINDS: &[FileKind] = &[
    kind(&["pdf"], "application/pdf", true, false),
    kind(&["png"], "image/png", true, true),
    kind(&["jpg", "jpeg"], "image/jpeg", true, true),
    kind(&["gif"], "image/gif", true, true),
    kind(&["webp"], "image/webp", true, true),
    kind(&["svg"], "image/svg+xml", false, false),
    kind(
        &["txt", "text", "log", "md"],
        "text/plain; charset=utf-8",
        true,
        false,
    ),
    kind(&["csv"], "text/csv; charset=utf-8", false, false),
    kind(&["html", "htm"], "text/html; charset=utf-8", false, false),
    kind(&["rtf"], "application/rtf", false, false),
    kind(&["doc"], "application/msword", false, false),
    kind(
        &["docx"],
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        false,
        false,
    ),
    kind(&["xls"], "application/vnd.ms-excel", false, false),
    kind(
        &["xlsx"],
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        false,
        false,
    ),
    kind(&["ppt"], "application/vnd.ms-powerpoint", false, false),
    kind(
        &["pptx"],
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        false,
        false,
    ),
    kind(
        &["odt"],
        "application/vnd.oasis.opendocument.text",
        false,
        false,
    ),
    kind(
        &["ods"],
        "application/vnd.oasis.opendocument.spreadsheet",
        false,
        false,
    ),
    kind(
        &["odp"],
        "application/vnd.oasis.opendocument.presentation",
        false,
        false,
    ),
    kind(&["eml"], "message/rfc822", false, false),
];

/// What the upload form says is taken, for its hint and the refusal.
pub const KINDS_IN_WORDS: &str = "PDF, images (PNG, JPEG, GIF, WebP, SVG), office documents \
    (Word, Excel, PowerPoint, OpenDocument, RTF) and text (plain, CSV, HTML, email)";

/// The kind of a file by its name's extension, if Watchdog takes it.
pub fn kind_of(file_name: &str) -> Option<&'static FileKind> {
    let (_, extension) = file_name.rsplit_once('.')?;
    let extension = extension.to_ascii_lowercase();
    KINDS
        .iter()
        .find(|kind| kind.extensions.contains(&extension.as_str()))
}

/// The kind of a file stored with `content_type` (as `kind_of` gave it when it was taken).
pub fn kind_by_type(content_type: &str) -> Option<&'static FileKind> {
    KINDS.iter().find(|kind| kind.content_type == content_type)
}

/// The name a file is kept under: its last path part, without control or direction-changing
/// characters, characters file systems refuse (`<>:"/\|?*`), leading or trailing dots and
/// spaces, runs of spaces or device names Windows reserves; at most `MAX_NAME_CHARS`
/// characters with its extension kept; "attachment" if nothing is left.
pub fn sanitise_file_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let mut cleaned = String::with_capacity(last.len());
    for c in last.chars() {
        if c.is_control() || is_direction_mark(c) || "<>:\"|?*".contains(c) {
            continue;
        }
        if c.is_whitespace() {
            if !cleaned.ends_with(' ') {
                cleaned.push(' ');
            }
        } else {
            cleaned.push(c);
        }
    }
    let trimmed = cleaned.trim_matches(|c: char| c == '.' || c == ' ');
    let mut kept = shorten(trimmed);
    let stem = kept
        .split('.')
        .next()
        .unwrap_or_default()
        .to_ascii_uppercase();
    if is_reserved_device(&stem) {
        kept.insert(0, '_');
    }
    if kept.is_empty() {
        "attachment".to_owned()
    } else {
        kept
    }
}

fn is_direction_mark(c: char) -> bool {
    matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
}

fn is_reserved_device(stem: &str) -> bool {
    matches!(stem, "CON" | "PRN" | "AUX" | "NUL")
        || ((stem.starts_with("COM") || stem.starts_with("LPT"))
            && stem.len() == 4
            && stem.as_bytes()[3].is_ascii_digit())
}

/// At most `MAX_NAME_CHARS` characters, cut from the stem so the extension survives.
fn shorten(name: &str) -> String {
    if name.chars().count() <= MAX_NAME_CHARS {
        return name.to_owned();
    }
    let (stem, extension) = match name.rsplit_once('.') {
        Some((stem, extension)) if extension.chars().count() <= 10 => (stem, extension),
        _ => (name, ""),
    };
    let room = MAX_NAME_CHARS - extension.chars().count() - usize::from(!extension.is_empty());
    let stem: String = stem.chars().take(room).collect();
    let stem = stem.trim_end_matches([' ', '.']);
    if extension.is_empty() {
        stem.to_owned()
    } else {
        format!("{stem}.{extension}")
    }
}

/// The bytes a name keeps as they are in an RFC 8187 `ext-value` (its `attr-char`s); every
/// other byte is written `%XX`.
const ATTR_CHAR: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'!')
    .remove(b'#')
    .remove(b'$')
    .remove(b'&')
    .remove(b'+')
    .remove(b'-')
    .remove(b'.')
    .remove(b'^')
    .remove(b'_')
    .remove(b'`')
    .remove(b'|')
    .remove(b'~');

/// The `Content-Disposition` header of a kept file: `inline` or `attachment`, its name as
/// plain ASCII for old clients and exactly (`filename*`, RFC 6266 / 8187) for the rest.
pub fn content_disposition(file_name: &str, inline: bool) -> String {
    let fallback: String = file_name
        .chars()
        .map(|c| {
            if c == ' ' || (c.is_ascii_graphic() && c != '"' && c != '\\') {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!(
        "{}; filename=\"{fallback}\"; filename*=UTF-8''{}",
        if inline { "inline" } else { "attachment" },
        utf8_percent_encode(file_name, ATTR_CHAR)
    )
}

#[cfg(test)]
mod tests;
