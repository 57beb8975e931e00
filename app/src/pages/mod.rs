//! One module a page.

pub mod audit;
pub mod countries;
pub mod country;
pub mod directory;
pub mod edit_organisation;
pub mod home;
pub mod invite;
pub mod not_found;
pub mod organisation;
pub mod second_factor;
pub mod sign_in;
pub mod users;
