//! Credentials, and choosing and applying them per operation.
//!
//! An operation's `security` lists alternatives; the first whose schemes all have
//! credentials is used. Credentials live in [`Sensitive`] wrappers from the moment they
//! are handed over, so no `Debug` output on the way can show them.

mod fixed;
mod oauth2;

use std::collections::HashMap;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use reqwest::header::{HeaderName, HeaderValue};

use crate::error::AuthError;
use crate::operation::{Operation, SchemeKind};
use crate::redact::Sensitive;

pub(crate) use fixed::FixedAuth;
pub(crate) use oauth2::{OAuth2Client, OAuth2Settings};

/// A boxed future, as returned by [`TokenSource::token`].
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Where a bearer token comes from when it is not a fixed string (e.g. a vault, or a
/// token that the application refreshes itself).
///
/// Called before every attempt of every request that uses it, so it should cache. Any
/// `Fn() -> impl Future<Output = Result<String, E>>` closure is a token source.
///
/// ```
/// use specgen_runtime::Credentials;
/// let creds = Credentials::bearer_source(|| async {
///     Ok::<_, std::io::Error>("token-from-my-vault".to_string())
/// });
/// ```
pub trait TokenSource: Send + Sync + 'static {
    /// The current token.
    fn token(&self) -> BoxFuture<'_, Result<Sensitive<String>, AuthError>>;
}

impl<F, Fut, E> TokenSource for F
where
    F: Fn() -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<String, E>> + Send + 'static,
    E: fmt::Display,
{
    fn token(&self) -> BoxFuture<'_, Result<Sensitive<String>, AuthError>> {
        let fut = self();
        Box::pin(async move {
            fut.await
                .map(Sensitive::new)
                .map_err(|e| AuthError::TokenSource(e.to_string()))
        })
    }
}

/// How the OAuth2 client id and secret are presented to the token endpoint
/// (RFC 6749 §2.3.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ClientAuthMethod {
    /// In the form body (`client_secret_post`). The default: what Paxos expects.
    #[default]
    RequestBody,
    /// In an HTTP Basic `Authorization` header (`client_secret_basic`).
    BasicAuth,
    /// Both, for servers that accept either and proxies that strip one.
    Both,
}

/// Credentials for one security scheme.
///
/// `Debug` shows the kind and any non-secret identifier (client id, user name), never a
/// secret, token or key.
#[derive(Clone)]
pub struct Credentials(pub(crate) Cred);

#[derive(Clone)]
pub(crate) enum Cred {
    ClientCredentials {
        client_id: String,
        client_secret: Sensitive<String>,
    },
    Bearer(Sensitive<String>),
    BearerSource(Arc<dyn TokenSource>),
    Basic {
        username: String,
        password: Sensitive<String>,
    },
    ApiKey(Sensitive<String>),
}

impl Credentials {
    /// OAuth2 client credentials.
    pub fn client_credentials(
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
    ) -> Self {
        Credentials(Cred::ClientCredentials {
            client_id: client_id.into(),
            client_secret: Sensitive::new(client_secret.into()),
        })
    }

    /// A fixed bearer token (for an HTTP bearer scheme, or an OAuth2 scheme when the
    /// token was obtained elsewhere).
    pub fn bearer(token: impl Into<String>) -> Self {
        Credentials(Cred::Bearer(Sensitive::new(token.into())))
    }

    /// A bearer token asked from `source` before each attempt.
    pub fn bearer_source(source: impl TokenSource) -> Self {
        Credentials(Cred::BearerSource(Arc::new(source)))
    }

    /// HTTP Basic user name and password.
    pub fn basic(username: impl Into<String>, password: impl Into<String>) -> Self {
        Credentials(Cred::Basic {
            username: username.into(),
            password: Sensitive::new(password.into()),
        })
    }

