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

/// The reader's notifications.
#[server(input = Json, endpoint = "notifications")]
pub async fn fetch_notifications() -> Result<shared::NotificationList, AppError> {
    let actor = crate::observation::api::context::signed_in()?;
    Ok(context::notifications()?.notifications(&actor).await?)
}

/// How many are unread, for the header (0 when signed out).
#[server(input = Json, endpoint = "notifications-unread")]
pub async fn fetch_unread_count() -> Result<u64, AppError> {
    let Ok(actor) = crate::observation::api::context::signed_in() else {
        return Ok(0);
    };
    Ok(context::notifications()?
        .notifications(&actor)
        .await?
        .unread)
}

/// Marks one notification read and goes where it leads; without `id`,
/// marks them all read.
#[server(endpoint = "notifications-read")]
pub async fn mark_read(id: Option<String>) -> Result<(), AppError> {
    let actor = crate::observation::api::context::signed_in()?;
    let href = context::notifications()?
        .mark_read(&actor, id.as_deref())
        .await?;
    match href.filter(|h| shared::same_site_path(h).is_some()) {
        Some(h) => leptos_axum::redirect(&h),
        None => leptos_axum::redirect("/notifications"),
    }
    Ok(())
}

#[server(input = Json, endpoint = "notification-settings")]
pub async fn fetch_notification_settings() -> Result<shared::NotificationSettings, AppError> {
    let actor = crate::observation::api::context::signed_in()?;
    Ok(context::notifications()?
        .notification_settings(&actor)
        .await?)
}

/// Saves the reader's choices: `language`, and `delivery[<kind>]` per kind.
#[server(endpoint = "notification-settings-save")]
pub async fn save_notification_settings(
    language: String,
    delivery: std::collections::BTreeMap<String, String>,
) -> Result<(), AppError> {
    let actor = crate::observation::api::context::signed_in()?;
    let language = match language.trim() {
        "" => None,
        l @ ("en" | "fr" | "es") => Some(l.to_owned()),
        other => {
            return Err(AppError::Invalid(vec![shared::ValidationError::new(
                "language",
                shared::Problem::NotOneOf {
                    allowed: vec!["en".into(), "fr".into(), "es".into()],
                },
            )
            .with_value(other)]))
        }
    };
    let mut deliveries = Vec::new();
    let mut problems = Vec::new();
    for kind in shared::NotificationKind::chosen() {
        match delivery.get(kind.as_str()) {
            None => deliveries.push((kind, kind.default_delivery())),
            Some(raw) => match shared::Delivery::parse(raw) {
                Ok(d) if shared::Delivery::OFFERED.contains(&d) => deliveries.push((kind, d)),
                Ok(_) | Err(_) => problems.push(
                    shared::ValidationError::new(
                        format!("delivery-{}", kind.as_str()),
                        shared::Problem::NotOneOf {
                            allowed: shared::Delivery::OFFERED
                                .iter()
                                .map(|d| d.as_str().to_owned())
                                .collect(),
                        },
                    )
                    .with_value(raw.as_str()),
                ),
            },
        }
    }
    if !problems.is_empty() {
        return Err(AppError::Invalid(problems));
    }
    context::notifications()?
        .save_notification_settings(
            &actor,
            &shared::NotificationSettings {
                language,
                deliveries,
            },
        )
        .await?;
    leptos_axum::redirect("/account/notifications?saved=1");
    Ok(())
}

/// One click from an e-mail turns its kind off, without signing in.
#[server(endpoint = "unsubscribe")]
pub async fn unsubscribe(token: String) -> Result<(), AppError> {
    if token.len() > 128 || !token.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(AppError::NotFound);
    }
    let kind = context::notifications()?
        .unsubscribe(&token)
        .await?
        .ok_or(AppError::NotFound)?;
    leptos_axum::redirect(&format!("/unsubscribed?kind={}", kind.as_str()));
    Ok(())
}

/// What the reader follows, and the countries they may choose from.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FollowsView {
    pub follows: Vec<shared::follow::Followed>,
    pub countries: Vec<shared::Country>,
}

#[server(input = Json, endpoint = "follows")]
pub async fn fetch_follows() -> Result<FollowsView, AppError> {
    let actor = crate::observation::api::context::signed_in()?;
    // Every context is taken before the first wait: a page left while it
    // renders takes its context with it.
    let countries = crate::directory::api::context::directory()?.all_countries();
    let notifications = context::notifications()?;
    Ok(FollowsView {
        follows: notifications.follows(&actor).await?,
        countries,
    })
}

/// Whether the signed-in reader follows `target`; `None` for a visitor.
#[server(input = Json, endpoint = "follow-state")]
pub async fn fetch_follow_state(target: String) -> Result<Option<bool>, AppError> {
    let Ok(actor) = crate::observation::api::context::signed_in() else {
        return Ok(None);
    };
    let target =
        shared::follow::FollowTarget::parse(&target).map_err(|e| AppError::Invalid(vec![e]))?;
    let follows = context::notifications()?.follows(&actor).await?;
    Ok(Some(follows.iter().any(|f| f.target == target)))
}

/// Where a follow or unfollow sends the reader: back to the followed page
/// when the button was on it (`back`), to their list otherwise. The page
/// is made from the target, never taken from the request.
#[cfg(feature = "ssr")]
fn after_follow(target: &shared::follow::FollowTarget, back: bool, saved: &str) -> String {
    match target.page().filter(|_| back) {
        Some(page) => format!("{page}?saved={saved}#follow"),
        None => format!("/account/notifications?saved={saved}#follows"),
    }
}

#[server(endpoint = "follow")]
pub async fn follow(
    target: String,
    #[server(default)] back: Option<String>,
) -> Result<(), AppError> {
    let actor = crate::observation::api::context::signed_in()?;
    let target =
        shared::follow::FollowTarget::parse(&target).map_err(|e| AppError::Invalid(vec![e]))?;
    context::notifications()?.follow(&actor, &target).await?;
    leptos_axum::redirect(&after_follow(&target, back.is_some(), "follow"));
    Ok(())
}

#[server(endpoint = "unfollow")]
pub async fn unfollow(
    target: String,
    #[server(default)] back: Option<String>,
) -> Result<(), AppError> {
    let actor = crate::observation::api::context::signed_in()?;
    let target =
        shared::follow::FollowTarget::parse(&target).map_err(|e| AppError::Invalid(vec![e]))?;
    context::notifications()?.unfollow(&actor, &target).await?;
    leptos_axum::redirect(&after_follow(&target, back.is_some(), "unfollow"));
    Ok(())
}
