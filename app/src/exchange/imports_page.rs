//! The import pages (staff and admins): `/imports` uploads CSV files and
//! lists one's imports; `/imports/<id>` follows the check, shows what each
//! row will do (errors with their line, column and value first), and
//! confirms. A running import refreshes itself, with or without JavaScript,
//! and can be left and come back to.

use crate::exchange::imports::{fetch_import, fetch_imports, CheckImportAgain, ConfirmImport};
use crate::i18n::*;
use crate::locale;
use crate::ui::error_view::{ErrorView, Loading};
use crate::ui::layout::Breadcrumbs;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};
use shared::import::{
    CellProblem, ImportFile, ImportStatus, ImportView, OutcomeKind, PreviewRow, RowOutcome,
};
use shared::{Problem, ValidationError};

fn status_name(l: Locale, s: ImportStatus) -> &'static str {
    match s {
        ImportStatus::Checking => td_string!(l, import_status_checking),
        ImportStatus::Checked => td_string!(l, import_status_checked),
        ImportStatus::Writing => td_string!(l, import_status_writing),
        ImportStatus::Done => td_string!(l, import_status_done),
        ImportStatus::Failed => td_string!(l, import_status_failed),
        ImportStatus::Interrupted => td_string!(l, import_status_interrupted),
    }
}

fn file_name(l: Locale, f: ImportFile) -> &'static str {
    match f {
        ImportFile::Organisations => td_string!(l, import_file_organisations),
        ImportFile::Persons => td_string!(l, import_file_persons),
        ImportFile::Relations => td_string!(l, import_file_relations),
    }
}

fn outcome_name(l: Locale, k: OutcomeKind) -> &'static str {
    match k {
        OutcomeKind::Error => td_string!(l, import_outcome_error),
        OutcomeKind::New => td_string!(l, import_outcome_new),
        OutcomeKind::Update => td_string!(l, import_outcome_update),
        OutcomeKind::Unchanged => td_string!(l, import_outcome_unchanged),
    }
}

/// A cell's problem in the reader's language, with what the file should
/// hold instead when the problem says.
fn problem_line(l: Locale, p: &CellProblem) -> String {
    let error =
        ValidationError::new(p.column.clone(), p.problem.clone()).with_value(p.value.clone());
    let text = match &p.problem {
        Problem::Malformed { detail } => format!("“{}”: {detail}", p.value),
        Problem::NotOneOf { allowed } => format!(
            "{} {}",
            locale::problem_text(l, &error),
            td_string!(l, import_allowed, values = allowed.join(", "))
        ),
        _ => locale::problem_text(l, &error),
    };
    if p.column.is_empty() {
        text
    } else {
        format!(
            "{}: {text}",
            td_string!(l, import_column, column = p.column.clone())
        )
    }
}

