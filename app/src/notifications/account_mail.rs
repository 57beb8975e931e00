//! Account mail written in its reader's language: the invitation and the
//! password-reset link. The store puts the secret link where `{link}` is.

use crate::i18n::*;
use shared::AccountMail;

/// The language a form names (`en`, `fr`, `es`); English otherwise.
pub fn language(code: &str) -> Locale {
    match code.trim() {
        "fr" => Locale::fr,
        "es" => Locale::es,
        _ => Locale::en,
    }
}

fn mail(l: Locale, subject: &str, body: String, footer: &str) -> AccountMail {
    AccountMail {
        lang: crate::locale::code(l).to_owned(),
        subject: subject.to_owned(),
        text: format!("{body}\n\n{{link}}\n\n{footer}\n"),
    }
}

pub fn invitation(l: Locale, name: &str, inviter: &str, days: i64) -> AccountMail {
    mail(
        l,
        td_string!(l, mail_invite_subject),
        td_string!(
            l,
            mail_invite_body,
            name = name.to_owned(),
            inviter = inviter.to_owned(),
            days = days
        )
        .to_string(),
        td_string!(l, mail_footer_secret),
    )
}

/// To the contact person of an organisation just admitted: the news, and
/// the link that opens the organisation's account.
pub fn admission(l: Locale, name: &str, organisation: &str, days: i64) -> AccountMail {
    mail(
        l,
        &td_string!(
            l,
            mail_admission_subject,
            organisation = organisation.to_owned()
        )
        .to_string(),
        td_string!(
            l,
            mail_admission_body,
            name = name.to_owned(),
            organisation = organisation.to_owned(),
            days = days
        )
        .to_string(),
        td_string!(l, mail_footer_secret),
    )
}

pub fn password_reset(l: Locale, hours: i64) -> AccountMail {
    mail(
        l,
        td_string!(l, mail_reset_subject),
        td_string!(l, mail_reset_body, hours = hours).to_string(),
        td_string!(l, mail_footer_secret),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_language_has_its_own_words_and_the_link_stands_alone() {
        let en = invitation(Locale::en, "Awa", "Léa", 7);
        let fr = invitation(language("fr"), "Awa", "Léa", 7);
        assert_eq!((en.lang.as_str(), fr.lang.as_str()), ("en", "fr"));
        assert_ne!(en.subject, fr.subject);
        assert!(fr.text.contains("Awa") && fr.text.contains("Léa"));
        assert!(fr.text.contains("\n\n{link}\n\n"), "{}", fr.text);
        let es = password_reset(language("es"), 24);
        assert!(es.text.contains("24"));
    }
}
