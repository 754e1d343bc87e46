//! Constraints the IR does not keep (`maxLength`, `minimum`, `pattern`, …), read from the
//! two documents at the same places. What the old client sends is judged: a tightened
//! constraint can reject it, a loosened one cannot. A direction is claimed only where it can
//! be shown; any other change is "changed", possibly breaking.

use regex_syntax::hir::{Class, Hir, HirKind};
use serde_json::Value;

use super::change::{Bump, Level};
use super::types::Flow;
use super::Differ;

/// Keywords where a larger value is stricter.
const LOWER_BOUNDS: [&str; 5] = [
    "minLength",
    "minItems",
    "minProperties",
    "minimum",
    "exclusiveMinimum",
];
/// Keywords where a smaller value is stricter.
const UPPER_BOUNDS: [&str; 5] = [
    "maxLength",
    "maxItems",
    "maxProperties",
    "maximum",
    "exclusiveMaximum",
];

/// How the set of accepted values moved, from old to new.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Same,
    Tighter,
    Looser,
    /// Neither can be shown: some values may be rejected now.
    Changed,
}

impl Direction {
    /// Both moves together: e.g. tighter here and the same there is tighter.
    fn and(self, other: Direction) -> Direction {
        match (self, other) {
            (Direction::Same, x) | (x, Direction::Same) => x,
            (x, y) if x == y => x,
            _ => Direction::Changed,
        }
    }
}

impl Differ<'_> {
    pub(super) fn compare_constraints(&mut self, old_pointer: &str, pointer: &str, flow: Flow) {
        let (Some(old), Some(new)) = (self.old.schema_at(old_pointer), self.new.schema_at(pointer))
        else {
            return;
        };
        let found = compare(old, new);
        for (direction, ids, level, word) in [
            (
                Direction::Tighter,
                [
                    "request-constraint-tightened",
                    "parameter-constraint-tightened",
                ],
                Level::Warn,
                "tightened",
            ),
            (
                Direction::Changed,
                ["request-constraint-changed", "parameter-constraint-changed"],
                Level::Warn,
                "changed",
            ),
            (
                Direction::Looser,
                [
                    "request-constraint-loosened",
                    "parameter-constraint-loosened",
                ],
                Level::Info,
                "loosened",
            ),
        ] {
            let what: Vec<&str> = found
                .iter()
                .filter(|(d, _)| *d == direction)
                .map(|(_, text)| text.as_str())
                .collect();
            if what.is_empty() {
                continue;
            }
            let id = if flow == Flow::Parameter {
                ids[1]
            } else {
                ids[0]
            };
            let message = format!("constraint {word}: {}", what.join(", "));
            self.push(id, (level, Bump::Patch), pointer, message);
        }
    }
}

/// Each constraint that moved from `old` to `new`, e.g. (tighter, "`maxLength` 100 → 50").
pub fn compare(old: &Value, new: &Value) -> Vec<(Direction, String)> {
    let mut out = Vec::new();
    let number = |schema: &Value, key: &str| schema.get(key).and_then(Value::as_f64);
    for (keys, stricter) in [
        (
            &LOWER_BOUNDS,
            (|o: f64, n: f64| n > o) as fn(f64, f64) -> bool,
        ),
        (&UPPER_BOUNDS, |o: f64, n: f64| n < o),
    ] {
        for key in keys.iter() {
            match (number(old, key), number(new, key)) {
                (Some(o), Some(n)) if o != n => {
                    let direction = if stricter(o, n) {
                        Direction::Tighter
                    } else {
                        Direction::Looser
                    };
                    out.push((direction, format!("`{key}` {o} → {n}")));
                }
                (None, Some(n)) => out.push((Direction::Tighter, format!("`{key}` {n} added"))),
                (Some(o), None) => out.push((Direction::Looser, format!("`{key}` {o} removed"))),
                _ => {}
            }
        }
    }
    // 3.0's boolean forms: `exclusiveMinimum: true` beside `minimum`, and `uniqueItems`.
    for key in ["exclusiveMinimum", "exclusiveMaximum", "uniqueItems"] {
        let flag = |schema: &Value| schema.get(key) == Some(&Value::Bool(true));
        match (flag(old), flag(new)) {
            (false, true) => out.push((Direction::Tighter, format!("`{key}` added"))),
            (true, false) => out.push((Direction::Looser, format!("`{key}` removed"))),
            _ => {}
        }
    }
    match (old.get("multipleOf"), new.get("multipleOf")) {
        (None, Some(n)) => out.push((Direction::Tighter, format!("`multipleOf` {n} added"))),
        (Some(o), None) => out.push((Direction::Looser, format!("`multipleOf` {o} removed"))),
        (Some(o), Some(n)) if o != n => {
            // Every multiple of 6 is a multiple of 3: 3 → 6 is tighter, 6 → 3 looser.
            let divides = |a: &Value, b: &Value| match (a.as_f64(), b.as_f64()) {
                (Some(a), Some(b)) if a != 0.0 => (b / a).fract() == 0.0,
                _ => false,
            };
            let direction = if divides(o, n) {
                Direction::Tighter
            } else if divides(n, o) {
                Direction::Looser
            } else {
                Direction::Changed
            };
            out.push((direction, format!("`multipleOf` {o} → {n}")));
        }
        _ => {}
    }
    match (
        old.get("pattern").and_then(Value::as_str),
        new.get("pattern").and_then(Value::as_str),
    ) {
        (None, Some(n)) => out.push((Direction::Tighter, format!("`pattern` {n:?} added"))),
        (Some(o), None) => out.push((Direction::Looser, format!("`pattern` {o:?} removed"))),
        (Some(o), Some(n)) if o != n => match pattern_direction(o, n) {
            // Written differently, the same language.
            Direction::Same => {}
            direction => out.push((direction, format!("`pattern` {o:?} → {n:?}"))),
        },
        _ => {}
    }
    out
}

