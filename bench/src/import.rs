//! The import timed: generated CSV files of organisations and relations
//! imported by a staff member into the demo database the way the import
//! page does it (upload and check, then confirm: a second check and the
//! write in one transaction), next to the floor: the same records written
//! by the bulk path alone, without a check or an audit line.

use app::accounts::store::{Sessions as _, SignInOutcome};
use app::exchange::store::Imports as _;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use server::exchange::desk::{ImportDesk, Upload};
use server::seed::dataset::{self, Dataset, EdgeKind, EdgeSeed, NodeRef, OrgSeed};
use server::store::SurrealStore;
use shared::import::{ImportFile, ImportStatus, OutcomeKind};
use shared::{OrgKind, Role, Visibility};
use std::collections::HashSet;
use std::sync::Arc;
use std::time::{Duration, Instant};

type AnyError = Box<dyn std::error::Error + Send + Sync>;

/// Each of the check and the write stops the run past this.
const TIME_LIMIT: Duration = Duration::from_secs(30 * 60);

/// What one run measured.
#[derive(Debug, Clone)]
pub struct ImportReport {
    pub organisations: usize,
    pub relations: usize,
    /// Upload, reading and checking every row (the preview).
    pub check: Duration,
    /// Confirmation: checked again, then written in one transaction.
    pub confirm: Duration,
    /// The same records written by the bulk path alone.
    pub floor: Duration,
    pub written_organisations: i64,
    pub written_relations: i64,
}

impl ImportReport {
    pub fn total(&self) -> Duration {
        self.check + self.confirm
    }

    pub fn markdown(&self) -> String {
        let s = |d: Duration| format!("{:.1} s", d.as_secs_f64());
        format!(
            "| step | time | × floor |\n|---|---:|---:|\n\
             | check (upload, read, judge every row: the preview) | {} | {:.1} |\n\
             | confirm (checked again, written in one transaction) | {} | {:.1} |\n\
             | **import in all** | **{}** | **{:.1}** |\n\
             | floor: the same records by the bulk path alone | {} | 1.0 |\n\n\
             {} organisations and {} relations imported; {} organisations and {} relations \
             more in the database afterwards.\n",
            s(self.check),
            self.check.as_secs_f64() / self.floor.as_secs_f64(),
            s(self.confirm),
            self.confirm.as_secs_f64() / self.floor.as_secs_f64(),
            s(self.total()),
            self.total().as_secs_f64() / self.floor.as_secs_f64(),
            s(self.floor),
            self.organisations,
            self.relations,
            self.written_organisations,
            self.written_relations,
        )
    }
}

struct Generated {
    organisations_csv: String,
    relations_csv: String,
    data: Dataset,
}

fn generate(organisations: usize, relations: usize, seed: u64) -> Generated {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let countries: Vec<String> = server::db::reference::countries()
        .iter()
        .map(|c| c.alpha2.to_ascii_uppercase())
        .collect();
    let themes: Vec<&str> = server::db::reference::THEMES
        .iter()
        .map(|(k, _)| *k)
        .collect();
    let mut orgs_csv =
        String::from("name;kind;country;city;themes;visibility;description_lang;description_en\n");
    let mut data = Dataset::default();
    for i in 0..organisations {
        let name = format!("Organisation d’essai {i:05}");
        let kind = if rng.random_bool(0.7) {
            "member"
        } else {
            "partner"
        };
        let country = countries.choose(&mut rng).unwrap().clone();
        let how_many = rng.random_range(1..=3);
        let picked: Vec<&str> = themes
            .choose_multiple(&mut rng, how_many)
            .copied()
            .collect();
        let level = match rng.random_range(0..10) {
            0 => Visibility::Staff,
            1 => Visibility::Network,
            _ => Visibility::Public,
        };
        orgs_csv.push_str(&format!(
            "{name};{kind};{country};Ville {i};\"{}\";{};en;Works against torture in region {i}.\n",
            picked.join("; "),
            level.as_str()
        ));
        let key = format!("bench-{i:05}");
        data.orgs.push(OrgSeed {
            key: key.clone(),
            name,
            acronym: None,
            kind: if kind == "member" {
                OrgKind::Member
            } else {
                OrgKind::Partner
            },
            description: format!("Works against torture in region {i}."),
            description_lang: "en",
            translations: Vec::new(),
            city: Some(format!("Ville {i}")),
            website: None,
            email: None,
            member_since: None,
            visibility: level,
            demo: false,
        });
        data.edges.push(EdgeSeed::new(
            EdgeKind::BasedIn,
            NodeRef::org(key.clone()),
            NodeRef::country(&country),
            level,
        ));
        for t in picked {
            data.edges.push(EdgeSeed::new(
                EdgeKind::WorksOn,
                NodeRef::org(key.clone()),
                NodeRef::theme(t),
                level,
            ));
        }
    }
    let mut rel_csv = String::from("from;to;kind;since\n");
    let mut taken: HashSet<(bool, usize, usize)> = HashSet::new();
    while taken.len() < relations.min(organisations * (organisations - 1) / 2) {
        let (a, b) = (
            rng.random_range(0..organisations),
            rng.random_range(0..organisations),
        );
        if a == b {
            continue;
        }
        let member = rng.random_bool(0.3);
        let (a, b) = if member { (a, b) } else { (a.min(b), a.max(b)) };
        if !taken.insert((member, a, b)) {
            continue;
        }
        let since = rng.random_range(1995..=2024);
        rel_csv.push_str(&format!(
            "Organisation d’essai {a:05};Organisation d’essai {b:05};{};{since}\n",
            if member { "member-of" } else { "partner-of" }
        ));
        // A relation is at least as closed as its ends.
        let level = data.orgs[a].visibility.max(data.orgs[b].visibility);
        data.edges.push(
            EdgeSeed::new(
                if member {
                    EdgeKind::MemberOf
                } else {
                    EdgeKind::PartnerOf
                },
                NodeRef::org(format!("bench-{a:05}")),
                NodeRef::org(format!("bench-{b:05}")),
                level,
            )
            .since(since),
        );
    }
    Generated {
        organisations_csv: orgs_csv,
        relations_csv: rel_csv,
        data,
    }
}

