//! Relations between organisations that people keep: one is a member of a
//! network, or two are partners. Each has a role or context, since and
//! until years, a source and its own level; ending one keeps it, with its
//! end year, as the past.

use crate::error::ValidationError;
use crate::organisation::OrgRef;
use crate::person::{MembershipForm, NewMembership};
use crate::visibility::Visibility;
use serde::{Deserialize, Serialize};

crate::word_enum!(
    /// The kind of relation between two organisations.
    TieKind, "kind", {
        MemberOf => "member-of",
        PartnerOf => "partner-of",
    }
);

/// A relation of an organisation as its page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgTie {
    pub kind: TieKind,
    pub other: OrgRef,
    /// For a membership: its role in the network; for a partnership: its
    /// context (a programme, a joint mission).
    pub role: Option<String>,
    pub since: Option<i32>,
    /// The year it ended; `None` while it lasts.
    pub until: Option<i32>,
    pub source: Option<String>,
    pub visibility: Visibility,
}

impl OrgTie {
    pub fn is_current(&self) -> bool {
        self.until.is_none()
    }
}

/// A relation as typed into the form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TieForm {
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub organisation: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub since: String,
    #[serde(default)]
    pub until: String,
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub visibility: String,
}

/// A relation, checked: the other organisation and the relation's fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewTie {
    pub kind: TieKind,
    pub tie: NewMembership,
}

impl TieForm {
    pub fn check(&self) -> Result<NewTie, Vec<ValidationError>> {
        let kind = TieKind::parse(self.kind.trim());
        let fields = MembershipForm {
            organisation: self.organisation.clone(),
            role: self.role.clone(),
            since: self.since.clone(),
            until: self.until.clone(),
            source: self.source.clone(),
            visibility: self.visibility.clone(),
        }
        .check();
        match (kind, fields) {
            (Ok(kind), Ok(tie)) => Ok(NewTie { kind, tie }),
            (kind, fields) => {
                let mut problems = kind.err().into_iter().collect::<Vec<_>>();
                problems.extend(fields.err().unwrap_or_default());
                Err(problems)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tie_names_its_kind_and_keeps_the_membership_rules() {
        let form = TieForm {
            kind: "partner-of".into(),
            organisation: "midh".into(),
            role: "Joint trial observation".into(),
            since: "2019".into(),
            visibility: "network".into(),
            ..TieForm::default()
        };
        let tie = form.check().unwrap();
        assert_eq!(tie.kind, TieKind::PartnerOf);
        assert_eq!(tie.tie.since, Some(2019));
        let bad = TieForm {
            kind: "enemy-of".into(),
            since: "2020".into(),
            until: "2010".into(),
            ..form
        };
        let fields: Vec<String> = bad
            .check()
            .unwrap_err()
            .into_iter()
            .map(|p| p.field)
            .collect();
        assert!(
            fields.contains(&"kind".to_owned()) && fields.contains(&"until".to_owned()),
            "{fields:?}"
        );
    }
}
