//! An organisation's networks and partners on its page: current relations
//! first, then the past ones with their years; for staff, the forms that add,
//! end and delete them.

use crate::directory::ties::{DeleteTie, EndTie, MergeOrganisation, SetTie};
use crate::i18n::*;
use crate::locale;
use crate::ui::error_summary::ErrorSummary;
use crate::ui::last_write::LastWrite;
use crate::ui::tags::VisibilityTag;
use leptos::prelude::*;
use shared::{OrgRef, OrgTie, TieKind, Visibility};

/// The page's relation writes: made once per page, so that the profile is
/// read again after each one.
#[derive(Clone, Copy)]
pub struct TieActions {
    set: ServerAction<SetTie>,
    end: ServerAction<EndTie>,
    delete: ServerAction<DeleteTie>,
    merge: ServerAction<MergeOrganisation>,
    /// Of the relation writes (set, end, delete).
    last: LastWrite,
}

impl TieActions {
    pub fn new() -> Self {
        let (set, end, delete) = (
            ServerAction::<SetTie>::new(),
            ServerAction::<EndTie>::new(),
            ServerAction::<DeleteTie>::new(),
        );
        TieActions {
            set,
            end,
            delete,
            merge: ServerAction::<MergeOrganisation>::new(),
            last: LastWrite::new([set.version(), end.version(), delete.version()]),
        }
    }

    fn error(&self) -> Option<crate::error::AppError> {
        self.last.error([
            self.set.value().get(),
            self.end.value().get(),
            self.delete.value().get(),
        ])
    }

    /// Changes after each write that answered.
    pub fn version(&self) -> usize {
        self.set.version().get()
            + self.end.version().get()
            + self.delete.version().get()
            + self.merge.version().get()
    }
}

impl Default for TieActions {
    fn default() -> Self {
        Self::new()
    }
}

fn org_label(o: &OrgRef) -> String {
    match &o.acronym {
        Some(a) => format!("{} ({a})", o.name),
        None => o.name.clone(),
    }
}

fn kind_name(l: Locale, k: TieKind) -> &'static str {
    match k {
        TieKind::MemberOf => td_string!(l, member_of),
        TieKind::PartnerOf => td_string!(l, tie_partner_of),
    }
}

#[component]
pub fn TiesSection(
    id: String,
    ties: Vec<OrgTie>,
    may_edit: bool,
    choices: Vec<OrgRef>,
    actions: TieActions,
) -> impl IntoView {
    let l = locale::current();
    let (current, past): (Vec<OrgTie>, Vec<OrgTie>) =
        ties.into_iter().partition(OrgTie::is_current);
    let lines = |ties: Vec<OrgTie>, id: String| {
        ties.into_iter()
            .map(|t| view! { <TieLine tie=t id=id.clone() may_edit actions/> })
            .collect_view()
    };
    view! {
        {(current.is_empty() && past.is_empty()).then(|| view! {
            <p class="muted">{td_string!(l, no_network)}</p>
        })}
        {(!current.is_empty()).then(|| view! {
            <ul class="link-list ties" data-testid="ties-current">{lines(current, id.clone())}</ul>
        })}
        {(!past.is_empty()).then(|| view! {
            <h3>{td_string!(l, ties_past)}</h3>
            <ul class="link-list ties" data-testid="ties-past">{lines(past, id.clone())}</ul>
        })}
        {may_edit.then(|| view! {
            <AddTie id=id.clone() choices=choices.clone() actions/>
            <MergeDuplicate id=id.clone() choices actions/>
        })}
    }
}

#[component]
fn TieLine(tie: OrgTie, id: String, may_edit: bool, actions: TieActions) -> impl IntoView {
    let l = locale::current();
    let href = format!("/organisations/{}", tie.other.id);
    let label = org_label(&tie.other);
    let years = locale::years(l, tie.since, tie.until);
    let detail = [tie.role.clone(), years]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
    let ended = tie.until.is_some();
    let other = tie.other.id.to_string();
    let kind = tie.kind.as_str();
    // A pair may hold one relation per level: the row names its own.
    let level = tie.visibility.as_str();
    let end_id = format!("end-{kind}-{other}-{level}");
    let end_form = (may_edit && !ended).then(|| {
        let (id, other, label) = (id.clone(), other.clone(), label.clone());
        view! {
            <ActionForm action=actions.end attr:class="inline-form">
                <input type="hidden" name="id" value=id/>
                <input type="hidden" name="kind" value=kind/>
                <input type="hidden" name="organisation" value=other/>
                <input type="hidden" name="level" value=level/>
                <label for=end_id.clone()>{td_string!(l, membership_end_year)}</label>
                <input id=end_id.clone() name="until" type="number" min="1900" max="2100" required class="year-input"/>
                <button type="submit" class="button secondary">
                    {td_string!(l, tie_end, organisation = label).to_string()}
                </button>
            </ActionForm>
        }
    });
    let delete_form = may_edit.then(|| {
        let (id, other, label) = (id.clone(), other.clone(), label.clone());
        view! {
            <ActionForm action=actions.delete attr:class="inline-form">
                <input type="hidden" name="id" value=id/>
                <input type="hidden" name="kind" value=kind/>
                <input type="hidden" name="organisation" value=other/>
                <input type="hidden" name="level" value=level/>
                <button type="submit" class="button secondary">
                    {td_string!(l, membership_delete, organisation = label).to_string()}
                </button>
            </ActionForm>
        }
    });
    view! {
        <li class:ended=ended>
            <span class="tie-kind">{kind_name(l, tie.kind)}</span> " "
            <a href=href>{label.clone()}</a>
            {(!detail.is_empty()).then(|| view! { " · " <span class="muted">{detail}</span> })}
            " "
            <VisibilityTag visibility=tie.visibility/>
            {tie.source.clone().map(|s| view! { <p class="hint">{td_string!(l, membership_source)} ": " {s}</p> })}
            {may_edit.then(|| view! { <div class="inline-actions">{end_form}{delete_form}</div> })}
        </li>
    }
}

