//! The parts of a `multipart/form-data` body as a server receives it, for the tests that
//! check what a generated client puts on the wire (this crate's end-to-end tests and
//! `generated/tests/bodies.rs`, which include this file).

use wiremock::Request;

/// One part of a `multipart/form-data` body: its field name, file name, content type
/// and content.
#[derive(Debug, PartialEq)]
pub struct Part {
    pub name: String,
    pub file_name: Option<String>,
    pub content_type: Option<String>,
    pub content: Vec<u8>,
}

impl Part {
    /// A file part as the runtime sends one: named after its field, as octets.
    pub fn file(name: &str, content: &[u8]) -> Part {
        Part {
            name: name.into(),
            file_name: Some(name.into()),
            content_type: Some("application/octet-stream".into()),
            content: content.to_vec(),
        }
    }

    /// A plain text part.
    pub fn text(name: &str, content: &str) -> Part {
        Part {
            name: name.into(),
            file_name: None,
            content_type: None,
            content: content.as_bytes().to_vec(),
        }
    }
}

/// The parts of `request`'s body, in order; panics unless it is `multipart/form-data`.
pub fn parts(request: &Request) -> Vec<Part> {
    let content_type = request.headers["content-type"].to_str().expect("ASCII");
    let boundary = content_type
        .strip_prefix("multipart/form-data; boundary=")
        .expect("a multipart body");
    let delimiter = format!("--{boundary}");
    let body = &request.body;
    let mut starts: Vec<usize> = (0..body.len())
        .filter(|&i| body[i..].starts_with(delimiter.as_bytes()))
        .collect();
    let end = starts.pop().expect("a closing delimiter");
    starts.push(end);
    starts
        .windows(2)
        .map(|pair| {
            // Each part: the delimiter line, headers, a blank line, the content, CRLF.
            let part = &body[pair[0] + delimiter.len() + 2..pair[1] - 2];
            let split = part
                .windows(4)
                .position(|w| w == b"\r\n\r\n")
                .expect("headers end");
            let headers = String::from_utf8(part[..split].to_vec()).expect("ASCII headers");
            let attribute = |key: &str| {
                let start = headers.find(&format!("{key}=\""))? + key.len() + 2;
                Some(headers[start..start + headers[start..].find('"')?].to_string())
            };
            let content_type = headers
                .lines()
                .find_map(|l| {
                    l.strip_prefix("content-type: ")
                        .or(l.strip_prefix("Content-Type: "))
                })
                .map(str::to_string);
            Part {
                name: attribute("name").expect("a field name"),
                file_name: attribute("filename"),
                content_type,
                content: part[split + 4..].to_vec(),
            }
        })
        .collect()
}
