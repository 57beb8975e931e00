//! Whether the page runs its script yet.

use leptos::prelude::*;

/// False while the page is rendered on the server and until it is hydrated.
/// A button whose answer only the script can show (recovery codes, a reset
/// link: secrets shown once) stays disabled until then: posted as a plain
/// form, it would make a secret that nobody ever sees, and replace the one
/// before it.
pub fn use_hydrated() -> ReadSignal<bool> {
    let (hydrated, set_hydrated) = signal(false);
    Effect::new(move |_| set_hydrated.set(true));
    hydrated
}
