//! One application as staff review it: what the organisation wrote, the
//! criteria each marked met, not met or unclear with a note, the referees
//! asked and their answers, the exchange with the applicant, and the
//! decision. Once admitted, the new member and its contact's invitation.

use crate::error::AppError;
use crate::i18n::*;
use crate::locale;
use crate::membership::api::{
    fetch_application, ApplicationView, AskReferees, AssessApplication, DecideApplication,
};
use crate::membership::applications_page::StatusTag;
use crate::ui::error_summary::ErrorSummary;
use crate::ui::error_view::{ErrorView, Loading};
use crate::ui::layout::Breadcrumbs;
use crate::ui::saved_notice::SavedNotice;
use crate::ui::similar_records::SimilarRecords;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use shared::membership::{Application, ReferenceAnswer, Verdict};

pub fn verdict_name(l: Locale, v: Verdict) -> &'static str {
    match v {
        Verdict::Met => td_string!(l, verdict_met),
        Verdict::NotMet => td_string!(l, verdict_not_met),
        Verdict::Unclear => td_string!(l, verdict_unclear),
    }
}

pub fn answer_name(l: Locale, a: ReferenceAnswer) -> &'static str {
    match a {
        ReferenceAnswer::Supports => td_string!(l, reference_supports),
        ReferenceAnswer::DoesNotSupport => td_string!(l, reference_does_not_support),
        ReferenceAnswer::DoesNotKnow => td_string!(l, reference_does_not_know),
    }
}

/// The forms of the page; each answer reads the application again.
#[derive(Clone, Copy)]
struct ReviewActions {
    assess: ServerAction<AssessApplication>,
    ask: ServerAction<AskReferees>,
    decide: ServerAction<DecideApplication>,
}

