//! Markdown to safe HTML, for every page that shows what people wrote. pulldown-cmark parses
//! (CommonMark with tables, strikethrough and task lists); the event stream is then made safe
//! and linked here, and ammonia's allow-list sanitiser has the last word:
//! - raw HTML is shown as the text it is, never interpreted;
//! - links and images keep only `http`, `https`, `mailto` and relative addresses; external
//!   links get `rel="nofollow noopener"`; an image shows only if it is one of the app's own
//!   attachments (`ATTACHMENTS`), any other becomes a link to it (a page must not fetch from
//!   other sites when it is read, nor make every reader's browser ask this site for an
//!   expensive page such as an export);
//! - references (`#12`, `log:CS0123456`) become links, except inside code and links;
//! - nesting deeper than `MAX_DEPTH` is flattened, so no input can make the tree deep enough
//!   to exhaust a stack further on.

use std::{collections::HashSet, sync::LazyLock};

use pulldown_cmark::{
    html, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd, TextMergeStream,
};

use crate::{
    domain::html::escape,
    markdown::{
        references::{self, Piece},
        SafeHtml,
    },
};

/// The renderer's version, stored beside every text's HTML. Raise it whenever a change here
/// changes what any text renders to (a new kind of reference, say): stored texts are then
/// re-rendered in the background (`super::rerender`), and read through the new renderer
/// until they are. Version 2: images show only from `ATTACHMENTS`. Version 3: `C-45` links
/// to its commitment.
pub const VERSION: i64 = 3;

/// Containers nested deeper than this lose their markup (their text stays).
const MAX_DEPTH: usize = 24;

const OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_TASKLISTS);

/// Renders Markdown as HTML that is safe to put into a page.
pub fn to_html(text: &str) -> SafeHtml {
    let events = TextMergeStream::new(Parser::new_ext(text, OPTIONS));
    let mut html = String::with_capacity(text.len() + text.len() / 2);
    html::push_html(&mut html, Safe::default().events(events).into_iter());
    SafeHtml(SANITISER.clean(&html).to_string())
}

/// The references a text makes, each once, in order: those `to_html` links (in its prose,
/// not in code nor inside a link's own words).
pub fn references_in(text: &str) -> Vec<references::Reference> {
    let mut found = Vec::new();
    let (mut code, mut link) = (0_usize, 0_usize);
    for event in TextMergeStream::new(Parser::new_ext(text, OPTIONS)) {
        match event {
            Event::Start(Tag::CodeBlock(_)) => code += 1,
            Event::End(TagEnd::CodeBlock) => code = code.saturating_sub(1),
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => link += 1,
            Event::End(TagEnd::Link | TagEnd::Image) => link = link.saturating_sub(1),
            Event::Text(text) if code == 0 && link == 0 => {
                for piece in references::split(&text) {
                    if let Piece::Reference(_, reference) = piece {
                        if !found.contains(&reference) {
                            found.push(reference);
                        }
                    }
                }
            }
            _ => {}
        }
    }
    found
}

static SANITISER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder
        .link_rel(None)
        .add_tag_attributes("a", ["rel"])
        .add_tags(["input"])
        .add_tag_attributes("input", ["type", "checked", "disabled"])
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .url_relative(ammonia::UrlRelative::PassThrough);
    builder
});

/// Where a link may lead.
enum Target {
    /// Somewhere in this app (a relative address).
    Internal(String),
    /// Another site or an email address.
    External(String),
}

/// The address a Markdown link or image names, if it is one we allow.
fn target(link_type: LinkType, dest: &str) -> Option<Target> {
    let dest = match link_type {
        LinkType::Email => format!("mailto:{dest}"),
        _ => dest.to_owned(),
    };
    // Browsers ignore whitespace and control characters inside a scheme ("java\tscript:").
    let squeezed: String = dest
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect();
    match scheme(&squeezed) {
        None if squeezed.starts_with("//") => Some(Target::External(dest)),
        None => Some(Target::Internal(dest)),
        Some(scheme) => ["http", "https", "mailto"]
            .iter()
            .any(|allowed| scheme.eq_ignore_ascii_case(allowed))
            .then_some(Target::External(dest)),
    }
}

