//! Generated structs on the wire: their `Serialize` and `Deserialize`, written once.
//!
//! serde's derives write, for every struct, a field enum with its own visitor, a visitor
//! that reads the struct from a sequence as well as from a map, and for each field some
//! twenty lines of checks. A generated client has thousands of structs, and compiling that
//! code was most of what compiling the client cost. [`serde_struct!`](crate::serde_struct)
//! writes both impls with a few lines per field and leaves the rest to the generic
//! functions here, compiled once in this crate.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;

/// Reads a map key as the position of a struct's field in its wire names; `None` for a key
/// the struct does not declare.
#[derive(Debug, Clone, Copy)]
pub struct FieldIndex(pub &'static [&'static str]);

impl<'de> DeserializeSeed<'de> for FieldIndex {
    type Value = Option<usize>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl Visitor<'_> for FieldIndex {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Self::Value, E> {
        Ok(self.0.iter().position(|name| *name == key))
    }

    fn visit_bytes<E: de::Error>(self, key: &[u8]) -> Result<Self::Value, E> {
        Ok(self.0.iter().position(|name| name.as_bytes() == key))
    }
}

/// A struct read from a map, the part of its `Deserialize` that differs from struct to
/// struct; [`serde_struct!`](crate::serde_struct) implements it.
pub trait FromMap<'de>: Sized {
    /// The struct's name, for messages.
    const NAME: &'static str;
    /// The wire names of its fields.
    const FIELDS: &'static [&'static str];

    /// Reads the struct from the entries of `map`.
    fn from_map<A: MapAccess<'de>>(map: A) -> Result<Self, A::Error>;
}

/// The `Deserialize::deserialize` of a [`FromMap`] struct.
pub fn deserialize<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: FromMap<'de>,
{
    deserializer.deserialize_struct(T::NAME, T::FIELDS, MapVisitor(PhantomData))
}

struct MapVisitor<T>(PhantomData<T>);

impl<'de, T: FromMap<'de>> Visitor<'de> for MapVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "struct {}", T::NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::from_map(map)
    }
}

