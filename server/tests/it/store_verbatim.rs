//! Values that look like SurrealQL are stored and returned exactly as given.

use crate::support;
use app::directory::store::Profiles;
use app::directory::store::Search;
use server::seed::dataset::{self, Dataset, EdgeKind, EdgeSeed, NodeRef, OrgSeed};
use server::store::SurrealStore;
use shared::{DirectoryQuery, OrgId, OrgKind, SearchText, Viewer, Visibility};

#[tokio::test]
async fn bound_values_are_stored_verbatim() {
    let db = support::empty_db().await;
    let name = "Comité ' ; DELETE organisation; -- $vis \" } { <script>";
    let description = "RETURN (SELECT * FROM person);\n\nLET $x = 1; ⟨unicode⟩ \\ backslash";
    let data = Dataset {
        orgs: vec![OrgSeed {
            key: "tricky".into(),
            name: name.into(),
            acronym: Some("DROP".into()),
            kind: OrgKind::Member,
            description: description.into(),
            description_lang: "fr",
            translations: vec![("en", "Translated ' ; -- text".into())],
            city: Some("O'Higgins".into()),
            website: Some("https://example.org/?q=1;DELETE".into()),
            email: None,
            member_since: Some(2001),
            visibility: Visibility::Public,
            demo: true,
        }],
        persons: vec![],
        edges: vec![EdgeSeed::new(
            EdgeKind::BasedIn,
            NodeRef::org("tricky"),
            NodeRef::country("CL"),
            Visibility::Public,
        )],
    };
    dataset::write(&db, &data).await.unwrap();
    let store = SurrealStore::new(db);
    let viewer = Viewer::anonymous();
    let org = store
        .organisation(&viewer, &OrgId::parse("tricky").unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(org.name, name);
    assert_eq!(org.description.text, description);
    assert_eq!(org.description.lang, "fr");
    assert_eq!(
        org.description.best_for("en"),
        ("Translated ' ; -- text", "en")
    );
    assert_eq!(org.city.as_deref(), Some("O'Higgins"));
    assert_eq!(
        org.website.as_deref(),
        Some("https://example.org/?q=1;DELETE")
    );
    assert_eq!(org.based_in.unwrap().code.as_str(), "CL");

    let q = DirectoryQuery {
        q: SearchText::parse("DELETE organisation").unwrap(),
        page: 1,
        ..Default::default()
    };
    let found = store.directory(&viewer, &q).await.unwrap();
    assert_eq!(found.items.first().map(|o| o.name.as_str()), Some(name));
}
