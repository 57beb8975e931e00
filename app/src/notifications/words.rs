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
