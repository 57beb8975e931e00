//! What the store's writes share: a refusal that names the field, the rule
//! that no one writes a record at a level they could not read back, and the
//! random part of a new record's key.

use crate::store::internal;
use app::error::WorkError;

/// A refusal naming the field and the value that was refused.
pub(in crate::store) fn refused(field: &str, problem: shared::Problem, value: &str) -> WorkError {
    WorkError::Invalid(vec![
        shared::ValidationError::new(field, problem).with_value(value)
    ])
}

/// Refuses an end year still to come: a relation marked ended leaves every
/// view of the network as it is now, so it ends in a year that has begun.
pub(in crate::store) fn ended_by_now(until: Option<i32>) -> Result<(), WorkError> {
    use chrono::Datelike;
    let this_year = chrono::Utc::now().year();
    match until {
        Some(year) if year > this_year => Err(refused(
            "until",
            shared::Problem::YearOutOfRange {
                min: *shared::person::RELATION_YEARS.start(),
                max: this_year,
            },
            &year.to_string(),
        )),
        _ => Ok(()),
    }
}

/// Ends, in `$until`, the current relations among `pair` (a `table WHERE
/// ...` of those the actor reads) in one audited transaction: none at all
/// THROWs `not-found`, none current `already-ended`, one that began after
/// `$until` `ends before it began` (read back by [`end_outcome`]).
pub(in crate::store) fn end_relations(pair: &str) -> String {
    format!(
        "BEGIN TRANSACTION;
         LET $edges = (SELECT id, since FROM {pair} AND until = NONE);
         IF $edges = [] {{
             IF (SELECT VALUE id FROM {pair}) = [] {{ THROW 'not-found' }};
             THROW 'already-ended';
         }};
         IF math::max($edges.map(|$e| $e.since ?? $until)) > $until {{
             THROW 'ends before it began'
         }};
         UPDATE $edges.id SET until = $until;
         {};
         COMMIT TRANSACTION;",
        crate::store::audit::AUDIT_INSERT
    )
}

/// The refusals of [`end_relations`], on the year.
pub(in crate::store) fn end_outcome(
    outcome: Result<(), WorkError>,
    until: i32,
) -> Result<(), WorkError> {
    match outcome {
        Err(WorkError::Store(e)) if e.to_string().contains("ends before it began") => Err(refused(
            "until",
            shared::Problem::EndsBeforeStart,
            &until.to_string(),
        )),
        Err(WorkError::Store(e)) if e.to_string().contains("already-ended") => Err(refused(
            "until",
            shared::Problem::AlreadyEnded,
            &until.to_string(),
        )),
        other => other,
    }
}

/// Random lowercase hex that makes a new record's readable key unique.
pub(in crate::store) fn random_suffix(len: usize) -> Result<String, WorkError> {
    crate::security::token::new_token()
        .map(|t| t.chars().take(len).collect())
        .map_err(|e| WorkError::Store(internal(e)))
}

/// Refuses a visibility the actor could not read back: no one files a
/// record above their own clearance, where they would lose sight of it.
pub(in crate::store) fn within_clearance(
    actor: &app::accounts::Actor,
    level: shared::Visibility,
) -> Result<(), WorkError> {
    if actor.viewer.can_read(level) {
        Ok(())
    } else {
        Err(refused(
            "visibility",
            shared::Problem::NotOneOf {
                allowed: shared::Visibility::ALL
                    .iter()
                    .filter(|v| actor.viewer.can_read(**v))
                    .map(|v| v.as_str().to_owned())
                    .collect(),
            },
            level.as_str(),
        ))
    }
}
