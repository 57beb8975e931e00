//! `bench`: times the graph queries on generated networks against an
//! in-memory floor (petgraph) and writes the table; uses its own temporary
//! database, removed when it ends.

use clap::Parser;
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(name = "bench", version, about)]
struct BenchArgs {
    /// Approximate node counts of the generated networks.
    #[arg(long, value_delimiter = ',', default_value = "1000,10000,100000")]
    sizes: Vec<usize>,
    /// Timed runs per query and size.
    #[arg(long, default_value_t = 40)]
    runs: usize,
    /// Seconds allowed to each query at each size; it stops there.
    #[arg(long, default_value_t = 20)]
    budget_secs: u64,
    /// Seed of the generator.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// An in-memory database instead of a temporary on-disk one.
    #[arg(long)]
    memory: bool,
    /// A database already holding the generated network of the one size
    /// given (`server seed --synthetic N --seed S` into it), instead of
    /// loading one, e.g. surrealkv:///var/tmp/sos-100k.
    #[arg(long = "db", value_name = "URL")]
    database: Option<String>,
    /// Also write the table to this Markdown file (e.g. docs/benchmark.md).
    #[arg(long)]
    out: Option<std::path::PathBuf>,
    /// Time an import instead: ORGANISATIONS,RELATIONS (e.g. 10000,50000)
    /// of generated CSV files into the demo database.
    #[arg(long, value_delimiter = ',', value_name = "ORGANISATIONS,RELATIONS")]
    import: Option<Vec<usize>>,
    /// Log filter, e.g. `warn`, `info`.
    #[arg(long = "log", env = "SOS_LOG", default_value = "warn")]
    log_level: String,
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = BenchArgs::parse();
    server::telemetry::init(&args.log_level);
    if let Some(sizes) = &args.import {
        let (orgs, relations) = (sizes[0], sizes.get(1).copied().unwrap_or(0));
        return match bench::import::run(orgs, relations, args.seed, args.memory, |step| {
            eprintln!("bench: {step}")
        })
        .await
        {
            Ok(report) => {
                let table = report.markdown();
                println!("{table}");
                if let Some(out) = &args.out {
                    if let Err(e) = std::fs::write(out, &table) {
                        eprintln!("error: cannot write {}: {e}", out.display());
                        return ExitCode::FAILURE;
                    }
                }
                ExitCode::SUCCESS
            }
            Err(err) => {
                eprintln!("error: {err}");
                ExitCode::FAILURE
            }
        };
    }
    let plan = bench::Plan {
        sizes: args.sizes.clone(),
        runs: args.runs.max(1),
        budget: std::time::Duration::from_secs(args.budget_secs),
        seed: args.seed,
        memory: args.memory,
        database: args.database.clone(),
    };
    if plan.database.is_some() && plan.sizes.len() != 1 {
        eprintln!("error: --db holds one network: give one size with --sizes");
        return ExitCode::FAILURE;
    }
    let reports = match bench::run(&plan, |step| eprintln!("bench: {step}")).await {
        Ok(reports) => reports,
        Err(err) => {
            eprintln!("error: {err}");
            return ExitCode::FAILURE;
        }
    };
    let table = bench::markdown(&plan, &reports);
    println!("{table}");
    if let Some(out) = &args.out {
        if let Err(e) = std::fs::write(out, &table) {
            eprintln!("error: cannot write {}: {e}", out.display());
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
