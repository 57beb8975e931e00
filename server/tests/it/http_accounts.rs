//! Signing in and out through the router as a browser would (form posts,
//! cookies), cross-site request refusal, and pages that follow the session.

use crate::support;
use crate::support::http::{app, form_encode, get_with, main_text, post_form, visible_text};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use server::seed::accounts::DEMO_ACCOUNTS;
use shared::{Role, Visibility};
use tower::ServiceExt;

const SAME_SITE: [(&str, &str); 3] = [
    ("host", "127.0.0.1:3000"),
    ("origin", "http://127.0.0.1:3000"),
    ("referer", "http://127.0.0.1:3000/sign-in"),
];

/// Signs in with the sign-in form; answers the `Cookie` header to send after.
async fn sign_in(app: &Router, role: Role) -> String {
    let account = DEMO_ACCOUNTS.iter().find(|a| a.role == role).unwrap();
    let form = format!(
        "email={}&password={}&next=%2Forganisations",
        form_encode(account.email),
        form_encode(account.password)
    );
    let (status, headers, body) = post_form(app, "/api/sign-in", &form, &SAME_SITE).await;
    assert!(status.is_redirection(), "{status}: {body}");
    assert_eq!(headers[header::LOCATION], "/organisations");
    let cookie = headers[header::SET_COOKIE].to_str().unwrap().to_owned();
    for attribute in ["HttpOnly", "SameSite=Lax", "Path=/", "Max-Age=43200"] {
        assert!(cookie.contains(attribute), "{cookie} lacks {attribute}");
    }
    assert!(!cookie.contains("Secure"), "plain HTTP here");
    cookie.split(';').next().unwrap().to_owned()
}

fn hidden_org(level: Visibility) -> &'static server::seed::dataset::OrgSeed {
    support::demo_data()
        .orgs
        .iter()
        .find(|o| o.visibility == level)
        .unwrap()
}

#[tokio::test]
async fn pages_follow_the_signed_in_role() {
    let app = app().await;
    let network = hidden_org(Visibility::Network);
    let staff_only = hidden_org(Visibility::Staff);
    let page = |o: &server::seed::dataset::OrgSeed| format!("/organisations/{}", o.key);

    let (status, _, _) = get_with(&app, &page(network), &[]).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "anonymous");

    let member = sign_in(&app, Role::Member).await;
    let (status, _, body) = get_with(&app, &page(network), &[("cookie", &member)]).await;
    assert_eq!(status, StatusCode::OK, "member reads network records");
    assert!(
        main_text(&body).contains("Network only"),
        "the record says who may see it"
    );
    assert!(
        visible_text(&body)
            .contains("Signed in as Demo member Member organisation Notifications Sign out"),
        "{}",
        visible_text(&body)
    );
    let (status, _, _) = get_with(&app, &page(staff_only), &[("cookie", &member)]).await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "member does not read staff records"
    );

    let staff = sign_in(&app, Role::Staff).await;
    let (status, _, body) = get_with(&app, &page(staff_only), &[("cookie", &staff)]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(main_text(&body).contains("Staff only"));

    // The server function behind the page answers the same way.
    let body = format!("{{\"id\":\"{}\"}}", network.key);
    for (cookie, expected) in [
        ("", StatusCode::NOT_FOUND),
        (member.as_str(), StatusCode::OK),
    ] {
        let response = app
            .clone()
            .oneshot(
                Request::post("/api/organisation")
                    .header("content-type", "application/json")
                    .header("accept", "application/json")
                    .header("cookie", cookie)
                    .body(Body::from(body.clone()))
                    .unwrap(),
            )
            .await
            .unwrap();
        assert_eq!(response.status(), expected, "cookie {cookie:?}");
    }
}

#[tokio::test]
async fn signing_out_ends_the_session() {
    let app = app().await;
    let member = sign_in(&app, Role::Member).await;
    let (status, headers, _) = post_form(
        &app,
        "/api/sign-out",
        "",
        &[SAME_SITE[0], SAME_SITE[1], ("cookie", &member)],
    )
    .await;
    assert!(status.is_redirection(), "{status}");
    assert!(headers[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .contains("Max-Age=0"));
    // Report drafts kept in the browser's storage go with the session.
    assert_eq!(headers["clear-site-data"], "\"cache\", \"storage\"");
    let network = hidden_org(Visibility::Network);
    let (status, _, body) = get_with(
        &app,
        &format!("/organisations/{}", network.key),
        &[("cookie", &member)],
    )
    .await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "the old cookie opens nothing"
    );
    assert!(body.contains("href=\"/sign-in?next="));
}

