//! Imports from CSV: every error with its line, column and value; the
//! preview writes nothing; a file with one bad row writes nothing; a fixed
//! file is written whole, audited with its counts, and found in the
//! directory; importing it again changes nothing; the directory's own
//! export imports back unchanged; a record hidden from the importer is
//! never matched nor named; the upload route is for staff only.

use crate::support;
use crate::support::http::{app_with_readers, get_with};
use app::directory::store::Search as _;
use app::exchange::store::Imports as _;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use server::exchange::desk::{ImportDesk, Upload};
use server::store::SurrealStore;
use shared::import::{ImportFile, ImportStatus, OutcomeKind, RowOutcome};
use shared::{DirectoryQuery, Role, SearchText};
use std::sync::Arc;
use tower::ServiceExt;

fn organisations(text: &[u8]) -> Upload {
    Upload {
        kind: ImportFile::Organisations,
        name: "organisations.csv".into(),
        bytes: text.to_vec(),
    }
}

fn relations(text: &str) -> Upload {
    Upload {
        kind: ImportFile::Relations,
        name: "relations.csv".into(),
        bytes: text.as_bytes().to_vec(),
    }
}

/// What `actor` would import from `text` (a file of `kind`), planned
/// against the network as it is now; a new record gets no key.
pub(crate) async fn planned(
    store: &SurrealStore,
    actor: &app::accounts::Actor,
    kind: ImportFile,
    text: &str,
) -> server::exchange::plan::Plan {
    use server::exchange::plan::{plan, Files, Importer, NewKeys};
    let snapshot = store.import_snapshot(actor).await.unwrap();
    let table = server::exchange::rows::read(text, kind, 10).unwrap();
    let files = match kind {
        ImportFile::Organisations => Files {
            organisations: Some(&table),
            ..Files::default()
        },
        ImportFile::Persons => Files {
            persons: Some(&table),
            ..Files::default()
        },
        ImportFile::Relations => Files {
            relations: Some(&table),
            ..Files::default()
        },
    };
    plan(
        files,
        &snapshot,
        &Importer {
            role: actor.user.role,
            viewer: &actor.viewer,
        },
        NewKeys {
            organisation: &|_, _| Err("no new organisation here".into()),
            person: &|_| Err("no new person here".into()),
        },
        |_| {},
    )
    .unwrap()
}

/// An import of `actor` waiting to be written, as a confirmation leaves it.
pub(crate) async fn writing_import(
    store: &SurrealStore,
    actor: &app::accounts::Actor,
    kind: ImportFile,
) -> String {
    let job = store
        .create_import(
            actor,
            vec![server::store::exchange::imports::ImportFileRow {
                kind: kind.as_str().into(),
                name: format!("{}.csv", kind.as_str()),
                text: String::new(),
            }],
            20,
        )
        .await
        .unwrap();
    assert!(store
        .import_moves(
            actor,
            &job,
            &[ImportStatus::Checking],
            ImportStatus::Writing
        )
        .await
        .unwrap());
    job
}

/// A list's CSV export as the demo staff download it, and the store it
/// came from.
pub(crate) async fn staff_export(path: &str) -> (Arc<SurrealStore>, String) {
    let (store, app, readers) = app_with_readers().await;
    let staff_reader = readers
        .iter()
        .find(|r| r.role == Some(Role::Staff))
        .unwrap();
    let (status, _, csv) = get_with(&app, path, &[("cookie", staff_reader.cookie.as_str())]).await;
    assert_eq!(status, StatusCode::OK, "{path}");
    (store, csv)
}

pub(crate) async fn count(store: &SurrealStore, table: &str) -> i64 {
    let n: Option<i64> = store
        .db()
        .query(format!("RETURN count(SELECT VALUE id FROM {table})"))
        .await
        .unwrap()
        .take(0)
        .unwrap();
    n.unwrap_or(0)
}

