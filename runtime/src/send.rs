//! Sending a request: authentication, the 401 refresh and retries.

use std::time::Duration;

use reqwest::StatusCode;

use crate::error::{AuthError, Error};
use crate::request::RequestBuilder;
use crate::response::RawResponse;
use crate::retry::is_retryable_status;

/// What to do after an attempt that did not produce a final answer.
enum Next {
    /// Try again after this long.
    Retry(Duration),
    /// Give up with this outcome.
    Stop,
}

impl RequestBuilder {
    /// Sends the request and reads the whole response.
    ///
    /// Authentication and retries happen here: credentials are chosen from the
    /// operation's `security`, an OAuth2 token rejected with 401 is replaced once, and
    /// throttling and transient failures are retried as the client's
    /// [`RetryPolicy`](crate::RetryPolicy) says. Any status is returned as a
    /// [`RawResponse`]; the generated caller decides what it means.
    pub async fn send<E>(&mut self) -> Result<RawResponse, Error<E>> {
        self.check()?;
        let client = self.client.clone();
        let inner = &client.inner;
        let requirements = inner.auth.select(self.op)?;
        let policy = &inner.retry;
        let method_may_retry = policy.allows_method(self.op.is_idempotent());
        let mut attempt: u32 = 1;
        let mut refreshed = false;

        loop {
            let can_retry = attempt < policy.attempts();
            let backoff = move || Next::Retry(policy.backoff(attempt));

            let auth = match inner.auth.apply(requirements, self.op).await {
                Ok(auth) => auth,
                Err(e) => {
                    // A token request has no side effect on the API: retry it whatever
                    // the operation's method.
                    if can_retry && is_transient_auth(&e) {
                        if let Next::Retry(d) = backoff() {
                            tokio::time::sleep(d).await;
                        }
                        attempt += 1;
                        continue;
                    }
                    return Err(Error::Auth(e));
                }
            };
            let request = self.build(&auth)?;

            let outcome = match inner.http.execute(request).await {
                Ok(response) => {
                    let status = response.status();
                    let headers = response.headers().clone();
                    response
                        .bytes()
                        .await
                        .map(|body| RawResponse::new(status, headers, body))
                }
                Err(e) => Err(e),
            };

            let next = match &outcome {
                Err(e) if is_transient(e) && can_retry => {
                    // A connection that could not be opened carried nothing, so even a
                    // POST is safe to send again.
                    if method_may_retry || e.is_connect() {
                        backoff()
                    } else {
                        Next::Stop
                    }
                }
                Err(_) => Next::Stop,
                Ok(r) if r.status() == StatusCode::UNAUTHORIZED && !refreshed => {
                    if auth.invalidate().await {
                        refreshed = true;
                        // Not counted as an attempt: the request was refused, not failed.
                        continue;
                    }
                    Next::Stop
                }
                Ok(r) if is_retryable_status(r.status()) && can_retry && method_may_retry => {
                    match policy.hinted_delay(r.headers(), r.body()) {
                        Ok(Some(hint)) => Next::Retry(hint),
                        Ok(None) => backoff(),
                        Err(()) => Next::Stop,
                    }
                }
                Ok(_) => Next::Stop,
            };

            match next {
                Next::Retry(delay) => {
                    tokio::time::sleep(delay).await;
                    attempt += 1;
                }
                Next::Stop => return outcome.map_err(Error::from_reqwest),
            }
        }
    }
}

/// Failures of the network or the server's process, as opposed to a request reqwest
/// refused to build or a redirect loop.
fn is_transient(e: &reqwest::Error) -> bool {
    !(e.is_builder() || e.is_redirect() || e.is_status())
}

fn is_transient_auth(e: &AuthError) -> bool {
    match e {
        AuthError::TokenTransport(_) => true,
        AuthError::TokenRejected { status, .. } => is_retryable_status(*status),
        _ => false,
    }
}
