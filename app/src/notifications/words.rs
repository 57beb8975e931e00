//! What a notification says, in each reader's language: a title (the list's
//! line and the e-mail's subject) and a text. The server writes one per
//! recipient, in the language they chose.

use crate::i18n::*;

/// A notification's words in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Words {
    pub title: String,
    pub text: String,
}

/// The language of a stored code; English when none was chosen.
pub fn locale(code: Option<&str>) -> Locale {
    crate::notifications::account_mail::language(code.unwrap_or("en"))
}

pub fn mission_assigned(l: Locale, mission: &str, role: &str) -> Words {
    Words {
        title: td_string!(l, notice_mission_assigned, mission = mission.to_owned()).to_string(),
        text: td_string!(
            l,
            notice_mission_assigned_text,
            mission = mission.to_owned(),
            role = role.to_owned()
        )
        .to_string(),
    }
}

pub fn report_returned(l: Locale, mission: &str, note: &str) -> Words {
    Words {
        title: td_string!(l, notice_report_returned, mission = mission.to_owned()).to_string(),
        text: td_string!(
            l,
            notice_report_returned_text,
            mission = mission.to_owned(),
            note = note.to_owned()
        )
        .to_string(),
    }
}

pub fn new_member(l: Locale, organisation: &str, country: &str) -> Words {
    Words {
        title: td_string!(
            l,
            notice_new_member,
            organisation = organisation.to_owned(),
            country = country.to_owned()
        )
        .to_string(),
        text: td_string!(
            l,
            notice_new_member_text,
            organisation = organisation.to_owned(),
            country = country.to_owned()
        )
        .to_string(),
    }
}

/// A hearing added to a followed trial; `when` on the court's clock.
pub fn hearing_added(l: Locale, trial: &str, when: &str, place: &str) -> Words {
    Words {
        title: td_string!(
            l,
            notice_hearing_added,
            trial = trial.to_owned(),
            when = when.to_owned()
        )
        .to_string(),
        text: td_string!(
            l,
            notice_hearing_added_text,
            trial = trial.to_owned(),
            when = when.to_owned(),
            place = place.to_owned()
        )
        .to_string(),
    }
}

/// A hearing of a followed trial postponed, to `next` when a date is set.
pub fn hearing_postponed(l: Locale, trial: &str, when: &str, next: Option<&str>) -> Words {
    let next = match next {
        Some(next) => td_string!(l, notice_hearing_next, when = next.to_owned()).to_string(),
        None => td_string!(l, notice_hearing_no_next).to_owned(),
    };
    Words {
        title: td_string!(l, notice_hearing_postponed, trial = trial.to_owned()).to_string(),
        text: td_string!(
            l,
            notice_hearing_postponed_text,
            trial = trial.to_owned(),
            when = when.to_owned(),
            next = next
        )
        .to_string(),
    }
}

/// A new alert, for the secretariat: where and how urgent, nothing of who.
pub fn new_alert(l: Locale, country: &shared::Country, risk: shared::alert::Risk) -> Words {
    let country = crate::locale::country_name(l, country);
    let risk = crate::alerts::names::risk_name(l, risk).to_owned();
    Words {
        title: td_string!(
            l,
            notice_new_alert,
            country = country.clone(),
            risk = risk.clone()
        )
        .to_string(),
        text: td_string!(l, notice_new_alert_text, country = country, risk = risk).to_string(),
    }
}

/// The sender of an alert wrote to the secretariat.
pub fn alert_message_to_secretariat(l: Locale) -> Words {
    Words {
        title: td_string!(l, notice_alert_message_in).to_string(),
        text: td_string!(l, notice_alert_message_in_text).to_string(),
    }
}

/// The secretariat wrote to the sender of an alert.
pub fn alert_message_to_sender(l: Locale) -> Words {
    Words {
        title: td_string!(l, notice_alert_message_out).to_string(),
        text: td_string!(l, notice_alert_message_out_text).to_string(),
    }
}

/// The alert one sent moved on.
pub fn alert_status(l: Locale, status: shared::alert::AlertStatus) -> Words {
    let status = crate::alerts::names::status_name(l, status).to_owned();
    Words {
        title: td_string!(l, notice_alert_status, status = status.clone()).to_string(),
        text: td_string!(l, notice_alert_status_text, status = status).to_string(),
    }
}

