//! The fair-trial report of a mission. Observers fill it in item by item;
//! every change is saved a moment after typing stops, and kept on the device
//! first, so nothing typed is lost when the connection drops: it is sent
//! again as soon as the browser is back online. A submitted report is a
//! read-only page that prints cleanly for partners.

use crate::error::AppError;
use crate::i18n::*;
use crate::locale;
use crate::observation::api::{fetch_report, save_report, submit_report, RequestChanges};
use crate::ui::audit::when;
use crate::ui::error_summary::ErrorSummary;
use crate::ui::error_view::{ErrorView, Loading};
use crate::ui::layout::Breadcrumbs;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use serde::{Deserialize, Serialize};
use shared::{Finding, Grade, Report, ReportDraft, ReportStatus};

#[component]
pub fn ReportPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let report = Resource::new(move || id.get(), fetch_report);
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match report.await {
                    Ok(r) if r.may_edit => view! {
                        <article class="report editing">
                            <ReportHeader report=r.clone()/>
                            <ReportEditor mission=r.mission.to_string() revision=r.revision draft=r.draft/>
                        </article>
                    }.into_any(),
                    Ok(r) => view! { <ReportReader report=r/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ReportHeader(report: Report) -> impl IntoView {
    let l = locale::current();
    let title = td_string!(l, report_title, mission = report.mission_title.clone()).to_string();
    let mission_href = format!("/missions/{}", report.mission);
    view! {
        <Title text=title.clone()/>
        <Breadcrumbs
            trail=vec![
                ("/trials".into(), td_string!(l, nav_trials).to_owned()),
                (mission_href, report.mission_title.clone()),
            ]
            current=td_string!(l, report_link).to_owned()
        />
        <h1>{title}</h1>
        <p class="muted">{report.case_name.clone()}</p>
        <p class="lead">{td_string!(l, report_lead)}</p>
        <p>
            <strong>{td_string!(l, report_status_label)} ": "</strong>
            <span class="tag report-status">{locale::report_status_name(l, report.status)}</span>
        </p>
        {report.change_request.clone().filter(|_| report.status == ReportStatus::ChangesRequested).map(|note| view! {
            <p class="notice warning" role="note">{td_string!(l, report_change_note, note = note).to_string()}</p>
        })}
    }
}

/// The read-only report: for staff, partners (printed), and observers once submitted.
#[component]
fn ReportReader(report: Report) -> impl IntoView {
    let l = locale::current();
    let submitted = report.submitted_at.map(|at| {
        td_string!(
            l,
            report_submitted_notice,
            when = when(l, &at.to_rfc3339()),
            who = report
                .author
                .clone()
                .unwrap_or_else(|| td_string!(l, audit_system).to_owned())
        )
        .to_string()
    });
    let draft = report.draft.clone();
    let may_review = report.may_review;
    let mission = report.mission.to_string();
    view! {
        <article class="report" aria-labelledby="report-heading">
            <ReportHeader report=report.clone()/>
            {submitted.map(|s| view! { <p>{s}</p> })}
            {(report.status != ReportStatus::Submitted).then(|| view! { <p class="muted">{td_string!(l, report_read_only)}</p> })}
            // The page script shows it and answers it (`data-print`).
            <p class="no-print"><button type="button" class="button secondary" data-print="" hidden>{td_string!(l, report_print)}</button></p>
            <table class="report-table">
                <thead><tr>
                    <th scope="col">{td_string!(l, label_finding)}</th>
                    <th scope="col">{td_string!(l, status_label)}</th>
                    <th scope="col">{td_string!(l, label_notes)}</th>
                </tr></thead>
                <tbody>
                    {draft.items.iter().map(|i| {
                        let finding = i.finding.map(|f| locale::finding_name(l, f)).unwrap_or(td_string!(l, not_answered));
                        let class = format!("finding finding-{}", i.finding.map(|f| f.as_str()).unwrap_or("none"));
                        view! {
                            <tr>
                                <th scope="row">{locale::standard_name(l, i.standard)}</th>
                                <td class=class>{finding}</td>
                                <td>{i.notes.clone()}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <h2>{td_string!(l, label_overall)}</h2>
            <p class="report-text">{draft.overall.clone()}</p>
            <h2>{td_string!(l, field_grade)} ": " {draft.grade.map(|g| g.as_str()).unwrap_or("—")}</h2>
            <p class="report-text">{draft.grade_reason.clone()}</p>
            {may_review.then(|| view! { <SendBack mission/> })}
        </article>
    }
}

#[component]
fn SendBack(mission: String) -> impl IntoView {
    let l = locale::current();
    let action = ServerAction::<RequestChanges>::new();
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    view! {
        <section class="panel no-print" aria-labelledby="send-back-title">
            <h2 id="send-back-title">{td_string!(l, report_request_changes)}</h2>
            <ErrorSummary error/>
            <ActionForm action=action attr:class="stacked-form" attr:novalidate="true">
                <input type="hidden" name="mission" value=mission/>
                <div class="field">
                    <label for="field-change_request">{td_string!(l, label_change_request)}</label>
                    <textarea id="field-change_request" name="note" rows="3" required></textarea>
                </div>
                <button type="submit" class="button secondary">{td_string!(l, report_request_changes)}</button>
            </ActionForm>
        </section>
    }
}

/// Where the editor's text stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SaveState {
    Saved,
    Saving,
    /// The last save did not reach the server; the text is on the device.
    Offline,
    /// The server has a newer revision (another device).
    Conflict,
}

/// What is kept on the device between saves.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Local {
    revision: u32,
    draft: ReportDraft,
}

fn storage_key(mission: &str) -> String {
    format!("sos-report-{mission}")
}

fn store_locally(mission: &str, local: &Local) {
    if let (Ok(Some(storage)), Ok(json)) = (window().local_storage(), serde_json::to_string(local))
    {
        let _ = storage.set_item(&storage_key(mission), &json);
    }
}

fn read_locally(mission: &str) -> Option<Local> {
    let storage = window().local_storage().ok()??;
    let json = storage.get_item(&storage_key(mission)).ok()??;
    serde_json::from_str(&json).ok()
}

/// Forgets every report draft kept on this device (at sign-out).
pub fn forget_all_locally() {
    let Ok(Some(storage)) = window().local_storage() else {
        return;
    };
    let keys: Vec<String> = (0..storage.length().unwrap_or(0))
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| k.starts_with("sos-report-"))
        .collect();
    for key in keys {
        let _ = storage.remove_item(&key);
    }
}

fn forget_locally(mission: &str) {
    if let Ok(Some(storage)) = window().local_storage() {
        let _ = storage.remove_item(&storage_key(mission));
    }
}

/// Waits this long after the last keystroke before saving.
const SAVE_DELAY_MS: u64 = 700;
/// While offline, tries again this often (besides the browser's "online" event).
const RETRY_MS: u64 = 5_000;

/// An island: the whole report form runs in the browser (saving as one
/// types, keeping the draft on the device while offline). Its props are
/// written into the page: only what the form needs.
#[island]
fn ReportEditor(mission: String, revision: u32, draft: ReportDraft) -> impl IntoView {
    let l = locale::current();
    let first = draft.clone();
    let draft = RwSignal::new(draft);
    let revision = RwSignal::new(revision);
    let state = RwSignal::new(SaveState::Saved);
    // Edits since the last successful save; a save in flight does not
    // clear edits made while it travelled.
    let edits = RwSignal::new(0u64);
    let in_flight = RwSignal::new(false);
    let submit_error = RwSignal::new(None::<AppError>);
    let submitted = RwSignal::new(false);
    let pending = StoredValue::new(None::<TimeoutHandle>);

    let mission_for_save = mission.clone();
    let save_now = move || {
        if in_flight.get_untracked() || edits.get_untracked() == 0 {
            return;
        }
        let sent_edits = edits.get_untracked();
        let body = draft.get_untracked();
        let base = revision.get_untracked();
        let mission = mission_for_save.clone();
        in_flight.set(true);
        state.set(SaveState::Saving);
        leptos::task::spawn_local(async move {
            let result = save_report(mission.clone(), body, base).await;
            in_flight.set(false);
            match result {
                Ok(new_revision) => {
                    revision.set(new_revision);
                    edits.update(|e| *e -= sent_edits.min(*e));
                    if edits.get_untracked() == 0 {
                        forget_locally(&mission);
                        state.set(SaveState::Saved);
                    } else {
                        store_locally(
                            &mission,
                            &Local {
                                revision: new_revision,
                                draft: draft.get_untracked(),
                            },
                        );
                        state.set(SaveState::Offline);
                    }
                }
                Err(AppError::Stale { .. }) => state.set(SaveState::Conflict),
                Err(_) => state.set(SaveState::Offline),
            }
        });
    };
    let save_now = StoredValue::new(save_now);

    let mission_for_edit = mission.clone();
    let changed = move || {
        edits.update(|e| *e += 1);
        if state.get_untracked() != SaveState::Offline {
            state.set(SaveState::Saving);
        }
        store_locally(
            &mission_for_edit,
            &Local {
                revision: revision.get_untracked(),
                draft: draft.get_untracked(),
            },
        );
        if let Some(h) = pending.get_value() {
            h.clear();
        }
        let handle = set_timeout_with_handle(
            move || save_now.with_value(|f| f()),
            std::time::Duration::from_millis(SAVE_DELAY_MS),
        )
        .ok();
        pending.set_value(handle);
    };
    let changed = StoredValue::new(changed);

    // In the browser: restore what this device kept and resend it; resend
    // when the connection returns; keep trying while offline.
    let mission_for_mount = mission.clone();
    Effect::new(move |_| {
        if let Some(local) = read_locally(&mission_for_mount) {
            if local.revision == revision.get_untracked() && local.draft != draft.get_untracked() {
                draft.set(local.draft.normalised());
                edits.set(1);
                save_now.with_value(|f| f());
            } else if local.revision != revision.get_untracked() {
                forget_locally(&mission_for_mount);
            }
        }
    });
    // Timers and listeners exist only in the browser, not while the server renders.
    let online = StoredValue::new(None::<WindowListenerHandle>);
    let retry = StoredValue::new(None::<IntervalHandle>);
    Effect::new(move |_| {
        online.set_value(Some(window_event_listener(leptos::ev::online, move |_| {
            save_now.with_value(|f| f())
        })));
        retry.set_value(
            set_interval_with_handle(
                move || {
                    if state.get_untracked() == SaveState::Offline {
                        save_now.with_value(|f| f());
                    }
                },
                std::time::Duration::from_millis(RETRY_MS),
            )
            .ok(),
        );
    });
    on_cleanup(move || {
        if let Some(h) = online.try_update_value(Option::take).flatten() {
            h.remove();
        }
        if let Some(h) = retry.try_update_value(Option::take).flatten() {
            h.clear();
        }
    });

    // A submission waits for a save already on its way: both name the
    // revision they start from, and the second would be refused as stale.
    let wants_submit = RwSignal::new(false);
    // Effects run only in the browser once this editor is hydrated: until
    // then a typed answer or a click on "Submit" reaches no handler.
    let live = RwSignal::new(false);
    Effect::new(move |_| live.set(true));
    let mission_for_submit = mission.clone();
    let send_submission = move || {
        let mission = mission_for_submit.clone();
        leptos::task::spawn_local(async move {
            let body = draft.get_untracked();
            let mut base = revision.get_untracked();
            // What is still only on this device goes first.
            if edits.get_untracked() > 0 {
                match save_report(mission.clone(), body.clone(), base).await {
                    Ok(new_revision) => {
                        revision.set(new_revision);
                        edits.set(0);
                        base = new_revision;
                    }
                    Err(e) => {
                        submit_error.set(Some(e));
                        return;
                    }
                }
            }
            match submit_report(mission.clone(), body, base).await {
                Ok(()) => {
                    forget_locally(&mission);
                    submitted.set(true);
                    let _ = window().location().reload();
                }
                Err(e) => submit_error.set(Some(e)),
            }
        });
    };
    Effect::new(move |_| {
        if wants_submit.get() && !in_flight.get() {
            wants_submit.set(false);
            send_submission();
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(h) = pending.get_value() {
            h.clear();
        }
        wants_submit.set(true);
    };

    let status_text = move || match state.get() {
        SaveState::Saved => td_string!(l, report_saved),
        SaveState::Saving => td_string!(l, report_saving),
        SaveState::Offline => td_string!(l, report_offline),
        SaveState::Conflict => td_string!(l, report_conflict),
    };
    let status_class = move || match state.get() {
        SaveState::Offline | SaveState::Conflict => "save-state warning",
        _ => "save-state",
    };
    let items = first.items.clone();
    view! {
        <div class="report-editor">
            <p class=status_class role="status" aria-live="polite" data-testid="save-state" data-live=move || live.get().then_some("true")>{status_text}</p>
            <ErrorSummary error=Signal::derive(move || submit_error.get())/>
            <form class="stacked-form report-form" on:submit=submit novalidate>
                {items.into_iter().enumerate().map(|(index, item)| {
                    let standard = item.standard;
                    let name = format!("finding.{}", standard.as_str());
                    let notes_id = format!("field-notes.{}", standard.as_str());
                    let legend_id = format!("legend-{}", standard.as_str());
                    let labelled_by = legend_id.clone();
                    let notes_for = notes_id.clone();
                    view! {
                        <fieldset class="report-item" aria-labelledby=labelled_by>
                            <legend id=legend_id>{locale::standard_name(l, standard)}</legend>
                            <div class="choices" id=format!("field-{name}")>
                                {Finding::ALL.iter().map(|f| {
                                    let f = *f;
                                    let id = format!("{name}-{}", f.as_str());
                                    let label_for = id.clone();
                                    view! {
                                        <label class="choice" for=label_for>
                                            <input type="radio" id=id name=name.clone() value=f.as_str()
                                                prop:checked=move || draft.with(|d| d.items[index].finding == Some(f))
                                                on:change=move |_| {
                                                    draft.update(|d| d.items[index].finding = Some(f));
                                                    changed.with_value(|c| c());
                                                }/>
                                            {locale::finding_name(l, f)}
                                        </label>
                                    }
                                }).collect_view()}
                            </div>
                            <div class="field">
                                <label for=notes_for>{td_string!(l, label_notes)}</label>
                                <textarea id=notes_id rows="3"
                                    prop:value=move || draft.with(|d| d.items[index].notes.clone())
                                    on:input=move |ev| {
                                        let text = event_target_value(&ev);
                                        draft.update(|d| d.items[index].notes = text);
                                        changed.with_value(|c| c());
                                    }>{item.notes.clone()}</textarea>
                            </div>
                        </fieldset>
                    }
                }).collect_view()}
                <div class="field">
                    <label for="field-overall">{td_string!(l, label_overall)}</label>
                    <textarea id="field-overall" rows="6"
                        prop:value=move || draft.with(|d| d.overall.clone())
                        on:input=move |ev| {
                            let text = event_target_value(&ev);
                            draft.update(|d| d.overall = text);
                            changed.with_value(|c| c());
                        }>{first.overall.clone()}</textarea>
                </div>
                <fieldset class="report-item">
                    <legend>{td_string!(l, label_grade)}</legend>
                    <div class="choices" id="field-grade">
                        {Grade::ALL.iter().map(|g| {
                            let g = *g;
                            let id = format!("grade-{}", g.as_str());
                            let label_for = id.clone();
                            view! {
                                <label class="choice" for=label_for>
                                    <input type="radio" id=id name="grade" value=g.as_str()
                                        prop:checked=move || draft.with(|d| d.grade == Some(g))
                                        on:change=move |_| {
                                            draft.update(|d| d.grade = Some(g));
                                            changed.with_value(|c| c());
                                        }/>
                                    {g.as_str()}
                                </label>
                            }
                        }).collect_view()}
                    </div>
                </fieldset>
                <div class="field">
                    <label for="field-grade_reason">{td_string!(l, label_grade_reason)}</label>
                    <textarea id="field-grade_reason" rows="3"
                        prop:value=move || draft.with(|d| d.grade_reason.clone())
                        on:input=move |ev| {
                            let text = event_target_value(&ev);
                            draft.update(|d| d.grade_reason = text);
                            changed.with_value(|c| c());
                        }>{first.grade_reason.clone()}</textarea>
                </div>
                <p class="hint">{td_string!(l, report_submit_hint)}</p>
                <div class="form-actions">
                    <button type="submit" class="button primary" disabled=move || submitted.get()>{td_string!(l, report_submit)}</button>
                </div>
            </form>
        </div>
    }
}
