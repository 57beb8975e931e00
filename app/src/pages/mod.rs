//! One module a page.

pub mod advocacy;
pub mod advocacy_event;
pub mod advocacy_mission;
pub mod audit;
pub mod campaigns;
pub mod countries;
pub mod country;
pub mod directory;
pub mod edit_organisation;
pub mod figures;
pub mod hearings;
pub mod home;
pub mod interventions;
pub mod invite;
pub mod mission;
pub mod new_trial;
pub mod not_found;
pub mod organisation;
pub mod plan_mission;
pub mod report;
pub mod second_factor;
pub mod sign_in;
pub mod trial;
pub mod trials;
pub mod users;
pub mod work_queue;