/// Compares two regular expressions node by node: the same structure where every class
/// grew (or every repetition widened) is looser, and the reverse tighter. Anything else,
/// including a pattern that does not parse, is "changed": no direction is claimed.
pub fn pattern_direction(old: &str, new: &str) -> Direction {
    match (regex_syntax::parse(old), regex_syntax::parse(new)) {
        (Ok(old), Ok(new)) => relate(&old, &new),
        _ => Direction::Changed,
    }
}

/// Every operator of a regular expression is monotone in its operands, so a looser part in
/// an otherwise equal structure makes a looser whole.
fn relate(old: &Hir, new: &Hir) -> Direction {
    if old == new {
        return Direction::Same;
    }
    match (old.kind(), new.kind()) {
        (HirKind::Class(a), HirKind::Class(b)) => class_relation(a, b),
        (HirKind::Repetition(a), HirKind::Repetition(b)) => {
            let at_most = |x: Option<u32>, y: Option<u32>| match (x, y) {
                (_, None) => true,
                (None, Some(_)) => false,
                (Some(x), Some(y)) => x <= y,
            };
            let bounds = if (a.min, a.max) == (b.min, b.max) {
                Direction::Same
            } else if b.min <= a.min && at_most(a.max, b.max) {
                Direction::Looser
            } else if a.min <= b.min && at_most(b.max, a.max) {
                Direction::Tighter
            } else {
                Direction::Changed
            };
            bounds.and(relate(&a.sub, &b.sub))
        }
        (HirKind::Capture(a), HirKind::Capture(b)) => relate(&a.sub, &b.sub),
        (HirKind::Concat(a), HirKind::Concat(b))
        | (HirKind::Alternation(a), HirKind::Alternation(b))
            if a.len() == b.len() =>
        {
            a.iter()
                .zip(b)
                .fold(Direction::Same, |d, (x, y)| d.and(relate(x, y)))
        }
        (HirKind::Alternation(a), HirKind::Alternation(b)) => {
            if a.iter().all(|x| b.contains(x)) {
                Direction::Looser
            } else if b.iter().all(|y| a.contains(y)) {
                Direction::Tighter
            } else {
                Direction::Changed
            }
        }
        _ => Direction::Changed,
    }
}

fn class_relation(old: &Class, new: &Class) -> Direction {
    let (lost, gained) = match (old, new) {
        (Class::Unicode(a), Class::Unicode(b)) => {
            let (mut lost, mut gained) = (a.clone(), b.clone());
            lost.difference(b);
            gained.difference(a);
            (lost.ranges().is_empty(), gained.ranges().is_empty())
        }
        (Class::Bytes(a), Class::Bytes(b)) => {
            let (mut lost, mut gained) = (a.clone(), b.clone());
            lost.difference(b);
            gained.difference(a);
            (lost.ranges().is_empty(), gained.ranges().is_empty())
        }
        _ => return Direction::Changed,
    };
    // `lost` empty: nothing of the old class is missing from the new one.
    match (lost, gained) {
        (true, true) => Direction::Same,
        (true, false) => Direction::Looser,
        (false, true) => Direction::Tighter,
        (false, false) => Direction::Changed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn tells_tightened_from_loosened() {
        let old = json!({ "maxLength": 100, "minimum": 1, "multipleOf": 3 });
        let new = json!({ "maxLength": 50, "minimum": 0, "minLength": 2, "multipleOf": 6 });
        assert_eq!(
            compare(&old, &new),
            vec![
                (Direction::Tighter, "`minLength` 2 added".to_string()),
                (Direction::Looser, "`minimum` 1 → 0".to_string()),
                (Direction::Tighter, "`maxLength` 100 → 50".to_string()),
                (Direction::Tighter, "`multipleOf` 3 → 6".to_string()),
            ]
        );
        assert!(compare(&new, &new).is_empty());
        assert_eq!(
            compare(&json!({ "maxLength": 5 }), &json!({})),
            vec![(Direction::Looser, "`maxLength` 5 removed".to_string())]
        );
        assert_eq!(
            compare(&json!({ "multipleOf": 2 }), &json!({ "multipleOf": 3 }))[0].0,
            Direction::Changed
        );
    }

    #[test]
    fn a_pattern_is_tighter_or_looser_only_when_it_shows() {
        use Direction::*;
        let cases = [
            ("^[a-z]+$", "^[a-z0-9]+$", Looser),
            ("^[a-z0-9]+$", "^[a-z]+$", Tighter),
            ("^[A-Z]{2}$", "^[A-Z]{2,3}$", Looser),
            ("^[A-Z]{2,3}$", "^[A-Z]{2}$", Tighter),
            ("^(cat|dog)$", "^(cat|dog|bird)$", Looser),
            ("^[a-z]+$", "^[0-9]+$", Changed),
            ("^[a-z]{2}$", "^[a-z0-9]{1}$", Changed),
            ("^a", "^b", Changed),
            ("^[a-c]$", "^[abc]$", Same),
            ("(", "^a$", Changed),
        ];
        for (old, new, expected) in cases {
            assert_eq!(pattern_direction(old, new), expected, "{old} → {new}");
        }
    }
}
