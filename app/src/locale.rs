//! The reader's language applied to domain values: region, membership, sort
//! and theme names, numbers, dates, and validation messages. Every string the
//! pages show comes from the catalogues in `app/locales/` through these
//! helpers or the `t!` macros.

use crate::i18n::*;
use shared::{
    Charge, Country, Finding, HearingStatus, MissionStatus, ObserverRole, OrgKind, OrgSort,
    OutcomeKind, Problem, Region, ReportStatus, Role, Standard, Theme, TrialStatus,
    ValidationError,
};

/// The language of the page being rendered.
pub fn current() -> Locale {
    use_i18n().get_locale_untracked()
}

/// The platform's languages, each named in itself so a reader finds their own.
pub const LANGUAGES: [(Locale, &str); 3] = [
    (Locale::en, "English"),
    (Locale::fr, "Français"),
    (Locale::es, "Español"),
];

/// A relation's years: "2019–2024", "since 2019", "until 2024", or none.
pub fn years(l: Locale, since: Option<i32>, until: Option<i32>) -> Option<String> {
    match (since, until) {
        (Some(s), Some(u)) => Some(format!("{s}–{u}")),
        (Some(s), None) => Some(td_string!(l, membership_since, year = s).to_string()),
        (None, Some(u)) => Some(td_string!(l, membership_until, year = u).to_string()),
        (None, None) => None,
    }
}

/// ISO 639-1 code, as used in `lang` attributes and stored texts.
pub fn code(l: Locale) -> &'static str {
    match l {
        Locale::en => "en",
        Locale::fr => "fr",
        Locale::es => "es",
    }
}

pub fn region_name(l: Locale, r: Region) -> &'static str {
    match r {
        Region::Africa => td_string!(l, region_africa),
        Region::Americas => td_string!(l, region_americas),
        Region::Asia => td_string!(l, region_asia),
        Region::EuropeCentralAsia => td_string!(l, region_europe_central_asia),
        Region::MaghrebMiddleEast => td_string!(l, region_maghreb_middle_east),
        Region::Pacific => td_string!(l, region_pacific),
    }
}

pub fn kind_name(l: Locale, k: OrgKind) -> &'static str {
    match k {
        OrgKind::Member => td_string!(l, kind_member),
        OrgKind::Partner => td_string!(l, kind_partner),
        OrgKind::Network => td_string!(l, kind_network),
    }
}

pub fn role_name(l: Locale, r: Role) -> &'static str {
    match r {
        Role::Member => td_string!(l, role_member),
        Role::Campaigner => td_string!(l, role_campaigner),
        Role::Staff => td_string!(l, role_staff),
        Role::Admin => td_string!(l, role_admin),
    }
}

pub fn sort_name(l: Locale, s: OrgSort) -> &'static str {
    match s {
        OrgSort::Relevance => td_string!(l, sort_relevance),
        OrgSort::Name => td_string!(l, sort_name),
        OrgSort::Country => td_string!(l, sort_country),
        OrgSort::Newest => td_string!(l, sort_newest),
    }
}

/// The network's themes have catalogue names; a theme added later without
/// one shows its stored name.
pub fn theme_name(l: Locale, t: &Theme) -> String {
    let known = match t.id.as_str() {
        "torture-prevention" => td_string!(l, theme_torture_prevention),
        "human-rights-defenders" => td_string!(l, theme_human_rights_defenders),
        "arbitrary-detention" => td_string!(l, theme_arbitrary_detention),
        "crisis-response" => td_string!(l, theme_crisis_response),
        "police-violence" => td_string!(l, theme_police_violence),
        "justice" => td_string!(l, theme_justice),
        "victim-support" => td_string!(l, theme_victim_support),
        "migrants" => td_string!(l, theme_migrants),
        "children" => td_string!(l, theme_children),
        "women" => td_string!(l, theme_women),
        _ => return t.name.clone(),
    };
    known.to_owned()
}

pub fn country_name(l: Locale, c: &Country) -> String {
    c.name_in(code(l)).to_owned()
}

/// The name of a language (given by its ISO 639-1 code) in the reader's language.
pub fn language_name(l: Locale, lang: &str) -> String {
    match lang {
        "en" => td_string!(l, language_en).to_owned(),
        "fr" => td_string!(l, language_fr).to_owned(),
        "es" => td_string!(l, language_es).to_owned(),
        "tr" => td_string!(l, language_tr).to_owned(),
        "ar" => td_string!(l, language_ar).to_owned(),
        "id" => td_string!(l, language_id).to_owned(),
        other => other.to_owned(),
    }
}

