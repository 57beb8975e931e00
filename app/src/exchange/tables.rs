//! The columns of each exported list. A list is written once here and
//! rendered as CSV or JSON by the server, so both files hold the same
//! columns, and the files stay stable when a page's layout changes.

use shared::{
    AdvocacySummary, CampaignSummary, EventSummary, Figures, Grant, Hearing, InterventionSummary,
    MissionSummary, OrgSummary, PersonRef, TrialSummary,
};

/// One value of a row, typed so that JSON keeps numbers, flags and lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Empty,
    Text(String),
    Int(i64),
    Bool(bool),
    List(Vec<String>),
}

impl Cell {
    fn text(s: impl Into<String>) -> Self {
        Cell::Text(s.into())
    }

    fn maybe(s: Option<impl Into<String>>) -> Self {
        s.map_or(Cell::Empty, |s| Cell::Text(s.into()))
    }

    fn int(n: impl Into<i64>) -> Self {
        Cell::Int(n.into())
    }

    fn count(n: usize) -> Self {
        Cell::Int(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

/// A list's rows under its columns.
#[derive(Debug, Clone)]
pub struct Table {
    pub columns: &'static [&'static str],
    pub rows: Vec<Vec<Cell>>,
    /// Every record the rows show (`table:key`), for the access log.
    pub records: Vec<String>,
}

/// A row type of a list.
pub trait Tabular {
    const COLUMNS: &'static [&'static str];
    fn cells(&self) -> Vec<Cell>;
    /// The records this row shows, as `table:key`.
    fn records(&self) -> Vec<String>;
}

impl Table {
    pub fn of<T: Tabular>(items: &[T]) -> Self {
        Table {
            columns: T::COLUMNS,
            rows: items.iter().map(Tabular::cells).collect(),
            records: items.iter().flat_map(Tabular::records).collect(),
        }
    }
}

fn names(persons: &[PersonRef]) -> Cell {
    Cell::List(persons.iter().map(|p| p.name.clone()).collect())
}

fn person_records(persons: &[PersonRef]) -> impl Iterator<Item = String> + '_ {
    persons.iter().map(|p| format!("person:{}", p.id))
}

impl Tabular for OrgSummary {
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "name",
        "acronym",
        "kind",
        "country",
        "country_name",
        "city",
        "themes",
        "member_since",
    ];

    fn cells(&self) -> Vec<Cell> {
        vec![
            Cell::text(self.id.as_str()),
            Cell::text(&self.name),
            Cell::maybe(self.acronym.clone()),
            Cell::text(self.kind.as_str()),
            Cell::maybe(self.seat.as_ref().map(|c| c.code.as_str().to_owned())),
            Cell::maybe(self.seat.as_ref().map(|c| c.name.clone())),
            Cell::maybe(self.city.clone()),
            Cell::List(
                self.themes
                    .iter()
                    .map(|t| t.id.as_str().to_owned())
                    .collect(),
            ),
            self.member_since.map_or(Cell::Empty, Cell::int),
        ]
    }

    fn records(&self) -> Vec<String> {
        vec![format!("organisation:{}", self.id)]
    }
}

impl Tabular for TrialSummary {
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "case_name",
        "court",
        "country",
        "status",
        "outcome",
        "sentence",
        "charges",
        "defendants",
        "next_hearing",
        "visibility",
    ];

    fn cells(&self) -> Vec<Cell> {
        vec![
            Cell::text(self.id.as_str()),
            Cell::text(&self.case_name),
            Cell::text(&self.court),
            Cell::text(self.country.code.as_str()),
            Cell::text(self.status.as_str()),
            Cell::maybe(self.outcome.as_ref().map(|o| o.kind.as_str())),
            Cell::maybe(self.outcome.as_ref().and_then(|o| o.sentence.clone())),
            Cell::List(self.charges.iter().map(|c| c.as_str().to_owned()).collect()),
            names(&self.defendants),
            Cell::maybe(self.next_hearing.map(|t| t.to_rfc3339())),
            Cell::text(self.visibility.as_str()),
        ]
    }

    fn records(&self) -> Vec<String> {
        std::iter::once(format!("trial:{}", self.id))
            .chain(person_records(&self.defendants))
            .collect()
    }
}

