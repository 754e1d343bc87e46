//! What the fixture specs' generated types do with JSON: the golden files are compiled by
//! the crate, and here their serde behaviour is held to what each construct means.

use specgen_golden::*;
use specgen_runtime::serde::de::DeserializeOwned;
use specgen_runtime::serde::Serialize;
use specgen_runtime::serde_json::{self, json, Value};

/// Reads `value` as `T`, and checks it writes back exactly `value`.
fn round_trip<T: DeserializeOwned + Serialize>(value: Value) -> T {
    let typed: T = serde_json::from_value(value.clone())
        .unwrap_or_else(|e| panic!("{value} does not deserialize: {e}"));
    assert_eq!(serde_json::to_value(&typed).unwrap(), value);
    typed
}

fn rejects<T: DeserializeOwned + std::fmt::Debug>(value: Value) {
    let result = serde_json::from_value::<T>(value.clone());
    assert!(result.is_err(), "{value} was accepted as {result:?}");
}

#[test]
fn discriminator_with_mapping_uses_the_mapped_values() {
    use fixture_one_of_discriminator_mapping::*;
    let card: PaymentMethod = round_trip(json!({"method_type": "card", "last4": "4242"}));
    assert!(matches!(card, PaymentMethod::Card(Card { ref last4, .. }) if last4 == "4242"));
    let bank: PaymentMethod = round_trip(json!({"method_type": "bank_account", "iban": "DE89"}));
    assert!(matches!(bank, PaymentMethod::BankAccount(_)));
    // The schema names are not the wire values here.
    rejects::<PaymentMethod>(json!({"method_type": "Card", "last4": "4242"}));
    rejects::<PaymentMethod>(json!({"last4": "4242"}));
}

#[test]
fn discriminator_without_mapping_uses_the_schema_names() {
    use fixture_one_of_discriminator::*;
    let shape: Shape = round_trip(json!({"kind": "Circle", "radius": 2.0}));
    assert_eq!(shape, Shape::Circle(Circle::new(2.0)));
    round_trip::<Shape>(json!({"kind": "Square", "side": 1.5}));
    rejects::<Shape>(json!({"kind": "circle", "radius": 2.0}));
}

#[test]
fn untagged_one_of_picks_the_variant_by_shape() {
    use fixture_one_of_untagged::*;
    assert_eq!(
        round_trip::<SettingValue>(json!("dark")),
        SettingValue::String("dark".into())
    );
    assert_eq!(
        round_trip::<SettingValue>(json!(42)),
        SettingValue::Integer(42)
    );
    let structured: SettingValue = round_trip(json!({"unit": "ms", "amount": 1.5}));
    assert!(matches!(structured, SettingValue::Structured(_)));
    rejects::<SettingValue>(json!(1.5));
    rejects::<SettingValue>(json!({"unit": "ms"}));
}

#[test]
fn any_of_tries_the_most_demanding_object_first() {
    use fixture_any_of::*;
    let phone: Contact = round_trip(json!({"phone": "555", "country_code": "1"}));
    assert!(matches!(phone, Contact::PhoneContact(_)));
    let email: Contact = round_trip(json!({"email": "a@example.com"}));
    assert!(matches!(email, Contact::EmailContact(_)));
    assert_eq!(
        round_trip::<Contact>(json!("call me")),
        Contact::String("call me".into())
    );
}

#[test]
fn nullable_fields_keep_null_apart_from_absent() {
    use fixture_nullable::*;
    let profile: Profile = round_trip(json!({"id": "1", "nickname": null, "manager": null}));
    assert_eq!(profile.nickname, None);
    assert!(profile.bio.is_absent());
    let profile: Profile = round_trip(json!({
        "id": "1", "nickname": "Al", "bio": null, "birthday": "1990-05-01",
        "manager": {"id": "2"}, "tags": ["a", null]
    }));
    assert_eq!(profile.bio, specgen_runtime::Patch::Null);
    assert_eq!(profile.tags, Some(vec![Some("a".into()), None]));
}