/// Every row of the import, in the file's order.
pub(crate) async fn rows(
    desk: &ImportDesk,
    actor: &app::accounts::Actor,
    id: &str,
) -> Vec<shared::import::PreviewRow> {
    let mut all = Vec::new();
    for kind in OutcomeKind::ALL {
        let mut page = 1;
        loop {
            let view = desk.import(actor, id, kind, page).await.unwrap().unwrap();
            all.extend(view.rows.clone());
            if page >= view.pages {
                break;
            }
            page += 1;
        }
    }
    all.sort_by_key(|r| (r.file, r.line));
    all
}

/// The problems of a row as `(column, value)`.
pub(crate) fn problems(row: &shared::import::PreviewRow) -> Vec<(String, String)> {
    match &row.outcome {
        RowOutcome::Error { problems } => problems
            .iter()
            .map(|p| (p.column.clone(), p.value.clone()))
            .collect(),
        other => panic!("line {} is {other:?}, not an error", row.line),
    }
}

const GOOD: &str = "name;acronym;kind;country;city;themes;visibility;description_lang;description_fr;description_en\n\
Centre Ubuntu pour la réhabilitation;CUR;member;BI;Gitega;\"torture-prevention; justice\";network;fr;Soins aux victimes de torture.;Care for victims of torture.\n\
Réseau des défenseurs du lac;;partner;RW;;human-rights-defenders;public;;;\n";

const GOOD_RELATIONS: &str = "from,to,kind,role,since,visibility\n\
Centre Ubuntu pour la réhabilitation,OMCT,member-of,member,2024,\n\
CUR,Réseau des défenseurs du lac,partner_of,,2023,network\n";

fn windows_1252(text: &str) -> Vec<u8> {
    let (bytes, _, bad) = encoding_rs::WINDOWS_1252.encode(text);
    assert!(!bad);
    bytes.into_owned()
}

