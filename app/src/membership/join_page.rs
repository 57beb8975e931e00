//! The public page for organisations that want to join: how it works, the
//! criteria, and the application form; then the applicant's own page, at
//! the secret address they were sent to, where they follow the decision and
//! answer staff's questions.

use crate::error::AppError;
use crate::i18n::*;
use crate::locale;
use crate::membership::api::{
    fetch_join_view, fetch_progress, AddInformation, JoinView, SubmitApplication,
};
use crate::membership::applications_page::StatusTag;
use crate::ui::error_summary::ErrorSummary;
use crate::ui::error_view::{ErrorView, Loading};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};
use shared::membership::{ApplicationProgress, ApplicationStatus, MAX_ANSWER};

#[component]
pub fn JoinPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| fetch_join_view());
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(v) => view! { <JoinForm data=v/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// `aria-invalid` for a field the last refusal named.
fn invalid_of(
    error: Signal<Option<AppError>>,
) -> impl Fn(&'static str) -> Box<dyn Fn() -> Option<&'static str> + Send + Sync> + Copy {
    move |field: &'static str| {
        Box::new(move || {
            error.with(|e| match e {
                Some(AppError::Invalid(ps)) => {
                    ps.iter().any(|p| p.field == field).then_some("true")
                }
                _ => None,
            })
        })
    }
}

#[component]
fn JoinForm(data: JoinView) -> impl IntoView {
    let l = locale::current();
    let action = ServerAction::<SubmitApplication>::new();
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    let invalid = invalid_of(error);
    let title = td_string!(l, join_title).to_owned();
    let text = move |id: &'static str,
                     name: &'static str,
                     label: &'static str,
                     max: usize,
                     required: bool| {
        view! {
            <div class="field">
                <label for=format!("field-{id}")>{label}</label>
                <input id=format!("field-{id}") name=name type="text" maxlength=max.to_string()
                    required=required aria-invalid=invalid(id)/>
            </div>
        }
    };
    let area = move |id: &'static str,
                     name: &'static str,
                     label: &'static str,
                     hint: &'static str| {
        view! {
            <div class="field">
                <label for=format!("field-{id}")>{label}</label>
                <span class="hint" id=format!("hint-{id}")>{hint}</span>
                <textarea id=format!("field-{id}") name=name rows="5" maxlength=MAX_ANSWER.to_string()
                    required aria-describedby=format!("hint-{id}") aria-invalid=invalid(id)></textarea>
            </div>
        }
    };
    let referee = move |n: u8, data: &JoinView| {
        let id = if n == 1 { "referee_1" } else { "referee_2" };
        let label = if n == 1 {
            td_string!(l, join_referee_1)
        } else {
            td_string!(l, join_referee_2)
        };
        view! {
            <div class="field">
                <label for=format!("field-{id}")>{label}</label>
                <select id=format!("field-{id}") name=format!("form[{id}]") required aria-invalid=invalid(id)>
                    <option value="">{td_string!(l, join_choose)}</option>
                    {data.referees.iter().map(|o| view! {
                        <option value=o.id.as_str().to_owned()>{o.acronym.clone().map(|a| format!("{} ({a})", o.name)).unwrap_or_else(|| o.name.clone())}</option>
                    }).collect_view()}
                </select>
            </div>
        }
    };
    view! {
        <Title text=title.clone()/>
        <div class="narrow-wide">
            <h1>{title}</h1>
            <p class="lede">{td_string!(l, join_intro)}</p>
            <h2>{td_string!(l, join_criteria_heading)}</h2>
            <ul class="criteria-list">
                {data.criteria.iter().map(|c| view! { <li>{c.text.clone()}</li> }).collect_view()}
            </ul>
            <h2>{td_string!(l, join_steps_heading)}</h2>
            <ol>
                <li>{td_string!(l, join_step_apply)}</li>
                <li>{td_string!(l, join_step_review)}</li>
                <li>{td_string!(l, join_step_referees)}</li>
                <li>{td_string!(l, join_step_decision)}</li>
            </ol>
            <h2 id="apply">{td_string!(l, join_form_heading)}</h2>
            <ErrorSummary error/>
            <ActionForm action=action attr:class="stacked-form" attr:novalidate="true" attr:aria-labelledby="apply">
                <input type="hidden" name="form[language]" value=locale::code(l)/>
                <fieldset>
                    <legend>{td_string!(l, join_organisation_legend)}</legend>
                    {text("name", "form[name]", td_string!(l, label_name), 200, true)}
                    {text("acronym", "form[acronym]", td_string!(l, label_acronym), 24, false)}
                    <div class="field">
                        <label for="field-country">{td_string!(l, join_country)}</label>
                        <select id="field-country" name="form[country]" required aria-invalid=invalid("country")>
                            <option value="">{td_string!(l, join_choose)}</option>
                            {data.countries.iter().map(|c| view! {
                                <option value=c.code.as_str().to_owned()>{c.name_in(locale::code(l)).to_owned()}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    {text("city", "form[city]", td_string!(l, label_city), 120, false)}
                    <div class="field">
                        <label for="field-website">{td_string!(l, label_website)}</label>
                        <input id="field-website" name="form[website]" type="url" maxlength="300" aria-invalid=invalid("website")/>
                    </div>
                    <div class="field">
                        <label for="field-founded">{td_string!(l, join_founded)}</label>
                        <input id="field-founded" name="form[founded]" type="text" inputmode="numeric" maxlength="4" size="6"
                            aria-invalid=invalid("founded")/>
                    </div>
                    {text("legal_status", "form[legal_status]", td_string!(l, join_legal_status), 300, true)}
                </fieldset>
                <fieldset>
                    <legend>{td_string!(l, join_work_legend)}</legend>
                    {area("mandate", "form[mandate]", td_string!(l, join_mandate), td_string!(l, join_mandate_hint))}
                    {area("independence", "form[independence]", td_string!(l, join_independence), td_string!(l, join_independence_hint))}
                    <div class="field">
                        <label for="field-statutes">{td_string!(l, join_statutes)}</label>
                        <input id="field-statutes" name="form[statutes]" type="url" maxlength="300" aria-invalid=invalid("statutes")/>
                    </div>
                    <div class="field">
                        <label for="field-reports">{td_string!(l, join_reports)}</label>
                        <input id="field-reports" name="form[reports]" type="url" maxlength="300" aria-invalid=invalid("reports")/>
                    </div>
                </fieldset>
                <fieldset>
                    <legend>{td_string!(l, join_referees_legend)}</legend>
                    <p class="hint">{td_string!(l, join_referees_hint)}</p>
                    {referee(1, &data)}
                    {referee(2, &data)}
                </fieldset>
                <fieldset>
                    <legend>{td_string!(l, join_contact_legend)}</legend>
                    {text("contact_name", "form[contact_name]", td_string!(l, join_contact_name), 120, true)}
                    <div class="field">
                        <label for="field-contact_email">{td_string!(l, join_contact_email)}</label>
                        <span class="hint" id="hint-contact_email">{td_string!(l, join_contact_email_hint)}</span>
                        <input id="field-contact_email" name="form[contact_email]" type="email" maxlength="254" required
                            aria-describedby="hint-contact_email" aria-invalid=invalid("contact_email")/>
                    </div>
                </fieldset>
                <p class="hint">{td_string!(l, join_privacy)}</p>
                <div class="field">
                    <label for="field-public_profile" class="choice">
                        <input id="field-public_profile" type="checkbox" name="form[public_profile]" value="on"/>
                        {td_string!(l, join_public_profile)}
                    </label>
                </div>
                <div class="form-actions">
                    <button type="submit" class="button primary">{td_string!(l, join_submit)}</button>
                </div>
            </ActionForm>
        </div>
    }
}

#[component]
pub fn StatusPage() -> impl IntoView {
    let params = use_params_map();
    let token = Memo::new(move |_| params.with(|p| p.get("token").unwrap_or_default()));
    let inform = ServerAction::<AddInformation>::new();
    let progress = Resource::new(
        move || (token.get(), inform.version().get()),
        |(token, _)| fetch_progress(token),
    );
    view! {
        // The address is the applicant's key: no search engine keeps it.
        <Meta name="robots" content="noindex"/>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match progress.await {
                    Ok(p) => view! { <Progress progress=p token=token.get_untracked() inform/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Progress(
    progress: ApplicationProgress,
    token: String,
    inform: ServerAction<AddInformation>,
) -> impl IntoView {
    let l = locale::current();
    let query = use_query_map();
    let sent = move || query.with(|q| q.get("sent").is_some());
    let error = Signal::derive(move || inform.value().get().and_then(|r| r.err()));
    let title = td_string!(l, join_status_title).to_owned();
    let explanation = match progress.status {
        ApplicationStatus::Submitted => td_string!(l, join_status_submitted),
        ApplicationStatus::MoreInformation => td_string!(l, join_status_more),
        ApplicationStatus::Admitted => td_string!(l, join_status_admitted),
        ApplicationStatus::Declined => td_string!(l, join_status_declined),
    };
    let asks_more = progress.status == ApplicationStatus::MoreInformation;
    view! {
        <Title text=title.clone()/>
        <div class="narrow-wide">
            <h1>{title}</h1>
            {move || sent().then(|| view! {
                <p class="notice" role="status">{td_string!(l, join_status_sent)}</p>
            })}
            <p class="notice">{td_string!(l, join_status_keep)}</p>
            <dl class="facts">
                <div><dt>{td_string!(l, label_name)}</dt><dd>{progress.name.clone()}</dd></div>
                <div><dt>{td_string!(l, applications_submitted)}</dt><dd>{locale::day(l, &progress.submitted)}</dd></div>
                <div><dt>{td_string!(l, field_status)}</dt><dd><StatusTag status=progress.status/></dd></div>
                {progress.decided.clone().map(|d| view! {
                    <div><dt>{td_string!(l, applications_decided)}</dt><dd>{locale::day(l, &d)}</dd></div>
                })}
            </dl>
            <p>{explanation}</p>
            {progress.reason.clone().map(|r| view! {
                <section aria-labelledby="reason-heading">
                    <h2 id="reason-heading">{td_string!(l, join_status_reason)}</h2>
                    <p class="prewrap">{r}</p>
                </section>
            })}
            {progress.invitation_sent.then(|| view! {
                <p class="notice" role="note">{td_string!(l, join_status_invitation_sent)}</p>
            })}
            {(!progress.exchanges.is_empty()).then(|| view! {
                <section aria-labelledby="exchange-heading">
                    <h2 id="exchange-heading">{td_string!(l, applications_exchange)}</h2>
                    <ul class="exchange">
                        {progress.exchanges.iter().map(|x| view! {
                            <li>
                                <p class="muted">
                                    {locale::day(l, &x.on)} " · "
                                    {if x.from_applicant { td_string!(l, applications_from_applicant) } else { td_string!(l, applications_from_staff) }}
                                </p>
                                <p class="prewrap">{x.text.clone()}</p>
                            </li>
                        }).collect_view()}
                    </ul>
                </section>
            })}
            {asks_more.then(|| view! {
                <section aria-labelledby="inform-heading">
                    <h2 id="inform-heading">{td_string!(l, join_status_answer)}</h2>
                    <ErrorSummary error/>
                    <ActionForm action=inform attr:class="stacked-form" attr:novalidate="true">
                        <input type="hidden" name="token" value=token.clone()/>
                        <div class="field">
                            <label for="field-information">{td_string!(l, field_information)}</label>
                            <textarea id="field-information" name="information" rows="6" required
                                maxlength=MAX_ANSWER.to_string()></textarea>
                        </div>
                        <div class="form-actions">
                            <button type="submit" class="button primary">{td_string!(l, join_status_send)}</button>
                        </div>
                    </ActionForm>
                </section>
            })}
        </div>
    }
}
