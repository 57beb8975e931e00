//! The authorisation matrix over every write: every kind of reader × every
//! server function that changes something × every visibility of the record
//! it changes. Each request goes through the real router as the hydrated
//! page sends it (same-site `Origin`, `accept: application/json`, so a
//! refusal comes back as a status, not as a redirect to the form), and each
//! answer is checked against the rule the code documents:
//!
//! - anonymous: 401 (every write asks who is signed in before anything else);
//! - a role the function's gate refuses: 403, before the record is looked at,
//!   so the answer says nothing about the record;
//! - a record the caller may not read: 404, the answer of a missing record;
//!   a hidden record *named in a form field* (the hearing a mission is
//!   planned from) is refused on that field, 400, as a missing one is;
//! - a new record above the caller's clearance: 400 on `visibility`
//!   (`store::writes::within_clearance`);
//! - the further rules: members edit only their own organisation, a level
//!   changes only as `shared::may_reclassify` says, a report is written only
//!   by the mission's observers.
//!
//! A refused write must change nothing: every write of the store appends its
//! audit line in its own transaction, so an unchanged count of audit lines
//! (reads and exports left out) proves nothing was written. An allowed write
//! answering 2xx must have appended one.
//!
//! Readers run refused-first for each record, then the allowed ones from the
//! least to the most powerful role (the admin last), so an allowed write never
//! changes what a later refused case is about. Two allowed writers of the same
//! record may still meet a state the first one changed: the second `mission-move`
//! (approved → deployed) finds the mission deployed and is answered 409 (the
//! `from` it names is stale; an illegal move would be 400). A 409 comes only
//! after the visibility and role checks, so it counts as "allowed past
//! authorisation". Organisation edits send the version read just before the
//! request, so each allowed edit really saves.

use crate::support;
use crate::support::http::{app_with_readers, form_encode, send, Reader};
use app::accounts::store::Sessions;
use app::accounts::Actor;
use app::advocacy::store::{Campaigns, Events, Interventions};
use app::directory::store::Profiles;
use app::observation::store::{Hearings, Missions, TrialRegistration};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use server::seed::accounts::DEMO_MEMBER_ORGANISATION;
use server::store::accounts::sessions::NewUser;
use server::store::SurrealStore;
use shared::{MissionStatus, ObserverRole, PersonId, Role, Viewer, Visibility};
use std::fmt;

/// The staff account that access-grant and access-revoke hand a record to
/// and take it back from (not one of the readers: their rights stay as they are).
const GRANTEE: &str = "write.grantee@example.org";
/// The account the admin-only account functions act on (never a reader's:
/// signing it out or disabling it must not end a reader's session).
const ACCOUNT: &str = "write.target@example.org";
const PASSWORD: &str = "a long enough passphrase here";

/// The gate a server function calls before anything else, and the rule its
/// store applies after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gate {
    /// `observation::api::context::planner()`: staff and admins.
    Planner,
    /// `advocacy::api::context::campaigner()`: campaigners, staff, admins.
    Campaigner,
    /// `organisation-save`: any signed-in user; the store then wants the
    /// record readable and `CurrentUser::may_edit_organisation`, and a change
    /// of level allowed by `shared::may_reclassify`.
    OrgEditor,
    /// `organisation-save` asking for another level (`reclassified`).
    OrgReclassify,
    /// `accounts::admin::context::admin()`: admins only.
    Admin,
    /// `observation::api::context::signed_in()` and nothing more.
    SignedIn,
    /// `report-save`, `report-submit`: signed in; the store then wants the
    /// mission readable (404) and the caller one of its observers (403).
    ReportObserver,
    /// `reference-answer`: signed in; the store then answers only for the
    /// referee organisation's own members, every other caller as if the
    /// request did not exist (404).
    Referee,
}

/// What the store checks of the record, once the gate let the caller through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum On {
    /// The record the function changes: hidden answers 404.
    Record,
    /// A record named in a form field (the hearing of `mission-plan`): hidden
    /// is refused on that field, 400, exactly as a missing one.
    Named,
    /// A record created at the level the form asks for: above the caller's
    /// clearance is refused on `visibility`, 400. A grant never counts here.
    NewRecord,
    /// Nothing about a record (account administration).
    Nothing,
}

/// Which target a write is about, for the failure table and the grants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Organisation,
    Person,
    Trial,
    Hearing,
    Mission,
    Report,
    Event,
    FollowUp,
    AdvocacyMission,
    Campaign,
    Intervention,
    /// Not a record with a visibility: run once, not once per level.
    Account,
}

struct Write {
    endpoint: &'static str,
    /// How the row is named in the failure table.
    label: &'static str,
    gate: Gate,
    on: On,
    kind: Kind,
    /// `input = Json` server functions take a JSON body; the others a form.
    json: bool,
    /// The request body for the record of this level, as this role sends it
    /// (only `mission-observer-remove` and `report-changes` differ by role:
    /// each allowed caller needs a person, or a submitted report, of its own).
    body: fn(&Targets, Visibility, Option<Role>) -> String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    Allowed,
    Refused(u16),
}

impl fmt::Display for Expect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expect::Allowed => f.write_str("allowed"),
            Expect::Refused(code) => write!(f, "refused {code}"),
        }
    }
}

/// A reader as the rules see them: role, grants, own organisation.
struct Who {
    role: Option<Role>,
    grants: Vec<String>,
    organisation: Option<String>,
}

struct Org {
    key: String,
    name: String,
    acronym: String,
}

/// The records of one visibility level, each written by the admin through
/// the store's own methods (the trial is at this level, its hearings and
/// missions under it, and so on).
struct AtLevel {
    org: Org,
    /// Made by the admin at this level, at low risk.
    person: String,
    trial: String,
    /// Recorded by `hearing-record`; missions are planned from it.
    hearing: String,
    /// Another hearing of the same trial, for `mission-cover`.
    other_hearing: String,
    /// Approved; Marco Ruiz and Aylin Demir observe it.
    mission: String,
    /// Approved, observed by Léa Fontaine (the demo staff account): its
    /// report is saved by `report-save`.
    draft: String,
    /// The same, for `report-submit` (a submitted report is read-only).
    submission: String,
    /// Missions whose report was submitted, one for each role that may send
    /// one back ([staff, admin]): the first request for changes reopens it.
    review: [String; 2],
    /// Public duplicates merged into this level's organisation by
    /// `organisation-merge`, one for each role that may ([staff, admin]).
    duplicates: [String; 2],
    /// Public people merged into this level's person by `person-merge`, one
    /// for each role that may ([staff, admin]).
    person_duplicates: [String; 2],
    event: String,
    follow_up: String,
    /// Has one checklist item, for `advocacy-mission-check`.
    advocacy_mission: String,
    campaign: String,
    intervention: String,
}

struct Targets {
    levels: Vec<AtLevel>,
    grantee: String,
    account: String,
}

fn ix(level: Visibility) -> usize {
    Visibility::ALL
        .iter()
        .position(|v| *v == level)
        .expect("a visibility level")
}

impl Targets {
    fn at(&self, level: Visibility) -> &AtLevel {
        &self.levels[ix(level)]
    }

