//! Enums whose values travel as fixed lowercase words (in the database, in
//! addresses and in forms), each with one way to parse them back.

/// Declares an enum of unit variants spelled as the given words, with
/// `ALL`, `as_str`, `parse` (a [`crate::ValidationError`] naming `$field`
/// and the allowed words) and serde in the same spelling.
#[macro_export]
macro_rules! word_enum {
    ($(#[$doc:meta])* $name:ident, $field:literal, { $($variant:ident => $word:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
        #[serde(try_from = "String", into = "&'static str")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $word),+ }
            }

            pub fn parse(raw: &str) -> Result<Self, $crate::ValidationError> {
                let raw = raw.trim();
                Self::ALL.iter().copied().find(|v| v.as_str() == raw).ok_or_else(|| {
                    $crate::ValidationError::new(
                        $field,
                        $crate::Problem::NotOneOf {
                            allowed: Self::ALL.iter().map(|v| v.as_str().to_owned()).collect(),
                        },
                    )
                    .with_value(raw)
                })
            }
        }

        impl TryFrom<String> for $name {
            type Error = $crate::ValidationError;
            fn try_from(s: String) -> Result<Self, Self::Error> {
                Self::parse(&s)
            }
        }

        impl From<$name> for &'static str {
            fn from(v: $name) -> &'static str {
                v.as_str()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
