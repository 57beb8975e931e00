//! The command line: `serve` (the default), `seed`, `migrate`, `user`.

use crate::config::{DatabaseConfig, ServerConfig};
use clap::error::ErrorKind;
use clap::parser::ValueSource;
use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand};
use std::ffi::OsString;
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

    /// `serve`'s settings, read when the binary runs with no subcommand (as
    /// `cargo leptos serve` starts it): one definition for both ways in.
    #[command(flatten)]
    pub serve: ServeArgs,

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

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "SOS_ADDR", default_value = "127.0.0.1:3000")]
    pub addr: SocketAddr,

    /// Directory with the compiled site (`pkg/`) and public assets.
    #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = "target/site")]
    pub site_root: String,

    /// Load the demo dataset first if the database holds no organisation yet.
    /// A value needs `=` (`--demo=false`), so a word after the flag is never
    /// taken for its value.
    #[arg(long, env = "SOS_DEMO", value_parser = clap::builder::BoolishValueParser::new(),
          num_args = 0..=1, require_equals = true, default_missing_value = "true", default_value = "false")]
    pub demo: bool,

    /// Production: staff and admins must set up a second factor (RFC 6238
    /// codes) before they can use the platform.
    #[arg(long, env = "SOS_REQUIRE_SECOND_FACTOR", value_parser = clap::builder::BoolishValueParser::new(),
          num_args = 0..=1, require_equals = true, default_missing_value = "true", default_value = "false")]
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

impl Cli {
    /// Parses the command line. `serve`'s flags are taken before any
    /// subcommand (the binary serves when given none), so a flag written
    /// there before another subcommand, or before `serve` itself, would be
    /// silently ignored: that is refused instead. Values from the environment
    /// are never refused; they apply to whichever serves.
    pub fn try_parse_args<I, T>(args: I) -> Result<Self, clap::Error>
    where
        I: IntoIterator<Item = T>,
        T: Into<OsString> + Clone,
    {
        let mut command = Self::command();
        let matches = command.try_get_matches_from_mut(args)?;
        let cli = Self::from_arg_matches(&matches)?;
        if let Some(subcommand) = matches.subcommand_name() {
            let serve_flags = ServeArgs::augment_args(clap::Command::new("serve"));
            for flag in serve_flags.get_arguments() {
                let id = flag.get_id().as_str();
                if matches.value_source(id) == Some(ValueSource::CommandLine) {
                    let long = flag.get_long().unwrap_or(id);
                    return Err(command.error(
                        ErrorKind::ArgumentConflict,
                        format!(
                            "--{long} is a setting of `serve`: write it after `serve`, \
                             or give no subcommand, not before `{subcommand}`"
                        ),
                    ));
                }
            }
        }
        Ok(cli)
    }
}

impl ServeArgs {
    pub fn server(&self) -> ServerConfig {
        ServerConfig {
            addr: self.addr,
            site_root: self.site_root.clone(),
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
    fn with_no_subcommand_the_serve_settings_apply() {
        let cli = Cli::try_parse_args([
            "server",
            "--db",
            "mem://",
            "--addr",
            "127.0.0.1:4001",
            "--site-root",
            "site",
            "--demo",
            "--require-second-factor",
        ])
        .unwrap();
        assert!(cli.command.is_none());
        assert!(cli.serve.demo && cli.serve.require_second_factor);
        assert_eq!(cli.serve.server().addr.port(), 4001);
        assert_eq!(cli.serve.server().site_root, "site");
        assert_eq!(cli.database_url, "mem://");

        let plain = Cli::try_parse_args(["server"]).unwrap();
        assert!(!plain.serve.demo && !plain.serve.require_second_factor);
        assert_eq!(plain.serve.server().addr.port(), 3000);
    }

    #[test]
    fn a_serve_setting_before_a_subcommand_is_refused_not_ignored() {
        for args in [
            &["server", "--require-second-factor", "serve"][..],
            &["server", "--addr", "127.0.0.1:4002", "migrate"],
            &["server", "--demo", "seed", "--synthetic", "5"],
        ] {
            let err = Cli::try_parse_args(args).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::ArgumentConflict, "{args:?}");
            assert!(err.to_string().contains("is a setting of `serve`"), "{err}");
        }
        // The database settings are everyone's, before or after.
        let cli = Cli::try_parse_args(["server", "--db", "mem://", "seed", "--demo"]).unwrap();
        assert!(matches!(cli.command, Some(Command::Seed(_))));
        let cli = Cli::try_parse_args(["server", "serve", "--require-second-factor"]).unwrap();
        match cli.command {
            Some(Command::Serve(args)) => assert!(args.require_second_factor),
            other => panic!("{other:?}"),
        }
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
