//! Tri-state fields for partial updates.
//!
//! In a PUT/PATCH body, a field that is optional *and* nullable has three meanings:
//! leave it alone (absent), clear it (`null`), set it (a value). `Option<T>` can say only
//! two of them, so generated code uses [`Patch`] for such fields.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An optional, nullable field: absent, explicitly `null`, or a value.
///
/// Generated fields carry
/// `#[serde(default, skip_serializing_if = "::specgen_runtime::Patch::is_absent")]`, so an
/// absent field is left out of the JSON, and a missing field reads back as
/// [`Patch::Absent`].
///
/// ```
/// use specgen_runtime::Patch;
/// let clear: Patch<String> = Patch::Null;
/// assert_eq!(serde_json::to_string(&clear).unwrap(), "null");
/// let set: Patch<String> = "x".into();
/// assert_eq!(set.as_option(), Some(&"x".to_string()));
/// ```
///
/// Generated setters of such fields take `impl Into<Patch<T>>`: a value sets the field,
/// `Patch::Null` clears it (`.set_phone("555-0100")`, `.set_phone(Patch::Null)`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum Patch<T> {
    /// Not sent: the server leaves the field as it is.
    #[default]
    Absent,
    /// Sent as `null`: the server clears the field.
    Null,
    /// Sent as this value.
    Value(T),
}

impl<T> Patch<T> {
    /// True for [`Patch::Absent`]; the `skip_serializing_if` predicate.
    pub fn is_absent(&self) -> bool {
        matches!(self, Patch::Absent)
    }

    /// True for [`Patch::Null`].
    pub fn is_null(&self) -> bool {
        matches!(self, Patch::Null)
    }

    /// The value, if there is one (`Absent` and `Null` both give `None`).
    pub fn as_option(&self) -> Option<&T> {
        match self {
            Patch::Value(v) => Some(v),
            Patch::Absent | Patch::Null => None,
        }
    }

    /// Consumes the patch: `None` for absent, `Some(None)` for null, `Some(Some(v))` for a value.
    pub fn into_option(self) -> Option<Option<T>> {
        match self {
            Patch::Absent => None,
            Patch::Null => Some(None),
            Patch::Value(v) => Some(Some(v)),
        }
    }

    /// Transforms the value, keeping `Absent` and `Null` as they are.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Patch<U> {
        match self {
            Patch::Absent => Patch::Absent,
            Patch::Null => Patch::Null,
            Patch::Value(v) => Patch::Value(f(v)),
        }
    }
}

impl<T> From<T> for Patch<T> {
    fn from(value: T) -> Self {
        Patch::Value(value)
    }
}

/// So a setter taking `impl Into<Patch<String>>` accepts a string literal.
impl From<&str> for Patch<String> {
    fn from(value: &str) -> Self {
        Patch::Value(value.to_owned())
    }
}

impl<T> From<Option<T>> for Patch<T> {
    /// `None` becomes [`Patch::Null`]: converting an `Option` is a deliberate choice to
    /// send the field.
    fn from(value: Option<T>) -> Self {
        match value {
            Some(v) => Patch::Value(v),
            None => Patch::Null,
        }
    }
}

impl<T: Serialize> Serialize for Patch<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Patch::Value(v) => v.serialize(serializer),
            // Absent should have been skipped by the field attribute; if it was not (e.g. a
            // Patch in a Vec), null is the only honest spelling.
            Patch::Null | Patch::Absent => serializer.serialize_none(),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Patch<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Option::<T>::deserialize(deserializer)?.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::{Deserialize, Serialize};

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Update {
        #[serde(default, skip_serializing_if = "Patch::is_absent")]
        nickname: Patch<String>,
        #[serde(default, skip_serializing_if = "Patch::is_absent")]
        age: Patch<u32>,
    }

    #[test]
    fn absent_null_and_value_serialize_distinctly() {
        let u = Update {
            nickname: Patch::Null,
            age: Patch::Absent,
        };
        assert_eq!(serde_json::to_string(&u).unwrap(), r#"{"nickname":null}"#);
        let u = Update {
            nickname: "Bo".to_string().into(),
            age: Patch::Value(3),
        };
        assert_eq!(
            serde_json::to_string(&u).unwrap(),
            r#"{"nickname":"Bo","age":3}"#
        );
        let u = Update {
            nickname: Patch::Absent,
            age: Patch::Absent,
        };
        assert_eq!(serde_json::to_string(&u).unwrap(), "{}");
    }

    #[test]
    fn deserializes_missing_null_and_value() {
        let u: Update = serde_json::from_str(r#"{"nickname":null,"age":7}"#).unwrap();
        assert_eq!(u.nickname, Patch::Null);
        assert_eq!(u.age, Patch::Value(7));
        let u: Update = serde_json::from_str("{}").unwrap();
        assert!(u.nickname.is_absent() && u.age.is_absent());
        assert!(serde_json::from_str::<Update>(r#"{"age":"x"}"#).is_err());
    }

    #[test]
    fn conversions_and_accessors() {
        assert_eq!(Patch::from(Some(1)), Patch::Value(1));
        assert_eq!(Patch::<i32>::from(None), Patch::Null);
        assert!(Patch::<i32>::Null.is_null());
        assert_eq!(Patch::Value(2).as_option(), Some(&2));
        assert_eq!(Patch::<i32>::Null.as_option(), None);
        assert_eq!(Patch::Value(2).map(|v| v * 2), Patch::Value(4));
        assert_eq!(Patch::<i32>::Absent.into_option(), None);
        assert_eq!(Patch::<i32>::Null.into_option(), Some(None));
        assert_eq!(Patch::<i32>::default(), Patch::Absent);
    }
}
