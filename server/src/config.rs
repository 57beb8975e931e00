//! Typed configuration, assembled once from flags and environment variables.

use leptos::config::LeptosOptions;
use std::net::SocketAddr;

/// Where the site's compiled assets (WASM, JS, CSS) are served from.
pub const OUTPUT_NAME: &str = "sos-torture";

#[derive(Debug, Clone)]
pub struct DatabaseConfig {
    /// `surrealkv://path`, `mem://`, or `ws://host:port` for a remote server.
    pub url: String,
    pub namespace: String,
    pub database: String,
    /// Root credentials, used only for a remote server.
    pub username: Option<String>,
    pub password: Option<String>,
}

impl DatabaseConfig {
    pub fn memory() -> Self {
        Self {
            url: "mem://".into(),
            namespace: "sos".into(),
            database: "network".into(),
            username: None,
            password: None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct ServerConfig {
    pub addr: SocketAddr,
    /// Directory holding `pkg/` (built by cargo-leptos) and the public assets.
    pub site_root: String,
}

impl ServerConfig {
    pub fn leptos_options(&self) -> LeptosOptions {
        LeptosOptions::builder()
            .output_name(OUTPUT_NAME)
            .site_root(self.site_root.as_str())
            .site_pkg_dir("pkg")
            .site_addr(self.addr)
            .build()
    }
}
