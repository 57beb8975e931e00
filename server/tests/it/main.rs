//! The server's integration tests, one binary for the crate: a module per
//! feature or path, and `support` for what they share (databases holding the
//! demo data, the router and readers of its answers). One binary links
//! SurrealDB and Leptos once instead of once per file.

mod support;

mod access_audit;
mod access_matrix;
mod accounts;
mod backup_binary;
mod backup_restore;
mod bench_graph;
mod bench_similar;
mod cli_binary;
mod crash_safety;
mod directory_index;
mod hostile_input;
mod http_accounts;
mod http_advocacy;
mod http_alert_matrix;
mod http_alerts;
mod http_api;
mod http_api_writes;
mod http_appeals;
mod http_edge;
mod http_exports;
mod http_graph;
mod http_headers;
mod http_languages;
mod http_membership;
mod http_pages;
mod http_site_files;
mod http_trials;
mod kept_answers;
mod load_limits;
mod mail_outbox;
mod page_cache;
mod password_reset;
mod second_factor;
mod store_advocacy;
mod store_alerts;
mod store_appeals;
mod store_backup;
mod store_bulk_links;
mod store_digest;
mod store_directory;
mod store_editing;
mod store_graph;
mod store_import_persons;
mod store_import_workbooks;
mod store_imports;
mod store_link_lists;
mod store_membership;
mod store_migrations;
mod store_org_records;
mod store_pairs_per_level;
mod store_people;
mod store_place_ties;
mod store_profile;
mod store_synthetic;
mod store_ties;
mod store_trials;
mod store_users;
mod store_verbatim;
mod style_contrast;
mod write_matrix;
