//! One demo account per role, so the platform can be tried as each kind of
//! user. The passwords are public (printed and in the README): demo only.

use crate::store::accounts::sessions::{CreateUserError, NewUser};
use crate::store::SurrealStore;
use shared::{OrgId, Role};

pub struct DemoAccount {
    pub role: Role,
    pub email: &'static str,
    pub password: &'static str,
}

pub const DEMO_ACCOUNTS: [DemoAccount; 4] = [
    DemoAccount {
        role: Role::Admin,
        email: "admin@example.org",
        password: "river lantern violet 1997",
    },
    DemoAccount {
        role: Role::Staff,
        email: "staff@example.org",
        password: "harbour compass amber 2011",
    },
    DemoAccount {
        role: Role::Campaigner,
        email: "campaigner@example.org",
        password: "geneva morning delegation 24",
    },
    DemoAccount {
        role: Role::Member,
        email: "member@example.org",
        password: "abidjan orange notebook 42",
    },
];

/// The member account speaks for MIDH, the member organisation of the reports.
pub const DEMO_MEMBER_ORGANISATION: &str = "midh";

/// Creates the demo accounts and gives the staff account a grant to one
/// restricted record of the demo data (`restricted_record`, `table:key`).
pub async fn create(
    store: &SurrealStore,
    restricted_record: Option<&str>,
) -> Result<(), CreateUserError> {
    for account in &DEMO_ACCOUNTS {
        let name = format!("Demo {}", account.role);
        let organisation = (account.role == Role::Member)
            .then(|| OrgId::parse(DEMO_MEMBER_ORGANISATION).expect("a valid id"));
        let id = store
            .create_user(
                NewUser {
                    email: account.email.to_owned(),
                    name,
                    role: account.role,
                    organisation,
                    password: account.password.to_owned(),
                },
                None,
            )
            .await?;
        if let (Role::Staff, Some(target)) = (account.role, restricted_record) {
            store.grant(&id, target, None).await?;
        }
    }
    Ok(())
}

/// The demo dataset and its accounts, into an empty database.
pub async fn load_demo(
    store: &SurrealStore,
) -> Result<crate::seed::dataset::WriteStats, Box<dyn std::error::Error + Send + Sync>> {
    let data = crate::seed::demo::dataset();
    let stats = crate::seed::dataset::write(store.db(), &data).await?;
    crate::seed::demo::real_organisations::write_other_names(store.db()).await?;
    let restricted = data
        .orgs
        .iter()
        .find(|o| o.visibility == shared::Visibility::Restricted)
        .map(|o| format!("organisation:{}", o.key));
    crate::seed::trials::write(store.db(), chrono::Utc::now().date_naive()).await?;
    create(store, restricted.as_deref()).await?;
    let staff = DEMO_ACCOUNTS
        .iter()
        .find(|a| a.role == Role::Staff)
        .expect("a staff account");
    crate::seed::trials::link_staff_observer(store.db(), staff.email).await?;
    let campaigner = DEMO_ACCOUNTS
        .iter()
        .find(|a| a.role == Role::Campaigner)
        .expect("a campaigner account");
    crate::seed::advocacy::write(
        store.db(),
        chrono::Utc::now().date_naive(),
        campaigner.email,
    )
    .await?;
    crate::seed::applications::write(store.db(), chrono::Utc::now().date_naive()).await?;
    Ok(stats)
}

/// The lines printed after seeding, so whoever started the demo can sign in.
pub fn credentials() -> String {
    DEMO_ACCOUNTS
        .iter()
        .map(|a| format!("  {:<11} {:<24} {}", a.role.as_str(), a.email, a.password))
        .collect::<Vec<_>>()
        .join("\n")
}
