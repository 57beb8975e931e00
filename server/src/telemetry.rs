//! Logging, set up once at start-up.

use tracing_subscriber::EnvFilter;

/// `level` is an `EnvFilter` directive such as `info` or `server=debug,info`.
pub fn init(level: &str) {
    let filter = EnvFilter::try_new(level).unwrap_or_else(|err| {
        eprintln!("invalid log level {level:?} ({err}); using \"info\"");
        EnvFilter::new("info")
    });
    // A second initialisation (tests) is harmless: keep the first.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false)
        .try_init();
}