#[test]
fn patch_bodies_are_tri_state() {
    use fixture_patch_tri_state::*;
    use specgen_runtime::Patch;
    // Nothing set sends nothing: never a `null` by accident.
    assert_eq!(
        serde_json::to_value(UserPatch::default()).unwrap(),
        json!({})
    );
    let clear = UserPatch::new()
        .set_phone(Patch::Null)
        .set_display_name("Ada");
    assert_eq!(
        serde_json::to_value(&clear).unwrap(),
        json!({"phone": null, "display_name": "Ada"})
    );
    let read: UserPatch = round_trip(json!({"phone": null, "date_of_birth": null}));
    assert_eq!(read.phone, Patch::Null);
    assert!(read.display_name.is_absent());
    // A date-time where the date is expected keeps its date.
    let lenient: UserPatch =
        serde_json::from_value(json!({"date_of_birth": "1990-05-01T23:00:00Z"})).unwrap();
    assert_eq!(
        serde_json::to_value(&lenient).unwrap(),
        json!({"date_of_birth": "1990-05-01"})
    );
}

#[test]
fn maps_and_additional_properties_keep_every_member() {
    use fixture_maps::*;
    let extensible: Extensible = round_trip(json!({"id": "1", "color": "red", "size": "L"}));
    assert_eq!(extensible.additional_properties.len(), 2);
    rejects::<Extensible>(json!({"id": "1", "count": 3}));
    let bag: Bag = round_trip(json!({
        "counts": {"a": 1}, "prices": {"x": {"amount": "1.00", "currency": "EUR"}},
        "anything": {"k": [1, {"n": null}]}, "free_form": {}, "untyped": [1, "two"],
        "lists": {"l": ["a"]}, "nullable_values": {"gone": null, "here": "v"}
    }));
    assert_eq!(bag.nullable_values.unwrap()["gone"], None);
    let labels: Labels = round_trip(json!({"env": "prod"}));
    assert_eq!(labels["env"], "prod");
}

#[test]
fn problem_details_keep_extension_members() {
    use fixture_problem_json::*;
    let problem: Problem = round_trip(json!({
        "type": "https://example.com/not-found", "title": "Not found", "status": 404,
        "balance": 30, "accounts": ["/a/1"]
    }));
    assert_eq!(problem.status, Some(404));
    assert_eq!(problem.additional_properties["balance"], json!(30));
}

#[test]
fn recursive_types_nest() {
    use fixture_recursion::*;
    let tree: TreeNode = round_trip(json!({
        "name": "root",
        "children": [{"name": "leaf", "parent": {"name": "root"}}],
        "labels": {"x": {"name": "x"}}
    }));
    assert_eq!(
        tree.children.unwrap()[0].parent.as_ref().unwrap().name,
        "root"
    );
    let a: A = round_trip(json!({"b": {"a": {"b": {}}, "leaf": {"value": "v"}}}));
    assert!(a.b.a.is_some());
    let expr: Expr = round_trip(json!({"operand": {"operand": {"value": 1.0}}}));
    assert!(matches!(expr, Expr::Negate(_)));
}