    /// The record a write of this kind changes, as grants name it.
    fn record(&self, kind: Kind, level: Visibility) -> String {
        let at = self.at(level);
        match kind {
            Kind::Organisation => format!("organisation:{}", at.org.key),
            Kind::Person => format!("person:{}", at.person),
            Kind::Trial => format!("trial:{}", at.trial),
            Kind::Hearing => format!("hearing:{}", at.hearing),
            Kind::Mission => format!("mission:{}", at.mission),
            // Every report mission of a level is at that level; only the
            // level matters for them (nobody is granted a mission).
            Kind::Report => format!("mission:{}", at.draft),
            Kind::Event => format!("advocacy_event:{}", at.event),
            Kind::FollowUp => format!("follow_up:{}", at.follow_up),
            Kind::AdvocacyMission => format!("advocacy_mission:{}", at.advocacy_mission),
            Kind::Campaign => format!("campaign:{}", at.campaign),
            Kind::Intervention => format!("intervention:{}", at.intervention),
            Kind::Account => String::new(),
        }
    }
}

/// Where `organisation-save (reclassify)` moves a record of `level`: up to
/// restricted (beyond every clearance but the admin's: a campaigner cannot
/// hide a record from the staff who read it), or, for a restricted record,
/// open to the public (only an admin opens a restricted record; the granted
/// staff member may edit it, not publish it).
fn reclassified(level: Visibility) -> Visibility {
    if level == Visibility::Restricted {
        Visibility::Public
    } else {
        Visibility::Restricted
    }
}

/// What the code says should happen when `who` sends `write` about the
/// record `record`, of visibility `level`.
fn expected(who: &Who, write: &Write, level: Visibility, record: &str) -> Expect {
    use Expect::{Allowed, Refused};
    // Every write asks for a session first: 401, whatever the record.
    let Some(role) = who.role else {
        return Refused(401);
    };
    // The viewer the session gives (`SessionInfo::viewer`): the role's
    // clearance, and grants for staff-side roles only. The demo staff
    // account is granted the restricted organisation of the matrix.
    let viewer = Viewer::with_clearance(role.clearance()).with_grants(who.grants.clone());
    let reads = viewer.can_read(level) || viewer.grants().iter().any(|g| g == record);
    let found = |refusal: u16| if reads { Allowed } else { Refused(refusal) };
    match write.gate {
        Gate::SignedIn => Allowed,
        Gate::Referee => {
            if who.organisation.as_deref() == Some(DEMO_MEMBER_ORGANISATION) {
                Allowed
            } else {
                Refused(404)
            }
        }
        Gate::Admin => {
            // Admins read every level, so no admin-only write meets a hidden
            // record. A grant opens a restricted record only: on any other,
            // which every staff member reads, it would open its restricted
            // links and nothing else (400, on the record's level).
            if role != Role::Admin {
                Refused(403)
            } else if write.endpoint == "access-grant" && level != Visibility::Restricted {
                Refused(400)
            } else {
                Allowed
            }
        }
        Gate::Planner | Gate::Campaigner => {
            let passes = if write.gate == Gate::Planner {
                role.plans_missions()
            } else {
                role.runs_advocacy()
            };
            if !passes {
                return Refused(403);
            }
            match write.on {
                On::Record => found(404),
                On::Named => found(400),
                On::NewRecord => {
                    if viewer.can_read(level) {
                        Allowed
                    } else {
                        Refused(400)
                    }
                }
                On::Nothing => Allowed,
            }
        }
        Gate::ReportObserver => {
            // The observers write the report; the demo staff account is the
            // observer Léa Fontaine, lead of every report mission here. An
            // admin reads the mission but observes nothing: 403.
            if !reads {
                Refused(404)
            } else if role == Role::Staff {
                Allowed
            } else {
                Refused(403)
            }
        }
        Gate::OrgEditor | Gate::OrgReclassify => {
            // `update_organisation`: readable (404), then may edit (403),
            // then the change of level (403), then the version (409).
            if !reads {
                return Refused(404);
            }
            if !role.edits_everything_visible() {
                // Members edit their own organisation only; the level is not
                // theirs to set, and a level they send is silently kept
                // (`OrgEditForm::check` answers `Change::Keep`), so their
                // reclassification saves the other fields and is allowed.
                let own = who
                    .organisation
                    .as_deref()
                    .is_some_and(|o| record == format!("organisation:{o}"));
                return if own { Allowed } else { Refused(403) };
            }
            if write.gate == Gate::OrgReclassify
                && !shared::may_reclassify(role, level, reclassified(level))
            {
                return Refused(403);
            }
            Allowed
        }
    }
}

/// What is wrong with this answer, if anything.
fn judge(expect: Expect, status: StatusCode, written: u64) -> Option<String> {
    if status.is_server_error() {
        return Some("a server error".into());
    }
    match expect {
        Expect::Refused(code) if status.as_u16() != code => {
            Some(format!("expected {code}, and {written} audited write(s)"))
        }
        Expect::Refused(_) if written > 0 => {
            Some(format!("refused, yet {written} audited write(s)"))
        }
        Expect::Refused(_) => None,
        Expect::Allowed if status.is_success() && written == 0 => {
            Some("answered success but wrote nothing".into())
        }
        // 409: the record changed since the body was made (a second allowed
        // caller); the store checks that after visibility and rights.
        Expect::Allowed if status.is_success() || status == StatusCode::CONFLICT => None,
        Expect::Allowed => Some(format!("refused ({written} audited write(s))")),
    }
}

fn role_label(role: Option<Role>) -> &'static str {
    role.map_or("anonymous", Role::as_str)
}

/// The organisation form, as the edit page posts it; `{version}` is filled
/// in just before sending. City and description name the caller, so every
/// allowed save changes something (an edit that changes nothing is not
/// audited).
fn org_form(t: &Targets, l: Visibility, role: Option<Role>, to: Visibility) -> String {
    let org = &t.at(l).org;
    let by = role_label(role);
    format!(
        "id={}&form[version]={{version}}&form[name]={}&form[acronym]={}&form[city]={}\
         &form[website]=&form[email]=&form[description]={}&form[description_lang]=en\
         &form[visibility]={to}",
        org.key,
        form_encode(&org.name),
        form_encode(&org.acronym),
        form_encode(&format!("Matrix {by}")),
        form_encode(&format!("Edited by the write matrix as {by}.")),
    )
}

/// The report page's JSON call: a draft, or a complete report to submit.
fn report_body(mission: &str, complete: bool) -> String {
    let mut draft = shared::ReportDraft::default();
    if complete {
        for item in &mut draft.items {
            item.finding = Some(shared::Finding::Respected);
        }
        draft.overall = "The hearing was public and the defence pleaded fully.".into();
        draft.grade = Some(shared::Grade::B);
        draft.grade_reason = "A fair hearing, seen by the write matrix.".into();
    } else {
        draft.overall = "A draft saved by the write matrix.".into();
    }
    serde_json::json!({ "mission": mission, "draft": draft, "revision": 0 }).to_string()
}

