//! Writing many relations in one transaction (an import, the demo, a
//! generated network). Each relation's ends keep a count and a list of their
//! relations (migrations 0008, 0009), which the database's events rewrite
//! once per relation: for a bulk write that is most of the time. A bulk
//! write silences those events with `$bulk_links` (migration 0025) and asks
//! `fn::relink_bulk` once per end with all of its new relations, which
//! leaves the same counts and lists.

use surrealdb::types::{RecordId, SurrealValue};

/// First statement of a bulk write's transaction, before its relations are
/// created; the transaction ends with [`RELINK_ENDS`] bound to [`ends_of`].
pub const BULK_LINKS_ON: &str = "LET $bulk_links = true;";

/// Brings the ends' counts and lists up to date with the relations created
/// since [`BULK_LINKS_ON`]; binds `$bulk_ends`.
pub const RELINK_ENDS: &str = "fn::relink_bulk($bulk_ends);";

/// Creates each row of `$param`, rows carrying their `id`, one statement
/// per row: in SurrealDB 3.3 an `INSERT` costs in proportion to what its
/// transaction has written already, so a large one grows with the square of
/// its rows (8,000 organisations: 42 s against 2 s this way, debug build).
/// A row whose id names another table than `table` stops the transaction.
pub fn create_each(param: &str, table: &str) -> String {
    format!(
        "FOR $row IN ${param} {{
            IF record::tb($row.id) != '{table}' {{ THROW 'a bulk row of another table' }};
            CREATE $row.id CONTENT $row;
        }};"
    )
}

/// Relates each row of `$param` (`id`, `in`, `out` and its fields), one
/// statement per row, as [`create_each`] does for records.
pub fn relate_each(param: &str, table: &str) -> String {
    format!(
        "FOR $row IN ${param} {{
            IF record::tb($row.id) != '{table}' {{ THROW 'a bulk row of another table' }};
            RELATE ($row.in)->($row.id)->($row.out) CONTENT $row;
        }};"
    )
}

/// An end and the new relations that touch it, in the order written.
#[derive(Debug, Clone, PartialEq, SurrealValue)]
pub struct EndEdges {
    pub end: RecordId,
    pub edges: Vec<RecordId>,
}

/// Groups new relations `(id, in, out)` by end, ends in the order they are
/// first met and each end's relations in the order given; a relation whose
/// ends are one record is listed once under it, as the events do.
pub fn ends_of<'a>(
    edges: impl IntoIterator<Item = (&'a RecordId, &'a RecordId, &'a RecordId)>,
) -> Vec<EndEdges> {
    let mut order: Vec<EndEdges> = Vec::new();
    // Keyed by the end's text: a record id holds values that could change.
    let mut at: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (id, from, to) in edges {
        let ends: &[&RecordId] = if from == to { &[from] } else { &[from, to] };
        for end in ends {
            let key = format!("{}:{:?}", end.table.as_str(), end.key);
            let i = *at.entry(key).or_insert_with(|| {
                order.push(EndEdges {
                    end: (*end).clone(),
                    edges: Vec::new(),
                });
                order.len() - 1
            });
            order[i].edges.push(id.clone());
        }
    }
    order
}

/// A new relation's id in `table`, chosen before it is written so that its
/// ends can be told about it in the same transaction.
pub fn new_edge_id(table: &str) -> Result<RecordId, String> {
    let mut bytes = [0u8; 10];
    getrandom::fill(&mut bytes).map_err(|e| format!("no randomness: {e}"))?;
    Ok(RecordId::new(table, hex::encode(bytes)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_end_gets_its_relations_in_order_and_a_loop_counts_once() {
        let r = |t: &str, k: &str| RecordId::new(t, k);
        let (e1, e2, e3) = (
            r("partner_of", "1"),
            r("partner_of", "2"),
            r("member_of", "3"),
        );
        let (a, b, c) = (
            r("organisation", "a"),
            r("organisation", "b"),
            r("organisation", "c"),
        );
        let ends = ends_of([(&e1, &a, &b), (&e2, &b, &c), (&e3, &c, &c)]);
        assert_eq!(
            ends,
            vec![
                EndEdges {
                    end: a.clone(),
                    edges: vec![e1.clone()]
                },
                EndEdges {
                    end: b.clone(),
                    edges: vec![e1.clone(), e2.clone()]
                },
                EndEdges {
                    end: c.clone(),
                    edges: vec![e2.clone(), e3.clone()]
                },
            ]
        );
    }
}