pub fn number(l: Locale, n: u64) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        browser_plain(l, n)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        td_string!(l, number, n = n).to_string()
    }
}

// In the browser (the islands) numbers, days and lists are written plainly:
// formatted in the reader's language they would bring ICU's data for every
// language into the download. The server formats what the pages show.
#[cfg(target_arch = "wasm32")]
fn browser_plain(_l: Locale, value: impl std::fmt::Display) -> String {
    value.to_string()
}

pub fn organisations(l: Locale, n: u64) -> String {
    td_string!(l, organisations, count = n, n = n).to_string()
}

pub fn people(l: Locale, n: u64) -> String {
    td_string!(l, people_found, count = n, n = n).to_string()
}

/// A day written YYYY-MM-DD in the reader's language; as written when it
/// is not a day.
pub fn day(l: Locale, raw: &str) -> String {
    chrono::NaiveDate::parse_from_str(raw, "%Y-%m-%d")
        .map(|d| date(l, d))
        .unwrap_or_else(|_| raw.to_owned())
}

pub fn date(l: Locale, d: chrono::NaiveDate) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        browser_plain(l, d)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        date_in(l, d)
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn date_in(l: Locale, d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    match leptos_i18n::reexports::icu::calendar::Date::try_new_iso(
        d.year(),
        d.month() as u8,
        d.day() as u8,
    ) {
        Ok(day) => td_string!(l, date, d = day).to_string(),
        Err(_) => d.to_string(),
    }
}

/// "a, b and c" in the reader's language.
pub fn list(l: Locale, items: Vec<String>) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        browser_plain(l, items.join(", "))
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        td_string!(l, themes_list, items = items).to_string()
    }
}

