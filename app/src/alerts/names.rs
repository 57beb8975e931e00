//! The words for an alert's risk, consent and status in the reader's
//! language (pages and notifications).

use crate::i18n::*;
use shared::alert::{AlertStatus, Consent, Risk};

pub fn risk_name(l: Locale, r: Risk) -> &'static str {
    match r {
        Risk::Imminent => td_string!(l, alert_risk_imminent),
        Risk::High => td_string!(l, alert_risk_high),
        Risk::Moderate => td_string!(l, alert_risk_moderate),
    }
}

pub fn consent_name(l: Locale, c: Consent) -> &'static str {
    match c {
        Consent::Named => td_string!(l, consent_named),
        Consent::Anonymised => td_string!(l, consent_anonymised),
        Consent::NotPublic => td_string!(l, consent_not_public),
    }
}

pub fn status_name(l: Locale, s: AlertStatus) -> &'static str {
    match s {
        AlertStatus::New => td_string!(l, alert_status_new),
        AlertStatus::Verifying => td_string!(l, alert_status_verifying),
        AlertStatus::Verified => td_string!(l, alert_status_verified),
        AlertStatus::Acted => td_string!(l, alert_status_acted),
        AlertStatus::Closed => td_string!(l, alert_status_closed),
    }
}