/// Every write server function of the platform but those a user makes on
/// their own account (sign-in and out, password, second factor) and those
/// anyone holding a link may call (invite-accept, password-reset).
fn writes() -> Vec<Write> {
    vec![
        // --- Directory ------------------------------------------------------
        Write {
            endpoint: "organisation-save",
            label: "organisation-save",
            gate: Gate::OrgEditor,
            on: On::Record,
            kind: Kind::Organisation,
            json: false,
            body: |t, l, role| org_form(t, l, role, l),
        },
        // --- People (planners) ------------------------------------------------
        Write {
            endpoint: "person-create",
            label: "person-create",
            gate: Gate::Planner,
            on: On::NewRecord,
            kind: Kind::Person,
            json: false,
            body: |_, l, _| {
                format!(
                    "form[name]=Matrix+person+{l}&form[defender]=on&form[risk_level]=low\
                     &form[gender]=&form[nationality]=tn&form[languages]=ar&form[description]=\
                     &form[visibility]={l}&form[not_duplicate]=on"
                )
            },
        },
        Write {
            endpoint: "organisation-create",
            label: "organisation-create",
            gate: Gate::Planner,
            on: On::NewRecord,
            kind: Kind::Organisation,
            json: false,
            body: |_, l, _| {
                format!(
                    "form[name]=Matrix+organisation+{l}&form[acronym]=&form[kind]=partner\
                     &form[member_since]=&form[country]=ch&form[themes][justice]=on\
                     &form[languages]=fr&form[other_names]=&form[city]=&form[website]=\
                     &form[email]=&form[description]=&form[description_lang]=en\
                     &form[visibility]={l}&form[not_duplicate]=on"
                )
            },
        },
        Write {
            endpoint: "person-save",
            label: "person-save",
            gate: Gate::Planner,
            on: On::Record,
            kind: Kind::Person,
            json: false,
            // The description names the caller, so every allowed save writes.
            body: |t, l, role| {
                format!(
                    "id={}&form[version]={{person_version}}&form[name]=Matrix+person+{l}\
                     &form[staff]=on&form[risk_level]=low&form[languages]=fr\
                     &form[description]=Edited+as+{}&form[visibility]={l}",
                    t.at(l).person,
                    role_label(role)
                )
            },
        },
        // Each allowed caller keeps a membership of its own organisation, so
        // the second one's end and delete find theirs.
        Write {
            endpoint: "person-membership",
            label: "person-membership",
            gate: Gate::Planner,
            on: On::Record,
            kind: Kind::Person,
            json: false,
            body: |t, l, role| {
                format!(
                    "person={}&form[organisation]={}&form[role]=Lawyer&form[since]=2020\
                     &form[until]=&form[source]=Matrix&form[visibility]={l}",
                    t.at(l).person,
                    membership_org(role)
                )
            },
        },
        Write {
            endpoint: "person-membership-end",
            label: "person-membership-end",
            gate: Gate::Planner,
            on: On::Record,
            kind: Kind::Person,
            json: false,
            body: |t, l, role| {
                format!(
                    "person={}&organisation={}&until={}",
                    t.at(l).person,
                    membership_org(role),
                    this_year()
                )
            },
        },
        Write {
            endpoint: "person-membership-delete",
            label: "person-membership-delete",
            gate: Gate::Planner,
            on: On::Record,
            kind: Kind::Person,
            json: false,
            body: |t, l, role| {
                format!(
                    "person={}&organisation={}",
                    t.at(l).person,
                    membership_org(role)
                )
            },
        },
        // --- Relations between organisations (planners) ---------------------
        Write {
            endpoint: "organisation-tie",
            label: "organisation-tie",
            gate: Gate::Planner,
            on: On::Record,
            kind: Kind::Organisation,
            json: false,
            body: |t, l, role| {
                format!(
                    "id={}&form[kind]=partner-of&form[organisation]={}&form[role]=Matrix\
                     &form[since]=2020&form[until]=&form[source]=Matrix&form[visibility]={l}",
                    t.at(l).org.key,
                    tie_org(role)
                )
            },
        },
        Write {
            endpoint: "organisation-tie-end",
            label: "organisation-tie-end",
            gate: Gate::Planner,
            on: On::Record,
            kind: Kind::Organisation,
            json: false,
            body: |t, l, role| {
                format!(
                    "id={}&kind=partner-of&organisation={}&until={}",
                    t.at(l).org.key,
                    tie_org(role),
                    this_year()
                )
            },
        },
        Write {
            endpoint: "organisation-tie-delete",
            label: "organisation-tie-delete",
            gate: Gate::Planner,
            on: On::Record,
            kind: Kind::Organisation,
            json: false,
            body: |t, l, role| {
                format!(
                    "id={}&kind=partner-of&organisation={}",
                    t.at(l).org.key,
                    tie_org(role)
                )
            },
        },
        Write {
            endpoint: "organisation-merge",
            label: "organisation-merge",
            gate: Gate::Planner,
            on: On::Record,
            kind: Kind::Organisation,
            json: false,
            body: |t, l, role| {
                let gone = &t.at(l).duplicates[usize::from(role == Some(Role::Admin))];
                format!("id={}&gone={gone}", t.at(l).org.key)
            },
        },
        Write {
            endpoint: "person-merge",
            label: "person-merge",
            gate: Gate::Planner,
            on: On::Record,
            kind: Kind::Person,
            json: false,
            body: |t, l, role| {
                let gone = &t.at(l).person_duplicates[usize::from(role == Some(Role::Admin))];
                format!("id={}&gone={gone}", t.at(l).person)
            },
        },
        // --- Seats and work on countries and themes (planners) --------------
        // Each allowed caller keeps a place of its own, so the second one's
        // end and delete find theirs (work, not a seat: a new seat ends the
        // other caller's, and ending an ended one is refused).
        Write {
            endpoint: "place-tie",
            label: "place-tie (organisation)",
            gate: Gate::Planner,
            on: On::Record,
            kind: Kind::Organisation,
            json: false,
            body: |t, l, role| {
                format!(
                    "holder=organisation%2F{}&form[kind]=works-on&form[place]={}\
                     &form[since]=2020&form[until]=&form[source]=Matrix&form[visibility]={l}",
                    t.at(l).org.key,
                    place_of(role)
                )
            },
        },
        Write {
            endpoint: "place-tie-end",
            label: "place-tie-end (organisation)",
            gate: Gate::Planner,
            on: On::Record,
            kind: Kind::Organisation,
            json: false,
            body: |t, l, role| {
                format!(
                    "holder=organisation%2F{}&kind=works-on&place={}&until={}",
                    t.at(l).org.key,
                    place_of(role),
                    this_year()
                )
            },
        },
        Write {
            endpoint: "place-tie-delete",
            label: "place-tie-delete (organisation)",
            gate: Gate::Planner,
            on: On::Record,
            kind: Kind::Organisation,
            json: false,
            body: |t, l, role| {
                format!(
                    "holder=organisation%2F{}&kind=works-on&place={}",
                    t.at(l).org.key,
                    place_of(role)
                )
            },
        },
        Write {
            endpoint: "place-tie",
            label: "place-tie (person)",
            gate: Gate::Planner,
            on: On::Record,
            kind: Kind::Person,
            json: false,
            body: |t, l, role| {
                format!(
                    "holder=person%2F{}&form[kind]=works-on&form[place]={}\
                     &form[since]=2021&form[until]=&form[source]=Matrix&form[visibility]={l}",
                    t.at(l).person,
                    place_of(role)
                )
            },
        },
        Write {
            endpoint: "place-tie-end",
            label: "place-tie-end (person)",
            gate: Gate::Planner,
            on: On::Record,
            kind: Kind::Person,
            json: false,
            body: |t, l, role| {
                format!(
                    "holder=person%2F{}&kind=works-on&place={}&until={}",
                    t.at(l).person,
                    place_of(role),
                    this_year()
                )
            },
        },
        Write {
            endpoint: "place-tie-delete",
            label: "place-tie-delete (person)",
            gate: Gate::Planner,
            on: On::Record,
            kind: Kind::Person,
            json: false,
            body: |t, l, role| {
                format!(
                    "holder=person%2F{}&kind=works-on&place={}",
                    t.at(l).person,
                    place_of(role)
                )
            },
        },
        // --- Trial observation: trials and hearings (planners) ---------------
        Write {
            endpoint: "trial-create",
            label: "trial-create",
            gate: Gate::Planner,
            on: On::NewRecord,
            kind: Kind::Trial,
            json: false,
            body: |_, l, _| {
                format!(
                    "form[case_name]=Write+matrix+new+case+{l}&form[court]=Matrix+Court\
                     &form[city]=Geneva&form[country]=ch&form[timezone]=Europe%2FZurich\
                     &form[court_language]=fr&form[defendant]=&form[supporter]=\
                     &form[visibility]={l}&form[summary]="
                )
            },
        },
        Write {
            endpoint: "trial-create",
            label: "trial-create (new defendant, lawyer, supporter)",
            gate: Gate::Planner,
            on: On::NewRecord,
            kind: Kind::Trial,
            json: false,
            // The people and the organisation are made in the trial's
            // transaction: a refused trial leaves none of them.
            body: |_, l, _| {
                format!(
                    "form[case_name]=Write+matrix+registration+{l}&form[court]=Matrix+Court\
                     &form[city]=Geneva&form[country]=ch&form[timezone]=Europe%2FZurich\
                     &form[court_language]=fr&form[defendant]=&form[supporter]=&form[lawyer]=\
                     &form[new_defendant]=Matrix+defendant+{l}&form[new_lawyer]=Matrix+lawyer+{l}\
                     &form[new_supporter]=Matrix+supporters+{l}&form[not_duplicate]=on\
                     &form[visibility]={l}&form[summary]="
                )
            },
        },
        Write {
            endpoint: "trial-link",
            label: "trial-link",
            gate: Gate::Planner,
            on: On::Record,
            kind: Kind::Trial,
            json: false,
            body: |t, l, _| format!("trial={}&link=supporter%3Aomct", t.at(l).trial),
        },
        Write {
            endpoint: "trial-outcome",
            label: "trial-outcome",
            gate: Gate::Planner,
            on: On::Record,
            kind: Kind::Trial,
            json: false,
            body: |t, l, _| {
                format!(
                    "trial={}&status=ongoing&outcome=&sentence=&decided_on=",
                    t.at(l).trial
                )
            },
        },
        Write {
            endpoint: "hearing-add",
            label: "hearing-add",
            gate: Gate::Planner,
            on: On::Record,
            kind: Kind::Trial,
            json: false,
            body: |t, l, _| {
                format!(
                    "form[trial]={}&form[date]=2031-06-01&form[time]=10%3A00\
                     &form[place]=Matrix+court%2C+room+2",
                    t.at(l).trial
                )
            },
        },
        Write {
            endpoint: "hearing-record",
            label: "hearing-record",
            gate: Gate::Planner,
            on: On::Record,
            kind: Kind::Hearing,
            json: false,
            body: |t, l, _| {
                format!(
                    "form[hearing]={}&form[status]=held&form[summary]=Recorded+by+the+write+matrix\
                     &form[next_date]=&form[next_time]=",
                    t.at(l).hearing
                )
            },
        },
        // --- Observation missions (planners) ---------------------------------
        Write {
            endpoint: "mission-plan",
            label: "mission-plan",
            gate: Gate::Planner,
            // A hidden hearing is refused on the `hearing` field (400), as a
            // missing one; the mission itself is at least staff-only.
            on: On::Named,
            kind: Kind::Hearing,
            json: false,
            body: |t, l, _| {
                format!(
                    "form[hearing]={}&form[title]=Matrix+planned+mission&form[starts_on]=2031-03-02\
                     &form[ends_on]=2031-03-04&form[organisation]=omct",
                    t.at(l).hearing
                )
            },
        },
        Write {
            endpoint: "mission-cover",
            label: "mission-cover",
            gate: Gate::Planner,
            on: On::Record,
            kind: Kind::Mission,
            json: false,
            body: |t, l, _| {
                let at = t.at(l);
                format!("mission={}&hearing={}", at.mission, at.other_hearing)
            },
        },
        Write {
            endpoint: "mission-observer",
            label: "mission-observer",
            gate: Gate::Planner,
            on: On::Record,
            kind: Kind::Mission,
            json: false,
            body: |t, l, _| {
                format!(
                    "mission={}&person=karim-haddad&role=interpreter",
                    t.at(l).mission
                )
            },
        },
        Write {
            endpoint: "mission-observer-remove",
            label: "mission-observer-remove",
            gate: Gate::Planner,
            on: On::Record,
            kind: Kind::Mission,
            json: false,
            // Each allowed caller removes an observer of its own: a second
            // removal of the same person is answered 404 ("not on the
            // mission"), which would read as a refusal.
            body: |t, l, role| {
                let person = if role == Some(Role::Admin) {
                    "aylin-demir"
                } else {
                    "marco-ruiz"
                };
                format!("mission={}&person={person}", t.at(l).mission)
            },
        },
        Write {
            endpoint: "mission-move",
            label: "mission-move",
            gate: Gate::Planner,
            on: On::Record,
            kind: Kind::Mission,
            json: false,
            // Last of the mission writes. The first allowed caller deploys the
            // mission; the next names a stale `from` and gets 409, past the
            // rights checks (see the module's comment).
            body: |t, l, _| format!("mission={}&from=approved&to=deployed", t.at(l).mission),
        },
        // --- Reports ----------------------------------------------------------
        Write {
            endpoint: "report-save",
            label: "report-save",
            gate: Gate::ReportObserver,
            on: On::Record,
            kind: Kind::Report,
            json: true,
            body: |t, l, _| report_body(&t.at(l).draft, false),
        },
        Write {
            endpoint: "report-submit",
            label: "report-submit",
            gate: Gate::ReportObserver,
            on: On::Record,
            kind: Kind::Report,
            json: true,
            body: |t, l, _| report_body(&t.at(l).submission, true),
        },
        Write {
            endpoint: "report-changes",
            label: "report-changes",
            gate: Gate::Planner,
            on: On::Record,
            kind: Kind::Report,
            json: false,
            // A request for changes reopens the report: the next one would be
            // 403 (nothing to review), so each allowed role has its own.
            body: |t, l, role| {
                let review = &t.at(l).review[usize::from(role == Some(Role::Admin))];
                format!("mission={review}&note=Please+detail+the+findings")
            },
        },
        // --- Advocacy events and their follow-ups (campaigners) -----------------
        Write {
            endpoint: "advocacy-event-create",
            label: "advocacy-event-create",
            gate: Gate::Campaigner,
            // The level asked for, and the advocacy mission of the same level
            // it joins (hidden: 400 on `mission`); the first refusal is on
            // `visibility`, also 400.
            on: On::NewRecord,
            kind: Kind::Event,
            json: false,
            body: |t, l, _| {
                format!(
                    "form[title]=Matrix+new+event+{l}&form[kind]=side-event&form[mechanism]=hrc\
                     &form[starts_on]=2031-04-02&form[ends_on]=&form[city]=Geneva&form[country]=ch\
                     &form[agenda]=&form[asks]=&form[mission]={}&form[visibility]={l}",
                    t.at(l).advocacy_mission
                )
            },
        },
        Write {
            endpoint: "advocacy-event-organiser",
            label: "advocacy-event-organiser",
            gate: Gate::Campaigner,
            on: On::Record,
            kind: Kind::Event,
            json: false,
            body: |t, l, _| format!("event={}&organisation=omct", t.at(l).event),
        },
        Write {
            endpoint: "advocacy-event-participant",
            label: "advocacy-event-participant",
            gate: Gate::Campaigner,
            on: On::Record,
            kind: Kind::Event,
            json: false,
            body: |t, l, _| format!("event={}&person=eren-keskin&role=speaker", t.at(l).event),
        },
        Write {
            endpoint: "advocacy-follow-up",
            label: "advocacy-follow-up",
            gate: Gate::Campaigner,
            on: On::Record,
            kind: Kind::Event,
            json: false,
            body: |t, l, _| {
                format!(
                    "event={}&form[kind]=commitment&form[text]=Matrix+commitment\
                     &form[due_on]=&form[owner]=",
                    t.at(l).event
                )
            },
        },
        Write {
            endpoint: "advocacy-follow-up-done",
            label: "advocacy-follow-up-done",
            gate: Gate::Campaigner,
            // A follow-up is as readable as its event (`readable!("event")`);
            // the matrix's follow-ups are at their event's level.
            on: On::Record,
            kind: Kind::FollowUp,
            json: false,
            body: |t, l, _| format!("follow_up={}&back=%2Fwork", t.at(l).follow_up),
        },
        // --- Advocacy missions (campaigners) ------------------------------------
        Write {
            endpoint: "advocacy-mission-create",
            label: "advocacy-mission-create",
            gate: Gate::Campaigner,
            on: On::NewRecord,
            kind: Kind::AdvocacyMission,
            json: false,
            body: |_, l, _| {
                format!(
                    "form[title]=Matrix+new+delegation+{l}&form[purpose]=&form[starts_on]=2031-04-01\
                     &form[ends_on]=2031-04-05&form[visibility]={l}"
                )
            },
        },
        Write {
            endpoint: "advocacy-mission-item",
            label: "advocacy-mission-item",
            gate: Gate::Campaigner,
            on: On::Record,
            kind: Kind::AdvocacyMission,
            json: false,
            body: |t, l, _| {
                format!(
                    "mission={}&form[item]=budget&form[label]=Matrix+line&form[amount]=100",
                    t.at(l).advocacy_mission
                )
            },
        },
        Write {
            endpoint: "advocacy-mission-check",
            label: "advocacy-mission-check",
            gate: Gate::Campaigner,
            on: On::Record,
            kind: Kind::AdvocacyMission,
            json: false,
            body: |t, l, _| format!("mission={}&index=0&done=true", t.at(l).advocacy_mission),
        },
        // --- Campaigns (campaigners) --------------------------------------------
        Write {
            endpoint: "campaign-create",
            label: "campaign-create",
            gate: Gate::Campaigner,
            on: On::NewRecord,
            kind: Kind::Campaign,
            json: false,
            body: |_, l, _| {
                format!(
                    "form[name]=Matrix+new+campaign+{l}&form[summary]=&form[starts_on]=2031-01-01\
                     &form[visibility]={l}"
                )
            },
        },
        Write {
            endpoint: "campaign-action",
            label: "campaign-action",
            gate: Gate::Campaigner,
            on: On::Record,
            kind: Kind::Campaign,
            json: false,
            body: |t, l, _| {
                format!(
                    "campaign={}&form[kind]=statement&form[on]=2031-02-02\
                     &form[title]=Matrix+statement&form[url]=",
                    t.at(l).campaign
                )
            },
        },
        Write {
            endpoint: "campaign-case",
            label: "campaign-case",
            gate: Gate::Campaigner,
            // The campaign is checked first (404); the case, an intervention
            // of the same level, is then readable too.
            on: On::Record,
            kind: Kind::Campaign,
            json: false,
            body: |t, l, _| {
                let at = t.at(l);
                format!(
                    "campaign={}&case=intervention%3A{}",
                    at.campaign, at.intervention
                )
            },
        },
        // --- Interventions (campaigners) ----------------------------------------
        Write {
            endpoint: "intervention-create",
            label: "intervention-create",
            gate: Gate::Campaigner,
            on: On::NewRecord,
            kind: Kind::Intervention,
            json: false,
            body: |_, l, _| {
                format!(
                    "form[title]=Matrix+new+appeal+{l}&form[reference]=&form[kind]=urgent-appeal\
                     &form[support]=&form[sent_on]=2031-02-01&form[country]=tr\
                     &form[addressees]=Minister+of+Justice&form[person]=eren-keskin\
                     &form[cosignatory]=&form[visibility]={l}&form[notes]="
                )
            },
        },
        Write {
            endpoint: "intervention-link",
            label: "intervention-link",
            gate: Gate::Campaigner,
            on: On::Record,
            kind: Kind::Intervention,
            json: false,
            body: |t, l, _| {
                format!(
                    "intervention={}&person=&cosignatory=omct",
                    t.at(l).intervention
                )
            },
        },
        Write {
            endpoint: "intervention-progress",
            label: "intervention-progress",
            gate: Gate::Campaigner,
            on: On::Record,
            kind: Kind::Intervention,
            json: false,
            body: |t, l, _| {
                format!(
                    "intervention={}&status=following-up&outcome=&outcome_on=",
                    t.at(l).intervention
                )
            },
        },
        // --- Access to restricted records (admins) --------------------------------
        Write {
            endpoint: "access-grant",
            label: "access-grant",
            gate: Gate::Admin,
            on: On::Nothing,
            kind: Kind::Organisation,
            json: false,
            body: |t, l, _| {
                format!(
                    "organisation={}&email={}",
                    t.at(l).org.key,
                    form_encode(GRANTEE)
                )
            },
        },
        Write {
            endpoint: "access-revoke",
            label: "access-revoke",
            gate: Gate::Admin,
            on: On::Nothing,
            kind: Kind::Organisation,
            json: false,
            body: |t, l, _| format!("organisation={}&user={}", t.at(l).org.key, t.grantee),
        },
        // --- Accounts (admins), on an account no reader uses -----------------------
        Write {
            endpoint: "invite",
            label: "invite",
            gate: Gate::Admin,
            on: On::Nothing,
            kind: Kind::Account,
            json: false,
            body: |_, _, _| {
                "email=write.invitee%40example.org&name=Matrix+invitee&role=campaigner".into()
            },
        },
        Write {
            endpoint: "user-role",
            label: "user-role",
            gate: Gate::Admin,
            on: On::Nothing,
            kind: Kind::Account,
            json: false,
            body: |t, _, _| format!("user={}&role=staff", t.account),
        },
        Write {
            endpoint: "user-sign-out",
            label: "user-sign-out",
            gate: Gate::Admin,
            on: On::Nothing,
            kind: Kind::Account,
            json: false,
            body: |t, _, _| format!("user={}", t.account),
        },
        Write {
            endpoint: "user-reset-second-factor",
            label: "user-reset-second-factor",
            gate: Gate::Admin,
            on: On::Nothing,
            kind: Kind::Account,
            json: false,
            body: |t, _, _| format!("user={}", t.account),
        },
        Write {
            endpoint: "password-reset-create",
            label: "password-reset-create",
            gate: Gate::Admin,
            on: On::Nothing,
            kind: Kind::Account,
            json: false,
            body: |t, _, _| format!("user={}", t.account),
        },
        Write {
            endpoint: "user-disable",
            label: "user-disable",
            gate: Gate::Admin,
            on: On::Nothing,
            kind: Kind::Account,
            json: false,
            // Last of the account writes: the account is disabled after it.
            body: |t, _, _| format!("user={}&disabled=true", t.account),
        },
        // --- The caller's own calendar address (anyone signed in) ------------------
        Write {
            endpoint: "calendar-renew",
            label: "calendar-renew",
            gate: Gate::SignedIn,
            on: On::Nothing,
            kind: Kind::Account,
            json: false,
            // CHECK: an empty form body deserialises to `restricted: None`
            // (serde_qs leaves a missing `Option` field as `None`).
            body: |_, _, _| String::new(),
        },
        // --- Membership applications (staff-only records; demo applications) -------
        Write {
            endpoint: "application-ask-referees",
            label: "application-ask-referees",
            gate: Gate::Planner,
            on: On::Nothing,
            kind: Kind::Account,
            json: false,
            body: |_, _, _| "id=d0000000000000a1".into(),
        },
        Write {
            endpoint: "reference-answer",
            label: "reference-answer",
            gate: Gate::Referee,
            on: On::Nothing,
            kind: Kind::Account,
            json: false,
            // MIDH was asked as a referee of this application (demo data).
            body: |_, _, _| {
                "id=d0000000000000a2-1&form%5Banswer%5D=supports\
                 &form%5Bcomment%5D=Seen+by+the+write+matrix."
                    .into()
            },
        },
        Write {
            endpoint: "application-decide",
            label: "application-decide (ask for more)",
            gate: Gate::Planner,
            on: On::Nothing,
            kind: Kind::Account,
            json: false,
            // The second allowed caller names a version the first one moved
            // on: 409, after the gate.
            body: |_, _, _| {
                "id=d0000000000000a3&version=0&form%5Bdecision%5D=ask-for-more\
                 &form%5Breason%5D=Please+send+your+statutes."
                    .into()
            },
        },
        Write {
            endpoint: "application-assess",
            label: "application-assess",
            gate: Gate::Planner,
            on: On::Nothing,
            kind: Kind::Account,
            json: false,
            // As for the decision: the second allowed caller's version is stale.
            body: |_, _, _| {
                "id=d0000000000000a2&version=0&form%5Bverdict%5D%5Bnon-profit%5D=met\
                 &form%5Bnote%5D%5Bnon-profit%5D=Registered+as+a+non-profit."
                    .into()
            },
        },
        Write {
            endpoint: "criterion-change",
            label: "criterion-change",
            gate: Gate::Admin,
            on: On::Nothing,
            kind: Kind::Account,
            json: false,
            body: |_, _, _| "key=two-years&text=Active+for+at+least+two+years&active=on".into(),
        },
        Write {
            endpoint: "notifications-read",
            label: "notifications-read (all)",
            gate: Gate::SignedIn,
            on: On::Nothing,
            kind: Kind::Account,
            json: false,
            body: |_, _, _| String::new(),
        },
        Write {
            endpoint: "notification-settings-save",
            label: "notification-settings-save",
            gate: Gate::SignedIn,
            on: On::Nothing,
            kind: Kind::Account,
            json: false,
            body: |_, _, _| "language=fr&delivery%5Bnew-member%5D=never".into(),
        },
        Write {
            endpoint: "outbox-retry",
            label: "outbox-retry",
            gate: Gate::Admin,
            on: On::Nothing,
            kind: Kind::Account,
            json: false,
            // A message that failed for good (made for the matrix).
            body: |_, _, _| "id=matrixfailed".into(),
        },
        Write {
            endpoint: "criterion-add",
            label: "criterion-add",
            gate: Gate::Admin,
            on: On::Nothing,
            kind: Kind::Account,
            json: false,
            body: |_, _, _| "text=Keeps+its+accounts+public".into(),
        },
        // --- Reclassification, last: the admin's allowed change of level ---------
        // moves the organisation to another level, and nothing runs after it.
        Write {
            endpoint: "organisation-save",
            label: "organisation-save (reclassify)",
            gate: Gate::OrgReclassify,
            on: On::Record,
            kind: Kind::Organisation,
            json: false,
            body: |t, l, role| org_form(t, l, role, reclassified(l)),
        },
    ]
}

