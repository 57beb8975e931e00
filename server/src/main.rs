//! `server`: serve the platform, seed data, or apply migrations.

use clap::Parser;
use server::cli::{Cli, Command, SeedArgs, ServeArgs};
use server::{db, http, seed, shutdown, store, telemetry};
use std::process::ExitCode;
use std::sync::Arc;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    telemetry::init(&cli.log_level);
    let outcome = match &cli.command {
        None => serve(&cli, &ServeArgs::default()).await,
        Some(Command::Serve(args)) => serve(&cli, args).await,
        Some(Command::Seed(args)) => seed(&cli, args).await,
        Some(Command::Migrate) => migrate(&cli).await,
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            tracing::error!("{err}");
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}

type AnyError = Box<dyn std::error::Error + Send + Sync>;

async fn serve(cli: &Cli, args: &ServeArgs) -> Result<(), AnyError> {
    let database = db::open(&cli.database()).await?;
    if args.demo && seed::organisation_count(&database).await? == 0 {
        let stats = seed::dataset::write(&database, &seed::demo::dataset()).await?;
        tracing::info!(?stats, "loaded the demo dataset into the empty database");
    }
    let config = args.server();
    let store: app::store::SharedStore = Arc::new(store::SurrealStore::new(database.clone()));
    let router = http::router(config.leptos_options(), database, store);
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", config.addr))?;
    tracing::info!("listening on http://{}", config.addr);
    axum::serve(listener, router)
        .with_graceful_shutdown(shutdown::signal())
        .await?;
    tracing::info!("stopped");
    Ok(())
}

async fn seed(cli: &Cli, args: &SeedArgs) -> Result<(), AnyError> {
    let database = db::open(&cli.database()).await?;
    let existing = seed::organisation_count(&database).await?;
    if existing > 0 {
        return Err(format!(
            "the database at {} already holds {existing} organisations; seed into an empty database",
            cli.database_url
        )
        .into());
    }
    let (label, data) = match args.kind.synthetic {
        Some(n) => {
            let seed = args.seed.unwrap_or(1);
            (
                format!("synthetic network ({n} organisations, seed {seed})"),
                seed::synthetic::generate(n, seed),
            )
        }
        None => ("demo dataset".to_owned(), seed::demo::dataset()),
    };
    let stats = seed::dataset::write(&database, &data).await?;
    println!(
        "Loaded the {label}: {} organisations, {} persons, {} edges.",
        stats.organisations, stats.persons, stats.edges
    );
    Ok(())
}

async fn migrate(cli: &Cli) -> Result<(), AnyError> {
    let database = db::connect(&cli.database()).await?;
    let applied = db::migrations::apply(&database).await?;
    db::reference::ensure(&database).await?;
    if applied.is_empty() {
        println!("The schema is up to date.");
    } else {
        println!(
            "Applied {} migration(s): {}",
            applied.len(),
            applied.join(", ")
        );
    }
    Ok(())
}
