//! What an import will do, row by row, judged against what its author may
//! read: a new record, an update of one they read (by its id, or by a name
//! that folds to the same as its name, acronym or other names: the
//! duplicate finder's strongest match), unchanged, or the problems of the
//! row with their columns and values. Nothing here writes; the store writes
//! [`Plan::write`] in one transaction when the author confirms.

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

/// Fields of a relation between organisations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TieValues {
    pub kind: TieKind,
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
    pub new_ties: Vec<TieValues>,
    pub tie_updates: Vec<TieUpdate>,
}

impl Writes {
    pub fn is_empty(&self) -> bool {
        self.new_orgs.is_empty()
            && self.org_updates.is_empty()
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
    /// Restricted records named that the importer reads through a grant.
    pub granted: std::collections::BTreeSet<String>,
    pub writes: Writes,
}

impl Plan {
    pub fn errors(&self) -> usize {
        self.counts.iter().map(|(_, c)| c.error).sum()
    }
}

/// Judges the files' rows; `new_key` makes a key for a new organisation.
pub fn plan(
    organisations: Option<&Table>,
    relations: Option<&Table>,
    snapshot: &Snapshot,
    importer: &Importer<'_>,
    mut new_key: impl FnMut(&str, Option<&str>) -> Result<String, String>,
    mut progress: impl FnMut(usize),
) -> Result<Plan, String> {
    let mut plan = Plan {
        rows: Vec::new(),
        counts: Vec::new(),
        level: Visibility::Public,
        granted: Default::default(),
        writes: Writes::default(),
    };
    let grant_of = |record: String| importer.viewer.grants().contains(&record).then_some(record);
    let by_key: HashMap<&str, &StoredOrg> =
        snapshot.orgs.iter().map(|o| (o.key.as_str(), o)).collect();
    let mut by_name: HashMap<String, Vec<&str>> = HashMap::new();
    for org in &snapshot.orgs {
        for name in names_of(&org.values) {
            let keys = by_name.entry(fold(name)).or_default();
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
            let judged = org_row(row, table, snapshot, &by_key, &by_name, importer);
            let label = row.text("name").to_owned();
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
                                Some(stored) => {
                                    plan.level =
                                        plan.level.max(level_of(&stored.values.visibility));
                                    plan.granted
                                        .extend(grant_of(format!("organisation:{}", stored.key)));
                                    stored.key.clone()
                                }
                                None => {
                                    new_key(&judged.values.name, judged.values.acronym.as_deref())?
                                }
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
                                        RowOutcome::Unchanged { record: key }
                                    } else {
                                        plan.writes.org_updates.push(OrgUpdate {
                                            key: key.clone(),
                                            version: stored.version,
                                            before: stored.values.clone(),
                                            after: judged.values,
                                        });
                                        RowOutcome::Update {
                                            record: key,
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
    if let Some(table) = relations {
        let mut counts = OutcomeCounts::default();
        let mut ties: HashMap<(TieKind, &str, &str), Vec<&StoredTie>> = HashMap::new();
        for tie in &snapshot.ties {
            let v = &tie.values;
            let (a, b) = pair(v.kind, &v.from, &v.to);
            ties.entry((v.kind, a, b)).or_default().push(tie);
        }
        let mut seen: HashMap<(TieKind, String, String), usize> = HashMap::new();
        let ends = Ends {
            by_key: &by_key,
            by_name: &by_name,
            named_here: &named_here,
            levels_here: &levels_here,
        };
        for row in &table.rows {
            let label = format!("{} → {}", row.text("from"), row.text("to"));
            let outcome = match tie_row(row, &ends, importer) {
                Err(problems) => RowOutcome::Error { problems },
                Ok(values) => {
                    let (a, b) = pair(values.kind, &values.from, &values.to);
                    let id = (values.kind, a.to_owned(), b.to_owned());
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
                        plan.level = plan.level.max(values.visibility);
                        for end in [&values.from, &values.to] {
                            plan.granted.extend(grant_of(format!("organisation:{end}")));
                        }
                        // The one the author reads at this level, else the
                        // most closed they read (as the relations form does).
                        let stored = ties.get(&(values.kind, a, b)).and_then(|found| {
                            found
                                .iter()
                                .find(|t| t.values.visibility == values.visibility)
                                .or_else(|| found.iter().max_by_key(|t| t.values.visibility))
                        });
                        match stored {
                            None => {
                                plan.writes.new_ties.push(values);
                                RowOutcome::New
                            }
                            Some(stored) => {
                                plan.level = plan.level.max(stored.values.visibility);
                                let record = crate::store::rows::record_text(&stored.id);
                                let after = TieValues {
                                    from: stored.values.from.clone(),
                                    to: stored.values.to.clone(),
                                    ..values
                                };
                                let changes = tie_changes(&stored.values, &after);
                                if changes.is_empty() {
                                    RowOutcome::Unchanged { record }
                                } else {
                                    plan.writes.tie_updates.push(TieUpdate {
                                        id: stored.id.clone(),
                                        before: stored.values.clone(),
                                        after,
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

fn level_of(raw: &str) -> Visibility {
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

fn problem(column: &str, value: &str, problem: Problem) -> CellProblem {
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

fn org_row<'a>(
    row: &Row,
    table: &Table,
    snapshot: &'a Snapshot,
    by_key: &HashMap<&str, &'a StoredOrg>,
    by_name: &HashMap<String, Vec<&str>>,
    importer: &Importer<'_>,
) -> Result<Judged<'a>, Vec<CellProblem>> {
    let mut problems = Vec::new();
    // Which record: the id, else a name the finder folds to one it reads.
    let stored = match row.get("id").filter(|id| !id.is_empty()) {
        Some(id) => match by_key.get(id.trim_start_matches("organisation:")) {
            Some(stored) => Some(*stored),
            None => {
                return Err(vec![problem(
                    "id",
                    id,
                    Problem::Malformed {
                        detail: "no organisation you may read has this id".into(),
                    },
                )])
            }
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
                [] => None,
                [key] => by_key.get(key).copied(),
                several => {
                    return Err(vec![problem(
                        "name",
                        name,
                        Problem::Malformed {
                            detail: format!(
                                "several organisations have this name ({}): put the one to update in the id column",
                                several.join(", ")
                            ),
                        },
                    )])
                }
            }
        }
    };
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
                .map(str::to_owned)
                .collect(),
            _ => kept.to_vec(),
        }
    };
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
    for theme in &themes {
        if !snapshot.themes.contains(theme) {
            problems.push(problem(
                "themes",
                theme,
                Problem::NotOneOf {
                    allowed: snapshot.themes.clone(),
                },
            ));
        }
    }
    let Some(edit) = edit else {
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
                allowed: Visibility::ALL
                    .iter()
                    .filter(|v| importer.viewer.can_read(**v))
                    .map(|v| v.as_str().to_owned())
                    .collect(),
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
/// those of this import's organisations file.
struct Ends<'a, 'b> {
    by_key: &'b HashMap<&'a str, &'a StoredOrg>,
    by_name: &'b HashMap<String, Vec<&'a str>>,
    named_here: &'b HashMap<String, (String, Visibility, usize)>,
    levels_here: &'b HashMap<String, Visibility>,
}

impl Ends<'_, '_> {
    /// The key and level of the organisation a cell names.
    fn find(&self, column: &str, raw: &str) -> Result<(String, Visibility), CellProblem> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Err(problem(column, raw, Problem::Required));
        }
        let key = raw.trim_start_matches("organisation:");
        if let Some(level) = self.levels_here.get(key) {
            return Ok((key.to_owned(), *level));
        }
        if let Some(stored) = self.by_key.get(key) {
            return Ok((stored.key.clone(), level_of(&stored.values.visibility)));
        }
        let folded = fold(raw);
        if let Some((key, level, _)) = self.named_here.get(&folded) {
            return Ok((key.clone(), *level));
        }
        match self.by_name.get(&folded).map(Vec::as_slice) {
            Some([key]) => {
                let stored = self.by_key[key];
                Ok((stored.key.clone(), level_of(&stored.values.visibility)))
            }
            Some(several) if several.len() > 1 => Err(problem(
                column,
                raw,
                Problem::Malformed {
                    detail: format!(
                        "several organisations have this name ({}): write the id",
                        several.join(", ")
                    ),
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
}

fn tie_row(
    row: &Row,
    ends: &Ends<'_, '_>,
    importer: &Importer<'_>,
) -> Result<TieValues, Vec<CellProblem>> {
    let mut problems = Vec::new();
    let kind = match TieKind::parse(&row.text("kind").replace('_', "-").to_ascii_lowercase()) {
        Ok(kind) => Some(kind),
        Err(e) => {
            problems.push(problem("kind", row.text("kind"), e.problem));
            None
        }
    };
    let from = ends
        .find("from", row.text("from"))
        .map_err(|p| problems.push(p))
        .ok();
    let to = ends
        .find("to", row.text("to"))
        .map_err(|p| problems.push(p))
        .ok();
    if let (Some((a, _)), Some((b, _))) = (&from, &to) {
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
    let form = shared::person::MembershipForm {
        organisation: to
            .as_ref()
            .map_or("placeholder".to_owned(), |(k, _)| k.clone()),
        role: row.text("role").to_owned(),
        since: row.text("since").to_owned(),
        until: row.text("until").to_owned(),
        source: row.text("source").to_owned(),
        visibility: match row.text("visibility") {
            "" => "public".to_owned(),
            v => v.to_owned(),
        },
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
    let (Some(kind), Some((from, from_level)), Some((to, to_level)), Some(checked), true) =
        (kind, from, to, checked, problems.is_empty())
    else {
        return Err(problems);
    };
    // A relation is at least as closed as both its ends; one of a record
    // granted to the importer is restricted, as the relations form has it.
    let level = checked.visibility.max(from_level).max(to_level);
    let granted_end = [&from, &to].iter().any(|k| {
        importer
            .viewer
            .grants()
            .contains(&format!("organisation:{k}"))
    });
    if !(importer.viewer.can_read(level) || granted_end && level == Visibility::Restricted) {
        return Err(vec![problem(
            "visibility",
            level.as_str(),
            Problem::NotOneOf {
                allowed: Visibility::ALL
                    .iter()
                    .filter(|v| importer.viewer.can_read(**v))
                    .map(|v| v.as_str().to_owned())
                    .collect(),
            },
        )]);
    }
    Ok(TieValues {
        kind,
        from,
        to,
        role: checked.role,
        since: checked.since,
        until: checked.until,
        source: checked.source,
        visibility: level,
    })
}
