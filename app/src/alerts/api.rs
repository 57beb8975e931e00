//! Server functions of case alerts: any signed-in user sends one and
//! follows the alerts they sent; the secretariat (staff and admins) reads
//! the queue, verifies, writes to the sender and closes; admins hand a
//! restricted alert to a staff member.

use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use shared::alert::{Alert, AlertForm, AlertSummary};

#[cfg(feature = "ssr")]
pub(crate) mod context {
    use crate::alerts::store::SharedAlerts;
    use crate::error::AppError;
    use leptos::prelude::*;

    pub fn alerts() -> Result<SharedAlerts, AppError> {
        use_context::<SharedAlerts>().ok_or_else(|| {
            tracing::error!("no alerts store in the request context");
            AppError::Internal
        })
    }
}

#[cfg(feature = "ssr")]
fn alert_id(raw: &str) -> Result<shared::AlertId, AppError> {
    shared::AlertId::parse(raw).map_err(|_| AppError::NotFound)
}

/// What the form offers: the people the sender may name and the countries.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct AlertChoices {
    pub persons: Vec<shared::PersonRef>,
    pub countries: Vec<shared::Country>,
}

#[server(input = Json, endpoint = "alert-choices")]
pub async fn fetch_alert_choices() -> Result<AlertChoices, AppError> {
    let actor = crate::observation::api::context::signed_in()?;
    // Every context is taken before the first wait (see fetch_follows).
    let countries = crate::directory::api::context::directory()?.all_countries();
    let persons = context::alerts()?.alert_choices(&actor).await?;
    Ok(AlertChoices { persons, countries })
}

#[server(endpoint = "alert-send")]
pub async fn send_alert(form: AlertForm) -> Result<(), AppError> {
    let actor = crate::observation::api::context::signed_in()?;
    let alert = form
        .check(chrono::Utc::now().date_naive())
        .map_err(AppError::Invalid)?;
    let id = context::alerts()?.send_alert(&actor, &alert).await?;
    leptos_axum::redirect(&format!("/alerts/{id}?saved=sent"));
    Ok(())
}

/// The queue (the secretariat) or one's own alerts (anyone else).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct AlertList {
    pub secretariat: bool,
    pub alerts: Vec<AlertSummary>,
}

#[server(input = Json, endpoint = "alerts")]
pub async fn fetch_alerts() -> Result<AlertList, AppError> {
    let actor = crate::observation::api::context::signed_in()?;
    let alerts = context::alerts()?.alerts(&actor).await?;
    Ok(AlertList {
        secretariat: actor.user.role.handles_alerts(),
        alerts,
    })
}

/// An alert and what its reader may do on it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct AlertView {
    pub alert: Alert,
    /// Staff and admins: verify, close, decide.
    pub secretariat: bool,
    /// Admins: hand a restricted alert to staff.
    pub admin: bool,
}

#[server(input = Json, endpoint = "alert")]
pub async fn fetch_alert(id: String) -> Result<AlertView, AppError> {
    let actor = crate::observation::api::context::signed_in()?;
    let alert = context::alerts()?
        .alert(&actor, &alert_id(&id)?)
        .await?
        .ok_or(AppError::NotFound)?;
    crate::accounts::access_log::restricted_read(format!("alert:{}", alert.id), alert.visibility)
        .await?;
    Ok(AlertView {
        alert,
        secretariat: actor.user.role.handles_alerts(),
        admin: actor.user.role == shared::Role::Admin,
    })
}

#[server(endpoint = "alert-message")]
pub async fn write_alert_message(id: String, text: String) -> Result<(), AppError> {
    let actor = crate::observation::api::context::signed_in()?;
    let alert = alert_id(&id)?;
    let text = shared::alert::check_message(&text).map_err(|e| AppError::Invalid(vec![e]))?;
    context::alerts()?
        .write_alert_message(&actor, &alert, &text)
        .await?;
    leptos_axum::redirect(&format!("/alerts/{alert}?saved=message#exchange"));
    Ok(())
}

