//! Accounts: roles, what each role may read and do, and the rules a password
//! and a second-factor code must meet.

use crate::error::{Problem, ValidationError};
use crate::ids::{OrgId, UserId};
use crate::visibility::Visibility;
use serde::{Deserialize, Serialize};
use std::fmt;

/// What a signed-in person does in the network. Ordered by reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Someone from a member organisation: reads what the network shares,
    /// edits their own organisation's profile.
    Member,
    /// Runs advocacy: reads staff records, edits them.
    Campaigner,
    /// Secretariat staff: reads and edits staff records, restricted ones when granted.
    Staff,
    /// Manages accounts and reads everything.
    Admin,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Member, Role::Campaigner, Role::Staff, Role::Admin];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Member => "member",
            Role::Campaigner => "campaigner",
            Role::Staff => "staff",
            Role::Admin => "admin",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        Self::ALL
            .into_iter()
            .find(|r| r.as_str() == raw.trim())
            .ok_or_else(|| {
                ValidationError::new(
                    "role",
                    Problem::NotOneOf {
                        allowed: Self::ALL.iter().map(|r| r.as_str().to_owned()).collect(),
                    },
                )
                .with_value(raw)
            })
    }

    /// The most closed visibility the role reads without a grant.
    pub fn clearance(self) -> Visibility {
        match self {
            Role::Member => Visibility::Network,
            Role::Campaigner | Role::Staff => Visibility::Staff,
            Role::Admin => Visibility::Restricted,
        }
    }

    /// Staff and admins plan trial observations and record outcomes.
    pub fn plans_missions(self) -> bool {
        matches!(self, Role::Staff | Role::Admin)
    }

    /// The secretariat: staff and admins work through case alerts (verify,
    /// write to the sender, decide).
    pub fn handles_alerts(self) -> bool {
        matches!(self, Role::Staff | Role::Admin)
    }

    /// Campaigners, staff and admins run advocacy: events, interventions,
    /// campaigns.
    pub fn runs_advocacy(self) -> bool {
        self >= Role::Campaigner
    }

    /// Staff-side roles edit any record they can see; members only their own
    /// organisation.
    pub fn edits_everything_visible(self) -> bool {
        self >= Role::Campaigner
    }

    /// Roles that must use a second factor when the platform runs in
    /// production: everyone who reads beyond what the network shares
    /// (campaigners, staff, admins), the same roles that may be granted a
    /// restricted record.
    pub fn needs_second_factor(self) -> bool {
        self.clearance() >= Visibility::Staff
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The signed-in person as the pages need them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub id: UserId,
    pub email: String,
    pub name: String,
    pub role: Role,
    /// For a member: the organisation they speak for.
    pub organisation: Option<OrgId>,
    pub totp_enabled: bool,
}

impl CurrentUser {
    /// Whether this user may change the profile of `org`, given that they can see it.
    pub fn may_edit_organisation(&self, org: &OrgId) -> bool {
        self.role.edits_everything_visible() || self.organisation.as_ref() == Some(org)
    }
}

/// A line of the admin's list of accounts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserSummary {
    pub id: UserId,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub organisation: Option<OrgId>,
    pub disabled: bool,
    pub totp_enabled: bool,
    pub created: chrono::NaiveDate,
}

/// NIST SP 800-63B: length, not composition. 15 characters is the minimum the
/// 2024 revision asks for passwords used alone; 128 leaves room for passphrases.
pub const PASSWORD_MIN: usize = 15;
pub const PASSWORD_MAX: usize = 128;

/// A password that meets the rules. `is_common` answers whether it is on the
/// list of breached or common passwords (kept on the server).
pub fn check_password(
    password: &str,
    email: &str,
    is_common: impl Fn(&str) -> bool,
) -> Result<(), ValidationError> {
    let length = password.chars().count();
    if length < PASSWORD_MIN {
        return Err(ValidationError::new(
            "password",
            Problem::TooShort { min: PASSWORD_MIN },
        ));
    }
    if length > PASSWORD_MAX {
        return Err(ValidationError::new(
            "password",
            Problem::TooLong { max: PASSWORD_MAX },
        ));
    }
    let lower = password.to_lowercase();
    let local_part = email.split('@').next().unwrap_or("").to_lowercase();
    let context = ["sos-torture", "sostorture", "omct"];
    if (local_part.len() >= 4 && lower.contains(&local_part))
        || context.iter().any(|c| lower.contains(c))
    {
        return Err(ValidationError::new("password", Problem::GuessablePassword));
    }
    // A long password made of a common one repeated or padded is still common.
    let core: String = lower.chars().filter(|c| c.is_alphanumeric()).collect();
    if is_common(&lower) || is_common(&core) || repeats_a_short_unit(&core) {
        return Err(ValidationError::new("password", Problem::CommonPassword));
    }
    Ok(())
}

/// "aaaaaaaaaaaaaaa", "abcabcabcabcabc": long, and guessed first.
fn repeats_a_short_unit(s: &str) -> bool {
    let chars: Vec<char> = s.chars().collect();
    (1..=4).any(|unit| {
        chars.len() > unit * 2 && chars.iter().enumerate().all(|(i, c)| *c == chars[i % unit])
    })
}

/// A six-digit RFC 6238 code as typed (spaces allowed, as apps show "123 456").
pub fn parse_totp_code(raw: &str) -> Result<String, ValidationError> {
    let code: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit()) {
        Ok(code)
    } else {
        Err(ValidationError::new("code", Problem::NotATotpCode).with_value(raw))
    }
}

