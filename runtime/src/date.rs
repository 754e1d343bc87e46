//! Lenient `format: date` fields.
//!
//! Real servers send `"1990-04-01T00:00:00Z"` where their spec says `format: date`. Failing
//! the whole response over that helps nobody, so generated code uses these `serde(with)`
//! modules where the spec asks for leniency: they always *write* `YYYY-MM-DD` and *read*
//! either a date or a date-time, keeping the date part as written (in the offset given,
//! not converted to UTC — the calendar day the server meant).
//!
//! Errors never echo the input: a date of birth is personal data.

use std::fmt;

use chrono::{DateTime, NaiveDate, NaiveDateTime};
use serde::de::{self, Deserializer, Visitor};
use serde::Serializer;

const EXPECTED: &str = "a date (YYYY-MM-DD) or an RFC 3339 date-time";

fn parse(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Some(d);
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return Some(dt.date_naive());
    }
    // A date-time without an offset: its date part is still unambiguous.
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f")
        .ok()
        .map(|dt| dt.date())
}

struct LenientVisitor;

impl Visitor<'_> for LenientVisitor {
    type Value = NaiveDate;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(EXPECTED)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<NaiveDate, E> {
        parse(v).ok_or_else(|| E::custom(format_args!("invalid date, expected {EXPECTED}")))
    }
}

struct Iso(NaiveDate);

impl serde::Serialize for Iso {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0.format("%Y-%m-%d"))
    }
}

/// Field shapes that hold dates and can read them leniently: `NaiveDate`, and every wrapper
/// a generated field puts around one (`Option`, `Patch`, `Sensitive`, `Box`, `Vec`, maps).
///
/// Writing needs no help: `NaiveDate` serializes as `YYYY-MM-DD` already.
pub trait LenientDates: Sized {
    /// Reads the shape, accepting a date-time wherever a date is expected.
    fn deserialize_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error>;
}

/// `#[serde(default, deserialize_with = "::specgen_runtime::date::deserialize_lenient")]`
/// for any [`LenientDates`] field.
pub fn deserialize_lenient<'de, D: Deserializer<'de>, T: LenientDates>(
    d: D,
) -> Result<T, D::Error> {
    T::deserialize_lenient(d)
}

/// Lets the containers reuse their own `Deserialize` (null handling, sequences) around a
/// lenient element.
struct Element<T>(T);

impl<'de, T: LenientDates> de::Deserialize<'de> for Element<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        T::deserialize_lenient(d).map(Element)
    }
}

impl LenientDates for NaiveDate {
    fn deserialize_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(LenientVisitor)
    }
}

impl<T: LenientDates> LenientDates for Option<T> {
    fn deserialize_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(<Option<Element<T>> as de::Deserialize>::deserialize(d)?.map(|e| e.0))
    }
}

impl<T: LenientDates> LenientDates for crate::Patch<T> {
    fn deserialize_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(<crate::Patch<Element<T>> as de::Deserialize>::deserialize(d)?.map(|e| e.0))
    }
}

impl<T: LenientDates> LenientDates for crate::Sensitive<T> {
    fn deserialize_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        T::deserialize_lenient(d).map(crate::Sensitive::new)
    }
}

impl<T: LenientDates> LenientDates for Box<T> {
    fn deserialize_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        T::deserialize_lenient(d).map(Box::new)
    }
}

impl<T: LenientDates> LenientDates for Vec<T> {
    fn deserialize_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(<Vec<Element<T>> as de::Deserialize>::deserialize(d)?
            .into_iter()
            .map(|e| e.0)
            .collect())
    }
}

impl<T: LenientDates> LenientDates for std::collections::BTreeMap<String, T> {
    fn deserialize_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let map =
            <std::collections::BTreeMap<String, Element<T>> as de::Deserialize>::deserialize(d)?;
        Ok(map.into_iter().map(|(k, e)| (k, e.0)).collect())
    }
}

/// `#[serde(with = "::specgen_runtime::date::lenient")]` for a `NaiveDate` field.
pub mod lenient {
    use super::*;

    /// Writes `YYYY-MM-DD`.
    pub fn serialize<S: Serializer>(date: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        serde::Serialize::serialize(&Iso(*date), s)
    }

    /// Reads `YYYY-MM-DD` or an RFC 3339 date-time (its date part).
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        d.deserialize_str(LenientVisitor)
    }
}

/// `#[serde(with = "::specgen_runtime::date::lenient_option")]` for `Option<NaiveDate>`.
///
/// Combine with `#[serde(default)]` so a missing field reads as `None`.
pub mod lenient_option {
    use super::*;

    /// Writes `YYYY-MM-DD`, or `null` for `None`.
    pub fn serialize<S: Serializer>(date: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        match date {
            Some(d) => s.serialize_some(&Iso(*d)),
            None => s.serialize_none(),
        }
    }

    /// Reads `null` as `None`, otherwise as [`lenient`](super::lenient) does.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        super::deserialize_lenient(d)
    }
}

