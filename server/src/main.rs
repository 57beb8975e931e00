//! `server`: serve the platform, seed data, or apply migrations.

use server::cli::{
    BackupArgs, Cli, Command, RestoreArgs, SeedArgs, ServeArgs, UserCommand, UserCreateArgs,
    UserTokenArgs,
};
use server::{db, http, mail, security, seed, shutdown, store, telemetry};
use std::process::ExitCode;
use std::sync::Arc;

/// More workers than cores: a database query does not yield while it
/// computes, so the few graph requests allowed at once (app::graph::
/// work_gate) could otherwise hold every worker, and `/healthz` and the
/// pages would wait behind them.
fn runtime() -> std::io::Result<tokio::runtime::Runtime> {
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(cores + 4)
        .enable_all()
        .build()
}

fn main() -> ExitCode {
    match runtime() {
        Ok(runtime) => runtime.block_on(run()),
        Err(err) => {
            eprintln!("error: cannot start the runtime: {err}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> ExitCode {
    let cli = Cli::try_parse_args(std::env::args_os()).unwrap_or_else(|err| err.exit());
    telemetry::init(&cli.log_level);
    let outcome = match &cli.command {
        None => serve(&cli, &cli.serve).await,
        Some(Command::Serve(args)) => serve(&cli, args).await,
        Some(Command::Seed(args)) => seed(&cli, args).await,
        Some(Command::Migrate) => migrate(&cli).await,
        Some(Command::User(UserCommand::Create(args))) => create_user(&cli, args).await,
        Some(Command::User(UserCommand::Token(args))) => create_token(&cli, args).await,
        Some(Command::Backup(args)) => backup(&cli, args).await,
        Some(Command::Restore(args)) => restore(&cli, args).await,
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

async fn backup(cli: &Cli, args: &BackupArgs) -> Result<(), AnyError> {
    let config = cli.database();
    // As it is: a backup of an older schema restores and is migrated then.
    let database = db::connect(&config).await?;
    let started = std::time::Instant::now();
    let bytes = db::backup::write(&database, &args.out).await?;
    tracing::info!(file = %args.out.display(), bytes, "backup written");
    println!(
        "Backup of {} written to {} ({bytes} bytes, {:.1} s).",
        config.url,
        args.out.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

async fn restore(cli: &Cli, args: &RestoreArgs) -> Result<(), AnyError> {
    let config = cli.database();
    let database = db::connect(&config).await?;
    let counts = db::backup::restore(&database, &config.database, &args.file).await?;
    let records: u64 = counts.values().sum();
    tracing::info!(file = %args.file.display(), records, "backup restored");
    println!(
        "Restored {} into {}: {records} records in {} tables.",
        args.file.display(),
        config.url,
        counts.len()
    );
    Ok(())
}

async fn serve(cli: &Cli, args: &ServeArgs) -> Result<(), AnyError> {
    let database_config = cli.database();
    args.check(&database_config)?;
    tracing::info!(
        addr = %args.addr,
        site_root = %args.site_root,
        database = %database_config.url,
        demo = args.demo,
        require_second_factor = args.require_second_factor,
        trusted_proxies = ?args.trusted_proxies,
        public_url = args.public_url.as_deref().unwrap_or("(not set)"),
        "starting"
    );
    if !args.require_second_factor && !args.addr.ip().is_loopback() {
        tracing::warn!(
            addr = %args.addr,
            "serving beyond this machine without --require-second-factor (SOS_REQUIRE_SECOND_FACTOR): \
             campaigners, staff and admins may sign in with a password alone"
        );
    }
    if args.public_url.is_none() && (args.require_second_factor || !args.addr.ip().is_loopback()) {
        tracing::warn!(
            "no --public-url (SOS_PUBLIC_URL): invitation, password reset and calendar links are \
             built from each request's Host header, over http unless a proxy says https, and forms \
             are accepted only from the address the request names"
        );
    }
    let environment_key = std::env::var("SOS_SECRET_KEY").ok();
    let (secret_key, key_source) = security::secret_key::resolve(
        args.secret_key_file.as_deref(),
        environment_key.as_deref(),
        args.require_second_factor || args.public_url.is_some() || !args.addr.ip().is_loopback(),
        &database_config.url,
    )?;
    tracing::info!(from = %key_source, "second-factor secrets sealed with the secret key");
    let database = db::open(&database_config).await?;
    let store = Arc::new(store::SurrealStore::with_secret_key(
        database.clone(),
        secret_key,
    ));
    let sealed = store.seal_second_factors().await?;
    if sealed > 0 {
        tracing::info!(
            sealed,
            "sealed second-factor secrets stored in clear by an earlier version"
        );
    }
    // An import left checking or writing by a stopped server wrote nothing.
    store.interrupt_running_imports().await?;
    if args.demo && seed::demo_wanted(&database).await? {
        let stats = seed::accounts::load_demo(&store).await?;
        tracing::info!(?stats, "loaded the demo dataset into the empty database");
        println!(
            "Demo accounts (role, e-mail, password):\n{}",
            seed::accounts::credentials()
        );
    }
    let config = args.server();
    let policy = http::session::Policy {
        require_second_factor: args.require_second_factor,
        trusted_proxies: args.trusted_proxies.clone(),
        public_url: args.public_url.clone(),
        mail_relay: args.mail.relay_label(),
        backup_plan: app::accounts::backups::BackupPlan {
            dir: args
                .backups
                .backup_dir
                .as_ref()
                .map(|d| d.display().to_string()),
            hour: args.backups.backup_hour,
            keep: args.backups.backup_keep,
        },
        api_calls_per_minute: Some(args.api_calls_per_minute),
    };
    // Links in e-mail lead to the address people reach the site at.
    let site = match (&args.public_url, &args.mail.smtp_host) {
        (Some(url), _) => url.clone(),
        (None, None) => format!("http://{}", config.addr),
        (None, Some(_)) => return Err(
            "--smtp-host needs --public-url (SOS_PUBLIC_URL): the links in e-mail start with it"
                .into(),
        ),
    };
    let sender = mail::Sender::new(store.clone(), &args.mail, site)?;
    let sending = tokio::spawn(sender.run(shutdown::signal()));
    let backups = tokio::spawn(db::backup_schedule::run(
        database.clone(),
        args.backups.clone(),
        shutdown::signal(),
    ));
    let digests = tokio::spawn(mail::digests::run(
        store.clone(),
        args.mail.digest_hour,
        shutdown::signal(),
    ));
    // Answers kept in memory (the directory's facets) follow the writes heard here.
    let _listening = store.listen_for_changes();
    let router = http::router_with_policy(config.leptos_options(), store, policy)
        .into_make_service_with_connect_info::<std::net::SocketAddr>();
    // Without TCP_NODELAY a response written in more than one piece (a
    // file, a streamed page) waits for the client's delayed ACK: about 40 ms
    // each, which capped files at 2,000 requests a second (docs/benchmark.md).
    let listener = axum::serve::ListenerExt::tap_io(
        tokio::net::TcpListener::bind(config.addr)
            .await
            .map_err(|e| format!("cannot listen on {}: {e}", config.addr))?,
        |stream: &mut tokio::net::TcpStream| {
            if let Err(e) = stream.set_nodelay(true) {
                tracing::debug!(error = %e, "TCP_NODELAY could not be set");
            }
        },
    );
    tracing::info!("listening on http://{}", config.addr);
    axum::serve(listener, router)
        .with_graceful_shutdown(shutdown::signal())
        .await?;
    // A message being sent is finished, and its outcome written, first.
    let _ = sending.await;
    let _ = digests.await;
    let _ = backups.await;
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
    let (label, stats) = match args.kind.synthetic {
        Some(n) => {
            let seed = args.seed.unwrap_or(1);
            let stats =
                seed::dataset::write(&database, &seed::synthetic::generate(n, seed)).await?;
            (
                format!("synthetic network ({n} organisations, seed {seed})"),
                stats,
            )
        }
        None => {
            let store = store::SurrealStore::new(database.clone());
            (
                "demo dataset".to_owned(),
                seed::accounts::load_demo(&store).await?,
            )
        }
    };
    println!(
        "Loaded the {label}: {} organisations, {} persons, {} edges.",
        stats.organisations, stats.persons, stats.edges
    );
    if args.kind.demo {
        println!(
            "Demo accounts (role, e-mail, password):\n{}",
            seed::accounts::credentials()
        );
    }
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

async fn create_token(cli: &Cli, args: &UserTokenArgs) -> Result<(), AnyError> {
    let new = shared::TokenForm {
        name: args.name.clone(),
        scope: args.scope.clone(),
        days: args.days.clone(),
    }
    .check()
    .map_err(|errors| {
        errors
            .iter()
            .map(shared::ValidationError::message)
            .collect::<Vec<_>>()
            .join("; ")
    })?;
    let database = db::open(&cli.database()).await?;
    let store = store::SurrealStore::new(database);
    let secret = store
        .create_api_token_for(&args.email, &new)
        .await
        .map_err(|e| match e {
            app::error::WorkError::NotFound => {
                format!("no active account has the address {}", args.email)
            }
            other => other.to_string(),
        })?;
    println!("{secret}");
    Ok(())
}

async fn create_user(cli: &Cli, args: &UserCreateArgs) -> Result<(), AnyError> {
    let database = db::open(&cli.database()).await?;
    let store = store::SurrealStore::new(database);
    let (password, generated) = if args.password_stdin {
        let mut line = String::new();
        std::io::stdin().read_line(&mut line)?;
        (line.trim_end_matches(['\r', '\n']).to_owned(), false)
    } else {
        (server::security::token::passphrase()?, true)
    };
    let organisation = args
        .organisation
        .as_deref()
        .map(shared::OrgId::parse)
        .transpose()?;
    let id = store
        .create_user(
            server::store::accounts::sessions::NewUser {
                email: args.email.clone(),
                name: args.name.clone().unwrap_or_else(|| args.email.clone()),
                role: shared::Role::parse(&args.role)?,
                organisation,
                password: password.clone(),
            },
            None,
        )
        .await?;
    println!("Created {} account {id} for {}.", args.role, args.email);
    if generated {
        println!("Password (shown once, change it after signing in): {password}");
    }
    Ok(())
}
