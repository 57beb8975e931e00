//! What an import will do, row by row, judged against what its author may
//! read: a new record, an update of one they read (by its id, or by a name
//! that folds to the same as its name, acronym or other names: the
//! duplicate finder's strongest match), unchanged, or the problems of the
//! row with their columns and values. Nothing here writes; the store writes
//! [`Plan::write`] in one transaction when the author confirms.

use crate::exchange::persons::{NewPerson, PersonUpdate, StoredPerson};
use crate::exchange::rows::{Row, Table};
use shared::import::{
    CellProblem, ImportFile, OutcomeCounts, PreviewRow, RowOutcome, LIST_SEPARATOR,
};
use shared::similar::fold;
use shared::{
    may_reclassify, OrgEditForm, Problem, Role, TieKind, ValidationError, Viewer, Visibility,
};
use std::collections::{BTreeMap, HashMap, HashSet};
use surrealdb::types::RecordId;

/// An organisation as stored, as much as an import can change.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OrgValues {
    pub name: String,
    pub acronym: Option<String>,
    pub kind: String,
    /// The seat's country key (lower case).
    pub country: Option<String>,
    pub city: Option<String>,
    pub website: Option<String>,
    pub email: Option<String>,
    pub member_since: Option<i32>,
    /// Theme keys, sorted.
    pub themes: Vec<String>,
    pub languages: Vec<String>,
    pub other_names: Vec<String>,
    pub description: String,
    pub description_lang: String,
    /// Translations of the description by language.
    pub translations: BTreeMap<String, String>,
    pub visibility: String,
}

/// An organisation the author reads, with its version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredOrg {
    pub key: String,
    pub version: u64,
    pub values: OrgValues,
}

/// The table of a relation's `from` end: an organisation, or a person
/// (a member of an organisation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum EndKind {
    #[default]
    Organisation,
    Person,
}

impl EndKind {
    pub fn table(self) -> &'static str {
        match self {
            EndKind::Organisation => "organisation",
            EndKind::Person => "person",
        }
    }

    pub fn record(self, key: &str) -> RecordId {
        RecordId::new(self.table(), key)
    }

    /// The record as the grants and the audit name it.
    pub fn text(self, key: &str) -> String {
        format!("{}:{key}", self.table())
    }
}

/// Fields of a relation between organisations, or of a person's
/// membership of an organisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TieValues {
    pub kind: TieKind,
    pub from_kind: EndKind,
    pub from: String,
    pub to: String,
    pub role: Option<String>,
    pub since: Option<i32>,
    pub until: Option<i32>,
    pub source: Option<String>,
    pub visibility: Visibility,
}

/// A relation the author reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredTie {
    pub id: RecordId,
    pub values: TieValues,
}

/// What the author reads of the network, and the reference lists.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    pub orgs: Vec<StoredOrg>,
    pub persons: Vec<StoredPerson>,
    pub ties: Vec<StoredTie>,
    pub themes: Vec<String>,
    pub countries: HashSet<String>,
}

/// Who imports: their role and what they read.
pub struct Importer<'a> {
    pub role: Role,
    pub viewer: &'a Viewer,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewOrg {
    pub key: String,
    pub values: OrgValues,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgUpdate {
    pub key: String,
    pub version: u64,
    pub before: OrgValues,
    pub after: OrgValues,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TieUpdate {
    pub id: RecordId,
    pub before: TieValues,
    pub after: TieValues,
}

/// Everything the import writes, in one transaction.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Writes {
    pub new_orgs: Vec<NewOrg>,
    pub org_updates: Vec<OrgUpdate>,
    pub new_persons: Vec<NewPerson>,
    pub person_updates: Vec<PersonUpdate>,
    pub new_ties: Vec<TieValues>,
    pub tie_updates: Vec<TieUpdate>,
    /// The levels of the stored records the relations join, as the check
    /// read them (after this import's own changes): the write refuses to go
    /// on if one has changed since.
    pub end_levels: BTreeMap<(EndKind, String), Visibility>,
}

impl Writes {
    pub fn is_empty(&self) -> bool {
        self.new_orgs.is_empty()
            && self.org_updates.is_empty()
            && self.new_persons.is_empty()
            && self.person_updates.is_empty()
            && self.new_ties.is_empty()
            && self.tie_updates.is_empty()
    }
}

/// The preview and what a confirmation writes.
#[derive(Debug, Clone)]
pub struct Plan {
    pub rows: Vec<PreviewRow>,
    pub counts: Vec<(ImportFile, OutcomeCounts)>,
    /// The most closed level of any record the plan names.
    pub level: Visibility,
    /// Every restricted record the plan names, rows in error included: a
    /// reader below the restricted clearance needs a grant on each. An
    /// entry `a|b` (a restricted relation, read through a grant on either
    /// end) needs a grant on one of them.
    pub restricted: std::collections::BTreeSet<String>,
    pub writes: Writes,
}

