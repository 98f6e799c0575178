use leptos::prelude::*;
use leptos_meta::Title;

use super::attention::AttentionView;
use crate::{commitments::api::get_attention, instance::api::get_instance_info};

#[component]
pub fn HomePage() -> impl IntoView {
    let info = OnceResource::new_blocking(get_instance_info());
    let attention = OnceResource::new_blocking(get_attention());

    view! {
        <Title text=""/>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                info.await
                    .map(|info| {
                        view! {
                            <section class="intro">
                                <h1>{info.name}</h1>
                                <p class="lead">{info.description}</p>
                            </section>
                            <Suspense fallback=|| ()>
                                {move || Suspend::new(async move {
                                    attention.await.ok().flatten().map(|attention| view! { <AttentionView attention/> })
                                })}
                            </Suspense>
                            <section class="intro__about" aria-labelledby="about-heading">
                                <h2 id="about-heading">"What Watchdog keeps"</h2>
                                <ul class="feature-list">
                                    <li>
                                        <strong>"Reported problems"</strong>
                                        ", each tracked by the supplier's own log number, with what happened to it and when."
                                    </li>
                                    <li>
                                        <strong>"Meeting minutes"</strong>
                                        " of the watchdog meetings with the supplier, linked to the problems they discussed."
                                    </li>
                                    <li>
                                        <strong>"Promises"</strong>
                                        " the supplier made, with the quarter they promised and every time it slipped."
                                    </li>
                                    <li>
                                        <strong>"Chases"</strong>
                                        " sent when a promise passes its date or a problem goes unanswered."
                                    </li>
                                </ul>
                            </section>
                        }
                    })
            })}
        </Suspense>
    }
}
