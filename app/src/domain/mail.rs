//! An email's words, composed when it is sent: a plain-text part and an HTML part saying the
//! same, with a link to the item and one to the reader's notification settings; and how long
//! a failed sending waits before it is tried again.

use chrono::Duration;

use super::html::escape;

/// What one email says, and where it links.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Email<'a> {
    /// The instance's name, which signs it.
    pub instance: &'a str,
    pub to_name: &'a str,
    pub subject: &'a str,
    /// Plain sentences (a notification's body).
    pub body: &'a str,
    /// The item's page, as an absolute URL.
    pub link: &'a str,
    /// The reader's notification settings, as an absolute URL.
    pub settings: &'a str,
}

/// Its two parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Composed {
    pub text: String,
    pub html: String,
}

/// Both parts of `email`; everything it carries is escaped in the HTML part.
pub fn compose(email: Email<'_>) -> Composed {
    let Email {
        instance,
        to_name,
        subject,
        body,
        link,
        settings,
    } = email;
    let text = format!(
        "Hello {to_name},\n\n{body}\n\nOpen it in {instance}: {link}\n\n-- \n\
         You receive this because of your part in it. Choose which emails you get: {settings}\n"
    );
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>{subject}</title></head>\
         <body style=\"font-family: sans-serif; line-height: 1.5; color: #1d2630\">\
         <p>Hello {to_name},</p><p>{body}</p>\
         <p><a href=\"{link}\">Open it in {instance}</a></p>\
         <hr><p style=\"font-size: small; color: #4a5866\">You receive this because of your part \
         in it. <a href=\"{settings}\">Choose which emails you get</a>.</p></body></html>\n",
        subject = escape(subject),
        to_name = escape(to_name),
        body = escape(body),
        link = escape(link),
        instance = escape(instance),
        settings = escape(settings),
    );
    Composed { text, html }
}

/// Tries before an email is left failed for an administrator to see.
pub const MAX_ATTEMPTS: i64 = 8;

/// How long after its `attempts`th failed try an email is tried again: a minute, then five,
/// half an hour, two hours, then every six.
pub fn retry_after(attempts: i64) -> Duration {
    match attempts {
        ..=1 => Duration::minutes(1),
        2 => Duration::minutes(5),
        3 => Duration::minutes(30),
        4 => Duration::hours(2),
        _ => Duration::hours(6),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn email(body: &str) -> Email<'_> {
        Email {
            instance: "Watchdog",
            to_name: "Demo Supplier Representative",
            subject: "Overdue, first chase: C-12 Faster search",
            body,
            link: "https://watchdog.example.org/commitments/12",
            settings: "https://watchdog.example.org/account/notifications",
        }
    }

    #[test]
    fn both_parts_say_the_same_and_link_to_the_item_and_the_settings() {
        let composed = compose(email("C-12 “Faster search” is 3 days overdue."));
        assert!(composed.text.starts_with(
            "Hello Demo Supplier Representative,\n\nC-12 “Faster search” is 3 days overdue.\n"
        ));
        assert!(composed
            .text
            .contains("Open it in Watchdog: https://watchdog.example.org/commitments/12\n"));
        assert!(composed.text.contains("\n-- \n"), "the signature separator");
        assert!(composed
            .text
            .contains("https://watchdog.example.org/account/notifications"));
        assert!(composed
            .html
            .contains("<p>C-12 “Faster search” is 3 days overdue.</p>"));
        assert!(composed.html.contains(
            "<a href=\"https://watchdog.example.org/commitments/12\">Open it in Watchdog</a>"
        ));
        assert!(composed
            .html
            .contains("<a href=\"https://watchdog.example.org/account/notifications\">"));
    }

    #[test]
    fn what_it_carries_cannot_make_markup() {
        let composed = compose(email("<script>alert(1)</script> & \"quotes\" 'too'"));
        assert!(!composed.html.contains("<script>"));
        assert!(composed.html.contains(
            "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot; &#39;too&#39;"
        ));
        // The plain part is plain: as written.
        assert!(composed.text.contains("<script>alert(1)</script>"));
    }

    #[test]
    fn retries_back_off_to_every_six_hours() {
        assert_eq!(retry_after(1), Duration::minutes(1));
        assert_eq!(retry_after(2), Duration::minutes(5));
        assert_eq!(retry_after(3), Duration::minutes(30));
        assert_eq!(retry_after(4), Duration::hours(2));
        assert_eq!(retry_after(7), Duration::hours(6));
    }
}