pub fn field_name(l: Locale, field: &str) -> String {
    match field {
        "q" => td_string!(l, field_q).to_owned(),
        "country" => td_string!(l, field_country).to_owned(),
        "region" => td_string!(l, field_region).to_owned(),
        "theme" => td_string!(l, field_theme).to_owned(),
        "membership" => td_string!(l, field_membership).to_owned(),
        "sort" => td_string!(l, field_sort).to_owned(),
        "page" => td_string!(l, field_page).to_owned(),
        "request" => td_string!(l, field_request).to_owned(),
        "name" => td_string!(l, field_name).to_owned(),
        "acronym" => td_string!(l, field_acronym).to_owned(),
        "city" => td_string!(l, field_city).to_owned(),
        "website" => td_string!(l, field_website).to_owned(),
        "email" => td_string!(l, field_email).to_owned(),
        "description" => td_string!(l, field_description).to_owned(),
        "risk_level" => td_string!(l, field_risk_level).to_owned(),
        "gender" => td_string!(l, field_gender).to_owned(),
        "nationality" => td_string!(l, field_nationality).to_owned(),
        "languages" => td_string!(l, field_languages).to_owned(),
        "description_lang" => td_string!(l, field_description_lang).to_owned(),
        "visibility" => td_string!(l, field_visibility).to_owned(),
        "version" => td_string!(l, field_version).to_owned(),
        "password" => td_string!(l, field_password).to_owned(),
        "role" => td_string!(l, field_role).to_owned(),
        "organisation" => td_string!(l, field_organisation).to_owned(),
        "hearing" => td_string!(l, field_hearing).to_owned(),
        "title" => td_string!(l, field_title).to_owned(),
        "starts_on" => td_string!(l, field_starts_on).to_owned(),
        "ends_on" => td_string!(l, field_ends_on).to_owned(),
        "person" => td_string!(l, field_person).to_owned(),
        "status" => td_string!(l, field_status).to_owned(),
        "outcome" => td_string!(l, field_outcome).to_owned(),
        "sentence" => td_string!(l, field_sentence).to_owned(),
        "decided_on" => td_string!(l, field_decided_on).to_owned(),
        "grade" => td_string!(l, field_grade).to_owned(),
        "grade_reason" => td_string!(l, field_grade_reason).to_owned(),
        "overall" => td_string!(l, field_overall).to_owned(),
        "change_request" => td_string!(l, field_change_request).to_owned(),
        "date" => td_string!(l, field_date).to_owned(),
        "case_name" => td_string!(l, field_case_name).to_owned(),
        "court" => td_string!(l, field_court).to_owned(),
        "timezone" => td_string!(l, field_timezone).to_owned(),
        "court_language" => td_string!(l, field_court_language).to_owned(),
        "charges" => td_string!(l, field_charges).to_owned(),
        "defendant" => td_string!(l, field_defendant).to_owned(),
        "lawyer" => td_string!(l, field_lawyer).to_owned(),
        "new_defendant" => td_string!(l, field_new_defendant).to_owned(),
        "new_lawyer" => td_string!(l, field_new_lawyer).to_owned(),
        "new_supporter" => td_string!(l, field_new_supporter).to_owned(),
        "supporter" => td_string!(l, field_supporter).to_owned(),
        "link" => td_string!(l, field_link).to_owned(),
        "time" => td_string!(l, field_time).to_owned(),
        "place" => td_string!(l, field_place).to_owned(),
        "summary" => td_string!(l, field_summary).to_owned(),
        "next_date" => td_string!(l, field_next_date).to_owned(),
        "next_time" => td_string!(l, field_next_time).to_owned(),
        "kind" => td_string!(l, field_kind).to_owned(),
        "member_since" => td_string!(l, field_member_since).to_owned(),
        "themes" => td_string!(l, field_themes).to_owned(),
        "other_names" => td_string!(l, field_other_names).to_owned(),
        "not_duplicate" => td_string!(l, field_not_duplicate).to_owned(),
        "gone" => td_string!(l, field_gone).to_owned(),
        "mechanism" => td_string!(l, field_mechanism).to_owned(),
        "agenda" => td_string!(l, field_agenda).to_owned(),
        "asks" => td_string!(l, field_asks).to_owned(),
        "mission" => td_string!(l, field_mission).to_owned(),
        "purpose" => td_string!(l, field_purpose).to_owned(),
        "label" => td_string!(l, field_label).to_owned(),
        "amount" => td_string!(l, field_amount).to_owned(),
        "traveller" => td_string!(l, field_traveller).to_owned(),
        "route" => td_string!(l, field_route).to_owned(),
        "on" => td_string!(l, field_on).to_owned(),
        "text" => td_string!(l, field_text).to_owned(),
        "due_on" => td_string!(l, field_due_on).to_owned(),
        "reference" => td_string!(l, field_reference).to_owned(),
        "support" => td_string!(l, field_support).to_owned(),
        "sent_on" => td_string!(l, field_sent_on).to_owned(),
        "addressees" => td_string!(l, field_addressees).to_owned(),
        "cosignatory" => td_string!(l, field_cosignatory).to_owned(),
        "notes" => td_string!(l, field_notes).to_owned(),
        "outcome_on" => td_string!(l, field_outcome_on).to_owned(),
        "case" => td_string!(l, field_case).to_owned(),
        "url" => td_string!(l, field_url).to_owned(),
        "year" => td_string!(l, field_year).to_owned(),
        "month" => td_string!(l, field_month).to_owned(),
        "item" => td_string!(l, field_item).to_owned(),
        "freed_in" => td_string!(l, field_freed_in).to_owned(),
        "founded" => td_string!(l, field_founded).to_owned(),
        "legal_status" => td_string!(l, field_legal_status).to_owned(),
        "mandate" => td_string!(l, field_mandate).to_owned(),
        "independence" => td_string!(l, field_independence).to_owned(),
        "statutes" => td_string!(l, field_statutes).to_owned(),
        "reports" => td_string!(l, field_reports).to_owned(),
        "referee_1" | "referee_2" => td_string!(l, field_referee).to_owned(),
        "contact_name" => td_string!(l, field_contact_name).to_owned(),
        "contact_email" => td_string!(l, field_contact_email).to_owned(),
        "information" => td_string!(l, field_information).to_owned(),
        "decision" => td_string!(l, field_decision).to_owned(),
        "reason" => td_string!(l, field_reason).to_owned(),
        "answer" => td_string!(l, field_answer).to_owned(),
        "who" => td_string!(l, field_who).to_owned(),
        "requested_on" => td_string!(l, field_requested_on).to_owned(),
        "follow_up" => td_string!(l, field_follow_up).to_owned(),
        "alert" => td_string!(l, nav_alerts).to_owned(),
        "what" => td_string!(l, field_what).to_owned(),
        "happened_on" => td_string!(l, field_happened_on).to_owned(),
        "risk" => td_string!(l, field_risk).to_owned(),
        "sources" => td_string!(l, field_sources).to_owned(),
        "consent" => td_string!(l, field_consent).to_owned(),
        "comment" => td_string!(l, field_comment).to_owned(),
        "scope" => td_string!(l, field_scope).to_owned(),
        "days" => td_string!(l, field_days).to_owned(),
        verdict if verdict.starts_with("verdict[") => td_string!(l, field_verdict).to_owned(),
        note if note.starts_with("note[") => td_string!(l, field_note).to_owned(),
        other => {
            // Report items: "finding.public-hearing", "notes.undue-delay".
            let standard = |raw: &str| {
                shared::Standard::parse(raw)
                    .ok()
                    .map(|s| standard_name(l, s))
            };
            if let Some(name) = other.strip_prefix("finding.").and_then(standard) {
                return td_string!(l, field_finding_of, standard = name).to_string();
            }
            if let Some(name) = other.strip_prefix("notes.").and_then(standard) {
                return td_string!(l, field_notes_of, standard = name).to_string();
            }
            other.to_owned()
        }
    }
}

