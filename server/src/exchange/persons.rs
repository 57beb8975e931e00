//! The rows of a persons file, judged against the persons the importer
//! reads: a new person, an update of one (by id, or by a name only one of
//! them folds to), unchanged, or the row's problems. The rules are the
//! person form's: no one files a person above their clearance, someone at
//! risk stays with the staff unless an admin opens the record, and only an
//! admin lowers the risk of someone at risk.

use crate::exchange::plan::{
    level_of, problem, readable_levels, row_problems, shown, EndKind, Found, Importer, Plan,
    Snapshot, MAX_LIST_VALUES, MAX_ROW_PROBLEMS,
};
use crate::exchange::rows::{Row, Table};
use shared::import::{CellProblem, ImportFile, OutcomeCounts, PreviewRow, RowOutcome};
use shared::similar::fold;
use shared::{may_expose, may_reclassify, PersonForm, PersonRole, Problem, RiskLevel, Role};
use std::collections::HashMap;

/// A person as stored, as much as an import can change.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PersonValues {
    pub name: String,
    /// Role names, sorted.
    pub roles: Vec<String>,
    pub risk_level: String,
    pub gender: Option<String>,
    /// The country key (lower case).
    pub nationality: Option<String>,
    pub languages: Vec<String>,
    pub description: String,
    pub visibility: String,
}

impl From<&shared::PersonRecord> for PersonValues {
    /// A checked person's fields as stored (roles sorted: the form ticks
    /// them in this order too).
    fn from(record: &shared::PersonRecord) -> Self {
        let mut roles: Vec<String> = record.roles.iter().map(|r| r.as_str().to_owned()).collect();
        roles.sort();
        PersonValues {
            name: record.name.as_str().to_owned(),
            roles,
            risk_level: record.risk_level.as_str().to_owned(),
            gender: record.gender.map(|g| g.as_str().to_owned()),
            nationality: record.nationality.as_ref().map(|c| c.key()),
            languages: record.languages.clone(),
            description: record.description.as_str().to_owned(),
            visibility: record.visibility.as_str().to_owned(),
        }
    }
}

/// A person the importer reads, with their version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredPerson {
    pub key: String,
    pub version: u64,
    pub values: PersonValues,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPerson {
    pub key: String,
    pub values: PersonValues,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonUpdate {
    pub key: String,
    pub version: u64,
    pub before: PersonValues,
    pub after: PersonValues,
}

/// The persons of this import's file: their keys and levels, by key and
/// by folded name, for the relations file.
#[derive(Debug, Default)]
pub struct Named {
    by_name: HashMap<String, (String, shared::Visibility)>,
    levels: HashMap<String, shared::Visibility>,
}

/// Finds the person a cell names: in this import's persons file, else
/// among the persons the importer reads.
pub struct Finder<'a, 'b> {
    by_key: HashMap<&'a str, &'a StoredPerson>,
    by_name: HashMap<String, Vec<&'a str>>,
    here: &'b Named,
}

impl<'a, 'b> Finder<'a, 'b> {
    pub fn new(snapshot: &'a Snapshot, here: &'b Named) -> Self {
        let by_key: HashMap<&str, &StoredPerson> = snapshot
            .persons
            .iter()
            .map(|p| (p.key.as_str(), p))
            .collect();
        let mut by_name: HashMap<String, Vec<&str>> = HashMap::new();
        for person in &snapshot.persons {
            let folded = fold(&person.values.name);
            if !folded.is_empty() {
                by_name.entry(folded).or_default().push(person.key.as_str());
            }
        }
        Self {
            by_key,
            by_name,
            here,
        }
    }

    /// A person found, at the level this import gives them when it
    /// changes theirs (the stored level otherwise).
    fn found(&self, key: &str, level: shared::Visibility) -> Found {
        Found {
            kind: EndKind::Person,
            key: key.to_owned(),
            level: self.here.levels.get(key).copied().unwrap_or(level),
            stored: self.by_key.contains_key(key),
        }
    }

    /// Whether a person of this import's file, or one the importer reads,
    /// has a name that folds as `raw` does.
    pub fn knows_name(&self, raw: &str) -> bool {
        let folded = fold(raw.trim());
        self.here.by_name.contains_key(&folded) || self.by_name.contains_key(&folded)
    }

    /// The persons the importer reads whose name folds as `raw` does, with
    /// their levels: each is named by a row that found several.
    pub fn namesakes(&self, raw: &str) -> Vec<(String, shared::Visibility)> {
        self.by_name
            .get(&fold(raw.trim()))
            .into_iter()
            .flatten()
            .map(|key| {
                let stored = self.by_key[key];
                (stored.key.clone(), level_of(&stored.values.visibility))
            })
            .collect()
    }

    /// The person `raw` names (`person:<id>`, an id, or a name); `None`
    /// when no one has it.
    pub fn find(&self, column: &str, raw: &str) -> Result<Option<Found>, CellProblem> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Err(problem(column, raw, Problem::Required));
        }
        let key = raw.trim_start_matches("person:");
        if let Some(level) = self.here.levels.get(key) {
            return Ok(Some(self.found(key, *level)));
        }
        if let Some(stored) = self.by_key.get(key) {
            return Ok(Some(
                self.found(&stored.key, level_of(&stored.values.visibility)),
            ));
        }
        let folded = fold(raw);
        if let Some((key, level)) = self.here.by_name.get(&folded) {
            return Ok(Some(self.found(key, *level)));
        }
        match self.by_name.get(&folded).map(Vec::as_slice) {
            Some([key]) => {
                let stored = self.by_key[key];
                Ok(Some(
                    self.found(&stored.key, level_of(&stored.values.visibility)),
                ))
            }
            Some(several) if several.len() > 1 => Err(problem(
                column,
                raw,
                Problem::Malformed {
                    detail:
                        "several persons you may read have this name: write the id, as person:<id>"
                            .into(),
                },
            )),
            _ => Ok(None),
        }
    }
}