impl Tabular for Hearing {
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "trial",
        "case_name",
        "court",
        "country",
        "starts_at",
        "local_start",
        "timezone",
        "place",
        "status",
        "summary",
        "missions",
        "visibility",
    ];

    fn cells(&self) -> Vec<Cell> {
        vec![
            Cell::text(self.id.as_str()),
            Cell::text(self.trial.as_str()),
            Cell::text(&self.case_name),
            Cell::text(&self.court),
            Cell::text(self.country.code.as_str()),
            Cell::text(self.starts_at.to_rfc3339()),
            Cell::text(self.local_start.format("%Y-%m-%dT%H:%M").to_string()),
            Cell::text(&self.timezone),
            Cell::text(&self.place),
            Cell::text(self.status.as_str()),
            Cell::text(&self.summary),
            Cell::count(self.missions),
            Cell::text(self.visibility.as_str()),
        ]
    }

    fn records(&self) -> Vec<String> {
        vec![
            format!("hearing:{}", self.id),
            format!("trial:{}", self.trial),
        ]
    }
}

impl Tabular for MissionSummary {
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "title",
        "trial",
        "case_name",
        "starts_on",
        "ends_on",
        "status",
        "observers",
        "report",
    ];

    fn cells(&self) -> Vec<Cell> {
        vec![
            Cell::text(self.id.as_str()),
            Cell::text(&self.title),
            Cell::text(self.trial.as_str()),
            Cell::text(&self.case_name),
            Cell::text(self.starts_on.to_string()),
            Cell::text(self.ends_on.to_string()),
            Cell::text(self.status.as_str()),
            Cell::count(self.observers),
            Cell::maybe(self.report.map(|r| r.as_str())),
        ]
    }

    fn records(&self) -> Vec<String> {
        vec![
            format!("mission:{}", self.id),
            format!("trial:{}", self.trial),
        ]
    }
}

impl Tabular for EventSummary {
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "title",
        "kind",
        "mechanism",
        "starts_on",
        "ends_on",
        "city",
        "country",
        "online",
        "advocacy_mission",
        "visibility",
    ];

    fn cells(&self) -> Vec<Cell> {
        vec![
            Cell::text(self.id.as_str()),
            Cell::text(&self.title),
            Cell::text(self.kind.as_str()),
            Cell::text(self.mechanism.as_str()),
            Cell::text(self.starts_on.to_string()),
            Cell::text(self.ends_on.to_string()),
            Cell::maybe(self.city.clone()),
            Cell::maybe(self.country.as_ref().map(|c| c.code.as_str().to_owned())),
            Cell::Bool(self.online),
            Cell::maybe(self.mission.as_ref().map(|m| m.id.as_str().to_owned())),
            Cell::text(self.visibility.as_str()),
        ]
    }

    fn records(&self) -> Vec<String> {
        let mut records = vec![format!("advocacy_event:{}", self.id)];
        records.extend(
            self.mission
                .as_ref()
                .map(|m| format!("advocacy_mission:{}", m.id)),
        );
        records
    }
}

impl Tabular for AdvocacySummary {
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "title",
        "starts_on",
        "ends_on",
        "events",
        "open_items",
        "visibility",
    ];

    fn cells(&self) -> Vec<Cell> {
        vec![
            Cell::text(self.id.as_str()),
            Cell::text(&self.title),
            Cell::text(self.starts_on.to_string()),
            Cell::text(self.ends_on.to_string()),
            Cell::int(self.events),
            Cell::int(self.open_items),
            Cell::text(self.visibility.as_str()),
        ]
    }

    fn records(&self) -> Vec<String> {
        vec![format!("advocacy_mission:{}", self.id)]
    }
}