/// What is wrong, in the reader's language.
pub fn problem_text(l: Locale, e: &ValidationError) -> String {
    let value = e.value.clone().unwrap_or_default();
    match &e.problem {
        Problem::NotAPage { max } => {
            td_string!(l, invalid_page, value = value, max = max).to_string()
        }
        Problem::NotACountryCode => td_string!(l, invalid_country, value = value).to_string(),
        Problem::TooLong { max } => td_string!(l, text_too_long, max = max).to_string(),
        Problem::ControlCharacters => td_string!(l, text_control_chars).to_owned(),
        Problem::Required => td_string!(l, text_required).to_owned(),
        Problem::TooShort { min } => td_string!(l, text_too_short, min = min).to_string(),
        Problem::NotAWebAddress => td_string!(l, invalid_website, value = value).to_string(),
        Problem::NotAnEmail => td_string!(l, invalid_email, value = value).to_string(),
        Problem::NotOneOf { .. } => td_string!(l, invalid_choice, value = value).to_string(),
        Problem::CommonPassword => td_string!(l, common_password).to_owned(),
        Problem::GuessablePassword => td_string!(l, guessable_password).to_owned(),
        Problem::Taken => td_string!(l, invalid_taken, value = value).to_string(),
        Problem::IllegalTransition { from, to } => {
            let name = |raw: &str| {
                MissionStatus::parse(raw)
                    .map_or_else(|_| raw.to_owned(), |s| mission_status_name(l, s).to_owned())
            };
            td_string!(l, invalid_transition, from = name(from), to = name(to)).to_string()
        }
        Problem::NotADate => td_string!(l, invalid_date, value = value).to_string(),
        Problem::NotAMonth => td_string!(l, invalid_month, value = value).to_string(),
        Problem::NotATime => td_string!(l, invalid_time, value = value).to_string(),
        Problem::NotATimeZone => td_string!(l, invalid_timezone, value = value).to_string(),
        Problem::EndsBeforeStart => td_string!(l, ends_before_start).to_owned(),
        Problem::OutcomeNeedsVerdict => td_string!(l, outcome_needs_verdict).to_owned(),
        Problem::ExposesPersonAtRisk => td_string!(l, exposes_person_at_risk).to_owned(),
        Problem::SimilarExists { .. } => td_string!(l, similar_exists).to_owned(),
        Problem::MergeOpens => td_string!(l, merge_opens).to_owned(),
        Problem::ExistingOrNew => td_string!(l, existing_or_new).to_owned(),
        Problem::TryTomorrow => td_string!(l, try_tomorrow).to_owned(),
        Problem::TooMany => td_string!(l, alert_limit_reached).to_owned(),
        Problem::InTheFuture => td_string!(l, in_the_future, value = value).to_string(),
        Problem::AlreadyEnded => td_string!(l, relation_already_ended).to_owned(),
        Problem::WrongPassword => td_string!(l, wrong_current_password).to_owned(),
        Problem::NotVerified => td_string!(l, not_verified).to_owned(),
        Problem::NoConsent => td_string!(l, no_consent).to_owned(),
        Problem::NamesThePerson { word } => {
            td_string!(l, names_the_person, word = word.clone()).to_string()
        }
        _ => td_string!(l, invalid_value, value = value).to_string(),
    }
}