/// The secretariat decided on the alert one sent.
pub fn alert_acted(l: Locale, kind: shared::InterventionKind) -> Words {
    let kind = crate::locale::intervention_kind_name(l, kind).to_owned();
    Words {
        title: td_string!(l, notice_alert_acted).to_string(),
        text: td_string!(l, notice_alert_acted_text, kind = kind).to_string(),
    }
}

/// The secretariat decided to take no action on the alert one sent.
pub fn alert_closed(l: Locale, reason: &str) -> Words {
    Words {
        title: td_string!(l, notice_alert_closed).to_string(),
        text: td_string!(l, notice_alert_closed_text, reason = reason.to_owned()).to_string(),
    }
}

/// An urgent appeal was published about a country or region one follows.
pub fn appeal_published(l: Locale, title: &str) -> Words {
    Words {
        title: td_string!(l, notice_appeal_published, title = title.to_owned()).to_string(),
        text: td_string!(l, notice_appeal_published_text, title = title.to_owned()).to_string(),
    }
}

/// News of the people an appeal one co-signed is about.
pub fn appeal_outcome(l: Locale, title: &str, outcome: shared::InterventionOutcome) -> Words {
    let outcome = crate::locale::intervention_outcome_name(l, outcome).to_owned();
    Words {
        title: td_string!(
            l,
            notice_appeal_outcome,
            title = title.to_owned(),
            outcome = outcome.clone()
        )
        .to_string(),
        text: td_string!(
            l,
            notice_appeal_outcome_text,
            title = title.to_owned(),
            outcome = outcome
        )
        .to_string(),
    }
}

/// An intervention's outcome, for the member whose alert it answered and
/// those who follow its country.
pub fn intervention_outcome(l: Locale, title: &str, outcome: shared::InterventionOutcome) -> Words {
    let outcome = crate::locale::intervention_outcome_name(l, outcome).to_owned();
    Words {
        title: td_string!(
            l,
            notice_intervention_outcome,
            title = title.to_owned(),
            outcome = outcome.clone()
        )
        .to_string(),
        text: td_string!(
            l,
            notice_intervention_outcome_text,
            title = title.to_owned(),
            outcome = outcome
        )
        .to_string(),
    }
}

/// A step of a followed campaign (a statement, an event...).
pub fn campaign_action(l: Locale, campaign: &str, action: &str) -> Words {
    Words {
        title: td_string!(
            l,
            notice_campaign_action,
            campaign = campaign.to_owned(),
            action = action.to_owned()
        )
        .to_string(),
        text: td_string!(
            l,
            notice_campaign_action_text,
            campaign = campaign.to_owned(),
            action = action.to_owned()
        )
        .to_string(),
    }
}

/// A case added to a followed campaign (its name stays on the page, read
/// by the rule of the case).
pub fn campaign_case(l: Locale, campaign: &str) -> Words {
    Words {
        title: td_string!(l, notice_campaign_case, campaign = campaign.to_owned()).to_string(),
        text: td_string!(l, notice_campaign_case_text, campaign = campaign.to_owned()).to_string(),
    }
}

/// A line of the daily digest: a notice's title, or nothing of it when its
/// words stay in the platform, and where to read it.
pub struct DigestLine {
    pub title: Option<String>,
    pub href: String,
}

/// The daily digest: one e-mail for the notices its reader chose to
/// receive that way.
/// `more`: how many others wait in the reader's list in the platform.
pub fn digest(l: Locale, lines: &[DigestLine], more: usize) -> Words {
    let mut text = td_string!(l, mail_digest_lead).to_owned();
    text.push('\n');
    for line in lines {
        let title = line
            .title
            .clone()
            .unwrap_or_else(|| td_string!(l, mail_digest_hidden).to_owned());
        text.push_str(&format!("\n* {title}\n  {}\n", line.href));
    }
    if more > 0 {
        text.push_str(&format!(
            "\n{}\n/notifications\n",
            td_string!(l, mail_digest_more, number = more)
        ));
    }
    text.push_str(&format!(
        "\n{}\n/account/notifications",
        td_string!(l, mail_digest_settings)
    ));
    Words {
        title: td_string!(l, mail_digest_subject, number = lines.len() + more).to_string(),
        text,
    }
}

/// The e-mail of a notice about restricted records: nothing of them, only
/// that there is something to read in the platform.
pub fn generic(l: Locale) -> Words {
    Words {
        title: td_string!(l, notice_generic).to_string(),
        text: td_string!(l, notice_generic_text).to_string(),
    }
}

/// The end of every notification e-mail: where to read it, and how to
/// choose what comes.
pub fn footer(l: Locale) -> String {
    td_string!(l, notice_footer).to_string()
}
