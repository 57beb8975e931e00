//! The list of people, a page at a time: each person the reader may read,
//! with the organisations they belong to now where both the membership and
//! the organisation are readable. Filtered and counted in the database.

use crate::store::rows::{org_ref, visibility};
use crate::store::visibility::{CURRENT_FILTER, EDGE_READABLE, READABLE, READABLE_OUT};
use crate::store::{internal, SurrealStore};
use app::error::StoreError;
use shared::{
    PeoplePage, PeopleQuery, PersonId, PersonRole, PersonSummary, RiskLevel, Viewer, Visibility,
};
use surrealdb::types::{RecordId, SurrealValue};

#[derive(Debug, SurrealValue)]
struct OrgRow {
    key: String,
    name: String,
    acronym: Option<String>,
}

#[derive(Debug, SurrealValue)]
struct Row {
    key: String,
    name: String,
    roles: Vec<String>,
    risk_level: String,
    nationality: Option<RecordId>,
    based_in: Vec<RecordId>,
    visibility: String,
    organisations: Vec<OrgRow>,
}

impl SurrealStore {
    pub(in crate::store) async fn people_list(
        &self,
        viewer: &Viewer,
        query: &PeopleQuery,
    ) -> Result<PeoplePage, StoreError> {
        let mut conditions = vec![READABLE.to_owned()];
        if query.q.is_some() {
            conditions.push("name @1@ $q".into());
        }
        if query.role.is_some() {
            conditions.push("$role IN roles".into());
        }
        if query.country.is_some() {
            conditions.push(format!(
                "(nationality = $country OR $country IN ->based_in{CURRENT_FILTER}->country)"
            ));
        }
        let filter = conditions.join(" AND ");
        let sql = format!(
            "SELECT record::id(id) AS key, name, roles, risk_level, nationality, visibility,
                    ->based_in{CURRENT_FILTER}->country AS based_in,
                    (SELECT record::id(out) AS key, out.name AS name, out.acronym AS acronym
                        FROM member_of
                        WHERE in = $parent.id AND until = NONE AND {EDGE_READABLE}
                            AND record::tb(out) = 'organisation' AND {READABLE_OUT}
                        ORDER BY name) AS organisations
                 FROM person WHERE {filter}
                 ORDER BY name COLLATE, key
                 LIMIT $limit START $start;
             RETURN count(SELECT id FROM person WHERE {filter});"
        );
        let mut response = self
            .query_for(viewer, sql)
            .bind(("q", query.q.as_ref().map(|q| q.as_str().to_owned())))
            .bind(("role", query.role.map(|r| r.as_str())))
            .bind((
                "country",
                query
                    .country
                    .as_ref()
                    .map(|c| RecordId::new("country", c.key())),
            ))
            .bind(("limit", i64::from(query.per_page)))
            .bind(("start", i64::try_from(query.offset()).unwrap_or(i64::MAX)))
            .await
            .map_err(internal)?;
        let rows: Vec<Row> = response.take(0).map_err(internal)?;
        let total: Option<i64> = response.take(1).map_err(internal)?;
        let staff_side = viewer.clearance() >= Visibility::Staff;
        let items = rows
            .into_iter()
            .map(|row| {
                Ok(PersonSummary {
                    id: PersonId::parse(&row.key).map_err(internal)?,
                    name: row.name,
                    roles: row
                        .roles
                        .iter()
                        .filter_map(|r| PersonRole::parse(r).ok())
                        .collect(),
                    nationality: row
                        .nationality
                        .as_ref()
                        .and_then(|c| self.country_of_record(c)),
                    based_in: row
                        .based_in
                        .iter()
                        .filter_map(|c| self.country_of_record(c))
                        .collect(),
                    risk_level: staff_side
                        .then(|| RiskLevel::parse(&row.risk_level).ok())
                        .flatten(),
                    organisations: row
                        .organisations
                        .into_iter()
                        .filter_map(|o| org_ref(&o.key, o.name, o.acronym))
                        .collect(),
                    visibility: visibility(&row.visibility),
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        Ok(PeoplePage {
            items,
            total: total.unwrap_or(0).max(0) as u64,
            query: query.clone(),
        })
    }
}
