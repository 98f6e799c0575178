//! The feeds section of the account page.

use leptos::prelude::*;

use crate::{
    accounts::feeds::api::{get_feed_links, FeedLinks, OwnFeeds, RenewFeedKey},
    ui::forms::{action_failure, FormMessage},
};

/// The account page's feeds: the public addresses, the person's own (which show what they
/// may read), and the button that makes or renews their key.
#[component]
pub fn FeedsSection() -> impl IntoView {
    let links = OnceResource::new_blocking(get_feed_links());
    let renew = ServerAction::<RenewFeedKey>::new();
    view! {
        <section class="panel" aria-labelledby="feeds-heading">
            <h2 id="feeds-heading">"Feeds"</h2>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    links.await.ok().map(|links| view! { <Links links renew/> })
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Links(links: FeedLinks, renew: ServerAction<RenewFeedKey>) -> impl IntoView {
    let FeedLinks {
        public_minutes,
        public_meetings,
        own,
    } = links;
    let has_key = own.is_some();
    view! {
        <p>
            "Follow published minutes and changes to commitments in a feed reader, and meetings and the dates commitments are due in your calendar app. "
            "The public addresses show only what anyone may read; your own show what you may read, so keep them to yourself."
        </p>
        {match own {
            Some(OwnFeeds { minutes, meetings, commitments }) => view! {
                <dl class="details feed-links">
                    <dt>"Your minutes feed (Atom)"</dt>
                    <dd><code>{minutes}</code></dd>
                    <dt>"Your meetings calendar (iCalendar)"</dt>
                    <dd><code>{meetings}</code></dd>
                    {commitments.map(|(changes, due)| view! {
                        <dt>"Your commitments feed (Atom): every promise recorded"</dt>
                        <dd><code>{changes}</code></dd>
                        <dt>"Your commitments calendar (iCalendar): the day each is due"</dt>
                        <dd><code>{due}</code></dd>
                    })}
                </dl>
            }
                .into_any(),
            None => view! { <p>"You have no feed addresses of your own yet."</p> }.into_any(),
        }}
        <dl class="details feed-links">
            <dt>"Public minutes feed"</dt>
            <dd><a href=public_minutes.clone()>{public_minutes.clone()}</a></dd>
            <dt>"Public meetings calendar"</dt>
            <dd><a href=public_meetings.clone()>{public_meetings.clone()}</a></dd>
        </dl>
        <FormMessage error=Signal::derive(move || action_failure(renew))/>
        <ActionForm action=renew>
            <button type="submit" class=if has_key { "button--secondary" } else { "" }>
                {if has_key { "Renew your feed addresses (the old ones stop working)" } else { "Make your feed addresses" }}
            </button>
        </ActionForm>
    }
}