/// The URL's scheme, if it has one (`None` for a relative address).
fn scheme(url: &str) -> Option<&str> {
    let end = url.find([':', '/', '?', '#'])?;
    if !url[end..].starts_with(':') {
        return None;
    }
    let scheme = &url[..end];
    let mut chars = scheme.chars();
    let well_formed = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    // Anything else before a colon is not a scheme to a browser either, but refuse it
    // rather than guess.
    Some(if well_formed { scheme } else { url })
}

fn open_link(target: &Target, title: &str) -> String {
    let title = if title.is_empty() {
        String::new()
    } else {
        format!(" title=\"{}\"", escape(title))
    };
    match target {
        Target::Internal(href) => format!("<a href=\"{}\"{title}>", escape(href)),
        Target::External(href) => {
            format!(
                "<a href=\"{}\" rel=\"nofollow noopener\"{title}>",
                escape(href)
            )
        }
    }
}

pub use super::ATTACHMENTS;

/// Whether `src` names a file under `ATTACHMENTS` and nothing else: no query, no fragment,
/// no way out of the folder.
fn is_attachment(src: &str) -> bool {
    src.strip_prefix(ATTACHMENTS).is_some_and(|rest| {
        !rest.is_empty()
            && !rest
                .split('/')
                .any(|part| part.is_empty() || part == "." || part == "..")
            && rest
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'))
    })
}

/// An image being read: its address and the alt text gathered so far.
struct Image {
    target: Option<Target>,
    alt: String,
}

/// A tag the filter has seen open: whether it was passed on (a dropped start tag drops its
/// end tag too) and whether it counts towards the nesting depth.
struct Open {
    passed_on: bool,
    counted: bool,
}

/// The event filter.
#[derive(Default)]
struct Safe<'a> {
    out: Vec<Event<'a>>,
    open: Vec<Open>,
    depth: usize,
    code: usize,
    link: usize,
    image: Option<Image>,
}