/// Judges every row of a persons file into `plan`; answers the persons of
/// the file for the relations file.
pub fn plan_persons(
    plan: &mut Plan,
    table: &Table,
    snapshot: &Snapshot,
    importer: &Importer<'_>,
    new_key: &dyn Fn(&str) -> Result<String, String>,
    done: &mut usize,
    progress: &mut impl FnMut(usize),
) -> Result<Named, String> {
    let no_one = Named::default();
    let finder = Finder::new(snapshot, &no_one);
    let mut named = Named::default();
    let mut counts = OutcomeCounts::default();
    let mut lines_of: HashMap<String, usize> = HashMap::new();
    for row in &table.rows {
        let label = shown(row.text("name"));
        // Every person a row may mean is named, even when it is in error.
        if row.get("id").is_none_or(str::is_empty) {
            for (key, level) in finder.namesakes(row.text("name")) {
                plan.name(EndKind::Person, &key, level);
            }
        }
        let judged = target(row, table, &finder).and_then(|stored| {
            if let Some(stored) = stored {
                plan.name(
                    EndKind::Person,
                    &stored.key,
                    level_of(&stored.values.visibility),
                );
            }
            person_row(row, table, snapshot, stored, importer).map(|values| (stored, values))
        });
        let outcome = match judged {
            Err(problems) => RowOutcome::Error { problems },
            Ok((stored, values)) => {
                let target = match stored {
                    Some(s) => format!("key:{}", s.key),
                    None => format!("name:{}", fold(&values.name)),
                };
                if let Some(first) = lines_of.get(&target) {
                    RowOutcome::Error {
                        problems: vec![problem(
                            if stored.is_some() { "id" } else { "name" },
                            &label,
                            Problem::Malformed {
                                detail: format!("the same person as line {first} of this file"),
                            },
                        )],
                    }
                } else {
                    lines_of.insert(target, row.line);
                    let level = level_of(&values.visibility);
                    let key = match stored {
                        Some(s) => s.key.clone(),
                        None => new_key(&values.name)?,
                    };
                    plan.name(EndKind::Person, &key, level);
                    named
                        .by_name
                        .entry(fold(&values.name))
                        .or_insert((key.clone(), level));
                    named.levels.insert(key.clone(), level);
                    let record = EndKind::Person.text(&key);
                    match stored {
                        None => {
                            plan.writes.new_persons.push(NewPerson { key, values });
                            RowOutcome::New
                        }
                        Some(stored) => {
                            let changes = person_changes(&stored.values, &values);
                            if changes.is_empty() {
                                RowOutcome::Unchanged { record }
                            } else {
                                plan.writes.person_updates.push(PersonUpdate {
                                    key,
                                    version: stored.version,
                                    before: stored.values.clone(),
                                    after: values,
                                });
                                RowOutcome::Update { record, changes }
                            }
                        }
                    }
                }
            }
        };
        counts.add(outcome.kind());
        plan.rows.push(PreviewRow {
            file: ImportFile::Persons,
            line: row.line,
            label,
            outcome,
        });
        *done += 1;
        if (*done).is_multiple_of(1000) {
            progress(*done);
        }
    }
    plan.counts.push((ImportFile::Persons, counts));
    Ok(named)
}

