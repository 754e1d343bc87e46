//! When and how long to wait before trying a request again.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::time::{Duration, SystemTime};

use reqwest::header::{HeaderMap, RETRY_AFTER};
use reqwest::StatusCode;

/// Retries for throttling (429) and transient failures (502, 503, 504, connection errors,
/// timeouts).
///
/// By default only idempotent methods (GET, HEAD, PUT, DELETE, OPTIONS, TRACE) are
/// retried: repeating a POST after a timeout may create a second identity. A request that
/// never reached the server (the connection could not be opened) is retried whatever its
/// method, since nothing can have happened yet.
///
/// The wait before a retry is the server's hint when it gives one (`Retry-After` as
/// seconds or an HTTP date, else a top-level `retryAfter`/`retry_after` number of seconds
/// in a JSON body), otherwise exponential backoff with jitter, capped at
/// [`max_backoff`](RetryPolicy::max_backoff). A server hint longer than
/// [`max_delay`](RetryPolicy::max_delay) is not waited for: the response is returned to
/// the caller at once, so a server cannot stall the client for hours.
///
/// ```
/// use std::time::Duration;
/// use specgen_runtime::RetryPolicy;
/// let policy = RetryPolicy::default()
///     .max_attempts(5)
///     .initial_backoff(Duration::from_millis(100))
///     .max_delay(Duration::from_secs(30));
/// let off = RetryPolicy::none();
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
    max_delay: Duration,
    retry_non_idempotent: bool,
}

impl Default for RetryPolicy {
    /// 3 attempts, backoff from 250 ms up to 8 s, server hints honoured up to 60 s,
    /// idempotent methods only.
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(250),
            max_backoff: Duration::from_secs(8),
            max_delay: Duration::from_secs(60),
            retry_non_idempotent: false,
        }
    }
}

impl RetryPolicy {
    /// The default policy; see [`RetryPolicy::default`].
    pub fn new() -> Self {
        Self::default()
    }

    /// No retries at all: every request is sent once.
    pub fn none() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..Self::default()
        }
    }

    /// How many times a request is sent at most, the first time included (minimum 1).
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The backoff before the first retry; it doubles with each further retry.
    pub fn initial_backoff(mut self, backoff: Duration) -> Self {
        self.initial_backoff = backoff;
        self
    }

    /// The longest computed backoff (before jitter).
    pub fn max_backoff(mut self, backoff: Duration) -> Self {
        self.max_backoff = backoff;
        self
    }

    /// The longest server-requested wait that is honoured; a longer `Retry-After` ends the
    /// retries and returns the response.
    pub fn max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = delay;
        self
    }

    /// Also retry POST and PATCH. Only safe when the API deduplicates them (e.g. with an
    /// idempotency key).
    pub fn retry_non_idempotent(mut self, yes: bool) -> Self {
        self.retry_non_idempotent = yes;
        self
    }

    /// The configured maximum number of attempts.
    pub fn attempts(&self) -> u32 {
        self.max_attempts
    }

    pub(crate) fn allows_method(&self, idempotent: bool) -> bool {
        idempotent || self.retry_non_idempotent
    }

    /// The wait before retry number `retry` (1 for the first retry), when the server gave
    /// no hint: `initial * 2^(retry-1)`, capped, then drawn uniformly from its upper half
    /// so that many clients throttled together do not come back in lockstep.
    pub(crate) fn backoff(&self, retry: u32) -> Duration {
        let factor = 2u32.saturating_pow(retry.saturating_sub(1));
        let base = self
            .initial_backoff
            .saturating_mul(factor)
            .min(self.max_backoff);
        let half = base / 2;
        half + half.mul_f64(random_unit())
    }

    /// The server's hint, if it is within [`max_delay`](RetryPolicy::max_delay).
    /// `Err(())` means the server asked for a longer wait than allowed.
    pub(crate) fn hinted_delay(
        &self,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<Option<Duration>, ()> {
        match server_hint(headers, body) {
            Some(d) if d > self.max_delay => Err(()),
            hint => Ok(hint),
        }
    }
}

/// Statuses that say "try again later" rather than "this request is wrong".
pub(crate) fn is_retryable_status(status: StatusCode) -> bool {
    matches!(status.as_u16(), 429 | 502 | 503 | 504)
}

/// The wait a server asked for: the `Retry-After` header, else a top-level `retryAfter`
/// or `retry_after` number of seconds in a JSON body (as BitGo documents).
pub(crate) fn server_hint(headers: &HeaderMap, body: &[u8]) -> Option<Duration> {
    if let Some(value) = headers.get(RETRY_AFTER).and_then(|v| v.to_str().ok()) {
        if let Some(d) = parse_retry_after(value.trim(), SystemTime::now()) {
            return Some(d);
        }
    }
    body_hint(body)
}

fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = chrono::DateTime::parse_from_rfc2822(value).ok()?;
    let when = SystemTime::from(when);
    // A date in the past means "now".
    Some(when.duration_since(now).unwrap_or(Duration::ZERO))
}

fn body_hint(body: &[u8]) -> Option<Duration> {
    // Only small bodies: a hint lives in a short error object, and parsing a large
    // document just to look for one is not worth it.
    if body.is_empty() || body.len() > 64 * 1024 {
        return None;
    }
    let value: serde_json::Value = serde_json::from_slice(body).ok()?;
    let object = value.as_object()?;
    let hint = object
        .get("retryAfter")
        .or_else(|| object.get("retry_after"))?;
    let secs = match hint {
        serde_json::Value::Number(n) => n.as_f64()?,
        serde_json::Value::String(s) => s.trim().parse::<f64>().ok()?,
        _ => return None,
    };
    Duration::try_from_secs_f64(secs).ok()
}

/// A number in `[0, 1)`. Jitter needs no quality, only variety across processes and
/// calls, which the standard library's randomly keyed hasher provides without a
/// dependency.
fn random_unit() -> f64 {
    let mut hasher = RandomState::new().build_hasher();
    hasher.write_u128(
        SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default(),
    );
    (hasher.finish() >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    #[test]
    fn retry_after_seconds_and_dates() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(784_111_777); // 1994-11-06 08:49:37 GMT
        assert_eq!(
            parse_retry_after("120", now),
            Some(Duration::from_secs(120))
        );
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:47 GMT", now),
            Some(Duration::from_secs(10))
        );
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon", now), None);
        assert_eq!(parse_retry_after("-1", now), None);
    }

    #[test]
    fn body_hints() {
        let h = HeaderMap::new();
        assert_eq!(
            server_hint(&h, br#"{"error":"slow down","retryAfter":2}"#),
            Some(Duration::from_secs(2))
        );
        assert_eq!(
            server_hint(&h, br#"{"retry_after":0.5}"#),
            Some(Duration::from_millis(500))
        );
        assert_eq!(server_hint(&h, br#"{"retryAfter":-3}"#), None);
        assert_eq!(server_hint(&h, br#"{"nested":{"retryAfter":1}}"#), None);
        assert_eq!(server_hint(&h, b"not json"), None);
        let mut h = HeaderMap::new();
        h.insert(RETRY_AFTER, HeaderValue::from_static("3"));
        assert_eq!(
            server_hint(&h, br#"{"retryAfter":9}"#),
            Some(Duration::from_secs(3)),
            "the header wins over the body"
        );
    }

    #[test]
    fn long_hints_are_refused() {
        let p = RetryPolicy::default().max_delay(Duration::from_secs(5));
        let mut h = HeaderMap::new();
        h.insert(RETRY_AFTER, HeaderValue::from_static("3600"));
        assert_eq!(p.hinted_delay(&h, b""), Err(()));
        h.insert(RETRY_AFTER, HeaderValue::from_static("5"));
        assert_eq!(p.hinted_delay(&h, b""), Ok(Some(Duration::from_secs(5))));
    }

    #[test]
    fn backoff_grows_is_jittered_and_capped() {
        let p = RetryPolicy::default()
            .initial_backoff(Duration::from_millis(100))
            .max_backoff(Duration::from_millis(350));
        for _ in 0..50 {
            let first = p.backoff(1);
            assert!(first >= Duration::from_millis(50) && first <= Duration::from_millis(100));
            let second = p.backoff(2);
            assert!(second >= Duration::from_millis(100) && second <= Duration::from_millis(200));
            let late = p.backoff(30);
            assert!(late >= Duration::from_millis(175) && late <= Duration::from_millis(350));
        }
        let draws: std::collections::HashSet<_> = (0..20).map(|_| p.backoff(3)).collect();
        assert!(draws.len() > 1, "jitter varies");
    }

    #[test]
    fn statuses_and_methods() {
        for s in [429, 502, 503, 504] {
            assert!(is_retryable_status(StatusCode::from_u16(s).unwrap()));
        }
        for s in [400, 401, 404, 500, 501] {
            assert!(!is_retryable_status(StatusCode::from_u16(s).unwrap()));
        }
        assert!(!RetryPolicy::default().allows_method(false));
        assert!(RetryPolicy::default()
            .retry_non_idempotent(true)
            .allows_method(false));
        assert_eq!(RetryPolicy::none().attempts(), 1);
        assert_eq!(RetryPolicy::new().max_attempts(0).attempts(), 1);
    }
}