/// Orders names as a reader expects: accents and case do not count.
pub fn sort_key(name: &str) -> String {
    name.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
            'ç' => 'c',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ñ' => 'n',
            'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            c => c,
        })
        .collect()
}

pub fn trial_status_name(l: Locale, s: TrialStatus) -> &'static str {
    match s {
        TrialStatus::Pending => td_string!(l, trial_status_pending),
        TrialStatus::Ongoing => td_string!(l, trial_status_ongoing),
        TrialStatus::Verdict => td_string!(l, trial_status_verdict),
        TrialStatus::Appeal => td_string!(l, trial_status_appeal),
        TrialStatus::Closed => td_string!(l, trial_status_closed),
    }
}

pub fn charge_name(l: Locale, c: Charge) -> &'static str {
    match c {
        Charge::Terrorism => td_string!(l, charge_terrorism),
        Charge::TerroristPropaganda => td_string!(l, charge_terrorist_propaganda),
        Charge::MembershipOfAnOrganisation => td_string!(l, charge_membership_of_an_organisation),
        Charge::Defamation => td_string!(l, charge_defamation),
        Charge::InsultingTheState => td_string!(l, charge_insulting_the_state),
        Charge::UnderminingStateSecurity => td_string!(l, charge_undermining_state_security),
        Charge::FalseInformation => td_string!(l, charge_false_information),
        Charge::IllegalAssembly => td_string!(l, charge_illegal_assembly),
        Charge::Incitement => td_string!(l, charge_incitement),
    }
}

pub fn outcome_name(l: Locale, o: OutcomeKind) -> &'static str {
    match o {
        OutcomeKind::Acquitted => td_string!(l, outcome_acquitted),
        OutcomeKind::Convicted => td_string!(l, outcome_convicted),
        OutcomeKind::Dismissed => td_string!(l, outcome_dismissed),
        OutcomeKind::Released => td_string!(l, outcome_released),
    }
}

pub fn hearing_status_name(l: Locale, s: HearingStatus) -> &'static str {
    match s {
        HearingStatus::Scheduled => td_string!(l, hearing_scheduled),
        HearingStatus::Held => td_string!(l, hearing_held),
        HearingStatus::Postponed => td_string!(l, hearing_postponed),
    }
}

pub fn mission_status_name(l: Locale, s: MissionStatus) -> &'static str {
    match s {
        MissionStatus::Proposed => td_string!(l, mission_proposed),
        MissionStatus::Approved => td_string!(l, mission_approved),
        MissionStatus::Deployed => td_string!(l, mission_deployed),
        MissionStatus::Reported => td_string!(l, mission_reported),
        MissionStatus::Closed => td_string!(l, mission_closed),
        MissionStatus::Cancelled => td_string!(l, mission_cancelled),
    }
}

pub fn event_kind_name(l: Locale, v: shared::EventKind) -> &'static str {
    match v {
        shared::EventKind::UnSession => td_string!(l, event_kind_un_session),
        shared::EventKind::SideEvent => td_string!(l, event_kind_side_event),
        shared::EventKind::BilateralMeeting => td_string!(l, event_kind_bilateral_meeting),
        shared::EventKind::RegionalHearing => td_string!(l, event_kind_regional_hearing),
        shared::EventKind::DelegationVisit => td_string!(l, event_kind_delegation_visit),
        shared::EventKind::Training => td_string!(l, event_kind_training),
        shared::EventKind::PressConference => td_string!(l, event_kind_press_conference),
    }
}

pub fn mechanism_name(l: Locale, v: shared::Mechanism) -> &'static str {
    match v {
        shared::Mechanism::UnCat => td_string!(l, mechanism_un_cat),
        shared::Mechanism::HumanRightsCouncil => td_string!(l, mechanism_hrc),
        shared::Mechanism::SpecialRapporteurs => td_string!(l, mechanism_special_rapporteurs),
        shared::Mechanism::Upr => td_string!(l, mechanism_upr),
        shared::Mechanism::Iachr => td_string!(l, mechanism_iachr),
        shared::Mechanism::Achpr => td_string!(l, mechanism_achpr),
        shared::Mechanism::EuInstitutions => td_string!(l, mechanism_eu_institutions),
        shared::Mechanism::NationalAuthorities => td_string!(l, mechanism_national_authorities),
    }
}

