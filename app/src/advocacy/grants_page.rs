//! The institutional grants of the year: which organisation, where, when,
//! how many defenders (and women among them) each supported, and what for.

use crate::advocacy::api::fetch_grants;
use crate::i18n::*;
use crate::locale;
use crate::ui::error_view::{ErrorView, Loading};
use crate::ui::tags::VisibilityTag;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn GrantsPage() -> impl IntoView {
    let l = locale::current();
    let query = use_query_map();
    let year = Memo::new(move |_| query.with(|q| q.get("year")));
    let grants = Resource::new(move || year.get(), fetch_grants);
    view! {
        <Title text=td_string!(l, grants_title).to_owned()/>
        <h1>{td_string!(l, grants_title)}</h1>
        <p class="lead">{td_string!(l, grants_lead)}</p>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match grants.await {
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                    Ok(list) if list.is_empty() => view! { <p class="muted">{td_string!(l, nothing_yet)}</p> }.into_any(),
                    Ok(list) => {
                        let defenders: u32 = list.iter().map(|g| g.defenders).sum();
                        let women: u32 = list.iter().map(|g| g.women).sum();
                        view! {
                            <p role="status">{td_string!(l, grants_count, n = list.len(), defenders = defenders, women = women).to_string()}</p>
                            <crate::exchange::download_links::DownloadLinks list="grants"/>
                            <div class="table-scroll">
                                <table class="data-table">
                                    <caption class="visually-hidden">{td_string!(l, grants_title)}</caption>
                                    <thead><tr>
                                        <th scope="col">{td_string!(l, label_organisation)}</th>
                                        <th scope="col">{td_string!(l, label_country)}</th>
                                        <th scope="col">{td_string!(l, label_when)}</th>
                                        <th scope="col" class="number">{td_string!(l, figure_defenders_supported)}</th>
                                        <th scope="col" class="number">{td_string!(l, figure_women)}</th>
                                        <th scope="col">{td_string!(l, label_purpose)}</th>
                                    </tr></thead>
                                    <tbody>
                                        {list.into_iter().map(|g| {
                                            let href = format!("/organisations/{}", g.organisation.id);
                                            view! {
                                                <tr>
                                                    <td><a href=href>{g.organisation.name.clone()}</a> " " <VisibilityTag visibility=g.visibility/></td>
                                                    <td>{locale::country_name(l, &g.country)}</td>
                                                    <td>{locale::date(l, g.awarded_on)}</td>
                                                    <td class="number">{g.defenders.to_string()}</td>
                                                    <td class="number">{g.women.to_string()}</td>
                                                    <td>{g.purpose.clone()}</td>
                                                </tr>
                                            }
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}