/// Which stored person a row updates: the one of its id, else the only
/// one whose name folds to the row's; none for a new person.
fn target<'a>(
    row: &Row,
    table: &Table,
    finder: &Finder<'a, '_>,
) -> Result<Option<&'a StoredPerson>, Vec<CellProblem>> {
    let problems = row_problems(row, table);
    if !problems.is_empty() {
        return Err(problems);
    }
    if let Some(id) = row.get("id").filter(|id| !id.is_empty()) {
        return match finder.by_key.get(id.trim_start_matches("person:")) {
            Some(stored) => Ok(Some(*stored)),
            None => Err(vec![problem(
                "id",
                id,
                Problem::Malformed {
                    detail: "no person you may read has this id".into(),
                },
            )]),
        };
    }
    let name = row.text("name");
    match finder.by_name.get(&fold(name)).map(Vec::as_slice) {
        None | Some([]) => Ok(None),
        Some([key]) => Ok(finder.by_key.get(key).copied()),
        Some(_) => Err(vec![problem(
            "name",
            name,
            Problem::Malformed {
                detail: "several persons you may read have this name: put the id of the one to update in the id column".into(),
            },
        )]),
    }
}

/// The values of a multi-value cell, or `None` past [`MAX_LIST_VALUES`].
fn values_of(cell: &str) -> Option<Vec<String>> {
    let values: Vec<String> = cell
        .split([shared::import::LIST_SEPARATOR, ','])
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .take(MAX_LIST_VALUES + 1)
        .map(str::to_owned)
        .collect();
    (values.len() <= MAX_LIST_VALUES).then_some(values)
}