/// A reader's role, grants and organisation, as their session gives them.
async fn who(store: &SurrealStore, reader: &Reader) -> Who {
    let Some(token) = reader.cookie.strip_prefix("sos_session=") else {
        return Who {
            role: None,
            grants: Vec::new(),
            organisation: None,
        };
    };
    let session = store
        .session(token)
        .await
        .expect("the store answers")
        .expect("a fresh session is valid");
    Who {
        role: Some(session.user.role),
        grants: session.grants.clone(),
        organisation: session.user.organisation.as_ref().map(|o| o.to_string()),
    }
}

/// Audit lines of writes so far. Every write appends its line in its own
/// transaction; reads of restricted records (`read.`) and exports
/// (`export.`) are logged too and left out.
async fn audited_writes(store: &SurrealStore) -> u64 {
    store
        .db()
        .query(
            "RETURN count(SELECT id FROM audit WHERE !string::starts_with(action, 'read.')
                AND !string::starts_with(action, 'export.'))",
        )
        .await
        .expect("the audit log is readable")
        .take::<Option<u64>>(0)
        .expect("a count")
        .unwrap_or(0)
}

/// The version an organisation edit names: the one stored now.
/// The public organisation whose membership a caller of `role` keeps.
fn membership_org(role: Option<Role>) -> &'static str {
    if role == Some(Role::Admin) {
        "omct"
    } else {
        DEMO_MEMBER_ORGANISATION
    }
}

