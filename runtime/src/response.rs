//! Responses as received, and their decoding into typed results.

use std::fmt;

use bytes::Bytes;
use reqwest::header::HeaderMap;
use reqwest::StatusCode;
use serde::de::DeserializeOwned;

use crate::error::{scrub_serde_message, truncate_body, Error, MAX_ERROR_BODY_BYTES};
use crate::redact::RedactedHeaders;

/// A response read in full: status, headers and body bytes.
///
/// Generated code matches on [`status`](RawResponse::status) and then calls one of the
/// decoding methods. `Debug` shows the body's length, not its content (it may hold
/// personal data), and redacts credential-like headers.
pub struct RawResponse {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

impl RawResponse {
    /// Assembles a response; the runtime builds these after reading a body in full.
    pub fn new(status: StatusCode, headers: HeaderMap, body: Bytes) -> Self {
        RawResponse {
            status,
            headers,
            body,
        }
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The body bytes.
    pub fn body(&self) -> &Bytes {
        &self.body
    }

    /// Decodes a JSON body as `T`; a mismatch is [`Error::Decode`] naming the JSON path.
    pub fn json<T: DeserializeOwned, E>(self) -> Result<Response<T>, Error<E>> {
        let body = decode_json::<T>(self.status, &self.body).map_err(|e| e.into_error())?;
        Ok(self.with_body(body))
    }

    /// The body as UTF-8 text.
    pub fn text<E>(self) -> Result<Response<String>, Error<E>> {
        let text = String::from_utf8(self.body.to_vec()).map_err(|e| Error::Decode {
            status: self.status,
            path: ".".into(),
            message: format!("body is not valid UTF-8 ({e})"),
        })?;
        Ok(self.with_body(text))
    }

    /// The body as bytes.
    pub fn bytes<E>(self) -> Result<Response<Bytes>, Error<E>> {
        let body = self.body.clone();
        Ok(self.with_body(body))
    }

    /// Ignores the body (e.g. for `204 No Content`).
    pub fn empty<E>(self) -> Result<Response<()>, Error<E>> {
        Ok(self.with_body(()))
    }

    /// [`json`](Self::json), the body wrapped by `wrap` (a variant of an operation's
    /// success enum).
    pub fn json_map<T: DeserializeOwned, U, E>(
        self,
        wrap: impl FnOnce(T) -> U,
    ) -> Result<Response<U>, Error<E>> {
        self.json().map(|response| response.map(wrap))
    }

    /// [`text`](Self::text), wrapped by `wrap`.
    pub fn text_map<U, E>(self, wrap: impl FnOnce(String) -> U) -> Result<Response<U>, Error<E>> {
        self.text().map(|response| response.map(wrap))
    }

    /// [`bytes`](Self::bytes), wrapped by `wrap`.
    pub fn bytes_map<U, E>(self, wrap: impl FnOnce(Bytes) -> U) -> Result<Response<U>, Error<E>> {
        self.bytes().map(|response| response.map(wrap))
    }

    /// [`empty`](Self::empty), with `value` as the body.
    pub fn empty_as<U, E>(self, value: U) -> Result<Response<U>, Error<E>> {
        Ok(self.with_body(value))
    }

    /// A documented error status: decodes the body as `B`, wraps it, and returns
    /// [`Error::Api`]. A body that does not match `B` is [`Error::Decode`].
    pub fn api_error<B: DeserializeOwned, E>(self, wrap: impl FnOnce(B) -> E) -> Error<E> {
        match decode_json::<B>(self.status, &self.body) {
            Ok(b) => Error::Api {
                status: self.status,
                headers: self.headers,
                body: wrap(b),
            },
            Err(e) => e.into_error(),
        }
    }

    /// A documented error status with a text body.
    pub fn api_error_text<E>(self, wrap: impl FnOnce(String) -> E) -> Error<E> {
        let text = String::from_utf8_lossy(&self.body).into_owned();
        Error::Api {
            status: self.status,
            headers: self.headers,
            body: wrap(text),
        }
    }

    /// A documented error status without a body (or one that is not worth decoding).
    pub fn api_error_empty<E>(self, error: E) -> Error<E> {
        Error::Api {
            status: self.status,
            headers: self.headers,
            body: error,
        }
    }

    /// A status the spec does not document: [`Error::UnexpectedStatus`] with the body as
    /// text, cut to [`MAX_ERROR_BODY_BYTES`].
    pub fn unexpected<E>(self) -> Error<E> {
        let text = String::from_utf8_lossy(&self.body);
        Error::UnexpectedStatus {
            status: self.status,
            body: truncate_body(&text, MAX_ERROR_BODY_BYTES),
            headers: self.headers,
        }
    }

    fn with_body<T>(self, body: T) -> Response<T> {
        Response {
            status: self.status,
            headers: self.headers,
            body,
        }
    }
}

impl fmt::Debug for RawResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RawResponse")
            .field("status", &self.status)
            .field("headers", &RedactedHeaders(&self.headers))
            .field("body_len", &self.body.len())
            .finish()
    }
}

