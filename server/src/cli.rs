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
    /// Write a consistent snapshot of the whole database (schema, records,
    /// migrations applied) to a file, readable by its owner only.
    Backup(BackupArgs),
    /// Load a backup into an empty database, then apply this version's
    /// migrations. A database holding anything is refused.
    Restore(RestoreArgs),
}

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// The file to write, e.g. `/var/backups/sos/2026-11-30.surql`.
    #[arg(long, value_name = "FILE")]
    pub out: std::path::PathBuf,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// A file written by `server backup` (or the admin pages' download).
    #[arg(value_name = "FILE")]
    pub file: std::path::PathBuf,
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create an account, e.g. the first admin:
    /// `server user create --role admin --email you@example.org`.
    Create(UserCreateArgs),
    /// Make an API token for an account and print it once, e.g. for a
    /// program the operator sets up:
    /// `server user token --email staff@example.org --name "weekly report"`.
    Token(UserTokenArgs),
}

#[derive(Debug, Args)]
pub struct UserTokenArgs {
    #[arg(long)]
    pub email: String,
    /// What the token is for, as the account page lists it.
    #[arg(long)]
    pub name: String,
    /// read or read-write.
    #[arg(long, default_value = "read")]
    pub scope: String,
    /// Days until it expires: 7, 30, 90 or 365.
    #[arg(long, default_value = "7")]
    pub days: String,
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

    /// Production: campaigners, staff and admins must set up a second factor (RFC 6238
    /// codes) before they can use the platform.
    #[arg(long, env = "SOS_REQUIRE_SECOND_FACTOR", value_parser = clap::builder::BoolishValueParser::new(),
          num_args = 0..=1, require_equals = true, default_missing_value = "true", default_value = "false")]
    pub require_second_factor: bool,

    /// Addresses of the reverse proxies in front of the server (comma
    /// separated). Only a request arriving from one of them has its client
    /// address read from `X-Forwarded-For`; from anywhere else the header is
    /// ignored, so no one can pick the address the sign-in throttle and the
    /// audit log see.
    #[arg(
        long = "trusted-proxy",
        env = "SOS_TRUSTED_PROXY",
        value_delimiter = ',',
        value_name = "ADDR"
    )]
    pub trusted_proxies: Vec<std::net::IpAddr>,

    /// The address people reach the site at, e.g. `https://sos.example.org`.
    /// When it is https, cookies are `Secure` and browsers are told to come
    /// back only over https (HSTS), whatever the proxy in front reports.
    #[arg(long, env = "SOS_PUBLIC_URL", value_name = "URL", value_parser = public_url)]
    pub public_url: Option<String>,

    /// Calls one API token may make a minute (a fifth of them at once).
    #[arg(
        long,
        env = "SOS_API_CALLS_PER_MINUTE",
        value_name = "N",
        default_value_t = crate::http::api::CALLS_PER_MINUTE,
        value_parser = clap::value_parser!(u32).range(1..=100_000)
    )]
    pub api_calls_per_minute: u32,

    /// File holding the secret key that seals the second-factor secrets in
    /// the database: 64 hexadecimal characters (`openssl rand -hex 32`). Or
    /// give the characters in SOS_SECRET_KEY. Required in production; in
    /// development a key is made beside an embedded database.
    #[arg(long, env = "SOS_SECRET_KEY_FILE", value_name = "PATH")]
    pub secret_key_file: Option<std::path::PathBuf>,

    #[command(flatten)]
    pub mail: crate::mail::MailArgs,

    #[command(flatten)]
    pub backups: crate::db::backup_schedule::ScheduleArgs,
}

/// An origin: `http` or `https`, a host, an optional port, nothing after.
fn public_url(text: &str) -> Result<String, String> {
    let text = text.trim().trim_end_matches('/');
    let uri: http::Uri = text
        .parse()
        .map_err(|_| format!("{text:?} is not an address like https://sos.example.org"))?;
    let scheme_ok = matches!(uri.scheme_str(), Some("http" | "https"));
    let path_ok = uri
        .path_and_query()
        .is_none_or(|p| p.as_str().is_empty() || p.as_str() == "/");
    let no_user = uri.authority().is_some_and(|a| !a.as_str().contains('@'));
    if !scheme_ok || !path_ok || !no_user || uri.host().is_none_or(str::is_empty) {
        return Err(format!(
            "{text:?} is not an address like https://sos.example.org (http or https, a host, \
             an optional port, no path)"
        ));
    }
    // `HTTPS://Host` is the same address: kept in lower case, so that
    // whether it is https is read from the scheme alone.
    let authority = uri.authority().map(|a| a.as_str()).unwrap_or_default();
    Ok(format!(
        "{}://{}",
        uri.scheme_str().unwrap_or_default().to_ascii_lowercase(),
        authority.to_ascii_lowercase()
    ))
}

