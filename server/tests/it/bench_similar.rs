//! What the duplicate finder costs on the demo network (314 organisations):
//! a refused creation (the finder reads every readable organisation's names
//! and compares them in Rust) against a profile read, in the same run.
//! Ignored by default: run with `cargo test -p server --test it bench_similar
//! -- --ignored --nocapture`; docs/benchmark.md has the last numbers.

use crate::support;
use app::directory::store::{Editing, Profiles};
use app::error::WorkError;
use shared::{OrgEditForm, OrgId, Role};
use std::time::{Duration, Instant};

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

#[tokio::test]
#[ignore]
async fn the_duplicate_finder_against_a_profile_read() {
    let store = support::demo_store().await;
    let staff = support::actor(&store, Role::Staff).await;
    let form = OrgEditForm {
        name: Some("Organisation mondiale contre la torture".into()),
        kind: Some("member".into()),
        visibility: Some("network".into()),
        description_lang: "fr".into(),
        ..OrgEditForm::default()
    }
    .check_new(Role::Staff)
    .unwrap();
    let omct = OrgId::parse("omct").unwrap();
    let (mut finder, mut profile) = (Vec::new(), Vec::new());
    for _ in 0..40 {
        let t = Instant::now();
        let refused = store.create_organisation(&staff, &form, false).await;
        finder.push(t.elapsed());
        assert!(matches!(refused, Err(WorkError::Invalid(_))), "{refused:?}");
        let t = Instant::now();
        store
            .organisation(&staff.viewer, &omct)
            .await
            .unwrap()
            .unwrap();
        profile.push(t.elapsed());
    }
    let (f, p) = (median(finder), median(profile));
    println!(
        "duplicate finder: median {:.1} ms; profile read: median {:.1} ms; ratio {:.2}",
        f.as_secs_f64() * 1000.0,
        p.as_secs_f64() * 1000.0,
        f.as_secs_f64() / p.as_secs_f64()
    );
}