struct DecodeFailure {
    status: StatusCode,
    path: String,
    message: String,
}

impl DecodeFailure {
    fn into_error<E>(self) -> Error<E> {
        Error::Decode {
            status: self.status,
            path: self.path,
            message: self.message,
        }
    }
}

fn decode_json<T: DeserializeOwned>(status: StatusCode, body: &[u8]) -> Result<T, DecodeFailure> {
    let mut de = serde_json::Deserializer::from_slice(body);
    let value: T = serde_path_to_error::deserialize(&mut de).map_err(|e| DecodeFailure {
        status,
        path: e.path().to_string(),
        message: scrub_serde_message(&e.inner().to_string()),
    })?;
    // Trailing data after the document is a mismatch too.
    de.end().map_err(|e| DecodeFailure {
        status,
        path: ".".into(),
        message: e.to_string(),
    })?;
    Ok(value)
}

/// A successful, decoded response, with the status and headers it came with.
#[derive(Clone)]
pub struct Response<T> {
    /// The HTTP status.
    pub status: StatusCode,
    /// The response headers (e.g. for pagination or rate-limit headers).
    pub headers: HeaderMap,
    /// The decoded body.
    pub body: T,
}

impl<T> Response<T> {
    /// Drops status and headers.
    pub fn into_body(self) -> T {
        self.body
    }

    /// Transforms the body, keeping status and headers.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Response<U> {
        Response {
            status: self.status,
            headers: self.headers,
            body: f(self.body),
        }
    }
}

impl<T: fmt::Debug> fmt::Debug for Response<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Response")
            .field("status", &self.status)
            .field("headers", &RedactedHeaders(&self.headers))
            .field("body", &self.body)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Person {
        person_details: Details,
    }
    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Details {
        #[serde(with = "crate::date::lenient")]
        date_of_birth: chrono::NaiveDate,
        tags: Vec<u32>,
    }

    fn raw(status: u16, body: &str) -> RawResponse {
        RawResponse::new(
            StatusCode::from_u16(status).unwrap(),
            HeaderMap::new(),
            Bytes::from(body.to_owned()),
        )
    }

    #[test]
    fn decode_error_names_the_path() {
        let r = raw(200, r#"{"person_details":{"date_of_birth":"x","tags":[]}}"#);
        match r.json::<Person, ()>() {
            Err(Error::Decode { path, message, .. }) => {
                assert_eq!(path, "person_details.date_of_birth");
                assert!(message.contains("YYYY-MM-DD"), "{message}");
            }
            other => panic!("{other:?}"),
        }
        let r = raw(
            200,
            r#"{"person_details":{"date_of_birth":"1990-01-01","tags":[1,"secret"]}}"#,
        );
        let err = r.json::<Person, ()>().unwrap_err();
        let text = err.to_string();
        assert!(text.contains("person_details.tags[1]"), "{text}");
        assert!(!text.contains("secret"), "{text}");
    }

    #[test]
    fn trailing_garbage_and_empty_bodies_are_decode_errors() {
        assert!(matches!(
            raw(200, "{} x").json::<serde_json::Value, ()>(),
            Err(Error::Decode { .. })
        ));
        assert!(matches!(
            raw(200, "").json::<serde_json::Value, ()>(),
            Err(Error::Decode { .. })
        ));
    }

    #[test]
    fn unexpected_keeps_a_bounded_body() {
        let body = "x".repeat(10_000);
        match raw(500, &body).unexpected::<()>() {
            Error::UnexpectedStatus { status, body, .. } => {
                assert_eq!(status, 500);
                assert!(
                    body.len() < 4200 && body.contains("10000 bytes"),
                    "{}",
                    body.len()
                );
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn api_error_wraps_the_typed_body() {
        #[derive(Debug, Deserialize)]
        struct Problem {
            code: u32,
        }
        let e = raw(404, r#"{"code":7}"#).api_error(|p: Problem| p.code);
        assert_eq!(e.api_body(), Some(&7));
        let e = raw(404, "nope").api_error_text(|t| t);
        assert_eq!(e.api_body().map(String::as_str), Some("nope"));
        let e = raw(404, "{}").api_error_empty("gone");
        assert_eq!(e.status(), Some(StatusCode::NOT_FOUND));
    }

    #[test]
    fn text_bytes_empty_and_map() {
        let r = raw(200, "hi").text::<()>().unwrap();
        assert_eq!(r.map(|s| s.len()).into_body(), 2);
        assert_eq!(raw(200, "hi").bytes::<()>().unwrap().body, "hi");
        assert_eq!(raw(204, "").empty::<()>().unwrap().status, 204);
        let bad = RawResponse::new(
            StatusCode::OK,
            HeaderMap::new(),
            Bytes::from_static(&[0xff]),
        );
        assert!(matches!(bad.text::<()>(), Err(Error::Decode { .. })));
    }
}
