//! The live reading of when something is due: an island around a form's words field (a
//! promise's "words", an action's "due") and its optional "said on" field that shows, as they
//! are typed, what the server will read them as ("mid-July 2023 → 11 Jul – 20 Jul 2023"),
//! with the same `Timeframe` parser, or why it cannot. The fields are the server's and post
//! with the form as they would without JavaScript.
//!
//! It takes no props: the day the words were said, the quarter numbering, the field's name and
//! whether words that give no date are taken come as `data-` attributes of the server's
//! `ReadingFields` around the fields, since island props would bring a JSON reader (and float
//! formatting) into the browser's bundle for a few short strings.

use chrono::NaiveDate;
use leptos::{prelude::*, wasm_bindgen::JsCast};

use crate::domain::timeframe::{self, QuarterScheme};

/// What the words read as, said on `said_on` (empty: `today`). With `optional`, words that
/// give no date are kept as said (an action's due words), so only the day they give is told.
fn reading(
    words: &str,
    said_on: &str,
    today: NaiveDate,
    scheme: QuarterScheme,
    optional: bool,
) -> Option<Result<String, String>> {
    if words.trim().is_empty() {
        return None;
    }
    let said = match said_on.trim() {
        "" => today,
        text => timeframe::iso_date(text).unwrap_or(today),
    };
    if optional {
        return Some(Ok(
            match timeframe::parse(words, said, scheme)
                .ok()
                .and_then(|t| t.window())
            {
                Some(window) => format!("Due by {}", timeframe::long_date(window.last)),
                None => "These words give no date; they are kept as said.".to_owned(),
            },
        ));
    }
    Some(
        timeframe::parse(words, said, scheme)
            .map(|timeframe| match (timeframe.window(), &timeframe) {
                (Some(_), _) => format!("Read as {}", timeframe.describe()),
                (None, timeframe::Timeframe::Release { .. }) => {
                    format!("Read as {timeframe}: its days are the release's")
                }
                (None, timeframe::Timeframe::Conditional { .. }) => {
                    format!("Read as a condition, \u{201c}{timeframe}\u{201d}: no date until someone gives one")
                }
                (None, _) => format!("Read as \u{201c}{timeframe}\u{201d}: vague, no date"),
            })
            .map_err(|error| error.to_string()),
    )
}

/// The instance's quarter numbering for the page being rendered (calendar quarters where none
/// was provided), put into the page's context by the server with the other settings.
pub fn page_scheme() -> QuarterScheme {
    use_context::<QuarterScheme>().unwrap_or_default()
}

/// The fields the reading reads, with the day they are read on (`today`, unless a "said_on"
/// field says otherwise) and the quarter numbering as the server knows them (rendered on the
/// server, inside the island). `words` names the field read; `optional` takes words that give
/// no date.
#[component]
pub fn ReadingFields(
    today: NaiveDate,
    scheme: QuarterScheme,
    #[prop(default = "words")] words: &'static str,
    #[prop(optional)] optional: bool,
    children: Children,
) -> impl IntoView {
    view! {
        <TimeframeReading>
            <div
                data-today=today.to_string()
                data-scheme=scheme.as_str()
                data-words=words
                data-optional=optional.then_some("1")
            >
                {children()}
            </div>
        </TimeframeReading>
    }
}

#[island]
fn TimeframeReading(children: Children) -> impl IntoView {
    let (said, set_said) = signal(None::<Result<String, String>>);
    let wrapper = NodeRef::<leptos::html::Div>::new();
    let setting = move |name: &str| {
        wrapper
            .get_untracked()
            .and_then(|wrapper| wrapper.query_selector("[data-today]").ok().flatten())
            .and_then(|fields| fields.get_attribute(name))
            .unwrap_or_default()
    };
    let value_of = move |name: &str| {
        wrapper
            .get_untracked()
            .and_then(|wrapper| {
                wrapper
                    .query_selector(&format!("[name={name}]"))
                    .ok()
                    .flatten()
            })
            .and_then(|input| input.dyn_into::<web_sys::HtmlInputElement>().ok())
            .map(|input| input.value())
            .unwrap_or_default()
    };
    let read = move || {
        let today = timeframe::iso_date(&setting("data-today")).unwrap_or_default();
        let scheme = QuarterScheme::parse(&setting("data-scheme")).unwrap_or_default();
        set_said.set(reading(
            &value_of(&setting("data-words")),
            &value_of("said_on"),
            today,
            scheme,
            setting("data-optional") == "1",
        ));
    };
    // Effects run only in the browser: read what is in the fields once the island is live
    // (typed before, or put back after a refusal).
    Effect::new(move |_| read());
    view! {
        <div class="timeframe-reading" node_ref=wrapper on:input=move |_| read()>
            {children()}
            <p class="timeframe-reading__result" aria-live="polite">
                {move || match said.get() {
                    Some(Ok(text)) => Some(view! { <span class="timeframe-reading__ok">{text}</span> }.into_any()),
                    Some(Err(text)) => Some(view! { <span class="field__error">{text}</span> }.into_any()),
                    None => None,
                }}
            </p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().expect("date")
    }

    #[test]
    fn the_reading_says_the_window_or_why_there_is_none() {
        let today = day("2023-06-15");
        let read = |words: &str| reading(words, "", today, QuarterScheme::Calendar, false);
        assert_eq!(read(""), None);
        assert_eq!(
            read("mid-July"),
            Some(Ok("Read as mid-July 2023 (11 Jul – 20 Jul 2023)".to_owned()))
        );
        assert_eq!(
            read("once signed off"),
            Some(Ok(
                "Read as a condition, \u{201c}once signed off\u{201d}: no date until someone gives one"
                    .to_owned()
            ))
        );
        assert_eq!(
            read("TBC"),
            Some(Ok("Read as \u{201c}TBC\u{201d}: vague, no date".to_owned()))
        );
        assert!(matches!(read("whenever"), Some(Err(_))));
    }

    #[test]
    fn an_optional_reading_tells_the_day_or_that_the_words_are_kept() {
        let read =
            |words: &str| reading(words, "", day("2023-06-15"), QuarterScheme::Calendar, true);
        assert_eq!(
            read("by the end of next month"),
            Some(Ok("Due by 31 July 2023".to_owned()))
        );
        assert_eq!(
            read("at the next meeting"),
            Some(Ok(
                "These words give no date; they are kept as said.".to_owned()
            ))
        );
        assert_eq!(read(""), None);
    }

    #[test]
    fn words_are_read_on_the_day_they_were_said() {
        let read = reading(
            "next month",
            "2023-01-10",
            day("2023-06-15"),
            QuarterScheme::Calendar,
            false,
        );
        assert_eq!(
            read,
            Some(Ok("Read as February 2023 (1 Feb – 28 Feb 2023)".to_owned()))
        );
    }
}