/// The end year of the matrix's relations: this year (a later one is refused).
fn this_year() -> i32 {
    chrono::Datelike::year(&chrono::Utc::now())
}

/// The country a caller of `role` places the targets in: one each, so the
/// admin's place is not the one staff already deleted.
fn place_of(role: Option<Role>) -> &'static str {
    if role == Some(Role::Admin) {
        "country%3AUG"
    } else {
        "country%3AKE"
    }
}

/// The public organisation a caller of `role` relates the targets to: one
/// each, so the admin's relation is not the one staff already deleted.
fn tie_org(role: Option<Role>) -> &'static str {
    if role == Some(Role::Admin) {
        "sos-torture"
    } else {
        "fidh"
    }
}

async fn person_version(store: &SurrealStore, key: &str) -> String {
    use app::people::store::People;
    store
        .person(&support::admin(), &shared::PersonId::parse(key).unwrap())
        .await
        .expect("the store answers")
        .expect("an admin reads every person")
        .version
        .to_string()
}

async fn org_version(store: &SurrealStore, key: &str) -> String {
    store
        .organisation(&support::admin(), &shared::OrgId::parse(key).unwrap())
        .await
        .expect("the store answers")
        .expect("an admin reads every organisation")
        .version
        .to_string()
}

/// The value of `name` in a form body.
fn form_field<'a>(body: &'a str, name: &str) -> Option<&'a str> {
    body.split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// The request as the hydrated page sends it: from this site (the CSRF