#[component]
pub fn ApplicationPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let actions = ReviewActions {
        assess: ServerAction::<AssessApplication>::new(),
        ask: ServerAction::<AskReferees>::new(),
        decide: ServerAction::<DecideApplication>::new(),
    };
    let data = Resource::new(
        move || {
            (
                id.get(),
                actions.assess.version().get()
                    + actions.ask.version().get()
                    + actions.decide.version().get(),
            )
        },
        |(id, _)| fetch_application(id),
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(v) => view! { <Review view=v actions/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Review(view: ApplicationView, actions: ReviewActions) -> impl IntoView {
    let l = locale::current();
    let a = view.application.clone();
    let open = a.status.is_open();
    let title = a.name.clone();
    let link = |url: &Option<String>| {
        url.clone()
            .map(|u| {
                let href = u.clone();
                view! { <a href=href rel="noopener noreferrer external">{u}</a> }.into_any()
            })
            .unwrap_or_else(|| view! { <span class="muted">"—"</span> }.into_any())
    };
    view! {
        <Title text=title.clone()/>
        <Breadcrumbs
            trail=vec![("/applications".into(), td_string!(l, applications_title).to_owned())]
            current=title.clone()
        />
        <h1>{title} " " <StatusTag status=a.status/></h1>
        <SavedNotice/>
        {a.organisation.clone().map(|o| view! {
            <p class="notice">
                {td_string!(l, applications_became)} " "
                <a href=format!("/organisations/{}", o.id)>{o.name.clone()}</a>
            </p>
        })}
        {view.invitation_link.clone().map(|link| view! {
            <section class="notice" aria-labelledby="invite-heading">
                <h2 id="invite-heading">{td_string!(l, applications_invitation)}</h2>
                <p>{td_string!(l, applications_invitation_hint, email = a.contact_email.clone()).to_string()}</p>
                <p><code class="invite-link">{link}</code></p>
            </section>
        })}
        <div class="two-columns">
            <section aria-labelledby="facts-heading">
                <h2 id="facts-heading">{td_string!(l, applications_facts)}</h2>
                <dl class="facts">
                    <div><dt>{td_string!(l, label_acronym)}</dt><dd>{a.acronym.clone().unwrap_or_default()}</dd></div>
                    <div><dt>{td_string!(l, field_country)}</dt><dd>{a.country.name_in(locale::code(l)).to_owned()}</dd></div>
                    <div><dt>{td_string!(l, label_city)}</dt><dd>{a.city.clone().unwrap_or_default()}</dd></div>
                    <div><dt>{td_string!(l, label_website)}</dt><dd>{link(&a.website)}</dd></div>
                    <div><dt>{td_string!(l, field_founded)}</dt><dd>{a.founded.map(|y| y.to_string()).unwrap_or_default()}</dd></div>
                    <div><dt>{td_string!(l, field_legal_status)}</dt><dd>{a.legal_status.clone()}</dd></div>
                    <div><dt>{td_string!(l, field_statutes)}</dt><dd>{link(&a.statutes)}</dd></div>
                    <div><dt>{td_string!(l, field_reports)}</dt><dd>{link(&a.reports)}</dd></div>
                    <div><dt>{td_string!(l, applications_public_profile)}</dt><dd>{if a.public_profile { td_string!(l, applications_public_yes) } else { td_string!(l, applications_public_no) }}</dd></div>
                    <div><dt>{td_string!(l, field_contact_name)}</dt><dd>{a.contact_name.clone()}</dd></div>
                    <div><dt>{td_string!(l, field_contact_email)}</dt><dd>{a.contact_email.clone()}</dd></div>
                    <div><dt>{td_string!(l, applications_submitted)}</dt><dd>{locale::day(l, &a.submitted)}</dd></div>
                    {a.decided.clone().map(|d| view! {
                        <div><dt>{td_string!(l, applications_decided)}</dt><dd>{locale::day(l, &d)}</dd></div>
                    })}
                </dl>
                <h3>{td_string!(l, field_mandate)}</h3>
                <p class="prewrap">{a.mandate.clone()}</p>
                <h3>{td_string!(l, field_independence)}</h3>
                <p class="prewrap">{a.independence.clone()}</p>
                {a.reason.clone().map(|r| view! {
                    <h3>{td_string!(l, field_reason)}</h3>
                    <p class="prewrap">{r}</p>
                })}
            </section>
            <section aria-labelledby="referees-heading">
                <h2 id="referees-heading">{td_string!(l, applications_referees)}</h2>
                <ul class="referees">
                    {a.references.iter().map(|r| view! {
                        <li>
                            <a href=format!("/organisations/{}", r.organisation.id)>{r.organisation.name.clone()}</a>
                            ": "
                            {match (&r.asked, r.answer) {
                                (None, _) => td_string!(l, reference_not_asked).to_owned(),
                                (Some(_), None) => td_string!(l, reference_waiting).to_owned(),
                                (Some(_), Some(answer)) => answer_name(l, answer).to_owned(),
                            }}
                            {r.comment.clone().map(|c| view! { <p class="prewrap">{c}</p> })}
                        </li>
                    }).collect_view()}
                </ul>
                {(open && a.references.iter().any(|r| r.asked.is_none())).then(|| {
                    let id = a.id.clone();
                    view! {
                    <ActionForm action=actions.ask>
                        <input type="hidden" name="id" value=id/>
                        <button type="submit" class="button">{td_string!(l, applications_ask_referees)}</button>
                    </ActionForm>
                }})}
                {(!a.exchanges.is_empty()).then(|| view! {
                    <h2>{td_string!(l, applications_exchange)}</h2>
                    <ul class="exchange">
                        {a.exchanges.iter().map(|x| view! {
                            <li>
                                <p class="muted">
                                    {locale::day(l, &x.on)} " · "
                                    {if x.from_applicant { td_string!(l, applications_from_applicant) } else { td_string!(l, applications_from_staff) }}
                                </p>
                                <p class="prewrap">{x.text.clone()}</p>
                            </li>
                        }).collect_view()}
                    </ul>
                })}
            </section>
        </div>
        <Assessment application=a.clone() action=actions.assess open/>
        {open.then(|| view! { <Decision view=view.clone() action=actions.decide/> })}
    }
}

#[component]
fn Assessment(
    application: Application,
    action: ServerAction<AssessApplication>,
    open: bool,
) -> impl IntoView {
    let l = locale::current();
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    view! {
        <section aria-labelledby="criteria-heading">
            <h2 id="criteria-heading">{td_string!(l, applications_criteria)}</h2>
            <ErrorSummary error/>
            <ActionForm action=action attr:class="stacked-form" attr:novalidate="true">
                <input type="hidden" name="id" value=application.id.clone()/>
                <input type="hidden" name="version" value=application.version.to_string()/>
                {application.assessments.iter().map(|x| {
                    let key = x.criterion.key.clone();
                    let group = format!("verdict-{key}");
                    view! {
                        <fieldset class="criterion" id=format!("field-verdict[{key}]")>
                            <legend>
                                {x.criterion.text.clone()}
                                {(!x.criterion.active).then(|| view! { " " <span class="tag">{td_string!(l, criteria_retired)}</span> })}
                            </legend>
                            <div class="radio-row" role="radiogroup" aria-labelledby=group.clone()>
                                {Verdict::ALL.iter().map(|v| {
                                    let id = format!("verdict-{key}-{}", v.as_str());
                                    let label_for = id.clone();
                                    view! {
                                        <label for=label_for class="radio">
                                            <input type="radio" id=id name=format!("form[verdict][{key}]") value=v.as_str()
                                                checked=x.verdict == Some(*v) disabled=!open/>
                                            {verdict_name(l, *v)}
                                        </label>
                                    }
                                }).collect_view()}
                            </div>
                            <label for=format!("note-{key}")>{td_string!(l, field_note)}</label>
                            <textarea id=format!("note-{key}") name=format!("form[note][{key}]") rows="2" maxlength="2000"
                                disabled=!open>{x.note.clone().unwrap_or_default()}</textarea>
                        </fieldset>
                    }
                }).collect_view()}
                {open.then(|| view! {
                    <div class="form-actions">
                        <button type="submit" class="button">{td_string!(l, applications_save_assessment)}</button>
                    </div>
                })}
            </ActionForm>
        </section>
    }
}

#[component]
fn Decision(view: ApplicationView, action: ServerAction<DecideApplication>) -> impl IntoView {
    let l = locale::current();
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    let invalid = move |field: &'static str| {
        move || {
            error.with(|e| match e {
                Some(AppError::Invalid(ps)) => {
                    ps.iter().any(|p| p.field == field).then_some("true")
                }
                _ => None,
            })
        }
    };
    let a = view.application;
    view! {
        <section aria-labelledby="decision-heading">
            <h2 id="decision-heading">{td_string!(l, applications_decision)}</h2>
            <ErrorSummary error/>
            <ActionForm action=action attr:class="stacked-form" attr:novalidate="true">
                <input type="hidden" name="id" value=a.id.clone()/>
                <input type="hidden" name="version" value=a.version.to_string()/>
                <fieldset id="field-decision" aria-invalid=invalid("decision")>
                    <legend>{td_string!(l, field_decision)}</legend>
                    <label class="radio" for="decision-admit">
                        <input type="radio" id="decision-admit" name="form[decision]" value="admit"/>
                        {td_string!(l, decision_admit)}
                    </label>
                    <label class="radio" for="decision-ask">
                        <input type="radio" id="decision-ask" name="form[decision]" value="ask-for-more"/>
                        {td_string!(l, decision_ask_for_more)}
                    </label>
                    <label class="radio" for="decision-decline">
                        <input type="radio" id="decision-decline" name="form[decision]" value="decline"/>
                        {td_string!(l, decision_decline)}
                    </label>
                </fieldset>
                <div class="field">
                    <label for="field-reason">{td_string!(l, field_reason)}</label>
                    <span class="hint" id="hint-reason">{td_string!(l, applications_reason_hint)}</span>
                    <textarea id="field-reason" name="form[reason]" rows="4" maxlength="2000"
                        aria-describedby="hint-reason" aria-invalid=invalid("reason")></textarea>
                </div>
                <div class="field">
                    <label for="field-visibility">{td_string!(l, applications_member_level)}</label>
                    <span class="hint" id="hint-visibility">{td_string!(l, hint_visibility)}</span>
                    <select id="field-visibility" name="form[visibility]" aria-describedby="hint-visibility"
                        aria-invalid=invalid("visibility")>
                        {view.levels.iter()
                            .filter(|v| a.public_profile || **v != shared::Visibility::Public)
                            .map(|v| view! {
                                <option value=v.as_str() selected=*v == shared::Visibility::Network>{locale::visibility_name(l, *v)}</option>
                            }).collect_view()}
                    </select>
                </div>
                <SimilarRecords error/>
                <div class="form-actions">
                    <button type="submit" class="button primary">{td_string!(l, applications_decide)}</button>
                </div>
            </ActionForm>
        </section>
    }
}
