//! A section with several forms (add, end, delete) shows one error summary:
//! the error of the write that answered last, not an older one that is
//! still held by its action.

use crate::error::AppError;
use leptos::prelude::*;

/// Which of a section's writes answered last (its index; none yet in this
/// page until one answers).
#[derive(Clone, Copy)]
pub struct LastWrite(RwSignal<Option<usize>>);

impl LastWrite {
    /// Watches the writes' answer counters (`ServerAction::version`).
    pub fn new<const N: usize>(versions: [RwSignal<usize>; N]) -> Self {
        let last = RwSignal::new(None);
        for (which, version) in versions.into_iter().enumerate() {
            Effect::new(move |_| {
                if version.get() > 0 {
                    last.set(Some(which));
                }
            });
        }
        LastWrite(last)
    }

    /// The error of the write that answered last. Without JavaScript only
    /// one write has an answer (the page was reloaded after it), so the
    /// first one holding an answer is it.
    pub fn error<const N: usize>(
        &self,
        answers: [Option<Result<(), AppError>>; N],
    ) -> Option<AppError> {
        let answer = match self.0.get() {
            Some(which) => answers.into_iter().nth(which).flatten(),
            None => answers.into_iter().flatten().next(),
        };
        answer.and_then(Result::err)
    }
}
