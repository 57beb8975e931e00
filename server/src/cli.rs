//! The command line: `serve` (default), `seed`, `migrate`.

use crate::config::{DatabaseConfig, ServerConfig};
use clap::{Args, Parser, Subcommand};
use std::net::SocketAddr;

#[derive(Debug, Parser)]
#[command(name = "server", version, about = "The SOS-Torture network platform")]
pub struct Cli {
    /// Database: `surrealkv://path` (embedded, on disk), `mem://` (in memory)
    /// or `ws://host:port` (a SurrealDB server; needs a build with `--features remote`).
    #[arg(
        long = "db",
        env = "SOS_DATABASE_URL",
        default_value = "surrealkv://data/db",
        global = true
    )]
    pub database_url: String,

    #[arg(long, env = "SOS_DB_NAMESPACE", default_value = "sos", global = true)]
    pub db_namespace: String,

    #[arg(
        long,
        env = "SOS_DB_DATABASE",
        default_value = "network",
        global = true
    )]
    pub db_database: String,

    /// Root user of a remote SurrealDB server (unused for embedded databases).
    #[arg(long, env = "SOS_DB_USER", global = true)]
    pub db_user: Option<String>,

    #[arg(long, env = "SOS_DB_PASSWORD", hide_env_values = true, global = true)]
    pub db_password: Option<String>,

    /// Log filter, e.g. `info`, `debug`, `server=debug,warn`.
    #[arg(long = "log", env = "SOS_LOG", default_value = "info", global = true)]
    pub log_level: String,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the web application (the default).
    Serve(ServeArgs),
    /// Load data into the database.
    Seed(SeedArgs),
    /// Apply pending schema migrations and exit.
    Migrate,
    /// Manage accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Time the graph queries on generated networks against an in-memory
    /// floor (petgraph) and write the table; uses its own temporary database.
    Bench(BenchArgs),
}

#[derive(Debug, Args)]
pub struct BenchArgs {
    /// Approximate node counts of the generated networks.
    #[arg(long, value_delimiter = ',', default_value = "1000,10000,100000")]
    pub sizes: Vec<usize>,
    /// Timed runs per query and size.
    #[arg(long, default_value_t = 40)]
    pub runs: usize,
    /// Seconds allowed to each query at each size; it stops there.
    #[arg(long, default_value_t = 20)]
    pub budget_secs: u64,
    /// Seed of the generator.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// An in-memory database instead of a temporary on-disk one.
    #[arg(long)]
    pub memory: bool,
    /// Also write the table to this Markdown file (e.g. docs/benchmark.md).
    #[arg(long)]
    pub out: Option<std::path::PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create an account, e.g. the first admin:
    /// `server user create --role admin --email you@example.org`.
    Create(UserCreateArgs),
}

#[derive(Debug, Args)]
pub struct UserCreateArgs {
    /// member, campaigner, staff or admin.
    #[arg(long)]
    pub role: String,
    #[arg(long)]
    pub email: String,
    /// The name shown in the interface and the audit log [default: the e-mail address].
    #[arg(long)]
    pub name: Option<String>,
    /// For a member: the key of the organisation they speak for.
    #[arg(long = "org")]
    pub organisation: Option<String>,
    /// Read the password from the first line of standard input; otherwise a
    /// random passphrase is generated and printed once.
    #[arg(long)]
    pub password_stdin: bool,
}

#[derive(Debug, Args, Default)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "SOS_ADDR", default_value = "127.0.0.1:3000")]
    pub addr: Option<SocketAddr>,

    /// Directory with the compiled site (`pkg/`) and public assets.
    #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = "target/site")]
    pub site_root: Option<String>,

    /// Load the demo dataset first if the database holds no organisation yet.
    #[arg(long, env = "SOS_DEMO", value_parser = clap::builder::BoolishValueParser::new(),
          num_args = 0..=1, default_missing_value = "true", default_value = "false")]
    pub demo: bool,

    /// Production: staff and admins must set up a second factor (RFC 6238
    /// codes) before they can use the platform.
    #[arg(long, env = "SOS_REQUIRE_SECOND_FACTOR", value_parser = clap::builder::BoolishValueParser::new(),
          num_args = 0..=1, default_missing_value = "true", default_value = "false")]
    pub require_second_factor: bool,
}

#[derive(Debug, Args)]
#[group(required = true, multiple = false)]
pub struct SeedKind {
    /// The curated demo dataset drawn from OMCT's reports.
    #[arg(long)]
    pub demo: bool,

    /// A generated network with this many organisations (plus persons and edges).
    #[arg(long, value_name = "N")]
    pub synthetic: Option<usize>,
}

#[derive(Debug, Args)]
pub struct SeedArgs {
    #[command(flatten)]
    pub kind: SeedKind,

    /// Seed of the synthetic generator: the same seed gives the same graph [default: 1].
    #[arg(long, conflicts_with = "demo")]
    pub seed: Option<u64>,
}

impl Cli {
    pub fn database(&self) -> DatabaseConfig {
        DatabaseConfig {
            url: self.database_url.clone(),
            namespace: self.db_namespace.clone(),
            database: self.db_database.clone(),
            username: self.db_user.clone(),
            password: self.db_password.clone(),
        }
    }
}

impl ServeArgs {
    pub fn server(&self) -> ServerConfig {
        ServerConfig {
            addr: self
                .addr
                .unwrap_or_else(|| SocketAddr::from(([127, 0, 0, 1], 3000))),
            site_root: self
                .site_root
                .clone()
                .unwrap_or_else(|| "target/site".into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serve_is_the_default_with_an_embedded_database() {
        let cli = Cli::try_parse_from(["server"]).unwrap();
        assert!(cli.command.is_none());
        assert_eq!(cli.database_url, "surrealkv://data/db");
    }

    #[test]
    fn seed_needs_exactly_one_kind() {
        assert!(Cli::try_parse_from(["server", "seed"]).is_err());
        assert!(Cli::try_parse_from(["server", "seed", "--demo", "--synthetic", "5"]).is_err());
        assert!(Cli::try_parse_from(["server", "seed", "--demo", "--seed", "3"]).is_err());
        let cli = Cli::try_parse_from([
            "server",
            "--db",
            "mem://",
            "seed",
            "--synthetic",
            "50",
            "--seed",
            "7",
        ])
        .unwrap();
        match cli.command {
            Some(Command::Seed(args)) => {
                assert_eq!(args.kind.synthetic, Some(50));
                assert_eq!(args.seed, Some(7));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(cli.database_url, "mem://");
    }

    #[test]
    fn bench_takes_sizes_and_bounds() {
        let cli =
            Cli::try_parse_from(["server", "bench", "--sizes", "500,2000", "--runs", "3"]).unwrap();
        match cli.command {
            Some(Command::Bench(args)) => {
                assert_eq!(args.sizes, [500, 2000]);
                assert_eq!(args.runs, 3);
                assert_eq!(args.budget_secs, 20);
            }
            other => panic!("{other:?}"),
        }
        assert!(Cli::try_parse_from(["server", "bench", "--sizes", "many"]).is_err());
    }

    #[test]
    fn serve_takes_address_and_demo_flag() {
        let cli =
            Cli::try_parse_from(["server", "serve", "--addr", "127.0.0.1:4000", "--demo"]).unwrap();
        match cli.command {
            Some(Command::Serve(args)) => {
                assert!(args.demo);
                assert_eq!(args.server().addr.port(), 4000);
            }
            other => panic!("{other:?}"),
        }
        assert!(Cli::try_parse_from(["server", "serve", "--addr", "nowhere"]).is_err());
    }
}
