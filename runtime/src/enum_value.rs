//! String enums: the conversions every generated one shares, written once.
//!
//! A generated string enum is one [`string_enum!`](crate::string_enum) call listing its
//! variants with their wire values. Its conversions are the same code for every enum, so
//! they come from the macro rather than from the generator writing each out again: about
//! a third of a large generated client used to be these impls, and compiling them.

use std::fmt;
use std::marker::PhantomData;
use std::str::FromStr;

use serde::de::{self, Deserializer};

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

/// Reads a `T` from a string through its `FromStr`, borrowing the string where the format
/// can lend it (no copy before the match); a parse error becomes the format's error with
/// the `FromStr::Err`'s message. The `Deserialize` of every [`string_enum!`](crate::string_enum).
pub fn deserialize_from_str<'de, T, D>(deserializer: D) -> Result<T, D::Error>
where
    T: FromStr,
    T::Err: fmt::Display,
    D: Deserializer<'de>,
{
    deserializer.deserialize_str(ParsedFromStr(PhantomData))
}

struct ParsedFromStr<T>(PhantomData<T>);

impl<T> de::Visitor<'_> for ParsedFromStr<T>
where
    T: FromStr,
    T::Err: fmt::Display,
{
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<T, E> {
        value.parse().map_err(E::custom)
    }
}

/// A string enum: the enum, with each variant's wire value, and what it takes to use it —
/// `ALL` (the listed values in order), `as_str`, `Display` (the wire value), `FromStr`,
/// `Serialize` and `Deserialize` (as the wire string).
///
/// With a last line `_ => Unknown(String),` the enum is open: a value it does not list
/// parses into that variant, kept as sent, and is written back unchanged (`FromStr::Err` is
/// `Infallible`). Without it the enum is closed: such a value is an [`UnknownEnumValue`]
/// error. Attributes and doc comments are kept on the enum and on each variant.
///
/// ```
/// specgen_runtime::string_enum! {
///     /// Where a review stands.
///     #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
///     pub enum ReviewState {
///         /// `approved`
///         Approved = "approved",
///         /// `changes requested`
///         ChangesRequested = "changes requested",
///         _ => Unknown(String),
///     }
/// }
///
/// assert_eq!(ReviewState::ALL, [ReviewState::Approved, ReviewState::ChangesRequested]);
/// assert_eq!(ReviewState::ChangesRequested.to_string(), "changes requested");
/// let later: ReviewState = serde_json::from_str("\"dismissed\"").unwrap();
/// assert_eq!(later, ReviewState::Unknown("dismissed".into()));
/// assert_eq!(serde_json::to_string(&later).unwrap(), "\"dismissed\"");
/// ```
#[macro_export]
macro_rules! string_enum {
    (
        $(#[$attribute:meta])*
        pub enum $name:ident {
            $($(#[$variant_attribute:meta])* $variant:ident = $value:literal,)*
            _ => $fallback:ident(String),
        }
    ) => {
        $(#[$attribute])*
        pub enum $name {
            $($(#[$variant_attribute])* $variant,)*
            /// A value this version of the spec does not list, kept as sent.
            $fallback(::std::string::String),
        }

        impl $name {
            /// Every value the spec lists, in its order.
            pub const ALL: [Self; <[&str]>::len(&[$($value),*])] = [$(Self::$variant),*];

            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $value,)*
                    Self::$fallback(value) => value,
                }
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;

            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                ::std::result::Result::Ok(match value {
                    $($value => Self::$variant,)*
                    other => Self::$fallback(::std::borrow::ToOwned::to_owned(other)),
                })
            }
        }

        $crate::string_enum!(@wire $name);
    };
    (
        $(#[$attribute:meta])*
        pub enum $name:ident {
            $($(#[$variant_attribute:meta])* $variant:ident = $value:literal,)*
        }
    ) => {
        $(#[$attribute])*
        pub enum $name {
            $($(#[$variant_attribute])* $variant,)*
        }

        impl $name {
            /// Every value the spec lists, in its order.
            pub const ALL: [Self; <[&str]>::len(&[$($value),*])] = [$(Self::$variant),*];

            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $value,)*
                }
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::UnknownEnumValue;

            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                match value {
                    $($value => ::std::result::Result::Ok(Self::$variant),)*
                    other => ::std::result::Result::Err($crate::UnknownEnumValue {
                        type_name: ::std::stringify!($name),
                        value: ::std::borrow::ToOwned::to_owned(other),
                    }),
                }
            }
        }

        $crate::string_enum!(@wire $name);
    };
    // The impls that only need `as_str` and `FromStr`.
    (@wire $name:ident) => {
        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl $crate::serde::Serialize for $name {
            fn serialize<S: $crate::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> $crate::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                $crate::deserialize_from_str(deserializer)
            }
        }
    };
}

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

    crate::string_enum! {
        /// An open enum.
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Open {
            /// `a b`
            AB = "a b",
            Quote = "\"",
            _ => Other(String),
        }
    }

    crate::string_enum! {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Closed {
            Yes = "yes",
            No = "no",
        }
    }

    crate::string_enum! {
        #[derive(Debug, Clone, PartialEq)]
        pub enum Nothing {
            _ => Anything(String),
        }
    }

    #[test]
    fn open_enums_keep_unlisted_values_both_ways() {
        assert_eq!(Open::ALL, [Open::AB, Open::Quote]);
        assert_eq!("a b".parse(), Ok(Open::AB));
        assert_eq!(Open::Quote.as_str(), "\"");
        let kept: Open = serde_json::from_str("\"c\"").unwrap();
        assert_eq!(kept, Open::Other("c".into()));
        assert_eq!(kept.to_string(), "c");
        assert_eq!(serde_json::to_value(&kept).unwrap(), "c");
        // Declaration order, the fallback last.
        assert!(Open::AB < Open::Quote && Open::Quote < Open::Other(String::new()));
        assert_eq!(Nothing::ALL, []);
        assert_eq!("x".parse(), Ok(Nothing::Anything("x".into())));
    }

    #[test]
    fn closed_enums_refuse_unlisted_values() {
        assert_eq!(Closed::ALL, [Closed::Yes, Closed::No]);
        assert_eq!("no".parse::<Closed>(), Ok(Closed::No));
        assert_eq!(
            "maybe".parse::<Closed>(),
            Err(UnknownEnumValue {
                type_name: "Closed",
                value: "maybe".into()
            })
        );
        let error = serde_json::from_str::<Closed>("\"maybe\"").unwrap_err();
        assert_eq!(
            error.to_string(),
            "unknown Closed value \"maybe\" at line 1 column 7"
        );
        let error = serde_json::from_str::<Closed>("1").unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid type: integer `1`, expected a string at line 1 column 1"
        );
    }

    #[test]
    fn values_are_read_from_borrowed_and_owned_strings() {
        let owned = serde_json::Value::String("yes".into());
        assert_eq!(
            serde_json::from_value::<Closed>(owned).unwrap(),
            Closed::Yes
        );
        let borrowed: Vec<Open> = serde_json::from_str(r#"["a b", "\"", "d"]"#).unwrap();
        assert_eq!(borrowed, [Open::AB, Open::Quote, Open::Other("d".into())]);
    }
}
