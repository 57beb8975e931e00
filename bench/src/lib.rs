//! `bench`: the graph queries of the store timed on generated networks
//! of growing size, next to the same questions answered in memory by
//! petgraph (the floor). Everything runs in this process on a temporary
//! embedded database; nothing touches the network, and every query stops
//! after its time budget.

pub mod floor;
pub mod import;

use app::graph::store::Traversal;
use floor::Floor;
use rand::seq::IndexedRandom;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use server::config::DatabaseConfig;
use server::seed::{dataset, synthetic};
use server::store::SurrealStore;
use shared::graph::NodeId;
use shared::{DirectoryQuery, SearchText, Viewer, Visibility};
use std::future::Future;
use std::path::PathBuf;
use std::time::{Duration, Instant};

type AnyError = Box<dyn std::error::Error + Send + Sync>;

/// What to run.
#[derive(Debug, Clone)]
pub struct Plan {
    /// Approximate node counts of the generated networks.
    pub sizes: Vec<usize>,
    /// Timed runs per query and size (fewer when the budget runs out).
    pub runs: usize,
    /// Time allowed to each query at each size.
    pub budget: Duration,
    pub seed: u64,
    /// `mem://` instead of a temporary `surrealkv://` directory.
    pub memory: bool,
    /// A database already holding the network of the one size asked for
    /// (`server seed --synthetic N --seed S`), used as it is instead of
    /// loading one: the 100k network takes minutes to load.
    pub database: Option<String>,
}

/// Median and 95th percentile of some runs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Timing {
    pub median: Duration,
    pub p95: Duration,
    pub runs: usize,
}

