//! Joining the network: the public application and the applicant's status
//! page, staff's review against the criteria admins keep, and the answers
//! of referee members.

pub mod api;
pub mod application_page;
pub mod applications_page;
pub mod criteria_page;
pub mod join_page;
pub mod references_page;
#[cfg(feature = "ssr")]
pub mod store;