impl ServeArgs {
    /// Whether the public address is https.
    pub fn public_https(&self) -> bool {
        self.public_url
            .as_deref()
            .is_some_and(|u| u.starts_with("https://"))
    }
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
        Self::try_parse_with(Self::command(), args)
    }

    /// As [`Cli::try_parse_args`], with the command given (tests pass one
    /// that reads no environment variable).
    pub fn try_parse_with<I, T>(mut command: clap::Command, args: I) -> Result<Self, clap::Error>
    where
        I: IntoIterator<Item = T>,
        T: Into<OsString> + Clone,
    {
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
    /// Refuses settings that would expose the platform: the demo's public
    /// passwords on a production server, or a site root from which the
    /// fallback file service would hand out the working directory or the
    /// database itself.
    pub fn check(&self, database: &DatabaseConfig) -> Result<(), String> {
        if self.demo && self.require_second_factor {
            return Err("--demo (SOS_DEMO) loads accounts with public passwords and cannot be combined \
                 with --require-second-factor (SOS_REQUIRE_SECOND_FACTOR), which marks a production \
                 server"
                .into());
        }
        let site = self.site_root.trim();
        if site.is_empty() {
            return Err("--site-root (LEPTOS_SITE_ROOT) is empty: name the directory of the compiled site, \
                 e.g. target/site"
                .into());
        }
        let canonical = |p: &std::path::Path| std::fs::canonicalize(p).ok();
        if let Some(root) = canonical(std::path::Path::new(site)) {
            let here = std::env::current_dir().ok().and_then(|d| canonical(&d));
            let database_dir = database
                .url
                .strip_prefix("surrealkv://")
                .map(|path| path.split('?').next().unwrap_or(path))
                .and_then(|path| canonical(std::path::Path::new(path)));
            let exposes_database = database_dir.is_some_and(|db| db.starts_with(&root));
            let exposes_backups = self
                .backups
                .backup_dir
                .as_deref()
                .and_then(canonical)
                .is_some_and(|dir| dir.starts_with(&root));
            if here.as_ref() == Some(&root)
                || root.parent().is_none()
                || exposes_database
                || exposes_backups
            {
                return Err(format!(
                    "--site-root (LEPTOS_SITE_ROOT) {site} would serve {} to anyone: name the \
                     directory of the compiled site, e.g. target/site",
                    if exposes_database {
                        "the database"
                    } else if exposes_backups {
                        "the backups (--backup-dir)"
                    } else {
                        "this directory"
                    }
                ));
            }
        }
        Ok(())
    }

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

    /// The command line alone: the tests must not depend on the shell's
    /// SOS_* variables.
    fn without_environment(command: clap::Command) -> clap::Command {
        command
            .mut_args(|a| a.env(None::<&str>))
            .mut_subcommands(without_environment)
    }

    fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
        Cli::try_parse_with(without_environment(Cli::command()), args)
    }

    #[test]
    fn serve_is_the_default_with_an_embedded_database() {
        let cli = parse(&["server"]).unwrap();
        assert!(cli.command.is_none());
        assert_eq!(cli.database_url, "surrealkv://data/db");
    }

    #[test]
    fn seed_needs_exactly_one_kind() {
        assert!(parse(&["server", "seed"]).is_err());
        assert!(parse(&["server", "seed", "--demo", "--synthetic", "5"]).is_err());
        assert!(parse(&["server", "seed", "--demo", "--seed", "3"]).is_err());
        let cli = parse(&[
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
        let cli = parse(&[
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

        let plain = parse(&["server"]).unwrap();
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
            let err = parse(args).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::ArgumentConflict, "{args:?}");
            assert!(err.to_string().contains("is a setting of `serve`"), "{err}");
        }
        // The database settings are everyone's, before or after.
        let cli = parse(&["server", "--db", "mem://", "seed", "--demo"]).unwrap();
        assert!(matches!(cli.command, Some(Command::Seed(_))));
        let cli = parse(&["server", "serve", "--require-second-factor"]).unwrap();
        match cli.command {
            Some(Command::Serve(args)) => assert!(args.require_second_factor),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn serve_takes_address_and_demo_flag() {
        let cli = parse(&["server", "serve", "--addr", "127.0.0.1:4000", "--demo"]).unwrap();
        match cli.command {
            Some(Command::Serve(args)) => {
                assert!(args.demo);
                assert_eq!(args.server().addr.port(), 4000);
            }
            other => panic!("{other:?}"),
        }
        assert!(parse(&["server", "serve", "--addr", "nowhere"]).is_err());
    }

    #[test]
    fn a_setting_takes_the_usual_words_for_yes_and_no_and_refuses_the_rest() {
        for (word, on) in [("true", true), ("1", true), ("YES", true), ("on", true)]
            .into_iter()
            .chain([
                ("false", false),
                ("0", false),
                ("no", false),
                ("Off", false),
            ])
        {
            let flag = format!("--require-second-factor={word}");
            let cli = parse(&["server", &flag]).unwrap();
            assert_eq!(cli.serve.require_second_factor, on, "{word}");
        }
        for word in ["", "enabled", " true"] {
            assert!(
                parse(&["server", &format!("--demo={word}")]).is_err(),
                "{word:?}"
            );
        }
    }

    fn serving(demo: bool, second_factor: bool, site_root: &str) -> ServeArgs {
        ServeArgs {
            addr: SocketAddr::from(([127, 0, 0, 1], 3000)),
            site_root: site_root.into(),
            demo,
            require_second_factor: second_factor,
            trusted_proxies: Vec::new(),
            public_url: None,
            api_calls_per_minute: crate::http::api::CALLS_PER_MINUTE,
            secret_key_file: None,
            mail: crate::mail::MailArgs::off(),
            backups: crate::db::backup_schedule::ScheduleArgs::off(),
        }
    }

    #[test]
    fn the_public_address_is_an_origin() {
        for good in [
            "https://sos.example.org",
            "http://127.0.0.1:3000/",
            "https://[2001:db8::1]:8443",
        ] {
            assert!(super::public_url(good).is_ok(), "{good}");
        }
        for bad in [
            "sos.example.org",
            "ftp://sos.example.org",
            "https://sos.example.org/path",
            "https://sos.example.org/?next=x",
            "https://user@sos.example.org",
            "https://",
            "https://sos.exa\nmple.org",
        ] {
            assert!(super::public_url(bad).is_err(), "{bad:?}");
        }
        let mut args = serving(false, false, "target/site");
        assert!(!args.public_https());
        args.public_url = Some("https://sos.example.org".into());
        assert!(args.public_https());
        assert_eq!(
            super::public_url("HTTPS://SOS.example.org/").unwrap(),
            "https://sos.example.org"
        );
    }

    #[test]
    fn the_demo_never_runs_on_a_production_server() {
        let db = DatabaseConfig::memory();
        let err = serving(true, true, "target/site").check(&db).unwrap_err();
        assert!(err.contains("public passwords"), "{err}");
        assert!(serving(true, false, "target/site").check(&db).is_ok());
        assert!(serving(false, true, "target/site").check(&db).is_ok());
    }

    #[test]
    fn backups_kept_under_the_site_root_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        std::fs::create_dir_all(site.join("backups")).unwrap();
        let mut args = serving(false, false, site.to_str().unwrap());
        args.backups.backup_dir = Some(site.join("backups"));
        let err = args.check(&DatabaseConfig::memory()).unwrap_err();
        assert!(err.contains("the backups"), "{err}");
        args.backups.backup_dir = Some(dir.path().join("elsewhere"));
        std::fs::create_dir_all(dir.path().join("elsewhere")).unwrap();
        assert!(args.check(&DatabaseConfig::memory()).is_ok());
    }

    #[test]
    fn a_site_root_that_would_serve_the_database_or_this_directory_is_refused() {
        let db = DatabaseConfig::memory();
        for root in ["", "  ", ".", "/"] {
            let err = serving(false, false, root).check(&db).unwrap_err();
            assert!(
                err.contains("--site-root (LEPTOS_SITE_ROOT)"),
                "{root:?}: {err}"
            );
        }
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("db")).unwrap();
        let on_disk = DatabaseConfig {
            url: format!("surrealkv://{}/db?sync=every", dir.path().display()),
            ..DatabaseConfig::memory()
        };
        let root = dir.path().display().to_string();
        let err = serving(false, false, &root).check(&on_disk).unwrap_err();
        assert!(err.contains("the database"), "{err}");
        let site = dir.path().join("site");
        std::fs::create_dir(&site).unwrap();
        assert!(serving(false, false, &site.display().to_string())
            .check(&on_disk)
            .is_ok());
    }
}