/// Reads the value of field `name` into its still empty `slot`; a second one is an error, as
/// with serde's derive.
pub fn take<'de, A, T>(
    map: &mut A,
    slot: &mut Option<T>,
    name: &'static str,
) -> Result<(), A::Error>
where
    A: MapAccess<'de>,
    T: Deserialize<'de>,
{
    if slot.is_some() {
        return Err(de::Error::duplicate_field(name));
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

/// Skips the value of a key the struct does not declare.
pub fn skip<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<IgnoredAny>().map(drop)
}

/// The value of required field `name`, or serde's "missing field" error.
pub fn required<T, E: de::Error>(slot: Option<T>, name: &'static str) -> Result<T, E> {
    slot.ok_or_else(|| E::missing_field(name))
}

/// Whether an optional field is left out when written: `None`, or an absent
/// [`Patch`](crate::Patch).
pub trait Absent {
    /// Whether the value is left out.
    fn is_absent(&self) -> bool;
}

impl<T> Absent for Option<T> {
    fn is_absent(&self) -> bool {
        self.is_none()
    }
}

impl<T> Absent for crate::Patch<T> {
    fn is_absent(&self) -> bool {
        crate::Patch::is_absent(self)
    }
}

/// [`Absent::is_absent`], as a function.
pub fn is_absent<T: Absent>(value: &T) -> bool {
    value.is_absent()
}

/// A generated struct's `Serialize` and `Deserialize` (and [`FromMap`]), from its fields:
/// each with its position, name, wire name and kind, in declaration order. The kinds:
///
/// - `required`: always written; missing when read is serde's "missing field" error;
/// - `nullable`: an `Option` the spec requires: always written (`null` for `None`);
///   missing is `None`;
/// - `optional`: an `Option` or [`Patch`](crate::Patch): left out when `None` or absent;
///   missing is `None` or absent;
/// - `defaulted(function)`: always written; missing calls the struct's associated
///   `function` (the spec's default).
///
/// Reading takes a map (what a JSON object is): a key the struct does not declare is
/// skipped, a repeated one is an error. Fields are written in declaration order. The struct
/// derives its other traits as usual.
///
/// ```
/// #[derive(Debug, PartialEq)]
/// pub struct Review {
///     pub id: u64,
///     pub body: Option<String>,
///     pub state: String,
///     pub merged_at: Option<String>,
/// }
///
/// impl Review {
///     fn default_state() -> String {
///         "pending".into()
///     }
/// }
///
/// specgen_runtime::serde_struct! {
///     Review {
///         0 id = "id" required,
///         1 body = "body" optional,
///         2 state = "state" defaulted(default_state),
///         3 merged_at = "mergedAt" nullable,
///     }
/// }
///
/// let review: Review = serde_json::from_str(r#"{"id": 7, "extra": [1]}"#).unwrap();
/// let expected = Review { id: 7, body: None, state: "pending".into(), merged_at: None };
/// assert_eq!(review, expected);
/// assert_eq!(
///     serde_json::to_string(&review).unwrap(),
///     r#"{"id":7,"state":"pending","mergedAt":null}"#
/// );
/// let missing = serde_json::from_str::<Review>("{}").unwrap_err();
/// assert_eq!(missing.to_string(), "missing field `id` at line 1 column 2");
/// let twice = serde_json::from_str::<Review>(r#"{"id": 1, "id": 2}"#).unwrap_err();
/// assert!(twice.to_string().starts_with("duplicate field `id`"));
/// let list = serde_json::from_str::<Review>("[7]").unwrap_err();
/// assert!(list.to_string().starts_with("invalid type: sequence, expected struct Review"));
/// ```
#[macro_export]
macro_rules! serde_struct {
    (
        $name:ident {
            $($index:literal $field:ident = $wire:literal $kind:ident $(($default:ident))?,)*
        }
    ) => {
        #[allow(deprecated)]
        impl<'de> $crate::serde_struct::FromMap<'de> for $name {
            const NAME: &'static str = ::std::stringify!($name);
            const FIELDS: &'static [&'static str] = &[$($wire),*];

            fn from_map<A: $crate::serde::de::MapAccess<'de>>(
                mut map: A,
            ) -> ::std::result::Result<Self, A::Error> {
                $(let mut $field = ::std::option::Option::None;)*
                while let ::std::option::Option::Some(key) =
                    map.next_key_seed($crate::serde_struct::FieldIndex(Self::FIELDS))?
                {
                    match key {
                        $(::std::option::Option::Some($index) => {
                            $crate::serde_struct::take(&mut map, &mut $field, $wire)?
                        })*
                        _ => $crate::serde_struct::skip(&mut map)?,
                    }
                }
                ::std::result::Result::Ok(Self {
                    $($field: $crate::serde_struct!(@read A $field $wire $kind $($default)?),)*
                })
            }
        }

        impl<'de> $crate::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                $crate::serde_struct::deserialize(deserializer)
            }
        }

        #[allow(deprecated)]
        impl $crate::serde::Serialize for $name {
            fn serialize<S: $crate::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                let mut state = $crate::serde::Serializer::serialize_struct(
                    serializer,
                    ::std::stringify!($name),
                    0 $(+ $crate::serde_struct!(@count self $field $kind))*,
                )?;
                $($crate::serde_struct!(@write state self $field $wire $kind);)*
                $crate::serde::ser::SerializeStruct::end(state)
            }
        }
    };
    (@read $access:ident $field:ident $wire:literal required) => {
        $crate::serde_struct::required::<_, $access::Error>($field, $wire)?
    };
    (@read $access:ident $field:ident $wire:literal defaulted $default:ident) => {
        $field.unwrap_or_else(Self::$default)
    };
    (@read $access:ident $field:ident $wire:literal $kind:ident) => {
        $field.unwrap_or_default()
    };
    (@count $this:ident $field:ident optional) => {
        usize::from(!$crate::serde_struct::is_absent(&$this.$field))
    };
    (@count $this:ident $field:ident $kind:ident) => {
        1
    };
    (@write $state:ident $this:ident $field:ident $wire:literal optional) => {
        if $crate::serde_struct::is_absent(&$this.$field) {
            $crate::serde::ser::SerializeStruct::skip_field(&mut $state, $wire)?;
        } else {
            $crate::serde::ser::SerializeStruct::serialize_field(&mut $state, $wire, &$this.$field)?;
        }
    };
    (@write $state:ident $this:ident $field:ident $wire:literal $kind:ident) => {
        $crate::serde::ser::SerializeStruct::serialize_field(&mut $state, $wire, &$this.$field)?;
    };
}

#[cfg(test)]
mod tests {
    /// Fields named like the macro's own locals are the struct's, not the macro's.
    #[derive(Debug, PartialEq)]
    struct Clash {
        map: u8,
        key: Option<u8>,
        deserializer: String,
        state: crate::Patch<u8>,
    }

    impl Clash {
        fn default_deserializer() -> String {
            "d".into()
        }
    }

    crate::serde_struct! {
        Clash {
            0 map = "map" required,
            1 key = "key" nullable,
            2 deserializer = "deserializer" defaulted(default_deserializer),
            3 state = "state" optional,
        }
    }

    #[test]
    fn field_names_do_not_clash_with_the_macros_locals() {
        let read: Clash = serde_json::from_str(r#"{"key": 2, "map": 1, "state": null}"#).unwrap();
        let expected = Clash {
            map: 1,
            key: Some(2),
            deserializer: "d".into(),
            state: crate::Patch::Null,
        };
        assert_eq!(read, expected);
        let from_value: Clash =
            serde_json::from_value(serde_json::json!({"map": 1, "key": 2, "x": {}, "state": null}))
                .unwrap();
        assert_eq!(from_value, expected);
        assert_eq!(
            serde_json::to_string(&expected).unwrap(),
            r#"{"map":1,"key":2,"deserializer":"d","state":null}"#
        );
        let absent = Clash {
            key: None,
            state: crate::Patch::Absent,
            ..expected
        };
        assert_eq!(
            serde_json::to_string(&absent).unwrap(),
            r#"{"map":1,"key":null,"deserializer":"d"}"#
        );
    }
}
