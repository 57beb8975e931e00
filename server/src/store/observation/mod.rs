//! Trial observation's store: trials and their registration, hearings and
//! outcomes, missions and their planning aids, reports, calendar feeds.

pub mod calendar;
pub mod hearings;
pub mod missions;
pub mod new_trials;
pub mod outcomes;
pub mod planning;
pub mod reports;
pub mod trials;