pub fn participant_role_name(l: Locale, v: shared::ParticipantRole) -> &'static str {
    match v {
        shared::ParticipantRole::Speaker => td_string!(l, participant_role_speaker),
        shared::ParticipantRole::Delegate => td_string!(l, participant_role_delegate),
        shared::ParticipantRole::Staff => td_string!(l, participant_role_staff),
        shared::ParticipantRole::Interpreter => td_string!(l, participant_role_interpreter),
    }
}

pub fn follow_up_kind_name(l: Locale, v: shared::FollowUpKind) -> &'static str {
    match v {
        shared::FollowUpKind::Commitment => td_string!(l, follow_up_kind_commitment),
        shared::FollowUpKind::Statement => td_string!(l, follow_up_kind_statement),
        shared::FollowUpKind::NextStep => td_string!(l, follow_up_kind_next_step),
    }
}

pub fn checklist_kind_name(l: Locale, v: shared::ChecklistKind) -> &'static str {
    match v {
        shared::ChecklistKind::Visa => td_string!(l, checklist_kind_visa),
        shared::ChecklistKind::Security => td_string!(l, checklist_kind_security),
        shared::ChecklistKind::Briefing => td_string!(l, checklist_kind_briefing),
        shared::ChecklistKind::FollowUp => td_string!(l, checklist_kind_follow_up),
    }
}

pub fn intervention_kind_name(l: Locale, v: shared::InterventionKind) -> &'static str {
    match v {
        shared::InterventionKind::UrgentAppeal => td_string!(l, intervention_kind_urgent_appeal),
        shared::InterventionKind::Statement => td_string!(l, intervention_kind_statement),
        shared::InterventionKind::Letter => td_string!(l, intervention_kind_letter),
        shared::InterventionKind::RapidResponse => td_string!(l, intervention_kind_rapid_response),
    }
}

pub fn support_decision_name(l: Locale, v: shared::SupportDecision) -> &'static str {
    match v {
        shared::SupportDecision::Requested => td_string!(l, support_decision_requested),
        shared::SupportDecision::Granted => td_string!(l, support_decision_granted),
        shared::SupportDecision::Refused => td_string!(l, support_decision_refused),
    }
}

pub fn support_name(l: Locale, v: shared::Support) -> &'static str {
    match v {
        shared::Support::Legal => td_string!(l, support_legal),
        shared::Support::Medical => td_string!(l, support_medical),
        shared::Support::Psychosocial => td_string!(l, support_psychosocial),
        shared::Support::Relocation => td_string!(l, support_relocation),
        shared::Support::Material => td_string!(l, support_material),
    }
}

pub fn intervention_status_name(l: Locale, v: shared::InterventionStatus) -> &'static str {
    match v {
        shared::InterventionStatus::Open => td_string!(l, intervention_status_open),
        shared::InterventionStatus::FollowingUp => td_string!(l, intervention_status_following_up),
        shared::InterventionStatus::Closed => td_string!(l, intervention_status_closed),
    }
}

pub fn intervention_outcome_name(l: Locale, v: shared::InterventionOutcome) -> &'static str {
    match v {
        shared::InterventionOutcome::Released => td_string!(l, intervention_outcome_released),
        shared::InterventionOutcome::Acquitted => td_string!(l, intervention_outcome_acquitted),
        shared::InterventionOutcome::ChargesDropped => {
            td_string!(l, intervention_outcome_charges_dropped)
        }
        shared::InterventionOutcome::StillDetained => {
            td_string!(l, intervention_outcome_still_detained)
        }
        shared::InterventionOutcome::Sentenced => td_string!(l, intervention_outcome_sentenced),
    }
}

pub fn campaign_action_kind_name(l: Locale, v: shared::CampaignActionKind) -> &'static str {
    match v {
        shared::CampaignActionKind::Statement => td_string!(l, campaign_action_kind_statement),
        shared::CampaignActionKind::SocialPost => td_string!(l, campaign_action_kind_social_post),
        shared::CampaignActionKind::Letter => td_string!(l, campaign_action_kind_letter),
    }
}
/// The button that moves a mission to `s`.
pub fn move_label(l: Locale, s: MissionStatus) -> &'static str {
    match s {
        MissionStatus::Proposed => td_string!(l, mission_proposed),
        MissionStatus::Approved => td_string!(l, move_to_approved),
        MissionStatus::Deployed => td_string!(l, move_to_deployed),
        MissionStatus::Reported => td_string!(l, move_to_reported),
        MissionStatus::Closed => td_string!(l, move_to_closed),
        MissionStatus::Cancelled => td_string!(l, move_to_cancelled),
    }
}

