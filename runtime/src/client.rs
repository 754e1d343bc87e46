//! Client configuration and the shared client handle.

use std::collections::HashMap;
use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderValue};
use reqwest::Url;

use crate::auth::{scheme_auth, Auth, ClientAuthMethod, Credentials, OAuth2Settings, TokenSource};
use crate::error::BuildError;
use crate::operation::{Operation, SchemeKind};
use crate::request::RequestBuilder;
use crate::retry::RetryPolicy;

/// The user agent sent unless another is configured.
pub const DEFAULT_USER_AGENT: &str = concat!("specgen-runtime/", env!("CARGO_PKG_VERSION"));
/// The default for [`ClientBuilder::timeout`].
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// The default for [`ClientBuilder::connect_timeout`].
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// Configures a client: base URL, credentials, timeouts, retries.
///
/// Generated code creates it (`Client::builder(base_url)`) and registers the API's
/// security schemes; the application adds credentials and calls [`build`](Self::build).
///
/// ```no_run
/// # use specgen_runtime::{ApiClient, ClientBuilder, SchemeKind};
/// let client: ApiClient = ClientBuilder::new("https://api.sandbox.example.com/v2")
///     .scheme("OAuth2", SchemeKind::OAuth2ClientCredentials { token_url: "https://oauth.example.com/token" })
///     .client_credentials("my-client-id", std::env::var("CLIENT_SECRET").unwrap())
///     .build()
///     .unwrap();
/// ```
pub struct ClientBuilder<C> {
    base_url: String,
    schemes: Vec<(&'static str, SchemeKind)>,
    credentials: Vec<(String, Credentials)>,
    client_credentials: Option<Credentials>,
    bearer: Option<Credentials>,
    basic: Option<Credentials>,
    api_key: Option<Credentials>,
    token_url: Option<String>,
    client_auth_method: ClientAuthMethod,
    scopes_all: Option<Vec<String>>,
    scopes_per_operation: HashMap<String, Vec<String>>,
    http: Option<reqwest::Client>,
    timeout: Option<Duration>,
    connect_timeout: Option<Duration>,
    user_agent: Option<String>,
    default_headers: Vec<(String, String)>,
    retry: RetryPolicy,
    _client: PhantomData<fn() -> C>,
}

impl<C: From<ApiClient>> ClientBuilder<C> {
    /// Starts a configuration for the API at `base_url` (e.g. one of the generated server
    /// constants, or any URL).
    pub fn new(base_url: impl Into<String>) -> Self {
        ClientBuilder {
            base_url: base_url.into(),
            schemes: Vec::new(),
            credentials: Vec::new(),
            client_credentials: None,
            bearer: None,
            basic: None,
            api_key: None,
            token_url: None,
            client_auth_method: ClientAuthMethod::default(),
            scopes_all: None,
            scopes_per_operation: HashMap::new(),
            http: None,
            timeout: None,
            connect_timeout: None,
            user_agent: None,
            default_headers: Vec::new(),
            retry: RetryPolicy::default(),
            _client: PhantomData,
        }
    }

    /// Declares a security scheme; called by generated code for each `securitySchemes`
    /// entry.
    pub fn scheme(mut self, name: &'static str, kind: SchemeKind) -> Self {
        self.schemes.retain(|(n, _)| *n != name);
        self.schemes.push((name, kind));
        self
    }

    /// Credentials for the scheme called `scheme`; these take precedence over the
    /// convenience setters below.
    pub fn credentials(mut self, scheme: &str, credentials: Credentials) -> Self {
        self.credentials.push((scheme.to_owned(), credentials));
        self
    }

    /// OAuth2 client id and secret, for every OAuth2 client-credentials scheme.
    pub fn client_credentials(
        mut self,
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
    ) -> Self {
        self.client_credentials = Some(Credentials::client_credentials(client_id, client_secret));
        self
    }

    /// Replaces the token URL of every OAuth2 scheme (e.g. the sandbox's). A relative URL
    /// is resolved against the base URL.
    pub fn token_url(mut self, url: impl Into<String>) -> Self {
        self.token_url = Some(url.into());
        self
    }

    /// How the client id and secret reach the token endpoint; the default is in the form
    /// body.
    pub fn client_auth_method(mut self, method: ClientAuthMethod) -> Self {
        self.client_auth_method = method;
        self
    }