    /// An API key.
    pub fn api_key(key: impl Into<String>) -> Self {
        Credentials(Cred::ApiKey(Sensitive::new(key.into())))
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Cred::ClientCredentials {
                client_id,
                client_secret,
            } => f
                .debug_struct("ClientCredentials")
                .field("client_id", client_id)
                .field("client_secret", client_secret)
                .finish(),
            Cred::Bearer(t) => f.debug_tuple("Bearer").field(t).finish(),
            Cred::BearerSource(_) => f.write_str("BearerSource(..)"),
            Cred::Basic { username, password } => f
                .debug_struct("Basic")
                .field("username", username)
                .field("password", password)
                .finish(),
            Cred::ApiKey(k) => f.debug_tuple("ApiKey").field(k).finish(),
        }
    }
}

/// A configured scheme, ready to authenticate requests.
pub(crate) enum SchemeAuth {
    OAuth2(Arc<OAuth2Client>),
    Fixed(FixedAuth),
}

impl fmt::Debug for SchemeAuth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SchemeAuth::OAuth2(c) => fmt::Debug::fmt(c, f),
            SchemeAuth::Fixed(a) => fmt::Debug::fmt(a, f),
        }
    }
}

/// What authentication adds to one attempt of a request.
#[derive(Default)]
pub(crate) struct Applied {
    pub(crate) headers: Vec<(HeaderName, HeaderValue)>,
    pub(crate) query: Vec<(&'static str, Sensitive<String>)>,
    pub(crate) cookies: Vec<(&'static str, Sensitive<String>)>,
    /// OAuth2 tokens used, to be invalidated if the API answers 401.
    pub(crate) oauth2: Vec<(Arc<OAuth2Client>, String, Sensitive<String>)>,
}

impl Applied {
    /// Forgets the OAuth2 tokens this attempt used; false if there were none, in which
    /// case a 401 will not get better by asking again.
    pub(crate) async fn invalidate(&self) -> bool {
        for (client, key, token) in &self.oauth2 {
            client.invalidate(key, token).await;
        }
        !self.oauth2.is_empty()
    }
}

type Requirements = &'static [(&'static str, &'static [&'static str])];

/// All configured schemes of one client, and the scope overrides.
#[derive(Debug, Default)]
pub(crate) struct Auth {
    pub(crate) schemes: HashMap<&'static str, SchemeAuth>,
    pub(crate) scopes_all: Option<Vec<String>>,
    pub(crate) scopes_per_operation: HashMap<String, Vec<String>>,
}

impl Auth {
    /// The first alternative of `op.security` whose schemes all have credentials;
    /// `None` when the operation needs no auth.
    ///
    /// An anonymous alternative (`{}` in the spec) is taken only when no other one can be
    /// satisfied: it marks auth as optional, and credentials the user configured should
    /// not be dropped because `{}` happens to be listed first.
    pub(crate) fn select(&self, op: &Operation) -> Result<Option<Requirements>, AuthError> {
        if op.security.is_empty() {
            return Ok(None);
        }
        let satisfiable = |alt: &&Requirements| {
            !alt.is_empty() && alt.iter().all(|(name, _)| self.schemes.contains_key(name))
        };
        if let Some(alternative) = op.security.iter().find(satisfiable) {
            return Ok(Some(alternative));
        }
        if op.security.iter().any(|alt| alt.is_empty()) {
            return Ok(None);
        }
        let required = op
            .security
            .iter()
            .map(|alt| {
                alt.iter()
                    .map(|(name, _)| format!("`{name}`"))
                    .collect::<Vec<_>>()
                    .join(" and ")
            })
            .collect::<Vec<_>>()
            .join(" or ");
        Err(AuthError::MissingCredentials {
            operation: op.id,
            required,
        })
    }

