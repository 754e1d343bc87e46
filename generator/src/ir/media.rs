//! Which media type an operation's body and responses are generated for, and how each is
//! encoded on the wire.

use super::BodyEncoding;

/// The media type without parameters, lower-cased: `application/json; charset=utf-8` →
/// `application/json`.
pub(super) fn essence(media_type: &str) -> String {
    media_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

pub(super) fn is_json(media_type: &str) -> bool {
    let essence = essence(media_type);
    essence == "application/json"
        || essence.ends_with("+json")
        || essence == "*/*"
        || essence == "application/*"
        || essence == "text/json"
}

pub(super) fn request_encoding(media_type: &str) -> BodyEncoding {
    let essence = essence(media_type);
    if is_json(&essence) {
        BodyEncoding::Json
    } else if essence == "application/x-www-form-urlencoded" {
        BodyEncoding::Form
    } else if essence == "multipart/form-data" || essence == "multipart/mixed" {
        BodyEncoding::Multipart
    } else if essence.starts_with("text/") {
        BodyEncoding::Text
    } else {
        BodyEncoding::Bytes
    }
}

/// The media type to generate for, by `rank` (lowest wins, first in spec order on ties):
/// one method per operation, never a refusal because a spec offers several media types.
fn pick_media<K: Ord>(
    content: &openapiv3::Content,
    rank: impl Fn(&str) -> K,
) -> Option<(&String, &openapiv3::MediaType)> {
    content
        .iter()
        .min_by_key(|(media_type, _)| rank(media_type))
}

/// JSON first (the richest types), then forms, then raw bodies.
pub(super) fn pick_request_media(
    content: &openapiv3::Content,
) -> Option<(&String, &openapiv3::MediaType)> {
    pick_media(content, |media_type| match request_encoding(media_type) {
        BodyEncoding::Json => 0,
        BodyEncoding::Form => 1,
        BodyEncoding::Multipart => 2,
        BodyEncoding::Text => 3,
        BodyEncoding::Bytes => 4,
    })
}

pub(super) enum ResponseKind {
    Json,
    Text,
    Bytes,
}

pub(super) fn response_kind(media_type: &str) -> ResponseKind {
    if is_json(media_type) {
        ResponseKind::Json
    } else if essence(media_type).starts_with("text/") {
        ResponseKind::Text
    } else {
        ResponseKind::Bytes
    }
}

pub(super) fn pick_response_media(
    content: &openapiv3::Content,
) -> Option<(&String, &openapiv3::MediaType)> {
    pick_media(content, |media_type| match response_kind(media_type) {
        ResponseKind::Json => 0,
        ResponseKind::Text => 1,
        ResponseKind::Bytes => 2,
    })
}