    /// Requests these OAuth2 scopes for every operation, instead of the ones each
    /// operation declares.
    pub fn scopes<I, S>(mut self, scopes: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.scopes_all = Some(scopes.into_iter().map(Into::into).collect());
        self
    }

    /// Requests these OAuth2 scopes for the operation with this `operationId`; wins over
    /// [`scopes`](Self::scopes).
    pub fn operation_scopes<I, S>(mut self, operation_id: &str, scopes: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.scopes_per_operation.insert(
            operation_id.to_owned(),
            scopes.into_iter().map(Into::into).collect(),
        );
        self
    }

    /// A fixed token for every HTTP bearer scheme.
    pub fn bearer_token(mut self, token: impl Into<String>) -> Self {
        self.bearer = Some(Credentials::bearer(token));
        self
    }

    /// A token source for every HTTP bearer scheme.
    pub fn bearer_token_source(mut self, source: impl TokenSource) -> Self {
        self.bearer = Some(Credentials::bearer_source(source));
        self
    }

    /// User name and password for every HTTP Basic scheme.
    pub fn basic_auth(mut self, username: impl Into<String>, password: impl Into<String>) -> Self {
        self.basic = Some(Credentials::basic(username, password));
        self
    }

    /// The key for every API key scheme.
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        self.api_key = Some(Credentials::api_key(key));
        self
    }

    /// Uses this `reqwest::Client` (proxies, certificates, pools…) instead of building
    /// one. Its own timeouts and user agent stay in force unless [`timeout`](Self::timeout)
    /// or [`user_agent`](Self::user_agent) are set too, which then apply per request.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// The limit for one attempt, from sending to the last byte of the body
    /// (default [`DEFAULT_TIMEOUT`]).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// The limit for opening a connection (default [`DEFAULT_CONNECT_TIMEOUT`]). Cannot be
    /// combined with [`http_client`](Self::http_client).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// The `User-Agent` header (default [`DEFAULT_USER_AGENT`]).
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Some(user_agent.into());
        self
    }

    /// A header sent with every request (e.g. a tenant id, or Prism's `Prefer` in tests).
    /// A parameter of the same name that an operation sets takes precedence; credentials
    /// always do.
    pub fn default_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.default_headers.push((name.into(), value.into()));
        self
    }

    /// The retry policy (default [`RetryPolicy::default`]).
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Checks the configuration and creates the client.
    pub fn build(self) -> Result<C, BuildError> {
        self.build_api_client().map(C::from)
    }

    fn build_api_client(self) -> Result<ApiClient, BuildError> {
        let base_url = parse_base_url(&self.base_url)?;
        let user_agent = match &self.user_agent {
            Some(ua) => Some(HeaderValue::from_str(ua).map_err(|_| BuildError::InvalidUserAgent)?),
            None => None,
        };
        let mut default_headers = HeaderMap::new();
        for (name, value) in &self.default_headers {
            let name = reqwest::header::HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| BuildError::InvalidHeader(name.clone()))?;
            let value = HeaderValue::from_str(value)
                .map_err(|_| BuildError::InvalidHeader(name.to_string()))?;
            default_headers.append(name, value);
        }
        let (http, request_timeout, request_user_agent) = match self.http {
            Some(http) => {
                if self.connect_timeout.is_some() {
                    return Err(BuildError::Unsupported(
                        "connect_timeout cannot be applied to a caller-supplied reqwest::Client; set it on that client",
                    ));
                }
                (http, self.timeout, user_agent)
            }
            None => {
                let http = reqwest::Client::builder()
                    .timeout(self.timeout.unwrap_or(DEFAULT_TIMEOUT))
                    .connect_timeout(self.connect_timeout.unwrap_or(DEFAULT_CONNECT_TIMEOUT))
                    .user_agent(user_agent.unwrap_or(HeaderValue::from_static(DEFAULT_USER_AGENT)))
                    .build()
                    .map_err(BuildError::Http)?;
                (http, None, None)
            }
        };

        let settings = OAuth2Settings {
            http: http.clone(),
            base_url: base_url.clone(),
            token_url_override: self.token_url.clone(),
            method: self.client_auth_method,
            request_timeout,
            user_agent: request_user_agent.clone(),
        };
        let mut auth = Auth {
            schemes: HashMap::new(),
            scopes_all: self.scopes_all,
            scopes_per_operation: self.scopes_per_operation,
        };
        let mut explicit: HashMap<String, Credentials> = HashMap::new();
        for (name, creds) in self.credentials {
            if !self.schemes.iter().any(|(n, _)| *n == name) {
                return Err(BuildError::UnknownScheme(name));
            }
            explicit.insert(name, creds);
        }
        let given = [
            (
                self.client_credentials.is_some() || self.token_url.is_some(),
                "OAuth2 client credentials",
            ),
            (self.bearer.is_some(), "HTTP bearer"),
            (self.basic.is_some(), "HTTP basic"),
            (self.api_key.is_some(), "API key"),
        ];
        for (i, (given, kind)) in given.into_iter().enumerate() {
            if given && !self.schemes.iter().any(|(_, k)| kind_index(k) == i) {
                return Err(BuildError::NoSchemeOfKind(kind));
            }
        }
        for (name, kind) in &self.schemes {
            let convenience = match kind {
                SchemeKind::OAuth2ClientCredentials { .. } => &self.client_credentials,
                SchemeKind::HttpBearer => &self.bearer,
                SchemeKind::HttpBasic => &self.basic,
                SchemeKind::ApiKey { .. } => &self.api_key,
            };
            if let Some(creds) = explicit.remove(*name).or_else(|| convenience.clone()) {
                auth.schemes
                    .insert(name, scheme_auth(name, kind, creds, &settings)?);
            }
        }

        Ok(ApiClient {
            inner: Arc::new(ClientInner {
                http,
                base_url: self.base_url.trim_end_matches('/').to_owned(),
                auth,
                retry: self.retry,
                request_timeout,
                user_agent: request_user_agent,
                default_headers,
            }),
        })
    }
}