pub fn observer_role_name(l: Locale, r: ObserverRole) -> &'static str {
    match r {
        ObserverRole::Lead => td_string!(l, observer_role_lead),
        ObserverRole::Observer => td_string!(l, observer_role_observer),
        ObserverRole::Interpreter => td_string!(l, observer_role_interpreter),
    }
}

pub fn standard_name(l: Locale, s: Standard) -> &'static str {
    match s {
        Standard::PublicHearing => td_string!(l, standard_public_hearing),
        Standard::IndependentTribunal => td_string!(l, standard_independent_tribunal),
        Standard::PresumptionOfInnocence => td_string!(l, standard_presumption_of_innocence),
        Standard::AdequateTime => td_string!(l, standard_adequate_time),
        Standard::CounselOfChoice => td_string!(l, standard_counsel_of_choice),
        Standard::Interpretation => td_string!(l, standard_interpretation),
        Standard::EqualityOfArms => td_string!(l, standard_equality_of_arms),
        Standard::UndueDelay => td_string!(l, standard_undue_delay),
        Standard::TreatmentOfDefendants => td_string!(l, standard_treatment_of_defendants),
        Standard::ReprisalsAgainstObservers => td_string!(l, standard_reprisals_against_observers),
    }
}

pub fn finding_name(l: Locale, f: Finding) -> &'static str {
    match f {
        Finding::Respected => td_string!(l, finding_respected),
        Finding::Concerns => td_string!(l, finding_concerns),
        Finding::Violated => td_string!(l, finding_violated),
        Finding::NotObserved => td_string!(l, finding_not_observed),
    }
}

pub fn report_status_name(l: Locale, s: ReportStatus) -> &'static str {
    match s {
        ReportStatus::Draft => td_string!(l, report_draft),
        ReportStatus::Submitted => td_string!(l, report_submitted),
        ReportStatus::ChangesRequested => td_string!(l, report_changes_requested),
    }
}

pub fn month_name(l: Locale, month: u32) -> &'static str {
    match month {
        1 => td_string!(l, month_1),
        2 => td_string!(l, month_2),
        3 => td_string!(l, month_3),
        4 => td_string!(l, month_4),
        5 => td_string!(l, month_5),
        6 => td_string!(l, month_6),
        7 => td_string!(l, month_7),
        8 => td_string!(l, month_8),
        9 => td_string!(l, month_9),
        10 => td_string!(l, month_10),
        11 => td_string!(l, month_11),
        _ => td_string!(l, month_12),
    }
}

/// "December 2026" in the reader's language.
pub fn month_title(l: Locale, m: shared::Month) -> String {
    td_string!(
        l,
        month_year,
        month = month_name(l, m.month),
        year = m.year.to_string()
    )
    .to_string()
}

/// Monday is 1.
pub fn weekday_name(l: Locale, day: u32) -> &'static str {
    match day {
        1 => td_string!(l, weekday_1),
        2 => td_string!(l, weekday_2),
        3 => td_string!(l, weekday_3),
        4 => td_string!(l, weekday_4),
        5 => td_string!(l, weekday_5),
        6 => td_string!(l, weekday_6),
        _ => td_string!(l, weekday_7),
    }
}

/// A date and a court's local time: "17 oct. 2011, 09:30".
pub fn date_time(l: Locale, t: chrono::NaiveDateTime) -> String {
    format!("{}, {}", date(l, t.date()), t.format("%H:%M"))
}

pub fn person_role_name(l: Locale, r: shared::PersonRole) -> &'static str {
    match r {
        shared::PersonRole::Defender => td_string!(l, person_role_defender),
        shared::PersonRole::Lawyer => td_string!(l, person_role_lawyer),
        shared::PersonRole::Observer => td_string!(l, person_role_observer),
        shared::PersonRole::Staff => td_string!(l, person_role_staff),
    }
}

pub fn risk_level_name(l: Locale, r: shared::RiskLevel) -> &'static str {
    match r {
        shared::RiskLevel::Low => td_string!(l, risk_low),
        shared::RiskLevel::Medium => td_string!(l, risk_medium),
        shared::RiskLevel::High => td_string!(l, risk_high),
        shared::RiskLevel::Critical => td_string!(l, risk_critical),
    }
}

