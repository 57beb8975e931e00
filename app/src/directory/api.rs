//! Server functions: each finds the viewer, validates its input and calls one
//! store method. They are the only way the browser reads data.

use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};
use shared::{
    CountryCount, CountryProfile, DirectoryQuery, Facets, NetworkSummary, OrgSummary, Organisation,
    Page, Peer,
};

/// How many peers a profile shows.
pub const PEER_LIMIT: usize = 12;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DirectoryView {
    pub results: Page<OrgSummary>,
    pub facets: Facets,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrgProfile {
    pub org: Organisation,
    pub peers: Vec<Peer>,
    /// Whether this reader keeps the organisation's relations (staff), and
    /// then the organisations they may relate it to.
    pub may_edit_ties: bool,
    pub choices: Vec<shared::OrgRef>,
    /// For the same readers: the countries and themes it may be placed on.
    pub place_choices: crate::directory::place_ties::PlaceChoices,
}

#[cfg(feature = "ssr")]
pub(crate) use context::directory;

#[cfg(feature = "ssr")]
pub(crate) mod context {
    use crate::directory::store::SharedDirectory;
    use crate::error::AppError;
    use leptos::prelude::*;
    use shared::Viewer;

    pub fn directory() -> Result<SharedDirectory, AppError> {
        use_context::<SharedDirectory>().ok_or_else(|| {
            tracing::error!("no store in the request context");
            AppError::Internal
        })
    }

    /// What the reader of this request may see: from their session, else
    /// an anonymous visitor's view.
    pub fn viewer() -> Viewer {
        crate::accounts::auth::context::viewer()
    }
}

#[server(input = Json, endpoint = "network-summary")]
pub async fn fetch_network_summary() -> Result<NetworkSummary, AppError> {
    let store = context::directory()?;
    Ok(store.summary(&context::viewer()).await?)
}

#[server(input = Json, endpoint = "directory")]
pub async fn fetch_directory(query: DirectoryQuery) -> Result<DirectoryView, AppError> {
    query.validate()?;
    let store = context::directory()?;
    let viewer = context::viewer();
    let (results, facets) = futures::join!(store.directory(&viewer, &query), store.facets(&viewer));
    Ok(DirectoryView {
        results: results?,
        facets: facets?,
    })
}

#[server(input = Json, endpoint = "organisation")]
pub async fn fetch_organisation_profile(id: String) -> Result<OrgProfile, AppError> {
    // A malformed id names no record: answer exactly as for a missing one.
    let id = shared::OrgId::parse(&id).map_err(|_| AppError::NotFound)?;
    let store = context::directory()?;
    let viewer = context::viewer();
    let Some(org) = store.organisation(&viewer, &id).await? else {
        return Err(match store.moved_organisation(&viewer, &id).await? {
            Some(kept) => AppError::Moved(format!("/organisations/{kept}")),
            None => AppError::NotFound,
        });
    };
    crate::accounts::access_log::restricted_read(format!("organisation:{id}"), org.visibility)
        .await?;
    let peers = store.peers(&viewer, &id, PEER_LIMIT).await?;
    let shown = shared::LinkedRecords::linked_records(&org)
        .into_iter()
        .chain(peers.iter().map(|p| format!("organisation:{}", p.org.id)));
    crate::accounts::access_log::embedded_reads(shown).await?;
    let may_edit_ties = crate::observation::api::context::may_plan();
    let choices = if may_edit_ties {
        crate::people::api::context::people()?
            .organisation_choices(&viewer)
            .await?
            .into_iter()
            .filter(|o| o.id != id)
            .collect()
    } else {
        Vec::new()
    };
    Ok(OrgProfile {
        org,
        peers,
        may_edit_ties,
        choices,
        place_choices: crate::directory::place_ties::place_choices(may_edit_ties)?,
    })
}

#[server(input = Json, endpoint = "countries")]
pub async fn fetch_country_index() -> Result<Vec<CountryCount>, AppError> {
    let store = context::directory()?;
    Ok(store.countries(&context::viewer()).await?)
}

#[server(input = Json, endpoint = "country")]
pub async fn fetch_country_profile(code: String) -> Result<CountryProfile, AppError> {
    let code = shared::CountryCode::parse(&code).map_err(|_| AppError::NotFound)?;
    let store = context::directory()?;
    store
        .country(&context::viewer(), &code)
        .await?
        .ok_or(AppError::NotFound)
}