impl Tabular for InterventionSummary {
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "reference",
        "title",
        "kind",
        "support",
        "sent_on",
        "country",
        "persons",
        "status",
        "outcome",
        "visibility",
    ];

    fn cells(&self) -> Vec<Cell> {
        vec![
            Cell::text(self.id.as_str()),
            Cell::text(&self.reference),
            Cell::text(&self.title),
            Cell::text(self.kind.as_str()),
            Cell::maybe(self.support.map(|s| s.as_str())),
            Cell::text(self.sent_on.to_string()),
            Cell::text(self.country.code.as_str()),
            names(&self.persons),
            Cell::text(self.status.as_str()),
            Cell::maybe(self.outcome.map(|o| o.as_str())),
            Cell::text(self.visibility.as_str()),
        ]
    }

    fn records(&self) -> Vec<String> {
        std::iter::once(format!("intervention:{}", self.id))
            .chain(person_records(&self.persons))
            .collect()
    }
}

impl Tabular for CampaignSummary {
    const COLUMNS: &'static [&'static str] =
        &["id", "name", "summary", "starts_on", "cases", "visibility"];

    fn cells(&self) -> Vec<Cell> {
        vec![
            Cell::text(self.id.as_str()),
            Cell::text(&self.name),
            Cell::text(&self.summary),
            Cell::text(self.starts_on.to_string()),
            Cell::int(self.cases),
            Cell::text(self.visibility.as_str()),
        ]
    }

    fn records(&self) -> Vec<String> {
        vec![format!("campaign:{}", self.id)]
    }
}

impl Tabular for Grant {
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "organisation",
        "organisation_name",
        "country",
        "awarded_on",
        "defenders",
        "women",
        "purpose",
        "visibility",
    ];

    fn cells(&self) -> Vec<Cell> {
        vec![
            Cell::text(&self.id),
            Cell::text(self.organisation.id.as_str()),
            Cell::text(&self.organisation.name),
            Cell::text(self.country.code.as_str()),
            Cell::text(self.awarded_on.to_string()),
            Cell::int(self.defenders),
            Cell::int(self.women),
            Cell::text(&self.purpose),
            Cell::text(self.visibility.as_str()),
        ]
    }

    fn records(&self) -> Vec<String> {
        vec![
            format!("support_grant:{}", self.id),
            format!("organisation:{}", self.organisation.id),
        ]
    }
}

/// The annual figures as one measure a row: `measure`, what it is broken
/// down by (`detail`: a month, a region, a kind of support), and the value.
pub fn figures(f: &Figures) -> Table {
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut row = |measure: &str, detail: String, value: u32| {
        rows.push(vec![
            Cell::text(measure),
            if detail.is_empty() {
                Cell::Empty
            } else {
                Cell::Text(detail)
            },
            Cell::int(value),
        ]);
    };
    row("urgent_interventions", String::new(), f.interventions);
    row("defenders", String::new(), f.defenders);
    row("countries", String::new(), f.countries);
    for (month, n) in f.by_month.iter().enumerate() {
        row(
            "urgent_interventions_by_month",
            format!("{}-{:02}", f.year, month + 1),
            *n,
        );
    }
    row("rapid_response_defenders", String::new(), f.rapid.defenders);
    row("rapid_response_countries", String::new(), f.rapid.countries);
    for (support, n) in &f.rapid.by_support {
        row("rapid_response_by_support", support.as_str().to_owned(), *n);
    }
    row("grants", String::new(), f.grants.grants);
    row("grant_defenders", String::new(), f.grants.defenders);
    row("grant_women", String::new(), f.grants.women);
    row("grant_countries", String::new(), f.grants.countries);
    row(
        "freed_named",
        String::new(),
        u32::try_from(f.freed.len()).unwrap_or(u32::MAX),
    );
    row("freed_unnamed", String::new(), f.freed_unnamed);
    for r in &f.regions {
        let region = r.region.slug().to_owned();
        row("interventions_by_region", region.clone(), r.interventions);
        row("trial_missions_by_region", region.clone(), r.trial_missions);
        row(
            "advocacy_missions_by_region",
            region.clone(),
            r.advocacy_missions,
        );
        row("events_by_region", region, r.events);
    }
    Table {
        columns: &["year", "measure", "detail", "value"],
        rows: rows
            .into_iter()
            .map(|r| std::iter::once(Cell::int(f.year)).chain(r).collect())
            .collect(),
        records: f
            .freed
            .iter()
            .map(|n| format!("person:{}", n.person))
            .collect(),
    }
}
