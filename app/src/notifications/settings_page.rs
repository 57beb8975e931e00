//! What reaches the reader (`/account/notifications`): the language of
//! their messages, and per kind whether e-mail comes at once, in a daily
//! digest, or never (the list in the app always has everything).

use crate::i18n::*;
use crate::locale;
use crate::notifications::api::{fetch_notification_settings, SaveNotificationSettings};
use crate::ui::error_summary::ErrorSummary;
use crate::ui::error_view::{ErrorView, Loading};
use crate::ui::saved_notice::SavedNotice;
use leptos::prelude::*;
use leptos_meta::Title;
use shared::{Delivery, NotificationKind, NotificationSettings};

pub fn kind_name(l: Locale, k: NotificationKind) -> &'static str {
    match k {
        NotificationKind::AlertStatus => td_string!(l, kind_alert_status),
        NotificationKind::AlertMessage => td_string!(l, kind_alert_message),
        NotificationKind::NewAlert => td_string!(l, kind_new_alert),
        NotificationKind::AppealPublished => td_string!(l, kind_appeal_published),
        NotificationKind::HearingChanged => td_string!(l, kind_hearing_changed),
        NotificationKind::MissionAssigned => td_string!(l, kind_mission_assigned),
        NotificationKind::ReportReturned => td_string!(l, kind_report_returned),
        NotificationKind::InterventionOutcome => td_string!(l, kind_intervention_outcome),
        NotificationKind::NewMember => td_string!(l, kind_new_member),
        NotificationKind::CampaignNews => td_string!(l, kind_campaign_news),
        NotificationKind::Invitation => td_string!(l, kind_invitation),
        NotificationKind::PasswordReset => td_string!(l, kind_password_reset),
        NotificationKind::Digest => td_string!(l, kind_digest),
    }
}

fn delivery_name(l: Locale, d: Delivery) -> &'static str {
    match d {
        Delivery::Immediately => td_string!(l, delivery_immediately),
        Delivery::Daily => td_string!(l, delivery_daily),
        Delivery::Never => td_string!(l, delivery_never),
    }
}

#[component]
pub fn NotificationSettingsPage() -> impl IntoView {
    let save = ServerAction::<SaveNotificationSettings>::new();
    let settings = Resource::new(
        move || save.version().get(),
        |_| fetch_notification_settings(),
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match settings.await {
                    Ok(s) => view! { <Settings settings=s save/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Settings(
    settings: NotificationSettings,
    save: ServerAction<SaveNotificationSettings>,
) -> impl IntoView {
    let l = locale::current();
    let error = Signal::derive(move || save.value().get().and_then(|r| r.err()));
    let language = settings.language.clone().unwrap_or_default();
    view! {
        <Title text=td_string!(l, notification_settings_title)/>
        <h1>{td_string!(l, notification_settings_title)}</h1>
        <SavedNotice/>
        <p>{td_string!(l, notification_settings_lead)}</p>
        <ErrorSummary error/>
        <ActionForm action=save attr:class="stacked-form">
            <div class="field">
                <label for="field-language">{td_string!(l, mail_language)}</label>
                <select id="field-language" name="language">
                    {crate::accounts::users_page::language_options(&language)}
                </select>
            </div>
            {settings.deliveries.into_iter().map(|(kind, chosen)| {
                let id = format!("field-delivery-{}", kind.as_str());
                let name = format!("delivery[{}]", kind.as_str());
                let label_for = id.clone();
                view! {
                    <div class="field">
                        <label for=label_for>{kind_name(l, kind)}</label>
                        <select id=id name=name>
                            {Delivery::OFFERED.iter().copied().map(|d| view! {
                                <option value=d.as_str() selected=d == chosen>{delivery_name(l, d)}</option>
                            }).collect_view()}
                        </select>
                    </div>
                }
            }).collect_view()}
            <button type="submit" class="button primary">{td_string!(l, notification_settings_save)}</button>
        </ActionForm>
        <FollowsSection/>
    }
}

/// What the reader follows: a list with a way to stop each, and forms to
/// follow a region or a country. Plain forms: they work without JavaScript.
#[component]
fn FollowsSection() -> impl IntoView {
    let l = locale::current();
    let data = Resource::new(|| (), |_| crate::notifications::api::fetch_follows());
    view! {
        <section id="follows" aria-labelledby="follows-heading">
            <h2 id="follows-heading">{td_string!(l, follows_title)}</h2>
            <p>{td_string!(l, follows_lead)}</p>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(e) => view! { <ErrorView error=e/> }.into_any(),
                        Ok(v) => view! {
                            {v.follows.is_empty().then(|| view! { <p class="muted">{td_string!(l, follows_none)}</p> })}
                            <ul class="access-list">
                                {v.follows.iter().map(|f| {
                                    let name = match &f.target {
                                        shared::follow::FollowTarget::Region(r) => locale::region_name(l, *r).to_owned(),
                                        shared::follow::FollowTarget::Country(_) => f.name.clone(),
                                        _ => f.name.clone(),
                                    };
                                    let label = td_string!(l, unfollow, name = name.clone()).to_string();
                                    view! {
                                        <li>
                                            {match f.href.clone() {
                                                Some(href) => view! { <a href=href>{name.clone()}</a> }.into_any(),
                                                None => view! { <span>{name.clone()}</span> }.into_any(),
                                            }}
                                            " "
                                            <form method="post" action="/api/unfollow" class="inline-form">
                                                <input type="hidden" name="target" value=f.target.form_value()/>
                                                <button type="submit" class="link-button">{label}</button>
                                            </form>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                            <form method="post" action="/api/follow" class="filter-row">
                                <div class="field">
                                    <label for="follow-region">{td_string!(l, follow_region_label)}</label>
                                    <select id="follow-region" name="target">
                                        {shared::Region::ALL.iter().map(|r| view! {
                                            <option value=format!("region:{}", r.slug())>{locale::region_name(l, *r)}</option>
                                        }).collect_view()}
                                    </select>
                                </div>
                                <button type="submit" class="button secondary">{td_string!(l, follow)}</button>
                            </form>
                            <form method="post" action="/api/follow" class="filter-row">
                                <div class="field">
                                    <label for="follow-country">{td_string!(l, follow_country_label)}</label>
                                    <select id="follow-country" name="target">
                                        {v.countries.iter().map(|c| view! {
                                            <option value=format!("country:{}", c.code.as_str())>{c.name_in(locale::code(l)).to_owned()}</option>
                                        }).collect_view()}
                                    </select>
                                </div>
                                <button type="submit" class="button secondary">{td_string!(l, follow)}</button>
                            </form>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