#[server(endpoint = "alert-verify")]
pub async fn verify_alert(
    id: String,
    version: u32,
    #[server(default)] sources_checked: Option<String>,
    #[server(default)] consent_confirmed: Option<String>,
    #[server(default)] risk_assessed: Option<String>,
) -> Result<(), AppError> {
    let actor = crate::observation::api::context::signed_in()?;
    let alert = alert_id(&id)?;
    let verification = shared::alert::Verification {
        sources_checked: sources_checked.is_some(),
        consent_confirmed: consent_confirmed.is_some(),
        risk_assessed: risk_assessed.is_some(),
    };
    context::alerts()?
        .verify_alert(&actor, &alert, version, verification)
        .await?;
    leptos_axum::redirect(&format!("/alerts/{alert}?saved=verified"));
    Ok(())
}

#[server(endpoint = "alert-close")]
pub async fn close_alert(id: String, version: u32, reason: String) -> Result<(), AppError> {
    let actor = crate::observation::api::context::signed_in()?;
    let alert = alert_id(&id)?;
    let reason = shared::alert::check_reason(&reason).map_err(|e| AppError::Invalid(vec![e]))?;
    context::alerts()?
        .close_alert(&actor, &alert, version, &reason)
        .await?;
    leptos_axum::redirect(&format!("/alerts/{alert}?saved=closed"));
    Ok(())
}

/// Staff an admin handed a restricted alert to (and its sender).
#[server(input = Json, endpoint = "alert-access")]
pub async fn fetch_alert_access(id: String) -> Result<Vec<shared::UserSummary>, AppError> {
    crate::accounts::admin::context::admin()?;
    let alert = alert_id(&id)?;
    Ok(crate::accounts::admin::context::administration()?
        .access_list(&format!("alert:{alert}"))
        .await?)
}

/// Hands a restricted alert to a staff member (only the secretariat
/// handles alerts: not a campaigner, not a member).
#[server(endpoint = "alert-hand-over")]
pub async fn hand_over_alert(id: String, email: String) -> Result<(), AppError> {
    let admin = crate::accounts::admin::context::admin()?;
    let alert = alert_id(&id)?;
    let administration = crate::accounts::admin::context::administration()?;
    let wanted = email.trim().to_lowercase();
    let handles = administration
        .list_users()
        .await?
        .into_iter()
        .find(|u| u.email == wanted)
        .is_some_and(|u| u.role.handles_alerts() && !u.disabled);
    if !handles {
        return Err(AppError::Invalid(vec![shared::ValidationError::new(
            "email",
            shared::Problem::NotOneOf {
                allowed: vec!["staff".into(), "admin".into()],
            },
        )
        .with_value(wanted)]));
    }
    administration
        .grant_access(&admin.user, &email, &format!("alert:{alert}"))
        .await?;
    leptos_axum::redirect(&format!("/alerts/{alert}?saved=handed#access"));
    Ok(())
}

/// Takes a restricted alert back from someone it was handed to.
#[server(endpoint = "alert-take-back")]
pub async fn take_back_alert(id: String, user: String) -> Result<(), AppError> {
    let admin = crate::accounts::admin::context::admin()?;
    let alert = alert_id(&id)?;
    let user = shared::UserId::parse(&user).map_err(|_| AppError::NotFound)?;
    crate::accounts::admin::context::administration()?
        .revoke_access(&admin.user, &user, &format!("alert:{alert}"))
        .await?;
    leptos_axum::redirect(&format!("/alerts/{alert}?saved=taken-back#access"));
    Ok(())
}

/// What a decision starts from: the alert's country, its person (when the
/// reader may read them) and level, never its words.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct AlertBasis {
    pub country: String,
    pub person: Option<String>,
    pub visibility: shared::Visibility,
}

#[server(input = Json, endpoint = "alert-basis")]
pub async fn fetch_alert_basis(id: String) -> Result<AlertBasis, AppError> {
    let actor = crate::observation::api::context::signed_in()?;
    if !actor.user.role.handles_alerts() {
        return Err(AppError::Forbidden);
    }
    let alert = context::alerts()?
        .alert(&actor, &alert_id(&id)?)
        .await?
        .ok_or(AppError::NotFound)?;
    crate::accounts::access_log::restricted_read(format!("alert:{}", alert.id), alert.visibility)
        .await?;
    Ok(AlertBasis {
        country: alert.country.code.as_str().to_owned(),
        person: match alert.subject {
            shared::alert::AlertSubject::Person(p) => Some(p.id.to_string()),
            _ => None,
        },
        visibility: alert.visibility,
    })
}
