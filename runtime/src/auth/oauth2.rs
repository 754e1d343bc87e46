//! OAuth2 client credentials: fetching, caching and sharing access tokens.
//!
//! Tokens are cached per set of scopes. Each set has its own async lock, held while a
//! token is fetched, so that callers arriving meanwhile wait for that one request instead
//! of sending their own: 20 concurrent calls cost one token request. A fetch that fails
//! is reported to everyone who was waiting for it, so a broken token endpoint is not hit
//! once per waiting caller.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use reqwest::header::{HeaderValue, ACCEPT, AUTHORIZATION, CONTENT_TYPE, USER_AGENT};
use reqwest::Url;
use serde::Deserialize;
use tokio::time::Instant;

use super::ClientAuthMethod;
use crate::encoding::{component, form_pairs};
use crate::error::{truncate_body, AuthError, BuildError, MAX_ERROR_BODY_BYTES};
use crate::redact::Sensitive;

/// A token without `expires_in` is kept this long at most (a 401 drops it sooner).
const DEFAULT_LIFETIME: Duration = Duration::from_secs(3600);

/// Client-wide settings the OAuth2 schemes share.
#[derive(Clone)]
pub(crate) struct OAuth2Settings {
    pub(crate) http: reqwest::Client,
    pub(crate) base_url: Url,
    pub(crate) token_url_override: Option<String>,
    pub(crate) method: ClientAuthMethod,
    pub(crate) request_timeout: Option<Duration>,
    pub(crate) user_agent: Option<HeaderValue>,
}

pub(crate) struct OAuth2Client {
    scheme: &'static str,
    token_url: Url,
    client_id: String,
    client_secret: Sensitive<String>,
    settings: OAuth2Settings,
    slots: Mutex<HashMap<String, Arc<tokio::sync::Mutex<Slot>>>>,
}

#[derive(Default)]
struct Slot {
    token: Option<(Sensitive<String>, Instant)>,
    failure: Option<(Instant, AuthError)>,
}

#[derive(Deserialize)]
struct TokenResponse {
    access_token: Sensitive<String>,
    #[serde(default)]
    expires_in: Option<serde_json::Value>,
}

impl OAuth2Client {
    pub(crate) fn new(
        scheme: &'static str,
        declared_token_url: &str,
        client_id: String,
        client_secret: Sensitive<String>,
        settings: &OAuth2Settings,
    ) -> Result<Self, BuildError> {
        let given = settings
            .token_url_override
            .as_deref()
            .unwrap_or(declared_token_url);
        // A relative tokenUrl is relative to the server, as OpenAPI says for URLs.
        let token_url = settings
            .base_url
            .join(given)
            .map_err(|e| BuildError::InvalidUrl {
                what: format!("token URL of `{scheme}`"),
                url: given.to_owned(),
                reason: e.to_string(),
            })?;
        Ok(OAuth2Client {
            scheme,
            token_url,
            client_id,
            client_secret,
            settings: settings.clone(),
            slots: Mutex::new(HashMap::new()),
        })
    }

    /// A valid token for `scopes`, with the cache key to invalidate it by.
    pub(crate) async fn token(
        &self,
        scopes: &[String],
    ) -> Result<(String, Sensitive<String>), AuthError> {
        let key = scope_key(scopes);
        let arrived = Instant::now();
        let slot = self.slot(&key);
        let mut slot = slot.lock().await;
        if let Some((token, refresh_at)) = &slot.token {
            if Instant::now() < *refresh_at {
                return Ok((key, token.clone()));
            }
        }
        if let Some((failed_at, error)) = &slot.failure {
            if *failed_at >= arrived {
                return Err(error.clone());
            }
        }
        let started = Instant::now();
        match self.fetch(scopes).await {
            Ok((token, lifetime)) => {
                slot.token = Some((token.clone(), started + lifetime - refresh_margin(lifetime)));
                slot.failure = None;
                Ok((key, token))
            }
            Err(error) => {
                slot.token = None;
                slot.failure = Some((Instant::now(), error.clone()));
                Err(error)
            }
        }
    }

    /// Drops `token` from the cache, unless another caller already replaced it.
    pub(crate) async fn invalidate(&self, key: &str, token: &Sensitive<String>) {
        let slot = self.slot(key);
        let mut slot = slot.lock().await;
        if slot.token.as_ref().is_some_and(|(t, _)| t == token) {
            slot.token = None;
        }
    }

    fn slot(&self, key: &str) -> Arc<tokio::sync::Mutex<Slot>> {
        let mut slots = self.slots.lock().unwrap_or_else(|p| p.into_inner());
        slots.entry(key.to_owned()).or_default().clone()
    }