    /// Obtains (from cache, a token endpoint or a token source) and collects the
    /// credentials of one alternative.
    pub(crate) async fn apply(
        &self,
        requirements: Option<Requirements>,
        op: &Operation,
    ) -> Result<Applied, AuthError> {
        let mut applied = Applied::default();
        for (name, declared_scopes) in requirements.unwrap_or_default() {
            let Some(scheme) = self.schemes.get(name) else {
                continue; // `select` guarantees presence; nothing to add otherwise.
            };
            match scheme {
                SchemeAuth::OAuth2(client) => {
                    let scopes = self.scopes_for(op, declared_scopes);
                    let (key, token) = client.token(&scopes).await?;
                    applied
                        .headers
                        .push((reqwest::header::AUTHORIZATION, bearer_header(name, &token)?));
                    applied.oauth2.push((client.clone(), key, token));
                }
                SchemeAuth::Fixed(fixed) => fixed.apply(name, &mut applied).await?,
            }
        }
        Ok(applied)
    }

    fn scopes_for(&self, op: &Operation, declared: &[&str]) -> Vec<String> {
        if let Some(s) = self.scopes_per_operation.get(op.id) {
            return s.clone();
        }
        if let Some(s) = &self.scopes_all {
            return s.clone();
        }
        declared.iter().map(|s| (*s).to_owned()).collect()
    }
}

/// `Authorization: Bearer …`, marked sensitive so that even reqwest's and hyper's own
/// `Debug` output hide it.
pub(crate) fn bearer_header(
    scheme: &str,
    token: &Sensitive<String>,
) -> Result<HeaderValue, AuthError> {
    sensitive_header(scheme, &format!("Bearer {}", token.expose()))
}

pub(crate) fn sensitive_header(scheme: &str, value: &str) -> Result<HeaderValue, AuthError> {
    let mut value = HeaderValue::from_str(value).map_err(|_| {
        AuthError::InvalidCredential(format!(
            "the credential for `{scheme}` contains characters not allowed in a header"
        ))
    })?;
    value.set_sensitive(true);
    Ok(value)
}

/// Turns configured credentials into a ready scheme, checking that they fit its kind.
pub(crate) fn scheme_auth(
    name: &'static str,
    kind: &SchemeKind,
    credentials: Credentials,
    oauth2: &OAuth2Settings,
) -> Result<SchemeAuth, crate::BuildError> {
    let mismatch = |expected| crate::BuildError::CredentialsMismatch {
        scheme: name.to_owned(),
        expected,
    };
    match (kind, credentials.0) {
        (
            SchemeKind::OAuth2ClientCredentials { token_url },
            Cred::ClientCredentials {
                client_id,
                client_secret,
            },
        ) => Ok(SchemeAuth::OAuth2(Arc::new(OAuth2Client::new(
            name,
            token_url,
            client_id,
            client_secret,
            oauth2,
        )?))),
        (SchemeKind::OAuth2ClientCredentials { .. }, Cred::Bearer(t))
        | (SchemeKind::HttpBearer, Cred::Bearer(t)) => Ok(SchemeAuth::Fixed(FixedAuth::Bearer(t))),
        (SchemeKind::OAuth2ClientCredentials { .. }, Cred::BearerSource(s))
        | (SchemeKind::HttpBearer, Cred::BearerSource(s)) => {
            Ok(SchemeAuth::Fixed(FixedAuth::BearerSource(s)))
        }
        (SchemeKind::OAuth2ClientCredentials { .. }, _) => {
            Err(mismatch("OAuth2 client credentials or a bearer token"))
        }
        (SchemeKind::HttpBearer, _) => Err(mismatch("a bearer token or token source")),
        (SchemeKind::HttpBasic, Cred::Basic { username, password }) => {
            Ok(SchemeAuth::Fixed(FixedAuth::Basic { username, password }))
        }
        (SchemeKind::HttpBasic, _) => Err(mismatch("a user name and password")),
        (
            SchemeKind::ApiKey {
                location,
                name: key_name,
            },
            Cred::ApiKey(key),
        ) => Ok(SchemeAuth::Fixed(FixedAuth::ApiKey {
            location: *location,
            name: key_name,
            key,
        })),
        (SchemeKind::ApiKey { .. }, _) => Err(mismatch("an API key")),
    }
}