/// Adds a relation with another organisation (or changes that relation).
#[component]
fn AddTie(id: String, choices: Vec<OrgRef>, actions: TieActions) -> impl IntoView {
    let l = locale::current();
    let error = Signal::derive(move || actions.error());
    view! {
        <details class="panel" open=move || error.with(Option::is_some)>
            <summary>{td_string!(l, tie_add)}</summary>
            <ErrorSummary error/>
            <ActionForm action=actions.set attr:class="stacked-form" attr:novalidate="true">
                <input type="hidden" name="id" value=id/>
                <div class="field-row">
                    <div class="field">
                        <label for="field-kind">{td_string!(l, tie_kind_label)}</label>
                        <select id="field-kind" name="form[kind]" required>
                            {TieKind::ALL.iter().copied().map(|k| view! {
                                <option value=k.as_str()>{kind_name(l, k)}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="field-organisation">{td_string!(l, label_organisation)}</label>
                        <select id="field-organisation" name="form[organisation]" required>
                            <option value="">"—"</option>
                            {choices.into_iter().map(|o| view! { <option value=o.id.to_string()>{org_label(&o)}</option> }).collect_view()}
                        </select>
                    </div>
                </div>
                <div class="field">
                    <label for="field-role">{td_string!(l, tie_role)}</label>
                    <input id="field-role" name="form[role]" type="text" maxlength="120"/>
                </div>
                <div class="field-row">
                    <div class="field">
                        <label for="field-since">{td_string!(l, membership_since_label)}</label>
                        <input id="field-since" name="form[since]" type="number" min="1900" max="2100" class="year-input"/>
                    </div>
                    <div class="field">
                        <label for="field-until">{td_string!(l, membership_until_label)}</label>
                        <input id="field-until" name="form[until]" type="number" min="1900" max="2100" class="year-input"/>
                    </div>
                </div>
                <div class="field">
                    <label for="field-source">{td_string!(l, membership_source)}</label>
                    <input id="field-source" name="form[source]" type="text" maxlength="500"/>
                </div>
                <div class="field">
                    <label for="field-visibility">{td_string!(l, tie_visibility)}</label>
                    <span class="hint" id="hint-tie-visibility">{td_string!(l, hint_tie_visibility)}</span>
                    <select id="field-visibility" name="form[visibility]" aria-describedby="hint-tie-visibility">
                        {Visibility::ALL.into_iter().map(|v| view! {
                            <option value=v.as_str() selected=v == Visibility::Network>{locale::visibility_name(l, v)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <button type="submit" class="button primary">{td_string!(l, tie_add_button)}</button>
            </ActionForm>
        </details>
    }
}

/// Merges a duplicate into this organisation: its relations, accounts and
/// invitations come here, its name stays as another name, its address
/// leads here.
#[component]
fn MergeDuplicate(id: String, choices: Vec<OrgRef>, actions: TieActions) -> impl IntoView {
    let l = locale::current();
    let error = Signal::derive(move || actions.merge.value().get().and_then(|r| r.err()));
    view! {
        <details class="panel" open=move || error.with(Option::is_some)>
            <summary>{td_string!(l, merge_title)}</summary>
            <ErrorSummary error/>
            <p class="hint" id="hint-merge">{td_string!(l, merge_hint)}</p>
            <ActionForm action=actions.merge attr:class="stacked-form" attr:novalidate="true">
                <input type="hidden" name="id" value=id/>
                <div class="field">
                    <label for="field-gone">{td_string!(l, merge_gone)}</label>
                    <select id="field-gone" name="gone" required aria-describedby="hint-merge">
                        <option value="">"—"</option>
                        {choices.into_iter().map(|o| view! { <option value=o.id.to_string()>{org_label(&o)}</option> }).collect_view()}
                    </select>
                </div>
                <button type="submit" class="button secondary">{td_string!(l, merge_button)}</button>
            </ActionForm>
        </details>
    }
}
