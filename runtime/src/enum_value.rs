//! The error of parsing a closed string enum.

use std::fmt;

/// A string that is not one of a closed enum's values; the `FromStr::Err` of generated
/// string enums.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownEnumValue {
    /// The enum's Rust name, e.g. `"IdentityStatus"`.
    pub type_name: &'static str,
    /// The string that did not match.
    pub value: String,
}

impl fmt::Display for UnknownEnumValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown {} value {:?}", self.type_name, self.value)
    }
}

impl std::error::Error for UnknownEnumValue {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_type_and_value() {
        let e = UnknownEnumValue {
            type_name: "IdentityStatus",
            value: "FROZEN".into(),
        };
        assert_eq!(e.to_string(), r#"unknown IdentityStatus value "FROZEN""#);
        let _: &dyn std::error::Error = &e;
    }
}