impl Plan {
    /// Marks a record as named by the plan.
    pub(super) fn name(&mut self, kind: EndKind, key: &str, level: Visibility) {
        self.level = self.level.max(level);
        if level == Visibility::Restricted {
            self.restricted.insert(kind.text(key));
        }
    }

    fn name_relation(&mut self, tie: &StoredTie) {
        self.name_relation_values(&tie.values);
    }

    /// A restricted relation is read through a grant on either end, as the
    /// pages read it: its reader needs one of the two.
    fn name_relation_values(&mut self, values: &TieValues) {
        self.level = self.level.max(values.visibility);
        if values.visibility == Visibility::Restricted {
            self.restricted.insert(format!(
                "{}|{}",
                values.from_kind.text(&values.from),
                EndKind::Organisation.text(&values.to)
            ));
        }
    }

    /// The rows of every file, by outcome.
    pub fn totals(&self) -> OutcomeCounts {
        let mut all = OutcomeCounts::default();
        for (_, c) in &self.counts {
            all.new += c.new;
            all.update += c.update;
            all.unchanged += c.unchanged;
            all.error += c.error;
        }
        all
    }

    pub fn errors(&self) -> usize {
        self.counts.iter().map(|(_, c)| c.error).sum()
    }
}

/// The files of an import, each read into rows.
#[derive(Default, Clone, Copy)]
pub struct Files<'a> {
    pub organisations: Option<&'a Table>,
    pub persons: Option<&'a Table>,
    pub relations: Option<&'a Table>,
}

/// Makes a new organisation's key from its name and acronym.
pub type OrgKeyMaker<'a> = &'a dyn Fn(&str, Option<&str>) -> Result<String, String>;

/// Makes the key of a new organisation (from its name and acronym) and of
/// a new person (from their name).
pub struct NewKeys<'a> {
    pub organisation: OrgKeyMaker<'a>,
    pub person: &'a dyn Fn(&str) -> Result<String, String>,
}