#[tokio::test]
async fn the_preview_names_each_error_and_writes_nothing_until_the_file_is_right() {
    let store = Arc::new(support::demo_store().await);
    let desk = ImportDesk::new(store.clone());
    let staff = support::actor(&store, Role::Staff).await;
    // A restricted organisation only an admin reads.
    let admin = support::actor(&store, Role::Admin).await;
    let secret = shared::OrgEditForm {
        name: Some("Refuge sans nom".into()),
        kind: Some("partner".into()),
        visibility: Some("restricted".into()),
        description_lang: "fr".into(),
        country: Some("BI".into()),
        ..Default::default()
    }
    .check_new(Role::Admin)
    .unwrap();
    use app::directory::store::Editing as _;
    let key = store
        .create_organisation(&admin, &secret, true)
        .await
        .unwrap();
    struct Hidden {
        key: String,
        name: String,
    }
    let hidden = Hidden {
        key: key.as_str().to_owned(),
        name: "Refuge sans nom".into(),
    };
    let bad = format!(
        "{GOOD}\
         Ligue imaginaire;;member;ZZ;;;network;;;\n\
         Cuisine solidaire;;member;BI;;cooking;network;;;\n\
         Club des amis;;club;BI;;;network;;;\n\
         ;;member;BI;;;network;;;\n"
    );
    let bad = bad.replace("name;acronym", "id;name;acronym");
    // Every data line gets an empty id but one, which names a hidden record.
    let mut lines: Vec<String> = bad.lines().map(str::to_owned).collect();
    for line in lines.iter_mut().skip(1) {
        line.insert(0, ';');
    }
    lines.push(format!("{};Nom caché;;member;BI;;;network;;;", hidden.key));
    let file = windows_1252(&(lines.join("\r\n") + "\r\n"));
    let before = (
        count(&store, "organisation").await,
        count(&store, "member_of").await,
    );
    let id = desk
        .upload_and_check(
            &staff,
            vec![organisations(&file), relations(GOOD_RELATIONS)],
        )
        .await
        .unwrap();
    let all = rows(&desk, &staff, &id).await;
    let line = |n: usize| {
        all.iter()
            .find(|r| r.file == ImportFile::Organisations && r.line == n)
            .unwrap()
    };
    assert_eq!(line(2).outcome, RowOutcome::New);
    assert_eq!(
        line(2).label,
        "Centre Ubuntu pour la réhabilitation",
        "Windows-1252 read"
    );
    assert_eq!(line(3).outcome, RowOutcome::New);
    assert_eq!(problems(line(4)), vec![("country".into(), "ZZ".into())]);
    assert_eq!(problems(line(5)), vec![("themes".into(), "cooking".into())]);
    assert_eq!(problems(line(6)), vec![("kind".into(), "club".into())]);
    assert_eq!(problems(line(7))[0].0, "name");
    assert_eq!(problems(line(8)), vec![("id".into(), hidden.key.clone())]);
    // The hidden record is not named anywhere in the preview.
    let shown = serde_json::to_string(&all).unwrap();
    assert!(
        !shown.contains(&hidden.name),
        "the preview names a hidden record"
    );
    let relation_rows: Vec<_> = all
        .iter()
        .filter(|r| r.file == ImportFile::Relations)
        .collect();
    assert!(
        relation_rows.iter().all(|r| r.outcome == RowOutcome::New),
        "{relation_rows:?}"
    );
    // Nothing written by the preview, and no confirmation while a row is wrong.
    assert_eq!(
        (
            count(&store, "organisation").await,
            count(&store, "member_of").await
        ),
        before
    );
    assert!(desk.confirm_import(&staff, &id).await.is_err());
    assert_eq!(count(&store, "organisation").await, before.0);

    // The fixed file: written whole, in one go, and found in the directory.
    let id = desk
        .upload_and_check(
            &staff,
            vec![organisations(GOOD.as_bytes()), relations(GOOD_RELATIONS)],
        )
        .await
        .unwrap();
    let view = desk
        .import(&staff, &id, OutcomeKind::New, 1)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(view.errors(), 0);
    assert_eq!(view.writes(), 4);
    desk.confirm_import(&staff, &id).await.unwrap();
    let done = desk.wait(&staff, &id).await.unwrap();
    assert_eq!(done.status(), ImportStatus::Done, "{:?}", done.failure);
    assert_eq!(done.written().unwrap().new, 4);
    assert_eq!(count(&store, "organisation").await, before.0 + 2);
    let found = store
        .directory(
            &support::member(),
            &DirectoryQuery {
                q: SearchText::parse("Ubuntu").unwrap(),
                page: 1,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let ubuntu = found
        .items
        .iter()
        .find(|o| o.name == "Centre Ubuntu pour la réhabilitation")
        .expect("a member finds the new organisation");
    assert_eq!(ubuntu.seat.as_ref().unwrap().code.as_str(), "BI");
    assert_eq!(ubuntu.themes.len(), 2);
    let stored: Vec<Vec<Option<String>>> = store
        .db()
        .query("SELECT VALUE [description_lang, description, description_translations.en] FROM type::record('organisation', $k)")
        .bind(("k", ubuntu.id.as_str().to_owned()))
        .await
        .unwrap()
        .take(0)
        .unwrap();
    let stored = stored.into_iter().next().unwrap();
    let (lang, fr, en) = (stored[0].clone(), stored[1].clone(), stored[2].clone());
    assert_eq!(lang.as_deref(), Some("fr"));
    assert_eq!(fr.as_deref(), Some("Soins aux victimes de torture."));
    assert_eq!(en.as_deref(), Some("Care for victims of torture."));
    // Counts kept in step for the new organisation: its seat, two themes,
    // its membership of OMCT and its partnership.
    let n: Vec<Vec<i64>> = store
        .db()
        .query("SELECT VALUE n FROM type::record('link_count', <string> type::record('organisation', $k))")
        .bind(("k", ubuntu.id.as_str().to_owned()))
        .await
        .unwrap()
        .take(0)
        .unwrap();
    assert_eq!(n[0][3], 5);
    let audited: Vec<String> = store
        .db()
        .query("SELECT VALUE after FROM audit WHERE action = 'import.apply' AND target = $t")
        .bind(("t", format!("import:{id}")))
        .await
        .unwrap()
        .take(0)
        .unwrap();
    assert_eq!(audited.len(), 1);
    assert!(audited[0].contains("\"relations_new\":2"), "{}", audited[0]);

    // The same files again: every row unchanged, nothing to write.
    let again = desk
        .upload_and_check(
            &staff,
            vec![organisations(GOOD.as_bytes()), relations(GOOD_RELATIONS)],
        )
        .await
        .unwrap();
    let view = desk
        .import(&staff, &again, OutcomeKind::Unchanged, 1)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(view.errors(), 0);
    assert_eq!(view.writes(), 0, "{:?}", rows(&desk, &staff, &again).await);
    assert_eq!(view.rows.len(), 4);

    // Another's import is not theirs, even for an admin.
    assert!(desk
        .import(&admin, &id, OutcomeKind::New, 1)
        .await
        .unwrap()
        .is_none());
}

#[tokio::test]
async fn the_directory_export_imports_back_unchanged() {
    let (store, csv) = staff_export("/export/organisations.csv").await;
    let desk = ImportDesk::new(store.clone());
    let staff = support::actor(&store, Role::Staff).await;
    let id = desk
        .upload_and_check(&staff, vec![organisations(csv.as_bytes())])
        .await
        .unwrap();
    let view = desk
        .import(&staff, &id, OutcomeKind::Error, 1)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(view.errors(), 0, "{:?}", view.rows.first());
    assert_eq!(
        view.writes(),
        0,
        "{:?}",
        rows(&desk, &staff, &id)
            .await
            .iter()
            .find(|r| r.outcome.kind() != OutcomeKind::Unchanged)
    );
    assert!(view.counts[0].1.unchanged > 250);
}

fn multipart(file: &str) -> (String, String) {
    let boundary = "XboundaryX";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"organisations\"; filename=\"orgs.csv\"\r\nContent-Type: text/csv\r\n\r\n{file}\r\n--{boundary}--\r\n"
    );
    (format!("multipart/form-data; boundary={boundary}"), body)
}

#[tokio::test]
async fn only_staff_and_admins_upload_and_a_template_has_the_columns() {
    let (_store, app, readers) = app_with_readers().await;
    for reader in &readers {
        let (content_type, body) = multipart(GOOD);
        let mut request = Request::post("/imports/upload")
            .header("content-type", content_type)
            .header("host", "127.0.0.1:3000")
            .header("origin", "http://127.0.0.1:3000");
        if !reader.cookie.is_empty() {
            request = request.header("cookie", reader.cookie.as_str());
        }
        let response = app
            .clone()
            .oneshot(request.body(Body::from(body)).unwrap())
            .await
            .unwrap();
        let location = response
            .headers()
            .get("location")
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default();
        match reader.role {
            Some(Role::Staff) | Some(Role::Admin) => {
                assert_eq!(
                    response.status(),
                    StatusCode::SEE_OTHER,
                    "{:?}",
                    reader.role
                );
                assert!(location.starts_with("/imports/"), "{location}");
            }
            None => assert!(
                location.starts_with("/sign-in"),
                "{:?} {location}",
                response.status()
            ),
            Some(role) => assert_eq!(response.status(), StatusCode::FORBIDDEN, "{role:?}"),
        }
    }
    let (status, headers, body) = get_with(&app, "/imports/template/organisations.csv", &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    assert!(
        body.trim_start_matches('\u{feff}').starts_with("\"id\"")
            || body.trim_start_matches('\u{feff}').starts_with("id,"),
        "{body}"
    );
    assert!(body.contains("description_fr"));
    let (status, _, body) = get_with(&app, "/imports/template/persons.csv", &[]).await;
    assert_eq!(status, StatusCode::OK);
    for column in ["name", "roles", "risk_level", "nationality", "visibility"] {
        assert!(body.contains(column), "{column} in {body}");
    }
    let (status, _, _) = get_with(&app, "/imports/template/secrets.csv", &[]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_short_relations_file_keeps_what_it_does_not_name_and_bad_files_are_refused() {
    let store = Arc::new(support::demo_store().await);
    let desk = ImportDesk::new(store.clone());
    let staff = support::actor(&store, Role::Staff).await;
    let id = desk
        .upload_and_check(
            &staff,
            vec![organisations(GOOD.as_bytes()), relations(GOOD_RELATIONS)],
        )
        .await
        .unwrap();
    assert_eq!(desk.import_now(&staff, &id).await.unwrap().new, 4);

    // Only from, to and kind: the staff's partnership keeps its level,
    // role and year (nothing opened, nothing emptied).
    let id = desk
        .upload_and_check(
            &staff,
            vec![relations(
                "from,to,kind\nCUR,Réseau des défenseurs du lac,partner-of\nCUR,OMCT,member-of\n",
            )],
        )
        .await
        .unwrap();
    let all = rows(&desk, &staff, &id).await;
    assert!(
        all.iter()
            .all(|r| matches!(r.outcome, RowOutcome::Unchanged { .. })),
        "{all:?}"
    );

    // A line with a cell missing, a header of too many columns, a list of
    // too many values, a file that is not text.
    let id = desk
        .upload_and_check(
            &staff,
            vec![organisations(
                b"name,kind,visibility,themes\nUn,member,public,justice\nDeux,member\nTrois,member,public,justice;justice;justice;justice;justice;justice;justice;justice;justice;justice;justice;justice;justice;justice;justice;justice;justice;justice;justice;justice;justice;justice;justice;justice;justice;justice;justice;justice;justice;justice;justice;justice;justice;justice;justice;justice;justice;justice;justice;justice;justice\n",
            )],
        )
        .await
        .unwrap();
    let all = rows(&desk, &staff, &id).await;
    assert_eq!(all[0].outcome, RowOutcome::New);
    assert!(
        format!("{:?}", all[1].outcome).contains("this line has 2 cells where the header has 4")
    );
    assert_eq!(problems(&all[2])[0].0, "themes");
    let wide = format!("{}\n", vec!["a"; 40].join(","));
    let id = desk
        .upload_and_check(&staff, vec![organisations(wide.as_bytes())])
        .await
        .unwrap();
    let all = rows(&desk, &staff, &id).await;
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].line, 1);
    assert_eq!(
        desk.upload_and_check(&staff, vec![organisations(b"\x7fELF\x02\x01\x01\x00")])
            .await
            .unwrap_err(),
        "not-text"
    );
}

#[tokio::test]
async fn an_import_naming_a_restricted_record_closes_to_its_author_demoted_and_a_stale_end_stops_the_write(
) {
    use app::directory::store::Editing as _;
    let store = Arc::new(support::demo_store().await);
    let desk = ImportDesk::new(store.clone());
    let admin = support::actor(&store, Role::Admin).await;
    let secret = shared::OrgEditForm {
        name: Some("Refuge sans nom".into()),
        kind: Some("partner".into()),
        visibility: Some("restricted".into()),
        description_lang: "fr".into(),
        ..Default::default()
    }
    .check_new(Role::Admin)
    .unwrap();
    let key = store
        .create_organisation(&admin, &secret, true)
        .await
        .unwrap();
    let file = format!("id,city\n{key},Ngozi\n");
    let id = desk
        .upload_and_check(&admin, vec![organisations(file.as_bytes())])
        .await
        .unwrap();
    assert!(desk
        .import(&admin, &id, OutcomeKind::Update, 1)
        .await
        .unwrap()
        .is_some());
    let all = rows(&desk, &admin, &id).await;
    assert!(
        matches!(&all[0].outcome, RowOutcome::Update { changes, .. } if changes == &vec!["city".to_owned()]),
        "{all:?}"
    );
    // The same account with a staff clearance no longer opens it.
    let demoted = app::accounts::Actor {
        viewer: support::staff(),
        ..admin.clone()
    };
    assert!(desk
        .import(&demoted, &id, OutcomeKind::Update, 1)
        .await
        .unwrap()
        .is_none());
    assert!(desk.confirm_import(&demoted, &id).await.is_err());

    // A relation planned to an organisation whose level changes before the
    // write: nothing is written.
    let staff = support::actor(&store, Role::Staff).await;
    let planned = planned(
        &store,
        &staff,
        ImportFile::Relations,
        "from,to,kind,visibility\nJusticia Pro Persona,FORSC,partner-of,network\n",
    )
    .await;
    assert_eq!(planned.errors(), 0, "{:?}", planned.rows);
    assert_eq!(
        planned.writes.new_ties.len() + planned.writes.tie_updates.len(),
        1
    );
    let job = writing_import(&store, &staff, ImportFile::Relations).await;
    store
        .db()
        .query("UPDATE organisation SET visibility = 'restricted' WHERE acronym = 'FORSC'")
        .await
        .unwrap()
        .check()
        .unwrap();
    let before = count(&store, "partner_of").await;
    let outcome = store
        .write_import(&staff, &job, &planned.writes, &Default::default())
        .await;
    assert!(
        matches!(outcome, Err(app::error::WorkError::Stale)),
        "{outcome:?}"
    );
    assert_eq!(count(&store, "partner_of").await, before);
}

/// An import waits its turn to be written: it is written with its author's
/// rights as they are then, and a staff member made a member meanwhile
/// writes nothing.
#[tokio::test]
async fn an_author_who_lost_the_right_to_import_before_the_write_writes_nothing() {
    use app::accounts::store::Administration as _;
    let store = Arc::new(support::demo_store().await);
    let desk = ImportDesk::new(store.clone());
    let staff = support::actor(&store, Role::Staff).await;
    let admin = support::actor(&store, Role::Admin).await;
    let before = count(&store, "organisation").await;
    let id = desk
        .upload_and_check(
            &staff,
            vec![organisations(
                b"name,kind,visibility\nObservatoire de Gitega,member,public\n",
            )],
        )
        .await
        .unwrap();
    store
        .set_role(
            &admin.user,
            &staff.user.id,
            Role::Member,
            Some(&shared::OrgId::parse("midh").unwrap()),
        )
        .await
        .unwrap();
    // Confirmed from a page opened before the change.
    desk.confirm_import(&staff, &id).await.unwrap();
    let row = desk.wait(&staff, &id).await.unwrap();
    assert_eq!(row.status(), ImportStatus::Failed, "{:?}", row.failure);
    assert!(row.failure.unwrap().contains("no longer"));
    assert_eq!(count(&store, "organisation").await, before);
}

/// Each upload keeps its files until written: an author makes at most
/// twenty in 24 hours, then is told so and nothing more is kept.
#[tokio::test]
async fn an_author_uploads_at_most_twenty_times_a_day() {
    use server::exchange::desk::{UploadProblem, UPLOADS_A_DAY};
    let store = Arc::new(support::demo_store().await);
    let desk = ImportDesk::new(store.clone());
    let staff = support::actor(&store, Role::Staff).await;
    let file = || organisations(b"name,kind,visibility\nCentre de Bujumbura,member,public\n");
    for _ in 0..UPLOADS_A_DAY {
        assert!(desk.upload(&staff, vec![file()]).await.unwrap().is_ok());
    }
    let kept = count(&store, "import").await;
    assert!(matches!(
        desk.upload(&staff, vec![file()]).await.unwrap(),
        Err(UploadProblem::TooMany)
    ));
    assert_eq!(count(&store, "import").await, kept);
    // Another author is not held by it.
    let admin = support::actor(&store, Role::Admin).await;
    assert!(desk.upload(&admin, vec![file()]).await.unwrap().is_ok());
}
