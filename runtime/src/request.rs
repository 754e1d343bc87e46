//! Building one request from an operation and its parameters.
//!
//! Everything is kept as plain data (encoded query pairs, body bytes, multipart parts)
//! rather than as a `reqwest::Request`, because a request may have to be sent several
//! times: after a 401 with a fresh token, and on retries.

use std::borrow::Cow;
use std::fmt::{self, Display};

use bytes::Bytes;
use reqwest::header::{
    HeaderMap, HeaderName, HeaderValue, ACCEPT, CONTENT_TYPE, COOKIE, USER_AGENT,
};
use serde::Serialize;

use crate::auth::Applied;
use crate::client::ApiClient;
use crate::encoding;
use crate::error::Error;
use crate::operation::Operation;

/// One call being prepared; created by [`ApiClient::request`], filled in by generated
/// code, sent with [`send`](RequestBuilder::send).
///
/// Setters never fail: the first problem (a body that does not serialize, an invalid
/// header value, an unknown path parameter) is remembered and returned by `send` as
/// [`Error::InvalidRequest`]. `Debug` shows parameter *names*, not values.
pub struct RequestBuilder {
    pub(crate) client: ApiClient,
    pub(crate) op: &'static Operation,
    path: String,
    query: Vec<(String, String)>,
    headers: HeaderMap,
    cookies: Vec<(String, String)>,
    body: Body,
    error: Option<String>,
    /// Set for a request to a pre-signed URL, which goes there instead of under the base
    /// URL and without the client's default headers.
    presigned: Option<reqwest::Url>,
}

#[derive(Clone)]
enum Body {
    Empty,
    Bytes {
        data: Bytes,
        content_type: Cow<'static, str>,
    },
    Multipart(Vec<Part>),
}

#[derive(Clone)]
struct Part {
    name: String,
    data: Bytes,
    content_type: Option<&'static str>,
    file_name: Option<String>,
}

impl RequestBuilder {
    pub(crate) fn new(client: ApiClient, op: &'static Operation) -> Self {
        RequestBuilder {
            client,
            op,
            path: op.path.to_owned(),
            query: Vec::new(),
            headers: HeaderMap::new(),
            cookies: Vec::new(),
            body: Body::Empty,
            error: None,
            presigned: None,
        }
    }

    /// A request for `op` (which must declare no security) to the absolute URL `url`.
    pub(crate) fn presigned(client: ApiClient, op: &'static Operation, url: reqwest::Url) -> Self {
        debug_assert!(
            op.security.is_empty(),
            "a pre-signed URL gets no credentials"
        );
        let mut request = RequestBuilder::new(client, op);
        request.presigned = Some(url);
        request
    }

    fn fail(&mut self, message: String) -> &mut Self {
        self.error.get_or_insert(message);
        self
    }

    /// Fills the path parameter `{name}`, percent-encoded as one path segment.
    pub fn path_param(&mut self, name: &str, value: &dyn Display) -> &mut Self {
        let placeholder = format!("{{{name}}}");
        if !self.path.contains(&placeholder) {
            let message = format!("operation `{}` has no path parameter `{name}`", self.op.id);
            return self.fail(message);
        }
        match encoding::path_segment(&value.to_string()) {
            Some(segment) => {
                self.path = self.path.replace(&placeholder, &segment);
                self
            }
            None => self.fail(format!(
                "path parameter `{name}` cannot be `.` or `..`, which would change the path"
            )),
        }
    }

    /// Adds a query parameter.
    pub fn query(&mut self, name: &str, value: &dyn Display) -> &mut Self {
        self.query.push((
            encoding::component(name),
            encoding::component(&value.to_string()),
        ));
        self
    }

    /// Adds an array query parameter: `name=a&name=b` when `explode`, else `name=a,b`.
    /// An empty array adds nothing.
    pub fn query_array<T: Display>(
        &mut self,
        name: &str,
        values: &[T],
        explode: bool,
    ) -> &mut Self {
        if values.is_empty() {
            return self;
        }
        let encoded = values.iter().map(|v| encoding::component(&v.to_string()));
        if explode {
            for v in encoded {
                self.query.push((encoding::component(name), v));
            }
        } else {
            let joined = encoded.collect::<Vec<_>>().join(",");
            self.query.push((encoding::component(name), joined));
        }
        self
    }

