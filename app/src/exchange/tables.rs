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

/// What a column holds, as the API's schema describes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Int,
    Bool,
    /// Several texts (in CSV, separated by `; `).
    List,
}

/// A column: its name (the CSV header, the JSON key) and what it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub name: &'static str,
    pub kind: Kind,
    /// Whether it may be empty (`null` in JSON).
    pub optional: bool,
}

impl Column {
    const fn of(name: &'static str, kind: Kind, optional: bool) -> Self {
        Column {
            name,
            kind,
            optional,
        }
    }
    const fn text(name: &'static str) -> Self {
        Self::of(name, Kind::Text, false)
    }
    const fn maybe(name: &'static str) -> Self {
        Self::of(name, Kind::Text, true)
    }
    const fn int(name: &'static str) -> Self {
        Self::of(name, Kind::Int, false)
    }
    const fn maybe_int(name: &'static str) -> Self {
        Self::of(name, Kind::Int, true)
    }
    const fn bool(name: &'static str) -> Self {
        Self::of(name, Kind::Bool, false)
    }
    const fn list(name: &'static str) -> Self {
        Self::of(name, Kind::List, false)
    }

    /// Whether a cell is what this column says it holds.
    pub fn admits(&self, cell: &Cell) -> bool {
        matches!(
            (self.kind, cell),
            (Kind::Text, Cell::Text(_))
                | (Kind::Int, Cell::Int(_))
                | (Kind::Bool, Cell::Bool(_))
                | (Kind::List, Cell::List(_))
        ) || (self.optional && *cell == Cell::Empty)
    }
}

/// A list's rows under its columns.
#[derive(Debug, Clone)]
pub struct Table {
    pub columns: &'static [Column],
    pub rows: Vec<Vec<Cell>>,
    /// The records each row shows (`table:key`), for the access log.
    pub records: Vec<Vec<String>>,
}

/// A row type of a list.
pub trait Tabular {
    const COLUMNS: &'static [Column];
    fn cells(&self) -> Vec<Cell>;
    /// The records this row shows, as `table:key`.
    fn records(&self) -> Vec<String>;
}

impl Table {
    pub fn of<T: Tabular>(items: &[T]) -> Self {
        Table {
            columns: T::COLUMNS,
            rows: items.iter().map(Tabular::cells).collect(),
            records: items.iter().map(Tabular::records).collect(),
        }
    }

    /// Whether every cell is what its column says (the API's schema
    /// promises it).
    pub fn well_typed(&self) -> bool {
        self.rows.iter().all(|row| {
            row.len() == self.columns.len()
                && row
                    .iter()
                    .zip(self.columns)
                    .all(|(cell, column)| column.admits(cell))
        })
    }

    /// Rows `offset..offset + limit`.
    pub fn window(mut self, offset: usize, limit: usize) -> Self {
        let end = offset.saturating_add(limit).min(self.rows.len());
        let start = offset.min(end);
        self.rows = self.rows.drain(start..end).collect();
        self.records = self.records.drain(start..end).collect();
        self
    }
}

fn names(persons: &[PersonRef]) -> Cell {
    Cell::List(persons.iter().map(|p| p.name.clone()).collect())
}

fn person_records(persons: &[PersonRef]) -> impl Iterator<Item = String> + '_ {
    persons.iter().map(|p| format!("person:{}", p.id))
}

impl Tabular for OrgSummary {
    const COLUMNS: &'static [Column] = &[
        Column::text("id"),
        Column::text("name"),
        Column::maybe("acronym"),
        Column::text("kind"),
        Column::maybe("country"),
        Column::maybe("country_name"),
        Column::maybe("city"),
        Column::list("themes"),
        Column::maybe_int("member_since"),
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

impl Tabular for shared::PersonSummary {
    const COLUMNS: &'static [Column] = &[
        Column::text("id"),
        Column::text("name"),
        Column::list("roles"),
        Column::maybe("nationality"),
        Column::list("based_in"),
        Column::maybe("risk_level"),
        Column::list("organisations"),
        Column::text("visibility"),
    ];