async fn count(store: &SurrealStore, sql: &str) -> Result<i64, AnyError> {
    let n: Option<i64> = store.db().query(sql).await?.take(0)?;
    Ok(n.unwrap_or(0))
}

async fn relations(store: &SurrealStore) -> Result<i64, AnyError> {
    Ok(
        count(store, "RETURN count(SELECT VALUE id FROM member_of)").await?
            + count(store, "RETURN count(SELECT VALUE id FROM partner_of)").await?,
    )
}

/// Imports `organisations` new organisations and `relations` relations
/// among them into the demo database, in a temporary directory (or memory).
pub async fn run(
    organisations: usize,
    relations_wanted: usize,
    seed: u64,
    memory: bool,
    mut progress: impl FnMut(&str),
) -> Result<ImportReport, AnyError> {
    progress("generating the files");
    let generated = generate(organisations, relations_wanted, seed);
    let relation_rows = generated.relations_csv.lines().count() - 1;

    progress("the floor: the same records by the bulk path");
    let (floor_db, floor_dir) = crate::open_db(memory, "import-floor").await?;
    let started = Instant::now();
    dataset::write(&floor_db, &generated.data).await?;
    let floor = started.elapsed();
    drop(floor_db);
    if let Some(dir) = floor_dir {
        crate::remove_spent(&dir);
    }

    progress("loading the demo");
    let (db, dir) = crate::open_db(memory, "import").await?;
    let store = Arc::new(SurrealStore::new(db));
    server::seed::accounts::load_demo(&store).await?;
    let account = server::seed::accounts::DEMO_ACCOUNTS
        .iter()
        .find(|a| a.role == Role::Staff)
        .ok_or("no staff account in the demo")?;
    let SignInOutcome::SignedIn { token, .. } = store
        .sign_in(account.email, account.password, "bench")
        .await?
    else {
        return Err("the staff account could not sign in".into());
    };
    let session = store.session(&token).await?.ok_or("no session")?;
    let actor = app::accounts::Actor {
        viewer: session.viewer(),
        user: session.user,
        address: "bench".into(),
    };
    let (orgs_before, relations_before) = (
        count(&store, "RETURN count(SELECT VALUE id FROM organisation)").await?,
        relations(&store).await?,
    );
    let desk = ImportDesk::new(store.clone());

    progress("importing: upload and check");
    let started = Instant::now();
    let id = tokio::time::timeout(
        TIME_LIMIT,
        desk.upload_and_check(
            &actor,
            vec![
                Upload {
                    kind: ImportFile::Organisations,
                    name: "organisations.csv".into(),
                    bytes: generated.organisations_csv.into_bytes(),
                },
                Upload {
                    kind: ImportFile::Relations,
                    name: "relations.csv".into(),
                    bytes: generated.relations_csv.into_bytes(),
                },
            ],
        ),
    )
    .await
    .map_err(|_| "the import was not checked within the time limit")??;
    let check = started.elapsed();
    let view = desk
        .import(&actor, &id, OutcomeKind::Error, 1)
        .await?
        .ok_or("the import is gone")?;
    if view.errors() > 0 {
        return Err(format!("{} rows in error: {:?}", view.errors(), view.rows.first()).into());
    }

    progress("importing: confirm (check again and write)");
    let started = Instant::now();
    desk.confirm_import(&actor, &id).await?;
    // Bounded: a write that never ends stops the benchmark instead.
    let done = tokio::time::timeout(TIME_LIMIT, desk.wait(&actor, &id))
        .await
        .map_err(|_| "the import was not written within the time limit")??;
    let confirm = started.elapsed();
    if done.status() != ImportStatus::Done {
        return Err(format!("the import ended {:?}: {:?}", done.status(), done.failure).into());
    }
    let report = ImportReport {
        organisations,
        relations: relation_rows,
        check,
        confirm,
        floor,
        written_organisations: count(&store, "RETURN count(SELECT VALUE id FROM organisation)")
            .await?
            - orgs_before,
        written_relations: relations(&store).await? - relations_before,
    };
    drop(desk);
    drop(store);
    if let Some(dir) = dir {
        crate::remove_spent(&dir);
    }
    Ok(report)
}