/// check reads `Origin` against `Host`), with the session cookie, asking for
/// JSON so that an error is answered with its status.
fn request(reader: &Reader, write: &Write, body: String) -> Request<Body> {
    let content_type = if write.json {
        "application/json"
    } else {
        "application/x-www-form-urlencoded"
    };
    Request::post(format!("/api/{}", write.endpoint))
        .header("host", "127.0.0.1:3000")
        .header("origin", "http://127.0.0.1:3000")
        .header("cookie", reader.cookie.as_str())
        .header("content-type", content_type)
        .header("accept", "application/json")
        .body(Body::from(body))
        .unwrap()
}

/// Plans a mission from `hearing` as the admin. The planner files a mission
/// at least staff-only (`plan_mission`), so for the public and network rows
/// of the matrix the level is lowered afterwards: they show the rule as the
/// store applies it to whatever level is stored.
async fn plan(
    store: &SurrealStore,
    admin: &Actor,
    hearing: &shared::HearingId,
    level: Visibility,
    title: &str,
) -> shared::MissionId {
    let id = store
        .plan_mission(
            admin,
            &shared::MissionPlanForm {
                hearing: hearing.to_string(),
                title: title.into(),
                starts_on: "2031-03-02".into(),
                ends_on: "2031-03-04".into(),
                organisation: "omct".into(),
            }
            .check()
            .expect("a valid plan"),
        )
        .await
        .expect("the admin plans a mission");
    if level < Visibility::Staff {
        // CHECK: lowering a mission's level by hand; the schema allows every
        // level (`visibility ON mission ... IN $visibilities`).
        store
            .db()
            .query("UPDATE type::record('mission', $key) SET visibility = $level")
            .bind(("key", id.to_string()))
            .bind(("level", level.as_str()))
            .await
            .expect("the mission's level changes")
            .check()
            .expect("the mission's level changes");
    }
    id
}