fn kind_index(kind: &SchemeKind) -> usize {
    match kind {
        SchemeKind::OAuth2ClientCredentials { .. } => 0,
        SchemeKind::HttpBearer => 1,
        SchemeKind::HttpBasic => 2,
        SchemeKind::ApiKey { .. } => 3,
    }
}

fn parse_base_url(given: &str) -> Result<Url, BuildError> {
    let invalid = |reason: String| BuildError::InvalidUrl {
        what: "base URL".into(),
        url: given.to_owned(),
        reason,
    };
    let url = Url::parse(given).map_err(|e| invalid(e.to_string()))?;
    if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
        return Err(invalid("expected an absolute http or https URL".into()));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(invalid("a base URL cannot have a query or fragment".into()));
    }
    Ok(url)
}

impl<C> fmt::Debug for ClientBuilder<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("base_url", &self.base_url)
            .field("schemes", &self.schemes)
            .field("credentials", &self.credentials)
            .field("client_credentials", &self.client_credentials)
            .field("bearer", &self.bearer)
            .field("basic", &self.basic)
            .field("api_key", &self.api_key)
            .field("token_url", &self.token_url)
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("user_agent", &self.user_agent)
            // Names only: a default header may carry a secret.
            .field(
                "default_headers",
                &self
                    .default_headers
                    .iter()
                    .map(|(name, _)| name)
                    .collect::<Vec<_>>(),
            )
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

/// A configured client; generated clients wrap one.
///
/// Cheap to clone: clones share connections and the OAuth2 token cache. `Debug` shows
/// the configuration without secrets.
#[derive(Clone)]
pub struct ApiClient {
    pub(crate) inner: Arc<ClientInner>,
}

pub(crate) struct ClientInner {
    pub(crate) http: reqwest::Client,
    pub(crate) base_url: String,
    pub(crate) auth: Auth,
    pub(crate) retry: RetryPolicy,
    /// Set only when it must be applied per request (caller-supplied client).
    pub(crate) request_timeout: Option<Duration>,
    /// Set only when it must be applied per request (caller-supplied client).
    pub(crate) user_agent: Option<HeaderValue>,
    pub(crate) default_headers: HeaderMap,
}

impl ApiClient {
    /// Starts a request for `op`.
    pub fn request(&self, op: &'static Operation) -> RequestBuilder {
        RequestBuilder::new(self.clone(), op)
    }

    /// The base URL requests are sent to (without a trailing slash).
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// The retry policy in force.
    pub fn retry_policy(&self) -> &RetryPolicy {
        &self.inner.retry
    }
}

impl fmt::Debug for ApiClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut schemes: Vec<_> = self.inner.auth.schemes.iter().collect();
        schemes.sort_by_key(|(name, _)| **name);
        f.debug_struct("ApiClient")
            .field("base_url", &self.inner.base_url)
            .field("schemes", &schemes)
            .field("retry", &self.inner.retry)
            .finish_non_exhaustive()
    }
}