fn person_row(
    row: &Row,
    table: &Table,
    snapshot: &Snapshot,
    stored: Option<&StoredPerson>,
    importer: &Importer<'_>,
) -> Result<PersonValues, Vec<CellProblem>> {
    let mut problems = Vec::new();
    let base = stored.map(|s| s.values.clone()).unwrap_or_default();
    let cell = |column: &str, kept: String| -> String {
        if table.has(column) {
            row.text(column).to_owned()
        } else {
            kept
        }
    };
    let mut list = |column: &str, kept: &[String]| -> Vec<String> {
        if !table.has(column) {
            return kept.to_vec();
        }
        values_of(row.text(column)).unwrap_or_else(|| {
            problems.push(problem(
                column,
                row.text(column),
                Problem::TooLong {
                    max: MAX_LIST_VALUES,
                },
            ));
            Vec::new()
        })
    };
    let role_names = list("roles", &base.roles);
    let languages = list("languages", &base.languages);
    let mut roles = Vec::new();
    for name in &role_names {
        match PersonRole::parse(&name.to_ascii_lowercase()) {
            Ok(role) => roles.push(role),
            Err(e) => problems.push(problem("roles", name, e.problem)),
        }
    }
    let ticked = |role: PersonRole| roles.contains(&role).then(|| "on".to_owned());
    // A person's risk and level are never emptied: an empty cell keeps the
    // stored one (a new person's defaults are the form's).
    let kept = |column: &str, stored: &str| match row.text(column) {
        "" => stored.to_owned(),
        given => given.to_ascii_lowercase(),
    };
    let form = PersonForm {
        version: stored.map_or_else(String::new, |s| s.version.to_string()),
        name: cell("name", base.name.clone()),
        defender: ticked(PersonRole::Defender),
        lawyer: ticked(PersonRole::Lawyer),
        observer: ticked(PersonRole::Observer),
        staff: ticked(PersonRole::Staff),
        risk_level: kept("risk_level", &base.risk_level),
        gender: cell("gender", base.gender.clone().unwrap_or_default()).to_ascii_lowercase(),
        nationality: cell(
            "nationality",
            base.nationality
                .clone()
                .unwrap_or_default()
                .to_ascii_uppercase(),
        ),
        languages: languages.join(", "),
        description: cell("description", base.description.clone()),
        visibility: kept("visibility", &base.visibility),
        not_duplicate: None,
    };
    let record = match form.check() {
        Ok(record) => Some(record),
        Err(errors) => {
            for e in errors {
                let column = match e.field.as_str() {
                    "risk level" => "risk_level".to_owned(),
                    "role" => "roles".to_owned(),
                    field => field.to_owned(),
                };
                let value = e
                    .value
                    .clone()
                    .unwrap_or_else(|| row.text(&column).to_owned());
                problems.push(problem(&column, &value, e.problem));
            }
            None
        }
    };
    let Some(record) = record.filter(|_| problems.is_empty()) else {
        problems.truncate(MAX_ROW_PROBLEMS);
        return Err(problems);
    };
    if let Some(country) = &record.nationality {
        if !snapshot.countries.contains(&country.key()) {
            problems.push(problem(
                "nationality",
                country.as_str(),
                Problem::NotACountryCode,
            ));
        }
    }
    let (risk, level) = (record.risk_level, record.visibility);
    let role = importer.role;
    let out_of_reach = || {
        problem(
            "visibility",
            level.as_str(),
            Problem::NotOneOf {
                allowed: readable_levels(importer),
            },
        )
    };
    let exposes = || problem("visibility", level.as_str(), Problem::ExposesPersonAtRisk);
    match stored {
        None => {
            if !importer.viewer.can_read(level) {
                problems.push(out_of_reach());
            } else if !may_expose(role, risk, level) {
                problems.push(exposes());
            }
        }
        Some(stored) => {
            let from = level_of(&stored.values.visibility);
            let risk_from =
                RiskLevel::parse(&stored.values.risk_level).unwrap_or(RiskLevel::Critical);
            if !may_reclassify(role, from, level) {
                problems.push(problem(
                    "visibility",
                    level.as_str(),
                    Problem::Malformed {
                        detail: format!(
                            "only an admin opens a restricted record; this one is {}",
                            stored.values.visibility
                        ),
                    },
                ));
            } else if risk_from > RiskLevel::Low && risk < risk_from && role != Role::Admin {
                problems.push(problem(
                    "risk_level",
                    risk.as_str(),
                    Problem::ExposesPersonAtRisk,
                ));
            } else if from != level || risk_from != risk {
                // The rule about people at risk speaks when the level or the
                // risk changes: an import of other fields keeps what an admin
                // decided, as the form does.
                if !importer.viewer.can_read(level) {
                    problems.push(out_of_reach());
                } else if !may_expose(role, risk.max(risk_from), level) {
                    problems.push(exposes());
                }
            }
        }
    }
    if !problems.is_empty() {
        problems.truncate(MAX_ROW_PROBLEMS);
        return Err(problems);
    }
    Ok(PersonValues::from(&record))
}

/// The fields of `after` that differ from `before`, by column name.
fn person_changes(before: &PersonValues, after: &PersonValues) -> Vec<String> {
    [
        ("name", before.name == after.name),
        ("roles", before.roles == after.roles),
        ("risk_level", before.risk_level == after.risk_level),
        ("gender", before.gender == after.gender),
        ("nationality", before.nationality == after.nationality),
        ("languages", before.languages == after.languages),
        ("description", before.description == after.description),
        ("visibility", before.visibility == after.visibility),
    ]
    .into_iter()
    .filter(|(_, same)| !same)
    .map(|(name, _)| name.to_owned())
    .collect()
}
