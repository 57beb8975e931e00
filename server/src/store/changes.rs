//! Whether an answer kept in memory is still the database's: a number that
//! moves on with every committed write. Every write appends its audit line
//! in its own transaction, so a live query on the audit log hears each one,
//! from this server or from another sharing the database; and a write this
//! server answered moves it at once, before the answer leaves, so that the
//! writer's next page never comes from before the write.
//!
//! An answer is kept with the number read *before* the database was asked:
//! a write that commits meanwhile moves the number, and the answer, kept
//! under the old one, is never used. While the live query is not running
//! (before it starts, or after it broke, until it is back) nothing kept is
//! used at all.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

#[derive(Debug, Default)]
pub struct Changes {
    moves: AtomicU64,
    listening: AtomicBool,
}

impl Changes {
    /// The number to keep an answer under, read before asking the
    /// database; `None` while changes cannot be heard.
    pub fn now(&self) -> Option<u64> {
        self.listening
            .load(Ordering::Acquire)
            .then(|| self.moves.load(Ordering::Acquire))
    }

    /// Something was written: every answer kept before is old.
    pub fn moved(&self) {
        self.moves.fetch_add(1, Ordering::AcqRel);
    }

    fn listening(&self, on: bool) {
        // Moved on both edges: what was kept before a gap may miss a write
        // made during it.
        self.moved();
        self.listening.store(on, Ordering::Release);
        self.moved();
    }
}

/// Answers kept in memory under [`Changes::now`], a bounded number of them
/// (a reader cannot fill the memory by asking many different questions:
/// past the bound, everything kept is dropped).
pub struct Kept<K, V> {
    answers: Mutex<HashMap<K, (u64, V)>>,
    bound: usize,
}

impl<K: Eq + Hash, V: Clone> Kept<K, V> {
    pub fn new(bound: usize) -> Self {
        Self {
            answers: Mutex::new(HashMap::new()),
            bound,
        }
    }

    /// The answer kept for `key` under `now`, if any.
    pub fn get(&self, key: &K, now: Option<u64>) -> Option<V> {
        let now = now?;
        let answers = self.answers.lock().ok()?;
        answers
            .get(key)
            .filter(|(at, _)| *at == now)
            .map(|(_, v)| v.clone())
    }

    /// Keeps `value` for `key`, as of `at` (read before the database was).
    pub fn keep(&self, key: K, at: Option<u64>, value: V) {
        let Some(at) = at else { return };
        if let Ok(mut answers) = self.answers.lock() {
            if answers.len() >= self.bound {
                answers.clear();
            }
            answers.insert(key, (at, value));
        }
    }
}

/// Listens to the audit log for as long as the process runs, moving
/// `changes` on every line; starts again after a break.
pub fn listen(db: crate::db::Db, changes: Arc<Changes>) -> tokio::task::JoinHandle<()> {
    use futures_util::StreamExt;
    tokio::spawn(async move {
        loop {
            match db
                .select::<Vec<surrealdb::types::Value>>("audit")
                .live()
                .await
            {
                Ok(mut stream) => {
                    changes.listening(true);
                    while let Some(note) = stream.next().await {
                        match note {
                            Ok(note) if records_no_change(&note.data) => {}
                            Ok(_) => changes.moved(),
                            Err(e) => {
                                changes.moved();
                                tracing::warn!(error = %e, "a change of the audit log could not be read");
                            }
                        }
                    }
                    changes.listening(false);
                    tracing::warn!("the live query on the audit log ended; starting it again");
                }
                Err(e) => {
                    changes.listening(false);
                    tracing::warn!(error = %e, "cannot listen to the audit log; answers are not kept");
                }
            }
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
    })
}

/// An audit line of a reading (`read.*`) or a sign-in (`sign_in`, and its
/// steps and failures `sign_in.*`): it records no change to anything kept
/// in memory, and anyone can make a sign-in attempt, as often as the
/// throttle lets them.
fn records_no_change(line: &surrealdb::types::Value) -> bool {
    matches!(
        line.get("action"),
        surrealdb::types::Value::String(action)
            if action.starts_with("read.")
                || action == "sign_in"
                || action.starts_with("sign_in.")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_is_used_only_under_the_number_it_was_kept_with() {
        let changes = Changes::default();
        let kept = Kept::new(10);
        assert_eq!(changes.now(), None, "nothing is kept before listening");
        kept.keep("q", changes.now(), 1);
        assert_eq!(kept.get(&"q", changes.now()), None);

        changes.listening(true);
        let before = changes.now();
        kept.keep("q", before, 2);
        assert_eq!(kept.get(&"q", changes.now()), Some(2));
        changes.moved();
        assert_eq!(kept.get(&"q", changes.now()), None, "a write makes it old");

        // Read before a write, kept after it: never used.
        let read_at = changes.now();
        changes.moved();
        kept.keep("q", read_at, 3);
        assert_eq!(kept.get(&"q", changes.now()), None);

        changes.listening(false);
        assert_eq!(kept.get(&"q", changes.now()), None, "not while deaf");
    }

    #[test]
    fn many_questions_cannot_fill_the_memory() {
        let changes = Changes::default();
        changes.listening(true);
        let kept = Kept::new(3);
        for i in 0..10 {
            kept.keep(i, changes.now(), i);
        }
        assert!(kept.answers.lock().unwrap().len() <= 3);
        assert_eq!(kept.get(&9, changes.now()), Some(9));
    }
}
