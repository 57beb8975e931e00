//! Trial observation through HTTP: pages, server functions and the
//! iCalendar feed, for every kind of reader. A restricted case must never
//! reach anyone but admins (and staff granted it).

use crate::support;
use crate::support::http::{app_with_readers, function, page, send, Reader};
use app::observation::store::Calendar;
use axum::body::{to_bytes, Body};
use axum::http::{Request, StatusCode};
use shared::Role;
use tower::ServiceExt;

const SECRET_CASE: &str = "Closed-door case of a detained defender";

#[tokio::test]
async fn trials_missions_and_reports_reach_only_those_allowed() {
    let (_store, app, readers) = app_with_readers().await;
    let upcoming = chrono::Utc::now().date_naive() + chrono::Duration::days(21);
    let month = shared::Month::of(upcoming);
    for reader in &readers {
        let label = reader.role.map_or("anonymous", |r| r.as_str());
        let admin = reader.role == Some(Role::Admin);
        let signed_in = reader.role.is_some();
        let staff_side = matches!(
            reader.role,
            Some(Role::Campaigner | Role::Staff | Role::Admin)
        );
        let planner = matches!(reader.role, Some(Role::Staff | Role::Admin));

        // The restricted case: absent everywhere but for the admin.
        let (status, body) = page(&app, reader, "/trials/closed-door-case").await;
        assert_eq!(
            status == StatusCode::OK,
            admin,
            "{label}: restricted trial page"
        );
        assert_eq!(
            body.contains(SECRET_CASE),
            admin,
            "{label}: restricted trial text"
        );
        let (status, body) = function(&app, reader, "trial", r#"{"id":"closed-door-case"}"#).await;
        assert_eq!(
            status == StatusCode::OK,
            admin,
            "{label}: restricted trial function"
        );
        assert_eq!(body.contains(SECRET_CASE), admin, "{label}: function body");
        let (_, list) = page(&app, reader, "/trials").await;
        assert!(
            list.contains("Prosecution of Eren Keskin"),
            "{label}: public trial listed"
        );
        assert_eq!(list.contains(SECRET_CASE), admin, "{label}: trials list");
        let (status, calendar) =
            page(&app, reader, &format!("/hearings?month={month}&view=list")).await;
        assert_eq!(status, StatusCode::OK, "{label}: calendar");
        assert_eq!(calendar.contains(SECRET_CASE), admin, "{label}: calendar");
        let (_, grid) = page(&app, reader, &format!("/hearings?month={month}")).await;
        assert_eq!(grid.contains(SECRET_CASE), admin, "{label}: month grid");

        // A network-level trial: members and up.
        let (status, _) = page(&app, reader, "/trials/izmir-bar-lawyers").await;
        assert_eq!(
            status == StatusCode::OK,
            signed_in,
            "{label}: network trial"
        );

        // Missions and reports are staff-only records.
        let (status, body) = page(&app, reader, "/missions/izmir-observation").await;
        let want = match reader.role {
            None => StatusCode::UNAUTHORIZED,
            Some(Role::Member) => StatusCode::NOT_FOUND,
            Some(_) => StatusCode::OK,
        };
        assert_eq!(status, want, "{label}: mission page");
        assert_eq!(
            body.contains("Marco Ruiz"),
            staff_side,
            "{label}: mission observers"
        );
        let (status, body) = page(&app, reader, "/missions/keskin-observation-2024/report").await;
        assert_eq!(status == StatusCode::OK, staff_side, "{label}: report page");
        assert_eq!(
            body.contains("should never have lasted this long"),
            staff_side,
            "{label}: report text"
        );
        // Anonymous readers of a public trial do not learn who observed it.
        let (_, keskin) = page(&app, reader, "/trials/eren-keskin-istanbul").await;
        assert_eq!(
            keskin.contains("Trial observation in Istanbul"),
            staff_side,
            "{label}: missions on the trial page"
        );

        // Campaigners have a work queue too (their advocacy next steps),
        // without the trial-observation part.
        let (status, queue) = page(&app, reader, "/work").await;
        let want = match reader.role {
            None => StatusCode::UNAUTHORIZED,
            Some(Role::Campaigner) => StatusCode::OK,
            _ if planner => StatusCode::OK,
            _ => StatusCode::FORBIDDEN,
        };
        assert_eq!(status, want, "{label}: work queue");
        if reader.role == Some(Role::Campaigner) {
            assert!(
                !queue.contains("Istanbul"),
                "{label}: no trial work for campaigners"
            );
        }
    }
}

#[tokio::test]
async fn only_planners_change_missions_and_illegal_moves_are_explained() {
    let (_store, app, readers) = app_with_readers().await;
    let form = |reader: &Reader, uri: &str, body: &str| {
        Request::post(uri)
            .header("cookie", reader.cookie.as_str())
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", "application/json")
            .body(Body::from(body.to_owned()))
            .unwrap()
    };
    let move_body = "mission=izmir-observation&from=approved&to=deployed";
    for reader in &readers {
        if matches!(reader.role, Some(Role::Staff | Role::Admin)) {
            continue;
        }
        let (status, _) = send(&app, form(reader, "/api/mission-move", move_body)).await;
        let want = if reader.role.is_none() {
            StatusCode::UNAUTHORIZED
        } else {
            StatusCode::FORBIDDEN
        };
        assert_eq!(status, want, "{:?} moved a mission", reader.role);
    }
    let staff = readers
        .iter()
        .find(|r| r.role == Some(Role::Staff))
        .unwrap();
    let (status, body) = send(
        &app,
        form(
            staff,
            "/api/mission-move",
            "mission=izmir-observation&from=approved&to=closed",
        ),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body.contains("IllegalTransition") || body.contains("illegal_transition"),
        "{body}"
    );
    let (status, _) = send(&app, form(staff, "/api/mission-move", move_body)).await;
    assert!(status.is_success() || status.is_redirection(), "{status}");
    let (_, page) = page(&app, staff, "/missions/izmir-observation").await;
    assert!(
        page.contains("Demo staff"),
        "the history names who moved it"
    );
}

fn events(ics: &str) -> Vec<ical::parser::ical::component::IcalEvent> {
    let mut parser = ical::IcalParser::new(ics.as_bytes());
    let calendar = parser
        .next()
        .expect("one calendar")
        .expect("valid iCalendar");
    assert!(parser.next().is_none());
    calendar.events
}

fn property(event: &ical::parser::ical::component::IcalEvent, name: &str) -> Option<String> {
    event
        .properties
        .iter()
        .find(|p| p.name == name)
        .and_then(|p| p.value.clone())
}

fn uids(ics: &str) -> Vec<String> {
    events(ics)
        .iter()
        .filter_map(|e| property(e, "UID"))
        .collect()
}

#[tokio::test]
async fn the_calendar_feed_is_valid_icalendar_and_private_to_its_owner() {
    let (store, app, _) = app_with_readers().await;
    let staff = support::actor(&store, Role::Staff).await;
    let admin = support::actor(&store, Role::Admin).await;
    let member = support::actor(&store, Role::Member).await;
    let get = |path: String| {
        let app = app.clone();
        async move {
            let response = app
                .oneshot(Request::get(path).body(Body::empty()).unwrap())
                .await
                .unwrap();
            let status = response.status();
            let kind = response
                .headers()
                .get("content-type")
                .map(|v| v.to_str().unwrap().to_owned());
            let body = to_bytes(response.into_body(), 1 << 24).await.unwrap();
            (status, kind, String::from_utf8_lossy(&body).into_owned())
        }
    };
    let staff_token = store
        .renew_calendar_token(&staff.user, false)
        .await
        .unwrap();
    let (status, kind, ics) = get(format!("/calendar/{staff_token}.ics")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(kind.as_deref(), Some("text/calendar; charset=utf-8"));
    let staff_uids = uids(&ics);
    assert!(staff_uids.contains(&"hearing-tunis-first@sos-torture".to_owned()));
    assert!(staff_uids.contains(&"hearing-izmir-next@sos-torture".to_owned()));
    assert!(
        !staff_uids.iter().any(|u| u.contains("closed-door")),
        "{staff_uids:?}"
    );
    assert!(!ics.contains(SECRET_CASE));

    // Every event is complete, in UTC, with where and when on the court's clock.
    for event in events(&ics) {
        for name in ["UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "LOCATION"] {
            assert!(
                property(&event, name).is_some(),
                "{name} missing in {event:?}"
            );
        }
        assert!(property(&event, "DTSTART").unwrap().ends_with('Z'));
    }

    // Restricted hearings reach a feed only when its owner asked for them:
    // the address is a bearer secret that calendar apps keep.
    let plain = store
        .renew_calendar_token(&admin.user, false)
        .await
        .unwrap();
    let (_, _, plain_ics) = get(format!("/calendar/{plain}.ics")).await;
    assert!(!uids(&plain_ics).iter().any(|u| u.contains("closed-door")));
    assert!(!plain_ics.contains(SECRET_CASE));
    let admin_token = store.renew_calendar_token(&admin.user, true).await.unwrap();
    let (_, _, admin_ics) = get(format!("/calendar/{admin_token}.ics")).await;
    let admin_events = events(&admin_ics);
    let secret = admin_events
        .iter()
        .find(|e| property(e, "UID").as_deref() == Some("hearing-closed-door-next@sos-torture"))
        .expect("the admin's feed holds the restricted hearing");
    assert!(property(secret, "SUMMARY")
        .unwrap()
        .contains("Closed-door case"));
    // Past hearings older than the feed's window are left out; recent ones stay.
    assert!(!admin_events
        .iter()
        .any(|e| property(e, "UID").as_deref() == Some("hearing-keskin-2024-06@sos-torture")));

    let member_token = store
        .renew_calendar_token(&member.user, true)
        .await
        .unwrap();
    let (_, _, member_ics) = get(format!("/calendar/{member_token}.ics")).await;
    let member_uids = uids(&member_ics);
    assert!(member_uids.contains(&"hearing-izmir-next@sos-torture".to_owned()));
    assert!(!member_uids.iter().any(|u| u.contains("closed-door")));

    // A renewed address replaces the old one; unknown ones answer 404.
    let renewed = store
        .renew_calendar_token(&staff.user, false)
        .await
        .unwrap();
    assert_eq!(
        get(format!("/calendar/{staff_token}.ics")).await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get(format!("/calendar/{renewed}.ics")).await.0,
        StatusCode::OK
    );
    assert_eq!(
        get("/calendar/not-a-token.ics".into()).await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get(format!("/calendar/{renewed}")).await.0,
        StatusCode::NOT_FOUND
    );

    // Signing out everywhere, a change of role and disabling the account
    // end the address too.
    use app::accounts::store::{Administration, Sessions};
    store
        .sign_out_everywhere(&staff.user, &staff.user.id)
        .await
        .unwrap();
    assert_eq!(
        get(format!("/calendar/{renewed}.ics")).await.0,
        StatusCode::NOT_FOUND,
        "after signing out everywhere"
    );
    let again = store
        .renew_calendar_token(&staff.user, false)
        .await
        .unwrap();
    store
        .set_role(&admin.user, &staff.user.id, shared::Role::Campaigner, None)
        .await
        .unwrap();
    assert_eq!(
        get(format!("/calendar/{again}.ics")).await.0,
        StatusCode::NOT_FOUND,
        "after a change of role"
    );
    // Resetting a lost second factor: the lost device may hold the address.
    let lost = store
        .renew_calendar_token(&staff.user, false)
        .await
        .unwrap();
    store
        .reset_second_factor(&admin.user, &staff.user.id)
        .await
        .unwrap();
    assert_eq!(
        get(format!("/calendar/{lost}.ics")).await.0,
        StatusCode::NOT_FOUND,
        "after resetting the second factor"
    );
    let member_feed = format!("/calendar/{member_token}.ics");
    assert_eq!(get(member_feed.clone()).await.0, StatusCode::OK);
    store
        .set_disabled(&admin.user, &member.user.id, true)
        .await
        .unwrap();
    assert_eq!(
        get(member_feed).await.0,
        StatusCode::NOT_FOUND,
        "after disabling the account"
    );
}

#[test]
fn feed_times_are_utc_instants_of_the_court_clock() {
    use chrono::TimeZone;
    let hearing = shared::Hearing {
        id: shared::HearingId::parse("keskin-2024-06").unwrap(),
        trial: shared::TrialId::parse("eren-keskin-istanbul").unwrap(),
        case_name: "Prosecution of Eren Keskin".into(),
        court: "Istanbul Heavy Penal Court".into(),
        country: shared::Country {
            code: shared::CountryCode::parse("TR").unwrap(),
            alpha3: "TUR".into(),
            name: "Türkiye".into(),
            name_fr: "Turquie".into(),
            name_es: "Turquía".into(),
            region: shared::Region::EuropeCentralAsia,
        },
        trial_status: shared::TrialStatus::Closed,
        starts_at: chrono::Utc.with_ymd_and_hms(2024, 6, 26, 6, 30, 0).unwrap(),
        local_start: chrono::NaiveDate::from_ymd_opt(2024, 6, 26)
            .unwrap()
            .and_hms_opt(9, 30, 0)
            .unwrap(),
        timezone: "Europe/Istanbul".into(),
        place: "Çağlayan courthouse, room 14; floor 2".into(),
        status: shared::HearingStatus::Postponed,
        summary: "Verdict, acquittal".into(),
        visibility: shared::Visibility::Public,
        missions: 1,
    };
    let ics = server::http::calendar::ics(&[hearing], "http://127.0.0.1:3000");
    let event = &events(&ics)[0];
    assert_eq!(
        property(event, "DTSTART").as_deref(),
        Some("20240626T063000Z")
    );
    assert_eq!(
        property(event, "DTEND").as_deref(),
        Some("20240626T093000Z")
    );
    assert_eq!(property(event, "STATUS").as_deref(), Some("CANCELLED"));
    assert_eq!(
        property(event, "URL").as_deref(),
        Some("http://127.0.0.1:3000/trials/eren-keskin-istanbul")
    );
    // Commas and semicolons are escaped in text values (RFC 5545 3.3.11).
    assert!(ics.contains("room 14\\; floor 2"), "{ics}");
    assert!(property(event, "DESCRIPTION").unwrap().contains("09:30"));
}

#[tokio::test]
async fn staff_register_a_trial_from_the_form_and_nobody_else_can() {
    let (store, app, readers) = app_with_readers().await;
    let body = "form[case_name]=Prosecution+of+the+Bujumbura+Four&form[court]=Bujumbura+High+Court\
        &form[city]=Bujumbura&form[country]=bi&form[timezone]=Africa%2FBujumbura&form[court_language]=fr\
        &form[charges][3]=defamation&form[charges][5]=undermining-state-security\
        &form[defendant]=eren-keskin&form[supporter]=omct&form[visibility]=network&form[summary]=";
    let post = |reader: &Reader, body: &str| {
        Request::post("/api/trial-create")
            .header("cookie", reader.cookie.as_str())
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", "application/json")
            .body(Body::from(body.to_owned()))
            .unwrap()
    };
    for reader in readers
        .iter()
        .filter(|r| !matches!(r.role, Some(Role::Staff | Role::Admin)))
    {
        let (status, _) = send(&app, post(reader, body)).await;
        assert!(
            status.is_client_error(),
            "{:?} registered a trial: {status}",
            reader.role
        );
    }
    let staff = readers
        .iter()
        .find(|r| r.role == Some(Role::Staff))
        .unwrap();
    let (status, answer) = send(
        &app,
        post(staff, &body.replace("Africa%2FBujumbura", "Bujumbura")),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(answer.contains("timezone"), "{answer}");
    // Staff cannot file a trial at a level they could not read back.
    let (status, answer) = send(
        &app,
        post(
            staff,
            &body.replace("visibility]=network", "visibility]=restricted"),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{answer}");
    assert!(answer.contains("visibility"), "{answer}");
    let (status, answer) = send(
        &app,
        post(staff, &body.replace("Africa%2FBujumbura", "Mars%2FOlympus")),
    )
    .await;
    assert_eq!(
        status,
        StatusCode::BAD_REQUEST,
        "an unknown zone is refused: {answer}"
    );
    let (status, _) = send(&app, post(staff, body)).await;
    assert!(status.is_success() || status.is_redirection(), "{status}");

    use app::observation::store::Trials;
    let member = support::member();
    let listed = store
        .trials(&member, &shared::TrialFilter::default())
        .await
        .unwrap();
    let created = listed
        .iter()
        .find(|t| t.case_name == "Prosecution of the Bujumbura Four")
        .expect("members see a network-level trial");
    assert_eq!(created.status, shared::TrialStatus::Pending);
    assert_eq!(
        created.charges,
        [
            shared::Charge::Defamation,
            shared::Charge::UnderminingStateSecurity
        ]
    );
    assert_eq!(created.defendants[0].name, "Eren Keskin");
    assert!(store
        .trials(&support::anonymous(), &shared::TrialFilter::default())
        .await
        .unwrap()
        .iter()
        .all(|t| t.case_name != "Prosecution of the Bujumbura Four"));
}