pub fn gender_name(l: Locale, g: shared::Gender) -> &'static str {
    match g {
        shared::Gender::Woman => td_string!(l, gender_woman),
        shared::Gender::Man => td_string!(l, gender_man),
        shared::Gender::NonBinary => td_string!(l, gender_non_binary),
    }
}

pub fn timeline_kind_name(l: Locale, k: shared::TimelineKind) -> &'static str {
    match k {
        shared::TimelineKind::Member => td_string!(l, timeline_member),
        shared::TimelineKind::Defendant => td_string!(l, timeline_defendant),
        shared::TimelineKind::Lawyer => td_string!(l, timeline_lawyer),
        shared::TimelineKind::Observer => td_string!(l, timeline_observer),
        shared::TimelineKind::Participant => td_string!(l, timeline_participant),
        shared::TimelineKind::Intervention => td_string!(l, timeline_intervention),
        shared::TimelineKind::Campaign => td_string!(l, timeline_campaign),
        shared::TimelineKind::Partner => td_string!(l, timeline_partner),
        shared::TimelineKind::Supporter => td_string!(l, timeline_supporter),
        shared::TimelineKind::Organiser => td_string!(l, timeline_organiser),
        shared::TimelineKind::MissionSent => td_string!(l, timeline_mission_sent),
        shared::TimelineKind::Cosignatory => td_string!(l, timeline_cosignatory),
    }
}

pub fn visibility_name(l: Locale, v: shared::Visibility) -> &'static str {
    match v {
        shared::Visibility::Public => td_string!(l, visibility_public),
        shared::Visibility::Network => td_string!(l, visibility_network),
        shared::Visibility::Staff => td_string!(l, visibility_staff),
        shared::Visibility::Restricted => td_string!(l, visibility_restricted),
    }
}

pub fn likeness_name(l: Locale, k: shared::similar::Likeness) -> &'static str {
    use shared::similar::Likeness;
    match k {
        Likeness::SameName => td_string!(l, likeness_same_name),
        Likeness::SameAcronym => td_string!(l, likeness_same_acronym),
        Likeness::AcronymOfName => td_string!(l, likeness_acronym_of_name),
        Likeness::SimilarName => td_string!(l, likeness_similar_name),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorting_ignores_accents_and_case() {
        let mut names = vec!["Égypte", "Zambie", "espagne", "Éthiopie"];
        names.sort_by_key(|n| sort_key(n));
        assert_eq!(names, vec!["Égypte", "espagne", "Éthiopie", "Zambie"]);
    }

    #[test]
    fn numbers_follow_the_language() {
        assert_eq!(number(Locale::en, 1234567), "1,234,567");
        assert_eq!(number(Locale::fr, 1234), "1\u{202f}234");
        assert_eq!(number(Locale::es, 1234567), "1.234.567");
        assert_eq!(organisations(Locale::fr, 1), "1 organisation");
        assert_eq!(organisations(Locale::es, 2), "2 organizaciones");
    }

    #[test]
    fn dates_follow_the_language() {
        let day = chrono::NaiveDate::from_ymd_opt(2011, 10, 17).unwrap();
        assert_eq!(date(Locale::en, day), "Oct 17, 2011");
        assert_eq!(date(Locale::fr, day), "17 oct. 2011");
        assert_eq!(date(Locale::es, day), "17 oct 2011");
    }

    #[test]
    fn lists_follow_the_language() {
        let items = || vec!["A".to_owned(), "B".to_owned(), "C".to_owned()];
        assert_eq!(list(Locale::en, items()), "A, B, and C");
        assert_eq!(list(Locale::fr, items()), "A, B et C");
        assert_eq!(list(Locale::es, items()), "A, B y C");
    }

    #[test]
    fn validation_messages_are_translated() {
        let e = ValidationError::new("page", Problem::NotAPage { max: 500 }).with_value("abc");
        for l in [Locale::en, Locale::fr, Locale::es] {
            let text = problem_text(l, &e);
            assert!(text.contains("abc") && text.contains("500"), "{text}");
        }
        assert_ne!(problem_text(Locale::en, &e), problem_text(Locale::fr, &e));
        assert_eq!(field_name(Locale::fr, "country"), "pays");
        assert_eq!(field_name(Locale::es, "country"), "país");
    }
}