#[test]
fn odd_field_names_keep_their_wire_names() {
    use fixture_field_names::*;
    let record: Record = round_trip(json!({
        "type": "t", "ref": "r", "self": "s", "match": true, "async": "a", "crate": "c",
        "errorCode": 7, "error_code": "E7", "ErrorCode": "e7", "2fa": false,
        "@id": "urn:x", "$schema": "s.json", "": "blank"
    }));
    assert_eq!(record.error_code_2, Some(7));
    assert_eq!(record.error_code.as_deref(), Some("E7"));
    assert_eq!(record.error_code_3.as_deref(), Some("e7"));
    assert_eq!(record.r#type, "t");
    assert_eq!(record.self_.as_deref(), Some("s"));
}

#[test]
fn enum_values_keep_their_exact_wire_form() {
    use fixture_enum_names::*;
    let survey: Survey = round_trip(json!({
        "income": "$50,001 - $100,000",
        "source": "Other - Default",
        "activity": "21+ Transactions",
        "reaction": "-1",
        "state": "Unknown"
    }));
    assert_eq!(survey.income, IncomeRange::From50001To100000);
    assert_eq!(survey.source, Some(SourceOfFunds::OtherDefault));
    assert_eq!(survey.reaction, Some(Reaction::Minus1));
    // A value named `Unknown` is a value; the fallback keeps what the spec does not list.
    assert_eq!(survey.state, Some(State::Unknown));
    let later: Survey = round_trip(json!({"income": "Over $1,000,000", "state": "paused"}));
    assert_eq!(later.income, IncomeRange::Unknown("Over $1,000,000".into()));
    assert_eq!(later.state, Some(State::UnknownValue("paused".into())));
    for value in SourceOfFunds::ALL {
        assert_eq!(value.as_str().parse::<SourceOfFunds>().unwrap(), value);
        assert_eq!(value.to_string(), value.as_str());
    }
    let names: std::collections::BTreeSet<&str> =
        Reaction::ALL.iter().map(|r| r.as_str()).collect();
    assert_eq!(names.len(), Reaction::ALL.len());
}

#[test]
fn sensitive_values_are_sent_but_never_printed() {
    use fixture_sensitive::*;
    let person: Person = round_trip(json!({
        "name": "Ada", "ssn": "078-05-1120", "tax_id": "12-3456789", "pin": "0000",
        "passport": "X1234567", "previous_tax_id": null, "date_of_birth": "1815-12-10"
    }));
    let debug = format!("{person:?}");
    for secret in ["078-05-1120", "12-3456789", "0000", "X1234567", "1815"] {
        assert!(!debug.contains(secret), "{secret} in {debug}");
    }
    assert!(debug.contains("Ada"));
}

#[test]
fn all_of_merges_every_part() {
    use fixture_all_of::*;
    let dog: Dog = round_trip(json!({"id": 1, "name": "Rex", "barks": true}));
    assert_eq!((dog.id, dog.name.as_str(), dog.barks), (1, "Rex", true));
    rejects::<Dog>(json!({"name": "Rex", "barks": true}));
    let note: Note = round_trip(json!({"id": 2}));
    assert_eq!(note.id, 2);
}

#[test]
fn formats_become_real_types() {
    use fixture_formats::*;
    let sample: Sample = serde_json::from_value(json!({
        "day": "2024-02-29T10:00:00Z", "at": "2024-02-29T10:00:00+02:00",
        "id": "67e55044-10b1-426f-9247-bb680e5fe0c8", "blob": "aGVsbG8=",
        "small": 2147483647, "big": 9007199254740993_i64, "ratio": 0.5, "precise": 0.1,
        "secret": "hunter2"
    }))
    .unwrap();
    assert_eq!(sample.day.to_string(), "2024-02-29");
    assert_eq!(sample.at.to_rfc3339(), "2024-02-29T08:00:00+00:00");
    assert_eq!(sample.big, 9007199254740993);
    assert!(!format!("{sample:?}").contains("hunter2"));
    let written = serde_json::to_value(&sample).unwrap();
    assert_eq!(written["day"], "2024-02-29");
    assert_eq!(written["blob"], "aGVsbG8=");
    assert_eq!(written["secret"], "hunter2");
    rejects::<Sample>(json!({
        "day": "2024-02-29", "at": "2024-02-29T10:00:00Z", "id": "not-a-uuid", "blob": "",
        "small": 1, "big": 1, "ratio": 1.0, "precise": 1.0, "secret": ""
    }));
    rejects::<Sample>(json!({
        "day": "2024-02-29", "at": "2024-02-29T10:00:00Z",
        "id": "67e55044-10b1-426f-9247-bb680e5fe0c8", "blob": "",
        "small": 2147483648_i64, "big": 1, "ratio": 1.0, "precise": 1.0, "secret": ""
    }));
}

#[test]
fn inline_types_written_out_again_are_one_type_under_each_name() {
    use fixture_shared_inline_types::*;
    let issue: ListIssuesResponseItem = round_trip(json!({
        "number": 1, "state": "open", "author": {"login": "octocat", "kind": "bot"}
    }));
    let pull: ListPullsResponseItem = round_trip(json!({
        "number": 2, "state": "closed", "author": {"login": "octocat", "kind": "bot"}
    }));
    // What one place reads, another takes: the names are aliases of one type.
    let filter: ListPullsState = issue.state.clone();
    assert_eq!(filter, ListPullsResponseItemState::Open);
    assert_eq!(pull.author, issue.author);
    assert_eq!(
        pull.author.and_then(|a| a.kind),
        Some(ListIssuesResponseItemAuthorKind::Bot)
    );
    // The same values in another order are another type, with its own `ALL`.
    assert_eq!(
        ListPullsSort::ALL,
        [ListPullsSort::Closed, ListPullsSort::Open]
    );
    assert_eq!(
        ListPullsState::ALL,
        [ListIssuesState::Open, ListIssuesState::Closed]
    );
}
