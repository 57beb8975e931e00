//! Numbered `.surql` migrations, embedded in the binary, applied once each in
//! order and recorded in the `migration` table. An applied migration is never
//! edited: its checksum is checked at every start.

use super::{Db, DbError};
use surrealdb::types::SurrealValue;

pub struct Migration {
    pub name: &'static str,
    pub sql: &'static str,
}

pub const MIGRATIONS: &[Migration] = &[
    Migration {
        name: "0001_graph",
        sql: include_str!("../../migrations/0001_graph.surql"),
    },
    Migration {
        name: "0002_languages",
        sql: include_str!("../../migrations/0002_languages.surql"),
    },
    Migration {
        name: "0003_accounts",
        sql: include_str!("../../migrations/0003_accounts.surql"),
    },
    Migration {
        name: "0004_second_factor",
        sql: include_str!("../../migrations/0004_second_factor.surql"),
    },
    Migration {
        name: "0005_trials",
        sql: include_str!("../../migrations/0005_trials.surql"),
    },
    Migration {
        name: "0006_advocacy",
        sql: include_str!("../../migrations/0006_advocacy.surql"),
    },
    Migration {
        name: "0007_edge_ends",
        sql: include_str!("../../migrations/0007_edge_ends.surql"),
    },
    Migration {
        name: "0008_link_counts",
        sql: include_str!("../../migrations/0008_link_counts.surql"),
    },
    Migration {
        name: "0009_link_lists",
        sql: include_str!("../../migrations/0009_link_lists.surql"),
    },
    Migration {
        name: "0010_calendar_scope",
        sql: include_str!("../../migrations/0010_calendar_scope.surql"),
    },
    Migration {
        name: "0011_recovery_and_reset",
        sql: include_str!("../../migrations/0011_recovery_and_reset.surql"),
    },
    Migration {
        name: "0012_people",
        sql: include_str!("../../migrations/0012_people.surql"),
    },
    Migration {
        name: "0013_membership_years",
        sql: include_str!("../../migrations/0013_membership_years.surql"),
    },
    Migration {
        name: "0014_org_facts",
        sql: include_str!("../../migrations/0014_org_facts.surql"),
    },
    Migration {
        name: "0015_past_links",
        sql: include_str!("../../migrations/0015_past_links.surql"),
    },
    Migration {
        name: "0016_merged",
        sql: include_str!("../../migrations/0016_merged.surql"),
    },
    Migration {
        name: "0017_applications",
        sql: include_str!("../../migrations/0017_applications.surql"),
    },
    Migration {
        name: "0018_place_years",
        sql: include_str!("../../migrations/0018_place_years.surql"),
    },
    Migration {
        name: "0019_notifications",
        sql: include_str!("../../migrations/0019_notifications.surql"),
    },
    Migration {
        name: "0020_notification_delivery",
        sql: include_str!("../../migrations/0020_notification_delivery.surql"),
    },
    Migration {
        name: "0021_alerts",
        sql: include_str!("../../migrations/0021_alerts.surql"),
    },
    Migration {
        name: "0022_appeals",
        sql: include_str!("../../migrations/0022_appeals.surql"),
    },
    Migration {
        name: "0023_pairs_per_level",
        sql: include_str!("../../migrations/0023_pairs_per_level.surql"),
    },
    Migration {
        name: "0024_api_tokens",
        sql: include_str!("../../migrations/0024_api_tokens.surql"),
    },
    Migration {
        name: "0025_imports",
        sql: include_str!("../../migrations/0025_imports.surql"),
    },
    Migration {
        name: "0026_bulk_writes_linear",
        sql: include_str!("../../migrations/0026_bulk_writes_linear.surql"),
    },
    Migration {
        name: "0027_person_imports",
        sql: include_str!("../../migrations/0027_person_imports.surql"),
    },
];

const BOOKKEEPING: &str = "
DEFINE TABLE IF NOT EXISTS migration SCHEMAFULL;
DEFINE FIELD IF NOT EXISTS name ON migration TYPE string;
DEFINE FIELD IF NOT EXISTS checksum ON migration TYPE string;
DEFINE FIELD IF NOT EXISTS applied_at ON migration TYPE datetime DEFAULT time::now();
DEFINE INDEX IF NOT EXISTS migration_name ON migration FIELDS name UNIQUE;
";

#[derive(Debug, SurrealValue)]
struct Applied {
    name: String,
    checksum: String,
}

/// FNV-1a: stable across builds and platforms, enough to notice an edit.
fn checksum(sql: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in sql.as_bytes() {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// Applies every pending migration; returns the names of those it applied.
pub async fn apply(db: &Db) -> Result<Vec<&'static str>, DbError> {
    apply_these(db, MIGRATIONS).await
}

/// Applies the pending ones of `migrations` (a prefix of [`MIGRATIONS`]:
/// tests build a database as an older release left it, then upgrade it).
pub async fn apply_these(db: &Db, migrations: &[Migration]) -> Result<Vec<&'static str>, DbError> {
    db.query(BOOKKEEPING).await?.check()?;
    let applied: Vec<Applied> = db
        .query("SELECT name, checksum FROM migration ORDER BY name")
        .await?
        .take(0)?;
    let mut newly_applied = Vec::new();
    for migration in migrations {
        let sum = checksum(migration.sql);
        if let Some(done) = applied.iter().find(|a| a.name == migration.name) {
            if done.checksum != sum {
                return Err(DbError::Migration {
                    name: migration.name.into(),
                    message: "it was edited after it had been applied; add a new migration instead"
                        .into(),
                });
            }
            continue;
        }
        // One transaction per migration: a failing migration leaves no trace
        // and is retried at the next start.
        let sql = format!(
            "BEGIN TRANSACTION;\n{}\n;CREATE migration CONTENT {{ name: $name, checksum: $checksum }};\nCOMMIT TRANSACTION;",
            migration.sql
        );
        db.query(sql)
            .bind(("name", migration.name))
            .bind(("checksum", sum))
            .await
            .and_then(|r| r.check())
            .map_err(|e| DbError::Migration {
                name: migration.name.into(),
                message: e.to_string(),
            })?;
        tracing::info!(migration = migration.name, "applied migration");
        newly_applied.push(migration.name);
    }
    Ok(newly_applied)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_numbered_in_order() {
        let names: Vec<_> = MIGRATIONS.iter().map(|m| m.name).collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        assert_eq!(names, sorted);
        for (i, m) in MIGRATIONS.iter().enumerate() {
            assert!(m.name.starts_with(&format!("{:04}_", i + 1)), "{}", m.name);
        }
    }

    #[test]
    fn checksum_notices_any_edit() {
        assert_eq!(checksum("DEFINE TABLE a;"), checksum("DEFINE TABLE a;"));
        assert_ne!(checksum("DEFINE TABLE a;"), checksum("DEFINE TABLE b;"));
    }
}
