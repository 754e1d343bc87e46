//! Credentials that are sent as given: bearer tokens, HTTP Basic, API keys.

use std::fmt;
use std::sync::Arc;

use reqwest::header::{HeaderName, AUTHORIZATION};

use super::{bearer_header, sensitive_header, Applied, TokenSource};
use crate::error::AuthError;
use crate::operation::ApiKeyLocation;
use crate::redact::Sensitive;

pub(crate) enum FixedAuth {
    Bearer(Sensitive<String>),
    BearerSource(Arc<dyn TokenSource>),
    Basic {
        username: String,
        password: Sensitive<String>,
    },
    ApiKey {
        location: ApiKeyLocation,
        name: &'static str,
        key: Sensitive<String>,
    },
}

impl FixedAuth {
    pub(crate) async fn apply(&self, scheme: &str, applied: &mut Applied) -> Result<(), AuthError> {
        match self {
            FixedAuth::Bearer(token) => {
                applied
                    .headers
                    .push((AUTHORIZATION, bearer_header(scheme, token)?));
            }
            FixedAuth::BearerSource(source) => {
                let token = source.token().await?;
                applied
                    .headers
                    .push((AUTHORIZATION, bearer_header(scheme, &token)?));
            }
            FixedAuth::Basic { username, password } => {
                let encoded = base64(format!("{username}:{}", password.expose()).as_bytes());
                applied.headers.push((
                    AUTHORIZATION,
                    sensitive_header(scheme, &format!("Basic {encoded}"))?,
                ));
            }
            FixedAuth::ApiKey {
                location: ApiKeyLocation::Header,
                name,
                key,
            } => {
                let header = HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
                    AuthError::InvalidCredential(format!(
                        "`{scheme}` names an invalid header `{name}`"
                    ))
                })?;
                applied
                    .headers
                    .push((header, sensitive_header(scheme, key.expose())?));
            }
            FixedAuth::ApiKey {
                location: ApiKeyLocation::Query,
                name,
                key,
            } => applied.query.push((name, key.clone())),
            FixedAuth::ApiKey {
                location: ApiKeyLocation::Cookie,
                name,
                key,
            } => applied.cookies.push((name, key.clone())),
        }
        Ok(())
    }
}

impl fmt::Debug for FixedAuth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FixedAuth::Bearer(t) => f.debug_tuple("Bearer").field(t).finish(),
            FixedAuth::BearerSource(_) => f.write_str("BearerSource(..)"),
            FixedAuth::Basic { username, password } => f
                .debug_struct("Basic")
                .field("username", username)
                .field("password", password)
                .finish(),
            FixedAuth::ApiKey {
                location,
                name,
                key,
            } => f
                .debug_struct("ApiKey")
                .field("location", location)
                .field("name", name)
                .field("key", key)
                .finish(),
        }
    }
}

/// Standard base64 with padding, as the Basic scheme (RFC 7617) requires.
pub(super) fn base64(input: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(input)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc4648_vectors() {
        for (plain, encoded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
            ("Aladdin:open sesame", "QWxhZGRpbjpvcGVuIHNlc2FtZQ=="),
        ] {
            assert_eq!(base64(plain.as_bytes()), encoded);
        }
    }

    #[tokio::test]
    async fn fixed_schemes_apply_where_declared() {
        let mut applied = Applied::default();
        FixedAuth::ApiKey {
            location: ApiKeyLocation::Header,
            name: "X-Api-Key",
            key: Sensitive::new("k1".into()),
        }
        .apply("key", &mut applied)
        .await
        .unwrap();
        FixedAuth::Basic {
            username: "Aladdin".into(),
            password: Sensitive::new("open sesame".into()),
        }
        .apply("basic", &mut applied)
        .await
        .unwrap();
        assert_eq!(applied.headers[0].0, "x-api-key");
        assert!(applied.headers[0].1.is_sensitive());
        assert_eq!(applied.headers[1].1, "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
        let bad = FixedAuth::Bearer(Sensitive::new("line\nbreak".into()))
            .apply("bearerAuth", &mut applied)
            .await
            .unwrap_err();
        assert!(bad.to_string().contains("bearerAuth") && !bad.to_string().contains("break"));
    }
}
