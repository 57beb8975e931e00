//! Campaigns such as #FacesOfHope and the cases they make visible. A
//! campaign's page is public when the campaign is, and shows each case only
//! to readers who may see that case.

use crate::advocacy::api::{
    fetch_campaign, fetch_campaigns, AddCampaignAction, CreateCampaign, Editable, FeatureCase,
};
use crate::advocacy::bits::VisibilitySelect;
use crate::i18n::*;
use crate::locale;
use crate::notifications::follow_button::FollowButton;
use crate::ui::error_summary::ErrorSummary;
use crate::ui::error_view::{ErrorView, Loading};
use crate::ui::layout::Breadcrumbs;
use crate::ui::saved_notice::SavedNotice;
use crate::ui::tags::VisibilityTag;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use shared::follow::FollowTarget;
use shared::{Campaign, CampaignActionKind};

#[component]
pub fn CampaignsPage() -> impl IntoView {
    let l = locale::current();
    let create = ServerAction::<CreateCampaign>::new();
    let error = Signal::derive(move || create.value().get().and_then(|r| r.err()));
    let list = Resource::new(|| (), |_| fetch_campaigns());
    view! {
        <Title text=td_string!(l, campaigns_title).to_owned()/>
        <h1>{td_string!(l, campaigns_title)}</h1>
        <p class="lead">{td_string!(l, campaigns_lead)}</p>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match list.await {
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                    Ok((list, may_edit)) => view! {
    <crate::exchange::download_links::DownloadLinks list="campaigns"/>
                        {list.is_empty().then(|| view! { <p class="muted">{td_string!(l, campaigns_none)}</p> })}
                        <ul class="card-list" role="list">
                            {list.into_iter().map(|c| {
                                let href = format!("/campaigns/{}", c.id);
                                let cases = td_string!(l, cases_count, n = c.cases).to_string();
                                view! {
                                    <li class="card">
                                        <h2 class="card-title"><a href=href>{c.name.clone()}</a></h2>
                                        <p class="card-tags"><VisibilityTag visibility=c.visibility/></p>
                                        <p>{c.summary.clone()}</p>
                                        <p class="muted">{td_string!(l, since_date, date = locale::date(l, c.starts_on)).to_string()} " · " {cases}</p>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                        {may_edit.then(|| view! {
                            <section aria-labelledby="new-campaign-title" class="panel">
                                <h2 id="new-campaign-title">{td_string!(l, new_campaign)}</h2>
                                <ErrorSummary error/>
                                <ActionForm action=create attr:class="stacked-form" attr:novalidate="true">
                                    <div class="field-row">
                                        <div class="field">
                                            <label for="field-name">{td_string!(l, label_name)}</label>
                                            <input id="field-name" name="form[name]" type="text" required maxlength="120"/>
                                        </div>
                                        <div class="field">
                                            <label for="field-starts_on">{td_string!(l, label_start_date)}</label>
                                            <input id="field-starts_on" name="form[starts_on]" type="date" required/>
                                        </div>
                                    </div>
                                    <div class="field">
                                        <label for="field-summary">{td_string!(l, label_summary)}</label>
                                        <textarea id="field-summary" name="form[summary]" rows="3"></textarea>
                                    </div>
                                    <VisibilitySelect selected="public"/>
                                    <button type="submit" class="button primary">{td_string!(l, create_campaign)}</button>
                                </ActionForm>
                            </section>
                        })}
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn CampaignPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let feature = ServerAction::<FeatureCase>::new();
    let action = ServerAction::<AddCampaignAction>::new();
    let campaign = Resource::new(
        move || (id.get(), feature.version().get() + action.version().get()),
        |(id, _)| fetch_campaign(id),
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match campaign.await {
                    Ok(v) => view! { <CampaignBody view=v feature action/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CampaignBody(
    view: Editable<Campaign>,
    feature: ServerAction<FeatureCase>,
    action: ServerAction<AddCampaignAction>,
) -> impl IntoView {
    let l = locale::current();
    let Editable {
        record: c,
        may_edit,
        options,
        ..
    } = view;
    let name = c.summary.name.clone();
    let id = c.summary.id.to_string();
    let error = Signal::derive(move || {
        feature
            .value()
            .get()
            .and_then(|r| r.err())
            .or_else(|| action.value().get().and_then(|r| r.err()))
    });
    let public_only = crate::accounts::auth::use_current_user().is_none();
    view! {
        <Title text=name.clone()/>
        <Breadcrumbs trail=vec![("/campaigns".into(), td_string!(l, campaigns_title).to_owned())] current=name.clone()/>
        <article class="profile" aria-labelledby="campaign-title">
            <header class="summary-block">
                <h1 id="campaign-title">{name.clone()}</h1>
                <p class="card-tags"><VisibilityTag visibility=c.summary.visibility/></p>
                <p>{c.summary.summary.clone()}</p>
                <p class="muted">{td_string!(l, since_date, date = locale::date(l, c.summary.starts_on)).to_string()}</p>
                {public_only.then(|| view! { <p class="notice">{td_string!(l, public_cases_only)}</p> })}
                <SavedNotice/>
                <FollowButton target=FollowTarget::Campaign(c.summary.id.clone()) name=name.clone()/>
            </header>
            <section aria-labelledby="faces-title">
                <h2 id="faces-title">{td_string!(l, campaign_persons)}</h2>
                {c.persons.is_empty().then(|| view! { <p class="muted">{td_string!(l, nothing_yet)}</p> })}
                <ul class="faces" role="list">
                    {c.persons.iter().map(|p| view! { <li class="card face"><a href=format!("/people/{}", p.id)>{p.name.clone()}</a></li> }).collect_view()}
                </ul>
            </section>
            <div class="two-columns">
                <section aria-labelledby="campaign-trials-title">
                    <h2 id="campaign-trials-title">{td_string!(l, nav_trials)}</h2>
                    {c.trials.is_empty().then(|| view! { <p class="muted">{td_string!(l, nothing_yet)}</p> })}
                    <ul>{c.trials.iter().map(|t| {
                        let href = format!("/trials/{}", t.id);
                        view! { <li><a href=href>{t.title.clone()}</a></li> }
                    }).collect_view()}</ul>
                </section>
                <section aria-labelledby="campaign-interventions-title">
                    <h2 id="campaign-interventions-title">{td_string!(l, interventions_title)}</h2>
                    {c.interventions.is_empty().then(|| view! { <p class="muted">{td_string!(l, nothing_yet)}</p> })}
                    <ul>{c.interventions.iter().map(|i| {
                        let href = format!("/interventions/{}", i.id);
                        view! { <li><a href=href>{i.title.clone()}</a></li> }
                    }).collect_view()}</ul>
                </section>
            </div>
            <section aria-labelledby="actions-title">
                <h2 id="actions-title">{td_string!(l, campaign_actions)}</h2>
                {c.actions.is_empty().then(|| view! { <p class="muted">{td_string!(l, nothing_yet)}</p> })}
                <ul class="timeline">
                    {c.actions.iter().map(|a| view! {
                        <li>
                            <time datetime=a.on.to_string()>{locale::date(l, a.on)}</time> " · "
                            <span class="tag">{locale::campaign_action_kind_name(l, a.kind)}</span> " "
                            {match a.url.clone() {
                                Some(url) => view! { <a href=url rel="noopener noreferrer">{a.title.clone()}</a> }.into_any(),
                                None => view! { <span>{a.title.clone()}</span> }.into_any(),
                            }}
                        </li>
                    }).collect_view()}
                </ul>
            </section>
            {may_edit.then(|| {
                let id2 = id.clone();
                view! {
                    <section aria-labelledby="campaign-edit-title" class="panel">
                        <h2 id="campaign-edit-title">{td_string!(l, campaign_edit)}</h2>
                        <ErrorSummary error/>
                        <ActionForm action=feature attr:class="filter-row" attr:novalidate="true">
                            <input type="hidden" name="campaign" value=id/>
                            <div class="field">
                                <label for="field-case">{td_string!(l, label_case)}</label>
                                <select id="field-case" name="case">
                                    {options.map(|o| {
                                        let group = |label: &'static str, table: &'static str, items: Vec<(String, String)>| view! {
                                            <optgroup label=label>
                                                {items.into_iter().map(|(key, title)| view! { <option value=format!("{table}:{key}")>{title}</option> }).collect_view()}
                                            </optgroup>
                                        };
                                        let persons = o.persons.into_iter().map(|p| (p.id.to_string(), p.name)).collect();
                                        let trials = o.trials.into_iter().map(|t| (t.id, t.title)).collect();
                                        let interventions = o.interventions.into_iter().map(|i| (i.id, i.title)).collect();
                                        view! {
                                            {group(td_string!(l, campaign_persons), "person", persons)}
                                            {group(td_string!(l, nav_trials), "trial", trials)}
                                            {group(td_string!(l, interventions_title), "intervention", interventions)}
                                        }
                                    })}
                                </select>
                            </div>
                            <button type="submit" class="button secondary">{td_string!(l, add_button)}</button>
                        </ActionForm>
                        <ActionForm action=action attr:class="filter-row" attr:novalidate="true">
                            <input type="hidden" name="campaign" value=id2/>
                            <div class="field">
                                <label for="field-kind">{td_string!(l, label_kind)}</label>
                                <select id="field-kind" name="form[kind]">
                                    {CampaignActionKind::ALL.iter().map(|k| view! { <option value=k.as_str()>{locale::campaign_action_kind_name(l, *k)}</option> }).collect_view()}
                                </select>
                            </div>
                            <div class="field">
                                <label for="field-on">{td_string!(l, label_on)}</label>
                                <input id="field-on" name="form[on]" type="date" required/>
                            </div>
                            <div class="field">
                                <label for="field-title">{td_string!(l, label_title)}</label>
                                <input id="field-title" name="form[title]" type="text" required/>
                            </div>
                            <div class="field">
                                <label for="field-url">{td_string!(l, label_url)}</label>
                                <input id="field-url" name="form[url]" type="url"/>
                            </div>
                            <button type="submit" class="button secondary">{td_string!(l, add_action)}</button>
                        </ActionForm>
                    </section>
                }
            })}
        </article>
    }
}