    async fn fetch(&self, scopes: &[String]) -> Result<(Sensitive<String>, Duration), AuthError> {
        let scope = dedup(scopes).join(" ");
        let mut pairs = vec![("grant_type", "client_credentials")];
        if !scope.is_empty() {
            pairs.push(("scope", &scope));
        }
        let method = self.settings.method;
        if method != ClientAuthMethod::BasicAuth {
            pairs.push(("client_id", &self.client_id));
            pairs.push(("client_secret", self.client_secret.expose()));
        }
        let body = Sensitive::new(form_pairs(pairs));

        let mut request = self
            .settings
            .http
            .post(self.token_url.clone())
            .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(ACCEPT, "application/json")
            .body(body.into_inner());
        if method != ClientAuthMethod::RequestBody {
            // RFC 6749 §2.3.1: form-encode both parts before joining them.
            let pair = format!(
                "{}:{}",
                component(&self.client_id),
                component(self.client_secret.expose())
            );
            let value = super::sensitive_header(
                self.scheme,
                &format!("Basic {}", super::fixed::base64(pair.as_bytes())),
            )?;
            request = request.header(AUTHORIZATION, value);
        }
        if let Some(ua) = &self.settings.user_agent {
            request = request.header(USER_AGENT, ua.clone());
        }
        if let Some(t) = self.settings.request_timeout {
            request = request.timeout(t);
        }

        let response = request.send().await.map_err(|e| self.transport(e))?;
        let status = response.status();
        let bytes = response.bytes().await.map_err(|e| self.transport(e))?;
        if !status.is_success() {
            let text = String::from_utf8_lossy(&bytes);
            return Err(AuthError::TokenRejected {
                status,
                body: truncate_body(&text, MAX_ERROR_BODY_BYTES),
            });
        }
        let parsed: TokenResponse = serde_json::from_slice(&bytes).map_err(|e| {
            AuthError::InvalidTokenResponse(format!(
                "{} from {}: {}",
                self.scheme,
                self.token_url,
                crate::error::scrub_serde_message(&e.to_string())
            ))
        })?;
        let lifetime = match parsed.expires_in {
            Some(serde_json::Value::Number(n)) => n.as_f64(),
            Some(serde_json::Value::String(s)) => s.trim().parse().ok(),
            _ => None,
        }
        .and_then(|secs| Duration::try_from_secs_f64(secs).ok())
        .unwrap_or(DEFAULT_LIFETIME)
        .min(DEFAULT_LIFETIME * 24);
        Ok((parsed.access_token, lifetime))
    }

    fn transport(&self, e: reqwest::Error) -> AuthError {
        let what = if e.is_timeout() {
            "timed out"
        } else {
            "failed"
        };
        AuthError::TokenTransport(format!(
            "request to {} for `{}` {what}: {}",
            self.token_url,
            self.scheme,
            e.without_url()
        ))
    }
}

impl fmt::Debug for OAuth2Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OAuth2ClientCredentials")
            .field("token_url", &self.token_url.as_str())
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret)
            .field("auth_method", &self.settings.method)
            .finish()
    }
}

/// Refresh 30 s before expiry, or at 90 % of a short lifetime, so that a token does not
/// expire between being taken from the cache and reaching the server.
fn refresh_margin(lifetime: Duration) -> Duration {
    if lifetime >= Duration::from_secs(300) {
        Duration::from_secs(30)
    } else {
        lifetime / 10
    }
}

fn dedup(scopes: &[String]) -> Vec<&str> {
    let mut seen = Vec::new();
    for s in scopes {
        if !seen.contains(&s.as_str()) {
            seen.push(s.as_str());
        }
    }
    seen
}

/// Order does not matter to a scope set, so the cache key sorts.
fn scope_key(scopes: &[String]) -> String {
    let mut sorted = dedup(scopes);
    sorted.sort_unstable();
    sorted.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn margins() {
        assert_eq!(
            refresh_margin(Duration::from_secs(3600)),
            Duration::from_secs(30)
        );
        assert_eq!(
            refresh_margin(Duration::from_secs(10)),
            Duration::from_secs(1)
        );
    }

    #[test]
    fn scope_keys_ignore_order_and_duplicates() {
        let a = vec!["b".to_owned(), "a".to_owned(), "b".to_owned()];
        let b = vec!["a".to_owned(), "b".to_owned()];
        assert_eq!(scope_key(&a), scope_key(&b));
        assert_eq!(dedup(&a), vec!["b", "a"]);
    }
}