/// `#[serde(with = "::specgen_runtime::date::lenient_patch")]` for `Patch<NaiveDate>`.
///
/// Combine with `#[serde(default, skip_serializing_if = "::specgen_runtime::Patch::is_absent")]`.
pub mod lenient_patch {
    use super::*;
    use crate::Patch;

    /// Writes `YYYY-MM-DD` for a value, `null` otherwise.
    pub fn serialize<S: Serializer>(date: &Patch<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        match date {
            Patch::Value(d) => s.serialize_some(&Iso(*d)),
            Patch::Null | Patch::Absent => s.serialize_none(),
        }
    }

    /// Reads `null` as [`Patch::Null`], otherwise as [`lenient`](super::lenient) does.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Patch<NaiveDate>, D::Error> {
        super::deserialize_lenient(d)
    }
}

#[cfg(test)]
mod tests {
    use crate::Patch;
    use chrono::NaiveDate;
    use serde::{Deserialize, Serialize};

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Person {
        #[serde(with = "super::lenient")]
        born: NaiveDate,
        #[serde(default, with = "super::lenient_option")]
        died: Option<NaiveDate>,
        #[serde(
            default,
            with = "super::lenient_patch",
            skip_serializing_if = "Patch::is_absent"
        )]
        married: Patch<NaiveDate>,
    }

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn round_trips_as_plain_dates() {
        let p = Person {
            born: ymd(1990, 4, 1),
            died: None,
            married: Patch::Value(ymd(2015, 6, 30)),
        };
        let json = serde_json::to_string(&p).unwrap();
        assert_eq!(
            json,
            r#"{"born":"1990-04-01","died":null,"married":"2015-06-30"}"#
        );
        assert_eq!(serde_json::from_str::<Person>(&json).unwrap(), p);
    }

    #[test]
    fn accepts_a_date_time_where_a_date_is_expected() {
        let p: Person = serde_json::from_str(
            r#"{"born":"1990-04-01T23:30:00-05:00","died":"2070-01-02T00:00:00Z","married":"2015-06-30T10:00:00"}"#,
        )
        .unwrap();
        // The date as written in its own offset, not shifted to UTC (which would be the 2nd).
        assert_eq!(p.born, ymd(1990, 4, 1));
        assert_eq!(p.died, Some(ymd(2070, 1, 2)));
        assert_eq!(p.married, Patch::Value(ymd(2015, 6, 30)));
    }

    #[test]
    fn missing_and_null_fields() {
        let p: Person = serde_json::from_str(r#"{"born":"1990-04-01","married":null}"#).unwrap();
        assert_eq!(p.died, None);
        assert_eq!(p.married, Patch::Null);
        let p: Person = serde_json::from_str(r#"{"born":"1990-04-01"}"#).unwrap();
        assert!(p.married.is_absent());
        assert_eq!(
            serde_json::to_string(&p).unwrap(),
            r#"{"born":"1990-04-01","died":null}"#
        );
    }

    #[test]
    fn rejects_garbage_without_echoing_it() {
        for bad in [
            r#""1990-13-01""#,
            r#""yesterday""#,
            r#""""#,
            "19900401",
            r#""1990-04""#,
        ] {
            let json = format!(r#"{{"born":{bad}}}"#);
            let err = serde_json::from_str::<Person>(&json)
                .unwrap_err()
                .to_string();
            assert!(err.contains("YYYY-MM-DD"), "{bad}: {err}");
            if bad.starts_with('"') && bad.len() > 4 {
                assert!(!err.contains(bad.trim_matches('"')), "{bad} echoed: {err}");
            }
        }
        assert!(serde_json::from_str::<Person>(r#"{"born":"1990-04-01","died":"soon"}"#).is_err());
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Shapes {
        #[serde(deserialize_with = "super::deserialize_lenient")]
        born: crate::Sensitive<NaiveDate>,
        #[serde(default, deserialize_with = "super::deserialize_lenient")]
        visits: Option<Vec<NaiveDate>>,
        #[serde(default, deserialize_with = "super::deserialize_lenient")]
        closed: Patch<NaiveDate>,
        #[serde(default, deserialize_with = "super::deserialize_lenient")]
        renewed: Option<NaiveDate>,
    }

    #[test]
    fn every_field_shape_reads_date_times_as_dates() {
        let json = r#"{"born":"1980-01-01T00:00:00Z","visits":["2024-02-03T10:00:00+01:00","2024-02-04"],"closed":null}"#;
        let shapes: Shapes = serde_json::from_str(json).unwrap();
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(*shapes.born.expose(), day(1980, 1, 1));
        assert_eq!(shapes.visits, Some(vec![day(2024, 2, 3), day(2024, 2, 4)]));
        assert_eq!(shapes.closed, Patch::Null);
        assert_eq!(shapes.renewed, None);
        assert_eq!(
            serde_json::to_value(&shapes).unwrap(),
            serde_json::json!({"born":"1980-01-01","visits":["2024-02-03","2024-02-04"],"closed":null,"renewed":null})
        );
        let bad = serde_json::from_str::<Shapes>(r#"{"born":"secret-1980"}"#)
            .unwrap_err()
            .to_string();
        assert!(!bad.contains("secret"), "{bad}");
    }
}