    /// Adds a query parameter whose value is JSON text (a parameter with `content`).
    pub fn query_json(&mut self, name: &str, value: &(impl Serialize + ?Sized)) -> &mut Self {
        match serde_json::to_string(value) {
            Ok(json) => self.query(name, &json),
            Err(e) => self.fail(format!("query parameter `{name}`: {e}")),
        }
    }

    /// Adds a header parameter.
    pub fn header(&mut self, name: &'static str, value: &dyn Display) -> &mut Self {
        let Ok(header) = HeaderName::from_bytes(name.as_bytes()) else {
            return self.fail(format!("`{name}` is not a valid header name"));
        };
        match HeaderValue::from_str(&value.to_string()) {
            Ok(v) => {
                self.headers.append(header, v);
                self
            }
            // The value itself is not repeated: it may be personal data.
            Err(_) => self.fail(format!(
                "header `{name}` has a value that is not allowed in a header"
            )),
        }
    }

    /// Adds a cookie parameter.
    pub fn cookie(&mut self, name: &str, value: &dyn Display) -> &mut Self {
        self.cookies
            .push((name.to_owned(), encoding::cookie_value(&value.to_string())));
        self
    }

    /// Sets an `application/json` body. Unsized bodies too: generated methods take an
    /// array body as a slice and a string body as `&str`.
    pub fn json(&mut self, body: &(impl Serialize + ?Sized)) -> &mut Self {
        self.json_as(body, "application/json")
    }

    /// Sets a JSON body with another JSON media type (e.g. `application/merge-patch+json`).
    pub fn json_as(
        &mut self,
        body: &(impl Serialize + ?Sized),
        content_type: &'static str,
    ) -> &mut Self {
        match serde_json::to_vec(body) {
            Ok(data) => self.bytes(data.into(), content_type),
            Err(e) => self.fail(format!("request body: {e}")),
        }
    }

    /// Sets an `application/x-www-form-urlencoded` body from a struct or map.
    pub fn form(&mut self, body: &(impl Serialize + ?Sized)) -> &mut Self {
        let pairs = serde_json::to_value(body)
            .map_err(|e| e.to_string())
            .and_then(|v| encoding::form_from_json(&v));
        match pairs {
            Ok(pairs) => {
                let text =
                    encoding::form_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
                self.bytes(text.into(), "application/x-www-form-urlencoded")
            }
            Err(e) => self.fail(format!("form body: {e}")),
        }
    }

    fn part(&mut self, part: Part) -> &mut Self {
        match &mut self.body {
            Body::Multipart(parts) => parts.push(part),
            _ => self.body = Body::Multipart(vec![part]),
        }
        self
    }

    /// Adds a text field to a `multipart/form-data` body.
    pub fn multipart_text(&mut self, name: &str, value: &dyn Display) -> &mut Self {
        self.part(Part {
            name: name.to_owned(),
            data: value.to_string().into(),
            content_type: None,
            file_name: None,
        })
    }

    /// Adds one text field per value, each named `name`: an array of plain values in a
    /// `multipart/form-data` body (OpenAPI's default for arrays of primitives).
    pub fn multipart_texts<T: Display>(&mut self, name: &str, values: &[T]) -> &mut Self {
        for value in values {
            self.multipart_text(name, value);
        }
        self
    }

    /// Adds a JSON field to a `multipart/form-data` body.
    pub fn multipart_json(&mut self, name: &str, value: &(impl Serialize + ?Sized)) -> &mut Self {
        match serde_json::to_vec(value) {
            Ok(data) => self.part(Part {
                name: name.to_owned(),
                data: data.into(),
                content_type: Some("application/json"),
                file_name: None,
            }),
            Err(e) => self.fail(format!("multipart field `{name}`: {e}")),
        }
    }

    /// Adds a binary field (e.g. a document scan) to a `multipart/form-data` body.
    pub fn multipart_bytes(
        &mut self,
        name: &str,
        value: Bytes,
        file_name: Option<&str>,
    ) -> &mut Self {
        self.part(Part {
            name: name.to_owned(),
            data: value,
            content_type: Some("application/octet-stream"),
            file_name: file_name.map(str::to_owned),
        })
    }