impl Timing {
    fn of(mut times: Vec<Duration>) -> Self {
        times.sort();
        let at = |q: f64| {
            let i = ((times.len() as f64 - 1.0) * q).round() as usize;
            times.get(i).copied().unwrap_or_default()
        };
        Self {
            median: at(0.5),
            p95: at(0.95),
            runs: times.len(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Line {
    pub query: String,
    pub store: Timing,
    pub floor: Timing,
    /// Runs where the store and the floor gave the same answer, out of runs
    /// compared (`None`: answers not comparable, e.g. full-text ranking).
    pub agreed: Option<(usize, usize)>,
    /// Median size of the store's answers (nodes, steps or matches).
    pub size: usize,
}

#[derive(Debug, Clone)]
pub struct SizeReport {
    pub nodes: usize,
    pub edges: usize,
    /// `None` for a database given as it was.
    pub load: Option<Duration>,
    /// From the store's start to its directory index being ready.
    pub index_read: Duration,
    pub lines: Vec<Line>,
}

/// How many generated organisations give about `nodes` nodes: a third as
/// many persons come with them, plus the countries and themes.
fn organisations_for(nodes: usize) -> usize {
    (nodes.saturating_sub(260) * 3 / 4).max(10)
}

/// Times `run` on each sample in turn until `runs` are done or the budget is
/// spent; one untimed run first warms the caches.
async fn timed<S, T, F, Fut>(
    samples: &[S],
    runs: usize,
    budget: Duration,
    mut run: F,
) -> Result<(Timing, Vec<T>), AnyError>
where
    F: FnMut(&S) -> Fut,
    Fut: Future<Output = Result<T, AnyError>>,
{
    let mut times = Vec::new();
    let mut answers = Vec::new();
    if let Some(first) = samples.first() {
        run(first).await?;
    }
    let started = Instant::now();
    for s in samples.iter().cycle().take(runs) {
        let t = Instant::now();
        answers.push(run(s).await?);
        times.push(t.elapsed());
        if started.elapsed() > budget {
            break;
        }
    }
    Ok((Timing::of(times), answers))
}

fn median_size(answers: &[Option<usize>]) -> usize {
    let mut v: Vec<usize> = answers.iter().map(|a| a.unwrap_or(0)).collect();
    v.sort_unstable();
    v.get(v.len() / 2).copied().unwrap_or(0)
}

fn agreement<T: PartialEq>(store: &[T], floor: &[T]) -> Option<(usize, usize)> {
    let n = store.len().min(floor.len());
    Some((store.iter().zip(floor).filter(|(a, b)| a == b).count(), n))
}

async fn open(plan: &Plan, nodes: usize) -> Result<(server::db::Db, Option<PathBuf>), AnyError> {
    open_db(plan.memory, &nodes.to_string()).await
}

/// A database of its own for one step: a temporary directory, or memory.
pub(crate) async fn open_db(
    memory: bool,
    name: &str,
) -> Result<(server::db::Db, Option<PathBuf>), AnyError> {
    let dir = (!memory)
        .then(|| std::env::temp_dir().join(format!("sos-bench-{}-{name}", std::process::id())));
    let url = match &dir {
        Some(d) => format!("surrealkv://{}", d.display()),
        None => "mem://".into(),
    };
    let config = DatabaseConfig {
        url,
        ..DatabaseConfig::memory()
    };
    Ok((server::db::open(&config).await?, dir))
}

/// Runs the plan; `progress` hears about each step as it happens.
pub async fn run(plan: &Plan, mut progress: impl FnMut(&str)) -> Result<Vec<SizeReport>, AnyError> {
    let viewer = Viewer::with_clearance(Visibility::Staff);
    let mut reports = Vec::new();
    let mut spent: Vec<PathBuf> = Vec::new();
    for &size in &plan.sizes {
        let data = synthetic::generate(organisations_for(size), plan.seed);
        let floor = Floor::build(&data);
        let (nodes, edges) = (floor.graph.node_count(), floor.graph.edge_count());
        let (db, dir, load) = match &plan.database {
            Some(url) => {
                progress(&format!("{nodes} nodes, {edges} edges: opening {url}"));
                let db = server::db::open(&DatabaseConfig {
                    url: url.clone(),
                    ..DatabaseConfig::memory()
                })
                .await?;
                let held: Option<i64> = db
                    .query("(SELECT count() AS n FROM organisation GROUP ALL)[0].n")
                    .await?
                    .take(0)?;
                if held != Some(data.orgs.len() as i64) {
                    return Err(format!(
                        "{url} holds {held:?} organisations, not the {} of this size and seed",
                        data.orgs.len()
                    )
                    .into());
                }
                (db, None, None)
            }
            None => {
                progress(&format!("{nodes} nodes, {edges} edges: loading"));
                let (db, dir) = open(plan, size).await?;
                let started = Instant::now();
                dataset::write(&db, &data).await?;
                (db, dir, Some(started.elapsed()))
            }
        };
        spent.drain(..).for_each(|d| remove_spent(&d));
        let store = SurrealStore::new(db);
        // As the server does: the directory is searched in memory once the
        // store hears every write.
        let started = Instant::now();
        let _listener = store.listen_for_changes();
        while !store.directory_index_is_current() {
            if started.elapsed() > Duration::from_secs(600) {
                return Err("the directory index was not read within 10 minutes".into());
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        let index_read = started.elapsed();
        let mut rng = ChaCha8Rng::seed_from_u64(plan.seed);
        let orgs = floor.organisations(&viewer);
        let starts: Vec<NodeId> = orgs.choose_multiple(&mut rng, plan.runs).cloned().collect();
        let pairs: Vec<(NodeId, NodeId)> = (0..plan.runs)
            .filter_map(|_| {
                Some((
                    orgs.choose(&mut rng)?.clone(),
                    orgs.choose(&mut rng)?.clone(),
                ))
            })
            .collect();
        let words: Vec<String> = starts.iter().filter_map(|s| floor.name_word(s)).collect();
        let mut lines = Vec::new();
        let (runs, budget) = (plan.runs, plan.budget);

        for depth in [2usize, 3] {
            progress(&format!("{nodes} nodes: ego network, depth {depth}"));
            let (store_t, store_a) = timed(&starts, runs, budget, |s| {
                let (store, viewer, s) = (&store, &viewer, s.clone());
                async move {
                    let n = store.neighbourhood(viewer, &s, depth).await?;
                    Ok(n.map(|n| n.graph.nodes.len()))
                }
            })
            .await?;
            let (floor_t, floor_a) = timed(&starts, runs, budget, |s| {
                let a = floor.ego(&viewer, s, depth).map(|(n, _, _)| n.len());
                async move { Ok(a) }
            })
            .await?;
            lines.push(Line {
                query: format!("ego network, depth {depth}"),
                store: store_t,
                floor: floor_t,
                agreed: agreement(&store_a, &floor_a),
                size: median_size(&store_a),
            });
        }

        progress(&format!("{nodes} nodes: shortest path"));
        let (store_t, store_a) = timed(&pairs, runs, budget, |(a, b)| {
            let (store, viewer, a, b) = (&store, &viewer, a.clone(), b.clone());
            async move {
                let paths = store.paths(viewer, &a, &b, 5).await?;
                Ok(paths.first().map(|p| p.edges.len()))
            }
        })
        .await?;
        let (floor_t, floor_a) = timed(&pairs, runs, budget, |(a, b)| {
            let steps = floor.shortest(&viewer, a, b);
            async move { Ok(steps) }
        })
        .await?;
        lines.push(Line {
            query: "shortest path".into(),
            store: store_t,
            floor: floor_t,
            agreed: agreement(&store_a, &floor_a),
            size: median_size(&store_a),
        });

        let readers = [
            ("anonymous", Viewer::anonymous()),
            ("member", Viewer::with_clearance(Visibility::Network)),
            ("staff", viewer.clone()),
        ];
        for (who, reader) in &readers {
            progress(&format!("{nodes} nodes: directory search, {who}"));
            let (store_t, totals) = timed(&words, runs, budget, |w| {
                let query = DirectoryQuery {
                    q: SearchText::parse(w).ok().flatten(),
                    ..Default::default()
                };
                directory_page(&store, reader, query)
            })
            .await?;
            let (floor_t, _) = timed(&words, runs, budget, |w| {
                let total = floor.directory(reader, w).1;
                async move { Ok(total) }
            })
            .await?;
            lines.push(Line {
                query: format!("directory search with facets, {who}"),
                store: store_t,
                floor: floor_t,
                agreed: None,
                size: median_size(&totals),
            });
        }
        progress(&format!("{nodes} nodes: directory list, staff"));
        let pages: Vec<u32> = (1..=runs as u32).collect();
        let (store_t, totals) = timed(&pages, runs, budget, |&page| {
            let query = DirectoryQuery {
                page,
                ..Default::default()
            };
            directory_page(&store, &viewer, query)
        })
        .await?;
        let (floor_t, _) = timed(&pages, runs, budget, |_| {
            let total = floor.list(&viewer);
            async move { Ok(Some(total)) }
        })
        .await?;
        lines.push(Line {
            query: "directory list by name with facets, staff".into(),
            store: store_t,
            floor: floor_t,
            agreed: None,
            size: median_size(&totals),
        });
        if !store.directory_index_is_current() {
            return Err("the directory index went old during the run".into());
        }

        progress(&format!("{nodes} nodes: explorer data"));
        let (store_t, store_a) = timed(&starts, runs, budget, |s| {
            let (store, viewer, s) = (&store, &viewer, s.clone());
            async move {
                let n = store.neighbourhood(viewer, &s, 2).await?;
                Ok(n.map(|n| {
                    app::graph::api::GraphView::of(n.graph, n.truncated)
                        .graph
                        .nodes
                        .len()
                }))
            }
        })
        .await?;
        let (floor_t, floor_a) = timed(&starts, runs, budget, |s| {
            let view = floor
                .ego_subgraph(&viewer, s, 2)
                .map(|(g, t)| app::graph::api::GraphView::of(g, t).graph.nodes.len());
            async move { Ok(view) }
        })
        .await?;
        lines.push(Line {
            query: "explorer data (depth 2, laid out)".into(),
            store: store_t,
            floor: floor_t,
            agreed: agreement(&store_a, &floor_a),
            size: median_size(&store_a),
        });

        // The engine shuts its datastore down in a task of its own once the
        // last handle is gone, and nothing can await it (surrealdb#7307).
        // Removing the directory under it makes the final flush fail
        // loudly (half a second was not enough for 10k), so a size's
        // directory goes when the next size is done loading.
        drop(store);
        spent.extend(dir);
        reports.push(SizeReport {
            nodes,
            edges,
            load,
            index_read,
            lines,
        });
    }
    for dir in &spent {
        settle(dir, Duration::from_secs(3), Duration::from_secs(180)).await;
        remove_spent(dir);
    }
    Ok(reports)
}

/// What the directory page asks of the store: a page of results and the
/// facets; answers how many matched.
async fn directory_page(
    store: &SurrealStore,
    viewer: &Viewer,
    query: DirectoryQuery,
) -> Result<Option<usize>, AnyError> {
    use app::directory::store::Search;
    let page = store.directory(viewer, &query).await?;
    store.facets(viewer).await?;
    Ok(Some(page.total as usize))
}

/// Waits until nothing under `dir` has changed for `quiet`, at most
/// `limit`. The engine flushes a dropped database on a task that cannot be
/// awaited (surrealdb#7307); a fixed 3 s was too short for 100k, whose
/// flush then failed on the removed directory.
async fn settle(dir: &std::path::Path, quiet: Duration, limit: Duration) {
    let started = Instant::now();
    loop {
        tokio::time::sleep(Duration::from_millis(500)).await;
        let idle = newest_change(dir)
            .and_then(|t| t.elapsed().ok())
            .is_none_or(|since| since >= quiet);
        if idle || started.elapsed() >= limit {
            return;
        }
    }
}

/// When anything under `dir` last changed.
fn newest_change(dir: &std::path::Path) -> Option<std::time::SystemTime> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter_map(|entry| entry.metadata().ok()?.modified().ok())
        .max()
}

pub(crate) fn remove_spent(dir: &std::path::Path) {
    if let Err(e) = std::fs::remove_dir_all(dir) {
        tracing::warn!(dir = %dir.display(), "temporary database left behind: {e}");
    }
}

fn ms(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1000.0;
    if ms < 1.0 {
        format!("{ms:.3}")
    } else if ms < 10.0 {
        format!("{ms:.2}")
    } else {
        format!("{ms:.1}")
    }
}

/// The reports as a Markdown table, with what was measured and how.
pub fn markdown(plan: &Plan, reports: &[SizeReport]) -> String {
    let profile = if cfg!(debug_assertions) {
        "debug"
    } else {
        "release"
    };
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    let engine = match (&plan.database, plan.memory) {
        (Some(_), _) => "surrealkv:// (the network loaded before, given with --db)",
        (None, true) => "mem://",
        (None, false) => "surrealkv:// (temporary directory)",
    };
    let mut out = format!(
        "Build: {profile}. Cores: {cores}. Database: embedded SurrealDB, {engine}. \
         Reader: staff unless said. Generator seed: {}. Runs per query: up to {} \
         (within {} s per query and size), after one warm-up run.\n\n",
        plan.seed,
        plan.runs,
        plan.budget.as_secs()
    );
    out.push_str(
        "| Nodes | Edges | Load | Query | Store median (ms) | Store p95 (ms) | petgraph median (ms) | petgraph p95 (ms) | Store ÷ petgraph (median) | Answer size (median) | Same answer | Runs |\n\
         |---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    for r in reports {
        out.insert_str(
            0,
            &format!(
                "{} nodes: the directory index was ready {:.1} s after the store started.\n\n",
                r.nodes,
                r.index_read.as_secs_f64()
            ),
        );
        for l in &r.lines {
            let ratio = l.store.median.as_secs_f64() / l.floor.median.as_secs_f64().max(1e-9);
            let agreed = l
                .agreed
                .map(|(a, n)| format!("{a}/{n}"))
                .unwrap_or_else(|| "—".into());
            out.push_str(&format!(
                "| {} | {} | {} | {} | {} | {} | {} | {} | ×{:.0} | {} | {} | {} |\n",
                r.nodes,
                r.edges,
                r.load
                    .map_or_else(|| "given".into(), |d| format!("{:.1} s", d.as_secs_f64())),
                l.query,
                ms(l.store.median),
                ms(l.store.p95),
                ms(l.floor.median),
                ms(l.floor.p95),
                ratio,
                l.size,
                agreed,
                l.store.runs
            ));
        }
    }
    out
}
