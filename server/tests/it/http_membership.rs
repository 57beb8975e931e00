//! Membership through HTTP as browsers use it: the public form posts
//! without JavaScript and sends the applicant to their own page; every staff
//! path refuses everyone else, the criteria only admins change, and a
//! referee answers only its own request.

use crate::support::http::{app_with_readers, form_encode, function, page, post_form};
use app::membership::store::Applications;
use axum::http::StatusCode;
use shared::Role;

#[tokio::test]
async fn an_organisation_applies_without_javascript_and_follows_its_application() {
    let (store, app, readers) = app_with_readers().await;
    let anonymous = &readers[0];
    let (status, html) = page(&app, anonymous, "/join").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("name=\"form[referee_1]\""),
        "the form is there"
    );
    let other = store
        .join_choices()
        .await
        .unwrap()
        .referees
        .into_iter()
        .find(|o| o.id.as_str() != "midh")
        .unwrap()
        .id;
    let fields = [
        ("form[name]", "Comité contre la torture en Guinée"),
        ("form[country]", "GN"),
        ("form[contact_name]", "Mariama Bah"),
        ("form[contact_email]", "mariama@example.org"),
        (
            "form[mandate]",
            "Legal aid for detainees tortured in custody.",
        ),
        ("form[independence]", "Member-funded."),
        ("form[legal_status]", "Registered association"),
        ("form[referee_1]", "midh"),
        ("form[referee_2]", other.as_str()),
        ("form[language]", "fr"),
    ];
    let body: String = fields
        .iter()
        .map(|(k, v)| format!("{}={}", form_encode(k), form_encode(v)))
        .collect::<Vec<_>>()
        .join("&");
    let (status, headers, _) = post_form(
        &app,
        "/api/application-submit",
        &body,
        &[
            ("host", "127.0.0.1:3000"),
            ("origin", "http://127.0.0.1:3000"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::FOUND, "{headers:?}");
    let location = headers["location"].to_str().unwrap().to_owned();
    assert!(location.starts_with("/join/status/"), "{location}");
    let (status, html) = page(&app, anonymous, &location).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Comité contre la torture en Guinée"));
    assert!(
        html.contains("noindex"),
        "the applicant's address stays out of search engines"
    );
    let (status, _) = page(&app, anonymous, "/join/status/00").await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // A refused form names its field.
    let (status, headers, _) = post_form(
        &app,
        "/api/application-submit",
        &body.replace("midh", "sos-torture"),
        &[
            ("host", "127.0.0.1:3000"),
            ("origin", "http://127.0.0.1:3000"),
            ("accept", "application/json"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{headers:?}");
}

#[tokio::test]
async fn only_staff_review_only_admins_keep_the_criteria() {
    let (_store, app, readers) = app_with_readers().await;
    let demo = "d0000000000000a2";
    for reader in &readers {
        let reviews = reader
            .role
            .is_some_and(|r| matches!(r, Role::Staff | Role::Admin));
        let (status, body) = function(&app, reader, "applications", "{}").await;
        if reviews {
            assert_eq!(status, StatusCode::OK);
            assert!(body.contains("Red de Defensoras"), "{body}");
        } else {
            assert!(
                matches!(status, StatusCode::FORBIDDEN | StatusCode::UNAUTHORIZED),
                "{:?}: {status}",
                reader.role
            );
            assert!(!body.contains("Red de Defensoras"));
        }
        let (status, body) = function(
            &app,
            reader,
            "application",
            &format!("{{\"id\":\"{demo}\"}}"),
        )
        .await;
        assert_eq!(status.is_success(), reviews, "{:?}: {status}", reader.role);
        assert!(reviews || !body.contains("coordinacion@redctg"), "{body}");
        let (status, _) = function(&app, reader, "criteria", "{}").await;
        assert_eq!(status.is_success(), reader.role == Some(Role::Admin));
        let (status, html) = page(&app, reader, &format!("/applications/{demo}")).await;
        assert!(
            reviews || !html.contains("coordinacion@redctg"),
            "{:?}: {status}",
            reader.role
        );
    }
    // Writes: a member or a campaigner cannot decide, assess or ask.
    for reader in readers
        .iter()
        .filter(|r| r.role.is_some_and(|r| r < Role::Staff))
    {
        for (name, body) in [
            ("application-ask-referees", format!("id={demo}")),
            (
                "application-decide",
                format!("id={demo}&version=0&form%5Bdecision%5D=decline&form%5Breason%5D=No"),
            ),
            ("criterion-add", "text=Anything+goes+here".to_owned()),
        ] {
            let (status, _, _) = post_form(
                &app,
                &format!("/api/{name}"),
                &body,
                &[
                    ("host", "127.0.0.1:3000"),
                    ("origin", "http://127.0.0.1:3000"),
                    ("cookie", reader.cookie.as_str()),
                    ("accept", "application/json"),
                ],
            )
            .await;
            assert!(
                matches!(status, StatusCode::FORBIDDEN | StatusCode::UNAUTHORIZED),
                "{name} by {:?}: {status}",
                reader.role
            );
        }
    }
}

#[tokio::test]
async fn the_member_reads_the_requests_to_its_organisation_only() {
    let (_store, app, readers) = app_with_readers().await;
    let member = readers
        .iter()
        .find(|r| r.role == Some(Role::Member))
        .unwrap();
    let (status, body) = function(&app, member, "references", "{}").await;
    assert_eq!(status, StatusCode::OK);
    // MIDH was asked about the Guatemalan network and answered; it was
    // asked about the Nepalese centre too. Never the one not asked yet.
    assert!(body.contains("Red de Defensoras"), "{body}");
    assert!(!body.contains("Centre d'accompagnement"), "{body}");
    let staff = readers
        .iter()
        .find(|r| r.role == Some(Role::Staff))
        .unwrap();
    let (_, body) = function(&app, staff, "references", "{}").await;
    assert_eq!(body, "[]", "staff speak for no organisation");
}