    /// Adds a file field to a `multipart/form-data` body, named after the field (the spec
    /// gives no file name).
    pub fn multipart_file(&mut self, name: &str, value: &[u8]) -> &mut Self {
        self.multipart_bytes(name, Bytes::copy_from_slice(value), Some(name))
    }

    /// Adds one file field per file, each named `name`: an array of files (`type: array`,
    /// `items: {type: string, format: binary}`) in a `multipart/form-data` body.
    pub fn multipart_files<B: AsRef<[u8]>>(&mut self, name: &str, files: &[B]) -> &mut Self {
        for file in files {
            self.multipart_file(name, file.as_ref());
        }
        self
    }

    /// Sets a raw body.
    pub fn bytes(&mut self, body: Bytes, content_type: &'static str) -> &mut Self {
        self.body_with_type(body, Cow::Borrowed(content_type))
    }

    pub(crate) fn body_with_type(
        &mut self,
        body: Bytes,
        content_type: Cow<'static, str>,
    ) -> &mut Self {
        self.body = Body::Bytes {
            data: body,
            content_type,
        };
        self
    }

    /// Sets a text body.
    pub fn text(&mut self, body: String, content_type: &'static str) -> &mut Self {
        self.bytes(body.into(), content_type)
    }

    /// Sets the `Accept` header (the media types the operation documents).
    pub fn accept(&mut self, media_types: &'static str) -> &mut Self {
        match HeaderValue::from_str(media_types) {
            Ok(v) => {
                self.headers.insert(ACCEPT, v);
                self
            }
            Err(_) => self.fail(format!("`{media_types}` is not a valid Accept header")),
        }
    }

    /// The error remembered while building, or a path parameter left unfilled.
    pub(crate) fn check<E>(&self) -> Result<(), Error<E>> {
        if let Some(e) = &self.error {
            return Err(Error::InvalidRequest(e.clone()));
        }
        if let Some(start) = self.path.find('{') {
            // Encoded values never contain `{`, so this is an unfilled placeholder.
            let name = self.path[start + 1..].split('}').next().unwrap_or_default();
            return Err(Error::InvalidRequest(format!(
                "operation `{}` is missing path parameter `{name}`",
                self.op.id
            )));
        }
        Ok(())
    }

    /// The request for one attempt, with that attempt's credentials.
    pub(crate) fn build<E>(&self, auth: &Applied) -> Result<reqwest::Request, Error<E>> {
        let inner = &self.client.inner;
        let mut url = match &self.presigned {
            Some(url) => url.to_string(),
            None => format!("{}{}", inner.base_url, self.path),
        };
        let auth_query = auth
            .query
            .iter()
            .map(|(k, v)| (encoding::component(k), encoding::component(v.expose())));
        let query: Vec<String> = self
            .query
            .iter()
            .cloned()
            .chain(auth_query)
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        if !query.is_empty() {
            url.push('?');
            url.push_str(&query.join("&"));
        }
        let url = reqwest::Url::parse(&url).map_err(|e| {
            Error::InvalidRequest(format!("operation `{}`: invalid URL: {e}", self.op.id))
        })?;

        // A storage host gets none of the headers meant for the API.
        let mut headers = match self.presigned {
            Some(_) => HeaderMap::new(),
            None => inner.default_headers.clone(),
        };
        for name in self.headers.keys() {
            headers.remove(name);
        }
        headers.extend(self.headers.clone());
        if let Some(ua) = &inner.user_agent {
            headers.insert(USER_AGENT, ua.clone());
        }
        for (name, value) in &auth.headers {
            headers.insert(name.clone(), value.clone());
        }
        let cookies: Vec<String> = self
            .cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .chain(
                auth.cookies
                    .iter()
                    .map(|(k, v)| format!("{k}={}", encoding::cookie_value(v.expose()))),
            )
            .collect();
        if !cookies.is_empty() {
            let mut value = HeaderValue::from_str(&cookies.join("; ")).map_err(|_| {
                Error::InvalidRequest("a cookie name is not allowed in a header".into())
            })?;
            // It may carry an API key.
            value.set_sensitive(!auth.cookies.is_empty());
            headers.insert(COOKIE, value);
        }

        let mut request = inner
            .http
            .request(self.op.method.clone(), url)
            .headers(headers);
        match &self.body {
            Body::Empty => {}
            Body::Bytes { data, content_type } => {
                request = request
                    .header(CONTENT_TYPE, content_type.as_ref())
                    .body(data.clone());
            }
            Body::Multipart(parts) => {
                let mut form = reqwest::multipart::Form::new();
                for p in parts {
                    let mut part = reqwest::multipart::Part::bytes(p.data.to_vec());
                    if let Some(name) = &p.file_name {
                        part = part.file_name(name.clone());
                    }
                    if let Some(ct) = p.content_type {
                        part = part.mime_str(ct).map_err(|e| {
                            Error::InvalidRequest(format!("multipart field `{}`: {e}", p.name))
                        })?;
                    }
                    form = form.part(p.name.clone(), part);
                }
                request = request.multipart(form);
            }
        }
        if let Some(t) = inner.request_timeout {
            request = request.timeout(t);
        }
        request.build().map_err(|e| {
            if e.is_builder() {
                // Without the URL: its query may hold an API key.
                Error::InvalidRequest(format!("operation `{}`: {}", self.op.id, e.without_url()))
            } else {
                Error::from_reqwest(e)
            }
        })
    }
}

