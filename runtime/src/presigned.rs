//! Uploads to pre-signed URLs: a storage host gets the file, never the API's credentials.

use std::borrow::Cow;
use std::convert::Infallible;

use bytes::Bytes;
use reqwest::Method;

use crate::client::ApiClient;
use crate::error::Error;
use crate::operation::Operation;
use crate::request::RequestBuilder;
use crate::response::Response;

/// No security: the runtime adds no credentials to a request for an operation without any.
static PRESIGNED_UPLOAD: Operation = Operation {
    id: "upload to a pre-signed URL",
    method: Method::PUT,
    path: "",
    security: &[],
};

impl ApiClient {
    /// Uploads `body` with a `PUT` to `url`, a pre-signed URL an operation returned (e.g.
    /// the `upload_url` of a document), with `content_type` as its `Content-Type`.
    ///
    /// The request carries none of the API's credentials (no `Authorization` header, API
    /// key or token request) and none of the client's default headers: the URL's own
    /// signature is its authorization, and a token must never reach a storage host. It
    /// goes through the same `reqwest::Client`, with the same timeouts, and is retried as
    /// the client's [`RetryPolicy`](crate::RetryPolicy) says (a `PUT` of the same bytes is
    /// safe to repeat). Any 2xx is success; another status is
    /// [`Error::UnexpectedStatus`] with the storage host's answer.
    ///
    /// ```no_run
    /// # async fn demo(client: specgen_runtime::ApiClient, upload_url: &str) -> Result<(), Box<dyn std::error::Error>> {
    /// let scan = std::fs::read("passport.pdf")?;
    /// client
    ///     .upload_to_presigned_url(upload_url, scan, "application/pdf")
    ///     .await?;
    /// # Ok(())
    /// # }
    /// ```
    pub async fn upload_to_presigned_url(
        &self,
        url: &str,
        body: impl Into<Bytes>,
        content_type: &str,
    ) -> Result<Response<()>, Error<Infallible>> {
        let url = presigned_url(url)?;
        let mut request = RequestBuilder::presigned(self.clone(), &PRESIGNED_UPLOAD, url);
        request.body_with_type(body.into(), Cow::Owned(content_type.to_owned()));
        let response = request.send::<Infallible>().await?;
        if response.status().is_success() {
            response.empty()
        } else {
            Err(response.unexpected())
        }
    }
}

/// `url` if it is an absolute http(s) URL. The message never repeats the URL: its query
/// is the signature, a credential.
fn presigned_url(url: &str) -> Result<reqwest::Url, Error<Infallible>> {
    let invalid = |reason: &str| Error::InvalidRequest(format!("pre-signed URL: {reason}"));
    let parsed = reqwest::Url::parse(url).map_err(|e| invalid(&e.to_string()))?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host().is_none() {
        return Err(invalid("expected an absolute http or https URL"));
    }
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_absolute_http_urls_are_accepted_and_never_echoed() {
        assert!(super::presigned_url("https://bucket.example.com/a?X-Sig=1").is_ok());
        for bad in [
            "/relative?sig=secret",
            "ftp://host/x?sig=secret",
            "mailto:a@b",
        ] {
            let error = super::presigned_url(bad).expect_err(bad).to_string();
            assert!(!error.contains("secret"), "{error}");
        }
    }
}
