//! Server functions of notifications (admins): the outbox and a retry.

use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

#[cfg(feature = "ssr")]
pub(crate) mod context {
    use crate::error::AppError;
    use crate::notifications::store::SharedNotifications;
    use leptos::prelude::*;

    pub fn notifications() -> Result<SharedNotifications, AppError> {
        use_context::<SharedNotifications>().ok_or_else(|| {
            tracing::error!("no notifications store in the request context");
            AppError::Internal
        })
    }

    pub fn admin() -> Result<crate::accounts::Actor, AppError> {
        let actor = crate::observation::api::context::signed_in()?;
        if actor.user.role == shared::Role::Admin {
            Ok(actor)
        } else {
            Err(AppError::Forbidden)
        }
    }
}

/// The outbox as admins see it, with whether mail goes out at all.
#[server(input = Json, endpoint = "outbox")]
pub async fn fetch_outbox() -> Result<shared::OutboxView, AppError> {
    context::admin()?;
    let mut view = context::notifications()?.outbox().await?;
    view.relay = use_context::<crate::notifications::MailRelay>().and_then(|r| r.0);
    Ok(view)
}

/// Sends a failed message again.
#[server(endpoint = "outbox-retry")]
pub async fn retry_mail(id: String) -> Result<(), AppError> {
    let actor = context::admin()?;
    context::notifications()?.retry_mail(&actor, &id).await?;
    leptos_axum::redirect("/admin/mail");
    Ok(())
}