/// How long a password reset link works.
pub const PASSWORD_RESET_HOURS: i64 = 24;

/// How long an invitation link works.
pub const INVITE_DAYS: i64 = 7;

/// How many recovery codes a user holds after turning the second factor on.
pub const RECOVERY_CODES: usize = 10;

/// What the code step of signing in accepts: a code of the authenticator
/// app, or one of the recovery codes shown when the factor was turned on
/// (16 letters and digits of base32, typed with or without dashes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecondFactorCode {
    Totp(String),
    /// Upper case, without dashes or spaces.
    Recovery(String),
}

pub fn parse_second_factor_code(raw: &str) -> Result<SecondFactorCode, ValidationError> {
    if let Ok(code) = parse_totp_code(raw) {
        return Ok(SecondFactorCode::Totp(code));
    }
    // Longer than any way of typing a code: refused without a copy of it.
    if raw.len() > 64 {
        return Err(ValidationError::new("code", Problem::NotATotpCode));
    }
    let refused = || ValidationError::new("code", Problem::NotATotpCode).with_value(raw);
    let code: String = raw
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if code.len() == 16
        && code
            .bytes()
            .all(|b| b.is_ascii_uppercase() || (b'2'..=b'7').contains(&b))
    {
        Ok(SecondFactorCode::Recovery(code))
    } else {
        Err(refused())
    }
}

/// A recovery code as shown to its user: four groups of four.
pub fn format_recovery_code(code: &str) -> String {
    code.as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn never_common(_: &str) -> bool {
        false
    }

    #[test]
    fn roles_read_more_as_they_reach_further() {
        assert_eq!(Role::Member.clearance(), Visibility::Network);
        assert_eq!(Role::Campaigner.clearance(), Visibility::Staff);
        assert_eq!(Role::Staff.clearance(), Visibility::Staff);
        assert_eq!(Role::Admin.clearance(), Visibility::Restricted);
        assert!(Role::parse("admin").is_ok());
        assert_eq!(Role::parse("root").unwrap_err().field, "role");
    }

    #[test]
    fn members_edit_only_their_organisation() {
        let own = OrgId::parse("midh").unwrap();
        let other = OrgId::parse("omct").unwrap();
        let member = CurrentUser {
            id: UserId::parse("u1").unwrap(),
            email: "a@midh.ci".into(),
            name: "A".into(),
            role: Role::Member,
            organisation: Some(own.clone()),
            totp_enabled: false,
        };
        assert!(member.may_edit_organisation(&own));
        assert!(!member.may_edit_organisation(&other));
        let staff = CurrentUser {
            role: Role::Staff,
            organisation: None,
            ..member
        };
        assert!(staff.may_edit_organisation(&other));
    }

    #[test]
    fn passwords_are_judged_by_length_and_commonness() {
        let ok = "correct horse battery staple";
        assert!(check_password(ok, "ana@example.org", never_common).is_ok());
        assert!(check_password("Tr0ub4dor&3", "ana@example.org", never_common).is_err());
        let too_long = "x".repeat(129);
        assert_eq!(
            check_password(&too_long, "a@b.org", never_common)
                .unwrap_err()
                .problem,
            Problem::TooLong { max: 128 }
        );
        assert_eq!(
            check_password(
                "ana.lopez-1234567890",
                "ana.lopez@example.org",
                never_common
            )
            .unwrap_err()
            .problem,
            Problem::GuessablePassword
        );
        assert_eq!(
            check_password("abcabcabcabcabcabc", "a@b.org", never_common)
                .unwrap_err()
                .problem,
            Problem::CommonPassword
        );
        let common = |p: &str| p == "iloveyouiloveyou";
        assert_eq!(
            check_password("ILoveYou-ILoveYou", "a@b.org", common)
                .unwrap_err()
                .problem,
            Problem::CommonPassword
        );
        // Any character counts, composition is never required.
        assert!(check_password("ñandú ñandú ñandú", "a@b.org", never_common).is_ok());
    }

    #[test]
    fn totp_codes_are_six_digits() {
        assert_eq!(parse_totp_code(" 123 456 ").unwrap(), "123456");
        assert!(parse_totp_code("12345").is_err());
        assert!(parse_totp_code("abcdef").is_err());
    }

    #[test]
    fn recovery_codes_are_read_however_they_are_typed() {
        assert_eq!(
            parse_second_factor_code("123 456").unwrap(),
            SecondFactorCode::Totp("123456".into())
        );
        let typed = [
            "abcd-efgh-2345-67ab",
            "ABCDEFGH234567AB",
            " abcd efgh 2345 67ab ",
        ];
        for t in typed {
            assert_eq!(
                parse_second_factor_code(t).unwrap(),
                SecondFactorCode::Recovery("ABCDEFGH234567AB".into()),
                "{t}"
            );
        }
        for bad in [
            "",
            "12345",
            "abcd-efgh-2345-67a",
            "abcd-efgh-2345-67a1",
            "abcd-efgh-2345-67ab-c",
            &"a".repeat(500),
        ] {
            assert_eq!(
                parse_second_factor_code(bad).unwrap_err().field,
                "code",
                "{bad}"
            );
        }
        assert_eq!(
            format_recovery_code("ABCDEFGH234567AB"),
            "ABCD-EFGH-2345-67AB"
        );
    }
}