#[tokio::test]
async fn a_failed_sign_in_returns_to_the_form_with_the_reason() {
    let app = app().await;
    let (status, headers, _) = post_form(
        &app,
        "/api/sign-in",
        "email=member%40example.org&password=not+the+right+one+at+all&next=%2Fcountries",
        &SAME_SITE,
    )
    .await;
    assert!(status.is_redirection());
    assert_eq!(
        headers[header::LOCATION],
        "/sign-in?failed=refused&next=/countries"
    );
    assert!(headers.get(header::SET_COOKIE).is_none());
    let (_, _, body) = get_with(&app, "/sign-in?failed=refused&next=/countries", &[]).await;
    let text = main_text(&body);
    assert!(text.contains("There is a problem"), "{text}");
    assert!(text.contains("The e-mail address or the password is not right."));
    assert!(body.contains("value=\"/countries\""));
    // Same page in French.
    let (_, _, body) = get_with(
        &app,
        "/sign-in?failed=throttled&minutes=12",
        &[("cookie", "i18n_pref_locale=fr")],
    )
    .await;
    assert!(main_text(&body).contains("réessayez dans 12 minutes"));
}

#[tokio::test]
async fn a_sign_in_never_sends_the_reader_to_another_site() {
    let app = app().await;
    let account = &DEMO_ACCOUNTS[3];
    let form = format!(
        "email={}&password={}&next=%2F%2Fevil.example%2F",
        form_encode(account.email),
        form_encode(account.password)
    );
    let (_, headers, _) = post_form(&app, "/api/sign-in", &form, &SAME_SITE).await;
    assert_eq!(headers[header::LOCATION], "/");
}

