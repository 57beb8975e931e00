//! Every list as a file: the list's own server function is asked, with the
//! filters of the page's address, as the reader of this request. So a file
//! holds exactly the rows the page would show its reader (all of them, not
//! one page), and nobody gets a list their role does not open. Every export
//! by a signed-in reader is in the audit log, with the restricted records it
//! held; an anonymous one holds public records only.

use crate::accounts::access_log;
use crate::accounts::auth::context;
use crate::error::AppError;
use crate::exchange::tables::{self, Table};
use shared::{DirectoryQuery, Month, Problem, ValidationError};

/// Most organisations one file holds; a larger directory is exported
/// filtered (by region, by country).
pub const MAX_ROWS: u32 = 200_000;

/// The lists that can be exported, by the name in their address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    Organisations,
    People,
    Trials,
    Hearings,
    Missions,
    Events,
    AdvocacyMissions,
    Interventions,
    Campaigns,
    Grants,
    Figures,
}

impl List {
    pub const ALL: [List; 11] = [
        List::Organisations,
        List::People,
        List::Trials,
        List::Hearings,
        List::Missions,
        List::Events,
        List::AdvocacyMissions,
        List::Interventions,
        List::Campaigns,
        List::Grants,
        List::Figures,
    ];

    pub fn name(self) -> &'static str {
        match self {
            List::Organisations => "organisations",
            List::People => "persons",
            List::Trials => "trials",
            List::Hearings => "hearings",
            List::Missions => "missions",
            List::Events => "events",
            List::AdvocacyMissions => "advocacy-missions",
            List::Interventions => "interventions",
            List::Campaigns => "campaigns",
            List::Grants => "grants",
            List::Figures => "figures",
        }
    }

    /// The filters its page takes in its address, which its file and the
    /// API take too.
    pub fn filters(self) -> &'static [&'static str] {
        match self {
            List::Organisations => &["q", "country", "region", "theme", "membership", "sort"],
            List::People => &["q", "role", "country"],
            List::Trials => &["country", "status"],
            List::Hearings => &["month", "country", "status"],
            List::Missions | List::Campaigns => &[],
            List::Events | List::AdvocacyMissions => &["year", "region"],
            List::Interventions => &[
                "year", "kind", "support", "country", "region", "outcome", "month", "freed_in",
            ],
            List::Grants | List::Figures => &["year"],
        }
    }

    pub fn parse(name: &str) -> Option<List> {
        List::ALL.into_iter().find(|l| l.name() == name)
    }

    /// The audit log's word for exporting this list.
    fn action(self) -> &'static str {
        match self {
            List::Organisations => "export.organisations",
            List::People => "export.persons",
            List::Trials => "export.trials",
            List::Hearings => "export.hearings",
            List::Missions => "export.missions",
            List::Events => "export.events",
            List::AdvocacyMissions => "export.advocacy_missions",
            List::Interventions => "export.interventions",
            List::Campaigns => "export.campaigns",
            List::Grants => "export.grants",
            List::Figures => "export.figures",
        }
    }
}

/// The filters of a page's address, as `(name, value)` pairs.
pub struct Filters(pub Vec<(String, String)>);

impl Filters {
    /// A filter's value; empty means absent, as on the pages' forms.
    fn get(&self, name: &str) -> Option<String> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    }

    /// What the audit log names as the export's target: the list and the
    /// filters it takes (nothing else, so that a made-up parameter does not
    /// make each call a line of its own), and the rows asked for when it is
    /// a page of them, cut to a length the log keeps.
    fn target(&self, list: List, window: Option<Window>) -> String {
        let encode = crate::accounts::auth::encode_query_value;
        let query: Vec<String> = self
            .0
            .iter()
            .filter(|(k, _)| list.filters().contains(&k.as_str()))
            .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
            .collect();
        let mut target = list.name().to_owned();
        if !query.is_empty() {
            target.push('?');
            target.push_str(&query.join("&"));
        }
        if let Some(w) = window {
            target.push_str(&format!(
                " (rows {}-{})",
                w.offset + 1,
                w.offset + u64::from(w.limit)
            ));
        }
        target.chars().take(300).collect()
    }
}

/// Rows `offset..offset + limit` of a list (the API's pages).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub offset: u64,
    pub limit: u32,
}

/// The rows of `list` under `filters` that the reader of this request may
/// see. Runs inside a request's context, like a server function.
pub async fn export(list: List, filters: &Filters) -> Result<Table, AppError> {
    Ok(read(list, filters, None).await?.0)
}

/// The rows of `list` in `window` (all without one), and how many there
/// are in all; audited as an export of what was answered.
pub async fn read(
    list: List,
    filters: &Filters,
    window: Option<Window>,
) -> Result<(Table, u64), AppError> {
    let viewer = context::viewer();
    let (table, total) =
        crate::graph::work_gate::run(&viewer, async { rows(list, filters, window).await }).await?;
    debug_assert!(
        table.well_typed(),
        "{} rows differ from their columns",
        list.name()
    );
    if context::session().is_some() {
        access_log::record(
            list.action(),
            Some(filters.target(list, window)),
            table.rows.len(),
        )
        .await?;
        access_log::embedded_reads(table.records.iter().flatten().cloned()).await?;
    }
    Ok((table, total))
}