impl fmt::Debug for RequestBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let query: Vec<&str> = self.query.iter().map(|(k, _)| k.as_str()).collect();
        let headers: Vec<&str> = self.headers.keys().map(HeaderName::as_str).collect();
        let cookies: Vec<&str> = self.cookies.iter().map(|(k, _)| k.as_str()).collect();
        let body = match &self.body {
            Body::Empty => "none".to_owned(),
            Body::Bytes { data, content_type } => format!("{content_type}, {} bytes", data.len()),
            Body::Multipart(parts) => format!("multipart, {} parts", parts.len()),
        };
        f.debug_struct("RequestBuilder")
            .field("operation", &self.op.id)
            .field("method", &self.op.method)
            .field("path", &self.op.path)
            .field("query", &query)
            .field("headers", &headers)
            .field("cookies", &cookies)
            .field("body", &body)
            .field("error", &self.error)
            .finish()
    }
}

/// Values joined with commas, as OpenAPI's `simple` style writes an array of plain
/// values in a path segment or header.
pub fn comma_separated<T: Display>(values: &[T]) -> String {
    let mut out = String::new();
    for (i, value) in values.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&value.to_string());
    }
    out
}

/// A parameter value in OpenAPI's `simple` style, for types without a `Display` of their
/// own (objects, unions, lists of them) in a path, header or cookie: a string bare, a list
/// `a,b`, an object `key,value,key,value`, anything else as its JSON text.
pub fn simple_style(value: &(impl Serialize + ?Sized)) -> String {
    fn text(value: &serde_json::Value) -> String {
        match value {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Null => String::new(),
            other => other.to_string(),
        }
    }
    match serde_json::to_value(value) {
        Ok(serde_json::Value::Array(items)) => items.iter().map(text).collect::<Vec<_>>().join(","),
        Ok(serde_json::Value::Object(members)) => members
            .iter()
            .flat_map(|(key, value)| [key.clone(), text(value)])
            .collect::<Vec<_>>()
            .join(","),
        Ok(other) => text(&other),
        Err(_) => String::new(),
    }
}

#[cfg(test)]
mod simple_style_tests {
    use super::simple_style;

    #[test]
    fn strings_are_bare_lists_and_objects_comma_separated() {
        assert_eq!(simple_style("a b"), "a b");
        assert_eq!(super::comma_separated(&[1.5, 2.0]), "1.5,2");
        assert_eq!(super::comma_separated::<&str>(&[]), "");
        assert_eq!(simple_style(&7), "7");
        assert_eq!(simple_style(&["x", "y"]), "x,y");
        assert_eq!(
            simple_style(&serde_json::json!({"role": "admin", "n": 5})),
            "role,admin,n,5"
        );
        assert_eq!(simple_style(&serde_json::json!([{"a": 1}])), r#"{"a":1}"#);
    }
}