#[tokio::test]
async fn cross_site_writes_are_refused() {
    let app = app().await;
    let account = &DEMO_ACCOUNTS[0];
    let form = format!(
        "email={}&password={}",
        form_encode(account.email),
        form_encode(account.password)
    );
    let attacks: [&[(&str, &str)]; 3] = [
        &[
            ("host", "127.0.0.1:3000"),
            ("origin", "https://evil.example"),
        ],
        &[("host", "127.0.0.1:3000"), ("sec-fetch-site", "cross-site")],
        &[("host", "127.0.0.1:3000"), ("origin", "null")],
    ];
    for headers in attacks {
        let (status, response_headers, body) =
            post_form(&app, "/api/sign-in", &form, headers).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{headers:?}");
        assert!(body.contains("another site"), "{body}");
        assert!(response_headers.get(header::SET_COOKIE).is_none());
    }
    let member = sign_in(&app, Role::Member).await;
    let (status, _, _) = post_form(
        &app,
        "/api/sign-out",
        "everywhere=1",
        &[
            ("host", "127.0.0.1:3000"),
            ("origin", "https://evil.example"),
            ("cookie", &member),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let network = hidden_org(Visibility::Network);
    let (status, _, _) = get_with(
        &app,
        &format!("/organisations/{}", network.key),
        &[("cookie", &member)],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "the forged sign-out did nothing");
}

#[tokio::test]
async fn the_cookie_is_secure_behind_tls() {
    let app = app().await;
    let account = &DEMO_ACCOUNTS[1];
    let form = format!(
        "email={}&password={}",
        form_encode(account.email),
        form_encode(account.password)
    );
    let (_, headers, _) = post_form(
        &app,
        "/api/sign-in",
        &form,
        &[
            ("host", "platform.example"),
            ("origin", "https://platform.example"),
            ("x-forwarded-proto", "https"),
        ],
    )
    .await;
    assert!(headers[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .contains("; Secure"));
}

#[tokio::test]
async fn a_member_edits_its_profile_through_the_form() {
    let app = app().await;
    let member = sign_in(&app, Role::Member).await;
    let (status, _, body) = get_with(&app, "/organisations/midh", &[("cookie", &member)]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        body.contains("href=\"/organisations/midh/edit\""),
        "an edit link"
    );
    let (status, _, body) =
        get_with(&app, "/organisations/midh/edit", &[("cookie", &member)]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("name=\"form[version]\" value=\"0\""));
    assert!(
        !body.contains("name=\"form[visibility]\""),
        "members do not set visibility"
    );

    let form = "id=midh&form%5Bversion%5D=0&form%5Bcity%5D=Bouak%C3%A9&form%5Bwebsite%5D=&form%5Bemail%5D=&form%5Bdescription%5D=Nouveau+texte&form%5Bdescription_lang%5D=fr";
    let (status, headers, body) = post_form(
        &app,
        "/api/organisation-save",
        form,
        &[
            SAME_SITE[0],
            SAME_SITE[1],
            ("referer", "http://127.0.0.1:3000/organisations/midh/edit"),
            ("cookie", &member),
        ],
    )
    .await;
    assert!(status.is_redirection(), "{status} {body}");
    assert_eq!(headers[header::LOCATION], "/organisations/midh?saved=1");
    let (_, _, body) = get_with(&app, "/organisations/midh?saved=1", &[("cookie", &member)]).await;
    let text = main_text(&body);
    assert!(text.contains("Your changes are saved."), "{text}");
    assert!(text.contains("Bouaké"));
    assert!(text.contains("History"));
    // The change names its author for a signed-in reader, without their address.
    assert!(text.contains("Demo member"), "{text}");
    assert!(!text.contains("member@example.org"), "{text}");

    // The same form again, on the old version: refused, nothing overwritten.
    let (status, _, _) = post_form(
        &app,
        "/api/organisation-save",
        &form.replace("Nouveau+texte", "Autre+texte"),
        &[
            SAME_SITE[0],
            SAME_SITE[1],
            ("accept", "application/json"),
            ("cookie", &member),
        ],
    )
    .await;
    assert!(
        status == StatusCode::CONFLICT || status.is_redirection(),
        "{status}"
    );
    let (_, _, body) = get_with(&app, "/organisations/midh", &[]).await;
    assert!(main_text(&body).contains("Nouveau texte"));
    assert!(
        !main_text(&body).contains("History"),
        "history is for signed-in readers"
    );

    // Another organisation's form is not theirs.
    let (status, _, _) = get_with(&app, "/organisations/omct/edit", &[("cookie", &member)]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _, body) = get_with(&app, "/organisations/midh/edit", &[]).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(body.contains("href=\"/sign-in\""));
}

#[tokio::test]
async fn only_admins_read_the_audit_log() {
    let app = app().await;
    let (status, _, _) = get_with(&app, "/admin/audit", &[]).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    for role in [Role::Member, Role::Campaigner, Role::Staff] {
        let cookie = sign_in(&app, role).await;
        let (status, _, body) = get_with(&app, "/admin/audit", &[("cookie", &cookie)]).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{role}");
        assert!(!body.contains("sign_in.failed") && !body.contains("@example.org</span>"));
    }
    let admin = sign_in(&app, Role::Admin).await;
    let (status, _, body) =
        get_with(&app, "/admin/audit?action=sign_in", &[("cookie", &admin)]).await;
    assert_eq!(status, StatusCode::OK);
    let text = main_text(&body);
    assert!(text.contains("Audit log"));
    assert!(
        text.contains("admin@example.org") && text.contains("staff@example.org"),
        "{text}"
    );
    let (status, _, _) = get_with(&app, "/admin/audit?from=yesterday", &[("cookie", &admin)]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn only_admins_manage_accounts_and_an_invitation_link_opens_one() {
    let app = app().await;
    let (status, _, _) = get_with(&app, "/admin/users", &[]).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let staff = sign_in(&app, Role::Staff).await;
    let (status, _, _) = get_with(&app, "/admin/users", &[("cookie", &staff)]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _, _) = post_form(
        &app,
        "/api/invite",
        "email=x%40example.org&name=X&role=admin",
        &[
            SAME_SITE[0],
            SAME_SITE[1],
            ("accept", "application/json"),
            ("cookie", &staff),
        ],
    )
    .await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "staff cannot invite an admin"
    );

    let admin = sign_in(&app, Role::Admin).await;
    let (status, _, body) = get_with(&app, "/admin/users", &[("cookie", &admin)]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(main_text(&body).contains("member@example.org"));
    let (status, _, body) = post_form(
        &app,
        "/api/invite",
        "email=awa%40midh.example&name=Awa&role=member&organisation=midh",
        &[
            SAME_SITE[0],
            SAME_SITE[1],
            ("accept", "application/json"),
            ("cookie", &admin),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let link: serde_json::Value = serde_json::from_str(&body).unwrap();
    let link = link["link"].as_str().unwrap();
    let path = &link[link.find("/invite/").unwrap()..];
    assert!(link.starts_with("http://127.0.0.1:3000/invite/"), "{link}");

    let (status, _, body) = get_with(&app, path, &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(main_text(&body).contains("awa@midh.example"));
    let token = &path["/invite/".len()..];
    let (status, headers, _) = post_form(
        &app,
        "/api/invite-accept",
        &format!("token={token}&name=Awa+Kon%C3%A9&password=seven+brave+otters+in+geneva"),
        &SAME_SITE,
    )
    .await;
    assert!(status.is_redirection());
    assert_eq!(headers[header::LOCATION], "/");
    let cookie = headers[header::SET_COOKIE].to_str().unwrap();
    let cookie = cookie.split(';').next().unwrap();
    let (_, _, body) = get_with(&app, "/", &[("cookie", cookie)]).await;
    assert!(visible_text(&body).contains("Signed in as Awa Koné"));
    let (_, _, body) = get_with(&app, path, &[]).await;
    assert!(main_text(&body).contains("already been used"));
}

#[tokio::test]
async fn only_admins_see_who_may_read_a_restricted_record() {
    let app = app().await;
    let restricted = hidden_org(Visibility::Restricted);
    let page = format!("/organisations/{}", restricted.key);
    let admin = sign_in(&app, Role::Admin).await;
    let (status, _, body) = get_with(&app, &page, &[("cookie", &admin)]).await;
    assert_eq!(status, StatusCode::OK);
    let text = main_text(&body);
    assert!(
        text.contains("Who may read this restricted record"),
        "{text}"
    );
    assert!(
        text.contains("staff@example.org"),
        "the demo grant is listed"
    );
    let staff = sign_in(&app, Role::Staff).await;
    let (status, _, body) = get_with(&app, &page, &[("cookie", &staff)]).await;
    assert_eq!(status, StatusCode::OK, "the granted staff member reads it");
    assert!(!main_text(&body).contains("Who may read this restricted record"));
    let (status, _, _) = post_form(
        &app,
        "/api/access-grant",
        &format!(
            "organisation={}&email=campaigner%40example.org",
            restricted.key
        ),
        &[
            SAME_SITE[0],
            SAME_SITE[1],
            ("accept", "application/json"),
            ("cookie", &staff),
        ],
    )
    .await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "staff cannot hand out access"
    );
}

/// The account page's password form: a wrong current password comes back
/// to the form with the reason; the right one changes it, ends the session
/// in this browser (cookie and stored data cleared) and asks to sign in.
#[tokio::test]
async fn the_password_form_changes_the_password_and_signs_out() {
    let app = app().await;
    let member = sign_in(&app, Role::Member).await;
    let account = DEMO_ACCOUNTS
        .iter()
        .find(|a| a.role == Role::Member)
        .unwrap();
    let (_, _, page) = get_with(&app, "/account", &[("cookie", &member)]).await;
    assert!(page.contains("action=\"/api/password-change\""));
    assert!(
        page.contains("autocomplete=\"current-password\"")
            && page.contains("autocomplete=\"new-password\"")
    );

    let with = |current: &str, new: &str| {
        format!(
            "current={}&password={}",
            form_encode(current),
            form_encode(new)
        )
    };
    let mut headers = SAME_SITE.to_vec();
    headers.push(("cookie", &member));
    let (status, answer, _) = post_form(
        &app,
        "/api/password-change",
        &with("wrong", "a brand new long passphrase"),
        &headers,
    )
    .await;
    assert!(status.is_redirection());
    assert_eq!(
        answer[header::LOCATION],
        "/account?failed=password#password"
    );
    let (_, _, page) = get_with(&app, "/account?failed=password", &[("cookie", &member)]).await;
    assert!(main_text(&page).contains("The current password is not right."));

    let (status, answer, _) = post_form(
        &app,
        "/api/password-change",
        &with(account.password, "a brand new long passphrase"),
        &headers,
    )
    .await;
    assert!(status.is_redirection());
    assert_eq!(answer[header::LOCATION], "/sign-in?changed=1");
    let cookie = answer[header::SET_COOKIE].to_str().unwrap();
    assert!(cookie.contains("Max-Age=0"), "{cookie}");
    assert!(answer.contains_key("clear-site-data"));
    let (_, _, page) = get_with(&app, "/account", &[("cookie", &member)]).await;
    assert!(
        !page.contains("/api/password-change"),
        "the old session is over"
    );
    let (_, _, page) = get_with(&app, "/sign-in?changed=1", &[]).await;
    assert!(main_text(&page).contains("Sign in with the new password."));
}