#[component]
pub fn ImportsPage() -> impl IntoView {
    let l = locale::current();
    let query = use_query_map();
    let imports = Resource::new(|| (), |_| fetch_imports());
    let title = td_string!(l, import_title).to_owned();
    let problem = move || {
        query.with(|q| match q.get("problem").as_deref() {
            Some("no-file") => Some(td_string!(l, import_problem_no_file)),
            Some("not-text") => Some(td_string!(l, import_problem_not_text)),
            Some("too-many") => Some(td_string!(l, import_problem_daily_limit)),
            Some("too-large") => Some(td_string!(l, import_problem_too_large)),
            Some("busy") => Some(td_string!(l, import_problem_busy)),
            Some(_) => Some(td_string!(l, import_problem_upload)),
            None => None,
        })
    };
    view! {
        <Title text=title.clone()/>
        <Breadcrumbs
            trail=vec![("/organisations".into(), td_string!(l, nav_directory).to_owned())]
            current=title.clone()
        />
        <div class="narrow-wide">
            <h1>{title}</h1>
            {move || problem().map(|text| view! {
                <div class="error-summary" role="alert" tabindex="-1"><p>{text}</p></div>
            })}
            <p>{td_string!(l, import_lead)}</p>
            <form method="post" action="/imports/upload" enctype="multipart/form-data" class="stacked-form">
                <div class="field">
                    <label for="import-organisations">{td_string!(l, import_organisations_file)}</label>
                    <span class="hint" id="import-organisations-hint">{td_string!(l, import_organisations_hint)}</span>
                    <input id="import-organisations" name="organisations" type="file"
                        accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" aria-describedby="import-organisations-hint"/>
                </div>
                <div class="field">
                    <label for="import-persons">{td_string!(l, import_persons_file)}</label>
                    <span class="hint" id="import-persons-hint">{td_string!(l, import_persons_hint)}</span>
                    <input id="import-persons" name="persons" type="file"
                        accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" aria-describedby="import-persons-hint"/>
                </div>
                <div class="field">
                    <label for="import-relations">{td_string!(l, import_relations_file)}</label>
                    <span class="hint" id="import-relations-hint">{td_string!(l, import_relations_hint)}</span>
                    <input id="import-relations" name="relations" type="file"
                        accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" aria-describedby="import-relations-hint"/>
                </div>
                <button type="submit" class="button">{td_string!(l, import_upload)}</button>
            </form>
            <p>
                {td_string!(l, import_templates)} " "
                <a href="/imports/template/organisations.csv" download="organisations.csv">{td_string!(l, import_file_organisations)}</a>
                " · "
                <a href="/imports/template/persons.csv" download="persons.csv">{td_string!(l, import_file_persons)}</a>
                " · "
                <a href="/imports/template/relations.csv" download="relations.csv">{td_string!(l, import_file_relations)}</a>
            </p>
            <h2>{td_string!(l, import_list_title)}</h2>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match imports.await {
                        Ok(list) if list.is_empty() => view! { <p class="muted">{td_string!(l, import_none)}</p> }.into_any(),
                        Ok(list) => view! {
                            <ul class="plain-list">
                                {list.into_iter().map(|i| view! {
                                    <li>
                                        <a href=format!("/imports/{}", i.id)>{i.files.join(", ")}</a>
                                        " · " {locale::day(l, &i.created_at)} " · " {status_name(l, i.status)}
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(e) => view! { <ErrorView error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
pub fn ImportPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let confirm = ServerAction::<ConfirmImport>::new();
    let again = ServerAction::<CheckImportAgain>::new();
    let data = Resource::new(
        move || {
            (
                params.with(|p| p.get("id").unwrap_or_default()),
                query.with(|q| q.get("show").unwrap_or_default()),
                query.with(|q| {
                    q.get("page")
                        .and_then(|p| p.parse::<usize>().ok())
                        .unwrap_or(1)
                }),
                confirm.version().get(),
                again.version().get(),
            )
        },
        |(id, show, page, _, _)| fetch_import(id, show, page),
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    // A running check looks again in a moment through the
                    // page's meta refresh.
                    Ok(v) => view! { <ImportDetail view=v confirm again/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ImportDetail(
    view: ImportView,
    confirm: ServerAction<ConfirmImport>,
    again: ServerAction<CheckImportAgain>,
) -> impl IntoView {
    let l = locale::current();
    let title = td_string!(l, import_one_title).to_owned();
    let id = view.id.clone();
    let running = view.status.is_running();
    let errors = view.errors();
    let writes = view.writes();
    let status = view.status;
    let files = view
        .files
        .iter()
        .map(|(k, name)| format!("{} ({})", name, file_name(l, *k)))
        .collect::<Vec<_>>()
        .join(", ");
    let progress = (status == ImportStatus::Checking).then(|| {
        td_string!(
            l,
            import_progress,
            done = locale::number(l, view.done as u64),
            total = locale::number(l, view.total as u64)
        )
        .to_string()
    });
    let written = view.written.map(|c| {
        td_string!(
            l,
            import_done,
            new = c.new,
            update = c.update,
            unchanged = c.unchanged
        )
        .to_string()
    });
    let shown = view.shown;
    let base = format!("/imports/{id}");
    let tabs = OutcomeKind::ALL.map(|k| {
        let n: usize = view.counts.iter().map(|(_, c)| c.of(k)).sum();
        (k, n)
    });
    view! {
        <Title text=title.clone()/>
        {running.then(|| view! { <Meta http_equiv="refresh" content="2"/> })}
        <Breadcrumbs
            trail=vec![("/imports".into(), td_string!(l, import_title).to_owned())]
            current=title.clone()
        />
        <div class="narrow-wide">
            <h1>{title}</h1>
            <p>{files}</p>
            <p role="status" data-testid="import-status">
                <strong>{status_name(l, status)}</strong>
                {progress.map(|p| view! { " · " {p} })}
            </p>
            {view.failure.clone().map(|f| view! { <div class="notice" role="alert"><p>{f}</p></div> })}
            {written.map(|w| view! { <div class="notice" role="status"><p data-testid="import-written">{w}</p></div> })}
            {(!view.counts.is_empty()).then(|| view! {
                <div class="table-scroll">
                    <table class="data-table">
                        <caption>{td_string!(l, import_counts)}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{td_string!(l, import_file)}</th>
                                {OutcomeKind::ALL.map(|k| view! { <th scope="col">{outcome_name(l, k)}</th> }).collect_view()}
                            </tr>
                        </thead>
                        <tbody>
                            {view.counts.iter().map(|(f, c)| view! {
                                <tr>
                                    <th scope="row">{file_name(l, *f)}</th>
                                    {OutcomeKind::ALL.map(|k| view! { <td>{locale::number(l, c.of(k) as u64)}</td> }).collect_view()}
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            })}
            {(status == ImportStatus::Checked).then(|| {
                if errors > 0 {
                    view! { <p class="notice" data-testid="import-fix">{td_string!(l, import_fix)}</p> }.into_any()
                } else if writes == 0 {
                    view! { <p class="notice">{td_string!(l, import_nothing)}</p> }.into_any()
                } else {
                    let id = id.clone();
                    view! {
                        <ActionForm action=confirm>
                            <input type="hidden" name="id" value=id/>
                            <button type="submit" class="button">{td_string!(l, import_confirm, n = writes).to_string()}</button>
                        </ActionForm>
                    }.into_any()
                }
            })}
            {matches!(status, ImportStatus::Interrupted | ImportStatus::Failed | ImportStatus::Checked).then(|| {
                let id = id.clone();
                view! {
                    <ActionForm action=again>
                        <input type="hidden" name="id" value=id/>
                        <button type="submit" class="button secondary">{td_string!(l, import_check_again)}</button>
                    </ActionForm>
                }
            })}
            {(!view.counts.is_empty()).then(|| view! {
                <nav aria-label=td_string!(l, import_show)>
                    <ul class="tabs">
                        {tabs.into_iter().map(|(k, n)| {
                            let href = format!("{base}?show={}", k.as_str());
                            let current = (k == shown).then_some("page");
                            view! { <li><a href=href aria-current=current>{outcome_name(l, k)} " (" {n} ")"</a></li> }
                        }).collect_view()}
                    </ul>
                </nav>
                <RowTable rows=view.rows.clone()/>
                {(view.pages > 1).then(|| {
                    let prev = (view.page > 1).then(|| format!("{base}?show={}&page={}", shown.as_str(), view.page - 1));
                    let next = (view.page < view.pages).then(|| format!("{base}?show={}&page={}", shown.as_str(), view.page + 1));
                    view! {
                        <nav class="pager" aria-label=td_string!(l, pagination)>
                            {prev.map(|h| view! { <a href=h rel="prev">{td_string!(l, previous)}</a> })}
                            <span>{td_string!(l, import_page_n, page = view.page, pages = view.pages).to_string()}</span>
                            {next.map(|h| view! { <a href=h rel="next">{td_string!(l, next)}</a> })}
                        </nav>
                    }
                })}
            })}
        </div>
    }
}

#[component]
fn RowTable(rows: Vec<PreviewRow>) -> impl IntoView {
    let l = locale::current();
    if rows.is_empty() {
        return view! { <p class="muted">{td_string!(l, import_no_rows)}</p> }.into_any();
    }
    view! {
        <div class="table-scroll">
            <table class="data-table" data-testid="import-rows">
                <caption class="visually-hidden">{td_string!(l, import_rows)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{td_string!(l, import_file)}</th>
                        <th scope="col">{td_string!(l, import_line)}</th>
                        <th scope="col">{td_string!(l, import_row)}</th>
                        <th scope="col">{td_string!(l, import_what)}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|r| {
                        let what = match &r.outcome {
                            RowOutcome::New => view! { <span>{outcome_name(l, OutcomeKind::New)}</span> }.into_any(),
                            RowOutcome::Unchanged { record } => view! {
                                <span>{outcome_name(l, OutcomeKind::Unchanged)} " · " <code>{record.clone()}</code></span>
                            }.into_any(),
                            RowOutcome::Update { record, changes } => view! {
                                <span>{outcome_name(l, OutcomeKind::Update)} " · " <code>{record.clone()}</code> " · "
                                    {td_string!(l, import_changes, fields = changes.join(", ")).to_string()}</span>
                            }.into_any(),
                            RowOutcome::Error { problems } => view! {
                                <ul class="plain-list">
                                    {problems.iter().map(|p| view! { <li class="field-error">{problem_line(l, p)}</li> }).collect_view()}
                                </ul>
                            }.into_any(),
                        };
                        view! {
                            <tr>
                                <td>{file_name(l, r.file)}</td>
                                <td>{r.line}</td>
                                <td>{r.label.clone()}</td>
                                <td>{what}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}