async fn rows(
    list: List,
    filters: &Filters,
    window: Option<Window>,
) -> Result<(Table, u64), AppError> {
    match list {
        List::Organisations => return organisations(filters, window).await,
        List::People => return people(filters, window).await,
        _ => {}
    }
    let table = all_rows(list, filters).await?;
    let total = table.rows.len() as u64;
    Ok(match window {
        Some(w) => (
            table.window(
                usize::try_from(w.offset).unwrap_or(usize::MAX),
                w.limit as usize,
            ),
            total,
        ),
        None => (table, total),
    })
}

/// The directory pages in the database rather than in memory: a network
/// of many thousand organisations is read a window at a time.
async fn organisations(
    filters: &Filters,
    window: Option<Window>,
) -> Result<(Table, u64), AppError> {
    let mut query =
        DirectoryQuery::from_pairs(filters.0.iter().map(|(k, v)| (k.as_str(), v.as_str())))?;
    let (page, per_page) = page_of(window)?;
    query.page = page;
    query.per_page = per_page;
    let found = crate::directory::api::context::directory()?
        .directory(&context::viewer(), &query)
        .await?;
    too_many(window, found.total)?;
    Ok((Table::of(&found.items), found.total))
}

/// People, a window at a time in the database, as organisations are.
async fn people(filters: &Filters, window: Option<Window>) -> Result<(Table, u64), AppError> {
    let mut query =
        shared::PeopleQuery::from_pairs(filters.0.iter().map(|(k, v)| (k.as_str(), v.as_str())))?;
    let (page, per_page) = page_of(window)?;
    query.page = page;
    query.per_page = per_page;
    let found = crate::people::api::context::people()?
        .people(&context::viewer(), &query)
        .await?;
    too_many(window, found.total)?;
    Ok((Table::of(&found.items), found.total))
}

/// The page of a window (a window starts on a page's first row), or every
/// row up to [`MAX_ROWS`] without one.
fn page_of(window: Option<Window>) -> Result<(u32, u32), AppError> {
    match window {
        Some(w) if w.limit > 0 && w.offset % u64::from(w.limit) == 0 => Ok((
            u32::try_from(w.offset / u64::from(w.limit) + 1).unwrap_or(u32::MAX),
            w.limit,
        )),
        Some(_) => Err(AppError::Invalid(vec![ValidationError::new(
            "cursor",
            Problem::NotAPage { max: MAX_ROWS },
        )])),
        None => Ok((1, MAX_ROWS)),
    }
}

/// A whole file stops at [`MAX_ROWS`]: a larger list is exported filtered.
fn too_many(window: Option<Window>, total: u64) -> Result<(), AppError> {
    if window.is_none() && total > u64::from(MAX_ROWS) {
        return Err(AppError::Invalid(vec![ValidationError::new(
            "filters",
            Problem::TooLong {
                max: MAX_ROWS as usize,
            },
        )
        .with_value(total.to_string())]));
    }
    Ok(())
}

async fn all_rows(list: List, filters: &Filters) -> Result<Table, AppError> {
    use crate::advocacy::api as advocacy;
    use crate::observation::api as observation;
    Ok(match list {
        List::Organisations => organisations(filters, None).await?.0,
        List::People => people(filters, None).await?.0,
        List::Trials => Table::of(
            &observation::fetch_trials(filters.get("country"), filters.get("status")).await?,
        ),
        List::Hearings => {
            let month = match filters.get("month") {
                Some(m) => Month::parse(&m)?,
                None => Month::of(chrono::Utc::now().date_naive()),
            };
            Table::of(
                &observation::fetch_hearings(month, filters.get("country"), filters.get("status"))
                    .await?,
            )
        }
        List::Missions => Table::of(&observation::fetch_work_queue().await?.missions),
        List::Events => Table::of(
            &advocacy::fetch_overview(filters.get("year"), filters.get("region"))
                .await?
                .overview
                .events,
        ),
        List::AdvocacyMissions => Table::of(
            &advocacy::fetch_overview(filters.get("year"), filters.get("region"))
                .await?
                .overview
                .missions,
        ),
        List::Interventions => Table::of(
            &advocacy::fetch_interventions(advocacy::InterventionQuery {
                year: filters.get("year"),
                kind: filters.get("kind"),
                support: filters.get("support"),
                country: filters.get("country"),
                region: filters.get("region"),
                outcome: filters.get("outcome"),
                month: filters.get("month"),
                freed_in: filters.get("freed_in"),
            })
            .await?,
        ),
        List::Campaigns => Table::of(&advocacy::fetch_campaigns().await?.0),
        List::Grants => Table::of(&advocacy::fetch_grants(filters.get("year")).await?),
        List::Figures => tables::figures(&advocacy::fetch_figures(filters.get("year")).await?),
    })
}
