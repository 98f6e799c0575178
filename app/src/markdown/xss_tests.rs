//! The renderer against a list of script-injection payloads: whatever an author types, the
//! HTML it makes holds no script, no event handler and no script-bearing URL.

use super::render::to_html;

const VECTORS: &[&str] = &[
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=JaVaScRiPt:alert('XSS')>",
    "<img src=\"x\" onerror=\"alert(1)\"/> inline",
    "<svg onload=alert(1)>",
    "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "<object data=\"x.swf\"></object>",
    "<embed src=x>",
    "<style>body{background:url(javascript:alert(1))}</style>",
    "<div style=\"background:url(javascript:alert(1))\">x</div>",
    "<body onload=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<a href=\"&#x6A;avascript:alert(1)\">x</a>",
    "<a href=javascript&colon;alert(1)>x</a>",
    "<a href=\"https://example.org\" onclick=\"alert(1)\">x</a>",
    "<form action=\"javascript:alert(1)\"><button>x</button></form>",
    "<base href=\"javascript:/\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "<link rel=stylesheet href=javascript:alert(1)>",
    "<table background=\"javascript:alert(1)\">",
    "<img src=x:alert(alt) onerror=eval(src) alt=0>",
    "<!--<img src=\"--><img src=x onerror=alert(1)//\">",
    "<![CDATA[<script>alert(1)</script>]]>",
    "<?xml version=\"1.0\"?><script>alert(1)</script>",
    "<<script>script>alert(1)<</script>/script>",
    "<scr<script>ipt>alert(1)</script>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
    "\\<script\\>alert(1)\\</script\\>",
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](<java script:alert(1)>)",
    "[x](<javascript:alert(1)>)",
    "[x]( javascript:alert(1) \"t\")",
    "[x](&#106;avascript:alert(1))",
    "[x](&#x6A;avascript:alert(1))",
    "[x](javascript&colon;alert(1))",
    "[x](javascript:alert&#40;1&#41;)",
    "[x](javascript://%0aalert(1))",
    "[x](\\javascript:alert(1))",
    "[x](%6Aavascript:alert(1))",
    "[x](vbscript:msgbox(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[a](data:text/html,<script>alert(1)</script>)",
    "[x][r]\n\n[r]: javascript:alert(1)",
    "[x][r]\n\n[r]: <java\u{0}script:alert(1)>",
    "[x](java&#09;script:alert(1))",
    "[x](java&#10;script:alert(1))",
    "[x](&#0;javascript:alert(1))",
    "<javascript:alert(1)>",
    "<JAVASCRIPT:alert(1)>",
    "<vbscript:alert(1)>",
    "![x](javascript:alert(1))",
    "![x](data:image/svg+xml,<svg onload=alert(1)>)",
    "![x\" onerror=\"alert(1)](/a.png)",
    "[x](https://example.org \"\\\" onmouseover=\\\"alert(1)\")",
    "[x](https://example.org\" onmouseover=\"alert(1))",
    "[<img src=x onerror=alert(1)>](https://example.org)",
    "`<script>alert(1)</script>`",
    "```html\n<script>alert(1)</script>\n```",
    "    <script>alert(1)</script>",
    "| a |\n|---|\n| <script>alert(1)</script> |",
    "- [ ] <img src=x onerror=alert(1)>",
    "> <iframe srcdoc=\"<script>alert(1)</script>\">",
    "***<script>***",
    "[x](mailto:a@example.org?body=<script>alert(1)</script>)",
    "#1\"><script>alert(1)</script>",
    "log:ABC\"><script>alert(1)</script>",
    "<a href=\"/x\" style=\"position:fixed;top:0\">overlay</a>",
];

/// What a browser would make of each tag in the output: its name and attributes.
fn tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        let Some(close) = rest[open..].find('>') else {
            break;
        };
        let inside = &rest[open + 1..open + close];
        rest = &rest[open + close + 1..];
        if inside.starts_with('/') {
            continue;
        }
        let (name, mut attributes) = inside.split_once(' ').unwrap_or((inside, ""));
        let mut pairs = Vec::new();
        loop {
            attributes = attributes.trim_start();
            if attributes.is_empty() || attributes == "/" {
                break;
            }
            let end = attributes.find(['=', ' ']).unwrap_or(attributes.len());
            let key = attributes[..end].to_ascii_lowercase();
            attributes = &attributes[end..];
            let value = match attributes.strip_prefix("=\"") {
                Some(quoted) => {
                    let end = quoted.find('"').expect("ammonia quotes every value");
                    attributes = &quoted[end + 1..];
                    quoted[..end].to_owned()
                }
                None => String::new(),
            };
            pairs.push((key, value));
        }
        found.push((name.to_ascii_lowercase(), pairs));
    }
    found
}

const ALLOWED_TAGS: &[&str] = &[
    "p",
    "a",
    "em",
    "strong",
    "del",
    "code",
    "pre",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "blockquote",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "hr",
    "br",
    "img",
    "input",
];

#[test]
fn no_payload_yields_a_script_a_handler_or_a_script_url() {
    assert!(VECTORS.len() >= 50, "{} vectors", VECTORS.len());
    for vector in VECTORS {
        let html = to_html(vector).0;
        for (name, attributes) in tags(&html) {
            assert!(
                ALLOWED_TAGS.contains(&name.as_str()),
                "<{name}> from {vector:?}: {html}"
            );
            for (key, value) in attributes {
                assert!(
                    [
                        "href", "src", "alt", "title", "rel", "type", "checked", "disabled",
                        "start"
                    ]
                    .contains(&key.as_str()),
                    "attribute {key} from {vector:?}: {html}"
                );
                let squeezed: String = value
                    .chars()
                    .filter(|c| !c.is_whitespace() && !c.is_control())
                    .collect::<String>()
                    .to_ascii_lowercase();
                if key == "href" || key == "src" {
                    let scheme_ok = !squeezed.contains(':')
                        || ["http:", "https:", "mailto:"]
                            .iter()
                            .any(|scheme| squeezed.starts_with(scheme));
                    assert!(scheme_ok, "{key}={value:?} from {vector:?}: {html}");
                    assert!(!squeezed.contains("&#"), "{key}={value:?} from {vector:?}");
                }
            }
        }
    }
}

#[test]
fn the_tag_reader_sees_what_it_must_refuse() {
    let read = tags("<p><a href=\"javascript:x\" onclick=\"y\">z</a></p>");
    assert_eq!(read[1].0, "a");
    assert_eq!(
        read[1].1,
        [
            ("href".to_owned(), "javascript:x".to_owned()),
            ("onclick".to_owned(), "y".to_owned())
        ]
    );
}