    fn cells(&self) -> Vec<Cell> {
        vec![
            Cell::text(self.id.as_str()),
            Cell::text(&self.name),
            Cell::List(self.roles.iter().map(|r| r.as_str().to_owned()).collect()),
            Cell::maybe(
                self.nationality
                    .as_ref()
                    .map(|c| c.code.as_str().to_owned()),
            ),
            Cell::List(
                self.based_in
                    .iter()
                    .map(|c| c.code.as_str().to_owned())
                    .collect(),
            ),
            Cell::maybe(self.risk_level.map(|r| r.as_str())),
            Cell::List(
                self.organisations
                    .iter()
                    .map(|o| o.id.as_str().to_owned())
                    .collect(),
            ),
            Cell::text(self.visibility.as_str()),
        ]
    }

    fn records(&self) -> Vec<String> {
        std::iter::once(format!("person:{}", self.id))
            .chain(
                self.organisations
                    .iter()
                    .map(|o| format!("organisation:{}", o.id)),
            )
            .collect()
    }
}

impl Tabular for TrialSummary {
    const COLUMNS: &'static [Column] = &[
        Column::text("id"),
        Column::text("case_name"),
        Column::text("court"),
        Column::text("country"),
        Column::text("status"),
        Column::maybe("outcome"),
        Column::maybe("sentence"),
        Column::list("charges"),
        Column::list("defendants"),
        Column::maybe("next_hearing"),
        Column::text("visibility"),
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
    const COLUMNS: &'static [Column] = &[
        Column::text("id"),
        Column::text("trial"),
        Column::text("case_name"),
        Column::text("court"),
        Column::text("country"),
        Column::text("starts_at"),
        Column::text("local_start"),
        Column::text("timezone"),
        Column::text("place"),
        Column::text("status"),
        Column::text("summary"),
        Column::int("missions"),
        Column::text("visibility"),
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
    const COLUMNS: &'static [Column] = &[
        Column::text("id"),
        Column::text("title"),
        Column::text("trial"),
        Column::text("case_name"),
        Column::text("starts_on"),
        Column::text("ends_on"),
        Column::text("status"),
        Column::int("observers"),
        Column::maybe("report"),
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
    const COLUMNS: &'static [Column] = &[
        Column::text("id"),
        Column::text("title"),
        Column::text("kind"),
        Column::text("mechanism"),
        Column::text("starts_on"),
        Column::text("ends_on"),
        Column::maybe("city"),
        Column::maybe("country"),
        Column::bool("online"),
        Column::maybe("advocacy_mission"),
        Column::text("visibility"),
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
    const COLUMNS: &'static [Column] = &[
        Column::text("id"),
        Column::text("title"),
        Column::text("starts_on"),
        Column::text("ends_on"),
        Column::int("events"),
        Column::int("open_items"),
        Column::text("visibility"),
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
    const COLUMNS: &'static [Column] = &[
        Column::text("id"),
        Column::text("reference"),
        Column::text("title"),
        Column::text("kind"),
        Column::maybe("support"),
        Column::text("sent_on"),
        Column::text("country"),
        Column::list("persons"),
        Column::text("status"),
        Column::maybe("outcome"),
        Column::text("visibility"),
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
    const COLUMNS: &'static [Column] = &[
        Column::text("id"),
        Column::text("name"),
        Column::text("summary"),
        Column::text("starts_on"),
        Column::int("cases"),
        Column::text("visibility"),
    ];

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
    const COLUMNS: &'static [Column] = &[
        Column::text("id"),
        Column::text("organisation"),
        Column::text("organisation_name"),
        Column::text("country"),
        Column::text("awarded_on"),
        Column::int("defenders"),
        Column::int("women"),
        Column::text("purpose"),
        Column::text("visibility"),
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

/// The columns of [`figures`].
pub const FIGURE_COLUMNS: &[Column] = &[
    Column::int("year"),
    Column::text("measure"),
    Column::maybe("detail"),
    Column::int("value"),
];

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
    // The freed defenders are counted, not named, in the file; their
    // records still count as read, with the first row.
    let mut records = vec![Vec::new(); rows.len()];
    records[0] = f
        .freed
        .iter()
        .map(|n| format!("person:{}", n.person))
        .collect();
    Table {
        columns: FIGURE_COLUMNS,
        rows: rows
            .into_iter()
            .map(|r| std::iter::once(Cell::int(f.year)).chain(r).collect())
            .collect(),
        records,
    }
}