async fn approve(store: &SurrealStore, admin: &Actor, mission: &shared::MissionId) {
    store
        .move_mission(
            admin,
            mission,
            MissionStatus::Proposed,
            MissionStatus::Approved,
        )
        .await
        .expect("the admin approves the mission");
}

async fn observe(
    store: &SurrealStore,
    admin: &Actor,
    mission: &shared::MissionId,
    person: &str,
    role: ObserverRole,
) {
    store
        .assign_observer(admin, mission, &PersonId::parse(person).unwrap(), role)
        .await
        .expect("the admin assigns an observer");
}

/// An approved mission whose lead is Léa Fontaine, the demo staff account.
async fn observed_by_staff(
    store: &SurrealStore,
    admin: &Actor,
    hearing: &shared::HearingId,
    level: Visibility,
    title: &str,
) -> String {
    let id = plan(store, admin, hearing, level, title).await;
    approve(store, admin, &id).await;
    observe(
        store,
        admin,
        &id,
        server::seed::trials::STAFF_OBSERVER,
        ObserverRole::Lead,
    )
    .await;
    id.to_string()
}

/// A mission whose report was submitted, waiting for review.
async fn submitted(
    store: &SurrealStore,
    admin: &Actor,
    hearing: &shared::HearingId,
    level: Visibility,
    title: &str,
) -> String {
    let id = plan(store, admin, hearing, level, title).await;
    // CHECK: written as the seed writes its submitted reports (report:<mission
    // key>, as `write_report` names them); the store offers no way to submit
    // a report at the restricted level, which the staff observer cannot read.
    store
        .db()
        .query(
            "CREATE type::record('report', $key) CONTENT {
                mission: type::record('mission', $key), status: 'submitted', items: [],
                overall: 'Submitted for the write matrix.', grade: 'B',
                grade_reason: 'Fair enough.', revision: 1, submitted_at: time::now() }",
        )
        .bind(("key", id.to_string()))
        .await
        .expect("the report is written")
        .check()
        .expect("the report is written");
    id.to_string()
}

/// One record of every kind at every level, written by the admin through the
/// store's own methods, and the two accounts the admin functions act on.
async fn build_targets(store: &SurrealStore) -> Targets {
    let admin = support::actor(store, Role::Admin).await;
    let data = support::demo_data();
    let mut levels = Vec::new();
    for level in Visibility::ALL {
        let l = level.as_str();
        // Organisations: the demo's. The member's own (MIDH) is the public
        // one; the restricted one is the first of the demo data, the one the
        // demo staff account is granted.
        let key = if level == Visibility::Public {
            DEMO_MEMBER_ORGANISATION.to_owned()
        } else {
            data.orgs
                .iter()
                .find(|o| o.visibility == level)
                .unwrap_or_else(|| panic!("the demo has a {l} organisation"))
                .key
                .clone()
        };
        let current = store
            .organisation(&admin.viewer, &shared::OrgId::parse(&key).unwrap())
            .await
            .expect("the store answers")
            .expect("an admin reads every organisation");
        assert_eq!(current.visibility, level, "{key}");
        let org = Org {
            key,
            name: current.name,
            acronym: current.acronym.unwrap_or_default(),
        };

        let trial = store
            .create_trial(
                &admin,
                &shared::TrialForm {
                    case_name: format!("Write matrix case {l}"),
                    court: "Matrix Criminal Court".into(),
                    city: "Geneva".into(),
                    country: "ch".into(),
                    timezone: "Europe/Zurich".into(),
                    court_language: "fr".into(),
                    charges: Vec::new(),
                    defendant: String::new(),
                    supporter: String::new(),
                    visibility: l.into(),
                    summary: String::new(),
                    ..shared::TrialForm::default()
                }
                .check()
                .expect("a valid trial"),
            )
            .await
            .expect("the admin registers a trial");
        let hearing_on = |date: &str| {
            shared::HearingForm {
                trial: trial.to_string(),
                date: date.into(),
                time: "09:30".into(),
                place: "Matrix court, room 1".into(),
            }
            .check()
            .expect("a valid hearing")
        };
        // A hearing is at its trial's level.
        let hearing = store
            .add_hearing(&admin, &hearing_on("2031-03-03"))
            .await
            .expect("the admin adds a hearing");
        let other_hearing = store
            .add_hearing(&admin, &hearing_on("2031-03-10"))
            .await
            .expect("the admin adds a hearing");

        let mission = plan(store, &admin, &hearing, level, "Write matrix mission").await;
        approve(store, &admin, &mission).await;
        observe(
            store,
            &admin,
            &mission,
            "marco-ruiz",
            ObserverRole::Observer,
        )
        .await;
        observe(
            store,
            &admin,
            &mission,
            "aylin-demir",
            ObserverRole::Observer,
        )
        .await;
        let draft = observed_by_staff(store, &admin, &hearing, level, "Write matrix draft").await;
        let submission =
            observed_by_staff(store, &admin, &hearing, level, "Write matrix submission").await;
        let review = [
            submitted(
                store,
                &admin,
                &hearing,
                level,
                "Write matrix review by staff",
            )
            .await,
            submitted(
                store,
                &admin,
                &hearing,
                level,
                "Write matrix review by admin",
            )
            .await,
        ];

        let event = store
            .create_event(
                &admin,
                &shared::EventForm {
                    title: format!("Write matrix side event {l}"),
                    kind: "side-event".into(),
                    mechanism: "hrc".into(),
                    starts_on: "2031-04-02".into(),
                    ends_on: String::new(),
                    city: "Geneva".into(),
                    country: "ch".into(),
                    online: None,
                    agenda: String::new(),
                    asks: String::new(),
                    mission: String::new(),
                    visibility: l.into(),
                }
                .check()
                .expect("a valid event"),
            )
            .await
            .expect("the admin creates an event");
        // A follow-up takes its event's level.
        let follow_up = store
            .add_follow_up(
                &admin,
                &event,
                &shared::FollowUpForm {
                    kind: "next-step".into(),
                    text: "Write matrix next step".into(),
                    due_on: "2031-05-01".into(),
                    owner: String::new(),
                }
                .check()
                .expect("a valid follow-up"),
            )
            .await
            .expect("the admin adds a follow-up");
        let advocacy_mission = store
            .create_advocacy_mission(
                &admin,
                &shared::AdvocacyMissionForm {
                    title: format!("Write matrix delegation {l}"),
                    purpose: String::new(),
                    starts_on: "2031-04-01".into(),
                    ends_on: "2031-04-05".into(),
                    visibility: l.into(),
                }
                .check()
                .expect("a valid advocacy mission"),
            )
            .await
            .expect("the admin creates an advocacy mission");
        store
            .add_plan_item(
                &admin,
                &advocacy_mission,
                &shared::PlanItemForm {
                    item: "check".into(),
                    kind: "visa".into(),
                    label: "Visas of the delegation".into(),
                    ..Default::default()
                }
                .check()
                .expect("a valid checklist item"),
            )
            .await
            .expect("the admin adds a checklist item");
        let campaign = store
            .create_campaign(
                &admin,
                &shared::CampaignForm {
                    name: format!("Write matrix campaign {l}"),
                    summary: String::new(),
                    starts_on: "2031-01-01".into(),
                    visibility: l.into(),
                }
                .check()
                .expect("a valid campaign"),
            )
            .await
            .expect("the admin creates a campaign");
        let person = {
            use app::people::store::People;
            store
                .create_person(
                    &admin,
                    &shared::PersonForm {
                        name: format!("Write matrix person {l}"),
                        risk_level: "low".into(),
                        visibility: l.into(),
                        ..Default::default()
                    }
                    .check()
                    .expect("a valid person"),
                    true,
                )
                .await
                .expect("the admin adds a person")
        };
        let intervention = store
            .create_intervention(
                &admin,
                &shared::InterventionForm {
                    title: format!("Write matrix appeal {l}"),
                    reference: String::new(),
                    kind: "urgent-appeal".into(),
                    support: String::new(),
                    sent_on: "2031-02-01".into(),
                    country: "tr".into(),
                    addressees: "Minister of Justice".into(),
                    person: "eren-keskin".into(),
                    cosignatory: String::new(),
                    visibility: l.into(),
                    notes: String::new(),
                    ..shared::InterventionForm::default()
                }
                .check()
                .expect("a valid intervention"),
            )
            .await
            .expect("the admin records an intervention");

        let mut duplicates = Vec::new();
        for who in ["staff", "admin"] {
            use app::directory::store::Editing;
            let form = shared::OrgEditForm {
                name: Some(format!("Matrix duplicate {l} {who}")),
                kind: Some("member".into()),
                visibility: Some("public".into()),
                description_lang: "en".into(),
                ..shared::OrgEditForm::default()
            };
            let id = store
                .create_organisation(&admin, &form.check_new(Role::Admin).unwrap(), true)
                .await
                .expect("the admin adds a duplicate");
            duplicates.push(id.to_string());
        }
        let duplicates: [String; 2] = duplicates.try_into().expect("two duplicates");
        let mut person_duplicates = Vec::new();
        for who in ["staff", "admin"] {
            use app::people::store::People;
            let id = store
                .create_person(
                    &admin,
                    &shared::PersonForm {
                        name: format!("Matrix person duplicate {l} {who}"),
                        risk_level: "low".into(),
                        visibility: "public".into(),
                        ..Default::default()
                    }
                    .check()
                    .expect("a valid person"),
                    true,
                )
                .await
                .expect("the admin adds a duplicate person");
            person_duplicates.push(id.to_string());
        }
        let person_duplicates: [String; 2] = person_duplicates.try_into().expect("two duplicates");
        levels.push(AtLevel {
            duplicates,
            person_duplicates,
            org,
            person: person.to_string(),
            trial: trial.to_string(),
            hearing: hearing.to_string(),
            other_hearing: other_hearing.to_string(),
            mission: mission.to_string(),
            draft,
            submission,
            review,
            event: event.to_string(),
            follow_up: follow_up.to_string(),
            advocacy_mission: advocacy_mission.to_string(),
            campaign: campaign.to_string(),
            intervention: intervention.to_string(),
        });
    }
    // CHECK: a message that failed for good, written by hand: no sender runs
    // in the matrix to fail one.
    store
        .db()
        .query(
            "CREATE outbox:matrixfailed CONTENT { to: 'nobody@example.org', lang: 'en',
                kind: 'invitation', subject: 'Matrix', text: 'Matrix', level: 'public',
                status: 'failed', attempts: 6, last_error: 'relay refused' }",
        )
        .await
        .expect("the outbox takes a message")
        .check()
        .expect("the outbox takes a message");
    let account = |email: &str, name: &str, role: Role| NewUser {
        email: email.into(),
        name: name.into(),
        role,
        organisation: None,
        password: PASSWORD.into(),
    };
    let grantee = store
        .create_user(account(GRANTEE, "Matrix grantee", Role::Staff), None)
        .await
        .expect("the grantee's account is created");
    let target = store
        .create_user(account(ACCOUNT, "Matrix account", Role::Campaigner), None)
        .await
        .expect("the target account is created");
    Targets {
        levels,
        grantee: grantee.to_string(),
        account: target.to_string(),
    }
}

