//! Constraints the IR does not keep (`maxLength`, `minimum`, `pattern`, …), read from the
//! two documents at the same places: a tightened constraint can reject requests that the
//! old version accepted.

use serde_json::Value;

use super::change::Level;
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

impl Differ<'_> {
    pub(super) fn compare_constraints(&mut self, old_pointer: &str, pointer: &str, flow: Flow) {
        let (Some(old), Some(new)) = (self.old.schema_at(old_pointer), self.new.schema_at(pointer))
        else {
            return;
        };
        let tightened = tightened(old, new);
        if tightened.is_empty() {
            return;
        }
        let id = match flow {
            Flow::Parameter => "parameter-constraint-tightened",
            _ => "request-constraint-tightened",
        };
        let message = format!("constraint tightened: {}", tightened.join(", "));
        self.push(id, Level::Warn, pointer, message);
    }
}

/// What became stricter from `old` to `new`, e.g. "`maxLength` 100 → 50".
pub fn tightened(old: &Value, new: &Value) -> Vec<String> {
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
                (Some(o), Some(n)) if stricter(o, n) => out.push(format!("`{key}` {o} → {n}")),
                (None, Some(n)) => out.push(format!("`{key}` {n} added")),
                _ => {}
            }
        }
    }
    // 3.0's boolean form: `exclusiveMinimum: true` beside `minimum`.
    for key in ["exclusiveMinimum", "exclusiveMaximum"] {
        if new.get(key) == Some(&Value::Bool(true)) && old.get(key) != Some(&Value::Bool(true)) {
            out.push(format!("`{key}` added"));
        }
    }
    for key in ["pattern", "multipleOf"] {
        match (old.get(key), new.get(key)) {
            (None, Some(n)) => out.push(format!("`{key}` {n} added")),
            (Some(o), Some(n)) if o != n => out.push(format!("`{key}` {o} → {n}")),
            _ => {}
        }
    }
    if new.get("uniqueItems") == Some(&Value::Bool(true))
        && old.get("uniqueItems") != Some(&Value::Bool(true))
    {
        out.push("`uniqueItems` added".into());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn finds_what_became_stricter() {
        let old = json!({ "maxLength": 100, "minimum": 1, "pattern": "^a" });
        let new = json!({ "maxLength": 50, "minimum": 0, "pattern": "^b", "minLength": 2 });
        assert_eq!(
            tightened(&old, &new),
            vec![
                "`minLength` 2 added",
                "`maxLength` 100 → 50",
                "`pattern` \"^a\" → \"^b\""
            ]
        );
        assert!(tightened(&new, &new).is_empty());
        assert!(tightened(&json!({ "maxLength": 5 }), &json!({})).is_empty());
    }
}