/// Judges the files' rows.
pub fn plan(
    files: Files<'_>,
    snapshot: &Snapshot,
    importer: &Importer<'_>,
    new_key: NewKeys<'_>,
    mut progress: impl FnMut(usize),
) -> Result<Plan, String> {
    let Files {
        organisations,
        persons,
        relations,
    } = files;
    let mut plan = Plan {
        rows: Vec::new(),
        counts: Vec::new(),
        level: Visibility::Public,
        restricted: Default::default(),
        writes: Writes::default(),
    };
    let by_key: HashMap<&str, &StoredOrg> =
        snapshot.orgs.iter().map(|o| (o.key.as_str(), o)).collect();
    let mut by_name: HashMap<String, Vec<&str>> = HashMap::new();
    for org in &snapshot.orgs {
        for name in names_of(&org.values) {
            let folded = fold(name);
            if folded.is_empty() {
                continue;
            }
            let keys = by_name.entry(folded).or_default();
            if !keys.contains(&org.key.as_str()) {
                keys.push(org.key.as_str());
            }
        }
    }
    // Names of the organisations of this file, for the relations file.
    let mut named_here: HashMap<String, (String, Visibility, usize)> = HashMap::new();
    let mut levels_here: HashMap<String, Visibility> = HashMap::new();
    let mut done = 0;
    if let Some(table) = organisations {
        let mut counts = OutcomeCounts::default();
        let mut lines_of: HashMap<String, usize> = HashMap::new();
        for row in &table.rows {
            let judged = match org_target(row, table, &by_key, &by_name) {
                Err(problem) => Err(vec![problem]),
                Ok(stored) => {
                    if let Some(stored) = stored {
                        plan.name(
                            EndKind::Organisation,
                            &stored.key,
                            level_of(&stored.values.visibility),
                        );
                    }
                    org_row(row, table, snapshot, stored, importer)
                }
            };
            let label = shown(row.text("name"));
            let outcome = match judged {
                Err(problems) => RowOutcome::Error { problems },
                Ok(judged) => {
                    let target = judged.target();
                    match lines_of.get(&target) {
                        Some(first) => RowOutcome::Error {
                            problems: vec![CellProblem::new(
                                if judged.stored.is_some() {
                                    "id"
                                } else {
                                    "name"
                                },
                                &label,
                                Problem::Malformed {
                                    detail: format!(
                                        "the same organisation as line {first} of this file"
                                    ),
                                },
                            )],
                        },
                        None => {
                            lines_of.insert(target, row.line);
                            let level = level_of(&judged.values.visibility);
                            plan.level = plan.level.max(level);
                            let key = match judged.stored {
                                Some(stored) => stored.key.clone(),
                                None => (new_key.organisation)(
                                    &judged.values.name,
                                    judged.values.acronym.as_deref(),
                                )?,
                            };
                            for name in names_of(&judged.values) {
                                named_here.entry(fold(name)).or_insert((
                                    key.clone(),
                                    level,
                                    row.line,
                                ));
                            }
                            levels_here.insert(key.clone(), level);
                            match judged.stored {
                                None => {
                                    plan.writes.new_orgs.push(NewOrg {
                                        key,
                                        values: judged.values,
                                    });
                                    RowOutcome::New
                                }
                                Some(stored) => {
                                    let changes = org_changes(&stored.values, &judged.values);
                                    if changes.is_empty() {
                                        RowOutcome::Unchanged {
                                            record: format!("organisation:{key}"),
                                        }
                                    } else {
                                        plan.writes.org_updates.push(OrgUpdate {
                                            key: key.clone(),
                                            version: stored.version,
                                            before: stored.values.clone(),
                                            after: judged.values,
                                        });
                                        RowOutcome::Update {
                                            record: format!("organisation:{key}"),
                                            changes,
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            };
            counts.add(outcome.kind());
            plan.rows.push(PreviewRow {
                file: ImportFile::Organisations,
                line: row.line,
                label,
                outcome,
            });
            done += 1;
            if done % 1000 == 0 {
                progress(done);
            }
        }
        plan.counts.push((ImportFile::Organisations, counts));
    }
    let mut persons_here = crate::exchange::persons::Named::default();
    if let Some(table) = persons {
        persons_here = crate::exchange::persons::plan_persons(
            &mut plan,
            table,
            snapshot,
            importer,
            new_key.person,
            &mut done,
            &mut progress,
        )?;
    }
    if let Some(table) = relations {
        let mut counts = OutcomeCounts::default();
        type Pair<'k> = (TieKind, EndKind, &'k str, &'k str);
        let mut ties: HashMap<Pair<'_>, Vec<&StoredTie>> = HashMap::new();
        for tie in &snapshot.ties {
            let v = &tie.values;
            let (a, b) = pair(v.kind, &v.from, &v.to);
            ties.entry((v.kind, v.from_kind, a, b))
                .or_default()
                .push(tie);
        }
        let mut seen: HashMap<(TieKind, EndKind, String, String), usize> = HashMap::new();
        let ends = Ends {
            by_key: &by_key,
            by_name: &by_name,
            named_here: &named_here,
            levels_here: &levels_here,
            persons: crate::exchange::persons::Finder::new(snapshot, &persons_here),
        };
        for row in &table.rows {
            let mut label = shown(&format!("{} → {}", row.text("from"), row.text("to")));
            let outcome = match tie_ends(row, table, &ends, &mut plan) {
                Err(problems) => RowOutcome::Error { problems },
                Ok((kind, from, to)) => {
                    // The records the names were found to be, for the
                    // importer to see who is tied to what (a new record's
                    // key is drawn again at each check: it is not shown).
                    let shown_end = |end: &Found| {
                        if end.stored {
                            end.kind.text(&end.key)
                        } else {
                            format!("new {}", end.kind.table())
                        }
                    };
                    label = shown(&format!(
                        "{} → {} ({} → {})",
                        row.text("from"),
                        row.text("to"),
                        shown_end(&from),
                        shown_end(&to)
                    ));
                    for end in [&from, &to] {
                        plan.name(end.kind, &end.key, end.level);
                        if end.stored {
                            let before = plan
                                .writes
                                .end_levels
                                .insert((end.kind, end.key.clone()), end.level);
                            if before.is_some_and(|b| b != end.level) {
                                return Err(format!(
                                    "{} was found at two levels; nothing can be written",
                                    end.kind.text(&end.key)
                                ));
                            }
                        }
                    }
                    let (a, b) = pair(kind, &from.key, &to.key);
                    let id = (kind, from.kind, a.to_owned(), b.to_owned());
                    if let Some(first) = seen.get(&id) {
                        RowOutcome::Error {
                            problems: vec![CellProblem::new(
                                "to",
                                row.text("to"),
                                Problem::Malformed {
                                    detail: format!(
                                        "the same relation as line {first} of this file"
                                    ),
                                },
                            )],
                        }
                    } else {
                        seen.insert(id, row.line);
                        // The one the author reads at the level asked, else
                        // the most closed they read (as the relations form).
                        let asked = Visibility::parse(row.text("visibility"));
                        let stored = ties.get(&(kind, from.kind, a, b)).and_then(|found| {
                            found
                                .iter()
                                .find(|t| Some(t.values.visibility) == asked)
                                .or_else(|| found.iter().max_by_key(|t| t.values.visibility))
                                .copied()
                        });
                        if let Some(stored) = stored {
                            plan.name_relation(stored);
                        }
                        match tie_values(row, table, kind, &from, &to, stored, importer) {
                            Err(problems) => RowOutcome::Error { problems },
                            Ok(values) => {
                                plan.name_relation_values(&values);
                                match stored {
                                    None => {
                                        plan.writes.new_ties.push(values);
                                        RowOutcome::New
                                    }
                                    Some(stored) => {
                                        let record = crate::store::rows::record_text(&stored.id);
                                        let changes = tie_changes(&stored.values, &values);
                                        if changes.is_empty() {
                                            RowOutcome::Unchanged { record }
                                        } else {
                                            plan.writes.tie_updates.push(TieUpdate {
                                                id: stored.id.clone(),
                                                before: stored.values.clone(),
                                                after: values,
                                            });
                                            RowOutcome::Update { record, changes }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            };
            counts.add(outcome.kind());
            plan.rows.push(PreviewRow {
                file: ImportFile::Relations,
                line: row.line,
                label,
                outcome,
            });
            done += 1;
            if done % 1000 == 0 {
                progress(done);
            }
        }
        plan.counts.push((ImportFile::Relations, counts));
    }
    progress(done);
    Ok(plan)
}

/// A partnership holds either way round; a membership one way.
fn pair<'a>(kind: TieKind, from: &'a str, to: &'a str) -> (&'a str, &'a str) {
    match kind {
        TieKind::PartnerOf if to < from => (to, from),
        _ => (from, to),
    }
}

pub(super) fn level_of(raw: &str) -> Visibility {
    Visibility::parse(raw).unwrap_or(Visibility::Restricted)
}

fn names_of(values: &OrgValues) -> impl Iterator<Item = &str> {
    std::iter::once(values.name.as_str())
        .chain(values.acronym.as_deref())
        .chain(values.other_names.iter().map(String::as_str))
}

struct Judged<'a> {
    stored: Option<&'a StoredOrg>,
    values: OrgValues,
}

impl Judged<'_> {
    /// What makes two rows the same organisation: its key, or a new name.
    fn target(&self) -> String {
        match self.stored {
            Some(s) => format!("key:{}", s.key),
            None => format!("name:{}", fold(&self.values.name)),
        }
    }
}

pub(super) fn problem(column: &str, value: &str, problem: Problem) -> CellProblem {
    CellProblem::new(column, value, problem)
}

/// A form error at the file's column (the description's is the column the
/// text came from).
fn at_column(e: ValidationError, row: &Row, description_column: &str) -> CellProblem {
    let column = match e.field.as_str() {
        "description" => description_column.to_owned(),
        "member since" => "member_since".to_owned(),
        field => field.to_owned(),
    };
    let value = e
        .value
        .clone()
        .unwrap_or_else(|| row.text(&column).to_owned());
    problem(&column, &value, e.problem)
}

/// Which stored organisation a row updates: the one of its id, else the
/// one its name or acronym folds to; none for a new one. A row that cannot
/// be read as a whole is refused here.
fn org_target<'a>(
    row: &Row,
    table: &Table,
    by_key: &HashMap<&str, &'a StoredOrg>,
    by_name: &HashMap<String, Vec<&str>>,
) -> Result<Option<&'a StoredOrg>, CellProblem> {
    if let Some(problem) = row_problems(row, table).into_iter().next() {
        return Err(problem);
    }
    match row.get("id").filter(|id| !id.is_empty()) {
        Some(id) => match by_key.get(id.trim_start_matches("organisation:")) {
            Some(stored) => Ok(Some(*stored)),
            None => Err(problem(
                "id",
                id,
                Problem::Malformed {
                    detail: "no organisation you may read has this id".into(),
                },
            )),
        },
        None => {
            let name = row.text("name");
            let mut found: Vec<&str> = Vec::new();
            for candidate in
                std::iter::once(name).chain(row.get("acronym").filter(|a| !a.is_empty()))
            {
                for key in by_name.get(&fold(candidate)).into_iter().flatten() {
                    if !found.contains(key) {
                        found.push(key);
                    }
                }
            }
            match found.as_slice() {
                [] => Ok(None),
                [key] => Ok(by_key.get(key).copied()),
                _ => Err(problem(
                    "name",
                    name,
                    Problem::Malformed {
                        detail: "several organisations you may read have this name or acronym: put the id of the one to update in the id column".into(),
                    },
                )),
            }
        }
    }
}

fn org_row<'a>(
    row: &Row,
    table: &Table,
    snapshot: &Snapshot,
    stored: Option<&'a StoredOrg>,
    importer: &Importer<'_>,
) -> Result<Judged<'a>, Vec<CellProblem>> {
    let mut problems = Vec::new();
    let base = stored.map(|s| s.values.clone()).unwrap_or_default();
    let cell = |column: &str, kept: String| -> String {
        match row.get(column) {
            Some(v) if table.has(column) => v.to_owned(),
            _ => kept,
        }
    };
    let list = |column: &str, kept: &[String]| -> Vec<String> {
        match row.get(column) {
            Some(v) if table.has(column) => v
                .split(LIST_SEPARATOR)
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .take(MAX_LIST_VALUES + 1)
                .map(str::to_owned)
                .collect(),
            _ => kept.to_vec(),
        }
    };
    for column in ["themes", "languages", "other_names"] {
        if list(column, &[]).len() > MAX_LIST_VALUES {
            return Err(vec![problem(
                column,
                row.text(column),
                Problem::TooLong {
                    max: MAX_LIST_VALUES,
                },
            )]);
        }
    }
    // The description: its language, its text (from `description` or the
    // column of its language), and the translations given.
    let languages = shared::editing::DESCRIPTION_LANGUAGES;
    let first_written = languages
        .iter()
        .find(|l| !row.text(&format!("description_{l}")).is_empty())
        .map(|l| l.to_string());
    let lang = match row.get("description_lang").filter(|l| !l.is_empty()) {
        Some(l) => l.to_ascii_lowercase(),
        None if stored.is_some() => base.description_lang.clone(),
        None => first_written.unwrap_or_else(|| "en".to_owned()),
    };
    let own_column = format!("description_{lang}");
    let (description_column, description) = if table.has("description") {
        ("description".to_owned(), row.text("description").to_owned())
    } else if table.has(&own_column) {
        (own_column.clone(), row.text(&own_column).to_owned())
    } else {
        ("description".to_owned(), base.description.clone())
    };
    let mut translations = base.translations.clone();
    for l in languages {
        let column = format!("description_{l}");
        if l == lang || !table.has(&column) {
            continue;
        }
        let text = row.text(&column);
        if text.is_empty() {
            translations.remove(l);
        } else {
            match shared::text::Description::parse(text) {
                Ok(d) => {
                    translations.insert(l.to_owned(), d.as_str().to_owned());
                }
                Err(e) => problems.push(problem(&column, text, e.problem)),
            }
        }
    }
    translations.remove(&lang);
    let themes = list("themes", &base.themes);
    let form = OrgEditForm {
        version: stored.map_or(0, |s| s.version).to_string(),
        name: Some(cell("name", base.name.clone())),
        acronym: Some(cell("acronym", base.acronym.clone().unwrap_or_default())),
        city: cell("city", base.city.clone().unwrap_or_default()),
        website: cell("website", base.website.clone().unwrap_or_default()),
        email: cell("email", base.email.clone().unwrap_or_default()),
        description,
        description_lang: lang.clone(),
        visibility: Some(cell("visibility", base.visibility.clone())),
        kind: Some(cell("kind", base.kind.clone())),
        member_since: Some(cell(
            "member_since",
            base.member_since.map(|y| y.to_string()).unwrap_or_default(),
        )),
        country: Some(cell(
            "country",
            base.country
                .clone()
                .unwrap_or_default()
                .to_ascii_uppercase(),
        )),
        themes: themes
            .iter()
            .map(|t| (t.clone(), "on".to_owned()))
            .collect(),
        languages: Some(list("languages", &base.languages).join(", ")),
        other_names: Some(list("other_names", &base.other_names).join("\n")),
        not_duplicate: None,
    };
    let checked = if stored.is_some() {
        form.check(importer.role)
    } else {
        form.check_new(importer.role)
    };
    let edit = match checked {
        Ok(edit) => Some(edit),
        Err(errors) => {
            problems.extend(
                errors
                    .into_iter()
                    .map(|e| at_column(e, row, &description_column)),
            );
            None
        }
    };
    let unknown: Vec<&str> = themes
        .iter()
        .filter(|t| !snapshot.themes.contains(t))
        .map(String::as_str)
        .collect();
    if !unknown.is_empty() {
        problems.push(problem(
            "themes",
            &unknown.join("; "),
            Problem::NotOneOf {
                allowed: snapshot.themes.clone(),
            },
        ));
    }
    let Some(edit) = edit else {
        problems.truncate(MAX_ROW_PROBLEMS);
        return Err(problems);
    };
    let facts = edit.facts.clone().expect("the staff's form has facts");
    if let Some(country) = &facts.country {
        if !snapshot.countries.contains(&country.key()) {
            problems.push(problem(
                "country",
                country.as_str(),
                Problem::NotACountryCode,
            ));
        }
    }
    let this_year = chrono::Datelike::year(&chrono::Utc::now());
    if let Some(year) = facts.member_since {
        if let Err(e) = shared::organisation::parse_member_since(year, this_year) {
            problems.push(problem("member_since", &year.to_string(), e.problem));
        }
    }
    let level = match edit.visibility {
        shared::Change::Set(level) => level,
        _ => level_of(&base.visibility),
    };
    // A level kept as it is needs no clearance (a record granted to the
    // importer stays restricted); a new or changed one stays within theirs.
    let kept = stored.is_some_and(|s| level_of(&s.values.visibility) == level);
    if !kept && !importer.viewer.can_read(level) {
        problems.push(problem(
            "visibility",
            level.as_str(),
            Problem::NotOneOf {
                allowed: readable_levels(importer),
            },
        ));
    }
    if let Some(stored) = stored {
        if !may_reclassify(importer.role, level_of(&stored.values.visibility), level) {
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
        }
    }
    if !problems.is_empty() {
        problems.truncate(MAX_ROW_PROBLEMS);
        return Err(problems);
    }
    let text = |c: &shared::Change<String>| match c {
        shared::Change::Set(v) => Some(v.clone()),
        _ => None,
    };
    let mut theme_keys: Vec<String> = facts.themes.iter().map(|t| t.as_str().to_owned()).collect();
    theme_keys.sort();
    let values = OrgValues {
        name: text(&edit.name.clone().map(|n| n.as_str().to_owned())).unwrap_or(base.name.clone()),
        acronym: text(&edit.acronym.clone().map(|a| a.as_str().to_owned())),
        kind: facts.kind.as_str().to_owned(),
        country: facts.country.as_ref().map(|c| c.key()),
        city: text(&edit.city.clone().map(|c| c.as_str().to_owned())),
        website: text(&edit.website.clone().map(|w| w.as_str().to_owned())),
        email: text(&edit.email.clone().map(|e| e.as_str().to_owned())),
        member_since: facts.member_since,
        themes: theme_keys,
        languages: facts.languages.clone(),
        other_names: facts
            .other_names
            .iter()
            .map(|n| n.as_str().to_owned())
            .collect(),
        description: edit.description.as_str().to_owned(),
        description_lang: edit.description_lang.clone(),
        translations,
        visibility: level.as_str().to_owned(),
    };
    Ok(Judged { stored, values })
}

/// The fields of `after` that differ from `before`, by column name.
fn org_changes(before: &OrgValues, after: &OrgValues) -> Vec<String> {
    let mut changes = Vec::new();
    let mut check = |name: &str, same: bool| {
        if !same {
            changes.push(name.to_owned());
        }
    };
    check("name", before.name == after.name);
    check("acronym", before.acronym == after.acronym);
    check("kind", before.kind == after.kind);
    check("country", before.country == after.country);
    check("city", before.city == after.city);
    check("website", before.website == after.website);
    check("email", before.email == after.email);
    check("member_since", before.member_since == after.member_since);
    check("themes", before.themes == after.themes);
    check("languages", before.languages == after.languages);
    check("other_names", before.other_names == after.other_names);
    check("description", before.description == after.description);
    check(
        "description_lang",
        before.description_lang == after.description_lang,
    );
    check("translations", before.translations == after.translations);
    check("visibility", before.visibility == after.visibility);
    changes
}

fn tie_changes(before: &TieValues, after: &TieValues) -> Vec<String> {
    let mut changes = Vec::new();
    let mut check = |name: &str, same: bool| {
        if !same {
            changes.push(name.to_owned());
        }
    };
    check("role", before.role == after.role);
    check("since", before.since == after.since);
    check("until", before.until == after.until);
    check("source", before.source == after.source);
    check("visibility", before.visibility == after.visibility);
    changes
}

/// Where a relation's ends are found: organisations the author reads, and
/// those of this import's organisations file; for a membership's `from`,
/// persons too.
struct Ends<'a, 'b> {
    by_key: &'b HashMap<&'a str, &'a StoredOrg>,
    by_name: &'b HashMap<String, Vec<&'a str>>,
    named_here: &'b HashMap<String, (String, Visibility, usize)>,
    levels_here: &'b HashMap<String, Visibility>,
    persons: crate::exchange::persons::Finder<'a, 'b>,
}

/// A relation's end as found: its table, key and level, and whether it is
/// stored already (not one this import creates).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub kind: EndKind,
    pub key: String,
    pub level: Visibility,
    pub stored: bool,
}

impl Ends<'_, '_> {
    /// The organisation a cell names.
    fn find(&self, column: &str, raw: &str) -> Result<Found, CellProblem> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Err(problem(column, raw, Problem::Required));
        }
        let key = raw.trim_start_matches("organisation:");
        // At the level this import gives it when it changes it.
        let org = |key: &str, level: Visibility| Found {
            kind: EndKind::Organisation,
            key: key.to_owned(),
            level: self.levels_here.get(key).copied().unwrap_or(level),
            stored: self.by_key.contains_key(key),
        };
        if let Some(level) = self.levels_here.get(key) {
            return Ok(org(key, *level));
        }
        if let Some(stored) = self.by_key.get(key) {
            return Ok(org(&stored.key, level_of(&stored.values.visibility)));
        }
        let folded = fold(raw);
        if let Some((key, level, _)) = self.named_here.get(&folded) {
            return Ok(org(key, *level));
        }
        match self.by_name.get(&folded).map(Vec::as_slice) {
            Some([key]) => {
                let stored = self.by_key[key];
                Ok(org(&stored.key, level_of(&stored.values.visibility)))
            }
            Some(several) if several.len() > 1 => Err(problem(
                column,
                raw,
                Problem::Malformed {
                    detail: "several organisations you may read have this name or acronym: write the id".into(),
                },
            )),
            _ => Err(problem(
                column,
                raw,
                Problem::Malformed {
                    detail: "no organisation you may read, nor one of the organisations file, has this id or name".into(),
                },
            )),
        }
    }

    /// A membership's member: a person named `person:<id>`, else the
    /// organisation the cell names, else a person of that name.
    fn find_member(&self, raw: &str) -> Result<Found, CellProblem> {
        let nobody = || {
            problem(
                "from",
                raw.trim(),
                Problem::Malformed {
                    detail: "no organisation nor person you may read, nor one of this import's files, has this id or name".into(),
                },
            )
        };
        if raw.trim().starts_with("person:") {
            return self.persons.find("from", raw)?.ok_or_else(nobody);
        }
        match self.find("from", raw) {
            // A name both an organisation and a person have is a question.
            Ok(_) if !raw.trim().contains(':') && self.persons.knows_name(raw) => {
                Err(problem(
                    "from",
                    raw.trim(),
                    Problem::Malformed {
                        detail: "an organisation and a person you may read have this name: write organisation:<id> or person:<id>".into(),
                    },
                ))
            }
            Ok(found) => Ok(found),
            // An organisation's name shared by several stays a question.
            Err(not_one) if not_one.problem == Problem::Required || self.names_several(raw) => {
                Err(not_one)
            }
            Err(_) => self.persons.find("from", raw)?.ok_or_else(nobody),
        }
    }

    /// Names in `plan` every record `raw` could mean by name.
    fn name_candidates(&self, raw: &str, plan: &mut Plan) {
        for key in self.by_name.get(&fold(raw.trim())).into_iter().flatten() {
            let stored = self.by_key[key];
            plan.name(
                EndKind::Organisation,
                &stored.key,
                level_of(&stored.values.visibility),
            );
        }
        for (key, level) in self.persons.namesakes(raw) {
            plan.name(EndKind::Person, &key, level);
        }
    }

    fn names_several(&self, raw: &str) -> bool {
        self.by_name
            .get(&fold(raw.trim()))
            .is_some_and(|keys| keys.len() > 1)
    }
}

/// The kind and both ends of a relation row, each end with its level.
///
/// Every record a cell finds, or may mean when it is ambiguous, is named by
/// the plan even when the row is in error: the import is read only by those
/// who may read them all.
fn tie_ends(
    row: &Row,
    table: &Table,
    ends: &Ends<'_, '_>,
    plan: &mut Plan,
) -> Result<(TieKind, Found, Found), Vec<CellProblem>> {
    let mut problems = row_problems(row, table);
    if !problems.is_empty() {
        return Err(problems);
    }
    let kind = match TieKind::parse(&row.text("kind").replace('_', "-").to_ascii_lowercase()) {
        Ok(kind) => Some(kind),
        Err(e) => {
            problems.push(problem("kind", row.text("kind"), e.problem));
            None
        }
    };
    let from = match kind {
        Some(TieKind::MemberOf) => ends.find_member(row.text("from")),
        _ => ends.find("from", row.text("from")),
    }
    .map_err(|p| problems.push(p))
    .ok();
    let to = ends
        .find("to", row.text("to"))
        .map_err(|p| problems.push(p))
        .ok();
    for (column, found) in [("from", &from), ("to", &to)] {
        match found {
            Some(end) => plan.name(end.kind, &end.key, end.level),
            None => ends.name_candidates(row.text(column), plan),
        }
    }
    if let (Some(a), Some(b)) = (&from, &to) {
        if a == b {
            problems.push(problem(
                "to",
                row.text("to"),
                Problem::Malformed {
                    detail: "an organisation is not related to itself".into(),
                },
            ));
        }
    }
    match (kind, from, to) {
        (Some(kind), Some(from), Some(to)) if problems.is_empty() => Ok((kind, from, to)),
        _ => Err(problems),
    }
}

/// A relation's fields: a column the file has sets them (empty clears);
/// one it lacks keeps the stored relation's, so that a short file never
/// opens nor empties what it does not mention.
fn tie_values(
    row: &Row,
    table: &Table,
    kind: TieKind,
    from: &Found,
    to: &Found,
    stored: Option<&StoredTie>,
    importer: &Importer<'_>,
) -> Result<TieValues, Vec<CellProblem>> {
    let mut problems = Vec::new();
    let base = stored.map(|s| &s.values);
    let cell = |column: &str, kept: Option<String>| -> String {
        if table.has(column) {
            row.text(column).to_owned()
        } else {
            kept.unwrap_or_default()
        }
    };
    let year = |y: Option<i32>| y.map(|y| y.to_string());
    let visibility = match row.text("visibility") {
        "" => base.map_or("public", |b| b.visibility.as_str()).to_owned(),
        v => v.to_owned(),
    };
    let form = shared::person::MembershipForm {
        organisation: to.key.clone(),
        role: cell("role", base.and_then(|b| b.role.clone())),
        since: cell("since", base.and_then(|b| year(b.since))),
        until: cell("until", base.and_then(|b| year(b.until))),
        source: cell("source", base.and_then(|b| b.source.clone())),
        visibility,
    };
    let checked = form
        .check()
        .map_err(|errors| {
            problems.extend(
                errors
                    .into_iter()
                    .filter(|e| e.field != "organisation")
                    .map(|e| {
                        let column = e.field.clone();
                        let value = e
                            .value
                            .clone()
                            .unwrap_or_else(|| row.text(&column).to_owned());
                        problem(&column, &value, e.problem)
                    }),
            )
        })
        .ok();
    let this_year = chrono::Datelike::year(&chrono::Utc::now());
    if let Some(until) = checked.as_ref().and_then(|c| c.until) {
        if until > this_year {
            problems.push(problem("until", row.text("until"), Problem::InTheFuture));
        }
    }
    let Some(checked) = checked.filter(|_| problems.is_empty()) else {
        return Err(problems);
    };
    // A relation is at least as closed as both its ends; one of a record
    // granted to the importer is restricted, as the relations form has it.
    let level = checked.visibility.max(from.level).max(to.level);
    let kept = base.is_some_and(|b| b.visibility == level);
    let granted_end = [from, to]
        .iter()
        .any(|end| importer.viewer.grants().contains(&end.kind.text(&end.key)));
    let refused = |detail: String| {
        vec![problem(
            "visibility",
            level.as_str(),
            Problem::Malformed { detail },
        )]
    };
    if !(kept || importer.viewer.can_read(level) || granted_end && level == Visibility::Restricted)
    {
        return Err(refused(format!(
            "above what you may read; you may choose {}",
            readable_levels(importer).join(", ")
        )));
    }
    if let Some(b) = base {
        if !may_reclassify(importer.role, b.visibility, level) {
            return Err(refused(format!(
                "only an admin opens a restricted relation; this one is {}",
                b.visibility.as_str()
            )));
        }
    }
    Ok(TieValues {
        kind,
        from_kind: from.kind,
        from: from.key.clone(),
        to: to.key.clone(),
        role: checked.role,
        since: checked.since,
        until: checked.until,
        source: checked.source,
        visibility: level,
    })
}

pub(super) fn readable_levels(importer: &Importer<'_>) -> Vec<String> {
    Visibility::ALL
        .iter()
        .filter(|v| importer.viewer.can_read(**v))
        .map(|v| v.as_str().to_owned())
        .collect()
}

/// The most characters a cell may hold (a description holds 10,000).
pub const MAX_CELL_CHARS: usize = 12_000;
/// The most values a multi-value cell may hold.
pub(super) const MAX_LIST_VALUES: usize = 40;
/// The most problems kept for one row.
pub(super) const MAX_ROW_PROBLEMS: usize = 8;

/// What is wrong with a row as a whole: a number of cells other than the
/// header's, or a cell too long to be a value.
pub(super) fn row_problems(row: &Row, table: &Table) -> Vec<CellProblem> {
    let mut problems = Vec::new();
    if row.cells_found != table.width {
        problems.push(problem(
            "",
            "",
            Problem::Malformed {
                detail: format!(
                    "this line has {} cells where the header has {}",
                    row.cells_found, table.width
                ),
            },
        ));
    }
    for (column, value) in &row.cells {
        if value.chars().count() > MAX_CELL_CHARS {
            problems.push(problem(
                column,
                value,
                Problem::TooLong {
                    max: MAX_CELL_CHARS,
                },
            ));
        }
    }
    problems
}

/// A row's label in the preview.
pub(super) fn shown(text: &str) -> String {
    text.chars()
        .take(shared::import::SHOWN_VALUE_CHARS)
        .collect()
}
