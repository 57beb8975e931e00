//! An organisation's timeline: the trials whose defence it supported, the
//! observation missions it sent, the events it organised, the interventions
//! it co-signed, and its memberships and partnerships by the year they
//! began. Each line needs both the relation and the record it leads to
//! readable, as on a person's page.

use crate::store::rows::timeline_lines;
use crate::store::visibility::{
    EDGE_READABLE, OUT_OF_MISSION_READABLE, READABLE, READABLE_UNDER_TRIAL,
};
use crate::store::{internal, SurrealStore};
use app::error::StoreError;
use chrono::NaiveDate;
use shared::{OrgId, OrgTie, TieKind, TimelineEntry, TimelineKind, Viewer};
use surrealdb::types::RecordId;

fn timeline_query() -> String {
    format!(
        "SELECT record::id(id) AS key, case_name AS title, status AS detail,
                (SELECT VALUE time::format(starts_at, '%Y-%m-%d') FROM hearing
                    WHERE trial = $parent.id AND {READABLE}
                    ORDER BY starts_at LIMIT 1)[0] AS on
             FROM trial
             WHERE id IN (SELECT VALUE in FROM supported_by WHERE out = $org AND {EDGE_READABLE})
                 AND {READABLE};
         SELECT record::id(id) AS key, title, starts_on AS on, status AS detail
             FROM mission
             WHERE id IN (SELECT VALUE in FROM organised_by WHERE out = $org AND {OUT_OF_MISSION_READABLE})
                 AND {READABLE_UNDER_TRIAL};
         SELECT record::id(id) AS key, title, starts_on AS on, NONE AS detail
             FROM advocacy_event
             WHERE id IN (SELECT VALUE out FROM organises WHERE in = $org AND {EDGE_READABLE})
                 AND {READABLE};
         SELECT record::id(id) AS key, title, sent_on AS on, kind AS detail
             FROM intervention
             WHERE id IN (SELECT VALUE in FROM cosigned_by WHERE out = $org AND {EDGE_READABLE})
                 AND {READABLE};"
    )
}

impl SurrealStore {
    /// The timeline of an organisation the reader may read; `ties` are its
    /// relations as the reader may read them.
    pub(in crate::store) async fn organisation_timeline(
        &self,
        viewer: &Viewer,
        id: &OrgId,
        ties: &[OrgTie],
    ) -> Result<Vec<TimelineEntry>, StoreError> {
        let mut response = self
            .query_for(viewer, timeline_query())
            .bind(("org", RecordId::new("organisation", id.as_str())))
            .await
            .map_err(internal)?;
        let kinds = [
            (0, TimelineKind::Supporter, "/trials/", "trial"),
            (1, TimelineKind::MissionSent, "/missions/", "mission"),
            (
                2,
                TimelineKind::Organiser,
                "/advocacy/events/",
                "advocacy_event",
            ),
            (
                3,
                TimelineKind::Cosignatory,
                "/interventions/",
                "intervention",
            ),
        ];
        let mut timeline = timeline_lines(&mut response, &kinds)?;
        timeline.extend(
            ties.iter()
                .filter(|t| t.since.is_some())
                .map(|t| TimelineEntry {
                    on: t.since.and_then(|y| NaiveDate::from_ymd_opt(y, 1, 1)),
                    kind: match t.kind {
                        TieKind::MemberOf => TimelineKind::Member,
                        TieKind::PartnerOf => TimelineKind::Partner,
                    },
                    title: t.other.name.clone(),
                    href: format!("/organisations/{}", t.other.id),
                    record: format!("organisation:{}", t.other.id),
                    detail: match (&t.role, t.until) {
                        (Some(r), Some(u)) => Some(format!("{r}, –{u}")),
                        (None, Some(u)) => Some(format!("–{u}")),
                        (role, None) => role.clone(),
                    },
                }),
        );
        shared::sort_timeline(&mut timeline);
        Ok(timeline)
    }
}