impl<'a> Safe<'a> {
    fn events(mut self, events: impl Iterator<Item = Event<'a>>) -> Vec<Event<'a>> {
        for event in events {
            if let Some(image) = &mut self.image {
                match event {
                    Event::End(TagEnd::Image) => self.close_image(),
                    Event::Text(text) | Event::Code(text) => image.alt.push_str(&text),
                    _ => {}
                }
                continue;
            }
            match event {
                Event::Start(tag) => self.start(tag),
                Event::End(end) => self.end(end),
                Event::Html(raw) | Event::InlineHtml(raw) => self.out.push(Event::Text(raw)),
                Event::Text(text) if self.code == 0 && self.link == 0 => self.link_references(text),
                Event::TaskListMarker(done) => {
                    self.out.push(Event::Html(CowStr::Borrowed(if done {
                        "<input type=\"checkbox\" disabled checked> "
                    } else {
                        "<input type=\"checkbox\" disabled> "
                    })))
                }
                other => self.out.push(other),
            }
        }
        self.out
    }

    fn start(&mut self, tag: Tag<'a>) {
        if let Tag::Image { dest_url, .. } = tag {
            // Its events up to the end tag are its alt text (see `events`).
            self.image = Some(Image {
                target: target(LinkType::Inline, &dest_url),
                alt: String::new(),
            });
            return;
        }
        let counted = self.depth < MAX_DEPTH;
        if counted {
            self.depth += 1;
        }
        let passed_on = match tag {
            Tag::Link {
                link_type,
                dest_url,
                title,
                ..
            } => {
                self.link += 1;
                match target(link_type, &dest_url).filter(|_| counted) {
                    Some(target) => {
                        self.out
                            .push(Event::Html(open_link(&target, &title).into()));
                        true
                    }
                    None => false,
                }
            }
            // Raw HTML on its own lines: shown as a paragraph of text.
            Tag::HtmlBlock => {
                if counted {
                    self.out.push(Event::Start(Tag::Paragraph));
                }
                counted
            }
            tag => {
                if matches!(tag, Tag::CodeBlock(_)) {
                    self.code += 1;
                }
                if counted {
                    self.out.push(Event::Start(tag));
                }
                counted
            }
        };
        self.open.push(Open { passed_on, counted });
    }

    fn end(&mut self, end: TagEnd) {
        let Some(Open { passed_on, counted }) = self.open.pop() else {
            return;
        };
        if counted {
            self.depth -= 1;
        }
        let closing = match end {
            TagEnd::Link => {
                self.link -= 1;
                Event::Html(CowStr::Borrowed("</a>"))
            }
            TagEnd::HtmlBlock => Event::End(TagEnd::Paragraph),
            end => {
                if end == TagEnd::CodeBlock {
                    self.code -= 1;
                }
                Event::End(end)
            }
        };
        if passed_on {
            self.out.push(closing);
        }
    }

    fn close_image(&mut self) {
        let Some(Image { target, alt }) = self.image.take() else {
            return;
        };
        let html = match target {
            Some(Target::Internal(src)) if is_attachment(&src) => {
                format!("<img src=\"{}\" alt=\"{}\">", escape(&src), escape(&alt))
            }
            Some(other) => {
                let label = if alt.is_empty() {
                    "image"
                } else {
                    alt.as_str()
                };
                format!("{}{}</a>", open_link(&other, ""), escape(label))
            }
            None => escape(&alt),
        };
        self.out.push(Event::Html(html.into()));
    }

    fn link_references(&mut self, text: CowStr<'a>) {
        for piece in references::split(&text) {
            let event = match piece {
                Piece::Reference(written, reference) => match reference.href() {
                    Some(href) => Event::Html(
                        format!("<a href=\"{}\">{}</a>", escape(&href), escape(written)).into(),
                    ),
                    None => Event::Text(written.to_owned().into()),
                },
                Piece::Text(plain) => Event::Text(plain.to_owned().into()),
            };
            self.out.push(event);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_those_the_prose_makes_each_once() {
        use crate::domain::ids::{IssueId, ItemRef};
        use references::Reference;
        let found = references_in(
            "Raised as #12 and log:CS0412231.\n\n`#13` in code, [#14](/x) in a link, #12 again.\n\n```\n#15\n```",
        );
        assert_eq!(
            found,
            [
                Reference::Item(ItemRef::Issue(IssueId(12))),
                Reference::LogNumber(
                    crate::domain::log_number::LogNumber::parse("CS0412231").expect("a number")
                ),
            ]
        );
    }

    fn render(text: &str) -> String {
        to_html(text).0
    }

    #[test]
    fn renders_commonmark_tables_strikethrough_and_task_lists() {
        let html = render("# Title\n\n*a* **b** ~~c~~\n\n| x | y |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n- [ ] to do\n");
        assert!(html.contains("<h1>Title</h1>"), "{html}");
        assert!(html.contains("<em>a</em>"), "{html}");
        assert!(html.contains("<strong>b</strong>"), "{html}");
        assert!(html.contains("<del>c</del>"), "{html}");
        assert!(html.contains("<td>1</td>"), "{html}");
        assert!(
            html.contains("<input type=\"checkbox\" disabled=\"\" checked=\"\">"),
            "{html}"
        );
    }

    #[test]
    fn raw_html_is_shown_as_text() {
        let html = render("<b>bold</b> and\n\n<div onclick=\"x()\">block</div>\n");
        assert!(html.contains("&lt;b&gt;bold&lt;/b&gt;"), "{html}");
        assert!(html.contains("&lt;div onclick="), "{html}");
        assert!(!html.contains("<b>") && !html.contains("<div"), "{html}");
    }

    #[test]
    fn external_links_are_nofollow_noopener_and_internal_links_are_not() {
        let html = render("[a](https://example.org/x) [b](/issues/3) <https://example.net>");
        assert!(
            html.contains("<a href=\"https://example.org/x\" rel=\"nofollow noopener\">a</a>"),
            "{html}"
        );
        assert!(html.contains("<a href=\"/issues/3\">b</a>"), "{html}");
        assert!(
            html.contains("href=\"https://example.net\" rel=\"nofollow noopener\""),
            "{html}"
        );
    }

    #[test]
    fn email_autolinks_become_mailto() {
        let html = render("<help@example.org>");
        assert!(html.contains("href=\"mailto:help@example.org\""), "{html}");
    }

    #[test]
    fn links_with_other_schemes_keep_only_their_text() {
        for dest in [
            "javascript:alert(1)",
            "data:text/html,x",
            "vbscript:x",
            "file:///etc/passwd",
        ] {
            let html = render(&format!("[click]({dest})"));
            assert_eq!(html.trim(), "<p>click</p>", "{dest}");
        }
    }

    #[test]
    fn references_link_outside_code_and_links() {
        let html = render("See #12 and log:cs0123456. `#13` [#14](/x)\n\n    #15\n");
        assert!(html.contains("<a href=\"/issues/12\">#12</a>"), "{html}");
        assert!(
            html.contains("<a href=\"/issues?q=log%3ACS0123456\">log:cs0123456</a>"),
            "{html}"
        );
        assert!(html.contains("<code>#13</code>"), "{html}");
        assert!(html.contains("<a href=\"/x\">#14</a>"), "{html}");
        assert!(html.contains("#15\n</code>"), "{html}");
        assert!(
            !html.contains("/issues/13") && !html.contains("/issues/15"),
            "{html}"
        );
    }

    #[test]
    fn references_split_by_the_parser_are_still_found() {
        let html = render("Logged as log:CS_0123_4 today.");
        assert!(html.contains(">log:CS_0123_4</a>"), "{html}");
    }

    #[test]
    fn a_commitment_links_and_an_incident_stays_text_until_its_pages_exist() {
        let html = render("C-45 and INC-7");
        assert!(html.contains(">C-45</a>"), "{html}");
        assert!(html.contains("href=\"/commitments/45\""), "{html}");
        assert!(html.contains(" and INC-7</p>"), "{html}");
    }

    #[test]
    fn only_attachments_show_as_images_and_any_other_image_becomes_a_link() {
        let html = render(
            "![chart](/attachments/12/chart.png) ![csv](/issues.csv?status=all) \
             ![up](/attachments/../issues.csv) ![logo *x*](https://example.org/l.png)",
        );
        assert!(
            html.contains("<img src=\"/attachments/12/chart.png\" alt=\"chart\">"),
            "{html}"
        );
        assert!(
            html.contains("<a href=\"/issues.csv?status=all\">csv</a>"),
            "{html}"
        );
        assert!(
            html.contains("<a href=\"/attachments/../issues.csv\">up</a>"),
            "{html}"
        );
        assert_eq!(html.matches("<img").count(), 1, "{html}");
        assert!(
            html.contains(
                "<a href=\"https://example.org/l.png\" rel=\"nofollow noopener\">logo x</a>"
            ),
            "{html}"
        );
        assert!(!html.contains("<img src=\"https"), "{html}");
    }

    #[test]
    fn deep_nesting_is_flattened_but_keeps_its_text() {
        let html = render(&format!("{}deep", "> ".repeat(10_000)));
        assert!(
            html.matches("<blockquote>").count() <= MAX_DEPTH,
            "too deep"
        );
        assert!(html.contains("deep"));
        let html = render(&format!("{}x", "- ".repeat(5_000)));
        assert!(html.contains('x'));
    }

    /// Adversarial inputs of the kinds that made Markdown parsers super-linear, at the size
    /// cap. Each must finish; the bound is a hang guard, far above the milliseconds they take.
    #[test]
    fn adversarial_input_renders_in_bounded_time() {
        let cap = crate::markdown::MAX_BYTES;
        let inputs = [
            "[".repeat(cap),
            "*a".repeat(cap / 2),
            "_a ".repeat(cap / 3),
            "`".repeat(cap),
            "[a](".repeat(cap / 4),
            "<a ".repeat(cap / 3),
            "![".repeat(cap / 2),
            "> - ".repeat(cap / 4),
            "|a".repeat(cap / 2) + "\n|-|\n",
            "**_~~".repeat(cap / 5),
            "[x]: /y\n".repeat(cap / 8),
            "#1 ".repeat(cap / 3),
        ];
        for input in inputs {
            let input = input + "\n\nthe end";
            let started = std::time::Instant::now();
            let html = render(&input);
            let took = started.elapsed();
            assert!(
                took < std::time::Duration::from_secs(20),
                "{:?}… took {took:?}",
                &input[..12]
            );
            assert!(html.contains("the end"), "{:?}…", &input[..12]);
        }
    }
}
