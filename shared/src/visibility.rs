//! Who may see a record. Every node and edge carries a [`Visibility`]; a
//! [`Viewer`] carries the highest level it may read. The store applies the rule
//! inside its queries, so lists, counts, search and graph reads agree.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Ordered from the most open to the most closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Visibility {
    Public,
    Network,
    Staff,
    Restricted,
}

impl Visibility {
    pub const ALL: [Visibility; 4] = [
        Visibility::Public,
        Visibility::Network,
        Visibility::Staff,
        Visibility::Restricted,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Visibility::Public => "public",
            Visibility::Network => "network",
            Visibility::Staff => "staff",
            Visibility::Restricted => "restricted",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == raw)
    }
}

impl fmt::Display for Visibility {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The reader of a page or the caller of a store method, reduced to what the
/// confidentiality rule needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewer {
    /// The most closed level this viewer may read; `restricted` records also
    /// need an explicit grant, which anonymous visitors never have.
    clearance: Visibility,
    /// Records ("person:abc", "organisation:xyz") this viewer was granted
    /// although they are restricted; a grant also opens the record's
    /// restricted edges.
    grants: Vec<String>,
}

impl Viewer {
    /// A visitor who is not signed in: public records only.
    pub fn anonymous() -> Self {
        Self {
            clearance: Visibility::Public,
            grants: Vec::new(),
        }
    }

    pub fn with_clearance(clearance: Visibility) -> Self {
        Self {
            clearance,
            grants: Vec::new(),
        }
    }

    /// Grants count for staff-side clearance; a member's count only on the
    /// alerts they sent (their grant is written with the alert); an anonymous
    /// visitor has none. A member never reads any other restricted record,
    /// whatever is stored.
    pub fn with_grants(mut self, grants: Vec<String>) -> Self {
        if self.clearance >= Visibility::Staff {
            self.grants = grants;
        } else if self.clearance >= Visibility::Network {
            self.grants = grants
                .into_iter()
                .filter(|g| g.starts_with("alert:"))
                .collect();
        }
        self
    }

    pub fn grants(&self) -> &[String] {
        &self.grants
    }

    pub fn clearance(&self) -> Visibility {
        self.clearance
    }

    /// The visibility levels this viewer may read, as bound into store queries.
    pub fn readable(&self) -> Vec<&'static str> {
        Visibility::ALL
            .into_iter()
            .filter(|v| *v <= self.clearance)
            .map(Visibility::as_str)
            .collect()
    }

    pub fn can_read(&self, v: Visibility) -> bool {
        v <= self.clearance
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_are_ordered_from_open_to_closed() {
        assert!(Visibility::Public < Visibility::Network);
        assert!(Visibility::Network < Visibility::Staff);
        assert!(Visibility::Staff < Visibility::Restricted);
    }

    #[test]
    fn anonymous_reads_public_only() {
        let v = Viewer::anonymous();
        assert_eq!(v.readable(), vec!["public"]);
        assert!(v.can_read(Visibility::Public));
        assert!(!v.can_read(Visibility::Network));
        assert!(!v.can_read(Visibility::Restricted));
    }

    #[test]
    fn staff_clearance_reads_up_to_staff() {
        let v = Viewer::with_clearance(Visibility::Staff);
        assert_eq!(v.readable(), vec!["public", "network", "staff"]);
    }

    #[test]
    fn grants_only_reach_staff_side_viewers() {
        let grants = vec!["person:x".to_owned()];
        assert!(Viewer::anonymous()
            .with_grants(grants.clone())
            .grants()
            .is_empty());
        assert!(Viewer::with_clearance(Visibility::Network)
            .with_grants(grants.clone())
            .grants()
            .is_empty());
        let sent = vec!["alert:abc".to_owned(), "person:x".to_owned()];
        assert_eq!(
            Viewer::with_clearance(Visibility::Network)
                .with_grants(sent.clone())
                .grants(),
            ["alert:abc".to_owned()],
            "a member's grants open only the alerts they sent"
        );
        assert!(Viewer::anonymous().with_grants(sent).grants().is_empty());
        assert_eq!(
            Viewer::with_clearance(Visibility::Staff)
                .with_grants(grants.clone())
                .grants(),
            &grants[..]
        );
    }

    #[test]
    fn parse_round_trips() {
        for v in Visibility::ALL {
            assert_eq!(Visibility::parse(v.as_str()), Some(v));
        }
        assert_eq!(Visibility::parse("secret"), None);
        assert_eq!(
            serde_json::to_string(&Visibility::Staff).unwrap(),
            "\"staff\""
        );
    }
}