#[tokio::test]
async fn every_write_is_allowed_or_refused_as_the_rules_say() {
    let started = std::time::Instant::now();
    let (store, app, readers) = app_with_readers().await;
    let targets = build_targets(&store).await;
    let mut whos = Vec::new();
    for reader in &readers {
        whos.push(who(&store, reader).await);
    }
    // The matrix's restricted organisation is the one the demo grants the
    // staff account: staff edit it (not publish it), others never find it.
    let granted = targets.record(Kind::Organisation, Visibility::Restricted);
    assert!(
        whos.iter()
            .any(|w| w.role == Some(Role::Staff) && w.grants.contains(&granted)),
        "the demo staff account is granted {granted}"
    );

    let mut failures: Vec<String> = Vec::new();
    let mut cases = 0usize;
    for write in writes() {
        let levels: Vec<Option<Visibility>> = if write.kind == Kind::Account {
            vec![None]
        } else {
            Visibility::ALL.into_iter().map(Some).collect()
        };
        for level in levels {
            let at = level.unwrap_or(Visibility::Public);
            let record = targets.record(write.kind, at);
            let mut order: Vec<(&Reader, &Who, Expect)> = readers
                .iter()
                .zip(&whos)
                .map(|(reader, caller)| (reader, caller, expected(caller, &write, at, &record)))
                .collect();
            // Refused callers first; then the allowed ones, the admin last.
            order.sort_by_key(|(_, caller, expect)| (*expect == Expect::Allowed, caller.role));
            for (reader, caller, expect) in order {
                cases += 1;
                let mut body = (write.body)(&targets, at, caller.role);
                if body.contains("{person_version}") {
                    let key = form_field(&body, "id")
                        .expect("a person form names its record")
                        .to_owned();
                    let version = person_version(&store, &key).await;
                    body = body.replace("{person_version}", &version);
                }
                if body.contains("{version}") {
                    let key = form_field(&body, "id")
                        .expect("an organisation form names its record")
                        .to_owned();
                    let version = org_version(&store, &key).await;
                    body = body.replace("{version}", &version);
                }
                let before = audited_writes(&store).await;
                let (status, answer) = send(&app, request(reader, &write, body)).await;
                let after = audited_writes(&store).await;
                if let Some(problem) = judge(expect, status, after.saturating_sub(before)) {
                    let answer: String = answer
                        .chars()
                        .filter(|c| !c.is_control())
                        .take(120)
                        .collect();
                    failures.push(format!(
                        "{:<11} {:<31} {:<10} {:<12} {:<4} {problem}: {answer}",
                        role_label(caller.role),
                        write.label,
                        level.map_or("-", Visibility::as_str),
                        expect.to_string(),
                        status.as_u16(),
                    ));
                }
            }
        }
    }
    println!(
        "write matrix: {cases} cases, {} disagreeing, in {:.1?}",
        failures.len(),
        started.elapsed()
    );
    assert!(
        failures.is_empty(),
        "{} of {cases} writes disagree with the rules:\n{:<11} {:<31} {:<10} {:<12} {:<4} problem\n{}",
        failures.len(),
        "role",
        "write",
        "level",
        "expected",
        "got",
        failures.join("\n")
    );
}
