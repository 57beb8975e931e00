//! Backups for admins (`/admin/backup`): download one now, the same file
//! `server backup` writes, and whether the server writes one every day.
//! The download itself is served by the server (`POST
//! /admin/backup/download`), streamed as it is read and audited.

use crate::error::AppError;
use crate::i18n::*;
use crate::locale;
use crate::ui::error_view::{ErrorView, Loading};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

/// The daily backups the server writes (`--backup-dir`), as configured.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupPlan {
    /// None: no daily backups.
    pub dir: Option<String>,
    /// The hour (UTC) after which each day's backup is written.
    pub hour: u8,
    /// How many daily backups are kept.
    pub keep: u16,
}

/// The plan, for admins only: where backups go is not for everyone.
#[server(input = Json, endpoint = "backup-plan")]
pub async fn fetch_backup_plan() -> Result<BackupPlan, AppError> {
    crate::accounts::admin::context::admin()?;
    Ok(use_context::<BackupPlan>().unwrap_or_default())
}

#[component]
pub fn BackupPage() -> impl IntoView {
    let plan = Resource::new(|| (), |_| fetch_backup_plan());
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match plan.await {
                    Ok(p) => view! { <Backups plan=p/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Backups(plan: BackupPlan) -> impl IntoView {
    let l = locale::current();
    let schedule = match &plan.dir {
        Some(dir) => view! {
            <p class="notice" role="status" data-testid="backup-plan">
                {td_string!(l, backup_daily, dir = dir.clone(), hour = plan.hour, keep = plan.keep).to_string()}
            </p>
        }
        .into_any(),
        None => view! {
            <p class="notice warning" role="status" data-testid="backup-plan">{td_string!(l, backup_no_daily)}</p>
        }
        .into_any(),
    };
    view! {
        <Title text=td_string!(l, backup_title)/>
        <h1>{td_string!(l, backup_title)}</h1>
        {schedule}
        <p>{td_string!(l, backup_contents)}</p>
        <form method="post" action="/admin/backup/download" class="stacked-form">
            <p class="hint" id="hint-backup">{td_string!(l, backup_keep_safe)}</p>
            <button type="submit" class="button primary" aria-describedby="hint-backup">
                {td_string!(l, backup_download)}
            </button>
        </form>
        <h2>{td_string!(l, backup_restore_title)}</h2>
        <p>{td_string!(l, backup_restore_how)}</p>
        <pre class="code-block"><code>"server restore sos-torture-2026-11-30.surql"</code></pre>
    }
}
