//! The generated API as a user's crate sees it (this test is a crate of its own, so
//! `#[non_exhaustive]` applies here exactly as it does downstream): request values are built
//! with `new` and setters, response values with `new` and field assignment, and every
//! `match` over a generated enum needs a wildcard arm. With `Config::exhaustive_types` the
//! same spec allows struct literals and exhaustive matches.
//!
//! `deny(warnings)` makes the wildcard arms a test too: on an exhaustive enum they would be
//! unreachable patterns, and this file would not compile.

#![deny(warnings)]

use specgen_golden::fixture_evolvable::*;
use specgen_runtime::serde_json::{self, json};
use specgen_runtime::{Patch, Sensitive};

#[test]
fn request_bodies_are_built_with_new_and_setters() {
    let order = NewOrder::new(
        "ann",
        vec![
            LineItem::new("sku-1", 2, None),
            LineItem::new("sku-2", 1, 5).set_unit_price(9.5),
        ],
    )
    .set_note("ring twice")
    .set_priority(3)
    .set_delivery(Address::new().set_city("Paris"))
    .set_new(true)
    .set_gift(true)
    .set_set_gift("wrapped")
    .set_type(OrderType::Express)
    .set_card_number("4242 4242 4242 4242")
    .set_payment(Payment::Voucher(Voucher::new("WELCOME")));
    assert_eq!(
        serde_json::to_value(&order).unwrap(),
        json!({
            "customer": "ann",
            "items": [
                {"sku": "sku-1", "quantity": 2, "discount": null},
                {"sku": "sku-2", "quantity": 1, "discount": 5, "unit_price": 9.5}
            ],
            "note": "ring twice",
            "priority": 3,
            "delivery": {"city": "Paris"},
            "new": true,
            "gift": true,
            "set_gift": "wrapped",
            "type": "express",
            "card_number": "4242 4242 4242 4242",
            "payment": {"code": "WELCOME"}
        })
    );
    assert!(!format!("{order:?}").contains("4242"));
    // Reading is plain field access.
    assert_eq!(order.items[1].discount, Some(5));
    assert_eq!(
        order.card_number.as_ref().map(Sensitive::expose).unwrap(),
        "4242 4242 4242 4242"
    );

    // What `new` leaves out is not sent; a spec default is.
    let minimal = NewOrder::new("bob", Vec::new());
    assert_eq!(
        serde_json::to_value(&minimal).unwrap(),
        json!({"customer": "bob", "items": [], "priority": 0})
    );
}

#[test]
fn parameters_are_built_with_new_and_setters() {
    let params = CreateOrderParams::new("key-1")
        .set_dry_run(true)
        .set_limit(10)
        .set_self("me");
    assert_eq!(params.idempotency_key, "key-1");
    assert_eq!(params.dry_run, Some(true));
    assert_eq!(params.limit, Some(10));
    assert_eq!(params.self_.as_deref(), Some("me"));
    #[allow(deprecated)]
    let channel = CreateOrderParams::new("key-2").set_channel("web").channel;
    assert_eq!(channel.as_deref(), Some("web"));
}

#[test]
fn patch_setters_set_or_clear() {
    assert_eq!(serde_json::to_value(OrderPatch::new()).unwrap(), json!({}));
    let cleared = OrderPatch::new().set_note(Patch::Null).set_quantity(3);
    assert_eq!(
        serde_json::to_value(&cleared).unwrap(),
        json!({"note": null, "quantity": 3})
    );
    let set = OrderPatch::new()
        .set_note("gift wrap")
        .set_quantity(Patch::Null);
    assert_eq!(
        serde_json::to_value(&set).unwrap(),
        json!({"note": "gift wrap", "quantity": null})
    );
}

#[test]
fn response_values_are_built_with_new_and_field_assignment() {
    let id = "67e55044-10b1-426f-9247-bb680e5fe0c8".parse().unwrap();
    let created_at = "2024-02-29T10:00:00Z".parse().unwrap();
    let mut order = Order::new(
        id,
        "ann",
        OrderStatus::Pending,
        vec![LineItem::new("sku-1", 1, None)],
        12.5,
        "EUR",
        created_at,
        false,
    );
    // Assigning a field of a `#[non_exhaustive]` struct is allowed from any crate.
    order.note = Some("fragile".into());
    order.tracking = Patch::Null;
    let json = json!({
        "id": "67e55044-10b1-426f-9247-bb680e5fe0c8",
        "customer": "ann",
        "status": "pending",
        "items": [{"sku": "sku-1", "quantity": 1, "discount": null}],
        "total": 12.5,
        "currency": "EUR",
        "created_at": "2024-02-29T10:00:00Z",
        "shipped": false,
        "note": "fragile",
        "tracking": null
    });
    assert_eq!(serde_json::to_value(&order).unwrap(), json);
    assert_eq!(serde_json::from_value::<Order>(json).unwrap(), order);

    let mut problem = Problem::new("Duplicate");
    problem
        .additional_properties
        .insert("key".into(), "key-1".into());
    let outcome = CreateOrderError::Conflict(problem);
    assert_eq!(describe_error(&outcome), "conflict: Duplicate");
    let accepted = CreateOrderSuccess::Accepted(OrderReceipt::new(id));
    assert!(matches!(accepted, CreateOrderSuccess::Accepted(ref r) if r.id == id));
}

/// A `match` over a generated enum from outside its crate: the wildcard arm is required.
fn describe_error(error: &CreateOrderError) -> String {
    match error {
        CreateOrderError::Conflict(problem) => format!("conflict: {}", problem.title),
        CreateOrderError::UnprocessableEntity(problem) => format!("refused: {}", problem.title),
        _ => "an error this version of the client does not know".into(),
    }
}

#[test]
fn enums_are_matched_with_a_wildcard_arm() {
    let describe = |status: &OrderStatus| match status {
        OrderStatus::Pending => "pending".to_string(),
        OrderStatus::Shipped => "shipped".to_string(),
        OrderStatus::Unknown(value) => format!("unknown {value}"),
        _ => "a value added to the enum later".to_string(),
    };
    let later: OrderStatus = serde_json::from_value(json!("returned")).unwrap();
    assert_eq!(describe(&later), "unknown returned");
    assert_eq!(describe(&OrderStatus::Shipped), "shipped");

    let payment: Payment = serde_json::from_value(json!({"number": "4111"})).unwrap();
    let kind = match payment {
        Payment::Card(card) => format!("card {}", card.number),
        Payment::Voucher(voucher) => format!("voucher {}", voucher.code),
        _ => "a payment added later".into(),
    };
    assert_eq!(kind, "card 4111");
}

#[test]
fn exhaustive_types_allow_struct_literals_and_exhaustive_matches() {
    use specgen_golden::fixture_evolvable_exhaustive as exhaustive;
    let address = exhaustive::Address {
        street: None,
        city: Some("Paris".into()),
    };
    // Constructors and setters stay.
    assert_eq!(address, exhaustive::Address::new().set_city("Paris"));
    let status: exhaustive::OrderStatus = serde_json::from_value(json!("shipped")).unwrap();
    let shipped = match status {
        exhaustive::OrderStatus::Pending => false,
        exhaustive::OrderStatus::Shipped => true,
        exhaustive::OrderStatus::Unknown(_) => false,
    };
    assert!(shipped);
}
