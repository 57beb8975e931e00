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
    pub const ALL: [List; 10] = [
        List::Organisations,
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

    pub fn parse(name: &str) -> Option<List> {
        List::ALL.into_iter().find(|l| l.name() == name)
    }

    /// The audit log's word for exporting this list.
    fn action(self) -> &'static str {
        match self {
            List::Organisations => "export.organisations",
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

    /// What the audit log names as the export's target: the list and its
    /// filters, cut to a length the log keeps.
    fn target(&self, list: List) -> String {
        let encode = crate::accounts::auth::encode_query_value;
        let query: Vec<String> = self
            .0
            .iter()
            .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
            .collect();
        let mut target = list.name().to_owned();
        if !query.is_empty() {
            target.push('?');
            target.push_str(&query.join("&"));
        }
        target.chars().take(300).collect()
    }
}

/// The rows of `list` under `filters` that the reader of this request may
/// see. Runs inside a request's context, like a server function.
pub async fn export(list: List, filters: &Filters) -> Result<Table, AppError> {
    let viewer = context::viewer();
    let table = crate::graph::work_gate::run(&viewer, async { rows(list, filters).await }).await?;
    if context::session().is_some() {
        access_log::record(list.action(), Some(filters.target(list)), table.rows.len()).await?;
        access_log::embedded_reads(table.records.iter().cloned()).await?;
    }
    Ok(table)
}

async fn rows(list: List, filters: &Filters) -> Result<Table, AppError> {
    use crate::advocacy::api as advocacy;
    use crate::observation::api as observation;
    Ok(match list {
        List::Organisations => {
            let mut query = DirectoryQuery::from_pairs(
                filters.0.iter().map(|(k, v)| (k.as_str(), v.as_str())),
            )?;
            query.page = 1;
            query.per_page = MAX_ROWS;
            let found = crate::directory::api::context::directory()?
                .directory(&context::viewer(), &query)
                .await?;
            if found.total > u64::from(MAX_ROWS) {
                return Err(AppError::Invalid(vec![ValidationError::new(
                    "filters",
                    Problem::TooLong {
                        max: MAX_ROWS as usize,
                    },
                )
                .with_value(found.total.to_string())]));
            }
            Table::of(&found.items)
        }
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
